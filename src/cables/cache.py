"""A content-hash cache of per-file check results, under build/.cache/.

A file's result is stored under the hash of its bytes, its kind and place, and a
fingerprint of the schema and of the checking code, so it can only be reused when the
very same check would give the very same answer. Deleting the cache changes nothing but
speed. A small index of (mtime, size, hash) spares reading unchanged files, except for
files written in the last seconds, whose times cannot be trusted. Everything lives in one
file in Python's marshal format, which loads ten thousand results in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import time
from pathlib import Path

from cables import __version__
from cables.errors import CablesError
from cables.xmlio import read_bytes

CACHE_FORMAT = "2"
STORE = "results.marshal"
#: Files modified this recently are hashed again: a second save in the same clock tick
#: would not change their mtime.
RACY_SECONDS = 2.0


def fingerprint(*inputs: Path) -> str:
    """A hash of everything besides the file itself that decides a check result."""
    digest = hashlib.sha256(f"cables {__version__} cache {CACHE_FORMAT} {sys.version}".encode())
    for path in inputs:
        digest.update(str(path.name).encode())
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
        try:
            stored = marshal.loads((directory / STORE).read_bytes())
            if isinstance(stored, dict) and stored.get("fingerprint") == fingerprint:
                self.files, self.results = stored["files"], stored["results"]
        except (OSError, ValueError, EOFError, TypeError, KeyError):
            pass  # no cache, an old one, or a damaged one: start afresh
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
        return hashlib.sha256("\0".join((digest, *context)).encode()).hexdigest()

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
        _write_atomically(self.directory / STORE, marshal.dumps(store))


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        # The cache is an optimisation: a read-only or full disk only makes it slower.
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
