"""Tests of the map page of the web edition (map.html, xslt/html/map.xsl).

What the map must show is read from the TEI sources with lxml, independently of the
stylesheet: the places with coordinates, how many documents name each, and the places of
sending and receiving of each document. The repository's edition is the session's site
(conftest.edition_site); the drawing is measured in headless Chromium with JavaScript off,
since the map needs none; new projects made by `cables init` are built on their own.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from lxml import etree

from conftest import build_html, copy_edition, init_project, replace_in

pytestmark = pytest.mark.slow

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


# ---------------------------------------------------------------- sources


def project_of(site: Path) -> Path:
    return site.parent.parent


def coordinates(project: Path) -> dict[str, tuple[float, float]]:
    """Each place of the authority file with a location/geo: (latitude, longitude)."""
    places = etree.parse(str(project / "tei" / "authority" / "places.xml"))
    found = {}
    for place in places.xpath("//t:place[t:location/t:geo]", namespaces=TEI):
        latitude, longitude = place.xpath("string(t:location/t:geo)", namespaces=TEI).split()
        found[place.get(XML_ID)] = (float(latitude), float(longitude))
    return found


def documents(project: Path) -> dict[str, etree._ElementTree]:
    return {
        path.stem: etree.parse(str(path))
        for path in sorted((project / "tei" / "documents").glob("*.xml"))
    }


def place_id(element: etree._Element) -> str:
    return element.get("ref", "").split("#")[-1]


def naming(project: Path) -> dict[str, set[str]]:
    """The documents that name each place anywhere (text or header), by the place's id."""
    named: dict[str, set[str]] = {}
    for stem, document in documents(project).items():
        for ref in document.xpath("//@ref[contains(., 'places.xml#')]"):
            named.setdefault(ref.split("#")[-1], set()).add(stem)
    return named


def expected_lines(project: Path) -> dict[tuple[str, str, bool], set[str]]:
    """(from, to, uncertain) -> the documents sent between two places with coordinates;
    uncertain where either place carries a @cert (the corpus uses "medium")."""
    mapped = coordinates(project)
    lines: dict[tuple[str, str, bool], set[str]] = {}
    for stem, document in documents(project).items():

        def places(action: str, document=document) -> list[etree._Element]:
            return document.xpath(
                f"//t:correspAction[@type = '{action}']/t:placeName", namespaces=TEI
            )

        for sent in places("sent"):
            for received in places("received"):
                ends = place_id(sent), place_id(received)
                if ends[0] in mapped and ends[1] in mapped and ends[0] != ends[1]:
                    uncertain = sent.get("cert") is not None or received.get("cert") is not None
                    lines.setdefault((*ends, uncertain), set()).add(stem)
    return lines


def number(project: Path, stem: str) -> str:
    return documents(project)[stem].getroot().get("n")


# ---------------------------------------------------------------- the page


def page(site: Path, name: str = "map.html"):
    return lxml.html.parse(str(site / name)).getroot()


def drawing(site: Path):
    (svg,) = page(site).xpath("//svg[contains(@class, 'map-svg')]")
    return svg


def resolves(site: Path, href: str) -> bool:
    """Whether a link of the site leads to a file and, with a fragment, to an id in it."""
    parts = urlsplit(href)
    target = site / unquote(parts.path)
    if not target.is_file():
        return False
    return not parts.fragment or bool(
        page(site, parts.path).xpath(f"//*[@id = '{parts.fragment}']")
    )


def test_the_map_is_a_page_of_the_navigation(edition_site: Path) -> None:
    for name in ("index.html", "chronology.html", "map.html"):
        assert page(edition_site, name).xpath("//header//nav//a[@href = 'map.html']"), name
    current = page(edition_site).xpath("//header//nav//a[@aria-current = 'page']/@href")
    assert current == ["map.html"]


