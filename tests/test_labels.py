"""Every generated word comes from a label table, and web and print share their parts.

An edition in German (tests/fixtures/labels: a German document and a table translating
every key of xslt/common/labels.xml) is built into its web page and print HTML: no English
label is left in either, and the record and the citation say the same in both.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree, html
from test_rendering import DOCUMENT, make_project, render

from cables.config import load_edition
from cables.pdf import write_print_html
from cables.site import build_site
from cables.transform import Stylesheets
from conftest import FIXTURES, REPOSITORY, replace_in

LABELS = FIXTURES / "labels"
LABELS_NS = {"l": "urn:cables:labels"}


def table(path: Path) -> dict[str, str]:
    root = etree.parse(str(path)).getroot()
    return {label.get("key"): label.text or "" for label in root.findall("l:label", LABELS_NS)}


def german_project(root: Path) -> Path:
    """The test edition (test_rendering.make_project) with the German document alone."""
    project = make_project(root)
    documents = project / "tei" / "documents"
    shutil.rmtree(documents)
    documents.mkdir()
    shutil.copy2(LABELS / "brief.xml", documents / "brief.xml")
    shutil.copy2(LABELS / "labels-de.xml", project / "labels-de.xml")
    config = project / "edition.toml"
    replace_in(config, 'title = "Fixture edition"', 'title = "Probeedition"')
    replace_in(config, 'subtitle = "Test material for cables"', 'subtitle = "Prüfstoff"')
    replace_in(config, 'editors = ["Test Editors"]', 'editors = ["Prüfer"]')
    german = 'language = "de"\nlabels = "labels-de.xml"\nversion = "0.0.1"'
    replace_in(config, 'version = "0.0.1"', german)
    return project


@pytest.fixture(scope="module")
def german_build(tmp_path_factory) -> tuple[Path, Path]:
    """The German edition's site and print HTML folders."""
    project = german_project(tmp_path_factory.mktemp("labels"))
    edition = load_edition(project)
    stylesheets = Stylesheets(edition.xslt_dir)
    site = project / "build" / "site"
    site.mkdir(parents=True)
    build_site(edition, stylesheets, site, "2026-01-01")
    print_dir = write_print_html(edition, stylesheets, "2026-01-01", project / "build" / "scratch")
    return site, print_dir


@pytest.fixture(scope="module")
def built(german_build) -> tuple[html.HtmlElement, html.HtmlElement]:
    site, print_dir = german_build
    return (
        html.parse(str(site / "brief.html")).getroot(),
        html.parse(str(print_dir / "documents" / "doc-brief.html")).getroot(),
    )


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def visible(page: html.HtmlElement) -> str:
    """The text a reader meets: the body, the title and the labels of links and regions;
    not the BibTeX record, whose field names are BibTeX's."""
    for code in page.xpath("//pre[contains(@class, 'citation-bibtex')]"):
        code.getparent().remove(code)
    attributes = page.xpath("//@aria-label | //@title | //meta[@name = 'description']/@content")
    return " ".join([words(page.find("head/title")), words(page.find("body")), *attributes])


def test_the_german_table_translates_every_key() -> None:
    english = table(REPOSITORY / "xslt" / "common" / "labels.xml")
    assert set(table(LABELS / "labels-de.xml")) == set(english)
    comments = etree.parse(str(REPOSITORY / "xslt" / "common" / "labels.xml")).getroot()
    for label in comments.findall("l:label", LABELS_NS):
        before = label.getprevious()
        assert isinstance(before, etree._Comment), f"{label.get('key')} is not documented"


def english_fragments() -> set[str]:
    """The words of the English labels that would betray an English page."""
    english = table(REPOSITORY / "xslt" / "common" / "labels.xml")
    german = table(LABELS / "labels-de.xml")
    # The words of each English label between its placeholders; identical words
    # ("August", "Intern") and short ones ("In", "ed.") say nothing of the language.
    fragments = {
        fragment.strip(" .,:;()“”")
        for key, value in english.items()
        if value != german[key]
        for fragment in re.split(r"\{\d\}", value)
    }
    # A word both languages use ("Text") is no sign of English either.
    german_text = " ".join(german.values())
    fragments = {
        fragment
        for fragment in fragments
        if len(fragment) >= 4 and not re.search(rf"\b{re.escape(fragment)}\b", german_text)
    }
    return fragments


def english_left(page: html.HtmlElement, fragments: set[str]) -> list[str]:
    text = visible(page)
    return sorted(f for f in fragments if re.search(rf"\b{re.escape(f)}\b", text))


def test_no_english_label_is_left(built) -> None:
    fragments = english_fragments()
    assert {"Sender", "Not recorded", "Cite this document", "February", "Download"} <= fragments
    for page in built:
        text = visible(page)
        assert "Absender" in text and "Februar 1962" in text
        left = english_left(page, fragments)
        assert not left, f"English labels left: {left}"


