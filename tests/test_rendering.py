"""The shared text rules (xslt/common/text.xsl) in the web page and the print HTML.

One document (tests/fixtures/rendering/rendering.xml) uses each element the rules render
for their TEI meaning; it is built into a site page and into the print HTML that WeasyPrint
lays out, and each element is looked for in both.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html

from cables.config import load_edition
from cables.pdf import write_print_html
from cables.site import build_site
from cables.transform import Stylesheets
from conftest import FIXTURES, REPOSITORY, replace_in

VNU_JAR = REPOSITORY / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

DOCUMENT = FIXTURES / "rendering" / "rendering.xml"
STEM = DOCUMENT.stem


@dataclass
class Rendered:
    """The web page and the print page of the test document, parsed."""

    project: Path
    site: Path
    print_dir: Path
    web: html.HtmlElement
    print: html.HtmlElement
    generic: dict[str, int]

    def both(self, xpath: str) -> tuple[list, list]:
        return self.web.xpath(xpath), self.print.xpath(xpath)


def make_project(root: Path, text_table: str = "") -> Path:
    """An edition with the repository's stylesheets and the test document (and its image)."""
    project = root / "edition"
    shutil.copytree(FIXTURES / "edition", project)
    for folder in ("schema", "xslt"):
        shutil.copytree(REPOSITORY / folder, project / folder)
    documents = project / "tei" / "documents"
    for old in documents.iterdir():
        old.unlink()
    (project / "tei" / "front").mkdir()
    shutil.copy2(DOCUMENT, documents / DOCUMENT.name)
    shutil.copytree(DOCUMENT.parent / "img", documents / "img")
    if text_table:
        with (project / "edition.toml").open("a", encoding="utf-8") as config:
            config.write("\n[text]\n" + text_table + "\n")
    return project


