"""The keyed reuse of the web edition: what the previous build made, and under which key.

Every output of the site has a key, the hash of everything it depends on; one whose key
equals the one the previous build recorded is linked from the previous site instead of
being made again. The records of the texts are kept too, under a key of their own. Both
kinds of key start from a fingerprint of the code and stylesheets that shape them
(`Fingerprints`), so changing that code retires exactly the values it shaped. The state
lives in build/.cache/site/state.cache; without it every page is made again, giving the
same bytes.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from cables.cache import (
    DamagedCache,
    cache_key,
    code_files,
    fingerprint,
    in_bounds,
    read_cache,
    write_cache,
)
from cables.config import Edition
from cables.records import RECORD_STYLESHEET, Record
from cables.transform import Stylesheets, customisation_files, stylesheet_modules
from cables.versions import generator_version

SITE_CACHE = ".cache/site"
STATE = "state.cache"

#: The cables modules whose code shapes a record (its summary, search entries, facts).
RECORD_CODE = ("records", "manifest", "transform", "xmlio", "corpus", "pointers", "figures")
#: Those whose code shapes the pages and the other files of the site, besides a record's.
SITE_CODE = (
    *RECORD_CODE,
    "site",
    "pages",
    "entities",
    "search_index",
    "generic",
    "copies",
    "state",
    "pool",
)
#: Those whose code decides how the state itself is stored and read.
STORE_CODE = ("state", "records", "cache")


@dataclass(frozen=True)
class Fingerprints:
    """The hashes of the code that shapes each kind of cached value of the site."""

    #: The state file: written and read by this code.
    store: str
    #: A record: xslt/html/record.xsl with the modules it imports, and RECORD_CODE.
    records: str
    #: An output: every stylesheet of xslt/common and xslt/html, and SITE_CODE.
    outputs: str

    @classmethod
    def of(cls, edition: Edition, stylesheets: Stylesheets) -> Fingerprints:
        # The project's customisation layer and label table shape records and pages alike.
        shared = [*customisation_files(edition), *([edition.labels] if edition.labels else [])]
        record_xslt = stylesheet_modules(stylesheets.source(RECORD_STYLESHEET))
        site_xslt = [
            path
            for folder in ("common", "html")
            for path in sorted((edition.xslt_dir / folder).rglob("*"))
            if path.is_file()
        ]
        version = generator_version()
        return cls(
            cache_key(version, fingerprint(*code_files(*STORE_CODE))),
            cache_key(version, fingerprint(*code_files(*RECORD_CODE), *record_xslt, *shared)),
            cache_key(version, fingerprint(*code_files(*SITE_CODE), *site_xslt, *shared)),
        )


@dataclass(frozen=True)
class OutputEntry:
    """An output of the previous build: its key, and the size and modification time of
    the file it wrote, and which TEI elements it rendered generically (generic.py)."""

    key: str
    size: int
    mtime_ns: int
    generic: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"key": self.key, "size": self.size, "mtime": self.mtime_ns, "generic": self.generic}

    @classmethod
    def from_json(cls, value: dict) -> OutputEntry:
        entry = cls(value["key"], value["size"], value["mtime"], value["generic"])
        if not (
            isinstance(entry.key, str) and type(entry.size) is int and type(entry.mtime_ns) is int
        ):
            raise ValueError("an output's entry has no key, size and time")
        if not isinstance(entry.generic, dict) or not all(
            type(count) is int for count in entry.generic.values()
        ):
            raise ValueError("an output's counts are not numbers")
        return entry


@dataclass(frozen=True)
class StoredRecord:
    """Where a record's compressed parts lie in the state's binary part, and its facts."""

    summary: int
    summary_size: int
    search: int
    search_size: int
    facts: dict[str, str]
    #: Where its mentions in context lie (records.Record.contexts).
    contexts: tuple[int, int] = (0, 0)

    def to_json(self) -> dict:
        return {
            "summary": [self.summary, self.summary_size],
            "search": [self.search, self.search_size],
            "contexts": list(self.contexts),
            "facts": self.facts,
        }

    @classmethod
    def from_json(cls, value: dict, data: bytes) -> StoredRecord:
        (summary, summary_size), (search, search_size) = value["summary"], value["search"]
        contexts, contexts_size = value["contexts"]
        stored = cls(
            summary,
            summary_size,
            search,
            search_size,
            _strings(value["facts"]),
            (contexts, contexts_size),
        )
        parts = ((summary, summary_size), (search, search_size), (contexts, contexts_size))
        if not all(in_bounds(data, start, size) for start, size in parts):
            raise ValueError("a record points outside the cache")
        return stored

    def load(self, data: bytes) -> Record:
        start, size = self.contexts
        return Record(
            data[self.summary : self.summary + self.summary_size],
            data[self.search : self.search + self.search_size],
            self.facts,
            data[start : start + size],
        )


def _strings(values: object) -> dict[str, str]:
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise ValueError("facts must map names to strings")
    return values


class SiteState:
    """What the previous build made (the key and stat of every output) and the records,
    and what this build makes.

    An output is reused only when its key is the same and the previous site still holds
    the very file that build wrote (same size and modification time), so a page edited
    or replaced by hand is made again.
    """

    def __init__(
        self, edition: Edition, fingerprints: Fingerprints, output: Path, trusted: bool = True
    ) -> None:
        self.path = state_path(edition)
        self.previous_site = str(edition.build_dir / "site")
        self.output = str(output)
        self.fingerprints = fingerprints
        self.records: dict[str, StoredRecord] = {}
        self.facts: dict[str, dict[str, str]] = {}
        self.outputs: dict[str, OutputEntry] = {}
        self.data = b""
        if trusted:
            self._load()
        self.new_records: dict[str, Record] = {}
        self.new_facts: dict[str, dict[str, str]] = {}
        self.keys: dict[str, str] = {}
        self.generic: dict[str, dict[str, int]] = {}

    def _load(self) -> None:
        parsed: dict = {}

        def check(stored: dict, data: bytes) -> None:
            # Only the shape can be checked here, cheaply; a record's search entries are
            # checked where they are used (Record.search_entries).
            parsed["records"] = {
                name: StoredRecord.from_json(value, data)
                for name, value in stored["records"].items()
            }
            parsed["facts"] = {name: _strings(facts) for name, facts in stored["facts"].items()}
            parsed["outputs"] = {
                name: OutputEntry.from_json(value) for name, value in stored["outputs"].items()
            }

        stored = read_cache(self.path, self.fingerprints.store, check)
        if stored is not None:
            self.records, self.facts = parsed["records"], parsed["facts"]
            self.outputs, self.data = parsed["outputs"], stored[1]

    def record_key(self, identity: str, authority: str, absolute: str) -> str:
        """What a text's record is kept under: its identity (records.Text), the authority
        files its search entries name, its place, and the code that makes records."""
        return cache_key("record", self.fingerprints.records, identity, authority, absolute)

    def facts_key(self, identity: str) -> str:
        """What the facts alone of a text (records.FACTS) are kept under."""
        return cache_key("facts", self.fingerprints.records, identity)

    def record(self, key: str) -> Record | None:
        """The record the previous build kept under `key`."""
        known = self.records.get(key)
        return None if known is None else known.load(self.data)

    def output_key(self, *parts: str) -> str:
        """The key of an output made from `parts`, and the code that makes outputs."""
        return cache_key("output", self.fingerprints.outputs, *parts)

    def reusable(self, name: str, key: str) -> bool:
        """Whether the previous site holds the file `name` that a build wrote with `key`."""
        known = self.outputs.get(name)
        if known is None or known.key != key:
            return False
        try:
            stat = os.stat(os.path.join(self.previous_site, name))
        except OSError:
            return False
        return stat.st_size == known.size and stat.st_mtime_ns == known.mtime_ns

    def reuse(self, name: str, key: str) -> bool:
        """Link the previous build's `name` into the new site if it has this key."""
        self.keys[name] = key
        if not self.reusable(name, key):
            return False
        link_or_copy(os.path.join(self.previous_site, name), os.path.join(self.output, name))
        self.generic[name] = self.outputs[name].generic
        return True

    def reuse_all(self, key: str) -> bool:
        """Link every output the previous build made with `key`, if all are still there;
        False when there are none or one is gone (they are then all made again)."""
        names = [name for name, known in self.outputs.items() if known.key == key]
        if not names or not all(self.reusable(name, key) for name in names):
            return False
        for name in names:
            self.reuse(name, key)
        return True

    def finish(self) -> SavedState:
        """The state to save once the new site has replaced the previous one."""
        outputs = {}
        for name, key in self.keys.items():
            try:
                stat = os.stat(os.path.join(self.output, name))
            except OSError:
                continue
            generic = self.generic.get(name, {})
            outputs[name] = OutputEntry(key, stat.st_size, stat.st_mtime_ns, generic)
        return SavedState(self.fingerprints.store, self.new_records, self.new_facts, outputs)


