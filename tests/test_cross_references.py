"""References across the edition's texts and the lists that gather them: a pointer to a
note of another document ("no. 7, n. 8"), the index of documents cited, the bibliography
(web and print) and the index lines of the registers, on the web and in the print HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html

from cables.config import load_edition
from cables.pdf import write_print_html
from cables.site import build_site
from cables.transform import Stylesheets
from conftest import copy_edition, replace_in

# write_print_html lays the book out once (WeasyPrint, in this process) to learn its pages.
pytestmark = pytest.mark.slow

NOTE_ID = "n-cross-reference"
CITING = "doc-1963-04-18-recent-situation"
CITED = "doc-1963-05-09-cc-notification"


@dataclass(frozen=True)
class Built:
    site: Path
    print_dir: Path

    def page(self, name: str) -> html.HtmlElement:
        return html.parse(str(self.site / name)).getroot()

    @property
    def book(self) -> html.HtmlElement:
        return html.parse(str(self.print_dir / "edition.html")).getroot()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """The repository's edition, with one pointer added: no. 6 points to a note of no. 7."""
    project = copy_edition(tmp_path_factory.mktemp("references") / "edition")
    documents = project / "tei" / "documents"
    note = (
        '<note type="uncertainty" resp="../authority/organisations.xml#org-cables-editors" '
        'source="../authority/bibliography.xml#bib-hong-blog">These statemen'
    )
    replace_in(
        documents / "1963-05-09-cc-notification.xml",
        note,
        note.replace("<note ", f'<note xml:id="{NOTE_ID}" '),
    )
    replace_in(
        documents / "1963-04-18-recent-situation.xml",
        "The report finds that the quarrel between",
        f'(See <ref target="1963-05-09-cc-notification.xml#{NOTE_ID}"/>.) '
        "The report finds that the quarrel between",
    )
    edition = load_edition(project)
    stylesheets = Stylesheets(edition.xslt_dir)
    site = project / "build" / "site"
    site.mkdir(parents=True)
    build_site(edition, stylesheets, site, "2026-11-27")
    print_dir = write_print_html(edition, stylesheets, "2026-11-27", project / "scratch")
    return Built(site, print_dir)


