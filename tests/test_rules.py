"""cables.rules on its own, in process: the file-local rules on one parsed file, the
corpus-wide rules over the facts of a few files, and the checks of output names; each
finding with its rule id, place, message and hint."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cables.corpus import AUTHORITY, DOCUMENT, Document
from cables.diagnostics import ERROR, WARNING
from cables.filecheck import extract_facts
from cables.pointers import unsafe_scheme, url_scheme
from cables.rules import (
    CorpusRules,
    check_output_names,
    date_bounds,
    file_rules,
    link_requirement,
    output_name_key,
)
from cables.xmlio import parse_xml

TEI = "http://www.tei-c.org/ns/1.0"


def tei(body: str, *, xml_id: str = "doc-1962-02-14-a", sent: str = "") -> str:
    """A small TEI file: `sent` is the attributes of the header's date of sending."""
    header = (
        f'<correspDesc><correspAction type="sent"><date {sent}/></correspAction></correspDesc>'
        if sent
        else ""
    )
    return (
        f'<TEI xmlns="{TEI}" xml:id="{xml_id}">\n'
        f"<teiHeader><profileDesc>{header}</profileDesc></teiHeader>\n"
        f"<text><body>\n{body}\n</body></text>\n"
        "</TEI>\n"
    )


def document(folder: Path, name: str, text: str, kind: str = DOCUMENT) -> Document:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Document(parse_xml(path), kind)


def local_findings(tmp_path: Path, body: str, **header) -> list[tuple]:
    found = file_rules(document(tmp_path, "1962-02-14-a.xml", tei(body, **header)), "a.xml")
    assert all(d.path == "a.xml" for d in found)
    return [(d.rule, d.severity, d.line, d.column, d.message) for d in found]


# -- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("1962", (date(1962, 1, 1), date(1962, 12, 31))),
        ("1964-02", (date(1964, 2, 1), date(1964, 2, 29))),
        ("1963-02", (date(1963, 2, 1), date(1963, 2, 28))),
        ("1962-10-27", (date(1962, 10, 27), date(1962, 10, 27))),
        ("27 October 1962", None),
        ("1962-1-2", None),
    ],
)
def test_date_bounds_span_the_days_an_iso_date_can_mean(value: str, bounds) -> None:
    assert date_bounds(value) == bounds


