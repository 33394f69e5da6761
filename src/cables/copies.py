"""What the web edition ships as it is: the PDFs, the TEI sources, the schema, the assets.

The TEI files and the schema go where they are in the project (tei/documents/..., schema/),
so that their pointers and <?xml-model?> hold inside the site, as the Endings principles
ask (an <?xml-model?> naming the packaged schema by cables:schema/... names its published
copy instead); all of them together also as one reproducible ZIP. The PDFs of `cables build pdf` go
under pdf/, the stylesheets' assets and the project's CSS under assets/.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from cables.cache import cache_key
from cables.config import Edition
from cables.corpus import (
    AUTHORITY,
    DOCUMENT,
    FRONT,
    SITE_OUTPUTS,
    SOURCE_FOLDERS,
    output_stem,
    published_name,
)
from cables.data import URI_PREFIX
from cables.epub import BOOK as EPUB_BOOK
from cables.errors import CablesError
from cables.figures import Figure, copy_figures
from cables.outputs import naming_written_file
from cables.pdf import BOOK, BOOK_ACCESSIBLE
from cables.state import SiteState, link_or_copy
from cables.xmlio import read_bytes

ASSETS = "html/assets"
#: Where a schema file outside the project (the packaged one) goes in the site.
SCHEMA_FOLDER = "schema"
#: The whole edition in one file: the TEI files, the schema and a README.
EDITION_ZIP = "edition-tei.zip"
#: The name of the README inside the ZIP, which the template "readme" writes.
ZIP_README = "README.txt"


def copy_epub(epub_dir: Path, target: Path) -> bool:
    """Link the ebook (build/epub/edition.epub) into the site, if it exists."""
    if not (epub_dir / EPUB_BOOK).is_file():
        return False
    target.mkdir(parents=True, exist_ok=True)
    link_or_copy(epub_dir / EPUB_BOOK, target / EPUB_BOOK)
    return True


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


@dataclass(frozen=True)
class Published:
    """A file the site ships as it is: its path in the site, the file it is copied from
    and the key of its copy (the SHA-256 of its bytes, with `models`); `models` maps an
    <?xml-model?> href of the file to the one its copy has instead (see published_bytes)."""

    name: str
    source: str
    digest: str
    models: tuple[tuple[str, str], ...] = ()


#: An <?xml-model?> up to its href's opening quote (groups 1 and 2) and the href (group 3).
_MODEL_HREF = re.compile(rb"""(<\?xml-model\s(?:[^?]|\?(?!>))*?\bhref\s*=\s*(["']))(.*?)\2""")
#: The prolog of a TEI file: white space, the declaration, instructions and comments (a
#: corpus file has no DOCTYPE), which the <?xml-model?>s are part of.
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
#: How much of a TEI file is read for its <?xml-model?>s: far more than any prolog.
PROLOG_BYTES = 65536


def published_bytes(file: Published) -> bytes:
    """The bytes of a file's copy: the file as encoded, but for the hrefs of its
    <?xml-model?> that `file.models` replaces (a name only cables resolves, as
    cables:schema/cables.xsd, by the published schema's path from the copy)."""
    data = read_bytes(file.source)
    if not file.models:
        return data
    replacements = {old.encode("utf-8"): new.encode("utf-8") for old, new in file.models}
    end = _prolog_end(data)

    def replace(match: re.Match[bytes]) -> bytes:
        href = match.group(3)
        return match.group(1) + replacements.get(href, href) + match.group(2)

    return _MODEL_HREF.sub(replace, data[:end]) + data[end:]


def _prolog(path: str) -> bytes:
    """What precedes the root element of a corpus file the check has read, without
    reading the whole file again (at most its first PROLOG_BYTES)."""
    with open(path, "rb") as file:
        head = file.read(PROLOG_BYTES)
    return head[: _prolog_end(head)]


def _prolog_end(data: bytes) -> int:
    match = _PROLOG.match(data)  # it always matches, if only the empty prolog
    return match.end() if match else 0


def _schema_models(prolog: bytes, name: str, schema: set[str]) -> tuple[tuple[str, str], ...]:
    """The <?xml-model?> hrefs of a TEI file published as `name` that name a packaged
    schema file (cables:schema/...) the site publishes (`schema`, names in the site),
    each with the relative path from the copy to that file, URI-encoded."""
    models = []
    for match in _MODEL_HREF.finditer(prolog):
        href = match.group(3).decode("utf-8", "replace")
        target = href.removeprefix(URI_PREFIX)
        if href.startswith(URI_PREFIX) and target in schema:
            relative = posixpath.relpath(target, posixpath.dirname(name) or ".")
            models.append((href, quote(relative)))
    return tuple(models)


def published_sources(
    hashed: list[tuple[Path, str, str, str]], edition: Edition
) -> list[Published]:
    """The TEI files the site ships: documents, authority files and front matter; `hashed`
    gives each corpus file's path, kind, absolute path and hash."""
    schema = {file.name for file in published_schema(edition)}
    return [
        published_source(Path(absolute_path), edition, schema, digest)
        for file, kind, absolute_path, digest in hashed
        if kind in (DOCUMENT, AUTHORITY, FRONT)
    ]


def published_source(
    path: Path, edition: Edition, schema: set[str] | None = None, digest: str = ""
) -> Published:
    """How the site ships one TEI file: its name there and the hrefs its copy changes
    (`schema`, the published schema's names, worked out when not given; `digest`, the
    file's hash, makes the copy's key)."""
    if schema is None:
        schema = {file.name for file in published_schema(edition)}
    absolute_path = str(path)
    elsewhere = f"tei/{output_stem(path, edition)}.xml"
    name = published_name(absolute_path, edition, elsewhere)
    models = _schema_models(_prolog(absolute_path), name, schema)
    key = cache_key(digest, *(f"{old}={new}" for old, new in models)) if models else digest
    return Published(name, absolute_path, key, models)


def published_schema(edition: Edition) -> list[Published]:
    """The schema the TEI files name in their <?xml-model?>: the XSD with the XSDs beside
    it that it may import (as `cables check` loads them), the Schematron and the ODD."""
    xsd = edition.xsd_path
    files = [xsd, *sorted(set(xsd.parent.glob("*.xsd")) - {xsd})]
    files += [edition.schematron_path, edition.odd_path]
    published = []
    for file in dict.fromkeys(files):
        if file.is_file():
            name = published_name(file, edition, f"{SCHEMA_FOLDER}/{file.name}")
            published.append(Published(name, str(file), cache_key(read_bytes(file))))
    return published


def copy_sources(state: SiteState, target: Path, files: list[Published]) -> None:
    """Copy the files the site ships as they are, each linked from the previous site
    when its bytes are unchanged; two of one name, or one over the site's own, fail."""
    seen: set[str] = set()
    for file in files:
        _refuse_taken(file, seen)
        seen.add(file.name.casefold())
        (target / file.name).parent.mkdir(parents=True, exist_ok=True)
        if state.reuse(file.name, file.digest):
            continue
        if file.models:
            (target / file.name).write_bytes(published_bytes(file))
        else:
            shutil.copyfile(file.source, target / file.name)


def _refuse_taken(file: Published, seen: set[str]) -> None:
    top = file.name.split("/", 1)[0]
    if file.name.casefold() in seen or (top in SITE_OUTPUTS and top not in SOURCE_FOLDERS):
        raise CablesError(
            f"the file would be published as {file.name}, which another file or the site "
            "itself takes",
            path=file.source,
            hint="the site ships the TEI files and the schema at their paths in the project: "
            "rename one of them, or move it out of the folder the site writes there",
        )


def copy_assets(edition: Edition, figures: list[Figure], output: Path) -> None:
    """The stylesheets' assets, the project's CSS and the local images, under assets/."""
    assets = edition.xslt_dir / ASSETS
    if assets.is_dir():
        shutil.copytree(assets, output / "assets")
    for css in edition.css:
        (output / "assets").mkdir(exist_ok=True)
        shutil.copyfile(css, output / "assets" / css.name)
    copy_figures(figures, output / "assets")


def site_downloads(
    files: list[Published], pdf_folder: Path | None, epub_folder: Path | None = None
) -> list[tuple[str, str]]:
    """What the home page offers (kind, path in the site): the ZIP, the books when
    `pdf_folder` (the site's pdf/) and `epub_folder` (its epub/) hold them, and the XSD
    the TEI files name."""
    downloads = [("edition-zip", EDITION_ZIP)]
    books = (
        (pdf_folder, "edition-pdf", BOOK),
        (pdf_folder, "edition-ua-pdf", BOOK_ACCESSIBLE),
        (epub_folder, "edition-epub", EPUB_BOOK),
    )
    for folder, kind, book in books:
        if folder is not None and (folder / book).is_file():
            downloads.append((kind, f"{folder.name}/{book}"))
    downloads += [("schema", file.name) for file in files if file.name.endswith(".xsd")][:1]
    return downloads


def write_edition_zip(
    state: SiteState,
    target: Path,
    files: list[Published],
    facts: str,
    readme: Callable[[], str],
    folder: str,
    build_date: str,
) -> None:
    """The ZIP of the edition: the README, then every file in the order of its name, in
    the folder `folder`, all dated `build_date`, so that the same files give the same bytes;
    made again only when `facts` (the edition's, as the manifest gives them) or a file changed."""
    key = state.output_key(facts, folder, build_date, *(f"{f.name}={f.digest}" for f in files))
    if state.reuse(EDITION_ZIP, key):
        return
    entries = [(ZIP_README, readme().encode("utf-8"))]
    entries += [(file.name, published_bytes(file)) for file in sorted(files, key=_by_name)]
    stamp = _zip_date(build_date)
    path = target / EDITION_ZIP
    with naming_written_file(path), zipfile.ZipFile(path, "w") as archive:
        for name, data in entries:
            entry = zipfile.ZipInfo(f"{folder}/{name}", stamp)
            entry.create_system = 3  # Unix, wherever it is made: the permissions below
            entry.external_attr = 0o100644 << 16
            archive.writestr(entry, data, zipfile.ZIP_DEFLATED, 9)


def _by_name(file: Published) -> str:
    return file.name


def _zip_date(build_date: str) -> tuple[int, int, int, int, int, int]:
    """The build date (YYYY-MM-DD) at midnight; ZIP cannot hold a date before 1980."""
    year, month, day = (int(part) for part in build_date[:10].split("-"))
    return (year, month, day, 0, 0, 0) if year >= 1980 else (1980, 1, 1, 0, 0, 0)
