"""The web edition: runs the stylesheets of xslt/html over the corpus into a static site.

A build has three kinds of stylesheet runs, each given only what its pages depend on:

1. `html/record.xsl` makes the *record* of each document and front-matter file, in
   batches: a small summary (titles, dates, parties, the entries it names) and the file's
   entries of the search index (JSON). A record depends on its file and, for the names in
   its search entries, on the authority files; it is cached under the hash of both.
2. `html/site.xsl`, template `document-pages`, writes document pages in batches; a page
   depends on its document, the documents it points to (from the check's facts), the
   authority and front-matter files, and its neighbours' titles and dates.
3. The same stylesheet, template `site`, writes the pages that list the corpus (home,
   indices, chronology, search page, sitemap) from the summaries, and the pages of the
   front matter, bibliography and encoding guidelines.

The search index is written in parts (search_index.py). Every output has a key (state.py);
one whose key is unchanged is linked from the previous site, so after one edit only that
page, its neighbours, the pages of documents pointing to it, its part of the search index
and (when its summary changed) the pages that list the corpus are made. Many records and
pages are made by worker processes (pool.py), each with its own compiled stylesheets.

`build_site` reads as the phases of a build: corpus, records, document pages, search
index, corpus pages; the check comes before it and the swap into build/ after (build.py).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from cables.cache import DamagedCache, cache_key, log
from cables.check import run_file_checks
from cables.config import Edition
from cables.copies import (
    Published,
    copy_assets,
    copy_epub,
    copy_pdfs,
    copy_sources,
    published_schema,
    published_sources,
    site_downloads,
    write_edition_zip,
)
from cables.corpus import AUTHORITY, DOCUMENT, FRONT, absolute, corpus_files, output_stem
from cables.entities import authority_entities, write_entity_pages
from cables.facts import FileFacts
from cables.figures import Figure, find_figures
from cables.generic import count_generic_rendering
from cables.manifest import build_manifest, manifest_text
from cables.pages import (
    PageRun,
    collect_document_pages,
    submit_document_pages,
    write_corpus_pages_if_changed,
)
from cables.pool import WorkerPool
from cables.records import FACTS, Record, Text, make_records
from cables.search_index import search_parts, write_search_index
from cables.state import Fingerprints, SavedState, SiteState, state_path
from cables.transform import Stylesheets

#: From this many records and pages to make, worker processes make them in parallel.
PARALLEL_THRESHOLD = 400
#: The README of the edition's ZIP (copies.write_edition_zip).
README_STYLESHEET = "html/readme.xsl"


@dataclass
class SiteResult:
    """What building the site reports back: the generic renderings and the keys to save."""

    #: TEI elements the pages rendered with the generic rule only, and how often.
    generic: dict[str, int]
    #: The keys of this build, saved (save_site_state) once the site is in place.
    state: SavedState | None = None


def build_site(
    edition: Edition,
    stylesheets: Stylesheets,
    output: Path,
    build_date: str,
    pdf_dir: Path | None = None,
    facts: dict | None = None,
    hashes: dict[str, str] | None = None,
    epub_dir: Path | None = None,
) -> SiteResult:
    """Write the whole static site into the (empty) folder `output`.

    `facts` and `hashes` come from `cables check` (CheckResult); without them the check's
    per-file stage is run (from its cache) to get them. When `pdf_dir` holds a PDF for every
    document (from `cables build pdf`), they are linked into the site and each document
    page links to its PDF. A record of the previous build found damaged on the way
    discards the whole state: the site is then made afresh.
    """
    corpus = SiteCorpus.read(edition, facts, hashes)
    try:
        return _build_site(
            edition, stylesheets, output, build_date, (pdf_dir, epub_dir), corpus, True
        )
    except DamagedCache as error:
        log.warning("the cache %s is damaged and was discarded (%s)", state_path(edition), error)
        shutil.rmtree(output)
        output.mkdir()
        return _build_site(
            edition, stylesheets, output, build_date, (pdf_dir, epub_dir), corpus, False
        )


def _build_site(
    edition: Edition,
    stylesheets: Stylesheets,
    output: Path,
    build_date: str,
    books: tuple[Path | None, Path | None],
    corpus: SiteCorpus,
    trusted: bool,
) -> SiteResult:
    pdf_dir, epub_dir = books
    pdf_available = copy_pdfs(corpus.document_stems, pdf_dir, output / "pdf") if pdf_dir else False
    epub_available = copy_epub(epub_dir, output / "epub") if epub_dir else False
    state = SiteState(edition, Fingerprints.of(edition, stylesheets), output, trusted)
    texts = corpus.texts()
    parts = search_parts(len(texts))
    figures = find_figures(edition, corpus.files)
    published = published_sources(corpus.hashed, edition) + published_schema(edition)
    downloads = site_downloads(
        published,
        output / "pdf" if pdf_available else None,
        output / "epub" if epub_available else None,
    )
    manifest = build_manifest(
        edition, build_date, corpus.shared, figures, downloads, **{"search-parts": str(parts)}
    )
    pool = WorkerPool(
        stylesheets,
        Stylesheets,
        (stylesheets.xslt_dir, stylesheets.customisations),
        "building the web edition",
    )
    with pool:
        texts = read_records(state, pool, manifest_text(manifest), texts, corpus.authority_key)
        documents = documents_in_order(texts)
        run = PageRun(
            pool,
            state,
            manifest,
            _base_key(state, corpus, manifest, pdf_available, documents),
            pdf_available,
            PARALLEL_THRESHOLD,
            {file.source: file.name for file in published},
        )
        pending = submit_document_pages(run, documents, corpus.facts)
        _copy_while_pages_are_made(run, published, edition, figures, build_date)
        collect_document_pages(run, pending)
        keep_records(state, texts, corpus.authority_key)
        write_search_index(state, output, run.base_key, texts, parts)
        write_corpus_pages_if_changed(run, documents)
        front = [text for text in texts if text.kind == FRONT]
        write_entity_pages(run, authority_entities(corpus.shared), documents + front)
    generic = count_generic_rendering(corpus.files, output, state.generic, edition)
    return SiteResult(generic, state.finish())


# -- the corpus ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteCorpus:
    """The corpus files as the site needs them: with their hashes and the check's facts."""

    edition: Edition
    files: list[tuple[Path, str]]
    #: (path, kind, absolute path, SHA-256 of its bytes) of each file.
    hashed: list[tuple[Path, str, str, str]]
    #: The check's facts of each file (facts.FileFacts), by absolute path.
    facts: dict[str, FileFacts]

    @classmethod
    def read(
        cls, edition: Edition, facts: dict | None, hashes: dict[str, str] | None
    ) -> SiteCorpus:
        files = corpus_files(edition)
        if facts is None or hashes is None:
            facts, hashes = _file_facts(edition, files)
        hashed = []
        for path, kind in files:
            name = str(absolute(path))
            hashed.append((path, kind, name, _hash_of(name, hashes)))
        return cls(edition, files, hashed, facts)

    @property
    def document_stems(self) -> list[str]:
        return [output_stem(path, self.edition) for path, kind in self.files if kind == DOCUMENT]

    @property
    def shared(self) -> list[tuple[Path, str]]:
        """The files every page may read: the authority files and the front matter."""
        return [(path, kind) for path, kind in self.files if kind in (AUTHORITY, FRONT)]

    def hashes_of(self, *kinds: str) -> list[str]:
        return [f"{name}={digest}" for _, kind, name, digest in self.hashed if kind in kinds]

    @property
    def authority_key(self) -> str:
        """What the search entries of a record depend on besides its file: the names in
        the authority files (and which of them are registers)."""
        registers = (str(path) for path in self.edition.registers)
        return cache_key(*self.hashes_of(AUTHORITY), *registers)

    def texts(self) -> list[Text]:
        """The documents and front-matter files, which have records and pages."""
        return [
            Text(name, kind, digest, output_stem(path, self.edition))
            for path, kind, name, digest in self.hashed
            if kind in (DOCUMENT, FRONT)
        ]


