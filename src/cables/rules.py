"""The rules of `cables check` that a grammar cannot express, in Python.

File-local rules (dates, document ids, link schemes) run on one parsed file. Corpus-wide
rules (pointers, duplicate ids, kinds of entries, unused entries) run on the facts each
file yields (`FileFacts`), so they need no parsed trees and can use cached results. Each
rule has an id, a message and a hint, like the Schematron rules in schema/cables.sch.
"""

from __future__ import annotations

import calendar
import difflib
import functools
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from cables.corpus import (
    AUTHORITY,
    DOCUMENT,
    SITE_OUTPUTS,
    XML_ID,
    Document,
    absolute,
    output_names,
)
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
                scheme = unsafe_scheme(value)
                if scheme is not None:
                    yield finding(
                        element,
                        WARNING,
                        "link-unsafe-scheme",
                        f"@{attribute} uses the '{scheme}:' scheme, which the outputs drop",
                        "use an http, https or mailto address, or a pointer inside the edition",
                        attribute,
                    )


#: What a browser strips from both ends of a URL, and removes from inside it, before it
#: reads the scheme: " javascript:" and "java\tscript:" are javascript: to a browser.
_URL_ENDS = "".join(map(chr, range(0x21)))
_URL_INSIDE = re.compile(r"[\t\n\r]")


def url_scheme(value: str) -> str | None:
    """The scheme of a URL as a browser reads it, in lower case; None when it has none."""
    scheme = _SCHEME.match(_URL_INSIDE.sub("", value.strip(_URL_ENDS)))
    return scheme.group(1).lower() if scheme else None


def unsafe_scheme(value: str) -> str | None:
    """The scheme of a URL when it is not one of SAFE_SCHEMES; None for a safe URL or a
    pointer without a scheme. The one check for document links and edition.toml URLs."""
    scheme = url_scheme(value)
    return scheme if scheme is not None and scheme not in SAFE_SCHEMES else None


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
    """[document-id-filename] a document's xml:id is "doc-" followed by the name of its
    outputs: its file name, or in a subfolder its path (03/001.xml: doc-03-001)."""
    expected = f"doc-{document.stem or document.path.stem}"
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


@functools.lru_cache(maxsize=65536)
def _join(folder: str, file_part: str) -> str:
    return os.path.normpath(os.path.join(folder, file_part))


def resolve_pointer(source: str, value: str) -> tuple[str, str] | None:
    """The file and id a pointer designates, from the absolute path of its file; None for
    a URL with a scheme. String work only, as it runs for every pointer of the corpus."""
    if _SCHEME.match(value):
        return None
    file_part, _, fragment = value.partition("#")
    if not file_part:
        return source, fragment
    return _join(os.path.dirname(source), file_part), fragment


