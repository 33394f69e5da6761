"""Parallel work gives the same bytes as serial work: document pages and file checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cables import check as check_module
from cables import pages as pages_module
from cables import site as site_module
from cables.check import check
from cables.config import load_edition
from cables.transform import Stylesheets
from conftest import copy_edition, digest

pytestmark = pytest.mark.slow


def build_site_with(project: Path, threshold: int, monkeypatch, out: Path) -> dict[str, str]:
    monkeypatch.setattr(site_module, "PARALLEL_THRESHOLD", threshold)
    monkeypatch.setattr(pages_module, "PAGE_BATCH", 2)  # several batches, in both workers
    edition = load_edition(project)
    out.mkdir()
    site_module.build_site(edition, Stylesheets(edition.xslt_dir), out, "2026-01-01")
    return digest(out)


def test_document_pages_written_by_workers_equal_a_serial_build(
    tmp_path: Path, monkeypatch
) -> None:
    project = copy_edition(tmp_path / "edition")
    serial = build_site_with(project, 10**9, monkeypatch, tmp_path / "serial")
    parallel = build_site_with(project, 1, monkeypatch, tmp_path / "parallel")
    assert serial == parallel
    assert any(name.startswith("1963-05-09") for name in parallel)


def test_file_checks_in_workers_equal_serial_checks(tmp_path: Path, monkeypatch) -> None:
    project = copy_edition(tmp_path / "edition")
    document = project / "tei" / "documents" / "1963-05-09-cc-notification.xml"
    text = document.read_text(encoding="utf-8").replace("#per-peng-zhen", "#per-peng-zen")
    document.write_text(text, encoding="utf-8")
    results = []
    for threshold in (1, 10**9):
        monkeypatch.setattr(check_module, "PARALLEL_THRESHOLD", threshold)
        shutil.rmtree(project / "build", ignore_errors=True)  # no cache: really compute
        results.append(check(load_edition(project)).diagnostics)
    assert results[0] == results[1]
    assert "pointer-unresolved" in {d.rule for d in results[0]}
