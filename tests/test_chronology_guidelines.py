"""Tests of two generated pages of the web edition: chronology.html and encoding.html.

The site is the session's build of the repository's edition (conftest.edition_site);
expectations are read from the TEI sources and the ODD with lxml, independently of the
stylesheets under test. The chronology's filters and zoom (assets/chronology.js) are tried
in headless Chromium, and the page without JavaScript is checked to be complete.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from conftest import EDITION_SITE_EPOCH, build_html, copy_edition

pytestmark = pytest.mark.slow

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
EXAMPLES = "http://www.tei-c.org/ns/Examples"
DISPUTED_DOCUMENT = "1962-02-14-attitude-towards-china"


@pytest.fixture(scope="module")
def site(edition_site: Path) -> Path:
    return edition_site


@pytest.fixture(scope="module")
def project(site: Path) -> Path:
    return site.parent.parent


def page(site: Path, name: str):
    return lxml.html.parse(str(site / name)).getroot()


# ---------------------------------------------------------------- sources


def sent_date(document: etree._ElementTree) -> str:
    date = document.xpath(
        "//t:correspAction[@type = 'sent']/t:date[not(@type = 'variant')]", namespaces=TEI
    )[0]
    return next(date.get(a) for a in ("when", "from", "notBefore", "notAfter") if date.get(a))


def expected_entries(project: Path) -> dict[str, str]:
    """Every chronology link the corpus calls for, with its date ('' when undated)."""
    entries = {}
    for path in sorted((project / "tei" / "documents").glob("*.xml")):
        entries[f"{path.stem}.html"] = sent_date(etree.parse(str(path)))
    events = etree.parse(str(project / "tei" / "authority" / "events.xml"))
    for event in events.xpath("//t:listEvent/t:event", namespaces=TEI):
        date = next(
            (event.get(a) for a in ("when", "from", "notBefore", "notAfter") if event.get(a)), ""
        )
        entries[f"events.html#{event.get('{http://www.w3.org/XML/1998/namespace}id')}"] = date
    return entries


def date_key(iso: str) -> tuple[int, ...]:
    """ISO dates of year, month or day precision compared as numbers; undated last."""
    return tuple(int(part) for part in iso.split("-")) if iso else (99999,)


def odd(project: Path) -> etree._ElementTree:
    return etree.parse(str(project / "schema" / "cables.odd"))


# ---------------------------------------------------------------- chronology


def chart(site: Path):
    charts = page(site, "chronology.html").xpath("//svg[contains(@class, 'chronology-svg')]")
    assert len(charts) == 1
    return charts[0]


def entries_in_chart(site: Path) -> list[tuple[str, list[float]]]:
    """(href, baselines of its text lines) of each link in the chart, top to bottom."""
    return [
        (link.get("href"), [float(y) for y in link.xpath(".//tspan/@y")])
        for link in chart(site).iter("a")
    ]


def test_chronology_links_every_document_and_event_once(site: Path, project: Path):
    expected = expected_entries(project)
    links = [href for href, _ in entries_in_chart(site)]
    assert sorted(links) == sorted(expected)
    assert len(links) == len(set(links))
    events_page_ids = set(page(site, "events.html").xpath("//@id"))
    for href in links:
        assert (site / href.split("#")[0]).is_file(), href
        if "#" in href:
            assert href.split("#")[1] in events_page_ids, href
    for link in chart(site).iter("a"):
        assert link.text_content().strip(), "every link in the chart has visible text"


def test_chronology_entries_run_in_date_order_without_overlap(site: Path, project: Path):
    dates = expected_entries(project)
    entries = entries_in_chart(site)
    tops = [lines[0] for _, lines in entries]
    assert tops == sorted(tops) and len(set(tops)) == len(tops), "links are drawn top to bottom"
    keys = [date_key(dates[href]) for href, _ in entries]
    assert keys == sorted(keys), "the drawing order is the date order"
    for (_, above), (_, below) in zip(entries, entries[1:], strict=False):
        assert below[0] - above[-1] >= 24, "the label of one entry never runs into the next"


def test_chronology_shows_the_disputed_date(site: Path, project: Path):
    svg = chart(site)
    entry = svg.xpath(f"//g[a/@href = '{DISPUTED_DOCUMENT}.html']")
    assert len(entry) == 1 and "chronology-disputed" in entry[0].get("class")
    assert "24 February 1962" in entry[0].text_content()
    adopted = float(entry[0].xpath("./circle[contains(@class, 'marker-document')]/@cy")[0])
    variants = svg.xpath("//circle[contains(@class, 'marker-variant')]")
    assert len(variants) == 1, "one document of the corpus has a variant date"
    assert svg.xpath("//path[contains(@class, 'variant-link')]"), "joined to the adopted date"
    # The variant (24 February) lies below the adopted date (14 February) and above the
    # next entry of the chronology (13 April).
    entries = entries_in_chart(site)
    position = [href for href, _ in entries].index(f"{DISPUTED_DOCUMENT}.html")
    next_top = entries[position + 1][1][0]
    assert adopted < float(variants[0].get("cy")) < next_top
    item = page(site, "chronology.html").xpath(
        f"//section[@id = 'chronology-list']//li[a/@href = '{DISPUTED_DOCUMENT}.html']"
    )[0]
    assert item.xpath(".//time/@datetime") == ["1962-02-14", "1962-02-24"]
    assert "date disputed" in item.text_content()


def test_chronology_svg_is_accessible_and_scales(site: Path):
    svg = chart(site)
    title, desc = svg.find("title"), svg.find("desc")
    assert title is not None and title.text_content().strip()
    assert desc is not None and desc.text_content().strip()
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == desc.get("id")
    assert svg.get("role") != "img", "role=img would hide the links inside"
    assert svg.get("width") == "100%"
    width = float(svg.get("viewbox").split()[2])  # lxml.html lowers attribute names
    # Text stays at 14 CSS pixels or more down to a drawing 320 pixels wide.
    assert float(svg.get("font-size")) * 320 / width >= 14
    for size in svg.xpath(".//@font-size"):
        assert float(size) >= float(svg.get("font-size"))


def test_chronology_list_repeats_the_chart(site: Path):
    html = page(site, "chronology.html")
    listed = html.xpath("//section[@id = 'chronology-list']//ol/li/a/@href")
    assert listed == [href for href, _ in entries_in_chart(site)]
    years = html.xpath("//section[@id = 'chronology-list']/h3/text()")
    assert years[:3] == ["1950", "1957", "1960"] and years[-1] == "Date not recorded"
    assert html.xpath("//section[@id = 'chronology-list']/h2")


def test_chronology_and_guidelines_are_reproducible(site: Path, tmp_path: Path):
    again = build_html(copy_edition(tmp_path / "again"), SOURCE_DATE_EPOCH=EDITION_SITE_EPOCH)
    for name in ("chronology.html", "encoding.html", "map.html"):
        assert (again / name).read_bytes() == (site / name).read_bytes(), name


# ---------------------------------------------------------------- guidelines


def element_specs(project: Path) -> list[etree._Element]:
    return odd(project).xpath("//t:schemaSpec/t:elementSpec", namespaces=TEI)


def test_guidelines_have_one_article_per_element_spec(site: Path, project: Path):
    idents = sorted((spec.get("ident") for spec in element_specs(project)), key=str.lower)
    html = page(site, "encoding.html")
    articles = html.xpath("//article[contains(@class, 'element-spec')]")
    assert [a.get("id") for a in articles] == [f"element-{i}" for i in idents]
    assert [a.find("h3").text_content() for a in articles] == [f"<{i}>" for i in idents]
    index = html.xpath("//nav[contains(@class, 'element-index')]//a/@href")
    assert index == [f"#element-{i}" for i in idents]


def test_guidelines_show_closed_value_lists(site: Path, project: Path):
    html = page(site, "encoding.html")
    status = html.xpath(
        "//article[@id = 'element-revisionDesc']//tr[th/code = '@status']//code[@class = 'val']"
    )
    assert [c.text for c in status] == [
        "not-examined",
        "partly-summarised",
        "summarised",
        "proofread",
        "published",
    ]
    for spec in element_specs(project):
        for attribute in spec.xpath(".//t:attDef[t:valList/@type = 'closed']", namespaces=TEI):
            row = html.xpath(
                f"//article[@id = 'element-{spec.get('ident')}']"
                f"//tr[th/code = '@{attribute.get('ident')}']"
            )
            assert len(row) == 1, (spec.get("ident"), attribute.get("ident"))
            shown = row[0].xpath(".//dl[@class = 'values']/div/dt/code/text()")
            values = attribute.xpath("t:valList/t:valItem/@ident", namespaces=TEI)
            assert shown == values


def test_guidelines_examples_are_escaped_source(site: Path, project: Path):
    raw = (site / "encoding.html").read_text(encoding="utf-8")
    assert '<code class="language-xml">&lt;revisionDesc status="partly-summarised"&gt;' in raw
    assert EXAMPLES not in raw, "the Examples namespace is stripped"
    html = page(site, "encoding.html")
    blocks = html.xpath("//pre[contains(@class, 'example')]/code")
    examples = odd(project).xpath("//*[local-name() = 'egXML']")
    assert len(blocks) == len(examples)
    for code in blocks:
        assert len(code) == 0, "an example is text, never live markup"
        assert code.text.startswith("<") and not code.text.startswith((" ", "\n"))
    example = html.xpath("//article[@id = 'element-revisionDesc']//pre/code")[0].text
    assert example.splitlines()[1].startswith('  <change when="2026-11-27"'), "indentation kept"


def test_guidelines_render_prose_and_global_attributes(site: Path, project: Path):
    html = page(site, "encoding.html")
    heads = odd(project).xpath("//t:body/t:div/t:head", namespaces=TEI)
    h2 = [h.text_content() for h in html.xpath("//main//h2")]
    for head in heads:
        assert head.text in h2
    assert html.xpath("//a[@href = '#formal']") and html.xpath("//*[@id = 'formal']")
    globals_ = html.xpath("//section[@id = 'att-global']//tbody/tr/th/code/text()")
    assert globals_ == ["@xml:id", "@xml:lang", "@n"]
    assert len(html.xpath("//*[@id = 'att-global']")) == 1


@pytest.mark.parametrize("name", ["chronology.html", "encoding.html"])
def test_headings_do_not_skip_levels_and_ids_are_unique(site: Path, name: str):
    html = page(site, name)
    levels = [
        int(h.tag[1])
        for h in html.xpath(
            "//main//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
        )
    ]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels
    ids = html.xpath("//@id")
    assert len(ids) == len(set(ids))
    targets = {href[1:] for href in html.xpath("//a/@href") if href.startswith("#")}
    assert targets <= set(ids)


# ---------------------------------------------------------------- chronology: filters


INDEXED = ("persons", "places", "organisations", "events")
PHONE = {"width": 390, "height": 844}


def named_entities(project: Path) -> dict[str, set[str]]:
    """The persons, places, organisations and events each document's text and
    correspondence record point to, by the document's page."""
    named = {}
    for path in sorted((project / "tei" / "documents").glob("*.xml")):
        document = etree.parse(str(path))
        refs = document.xpath("//t:text//@ref | //t:correspDesc//@ref", namespaces=TEI)
        named[f"{path.stem}.html"] = {
            ref.split("#")[1]
            for value in refs
            for ref in value.split()
            if "#" in ref and ref.split("#")[0].split("/")[-1].removesuffix(".xml") in INDEXED
        }
    return named


