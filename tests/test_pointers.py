"""Ids and pointers by TEI's rules: ids unique per document, pointers resolved per file,
registers for names, @key and prefixDef, bare values left alone, findings aggregated.

Each test builds a small lenient project (the edition's own schema does not matter here),
so what is checked is the resolution of ids and pointers alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cables.check import check
from cables.config import load_edition
from cables.errors import CablesError
from conftest import REPOSITORY

CONFIG = """\
[edition]
id = "tiny"
title = "Tiny"
editors = ["E"]
publisher = "E"
licence = "CC BY 4.0"
licence_url = "https://creativecommons.org/licenses/by/4.0/"
version = "0.1.0"
date = "2026-01-01"

[check]
validation = "lenient"
{check}

[corpus]
documents = "tei/documents"
authority = "tei/authority"
front = "tei/front"
{corpus}
"""


def tei(body: str, header: str = "", root_id: str = "") -> str:
    """A small TEI file: `header` goes into the teiHeader after fileDesc."""
    own = f' xml:id="{root_id}"' if root_id else ""
    return (
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"{own}><teiHeader><fileDesc>'
        "<titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt>"
        f"<sourceDesc><p>S</p></sourceDesc></fileDesc>{header}</teiHeader>"
        f"<text><body>{body}</body></text></TEI>\n"
    )


def register(*people: str) -> str:
    entries = "".join(
        f'<person xml:id="{person}"><persName>{person}</persName></person>' for person in people
    )
    return tei(f"<listPerson>{entries}</listPerson>")


def project(tmp_path: Path, files: dict[str, str], check: str = "", corpus: str = "") -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "edition.toml").write_text(CONFIG.format(check=check, corpus=corpus), encoding="utf-8")
    shutil.copytree(REPOSITORY / "schema", root / "schema")
    for folder in ("documents", "authority", "front"):
        (root / "tei" / folder).mkdir(parents=True)
    for name, text in files.items():
        path = root / "tei" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def findings(root: Path, rule: str | None = None) -> list:
    result = check(load_edition(root))
    return [d for d in result.diagnostics if rule is None or d.rule == rule]


# -- 1. ids unique per document, corpus-wide as an edition's policy ---------------------


def two_letters() -> dict[str, str]:
    line = '<lg><l xml:id="p1-l1">A line</l></lg>'
    return {"documents/a.xml": tei(line), "documents/b.xml": tei(line)}


def test_an_id_in_two_documents_is_no_error_by_default(tmp_path: Path) -> None:
    assert findings(project(tmp_path, two_letters()), "id-duplicate") == []


def test_corpus_wide_unique_ids_are_an_edition_policy(tmp_path: Path) -> None:
    root = project(tmp_path, two_letters(), check='unique_ids = "corpus"')
    found = findings(root, "id-duplicate")
    assert [(d.path, d.severity) for d in found] == [("tei/documents/b.xml", "error")]
    assert 'xml:id "p1-l1" is already used in tei/documents/a.xml line 1' in found[0].message
    assert "unique_ids" in found[0].hint


def test_an_unknown_unique_ids_value_names_the_key(tmp_path: Path) -> None:
    root = project(tmp_path, two_letters(), check='unique_ids = "edition"')
    with pytest.raises(CablesError) as refused:
        load_edition(root)
    assert "[check] unique_ids must be one of document, corpus" in refused.value.message
