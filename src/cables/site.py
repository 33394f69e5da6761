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

The search index is written in parts (search-index-<n>.js), each holding the search entries
of the texts whose file names fall to it. Every output has a key: the hash of everything it
depends on, stylesheets included. An output whose key equals the one recorded for the
previous build is linked from the previous site instead of being made again, so after one
edit only that page, its neighbours, the pages of documents pointing to it, its part of the
search index and (when its summary changed) the pages that list the corpus are made. The
keys live under build/.cache/site/; without them every page is made again, giving the same
bytes. Many records and pages are made by worker processes, each with its own compiled
stylesheets, while this process makes the pages that list the corpus.
"""

from __future__ import annotations

import concurrent.futures
import copy
import hashlib
import json
import multiprocessing
import os
import shutil
import urllib.parse
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, html

from cables.cache import in_bounds, log, read_cache, write_cache
from cables.config import Edition
from cables.corpus import AUTHORITY, DOCUMENT, FRONT, absolute, corpus_files, output_stem
from cables.errors import CablesError
from cables.figures import Figure, copy_figures, find_figures
from cables.pointers import register_files
from cables.transform import Stylesheets, customisation_files
from cables.versions import generator_version
from cables.xmlio import parse_made

MANIFEST_NS = "urn:cables:manifest"
SITE_STYLESHEET = "html/site.xsl"
RECORD_STYLESHEET = "html/record.xsl"
ASSETS = "html/assets"
SITE_CACHE = ".cache/site"
STATE = "state.cache"
STATE_FORMAT = "4"

#: From this many records and pages to make, worker processes make them in parallel.
PARALLEL_THRESHOLD = 400
#: Document pages per stylesheet run: large enough to spare run overhead, small enough
#: to spread over the workers and keep each run's documents few.
PAGE_BATCH = 200
#: The search index is split in parts of about this many texts (a power of two of parts).
TEXTS_PER_SEARCH_PART = 100


# -- manifests --------------------------------------------------------------------------


def _manifest(
    edition: Edition,
    build_date: str,
    files: Iterable[tuple[Path, str]],
    figures: Iterable[Figure] = (),
    **attributes: str,
) -> etree._Element:
    def element(parent, tag: str, **values: str):
        return etree.SubElement(parent, f"{{{MANIFEST_NS}}}{tag}", values)

    root = etree.Element(f"{{{MANIFEST_NS}}}manifest", attributes, nsmap={None: MANIFEST_NS})
    facts = element(
        root,
        "edition",
        id=edition.id,
        title=edition.title,
        subtitle=edition.subtitle,
        publisher=edition.publisher,
        licence=edition.licence,
        **{
            "licence-url": edition.licence_url,
            "base-url": edition.base_url,
            "build-date": build_date,
            "generator-version": generator_version(),
        },
        version=edition.version,
        date=edition.date,
        language=edition.language,
        choice=" ".join(edition.choice),
        # The edition's label table (functions.xsl $fp:labels); absent: the English one.
        **({"labels": edition.labels.resolve().as_uri()} if edition.labels else {}),
    )
    for name in edition.editors:
        element(facts, "editor").text = name
    # The project's CSS ([build] css), which the pages and the print edition load after
    # the default, by file name (assets/NAME on the web).
    for path in edition.css:
        element(facts, "css", name=path.name)
    files = list(files)
    for file, kind in files:
        element(
            root, "file", kind=kind, href=file.resolve().as_uri(), name=output_stem(file, edition)
        )
    # [corpus] registers, in order (functions.xsl $fp:registers); none: the authority files.
    for file in register_files(edition.registers, [file for file, _ in files]) or ():
        element(root, "register", href=file.resolve().as_uri())
    if edition.odd_path.is_file():
        element(root, "file", kind="odd", href=edition.odd_path.resolve().as_uri(), name="odd")
    # The local images (figures.py): the stylesheets show these, and describe any other.
    for figure in figures:
        for document in figure.documents:
            element(root, "figure", document=document, url=figure.url, src=figure.target)
    return root


def write_manifest(
    edition: Edition, build_date: str, path: Path, figures: Iterable[Figure] = ()
) -> Path:
    """The facts a stylesheet run needs, as XML: it never reads edition.toml itself."""
    root = _manifest(edition, build_date, corpus_files(edition), figures)
    etree.ElementTree(root).write(str(path), encoding="UTF-8", xml_declaration=True)
    return path


def _text(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode")


# -- the records ------------------------------------------------------------------------


@dataclass(eq=False)
class Text:
    """A document or front-matter file, with its record once made.

    The record's summary (XML) and search entries (JSON) are kept compressed, as they are
    cached for every text and decompressed only for the outputs made again; `facts` holds
    the summary's attributes and the digests of both parts."""

    absolute: str
    kind: str
    hash: str
    #: The name of its page and source copy (corpus.output_stem).
    stem: str
    summary: bytes = b""
    search: bytes = b""
    facts: dict[str, str] = field(default_factory=dict)

    @property
    def record_key(self) -> str:
        """What its record is cached under: its bytes, kind and name (a copy of the file in
        another folder has a record of its own, as its page has another name)."""
        return f"{self.hash}:{self.kind}:{self.stem}"

    @property
    def uri(self) -> str:
        return _file_uri(self.absolute)