def document_types(project: Path) -> dict[str, str]:
    return {
        f"{path.stem}.html": etree.parse(str(path)).xpath("string(//t:text/@type)", namespaces=TEI)
        for path in sorted((project / "tei" / "documents").glob("*.xml"))
    }


def test_chronology_entries_carry_what_the_filters_choose_from(site: Path, project: Path):
    named, types = named_entities(project), document_types(project)
    html = page(site, "chronology.html")
    # An entry names the entries by the numbers of the filter's options.
    options = html.xpath("//select[@id = 'chronology-entity']//option[@data-n]")
    numbered = {option.get("data-n"): option.get("value") for option in options}
    assert len(numbered) == len(options)
    for entry in chart(site).xpath(".//g[@data-kind = 'item']"):
        (href,) = entry.xpath("a/@href")
        entities = {numbered[n] for n in entry.get("data-entities").split()}
        if href in named:
            assert entities == named[href], href
            assert entry.get("data-type") == types[href], href
        else:
            assert entry.get("data-type") == "event" and href.split("#")[1] in entities
    options = set(html.xpath("//select[@id = 'chronology-entity']//option/@value")) - {""}
    assert set().union(*named.values()) <= options
    types_offered = set(html.xpath("//select[@id = 'chronology-type']/option/@value"))
    assert types_offered == {"", "event", *types.values()}
    # Without the script the form would do nothing: it is hidden, the drawing complete.
    assert html.xpath("//form[@id = 'chronology-filter']/@hidden")


