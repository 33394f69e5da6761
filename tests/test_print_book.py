"""The print edition as a book: page, running heads, footnote calls, indices and the
documents' own PDFs, checked on the PDF of the repository's edition laid out once."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree, html
from pypdf import PdfReader

from cables.config import load_edition
from cables.pdf import write_print_html
from cables.transform import Stylesheets
from cables.xmlio import NAMESPACES, parse_xml
from conftest import copy_edition, replace_in

pytestmark = pytest.mark.slow

MM = 72 / 25.4
#: The default trim, and the page geometry book.xsl derives from it (tp:page-style): a
#: measure of 115 mm at 10 pt, the rest shared 2 : 3 between gutter and outer margin.
TRIM = (156, 234)
GUTTER, OUTER = 16.4, 24.6
NAMES = ("persName", "placeName", "orgName", "rs", "name")


@dataclass(frozen=True)
class Book:
    """The edition's book laid out once: its print HTML, its PDF, and the page (first page
    of the PDF: 1) of every anchor in that very layout."""

    project: Path
    print_dir: Path
    pdf: Path
    anchors: dict[str, int]
    documents: tuple[Path, ...]

    @property
    def tree(self) -> html.HtmlElement:
        return html.parse(str(self.print_dir / "edition.html")).getroot()


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Book:
    from weasyprint import HTML

    project = copy_edition(tmp_path_factory.mktemp("book") / "edition")
    edition = load_edition(project)
    print_dir = write_print_html(
        edition, Stylesheets(edition.xslt_dir), edition.date, project / "scratch"
    )
    document = HTML(filename=str(print_dir / "edition.html")).render()
    pdf = project / "edition.pdf"
    document.write_pdf(str(pdf))
    # An element that runs over several pages is an anchor on each: its page is the first.
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            anchors.setdefault(anchor, number)
    documents = []
    for page in sorted((print_dir / "documents").glob("*.html")):
        target = project / f"{page.stem}.pdf"
        HTML(filename=str(page)).write_pdf(str(target))
        documents.append(target)
    shots = spread_screenshots(pdf, anchors, tmp_path_factory.mktemp("spread"))
    print(f"\nspread screenshots (110 dpi): {', '.join(str(shot) for shot in shots)}")
    return Book(project, print_dir, pdf, anchors, tuple(documents))


def spread_screenshots(pdf: Path, anchors: dict[str, int], folder: Path) -> list[Path]:
    """A verso and recto of the documents at 110 dpi, for a person to look at."""
    first = anchors["documents"] + 2  # a verso (even page) inside the first documents
    first += first % 2
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "110",
            "-f",
            str(first),
            "-l",
            str(first + 1),
            "-png",
            str(pdf),
            str(folder / "spread"),
        ],
        check=True,
        timeout=120,
    )
    return sorted(folder.glob("spread*.png"))


def page_text(pdf: Path, number: int, layout: bool = True) -> str:
    command = ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number)]
    output = subprocess.run(
        [*command, *(["-layout"] if layout else []), str(pdf), "-"],
        capture_output=True,
        timeout=120,
    )
    assert output.returncode == 0, output.stderr
    return unicodedata.normalize("NFC", output.stdout.decode("utf-8"))


def head_line(pdf: Path, number: int) -> str:
    """The first line of text on a page: its running head, if it has one."""
    lines = [line for line in page_text(pdf, number).splitlines() if line.strip()]
    return " ".join(lines[0].split()) if lines else ""


def folio(book: Book, physical: int) -> int:
    """The number printed on a page of the main matter, which starts at 1."""
    return physical - book.anchors[main_start(book)] + 1


def main_start(book: Book) -> str:
    section = book.tree.find(".//section[@class='part front main-start']")
    return section.get("id") if section is not None else "documents"


def documents_in_order(book: Book) -> list[html.HtmlElement]:
    return book.tree.findall(".//section[@class='document']")


# ------------------------------------------------------------------ the page


def test_page_size_and_mirrored_margins_follow_the_configuration(book: Book) -> None:
    reader = PdfReader(book.pdf)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            (TRIM[0] * MM, TRIM[1] * MM), abs=0.5
        )
    # The text block's left edge: the gutter on a recto (odd page), the outer margin on
    # a verso, read from the words poppler finds on two full pages of a document.
    start = book.anchors[documents_in_order(book)[2].get("id")]
    edges = {}
    for number in (start + 1, start + 2):
        boxes = subprocess.run(
            ["pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(book.pdf), "-"],
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
        edges[number % 2] = min(float(x) for x in re.findall(r'<word xMin="([0-9.]+)"', boxes)) / MM
    assert edges[1] == pytest.approx(GUTTER, abs=1.0)
    assert edges[0] == pytest.approx(OUTER, abs=1.0)


def test_the_measure_is_sixty_to_seventy_five_characters(book: Book) -> None:
    # Full lines of the body type on a page of running text of the introduction; the
    # notes' smaller type, at the foot, is left out.
    start = book.anchors["front-introduction"] + 1
    lengths = []
    for number in (start, start + 1):
        body = page_text(book.pdf, number, layout=False).split("\n\n1. ")[0]
        lengths += [len(line) for line in body.splitlines()[3:] if len(line) > 45]
    lengths.sort()
    assert len(lengths) > 40
    assert 60 <= lengths[len(lengths) // 2] <= 75


def test_a4_is_a_configuration_away(tmp_path: Path) -> None:
    from weasyprint import HTML

    project = copy_edition(tmp_path / "edition")
    replace_in(project / "edition.toml", "\n[build]\n", '\n[print]\ntrim = "A4"\n\n[build]\n')
    edition = load_edition(project)
    assert edition.trim == "A4"
    print_dir = write_print_html(
        edition, Stylesheets(edition.xslt_dir), edition.date, tmp_path / "scratch"
    )
    page = sorted((print_dir / "documents").glob("*.html"))[0]
    size = HTML(filename=str(page)).render().pages[0]
    assert (size.width, size.height) == pytest.approx((210 * 96 / 25.4, 297 * 96 / 25.4), abs=1)


def test_preliminaries_are_roman_and_the_text_starts_at_one(book: Book) -> None:
    contents = book.anchors["contents"]
    assert contents % 2 == 1, "the contents open on a recto"
    assert re.search(r"^\s*v\s*$", page_text(book.pdf, contents), re.MULTILINE)
    start = book.anchors[main_start(book)]
    assert start % 2 == 1, "the main matter opens on a recto"
    assert re.search(r"^\s*1\s*$", page_text(book.pdf, start), re.MULTILINE)


def test_no_running_head_on_openings_and_blank_pages(book: Book) -> None:
    reader = PdfReader(book.pdf)
    edition = load_edition(book.project)
    openings = {
        book.anchors[section.get("id")]
        for section in book.tree.iterfind(".//section[@id]")
        if "part" in section.get("class", "").split() or section.get("class") == "document"
    }
    for number in openings:
        assert edition.title not in head_line(book.pdf, number)
    blank = [n for n in range(1, len(reader.pages) + 1) if not page_text(book.pdf, n).strip()]
    assert blank, "a part opening on a recto leaves blank versos"


# ------------------------------------------------------------------ running heads


def test_recto_running_heads_name_the_document_on_every_page_of_it(book: Book) -> None:
    documents = documents_in_order(book)
    after = [*documents[1:], book.tree.find(".//section[@id='index-persons']")]
    checked = 0
    for section, following in zip(documents, after, strict=True):
        label = " ".join(section.find(".//span[@class='document-number']").text_content().split())
        first, next_start = book.anchors[section.get("id")], book.anchors[following.get("id")]
        for number in range(first + 1, next_start):
            if number % 2 == 1 and page_text(book.pdf, number).strip():
                assert head_line(book.pdf, number).lower().startswith(label.lower()), number
                assert head_line(book.pdf, number).endswith(str(folio(book, number)))
                checked += 1
    assert checked >= 5


def test_documents_are_numbered_in_contents_list_and_bookmarks(book: Book) -> None:
    reader = PdfReader(book.pdf)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    nested = [item.title for items in reader.outline if isinstance(items, list) for item in items]
    assert any(title.startswith("no.\u00a01: ") for title in [*titles, *nested])
    contents = " ".join(
        page_text(book.pdf, number, layout=False).replace("\u00a0", " ")
        for number in range(book.anchors["contents"], book.anchors["list-of-documents"])
    )
    assert "no. 9" in contents
    listing = page_text(book.pdf, book.anchors["list-of-documents"], layout=False)
    for number in range(1, 10):
        assert re.search(rf"^{number}\s", listing, re.MULTILINE)
    assert "→" in listing


# ------------------------------------------------------------------ footnote calls


def test_adjacent_calls_are_never_fused(book: Book) -> None:
    pairs = []
    for separator in book.tree.iterfind(".//span[@class='note-call-separator']"):
        before, after = separator.getprevious(), separator.getnext()
        assert before.get("class") == after.get("class") == "footnote"
        pairs.append((before.get("data-note"), after.get("data-note")))
    for call in book.tree.iterfind(".//span[@class='footnote']"):
        previous = call.getprevious()
        if previous is not None and previous.get("class") == "footnote":
            assert not (previous.tail or "").strip() == "", "two calls side by side"
    assert len(pairs) >= 5
    text = "".join(
        page_text(book.pdf, n, layout=False) for n in range(1, len(PdfReader(book.pdf).pages) + 1)
    )
    text = re.sub(r"\s+", "", text)
    for before, after in pairs:
        assert f"{before},{after}" in text


def test_no_call_stands_between_blocks(book: Book) -> None:
    for call in book.tree.iterfind(".//span[@class='footnote']"):
        assert call.getparent().tag not in ("section", "div", "body", "blockquote", "figure")


# ------------------------------------------------------------------ indices


def mentions(book: Book) -> dict[str, list[str]]:
    """Every tagged mention's id in the print HTML (as text.xsl numbers them: each
    persName, placeName, orgName, rs and name of the file, in order), by the entry it names."""
    ids = {element.get("id") for element in book.tree.iterfind(".//span[@id]")}
    found: dict[str, list[str]] = {}
    for path in sorted((book.project / "tei").rglob("*.xml")):
        root = parse_xml(path).root
        document_id = root.get("{http://www.w3.org/XML/1998/namespace}id")
        names = root.xpath(" | ".join(f"//tei:{name}" for name in NAMES), namespaces=NAMESPACES)
        for number, name in enumerate(names, start=1):
            mention = f"{document_id}-m{number}"
            for ref in (name.get("ref") or "").split():
                if mention in ids and "#" in ref:
                    found.setdefault(ref.split("#")[-1], []).append(mention)
    return found


def index_pages(item: html.HtmlElement) -> set[int]:
    pages: set[int] = set()
    text = item.find(".//span[@class='index-pages']").text_content()
    for start, end in re.findall(r"(\d+)(?:–(\d+))?", text):
        pages.update(range(int(start), int(end or start) + 1))
    return pages


def test_every_tagged_mention_has_its_page_in_the_index(book: Book) -> None:
    items = {item.get("data-entry"): item for item in book.tree.iterfind(".//li[@data-entry]")}
    checked = 0
    for entry, ids in mentions(book).items():
        if entry not in items:
            continue
        listed = index_pages(items[entry])
        for mention in ids:
            assert folio(book, book.anchors[mention]) in listed, (entry, mention)
            checked += 1
    assert checked > 100
    index_text = " ".join(
        page_text(book.pdf, n, layout=False)
        for n in range(book.anchors["index-persons"], book.anchors["bibliography"])
    )
    assert not re.search(r"\d ,", index_text), "no space before a comma"
    assert "–" in index_text, "consecutive pages as a range"


def test_persons_are_sorted_by_their_sort_key(book: Book) -> None:
    persons = parse_xml(book.project / "tei" / "authority" / "persons.xml").root
    keys = {
        person.get("{http://www.w3.org/XML/1998/namespace}id"): (
            person.get("sortKey") or ""
        ).lower()
        for person in persons.iterfind(".//tei:person", NAMESPACES)
    }
    index = book.tree.find(".//section[@id='index-persons']")
    listed = [item.get("data-entry") for item in index.iterfind(".//li")]
    in_order = [keys[entry] for entry in listed if keys.get(entry)]
    assert in_order == sorted(in_order)
    text = page_text(book.pdf, book.anchors["index-persons"], layout=False)
    assert "Khrushchev, Nikita Sergeyevich" in text
    assert text.index("Gheorghiu-Dej") < text.index("Khrushchev") < text.index("Maurer")


def test_the_events_have_an_index(book: Book) -> None:
    assert "Index of events" in page_text(book.pdf, book.anchors["index-events"], layout=False)


# ------------------------------------------------------------------ documents' own PDFs


def test_no_document_pdf_starts_with_a_near_empty_page(book: Book) -> None:
    assert len(book.documents) == 9
    for pdf in book.documents:
        first = page_text(pdf, 1, layout=False)
        assert len(first.split()) > 120, pdf.name
        assert "How to cite" in first
        tree = etree.parse(
            str(book.print_dir / "documents" / f"{pdf.stem}.html"), etree.HTMLParser()
        )
        title = " ".join(
            tree.findtext(
                ".//h2[@class='document-title']/span[@class='document-title-text']"
            ).split()
        )
        assert title.split()[0] in first


# ------------------------------------------------------------------ typography


def test_addresses_are_links_broken_only_after_slashes(book: Book) -> None:
    reader = PdfReader(book.pdf)
    uris = {
        annotation.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    assert "https://creativecommons.org/licenses/by/4.0/" in uris
    for link in book.tree.iterfind(".//a[@class='url']"):
        assert link.get("href") in uris
        assert link.text_content() == link.get("href")
        for part in link.iter("wbr"):
            assert (
                part.getprevious().tail if part.getprevious() is not None else link.text or ""
            ).endswith("/")
    text = "".join(page_text(book.pdf, n, layout=False) for n in range(1, len(reader.pages) + 1))
    # Hyphenation would end a line inside an address with an inserted hyphen (U+2010).
    assert not re.search(r"https?://\S*\u2010\n", text)


def test_numbers_and_dates_do_not_break(book: Book) -> None:
    tree = book.tree
    for number in tree.iterfind(".//span[@class='document-number']"):
        assert " " not in number.text_content()
    for time in tree.iterfind(".//div[@class='document-text']//time"):
        assert " " not in time.text_content()
    assert "{page-abbreviation}" not in (tree.findtext(".//style") or "")
    assert ',\\a0p.\\a0" target-counter(attr(href), page)' in tree.findtext(".//style")


def test_one_heading_per_part_and_curly_apostrophes(book: Book) -> None:
    introduction = book.tree.find(".//section[@id='front-introduction']")
    headings = [" ".join(h.text_content().split()) for h in introduction.iter("h1", "h2")]
    assert headings[0].startswith("Introduction:")
    assert "Introduction" not in headings[1:]
    part = page_text(book.pdf, book.anchors["documents"], layout=False)
    assert "edition’s summary" in part and "edition's" not in part


def test_bibliography_keeps_published_and_archival_sources_apart(book: Book) -> None:
    section = book.tree.find(".//section[@id='bibliography']")
    groups = [" ".join(h.text_content().split()) for h in section.iterfind(".//h2")]
    assert len(groups) >= 2
    assert any("archive" in group.lower() for group in groups)


def test_chinese_in_index_lines_is_marked_as_chinese(book: Book) -> None:
    index = book.tree.find(".//section[@id='index-persons']")
    marked = [span.text for span in index.iterfind(".//span[@lang='zh']")]
    assert "彭真" in marked


def test_the_index_of_documents_cited_gives_the_page_of_each_citation(book: Book) -> None:
    """Every link to a whole document from another text has its page (as printed) in that
    document's line of the index of documents cited, which follows the other indices."""
    tree = book.tree
    index = tree.find(".//section[@id='index-documents-cited']")
    assert index is not None
    assert book.anchors["index-documents-cited"] < book.anchors["bibliography"]
    assert book.anchors["index-events"] < book.anchors["index-documents-cited"]
    citations = list(tree.iterfind(".//a[@class='document-ref']"))
    assert citations
    for link in citations:
        target = link.get("href").removeprefix("#")
        if not target.startswith("doc-"):
            continue  # a front part: not a document
        (entry,) = index.iterfind(f".//li[@data-entry='{target}']")
        assert folio(book, book.anchors[link.get("id")]) in index_pages(entry)
    text = page_text(book.pdf, book.anchors["index-documents-cited"], layout=False)
    assert "no. 6, Recent situation in Romania" in " ".join(text.split()).replace("\u00a0", " ")
