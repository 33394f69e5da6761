"""The site state is keyed on the code that shapes it: editing a module retires exactly
the cached values it shaped, with no format number bumped by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import cables
from cables import cache, site
from cables.build import build
from cables.config import load_edition
from conftest import REPOSITORY

PACKAGE = Path(cables.__file__).parent


@pytest.fixture
def project(edition_project: Path, tmp_path: Path, monkeypatch) -> Path:
    """The test edition with the repository's stylesheets; the fingerprints read a copy
    of the cables package that the test may edit."""
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    copy = tmp_path / "package"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", copy)
    return edition_project


@pytest.fixture
def made_records(monkeypatch) -> list[str]:
    """The texts whose records (or facts) a build makes rather than reuses."""
    made: list[str] = []
    original = site.make_records

    def counting(stylesheets, manifest, texts, template):
        made.extend(path for path, _, _ in texts)
        return original(stylesheets, manifest, texts, template)

    monkeypatch.setattr(site, "make_records", counting)
    return made


def inodes(project: Path) -> dict[str, int]:
    site_dir = project / "build" / "site"
    return {p.name: p.stat().st_ino for p in site_dir.iterdir() if p.is_file()}


def edit(module: str) -> None:
    path = cache.PACKAGE / f"{module}.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def rebuild(project: Path, made_records: list[str]) -> tuple[set[str], int]:
    """Build again: the outputs made afresh (not linked) and how many records were made."""
    before = inodes(project)
    made_records.clear()
    build(load_edition(project), ("html",))
    after = inodes(project)
    return {name for name in after if after[name] != before.get(name)}, len(made_records)


def test_unchanged_code_reuses_everything(project: Path, made_records: list[str]):
    build(load_edition(project), ("html",))
    assert made_records, "a first build makes the records"
    edit("serve")  # shapes nothing the site state keeps
    made, records = rebuild(project, made_records)
    assert made == set()
    assert records == 0


def test_editing_the_page_code_remakes_the_pages_but_not_the_records(
    project: Path, made_records: list[str]
):
    build(load_edition(project), ("html",))
    edit("pages")
    made, records = rebuild(project, made_records)
    assert "index.html" in made
    assert made == set(inodes(project)), "every page was made again"
    assert records == 0, "the records do not depend on pages.py"


def test_editing_the_record_code_refuses_the_stale_records(project: Path, made_records: list[str]):
    build(load_edition(project), ("html",))
    texts = len(made_records)
    edit("records")
    made, records = rebuild(project, made_records)
    assert records == texts
    assert "index.html" in made


def test_editing_a_stylesheet_that_records_import_refuses_them(
    project: Path, made_records: list[str]
):
    build(load_edition(project), ("html",))
    texts = len(made_records)
    stylesheet = project / "xslt" / "html" / "record-parts.xsl"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "<!-- edited -->\n")
    _, records = rebuild(project, made_records)
    assert records == texts
