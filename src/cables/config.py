"""The edition's configuration: `edition.toml`, found by walking up from a folder.

Everything downstream reads paths and edition facts from the `Edition` value made here.
"""

from __future__ import annotations

import datetime
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cables.errors import CablesError
from cables.rules import SAFE_SCHEMES, unsafe_scheme, url_scheme
from cables.strictness import MODES, STRICT

CONFIG_NAME = "edition.toml"
#: The readings a TEI `choice` may offer, in pairs; the texts show one of each pair.
CHOICE_PAIRS = (("abbr", "expan"), ("orig", "reg"), ("sic", "corr"))
DEFAULT_CHOICE = ("expan", "reg", "corr")


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


def load_edition(project: Path | None = None, cwd: Path | None = None) -> Edition:
    """Read the edition configuration of `project`, or of the project around `cwd`.

    Every value is checked here, so a bad one stops every command at once with the key
    it is under, instead of failing later in a build."""
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
        data = tomllib.loads(_config_text(config_path))
    except tomllib.TOMLDecodeError as error:
        raise CablesError(f"{CONFIG_NAME} is not valid TOML: {error}", path=config_path) from None
    _check_characters(data, config_path)

    edition = _table(data, "edition", config_path)
    corpus = _table(data, "corpus", config_path, required=False)
    schema = _table(data, "schema", config_path, required=False)
    build = _table(data, "build", config_path, required=False)
    text_table = _table(data, "text", config_path, required=False)

    def text(table: dict, key: str, default: str | None = None) -> str:
        value = table.get(key, default)
        if value is None:
            raise CablesError(
                f"[edition] needs a text value for '{key}'",
                path=config_path,
                hint=f'add a line like {key} = "..." to {CONFIG_NAME}',
            )
        if not isinstance(value, str):
            raise _wrong_type(f"[edition] {key}", value, "text", config_path)
        return value

    def folder(name: str, table: dict, key: str, default: str) -> Path:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise _wrong_type(f"[{name}] {key}", value, "text (a relative path)", config_path)
        return _inside(root, value, config_path, f"[{name}] {key}")

    editors = edition.get("editors", [])
    if not isinstance(editors, list):
        raise _wrong_type("[edition] editors", editors, "a list of names", config_path)
    for number, name in enumerate(editors):
        if not isinstance(name, str):
            raise _wrong_type(f"[edition] editors[{number}]", name, "text (a name)", config_path)

    documents = _corpus_paths(root, corpus, "documents", "tei/documents", config_path)
    authority = _corpus_paths(root, corpus, "authority", "tei/authority", config_path)
    front = _corpus_paths(root, corpus, "front", "tei/front", config_path)
    if not documents:
        raise CablesError(
            "[corpus] documents is an empty list",
            path=config_path,
            hint='name the folders (or files) of the documents, like documents = ["letters"]',
        )

    loaded = Edition(
        root=root,
        id=text(edition, "id"),
        title=text(edition, "title"),
        subtitle=text(edition, "subtitle", ""),
        editors=tuple(editors),
        publisher=text(edition, "publisher"),
        licence=text(edition, "licence"),
        licence_url=text(edition, "licence_url"),
        licence_scope=text(edition, "licence_scope", ""),
        version=text(edition, "version"),
        base_url=text(edition, "base_url", ""),
        date=_iso_date(edition.get("date"), config_path),
        language=text(edition, "language", "en"),
        documents_dir=(documents + (root / "tei/documents",))[0],
        authority_dir=(authority + (root / "tei/authority",))[0],
        front_dir=(front + (root / "tei/front",))[0],
        documents_paths=documents,
        authority_paths=authority,
        front_paths=front,
        xsd_path=folder("schema", schema, "xsd", "schema/cables.xsd"),
        schematron_path=folder("schema", schema, "schematron", "schema/cables.sch"),
        odd_path=folder("schema", schema, "odd", "schema/cables.odd"),
        xslt_dir=folder("build", build, "xslt", "xslt"),
        build_dir=folder("build", build, "output", "build"),
        validation=_validation_mode(data.get("check", {}), config_path),
        unique_ids=_unique_ids(data.get("check", {}), config_path),
        registers=_registers(root, corpus, config_path),
        allow_symlinks=_flag(corpus, "allow_symlinks", config_path),
        sandbox=_flag(build, "sandbox", config_path, table_name="build", default=True),
        allow_read=_path_list(root, build, "allow_read", config_path),
        allow_write=_path_list(root, build, "allow_write", config_path),
        choice=_choice(text_table, config_path),
        labels=_labels(root, edition, config_path),
    )
    _check_urls(loaded, config_path)
    _check_output(loaded, config_path)
    return loaded


def _labels(root: Path, edition: dict, config_path: Path) -> Path | None:
    """[edition] labels: a label table of the project, or None for the English one."""
    if "labels" not in edition:
        return None
    value = edition["labels"]
    if not isinstance(value, str):
        raise _wrong_type("[edition] labels", value, "text (a relative path)", config_path)
    path = _inside(root, value, config_path, "[edition] labels")
    if not path.is_file():
        raise CablesError(
            f"[edition] labels names {value}, which is not a file",
            path=config_path,
            hint="give the path of a label table like xslt/common/labels.xml, or remove the key",
        )
    return path


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


