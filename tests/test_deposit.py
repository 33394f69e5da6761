"""The deposit packages of `cables deposit`: bag, METS, MODS, Dublin Core, DSpace, CMIF.

The edition is built and deposited once per module; the official schemas come from
../shared/external/schemas with local imports only (no network).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path

import bagit
import pytest
import xmlschema
from lxml import etree
from test_crosswalks import make_records, recorded_urls

from cables.build import build_date, output_key, record_key, sources_key, stale_outputs
from cables.config import load_edition
from conftest import REPOSITORY, SHARED, copy_edition, digest, replace_in, run_cables

EPOCH = "1764201600"  # 2025-11-27
BUILD_DATE = "2025-11-27"
SCHEMAS = SHARED / "external" / "schemas"
PREMIS = "http://www.loc.gov/premis/v3"
PREMIS_XSD = REPOSITORY / "tests" / "data" / "premis" / "premis-v3-0.xsd"
XLINK = "http://www.w3.org/1999/xlink"
NS = {
    "tei": "http://www.tei-c.org/ns/1.0",
    "mets": "http://www.loc.gov/METS/",
    "mods": "http://www.loc.gov/mods/v3",
    "xlink": XLINK,
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def run_deposit(project: Path) -> subprocess.CompletedProcess:
    return run_cables("deposit", cwd=project, env={"SOURCE_DATE_EPOCH": EPOCH}, timeout=900)


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), SAFE_PARSER)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_edition(tmp_path_factory.mktemp("deposit") / "edition")
    result = run_deposit(project)
    assert result.returncode == 0, result.stdout + result.stderr
    # Nothing was built yet: deposit builds each output once (the site copies the PDFs
    # it links to, it renders none), then the deposit.
    assert result.stdout.splitlines() == [
        "built build/pdf",
        "built build/epub",
        "built build/site",
        "built build/deposit",
    ]
    return project


@pytest.fixture(scope="module")
def deposit_dir(project: Path) -> Path:
    return project / "build" / "deposit"


@pytest.fixture(scope="module")
def bag_dir(deposit_dir: Path) -> Path:
    return deposit_dir / "bag"


@pytest.fixture(scope="module")
def mets(deposit_dir: Path) -> etree._ElementTree:
    return parse(deposit_dir / "bag" / "data" / "mets.xml")


# ---------------------------------------------------------------------------------------
# Facts of the TEI, read independently of the stylesheets


def documents() -> list[etree._ElementTree]:
    """The edition's documents in date order (adopted date of sending, then id)."""
    trees = [parse(path) for path in sorted((REPOSITORY / "tei" / "documents").glob("*.xml"))]
    return sorted(trees, key=lambda tree: (sent_date(tree), document_id(tree)))


def document_id(tree: etree._ElementTree) -> str:
    return tree.getroot().get(f"{{{NS['xml']}}}id")


def sent_date(tree: etree._ElementTree) -> str:
    return tree.xpath(
        "string(//tei:correspAction[@type='sent']/tei:date[not(@type='variant')][1]/@when)",
        namespaces=NS,
    )


def title(tree: etree._ElementTree) -> str:
    return " ".join(
        tree.xpath("string(//tei:titleStmt/tei:title[@type='main'])", namespaces=NS).split()
    )


def authority_names() -> dict[str, str]:
    """Each authority entry's main name (English, untyped) by its xml:id."""
    names = {}
    for path in (REPOSITORY / "tei" / "authority").glob("*.xml"):
        for entry in parse(path).xpath(
            "//*[@xml:id][tei:persName|tei:orgName|tei:placeName]", namespaces=NS
        ):
            name = entry.xpath(
                "(tei:persName|tei:orgName|tei:placeName)"
                "[not(@type)][not(@xml:lang) or @xml:lang='en'][1]",
                namespaces=NS,
            )
            names[entry.get(f"{{{NS['xml']}}}id")] = " ".join(name[0].xpath("string()").split())
    return names


def parties(tree: etree._ElementTree, action: str) -> list[str]:
    names = authority_names()
    return [
        names[element.get("ref").split("#")[1]]
        for element in tree.xpath(
            f"//tei:correspAction[@type='{action}']/*[self::tei:persName or self::tei:orgName]",
            namespaces=NS,
        )
    ]


def licence_url(tree: etree._ElementTree) -> str:
    return tree.xpath("string(//tei:publicationStmt//tei:licence/@target)", namespaces=NS)


# ---------------------------------------------------------------------------------------
# The bag


@pytest.mark.slow
def test_bag_validates_fast_and_full(bag_dir: Path) -> None:
    bag = bagit.Bag(str(bag_dir))
    bag.validate(fast=True)
    bag.validate()
    assert set(bag.algorithms) == {"sha256", "sha512"}
    assert (bag_dir / "tagmanifest-sha256.txt").is_file()
    assert (bag_dir / "tagmanifest-sha512.txt").is_file()
    assert (bag_dir / "bagit.txt").read_text().startswith("BagIt-Version: 1.0\n")


