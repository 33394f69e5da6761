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
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from cables.config import Edition

from cables.corpus import (
    AUTHORITY,
    DOCUMENT,
    SITE_OUTPUTS,
    SOURCE_FOLDERS,
    XML_ID,
    Document,
    absolute,
    output_names,
)
from cables.diagnostics import ERROR, WARNING, Diagnostic, display_path
from cables.errors import CablesError
from cables.facts import FileFacts
from cables.pointers import BY_KEY, IN_REGISTERS, prefix_definitions, resolve, unsafe_scheme
from cables.xmlio import TEI_NS, parse_xml

#: Attributes whose values are (lists of) pointers: `#id`, `file.xml#id` or URLs.
POINTER_ATTRIBUTES = ("ref", "corresp", "target", "source", "who", "resp", "where")
DATE_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")
AUTHORITY_LISTS = ("listPerson", "listPlace", "listOrg", "listEvent", "listBibl")
#: Which kind of authority entry each name element must point at.
NAME_TARGETS = {"persName": "person", "placeName": "place", "orgName": "org"}
RS_TARGETS = {"person": "person", "place": "place", "org": "org", "event": "event"}

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# ======================================================================================
# File-local rules
# ======================================================================================


def file_rules(document: Document, shown: str) -> list[Diagnostic]:
    """Every file-local rule on one parsed file."""

    def finding(
        element: etree._Element,
        severity: str,
        rule: str,
        message: str,
        hint: str,
        attribute: str | None = None,
    ) -> Diagnostic:
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
        if str(element.tag).startswith(tei):
            bounds, invalid = _dates_of(element)
            for attribute, error in invalid:
                yield finding(
                    element,
                    ERROR,
                    "date-invalid",
                    f'@{attribute}="{element.get(attribute)}" is not a real date: {error}',
                    "write the date as YYYY-MM-DD, YYYY-MM or YYYY",
                    attribute,
                )
            yield from _reversed_ranges(element, bounds, finding)


def _dates_of(
    element: etree._Element,
) -> tuple[dict[str, tuple[date, date]], list[tuple[str, ValueError]]]:
    """The days each date attribute of `element` can mean (those in ISO form), and the
    attributes in ISO form that name no real day, with why."""
    bounds: dict[str, tuple[date, date]] = {}
    invalid: list[tuple[str, ValueError]] = []
    for attribute in DATE_ATTRIBUTES:
        value = element.get(attribute)
        if value is None:
            continue
        try:
            parsed = date_bounds(value)
        except ValueError as error:
            invalid.append((attribute, error))
            continue
        if parsed:
            bounds[attribute] = parsed
    return bounds, invalid


#: The pairs of attributes that give a range, earliest first.
DATE_RANGES = (("notBefore", "notAfter"), ("from", "to"))


def _reversed_ranges(
    element: etree._Element, bounds: dict[str, tuple[date, date]], finding: Finding
) -> Iterator[Diagnostic]:
    """[date-range-order] for each range of `element` whose start is after its end."""
    for start, end in DATE_RANGES:
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


#: Elements whose `@key` names an entry of the registers (TEI att.canonical on names).
KEY_ELEMENTS = frozenset(
    {
        "persName",
        "placeName",
        "orgName",
        "rs",
        "name",
        "settlement",
        "country",
        "region",
        "geogName",
        "district",
        "bloc",
        "eventName",
        "objectName",
    }
)


