"""Runs the XSLT 3.0 stylesheets of xslt/ with a hardened Saxon processor.

Each stylesheet is compiled once per run and kept in `Stylesheets`; Saxon's own
error output (stylesheet line, error code) is captured and raised as `CablesError`.
A project's customisation stylesheet takes the place of the entry stylesheet it
customises, and reaches the packaged ones by their stable URIs (`cables:xslt/...`,
mapped by the catalog of the packaged xslt/ folder).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import urllib.parse
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from saxonche import (
    PySaxonApiError,
    PySaxonProcessor,
    PyXdmNode,
    PyXdmValue,
    PyXsltExecutable,
)

from cables import data
from cables.errors import CablesError
from cables.xmlio import MAX_ELEMENT_DEPTH, parse_xml

if TYPE_CHECKING:
    from cables.config import Edition

# Verified in ../shared/TOOLING.md: the first refuses any DOCTYPE (so no entities, no
# external DTD), the second limits doc(), unparsed-text() and entities to local files.
_DISALLOW_DOCTYPE = (
    "http://saxon.sf.net/feature/parserFeature?"
    "uri=http%3A//apache.org/xml/features/disallow-doctype-decl"
)
_ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
#: Local files, and the stable names of the packaged stylesheets, which the catalog maps
#: to local files (`cables:` URIs it does not map cannot be read).
ALLOWED_PROTOCOLS = "file," + data.URI_PREFIX.rstrip(":")
# The JDK parser stops at 100 levels of nesting, lxml (the check) at 256: the build must
# read whatever the check accepted.
_MAX_ELEMENT_DEPTH = (
    "http://saxon.sf.net/feature/parserProperty?"
    "uri=http://www.oracle.com/xml/jaxp/properties/maxElementDepth"
)

ParameterValue: TypeAlias = str | int | bool | PyXdmValue


@contextlib.contextmanager
def _captured_native_stderr() -> Iterator[list[str]]:
    """Collect what Saxon writes to file descriptor 2 (dynamic errors, xsl:message)."""
    lines: list[str] = []
    with tempfile.TemporaryFile(mode="w+b") as capture:
        saved = os.dup(2)
        os.dup2(capture.fileno(), 2)
        try:
            yield lines
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            lines.extend(capture.read().decode("utf-8", errors="replace").splitlines())


#: The entry stylesheet each customisation of an edition takes the place of.
HTML_ENTRY = "html/site.xsl"
PRINT_ENTRY = "print/book.xsl"


def edition_customisations(edition: Edition) -> dict[str, str]:
    """The project's customisation stylesheets ([build] html_customisation,
    print_customisation), by the entry stylesheet each replaces."""
    layer = {HTML_ENTRY: edition.html_customisation, PRINT_ENTRY: edition.print_customisation}
    return {entry: str(path) for entry, path in layer.items() if path is not None}


class Stylesheets:
    """A hardened Saxon processor and the stylesheets it has compiled in this run.

    `customisations` maps an entry stylesheet (`html/site.xsl`) to the project's stylesheet
    compiled in its place, which imports it as `cables:xslt/html/site.xsl`."""

    def __init__(self, xslt_dir: Path, customisations: Mapping[str, str] | None = None) -> None:
        self.xslt_dir = xslt_dir
        self.customisations = dict(customisations or {})
        self.processor = PySaxonProcessor(license=False)
        # The catalog first: Saxon refuses to load one once the protocols are limited.
        self.processor.set_catalog_files([str(data.packaged_xslt() / data.CATALOG)])
        self.processor.set_configuration_property(_DISALLOW_DOCTYPE, "true")
        self.processor.set_configuration_property(_ALLOWED_PROTOCOLS, ALLOWED_PROTOCOLS)
        self.processor.set_configuration_property(_MAX_ELEMENT_DEPTH, str(MAX_ELEMENT_DEPTH))
        self._compiler = self.processor.new_xslt30_processor()
        self._compiled: dict[Path, object] = {}

    @classmethod
    def for_edition(cls, edition: Edition) -> Stylesheets:
        """The stylesheets an edition builds with: its xslt folder and its customisations."""
        return cls(edition.xslt_dir, edition_customisations(edition))

    def source(self, relative: str) -> Path:
        """The file compiled for the entry `relative`: the project's customisation of it,
        or `xslt/<relative>`."""
        return Path(self.customisations.get(relative) or self.xslt_dir / relative).resolve()

    def compiled(self, relative: str) -> PyXsltExecutable:
        """The compiled stylesheet for `relative`, compiled on first use only."""
        path = self.source(relative)
        if path not in self._compiled:
            if not path.is_file():
                raise CablesError("stylesheet not found", path=path)
            with _captured_native_stderr() as messages:
                try:
                    executable = self._compiler.compile_stylesheet(stylesheet_file=str(path))
                except PySaxonApiError as error:
                    executable = None
                    failure = str(error)
            if executable is None:
                raise _stylesheet_error(path, failure, messages, self.xslt_dir)
            self._compiled[path] = executable
        return self._compiled[path]

    def parse(self, path: Path) -> PyXdmNode:
        """Parse an XML file for Saxon (DOCTYPEs refused, as everywhere)."""
        try:
            return self.processor.parse_xml(xml_file_name=str(path))
        except PySaxonApiError as error:
            raise CablesError(f"cannot read XML: {_first_line(str(error))}", path=path) from None

    def value(self, value: ParameterValue) -> PyXdmValue:
        if isinstance(value, PyXdmValue):
            return value
        if isinstance(value, bool):
            return self.processor.make_boolean_value(value)
        if isinstance(value, int):
            return self.processor.make_integer_value(value)
        return self.processor.make_string_value(str(value))

    def run(
        self,
        stylesheet: str,
        *,
        source: Path | PyXdmNode | None = None,
        template: str | None = None,
        parameters: Mapping[str, ParameterValue] | None = None,
        output: Path | None = None,
        output_base: Path | None = None,
    ) -> str | None:
        """Run a stylesheet on a source document or from a named template.

        The principal result goes to `output` (or is returned as text); `xsl:result-document`
        hrefs resolve against `output_base`.
        """
        executable = self.compiled(stylesheet)
        executable.clear_parameters()
        for name, value in (parameters or {}).items():
            executable.set_parameter(name, self.value(value))
        if output_base is not None:
            executable.set_base_output_uri(output_base.resolve().as_uri() + "/")
        with _captured_native_stderr() as messages:
            try:
                result = self._invoke(executable, source, template, output)
                failure = None
            except PySaxonApiError as error:
                result, failure = None, str(error)
        if failure is not None:
            raise _stylesheet_error(self.source(stylesheet), failure, messages, self.xslt_dir)
        return result

    @staticmethod
    def _invoke(executable, source, template, output):
        target = {"output_file": str(output)} if output is not None else {}
        if template is not None:
            if isinstance(source, PyXdmNode):
                executable.set_global_context_item(xdm_item=source)
            if output is not None:
                executable.call_template_returning_file(template_name=template, **target)
                return None
            return executable.call_template_returning_string(template_name=template)
        if isinstance(source, PyXdmNode):
            if output is not None:
                executable.transform_to_file(xdm_node=source, **target)
                return None
            return executable.transform_to_string(xdm_node=source)
        if output is not None:
            executable.transform_to_file(source_file=str(source), **target)
            return None
        return executable.transform_to_string(source_file=str(source))


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unknown error"


_LOCATION = re.compile(
    r"(?:on line|at line) (\d+)(?: column (\d+))? of (?:file://)?(\S+?):?(?:\n|$)"
)


#: What Saxon says when the system refuses a write: the file and the system's reason.
_WRITE_FAILED = re.compile(
    r"Failure writing to (?:file:)?(\S+?)\.? Caused by java\.io\.\w+: "
    r"(No space left on device|Read-only file system|Permission denied|Disk quota exceeded)"
)


#: What Saxon says when the system refuses to open a file: whether it was to write, the
#: file's URI, and the system's reason (the sandbox's refusal to create a folder outside
#: shows as the file's folder not being there).
_OPEN_FAILED = re.compile(
    r"(Failed to create output file )?(file:\S+?)\.? Caused by java\.io\.\w+:"
    r"(?: \S+ \()? ?(Permission denied|No such file or directory)"
)


def _sandbox_refusal(
    text: str, path: Path, line: int | None, column: int | None
) -> CablesError | None:
    """A file the sandbox (sandbox.py) kept the stylesheet from reading or writing: say so,
    with the stylesheet and the file, and how to allow it."""
    from cables.sandbox import refuses

    refused = _OPEN_FAILED.search(" ".join(text.split()))
    if refused is None:
        return None
    write = refused.group(1) is not None
    if not write and refused.group(3) != "Permission denied":
        return None  # a file that is not there, whatever the sandbox would say
    target = urllib.parse.unquote(urllib.parse.urlparse(refused.group(2)).path)
    if not refuses(target, write=write):
        return None
    doing, key = ("write", "allow_write") if write else ("read", "allow_read")
    return CablesError(
        f"the sandbox refused to let the stylesheet {doing} {target}",
        path=path,
        line=line,
        column=column,
        hint=f"stylesheets may read the project and write only the build folder; if this "
        f"stylesheet must {doing} {target}, add it to [build] {key} in edition.toml",
    )


def _environment_error(text: str) -> CablesError | None:
    """A write the system refused (full disk, read-only folder) is the environment's fault,
    not the stylesheet's: name it so, with the file."""
    written = _WRITE_FAILED.search(" ".join(text.split()))
    if written is None:
        return None
    target = urllib.parse.unquote(written.group(1))
    return CablesError(
        f"writing the output failed: {written.group(2)}",
        path=target,
        hint="check free disk space and permissions; the previous output was kept",
    )