@pytest.mark.parametrize(
    ("name", "german"),
    [
        ("index.html", "Die Edition erkunden"),
        ("persons.html", "Einträge"),
        ("places.html", "Einträge"),
        ("organisations.html", "Einträge"),
        ("events.html", "Einträge"),
        ("bibliography.html", "Literatur"),
        ("chronology.html", "Die Zeittafel als Liste"),
        ("map.html", "Die Karte als Tabellen"),
        ("search.html", "Ergebnisse eingrenzen"),
    ],
)
def test_no_english_label_is_left_on_the_corpus_pages(german_build, name, german) -> None:
    fragments = english_fragments()
    assert {"Explore the edition", "Mentioned in", "Other names", "Narrow the results"} <= fragments
    page = html.parse(str(german_build[0] / name)).getroot()
    # An entry's names are the corpus's words ("Chinese Embassy in Romania"), not labels.
    names = "//article[@class = 'entry']/h2 | //dl[@class = 'entry-details']//dd/span"
    for corpus in page.xpath(names):
        corpus.drop_tree()
    assert german in visible(page)
    left = english_left(page, fragments)
    assert not left, f"English labels left on {name}: {left}"


def rows(dl, wrapped: bool) -> list[tuple[str, str]]:
    if wrapped:
        return [(words(row.find("dt")), words(row.find("dd"))) for row in dl.findall("div")]
    cells = [words(cell) for cell in dl]
    return list(zip(cells[::2], cells[1::2], strict=True))


def test_web_and_print_records_hold_the_same_rows(built) -> None:
    web, printed = built
    web_rows = rows(web.find(".//section[@class='metadata']/dl"), wrapped=True)
    print_rows = rows(printed.find(".//dl[@class='record']"), wrapped=False)
    # Print shows where a link leads; otherwise the same words.
    link = " https://example.org/bericht"
    print_rows = [(label, value.replace(link, "")) for label, value in print_rows]
    assert web_rows == print_rows
    labels = [label for label, _ in web_rows]
    assert labels[:4] == ["Datum", "Absender", "Empfänger", "Ort"]
    assert "Einstufung" in labels and "Aufbewahrungsort" in labels
    web_notes = [words(note) for note in web.findall(".//ul[@class='record-notes']/li")]
    print_notes = [words(note) for note in printed.findall(".//div[@class='record-notes']/p")]
    # A note that qualifies no row of the record; the others are in the rows above.
    assert web_notes == print_notes and len(web_notes) == 1


def test_the_citation_is_the_same_in_web_and_print(built) -> None:
    web, printed = built
    citation = words(web.find(".//p[@class='citation-chicago']"))
    printed_citation = printed.find(".//header[@class='single-front']//span[@class='citation']")
    assert citation == words(printed_citation)
    title = "„Bericht der Gesandtschaft über die Lage.“"
    assert citation.startswith(f"{title} 14. Februar 1962.")
    assert "hrsg. von Prüfer." in citation


@pytest.fixture(scope="module")
def german_text(tmp_path_factory) -> tuple[html.HtmlElement, html.HtmlElement]:
    """The rendering test document (every element cables renders) in a German edition."""
    project = make_project(tmp_path_factory.mktemp("german-text"))
    shutil.copy2(LABELS / "labels-de.xml", project / "labels-de.xml")
    german = 'language = "de"\nlabels = "labels-de.xml"\nversion = "0.0.1"'
    replace_in(project / "edition.toml", 'version = "0.0.1"', german)
    rendered = render(project)
    return rendered.web, rendered.print


# What the stylesheets write about the text (breaks, edits, gaps, blanks, marks) as
# opposed to the text itself, which is the document's, in English.
GENERATED = (
    "//*[contains(@class, 'pb') or contains(@class, 'cb') or contains(@class, 'gap')"
    " or contains(@class, 'edit-note')]"
)


def test_the_words_about_the_text_come_from_the_labels(german_text) -> None:
    # The document's own words ("a cross in the margin") are no labels.
    source = " ".join("".join(etree.parse(str(DOCUMENT)).getroot().itertext()).split())
    fragments = {f for f in english_fragments() if not re.search(rf"\b{re.escape(f)}\b", source)}
    assert {"page break", "Deleted", "blank space", "hand changes", "cause"} <= fragments
    for page in german_text:
        generated = [words(element) for element in page.xpath(GENERATED)]
        generated += page.xpath("//main//@title | //article//@title | //main//@aria-label")
        text = " ".join(generated)
        assert "hinzugefügt" in text.lower() and "Lücke: 2 Wörter" in text
        left = sorted(f for f in fragments if re.search(rf"\b{re.escape(f)}\b", text))
        assert not left, f"English labels left: {left}"


# What the encoding guidelines write around the ODD's own (English) prose and descriptions.
GUIDELINES = (
    "//h1 | //h4 | //caption | //thead | //span[@class = 'required']"
    " | //p[@class = 'element-module'] | //section[@id = 'att-global']/p"
    " | //h3[@id = 'element-index-heading' or @id = 'att-global-heading']"
    " | //table[@class = 'attributes']//td[3][not(*)] | //p[a/@href = '#att-global']"
    " | //p[@class = 'guidelines-source']"
)


