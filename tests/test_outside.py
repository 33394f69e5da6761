"""Reading outside the project: pointers, special files and links never reach the machine.

A TEI file is untrusted input: its pointers, and the files of the corpus themselves, may
name anything on the machine. None of it is opened, and the findings tell nothing about it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cables.errors import CablesError
from cables.xmlio import read_bytes
from conftest import (
    FIXTURE_DOCUMENT,
    REPOSITORY,
    copy_edition,
    init_project,
    replace_in,
    run_cables,
)

PERSON_REF = 'ref="../authority/persons.xml#per-peng-zhen"'
SUMMARY_TARGET = 'target="#doc-1962-02-14-attitude-report-s1"'
#: A few seconds are plenty for a check of the fixture; a read of a FIFO or of
#: /dev/stdin would block for ever.
TIMEOUT = 120

OUTSIDE_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="elsewhere">
  <teiHeader><fileDesc><titleStmt><title>Elsewhere</title></titleStmt>
  <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
  </teiHeader>
  <text><body><p xml:id="per-peng-zhen">secret words</p></body></text>
</TEI>
"""


def check_with(project: Path, value: str, attribute: str = "ref"):
    old = PERSON_REF if attribute == "ref" else SUMMARY_TARGET
    replace_in(project / FIXTURE_DOCUMENT, old, f'{attribute}="{value}"')
    return run_cables("check", cwd=project, timeout=TIMEOUT)


def outside_findings(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.endswith("[pointer-outside]")]


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A well-formed TEI file outside the project, with the very id the pointer asks for."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "persons.xml"
    path.write_text(OUTSIDE_TEI, encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    "value",
    [
        "/etc/passwd#x",
        "../../../../../../../../etc/shadow#x",
        "/dev/zero#x",
        "/dev/stdin#x",
        "/dev/null",
        "/proc/self/environ#x",
    ],
)
def test_pointer_to_a_system_file_is_refused_unread(edition_project: Path, value: str) -> None:
    result = check_with(edition_project, value)
    assert result.returncode == 1, result.stdout + result.stderr
    (finding,) = outside_findings(result.stdout)
    assert f'error: @ref="{value}" points outside the project' in finding
    assert FIXTURE_DOCUMENT in finding
    assert "[pointer-unresolved]" not in result.stdout


@pytest.mark.slow
def test_target_attribute_is_named(edition_project: Path) -> None:
    result = check_with(edition_project, "/etc/passwd#x", attribute="target")
    assert result.returncode == 1
    (finding,) = outside_findings(result.stdout)
    assert '@target="/etc/passwd#x"' in finding


@pytest.mark.slow
def test_tei_file_elsewhere_on_the_machine_is_not_read(
    edition_project: Path, elsewhere: Path
) -> None:
    # The file exists, is TEI and holds the id: resolving it would make the pointer valid.
    relative = os.path.relpath(elsewhere, edition_project / "tei" / "documents")
    for value in (f"{elsewhere}#per-peng-zhen", f"{relative}#per-peng-zhen"):
        replace_in(edition_project / FIXTURE_DOCUMENT, PERSON_REF, f'ref="{value}"')
        result = run_cables("check", cwd=edition_project, timeout=TIMEOUT)
        assert result.returncode == 1, value
        (finding,) = outside_findings(result.stdout)
        assert f'@ref="{value}" points outside the project' in finding
        replace_in(edition_project / FIXTURE_DOCUMENT, f'ref="{value}"', PERSON_REF)


@pytest.mark.slow
def test_link_in_the_project_to_a_file_elsewhere_is_outside(
    edition_project: Path, elsewhere: Path
) -> None:
    # The path is inside the project; where it really leads is not.
    (edition_project / "notes.xml").symlink_to(elsewhere)
    result = check_with(edition_project, "../../notes.xml#per-peng-zhen")
    assert result.returncode == 1
    assert len(outside_findings(result.stdout)) == 1


@pytest.mark.slow
def test_file_of_the_project_outside_the_corpus_is_still_read(edition_project: Path) -> None:
    (edition_project / "drafts").mkdir()
    (edition_project / "drafts" / "extra.xml").write_text(OUTSIDE_TEI, encoding="utf-8")
    result = check_with(edition_project, "../../drafts/extra.xml#per-peng-zhen")
    assert "[pointer-outside]" not in result.stdout
    assert "[pointer-unresolved]" not in result.stdout


