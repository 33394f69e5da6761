"""`cables check`: well-formedness, then the XSD, then Schematron, then corpus-wide rules.

The per-file stage (filecheck.py) runs on every file not found in the content-hash cache,
in worker processes when there are many; the corpus-wide rules (rules.py) then run on the
facts of all files. Nothing here writes to the files it checks; only build/.cache/ changes.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cables.check_cache import CACHE_FOLDER, ResultCache, check_fingerprint
from cables.config import Edition
from cables.conformance import tei_all_diagnostics
from cables.corpus import (
    DOCUMENT,
    Refused,
    absolute,
    corpus_entries,
    kind_of,
    output_stem,
    tool_paths,
)
from cables.diagnostics import ERROR, Diagnostic, display_path, escape_name, sort_diagnostics
from cables.errors import CablesError
from cables.facts import FileFacts
from cables.filecheck import FileChecker, FileResult
from cables.pointers import register_files
from cables.pool import WorkerPool
from cables.rules import CorpusRules, check_output_names
from cables.strictness import LENIENT, apply_strictness

#: Below this many files to check, worker processes cost more than they save.
PARALLEL_THRESHOLD = 300

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CheckResult:
    """The findings of a check, the files it read and what the builds reuse of it."""

    diagnostics: list[Diagnostic]
    files_checked: int
    #: The files checked, as display paths (for reports with one entry per file).
    files: tuple[str, ...] = ()
    #: What the builds reuse from the check: each corpus file's facts and the SHA-256 of
    #: its bytes, by absolute path.
    facts: dict[str, FileFacts] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == ERROR)


def _expand(paths: list[Path], edition: Edition) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(_xml_files_in(path, tool_paths(edition, walking=absolute(path))))
        elif path.is_file() or os.path.lexists(path):
            files.append(path)  # a link or a special file is refused, or read, later
        else:
            raise CablesError("no such file or folder", path=path)
    return files


def _xml_files_in(folder: Path, left_out: list[Path]) -> list[Path]:
    """As a corpus folder is read: hidden files and folders, the build folder and the
    project's stylesheets and schema not (unless named themselves): `left_out`, from
    corpus.tool_paths, the one place that decides."""

    def wanted(path: Path) -> bool:
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        return not hidden and not any(absolute(path).is_relative_to(f) for f in left_out)

    return sorted(path for path in folder.rglob("*.xml") if wanted(path))


def _schema_files(edition: Edition) -> list[Path]:
    for path in (edition.xsd_path, edition.schematron_path):
        if not path.is_file():
            raise CablesError(
                "schema file not found",
                path=path,
                hint="edition.toml [schema] names the XSD and Schematron files of the edition",
            )
    imported = sorted(edition.xsd_path.parent.glob("*.xsd"))
    return [edition.xsd_path, edition.schematron_path, *imported]


def _check_file(checker: FileChecker, path: str, kind: str, stem: str) -> FileResult:
    """One file's result: a task of the worker pool (pool.py), here or in a worker."""
    return checker.check(Path(path), kind, stem)


def run_file_checks(
    edition: Edition,
    tasks: list[tuple[Path, str]],
    progress: Progress | None = None,
    names: dict[str, str] | None = None,
    hashes: dict[str, str] | None = None,
) -> dict[str, FileResult]:
    """The per-file results for `tasks`, from the cache or computed (in parallel if many).

    `names` may give each file's display path (path as the editor sees it), if known;
    `hashes`, if given, receives the SHA-256 of each file's bytes.
    """
    schemas = edition.validation != LENIENT  # lenient drops every schema finding
    schema_files = _schema_files(edition) if schemas else []
    cache = ResultCache(edition.build_dir / CACHE_FOLDER, check_fingerprint(schema_files, schemas))
    results: dict[str, FileResult] = {}
    keys: dict[str, str | None] = {}
    missing: list[tuple[str, str, str]] = []
    for path, kind in tasks:
        name = str(path)
        shown = (names or {}).get(name) or display_path(path, edition.root)
        # The name of its outputs, which its id must match (document-id-filename).
        stem = output_stem(path, edition)
        keys[name] = cache.key(name, kind, shown, stem)
        cached = cache.get(keys[name])
        if cached is not None:
            results[name] = cached
        else:
            missing.append((name, kind, stem))
    counter = _Counter(progress, len(tasks), len(results))
    made = _check_missing(edition, missing, schemas)
    for (name, _, _), result in zip(missing, made, strict=True):
        results[name] = result
        cache.put(keys[name], result)
        counter.one_more()
    counter.done()
    cache.save()
    if hashes is not None:
        hashes.update(cache.hashes())
    return results


def _check_missing(
    edition: Edition, missing: list[tuple[str, str, str]], schemas: bool
) -> Iterator[FileResult]:
    """The results of the files not in the cache, in worker processes when they are many."""
    if not missing:
        return
    # Compiled here even when workers do the checking: a broken schema is reported once,
    # as a user error, before any worker starts.
    arguments = (edition.xsd_path, edition.schematron_path, edition.root, schemas)
    with WorkerPool(FileChecker(*arguments), FileChecker, arguments, "of the checker") as pool:
        pool.start(len(missing), PARALLEL_THRESHOLD)
        yield from pool.map(_check_file, missing)


class _Counter:
    """Tells `progress` how many of `total` files are checked: now and then, and at the end."""

    def __init__(self, progress: Progress | None, total: int, done: int) -> None:
        self.progress, self.total, self.count = progress, total, done
        if progress:
            progress(done, total)

    def one_more(self) -> None:
        self.count += 1
        if self.progress and self.count % 50 == 0:
            self.progress(self.count, self.total)

    def done(self) -> None:
        if self.progress:
            self.progress(self.total, self.total)


