"""The web edition as readers and machines meet it: valid, accessible, self-contained pages.

The site is built once per module from a copy of the repository's edition and checked with
the Nu Html Checker, axe-core in headless Chromium, and plain parsing of every page.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html

from cables.config import load_edition
from cables.corpus import SITE_OUTPUTS, corpus_files, output_names
from cables.site import build_site
from cables.transform import Stylesheets
from conftest import REPOSITORY, SHARED, build_html, copy_edition

# A fixed build date, so that the date every page shows is known.
SOURCE_DATE_EPOCH = 1767225600
BUILD_DATE = datetime.fromtimestamp(SOURCE_DATE_EPOCH, UTC).date()

# Test tools: Debian's chromium and Java, npm's vnu-jar and axe-core (`make test` installs them).
NODE_MODULES = REPOSITORY / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}

EXTERNAL_TEI = SHARED / "external" / "tei"
TEI_NS = "http://www.tei-c.org/ns/1.0"

# The site is flat: one page per TEI file, named after it, plus the generated pages.
DOCUMENT_PAGES = sorted(
    f"{path.stem}.html" for path in (REPOSITORY / "tei/documents").glob("*.xml")
)
FRONT_PAGES = sorted(f"{path.stem}.html" for path in (REPOSITORY / "tei/front").glob("*.xml"))
GENERATED_PAGES = [
    "index.html",
    "persons.html",
    "places.html",
    "organisations.html",
    "events.html",
    "bibliography.html",
    "chronology.html",
    "map.html",
    "search.html",
    "encoding.html",
    "changes.html",
]
# One entity page of each kind (every one is checked by vnu, which reads the whole site).
ENTITY_PAGES = [
    "persons/per-khrushchev.html",
    "places/pl-beijing.html",
    "organisations/org-chinese-embassy-romania.html",
    "events/ev-22nd-cpsu-congress.html",
]
ALL_PAGES = GENERATED_PAGES + FRONT_PAGES + DOCUMENT_PAGES + ENTITY_PAGES
# One page of each kind, for the checks that look at layout rather than content.
PAGE_TYPES = {
    "home": "index.html",
    "document": DOCUMENT_PAGES[0],
    "persons": "persons.html",
    "person": ENTITY_PAGES[0],
    "places": "places.html",
    "organisations": "organisations.html",
    "events": "events.html",
    "chronology": "chronology.html",
    "map": "map.html",
    "search": "search.html",
    "introduction": "introduction.html",
    "bibliography": "bibliography.html",
    "encoding": "encoding.html",
}

# Elements that would make the browser load something by themselves (not plain links).
LOADING_ATTRIBUTES = [
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),
    ("use", "href"),
]
LOCAL_SCHEMES = {"", "file", "data", "about", "blob"}


# ------------------------------------------------------------------ building


def build_site_html(project: Path) -> Path:
    """Run `cables build html` in `project` as a user would, with a fixed build date."""
    site = build_html(project, SOURCE_DATE_EPOCH=str(SOURCE_DATE_EPOCH))
    assert (site / "index.html").is_file(), f"no index.html in {site}"
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site_html(copy_edition(tmp_path_factory.mktemp("first") / "edition"))


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, html.HtmlElement]:
    """Every HTML page of the site, parsed, by its path relative to the site."""
    return {
        path.relative_to(site).as_posix(): html.parse(str(path)).getroot()
        for path in sorted(site.rglob("*.html"))
    }


def edition_facts() -> dict:
    return tomllib.loads((REPOSITORY / "edition.toml").read_text(encoding="utf-8"))["edition"]


# ------------------------------------------------------------------ the build itself


@pytest.mark.slow
def test_every_expected_page_is_built(site: Path) -> None:
    missing = [name for name in ALL_PAGES if not (site / name).is_file()]
    assert not missing, f"pages not built: {missing}"
    assert (site / "assets" / "edition.css").is_file(), "the stylesheet is not copied"


@pytest.mark.slow
def test_the_sites_own_names_are_the_ones_check_protects(site: Path) -> None:
    # cables check refuses a corpus file whose page would take one of SITE_OUTPUTS
    # [output-name-collision]; the list must be what the site really writes.
    edition = load_edition(site.parent.parent)
    corpus = {name for path, kind in corpus_files(edition) for name in output_names(path, kind)}
    own = {
        entry.name
        for entry in site.iterdir()
        if entry.name not in corpus
        and not re.fullmatch(r"search-(index|terms|text)-[0-9-]+\.js", entry.name)
    }
    # pdf/ and epub/ only when the books were built first, the sitemap only when base_url
    # is set.
    optional = {"pdf", "epub", "sitemap.xml"}
    assert own - set(SITE_OUTPUTS) == set(), "pages the check does not know"
    assert set(SITE_OUTPUTS) - optional - own == set(), "names the site no longer writes"


@pytest.mark.slow
def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    other = build_site_html(copy_edition(tmp_path / "second"))

    def files(root: Path) -> dict[str, bytes]:
        return {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }

    first, second = files(site), files(other)
    assert sorted(first) == sorted(second), "the two builds hold different files"
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"files that differ between two builds: {differing}"


# ------------------------------------------------------------------ validity


@pytest.mark.slow
def test_every_page_is_valid_html(site: Path) -> None:
    """The Nu Html Checker, one JVM for the whole site; it also checks the CSS."""
    java = shutil.which("java")
    assert java, "Java is missing: run `make test`, which installs default-jre-headless"
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: run `make test`, which runs npm ci"
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--skip-non-html",
            "--also-check-css",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu names files "file:/path"; the site's folder is left out to keep the report short.
    report = (result.stdout + result.stderr).replace(f'"file:{site}/', '"')
    assert result.returncode == 0, f"the Nu Html Checker found errors:\n{report}"


# ------------------------------------------------------------------ links and resources


def _scheme(url: str) -> str:
    return "//" if url.startswith("//") else urlsplit(url).scheme


def _is_network(url: str) -> bool:
    return _scheme(url) not in LOCAL_SCHEMES


def _folder(site: Path, name: str, root: html.HtmlElement) -> Path:
    """The folder a page's relative links start from: its own, or its <base href>."""
    base = root.xpath("//head/base/@href")
    return (site / name).parent / (base[0] if base else "")


