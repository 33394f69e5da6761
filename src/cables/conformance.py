"""Optional check against the official TEI schema (tei_all RELAX NG) with Jing.

Jing is the reference RELAX NG validator and runs on Java; both are optional, so their
absence is an environment error with the package to install, not a crash.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from cables.diagnostics import ERROR, WARNING, Diagnostic, display_path
from cables.errors import CablesError

_JING_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<kind>error|warning|fatal): (?P<message>.*)$"
)
HINT = "the file must also conform to the official tei_all schema; see the TEI Guidelines"


def tei_all_diagnostics(files: list[Path], schema: Path, root: Path) -> list[Diagnostic]:
    """Validate `files` against the RELAX NG `schema` (tei_all.rng) in one Jing run."""
    jing = shutil.which("jing")
    if jing is None:
        raise CablesError(
            "the tei_all check needs Jing, which runs on Java, and Jing is not installed",
            hint="install it with: apt-get install jing (it brings Java), or leave out --tei-all",
        )
    if not schema.is_file():
        raise CablesError(
            "no such RELAX NG schema", path=schema, hint="give the path of tei_all.rng"
        )
    if not files:
        return []
    try:
        result = subprocess.run(
            [jing, str(schema), *map(str, files)], capture_output=True, text=True, timeout=1800
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise CablesError(
            f"Jing could not run: {error}", hint="check the Jing and Java installation"
        ) from None
    findings = _jing_findings(result.stdout, root)
    # Jing exits with 1 when a file is invalid, and then reports why.
    if result.returncode not in (0, 1) or (result.returncode == 1 and not findings):
        detail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise CablesError(
            f"Jing could not run: {detail}",
            hint="Jing needs Java: apt-get install default-jre-headless jing",
        )
    return findings


def _jing_findings(output: str, root: Path) -> list[Diagnostic]:
    """The findings in Jing's `path:line:col: error: message` lines."""
    findings = []
    for match in map(_JING_LINE.match, output.splitlines()):
        if match:
            findings.append(
                Diagnostic(
                    display_path(Path(match["path"]), root),
                    int(match["line"]),
                    max(int(match["column"]), 1),
                    WARNING if match["kind"] == "warning" else ERROR,
                    "tei-all",
                    match["message"],
                    HINT,
                )
            )
    return findings