@dataclass(frozen=True)
class _Scope:
    """What one check looks at: the files to check (the corpus, and any named outside it),
    those whose findings are shown, and the refused ones to report."""

    tasks: list[tuple[Path, str]]
    checked: set[str]
    reported: list[Refused]
    files_checked: int

    @classmethod
    def of(
        cls,
        edition: Edition,
        files: list[tuple[Path, str]],
        refusals: list[Refused],
        paths: list[Path] | None,
    ) -> _Scope:
        tasks = [(absolute(path), kind) for path, kind in files]
        if paths:
            return cls._of_named(edition, tasks, refusals, paths)
        checked = {str(path) for path, _ in tasks}
        return cls(tasks, checked, refusals, len(tasks) + len(refusals))

    @classmethod
    def _of_named(
        cls,
        edition: Edition,
        tasks: list[tuple[Path, str]],
        refusals: list[Refused],
        paths: list[Path],
    ) -> _Scope:
        """The named files and folders, checked against the whole corpus."""
        targets = [absolute(path) for path in _expand(paths, edition)]
        refused = {str(absolute(entry.path)): entry for entry in refusals}
        reported = [refused[str(path)] for path in targets if str(path) in refused]
        targets = [path for path in targets if str(path) not in refused]
        tasks = tasks + _outside_the_corpus(edition, targets, tasks)
        return cls(tasks, {str(path) for path in targets}, reported, len(targets) + len(reported))


def _outside_the_corpus(
    edition: Edition, targets: list[Path], tasks: list[tuple[Path, str]]
) -> list[tuple[Path, str]]:
    """The files named that are not corpus files, with the kind their place gives them."""
    known = {path for path, _ in tasks}
    return [(path, kind_of(path, edition)) for path in dict.fromkeys(targets) if path not in known]


def check(
    edition: Edition,
    paths: list[Path] | None = None,
    tei_all: Path | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Check the whole corpus, or only the named files and folders against it.

    With `tei_all` (the path of tei_all.rng), the files are also validated with Jing.
    """
    with _collector_paused():
        return _check(edition, paths, tei_all, progress)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off meanwhile: the check holds a result for every file
    (millions of small objects in a large corpus, with no cycles among them), which each
    collection would walk again; at 10,000 documents that was half of the check after one
    edit. Objects are still freed as usual when no longer used."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check(
    edition: Edition, paths: list[Path] | None, tei_all: Path | None, progress: Progress | None
) -> CheckResult:
    files, refused_entries = corpus_entries(edition)
    _require_documents(edition, files, refused_entries)
    scope = _Scope.of(edition, files, refused_entries, paths)
    names = {str(path): display_path(path, edition.root) for path, _ in scope.tasks}
    hashes: dict[str, str] = {}
    results = run_file_checks(edition, scope.tasks, progress, names, hashes)
    facts = [result.facts for result in results.values() if result.facts is not None]
    diagnostics = _file_findings(results, scope.checked)
    diagnostics += _corpus_findings(edition, scope, facts, files)
    if tei_all is not None:
        checked = [Path(path) for path in sorted(scope.checked)]
        diagnostics += tei_all_diagnostics(checked, tei_all, edition.root)
    refusals = [_refusal_finding(entry, edition) for entry in dict.fromkeys(scope.reported)]
    diagnostics = apply_strictness(diagnostics + refusals, edition.validation)
    shown = [names[path] for path in scope.checked] + [d.path for d in refusals]
    return CheckResult(
        sort_diagnostics(diagnostics),
        scope.files_checked,
        tuple(sorted(set(shown))),
        {item.path: item for item in facts},
        hashes,
    )


def _require_documents(
    edition: Edition, files: list[tuple[Path, str]], refused: list[Refused]
) -> None:
    if not any(kind == DOCUMENT for _, kind in files) and not refused:
        raise CablesError(
            "the corpus has no documents",
            path=edition.documents_dir,
            hint="add TEI files (*.xml) to this folder, or set [corpus] documents in edition.toml",
        )


def _file_findings(results: dict[str, FileResult], checked: set[str]) -> list[Diagnostic]:
    """The per-file findings about the files checked (not about the rest of the corpus)."""
    return [finding for path in checked for finding in results[path].diagnostics]


def _corpus_findings(
    edition: Edition, scope: _Scope, facts: list[FileFacts], files: list[tuple[Path, str]]
) -> list[Diagnostic]:
    """The findings of the corpus-wide rules (rules.py) about the files checked."""
    registers = register_files(edition.registers, (path for path, _ in scope.tasks))
    findings = CorpusRules(
        facts,
        scope.checked,
        edition.root,
        edition.tei_dirs,
        edition.unique_ids,
        None if registers is None else [str(path) for path in registers],
    ).run()
    return findings + check_output_names(files, edition.root, scope.checked, edition)


def _refusal_finding(entry: Refused, edition: Edition) -> Diagnostic:
    """[corpus-file-refused] a link or a special file in a corpus folder is not read."""
    if "UTF-8" in entry.reason:
        hint = "rename the file: names in the corpus are published as links, in UTF-8"
    elif "allow_symlinks" in entry.reason:
        hint = (
            "replace the link by a copy of the file, or set [corpus] allow_symlinks = true "
            "in edition.toml for links to files inside the project"
        )
    else:
        hint = (
            "the corpus folders hold regular files only (links only with [corpus] "
            "allow_symlinks = true, and only to files inside the project)"
        )
    return Diagnostic(
        display_path(entry.path, edition.root),
        1,
        1,
        ERROR,
        "corpus-file-refused",
        f"{escape_name(entry.path.name)} {entry.reason}; it is not read, checked or published",
        hint,
    )


__all__ = ["CheckResult", "check", "run_file_checks"]
