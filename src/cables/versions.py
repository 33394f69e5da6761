"""What made an output: cables' version and those of the libraries that shape its bytes.

Every output names them (the pages' generator, the PDFs' creator, the METS agent, the
bag's Bag-Software-Agent), and the build's caches are keyed on them: the same sources
give the same bytes with the same set of versions.
"""

from __future__ import annotations

import functools
from importlib import metadata

from cables import __version__

#: The libraries whose versions decide the outputs' bytes, by their names on PyPI.
LIBRARIES = ("saxonche", "WeasyPrint", "lxml")


@functools.cache
def library_versions() -> tuple[tuple[str, str], ...]:
    """Each library of LIBRARIES with its installed version ("unknown" when the package
    metadata cannot be read)."""
    return tuple((name, installed_version(name)) for name in LIBRARIES)


def installed_version(name: str) -> str:
    """The installed version of the package `name`, "unknown" when its metadata cannot
    be read."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def generator_version(*others: tuple[str, str]) -> str:
    """cables' version with the libraries' (and `others`, pairs of a name and a version),
    as outputs record it after "cables ": `0.1.0 (saxonche 13.1.1, WeasyPrint 70.0, lxml
    6.1.3)`."""
    named = ", ".join(f"{name} {version}" for name, version in (*library_versions(), *others))
    return f"{__version__} ({named})"


def generator(*others: tuple[str, str]) -> str:
    """`cables 0.1.0 (saxonche 13.1.1, WeasyPrint 70.0, lxml 6.1.3)`."""
    return f"cables {generator_version(*others)}"
