"""The print edition: xslt/print/book.xsl writes print HTML, WeasyPrint lays it out as PDF.

Produces the book (PDF/A-3a: archival, tagged, with the TEI sources attached), an
accessible PDF/UA-1 variant of it, and one PDF/A-3a per document with its own source.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from cables.config import Edition
from cables.corpus import DOCUMENT, FRONT, corpus_files, output_stem
from cables.diagnostics import ERROR, Diagnostic, display_path
from cables.errors import EXIT_INVALID, CablesError
from cables.figures import copy_figures, find_figures
from cables.manifest import write_manifest
from cables.pdf_book import OUTER, anchor_pages, book_document
from cables.pdf_cache import PdfState
from cables.pdf_structure import repair_structure
from cables.pool import WorkerPool
from cables.transform import ParameterValue, Stylesheets
from cables.xmlio import MAX_ELEMENT_DEPTH, TEI_NS, parse_xml

if TYPE_CHECKING:
    from weasyprint import Attachment
    from weasyprint.document import Document
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

BOOK_STYLESHEET = "print/book.xsl"
PRINT_CSS = "print/print.css"
#: Python frames WeasyPrint's layout takes for each level of nesting, with a margin.
RECURSION_PER_LEVEL = 20
#: Font families the print stylesheet needs, and the Debian package that provides each.
REQUIRED_FONTS = {
    "Noto Serif": "fonts-noto-core",
    "Noto Serif CJK SC": "fonts-noto-cjk",
}
BOOK = "edition.pdf"
BOOK_ACCESSIBLE = "edition-ua.pdf"


@dataclass(frozen=True)
class PdfVariant:
    """One kind of PDF the build writes, and what it is for."""

    name: str
    pdf_variant: str
    description: str


ARCHIVAL = PdfVariant("archival", "pdf/a-3a", "PDF/A-3a: archival and tagged, TEI sources attached")
ACCESSIBLE = PdfVariant("accessible", "pdf/ua-1", "PDF/UA-1: tagged for assistive technology")


def missing_fonts() -> list[tuple[str, str]]:
    """Required font families fontconfig cannot find, with the package that has each."""
    missing = []
    for family, package in REQUIRED_FONTS.items():
        try:
            found = subprocess.run(
                ["fc-list", f":family={family}", "family"],
                capture_output=True,
                text=True,
                timeout=60,
            ).stdout
        except (OSError, subprocess.TimeoutExpired):
            found = ""
        if not found.strip():
            missing.append((family, package))
    return missing


#: The blocks of text (paragraphs, notes, list items, verse lines, headings) the print
#: edition lays out in one document, and in the book. WeasyPrint took 548 s and 1.2 GB for
#: one document of 5,000 paragraphs with 5,000 notes (three layouts: book, accessible book,
#: the document's own PDF), about ten times that for ten times the text: beyond these, a
#: build would run for an hour with no end in sight, so it is refused before it starts.
MAX_PRINT_BLOCKS = 10_000
MAX_BOOK_BLOCKS = 50_000
_BLOCKS = tuple(f"{{{TEI_NS}}}{name}" for name in ("p", "ab", "note", "item", "l", "head"))


def require_printable(edition: Edition) -> None:
    """Refuse, before any layout, a corpus too large for the print edition (exit 1)."""
    total = 0
    for path, kind in corpus_files(edition):
        if kind not in (DOCUMENT, FRONT):
            continue
        blocks = sum(1 for _ in parse_xml(path).root.iter(_BLOCKS))
        total += blocks
        if blocks > MAX_PRINT_BLOCKS:
            raise CablesError(
                f"the document has {blocks:,} paragraphs, notes and other blocks, more than "
                f"the {MAX_PRINT_BLOCKS:,} the print edition lays out in one document",
                path=path,
                line=1,
                hint="split it into several documents, or build the web edition alone: "
                "cables build html",
                exit_status=EXIT_INVALID,
            )
    if total > MAX_BOOK_BLOCKS:
        raise CablesError(
            f"the corpus has {total:,} paragraphs, notes and other blocks, more than the "
            f"{MAX_BOOK_BLOCKS:,} the print edition lays out in one book",
            path=edition.root / "edition.toml",
            hint="build the web edition alone: cables build html",
            exit_status=EXIT_INVALID,
        )


def require_fonts() -> None:
    """Raise a CablesError naming the fonts the PDF needs that are not installed."""
    missing = missing_fonts()
    if missing:
        families = ", ".join(family for family, _ in missing)
        packages = " ".join(sorted({package for _, package in missing}))
        raise CablesError(
            f"fonts needed for the PDF are not installed: {families}",
            hint=f"install them with: apt-get install {packages} (or run make edition as root)",
        )


def _restricted_fetcher(allowed: Path) -> URLFetcher:
    """WeasyPrint may read only the print folder and data: URIs: never the network."""
    from weasyprint.urls import URLFetcher

    root = allowed.resolve().as_uri() + "/"

    class PrintFolderFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not (url.startswith("data:") or url.startswith(root)):
                raise ValueError(f"cables does not let the PDF load {url}")
            return super().fetch(url, headers)

    return PrintFolderFetcher(allowed_protocols={"file", "data"})


def _attachment(path: Path, name: str, when: datetime) -> Attachment:
    from weasyprint import Attachment

    return Attachment(
        filename=str(path),
        name=name,
        description=f"TEI XML source: {name}",
        created=when,
        modified=when,
        relationship="Source",
    )


#: Characters WeasyPrint's line breaking cannot take (AssertionError "Got ' \u2029'
#: between two lines"), and what the print HTML has instead: U+2029 PARAGRAPH SEPARATOR.
UNPRINTABLE = {"\u2029": " "}
#: The rule named by a document whose layout failed.
PRINT_LAYOUT_RULE = "print-layout"


class LayoutFailure(Exception):
    """WeasyPrint could not lay out or write one PDF; `reason` says how, for the editor."""

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint


@dataclass(frozen=True)
class PdfBuild:
    """What `build_pdfs` wrote, and the findings for the PDFs it could not make."""

    written: tuple[Path, ...]
    problems: tuple[Diagnostic, ...] = ()
    #: The keys of the documents' PDFs, to keep once the output is in place (pdf_cache.py).
    state: PdfState | None = None


@dataclass(frozen=True)
class PdfTarget:
    """One PDF to write from a layout: where, as which variant, with which sources."""

    path: Path
    variant: PdfVariant
    attachments: tuple[tuple[Path, str], ...] = ()


def lay_out(
    html: Path,
    targets: list[PdfTarget],
    when: datetime,
    root: Path,
    document: Callable[[], Document] | None = None,
) -> None:
    """Lay out one print HTML file once (or have `document` lay it out) and write it as
    each target PDF; any failure of WeasyPrint is a LayoutFailure."""
    try:
        with _room_for_depth():
            laid_out = _render(html, root) if document is None else document()
            # Named after the page's final text (`document` may write it).
            identifier = hashlib.sha256(html.read_bytes()).hexdigest()[:32].encode()
            _write(laid_out, targets, identifier, when)
    except RecursionError:
        raise LayoutFailure(
            "the PDF layout ran out of depth (RecursionError)",
            f"elements nested up to {MAX_ELEMENT_DEPTH} levels are laid out; flatten the "
            "deepest divisions, or look for a note within a note",
        ) from None
    except Exception as error:  # noqa: BLE001 - WeasyPrint's own faults become findings
        detail = " ".join(str(error).split())[:200]
        raise LayoutFailure(
            f"the PDF layout failed ({type(error).__name__}{': ' + detail if detail else ''})",
            "this is a fault of the PDF layout engine (WeasyPrint) on this document's "
            "text; please report it with the document",
        ) from None


@contextlib.contextmanager
def _room_for_depth() -> Iterator[None]:
    """WeasyPrint lays out nested boxes by recursion, about five frames a level: what the
    check accepts (MAX_ELEMENT_DEPTH levels) must fit, with room for the page around it."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, RECURSION_PER_LEVEL * MAX_ELEMENT_DEPTH))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def _render(html: Path, root: Path, fonts: FontConfiguration | None = None) -> Document:
    """The laid-out pages of a print HTML file (a WeasyPrint Document), reading only
    inside `root`; layouts to be joined share their `fonts`."""
    from weasyprint import HTML

    page = HTML(filename=str(html), url_fetcher=_restricted_fetcher(root))
    return page.render(font_config=fonts)


