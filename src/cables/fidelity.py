"""Fidelity of the outputs: how many words of each document's TEI text reach its web page
and its PDF, measured after a build rather than assumed.

The words of the TEI `text` (front, body and back, notes included) are compared, as
multisets of normalised words, with the words of the page's main content (its frame left
out: page header, record, citation, downloads, tooltips) and of the per-document PDF
(through poppler's `pdftotext`; there the record cannot be told from the text, so a word
of the title or the record can stand in for the same word lost from the text). Everything
runs in time linear in the size of the files.

What counts as text, and why:
- Counted: every text node inside `text`, notes wherever they stand, `del` and `add`,
  `sic`, `supplied`, `stage`, `speaker`, cast lists, openers, closers, postscripts.
- Not counted: the `teiHeader`, `facsimile` and `standOff` (outside `text`); `fw` (running
  heads, catchwords and page numbers of the source, furniture of the carrier); `figDesc`
  (a description for when a figure is not shown); the analytic elements `interp`,
  `interpGrp`, `span`, `spanGrp`, `link`, `linkGrp`, `certainty`, `precision`, `respons`;
  and registers carried in the text (`listPerson`, `listPlace`, `listOrg`, `listEvent`,
  `listBibl`, `listNym`, `listObject`, `listRelation`): their entries are data for the
  indices, not words of the page.
- A `choice` is one reading: it counts as the words of its regularised, expanded or
  corrected child (else its first), and it reached an output when the words of any one of
  its children did, so the edition may show either reading.

Words are Unicode NFC, case-folded, with punctuation removed; Chinese, Japanese and Korean
characters count one by one. Element boundaries separate words unless the element is
phrase-level (`hi`, `c`, `supplied`, `persName` ...); `lb`, `pb`, `cb` and `milestone`
separate words unless `@break="no"`. Output words glued together by the layout (a note call
after a word, `Skizze1`; a word broken at a line end in the PDF, `Hochach-` `tung`) are
split back where their pieces are words the text needs; a word of the text that an output
shows in two pieces (`<supplied>ha</supplied>ben` printed "[ha]ben") is put together again
from words the output shows and the text does not need.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from cables.config import Edition
from cables.corpus import DOCUMENT, corpus_files, output_stem
from cables.errors import EXIT_USAGE, CablesError
from cables.xmlio import TEI_NS, parse_xml

#: How many missing words a result lists.
MISSING_SHOWN = 40

_TEI = f"{{{TEI_NS}}}"

#: Elements inside `text` whose words are not text of the document (see the docstring).
NOT_TEXT = frozenset(
    {
        "fw",
        "figDesc",
        "interp",
        "interpGrp",
        "span",
        "spanGrp",
        "link",
        "linkGrp",
        "certainty",
        "precision",
        "respons",
        "listPerson",
        "listPlace",
        "listOrg",
        "listEvent",
        "listBibl",
        "listNym",
        "listObject",
        "listRelation",
    }
)

#: Phrase-level elements that can stand inside a word (`i<c>s</c>t`, `<supplied>ha</supplied>ben`).
INLINE = frozenset(
    {
        "abbr",
        "add",
        "addName",
        "am",
        "bloc",
        "c",
        "corr",
        "country",
        "damage",
        "date",
        "del",
        "distinct",
        "district",
        "emph",
        "ex",
        "expan",
        "foreign",
        "forename",
        "g",
        "genName",
        "geogName",
        "handShift",
        "hi",
        "mentioned",
        "measure",
        "mod",
        "name",
        "num",
        "orgName",
        "orig",
        "pc",
        "persName",
        "placeName",
        "ref",
        "reg",
        "region",
        "restore",
        "retrace",
        "roleName",
        "rs",
        "secl",
        "seg",
        "settlement",
        "sic",
        "soCalled",
        "subst",
        "supplied",
        "surname",
        "surplus",
        "term",
        "time",
        "title",
        "unclear",
        "w",
    }
)

#: Milestones that break a word only when `@break` is not "no".
BREAKS = frozenset({"lb", "pb", "cb", "milestone", "gb"})

#: The reading a `choice` is counted as, in order of preference.
PREFERRED_READING = ("reg", "expan", "corr")

#: HTML elements that separate words (the browser lays them out as blocks or lines).
HTML_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
HTML_SKIPPED = frozenset({"script", "style", "template", "header", "nav", "footer"})
#: Classes of the document page's frame, made from the header and the configuration (the
#: record, the citation, the downloads): left out, so words of the title or the record
#: cannot stand in for the same words lost from the text.
HTML_FRAME_CLASSES = frozenset({"metadata", "cite", "downloads", "prev-next"})

_CJK = (
    "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u3100-\u312f"
    "\u31a0-\u31bf\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# A word: letters, digits and combining marks, not CJK; or one CJK character.
_WORD = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[^\W_]|[{_MARKS}])+")
# Characters that join what they stand between or are invisible: removed before splitting.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
# A word broken at a line end in PDF text: the hyphen and the line break are dropped, and
# so are what a page break puts between the halves (blank lines, a form feed, a page
# number) and a note call set on a line of its own.
_LINE_END_HYPHEN = re.compile(
    r"(?<=[^\W\d_])[-\u2010\u2011][ \t]*\n(?:\s*\d+[ \t]*\n)*\s*(?=[^\W\d_])"
)
#: Longest output word that is tried as glued pieces (bounds the work per word).
_LONGEST_GLUED = 80
#: The most pieces one glued output word is split into (a word, a note call, a word).
_MOST_PIECES = 3


def words_of(text: str) -> list[str]:
    """The normalised words of a string, in order."""
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE).translate(_LIGATURES))
    return _WORD.findall(text.casefold())


@dataclass(frozen=True)
class Word:
    """One word of the TEI text and where it stands (local names below `text`)."""

    text: str
    origin: str


@dataclass(frozen=True)
class TextWords:
    """The words of a document's TEI text: plain words and the readings of each `choice`."""

    words: tuple[Word, ...]
    #: One entry per `choice`: its readings, the counted one first.
    choices: tuple[tuple[tuple[Word, ...], ...], ...]

    @property
    def count(self) -> int:
        return len(self.words) + sum(len(readings[0]) for readings in self.choices)


