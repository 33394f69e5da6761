"""Corpus-wide rules: pointers, identifiers and dates checked across all files.

Each rule has an id, a message and a hint, like the Schematron rules in schema/cables.sch;
they live in Python because they need the whole corpus or real calendar arithmetic.
"""

from __future__ import annotations

import calendar
import difflib
import os.path
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree

from cables.corpus import AUTHORITY, DOCUMENT, XML_ID, Document, absolute
from cables.diagnostics import ERROR, WARNING, Diagnostic, display_path
from cables.errors import CablesError
from cables.xmlio import TEI_NS, parse_xml

#: Attributes whose values are (lists of) pointers: `#id`, `file.xml#id` or URLs.
POINTER_ATTRIBUTES = ("ref", "corresp", "target", "source", "who", "resp", "where")
#: URL schemes a reader's browser may follow. Anything else is dropped from the outputs.
SAFE_SCHEMES = ("http", "https", "mailto")
DATE_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")
AUTHORITY_LISTS = ("listPerson", "listPlace", "listOrg", "listEvent", "listBibl")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass
class IdIndex:
    """Every xml:id of every file that a pointer may reach, loaded on demand."""

    root: Path
    files: dict[Path, dict[str, etree._Element]] = field(default_factory=dict)
    unreadable: set[Path] = field(default_factory=set)

    def add(self, document: Document) -> None:
        self.files[document.key] = {
            element.get(XML_ID): element for element in document.root.iter() if element.get(XML_ID)
        }

    def ids_in(self, path: Path) -> dict[str, etree._Element] | None:
        path = absolute(path)
        if path not in self.files and path not in self.unreadable:
            # A pointer into a file outside the checked set: read it with the same safe parser.
            try:
                self.add(Document(parse_xml(path), kind=""))
            except CablesError:
                self.unreadable.add(path)
        return self.files.get(path)

    def files_defining(self, identifier: str) -> list[Path]:
        return [path for path, ids in self.files.items() if identifier in ids]


@dataclass(frozen=True)
class Pointer:
    """One pointer value on one attribute of one element."""

    document: Document
    element: etree._Element
    attribute: str
    value: str

    def target(self) -> tuple[Path, str] | None:
        """The file and id pointed at, or None for an external URL."""
        if _SCHEME.match(self.value):
            return None
        file_part, _, fragment = self.value.partition("#")
        path = (self.document.path.parent / file_part) if file_part else self.document.path
        return absolute(path), fragment


def iter_pointers(document: Document) -> Iterator[Pointer]:
    for element in document.root.iter(etree.Element):
        for attribute in POINTER_ATTRIBUTES:
            for value in (element.get(attribute) or "").split():
                yield Pointer(document, element, attribute, value)


class RuleContext:
    """What the rules need: the files to report on, the whole corpus and its id index."""

    def __init__(self, checked: list[Document], corpus: list[Document], root: Path) -> None:
        self.checked = checked
        self.corpus = corpus
        self.root = root
        self.index = IdIndex(root)
        for document in {d.key: d for d in [*corpus, *checked]}.values():
            self.index.add(document)

    def diagnostic(
        self,
        document: Document,
        element: etree._Element,
        severity: str,
        rule: str,
        message: str,
        hint: str | None = None,
        attribute: str | None = None,
    ) -> Diagnostic:
        line, column = document.parsed.locate(element, attribute)
        return Diagnostic(
            display_path(document.path, self.root), line, column, severity, rule, message, hint
        )

    def relative(self, target: Path, source: Document) -> str:
        """How `source` should spell a pointer to the file `target`."""
        return Path(os.path.relpath(target, source.path.parent)).as_posix()


def check_pointers(context: RuleContext) -> Iterator[Diagnostic]:
    """[pointer-unresolved] every pointer reaches an existing file and xml:id;
    [link-unsafe-scheme] links use only http, https or mailto."""
    for document in context.checked:
        for pointer in iter_pointers(document):
            scheme = _SCHEME.match(pointer.value)
            if scheme:
                if scheme.group(1).lower() not in SAFE_SCHEMES:
                    yield context.diagnostic(
                        document,
                        pointer.element,
                        WARNING,
                        "link-unsafe-scheme",
                        f"@{pointer.attribute} uses the '{scheme.group(1)}:' scheme, which the "
                        "outputs drop",
                        "use an http, https or mailto address, or a pointer inside the edition",
                        pointer.attribute,
                    )
                continue
            yield from _check_internal_pointer(context, pointer)


