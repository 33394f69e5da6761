"""Entity pages and index pages of the web edition (xslt/html/entity.xsl, pages.xsl).

The shipped edition, with a base URL, is built in process once: every person, place,
organisation and event of the authority files has its page at folder/id.html, every
mention on a document page links there, and a page shows what the TEI says of the entry
and of each text naming it (mentions in context, correspondence, entries named with it).
The index pages list the entries in the printed index's order, with counts and links.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree, html

from cables.config import load_edition
from cables.site import build_site
from cables.transform import Stylesheets
from conftest import REPOSITORY, copy_edition, replace_in

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
BASE_URL = "https://example.org/cables/"
#: The folder of each kind's pages (common/pages.xml) and the schema.org type.
KINDS = {
    "person": ("persons", "Person"),
    "place": ("places", "Place"),
    "org": ("organisations", "Organization"),
    "event": ("events", "Event"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_edition(tmp_path_factory.mktemp("entities") / "edition")
    replace_in(project / "edition.toml", 'base_url = ""', f'base_url = "{BASE_URL}"')
    edition = load_edition(project)
    output = project / "build" / "site"
    output.mkdir(parents=True)
    build_site(edition, Stylesheets(edition.xslt_dir), output, "2026-01-01")
    return output


def page(site: Path, name: str) -> html.HtmlElement:
    return html.parse(str(site / name)).getroot()


def authority_entries() -> dict[str, tuple[str, etree._Element]]:
    """Every listed person, place, org and event of the authority files: page, element."""
    found: dict[str, tuple[str, etree._Element]] = {}
    for path in sorted((REPOSITORY / "tei" / "authority").glob("*.xml")):
        for element in etree.parse(str(path)).iter():
            name = etree.QName(element).localname if isinstance(element.tag, str) else ""
            parent = element.getparent()
            identifier = element.get(XML_ID)
            if name in KINDS and identifier and parent is not None:
                if etree.QName(parent).localname.startswith("list"):
                    found.setdefault(identifier, (f"{KINDS[name][0]}/{identifier}.html", element))
    return found


def texts() -> list[Path]:
    return sorted((REPOSITORY / "tei" / "documents").glob("*.xml")) + sorted(
        (REPOSITORY / "tei" / "front").glob("*.xml")
    )


def mentions_in_text(path: Path, identifier: str) -> list[etree._Element]:
    """The names of a file's text whose @ref points at the entry (as "...#id")."""
    root = etree.parse(str(path)).getroot()
    return [
        element
        for element in root.iterfind(f"{TEI}text//*[@ref]")
        if any(token.endswith(f"#{identifier}") for token in element.get("ref", "").split())
    ]


