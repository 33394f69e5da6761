"""`cables check`: well-formedness, then the XSD, then Schematron, then corpus-wide rules.

The per-file stage (filecheck.py) runs on every file not found in the content-hash cache,
in worker processes when there are many; the corpus-wide rules (rules.py) then run on the
facts of all files. Nothing here writes to the files it checks; only build/.cache/ changes.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cables.cache import ResultCache, fingerprint
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
from cables.filecheck import FileChecker, FileFacts, FileResult
from cables.pointers import register_files
from cables.rules import CorpusRules, check_output_names
from cables.strictness import LENIENT, apply_strictness

#: Below this many files to check, worker processes cost more than they save.
PARALLEL_THRESHOLD = 300
CACHE_FOLDER = ".cache/check"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CheckResult:
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


def _expand(paths: list[Path], skipped: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            # As a corpus folder is read: hidden files and folders, the build folder and
            # the project's stylesheets and schema not (unless named themselves).
            left_out = [folder for folder in skipped if not absolute(path).is_relative_to(folder)]
            found = path.rglob("*.xml")
            files.extend(
                sorted(
                    found_path
                    for found_path in found
                    if not any(part.startswith(".") for part in found_path.relative_to(path).parts)
                    and not any(absolute(found_path).is_relative_to(f) for f in left_out)
                )
            )
        elif path.is_file() or os.path.lexists(path):
            files.append(path)  # a link or a special file is refused, or read, later
        else:
            raise CablesError("no such file or folder", path=path)
    return files


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


def _code_files() -> list[Path]:
    here = Path(__file__).parent
    names = (
        "filecheck.py",
        "rules.py",
        "pointers.py",
        "xmlio.py",
        "corpus.py",
        "diagnostics.py",
        "cache.py",
    )
    return [here / name for name in names]


# -- worker processes: each compiles the schemas once -------------------------------------

_worker_checker: FileChecker | None = None  # one per worker process, set by its initializer


def _start_worker(xsd: str, schematron: str, root: str, schemas: bool) -> None:
    global _worker_checker
    _worker_checker = FileChecker(Path(xsd), Path(schematron), Path(root), schemas)


def _check_in_worker(task: tuple[str, str, str]) -> dict:
    path, kind, stem = task
    return _worker_checker.check(Path(path), kind, stem).to_json()


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
    root = edition.root
    schemas = edition.validation != LENIENT  # lenient drops every schema finding
    inputs = [*_schema_files(edition), *_code_files()] if schemas else _code_files()
    cache = ResultCache(
        edition.build_dir / CACHE_FOLDER, fingerprint(*inputs) + ("" if schemas else ":lenient")
    )
    results: dict[str, FileResult] = {}
    keys: dict[str, str | None] = {}
    missing: list[tuple[str, str, str]] = []
    for path, kind in tasks:
        name = str(path)
        shown = names[name] if names and name in names else display_path(path, root)
        # The name of its outputs, which its id must match (document-id-filename).
        stem = output_stem(path, edition)
        key = cache.key(name, kind, shown, stem)
        keys[name] = key
        cached = cache.get(key)
        if cached is not None:
            results[name] = FileResult.from_json(cached)
        else:
            missing.append((name, kind, stem))

    def record(path: str, payload: dict) -> None:
        results[path] = FileResult.from_json(payload)
        cache.put(keys[path], payload)
        if progress and len(results) % 50 == 0:
            progress(len(results), len(tasks))

    if progress:
        progress(len(results), len(tasks))
    # Compiled here even when workers do the checking: a broken schema is reported once,
    # as a user error, before any worker starts.
    checker = (
        FileChecker(edition.xsd_path, edition.schematron_path, root, schemas) if missing else None
    )
    workers = min(os.cpu_count() or 1, 8)
    if len(missing) >= PARALLEL_THRESHOLD and workers > 1:
        try:
            for path, payload in _check_in_parallel(edition, missing, workers, schemas):
                record(path, payload)
        except concurrent.futures.process.BrokenProcessPool:
            raise CablesError(
                "a worker process of the checker stopped unexpectedly",
                hint="the machine may be short of memory; try again, or report the problem",
            ) from None
    else:
        for path, kind, stem in missing:
            record(path, checker.check(Path(path), kind, stem).to_json())
    if progress:
        progress(len(tasks), len(tasks))
    cache.save()
    if hashes is not None:
        hashes.update((path, entry[2]) for path, entry in cache.used_files.items())
    return results


def _check_in_parallel(
    edition: Edition, missing: list[tuple[str, str, str]], workers: int, schemas: bool
) -> Iterator[tuple[str, dict]]:
    # spawn, not fork: the parent may hold Saxon or other native state.
    with concurrent.futures.ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(
            str(edition.xsd_path),
            str(edition.schematron_path),
            str(edition.root),
            schemas,
        ),
    ) as pool:
        chunk = max(1, len(missing) // (workers * 8))
        # A CablesError raised in a worker is raised here, as it was (errors.py).
        outcomes = pool.map(_check_in_worker, missing, chunksize=chunk)
        for (path, _, _), payload in zip(missing, outcomes, strict=True):
            yield path, payload


def check(
    edition: Edition,
    paths: list[Path] | None = None,
    tei_all: Path | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Check the whole corpus, or only the named files and folders against it.

    With `tei_all` (the path of tei_all.rng), the files are also validated with Jing.
    """
    files, refused_entries = corpus_entries(edition)
    refused = {str(absolute(entry.path)): entry for entry in refused_entries}
    if not any(kind == DOCUMENT for _, kind in files) and not refused:
        raise CablesError(
            "the corpus has no documents",
            path=edition.documents_dir,
            hint="add TEI files (*.xml) to this folder, or set [corpus] documents in edition.toml",
        )
    tasks = [(absolute(path), kind) for path, kind in files]
    if paths:
        targets = [absolute(path) for path in _expand(paths, tool_paths(edition))]
        reported = [refused[str(path)] for path in targets if str(path) in refused]
        targets = [path for path in targets if str(path) not in refused]
        known = {path for path, _ in tasks}
        tasks += [
            (path, kind_of(path, edition)) for path in dict.fromkeys(targets) if path not in known
        ]
        checked = {str(path) for path in targets}
        files_checked = len(targets) + len(reported)
    else:
        reported = refused_entries
        checked = {str(path) for path, _ in tasks}
        files_checked = len(tasks) + len(reported)

    names = {str(path): display_path(path, edition.root) for path, _ in tasks}
    hashes: dict[str, str] = {}
    results = run_file_checks(edition, tasks, progress, names, hashes)
    diagnostics = [d for path in checked for d in results[path].diagnostics]
    facts = [result.facts for result in results.values() if result.facts is not None]
    registers = register_files(edition.registers, (path for path, _ in tasks))
    diagnostics += CorpusRules(
        facts,
        checked,
        edition.root,
        edition.tei_dirs,
        edition.unique_ids,
        None if registers is None else [str(path) for path in registers],
    ).run()
    diagnostics += check_output_names(files, edition.root, checked, edition)
    if tei_all is not None:
        diagnostics += tei_all_diagnostics(
            [Path(p) for p in sorted(checked)], tei_all, edition.root
        )
    refusals = [_refusal_finding(entry, edition) for entry in dict.fromkeys(reported)]
    diagnostics = apply_strictness(diagnostics + refusals, edition.validation)
    shown = tuple(sorted({*(names[path] for path in checked), *(d.path for d in refusals)}))
    return CheckResult(
        sort_diagnostics(diagnostics),
        files_checked,
        shown,
        {item.path: item for item in facts},
        hashes,
    )


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