@pytest.mark.parametrize(
    ("value", "reason"),
    [("1962-13", "month must be 01 to 12, not 13"), ("1963-02-29", "February 1963 has 28 days")],
)
def test_date_bounds_refuse_days_that_do_not_exist(value: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        date_bounds(value)


def test_an_impossible_date_is_an_error_at_its_attribute(tmp_path: Path) -> None:
    found = local_findings(tmp_path, '<p>on <date when="1962-02-30">the day</date></p>')
    assert found == [
        (
            "date-invalid",
            ERROR,
            4,
            13,
            '@when="1962-02-30" is not a real date: February 1962 has 28 days, not 30',
        )
    ]


def test_a_range_that_runs_backwards_is_an_error(tmp_path: Path) -> None:
    found = local_findings(tmp_path, '<p><date notBefore="1962-03" notAfter="1962-02-28"/></p>')
    assert [(rule, message) for rule, _, _, _, message in found] == [
        ("date-range-order", '@notBefore="1962-03" is later than @notAfter="1962-02-28"')
    ]
    # Bounds that overlap are in order: a day may come from within the month that ends it.
    assert local_findings(tmp_path, '<p><date from="1962-02-15" to="1962-02"/></p>') == []


def test_a_date_later_than_the_document_is_an_error_unless_editorial(tmp_path: Path) -> None:
    body = '<p><date when="1962-03-15">then</date><date type="editorial" when="1970"/></p>'
    found = local_findings(tmp_path, body, sent='when="1962-02-14"')
    assert [(rule, message) for rule, _, _, _, message in found] == [
        (
            "date-after-document",
            "date 1962-03-15 is later than the document's own date (1962-02-14)",
        )
    ]
    # A document dated only by its month may mention any day of that month.
    assert local_findings(tmp_path, body, sent='when="1962-03"') == []
    # Without a date of its own, a document has nothing to be later than.
    assert local_findings(tmp_path, body) == []


# -- ids and links ------------------------------------------------------------------------


def test_a_document_id_must_match_its_file_name(tmp_path: Path) -> None:
    wrong = document(tmp_path, "1962-02-14-a.xml", tei("<p/>", xml_id="doc-1962-02-14-b"))
    [found] = file_rules(wrong, "a.xml")
    assert (found.rule, found.line, found.severity) == ("document-id-filename", 1, ERROR)
    assert found.hint == 'set xml:id="doc-1962-02-14-a" on <TEI>, or rename the file to match'
    # The id follows the name of the outputs, which a subfolder is part of.
    nested = Document(parse_xml(wrong.path), DOCUMENT, stem="03-001")
    [found] = file_rules(nested, "a.xml")
    assert '"doc-03-001"' in found.message
    # Authority files have ids of their own choosing.
    assert file_rules(Document(parse_xml(wrong.path), AUTHORITY), "a.xml") == []


@pytest.mark.parametrize(
    ("value", "scheme", "unsafe"),
    [
        ("https://example.org/", "https", None),
        ("MAILTO:a@example.org", "mailto", None),
        ("#pers-1", None, None),
        ("persons.xml#pers-1", None, None),
        ("javascript:alert(1)", "javascript", "javascript"),
        (" \x01JavaScript:x", "javascript", "javascript"),
        ("java\tscr\nipt:x", "javascript", "javascript"),
        ("data:text/html,x", "data", "data"),
    ],
)
def test_url_schemes_are_read_as_a_browser_reads_them(
    value: str, scheme: str | None, unsafe: str | None
) -> None:
    assert url_scheme(value) == scheme
    assert unsafe_scheme(value) == unsafe


def test_an_unsafe_link_is_a_warning_at_its_attribute(tmp_path: Path) -> None:
    body = '<p><ref target="#x https://ok.org javascript:go()">x</ref><ptr target="file:/etc"/></p>'
    found = local_findings(tmp_path, body)
    assert [(rule, severity, message) for rule, severity, _, _, message in found] == [
        (
            "link-unsafe-scheme",
            WARNING,
            "@target uses the 'javascript:' scheme, which the outputs drop",
        ),
        ("link-unsafe-scheme", WARNING, "@target uses the 'file:' scheme, which the outputs drop"),
    ]


def test_link_requirement_asks_names_for_entries_of_their_kind() -> None:
    from lxml import etree

    assert link_requirement("ref", etree.Element(f"{{{TEI}}}persName")) == "persName"
    assert link_requirement("ref", etree.Element(f"{{{TEI}}}rs", type="place")) == "rs:place"
    assert link_requirement("ref", etree.Element(f"{{{TEI}}}rs")) == "rs:"
    assert link_requirement("target", etree.Element(f"{{{TEI}}}persName")) == ""


# -- the corpus-wide rules ----------------------------------------------------------------

REGISTER = (
    f'<TEI xmlns="{TEI}"><teiHeader/><standOff>'
    '<listPerson><person xml:id="pers-kennedy"/><person xml:id="pers-unused"/></listPerson>\n'
    '<listPlace><place xml:id="place-havana"/></listPlace>'
    "</standOff></TEI>\n"
)


def corpus_rules(tmp_path: Path, documents: dict[str, str], **options) -> list:
    files = [document(tmp_path, "tei/authority/persons.xml", REGISTER, AUTHORITY)]
    files += [document(tmp_path, f"tei/documents/{n}", text) for n, text in documents.items()]
    facts = [extract_facts(file) for file in files]
    rules = CorpusRules(facts, {item.path for item in facts}, tmp_path, **options)
    return sorted((d.path, d.line, d.rule, d.message, d.hint) for d in rules.run())


def test_pointers_resolve_into_the_registers_and_other_files(tmp_path: Path) -> None:
    found = corpus_rules(
        tmp_path,
        {
            "a.xml": tei(
                '<p xml:id="p1"><persName ref="#pers-kennedy">K</persName>'
                '<ref target="b.xml#p2">b</ref><ref target="#p1">me</ref>'
                '<placeName key="place-havana">H</placeName></p>'
            ),
            "b.xml": tei('<p xml:id="p2"><ref target="a.xml">a</ref></p>'),
        },
    )
    assert found == [
        (
            "tei/authority/persons.xml",
            1,
            "authority-unused",
            'authority entry "pers-unused" is not referred to by any file',
            "tag a mention of it in a document, or remove the entry",
        )
    ]


def test_an_unresolved_pointer_suggests_the_nearest_id(tmp_path: Path) -> None:
    found = corpus_rules(
        tmp_path,
        {
            "a.xml": tei(
                '<p><persName ref="#pers-kenedy">K</persName></p>\n'
                '<p><ref target="b.xml#p22">b</ref><ref target="c.xml">c</ref></p>'
            ),
            "b.xml": tei('<p xml:id="p2"/>'),
        },
    )
    unresolved = [row for row in found if row[2] == "pointer-unresolved"]
    assert unresolved == [
        (
            "tei/documents/a.xml",
            4,
            "pointer-unresolved",
            '@ref="#pers-kenedy": no xml:id "pers-kenedy" in this file or in the registers',
            "did you mean `#pers-kennedy`?",
        ),
        (
            "tei/documents/a.xml",
            5,
            "pointer-unresolved",
            '@target="b.xml#p22": no xml:id "p22" in tei/documents/b.xml',
            "did you mean `b.xml#p2`?",
        ),
        (
            "tei/documents/a.xml",
            5,
            "pointer-unresolved",
            '@target="c.xml" points to a file that does not exist',
            "did you mean `b.xml`?",
        ),
    ]


def test_a_name_must_point_at_an_entry_of_its_kind(tmp_path: Path) -> None:
    found = corpus_rules(
        tmp_path, {"a.xml": tei('<p><persName ref="#place-havana">H</persName></p>')}
    )
    [wrong] = [row for row in found if row[2] == "ref-wrong-kind"]
    assert wrong[3] == '<persName> points at a <place> entry ("place-havana"), not a <person>'


def test_a_pointer_out_of_the_project_is_refused_without_looking(tmp_path: Path) -> None:
    project = tmp_path / "project"
    found = corpus_rules(project, {"a.xml": tei('<p><ref target="../../../x.xml#a">x</ref></p>')})
    [outside] = [row for row in found if row[2] == "pointer-outside"]
    assert outside[3] == '@target="../../../x.xml#a" points outside the project'


def test_ids_unique_across_the_corpus_only_when_the_edition_asks(tmp_path: Path) -> None:
    documents = {
        "a.xml": tei('<p xml:id="same"/>'),
        "b.xml": tei('<p xml:id="same"/>', xml_id="doc-b"),
    }
    assert not [row for row in corpus_rules(tmp_path, documents) if row[2] == "id-duplicate"]
    found = corpus_rules(tmp_path, documents, unique_ids="corpus")
    # Reported once, at the later file, pointing back at the first.
    assert [row[:4] for row in found if row[2] == "id-duplicate"] == [
        (
            "tei/documents/b.xml",
            4,
            "id-duplicate",
            'xml:id "same" is already used in tei/documents/a.xml line 4',
        )
    ]


def test_configured_registers_replace_the_authority_folder(tmp_path: Path) -> None:
    documents = {
        "a.xml": tei('<p><persName ref="#pers-x">X</persName></p>'),
        "b.xml": tei('<listPerson><person xml:id="pers-x"/></listPerson>', xml_id="doc-b"),
    }
    [unresolved] = [row for row in corpus_rules(tmp_path, documents) if row[2].startswith("p")]
    assert unresolved[3:] == (
        '@ref="#pers-x": no xml:id "pers-x" in this file or in the registers',
        "did you mean `b.xml#pers-x`? the id is defined in a file that is not a register; "
        "a bare #id means this file, then the registers",
    )
    # Named as the register, b.xml is where `#pers-x` leads.
    register = str(tmp_path / "tei" / "documents" / "b.xml")
    found = corpus_rules(tmp_path, documents, registers=[register])
    assert [row for row in found if row[2] != "authority-unused"] == []


# -- output names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [("Index.html", "index.html"), ("caf\u00e9.xml", "cafe\u0301.xml"), ("STRASSE", "strasse")],
)
def test_output_name_key_joins_names_file_systems_confuse(one: str, other: str) -> None:
    assert output_name_key(one) == output_name_key(other)
    assert output_name_key("a.html") != output_name_key("b.html")


def test_two_files_published_under_one_name_collide(tmp_path: Path) -> None:
    first, second = tmp_path / "tei" / "Memo.xml", tmp_path / "tei" / "front" / "memo.xml"
    search = tmp_path / "tei" / "search.xml"
    files = [
        (first, DOCUMENT),
        (second, "front"),
        (search, DOCUMENT),
        (tmp_path / "x.xml", DOCUMENT),
    ]
    found = check_output_names(files, tmp_path, {str(first), str(second), str(search)})
    assert sorted((d.path, d.rule, d.message) for d in found) == [
        (
            "tei/Memo.xml",
            "output-name-collision",
            "its output Memo.html collides with memo.html of tei/front/memo.xml "
            "(names that differ only in case or Unicode form)",
        ),
        (
            "tei/front/memo.xml",
            "output-name-collision",
            "its output memo.html collides with Memo.html of tei/Memo.xml "
            "(names that differ only in case or Unicode form)",
        ),
        (
            "tei/search.xml",
            "output-name-collision",
            "its output search.html would overwrite the site's own search.html",
        ),
    ]
