"""Citations that a reference manager and a style guide accept (xslt/html/pages.xsl,
xslt/common/parts.xsl f:citation, xslt/html/site.xsl).

The repository's edition is built in process twice: as it is (no public address yet) and
with a base URL, two editors, PDFs and one sender the editors are unsure of. Each format
is read back by a real reader: BibTeX by bibtexparser, RIS by rispy, CSL-JSON against the
CSL data schema (tests/data/csl), JSON-LD as JSON; the embedded metadata by a
reimplementation of the rules of Zotero's "Embedded Metadata" translator.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from lxml import html

from cables.config import load_edition
from cables.pdf import write_print_html
from cables.site import build_site
from cables.transform import Stylesheets
from conftest import REPOSITORY, copy_edition, replace_in

CSL_SCHEMA = Path(__file__).parent / "data" / "csl" / "csl-data.json"
BASE_URL = "https://example.org/cables/"
#: The document whose sender the second build marks as uncertain.
UNSURE = "1961-11-24-reaction-22nd-congress"
#: A document with a repository, a serial and a Wilson Center page.
ARCHIVED = "1963-05-09-cc-notification"
#: The document the second build gives a second sender.
TWO_SENDERS = "1963-04-18-recent-situation"
DOCUMENTS = sorted(path.stem for path in (REPOSITORY / "tei" / "documents").glob("*.xml"))

#: The fields of the standard BibTeX styles (plain, abbrv, alpha, unsrt), and url, which
#: the common BibTeX styles that know addresses (plainnat, IEEEtran...) read.
BIBTEX_FIELDS = {
    "address", "annote", "author", "booktitle", "chapter", "crossref", "edition", "editor",
    "howpublished", "institution", "journal", "key", "month", "note", "number",
    "organization", "pages", "publisher", "school", "series", "title", "type", "volume",
    "year", "url",
}  # fmt: skip
#: The required fields of each BibTeX entry type cables writes ("author|editor": either).
BIBTEX_REQUIRED = {
    "incollection": {"author", "title", "booktitle", "publisher", "year"},
    "book": {"author|editor", "title", "publisher", "year"},
    "misc": set(),
}
MONTH_FIRST = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November"
    r"|December) \d{1,2}, \d{4}"
)


@dataclass(frozen=True)
class Built:
    site: Path
    print_dir: Path


def build(project: Path, pdfs: bool = False) -> Built:
    edition = load_edition(project)
    stylesheets = Stylesheets(edition.xslt_dir)
    site = project / "build" / "site"
    site.mkdir(parents=True)
    pdf_dir = None
    if pdfs:
        # Stand-ins: the site only links the PDFs; what they hold is test_pdf.py's affair.
        pdf_dir = project / "build" / "pdf"
        pdf_dir.mkdir(parents=True)
        for stem in DOCUMENTS:
            (pdf_dir / f"doc-{stem}.pdf").write_bytes(b"%PDF-1.7\n")
    build_site(edition, stylesheets, site, "2026-11-27", pdf_dir=pdf_dir)
    print_dir = write_print_html(edition, stylesheets, "2026-11-27", project / "build" / "scratch")
    return Built(site, print_dir)


@pytest.fixture(scope="module")
def unpublished(tmp_path_factory) -> Built:
    """The repository's edition as it is: no base URL."""
    return build(copy_edition(tmp_path_factory.mktemp("unpublished") / "edition"))


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Built:
    """The edition with an address, two editors, PDFs and one uncertain sender."""
    project = copy_edition(tmp_path_factory.mktemp("published") / "edition")
    config = project / "edition.toml"
    replace_in(config, 'base_url = ""', f'base_url = "{BASE_URL}"')
    replace_in(
        config,
        'editors = ["cables editorial team"]',
        'editors = ["cables editorial team", "Second Editor"]',
    )
    document = project / "tei" / "documents" / f"{UNSURE}.xml"
    replace_in(
        document, 'org-chinese-embassy-romania">', 'org-chinese-embassy-romania" cert="medium">'
    )
    # A second sender (test material only): an entry with two authors.
    replace_in(
        project / "tei" / "documents" / f"{TWO_SENDERS}.xml",
        "Chinese Foreign Ministry</orgName>",
        "Chinese Foreign Ministry</orgName>\n"
        '<orgName ref="../authority/organisations.xml#org-prc-fm">Foreign Ministry</orgName>',
    )
    return build(project, pdfs=True)


