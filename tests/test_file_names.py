"""File names in the findings are escaped like `ls -b`: a name cannot break a line of the
text output, inject escape sequences into a terminal, or make the JSON or JUnit invalid."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from lxml import etree

from cables.diagnostics import ERROR, Diagnostic, display_path, escape_name, to_junit
from cables.errors import CablesError
from conftest import FIXTURE_DOCUMENT, run_cables

#: Raw name (bytes, as on disk) and how the findings must show it.
NAMES = [
    (b"1963-01-01-a\nb.xml", "1963-01-01-a\\nb.xml"),
    (b"1963-01-02-\x1b[31mred.xml", "1963-01-02-\\033[31mred.xml"),
    (b"1963-01-03-tab\there.xml", "1963-01-03-tab\\there.xml"),
    (b"1963-01-04-back\\slash.xml", "1963-01-04-back\\\\slash.xml"),
    ("1963-01-05-\u202eright.xml".encode(), "1963-01-05-\\342\\200\\256right.xml"),
]
NOT_UTF8 = (b"1963-01-06-\xff.xml", "1963-01-06-\\377.xml")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("plain-café.xml", "plain-café.xml"),
        ("a\nb", "a\\nb"),
        ("a\rb\x07", "a\\rb\\a"),
        ("\x1b[2J", "\\033[2J"),
        ("\x7f", "\\177"),
        ("back\\slash", "back\\\\slash"),
        ("\u2028line", "\\342\\200\\250line"),
        ("bytes-\udcff", "bytes-\\377"),
        ("space and 漢字", "space and 漢字"),
    ],
)
def test_escape_name_is_like_ls_b(name: str, shown: str) -> None:
    assert escape_name(name) == shown


def test_display_path_escapes_and_messages_lose_control_characters(tmp_path: Path) -> None:
    assert display_path(tmp_path / "tei" / "a\nb.xml", tmp_path) == "tei/a\\nb.xml"
    finding = Diagnostic("x.xml", 1, 1, ERROR, "r", "bad \x1b[31m name\n", "hint\x1b")
    assert finding.message == "bad \\033[31m name\\n" and finding.hint == "hint\\033"
    assert str(CablesError("cannot read", path="tei/a\nb.xml")).startswith(
        "tei/a\\nb.xml: error: cannot read"
    )


def test_junit_with_a_control_character_in_a_path_is_valid_xml() -> None:
    report = to_junit([Diagnostic("a\x01b.xml", 1, 1, ERROR, "r", "m")], ["a\x01b.xml"])
    etree.fromstring(report.encode("utf-8"))  # no ValueError while writing, none reading


@pytest.fixture
def awkward_project(edition_project: Path) -> Path:
    documents = os.fsencode(edition_project / "tei" / "documents")
    source = os.fsencode(edition_project / FIXTURE_DOCUMENT)
    for raw, _ in [*NAMES, NOT_UTF8]:
        shutil.copyfile(source, os.path.join(documents, raw))
    return edition_project


def _no_raw_controls(text: str) -> None:
    for character in ("\x1b", "\t", "\r", "\u202e", "\x07"):
        assert character not in text, repr(character)


@pytest.mark.slow
def test_text_output_shows_escaped_names_one_finding_a_line(awkward_project: Path) -> None:
    result = run_cables("check", cwd=awkward_project)
    assert result.returncode == 1
    _no_raw_controls(result.stdout + result.stderr)
    lines = result.stdout.splitlines()
    for _, shown in [*NAMES, NOT_UTF8]:
        assert any(line.startswith(f"tei/documents/{shown}:") for line in lines), shown
    # Every line is a finding, its hint, or the summary: no name broke a line in two.
    assert all(
        line.startswith(("tei/", "  hint: ")) or line.endswith(" warnings") for line in lines
    ), lines
    refused = [line for line in lines if line.endswith("[corpus-file-refused]")]
    assert refused == [
        f"tei/documents/{NOT_UTF8[1]}:1:1: error: {NOT_UTF8[1]} has a name that is not valid "
        "UTF-8; it is not read, checked or published [corpus-file-refused]"
    ]


@pytest.mark.slow
def test_json_output_shows_escaped_names(awkward_project: Path) -> None:
    result = run_cables("check", "--format", "json", cwd=awkward_project)
    assert result.returncode == 1
    _no_raw_controls(result.stdout)
    paths = {finding["path"] for finding in json.loads(result.stdout)["diagnostics"]}
    assert {f"tei/documents/{shown}" for _, shown in [*NAMES, NOT_UTF8]} <= paths
    assert not any("\n" in path for path in paths)


@pytest.mark.slow
def test_junit_output_is_valid_xml_with_escaped_names(awkward_project: Path) -> None:
    result = run_cables("check", "--format", "junit", cwd=awkward_project)
    assert result.returncode == 1
    _no_raw_controls(result.stdout)
    report = etree.fromstring(result.stdout.encode("utf-8"))
    cases = {case.get("name"): case for case in report.iter("testcase")}
    for _, shown in [*NAMES, NOT_UTF8]:
        case = cases[f"tei/documents/{shown}"]
        assert case.get("file") == f"tei/documents/{shown}"
        assert case.find("failure") is not None
    assert report.get("tests") == str(len(cases)) == "11"  # 4 authority files, 7 documents
