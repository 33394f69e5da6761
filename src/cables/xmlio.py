"""The single hardened way to read XML: no DTDs, no entities, no network.

Every module parses through `parse_xml`; it also maps elements and attributes back to
their line and column in the source, so findings point where an editor can look.
"""

from __future__ import annotations

import errno
import functools
import itertools
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from lxml import etree

from cables.errors import EXIT_INVALID, CablesError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NAMESPACES = {"tei": TEI_NS, "xml": XML_NS}

#: Files larger than this are refused before parsing: no edition document comes close,
#: and it bounds memory whatever arrives.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: How deep elements may nest: libxml2's own limit, which the check (lxml) applies; the
#: builder's parser (Saxon) is set to the same.
MAX_ELEMENT_DEPTH = 256


def _safe_parser(collect_ids: bool = True) -> etree.XMLParser:
    # resolve_entities=False keeps entity references unexpanded (no local file reads,
    # no billion laughs); no_network and load_dtd=False stop any fetch.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=collect_ids,
    )


def parse_made(data: bytes) -> etree._Element:
    """What a stylesheet of cables made (records, facts), parsed with the same hardened
    parser, but without the table of xml:ids: the records of many documents are one
    XML text, and each document may use the ids its neighbours use (TEI asks for ids
    unique per document only), which libxml2 would refuse as "ID already defined"."""
    return etree.fromstring(data, parser=_safe_parser(collect_ids=False))


@dataclass(frozen=True)
class ParsedXML:
    """A parsed file together with its raw bytes, for locating findings."""

    path: Path
    source: bytes
    tree: etree._ElementTree

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    def locate(self, element: etree._Element, attribute: str | None = None) -> tuple[int, int]:
        """Line and column (both 1-based) of an element's start tag or of one attribute.
        The file's text, its line starts and the elements sharing a line are worked out
        once per file, so locating every entry of a large register stays linear."""
        return self._index.locate(element, attribute)

    @functools.cached_property
    def _index(self) -> _SourceIndex:
        return _SourceIndex(self.source, self.tree)


#: Flags for opening a file to read: a FIFO opens without waiting for a writer, a terminal
#: never becomes the controlling one, and nothing leaks into child processes.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def read_bytes(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a regular file of at most `limit` bytes, turning operating-system failures
    into user errors.

    The file is opened without blocking and checked with fstat on the open descriptor, so
    a FIFO, a device or a socket is refused before a single byte is read, and a file that
    grows while it is read is cut off at the limit rather than filling the memory.
    """
    path = Path(path)
    descriptor = _open_to_read(path)
    try:
        _require_regular_file(path, os.fstat(descriptor), limit)
        return _read_at_most(descriptor, path, limit)
    except OSError as error:
        if error.errno == errno.EISDIR:
            raise CablesError("is a folder, not a file", path=path) from None
        raise CablesError(f"cannot read the file: {error.strerror}", path=path) from None
    finally:
        os.close(descriptor)


def _open_to_read(path: Path) -> int:
    try:
        return os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        raise CablesError("no such file", path=path) from None
    except IsADirectoryError:
        raise CablesError("is a folder, not a file", path=path) from None
    except PermissionError:
        raise CablesError("cannot read the file: permission denied", path=path) from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise CablesError(f"cannot read the file: {reason}", path=path) from None


def _require_regular_file(path: Path, status: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise CablesError("is a folder, not a file", path=path)
    if not stat.S_ISREG(status.st_mode):
        raise CablesError(
            "not a regular file (a device, a FIFO or a socket); cables does not read it",
            path=path,
            hint="the corpus holds ordinary files only",
        )
    if status.st_size > limit:
        raise _too_large(path, status.st_size, limit)


def _read_at_most(descriptor: int, path: Path, limit: int) -> bytes:
    """The file's bytes; an error as soon as there are more than `limit` of them."""
    chunks, size = [], 0
    while size <= limit:
        try:
            chunk = os.read(descriptor, min(1024 * 1024, limit + 1 - size))
        except BlockingIOError:  # a regular file never blocks; be safe all the same
            raise CablesError("cannot read the file without waiting", path=path) from None
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise _too_large(path, size, limit)
    return b"".join(chunks)


def _too_large(path: Path, size: int, limit: int) -> CablesError:
    return CablesError(
        f"the file is {size // (1024 * 1024)} MB, more than the "
        f"{limit // (1024 * 1024)} MB cables reads",
        path=path,
        line=1,
        column=1,
        hint="split it into one file per document",
        exit_status=EXIT_INVALID,
        rule="file-too-large",
    )


def parse_xml(path: Path, source: bytes | None = None) -> ParsedXML:
    """Parse one XML file safely.

    Raises `CablesError` (exit status 1) with the parser's line and column when the file
    is not well-formed or declares a DOCTYPE.
    """
    data = read_bytes(path) if source is None else source
    if _PROLOG_DOCTYPE.match(data):
        raise _doctype_error(path)
    try:
        # A name that is not UTF-8 (bytes kept as surrogates) cannot be a base URL as it is.
        base_url = str(path).encode("utf-8", "replace").decode("utf-8")
        tree = etree.ElementTree(etree.fromstring(data, parser=_safe_parser(), base_url=base_url))
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (error.lineno or 1, 1)
        message = _clean_syntax_message(error.msg or str(error))
        explained, hint, rule = _explain(message)
        raise CablesError(
            explained,
            path=path,
            line=line,
            column=max(column, 1),
            hint=hint,
            exit_status=EXIT_INVALID,
            rule=rule,
        ) from None
    if tree.docinfo.doctype or _has_entity_references(tree):
        raise _doctype_error(path)
    return ParsedXML(path=path, source=data, tree=tree)