def test_every_place_with_coordinates_is_a_circle_linked_to_its_entry(edition_site: Path) -> None:
    project = project_of(edition_site)
    expected = coordinates(project)
    named = naming(project)
    links = drawing(edition_site).xpath(".//a[contains(@class, 'map-place')]")
    assert sorted(link.get("data-place") for link in links) == sorted(expected)
    circles = {}
    for link in links:
        (circle,) = link.xpath("circle")
        circles[link.get("data-place")] = tuple(float(circle.get(a)) for a in ("cx", "cy", "r"))
        assert resolves(edition_site, link.get("href")), link.get("href")
        assert link.get("data-place") in link.get("href"), "the link leads to the place's entry"
        assert link.text_content().strip(), "each place is labelled with its name"
    # The projection keeps west left of east and north above south.
    by_longitude = sorted(expected, key=lambda i: expected[i][1])
    assert sorted(expected, key=lambda i: circles[i][0]) == by_longitude
    by_latitude = sorted(expected, key=lambda i: -expected[i][0])
    assert sorted(expected, key=lambda i: circles[i][1]) == by_latitude
    # A place named by more documents has the larger circle; equal counts, equal circles.
    for one in expected:
        for other in expected:
            more = len(named.get(one, ())) - len(named.get(other, ()))
            size = circles[one][2] - circles[other][2]
            assert (more > 0) == (size > 0) and (more == 0) == (size == 0), (one, other)


def test_documents_are_drawn_from_sender_to_addressee(edition_site: Path) -> None:
    project = project_of(edition_site)
    expected = expected_lines(project)
    assert expected, "the corpus has documents sent between places with coordinates"
    drawn = {}
    for line in drawing(edition_site).xpath(
        ".//g[contains(concat(' ', @class, ' '), ' map-line ')]"
    ):
        (path,) = line.xpath("path")
        uncertain = "map-line-uncertain" in line.get("class")
        assert (path.get("stroke-dasharray") is not None) == uncertain
        assert path.get("marker-end") == "url(#map-arrow)", "every line has an arrowhead"
        key = (line.get("data-from"), line.get("data-to"), uncertain)
        drawn[key] = (line.findtext("title"), float(path.get("stroke-width")))
    assert set(drawn) == set(expected)
    for key, stems in expected.items():
        title, _ = drawn[key]
        for stem in stems:
            assert f"no. {number(project, stem)}" in title, (key, stem)
        # The thicker line stands for more documents.
        for other, others in expected.items():
            if len(stems) > len(others):
                assert drawn[key][1] > drawn[other][1], (key, other)
    markers = drawing(edition_site).xpath(".//marker[@id = 'map-arrow']")
    assert len(markers) == 1


def test_the_tables_say_what_the_drawing_shows(edition_site: Path) -> None:
    project = project_of(edition_site)
    html = page(edition_site)
    svg = drawing(edition_site)
    title, desc = svg.find("title"), svg.find("desc")
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == desc.get("id")
    assert svg.get("role") != "img", "role=img would hide the links inside"
    named = naming(project)
    rows = html.xpath("//table[contains(@class, 'map-places-table')]/tbody/tr")
    places = coordinates(project)
    assert sorted(row.get("data-place") for row in rows) == sorted(places)
    for row in rows:
        latitude, longitude, count = (cell.text_content() for cell in row.findall("td"))
        assert (float(latitude), float(longitude)) == places[row.get("data-place")]
        assert int(count) == len(named.get(row.get("data-place"), ()))
    lines = html.xpath("//table[contains(@class, 'map-lines-table')]/tbody/tr")
    expected = expected_lines(project)
    assert len(lines) == len(expected)
    for row in lines:
        hrefs = row.xpath("td[4]/a/@href")
        uncertain = "(place not certain)" in row.text_content()
        stems = expected[(row.get("data-from"), row.get("data-to"), uncertain)]
        assert sorted(hrefs) == sorted(f"{stem}.html" for stem in stems)
        assert all(resolves(edition_site, href) for href in row.xpath(".//a/@href"))
    # The places of the index without coordinates are named, not silently left out.
    unmapped = html.xpath("string(//p[contains(@class, 'map-unmapped')])")
    assert "Romania" in unmapped and "Eastern Europe" in unmapped
    assert not html.xpath("//script[@src]"), "the map runs no script"


LABEL_BOXES = """() => {
  const box = (element) => { const b = element.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom}; };
  return {
    svg: box(document.querySelector('svg.map-svg')),
    labels: [...document.querySelectorAll('a.map-place')].map((place) => ({
      id: place.dataset.place, label: box(place.querySelector('text')),
      circle: box(place.querySelector('circle')),
      size: parseFloat(getComputedStyle(place.querySelector('text')).fontSize)
        * place.querySelector('text').getScreenCTM().a })),
  };
}"""


