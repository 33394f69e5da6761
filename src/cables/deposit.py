"""The deposit packages for library repositories, written into build/deposit/.

The metadata are XSLT crosswalks (xslt/deposit/); this module stages and lists the payload,
bags it (BagIt, RFC 8493), zips the DSpace items and makes every byte reproducible.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from cables.aggregators import write_aggregator_outputs
from cables.bag import PROFILES, make_bag
from cables.build import build, build_date, stale_outputs
from cables.check import CheckResult, check
from cables.config import Edition
from cables.copies import Published, published_bytes, published_schema, published_source
from cables.corpus import DOCUMENT, corpus_files, output_stem
from cables.diagnostics import Diagnostic
from cables.errors import CablesError
from cables.manifest import write_manifest
from cables.outputs import atomic_output, scratch_folder, writer_lock
from cables.pdf import ARCHIVAL
from cables.provenance import PAYLOAD_NS, write_provenance
from cables.transform import Stylesheets
from cables.xmlio import TEI_NS, read_bytes

DEPOSIT_STYLESHEET = "deposit/deposit.xsl"
BAG = "bag"
METS = "mets.xml"
DSPACE_ZIP = "dspace-saf.zip"

#: Media types by file suffix; XML files are told apart by their root element.
MEDIA_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".woff2": "font/woff2",
    ".txt": "text/plain",
    ".odd": "application/tei+xml",
    ".xsd": "application/xml",
    ".sch": "application/xml",
    ".rng": "application/xml",
    ".zip": "application/zip",
}


@dataclass(frozen=True)
class PayloadFile:
    """One file of the bag's payload, as the METS file section lists it."""

    path: str  # relative to the payload folder, with "/"
    group: str  # tei, schema, pdf or site: the METS file group
    size: int
    sha256: str
    media_type: str
    kind: str = ""  # for corpus TEI files: document, front or authority
    stem: str = ""


@dataclass(frozen=True)
class DepositResult:
    """What `cables deposit` did: the check, the outputs it built and the deposit folder."""

    check: CheckResult
    built: tuple[Path, ...]
    deposit: Path | None
    #: Findings about outputs that could not be made: the deposit lacks them.
    problems: tuple[Diagnostic, ...] = ()


def deposit(edition: Edition) -> DepositResult:
    """Build the outputs that are missing or stale, then write build/deposit/ atomically.

    Nothing is written when the corpus has errors. The writer lock is held throughout.
    """
    with writer_lock(edition.build_dir):
        return _deposit(edition)


def _deposit(edition: Edition) -> DepositResult:
    checked = check(edition)
    if checked.errors:
        return DepositResult(checked, (), None)
    rebuilt: tuple[Path, ...] = ()
    problems: tuple[Diagnostic, ...] = ()
    stale = stale_outputs(edition, checked.hashes)
    if stale:
        built = build(edition, stale, checked=checked)
        rebuilt, problems = built.built, built.problems
    stylesheets = Stylesheets.for_edition(edition)
    with scratch_folder(edition.build_dir) as scratch:
        with atomic_output(edition.build_dir, "deposit") as staging:
            build_deposit(edition, stylesheets, staging, build_date(edition), scratch, checked)
    return DepositResult(checked, rebuilt, edition.build_dir / "deposit", problems)


def _pdf_dir(edition: Edition) -> Path:
    return edition.build_dir / "pdf"


def _site_dir(edition: Edition) -> Path:
    return edition.build_dir / "site"


