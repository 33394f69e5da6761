"""The edition's configuration: `edition.toml`, found by walking up from a folder.

Everything downstream reads paths and edition facts from the `Edition` value made here.
Every section and key edition.toml may hold is declared once, in `SECTIONS`, with what its
value must be; a key not declared there is an error with "did you mean", and every
problem is reported with the line it is on, all of them at once (`ConfigError`).
"""

from __future__ import annotations

import datetime
import difflib
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cables.data import SCHEMA, XSLT, packaged
from cables.diagnostics import ERROR, Diagnostic
from cables.errors import CablesError
from cables.pointers import SAFE_SCHEMES, unsafe_scheme, url_scheme
from cables.strictness import MODES, STRICT

CONFIG_NAME = "edition.toml"
#: The readings a TEI `choice` may offer, in pairs; the texts show one of each pair.
CHOICE_PAIRS = (("abbr", "expan"), ("orig", "reg"), ("sic", "corr"))
DEFAULT_CHOICE = ("expan", "reg", "corr")
#: [print] trim: the book's page when edition.toml names none, and the named sizes.
DEFAULT_TRIM = "156x234mm"
NAMED_TRIMS = ("A4", "letter")
#: A trim in millimetres: "156x234mm"; pages from 100 to 450 mm a side are accepted.
_TRIM_MM = re.compile(r"([1-9][0-9]{2})x([1-9][0-9]{2})mm")


@dataclass(frozen=True)
class Edition:
    """The edition's facts and the folders of its corpus and schema."""

    root: Path
    id: str
    title: str
    subtitle: str
    editors: tuple[str, ...]
    publisher: str
    licence: str
    licence_url: str
    #: What the licence covers (the edition's own work, not the documents it describes).
    licence_scope: str
    version: str
    base_url: str
    date: str
    language: str
    #: The first folder (or file) of each kind [corpus] names: where `cables new` writes.
    documents_dir: Path
    authority_dir: Path
    front_dir: Path
    #: The schema and the stylesheets: the project's own when [schema] and [build] xslt
    #: name them (or a project made before cables packaged them has its copies where the
    #: old defaults were: schema/cables.xsd..., xslt/), else the packaged ones (data.py).
    xsd_path: Path
    schematron_path: Path
    odd_path: Path
    xslt_dir: Path
    build_dir: Path
    #: How strict `cables check` is: "strict" (the edition's schema and conventions) or
    #: "lenient" (only what any TEI file must satisfy; see strictness.py).
    validation: str = STRICT
    #: Whether the corpus folders may hold symbolic links ([corpus] allow_symlinks); even
    #: then a link is followed only to a regular file inside the project.
    allow_symlinks: bool = False
    #: Whether check, build and deposit run in the Landlock sandbox ([build] sandbox).
    sandbox: bool = True
    #: Paths the sandbox lets the stylesheets read, or write, besides its own
    #: ([build] allow_read, allow_write; relative to the project, or absolute).
    allow_read: tuple[Path, ...] = ()
    allow_write: tuple[Path, ...] = ()
    #: Where an xml:id must be unique ([check] unique_ids): "document", as TEI requires,
    #: or "corpus", an edition's policy (the shipped edition's), for ids unique
    #: across all the files of the corpus.
    unique_ids: str = "document"
    #: The files (or folders of files) a pointer `#id` falls back on when its own file
    #: has no such id, and `@key` looks in, in order ([corpus] registers; relative to the
    #: project). Empty: every file of the authority folder (pointers.py).
    registers: tuple[Path, ...] = ()
    #: Every folder and file of each kind [corpus] names (a text or a list of texts).
    documents_paths: tuple[Path, ...] = ()
    authority_paths: tuple[Path, ...] = ()
    front_paths: tuple[Path, ...] = ()
    #: The edition's own label table ([edition] labels, relative to the project): the
    #: words the stylesheets write, by key (xslt/common/labels.xml lists them); None: English.
    labels: Path | None = None
    #: The project's customisation layer: for the web and the print edition, one
    #: stylesheet that imports the packaged one (`cables:xslt/html/site.xsl`,
    #: `cables:xslt/print/book.xsl`) and overrides what it changes ([build]
    #: html_customisation, print_customisation); its CSS, loaded after the default in both
    #: ([build] css); the template of `cables new` ([new] template).
    html_customisation: Path | None = None
    print_customisation: Path | None = None
    css: tuple[Path, ...] = ()
    document_template: Path | None = None
    #: The print edition's page: a named trim ("A4", "letter") or width x height in
    #: millimetres ("156x234mm", the default: a scholarly octavo) ([print] trim).
    trim: str = DEFAULT_TRIM
    #: The BagIt profile the deposit's bag follows ([deposit] profile; DEPOSIT_PROFILES),
    #: and the URL where the CMIF file is published ([deposit] cmif_url; "" while unknown).
    deposit_profile: str = "btr"
    cmif_url: str = ""
    #: The OAI-PMH Static Repository Gateway that serves the deposit's static repository,
    #: and the administrator's address OAI-PMH requires ([deposit] oai_gateway,
    #: admin_email; the static repository is written only when both and base_url are set).
    oai_gateway: str = ""
    admin_email: str = ""

    @property
    def corpus_sources(self) -> tuple[tuple[Path, str], ...]:
        """The folders and files of the corpus with their kinds (corpus.py's names), front
        matter first, then documents, then authority files, each in the configured order."""
        return (
            *((path, "front") for path in self.front_paths),
            *((path, "document") for path in self.documents_paths),
            *((path, "authority") for path in self.authority_paths),
        )

    #: Which reading of each TEI `choice` the texts show, one of each pair (abbr or
    #: expan, orig or reg, sic or corr); the other stays available ([text] choice).
    choice: tuple[str, ...] = DEFAULT_CHOICE

    @property
    def tei_dirs(self) -> tuple[Path, ...]:
        """The folders and files of the corpus (what the sandbox and the preview watch)."""
        return tuple(path for path, _ in self.corpus_sources)


