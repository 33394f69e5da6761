"""Golden files: for each rendering rule a small TEI input and the HTML it must give.

tests/golden/input/<rule>.xml is built as the only document of a small edition (render.py);
the parts of its pages that depend on the input are compared byte for byte with
tests/golden/expected/{web,print,book}/<rule>.html. See README.md there; regenerate with
`.venv/bin/python -m tests.golden --update`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .render import Rendering

HERE = Path(__file__).resolve().parent
INPUTS = HERE / "input"
EXPECTED = HERE / "expected"
#: Inputs whose book (print/edition.html) is compared as well: those about what the book
#: adds around the documents (its indices, bibliography, front matter).
BOOK_PREFIX = "book-"


@dataclass(frozen=True)
class Output:
    """One compared output: where its expected file is and which part of a page it is."""

    kind: str
    #: The element compared: every part of the page outside it is the same for all inputs
    #: (the site's head, header, navigation and footer; the print HTML's head).
    element: str

    def expected(self, case: Path) -> Path:
        return EXPECTED / self.kind / f"{case.stem}.html"

    def made(self, rendering: Rendering) -> str:
        """The compared part of the page, exactly as written, with a final newline."""
        page = getattr(rendering, self.kind)
        start, end = f"<{self.element}", f"</{self.element}>"
        if page.count(start) != 1 or page.count(end) != 1:
            raise ValueError(f"the {self.kind} page has not exactly one <{self.element}>")
        return page[page.index(start) : page.index(end) + len(end)] + "\n"


WEB = Output("web", "main")
PRINT = Output("print", "body")
BOOK = Output("book", "body")


def cases() -> list[Path]:
    """Every golden input, by name."""
    return sorted(INPUTS.glob("*.xml"))


def outputs(case: Path) -> list[Output]:
    """What is compared for an input: its web page and print HTML, and the book for some."""
    return [WEB, PRINT, *([BOOK] if case.stem.startswith(BOOK_PREFIX) else [])]
