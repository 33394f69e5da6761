"""The generic-rendering report: which TEI elements the pages show with the catch-all rule.

xslt/common/text.xsl renders an element it has no rule for with the class `tei-generic`;
counting those per page tells a project what its stylesheets do not handle yet.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lxml import html

from cables.config import Edition
from cables.corpus import output_stem

#: The class the catch-all template of xslt/common/text.xsl adds beside `tei-<name>`.
GENERIC_CLASS = "tei-generic"
_GENERIC = f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {GENERIC_CLASS} ')]"


def generic_elements(page: Path) -> dict[str, int]:
    """Which TEI elements one page shows with the generic rule only, and how often."""
    counts: Counter[str] = Counter()
    try:
        data = page.read_bytes()
    except OSError:
        return {}
    if GENERIC_CLASS.encode() not in data:
        return {}  # the common case: only pages that use the rule are parsed
    for element in html.fromstring(data).xpath(_GENERIC):
        names = [
            name.removeprefix("tei-")
            for name in element.get("class", "").split()
            if name.startswith("tei-") and name != GENERIC_CLASS
        ]
        counts[names[0] if names else "?"] += 1
    return dict(counts)


def count_generic_rendering(
    files: list[tuple[Path, str]],
    site: Path,
    known: dict[str, dict] | None = None,
    edition: Edition | None = None,
) -> dict[str, int]:
    """Which TEI elements the pages of the corpus files show with the generic rule only,
    and how often, most frequent first: what a project's stylesheets do not handle yet.
    `known` gives the counts of pages already counted (by file name)."""
    counts: Counter[str] = Counter()
    for file, _ in files:
        name = f"{output_stem(file, edition)}.html"
        found = (known or {}).get(name)
        counts.update(found if found is not None else generic_elements(site / name))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
