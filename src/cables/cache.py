"""A content-hash cache of per-file check results, under build/.cache/.

A file's result is stored under the hash of its bytes, its kind and place, and a
fingerprint of the schema and of the checking code, so it can only be reused when the
very same check would give the very same answer. Deleting the cache changes nothing but
speed. A small index of (mtime, size, hash) spares reading unchanged files, except for
files written in the last seconds, whose times cannot be trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

from cables import __version__

CACHE_FORMAT = "1"
#: Files modified this recently are hashed again: a second save in the same clock tick
#: would not change their mtime.
RACY_SECONDS = 2.0


def fingerprint(*inputs: Path) -> str:
    """A hash of everything besides the file itself that decides a check result."""
    digest = hashlib.sha256(f"cables {__version__} cache {CACHE_FORMAT}".encode())
    for path in inputs:
        digest.update(str(path.name).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


class ResultCache:
    """Cached JSON results, keyed by content hash; every failure to read or write is ignored."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = directory
        self.fingerprint = fingerprint
        self.index_path = directory / "files.json"
        try:
            self.index: dict[str, list] = json.loads(self.index_path.read_text("utf-8"))
        except (OSError, ValueError):
            self.index = {}
        self.used: dict[str, list] = {}
        self.hits = 0
        self.misses = 0

    def content_hash(self, path: Path) -> str | None:
        """The SHA-256 of the file, from the index when its stat is unchanged."""
        try:
            stat = path.stat()
        except OSError:
            return None
        known = self.index.get(str(path))
        fresh = time.time() - stat.st_mtime > RACY_SECONDS
        if known and fresh and known[0] == stat.st_mtime_ns and known[1] == stat.st_size:
            digest = known[2]
        else:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                return None
        self.used[str(path)] = [stat.st_mtime_ns, stat.st_size, digest]
        return digest

    def key(self, path: Path, *context: str) -> str | None:
        digest = self.content_hash(path)
        if digest is None:
            return None
        return hashlib.sha256("\0".join((self.fingerprint, digest, *context)).encode()).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / "results" / key[:2] / f"{key}.json"

    def get(self, key: str | None) -> dict | None:
        if key is None:
            return None
        try:
            value = json.loads(self._entry(key).read_text("utf-8"))
            self.hits += 1
            return value
        except (OSError, ValueError):
            self.misses += 1
            return None

    def put(self, key: str | None, value: dict) -> None:
        if key is not None:
            _write_atomically(self._entry(key), json.dumps(value, ensure_ascii=False))

    def save(self) -> None:
        """Record the stats of the files seen in this run, for the next run."""
        merged = {**self.index, **self.used}
        _write_atomically(self.index_path, json.dumps(merged, sort_keys=True))


def _write_atomically(path: Path, text: str) -> None:
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError:
        # The cache is an optimisation: a read-only or full disk only makes it slower.
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
