"""cables.diagnostics on its own: findings ordered and aggregated, and the three report
formats (text, JSON, JUnit XML), escaping included, without running the checker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from cables.diagnostics import (
    AGGREGATE_OVER,
    ERROR,
    EXAMPLES,
    WARNING,
    Diagnostic,
    aggregate,
    count,
    display_path,
    escape_text,
    sort_diagnostics,
    summary_line,
    to_json,
    to_junit,
)


def finding(path: str, line: int, rule: str = "r", severity: str = ERROR, **fields) -> Diagnostic:
    return Diagnostic(path, line, 1, severity, rule, fields.pop("message", f"m{line}"), **fields)


# -- values and order ---------------------------------------------------------------------


def test_findings_sort_by_file_then_line_and_lose_duplicates() -> None:
    found = [finding("b.xml", 1), finding("a.xml", 10), finding("a.xml", 2), finding("a.xml", 2)]
    assert [(d.path, d.line) for d in sort_diagnostics(found)] == [
        ("a.xml", 2),
        ("a.xml", 10),
        ("b.xml", 1),
    ]


def test_text_line_has_place_severity_message_rule_and_hint() -> None:
    shown = Diagnostic(
        "tei/a.xml", 3, 7, WARNING, "rule-x", "something odd", "do this"
    ).format_text()
    assert shown == "tei/a.xml:3:7: warning: something odd [rule-x]\n  hint: do this"
    assert "hint" not in finding("a.xml", 1).format_text()


def test_fields_are_the_seven_of_a_single_finding_in_order() -> None:
    diagnostic = Diagnostic("a.xml", 1, 2, ERROR, "r", "m", "h", count=5, examples=("x",))
    assert diagnostic.fields() == ["a.xml", 1, 2, ERROR, "r", "m", "h"]


def test_count_adds_what_aggregated_findings_stand_for() -> None:
    found = [
        finding("a.xml", 1, count=30),
        finding("a.xml", 2),
        finding("b.xml", 1, severity=WARNING),
    ]
    assert count(found, ERROR) == 31
    assert count(found, WARNING) == 1


@pytest.mark.parametrize(
    ("errors", "warnings", "files", "expected"),
    [
        (0, 0, 1, "1 file checked: 0 errors, 0 warnings"),
        (1, 1, 2, "2 files checked: 1 error, 1 warning"),
        (2, 3, 0, "0 files checked: 2 errors, 3 warnings"),
    ],
)
def test_summary_line_counts_with_plurals(
    errors: int, warnings: int, files: int, expected: str
) -> None:
    found = [finding("a.xml", n) for n in range(errors)]
    found += [finding("a.xml", 100 + n, severity=WARNING) for n in range(warnings)]
    assert summary_line(found, files) == expected


# -- aggregation --------------------------------------------------------------------------


def test_a_rule_at_the_threshold_in_one_file_is_shown_finding_by_finding() -> None:
    found = [finding("a.xml", n) for n in range(1, AGGREGATE_OVER + 1)]
    assert aggregate(found) == sort_diagnostics(found)


def test_more_than_the_threshold_of_one_rule_in_one_file_become_one_finding() -> None:
    found = [finding("a.xml", n) for n in range(1, AGGREGATE_OVER + 2)]
    [shown] = aggregate(found)
    assert (shown.line, shown.count, shown.files) == (1, AGGREGATE_OVER + 1, 1)
    assert shown.examples == tuple(f"a.xml:{n}:1: m{n}" for n in range(2, 2 + EXAMPLES))
    text = shown.format_text()
    assert f"and {AGGREGATE_OVER:,} more [r] in this file (--verbose lists them all)" in text
    assert text.splitlines()[2] == "    a.xml:2:1: m2"


def test_aggregation_keeps_rules_and_severities_apart() -> None:
    errors = [finding("a.xml", n) for n in range(1, 4)]
    warnings = [finding("a.xml", n, severity=WARNING) for n in range(1, 4)]
    other = [finding("a.xml", n, rule="s") for n in range(1, 4)]
    shown = aggregate(errors + warnings + other, over=2)
    assert sorted((d.rule, d.severity, d.count) for d in shown) == [
        ("r", ERROR, 3),
        ("r", WARNING, 3),
        ("s", ERROR, 3),
    ]


def test_one_message_repeated_across_many_files_becomes_one_finding() -> None:
    found = [finding(f"d{n:02}.xml", 1, message="no register bio.xml") for n in range(5)]
    [shown] = aggregate(found, over=4)
    assert (shown.path, shown.count, shown.files) == ("d00.xml", 5, 5)
    assert shown.examples == ("d01.xml:1:1", "d02.xml:1:1", "d03.xml:1:1")
    assert "and 4 more [r] across 5 files" in shown.format_text()
    # Different messages are different problems: never merged across files.
    distinct = [finding(f"d{n:02}.xml", 1, message=f"no {n}") for n in range(5)]
    assert aggregate(distinct, over=4) == sort_diagnostics(distinct)


def test_a_finding_aggregated_in_its_file_is_not_merged_again_across_files() -> None:
    in_one = [finding("a.xml", n, message="same") for n in range(1, 4)]
    elsewhere = [finding("b.xml", 1, message="same"), finding("c.xml", 1, message="same")]
    shown = aggregate(in_one + elsewhere, over=2)
    assert [(d.path, d.count, d.files) for d in shown] == [
        ("a.xml", 3, 1),
        ("b.xml", 1, 1),
        ("c.xml", 1, 1),
    ]


# -- escaping -----------------------------------------------------------------------------


def test_escape_text_is_idempotent_and_keeps_backslashes() -> None:
    once = escape_text("a\x1b[31m\\n b\u202e")
    assert once == "a\\033[31m\\n b\\342\\200\\256"
    assert escape_text(once) == once


def test_display_path_is_relative_inside_the_project_and_whole_outside(tmp_path: Path) -> None:
    project = tmp_path / "edition"
    assert display_path(project / "tei" / "a.xml", project) == "tei/a.xml"
    assert display_path(str(project / "tei" / "a.xml"), str(project) + "/") == "tei/a.xml"
    # A sibling folder that shares the project's name as a prefix is outside it.
    outside = tmp_path / "edition-old" / "a.xml"
    assert display_path(outside, project) == str(outside)


# -- JSON ---------------------------------------------------------------------------------


def test_json_report_has_totals_and_every_field_of_every_finding() -> None:
    found = [
        Diagnostic("tei/é.xml", 2, 3, ERROR, "r", "bad «x»", "fix", count=4, examples=("e",)),
        finding("tei/b.xml", 1, severity=WARNING),
    ]
    text = to_json(found, files_checked=7)
    assert "é" in text and "«x»" in text  # readable, not \u-escaped
    report = json.loads(text)
    assert (report["files_checked"], report["errors"], report["warnings"]) == (7, 4, 1)
    assert report["diagnostics"][0] == {
        "path": "tei/é.xml",
        "line": 2,
        "column": 3,
        "severity": ERROR,
        "rule": "r",
        "message": "bad «x»",
        "hint": "fix",
        "count": 4,
        "examples": ["e"],
        "files": 1,
    }


def test_json_report_of_a_control_character_in_a_message_stays_on_one_line() -> None:
    text = to_json([finding("a.xml", 1, message="line\nbreak\x1b")], files_checked=1)
    assert json.loads(text)["diagnostics"][0]["message"] == "line\\nbreak\\033"


# -- JUnit --------------------------------------------------------------------------------


def junit(found: list[Diagnostic], files: list[str]) -> etree._Element:
    return etree.fromstring(to_junit(found, files).encode("utf-8"))


def test_junit_has_a_case_per_file_checked_and_a_failure_per_error() -> None:
    found = [
        finding("tei/documents/a.xml", 1),
        finding("tei/documents/a.xml", 2),
        finding("tei/documents/a.xml", 4),
        finding("tei/documents/a.xml", 3, severity=WARNING, message="odd"),
        finding("edition.xml", 1),
    ]
    report = junit(found, ["tei/documents/a.xml", "tei/documents/clean.xml"])
    [suite] = report
    assert (report.get("tests"), report.get("failures")) == ("3", "4")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "4", "0")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert list(cases) == ["tei/documents/a.xml", "tei/documents/clean.xml", "edition.xml"]
    failing = cases["tei/documents/a.xml"]
    assert failing.get("classname") == "tei.documents"
    assert [f.get("message") for f in failing.iter("failure")] == ["m1", "m2", "m4"]
    assert failing.find("failure").text == "tei/documents/a.xml:1:1: error: m1 [r]"
    # A warning does not fail its file; it is shown in the case's output.
    assert failing.findtext("system-out") == "tei/documents/a.xml:3:1: warning: odd [r]"
    assert len(cases["tei/documents/clean.xml"]) == 0
    assert cases["edition.xml"].get("classname") == "cables"


def test_junit_failure_message_says_how_many_findings_it_stands_for() -> None:
    many = [finding("a.xml", n) for n in range(1, 4)]
    report = junit(aggregate(many, over=2), ["a.xml"])
    [failure] = report.iter("failure")
    assert failure.get("message") == "m1 (and 2 more in this file)"
    assert failure.get("type") == "r"


def test_junit_escapes_markup_in_file_names_and_messages() -> None:
    name = 'tei/a&b <"c">.xml'
    message = "<p> & </p> ]]> \x01"
    report = junit([finding(name, 1, message=message)], [name])
    [case] = report.iter("testcase")
    assert case.get("name") == case.get("file") == name
    failure = case.find("failure")
    # The control character is escaped when the finding is made, so the XML stays valid.
    assert failure.get("message") == "<p> & </p> ]]> \\001"
    assert failure.text.startswith(f"{name}:1:1: error: <p> & </p>")