def page(built: Built, stem: str) -> html.HtmlElement:
    return html.parse(str(built.site / f"{stem}.html")).getroot()


def heading(document: html.HtmlElement) -> str:
    """The document's title as its page's heading gives it, without the number above it."""
    return document.find(".//h1/span[@class='document-title']").text_content().strip()


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def chicago(built: Built, stem: str) -> str:
    return words(page(built, stem).find(".//p[@class='citation-chicago']"))


# -- Chicago --------------------------------------------------------------------------


def test_a_document_is_cited_as_one_of_an_edited_online_collection(unpublished) -> None:
    citation = chicago(unpublished, ARCHIVED)
    title = heading(page(unpublished, ARCHIVED))
    assert citation == (
        f"“{title}.” 9 May 1963. No. 7 in China and Romania, 1961–1963, edited by cables "
        "editorial team. Cables editorial team, 2026. Version 0.1.0. Address not yet "
        "assigned. Original: Archive of the Ministry of Foreign Affairs of the People's "
        "Republic of China (PRC FMA)."
    )
    cited = page(unpublished, ARCHIVED).find(".//p[@class='citation-chicago']/cite")
    assert cited.text == "China and Romania, 1961–1963"


def test_the_note_form_gives_the_same_facts(published) -> None:
    note = words(page(published, ARCHIVED).find(".//p[@class='citation-chicago-note']"))
    title = heading(page(published, ARCHIVED))
    # "ed." is "edited by" in a note, for one editor or several.
    assert note == (
        f"“{title},” 9 May 1963, no. 7, in China and Romania, 1961–1963, ed. cables editorial "
        "team and Second Editor (cables editorial team, 2026), version 0.1.0, "
        f"{BASE_URL}{ARCHIVED}.html; original: Archive of the Ministry of Foreign Affairs of "
        "the People's Republic of China (PRC FMA)."
    )
    assert "Soviet Union,'” 24 November 1961, no. 1, in" in words(
        page(published, UNSURE).find(".//p[@class='citation-chicago-note']")
    )


def test_a_title_ending_in_a_quotation_takes_the_full_stop_inside(unpublished) -> None:
    assert chicago(unpublished, UNSURE).startswith(
        "“Cable from the Chinese Embassy in Romania, 'Summary"
    )
    assert "Soviet Union.'” 24 November 1961. No. 1 in" in chicago(unpublished, UNSURE)


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_no_citation_prints_what_is_not_recorded(unpublished, published, stem) -> None:
    for built in (unpublished, published):
        citation = chicago(built, stem)
        assert citation[0] == "“" and citation[1].isupper()
        for missing in ("not recorded", "not known", "n.d.", ".html", "Page "):
            assert missing not in re.sub(re.escape(BASE_URL) + r"\S+", "", citation)
        assert re.search(r"\. No\. \d+ in China and Romania", citation)


def test_with_an_address_the_citation_links_it(published) -> None:
    citation = page(published, ARCHIVED).find(".//p[@class='citation-chicago']")
    link = citation.find("a")
    assert link.get("href") == link.text == f"{BASE_URL}{ARCHIVED}.html"
    assert "edited by cables editorial team and Second Editor." in words(citation)
    assert "Address not yet assigned" not in words(citation)


