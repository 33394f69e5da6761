"""How the search reads text: the rule table (xslt/html/search-rules.json) as
search_index.Tokeniser applies it at build time and search.js in the browser.

The same strings go through both; the tokens must be identical.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from cables.search_index import Tokeniser, search_rules
from conftest import REPOSITORY

NODE = shutil.which("node")
SCRIPT = REPOSITORY / "xslt" / "html" / "assets" / "search.js"

SAMPLES = [
    "Negotiations were negotiated; negotiating, negotiate.",
    "Scînteia, Scinteia and SCÂNTEIA",
    "București, Bucuresti, Bucureşti; ş ș ţ ț Ş Ș Ţ Ț",
    "彭真同志 and 彭",
    "中国共产党中央委员会",
    "The party, the parties and a partisan of the art",
    "Gheorghiu-Dej's letter to the RWP CC (PMR) on the CMEA/Comecon",
    "Straße, Œuvre, Łódź, Ærø, İstanbul",
    "The socialist division of labour — the division of labor",
    "1963-05-09: 7,000 cadres; No. 6",
    "",
    "   ",
    "Countries' agreements, agreed, agreement",
]

QUERIES = ["彭", "彭真", "中国共产党", "negotiations", '"of the"', "Bucuresti"]


@pytest.fixture(scope="module")
def tokeniser() -> Tokeniser:
    return Tokeniser(search_rules())


def terms(tokeniser: Tokeniser, text: str, query: bool = False) -> list[str]:
    return [token.term for token in tokeniser.tokens(text, query) if not token.stop]


def test_words_are_folded_stemmed_and_split_on_word_boundaries(tokeniser: Tokeniser) -> None:
    assert terms(tokeniser, "Negotiations negotiated negotiating") == ["negotiat"] * 3
    assert terms(tokeniser, "Scînteia Scinteia") == ["scinteia"] * 2
    assert len(set(terms(tokeniser, "București Bucuresti Bucureşti"))) == 1
    assert (
        len(set(terms(tokeniser, "şara șara"))) == 1
        and len(set(terms(tokeniser, "ţara țara"))) == 1
    )
    assert terms(tokeniser, "party parties") == ["parti", "parti"]
    assert "art" not in terms(tokeniser, "part party article")
    assert terms(tokeniser, "labour labor") == ["labor", "labor"]
    assert terms(tokeniser, "Gheorghiu-Dej") == ["gheorghiu", "dej"]


def test_stop_words_are_kept_as_places_but_not_as_terms(tokeniser: Tokeniser) -> None:
    tokens = tokeniser.tokens("division of labour")
    assert [token.stop for token in tokens] == [False, True, False]
    assert [token.position for token in tokens] == [0, 1, 2]
    assert terms(tokeniser, "the of and") == []


def test_chinese_is_indexed_by_characters_and_bigrams(tokeniser: Tokeniser) -> None:
    assert terms(tokeniser, "彭真同志") == ["彭", "真", "同", "志", "彭真", "真同", "同志"]
    assert terms(tokeniser, "彭真同志", query=True) == ["彭真", "真同", "同志"]
    assert terms(tokeniser, "彭", query=True) == ["彭"]
    assert terms(tokeniser, "Peng Zhen 彭真") == ["peng", "zhen", "彭", "真", "彭真"]


# Runs the tokeniser of search.js over the samples (argv[1]: rules, argv[2]: samples).
NODE_TOKENS = r"""
const search = require(process.argv[1]);
const rules = search.compileRules(JSON.parse(process.argv[2]));
const [samples, queries] = JSON.parse(process.argv[3]);
const each = (texts, query) => texts.map((text) =>
  search.tokens(rules, text, query).map((token) => [token.term, token.position, token.stop]));
process.stdout.write(JSON.stringify([each(samples, false), each(queries, true)]));
"""


@pytest.mark.slow
@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_python_and_javascript_read_text_alike(tokeniser: Tokeniser) -> None:
    result = subprocess.run(
        [
            NODE,
            "-e",
            NODE_TOKENS,
            str(SCRIPT),
            json.dumps(search_rules()),
            json.dumps([SAMPLES, QUERIES]),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    javascript = json.loads(result.stdout)

    def python(texts: list[str], query: bool) -> list[list[list]]:
        return [
            [[token.term, token.position, token.stop] for token in tokeniser.tokens(text, query)]
            for text in texts
        ]

    assert javascript == [python(SAMPLES, False), python(QUERIES, True)]
    assert any(javascript[0])  # the samples are not all empty
