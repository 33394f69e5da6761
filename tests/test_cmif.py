"""cmif.xml against what correspSearch applies: the CMIF RELAX NG schema and cmif.sch.

The records are written in process (deposit.write_records), for the shipped edition, for
a copy whose authority entries carry authority-file identifiers, and for a new project
made by `cables init`. The schema and the Schematron are the format's own, from
../shared/external/schemas/cmif/, unmodified.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from lxml import etree
from saxonche import PySaxonProcessor

from cables.config import load_edition
from cables.deposit import write_records
from cables.manifest import write_manifest
from cables.transform import Stylesheets
from conftest import REPOSITORY, SHARED, copy_edition, init_project, replace_in

CMIF = SHARED / "external" / "schemas" / "cmif"
NEEDS_CMIF = pytest.mark.shared(
    "external/schemas/cmif/cmi-customization.rng", "external/schemas/cmif/cmif.sch"
)
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI, "xml": "http://www.w3.org/XML/1998/namespace"}
RECEIVED = "tei:correspAction[@type='received']"
SCH = "{http://purl.oclc.org/dsdl/schematron}"
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def cmif_of(project: Path, output: Path) -> Path:
    """The cmif.xml `cables deposit` writes for `project`, written into `output`."""
    edition = load_edition(project)
    manifest = write_manifest(edition, edition.date, output / "manifest.xml")
    write_records(edition, Stylesheets.for_edition(edition), manifest, output / "records")
    return output / "records" / "cmif.xml"


def relax_ng_errors(path: Path) -> list[str]:
    schema = etree.RelaxNG(etree.parse(str(CMIF / "cmi-customization.rng"), SAFE_PARSER))
    valid = schema.validate(etree.parse(str(path), SAFE_PARSER))
    return [] if valid else [f"{e.line}: {e.message}" for e in schema.error_log]


def schematron_findings(path: Path) -> list[tuple[str, str]]:
    """(role, message) of every failed assert of cmif.sch, evaluated with XPath 3.1.

    cmif.sch uses XPath 2 (queryBinding="xslt2"), which lxml's Schematron lacks, and only
    patterns of rules of asserts: they are run here as ISO Schematron runs them (a node is
    the context of the first rule of a pattern that matches it, only). Anything else in the
    file fails the test rather than being skipped.
    """
    schema = etree.parse(str(CMIF / "cmif.sch"), SAFE_PARSER).getroot()
    assert schema.get("queryBinding") == "xslt2"
    processor = PySaxonProcessor(license=False)
    xpath = processor.new_xpath_processor()
    for ns in schema.iter(f"{SCH}ns"):
        xpath.declare_namespace(ns.get("prefix"), ns.get("uri"))
    document = processor.parse_xml(xml_file_name=str(path))
    findings = []
    for pattern in schema.iter(f"{SCH}pattern"):
        fired: set[str] = set()
        for rule in pattern.iter(f"{SCH}rule"):
            assert {etree.QName(child).localname for child in rule} <= {"assert"}, rule
            xpath.set_context(xdm_item=document)
            for node in xpath.evaluate(f"//({rule.get('context')})") or []:
                xpath.set_context(xdm_item=node)
                where = str(xpath.evaluate_single("path(.)"))
                if where in fired:
                    continue
                fired.add(where)
                for check in rule.iter(f"{SCH}assert"):
                    if not xpath.effective_boolean_value(check.get("test")):
                        message = " ".join(check.text.split())
                        findings.append((check.get("role", "error"), f"{where}: {message}"))
    return findings


def test_the_schematron_runner_finds_what_cmif_sch_forbids(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text(
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><sourceDesc>'
        '<bibl xml:id="edition-x"/></sourceDesc></fileDesc><profileDesc>'
        '<correspDesc source="#elsewhere"><correspAction type="sent"><date/></correspAction>'
        "</correspDesc></profileDesc></teiHeader></TEI>",
        encoding="utf-8",
    )
    codes = [re.search(r"\[(\w\d+)\]", message)[1] for _, message in schematron_findings(broken)]
    assert sorted(codes) == ["E0002", "E0003", "E0004", "W0001"]


@pytest.fixture(scope="module")
def shipped_cmif(tmp_path_factory) -> etree._ElementTree:
    path = cmif_of(REPOSITORY, tmp_path_factory.mktemp("cmif"))
    return etree.parse(str(path), SAFE_PARSER)


@NEEDS_CMIF
def test_shipped_cmif_is_valid_and_has_no_schematron_finding(tmp_path: Path) -> None:
    path = cmif_of(REPOSITORY, tmp_path)
    assert relax_ng_errors(path) == []
    assert schematron_findings(path) == []


def test_cmif_identifiers_are_stable_and_as_the_format_asks(shipped_cmif) -> None:
    source = uuid.uuid5(uuid.NAMESPACE_URL, "urn:cables:edition:cables")
    bibl = shipped_cmif.find(".//tei:sourceDesc/tei:bibl", NS)
    assert bibl.get(f"{{{NS['xml']}}}id") == f"id-{source}"
    entries = shipped_cmif.findall(".//tei:correspDesc", NS)
    assert {entry.get("source") for entry in entries} == {f"#id-{source}"}
    # No cmif_url in edition.toml: the file's URN stands for its URL.
    idno = shipped_cmif.find(".//tei:publicationStmt/tei:idno", NS)
    assert idno.get("type") == "url"
    assert idno.text == uuid.uuid5(source, "cmif.xml").urn


def test_cmif_marks_doubt_as_low_and_unknown_addressees(shipped_cmif) -> None:
    assert set(shipped_cmif.xpath("//@cert")) == {"low"}
    # No. 1: the editors give the addressee with medium certainty.
    received = shipped_cmif.find(f".//tei:correspDesc[@key='1']/{RECEIVED}", NS)
    assert received.find("tei:orgName", NS).get("cert") == "low"
    # No. 6 records no addressee: CMIF's "Unknown", and no place.
    received = shipped_cmif.find(f".//tei:correspDesc[@key='6']/{RECEIVED}", NS)
    assert [child.text for child in received] == ["Unknown"]
    assert received[0].tag == f"{{{TEI}}}persName"
    # An encyclopaedia article is not an authority file: no name links to one.
    assert not shipped_cmif.xpath("//@ref[contains(., 'wikipedia.org')]")


@NEEDS_CMIF
def test_names_carry_the_authority_file_uri_the_entry_records(tmp_path: Path) -> None:
    project = copy_edition(tmp_path / "edition")
    authority = project / "tei" / "authority"
    ministry = "<orgName>Ministry of Foreign Affairs of the People's Republic of China</orgName>"
    viaf = '<idno type="VIAF">139250887</idno>'
    replace_in(authority / "organisations.xml", ministry, ministry + viaf)
    embassy = "<orgName>Embassy of the People's Republic of China in Romania</orgName>"
    gnd = "https://d-nb.info/gnd/1234567-8"
    replace_in(authority / "organisations.xml", embassy, f'{embassy}<idno type="GND">{gnd}</idno>')
    beijing = "<location><geo>39.90 116.40</geo></location>"
    wikidata = "http://www.wikidata.org/entity/Q956"
    replace_in(authority / "places.xml", beijing, f"{beijing}<idno>{wikidata}</idno>")
    path = cmif_of(project, tmp_path)
    assert relax_ng_errors(path) == []
    assert schematron_findings(path) == []
    cmif = etree.parse(str(path), SAFE_PARSER)

    def refs(name: str) -> set[str]:
        return set(cmif.xpath("//*[. = $name]/@ref", name=name))

    assert refs("Ministry of Foreign Affairs of the People's Republic of China") == {
        "https://viaf.org/viaf/139250887"
    }
    assert refs("Embassy of the People's Republic of China in Romania") == {gnd}
    assert refs("Beijing") == {wikidata}
    assert refs("Bucharest") == set()


@NEEDS_CMIF
@pytest.mark.slow
def test_cmif_of_a_new_project_is_valid(tmp_path: Path) -> None:
    project = init_project(tmp_path / "new")
    path = cmif_of(project, tmp_path)
    assert relax_ng_errors(path) == []
    assert schematron_findings(path) == []
    cmif = etree.parse(str(path), SAFE_PARSER)
    assert cmif.findall(".//tei:correspDesc", NS)
