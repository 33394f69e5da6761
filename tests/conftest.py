"""Shared fixtures: a throw-away copy of a small edition, and helpers to break it.

Also the two markers of pyproject.toml, enforced here: a test that starts a process (the
`cables` command, a browser, vnu, Jing, a package build) must be marked `slow`, so that
`pytest -m "not slow"` stays fast; and `@pytest.mark.shared("external/tei/x.xml")` skips
a test, naming the missing path, where ../shared (beside the checkout) is not there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPOSITORY.parent / "shared"
TEI_ALL_RNG = SHARED / "external" / "schemas" / "tei_all.rng"
FIXTURE_DOCUMENT = "tei/documents/1962-02-14-attitude-report.xml"
# The browser of the tests: Debian's chromium, on this closed network with no sandbox (as
# root) and none of the background connections (updates, sync, QUIC) it would refuse.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: What Python itself may run to find a shared library (ctypes.util.find_library, when
#: WeasyPrint is first imported): not a test starting a process.
_LIBRARY_LOOKUPS = frozenset({"ldconfig", "gcc", "cc", "ld", "objdump"})


class _FastTestStartedAProcess(subprocess.Popen):
    """Stands in for `subprocess.Popen` while a test not marked `slow` runs."""

    def __init__(self, args, *rest, **options) -> None:
        command = [args] if isinstance(args, str | os.PathLike) else list(args)
        if Path(str(command[0]).split()[0]).name in _LIBRARY_LOOKUPS:
            super().__init__(args, *rest, **options)
            return
        shown = " ".join(map(str, command))
        pytest.fail(
            f"this test starts a process ({shown[:120]}) but is not marked slow: mark it "
            "@pytest.mark.slow (an end-to-end test) or test the code in process",
            pytrace=False,
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    """Skip a test marked `shared(path, ...)` when a path it needs in ../shared is missing;
    let a test's fixtures start processes only when it is marked `slow`."""
    for marker in item.iter_markers("shared"):
        missing = [name for name in marker.args if not (SHARED / name).exists()]
        if missing:
            pytest.skip(
                f"needs ../shared/{missing[0]}, which is missing: the shared test material "
                f"is expected at {SHARED}"
            )
    with _processes_guarded(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with _processes_guarded(item):
        return (yield)


@contextlib.contextmanager
def _processes_guarded(item: pytest.Item) -> Iterator[None]:
    if item.get_closest_marker("slow") is not None:
        yield
        return
    original = subprocess.Popen
    subprocess.Popen = _FastTestStartedAProcess
    try:
        yield
    finally:
        subprocess.Popen = original


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


def copy_edition(target: Path) -> Path:
    """A copy of the repository's edition (config, corpus, schema, stylesheets), to build."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in ("tei", "schema", "xslt"):
        shutil.copytree(REPOSITORY / folder, target / folder)
    shutil.copyfile(REPOSITORY / "edition.toml", target / "edition.toml")
    return target


def run_cables(
    *arguments: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 600
) -> subprocess.CompletedProcess:
    """Run the `cables` command as a user would; a traceback is always a failure."""
    result = subprocess.run(
        [sys.executable, "-m", "cables", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def build_html(project: Path, **env: str) -> Path:
    """Build the web edition of `project` and return the site folder."""
    result = run_cables("build", "html", cwd=project, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "build" / "site"


def digest(folder: Path) -> dict[str, str]:
    """Every file below `folder` with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def init_project(target: Path, example: bool = True) -> Path:
    """A new edition project in `target`, made by `cables init` as an editor would; with
    the example document and register entries unless `example` is false."""
    target.parent.mkdir(parents=True, exist_ok=True)
    options = ["--example"] if example else []
    result = run_cables("init", str(target), *options, cwd=target.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    return target


#: The build date of the session's site (edition_site), so that the pages' dates are known.
EDITION_SITE_EPOCH = "1767225600"


@pytest.fixture(scope="session")
def edition_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's edition built once per session with `cables build html` (a fixed
    build date), for the tests that only read its pages; a test that changes a file of the
    site or of its project builds its own."""
    project = copy_edition(tmp_path_factory.mktemp("edition-site") / "edition")
    return build_html(project, SOURCE_DATE_EPOCH=EDITION_SITE_EPOCH)


@pytest.fixture(scope="session")
def chromium() -> Iterator:
    """Headless Chromium (Debian's, through Playwright), one per session, for the tests
    that look at pages in a browser; each test opens its own context, with or without
    JavaScript."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: run `make test`, which installs the test extras")
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: run `make test` (Debian chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