def find_project(start: Path) -> Path:
    """The nearest folder at or above `start` that holds an `edition.toml`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise CablesError(
        f"no {CONFIG_NAME} found in {start} or any folder above it",
        hint="run cables inside an edition project, or name one with --project DIR",
    )


#: The rule of every finding about edition.toml, in the check's output.
CONFIG_RULE = "config"


class ConfigError(CablesError):
    """edition.toml cannot be used: every problem found in it, each a CablesError with
    its line and column, in the order of the file. Exit status 2, as for usage errors:
    no command reads the corpus with a configuration it cannot trust."""

    def __init__(self, problems: list[CablesError]) -> None:
        problems = sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))
        first = problems[0]
        super().__init__(
            first.message,
            path=first.path,
            line=first.line,
            column=first.column,
            hint=first.hint,
            rule=CONFIG_RULE,
        )
        self.problems = problems

    def __reduce__(self):
        return (ConfigError, (self.problems,))

    def diagnostics(self) -> list[Diagnostic]:
        """The problems as findings of the check: `edition.toml:LINE:COL: error: … [config]`."""
        return [
            Diagnostic(
                CONFIG_NAME,
                problem.line or 1,
                problem.column or 1,
                ERROR,
                CONFIG_RULE,
                problem.message,
                problem.hint,
            )
            for problem in self.problems
        ]

    def __str__(self) -> str:
        return "\n".join(finding.format_text() for finding in self.diagnostics())


def load_edition(project: Path | None = None, cwd: Path | None = None) -> Edition:
    """Read the edition configuration of `project`, or of the project around `cwd`.

    Every section, key and value is checked here (`SECTIONS`), so a bad one stops every
    command at once with the line it is on, instead of failing later in a build; all the
    problems found are raised together, as one ConfigError."""
    if project is not None:
        root = project.resolve()
        if not (root / CONFIG_NAME).is_file():
            raise CablesError(
                f"no {CONFIG_NAME} in {root}", hint="--project must name an edition folder"
            )
    else:
        root = find_project(cwd or Path.cwd())
    config_path = root / CONFIG_NAME
    try:
        text = _config_text(config_path)
    except CablesError as error:
        raise ConfigError([error]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([_syntax_error(error, config_path)]) from None
    problems = _Problems(config_path, _places(text))
    unreadable = _check_characters(data, problems)
    tables = _check_tables(data, root, problems, unreadable)
    if problems.found:
        raise ConfigError(problems.found)
    loaded = _edition(root, tables)
    try:
        _check_output(loaded)
    except CablesError as error:
        problems.add(("build", "output"), error.message, error.hint)
        raise ConfigError(problems.found) from None
    return loaded


def _edition(root: Path, tables: dict[str, dict]) -> Edition:
    """The Edition of a configuration `_check_tables` found no fault in, with the
    defaults of the keys it leaves out."""
    edition, corpus, check = tables["edition"], tables["corpus"], tables["check"]
    schema, build, text_table = tables["schema"], tables["build"], tables["text"]

    def path(table: dict, key: str, default: str) -> Path:
        return (root / table.get(key, default)).resolve()

    def optional(table: dict, key: str) -> Path | None:
        return path(table, key, "") if key in table else None

    def own_or_packaged(table: dict, key: str, old_default: str) -> Path:
        # The project's own when named, or its copy at the old default place (projects
        # made before cables packaged them), else the packaged one.
        if key in table:
            return path(table, key, old_default)
        copy = root / old_default
        if copy.is_file() if key != "xslt" else (copy / "html" / "site.xsl").is_file():
            return copy.resolve()
        data = packaged(XSLT if key == "xslt" else SCHEMA)
        return data if key == "xslt" else data / Path(old_default).name

    def corpus_paths(key: str, default: str) -> tuple[Path, ...]:
        values = _listed(corpus.get(key, default))
        return tuple(dict.fromkeys((root / item).resolve() for item in values))

    def outside_paths(key: str) -> tuple[Path, ...]:
        # The sandbox's: outside the project on purpose, relative ones from the project.
        return tuple((root / Path(value).expanduser()).resolve() for value in build.get(key, []))

    documents = corpus_paths("documents", "tei/documents")
    authority = corpus_paths("authority", "tei/authority")
    front = corpus_paths("front", "tei/front")
    date = edition["date"]
    return Edition(
        root=root,
        id=edition["id"],
        title=edition["title"],
        subtitle=edition.get("subtitle", ""),
        editors=tuple(edition.get("editors", [])),
        publisher=edition["publisher"],
        licence=edition["licence"],
        licence_url=edition["licence_url"],
        licence_scope=edition.get("licence_scope", ""),
        version=edition["version"],
        base_url=edition.get("base_url", ""),
        date=date if isinstance(date, str) else date.isoformat(),
        language=edition.get("language", "en"),
        documents_dir=documents[0],
        authority_dir=(authority + (root / "tei/authority",))[0],
        front_dir=(front + (root / "tei/front",))[0],
        documents_paths=documents,
        authority_paths=authority,
        front_paths=front,
        xsd_path=own_or_packaged(schema, "xsd", "schema/cables.xsd"),
        schematron_path=own_or_packaged(schema, "schematron", "schema/cables.sch"),
        odd_path=own_or_packaged(schema, "odd", "schema/cables.odd"),
        xslt_dir=own_or_packaged(build, "xslt", "xslt"),
        build_dir=path(build, "output", "build"),
        validation=check.get("validation", STRICT),
        unique_ids=check.get("unique_ids", UNIQUE_IDS[0]),
        registers=tuple((root / value).resolve() for value in corpus.get("registers", [])),
        allow_symlinks=corpus.get("allow_symlinks", False),
        sandbox=build.get("sandbox", True),
        allow_read=outside_paths("allow_read"),
        allow_write=outside_paths("allow_write"),
        choice=_chosen(text_table.get("choice", [])),
        labels=optional(edition, "labels"),
        html_customisation=optional(build, "html_customisation"),
        print_customisation=optional(build, "print_customisation"),
        css=tuple((root / value).resolve() for value in build.get("css", [])),
        document_template=optional(tables["new"], "template"),
        trim=tables["print"].get("trim", DEFAULT_TRIM),
        deposit_profile=tables["deposit"].get("profile", DEPOSIT_PROFILES[0]),
        cmif_url=tables["deposit"].get("cmif_url", ""),
        oai_gateway=tables["deposit"].get("oai_gateway", ""),
        admin_email=tables["deposit"].get("admin_email", ""),
    )


def _syntax_error(error: tomllib.TOMLDecodeError, config_path: Path) -> CablesError:
    # tomllib says where only in its message: "Invalid value (at line 3, column 9)".
    message = str(error)
    found = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    line, column = (int(found[1]), int(found[2])) if found else (None, None)
    return CablesError(
        f"{CONFIG_NAME} is not valid TOML: {message[: found.start()] if found else message}",
        path=config_path,
        line=line,
        column=column,
        hint='values are written key = "text", key = true, key = ["a", "b"]; '
        "see the README's configuration reference",
    )


def _config_text(config_path: Path) -> str:
    """The text of edition.toml, which TOML requires to be UTF-8."""
    try:
        data = config_path.read_bytes()
    except OSError as error:
        raise CablesError(
            f"cannot read {CONFIG_NAME}: {error.strerror}", path=config_path
        ) from None
    hint = f"save {CONFIG_NAME} as UTF-8 (the encoding TOML requires)"
    for bom, encoding in _UNICODE_BOMS:
        if data.startswith(bom):
            raise CablesError(
                f"{CONFIG_NAME} is {encoding}, not UTF-8", path=config_path, hint=hint
            )
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CablesError(
            f"{CONFIG_NAME} is not UTF-8: byte 0x{data[error.start]:02x} cannot be read",
            path=config_path,
            line=line,
            hint=hint,
        ) from None


#: Byte-order marks of the encodings an editor's program may save a file in; UTF-32
#: first, as its little-endian mark begins with UTF-16's.
_UNICODE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)

#: Values that are prose and may hold a line break or a tab (a TOML multi-line string).
_MULTI_LINE = {("edition", "subtitle"), ("edition", "licence_scope")}


def _check_characters(data: dict, problems: _Problems) -> set[tuple]:
    """No key or text value holds a control character: they reach file names, page titles
    and the terminal, where they hide text or move the cursor. Returns the sections and
    keys found with one, which are not checked further."""
    found: set[tuple] = set()

    def visit(value: object, where: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                character = control_character(key)
                if character:
                    problems.add(
                        (*where, key),
                        f"{CONFIG_NAME} has a key with the control character {character}: "
                        + _shown(key),
                    )
                    found.add((*where, key)[:2])
                    continue
                visit(item, (*where, key))
        elif isinstance(value, list):
            for number, item in enumerate(value):
                visit(item, (*where, number))
        elif isinstance(value, str):
            allowed = "\t\n" if where[:2] in _MULTI_LINE else ""
            character = control_character(value, allowed)
            if character:
                problems.add(
                    where,
                    f"{_key_name(where)} holds the control character {character}",
                    "remove it; text values hold only characters that show, and "
                    + " and ".join(_key_name(key) for key in sorted(_MULTI_LINE))
                    + " also line breaks and tabs",
                )
                found.add(where[:2])

    visit(data, ())
    return found


def _key_name(where: tuple[str | int, ...]) -> str:
    """A value's place in edition.toml as an editor finds it: `[edition] editors[1]`."""
    shown = ""
    for part in where[1:] if len(where) > 1 else where:
        shown += f"[{part}]" if isinstance(part, int) else ("." if shown else "") + _shown(part)
    return f"[{_shown(str(where[0]))}] {shown}" if len(where) > 1 else shown


