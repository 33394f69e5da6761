"""The search index of the web edition: search-index-<n>.js, read by assets/search.js.

The index is written in parts, each holding the search entries (records.py) of the texts
whose file names fall to it and the postings of their words, so after one edit only that
text's part is written again. How text becomes words (folding, tokens, stems, stop words)
is defined once, in xslt/html/search-rules.json: `Tokeniser` here and `tokens` in
search.js both follow it (search.xsl gives it to the browser in the form's data-rules).
"""

from __future__ import annotations

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


def write_search_index(
    state: SiteState, output: Path, base_key: str, texts: list[Text], parts: int
) -> None:
    """Write the parts of the search index that changed; link the others. A text's part
    follows from its file name alone, so it stays put when other texts come and go."""
    members: dict[int, list[Text]] = {number: [] for number in range(parts)}
    for text in sorted(texts, key=lambda text: text.stem):
        members[zlib.crc32(text.stem.encode()) % parts].append(text)
    tokeniser = Tokeniser(search_rules())
    for number, inside in members.items():
        name = f"search-index-{number}.js"
        key = cache_key(base_key, *(text.facts["search-digest"] for text in inside))
        if not state.reuse(name, key):
            (output / name).write_bytes(_search_part(number, inside, tokeniser))


def postings(entries: list[dict[str, Any]], tokeniser: Tokeniser) -> dict[str, Any]:
    """The word index of some entries: for each term the entries holding it, as a flat
    list [entry, count in the title, count in the passages, ...], and each entry's length
    in terms (title, passages). search.js scores them (BM25F)."""
    terms: dict[str, list[int]] = {}
    lengths = []
    for position, entry in enumerate(entries):
        title = Counter(tokeniser.terms(entry["title"]) if entry["kind"] != "note" else [])
        body = Counter(
            term for passage in entry["passages"] for term in tokeniser.terms(passage["text"])
        )
        lengths.append([sum(title.values()), sum(body.values())])
        for term in sorted(set(title) | set(body)):
            terms.setdefault(term, []).extend([position, title[term], body[term]])
    return {"terms": dict(sorted(terms.items())), "lengths": lengths}


def _search_part(number: int, texts: list[Text], tokeniser: Tokeniser) -> bytes:
    entries = [text.record.search_entries(text.stem) for text in texts]
    joined = ",".join(part.decode() for part in entries if part)
    words = postings(json.loads("[" + joined + "]"), tokeniser)
    index = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
    return (
        f"/* Part {number} of the search index of the web edition, written by cables at"
        " build time; read by assets/search.js. */\n"
        "(window.cablesSearchIndex = window.cablesSearchIndex || []).push("
        f'{{"part":{number},"entries":[{script_json(joined)}],"words":{script_json(index)}}});\n'
    ).encode()
