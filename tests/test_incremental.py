"""Incremental web builds: after an edit, `cables build html` reuses what the edit left
unchanged, and its result equals a clean build of the same files byte for byte."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from cables import pages as pages_module
from cables import site as site_module
from cables.build import build
from cables.config import load_edition
from cables.corpus import CITATION_SUFFIXES
from conftest import REPOSITORY, digest

sys.path.insert(0, str(REPOSITORY / "benchmarks"))
from corpus import change_one_word, make_corpus  # noqa: E402

pytestmark = pytest.mark.slow

#: The document edited, and the two documents (made by the benchmark's corpus generator,
#: which copies the nine with new names) that point to it.
EDITED = "1962-04-13-approval-work-plan"
POINTING = ("1962-01-25-annual-work-summary", "1962-01-25-annual-work-summary-n00001")
#: A copy nothing points to, so it may be deleted.
COPY = "1961-11-24-reaction-22nd-congress-n00001"
FAR = "1963-11-22-maurer-article-guidance"


def build_site(project: Path) -> Path:
    result = build(load_edition(project), ("html",))
    assert result.check.errors == 0, result.check.diagnostics
    return project / "build" / "site"


def clean_build(project: Path, target: Path) -> dict[str, str]:
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("build"))
    return digest(build_site(target))


def document(project: Path, stem: str) -> Path:
    return project / "tei" / "documents" / f"{stem}.xml"


def replace_everywhere(project: Path, old: str, new: str) -> None:
    for path in (project / "tei").rglob("*.xml"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new), encoding="utf-8")


def edit_text(project: Path) -> None:
    change_one_word(document(project, EDITED), "amended")


def rename_id(project: Path) -> None:
    replace_everywhere(project, '"per-peng-zhen"', '"per-peng-zhen-1902"')
    replace_everywhere(project, "#per-peng-zhen", "#per-peng-zhen-1902")


def change_authority_entry(project: Path) -> None:
    persons = project / "tei" / "authority" / "persons.xml"
    text = persons.read_text(encoding="utf-8")
    changed = text.replace("<occupation>Member of", "<occupation>From 1956, member of")
    assert changed != text
    persons.write_text(changed, encoding="utf-8")


def change_title(project: Path) -> None:
    path = document(project, FAR)
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(r'(<title type="main"[^>]*>)', r"\1Revised: ", text, count=1)
    assert count == 1
    path.write_text(changed, encoding="utf-8")


def delete_document(project: Path) -> None:
    document(project, COPY).unlink()


EDITS = [
    ("text of a document", edit_text),
    ("title of a document", change_title),
    ("id renamed with every pointer to it", rename_id),
    ("authority entry", change_authority_entry),
    ("document deleted", delete_document),
]


@pytest.mark.parametrize("workers", [False, True], ids=["in-process", "workers"])
def test_every_kind_of_edit_gives_the_bytes_of_a_clean_build(
    workers: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764201600")
    if workers:  # worker processes, pages in batches of two
        monkeypatch.setattr(site_module, "PARALLEL_THRESHOLD", 1)
        monkeypatch.setattr(pages_module, "PAGE_BATCH", 2)
    project = make_corpus(12, tmp_path / "edition")
    build_site(project)
    for number, (name, edit) in enumerate(EDITS):
        edit(project)
        incremental = digest(build_site(project))
        clean = clean_build(project, tmp_path / f"clean-{number}")
        assert incremental == clean, name
    assert f"{COPY}.html" not in incremental
    assert "persons.html" in incremental
    assert "persons/per-peng-zhen-1902.html" in incremental  # entity pages are compared too


def inode(path: Path) -> int:
    return path.stat().st_ino


def test_one_edit_reuses_the_pages_it_does_not_touch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764201600")
    project = make_corpus(12, tmp_path / "edition")
    site = build_site(project)
    before = {path.name: inode(path) for path in site.iterdir() if path.is_file()}
    entities_before = {str(path.relative_to(site)): inode(path) for path in site.glob("*/*.html")}
    edit_text(project)
    site = build_site(project)
    after = {path.name: inode(path) for path in site.iterdir() if path.is_file()}
    made = {name for name in after if after[name] != before.get(name)}
    # Entity pages: only those of entries whose mention in context changed (the edited
    # word stands in a sentence naming the embassy); every other one is linked.
    entities_after = {str(path.relative_to(site)): inode(path) for path in site.glob("*/*.html")}
    assert entities_after.keys() == entities_before.keys()
    remade = {name for name in entities_after if entities_after[name] != entities_before[name]}
    assert remade == {"organisations/org-chinese-embassy-romania.html"}, remade
    # The page itself, the pages of the documents that point to it (they may show its
    # title or a paragraph's number) and the part of the search index holding it; its
    # neighbours' links show its title and date, unchanged here, so they are reused.
    assert f"{EDITED}.html" in made
    assert {f"{stem}.html" for stem in POINTING} <= made
    # Of the search index: the entries of its part and the text file holding it (the
    # term shards gather every part's postings, so they are written again).
    search = {name for name in made if name.startswith("search-")}
    assert len([name for name in search if name.startswith("search-index-")]) == 1
    assert len([name for name in search if name.startswith("search-text-")]) == 1
    # A changed word of the text does not change what the pages that list the corpus show.
    assert not made & {"index.html", "persons.html", "chronology.html", "search.html"}
    assert f"{FAR}.html" not in made
    assert "edition-tei.zip" in made  # it holds the edited document
    # Each page made again comes with its citation files (corpus.CITATION_SUFFIXES).
    pages = {name.removesuffix(".html") for name in made if name.endswith(".html")}
    citations = {stem + suffix for stem in pages for suffix in CITATION_SUFFIXES}
    assert len(pages) == 3 and citations <= made
    assert len(made - citations - search) == 4, made
    # Deleting the keys makes everything again, with the same bytes.
    incremental = digest(site)
    shutil.rmtree(project / "build" / ".cache" / "site")
    again = build_site(project)
    assert all(inode(again / name) != after[name] for name in after)
    assert digest(again) == incremental