def words(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_every_authority_entry_has_its_page_and_no_other(site: Path) -> None:
    expected = {name for name, _ in authority_entries().values()}
    written = {str(path.relative_to(site)) for path in site.glob("*/*.html")}
    assert len(expected) > 80 and written == expected


def test_every_mention_on_a_document_page_links_to_its_entity_page(site: Path) -> None:
    entries = authority_entries()
    pages = {name for name, _ in entries.values()}
    checked = 0
    for path in sorted((REPOSITORY / "tei" / "documents").glob("*.xml")):
        for link in page(site, f"{path.stem}.html").xpath("//main//a[contains(@class, 'name')]"):
            href = link.get("href")
            assert href in pages, href
            listed = page(site, href).xpath("//ol[@class = 'entity-mentions']/li/p/a/@href")
            assert f"{path.stem}.html" in listed, (href, path.stem)
            checked += 1
    assert checked > 100


def test_an_entity_page_shows_names_dates_roles_and_each_mention_in_context(site: Path) -> None:
    root = page(site, "persons/per-peng-zhen.html")
    assert words(root.find(".//h1")) == "Peng Zhen"
    assert root.xpath("//main//*[@lang = 'zh' and normalize-space(.) = '彭真']")
    details = words(root.find(".//dl"))
    assert "1902–1997" in details and "mayor of Beijing" in details
    by_text = {
        path.stem: len(mentions_in_text(path, "per-peng-zhen"))
        for path in texts()
        if mentions_in_text(path, "per-peng-zhen")
    }
    shown = Counter()
    for item in root.xpath("//ol[@class = 'entity-mentions']/li"):
        stem = item.find("p/a").get("href").removesuffix(".html")
        for context in item.xpath("ul[@class = 'entity-contexts']/li"):
            shown[stem] += 1
            quote = context.find("q")
            mark = quote.find("mark")
            assert mark is not None and words(mark) in words(quote)
            assert len(words(quote)) < 200  # a short snippet, not the paragraph
    assert dict(shown) == by_text


def test_paragraph_links_land_on_the_paragraph_that_names_the_entry(site: Path) -> None:
    root = page(site, "persons/per-khrushchev.html")
    links = root.xpath("//a[@class = 'entity-paragraph']")
    assert links
    for link in links:
        name, anchor = link.get("href").split("#")
        paragraph = page(site, name).get_element_by_id(anchor)
        mark = words(link.getparent().find("q/mark"))
        assert mark in words(paragraph), (name, anchor, mark)


def test_an_uncertain_identification_is_shown_as_such(site: Path) -> None:
    uncertain = [
        (path.stem, element)
        for path in texts()
        for element in etree.parse(str(path)).getroot().iterfind(f"{TEI}text//*[@cert][@ref]")
    ]
    assert uncertain, "the corpus has an uncertain identification in a text to check"
    stem, element = uncertain[0]
    identifier = element.get("ref", "").split()[0].split("#")[1]
    root = page(site, authority_entries()[identifier][0])
    item = [
        li
        for li in root.xpath("//ol[@class = 'entity-mentions']/li")
        if li.find("p/a").get("href") == f"{stem}.html"
    ][0]
    assert item.xpath(".//span[@class = 'entity-certainty']"), words(item)


def test_senders_and_addressees_list_their_documents(site: Path) -> None:
    entries = authority_entries()
    checked = 0
    for path in sorted((REPOSITORY / "tei" / "documents").glob("*.xml")):
        root = etree.parse(str(path)).getroot()
        for action in ("sent", "received"):
            for name in root.iterfind(f".//{TEI}correspAction[@type='{action}']/*[@ref]"):
                identifier = name.get("ref", "").split()[0].split("#")[-1]
                if identifier not in entries:
                    continue
                entity = page(site, entries[identifier][0])
                listed = entity.xpath(
                    f"//section[h2/@id = 'entity-{action}']//a/@href", smart_strings=False
                )
                assert f"{path.stem}.html" in listed, (identifier, action, path.stem)
                checked += 1
    assert checked >= 9


def test_appears_with_counts_the_texts_shared(site: Path) -> None:
    root = page(site, "persons/per-khrushchev.html")
    own = {
        path.stem for path in texts() if mentions_in_text(path, "per-khrushchev")
    }  # at least these texts name him
    items = root.xpath("//ul[@class = 'entity-appears-with']/li")
    assert items
    for item in items:
        count = int(re.search(r"\((\d+)\)$", words(item)).group(1))
        assert 1 <= count <= len(root.xpath("//ol[@class = 'entity-mentions']/li"))
        assert (site / item.find("a").get("href")).is_file()
    assert len(own) >= 3


@pytest.mark.parametrize("kind", KINDS)
def test_an_entity_page_is_citable(site: Path, kind: str) -> None:
    entries = authority_entries().values()
    name = next(name for name, entry in entries if entry.tag == TEI + kind)
    root = page(site, name)
    metas = {meta.get("name"): meta.get("content") for meta in root.xpath("//head/meta[@name]")}
    assert metas["citation_title"] == words(root.find(".//h1"))
    assert metas["citation_public_url"] == BASE_URL + name
    assert root.xpath("//link[@rel = 'canonical']/@href") == [BASE_URL + name]
    data = json.loads(root.xpath("//script[@type = 'application/ld+json']")[0].text)
    assert data["@type"] == KINDS[kind][1]
    assert data["mainEntityOfPage"] == BASE_URL + name
    assert data["name"] == words(root.find(".//h1"))
    # Its links are written from the top of the site, as on every other page.
    assert root.xpath("//head/base/@href") == ["../"]
    assert root.xpath("//a[@class = 'skip-link']/@href") == [f"{name}#main"]


def test_the_index_lists_entries_in_the_printed_order_with_counts_and_links(site: Path) -> None:
    root = page(site, "persons.html")
    lines = root.xpath("//ul[@class = 'index-entries']/li")
    persons = [entry for _, entry in authority_entries().values() if entry.tag == TEI + "person"]
    expected = sorted(persons, key=lambda entry: entry.get("sortKey", "").lower())
    assert [line.get("id") for line in lines] == [entry.get(XML_ID) for entry in expected]
    for line in lines:
        link = line.find("a")
        assert link.get("href") == f"persons/{line.get('id')}.html"
        assert re.search(r"\((\d+ texts?|not mentioned)\)$", words(line)), words(line)
    # No mentions inline: they are on the entity pages.
    assert not root.xpath("//ul[@class = 'mentions']")


def test_a_long_index_has_jump_links_and_a_filter_box_shown_by_script(site: Path) -> None:
    root = page(site, "organisations.html")
    jumps = root.xpath("//nav[@class = 'index-jump']//a/@href")
    assert jumps and all(root.get_element_by_id(href[1:]).tag == "h2" for href in jumps)
    box = root.find_class("index-filter")[0]
    assert box.get("hidden") is not None  # without JavaScript the list is simply whole
    assert root.xpath("//script/@src[. = 'assets/index-filter.js']")
    assert (site / "assets" / "index-filter.js").is_file()
