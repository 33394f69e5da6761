"""Tables in the print edition's structure tree, and the warning when it cannot be repaired.

A small edition (the golden project) whose documents hold tables, one of them long enough to
cross pages, and enough documents for the book's list of documents to cross pages too (its
head is drawn again on each page): its book is laid out once, in process, as `cables build`
lays it out, and its tree read back from the PDF.
"""

from __future__ import annotations

import copy
import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import test_pdf_structure
from lxml import etree
from test_pdf_structure import (
    Book,
    Element,
    lay_out_books,
    read_book,
    reading_matter,
    write_book_sources,
)

import cables.pdf
from cables.pdf import ACCESSIBLE, PdfTarget, PrintSources, lay_out
from cables.xmlio import TEI_NS, parse_xml

GOLDEN = Path(__file__).resolve().parent / "golden"
#: Rows added to the first document's table, so that it crosses a page.
LONG_TABLE_ROWS = 70
#: Documents in the edition, so that the list of documents crosses a page.
DOCUMENTS = 45
TEI = f"{{{TEI_NS}}}"


def tables_edition(project: Path) -> Path:
    """The golden project with DOCUMENTS copies of the golden input "tables", the first
    with a long table."""
    shutil.copytree(GOLDEN / "project", project)
    documents = project / "tei" / "documents"
    documents.mkdir()
    source = parse_xml(GOLDEN / "input" / "tables.xml").root
    for number in range(1, DOCUMENTS + 1):
        tei = copy.deepcopy(source)
        tei.set("{http://www.w3.org/XML/1998/namespace}id", f"doc-tables-{number:02}")
        for table in tei.iter(f"{TEI}table"):
            if table.get("{http://www.w3.org/XML/1998/namespace}id"):
                table.set("{http://www.w3.org/XML/1998/namespace}id", f"prices-{number:02}")
        if number == 1:
            table = next(tei.iter(f"{TEI}table"))
            for row_number in range(LONG_TABLE_ROWS):
                row = etree.SubElement(table, f"{TEI}row")
                etree.SubElement(row, f"{TEI}cell", role="label").text = f"Good {row_number}"
                etree.SubElement(row, f"{TEI}cell").text = f"{row_number} lei"
                etree.SubElement(row, f"{TEI}cell").text = "no note"
        etree.ElementTree(tei).write(
            str(documents / f"tables-{number:02}.xml"), encoding="UTF-8", xml_declaration=True
        )
    return project


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> PrintSources:
    return write_book_sources(tables_edition(tmp_path_factory.mktemp("tables") / "edition"))


@pytest.fixture(scope="module")
def books(sources: PrintSources) -> dict[str, Book]:
    return lay_out_books(sources)


@pytest.fixture(scope="module")
def print_html(sources: PrintSources, books: dict[str, Book]) -> Path:  # noqa: ARG001 - written
    return sources.folder


# The print HTML and each book variant, as test_pdf_structure has them: of this edition.
page = test_pdf_structure.page
book = test_pdf_structure.book


def of(element: Element, tag: str) -> list[Element]:
    return [kid for kid in element.descendants() if kid.tag == tag]


@pytest.mark.slow
def test_one_table_element_per_table_whatever_the_page_breaks(
    book: Book, page: etree._ElementTree
) -> None:
    tables = book.elements("/Table")
    html_tables = reading_matter(page, "table")
    assert len(tables) == len(html_tables)
    # Both the long document table and the list of documents cross pages here.
    crossing = [table for table in tables if len(table.pages()) > 1]
    assert len(crossing) >= 2
    for table, html_table in zip(tables, html_tables, strict=True):
        groups = [kid.tag for kid in table.kids if kid.tag != "/Caption"]
        # A head read once, then the body: the repeated heads are no rows of their own.
        assert groups == [
            f"/{group.tag[:2].upper()}{group.tag[2:]}"
            for group in html_table
            if group.tag != "caption"
        ]
        assert len(of(table, "/TR")) == len(html_table.xpath(".//tr"))
        assert len(of(table, "/TH")) == len(html_table.xpath(".//th"))
        assert len(of(table, "/TD")) == len(html_table.xpath(".//td"))
        for row in of(table, "/TR"):
            assert {kid.tag for kid in row.kids} <= {"/TH", "/TD"}, row.kids
    captions = [kid for table in tables for kid in table.kids if kid.tag == "/Caption"]
    assert len(captions) == len(reading_matter(page, "caption"))


@pytest.mark.slow
def test_cells_name_header_cells_in_the_tree(book: Book) -> None:
    identifiers = {str(header.attributes["/ID"]) for header in book.elements("/TH")}
    assert len(identifiers) == len(book.elements("/TH"))
    named = [
        str(name) for cell in book.elements("/TD") for name in cell.attributes["/A"]["/Headers"]
    ]
    # The list of documents names its column heads, also on the pages after the first.
    assert len(named) >= DOCUMENTS * 4
    assert set(named) <= identifiers


@pytest.mark.slow
def test_the_other_repairs_still_happen(book: Book, page: etree._ElementTree) -> None:
    sections = book.elements("/Sect")
    assert len(sections) == len(page.xpath("//section")) + len(page.xpath("//nav"))
    assert len(book.elements("/P")) == len(reading_matter(page, "p"))
    assert book.elements("/TOC") and book.elements("/TOCI")
    pairs = [
        item for item in book.elements("/LI") if [k.tag for k in item.kids] == ["/Lbl", "/LBody"]
    ]
    assert len(pairs) == len(reading_matter(page, "dt"))
    # Every piece of tagged content is in the tree (the repeated heads are artifacts).
    assert all(target in book.reachable for target in book.parent_tree.values() if target)


def broken_repair(document, pdf, name: str = "the PDF") -> None:
    """The repair, on tags one element short of the boxes: a layout it does not know."""
    structure = pdf.objects[int(pdf.catalog["StructTreeRoot"].split()[0])]
    top = pdf.objects[int(structure["K"][0].split()[0])]
    top["K"].pop()
    repair(document, pdf, name=name)


repair = cables.pdf.repair_structure


def test_a_layout_it_does_not_know_is_a_warning(tmp_path, monkeypatch, caplog) -> None:
    source = tmp_path / "page.html"
    source.write_text(
        '<html lang="en"><head><title>T</title></head><body><p>One.</p><p>Two.</p></body></html>',
        encoding="utf-8",
    )
    monkeypatch.setattr(cables.pdf, "repair_structure", broken_repair)
    target = tmp_path / "page.pdf"
    with caplog.at_level(logging.WARNING, logger="cables"):
        lay_out(
            source, [PdfTarget(target, ACCESSIBLE)], datetime(2025, 11, 27, tzinfo=UTC), tmp_path
        )
    (warning,) = [record for record in caplog.records if record.name == "cables"]
    assert warning.levelno == logging.WARNING
    message = warning.getMessage()
    assert message.startswith("page.pdf: ") and "left as WeasyPrint wrote it" in message
    assert "page 1" in message and "has no element" in message
    # The PDF is still written, with WeasyPrint's own tags.
    assert read_book(target).elements("/P")
