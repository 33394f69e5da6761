"""The records of the web edition: what xslt/html/record.xsl says of each text.

A record is a small summary (titles, dates, parties, the entries it names: XML), the
text's entries of the search index (JSON) and its facts (the summary's attributes and the
digests of both parts). The pages that list the corpus are made from the summaries alone,
so a record is made once per text and kept in the site state (state.py).
"""

from __future__ import annotations

import json
import os
import urllib.parse
import zlib
from dataclasses import dataclass, field

from lxml import etree

from cables.cache import DamagedCache, cache_key
from cables.errors import CablesError
from cables.manifest import file_list, manifest_tag, manifest_text
from cables.transform import Stylesheets
from cables.xmlio import parse_made

RECORD_STYLESHEET = "html/record.xsl"

#: The facts of a document that order it and label its neighbours' links: what the state
#: keeps of a document whose record comes with its page.
FACTS = ("kind", "stem", "id", "sort", "short-title", "number", "date-label", "holds", "unusable")


@dataclass(frozen=True)
class Record:
    """A text's record: its summary (XML) and search entries (JSON), kept compressed as
    they are cached for every text and decompressed only for the outputs made again;
    `facts` holds the summary's attributes and the digests of both parts."""

    summary: bytes = b""
    search: bytes = b""
    facts: dict[str, str] = field(default_factory=dict)
    #: The mentions in context and the correspondence roles (c:contexts), for the entity
    #: pages: kept apart, as the pages listing the corpus never read them.
    contexts: bytes = b""

    def contexts_xml(self) -> bytes:
        return _inflate(self.contexts) if self.contexts else b""

    def summary_xml(self) -> bytes:
        return _inflate(self.summary)

    def search_entries(self, stem: str) -> bytes:
        """The search entries, checked: they go into search-index-*.js as they are, so
        only JSON objects may pass (anything else, script say, is a damaged cache)."""
        entries = _inflate(self.search)
        if entries:
            try:
                parsed = json.loads(b"[" + entries + b"]")
            except ValueError:
                parsed = None
            if not isinstance(parsed, list) or not all(isinstance(e, dict) for e in parsed):
                raise DamagedCache(f"the search entries of {stem} are not JSON objects")
        return entries


def _take_contexts(record: etree._Element, facts: dict[str, str]) -> bytes:
    """Take c:contexts out of a record, compressed; note in the facts the digest of what it
    says of each entry ("id=digest ..."), which keys that entry's page (entities.py)."""
    contexts = record.find(manifest_tag("contexts"))
    if contexts is None:
        return b""
    record.remove(contexts)
    contexts.tail = None
    by_entry: dict[str, list[bytes]] = {}
    for child in contexts:
        by_entry.setdefault(child.get("id", ""), []).append(etree.tostring(child))
    facts["context-digests"] = " ".join(
        f"{entry}={cache_key(*parts)[:16]}" for entry, parts in sorted(by_entry.items())
    )
    return zlib.compress(etree.tostring(contexts, encoding="utf-8"))


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error as error:
        raise DamagedCache(f"a record does not decompress: {error}") from None


@dataclass(eq=False)
class Text:
    """A document or front-matter file, with its record once made."""

    absolute: str
    kind: str
    hash: str
    #: The name of its page and source copy (corpus.output_stem).
    stem: str
    record: Record = field(default_factory=Record)

    @property
    def facts(self) -> dict[str, str]:
        return self.record.facts

    @property
    def identity(self) -> str:
        """What its facts are kept under: its bytes, kind and name (a copy of the file in
        another folder has a record of its own, as its page has another name)."""
        return cache_key("text", self.hash, self.kind, self.stem)

    @property
    def uri(self) -> str:
        return file_uri(self.absolute)


def file_uri(absolute: str) -> str:
    """The file: URI of an absolute path, as pathlib writes it (without its overhead)."""
    return "file://" + urllib.parse.quote_from_bytes(os.fsencode(absolute))


def make_records(
    stylesheets: Stylesheets, manifest: str, texts: list[tuple[str, str, str]], template: str
) -> list[Record]:
    """The records (template "records") or facts alone (template "facts") of each
    (path, kind, output stem), from xslt/html/record.xsl."""
    files = file_list((file_uri(path), kind, stem) for path, kind, stem in texts)
    made = stylesheets.run(
        RECORD_STYLESHEET,
        template=template,
        parameters={
            "manifest": stylesheets.processor.parse_xml(xml_text=manifest),
            "files": stylesheets.processor.parse_xml(xml_text=manifest_text(files)),
        },
    )
    return split_records(made)


def split_records(made: str | None) -> list[Record]:
    """Each record of c:records as a Record: the summary and the entries compressed, the
    facts with the digests of both. A c:facts gives facts only."""
    if made is None:
        raise CablesError("the stylesheet returned no records (its principal result is empty)")
    records = []
    for record in parse_made(made.encode()):
        facts = dict(record.attrib)
        if record.tag == manifest_tag("facts"):
            records.append(Record(facts=facts))
            continue
        search = record.find(manifest_tag("search-entries"))
        entries = b""
        if search is not None:
            entries = (search.text or "").encode()
            record.remove(search)
        contexts = _take_contexts(record, facts)
        summary = etree.tostring(record, encoding="utf-8")
        facts["summary-digest"] = cache_key(summary)
        facts["search-digest"] = cache_key(entries)
        records.append(Record(zlib.compress(summary), zlib.compress(entries), facts, contexts))
    return records
