"""Golden files: for each rendering rule a small TEI input and the HTML it must give.

tests/golden/input/<rule>.xml is built as the only document of a small edition (render.py);
the parts of its pages that depend on the input are compared byte for byte with
tests/golden/expected/{web,print,home,book}/<rule>.html (see README.md there); regenerate with
`.venv/bin/python -m tests.golden --update`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .render import Rendering

HERE = Path(__file__).resolve().parent
INPUTS = HERE / "input"
EXPECTED = HERE / "expected"
#: Inputs whose pages about the whole corpus are compared as well: the site's home page,
#: which lists the documents, and the book around them (its title page, imprint,
#: contents, front matter, indices and bibliography).
CORPUS_PREFIX = "corpus-"


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
HOME = Output("home", "main")
BOOK = Output("book", "body")


def cases() -> list[Path]:
    """Every golden input, by name."""
    return sorted(INPUTS.glob("*.xml"))


def outputs(case: Path) -> list[Output]:
    """What is compared for an input: its web page and print HTML, and for some the pages
    about the whole corpus."""
    return [WEB, PRINT, *([HOME, BOOK] if case.stem.startswith(CORPUS_PREFIX) else [])]
