"""A content-hash cache of per-file check results, under build/.cache/.

A file's result is stored under the hash of its bytes, its kind and place, and a
fingerprint of the schema and of the checking code, so it can only be reused when the
very same check would give the very same answer. Deleting the cache changes nothing but
speed. A small index of (mtime, size, hash) spares reading unchanged files, except for
files written in the last seconds, whose times cannot be trusted. Everything lives in one
file (`read_cache`).

Caches hold data, never code: a JSON part (never pickle or marshal) and, for the site,
binary parts it points into by offset and length; what is read is checked against the
shape this version writes. A cache that cannot be read as such is
discarded with a warning and the work is done afresh; nothing from it reaches an output.

No format number is bumped by hand: each cache's fingerprint covers the source of the
cables modules that shape its bytes (`code_files`), so changing one of them retires the
entries it shaped and no others.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from cables import __version__
from cables.errors import CablesError
from cables.filecheck import FileResult
from cables.xmlio import read_bytes

STORE = "results.cache"
log = logging.getLogger("cables")
#: What reading a damaged cache can raise.
DAMAGED = (ValueError, KeyError, TypeError, AttributeError, RecursionError)


class DamagedCache(Exception):
    """A value kept by a previous run that this version would not have written: found
    where it is used, after the cheap checks of `read_cache` let it through."""


#: Files modified this recently are hashed again: a second save in the same clock tick
#: would not change their mtime.
RACY_SECONDS = 2.0


#: The folder of the cables modules whose source `code_files` names (a test points it at
#: a copy it edits).
PACKAGE = Path(__file__).parent


def cache_key(*parts: str | bytes) -> str:
    """The key (or digest) of a cached value: the hash of the parts that decide it. Every
    cache key of cables is made here, so no two are made differently."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def code_files(*modules: str) -> list[Path]:
    """The source files of the cables modules named (`"site"` for cables/site.py): what
    a fingerprint covers of the code that shapes a cache's bytes."""
    return [PACKAGE / f"{module}.py" for module in modules]


def fingerprint(*inputs: Path) -> str:
    """A hash of everything besides the file itself that decides a cached value: the
    files `inputs` (code, stylesheets, schemas), cables' version and Python's."""
    digest = hashlib.sha256(f"cables {__version__} {sys.version}".encode())
    for path in inputs:
        digest.update(b"\0" + str(path.name).encode() + b"\0")
        try:
            digest.update(read_bytes(path))  # a FIFO named *.xsd does not stop the check
        except CablesError:
            digest.update(b"missing")
    return digest.hexdigest()


class ResultCache:
    """Cached results keyed by content hash; every failure to read or write is ignored."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = directory
        self.fingerprint = fingerprint
        self.files: dict[str, list] = {}
        self.results: dict[str, object] = {}
        stored = read_cache(directory / STORE, fingerprint, _check_store)
        if stored is not None:
            self.files, self.results = stored[0]["files"], stored[0]["results"]
        self.used_files: dict[str, list] = {}
        self.used_results: dict[str, object] = {}

    def content_hash(self, path: str) -> str | None:
        """The SHA-256 of the file, from the index when its stat is unchanged."""
        try:
            stat = os.stat(path)
        except OSError:
            return None
        known = self.files.get(path)
        fresh = time.time() - stat.st_mtime > RACY_SECONDS
        if known and fresh and known[0] == stat.st_mtime_ns and known[1] == stat.st_size:
            digest = known[2]
        else:
            # Through the hardened reader: regular files only, never blocking, bounded.
            try:
                digest = hashlib.sha256(read_bytes(path)).hexdigest()
            except CablesError:
                return None
        self.used_files[path] = [stat.st_mtime_ns, stat.st_size, digest]
        return digest

    def key(self, path: str, *context: str) -> str | None:
        digest = self.content_hash(path)
        if digest is None:
            return None
        return cache_key(digest, *context)

    def get(self, key: str | None):
        if key is None or key not in self.results:
            return None
        value = self.results[key]
        self.used_results[key] = value
        return value

    def put(self, key: str | None, value) -> None:
        if key is not None:
            self.used_results[key] = value

    def save(self) -> None:
        """Keep what this run used: results of files that are gone are dropped."""
        if self.used_files == self.files and self.used_results.keys() == self.results.keys():
            return  # nothing changed: spare the disk
        store = {
            "fingerprint": self.fingerprint,
            "files": self.used_files,
            "results": self.used_results,
        }
        write_cache(self.directory / STORE, store)


def _check_store(stored: dict, data: bytes) -> None:
    files, results = stored["files"], stored["results"]
    if not isinstance(files, dict) or not isinstance(results, dict):
        raise ValueError("files and results must be objects")
    for known in files.values():
        if not (
            isinstance(known, list)
            and len(known) == 3
            and all(type(value) is int for value in known[:2])
            and isinstance(known[2], str)
        ):
            raise ValueError("a file's entry is not [mtime, size, hash]")
    for result in results.values():
        FileResult.from_json(result)


#: The first line of a cache file: this, then the length of the JSON part that follows;
#: the rest of the file is binary data the JSON part points into (by offset and length).
MAGIC = b"cables-cache 1 "


def read_cache(path: Path, fingerprint: str, check) -> tuple[dict, bytes] | None:
    """The cache at `path` (its JSON part and its binary part) when it was written for
    `fingerprint` and passes `check(stored, data)`, which raises ValueError, KeyError or
    TypeError otherwise; None when there is none, when it is for other code (both normal),
    or when it is damaged (then with a warning)."""
    try:
        content = path.read_bytes()
    except OSError:
        return None
    try:
        header, _, rest = content.partition(b"\n")
        if not header.startswith(MAGIC):
            raise ValueError("not a cables cache")
        size = int(header[len(MAGIC) :])
        if not 0 <= size <= len(rest):
            raise ValueError("cut short")
        stored, data = json.loads(rest[:size]), rest[size:]
        if not isinstance(stored, dict):
            raise ValueError("not a JSON object")
        if stored.get("fingerprint") != fingerprint:
            return None  # written by other code or for another schema: not an error
        check(stored, data)
        return stored, data
    except DAMAGED as error:
        log.warning("the cache %s is damaged and was discarded (%s)", path, error)
        return None


def write_cache(path: Path, stored: dict, data: bytes = b"") -> None:
    """Write the cache `read_cache` reads: `stored` as JSON, then `data`."""
    text = json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode()
    write_atomically(path, MAGIC + str(len(text)).encode() + b"\n" + text + data)


def in_bounds(data: bytes, offset: object, size: object) -> bool:
    """Whether (offset, size) from a cache's JSON part is a slice of its binary part."""
    return type(offset) is int and type(size) is int and 0 <= offset <= offset + size <= len(data)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` by `data` in one step; a read-only or full disk is ignored, as a
    cache only makes things faster."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
