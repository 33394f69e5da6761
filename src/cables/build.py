"""`cables build`: check the corpus, then build each output atomically into build/.

One readable function from configuration to outputs; each output module does its part.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cables.check import CheckResult, check
from cables.config import Edition
from cables.errors import CablesError
from cables.outputs import atomic_output, scratch_folder, writer_lock
from cables.pdf import build_pdfs
from cables.progress import ProgressCallback, for_task
from cables.site import build_site, save_site_state
from cables.transform import Stylesheets

#: Outputs in build order: the web edition links to the PDFs, so they come first.
OUTPUTS = ("pdf", "html")


@dataclass(frozen=True)
class BuildResult:
    check: CheckResult
    built: tuple[Path, ...]
    #: TEI elements the web edition rendered with the generic rule only, and how often.
    generic_rendering: dict[str, int] = field(default_factory=dict)


def build_date(edition: Edition) -> str:
    """The date printed on every output: SOURCE_DATE_EPOCH if set, else the edition's date."""
    return source_date() or edition.date


def source_date() -> str | None:
    """The day SOURCE_DATE_EPOCH names (for reproducible outputs), or None when unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return None
    try:
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    except (ValueError, OverflowError):
        raise CablesError(
            f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}",
            hint="unset it, or set it to a Unix timestamp such as 1764201600",
        ) from None


def build(
    edition: Edition,
    outputs: tuple[str, ...] = OUTPUTS,
    progress: ProgressCallback | None = None,
) -> BuildResult:
    """Build the requested outputs; nothing is built when the corpus has errors.

    The writer lock is held from the check on, so the outputs match the corpus checked."""
    with writer_lock(edition.build_dir):
        return _build(edition, outputs, progress)


def _build(
    edition: Edition, outputs: tuple[str, ...], progress: ProgressCallback | None
) -> BuildResult:
    checked = check(edition, progress=for_task(progress, "check"))
    if checked.errors:
        return BuildResult(checked, ())
    date = build_date(edition)
    stylesheets = Stylesheets(edition.xslt_dir)
    built = []
    generic: dict[str, int] = {}
    steps = [name for name in OUTPUTS if name in outputs]
    with scratch_folder(edition.build_dir) as scratch:
        if "pdf" in outputs:
            if progress:
                progress("build", steps.index("pdf"), len(steps), "pdf")
            with atomic_output(edition.build_dir, "pdf") as staging:
                build_pdfs(edition, stylesheets, staging, date, scratch)
            built.append(edition.build_dir / "pdf")
        if "html" in outputs:
            if progress:
                progress("build", steps.index("html"), len(steps), "html")
            pdf_dir = edition.build_dir / "pdf"
            with atomic_output(edition.build_dir, "site") as staging:
                site = build_site(
                    edition,
                    stylesheets,
                    staging,
                    date,
                    pdf_dir,
                    checked.facts,
                    checked.hashes,
                )
            # Only now that the new site is in place may its keys describe build/site.
            save_site_state(edition, site.state)
            generic = site.generic
            built.append(edition.build_dir / "site")
    if progress:
        progress("build", len(steps), len(steps), "")
    return BuildResult(checked, tuple(built), generic)
