"""Property-based fuzzing: mutated real documents and a mutated edition.toml never crash
`cables check` or `cables build`.

Whatever a mutation does (delete, duplicate or swap elements and attributes, truncate the
file, insert control characters; give a configuration value another type, control
characters or an odd path, drop a key or a table), the command ends with exit status 0, 1
or 2 and says something: never a traceback, never a hang. CABLES_FUZZ_EXAMPLES raises the
example count for a long run (`CABLES_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py`).
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import io
import math
import os
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from cables.cli import main
from conftest import REPOSITORY

DOCUMENTS = sorted((REPOSITORY / "tei" / "documents").glob("*.xml"))
CHECK_EXAMPLES = int(os.environ.get("CABLES_FUZZ_EXAMPLES", "200"))
BUILD_EXAMPLES = max(CHECK_EXAMPLES // 4, 50)
#: Characters lxml accepts in text: mutations of the tree stay serialisable; control
#: characters are inserted into the bytes instead (see mutated_document).
XML_TEXT = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
CONTROL_CHARACTERS = [b"\x00", b"\x01", b"\x08", b"\x0b", b"\x1b", b"\x7f", b"\xff", b"\xc3"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("fuzz") / "edition"
    for folder in ("tei", "schema", "xslt"):
        shutil.copytree(REPOSITORY / folder, project / folder)
    shutil.copyfile(REPOSITORY / "edition.toml", project / "edition.toml")
    return project


def mutate_tree(data: bytes, draw) -> bytes:
    root = etree.fromstring(data)
    elements = [e for e in root.iter(etree.Element)][1:]
    for _ in range(draw(st.integers(1, 4))):
        if not elements:
            break
        element = draw(st.sampled_from(elements))
        parent = element.getparent()
        action = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "drop-attribute", "set-attribute", "rename", "text"]
            )
        )
        if action == "delete" and parent is not None:
            parent.remove(element)
            elements = [e for e in root.iter(etree.Element)][1:]
        elif action == "duplicate" and parent is not None:
            element.addnext(copy.deepcopy(element))
            elements = [e for e in root.iter(etree.Element)][1:]
        elif action == "swap" and parent is not None:
            other = draw(st.sampled_from(elements))
            if (
                other is not element
                and other not in element.iterancestors()
                and element not in other.iterancestors()
            ):
                marker = etree.Element("marker")
                element.addprevious(marker)
                other.addprevious(element)
                marker.addprevious(other)
                marker.getparent().remove(marker)
        elif action == "drop-attribute" and element.attrib:
            del element.attrib[draw(st.sampled_from(sorted(element.attrib)))]
        elif action == "set-attribute":
            name = draw(
                st.sampled_from(
                    [
                        "ref",
                        "when",
                        "notBefore",
                        "type",
                        "target",
                        "source",
                        "{http://www.w3.org/XML/1998/namespace}id",
                        "resp",
                        "status",
                    ]
                )
            )
            element.set(
                name,
                draw(
                    st.sampled_from(
                        [
                            "",
                            "#",
                            "../../etc/passwd#x",
                            "/etc/passwd#x",
                            "/dev/zero#x",
                            "/dev/stdin#x",
                            "../../../../../../../../etc/shadow#x",
                            "file:///etc/hostname",
                            "../documents#x",
                            "%2e%2e/authority/persons.xml#x",
                            "javascript:alert(1)",
                            "1963-02-30",
                            "9999-99-99",
                            "#per-peng-zhen",
                            "x y z",
                            "../authority/persons.xml#",
                            "a" * 300,
                            "doc-évé",
                        ]
                    )
                ),
            )
        elif action == "rename":
            element.tag = draw(
                st.sampled_from(
                    [
                        "{http://www.tei-c.org/ns/1.0}foo",
                        "{http://www.tei-c.org/ns/1.0}div",
                        "bar",
                        "{http://www.tei-c.org/ns/1.0}TEI",
                        "{http://www.tei-c.org/ns/1.0}teiHeader",
                    ]
                )
            )
        elif action == "text":
            element.text = draw(st.text(XML_TEXT, max_size=40))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


#: File names a corpus should not hold, or holds at its limits: each is a new file beside
#: the document it copies (so with its ids twice, too).
ODD_NAMES = [
    "caf\u00e9.xml",
    "cafe\u0301.xml",
    "line\nbreak.xml",
    "esc\x1b[31mape.xml",
    "tab\there.xml",
    "index.xml",
    "Search.xml",
    "sitemap.xml",
    " .xml",
    "-dash.xml",
    "会谈记录.xml",
    "a" * 200 + ".xml",
]


@st.composite
def mutated_document(draw) -> tuple[Path, bytes, str | None]:
    path, data = draw(mutated_content())
    return path, data, draw(st.none() | st.sampled_from(ODD_NAMES))


@st.composite
def mutated_content(draw) -> tuple[Path, bytes]:
    path = draw(st.sampled_from(DOCUMENTS))
    data = path.read_bytes()
    kind = draw(st.sampled_from(["tree", "tree", "tree", "truncate", "control"]))
    if kind == "tree":
        data = mutate_tree(data, draw)
    elif kind == "truncate":
        data = data[: draw(st.integers(0, len(data) - 1))]
    else:
        for _ in range(draw(st.integers(1, 5))):
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.sampled_from(CONTROL_CHARACTERS)) + data[at:]
    return path, data


# ------------------------------------------------------------------ edition.toml

CONFIG = tomllib.loads((REPOSITORY / "edition.toml").read_text(encoding="utf-8"))
#: Text values a configuration should not hold, or holds at its limits.
ODD_TEXT = [
    "",
    " ",
    "a\x00b",
    "a\x07b",
    "\x1b[2J",
    "line\nbreak",
    "tab\there",
    "del\x7f",
    "nel\x85",
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "data:text/html,x",
    "https://example.org/",
    "mailto:x@example.org",
    "../outside",
    "/etc",
    ".",
    "tei",
    "tei/documents",
    "tei/documents/out",
    "schema",
    "xslt",
    "build",
    "2026-13-45",
    "2026-02-29",
    "2024-02-29",
    "0000-01-01",
    "lenient",
    "strict",
    "</script><!--<script>",
    "会谈\u2028记录",
    "x" * 500,
]
#: Values of every TOML type.
ODD_VALUE = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.lists(st.sampled_from(ODD_TEXT[:12]) | st.integers(), max_size=3),
    st.dictionaries(st.sampled_from(["a", "title", "documents"]), st.integers(), max_size=2),
)


#: How a TOML basic string writes the characters it may not hold as they are.
TOML_ESCAPES = {
    **{code: f"\\u{code:04x}" for code in (*range(0x20), *range(0x7F, 0xA0))},
    ord("\\"): "\\\\",
    ord('"'): '\\"',
}


def toml_key(key: str) -> str:
    return toml_value(key)


def toml_value(value: object) -> str:
    """`value` written as TOML (tomllib reads but does not write)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else "inf" if value > 0 else "-inf"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return '"' + value.translate(TOML_ESCAPES) + '"'