def _local(element: etree._Element) -> str | None:
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith(_TEI):
        return None if not isinstance(tag, str) else tag
    return tag[len(_TEI) :]


def _is_inline(element: etree._Element, name: str) -> bool:
    """Whether the element `name` stands inside a word, not between words: phrase-level,
    or a milestone that does not break the word (`@break="no"`)."""
    return name in INLINE or (name in BREAKS and element.get("break") == "no")


def _block_origin(path: str, name: str) -> str:
    """The origin of the words in a block element `name` that stands at `path`."""
    # Nested divisions (div/div/div) are one origin: the depth says nothing about the loss.
    if path == name or path.endswith("/" + name):
        return path
    return f"{path}/{name}".lstrip("/")


class _TextCollector:
    """Walks a TEI `text` once, cutting it into words with their origins."""

    def __init__(self) -> None:
        self.words: list[Word] = []
        self.choices: list[tuple[tuple[Word, ...], ...]] = []
        self._pieces: list[str] = []
        self._origin = ""
        self._target = self.words

    def _flush(self) -> None:
        if self._pieces:
            origin = self._origin
            self._target.extend(Word(w, origin) for w in words_of("".join(self._pieces)))
            self._pieces = []

    def _text(self, text: str | None, origin: str) -> None:
        if text:
            # The origin changes only at block elements, which end a word anyway.
            if origin != self._origin:
                self._flush()
                self._origin = origin
            self._pieces.append(text)

    def _boundary(self) -> None:
        self._flush()

    def walk(self, element: etree._Element, path: str) -> None:
        name = _local(element)
        if name is None or name in NOT_TEXT:
            return  # a comment or processing instruction (only its tail is text), or no text
        if name == "choice":
            self._boundary()
            self._choice(element, path)
            return
        inline = _is_inline(element, name)
        if not inline:
            self._boundary()
        if name not in BREAKS:
            self._walk_content(element, path if inline else _block_origin(path, name))
        if not inline:
            self._boundary()

    def _walk_content(self, element: etree._Element, origin: str) -> None:
        """The text and the children of `element`, each child followed by its tail."""
        self._text(element.text, origin)
        for child in element:
            self.walk(child, origin)
            self._text(child.tail, origin)

    def _choice(self, element: etree._Element, path: str) -> None:
        here = f"{path}/choice".lstrip("/")
        readings = []
        for child in element:
            if _local(child) is None:
                continue
            collected: list[Word] = []
            saved, self._target = self._target, collected
            self.walk(child, here)
            self._boundary()
            self._target = saved
            readings.append((_local(child), tuple(collected)))
        if not readings:
            return
        readings.sort(
            key=lambda reading: (
                PREFERRED_READING.index(reading[0])
                if reading[0] in PREFERRED_READING
                else len(PREFERRED_READING)
            )
        )
        self.choices.append(tuple(words for _, words in readings))


