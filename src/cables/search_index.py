"""The search index of the web edition: search-index-<n>.js, read by assets/search.js.

The index is written in parts, each holding the search entries (records.py) of the texts
whose file names fall to it, so after one edit only that text's part is written again.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from cables.cache import cache_key
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


def write_search_index(
    state: SiteState, output: Path, base_key: str, texts: list[Text], parts: int
) -> None:
    """Write the parts of the search index that changed; link the others. A text's part
    follows from its file name alone, so it stays put when other texts come and go."""
    members: dict[int, list[Text]] = {number: [] for number in range(parts)}
    for text in sorted(texts, key=lambda text: text.stem):
        members[zlib.crc32(text.stem.encode()) % parts].append(text)
    for number, inside in members.items():
        name = f"search-index-{number}.js"
        key = cache_key(base_key, *(text.facts["search-digest"] for text in inside))
        if not state.reuse(name, key):
            (output / name).write_bytes(_search_part(number, inside))


def _search_part(number: int, texts: list[Text]) -> bytes:
    entries = (text.record.search_entries(text.stem) for text in texts)
    joined = script_json(",".join(part.decode() for part in entries if part)).encode()
    return (
        f"/* Part {number} of the search index of the web edition, written by cables at"
        " build time; read by assets/search.js. */\n"
        "(window.cablesSearchIndex = window.cablesSearchIndex || []).push("
        f'{{"part":{number},"entries":['.encode()
        + joined
        + b"]});\n"
    )
