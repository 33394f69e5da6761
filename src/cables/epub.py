"""The ebook: xslt/epub/epub.xsl writes the EPUB 3.3 content, this module packs it.

Runs the stylesheet (the chapters, then the package document and navigation), embeds
subsets of the Noto fonts with the glyphs the text uses, and writes one reproducible ZIP.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cables.config import Edition
from cables.corpus import corpus_files
from cables.errors import CablesError
from cables.figures import copy_figures, find_figures
from cables.manifest import write_manifest
from cables.pdf import BOOK as PRINT_BOOK
from cables.pdf import require_fonts
from cables.transform import ParameterValue, Stylesheets
from cables.xmlio import parse_made, read_bytes

EPUB_STYLESHEET = "epub/epub.xsl"
EPUB_CSS = "epub/epub.css"
BOOK = "edition.epub"
#: The folder of the package inside the ZIP (container.xml names it).
PACKAGE = "OEBPS"
MIMETYPE = b"application/epub+zip"
#: Where Debian keeps the fonts' licence (the SIL Open Font License with their copyright).
FONT_LICENCES = {
    "fonts-noto-core": Path("/usr/share/doc/fonts-noto-core/copyright"),
    "fonts-noto-cjk": Path("/usr/share/doc/fonts-noto-cjk/copyright"),
}


@dataclass(frozen=True)
class FontFace:
    """One embedded font: its family and style as fontconfig names them, the Debian
    package that has it, and the characters it carries (`cjk`: the Chinese ones, else all
    the others)."""

    family: str
    style: str
    package: str
    cjk: bool = False

    @property
    def pattern(self) -> str:
        """The fontconfig pattern that finds the font's file."""
        return f"{self.family}:style={self.style}"

    @property
    def file(self) -> str:
        """The name of its subset in the package's fonts folder."""
        return f"{self.family.replace(' ', '')}-{self.style.replace(' ', '')}.woff2"

    @property
    def css(self) -> str:
        """Its @font-face rule."""
        style = "italic" if "Italic" in self.style else "normal"
        weight = "bold" if "Bold" in self.style else "normal"
        return (
            f'@font-face {{ font-family: "{self.family}"; font-style: {style}; '
            f'font-weight: {weight}; src: url("fonts/{self.file}") format("woff2"); }}'
        )


FONT_FACES = (
    FontFace("Noto Serif", "Regular", "fonts-noto-core"),
    FontFace("Noto Serif", "Italic", "fonts-noto-core"),
    FontFace("Noto Serif", "Bold", "fonts-noto-core"),
    FontFace("Noto Serif", "Bold Italic", "fonts-noto-core"),
    FontFace("Noto Serif CJK SC", "Regular", "fonts-noto-cjk", cjk=True),
)


def is_cjk(character: str) -> bool:
    """Whether the Chinese font, not Noto Serif, sets this character (CJK ideographs,
    their punctuation and the full-width forms)."""
    code = ord(character)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    )


def build_epub(
    edition: Edition, stylesheets: Stylesheets, output: Path, build_date: str, scratch: Path
) -> Path:
    """Write build/epub/edition.epub into `output` (an empty staging folder)."""
    require_fonts()
    book = scratch / "epub"
    shutil.rmtree(book, ignore_errors=True)
    content = book / PACKAGE
    content.mkdir(parents=True)
    figures = find_figures(edition, corpus_files(edition))
    manifest = write_manifest(edition, build_date, scratch / "epub-manifest.xml", figures)
    copy_figures(figures, content)
    parameters: dict[str, ParameterValue] = {
        "manifest": stylesheets.parse(manifest),
        "modified": modified_moment(build_date),
        "print-pages": print_pages(edition),
    }
    stylesheets.run(EPUB_STYLESHEET, template="epub", parameters=parameters, output_base=book)
    faces = [face for face in FONT_FACES if _characters(content, face.cjk)]
    _copy_styles(edition, content, faces)
    resources = sorted(
        path.relative_to(content).as_posix()
        for path in content.rglob("*")
        if path.is_file() and path.suffix != ".xhtml"
    )
    resources += [f"fonts/{face.file}" for face in faces]
    resources += [f"fonts/{_licence_name(package)}" for package in _packages(faces)]
    stylesheets.run(
        EPUB_STYLESHEET,
        template="package",
        parameters={**parameters, "resources": " ".join(sorted(resources))},
        output_base=book,
    )
    _embed_fonts(content, faces)
    target = output / BOOK
    write_epub(book, target, build_date)
    return target


