"""The frame fits the corpus: records, labels and indices follow what the documents hold.

Projects made by `cables init`, emptied of its example document and filled with other
editions' TEI (the Schnitzler letter of ../shared/external/tei/ and the small fixtures in
tests/fixtures/frame/, each shaped like a kind of corpus met in
the wild), built as an editor would; the shipped edition keeps its own frame.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree, html

from cables.config import load_edition
from cables.manifest import write_manifest
from cables.transform import Stylesheets
from conftest import FIXTURES, SHARED, build_html, copy_edition, init_project, replace_in

EXTERNAL_TEI = SHARED / "external" / "tei"
FRAME = FIXTURES / "frame"
LETTER = EXTERNAL_TEI / "schnitzler_L01534.xml"
TEI_NS = {"tei": "http://www.tei-c.org/ns/1.0"}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.shared(
        "external/tei/schnitzler_L01534.xml", "external/tei/stylesheets_testnotes1.xml"
    ),
]


def foreign_project(target: Path, *documents: Path) -> Path:
    """A lenient project whose corpus is exactly `documents`."""
    project = init_project(target)
    for example in (project / "tei" / "documents").glob("*.xml"):
        example.unlink()
    for path in documents:
        shutil.copyfile(path, project / "tei" / "documents" / path.name)
    replace_in(project / "edition.toml", 'validation = "strict"', 'validation = "lenient"')
    return project


@pytest.fixture(scope="module")
def letters(tmp_path_factory) -> Path:
    """Letters and dispatches: parties in every form TEI allows, one document without any."""
    documents = [
        LETTER,
        *(
            FRAME / name
            for name in ("dispatch.xml", "letter-particdesc.xml", "untyped.xml", "unaddressed.xml")
        ),
    ]
    project = foreign_project(tmp_path_factory.mktemp("frame") / "letters", *documents)
    build_html(project)
    return project


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> Path:
    """A corpus with no correspondence record, dates or statuses at all."""
    documents = [EXTERNAL_TEI / "stylesheets_testnotes1.xml", FRAME / "unaddressed.xml"]
    project = foreign_project(tmp_path_factory.mktemp("frame") / "texts", *documents)
    build_html(project)
    return project


def page(project: Path, name: str) -> html.HtmlElement:
    return html.parse(str(project / "build" / "site" / name)).getroot()


def words(element) -> str:
    """What a reader sees at desktop width: the text without the hover descriptions of
    names and the labels a phone's cards show."""
    element = etree.fromstring(etree.tostring(element))
    for tip in element.xpath(".//*[@class = 'tip' or @class = 'card-label']"):
        # Removed with its tail kept: the words after it are the reader's.
        previous, parent = tip.getprevious(), tip.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "") + (tip.tail or "")
        else:
            parent.text = (parent.text or "") + (tip.tail or "")
        parent.remove(tip)
    return " ".join("".join(element.itertext()).split())


def record(project: Path, name: str) -> dict[str, str]:
    """The rows of a document's record ("About this document"): label → value."""
    panel = page(project, name).find(".//section[@class='metadata']/dl")
    return {words(row.find("dt")): words(row.find("dd")) for row in panel.findall("div")}


def home_table(project: Path) -> list[list[str]]:
    table = page(project, "index.html").find(".//table[@class='documents']")
    return [[words(cell) for cell in row] for row in table.iter("tr")]


def run_stylesheet(project: Path, target: Path, stylesheet: str, template: str, **parameters):
    """Run one entry stylesheet of the project over its corpus, writing into `target`."""
    target.mkdir(parents=True)
    edition = load_edition(project)
    stylesheets = Stylesheets(edition.xslt_dir)
    manifest = write_manifest(edition, "2026-01-01", target / "manifest.xml")
    stylesheets.run(
        stylesheet,
        template=template,
        parameters={"manifest": stylesheets.parse(manifest), **parameters},
        output_base=target,
    )


def print_html(project: Path, target: Path) -> html.HtmlElement:
    """The print edition's HTML (book.xsl), without laying it out as PDF."""
    run_stylesheet(project, target, "print/book.xsl", "book")
    return html.parse(str(target / "edition.html")).getroot()


# -- 1. rows and columns only for what the corpus holds ---------------------------------


def test_home_table_has_columns_only_for_what_some_document_holds(
    letters: Path, texts: Path
) -> None:
    header, *rows = home_table(letters)
    assert header == ["Date", "Document", "From → to", "Status"]
    by_title = {row[1]: row for row in rows}
    # A document that names no party says so once, never "not recorded → not recorded".
    assert by_title["An unaddressed fragment"][2] == "not recorded"
    assert by_title["An unaddressed fragment"][3] == "not recorded"  # no badge for it
    assert not any("not recorded → not recorded" in " ".join(row) for row in rows)

    header, *rows = home_table(texts)
    assert header == ["Document"]
    assert len(rows) == 2


