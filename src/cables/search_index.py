"""The search index of the web edition: search-index-<n>.js, read by assets/search.js.

The index is written in parts, each holding the search entries (records.py) of the texts
whose file names fall to it and the postings of their words, so after one edit only that
text's part is written again. How text becomes words (folding, tokens, stems, stop words)
is defined once, in xslt/html/search-rules.json: `Tokeniser` here and `tokens` in
search.js both follow it (search.xsl gives it to the browser in the form's data-rules).
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cables.cache import cache_key
from cables.data import packaged_xslt
from cables.outputs import naming_written_file
from cables.records import Text
from cables.state import SiteState

#: The search index is split in parts of about this many texts (a power of two of parts).
TEXTS_PER_SEARCH_PART = 100

#: What an inline script's JSON must not hold literally, and the escape written instead:
#: the one rule for every script cables writes (f:script-json in xslt/common/functions.xsl
#: is its XSLT twin). "</script" and "<!--" end or derail an HTML script whatever JSON
#: means; U+2028 and U+2029 end a line in older JavaScript parsers.
SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_ESCAPE_TABLE = str.maketrans(SCRIPT_ESCAPES)


def script_json(json_text: str) -> str:
    """JSON text made safe to write inside an HTML <script> or a .js file, meaning the same.

    The escaped characters only occur inside JSON strings (never in its syntax), where
    \\u003c and the others stand for the very characters they replace."""
    return json_text.translate(_SCRIPT_ESCAPE_TABLE)


def search_parts(texts: int) -> int:
    """How many parts the search index has: a power of two, so that the part of most
    texts stays the same while the corpus grows, until the number doubles."""
    parts = 1
    while parts * TEXTS_PER_SEARCH_PART < texts and parts < 256:
        parts *= 2
    return parts


#: The rule table, in the stylesheets' folder (it ships with them).
RULES_FILE = "html/search-rules.json"


@dataclass(frozen=True)
class Token:
    """A word of a text as the search sees it: the indexed form and its position."""

    term: str
    position: int
    stop: bool


class Tokeniser:
    """Text into index terms by the rule table (the twin of `tokens` in search.js).

    Each character is folded on its own, as search.js folds it; the folded text is then
    cut into runs of word characters (letters and digits, str.isalnum, as \\p{L}\\p{N}
    in search.js) and runs of CJK characters, by one regular expression."""

    def __init__(self, rules: dict[str, Any]) -> None:
        self.rules = rules
        self.fold_table: dict[str, str] = rules["fold"]
        self.steps: list[list[list[Any]]] = rules["stem"]
        self.folded: dict[str, str] = {}
        self.stems: dict[str, str] = {}
        self.stop = {self.fold(word) for word in rules["stop"]}
        cjk = "".join(f"{chr(low)}-{chr(high)}" for low, high in rules["cjk"])
        self.runs = re.compile(f"([{cjk}]+)|([^\\W_{cjk}]+)")

    def fold_character(self, character: str) -> str:
        folded = self.folded.get(character)
        if folded is None:
            decomposed = unicodedata.normalize("NFD", character.lower())
            kept = (c for c in decomposed if not unicodedata.category(c).startswith("M"))
            folded = self.folded[character] = "".join(self.fold_table.get(c, c) for c in kept)
        return folded

    def fold(self, text: str) -> str:
        if text.isascii():
            return text.lower()
        return "".join(map(self.fold_character, text))

    def stem(self, word: str) -> str:
        stem = self.stems.get(word)
        if stem is None:
            stem = self.stems[word] = self._stem(word)
        return stem

    def _stem(self, word: str) -> str:
        if not word.isascii() or not word.isalpha():
            return word
        for step in self.steps:
            for suffix, replacement, shortest in step:
                if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
                    word = word[: len(word) - len(suffix)] + replacement
                    break
        return word

    def tokens(self, text: str, query: bool = False) -> list[Token]:
        """The words of a text in order. CJK runs give their characters and their
        bigrams (a query of two or more characters only its bigrams)."""
        found: list[Token] = []
        for cjk, word in self.runs.findall(self.fold(text)):
            position = len(found)
            if word:
                found.append(Token(self.stem(word), position, word in self.stop))
                continue
            if not query or len(cjk) == 1:
                found.extend(Token(c, position + i, False) for i, c in enumerate(cjk))
            found.extend(Token(cjk[i : i + 2], position + i, False) for i in range(len(cjk) - 1))
        return found

    def terms(self, text: str) -> list[str]:
        """The indexed terms of a text: its tokens without the stop words."""
        return [token.term for token in self.tokens(text) if not token.stop]


@cache
def search_rules() -> dict[str, Any]:
    """The rule table of the search (see the module's docstring)."""
    rules: dict[str, Any] = json.loads((packaged_xslt() / RULES_FILE).read_text("utf-8"))
    return rules


#: The texts of a part whose passage text shares one file (search-text-<part>-<chunk>.js):
#: the text of a result is loaded when it is shown, a few texts at a time.
TEXTS_PER_TEXT_CHUNK = 4


def term_shards(parts: int) -> int:
    """How many files the postings are split into, by term: half as many as the parts."""
    return max(1, parts // 2)


def shard_of(term: str, shards: int) -> int:
    """The file of a term's postings: FNV-1a of its UTF-8 bytes (shardOf in search.js)."""
    value = 0x811C9DC5
    for byte in term.encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def index_script(name: str, payload: str) -> bytes:
    """The file `name`.js of the index: its JSON, compressed (zlib) and in base64, pushed
    with its name onto the array window.cablesSearch by a plain script, so that it loads
    from disk (no fetch()) and its bytes hold nothing a page could read as markup."""
    data = base64.b64encode(zlib.compress(payload.encode(), 9)).decode("ascii")
    return (
        "/* A file of the search index of the web edition, written by cables at build"
        " time; read by assets/search.js. */\n"
        f'(window.cablesSearch = window.cablesSearch || []).push(["{name}","{data}"]);\n'
    ).encode()


def _write_index_file(output: Path, name: str, payload: str) -> None:
    path = output / f"{name}.js"
    with naming_written_file(path):
        path.write_bytes(index_script(name, payload))


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class SearchPart:
    """One part of the index, made from its texts' entries: the entries without their
    text (search-index-<n>.js), the text by chunk, and the postings of each term shard
    as [entry, count in the title, count in the passages, ...] (JSON array text); a term
    shard gives each term [[part, entry, ...], ...]."""

    entries: str
    chunks: list[str]
    postings: dict[int, dict[str, str]]


def write_search_index(
    state: SiteState, output: Path, base_key: str, texts: list[Text], parts: int
) -> None:
    """Write the files of the search index that changed; link the others.

    A text's part follows from its file name alone, so it stays put when other texts come
    and go, and only the edited text's part is made again; its postings are kept beside
    the site state, so that the term shards, which gather every part's, are written again
    without reading the other texts."""
    members: dict[int, list[Text]] = {number: [] for number in range(parts)}
    for text in sorted(texts, key=lambda text: text.stem):
        members[zlib.crc32(text.stem.encode()) % parts].append(text)
    run = _IndexRun(state, output, base_key, term_shards(parts), Tokeniser(search_rules()))
    run.kept.mkdir(parents=True, exist_ok=True)
    gathered: dict[int, dict[str, list[str]]] = {shard: {} for shard in range(run.shards)}
    keys = []
    for number, inside in members.items():
        key, postings = run.part(number, inside)
        keys.append(key)
        for shard, terms in postings.items():
            for term, listed in terms.items():
                gathered[shard].setdefault(term, []).append(f"[{number},{listed}]")
    all_key = cache_key(base_key, *keys)
    for shard, lists_by_term in gathered.items():
        name = f"search-terms-{shard}"
        if not state.reuse(f"{name}.js", cache_key(all_key, str(shard))):
            body = ",".join(
                f"{_compact(term)}:[{','.join(lists)}]"
                for term, lists in sorted(lists_by_term.items())
            )
            _write_index_file(output, name, "{" + body + "}")


@dataclass(frozen=True)
class _IndexRun:
    """What writing the parts of the index needs."""

    state: SiteState
    output: Path
    base_key: str
    shards: int
    tokeniser: Tokeniser

    @property
    def kept(self) -> Path:
        """Where the postings of each part are kept between builds."""
        return self.state.path.parent / "search"

    def part(self, number: int, inside: list[Text]) -> tuple[str, dict[int, dict[str, str]]]:
        """Write (or link) the entries and text files of a part; its key and postings."""
        digests = [text.facts["search-digest"] for text in inside]
        key = cache_key(self.base_key, str(self.shards), *digests)
        chunk_keys = [
            cache_key(self.base_key, *digests[start : start + TEXTS_PER_TEXT_CHUNK])
            for start in range(0, len(inside), TEXTS_PER_TEXT_CHUNK)
        ]
        reused = [self.state.reuse(f"search-index-{number}.js", key)] + [
            self.state.reuse(f"search-text-{number}-{chunk}.js", chunk_key)
            for chunk, chunk_key in enumerate(chunk_keys)
        ]
        kept = self.kept / f"part-{number}.json"
        postings = _kept_postings(kept, key)
        if postings is not None and all(reused):
            return key, postings
        part = _search_part(number, inside, self.tokeniser, self.shards)
        if not reused[0]:
            _write_index_file(self.output, f"search-index-{number}", part.entries)
        for chunk, text in enumerate(part.chunks):
            if not reused[chunk + 1]:
                _write_index_file(self.output, f"search-text-{number}-{chunk}", text)
        kept.write_text(json.dumps({"key": key, "postings": part.postings}), "utf-8")
        return key, part.postings


#: What a kept list of postings may hold: numbers and commas (it is spliced into JSON).
_POSTINGS_TEXT = re.compile(r"[0-9]+(,[0-9]+)*")


def _kept_postings(path: Path, key: str) -> dict[int, dict[str, str]] | None:
    """The postings of a part kept by the previous build under `key`, or None."""
    try:
        kept = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    postings = kept.get("postings") if isinstance(kept, dict) else None
    if not isinstance(postings, dict) or kept.get("key") != key:
        return None
    if not all(isinstance(terms, dict) and _postings_texts(terms) for terms in postings.values()):
        return None
    return {int(shard): terms for shard, terms in postings.items()}


def _postings_texts(terms: dict) -> bool:
    return all(isinstance(text, str) and _POSTINGS_TEXT.fullmatch(text) for text in terms.values())


def postings(entries: list[dict[str, Any]], tokeniser: Tokeniser) -> dict[str, list[int]]:
    """The word index of some entries: for each term the entries holding it, as a flat
    list [entry, count in the title, count in the passages, ...]; each entry gets its
    length in terms ("size": title, passages). search.js scores them (BM25F)."""
    terms: dict[str, list[int]] = {}
    for position, entry in enumerate(entries):
        title = Counter(tokeniser.terms(entry["title"]) if entry["kind"] != "note" else [])
        body = Counter(
            term for passage in entry["passages"] for term in tokeniser.terms(passage["text"])
        )
        entry["size"] = [sum(title.values()), sum(body.values())]
        for term in sorted(set(title) | set(body)):
            terms.setdefault(term, []).extend([position, title[term], body[term]])
    return terms


#: The lists of an entry's authority entries by index, which search.js makes again from
#: the names its passages and its record name and the part's table of their indices.
NAMED_INDICES = ("persons", "places", "organisations", "events")
#: What a note's entry says that search.js knows from the text's entry before it.
NOTE_DERIVED = ("id", "url", "order", "number")


def _slim(entries: list[dict[str, Any]]) -> dict[str, str]:
    """Leave out of the entries what search.js can derive; the index of each authority
    entry they name."""
    facets = {}
    for entry in entries:
        for index in NAMED_INDICES:
            facets.update(dict.fromkeys(entry.pop(index), index))
        if entry["kind"] == "note":
            for key in NOTE_DERIVED:
                del entry[key]
    return dict(sorted(facets.items()))


def _search_part(number: int, texts: list[Text], tokeniser: Tokeniser, shards: int) -> SearchPart:
    chunks: list[list[list[str]]] = [[] for _ in range(0, len(texts), TEXTS_PER_TEXT_CHUNK)]
    entries: list[dict[str, Any]] = []
    for position, text in enumerate(texts):
        chunk = chunks[position // TEXTS_PER_TEXT_CHUNK]
        for entry in json.loads(b"[" + text.record.search_entries(text.stem) + b"]"):
            # The text of the passages goes to the chunk; the entry says where it lies.
            entry["chunk"] = [position // TEXTS_PER_TEXT_CHUNK, len(chunk)]
            chunk.append([passage["text"] for passage in entry["passages"]])
            entries.append(entry)
    words = postings(entries, tokeniser)
    for entry in entries:
        for passage in entry["passages"]:
            del passage["text"]
    facets = _slim(entries)
    by_shard: dict[int, dict[str, str]] = {}
    for term, listed in sorted(words.items()):
        by_shard.setdefault(shard_of(term, shards), {})[term] = ",".join(map(str, listed))
    return SearchPart(
        _compact({"part": number, "shards": shards, "facets": facets, "entries": entries}),
        [_compact(chunk) for chunk in chunks],
        by_shard,
    )
