"""The book's layout: two passes of WeasyPrint for the work of about one and a half.

The indices print the pages of the mentions, which only a layout knows. The book is laid
out once (its indices without those pages), book.xsl then writes it again with them; as
the indices come after the main matter (the front matter's parts and the documents), the
main matter of the first layout is already that of the second. So only the rest of the
book, the preliminaries and the back matter (edition-outer.html, numbered on from where
the back matter begins), is laid out again, and its pages are joined around the main
matter's pages of the first layout into one WeasyPrint document: links, bookmarks and the
structure tree are made from the joined pages when it is written, as from a whole layout.

When the joined pages cannot be the whole book's (a part would not begin on a recto),
the whole book is laid out again instead; the result is the same, only slower.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint.document import Document

    from cables.pdf import PrintSources

OUTER = "edition-outer.html"
_STARTS = re.compile(r'data-main-start="([^"]*)" data-tail-start="([^"]*)"')


def book_document(sources: PrintSources) -> Document:
    """The laid-out pages of the book with the pages of its mentions in the indices; writes
    edition.html (the whole book, final) and edition-outer.html into the print folder."""
    from weasyprint.text.fonts import FontConfiguration

    from cables.pdf import _render, write_mention_pages

    fonts = FontConfiguration()
    book = sources.folder / "edition.html"
    first = _render(book, sources.folder, fonts)
    if not write_mention_pages(sources, anchor_pages(first), outer=True):
        return first  # no anchors: nothing to index, the first layout is the book
    outer = sources.folder / OUTER
    joined = _joined(first, _render(outer, sources.folder, fonts), outer)
    return joined if joined is not None else _render(book, sources.folder, fonts)


def anchor_pages(document: Document) -> str:
    """Where each anchor of a layout falls ("id:page" pairs, the first page 1)."""
    return " ".join(
        f"{anchor}:{number}"
        for number, page in enumerate(document.pages, start=1)
        for anchor in page.anchors
    )


def _joined(first: Document, outer: Document, html: Path) -> Document | None:
    """The preliminaries of `outer`, the main matter of `first`, the back matter of
    `outer`, as one document; None when they do not fit together."""
    text = html.read_text(encoding="utf-8")
    # In the attributes of <body>, before any text that could hold the same words.
    found = _STARTS.search(text, text.find("<body "))
    if found is None:
        return None
    main_start, tail_start = found.groups()
    starts = (
        _page_of(first, main_start),
        _page_of(first, tail_start),
        _page_of(outer, tail_start),
    )
    # Each begins a part, on a recto (an even index from 0), in both layouts.
    if any(start is None or start % 2 for start in starts):
        return None
    main, tail, outer_tail = (start or 0 for start in starts)
    pages = [*outer.pages[:outer_tail], *first.pages[main:tail], *outer.pages[outer_tail:]]
    joined = outer.copy(pages)
    # The elements of its pages' boxes, for the structure tree's repair (pdf_structure.py).
    joined.html_trees = [first._html.etree_element, outer._html.etree_element]
    return joined


def _page_of(document: Document, anchor: str) -> int | None:
    """The index (from 0) of the first page that holds `anchor`."""
    return next(
        (index for index, page in enumerate(document.pages) if anchor in page.anchors), None
    )


__all__ = ["OUTER", "anchor_pages", "book_document"]
