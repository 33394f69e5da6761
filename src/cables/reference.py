"""The reference page of the stylesheets' public interface (`cables reference`).

One Saxon run of xslt/reference/reference.xsl lists what a customisation layer may rely on,
from the declarations of the packaged stylesheets and the comment before each: the m: modes,
named templates, functions, variables and keys, the global parameters and the label keys.
"""

from __future__ import annotations

from pathlib import Path

from cables import data
from cables.transform import Stylesheets

#: The stylesheet that writes the page, relative to the packaged xslt folder.
REFERENCE_STYLESHEET = "reference/reference.xsl"
#: Where `cables reference` writes the page in a project's build folder (beside the
#: edition's site, not in it: the page documents the tool, not the edition).
REFERENCE_PAGE = "reference.html"


def listed_stylesheets(xslt_dir: Path) -> list[str]:
    """The stylesheets the page lists, relative to `xslt_dir`, in a stable order (the
    reference stylesheet itself aside)."""
    return sorted(
        path.relative_to(xslt_dir).as_posix()
        for path in xslt_dir.rglob("*.xsl")
        if path.relative_to(xslt_dir).as_posix() != REFERENCE_STYLESHEET
    )


def write_reference(output: Path) -> Path:
    """Write the reference page of the packaged stylesheets to `output`."""
    xslt_dir = data.packaged_xslt()
    output.parent.mkdir(parents=True, exist_ok=True)
    Stylesheets(xslt_dir).run(
        REFERENCE_STYLESHEET,
        template="reference",
        parameters={"stylesheets": " ".join(listed_stylesheets(xslt_dir))},
        output=output,
    )
    return output