@dataclass(frozen=True)
class SavedState:
    """The state of a build, saved (save_site_state) once its site is in place."""

    fingerprint: str
    records: dict[str, Record]
    facts: dict[str, dict[str, str]]
    outputs: dict[str, OutputEntry]


def state_path(edition: Edition) -> Path:
    return edition.build_dir / SITE_CACHE / STATE


def save_site_state(edition: Edition, state: SavedState | None) -> None:
    """Keep the keys of the site just built; called after it replaced the old one. The
    compressed summaries and search entries follow the JSON part as bytes."""
    if state is None:
        return
    data = bytearray()
    records = {}
    for name, record in state.records.items():
        offset = len(data)
        data += record.summary + record.search + record.contexts
        records[name] = StoredRecord(
            offset,
            len(record.summary),
            offset + len(record.summary),
            len(record.search),
            record.facts,
            (offset + len(record.summary) + len(record.search), len(record.contexts)),
        ).to_json()
    stored_state = {
        "fingerprint": state.fingerprint,
        "records": records,
        "facts": state.facts,
        "outputs": {name: entry.to_json() for name, entry in state.outputs.items()},
    }
    write_cache(state_path(edition), stored_state, bytes(data))


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """Put the file `source` at `target`: a hard link where the file system allows."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


__all__ = ["DamagedCache", "Fingerprints", "SavedState", "SiteState", "save_site_state"]
