"""How strictly `cables check` judges the corpus: `[check] validation` in edition.toml.

"strict" enforces the edition's schema and conventions; "lenient" keeps only what any TEI
file must satisfy, so that TEI from other projects can be checked and built as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from cables.diagnostics import ERROR, WARNING, Diagnostic

STRICT = "strict"
LENIENT = "lenient"
MODES = (STRICT, LENIENT)

#: What any TEI file must satisfy, whoever made it: the only findings lenient mode keeps.
#: The XSD, the Schematron rules and the edition's conventions (id from the file name, no
#: date later than the document, names pointing at the right kind of entry, every
#: authority entry used) belong to this edition alone.
UNIVERSAL_RULES = frozenset(
    {
        "well-formed",
        "file-too-large",
        "not-tei",
        "no-tei-header",
        "id-duplicate",
        "date-invalid",
        "date-range-order",
        "link-unsafe-scheme",
        "pointer-unresolved",
        "pointer-outside",
        "corpus-file-refused",
        "output-name-collision",
        "tei-all",
    }
)
#: Still checked, but a warning: a file from another project points into that project's
#: other files, which are not here (or, with `../`, beside the project: its own sibling
#: folders). The outside file is still never opened; the outputs show such a pointer's
#: text without a link.
WARNINGS_WHEN_LENIENT = frozenset({"pointer-unresolved", "pointer-outside"})


def apply_strictness(diagnostics: Iterable[Diagnostic], mode: str) -> list[Diagnostic]:
    """The findings that count under `mode`: all of them when strict.

    Lenient keeps well-formedness, the TEI shape, unique ids, real dates and link safety
    as they are, and pointers as warnings.
    """
    if mode != LENIENT:
        return list(diagnostics)
    kept = []
    for diagnostic in diagnostics:
        if diagnostic.rule not in UNIVERSAL_RULES:
            continue
        if diagnostic.rule in WARNINGS_WHEN_LENIENT and diagnostic.severity == ERROR:
            diagnostic = replace(diagnostic, severity=WARNING)
        kept.append(diagnostic)
    return kept