def control_character(text: str, allowed: str = "") -> str:
    """The first control character of `text` not in `allowed`, as U+XXXX; "" if none.

    Lone surrogates count too: they are bytes of a command-line argument that were not
    UTF-8, and can be written to no file."""
    for character in text:
        if unicodedata.category(character) in ("Cc", "Cs") and character not in allowed:
            return f"U+{ord(character):04X}"
    return ""


def _shown(text: str) -> str:
    # A key or value as it may be printed: control characters as escapes.
    return (
        text.encode("unicode_escape", "backslashreplace").decode("ascii")
        if control_character(text)
        else text
    )


#: How a value of each TOML type is named to an editor (bool before int, its subclass).
_TYPE_NAMES = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "a table",
}


def _wrong_type(where: str, value: object, expected: str) -> CablesError:
    found = next((name for kind, name in _TYPE_NAMES.items() if isinstance(value, kind)), None)
    if found is None:
        found = "a date and time" if isinstance(value, datetime.datetime) else "a date or time"
    return CablesError(
        f"{where} must be {expected}, not {found}",
        hint="write text in quotes" if expected.startswith("text") else None,
    )


# -- what each key holds -------------------------------------------------------------------

#: A test of a value of the right type: (value, where, project folder); it raises a
#: CablesError (message and hint; the line is added) when the value is wrong.
Check = Callable[[Any, str, Path], None]