def toml_document(config: dict) -> str:
    lines = [
        f"{toml_key(k)} = {toml_value(v)}" for k, v in config.items() if not isinstance(v, dict)
    ]
    for name, table in config.items():
        if isinstance(table, dict):
            lines.append(f"[{toml_key(name)}]")
            lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


@st.composite
def mutated_config(draw) -> bytes:
    config = copy.deepcopy(CONFIG)
    config["check"] = {"validation": "strict"}
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(sorted(config)))
        action = draw(st.sampled_from(["set", "set", "set", "add", "drop", "drop-table", "scalar"]))
        if action == "drop-table":
            del config[table]
        elif action == "scalar":
            config[table] = draw(ODD_VALUE)
        elif not isinstance(config[table], dict):
            continue
        elif action == "drop" and config[table]:
            del config[table][draw(st.sampled_from(sorted(config[table])))]
        else:
            keys = sorted(config[table]) if action == "set" and config[table] else []
            key = draw(st.sampled_from(keys)) if keys else draw(st.sampled_from(["extra", "a\x01"]))
            config[table][key] = draw(ODD_VALUE)
    data = toml_document(config).encode("utf-8")
    kind = draw(st.sampled_from(["toml", "toml", "toml", "utf-16", "bytes", "truncate"]))
    if kind == "utf-16":
        data = data.decode("utf-8").encode("utf-16")
    elif kind == "bytes":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(CONTROL_CHARACTERS)) + data[at:]
    elif kind == "truncate":
        data = data[: draw(st.integers(0, len(data) - 1))]
    return data


def run(arguments: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(arguments)
    return status, out.getvalue() + err.getvalue()


def exercise(project: Path, case: tuple[Path, bytes, str | None], command: list[str]) -> None:
    original, data, odd_name = case
    target = project / "tei" / "documents" / original.name
    saved = target.read_bytes()
    added = project / "tei" / "documents" / odd_name if odd_name else None
    target.write_bytes(data)
    if added is not None:
        added.write_bytes(saved)
    try:
        # Any exception escaping main() is a traceback for the user: the test fails.
        status, output = run(["--project", str(project), *command])
    finally:
        target.write_bytes(saved)
        if added is not None:
            added.unlink()
    assert status in (0, 1, 2)
    assert output.strip(), "the command said nothing"
    if status == 1:
        assert "error" in output


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=60_000,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.mark.slow
@fuzz_settings(CHECK_EXAMPLES)
@given(case=mutated_document())
def test_check_survives_mutated_documents(project: Path, case) -> None:
    exercise(project, case, ["check"])


@pytest.mark.slow
@fuzz_settings(BUILD_EXAMPLES)
@given(case=mutated_document())
def test_build_survives_mutated_documents(project: Path, case) -> None:
    exercise(project, case, ["build", "html"])


def exercise_config(project: Path, data: bytes, command: list[str]) -> None:
    config = project / "edition.toml"
    saved = config.read_bytes()
    config.write_bytes(data)
    try:
        status, output = run(["--project", str(project), *command])
    finally:
        config.write_bytes(saved)
    assert status in (0, 1, 2)
    assert output.strip(), "the command said nothing"


def test_the_config_writer_of_these_tests_round_trips() -> None:
    assert tomllib.loads(toml_document(CONFIG)) == CONFIG
    odd = {"t": {"a\x01": 'x\x00\\"\x85\u2028', "d": datetime.date(2026, 1, 2), "n": [1, "a"]}}
    assert tomllib.loads(toml_document(odd)) == odd


@pytest.mark.slow
@fuzz_settings(CHECK_EXAMPLES)
@given(data=mutated_config())
def test_check_survives_a_mutated_config(project: Path, data: bytes) -> None:
    exercise_config(project, data, ["check"])


@pytest.mark.slow
@fuzz_settings(BUILD_EXAMPLES // 2)
@given(data=mutated_config())
def test_build_survives_a_mutated_config(project: Path, data: bytes) -> None:
    exercise_config(project, data, ["build", "html"])
