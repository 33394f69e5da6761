"""Which templates and functions of xslt/common/ the golden inputs run.

A copy of the stylesheets is made in which every xsl:template and xsl:function of
xslt/common/ starts with an xsl:message naming it; building the golden inputs with that copy
and collecting the messages (saxonche's saved xsl:message) tells which ones ran. The
templates are found by parsing the stylesheets, so names may change freely.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from cables.xmlio import parse_xml

XSL_NS = "http://www.w3.org/1999/XSL/Transform"
#: The folder whose templates must all be run, inside the stylesheets folder.
COMMON = "common"
#: What starts each message the instrumented copy writes, followed by the template's number.
MARK = "golden-coverage"
#: Children of a template or function that must come before any instruction.
_LEADING = {f"{{{XSL_NS}}}param", f"{{{XSL_NS}}}context-item"}


@dataclass(frozen=True)
class Template:
    """An xsl:template or xsl:function, as its stylesheet (`file`, from xslt/) declares it."""

    file: str
    line: int
    kind: str
    attributes: tuple[tuple[str, str], ...]

    @property
    def key(self) -> tuple[str, str]:
        """Its file and match pattern (or name), which outlive a renamed mode."""
        values = dict(self.attributes)
        return self.file, values.get("match") or values.get("name", "")

    def __str__(self) -> str:
        named = " ".join(f'{name}="{value}"' for name, value in self.attributes)
        return f"{self.file}:{self.line}: xsl:{self.kind} {named}"


def instrument(
    xslt_dir: Path, target: Path, folders: tuple[str, ...] = (COMMON,)
) -> list[Template]:
    """Copy the stylesheets to `target`, each template and function of `folders` (common/)
    writing the message "golden-coverage N" when it runs; returns them, the Nth at index N."""
    shutil.copytree(xslt_dir, target)
    templates: list[Template] = []
    for path in sorted(path for folder in folders for path in (xslt_dir / folder).glob("*.xsl")):
        parsed = parse_xml(path)
        for element in parsed.root.iter(f"{{{XSL_NS}}}template", f"{{{XSL_NS}}}function"):
            kind = etree.QName(element).localname
            attributes = tuple(
                (name, " ".join(element.get(name).split()))
                for name in ("name", "match", "mode", "priority")
                if element.get(name) is not None
            )
            message = etree.Element(f"{{{XSL_NS}}}message")
            message.text = f"{MARK} {len(templates)}"
            # After the parameters; any text around it stays where it was, so the
            # template writes what it wrote before, and the message besides.
            leading = [child for child in element if child.tag in _LEADING]
            element.insert(element.index(leading[-1]) + 1 if leading else 0, message)
            file = path.relative_to(xslt_dir).as_posix()
            templates.append(Template(file, element.sourceline or 0, kind, attributes))
        written = target / path.relative_to(xslt_dir)
        parsed.tree.write(str(written), encoding="UTF-8", xml_declaration=True)
    return templates


def ran(messages: list[str]) -> set[int]:
    """The numbers of the templates whose message is among `messages`."""
    return {int(text.split()[1]) for text in messages if text.startswith(MARK + " ")}
