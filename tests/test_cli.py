"""The `cables` command: output format, exit status, help, and that sources stay untouched."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_DOCUMENT, digest, replace_in, run_cables

FINDING_LINE = re.compile(
    r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (error|warning): .+ \[[a-z-]+\]$"
)


@pytest.mark.slow
def test_valid_edition_exits_zero_with_summary(edition_project: Path) -> None:
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "5 files checked: 0 errors, 0 warnings"


@pytest.mark.slow
def test_broken_document_exits_one_with_file_line_col(edition_project: Path) -> None:
    line = replace_in(edition_project / FIXTURE_DOCUMENT, "#per-peng-zhen", "#per-peng-zen")
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # Peng Zhen's entry is now unused too: a warning on the authority file comes first.
    assert lines[0].startswith("tei/authority/persons.xml:")
    assert lines[0].endswith("[authority-unused]")
    index = next(i for i, text in enumerate(lines) if text.startswith(FIXTURE_DOCUMENT))
    match = FINDING_LINE.match(lines[index])
    assert match, lines[index]
    assert int(match["line"]) == line
    assert lines[index].endswith("[pointer-unresolved]")
    assert lines[index + 1] == "  hint: did you mean `../authority/persons.xml#per-peng-zhen`?"
    assert lines[-1] == "5 files checked: 1 error, 1 warning"
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_not_well_formed_file_is_reported_not_raised(edition_project: Path) -> None:
    replace_in(edition_project / FIXTURE_DOCUMENT, "<head>Summary</head>", "<head>Summary</hed>")
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(
        rf"^{re.escape(FIXTURE_DOCUMENT)}:\d+:\d+: error: not well-formed XML", result.stdout, re.M
    )


@pytest.mark.slow
def test_json_format_gives_the_same_findings(edition_project: Path) -> None:
    line = replace_in(
        edition_project / FIXTURE_DOCUMENT, '<date when="1962-02-22">', '<date when="1962-02-30">'
    )
    result = run_cables("check", "--format", "json", cwd=edition_project)
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["errors"] == 1 and payload["warnings"] == 0 and payload["files_checked"] == 5
    (finding,) = payload["diagnostics"]
    assert finding["rule"] == "date-invalid"
    assert finding["path"] == FIXTURE_DOCUMENT
    assert finding["line"] == line
    assert finding["severity"] == "error"
    assert "February 1962 has 28 days" in finding["message"]


@pytest.mark.slow
def test_warnings_alone_exit_zero(edition_project: Path) -> None:
    replace_in(
        edition_project / "tei/authority/persons.xml",
        "    </listPerson>",
        '      <person xml:id="per-nobody"><persName>Nobody</persName></person>\n    </listPerson>',
    )
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 0
    assert "[authority-unused]" in result.stdout


@pytest.mark.slow
def test_missing_path_is_a_usage_error(edition_project: Path) -> None:
    result = run_cables("check", "tei/documents/no-such-file.xml", cwd=edition_project)
    assert result.returncode == 2
    assert "tei/documents/no-such-file.xml: error: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_unreadable_file_is_an_environment_error(edition_project: Path) -> None:
    # A folder where a document should be cannot be read, even by root.
    (edition_project / "tei" / "documents" / "1963-01-01-folder.xml").mkdir()
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 2
    assert "1963-01-01-folder.xml: error: is a folder, not a file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_outside_any_project_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cables("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "no edition.toml found" in result.stderr
    assert "--project" in result.stderr


@pytest.mark.slow
def test_project_is_found_from_a_subfolder_and_by_option(
    edition_project: Path, tmp_path: Path
) -> None:
    result = run_cables("check", cwd=edition_project / "tei" / "documents")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].startswith("5 files checked")
    result = run_cables("--project", str(edition_project), "check", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].startswith("5 files checked")


@pytest.mark.slow
def test_unknown_option_is_a_usage_error(edition_project: Path) -> None:
    result = run_cables("check", "--format", "xml", cwd=edition_project)
    assert result.returncode == 2


@pytest.mark.slow
def test_check_writes_nothing_but_its_cache(edition_project: Path) -> None:
    replace_in(edition_project / FIXTURE_DOCUMENT, "#per-peng-zhen", "#per-peng-zen")
    before = digest(edition_project)
    first = run_cables("check", cwd=edition_project)
    run_cables("check", "--format", "json", FIXTURE_DOCUMENT, cwd=edition_project)
    after = digest(edition_project)
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    assert changed and all(name.startswith("build/.cache/check/") for name in changed)
    # The cache changes speed only: without it, the same findings, byte for byte.
    shutil.rmtree(edition_project / "build" / ".cache")
    assert run_cables("check", cwd=edition_project).stdout == first.stdout
    assert run_cables("check", cwd=edition_project).stdout == first.stdout


@pytest.mark.slow
def test_cache_notices_an_edit(edition_project: Path) -> None:
    assert run_cables("check", cwd=edition_project).returncode == 0
    replace_in(edition_project / FIXTURE_DOCUMENT, 'when="1962-02-22"', 'when="1962-02-30"')
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1 and "[date-invalid]" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("command", [[], ["check"]])
def test_help_shows_a_usage_example(command: list[str], tmp_path: Path) -> None:
    result = run_cables(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert re.search(r"^  cables check", result.stdout, re.M)


def test_every_subcommand_has_examples_in_help() -> None:
    from cables.cli import build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, subparser in subparsers.choices.items():
        assert "examples:" in (subparser.epilog or ""), name
        assert f"cables {name}" in subparser.epilog, name


@pytest.mark.slow
@pytest.mark.parametrize("port", ["99999", "65536", "0", "-1", "eighty"])
def test_serve_refuses_a_port_outside_1_to_65535(edition_project: Path, port: str) -> None:
    result = run_cables("serve", "--port", port, cwd=edition_project, timeout=30)
    assert result.returncode == 2
    assert "argument --port:" in result.stderr
    assert "usage: cables serve" in result.stderr


@pytest.mark.slow
def test_findings_print_on_a_terminal_that_is_not_utf8(edition_project: Path) -> None:
    replace_in(edition_project / FIXTURE_DOCUMENT, "#per-peng-zhen", "#per-彭真")
    for env in ({"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}):
        result = run_cables("check", cwd=edition_project, env=env)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "UnicodeEncodeError" not in result.stderr
        assert result.stdout.splitlines()[-1] == "5 files checked: 1 error, 1 warning"
    assert (
        "per-\\u5f6d\\u771f"
        in run_cables("check", cwd=edition_project, env={"PYTHONIOENCODING": "ascii"}).stdout
    )
