"""Where the packaged stylesheets and schema are: the defaults every project builds with.

A project names none of these paths: it gets them from here at run time, and its own
stylesheets reach them through the stable URI `cables:xslt/...` (xslt/catalog.xml).
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from cables.errors import CablesError

#: The folders of package data: the stylesheets (with their CSS, JS and the catalog that
#: maps `cables:` URIs to them) and the schema (ODD, XSD, Schematron).
XSLT = "xslt"
SCHEMA = "schema"
#: The URI prefix a project's customisation stylesheet imports the packaged ones by:
#: `<xsl:import href="cables:xslt/html/site.xsl"/>`.
URI_PREFIX = "cables:"
#: The catalog (OASIS XML catalog) that maps the `cables:` URIs to the packaged files.
CATALOG = "catalog.xml"
#: The list of the web edition's pages (in XSLT): the stylesheets and cables.corpus read it.
PAGES = "common/pages.xml"
#: Files that must be there for a folder to be the packaged data.
_MARKERS = {
    XSLT: ("catalog.xml", PAGES, "html/site.xsl", "print/book.xsl", "deposit/deposit.xsl"),
    SCHEMA: ("cables.xsd", "cables.sch", "cables.odd"),
}


def candidates(name: str) -> list[Path]:
    """Where the folder `name` of package data may be: inside the installed package (a
    wheel maps the repository's xslt/ and schema/ there, see pyproject.toml), or at the
    top of the repository the package was installed from in editable mode."""
    package = Path(str(importlib.resources.files("cables")))
    return [package / name, package.parents[1] / name]


def packaged(name: str) -> Path:
    """The folder of package data `name` (XSLT or SCHEMA) of this installation of cables."""
    places = candidates(name)
    for folder in places:
        if all((folder / marker).is_file() for marker in _MARKERS[name]):
            return folder.resolve()
    raise CablesError(
        f"cannot find the packaged {name} of this cables installation",
        hint="looked in "
        + ", ".join(str(folder) for folder in places)
        + "; reinstall cables (pip install cables, or pip install -e . in its repository)",
    )


def packaged_xslt() -> Path:
    """The folder of the packaged stylesheets."""
    return packaged(XSLT)


def packaged_schema() -> Path:
    """The folder of the packaged ODD, XSD and Schematron."""
    return packaged(SCHEMA)


def package_folders() -> list[Path]:
    """What a sandboxed command must be able to read of cables itself: its code and data
    (in an editable install the three are apart, and the code is not on sys.path)."""
    folders = [Path(str(importlib.resources.files("cables"))).resolve()]
    for name in (XSLT, SCHEMA):
        try:
            folders.append(packaged(name))
        except CablesError:
            pass  # reported where the folder is needed
    return folders
