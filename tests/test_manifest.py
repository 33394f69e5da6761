"""The manifest is a contract: schema/manifest.rng declares it, the manifests a real build
gives the stylesheets are valid against it, and it declares all the stylesheets read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from cables import pages, records, site
from cables.config import load_edition
from cables.manifest import MANIFEST_NS, write_manifest
from cables.transform import Stylesheets
from cables.xmlio import parse_made, parse_xml
from conftest import REPOSITORY, copy_edition

SCHEMA = REPOSITORY / "schema" / "manifest.rng"
RNG = "http://relaxng.org/ns/structure/1.0"
XSL = "http://www.w3.org/1999/XSL/Transform"


def relax_ng() -> etree.RelaxNG:
    return etree.RelaxNG(parse_xml(SCHEMA).tree)


def declared() -> tuple[set[str], set[tuple[str, str]]]:
    """The elements the schema declares, and each (element, attribute) pair; (element,
    "*") for an element that may have any attribute."""
    elements: set[str] = set()
    attributes: set[tuple[str, str]] = set()
    for element in parse_xml(SCHEMA).root.iter(f"{{{RNG}}}element"):
        name = element.get("name")
        if name is None:
            continue
        elements.add(name)
        for attribute in element.iter(f"{{{RNG}}}attribute"):
            owner = next(attribute.iterancestors(f"{{{RNG}}}element"))
            if owner is element:  # no name: any attribute (<anyName/>), written "*"
                attributes.add((name, attribute.get("name", "*")))
    return elements, attributes


@pytest.fixture(scope="module")
def given_to_stylesheets(tmp_path_factory) -> list[etree._Element]:
    """Every manifest document an in-process site build and write_manifest produce."""
    project = copy_edition(tmp_path_factory.mktemp("manifest") / "edition")
    edition = load_edition(project)
    seen: list[str] = []
    monkeypatch = pytest.MonkeyPatch()
    for module in (site, pages, records):
        original = module.manifest_text

        def recording(element, original=original):
            text = original(element)
            seen.append(text)
            return text

        monkeypatch.setattr(module, "manifest_text", recording)
    try:
        output = project / "out"
        output.mkdir()
        site.build_site(edition, Stylesheets(edition.xslt_dir), output, "2026-01-01")
    finally:
        monkeypatch.undo()
    written = write_manifest(edition, "2026-01-01", project / "manifest.xml")
    # The deposit's, which names the books its payload holds, the ebook among them.
    books = (("edition-pdf", "pdf/edition.pdf"), ("edition-epub", "epub/edition.epub"))
    deposit = write_manifest(edition, "2026-01-01", project / "deposit.xml", downloads=books)
    return [parse_made(text.encode()) for text in seen] + [
        parse_xml(path).root for path in (written, deposit)
    ]


def test_the_manifests_of_a_build_are_valid(given_to_stylesheets: list[etree._Element]):
    schema = relax_ng()
    roots = {etree.QName(root).localname for root in given_to_stylesheets}
    assert roots == {"manifest", "files", "pages", "records"}
    for root in given_to_stylesheets:
        assert schema.validate(root), (etree.QName(root).localname, schema.error_log)
    site_manifest = next(r for r in given_to_stylesheets if r.get("holds") is not None)
    assert site_manifest.get("search-parts") == "1"


def test_the_schema_refuses_what_the_stylesheets_do_not_expect():
    schema = relax_ng()
    wrong = parse_made(
        f'<manifest xmlns="{MANIFEST_NS}"><file kind="picture" href="file:///x" name="x"/>'
        "</manifest>".encode()
    )
    assert not schema.validate(wrong)


def stylesheet_reads(
    folder: Path = REPOSITORY / "xslt",
) -> tuple[set[str], set[tuple[str, str]], set[str]]:
    """The c: elements the stylesheets read, the (element, attribute) pairs they read
    (after a step: `c:file/@href`, `c:file[@kind`; through a variable or parameter declared
    as="element(c:NAME)"; in a key's `use`), and the c: elements they write themselves
    (the records' own vocabulary, which record.xsl declares by making it)."""
    made: set[str] = set()
    typed: dict[str, str] = {}  # variable or parameter name -> the c: element it holds
    expressions: list[str] = []
    for path in sorted(folder.rglob("*.xsl")):
        root = parse_made(path.read_bytes())  # XSLT may hold xml:id="{AVT}"
        for element in root.iter():
            if isinstance(element.tag, str):  # not a comment
                expressions += element_expressions(element, made, typed)
    elements, attributes = reads_in(expressions, typed)
    return elements, attributes, made


def element_expressions(
    element: etree._Element, made: set[str], typed: dict[str, str]
) -> list[str]:
    """The expressions of one stylesheet element (a key's `use` among them, as c: steps);
    adds to `made` the c: element it is, and to `typed` the c: element its `as` declares."""
    if etree.QName(element).namespace == MANIFEST_NS:
        made.add(etree.QName(element).localname)
    kind = re.fullmatch(r"element\(c:([a-z-]+)\)[*?]?", element.get("as", ""))
    if kind and element.get("name"):
        typed[element.get("name")] = kind.group(1)
    expressions = []
    if element.get("use") and element.get("match", "").startswith("c:"):
        key = (element.get("match")[2:], element.get("use"))
        expressions.append(" ".join(f"c:{key[0]}/@{a}" for a in re.findall(r"@([a-z-]+)", key[1])))
    # Expressions of instructions, attribute and text value templates alike.
    return [*expressions, *element.attrib.values(), element.text or "", element.tail or ""]


def reads_in(
    expressions: list[str], typed: dict[str, str]
) -> tuple[set[str], set[tuple[str, str]]]:
    """The c: elements and the (element, attribute) pairs that `expressions` read, by a
    step or through a variable of `typed`."""
    steps = re.compile(r"(?<![\w:-])c:([a-z][a-z-]*)((?:\[[^\]]*\])*)(/@([a-z][a-z-]*))?")
    elements: set[str] = set()
    attributes: set[tuple[str, str]] = set()
    for expression in expressions:
        for match in steps.finditer(expression):
            elements.add(match.group(1))
            for attribute in re.findall(r"@([a-z][a-z-]*)", match.group(2)):
                attributes.add((match.group(1), attribute))
            if match.group(4):
                attributes.add((match.group(1), match.group(4)))
        for variable, owner in typed.items():
            pattern = rf"\${re.escape(variable)}(?:\[@([a-z-]+)|/@([a-z-]+))"
            for found in re.finditer(pattern, expression):
                attributes.add((owner, found.group(1) or found.group(2)))
    return elements, attributes


def test_the_schema_declares_everything_the_stylesheets_read():
    elements, attributes = declared()
    read_elements, read_attributes, made = stylesheet_reads()
    # The reader finds the reads it is meant to find (else this test would prove nothing).
    assert {"manifest", "edition", "file", "register", "figure", "page"} <= read_elements
    assert {("file", "kind"), ("edition", "labels"), ("page", "next-stem")} <= read_attributes
    records_own = made - elements
    assert read_elements - records_own - elements == set()
    undeclared = {
        (element, attribute)
        for element, attribute in read_attributes
        if element not in records_own and (element, "*") not in attributes
    }
    assert undeclared - attributes == set()


def test_the_reader_of_the_stylesheets_sees_an_undeclared_read(tmp_path: Path):
    xslt = tmp_path / "xslt"
    xslt.mkdir()
    (xslt / "x.xsl").write_text(
        f'<xsl:stylesheet xmlns:xsl="{XSL}" xmlns:c="{MANIFEST_NS}" version="3.0">'
        '<xsl:template name="t"><xsl:value-of select="$m/c:edition/@colour"/></xsl:template>'
        "</xsl:stylesheet>",
        encoding="utf-8",
    )
    _, read_attributes, _ = stylesheet_reads(xslt)
    assert ("edition", "colour") in read_attributes
    assert ("edition", "colour") not in declared()[1]