def file_links(
    root: etree._Element, source: str, own_ids: frozenset[str] | set[str] | dict, keys: bool
) -> Iterator[tuple]:
    """Every pointer of a file, resolved as far as the file alone allows (pointers.py):
    (element, attribute, token as written, (target file, id), requirement), and with
    `keys` the `@key` of its names. Tokens that are links out of the edition or no
    pointers at all are left out."""
    prefixes = prefix_definitions(root)
    for element in root.iter(etree.Element):
        for attribute in POINTER_ATTRIBUTES:
            value = element.get(attribute)
            if not value:
                continue
            for token in value.split():
                target = resolve(source, token, own_ids, prefixes)
                if target is not None:
                    yield element, attribute, token, target, link_requirement(attribute, element)
        key = element.get("key") if keys else None
        if key and _local_name(element) in KEY_ELEMENTS:
            for token in key.split():
                yield element, "key", token, (BY_KEY, token), link_requirement("ref", element)


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
        unique_ids: str = "document",
        registers: Iterable[str] | None = None,
    ) -> None:
        self.facts = {item.path: item for item in facts}
        #: Where an xml:id must be unique: "document" (TEI) or "corpus" (edition policy).
        self.unique_ids = unique_ids
        self.checked = checked
        self.root = root
        #: Where a pointer may lead: the project folder and the corpus folders, resolved.
        self.allowed = tuple(
            dict.fromkeys(_real(str(folder)) for folder in (root, *folders) if folder)
        )
        self._inside: dict[str, bool] = {}
        #: The xml:ids of each file, with the local name of the element that has each.
        self.ids: dict[str, dict[str, str]] = {
            path: {identifier: local for identifier, local, _ in item.ids}
            for path, item in self.facts.items()
        }
        #: The files `#id` falls back on and `@key` looks in, in order: the given ones
        #: ([corpus] registers) or every authority file.
        self.registers = self._register_files(registers)
        #: Each id of the registers, with the first register that holds it.
        self.register_ids: dict[str, str] = {}
        for path in reversed(self.registers):
            self.register_ids.update(dict.fromkeys(self.ids[path], path))
        self._unreadable: set[str] = set()
        self._parsed: dict[str, tuple] = {}
        self._ids: dict[str, dict[str, list]] = {}  # path -> xml:id -> elements

    def _register_files(self, named: Iterable[str] | None) -> list[str]:
        """The corpus files among the registers `named`, or (None) every authority file."""
        if named is None:
            named = sorted(p for p, item in self.facts.items() if item.kind == AUTHORITY)
        return [path for path in named if path in self.facts]

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
                    identifier: _local_name(element)
                    for element in root.iter(etree.Element)
                    if (identifier := element.get(XML_ID))
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

    def target_file(self, link: tuple[str, str, str]) -> str | None:
        """The file a link leads to: for an entry looked up in the registers, the first
        register that holds its id (None when none does)."""
        path, fragment, _ = link
        if path in (IN_REGISTERS, BY_KEY):
            return self.register_ids.get(fragment)
        return path

    def link_problem(self, link: tuple[str, str, str]) -> str | None:
        """What is wrong with a resolved pointer: "outside", "file", "id", "register",
        "kind:<found>" or None."""
        _, fragment, requirement = link
        path = self.target_file(link)
        if path is None:
            if link[0] == BY_KEY and not self.registers:
                return None  # keys into an authority that is not part of the edition
            return "register"
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
        expected = _expected_kind(requirement)
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
        parsed, _ = self.elements(path)
        keys = self.facts[path].kind != AUTHORITY
        for element, attribute, value, target, requirement in file_links(
            parsed.root, path, self.ids[path], keys
        ):
            link = (*target, requirement)
            problem = problems.get(link)
            if problem:
                yield self._pointer_finding(path, element, attribute, value, link, problem)

    def _pointer_finding(
        self,
        path: str,
        element: etree._Element,
        attribute: str,
        value: str,
        link: tuple[str, str, str],
        problem: str,
    ) -> Diagnostic:
        target, fragment, requirement = link
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
            hint: str | None = self._file_hint(path, value, target)
            return self.finding(
                path, element, ERROR, "pointer-unresolved", message, hint, attribute
            )
        if problem == "register":
            where = "in the registers" if target == BY_KEY else "in this file or in the registers"
            message = f'@{attribute}="{value}": no xml:id "{fragment}" {where}'
            hint = self._register_hint(path, fragment, key=target == BY_KEY)
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
        local = _local_name(element)
        expected = _expected_kind(requirement)
        return self.finding(
            path,
            element,
            ERROR,
            "ref-wrong-kind",
            f'<{local}> points at a <{found}> entry ("{fragment}"), not a <{expected}>',
            f"point it at a <{expected}> in the authority files, or change the element",
            attribute,
        )

    def _files_with_id(self, fragment: str) -> list[str]:
        return sorted(p for p, file_ids in self.ids.items() if fragment in file_ids)

    def _id_hint(self, source: str, value: str, path: str, fragment: str) -> str | None:
        elsewhere = self._files_with_id(fragment)
        if elsewhere:
            suggestion = f"{self.relative(elsewhere[0], source)}#{fragment}"
            return f"did you mean `{suggestion}`? the id is defined in another file"
        close = difflib.get_close_matches(fragment, list(self.ids.get(path, {})), n=1, cutoff=0.6)
        if close:
            prefix = "" if path == source else value.partition("#")[0]
            return f"did you mean `{prefix}#{close[0]}`?"
        return self._close_id_hint(source, list(self.ids), fragment, bare=False)

    def _register_hint(self, source: str, fragment: str, key: bool = False) -> str:
        if key:
            close = difflib.get_close_matches(fragment, list(self.register_ids), n=1, cutoff=0.6)
            if close:
                return f"did you mean `{close[0]}`? a @key is the xml:id of a register entry"
            return "add the entry to a register, or correct the key"
        elsewhere = self._files_with_id(fragment)
        if elsewhere:
            suggestion = f"{self.relative(elsewhere[0], source)}#{fragment}"
            return (
                f"did you mean `{suggestion}`? the id is defined in a file that is not a "
                "register; a bare #id means this file, then the registers"
            )
        near = self._close_id_hint(source, [source, *self.registers], fragment)
        if near:
            return near
        if not self.registers:
            return (
                "the edition has no registers: put the entries in the authority folder, "
                "or name the files in [corpus] registers in edition.toml"
            )
        return "add the entry to a register, or correct the id"

    def _close_id_hint(
        self, source: str, files: list[str], fragment: str, bare: bool = True
    ) -> str | None:
        """A close id in `files`, spelt as `#id` where a bare id reaches it (when `bare`)."""
        everywhere = {i: p for p in sorted(files) for i in self.ids.get(p, {})}
        close = difflib.get_close_matches(fragment, list(everywhere), n=1, cutoff=0.6)
        if close:
            found = everywhere[close[0]]
            reached = bare and (found == source or found in self.registers)
            prefix = "" if reached else self.relative(found, source)
            return f"did you mean `{prefix}#{close[0]}`?"
        return None

    def _file_hint(self, source: str, value: str, path: str) -> str:
        fragment = value.partition("#")[2]
        # Only a file that holds the id is worth naming: a near name lacking it misleads.
        files = self._files_with_id(fragment) if fragment else sorted(self.facts)
        candidates = {os.path.basename(p): p for p in files}
        name = os.path.basename(path)
        close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
        if not close and fragment and files:
            close = [os.path.basename(files[0])]
        if close:
            suggestion = self.relative(candidates[close[0]], source)
            return f"did you mean `{suggestion}{'#' + fragment if fragment else ''}`?"
        return "paths are relative to the folder of the file that contains the pointer"

    def _element_with_id(self, path: str, identifier: str, occurrence: int = 0) -> etree._Element:
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
        """[id-duplicate] an xml:id is used once in its file (TEI's rule; the parser
        refuses a file that breaks it) and, when the edition asks for it
        ([check] unique_ids = "corpus"), once in the whole corpus."""
        if self.unique_ids != "corpus":
            return
        for identifier, places in self._ids_used_twice().items():
            for index in range(len(places)):
                if self._reports_duplicate(places, index):
                    yield self._duplicate_id(identifier, places, index)

    def _ids_used_twice(self) -> dict[str, list[str]]:
        """Each xml:id used more than once in the corpus, with the file of each use, in
        the order of the files' paths."""
        occurrences: dict[str, list[str]] = {}
        for path in sorted(self.facts):
            for identifier, _, _ in self.facts[path].ids:
                occurrences.setdefault(identifier, []).append(path)
        return {identifier: places for identifier, places in occurrences.items() if len(places) > 1}

    def _reports_duplicate(self, places: list[str], index: int) -> bool:
        """Whether the use `places[index]` of a duplicate id has a finding: a use in a
        checked file, and the first use only when no later one is checked (the later ones'
        findings point back at it)."""
        if places[index] not in self.checked:
            return False
        return index > 0 or not any(path in self.checked for path in places[1:])

    def _duplicate_id(self, identifier: str, places: list[str], index: int) -> Diagnostic:
        """[id-duplicate] at the use `places[index]`, naming the first other use."""
        path = places[index]
        other = places[1] if index == 0 else places[0]
        parsed, _ = self.elements(other)
        line, _ = parsed.locate(self._element_with_id(other, identifier))
        return self.finding(
            path,
            self._element_with_id(path, identifier, places[:index].count(path)),
            ERROR,
            "id-duplicate",
            f'xml:id "{identifier}" is already used in '
            f"{display_path(Path(other), self.root)} line {line}",
            "the edition asks for every xml:id to be unique across the whole corpus "
            '([check] unique_ids = "corpus" in edition.toml); rename one of them',
            XML_ID,
        )

    def check_unused_authority(self) -> Iterator[Diagnostic]:
        """[authority-unused] warns about authority entries that nothing refers to."""
        referenced: set[str] = set()
        for item in self.facts.values():
            for reference in item.references:
                path, _, fragment = reference.rpartition("#")
                if path in (IN_REGISTERS, BY_KEY):
                    path = self.register_ids.get(fragment, path)
                referenced.add(f"{path}#{fragment}")
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
            *check_document_numbers(self),
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
    files: Iterable[tuple[Path, str]],
    root: Path,
    checked: set[str],
    edition: Edition | None = None,
) -> list[Diagnostic]:
    """[output-name-collision] no two corpus files, and no corpus file and a page the site
    makes itself, are published under one name."""
    found: dict[tuple[Path, Path | None], Diagnostic] = {}
    for claim in _output_claims(files, edition).values():
        if len(claim) < 2:
            continue  # nearly always: the work below is for collisions only
        for name, path in claim:
            if path is None or str(absolute(path)) not in checked:
                continue
            others = [(other, source) for other, source in claim if source != path]
            if not others or (path, others[0][1]) in found:
                continue  # one finding for each pair of files, for the page or the source
            other, source = others[0]
            message, hint = _collision(name, other, source, root)
            found[path, source] = Diagnostic(
                display_path(path, root), 1, 1, ERROR, "output-name-collision", message, hint
            )
    return list(found.values())


