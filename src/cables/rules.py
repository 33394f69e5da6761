"""The rules of `cables check` that a grammar cannot express, in Python.

File-local rules (dates, document ids, link schemes) run on one parsed file. Corpus-wide
rules (pointers, duplicate ids, kinds of entries, unused entries) run on the facts each
file yields (`FileFacts`), so they need no parsed trees and can use cached results. Each
rule has an id, a message and a hint, like the Schematron rules in schema/cables.sch.
"""

from __future__ import annotations

import calendar
import difflib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from cables.corpus import AUTHORITY, DOCUMENT, XML_ID, Document
from cables.diagnostics import ERROR, WARNING, Diagnostic, display_path
from cables.errors import CablesError
from cables.xmlio import TEI_NS, parse_xml

if TYPE_CHECKING:
    from cables.filecheck import FileFacts

#: Attributes whose values are (lists of) pointers: `#id`, `file.xml#id` or URLs.
POINTER_ATTRIBUTES = ("ref", "corresp", "target", "source", "who", "resp", "where")
#: URL schemes a reader's browser may follow. Anything else is dropped from the outputs.
SAFE_SCHEMES = ("http", "https", "mailto")
DATE_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")
AUTHORITY_LISTS = ("listPerson", "listPlace", "listOrg", "listEvent", "listBibl")
#: Which kind of authority entry each name element must point at.
NAME_TARGETS = {"persName": "person", "placeName": "place", "orgName": "org"}
RS_TARGETS = {"person": "person", "place": "place", "org": "org", "event": "event"}

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# ======================================================================================
# File-local rules
# ======================================================================================


def file_rules(document: Document, shown: str) -> list[Diagnostic]:
    """Every file-local rule on one parsed file."""

    def finding(element, severity, rule, message, hint, attribute=None) -> Diagnostic:
        line, column = document.parsed.locate(element, attribute)
        return Diagnostic(shown, line, column, severity, rule, message, hint)

    found: list[Diagnostic] = []
    found += check_link_schemes(document, finding)
    found += check_dates(document, finding)
    if document.kind == DOCUMENT:
        found += check_dates_after_document(document, finding)
        found += check_document_id(document, finding)
    return found


Finding = Callable[..., Diagnostic]


def check_link_schemes(document: Document, finding: Finding) -> Iterator[Diagnostic]:
    """[link-unsafe-scheme] links use only http, https or mailto."""
    for element in document.root.iter(etree.Element):
        for attribute in POINTER_ATTRIBUTES:
            for value in (element.get(attribute) or "").split():
                scheme = _SCHEME.match(value)
                if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
                    yield finding(
                        element,
                        WARNING,
                        "link-unsafe-scheme",
                        f"@{attribute} uses the '{scheme.group(1)}:' scheme, which the "
                        "outputs drop",
                        "use an http, https or mailto address, or a pointer inside the edition",
                        attribute,
                    )


def date_bounds(value: str) -> tuple[date, date] | None:
    """The first and last day an ISO date (year, month or day precision) can mean.

    Returns None when the value is not in ISO form (the schema reports that);
    raises ValueError when it has the form but names no real day, like 1963-02-30.
    """
    match = _ISO_DATE.match(value)
    if not match:
        return None
    year = int(match.group(1))
    if match.group(2) is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 01 to 12, not {match.group(2)}")
    last_day = calendar.monthrange(year, month)[1]
    if match.group(3) is None:
        return date(year, month, 1), date(year, month, last_day)
    day = int(match.group(3))
    if not 1 <= day <= last_day:
        raise ValueError(f"{calendar.month_name[month]} {year} has {last_day} days, not {day}")
    return date(year, month, day), date(year, month, day)


def _bounds_or_none(value: str) -> tuple[date, date] | None:
    try:
        return date_bounds(value)
    except ValueError:
        return None