def modified_moment(build_date: str) -> str:
    """dcterms:modified: the moment SOURCE_DATE_EPOCH names, else the build date at midnight."""
    from cables.build import source_moment  # build imports this module: not at the top

    moment = source_moment()
    if moment is None:
        return f"{build_date}T00:00:00Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def print_pages(edition: Edition) -> str:
    """Where the anchors of the print book fall ("id:page", the number printed on the
    page), read from the named destinations of build/pdf/edition.pdf; "" without one."""
    pdf = edition.build_dir / "pdf" / PRINT_BOOK
    if not pdf.is_file():
        return ""
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(pdf))
        pages = {page.indirect_reference: number for number, page in enumerate(reader.pages, 1)}
        destinations = {
            name: pages.get(destination.page)
            for name, destination in reader.named_destinations.items()
        }
    except Exception:  # noqa: BLE001 - a damaged PDF only costs the page list
        return ""
    return " ".join(f"{name}:{page}" for name, page in sorted(destinations.items()) if page)


def _characters(content: Path, cjk: bool) -> str:
    """The characters the XHTML files of `content` show, Chinese (`cjk`) or the others."""
    seen: set[str] = set()
    for path in sorted(content.glob("*.xhtml")):
        root = parse_made(read_bytes(path))
        for text in root.itertext():
            seen.update(text)
    return "".join(sorted(c for c in seen if is_cjk(c) == cjk and not c.isspace()))


def _packages(faces: list[FontFace]) -> list[str]:
    return sorted({face.package for face in faces})


def _licence_name(package: str) -> str:
    return f"OFL-{package}.txt"


def _copy_styles(edition: Edition, content: Path, faces: list[FontFace]) -> None:
    """epub.css, the project's CSS and fonts.css (the @font-face rules of the subsets)."""
    shutil.copyfile(edition.xslt_dir / EPUB_CSS, content / "epub.css")
    for css in edition.css:
        shutil.copyfile(css, content / css.name)
    rules = "".join(face.css + "\n" for face in faces)
    (content / "fonts.css").write_text(rules, encoding="utf-8")


def _font_file(pattern: str) -> tuple[Path, int]:
    """The file (and index in a collection) fontconfig has for a pattern."""
    try:
        found = subprocess.run(
            ["fc-list", "-f", "%{file}|%{index}\n", pattern],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        ).stdout.split()
    except (OSError, subprocess.TimeoutExpired):
        found = []
    if not found:
        raise CablesError(
            f"the font {pattern} is not installed",
            hint="install it with: apt-get install fonts-noto-core fonts-noto-cjk",
        )
    file, _, index = sorted(found)[0].partition("|")
    return Path(file), int(index or 0)


def _embed_fonts(content: Path, faces: list[FontFace]) -> None:
    """Each face subset to the characters the text uses, as WOFF2, with its licence."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    fonts = content / "fonts"
    fonts.mkdir(exist_ok=True)
    for face in faces:
        path, index = _font_file(face.pattern)
        font = TTFont(str(path), fontNumber=index, recalcTimestamp=False)
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=_characters(content, face.cjk) + " \u00a0")
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(str(fonts / face.file), reorderTables=True)
    for package in _packages(faces):
        shutil.copyfile(FONT_LICENCES[package], fonts / _licence_name(package))


def write_epub(book: Path, target: Path, build_date: str) -> None:
    """The ZIP of an EPUB: `mimetype` first and stored, then every file in the order of
    its path, all dated `build_date`, so that the same files give the same bytes."""
    stamp = _zip_stamp(build_date)
    files = sorted(path for path in book.rglob("*") if path.is_file())
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(_entry("mimetype", stamp), MIMETYPE, zipfile.ZIP_STORED)
        for path in files:
            name = path.relative_to(book).as_posix()
            archive.writestr(_entry(name, stamp), path.read_bytes(), zipfile.ZIP_DEFLATED, 9)


def _entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, stamp)
    entry.create_system = 3  # Unix, wherever it is made: the permissions below
    entry.external_attr = 0o100644 << 16
    return entry


def _zip_stamp(build_date: str) -> tuple[int, int, int, int, int, int]:
    """The build date at midnight; ZIP cannot hold a date before 1980."""
    day = datetime.fromisoformat(build_date[:10])
    return (day.year, day.month, day.day, 0, 0, 0) if day.year >= 1980 else (1980, 1, 1, 0, 0, 0)