def test_no_english_label_is_left_in_the_encoding_guidelines(german_build) -> None:
    fragments = english_fragments()
    page = html.parse(str(german_build[0] / "encoding.html")).getroot()
    for title in page.xpath("//p[@class = 'guidelines-source']/cite"):
        title.drop_tree()
    # Element and attribute names (<code>note</code>) and the examples' markup are TEI's,
    # in no language, and the examples' words the edition's.
    for name in page.xpath("//code | //pre"):
        name.drop_tree()
    # Cells apart: a table head's words are not one word.
    text = " ".join(" ".join(element.itertext()) for element in page.xpath(GUIDELINES))
    assert "Auf jedem Element erlaubte Attribute" in text and "Beschreibung" in text
    text = re.sub(r"</?\w[^>]*>", " ", text)
    left = sorted(f for f in fragments if re.search(rf"\b{re.escape(f)}\b", text))
    assert not left, f"English labels left: {left}"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js runs search.js")
def test_the_search_script_writes_the_editions_words(german_build) -> None:
    """search.js has no table of its own: search.html hands it the search-js-* labels, and
    the counts and messages it writes are the German edition's."""
    site, _ = german_build
    (form,) = html.parse(str(site / "search.html")).getroot().xpath("//form[@id='search-form']")
    labels = json.loads(form.get("data-labels"))
    table = etree.parse(str(LABELS / "labels-de.xml")).getroot()
    german = {
        label.get("key"): label.text or ""
        for label in table.findall("l:label", LABELS_NS)
        if label.get("key").startswith("search-js-")
    }
    assert labels == german
    driver = (
        "const s = require(process.argv[1]); s.setLabels(JSON.parse(process.argv[2]));"
        "console.log(s.describe([{kind: 'note'}, {kind: 'document'}, {kind: 'document'}], 2));"
        "console.log(s.describe([], 0));"
    )
    script = str(site / "assets" / "search.js")
    result = subprocess.run(
        ["node", "-e", driver, script, json.dumps(labels)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "3 Treffer: 2 Dokumente und Seiten, 1 Anmerkung. Die ersten 2 sind aufgeführt.",
        german["search-js-no-results"],
    ]


# ------------------------------------------------------------ the values of the encoding

#: The lists whose values the stylesheets name in words (f:value-label): the label key is
#: the list's name and the value; the ODD closes each list on (element, attribute). The
#: labels that are no value: what a missing or unknown one is called.
VALUE_LISTS = {
    "status": ("revisionDesc", "status"),
    "type": ("text", "type"),
    "note": ("note", "type"),
    "classification": ("note", "subtype"),
    "bibliography": ("bibl", "type"),
}
NOT_VALUES = {"status-not-recorded", "bibliography-other"}
TEI = "{http://www.tei-c.org/ns/1.0}"


def closed_values(element: str, attribute: str) -> set[str]:
    odd = etree.parse(str(REPOSITORY / "schema" / "cables.odd")).getroot()
    path = (
        f".//{TEI}elementSpec[@ident='{element}']//{TEI}attDef[@ident='{attribute}']"
        f"/{TEI}valList[@type='closed']/{TEI}valItem"
    )
    return {item.get("ident") for item in odd.iterfind(path)}


@pytest.mark.parametrize("name", sorted(VALUE_LISTS))
def test_the_label_table_names_each_value_the_odd_allows_and_no_other(name: str) -> None:
    """The label table is the one list of the values the stylesheets name in words: it
    has a label for each value the ODD closes the list on, and none for another."""
    values = closed_values(*VALUE_LISTS[name])
    assert values, f"the ODD closes no list of {VALUE_LISTS[name]}"
    keys = set(table(REPOSITORY / "xslt" / "common" / "labels.xml"))
    labelled = {
        key.removeprefix(f"{name}-") for key in keys - NOT_VALUES if key.startswith(f"{name}-")
    }
    assert labelled == values


def test_an_edition_names_a_value_of_its_own_in_its_label_table(tmp_path: Path) -> None:
    """A text type the packaged table does not know is shown in words; an edition that adds
    its label to its own table sees that label, on the web and in print."""
    project = make_project(tmp_path)
    document = project / "tei" / "documents" / DOCUMENT.name
    replace_in(document, "  <text>", '  <text type="dispatch-note">')
    plain = render(project)
    assert "Dispatch note" in words(plain.web.find(".//section[@class='metadata']"))
    own = project / "labels-own.xml"
    own.write_text(
        '<labels xmlns="urn:cables:labels">'
        '<label key="type-dispatch-note">Note accompanying a dispatch</label></labels>',
        encoding="utf-8",
    )
    replace_in(
        project / "edition.toml",
        'version = "0.0.1"',
        'labels = "labels-own.xml"\nversion = "0.0.1"',
    )
    shutil.rmtree(project / "build")
    labelled = render(project)
    for page in (labelled.web, labelled.print):
        assert "Note accompanying a dispatch" in words(page), page
