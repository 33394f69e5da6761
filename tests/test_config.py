"""edition.toml: every value is checked when the configuration is read, and a bad one
stops every command with exit status 2 and a message naming the key, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from cables.config import load_edition
from cables.errors import EXIT_USAGE, CablesError
from conftest import replace_in, run_cables

LICENCE_LINE = 'licence_url = "https://creativecommons.org/licenses/by/4.0/"'


def refused(project: Path) -> CablesError:
    with pytest.raises(CablesError) as raised:
        load_edition(project)
    assert raised.value.exit_status == EXIT_USAGE
    assert raised.value.path == project / "edition.toml"
    return raised.value


# ------------------------------------------------------------------ URLs


def test_javascript_licence_url_stops_check_with_exit_two(edition_project: Path) -> None:
    replace_in(
        edition_project / "edition.toml", LICENCE_LINE, 'licence_url = "javascript:alert(1)"'
    )
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "licence_url uses the 'javascript:' scheme" in result.stderr
    assert "hint: use an address starting with one of http, https, mailto" in result.stderr


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


def test_impossible_date_stops_build_pdf_at_once(edition_project: Path) -> None:
    replace_in(edition_project / "edition.toml", '"2026-01-01"', '"2026-13-45"')
    result = run_cables("build", "pdf", cwd=edition_project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "edition.toml: error: [edition] date must be a real day" in result.stderr
    assert "ValueError" not in result.stderr


# ------------------------------------------------------------------ encoding


@pytest.mark.parametrize(("encoding", "named"), [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_config_is_named(edition_project: Path, encoding: str, named: str) -> None:
    config = edition_project / "edition.toml"
    config.write_bytes(config.read_text(encoding="utf-8").encode(encoding))
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 2
    assert f"edition.toml is {named}, not UTF-8" in result.stderr
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
    config.write_text(
        config.read_text(encoding="utf-8") + f'\n[build]\noutput = "{output}"\n', encoding="utf-8"
    )
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
    replace_in(config, 'documents = "tei/documents"', 'documents = ["tei/documents", "letters"]')
    replace_in(config, 'authority = "tei/authority"', 'authority = ["tei/authority/persons.xml"]')
    listed = load_edition(edition_project)
    assert listed.documents_paths == (
        edition_project / "tei" / "documents",
        edition_project / "letters",
    )
    assert listed.documents_dir == edition_project / "tei" / "documents"  # `cables new`
    assert listed.authority_paths == (edition_project / "tei" / "authority" / "persons.xml",)
