"""The check's cache of per-file facts: after one edit only that file is read again, and
the corpus-wide rules, run over the cached facts of the others, still see every file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cables import check as check_module
from cables import rules as rules_module
from cables.check import CheckResult, check
from cables.config import load_edition
from conftest import FIXTURE_DOCUMENT

#: The fixture's document and two copies of it, numbered 1, 2, 3.
COPIES = {"second": "2", "third": "3"}


@pytest.fixture
def numbered(edition_project: Path) -> Path:
    """The fixture edition with three numbered documents."""
    original = edition_project / FIXTURE_DOCUMENT
    text = original.read_text(encoding="utf-8")
    identifier = f'xml:id="doc-{original.stem}"'
    assert identifier in text
    original.write_text(text.replace(identifier, f'{identifier} n="1"', 1), encoding="utf-8")
    for stem, number in COPIES.items():
        # Its own ids (the edition asks for ids unique across the corpus), then its number.
        copy = text.replace(f"doc-{original.stem}", f"doc-{stem}")
        copy = copy.replace(f'xml:id="doc-{stem}"', f'xml:id="doc-{stem}" n="{number}"', 1)
        (original.parent / f"{stem}.xml").write_text(copy, encoding="utf-8")
    return edition_project


class Reads:
    """The files the check's per-file stage checks and the corpus rules parse."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.checked: list[str] = []
        self.parsed: list[str] = []
        check_file, parse_xml = check_module._check_file, rules_module.parse_xml

        def checking(checker, path, kind, stem):
            self.checked.append(Path(path).name)
            return check_file(checker, path, kind, stem)

        def parsing(path, *arguments, **options):
            self.parsed.append(Path(path).name)
            return parse_xml(path, *arguments, **options)

        monkeypatch.setattr(check_module, "_check_file", checking)
        monkeypatch.setattr(rules_module, "parse_xml", parsing)

    def clear(self) -> None:
        self.checked.clear()
        self.parsed.clear()


def _renumber(project: Path, stem: str, old: str, new: str) -> Path:
    path = project / Path(FIXTURE_DOCUMENT).parent / f"{stem}.xml"
    text = path.read_text(encoding="utf-8")
    assert f' n="{old}"' in text
    path.write_text(text.replace(f' n="{old}"', f' n="{new}"', 1), encoding="utf-8")
    return path


def _number_findings(result: CheckResult) -> list[tuple[str, str]]:
    return [
        (Path(d.path).name, d.message) for d in result.diagnostics if d.rule == "document-number"
    ]


@pytest.mark.parametrize(
    ("edited", "old", "new", "reported"),
    [
        # The edited file holds the later of the two paths: the finding is on it.
        ("third", "3", "2", "third.xml"),
        # The edited file holds the earlier path: the finding is on the unchanged file,
        # whose number comes from the cache.
        ("second", "2", "3", "third.xml"),
    ],
)
def test_after_one_edit_only_that_file_is_read_and_duplicates_are_still_found(
    numbered: Path, monkeypatch: pytest.MonkeyPatch, edited: str, old: str, new: str, reported
) -> None:
    edition = load_edition(numbered)
    reads = Reads(monkeypatch)
    first = check(edition)
    assert _number_findings(first) == []
    assert len(reads.checked) >= 3 and reads.parsed == []
    assert sorted(item.number for item in first.facts.values() if item.kind == "document") == [
        "1",
        "2",
        "3",
    ]

    reads.clear()
    path = _renumber(numbered, edited, old, new)
    again = check(edition)

    assert reads.checked == [path.name], "only the edited file is checked again"
    assert again.facts[str(path)].number == new, "its number is taken anew"
    assert _number_findings(again) == [(reported, f"document number {new} is given to 2 documents")]
    # The numbers of the others come from the cache: only the file with the finding is
    # read, to locate it.
    assert reads.parsed == [reported]


def test_a_number_taken_away_is_found_from_the_cached_facts(
    numbered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition = load_edition(numbered)
    check(edition)
    reads = Reads(monkeypatch)
    path = _renumber(numbered, "second", "2", "3")
    assert _number_findings(check(edition)) == [
        ("third.xml", "document number 3 is given to 2 documents")
    ]
    reads.clear()
    _renumber(numbered, "second", "3", "2")
    again = check(edition)
    assert reads.checked == [path.name]
    assert _number_findings(again) == [], "the duplicate is gone with the edit"
    assert reads.parsed == []


def test_facts_read_back_from_the_cache_are_the_facts_made(
    numbered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition = load_edition(numbered)
    made = check(edition)
    reads = Reads(monkeypatch)
    kept = check(edition)
    assert reads.checked == [], "nothing changed: every result from the cache"

    def shape(facts):
        return {
            path: (
                item.kind,
                [tuple(entry) for entry in item.ids],
                [tuple(link) for link in item.links],
                list(item.references),
                item.number,
            )
            for path, item in facts.items()
        }

    assert shape(kept.facts) == shape(made.facts)
    assert any(item.links and item.references for item in kept.facts.values())
    assert [d.format_text() for d in kept.diagnostics] == [
        d.format_text() for d in made.diagnostics
    ]