def test_the_edition_is_cited_with_its_editors_first(unpublished, published) -> None:
    one = words(page(unpublished, ARCHIVED).find(".//p[@class='citation-edition']"))
    assert one == (
        "Cables editorial team, ed. China and Romania, 1961–1963. Version 0.1.0. "
        "Cables editorial team, 2026. Address not yet assigned."
    )
    two = words(page(published, ARCHIVED).find(".//p[@class='citation-edition']"))
    assert two.startswith("Cables editorial team and Second Editor, eds. China and Romania")
    assert two.endswith(f"2026. {BASE_URL}.")


def test_print_cites_as_the_web_does(unpublished) -> None:
    printed = html.parse(str(unpublished.print_dir / "documents" / f"doc-{ARCHIVED}.html"))
    # A document's own PDF cites it in its short front (xslt/print/book.xsl tp:single-front).
    citation = printed.getroot().find(".//header[@class='single-front']//span[@class='citation']")
    assert words(citation) == chicago(unpublished, ARCHIVED)


# -- BibTeX ---------------------------------------------------------------------------


def bibtex_entries(path: Path) -> list:
    library = bibtexparser.parse_string(
        path.read_text(encoding="utf-8"),
        append_middleware=[SeparateCoAuthors(), SplitNameParts()],
    )
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return library.entries


def test_the_bibtex_shown_is_the_bibtex_file(unpublished) -> None:
    shown = page(unpublished, ARCHIVED).find(".//pre[@class='citation-bibtex']/code").text
    assert shown + "\n" == (unpublished.site / f"{ARCHIVED}.bib").read_text(encoding="utf-8")


@pytest.mark.parametrize("built_name", ["unpublished", "published"])
def test_every_bibtex_entry_reads_back_with_its_required_fields(built_name, request) -> None:
    built = request.getfixturevalue(built_name)
    types = {}
    for stem in [*DOCUMENTS, "edition-citation"]:
        (entry,) = bibtex_entries(built.site / f"{stem}.bib")
        fields = set(entry.fields_dict)
        assert fields <= BIBTEX_FIELDS, f"{stem}: not BibTeX fields {fields - BIBTEX_FIELDS}"
        for required in BIBTEX_REQUIRED[entry.entry_type]:
            assert fields & set(required.split("|")), (
                f"{stem}: @{entry.entry_type} lacks {required}"
            )
        types[stem] = entry.entry_type
    assert types["edition-citation"] == "book"
    expected = "misc" if built_name == "published" else "incollection"
    assert types[UNSURE] == expected
    assert types[ARCHIVED] == "incollection"


def test_bibtex_names_are_whole_and_capitals_protected(published) -> None:
    (entry,) = bibtex_entries(published.site / f"{ARCHIVED}.bib")
    editors = entry.fields_dict["editor"].value
    # A corporate editor is one last name, not "Team, Cables Editorial".
    assert [name.last for name in editors] == [["{cables editorial team}"], ["{Second Editor}"]]
    assert all(name.first == [] for name in editors)
    (author,) = entry.fields_dict["author"].value
    assert author.last == ["{CCP Central Committee}"]
    title = entry.fields_dict["title"].value
    assert "{Romania}-{Soviet}" in title and "{Central} {Committee}" in title
    assert re.search(r"(?<!\{)\b[A-Z]", title.replace("{", " {")) is None
    assert entry.fields_dict["booktitle"].value == "{China} and {Romania}, 1961--1963"
    assert entry.fields_dict["year"].value == "2026"
    assert entry.fields_dict["url"].value == f"{BASE_URL}{ARCHIVED}.html"
    note = entry.fields_dict["note"].value
    assert note.startswith("9 May 1963. No. 7. Version 0.1.0. Original: Archive of")
    (misc,) = bibtex_entries(published.site / f"{UNSURE}.bib")
    assert "author" not in misc.fields_dict
    assert misc.fields_dict["howpublished"].value.startswith("In \\emph{{China} and {Romania}")


def test_two_senders_are_two_bibtex_authors(published) -> None:
    (entry,) = bibtex_entries(published.site / f"{TWO_SENDERS}.bib")
    authors = [name.last for name in entry.fields_dict["author"].value]
    assert authors == [
        ["{Department of Soviet and Eastern European Affairs, Chinese Foreign Ministry}"],
        ["{Foreign Ministry}"],
    ]


