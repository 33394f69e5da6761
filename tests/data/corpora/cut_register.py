"""Cut a register to the entries that sample documents use, keeping every other byte.

How the registers in these samples were made (see each SOURCE.md): the entries of the
register's list (`<place>`, `<org>`, ...) whose `xml:id` the documents never mention are
removed as whole elements; the header, the kept entries and all text between them stay
exactly as they are in the source file.

    python cut_register.py REGISTER ENTRY-ELEMENT OUTPUT DOCUMENT...
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def entry_spans(text: str, element: str) -> list[tuple[int, int, str]]:
    """(start, end, id) of each top-level `<element xml:id=...>` entry, nesting allowed."""
    tags = re.compile(rf"<(/?){element}(?=[\s>/])[^>]*?(/?)>")
    spans, depth, start, identifier = [], 0, 0, ""
    for match in tags.finditer(text):
        closing, empty = match.group(1), match.group(2)
        if not closing:
            if depth == 0:
                start = match.start()
                found = re.search(r'xml:id="([^"]+)"', match.group(0))
                identifier = found.group(1) if found else ""
            if not empty:
                depth += 1
            elif depth == 0:
                spans.append((start, match.end(), identifier))
        else:
            depth -= 1
            if depth == 0:
                spans.append((start, match.end(), identifier))
    return spans


def cut(register: str, element: str, used: set[str]) -> tuple[str, int, int]:
    """The register without the entries not in `used`, and how many were kept and cut."""
    pieces, position, kept, dropped = [], 0, 0, 0
    for start, end, identifier in entry_spans(register, element):
        if identifier in used:
            kept += 1
            continue
        pieces.append(register[position:start])
        position = end
        dropped += 1
    pieces.append(register[position:])
    return "".join(pieces), kept, dropped


def main(arguments: list[str]) -> None:
    register, element, output, *documents = arguments
    # An entry is used when its id appears in a document as a whole token (`#pmb50`,
    # `ref="pmb50"`, `key="pmb50"`): generous, so no entry a document needs is cut.
    used = set()
    for document in documents:
        used |= set(re.findall(r"[\w.-]+", Path(document).read_text(encoding="utf-8")))
    text, kept, dropped = cut(Path(register).read_text(encoding="utf-8"), element, used)
    Path(output).write_text(text, encoding="utf-8")
    print(f"{output}: kept {kept} entries, cut {dropped}")


if __name__ == "__main__":
    main(sys.argv[1:])