@pytest.mark.slow
def test_changing_one_payload_byte_fails_full_validation(bag_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "bag"
    shutil.copytree(bag_dir, copy)
    target = copy / "data" / "tei" / "documents" / "1963-05-09-cc-notification.xml"
    content = bytearray(target.read_bytes())
    position = content.index(b"Peng Zhen")
    content[position] = ord("X")  # same size: Payload-Oxum cannot see it
    target.write_bytes(bytes(content))

    bag = bagit.Bag(str(copy))
    bag.validate(fast=True)
    with pytest.raises(bagit.BagValidationError) as failure:
        bag.validate()
    assert any("1963-05-09-cc-notification.xml" in str(detail) for detail in failure.value.details)


@pytest.mark.slow
def test_bag_info_has_the_fields_the_issue_lists(bag_dir: Path) -> None:
    info = bagit.Bag(str(bag_dir)).info
    for field in (
        "Source-Organization",
        "Contact-Name",
        "External-Description",
        "External-Identifier",
        "Bagging-Date",
        "Bag-Size",
        "Payload-Oxum",
        "Bag-Software-Agent",
    ):
        assert info.get(field), field
    assert info["Source-Organization"] == "cables editorial team"
    assert info["External-Identifier"] == "cables 0.1.0"
    assert info["Bagging-Date"] == BUILD_DATE
    assert re.fullmatch(r"\d+(\.\d)? (bytes|KB|MB|GB)", info["Bag-Size"])
    payload = [path for path in (bag_dir / "data").rglob("*") if path.is_file()]
    assert info["Payload-Oxum"] == f"{sum(p.stat().st_size for p in payload)}.{len(payload)}"


@pytest.mark.slow
def test_payload_is_the_site_with_sources_schema_pdfs_and_mets(bag_dir: Path) -> None:
    data = bag_dir / "data"
    for folder in ("documents", "authority", "front"):
        expected = {path.name for path in (REPOSITORY / "tei" / folder).glob("*.xml")}
        assert {path.name for path in (data / "tei" / folder).glob("*.xml")} == expected
    assert {path.name for path in (data / "schema").iterdir()} == {
        "cables.odd",
        "cables.xsd",
        "cables.sch",
        "xml.xsd",
    }
    stems = [path.stem for path in (REPOSITORY / "tei" / "documents").glob("*.xml")]
    for stem in stems:
        assert (data / "pdf" / f"doc-{stem}.pdf").is_file()
        assert (data / f"{stem}.html").is_file()
    assert (data / "pdf" / "edition.pdf").is_file()
    assert (data / "index.html").is_file()
    assert (data / "mets.xml").read_bytes() == (bag_dir.parent / "mets.xml").read_bytes()


@pytest.mark.slow
def test_no_file_is_stored_twice_and_the_site_links_resolve(bag_dir: Path) -> None:
    data = bag_dir / "data"
    files = [path for path in data.rglob("*") if path.is_file()]
    by_content: dict[str, list[str]] = {}
    for path in files:
        digest_of = hashlib.sha256(path.read_bytes()).hexdigest()
        by_content.setdefault(digest_of, []).append(path.relative_to(data).as_posix())
    assert [names for names in by_content.values() if len(names) > 1] == []
    # The web edition's links to the TEI, the schema and the PDFs find them in the bag.
    linked = set()
    for page in data.glob("*.html"):
        for target in etree.parse(str(page), etree.HTMLParser()).xpath("//a/@href"):
            if target.startswith(("tei/", "schema/", "pdf/")):
                linked.add(target.split("#")[0])
    assert {"pdf/edition.pdf", "schema/cables.xsd"} <= linked
    assert any(name.startswith("tei/documents/") for name in linked)
    assert all((data / name).is_file() for name in linked), sorted(linked)


@pytest.mark.shared("external/profiles/btr-bagit-profile.json")
@pytest.mark.slow
def test_bag_validates_against_the_btr_profile(bag_dir: Path) -> None:
    import bagit_profile

    profile_file = SHARED / "external" / "profiles" / "btr-bagit-profile.json"
    profile = json.loads(profile_file.read_text(encoding="utf-8"))
    identifier = profile["BagIt-Profile-Info"]["BagIt-Profile-Identifier"]
    checker = bagit_profile.Profile(identifier, profile=profile)
    bag = bagit.Bag(str(bag_dir))
    assert bag.info["BagIt-Profile-Identifier"] == identifier
    assert checker.validate(bag), [str(error) for error in checker.report.errors]
    assert checker.validate_serialization(str(bag_dir))


@pytest.mark.slow
def test_archived_schema_compiles_offline_from_the_bag_alone(bag_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "bag"
    shutil.copytree(bag_dir, copy)
    xsd = copy / "data" / "schema" / "cables.xsd"
    # No fallback to xmlschema's own xml.xsd, no network: only the files in the bag, and
    # an import that fails (a warning to xmlschema) fails the test.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        schema = xmlschema.XMLSchema(str(xsd), use_fallback=False, allow="sandbox")
    document = copy / "data" / "tei" / "documents" / "1963-05-09-cc-notification.xml"
    assert schema.is_valid(str(document))
    (copy / "data" / "schema" / "xml.xsd").unlink()
    with pytest.warns(xmlschema.XMLSchemaImportWarning, match="xml.xsd"):
        xmlschema.XMLSchema(str(xsd), use_fallback=False, allow="sandbox")


# ---------------------------------------------------------------------------------------
# METS


def mets_schema() -> xmlschema.XMLSchema:
    # mets.xsd imports XLink from the LoC web site: map it to the local copy. PREMIS 3,
    # which the amdSec holds (xsi:type="premis:file"), is loaded beside it.
    return xmlschema.XMLSchema(
        [str(SCHEMAS / "mets.xsd"), str(PREMIS_XSD)],
        locations={XLINK: str(SCHEMAS / "xlink.xsd")},
        allow="local",
    )


@pytest.mark.shared("external/schemas/mets.xsd", "external/schemas/xlink.xsd")
@pytest.mark.slow
def test_mets_is_valid_against_mets_1_12_1(mets: etree._ElementTree) -> None:
    errors = [error.reason for error in mets_schema().iter_errors(mets, use_location_hints=False)]
    assert errors == []


@pytest.mark.shared("external/schemas/mets.xsd", "external/schemas/xlink.xsd")
@pytest.mark.slow
def test_mets_schema_check_is_not_vacuous(mets: etree._ElementTree) -> None:
    broken = etree.fromstring(etree.tostring(mets))
    broken.find(".//mets:file", NS).set("SIZE", "large")
    assert not mets_schema().is_valid(broken, use_location_hints=False)


def premis_record(mets: etree._ElementTree) -> etree._Element:
    records = mets.xpath(
        "mets:amdSec/mets:digiprovMD/mets:mdWrap[@MDTYPE='PREMIS']/mets:xmlData/p:premis",
        namespaces={**NS, "p": PREMIS},
    )
    assert len(records) == 1
    return records[0]


@pytest.mark.slow
def test_mets_premis_record_is_valid_against_premis_3(mets: etree._ElementTree) -> None:
    schema = etree.XMLSchema(parse(PREMIS_XSD))
    record = etree.ElementTree(etree.fromstring(etree.tostring(premis_record(mets))))
    assert schema.validate(record), [str(error) for error in schema.error_log]
    broken = etree.fromstring(etree.tostring(record))
    broken.find(f".//{{{PREMIS}}}size").text = "large"
    assert not schema.validate(broken)


@pytest.mark.slow
def test_premis_lists_each_file_events_and_agents_with_versions(
    bag_dir: Path, mets: etree._ElementTree
) -> None:
    from importlib import metadata

    record = premis_record(mets)
    ns = {"p": PREMIS}
    data = bag_dir / "data"
    objects = {
        o.findtext("p:objectIdentifier/p:objectIdentifierValue", namespaces=ns): o
        for o in record.iterfind("p:object", ns)
    }
    on_disk = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()}
    assert set(objects) == on_disk - {"mets.xml"}
    for path, element in objects.items():
        content = (data / path).read_bytes()
        fixity = element.find("p:objectCharacteristics/p:fixity", ns)
        assert fixity.findtext("p:messageDigestAlgorithm", namespaces=ns) == "SHA-256"
        assert (
            fixity.findtext("p:messageDigest", namespaces=ns) == hashlib.sha256(content).hexdigest()
        )
        assert element.findtext("p:objectCharacteristics/p:size", namespaces=ns) == str(
            len(content)
        )

    events = {e.findtext("p:eventType", namespaces=ns): e for e in record.iterfind("p:event", ns)}
    assert set(events) == {"validation", "creation", "packing"}
    validation = events["validation"]
    assert validation.findtext("p:eventOutcomeInformation/p:eventOutcome", namespaces=ns) == "pass"
    note = validation.findtext(".//p:eventOutcomeDetailNote", namespaces=ns)
    assert re.fullmatch(r"\d+ files checked: 0 errors, \d+ warnings", note)
    linked = validation.xpath(".//p:linkingObjectIdentifierValue/text()", namespaces=ns)
    assert "tei/documents/1963-05-09-cc-notification.xml" in linked
    assert "pdf/edition.pdf" not in linked
    assert "SHA-256 of the stylesheets" in events["creation"].findtext(
        ".//p:eventDetail", namespaces=ns
    )
    for event in events.values():
        # SOURCE_DATE_EPOCH was set: its moment, and the record says so.
        assert event.findtext("p:eventDateTime", namespaces=ns) == f"{BUILD_DATE}T00:00:00Z"
        assert "SOURCE_DATE_EPOCH's" in event.findtext(".//p:eventDetail", namespaces=ns)
        for agent in event.xpath(".//p:linkingAgentIdentifierValue/text()", namespaces=ns):
            assert record.xpath(
                "p:agent/p:agentIdentifier[p:agentIdentifierValue = $a]", namespaces=ns, a=agent
            )

    agents = {
        a.findtext("p:agentName", namespaces=ns): a.findtext("p:agentVersion", namespaces=ns)
        for a in record.iterfind("p:agent", ns)
    }
    assert agents["cables"] == metadata.version("cables")
    assert agents["saxonche"] == metadata.version("saxonche")
    assert agents["WeasyPrint"] == metadata.version("WeasyPrint")
    assert agents["bagit.py"] == bagit.VERSION
    assert agents["lxml"].startswith(metadata.version("lxml") + " (libxml2 ")


@pytest.mark.slow
def test_every_payload_file_is_in_mets_with_a_matching_checksum(
    bag_dir: Path, mets: etree._ElementTree
) -> None:
    data = bag_dir / "data"
    listed = {
        file.find("mets:FLocat", NS).get(f"{{{XLINK}}}href"): file
        for file in mets.iterfind(".//mets:fileSec//mets:file", NS)
    }
    # mets.xml cannot hold its own checksum; the bag manifests cover it.
    on_disk = {
        path.relative_to(data).as_posix()
        for path in data.rglob("*")
        if path.is_file() and path != data / "mets.xml"
    }
    assert set(listed) == on_disk
    bag_manifest = dict(
        reversed(line.split(maxsplit=1))
        for line in (bag_dir / "manifest-sha256.txt").read_text().splitlines()
    )
    for href, file in listed.items():
        content = (data / href).read_bytes()
        assert file.get("CHECKSUMTYPE") == "SHA-256"
        assert file.get("CHECKSUM") == hashlib.sha256(content).hexdigest(), href
        assert file.get("CHECKSUM") == bag_manifest[f"data/{href}"], href
        assert int(file.get("SIZE")) == len(content), href
        assert file.get("MIMETYPE"), href
    assert listed["tei/documents/1963-05-09-cc-notification.xml"].get("MIMETYPE") == (
        "application/tei+xml"
    )
    assert listed["pdf/edition.pdf"].get("MIMETYPE") == "application/pdf"
    assert listed["epub/edition.epub"].get("MIMETYPE") == "application/epub+zip"


@pytest.mark.slow
def test_structural_map_has_front_matter_then_documents_in_date_order(
    mets: etree._ElementTree,
) -> None:
    files = {
        file.get("ID"): file.find("mets:FLocat", NS).get(f"{{{XLINK}}}href")
        for file in mets.iterfind(".//mets:file", NS)
    }
    edition = mets.find(".//mets:structMap[@TYPE='logical']/mets:div", NS)
    assert edition.get("DMDID") == "dmd.edition"
    parts = [div.get("TYPE") for div in edition.findall("mets:div", NS)]
    assert parts[:2] == ["front-matter", "documents"]

    front = edition.find("mets:div[@TYPE='front-matter']", NS)
    assert [files[fptr.get("FILEID")] for fptr in front.findall("mets:div/mets:fptr", NS)][::2] == [
        "tei/front/introduction.xml",
        "tei/front/principles.xml",
        "tei/front/abbreviations.xml",
    ]

    divs = edition.findall("mets:div[@TYPE='documents']/mets:div", NS)
    ordered = documents()
    assert [div.get("DMDID") for div in divs] == [f"dmd.{document_id(t)}" for t in ordered]
    assert [int(div.get("ORDER")) for div in divs] == list(range(1, len(ordered) + 1))
    dmd_ids = {section.get("ID") for section in mets.iterfind("mets:dmdSec", NS)}
    for div, tree in zip(divs, ordered, strict=True):
        assert div.get("DMDID") in dmd_ids
        stem = document_id(tree).removeprefix("doc-")
        assert [files[fptr.get("FILEID")] for fptr in div.findall("mets:fptr", NS)] == [
            f"tei/documents/{stem}.xml",
            f"pdf/doc-{stem}.pdf",
            f"{stem}.html",
        ]


@pytest.mark.slow
def test_the_ebook_is_in_the_bag_once_with_its_group_and_division(
    project: Path, bag_dir: Path, mets: etree._ElementTree
) -> None:
    data = bag_dir / "data"
    book = (project / "build" / "epub" / "edition.epub").read_bytes()
    assert book.startswith(b"PK") and b"application/epub+zip" in book[:60]
    holding = [p for p in data.rglob("*") if p.is_file() and p.read_bytes() == book]
    assert [p.relative_to(data).as_posix() for p in holding] == ["epub/edition.epub"]

    group = mets.find(".//mets:fileSec/mets:fileGrp[@ID='group.epub']", NS)
    assert group.get("USE") == "ebook (EPUB 3)"
    hrefs = [f.get(f"{{{XLINK}}}href") for f in group.iterfind("mets:file/mets:FLocat", NS)]
    assert hrefs == ["epub/edition.epub"]
    groups = [g.get("ID") for g in mets.iterfind(".//mets:fileSec/mets:fileGrp", NS)]
    assert groups == ["group.tei", "group.schema", "group.pdf", "group.epub", "group.site"]

    edition = mets.find(".//mets:structMap[@TYPE='logical']/mets:div", NS)
    parts = edition.findall("mets:div", NS)
    assert [div.get("TYPE") for div in parts][3:] == ["book", "ebook", "schema", "website"]
    assert [int(div.get("ORDER")) for div in parts] == list(range(1, len(parts) + 1))
    ebook = edition.find("mets:div[@TYPE='ebook']", NS)
    assert ebook.get("LABEL") == "The edition as an ebook (EPUB 3)"
    assert [fptr.get("FILEID") for fptr in ebook.iterfind("mets:fptr", NS)] == [
        group.find("mets:file", NS).get("ID")
    ]

    ns = {"p": PREMIS}
    creation = premis_record(mets).xpath("p:event[p:eventType = 'creation']", namespaces=ns)[0]
    linked = creation.xpath(".//p:linkingObjectIdentifierValue/text()", namespaces=ns)
    assert "epub/edition.epub" in linked
    assert "fontTools" in premis_record(mets).xpath("p:agent/p:agentName/text()", namespaces=ns)
    assert "the ebook (epub/)" in bagit.Bag(str(bag_dir)).info["External-Description"]


@pytest.mark.slow
def test_the_editions_records_list_the_ebooks_format(deposit_dir: Path) -> None:
    epub = "application/epub+zip"
    edition = parse(deposit_dir / "mods" / "edition.xml")
    assert epub in edition.xpath("//mods:internetMediaType/text()", namespaces=NS)
    assert epub in parse(deposit_dir / "dc" / "edition.xml").xpath(
        "//dc:format/text()", namespaces=NS
    )
    datacite = parse(deposit_dir / "datacite.xml")
    assert epub in datacite.xpath("//*[local-name() = 'format']/text()")


# ---------------------------------------------------------------------------------------
# MODS and Dublin Core against the official schemas


@pytest.fixture(scope="module")
def mods_37() -> etree.XMLSchema:
    # This copy of MODS 3.7 imports xml.xsd and xlink.xsd from beside it.
    return etree.XMLSchema(parse(SCHEMAS / "mods-3-7.xsd"))


@pytest.fixture(scope="module")
def mods_38() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(
        str(SCHEMAS / "mods-3-8.xsd"),
        locations={XLINK: str(SCHEMAS / "xlink.xsd"), NS["xml"]: str(SCHEMAS / "xml.xsd")},
        allow="local",
    )


def mods_records(deposit_dir: Path, mets: etree._ElementTree) -> list[tuple[str, etree._Element]]:
    records = [
        (path.name, parse(path).getroot()) for path in sorted((deposit_dir / "mods").glob("*.xml"))
    ]
    records += [
        (f"mets.xml {section.get('ID')}", section.find(".//mods:mods", NS))
        for section in mets.iterfind("mets:dmdSec", NS)
    ]
    return records


@pytest.mark.shared("external/schemas/mods-3-7.xsd", "external/schemas/mods-3-8.xsd")
@pytest.mark.slow
def test_every_mods_record_is_valid_mods(
    deposit_dir: Path, mets: etree._ElementTree, mods_37, mods_38
) -> None:
    records = mods_records(deposit_dir, mets)
    assert len(records) == 2 * (len(documents()) + 1)
    for name, record in records:
        assert mods_37.validate(etree.ElementTree(record)), (name, str(mods_37.error_log))
        assert [e.reason for e in mods_38.iter_errors(record)] == [], name


@pytest.mark.shared("external/schemas/qualifieddc.xsd")
@pytest.mark.slow
def test_dublin_core_records_are_valid_qualified_dc(deposit_dir: Path) -> None:
    schema = etree.XMLSchema(parse(SCHEMAS / "qualifieddc.xsd"))
    records = sorted((deposit_dir / "dc").glob("*.xml"))
    assert len(records) == len(documents()) + 1
    for path in records:
        record = parse(path)
        assert schema.validate(record), (path.name, str(schema.error_log))
        assert record.find("dc:title", NS) is not None


# ---------------------------------------------------------------------------------------
# The crosswalks keep the facts


@pytest.mark.slow
def test_crosswalks_keep_title_date_sender_addressee_and_licence(deposit_dir: Path) -> None:
    cmif = parse(deposit_dir / "cmif.xml")
    for number, tree in enumerate(documents(), start=1):
        identifier = document_id(tree)
        senders, addressees = parties(tree, "sent"), parties(tree, "received")
        assert senders, identifier

        mods = parse(deposit_dir / "mods" / f"{identifier}.xml")
        assert mods.findtext("mods:titleInfo[@usage='primary']/mods:title", namespaces=NS) == title(
            tree
        )
        assert mods.xpath("//mods:dateCreated[@keyDate='yes']/text()", namespaces=NS) == [
            sent_date(tree)
        ]
        for code, expected in (("aut", senders), ("rcp", addressees)):
            names = mods.xpath(
                f"mods:name[mods:role/mods:roleTerm[@type='code'] = '{code}']/mods:namePart/text()",
                namespaces=NS,
            )
            assert names == expected, (identifier, code)
        access = mods.find("mods:accessCondition", NS)
        assert access.get(f"{{{XLINK}}}href") == licence_url(tree)
        assert "not covered" in access.text

        dc = parse(deposit_dir / "dc" / f"{identifier}.xml")
        assert dc.findtext("dc:title", namespaces=NS) == title(tree)
        assert dc.findtext("dcterms:created", namespaces=NS) == sent_date(tree)
        assert dc.xpath("dc:creator/text()", namespaces=NS) == senders
        # An addressee is no contributor: DC names it in the description's sentence.
        assert not set(addressees) & set(dc.xpath("dc:contributor/text()", namespaces=NS))
        sentence = dc.xpath("dc:description[starts-with(., 'Sent ')]/text()", namespaces=NS)
        assert all(name in sentence[0] for name in addressees), identifier
        assert licence_url(tree) in dc.findtext("dc:rights", namespaces=NS)
        assert dc.findtext("dcterms:license", namespaces=NS) == licence_url(tree)

        entry = cmif.find(f".//tei:correspDesc[@key='{number}']", NS)
        sent = entry.find("tei:correspAction[@type='sent']", NS)
        assert sent.xpath("(tei:persName|tei:orgName)/text()", namespaces=NS) == senders
        assert sent.find("tei:date", NS).get("when") == sent_date(tree)
        received = entry.xpath(
            "tei:correspAction[@type='received']/*[self::tei:persName or self::tei:orgName]/text()",
            namespaces=NS,
        )
        assert received == (addressees or ["Unknown"]), identifier
    # The edition's licence covers its own work, not the documents.
    licence = cmif.find(".//tei:publicationStmt/tei:availability/tei:licence", NS)
    assert licence.get("target") == "https://creativecommons.org/licenses/by/4.0/"
    assert "not covered" in licence.text
    edition = parse(deposit_dir / "mods" / "edition.xml").find("mods:accessCondition", NS)
    assert edition.get(f"{{{XLINK}}}href") == "https://creativecommons.org/licenses/by/4.0/"
    assert edition.text.startswith("CC BY 4.0.") and "not covered" in edition.text
    rights = parse(deposit_dir / "dc" / "edition.xml").findtext("dc:rights", namespaces=NS)
    assert "https://creativecommons.org/licenses/by/4.0/" in rights and "not covered" in rights


@pytest.mark.slow
def test_the_document_number_is_in_mods_and_dc(deposit_dir: Path) -> None:
    """MODS: titleInfo/partNumber and the host's part detail; DC: an identifier and the
    bibliographic citation, all from TEI/@n."""
    for tree in documents():
        identifier = document_id(tree)
        number = tree.getroot().get("n")
        mods = parse(deposit_dir / "mods" / f"{identifier}.xml")
        primary = "mods:titleInfo[@usage='primary']/mods:partNumber/text()"
        assert mods.xpath(primary, namespaces=NS) == [f"no. {number}"], identifier
        detail = "mods:relatedItem[@type='host']/mods:part/mods:detail[@type='document']"
        assert mods.xpath(f"{detail}/mods:number/text()", namespaces=NS) == [number]
        assert mods.xpath(f"{detail}/mods:caption/text()", namespaces=NS) == [f"no. {number}"]
        dc = parse(deposit_dir / "dc" / f"{identifier}.xml")
        assert f"cables no. {number}" in dc.xpath("dc:identifier/text()", namespaces=NS)
        citation = dc.findtext("dcterms:bibliographicCitation", namespaces=NS)
        assert citation == f"China and Romania, 1961–1963, no. {number}"


@pytest.mark.slow
def test_the_variant_date_of_document_3_is_kept(deposit_dir: Path) -> None:
    identifier = "doc-1962-02-14-attitude-towards-china"
    mods = parse(deposit_dir / "mods" / f"{identifier}.xml")
    assert mods.xpath("//mods:dateCreated[@qualifier='questionable']/text()", namespaces=NS) == [
        "1962-02-24"
    ]
    assert any("24 February 1962" in note for note in mods.xpath("mods:note/text()", namespaces=NS))
    dc = parse(deposit_dir / "dc" / f"{identifier}.xml")
    assert any(
        "24 February 1962" in text for text in dc.xpath("dc:description/text()", namespaces=NS)
    )


@pytest.mark.slow
def test_mods_keeps_publisher_place_and_dates_apart(deposit_dir: Path) -> None:
    mods = parse(deposit_dir / "mods" / "doc-1963-05-09-cc-notification.xml")
    production = mods.find("mods:originInfo[@eventType='production']", NS)
    assert production.findtext("mods:place/mods:placeTerm", namespaces=NS) == "Beijing"
    publication = mods.find("mods:originInfo[@eventType='publication']", NS)
    assert publication.findtext("mods:publisher", namespaces=NS) == "cables editorial team"
    assert publication.findtext("mods:dateIssued", namespaces=NS) == "2026-11-27"
    original = mods.find("mods:relatedItem[@type='original']", NS)
    assert original.findtext("mods:location/mods:physicalLocation", namespaces=NS).startswith(
        "Archive of the Ministry of Foreign Affairs"
    )
    assert original.find("mods:location/mods:shelfLocator", NS) is None  # call number not seen
    assert (
        original.findtext("mods:identifier[@type='serial']", namespaces=NS)
        == "Zhongfa [63] No. 328"
    )
    translation = mods.find("mods:relatedItem[@type='otherVersion']", NS)
    assert translation.findtext("mods:location/mods:url", namespaces=NS).startswith(
        "https://digitalarchive.wilsoncenter.org/document/"
    )
    topics = mods.xpath("mods:subject/mods:topic/text()", namespaces=NS)
    assert "Sino-Romanian relations" in topics
    # The place of sending is no subject; the keyword Yugoslavia is.
    assert mods.xpath("mods:subject/mods:geographic/text()", namespaces=NS) == ["Yugoslavia"]


@pytest.mark.slow
def test_records_invent_no_address(deposit_dir: Path) -> None:
    """Every URL in the records comes from the TEI or edition.toml, or names a standard."""
    known = recorded_urls()
    standards = re.compile(
        r"http://(www\.loc\.gov/|id\.loc\.gov/vocabulary/relators|www\.w3\.org/|purl\.org/dc/"
        r"|www\.tei-c\.org/ns/)"
    )
    records = [deposit_dir / "cmif.xml", deposit_dir / "mets.xml"]
    records += sorted((deposit_dir / "mods").glob("*.xml")) + sorted(
        (deposit_dir / "dc").glob("*.xml")
    )
    for path in records:
        for url in re.findall(r"https?://[^\s\"'<>]+", path.read_text(encoding="utf-8")):
            assert url in known or standards.match(url), (path.name, url)


# ---------------------------------------------------------------------------------------
# CMIF


@pytest.mark.slow
def test_cmif_has_the_correspsearch_structure(deposit_dir: Path) -> None:
    cmif = parse(deposit_dir / "cmif.xml")
    root = cmif.getroot()
    assert root.tag == f"{{{NS['tei']}}}TEI"
    sources = cmif.findall(".//tei:sourceDesc/tei:bibl", NS)
    assert sources and all(b.get("type") in ("online", "print") for b in sources)
    source_ids = {b.get(f"{{{NS['xml']}}}id") for b in sources}
    entries = cmif.findall(".//tei:profileDesc/tei:correspDesc", NS)
    assert len(entries) == len(documents())
    for entry in entries:
        assert entry.get("source").removeprefix("#") in source_ids
        sent = entry.find("tei:correspAction[@type='sent']", NS)
        assert sent.xpath("tei:persName|tei:orgName", namespaces=NS)
        assert re.fullmatch(r"\d{4}(-\d\d){0,2}", sent.find("tei:date", NS).get("when"))
        assert sent.find("tei:placeName", NS) is not None
        for name in entry.xpath(".//*[@ref]"):
            assert name.get("ref").startswith(("http://", "https://"))
    # The addressees of no. 6 are not recorded: CMIF's "Unknown" (test_cmif.py has more).
    received = cmif.find(".//tei:correspDesc[@key='6']/tei:correspAction[@type='received']", NS)
    assert [child.text for child in received] == ["Unknown"]


@pytest.mark.shared("external/schemas/tei_all.rng")
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
def test_cmif_is_valid_tei_all(deposit_dir: Path) -> None:
    result = subprocess.run(
        ["jing", str(SCHEMAS / "tei_all.rng"), str(deposit_dir / "cmif.xml")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_authority_uris_and_base_url_become_links_only_when_recorded(tmp_path: Path) -> None:
    """Norm-data URIs of authority entries become @ref / valueURI; page URLs need base_url."""
    project = copy_edition(tmp_path / "edition")
    uri = "https://www.geonames.org/1816670"
    beijing = "<location><geo>39.90 116.40</geo></location>"
    replace_in(
        project / "tei" / "authority" / "places.xml",
        beijing,
        f'{beijing}<idno type="URI">{uri}</idno>',
    )
    replace_in(
        project / "edition.toml", 'base_url = ""', 'base_url = "https://example.org/cables/"'
    )
    output = make_records(project, tmp_path)
    cmif = parse(output / "cmif.xml")
    assert cmif.xpath("//tei:placeName[. = 'Beijing']/@ref", namespaces=NS)[0] == uri
    assert not cmif.xpath("//tei:placeName[. = 'Bucharest']/@ref", namespaces=NS)
    first = cmif.find(".//tei:correspDesc[@key='1']", NS)
    assert first.get("ref") == "https://example.org/cables/1961-11-24-reaction-22nd-congress.html"
    mods = parse(output / "mods" / "doc-1963-05-09-cc-notification.xml")
    sending = mods.find("mods:originInfo[@eventType='production']/mods:place/mods:placeTerm", NS)
    assert sending.get("valueURI") == uri
    assert mods.findtext("mods:location/mods:url", namespaces=NS) == (
        "https://example.org/cables/1963-05-09-cc-notification.html"
    )


# ---------------------------------------------------------------------------------------
# DSpace Simple Archive Format


@pytest.mark.slow
def test_dspace_zip_has_one_item_per_document(deposit_dir: Path) -> None:
    with zipfile.ZipFile(deposit_dir / "dspace-saf.zip") as archive:
        entries = archive.infolist()
        names = [entry.filename for entry in entries]
        assert names == sorted(names)
        assert {entry.date_time for entry in entries} == {(2025, 11, 27, 0, 0, 0)}
        assert {entry.external_attr >> 16 & 0o777 for entry in entries} == {0o644}
        trees = documents()
        assert {name.split("/")[0] for name in names} == {
            document_id(tree).removeprefix("doc-") for tree in trees
        }
        for tree in trees:
            stem = document_id(tree).removeprefix("doc-")
            contents = archive.read(f"{stem}/contents").decode("utf-8").splitlines()
            listed = {line.split("\t")[0]: line.split("\t")[1] for line in contents}
            assert listed == {
                f"{stem}.xml": "bundle:ORIGINAL",
                f"doc-{stem}.pdf": "bundle:ORIGINAL",
                "license.txt": "bundle:LICENSE",
            }
            assert set(names) >= {f"{stem}/{name}" for name in (*listed, "dublin_core.xml")}
            assert (
                archive.read(f"{stem}/{stem}.xml")
                == (REPOSITORY / "tei" / "documents" / f"{stem}.xml").read_bytes()
            )
            record = etree.fromstring(archive.read(f"{stem}/dublin_core.xml"), SAFE_PARSER)
            assert record.get("schema") == "dc"
            assert record.xpath("string(dcvalue[@element='title'][@qualifier='none'])") == title(
                tree
            )
            assert record.xpath("string(dcvalue[@element='date'][@qualifier='created'])") == (
                sent_date(tree)
            )
            assert licence_url(tree) in archive.read(f"{stem}/license.txt").decode("utf-8")


# ---------------------------------------------------------------------------------------
# Reproducibility and freshness


@pytest.mark.slow
def test_two_runs_give_byte_identical_packages(project: Path, deposit_dir: Path) -> None:
    first = digest(deposit_dir)
    assert {"dspace-saf.zip", "mets.xml", "cmif.xml", "bag/bag-info.txt"} <= first.keys()
    first_times = {p.relative_to(deposit_dir): p.stat().st_mtime for p in deposit_dir.rglob("*")}
    result = run_deposit(project)
    assert result.returncode == 0, result.stdout + result.stderr
    # The PDF and web editions were fresh, so only the deposit was written again.
    assert result.stdout.splitlines() == ["built build/deposit"]
    second = digest(deposit_dir)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []  # the zip included
    second_times = {p.relative_to(deposit_dir): p.stat().st_mtime for p in deposit_dir.rglob("*")}
    assert first_times == second_times
    assert set(second_times.values()) == {int(EPOCH)}


def test_outputs_are_stale_when_missing_or_built_from_other_sources(tmp_path: Path) -> None:
    project = copy_edition(tmp_path / "edition")
    edition = load_edition(project)
    hashes = {str(project / "tei" / "documents" / "a.xml"): "1"}
    every = ("pdf", "epub", "html")
    assert stale_outputs(edition, hashes) == every
    for name in ("pdf", "epub", "site"):
        (project / "build" / name).mkdir(parents=True)
    assert stale_outputs(edition, hashes) == every  # no key: not known to be fresh
    sources = sources_key(edition, hashes, build_date(edition))
    pdf_key = output_key("pdf", sources)
    epub_key = output_key("epub", sources, pdf_key)
    record_key(edition, "pdf", pdf_key)
    record_key(edition, "epub", epub_key)
    record_key(edition, "html", output_key("html", sources, pdf_key, epub_key))
    assert stale_outputs(edition, hashes) == ()
    # A file's content decides, whatever its time says.
    assert stale_outputs(edition, {**hashes, "b.xml": "2"}) == every
    stylesheet = project / "xslt" / "html" / "site.xsl"
    os.utime(stylesheet, (0, 0))
    assert stale_outputs(edition, hashes) == ()
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(stylesheet, (0, 0))
    assert stale_outputs(edition, hashes) == every
    sources = sources_key(edition, hashes, build_date(edition))
    pdf_key = output_key("pdf", sources)
    record_key(edition, "pdf", pdf_key)
    assert stale_outputs(edition, hashes) == ("epub", "html")  # built with other PDFs
    epub_key = output_key("epub", sources, pdf_key)
    record_key(edition, "epub", epub_key)
    assert stale_outputs(edition, hashes) == ("html",)  # built with another ebook
    record_key(edition, "html", output_key("html", sources, pdf_key, epub_key))
    assert stale_outputs(edition, hashes) == ()
    shutil.rmtree(project / "build" / "site")
    assert stale_outputs(edition, hashes) == ("html",)
    (project / "build" / ".cache" / "outputs.json").write_text("[damaged", encoding="utf-8")
    assert stale_outputs(edition, hashes) == every


@pytest.mark.slow
def test_nothing_is_deposited_when_the_corpus_has_errors(tmp_path: Path) -> None:
    project = copy_edition(tmp_path / "edition")
    document = project / "tei" / "documents" / "1963-05-09-cc-notification.xml"
    replace_in(document, "#per-peng-zhen", "#per-peng-zen")
    result = run_deposit(project)
    assert result.returncode == 1
    assert "pointer-unresolved" in result.stdout
    assert not (project / "build" / "deposit").exists()


# ---------------------------------------------------------------------------------------
# The aggregator outputs of a real deposit (tests/test_aggregators.py checks their records)


@pytest.mark.slow
def test_ro_crate_and_transfer_hold_each_documents_pdf(deposit_dir: Path) -> None:
    crate = json.loads((deposit_dir / "ro-crate" / "ro-crate-metadata.json").read_text("utf-8"))
    pdfs = [
        entity for entity in crate["@graph"] if entity.get("encodingFormat") == "application/pdf"
    ]
    assert len(pdfs) == len(documents())
    for entity in pdfs:
        assert (deposit_dir / "ro-crate" / entity["@id"]).read_bytes().startswith(b"%PDF-")
    for folder in (deposit_dir / "transfer" / "objects").iterdir():
        assert (folder / f"doc-{folder.name}.pdf").is_file(), folder.name
    assert (deposit_dir / "datacite.xml").is_file() and (deposit_dir / "CITATION.cff").is_file()
    assert len(list((deposit_dir / "oai_dc").glob("*.xml"))) == len(documents()) + 1
