"""Fidelity: the words of each document's TEI text that reach its web page and its PDF.

First the measure itself (cables.fidelity) on a made-up document whose counts are known;
then the measure on samples of three real TEI corpora kept in tests/data/corpora/ (see
each folder's SOURCE.md), each taken as it comes into a project made by
`cables init --from` (`validation = "lenient"`), as a new user would: every word on the
web, 99.5% in print, for each document.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from cables.config import load_edition
from cables.fidelity import (
    Reach,
    compare,
    document_outputs,
    html_words,
    measure_document,
    measure_edition,
    pdf_words,
    printed_words,
    text_words,
    words_of,
)
from conftest import copy_edition, run_cables

CORPORA = Path(__file__).resolve().parent / "data" / "corpora"

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)

# A letter with every kind of word the measure must count or leave out. Its text has 26
# words: 2 in front, 21 in body (the choice counts once, as "Doktor"), 3 in back.
LETTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Kopfzeile des Katalogs</title></titleStmt>
  </fileDesc></teiHeader>
  <text>
    <front><docTitle><titlePart>Der Brief</titlePart></docTitle></front>
    <body>
      <div>
        <opener><salute>Lieber Freund!</salute></opener>
        <p><fw type="pageNum">37</fw>Sie i<c>s</c>t ra<c>s</c>ch<note>Eine Note.</note>
          ge<lb break="no"/>lesen, <choice><abbr>Dr.</abbr><expan>Doktor</expan></choice>
          Hoch<lb/>achtung <persName ref="#p1">Müller</persName>s Haus<!-- kein Text -->,
          Café <hi>zwei</hi> Wörter.</p>
        <closer>Ihr<lb/><signed>Arthur</signed></closer>
        <postscript><p>Grüße an alle</p></postscript>
      </div>
    </body>
    <back>
      <listPerson><person xml:id="p1"><persName>Registername</persName></person></listPerson>
      <div><p>Nachschrift 中文</p></div>
    </back>
  </text>
</TEI>
"""
LETTER_WORDS = (
    "der brief lieber freund sie ist rasch eine note gelesen doktor hoch achtung "
    "müllers haus café zwei wörter ihr arthur grüsse an alle nachschrift 中 文"
).split()


def letter_words():
    return text_words(etree.fromstring(LETTER.encode()))


def test_words_are_normalised_case_folded_and_cjk_characters_count_one_by_one() -> None:
    decomposed = "Cafe\u0301"  # e + combining acute: NFC makes it "café"
    assert words_of(f"{decomposed} «STRASSE», Straße! 1963-05-09 中文字 l’ami") == [
        "café",
        "strasse",
        "strasse",
        "1963",
        "05",
        "09",
        "中",
        "文",
        "字",
        "l",
        "ami",
    ]


def test_the_text_words_are_those_of_text_and_not_of_the_header_or_registers() -> None:
    words = letter_words()
    counted = [word.text for word in words.words]
    assert counted == [word for word in LETTER_WORDS if word != "doktor"]
    assert words.count == len(LETTER_WORDS) == 26
    # The choice is one reading, the expansion counted first.
    ((expansion, abbreviation),) = words.choices
    assert [word.text for word in expansion] == ["doktor"]
    assert [word.text for word in abbreviation] == ["dr"]
    # Header, forme work and register entries are not words of the text.
    assert not {"kopfzeile", "37", "registername"} & set(counted)
    origins = {word.text: word.origin for word in words.words}
    assert origins["eine"] == "body/div/p/note"
    assert origins["arthur"] == "body/div/closer/signed"
    assert origins["brief"] == "front/docTitle/titlePart"
    assert origins["nachschrift"] == "back/div/p"


def write_page(path: Path, main: str) -> Path:
    path.write_text(
        f"<!DOCTYPE html><html><head><title>t</title></head><body><nav>Home</nav>"
        f"<main id='main'>{main}</main><footer>Built</footer></body></html>",
        encoding="utf-8",
    )
    return path


