"""`cables build`: check the corpus, then build each output atomically into build/.

One readable function from configuration to outputs; each output module does its part.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cables.cache import write_atomically
from cables.check import CheckResult, check
from cables.config import CONFIG_NAME, Edition
from cables.diagnostics import Diagnostic
from cables.epub import build_epub
from cables.errors import CablesError
from cables.outputs import atomic_output, scratch_folder, writer_lock
from cables.pdf import build_pdfs
from cables.pdf_cache import save_pdf_state
from cables.progress import ProgressCallback, for_task
from cables.site import build_site
from cables.state import save_site_state
from cables.transform import Stylesheets, customisation_files
from cables.versions import generator

#: Outputs in build order: the web edition links to the PDFs and the ebook, so they come
#: first; the ebook's page list reads the print book's pages, so it follows the PDFs.
OUTPUTS = ("pdf", "epub", "html")
#: The folder of build/ each output is written to.
FOLDERS = {"pdf": "pdf", "epub": "epub", "html": "site"}
#: The content key of each output in place, written after it was swapped in.
OUTPUT_KEYS = ".cache/outputs.json"


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the check it ran, the outputs it wrote and what it could not make."""

    check: CheckResult
    built: tuple[Path, ...]
    #: TEI elements the web edition rendered with the generic rule only, and how often.
    generic_rendering: dict[str, int] = field(default_factory=dict)
    #: Findings about outputs that could not be made (a PDF WeasyPrint failed on): the
    #: rest was built, and the command exits 1.
    problems: tuple[Diagnostic, ...] = ()


def build_date(edition: Edition) -> str:
    """The date printed on every output: SOURCE_DATE_EPOCH if set, else the edition's date."""
    return source_date() or edition.date


def source_date() -> str | None:
    """The day SOURCE_DATE_EPOCH names (for reproducible outputs), or None when unset."""
    moment = source_moment()
    return None if moment is None else moment.date().isoformat()