def _check_characters(data: dict, config_path: Path) -> None:
    """No key or text value holds a control character: they reach file names, page titles
    and the terminal, where they hide text or move the cursor."""

    def visit(value: object, where: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                character = control_character(key)
                if character:
                    raise CablesError(
                        f"{CONFIG_NAME} has a key with the control character {character}: "
                        + _shown(key),
                        path=config_path,
                    )
                visit(item, (*where, key))
        elif isinstance(value, list):
            for number, item in enumerate(value):
                visit(item, (*where, number))
        elif isinstance(value, str):
            allowed = "\t\n" if where[:2] in _MULTI_LINE else ""
            character = control_character(value, allowed)
            if character:
                raise CablesError(
                    f"{_key_name(where)} holds the control character {character}",
                    path=config_path,
                    hint="remove it; text values hold only characters that show, and "
                    + " and ".join(_key_name(key) for key in sorted(_MULTI_LINE))
                    + " also line breaks and tabs",
                )

    visit(data, ())


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


def _wrong_type(where: str, value: object, expected: str, path: Path) -> CablesError:
    found = next((name for kind, name in _TYPE_NAMES.items() if isinstance(value, kind)), None)
    if found is None:
        found = "a date and time" if isinstance(value, datetime.datetime) else "a date or time"
    return CablesError(
        f"{where} must be {expected}, not {found}",
        path=path,
        hint="write text in quotes" if expected.startswith("text") else None,
    )


def _iso_date(value: object, config_path: Path) -> str:
    """The publication date, a real day written YYYY-MM-DD (quoted or as a TOML date)."""
    if value is None:
        raise CablesError(
            "[edition] needs a text value for 'date'",
            path=config_path,
            hint=f'add a line like date = "2026-01-31" to {CONFIG_NAME}',
        )
    if type(value) is datetime.date:
        return value.isoformat()
    if not isinstance(value, str):
        raise _wrong_type("[edition] date", value, 'a date like "2026-01-31"', config_path)
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise CablesError(
            f"[edition] date must be a real day written YYYY-MM-DD, not {_shown(value)!r}",
            path=config_path,
            hint='like date = "2026-01-31"',
        ) from None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _check_urls(edition: Edition, config_path: Path) -> None:
    # The outputs link to these addresses, so they pass the check document links pass
    # (rules.unsafe_scheme): a javascript: licence would run in every reader's browser.
    for key, value in (("licence_url", edition.licence_url), ("base_url", edition.base_url)):
        scheme = unsafe_scheme(value)
        if scheme is not None:
            raise CablesError(
                f"[edition] {key} uses the '{scheme}:' scheme, which the outputs do not link to",
                path=config_path,
                hint=f"use an address starting with one of {', '.join(SAFE_SCHEMES)}",
            )
    # Every page's canonical address is base_url followed by the page's file name.
    if edition.base_url and url_scheme(edition.base_url) not in ("http", "https"):
        raise CablesError(
            f"[edition] base_url must be an http or https address, not {edition.base_url!r}",
            path=config_path,
            hint='like base_url = "https://example.org/edition/", or "" while unpublished',
        )


def _flag(
    table: object, key: str, config_path: Path, table_name: str = "corpus", default: bool = False
) -> bool:
    value = table.get(key, default) if isinstance(table, dict) else default
    if not isinstance(value, bool):
        raise CablesError(
            f"[{table_name}] {key} must be true or false, not {value!r}",
            path=config_path,
            hint=f"write {key} = true or {key} = false",
        )
    return value


def _path_list(root: Path, table: dict, key: str, config_path: Path) -> tuple[Path, ...]:
    """[build] allow_read / allow_write: paths the sandbox opens to the stylesheets, on
    purpose outside the project too (relative ones are taken from the project folder)."""
    values = table.get(key, [])
    if not isinstance(values, list):
        raise _wrong_type(f"[build] {key}", values, "a list of paths", config_path)
    paths = []
    for number, value in enumerate(values):
        if not isinstance(value, str):
            raise _wrong_type(f"[build] {key}[{number}]", value, "text (a path)", config_path)
        if not value.strip():
            raise CablesError(
                f"[build] {key}[{number}] is empty",
                path=config_path,
                hint='name a file or folder, like "data/places.xml" or "/usr/local/share/fonts"',
            )
        paths.append((root / Path(value).expanduser()).resolve())
    return tuple(paths)


def _corpus_paths(
    root: Path, table: dict, key: str, default: str, config_path: Path
) -> tuple[Path, ...]:
    """[corpus] documents, authority or front: one path or a list of paths inside the
    project, each a folder (read with its subfolders) or a file."""
    value = table.get(key, default)
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list):
        raise _wrong_type(
            f"[corpus] {key}", value, "text (a relative path) or a list of paths", config_path
        )
    paths: list[Path] = []
    for number, item in enumerate(values):
        where = f"[corpus] {key}" if isinstance(value, str) else f"[corpus] {key}[{number}]"
        if not isinstance(item, str):
            raise _wrong_type(where, item, "text (a relative path)", config_path)
        path = _inside(root, item, config_path, where)
        if item.endswith(".xml") and not path.exists():
            raise CablesError(
                f"{where} names a file that does not exist: {item}",
                path=config_path,
                hint="give its path relative to the project folder",
            )
        if path not in paths:
            paths.append(path)
    return tuple(paths)