def test_a_page_showing_every_word_reaches_100_percent(tmp_path: Path) -> None:
    page = write_page(
        tmp_path / "page.html",
        "<h1>Der Brief</h1><p>Lieber Freund!</p><p>Sie ist rasch"
        "<sup><a href='#n1'>1</a></sup> gelesen, <abbr title='Doktor'>Dr.</abbr> Hoch<br>"
        "achtung <a>Müller<span role='tooltip'>Hans Müller, 1850–1920</span></a>s Haus, "
        "Café zwei Wörter.</p><p>Ihr</p><p>Arthur</p><p>Grüße an alle</p>"
        "<p>Nachschrift 中文</p><ol><li id='n1'>Eine Note.</li></ol>",
    )
    reach = compare(letter_words(), html_words(page))
    assert (reach.words, reach.found, reach.missing) == (26, 26, ())
    assert reach.percent == 100.0


def test_a_dropped_word_is_detected_and_named_with_its_origin(tmp_path: Path) -> None:
    # The closer's signature and the note are lost; the choice shows its expansion. The
    # page's frame (its header, the record, the citation) does not stand in for them.
    page = write_page(
        tmp_path / "page.html",
        "<header><h1>Arthur: eine Note</h1></header><section class='metadata'>Arthur</section>"
        "<section class='cite'>Arthur, Note</section>"
        "<h1>Der Brief</h1><p>Lieber Freund!</p><p>Sie ist rasch gelesen, Doktor "
        "Hochachtung Müllers Haus, Café zwei Wörter.</p><p>Ihr</p><p>Grüße an alle</p>"
        "<p>Nachschrift 中文</p>",
    )
    reach = compare(letter_words(), html_words(page))
    assert (reach.words, reach.found) == (26, 23)
    assert [word.text for word in reach.missing] == ["eine", "note", "arthur"]
    assert dict(reach.missing_by_origin) == {"body/div/p/note": 2, "body/div/closer/signed": 1}
    assert reach.percent == pytest.approx(100 * 23 / 26)
    assert "body/div/p/note (2)" in reach.describe() and "arthur" in reach.describe()


def test_a_choice_reaches_an_output_by_either_reading() -> None:
    words = text_words(
        etree.fromstring(
            b'<text xmlns="http://www.tei-c.org/ns/1.0"><body><p><choice><abbr>Hrn.</abbr>'
            b"<expan>Herrn</expan></choice> Bahr</p></body></text>"
        )
    )
    assert compare(words, words_of("Hrn. Bahr")).found == 2  # either reading will do
    assert compare(words, words_of("Herrn Bahr")).found == 2
    # Both readings shown, even glued, lose no word: the measure is of loss, not of excess.
    assert compare(words, words_of("HrnHerrn Bahr")).found == 2
    dropped = compare(words, words_of("Bahr"))
    assert dropped.found == 1 and [word.text for word in dropped.missing] == ["herrn"]


def test_printed_words_join_words_broken_at_a_line_end() -> None:
    text = (
        "Hochach-\ntung und demsel\u2010\n12\nben Garten\nNord-\nOstsee."
        " Its beha\u2010\n\n2\n\n\fviour"
    )
    assert printed_words(text) == [
        "hochachtung",
        "und",
        "demselben",
        "garten",
        "nordostsee",
        "its",
        "behaviour",  # broken across a page break, its page number between the halves
    ]
    # A compound broken at its own hyphen is split again where the text has both parts.
    words = text_words(
        etree.fromstring(
            b'<text xmlns="http://www.tei-c.org/ns/1.0"><body><p>Nord-Ostsee Hochachtung'
            b"</p></body></text>"
        )
    )
    assert compare(words, printed_words("Nord-\nOstsee Hochach-\ntung")).found == 3


def test_a_word_an_output_shows_in_pieces_is_put_together_again() -> None:
    words = text_words(
        etree.fromstring(
            b'<text xmlns="http://www.tei-c.org/ns/1.0"><body><p><damage><supplied>ha'
            b"</supplied></damage>ben Sie</p></body></text>"
        )
    )
    assert [word.text for word in words.words] == ["haben", "sie"]
    assert compare(words, words_of("[ha]ben Sie")).found == 2
    assert compare(words, words_of("ben Sie")).found == 1


@pytest.mark.slow
@needs_pdftotext
def test_the_words_of_a_pdf_are_read_with_pdftotext(tmp_path: Path) -> None:
    from weasyprint import HTML

    pdf = tmp_path / "letter.pdf"
    HTML(string="<p>Sehr geehrter Herr Redakteur!</p><p>Ihr ergebner Arthur</p>").write_pdf(pdf)
    assert pdf_words(pdf) == ["sehr", "geehrter", "herr", "redakteur", "ihr", "ergebner", "arthur"]


