"""cables.transform on its own: stylesheets compiled once per run, parameters passed with
their types, results as text or files, the customisation layer in place of an entry, and
every failure of Saxon raised as the one error type with the stylesheet's file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cables.errors import EXIT_USAGE, CablesError
from cables.transform import (
    HTML_ENTRY,
    PRINT_ENTRY,
    Stylesheets,
    edition_customisations,
    stylesheet_modules,
)

XSL = "http://www.w3.org/1999/XSL/Transform"


def stylesheet(body: str, *, extra: str = "") -> str:
    return (
        f'<xsl:stylesheet version="3.0" xmlns:xsl="{XSL}" '
        f'xmlns:xs="http://www.w3.org/2001/XMLSchema" {extra}>\n'
        '  <xsl:output method="text"/>\n'
        f"{body}\n"
        "</xsl:stylesheet>\n"
    )


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def xslt(tmp_path: Path) -> Path:
    """An xslt/ folder with a stylesheet that echoes its typed parameters and its input."""
    folder = tmp_path / "xslt"
    write(
        folder,
        "echo.xsl",
        stylesheet(
            '  <xsl:param name="word" as="xs:string" select="\'none\'"/>\n'
            '  <xsl:param name="number" as="xs:integer" select="0"/>\n'
            '  <xsl:param name="flag" as="xs:boolean" select="false()"/>\n'
            '  <xsl:template match="/">{$word} {$number + 1} {not($flag)} {/*/@n}</xsl:template>\n'
            '  <xsl:template name="start">started {$word}</xsl:template>\n'
            '  <xsl:template name="start-on-input">started on {/*/@n}</xsl:template>',
            extra='expand-text="yes"',
        ),
    )
    return folder


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return write(tmp_path, "in.xml", '<doc n="7"/>\n')


def test_parameters_keep_their_types_and_are_cleared_between_runs(xslt: Path, source: Path) -> None:
    stylesheets = Stylesheets(xslt)
    parameters = {"word": "café", "number": 41, "flag": True}
    assert stylesheets.run("echo.xsl", source=source, parameters=parameters) == "café 42 false 7"
    # The next run without parameters sees the defaults, not the last run's values.
    assert stylesheets.run("echo.xsl", source=source) == "none 1 true 7"


def test_a_parameter_of_the_wrong_type_is_a_stylesheet_error(xslt: Path, source: Path) -> None:
    with pytest.raises(CablesError) as raised:
        Stylesheets(xslt).run("echo.xsl", source=source, parameters={"number": "many"})
    assert raised.value.message.startswith("stylesheet error XPTY0004:")
    assert "$number" in raised.value.message
    assert raised.value.path == (xslt / "echo.xsl").resolve()


def test_a_stylesheet_is_compiled_once_per_run(xslt: Path, source: Path) -> None:
    stylesheets = Stylesheets(xslt)
    first = stylesheets.compiled("echo.xsl")
    assert stylesheets.run("echo.xsl", source=source) == "none 1 true 7"
    # Changed on disk during the run: the run keeps the stylesheet it compiled.
    (xslt / "echo.xsl").write_text(stylesheet('<xsl:template match="/">new</xsl:template>'))
    assert stylesheets.compiled("echo.xsl") is first
    assert stylesheets.run("echo.xsl", source=source) == "none 1 true 7"
    assert Stylesheets(xslt).run("echo.xsl", source=source) == "new"


def test_a_named_template_runs_with_or_without_a_context_item(xslt: Path, source: Path) -> None:
    stylesheets = Stylesheets(xslt)
    assert stylesheets.run("echo.xsl", template="start") == "started none"
    parsed = stylesheets.parse(source)
    assert stylesheets.run("echo.xsl", source=parsed, template="start-on-input") == "started on 7"
    assert stylesheets.run("echo.xsl", source=parsed) == "none 1 true 7"


def test_results_go_to_the_output_file_and_result_documents_beside_the_base(
    tmp_path: Path, source: Path
) -> None:
    folder = tmp_path / "xslt"
    write(
        folder,
        "split.xsl",
        stylesheet(
            '  <xsl:template match="/">main<xsl:result-document href="pages/one.txt">'
            "one</xsl:result-document></xsl:template>"
        ),
    )
    out = tmp_path / "out"
    out.mkdir()
    result = Stylesheets(folder).run(
        "split.xsl", source=source, output=tmp_path / "main.txt", output_base=out
    )
    assert result is None
    assert (tmp_path / "main.txt").read_text() == "main"
    assert (out / "pages" / "one.txt").read_text() == "one"


def test_a_missing_stylesheet_is_an_error_naming_it(xslt: Path) -> None:
    with pytest.raises(CablesError) as raised:
        Stylesheets(xslt).compiled("html/nothing.xsl")
    assert raised.value.message == "stylesheet not found"
    assert raised.value.path == (xslt / "html" / "nothing.xsl").resolve()
    assert raised.value.exit_status == EXIT_USAGE


def test_a_static_error_names_the_included_module_and_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "xslt"
    write(folder, "main.xsl", stylesheet('  <xsl:include href="common/part.xsl"/>'))
    write(
        folder,
        "common/part.xsl",
        stylesheet('  <xsl:template match="/">\n    <xsl:value-of selec="1"/>\n  </xsl:template>'),
    )
    with pytest.raises(CablesError) as raised:
        Stylesheets(folder).compiled("main.xsl")
    error = raised.value
    assert error.path == folder / "common" / "part.xsl"
    assert error.line == 4
    assert error.message.startswith("stylesheet error XTSE")
    assert "fault in the stylesheet, not in your documents" in error.hint
    assert str(error).startswith(f"{folder / 'common' / 'part.xsl'}:4:")


def test_a_dynamic_error_carries_saxons_code_and_message(tmp_path: Path, source: Path) -> None:
    folder = tmp_path / "xslt"
    write(
        folder,
        "fail.xsl",
        stylesheet(
            '  <xsl:template match="/">\n'
            "    <xsl:sequence select=\"error(xs:QName('CBLE0001'), 'no such register')\"/>\n"
            "  </xsl:template>"
        ),
    )
    with pytest.raises(CablesError) as raised:
        Stylesheets(folder).run("fail.xsl", source=source)
    assert raised.value.message == "stylesheet error CBLE0001: no such register"
    assert raised.value.path == folder / "fail.xsl"
    assert raised.value.line == 4


def test_a_document_with_a_doctype_is_refused(xslt: Path, tmp_path: Path) -> None:
    document = write(tmp_path, "dtd.xml", '<!DOCTYPE doc [<!ENTITY e "x">]>\n<doc>&e;</doc>\n')
    stylesheets = Stylesheets(xslt)
    with pytest.raises(CablesError) as raised:
        stylesheets.parse(document)
    assert raised.value.message.startswith("cannot read XML: ")
    assert raised.value.path == document
    with pytest.raises(CablesError):
        stylesheets.run("echo.xsl", source=document)


def test_a_customisation_takes_the_place_of_its_entry(
    xslt: Path, tmp_path: Path, source: Path
) -> None:
    custom = write(
        tmp_path,
        "custom/html.xsl",
        stylesheet('  <xsl:template match="/">customised</xsl:template>'),
    )
    write(xslt, HTML_ENTRY, stylesheet('  <xsl:template match="/">packaged</xsl:template>'))
    stylesheets = Stylesheets(xslt, {HTML_ENTRY: str(custom)})
    assert stylesheets.source(HTML_ENTRY) == custom.resolve()
    assert stylesheets.source("echo.xsl") == (xslt / "echo.xsl").resolve()
    assert stylesheets.run(HTML_ENTRY, source=source) == "customised"


def test_an_error_in_a_customisation_blames_the_customisation(xslt: Path, tmp_path: Path) -> None:
    custom = write(
        tmp_path,
        "custom/html.xsl",
        stylesheet('  <xsl:import href="cables:xslt/nothing.xsl"/>'),
    )
    with pytest.raises(CablesError) as raised:
        Stylesheets(xslt, {HTML_ENTRY: str(custom)}).compiled(HTML_ENTRY)
    assert raised.value.path == custom
    assert raised.value.line == 3
    assert "the edition's customisation stylesheet" in raised.value.hint


def test_edition_customisations_name_only_the_layers_given(tmp_path: Path) -> None:
    class Edition:
        html_customisation = tmp_path / "h.xsl"
        print_customisation = None

    assert edition_customisations(Edition()) == {HTML_ENTRY: str(tmp_path / "h.xsl")}
    Edition.print_customisation = tmp_path / "p.xsl"
    assert edition_customisations(Edition())[PRINT_ENTRY] == str(tmp_path / "p.xsl")


def test_stylesheet_modules_follow_relative_imports_and_includes(tmp_path: Path) -> None:
    main = write(
        tmp_path,
        "custom/main.xsl",
        stylesheet(
            '  <xsl:import href="cables:xslt/html/site.xsl"/>\n'
            '  <xsl:import href="parts/a%20b.xsl"/>\n'
            '  <xsl:include href="../shared/c.xsl"/>\n'
            '  <xsl:include href="missing.xsl"/>'
        ),
    )
    part = write(
        tmp_path, "custom/parts/a b.xsl", stylesheet('  <xsl:include href="../main.xsl"/>')
    )
    shared = write(tmp_path, "shared/c.xsl", "<not well-formed")
    write(tmp_path, "custom/unused.xsl", stylesheet(""))
    # The packaged import is keyed by the cables version; a cycle is followed once; a
    # module that does not parse is still a module (Saxon reports it).
    assert stylesheet_modules(main) == sorted([main, part, shared])