# -- RIS ------------------------------------------------------------------------------


def test_ris_reads_back_as_a_book_section(published, unpublished) -> None:
    (record,) = rispy.loads((published.site / f"{ARCHIVED}.ris").read_text(encoding="utf-8"))
    assert record["type_of_reference"] == "CHAP"
    assert record["title"].startswith("Notification from the Central Committee")
    assert record["authors"] == ["CCP Central Committee"]
    assert record["secondary_authors"] == ["cables editorial team", "Second Editor"]
    assert record["secondary_title"] == "China and Romania, 1961–1963"
    assert record["date"] == "1963/05/09/"
    assert record["publisher"] == "cables editorial team"
    assert record["edition"] == "0.1.0"
    assert record["urls"] == [f"{BASE_URL}{ARCHIVED}.html"]
    (edition,) = rispy.loads(
        (unpublished.site / "edition-citation.ris").read_text(encoding="utf-8")
    )
    assert edition["type_of_reference"] == "EDBOOK"
    assert edition["authors"] == ["cables editorial team"]
    assert "urls" not in edition and edition["notes"] == ["Address not yet assigned."]


def test_ris_lines_end_in_cr_lf(unpublished) -> None:
    text = (unpublished.site / f"{ARCHIVED}.ris").read_bytes()
    assert text.endswith(b"ER  - \r\n") and b"\n" not in text.replace(b"\r\n", b"")


# -- CSL-JSON -------------------------------------------------------------------------


@pytest.mark.parametrize("built_name", ["unpublished", "published"])
def test_csl_json_is_valid_csl_data(built_name, request) -> None:
    built = request.getfixturevalue(built_name)
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    for stem in [*DOCUMENTS, "edition-citation"]:
        items = json.loads((built.site / f"{stem}.csl.json").read_text(encoding="utf-8"))
        jsonschema.validate(items, schema, cls=jsonschema.Draft7Validator)
        assert len(items) == 1


def test_csl_json_fields(published) -> None:
    (item,) = json.loads((published.site / f"{ARCHIVED}.csl.json").read_text(encoding="utf-8"))
    assert item["type"] == "chapter"
    assert item["container-title"] == "China and Romania, 1961–1963"
    assert item["editor"] == [{"literal": "cables editorial team"}, {"literal": "Second Editor"}]
    assert item["author"] == [{"literal": "CCP Central Committee"}]
    assert item["issued"] == {"date-parts": [[1963, 5, 9]]}
    assert item["number"] == "7" and item["version"] == "0.1.0"
    assert item["URL"] == f"{BASE_URL}{ARCHIVED}.html"
    assert item["archive"].startswith("Archive of the Ministry of Foreign Affairs")
    (unsure,) = json.loads((published.site / f"{UNSURE}.csl.json").read_text(encoding="utf-8"))
    assert "author" not in unsure


def test_the_citation_box_links_every_file(unpublished) -> None:
    links = page(unpublished, ARCHIVED).xpath("//section[@class='cite']//a[@download]/@href")
    expected = [
        f"{stem}{suffix}"
        for stem in (ARCHIVED, "edition-citation")
        for suffix in (".bib", ".ris", ".csl.json")
    ]
    assert links == expected
    assert all((unpublished.site / name).is_file() for name in expected)


# -- Embedded metadata: Zotero's rules -------------------------------------------------


@dataclass
class ZoteroItem:
    item_type: str
    fields: dict[str, str] = field(default_factory=dict)
    creators: list[dict[str, str]] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)


#: Meta tag → Zotero field, as the translator maps them (its "HighWire" table).
HIGHWIRE_FIELDS = {
    "citation_title": "title",
    "citation_publication_date": "date",
    "citation_cover_date": "date",
    "citation_date": "date",
    "citation_journal_title": "publicationTitle",
    "citation_inbook_title": "publicationTitle",
    "citation_book_title": "bookTitle",
    "citation_publisher": "publisher",
    "citation_public_url": "url",
    "citation_language": "language",
}
#: Tags that decide the item type, and the type they decide.
HIGHWIRE_TYPES = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}