def _file_uri(absolute: str) -> str:
    """The file: URI of an absolute path, as pathlib writes it (without its overhead)."""
    return "file://" + urllib.parse.quote_from_bytes(os.fsencode(absolute))


def _make_records(
    stylesheets: Stylesheets, manifest: str, texts: list[tuple[str, str, str]], template: str
) -> list[tuple[bytes, bytes, dict[str, str]]]:
    """The records (template "records") or facts alone (template "facts") of each
    (path, kind, output stem), from xslt/html/record.xsl."""
    files = etree.Element(f"{{{MANIFEST_NS}}}files", nsmap={None: MANIFEST_NS})
    for path, kind, stem in texts:
        etree.SubElement(
            files, f"{{{MANIFEST_NS}}}file", href=_file_uri(path), kind=kind, name=stem
        )
    made = stylesheets.run(
        RECORD_STYLESHEET,
        template=template,
        parameters={
            "manifest": stylesheets.processor.parse_xml(xml_text=manifest),
            "files": stylesheets.processor.parse_xml(xml_text=_text(files)),
        },
    )
    return _split_records(made)


def _split_records(made: str) -> list[tuple[bytes, bytes, dict[str, str]]]:
    """Each record of c:records as (summary, search entries, facts): the summary and the
    entries compressed, the facts with the digests of both. A c:facts gives facts only."""
    records = []
    for record in parse_made(made.encode()):
        facts = dict(record.attrib)
        if record.tag == f"{{{MANIFEST_NS}}}facts":
            records.append((b"", b"", facts))
            continue
        search = record.find(f"{{{MANIFEST_NS}}}search-entries")
        entries = b""
        if search is not None:
            entries = (search.text or "").encode()
            record.remove(search)
        summary = etree.tostring(record, encoding="utf-8")
        facts["summary-digest"] = _digest(summary)
        facts["search-digest"] = _digest(entries)
        records.append((zlib.compress(summary), zlib.compress(entries), facts))
    return records


# -- outputs, their keys and the previous build ------------------------------------------