def test_record_rows_only_for_kinds_of_information_the_corpus_holds(letters: Path) -> None:
    rows = record(letters, "dispatch.html")
    # No document of this corpus has a classification, serial mark or type of text.
    for absent in ("Classification", "Serial mark", "Type"):
        assert absent not in rows
    assert rows["Status"] == "Status not recorded"  # the letters have one
    header = page(letters, "dispatch.html").find(".//header[@class='document-header']")
    assert not header.xpath("p[contains(@class, 'status')]")  # no badge: the row says it
    # A document without parties says it once, in one row.
    rows = record(letters, "unaddressed.html")
    assert rows["Sender and addressee"] == "Not recorded"
    assert "Sender" not in rows and "Addressee" not in rows


def test_a_corpus_without_correspondence_has_no_such_rows(texts: Path) -> None:
    rows = record(texts, "unaddressed.html")
    for absent in ("Date", "Sender", "Addressee", "Sender and addressee", "Place", "Status"):
        assert absent not in rows
    assert rows["Source"] == "Born digital."
    document = page(texts, "unaddressed.html")
    assert document.find(".//p[@class='document-date']") is None
    assert "date not recorded" not in words(document.find(".//title"))


def test_statuses_other_than_the_editions_are_shown_as_written(letters: Path) -> None:
    assert record(letters, "schnitzler_L01534.html")["Status"] == "Approved"
    assert record(letters, "letter-particdesc.html")["Status"] == "Draft"


# -- 2. labels from what the documents hold ---------------------------------------------


def test_text_heading_says_transcription_or_text(letters: Path) -> None:
    def heading(name: str) -> str:
        return words(page(letters, name).find(".//h2[@id='text-heading']"))

    # A manuscript described in the header (here in a witness) and no sign of translation.
    assert heading("schnitzler_L01534.html") == "Transcription"
    assert heading("letter-particdesc.html") == "Transcription"
    # A printed source, a born-digital text.
    assert heading("dispatch.html") == "Text"
    assert heading("untyped.html") == "Text"
    description = page(letters, "dispatch.html").find(".//meta[@name='description']")
    assert description.get("content").startswith("TEI edition of: ")


def test_shipped_edition_keeps_its_frame(tmp_path: Path) -> None:
    site = build_html(copy_edition(tmp_path / "edition"))
    document = html.parse(str(site / "1961-11-24-reaction-22nd-congress.html")).getroot()
    assert words(document.find(".//h2[@id='text-heading']")) == "The edition’s summary"
    rows = record(tmp_path / "edition", "1961-11-24-reaction-22nd-congress.html")
    # Other documents of the edition are classified: this one says it has no record of it.
    assert rows["Classification"] == "Not recorded"
    assert rows["Serial mark"] == "None recorded"
    header, *_ = home_table(tmp_path / "edition")
    assert header == ["No.", "Date", "Document", "From → to", "Status"]


# -- 3. senders and addressees from correspAction ---------------------------------------


def test_parties_in_name_and_settlement_are_senders_and_addressees(letters: Path) -> None:
    rows = record(letters, "dispatch.html")
    assert rows["Sender"] == "The Minister"
    assert rows["Addressee"] == "Department of State"
    assert rows["Place"] == "Managua → Washington"
    by_title = {row[1]: row for row in home_table(letters)[1:]}
    title = "The minister in Managua to the Secretary of State"
    assert by_title[title][2] == "The Minister → Department of State"


def test_untyped_actions_take_their_role_from_order_or_the_name(letters: Path) -> None:
    rows = record(letters, "untyped.html")
    assert rows["Sender"] == "The consul"  # an rs, in the first action
    assert rows["Addressee"] == "Mrs. Ward; The Legation"  # role="addressee"; a later action


def test_pointing_names_show_the_name_of_their_entry(letters: Path) -> None:
    rows = record(letters, "letter-particdesc.html")
    assert rows["Sender"] == "Bona Sforza"
    assert rows["Addressee"] == "Ioannes Dantiscus"
    by_title = {row[1]: row for row in home_table(letters)[1:]}
    assert by_title["Queen Bona to her secretary"][2] == "Bona Sforza → Ioannes Dantiscus"


