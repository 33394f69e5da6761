"""cables as others install it: a wheel built from the repository, installed into a fresh
virtual environment outside the checkout, starts, checks, builds, deposits and serves an
edition with nothing but its package data."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import bagit
import pytest
from pypdf import PdfReader

from cables.versions import generator
from conftest import REPOSITORY, init_project, replace_in, run_cables

pytestmark = pytest.mark.slow

#: What building the wheel needs of the repository (pyproject.toml names the rest).
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "src", "xslt", "schema")
EPOCH = "1764201600"  # 2025-11-27


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 900):
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    return result


def outside_environment(venv: Path) -> dict[str, str]:
    """The environment of a user who installed cables into `venv`: none of this test
    run's own virtual environment or import paths."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH")
    }
    path = [entry for entry in env.get("PATH", "").split(os.pathsep) if entry]
    path = [entry for entry in path if not Path(entry).resolve().is_relative_to(REPOSITORY)]
    env["PATH"] = os.pathsep.join([str(venv / "bin"), *path])
    env["SOURCE_DATE_EPOCH"] = EPOCH
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_home_page(cables: Path, project: Path, env: dict[str, str], log: Path) -> str:
    """Start `cables serve`, fetch the home page once the first build is served, stop."""
    port = free_port()
    with (log / "serve.out").open("w") as out, (log / "serve.err").open("w") as err:
        server = subprocess.Popen(
            [str(cables), "serve", "--port", str(port)],
            cwd=project,
            env=env,
            stdout=out,
            stderr=err,
        )
        try:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                assert server.poll() is None, (log / "serve.err").read_text()
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
                        if page.status == 200:
                            return page.read().decode("utf-8")
                except (urllib.error.URLError, ConnectionError):
                    pass  # not listening yet, or the first build is not in place
                time.sleep(0.3)
            raise AssertionError(
                "cables serve served no home page:\n" + (log / "serve.err").read_text()
            )
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.mark.slow
def test_the_wheel_alone_starts_checks_builds_deposits_and_serves_an_edition(
    tmp_path: Path,
) -> None:
    # The sources are copied first: setuptools writes build/ and *.egg-info where it
    # builds, and build/ is the edition's output folder.
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        if (REPOSITORY / name).is_dir():
            shutil.copytree(
                REPOSITORY / name,
                source / name,
                ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"),
            )
        else:
            shutil.copyfile(REPOSITORY / name, source / name)
    dist = tmp_path / "dist"
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    pip = [sys.executable, "-m", "pip"]
    run([*pip, "wheel", "--quiet", "--no-deps", str(source), "-w", str(dist)], tmp_path, env)
    (wheel,) = dist.glob("cables-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for packaged in (
        "cables/xslt/catalog.xml",
        "cables/xslt/html/site.xsl",
        "cables/xslt/html/assets/edition.css",
        "cables/xslt/html/assets/search.js",
        "cables/xslt/print/book.xsl",
        "cables/xslt/print/print.css",
        "cables/xslt/deposit/deposit.xsl",
        "cables/schema/cables.odd",
        "cables/schema/cables.xsd",
        "cables/schema/cables.sch",
        "cables/templates/document.xml",
        "cables/templates/project/edition.toml",
        "cables/templates/project/gitignore",
    ):
        assert packaged in names, packaged
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)

    # A clean virtual environment (no system site-packages), its dependencies from the
    # package index at the versions the project measured.
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    user = outside_environment(venv)
    python = venv / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--quiet", "-c"]
    run([*install, str(REPOSITORY / "constraints.txt"), str(wheel)], tmp_path, user)
    where = run([str(python), "-c", "import cables; print(cables.__file__)"], tmp_path, user)
    assert Path(where.stdout.strip()).is_relative_to(venv)

    cables = venv / "bin" / "cables"
    work = tmp_path / "work"
    work.mkdir()
    assert run([str(cables), "--version"], work, user).stdout.strip() == generator()
    run([str(cables), "init", "ed"], work, user)
    project = work / "ed"
    assert not (project / "xslt").exists() and not (project / "schema").exists()
    installation = str(venv)
    for path in project.rglob("*"):
        if path.is_file():
            assert installation not in path.read_text(encoding="utf-8"), path
    run([str(cables), "check"], project, user)
    run([str(cables), "build"], project, user)
    run([str(cables), "deposit"], project, user)
    site = project / "build" / "site"
    for made in ("index.html", "assets/edition.css", "assets/search.js"):
        assert (site / made).is_file(), made
    assert (project / "build" / "pdf" / "edition.pdf").is_file()
    assert (project / "build" / "deposit" / "bag" / "bagit.txt").is_file()
    assert "schema/cables.xsd" in (project / "build/deposit/bag/manifest-sha256.txt").read_text()
    # Every output names what made it, with the versions of the installed wheel.
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="generator" content="{generator()}">' in index
    mets = (project / "build" / "deposit" / "mets.xml").read_text(encoding="utf-8")
    assert f"<mets:name>{generator()}</mets:name>" in mets
    bag_info = (project / "build" / "deposit" / "bag" / "bag-info.txt").read_text("utf-8")
    assert f"Bag-Software-Agent: {generator(('bagit.py', bagit.VERSION))}" in bag_info
    assert PdfReader(project / "build" / "pdf" / "edition.pdf").metadata.creator == generator()

    served = fetch_home_page(cables, project, user, tmp_path)
    assert "<title>" in served and "Ed" in served


# ------------------------------------------------------------ what made an output


def test_version_names_cables_and_the_libraries_that_shape_the_outputs(tmp_path: Path) -> None:
    from importlib import metadata

    from cables import __version__

    result = run_cables("--version", cwd=tmp_path)
    assert result.returncode == 0
    libraries = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("saxonche", "WeasyPrint", "lxml")
    )
    assert result.stdout.strip() == f"cables {__version__} ({libraries})" == generator()


def test_the_bag_names_the_versions(tmp_path: Path) -> None:
    from cables.bag import bag_info
    from cables.config import load_edition

    edition = load_edition(init_project(tmp_path / "ed", example=False))
    agent = bag_info(edition, "2025-11-27", 1)["Bag-Software-Agent"]
    assert agent == generator(("bagit.py", bagit.VERSION))


def test_the_sandbox_and_the_preview_reach_the_packaged_files(tmp_path: Path) -> None:
    from cables import data
    from cables.config import load_edition
    from cables.sandbox import edition_paths
    from cables.serve import watched_files

    project = init_project(tmp_path / "ed", example=False)
    (project / "custom.css").write_text("p {}\n", encoding="utf-8")
    replace_in(project / "edition.toml", "css = []", 'css = ["custom.css"]')
    edition = load_edition(project)
    read, _ = edition_paths(edition)
    for folder in (data.packaged_xslt(), data.packaged_schema(), REPOSITORY / "src" / "cables"):
        assert folder in read, folder
    assert project / "custom.css" in set(watched_files(edition))