#: Who claims an output name: the name as written and the corpus file (None: the site).
Claim = tuple[str, Path | None]


def _output_claims(
    files: Iterable[tuple[Path, str]], edition: Edition | None
) -> dict[str, list[Claim]]:
    """Every output name claimed, the site's own pages first, then each file's outputs,
    grouped by the name as file systems may confuse it (`output_name_key`). A source
    published into a folder the site fills itself (assets/...) claims that folder."""
    claims: dict[str, list[Claim]] = {}
    for name in SITE_OUTPUTS:
        claims.setdefault(output_name_key(name), []).append((name, None))
    for path, kind in files:
        for name in output_names(path, kind, edition):
            top = name.split("/", 1)[0]
            own_folder = top != name and top in SITE_OUTPUTS and top not in SOURCE_FOLDERS
            taken = top if own_folder else name
            claims.setdefault(output_name_key(taken), []).append((name, path))
    return claims


def _collision(name: str, other: str, source: Path | None, root: Path) -> tuple[str, str]:
    """The message and hint for the output `name` of a file that collides with the
    output `other` of `source` (None: a page the site makes itself)."""
    if source is None:
        site_pages = ", ".join(n for n in SITE_OUTPUTS if "." in n)
        return (
            f"its output {name} would overwrite the site's own {other}",
            f"rename the file: the site writes {site_pages} itself",
        )
    same = "the same name" if other == name else "names that differ only in case or Unicode form"
    return (
        f"its output {name}{_form(name)} collides with {other}{_form(other)} of "
        f"{display_path(source, root)} ({same})",
        "rename one of the two files: the site is flat, and many file systems "
        "do not tell such names apart",
    )


