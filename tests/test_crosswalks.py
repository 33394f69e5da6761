"""What the MODS and Dublin Core crosswalks (xslt/deposit/) say about real documents.

The records are made in process, once per module, by the template "records" of
deposit/deposit.xsl over the edition's manifest: no build, no bag.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import xmlschema
from lxml import etree
from test_labels import german_project

from cables.config import load_edition
from cables.manifest import write_manifest
from cables.transform import Stylesheets
from conftest import REPOSITORY, SHARED, copy_edition, replace_in

BUILD_DATE = "2025-11-27"
SCHEMAS = SHARED / "external" / "schemas"
NS = {
    "tei": "http://www.tei-c.org/ns/1.0",
    "mods": "http://www.loc.gov/mods/v3",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
#: An addressee and a place of receipt the editors doubt (cert="medium"), no serial mark.
UNCERTAIN = "doc-1961-11-24-reaction-22nd-congress"
#: A serial mark (Zhongfa [63] No. 328), addressees without a place of receipt.
SERIAL = "doc-1963-05-09-cc-notification"


def make_records(project: Path, output: Path, downloads: tuple[tuple[str, str], ...] = ()) -> Path:
    edition = load_edition(project)
    stylesheets = Stylesheets(edition.xslt_dir)
    manifest = write_manifest(edition, BUILD_DATE, output / "manifest.xml", downloads=downloads)
    stylesheets.run(
        "deposit/deposit.xsl",
        template="records",
        parameters={
            "manifest": stylesheets.parse(manifest),
            "licence-scope": edition.licence_scope,
        },
        output_base=output / "records",
    )
    return output / "records"


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> Path:
    return make_records(REPOSITORY, tmp_path_factory.mktemp("crosswalks"))


def recorded_urls() -> set[str]:
    """Every URL the edition's TEI files and edition.toml give: all a record may use,
    besides the addresses of standards."""
    known = set()
    for path in (*(REPOSITORY / "tei").rglob("*.xml"), REPOSITORY / "edition.toml"):
        known.update(re.findall(r"https?://[^\s\"'<>]+", path.read_text(encoding="utf-8")))
    return known


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), SAFE_PARSER)


def mods(records: Path, identifier: str) -> etree._ElementTree:
    return parse(records / "mods" / f"{identifier}.xml")


def dc(records: Path, identifier: str) -> etree._ElementTree:
    return parse(records / "dc" / f"{identifier}.xml")


def texts(tree: etree._ElementTree, path: str) -> list[str]:
    return [str(text) for text in tree.xpath(path, namespaces=NS)]


def tei(identifier: str) -> etree._ElementTree:
    return parse(REPOSITORY / "tei" / "documents" / f"{identifier.removeprefix('doc-')}.xml")


# ---------------------------------------------------------------------------------------
# The official schemas


@pytest.mark.shared("external/schemas/mods-3-7.xsd", "external/schemas/mods-3-8.xsd")
def test_records_are_valid_mods_3_7_and_3_8(records: Path) -> None:
    mods_37 = etree.XMLSchema(parse(SCHEMAS / "mods-3-7.xsd"))
    mods_38 = xmlschema.XMLSchema(
        str(SCHEMAS / "mods-3-8.xsd"),
        locations={
            "http://www.w3.org/1999/xlink": str(SCHEMAS / "xlink.xsd"),
            "http://www.w3.org/XML/1998/namespace": str(SCHEMAS / "xml.xsd"),
        },
        allow="local",
    )
    paths = sorted((records / "mods").glob("*.xml"))
    assert len(paths) == 10
    for path in paths:
        record = parse(path)
        assert mods_37.validate(record), (path.name, str(mods_37.error_log))
        assert [error.reason for error in mods_38.iter_errors(record.getroot())] == [], path.name


@pytest.mark.shared("external/schemas/qualifieddc.xsd")
def test_records_are_valid_qualified_dc(records: Path) -> None:
    schema = etree.XMLSchema(parse(SCHEMAS / "qualifieddc.xsd"))
    for path in sorted((records / "dc").glob("*.xml")):
        assert schema.validate(parse(path)), (path.name, str(schema.error_log))


# ---------------------------------------------------------------------------------------
# Places, addressees and their certainty


def test_places_are_events_of_the_document_not_subjects(records: Path) -> None:
    record = mods(records, UNCERTAIN)
    assert texts(
        record, "mods:originInfo[@eventType='production']/mods:place/mods:placeTerm/text()"
    ) == ["Bucharest"]
    receipt = record.find("mods:originInfo[@eventType='receipt']/mods:place", NS)
    assert receipt.findtext("mods:placeTerm", namespaces=NS) == "Beijing"
    # The editors doubt the place of receipt: supplied, and its certainty in a note.
    assert receipt.get("supplied") == "yes"
    assert (
        record.find("mods:originInfo[@eventType='production']/mods:place", NS).get("supplied")
        is None
    )
    assert texts(record, "mods:note[@type='place']/text()") == [
        "Place of receipt: Beijing (probable)."
    ]
    assert not texts(
        record, "mods:subject/mods:geographic[. = 'Beijing' or . = 'Bucharest']/text()"
    )

    record = dc(records, UNCERTAIN)
    assert record.find("dcterms:spatial", NS) is None
    sentence = texts(record, "dc:description[starts-with(., 'Sent ')]/text()")[0]
    assert "from Bucharest on 24 November 1961" in sentence
    assert "in Beijing (probable)" in sentence


def test_an_unknown_place_of_receipt_is_marked_missing(records: Path) -> None:
    record = mods(records, SERIAL)
    assert record.find("mods:originInfo[@eventType='receipt']", NS) is None
    assert texts(record, "mods:note[@type='place']/text()") == [
        "Place of receipt: not recorded in the edition's sources."
    ]
    sentence = texts(dc(records, SERIAL), "dc:description[starts-with(., 'Sent ')]/text()")[0]
    assert sentence.endswith("The place of receipt is not recorded in the edition's sources.")


def test_addressees_are_recipients_with_their_certainty(records: Path) -> None:
    record = mods(records, UNCERTAIN)
    (addressee,) = record.xpath(
        "mods:name[mods:role/mods:roleTerm[@type='code'] = 'rcp']", namespaces=NS
    )
    assert addressee.findtext("mods:namePart", namespaces=NS) == (
        "Ministry of Foreign Affairs of the People's Republic of China"
    )
    assert "medium" in addressee.findtext("mods:description", namespaces=NS)
    record = dc(records, UNCERTAIN)
    assert "Ministry of Foreign Affairs" not in " ".join(texts(record, "dc:contributor/text()"))
    assert (
        "Addressed to Ministry of Foreign Affairs of the People's Republic of China"
        in (texts(record, "dc:description/text()")[0])
    )
    # Four addressees of the Central Committee's notification, each a recipient.
    assert (
        len(
            mods(records, SERIAL).xpath("mods:name[mods:role/mods:roleTerm = 'rcp']", namespaces=NS)
        )
        == 4
    )


# ---------------------------------------------------------------------------------------
# Languages, summary, the original


def test_the_summary_record_is_english_and_the_original_chinese(records: Path) -> None:
    record = mods(records, SERIAL)
    assert texts(record, "mods:language/mods:languageTerm/text()") == ["en"]
    original = record.find("mods:relatedItem[@type='original']", NS)
    assert texts(original, "mods:language/mods:languageTerm/text()") == ["zh"]
    assert texts(dc(records, SERIAL), "dc:language/text()") == ["en"]


def test_the_original_has_its_serial_and_not_the_translations_address(records: Path) -> None:
    original = mods(records, SERIAL).find("mods:relatedItem[@type='original']", NS)
    assert texts(original, "mods:identifier[@type='serial']/text()") == ["Zhongfa [63] No. 328"]
    assert original.find(".//mods:url", NS) is None
    translation = mods(records, SERIAL).find("mods:relatedItem[@type='otherVersion']", NS)
    assert translation.findtext("mods:location/mods:url", namespaces=NS).startswith(
        "https://digitalarchive.wilsoncenter.org/document/"
    )


def test_the_summary_is_the_abstract_without_notes(records: Path) -> None:
    for path in sorted((REPOSITORY / "tei" / "documents").glob("*.xml")):
        source = parse(path)
        identifier = source.getroot().get("{http://www.w3.org/XML/1998/namespace}id")
        summary = source.find(".//tei:body/tei:div[@type='summary']", NS)
        first = summary.find(".//tei:p", NS)
        opening = " ".join("".join(first.xpath("text()")).split())[:30]
        (abstract,) = texts(mods(records, identifier), "mods:abstract[@type='summary']/text()")
        assert abstract.startswith(opening), identifier
        assert texts(dc(records, identifier), "dcterms:abstract/text()") == [abstract]
        for note in summary.iterfind(".//tei:note", NS):
            assert " ".join("".join(note.itertext()).split()) not in abstract, identifier
    abstract = texts(mods(records, SERIAL), "mods:abstract/text()")[0]
    assert "under the serial Zhongfa [63] No. 328" in abstract
    assert "Summary of the part seen" not in abstract  # headings are not summary text


# ---------------------------------------------------------------------------------------
# Keywords and genre


def test_keywords_are_typed_by_their_authority_entry(records: Path) -> None:
    record = mods(records, SERIAL)
    assert texts(record, "mods:subject/mods:geographic/text()") == ["Yugoslavia"]
    assert texts(record, "mods:subject/mods:name[@type='corporate']/mods:namePart/text()") == [
        "CMEA"
    ]
    # A crisis is an event but no meeting: a topic, as library subject headings have it.
    assert texts(record, "mods:subject/mods:topic/text()") == [
        "Sino-Romanian relations",
        "Romanian–Soviet relations",
        "Cuban Missile Crisis",
    ]
    edition = mods(records, "edition")
    assert "Yugoslavia" in texts(edition, "mods:subject/mods:geographic/text()")
    assert not texts(edition, "mods:subject/mods:geographic[. = 'Bucharest']/text()")


def test_a_keyword_that_points_to_a_congress_is_a_conference(tmp_path: Path) -> None:
    project = copy_edition(tmp_path / "edition")
    replace_in(
        project / "tei" / "documents" / "1961-11-24-reaction-22nd-congress.xml",
        "<term>22nd CPSU Congress</term>",
        '<term ref="../authority/events.xml#ev-22nd-cpsu-congress">22nd CPSU Congress</term>',
    )
    record = mods(make_records(project, tmp_path), UNCERTAIN)
    assert texts(record, "mods:subject/mods:name[@type='conference']/mods:namePart/text()") == [
        "22nd CPSU Congress"
    ]
    assert "22nd CPSU Congress" not in texts(record, "mods:subject/mods:topic/text()")


def test_the_genre_names_its_list(records: Path) -> None:
    (genre,) = mods(records, SERIAL).iterfind("mods:genre", NS)
    assert genre.text == "Party directive"
    assert genre.get("authority") == "local"
    assert "schema/cables.odd" in genre.get("displayLabel")


# ---------------------------------------------------------------------------------------
# Provenance and the record's dates


def test_provenance_is_typed_and_dated(records: Path) -> None:
    source = tei(SERIAL)
    (change,) = source.iterfind(".//tei:revisionDesc/tei:change", NS)
    record = mods(records, SERIAL)
    (history,) = texts(record, "mods:note[@type='action']/text()")
    assert history.startswith(f"{change.get('when')}, cables editorial team: Summary of")
    assert texts(record, "mods:recordInfo/mods:recordChangeDate/text()") == [change.get("when")]
    assert texts(dc(records, SERIAL), "dcterms:provenance/text()") == [history]


def test_the_record_is_dated_by_the_package(records: Path) -> None:
    for identifier in (SERIAL, "edition"):
        info = mods(records, identifier).find("mods:recordInfo", NS)
        assert info.findtext("mods:recordCreationDate", namespaces=NS) == BUILD_DATE
        assert "SOURCE_DATE_EPOCH" in info.findtext("mods:recordInfoNote", namespaces=NS)


def test_the_records_say_their_words_in_the_editions_language(tmp_path: Path) -> None:
    """The words of the records are labels: the German edition's records are in German."""
    records = make_records(german_project(tmp_path / "edition"), tmp_path)
    dc = etree.parse(str(records / "dc" / "doc-brief.xml"), SAFE_PARSER)
    descriptions = " ".join(dc.xpath("//dc:description/text()", namespaces=NS))
    assert descriptions.startswith("Gesendet"), descriptions
    mods = etree.parse(str(records / "mods" / "doc-brief.xml"), SAFE_PARSER)
    labels = set(mods.xpath("//mods:originInfo/@displayLabel", namespaces=NS))
    assert {"Versand", "Diese Edition"} <= labels, labels
    origin = mods.findtext("mods:recordInfo/mods:recordOrigin", namespaces=NS)
    assert origin.startswith("Erzeugt von cables") and "dem TEI-Header von brief.xml" in origin
    english = ("Sent", "Sending", "This edition", "Generated by", "Place of receipt")
    for record in (dc, mods):
        text = etree.tostring(record, encoding="unicode")
        assert not [word for word in english if word in text]


def test_the_edition_lists_the_ebooks_format_only_when_there_is_one(
    records: Path, tmp_path: Path
) -> None:
    """A records-only run has no payload: the manifest says whether the ebook exists."""
    with_ebook = make_records(
        REPOSITORY, tmp_path, downloads=(("edition-epub", "epub/edition.epub"),)
    )
    media = "mods:physicalDescription/mods:internetMediaType/text()"
    formats = "//dc:format/text()"
    assert texts(mods(records, "edition"), media) == [
        "application/tei+xml",
        "application/pdf",
        "text/html",
    ]
    assert "application/epub+zip" not in texts(dc(records, "edition"), formats)
    assert texts(mods(with_ebook, "edition"), media) == [
        "application/tei+xml",
        "application/pdf",
        "application/epub+zip",
        "text/html",
    ]
    assert "application/epub+zip" in texts(dc(with_ebook, "edition"), formats)
    # The ebook is the edition's: a document's record does not claim it.
    assert "application/epub+zip" not in texts(mods(with_ebook, SERIAL), media)