# A DOCTYPE can only stand in the prolog: after the XML declaration, comments and
# processing instructions. Refusing it before parsing gives one clear message for
# entity bombs and external entities alike.
_PROLOG_DOCTYPE = re.compile(
    # Atomic groups: each declaration, instruction or comment is matched once, so the
    # search stays linear however many comments a file has.
    rb"^(?:\xef\xbb\xbf)?\s*(?>(?><\?(?:[^?]|\?(?!>))*\?>|<!--(?:[^-]|-(?!->))*-->)\s*)*<!DOCTYPE"
)


def _doctype_error(path: Path) -> CablesError:
    return CablesError(
        "DOCTYPE declarations and entities are not allowed",
        path=path,
        line=1,
        column=1,
        hint="remove the <!DOCTYPE ...> declaration; write characters directly in UTF-8",
        exit_status=EXIT_INVALID,
    )


def _has_entity_references(tree: etree._ElementTree) -> bool:
    return any(isinstance(node, etree._Entity) for node in tree.iter(etree.Entity))


def _explain(message: str) -> tuple[str, str, str]:
    """The parser's message in an editor's words: message, hint and rule id."""
    duplicate = re.match(r"ID (\S+) already defined", message)
    if duplicate:
        return (
            f'xml:id "{duplicate.group(1)}" is used twice in this file',
            "every xml:id must be unique; rename one of them",
            "id-duplicate",
        )
    if "Document is empty" in message or "Start tag expected" in message:
        return (
            f"not well-formed XML: {message} (is the file empty, or not XML at all?)",
            'a TEI file starts with <?xml ...?> or <TEI xmlns="http://www.tei-c.org/ns/1.0">',
            "well-formed",
        )
    if "Excessive depth" in message:
        return (
            f"elements are nested more than {MAX_ELEMENT_DEPTH} levels deep",
            "no edition document needs such depth; the file is probably damaged or generated",
            "well-formed",
        )
    if "encoding" in message.lower() or "UTF-8" in message:
        return (
            f"not well-formed XML: {message}",
            "save the file as UTF-8 (without a byte order mark of another encoding)",
            "well-formed",
        )
    return (
        f"not well-formed XML: {message}",
        "fix the markup at this point; the file was not checked further",
        "well-formed",
    )


def _clean_syntax_message(message: str) -> str:
    # libxml2 appends ", line N, column M" which we already report as the location.
    return re.sub(r",? line \d+, column \d+$", "", message).strip()


def local_name(element: etree._Element) -> str:
    """The element's name without its namespace; faster than etree.QName, for loops over
    every element of a file. (A parsed tree's tags are always strings: lxml's types also
    allow the bytes or QName a program may set.)"""
    return cast(str, element.tag).rpartition("}")[2]


def qualified_name(element: etree._Element) -> str:
    """The element's name as the source spells it, with its prefix if it has one."""
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


def attribute_source_name(element: etree._Element, attribute: str) -> str:
    """How an attribute given in Clark notation is spelled in the source."""
    if attribute.startswith(f"{{{XML_NS}}}"):
        return "xml:" + attribute.split("}", 1)[1]
    if attribute.startswith("{"):
        namespace, local = attribute[1:].split("}", 1)
        for prefix, uri in element.nsmap.items():
            if uri == namespace and prefix:
                return f"{prefix}:{local}"
        return local
    return attribute


def locate(
    source: bytes,
    tree: etree._ElementTree,
    element: etree._Element,
    attribute: str | None = None,
) -> tuple[int, int]:
    """Find the line and column of an element's start tag (or attribute) in the source."""
    return _SourceIndex(source, tree).locate(element, attribute)


class _SourceIndex:
    """A file's decoded text, where its lines start, and for each element name how many
    elements of that name start earlier on the same line (built on first use)."""

    def __init__(self, source: bytes, tree: etree._ElementTree) -> None:
        self.tree = tree
        self.text = source.decode("utf-8", errors="replace")
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        #: element name -> {element: same-name elements before it on its line}; the keys
        #: keep lxml's proxies alive, so the elements asked about are the very same.
        self._before: dict[str, dict[etree._Element, int]] = {}

    def _same_line_before(self, element: etree._Element) -> int:
        tag = cast(str, element.tag)
        counts = self._before.get(tag)
        if counts is None:
            counts, line, seen = {}, None, 0
            for other in self.tree.iter(tag):
                seen = seen + 1 if other.sourceline == line else 0
                line = other.sourceline
                counts[other] = seen
            self._before[tag] = counts
        return counts.get(element, 0)

    def locate(self, element: etree._Element, attribute: str | None) -> tuple[int, int]:
        line = element.sourceline or 1
        text, line_starts = self.text, self.line_starts
        if line > len(line_starts):
            return line, 1
        # Elements with the same name may start on the same line: count those before ours.
        before = self._same_line_before(element)
        name = qualified_name(element)
        pattern = re.compile(r"<" + re.escape(name) + r"(?=[\s/>])")
        matches = list(itertools.islice(pattern.finditer(text, line_starts[line - 1]), before + 1))
        if len(matches) <= before:
            return line, 1
        start = matches[before].start()
        if attribute is not None:
            end = text.find(">", start)
            spelled = attribute_source_name(element, attribute)
            found = re.compile(r"\s(" + re.escape(spelled) + r")\s*=").search(text, start, end)
            if found:
                start = found.start(1)
        return _line_and_column(line_starts, start)


def _line_and_column(line_starts: list[int], offset: int) -> tuple[int, int]:
    low, high = 0, len(line_starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if line_starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low + 1, offset - line_starts[low] + 1
