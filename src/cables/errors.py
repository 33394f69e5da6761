"""The one exception type for errors an editor or user must see.

Raised anywhere in the pipeline; the command line prints it as `file:line:col: message`
with its hint and exits with its status, never with a traceback.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from pathlib import Path

from cables.diagnostics import escape_name, escape_text

#: Exit status for content that is invalid (a document breaks a rule).
EXIT_INVALID = 1
#: Exit status for usage and environment problems (missing path, unreadable file).
EXIT_USAGE = 2


class CablesError(Exception):
    """A user-facing error with an optional location and hint."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        exit_status: int = EXIT_USAGE,
        rule: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint
        self.exit_status = exit_status
        #: The checker rule this error stands for, when it is a finding about content.
        self.rule = rule

    @property
    def about_content(self) -> bool:
        """Whether the error is about what a file says (it is a finding, exit status 1:
        the file must change), not about the environment (exit status 2: a file missing
        or unreadable, a tool not installed)."""
        return self.exit_status == EXIT_INVALID

    def __reduce__(self) -> tuple[Callable[[str, dict], CablesError], tuple[str, dict]]:
        # Pickled whole (keywords included), so an error raised in a worker process
        # reaches the command line as it was raised.
        fields = ("path", "line", "column", "hint", "exit_status", "rule")
        return (_restore, (self.message, {name: getattr(self, name) for name in fields}))

    def __str__(self) -> str:
        location = ""
        if self.path is not None:
            location = f"{escape_name(str(self.path))}:"
            if self.line:
                location += f"{self.line}:"
                if self.column:
                    location += f"{self.column}:"
            location += " "
        text = f"{location}error: {escape_text(self.message)}"
        if self.hint:
            text += f"\n  hint: {escape_text(self.hint)}"
        return text


def _restore(message: str, fields: dict) -> CablesError:
    return CablesError(message, **fields)


def internal_error(error: BaseException) -> str:
    """The message for a failure cables did not foresee: a bug in cables, never the user's
    fault, said in one line with where it happened (the whole traceback with
    CABLES_DEBUG=1), instead of a traceback or, in a child process, nothing at all."""
    if os.environ.get("CABLES_DEBUG"):
        return "".join(traceback.format_exception(error)).rstrip()
    frames = traceback.extract_tb(error.__traceback__)
    where = f" in {Path(frames[-1].filename).name} line {frames[-1].lineno}" if frames else ""
    text = escape_text(f"{type(error).__name__}: {error}")
    return (
        f"cables: internal error{where}: {text}\n"
        "  hint: this is a bug in cables, not in your files: please report it with the command "
        "you ran (CABLES_DEBUG=1 shows the whole traceback)"
    )
