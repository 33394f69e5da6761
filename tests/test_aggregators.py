"""The records for harvesters, DOI-issuing repositories and preservation systems
(src/cables/aggregators.py, xslt/deposit/aggregators.xsl).

oai_dc, the OAI-PMH Static Repository, DataCite, CITATION.cff, the RO-Crate and the
Archivematica transfer, made in process once per module and checked against the official
schemas in tests/data/schemas (see SOURCE.md there) or the rules of their specifications.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jsonschema
import pytest
import xmlschema
import yaml
from lxml import etree
from test_crosswalks import recorded_urls

from cables.aggregators import write_aggregator_outputs
from cables.config import load_edition
from cables.manifest import write_manifest
from cables.transform import Stylesheets
from conftest import REPOSITORY, SHARED, copy_edition, replace_in

BUILD_DATE = "2025-11-27"
SCHEMAS = Path(__file__).parent / "data" / "schemas"
XML_XSD = SHARED / "external" / "schemas" / "xml.xsd"
OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
STATIC = "http://www.openarchives.org/OAI/2.0/static-repository"
DATACITE = "http://datacite.org/schema/kernel-4"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {
    "oai": OAI,
    "oai_dc": OAI_DC,
    "sr": STATIC,
    "dc": "http://purl.org/dc/elements/1.1/",
    "datacite": DATACITE,
}
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
GATEWAY = "https://gateway.example.org/oai"
BASE_URL = "https://example.org/cables/"


def make_aggregator_records(project: Path, output: Path) -> Path:
    edition = load_edition(project)
    stylesheets = Stylesheets(edition.xslt_dir)
    manifest = write_manifest(edition, BUILD_DATE, output / "manifest.xml")
    parameters = {
        "manifest": stylesheets.parse(manifest),
        "licence-scope": edition.licence_scope,
    }
    (output / "records").mkdir()
    write_aggregator_outputs(edition, stylesheets, parameters, output / "records", output)
    return output / "records"


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> Path:
    """The edition as it is: no base URL, so no static repository."""
    return make_aggregator_records(REPOSITORY, tmp_path_factory.mktemp("aggregators"))


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The edition with a base URL, a Gateway and an administrator's address."""
    folder = tmp_path_factory.mktemp("published")
    project = copy_edition(folder / "edition")
    config = project / "edition.toml"
    replace_in(config, 'base_url = ""', f'base_url = "{BASE_URL}"')
    with config.open("a", encoding="utf-8") as toml:
        toml.write(f'\n[deposit]\noai_gateway = "{GATEWAY}"\nadmin_email = "editors@example.org"\n')
    return make_aggregator_records(project, folder)


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), SAFE_PARSER)


def oai_schema() -> xmlschema.XMLSchema:
    """OAI-PMH 2.0 with oai_dc, whose records its metadata element validates strictly."""
    return xmlschema.XMLSchema(
        str(SCHEMAS / "oai-pmh" / "OAI-PMH.xsd"),
        locations={OAI_DC: str(SCHEMAS / "oai-pmh" / "oai_dc.xsd"), XML_NS: str(XML_XSD)},
        allow="local",
    )


# ---------------------------------------------------------------------------------------
# oai_dc


@pytest.mark.shared("external/schemas/xml.xsd")
def test_oai_dc_records_are_valid(records: Path) -> None:
    schema = xmlschema.XMLSchema(
        str(SCHEMAS / "oai-pmh" / "oai_dc.xsd"), locations={XML_NS: str(XML_XSD)}, allow="local"
    )
    paths = sorted((records / "oai_dc").glob("*.xml"))
    assert len(paths) == 10
    for path in paths:
        assert [error.reason for error in schema.iter_errors(parse(path).getroot())] == [], path


def test_oai_dc_keeps_each_refinement_under_its_element(records: Path) -> None:
    record = parse(records / "oai_dc" / "doc-1963-05-09-cc-notification.xml")
    assert record.getroot().tag == f"{{{OAI_DC}}}dc"
    # dcterms:created and dcterms:issued are dates; the abstract is a description.
    assert record.xpath("dc:date/text()", namespaces=NS) == ["1963-05-09", "2026-11-27"]
    descriptions = record.xpath("dc:description/text()", namespaces=NS)
    assert descriptions[0].startswith("The notification is issued as a document")
    assert any(text.startswith("Sent by Central Committee") for text in descriptions)
    assert record.xpath("dc:language/text()", namespaces=NS) == ["en"]
    assert record.xpath("dc:rights/text()", namespaces=NS)[-1] == (
        "https://creativecommons.org/licenses/by/4.0/"
    )
    # No schemes in simple DC, and no provenance, which refines no DC element.
    assert not record.xpath("//@*[local-name() = 'type']")
    assert not [text for text in descriptions if text.startswith("2026-11-27, ")]


# ---------------------------------------------------------------------------------------
# The OAI-PMH Static Repository


def test_no_static_repository_without_an_address(records: Path) -> None:
    assert not (records / "oai").exists()