def _validation_mode(table: object, config_path: Path) -> str:
    mode = table.get("validation", STRICT) if isinstance(table, dict) else None
    if mode not in MODES:
        raise CablesError(
            f"[check] validation must be one of {', '.join(MODES)}, not {mode!r}",
            path=config_path,
            hint='use "lenient" for TEI files from other projects, "strict" otherwise',
        )
    return mode


def _registers(root: Path, table: dict, config_path: Path) -> tuple[Path, ...]:
    values = table.get("registers", [])
    if not isinstance(values, list):
        raise _wrong_type("[corpus] registers", values, "a list of paths", config_path)
    paths = []
    for number, value in enumerate(values):
        where = f"[corpus] registers[{number}]"
        if not isinstance(value, str):
            raise _wrong_type(where, value, "text (a relative path)", config_path)
        paths.append(_inside(root, value, config_path, where))
    return tuple(paths)


#: The values of [check] unique_ids: ids unique in each file (TEI), or in the corpus.
UNIQUE_IDS = ("document", "corpus")


def _unique_ids(table: object, config_path: Path) -> str:
    scope = table.get("unique_ids", UNIQUE_IDS[0]) if isinstance(table, dict) else None
    if scope not in UNIQUE_IDS:
        raise CablesError(
            f"[check] unique_ids must be one of {', '.join(UNIQUE_IDS)}, not {scope!r}",
            path=config_path,
            hint='"document" (TEI\'s rule, the default) or "corpus" (an edition\'s policy: '
            "no xml:id used in two files)",
        )
    return scope


def _choice(table: dict, config_path: Path) -> tuple[str, ...]:
    """[text] choice: the readings shown, one per pair; a pair left out keeps its default."""
    values = table.get("choice", [])
    if not isinstance(values, list):
        raise _wrong_type("[text] choice", values, "a list of readings", config_path)
    known = [name for pair in CHOICE_PAIRS for name in pair]
    chosen = list(DEFAULT_CHOICE)
    given: set[int] = set()
    for number, value in enumerate(values):
        if value not in known:
            raise CablesError(
                f"[text] choice[{number}] must be one of {', '.join(known)}, not {value!r}",
                path=config_path,
                hint='like choice = ["expan", "reg", "corr"]',
            )
        pair = next(index for index, names in enumerate(CHOICE_PAIRS) if value in names)
        if pair in given and chosen[pair] != value:
            raise CablesError(
                f"[text] choice names both {' and '.join(CHOICE_PAIRS[pair])}",
                path=config_path,
                hint="name one reading of each pair: the one the texts show",
            )
        given.add(pair)
        chosen[pair] = value
    return tuple(chosen)


def _check_output(edition: Edition, config_path: Path) -> None:
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
            path=config_path,
            hint='like output = "build"',
        )
    for key, source in sources:
        if source == edition.root:
            continue  # a schema file at the top of the project
        if output.is_relative_to(source) or source.is_relative_to(output):
            relation = "is inside" if output.is_relative_to(source) else "holds"
            raise CablesError(
                f"[build] output ({output.relative_to(edition.root)}) {relation} the folder "
                f"of {key} ({source.relative_to(edition.root)})",
                path=config_path,
                hint='keep the outputs apart from the sources, like output = "build"',
            )


def _corpus_keys(edition: Edition) -> list[tuple[str, Path]]:
    """Each path of [corpus] with the key it is under, documents first."""
    return [
        *(("documents", path) for path in edition.documents_paths),
        *(("authority", path) for path in edition.authority_paths),
        *(("front", path) for path in edition.front_paths),
    ]


def _table(data: dict, name: str, config_path: Path, required: bool = True) -> dict:
    table = data.get(name)
    if table is None and not required:
        return {}
    if table is None:
        raise CablesError(f"{CONFIG_NAME} has no [{name}] table", path=config_path)
    if not isinstance(table, dict):
        raise _wrong_type(name, table, f"a table ([{name}] on a line of its own)", config_path)
    return table


def _inside(root: Path, relative: str, config_path: Path, key: str) -> Path:
    # Configured paths stay inside the project, so a config cannot point the tools
    # at (or make them write to) arbitrary places on the machine.
    if not relative or Path(relative).is_absolute():
        raise CablesError(f"{key} must be a path relative to the project", path=config_path)
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        raise CablesError(f"{key} points outside the project: {relative}", path=config_path)
    return path
