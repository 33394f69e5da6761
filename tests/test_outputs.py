"""Atomic outputs: a failed, interrupted or killed build never leaves a half-written build/."""

from __future__ import annotations

import errno
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cables.errors import CablesError
from cables.outputs import STAGING_PREFIX, atomic_output
from conftest import FIXTURE_DOCUMENT, REPOSITORY, build_html, digest, replace_in


def test_complete_output_replaces_the_previous_one(tmp_path: Path) -> None:
    with atomic_output(tmp_path, "site") as staging:
        (staging / "page.html").write_text("first")
    with atomic_output(tmp_path, "site") as staging:
        (staging / "page.html").write_text("second")
    assert (tmp_path / "site" / "page.html").read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", "site"]


def test_failure_keeps_the_previous_output_and_leaves_no_debris(tmp_path: Path) -> None:
    with atomic_output(tmp_path, "site") as staging:
        (staging / "page.html").write_text("good")
    with pytest.raises(RuntimeError), atomic_output(tmp_path, "site") as staging:
        (staging / "page.html").write_text("half")
        raise RuntimeError("stylesheet crashed")
    assert (tmp_path / "site" / "page.html").read_text() == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", "site"]


def test_full_disk_is_a_clear_error_and_keeps_the_previous_output(tmp_path: Path) -> None:
    with atomic_output(tmp_path, "site") as staging:
        (staging / "page.html").write_text("good")
    with pytest.raises(CablesError) as raised, atomic_output(tmp_path, "site") as staging:
        (staging / "page.html").write_text("half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert "No space left on device" in raised.value.message
    assert "previous output was kept" in raised.value.hint
    assert (tmp_path / "site" / "page.html").read_text() == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", "site"]


def test_staging_left_by_a_killed_build_is_removed_by_the_next(tmp_path: Path) -> None:
    stale = tmp_path / f"{STAGING_PREFIX}site-killed"
    (stale / "half").mkdir(parents=True)
    with atomic_output(tmp_path, "site") as staging:
        (staging / "page.html").write_text("new")
    assert not stale.exists()


@pytest.fixture
def built_project(edition_project: Path) -> Path:
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    build_html(edition_project)
    return edition_project


def build_and_signal(project: Path, sig: int, delay: float) -> subprocess.CompletedProcess:
    process = subprocess.Popen(
        [sys.executable, "-m", "cables", "build", "html"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
@pytest.mark.parametrize("delay", [0.3, 0.8, 1.3, 2.0])
def test_interrupted_build_leaves_a_complete_site(
    built_project: Path, sig: int, delay: float
) -> None:
    site = built_project / "build" / "site"
    before = digest(site)
    # Change the corpus so that a completed build is told apart from the old one.
    replace_in(
        built_project / FIXTURE_DOCUMENT,
        'Summary report on an attitude</title>\n        <title type="short">',
        'Summary report on an attitude (revised)</title>\n        <title type="short">',
    )
    result = build_and_signal(built_project, sig, delay)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 130, -sig)
    after = digest(site)
    assert not list((built_project / "build").glob(f"{STAGING_PREFIX}*"))
    # Whenever the signal came, the site is one whole build: the old one, or the new one
    # (the signal may arrive after the swap, while the old copy is being removed).
    build_html(built_project)
    assert after in (before, digest(site))
    if result.returncode == 0:
        assert after != before


@pytest.mark.slow
def test_killed_build_debris_is_cleaned_by_the_next_build(built_project: Path) -> None:
    site = built_project / "build" / "site"
    before = digest(site)
    result = build_and_signal(built_project, signal.SIGKILL, 1.0)
    assert result.returncode in (0, -signal.SIGKILL)
    assert digest(site) == before or result.returncode == 0
    build_html(built_project)
    assert not list((built_project / "build").glob(f"{STAGING_PREFIX}*"))
    assert digest(site) == before