def _digest(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def _stylesheet_fingerprint(edition: Edition) -> str:
    """A hash of the code that decides what the site's bytes are: the stylesheets, the
    project's customisation layer, and the versions of cables and its libraries."""
    parts: list[str | bytes] = [generator_version(), STATE_FORMAT]
    for folder in ("common", "html"):
        base = edition.xslt_dir / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            if path.is_file():
                parts += [str(path.relative_to(edition.xslt_dir)), path.read_bytes()]
    if edition.labels is not None:  # the words of every page and record
        parts += ["labels", edition.labels.read_bytes()]
    for path in customisation_files(edition):
        parts += [str(path), path.read_bytes()]
    return _digest(*parts)


class SiteState:
    """What the previous build made (the key and stat of every output) and the records.

    An output is reused only when its key is the same and the previous site still holds
    the very file that build wrote (same size and modification time), so a page edited
    or replaced by hand is made again.
    """

    def __init__(
        self, edition: Edition, fingerprint: str, output: Path, trusted: bool = True
    ) -> None:
        self.path = edition.build_dir / SITE_CACHE / STATE
        self.previous_site = str(edition.build_dir / "site")
        self.output = str(output)
        self.fingerprint = fingerprint
        self.records: dict[str, list] = {}
        self.facts: dict[str, dict] = {}
        self.outputs: dict[str, list] = {}
        self.data = b""
        if trusted:
            stored = read_cache(self.path, fingerprint, _check_state)
            if stored is not None:
                state, self.data = stored
                self.records, self.outputs = state["records"], state["outputs"]
                self.facts = state["facts"]
        self.new_records: dict[str, list] = {}
        self.new_facts: dict[str, dict] = {}
        self.keys: dict[str, str] = {}
        self.generic: dict[str, dict[str, int]] = {}

    def record(self, name: str) -> tuple[bytes, bytes, dict] | None:
        """The summary, search entries and facts the previous build kept under `name`."""
        known = self.records.get(name)
        if known is None:
            return None
        summary, size, search, search_size, facts = known
        data = self.data
        return data[summary : summary + size], data[search : search + search_size], facts

    def reusable(self, name: str, key: str) -> bool:
        """Whether the previous site holds the file `name` that a build wrote with `key`."""
        known = self.outputs.get(name)
        if not known or known[0] != key:
            return False
        try:
            stat = os.stat(os.path.join(self.previous_site, name))
        except OSError:
            return False
        return stat.st_size == known[1] and stat.st_mtime_ns == known[2]

    def reuse(self, name: str, key: str) -> bool:
        """Link the previous build's `name` into the new site if it has this key."""
        self.keys[name] = key
        if not self.reusable(name, key):
            return False
        _link_or_copy(os.path.join(self.previous_site, name), os.path.join(self.output, name))
        self.generic[name] = self.outputs[name][3]
        return True

    def finish(self) -> dict:
        """The state to save once the new site has replaced the previous one."""
        outputs = {}
        for name, key in self.keys.items():
            try:
                stat = os.stat(os.path.join(self.output, name))
            except OSError:
                continue
            outputs[name] = [key, stat.st_size, stat.st_mtime_ns, self.generic.get(name, {})]
        return {
            "fingerprint": self.fingerprint,
            "records": self.new_records,
            "facts": self.new_facts,
            "outputs": outputs,
        }


def save_site_state(edition: Edition, state: dict | None) -> None:
    """Keep the keys of the site just built; called after it replaced the old one. The
    compressed summaries and search entries follow the JSON part as bytes."""
    if state is None:
        return
    data = bytearray()
    records = {}
    for name, (summary, search, facts) in state["records"].items():
        records[name] = [len(data), len(summary), len(data) + len(summary), len(search), facts]
        data += summary + search
    stored = {**state, "records": records}
    write_cache(edition.build_dir / SITE_CACHE / STATE, stored, bytes(data))


def _check_state(stored: dict, data: bytes) -> None:
    """Refuse a state this version would not have written. Only its shape can be checked
    here, cheaply; the search entries are checked where they are used (`_search_index`)."""
    for record in stored["records"].values():
        summary, size, search, search_size, facts = record
        if not (in_bounds(data, summary, size) and in_bounds(data, search, search_size)):
            raise ValueError("a record points outside the cache")
        _check_strings(facts)
    for known in stored["facts"].values():
        _check_strings(known)
    for known in stored["outputs"].values():
        key, size, mtime, generic = known
        if not (isinstance(key, str) and type(size) is int and type(mtime) is int):
            raise ValueError("an output's entry is not [key, size, time, counts]")
        if not all(type(count) is int for count in generic.values()):
            raise ValueError("an output's counts are not numbers")


def _check_strings(values: object) -> None:
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise ValueError("facts must map names to strings")


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


# -- worker processes -------------------------------------------------------------------

_worker_stylesheets: Stylesheets | None = None


def _start_worker(xslt_dir: str, customisations: dict[str, str]) -> None:
    global _worker_stylesheets
    _worker_stylesheets = Stylesheets(Path(xslt_dir), customisations)


def _in_worker(task: str, *arguments):
    """Run one task in a worker process (a CablesError reaches the caller intact)."""
    return TASKS[task](_worker_stylesheets, *arguments)


def _write_pages(
    stylesheets: Stylesheets,
    manifest: str,
    pages: str,
    names: list[str],
    pdf_available: bool,
    output: str,
) -> tuple[dict[str, dict[str, int]], list]:
    """Write a batch of document pages; returns what each renders generically, and the
    records of their documents."""
    made = stylesheets.run(
        SITE_STYLESHEET,
        template="document-pages",
        parameters={
            "manifest": stylesheets.processor.parse_xml(xml_text=manifest),
            "pages": stylesheets.processor.parse_xml(xml_text=pages),
            "pdf-available": pdf_available,
        },
        output_base=Path(output),
    )
    generic = {name: generic_elements(Path(output) / name) for name in names}
    return generic, _split_records(made)


def _write_corpus_pages(
    stylesheets: Stylesheets,
    manifest: str,
    records: bytes,
    pdf_available: bool,
    which: str,
    output: str,
) -> None:
    """Write the pages of template "site": "all", or those named (see site.xsl)."""
    stylesheets.run(
        SITE_STYLESHEET,
        template="site",
        parameters={
            "manifest": stylesheets.processor.parse_xml(xml_text=manifest),
            "records": stylesheets.processor.parse_xml(
                xml_text=f'<records xmlns="{MANIFEST_NS}">{records.decode()}</records>'
            ),
            "pdf-available": pdf_available,
            "corpus-pages": which,
        },
        output_base=Path(output),
    )


TASKS = {"records": _make_records, "pages": _write_pages, "corpus": _write_corpus_pages}


class _Runner:
    """Runs tasks here, or in worker processes once there is much to do."""

    def __init__(self, stylesheets: Stylesheets, edition: Edition) -> None:
        self.stylesheets = stylesheets
        self.xslt_dir = str(stylesheets.xslt_dir)
        self.customisations = stylesheets.customisations
        self.pool = None

    def expect(self, tasks: int) -> None:
        """Start the worker processes if `tasks` records or pages are to be made."""
        workers = min(os.cpu_count() or 1, 8)
        if self.pool is None and tasks >= PARALLEL_THRESHOLD and workers > 1:
            self.pool = concurrent.futures.ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.xslt_dir, self.customisations),
            )

    def submit(self, task: str, *arguments):
        if self.pool is None:
            done = concurrent.futures.Future()
            done.set_result(TASKS[task](self.stylesheets, *arguments))
            return done
        return self.pool.submit(_in_worker, task, *arguments)

    @staticmethod
    def result(future):
        try:
            return future.result()
        except concurrent.futures.process.BrokenProcessPool:
            raise CablesError(
                "a worker process building the web edition stopped unexpectedly",
                hint="the machine may be short of memory; try again",
            ) from None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


