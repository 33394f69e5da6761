"""The provenance of a deposit: what checked, made and packed its files, with versions.

deposit.py writes it as a small XML file (namespace urn:cables:payload) that
xslt/deposit/mets.xsl turns into the PREMIS 3 events and agents of mets.xml.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import bagit
from lxml import etree

from cables import __version__
from cables.build import source_moment
from cables.check import CheckResult
from cables.config import Edition
from cables.diagnostics import WARNING
from cables.transform import customisation_files
from cables.versions import installed_version, library_versions
from cables.xmlio import read_bytes

#: The namespace of the files deposit.py writes for mets.xsl (the payload inventory too).
PAYLOAD_NS = "urn:cables:payload"


@dataclass(frozen=True)
class Agent:
    """A program that acted on the files: a PREMIS agent of type software."""

    id: str
    name: str
    version: str
    role: str


def agents() -> list[Agent]:
    """cables and the libraries that checked, transformed and packed the files."""
    versions = dict(library_versions())
    libxml2 = ".".join(str(part) for part in etree.LIBXML_VERSION)
    return [
        Agent("agent.cables", "cables", __version__, "the edition's toolchain"),
        Agent("agent.lxml", "lxml", f"{versions['lxml']} (libxml2 {libxml2})", "XSD, Schematron"),
        Agent("agent.xmlschema", "xmlschema", installed_version("xmlschema"), "XSD messages"),
        Agent("agent.saxonche", "saxonche", versions["saxonche"], "XSLT 3.0 processor"),
        Agent("agent.weasyprint", "WeasyPrint", versions["WeasyPrint"], "PDF layout"),
        Agent("agent.fonttools", "fontTools", installed_version("fonttools"), "ebook fonts"),
        Agent("agent.bagit", "bagit.py", bagit.VERSION, "BagIt packing"),
    ]


def event_date(edition: Edition) -> tuple[str, str]:
    """The date of the events and where it comes from: SOURCE_DATE_EPOCH (to the second),
    else the edition's date in edition.toml (a day). Never the clock: reruns are identical."""
    moment = source_moment()
    if moment is not None:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "SOURCE_DATE_EPOCH"
    return edition.date, "edition.toml"


def stylesheets_digest(edition: Edition) -> str:
    """The version of the stylesheets that made the outputs: the SHA-256 of their files
    (name and bytes, in name order) and of the project's customisation layer."""
    digest = hashlib.sha256()
    code = sorted(path for path in edition.xslt_dir.rglob("*") if path.is_file())
    for path in (*code, *customisation_files(edition)):
        if path.is_file():
            inside = path.is_relative_to(edition.xslt_dir)
            name = path.relative_to(edition.xslt_dir).as_posix() if inside else path.name
            digest.update(f"{name}\0".encode())
            digest.update(hashlib.sha256(read_bytes(path)).digest())
    return digest.hexdigest()


def write_provenance(
    edition: Edition, checked: CheckResult, profile: str, path: Path, ebook: bool = False
) -> Path:
    """The agents and the three events (validation, transformation, packing) for mets.xsl;
    `ebook`: the outputs include the ebook."""
    date, date_source = event_date(edition)
    made = "The web edition, the PDFs and the ebook" if ebook else "The web edition and the PDFs"
    makers = "agent.cables agent.saxonche agent.weasyprint"
    root = etree.Element(
        f"{{{PAYLOAD_NS}}}provenance",
        {"date": date, "date-source": date_source},
        nsmap={None: PAYLOAD_NS},
    )
    for agent in agents():
        etree.SubElement(
            root,
            f"{{{PAYLOAD_NS}}}agent",
            id=agent.id,
            name=agent.name,
            version=agent.version,
            role=agent.role,
        )
    warnings = sum(1 for finding in checked.diagnostics if finding.severity == WARNING)
    events = (
        {
            "id": "event.validation",
            "type": "validation",
            "outcome": "pass" if checked.errors == 0 else "fail",
            "detail": "cables check: well-formedness, the edition's XSD and Schematron, and "
            "the corpus-wide rules",
            "note": f"{checked.files_checked} files checked: {checked.errors} errors, "
            f"{warnings} warnings",
            "agents": "agent.cables agent.lxml agent.xmlschema",
            "objects": "tei schema",
        },
        {
            "id": "event.transformation",
            "type": "creation",
            "outcome": "success",
            "detail": f"{made} made from the TEI sources by the cables {__version__} "
            f"stylesheets (SHA-256 of the stylesheets: {stylesheets_digest(edition)})",
            "note": "",
            "agents": f"{makers} agent.fonttools" if ebook else makers,
            "objects": "pdf epub site",
        },
        {
            "id": "event.packing",
            "type": "packing",
            "outcome": "success",
            "detail": f"BagIt bag (RFC 8493), profile {profile}, with SHA-256 and SHA-512 "
            "manifests",
            "note": "",
            "agents": "agent.cables agent.bagit",
            "objects": "tei schema pdf epub site",
        },
    )
    for event in events:
        etree.SubElement(root, f"{{{PAYLOAD_NS}}}event", event)
    etree.ElementTree(root).write(str(path), encoding="UTF-8", xml_declaration=True)
    return path
