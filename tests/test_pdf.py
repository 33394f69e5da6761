"""The print edition: what pypdf and poppler-utils see in the PDFs of `cables build pdf`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from cables.xmlio import NAMESPACES, parse_xml
from conftest import REPOSITORY, copy_edition, replace_in

pytestmark = pytest.mark.slow

EPOCH = "1764201600"  # 2025-11-27


def build_pdf(project: Path, **environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cables", "build", "pdf"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **environment},
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_edition(tmp_path_factory.mktemp("print") / "edition")
    result = build_pdf(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="module")
def book(project: Path) -> Path:
    return project / "build" / "pdf" / "edition.pdf"


def pdftotext(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    command = ["pdftotext", "-enc", "UTF-8"]
    if first:
        command += ["-f", str(first), "-l", str(last or first)]
    output = subprocess.run([*command, str(pdf), "-"], capture_output=True, timeout=120)
    assert output.returncode == 0, output.stderr
    return output.stdout.decode("utf-8")


def flatten(text: str) -> str:
    """PDF text without line-end hyphenation, with plain quotes and single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\u2010-](?:\s*\n\s*)", "", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def tei_files(kind: str) -> list[Path]:
    return sorted((REPOSITORY / "tei" / kind).glob("*.xml"))


def note_snippet(note: etree._Element, words: int = 8) -> str:
    # The words a reader sees first in the footnote body (nested notes aside).
    parts = []
    for node in note.iter():
        if node is not note and etree.QName(node).localname == "note":
            continue
        parts.append(node.text or "")
        if node is not note:
            parts.append(node.tail or "")
    return " ".join(flatten(" ".join(parts)).split()[:words])


def text_notes(path: Path) -> list[etree._Element]:
    return parse_xml(path).root.xpath("//tei:text//tei:note", namespaces=NAMESPACES)


def test_every_tei_note_is_a_footnote_in_the_book(book: Path) -> None:
    text = flatten(pdftotext(book))
    notes = [
        note
        for kind in ("front", "documents")
        for path in tei_files(kind)
        for note in text_notes(path)
    ]
    assert len(notes) > 20
    missing = [note_snippet(note) for note in notes if note_snippet(note) not in text]
    assert missing == []
    # Footnote bodies are numbered: as many markers as notes, document by document.
    assert len(re.findall(r"(?m)^\d+\. ", pdftotext(book))) >= len(notes) * 0.9


def test_every_document_pdf_has_all_its_footnotes(project: Path) -> None:
    for path in tei_files("documents"):
        pdf = project / "build" / "pdf" / f"doc-{path.stem}.pdf"
        text = flatten(pdftotext(pdf))
        for note in text_notes(path):
            assert note_snippet(note) in text, (pdf.name, note_snippet(note))


def test_footnotes_sit_on_the_page_of_their_call(book: Path) -> None:
    reader = PdfReader(book)
    pages = [flatten(pdftotext(book, number)) for number in range(1, len(reader.pages) + 1)]
    checked = 0
    for path in tei_files("documents"):
        for note in text_notes(path):
            before = flatten(
                (
                    note.getprevious().tail
                    if note.getprevious() is not None
                    else note.getparent().text
                )
                or ""
            )
            words = before.split()[-6:]
            if len(words) < 6:
                continue
            call_context = " ".join(words)
            snippet = note_snippet(note)
            call_pages = {i for i, page in enumerate(pages) if call_context in page}
            note_pages = {i for i, page in enumerate(pages) if snippet in page}
            if len(call_pages) == 1 and len(note_pages) == 1:
                assert call_pages == note_pages, (path.name, snippet)
                checked += 1
    assert checked >= 5


def test_fonts_are_embedded(project: Path) -> None:
    for pdf in sorted((project / "build" / "pdf").glob("*.pdf")):
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=60)
        rows = listing.stdout.splitlines()[2:]
        assert rows, pdf.name
        for row in rows:
            embedded = row.split()[-5]
            assert embedded == "yes", f"{pdf.name}: {row}"


def test_titles_chinese_and_romanian_text_is_extractable(book: Path) -> None:
    text = flatten(pdftotext(book))
    for path in tei_files("documents"):
        title = parse_xml(path).root.xpath(
            "string(//tei:titleStmt/tei:title[@type='main'])", namespaces=NAMESPACES
        )
        assert flatten(title) in text, title
    for sample in ("彭真", "潘自力", "Gheorghiu-Dej", "Scînteia"):
        assert sample in text


def outline_titles(items) -> list:
    return [item if isinstance(item, list) else item.title for item in items]


def test_one_bookmark_per_document_and_part(book: Path) -> None:
    reader = PdfReader(book)
    top = outline_titles(reader.outline)
    index = top.index("The documents")
    documents = top[index + 1]
    assert isinstance(documents, list) and len(documents) == len(tei_files("documents"))
    for part in (
        "Contents",
        "Editorial principles",
        "Abbreviations",
        "Index of persons",
        "Index of places",
        "Index of organisations",
        "Bibliography",
    ):
        assert part in top


def test_pdf_metadata(book: Path) -> None:
    info = PdfReader(book).metadata
    assert info.title == "China and Romania, 1961–1963"
    assert info.author == "cables editorial team"
    assert "Sino-Romanian" in info.subject
    assert "CMEA" in info["/Keywords"]


def test_archival_book_attaches_the_tei_sources(book: Path, project: Path) -> None:
    attachments = PdfReader(book).attachments
    sources = sorted((project / "tei").rglob("*.xml"))
    assert sorted(attachments) == sorted(path.name for path in sources)
    for path in sources:
        assert attachments[path.name] == [path.read_bytes()]
    metadata = PdfReader(book).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in metadata and b'pdfaid:conformance="A"' in metadata
    assert "/StructTreeRoot" in PdfReader(book).trailer["/Root"]