# -- the build --------------------------------------------------------------------------


@dataclass
class SiteResult:
    #: TEI elements the pages rendered with the generic rule only, and how often.
    generic: dict[str, int]
    #: The keys of this build, saved (save_site_state) once the site is in place.
    state: dict | None = None


def build_site(
    edition: Edition,
    stylesheets: Stylesheets,
    output: Path,
    build_date: str,
    pdf_dir: Path | None = None,
    facts: dict | None = None,
    hashes: dict[str, str] | None = None,
) -> SiteResult:
    """Write the whole static site into the (empty) folder `output`.

    `facts` and `hashes` come from `cables check` (CheckResult); without them the check's
    per-file stage is run (from its cache) to get them. When `pdf_dir` holds a PDF for every
    document (from `cables build pdf`), they are linked into the site and each document
    page links to its PDF. A record of the previous build found damaged on the way
    discards the whole state: the site is then made afresh.
    """
    arguments = (edition, stylesheets, output, build_date, pdf_dir, facts, hashes)
    try:
        return _build_site(*arguments, trusted=True)
    except DamagedState as error:
        path = edition.build_dir / SITE_CACHE / STATE
        log.warning("the cache %s is damaged and was discarded (%s)", path, error)
        shutil.rmtree(output)
        output.mkdir()
        return _build_site(*arguments, trusted=False)


