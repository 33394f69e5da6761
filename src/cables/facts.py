"""What the corpus-wide rules know of one file: its ids and pointers, without its tree.

Made by the per-file stage (filecheck.py), kept in the check cache (check_cache.py), read by
the corpus-wide rules (rules.py) and the web build's records.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FileFacts:
    """What the corpus-wide rules need to know about one file, without its tree.

    `ids`: (xml:id, element name, is an authority entry), in document order.
    `links`: the distinct internal pointers, resolved as far as one file allows
    (pointers.py): (target file, target id, what the target must be: "" for any, else the
    pointing element's name, "rs:<type>" for rs). The target file is pointers.IN_REGISTERS
    for `#id` not in this file, pointers.BY_KEY for `@key`: the corpus rules look those
    up in the registers.
    `references`: the distinct "file#id" this file refers to (pointers to itself excluded),
    with the same two markers for the file of entries looked up in the registers.
    `number`: a document's number (the @n of its TEI root; None for none, and for files
    that are no documents), for the corpus-wide rule on document numbers.
    Findings are located later by reading the file again, which only files with findings
    need.
    """

    path: str
    kind: str
    ids: list[tuple[str, str, bool]] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    number: str | None = None
