"""edition.toml: every section, key and value is checked when the configuration is read,
and a bad one stops every command with exit status 2 and findings naming the line of the
key ([config]), all of them at once, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from cables.config import ConfigError, load_edition
from cables.errors import EXIT_USAGE
from conftest import FIXTURE_DOCUMENT, REPOSITORY, digest, replace_in, run_cables

LICENCE_LINE = 'licence_url = "https://creativecommons.org/licenses/by/4.0/"'


def refused(project: Path) -> ConfigError:
    with pytest.raises(ConfigError) as raised:
        load_edition(project)
    assert raised.value.exit_status == EXIT_USAGE
    assert raised.value.path == project / "edition.toml"
    return raised.value


# ------------------------------------------------------------------ URLs


@pytest.mark.slow
def test_javascript_licence_url_stops_check_with_exit_two(edition_project: Path) -> None:
    replace_in(
        edition_project / "edition.toml", LICENCE_LINE, 'licence_url = "javascript:alert(1)"'
    )
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "licence_url uses the 'javascript:' scheme" in result.stderr
    assert "hint: use an address starting with one of http, https, mailto" in result.stderr
    assert "cables: edition.toml has 1 error: cables check did nothing" in result.stderr


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ],
)
def test_unsafe_licence_url_is_refused(edition_project: Path, value: str) -> None:
    replace_in(edition_project / "edition.toml", LICENCE_LINE, f'licence_url = "{value}"')
    assert "licence_url uses the" in refused(edition_project).message


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", "mailto:editors@example.org", "example.org/edition/"]
)
def test_base_url_must_be_http_or_https(edition_project: Path, value: str) -> None:
    replace_in(edition_project / "edition.toml", 'base_url = ""', f'base_url = "{value}"')
    assert "base_url" in refused(edition_project).message


@pytest.mark.parametrize(
    ("key", "line", "value"),
    [
        ("licence_url", LICENCE_LINE, 'licence_url = "mailto:rights@example.org"'),
        ("licence_url", LICENCE_LINE, 'licence_url = "licence.html"'),
        ("base_url", 'base_url = ""', 'base_url = "https://example.org/edition/"'),
        ("base_url", 'base_url = ""', 'base_url = "http://example.org/"'),
    ],
)
def test_safe_urls_are_kept(edition_project: Path, key: str, line: str, value: str) -> None:
    replace_in(edition_project / "edition.toml", line, value)
    assert getattr(load_edition(edition_project), key) == value.split('"')[1]


# ------------------------------------------------------------------ characters and types

TITLE_LINE = 'title = "Fixture edition"'


@pytest.mark.parametrize(
    ("line", "value", "named"),
    [
        (TITLE_LINE, r'title = "Fixture\u001b[2Jedition"', "[edition] title"),
        (TITLE_LINE, r'title = "Fixture\u0000"', "[edition] title"),
        (TITLE_LINE, r'title = "Fixture\nedition"', "[edition] title"),
        (TITLE_LINE, r'title = "Fixture\u0085"', "[edition] title"),
        ('editors = ["Test Editors"]', r'editors = ["Test Editors", "A\u0007"]', "editors[1]"),
        ('documents = "tei/documents"', r'documents = "tei/doc\tuments"', "[corpus] documents"),
        ('subtitle = "Test material for cables"', r'subtitle = "Test\u000bmaterial"', "subtitle"),
    ],
)
def test_control_character_is_refused_naming_the_key(
    edition_project: Path, line: str, value: str, named: str
) -> None:
    replace_in(edition_project / "edition.toml", line, value)
    error = refused(edition_project)
    assert named in error.message
    assert "control character U+00" in error.message


def test_prose_values_may_hold_line_breaks_and_tabs(edition_project: Path) -> None:
    replace_in(
        edition_project / "edition.toml",
        'subtitle = "Test material for cables"',
        'subtitle = """Test\tmaterial\nfor cables"""',
    )
    assert load_edition(edition_project).subtitle == "Test\tmaterial\nfor cables"


def test_control_character_in_a_key_is_refused(edition_project: Path) -> None:
    replace_in(edition_project / "edition.toml", "[corpus]", '[corpus]\n"odd\\u0001key" = 1')
    assert "odd\\x01key" in refused(edition_project).message


@pytest.mark.parametrize(
    ("line", "value", "message"),
    [
        (TITLE_LINE, "title = 3", "[edition] title must be text, not a number"),
        (TITLE_LINE, "title = true", "[edition] title must be text, not true or false"),
        (TITLE_LINE, 'title = ["a"]', "[edition] title must be text, not a list"),
        ('editors = ["Test Editors"]', 'editors = "Test"', "[edition] editors must be a list"),
        ('editors = ["Test Editors"]', "editors = [5]", "[edition] editors[0] must be text"),
        ('documents = "tei/documents"', "documents = 5", "[corpus] documents must be text"),
        ('date = "2026-01-01"', "date = 20260101", "[edition] date must be a date"),
        ('date = "2026-01-01"', "date = 2026-01-01T10:00:00", "not a date and time"),
    ],
)
def test_wrong_type_is_refused_naming_key_and_type(
    edition_project: Path, line: str, value: str, message: str
) -> None:
    replace_in(edition_project / "edition.toml", line, value)
    assert message in refused(edition_project).message


def test_table_given_as_a_value_is_refused(edition_project: Path) -> None:
    config = edition_project / "edition.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text("corpus = 5\n" + text[: text.index("[corpus]")], encoding="utf-8")
    assert "corpus must be a table" in refused(edition_project).message


# ------------------------------------------------------------------ the date


@pytest.mark.parametrize("value", ['"2026-13-45"', '"2026-02-30"', '"2026-1-5"', '"soon"', '""'])
def test_date_must_be_a_real_iso_day(edition_project: Path, value: str) -> None:
    replace_in(edition_project / "edition.toml", '"2026-01-01"', value)
    assert "[edition] date must be a real day" in refused(edition_project).message


def test_toml_date_is_taken_as_iso_text(edition_project: Path) -> None:
    replace_in(edition_project / "edition.toml", '"2026-01-01"', "2026-01-31")
    assert load_edition(edition_project).date == "2026-01-31"


@pytest.mark.slow
def test_impossible_date_stops_build_pdf_at_once(edition_project: Path) -> None:
    replace_in(edition_project / "edition.toml", '"2026-01-01"', '"2026-13-45"')
    result = run_cables("build", "pdf", cwd=edition_project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "edition.toml:12:1: error: [edition] date must be a real day" in result.stderr
    assert "ValueError" not in result.stderr


# ------------------------------------------------------------------ encoding


@pytest.mark.slow
@pytest.mark.parametrize(("encoding", "named"), [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_config_is_named(edition_project: Path, encoding: str, named: str) -> None:
    config = edition_project / "edition.toml"
    config.write_bytes(config.read_text(encoding="utf-8").encode(encoding))
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 2
    assert f"edition.toml:1:1: error: edition.toml is {named}, not UTF-8 [config]" in result.stderr
    assert "save edition.toml as UTF-8" in result.stderr


def test_undecodable_config_names_its_line(edition_project: Path) -> None:
    config = edition_project / "edition.toml"
    text = config.read_text(encoding="utf-8").replace("Fixture edition", "Fixtüre edition")
    config.write_bytes(text.encode("latin-1"))
    error = refused(edition_project)
    assert "not UTF-8: byte 0xfc" in error.message
    assert error.line == text[: text.index("Fixtüre")].count("\n") + 1


def test_utf8_byte_order_mark_is_accepted(edition_project: Path) -> None:
    config = edition_project / "edition.toml"
    config.write_bytes(b"\xef\xbb\xbf" + config.read_bytes())
    assert load_edition(edition_project).title == "Fixture edition"


# ------------------------------------------------------------------ the output folder


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("tei/documents/out", "is inside the folder of [corpus] documents"),
        ("tei/authority", "is inside the folder of [corpus] authority"),
        ("tei", "holds the folder of [corpus] documents"),
        ("schema/out", "is inside the folder of [schema] xsd"),
        ("xslt/build", "is inside the folder of [build] xslt"),
        (".", "not the project folder"),
    ],
)
def test_output_inside_the_sources_is_refused(
    edition_project: Path, output: str, message: str
) -> None:
    config = edition_project / "edition.toml"
    # The project's own stylesheets, named (the packaged ones are outside the project).
    build = f'\n[build]\nxslt = "xslt"\noutput = "{output}"\n'
    config.write_text(config.read_text(encoding="utf-8") + build, encoding="utf-8")
    assert message in refused(edition_project).message


def test_output_beside_the_sources_is_kept(edition_project: Path) -> None:
    config = edition_project / "edition.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[build]\noutput = "out/web"\n', encoding="utf-8"
    )
    assert load_edition(edition_project).build_dir == edition_project / "out" / "web"


# ------------------------------------------------------------------ [corpus]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("documents = []", "[corpus] documents is an empty list"),
        ('documents = ["tei/documents", 3]', "[corpus] documents[1] must be text"),
        ("documents = {a = 1}", "[corpus] documents must be text (a relative path) or a list"),
        ('documents = ["../elsewhere"]', "[corpus] documents[0] points outside the project"),
        ('documents = ["/srv/letters"]', "[corpus] documents[0] must be a path relative"),
        (
            'documents = ["tei/documents", "indices/missing.xml"]',
            "[corpus] documents[1] names a file that does not exist: indices/missing.xml",
        ),
    ],
)
def test_a_bad_corpus_path_is_refused_naming_the_key(
    edition_project: Path, value: str, message: str
) -> None:
    replace_in(edition_project / "edition.toml", 'documents = "tei/documents"', value)
    assert message in refused(edition_project).message


def test_corpus_paths_may_be_one_text_or_a_list(edition_project: Path) -> None:
    single = load_edition(edition_project)
    assert single.documents_paths == (edition_project / "tei" / "documents",)
    config = edition_project / "edition.toml"
    (edition_project / "letters").mkdir()
    replace_in(config, 'documents = "tei/documents"', 'documents = ["tei/documents", "letters"]')
    replace_in(config, 'authority = "tei/authority"', 'authority = ["tei/authority/persons.xml"]')
    listed = load_edition(edition_project)
    assert listed.documents_paths == (
        edition_project / "tei" / "documents",
        edition_project / "letters",
    )
    assert listed.documents_dir == edition_project / "tei" / "documents"  # `cables new`
    assert listed.authority_paths == (edition_project / "tei" / "authority" / "persons.xml",)


# ------------------------------------------------------------------ unknown sections and keys


def line_of(project: Path, text: str) -> int:
    """The line of edition.toml that starts with `text`."""
    lines = (project / "edition.toml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(text))


def test_a_typo_in_a_key_is_an_error_with_its_line_and_a_hint(edition_project: Path) -> None:
    replace_in(edition_project / "edition.toml", 'base_url = ""', 'base_ulr = ""')
    error = refused(edition_project)
    assert error.message == "[edition] has no key base_ulr"
    assert error.hint == "did you mean base_url?"
    assert (error.line, error.column) == (line_of(edition_project, "base_ulr"), 1)
    assert error.rule == "config"


def test_a_typo_in_a_section_is_an_error_with_its_line_and_a_hint(
    edition_project: Path,
) -> None:
    config = edition_project / "edition.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[biuld]\noutput = "out"\n', encoding="utf-8"
    )
    error = refused(edition_project)
    assert error.message == "unknown section [biuld]"
    assert error.hint == "did you mean [build]?"
    assert error.line == line_of(edition_project, "[biuld]")


@pytest.mark.parametrize(
    ("addition", "start", "message", "hint"),
    [
        # A key of another section: where it belongs.
        (
            '[corpus]\noutput = "out"',
            "output",
            "[corpus] has no key output",
            "output belongs in [build]",
        ),
        # A sub-table of a known section is an unknown key, on its header's line.
        ("[build.extra]\nsandbox = true", "[build.extra]", "[build] has no key extra", None),
        # A dotted key: the key it starts with, on its line.
        (
            "[build]\nsandbox.on = true",
            "sandbox.on",
            "[build] sandbox must be true or false, not a table",
            None,
        ),
        # Quoted and spaced keys are keys too.
        (
            '[build]\n  "outptu" = "out"',
            '  "outptu"',
            "[build] has no key outptu",
            "did you mean output?",
        ),
    ],
)
def test_unknown_keys_are_found_where_they_are_written(
    edition_project: Path, addition: str, start: str, message: str, hint: str | None
) -> None:
    config = edition_project / "edition.toml"
    text = config.read_text(encoding="utf-8")
    if addition.startswith("[corpus]"):
        config.write_text(text.replace("[corpus]", addition, 1), encoding="utf-8")
    else:
        config.write_text(text + "\n" + addition + "\n", encoding="utf-8")
    error = refused(edition_project)
    assert error.message == message
    if hint:
        assert error.hint == hint
    assert error.line == line_of(edition_project, start)
    assert error.column == len(start) - len(start.lstrip()) + 1


def test_a_key_before_any_section_is_told_where_it_belongs(edition_project: Path) -> None:
    config = edition_project / "edition.toml"
    config.write_text('output = "out"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    error = refused(edition_project)
    assert error.message == "output stands before any section"
    assert error.hint == "move it into [build]"
    assert error.line == 1


def test_multi_line_values_do_not_hide_where_keys_are(edition_project: Path) -> None:
    # What looks like a key inside a multi-line string or array is no key.
    replace_in(
        edition_project / "edition.toml",
        'subtitle = "Test material for cables"',
        'subtitle = """Test material\nbase_ulr = "for cables" """\n'
        'editors2 = [\n  "a",\n  "b = 1",\n]',
    )
    replace_in(edition_project / "edition.toml", 'editors = ["Test Editors"]', "")
    error = refused(edition_project)
    assert error.message == "[edition] has no key editors2"
    assert error.hint == "did you mean editors?"
    assert error.line == line_of(edition_project, "editors2")


def test_invalid_toml_is_a_finding_with_its_line_and_column(edition_project: Path) -> None:
    replace_in(edition_project / "edition.toml", 'base_url = ""', "base_url = nowhere")
    error = refused(edition_project)
    assert error.message.startswith("edition.toml is not valid TOML: Invalid value")
    assert (error.line, error.column) == (line_of(edition_project, "base_url"), 12)


# ------------------------------------------------------------------ types, values, places


@pytest.mark.parametrize(
    ("old", "new", "message", "start"),
    [
        (
            'version = "0.0.1"',
            "version = 1",
            "[edition] version must be text, not a number",
            "version",
        ),
        # A missing key: on the line of its section.
        ('version = "0.0.1"', "", "[edition] needs a text value for 'version'", "[edition]"),
        (
            'documents = "tei/documents"',
            'documents = "letters"',
            "[corpus] documents names a folder that does not exist: letters",
            "documents",
        ),
        (
            "[corpus]",
            '[corpus]\nregisters = ["tei/indices"]',
            "[corpus] registers[0] names a folder that does not exist: tei/indices",
            "registers",
        ),
    ],
)
def test_a_wrong_or_missing_value_names_the_line_of_its_key(
    edition_project: Path, old: str, new: str, message: str, start: str
) -> None:
    replace_in(edition_project / "edition.toml", old, new)
    error = refused(edition_project)
    assert error.message == message
    assert error.line == line_of(edition_project, start)


def test_missing_authority_and_front_folders_are_an_edition_without_them(
    edition_project: Path,
) -> None:
    # The fixture names tei/front, which it does not have: no front matter.
    assert not (edition_project / "tei" / "front").exists()
    replace_in(
        edition_project / "edition.toml", 'authority = "tei/authority"', 'authority = "none"'
    )
    edition = load_edition(edition_project)
    assert edition.authority_paths == (edition_project / "none",)


# ------------------------------------------------------------------ all at once, everywhere


def several_typos(project: Path) -> list[int]:
    """Three problems in the fixture's edition.toml; their lines."""
    config = project / "edition.toml"
    replace_in(config, 'base_url = ""', 'base_ulr = ""')
    replace_in(config, '"2026-01-01"', '"2026-02-30"')
    replace_in(config, "[check]", "[chekc]")
    return [line_of(project, start) for start in ("base_ulr", "date", "[chekc]")]


