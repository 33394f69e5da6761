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
CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = REPOSITORY / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
# Chromium on this closed network: no sandbox as root, and none of the background
# connections (updates, sync, QUIC) that the network would refuse.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
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
    "search.html",
    "encoding.html",
]
ALL_PAGES = GENERATED_PAGES + FRONT_PAGES + DOCUMENT_PAGES
# One page of each kind, for the checks that look at layout rather than content.
PAGE_TYPES = {
    "home": "index.html",
    "document": DOCUMENT_PAGES[0],
    "persons": "persons.html",
    "places": "places.html",
    "organisations": "organisations.html",
    "events": "events.html",
    "chronology": "chronology.html",
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
        if entry.name not in corpus and not re.fullmatch(r"search-index-\d+\.js", entry.name)
    }
    # pdf/ only when the PDFs were built first, the sitemap only when base_url is set.
    optional = {"pdf", "sitemap.xml"}
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
                path = (site / name).parent / unquote(parts.path)
                if not path.is_file():
                    broken.append(f"{name}: {href} (no such file)")
                    continue
                target = path.resolve().relative_to(site.resolve()).as_posix()
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
                            local = (site / name).parent / unquote(urlsplit(url).path)
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
    sitemap = site / "sitemap.xml"
    assert sitemap.is_file(), "no sitemap.xml"
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    base = edition_facts().get("base_url", "")
    locations = etree.parse(str(sitemap)).xpath("//s:url/s:loc/text()", namespaces=namespace)
    listed = {location.removeprefix(base) for location in locations}
    built = {path.relative_to(site).as_posix() for path in site.rglob("*.html")}
    assert listed == built, (
        f"built but not listed: {sorted(built - listed)}; listed but not built: "
        f"{sorted(listed - built)}"
    )


# ------------------------------------------------------------------ in the browser


@pytest.fixture(scope="module")
def browser() -> Iterator:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: run `make test`, which installs the test extras")
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: run `make test` (Debian chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
@pytest.mark.parametrize("name", ALL_PAGES)
def test_axe_finds_no_accessibility_violations(name: str, site: Path, visit) -> None:
    assert AXE_SCRIPT.is_file(), f"{AXE_SCRIPT} is missing: run `make test`, which runs npm ci"
    opened = visit((site / name).as_uri())
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
    assert not violations, f"axe-core found violations on {name}:\n{report}"


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