def words(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def cited_note_number(built: Built) -> str:
    """The number the web page of no. 7 gives the note pointed to (its note-N anchor)."""
    page = built.page("1963-05-09-cc-notification.html")
    (item,) = [
        li
        for li in page.iter("li")
        if li.get("id", "").startswith("note-") and "These statemen" in words(li)
    ]
    return item.get("id").removeprefix("note-")


# ------------------------------------------------------------ a note of another document


def test_a_pointer_to_a_note_of_another_document_names_document_and_note_on_the_web(
    built: Built,
) -> None:
    number = cited_note_number(built)
    page = built.page("1963-04-18-recent-situation.html")
    (link,) = [
        a
        for a in page.iter("a")
        if a.get("href", "").endswith(f"#note-{number}")
        and a.get("href", "").startswith("1963-05-09")
    ]
    assert words(link) == f"no. 7, n. {number}"
    assert link.get("href") == f"1963-05-09-cc-notification.html#note-{number}"


def test_in_the_book_it_links_to_the_footnote_for_its_page(built: Built) -> None:
    number = cited_note_number(built)
    book = built.book
    (link,) = book.iterfind(".//a[@class='note-xref']")
    assert words(link) == f"no.\u00a07, n.\u00a0{number}" or words(link) == f"no. 7, n. {number}"
    target = link.get("href").removeprefix("#")
    assert target == f"{CITED}-note-{number}"
    (footnote,) = book.xpath(f"//*[@id='{target}']")
    assert footnote.get("class") == "footnote" and "These statemen" in words(footnote)
    assert "a.note-xref::after" in book.findtext(".//style")


def test_alone_in_its_pdf_the_document_names_the_note_without_a_page(built: Built) -> None:
    number = cited_note_number(built)
    page = html.parse(
        str(built.print_dir / "documents" / f"doc-{CITING.removeprefix('doc-')}.html")
    )
    assert not page.getroot().findall(".//a[@class='note-xref']")
    assert f"(See no. 7, n. {number}.)" in " ".join(words(page.getroot()).split())


# ------------------------------------------------------------ the index of documents cited


def test_the_index_of_documents_cited_lists_each_cited_document_with_its_citations(
    built: Built,
) -> None:
    book = built.book
    index = book.find(".//section[@id='index-documents-cited']")
    assert index is not None and words(index.find("h1")) == "Index of documents cited"
    entries = {li.get("data-entry"): li for li in index.iter("li")}
    # Every document (not a front part) the book links to from another text, and no other.
    cited = {a.get("href").removeprefix("#") for a in book.iterfind(".//a[@class='document-ref']")}
    assert set(entries) == {target for target in cited if target.startswith("doc-")} | {CITED}
    # Each entry: number, short title, then one page per citation, linked to it.
    seven = entries[CITED]
    assert words(seven.find("span[@class='index-name']")).replace("\u00a0", " ") == "no. 7"
    assert words(seven.find("span[@class='index-description']"))
    links = [a.get("href").removeprefix("#") for a in seven.iterfind(".//a")]
    citations = {
        a.get("id")
        for a in book.iter("a")
        if a.get("class") in ("document-ref", "note-xref", "doc-ref")
        and a.get("href") in (f"#{CITED}", f"#{CITED}-note-{cited_note_number(built)}")
    }
    assert set(links) <= citations and links
    assert all(re.fullmatch(r"\d+", words(a)) for a in seven.iterfind(".//a"))
    contents = [words(a) for a in book.find(".//nav[@id='contents']").iter("a")]
    assert contents.index("Index of documents cited") == contents.index("Bibliography") - 1


# ------------------------------------------------------------ the bibliography


BIBLIOGRAPHY_ORDER = (
    "Hong, Liye.",
    "Li Danhui and Xia Yafeng.",
    "Maurer, Ion Gheorghe.",
    "Niu Jun.",
)


def bibliography_groups(section: html.HtmlElement) -> list[tuple[str, list[str]]]:
    return [
        (words(heading), [words(li) for li in heading.getnext().iter("li")])
        for heading in section.iter("h2")
    ]


@pytest.mark.parametrize("where", ["web", "print"])
def test_the_bibliography_inverts_the_first_author_and_sorts_by_surname(
    built: Built, where: str
) -> None:
    section = (
        built.page("bibliography.html").find(".//main")
        if where == "web"
        else built.book.find(".//section[@id='bibliography']")
    )
    groups = bibliography_groups(section)
    published = groups[0][1]
    starts = [next(e for e in published if e.startswith(name)) for name in BIBLIOGRAPHY_ORDER]
    assert [published.index(e) for e in starts] == sorted(published.index(e) for e in starts)
    # Nobody forename first; the German weekly under Z, by its title without the article.
    assert not any(e.startswith(("Liye Hong", "Ion Gheorghe Maurer")) for e in published)
    assert published[-1].startswith("Die Zeit.")
    # The archive apart from the published works, as in the corpus's own groups.
    headings = [heading for heading, _ in groups]
    assert len(headings) == 3 and "archive" in headings[1].lower()
    assert all(not e.startswith("Records of the Chinese") for e in published)


# ------------------------------------------------------------ index lines of the registers


def test_index_lines_give_life_dates_as_years_and_no_date_for_an_undated_event(
    built: Built,
) -> None:
    book = built.book
    ambassador = book.find(".//li[@data-entry='per-ro-ambassador-prc-1963']")
    assert words(ambassador.find("span[@class='index-description']")).startswith("1918–1970;")
    assert not re.search(r"\d{4}-\d{2}", words(book.find(".//section[@id='index-persons']")))
    plenum = book.find(".//li[@data-entry='ev-tenth-plenum']")
    assert plenum.find("span[@class='index-description']") is None
    assert words(plenum).count("Tenth Plenary Session") == 1
