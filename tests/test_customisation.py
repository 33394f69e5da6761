"""A project holds only what it changes: the packaged stylesheets and schema are the
default, and a customisation layer (a stylesheet per output that imports the packaged one,
CSS, a template for `cables new`) changes what it names and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cables.config import load_edition
from cables.errors import CablesError
from cables.pdf import write_print_html
from cables.transform import Stylesheets
from cables.xmlio import parse_xml
from conftest import REPOSITORY, build_html, digest, init_project, replace_in, run_cables

pytestmark = pytest.mark.slow

EPOCH = {"SOURCE_DATE_EPOCH": "1764201600"}  # 2025-11-27
BUILD_DATE = "2025-11-27"

#: A customisation of one template, in the pattern of xslTNG's customisation layer: it
#: imports the packaged stylesheet by its stable URI and overrides how a person's name is
#: rendered, keeping the packaged rendering inside (xsl:next-match).
PERSON_CUSTOMISATION = """\
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:m="urn:cables:modes"
    xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">
  <xsl:import href="cables:xslt/{entry}"/>
  <xsl:template match="tei:persName" mode="m:text">
    <x-person><xsl:next-match/></x-person>
  </xsl:template>
</xsl:stylesheet>
"""


def customise(project: Path, settings: str) -> None:
    """Put `settings` in place of the [build] output line (and the empty css list) of the
    edition.toml `cables init` wrote."""
    config = project / "edition.toml"
    if "css =" in settings:
        replace_in(config, "css = []\n", "")
    replace_in(config, '[build]\noutput = "build"\n', f"[build]\n{settings}\n")


def write_person_customisation(project: Path) -> None:
    (project / "custom").mkdir()
    for name, entry in (("html", "html/site.xsl"), ("print", "print/book.xsl")):
        (project / "custom" / f"{name}.xsl").write_text(
            PERSON_CUSTOMISATION.format(entry=entry), encoding="utf-8"
        )
    customise(
        project,
        'output = "build"\n'
        'html_customisation = "custom/html.xsl"\n'
        'print_customisation = "custom/print.xsl"',
    )


def print_html(project: Path, scratch: Path) -> dict[str, bytes]:
    edition = load_edition(project)
    folder = write_print_html(edition, Stylesheets.for_edition(edition), BUILD_DATE, scratch)
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def without_people(content: bytes) -> bytes:
    return content.replace(b"<x-person>", b"").replace(b"</x-person>", b"")


def test_a_one_template_customisation_changes_that_rendering_and_no_other_byte(
    tmp_path: Path,
) -> None:
    default = init_project(tmp_path / "default")
    custom = tmp_path / "custom-edition"
    shutil.copytree(default, custom)
    write_person_customisation(custom)

    default_site = build_html(default, **EPOCH)
    custom_site = build_html(custom, **EPOCH)
    before, after = digest(default_site), digest(custom_site)
    assert sorted(before) == sorted(after)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == ["1900-01-15-example-report.html"]  # the page that names a person
    for name in changed:
        page = (custom_site / name).read_bytes()
        assert page.count(b"<x-person>") == 2  # the addressee and the person in the text
        assert without_people(page) == (default_site / name).read_bytes()

    default_print = print_html(default, tmp_path / "scratch-default")
    custom_print = print_html(custom, tmp_path / "scratch-custom")
    assert sorted(default_print) == sorted(custom_print)
    changed = [name for name in default_print if default_print[name] != custom_print[name]]
    assert changed and all(name.endswith(".html") for name in changed)
    for name in changed:
        assert b"<x-person>" in custom_print[name]
        assert without_people(custom_print[name]) == default_print[name]


def test_the_projects_css_is_loaded_after_the_default_on_the_web_and_in_print(
    tmp_path: Path,
) -> None:
    project = init_project(tmp_path / "ed")
    (project / "style").mkdir()
    (project / "style" / "custom.css").write_text(".name { color: teal; }\n", encoding="utf-8")
    customise(project, 'output = "build"\ncss = ["style/custom.css"]')

    site = build_html(project, **EPOCH)
    assert (site / "assets" / "custom.css").read_bytes() == b".name { color: teal; }\n"
    page = (site / "index.html").read_text(encoding="utf-8")
    default_link = page.index('href="assets/edition.css"')
    assert default_link < page.index('href="assets/custom.css"')

    printed = print_html(project, tmp_path / "scratch")
    assert printed["custom.css"] == b".name { color: teal; }\n"
    book = printed["edition.html"].decode()
    assert book.index('href="print.css"') < book.index('href="custom.css"')
    document = printed["documents/doc-1900-01-15-example-report.html"].decode()
    assert document.index('href="../print.css"') < document.index('href="../custom.css"')


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('html_customisation = "custom/missing.xsl"', "names a file that does not exist"),
        ('print_customisation = "../outside.xsl"', "points outside the project"),
        ('css = ["style/edition.css"]', "must be a .css file with a name of its own"),
        ('css = ["style/a.css", "other/a.css"]', "has the file name of another in the list"),
        ('css = "style/a.css"', "must be a list of paths"),
    ],
)
def test_a_customisation_that_cannot_be_used_is_an_error(
    tmp_path: Path, settings: str, message: str
) -> None:
    project = init_project(tmp_path / "ed", example=False)
    for name in ("style/edition.css", "style/a.css", "other/a.css"):
        (project / name).parent.mkdir(exist_ok=True)
        (project / name).write_text("p {}\n", encoding="utf-8")
    customise(project, f'output = "build"\n{settings}')
    with pytest.raises(CablesError) as raised:
        load_edition(project)
    assert message in raised.value.message
    result = run_cables("check", cwd=project)
    assert result.returncode == 2 and message in result.stderr


def test_an_error_in_a_customisation_names_its_file_and_line(tmp_path: Path) -> None:
    project = init_project(tmp_path / "ed", example=False)
    write_person_customisation(project)
    replace_in(project / "custom" / "html.xsl", "<xsl:next-match/>", "<xsl:next-match>")
    result = run_cables("build", "html", cwd=project)
    assert result.returncode == 2
    assert "custom/html.xsl:" in result.stderr, result.stderr


def test_a_customisation_imports_only_what_the_catalog_names(tmp_path: Path) -> None:
    project = init_project(tmp_path / "ed", example=False)
    write_person_customisation(project)
    replace_in(
        project / "custom" / "html.xsl", "cables:xslt/html/site.xsl", "cables:xslt/nothing.xsl"
    )
    result = run_cables("build", "html", cwd=project)
    assert result.returncode == 2
    assert "custom/html.xsl:4:" in result.stderr, result.stderr


def test_new_documents_start_from_the_projects_template(tmp_path: Path) -> None:
    project = init_project(tmp_path / "ed")
    template = project / "custom" / "document.xml"
    template.parent.mkdir()
    shutil.copyfile(REPOSITORY / "src" / "cables" / "templates" / "document.xml", template)
    replace_in(template, "<teiHeader>", '<teiHeader xml:lang="en">')
    replace_in(project / "edition.toml", "# template = ", "template = ")
    result = run_cables(
        "new", "--date", "1900-02-01", "--title", "A report", "--type", "report", cwd=project
    )
    assert result.returncode == 0, result.stderr
    made = parse_xml(project / "tei" / "documents" / "1900-02-01-a-report.xml").root
    header = made.find("{http://www.tei-c.org/ns/1.0}teiHeader")
    assert header.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_a_template_without_what_cables_new_fills_in_is_an_error(tmp_path: Path) -> None:
    project = init_project(tmp_path / "ed")
    template = project / "custom" / "document.xml"
    template.parent.mkdir()
    template.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n', encoding="utf-8")
    replace_in(project / "edition.toml", "# template = ", "template = ")
    result = run_cables("new", "--date", "1900-02-01", "--title", "A report", cwd=project)
    assert result.returncode == 2
    assert "custom/document.xml" in result.stderr
    assert "the template of cables new must have one" in result.stderr


# ------------------------------------------------------------ a project made before


@pytest.mark.parametrize("named", [True, False], ids=["named", "at-the-old-defaults"])
def test_a_project_with_its_own_copies_keeps_building_with_them(
    tmp_path: Path, named: bool
) -> None:
    """A project made when cables init copied schema/ and xslt/ (edition.toml naming them,
    or relying on the old defaults) builds with its copies after an upgrade, and cables
    never writes into them."""
    project = init_project(tmp_path / "old")
    for folder in ("schema", "xslt"):
        shutil.copytree(REPOSITORY / folder, project / folder)
    (project / "xslt" / "catalog.xml").unlink()  # the copies were made before it existed
    with open(project / "xslt/html/assets/edition.css", "a", encoding="utf-8") as css:
        css.write("/* the edition's own change */\n")
    if named:
        replace_in(
            project / "edition.toml",
            "[schema]\n",
            '[schema]\nxsd = "schema/cables.xsd"\nschematron = "schema/cables.sch"\n'
            'odd = "schema/cables.odd"\n',
        )
        customise(project, 'xslt = "xslt"\noutput = "build"')
    edition = load_edition(project)
    assert edition.xslt_dir == project / "xslt"
    assert edition.xsd_path == project / "schema" / "cables.xsd"
    copies = {folder: digest(project / folder) for folder in ("schema", "xslt")}

    site = build_html(project, **EPOCH)
    assert b"the edition's own change" in (site / "assets" / "edition.css").read_bytes()
    checked = run_cables("check", cwd=project)
    assert checked.returncode == 0, checked.stdout
    assert {folder: digest(project / folder) for folder in copies} == copies