def _build_site(
    edition: Edition,
    stylesheets: Stylesheets,
    output: Path,
    build_date: str,
    pdf_dir: Path | None,
    facts: dict | None,
    hashes: dict[str, str] | None,
    trusted: bool,
) -> SiteResult:
    files = corpus_files(edition)
    if facts is None or hashes is None:
        facts, hashes = _file_facts(edition, files)
    named = [(path, kind, str(absolute(path))) for path, kind in files]
    hashed = [(path, kind, name, _hash_of(name, hashes)) for path, kind, name in named]
    documents_only = [output_stem(path, edition) for path, kind in files if kind == DOCUMENT]
    pdf_available = copy_pdfs(documents_only, pdf_dir, output / "pdf") if pdf_dir else False
    state = SiteState(edition, _stylesheet_fingerprint(edition), output, trusted)
    texts = [
        Text(name, kind, digest, output_stem(path, edition))
        for path, kind, name, digest in hashed
        if kind in (DOCUMENT, FRONT)
    ]
    shared = [(path, kind) for path, kind in files if kind in (AUTHORITY, FRONT)]
    parts = _search_parts(len(texts))
    figures = find_figures(edition, files)
    base_manifest = _manifest(edition, build_date, shared, figures, **{"search-parts": str(parts)})
    manifest = _text(base_manifest)
    odd_hash = _digest(edition.odd_path.read_bytes()) if edition.odd_path.is_file() else ""
    base_key = _digest(
        state.fingerprint,
        manifest,
        str(pdf_available),
        odd_hash,
        *(f"{name}={digest}" for _, kind, name, digest in hashed if kind in (AUTHORITY, FRONT)),
    )

    # A record depends on its file, and its search entries on the authority files' names;
    # the facts that order the documents depend on the file alone.
    authority = _digest(
        *(f"{name}={digest}" for _, kind, name, digest in hashed if kind == AUTHORITY),
        *(str(path) for path in edition.registers),
    )
    missing_facts: list[Text] = []  # documents: their records come with their pages
    missing_records: list[Text] = []  # front matter: records made on their own
    for text in texts:
        record = state.record(f"{text.record_key}:{authority}:{text.absolute}")
        if record is not None:
            text.summary, text.search, text.facts = record
        elif text.kind == FRONT:
            missing_records.append(text)
        elif text.record_key in state.facts:
            text.facts = state.facts[text.record_key]
        else:
            missing_facts.append(text)
    runner = _Runner(stylesheets, edition)
    runner.expect(len(missing_facts))
    try:
        _records(runner, manifest, missing_records, "records")
        _records(runner, manifest, missing_facts, "facts")
        texts = [text for text in texts if not text.facts.get("unusable")]
        documents = [text for text in texts if text.kind == DOCUMENT]
        documents.sort(key=lambda text: (text.facts["sort"], text.facts["id"]))
        # Which rows the records show and which columns the home table has follow from
        # what the whole corpus holds (f:holds in xslt/common/functions.xsl).
        kinds = {kind for text in documents for kind in text.facts.get("holds", "").split()}
        holds = " ".join(sorted(kinds))
        base_manifest.set("holds", holds)
        manifest = _text(base_manifest)
        base_key = _digest(base_key, holds)

        pending = _document_pages(
            runner, state, base_manifest, base_key, documents, facts, pdf_available
        )
        # While the workers write pages.
        _copy_sources(state, output / "tei", hashed, edition)
        assets = edition.xslt_dir / ASSETS
        if assets.is_dir():
            shutil.copytree(assets, output / "assets")
        for css in edition.css:
            (output / "assets").mkdir(exist_ok=True)
            shutil.copyfile(css, output / "assets" / css.name)
        copy_figures(figures, output / "assets")
        for batch, future in pending:
            generic, records = runner.result(future)
            state.generic.update(generic)
            for text, (summary, search, record_facts) in zip(batch, records, strict=True):
                text.summary, text.search, text.facts = summary, search, record_facts
        for text in texts:
            state.new_records[f"{text.record_key}:{authority}:{text.absolute}"] = [
                text.summary,
                text.search,
                text.facts,
            ]
            state.new_facts[text.record_key] = {
                name: text.facts[name] for name in FACTS if name in text.facts
            }

        _search_index(state, output, base_key, texts, parts)
        corpus_key = _digest(base_key, *(text.facts["summary-digest"] for text in documents))
        if not _reuse_corpus_pages(state, corpus_key):
            records = b"".join(_inflate(text.summary) for text in documents)
            arguments = (manifest, records, pdf_available)
            if runner.pool is not None:
                # Shared by the workers and this process, in about equal parts.
                shares = [
                    runner.submit("corpus", *arguments, pages, state.output)
                    for pages in CORPUS_PAGES_IN_WORKERS
                ]
                _write_corpus_pages(stylesheets, *arguments, CORPUS_PAGES_HERE, state.output)
                for share in shares:
                    runner.result(share)
            else:
                _write_corpus_pages(stylesheets, *arguments, "all", state.output)
            for entry in os.scandir(output):
                if entry.is_file() and entry.name not in state.keys:
                    state.keys[entry.name] = corpus_key
                    state.generic[entry.name] = generic_elements(Path(entry.path))
    finally:
        runner.close()
    generic = count_generic_rendering(files, output, state.generic, edition)
    return SiteResult(generic, state.finish())


