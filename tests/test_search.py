"""The search page of the web edition: the index search.xsl writes, the page, and search.js.

One build of a copy of the repository's edition serves every test; search.js's matching
runs under Node against the built index, as it runs in the browser.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from lxml import etree, html

from cables import search_index
from cables.build import build
from cables.config import load_edition
from conftest import REPOSITORY, build_html, copy_edition

pytestmark = pytest.mark.slow

TEI = "{http://www.tei-c.org/ns/1.0}"
NODE = shutil.which("node")
INDEX_PREFIX = "(window.cablesSearch = window.cablesSearch || []).push("

# Loads the rules, the built index and search.js under Node (with -e, arguments start at
# argv[1]), runs one search per request and prints the answers, [{urls, links, snippet,
# names}], in request order: urls are the results' entries, links their links (to the
# passage, with a text fragment), snippet the marked passage of the first result, names
# the name entries that matched it.
NODE_DRIVER = r"""
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const [site, scriptPath, namesJson, rulesJson, requestsJson, partsCount] = process.argv.slice(1);
const sandbox = { window: { atob, Blob, DecompressionStream, Response } };
// What a <script> element does in the page: run the file, which pushes its data.
const load = (name) =>
  vm.runInNewContext(fs.readFileSync(path.join(site, name + ".js"), "utf8"), sandbox);
