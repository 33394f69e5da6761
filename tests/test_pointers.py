"""Ids and pointers by TEI's rules: ids unique per document, pointers resolved per file,
registers for names, @key and prefixDef, bare values left alone, findings aggregated.

Each test builds a small lenient project (the edition's own schema does not matter here),
so what is checked is the resolution of ids and pointers alone.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import html

from cables.check import check
from cables.config import load_edition
from cables.diagnostics import WARNING, Diagnostic, aggregate
from cables.errors import CablesError
from cables.pointers import register_files
from cables.rules import CorpusRules
from conftest import REPOSITORY, build_html, run_cables

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


@pytest.mark.slow
def test_an_id_in_two_documents_is_no_error_by_default(tmp_path: Path) -> None:
    assert findings(project(tmp_path, two_letters()), "id-duplicate") == []


@pytest.mark.slow
def test_corpus_wide_unique_ids_are_an_edition_policy(tmp_path: Path) -> None:
    root = project(tmp_path, two_letters(), check='unique_ids = "corpus"')
    found = findings(root, "id-duplicate")
    assert [(d.path, d.severity) for d in found] == [("tei/documents/b.xml", "error")]
    assert 'xml:id "p1-l1" is already used in tei/documents/a.xml line 1' in found[0].message
    assert "unique_ids" in found[0].hint


@pytest.mark.slow
def test_an_unknown_unique_ids_value_names_the_key(tmp_path: Path) -> None:
    root = project(tmp_path, two_letters(), check='unique_ids = "edition"')
    with pytest.raises(CablesError) as refused:
        load_edition(root)
    assert "[check] unique_ids must be one of document, corpus" in refused.value.message


# -- 2. pointers resolved per file; names fall back on the registers -------------------


def corpus_findings(root: Path) -> list:
    """Every finding of the corpus-wide rules, authority-unused included (which lenient
    validation drops): what the resolution of pointers decides."""
    result = check(load_edition(root))
    edition = load_edition(root)
    registers = register_files(edition.registers, [Path(p) for p in result.facts])
    rules = CorpusRules(
        result.facts.values(),
        set(result.facts),
        root,
        edition.tei_dirs,
        registers=None if registers is None else [str(p) for p in registers],
    )
    return sorted((d.path, d.rule, d.message, d.hint) for d in rules.run())


@pytest.mark.slow
def test_a_bare_id_means_an_id_of_the_same_file(tmp_path: Path) -> None:
    files = {
        "documents/a.xml": tei('<p><ref target="#x">see</ref></p>'),
        "documents/b.xml": tei('<p xml:id="x">there</p>'),
    }
    found = findings(project(tmp_path, files), "pointer-unresolved")
    assert [(d.path, d.message) for d in found] == [
        ("tei/documents/a.xml", '@target="#x": no xml:id "x" in this file or in the registers')
    ]
    assert found[0].hint.startswith("did you mean `b.xml#x`?")
    files["documents/a.xml"] = tei('<p><ref target="b.xml#x">see</ref><ref target="#y">y</ref></p>')
    files["documents/b.xml"] = tei('<p xml:id="x">there</p><p xml:id="y">y</p>')
    files["documents/c.xml"] = tei('<p xml:id="y">y</p><p><ref target="#y">y</ref></p>')
    shutil.rmtree(tmp_path / "project")
    found = findings(project(tmp_path, files), "pointer-unresolved")
    # b.xml#x is found in b; #y in a is missing from a (b and c hold it, not a).
    assert [(d.path, d.message) for d in found] == [
        ("tei/documents/a.xml", '@target="#y": no xml:id "y" in this file or in the registers')
    ]


@pytest.mark.slow
def test_a_name_whose_id_is_not_in_its_file_names_a_register_entry(tmp_path: Path) -> None:
    files = {
        "documents/a.xml": tei('<p><persName ref="#pmb1">Ada</persName></p>'),
        "authority/listperson.xml": register("pmb1", "pmb2"),
    }
    root = project(tmp_path, files)
    assert findings(root, "pointer-unresolved") == []
    found = corpus_findings(root)
    assert [(path, rule, message) for path, rule, message, _ in found] == [
        (
            "tei/authority/listperson.xml",
            "authority-unused",
            'authority entry "pmb2" is not referred to by any file',
        )
    ]


@pytest.mark.slow
def test_registers_are_configurable_and_searched_in_order(tmp_path: Path) -> None:
    files = {
        "documents/a.xml": tei('<p><persName ref="#p1">Ada</persName></p>'),
        "authority/old.xml": register("p1"),
        "authority/new.xml": register("p1"),
    }
    root = project(tmp_path, files, corpus='registers = ["tei/authority/new.xml"]')
    unused = [path for path, rule, _, _ in corpus_findings(root) if rule == "authority-unused"]
    assert unused == ["tei/authority/old.xml"]
    assert load_edition(root).registers == (root.resolve() / "tei/authority/new.xml",)


# -- 3. @key and prefixDef: the checker and the pages read them alike -------------------

PREFIXES = (
    "<encodingDesc><listPrefixDef>"
    '<prefixDef ident="pmb" matchPattern="([0-9]+)" replacementPattern="#pmb$1"/>'
    "</listPrefixDef></encodingDesc>"
)
NAMES = (
    '<p><persName ref="#pmb1">One</persName>, <persName key="pmb2">Two</persName>, '
    '<persName ref="pmb:3">Three</persName>, <ref target="#here">here</ref>, '
    '<ref target="#there">there</ref>.</p><p xml:id="here">Here.</p>'
)


def named_corpus() -> dict[str, str]:
    return {
        "documents/a.xml": tei(NAMES, header=PREFIXES),
        "documents/b.xml": tei('<p xml:id="there">There.</p>'),
        "authority/listperson.xml": register("pmb1", "pmb2", "pmb3", "pmb4"),
    }


@pytest.mark.slow
def test_keys_and_prefixes_resolve_in_the_registers(tmp_path: Path) -> None:
    found = corpus_findings(project(tmp_path, named_corpus()))
    assert [(path, rule, message) for path, rule, message, _ in found] == [
        (
            "tei/authority/listperson.xml",
            "authority-unused",
            'authority entry "pmb4" is not referred to by any file',
        ),
        (
            "tei/documents/a.xml",
            "pointer-unresolved",
            '@target="#there": no xml:id "there" in this file or in the registers',
        ),
    ]


@pytest.mark.slow
def test_an_unknown_key_is_reported_against_the_registers(tmp_path: Path) -> None:
    files = named_corpus()
    files["documents/a.xml"] = tei('<p><persName key="pmb9">Nine</persName></p>')
    found = findings(project(tmp_path, files), "pointer-unresolved")
    assert [d.message for d in found] == ['@key="pmb9": no xml:id "pmb9" in the registers']
    assert found[0].hint.startswith("did you mean `pmb")
    assert found[0].hint.endswith("`? a @key is the xml:id of a register entry")


@pytest.mark.slow
def test_keys_are_left_alone_without_registers(tmp_path: Path) -> None:
    files = {"documents/a.xml": tei('<p><persName key="Goethe">G.</persName></p>')}
    assert findings(project(tmp_path, files)) == []


@pytest.mark.slow
def test_pages_link_names_by_the_same_resolution(tmp_path: Path) -> None:
    root = project(tmp_path, named_corpus())
    shutil.copytree(REPOSITORY / "xslt", root / "xslt")
    site = build_html(root)
    page = html.parse(str(site / "a.html")).getroot()
    anchors = page.xpath("//main//a")
    names = [a.get("href") for a in anchors if "name" in a.get("class", "").split()]
    assert names == ["persons/pmb1.html", "persons/pmb2.html", "persons/pmb3.html"]
    links = {a.text_content(): a.get("href") for a in anchors if not a.get("class")}
    assert links.get("here") == "a.html#here"
    assert "there" not in links  # #there is in b.xml, not in a.xml: no link
    for entry in ("pmb1", "pmb2", "pmb3"):
        mentions = (site / "persons" / f"{entry}.html").read_text(encoding="utf-8")
        assert 'href="a.html"' in mentions, entry


# -- 4. bare values are no pointers; hints name only files that hold the id ------------


@pytest.mark.slow
def test_bare_values_are_not_files(tmp_path: Path) -> None:
    body = (
        '<p corresp="118"><bibl source="fol. 3r-5v">A</bibl>'
        '<ref target="Vol. 2, no. 4">B</ref><ref target="urn:nbn:de:1">C</ref></p>'
    )
    found = findings(project(tmp_path, {"documents/a.xml": tei(body)}))
    # The URN is a link out of the edition (which the outputs drop), not a missing file.
    assert [d.rule for d in found] == ["link-unsafe-scheme"]


@pytest.mark.slow
def test_a_hint_never_names_a_file_that_lacks_the_id(tmp_path: Path) -> None:
    files = {
        "documents/1962-01-18.xml": tei('<p><ref target="1962-01-19.xml#p2">x</ref></p>'),
        "documents/1962-01-17.xml": tei("<p>no ids here</p>"),
        "documents/notes.xml": tei('<p xml:id="p2">the id</p>'),
    }
    found = findings(project(tmp_path, files), "pointer-unresolved")
    assert [d.hint for d in found] == ["did you mean `notes.xml#p2`?"]
    files["documents/notes.xml"] = tei("<p>none</p>")
    shutil.rmtree(tmp_path / "project")
    found = findings(project(tmp_path, files), "pointer-unresolved")
    assert [d.hint for d in found] == [
        "paths are relative to the folder of the file that contains the pointer"
    ]


# -- 5. a thousand findings of one rule in one file are one finding with a count -------


def one_aggregated_finding(root: Path) -> tuple[str, list[str]]:
    """The output of `cables check` in `root`, and its two lines of [pointer-unresolved]:
    those of one finding that stands for many (its own line, and the count of the others)."""
    output = run_cables("check", cwd=root).stdout
    lines = [line for line in output.splitlines() if "[pointer-unresolved]" in line]
    assert len(lines) == 2, output
    return output, lines


@pytest.mark.slow
def test_many_findings_of_one_rule_in_a_file_come_as_one(tmp_path: Path) -> None:
    names = "".join(f'<persName ref="#pmb{n}">N{n}</persName> ' for n in range(1000, 1030))
    files = {
        "documents/a.xml": tei(f"<p>{names}</p><p><ref target='#nowhere'>x</ref></p>"),
        "authority/listperson.xml": register("pmb1"),
    }
    root = project(tmp_path, files)
    # 31 findings of one rule in a.xml: one line, its count and three examples.
    output, (first, count) = one_aggregated_finding(root)
    assert first.startswith("tei/documents/a.xml:1:")
    assert '@ref="#pmb1000": no xml:id "pmb1000"' in first
    assert "and 30 more [pointer-unresolved] in this file" in count
    examples = output.split(count, 1)[1].splitlines()[1:4]
    assert all(example.startswith("    tei/documents/a.xml:1:") for example in examples)
    assert "hint: " in output
    assert output.rstrip().endswith("0 errors, 31 warnings")

    data = json.loads(run_cables("check", "--format", "json", cwd=root).stdout)
    assert data["warnings"] == 31
    assert [(d["rule"], d["count"], len(d["examples"])) for d in data["diagnostics"]] == [
        ("pointer-unresolved", 31, 3)
    ]
    junit = run_cables("check", "--format", "junit", cwd=root).stdout
    assert "and 30 more [pointer-unresolved] in this file" in junit

    verbose = run_cables("check", "--verbose", cwd=root).stdout
    assert verbose.count("[pointer-unresolved]") == 31


def test_aggregation_keeps_small_groups_and_other_files_apart() -> None:
    def finding(path: str, line: int, rule: str = "authority-unused") -> Diagnostic:
        return Diagnostic(path, line, 1, WARNING, rule, f"entry {line}", "remove it")

    many = [finding("r.xml", n) for n in range(1, 22)]
    few = [finding("s.xml", n) for n in range(1, 21)] + [finding("r.xml", 5, "other")]
    shown = aggregate(many + few)
    assert [(d.path, d.rule, d.count) for d in shown if d.count > 1] == [
        ("r.xml", "authority-unused", 21)
    ]
    assert len(shown) == 1 + 20 + 1
    assert shown[0].examples == ("r.xml:2:1: entry 2", "r.xml:3:1: entry 3", "r.xml:4:1: entry 4")


@pytest.mark.slow
def test_pages_take_entries_from_the_configured_registers(tmp_path: Path) -> None:
    def named(name: str) -> str:
        return tei(
            f'<listPerson><person xml:id="p1"><persName>{name}</persName></person></listPerson>'
        )

    files = {
        "documents/a.xml": tei('<p><persName ref="#p1">Ada</persName></p>'),
        "authority/a-old.xml": named("Old Register Name"),
        "authority/b-new.xml": named("New Register Name"),
    }
    root = project(tmp_path, files, corpus='registers = ["tei/authority/b-new.xml"]')
    shutil.copytree(REPOSITORY / "xslt", root / "xslt")
    page = (build_html(root) / "a.html").read_text(encoding="utf-8")
    assert "New Register Name" in page
    assert "Old Register Name" not in page


@pytest.mark.slow
def test_registers_must_be_a_list_of_paths(tmp_path: Path) -> None:
    root = project(tmp_path, two_letters(), corpus='registers = "tei/authority"')
    with pytest.raises(CablesError) as refused:
        load_edition(root)
    assert refused.value.message == "[corpus] registers must be a list of paths, not text"


@pytest.mark.slow
def test_one_message_repeated_across_many_files_comes_as_one(tmp_path: Path) -> None:
    """725 dispatches, each pointing once at the register its own project keeps elsewhere,
    are one problem: one finding with the count of findings and of files."""
    files = {
        f"documents/d{n:02}.xml": tei("<p><persName ref='bio.xml#cs'>C. S.</persName></p>")
        for n in range(25)
    }
    root = project(tmp_path, files)
    output, (first, count) = one_aggregated_finding(root)
    assert first.startswith("tei/documents/d00.xml:1:")
    assert "and 24 more [pointer-unresolved] across 25 files" in count
    assert output.rstrip().endswith("0 errors, 25 warnings")
    data = json.loads(run_cables("check", "--format", "json", cwd=root).stdout)
    assert [(d["count"], d["files"]) for d in data["diagnostics"]] == [(25, 25)]
    verbose = run_cables("check", "--verbose", cwd=root).stdout
    assert verbose.count("[pointer-unresolved]") == 25