def _check_internal_pointer(context: RuleContext, pointer: Pointer) -> Iterator[Diagnostic]:
    target = pointer.target()
    assert target is not None
    path, fragment = target
    document = pointer.document
    ids = context.index.ids_in(path)
    if ids is None:
        exists = _is_file(path)
        yield context.diagnostic(
            document,
            pointer.element,
            ERROR,
            "pointer-unresolved",
            f'@{pointer.attribute}="{pointer.value}" points to '
            + ("a file that is not well-formed XML" if exists else "a file that does not exist"),
            _file_hint(context, pointer, path),
            pointer.attribute,
        )
        return
    if not fragment or fragment in ids:
        return
    yield context.diagnostic(
        document,
        pointer.element,
        ERROR,
        "pointer-unresolved",
        f'@{pointer.attribute}="{pointer.value}": no xml:id "{fragment}" in '
        f"{display_path(path, context.root)}",
        _id_hint(context, pointer, path, fragment, ids),
        pointer.attribute,
    )


def _is_file(path: Path) -> bool:
    # A pointer can name anything, including a path the system refuses (too long, NUL).
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _id_hint(
    context: RuleContext, pointer: Pointer, path: Path, fragment: str, ids: dict
) -> str | None:
    same_file = path == pointer.document.key
    elsewhere = context.index.files_defining(fragment)
    if elsewhere:
        suggestion = f"{context.relative(elsewhere[0], pointer.document)}#{fragment}"
        return f"did you mean `{suggestion}`? the id is defined in another file"
    close = difflib.get_close_matches(fragment, list(ids), n=1, cutoff=0.6)
    if close:
        prefix = "" if same_file else pointer.value.partition("#")[0]
        return f"did you mean `{prefix}#{close[0]}`?"
    everywhere = {
        identifier: p for p, file_ids in context.index.files.items() for identifier in file_ids
    }
    close = difflib.get_close_matches(fragment, list(everywhere), n=1, cutoff=0.6)
    if close:
        return (
            f"did you mean `{context.relative(everywhere[close[0]], pointer.document)}#{close[0]}`?"
        )
    return None


def _file_hint(context: RuleContext, pointer: Pointer, path: Path) -> str:
    candidates = {p.name: p for p in context.index.files}
    close = difflib.get_close_matches(path.name, list(candidates), n=1, cutoff=0.6)
    if close:
        fragment = pointer.value.partition("#")[2]
        suggestion = context.relative(candidates[close[0]], pointer.document)
        return f"did you mean `{suggestion}{'#' + fragment if fragment else ''}`?"
    return "paths are relative to the folder of the file that contains the pointer"


