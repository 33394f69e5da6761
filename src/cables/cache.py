"""The caches under build/.cache/: how they are keyed, written and read.

A cache is one file (`read_cache`, `write_cache`), written for one fingerprint: the check
keeps its per-file results in it (check_cache.py), the web edition its state (state.py).
Deleting a cache changes nothing but speed.

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
from collections.abc import Callable
from pathlib import Path

from cables import __version__
from cables.errors import CablesError
from cables.xmlio import read_bytes

log = logging.getLogger("cables")
#: What reading a damaged cache can raise.
DAMAGED = (ValueError, KeyError, TypeError, AttributeError, RecursionError)


class DamagedCache(Exception):
    """A value kept by a previous run that this version would not have written: found
    where it is used, after the cheap checks of `read_cache` let it through."""


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


#: The first line of a cache file: this, then the length of the JSON part that follows;
#: the rest of the file is binary data the JSON part points into (by offset and length).
MAGIC = b"cables-cache 1 "


def read_cache(
    path: Path, fingerprint: str, check: Callable[[dict, bytes], None]
) -> tuple[dict, bytes] | None:
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