def overlap(one: dict[str, float], other: dict[str, float]) -> float:
    width = min(one["right"], other["right"]) - max(one["left"], other["left"])
    height = min(one["bottom"], other["bottom"]) - max(one["top"], other["top"])
    return max(0.0, width) * max(0.0, height)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_labels_are_legible_and_do_not_collide(edition_site: Path, chromium, viewport) -> None:
    context = chromium.new_context(viewport=viewport, java_script_enabled=False)
    try:
        browser_page = context.new_page()
        browser_page.goto((edition_site / "map.html").as_uri())
        measured = browser_page.evaluate(LABEL_BOXES)
        # The map is followed by a link to a place: without JavaScript it leads there.
        first = measured["labels"][0]["id"]
        browser_page.click(f"a.map-place[data-place='{first}']")
        assert first in browser_page.url
    finally:
        context.close()
    svg, labels = measured["svg"], measured["labels"]
    assert svg["right"] <= viewport["width"], "the drawing fits the screen"
    for place in labels:
        assert place["size"] >= 13, f"{place['id']} is labelled at {place['size']:.1f} px"
        label = place["label"]
        assert svg["left"] <= label["left"] and label["right"] <= svg["right"] + 0.5, place
        assert svg["top"] <= label["top"] and label["bottom"] <= svg["bottom"] + 0.5, place
        for other in labels:
            if other is not place:
                assert overlap(label, other["label"]) == 0, (place["id"], other["id"])
                assert overlap(label, other["circle"]) == 0, (place["id"], other["id"])


@pytest.mark.parametrize("example", [True, False], ids=["example", "empty"])
def test_a_new_project_has_a_map_or_says_why_not(tmp_path: Path, example: bool) -> None:
    """`cables init --example` has one place with coordinates: a map of one circle (a
    bounding box of one point is widened, not divided by zero). Without the example there
    are no places: the page says there is no map to draw rather than drawing an empty one."""
    site = build_html(init_project(tmp_path / "new", example=example))
    html = page(site)
    circles = html.xpath("//svg[contains(@class, 'map-svg')]//a[contains(@class, 'map-place')]")
    if example:
        assert len(circles) == 1 and resolves(site, circles[0].get("href"))
        (circle,) = circles[0].xpath("circle")
        viewbox = [float(n) for n in html.xpath("//svg/@viewbox")[-1].split()]
        assert 0 < float(circle.get("cx")) < viewbox[2] and 0 < float(circle.get("cy")) < viewbox[3]
    else:
        assert not html.xpath("//svg[contains(@class, 'map-svg')]")
        assert "no place of the index has coordinates" in html.text_content().lower()
    assert html.xpath("//header//nav//a[@href = 'map.html']")


def test_a_place_of_uncertain_coordinates_is_drawn_apart(tmp_path: Path) -> None:
    """The edition's own schema has no @cert on geo, but TEI from elsewhere (lenient
    validation) may: such a place is a dashed outline, and the legend and table say so."""
    project = copy_edition(tmp_path / "edition")
    places = project / "tei" / "authority" / "places.xml"
    replace_in(places, "<geo>55.76 37.62</geo>", '<geo cert="medium">55.76 37.62</geo>')
    replace_in(project / "edition.toml", "[check]\n", '[check]\nvalidation = "lenient"\n')
    html = page(build_html(project))
    (moscow,) = html.xpath("//svg//a[@data-place = 'pl-moscow']")
    assert "map-place-uncertain" in moscow.get("class")
    assert moscow.find("circle").get("stroke-dasharray")
    others = html.xpath("//svg//a[contains(@class, 'map-place')][@data-place != 'pl-moscow']")
    assert others and not any(other.find("circle").get("stroke-dasharray") for other in others)
    legend = html.xpath("string(//ul[contains(@class, 'map-legend')])")
    assert "coordinates are uncertain" in legend
    (row,) = html.xpath("//tr[@data-place = 'pl-moscow']")
    assert "coordinates uncertain" in row.text_content()