def fix_case(name: str) -> str:
    return name.title() if name in (name.upper(), name.lower()) else name


def zotero_name(value: str, role: str) -> dict[str, str]:
    """A name as Zotero's cleanAuthor splits it: "Last, First", else at the last space."""
    if "," in value:
        last, first = (part.strip() for part in value.split(",", 1))
    elif " " in value:
        first, last = value.rsplit(" ", 1)
    else:
        first, last = "", value
    if first:
        first, last = fix_case(first), fix_case(last)
    return {"firstName": first, "lastName": last, "creatorType": role}


def zotero_creators(values: list[str], role: str) -> list[dict[str, str]]:
    creators = []
    for value in values:
        names = [name.strip() for name in value.split(";")]
        by_comma = [name.strip() for name in names[0].split(",")]
        if (
            len(names) == 1
            and len(values) == 1
            and len(by_comma) > 1
            and " " in by_comma[0]
            and " " in by_comma[1]
        ):
            names = by_comma
        creators += [zotero_name(name, role) for name in names if re.search(r"[^\s,.;-]", name)]
    return creators


def zotero_import(document: html.HtmlElement, location: str) -> ZoteroItem:
    """What Zotero's "Embedded Metadata" translator makes of a page at `location`."""
    meta: dict[str, list[str]] = {}
    for tag in document.xpath("/html/head/meta[@name][@content]"):
        for name in tag.get("name").split():
            meta.setdefault(name, []).append(tag.get("content"))
    first = {name: values[0] for name, values in meta.items()}
    typed = [HIGHWIRE_TYPES[name] for name in meta if name in HIGHWIRE_TYPES]
    guess = (
        "journalArticle"
        if "citation_title" in meta or "citation_series_title" in meta
        else "webpage"
    )
    item = ZoteroItem(typed[-1] if typed else guess)
    for tag, zotero_field in HIGHWIRE_FIELDS.items():
        if first.get(tag, "").strip():
            item.fields[zotero_field] = " ".join(first[tag].split())
    item.creators = zotero_creators(meta.get("citation_author", []), "author") + zotero_creators(
        meta.get("citation_editor", []), "editor"
    )
    item.fields.setdefault("date", first.get("citation_online_date", ""))
    if "citation_pdf_url" in first:
        item.attachments.append(
            {"title": "Full Text PDF", "url": urljoin(location, first["citation_pdf_url"])}
        )
    canonical = document.xpath("/html/head/link[@rel='canonical']/@href")
    url = (
        item.fields.get("url")
        or first.get("citation_abstract_html_url")
        or (canonical or [location])[0]
    )
    item.fields["url"] = urljoin(location, url)
    if item.item_type == "bookSection" and "publicationTitle" in item.fields:
        # In a book section the publication title is the book's title (a base field).
        item.fields.setdefault("bookTitle", item.fields.pop("publicationTitle"))
    return item


def test_zotero_imports_a_document_page_as_a_section_of_the_edition(published) -> None:
    location = f"{BASE_URL}{ARCHIVED}.html"
    item = zotero_import(page(published, ARCHIVED), location)
    assert item.item_type == "bookSection"
    assert item.fields["title"] == heading(page(published, ARCHIVED))
    assert item.fields["date"] == "1963/05/09"
    assert item.fields["bookTitle"] == "China and Romania, 1961–1963"
    assert item.fields["publisher"] == "cables editorial team"
    assert item.fields["url"] == location
    assert item.fields["language"] == "en"
    # Editors only, each as the edition names it (Zotero splits every name at its last space).
    assert [c["creatorType"] for c in item.creators] == ["editor", "editor"]
    joined = [f"{c['firstName']} {c['lastName']}".lower() for c in item.creators]
    assert joined == ["cables editorial team", "second editor"]
    assert item.attachments == [
        {"title": "Full Text PDF", "url": f"{BASE_URL}pdf/doc-{ARCHIVED}.pdf"}
    ]