def render(project: Path) -> Rendered:
    # The document is not of the edition's kind (`cables check` would ask for lenient
    # validation), so the outputs are made directly.
    edition = load_edition(project)
    stylesheets = Stylesheets(edition.xslt_dir)
    site = project / "build" / "site"
    site.mkdir(parents=True)
    result = build_site(edition, stylesheets, site, "2026-01-01")
    print_dir = write_print_html(edition, stylesheets, "2026-01-01", project / "build" / "scratch")
    return Rendered(
        project,
        site,
        print_dir,
        html.parse(str(site / f"{STEM}.html")).getroot(),
        html.parse(str(print_dir / "documents" / f"doc-{STEM}.html")).getroot(),
        result.generic,
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(make_project(tmp_path_factory.mktemp("rendering")))


def text_of(elements: list) -> str:
    return " ".join(" ".join(element.text_content().split()) for element in elements)


def texts_in_each(page: html.HtmlElement, each: str, inner: str) -> list[str]:
    """The text of `inner` (a path from each element) in each element `each` finds."""
    return [text_of(element.xpath(inner)) for element in page.xpath(each)]


def flat(page: html.HtmlElement) -> str:
    return " ".join(page.xpath("string(//body)").split())


def by_class(name: str) -> str:
    return f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"


# ------------------------------------------------------------------ choice


def test_choice_shows_the_preferred_readings_with_the_others_on_hover(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        shown = text_of(page.xpath(by_class("choice")))
        assert shown == "Doktor color the", shown
        assert "DrDoktor" not in flat(page) and "tehthe" not in flat(page)
    titles = [element.get("title") for element in rendered.web.xpath(by_class("choice"))]
    assert titles == ["Abbreviation: Dr", "Original spelling: colour", "As written (sic): teh"]
    # Print shows the text chosen, as a printed edition does, without the other readings.
    assert not rendered.print.xpath(by_class("choice") + "[@title]")
    assert "colour" not in flat(rendered.print)


def test_choice_preference_comes_from_edition_toml(tmp_path: Path) -> None:
    project = make_project(tmp_path, 'choice = ["abbr", "orig", "sic"]')
    switched = render(project)
    for page in (switched.web, switched.print):
        assert text_of(page.xpath(by_class("choice"))) == "Dr colour teh"
    abbreviation = switched.web.xpath("//abbr[contains(@class, 'choice')]")
    assert [element.get("title") for element in abbreviation] == ["Expansion: Doktor"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('choice = ["abbr", "expan"]', "[text] choice names both abbr and expan"),
        ('choice = ["short"]', "[text] choice[0] must be one of abbr, expan"),
        ('choice = "expan"', "[text] choice must be a list of readings"),
    ],
)
def test_bad_choice_setting_is_refused_naming_the_key(
    tmp_path: Path, line: str, message: str
) -> None:
    from cables.errors import CablesError

    project = make_project(tmp_path, line)
    with pytest.raises(CablesError) as refused:
        load_edition(project)
    assert message in str(refused.value.message)


def test_choice_setting_defaults_and_single_pairs(tmp_path: Path) -> None:
    assert load_edition(make_project(tmp_path / "a")).choice == ("expan", "reg", "corr")
    project = make_project(tmp_path / "b", 'choice = ["orig"]')
    assert load_edition(project).choice == ("expan", "orig", "corr")
    replace_in(project / "edition.toml", 'choice = ["orig"]', "choice = []")
    assert load_edition(project).choice == ("expan", "reg", "corr")


# ------------------------------------------------------------------ the source's state


def test_deletions_are_struck_and_additions_marked_with_place_and_hand(
    rendered: Rendered,
) -> None:
    web, printed = rendered.both("//del[contains(@class, 'del')]")
    assert text_of(web) == text_of(printed) == "not quietly"
    added_web, added_print = rendered.both("//ins[contains(@class, 'add')]")
    assert text_of(added_web) == text_of(added_print) == "now"
    assert added_web[0].get("class") == "add place-above"
    assert added_web[0].get("title") == "Added; above the line; hand: the secretary"
    assert web[0].get("title") == "Deleted"
    # In print the place and hand are a small note after the addition; a bare deletion has none.
    note = added_print[0].getnext()
    assert note.get("class") == "edit-note"
    assert note.text_content() == "[added; above the line; hand: the secretary]"
    assert printed[1].getnext() is None or printed[1].getnext().get("class") != "edit-note"


def test_unclear_supplied_damage_say_what_the_editors_recorded(rendered: Rendered) -> None:
    for name, shown, title in (
        ("unclear", "Constanța", "Unclear; reason: faded"),
        ("supplied", "[harbour]", "Supplied by the editors; reason: omitted"),
        ("damage", "wet", "Damaged; cause: water"),
    ):
        web, printed = rendered.both(f"//span[@class = '{name}']")
        assert text_of(web) == text_of(printed) == shown
        assert web[0].get("title") == title
        assert printed[0].getnext().text_content() == f"[{title.lower()}]"


def test_gap_says_what_is_missing(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        assert text_of(page.xpath("//span[@class = 'gap']")) == "[gap: 2 words, illegible]"


def test_space_is_a_visible_blank_with_its_size(rendered: Rendered) -> None:
    web, printed = rendered.both("//span[@class = 'space']")
    assert web[0].text == printed[0].text == "\u2003\u2003"
    assert web[0].get("title") == "Blank space in the source: 3 characters"
    assert printed[0].getnext().text_content() == "[blank space: 3 characters]"
    assert "herea" not in flat(rendered.web).replace("\u2003", "")


def test_metamark_keeps_its_text_and_description(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        marks = page.xpath("//span[@class = 'metamark']")
        assert [mark.text_content() for mark in marks] == ["#", ""]
        assert "[mark: a cross in the margin]" in flat(page)
    assert rendered.web.xpath("//span[@class = 'metamark']")[0].get("title") == (
        "Mark in the source: insertion"
    )
    assert "[mark: insertion]" in flat(rendered.print)


# ------------------------------------------------------------------ drama and verse


def test_speeches_speakers_and_stage_directions_are_set_off(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        speakers = texts_in_each(page, "//div[@class = 'sp']", "div[@class = 'speaker']")
        assert speakers == ["Anna", "Boris"]
        assert text_of(page.xpath("//div[@class = 'stage']")) == "Enter Anna and Boris."
        assert text_of(page.xpath("//span[@class = 'l']/span[@class = 'stage']")) == "laughing"


def test_cast_list_and_setting_are_a_list_of_roles(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        items = "//div[@class = 'castList']/ul[@class = 'cast']/li[@class = 'castItem']"
        assert texts_in_each(page, items, "span[@class = 'role']") == ["Anna", "Boris"]
        assert texts_in_each(page, items, "span[@class = 'roleDesc']")[0] == "a letter writer"
        assert text_of(page.xpath("//div[@class = 'castList']/p[@class = 'head']")) == (
            "Persons of the play"
        )
        assert text_of(page.xpath("//div[@class = 'set']")) == "A room in a house by the sea."


def test_verse_lines_are_lines_and_every_fifth_is_numbered(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        lines = "//div[@class = 'sp']//span[@class = 'l']"
        numbers = texts_in_each(page, lines, "span[@class = 'line-number']")
        assert numbers == ["", "", "", "", "5", "", "", "", "", "10"]
        assert page.xpath("//div[@class = 'lg lg-stanza']/span[@class = 'l']")
    # Both stylesheets make each line a block: verse does not run on as prose.
    for css in (REPOSITORY / "xslt/html/assets/edition.css", REPOSITORY / "xslt/print/print.css"):
        rules = " ".join(css.read_text(encoding="utf-8").split())
        assert ".l { display: block;" in rules, css


def test_letter_parts_are_blocks(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        assert text_of(page.xpath("//div[@class = 'opener']/div[@class = 'dateline']")) == (
            "Bucharest, 1 January 1900"
        )
        assert text_of(page.xpath("//div[@class = 'closer']/div[@class = 'signed']")) == "Anna"
        # A postscript's paragraph is one of the letter's, numbered with the others.
        assert text_of(page.xpath("//div[@class = 'postscript']")) == "¶ 6 P.S. Bring the maps."
        assert text_of(page.xpath("//div[@class = 'titlePage']//div[@class = 'byline']")) == (
            "by Anonymous Tester"
        )


# ------------------------------------------------------------------ all of the text in print


def test_front_and_back_reach_the_print_edition(rendered: Rendered) -> None:
    printed = flat(rendered.print)
    for words in (
        "The Tested Play",
        "Persons of the play",
        "A room in a house by the sea.",
        "Appendix",
        "A closing word in the back.",
    ):
        assert words in printed, words
    # Front, body and back in the order of the web page.
    web = flat(rendered.web)
    assert web.index("The Tested Play") < web.index("Dear brother") < web.index("Appendix")
    assert (
        printed.index("The Tested Play") < printed.index("Dear brother") < printed.index("Appendix")
    )


# ------------------------------------------------------------------ breaks


def test_word_broken_over_lines_gets_one_hyphen_and_no_space(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        (paragraph,) = page.xpath("//p[contains(., 'A long word')]")
        markup = html.tostring(paragraph, encoding="unicode")
        assert "Konstan-<br>tinopel" in markup, markup
        assert 'Bukar<span class="hyphen">-</span><br>est' in markup, markup
        assert "plain\n          <br>line" in markup
        # A break the source hides: none shown, and no space inside the word.
        assert "in Apollo and" in paragraph.text_content()
        assert "between words." in paragraph.text_content()


def test_page_break_shows_its_number_and_links_a_safe_facsimile(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        linked = page.xpath("//a[@class = 'pb']")
        assert [(a.text, a.get("href")) for a in linked] == [
            ("[p. 2]", "https://example.org/facsimile/2.jpg")
        ]
        # A javascript: facsimile is shown as a page number only.
        assert text_of(page.xpath("//span[@class = 'pb']")) == "[p. 3]"
        assert not page.xpath("//*[starts-with(@href, 'javascript')]")


# ------------------------------------------------------------------ figures


def test_local_figure_is_copied_and_shown_with_its_description(rendered: Rendered) -> None:
    copied = "figures/tei/documents/img/plan.png"
    image = DOCUMENT.parent / "img" / "plan.png"
    assert (rendered.site / "assets" / copied).read_bytes() == image.read_bytes()
    assert (rendered.print_dir / copied).read_bytes() == image.read_bytes()
    web, printed = rendered.both("//figure[@class = 'figure']/img")
    assert [(img.get("src"), img.get("alt")) for img in web] == [
        (f"assets/{copied}", "A hand-drawn plan of the harbour")
    ]
    assert printed[0].get("src") == f"../{copied}"
    book = html.parse(str(rendered.print_dir / "edition.html")).getroot()
    assert book.xpath("//figure[@class = 'figure']/img/@src") == [copied]
    for page in (rendered.web, rendered.print):
        assert text_of(page.xpath("//figcaption[@class = 'figure-caption']")) == (
            "The plan of the harbour"
        )


def test_remote_figure_is_linked_never_loaded_and_missing_one_described(
    rendered: Rendered,
) -> None:
    for page in (rendered.web, rendered.print):
        assert not page.xpath("//img[starts-with(@src, 'http')]")
        (remote,) = page.xpath("//a[@class = 'figure-link']")
        assert remote.get("href") == "https://example.org/remote.png"
        assert remote.text == "[Figure: A remote photograph]"
        assert text_of(page.xpath("//span[@class = 'figure-missing']")) == (
            "[Figure: A lost sketch of the quay]"
        )


def test_missing_or_outside_figure_is_a_warning_not_a_crash(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from cables.corpus import corpus_files
    from cables.figures import find_figures

    project = make_project(tmp_path)
    (tmp_path / "secret.png").write_bytes(b"not for the site")
    replace_in(
        project / "tei" / "documents" / DOCUMENT.name,
        '<graphic url="https://example.org/remote.png"/>',
        '<graphic url="../../../secret.png"/><graphic url="/etc/hostname"/>',
    )
    edition = load_edition(project)
    with caplog.at_level("WARNING", logger="cables"):
        figures = find_figures(edition, corpus_files(edition))
    assert [figure.target for figure in figures] == ["tei/documents/img/plan.png"]
    messages = [record.getMessage() for record in caplog.records]
    assert any("img/missing.png is not there" in message for message in messages), messages
    assert any("../../../secret.png is outside the project" in message for message in messages)
    assert any("/etc/hostname is outside the project" in message for message in messages)
    rendered = render(project)
    assert not list(rendered.site.rglob("secret.png"))
    assert not list(rendered.print_dir.rglob("hostname"))


# ------------------------------------------------------------------ tables, lists, quotations


def test_table_has_header_cells_spans_and_caption(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        (table,) = page.xpath("//table")
        assert text_of(table.xpath("caption")) == "Prices"
        rows = table.xpath("tbody/tr")
        assert [[cell.tag for cell in row] for row in rows] == [["th", "th"], ["th", "td"], ["td"]]
        assert rows[2][0].get("colspan") == "2"


def test_lists_ordered_and_gloss(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        assert text_of(page.xpath("//ol/li")) == "First point Second point"
        assert text_of(page.xpath("//dl[@class = 'gloss']/div/dt")) == "lei"
        assert text_of(page.xpath("//dl[@class = 'gloss']/div/dd")) == "the Romanian currency"


def test_quotations_keep_their_sources_and_blocks(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        figures = "//figure[@class = 'cit']"
        quoted = texts_in_each(page, figures, "blockquote")
        assert quoted == ["To be or not to be", "A saying in a q"]
        assert texts_in_each(page, figures, "figcaption") == ["Hamlet", "the source"]
        (inline,) = page.xpath("//p/span[@class = 'cit']")
        assert text_of([inline]) == "carpe diem (Horace)"
        assert inline.xpath("q/@lang") == ["la"]
        assert text_of(page.xpath("//p/q")) == "come soon"
        (verse,) = page.xpath("//blockquote[@class = 'quote']")
        assert len(verse.xpath("span[@class = 'l']")) == 2
        # Verse quoted is not a line of the text's own verse: it is not counted.
        assert not verse.xpath(".//span[@class = 'line-number']")


def test_titles_and_languages(rendered: Rendered) -> None:
    for page in (rendered.web, rendered.print):
        titles = page.xpath("//p[contains(., 'He read')]/cite")
        assert [cite.text_content() for cite in titles] == [
            "War and Peace",
            "“A Short Story”",
        ]
        assert page.xpath("//p/cite[@class = 'title-quoted']/text()") == ["“A Short Story”"]
        assert page.xpath("//span[@class = 'foreign']/@lang") == ["ro"]
        assert page.xpath("//span[@class = 'term']/@lang") == ["de"]
        assert page.xpath("//span[@class = 'bibl']/span[@class = 'seg']/@lang") == ["ru"]
        assert page.xpath("//span[@class = 'anchor']/@id") == ["here"]


def test_a_names_description_in_a_text_of_another_language_says_its_own(
    rendered: Rendered,
) -> None:
    # A Romanian paragraph names Bucharest: the description of the entry is English.
    paragraph = rendered.web.xpath("//p[@lang = 'ro'][.//a[contains(@class, 'name')]]")
    assert paragraph, "the Romanian paragraph with a name is missing"
    tip = paragraph[0].xpath(".//span[@class = 'tip']")[0]
    assert tip.get("lang") == "en", html.tostring(tip, encoding="unicode")


# ------------------------------------------------------------------ no generic rendering


def test_every_element_of_the_test_document_has_its_own_rule(rendered: Rendered) -> None:
    # `cables build` reports what only the catch-all rule rendered: here, nothing.
    assert rendered.generic == {}
    for page in (rendered.web, rendered.print):
        assert not page.xpath(by_class("tei-generic"))


# ------------------------------------------------------------------ as laid out


@pytest.mark.slow
def test_web_and_print_pages_are_valid_html(rendered: Rendered) -> None:
    java = shutil.which("java")
    if not java or not VNU_JAR.is_file():
        pytest.skip("the Nu Html Checker needs Java and npm's vnu-jar (make test)")
    pages = [rendered.site / f"{STEM}.html", rendered.print_dir / "documents" / f"doc-{STEM}.html"]
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_pdf_keeps_verse_lines_and_shows_the_figure(rendered: Rendered) -> None:
    # The one PDF layout of this module: the document's own print page.
    from datetime import UTC, datetime

    from cables.pdf import ARCHIVAL, PdfTarget, lay_out, missing_fonts

    if missing_fonts() or not shutil.which("pdftotext"):
        pytest.skip("the PDF needs the Noto fonts and poppler-utils (make test)")
    pdf = rendered.project / "build" / "rendering.pdf"
    html_page = rendered.print_dir / "documents" / f"doc-{STEM}.html"
    when = datetime(2026, 1, 1, tzinfo=UTC)
    lay_out(html_page, [PdfTarget(pdf, ARCHIVAL)], when, rendered.print_dir)
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    # Each verse line on a line of its own, the fifth with its number at the margin.
    assert "the second follows it," in lines
    assert "a third," in lines
    assert any(
        line.startswith("the fifth line laughing ends the count.") and line.endswith("5")
        for line in lines
    ), lines
    for words in ("Persons of the play", "Dear brother,", "Doktor", "[harbour]", "Appendix"):
        assert words in text, words
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert len(images.splitlines()) == 3, images  # the heading lines and the plan