def text_words(tree: etree._ElementTree | etree._Element) -> TextWords:
    """The words of the TEI `text` elements of a document (a `group`'s texts included)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    collector = _TextCollector()
    texts = [root] if _local(root) == "text" else root.findall(f"{_TEI}text")
    for text in texts:
        for child in text:
            collector.walk(child, "")
            collector._text(child.tail, "")
        collector._boundary()
    return TextWords(tuple(collector.words), tuple(collector.choices))


def _not_shown(element: etree._Element) -> bool:
    # A tooltip (a name's description) shows only on hover or focus, and it stands inside
    # the word it describes: its words are the page's additions, never the text's.
    if element.get("role") == "tooltip" or element.get("hidden") is not None:
        return True
    classes = element.get("class")
    return classes is not None and not HTML_FRAME_CLASSES.isdisjoint(classes.split())


def html_words(path: Path) -> list[str]:
    """The words of a web page's main content (`<main>`, else `<body>`), without tooltips,
    hidden elements and the frame (`header`, `nav`, `footer`, `HTML_FRAME_CLASSES`)."""
    # The site writes UTF-8; saying so spares the parser a guess from the bytes.
    root = lxml_html.parse(str(path), parser=lxml_html.HTMLParser(encoding="utf-8")).getroot()
    main = root.find(".//main")
    if main is None:
        main = root.find(".//body")
    pieces: list[str] = []

    def visit(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else None
        if tag in HTML_SKIPPED or _not_shown(element):
            return
        block = tag in HTML_BLOCKS
        if block:
            pieces.append(" ")
        if tag is not None and element.text:
            pieces.append(element.text)
        for child in element:
            visit(child)
            if child.tail:
                pieces.append(child.tail)
        if block:
            pieces.append(" ")

    if main is not None:
        visit(main)
    return words_of("".join(pieces))


def pdf_text(path: Path) -> str:
    """The text of a PDF, as poppler's `pdftotext` reads it (UTF-8, reading order)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        raise CablesError(
            "pdftotext is not installed: the fidelity of the PDFs cannot be measured",
            hint="install poppler-utils (apt-get install poppler-utils)",
            exit_status=EXIT_USAGE,
        )
    result = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False
    )
    if result.returncode != 0:
        raise CablesError(
            f"pdftotext could not read the PDF: {result.stderr.decode(errors='replace').strip()}",
            path=path,
            exit_status=EXIT_USAGE,
        )
    return result.stdout.decode("utf-8", errors="replace")


def printed_words(text: str) -> list[str]:
    """The words of a PDF's text, with words broken at a line end by a hyphen joined again."""
    return words_of(_LINE_END_HYPHEN.sub("", text))


def pdf_words(path: Path) -> list[str]:
    """The words of a PDF (see `printed_words`)."""
    return printed_words(pdf_text(path))


@dataclass(frozen=True)
class Reach:
    """How many of a document's words one output shows, and which ones it lacks."""

    words: int
    found: int
    #: The first missing words in document order, with their origins.
    missing: tuple[Word, ...]
    #: Missing words by where they stand in the TEI (`body/div/sp/l`), most first.
    missing_by_origin: tuple[tuple[str, int], ...] = ()

    @property
    def percent(self) -> float:
        return 100.0 if self.words == 0 else 100.0 * self.found / self.words

    @property
    def missing_count(self) -> int:
        return self.words - self.found

    def describe(self) -> str:
        """The missing words as an editor reads them: by origin, then the words."""
        origins = ", ".join(
            f"{origin or 'text'} ({count})" for origin, count in self.missing_by_origin
        )
        shown = " ".join(word.text for word in self.missing)
        more = "" if len(self.missing) >= self.missing_count else " ..."
        return f"missing {self.missing_count} words from {origins}: {shown}{more}"