def source_moment() -> datetime | None:
    """The moment SOURCE_DATE_EPOCH names, to the second, or None when unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return None
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError):
        raise CablesError(
            f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}",
            hint="unset it, or set it to a Unix timestamp such as 1764201600",
        ) from None


# -- freshness by content ----------------------------------------------------------------


def sources_key(edition: Edition, hashes: Mapping[str, str], date: str) -> str:
    """The hash of everything that shapes the outputs: the corpus files (their hashes from
    the check), the schema, the stylesheets, edition.toml, the cables version and the
    build date. File times play no part: a file copied in with an old time still counts."""
    digest = hashlib.sha256()

    def add(*parts: str | bytes) -> None:
        for part in parts:
            digest.update(part.encode() if isinstance(part, str) else part)
            digest.update(b"\0")

    add(generator(), date)
    for name, file_hash in sorted(hashes.items()):
        add(name, file_hash)
    schema = (edition.xsd_path, edition.schematron_path, edition.odd_path)
    code = sorted(path for path in edition.xslt_dir.rglob("*") if path.is_file())
    for path in (edition.root / CONFIG_NAME, *schema, *code, *customisation_files(edition)):
        if path.is_file():
            add(str(path), hashlib.sha256(path.read_bytes()).hexdigest())
    return digest.hexdigest()


def output_key(name: str, sources: str, pdf_key: str = "", epub_key: str = "") -> str:
    """The key of one output; the web edition's includes the PDFs' and the ebook's it
    carries copies of, and the ebook's the PDFs' whose pages its page list names."""
    parts = [name, sources, pdf_key if name in ("html", "epub") else ""]
    if name == "html" and epub_key:
        parts.append(epub_key)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def recorded_keys(edition: Edition) -> dict[str, str]:
    """The keys of the outputs in build/ (of those still there); {} when unknown or damaged."""
    try:
        stored = json.loads((edition.build_dir / OUTPUT_KEYS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict):
        return {}
    return {
        name: key
        for name, key in stored.items()
        if name in FOLDERS and isinstance(key, str) and (edition.build_dir / FOLDERS[name]).is_dir()
    }


def stale_outputs(edition: Edition, hashes: Mapping[str, str]) -> tuple[str, ...]:
    """The outputs that are missing or were built from other sources than these."""
    recorded = recorded_keys(edition)
    sources = sources_key(edition, hashes, build_date(edition))
    pdf_key = output_key("pdf", sources)
    epub_key = output_key("epub", sources, pdf_key)
    # The site carries copies of the PDFs and the ebook: it is stale too when they are
    # not the fresh ones.
    expected = {
        "pdf": pdf_key,
        "epub": epub_key,
        "html": output_key("html", sources, pdf_key, epub_key),
    }
    return tuple(name for name in OUTPUTS if recorded.get(name) != expected[name])


def record_key(edition: Edition, name: str, key: str) -> None:
    """Record `key` as the key of output `name`, once that output is in place in build/."""
    keys = recorded_keys(edition)
    keys[name] = key
    text = json.dumps(keys, indent=1, sort_keys=True) + "\n"
    write_atomically(edition.build_dir / OUTPUT_KEYS, text.encode())


# -- the build ---------------------------------------------------------------------------


def build(
    edition: Edition,
    outputs: tuple[str, ...] = OUTPUTS,
    progress: ProgressCallback | None = None,
    checked: CheckResult | None = None,
) -> BuildResult:
    """Build the requested outputs; nothing is built when the corpus has errors.

    The writer lock is held from the check on, so the outputs match the corpus checked;
    `checked`, when given, is a check made under the same lock."""
    with writer_lock(edition.build_dir):
        return _build(edition, outputs, progress, checked)


def _build(
    edition: Edition,
    outputs: tuple[str, ...],
    progress: ProgressCallback | None,
    checked: CheckResult | None,
) -> BuildResult:
    """The phases of a build: check, then each output made aside and swapped in."""
    if checked is None:
        checked = check(edition, progress=for_task(progress, "check"))
    if checked.errors:
        return BuildResult(checked, ())
    run = _OutputRun(edition, checked, build_date(edition), [n for n in OUTPUTS if n in outputs])
    with scratch_folder(edition.build_dir) as scratch:
        for step, name in enumerate(run.steps):
            if progress:
                progress("build", step, len(run.steps), name)
            BUILDERS[name](run, scratch)
    if progress:
        progress("build", len(run.steps), len(run.steps), "")
    return BuildResult(checked, tuple(run.built), run.generic, run.problems)


@dataclass
class _OutputRun:
    """One build of outputs: what every output needs, and what each made."""

    edition: Edition
    checked: CheckResult
    date: str
    steps: list[str]
    built: list[Path] = field(default_factory=list)
    generic: dict[str, int] = field(default_factory=dict)
    problems: tuple[Diagnostic, ...] = ()

    def __post_init__(self) -> None:
        self.sources = sources_key(self.edition, self.checked.hashes, self.date)
        self.stylesheets = Stylesheets.for_edition(self.edition)


def _build_pdf(run: _OutputRun, scratch: Path) -> None:
    edition = run.edition
    with atomic_output(edition.build_dir, "pdf") as staging:
        made = build_pdfs(edition, run.stylesheets, staging, run.date, scratch)
        run.problems = made.problems
    # Only now that the new PDFs are in place may their keys describe build/pdf.
    save_pdf_state(made.state, edition.build_dir / "pdf")
    # PDFs missing for a failed layout are not fresh: the next build tries again.
    if not run.problems:
        record_key(edition, "pdf", output_key("pdf", run.sources))
    run.built.append(edition.build_dir / "pdf")


def _build_epub(run: _OutputRun, scratch: Path) -> None:
    edition = run.edition
    pdf_key = recorded_keys(edition).get("pdf", "")
    with atomic_output(edition.build_dir, "epub") as staging:
        build_epub(edition, run.stylesheets, staging, run.date, scratch)
    record_key(edition, "epub", output_key("epub", run.sources, pdf_key))
    run.built.append(edition.build_dir / "epub")


def _build_html(run: _OutputRun, scratch: Path) -> None:  # noqa: ARG001 - no scratch needed
    edition = run.edition
    keys = recorded_keys(edition)
    pdf_key, epub_key = keys.get("pdf", ""), keys.get("epub", "")
    with atomic_output(edition.build_dir, "site") as staging:
        site = build_site(
            edition,
            run.stylesheets,
            staging,
            run.date,
            edition.build_dir / "pdf",
            run.checked.facts,
            run.checked.hashes,
            epub_dir=edition.build_dir / "epub",
        )
    # Only now that the new site is in place may its keys describe build/site.
    save_site_state(edition, site.state)
    record_key(edition, "html", output_key("html", run.sources, pdf_key, epub_key))
    run.generic = site.generic
    run.built.append(edition.build_dir / "site")


#: How each output is made (in the order of OUTPUTS).
BUILDERS = {"pdf": _build_pdf, "epub": _build_epub, "html": _build_html}