def _form(name: str) -> str:
    # Two names in different Unicode forms print alike: say which one is decomposed.
    return "" if unicodedata.is_normalized("NFC", name) else " (decomposed Unicode, NFD)"


def _expected_kind(requirement: str) -> str | None:
    """The kind of entry a requirement of `link_requirement` asks for, if any."""
    if requirement.startswith("rs:"):
        return RS_TARGETS.get(requirement[3:])
    return NAME_TARGETS.get(requirement)


def link_requirement(attribute: str, element: etree._Element) -> str:
    """What a pointer's target must be: names point at entries of their kind."""
    if attribute != "ref":
        return ""
    local = _local_name(element)
    return f"rs:{element.get('type') or ''}" if local == "rs" else local


def _local_name(element: etree._Element) -> str:
    """The element's name without its namespace."""
    return str(element.tag).rpartition("}")[2]


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


# ======================================================================================
# Document numbers
# ======================================================================================


def document_number_problems(
    numbers: dict[str, str | None],
) -> dict[str, tuple[str, str, str]]:
    """[document-number] what is wrong with the documents' numbers in the edition (the @n
    of each document's TEI root, by file): (severity, message, hint) per file at fault.

    An edition that numbers none of its documents has nothing to check. Once one is
    numbered, every one must be, with a whole number and no two alike, since readers cite
    a document by its number: errors. Together they should run 1, 2, 3 ... without a gap;
    a gap (a document withdrawn, say) leaves every citation unambiguous, so it is a warning.
    """
    if not any(numbers.values()):
        return {}
    problems, holders = _unreadable_numbers(numbers)
    for number, paths in holders.items():
        for path in sorted(paths)[1:]:
            problems[path] = (
                ERROR,
                f"document number {number} is given to {len(paths)} documents",
                "each document has its own number: renumber in order of date",
            )
    for path, problem in _numbers_beyond(holders, len(numbers)).items():
        problems.setdefault(path, problem)
    return problems


