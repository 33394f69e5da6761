"""The Landlock sandbox of check, build and deposit: what an edition's own stylesheets can
read and write (sandbox.py), and what an editor is told when it refuses."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cables import sandbox
from conftest import REPOSITORY, replace_in, run_cables

landlock = pytest.mark.skipif(sandbox.abi_version() < 1, reason="this kernel offers no Landlock")

HOSTNAME = Path("/etc/hostname")
SITEMAP = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
SITEMAP_DOCUMENT = '<xsl:result-document href="sitemap.xml" format="xml">'


def customised(project: Path, *, read: str | None = None, write: Path | None = None) -> Path:
    """Give `project` its own stylesheets, whose sitemap template reads the file `read`
    (into a comment of sitemap.xml) or writes a page to `write`; return the edited file."""
    shutil.copytree(REPOSITORY / "xslt", project / "xslt")
    stylesheet = project / "xslt" / "html" / "site.xsl"
    # The sitemap, whose template these edit, is made only for an edition with an address.
    replace_in(project / "edition.toml", 'base_url = ""', 'base_url = "https://example.org/ed/"')
    if read is not None:
        replace_in(
            stylesheet, SITEMAP, SITEMAP + f"<xsl:comment select=\"unparsed-text('{read}')\"/>"
        )
    if write is not None:
        replace_in(
            stylesheet,
            SITEMAP_DOCUMENT,
            f'<xsl:result-document href="{write.as_uri()}" method="text">written'
            "</xsl:result-document>" + SITEMAP_DOCUMENT,
        )
    return stylesheet


def configure(project: Path, lines: str) -> None:
    with (project / "edition.toml").open("a", encoding="utf-8") as config:
        config.write(f"\n[build]\n{lines}\n")


def contents(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


@pytest.fixture
def hostname() -> str:
    text = HOSTNAME.read_text(encoding="utf-8").strip() if HOSTNAME.is_file() else ""
    if not text:
        pytest.skip("this machine has no /etc/hostname to read")
    return text


@pytest.mark.slow
@landlock
def test_a_stylesheet_cannot_read_a_file_outside_the_project(
    edition_project: Path, hostname: str
) -> None:
    customised(edition_project, read=str(HOSTNAME))
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "xslt/html/site.xsl:" in result.stderr
    assert "the sandbox refused to let the stylesheet read /etc/hostname" in result.stderr
    assert "[build] allow_read" in result.stderr
    assert hostname.encode() not in contents(edition_project / "build")
    assert not (edition_project / "build" / "site").exists()


@pytest.mark.slow
@landlock
@pytest.mark.parametrize("folder_exists", [True, False])
def test_a_stylesheet_cannot_write_outside_the_build_folder(
    edition_project: Path, tmp_path: Path, folder_exists: bool
) -> None:
    outside = tmp_path / "outside"
    if folder_exists:
        outside.mkdir()
    target = outside / "x.html"
    customised(edition_project, write=target)
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "xslt/html/site.xsl:" in result.stderr
    assert f"the sandbox refused to let the stylesheet write {target}" in result.stderr
    assert "[build] allow_write" in result.stderr
    assert not target.exists()


@pytest.mark.slow
@landlock
def test_a_stylesheet_cannot_write_into_the_sources(edition_project: Path) -> None:
    customised(edition_project, write=edition_project / "tei" / "x.html")
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "the sandbox refused to let the stylesheet write" in result.stderr
    assert not (edition_project / "tei" / "x.html").exists()


@pytest.mark.slow
@landlock
def test_allow_read_and_allow_write_open_the_paths_they_name(
    edition_project: Path, tmp_path: Path, hostname: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "x.html"
    customised(edition_project, read=str(HOSTNAME), write=target)
    # One absolute path, one relative to the project.
    configure(edition_project, 'allow_read = ["/etc/hostname"]\nallow_write = ["../outside"]')
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_text(encoding="utf-8") == "written"
    sitemap = (edition_project / "build" / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert hostname in sitemap


@pytest.mark.slow
def test_sandbox_false_turns_it_off(edition_project: Path, tmp_path: Path, hostname: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "x.html"
    customised(edition_project, read=str(HOSTNAME), write=target)
    configure(edition_project, "sandbox = false")
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_text(encoding="utf-8") == "written"
    assert "sandbox" not in result.stderr


@pytest.mark.slow
@landlock
def test_the_sandbox_leaves_no_temporary_folder(edition_project: Path) -> None:
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list((edition_project / "build").glob(".staging-*"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ('sandbox = "no"', "[build] sandbox must be true or false"),
        ('allow_read = "/etc"', "[build] allow_read must be a list of paths, not text"),
        ("allow_write = [3]", "[build] allow_write[0] must be text (a path), not a number"),
        ('allow_read = [""]', "[build] allow_read[0] is empty"),
        ('allow_write = ["/tmp/\\u0007"]', "[build] allow_write[0] holds the control character"),
    ],
)
def test_bad_sandbox_options_are_named(edition_project: Path, lines: str, expected: str) -> None:
    configure(edition_project, lines)
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert expected in result.stderr


def test_without_landlock_one_warning_and_the_work_goes_on(
    edition_project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from cables.config import load_edition

    monkeypatch.setattr(sandbox, "abi_version", lambda: 0)
    edition = load_edition(edition_project)
    with caplog.at_level(logging.WARNING, logger="cables"):
        assert sandbox.sandbox_edition(edition) is None
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1
    assert "without a sandbox" in warnings[0] and "Landlock" in warnings[0]
    assert sandbox.restrict([edition_project], [edition_project]) is False
    # No temporary folder is left behind for a sandbox that is not there.
    assert not list(edition.build_dir.glob(".staging-*"))


def test_only_the_rights_of_the_kernels_abi_are_handled() -> None:
    assert sandbox.fs_rights(1) == 0x1FFF
    assert sandbox.fs_rights(2) == 0x3FFF
    assert sandbox.fs_rights(3) == sandbox.fs_rights(4) == 0x7FFF
    assert sandbox.fs_rights(5) == sandbox.fs_rights(7) == 0xFFFF


@pytest.mark.slow
@landlock
def test_restrict_limits_reading_and_writing(tmp_path: Path) -> None:
    readable, writable, elsewhere = (tmp_path / name for name in ("r", "w", "e"))
    for folder in (readable, writable, elsewhere):
        folder.mkdir()
        (folder / "f").write_text("x")
    program = f"""