@pytest.mark.slow
def test_measure_document_reports_absent_outputs(tmp_path: Path) -> None:
    document = tmp_path / "letter.xml"
    document.write_text(LETTER, encoding="utf-8")
    page = write_page(tmp_path / "letter.html", "<p>Der Brief</p>")
    result = measure_document(document, page, tmp_path / "doc-letter.pdf")
    assert result.words == 26 and result.web is not None and result.web.found == 2
    assert result.print is None and result.absent == (tmp_path / "doc-letter.pdf",)


@pytest.mark.slow
@needs_pdftotext
def test_the_shipped_edition_loses_no_word(tmp_path: Path) -> None:
    project = copy_edition(tmp_path / "edition")
    result = run_cables("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    results = measure_edition(load_edition(project))
    assert len(results) == 9
    for fidelity in results:
        assert fidelity.web is not None and fidelity.print is not None, fidelity.absent
        assert fidelity.web.percent == 100.0, f"{fidelity.document.name}: {fidelity.web.describe()}"
        assert fidelity.print.percent >= 99.5, (
            f"{fidelity.document.name}: {fidelity.print.describe()}"
        )


# --- real corpora ---------------------------------------------------------------------

#: The sample corpora (tests/data/corpora/<name>/, see SOURCE.md) and their documents, as
#: paths inside the sample: each is copied whole, registers and subfolders as they are, and
#: made a project with `cables init --from`, which sets `validation = "lenient"`.
SAMPLES = {
    "schnitzler-briefe": "editions/*.xml",
    "suriano": "tei/*/*.xml",
    "rusdracor": "tei/*.xml",
}


def sample_documents(corpus: str) -> list[str]:
    folder = CORPORA / corpus
    return [path.relative_to(folder).as_posix() for path in sorted(folder.glob(SAMPLES[corpus]))]


def corpus_cases() -> list:
    cases = []
    for corpus in SAMPLES:
        for document in sample_documents(corpus):
            cases.append(
                pytest.param(corpus, document, marks=[pytest.mark.slow], id=f"{corpus}/{document}")
            )
    return cases


class PublishedCorpus:
    """A sample corpus made a project by `cables init --from`, each output built once and
    apart: a failure of the print edition does not hide the fidelity of the web edition."""

    def __init__(self, project: Path, corpus: str) -> None:
        shutil.copytree(CORPORA / corpus, project)
        made = run_cables("init", "--from", str(project), cwd=project.parent)
        assert made.returncode == 0, made.stdout + made.stderr
        self.project = project
        self.builds: dict[str, object] = {}

    def reach(self, document: str, output: str) -> Reach:
        if output not in self.builds:
            self.builds[output] = run_cables("build", output, cwd=self.project)
        build = self.builds[output]
        lines = (build.stdout + build.stderr).splitlines()
        shown = "\n".join(line for line in lines if "warning:" not in line)[-3000:]
        assert build.returncode == 0, f"cables build {output} exited {build.returncode}:\n{shown}"
        edition = load_edition(self.project)
        path = self.project / document
        page, pdf = document_outputs(edition, path)
        result = measure_document(path, *((page, None) if output == "html" else (None, pdf)))
        reach = result.web if output == "html" else result.print
        assert reach is not None, f"{document}: the build wrote no {output}: {result.absent}"
        return reach


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory):
    made: dict[str, PublishedCorpus] = {}

    def publish(corpus: str) -> PublishedCorpus:
        if corpus not in made:
            made[corpus] = PublishedCorpus(tmp_path_factory.mktemp("corpora") / corpus, corpus)
        return made[corpus]

    return publish


@pytest.mark.parametrize(("corpus", "document"), corpus_cases())
def test_every_word_of_a_real_document_reaches_its_page(
    published, corpus: str, document: str
) -> None:
    reach = published(corpus).reach(document, "html")
    assert reach.percent == 100.0, f"{document}: {reach.describe()}"


@pytest.mark.parametrize(("corpus", "document"), corpus_cases())
def test_the_pdf_of_a_real_document_holds_its_words(published, corpus: str, document: str) -> None:
    reach = published(corpus).reach(document, "pdf")
    assert reach.percent >= 99.5, f"{document}: {reach.describe()}"
