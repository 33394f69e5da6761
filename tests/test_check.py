"""`cables check`: every rule has a document that breaks it and the fixture that satisfies it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cables.check import check
from cables.config import load_edition
from cables.corpus import DOCUMENT
from cables.errors import CablesError
from cables.filecheck import FileChecker
from conftest import FIXTURE_DOCUMENT, replace_in

pytestmark = pytest.mark.slow

PERSONS = "tei/authority/persons.xml"

# (rule id, file, text to replace, replacement, severity, words the message must contain,
#  expected line: None means the line where the replacement starts, an int is a fixed line)
BREAKING = [
    (
        "well-formed",
        FIXTURE_DOCUMENT,
        "<head>Summary</head>",
        "<head>Summary</hed>",
        "error",
        "not well-formed",
        None,
    ),
    (
        "xsd",
        FIXTURE_DOCUMENT,
        '<text type="telegram">',
        '<text type="letter">',
        "error",
        "letter",
        None,
    ),
    (
        "name-without-ref",
        FIXTURE_DOCUMENT,
        '<persName ref="../authority/persons.xml#per-peng-zhen">Peng Zhen</persName>',
        "<persName>Peng Zhen</persName>",
        "error",
        'persName "Peng Zhen" has no @ref',
        None,
    ),
    (
        "note-without-resp",
        FIXTURE_DOCUMENT,
        '<note type="editorial" resp="../authority/organisations.xml#org-editors">',
        '<note type="editorial">',
        "error",
        "@resp",
        None,
    ),
    (
        "classification-without-mark",
        FIXTURE_DOCUMENT,
        '<note type="classification" subtype="top-secret">',
        '<note type="classification">',
        "error",
        "classification note must name the mark",
        None,
    ),
    (
        "subtype-outside-classification",
        FIXTURE_DOCUMENT,
        '<note type="editorial" resp=',
        '<note type="editorial" subtype="secret" resp=',
        "error",
        'only allowed on note type="classification"',
        None,
    ),
    (
        "quote-without-source",
        FIXTURE_DOCUMENT,
        '<quote source="../authority/bibliography.xml#bib-blog">',
        "<quote>",
        "error",
        "quotation must point to its source",
        None,
    ),
    (
        "date-when-and-range",
        FIXTURE_DOCUMENT,
        '<date when="1962-02-22">',
        '<date when="1962-02-22" notBefore="1962-02-01">',
        "error",
        "cannot be combined",
        None,
    ),
    (
        "date-without-value",
        FIXTURE_DOCUMENT,
        '<date when="1962-02-22">22 February</date>',
        "<date>22 February</date>",
        "error",
        'date "22 February" has no ISO value',
        None,
    ),
    (
        "header-title",
        FIXTURE_DOCUMENT,
        '<title type="main">Summary report on an attitude</title>',
        '<title type="sub">Summary report on an attitude</title>',
        "error",
        "no main title",
        4,
    ),
    (
        "header-date",
        FIXTURE_DOCUMENT,
        '<date when="1962-02-14">14 February 1962</date>',
        "",
        "error",
        "does not say when the document was sent",
        4,
    ),
    (
        "header-licence",
        FIXTURE_DOCUMENT,
        '<licence target="https://creativecommons.org/licenses/by/4.0/">',
        '<licence target="licence.html">',
        "error",
        "no licence with a URL",
        4,
    ),
    (
        "document-type",
        FIXTURE_DOCUMENT,
        '<text type="telegram">',
        "<text>",
        "error",
        "document type is missing",
        4,
    ),
    (
        "status-with-gap",
        FIXTURE_DOCUMENT,
        'status="partly-summarised"',
        'status="summarised"',
        "error",
        "parts are marked as not seen",
        None,
    ),
    (
        "pointer-unresolved",
        FIXTURE_DOCUMENT,
        "persons.xml#per-peng-zhen",
        "persons.xml#per-peng-zen",
        "error",
        'no xml:id "per-peng-zen" in tei/authority/persons.xml',
        None,
    ),
    (
        "pointer-unresolved",
        FIXTURE_DOCUMENT,
        "../authority/persons.xml#",
        "../authority/person.xml#",
        "error",
        "a file that does not exist",
        None,
    ),
    (
        "ref-wrong-kind",
        FIXTURE_DOCUMENT,
        '<placeName ref="../authority/places.xml#pl-bucharest">Bucharest</placeName>',
        '<placeName ref="../authority/persons.xml#per-peng-zhen">Bucharest</placeName>',
        "error",
        '<placeName> points at a <person> entry ("per-peng-zhen"), not a <place>',
        None,
    ),
    (
        "link-unsafe-scheme",
        FIXTURE_DOCUMENT,
        '<ref target="#doc-1962-02-14-attitude-report-s1">',
        '<ref target="javascript:alert(1)">',
        "warning",
        "'javascript:' scheme",
        None,
    ),
    (
        "id-duplicate",
        FIXTURE_DOCUMENT,
        '<div type="not-summarised">',
        '<div type="not-summarised" xml:id="per-peng-zhen">',
        "error",
        'xml:id "per-peng-zhen" is already used in tei/authority/persons.xml line',
        None,
    ),
    (
        "date-invalid",
        FIXTURE_DOCUMENT,
        '<date when="1962-02-22">',
        '<date when="1962-02-30">',
        "error",
        "February 1962 has 28 days, not 30",
        None,
    ),
    (
        "date-invalid",
        FIXTURE_DOCUMENT,
        '<date when="1962-02-22">',
        '<date when="1962-13-01">',
        "error",
        "month must be 01 to 12",
        None,
    ),
    (
        "date-range-order",
        FIXTURE_DOCUMENT,
        '<date when="1962-02-22">',
        '<date notBefore="1962-02-22" notAfter="1962-02-01">',
        "error",
        '@notBefore="1962-02-22" is later than @notAfter="1962-02-01"',
        None,
    ),
    (
        "date-after-document",
        FIXTURE_DOCUMENT,
        '<date when="1962-02-22">',
        '<date when="1962-03-22">',
        "error",
        "date 1962-03-22 is later than the document's own date (1962-02-24)",
        None,
    ),
    (
        "document-id-filename",
        FIXTURE_DOCUMENT,
        'xml:id="doc-1962-02-14-attitude-report" ',
        'xml:id="doc-1962-02-14-attitude" ',
        "error",
        'asks for "doc-1962-02-14-attitude-report"',
        None,
    ),
    (
        "summary-to-write",
        FIXTURE_DOCUMENT,
        '<div type="summary" xml:id="doc-1962-02-14-attitude-report-s1">',
        '<div type="summary"><head>Summary</head><gap reason="not-seen"/></div>\n'
        '      <div type="context" xml:id="doc-1962-02-14-attitude-report-s1">',
        "warning",
        "the summary is still to be written",
        None,
    ),
    (
        "authority-unused",
        PERSONS,
        "    </listPerson>",
        '      <person xml:id="per-nobody"><persName>Nobody</persName></person>\n    </listPerson>',
        "warning",
        'authority entry "per-nobody" is not referred to',
        None,
    ),
]


def run_check(project: Path, paths: list[Path] | None = None):
    return check(load_edition(project), paths)


def test_fixture_edition_satisfies_every_rule(edition_project: Path) -> None:
    result = run_check(edition_project)
    assert result.diagnostics == []
    assert result.files_checked == 5


@pytest.mark.parametrize(
    "rule, relative, old, new, severity, message, fixed_line",
    BREAKING,
    ids=[f"{case[0]}-{index}" for index, case in enumerate(BREAKING)],
)
def test_rule_reports_breaking_document(
    edition_project: Path, rule, relative, old, new, severity, message, fixed_line
) -> None:
    path = edition_project / relative
    line = replace_in(path, old, new) if new else _remove(path, old)
    expected_line = fixed_line or line
    findings = [d for d in run_check(edition_project).diagnostics if d.rule == rule]
    assert findings, f"rule {rule} did not fire"
    finding = findings[0]
    assert finding.path == relative
    assert finding.severity == severity
    assert message in finding.message
    assert finding.line == expected_line
    assert finding.column >= 1


def _remove(path: Path, old: str) -> int:
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, "", 1), encoding="utf-8")
    return line


def test_header_without_source_is_reported(edition_project: Path) -> None:
    path = edition_project / FIXTURE_DOCUMENT
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        r"<sourceDesc>.*?</sourceDesc>",
        "<sourceDesc><p>Unknown.</p></sourceDesc>",
        text,
        flags=re.S,
    )
    path.write_text(text, encoding="utf-8")
    findings = [d for d in run_check(edition_project).diagnostics if d.rule == "header-source"]
    assert [(f.line, f.severity) for f in findings] == [(4, "error")]


def test_near_miss_id_gets_did_you_mean_hint(edition_project: Path) -> None:
    line = replace_in(edition_project / FIXTURE_DOCUMENT, "#per-peng-zhen", "#per-peng-zen")
    (finding,) = [
        d for d in run_check(edition_project).diagnostics if d.rule == "pointer-unresolved"
    ]
    assert finding.hint == "did you mean `../authority/persons.xml#per-peng-zhen`?"
    text = (edition_project / FIXTURE_DOCUMENT).read_text(encoding="utf-8").splitlines()
    # The column points at the attribute, so an editor lands on the pointer itself.
    assert text[line - 1][finding.column - 1 :].startswith(
        'ref="../authority/persons.xml#per-peng-zen"'
    )


def test_id_defined_in_another_file_suggests_that_file(edition_project: Path) -> None:
    replace_in(
        edition_project / FIXTURE_DOCUMENT, "persons.xml#per-peng-zhen", "places.xml#per-peng-zhen"
    )
    (finding,) = [
        d for d in run_check(edition_project).diagnostics if d.rule == "pointer-unresolved"
    ]
    assert "did you mean `../authority/persons.xml#per-peng-zhen`?" in finding.hint


def test_missing_file_suggests_a_close_file_name(edition_project: Path) -> None:
    replace_in(
        edition_project / FIXTURE_DOCUMENT, "../authority/persons.xml#", "../authority/person.xml#"
    )
    (finding,) = [
        d for d in run_check(edition_project).diagnostics if d.rule == "pointer-unresolved"
    ]
    assert finding.hint == "did you mean `../authority/persons.xml#per-peng-zhen`?"


def test_editorial_date_may_be_later_than_the_document(edition_project: Path) -> None:
    replace_in(
        edition_project / FIXTURE_DOCUMENT,
        '<date when="1962-02-22">',
        '<date when="1962-03-22" type="editorial">',
    )
    assert run_check(edition_project).diagnostics == []


def test_variant_sending_date_counts_as_the_documents_latest_date(edition_project: Path) -> None:
    # The fixture's reception on 22 February only fits the variant date of 24 February.
    path = edition_project / FIXTURE_DOCUMENT
    _remove(
        path,
        '<date type="variant" when="1962-02-24" '
        'source="../authority/bibliography.xml#bib-blog">24 February 1962</date>',
    )
    rules = {d.rule for d in run_check(edition_project).diagnostics}
    assert "date-after-document" in rules


def test_month_and_year_dates_are_accepted(edition_project: Path) -> None:
    replace_in(
        edition_project / FIXTURE_DOCUMENT,
        '<date when="1962-02-22">',
        '<date notBefore="1962-01" notAfter="1962">',
    )
    assert run_check(edition_project).diagnostics == []


def test_checking_named_files_reports_only_on_them(edition_project: Path) -> None:
    replace_in(
        edition_project / PERSONS,
        "</person>\n",
        '</person>\n      <person xml:id="per-nobody"><persName>Nobody</persName></person>\n',
    )
    document = edition_project / FIXTURE_DOCUMENT
    result = run_check(edition_project, [document])
    assert result.diagnostics == []
    assert result.files_checked == 1
    result = run_check(edition_project, [edition_project / PERSONS])
    assert [d.rule for d in result.diagnostics] == ["authority-unused"]


def test_file_outside_the_corpus_is_checked_against_it(edition_project: Path) -> None:
    outside = edition_project / "drafts"
    outside.mkdir()
    draft = outside / "draft.xml"
    text = (edition_project / FIXTURE_DOCUMENT).read_text(encoding="utf-8")
    draft.write_text(text.replace("../authority/", "../tei/authority/"), encoding="utf-8")
    result = run_check(edition_project, [draft])
    # Pointers resolve relative to the draft; the id rule only applies inside tei/documents,
    # but the draft's ids collide with the corpus document it was copied from.
    assert {d.rule for d in result.diagnostics} == {"id-duplicate"}


def test_every_unused_entry_of_a_large_register_is_located(edition_project: Path) -> None:
    # Each of 3,000 unused entries is reported at its own line and column; entries share
    # lines in pairs, so the same-line count is exercised too.
    entries = "".join(
        f'\n      <person xml:id="per-extra-{n}"><persName>Extra {n}</persName></person>'
        f'<person xml:id="per-twin-{n}"><persName>Twin {n}</persName></person>'
        for n in range(1500)
    )
    replace_in(edition_project / PERSONS, "</listPerson>", entries + "\n    </listPerson>")
    text = (edition_project / PERSONS).read_text(encoding="utf-8")
    lines = text.splitlines()

    result = run_check(edition_project)

    unused = {
        d.message.split('"')[1]: d for d in result.diagnostics if d.rule == "authority-unused"
    }
    for n in (0, 777, 1499):
        for name in (f"per-extra-{n}", f"per-twin-{n}"):
            found = unused[name]
            assert f'xml:id="{name}"' in lines[found.line - 1]
            assert lines[found.line - 1][found.column - 1 :].startswith(f'xml:id="{name}"')


def test_content_errors_are_findings_and_environment_errors_are_raised(tmp_path: Path) -> None:
    # What a file says (not well-formed, a DOCTYPE, too large) is a finding about it; a
    # file that cannot be read at all stops the check with the reason (exit status 2).
    checker = FileChecker(tmp_path / "unused.xsd", tmp_path / "unused.sch", tmp_path, False)
    broken = tmp_path / "broken.xml"
    broken.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><p></TEI>', encoding="utf-8")
    doctype = tmp_path / "doctype.xml"
    doctype.write_text("<!DOCTYPE TEI []>\n<TEI/>", encoding="utf-8")
    for path, rule in ((broken, "well-formed"), (doctype, "well-formed")):
        result = checker.check(path, DOCUMENT)
        assert [(d.path, d.rule, d.severity) for d in result.diagnostics] == [
            (path.name, rule, "error")
        ]
        assert result.facts is None
    with pytest.raises(CablesError) as raised:
        checker.check(tmp_path / "missing.xml", DOCUMENT)
    assert (raised.value.message, raised.value.exit_status) == ("no such file", 2)
    assert not raised.value.about_content
