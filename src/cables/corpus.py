"""The corpus: which TEI files make up the edition, and each one parsed as a `Document`.

Finding and parsing happen here once; the checker and the builders take the result.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from cables import data
from cables.xmlio import NAMESPACES, XML_NS, ParsedXML, parse_xml

if TYPE_CHECKING:
    from cables.config import Edition

DOCUMENT = "document"
AUTHORITY = "authority"
FRONT = "front"
OTHER = "other"

XML_ID = f"{{{XML_NS}}}id"

PAGES_NS = "urn:cables:pages"


@dataclass(frozen=True)
class SitePage:
    """One page of the web edition as xslt/common/pages.xml declares it."""

    #: The word the template "site" knows it by (its parameter corpus-pages).
    name: str
    #: Its file at the top of build/site/; "" for a page per corpus file (`each`).
    file: str
    #: The kind of corpus file it is made for, one page each ("document", "front"), or
    #: "entry": one page per authority entry whose element is `of`, in `folder`.
    each: str
    #: The template that writes it: "site" unless the list names another.
    template: str
    #: "worker" for the pages a worker process writes when the build runs one, else "".
    share: str
    #: Whether the navigation bar links to it, and where: its place there, None if not.
    navigation: int | None
    #: For a page per entry: the TEI element (local name) of its entries ("person").
    of: str = ""
    #: For a page per entry: the folder of the site its pages are written into.
    folder: str = ""


@functools.cache
@functools.cache
def site_pages() -> tuple[SitePage, ...]:
    """The pages of the web edition, in the order of the list (that of the sitemap): the
    one list the stylesheets read too, packaged with them (cables.data.PAGES); read once
    a process."""
    root = parse_xml(data.packaged_xslt() / data.PAGES).root
    links = root.iterfind(f"{{{PAGES_NS}}}navigation/{{{PAGES_NS}}}link")
    navigation = {link.get("page"): place for place, link in enumerate(links)}
    return tuple(
        SitePage(
            name=page.get("name", ""),
            file=page.get("file", ""),
            each=page.get("each", ""),
            template=page.get("template", "site"),
            share=page.get("share", ""),
            navigation=navigation.get(page.get("name")),
            of=page.get("of", ""),
            folder=page.get("folder", ""),
        )
        for page in root.iterfind(f"{{{PAGES_NS}}}page")
    )


#: The citation files written beside each document page (xslt/html/pages.xsl,
#: tp:citation-files), and, beside the first document's, the edition's, named
#: EDITION_CITATION.
CITATION_SUFFIXES = (".bib", ".ris", ".csl.json")
EDITION_CITATION = "edition-citation"


def _site_outputs() -> tuple[str, ...]:
    # As a reader meets them: the pages of the navigation bar in its order, then the others.
    pages = sorted(
        (page for page in site_pages() if page.file),
        key=lambda page: (page.navigation is None, page.navigation or 0),
    )
    edition_citation = (f"{EDITION_CITATION}{suffix}" for suffix in CITATION_SUFFIXES)
    return (
        *(page.file for page in pages),
        *edition_citation,
        *(page.folder for page in site_pages() if page.folder),
        *("assets", "pdf", "epub", "tei", "schema", "edition-tei.zip"),
    )


#: What the web edition writes besides the pages and sources of the corpus files, at the
#: top of build/site/: the files of site_pages() and the folders site.py fills. A document
#: or front-matter file whose page has one of these names would overwrite it.
SITE_OUTPUTS = _site_outputs()
#: The folders of the site that hold what the project holds there (published_name): the
#: only folders of SITE_OUTPUTS a corpus or schema file may be published into.
SOURCE_FOLDERS = ("tei", "schema")


@dataclass(frozen=True)
class Document:
    """One parsed TEI file of the edition and the part of the corpus it belongs to."""

    parsed: ParsedXML
    kind: str
    #: The name of its outputs (`output_stem`); "" for its file name without ".xml".
    stem: str = ""

    @property
    def path(self) -> Path:
        return self.parsed.path

    @property
    def root(self) -> etree._Element:
        return self.parsed.root

    @property
    def key(self) -> Path:
        """The absolute, normalised path: the file's identity in indexes (cheap, unlike
        Path.resolve, which asks the file system)."""
        return absolute(self.path)

    @property
    def id(self) -> str | None:
        return self.root.get(XML_ID)

    def xpath(self, expression: str) -> list:
        return self.root.xpath(expression, namespaces=NAMESPACES)

    def sent_dates(self) -> list[etree._Element]:
        """The dates of sending in the header, the adopted one and any variants."""
        return self.xpath(
            "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']/tei:date"
        )


def absolute(path: Path) -> Path:
    """`path` made absolute without resolving links: the name by which files are keyed."""
    return Path(os.path.abspath(path))


@dataclass(frozen=True)
class Refused:
    """A name in a corpus folder that is not read: a link (unless allowed and inside the
    project), a FIFO, a device, a socket, or a name that is not UTF-8."""

    path: Path
    kind: str
    reason: str


def corpus_files(edition: Edition) -> list[tuple[Path, str]]:
    """Every TEI file of the edition with its kind, in a stable order.

    Only regular files: what `corpus_entries` refuses is left out, so no stage of the
    pipeline (check, site, PDF, deposit) ever opens or publishes it.
    """
    return corpus_entries(edition)[0]


def corpus_sources(edition: Edition) -> tuple[tuple[Path, str], ...]:
    """The folders and files [corpus] names, with their kinds: front matter, documents,
    authority files, each in the order edition.toml gives them."""
    return edition.corpus_sources


def corpus_entries(edition: Edition) -> tuple[list[tuple[Path, str]], list[Refused]]:
    """The corpus files with their kinds, and the entries refused, both in a stable order.

    A folder is read with its subfolders, each folder's names in sorted order; hidden
    names and the build folder are never read. A file or folder that [corpus] names is
    read as its own kind, wherever it lies (a register named inside the documents folder
    is a register), and only once.
    """
    files: list[tuple[Path, str]] = []
    refused: list[Refused] = []
    root = os.path.realpath(edition.root).rstrip(os.sep) + os.sep
    sources = corpus_sources(edition)
    # What a folder walk leaves to the source that names it.
    named = {str(path) for path, _ in sources} | {str(edition.build_dir)}
    # The project's own tools are no corpus, even when a corpus folder holds them
    # (init --from "."): its stylesheets and schema, its label table, its template.
    named.update(str(path) for path in tool_paths(edition))
    seen: set[str] = set()
    for source, kind in sources:
        if source.is_dir():
            walk = _walk(str(source), edition.allow_symlinks, root, named, {str(source)})
            for path, reason in walk:
                _take(path, kind, reason, files, refused, seen)
        elif source.is_file():
            reason = _refusal_of_path(str(source), edition.allow_symlinks, root)
            _take(str(source), kind, reason, files, refused, seen)
    return files, refused


def tool_paths(edition: Edition, walking: Path | None = None) -> list[Path]:
    """What the project holds for cables rather than as corpus: the build folder, its own
    stylesheets and schema folders, label table, `cables new` template, customisation
    stylesheets and CSS; a folder only when no corpus path lies inside it. With `walking`
    (an absolute folder a command reads as a corpus folder is read), only those that do
    not hold it: a walk of a folder inside the build folder reads it.

    The one decider of what a walk of the project leaves out besides hidden names: the
    corpus's walk, and `cables check FOLDER` (with `walking=FOLDER`)."""
    sources = [path for path, _ in corpus_sources(edition)]
    folders = [edition.build_dir, edition.xslt_dir, edition.xsd_path.parent]
    files = [
        edition.labels,
        edition.document_template,
        edition.html_customisation,
        edition.print_customisation,
        *edition.css,
    ]
    tools = [
        *(f for f in folders if not any(source.is_relative_to(f) for source in sources)),
        *(absolute(f) for f in files if f is not None),
    ]
    return [tool for tool in tools if walking is None or not walking.is_relative_to(tool)]