def visible_entries(browser_page) -> list[dict]:
    """The entries the drawing shows, top to bottom, in CSS pixels from the drawing's top."""
    return browser_page.evaluate(
        """() => {
          const svg = document.querySelector('svg.chronology-svg');
          const origin = svg.getBoundingClientRect().top;
          const box = (element) => element.getBoundingClientRect();
          return [...svg.querySelectorAll('g[data-kind="item"]')]
            .filter((g) => box(g).height > 0)
            .map((g) => ({ href: g.querySelector('a').getAttribute('href'),
                           top: box(g.querySelector('text')).top - origin,
                           bottom: box(g.querySelector('text')).bottom - origin,
                           marker: box(g.querySelector('.marker') || g).top - origin }));
        }"""
    )


def visible_list(browser_page) -> list[str]:
    return browser_page.evaluate(
        """() => [...document.querySelectorAll('#chronology-list li')]
          .filter((li) => li.offsetParent !== null)
          .map((li) => li.querySelector('a').getAttribute('href'))"""
    )


def open_chronology(chromium, site: Path, query: str = "", javascript: bool = True):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=javascript)
    browser_page = context.new_page()
    errors: list[str] = []
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    browser_page.goto((site / "chronology.html").as_uri() + query)
    return context, browser_page, errors