def gateway_response(repository: etree._Element, verb: str, **arguments: str) -> etree._Element:
    """The response a Static Repository Gateway gives for a verb: the static repository's
    part of that name, in the OAI-PMH envelope."""
    response = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI})
    etree.SubElement(response, f"{{{OAI}}}responseDate").text = f"{BUILD_DATE}T00:00:00Z"
    base_url = repository.findtext("sr:Identify/oai:baseURL", namespaces=NS)
    etree.SubElement(response, f"{{{OAI}}}request", verb=verb, **arguments).text = base_url
    part = repository.find(f"sr:{verb}", NS)
    answer = etree.SubElement(response, f"{{{OAI}}}{verb}")
    for child in part:
        answer.append(etree.fromstring(etree.tostring(child)))
    return response


@pytest.mark.shared("external/schemas/xml.xsd")
def test_static_repository_answers_every_verb_validly(published: Path) -> None:
    repository = parse(published / "oai" / "static-repository.xml").getroot()
    assert repository.tag == f"{{{STATIC}}}Repository"
    assert [etree.QName(child).localname for child in repository] == [
        "Identify",
        "ListMetadataFormats",
        "ListRecords",
    ]
    assert repository.find("sr:ListRecords", NS).get("metadataPrefix") == "oai_dc"
    schema = oai_schema()
    for verb, arguments in (
        ("Identify", {}),
        ("ListMetadataFormats", {}),
        ("ListRecords", {"metadataPrefix": "oai_dc"}),
    ):
        response = gateway_response(repository, verb, **arguments)
        assert [error.reason for error in schema.iter_errors(response)] == [], verb


def test_static_repository_identifies_records_by_their_pages(published: Path) -> None:
    repository = parse(published / "oai" / "static-repository.xml")
    assert repository.findtext("sr:Identify/oai:baseURL", namespaces=NS) == (
        f"{GATEWAY}/example.org/cables/oai/static-repository.xml"
    )
    identifiers = repository.xpath("//oai:header/oai:identifier/text()", namespaces=NS)
    assert identifiers[0] == BASE_URL + "index.html"
    assert BASE_URL + "1963-05-09-cc-notification.html" in identifiers
    assert len(identifiers) == len(set(identifiers)) == 10
    assert set(repository.xpath("//oai:datestamp/text()", namespaces=NS)) == {BUILD_DATE}


# ---------------------------------------------------------------------------------------
# DataCite and CITATION.cff


def test_datacite_record_is_valid_kernel_4(records: Path) -> None:
    schema = xmlschema.XMLSchema(str(SCHEMAS / "datacite-kernel-4" / "metadata.xsd"))
    record = parse(records / "datacite.xml")
    assert [error.reason for error in schema.iter_errors(record.getroot())] == []
    assert record.findtext("datacite:publicationYear", namespaces=NS) == "2026"
    assert record.find("datacite:identifier", NS).get("identifierType") == "Local"
    (coverage,) = record.iterfind("datacite:dates/datacite:date[@dateType='Coverage']", NS)
    assert coverage.text == "1961-11-24/1963-11-22"
    derived = record.xpath(
        "datacite:relatedIdentifiers/datacite:relatedIdentifier[@relationType='IsDerivedFrom']",
        namespaces=NS,
    )
    assert derived and all(
        item.text.startswith("https://digitalarchive.wilsoncenter.org/") for item in derived
    )