def _file_facts(edition: Edition, files: list[tuple[Path, str]]) -> tuple[dict, dict]:
    hashes: dict[str, str] = {}
    results = run_file_checks(edition, [(absolute(p), k) for p, k in files], hashes=hashes)
    return {path: result.facts for path, result in results.items() if result.facts}, hashes


def _hash_of(absolute: str, hashes: dict[str, str]) -> str:
    known = hashes.get(absolute)
    if known:
        return known
    with open(absolute, "rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


# -- the records --------------------------------------------------------------------------


def read_records(
    state: SiteState,
    pool: WorkerPool[Stylesheets],
    manifest: str,
    texts: list[Text],
    authority: str,
) -> list[Text]:
    """Give each text its record, or for a document at least its facts (its record comes
    with its page), from the previous build or made; returns the usable texts."""
    missing_facts: list[Text] = []  # documents: their records come with their pages
    missing_records: list[Text] = []  # front matter: records made on their own
    for text in texts:
        record = state.record(state.record_key(text.identity, authority, text.absolute))
        facts = state.facts.get(state.facts_key(text.identity))
        if record is not None:
            text.record = record
        elif text.kind == FRONT:
            missing_records.append(text)
        elif facts is not None:
            text.record = Record(facts=facts)
        else:
            missing_facts.append(text)
    pool.start(len(missing_facts), PARALLEL_THRESHOLD)
    _make_records(pool, manifest, missing_records, "records")
    _make_records(pool, manifest, missing_facts, "facts")
    return [text for text in texts if not text.facts.get("unusable")]


def _make_records(
    pool: WorkerPool[Stylesheets], manifest: str, missing: list[Text], template: str
) -> None:
    """Make the records (or the facts alone) of texts, in batches."""
    size = max(1, min(500, len(missing) // 16 + 1))
    batches = [missing[start : start + size] for start in range(0, len(missing), size)]
    futures = [
        pool.submit(
            make_records,
            manifest,
            [(text.absolute, text.kind, text.stem) for text in batch],
            template,
        )
        for batch in batches
    ]
    for batch, future in zip(batches, futures, strict=True):
        for text, record in zip(batch, pool.result(future), strict=True):
            text.record = record


def documents_in_order(texts: list[Text]) -> list[Text]:
    documents = [text for text in texts if text.kind == DOCUMENT]
    documents.sort(key=lambda text: (text.facts["sort"], text.facts["id"]))
    return documents


def keep_records(state: SiteState, texts: list[Text], authority: str) -> None:
    """Keep every text's record, and its facts alone, for the next build."""
    for text in texts:
        state.new_records[state.record_key(text.identity, authority, text.absolute)] = text.record
        state.new_facts[state.facts_key(text.identity)] = {
            name: text.facts[name] for name in FACTS if name in text.facts
        }


# -- the pages ----------------------------------------------------------------------------


def _base_key(
    state: SiteState,
    corpus: SiteCorpus,
    manifest: etree._Element,
    pdf_available: bool,
    documents: list[Text],
) -> str:
    """What every page depends on: the code, the manifest, the shared files, the ODD,
    whether there are PDFs. Sets the manifest's @holds: which rows the records show and
    which columns the home table has follow from what the whole corpus holds (f:holds in
    xslt/common/functions.xsl)."""
    odd = corpus.edition.odd_path
    odd_hash = cache_key(odd.read_bytes()) if odd.is_file() else ""
    key = state.output_key(
        manifest_text(manifest), str(pdf_available), odd_hash, *corpus.hashes_of(AUTHORITY, FRONT)
    )
    kinds = {kind for text in documents for kind in text.facts.get("holds", "").split()}
    holds = " ".join(sorted(kinds))
    manifest.set("holds", holds)
    return cache_key(key, holds)


def _copy_while_pages_are_made(
    run: PageRun, published: list[Published], edition: Edition, figures: list[Figure], date: str
) -> None:
    output = Path(run.state.output)
    copy_sources(run.state, output, published)
    copy_assets(edition, figures, output)
    _write_edition_zip(run, published, edition, date)


def _write_edition_zip(
    run: PageRun, published: list[Published], edition: Edition, date: str
) -> None:
    """The ZIP of the published files, with its README from html/readme.xsl."""
    # What the README shows: c:edition, the manifest's first child (only a key: no
    # stylesheet reads this text).
    facts = cache_key(etree.tostring(run.manifest[0]))
    folder = f"{edition.id}-{edition.version}" if edition.version else edition.id

    def readme() -> str:
        tool = run.pool.tool
        manifest = tool.processor.parse_xml(xml_text=manifest_text(run.manifest))
        text = tool.run(README_STYLESHEET, template="readme", parameters={"manifest": manifest})
        return text or ""

    write_edition_zip(run.state, Path(run.state.output), published, facts, readme, folder, date)


__all__ = ["PARALLEL_THRESHOLD", "SiteResult", "build_site"]