@dataclass(frozen=True)
class Value:
    """What one key of edition.toml must hold."""

    #: The type as the editor is told it: "text", "a list of paths", ...
    expected: str
    #: The TOML types it may have, exactly (a bool is no number here).
    types: tuple[type, ...]
    check: Check | None = None
    #: For a list, what each item must be; with `str` among `types` too, one item alone
    #: may stand for the list (`documents = "letters"`).
    items: Value | None = None
    required: bool = False
    #: The value the hint suggests when a required key is missing.
    example: str = '"..."'

    def problems(self, value: object, where: str, root: Path) -> list[CablesError]:
        if type(value) not in self.types:
            return [_wrong_type(where, value, self.expected)]
        found: list[CablesError] = []
        if self.items is not None:
            listed = isinstance(value, list)
            for number, item in enumerate(_listed(value)):
                found += self.items.problems(item, f"{where}[{number}]" if listed else where, root)
        if not found and self.check is not None:
            try:
                self.check(value, where, root)
            except CablesError as error:
                found.append(error)
        return found


def _listed(value: object) -> list:
    """The items of a list value, or a value that stands alone for a list of one (one path
    for a list of paths, `paths`): how the check and `_edition` both read such a key."""
    return value if isinstance(value, list) else [value]


def text(check: Check | None = None, *, required: bool = False, expected: str = "text") -> Value:
    """A text value (`check` then tests it further)."""
    return Value(expected, (str,), check, required=required)


def relative_path(check: Check | None = None) -> Value:
    """A path inside the project, relative to it (`check` then tests it further)."""

    def inside(value: str, where: str, root: Path) -> None:
        _inside(root, value, where)
        if check is not None:
            check(value, where, root)

    return Value("text (a relative path)", (str,), inside)


def list_of(item: Value, expected: str, check: Check | None = None) -> Value:
    """A list whose every item is an `item` (`check` then tests the whole list)."""
    return Value(expected, (list,), check, items=item)


def paths(item: Value, check: Check | None = None) -> Value:
    """One path, or a list of them."""
    return Value(f"{item.expected} or a list of paths", (str, list), check, items=item)


def one_of(choices: tuple[str, ...], hint: str) -> Value:
    """One of the texts `choices`; `hint` is the hint of the error when it is another."""

    def chosen(value: str, where: str, root: Path) -> None:  # noqa: ARG001
        if value not in choices:
            raise CablesError(
                f"{where} must be one of {', '.join(choices)}, not {_shown(value)!r}", hint=hint
            )

    return Value(f"one of {', '.join(choices)}", (str,), chosen)


FLAG = Value("true or false", (bool,))


