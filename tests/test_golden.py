"""Golden files: every rendering rule's input gives, byte for byte, the expected HTML.

Each tests/golden/input/<rule>.xml is built, as the only document of the edition in
tests/golden/project, with stylesheets compiled once per session (tests/golden/render.py).
Compared exactly: the <main> of its web page (the head, header, navigation and footer
around it are the site's chrome, the same for every input), the <body> of its print HTML
(before WeasyPrint), and for inputs named corpus-* the <main> of the site's home page and
the <body> of the whole book.

After a change meant to alter the HTML, regenerate the expected files and review the diff:

    .venv/bin/python -m tests.golden --update

A second test builds the inputs with an instrumented copy of the stylesheets and asserts
that every xsl:template and xsl:function of xslt/common/ ran for at least one input.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import EXPECTED, cases, outputs
from golden.coverage import instrument, ran
from golden.render import Renderer

from cables.data import packaged_xslt

CASES = cases()

#: Templates of xslt/common/ that no input can run, by file and match pattern (or name),
#: each with the reason: dead code for the stylesheets to lose. The coverage test fails
#: as soon as one of them runs or is gone, so that the list stays true.
UNREACHABLE = {
    ("common/text.xsl", "*[tokenize(@class) = 'footnote']"): "a note's body is always made with "
    "the tunnel parameter in-note true, so no footnote is ever written inside one",
}


@pytest.fixture(scope="session")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    return Renderer(tmp_path_factory.mktemp("golden"))


def test_there_are_golden_inputs() -> None:
    assert len(CASES) >= 20, CASES


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_rendering_matches_the_golden_files(renderer: Renderer, case: Path) -> None:
    rendering = renderer.render(case)
    for output in outputs(case):
        expected = output.expected(case)
        assert expected.is_file(), f"no {expected}: run python -m tests.golden --update"
        made = output.made(rendering)
        assert made == expected.read_text(encoding="utf-8"), (
            f"{output.kind} HTML of {case.name} differs from {expected}; if the change is "
            "meant, run python -m tests.golden --update and review its diff"
        )


def test_every_expected_file_has_its_input() -> None:
    compared = {output.expected(case) for case in CASES for output in outputs(case)}
    stale = sorted(path for path in EXPECTED.rglob("*.html") if path not in compared)
    assert not stale, f"expected files without an input: {stale}"


def test_the_golden_inputs_run_every_template_of_xslt_common(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    scratch = tmp_path_factory.mktemp("golden-coverage")
    templates = instrument(packaged_xslt(), scratch / "xslt")
    assert len(templates) > 100, "the stylesheets of xslt/common/ were not found"
    instrumented = Renderer(scratch / "editions", scratch / "xslt")
    instrumented.save_messages()
    numbers: set[int] = set()
    for case in CASES:
        rendering = instrumented.render(case)
        # The messages change nothing the stylesheets write: what ran is what the
        # golden files show.
        for output in outputs(case):
            assert output.made(rendering) == output.expected(case).read_text(encoding="utf-8")
        numbers |= ran(instrumented.messages())
    never = [template for number, template in enumerate(templates) if number not in numbers]
    unexplained = [str(template) for template in never if template.key not in UNREACHABLE]
    assert not unexplained, "no golden input runs these; add one that does:\n" + "\n".join(
        unexplained
    )
    stale = set(UNREACHABLE) - {template.key for template in never}
    assert not stale, f"these now run or are gone; take them out of UNREACHABLE: {stale}"
