"""Text from documents and from edition.toml never escapes the script it is written into.

One build, with hostile strings in a document title, a person's name and the edition's
title at once; every script of every page and every part of the search index is read back.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import zlib
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from lxml import html

from cables.search_index import script_json
from cables.serve import LIVE_RELOAD_SCRIPT
from conftest import FIXTURE_DOCUMENT, REPOSITORY, build_html, replace_in

#: What ends a script early (</script>), derails the HTML parser into the "double
#: escaped" state where the real </script> no longer ends it (<!--<script>), or ends a
#: line in older JavaScript parsers (U+2028, U+2029).
HOSTILE = "</script><script>alert(1)</script> <!--<script> a\u2028b\u2029c & >"
DOCUMENT_TITLE = "Report " + HOSTILE
PERSON_NAME = "Peng " + HOSTILE
EDITION_TITLE = "Edition " + HOSTILE

INDEX_FILE = re.compile(r"\.push\((?P<json>.*)\);\s*\Z", re.S)


class Scripts(HTMLParser):
    """The <script> elements of a page, as (attributes, text), read as a browser tokenises
    them: a script's text runs to the first "</script"."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.inside = False
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append((dict(attrs), ""))
            self.inside = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)


def strings(value: object) -> set[str]:
    """Every string anywhere in a parsed JSON value."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(set(), *(strings(item) for item in value))
    return set()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile") / "edition"
    shutil.copytree(Path(__file__).parent / "fixtures" / "edition", project)
    for folder in ("schema", "xslt"):
        shutil.copytree(REPOSITORY / folder, project / folder)
    replace_in(
        project / FIXTURE_DOCUMENT,
        '<title type="main">Summary report on an attitude</title>',
        f'<title type="main">{escape(DOCUMENT_TITLE)}</title>',
    )
    replace_in(
        project / "tei/authority/persons.xml",
        "<persName>Peng Zhen</persName>",
        f"<persName>{escape(PERSON_NAME)}</persName>",
    )
    replace_in(
        project / "edition.toml",
        'title = "Fixture edition"',
        f"title = {json.dumps(EDITION_TITLE)}",
    )
    return build_html(project)


@pytest.mark.slow
def test_every_inline_script_holds_json_that_round_trips(hostile_site: Path) -> None:
    found: set[str] = set()
    pages = sorted(hostile_site.rglob("*.html"))
    assert pages
    for page in pages:
        scripts = Scripts(page.read_text(encoding="utf-8")).scripts
        # Each page's JSON-LD is its one inline script; a title that ended it early
        # would leave a script of its own ("alert(1)") or break the JSON.
        inline = [(attributes, text) for attributes, text in scripts if text.strip()]
        assert len(inline) == 1, (page.name, inline)
        attributes, text = inline[0]
        assert attributes.get("type") == "application/ld+json", page.name
        assert "<" not in text and "\u2028" not in text and "\u2029" not in text, page.name
        found |= strings(json.loads(text))
    assert DOCUMENT_TITLE in found
    assert EDITION_TITLE in found


def index_file(path: Path) -> object:
    """The JSON of a file of the search index, read as search.js reads it: the script
    pushes [its name, its JSON compressed (zlib) and in base64]."""
    source = path.read_text(encoding="utf-8")
    # The script holds nothing a page could read as markup or as the end of a line.
    assert not set("<\u2028\u2029") & set(source), path.name
    match = INDEX_FILE.search(source)
    assert match, path.name
    name, data = json.loads(match["json"])
    assert name == path.stem
    return json.loads(zlib.decompress(base64.b64decode(data, validate=True)).decode("utf-8"))


@pytest.mark.slow
def test_every_part_of_the_search_index_round_trips(hostile_site: Path) -> None:
    found: set[str] = set()
    files = sorted(hostile_site.glob("search-*.js"))
    for kind in ("index", "terms", "text"):
        assert any(path.name.startswith(f"search-{kind}-") for path in files), kind
    for path in files:
        found |= strings(index_file(path))
    assert DOCUMENT_TITLE in found
    # The name forms of the entries live in the search form's data-names (search.js).
    form = html.parse(str(hostile_site / "search.html")).getroot().find(".//form[@data-names]")
    names = json.loads(form.get("data-names"))
    assert any(PERSON_NAME in forms for forms in names.values())


def test_script_json_escapes_what_ends_or_derails_a_script() -> None:
    original = json.dumps(HOSTILE, ensure_ascii=False)
    escaped = script_json(original)
    assert not set("<>&\u2028\u2029") & set(escaped)
    assert "\\u003c/script\\u003e" in escaped
    assert json.loads(escaped) == HOSTILE


def test_live_reload_script_holds_no_markup() -> None:
    assert b"<" not in LIVE_RELOAD_SCRIPT
    assert b'fetch("/__cables/version"' in LIVE_RELOAD_SCRIPT


@pytest.mark.slow
def test_pages_with_hostile_text_show_it_as_text_in_chromium(hostile_site: Path, chromium) -> None:
    """What the escaping is for: Chromium shows the page (not a blank one) and the
    hostile text as text, runs none of it, and the search lists it."""
    context = chromium.new_context()
    context.route(re.compile(r"^(https?|wss?|ftp)://"), lambda route: route.abort())
    dialogs: list[str] = []
    errors: list[str] = []
    try:
        for name, query in (("1962-02-14-attitude-report.html", ""), ("search.html", "?q=alert")):
            page = context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto((hostile_site / name).as_uri() + query, wait_until="load")
            assert page.locator("main").is_visible(), name
            if query:
                page.wait_for_selector("#search-results li", timeout=10_000)
                shown = page.locator("#search-results").inner_text()
            else:
                shown = page.locator("h1").first.inner_text()
            assert "</script><script>alert(1)</script> <!--<script>" in shown, (name, shown)
            assert EDITION_TITLE.split("\u2028")[0] in page.locator(".site-title").inner_text()
    finally:
        context.close()
    assert dialogs == [] and errors == []