def build_deposit(
    edition: Edition,
    stylesheets: Stylesheets,
    output: Path,
    build_date: str,
    scratch: Path,
    checked: CheckResult,
) -> None:
    """Write the bag, mets.xml, the MODS and DC records, the DSpace zip and the CMIF file.

    `output` is an empty folder; the PDF and HTML outputs must already be in build/.
    """
    manifest = write_manifest(edition, build_date, scratch / "deposit-manifest.xml")
    parameters = {
        "manifest": stylesheets.parse(manifest),
        "licence-scope": edition.licence_scope,
    }
    payload = scratch / BAG
    files = stage_payload(edition, payload)
    inventory = write_inventory(files, scratch / "payload.xml")
    profile = PROFILES[edition.deposit_profile].description
    provenance = write_provenance(edition, checked, profile, scratch / "provenance.xml")
    stylesheets.run(
        DEPOSIT_STYLESHEET,
        template="mets",
        parameters={
            **parameters,
            "payload": stylesheets.parse(inventory),
            "provenance": stylesheets.parse(provenance),
        },
        output_base=payload,
    )
    write_records(edition, stylesheets, manifest, output)
    write_aggregator_outputs(edition, stylesheets, parameters, output, scratch)  # issue 22
    items = scratch / "dspace"
    stylesheets.run(DEPOSIT_STYLESHEET, template="dspace", parameters=parameters, output_base=items)

    make_bag(edition, payload, build_date, sum(file.size for file in files))
    shutil.move(payload, output / BAG)
    shutil.copyfile(output / BAG / "data" / METS, output / METS)
    add_dspace_files(edition, items)
    write_zip(items, output / DSPACE_ZIP, build_date)
    make_reproducible(output, build_date)


def write_records(edition: Edition, stylesheets: Stylesheets, manifest: Path, output: Path) -> None:
    """The MODS and DC records and cmif.xml, into `output`, from the edition's manifest."""
    parameters = {
        "manifest": stylesheets.parse(manifest),
        "licence-scope": edition.licence_scope,
        **cmif_parameters(edition),
    }
    stylesheets.run(
        DEPOSIT_STYLESHEET, template="records", parameters=parameters, output_base=output
    )


def cmif_parameters(edition: Edition) -> dict[str, str]:
    """The CMIF file's identifiers: the edition's source entry, a UUID (5, from the edition's
    id, so the same on every run; "id-" first, as an xml:id must begin with a letter), and the
    file's URL ([deposit] cmif_url), else its URN, the idno the format requires."""
    source = uuid.uuid5(uuid.NAMESPACE_URL, f"urn:cables:edition:{edition.id}")
    file = uuid.uuid5(source, "cmif.xml")
    return {"cmif-source-id": f"id-{source}", "cmif-url": edition.cmif_url or file.urn}


# ---------------------------------------------------------------------------------------
# The payload


def stage_payload(edition: Edition, target: Path) -> list[PayloadFile]:
    """Copy the web edition into `target` and list its files, sorted by path.

    The site already ships the TEI sources and the schema at their places in the project
    (tei/..., schema/ with the xml.xsd the XSD imports) and the PDFs under pdf/, and links
    to them there: so the bag holds each file once, and the site's links resolve in it.
    A PDF that the site lacks (its layout failed on another document) is added under pdf/.
    """
    site, pdf = _site_dir(edition), _pdf_dir(edition)
    for group, folder in (("pdf", pdf), ("site", site)):
        if not folder.is_dir():
            raise CablesError(
                f"the {group} output is missing",
                path=folder,
                hint="run cables build first, or use cables deposit, which builds it",
            )
    sources = {path.relative_to(site).as_posix(): path for path in _files(site)}
    for path in _files(pdf):
        sources.setdefault(f"pdf/{path.relative_to(pdf).as_posix()}", path)
    groups = _groups(edition, sources)
    files = []
    for relative, source in sorted(sources.items()):
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        content = destination.read_bytes()
        group, kind, stem = groups.get(
            relative, ("pdf" if relative.startswith("pdf/") else "site", "", "")
        )
        files.append(
            PayloadFile(
                path=relative,
                group=group,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                media_type=media_type(destination),
                kind=kind,
                stem=stem,
            )
        )
    return files


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _groups(edition: Edition, sources: dict[str, Path]) -> dict[str, tuple[str, str, str]]:
    """The METS group, kind and stem of the site's copies of the corpus and the schema,
    each checked to hold the bytes of its source: the site must be the current one."""
    copies: list[tuple[Published, tuple[str, str, str]]] = []
    schema = published_schema(edition)
    names = {file.name for file in schema}
    for path, kind in corpus_files(edition):
        published = published_source(path, edition, names)
        copies.append((published, ("tei", kind, output_stem(path, edition))))
    copies += [(published, ("schema", "", "")) for published in schema]
    groups = {}
    for published, group in copies:
        name, path = published.name, Path(published.source)
        copy = sources.get(name)
        if copy is None or read_bytes(copy) != published_bytes(published):
            raise CablesError(
                f"the web edition does not hold this file as it is now (at {name})",
                path=path,
                hint="run cables build html, or cables deposit, which rebuilds what is stale",
            )
        groups[name] = group
    return groups