def _stylesheet_error(path: Path, failure: str, messages: list[str], xslt_dir: Path) -> CablesError:
    """Turn Saxon's error text into a user error with the stylesheet's file and line."""
    text = "\n".join([failure, *messages])
    line = column = None
    file = path
    for match in _LOCATION.finditer(text):
        line = int(match.group(1))
        column = int(match.group(2)) if match.group(2) else None
        named = Path(match.group(3)).name
        # The error may sit in an included stylesheet: find it anywhere under xslt/, or
        # in the packaged stylesheets a customisation imports.
        candidates = [
            path.parent / named,
            *sorted(xslt_dir.rglob(named)),
            *sorted(data.packaged_xslt().rglob(named)),
        ]
        file = next((c for c in candidates if c.is_file()), path)
        break
    refusal = _sandbox_refusal(text, file, line, column)
    if refusal is not None:
        return refusal
    environment = _environment_error(text)
    if environment is not None:
        return environment
    # Saxon puts "CODE  description" on the line after the location line.
    coded = re.search(r"\b([A-Z]{4}\d{4})\s+(.+)", text)
    if coded:
        message = f"stylesheet error {coded.group(1)}: {' '.join(coded.group(2).split())}"
    else:
        message = f"stylesheet error: {' '.join(_first_line(failure).split())}"
    packaged = (data.packaged_xslt(), xslt_dir.resolve())
    ours = any(Path(file).resolve().is_relative_to(folder) for folder in packaged)
    return CablesError(
        message,
        path=file,
        line=line,
        column=column,
        hint="this is a fault in the stylesheet, not in your documents; please report it"
        if ours
        else "this is a fault in the edition's customisation stylesheet, not in its "
        "documents; it imports the packaged stylesheets as cables:xslt/html/site.xsl and "
        "cables:xslt/print/book.xsl",
    )


def customisation_files(edition: Edition) -> list[Path]:
    """The files of the project's customisation layer that shape the outputs: its
    stylesheets with the modules they include, and its CSS."""
    modules = [
        module
        for path in (edition.html_customisation, edition.print_customisation)
        if path is not None
        for module in stylesheet_modules(path)
    ]
    return [*sorted(set(modules)), *edition.css]


def stylesheet_modules(path: Path) -> list[Path]:
    """A project's stylesheet and the modules of its own it imports or includes by a
    relative href, transitively: what a cache of its outputs must be keyed on (the
    packaged ones it imports by `cables:` URIs are keyed with the cables version)."""
    found: list[Path] = []
    pending = [path.resolve()]
    while pending:
        module = pending.pop()
        if module in found or not module.is_file():
            continue
        found.append(module)
        try:
            root = parse_xml(module).root
        except CablesError:
            continue  # Saxon reports it when it compiles the stylesheet
        for element in root.iter(f"{{{_XSL_NS}}}import", f"{{{_XSL_NS}}}include"):
            href = element.get("href", "")
            if href and ":" not in href:
                pending.append((module.parent / urllib.parse.unquote(href)).resolve())
    return sorted(found)


_XSL_NS = "http://www.w3.org/1999/XSL/Transform"