def check_dates(document: Document, finding: Finding) -> Iterator[Diagnostic]:
    """[date-invalid] dates are real days; [date-range-order] ranges run forwards."""
    tei = f"{{{TEI_NS}}}"
    for element in document.root.iter(etree.Element):
        if not element.tag.startswith(tei):
            continue
        bounds: dict[str, tuple[date, date]] = {}
        for attribute in DATE_ATTRIBUTES:
            value = element.get(attribute)
            if value is None:
                continue
            try:
                parsed = date_bounds(value)
            except ValueError as error:
                yield finding(
                    element,
                    ERROR,
                    "date-invalid",
                    f'@{attribute}="{value}" is not a real date: {error}',
                    "write the date as YYYY-MM-DD, YYYY-MM or YYYY",
                    attribute,
                )
                continue
            if parsed:
                bounds[attribute] = parsed
        for start, end in (("notBefore", "notAfter"), ("from", "to")):
            if start in bounds and end in bounds and bounds[start][0] > bounds[end][1]:
                yield finding(
                    element,
                    ERROR,
                    "date-range-order",
                    f'@{start}="{element.get(start)}" is later than @{end}="{element.get(end)}"',
                    f"swap the two values: @{start} is the earliest possible date",
                    start,
                )


def document_date_bounds(document: Document) -> tuple[date, date] | None:
    """Earliest and latest day the document can date from, over all sent dates (variants too)."""
    lows, highs = [], []
    for element in document.sent_dates():
        for attribute in DATE_ATTRIBUTES:
            parsed = _bounds_or_none(element.get(attribute) or "")
            if parsed:
                lows.append(parsed[0])
                highs.append(parsed[1])
    return (min(lows), max(highs)) if lows else None


def check_dates_after_document(document: Document, finding: Finding) -> Iterator[Diagnostic]:
    """[date-after-document] dates in a text are not later than the document itself."""
    own = document_date_bounds(document)
    if own is None:
        return
    for element in document.xpath("tei:text//tei:date[not(@type='editorial')]"):
        lows = []
        for attribute in ("when", "notBefore", "from"):
            parsed = _bounds_or_none(element.get(attribute) or "")
            if parsed:
                lows.append((parsed[0], attribute))
        if lows and min(lows)[0] > own[1]:
            attribute = min(lows)[1]
            yield finding(
                element,
                ERROR,
                "date-after-document",
                f"date {element.get(attribute)} is later than the document's own date "
                f"({own[1].isoformat()})",
                'if the editors supplied this date, mark it type="editorial"; otherwise check it',
                attribute,
            )


def check_document_id(document: Document, finding: Finding) -> Iterator[Diagnostic]:
    """[document-id-filename] a document's xml:id is "doc-" followed by its file name."""
    expected = f"doc-{document.path.stem}"
    if document.id != expected:
        yield finding(
            document.root,
            ERROR,
            "document-id-filename",
            f'the document\'s xml:id is "{document.id}" but its file name asks for "{expected}"',
            f'set xml:id="{expected}" on <TEI>, or rename the file to match',
            XML_ID if document.id else None,
        )


# ======================================================================================
# Corpus-wide rules, over the facts of every file
# ======================================================================================


