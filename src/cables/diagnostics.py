"""Findings of `cables check`: one value per problem, with its place and rule.

Every stage of the checker produces `Diagnostic` values; this module formats them
as text lines (`path:line:col: severity: message [rule]`) and as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

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

    def format_text(self) -> str:
        text = (
            f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"
        )
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


def display_path(path: Path, root: Path) -> str:
    """The path as an editor would type it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Findings in file order, then line and column order, without duplicates."""
    return sorted(set(diagnostics))


def count(diagnostics: Iterable[Diagnostic], severity: str) -> int:
    return sum(1 for d in diagnostics if d.severity == severity)


def summary_line(diagnostics: list[Diagnostic], files_checked: int) -> str:
    errors = count(diagnostics, ERROR)
    warnings = count(diagnostics, WARNING)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return (
        f"{plural(files_checked, 'file')} checked: "
        f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    )


def to_json(diagnostics: list[Diagnostic], files_checked: int) -> str:
    payload = {
        "files_checked": files_checked,
        "errors": count(diagnostics, ERROR),
        "warnings": count(diagnostics, WARNING),
        "diagnostics": [asdict(d) for d in diagnostics],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
