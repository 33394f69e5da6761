"""What a pointer in a TEI file designates, by TEI's rules: the one resolution the checker
uses (and xslt/common/functions.xsl `f:resolve` mirrors for the outputs).

A token of a pointer attribute (`@ref`, `@corresp`, `@target`, ...) of a file F means:

1. `pfx:value`, where F's header defines the prefix (`listPrefixDef/prefixDef` with
   `@ident`, `@matchPattern`, `@replacementPattern`): the expansion, read by the rules below.
2. A value with another URI scheme (`https:`, `mailto:`, ...): a link out of the edition.
3. `#id`: the element of F with that xml:id; when F has none, the entry with that id in
   the registers (the authority files, or `[corpus] registers` in edition.toml, in order),
   the convention of editions whose names point at `#pmb123` in a separate register.
4. `path#id` or `path`: that file, relative to F's folder, and the id in it.
5. Anything else (`118`, `fol.`, `3r-5v`): not a pointer, left alone. A token is a pointer
   when it holds `#` or `/`, or looks like a file name with an extension (`notes.xml`).

`@key="value"` (no `#`, TEI's att.canonical) names the register entry whose xml:id is the
value. String work only: it runs for every pointer of the corpus.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from cables.xmlio import TEI_NS

#: The target file of a link to an entry of the registers: `#id` missing from its own file.
IN_REGISTERS = "<registers>"
#: The target file of a link made by `@key`: an entry of the registers only.
BY_KEY = "<key>"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_FILE_NAME = re.compile(r"^[^#/]*[^#/.]\.[A-Za-z][A-Za-z0-9]{0,4}$")
_PREFIX_DEFS = f"{{{TEI_NS}}}teiHeader//{{{TEI_NS}}}prefixDef"

#: A prefix's definitions: (compiled matchPattern, replacement in Python's syntax), in order.
Prefixes = dict[str, list[tuple[re.Pattern, str]]]


def prefix_definitions(root: etree._Element) -> Prefixes:
    """The prefixes a file's header defines (TEI prefixDef), for `expand`."""
    found: Prefixes = {}
    for definition in root.iterfind(_PREFIX_DEFS):
        ident = definition.get("ident")
        match = definition.get("matchPattern")
        replacement = definition.get("replacementPattern")
        if not ident or match is None or replacement is None:
            continue
        try:
            pattern = re.compile(match)
        except re.error:
            continue  # not a pattern this checker can read: the prefix stays unknown
        # XPath's replace() writes groups $1..$9 and a literal $ as \$.
        python = re.sub(r"\\\$|\$(\d)|\\", _replacement_part, replacement)
        found.setdefault(ident, []).append((pattern, python))
    return found


def _replacement_part(match: re.Match) -> str:
    if match.group(0) == "\\$":
        return "$"
    if match.group(0) == "\\":
        return "\\\\"
    return f"\\g<{match.group(1)}>"


def expand(token: str, prefixes: Prefixes) -> str:
    """`token` with its prefix expanded by the first definition whose pattern matches the
    whole value after the colon; the token itself when no definition applies."""
    ident, colon, value = token.partition(":")
    if not colon or ident not in prefixes:
        return token
    for pattern, replacement in prefixes[ident]:
        if pattern.fullmatch(value):
            try:
                return pattern.sub(replacement, value, count=1)
            except (re.error, IndexError):
                return token
    return token


def is_pointer(token: str) -> bool:
    """Whether a token without a URI scheme is meant as a pointer (see the module)."""
    return "#" in token or "/" in token or bool(_FILE_NAME.match(token))


@functools.lru_cache(maxsize=65536)
def _join(folder: str, file_part: str) -> str:
    return os.path.normpath(os.path.join(folder, file_part))


def resolve(
    source: str, token: str, own_ids: frozenset[str] | set[str] | dict, prefixes: Prefixes
) -> tuple[str, str] | None:
    """The (file, id) a pointer token of the file `source` (an absolute path) designates:
    the file is `source` itself for an id of its own, IN_REGISTERS for `#id` it lacks;
    None for a link out of the edition or a value that is no pointer."""
    if prefixes:
        token = expand(token, prefixes)
    if _SCHEME.match(token) or not is_pointer(token):
        return None
    file_part, _, fragment = token.partition("#")
    if not file_part:
        if not fragment or fragment in own_ids:
            return source, fragment
        return IN_REGISTERS, fragment
    return _join(os.path.dirname(source), file_part), fragment


def register_files(configured: Iterable[Path], files: Iterable[Path]) -> list[Path] | None:
    """The registers of `[corpus] registers` among the corpus `files`, in the order given
    (a folder stands for the corpus files inside it, in corpus order); None when nothing
    is configured, which means every authority file."""
    configured = list(configured)
    if not configured:
        return None
    files = [Path(os.path.abspath(path)) for path in files]
    chosen: dict[Path, None] = {}
    for wanted in configured:
        for path in files:
            if path == wanted or path.is_relative_to(wanted):
                chosen[path] = None
    return list(chosen)


#: URL schemes a reader's browser may follow. Anything else is dropped from the outputs.
SAFE_SCHEMES = ("http", "https", "mailto")

#: What a browser strips from both ends of a URL, and removes from inside it, before it
#: reads the scheme: " javascript:" and "java\tscript:" are javascript: to a browser.
_URL_ENDS = "".join(map(chr, range(0x21)))
_URL_INSIDE = re.compile(r"[\t\n\r]")


def url_scheme(value: str) -> str | None:
    """The scheme of a URL as a browser reads it, in lower case; None when it has none."""
    scheme = _SCHEME.match(_URL_INSIDE.sub("", value.strip(_URL_ENDS)))
    return scheme.group(1).lower() if scheme else None


def unsafe_scheme(value: str) -> str | None:
    """The scheme of a URL when it is not one of SAFE_SCHEMES; None for a safe URL or a
    pointer without a scheme. The one check for document links and edition.toml URLs."""
    scheme = url_scheme(value)
    return scheme if scheme is not None and scheme not in SAFE_SCHEMES else None
