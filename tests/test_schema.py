"""The TEI customisation: the ODD and the XSD agree, and every file conforms to tei_all."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from cables import data
from cables.xmlio import parse_xml
from conftest import FIXTURES, REPOSITORY, SHARED, TEI_ALL_RNG, init_project, run_cables

SCHEMA = REPOSITORY / "schema"
ODD = SCHEMA / "cables.odd"
XSD = SCHEMA / "cables.xsd"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}
GLOBAL_ATTRIBUTES = {"xml:id", "xml:lang", "n"}
XML_PREFIX = "{http://www.w3.org/XML/1998/namespace}"


@pytest.fixture(scope="module")
def xsd() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


@pytest.fixture(scope="module")
def odd() -> etree._Element:
    return parse_xml(ODD).root


def xsd_attributes(xsd: xmlschema.XMLSchema, element: str) -> dict[str, object]:
    attributes = {}
    for name, attribute in xsd.elements[element].attributes.items():
        if name is None:
            continue
        attributes[name.replace(XML_PREFIX, "xml:")] = attribute
    return attributes


def odd_elements(odd: etree._Element) -> dict[str, etree._Element]:
    return {
        spec.get("ident"): spec for spec in odd.iterfind(".//tei:schemaSpec/tei:elementSpec", NS)
    }


def test_odd_specifies_exactly_the_elements_of_the_xsd(xsd, odd) -> None:
    specified = set(odd_elements(odd))
    included = {
        name
        for ref in odd.iterfind(".//tei:schemaSpec/tei:moduleRef", NS)
        for name in (ref.get("include") or "").split()
    }
    declared = set(xsd.elements)
    assert specified == declared, (
        f"ODD only: {specified - declared}; XSD only: {declared - specified}"
    )
    assert included == declared, f"ODD only: {included - declared}; XSD only: {declared - included}"


def test_odd_global_attributes_are_those_of_every_xsd_element(xsd, odd) -> None:
    (att_global,) = odd.iterfind(".//tei:schemaSpec/tei:classSpec[@ident='att.global']", NS)
    kept = {
        d.get("ident")
        for d in att_global.iterfind(".//tei:attDef", NS)
        if d.get("mode") != "delete"
    }
    assert kept == GLOBAL_ATTRIBUTES
    for element in xsd.elements:
        assert GLOBAL_ATTRIBUTES <= set(xsd_attributes(xsd, element)), element


def test_odd_and_xsd_allow_the_same_attributes_per_element(xsd, odd) -> None:
    for element, spec in odd_elements(odd).items():
        in_odd = {
            d.get("ident")
            for d in spec.iterfind("tei:attList/tei:attDef", NS)
            if d.get("mode") != "delete"
        }
        in_xsd = set(xsd_attributes(xsd, element)) - GLOBAL_ATTRIBUTES
        assert in_odd == in_xsd, (
            f"<{element}>: ODD only {in_odd - in_xsd}, XSD only {in_xsd - in_odd}"
        )


def test_closed_value_lists_match_the_xsd_enumerations(xsd, odd) -> None:
    closed_lists = 0
    for element, spec in odd_elements(odd).items():
        attributes = xsd_attributes(xsd, element)
        for definition in spec.iterfind("tei:attList/tei:attDef", NS):
            name = definition.get("ident")
            enumeration = attributes[name].type.enumeration if name in attributes else None
            value_list = definition.find("tei:valList[@type='closed']", NS)
            if value_list is None:
                assert not enumeration, (
                    f"<{element} @{name}> is closed in the XSD but not in the ODD"
                )
                continue
            closed_lists += 1
            values = [item.get("ident") for item in value_list.iterfind("tei:valItem", NS)]
            assert values and set(values) == set(enumeration or []), f"<{element} @{name}>"
    # document types, note types, statuses and classification marks at the least
    assert closed_lists >= 4


def test_every_element_is_documented_with_a_remark_and_an_example(odd) -> None:
    for element, spec in odd_elements(odd).items():
        remark = " ".join("".join(spec.find("tei:remarks", NS).itertext()).split())
        assert len(remark) > 20, element
        assert spec.find("tei:exemplum/{http://www.tei-c.org/ns/Examples}egXML", NS) is not None, (
            element
        )


def tei_files() -> list[Path]:
    files = sorted((REPOSITORY / "tei").rglob("*.xml"))
    files += sorted((FIXTURES / "edition" / "tei").rglob("*.xml"))
    return files + [ODD]


def jing(*files: Path) -> subprocess.CompletedProcess:
    assert shutil.which("jing"), "jing is not installed: run `make test`, which installs it"
    return subprocess.run(
        ["jing", str(TEI_ALL_RNG), *map(str, files)], capture_output=True, text=True, timeout=600
    )


@pytest.mark.shared("external/schemas/tei_all.rng", "external/invalid/stylesheets_testrend.xml")
@pytest.mark.slow
def test_jing_reports_errors_in_an_invalid_tei_file() -> None:
    # Guards the conformance test below: Jing must really see errors, with locations.
    invalid = SHARED / "external" / "invalid" / "stylesheets_testrend.xml"
    result = jing(invalid)
    assert result.returncode != 0
    assert f"{invalid}:" in result.stdout


@pytest.mark.shared("external/schemas/tei_all.rng")
@pytest.mark.slow
def test_every_tei_file_conforms_to_tei_all() -> None:
    files = tei_files()
    assert len(files) > 5
    result = jing(*files)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert result.returncode == 0 and errors == [], "\n".join(errors[:40])


def assert_points_at_the_schema(path: Path) -> None:
    """The file's two <?xml-model?> lines name the XSD and the Schematron, and both exist."""
    tree = parse_xml(path).tree
    models = [
        node
        for node in tree.getroot().itersiblings(preceding=True)
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model"
    ]
    hrefs = sorted(node.get("href") for node in models)
    assert len(hrefs) == 2, path
    for href in hrefs:
        # The packaged schema by its stable name (xslt/catalog.xml), a project's own by path.
        named = href.removeprefix("cables:schema/")
        found = data.packaged_schema() / named if named != href else path.parent / href
        assert found.resolve().is_file(), f"{path}: {href}"
    assert {Path(h).name for h in hrefs} == {"cables.sch", "cables.xsd"}, path
    schematypens = {Path(node.get("href")).suffix: node.get("schematypens") for node in models}
    assert schematypens == {
        ".xsd": "http://www.w3.org/2001/XMLSchema",
        ".sch": "http://purl.oclc.org/dsdl/schematron",
    }, path


def test_every_tei_file_points_at_the_schema_with_xml_model() -> None:
    files = sorted((REPOSITORY / "tei").rglob("*.xml"))
    assert files
    for path in files:
        assert_points_at_the_schema(path)


@pytest.fixture(scope="module")
def generated_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project made by `cables init`, with one more document made by `cables new`."""
    project = init_project(tmp_path_factory.mktemp("generated") / "edition")
    result = run_cables(
        "new", "--date", "1900-02-01", "--title", "A second report",
        "--from", "org-example-office", "--to", "per-ada-example", cwd=project,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.slow
def test_files_made_by_init_and_new_point_at_the_schema(generated_project: Path) -> None:
    files = sorted((generated_project / "tei").rglob("*.xml"))
    assert len(files) == 10
    for path in files:
        assert_points_at_the_schema(path)


@pytest.mark.shared("external/schemas/tei_all.rng")
@pytest.mark.slow
def test_files_made_by_init_and_new_conform_to_tei_all(generated_project: Path) -> None:
    result = jing(*sorted((generated_project / "tei").rglob("*.xml")))
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert result.returncode == 0 and errors == [], "\n".join(errors[:40])
