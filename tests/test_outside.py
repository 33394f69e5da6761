"""Reading outside the project: pointers, special files and links never reach the machine.

A TEI file is untrusted input: its pointers, and the files of the corpus themselves, may
name anything on the machine. None of it is opened, and the findings tell nothing about it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cables.errors import CablesError
from cables.xmlio import read_bytes
from conftest import FIXTURE_DOCUMENT, replace_in, run_cables

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


def test_target_attribute_is_named(edition_project: Path) -> None:
    result = check_with(edition_project, "/etc/passwd#x", attribute="target")
    assert result.returncode == 1
    (finding,) = outside_findings(result.stdout)
    assert '@target="/etc/passwd#x"' in finding


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


def test_link_in_the_project_to_a_file_elsewhere_is_outside(
    edition_project: Path, elsewhere: Path
) -> None:
    # The path is inside the project; where it really leads is not.
    (edition_project / "notes.xml").symlink_to(elsewhere)
    result = check_with(edition_project, "../../notes.xml#per-peng-zhen")
    assert result.returncode == 1
    assert len(outside_findings(result.stdout)) == 1


def test_file_of_the_project_outside_the_corpus_is_still_read(edition_project: Path) -> None:
    (edition_project / "drafts").mkdir()
    (edition_project / "drafts" / "extra.xml").write_text(OUTSIDE_TEI, encoding="utf-8")
    result = check_with(edition_project, "../../drafts/extra.xml#per-peng-zhen")
    assert "[pointer-outside]" not in result.stdout
    assert "[pointer-unresolved]" not in result.stdout


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


def test_fifo_in_the_documents_folder_does_not_hang_check(edition_project: Path) -> None:
    os.mkfifo(edition_project / "tei" / "documents" / "1963-01-01-pipe.xml")
    result = run_cables("check", cwd=edition_project, timeout=TIMEOUT)
    assert result.returncode in (1, 2), result.stdout + result.stderr
    assert "1963-01-01-pipe.xml" in result.stdout + result.stderr
    assert "not a regular file" in result.stdout + result.stderr