def xml_files(folder: Path, project: Path) -> list[Path]:
    """The *.xml files under `folder` that a corpus folder there would read (links not
    allowed), in the corpus's order."""
    root = os.path.realpath(project).rstrip(os.sep) + os.sep
    walk = _walk(str(folder), False, root, set(), {str(folder)})
    return [Path(path) for path, reason in walk if reason is None]


def _take(path: str, kind: str, reason: str | None, files: list, refused: list, seen: set) -> None:
    if path in seen:
        return  # named twice in [corpus]: read once, as the first kind
    seen.add(path)
    if reason is None:
        files.append((Path(path), kind))
    else:
        refused.append(Refused(Path(path), kind, reason))


def _walk(
    folder: str, allow_symlinks: bool, root: str, named: set[str], visited: set[str]
) -> Iterator[tuple[str, str | None]]:
    """The candidate files under `folder` with the reason each is refused (None if read),
    depth first, names in sorted order. Folders that [corpus] names itself are skipped."""
    # Names sorted as strings, paths joined as strings: this runs over every file.
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return  # a folder that cannot be listed: nothing in it to read
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_candidate(entry.name):
            if entry.path not in named:
                yield entry.path, _refusal(entry, allow_symlinks, root)
            continue
        if not _is_folder(entry) or entry.path in named:
            continue  # not a TEI file, or read as a source of its own
        reason = _refusal(entry, allow_symlinks, root, folder=True)
        if reason is not None:
            yield entry.path, reason
            continue
        real = os.path.realpath(entry.path)
        if real in visited:
            continue  # a link back to a folder being read
        yield from _walk(entry.path, allow_symlinks, root, named, visited | {real})


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _refusal_of_path(path: str, allow_symlinks: bool, root: str) -> str | None:
    """_refusal for a file [corpus] names itself."""
    folder, name = os.path.split(path)
    try:
        entry = next(entry for entry in os.scandir(folder) if entry.name == name)
    except (OSError, StopIteration):
        return "cannot be read"
    return _refusal(entry, allow_symlinks, root)