@pytest.mark.slow
def test_message_says_nothing_about_the_outside_file(
    edition_project: Path, elsewhere: Path, tmp_path: Path
) -> None:
    """An existing TEI file, an existing non-XML file, a missing file, a folder and a
    device: the output is the same, word for word, but for the value itself."""
    not_xml = tmp_path / "elsewhere" / "notes.txt"
    not_xml.write_text("plain text\n", encoding="utf-8")
    values = [
        f"{elsewhere}#per-peng-zhen",
        f"{not_xml}#per-peng-zhen",
        f"{tmp_path / 'elsewhere' / 'missing.xml'}#per-peng-zhen",
        f"{tmp_path / 'elsewhere'}#per-peng-zhen",
        "/dev/zero#per-peng-zhen",
    ]
    outputs = set()
    current = PERSON_REF
    for value in values:
        replace_in(edition_project / FIXTURE_DOCUMENT, current, f'ref="{value}"')
        current = f'ref="{value}"'
        result = run_cables("check", cwd=edition_project, timeout=TIMEOUT)
        assert result.returncode == 1
        assert "secret words" not in result.stdout + result.stderr
        assert "did you mean" not in result.stdout
        outputs.add((result.stdout + result.stderr).replace(value, "VALUE"))
    assert len(outputs) == 1, outputs


# -- the reader: regular files only, never blocking, bounded ------------------------------


def test_reader_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    # No writer is attached: a plain open() would wait for one for ever.
    with pytest.raises(CablesError, match="not a regular file"):
        read_bytes(fifo)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/stdin"])
def test_reader_refuses_devices(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} is not on this machine")
    with pytest.raises(CablesError, match="not a regular file|cannot read"):
        read_bytes(Path(device))


def test_reader_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(CablesError, match="is a folder"):
        read_bytes(tmp_path)


def test_reader_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(b"x" * 2048)
    assert read_bytes(path, limit=2048) == b"x" * 2048
    with pytest.raises(CablesError, match="more than") as raised:
        read_bytes(path, limit=2047)
    assert raised.value.rule == "file-too-large"


@pytest.mark.slow
def test_fifo_in_the_documents_folder_does_not_hang_check(edition_project: Path) -> None:
    os.mkfifo(edition_project / "tei" / "documents" / "1963-01-01-pipe.xml")
    result = run_cables("check", cwd=edition_project, timeout=TIMEOUT)
    assert result.returncode == 1, result.stdout + result.stderr
    (finding,) = refusals(result.stdout)
    assert finding.startswith("tei/documents/1963-01-01-pipe.xml:")
    assert "not a regular file" in finding


# -- links and special files in the corpus folders ----------------------------------------

DOCUMENTS = "tei/documents"


def refusals(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.endswith("[corpus-file-refused]")]


def allow_symlinks(project: Path) -> None:
    replace_in(
        project / "edition.toml",
        'front = "tei/front"',
        'front = "tei/front"\nallow_symlinks = true',
    )


