"""The corpus: which TEI files make up the edition, and each one parsed as a `Document`.

Finding and parsing happen here once; the checker and the builders take the result.
"""

from __future__ import annotations

import os
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


def corpus_files(edition: Edition) -> list[tuple[Path, str]]:
    """Every TEI file of the edition with its kind, in a stable order."""
    files: list[tuple[Path, str]] = []
    for folder, kind in (
        (edition.front_dir, FRONT),
        (edition.documents_dir, DOCUMENT),
        (edition.authority_dir, AUTHORITY),
    ):
        if folder.is_dir():
            # Names sorted as strings, Paths made once: this runs over every file.
            names = sorted(
                entry.name
                for entry in os.scandir(folder)
                if entry.name.endswith(".xml") and not entry.name.startswith(".")
            )
            files.extend((folder / name, kind) for name in names)
    return files


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