def _urls(attribute: str, value: str) -> list[str]:
    """The addresses in an attribute: srcset holds "url width, url width", others one URL."""
    if attribute.endswith("srcset"):
        return [part.split()[0] for part in value.split(",") if part.strip()]
    return [value.strip()] if value.strip() else []


@pytest.mark.slow
def test_every_internal_link_and_anchor_resolves(
    site: Path, pages: dict[str, html.HtmlElement]
) -> None:
    ids = {name: set(root.xpath("//@id")) for name, root in pages.items()}
    broken = []
    for name, root in pages.items():
        for element in root.xpath("//a[@href] | //area[@href]"):
            href = element.get("href")
            if _scheme(href):
                continue  # a web address, mailto: and the like: not part of the site
            parts = urlsplit(href)
            target = name
            if parts.path:
                path = _folder(site, name, root) / unquote(parts.path)
                if not path.is_file():
                    broken.append(f"{name}: {href} (no such file)")
                    continue
                target = path.resolve().relative_to(site.resolve()).as_posix()
            elif _folder(site, name, root) != (site / name).parent:
                broken.append(f"{name}: {href} (leads to the folder of its <base>)")
                continue
            if parts.fragment and target.endswith(".html"):
                if unquote(parts.fragment) not in ids.get(target, set()):
                    broken.append(f"{name}: {href} (no id {parts.fragment!r} in {target})")
    assert not broken, "broken links:\n" + "\n".join(broken)


