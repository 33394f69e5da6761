"""The one list of the web edition's pages (xslt/common/pages.xml): what the stylesheets
write, link and map from it, and what cables' Python code reads of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from cables import data
from cables.corpus import CITATION_SUFFIXES, EDITION_CITATION, SITE_OUTPUTS, site_pages
from cables.pages import CORPUS_PAGES_HERE, CORPUS_PAGES_IN_WORKERS
from cables.xmlio import parse_xml
from conftest import build_html, init_project

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PAGES = "{urn:cables:pages}"
#: The edition's address: a sitemap is made only when it has one.
BASE_URL = "https://example.org/edition/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = init_project(tmp_path_factory.mktemp("pages") / "ed")
    config = project / "edition.toml"
    text = config.read_text(encoding="utf-8")
    assert 'base_url = ""' in text
    config.write_text(text.replace('base_url = ""', f'base_url = "{BASE_URL}"'), encoding="utf-8")
    return build_html(project, SOURCE_DATE_EPOCH="1764201600")


def test_each_page_has_one_name_and_a_file_or_a_kind_of_corpus_file() -> None:
    pages = site_pages()
    names = [page.name for page in pages]
    assert len(names) == len(set(names)) > 5
    for page in pages:
        assert bool(page.file) != bool(page.each), page
    files = [page.file for page in pages if page.file]
    assert len(files) == len(set(files))


def test_the_sites_own_outputs_are_the_files_of_the_list_and_the_copied_folders() -> None:
    files = {page.file for page in site_pages() if page.file}
    edition_citation = {f"{EDITION_CITATION}{suffix}" for suffix in CITATION_SUFFIXES}
    own = {"assets", "pdf", "epub", "tei", "schema", "edition-tei.zip"}
    folders = {page.folder for page in site_pages() if page.folder}
    assert folders == {"persons", "places", "organisations", "events"}
    assert set(SITE_OUTPUTS) == files | edition_citation | own | folders
    assert SITE_OUTPUTS[0] == "index.html"  # the navigation bar's order first


def test_every_page_of_template_site_is_written_by_one_process() -> None:
    """cables.site shares the pages of template "site" between a worker and itself: each
    page of the list once, the worker taking those marked share="worker"."""
    listed = {page.name for page in site_pages() if page.template == "site"}
    workers = [name for share in CORPUS_PAGES_IN_WORKERS for name in share.split()]
    here = CORPUS_PAGES_HERE.split()
    assert sorted(workers + here) == sorted(listed)
    assert set(workers) == {page.name for page in site_pages() if page.share == "worker"}


@pytest.mark.slow
def test_the_site_writes_every_page_of_the_list_and_its_sitemap_lists_them(site: Path) -> None:
    project = site.parent.parent
    stems = {
        kind: sorted(path.stem for path in (project / "tei" / folder).glob("*.xml"))
        for kind, folder in (("document", "documents"), ("front", "front"))
    }
    assert stems["document"] and stems["front"]
    for page in site_pages():
        if page.file:
            assert (site / page.file).is_file(), page
        for stem in stems.get(page.each, []):
            assert (site / f"{stem}.html").is_file(), (page, stem)
    sitemap = parse_xml(site / "sitemap.xml").root
    listed = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    expected = [
        BASE_URL + page.file for page in site_pages() if page.file and page.file != "sitemap.xml"
    ]
    assert [name for name in listed if name in expected] == expected
    assert BASE_URL + "sitemap.xml" not in listed
    # One page per authority entry of each kind, in its folder.
    entities = [
        str(path.relative_to(site))
        for page in site_pages()
        if page.folder
        for path in sorted((site / page.folder).glob("*.html"))
    ]
    assert entities and {BASE_URL + name for name in entities} <= set(listed)
    pages = len(expected) + len(stems["document"]) + len(stems["front"])
    assert len(listed) == pages + len(entities)


@pytest.mark.slow
def test_the_navigation_bar_links_the_pages_of_the_list_in_its_order(site: Path) -> None:
    root = parse_xml(data.packaged_xslt() / data.PAGES).root
    files = {page.name: page.file for page in site_pages()}
    expected = [
        f"{link.get('stem')}.html" if link.get("stem") else files[link.get("page")]
        for link in root.iterfind(f"{PAGES}navigation/{PAGES}link")
    ]
    page = html.parse(str(site / "index.html")).getroot()
    links = [a.get("href") for a in page.iterfind(".//{*}nav//{*}a")]
    assert links == expected
