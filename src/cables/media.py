"""The media types of the files the deposit packages list (METS, PREMIS, the RO-Crate).

One table for every package, so that a file has the same type wherever it is listed.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from cables.xmlio import TEI_NS

#: Media types by file suffix; XML files are told apart by their root element.
MEDIA_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".epub": "application/epub+zip",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".woff2": "font/woff2",
    ".txt": "text/plain",
    ".odd": "application/tei+xml",
    ".xsd": "application/xml",
    ".sch": "application/xml",
    ".rng": "application/xml",
    ".zip": "application/zip",
}


def media_type(path: Path) -> str:
    """The media type of a file; TEI is application/tei+xml (RFC 6129)."""
    if path.suffix == ".xml":
        return "application/tei+xml" if _root_namespace(path) == TEI_NS else "application/xml"
    return MEDIA_TYPES.get(path.suffix, "application/octet-stream")


def _root_namespace(path: Path) -> str | None:
    # Only the first start tag is read; no DTD, entity or network access.
    with path.open("rb") as handle:
        events = etree.iterparse(
            handle, events=("start",), resolve_entities=False, no_network=True, load_dtd=False
        )
        try:
            _, element = next(events)
        except (etree.XMLSyntaxError, StopIteration):
            return None
        return etree.QName(element).namespace