def _write(document: Document, targets: list[PdfTarget], identifier: bytes, when: datetime) -> None:
    # The layout is most of the cost, and the variants differ only in how the laid-out
    # pages are written: one layout serves every target.
    # Writing a PDF/A adds its sRGB output profile to the document's colour profiles,
    # which a later write would carry over: the variants without one are written first.
    for target in sorted(
        targets, key=lambda target: target.variant.pdf_variant.startswith("pdf/a")
    ):
        document.write_pdf(
            str(target.path),
            pdf_variant=target.variant.pdf_variant,
            pdf_identifier=identifier,
            attachments=[_attachment(path, name, when) for path, name in target.attachments],
            pdf_tags=True,
            uncompressed_pdf=False,
            # Named, for the warning when the structure tree cannot be repaired.
            finisher=partial(repair_structure, name=target.path.name),
        )


def write_print_html(
    edition: Edition, stylesheets: Stylesheets, build_date: str, scratch: Path
) -> Path:
    """Write the print HTML (edition.html, documents/*.html) and its CSS into
    scratch/print, the folder WeasyPrint may read; returns that folder.

    The indices print every page that names an entry, which only a layout knows: the
    book is laid out once to find the pages of its mentions, then written again with them
    (the text before the indices does not move, as the indices come after it)."""
    sources = write_print_sources(edition, stylesheets, build_date, scratch)
    add_mention_pages(sources)
    return sources.folder