def _unreadable_numbers(
    numbers: dict[str, str | None],
) -> tuple[dict[str, tuple[str, str, str]], dict[int, list[str]]]:
    """The files with no number or one that is no whole number (errors), and the files
    holding each number that can be read."""
    problems: dict[str, tuple[str, str, str]] = {}
    holders: dict[int, list[str]] = {}
    for path, number in numbers.items():
        if number is None:
            problems[path] = (
                ERROR,
                "the document has no number (@n on <TEI>), but other documents of the "
                "edition have one",
                "number every document: @n on the root, 1 to N in order of date",
            )
        elif not number.isascii() or not number.isdigit() or number.startswith("0"):
            problems[path] = (
                ERROR,
                f'the document number @n="{number}" is not a whole number from 1',
                'write the number in digits, without leading zeros: n="6"',
            )
        else:
            holders.setdefault(int(number), []).append(path)
    return problems, holders


def _numbers_beyond(
    holders: dict[int, list[str]], documents: int
) -> dict[str, tuple[str, str, str]]:
    """A warning for each number beyond 1..N, naming the numbers that are missing."""
    expected = set(range(1, documents + 1))
    missing = ", ".join(map(str, sorted(expected - set(holders)))) or "none"
    return {
        sorted(holders[number])[0]: (
            WARNING,
            f"document number {number} is beyond the {documents} documents of the "
            f"edition (missing: {missing})",
            "the numbers run 1 to N without a gap: renumber in order of date",
        )
        for number in sorted(set(holders) - expected)
    }


def check_document_numbers(rules: CorpusRules) -> Iterator[Diagnostic]:
    """[document-number] the documents' numbers are unique and run 1 to N (see
    `document_number_problems`), from each document's number among its facts (kept in the
    check's cache): only the documents with a finding are read again, to locate it."""
    documents = sorted(path for path, item in rules.facts.items() if item.kind == DOCUMENT)
    if not any(path in rules.checked for path in documents):
        return
    numbers = {path: rules.facts[path].number for path in documents}
    for path, (severity, message, hint) in sorted(document_number_problems(numbers).items()):
        if path in rules.checked:
            attribute = "n" if numbers[path] is not None else None
            root = rules.elements(path)[0].root
            yield rules.finding(path, root, severity, "document-number", message, hint, attribute)
