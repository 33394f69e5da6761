"""The check's cache: each file's result (findings and facts) as a named record.

A file's result is stored under the hash of its bytes, its kind and place, and a
fingerprint of the schema and of the code that shapes a result (CHECK_CODE), so it can
only be reused when the very same check would give the very same answer. A small index of
(mtime, size, hash) spares reading unchanged files, except for files written in the last
seconds, whose times cannot be trusted. What is read back is checked field by field: a
damaged or tampered entry discards the cache (cache.read_cache).
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any

from cables.cache import cache_key, code_files, fingerprint, read_cache, write_cache
from cables.diagnostics import ERROR, WARNING, Diagnostic
from cables.errors import CablesError
from cables.facts import FileFacts
from cables.filecheck import FileResult
from cables.xmlio import read_bytes

CACHE_FOLDER = ".cache/check"
STORE = "results.cache"
#: The cables modules whose code shapes a file's result, or how it is kept here.
CHECK_CODE = (
    "check_cache",
    "filecheck",
    "facts",
    "rules",
    "pointers",
    "xmlio",
    "corpus",
    "diagnostics",
    "errors",
    "cache",
)
#: Files modified this recently are hashed again: a second save in the same clock tick
#: would not change their mtime.
RACY_SECONDS = 2.0


# -- results as named records --------------------------------------------------------------

#: The fields of a kept finding and the types each may have.
_DIAGNOSTIC = {
    "path": (str,),
    "line": (int,),
    "column": (int,),
    "severity": (str,),
    "rule": (str,),
    "message": (str,),
    "hint": (str, type(None)),
}


def result_to_json(result: FileResult) -> dict:
    """A file's result as the cache keeps it: findings and facts as named fields."""
    facts = result.facts
    return {
        "path": result.path,
        "diagnostics": [
            {name: getattr(d, name) for name in _DIAGNOSTIC} for d in result.diagnostics
        ],
        "facts": None
        if facts is None
        else {
            "path": facts.path,
            "kind": facts.kind,
            "ids": facts.ids,
            "links": facts.links,
            "references": facts.references,
            "number": facts.number,
        },
    }


def result_from_json(value: Any) -> FileResult:
    """The result `result_to_json` gave; ValueError unless `value` has exactly that shape,
    so a damaged or tampered entry is refused rather than shown or trusted."""
    _require(isinstance(value, dict) and value.keys() == {"path", "diagnostics", "facts"})
    _require(isinstance(value["path"], str) and isinstance(value["diagnostics"], list))
    findings = [_diagnostic(fields) for fields in value["diagnostics"]]
    facts = None if value["facts"] is None else _facts(value["facts"])
    return FileResult(value["path"], findings, facts)


def _require(condition: bool) -> None:
    if not condition:
        raise ValueError("not a check result")


def _diagnostic(fields: Any) -> Diagnostic:
    _require(isinstance(fields, dict) and fields.keys() == _DIAGNOSTIC.keys())
    for name, types in _DIAGNOSTIC.items():
        _require(type(fields[name]) in types)
    _require(fields["severity"] in (ERROR, WARNING))
    return Diagnostic(**fields)


#: The fields of a file's kept facts.
_FACTS = {"path", "kind", "ids", "links", "references", "number"}


def _facts(fields: Any) -> FileFacts:
    _require(isinstance(fields, dict) and fields.keys() == _FACTS)
    path, kind, references = fields["path"], fields["kind"], fields["references"]
    _require(isinstance(path, str) and isinstance(kind, str) and isinstance(references, list))
    _require(all(isinstance(reference, str) for reference in references))
    number = fields["number"]
    _require(number is None or isinstance(number, str))
    ids = [_entry(entry, (str, str, bool)) for entry in fields["ids"]]
    links = [_entry(entry, (str, str, str)) for entry in fields["links"]]
    return FileFacts(path, kind, ids, links, references, number)


def _entry(values: Any, types: tuple[type, ...]) -> Any:
    _require(isinstance(values, list) and len(values) == len(types))
    _require(all(type(value) is kind for value, kind in zip(values, types, strict=True)))
    return values


# -- the cache -----------------------------------------------------------------------------


def check_fingerprint(schema_files: list[Path], schemas: bool) -> str:
    """What decides every result besides the file: the schema files (unless the check is
    lenient, which drops every schema finding) and the code of CHECK_CODE."""
    inputs = [*schema_files, *code_files(*CHECK_CODE)] if schemas else code_files(*CHECK_CODE)
    return cache_key(fingerprint(*inputs), "schemas" if schemas else "lenient")


class ResultCache:
    """Cached results keyed by content hash; every failure to read or write is ignored."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.path = directory / STORE
        self.fingerprint = fingerprint
        self.files: dict[str, dict[str, int | str]] = {}
        self.results: dict[str, FileResult] = {}
        read: dict[str, Any] = {}

        def check(stored: dict, data: bytes) -> None:  # noqa: ARG001 - no binary part
            read["files"] = {path: _index_entry(entry) for path, entry in stored["files"].items()}
            read["results"] = {key: result_from_json(v) for key, v in stored["results"].items()}

        if read_cache(self.path, fingerprint, check) is not None:
            self.files, self.results = read["files"], read["results"]
        self.used_files: dict[str, dict[str, int | str]] = {}
        self.used_results: dict[str, FileResult] = {}

    def content_hash(self, path: str) -> str | None:
        """The SHA-256 of the file, from the index when its stat is unchanged."""
        try:
            stat = os.stat(path)
        except OSError:
            return None
        entry = {"mtime": stat.st_mtime_ns, "size": stat.st_size}
        known = self.files.get(path)
        fresh = time.time() - stat.st_mtime > RACY_SECONDS
        if known and fresh and entry.items() <= known.items():
            digest = str(known["hash"])
        else:
            # Through the hardened reader: regular files only, never blocking, bounded.
            try:
                digest = hashlib.sha256(read_bytes(path)).hexdigest()
            except CablesError:
                return None
        self.used_files[path] = {**entry, "hash": digest}
        return digest

    def hashes(self) -> dict[str, str]:
        """The SHA-256 of each file this run looked at, by path."""
        return {path: str(entry["hash"]) for path, entry in self.used_files.items()}

    def key(self, path: str, *context: str) -> str | None:
        """The key of a file's result: its bytes' hash and `context` (kind, place)."""
        digest = self.content_hash(path)
        if digest is None:
            return None
        return cache_key(digest, *context)

    def get(self, key: str | None) -> FileResult | None:
        if key is None or key not in self.results:
            return None
        result = self.used_results[key] = self.results[key]
        return result

    def put(self, key: str | None, result: FileResult) -> None:
        if key is not None:
            self.used_results[key] = result

    def save(self) -> None:
        """Keep what this run used: results of files that are gone are dropped."""
        if self.used_files == self.files and self.used_results.keys() == self.results.keys():
            return  # nothing changed: spare the disk
        store = {
            "fingerprint": self.fingerprint,
            "files": self.used_files,
            "results": {key: result_to_json(r) for key, r in self.used_results.items()},
        }
        write_cache(self.path, store)


def _index_entry(entry: Any) -> dict[str, int | str]:
    """An entry of the index of file stats: {"mtime", "size", "hash"}."""
    if not (
        isinstance(entry, dict)
        and entry.keys() == {"mtime", "size", "hash"}
        and type(entry["mtime"]) is int
        and type(entry["size"]) is int
        and isinstance(entry["hash"], str)
    ):
        raise ValueError("a file's entry is not {mtime, size, hash}")
    return entry
