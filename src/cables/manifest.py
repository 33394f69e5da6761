"""The manifest: the facts a stylesheet run reads, as XML in the namespace urn:cables:manifest.

No stylesheet reads edition.toml or lists a folder: Python gives each run a manifest (the
edition's facts and its files) and, for the web edition, the lists of texts and pages a run
makes. schema/manifest.rng declares every element and attribute; tests/test_manifest.py
checks that the stylesheets read nothing it leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from cables.config import Edition
from cables.corpus import corpus_files, output_stem
from cables.figures import Figure
from cables.pointers import register_files
from cables.versions import generator_version
from cables.xmlio import parse_made

MANIFEST_NS = "urn:cables:manifest"


def manifest_tag(name: str) -> str:
    """The qualified name of the manifest element `name`, as lxml writes it."""
    return f"{{{MANIFEST_NS}}}{name}"


def _element(parent: etree._Element, name: str, /, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, manifest_tag(name), attributes)


def _root(name: str, /, **attributes: str) -> etree._Element:
    return etree.Element(manifest_tag(name), attributes, nsmap={None: MANIFEST_NS})


def build_manifest(
    edition: Edition,
    build_date: str,
    files: Iterable[tuple[Path, str]],
    figures: Iterable[Figure] = (),
    downloads: Iterable[tuple[str, str]] = (),
    **attributes: str,
) -> etree._Element:
    """The c:manifest of an edition: its facts, the `files` (path, kind) a run reads,
    the registers, the ODD, the local images and the `downloads` (kind, path in the site)
    of the whole edition; `attributes` go on the root."""
    root = _root("manifest", **attributes)
    _edition_facts(root, edition, build_date)
    files = list(files)
    for file, kind in files:
        add_file(root, kind, file.resolve().as_uri(), output_stem(file, edition))
    # [corpus] registers, in order (functions.xsl $fp:registers); none: the authority files.
    for file in register_files(edition.registers, [file for file, _ in files]) or ():
        _element(root, "register", href=file.resolve().as_uri())
    if edition.odd_path.is_file():
        add_file(root, "odd", edition.odd_path.resolve().as_uri(), "odd")
    # The local images (figures.py): the stylesheets show these, and describe any other.
    for figure in figures:
        for document in figure.documents:
            _element(root, "figure", document=document, url=figure.url, src=figure.target)
    for kind, href in downloads:
        _element(root, "download", kind=kind, href=href)
    return root


def _edition_facts(root: etree._Element, edition: Edition, build_date: str) -> None:
    facts = _element(
        root,
        "edition",
        id=edition.id,
        title=edition.title,
        subtitle=edition.subtitle,
        publisher=edition.publisher,
        licence=edition.licence,
        **{
            "licence-url": edition.licence_url,
            "licence-scope": edition.licence_scope,
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
        _element(facts, "editor").text = name
    # The project's CSS ([build] css), which the pages and the print edition load after
    # the default, by file name (assets/NAME on the web).
    for path in edition.css:
        _element(facts, "css", name=path.name)


def add_file(parent: etree._Element, kind: str, href: str, name: str) -> None:
    """Add a c:file (a manifest's, or a c:files list's): its URI, kind and output stem."""
    _element(parent, "file", kind=kind, href=href, name=name)


def write_manifest(
    edition: Edition,
    build_date: str,
    path: Path,
    figures: Iterable[Figure] = (),
    downloads: Iterable[tuple[str, str]] = (),
) -> Path:
    """The facts a stylesheet run needs, as XML: it never reads edition.toml itself.
    `downloads` are the whole-edition files the run's output holds (kind, path)."""
    root = build_manifest(edition, build_date, corpus_files(edition), figures, downloads)
    etree.ElementTree(root).write(str(path), encoding="UTF-8", xml_declaration=True)
    return path


def manifest_text(element: etree._Element) -> str:
    """A manifest element as XML text, which a stylesheet run parses with Saxon's parser."""
    return etree.tostring(element, encoding="unicode")


def file_list(files: Iterable[tuple[str, str, str]]) -> etree._Element:
    """c:files: one c:file per (file URI, kind, output stem), for xslt/html/record.xsl."""
    root = _root("files")
    for href, kind, name in files:
        add_file(root, kind, href, name)
    return root


def page_list(pages: Iterable[tuple[str, dict[str, str]]]) -> etree._Element:
    """c:pages: one c:page per (document URI, where the site ships its TEI and its
    neighbours' stems, titles and dates), for template "document-pages" of site.xsl."""
    root = _root("pages")
    for href, neighbours in pages:
        _element(root, "page", href=href, **neighbours)
    return root


def record_list(summaries: Iterable[bytes]) -> etree._Element:
    """c:records: the summaries (each a c:record that xslt/html/record.xsl made) of the
    documents, in order, for template "site" of xslt/html/site.xsl."""
    root = _root("records")
    for summary in summaries:
        root.append(parse_made(summary))
    return root