def outside_document(
    tmp_path: Path, project: Path, name: str, source: str = FIXTURE_DOCUMENT
) -> Path:
    """A valid document of the edition (a copy of `source`), kept outside the project."""
    folder = tmp_path / "outside"
    folder.mkdir(exist_ok=True)
    text = (project / source).read_text(encoding="utf-8")
    stem = name.removesuffix(".xml")
    text = text.replace(Path(source).stem, stem)
    path = folder / name
    path.write_text(text.replace("../authority/", f"{project}/tei/authority/"), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("allowed", [False, True])
def test_link_to_a_device_is_refused_without_reading(edition_project: Path, allowed: bool) -> None:
    if allowed:
        allow_symlinks(edition_project)
    (edition_project / DOCUMENTS / "1963-01-01-zero.xml").symlink_to("/dev/zero")
    result = run_cables("check", cwd=edition_project, timeout=TIMEOUT)
    assert result.returncode == 1, result.stdout + result.stderr
    (finding,) = refusals(result.stdout)
    assert finding.startswith("tei/documents/1963-01-01-zero.xml:1:1: error:")
    assert "symbolic link" in finding


@pytest.mark.slow
@pytest.mark.parametrize("allowed", [False, True])
def test_link_to_a_tei_file_outside_the_project_is_refused(
    edition_project: Path, tmp_path: Path, allowed: bool
) -> None:
    if allowed:
        allow_symlinks(edition_project)
    target = outside_document(tmp_path, edition_project, "1963-01-02-outside.xml")
    (edition_project / DOCUMENTS / target.name).symlink_to(target)
    result = run_cables("check", cwd=edition_project, timeout=TIMEOUT)
    assert result.returncode == 1
    (finding,) = refusals(result.stdout)
    assert "1963-01-02-outside.xml" in finding
    assert ("outside the project" in finding) == allowed
    # Named on the command line, it is refused the same way.
    result = run_cables("check", f"{DOCUMENTS}/{target.name}", cwd=edition_project)
    assert result.returncode == 1 and len(refusals(result.stdout)) == 1


@pytest.mark.slow
def test_link_inside_the_project_is_read_only_when_allowed(edition_project: Path) -> None:
    sources = edition_project / "sources"
    sources.mkdir()
    document = edition_project / FIXTURE_DOCUMENT
    document.rename(sources / document.name)
    document.symlink_to(os.path.relpath(sources / document.name, document.parent))
    refused = run_cables("check", cwd=edition_project, timeout=TIMEOUT)
    assert refused.returncode == 1
    assert len(refusals(refused.stdout)) == 1
    assert "allow_symlinks" in refused.stdout
    allow_symlinks(edition_project)
    accepted = run_cables("check", cwd=edition_project, timeout=TIMEOUT)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert accepted.stdout.strip().endswith("5 files checked: 0 errors, 0 warnings")


@pytest.mark.slow
def test_allow_symlinks_must_be_true_or_false(edition_project: Path) -> None:
    replace_in(edition_project / "edition.toml", 'front = "tei/front"', 'allow_symlinks = "yes"')
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 2
    assert "[corpus] allow_symlinks must be true or false" in result.stderr


@pytest.mark.slow
def test_deposit_with_a_link_in_the_corpus_stops_cleanly(
    edition_project: Path, tmp_path: Path
) -> None:
    target = outside_document(tmp_path, edition_project, "1963-01-02-outside.xml")
    (edition_project / DOCUMENTS / target.name).symlink_to(target)
    result = run_cables("deposit", cwd=edition_project, timeout=TIMEOUT)  # no traceback
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(refusals(result.stdout + result.stderr)) == 1
    assert not (edition_project / "build" / "deposit").exists()


@pytest.mark.slow
def test_linked_outside_document_is_not_published(tmp_path: Path) -> None:
    project = copy_edition(tmp_path / "edition")
    allow_symlinks(project)
    source = f"{DOCUMENTS}/1962-02-14-attitude-towards-china.xml"
    target = outside_document(tmp_path, project, "1963-01-02-outside.xml", source)
    (project / DOCUMENTS / target.name).symlink_to(target)
    os.mkfifo(project / DOCUMENTS / "1963-01-03-pipe.xml")
    result = run_cables("build", "html", cwd=project, timeout=600)
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(refusals(result.stdout + result.stderr)) == 2
    site = project / "build" / "site"
    published = [p.name for p in site.rglob("*")] if site.exists() else []
    assert not [name for name in published if "outside" in name or "pipe" in name]


@pytest.mark.slow
def test_allowed_link_is_published_under_its_own_name(tmp_path: Path) -> None:
    # The corpus file is the link: its page and its source take the link's name, the one
    # the check judged, not the name of the file it leads to.
    project = copy_edition(tmp_path / "edition")
    allow_symlinks(project)
    document = project / DOCUMENTS / "1962-02-14-attitude-towards-china.xml"
    kept = project / "sources" / "kept-under-another-name.xml"
    kept.parent.mkdir()
    document.rename(kept)
    document.symlink_to(os.path.relpath(kept, document.parent))
    result = run_cables("build", "html", cwd=project, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "build" / "site"
    assert (site / "1962-02-14-attitude-towards-china.html").is_file()
    source = site / DOCUMENTS / "1962-02-14-attitude-towards-china.xml"
    assert source.is_file()
    assert not source.is_symlink()
    assert not list(site.rglob("kept-under-another-name*"))


@pytest.mark.slow
def test_fifo_beside_the_schema_does_not_hang_check(edition_project: Path) -> None:
    # Every *.xsd of the schema folder goes into the cache's fingerprint.
    os.mkfifo(edition_project / "schema" / "extra.xsd")
    result = run_cables("check", cwd=edition_project, timeout=TIMEOUT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_new_project_refuses_links_and_can_allow_them(tmp_path: Path) -> None:
    project = init_project(tmp_path / "new")
    config = project / "edition.toml"
    assert "allow_symlinks = false" in config.read_text(encoding="utf-8")
    documents = project / "tei" / "documents"
    document = sorted(documents.glob("*.xml"))[0]  # the example document cables init writes
    kept = project / "sources" / document.name
    kept.parent.mkdir()
    document.rename(kept)
    document.symlink_to(os.path.relpath(kept, documents))
    assert len(refusals(run_cables("check", cwd=project).stdout)) == 1
    replace_in(config, "allow_symlinks = false", "allow_symlinks = true")
    assert refusals(run_cables("check", cwd=project).stdout) == []


@pytest.mark.slow
def test_a_foreign_corpus_pointing_beside_the_project_gets_a_warning(
    edition_project: Path, elsewhere: Path
) -> None:
    """A corpus taken from another project links that project's sibling folders (`../epub/…`):
    lenient mode warns, and still never opens the file, whose words reach no output."""
    project = edition_project
    shutil.copytree(REPOSITORY / "xslt", project / "xslt")
    replace_in(project / "edition.toml", "[check]", '[check]\nvalidation = "lenient"')
    value = os.path.relpath(elsewhere, (project / FIXTURE_DOCUMENT).parent) + "#per-peng-zhen"
    result = check_with(project, value)
    assert result.returncode == 0, result.stdout
    (line,) = outside_findings(result.stdout)
    assert ": warning: " in line and "points outside the project" in line
    built = run_cables("build", "html", cwd=project, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    pages = "".join(p.read_text(encoding="utf-8") for p in (project / "build").rglob("*.html"))
    assert "secret words" not in pages
