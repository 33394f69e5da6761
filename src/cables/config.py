"""The edition's configuration: `edition.toml`, found by walking up from a folder.

Everything downstream reads paths and edition facts from the `Edition` value made here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from cables.errors import CablesError
from cables.rules import SAFE_SCHEMES, unsafe_scheme, url_scheme
from cables.strictness import MODES, STRICT

CONFIG_NAME = "edition.toml"


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

    @property
    def tei_dirs(self) -> tuple[Path, ...]:
        return (self.documents_dir, self.authority_dir, self.front_dir)


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
    """Read the edition configuration of `project`, or of the project around `cwd`."""
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
        data = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CablesError(f"{CONFIG_NAME} is not valid TOML: {error}", path=config_path) from None
    except OSError as error:
        raise CablesError(
            f"cannot read {CONFIG_NAME}: {error.strerror}", path=config_path
        ) from None

    edition = _table(data, "edition", config_path)
    corpus = data.get("corpus", {})
    schema = data.get("schema", {})
    build = data.get("build", {})

    def text(table: dict, key: str, default: str | None = None) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise CablesError(
                f"[edition] needs a text value for '{key}'",
                path=config_path,
                hint=f'add a line like {key} = "..." to {CONFIG_NAME}',
            )
        return value

    def folder(table: dict, key: str, default: str) -> Path:
        return _inside(root, table.get(key, default), config_path, key)

    editors = edition.get("editors", [])
    if not isinstance(editors, list) or not all(isinstance(e, str) for e in editors):
        raise CablesError("[edition] editors must be a list of names", path=config_path)

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
        date=text(edition, "date"),
        language=text(edition, "language", "en"),
        documents_dir=folder(corpus, "documents", "tei/documents"),
        authority_dir=folder(corpus, "authority", "tei/authority"),
        front_dir=folder(corpus, "front", "tei/front"),
        xsd_path=folder(schema, "xsd", "schema/cables.xsd"),
        schematron_path=folder(schema, "schematron", "schema/cables.sch"),
        odd_path=folder(schema, "odd", "schema/cables.odd"),
        xslt_dir=folder(build, "xslt", "xslt"),
        build_dir=folder(build, "output", "build"),
        validation=_validation_mode(data.get("check", {}), config_path),
    )
    _check_urls(loaded, config_path)
    return loaded


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


def _validation_mode(table: object, config_path: Path) -> str:
    mode = table.get("validation", STRICT) if isinstance(table, dict) else None
    if mode not in MODES:
        raise CablesError(
            f"[check] validation must be one of {', '.join(MODES)}, not {mode!r}",
            path=config_path,
            hint='use "lenient" for TEI files from other projects, "strict" otherwise',
        )
    return mode


def _table(data: dict, name: str, config_path: Path) -> dict:
    table = data.get(name)
    if not isinstance(table, dict):
        raise CablesError(f"{CONFIG_NAME} has no [{name}] table", path=config_path)
    return table


def _inside(root: Path, relative: object, config_path: Path, key: str) -> Path:
    # Configured paths stay inside the project, so a config cannot point the tools
    # at (or make them write to) arbitrary places on the machine.
    if not isinstance(relative, str) or Path(relative).is_absolute():
        raise CablesError(f"'{key}' must be a path relative to the project", path=config_path)
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        raise CablesError(f"'{key}' points outside the project: {relative}", path=config_path)
    return path