def media_type(path: Path) -> str:
    """The media type of a payload file; TEI is application/tei+xml (RFC 6129)."""
    if path.suffix == ".xml":
        return "application/tei+xml" if _root_namespace(path) == TEI_NS else "application/xml"
    return MEDIA_TYPES.get(path.suffix, "application/octet-stream")


def _root_namespace(path: Path) -> str | None:
    # Only the first start tag is read; no DTD, entity or network access.
    with path.open("rb") as handle:
        events = etree.iterparse(
            handle, events=("start",), resolve_entities=False, no_network=True, load_dtd=False
        )
        try:
            _, element = next(events)
        except (etree.XMLSyntaxError, StopIteration):
            return None
        return etree.QName(element).namespace


def write_inventory(files: list[PayloadFile], path: Path) -> Path:
    """The payload list for xslt/deposit/mets.xsl (namespace urn:cables:payload)."""
    root = etree.Element(f"{{{PAYLOAD_NS}}}payload", nsmap={None: PAYLOAD_NS})
    for file in files:
        attributes = {
            "path": file.path,
            "group": file.group,
            "size": str(file.size),
            "sha256": file.sha256,
            "mime": file.media_type,
        }
        if file.kind:
            attributes.update(kind=file.kind, stem=file.stem)
        etree.SubElement(root, f"{{{PAYLOAD_NS}}}file", attributes)
    etree.ElementTree(root).write(str(path), encoding="UTF-8", xml_declaration=True)
    return path


# ---------------------------------------------------------------------------------------
# DSpace Simple Archive Format


def add_dspace_files(edition: Edition, items: Path) -> None:
    """Complete each item the stylesheet started: the TEI file, the PDF and `contents`."""
    for path, kind in corpus_files(edition):
        if kind != DOCUMENT:
            continue
        stem = output_stem(path, edition)
        item = items / stem
        if not (item / "dublin_core.xml").is_file():
            raise CablesError(
                "the deposit stylesheet wrote no DSpace item for this document", path=path
            )
        shutil.copyfile(path, item / path.name)
        lines = [f"{path.name}\tbundle:ORIGINAL\tdescription:TEI XML source"]
        pdf = _pdf_dir(edition) / f"doc-{stem}.pdf"
        if pdf.is_file():
            shutil.copyfile(pdf, item / pdf.name)
            lines.append(f"{pdf.name}\tbundle:ORIGINAL\tdescription:{ARCHIVAL.description}")
        lines.append("license.txt\tbundle:LICENSE")
        (item / "contents").write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Reproducible files


def _timestamp(build_date: str) -> datetime:
    return datetime.fromisoformat(build_date).replace(tzinfo=UTC)


def write_zip(folder: Path, target: Path, build_date: str) -> None:
    """Zip a folder reproducibly: sorted entries, one fixed date, fixed permissions."""
    when = _timestamp(build_date)
    date_time = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    entries = sorted(
        (path.relative_to(folder).as_posix(), path) for path in folder.rglob("*") if path.is_file()
    )
    with zipfile.ZipFile(target, "w") as archive:
        for name, path in entries:
            entry = zipfile.ZipInfo(name, date_time=date_time)
            entry.create_system = 3  # Unix, so that the permissions below are read
            entry.external_attr = (stat.S_IFREG | 0o644) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes(), compresslevel=9)


def make_reproducible(folder: Path, build_date: str) -> None:
    """Give every file and folder the build date as its time and fixed permissions."""
    when = _timestamp(build_date).timestamp()
    for path in sorted(folder.rglob("*"), reverse=True):  # contents before their folder
        path.chmod(0o755 if path.is_dir() else 0o644)
        os.utime(path, (when, when))
    folder.chmod(0o755)
    os.utime(folder, (when, when))
