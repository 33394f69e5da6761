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

from cables.aggregators import DEPOSIT_STYLESHEET, stage_aggregator_files
from cables.bag import PROFILES, make_bag
from cables.build import FOLDERS, build, build_date, stale_outputs
from cables.check import CheckResult, check
from cables.config import Edition
from cables.copies import (
    Published,
    published_bytes,
    published_schema,
    published_source,
    site_downloads,
)
from cables.corpus import DOCUMENT, corpus_files, output_stem
from cables.diagnostics import Diagnostic
from cables.errors import CablesError
from cables.manifest import write_manifest
from cables.media import media_type
from cables.outputs import atomic_output, scratch_folder, writer_lock
from cables.pdf import ARCHIVAL
from cables.provenance import PAYLOAD_NS, write_provenance
from cables.transform import ParameterValue, Stylesheets
from cables.xmlio import read_bytes

#: Folders of build/deposit/ that deposit.xsl's "deposit" template writes into (besides
#: the records' own): the bag, whose mets.xml it writes, and the DSpace items, zipped.
BAG = "bag"
DSPACE_ITEMS = "dspace"
METS = "mets.xml"
DSPACE_ZIP = "dspace-saf.zip"
#: The books' outputs: each is a METS group and a folder of the payload, named as the
#: output's folder in build/ (which the site's copies are in too).
BOOKS = ("pdf", "epub")


@dataclass(frozen=True)
class PayloadFile:
    """One file of the bag's payload, as the METS file section lists it."""

    path: str  # relative to the payload folder, with "/"
    group: str  # tei, schema, pdf, epub or site: the METS file group
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
    """Write the bag, mets.xml, the MODS and DC records, the DSpace zip, the CMIF file and
    the aggregators' records.

    `output` is an empty folder; the PDF and HTML outputs (and the ebook, if it could be
    made) must already be in build/. The payload and the aggregators' files are staged
    first, then one run of the deposit stylesheet writes every record (each made once),
    then the bag and the zip are made.
    """
    payload = output / BAG
    files = stage_payload(edition, payload)
    # The books the payload holds, as the site's manifest names them: the records list
    # the ebook's format only when there is one.
    books = site_downloads([], payload / FOLDERS["pdf"], payload / FOLDERS["epub"])
    manifest = write_manifest(
        edition, build_date, scratch / "deposit-manifest.xml", downloads=books
    )
    inventory = write_inventory(files, scratch / "payload.xml")
    profile = PROFILES[edition.deposit_profile].description
    ebook = any(file.group == "epub" for file in files)
    provenance = write_provenance(edition, checked, profile, scratch / "provenance.xml", ebook)
    stylesheets.run(
        DEPOSIT_STYLESHEET,
        template="deposit",
        parameters={
            **records_parameters(edition, stylesheets, manifest),
            **stage_aggregator_files(edition, stylesheets, output, scratch),
            "payload": stylesheets.parse(inventory),
            "provenance": stylesheets.parse(provenance),
        },
        output_base=output,
    )
    make_bag(edition, payload, build_date, sum(file.size for file in files), ebook)
    shutil.copyfile(payload / "data" / METS, output / METS)
    items = output / DSPACE_ITEMS
    add_dspace_files(edition, items)
    write_zip(items, output / DSPACE_ZIP, build_date)
    shutil.rmtree(items)
    make_reproducible(output, build_date)


def records_parameters(
    edition: Edition, stylesheets: Stylesheets, manifest: Path
) -> dict[str, ParameterValue]:
    """The parameters of the records: the edition's manifest, what the licence covers and
    the CMIF file's identifiers."""
    return {
        "manifest": stylesheets.parse(manifest),
        "licence-scope": edition.licence_scope,
        **cmif_parameters(edition),
    }


def write_records(edition: Edition, stylesheets: Stylesheets, manifest: Path, output: Path) -> None:
    """The MODS and DC records and cmif.xml alone, into `output`, from the edition's
    manifest (`cables deposit` writes them in its one run of the deposit stylesheet)."""
    stylesheets.run(
        DEPOSIT_STYLESHEET,
        template="records",
        parameters=records_parameters(edition, stylesheets, manifest),
        output_base=output,
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
    (tei/..., schema/ with the xml.xsd the XSD imports), the PDFs under pdf/ and the ebook
    under epub/, and links to them there: so the bag holds each file once, and the site's
    links resolve in it. A book that the site lacks (a PDF whose layout failed on another
    document, an ebook built after the site) is added at its place. The ebook is optional:
    without one (its build failed) the records and the bag claim none.
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
    for book in BOOKS:
        folder = edition.build_dir / FOLDERS[book]
        for path in _files(folder):
            sources.setdefault(f"{FOLDERS[book]}/{path.relative_to(folder).as_posix()}", path)
    groups = _groups(edition, sources)
    files = []
    for relative, source in sorted(sources.items()):
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        content = source.read_bytes()  # read once: copied, hashed and measured
        destination.write_bytes(content)
        group, kind, stem = groups.get(relative, (_book_group(relative), "", ""))
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
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _book_group(relative: str) -> str:
    """The METS group of a payload file that is not a copy of a source: its book's, if it
    is in a book's folder, else the site's."""
    return next((book for book in BOOKS if relative.startswith(f"{FOLDERS[book]}/")), "site")


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
            # A PDF's streams are compressed already: deflating it again would cost
            # seconds for a few per cent.
            stored = path.suffix == ".pdf"
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes(), compresslevel=None if stored else 9)


def make_reproducible(folder: Path, build_date: str) -> None:
    """Give every file and folder the build date as its time and fixed permissions."""
    when = _timestamp(build_date).timestamp()
    for path in sorted(folder.rglob("*"), reverse=True):  # contents before their folder
        path.chmod(0o755 if path.is_dir() else 0o644)
        os.utime(path, (when, when))
    folder.chmod(0o755)
    os.utime(folder, (when, when))
