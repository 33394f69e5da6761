"""The check's cache: each file's result (findings and facts) as a named record.

A file's result is stored under the hash of its bytes, its kind and place, and a
fingerprint of the schema and of the code that shapes a result (CHECK_CODE), so it can
only be reused when the very same check would give the very same answer. A small index of
(mtime, size, hash) spares reading unchanged files, except for files written in the last
seconds, whose times cannot be trusted. What is read back is checked field by field: a
damaged or tampered entry discards the cache (cache.read_cache).

Each result is a JSON object of its own in the cache's binary part (the JSON part holds
the index of stats, tables of the paths, links and references the results share, and
where each result lies), so a check after one edit encodes one result and writes the
others back as read.
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


#: The fields of the tables of shared values.
_TABLES = {"paths", "links", "references", "built"}


class Tables:
    """The values the kept results share, each once: paths (of the files, of the files
    their pointers lead to, and the registers' markers), links and references. A result
    names them by their place in a table, so a corpus whose documents point at the same
    entries keeps each such link once, and reads it back once. Only ever added to, so a
    kept result stays right as written."""

    def __init__(
        self,
        paths: list[str] | None = None,
        links: list[tuple[str, str, str]] | None = None,
        references: list[str] | None = None,
        built: int = 0,
    ) -> None:
        self.paths, self.links = paths or [], links or []
        self.references = references or []
        #: The size of the tables when they were last made afresh (see `worn`).
        self.built = built
        self._places: dict[int, dict] = {}

    def place(self, values: list, value: Any) -> int:
        """The place of `value` in the table `values`, added if new."""
        places = self._places.get(id(values))
        if places is None:
            places = self._places[id(values)] = {v: place for place, v in enumerate(values)}
        place = places.get(value)
        if place is None:
            place = places[value] = len(values)
            values.append(value)
        return place

    def size(self) -> int:
        return len(self.paths) + len(self.links) + len(self.references)

    def worn(self) -> bool:
        """Whether the tables have grown to twice what they were when made afresh: mostly
        values no kept result names any more."""
        return self.size() > 2 * self.built + 1024

    def to_json(self) -> dict:
        return {
            "paths": self.paths,
            "links": [
                value
                for target, fragment, requirement in self.links
                for value in (self.place(self.paths, target), fragment, requirement)
            ],
            "references": self.references,
            "built": self.built,
        }

    @classmethod
    def from_json(cls, stored: Any) -> Tables:
        """The tables `to_json` gave; ValueError unless they have exactly that shape."""
        _require(
            isinstance(stored, dict) and stored.keys() == {"paths", "links", "references", "built"}
        )
        paths, references, built = stored["paths"], stored["references"], stored["built"]
        _require(isinstance(paths, list) and isinstance(references, list) and type(built) is int)
        targets, fragments, requirements = _columns(stored["links"], 3)
        links = list(
            zip(
                _take(targets, _strings(paths)),
                _strings(fragments),
                _strings(requirements),
                strict=True,
            )
        )
        return cls(paths, links, _strings(references), built)


def result_to_json(result: FileResult, tables: Tables) -> dict:
    """A file's result as the cache keeps it: findings and facts as named fields, paths,
    links and references as places in `tables`."""
    facts = result.facts
    return {
        "path": tables.place(tables.paths, result.path),
        "diagnostics": [
            {name: getattr(d, name) for name in _DIAGNOSTIC} for d in result.diagnostics
        ],
        "facts": None
        if facts is None
        else {
            "path": tables.place(tables.paths, facts.path),
            "kind": facts.kind,
            "ids": facts.ids,
            "links": [tables.place(tables.links, tuple(link)) for link in facts.links],
            "references": [tables.place(tables.references, r) for r in facts.references],
            "number": facts.number,
        },
    }


def result_from_json(value: Any, tables: Tables) -> FileResult:
    """The result `result_to_json` gave, its shared values taken from `tables`; ValueError
    unless `value` has exactly that shape, so a damaged or tampered entry is refused
    rather than shown or trusted."""
    _require(isinstance(value, dict) and value.keys() == {"path", "diagnostics", "facts"})
    _require(isinstance(value["diagnostics"], list))
    findings = [_diagnostic(fields) for fields in value["diagnostics"]]
    facts = None if value["facts"] is None else _facts(value["facts"], tables)
    return FileResult(_one(value["path"], tables.paths), findings, facts)


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


def _facts(fields: Any, tables: Tables) -> FileFacts:
    _require(isinstance(fields, dict) and fields.keys() == _FACTS)
    kind, number, ids = fields["kind"], fields["number"], fields["ids"]
    _require(isinstance(kind, str) and (number is None or isinstance(number, str)))
    _require(isinstance(ids, list))
    return FileFacts(
        _one(fields["path"], tables.paths),
        kind,
        [_entry(entry, (str, str, bool)) for entry in ids],
        list(_take(fields["links"], tables.links)),
        list(_take(fields["references"], tables.references)),
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


def _take(places: Any, table: list) -> Iterator:
    """The values at `places` (a list of whole numbers) in `table`."""
    _require(isinstance(places, list) and set(map(type, places)) <= {int})
    _require(not places or (min(places) >= 0 and max(places) < len(table)))
    return map(table.__getitem__, places)


def _one(place: Any, table: list[str]) -> str:
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
        self.tables = Tables()
        #: Where each result read lies in `data`, to write it back as it was.
        self.places: dict[str, tuple[int, int]] = {}
        self.data = b""
        read: dict[str, Any] = {}

        def check(stored: dict, data: bytes) -> None:
            tables = Tables.from_json(stored["tables"])
            read["files"] = {path: _index_entry(entry) for path, entry in stored["files"].items()}
            places = {key: _place(where, data) for key, where in stored["results"].items()}
            read["results"] = {
                key: result_from_json(json.loads(data[start:end]), tables)
                for key, (start, end) in places.items()
            }
            read["kept"] = tables, places, data

        if read_cache(self.path, fingerprint, check) is not None:
            self.files, self.results = read["files"], read["results"]
            self.tables, self.places, self.data = read["kept"]
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
        tables, places = self.tables, self.places
        if tables.worn():
            tables, places = Tables(), {}  # every result encoded afresh
        chunks: list[bytes] = []
        index: dict[str, list[int]] = {}
        size = 0
        for key, result in self.used_results.items():
            if key in places:
                start, end = places[key]
                chunk = self.data[start:end]
            else:
                record = result_to_json(result, tables)
                chunk = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
            index[key] = [size, len(chunk)]
            size += len(chunk)
            chunks.append(chunk)
        if not places:
            tables.built = tables.size()
        store = {
            "fingerprint": self.fingerprint,
            "files": self.used_files,
            "tables": tables.to_json(),
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
