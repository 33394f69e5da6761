"""The shipped corpus: valid, faithful to ../shared/corpus/facts.md, in the edition's own words."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from cables.check import check
from cables.config import load_edition
from cables.corpus import DOCUMENT, XML_ID, corpus_files, output_stem, tool_paths
from cables.rules import document_number_problems
from cables.xmlio import NAMESPACES, parse_xml
from conftest import (
    REPOSITORY,
    SHARED,
    build_html,
    copy_edition,
    init_project,
    replace_in,
    run_cables,
)

BLOG = SHARED / "corpus" / "blog-post.txt"
FACTS = SHARED / "corpus" / "facts.md"
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


@pytest.mark.slow
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


@pytest.mark.shared("corpus/blog-post.txt")
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


#: Quotations, titles, identifiers and names (rs and an event's label are names too) may
#: repeat their sources word for word.
EXEMPT_FROM_OWN_WORDS = {
    "quote",
    "title",
    "idno",
    "ref",
    "persName",
    "placeName",
    "orgName",
    "rs",
    "label",
    "surname",
    "forename",
}


def prose_outside_quotations(root: etree._Element) -> str:
    """All text of a file except quotations, titles and names (facts, exempt)."""
    parts = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        excluded = EXEMPT_FROM_OWN_WORDS
        inside = any(etree.QName(a).localname in excluded for a in [node, *node.iterancestors()])
        if not inside and node.text:
            parts.append(node.text)
        if node.tail and not any(
            etree.QName(a).localname in excluded for a in node.iterancestors()
        ):
            parts.append(node.tail)
    return " ".join(parts)


RUN = 8  # words: a shared run this long is copying, not a shared fact


def shared_runs(source: Path) -> list[str]:
    """Every run of RUN words that a TEI file shares with `source` outside the exempt parts."""
    source_words = words(source.read_text(encoding="utf-8"))
    runs = {tuple(source_words[i : i + RUN]) for i in range(len(source_words) - RUN + 1)}
    hits = []
    for path in sorted((REPOSITORY / "tei").rglob("*.xml")):
        corpus_words = words(prose_outside_quotations(parse_xml(path).root))
        for i in range(len(corpus_words) - RUN + 1):
            if tuple(corpus_words[i : i + RUN]) in runs:
                hits.append(f"{path.name}: {' '.join(corpus_words[i : i + RUN])}")
    return hits


@pytest.mark.shared("corpus/blog-post.txt", "corpus/facts.md")
@pytest.mark.parametrize("source", [BLOG, FACTS], ids=["blog-post", "facts"])
def test_no_eight_word_run_of_a_source_outside_quotations(source: Path) -> None:
    assert shared_runs(source) == []


@pytest.mark.shared("corpus/blog-post.txt")
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
        "division of labor",  # the blog's spelling, quoted
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


# -- the second reading (issue 17): corrections and additions checked against facts.md ----

AUTHORITY = REPOSITORY / "tei" / "authority"
PERSONS = "../authority/persons.xml#"


def facts_text() -> str:
    return normalise_quotes(FACTS.read_text(encoding="utf-8"))


@pytest.mark.shared("corpus/facts.md")
def test_the_branch_not_the_embassy_invited_the_scinteia_heads() -> None:
    assert 'invitation came from "our branch"' in facts_text()
    root = document_on("1962-02-14")
    (sentence_holder,) = [
        p
        for p in xpath(root, "//tei:div[@type='summary']//tei:p")
        if "invited the heads" in "".join(p.itertext())
    ]
    text = normalise_quotes("".join(sentence_holder.itertext()))
    assert "embassy side" not in text
    inviter = xpath(
        sentence_holder,
        "tei:orgName[@ref='../authority/organisations.xml#org-chinese-branch-office']"
        "[following-sibling::text()[1][contains(., 'invited the heads')]]",
    )
    assert inviter and inviter[0].get("cert") == "low"
    # The three officials have a role now (the signing), and the fraternal attachés are guests.
    assert "At its signing Romania was represented by" in text
    for person in ("deputy-foreign-minister", "deputy-minister-culture", "cultural-association"):
        assert xpath(sentence_holder, f"tei:persName[contains(@ref, '{person}')]"), person
    assert "military attachés" in normalise_quotes("".join(root.itertext()))
    notes = " ".join(normalise_quotes("".join(n.itertext())) for n in xpath(root, "//tei:note"))
    assert "does not assign them a role" not in notes


@pytest.mark.shared("corpus/facts.md")
def test_the_ambassador_of_april_1963_is_identified_with_certainty_and_source() -> None:
    facts = facts_text()
    persons = parse_xml(AUTHORITY / "persons.xml").root
    (ambassador,) = xpath(persons, "//tei:person[@xml:id='per-ro-ambassador-prc-1963']")
    names = xpath(ambassador, "tei:persName")
    assert names[0].text == "Dumitru Gheorghiu" and names[0].get("cert") == "medium"
    variants = [n.text for n in names if n.get("type") == "variant"]
    assert "Gheorghe Dumitru" in variants  # the blog's form, kept
    assert "Gheorghe Dumitru" in BLOG.read_text(encoding="utf-8")
    # Life and posting dates as facts.md gives them.
    assert "born 21 March 1918 in Iași, died 1970 in Cluj" in facts
    assert "on 11 August 1961 and held the post until 5 March 1966" in facts
    assert xpath(ambassador, "string(tei:birth/@when)") == "1918-03-21"
    assert xpath(ambassador, "string(tei:death/@when)") == "1970"
    posting = xpath(ambassador, "tei:occupation[contains(., 'Ambassador')]")[0]
    assert (posting.get("from"), posting.get("to")) == ("1961-08-11", "1966-03-05")
    # The identification is the editors', with its sources in the bibliography.
    (identification,) = xpath(ambassador, "tei:note[@type='uncertainty']")
    assert "editors' own" in "".join(identification.itertext())
    bibliography = parse_xml(AUTHORITY / "bibliography.xml").root
    for source in identification.get("source").split():
        (entry,) = xpath(bibliography, f"//tei:bibl[@xml:id='{source.partition('#')[2]}']")
        address = xpath(entry, "string(tei:ref/@target)")
        assert address.removeprefix("https://") in facts, address
    # Document no. 7 names him only as the editors' identification, never as the text's.
    notification = document_on("1963-05-09")
    tagged = xpath(notification, f"//tei:persName[@ref='{PERSONS}per-ro-ambassador-prc-1963']")
    assert {(n.text, n.get("cert"), n.get("type")) for n in tagged} >= {
        ("Dumitru Gheorghiu", "medium", None),
        ("Gheorghe Dumitru", None, "variant"),
    }
    for name in tagged:
        if name.text == "Dumitru Gheorghiu":
            assert etree.QName(name.getparent()).localname == "note"
    (zaharescu,) = xpath(persons, "//tei:person[@xml:id='per-zaharescu']")
    assert "Barbu Zaharescu:** ambassador to the PRC 1959 – 11 August 1961" in facts
    assert xpath(zaharescu, "tei:occupation/@to") == ["1961-08-11"]


@pytest.mark.shared("corpus/facts.md")
def test_documents_are_numbered_one_to_nine_in_date_order() -> None:
    numbered = [(root.get("n"), stem) for stem, root in documents().items()]
    assert [n for n, _ in numbered] == [str(i) for i in range(1, 10)]  # stems sort by date
    # The numbers are those the introduction uses for the four located documents.
    located = {"1962-02-14": "3", "1963-04-18": "6", "1963-05-09": "7", "1963-11-22": "9"}
    for date, number in located.items():
        assert document_on(date).get("n") == number
    assert "nos. 3, 6, 7, 9" in facts_text()


@pytest.mark.parametrize(
    "numbers, faulty",
    [
        ({"a": "1", "b": "2", "c": "3"}, {}),
        ({"a": None, "b": None}, {}),  # an edition that numbers nothing
        ({"a": "1", "b": "1", "c": "3"}, {"b": "given to 2 documents"}),
        ({"a": "1", "b": "2", "c": "4"}, {"c": "beyond the 3 documents (missing: 3)"}),
        ({"a": "1", "b": None}, {"b": "has no number"}),
        ({"a": "1", "b": "02"}, {"b": "not a whole number"}),
        ({"a": "1", "b": "two"}, {"b": "not a whole number"}),
    ],
)
def test_the_document_number_rule(numbers, faulty) -> None:
    problems = document_number_problems(numbers)
    assert set(problems) == set(faulty)
    for path, words_expected in faulty.items():
        severity, message, _ = problems[path]
        assert words_expected in message.replace(" of the edition", "")
        # A gap leaves every citation unambiguous: a warning; the rest are errors.
        assert severity == ("warning" if "beyond" in message else "error")


@pytest.mark.slow
def test_a_repeated_document_number_fails_the_check(tmp_path: Path) -> None:
    project = copy_edition(tmp_path / "numbers")
    replace_in(
        project / "tei" / "documents" / "1963-04-18-recent-situation.xml", ' n="6"', ' n="3"'
    )
    result = run_cables("check", cwd=project)
    assert result.returncode == 1
    assert "1963-04-18-recent-situation.xml:4:" in result.stdout
    assert "document number 3 is given to 2 documents [document-number]" in result.stdout


def test_every_person_sorts_under_the_surname() -> None:
    persons = parse_xml(AUTHORITY / "persons.xml").root
    keys = {p.get(XML_ID): p.get("sortKey") for p in xpath(persons, "//tei:person")}
    assert all(keys.values()), [i for i, k in keys.items() if not k]
    expected = {
        "per-khrushchev": "Khrushchev-Nikita-Sergeyevich",
        "per-zaharescu": "Zaharescu-Barbu",
        "per-liye-hong": "Hong-Liye",
        "per-gheorghiu-dej": "Gheorghiu-Dej-Gheorghe",
        "per-maurer": "Maurer-Ion-Gheorghe",
        "per-ro-ambassador-prc-1963": "Gheorghiu-Dumitru",
        # Chinese names as written: the surname already comes first.
        "per-peng-zhen": "Peng-Zhen",
        "per-pan-zili": "Pan-Zili",
        "per-chen-yi": "Chen-Yi",
    }
    assert {i: keys[i] for i in expected} == expected
    ordered = sorted(keys, key=lambda i: keys[i].casefold())
    assert (
        ordered.index("per-liye-hong")
        < ordered.index("per-khrushchev")
        < ordered.index("per-zaharescu")
    )
    # Authors in the bibliography: surname and forename apart.
    bibliography = parse_xml(AUTHORITY / "bibliography.xml").root
    authors = xpath(bibliography, "//tei:author")
    assert authors and all(xpath(a, "tei:surname") and xpath(a, "tei:forename") for a in authors)
    assert xpath(bibliography, "string(//tei:bibl[@xml:id='bib-hong-blog']//tei:surname)") == "Hong"


def test_works_known_only_from_the_blog_are_cited_by_hong() -> None:
    bibliography = parse_xml(AUTHORITY / "bibliography.xml").root
    for work in ("bib-niu-2005", "bib-li-xia-2018"):
        (entry,) = xpath(bibliography, f"//tei:bibl[@xml:id='{work}']")
        assert "Not consulted by the editors" in "".join(entry.itertext())
    for path in sorted((REPOSITORY / "tei").rglob("*.xml")):
        for source in xpath(parse_xml(path).root, "//@source"):
            assert "bib-niu-2005" not in source and "bib-li-xia-2018" not in source, path.name


def test_no_file_claims_more_than_the_editors_read() -> None:
    for path in sorted((REPOSITORY / "tei").rglob("*.xml")):
        text = normalise_quotes(" ".join(parse_xml(path).root.itertext()))
        for claim in ("translation read by the editors", "the documents show", "economic recovery"):
            assert claim not in text, (path.name, claim)
    for stem, root in documents().items():
        language = xpath(root, "string(//tei:langUsage/tei:language[@ident='en'])")
        if xpath(
            root, "//tei:div[@type='summary']/tei:head[starts-with(., 'Summary of the part')]"
        ):
            assert "only the opening part" in language, stem
        else:
            assert "known to them only from the blog post" in language, stem


def test_quotation_marks_only_for_quotations() -> None:
    for path in sorted((REPOSITORY / "tei").rglob("*.xml")):
        root = parse_xml(path).root
        for node in root.iter(etree.Element):
            if etree.QName(node).localname in ("quote", "title"):
                continue
            for text in (node.text, *(child.tail for child in node)):
                assert not text or not ({"“", "”", '"'} & set(text)), (path.name, text)


def test_april_1962_for_the_cmea_opposition_carries_the_blogs_contradiction() -> None:
    # The blog places the opposition in "late 1962" and then "In April of that year".
    assert "In April of that year" in BLOG.read_text(encoding="utf-8")
    repeated = 0
    for path in sorted((REPOSITORY / "tei").rglob("*.xml")):
        for note in xpath(parse_xml(path).root, "//tei:note[tei:date/@when='1962-04']"):
            if "opposition" not in "".join(note.itertext()):
                continue  # no. 4's telegram of April 1962 is another matter
            repeated += 1
            flagged = xpath(
                note,
                "(self::tei:note | following-sibling::tei:note[1])[@type='discrepancy']"
                "[tei:quote[.='In April of that year']]",
            )
            assert flagged, path.name
    assert repeated == 2


@pytest.mark.shared("corpus/facts.md")
def test_the_march_1964_delegation_is_context_with_both_sources() -> None:
    introduction = parse_xml(REPOSITORY / "tei" / "front" / "introduction.xml").root
    (note,) = xpath(
        introduction, "//tei:note[@type='context'][contains(@source, 'bib-zeit-1964-10')]"
    )
    assert set(note.get("source").split()) == {
        "../authority/bibliography.xml#bib-frus-1964-68-xvii-140",
        "../authority/bibliography.xml#bib-zeit-1964-10",
    }
    bibliography = parse_xml(AUTHORITY / "bibliography.xml").root
    addresses = set(xpath(bibliography, "//tei:bibl/tei:ref/@target"))
    facts = facts_text()
    for address in (
        "history.state.gov/historicaldocuments/frus1964-68v17/d140",
        "zeit.de/1964/10/index",
    ):
        assert address in facts
        assert any(a.endswith(address) for a in addresses), address


# -- finding the files: any folder as it is -------------------------------------------------


def subfolder_project(target: Path) -> Path:
    """A project made by `cables init` whose documents folder has 03/001.xml and 04/001.xml
    (as editions that keep a folder per volume have), lenient as for a foreign corpus."""
    project = init_project(target)
    config = project / "edition.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('"strict"', '"lenient"'), encoding="utf-8"
    )
    documents = project / "tei" / "documents"
    (example,) = documents.glob("*.xml")
    text = example.read_text(encoding="utf-8").replace('"../', '"../../')
    for volume in ("03", "04"):
        (documents / volume).mkdir()
        (documents / volume / "001.xml").write_text(
            text.replace(f'xml:id="doc-{example.stem}"', f'xml:id="vol{volume}-001"').replace(
                "the example meeting", f"the meeting of volume {volume}"
            ),
            encoding="utf-8",
        )
    return project


@pytest.mark.slow
def test_subfolders_are_read_and_repeated_names_get_their_own_outputs(tmp_path: Path) -> None:
    project = subfolder_project(tmp_path / "volumes")
    (project / "tei" / "documents" / ".drafts").mkdir()
    shutil.copyfile(
        project / "tei" / "documents" / "03" / "001.xml",
        project / "tei" / "documents" / ".drafts" / "002.xml",
    )
    edition = load_edition(project)
    documents = [path for path, kind in corpus_files(edition) if kind == DOCUMENT]
    relative = [path.relative_to(project / "tei" / "documents").as_posix() for path in documents]
    # Depth first, names in sorted order; hidden folders are not read.
    assert relative == ["03/001.xml", "04/001.xml", "1900-01-15-example-report.xml"]
    assert [output_stem(path, edition) for path in documents] == [
        "03-001",
        "04-001",
        "1900-01-15-example-report",
    ]

    result = run_cables("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "build" / "site"
    for volume in ("03", "04"):
        page = (site / f"{volume}-001.html").read_text(encoding="utf-8")
        assert f"the meeting of volume {volume}" in page
        # The source keeps its place in the project, so its relative pointers still hold.
        published = f"tei/documents/{volume}/001.xml"
        assert f'href="{published}"' in page and f'href="pdf/doc-{volume}-001.pdf"' in page
        source = project / published
        # As encoded, but for the xml-model, which names the schema the site publishes.
        assert (site / published).read_bytes() == source.read_bytes().replace(
            b'href="cables:schema/', b'href="../../../schema/'
        )
        assert (project / "build" / "pdf" / f"doc-{volume}-001.pdf").is_file()
    # The pages of the persons (persons/{id}.html, written with <base href="../">) link
    # the paragraphs of both.
    persons = "".join(path.read_text(encoding="utf-8") for path in (site / "persons").iterdir())
    assert 'href="03-001.html#p1"' in persons and 'href="04-001.html#p1"' in persons
    # The book carries both sources, each under its published name.
    book = PdfReader(project / "build" / "pdf" / "edition.pdf").attachments
    assert {"03-001.xml", "04-001.xml"} <= set(book) and len(book["03-001.xml"]) == 1
    assert set(PdfReader(project / "build" / "pdf" / "doc-04-001.pdf").attachments) == {
        "04-001.xml"
    }


@pytest.mark.slow
def test_a_linked_folder_is_refused_unless_links_are_allowed(tmp_path: Path) -> None:
    project = subfolder_project(tmp_path / "volumes")
    (project / "tei" / "documents" / "05").symlink_to("04")
    result = run_cables("check", cwd=project)
    assert result.returncode == 1
    assert (
        "tei/documents/05:1:1: error: 05 is a symbolic link, and [corpus] allow_symlinks is "
        "not set" in result.stdout
    )
    config = project / "edition.toml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("allow_symlinks = false", "allow_symlinks = true")
    config.write_text(
        text.replace('validation = "lenient"', 'validation = "lenient"\nunique_ids = "corpus"')
    )
    result = run_cables("check", cwd=project)
    # Read through the link now: with ids unique across the corpus, its file repeats the
    # ids of 04/001.xml.
    assert "tei/documents/05/001.xml:" in result.stdout and "[id-duplicate]" in result.stdout


@pytest.mark.slow
def test_the_build_folder_is_never_read(tmp_path: Path) -> None:
    project = subfolder_project(tmp_path / "volumes")
    config = project / "edition.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('documents = "tei/documents"', 'documents = "."'))
    # Nor the project's own tools: its label table and its template for cables new.
    labels = (REPOSITORY / "xslt" / "common" / "labels.xml").read_text(encoding="utf-8")
    (project / "labels-xx.xml").write_text(labels, encoding="utf-8")
    (project / "templates").mkdir()
    shutil.copyfile(
        REPOSITORY / "src" / "cables" / "templates" / "document.xml",
        project / "templates" / "letter.xml",
    )
    text = config.read_text(encoding="utf-8")
    text = text.replace("[edition]\n", '[edition]\nlabels = "labels-xx.xml"\n', 1)
    text = text.replace("[new]\n", '[new]\ntemplate = "templates/letter.xml"\n', 1)
    config.write_text(text, encoding="utf-8")
    build_html(project)
    edition = load_edition(project)
    names = [output_stem(path, edition) for path, kind in corpus_files(edition)]
    assert not [name for name in names if name.startswith(("build", "labels", "templates"))]
    assert "tei-documents-03-001" in names  # the path inside the folder "." names it
    # Nor when a check names a folder that holds it.
    checked = run_cables("check", ".", cwd=project)
    assert checked.returncode == 0, checked.stdout
    assert "build/" not in checked.stdout and "labels-xx" not in checked.stdout
    assert "letter.xml" not in checked.stdout


def test_a_walk_leaves_out_the_tools_except_the_one_it_starts_in() -> None:
    # tool_paths decides for the corpus's walk and for `cables check FOLDER` alike.
    edition = load_edition(REPOSITORY)
    tools = tool_paths(edition)
    assert edition.build_dir in tools
    assert tool_paths(edition, walking=edition.documents_dir) == tools
    inside_build = tool_paths(edition, walking=edition.build_dir / "site")
    assert edition.build_dir not in inside_build
    assert inside_build == [tool for tool in tools if tool != edition.build_dir]


@pytest.mark.slow
def test_corpus_names_the_editors_own_folders_and_registers(tmp_path: Path) -> None:
    # Letters in two places, the registers in a folder of indices beside them; nothing
    # in a folder cables would have chosen.
    project = init_project(tmp_path / "own-folders")
    tei = project / "tei"
    example = next((tei / "documents").glob("*.xml")).read_text(encoding="utf-8")
    (project / "indices").mkdir()
    shutil.move(tei / "authority" / "persons.xml", project / "indices" / "listperson.xml")
    shutil.move(tei / "authority" / "places.xml", project / "indices" / "listplace.xml")
    for folder, name, up in (("letters", "a.xml", ".."), ("editions/03", "b.xml", "../..")):
        (project / folder).mkdir(parents=True)
        text = (
            example.replace('"../authority/persons.xml', f'"{up}/indices/listperson.xml')
            .replace('"../authority/places.xml', f'"{up}/indices/listplace.xml')
            .replace("doc-1900-01-15-example-report", f"letter-{name[0]}")
        )
        (project / folder / name).write_text(text, encoding="utf-8")
    shutil.rmtree(tei)
    config = project / "edition.toml"
    text = config.read_text(encoding="utf-8").replace('"strict"', '"lenient"')
    text = text.replace('documents = "tei/documents"', 'documents = ["letters", "editions/03"]')
    text = text.replace(
        'authority = "tei/authority"',
        'authority = ["indices/listperson.xml", "indices/listplace.xml"]',
    )
    config.write_text(text.replace('front = "tei/front"', "front = []"), encoding="utf-8")

    edition = load_edition(project)
    assert [
        (path.relative_to(project).as_posix(), kind) for path, kind in corpus_files(edition)
    ] == [
        ("letters/a.xml", "document"),
        ("editions/03/b.xml", "document"),
        ("indices/listperson.xml", "authority"),
        ("indices/listplace.xml", "authority"),
    ]
    checked = run_cables("check", cwd=project)
    assert checked.returncode == 0, checked.stdout
    site = build_html(project)
    assert {"a.html", "b.html", "persons.html"} <= {path.name for path in site.iterdir()}
    assert (site / "indices" / "listperson.xml").is_file()  # at its place in the project
    assert "Ada Example" in (site / "persons.html").read_text(encoding="utf-8")
    persons = (site / "persons" / "per-ada-example.html").read_text(encoding="utf-8")
    assert 'href="a.html' in persons and 'href="b.html' in persons
    # A name in a letter links the page of its register entry.
    assert 'href="persons/per-ada-example.html"' in (site / "a.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_in_strict_mode_a_document_in_a_subfolder_is_named_after_its_path(
    tmp_path: Path,
) -> None:
    # The edition's policy (xml:id = "doc-" + the name of its outputs) holds in
    # subfolders too: 03/001.xml is doc-03-001, as its PDF is pdf/doc-03-001.pdf.
    project = init_project(tmp_path / "strict")
    documents = project / "tei" / "documents"
    (example,) = documents.glob("*.xml")
    (documents / "03").mkdir()
    text = example.read_text(encoding="utf-8").replace('"../', '"../../')
    subfolder = documents / "03" / "001.xml"
    subfolder.write_text(text.replace(f"doc-{example.stem}", "doc-03-001"), encoding="utf-8")
    checked = run_cables("check", cwd=project)
    assert checked.returncode == 0, checked.stdout
    subfolder.write_text(text.replace(f"doc-{example.stem}", "doc-001"), encoding="utf-8")
    checked = run_cables("check", cwd=project)
    assert checked.returncode == 1
    assert "[document-id-filename]" in checked.stdout and '"doc-03-001"' in checked.stdout


@pytest.mark.slow
def test_documents_sharing_an_id_in_subfolders_are_deposited_apart(tmp_path: Path) -> None:
    """TEI asks ids to be unique per document: two volumes' 001.xml may both be
    xml:id="d001". Their records, DSpace items and METS divisions are named by output name,
    so the deposit neither stops (two results to one URI) nor repeats a METS ID."""
    project = subfolder_project(tmp_path / "volumes")
    for volume in ("03", "04"):
        replace_in(
            project / "tei" / "documents" / volume / "001.xml",
            f'xml:id="vol{volume}-001"',
            'xml:id="d001"',
        )
    result = run_cables("deposit", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    deposit = project / "build" / "deposit"
    for volume in ("03", "04"):
        assert (deposit / "mods" / f"doc-{volume}-001.xml").is_file()
        assert (deposit / "dc" / f"doc-{volume}-001.xml").is_file()
    mets = etree.parse(str(deposit / "mets.xml"))
    ids = mets.xpath("//@ID")
    assert len(ids) == len(set(ids))
    assert {"dmd.doc-03-001", "dmd.doc-04-001"} <= set(map(str, ids))
