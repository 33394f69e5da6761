"""The reference page of the stylesheets' public interface (`cables reference`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree, html
from test_site import VNU_JAR

from cables.reference import listed_stylesheets
from conftest import REPOSITORY, run_cables

pytestmark = pytest.mark.slow

XSLT = REPOSITORY / "xslt"
XSL = "{http://www.w3.org/1999/XSL/Transform}"
#: The public namespace of each kind of declaration (xslTNG's m:, t:, f:, v:); the private
#: ones are the same URIs ending in ":private".
PUBLIC = {
    "mode": "urn:cables:modes",
    "template": "urn:cables:templates",
    "function": "urn:cables:functions",
    "key": "urn:cables:functions",
    "variable": "urn:cables:variables",
}
PRIVATE = {f"{uri}:private" for uri in PUBLIC.values()}
LABELS = "{urn:cables:labels}label"


def _declarations() -> list[tuple[str, str, str, etree._Element]]:
    """Every top-level named declaration of the stylesheets: (file, kind, prefixed name,
    element), the names as their files write them."""
    found = []
    for relative in listed_stylesheets(XSLT):
        # cmif.xsl writes xml:id="{...}" (an attribute value template), not an NCName.
        parser = etree.XMLParser(collect_ids=False)
        root = etree.parse(str(XSLT / relative), parser).getroot()
        for element in root.iterchildren(tag=etree.Element):
            kind = etree.QName(element).localname
            name = element.get("name")
            if name and kind in ("function", "template", "mode", "variable", "key", "param"):
                found.append((relative, kind, name, element))
    return found


def _namespace(element: etree._Element, name: str) -> str | None:
    prefix = name.split(":")[0] if ":" in name else None
    return element.nsmap.get(prefix) if prefix else None


def _comment(element: etree._Element) -> str:
    previous = element.getprevious()
    return previous.text.strip() if isinstance(previous, etree._Comment) else ""


PUBLIC_KINDS = ("function", "template", "mode", "variable", "key")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("reference") / "reference.html"
    result = run_cables("reference", "-o", str(output), cwd=REPOSITORY)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="module")
def listed(page: Path) -> dict[str, str]:
    """The page's definition terms by id: what each entry shows."""
    tree = html.parse(str(page))
    return {term.get("id"): term.text_content() for term in tree.iter("{*}dt", "dt")}


def test_every_public_declaration_is_listed_with_its_comment(page: Path, listed) -> None:
    text = " ".join(html.parse(str(page)).getroot().text_content().split())
    public = [
        (relative, kind, name, element)
        for relative, kind, name, element in _declarations()
        if kind in PUBLIC_KINDS and _namespace(element, name) == PUBLIC[kind]
    ]
    assert len(public) > 50
    shown = " ".join(listed.values())
    for relative, kind, name, element in public:
        assert name in shown, f"{relative}: {kind} {name} is not on the reference page"
        comment = _comment(element)
        assert comment, f"{relative}: {kind} {name} has no comment before it"
        assert " ".join(comment.split()) in text, f"{relative}: the comment of {name}"
    assert "Not documented." not in text
    # Every public mode is declared, even those only templates name.
    modes = {name for _, kind, name, _ in public if kind == "mode"}
    used = set()
    for relative in listed_stylesheets(XSLT):
        root = etree.parse(str(XSLT / relative), etree.XMLParser(collect_ids=False)).getroot()
        for template in root.iter(f"{XSL}template"):
            used.update(m for m in template.get("mode", "").split() if m.startswith("m:"))
    assert used <= modes, f"modes without a declaration: {sorted(used - modes)}"


def test_global_parameters_are_listed_per_file(listed) -> None:
    for relative, kind, name, _element in _declarations():
        if kind == "param":
            anchor = f"param.{relative.replace('/', '-').replace('.', '-')}.{name}"
            assert anchor in listed, f"{relative}: parameter {name}"


def test_no_private_name_is_listed(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    private = {
        name for _, _, name, element in _declarations() if _namespace(element, name) in PRIVATE
    }
    assert private
    leaked = sorted(name for name in private if f"{name}(" in text or f"${name}" in text)
    leaked += sorted(name for name in private if f">{name}<" in text or f" {name} " in text)
    assert not leaked, f"private names on the reference page: {leaked}"


def test_every_label_key_is_listed_with_its_english_value(listed) -> None:
    labels = etree.parse(str(XSLT / "common" / "labels.xml")).getroot()
    keys = list(labels.iter(LABELS))
    assert len(keys) > 20
    for label in keys:
        term = listed.get(f"label.{label.get('key')}")
        assert term is not None, f"label {label.get('key')} is not listed"
        assert label.text in term


def test_the_page_is_the_same_twice_and_in_the_build_folder(tmp_path: Path, page: Path) -> None:
    project = tmp_path / "ed"
    assert run_cables("init", str(project), cwd=tmp_path).returncode == 0
    result = run_cables("reference", cwd=project)
    assert result.returncode == 0, result.stderr
    written = project / "build" / "reference.html"
    assert written.read_bytes() == page.read_bytes()
    assert not (project / "build" / "site").exists()


def test_the_page_is_valid_html(page: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.skip("the Nu Html Checker needs Java and node_modules (make test)")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", str(page)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
