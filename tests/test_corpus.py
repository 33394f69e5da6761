"""The shipped corpus: valid, faithful to ../shared/corpus/facts.md, in the edition's own words."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from cables.check import check
from cables.config import load_edition
from cables.xmlio import NAMESPACES, parse_xml
from conftest import REPOSITORY, SHARED

BLOG = SHARED / "corpus" / "blog-post.txt"
DOCUMENTS = REPOSITORY / "tei" / "documents"
BLOG_BIBL = "../authority/bibliography.xml#bib-hong-blog"

# The nine documents as facts.md records them: the date the edition files each under
# (the archive's where it differs), the blog's date where it differs, the title words,
# and for the four located documents the archive URL and serial mark.
ARCHIVE = "https://digitalarchive.wilsoncenter.org/document/"
NINE = [
    (
        "1961-11-24",
        None,
        "Summary Report on Romania's Reaction to the 22nd Congress of the "
        "Communist Party of the Soviet Union",
        None,
        None,
    ),
    (
        "1962-01-25",
        None,
        "Annual Work Summary for 1961 from the [Chinese] Embassy in Romania",
        None,
        None,
    ),
    (
        "1962-02-14",
        "1962-02-24",
        "Summary Report on Romania's Attitude towards Us [China]",
        ARCHIVE + "cable-chinese-embassy-romania-summary-report-romanias-attitude-towards-us-china",
        None,
    ),
    (
        "1962-04-13",
        None,
        "Approval of the [Chinese] Embassy in Romania's 1961 Annual Work "
        "Summary and the 1962 Work Plan",
        None,
        None,
    ),
    ("1962-05-31", None, "General Report about the Situation in Romania", None, None),
    (
        "1963-04-18",
        None,
        "Recent Situation in Romania",
        ARCHIVE
        + "report-department-soviet-and-eastern-european-affairs-chinese-foreign-ministry-recent",
        None,
    ),
    (
        "1963-05-09",
        None,
        "Notification from the Central Committee on the Romania-Soviet "
        "Relationship and Our Policy towards Romania",
        ARCHIVE + "notification-central-committee-romania-soviet-relationship-and-our-policy-"
        "towards-romania",
        "Zhongfa [63] No. 328",
    ),
    ("1963-11-11", None, "Initial Reactions to Maurer's Article", None, None),
    (
        "1963-11-22",
        None,
        "What to Say About Maurer's Article",
        ARCHIVE + "cable-chinese-foreign-ministry-what-say-about-maurers-article",
        "Diplomatic Bulletin No. 123",
    ),
]


def normalise_quotes(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def documents() -> dict[str, etree._Element]:
    return {path.stem: parse_xml(path).root for path in sorted(DOCUMENTS.glob("*.xml"))}


def xpath(root: etree._Element, expression: str) -> list:
    return root.xpath(expression, namespaces=NAMESPACES)


def document_on(date: str) -> etree._Element:
    matches = [root for stem, root in documents().items() if stem.startswith(date)]
    assert len(matches) == 1, f"expected one document dated {date}, found {len(matches)}"
    return matches[0]


def test_the_corpus_checks_clean_without_warnings() -> None:
    result = check(load_edition(REPOSITORY))
    assert [d.format_text() for d in result.diagnostics] == []
    assert result.files_checked >= 9 + 5 + 3


def test_there_are_exactly_nine_documents() -> None:
    assert len(documents()) == 9


@pytest.mark.parametrize("date, blog_date, title, url, serial", NINE, ids=[n[0] for n in NINE])
def test_document_matches_the_facts(date, blog_date, title, url, serial) -> None:
    root = document_on(date)
    main_title = xpath(root, "string(//tei:titleStmt/tei:title[@type='main'])")
    assert normalise_quotes(title) in normalise_quotes(main_title)
    sent = xpath(root, "//tei:correspAction[@type='sent']/tei:date[not(@type='variant')]/@when")
    assert sent == [date]
    variants = xpath(root, "//tei:correspAction[@type='sent']/tei:date[@type='variant']")
    if blog_date:
        assert [v.get("when") for v in variants] == [blog_date]
        assert variants[0].get("source") == BLOG_BIBL
        assert xpath(root, "//tei:correspDesc/tei:note[@type='discrepancy']")
    else:
        assert variants == []
    archive_links = [t for t in xpath(root, "//@target") if t.startswith(ARCHIVE)]
    status = xpath(root, "string(//tei:revisionDesc/@status)")
    if url:
        assert archive_links == [url]
        assert status == "partly-summarised"
        # Readers must see what was not read: the unseen part is marked.
        assert xpath(root, "//tei:text//tei:gap[@reason='not-seen']")
    else:
        # Known only from the blog: no invented URL, call number or serial.
        assert archive_links == []
        assert status == "not-examined"
        assert not xpath(root, "//tei:msIdentifier/tei:idno")
        assert xpath(root, "//tei:note[@type='missing']")
    serials = [
        normalise_quotes(s) for s in xpath(root, "//tei:teiHeader//tei:idno[@type='serial']/text()")
    ]
    assert serials == ([serial] if serial else [])


def test_blog_only_documents_quote_only_the_blog() -> None:
    blog = normalise_quotes(BLOG.read_text(encoding="utf-8"))
    quotes = 0
    for path in sorted((REPOSITORY / "tei").rglob("*.xml")):
        for quote in xpath(parse_xml(path).root, "//tei:quote"):
            quotes += 1
            assert quote.get("source") in (
                BLOG_BIBL,
                "bibliography.xml#bib-hong-blog",
                "#bib-hong-blog",
            ), path
            text = normalise_quotes("".join(quote.itertext()))
            assert text.strip(" .…") and text.strip(" .…")[:60] in blog, f"{path.name}: {text[:80]}"
    assert quotes >= 3


def test_every_name_in_a_text_resolves_to_an_entry_of_its_kind() -> None:
    # cables check proves resolution (pointer-unresolved) and kind (ref-wrong-kind);
    # here, that no name escapes: each one carries a @ref into tei/authority/.
    names = 0
    for path in sorted((REPOSITORY / "tei").rglob("*.xml")):
        root = parse_xml(path).root
        for name in xpath(
            root,
            "//tei:text//tei:persName | //tei:text//tei:placeName"
            " | //tei:text//tei:orgName | //tei:correspAction/*[@ref]",
        ):
            names += 1
            ref = name.get("ref")
            assert ref and "authority/" in ref or path.parent.name == "authority", (path, name.text)
    assert names > 100


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return re.findall(r"[\w']+", text)


def prose_outside_quotations(root: etree._Element) -> str:
    """All text of a file except quotations and titles (facts, exempt)."""
    parts = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        excluded = {"quote", "title", "idno", "ref"}
        inside = any(etree.QName(a).localname in excluded for a in [node, *node.iterancestors()])
        if not inside and node.text:
            parts.append(node.text)
        if node.tail and not any(
            etree.QName(a).localname in excluded for a in node.iterancestors()
        ):
            parts.append(node.tail)
    return " ".join(parts)


def test_no_twelve_word_run_of_the_blog_post_outside_quotations() -> None:
    blog_words = words(BLOG.read_text(encoding="utf-8"))
    runs = {tuple(blog_words[i : i + 12]) for i in range(len(blog_words) - 11)}
    hits = []
    for path in sorted((REPOSITORY / "tei").rglob("*.xml")):
        corpus_words = words(prose_outside_quotations(parse_xml(path).root))
        for i in range(len(corpus_words) - 11):
            if tuple(corpus_words[i : i + 12]) in runs:
                hits.append(f"{path.name}: {' '.join(corpus_words[i : i + 12])}")
    assert hits == []


def test_the_plagiarism_check_can_fail(tmp_path: Path) -> None:
    # Guard: a sentence of the blog pasted into a note is found by the same code.
    sentence = BLOG.read_text(encoding="utf-8").splitlines()[4]
    root = etree.fromstring(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>{sentence}</p>'
        f"<p><quote>{sentence}</quote></p></body></text></TEI>"
    )
    text = prose_outside_quotations(root)
    assert words(text) == words(sentence)


def test_front_matter_is_complete() -> None:
    front = REPOSITORY / "tei" / "front"
    assert {p.stem for p in front.glob("*.xml")} >= {"introduction", "principles", "abbreviations"}
    introduction = parse_xml(front / "introduction.xml").root
    body_words = len(
        words(" ".join(xpath(introduction, "//tei:body//text()[not(ancestor::tei:note)]")))
    )
    assert 1000 <= body_words <= 2000
    assert xpath(introduction, "//tei:body//tei:ref[contains(@target, 'bibliography.xml#')]")
    abbreviations = parse_xml(front / "abbreviations.xml").root
    listed = {" ".join(a.itertext()).strip() for a in xpath(abbreviations, "//tei:abbr")}
    assert {"CCP", "CPSU", "RWP", "CMEA", "FMA"} <= listed


@pytest.mark.parametrize(
    "topic",
    [
        "22nd",
        "Moscow",
        "division of labour",
        "Cuban",
        "24",
        "Problems of Peace and Socialism",
        "Sixth National Foreign Work Conference",
    ],
)
def test_contextual_notes_exist_with_responsibility(topic: str) -> None:
    found = []
    for path in sorted((REPOSITORY / "tei").rglob("*.xml")):
        for note in xpath(parse_xml(path).root, "//tei:note[@type='context']"):
            # A note on an event entry is about the event its label names.
            about = " ".join([*note.itertext(), *xpath(note, "../tei:label//text()")])
            if topic.lower() in about.lower():
                found.append(note)
    assert found, f"no contextual note on {topic}"
    assert all(note.get("resp") for note in found)


def test_authority_files_carry_original_scripts_and_coordinates() -> None:
    authority = REPOSITORY / "tei" / "authority"
    persons = parse_xml(authority / "persons.xml").root
    assert xpath(
        persons, "//tei:person[@xml:id='per-peng-zhen']/tei:persName[@xml:lang='zh']/text()"
    ) == ["彭真"]
    assert xpath(persons, "//tei:persName[@xml:lang='zh'][.='潘自力']")
    places = parse_xml(authority / "places.xml").root
    assert xpath(places, "string(//tei:place[tei:placeName='Bucharest']//tei:geo)") == "44.43 26.10"
    assert xpath(places, "string(//tei:place[tei:placeName='Beijing']//tei:geo)") == "39.90 116.40"
    events = parse_xml(authority / "events.xml").root
    labels = " ".join(xpath(events, "//tei:event/tei:label//text()"))
    for event in ("22nd", "Moscow", "Cuban", "Peng Zhen", "Foreign Work Conference"):
        assert event in labels, event