@dataclass(frozen=True)
class PrintSources:
    """The print HTML of a first pass of book.xsl: the documents' pages final, the book's
    indices still without the pages of the mentions (`add_mention_pages`)."""

    folder: Path
    stylesheets: Stylesheets
    parameters: dict[str, ParameterValue]


def write_print_sources(
    edition: Edition, stylesheets: Stylesheets, build_date: str, scratch: Path
) -> PrintSources:
    """The first pass of write_print_html: every page of the print edition, the figures and
    the CSS, into scratch/print."""
    print_dir = scratch / "print"
    print_dir.mkdir(parents=True, exist_ok=True)
    figures = find_figures(edition, corpus_files(edition))
    manifest = write_manifest(edition, build_date, scratch / "print-manifest.xml", figures)
    copy_figures(figures, print_dir)
    shutil.copyfile(edition.xslt_dir / PRINT_CSS, print_dir / "print.css")
    for css in edition.css:
        shutil.copyfile(css, print_dir / css.name)
    # The page of the book ([print] trim): book.xsl derives its geometry from it.
    parameters: dict[str, ParameterValue] = {
        "manifest": stylesheets.parse(manifest),
        "trim": edition.trim,
    }
    _write_book_html(stylesheets, parameters, print_dir)
    for html in sorted(print_dir.rglob("*.html")):
        _make_printable(html)
    return PrintSources(print_dir, stylesheets, parameters)


def add_mention_pages(sources: PrintSources) -> None:
    """The second pass: the book laid out to learn where its mentions fall, and written
    again with those pages in its indices; the documents' pages are left as they are."""
    write_mention_pages(sources, _anchor_pages(sources.folder / "edition.html", sources.folder))


def write_mention_pages(sources: PrintSources, pages: str, outer: bool = False) -> bool:
    """Write the book again with the pages of its anchors (`pages`, "id:page" pairs) in its
    indices, and with `outer` edition-outer.html too (pdf_book.py); False when there are
    none (the book stays as it is)."""
    if not pages:
        return False
    parameters = {**sources.parameters, "mention-pages": pages, "documents": False}
    _write_book_html(sources.stylesheets, {**parameters, "outer": outer}, sources.folder)
    for name in ("edition.html", OUTER):
        if (sources.folder / name).is_file():
            _make_printable(sources.folder / name)
    return True


def _write_book_html(
    stylesheets: Stylesheets, parameters: dict[str, ParameterValue], print_dir: Path
) -> None:
    stylesheets.run(BOOK_STYLESHEET, template="book", parameters=parameters, output_base=print_dir)


