"""The provenance of the deposit (provenance.py): its date and the stylesheets' version."""

from __future__ import annotations

from pathlib import Path

import pytest

from cables.config import load_edition
from cables.provenance import event_date, stylesheets_digest
from conftest import copy_edition


def test_the_date_is_source_date_epoch_else_the_edition_date(
    monkeypatch: pytest.MonkeyPatch, edition_project: Path
) -> None:
    edition = load_edition(edition_project)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert event_date(edition) == (edition.date, "edition.toml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764201601")
    assert event_date(edition) == ("2025-11-27T00:00:01Z", "SOURCE_DATE_EPOCH")


def test_the_stylesheets_version_follows_their_bytes(tmp_path: Path) -> None:
    project = copy_edition(tmp_path / "edition")
    edition = load_edition(project)
    before = stylesheets_digest(edition)
    assert before == stylesheets_digest(edition)
    stylesheet = project / "xslt" / "deposit" / "cmif.xsl"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert stylesheets_digest(edition) != before