def _real_day(value: str | datetime.date, where: str, root: Path) -> None:  # noqa: ARG001
    """The publication date: a real day written YYYY-MM-DD (quoted, or a TOML date)."""
    if isinstance(value, datetime.date):
        return
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError
        datetime.date.fromisoformat(value)
    except ValueError:
        raise CablesError(
            f"{where} must be a real day written YYYY-MM-DD, not {_shown(value)!r}",
            hint='like date = "2026-01-31"',
        ) from None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _safe_link(value: str, where: str, root: Path) -> None:  # noqa: ARG001
    # The outputs link to these addresses, so they pass the check document links pass
    # (pointers.unsafe_scheme): a javascript: licence would run in every reader's browser.
    scheme = unsafe_scheme(value)
    if scheme is not None:
        raise CablesError(
            f"{where} uses the '{scheme}:' scheme, which the outputs do not link to",
            hint=f"use an address starting with one of {', '.join(SAFE_SCHEMES)}",
        )


def _page_address(value: str, where: str, root: Path) -> None:
    # Every page's canonical address is base_url followed by the page's file name.
    _safe_link(value, where, root)
    if value and url_scheme(value) not in ("http", "https"):
        raise CablesError(
            f"{where} must be an http or https address, not {_shown(value)!r}",
            hint='like base_url = "https://example.org/edition/", or "" while unpublished',
        )


def _email_address(value: str, where: str, _root: Path) -> None:
    # One address, name@host.domain, as OAI-PMH's adminEmail takes it.
    if value and not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+", value):
        raise CablesError(
            f"{where} must be one e-mail address, not {_shown(value)!r}",
            hint='like admin_email = "editors@example.org", or "" to write no static repository',
        )


def _existing(value: str, where: str, root: Path) -> None:
    """[corpus] documents, registers: what they name must be there."""
    if not (root / value).exists():
        kind = "file" if value.endswith(".xml") else "folder"
        raise CablesError(
            f"{where} names a {kind} that does not exist: {_shown(value)}",
            hint=f"give its path relative to the project folder, or create the {kind}",
        )


def _existing_file(value: str, where: str, root: Path) -> None:
    """[corpus] authority, front: a folder may be missing (an edition with no registers or
    no front matter), but a file they name must be there."""
    if value.endswith(".xml"):
        _existing(value, where, root)


def _existing_regular_file(value: str, where: str, root: Path) -> None:
    """A file of the customisation layer: it must be there, and be a file."""
    if not (root / value).is_file():
        raise CablesError(
            f"{where} names a file that does not exist: {_shown(value)}",
            hint="give its path relative to the project folder",
        )


#: The names the packaged CSS and scripts have in the outputs, which a project's CSS
#: cannot take.
_PACKAGED_ASSETS = ("edition.css", "search.js", "print.css")


def _style_sheet(value: str, where: str, root: Path) -> None:
    """[build] css: a CSS file of the project, copied under its own name (assets/NAME in
    the site, beside print.css in print), which the packaged ones must not have."""
    _existing_regular_file(value, where, root)
    name = Path(value).name
    if name in _PACKAGED_ASSETS or not name.endswith(".css"):
        raise CablesError(
            f"{where} must be a .css file with a name of its own, not {_shown(name)}",
            hint="the outputs hold it under its file name, beside "
            + ", ".join(_PACKAGED_ASSETS)
            + ": rename it, like custom.css",
        )


def _distinct_names(values: list[str], where: str, root: Path) -> None:  # noqa: ARG001
    names = [Path(value).name for value in values]
    for number, name in enumerate(names):
        if name in names[:number]:
            raise CablesError(
                f"{where}[{number}] has the file name of another in the list: {_shown(name)}",
                hint="the outputs hold each under its file name: rename one",
            )


def _not_empty(value: str | list, where: str, root: Path) -> None:  # noqa: ARG001
    if value == []:
        raise CablesError(
            f"{where} is an empty list",
            hint='name the folders (or files) of the documents, like documents = ["letters"]',
        )


def _not_blank(value: str, where: str, root: Path) -> None:  # noqa: ARG001
    if not value.strip():
        raise CablesError(
            f"{where} is empty",
            hint='name a file or folder, like "data/places.xml" or "/usr/local/share/fonts"',
        )


def _one_of_each_pair(values: list[str], where: str, root: Path) -> None:  # noqa: ARG001
    for pair in CHOICE_PAIRS:
        if set(pair) <= set(values):
            raise CablesError(
                f"{where} names both {' and '.join(pair)}",
                hint="name one reading of each pair: the one the texts show",
            )


def _trim_size(value: str, where: str, root: Path) -> None:  # noqa: ARG001
    """[print] trim: a named size or "WIDTHxHEIGHTmm", each side 100 to 450 mm."""
    size = _TRIM_MM.fullmatch(value)
    if value in NAMED_TRIMS or (size and all(100 <= int(side) <= 450 for side in size.groups())):
        return
    raise CablesError(
        f"{where} must be {', '.join(NAMED_TRIMS)} or a size in millimetres like "
        f"{DEFAULT_TRIM!r}, not {_shown(value)!r}",
        hint=f'like trim = "{DEFAULT_TRIM}" (the default), "A4" or "letter"; in millimetres '
        "each side from 100 to 450",
    )


