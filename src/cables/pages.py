"""The pages of the web edition, from xslt/html/site.xsl: document pages and corpus pages.

Template "document-pages" writes document pages in batches; a page depends on its
document, the documents it points to (from the check's facts), the authority and
front-matter files, and its neighbours' titles and dates. Template "site" writes the pages
that list the corpus (home, indices, chronology, search page, sitemap) from the summaries,
and the pages of the front matter, bibliography and encoding guidelines. A page whose key
is unchanged is linked from the previous site (state.py).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from cables.cache import cache_key
from cables.corpus import CITATION_SUFFIXES, DOCUMENT, EDITION_CITATION, site_pages
from cables.facts import FileFacts
from cables.generic import generic_elements
from cables.manifest import add_file, manifest_text, page_list, record_list
from cables.pool import WorkerPool
from cables.records import Record, Text, split_records
from cables.state import SiteState
from cables.transform import Stylesheets

SITE_STYLESHEET = "html/site.xsl"
#: Document pages per stylesheet run: large enough to spare run overhead, small enough
#: to spread over the workers and keep each run's documents few.
PAGE_BATCH = 200

#: How the pages of template "site" are shared when workers run: one worker and this
#: process, in halves by the time each took at N = 10,000 (each run also reads all records,
#: so a third run would cost more than it saves on two cores, and hold a third copy).
#: Both read from the one list of pages, xslt/common/pages.xml (@share="worker").
_SITE_PAGES = [page for page in site_pages() if page.template == "site"]
CORPUS_PAGES_IN_WORKERS = (" ".join(p.name for p in _SITE_PAGES if p.share == "worker"),)
CORPUS_PAGES_HERE = " ".join(p.name for p in _SITE_PAGES if p.share != "worker")


@dataclass(frozen=True)
class PageRun:
    """What the page runs of one build share."""

    pool: WorkerPool[Stylesheets]
    state: SiteState
    #: The manifest of the shared files (authority, front matter), with @holds set.
    manifest: etree._Element
    #: The key part every page shares: code, manifest, shared files, PDFs or not.
    base_key: str
    pdf_available: bool
    #: From this many pages to make, worker processes make them (site.PARALLEL_THRESHOLD).
    parallel_threshold: int
    #: Where the site ships each corpus file's TEI (copies.published_name), by absolute path.
    sources: dict[str, str]


@dataclass(frozen=True)
class _Page:
    text: Text
    neighbours: dict[str, str]
    related: list[Text]


PendingPages = list[tuple[list[Text], Future]]


def submit_document_pages(
    run: PageRun, documents: list[Text], facts: dict[str, FileFacts]
) -> PendingPages:
    """Link the unchanged document pages; submit batches of the others (whose records
    come with them: see `collect_document_pages`)."""
    to_make = [page for page in _pages(documents, facts) if not _reused(run, page)]
    run.pool.start(len(to_make), run.parallel_threshold)
    pending = []
    for start in range(0, len(to_make), PAGE_BATCH):
        batch = to_make[start : start + PAGE_BATCH]
        pending.append(([page.text for page in batch], _submit_batch(run, batch)))
    return pending


def _pages(documents: list[Text], facts: dict[str, FileFacts]) -> Iterator[_Page]:
    by_path = {text.absolute: text for text in documents}
    for position, text in enumerate(documents):
        previous = documents[position - 1] if position > 0 else None
        following = documents[position + 1] if position + 1 < len(documents) else None
        neighbours = {**_neighbour("previous", previous), **_neighbour("next", following)}
        yield _Page(text, neighbours, _related(text, facts, by_path))


def _reused(run: PageRun, page: _Page) -> bool:
    """Whether the page is linked from the previous build, with the citation files written
    with it; their keys are noted either way."""
    key = cache_key(
        run.base_key,
        page.text.hash,
        run.sources[page.text.absolute],
        *page.neighbours.values(),
        *(f"{other.absolute}={other.hash}" for other in page.related),
    )
    names = _outputs(page)
    # A page is reused only with its document's record, which its making returns, and
    # only whole: a file linked from the previous build must not be written over.
    if page.text.record.summary and all(run.state.reusable(name, key) for name in names):
        for name in names:
            run.state.reuse(name, key)
        return True
    for name in names:
        run.state.keys[name] = key
    return False


def _outputs(page: _Page) -> list[str]:
    """The files a document page's run writes: the page and its citation files."""
    stems = [page.text.stem]
    if "previous-stem" not in page.neighbours:
        stems.append(EDITION_CITATION)
    return [f"{page.text.stem}.html"] + [
        f"{stem}{suffix}" for stem in stems for suffix in CITATION_SUFFIXES
    ]


