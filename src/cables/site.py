"""The web edition: runs xslt/html/site.xsl over the corpus into a static site folder.

Python writes the run's manifest (edition facts and corpus files), then copies the TEI
sources and the static assets beside the pages the stylesheet wrote.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import shutil
from collections import Counter
from pathlib import Path

from lxml import etree, html

from cables import __version__
from cables.config import Edition
from cables.corpus import AUTHORITY, DOCUMENT, FRONT, corpus_files
from cables.errors import CablesError
from cables.transform import Stylesheets

MANIFEST_NS = "urn:cables:manifest"
SITE_STYLESHEET = "html/site.xsl"
ASSETS = "html/assets"


def write_manifest(edition: Edition, build_date: str, path: Path) -> Path:
    """The facts a stylesheet run needs, as XML: it never reads edition.toml itself."""

    def element(parent, tag: str, **attributes: str):
        return etree.SubElement(parent, f"{{{MANIFEST_NS}}}{tag}", attributes)

    root = etree.Element(f"{{{MANIFEST_NS}}}manifest", nsmap={None: MANIFEST_NS})
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
            "generator-version": __version__,
        },
        version=edition.version,
        date=edition.date,
        language=edition.language,
    )
    for name in edition.editors:
        element(facts, "editor").text = name
    for file, kind in corpus_files(edition):
        element(root, "file", kind=kind, href=file.resolve().as_uri(), name=file.stem)
    if edition.odd_path.is_file():
        element(root, "file", kind="odd", href=edition.odd_path.resolve().as_uri(), name="odd")
    etree.ElementTree(root).write(str(path), encoding="UTF-8", xml_declaration=True)
    return path


def build_site(
    edition: Edition,
    stylesheets: Stylesheets,
    output: Path,
    build_date: str,
    scratch: Path,
    pdf_dir: Path | None = None,
) -> dict[str, int]:
    """Write the whole static site into the (empty) folder `output`.

    When `pdf_dir` holds a PDF for every document (from `cables build pdf`), they are
    copied into the site and each document page links to its PDF. Returns what
    `count_generic_rendering` finds.
    """
    manifest = write_manifest(edition, build_date, scratch / "manifest.xml")
    pdf_available = copy_pdfs(edition, pdf_dir, output / "pdf") if pdf_dir else False
    documents = sum(1 for _, kind in corpus_files(edition) if kind == DOCUMENT)
    workers = min(os.cpu_count() or 1, 8)
    parameters = {"manifest": stylesheets.parse(manifest), "pdf-available": pdf_available}
    if documents < PARALLEL_THRESHOLD or workers < 2:
        stylesheets.run(SITE_STYLESHEET, template="site", parameters=parameters, output_base=output)
    else:
        # Worker processes write the document pages while this process writes the rest.
        share = (str(edition.xslt_dir), str(manifest), pdf_available, str(output), workers)
        with concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn")
        ) as pool:
            shares = [
                pool.submit(_write_document_pages, *share, worker)
                for worker in range(1, workers + 1)
            ]
            stylesheets.run(
                SITE_STYLESHEET,
                template="site",
                parameters={**parameters, "document-pages": "none"},
                output_base=output,
            )
            for done in shares:
                try:
                    failure = done.result()
                except concurrent.futures.process.BrokenProcessPool:
                    raise CablesError(
                        "a worker process writing the document pages stopped unexpectedly",
                        hint="the machine may be short of memory; try again",
                    ) from None
                if failure:
                    raise CablesError(
                        failure["message"], path=failure["path"], hint=failure["hint"]
                    )
    copy_sources(edition, output / "tei")
    assets = edition.xslt_dir / ASSETS
    if assets.is_dir():
        shutil.copytree(assets, output / "assets")
    return count_generic_rendering(edition, output)


#: From this many documents on, worker processes write the document pages in parallel.
PARALLEL_THRESHOLD = 400


def _write_document_pages(
    xslt_dir: str, manifest: str, pdf_available: bool, output: str, workers: int, worker: int
) -> dict | None:
    """In a worker process: write this worker's share of the document pages."""
    try:
        stylesheets = Stylesheets(Path(xslt_dir))
        stylesheets.run(
            SITE_STYLESHEET,
            template="document-pages",
            parameters={
                "manifest": stylesheets.parse(Path(manifest)),
                "pdf-available": pdf_available,
                "worker": worker,
                "workers": workers,
            },
            output_base=Path(output),
        )
        return None
    except CablesError as error:  # keyword arguments do not survive pickling: send data
        return {
            "message": error.message,
            "path": str(error.path) if error.path else None,
            "hint": error.hint,
        }


#: The class the catch-all template of xslt/common/text.xsl adds beside `tei-<name>`.
GENERIC_CLASS = "tei-generic"


def count_generic_rendering(edition: Edition, site: Path) -> dict[str, int]:
    """Which TEI elements the pages of the corpus files show with the generic rule only,
    and how often, most frequent first: what a project's stylesheets do not handle yet."""
    counts: Counter[str] = Counter()
    generic = f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {GENERIC_CLASS} ')]"
    for file, _ in corpus_files(edition):
        page = site / f"{file.stem}.html"
        try:
            data = page.read_bytes()
        except OSError:
            continue
        if GENERIC_CLASS.encode() not in data:
            continue  # the common case: only pages that use the rule are parsed
        for element in html.fromstring(data).xpath(generic):
            names = [
                name.removeprefix("tei-")
                for name in element.get("class", "").split()
                if name.startswith("tei-") and name != GENERIC_CLASS
            ]
            counts[names[0] if names else "?"] += 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def copy_pdfs(edition: Edition, pdf_dir: Path, target: Path) -> bool:
    """Copy the per-document PDFs and the book into the site, if all of them exist."""
    documents = [path for path, kind in corpus_files(edition) if kind == DOCUMENT]
    wanted = [pdf_dir / f"doc-{path.stem}.pdf" for path in documents]
    if not pdf_dir.is_dir() or not all(path.is_file() for path in wanted):
        return False
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(pdf_dir.glob("*.pdf")):
        shutil.copyfile(path, target / path.name)
    return True


def copy_sources(edition: Edition, target: Path) -> None:
    """Ship the TEI source of every page beside it, as the Endings principles ask."""
    target.mkdir(parents=True, exist_ok=True)
    for file, kind in corpus_files(edition):
        if kind not in (DOCUMENT, AUTHORITY, FRONT):
            continue
        destination = target / file.name
        if destination.exists():
            raise CablesError(
                f"two corpus files are both called {file.name}",
                path=file,
                hint="file names must be unique across tei/ because the site is flat",
            )
        shutil.copyfile(file, destination)
