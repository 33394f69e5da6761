"""The one place the golden tests call into cables: a golden input built as `cables build` does.

Each input becomes the only document of a small edition (tests/golden/project, in a scratch
folder), whose web site and print HTML are made with stylesheets compiled once. When the
build moves to other modules, only the imports and `Renderer.render` change here.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from cables.config import load_edition
from cables.data import packaged_xslt
from cables.pdf import write_print_html
from cables.site import build_site
from cables.transform import Stylesheets

#: The edition every golden input is the document of: its config, registers, front matter.
PROJECT = Path(__file__).resolve().parent / "project"
#: The build date the pages show (cables takes it from SOURCE_DATE_EPOCH or the clock).
BUILD_DATE = "2026-01-01"
#: The entry stylesheets a build runs, each compiled once by the Renderer.
ENTRIES = ("html/record.xsl", "html/site.xsl", "print/book.xsl")


@dataclass(frozen=True)
class Rendering:
    """The pages made from one input, each as the bytes cables wrote (decoded)."""

    #: The web page of the document (site/<name>.html).
    web: str
    #: The print HTML of the document alone (print/documents/doc-<name>.html).
    print: str
    #: The home page of the site, which lists the documents (site/index.html).
    home: str
    #: The print HTML of the whole book (print/edition.html).
    book: str


class Renderer:
    """Builds golden inputs with one set of compiled stylesheets.

    `xslt_dir` is the stylesheets folder to compile (the packaged one, or an instrumented
    copy of it); `workspace` an empty folder for the editions built."""

    def __init__(self, workspace: Path, xslt_dir: Path | None = None) -> None:
        self.workspace = workspace
        self.stylesheets = Stylesheets(xslt_dir or packaged_xslt())
        self.executables = [self.stylesheets.compiled(entry) for entry in ENTRIES]

    def render(self, document: Path) -> Rendering:
        """The pages of the edition whose only document is `document`."""
        name = document.stem
        project = self.workspace / name
        shutil.copytree(PROJECT, project)
        documents = project / "tei" / "documents"
        documents.mkdir()
        shutil.copyfile(document, documents / document.name)
        # An input may come with settings of its own (<name>.toml beside it: tables the
        # project's edition.toml does not have, such as [text]).
        settings = document.with_suffix(".toml")
        if settings.is_file():
            with (project / "edition.toml").open("a", encoding="utf-8") as config:
                config.write("\n" + settings.read_text(encoding="utf-8"))
        images = document.parent / "img"
        if images.is_dir():
            shutil.copytree(images, documents / "img")
        edition = load_edition(project)
        site = project / "build" / "site"
        site.mkdir(parents=True)
        # No check ran: the facts it gives are those of a one-document edition, none.
        build_site(edition, self.stylesheets, site, BUILD_DATE, facts={}, hashes={})
        print_dir = write_print_html(edition, self.stylesheets, BUILD_DATE, project / "scratch")
        return Rendering(
            web=(site / f"{name}.html").read_text(encoding="utf-8"),
            print=(print_dir / "documents" / f"doc-{name}.html").read_text(encoding="utf-8"),
            home=(site / "index.html").read_text(encoding="utf-8"),
            book=(print_dir / "edition.html").read_text(encoding="utf-8"),
        )

    def save_messages(self) -> None:
        """Keep what xsl:message says in every run from now on (see `messages`)."""
        for executable in self.executables:
            executable.set_save_xsl_message(True)

    def messages(self) -> list[str]:
        """The xsl:message texts of the runs since the last call, in no set order."""
        texts = []
        for executable in self.executables:
            saved = executable.get_xsl_messages()
            if saved is not None:
                texts += [saved.item_at(index).string_value for index in range(saved.size)]
            executable.clear_xsl_messages()
        return texts
