"""Findings of `cables check`: one value per problem, with its place and rule.

Every stage of the checker produces `Diagnostic` values; this module formats them
as text lines (`path:line:col: severity: message [rule]`), as JSON and as JUnit XML.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path, PurePosixPath

from lxml import etree

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding: where it is, how bad it is, which rule found it and what to do."""

    path: str
    line: int
    column: int
    severity: str
    rule: str
    message: str
    hint: str | None = None
    #: How many findings this one stands for (`aggregate`): 1, or the findings of one
    #: rule in one file, of which this is the first and `examples` the next few.
    count: int = 1
    examples: tuple[str, ...] = ()
    #: How many files those findings are in: 1, or more when one message repeats across
    #: the corpus (every letter pointing at the same missing register, say).
    files: int = 1

    def __post_init__(self) -> None:
        # A message may quote a file name or what a file contains: never let a control
        # character or an escape sequence reach the terminal, the JSON or the JUnit XML.
        # (The path comes escaped from display_path; this only makes sure, idempotently.)
        object.__setattr__(self, "path", escape_text(self.path))
        object.__setattr__(self, "message", escape_text(self.message))
        if self.hint is not None:
            object.__setattr__(self, "hint", escape_text(self.hint))

    def format_text(self) -> str:
        text = (
            f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"
        )
        if self.count > 1:
            where = "in this file" if self.files == 1 else f"across {self.files:,} files"
            text += (
                f"\n  and {self.count - 1:,} more [{self.rule}] {where}"
                f" (--verbose lists them all), like:"
            )
            text += "".join(f"\n    {example}" for example in self.examples)
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def fields(self) -> list:
        """The seven fields of a single finding, as the check's cache keeps them."""
        return [
            self.path,
            self.line,
            self.column,
            self.severity,
            self.rule,
            self.message,
            self.hint,
        ]


#: More findings than this of one rule in one file are shown as one, with their count.
AGGREGATE_OVER = 20
#: How many of the others such a finding quotes, after its first.
EXAMPLES = 3


def aggregate(diagnostics: Iterable[Diagnostic], over: int = AGGREGATE_OVER) -> list[Diagnostic]:
    """The findings with each run of more than `over` findings of one rule and severity in
    one file replaced by its first, carrying the count and a few examples (line: message):
    a thousand unresolved pointers into one register are one problem to an editor."""
    groups: dict[tuple[str, str, str], list[Diagnostic]] = {}
    for diagnostic in sort_diagnostics(diagnostics):
        groups.setdefault((diagnostic.path, diagnostic.rule, diagnostic.severity), []).append(
            diagnostic
        )
    shown: list[Diagnostic] = []
    for found in groups.values():
        if len(found) <= over:
            shown += found
            continue
        examples = tuple(
            f"{d.path}:{d.line}:{d.column}: {d.message}" for d in found[1 : 1 + EXAMPLES]
        )
        shown.append(replace(found[0], count=len(found), examples=examples))
    return sort_diagnostics(_across_files(shown, over))


def _across_files(diagnostics: list[Diagnostic], over: int) -> list[Diagnostic]:
    """The same message of one rule in more than `over` files, one finding each (725
    dispatches each naming the register bio.xml their project has elsewhere), as one."""
    groups: dict[tuple[str, str, str], list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        key = (diagnostic.rule, diagnostic.severity, diagnostic.message)
        groups.setdefault(key, []).append(diagnostic)
    shown: list[Diagnostic] = []
    for found in groups.values():
        if len(found) <= over or any(d.count > 1 for d in found):
            shown += found
            continue
        examples = tuple(f"{d.path}:{d.line}:{d.column}" for d in found[1 : 1 + EXAMPLES])
        files = len({d.path for d in found})
        shown.append(replace(found[0], count=len(found), examples=examples, files=files))
    return shown


def display_path(path: Path | str, root: Path) -> str:
    """The path as an editor would type it: relative to the project when inside it, and
    escaped like `ls -b` (escape_name), so a file name cannot break a line or a report.

    Pure string work (no symlink resolution): it runs once per file on large corpora.
    """
    absolute, base = os.path.abspath(path), os.path.abspath(root).rstrip(os.sep) + os.sep
    if absolute.startswith(base):
        return escape_name(Path(absolute[len(base) :]).as_posix())
    return escape_name(str(path))


#: C escapes for the control characters that have one, as `ls -b` writes them.
_C_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
}
#: Unicode categories shown escaped: controls, format characters (bidirectional
#: overrides, zero-width joiners), line and paragraph separators, surrogates (bytes that
#: are not UTF-8), private-use and unassigned code points.
_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def escape_name(name: str) -> str:
    r"""A file name as `ls -b` shows it: a backslash as \\, control characters as \n, \t
    or in octal (\033 for ESC), and other invisible characters as the octal of their
    bytes; every other character as it is."""
    if name.isprintable() and "\\" not in name:
        return name  # nearly every name: no work
    return _escape(name, backslash=True)