class CorpusRules:
    """Pointers, ids and entries across the corpus, from `FileFacts` alone.

    `checked` holds the paths to report on; the facts of every corpus file are needed
    even when only some files are checked. Findings are located in their file by parsing
    it again, which happens only for files that have findings.
    """

    def __init__(self, facts: Iterable[FileFacts], checked: set[str], root: Path) -> None:
        self.facts = {item.path: item for item in facts}
        self.checked = checked
        self.root = root
        self.ids: dict[str, dict[str, tuple[int, str]]] = {
            path: {identifier: (ordinal, local) for identifier, ordinal, local, _ in item.ids}
            for path, item in self.facts.items()
        }
        self._unreadable: set[str] = set()
        self._targets: dict[tuple[str, str], str] = {}
        self._parsed: dict[str, tuple] = {}

    # -- helpers ------------------------------------------------------------------------

    def target(self, source: str, value: str) -> tuple[str, str] | None:
        """The file and id a pointer designates, or None for a URL with a scheme."""
        if _SCHEME.match(value):
            return None
        file_part, _, fragment = value.partition("#")
        if not file_part:
            return source, fragment
        key = (source, file_part)
        if key not in self._targets:
            self._targets[key] = os.path.normpath(os.path.join(os.path.dirname(source), file_part))
        return self._targets[key], fragment

    def ids_in(self, path: str) -> dict[str, tuple[int, str]] | None:
        if path not in self.ids and path not in self._unreadable:
            # A pointer into a file outside the corpus: read it with the same safe parser.
            try:
                root = parse_xml(Path(path)).root
                self.ids[path] = {
                    element.get(XML_ID): (ordinal, element.tag.rpartition("}")[2])
                    for ordinal, element in enumerate(root.iter(etree.Element))
                    if element.get(XML_ID)
                }
            except (CablesError, OSError, ValueError):
                self._unreadable.add(path)
        return self.ids.get(path)

    def locate(self, path: str, ordinal: int, attribute: str | None) -> tuple[int, int]:
        if path not in self._parsed:
            parsed = parse_xml(Path(path))
            self._parsed[path] = (parsed, list(parsed.root.iter(etree.Element)))
        parsed, elements = self._parsed[path]
        return parsed.locate(elements[ordinal], attribute)

    def finding(self, path, ordinal, severity, rule, message, hint, attribute=None) -> Diagnostic:
        line, column = self.locate(path, ordinal, attribute)
        shown = display_path(Path(path), self.root)
        return Diagnostic(shown, line, column, severity, rule, message, hint)

    def relative(self, target: str, source: str) -> str:
        """How `source` should spell a pointer to the file `target`."""
        return Path(os.path.relpath(target, os.path.dirname(source))).as_posix()

    def checked_facts(self) -> Iterator[FileFacts]:
        return (item for path, item in self.facts.items() if path in self.checked)

    # -- rules --------------------------------------------------------------------------

    def check_pointers(self) -> Iterator[Diagnostic]:
        """[pointer-unresolved] every pointer reaches an existing file and xml:id;
        [ref-wrong-kind] names point at entries of their kind."""
        for item in self.checked_facts():
            for attribute, value, ordinal, local, kind, _ in item.pointers:
                target = self.target(item.path, value)
                if target is None:
                    continue  # a URL: its scheme is a file-local rule
                path, fragment = target
                ids = self.ids_in(path)
                if ids is None:
                    yield self.finding(
                        item.path,
                        ordinal,
                        ERROR,
                        "pointer-unresolved",
                        f'@{attribute}="{value}" points to '
                        + (
                            "a file that is not well-formed XML"
                            if _is_file(path)
                            else "a file that does not exist"
                        ),
                        self._file_hint(item.path, value, path),
                        attribute,
                    )
                    continue
                if not fragment:
                    continue
                if fragment not in ids:
                    yield self.finding(
                        item.path,
                        ordinal,
                        ERROR,
                        "pointer-unresolved",
                        f'@{attribute}="{value}": no xml:id "{fragment}" in '
                        f"{display_path(Path(path), self.root)}",
                        self._id_hint(item.path, value, path, fragment, ids),
                        attribute,
                    )
                    continue
                if attribute == "ref":
                    yield from self._check_kind(item.path, ordinal, local, kind, fragment, ids)

    def _check_kind(self, path, ordinal, local, kind, fragment, ids) -> Iterator[Diagnostic]:
        expected = RS_TARGETS.get(kind or "") if local == "rs" else NAME_TARGETS.get(local)
        found = ids[fragment][1]
        if expected is not None and found != expected:
            yield self.finding(
                path,
                ordinal,
                ERROR,
                "ref-wrong-kind",
                f'<{local}> points at a <{found}> entry ("{fragment}"), not a <{expected}>',
                f"point it at a <{expected}> in the authority files, or change the element",
                "ref",
            )

    def _id_hint(self, source: str, value: str, path: str, fragment: str, ids) -> str | None:
        elsewhere = [p for p, file_ids in self.ids.items() if fragment in file_ids]
        if elsewhere:
            suggestion = f"{self.relative(sorted(elsewhere)[0], source)}#{fragment}"
            return f"did you mean `{suggestion}`? the id is defined in another file"
        close = difflib.get_close_matches(fragment, list(ids), n=1, cutoff=0.6)
        if close:
            prefix = "" if path == source else value.partition("#")[0]
            return f"did you mean `{prefix}#{close[0]}`?"
        everywhere = {i: p for p, file_ids in sorted(self.ids.items()) for i in file_ids}
        close = difflib.get_close_matches(fragment, list(everywhere), n=1, cutoff=0.6)
        if close:
            return f"did you mean `{self.relative(everywhere[close[0]], source)}#{close[0]}`?"
        return None

    def _file_hint(self, source: str, value: str, path: str) -> str:
        candidates = {os.path.basename(p): p for p in sorted(self.facts)}
        close = difflib.get_close_matches(os.path.basename(path), list(candidates), n=1, cutoff=0.6)
        if close:
            fragment = value.partition("#")[2]
            suggestion = self.relative(candidates[close[0]], source)
            return f"did you mean `{suggestion}{'#' + fragment if fragment else ''}`?"
        return "paths are relative to the folder of the file that contains the pointer"

    def check_unique_ids(self) -> Iterator[Diagnostic]:
        """[id-duplicate] an xml:id is used once in the whole corpus."""
        occurrences: dict[str, list[tuple[str, int]]] = {}
        for path in sorted(self.facts):
            for identifier, ordinal, _, _ in self.facts[path].ids:
                occurrences.setdefault(identifier, []).append((path, ordinal))
        for identifier, places in occurrences.items():
            if len(places) < 2:
                continue
            for index, (path, ordinal) in enumerate(places):
                if path not in self.checked:
                    continue
                if index == 0 and any(p in self.checked for p, _ in places[1:]):
                    continue  # reported at the later occurrences, which point back here
                other_path, other_ordinal = places[1] if index == 0 else places[0]
                line, _ = self.locate(other_path, other_ordinal, None)
                yield self.finding(
                    path,
                    ordinal,
                    ERROR,
                    "id-duplicate",
                    f'xml:id "{identifier}" is already used in '
                    f"{display_path(Path(other_path), self.root)} line {line}",
                    "every xml:id must be unique across the whole corpus; rename one of them",
                    XML_ID,
                )

    def check_unused_authority(self) -> Iterator[Diagnostic]:
        """[authority-unused] warns about authority entries that nothing refers to."""
        referenced: set[tuple[str, str]] = set()
        for item in self.facts.values():
            for _, value, _, _, _, own_id in item.pointers:
                target = self.target(item.path, value)
                if target and target[1] and own_id != target[1]:
                    referenced.add(target)
        for item in self.checked_facts():
            if item.kind != AUTHORITY:
                continue
            for identifier, ordinal, _, is_entry in item.ids:
                if is_entry and (item.path, identifier) not in referenced:
                    yield self.finding(
                        item.path,
                        ordinal,
                        WARNING,
                        "authority-unused",
                        f'authority entry "{identifier}" is not referred to by any file',
                        "tag a mention of it in a document, or remove the entry",
                        XML_ID,
                    )

    def run(self) -> list[Diagnostic]:
        return [
            *self.check_pointers(),
            *self.check_unique_ids(),
            *self.check_unused_authority(),
        ]


def _is_file(path: str) -> bool:
    # A pointer can name anything, including a path the system refuses (too long, NUL).
    try:
        return os.path.isfile(path)
    except (OSError, ValueError):
        return False
