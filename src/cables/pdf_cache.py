"""The keyed reuse of the documents' PDFs: what the previous `cables build pdf` made.

A document's PDF is laid out from its print HTML (documents/doc-*.html, written by
book.xsl from the document, the authority files, the front matter, the labels and the
configuration), the files beside it in the print folder (the CSS, the figures), the TEI
source it carries, the fonts and the code that lays it out and writes it. Its key is the
hash of all of these; a PDF whose key equals the one the previous build recorded, and which
build/pdf still holds as that build wrote it (same size and modification time), is linked
into the new output instead of being laid out again. Without the state in
build/.cache/pdf/state.cache every PDF is made again, with the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from datetime import datetime
from pathlib import Path

from cables.cache import cache_key, code_files, fingerprint, read_cache, write_cache
from cables.config import Edition
from cables.state import OutputEntry, link_or_copy
from cables.versions import generator_version

PDF_STATE = ".cache/pdf/state.cache"
#: The cables modules whose code shapes a PDF once its print HTML is written.
PDF_CODE = ("pdf", "pdf_structure", "pdf_cache", "cache")


def _fonts() -> str:
    """The font files fontconfig offers, with their versions: a font installed, removed or
    upgraded may change every PDF."""
    try:
        return subprocess.run(
            ["fc-list", "--format", "%{file} %{fontversion}\n"],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""


def _file_hash(path: Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


class PdfState:
    """The keys of the PDFs the previous build wrote into build/pdf, and of this build's."""

    def __init__(self, edition: Edition, print_dir: Path, output: Path, when: datetime) -> None:
        self.path = edition.build_dir / PDF_STATE
        self.previous = edition.build_dir / "pdf"
        self.output = output
        # The print folder's other files (CSS, figures) may be read by any page.
        assets = sorted(
            (str(path.relative_to(print_dir)), _file_hash(path))
            for path in print_dir.rglob("*")
            if path.is_file() and path.suffix != ".html"
        )
        self.base = cache_key(
            "pdf",
            generator_version(),
            fingerprint(*code_files(*PDF_CODE)),
            when.isoformat(),
            _fonts(),
            *(part for asset in assets for part in asset),
        )
        self.outputs: dict[str, OutputEntry] = {}
        stored = read_cache(self.path, self.base, self._check)
        if stored is not None:
            self.outputs = self._parsed
        self.keys: dict[str, str] = {}
        self.reused: list[str] = []

    def _check(self, stored: dict, data: bytes) -> None:  # noqa: ARG002 - no binary part
        self._parsed = {
            name: OutputEntry.from_json(value) for name, value in stored["outputs"].items()
        }

    def key(self, html: Path, variant: str, attachments: tuple[tuple[Path, str], ...]) -> str:
        """The key of the PDF laid out from `html` as `variant`, with these sources."""
        sources = (part for path, name in attachments for part in (name, _file_hash(path)))
        return cache_key(self.base, variant, _file_hash(html), *sources)

    def reuse(self, name: str, key: str) -> bool:
        """Link the previous build's PDF `name` into the output if it has this key."""
        self.keys[name] = key
        known = self.outputs.get(name)
        if known is None or known.key != key:
            return False
        previous = self.previous / name
        try:
            stat = os.stat(previous)
        except OSError:
            return False
        if stat.st_size != known.size or stat.st_mtime_ns != known.mtime_ns:
            return False
        link_or_copy(previous, self.output / name)
        self.reused.append(name)
        return True


def save_pdf_state(state: PdfState | None, folder: Path) -> None:
    """Keep the keys of the PDFs now in `folder` (build/pdf, once swapped in)."""
    if state is None:
        return
    outputs = {}
    for name, key in state.keys.items():
        try:
            stat = os.stat(folder / name)
        except OSError:
            continue  # its layout failed
        outputs[name] = OutputEntry(key, stat.st_size, stat.st_mtime_ns).to_json()
    write_cache(state.path, {"fingerprint": state.base, "outputs": outputs})