const search = require(scriptPath);
(async () => {
  const store = search.createStore(sandbox.window, load);
  const parts = [];
  for (let n = 0; n < Number(partsCount); n++) parts.push(await store.get("search-index-" + n));
  const index = search.prepare(parts, JSON.parse(rulesJson), JSON.parse(namesJson));
  const answers = [];
  for (const { query, filters } of JSON.parse(requestsJson)) {
    const results = await search.find(index, store, query, filters || {}, Infinity);
    const views = results.map((result) => search.resultView(index, result));
    answers.push({
      urls: results.map((result) => result.entry.url),
      links: views.map((view) => view.url),
      snippet: views.length ? views[0].segments : [],
      names: results.length
        ? results[0].names.map((name) => name.name + " (" + name.form + ")")
        : [],
    });
  }
  process.stdout.write(JSON.stringify(answers));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
"""


def index_parts(site: Path) -> list[Path]:
    """The files of the search index, in the order search.html loads them."""
    page = html.parse(str(site / "search.html")).getroot()
    return [site / source for source in page.xpath("//script/@src") if "search-index" in source]


def read_file(path: Path) -> object:
    """The JSON a file of the index holds (compressed, in base64, in a script)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(INDEX_PREFIX) + len(INDEX_PREFIX)
    body = text[start:].strip()
    assert body.endswith(");")
    name, data = json.loads(body[:-2])
    assert name == path.stem
    return json.loads(zlib.decompress(base64.b64decode(data)))


def read_part(path: Path) -> dict:
    """A part of the index: its entries, each passage with its text (from the text files)."""
    part = read_file(path)
    chunks: dict[int, list] = {}
    for entry in part["entries"]:
        chunk, position = entry.pop("chunk")
        if chunk not in chunks:
            chunks[chunk] = read_file(path.with_name(f"search-text-{part['part']}-{chunk}.js"))
        for passage, text in zip(entry["passages"], chunks[chunk][position], strict=True):
            passage["text"] = text
    return part


#: What a note takes from its text's entry, which precedes it in its part.
SHARED_FACTS = ("title", "date", "dateEnd", "dateLabel", "type", "typeLabel", "status")
SHARED_KEYS = (*SHARED_FACTS, "order", "number")


def read_index(site: Path) -> dict:
    """All parts of the index as one, in the order search.js puts them, each note with
    the facts of its text and every entry with its named entries by index, as search.js
    gives them."""
    entries = []
    shared: dict = {}
    for path in index_parts(site):
        part = read_part(path)
        for entry in part["entries"]:
            if entry["kind"] == "note":
                assert not set(SHARED_KEYS) & set(entry) and "url" not in entry
                entry = {**shared, **entry, "url": f"{shared['url']}#note-{entry['note']}"}
            else:
                shared = {key: entry[key] for key in (*SHARED_KEYS, "url")}
            named = [*entry.get("record", []), *(n for p in entry["passages"] for n in p["names"])]
            for index in search_index.NAMED_INDICES:
                entry[index] = [n for n in dict.fromkeys(named) if part["facets"].get(n) == index]
            entries.append(entry)
    return {"entries": sorted(entries, key=lambda entry: (entry["order"], entry.get("note", 0)))}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_html(copy_edition(tmp_path_factory.mktemp("search") / "edition"))


@pytest.fixture(scope="module")
def index(site: Path) -> dict:
    return read_index(site)


@pytest.fixture(scope="module")
def page(site: Path) -> html.HtmlElement:
    return html.parse(str(site / "search.html")).getroot()


def corpus_documents() -> list[dict]:
    """What the index should say about each document, read from the TEI directly."""
    documents = []
    for path in sorted((REPOSITORY / "tei" / "documents").glob("*.xml")):
        tree = etree.parse(str(path))
        title = tree.find(f".//{TEI}titleStmt/{TEI}title[@type='main']")
        sent = tree.find(f".//{TEI}correspAction[@type='sent']/{TEI}date")
        documents.append(
            {
                "stem": path.stem,
                "id": tree.getroot().get("{http://www.w3.org/XML/1998/namespace}id"),
                "title": " ".join("".join(title.itertext()).split()),
                "date": sent.get("when"),
                "type": tree.find(f"{TEI}text").get("type"),
                "notes": len(tree.findall(f"{TEI}text//{TEI}note")),
            }
        )
    return documents


def text_of(entry: dict) -> str:
    """The text of an entry: its passages, in order."""
    return " ".join(passage["text"] for passage in entry["passages"])


def entries(index: dict, kind: str) -> list[dict]:
    return [entry for entry in index["entries"] if entry["kind"] == kind]


# ---------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------


def test_index_has_one_entry_per_document_with_url_title_date(index: dict) -> None:
    documents = corpus_documents()
    indexed = {entry["url"]: entry for entry in entries(index, "document")}
    assert len(entries(index, "document")) == len(documents) == 9
    for document in documents:
        entry = indexed[document["stem"] + ".html"]
        assert entry["id"] == document["id"]
        assert entry["title"] == document["title"]
        assert entry["date"] == document["date"]
        assert entry["type"] == document["type"]
        assert text_of(entry), document["stem"]


def test_documents_are_listed_in_date_order(index: dict) -> None:
    dates = [entry["date"] for entry in entries(index, "document")]
    assert dates == sorted(dates)


def test_index_has_one_entry_per_note_with_its_documents_facts(index: dict) -> None:
    documents = {document["stem"]: document for document in corpus_documents()}
    notes = [entry for entry in entries(index, "note") if entry["type"] != "front-matter"]
    expected = {
        f"{stem}.html#note-{number}"
        for stem, document in documents.items()
        for number in range(1, document["notes"] + 1)
    }
    assert [entry["url"] for entry in notes if entry["url"] in expected] == [
        entry["url"] for entry in notes
    ]
    assert {entry["url"] for entry in notes} == expected
    assert len(notes) == sum(document["notes"] for document in documents.values())
    for entry in notes:
        document = documents[entry["url"].split(".html#")[0]]
        assert entry["url"].endswith(f"#note-{entry['note']}")
        assert entry["title"] == document["title"]
        assert entry["date"] == document["date"]
        assert entry["type"] == document["type"]
        assert text_of(entry)


def test_note_text_is_its_own_and_document_text_leaves_notes_out(index: dict) -> None:
    by_url = {entry["url"]: entry for entry in index["entries"]}
    note = by_url["1963-05-09-cc-notification.html#note-3"]
    assert note["noteType"] == "Discrepancy between sources"
    assert text_of(note).startswith(
        "The introducing blog post calls the ambassador Gheorghe Dumitru"
    )
    document = by_url["1963-05-09-cc-notification.html"]
    assert "Gheorghe Dumitru, most likely the two names" not in text_of(document)
    # Blocks are kept apart: headings do not run into each other; the text outside the
    # paragraphs is a passage without a paragraph id.
    assert document["passages"][0]["id"] == ""
    assert document["passages"][0]["text"].startswith("Summary of the part seen Header The")
    assert document["passages"][1]["text"].startswith("The notification")


def test_entries_name_the_persons_and_places_they_mention(index: dict) -> None:
    by_url = {entry["url"]: entry for entry in index["entries"]}
    document = by_url["1963-05-09-cc-notification.html"]
    persons = set(document["persons"])
    places = set(document["places"])
    assert "per-peng-zhen" in persons
    assert "per-khrushchev" in persons
    assert {"pl-romania", "pl-soviet-union", "pl-cuba"} <= set(places)
    # The place of sending, from the correspondence record, counts as well.
    assert "pl-beijing" in places
    assert not any(identifier.startswith("org-") for identifier in persons | places)
    # A note names the persons and places it names itself, not its document's.
    note = by_url["1963-05-09-cc-notification.html#note-3"]
    assert note["persons"] == ["per-ro-ambassador-prc-1963"]


def test_passages_carry_their_paragraph_ids_and_names(index: dict, site: Path) -> None:
    by_url = {entry["url"]: entry for entry in index["entries"]}
    passages = by_url["1963-05-09-cc-notification.html"]["passages"]
    page = html.parse(str(site / "1963-05-09-cc-notification.html")).getroot()
    for passage in passages[1:]:
        (paragraph,) = page.xpath(f"//p[@id='{passage['id']}']")
        words = paragraph.text_content().split()
        assert words[:2] == ["¶", passage["id"].removeprefix("p")]  # its number, then its text
        assert words[2:4] == passage["text"].split()[:2]
    tagged = [passage for passage in passages if "per-peng-zhen" in passage["names"]]
    assert tagged and all("Peng Zhen" in passage["text"] for passage in tagged)
    assert len(tagged) < len(passages)


def test_front_matter_pages_are_indexed(index: dict) -> None:
    pages = {entry["url"]: entry for entry in entries(index, "page")}
    assert set(pages) == {"introduction.html", "principles.html", "abbreviations.html"}
    assert all(entry["type"] == "front-matter" and entry["date"] == "" for entry in pages.values())


def test_index_is_byte_identical_across_builds(site: Path, tmp_path: Path) -> None:
    again = build_html(copy_edition(tmp_path / "edition"))
    files = sorted(path.name for path in site.glob("search-*.js"))
    assert files == sorted(path.name for path in again.glob("search-*.js"))
    for name in files:
        assert (again / name).read_bytes() == (site / name).read_bytes()
    assert (again / "search.html").read_bytes() == (site / "search.html").read_bytes()


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------


def options(page: html.HtmlElement, name: str) -> list[tuple[str, str]]:
    return [
        (option.get("value"), option.text_content())
        for option in page.xpath(f"//select[@name='{name}']/option")
    ]


def test_form_is_labelled_and_hidden_until_the_script_runs(page: html.HtmlElement) -> None:
    assert page.xpath("//h1")[0].text_content() == "Search"
    (form,) = page.xpath("//form[@role='search']")
    assert form.get("hidden") is not None
    fields = ("q", "from", "to", "person", "place", "organisation", "event")
    for name in (*fields, "sender", "addressee", "status", "type"):
        (control,) = form.xpath(f".//*[@name='{name}']")
        assert form.xpath(f".//label[@for='{control.get('id')}']"), name
    assert form.xpath(".//input[@name='q']")[0].get("type") == "search"
    dates = form.xpath(".//input[@name='from' or @name='to']")
    # Text fields in the edition's date style, not the browser's mm/dd/yyyy.
    assert [control.get("type") for control in dates] == ["text", "text"]
    for control in dates:
        assert control.get("pattern") == "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
        (hint,) = page.xpath(f"//*[@id='{control.get('aria-describedby')}']")
        assert "1962-05-09" in hint.text_content()
    (status,) = page.xpath("//*[@id='search-status']")
    assert status.get("aria-live") == "polite"
    assert page.xpath("//ol[@id='search-results']")


def test_without_javascript_the_page_points_to_the_indices(page: html.HtmlElement) -> None:
    (noscript,) = page.xpath("//noscript")
    links = set(noscript.xpath(".//a/@href"))
    assert {"persons.html", "places.html", "organisations.html", "events.html"} <= links
    assert "index.html" in links


def test_index_then_script_are_loaded_from_the_site(page: html.HtmlElement) -> None:
    sources = page.xpath("//script/@src")
    assert sources == ["search-index-0.js", "assets/search.js"]
    # The rule table the index was made by, for search.js.
    assert json.loads(page.xpath("//form/@data-rules")[0]) == search_index.search_rules()
    assert page.xpath("//form/@data-index-parts") == ["1"]


def test_filter_options_are_sorted_and_found_in_the_index(
    page: html.HtmlElement, index: dict
) -> None:
    persons = options(page, "person")
    places = options(page, "place")
    types = options(page, "type")
    assert persons[0] == ("", "Any person") and places[0] == ("", "Any place")
    assert types[0] == ("", "Any type")
    for choices in (persons, places, types):
        labels = [label.lower() for _, label in choices[1:]]
        assert labels == sorted(labels)
    assert ("per-peng-zhen", "Peng Zhen") in persons
    assert ("pl-romania", "Romania") in places
    assert {value for value, _ in types[1:]} == {
        "telegram",
        "circular-telegram",
        "report",
        "party-directive",
        "front-matter",
    }
    mentioned_persons = {p for entry in index["entries"] for p in entry["persons"]}
    mentioned_places = {p for entry in index["entries"] for p in entry["places"]}
    assert {value for value, _ in persons[1:]} == mentioned_persons
    assert {value for value, _ in places[1:]} == mentioned_places
    organisations = options(page, "organisation")
    assert organisations[0] == ("", "Any organisation")
    assert ("org-cmea", "Council for Mutual Economic Assistance") in organisations
    assert {value for value, _ in organisations[1:]} == {
        identifier for entry in index["entries"] for identifier in entry["organisations"]
    }
    assert options(page, "event")[0] == ("", "Any event") and len(options(page, "event")) > 1


# ---------------------------------------------------------------------------
# search.js under Node
# ---------------------------------------------------------------------------


def run_searches(site: Path, requests: list[dict]) -> list[dict]:
    (form,) = html.parse(str(site / "search.html")).getroot().xpath("//form[@id='search-form']")
    result = subprocess.run(
        [
            NODE,
            "-e",
            NODE_DRIVER,
            str(site),
            str(site / "assets" / "search.js"),
            form.get("data-names"),
            form.get("data-rules"),
            json.dumps(requests),
            form.get("data-index-parts"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


@needs_node
def test_search_ignores_case_and_diacritics(site: Path) -> None:
    plain, capitals, accented = run_searches(
        site, [{"query": "scinteia"}, {"query": "SCINTEIA"}, {"query": "Scînteia"}]
    )
    assert "1962-02-14-attitude-towards-china.html" in plain["urls"]
    assert plain["urls"] == capitals["urls"] == accented["urls"]
    marked = [segment["text"] for segment in plain["snippet"] if segment["mark"]]
    assert marked == ["Scînteia"]


@needs_node
def test_every_word_of_the_query_must_match(site: Path) -> None:
    khrushchev, cmea, both, nothing = run_searches(
        site,
        [
            {"query": "Khrushchev"},
            {"query": "CMEA"},
            {"query": "khrushchev cmea"},
            {"query": "khrushchev zzzqqq"},
        ],
    )
    assert both["urls"]
    assert set(both["urls"]) == set(khrushchev["urls"]) & set(cmea["urls"])
    assert set(both["urls"]) < set(khrushchev["urls"])
    assert nothing["urls"] == []


@needs_node
def test_notes_are_found_at_their_anchor(site: Path) -> None:
    (found,) = run_searches(site, [{"query": "Dumitru reverse order"}])
    assert found["urls"] == ["1963-05-09-cc-notification.html#note-3"]


@needs_node
def test_date_range_excludes_documents_outside_it(site: Path, index: dict) -> None:
    unfiltered, from_1963, until_1962, one_day, month = run_searches(
        site,
        [
            {"query": "Romania"},
            {"query": "Romania", "filters": {"from": "1963-01-01"}},
            {"query": "Romania", "filters": {"to": "1962-12-31"}},
            {"query": "", "filters": {"from": "1963-05-09", "to": "1963-05-09"}},
            {"query": "", "filters": {"from": "1962-02", "to": "1962-02"}},
        ],
    )
    dates = {entry["url"]: entry["date"] for entry in index["entries"]}
    assert any(dates[url] < "1963" for url in unfiltered["urls"])
    assert from_1963["urls"] and all(dates[url] >= "1963-01-01" for url in from_1963["urls"])
    assert until_1962["urls"] and all("" < dates[url] <= "1962-12-31" for url in until_1962["urls"])
    assert set(from_1963["urls"]) | set(until_1962["urls"]) == {
        url for url in unfiltered["urls"] if dates[url]
    }
    # Without words a filter lists documents, not their notes.
    assert one_day["urls"] == ["1963-05-09-cc-notification.html"]
    assert month["urls"] == ["1962-02-14-attitude-towards-china.html"]


@needs_node
def test_filters_by_person_place_and_type_combine(site: Path, index: dict) -> None:
    organisation, person, place, kind, combined, empty = run_searches(
        site,
        [
            {"query": "Romania", "filters": {"organisation": "org-cmea"}},
            {"query": "", "filters": {"person": "per-peng-zhen"}},
            {"query": "", "filters": {"place": "pl-cuba"}},
            {"query": "", "filters": {"type": "telegram"}},
            {"query": "", "filters": {"person": "per-khrushchev", "type": "report"}},
            {"query": "", "filters": {}},
        ],
    )
    by_url = {entry["url"]: entry for entry in index["entries"]}
    assert organisation["urls"]
    for url in organisation["urls"]:
        assert "org-cmea" in by_url[url]["organisations"]
    assert "1963-05-09-cc-notification.html" in person["urls"]
    for url in person["urls"]:
        assert "per-peng-zhen" in by_url[url]["persons"]
    for url in place["urls"]:
        assert "pl-cuba" in by_url[url]["places"]
    assert len(kind["urls"]) == sum(
        1 for entry in entries(index, "document") if entry["type"] == "telegram"
    )
    assert combined["urls"] == ["1963-04-18-recent-situation.html"]
    assert empty["urls"] == []


@needs_node
def test_a_name_filter_applies_to_the_passages_that_tag_the_name(site: Path, index: dict) -> None:
    prague, maurer, maurer_prague, romania_peng = run_searches(
        site,
        [
            {"query": "", "filters": {"place": "pl-prague"}},
            {"query": "Maurer"},
            {"query": "Maurer", "filters": {"place": "pl-prague"}},
            {"query": "Romania", "filters": {"person": "per-peng-zhen"}},
        ],
    )
    # Prague is tagged in a note of the guidance, not in its text: the note is found, the
    # document is not (its notes' names are not the document's).
    assert "1963-11-22-maurer-article-guidance.html#note-3" in prague["urls"]
    assert "1963-11-22-maurer-article-guidance.html" not in prague["urls"]
    assert "1963-11-22-maurer-article-guidance.html" in maurer["urls"]
    assert set(maurer_prague["urls"]) == {
        "1963-11-11-reactions-maurer-article.html#note-1",
        "1963-11-22-maurer-article-guidance.html#note-3",
    }
    by_url = {entry["url"]: entry for entry in index["entries"]}

    def passage_of(link: str) -> dict:
        url, _, fragment = link.partition(":~:")[0].partition("#")
        entry = by_url.get(url + "#" + fragment) or by_url[url]
        wanted = "" if entry["kind"] == "note" else fragment
        return next(p for p in entry["passages"] if entry["kind"] == "note" or p["id"] == wanted)

    # The passage each result shows (and links to) is one that tags the name.
    for answer, name in ((maurer_prague, "pl-prague"), (romania_peng, "per-peng-zhen")):
        assert answer["links"]
        for link in answer["links"]:
            assert name in passage_of(link)["names"], link
    links = romania_peng["links"]
    assert any(link.startswith("1963-05-09-cc-notification.html#p") for link in links)


# ---------------------------------------------------------------------------
# An index in several parts
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same edition with the index split into parts of about two texts each."""
    project = copy_edition(tmp_path_factory.mktemp("parted") / "edition")
    patch = pytest.MonkeyPatch()
    patch.setattr(search_index, "TEXTS_PER_SEARCH_PART", 2)
    try:
        result = build(load_edition(project), ("html",))
    finally:
        patch.undo()
    assert result.check.errors == 0
    return project / "build" / "site"


def test_parts_hold_each_text_once_and_together_equal_one_index(
    site: Path, parted_site: Path
) -> None:
    parts = index_parts(parted_site)
    assert len(parts) == 8  # 12 texts, at most 2 a part: the next power of two
    page = html.parse(str(parted_site / "search.html")).getroot()
    assert page.xpath("//form/@data-index-parts") == ["8"]
    texts = [
        entry["url"]
        for path in parts
        for entry in read_part(path)["entries"]
        if entry["kind"] != "note"
    ]
    assert len(texts) == len(set(texts)) == 12
    assert read_index(parted_site) == read_index(site)


@needs_node
def test_search_gives_the_same_answers_over_parts(site: Path, parted_site: Path) -> None:
    requests = [
        {"query": "romania"},
        {"query": "maurer"},
        {"query": "", "filters": {"type": "telegram"}},
    ]
    answers = run_searches(parted_site, requests)
    assert answers == run_searches(site, requests)
    assert len(answers[0]["urls"]) > 1 and answers[1]["urls"]


# ---------------------------------------------------------------------------
# The historian's queries (issue 20): what each must find, and in which order
# ---------------------------------------------------------------------------

HISTORIAN_QUERIES = [
    "彭真",
    "Peng Zhen",
    "彭",
    "Peking",
    "Beijing",
    "Comecon",
    "CMEA",
    "Council for Mutual Economic Assistance",
    "RWP",
    "PMR",
    "Romanian Workers' Party",
    "Scinteia",
    "Scînteia",
    "SCÎNTEIA",
    "Bucuresti",
    "București",
    "Bucureşti",
    "art",
    "part",
    "negotiations",
    "negotiated",
    "the",
    "of the",
    '"socialist division of labour"',
    "division of labour",
    "labour division socialist",
    '"division labour"',
    '"labour division"',
    "Khrushchev",
    "Khrushchev -CMEA",
    'Khrushchev -"socialist division"',
    "Khruschev",
    "Scinteja",
    "Bucharset",
    "Maurer article",
    "ambassador",
]


@pytest.fixture(scope="module")
def answers(site: Path) -> dict[str, dict]:
    found = run_searches(site, [{"query": query} for query in HISTORIAN_QUERIES])
    return dict(zip(HISTORIAN_QUERIES, found, strict=True))


def marked(answer: dict) -> list[str]:
    return [segment["text"] for segment in answer["snippet"] if segment["mark"]]


@needs_node
def test_names_are_found_in_every_form_the_authority_files_hold(answers: dict) -> None:
    chinese, latin = answers["彭真"], answers["Peng Zhen"]
    assert "1963-05-09-cc-notification.html" in chinese["urls"]
    assert set(chinese["urls"]) <= set(latin["urls"])
    assert chinese["names"] == ["Peng Zhen (彭真)"]
    # One character is a word of its own, not part of a name.
    assert answers["彭"]["urls"] == []
    assert answers["Peking"]["urls"] and set(answers["Peking"]["urls"]) <= set(
        answers["Beijing"]["urls"]
    )
    assert marked(answers["Peking"]) == ["Beijing"]
    comecon = answers["Comecon"]
    assert "1963-04-18-recent-situation.html" in comecon["urls"]
    assert set(comecon["urls"]) <= set(answers["CMEA"]["urls"])
    assert set(comecon["urls"]) <= set(answers["Council for Mutual Economic Assistance"]["urls"])
    assert comecon["names"] == ["Council for Mutual Economic Assistance (Comecon)"]
    assert answers["RWP"]["urls"] == answers["PMR"]["urls"] != []
    assert set(answers["RWP"]["urls"]) <= set(answers["Romanian Workers' Party"]["urls"])


@needs_node
def test_diacritics_fold_and_words_are_whole(answers: dict) -> None:
    assert answers["Scinteia"]["urls"] == answers["Scînteia"]["urls"] == answers["SCÎNTEIA"]["urls"]
    assert "1962-02-14-attitude-towards-china.html" in answers["Scinteia"]["urls"]
    assert marked(answers["Scinteia"]) == ["Scînteia"]
    assert (
        answers["Bucuresti"]["urls"] == answers["București"]["urls"] == answers["Bucureşti"]["urls"]
    )
    assert "București" in marked(answers["Bucuresti"]) or "Bucharest" in marked(
        answers["Bucuresti"]
    )
    # No substrings: "art" is not in "part", "party" or "article".
    assert answers["art"]["urls"] == []
    assert answers["part"]["urls"]
    assert {word.lower() for word in marked(answers["part"])} <= {"part", "parts"}


@needs_node
def test_stems_stop_words_phrases_and_exclusions(answers: dict) -> None:
    assert answers["negotiations"]["urls"] == answers["negotiated"]["urls"] != []
    assert answers["the"]["urls"] == answers["of the"]["urls"] == []
    phrase = answers['"socialist division of labour"']
    words = answers["division of labour"]
    assert phrase["urls"] and set(phrase["urls"]) <= set(words["urls"])
    # A phrase is marked where it occurs, as one stretch, and its words nowhere else.
    assert marked(phrase) and {text.lower() for text in marked(phrase)} <= {
        "socialist division of labour",
        "socialist division of labor",
    }
    assert set(words["urls"]) <= set(answers["labour division socialist"]["urls"])
    assert "of" not in marked(words) and {"division", "labor"} <= set(marked(words))
    # A phrase keeps its words in order and at their distance, stop words included.
    assert answers['"division labour"']["urls"] == answers['"labour division"']["urls"] == []
    khrushchev, without = answers["Khrushchev"], answers["Khrushchev -CMEA"]
    assert without["urls"] and set(without["urls"]) == set(khrushchev["urls"]) - set(
        answers["CMEA"]["urls"]
    )
    assert not set(answers['Khrushchev -"socialist division"']["urls"]) & set(phrase["urls"])
    for misspelt in ("Khruschev", "Scinteja", "Bucharset"):
        assert answers[misspelt]["urls"] == [], misspelt


@needs_node
def test_results_are_ranked_and_link_to_their_paragraph(answers: dict) -> None:
    # Title words weigh more: the two documents about Maurer's article (and their notes)
    # come before anything else.
    first = [url.split("#")[0] for url in answers["Maurer article"]["urls"][:4]]
    assert set(first) == {
        "1963-11-11-reactions-maurer-article.html",
        "1963-11-22-maurer-article-guidance.html",
    }
    links = answers["彭真"]["links"]
    (link,) = [link for link in links if link.startswith("1963-05-09-cc-notification.html#p")]
    assert link.endswith("-,Peng%20Zhen")
    # A note links to its anchor; the text fragment marks the hit there.
    note = answers["ambassador"]["links"][0]
    assert note.startswith("1963-05-09-cc-notification.html#note-3:~:text=")
    assert note.endswith("-,ambassador")


# ---------------------------------------------------------------------------
# The page in Chromium, from file://
# ---------------------------------------------------------------------------

#: How long a wait for the page may take (ms): the page decompresses every part of the
#: index before its first results, which on a loaded two-core machine takes seconds.
PAGE_WAIT = 60_000


def search_page(browser):
    """A new page whose waits (for a selector, a condition, a URL) allow PAGE_WAIT."""
    page = browser.new_page()
    page.set_default_timeout(PAGE_WAIT)
    return page


def test_page_from_disk_shows_number_date_names_and_marked_passage(site: Path, chromium) -> None:
    page = search_page(chromium)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / "search.html").as_uri() + "?q=" + "彭真", wait_until="load")
    page.wait_for_selector("#search-results li")
    results = page.locator("#search-results li")
    texts = results.all_inner_texts()
    (found,) = [text for text in texts if "Central Committee" in text or "notification" in text]
    assert "no. 7" in found and "9 May 1963" in found
    assert "matched: Peng Zhen (彭真)" in found
    item = results.nth(texts.index(found))
    assert item.locator("mark").all_inner_texts() == ["Peng Zhen"]
    link = item.locator("h3 a")
    assert link.get_attribute("href").startswith("1963-05-09-cc-notification.html#p")
    # Typing a new query lists new results: stop words alone say why nothing is listed.
    page.fill("#search-q", "of the")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 0")
    assert "too common" in page.locator("#search-status").inner_text()
    page.fill("#search-q", "彭真")
    page.wait_for_selector("#search-results li")
    link = page.locator("#search-results li").nth(texts.index(found)).locator("h3 a")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/1963-05-09-cc-notification.html*")
    # The text fragment of the link marks the hit in its paragraph (not the same words in
    # the heading above it).
    paragraph = href.split("#")[1].split(":~:")[0]
    target = page.evaluate("document.querySelector(':target')?.closest('p[id]')?.id")
    assert target == paragraph
    assert "Peng Zhen" in page.locator(":target").inner_text()
    assert errors == []
    page.close()


def test_filters_show_how_many_results_carry_each_option(site: Path, chromium) -> None:
    page = search_page(chromium)
    page.goto((site / "search.html").as_uri() + "?q=Khrushchev", wait_until="load")
    page.wait_for_selector("#search-results li")
    results = page.locator("#search-results li").count()
    types = page.eval_on_selector_all(
        "#search-type option[value]:not([value=''])", "(os) => os.map((o) => [o.value, o.text])"
    )
    counts = {value: int(text.rsplit("(", 1)[1].rstrip(")")) for value, text in types}
    assert sum(counts.values()) == results
    kind = max(counts, key=lambda value: counts[value])
    khrushchev = page.locator("#search-person option[value='per-khrushchev']").inner_text()
    # Counted where the person is tagged: some notes name him only in words.
    assert khrushchev.startswith("Nikita Sergeyevich Khrushchev (")
    assert 0 < int(khrushchev.rsplit("(", 1)[1].rstrip(")")) <= results
    count = counts[kind]
    assert 0 < count < results
    page.select_option("#search-type", kind)
    page.wait_for_function(f"document.querySelectorAll('#search-results li').length === {count}")
    assert f"type={kind}" in page.url and "q=Khrushchev" in page.url
    page.close()


def test_date_fields_take_iso_dates_and_say_when_one_is_not(site: Path, chromium) -> None:
    page = search_page(chromium)
    page.goto((site / "search.html").as_uri() + "?q=Romania", wait_until="load")
    page.wait_for_selector("#search-results li")
    every = page.locator("#search-results li").count()
    page.fill("#search-from", "1963")
    page.wait_for_function(f"document.querySelectorAll('#search-results li').length < {every}")
    later = page.locator("#search-results li").count()
    assert "from=1963" in page.url
    assert page.get_attribute("#search-from", "aria-invalid") is None
    # A month that does not exist is marked, said in the edition's words, and ignored.
    page.fill("#search-from", "1963-13")
    page.wait_for_function(
        "document.querySelector('#search-from').getAttribute('aria-invalid') === 'true'"
    )
    message = page.eval_on_selector("#search-from", "(field) => field.validationMessage")
    assert message.startswith("Not a date")
    assert page.locator("#search-results li").count() == every
    page.fill("#search-from", "1963-01-01")
    page.wait_for_function(f"document.querySelectorAll('#search-results li').length === {later}")
    assert page.get_attribute("#search-from", "aria-invalid") is None
    page.close()


def test_filters_by_sender_addressee_and_status(site: Path, chromium) -> None:
    page = search_page(chromium)
    page.goto((site / "search.html").as_uri() + "?q=Romania", wait_until="load")
    page.wait_for_selector("#search-results li")
    every = page.locator("#search-results li").count()
    for field in ("#search-sender", "#search-addressee", "#search-document-status"):
        options = page.eval_on_selector_all(
            field + " option:not([value=''])", "(os) => os.map((o) => [o.value, o.text])"
        )
        assert options, field
        counts = {value: int(text.rsplit("(", 1)[1].rstrip(")")) for value, text in options}
        value = max(counts, key=lambda value: counts[value])
        assert 0 < counts[value] <= every
        page.select_option(field, value)
        page.wait_for_function(
            f"document.querySelectorAll('#search-results li').length === {counts[value]}"
        )
        name = field.removeprefix("#search-").removeprefix("document-")
        assert f"{name}={value}" in page.url
        page.select_option(field, "")
        page.wait_for_function(
            f"document.querySelectorAll('#search-results li').length === {every}"
        )
    page.close()
