"""Document numbers (TEI/@n) and paragraph numbers in the web edition and the print HTML.

The shipped edition is built in process, web and print: every place a reader meets a
document names it by its number, every numbered paragraph carries its number and a stable
anchor, the indices cite "no. 6, ¶ 4" with links that land on that very paragraph, and no
id repeats in any page or in the book. The fixture edition, whose document has no number,
still builds, with no number shown.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html

from cables.config import load_edition
from cables.pdf import write_print_html
from cables.site import build_site
from cables.transform import Stylesheets
from conftest import FIXTURES, REPOSITORY, copy_edition, replace_in

TEI = "{http://www.tei-c.org/ns/1.0}"
#: The document an empty pointer added to the introduction designates, and its number.
POINTED = ("1963-04-18-recent-situation", "6")


@dataclass(frozen=True)
class Built:
    site: Path
    book: html.HtmlElement
    print_dir: Path

    def page(self, name: str) -> html.HtmlElement:
        return html.parse(str(self.site / name)).getroot()


def build(project: Path) -> Built:
    edition = load_edition(project)
    stylesheets = Stylesheets(edition.xslt_dir)
    site = project / "build" / "site"
    site.mkdir(parents=True)
    build_site(edition, stylesheets, site, "2026-01-01")
    print_dir = write_print_html(edition, stylesheets, "2026-01-01", project / "build" / "scratch")
    return Built(site, html.parse(str(print_dir / "edition.html")).getroot(), print_dir)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The repository's edition, with an empty pointer to a document in its introduction."""
    project = copy_edition(tmp_path_factory.mktemp("numbers") / "edition")
    stem, _ = POINTED
    introduction = project / "tei" / "front" / "introduction.xml"
    text = introduction.read_text(encoding="utf-8")
    first = re.search(r"<p>", text[text.index("<body>") :])
    assert first is not None
    at = text.index("<body>") + first.end()
    pointer = f'See <ptr target="../documents/{stem}.xml"/>. '
    introduction.write_text(text[:at] + pointer + text[at:], encoding="utf-8")
    return build(project)