@pytest.mark.slow
def test_no_page_loads_anything_from_the_network(
    site: Path, pages: dict[str, html.HtmlElement]
) -> None:
    """Scripts, styles, images and frames are local files; plain links may go anywhere."""
    problems = []
    for name, root in pages.items():
        for tag, attribute in LOADING_ATTRIBUTES:
            for element in root.iter(tag):
                for key in (attribute, f"xlink:{attribute}"):
                    for url in _urls(key, element.get(key) or ""):
                        if _is_network(url):
                            problems.append(f"{name}: <{tag} {key}={url!r}> loads from the network")
                        elif not _scheme(url) and not url.startswith("#"):
                            local = _folder(site, name, root) / unquote(urlsplit(url).path)
                            if not local.is_file():
                                problems.append(f"{name}: <{tag} {key}={url!r}> is missing")
        for style in root.xpath("//style/text() | //@style"):
            if re.search(r"url\(\s*['\"]?(https?:)?//|@import", style):
                problems.append(f"{name}: a style loads from elsewhere: {style!r}")
    for stylesheet in site.rglob("*.css"):
        text = stylesheet.read_text(encoding="utf-8")
        for match in re.finditer(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)|@import[^;]*;", text):
            problems.append(f"{stylesheet.relative_to(site)}: {match.group(0)}")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ metadata


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_PAGES)
def test_every_page_carries_metadata(name: str, pages: dict[str, html.HtmlElement]) -> None:
    root = pages[name]
    metas = {meta.get("name"): meta.get("content") for meta in root.xpath("//head/meta[@name]")}
    for required in ("DC.title", "DC.publisher", "DC.language", "DC.rights", "citation_title"):
        assert metas.get(required), f"{name} has no <meta name={required!r}>"
    assert any(key.startswith("citation_") and key != "citation_title" for key in metas)
    scripts = root.xpath("//script[@type='application/ld+json']")
    assert len(scripts) == 1, f"{name} has {len(scripts)} JSON-LD scripts"
    data = json.loads(scripts[0].text)
    assert data.get("@context") and data.get("@type") and data.get("name"), data


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_PAGES)
def test_every_page_shows_version_and_build_date(
    name: str, pages: dict[str, html.HtmlElement]
) -> None:
    footer = pages[name].xpath("//footer")
    assert footer, f"{name} has no footer"
    text = " ".join(footer[-1].text_content().split())
    version = edition_facts()["version"]
    assert version in text, f"{name}: version {version} not in the footer: {text!r}"
    # The version leads to the page of the edition's changes.
    links = [a.get("href") for a in footer[-1].iter("a") if a.text_content().strip() == version]
    assert links == ["changes.html"], f"{name}: the version links to {links}"
    spellings = {
        BUILD_DATE.isoformat(),
        f"{BUILD_DATE.day} {BUILD_DATE:%B %Y}",
        f"{BUILD_DATE:%B} {BUILD_DATE.day}, {BUILD_DATE.year}",
    }
    assert any(date in text for date in spellings), (
        f"{name}: the build date {BUILD_DATE} is not in the footer: {text!r}"
    )


@pytest.mark.slow
def test_sitemap_lists_every_page(site: Path) -> None:
    """The sitemap protocol wants absolute addresses: a site without base_url has none
    (tests/test_downloads.py builds one with a base_url and checks its sitemap)."""
    sitemap = site / "sitemap.xml"
    base = edition_facts().get("base_url", "")
    if not base:
        assert not sitemap.exists(), "a sitemap without base_url cannot give absolute addresses"
        return
    assert sitemap.is_file(), "no sitemap.xml"
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = etree.parse(str(sitemap)).xpath("//s:url/s:loc/text()", namespaces=namespace)
    listed = {location.removeprefix(base) for location in locations}
    built = {path.relative_to(site).as_posix() for path in site.rglob("*.html")}
    assert listed == built, (
        f"built but not listed: {sorted(built - listed)}; listed but not built: "
        f"{sorted(listed - built)}"
    )


# ------------------------------------------------------------------ in the browser


@pytest.fixture(scope="module")
def browser(chromium):
    """The session's Chromium (conftest.chromium)."""
    return chromium


class Visit:
    """A page opened from disk, with every request and script error it caused."""

    def __init__(self, browser, url: str, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport)
        # Anything that tries to reach the network is stopped here and reported below.
        self.context.route(re.compile(r"^(https?|wss?|ftp)://"), lambda route: route.abort())
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "requestfailed",
            lambda request: self.failures.append(f"{request.url}: {request.failure}"),
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url, wait_until="load")

    def close(self) -> None:
        self.context.close()

    def network_requests(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).scheme not in LOCAL_SCHEMES]


@pytest.fixture
def visit(browser) -> Iterator:
    opened: list[Visit] = []

    def open_page(url: str, viewport: dict[str, int] = VIEWPORTS["desktop"]) -> Visit:
        opened.append(Visit(browser, url, viewport))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


@pytest.mark.slow
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", ALL_PAGES)
def test_axe_finds_no_accessibility_violations(name: str, viewport: str, site: Path, visit) -> None:
    """At both widths: on a phone the home table and the guidelines' tables are cards."""
    assert AXE_SCRIPT.is_file(), f"{AXE_SCRIPT} is missing: run `make test`, which runs npm ci"
    opened = visit((site / name).as_uri(), VIEWPORTS[viewport])
    opened.page.add_script_tag(path=str(AXE_SCRIPT))
    violations = opened.page.evaluate(
        """async () => {
          const results = await axe.run(document, {resultTypes: ['violations']});
          return results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)
          }));
        }"""
    )
    report = "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in violations
    )
    assert not violations, f"axe-core found violations on {name} at {viewport} width:\n{report}"


@pytest.mark.slow
def test_search_runs_in_the_browser_from_disk(site: Path, visit) -> None:
    """The parts of the index load from file:// and a query lists its results."""
    opened = visit((site / "search.html").as_uri() + "?q=romania")
    opened.page.wait_for_selector("#search-results li", timeout=10_000)
    results = opened.page.locator("#search-results li").count()
    status = opened.page.locator("#search-status").inner_text()
    assert results > 0 and "could not be loaded" not in status, status
    assert not opened.errors and not opened.failures