def _anchor_pages(html: Path, print_dir: Path) -> str:
    """Where each anchor of the book falls ("id:page" pairs, the PDF's first page 1), for
    the indices; "" when the book cannot be laid out (its own layout then says why)."""
    try:
        with _room_for_depth():
            document = _render(html, print_dir)
    except Exception:  # noqa: BLE001 - the book's layout reports the same failure as a finding
        return ""
    return anchor_pages(document)


#: From this many documents on, their PDFs are laid out by worker processes (pool.py)
#: while this process lays out the book: fewer do not repay starting the workers.
PARALLEL_THRESHOLD = 8


def build_pdfs(
    edition: Edition, stylesheets: Stylesheets, output: Path, build_date: str, scratch: Path
) -> PdfBuild:
    """Write one PDF per document, then the book and its accessible variant, into `output`.

    A document WeasyPrint cannot lay out is a finding (rule print-layout) and has no PDF;
    the other documents' PDFs are still written. The book holds every document, so it is
    not made when one of them fails, nor when its own layout fails; findings say so.
    """
    require_fonts()
    require_printable(edition)
    sources = write_print_sources(edition, stylesheets, build_date, scratch)
    when = datetime.fromisoformat(build_date + "T00:00:00+00:00")
    # Each source attached as <stem>.xml, the name its outputs are made from (the site
    # publishes it at its path in the project): two files called 001.xml in two folders
    # are two attachments.
    files = [(path, kind, output_stem(path, edition)) for path, kind in corpus_files(edition)]
    documents = [(path, stem) for path, kind, stem in files if kind == DOCUMENT]
    state = PdfState(edition, sources.folder, output, when)
    layout = _Layout(edition, sources.folder, output, when, state)
    book_sources = [(path, f"{stem}.xml") for path, _, stem in files]
    written, book = _documents_and_book(layout, sources, documents, book_sources)
    if layout.failed:
        for pdf in book or ():
            pdf.unlink(missing_ok=True)
        # The book's own findings are not reported: it would not have been made.
        problems = (*layout.problems, _no_book(edition, layout.failed))
        return PdfBuild(tuple(written), problems, state)
    if book is None:
        book = layout.book(sources, book_sources)
    return PdfBuild((*book, *written), (*layout.problems, *layout.book_problems), state)


def _documents_and_book(
    layout: _Layout,
    sources: PrintSources,
    documents: list[tuple[Path, str]],
    book_sources: list[tuple[Path, str]],
) -> tuple[list[Path], list[Path] | None]:
    """The documents' PDFs that were made and, when worker processes made those, the book
    (None: not made yet)."""
    tool = DocumentLayout(sources.folder, layout.when)
    with WorkerPool(tool, DocumentLayout, (tool.print_dir, tool.when), "laying out PDFs") as pool:
        pool.start(len(documents), PARALLEL_THRESHOLD)
        # The documents' pages are final after the first pass: their PDFs are laid out by
        # the workers while this process lays out the book, twice (add_mention_pages).
        pending = [(path, layout.submit(pool, path, stem)) for path, stem in documents]
        book = layout.book(sources, book_sources) if pool.parallel else None
        made = [layout.collect(pool, path, job) for path, job in pending]
    return [pdf for pdf in made if pdf is not None], book


@dataclass(frozen=True)
class DocumentLayout:
    """What laying out a document's PDF needs besides the document: the print folder and
    the date of the build (the tool of the worker processes, pool.py)."""

    print_dir: Path
    when: datetime


def lay_out_document(
    tool: DocumentLayout, html: Path, target: Path, attachments: tuple[tuple[Path, str], ...]
) -> tuple[str, str] | None:
    """Lay out one document's PDF (a task of pool.py): None, or why it failed and the hint
    (a LayoutFailure does not cross processes)."""
    try:
        lay_out(html, [PdfTarget(target, ARCHIVAL, attachments)], tool.when, tool.print_dir)
    except LayoutFailure as failure:
        target.unlink(missing_ok=True)
        return failure.reason, failure.hint
    return None