def _chosen(values: list[str]) -> tuple[str, ...]:
    """[text] choice: the readings shown, one per pair; a pair left out keeps its default."""
    chosen = list(DEFAULT_CHOICE)
    for value in values:
        chosen[next(n for n, pair in enumerate(CHOICE_PAIRS) if value in pair)] = value
    return tuple(chosen)


#: The values of [check] unique_ids: ids unique in each file (TEI), or in the corpus.
UNIQUE_IDS = ("document", "corpus")
#: The BagIt profiles the deposit's bag can follow ([deposit] profile; bag.py has each
#: one's rules): the Beyond the Repository profile 1.0 (the default), or RFC 8493 alone.
DEPOSIT_PROFILES = ("btr", "rfc8493")
#: The sandbox's extra paths: outside the project too, on purpose.
_SANDBOX_PATHS = list_of(text(_not_blank, expected="text (a path)"), "a list of paths")

#: Every section of edition.toml, each key it may hold and what the key's value must be:
#: the one place a key is declared. A section or key not here is an error (with "did you
#: mean"); a value not of its type, or failing its check, is an error naming the key's line.
#: To add a key: one line in its section, like `"css": paths(relative_path(_existing)),`,
#: then read it in `_edition` (`build.get("css", [])`); its type is checked by then.
SECTIONS: dict[str, dict[str, Value]] = {
    "edition": {
        "id": text(required=True),
        "title": text(required=True),
        "subtitle": text(),
        "editors": list_of(text(expected="text (a name)"), "a list of names"),
        "publisher": text(required=True),
        "licence": text(required=True),
        "licence_url": text(_safe_link, required=True),
        "licence_scope": text(),
        "version": text(required=True),
        "base_url": text(_page_address),
        "date": Value(
            'a date like "2026-01-31"',
            (str, datetime.date),
            _real_day,
            required=True,
            example='"2026-01-31"',
        ),
        "language": text(),
        "labels": relative_path(_existing),
    },
    "corpus": {
        "documents": paths(relative_path(_existing), _not_empty),
        "authority": paths(relative_path(_existing_file)),
        "front": paths(relative_path(_existing_file)),
        "registers": list_of(relative_path(_existing), "a list of paths"),
        "allow_symlinks": FLAG,
    },
    "check": {
        "validation": one_of(
            MODES, 'use "lenient" for TEI files from other projects, "strict" otherwise'
        ),
        "unique_ids": one_of(
            UNIQUE_IDS,
            '"document" (TEI\'s rule, the default) or "corpus" (an edition\'s policy: '
            "no xml:id used in two files)",
        ),
    },
    "schema": {
        "xsd": relative_path(),
        "schematron": relative_path(),
        "odd": relative_path(),
    },
    "build": {
        "xslt": relative_path(),
        "output": relative_path(),
        "sandbox": FLAG,
        "allow_read": _SANDBOX_PATHS,
        "allow_write": _SANDBOX_PATHS,
        # The customisation layer (transform.py, site.py, pdf.py).
        "html_customisation": relative_path(_existing_regular_file),
        "print_customisation": relative_path(_existing_regular_file),
        "css": list_of(relative_path(_style_sheet), "a list of paths", _distinct_names),
    },
    "print": {
        "trim": text(_trim_size, expected='text: "A4", "letter" or a size like "156x234mm"'),
    },
    "new": {
        "template": relative_path(_existing_regular_file),
    },
    "deposit": {
        "profile": one_of(
            DEPOSIT_PROFILES,
            '"btr" (the Beyond the Repository BagIt profile, the default) or "rfc8493" '
            "(plain BagIt); the README's deposit section describes both",
        ),
        "cmif_url": text(_page_address),
        "oai_gateway": text(_page_address),
        "admin_email": text(_email_address),
    },
    "text": {
        "choice": list_of(
            one_of(
                tuple(name for pair in CHOICE_PAIRS for name in pair),
                'like choice = ["expan", "reg", "corr"]',
            ),
            "a list of readings",
            _one_of_each_pair,
        ),
    },
}


def _check_tables(
    data: dict, root: Path, problems: _Problems, skipped: set[tuple]
) -> dict[str, dict]:
    """Every section and key of `data` against SECTIONS; the known sections (empty when
    absent), for `_edition` to read once no problem is found."""
    tables: dict[str, dict] = {name: {} for name in SECTIONS}
    for name, table in data.items():
        if (name,) not in skipped and _is_known_table(name, table, problems):
            tables[name] = table
            _check_keys(name, table, root, problems, skipped)
    for name in SECTIONS:
        if (name,) not in skipped:
            _check_required(name, data.get(name), problems)
    return tables


def _is_known_table(name: str, table: object, problems: _Problems) -> bool:
    """Whether the top-level `name` is a section of SECTIONS written as a table; if not,
    the problem is added."""
    if name not in SECTIONS:
        problems.add((name,), *_unknown_section(name, table))
        return False
    if not isinstance(table, dict):
        error = _wrong_type(name, table, f"a table ([{name}] on a line of its own)")
        problems.add((name,), error.message, error.hint)
        return False
    return True


