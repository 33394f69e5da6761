"""The hardened parser: hostile XML is refused, locations are exact."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from cables.errors import CablesError
from cables.xmlio import parse_xml

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0">&lol9;</TEI>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>&secret;</p></TEI>
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CablesError) as raised:
        parse_xml(write(tmp_path, "laughs.xml", BILLION_LAUGHS))
    assert raised.value.exit_status == 1
    assert "DOCTYPE" in raised.value.message


def test_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    with pytest.raises(CablesError) as raised:
        parse_xml(write(tmp_path, "xxe.xml", EXTERNAL_ENTITY))
    assert "DOCTYPE" in raised.value.message
    assert socket.gethostname() not in str(raised.value)


@pytest.mark.slow
def test_check_output_never_contains_an_entitys_target(edition_project: Path) -> None:
    hostile = edition_project / "tei" / "documents" / "1963-01-01-hostile.xml"
    hostile.write_text(EXTERNAL_ENTITY, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cables", "check"],
        cwd=edition_project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    hostname = Path("/etc/hostname").read_text().strip()
    assert hostname and hostname not in result.stdout + result.stderr
    assert "tei/documents/1963-01-01-hostile.xml:1:1: error: DOCTYPE declarations" in result.stdout


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(CablesError) as raised:
        parse_xml(write(tmp_path, "broken.xml", "<a>\n  <b>text</c>\n</a>\n"))
    error = raised.value
    assert (error.line, error.exit_status) == (2, 1)
    assert error.column and error.column > 1
    assert "not well-formed XML" in error.message
    assert str(error).startswith(f"{tmp_path / 'broken.xml'}:2:")


def test_locate_finds_the_right_element_and_attribute_on_a_shared_line(tmp_path: Path) -> None:
    text = '<r>\n  <a x="1"/><a x="2"  y="3"/>\n</r>\n'
    parsed = parse_xml(write(tmp_path, "same-line.xml", text))
    first, second = parsed.root
    assert parsed.locate(first) == (2, 3)
    assert parsed.locate(second) == (2, 13)
    assert parsed.locate(second, "y") == (2, 23)


def test_unreadable_path_is_an_environment_error(tmp_path: Path) -> None:
    with pytest.raises(CablesError) as raised:
        parse_xml(tmp_path / "missing.xml")
    assert raised.value.exit_status == 2


@pytest.mark.slow
def test_many_comments_do_not_make_the_doctype_guard_backtrack(tmp_path: Path) -> None:
    # The DOCTYPE guard once backtracked exponentially over comments: a file like this
    # hung the checker. Run in a subprocess so that a regression fails instead of hanging.
    path = write(
        tmp_path,
        "comments.xml",
        "<?xml version='1.0'?>" + "<!-- c -->" * 20000 + "<r>" + "<!-- x -->" * 20000 + "</r>",
    )
    code = (
        "from pathlib import Path; from cables.xmlio import parse_xml; "
        f"parse_xml(Path({str(path)!r}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