def test_citation_file_is_valid_cff_1_2(records: Path) -> None:
    schema = json.loads(
        (SCHEMAS / "citation-file-format" / "schema.json").read_text(encoding="utf-8")
    )
    citation = yaml.safe_load((records / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(citation)
    assert citation["title"].startswith("China and Romania, 1961–1963: ")
    assert citation["version"] == "0.1.0"
    assert str(citation["date-released"]) == "2026-11-27"
    assert citation["authors"] == [{"name": "cables editorial team"}]
    assert citation["license-url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "url" not in citation  # no base URL, no address


# ---------------------------------------------------------------------------------------
# RO-Crate 1.1


def crate_graph(records: Path) -> dict[str, dict]:
    crate = json.loads((records / "ro-crate" / "ro-crate-metadata.json").read_text("utf-8"))
    assert crate["@context"] == "https://w3id.org/ro/crate/1.1/context"
    graph = crate["@graph"]
    ids = [entity["@id"] for entity in graph]
    assert len(ids) == len(set(ids)), "an @id twice in the flat @graph"
    return {entity["@id"]: entity for entity in graph}


def test_ro_crate_follows_the_specifications_json_ld_rules(records: Path) -> None:
    entities = crate_graph(records)
    # Every entity has an @id and a @type; references are {"@id": ...} objects.
    assert all("@type" in entity for entity in entities.values())
    descriptor = entities["ro-crate-metadata.json"]
    assert descriptor["@type"] == "CreativeWork"
    assert descriptor["conformsTo"] == {"@id": "https://w3id.org/ro/crate/1.1"}
    assert descriptor["about"] == {"@id": "./"}
    root = entities["./"]
    assert root["@type"] == "Dataset"
    for key in ("name", "description", "datePublished", "license"):
        assert root.get(key), key
    assert root["datePublished"] == "2026-11-27"
    # The licence is a contextual entity of its own.
    assert entities[root["license"]["@id"]]["@type"] == "CreativeWork"
    # Every file of the crate is a File entity, a part of the root, and nothing else is.
    files = sorted(
        path.relative_to(records / "ro-crate").as_posix()
        for path in (records / "ro-crate").rglob("*")
        if path.is_file() and path.name != "ro-crate-metadata.json"
    )
    assert files and sorted(part["@id"] for part in root["hasPart"]) == files
    for path in files:
        entity = entities[path]
        assert entity["@type"] == "File", path
        assert int(entity["contentSize"]) == (records / "ro-crate" / path).stat().st_size
    assert entities["tei/documents/1963-05-09-cc-notification.xml"]["encodingFormat"] == (
        "application/tei+xml"
    )
    assert entities["tei/authority/places.xml"]["name"] == "Places"
    document = entities["tei/documents/1963-05-09-cc-notification.xml"]
    assert document["name"].startswith("Notification from the Central Committee")
    assert document["inLanguage"] == "en"
    assert document["abstract"].startswith("The notification is issued as a document")


# ---------------------------------------------------------------------------------------
# The Archivematica transfer


def test_transfer_has_objects_and_metadata_csv(records: Path) -> None:
    transfer = records / "transfer"
    assert sorted(path.name for path in transfer.iterdir()) == ["metadata", "objects"]
    stems = sorted(path.name for path in (transfer / "objects").iterdir())
    assert len(stems) == 9
    for stem in stems:
        assert (transfer / "objects" / stem / f"{stem}.xml").is_file()
    with (transfer / "metadata" / "metadata.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    # Archivematica: a filename column, then Dublin Core columns named dc.ELEMENT, a
    # repeated column for each further value.
    assert header[0] == "filename"
    assert all(column.startswith("dc.") for column in header[1:])
    assert sorted(row[0] for row in body) == [f"objects/{stem}" for stem in stems]
    assert all(len(row) == len(header) for row in body)
    row = next(row for row in body if row[0] == "objects/1963-05-09-cc-notification")

    def values(element: str) -> list[str]:
        return [
            value
            for column, value in zip(header, row, strict=True)
            if column == f"dc.{element}" and value
        ]

    assert values("title")[0].startswith("Notification from the Central Committee")
    assert values("language") == ["en"]
    assert values("date") == ["1963-05-09", "2026-11-27"]
    assert any(value.startswith("Sent by Central Committee") for value in values("description"))


def test_records_invent_no_address(records: Path) -> None:
    """Every URL comes from the TEI or edition.toml, or names a standard or a schema."""
    known = recorded_urls()
    standards = re.compile(
        r"https?://(www\.openarchives\.org/OAI/2\.0/|purl\.org/dc/|www\.w3\.org/"
        r"|datacite\.org/schema/kernel-4|schema\.datacite\.org/meta/kernel-4/"
        r"|w3id\.org/ro/crate/1\.1)"
    )
    paths = [
        path for path in records.rglob("*") if path.suffix in {".xml", ".json", ".cff", ".csv"}
    ]
    assert len(paths) > 20
    for path in paths:
        if path.is_relative_to(records / "ro-crate" / "tei"):
            continue  # the TEI files themselves
        for url in re.findall(r"https?://[^\s\"'<>,]+", path.read_text(encoding="utf-8")):
            assert url in known or standards.match(url), (path.name, url)


def test_ro_crate_passes_the_ro_crate_validator(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """roc-validator's ro-crate-1.1 profile, every REQUIRED check, offline: the context it
    would download is the copy in tests/data/ro-crate (see SOURCE.md there)."""
    requests = pytest.importorskip("requests")
    from rocrate_validator import models, services
    from rocrate_validator.utils.http import HttpRequester

    context = (Path(__file__).parent / "data" / "ro-crate" / "context.jsonld").read_bytes()

    def local_get(_requester: object, url: str, **_arguments: object) -> requests.Response:
        response = requests.Response()
        response.url = url
        known = url.rstrip("/") == "https://w3id.org/ro/crate/1.1/context"
        response.status_code = 200 if known else 404
        response._content = context if known else b""
        response.headers["Content-Type"] = "application/ld+json"
        return response

    # HttpRequester hands get() on to its session; a method of its own is looked up first.
    monkeypatch.setattr(HttpRequester, "get", local_get, raising=False)
    settings = services.ValidationSettings(
        rocrate_uri=str(records / "ro-crate"),
        profile_identifier="ro-crate-1.1",
        requirement_severity=models.Severity.REQUIRED,
        cache_path=tmp_path / "http-cache",
        skip_availability_check=True,
    )
    result = services.validate(settings)
    assert [str(issue.message) for issue in result.get_issues()] == []