def _check_keys(
    name: str, table: dict, root: Path, problems: _Problems, skipped: set[tuple]
) -> None:
    """Each key of the section `name`: one it declares, holding what it must."""
    keys = SECTIONS[name]
    for key, value in table.items():
        if (name, key) in skipped:
            continue
        if key not in keys:
            problems.add((name, key), f"[{name}] has no key {_shown(key)}", _known(key, name))
            continue
        for error in keys[key].problems(value, f"[{name}] {key}", root):
            problems.add((name, key), error.message, error.hint)


def _check_required(name: str, table: object, problems: _Problems) -> None:
    """The section `name` and its required keys are there, if it has any (`table`: the
    section as written, None when absent)."""
    required = _required(name)
    if not required:
        return
    if table is None:
        problems.add(
            (),
            f"{CONFIG_NAME} has no [{name}] table",
            f"add a section [{name}] with {', '.join(required)}",
        )
        return
    if not isinstance(table, dict):
        return  # not a table: _is_known_table says so
    for key in required:
        if key not in table:
            problems.add(
                (name,),
                f"[{name}] needs a text value for '{key}'",
                f"add a line like {key} = {SECTIONS[name][key].example} to {CONFIG_NAME}",
            )


def _required(name: str) -> list[str]:
    return [key for key, value in SECTIONS[name].items() if value.required]


def _unknown_section(name: str, value: object) -> tuple[str, str]:
    """The message and hint for a top-level name SECTIONS does not know."""
    if not isinstance(value, dict):
        # A key above the first [section]: say where it belongs.
        homes = [section for section, keys in SECTIONS.items() if name in keys]
        if homes:
            return f"{_shown(name)} stands before any section", f"move it into [{homes[0]}]"
        return f"{_shown(name)} stands before any section", _known(name, None)
    close = difflib.get_close_matches(name, SECTIONS, n=1)
    hint = f"did you mean [{close[0]}]?" if close else _keys_listed(None)
    return f"unknown section [{_shown(name)}]", hint


def _known(key: str, section: str | None) -> str:
    """The hint for an unknown key: the closest key of its section, or the section the
    key belongs to, or the closest key of any section, or the keys there are."""
    return (
        _close_key_in(section, key)
        or _home_of(key, section)
        or _close_key_anywhere(key)
        or _keys_listed(section)
    )


def _close_key_in(section: str | None, key: str) -> str | None:
    """A "did you mean" with the closest key of `section` (None: above any section)."""
    keys = SECTIONS[section] if section is not None else {}
    close = difflib.get_close_matches(key, keys, n=1)
    return f"did you mean {close[0]}?" if close else None


def _home_of(key: str, section: str | None) -> str | None:
    """Where `key` belongs, when another section declares it."""
    homes = [name for name, known in SECTIONS.items() if key in known and name != section]
    return f"{key} belongs in [{homes[0]}]" if homes else None


def _close_key_anywhere(key: str) -> str | None:
    """A "did you mean" with the closest key of any section, named with its section."""
    everywhere = {f"[{name}] {known}": known for name in SECTIONS for known in SECTIONS[name]}
    close = difflib.get_close_matches(key, everywhere.values(), n=1)
    if not close:
        return None
    return "did you mean " + next(k for k, v in everywhere.items() if v == close[0]) + "?"


def _keys_listed(section: str | None) -> str:
    """The sections there are (above any section), or the keys of `section`."""
    if section is None:
        return "the sections are " + ", ".join(f"[{name}]" for name in SECTIONS)
    return f"the keys of [{section}] are " + ", ".join(SECTIONS[section])


def _check_output(edition: Edition) -> None:
    # A build replaces its output folders whole, so the output must not hold, or be held
    # by, a folder of sources.
    output = edition.build_dir
    sources = [
        *((f"[corpus] {key}", path) for key, path in _corpus_keys(edition)),
        ("[schema] xsd", edition.xsd_path.parent),
        ("[schema] schematron", edition.schematron_path.parent),
        ("[schema] odd", edition.odd_path.parent),
        ("[build] xslt", edition.xslt_dir),
    ]
    if output == edition.root:
        raise CablesError(
            "[build] output must be a folder of its own, not the project folder",
            hint='like output = "build"',
        )
    for key, source in sources:
        if source == edition.root or not source.is_relative_to(edition.root):
            continue  # a schema file at the top of the project, or the packaged ones
        if output.is_relative_to(source) or source.is_relative_to(output):
            relation = "is inside" if output.is_relative_to(source) else "holds"
            raise CablesError(
                f"[build] output ({output.relative_to(edition.root)}) {relation} the folder "
                f"of {key} ({source.relative_to(edition.root)})",
                hint='keep the outputs apart from the sources, like output = "build"',
            )


def _corpus_keys(edition: Edition) -> list[tuple[str, Path]]:
    """Each path of [corpus] with the key it is under, documents first."""
    return [
        *(("documents", path) for path in edition.documents_paths),
        *(("authority", path) for path in edition.authority_paths),
        *(("front", path) for path in edition.front_paths),
    ]