class _Layout:
    """Lays out the PDFs of one build, keeping the findings for those it could not make."""

    def __init__(
        self,
        edition: Edition,
        print_dir: Path,
        output: Path,
        when: datetime,
        state: PdfState | None = None,
    ) -> None:
        self.edition, self.print_dir, self.output, self.when = edition, print_dir, output, when
        #: The previous build's PDFs, reused when their keys are the same (None: none).
        self.state = state
        self.problems: list[Diagnostic] = []
        self.book_problems: list[Diagnostic] = []
        self.failed: list[Path] = []

    def document(self, path: Path, stem: str) -> Path | None:
        """The PDF of one document, with its source attached; None when its layout failed."""
        pool = WorkerPool(DocumentLayout(self.print_dir, self.when), DocumentLayout, (), "")
        return self.collect(pool, path, self.submit(pool, path, stem))

    def submit(
        self, pool: WorkerPool[DocumentLayout], path: Path, stem: str
    ) -> tuple[Path, Future]:
        """Start laying out the PDF of one document (`collect` has it)."""
        document_id = f"doc-{stem}"
        html = self.print_dir / "documents" / f"{document_id}.html"
        if not html.is_file():
            raise CablesError("the print stylesheet wrote no page for this document", path=path)
        target = self.output / f"{document_id}.pdf"
        attachments = ((path, f"{stem}.xml"),)
        if self.state is not None:
            key = self.state.key(html, ARCHIVAL.pdf_variant, attachments)
            if self.state.reuse(target.name, key):
                reused: Future = Future()
                reused.set_result(None)
                return target, reused
        return target, pool.submit(lay_out_document, html, target, attachments)

    def collect(
        self, pool: WorkerPool[DocumentLayout], path: Path, job: tuple[Path, Future]
    ) -> Path | None:
        """The PDF `submit` started, with its source attached; None when its layout failed."""
        target, future = job
        failure = pool.result(future)
        if failure is None:
            return target
        self.failed.append(path)
        message = f"{failure[0]}: {target.name} was not made"
        self.problems.append(_finding(self.edition, path, message, LayoutFailure(*failure)))
        return None

    def book(self, pages: PrintSources, sources: list[tuple[Path, str]]) -> list[Path]:
        """The book and its accessible variant, from one layout once the indices have their
        pages (pdf_book.py); neither when it fails."""
        targets = [
            PdfTarget(self.output / BOOK, ARCHIVAL, tuple(sources)),
            PdfTarget(self.output / BOOK_ACCESSIBLE, ACCESSIBLE),
        ]
        try:
            html = self.print_dir / "edition.html"
            lay_out(html, targets, self.when, self.print_dir, partial(book_document, pages))
        except LayoutFailure as failure:
            for target in targets:
                target.path.unlink(missing_ok=True)
            message = (
                f"{failure.reason} in the book: {BOOK} and {BOOK_ACCESSIBLE} were not made, "
                "the documents' own PDFs were"
            )
            config = self.edition.root / "edition.toml"
            self.book_problems.append(_finding(self.edition, config, message, failure))
            return []
        return [target.path for target in targets]


def _no_book(edition: Edition, failed: list[Path]) -> Diagnostic:
    """The finding that the book was not made, as documents it holds failed."""
    names = ", ".join(display_path(path, edition.root) for path in failed)
    return Diagnostic(
        display_path(edition.root / "edition.toml", edition.root),
        1,
        1,
        ERROR,
        PRINT_LAYOUT_RULE,
        f"the book ({BOOK} and {BOOK_ACCESSIBLE}) was not made: it holds every document, and "
        f"the PDF layout failed on {names}",
        hint="fix or leave out the documents named above; their findings say what failed",
    )


def _make_printable(html: Path) -> None:
    """Replace in the print HTML the characters WeasyPrint cannot lay out (UNPRINTABLE)."""
    text = html.read_text(encoding="utf-8")
    printable = text
    for character, replacement in UNPRINTABLE.items():
        printable = printable.replace(character, replacement)
    if printable != text:
        html.write_text(printable, encoding="utf-8")


def _finding(edition: Edition, path: Path, message: str, failure: LayoutFailure) -> Diagnostic:
    # The layout runs on the print HTML, which keeps no source lines: the finding points
    # at the document's <text>, whose layout failed.
    line = 1
    if path.suffix == ".xml":
        text = parse_xml(path).root.find(f"{{{TEI_NS}}}text")
        line = (text.sourceline if text is not None else None) or 1
    return Diagnostic(
        display_path(path, edition.root), line, 1, ERROR, PRINT_LAYOUT_RULE, message, failure.hint
    )
