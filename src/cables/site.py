"""The web edition: runs xslt/html/site.xsl over the corpus into a static site folder.

Python writes the run's manifest (edition facts and corpus files), then copies the TEI
sources and the static assets beside the pages the stylesheet wrote.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree

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
) -> None:
    """Write the whole static site into the (empty) folder `output`.

    When `pdf_dir` holds a PDF for every document (from `cables build pdf`), they are
    copied into the site and each document page links to its PDF.
    """
    manifest = write_manifest(edition, build_date, scratch / "manifest.xml")
    pdf_available = copy_pdfs(edition, pdf_dir, output / "pdf") if pdf_dir else False
    stylesheets.run(
        SITE_STYLESHEET,
        template="site",
        parameters={"manifest": stylesheets.parse(manifest), "pdf-available": pdf_available},
        output_base=output,
    )
    copy_sources(edition, output / "tei")
    assets = edition.xslt_dir / ASSETS
    if assets.is_dir():
        shutil.copytree(assets, output / "assets")


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
