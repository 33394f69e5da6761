"""What the web edition ships as it is: the PDFs, the TEI sources and the assets.

Each source goes beside its page under tei/ (as the Endings principles ask), the PDFs of
`cables build pdf` under pdf/, the stylesheets' assets and the project's CSS under assets/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from cables.config import Edition
from cables.corpus import AUTHORITY, DOCUMENT, FRONT, output_stem
from cables.errors import CablesError
from cables.figures import Figure, copy_figures
from cables.state import SiteState, link_or_copy

ASSETS = "html/assets"


def copy_pdfs(stems: list[str], pdf_dir: Path, target: Path) -> bool:
    """Link the per-document PDFs and the book into the site, if all of them exist."""
    if not pdf_dir.is_dir():
        return False
    present = {entry.name for entry in os.scandir(pdf_dir)}
    if not all(f"doc-{stem}.pdf" in present for stem in stems):
        return False
    target.mkdir(parents=True, exist_ok=True)
    for name in sorted(present):
        if name.endswith(".pdf"):
            link_or_copy(pdf_dir / name, target / name)
    return True


def copy_sources(
    state: SiteState, target: Path, hashed: list[tuple[Path, str, str, str]], edition: Edition
) -> None:
    """Ship the TEI source of every page beside it; `hashed` gives each corpus file's
    path, kind, absolute path and hash (the key of its copy)."""
    target.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    for file, kind, absolute_path, digest in hashed:
        if kind not in (DOCUMENT, AUTHORITY, FRONT):
            continue
        name = f"{output_stem(file, edition)}.xml"
        if name in seen:
            raise CablesError(
                f"two corpus files are both published as tei/{name}",
                path=file,
                hint="rename one of them: the names of the outputs come from the paths "
                "inside the corpus folders, folders joined by '-'",
            )
        seen.add(name)
        if not state.reuse(f"tei/{name}", digest):
            shutil.copyfile(absolute_path, target / name)


def copy_assets(edition: Edition, figures: list[Figure], output: Path) -> None:
    """The stylesheets' assets, the project's CSS and the local images, under assets/."""
    assets = edition.xslt_dir / ASSETS
    if assets.is_dir():
        shutil.copytree(assets, output / "assets")
    for css in edition.css:
        (output / "assets").mkdir(exist_ok=True)
        shutil.copyfile(css, output / "assets" / css.name)
    copy_figures(figures, output / "assets")
