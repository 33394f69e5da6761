"""The records for harvesters, DOI-issuing repositories and preservation systems, written
into build/deposit/: oai_dc/, oai/, datacite.xml, CITATION.cff, ro-crate/ and transfer/.

xslt/deposit/aggregators.xsl (part of deposit.xsl) makes every record from the same facts
as the MODS and DC records; this module only copies the files the RO-Crate and the
Archivematica transfer hold and lists them for the stylesheet. `cables deposit` runs it
with the other packages, in one run of deposit.xsl (template "deposit").
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from cables.config import Edition
from cables.corpus import DOCUMENT, corpus_files, output_stem, published_name
from cables.media import media_type
from cables.transform import ParameterValue, Stylesheets

#: The stylesheet of every deposit format; template "aggregators" writes these records.
DEPOSIT_STYLESHEET = "deposit/deposit.xsl"
CRATE_NS = "urn:cables:crate"
RO_CRATE = "ro-crate"
TRANSFER = "transfer"


def write_aggregator_outputs(
    edition: Edition,
    stylesheets: Stylesheets,
    parameters: Mapping[str, ParameterValue],
    output: Path,
    scratch: Path,
) -> None:
    """Write the oai_dc records, the static repository, DataCite, CITATION.cff, the
    RO-Crate and the Archivematica transfer into `output`, alone (`cables deposit` makes
    them in its one run of the deposit stylesheet).

    `parameters` are those of the deposit's "records" run (manifest, licence scope).
    """
    stylesheets.run(
        DEPOSIT_STYLESHEET,
        template="aggregators",
        parameters={**parameters, **stage_aggregator_files(edition, stylesheets, output, scratch)},
        output_base=output,
    )


def stage_aggregator_files(
    edition: Edition, stylesheets: Stylesheets, output: Path, scratch: Path
) -> dict[str, ParameterValue]:
    """Copy the RO-Crate's and the transfer's files into `output`; return the parameters
    the stylesheet's "aggregators" template needs besides the records' own.

    The OAI-PMH static repository needs a Gateway and an administrator's address ([deposit]
    oai_gateway and admin_email), and base_url for its records' identifiers."""
    crate = copy_crate_files(edition, output / RO_CRATE)
    copy_transfer_objects(edition, output / TRANSFER / "objects")
    inventory = write_crate_inventory(crate, output / RO_CRATE, scratch / "crate.xml")
    return {
        "crate": stylesheets.parse(inventory),
        "oai-gateway": edition.oai_gateway,
        "admin-email": edition.admin_email,
    }


def _document_pdf(edition: Edition, stem: str) -> Path | None:
    pdf = edition.build_dir / "pdf" / f"doc-{stem}.pdf"
    return pdf if pdf.is_file() else None


def copy_crate_files(edition: Edition, crate: Path) -> list[tuple[str, str, str]]:
    """Copy the TEI files (in the corpus layout, so their relative links hold) and each
    document's PDF into the crate; return (path, kind, stem) of each, sorted by path."""
    files = []
    for path, kind in corpus_files(edition):
        stem = output_stem(path, edition)
        # Where the site publishes it: its path in the project (a file outside it as
        # the site names it), so that the crate's relative links hold as the site's do.
        relative = published_name(path, edition, f"tei/{stem}.xml")
        files.append((relative, path, kind, stem))
        pdf = _document_pdf(edition, stem) if kind == DOCUMENT else None
        if pdf is not None:
            files.append((f"pdf/{pdf.name}", pdf, "pdf", stem))
    for relative, source, _, _ in files:
        (crate / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, crate / relative)
    return sorted((relative, kind, stem) for relative, _, kind, stem in files)


def copy_transfer_objects(edition: Edition, objects: Path) -> None:
    """An Archivematica standard transfer: one folder per document under objects/, with
    its TEI file and PDF; metadata/metadata.csv (the stylesheet) describes each folder."""
    for path, kind in corpus_files(edition):
        if kind != DOCUMENT:
            continue
        stem = output_stem(path, edition)
        folder = objects / stem
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, folder / path.name)
        pdf = _document_pdf(edition, stem)
        if pdf is not None:
            shutil.copyfile(pdf, folder / pdf.name)


def write_crate_inventory(files: list[tuple[str, str, str]], crate: Path, target: Path) -> Path:
    """The crate's files for the stylesheet (namespace urn:cables:crate): path, kind,
    stem, media type and size."""
    root = etree.Element(f"{{{CRATE_NS}}}crate", nsmap={None: CRATE_NS})
    for relative, kind, stem in files:
        etree.SubElement(
            root,
            f"{{{CRATE_NS}}}file",
            path=relative,
            kind=kind,
            stem=stem,
            mime=media_type(crate / relative),
            size=str((crate / relative).stat().st_size),
        )
    etree.ElementTree(root).write(str(target), encoding="UTF-8", xml_declaration=True)
    return target
