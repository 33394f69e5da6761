"""Bad, hostile and broken input: each gets a clear message and the documented exit status.

One test per row of the README's table of errors (the rows on edition.toml in one test;
test_config.py checks each value in detail).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest

from conftest import (
    FIXTURE_DOCUMENT,
    REPOSITORY,
    TEI_ALL_RNG,
    copy_edition,
    digest,
    replace_in,
    run_cables,
)

DOCUMENTS = "tei/documents"


def add_file(project: Path, name: str, content: bytes) -> Path:
    path = project / DOCUMENTS / name
    path.write_bytes(content)
    return path


def finding(result: subprocess.CompletedProcess, path: str) -> str:
    lines = [line for line in result.stdout.splitlines() if line.startswith(path + ":")]
    assert lines, result.stdout + result.stderr
    return lines[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, content, expected",
    [
        (
            "1963-01-01-latin1.xml",
            b'<?xml version="1.0" encoding="UTF-8"?><TEI>caf\xe9</TEI>',
            "save the file as UTF-8",
        ),
        (
            "1963-01-02-utf16-bom.xml",
            b"\xff\xfe" + b'<?xml version="1.0" encoding="UTF-8"?><TEI/>',
            "not well-formed XML",
        ),
        ("1963-01-03-empty.xml", b"", "is the file empty, or not XML at all?"),
        (
            "1963-01-04-not-xml.xml",
            b"%PDF-1.7 binary \x00\x01 junk",
            "is the file empty, or not XML at all?",
        ),
        (
            "1963-01-05-deep.xml",
            b"<TEI>" + b"<div>" * 100_000 + b"</div>" * 100_000 + b"</TEI>",
            "elements are nested more than 256 levels deep",
        ),
        (
            "1963-01-06-duplicate.xml",
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><p xml:id="a"/><p xml:id="a"/></TEI>',
            'xml:id "a" is used twice in this file [id-duplicate]',
        ),
    ],
)
def test_unreadable_content_is_a_finding(
    edition_project: Path, name: str, content: bytes, expected: str
) -> None:
    add_file(edition_project, name, content)
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    line = finding(result, f"{DOCUMENTS}/{name}")
    hint_and_line = result.stdout[result.stdout.index(line) :][:400]
    assert expected in hint_and_line
    # The other files were still checked.
    assert result.stdout.splitlines()[-1].startswith("6 files checked")


@pytest.mark.slow
def test_wrong_root_or_namespace_is_not_tei(edition_project: Path) -> None:
    add_file(edition_project, "1963-02-01-html.xml", b"<html><body/></html>")
    add_file(edition_project, "1963-02-02-p4.xml", b"<TEI.2><teiHeader/></TEI.2>")
    add_file(edition_project, "1963-02-03-nons.xml", b"<TEI><teiHeader/></TEI>")
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    assert "not a TEI file: the root element is <html> in no namespace [not-tei]" in result.stdout
    assert "not a TEI file: the root element is <TEI.2> in no namespace [not-tei]" in result.stdout
    assert "not a TEI file: the root element is <TEI> in no namespace [not-tei]" in result.stdout


@pytest.mark.slow
def test_missing_tei_header(edition_project: Path) -> None:
    path = edition_project / FIXTURE_DOCUMENT
    text = path.read_text(encoding="utf-8")
    start, end = text.index("<teiHeader>"), text.index("</teiHeader>") + len("</teiHeader>")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    expected = "error: the TEI file has no <teiHeader> as its first child [no-tei-header]"
    assert f"{FIXTURE_DOCUMENT}:4:1: {expected}" in result.stdout


@pytest.mark.slow
def test_duplicate_id_across_files(edition_project: Path) -> None:
    replace_in(
        edition_project / FIXTURE_DOCUMENT,
        '<div type="not-summarised">',
        '<div type="not-summarised" xml:id="pl-beijing">',
    )
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    assert 'xml:id "pl-beijing" is already used in tei/authority/places.xml line' in result.stdout


@pytest.mark.slow
def test_dangling_pointer_and_impossible_date(edition_project: Path) -> None:
    replace_in(edition_project / FIXTURE_DOCUMENT, "#pl-bucharest", "#pl-nowhere")
    replace_in(edition_project / FIXTURE_DOCUMENT, 'when="1962-02-22"', 'when="1963-02-30"')
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    assert "[pointer-unresolved]" in result.stdout and "[date-invalid]" in result.stdout


@pytest.mark.slow
def test_a_200_megabyte_file_is_refused_without_reading_it(edition_project: Path) -> None:
    big = edition_project / DOCUMENTS / "1963-03-01-huge.xml"
    with big.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: no disk used
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    assert "the file is 200 MB, more than the 64 MB cables reads [file-too-large]" in result.stdout


@pytest.mark.slow
def test_a_corpus_with_no_documents(edition_project: Path) -> None:
    for path in (edition_project / DOCUMENTS).glob("*.xml"):
        path.unlink()
    for command in (["check"], ["build", "html"]):
        result = run_cables(*command, cwd=edition_project)
        assert result.returncode == 2
        assert "tei/documents: error: the corpus has no documents" in result.stderr


@pytest.mark.slow
def test_an_unwritable_build_folder(edition_project: Path) -> None:
    # A file where the build folder should be cannot be written into, even by root.
    (edition_project / "build").write_text("not a folder")
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 2
    assert "cannot write to the build folder" in result.stderr
    assert (edition_project / "build").read_text() == "not a folder"


@pytest.fixture
def tiny_build(edition_project: Path):
    """`build/` as a 512 KB tmpfs: room for the copied schema, assets, sources and ZIP,
    too small for the pages as well. Needs root and mount(8)."""
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    build = edition_project / "build"
    build.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(build)],
            capture_output=True,
            timeout=30,
        )
    except OSError:
        pytest.skip("no mount command here")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield build
    finally:
        subprocess.run(["umount", str(build)], check=True, timeout=30)


@pytest.mark.slow
def test_a_full_disk_while_saxon_writes_pages_is_an_environment_error(
    edition_project: Path, tiny_build: Path
) -> None:
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 2, result.stderr
    assert "error: writing the output failed: No space left on device" in result.stderr
    assert ".html: error:" in result.stderr  # the file being written
    assert "fault in the stylesheet" not in result.stderr
    assert not list(tiny_build.glob(".staging-*"))


@pytest.mark.slow
def test_a_read_only_build_folder_is_an_environment_error(
    edition_project: Path, tiny_build: Path
) -> None:
    remounted = subprocess.run(
        ["mount", "-o", "remount,ro", str(tiny_build)], capture_output=True, timeout=30
    )
    if remounted.returncode != 0:
        pytest.skip(f"cannot remount read-only: {remounted.stderr.decode().strip()}")
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 2, result.stderr
    assert "cannot write to the build folder: Read-only file system" in result.stderr


@pytest.mark.slow
def test_a_missing_build_folder_is_created(edition_project: Path) -> None:
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 0, result.stderr
    assert (edition_project / "build" / "site" / "index.html").is_file()


@pytest.mark.shared("external/schemas/tei_all.rng")
@pytest.mark.slow
def test_missing_jing_for_the_optional_tei_all_check(edition_project: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    result = run_cables(
        "check", "--tei-all", str(TEI_ALL_RNG), cwd=edition_project, env={"PATH": str(bare)}
    )
    assert result.returncode == 2
    assert "needs Jing, which runs on Java" in result.stderr
    assert "apt-get install jing" in result.stderr


@pytest.mark.shared("external/schemas/tei_all.rng")
@pytest.mark.slow
def test_missing_java_for_jing(edition_project: Path, tmp_path: Path) -> None:
    # A jing on the PATH whose Java is gone fails to start: reported, not crashed.
    bare = tmp_path / "bin"
    bare.mkdir()
    fake = bare / "jing"
    fake.write_text("#!/bin/sh\necho 'jing: java: not found' >&2\nexit 127\n")
    fake.chmod(0o755)
    result = run_cables(
        "check",
        "--tei-all",
        str(TEI_ALL_RNG),
        cwd=edition_project,
        env={"PATH": f"{bare}:/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "Jing could not run: jing: java: not found" in result.stderr
    assert "default-jre-headless" in result.stderr


@pytest.mark.shared("external/schemas/tei_all.rng")
@pytest.mark.slow
def test_tei_all_findings_are_reported_with_location(edition_project: Path) -> None:
    replace_in(
        edition_project / FIXTURE_DOCUMENT,
        "<head>Summary</head>",
        "<head>Summary</head><p><persName><p/></persName></p>",
    )
    result = run_cables(
        "check", "--tei-all", str(TEI_ALL_RNG), FIXTURE_DOCUMENT, cwd=edition_project
    )
    assert result.returncode == 1
    assert any(
        line.startswith(FIXTURE_DOCUMENT) and line.endswith("[tei-all]")
        for line in result.stdout.splitlines()
    )


def break_stylesheet(project: Path, old: str, new: str) -> None:
    shutil.copytree(REPOSITORY / "xslt", project / "xslt")
    replace_in(project / "xslt" / "html" / "pages.xsl", old, new)


@pytest.mark.slow
def test_a_static_stylesheet_error_names_the_stylesheet_and_line(edition_project: Path) -> None:
    break_stylesheet(
        edition_project,
        '<xsl:template name="tp:home">',
        '<xsl:template name="tp:home"><xsl:value-of select="1 +"/>',
    )
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 2
    assert "xslt/html/pages.xsl:" in result.stderr
    assert "stylesheet error" in result.stderr
    assert not (edition_project / "build" / "site").exists()


@pytest.mark.slow
def test_a_dynamic_stylesheet_error_is_reported_cleanly(edition_project: Path) -> None:
    break_stylesheet(
        edition_project,
        '<xsl:template name="tp:home">',
        '<xsl:template name="tp:home"><xsl:value-of select="error((), \'deliberate failure\')"/>',
    )
    result = run_cables("build", "html", cwd=edition_project)
    assert result.returncode == 2
    assert "stylesheet error" in result.stderr and "deliberate failure" in result.stderr
    assert not list((edition_project / "build").glob(".staging-*"))


@pytest.mark.slow
def test_build_never_writes_to_sources(edition_project: Path) -> None:
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    before = {name: digest(edition_project / name) for name in ("tei", "schema", "xslt")}
    assert run_cables("build", "html", cwd=edition_project).returncode == 0
    assert {name: digest(edition_project / name) for name in ("tei", "schema", "xslt")} == before


@pytest.mark.slow
def test_hostile_links_never_reach_the_site(edition_project: Path) -> None:
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    replace_in(
        edition_project / FIXTURE_DOCUMENT,
        '<ref target="#doc-1962-02-14-attitude-report-s1">the summary</ref>',
        '<ref target="javascript:alert(1)">one</ref> <ref target="data:text/html,x">two</ref> '
        '<ref target="file:///etc/hostname">three</ref> &lt;script&gt;alert(2)&lt;/script&gt;',
    )
    checked = run_cables("check", cwd=edition_project)
    assert checked.returncode == 0
    assert checked.stdout.count("[link-unsafe-scheme]") == 3
    assert run_cables("build", "html", cwd=edition_project).returncode == 0
    page = (edition_project / "build" / "site" / "1962-02-14-attitude-report.html").read_text(
        encoding="utf-8"
    )
    assert "javascript:" not in page and "data:text" not in page and "file:///" not in page
    assert "<script>alert(2)" not in page and "&lt;script&gt;alert(2)" in page
    hostname = Path("/etc/hostname").read_text().strip()
    assert hostname not in page


@pytest.mark.slow
def test_a_pointer_the_file_system_refuses_is_a_finding(edition_project: Path) -> None:
    # Found by the fuzzer: a 300-character file name made the checker crash.
    replace_in(edition_project / FIXTURE_DOCUMENT, "../authority/persons.xml#", "a" * 300 + ".xml#")
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    assert "points to a file that does not exist [pointer-unresolved]" in result.stdout


def test_a_document_cannot_make_the_stylesheets_read_local_files(tmp_path: Path) -> None:
    # Even past cables check (build_site is called directly), XInclude is not processed,
    # and no stylesheet reads a path taken from a document.
    from cables.config import load_edition
    from cables.site import build_site
    from cables.transform import Stylesheets

    project = copy_edition(tmp_path / "edition")
    path = project / "tei" / "documents" / "1963-05-09-cc-notification.xml"
    text = path.read_text(encoding="utf-8").replace(
        '<div type="summary">',
        '<div type="summary"><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        'href="/etc/hostname" parse="text"/><ptr target="/etc/hostname"/>'
        '<ref target="../../../../../../etc/hostname#x">here</ref>',
        1,
    )
    path.write_text(text, encoding="utf-8")
    edition = load_edition(project)
    out = tmp_path / "site"
    out.mkdir()
    build_site(edition, Stylesheets(edition.xslt_dir), out, "2026-01-01")
    page = (out / "1963-05-09-cc-notification.html").read_text(encoding="utf-8")
    hostname = Path("/etc/hostname").read_text().strip()
    assert hostname and hostname not in page
    assert 'href="/etc/hostname"' not in page


@pytest.mark.slow
@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('title = "Fixture edition"', "title = 3", "[edition] title must be text, not a number"),
        (
            'title = "Fixture edition"',
            r'title = "Fixture\u001bedition"',
            "[edition] title holds the control character U+001B",
        ),
        (
            '"2026-01-01"',
            '"2026-13-45"',
            "[edition] date must be a real day written YYYY-MM-DD, not '2026-13-45'",
        ),
        (
            'licence_url = "https://creativecommons.org/licenses/by/4.0/"',
            'licence_url = "javascript:alert(1)"',
            "[edition] licence_url uses the 'javascript:' scheme, which the outputs do not link to",
        ),
        (
            'front = "tei/front"',
            'front = "tei/front"\n[build]\noutput = "tei/documents/html"',
            "[build] output (tei/documents/html) is inside the folder of [corpus] documents",
        ),
    ],
)
def test_a_bad_edition_toml_value_names_its_key(
    edition_project: Path, old: str, new: str, expected: str
) -> None:
    replace_in(edition_project / "edition.toml", old, new)
    for command in (("check",), ("build", "pdf")):
        result = run_cables(*command, cwd=edition_project)
        assert result.returncode == 2, result.stdout + result.stderr
        found = re.search(rf"edition\.toml:\d+:1: error: {re.escape(expected)}", result.stderr)
        assert found, result.stderr


def nest_divisions(project: Path, levels: int) -> None:
    """Put `levels` nested divisions around a paragraph in the summary of the fixture
    document, whose summary div is at depth 4: the paragraph is at depth 5 + levels."""
    replace_in(
        project / FIXTURE_DOCUMENT,
        "<head>Summary</head>",
        "<head>Summary</head>"
        + '<div type="section">' * levels
        + "<p>Deepest paragraph.</p>"
        + "</div>" * levels,
    )


@pytest.mark.slow
def test_what_the_check_accepts_at_the_deepest_the_build_builds(edition_project: Path) -> None:
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    nest_divisions(edition_project, 256 - 5)  # the paragraph at depth 256, the limit

    checked = run_cables("check", cwd=edition_project)
    built = run_cables("build", "html", cwd=edition_project)

    assert checked.returncode == 0, checked.stdout
    assert built.returncode == 0, built.stderr
    page = edition_project / "build" / "site" / "1962-02-14-attitude-report.html"
    assert "Deepest paragraph." in page.read_text(encoding="utf-8")


@pytest.mark.slow
def test_one_level_deeper_is_refused_by_the_check(edition_project: Path) -> None:
    nest_divisions(edition_project, 256 - 4)

    result = run_cables("check", cwd=edition_project)

    assert result.returncode == 1
    assert "elements are nested more than 256 levels deep" in finding(result, FIXTURE_DOCUMENT)


def test_the_pdf_layout_takes_the_deepest_nesting(tmp_path: Path) -> None:
    from datetime import datetime

    from cables.pdf import ARCHIVAL, PdfTarget, lay_out

    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 256 + "Deep" + "</div>" * 256 + "</body></html>")
    target = tmp_path / "deep.pdf"

    lay_out(page, [PdfTarget(target, ARCHIVAL)], datetime(2026, 1, 1, tzinfo=UTC), tmp_path)

    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_a_document_too_large_for_print_is_refused_before_the_layout(
    edition_project: Path,
) -> None:
    from cables.pdf import MAX_PRINT_BLOCKS

    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    replace_in(
        edition_project / FIXTURE_DOCUMENT,
        "<head>Summary</head>",
        "<head>Summary</head>" + "<p>A paragraph.</p>" * MAX_PRINT_BLOCKS,
    )

    result = run_cables("build", "pdf", cwd=edition_project)

    assert result.returncode == 1, result.stderr
    assert "attitude-report.xml:1: error: the document has 10,0" in result.stderr
    assert f"more than the {MAX_PRINT_BLOCKS:,} the print edition lays out" in result.stderr
    assert "cables build html" in result.stderr
    assert not (edition_project / "build" / "pdf").exists()


@pytest.mark.slow
def test_an_unforeseen_failure_is_one_line_not_silence(edition_project: Path) -> None:
    """A bug in cables (here: the record splitter raising) in the supervised child said
    to have exited 1 with no message at all; it must say what and where, as a bug."""
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    program = (
        "import sys, cables.records as records\n"
        "def broken(made):\n"
        "    raise ValueError('records made wrongly')\n"
        "records.split_records = broken\n"
        "from cables.cli import entry\n"
        "sys.argv = ['cables', 'build', 'html']\n"
        "raise SystemExit(entry())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=edition_project, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "internal error in <string> line 3: ValueError: records made wrongly" in result.stderr
    assert "this is a bug in cables" in result.stderr