#: How the pages of template "site" are shared when workers run: one worker and this
#: process, in halves by the time each took at N = 10,000 (each run also reads all records,
#: so a third run would cost more than it saves on two cores, and hold a third copy).
CORPUS_PAGES_IN_WORKERS = ("persons organisations events search",)
CORPUS_PAGES_HERE = "home front bibliography chronology guidelines sitemap places"

#: The facts of a document that order it and label its neighbours' links.
FACTS = ("kind", "stem", "id", "sort", "short-title", "date-label", "holds", "unusable")


def _file_facts(edition: Edition, files: list[tuple[Path, str]]) -> tuple[dict, dict]:
    from cables.check import run_file_checks  # a cycle at import time otherwise

    hashes: dict[str, str] = {}
    results = run_file_checks(edition, [(absolute(p), k) for p, k in files], hashes=hashes)
    return {path: result.facts for path, result in results.items() if result.facts}, hashes


def _hash_of(absolute: str, hashes: dict[str, str]) -> str:
    known = hashes.get(absolute)
    if known:
        return known
    with open(absolute, "rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def _search_parts(texts: int) -> int:
    """How many parts the search index has: a power of two, so that the part of most
    texts stays the same while the corpus grows, until the number doubles."""
    parts = 1
    while parts * TEXTS_PER_SEARCH_PART < texts and parts < 256:
        parts *= 2
    return parts


def _records(runner: _Runner, manifest: str, missing: list[Text], template: str) -> None:
    """Make the records (or the facts alone) of texts, in batches."""
    size = max(1, min(500, len(missing) // 16 + 1))
    batches = [missing[start : start + size] for start in range(0, len(missing), size)]
    futures = [
        runner.submit(
            "records", manifest, [(text.absolute, text.kind, text.stem) for text in batch], template
        )
        for batch in batches
    ]
    for batch, future in zip(batches, futures, strict=True):
        for text, (summary, search, facts) in zip(batch, runner.result(future), strict=True):
            text.summary, text.search, text.facts = summary, search, facts


def _neighbour(side: str, text: Text | None) -> dict[str, str]:
    if text is None:
        return {}
    return {
        f"{side}-stem": text.stem,
        f"{side}-title": text.facts["short-title"],
        f"{side}-date": text.facts["date-label"],
    }


def _document_pages(
    runner, state, base_manifest, base_key, documents, facts, pdf_available
) -> list:
    """Link unchanged document pages; submit batches of the others. Returns futures."""
    by_path = {text.absolute: text for text in documents}
    to_make: list[tuple[Text, dict[str, str], list[Text]]] = []
    for position, text in enumerate(documents):
        neighbours = {
            **_neighbour("previous", documents[position - 1] if position > 0 else None),
            **_neighbour(
                "next", documents[position + 1] if position + 1 < len(documents) else None
            ),
        }
        related = _related(text, facts, by_path)
        key = _digest(
            base_key,
            text.hash,
            *neighbours.values(),
            *(f"{other.absolute}={other.hash}" for other in related),
        )
        # A page is reused only with its document's record, which its making returns.
        if not (text.summary and state.reuse(f"{text.stem}.html", key)):
            state.keys[f"{text.stem}.html"] = key
            to_make.append((text, neighbours, related))
    runner.expect(len(to_make))
    futures = []
    for start in range(0, len(to_make), PAGE_BATCH):
        batch = to_make[start : start + PAGE_BATCH]
        manifest = copy.deepcopy(base_manifest)
        listed = dict.fromkeys(other for text, _, related in batch for other in (text, *related))
        for other in listed:
            etree.SubElement(
                manifest, f"{{{MANIFEST_NS}}}file", kind=DOCUMENT, href=other.uri, name=other.stem
            )
        pages = etree.Element(f"{{{MANIFEST_NS}}}pages", nsmap={None: MANIFEST_NS})
        for text, neighbours, _ in batch:
            etree.SubElement(pages, f"{{{MANIFEST_NS}}}page", href=text.uri, **neighbours)
        names = [f"{text.stem}.html" for text, _, _ in batch]
        batch_texts = [text for text, _, _ in batch]
        future = runner.submit(
            "pages", _text(manifest), _text(pages), names, pdf_available, state.output
        )
        futures.append((batch_texts, future))
    return futures


def _related(text: Text, facts: dict, by_path: dict[str, Text]) -> list[Text]:
    """The other documents a document points to: their pages' titles and anchors show."""
    known = facts.get(text.absolute)
    if known is None:
        return []
    own = text.absolute
    targets = sorted({link[0] for link in known.links if link[0] != own and link[0] in by_path})
    return [by_path[target] for target in targets]


#: What an inline script's JSON must not hold literally, and the escape written instead:
#: the one rule for every script cables writes (f:script-json in xslt/common/functions.xsl
#: is its XSLT twin). "</script" and "<!--" end or derail an HTML script whatever JSON
#: means; U+2028 and U+2029 end a line in older JavaScript parsers.
SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_ESCAPE_TABLE = str.maketrans(SCRIPT_ESCAPES)


def script_json(json_text: str) -> str:
    """JSON text made safe to write inside an HTML <script> or a .js file, meaning the same.

    The escaped characters only occur inside JSON strings (never in its syntax), where
    \\u003c and the others stand for the very characters they replace."""
    return json_text.translate(_SCRIPT_ESCAPE_TABLE)


def _search_index(state, output, base_key, texts, parts) -> None:
    """Write the parts of the search index that changed; link the others. A text's part
    follows from its file name alone, so it stays put when other texts come and go."""
    members: dict[int, list[Text]] = {number: [] for number in range(parts)}
    for text in sorted(texts, key=lambda text: text.stem):
        members[zlib.crc32(text.stem.encode()) % parts].append(text)
    for number, inside in members.items():
        name = f"search-index-{number}.js"
        key = _digest(base_key, *(text.facts["search-digest"] for text in inside))
        if state.reuse(name, key):
            continue
        entries = script_json(
            ",".join(entries.decode() for entries in map(_search_entries, inside) if entries)
        ).encode()
        (output / name).write_bytes(
            f"/* Part {number} of the search index of the web edition, written by cables at"
            " build time; read by assets/search.js. */\n"
            "(window.cablesSearchIndex = window.cablesSearchIndex || []).push("
            f'{{"part":{number},"entries":['.encode()
            + entries
            + b"]});\n"
        )


class DamagedState(Exception):
    """A record kept by the previous build that this version would not have made."""


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error as error:
        raise DamagedState(f"a record does not decompress: {error}") from None


def _search_entries(text: Text) -> bytes:
    """A text's search entries, checked: they go into search-index-*.js as they are, so
    only JSON objects may pass (anything else, script say, is a damaged state)."""
    entries = _inflate(text.search)
    if entries:
        try:
            parsed = json.loads(b"[" + entries + b"]")
        except ValueError:
            parsed = None
        if not isinstance(parsed, list) or not all(isinstance(e, dict) for e in parsed):
            raise DamagedState(f"the search entries of {text.stem} are not JSON objects")
    return entries


def _reuse_corpus_pages(state: SiteState, key: str) -> bool:
    """Link the pages made from all records (template "site") from the previous build if
    nothing they show changed; False when they must be made."""
    names = [name for name, known in state.outputs.items() if known[0] == key]
    if not names or not all(state.reusable(name, key) for name in names):
        return False
    for name in names:
        state.reuse(name, key)
    return True


#: The class the catch-all template of xslt/common/text.xsl adds beside `tei-<name>`.
GENERIC_CLASS = "tei-generic"


def generic_elements(page: Path) -> dict[str, int]:
    """Which TEI elements one page shows with the generic rule only, and how often."""
    counts: Counter[str] = Counter()
    try:
        data = page.read_bytes()
    except OSError:
        return {}
    if GENERIC_CLASS.encode() not in data:
        return {}  # the common case: only pages that use the rule are parsed
    generic = f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {GENERIC_CLASS} ')]"
    for element in html.fromstring(data).xpath(generic):
        names = [
            name.removeprefix("tei-")
            for name in element.get("class", "").split()
            if name.startswith("tei-") and name != GENERIC_CLASS
        ]
        counts[names[0] if names else "?"] += 1
    return dict(counts)


def count_generic_rendering(
    files: list[tuple[Path, str]],
    site: Path,
    known: dict[str, dict] | None = None,
    edition: Edition | None = None,
) -> dict[str, int]:
    """Which TEI elements the pages of the corpus files show with the generic rule only,
    and how often, most frequent first: what a project's stylesheets do not handle yet.
    `known` gives the counts of pages already counted (by file name)."""
    counts: Counter[str] = Counter()
    for file, _ in files:
        name = f"{output_stem(file, edition)}.html"
        found = (known or {}).get(name)
        counts.update(found if found is not None else generic_elements(site / name))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def copy_pdfs(stems: list[str], pdf_dir: Path, target: Path) -> bool:
    """Link the per-document PDFs and the book into the site, if all of them exist."""
    if not pdf_dir.is_dir():
        return False
    present = {entry.name for entry in os.scandir(pdf_dir)}
    if not all(f"doc-{stem}.pdf" in present for stem in stems):
        return False
    target.mkdir(parents=True, exist_ok=True)
    for name in sorted(present):
        if name.endswith(".pdf"):
            _link_or_copy(pdf_dir / name, target / name)
    return True


def _copy_sources(state: SiteState, target: Path, hashed: list, edition: Edition) -> None:
    """Ship the TEI source of every page beside it, as the Endings principles ask."""
    target.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    for file, kind, absolute_path, digest in hashed:
        if kind not in (DOCUMENT, AUTHORITY, FRONT):
            continue
        name = f"{output_stem(file, edition)}.xml"
        if name in seen:
            raise CablesError(
                f"two corpus files are both published as tei/{name}",
                path=file,
                hint="rename one of them: the names of the outputs come from the paths "
                "inside the corpus folders, folders joined by '-'",
            )
        seen.add(name)
        if not state.reuse(f"tei/{name}", digest):
            shutil.copyfile(absolute_path, target / name)