@pytest.fixture(scope="module")
def unnumbered(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture edition: other editors' TEI, no document carries @n."""
    project = tmp_path_factory.mktemp("unnumbered") / "edition"
    shutil.copytree(FIXTURES / "edition", project)
    shutil.copytree(REPOSITORY / "schema", project / "schema")
    documents = sorted((project / "tei" / "documents").glob("*.xml"))
    for document in documents:
        assert not re.search(r'<TEI [^>]*\bn="', document.read_text(encoding="utf-8"))
    # An empty pointer to a document without a number: its short title stands in.
    replace_in(documents[0], "</body>", f'<p>See <ptr target="{documents[0].name}"/>.</p></body>')
    return build(project)


def numbers_of_documents() -> dict[str, str]:
    """Each shipped document's page stem and its number, as the TEI gives it."""
    numbers = {}
    for path in sorted((REPOSITORY / "tei" / "documents").glob("*.xml")):
        found = re.search(r'<TEI [^>]*\bn="(\d+)"', path.read_text(encoding="utf-8"))
        assert found, path
        numbers[path.stem] = found.group(1)
    return numbers


def words(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def paragraph_numbers(root: html.HtmlElement, marker: str = "a") -> dict[str, int]:
    """The anchor of each numbered paragraph of a page and the number its margin shows."""
    found = {}
    for number in root.xpath(f".//p/{marker}[@class = 'paragraph-number']"):
        anchor = number.get("id") or number.getparent().get("id")
        label = words(number)
        assert re.fullmatch(r"¶ \d+", label), label
        found[anchor] = int(label[2:])
    return found


def test_every_document_page_heading_and_title_show_its_number(shipped: Built) -> None:
    for stem, number in numbers_of_documents().items():
        page = shipped.page(f"{stem}.html")
        kicker = page.xpath("//h1/span[@class = 'document-number']")
        assert [words(k) for k in kicker] == [f"No. {number}"], stem
        assert words(page.find(".//h1")).startswith(f"No. {number} "), stem
        assert page.findtext(".//title").startswith(f"No. {number}: "), stem


def test_previous_and_next_carry_the_neighbours_numbers(shipped: Built) -> None:
    numbers = numbers_of_documents()
    seen = 0
    for stem in numbers:
        page = shipped.page(f"{stem}.html")
        for link in page.xpath("//nav[@class = 'prev-next']//a"):
            target = link.get("href").removesuffix(".html")
            assert f": no. {numbers[target]}, " in words(link), (stem, words(link))
            seen += 1
    assert seen == 2 * (len(numbers) - 1)


def test_chronology_labels_each_document_with_its_number(shipped: Built) -> None:
    numbers = numbers_of_documents()
    page = shipped.page("chronology.html")
    listed = page.xpath(
        "//section[@id = 'chronology-list']//li[@class = 'chronology-document'"
        " or starts-with(@class, 'chronology-document ')]/a"
    )
    assert len(listed) == len(numbers)
    for link in listed:
        number = numbers[link.get("href").removesuffix(".html")]
        assert words(link).startswith(f"No. {number}: "), words(link)
    drawn = page.xpath("//*[local-name() = 'tspan'][@class = 'chronology-label']")
    first_lines = [words(line) for line in drawn if words(line).startswith("No. ")]
    assert sorted(int(line.split()[1].rstrip(":")) for line in first_lines) == sorted(
        int(n) for n in numbers.values()
    )


def test_entity_page_mentions_cite_number_and_paragraph_and_land_on_it(shipped: Built) -> None:
    numbers = numbers_of_documents()
    pages: dict[str, dict[str, int]] = {}
    checked = 0
    for path in sorted(shipped.site.glob("*/*.html")):
        entity = shipped.page(str(path.relative_to(shipped.site)))
        for item in entity.xpath("//ol[@class = 'entity-mentions']/li"):
            page_name = item.find("p/a").get("href")
            stem = page_name.removesuffix(".html")
            if stem in numbers:
                assert words(item.find("p/a")) == f"no. {numbers[stem]}"
            if page_name not in pages:
                pages[page_name] = paragraph_numbers(shipped.page(page_name))
            for link in item.xpath(".//a[@class = 'entity-paragraph']"):
                name, anchor = link.get("href").split("#")
                assert name == page_name
                shown = pages[page_name][anchor]  # the anchor exists, with a number
                assert words(link) == f"¶ {shown}"
                if stem in numbers:
                    assert link.get("aria-label") == f"no. {numbers[stem]}, ¶ {shown}"
                checked += 1
    assert checked > 50


def test_paragraph_numbers_are_links_to_themselves_counted_from_one(shipped: Built) -> None:
    for stem in [*numbers_of_documents(), "introduction", "principles"]:
        page = shipped.page(f"{stem}.html")
        found = paragraph_numbers(page)
        assert list(found.values()) == list(range(1, len(found) + 1)), stem
        for link in page.xpath("//a[@class = 'paragraph-number']"):
            assert link.get("href") == f"#p{words(link)[2:]}"
            assert link.get("aria-label") == f"Paragraph {words(link)[2:]}: link to cite"
        # Notes, list items and headings are not numbered.
        unnumbered = "//*[self::li or self::h2 or self::h3]//a[@class = 'paragraph-number']"
        assert not page.xpath(unnumbered)


def test_web_and_print_number_the_same_paragraphs(shipped: Built) -> None:
    for stem in numbers_of_documents():
        web = paragraph_numbers(shipped.page(f"{stem}.html"))
        document_id = f"doc-{stem}"
        section = shipped.book.xpath(f"//section[@id = '{document_id}']")[0]
        printed = paragraph_numbers(section, marker="span")
        assert printed == {f"{document_id}-{anchor}": n for anchor, n in web.items()}, stem


def test_ids_are_unique_in_every_web_page_and_in_the_book(shipped: Built) -> None:
    outputs = [*shipped.site.glob("*.html"), *shipped.print_dir.rglob("*.html")]
    assert len(outputs) > 20
    for output in outputs:
        ids = Counter(e.get("id") for e in html.parse(str(output)).getroot().iter() if e.get("id"))
        assert [i for i, count in ids.items() if count > 1] == [], output


def test_a_pointer_to_a_document_reads_and_links_as_its_number(shipped: Built) -> None:
    stem, number = POINTED
    web = shipped.page("introduction.html")
    first = web.xpath("//main//p[a[@class = 'paragraph-number']]")[0]
    assert [words(a) for a in first.xpath(f".//a[@href = '{stem}.html']")] == [f"no. {number}"]
    printed = shipped.book.xpath(f"//a[@class = 'document-ref'][@href = '#doc-{stem}']")
    assert f"no. {number}" in [words(a) for a in printed]
    # Every printed reference to a document leads to its section in the book.
    sections = set(shipped.book.xpath("//section/@id"))
    for link in shipped.book.xpath("//a[@class = 'document-ref']"):
        assert link.get("href")[1:] in sections
    # References the editors wrote as "no. N" lead to the document numbered N.
    numbers = numbers_of_documents()
    for page in shipped.site.glob("*.html"):
        for link in html.parse(str(page)).getroot().xpath("//main//a[starts-with(., 'no. ')]"):
            target = link.get("href").split("#")[0].removesuffix(".html")
            if target in numbers and re.fullmatch(r"no\. \d+", words(link)):
                assert words(link) == f"no. {numbers[target]}", page


def test_a_corpus_without_numbers_builds_without_them(unnumbered: Built) -> None:
    documents = [p for p in unnumbered.site.glob("*.html") if p.stem[:4].isdigit()]
    assert documents
    for path in documents:
        page = html.parse(str(path)).getroot()
        assert not page.xpath("//*[@class = 'document-number']")
        assert not re.match(r"No\. ", page.findtext(".//title"))
        title = page.find(".//h1/span[@class = 'document-title']")
        assert words(page.find(".//h1")) == words(title)
        assert paragraph_numbers(page), "paragraphs are numbered whatever the documents"
    chronology = unnumbered.page("chronology.html")
    listed = "//li[starts-with(@class, 'chronology-document')]/a"
    assert chronology.xpath(listed)
    assert not chronology.xpath(f"{listed}[starts-with(., 'No. ')]")
    for path in unnumbered.site.glob("*/*.html"):
        entity = unnumbered.page(str(path.relative_to(unnumbered.site)))
        for item in entity.xpath("//ol[@class = 'entity-mentions']/li"):
            assert not words(item).startswith("no. ")
    headings = "//*[self::h1 or self::h2][starts-with(normalize-space(.), 'No. ')]"
    assert not unnumbered.book.xpath(headings)
    pointer = unnumbered.page(f"{documents[0].stem}.html").xpath(
        f"//p[starts-with(normalize-space(.), '¶')]/a[@href = '{documents[0].stem}.html']"
    )
    assert pointer and words(pointer[0]) and not words(pointer[0]).startswith("no. ")
