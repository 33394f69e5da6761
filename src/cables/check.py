"""`cables check`: well-formedness, then the XSD, then Schematron, then corpus-wide rules.

Turns every validator's result into `Diagnostic` values with file, line and column.
The schemas are compiled once per run; nothing here writes to the files it checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import xmlschema
from lxml import etree, isoschematron

from cables.config import Edition
from cables.conformance import tei_all_diagnostics
from cables.corpus import DOCUMENT, Document, absolute, corpus_files, kind_of, load_documents
from cables.diagnostics import ERROR, WARNING, Diagnostic, display_path, sort_diagnostics
from cables.errors import CablesError
from cables.rules import run_corpus_rules
from cables.xmlio import TEI_NS, parse_xml

SVRL_NS = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


@dataclass(frozen=True)
class Validators:
    """The edition's compiled grammar and Schematron rules."""

    xsd: xmlschema.XMLSchema
    schematron: isoschematron.Schematron


@dataclass(frozen=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    files_checked: int

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == ERROR)


def load_validators(edition: Edition) -> Validators:
    """Compile the XSD and Schematron of the edition; a broken schema is an environment error."""
    for path in (edition.xsd_path, edition.schematron_path):
        if not path.is_file():
            raise CablesError(
                "schema file not found",
                path=path,
                hint="edition.toml [schema] names the XSD and Schematron files of the edition",
            )
    try:
        xsd = xmlschema.XMLSchema(str(edition.xsd_path))
    except (xmlschema.XMLSchemaException, OSError) as error:
        raise CablesError(f"the XSD cannot be loaded: {error}", path=edition.xsd_path) from None
    try:
        schematron = isoschematron.Schematron(
            parse_xml(edition.schematron_path).tree, store_report=True
        )
    except etree.LxmlError as error:
        raise CablesError(
            f"the Schematron rules cannot be compiled: {error}", path=edition.schematron_path
        ) from None
    return Validators(xsd, schematron)


def shape_diagnostics(document: Document, root: Path) -> list[Diagnostic]:
    """[not-tei] the root is a TEI element; [no-tei-header] it starts with a teiHeader.

    A file that fails here is not checked against the grammar, whose messages would only
    repeat the same problem many times over.
    """
    element = document.root
    tag = etree.QName(element)
    path = display_path(document.path, root)
    if tag.namespace != TEI_NS or tag.localname != "TEI":
        found = f"<{tag.localname}>" + (
            f" in namespace {tag.namespace}" if tag.namespace else " in no namespace"
        )
        return [
            Diagnostic(
                path,
                *document.parsed.locate(element),
                ERROR,
                "not-tei",
                f"not a TEI file: the root element is {found}",
                f'the root must be <TEI xmlns="{TEI_NS}">',
            )
        ]
    first = next(iter(element.iterchildren(etree.Element)), None)
    if first is None or etree.QName(first).localname != "teiHeader":
        return [
            Diagnostic(
                path,
                *document.parsed.locate(element),
                ERROR,
                "no-tei-header",
                "the TEI file has no <teiHeader> as its first child",
                "every file needs a header with its title, publication statement and source",
            )
        ]
    return []


def grammar_diagnostics(
    document: Document, xsd: xmlschema.XMLSchema, root: Path
) -> list[Diagnostic]:
    """[xsd] what the grammar (schema/cables.xsd) rejects."""
    found = []
    for error in xsd.iter_errors(document.parsed.tree):
        element = error.elem if isinstance(error.elem, etree._Element) else document.root
        attribute = getattr(error.validator, "name", None)
        if not (isinstance(attribute, str) and element.get(attribute) is not None):
            attribute = None
        line, column = document.parsed.locate(element, attribute)
        found.append(
            Diagnostic(
                display_path(document.path, root),
                line,
                column,
                ERROR,
                "xsd",
                _grammar_message(error),
                "see the element's entry in schema/cables.odd for what is allowed here",
            )
        )
    return found


def _grammar_message(error: xmlschema.XMLSchemaValidationError) -> str:
    reason = (error.reason or str(error)).strip().rstrip(".")
    return reason.replace("{http://www.tei-c.org/ns/1.0}", "")


def schematron_diagnostics(
    document: Document, schematron: isoschematron.Schematron, root: Path
) -> list[Diagnostic]:
    """What the editorial rules of schema/cables.sch report."""
    schematron.validate(document.parsed.tree)
    report = schematron.validation_report
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
                display_path(document.path, root),
                line,
                column,
                severity,
                finding.get("id") or "schematron",
                text,
                hint or None,
            )
        )
    return found


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.rglob("*.xml")))
        elif path.is_file():
            files.append(path)
        else:
            raise CablesError("no such file or folder", path=path)
    return files


def check(
    edition: Edition, paths: list[Path] | None = None, tei_all: Path | None = None
) -> CheckResult:
    """Check the whole corpus, or only the named files and folders against it.

    With `tei_all` (the path of tei_all.rng), the files are also validated with Jing.
    """
    files = corpus_files(edition)
    if not any(kind == DOCUMENT for _, kind in files):
        raise CablesError(
            "the corpus has no documents",
            path=edition.documents_dir,
            hint="add TEI files (*.xml) to this folder, or set [corpus] documents in edition.toml",
        )
    corpus = load_documents(files)
    if paths:
        by_path = corpus.by_path()
        failures = {absolute(Path(f.path)) for f in corpus.failures if f.path}
        targets = _expand(paths)
        missing = [(p, kind_of(p, edition)) for p in targets if absolute(p) not in by_path]
        extra = load_documents(m for m in missing if absolute(m[0]) not in failures)
        checked_paths = {absolute(p) for p in targets}
        checked = [
            by_path[absolute(p)] for p in targets if absolute(p) in by_path
        ] + extra.documents
        failed = [f for f in corpus.failures if absolute(Path(f.path)) in checked_paths]
        failed += extra.failures
        files_checked = len(targets)
    else:
        checked = corpus.documents
        failed = corpus.failures
        files_checked = len(corpus.documents) + len(corpus.failures)

    validators = load_validators(edition)
    root = edition.root
    diagnostics = [_failure_diagnostic(failure, root) for failure in failed]
    for document in checked:
        shape = shape_diagnostics(document, root)
        diagnostics += shape
        if not shape:
            diagnostics += grammar_diagnostics(document, validators.xsd, root)
            diagnostics += schematron_diagnostics(document, validators.schematron, root)
    diagnostics += run_corpus_rules(checked, corpus.documents, root)
    if tei_all is not None:
        diagnostics += tei_all_diagnostics([d.path for d in checked], tei_all, root)
    return CheckResult(sort_diagnostics(diagnostics), files_checked)


def _failure_diagnostic(failure: CablesError, root: Path) -> Diagnostic:
    return Diagnostic(
        display_path(failure.path, root) if failure.path else "?",
        failure.line or 1,
        failure.column or 1,
        ERROR,
        failure.rule or "well-formed",
        failure.message,
        failure.hint,
    )


__all__ = ["CheckResult", "check", "load_validators"]