def test_every_problem_is_reported_at_once(edition_project: Path) -> None:
    lines = several_typos(edition_project)
    problems = refused(edition_project).problems
    assert [(problem.line, problem.message) for problem in problems] == [
        (lines[0], "[edition] has no key base_ulr"),
        (lines[1], "[edition] date must be a real day written YYYY-MM-DD, not '2026-02-30'"),
        (lines[2], "unknown section [chekc]"),
    ]


@pytest.mark.slow
def test_check_reports_the_problems_as_findings_before_the_corpus(
    edition_project: Path,
) -> None:
    lines = several_typos(edition_project)
    replace_in(edition_project / FIXTURE_DOCUMENT, 'when="1962-02-22"', 'when="1962-02-30"')
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 2, result.stdout + result.stderr
    # As every problem of exit status 2, on standard error; the corpus is not read.
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"edition.toml:{lines[0]}:1: error: [edition] has no key base_ulr [config]",
        "  hint: did you mean base_url?",
        f"edition.toml:{lines[1]}:1: error: [edition] date must be a real day written "
        "YYYY-MM-DD, not '2026-02-30' [config]",
        '  hint: like date = "2026-01-31"',
        f"edition.toml:{lines[2]}:1: error: unknown section [chekc] [config]",
        "  hint: did you mean [check]?",
        "cables: edition.toml has 3 errors: cables check did nothing",
    ]