def test_accessible_variant_is_pdf_ua(project: Path) -> None:
    reader = PdfReader(project / "build" / "pdf" / "edition-ua.pdf")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def test_each_document_pdf_carries_its_own_source(project: Path) -> None:
    for path in tei_files("documents"):
        reader = PdfReader(project / "build" / "pdf" / f"doc-{path.stem}.pdf")
        assert reader.attachments == {path.name: [path.read_bytes()]}


def index_pages(book: Path, heading: str) -> tuple[int, str]:
    reader = PdfReader(book)
    for number in range(len(reader.pages), 0, -1):
        text = pdftotext(book, number)
        if text.lstrip().splitlines()[1:2] and heading in text:
            return number, text
    raise AssertionError(f"no page with {heading}")


@pytest.mark.parametrize(
    "heading, entry, mention",
    [
        ("Index of persons", "Peng Zhen", "Peng Zhen"),
        ("Index of persons", "Khrushchev, Nikita Sergeyevich", "Khrushchev"),
        ("Index of places", "Bucharest", "Bucharest"),
        ("Index of places", "Moscow", "Moscow"),
    ],
)
def test_index_page_numbers_point_at_pages_naming_the_entry(
    book: Path, heading: str, entry: str, mention: str
) -> None:
    _, text = index_pages(book, heading)
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(entry)]
    assert starts, f"{entry} not in {heading}"
    # An entry may wrap over several lines; it ends with its page numbers.
    joined = ""
    for line in lines[starts[0] :]:
        joined += " " + line.strip()
        if re.search(r"\d$", line.strip()):
            break
    # The pages end the entry, consecutive ones as a range ("5–6"); the main matter is
    # numbered from 1 on its first page (the introduction's), after the roman preliminaries.
    pages = re.search(r"((?:\d+(?:–\d+)?, )*\d+(?:–\d+)?)$", joined.strip())
    assert pages
    numbers = [
        number
        for start, end in re.findall(r"(\d+)(?:–(\d+))?", pages.group(1))
        for number in range(int(start), int(end or start) + 1)
    ]
    offset = main_matter_offset(book)
    for number in numbers:
        assert mention in flatten(pdftotext(book, number + offset)), (entry, number)


def main_matter_offset(book: Path) -> int:
    """How many pages precede page 1 of the main matter: the preliminaries."""
    reader = PdfReader(book)
    for item in reader.outline:
        if not isinstance(item, list) and item.title.startswith("Introduction"):
            return reader.get_destination_page_number(item)
    raise AssertionError("no bookmark of the introduction")


def test_first_pages_render_with_ink(book: Path, tmp_path: Path) -> None:
    # The title page, the imprint on its back, and the first two pages of the contents
    # (the half-title before them holds the title alone, the page after it is blank), at
    # a resolution where the imprint's small type still makes dark pixels.
    subprocess.run(
        ["pdftoppm", "-r", "60", "-gray", "-f", "3", "-l", "6", str(book), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    images = sorted(tmp_path.glob("page-*.pgm"))
    assert len(images) == 4
    for image in images:
        data = image.read_bytes()
        header, pixels = data.split(b"\n", 3)[:3], data.split(b"\n", 3)[3]
        assert header[0] == b"P5"
        dark = sum(1 for value in pixels if value < 128)
        assert dark > 200, image.name


def test_two_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    second = copy_edition(tmp_path / "again")
    assert build_pdf(second).returncode == 0
    first_dir, second_dir = project / "build" / "pdf", second / "build" / "pdf"
    names = sorted(p.name for p in first_dir.iterdir())
    assert names == sorted(p.name for p in second_dir.iterdir())
    for name in names:
        assert (first_dir / name).read_bytes() == (second_dir / name).read_bytes(), name


def test_one_edit_makes_only_its_pdf_and_the_book_again(project: Path, tmp_path: Path) -> None:
    edited = copy_edition(tmp_path / "edited")
    # The PDFs and their keys (only: the other caches name the files of `project`).
    for part in ("pdf", ".cache/pdf"):
        shutil.copytree(project / "build" / part, edited / "build" / part)
    folder = edited / "build" / "pdf"
    before = {path.name: path.stat().st_ino for path in folder.iterdir()}
    document = "1962-02-14-attitude-towards-china"
    replace_in(edited / "tei" / "documents" / f"{document}.xml", "Two examples", "Two instances")
    result = build_pdf(edited)
    assert result.returncode == 0, result.stderr
    after = {path.name: path.stat().st_ino for path in folder.iterdir()}
    assert sorted(after) == sorted(before)
    made = {name for name in after if after[name] != before[name]}
    assert made == {f"doc-{document}.pdf", "edition.pdf", "edition-ua.pdf"}
    name = f"doc-{document}.pdf"
    assert (folder / name).read_bytes() != (project / "build" / "pdf" / name).read_bytes()

    # The print stylesheet shapes every PDF: changing it makes them all again.
    with (edited / "xslt" / "print" / "print.css").open("a", encoding="utf-8") as css:
        css.write("\n/* changed */\n")
    result = build_pdf(edited)
    assert result.returncode == 0, result.stderr
    again = {path.name: path.stat().st_ino for path in folder.iterdir()}
    assert not {name for name in again if again[name] == after[name]}


def test_missing_font_stops_the_build_naming_the_package(tmp_path: Path) -> None:
    project = copy_edition(tmp_path / "nofonts")
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?><fontconfig><dir>/nonexistent</dir></fontconfig>')
    result = build_pdf(project, FONTCONFIG_FILE=str(config))
    assert result.returncode == 2
    assert "fonts-noto-core" in result.stderr and "fonts-noto-cjk" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "build" / "pdf").exists()