def test_print_record_and_deposit_use_the_same_parties(letters: Path, tmp_path: Path) -> None:
    book = print_html(letters, tmp_path / "print")
    section = book.find(".//section[@id='dispatch-12']")
    cells = [words(cell) for cell in section.find(".//dl[@class='record']")]
    printed = dict(zip(cells[::2], cells[1::2], strict=True))
    # The printed record is the web's (common/parts.xsl): the same rows, the same values.
    assert printed == record(letters, "dispatch.html")
    assert printed["Sender"] == "The Minister"
    assert printed["Addressee"] == "Department of State"
    assert printed["Place"] == "Managua → Washington"
    assert "Classification" not in cells and "Serial mark" not in cells

    deposit = tmp_path / "deposit"
    run_stylesheet(letters, deposit, "deposit/deposit.xsl", "records", **{"licence-scope": ""})
    cmif = etree.parse(str(deposit / "cmif.xml"))

    def action(key: str, kind: str) -> list[tuple[str, str]]:
        """The names of one action of the key-th document in date order."""
        found = cmif.xpath(
            "//tei:correspDesc[@key = $key]/tei:correspAction[@type = $kind]"
            "/*[not(self::tei:date)]",
            namespaces=TEI_NS,
            key=key,
            kind=kind,
        )
        return [(etree.QName(element).localname, element.text) for element in found]

    # 1: the letter of 1524 (names from its particDesc); 2: the dispatch of 1894.
    assert action("1", "received") == [("persName", "Ioannes Dantiscus")]
    assert action("2", "sent") == [("persName", "The Minister"), ("placeName", "Managua")]
    assert action("2", "received") == [
        ("orgName", "Department of State"),
        ("placeName", "Washington"),
    ]


# -- 4. a document's own register -------------------------------------------------------


def test_persons_of_a_documents_header_are_in_the_index(letters: Path) -> None:
    index = page(letters, "persons.html")
    entry = index.get_element_by_id("letter-particdesc-jd")
    assert entry.find("span[@class='index-name']").text_content() == "Ioannes Dantiscus"
    assert "Royal secretary" in words(entry)
    # An entry of a document's own register has no page of its own (its id is the
    # document's), so its line on the index page lists its mentions.
    (mention,) = [words(item) for item in entry.iterfind("ul[@class='mentions']/li")]
    assert mention.startswith("Queen Bona to her secretary (29 April 1524) · ")
    assert "in the record" in mention and "¶ 1" in mention
    # The name in the text links to it and describes it like an authority entry.
    document = page(letters, "letter-particdesc.html")
    (link,) = document.xpath(".//section[@class='text']//a[contains(@class, 'name')]")
    assert link.get("href") == "persons.html#letter-particdesc-jd"
    assert "Royal secretary" in link.find(".//*[@class='tip']").text_content()
    # Ids are the document's own: the anchors of two documents' registers never collide.
    anchors = [item.get("id") for item in index.iter("li") if item.get("id")]
    assert len(anchors) == len(set(anchors))
    assert "schnitzler_L01534-pmb10815" in anchors


def test_print_index_has_the_documents_own_persons(letters: Path, tmp_path: Path) -> None:
    book = print_html(letters, tmp_path / "print")
    # Each line: the name, then its particulars set apart (xslt/print/book.xsl).
    entries = {
        words(item.find("span[@class='index-name']")): words(
            item.find("span[@class='index-description']")
        )
        for item in book.find(".//section[@id='index-persons']").iter("li")
        if item.find("span[@class='index-description']") is not None
    }
    assert entries["Ioannes Dantiscus"] == "Royal secretary"
    assert entries["Hermann Bahr"] == "1863–1934"


def test_undated_documents_have_no_empty_or_foreign_datetime(letters: Path) -> None:
    """An undated document (or a date HTML cannot read) is a plain span, not a <time>
    whose datetime is empty: the Nu Html Checker refuses those."""
    site = letters / "build" / "site"
    pages = [path for path in site.glob("*.html")]
    assert len(pages) > 3
    for path in pages:
        for time in page(letters, path.name).iter("time"):
            value = time.get("datetime")
            assert value is not None and re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", value), path.name


def test_a_register_in_the_text_is_a_list_of_linked_entries(letters: Path) -> None:
    """The letter keeps its persons and places in back: the page lists them, one item an
    entry, each linked to its entry in the index, the rest of its words (a place's other
    names, the country it lies in) kept in the item, not run together as prose."""
    letter = page(letters, LETTER.name.replace(".xml", ".html"))
    registers = letter.xpath("//section[@class='register']")
    assert registers
    links = [a.get("href") for section in registers for a in section.iter("a")]
    assert links
    for href in links:
        name, _, anchor = href.partition("#")
        assert page(letters, name).xpath(f"//*[@id='{anchor}']"), href
    (vienna,) = [
        item
        for section in registers
        for item in section.iter("li")
        if item.findtext("a") and item.findtext("a").startswith("Wien")
    ]
    assert "Österreich" in vienna.text_content() and "Vindobona" in vienna.text_content()


def test_the_page_title_is_the_letters_own_not_its_series(letters: Path) -> None:
    """Letters editions put the series title first (level="s"): the page is titled by the
    document's own title (level="a")."""
    letter = page(letters, LETTER.name.replace(".xml", ".html"))
    (heading,) = letter.xpath("//h1")
    assert "Bahr" in heading.text_content() and "Briefwechsel" not in heading.text_content()