def assert_drawn_in_order(entries: list[dict]) -> None:
    for above, below in zip(entries, entries[1:], strict=False):
        assert below["top"] >= above["bottom"], (above["href"], below["href"])


def test_chronology_without_javascript_is_complete(site: Path, project: Path, chromium):
    context, browser_page, _ = open_chronology(chromium, site, "?entity=pl-beijing", False)
    try:
        entries = visible_entries(browser_page)
        assert sorted(e["href"] for e in entries) == sorted(expected_entries(project))
        assert len(visible_list(browser_page)) == len(entries)
        assert not browser_page.is_visible("#chronology-filter")
    finally:
        context.close()


def test_chronology_filters_by_entity_and_type_with_javascript(site: Path, project: Path, chromium):
    named, types = named_entities(project), document_types(project)
    context, browser_page, errors = open_chronology(chromium, site)
    try:
        everything = visible_entries(browser_page)
        assert len(everything) == len(expected_entries(project))
        assert browser_page.is_visible("#chronology-filter")
        browser_page.select_option("#chronology-entity", "pl-beijing")
        shown = visible_entries(browser_page)
        expected = [e["href"] for e in everything if "pl-beijing" in named.get(e["href"], ())]
        assert [e["href"] for e in shown] == expected and expected
        assert visible_list(browser_page) == expected
        assert "entity=pl-beijing" in browser_page.url
        status = browser_page.text_content("#chronology-status")
        assert status == f"{len(expected)} of {len(everything)} entries shown."
        assert_drawn_in_order(shown)
        # The layout closes up: the entries shown take less height than all of them.
        assert (
            shown[-1]["bottom"] - shown[0]["top"] < everything[-1]["bottom"] - everything[0]["top"]
        )

        browser_page.select_option("#chronology-entity", "")
        browser_page.select_option("#chronology-type", "telegram")
        telegrams = [e["href"] for e in everything if types.get(e["href"]) == "telegram"]
        assert [e["href"] for e in visible_entries(browser_page)] == telegrams
        browser_page.select_option("#chronology-type", "event")
        events = [e["href"] for e in everything if e["href"] not in named]
        assert [e["href"] for e in visible_entries(browser_page)] == events

        browser_page.click("#chronology-reset")
        assert len(visible_entries(browser_page)) == len(everything)
        assert "?" not in browser_page.url
        assert browser_page.text_content("#chronology-status") == ""
        assert not errors, errors
    finally:
        context.close()


def test_chronology_zooms_to_a_year_from_the_address(site: Path, project: Path, chromium):
    dates = expected_entries(project)
    context, browser_page, errors = open_chronology(chromium, site)
    try:
        everything = {e["href"]: e for e in visible_entries(browser_page)}
    finally:
        context.close()
    # The layout the script makes with nothing chosen is the one drawn at build time.
    context, browser_page, _ = open_chronology(chromium, site, javascript=False)
    try:
        unscripted = {e["href"]: e for e in visible_entries(browser_page)}
        assert {h: round(e["top"]) for h, e in unscripted.items()} == {
            h: round(e["top"]) for h, e in everything.items()
        }
    finally:
        context.close()
    context, browser_page, errors = open_chronology(chromium, site, "?year=1962")
    try:
        assert browser_page.input_value("#chronology-year") == "1962"
        zoomed = visible_entries(browser_page)
        in_1962 = [h for h in everything if dates[h].startswith("1962")]
        assert [e["href"] for e in zoomed] == in_1962
        assert_drawn_in_order(zoomed)
        # Drawn at a larger scale: two entries of the year lie further apart.
        first, second = zoomed[0], zoomed[1]
        before = everything[second["href"]]["marker"] - everything[first["href"]]["marker"]
        assert second["marker"] - first["marker"] > before
        assert not errors, errors
    finally:
        context.close()