def test_without_an_address_zotero_keeps_the_page_location(unpublished) -> None:
    location = f"file:///somewhere/{ARCHIVED}.html"
    document = page(unpublished, ARCHIVED)
    item = zotero_import(document, location)
    assert item.item_type == "bookSection" and item.fields["url"] == location
    assert not document.xpath("//meta[@name='citation_public_url' or @name='citation_pdf_url']")
    assert not document.xpath("//link[@rel='canonical']")


def test_head_metadata_with_an_address(published) -> None:
    document = page(published, ARCHIVED)
    head = document.find("head")
    assert head.xpath("link[@rel='canonical']/@href") == [f"{BASE_URL}{ARCHIVED}.html"]
    assert head.xpath("meta[@name='citation_abstract_html_url']/@content") == [
        f"{BASE_URL}{ARCHIVED}.html"
    ]
    assert head.xpath("meta[@name='DC.creator']/@content") == ["CCP Central Committee"]
    assert not head.xpath("meta[@name='citation_collection_title' or @name='citation_author']")
    assert not page(published, UNSURE).xpath("//meta[@name='DC.creator']")


# -- JSON-LD --------------------------------------------------------------------------


def json_ld(document: html.HtmlElement) -> dict:
    (script,) = document.xpath("//script[@type='application/ld+json']")
    return json.loads(script.text)


def test_json_ld_of_a_document(published, unpublished) -> None:
    data = json_ld(page(published, ARCHIVED))
    assert data["@type"] == "CreativeWork"
    assert data["@id"] == data["url"] == f"{BASE_URL}{ARCHIVED}.html"
    assert data["inLanguage"] == "en"
    archive_page, original = data["isBasedOn"]
    assert archive_page["@type"] == "WebPage"
    assert archive_page["url"].startswith(
        "https://digitalarchive.wilsoncenter.org/document/notification-"
    )
    assert archive_page["publisher"] == {
        "@type": "Organization",
        "name": "Wilson Center Digital Archive",
    }
    assert original["@type"] == "ArchiveComponent" and original["inLanguage"] == ["zh"]
    assert data["publisher"] == {"@type": "Organization", "name": "cables editorial team"}
    assert data["isPartOf"]["@id"] == BASE_URL
    assert "@id" not in json_ld(page(unpublished, ARCHIVED))
    # A document whose archive page was not located is based on the original alone.
    (only,) = json_ld(page(unpublished, UNSURE))["isBasedOn"]
    assert only["@type"] == "ArchiveComponent"


def test_json_ld_of_a_corpus_page(published) -> None:
    data = json_ld(html.parse(str(published.site / "index.html")).getroot())
    assert data["@id"] == data["url"] == f"{BASE_URL}index.html"
    assert data["publisher"]["@type"] == "Organization"


# -- Dates ----------------------------------------------------------------------------


def test_one_date_style_in_web_and_print(unpublished) -> None:
    """ "18 April 1963" everywhere; "April 18, 1963" only in the TEI the guidelines quote."""
    pages = [*unpublished.site.glob("*.html"), *unpublished.print_dir.rglob("*.html")]
    assert len(pages) > 20
    for path in pages:
        document = html.parse(str(path)).getroot()
        for code in document.xpath("//pre | //code"):
            code.drop_tree()
        found = MONTH_FIRST.findall(words(document))
        assert not found, f"{path.name}: {found}"
    source_row = words(page(unpublished, ARCHIVED).find(".//section[@class='metadata']"))
    assert "Wilson Center Digital Archive, 9 May 1963." in source_row


def test_the_site_copy_keeps_the_archives_own_date(unpublished) -> None:
    copy = (unpublished.site / "tei" / "documents" / f"{ARCHIVED}.xml").read_text(encoding="utf-8")
    assert '<date when="1963-05-09">May 9, 1963</date>' in copy