@pytest.mark.slow
def test_search_says_so_when_a_part_of_the_index_is_missing(
    site: Path, visit, tmp_path: Path
) -> None:
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    (broken / "search-index-0.js").unlink()
    opened = visit((broken / "search.html").as_uri() + "?q=romania")
    status = opened.page.locator("#search-status")
    assert "could not be loaded" in status.inner_text()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.mark.slow
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_renders_at_phone_and_desktop_width(
    page_type: str, viewport: str, site: Path, screenshots: Path, visit
) -> None:
    from PIL import Image

    size = VIEWPORTS[viewport]
    opened = visit((site / PAGE_TYPES[page_type]).as_uri(), size)
    page = opened.page
    shot = screenshots / f"{page_type}-{viewport}.png"
    page.screenshot(path=str(shot))

    assert not opened.network_requests(), f"requests to the network: {opened.network_requests()}"
    assert not opened.failures, f"resources that failed to load: {opened.failures}"
    assert not opened.errors, f"script errors: {opened.errors}"
    # The stylesheet is applied (its font stack is in force), so this is the designed page.
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Serif" in font, f"edition.css not applied: body font is {font!r}"

    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 32, f"{shot} looks blank ({len(colours)} colours)"
    assert page.evaluate("document.body.scrollHeight") > 400
    heading = page.locator("h1").first
    assert heading.is_visible(), "the main heading is not visible"
    box = heading.bounding_box()
    assert box and 0 <= box["y"] < size["height"], f"the main heading is off screen: {box}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 1, box
    # Responsive: nothing makes the whole page scroll sideways (wide tables scroll alone).
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the {viewport} screen"


@pytest.mark.slow
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_keyboard_focus_skip_link_and_name_descriptions(viewport: str, site: Path, visit) -> None:
    size = VIEWPORTS[viewport]
    page = visit((site / PAGE_TYPES["document"]).as_uri(), size).page

    def inside_viewport(box: dict | None) -> bool:
        return (
            bool(box)
            and box["x"] >= 0
            and box["y"] >= 0
            and (
                box["x"] + box["width"] <= size["width"] + 1
                and box["y"] + box["height"] <= size["height"] + 1
            )
        )

    def outline(locator) -> tuple[str, float]:
        style = locator.evaluate(
            "e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]"
        )
        return style[0], style[1]

    skip = page.locator("a.skip-link")
    assert not inside_viewport(skip.bounding_box()), "the skip link shows before it has focus"
    page.keyboard.press("Tab")
    assert skip.evaluate("e => e === document.activeElement"), "Tab does not reach the skip link"
    assert inside_viewport(skip.bounding_box()), "the focused skip link is not on screen"
    style, width = outline(skip)
    assert style != "none" and width >= 2, f"no visible focus outline: {style} {width}px"

    name = page.locator("main a.name").first
    tip = name.locator(".tip")
    assert not tip.is_visible(), "a name's description shows without hover or focus"
    name.scroll_into_view_if_needed()
    name.focus()
    page.wait_for_timeout(50)
    assert tip.is_visible(), "a name's description does not show on keyboard focus"
    assert inside_viewport(tip.bounding_box()), f"the description is cut off: {tip.bounding_box()}"
    style, width = outline(name)
    assert style != "none" and width >= 2, f"no visible focus outline on a name: {style}"

    page.evaluate("document.activeElement.blur()")
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    name.hover()
    assert tip.is_visible(), "a name's description does not show on hover"
    assert inside_viewport(tip.bounding_box()), f"the description is cut off: {tip.bounding_box()}"


# ------------------------------------------------------------------ phone and desktop layout

