"""The per-file stage of `cables check`: everything that needs only one file.

Parses a file, runs the XSD and Schematron and the file-local rules, and extracts the facts
(ids and pointers) the corpus-wide rules need. Results are plain data, so they can come
from a worker process or from the content-hash cache as well as from this process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree, isoschematron

from cables.corpus import AUTHORITY, DOCUMENT, XML_ID, Document
from cables.diagnostics import ERROR, WARNING, Diagnostic, display_path
from cables.errors import CablesError
from cables.facts import FileFacts
from cables.rules import AUTHORITY_LISTS, file_links, file_rules
from cables.xmlio import TEI_NS, local_name, parse_xml

if TYPE_CHECKING:
    import xmlschema
    from xmlschema.validators.exceptions import XMLSchemaValidationError

SVRL_NS = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


@dataclass
class FileResult:
    """The findings about one file and, when it could be parsed, its facts."""

    path: str
    diagnostics: list[Diagnostic]
    facts: FileFacts | None

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "diagnostics": [d.fields() for d in self.diagnostics],
            "facts": None if self.facts is None else self.facts.__dict__,
        }

    @classmethod
    def from_json(cls, data: object) -> FileResult:
        """The result `to_json` gave; ValueError unless `data` has exactly that shape, so a
        damaged or tampered cache entry is refused rather than shown or trusted."""
        try:
            path, diagnostics, facts = _fields(data, "path", "diagnostics", "facts")
            if not (isinstance(path, str) and isinstance(diagnostics, list)):
                raise ValueError("not a check result")
            findings = [_diagnostic(values) for values in diagnostics]
            return cls(path, findings, None if facts is None else _facts(facts))
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a check result: {error}") from None


def _require(condition: bool) -> None:
    if not condition:
        raise ValueError("not a check result")


def _fields(data: object, *names: str) -> list[object]:
    """The values of `names` in the mapping `data` (TypeError when it is none)."""
    if not isinstance(data, dict):
        raise TypeError(f"{type(data).__name__} is not a mapping")
    return [data[name] for name in names]


def _strings(values: object, size: int, last_is_bool: bool = False) -> tuple:
    if not (isinstance(values, (list, tuple)) and len(values) == size):
        raise ValueError("not a check result")
    for index, value in enumerate(values):
        expected = bool if last_is_bool and index == size - 1 else str
        _require(isinstance(value, expected))
    return tuple(values)


def _diagnostic(values: object) -> Diagnostic:
    if not (isinstance(values, (list, tuple)) and len(values) == 7):
        raise ValueError("not a check result")
    path, line, column, severity, rule, message, hint = values
    _require(all(isinstance(value, str) for value in (path, rule, message)))
    _require(all(type(value) is int for value in (line, column)))
    _require(severity in (ERROR, WARNING) and (hint is None or isinstance(hint, str)))
    return Diagnostic(path, line, column, severity, rule, message, hint)


def _facts(facts: object) -> FileFacts:
    path, kind, ids, links, references, number = _fields(
        facts, "path", "kind", "ids", "links", "references", "number"
    )
    if not (isinstance(path, str) and isinstance(kind, str)):
        raise ValueError("not a check result")
    if not (isinstance(ids, list) and isinstance(links, list) and isinstance(references, list)):
        raise ValueError("not a check result")
    _require(all(isinstance(reference, str) for reference in references))
    return FileFacts(
        path,
        kind,
        [_strings(entry, 3, last_is_bool=True) for entry in ids],
        [_strings(entry, 3) for entry in links],
        references,
        _string_or_none(number),
    )


def _string_or_none(value: object) -> str | None:
    _require(value is None or isinstance(value, str))
    return value if isinstance(value, str) else None


def extract_facts(document: Document) -> FileFacts:
    """The ids and internal pointers of one parsed file, for the corpus-wide rules."""
    path = str(document.key)
    ids: list[tuple[str, str, bool]] = []
    is_authority = document.kind == AUTHORITY
    for element in document.root.iter(etree.Element):
        own_id = element.get(XML_ID)
        if own_id:
            parent = element.getparent()
            entry = is_authority and parent is not None and local_name(parent) in AUTHORITY_LISTS
            ids.append((own_id, local_name(element), entry))
    links: set[tuple[str, str, str]] = set()
    references: set[str] = set()
    own_ids = {identifier for identifier, _, _ in ids}
    links_of = file_links(document.root, path, own_ids, keys=not is_authority)
    for element, _, _, target, requirement in links_of:
        links.add((*target, requirement))
        if target[1] and element.get(XML_ID) != target[1]:
            references.add(f"{target[0]}#{target[1]}")
    number = document.root.get("n") if document.kind == DOCUMENT else None
    return FileFacts(path, document.kind, ids, sorted(links), sorted(references), number)


class FileChecker:
    """The compiled grammar and rules, applied to one file at a time."""

    def __init__(
        self, xsd_path: Path, schematron_path: Path, root: Path, schemas: bool = True
    ) -> None:
        self.root = root
        self.xsd_path = xsd_path
        #: False in lenient mode: the edition's XSD and Schematron are not applied, as
        #: their findings would all be dropped (strictness.py), and on a large foreign
        #: file with thousands of them they cost more than everything else together.
        self.schemas = schemas
        if not schemas:
            return
        try:
            self.grammar = etree.XMLSchema(parse_xml(xsd_path).tree)
        except etree.XMLSchemaParseError as error:
            raise CablesError(f"the XSD cannot be loaded: {error}", path=xsd_path) from None
        try:
            self.schematron = isoschematron.Schematron(
                parse_xml(schematron_path).tree, store_report=True
            )
        except etree.LxmlError as error:
            raise CablesError(
                f"the Schematron rules cannot be compiled: {error}", path=schematron_path
            ) from None

    def check(self, path: Path, kind: str, stem: str = "") -> FileResult:
        shown = display_path(path, self.root)
        try:
            document = Document(parse_xml(path), kind, stem)
        except CablesError as error:
            if not error.about_content:
                raise  # unreadable: an environment problem, not a finding
            finding = Diagnostic(
                shown,
                error.line or 1,
                error.column or 1,
                ERROR,
                error.rule or "well-formed",
                error.message,
                error.hint,
            )
            return FileResult(str(path), [finding], None)
        diagnostics = shape_diagnostics(document, shown)
        if not diagnostics and self.schemas:
            diagnostics += self.grammar_diagnostics(document, shown)
            diagnostics += self.schematron_diagnostics(document, shown)
        diagnostics += file_rules(document, shown)
        return FileResult(str(path), diagnostics, extract_facts(document))

    def grammar_diagnostics(self, document: Document, shown: str) -> list[Diagnostic]:
        """[xsd] what schema/cables.xsd rejects: libxml2 decides (fast), xmlschema explains."""
        if self.grammar.validate(document.parsed.tree):
            return []
        # xmlschema reads lxml trees (and then sets sourceline); its types name only
        # ElementTree's.
        errors = self._explainer.iter_errors(document.parsed.tree)  # type: ignore[arg-type]
        found = [_explained_xsd_error(error, document, shown) for error in errors]
        if not found:  # the two validators disagree: fall back on libxml2's own words
            found = [
                _xsd_finding(shown, entry.line or 1, entry.column or 1, entry.message)
                for entry in self.grammar.error_log
            ]
        return found

    @functools.cached_property
    def _explainer(self) -> xmlschema.XMLSchemaBase:
        """xmlschema, loaded only when a file is invalid: slower than libxml2, clearer."""
        import xmlschema

        return xmlschema.XMLSchema(str(self.xsd_path))

    def schematron_diagnostics(self, document: Document, shown: str) -> list[Diagnostic]:
        """What the editorial rules of schema/cables.sch report."""
        self.schematron.validate(document.parsed.tree)
        report = self.schematron.validation_report
        assert report is not None, "store_report=True keeps the report of every validation"
        found = []
        for finding in report.xpath(
            "//svrl:failed-assert | //svrl:successful-report", namespaces=SVRL_NS
        ):
            matches = document.parsed.tree.xpath(finding.get("location", "/*"))
            element = (
                matches[0] if matches and isinstance(matches[0], etree._Element) else document.root
            )
            line, column = document.parsed.locate(element)
            text = " ".join(finding.findtext("svrl:text", "", SVRL_NS).split())
            hint = " ".join(finding.findtext("svrl:diagnostic-reference", "", SVRL_NS).split())
            severity = WARNING if finding.get("role") in ("warning", "warn", "info") else ERROR
            found.append(
                Diagnostic(
                    shown,
                    line,
                    column,
                    severity,
                    finding.get("id") or "schematron",
                    text,
                    hint or None,
                )
            )
        return found


def _explained_xsd_error(
    error: XMLSchemaValidationError, document: Document, shown: str
) -> Diagnostic:
    """One finding of xmlschema, located at the attribute it names when there is one."""
    element = error.elem if isinstance(error.elem, etree._Element) else document.root
    attribute = getattr(error.validator, "name", None)
    if not (isinstance(attribute, str) and element.get(attribute) is not None):
        attribute = None
    line, column = document.parsed.locate(element, attribute)
    message = (error.reason or str(error)).strip().rstrip(".")
    return _xsd_finding(shown, line, column, message.replace(f"{{{TEI_NS}}}", ""))


def _xsd_finding(shown: str, line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic(
        shown,
        line,
        column,
        ERROR,
        "xsd",
        message,
        "see the element's entry in schema/cables.odd for what is allowed here",
    )


def shape_diagnostics(document: Document, shown: str) -> list[Diagnostic]:
    """[not-tei] the root is a TEI element; [no-tei-header] it starts with a teiHeader.

    A file that fails here is not checked against the grammar, whose messages would only
    repeat the same problem many times over.
    """
    element = document.root
    tag = etree.QName(element)
    if tag.namespace != TEI_NS or tag.localname != "TEI":
        where = f"in namespace {tag.namespace}" if tag.namespace else "in no namespace"
        return [
            Diagnostic(
                shown,
                *document.parsed.locate(element),
                ERROR,
                "not-tei",
                f"not a TEI file: the root element is <{tag.localname}> {where}",
                f'the root must be <TEI xmlns="{TEI_NS}">',
            )
        ]
    first = next(iter(element.iterchildren(etree.Element)), None)
    if first is None or etree.QName(first).localname != "teiHeader":
        return [
            Diagnostic(
                shown,
                *document.parsed.locate(element),
                ERROR,
                "no-tei-header",
                "the TEI file has no <teiHeader> as its first child",
                "every file needs a header with its title, publication statement and source",
            )
        ]
    return []
