"""The corpus: which TEI files make up the edition, and each one parsed as a `Document`.

Finding and parsing happen here once; the checker and the builders take the result.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from cables.xmlio import NAMESPACES, XML_NS, ParsedXML

if TYPE_CHECKING:
    from cables.config import Edition

DOCUMENT = "document"
AUTHORITY = "authority"
FRONT = "front"
OTHER = "other"

XML_ID = f"{{{XML_NS}}}id"

#: What the web edition writes besides the pages and sources of the corpus files
#: (xslt/html/site.xsl and site.py), at the top of build/site/. A document or front-matter
#: file whose page has one of these names would overwrite it.
SITE_OUTPUTS = (
    "index.html",
    "chronology.html",
    "persons.html",
    "places.html",
    "organisations.html",
    "events.html",
    "bibliography.html",
    "search.html",
    "encoding.html",
    "sitemap.xml",
    "assets",
    "pdf",
    "tei",
)


@dataclass(frozen=True)
class Document:
    """One parsed TEI file of the edition and the part of the corpus it belongs to."""

    parsed: ParsedXML
    kind: str

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


def corpus_entries(edition: Edition) -> tuple[list[tuple[Path, str]], list[Refused]]:
    """The corpus files with their kinds, and the entries refused, both in a stable order."""
    files: list[tuple[Path, str]] = []
    refused: list[Refused] = []
    root = os.path.realpath(edition.root).rstrip(os.sep) + os.sep
    for folder, kind in (
        (edition.front_dir, FRONT),
        (edition.documents_dir, DOCUMENT),
        (edition.authority_dir, AUTHORITY),
    ):
        if folder.is_dir():
            # Names sorted as strings, Paths made once: this runs over every file.
            entries = sorted(
                (entry for entry in os.scandir(folder) if _is_candidate(entry.name)),
                key=lambda entry: entry.name,
            )
            for entry in entries:
                reason = _refusal(entry, edition.allow_symlinks, root)
                if reason is None:
                    files.append((folder / entry.name, kind))
                else:
                    refused.append(Refused(folder / entry.name, kind, reason))
    return files, refused


def _is_candidate(name: str) -> bool:
    return name.endswith(".xml") and not name.startswith(".")


def _refusal(entry: os.DirEntry, allow_symlinks: bool, root: str) -> str | None:
    """Why a corpus entry is not read, or None for a regular file (or an allowed link)."""
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
        if not real.startswith(root):
            return "is a symbolic link that leads outside the project"
        if not stat.S_ISREG(os.stat(real).st_mode):
            return "is a symbolic link to something that is not a regular file"
    except (OSError, ValueError):
        return "is a symbolic link that leads nowhere"
    return None


def output_names(path: Path, kind: str) -> list[str]:
    """The names a corpus file is published under in build/site/: its page (documents and
    front matter) and its source, in the flat tei/ folder."""
    name = os.path.basename(path)  # string work: it runs for every corpus file
    if kind in (DOCUMENT, FRONT):
        return [f"{os.path.splitext(name)[0]}.html", f"tei/{name}"]
    return [f"tei/{name}"]


def kind_of(path: Path, edition: Edition | None) -> str:
    if edition is not None:
        resolved = path.resolve()
        for folder, kind in (
            (edition.documents_dir, DOCUMENT),
            (edition.authority_dir, AUTHORITY),
            (edition.front_dir, FRONT),
        ):
            if resolved.parent == folder:
                return kind
    return OTHER