def _segment(token: str, vocabulary: Counter) -> list[str] | None:
    """`token` cut into two or three words the text needs (or runs of digits), or None.

    When it comes apart into several words (not one word and a note call), one of them at
    least has three letters or more, so a short word of the page's frame ("not") is not
    explained away as a run of short words of the text ("no", "t").
    """
    if len(token) > _LONGEST_GLUED:
        return None
    found = _fewest_pieces(token, vocabulary)
    if found is None:
        return None
    lettered = [piece for piece in found if not piece.isdigit()]
    return found if len(lettered) < 2 or max(map(len, lettered)) >= 3 else None


def _fewest_pieces(token: str, vocabulary: Counter) -> list[str] | None:
    """`token` cut into the fewest pieces, at most `_MOST_PIECES`, each a word of
    `vocabulary` or a run of digits and none the whole token; None if it cannot be."""
    # best[i]: the fewest pieces covering token[:i]; a dynamic programme over cut points.
    best: list[list[str] | None] = [None] * (len(token) + 1)
    best[0] = []
    for end in range(1, len(token) + 1):
        for start in range(end):
            pieces = best[start]
            if pieces is None or len(pieces) >= _MOST_PIECES:
                continue
            piece = token[start:end]
            if _is_piece(piece, token, vocabulary) and _fewer(pieces, best[end]):
                best[end] = pieces + [piece]
    return best[len(token)]


def _is_piece(piece: str, token: str, vocabulary: Counter) -> bool:
    # The word itself is what is in excess: it must come apart.
    return len(piece) != len(token) and (piece.isdigit() or piece in vocabulary)


def _fewer(pieces: list[str], best: list[str] | None) -> bool:
    """Whether `pieces` and one more piece are fewer than the `best` cut so far."""
    return best is None or len(pieces) + 1 < len(best)


def _compose(word: str, available: Counter) -> bool:
    """Whether `word` can be made of two words left over in the output (taking them)."""
    for cut in range(1, len(word)):
        pieces = Counter((word[:cut], word[cut:]))
        if max(cut, len(word) - cut) >= 3 and all(available[p] >= n for p, n in pieces.items()):
            available.subtract(pieces)
            return True
    return False


def _available(needed: Counter, shown: Iterable[str]) -> Counter:
    """The output's words, with glued words the text does not have split into pieces."""
    available = Counter(shown)
    for token, count in list(available.items()):
        excess = count - needed.get(token, 0)
        if excess <= 0:
            continue
        pieces = _segment(token, needed)
        if pieces is None:
            continue
        available[token] -= excess
        for piece in pieces:
            available[piece] += excess
    return available


def compare(text: TextWords, shown: Sequence[str], missing_shown: int = MISSING_SHOWN) -> Reach:
    """How many words of `text` the output words `shown` hold, as multisets."""
    needed = Counter(word.text for word in text.words)
    for readings in text.choices:
        for reading in readings:
            needed.update(word.text for word in reading)
    available = _available(needed, shown)
    # Plain words first: a choice may then take any reading that is left.
    short = _words_short(text.words, available)
    choices_found, choices_missing = _take_choices(text.choices, available)
    missing_words = _blame(text.words, short) + choices_missing
    by_origin = Counter(word.origin for word in missing_words)
    return Reach(
        words=text.count,
        found=len(text.words) - sum(short.values()) + choices_found,
        missing=tuple(missing_words[:missing_shown]),
        missing_by_origin=tuple(by_origin.most_common()),
    )


def _words_short(words: Sequence[Word], available: Counter) -> Counter:
    """How many of each plain word the output lacks, taking what it has from `available`:
    first the word itself, then (for each one short) two pieces that make it up."""
    short: Counter[str] = Counter()
    for word, count in Counter(word.text for word in words).items():
        taken = min(count, available[word])
        available[word] -= taken
        if count > taken:
            short[word] = count - taken
    for word in list(short):
        while short[word] and _compose(word, available):
            short[word] -= 1
        if not short[word]:
            del short[word]
    return short


def _take_choices(
    choices: Sequence[tuple[tuple[Word, ...], ...]], available: Counter
) -> tuple[int, list[Word]]:
    """How many words of the choices the output holds (a choice counts as its first
    reading, whichever reading it shows), and the words of the choices it lacks."""
    found = 0
    missing: list[Word] = []
    for readings in choices:
        if _take_a_reading(readings, available):
            found += len(readings[0])
        else:
            missing.extend(readings[0])
    return found, missing


