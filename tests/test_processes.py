"""Processes: one writer at a time, staging folders removed only when their owner is gone,
and no scratch copy left in the system's temporary folder."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cables.outputs import STAGING_PREFIX
from conftest import REPOSITORY, build_html, run_cables

pytestmark = pytest.mark.slow


def _files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def _start(project: Path, *arguments: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cables", *arguments],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_two_builds_started_at_once_leave_one_complete_site(
    edition_project: Path, tmp_path: Path
) -> None:
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    reference = _files(build_html(edition_project))
    shutil.rmtree(edition_project / "build")
    first = _start(edition_project, "build", "html")
    second = _start(edition_project, "build", "html")
    results = [(process.wait(timeout=300), *process.communicate()) for process in (first, second)]
    for _, _, stderr in results:
        assert "Traceback" not in stderr
    assert sorted(status for status, _, _ in results) == [0, 2], results
    refused = next(stderr for status, _, stderr in results if status == 2)
    winner = first if results[0][0] == 0 else second
    assert f"another cables command is writing build/ (pid {winner.pid})" in refused
    assert _files(edition_project / "build" / "site") == reference
    assert not list((edition_project / "build").glob(f"{STAGING_PREFIX}*"))


def test_a_staging_folder_is_removed_only_when_its_owner_is_gone(edition_project: Path) -> None:
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    build = edition_project / "build"
    build.mkdir()
    owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
    try:
        live = build / f"{STAGING_PREFIX}site-{owner.pid}-abcd1234"
        dead = build / f"{STAGING_PREFIX}site-{_dead_pid()}-efgh5678"
        for folder in (live, dead):
            (folder / "half").mkdir(parents=True)
        build_html(edition_project)
        assert (live / "half").is_dir(), "the folder of a running process was removed"
        assert not dead.exists(), "the folder of a finished process was kept"
    finally:
        owner.kill()
        owner.wait()
    build_html(edition_project)
    assert not list(build.glob(f"{STAGING_PREFIX}*"))


def test_a_killed_deposit_leaves_no_scratch_in_the_temporary_folder(
    edition_project: Path, tmp_path: Path
) -> None:
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    build = edition_project / "build"
    environment = {"TMPDIR": str(temporary)}
    process = _start(edition_project, "deposit", env=environment)
    deadline = time.monotonic() + 120
    try:
        # Kill it as soon as it has a scratch folder, wherever that is.
        while time.monotonic() < deadline and process.poll() is None:
            scratch = [p for p in temporary.iterdir() if p.is_dir()]
            if scratch or list(build.glob(f"{STAGING_PREFIX}scratch-*")):
                break
            time.sleep(0.02)
        assert process.poll() is None, "the deposit ended before it made a scratch folder"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.communicate()
    assert [p.name for p in temporary.iterdir() if p.is_dir()] == []
    result = run_cables("deposit", cwd=edition_project, env=environment)
    assert result.returncode == 0, result.stderr
    assert not list(build.glob(f"{STAGING_PREFIX}*"))
    assert [p.name for p in temporary.iterdir() if p.is_dir()] == []


def test_a_new_document_with_an_old_file_time_is_deposited_with_its_outputs(
    edition_project: Path,
) -> None:
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    result = run_cables("build", cwd=edition_project)
    assert result.returncode == 0, result.stderr
    made = run_cables(
        "new", "--date", "1962-03-01", "--title", "Cable on the visit", cwd=edition_project
    )
    assert made.returncode == 0, made.stderr
    new = edition_project / "tei" / "documents" / "1962-03-01-cable-on-the-visit.xml"
    os.utime(new, (1_000_000_000, 1_000_000_000))  # 2001: older than every output
    result = run_cables("deposit", cwd=edition_project)
    assert result.returncode == 0, result.stderr
    data = edition_project / "build" / "deposit" / "bag" / "data"
    assert (data / "pdf" / f"doc-{new.stem}.pdf").is_file()
    assert (data / f"{new.stem}.html").is_file()  # the bag's data/ is the site


#: How soon Ctrl-C or SIGTERM must stop a command, whatever it is doing.
STOP_SECONDS = 2.0


@pytest.fixture(scope="module")
def long_document_project(tmp_path_factory) -> Path:
    """The nine documents, one with 10,000 paragraphs: its page takes one stylesheet run
    of several seconds, in Saxon's native code."""
    sys.path.insert(0, str(REPOSITORY / "benchmarks"))
    from corpus import make_large_document

    return make_large_document(10_000, tmp_path_factory.mktemp("long") / "edition")


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_a_long_stylesheet_run_at_once(long_document_project: Path, number):
    project = long_document_project
    build = project / "build"
    previous = build / "site" / "previous.txt"
    previous.parent.mkdir(parents=True, exist_ok=True)
    previous.write_text("the previous site")
    process = _start(project, "build", "html")
    deadline = time.monotonic() + 120
    while not list(build.glob(STAGING_PREFIX + "site-*")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.05)
    time.sleep(1.0)  # well inside the run of the pages' stylesheet
    assert process.poll() is None, "the build ended before it could be stopped"

    sent = time.monotonic()
    process.send_signal(number)
    _, stderr = process.communicate(timeout=60)
    stopped = time.monotonic() - sent

    assert stopped < STOP_SECONDS, f"stopped {stopped:.1f} s after the signal"
    assert process.returncode == 130, stderr
    assert "cables: interrupted" in stderr and "Traceback" not in stderr
    assert previous.read_text() == "the previous site"
    assert not list(build.glob(STAGING_PREFIX + "*")), "a staging or scratch folder is left"


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_preview_during_a_rebuild(
    long_document_project: Path, tmp_path: Path, number
):
    build = long_document_project / "build"
    shutil.rmtree(build, ignore_errors=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "cables", "serve", "--port", str(port)],
            cwd=long_document_project,
            stdout=output,
            stderr=output,
        )
        deadline = time.monotonic() + 120
        while not list(build.glob(STAGING_PREFIX + "site-*")):
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the first build never started writing"
            time.sleep(0.05)
        time.sleep(1.0)  # inside the run of the pages' stylesheet
        assert process.poll() is None, log.read_text()

        sent = time.monotonic()
        process.send_signal(number)
        process.wait(timeout=60)
        stopped = time.monotonic() - sent

    assert stopped < STOP_SECONDS, f"stopped {stopped:.1f} s after the signal"
    assert process.returncode == 0, log.read_text()
    assert "Traceback" not in log.read_text()
    assert not list(build.glob(STAGING_PREFIX + "*")), "a staging or scratch folder is left"
