"""Any corpus: a project made by `cables init`, filled with TEI from other projects, builds.

The third-party files (../shared/external/tei/) fail the edition's strict XSD, so the
project sets `[check] validation = "lenient"` in edition.toml; nothing else is configured.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import html

from cables.diagnostics import ERROR, WARNING, Diagnostic
from cables.strictness import LENIENT, STRICT, apply_strictness
from conftest import REPOSITORY, SHARED, init_project, replace_in, run_cables

EXTERNAL_TEI = SHARED / "external" / "tei"
LETTER = "schnitzler_L01534.xml"  # a letter edition (Schnitzler to Bahr, 1905)
FRUS = "frus_frus1894Nicaragua.xml"  # a whole FRUS volume, 1 MB
CRITICAL = "pta_pta0040.pta001.pta-grc1.xml"  # a critical edition in Greek, with apparatus
#: Words of each document's text that its page must show.
TEXTS = {
    LETTER: ["Reichenau", "lieber Hermann"],
    FRUS: ["Bluefields", "Mosquito Reservation", "The Secretary of State"],
    CRITICAL: ["ἀγαπητοί", "κυριακὴν"],
}

pytestmark = pytest.mark.shared(*(f"external/tei/{name}" for name in TEXTS))


def lenient_project(target: Path, *documents: str) -> Path:
    project = init_project(target)
    for name in documents:
        shutil.copyfile(EXTERNAL_TEI / name, project / "tei" / "documents" / name)
    replace_in(project / "edition.toml", 'validation = "strict"', 'validation = "lenient"')
    return project


def page_text(page: Path) -> str:
    return " ".join(html.parse(str(page)).getroot().text_content().split())


@pytest.mark.slow
def test_third_party_tei_builds_and_reports_generic_rendering(tmp_path: Path) -> None:
    project = init_project(tmp_path / "foreign")
    for name in TEXTS:
        shutil.copyfile(EXTERNAL_TEI / name, project / "tei" / "documents" / name)

    # Under the edition's own schema the files are rejected, as they should be ...
    strict = run_cables("check", cwd=project)
    assert strict.returncode == 1
    assert "[xsd]" in strict.stdout

    # ... and with one line of configuration they build.
    replace_in(project / "edition.toml", 'validation = "strict"', 'validation = "lenient"')
    result = run_cables("build", "html", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "built build/site" in result.stdout.splitlines()
    # Their pointers into their own projects' other files are warnings, not errors.
    assert "warning:" in result.stderr and "[pointer-unresolved]" in result.stderr
    assert "[xsd]" not in result.stderr

    site = project / "build" / "site"
    links = {a.get("href") for a in html.parse(str(site / "index.html")).iter("a")}
    for name, words in TEXTS.items():
        page = site / name.replace(".xml", ".html")
        assert page.is_file(), name
        shown = page_text(page)
        missing = [word for word in words if word not in shown]
        assert not missing, f"{name}: {missing}"
        assert (site / "tei" / "documents" / name).is_file()  # at its place in the project
        assert name.replace(".xml", ".html") in links  # listed on the home page

    # The report names the elements only the generic rule rendered, with their numbers:
    # the PTA file has 330 app and 433 rdg; the letters' closers and datelines have rules.
    (report,) = [line for line in result.stdout.splitlines() if line.startswith("generic")]
    counts = dict(
        (item.rsplit(" (", 1)[0], int(item.rsplit(" (", 1)[1].rstrip(")")))
        for item in report.removeprefix("generic rendering: ").split(", ")
    )
    assert counts["app"] == 330 and counts["rdg"] == 433
    assert "closer" not in counts and "dateline" not in counts, counts
    assert list(counts.values()) == sorted(counts.values(), reverse=True)
    assert "xslt/common/text.xsl" in result.stdout
    critical = html.parse(str(site / CRITICAL.replace(".xml", ".html")))
    assert len(critical.xpath("//*[contains(@class, 'tei-app')]")) == 330


@pytest.mark.slow
def test_the_edition_itself_has_no_generic_rendering(tmp_path: Path) -> None:
    project = init_project(tmp_path / "own")
    result = run_cables("build", "html", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not [line for line in result.stdout.splitlines() if line.startswith("generic")]


@pytest.mark.slow
def test_lenient_mode_still_holds_well_formedness_ids_and_link_safety(tmp_path: Path) -> None:
    project = lenient_project(tmp_path / "foreign", LETTER)
    letter = project / "tei" / "documents" / LETTER
    result = run_cables("check", cwd=project)
    assert result.returncode == 0, result.stdout
    assert "error:" not in result.stdout

    replace_in(letter, '<title level="s">', '<title level="s" xml:id="L01534">')
    result = run_cables("check", cwd=project)
    assert result.returncode == 1
    assert "[id-duplicate]" in result.stdout

    replace_in(letter, '<title level="s" xml:id="L01534">', '<title level="s">')
    replace_in(letter, "<teiHeader>", "<teiHeader><broken>")
    result = run_cables("check", cwd=project)
    assert result.returncode == 1
    assert "not well-formed XML" in result.stdout and "[well-formed]" in result.stdout


def test_strictness_keeps_only_what_any_tei_must_satisfy() -> None:
    findings = [
        Diagnostic("a.xml", 1, 1, ERROR, "xsd", "not allowed"),
        Diagnostic("a.xml", 2, 1, ERROR, "name-without-ref", "no @ref"),
        Diagnostic("a.xml", 3, 1, ERROR, "document-id-filename", "id"),
        Diagnostic("a.xml", 4, 1, ERROR, "pointer-unresolved", "nothing there"),
        Diagnostic("a.xml", 5, 1, ERROR, "id-duplicate", "twice"),
        Diagnostic("a.xml", 6, 1, WARNING, "link-unsafe-scheme", "javascript:"),
        Diagnostic("a.xml", 7, 1, ERROR, "well-formed", "broken"),
    ]
    assert apply_strictness(findings, STRICT) == findings
    lenient = apply_strictness(findings, LENIENT)
    assert [(d.line, d.rule, d.severity) for d in lenient] == [
        (4, "pointer-unresolved", WARNING),
        (5, "id-duplicate", ERROR),
        (6, "link-unsafe-scheme", WARNING),
        (7, "well-formed", ERROR),
    ]


@pytest.mark.slow
def test_an_unknown_validation_mode_is_a_usage_error(tmp_path: Path) -> None:
    project = init_project(tmp_path / "project")
    replace_in(project / "edition.toml", 'validation = "strict"', 'validation = "loose"')
    result = run_cables("check", cwd=project)
    assert result.returncode == 2
    assert "[check] validation must be one of strict, lenient, not 'loose'" in result.stderr


@pytest.mark.slow
def test_lenient_mode_does_not_apply_the_edition_schema(tmp_path: Path) -> None:
    """Lenient drops every finding of the edition's XSD and Schematron, so it does not run
    them (on large foreign files they cost more than all the rest); the cache knows the
    mode, so turning strict on again brings their findings back."""
    project = lenient_project(tmp_path / "foreign", LETTER)
    # A schema of the project's own (init copies none), broken.
    shutil.copytree(REPOSITORY / "schema", project / "schema")
    (project / "schema" / "cables.sch").write_text("not a schema", encoding="utf-8")
    lenient = run_cables("check", cwd=project)
    assert lenient.returncode == 0, lenient.stdout + lenient.stderr
    shutil.copyfile(REPOSITORY / "schema" / "cables.sch", project / "schema" / "cables.sch")
    replace_in(project / "edition.toml", 'validation = "lenient"', 'validation = "strict"')
    strict = run_cables("check", cwd=project)
    assert strict.returncode == 1 and "[xsd]" in strict.stdout
