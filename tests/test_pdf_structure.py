"""The book's structure tree (PDF/UA-1 and the tagged PDF/A-3a), walked with pypdf.

The book is laid out as the build lays it out (its main matter joined with the rest laid out
again, pdf_book.py) and once whole, in process, from the print HTML the build writes; each
test reads the tree of the PDF itself and compares it with that HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest
from lxml import etree, html
from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject

from cables.config import load_edition
from cables.pdf import ACCESSIBLE, ARCHIVAL, PdfTarget, PrintSources, lay_out, write_print_sources
from cables.pdf_book import book_document
from cables.transform import Stylesheets
from conftest import copy_edition

# The whole book is laid out (about 10 s): not for the quick suite.
pytestmark = pytest.mark.slow

BUILD_DATE = "2025-11-27"
#: Print HTML classes print.css does not show as reading matter: the running-head sources
#: (display: none) and the 1 pt edition title that feeds the running heads.
NOT_READING_MATTER = ("running-head", "edition-name")


@dataclass
class Element:
    """One structure element: its type, page, attributes and children in order."""

    tag: str
    page: int | None
    attributes: dict
    parent: Element | None = None
    kids: list[Element] = field(default_factory=list)
    mcids: list[int] = field(default_factory=list)

    def descendants(self):
        for kid in self.kids:
            yield kid
            yield from kid.descendants()

    def pages(self) -> set[int]:
        found = {self.page} if self.mcids and self.page is not None else set()
        for kid in self.kids:
            found |= kid.pages()
        return found


@dataclass
class Book:
    reader: PdfReader
    root: Element
    #: (page index, MCID) → the structure element that the parent tree names, or None.
    parent_tree: dict[tuple[int, int], int | None]
    reachable: set[int]

    def elements(self, tag: str) -> list[Element]:
        return [element for element in self.root.descendants() if element.tag == tag]


def read_book(path: Path) -> Book:
    reader = PdfReader(path)
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    reachable: set[int] = set()

    def build(node: DictionaryObject, parent: Element | None, number: int | None) -> Element:
        page = node.get("/Pg")
        element = Element(
            str(node.get("/S")),
            pages.get(page.idnum) if page is not None else None,
            {key: node[key] for key in ("/Lang", "/ID", "/Alt", "/A") if key in node},
            parent,
        )
        if number is not None:
            reachable.add(number)
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else []
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            if isinstance(kid, int):
                element.mcids.append(int(kid))
                continue
            target = kid.get_object()
            if target.get("/Type") == "/OBJR":
                continue
            kid_number = kid.idnum if isinstance(kid, IndirectObject) else None
            element.kids.append(build(target, element, kid_number))
        return element

    root = build(tree, None, None)
    parent_tree: dict[tuple[int, int], int | None] = {}
    nums = tree["/ParentTree"].get_object()["/Nums"]
    for index in range(0, len(nums), 2):
        entry = nums[index + 1]
        if isinstance(entry, IndirectObject):
            entry = entry.get_object()
        if isinstance(entry, ArrayObject):
            for mcid, target in enumerate(entry):
                parent_tree[(int(nums[index]), mcid)] = (
                    target.idnum if isinstance(target, IndirectObject) else None
                )
    return Book(reader, root, parent_tree, reachable)


def write_book_sources(project: Path) -> PrintSources:
    """The first pass of the print HTML of the edition in `project`."""
    edition = load_edition(project)
    return write_print_sources(
        edition, Stylesheets.for_edition(edition), BUILD_DATE, project / "build" / "scratch"
    )


def lay_out_variants(sources: PrintSources, joined: bool) -> dict[str, Book]:
    """The book laid out once, joined from parts as the build does or whole, written as
    both variants, each read back."""
    when = datetime(2025, 11, 27, tzinfo=UTC)
    prefix = "joined-" if joined else ""
    print_dir = sources.folder
    accessible, archival = print_dir / f"{prefix}ua.pdf", print_dir / f"{prefix}a.pdf"
    targets = [PdfTarget(archival, ARCHIVAL), PdfTarget(accessible, ACCESSIBLE)]
    document = partial(book_document, sources) if joined else None
    lay_out(print_dir / "edition.html", targets, when, print_dir, document)
    return {f"{prefix}accessible": read_book(accessible), f"{prefix}archival": read_book(archival)}


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> PrintSources:
    return write_book_sources(copy_edition(tmp_path_factory.mktemp("structure") / "edition"))


def lay_out_books(sources: PrintSources) -> dict[str, Book]:
    """Both variants of the book, joined and laid out whole."""
    # The joined book first: it writes the final print HTML, which the whole one lays out.
    joined = lay_out_variants(sources, joined=True)
    return {**joined, **lay_out_variants(sources, joined=False)}


@pytest.fixture(scope="module")
def books(sources: PrintSources) -> dict[str, Book]:
    return lay_out_books(sources)


@pytest.fixture(scope="module")
def print_html(sources: PrintSources, books: dict[str, Book]) -> Path:  # noqa: ARG001 - written
    return sources.folder


@pytest.fixture(scope="module")
def page(print_html: Path) -> etree._ElementTree:
    return html.parse(str(print_html / "edition.html"))


@pytest.fixture(params=["accessible", "archival", "joined-accessible", "joined-archival"])
def book(request, books: dict[str, Book]) -> Book:
    return books[request.param]


def has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def reading_matter(page: etree._ElementTree, tag: str) -> list[etree._Element]:
    hidden = " or ".join(has_class(name) for name in NOT_READING_MATTER)
    return page.xpath(f"//body//{tag}[not(ancestor-or-self::*[{hidden}])]")


def test_one_paragraph_element_per_paragraph_whatever_the_page_breaks(
    book: Book, page: etree._ElementTree
) -> None:
    paragraphs = book.elements("/P")
    assert len(paragraphs) == len(reading_matter(page, "p"))
    # Paragraphs do cross pages in this book: each is still one element.
    assert any(len(paragraph.pages()) > 1 for paragraph in paragraphs)


def test_one_section_element_per_section_not_per_page(book: Book, page: etree._ElementTree) -> None:
    sections = book.elements("/Sect")
    # Every section, and the contents (a nav), is one Sect.
    assert len(sections) == len(page.xpath("//section")) + len(page.xpath("//nav"))
    assert len(sections) != len(book.reader.pages)
    assert any(len(section.pages()) > 1 for section in sections)


def test_footnotes_are_notes_read_after_their_call(book: Book, page: etree._ElementTree) -> None:
    notes = book.elements("/Note")
    assert len(notes) == len(page.xpath(f"//*[{has_class('footnote')}]"))
    identifiers = [note.attributes.get("/ID") for note in notes]
    assert None not in identifiers and len(set(identifiers)) == len(identifiers)
    for note in notes:
        siblings = note.parent.kids
        position = siblings.index(note)
        # Just before it, in the text it annotates, its call (the superscript number).
        assert note.parent.tag not in ("/NonStruct", "/Document"), note.attributes
        assert position > 0 and siblings[position - 1].tag == "/Reference", note.attributes
        assert note.kids[0].tag == "/Lbl", note.attributes


def marked_operations(book: Book, index: int):
    """The page's content operations, each with the marked-content sequences around it
    (tag, MCID or None), outermost first."""
    contents = book.reader.pages[index].get_contents()
    stack: list[tuple[str, int | None]] = []
    for operands, operator in ContentStream(contents, book.reader).operations:
        if operator == b"BDC":
            properties = operands[1]
            mcid = properties.get("/MCID") if isinstance(properties, DictionaryObject) else None
            stack.append((str(operands[0]), None if mcid is None else int(mcid)))
        elif operator == b"BMC":
            stack.append((str(operands[0]), None))
        elif operator == b"EMC":
            stack.pop()
        yield operands, operator, tuple(stack)


def test_running_heads_and_folios_are_artifacts(book: Book) -> None:
    pages_with_artifact_text = 0
    for index in range(len(book.reader.pages)):
        artifact_text = False
        for _, operator, stack in marked_operations(book, index):
            if operator == b"BDC" and stack[-1][1] is not None:
                # Every piece of tagged content belongs to the tree.
                target = book.parent_tree[(index, stack[-1][1])]
                assert target in book.reachable, (index + 1, stack)
            elif operator in (b"Tj", b"TJ") and any(tag == "/Artifact" for tag, _ in stack):
                artifact_text = True
        pages_with_artifact_text += artifact_text
    # The folios (and running heads) are text on nearly every page, outside the tree.
    # The blank pages (before a part opening on a right-hand page) have none, nor the
    # title pages, the imprint and the colophon.
    blank = sum(not page.extract_text().strip() for page in book.reader.pages)
    assert pages_with_artifact_text >= len(book.reader.pages) - blank - 4


def test_contents_is_toc_with_toci(book: Book, page: etree._ElementTree) -> None:
    (contents,) = [element for element in book.elements("/TOC") if element.parent.tag != "/TOCI"]
    entries = [element for element in contents.descendants() if element.tag == "/TOCI"]
    assert len(entries) == len(page.xpath(f"//nav[{has_class('toc')}]//li"))
    assert all(kid.tag in ("/TOCI", "/TOC") for kid in contents.kids)
    # Each entry's link sits in a Reference, one of the kinds of element a TOCI may hold.
    for entry in entries:
        assert {kid.tag for kid in entry.kids} <= {"/Reference", "/TOC"}, entry.kids
        assert [kid.kids[0].tag for kid in entry.kids if kid.tag == "/Reference"] == ["/Link"]
    links_in_links = [
        link for link in book.elements("/Link") if link.parent and link.parent.tag == "/Link"
    ]
    assert links_in_links == []


def test_record_terms_and_values_are_paired(book: Book, page: etree._ElementTree) -> None:
    pairs = [
        item
        for item in book.elements("/LI")
        if [kid.tag for kid in item.kids] == ["/Lbl", "/LBody"]
    ]
    assert len(pairs) == len(reading_matter(page, "dt")) == len(reading_matter(page, "dd"))
    assert not [item for item in book.elements("/LI") if not item.kids]


def test_foreign_spans_carry_their_language(book: Book) -> None:
    languages = Counter(
        str(element.attributes["/Lang"]).split("-")[0]
        for element in book.root.descendants()
        if "/Lang" in element.attributes
    )
    assert languages["zh"] >= 1 and languages["ro"] >= 1


def test_no_hidden_text_in_the_tree(book: Book) -> None:
    for index in range(len(book.reader.pages)):
        for operands, operator, stack in marked_operations(book, index):
            tagged = stack and stack[-1][1] is not None
            if operator == b"Tf" and tagged:
                # Text sizes are in CSS px (the page is scaled by 0.75): 2 px is 1.5 pt.
                assert float(operands[1]) >= 2, (index + 1, operands)
    first = book.root.kids[0].kids[0]
    assert first.tag == "/Sect", "the hidden edition title no longer opens the tree"


@pytest.mark.parametrize("prefix", ["", "joined-"])
def test_variants_keep_their_identification(books: dict[str, Book], prefix: str) -> None:
    for name, marker in (("archival", b'pdfaid:part="3"'), ("accessible", b"pdfuaid:part")):
        catalog = books[prefix + name].reader.trailer["/Root"]
        assert marker in catalog["/Metadata"].get_object().get_data()
        assert catalog["/MarkInfo"]["/Marked"]
        assert re.fullmatch(r"[a-z]{2}", str(catalog["/Lang"]))


def outline(reader: PdfReader, items=None) -> list:
    """The bookmarks: each title with its page (from 0), and those under it."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found.append(outline(reader, item))
        else:
            found.append((item.title, reader.get_destination_page_number(item)))
    return found


