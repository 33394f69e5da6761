"""The images of the corpus: local files named by TEI `graphic/@url`, copied into an output.

The web and print editions call `find_figures` and `copy_figures`; the manifest lists the
figures found (c:figure), and the stylesheets show those and, for any other graphic, its
description. A web address is linked by the stylesheets, never fetched; a file missing or
outside the project is reported as a warning and leaves its figure's description shown.
"""

from __future__ import annotations

import logging
import shutil
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cables.config import Edition
from cables.corpus import DOCUMENT, FRONT, absolute
from cables.errors import CablesError
from cables.xmlio import TEI_NS, parse_xml

log = logging.getLogger("cables")

#: The folder of the copied images, inside an output's assets.
FIGURES = "figures"
_GRAPHIC = f"{{{TEI_NS}}}graphic"
SHOWN = "its description is shown instead"


@dataclass(frozen=True)
class Figure:
    """A local image a TEI file names, and where its copy goes."""

    #: The TEI file's URIs, as the stylesheets may know it (the manifest's and the
    #: site's), and its graphic's @url as written: the stylesheets look a figure up by both.
    documents: tuple[str, ...]
    url: str
    source: Path
    #: The copy's path below the figures folder: the image's path in the project.
    target: str


def find_figures(edition: Edition, files: Iterable[tuple[Path, str]]) -> list[Figure]:
    """The local images the documents and front matter show, each a file in the project."""
    figures: list[Figure] = []
    root = edition.root.resolve()
    for path, kind in files:
        if kind not in (DOCUMENT, FRONT):
            continue
        data = path.read_bytes()
        if b"graphic" not in data:  # most files have none: spare parsing them
            continue
        try:
            tree = parse_xml(path, data).root
        except CablesError:
            continue  # the check reports it; the build never gets this far with it
        documents = tuple(dict.fromkeys((path.resolve().as_uri(), absolute(path).as_uri())))
        for url in dict.fromkeys(graphic.get("url", "") for graphic in tree.iter(_GRAPHIC)):
            source = _local_file(path, url)
            if source is None:
                continue
            resolved = source.resolve()
            if not resolved.is_relative_to(root):
                log.warning("%s: the figure %s is outside the project; %s", path, url, SHOWN)
            elif not resolved.is_file():
                log.warning("%s: the figure %s is not there; %s", path, url, SHOWN)
            else:
                target = resolved.relative_to(root).as_posix()
                figures.append(Figure(documents, url, resolved, target))
    return figures


def copy_figures(figures: Iterable[Figure], folder: Path) -> None:
    """Copy each image to folder/figures/<its path in the project>."""
    for figure in figures:
        target = folder / FIGURES / figure.target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(figure.source, target)


def _local_file(document: Path, url: str) -> Path | None:
    """The file a relative @url names, or None for web addresses, other schemes, nothing."""
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if not url or parts.scheme or parts.netloc or url.startswith("#"):
        return None
    return document.parent / urllib.parse.unquote(parts.path)