def _submit_batch(run: PageRun, batch: list[_Page]) -> Future:
    manifest = copy.deepcopy(run.manifest)
    listed = dict.fromkeys(other for page in batch for other in (page.text, *page.related))
    for other in listed:
        add_file(manifest, DOCUMENT, other.uri, other.stem)
    pages = page_list(
        (page.text.uri, {"source": run.sources[page.text.absolute], **page.neighbours})
        for page in batch
    )
    names = [f"{page.text.stem}.html" for page in batch]
    return run.pool.submit(
        write_pages,
        manifest_text(manifest),
        manifest_text(pages),
        names,
        run.pdf_available,
        run.state.output,
    )


def collect_document_pages(run: PageRun, pending: PendingPages) -> None:
    """Wait for the document pages; each batch gives its documents' records."""
    for batch, future in pending:
        generic, records = run.pool.result(future)
        run.state.generic.update(generic)
        for text, record in zip(batch, records, strict=True):
            text.record = record


def _neighbour(side: str, text: Text | None) -> dict[str, str]:
    if text is None:
        return {}
    return {
        f"{side}-stem": text.stem,
        f"{side}-title": text.facts["short-title"],
        f"{side}-date": text.facts["date-label"],
        f"{side}-number": text.facts.get("number", ""),
    }


def _related(text: Text, facts: dict[str, FileFacts], by_path: dict[str, Text]) -> list[Text]:
    """The other documents a document points to: their pages' titles and anchors show."""
    known = facts.get(text.absolute)
    if known is None:
        return []
    own = text.absolute
    targets = sorted({link[0] for link in known.links if link[0] != own and link[0] in by_path})
    return [by_path[target] for target in targets]


def write_corpus_pages_if_changed(run: PageRun, documents: list[Text]) -> None:
    """Write the pages of template "site" unless nothing they show changed (then they are
    linked from the previous build); shared by a worker and this process when workers run."""
    corpus_key = cache_key(run.base_key, *(text.facts["summary-digest"] for text in documents))
    state = run.state
    if state.reuse_all(corpus_key):
        return
    records = manifest_text(record_list(text.record.summary_xml() for text in documents))
    arguments = (manifest_text(run.manifest), records, run.pdf_available)
    if run.pool.parallel:
        shares = [
            run.pool.submit(write_corpus_pages, *arguments, pages, state.output)
            for pages in CORPUS_PAGES_IN_WORKERS
        ]
        write_corpus_pages(run.pool.tool, *arguments, CORPUS_PAGES_HERE, state.output)
        for share in shares:
            run.pool.result(share)
    else:
        write_corpus_pages(run.pool.tool, *arguments, "all", state.output)
    for entry in os.scandir(state.output):
        if entry.is_file() and entry.name not in state.keys:
            state.keys[entry.name] = corpus_key
            state.generic[entry.name] = generic_elements(Path(entry.path))


# -- the stylesheet runs, here or in a worker process (pool.py) ---------------------------


def write_pages(
    stylesheets: Stylesheets,
    manifest: str,
    pages: str,
    names: list[str],
    pdf_available: bool,
    output: str,
) -> tuple[dict[str, dict[str, int]], list[Record]]:
    """Write a batch of document pages; returns what each renders generically, and the
    records of their documents."""
    documents = {"manifest": manifest, "pages": pages}
    made = run_site(stylesheets, "document-pages", output, documents, pdf_available)
    generic = {name: generic_elements(Path(output) / name) for name in names}
    return generic, split_records(made)


def write_corpus_pages(
    stylesheets: Stylesheets,
    manifest: str,
    records: str,
    pdf_available: bool,
    which: str,
    output: str,
) -> None:
    """Write the pages of template "site": "all", or those named (see site.xsl)."""
    documents = {"manifest": manifest, "records": records}
    run_site(stylesheets, "site", output, documents, pdf_available, {"corpus-pages": which})


def run_site(
    stylesheets: Stylesheets,
    template: str,
    output: str,
    documents: dict[str, str],
    pdf_available: bool,
    values: dict[str, str] | None = None,
) -> str | None:
    """Run a template of site.xsl with `documents` (XML texts) and `values` as parameters."""
    parameters: dict[str, object] = {
        name: stylesheets.processor.parse_xml(xml_text=text) for name, text in documents.items()
    }
    return stylesheets.run(
        SITE_STYLESHEET,
        template=template,
        parameters={**parameters, "pdf-available": pdf_available, **(values or {})},
        output_base=Path(output),
    )
