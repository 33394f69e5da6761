"""Every editorial statement of a document's header reaches the reader, beside what it
qualifies, on the web page and in print; @cert is shown in words with the values it
qualifies; each page shows its revision history and the changes page lists them.

Built in process from a copy of the repository's own edition (build_site and
write_print_html, once for the module); the slow test reads one per-document PDF.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from lxml import etree, html

from cables.config import load_edition
from cables.fidelity import pdf_text, printed_words, words_of
from cables.pdf import _Layout, write_print_html
from cables.site import build_site
from cables.transform import Stylesheets
from cables.xmlio import parse_xml
from conftest import REPOSITORY, copy_edition

TEI = "{http://www.tei-c.org/ns/1.0}"
LABELS = "{urn:cables:labels}"
BUILD_DATE = "2026-11-27"
DOCUMENTS = sorted((REPOSITORY / "tei" / "documents").glob("*.xml"))
# The document whose addressee the editors infer: its note must reach the PDF too.
INFERRED = REPOSITORY / "tei" / "documents" / "1961-11-24-reaction-22nd-congress.xml"


def label(key: str) -> str:
    root = etree.parse(str(REPOSITORY / "xslt" / "common" / "labels.xml")).getroot()
    return next(item.text or "" for item in root.iter(f"{LABELS}label") if item.get("key") == key)


def phrase(text: str) -> str:
    """Normalised words (fidelity.words_of) joined by spaces, to find one run in another."""
    return " ".join(words_of(text))


def words(element: html.HtmlElement) -> str:
    return phrase("".join(element.itertext()))


def header_notes(document: Path) -> list[etree._Element]:
    """The notes of the header that stand for themselves (not within another note)."""
    header = parse_xml(document).root.find(f"{TEI}teiHeader")
    assert header is not None
    return [
        note
        for note in header.iter(f"{TEI}note")
        if not any(ancestor.tag == f"{TEI}note" for ancestor in note.iterancestors())
    ]


def without_tooltips(page: html.HtmlElement) -> html.HtmlElement:
    """A page without its names' hover descriptions, which sit inside the running text."""
    for tip in page.xpath("//span[contains(concat(' ', @class, ' '), ' tip ')]"):
        tip.drop_tree()
    return page


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The project, its site and its print HTML folder."""
    project = copy_edition(tmp_path_factory.mktemp("header-notes") / "edition")
    edition = load_edition(project)
    stylesheets = Stylesheets(edition.xslt_dir)
    site = project / "build" / "site"
    site.mkdir(parents=True)
    build_site(edition, stylesheets, site, BUILD_DATE)
    print_dir = write_print_html(edition, stylesheets, BUILD_DATE, project / "build" / "scratch")
    return project, site, print_dir


def web_record(site: Path, document: Path) -> html.HtmlElement:
    page = without_tooltips(html.parse(str(site / f"{document.stem}.html")).getroot())
    return page.find(".//section[@class='metadata']")


def print_record(print_dir: Path, document: Path) -> html.HtmlElement:
    path = print_dir / "documents" / f"doc-{document.stem}.html"
    return html.parse(str(path)).getroot().find(".//section[@class='document']")


def test_the_shipped_documents_have_header_notes() -> None:
    counts = [len(header_notes(document)) for document in DOCUMENTS]
    assert len(DOCUMENTS) == 9 and all(counts) and sum(counts) > 20


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.stem)
def test_every_header_note_reaches_the_web_record_and_the_print_record(
    built, document: Path
) -> None:
    _, site, print_dir = built
    web, printed = words(web_record(site, document)), words(print_record(print_dir, document))
    for note in header_notes(document):
        text = phrase("".join(note.itertext()))
        assert text in web, f"web page lacks: {text}"
        assert text in printed, f"print HTML lacks: {text}"


def note_element(record: html.HtmlElement, note: etree._Element) -> html.HtmlElement:
    """The element of the record that shows the note: a note of a row, or of the list."""
    text = phrase("".join(note.itertext()))
    in_rows = ".//*[contains(concat(' ', @class, ' '), ' record-note ')]"
    shown = record.xpath(f"{in_rows} | .//ul[@class='record-notes']/li")
    matches = [element for element in shown if text in words(element)]
    assert len(matches) == 1, f"shown {len(matches)} times: {text}"
    return matches[0]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.stem)
def test_each_note_shows_its_type_in_words_and_links_its_sources(built, document: Path) -> None:
    _, site, _ = built
    record = web_record(site, document)
    for note in header_notes(document):
        if note.get("type") == "classification":
            continue  # the classification row's own value, its subtype in words
        shown = note_element(record, note)
        assert words(shown).startswith(phrase(label(f"note-{note.get('type')}")))
        links = {link.get("href") for link in shown.iter("a")}
        for source in (note.get("source") or "").split():
            if "bibliography.xml#" in source:
                assert "bibliography.html#" + source.split("#")[1] in links
            elif source.startswith("#"):
                assert source in links and record.xpath(f".//*[@id='{source[1:]}']")


def test_the_inferred_addressee_is_marked_probable_with_its_note_beside_it(built) -> None:
    _, site, print_dir = built
    probable = label("certainty-medium")
    for record in (web_record(site, INFERRED), print_record(print_dir, INFERRED)):
        rows = dict(zip(record.iter("dt"), record.iter("dd"), strict=True))
        row = {words(dt): dd for dt, dd in rows.items()}
        addressee, place = words(row["addressee"]), words(row["place"])
        assert addressee.startswith(phrase(f"Foreign Ministry ({probable}) Uncertain"))
        assert "the addressee is inferred" in addressee
        assert place.endswith(phrase(f"Beijing ({probable})"))


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.stem)
def test_every_value_with_cert_is_followed_by_its_certainty_in_words(built, document: Path) -> None:
    _, site, print_dir = built
    words_of_cert = {"medium": "certainty-medium", "low": "certainty-low"}
    qualified = [
        element
        for element in parse_xml(document).root.iter(
            f"{TEI}orgName", f"{TEI}persName", f"{TEI}placeName"
        )
        if element.get("cert")
        and any(a.tag == f"{TEI}correspAction" for a in element.iterancestors())
    ]
    for record in (web_record(site, document), print_record(print_dir, document)):
        shown = words(record)
        for element in qualified:
            certainty = label(words_of_cert[element.get("cert", "")])
            assert phrase(f"{element.text} ({certainty})") in shown
        # A class marks each value for the eye, beside the words.
        assert len(record.xpath(".//*[contains(@class, 'cert-')]")) >= len(qualified)


def long_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.stem)
def test_each_page_shows_its_revision_history(built, document: Path) -> None:
    _, site, _ = built
    changes = list(parse_xml(document).root.iter(f"{TEI}change"))
    items = web_record(site, document).findall(".//ol[@class='revisions']/li")
    assert changes and len(items) == len(changes)
    for change, item in zip(changes, items, strict=True):
        what = "".join(change.itertext())
        when = long_date(change.get("when", ""))
        assert words(item) == phrase(f"{when}, cables editorial team: {what}")
        assert item.find(".//a").get("href") == "organisations/org-cables-editors.html"


def test_the_changes_page_lists_the_version_and_every_change(built) -> None:
    project, site, _ = built
    page = html.parse(str(site / "changes.html")).getroot()
    main = page.find(".//main")
    assert phrase(f"version {load_edition(project).version}") in words(main)
    shown = words(main)
    linked = {link.get("href") for link in main.iter("a")}
    for document in DOCUMENTS:
        for change in document_changes(document):
            assert phrase("".join(change.itertext())) in shown
            assert long_date(change.get("when", "")) in " ".join(main.itertext())
        assert f"{document.stem}.html" in linked
    home = html.parse(str(site / "index.html")).getroot()
    assert home.xpath("//nav//a[@href='changes.html']")


def document_changes(document: Path) -> list[etree._Element]:
    return list(parse_xml(document).root.iter(f"{TEI}change"))


@pytest.mark.slow
def test_every_header_note_reaches_the_pdf(built, tmp_path: Path) -> None:
    project, _, print_dir = built
    edition = load_edition(project)
    when = datetime.fromisoformat(BUILD_DATE + "T00:00:00+00:00")
    layout = _Layout(edition, print_dir, tmp_path, when)
    source = project / "tei" / "documents" / INFERRED.name
    pdf = layout.document(source, INFERRED.stem)
    assert pdf is not None, layout.problems
    printed = " ".join(printed_words(pdf_text(pdf)))
    for note in header_notes(INFERRED):
        text = phrase("".join(note.itertext()))
        assert text in printed, f"PDF lacks: {text}"
    assert phrase(f"Foreign Ministry ({label('certainty-medium')})") in printed
