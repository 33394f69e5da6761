"""Shared fixtures: a throw-away copy of a small edition, and helpers to break it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPOSITORY.parent / "shared"
TEI_ALL_RNG = SHARED / "external" / "schemas" / "tei_all.rng"
FIXTURE_DOCUMENT = "tei/documents/1962-02-14-attitude-report.xml"


@pytest.fixture
def edition_project(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/edition with the repository's schema, free to modify."""
    project = tmp_path / "edition"
    shutil.copytree(FIXTURES / "edition", project)
    shutil.copytree(REPOSITORY / "schema", project / "schema")
    return project


def replace_in(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace `old` by `new` in a file and return the 1-based line where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1