# Measures, in the browser, what a reader would have to scroll sideways to see: the page
# itself, any element whose right edge passes the screen's, and any box that cuts its
# content off. A box that scrolls sideways on purpose is allowed when it shows the cue of
# edition.css (shadows drawn with a background that scrolls with the content), and so is
# what it holds; so is what is clipped to nothing on purpose (a card table's headings).
OVERFLOW_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const page = document.documentElement.scrollWidth;
  if (page > width) problems.push(`the page is ${page - width}px wider than the screen`);
  const describe = (e) => {
    const classes = e.classList.length ? "." + [...e.classList].join(".") : "";
    return `<${e.tagName.toLowerCase()}${classes}> "${e.textContent.trim().slice(0, 40)}"`;
  };
  const cued = (e) => {
    const style = getComputedStyle(e);
    return ["auto", "scroll"].includes(style.overflowX)
      && style.backgroundAttachment.includes("local");
  };
  const clipped = (e) => getComputedStyle(e).clipPath !== "none";
  for (const element of document.body.querySelectorAll("*")) {
    let skip = clipped(element);
    for (let up = element.parentElement; up && !skip; up = up.parentElement) {
      skip = cued(up) || clipped(up);
    }
    const box = element.getBoundingClientRect();
    if (skip || box.width === 0 || box.height === 0) continue;
    if (box.right > width + 0.5) {
      problems.push(`${describe(element)} ends at ${Math.round(box.right)}px`);
    }
    const cut = element.scrollWidth - element.clientWidth;
    if (getComputedStyle(element).overflowX !== "visible" && cut > 1 && !cued(element)) {
      problems.push(`${describe(element)} cuts off ${cut}px of its content`);
    }
  }
  return problems;
}"""


@pytest.mark.slow
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", ALL_PAGES)
def test_nothing_on_a_page_needs_sideways_scrolling(
    name: str, viewport: str, site: Path, visit
) -> None:
    page = visit((site / name).as_uri(), VIEWPORTS[viewport]).page
    problems = page.evaluate(OVERFLOW_SCRIPT)
    assert not problems, f"{name} at {viewport} width:\n" + "\n".join(problems[:20])


def label_table() -> dict[str, str]:
    labels = etree.parse(str(REPOSITORY / "xslt/common/labels.xml")).getroot()
    return {label.get("key"): label.text or "" for label in labels.iter("{*}label")}


def home_expectations() -> list[dict]:
    """What the home page must show of each document, read from the TEI, in date order."""
    labels = label_table()
    documents = []
    for path in sorted((REPOSITORY / "tei/documents").glob("*.xml")):
        root = etree.parse(str(path)).getroot()
        actions = root.xpath(
            ".//tei:correspAction/*[@cert][not(self::tei:placeName or self::tei:settlement)]",
            namespaces={"tei": TEI_NS},
        )
        documents.append(
            {
                "page": f"{path.stem}.html",
                "number": labels["document-number"].replace("{1}", root.get("n")),
                "certainty": sorted(
                    {labels[f"certainty-{party.get('cert')}"] for party in actions}
                    - {labels.get("certainty-high")}
                ),
            }
        )
    return documents


@pytest.mark.slow
def test_home_shows_every_document_as_a_card_on_a_phone(site: Path, visit) -> None:
    size = VIEWPORTS["phone"]
    page = visit((site / "index.html").as_uri(), size).page
    rows = page.locator("table.documents tbody tr")
    expected = home_expectations()
    assert rows.count() == len(expected)
    for row, document in zip(rows.all(), expected, strict=True):
        kinds = ("number", "date", "title", "parties", "status-cell")
        cells = {kind: row.locator(f"td.{kind}") for kind in kinds}
        for kind, cell in cells.items():
            assert cell.is_visible(), f"{document['page']}: the {kind} is not shown"
            box = cell.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= size["width"], (
                f"{document['page']}: the {kind} is not within the screen: {box}"
            )
        assert cells["number"].inner_text() == document["number"]
        assert cells["title"].locator("a").get_attribute("href") == document["page"]
        parties = cells["parties"].inner_text()
        assert "→" in parties, parties
        for word in document["certainty"]:
            assert f"({word})" in parties, f"{document['page']}: no '{word}' in {parties!r}"
        assert cells["status-cell"].inner_text().strip(), f"{document['page']}: no status"
    # A card, not a squeezed table: each cell starts below the row's first line.
    first = rows.first
    title = first.locator("td.title").bounding_box()
    date = first.locator("td.date").bounding_box()
    assert title and date and title["y"] > date["y"], "the row is not laid out as a card"


@pytest.mark.slow
def test_home_is_a_table_with_a_number_column_at_desktop_width(site: Path, visit) -> None:
    page = visit((site / "index.html").as_uri(), VIEWPORTS["desktop"]).page
    table = page.locator("table.documents")
    assert table.evaluate("e => getComputedStyle(e).display") == "table"
    headings = page.locator("table.documents thead th")
    assert headings.first.is_visible()
    assert headings.all_inner_texts()[0] == label_table()["column-number"]
    numbers = page.locator("table.documents td.number").all_inner_texts()
    assert numbers == [document["number"] for document in home_expectations()]


# ------------------------------------------------------------------ descriptions of names


def _pointer_onto_tip(page, name, tip) -> None:
    """Move the pointer in small steps from the start of a name (its first line, where
    its description is anchored) straight to its description, then across it."""
    line = name.evaluate(
        "e => { const r = e.getClientRects()[0]; return {x: r.x, y: r.y, height: r.height}; }"
    )
    box = tip.bounding_box()
    assert box
    x = line["x"] + 4
    page.mouse.move(x, line["y"] + line["height"] / 2)
    page.mouse.move(x, box["y"] + box["height"] / 2, steps=12)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=6)


@pytest.mark.slow
def test_name_descriptions_are_hoverable_dismissible_and_persistent(site: Path, visit) -> None:
    """WCAG 2.2 SC 1.4.13, with the pointer: on a document page at desktop width."""
    page = visit((site / PAGE_TYPES["document"]).as_uri()).page
    name = page.locator("main .text a.name").first
    tip = name.locator(".tip")
    name.scroll_into_view_if_needed()
    name.hover()
    assert tip.is_visible(), "hovering a name does not show its description"
    _pointer_onto_tip(page, name, tip)
    assert tip.is_visible(), "the description vanishes when the pointer moves onto it"
    page.wait_for_timeout(1500)
    assert tip.is_visible(), "the description does not persist while the pointer is on it"

    page.evaluate("window.focusedBefore = document.activeElement")
    page.keyboard.press("Escape")
    assert not tip.is_visible(), "Escape does not dismiss the description"
    assert page.evaluate("document.activeElement === window.focusedBefore"), "Escape moved focus"

    page.mouse.move(0, 0)
    name.hover()
    assert tip.is_visible(), "a dismissed description does not come back on a new hover"


@pytest.mark.slow
def test_name_descriptions_show_on_keyboard_focus_and_escape_keeps_focus(site: Path, visit) -> None:
    page = visit((site / PAGE_TYPES["document"]).as_uri()).page
    for _ in range(200):  # Tab through the page until a name has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('main a.name')"):
            break
    else:
        pytest.fail("Tab never reaches a name")
    name = page.locator("main a.name:focus")
    tip = name.locator(".tip")
    assert tip.is_visible(), "keyboard focus does not show the description"
    page.keyboard.press("Escape")
    assert not tip.is_visible(), "Escape does not dismiss the description"
    assert page.evaluate("document.activeElement.matches('main a.name')"), "Escape moved focus"
    assert name.count() == 1, "the focus left the name"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert tip.is_visible(), "the description does not return when the name is focused anew"


@pytest.mark.slow
def test_name_descriptions_work_without_javascript(site: Path, browser) -> None:
    context = browser.new_context(viewport=VIEWPORTS["desktop"], java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / PAGE_TYPES["document"]).as_uri())
        name = page.locator("main .text a.name").first
        tip = name.locator(".tip")
        name.scroll_into_view_if_needed()
        name.hover()
        assert tip.is_visible()
        _pointer_onto_tip(page, name, tip)
        assert tip.is_visible(), "without JavaScript the description is not hoverable"
    finally:
        context.close()


# ------------------------------------------------------------------ languages

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _corpus_roots(tei: Path) -> list[etree._Element]:
    return [etree.parse(str(path)).getroot() for path in sorted(tei.rglob("*.xml"))]


def _language_in_force(element: etree._Element, attribute: str) -> str | None:
    for ancestor in (element, *element.iterancestors()):
        if ancestor.get(attribute):
            return ancestor.get(attribute)
    return None


def texts_in_other_languages(
    tei: Path = REPOSITORY / "tei", edition_language: str | None = None
) -> dict[str, str]:
    """The text of every element of the corpus and authority files in `tei` (the shipped
    edition's by default) whose xml:lang is not the edition's, with that language. Left
    out: a text the corpus also writes where another language is in force (the period
    spelling "Scînteia" is the English name too), as a page may then show it from there."""
    edition_language = edition_language or edition_facts()["language"]
    found: dict[str, str] = {}
    elsewhere: set[str] = set()
    roots = _corpus_roots(tei)
    for root in roots:
        for element in root.iter("{*}*"):
            lang = element.get(XML_LANG)
            text = " ".join("".join(element.itertext()).split())
            if element is not root and lang and lang != edition_language and text:
                found[text] = lang
    for root in roots:
        for element in root.iter("{*}*"):
            for text, owner in ((element.text, element), (element.tail, element.getparent())):
                if text and owner is not None:
                    for foreign, lang in found.items():
                        if foreign in text and _language_in_force(owner, XML_LANG) != lang:
                            elsewhere.add(foreign)
    return {text: lang for text, lang in found.items() if text not in elsewhere}


def wrong_languages(root: html.HtmlElement, foreign: dict[str, str]) -> list[str]:
    """Each place in a page's body (or in `root`, a part of a page) where one of the texts
    shows without its lang. Source shown as source (the guidelines' examples, in <pre>) is
    not text in a language."""
    problems = []
    body = root.find("body") if root.tag == "html" else root
    for element in body.iter():
        if not isinstance(element.tag, str) or element.xpath("ancestor-or-self::pre"):
            continue
        for text, owner in ((element.text, element), (element.tail, element.getparent())):
            if not text or owner is None:
                continue
            for foreign_text, lang in foreign.items():
                shown = _language_in_force(owner, "lang")
                if foreign_text in " ".join(text.split()) and shown != lang:
                    problems.append(f"{foreign_text!r} in <{owner.tag}> with lang {shown!r}")
    return problems


def test_the_corpus_has_text_in_other_languages_to_check() -> None:
    foreign = texts_in_other_languages()
    assert {"彭真", "北京", "苏联东欧司"} <= set(foreign), foreign
    assert all(foreign[text] == "zh" for text in ("彭真", "北京"))


@pytest.mark.slow
def test_every_text_in_another_language_carries_its_lang_on_the_web(
    pages: dict[str, html.HtmlElement],
) -> None:
    foreign = texts_in_other_languages()
    reached = {text for root in pages.values() for text in foreign if text in root.text_content()}
    assert reached, "none of the texts in other languages reaches a page"
    problems = [
        f"{name}: {problem}"
        for name, root in pages.items()
        for problem in wrong_languages(root, foreign)
    ]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def print_pages(
    site: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, html.HtmlElement]:
    """The print HTML of the same project, written in process (no PDF is made)."""
    from cables.pdf import write_print_html

    edition = load_edition(site.parent.parent)
    folder = write_print_html(
        edition,
        Stylesheets.for_edition(edition),
        BUILD_DATE.isoformat(),
        tmp_path_factory.mktemp("print-html"),
    )
    return {
        path.relative_to(folder).as_posix(): html.parse(str(path)).getroot()
        for path in sorted(folder.rglob("*.html"))
    }


@pytest.mark.slow
def test_every_text_in_another_language_carries_its_lang_in_print(
    print_pages: dict[str, html.HtmlElement],
) -> None:
    foreign = texts_in_other_languages()
    assert any(text in root.text_content() for root in print_pages.values() for text in foreign)
    problems = [
        f"{name}: {problem}"
        for name, root in print_pages.items()
        for problem in wrong_languages(root, foreign)
    ]
    assert not problems, "\n".join(problems)


# A document with a name, a note and values of the record in other languages, which the
# shipped corpus lacks, added to the fixture edition with the register entry it points to.
LANGUAGES = REPOSITORY / "tests" / "fixtures" / "languages"
LANGUAGE_TEXTS = {
    "Ministerul Afacerilor Externe": "ro",  # a name in the running text
    "电报原文": "zh",  # a note
    "外交部": "zh",  # a party of the record, as written
    "外发〔62〕二号": "zh",  # the serial number
    "Constanța": "ro",  # a place of the record, named from the register
}


@pytest.fixture(scope="module")
def language_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("languages") / "edition"
    shutil.copytree(REPOSITORY / "tests" / "fixtures" / "edition", project)
    shutil.copytree(REPOSITORY / "schema", project / "schema")
    shutil.copy2(LANGUAGES / "1962-03-01-languages.xml", project / "tei" / "documents")
    place = (LANGUAGES / "place-constanta.xml").read_text(encoding="utf-8")
    places = project / "tei" / "authority" / "places.xml"
    text = places.read_text(encoding="utf-8")
    places.write_text(text.replace("</listPlace>", place + "</listPlace>"), encoding="utf-8")
    return project


def test_the_language_fixture_has_each_case() -> None:
    project = REPOSITORY / "tests" / "fixtures"
    for folder in (project / "edition" / "tei", LANGUAGES):
        assert folder.is_dir()
    found = texts_in_other_languages(LANGUAGES, "en")
    assert {text: lang for text, lang in found.items() if text in LANGUAGE_TEXTS} == {
        text: lang for text, lang in LANGUAGE_TEXTS.items()
    }


def _language_problems(roots: dict[str, html.HtmlElement]) -> list[str]:
    for text in LANGUAGE_TEXTS:
        assert any(text in root.text_content() for root in roots.values()), f"{text!r} not shown"
    return [
        f"{name}: {problem}"
        for name, root in roots.items()
        for problem in wrong_languages(root, LANGUAGE_TEXTS)
    ]


@pytest.mark.slow
def test_names_notes_and_record_values_in_another_language_carry_their_lang_on_the_web(
    language_project: Path,
) -> None:
    site = build_site_html(language_project)
    page = site / "1962-03-01-languages.html"
    problems = _language_problems({page.name: html.parse(str(page)).getroot()})
    assert not problems, "\n".join(problems)


def test_names_notes_and_record_values_in_another_language_carry_their_lang_in_print(
    language_project: Path, tmp_path: Path
) -> None:
    from cables.pdf import write_print_html

    edition = load_edition(language_project)
    folder = write_print_html(
        edition, Stylesheets.for_edition(edition), BUILD_DATE.isoformat(), tmp_path
    )
    # The document's part of the book; the print index is the print stylesheets' own.
    roots = {
        f"{path.name}#{section.get('id')}": section
        for path in folder.rglob("*.html")
        for section in html.parse(str(path)).xpath("//section[@id='doc-1962-03-01-languages']")
    }
    problems = _language_problems(roots)
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ unknown TEI

EXTERNAL_DOCUMENTS = sorted(EXTERNAL_TEI.glob("*.xml")) if EXTERNAL_TEI.is_dir() else []
# The running text of a TEI file: not the header, nor running heads and stand-off data.
RUNNING_TEXT = (
    "//tei:text//text()[not(ancestor::tei:fw or ancestor::tei:teiHeader"
    " or ancestor::tei:facsimile or ancestor::tei:standOff)]"
)


def sample_words(document: Path, count: int = 12) -> list[str]:
    """Long words from the running text of a TEI file, spread over its length."""
    tree = etree.parse(str(document), etree.XMLParser(resolve_entities=False, no_network=True))
    words: list[str] = []
    for node in tree.xpath(RUNNING_TEXT, namespaces={"tei": TEI_NS}):
        words.extend(word for word in re.findall(r"\w{7,}", node) if not word.isdigit())
    unique = list(dict.fromkeys(words))
    if len(unique) <= count:
        return unique
    return [unique[round(i * (len(unique) - 1) / (count - 1))] for i in range(count)]


@pytest.fixture(scope="module")
def foreign_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An edition project with the repository's schema and stylesheets and no documents."""
    project = tmp_path_factory.mktemp("foreign") / "edition"
    project.mkdir()
    shutil.copy2(REPOSITORY / "edition.toml", project / "edition.toml")
    for folder in ("schema", "xslt"):
        shutil.copytree(REPOSITORY / folder, project / folder)
    for folder in ("documents", "authority", "front"):
        (project / "tei" / folder).mkdir(parents=True)
    return project


@pytest.fixture(scope="module")
def foreign_stylesheets(foreign_project: Path) -> Stylesheets:
    return Stylesheets(load_edition(foreign_project).xslt_dir)


@pytest.mark.shared("external/tei")
@pytest.mark.parametrize("document", EXTERNAL_DOCUMENTS, ids=lambda path: path.name)
def test_unknown_tei_is_rendered_with_its_text(
    document: Path, foreign_project: Path, foreign_stylesheets: Stylesheets, tmp_path: Path
) -> None:
    # `cables check` would rightly reject these documents, so the site is built directly.
    documents = foreign_project / "tei" / "documents"
    for old in documents.iterdir():
        old.unlink()
    shutil.copy2(document, documents / document.name)
    output = tmp_path / "site"
    output.mkdir()
    build_site(load_edition(foreign_project), foreign_stylesheets, output, "2026-01-01")

    page = output / f"{document.name.removesuffix('.xml')}.html"
    assert page.is_file(), f"no page for {document.name}"
    shown = " ".join(html.parse(str(page)).getroot().text_content().split())
    missing = [word for word in sample_words(document) if word not in shown]
    assert not missing, f"text of {document.name} missing from its page: {missing}"


@pytest.mark.slow
def test_the_index_filter_narrows_the_list_and_without_javascript_it_is_whole(
    site: Path, visit, browser
) -> None:
    opened = visit((site / "organisations.html").as_uri(), VIEWPORTS["phone"])
    page = opened.page
    entries = page.locator("li[data-names]")
    total = entries.count()
    page.fill("#index-filter-input", "embassy")
    shown = [entries.nth(i) for i in range(total) if entries.nth(i).is_visible()]
    assert 0 < len(shown) < total
    assert all("embassy" in entry.inner_text().lower() for entry in shown)
    assert page.locator(".index-filter-status").inner_text().startswith(f"{len(shown)} of {total}")
    assert not opened.errors
    context = browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto((site / "organisations.html").as_uri())
        assert not plain.locator(".index-filter").is_visible()
        assert plain.locator("li[data-names]:visible").count() == total
    finally:
        context.close()