def check_unique_ids(context: RuleContext) -> Iterator[Diagnostic]:
    """[id-duplicate] an xml:id is used once in the whole corpus."""
    checked = {d.key for d in context.checked}
    documents = sorted({d.key: d for d in [*context.corpus, *context.checked]}.items())
    occurrences: dict[str, list[tuple[Document, etree._Element]]] = {}
    for _, document in documents:
        for element in document.root.iter(etree.Element):
            identifier = element.get(XML_ID)
            if identifier:
                occurrences.setdefault(identifier, []).append((document, element))
    for identifier, places in occurrences.items():
        if len(places) < 2:
            continue
        for index, (document, element) in enumerate(places):
            if document.key not in checked:
                continue
            if index == 0 and any(d.key in checked for d, _ in places[1:]):
                continue  # reported at the later occurrences, which point back here
            other, other_element = places[1] if index == 0 else places[0]
            line, _ = other.parsed.locate(other_element)
            yield context.diagnostic(
                document,
                element,
                ERROR,
                "id-duplicate",
                f'xml:id "{identifier}" is already used in '
                f"{display_path(other.path, context.root)} line {line}",
                "every xml:id must be unique across the whole corpus; rename one of them",
                XML_ID,
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


def check_dates(context: RuleContext) -> Iterator[Diagnostic]:
    """[date-invalid] dates are real days; [date-range-order] ranges run forwards;
    [date-after-document] dates in a text are not later than the document itself."""
    for document in context.checked:
        for element in document.root.iter(etree.Element):
            bounds: dict[str, tuple[date, date]] = {}
            for attribute in DATE_ATTRIBUTES:
                value = element.get(attribute)
                if (
                    value is None
                    or not isinstance(element.tag, str)
                    or not element.tag.startswith(f"{{{TEI_NS}}}")
                ):
                    continue
                try:
                    parsed = date_bounds(value)
                except ValueError as error:
                    yield context.diagnostic(
                        document,
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
            yield from _check_range(context, document, element, bounds, "notBefore", "notAfter")
            yield from _check_range(context, document, element, bounds, "from", "to")
        if document.kind == DOCUMENT:
            yield from _check_dates_after_document(context, document)


def _check_range(context, document, element, bounds, start: str, end: str):
    if start in bounds and end in bounds and bounds[start][0] > bounds[end][1]:
        yield context.diagnostic(
            document,
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
            try:
                parsed = date_bounds(element.get(attribute) or "")
            except ValueError:
                parsed = None
            if parsed:
                lows.append(parsed[0])
                highs.append(parsed[1])
    return (min(lows), max(highs)) if lows else None


def _check_dates_after_document(context: RuleContext, document: Document) -> Iterator[Diagnostic]:
    own = document_date_bounds(document)
    if own is None:
        return
    for element in document.xpath("tei:text//tei:date[not(@type='editorial')]"):
        lows = []
        for attribute in ("when", "notBefore", "from"):
            try:
                parsed = date_bounds(element.get(attribute) or "")
            except ValueError:
                parsed = None
            if parsed:
                lows.append((parsed[0], attribute))
        if lows and min(lows)[0] > own[1]:
            attribute = min(lows)[1]
            yield context.diagnostic(
                document,
                element,
                ERROR,
                "date-after-document",
                f"date {element.get(attribute)} is later than the document's own date "
                f"({own[1].isoformat()})",
                'if the editors supplied this date, mark it type="editorial"; otherwise check it',
                attribute,
            )


def check_document_ids(context: RuleContext) -> Iterator[Diagnostic]:
    """[document-id-filename] a document's xml:id is "doc-" followed by its file name."""
    for document in context.checked:
        if document.kind != DOCUMENT:
            continue
        expected = f"doc-{document.path.stem}"
        if document.id != expected:
            yield context.diagnostic(
                document,
                document.root,
                ERROR,
                "document-id-filename",
                f'the document\'s xml:id is "{document.id}" but its file name asks for '
                f'"{expected}"',
                f'set xml:id="{expected}" on <TEI>, or rename the file to match',
                XML_ID if document.id else None,
            )


def check_unused_authority(context: RuleContext) -> Iterator[Diagnostic]:
    """[authority-unused] warns about authority entries that nothing refers to."""
    referenced: set[tuple[Path, str]] = set()
    for document in {d.key: d for d in [*context.corpus, *context.checked]}.values():
        for pointer in iter_pointers(document):
            target = pointer.target()
            if target and target[1] and pointer.element.get(XML_ID) != target[1]:
                referenced.add(target)
    for document in context.checked:
        if document.kind != AUTHORITY:
            continue
        entries = document.xpath(
            " | ".join(f"//tei:{name}/tei:*[@xml:id]" for name in AUTHORITY_LISTS)
        )
        for entry in entries:
            identifier = entry.get(XML_ID)
            if (document.key, identifier) not in referenced:
                yield context.diagnostic(
                    document,
                    entry,
                    WARNING,
                    "authority-unused",
                    f'authority entry "{identifier}" is not referred to by any file',
                    "tag a mention of it in a document, or remove the entry",
                    XML_ID,
                )


#: Which kind of authority entry each name element must point at.
NAME_TARGETS = {"persName": "person", "placeName": "place", "orgName": "org"}
RS_TARGETS = {"person": "person", "place": "place", "org": "org", "event": "event"}


def check_name_targets(context: RuleContext) -> Iterator[Diagnostic]:
    """[ref-wrong-kind] a persName points at a person, a placeName at a place, an orgName
    at an organisation, and an rs at the kind its @type names."""
    for document in context.checked:
        for pointer in iter_pointers(document):
            if pointer.attribute != "ref":
                continue
            local = etree.QName(pointer.element).localname
            expected = NAME_TARGETS.get(local)
            if local == "rs":
                expected = RS_TARGETS.get(pointer.element.get("type", ""))
            target = pointer.target()
            if expected is None or target is None or not target[1]:
                continue
            ids = context.index.ids_in(target[0]) or {}
            entry = ids.get(target[1])
            if entry is None:
                continue  # reported by pointer-unresolved
            found = etree.QName(entry).localname
            if found != expected:
                yield context.diagnostic(
                    document,
                    pointer.element,
                    ERROR,
                    "ref-wrong-kind",
                    f'<{local}> points at a <{found}> entry ("{target[1]}"), not a <{expected}>',
                    f"point it at a <{expected}> in the authority files, or change the element",
                    "ref",
                )


RULES = (
    check_pointers,
    check_name_targets,
    check_unique_ids,
    check_dates,
    check_document_ids,
    check_unused_authority,
)


def run_corpus_rules(
    checked: Iterable[Document], corpus: Iterable[Document], root: Path
) -> list[Diagnostic]:
    context = RuleContext(list(checked), list(corpus), root)
    return [diagnostic for rule in RULES for diagnostic in rule(context)]