import sys
from pathlib import Path
from cables.sandbox import restrict
assert restrict([Path({str(readable)!r}), *map(Path, sys.path[1:]), Path(sys.base_prefix)],
                [Path({str(writable)!r}), Path({str(tmp_path / "missing")!r})])
def refused(action):
    try:
        action()
    except PermissionError:
        return True
    return False
assert not refused(lambda: Path({str(readable / "f")!r}).read_text())
assert refused(lambda: Path({str(readable / "g")!r}).write_text('y'))
assert not refused(lambda: Path({str(writable / "g")!r}).write_text('y'))
assert refused(lambda: Path({str(elsewhere / "f")!r}).read_text())
assert refused(lambda: Path({str(elsewhere / "g")!r}).write_text('y'))
print("ok")
"""
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "ok", result.stderr
    assert not (elsewhere / "g").exists() and not (readable / "g").exists()


def test_landlock_abi_1_is_not_used(
    edition_project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # ABI 1 forbids moving a file into another folder, which deposit (bagit) does: run
    # with ABI 1's rights on a newer kernel, deposit failed with "Invalid cross-device link".
    from cables.config import load_edition

    def never(read, write):  # noqa: ARG001 - it would sandbox the test process itself
        raise AssertionError("restrict() called on ABI 1")

    monkeypatch.setattr(sandbox, "abi_version", lambda: 1)
    monkeypatch.setattr(sandbox, "restrict", never)
    with caplog.at_level(logging.WARNING, logger="cables"):
        assert sandbox.sandbox_edition(load_edition(edition_project)) is None
    assert ["ABI 1" in record.getMessage() for record in caplog.records] == [True]


@pytest.mark.slow
@landlock
def test_worker_pools_start_under_the_sandbox(tmp_path: Path) -> None:
    """From 300 files on, check runs in a pool of worker processes, whose semaphores live
    in /dev/shm: the sandbox refused them, and a 300-letter corpus could not be checked."""
    from cables.check import PARALLEL_THRESHOLD
    from conftest import init_project

    project = init_project(tmp_path / "many")
    replace_in(project / "edition.toml", 'validation = "strict"', 'validation = "lenient"')
    letter = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>L{n}'
        "</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>"
        '</sourceDesc></fileDesc></teiHeader><text><body><p xml:id="p1">Letter {n}.</p>'
        "</body></text></TEI>"
    )
    for n in range(PARALLEL_THRESHOLD):
        path = project / "tei" / "documents" / f"l{n:03}.xml"
        path.write_text(letter.format(n=n), encoding="utf-8")
    result = run_cables("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "internal error" not in result.stderr