def _take_a_reading(readings: Sequence[tuple[Word, ...]], available: Counter) -> bool:
    """Whether the output shows all the words of one of the `readings` (taking them)."""
    for reading in readings:
        wanted = Counter(word.text for word in reading)
        if all(available[word] >= count for word, count in wanted.items()):
            available.subtract(wanted)
            return True
    return False


def _blame(words: Sequence[Word], short: Counter) -> list[Word]:
    """Which occurrences of the words short in an output are the missing ones.

    A multiset cannot say which of three "Mozart" was lost. Words that occur under one
    origin only are unambiguous; they give each origin a rate of loss, and an ambiguous
    shortage is laid on the occurrences whose origins lose the most.
    """
    if not short:
        return []
    rate = _loss_rates(words, short)
    remaining = Counter(short)
    ranked = sorted(
        range(len(words)), key=lambda index: -rate.get(words[index].origin, 0.0)
    )  # stable: document order within one rate
    chosen = []
    for index in ranked:
        word = words[index]
        if remaining[word.text] > 0:
            remaining[word.text] -= 1
            chosen.append(index)
    return [words[index] for index in sorted(chosen)]


def _loss_rates(words: Sequence[Word], short: Counter) -> dict[str, float]:
    """For each origin, the share of its words that the output lacks, counted over the
    words whose loss has a certain origin (not short, or short under one origin only)."""
    origins_of: dict[str, set[str]] = {}
    for word in words:
        if word.text in short:
            origins_of.setdefault(word.text, set()).add(word.origin)
    lost: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for word in words:
        if len(origins_of.get(word.text, ())) <= 1:
            seen[word.origin] += 1
    for text, count in short.items():
        if len(origins_of[text]) == 1:
            lost[next(iter(origins_of[text]))] += count
    return {origin: lost[origin] / seen[origin] for origin in seen if seen[origin]}


@dataclass(frozen=True)
class DocumentFidelity:
    """The fidelity of one document's outputs."""

    document: Path
    words: int
    web: Reach | None = None
    print: Reach | None = None
    #: Outputs that were looked for and not found (paths).
    absent: tuple[Path, ...] = field(default=())


def measure_document(
    document: Path, page: Path | None = None, pdf: Path | None = None
) -> DocumentFidelity:
    """The fidelity of a document's web page and PDF; a missing output is listed as absent."""
    text = text_words(parse_xml(document).tree)
    absent = tuple(path for path in (page, pdf) if path is not None and not path.is_file())
    web = compare(text, html_words(page)) if page is not None and page.is_file() else None
    printed = compare(text, pdf_words(pdf)) if pdf is not None and pdf.is_file() else None
    return DocumentFidelity(document, text.count, web, printed, absent)


def document_outputs(edition: Edition, document: Path) -> tuple[Path, Path]:
    """Where a build writes a document's web page and its PDF."""
    stem = output_stem(document, edition)
    return (
        edition.build_dir / "site" / f"{stem}.html",
        edition.build_dir / "pdf" / f"doc-{stem}.pdf",
    )


def measure_edition(edition: Edition) -> list[DocumentFidelity]:
    """The fidelity of every document of a built edition, in corpus order."""
    results = []
    for path, kind in corpus_files(edition):
        if kind == DOCUMENT:
            results.append(measure_document(path, *document_outputs(edition, path)))
    return results


def format_report(results: Sequence[DocumentFidelity], root: Path | None = None) -> str:
    """A table of the results, one line per document, then what each output lacks."""
    lines = [f"{'document':40} {'words':>7} {'web':>8} {'print':>8}"]

    def shown(reach: Reach | None) -> str:
        return "-" if reach is None else f"{reach.percent:7.2f}%"

    details = []
    for result in results:
        name = str(result.document.relative_to(root) if root else result.document)
        lines.append(f"{name:40} {result.words:>7} {shown(result.web):>8} {shown(result.print):>8}")
        for label, reach in (("web", result.web), ("print", result.print)):
            if reach is not None and reach.missing_count:
                details.append(f"{name} ({label}): {reach.describe()}")
        for path in result.absent:
            details.append(f"{name}: no output {path}")
    return "\n".join(lines + details)