class CorpusRules:
    """Pointers, ids and entries across the corpus, from `FileFacts` alone.

    `checked` holds the paths to report on; the facts of every corpus file are needed
    even when only some files are checked. A file with findings is read again to report
    every occurrence at its line and column.
    """

    def __init__(
        self,
        facts: Iterable[FileFacts],
        checked: set[str],
        root: Path,
        folders: Iterable[Path] = (),
    ) -> None:
        self.facts = {item.path: item for item in facts}
        self.checked = checked
        self.root = root
        #: Where a pointer may lead: the project folder and the corpus folders, resolved.
        self.allowed = tuple(
            dict.fromkeys(_real(str(folder)) for folder in (root, *folders) if folder)
        )
        self._inside: dict[str, bool] = {}
        self.ids: dict[str, dict[str, str]] = {
            path: {identifier: local for identifier, local, _ in item.ids}
            for path, item in self.facts.items()
        }
        self._unreadable: set[str] = set()
        self._parsed: dict[str, tuple] = {}
        self._ids: dict[str, dict[str, list]] = {}  # path -> xml:id -> elements

    # -- helpers ------------------------------------------------------------------------

    def is_outside(self, path: str) -> bool:
        """Whether a pointer's file lies outside the project and the corpus folders, once
        symbolic links are followed. Decided on the path alone, never on what is there, so
        nothing about files elsewhere on the machine leaks into the findings."""
        if path in self.ids:
            return False  # a corpus file, known from its facts
        if path not in self._inside:
            real = _real(path)
            self._inside[path] = any(
                real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)
                for folder in self.allowed
            )
        return not self._inside[path]

    def ids_in(self, path: str) -> dict[str, str] | None:
        if path not in self.ids and path not in self._unreadable:
            # A pointer into a file of the project outside the corpus: read it with the
            # same safe parser, if it is a regular file (a FIFO or a device is never opened).
            try:
                if not _is_file(_real(path)):
                    raise ValueError("not a regular file")
                root = parse_xml(Path(path)).root
                self.ids[path] = {
                    element.get(XML_ID): element.tag.rpartition("}")[2]
                    for element in root.iter(etree.Element)
                    if element.get(XML_ID)
                }
            except (CablesError, OSError, ValueError):
                self._unreadable.add(path)
        return self.ids.get(path)

    def elements(self, path: str) -> tuple:
        """The parsed file and its elements in document order (read once, on findings)."""
        if path not in self._parsed:
            parsed = parse_xml(Path(path))
            self._parsed[path] = (parsed, list(parsed.root.iter(etree.Element)))
        return self._parsed[path]

    def finding(self, path, element, severity, rule, message, hint, attribute=None):
        parsed, _ = self.elements(path)
        line, column = parsed.locate(element, attribute)
        shown = display_path(Path(path), self.root)
        return Diagnostic(shown, line, column, severity, rule, message, hint)

    def relative(self, target: str, source: str) -> str:
        """How `source` should spell a pointer to the file `target`."""
        return Path(os.path.relpath(target, os.path.dirname(source))).as_posix()

    def checked_facts(self) -> Iterator[FileFacts]:
        return (item for path, item in self.facts.items() if path in self.checked)

    # -- rules --------------------------------------------------------------------------

    def link_problem(self, link: tuple[str, str, str]) -> str | None:
        """What is wrong with a resolved pointer: "file", "id", "kind:<found>" or None."""
        path, fragment, requirement = link
        if self.is_outside(path):
            return "outside"
        ids = self.ids_in(path)
        if ids is None:
            return "file"
        if not fragment:
            return None
        found = ids.get(fragment)
        if found is None:
            return "id"
        expected = (
            RS_TARGETS.get(requirement[3:])
            if requirement.startswith("rs:")
            else NAME_TARGETS.get(requirement)
        )
        if expected is not None and found != expected:
            return f"kind:{found}"
        return None

    def check_pointers(self) -> Iterator[Diagnostic]:
        """[pointer-unresolved] every pointer reaches an existing file and xml:id;
        [ref-wrong-kind] names point at entries of their kind."""
        for item in self.checked_facts():
            problems = {}
            for link in item.links:
                problem = self.link_problem(link)
                if problem:
                    problems[tuple(link)] = problem
            if problems:
                yield from self._report_pointers(item.path, problems)

    def _report_pointers(self, path: str, problems: dict) -> Iterator[Diagnostic]:
        _, elements = self.elements(path)
        for element in elements:
            for attribute in POINTER_ATTRIBUTES:
                for value in (element.get(attribute) or "").split():
                    target = resolve_pointer(path, value)
                    if target is None:
                        continue
                    link = (*target, link_requirement(attribute, element))
                    problem = problems.get(link)
                    if problem:
                        yield self._pointer_finding(path, element, attribute, value, link, problem)

    def _pointer_finding(self, path, element, attribute, value, link, problem) -> Diagnostic:
        target, fragment, _ = link
        if problem == "outside":
            # The same words whatever is (or is not) there: the file is never looked at.
            return self.finding(
                path,
                element,
                ERROR,
                "pointer-outside",
                f'@{attribute}="{value}" points outside the project',
                "a pointer may only name files inside the edition's project folder; "
                "copy the file into the corpus and point at it there",
                attribute,
            )
        if problem == "file":
            exists = _is_file(target)
            message = f'@{attribute}="{value}" points to ' + (
                "a file that is not well-formed XML" if exists else "a file that does not exist"
            )
            hint = self._file_hint(path, value, target)
            return self.finding(
                path, element, ERROR, "pointer-unresolved", message, hint, attribute
            )
        if problem == "id":
            message = (
                f'@{attribute}="{value}": no xml:id "{fragment}" in '
                f"{display_path(Path(target), self.root)}"
            )
            hint = self._id_hint(path, value, target, fragment)
            return self.finding(
                path, element, ERROR, "pointer-unresolved", message, hint, attribute
            )
        found = problem.partition(":")[2]
        local = element.tag.rpartition("}")[2]
        requirement = link[2]
        expected = (
            RS_TARGETS.get(requirement[3:])
            if requirement.startswith("rs:")
            else NAME_TARGETS.get(requirement)
        )
        return self.finding(
            path,
            element,
            ERROR,
            "ref-wrong-kind",
            f'<{local}> points at a <{found}> entry ("{fragment}"), not a <{expected}>',
            f"point it at a <{expected}> in the authority files, or change the element",
            "ref",
        )

    def _id_hint(self, source: str, value: str, path: str, fragment: str) -> str | None:
        elsewhere = sorted(p for p, file_ids in self.ids.items() if fragment in file_ids)
        if elsewhere:
            suggestion = f"{self.relative(elsewhere[0], source)}#{fragment}"
            return f"did you mean `{suggestion}`? the id is defined in another file"
        close = difflib.get_close_matches(fragment, list(self.ids.get(path, {})), n=1, cutoff=0.6)
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
        name = os.path.basename(path)
        close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
        if close:
            fragment = value.partition("#")[2]
            suggestion = self.relative(candidates[close[0]], source)
            return f"did you mean `{suggestion}{'#' + fragment if fragment else ''}`?"
        return "paths are relative to the folder of the file that contains the pointer"

    def _element_with_id(self, path: str, identifier: str, occurrence: int = 0):
        """The element of `path` with this xml:id (its `occurrence`-th when used twice),
        from an index made once per file: a register has thousands of ids to report."""
        index = self._ids.get(path)
        if index is None:
            index = {}
            for element in self.elements(path)[1]:
                own = element.get(XML_ID)
                if own is not None:
                    index.setdefault(own, []).append(element)
            self._ids[path] = index
        matches = index[identifier]
        return matches[min(occurrence, len(matches) - 1)]

    def check_unique_ids(self) -> Iterator[Diagnostic]:
        """[id-duplicate] an xml:id is used once in the whole corpus."""
        occurrences: dict[str, list[str]] = {}
        for path in sorted(self.facts):
            for identifier, _, _ in self.facts[path].ids:
                occurrences.setdefault(identifier, []).append(path)
        for identifier, places in occurrences.items():
            if len(places) < 2:
                continue
            for index, path in enumerate(places):
                if path not in self.checked:
                    continue
                if index == 0 and any(p in self.checked for p in places[1:]):
                    continue  # reported at the later occurrences, which point back here
                other = places[1] if index == 0 else places[0]
                parsed, _ = self.elements(other)
                line, _ = parsed.locate(self._element_with_id(other, identifier))
                yield self.finding(
                    path,
                    self._element_with_id(path, identifier, places[:index].count(path)),
                    ERROR,
                    "id-duplicate",
                    f'xml:id "{identifier}" is already used in '
                    f"{display_path(Path(other), self.root)} line {line}",
                    "every xml:id must be unique across the whole corpus; rename one of them",
                    XML_ID,
                )

    def check_unused_authority(self) -> Iterator[Diagnostic]:
        """[authority-unused] warns about authority entries that nothing refers to."""
        referenced: set[str] = set()
        for item in self.facts.values():
            referenced.update(item.references)
        for item in self.checked_facts():
            if item.kind != AUTHORITY:
                continue
            for identifier, _, is_entry in item.ids:
                if is_entry and f"{item.path}#{identifier}" not in referenced:
                    yield self.finding(
                        item.path,
                        self._element_with_id(item.path, identifier),
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


# ======================================================================================
# Output names
# ======================================================================================


def output_name_key(name: str) -> str:
    """A name as file systems and browsers may confuse it: Unicode-normalised (NFC) and
    case-folded, so café in NFC and in NFD, or Index and index, are one name."""
    if name.isascii():
        return name.lower()  # the same, for nearly every name, at a fraction of the cost
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def check_output_names(
    files: Iterable[tuple[Path, str]], root: Path, checked: set[str], edition=None
) -> list[Diagnostic]:
    """[output-name-collision] no two corpus files, and no corpus file and a page the site
    makes itself, are published under one name."""
    claims: dict[str, list[tuple[str, Path | None]]] = {}
    for name in SITE_OUTPUTS:
        claims.setdefault(output_name_key(name), []).append((name, None))
    for path, kind in files:
        for name in output_names(path, kind, edition):
            claims.setdefault(output_name_key(name), []).append((name, path))
    found: dict[tuple[Path, Path | None], Diagnostic] = {}
    for claim in claims.values():
        if len(claim) < 2:
            continue  # nearly always: the work below is for collisions only
        for name, path in claim:
            if path is None or str(absolute(path)) not in checked:
                continue
            others = [(other, source) for other, source in claim if source != path]
            if not others or (path, others[0][1]) in found:
                continue  # one finding for each pair of files, for the page or the source
            other, source = others[0]
            if source is None:
                message = f"its output {name} would overwrite the site's own {other}"
                hint = (
                    "rename the file: the site writes "
                    + ", ".join(n for n in SITE_OUTPUTS if "." in n)
                    + " itself"
                )
            else:
                same = (
                    "the same name"
                    if other == name
                    else "names that differ only in case or Unicode form"
                )
                message = (
                    f"its output {name}{_form(name)} collides with {other}{_form(other)} of "
                    f"{display_path(source, root)} ({same})"
                )
                hint = (
                    "rename one of the two files: the site is flat, and many file systems "
                    "do not tell such names apart"
                )
            found[path, source] = Diagnostic(
                display_path(path, root), 1, 1, ERROR, "output-name-collision", message, hint
            )
    return list(found.values())


def _form(name: str) -> str:
    # Two names in different Unicode forms print alike: say which one is decomposed.
    return "" if unicodedata.is_normalized("NFC", name) else " (decomposed Unicode, NFD)"


def link_requirement(attribute: str, element: etree._Element) -> str:
    """What a pointer's target must be: names point at entries of their kind."""
    if attribute != "ref":
        return ""
    local = element.tag.rpartition("}")[2]
    return f"rs:{element.get('type') or ''}" if local == "rs" else local


def _is_file(path: str) -> bool:
    """Whether `path` is a regular file (after symbolic links); no FIFO, device or socket.
    A pointer can name anything, including a path the system refuses (too long, NUL)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _real(path: str) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.normpath(path)
