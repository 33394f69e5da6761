"""The check's cache: each file's result (findings and facts) as a named record.

A file's result is stored under the hash of its bytes, its kind and place, and a
fingerprint of the schema and of the code that shapes a result (CHECK_CODE), so it can
only be reused when the very same check would give the very same answer. A small index of
(mtime, size, hash) spares reading unchanged files, except for files written in the last
seconds, whose times cannot be trusted. What is read back is checked field by field: a
damaged or tampered entry discards the cache (cache.read_cache).

Each result is a JSON object of its own in the cache's binary part (the JSON part holds
the index of stats, a table of the paths the results name, and where each result lies),
so a check after one edit encodes one result and writes the others back as read.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
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


class PathTable:
    """The paths the kept results name (their files, the files their pointers lead to and
    the registers' markers), each once: a result names a path by its place in the table.
    Only ever added to, so a kept result stays right as written."""

    def __init__(self, table: list[str] | None = None) -> None:
        self.table = table if table is not None else []
        self.places = {path: place for place, path in enumerate(self.table)}

    def place(self, path: str) -> int:
        place = self.places.get(path)
        if place is None:
            place = self.places[path] = len(self.table)
            self.table.append(path)
        return place


def result_to_json(result: FileResult, paths: PathTable) -> dict:
    """A file's result as the cache keeps it: findings and facts as named fields, paths
    as places in `paths`, links and references flat ([file, id, requirement, file, ...]
    and [file, id, ...], for the reference "file#id")."""
    facts = result.facts
    return {
        "path": paths.place(result.path),
        "diagnostics": [
            {name: getattr(d, name) for name in _DIAGNOSTIC} for d in result.diagnostics
        ],
        "facts": None
        if facts is None
        else {
            "path": paths.place(facts.path),
            "kind": facts.kind,
            "ids": facts.ids,
            "links": [
                value
                for target, fragment, requirement in facts.links
                for value in (paths.place(target), fragment, requirement)
            ],
            "references": [
                value
                for file, _, fragment in map(_split_reference, facts.references)
                for value in (paths.place(file), fragment)
            ],
            "number": facts.number,
        },
    }


def _split_reference(reference: str) -> tuple[str, str, str]:
    return reference.rpartition("#")  # an xml:id holds no "#"


def result_from_json(value: Any, table: list[str]) -> FileResult:
    """The result `result_to_json` gave, its paths taken from `table`; ValueError unless
    `value` has exactly that shape, so a damaged or tampered entry is refused rather than
    shown or trusted."""
    _require(isinstance(value, dict) and value.keys() == {"path", "diagnostics", "facts"})
    _require(isinstance(value["diagnostics"], list))
    findings = [_diagnostic(fields) for fields in value["diagnostics"]]
    facts = None if value["facts"] is None else _facts(value["facts"], table)
    return FileResult(_path(value["path"], table), findings, facts)


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


def _facts(fields: Any, table: list[str]) -> FileFacts:
    _require(isinstance(fields, dict) and fields.keys() == _FACTS)
    kind, number, ids = fields["kind"], fields["number"], fields["ids"]
    _require(isinstance(kind, str) and (number is None or isinstance(number, str)))
    _require(isinstance(ids, list))
    targets, fragments, requirements = _columns(fields["links"], 3)
    links = list(
        zip(_paths(targets, table), _strings(fragments), _strings(requirements), strict=True)
    )
    files, identifiers = _columns(fields["references"], 2)
    references = list(map("{}#{}".format, _paths(files, table), _strings(identifiers)))
    return FileFacts(
        _path(fields["path"], table),
        kind,
        [_entry(entry, (str, str, bool)) for entry in ids],
        links,
        references,
        number,
    )


def _entry(values: Any, types: tuple[type, ...]) -> Any:
    _require(isinstance(values, list) and len(values) == len(types))
    _require(all(type(value) is kind for value, kind in zip(values, types, strict=True)))
    return values


def _columns(values: Any, width: int) -> list[list]:
    """A flat list of rows of `width` values, as columns (checked in bulk, not by value)."""
    _require(isinstance(values, list) and len(values) % width == 0)
    return [values[column::width] for column in range(width)]


def _strings(values: list) -> list[str]:
    _require(set(map(type, values)) <= {str})
    return values


def _paths(places: list, table: list[str]) -> Iterator[str]:
    _require(set(map(type, places)) <= {int})
    _require(not places or (min(places) >= 0 and max(places) < len(table)))
    return map(table.__getitem__, places)


def _path(place: Any, table: list[str]) -> str:
    _require(type(place) is int and 0 <= place < len(table))
    return table[place]


# -- the cache -----------------------------------------------------------------------------


def check_fingerprint(schema_files: list[Path], schemas: bool) -> str:
    """What decides every result besides the file: the schema files (unless the check is
    lenient, which drops every schema finding) and the code of CHECK_CODE."""
    inputs = [*schema_files, *code_files(*CHECK_CODE)] if schemas else code_files(*CHECK_CODE)
    return cache_key(fingerprint(*inputs), "schemas" if schemas else "lenient")


class ResultCache:
    """Cached results keyed by content hash; every failure to read or write is ignored.

    Each result is kept as its own JSON object in the cache's binary part, so that a result
    used again is written back as the bytes read: saving after one edit encodes one result,
    not all of them."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.path = directory / STORE
        self.fingerprint = fingerprint
        self.files: dict[str, dict[str, int | str]] = {}
        self.results: dict[str, FileResult] = {}
        self.paths = PathTable()
        #: Where each result read lies in `data`, to write it back as it was.
        self.places: dict[str, tuple[int, int]] = {}
        self.data = b""
        read: dict[str, Any] = {}

        def check(stored: dict, data: bytes) -> None:
            table = stored["paths"]
            _require(isinstance(table, list) and set(map(type, table)) <= {str})
            read["files"] = {path: _index_entry(entry) for path, entry in stored["files"].items()}
            places = {key: _place(where, data) for key, where in stored["results"].items()}
            read["results"] = {
                key: result_from_json(json.loads(data[start:end]), table)
                for key, (start, end) in places.items()
            }
            read["kept"] = PathTable(table), places, data

        if read_cache(self.path, fingerprint, check) is not None:
            self.files, self.results = read["files"], read["results"]
            self.paths, self.places, self.data = read["kept"]
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
        paths, places = self.paths, self.places
        if len(paths.table) > 2 * len(self.used_files) + 64:
            paths, places = PathTable(), {}  # mostly paths of files gone: a table afresh
        chunks: list[bytes] = []
        index: dict[str, list[int]] = {}
        size = 0
        for key, result in self.used_results.items():
            if key in places:
                start, end = places[key]
                chunk = self.data[start:end]
            else:
                record = result_to_json(result, paths)
                chunk = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
            index[key] = [size, len(chunk)]
            size += len(chunk)
            chunks.append(chunk)
        store = {
            "fingerprint": self.fingerprint,
            "files": self.used_files,
            "paths": paths.table,
            "results": index,
        }
        write_cache(self.path, store, b"".join(chunks))


def _place(where: Any, data: bytes) -> tuple[int, int]:
    """Where a result lies in the binary part: [offset, size] read, (start, end) given."""
    _require(isinstance(where, list) and len(where) == 2)
    start, size = where
    _require(type(start) is int and type(size) is int and 0 <= start <= start + size <= len(data))
    return start, start + size


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
