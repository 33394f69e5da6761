"""The entity pages of the web edition: one page per person, place, organisation and event.

An entry of the authority files has a page (xslt/html/entity.xsl, template "entity-pages")
made from the records of the texts that name it: their facts and their mentions in
context (records.Record.contexts). Its key is what every page shares, the entry's id and
what each of those texts says of it, so after one edit only the pages whose content
changed are made again; the others are linked from the previous site (state.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from cables.cache import cache_key
from cables.corpus import AUTHORITY, XML_ID, site_pages
from cables.manifest import MANIFEST_NS, manifest_tag, manifest_text
from cables.pages import PageRun, run_site
from cables.records import Text
from cables.transform import Stylesheets
from cables.xmlio import local_name, parse_made, parse_xml

#: Entity pages per stylesheet run, at most; fewer runs when the pages are few.
ENTITY_BATCH = 40
#: The facts of a text that its lines on an entity page show (besides its mentions).
_SHOWN_FACTS = ("kind", "stem", "id", "number", "date-label", "short-title", "entities")


@dataclass(frozen=True)
class Entity:
    """An entry of the authority files with a page of its own."""

    id: str
    #: The folder of its kind's pages (common/pages.xml, @folder).
    folder: str

    @property
    def page(self) -> str:
        """Its page, as f:entity-page names it."""
        return f"{self.folder}/{self.id}.html"


def authority_entities(files: Iterable[tuple[Path, str]]) -> list[Entity]:
    """The entries of the authority files that have a page, in file order: as
    f:entity-page selects them (an element of @of in a list, the first of an id)."""
    folders = {page.of: page.folder for page in site_pages() if page.each == "entry"}
    found: dict[str, Entity] = {}
    for path, kind in files:
        if kind == AUTHORITY:
            for identifier, name in _listed_entries(path, folders):
                found.setdefault(identifier, Entity(identifier, folders[name]))
    return list(found.values())


def _listed_entries(path: Path, names: Iterable[str]) -> Iterable[tuple[str, str]]:
    """(xml:id, local name) of each element of those names in a list (listPerson...)."""
    wanted = set(names)
    for element in parse_xml(path).tree.iter(etree.Element):
        identifier = element.get(XML_ID)
        parent = element.getparent()
        if identifier and parent is not None and local_name(element) in wanted:
            if local_name(parent).startswith("list"):
                yield identifier, local_name(element)


def write_entity_pages(run: PageRun, entities: list[Entity], texts: list[Text]) -> None:
    """Link the unchanged entity pages from the previous site; make the others, in
    batches. `texts` are the documents in order, then the front matter."""
    naming = _texts_naming(texts)
    to_make: list[Entity] = []
    for folder in {entity.folder for entity in entities}:
        os.makedirs(os.path.join(run.state.output, folder), exist_ok=True)
    for entity in entities:
        key = _entity_key(run.base_key, entity, naming.get(entity.id, []))
        if not run.state.reuse(entity.page, key):
            to_make.append(entity)
    pending = []
    for start in range(0, len(to_make), ENTITY_BATCH):
        batch = to_make[start : start + ENTITY_BATCH]
        listing = _entity_list(batch, naming)
        pending.append(
            run.pool.submit(
                write_entities,
                manifest_text(run.manifest),
                manifest_text(listing),
                run.pdf_available,
                run.state.output,
            )
        )
    for future in pending:
        run.pool.result(future)


@dataclass(frozen=True)
class _Naming:
    """A text that names an entry, with what its records say of that entry."""

    text: Text
    #: What its line on the entry's page depends on: the facts shown and the digest of
    #: its mentions of the entry in context (records._take_contexts).
    shown: str
    #: Its place in reading order.
    position: int


def _texts_naming(texts: list[Text]) -> dict[str, list[_Naming]]:
    """The texts naming each entry, in reading order (made once a build: kept cheap, as
    it reads the facts of every text)."""
    naming: dict[str, list[_Naming]] = {}
    for position, text in enumerate(texts):
        facts = text.facts
        shown = "\0".join([facts.get(fact, "") for fact in _SHOWN_FACTS])
        digests = dict(part.split("=", 1) for part in facts.get("context-digests", "").split())
        for entry in facts.get("entities", "").split():
            part = f"{shown}\0{digests.get(entry, '')}"
            naming.setdefault(entry, []).append(_Naming(text, part, position))
    return naming


def _entity_key(base_key: str, entity: Entity, naming: list[_Naming]) -> str:
    parts = [named.shown for named in naming]
    return cache_key(base_key, "entity", entity.id, entity.folder, *parts)


def _entity_list(batch: list[Entity], naming: dict[str, list[_Naming]]) -> etree._Element:
    """c:entity-pages: the entries to write (c:entity) and every text naming one of them
    (c:text, with its facts and its c:contexts), in order."""
    root = etree.Element(manifest_tag("entity-pages"), nsmap={None: MANIFEST_NS})
    wanted = {entity.id for entity in batch}
    for entity in batch:
        etree.SubElement(root, manifest_tag("entity"), {"id": entity.id})
    # In reading order, whichever entries of the batch name them.
    listed = {named.text: named.position for entity in batch for named in naming.get(entity.id, [])}
    for text in sorted(listed, key=listed.__getitem__):
        element = etree.SubElement(
            root, manifest_tag("text"), {fact: text.facts.get(fact, "") for fact in _SHOWN_FACTS}
        )
        contexts = text.record.contexts_xml()
        if contexts:
            element.append(_contexts_of(parse_made(contexts), wanted))
    return root


def _contexts_of(contexts: etree._Element, wanted: set[str]) -> etree._Element:
    """A text's c:contexts with only what it says of the entries wanted: the rest would
    be read for nothing (a text names some twenty entries)."""
    for child in list(contexts):
        if child.get("id") not in wanted:
            contexts.remove(child)
    return contexts


# -- the stylesheet run, here or in a worker process (pool.py) ----------------------------


def write_entities(
    stylesheets: Stylesheets, manifest: str, entities: str, pdf_available: bool, output: str
) -> None:
    """Write the entity pages that `entities` (c:entity-pages) lists."""
    run_site(
        stylesheets,
        "entity-pages",
        output,
        {"manifest": manifest, "entities": entities},
        pdf_available,
    )


__all__ = ["Entity", "authority_entities", "write_entity_pages"]