@pytest.mark.slow
def test_check_reports_the_problems_in_json_and_junit(edition_project: Path) -> None:
    lines = several_typos(edition_project)
    result = run_cables("check", "--format", "json", cwd=edition_project)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert (report["files_checked"], report["errors"]) == (0, 3)
    first = report["diagnostics"][0]
    assert (first["path"], first["line"], first["column"]) == ("edition.toml", lines[0], 1)
    assert (first["rule"], first["hint"]) == ("config", "did you mean base_url?")
    junit = run_cables("check", "--format", "junit", cwd=edition_project)
    assert junit.returncode == 2
    cases = etree.fromstring(junit.stdout.encode("utf-8")).findall(".//testcase")
    assert [case.get("name") for case in cases] == ["edition.toml"]
    assert [failure.get("type") for failure in cases[0]] == ["config"] * 3


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [("build", "html"), ("deposit",), ("new", "--date", "1963-01-01", "--title", "T"), ("serve",)],
)
def test_every_command_refuses_with_the_same_findings(
    edition_project: Path, command: tuple[str, ...]
) -> None:
    lines = several_typos(edition_project)
    before = digest(edition_project)
    result = run_cables(*command, cwd=edition_project, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"edition.toml:{lines[0]}:1: error: [edition] has no key base_ulr [config]" in (
        result.stderr
    )
    assert f"edition.toml:{lines[2]}:1: error: unknown section [chekc] [config]" in result.stderr
    assert f"cables {command[0]} did nothing" in result.stderr
    assert digest(edition_project) == before


@pytest.mark.slow
def test_the_shipped_fixture_and_new_configurations_have_no_problem(tmp_path: Path) -> None:
    for project in (REPOSITORY, REPOSITORY / "tests" / "fixtures" / "edition"):
        load_edition(project)
    for options in ((), ("--example",)):
        target = tmp_path / f"new{len(options)}"
        assert run_cables("init", str(target), *options, cwd=tmp_path).returncode == 0
        assert run_cables("check", cwd=target).returncode == 0


def test_the_readme_lists_every_key_there_is() -> None:
    from cables.config import SECTIONS

    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `\[(\w+)\]` \| `(\w+)` \|", readme, re.M))
    assert rows == {(section, key) for section, keys in SECTIONS.items() for key in keys}


# ------------------------------------------------------------------ [print]


def test_trim_defaults_to_a_scholarly_octavo(edition_project: Path) -> None:
    assert load_edition(edition_project).trim == "156x234mm"


@pytest.mark.parametrize("value", ["A4", "letter", "170x240mm"])
def test_trim_takes_named_sizes_and_millimetres(edition_project: Path, value: str) -> None:
    config = edition_project / "edition.toml"
    config.write_text(config.read_text(encoding="utf-8") + f'\n[print]\ntrim = "{value}"\n')
    assert load_edition(edition_project).trim == value


@pytest.mark.parametrize("value", ['"B5"', '"a4"', '"20x30mm"', '"156 x 234 mm"', "156"])
def test_trim_of_another_form_is_refused_naming_the_key(edition_project: Path, value: str) -> None:
    config = edition_project / "edition.toml"
    config.write_text(config.read_text(encoding="utf-8") + f"\n[print]\ntrim = {value}\n")
    message = refused(edition_project).message
    assert "[print] trim must be" in message


def test_the_static_repository_settings_are_read(edition_project: Path) -> None:
    config = edition_project / "edition.toml"
    settings = '\n[deposit]\noai_gateway = "https://gw.example.org/oai"\nadmin_email = "a@b.org"\n'
    config.write_text(config.read_text(encoding="utf-8") + settings)
    edition = load_edition(edition_project)
    assert (edition.oai_gateway, edition.admin_email) == ("https://gw.example.org/oai", "a@b.org")


@pytest.mark.parametrize("value", ["editors", "a@b", "a b@c.org", "a@b.org, c@d.org"])
def test_an_admin_email_that_is_not_one_address_is_refused(
    edition_project: Path, value: str
) -> None:
    config = edition_project / "edition.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + f'\n[deposit]\nadmin_email = "{value}"\n'
    )
    assert "[deposit] admin_email must be one e-mail address" in refused(edition_project).message