def escape_text(text: str) -> str:
    """A message or hint with its invisible characters escaped as in `escape_name`
    (backslashes stay as they are, so escaping twice changes nothing)."""
    if text.isprintable():
        return text
    return _escape(text, backslash=False)


def _escape(text: str, backslash: bool) -> str:
    out = []
    for character in text:
        if character == "\\" and backslash:
            out.append("\\\\")
        elif character in _C_ESCAPES:
            out.append(_C_ESCAPES[character])
        elif unicodedata.category(character) in _UNPRINTABLE:
            code = ord(character)
            if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode keeps it
                raw = bytes([code - 0xDC00])
            else:
                raw = character.encode("utf-8", "surrogatepass")
            out.extend(f"\\{byte:03o}" for byte in raw)
        else:
            out.append(character)
    return "".join(out)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Findings in file order, then line and column order, without duplicates."""
    return sorted(set(diagnostics))


def count(diagnostics: Iterable[Diagnostic], severity: str) -> int:
    """How many findings of `severity` there are, each aggregated one counting for all."""
    return sum(d.count for d in diagnostics if d.severity == severity)


def summary_line(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    """The last line of a check: `N files checked: E errors, W warnings`."""
    errors = count(diagnostics, ERROR)
    warnings = count(diagnostics, WARNING)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return (
        f"{plural(files_checked, 'file')} checked: "
        f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    )


def to_json(diagnostics: list[Diagnostic], files_checked: int) -> str:
    """The report of `cables check --format json`: the counts and every finding's fields."""
    payload = {
        "files_checked": files_checked,
        "errors": count(diagnostics, ERROR),
        "warnings": count(diagnostics, WARNING),
        "diagnostics": [asdict(d) for d in diagnostics],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def to_junit(diagnostics: list[Diagnostic], files: Sequence[str]) -> str:
    """JUnit XML for CI systems: one test case per file checked, one failure per error.

    Warnings do not fail a test case; they are listed in its <system-out>.
    """
    by_file: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        by_file.setdefault(diagnostic.path, []).append(diagnostic)
    paths = list(dict.fromkeys([*map(escape_text, files), *by_file]))
    tests, failures = str(len(paths)), str(count(diagnostics, ERROR))
    suites = etree.Element(
        "testsuites",
        {"name": "cables check", "tests": tests, "failures": failures, "errors": "0"},
    )
    suite = etree.SubElement(
        suites,
        "testsuite",
        {
            "name": "cables check",
            "skipped": "0",
            "tests": tests,
            "failures": failures,
            "errors": "0",
        },
    )
    for path in paths:
        folder = str(PurePosixPath(path).parent)
        case = etree.SubElement(
            suite,
            "testcase",
            classname=folder.replace("/", ".") if folder != "." else "cables",
            name=path,
            file=path,
        )
        found = by_file.get(path, [])
        for diagnostic in found:
            if diagnostic.severity == ERROR:
                failure = etree.SubElement(
                    case,
                    "failure",
                    type=diagnostic.rule,
                    message=_xml_safe(diagnostic.message + _more(diagnostic)),
                )
                failure.text = _xml_safe(diagnostic.format_text())
        warnings = [d.format_text() for d in found if d.severity != ERROR]
        if warnings:
            etree.SubElement(case, "system-out").text = _xml_safe("\n".join(warnings))
    etree.indent(suites)
    return etree.tostring(suites, encoding="UTF-8", xml_declaration=True).decode("utf-8")


def _more(diagnostic: Diagnostic) -> str:
    if diagnostic.count == 1:
        return ""
    where = "in this file" if diagnostic.files == 1 else f"across {diagnostic.files:,} files"
    return f" (and {diagnostic.count - 1:,} more {where})"


_NOT_XML_CHARACTER = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    # A message may quote what a broken file contains, control characters included.
    return _NOT_XML_CHARACTER.sub("\ufffd", text)