def _is_candidate(name: str) -> bool:
    return name.endswith(".xml") and not name.startswith(".")


def _refusal(
    entry: os.DirEntry, allow_symlinks: bool, root: str, folder: bool = False
) -> str | None:
    """Why a corpus entry is not read, or None for a regular file (or an allowed link);
    with `folder`, for a folder to read (or an allowed link to one)."""
    try:
        entry.name.encode("utf-8")
    except UnicodeEncodeError:
        # Bytes that are not UTF-8: no URL or link in the outputs could name the file.
        return "has a name that is not valid UTF-8"
    try:
        if entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False):
            return None  # a folder is reported when it is read: an environment error
        if not entry.is_symlink():
            return "is not a regular file (a FIFO, a device or a socket)"
        if not allow_symlinks:
            return "is a symbolic link, and [corpus] allow_symlinks is not set"
        real = os.path.realpath(entry.path)
        if not (real + os.sep).startswith(root):
            return "is a symbolic link that leads outside the project"
        if folder:
            return None
        if not stat.S_ISREG(os.stat(real).st_mode):
            return "is a symbolic link to something that is not a regular file"
    except (OSError, ValueError):
        return "is a symbolic link that leads nowhere"
    return None


def output_names(path: Path, kind: str, edition: Edition | None = None) -> list[str]:
    """The names a corpus file is published under in build/site/: its page (documents and
    front matter, flat: see `output_stem`), a document's citation files beside its page,
    and its source, at its path in the project (`published_name`: tei/documents/...), or
    tei/<stem>.xml for a file outside it or when no edition is given."""
    stem = output_stem(path, edition)
    flat = f"tei/{stem}.xml"
    source = flat if edition is None else published_name(path, edition, flat)
    if kind == DOCUMENT:
        citations = [f"{stem}{suffix}" for suffix in CITATION_SUFFIXES]
        return [f"{stem}.html", *citations, source]
    if kind == FRONT:
        return [f"{stem}.html", source]
    return [source]


def published_name(path: Path | str, edition: Edition, elsewhere: str) -> str:
    """Where a corpus or schema file goes in the site: its path in the project, so that
    the relative pointers between the files and their <?xml-model?> hold in the site as
    they do in the project, with the TEI as encoded; `elsewhere` for a file outside it.
    String work, as it runs for every corpus file: links are resolved only for a file
    whose path as written lies outside the project."""
    inside = os.path.join(str(edition.root), "")
    text = os.path.abspath(path)
    if not text.startswith(inside):
        text = str(Path(path).resolve())
    if text.startswith(inside):
        return text[len(inside) :].replace(os.sep, "/")
    return elsewhere


def output_stem(path: Path, edition: Edition | None) -> str:
    """The name a corpus file's outputs are made from: its path inside the folder [corpus]
    names, without ".xml", folders joined by "-" (letters/03/001.xml in the folder
    letters: 03-001, giving 03-001.html and pdf/doc-03-001.pdf). A file at
    the top of its folder, or named by [corpus] itself, keeps its own name."""
    text = os.path.abspath(path)  # string work: it runs for every corpus file
    name = os.path.basename(text)
    if edition is not None and all(text != source for source, _ in _source_strings(edition)):
        folder = _folder_of(text, edition)
        if folder is not None:
            name = text[len(folder) + 1 :].replace(os.sep, "-")
    return name[:-4] if name.endswith(".xml") else os.path.splitext(name)[0]


def _folder_of(path: str, edition: Edition) -> str | None:
    """The folder source of [corpus] nearest above `path`, if it lies in a folder."""
    best = None
    for source, _ in _source_strings(edition):
        if path.startswith(source + os.sep) and (best is None or len(source) > len(best)):
            best = source
    return best


def _source_strings(edition: Edition) -> tuple[tuple[str, str], ...]:
    # Asked for each corpus file, several times: kept for the last edition (frozen, and
    # held here, so `is` cannot match another one).
    last, strings = _SOURCE_STRINGS
    if last is not edition:
        strings = tuple((str(path), kind) for path, kind in corpus_sources(edition))
        _SOURCE_STRINGS[:] = [edition, strings]
    return strings


_SOURCE_STRINGS: list = [None, ()]


def kind_of(path: Path, edition: Edition | None) -> str:
    """The kind of a file: that of the source [corpus] names it with, or of the nearest
    folder source above it."""
    if edition is not None:
        resolved = str(path.resolve())
        for source, kind in _source_strings(edition):
            if resolved == source:
                return kind
        folder = _folder_of(resolved, edition)
        if folder is not None:
            return next(kind for source, kind in _source_strings(edition) if source == folder)
    return OTHER