def links(reader: PdfReader) -> list[list[tuple]]:
    """Each page's links: where each is and the page (from 0) or address it goes to."""
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    named = {
        name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()
    }
    found = []
    for page in reader.pages:
        on_page = []
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            action = annotation.get("/A", {})
            target = annotation.get("/Dest", action.get("/D", action.get("/URI")))
            if isinstance(target, ArrayObject):
                target = pages[target[0].idnum]
            elif target in named:
                target = named[target]
            rect = tuple(round(float(value), 2) for value in annotation["/Rect"])
            on_page.append((rect, target))
        found.append(on_page)
    return found


@pytest.mark.parametrize("variant", ["accessible", "archival"])
def test_the_joined_book_is_the_book_laid_out_whole(books: dict[str, Book], variant: str) -> None:
    whole, joined = books[variant].reader, books[f"joined-{variant}"].reader
    assert len(joined.pages) == len(whole.pages)
    for number, (ours, theirs) in enumerate(zip(joined.pages, whole.pages, strict=True)):
        assert ours.extract_text() == theirs.extract_text(), f"page {number + 1}"
    assert outline(joined) == outline(whole)
    assert links(joined) == links(whole)
    assert sorted(joined.named_destinations) == sorted(whole.named_destinations)
    tags = Counter(element.tag for element in books[f"joined-{variant}"].root.descendants())
    assert tags == Counter(element.tag for element in books[variant].root.descendants())