def _inside(root: Path, relative: str, key: str) -> Path:
    # Configured paths stay inside the project, so a config cannot point the tools
    # at (or make them write to) arbitrary places on the machine.
    if not relative or Path(relative).is_absolute():
        raise CablesError(f"{key} must be a path relative to the project")
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        raise CablesError(f"{key} points outside the project: {_shown(relative)}")
    return path


# -- where each key is written ---------------------------------------------------------------


class _Problems:
    """The problems found in edition.toml, each placed on the line of its key."""

    def __init__(self, config_path: Path, places: dict[tuple, tuple[int, int]]) -> None:
        self.config_path = config_path
        self.places = places
        self.found: list[CablesError] = []

    def add(self, key: tuple, message: str, hint: str | None = None) -> None:
        """A problem of `key` (section, key, …): on the line where the longest part of it
        is written (a missing key: its section's header), else on line 1."""
        line, column = next(
            (self.places[key[:n]] for n in range(len(key), 0, -1) if key[:n] in self.places),
            (1, 1),
        )
        self.found.append(
            CablesError(
                message,
                path=self.config_path,
                line=line,
                column=column,
                hint=hint,
                rule=CONFIG_RULE,
            )
        )


_BARE_KEY = r"[A-Za-z0-9_-]+"
_QUOTED_KEY = r'"(?:[^"\\]|\\.)*"|' + r"'[^']*'"
_KEY_PART = rf"(?:{_BARE_KEY}|{_QUOTED_KEY})"
_DOTTED_KEY = rf"{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*"
_HEADER = re.compile(rf"\[\[?[ \t]*(?P<key>{_DOTTED_KEY})[ \t]*\]\]?")
_KEY_LINE = re.compile(rf"(?P<key>{_DOTTED_KEY})[ \t]*=")


def _places(text: str) -> dict[tuple, tuple[int, int]]:
    """The line and column where each section and key is first written, by its path
    (`("corpus",)`, `("corpus", "documents")`; a dotted key `a.b` gives `(…, "a")` and
    `(…, "a", "b")`). tomllib gives no positions, so the text is scanned here: headers
    and `key =` lines, outside multi-line strings and arrays. Keys inside an inline table
    are found through the key that holds it."""
    places: dict[tuple, tuple[int, int]] = {}
    table: tuple = ()
    string: str | None = None  # the quotes of the multi-line string the line is in
    depth = 0  # how many brackets of a value spanning lines are open
    for number, line in enumerate(text.splitlines(), 1):
        rest = line
        if string is None and depth == 0:
            stripped = line.lstrip()
            column = len(line) - len(stripped) + 1
            header, key = _HEADER.match(stripped), _KEY_LINE.match(stripped)
            if header:
                table = _key_path(header["key"])
                for n in range(1, len(table) + 1):
                    places.setdefault(table[:n], (number, column))
                rest = stripped[header.end() :]
            elif key:
                path = table + _key_path(key["key"])
                for n in range(len(table) + 1, len(path) + 1):
                    places.setdefault(path[:n], (number, column))
                rest = stripped[key.end() :]
        string, depth = _scan(rest, string, depth)
    return places


def _key_path(dotted: str) -> tuple[str, ...]:
    parts = []
    for part in re.findall(_KEY_PART, dotted):
        if part.startswith('"'):
            part = tomllib.loads(f"k = {part}")["k"]
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


def _scan(text: str, string: str | None, depth: int) -> tuple[str | None, int]:
    """The multi-line string and bracket depth after `text`, starting in `string`/`depth`."""
    position = 0
    while position < len(text):
        if string is not None:
            string, position = _step_in_multi_line(text, position, string)
            continue
        character = text[position]
        if character == "#":
            break  # a comment: the rest of the line says nothing
        if text.startswith(('"""', "'''"), position):
            string, position = text[position : position + 3], position + 3
        elif character in "\"'":
            position = _after_one_line_string(text, position)
        else:
            depth = _bracket_depth(character, depth)
            position += 1
    return string, depth


def _step_in_multi_line(text: str, position: int, quotes: str) -> tuple[str | None, int]:
    """One step inside the multi-line string opened by `quotes`: over an escape (basic
    strings only), out at the closing quotes, else one character on."""
    if quotes == '"""' and text[position] == "\\":
        return quotes, position + 2
    if text.startswith(quotes, position):
        return None, position + 3
    return quotes, position + 1


def _after_one_line_string(text: str, position: int) -> int:
    """Where the one-line string opened at `position` ends (past its closing quote)."""
    quote = text[position]
    end = position + 1
    while end < len(text) and text[end] != quote:
        end += 2 if quote == '"' and text[end] == "\\" else 1
    return end + 1


def _bracket_depth(character: str, depth: int) -> int:
    """The depth of open brackets of a value after `character`."""
    if character in "[{":
        return depth + 1
    if character in "]}":
        return max(depth - 1, 0)
    return depth
