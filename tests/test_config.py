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
