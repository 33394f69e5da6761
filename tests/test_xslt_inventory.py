"""Every name the stylesheets declare: in the namespace of its kind, and used.

As in DocBook xslTNG, modes, named templates, functions and global variables each have a
public namespace (m:, t:, f:, v:) and a private twin (mp:, tp:, fp:, vp:). The public names
are what a customisation layer may rely on (README, `cables reference`); a private name
that no stylesheet refers to is dead code, and so is a parameter its template never reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pytest
from lxml import etree

from cables.xmlio import parse_made
from conftest import REPOSITORY

XSLT = REPOSITORY / "xslt"
XSL = "{http://www.w3.org/1999/XSL/Transform}"

#: The public namespace of each kind of declaration and, after it, the prefix every module
#: binds it to; the private namespace is the same URI ending in ":private", its prefix the
#: public one followed by "p". Keys and accumulators are read by functions (key(),
#: accumulator-before()), so they share the functions' namespaces.
PUBLIC = {
    "mode": ("urn:cables:modes", "m"),
    "template": ("urn:cables:templates", "t"),
    "function": ("urn:cables:functions", "f"),
    "key": ("urn:cables:functions", "f"),
    "accumulator": ("urn:cables:functions", "f"),
    "variable": ("urn:cables:variables", "v"),
}
PREFIXES = {
    **{uri: prefix for uri, prefix in PUBLIC.values()},
    **{f"{uri}:private": f"{prefix}p" for uri, prefix in PUBLIC.values()},
    # The documents cables and the stylesheets exchange, and the tables they read.
    "urn:cables:manifest": "c",
    "urn:cables:labels": "l",
    "urn:cables:pages": "pg",
}

#: The named templates without a prefix: the entry points cables calls by name (each name
#: is a string in cables' Python code), by stylesheet.
ENTRY_POINTS = {
    "deposit/aggregators.xsl": {"aggregators"},  # aggregators.py
    "deposit/deposit.xsl": {"deposit", "records"},  # deposit.py
    "epub/epub.xsl": {"epub", "package"},  # epub.py: the chapters, then the package
    "html/record.xsl": {"records", "facts"},  # the records of the site's documents
    "html/readme.xsl": {"readme"},  # the README of the site's ZIP (site.py)
    "html/site.xsl": {"site", "document-pages"},  # the site's corpus pages and documents
    "html/entity.xsl": {"entity-pages"},  # the entity pages (entities.py)
    "print/book.xsl": {"book"},  # pdf.py
    "reference/reference.xsl": {"reference"},  # reference.py
}

#: Public names that no packaged stylesheet refers to, kept for customisation layers
#: (name as written: why it stays). Empty: every public name is also used by cables.
UNUSED_PUBLIC: dict[str, str] = {}


@dataclass(frozen=True)
class Declaration:
    file: str
    kind: str
    name: str  # as written, with its prefix
    namespace: str  # the URI of its prefix, "" for none
    element: etree._Element

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.namespace, split_name(self.name)[1])


@cache
def stylesheets() -> dict[str, etree._Element]:
    return {
        path.relative_to(XSLT).as_posix(): parse_made(path.read_bytes())
        for path in sorted(XSLT.rglob("*.xsl"))
    }


def split_name(name: str) -> tuple[str, str]:
    """The prefix ("" for none) and the local part of a name as written."""
    prefix, _, local = name.rpartition(":")
    return prefix, local


def namespace_of(element: etree._Element, name: str) -> str:
    prefix = split_name(name)[0]
    return element.nsmap.get(prefix, f"unbound prefix {prefix}") if prefix else ""


@cache
def declarations() -> list[Declaration]:
    found = []
    for file, root in stylesheets().items():
        for element in root.iterchildren(tag=etree.Element):
            name = element.get("name")
            kind = etree.QName(element).localname
            if name and kind in (*PUBLIC, "param"):
                found.append(Declaration(file, kind, name, namespace_of(element, name), element))
    return found


def declaration_of(element: etree._Element) -> etree._Element:
    """The top-level declaration an element belongs to."""
    while element.getparent() is not None and element.getparent().getparent() is not None:
        element = element.getparent()
    return element


#: What refers to a name, in attribute values and text (XPath, patterns, value templates),
#: never in comments: a function call or reference, a variable, a key, an accumulator.
REFERENCES = {
    "function": re.compile(r"(?<![\w$:.-])([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*)\s*(?:\(|#\d)"),
    "variable": re.compile(r"\$([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*)"),
    "key": re.compile(r"key\(\s*'([\w.-]+):([\w.-]+)'"),
    "accumulator": re.compile(r"accumulator-(?:before|after)\(\s*'([\w.-]+):([\w.-]+)'"),
}


@cache
def references() -> set[tuple[str, str, str]]:
    return find_references(stylesheets().values())


def find_references(roots: Iterable[etree._Element]) -> set[tuple[str, str, str]]:
    """(kind, namespace, local name) of every name something refers to from outside its own
    declaration (a function that only calls itself is not used)."""
    found = set()
    for root in roots:
        for element in root.iter(tag=etree.Element):
            owner = declaration_of(element)
            owner_key = (
                etree.QName(owner).localname,
                namespace_of(owner, owner.get("name", "")),
                split_name(owner.get("name", ""))[1],
            )
            texts = [*element.attrib.values(), element.text or ""]
            texts += [child.tail or "" for child in element]
            names: list[tuple[str, str]] = []
            for kind, pattern in REFERENCES.items():
                for text in texts:
                    names += [(kind, match) for match in pattern.findall(text)]
            if element.tag == f"{XSL}call-template":
                names.append(("template", split_name(element.get("name"))))
            if element.tag == f"{XSL}apply-templates":
                names += [("mode", split_name(mode)) for mode in element.get("mode", "").split()]
            for kind, (prefix, local) in names:
                if prefix == "#" or local.startswith("#"):
                    continue
                key = (kind, element.nsmap.get(prefix, "") if prefix else "", local)
                if key != owner_key:
                    found.add(key)
    return found


def test_every_name_is_in_the_namespace_of_its_kind() -> None:
    wrong = []
    for declaration in declarations():
        if declaration.kind == "param":
            allowed = {""}  # set by cables by name, as xslTNG's parameters are unprefixed
        elif declaration.kind == "template" and declaration.namespace == "":
            allowed = {""} if declaration.name in ENTRY_POINTS.get(declaration.file, ()) else set()
        else:
            public = PUBLIC[declaration.kind][0]
            allowed = {public, f"{public}:private"}
        if declaration.namespace not in allowed:
            wrong.append(f"{declaration.file}: {declaration.kind} {declaration.name}")
    for file, root in stylesheets().items():
        for template in root.iter(f"{XSL}template", f"{XSL}apply-templates"):
            for mode in template.get("mode", "").split():
                if not mode.startswith("#") and namespace_of(template, mode) not in (
                    PUBLIC["mode"][0],
                    f"{PUBLIC['mode'][0]}:private",
                ):
                    wrong.append(f"{file}: mode {mode} of a template")
    assert not wrong, "names outside the namespace of their kind:\n" + "\n".join(wrong)


def test_every_module_binds_each_namespace_to_its_one_prefix() -> None:
    wrong = []
    for file, root in stylesheets().items():
        for element in root.iter(tag=etree.Element):
            for prefix, uri in element.nsmap.items():
                if uri in PREFIXES and prefix != PREFIXES[uri]:
                    wrong.append(f"{file}: {prefix}: is {uri}, whose prefix is {PREFIXES[uri]}:")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_the_entry_points_are_called_by_cables() -> None:
    code = "\n".join(
        path.read_text(encoding="utf-8") for path in (REPOSITORY / "src" / "cables").rglob("*.py")
    )
    for file, names in ENTRY_POINTS.items():
        declared = {
            d.name
            for d in declarations()
            if d.file == file and d.kind == "template" and not d.namespace
        }
        assert declared == names, file
        for name in names:
            assert f'"{name}"' in code, f"{file}: no Python code names the template {name}"


def test_every_declared_name_is_used_or_public() -> None:
    """The inventory: every named template, function, mode, global variable, key and
    accumulator that nothing refers to. Private ones are dead code; public ones must be in
    UNUSED_PUBLIC with the reason a customisation needs them."""
    used = references()
    unused_private, unused_public = [], set()
    for declaration in declarations():
        if declaration.kind == "param" or (
            declaration.kind == "template" and not declaration.namespace
        ):
            continue  # set or called by cables
        if declaration.key in used:
            continue
        if declaration.namespace.endswith(":private"):
            unused_private.append(f"{declaration.file}: {declaration.kind} {declaration.name}")
        else:
            unused_public.add(declaration.name)
    assert not unused_private, "private names nothing refers to:\n" + "\n".join(unused_private)
    assert unused_public == set(UNUSED_PUBLIC), "public names nothing refers to"


def test_every_mode_a_template_is_in_is_applied() -> None:
    """A template in a mode that no xsl:apply-templates uses is never run."""
    applied = {key[1:] for key in references() if key[0] == "mode"}
    unapplied = []
    for file, root in stylesheets().items():
        for template in root.iterchildren(f"{XSL}template"):
            for mode in template.get("mode", "").split():
                prefix, local = split_name(mode)
                if (
                    not mode.startswith("#")
                    and (template.nsmap.get(prefix, ""), local) not in applied
                ):
                    unapplied.append(f"{file}: template {template.get('match')} in mode {mode}")
    assert not unapplied, "\n".join(unapplied)


@pytest.mark.parametrize("kind", ["template", "function"])
def test_every_parameter_is_read(kind: str) -> None:
    unread = []
    for file, root in stylesheets().items():
        for owner in root.iterchildren(f"{XSL}{kind}"):
            for parameter in owner.iterchildren(f"{XSL}param"):
                pattern = re.compile(r"\$" + re.escape(parameter.get("name")) + r"(?![\w.-])")
                texts = [
                    text
                    for element in owner.iter(tag=etree.Element)
                    if element is not parameter
                    for text in (*element.attrib.values(), element.text or "")
                ] + [child.tail or "" for child in owner.iter(tag=etree.Element)]
                if not any(pattern.search(text) for text in texts):
                    what = owner.get("name") or f"{owner.get('match')} ({owner.get('mode')})"
                    unread.append(f"{file}: {kind} {what}: ${parameter.get('name')}")
    assert not unread, "parameters nothing reads:\n" + "\n".join(unread)


def test_no_list_of_names_repeats_one() -> None:
    """A global variable that lists names (element names, values) lists each once."""
    repeated = []
    for declaration in declarations():
        select = declaration.element.get("select", "")
        if declaration.kind == "variable" and re.fullmatch(r"\(\s*'[^()]*'\s*\)", select.strip()):
            names = re.findall(r"'([^']*)'", select)
            twice = sorted({name for name in names if names.count(name) > 1})
            if twice:
                repeated.append(f"{declaration.file}: ${declaration.name}: {', '.join(twice)}")
    assert not repeated, "\n".join(repeated)


def test_the_inventory_sees_a_dead_function() -> None:
    """The references are found the way the tests above need: a function no one calls, or
    that only calls itself, is not used; one called from another declaration is."""
    root = parse_made(
        b'<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
        b' xmlns:fp="urn:cables:functions:private" xmlns:vp="urn:cables:variables:private">'
        b'<xsl:function name="fp:alone"><xsl:sequence select="fp:alone()"/></xsl:function>'
        b'<xsl:function name="fp:called"/>'
        b'<xsl:variable name="vp:x" select="fp:called()"/></xsl:stylesheet>'
    )
    found = find_references([root])
    private = "urn:cables:functions:private"
    assert ("function", private, "called") in found
    assert ("function", private, "alone") not in found
