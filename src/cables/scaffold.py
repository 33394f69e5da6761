"""New files from templates: `cables new` (a document) and `cables init` (an edition project).

The templates live in `cables/templates/`; documents are filled in with lxml, never by
pasting strings together, and nothing that exists already is ever overwritten.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import string
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from cables.build import source_date
from cables.check import check
from cables.config import CONFIG_NAME, Edition, control_character, load_edition
from cables.corpus import AUTHORITY, DOCUMENT, OTHER, XML_ID, corpus_files, xml_files
from cables.data import SCHEMA, URI_PREFIX
from cables.diagnostics import ERROR, Diagnostic
from cables.errors import CablesError
from cables.xmlio import TEI_NS, parse_xml

TEMPLATES = Path(__file__).resolve().parent / "templates"
DOCUMENT_TEMPLATE = TEMPLATES / "document.xml"
PROJECT_TEMPLATE = TEMPLATES / "project"

XSD_NS = "http://www.w3.org/2001/XMLSchema"
SCHEMATRON_NS = "http://purl.oclc.org/dsdl/schematron"
T = f"{{{TEI_NS}}}"

#: Authority entries and the element that names each kind in a document.
NAME_ELEMENTS = {"person": "persName", "org": "orgName", "place": "placeName"}
MAX_SLUG_LENGTH = 60
#: How alike (0 to 1, difflib's ratio) a value and an id or name must be to be suggested.
SIMILAR = 0.75
MONTHS = (
    "January February March April May June July August September October November December"
).split()


# -- cables new ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AuthorityEntry:
    """One person, organisation or place of the authority files, as a document points at it."""

    id: str
    kind: str  # person, org or place
    names: tuple[str, ...]  # the first is the main one; variants follow
    file: Path

    @property
    def name(self) -> str:
        return self.names[0] if self.names else self.id


@dataclass(frozen=True)
class NewDocument:
    path: Path
    #: What `cables check` says about the new file: warnings for what is still to be written.
    diagnostics: list[Diagnostic]


def slugify(title: str) -> str:
    """A file-name form of a title: lower-case ASCII words joined by hyphens."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", text.lower()))
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > MAX_SLUG_LENGTH:
            break
        slug = longer
    return slug


def parse_day(value: str) -> date:
    """A full ISO date (YYYY-MM-DD) that exists in the calendar."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise CablesError(
            f"--date must be a real day written YYYY-MM-DD, not {value!r}",
            hint="for example --date 1963-11-14",
        ) from None


def creation_day() -> str:
    """The date recorded for a new file: SOURCE_DATE_EPOCH's when set, else today."""
    return source_date() or date.today().isoformat()


def authority_entries(edition: Edition) -> list[AuthorityEntry]:
    """Every person, organisation and place with an xml:id in the authority files."""
    entries = []
    for path, kind in corpus_files(edition):
        if kind != AUTHORITY:
            continue
        try:
            root = parse_xml(path).root
        except CablesError:
            continue  # `cables check` reports it; here it only has no entries to offer
        for entry_kind, name_element in NAME_ELEMENTS.items():
            for entry in root.iter(T + entry_kind):
                identifier = entry.get(XML_ID)
                if not identifier:
                    continue
                names = tuple(
                    " ".join("".join(name.itertext()).split())
                    for name in entry.iterfind(T + name_element)
                )
                entries.append(AuthorityEntry(identifier, entry_kind, names, path))
    return entries


def find_entry(
    wanted: str, entries: Sequence[AuthorityEntry], kinds: Sequence[str], option: str
) -> AuthorityEntry:
    """The entry `wanted` names, by xml:id or by name; a did-you-mean error otherwise."""
    allowed = [entry for entry in entries if entry.kind in kinds]
    by_id = {entry.id: entry for entry in allowed}
    if wanted in by_id:
        return by_id[wanted]
    named = _entries_named(wanted, allowed)
    if len(named) == 1:
        return named[0]
    if named:
        raise CablesError(
            f"{option} {wanted!r} names {len(named)} entries",
            hint="give the xml:id of one: " + ", ".join(entry.id for entry in named),
        )
    raise _no_such_entry(wanted, entries, allowed, kinds, option)


def _entries_named(wanted: str, entries: Sequence[AuthorityEntry]) -> list[AuthorityEntry]:
    """The entries with a name that is `wanted`, spaces and case aside."""
    folded = " ".join(wanted.split()).casefold()
    return [entry for entry in entries if folded in (n.casefold() for n in entry.names)]


def _no_such_entry(
    wanted: str,
    entries: Sequence[AuthorityEntry],
    allowed: Sequence[AuthorityEntry],
    kinds: Sequence[str],
    option: str,
) -> CablesError:
    """Why `wanted` names none of the `allowed` entries: it is the id of an entry of
    another kind, or it is close to some (did you mean), or to none."""
    elsewhere = next((entry for entry in entries if entry.id == wanted), None)
    if elsewhere is not None:
        return CablesError(
            f"{option} {wanted!r} is a {elsewhere.kind} entry, not a "
            + " or ".join(kinds)
            + " entry",
            hint=f"{option} takes a " + " or an ".join(kinds) + " from the authority files",
        )
    close = close_entries(wanted, allowed)
    hint = (
        "did you mean " + ", ".join(f"`{identifier}`" for identifier in close) + "?"
        if close
        else "add an entry to the authority files first, or give the xml:id of an existing one"
    )
    return CablesError(f"{option} {wanted!r}: no such entry in the authority files", hint=hint)


def close_entries(wanted: str, entries: Sequence[AuthorityEntry], limit: int = 5) -> list[str]:
    """The ids of the entries `wanted` may have meant, closest first: a near-miss id or name,
    or a name with a run of words close to it ("Foreign Ministri" for "Foreign Ministry of
    the People's Republic of China")."""
    wanted = " ".join(wanted.casefold().split())
    size = len(wanted.split()) or 1

    def similarity(text: str) -> float:
        words = text.casefold().split()
        runs = [" ".join(words[i : i + size]) for i in range(max(len(words) - size + 1, 1))]
        return max(difflib.SequenceMatcher(None, wanted, run).ratio() for run in runs)

    scored = [
        (max(similarity(text) for text in (entry.id, *entry.names)), entry.id) for entry in entries
    ]
    close = sorted((item for item in scored if item[0] >= SIMILAR), key=lambda item: -item[0])
    return [identifier for _, identifier in close[:limit]]


def allowed_document_types(edition: Edition) -> list[str]:
    """The values the edition's XSD allows for text/@type (its `documentType`), if it says."""
    try:
        schema = parse_xml(edition.xsd_path).root
    except CablesError:
        return []
    values = schema.xpath(
        "xs:simpleType[@name='documentType']//xs:enumeration/@value", namespaces={"xs": XSD_NS}
    )
    return [str(value) for value in values if value != "front-matter"]


def choose_document_type(edition: Edition, wanted: str | None) -> str:
    allowed = allowed_document_types(edition)
    if wanted is None:
        if not allowed:
            raise CablesError(
                "the schema lists no document types to choose from",
                hint="give the type of the document with --type",
            )
        return allowed[0]
    if allowed and wanted not in allowed:
        close = difflib.get_close_matches(wanted, allowed, n=1)
        raise CablesError(
            f"--type {wanted!r} is not a document type of the edition",
            hint=(f"did you mean `{close[0]}`? " if close else "")
            + "the schema allows: "
            + ", ".join(allowed),
        )
    return wanted


def used_ids(edition: Edition) -> set[str]:
    ids: set[str] = set()
    for path, _ in corpus_files(edition):
        try:
            root = parse_xml(path).root
        except CablesError:
            continue
        ids.update(identifier for element in root.iter() if (identifier := element.get(XML_ID)))
    return ids


@dataclass(frozen=True)
class DocumentFields:
    """What `cables new` fills into the template, besides the edition's facts."""

    identifier: str
    title: str
    sent: date
    document_type: str
    sender: AuthorityEntry | None
    addressee: AuthorityEntry | None
    place: AuthorityEntry | None
    created: str


def printable(value: str | None, option: str, allowed: str = "") -> None:
    """Refuse a command-line value with a control character: it would be written into a
    document or edition.toml, where it is not allowed, and printed to the terminal."""
    character = control_character(value or "", allowed)
    if character.startswith("U+DC"):  # how Python keeps a byte of a non-UTF-8 argument
        raise CablesError(
            f"{option} holds the byte 0x{character[4:]}, which is not UTF-8",
            hint="set the terminal to UTF-8 (LANG=C.UTF-8, for example) and type it again",
        )
    if character:
        raise CablesError(
            f"{option} holds the control character {character}",
            hint="type the value again without it (a pasted text may carry one)",
        )


def new_document(
    edition: Edition,
    *,
    day: str,
    title: str,
    sender: str | None = None,
    addressee: str | None = None,
    place: str | None = None,
    document_type: str | None = None,
    slug: str | None = None,
) -> NewDocument:
    """Write `tei/documents/<day>-<slug>.xml` from the template and check it.

    Refuses to overwrite a file or to reuse an id; a file that the checker finds errors in
    is removed again (it would be a fault of the template or the schema).
    """
    # Line breaks and tabs in a title are spaces (the title is written on one line).
    printable(title, "--title", allowed="\t\n\r")
    for value, option in (
        (sender, "--from"),
        (addressee, "--to"),
        (place, "--place"),
        (document_type, "--type"),
        (slug, "--slug"),
    ):
        printable(value, option)
    sent = parse_day(day)
    if not title.strip():
        raise CablesError("--title must not be empty")
    stem = f"{sent.isoformat()}-{_file_slug(title, slug)}"
    path = _new_document_path(edition, stem)
    identifier = f"doc-{stem}"
    if identifier in used_ids(edition):
        raise CablesError(
            f'xml:id "{identifier}" is already used in the corpus',
            hint="choose another title, or name the file with --slug",
        )
    chosen_type = choose_document_type(edition, document_type)
    from_entry, to_entry, place_entry = _named_entries(edition, sender, addressee, place)
    fill = DocumentFields(
        identifier=identifier,
        title=" ".join(title.split()),
        sent=sent,
        document_type=chosen_type,
        sender=from_entry,
        addressee=to_entry,
        place=place_entry,
        created=creation_day(),
    )
    tree = render_document(edition, fill)
    edition.documents_dir.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "xb") as stream:
            stream.write(serialize(tree))
    except FileExistsError:
        raise CablesError("the file exists already", path=path) from None
    return NewDocument(path, _kept_if_it_passes(edition, path))


def _file_slug(title: str, slug: str | None) -> str:
    """The part of the new file's name after its day: --slug, else the title, slugified."""
    stem_slug = slugify(slug if slug is not None else title)
    if not stem_slug:
        raise CablesError(
            f"the title {title!r} gives no file name in Latin letters or digits",
            hint='name the file with --slug, for example --slug "report-on-trade"',
        )
    return stem_slug


def _new_document_path(edition: Edition, stem: str) -> Path:
    """Where `cables new` writes the document `stem`: in the first folder of [corpus]
    documents, under a name no file has yet."""
    if edition.documents_dir.exists() and not edition.documents_dir.is_dir():
        raise CablesError(
            "cables new writes into the first folder of [corpus] documents, and this is a file",
            path=edition.documents_dir,
            hint="name a folder first in [corpus] documents in edition.toml",
        )
    path = edition.documents_dir / f"{stem}.xml"
    if path.exists():
        raise CablesError(
            "the file exists already; cables new never overwrites a file",
            path=path,
            hint="choose another title, or name the file with --slug",
        )
    return path


def _named_entries(
    edition: Edition, sender: str | None, addressee: str | None, place: str | None
) -> tuple[AuthorityEntry | None, AuthorityEntry | None, AuthorityEntry | None]:
    """The authority entries --from, --to and --place name (None for an option not given)."""
    entries = authority_entries(edition)

    def entry(wanted: str | None, kinds: tuple[str, ...], option: str) -> AuthorityEntry | None:
        return find_entry(wanted, entries, kinds, option) if wanted else None

    people = ("person", "org")
    return (
        entry(sender, people, "--from"),
        entry(addressee, people, "--to"),
        entry(place, ("place",), "--place"),
    )


def _kept_if_it_passes(edition: Edition, path: Path) -> list[Diagnostic]:
    """What `cables check` says of the new file; a file it finds an error in is removed."""
    findings = check(edition, [path]).diagnostics
    errors = [d for d in findings if d.severity == ERROR]
    if errors:
        path.unlink()
        raise CablesError(
            "the new document would not pass cables check, so it was not kept: "
            + errors[0].format_text(),
            hint=f"the template ({edition.document_template or 'the packaged one'}) and the "
            "schema disagree",
        )
    return findings


def render_document(edition: Edition, fields: DocumentFields) -> etree._ElementTree:
    """The template ([new] template, else the packaged one) with the edition's and the
    document's facts filled in."""
    template = edition.document_template or DOCUMENT_TEMPLATE
    tree = parse_xml(template).tree
    root = tree.getroot()
    one = _template_element_finder(root, template)
    root.set(XML_ID, fields.identifier)
    root.set("{http://www.w3.org/XML/1998/namespace}lang", edition.language)
    _fill_header(edition, fields, one)
    _fill_correspondence(edition, fields, one)
    change = one("//tei:revisionDesc/tei:change")
    change.set("when", fields.created)
    change.text = "Created with cables new; not yet examined."
    one("//tei:text").set("type", fields.document_type)
    _link_schemas(edition, root)
    etree.indent(tree, space="  ")
    return tree


def _template_element_finder(
    root: etree._Element, template: Path
) -> Callable[[str], etree._Element]:
    """A function giving the one element of the template at an XPath; a CablesError
    about the template when it has none or several."""

    def one(path: str) -> etree._Element:
        found = root.xpath(path, namespaces={"tei": TEI_NS})
        if len(found) != 1:
            raise CablesError(
                f"the template of cables new must have one {path.replace('tei:', '')}",
                path=template,
                hint="start from the packaged template, src/cables/templates/document.xml "
                "in the cables repository, and change what the edition needs",
            )
        return found[0]

    return one


def _fill_header(
    edition: Edition, fields: DocumentFields, one: Callable[[str], etree._Element]
) -> None:
    """The title, editors, publisher, edition id and licence of the header."""
    one("//tei:titleStmt/tei:title[@type='main']").text = fields.title
    title_statement = one("//tei:titleStmt")
    for editor in edition.editors:
        etree.SubElement(title_statement, T + "editor").text = editor
    one("//tei:publicationStmt/tei:publisher").text = edition.publisher
    one("//tei:publicationStmt/tei:idno[@type='edition']").text = edition.id
    licence = one("//tei:availability/tei:licence")
    licence.set("target", edition.licence_url)
    licence.text = (
        f"{edition.licence}. {edition.licence_scope}" if edition.licence_scope else edition.licence
    )


def _fill_correspondence(
    edition: Edition, fields: DocumentFields, one: Callable[[str], etree._Element]
) -> None:
    """The date of sending, the sender and place before it, and the addressee if known."""
    sent = one("//tei:correspAction[@type='sent']")
    sent_date = one("//tei:correspAction[@type='sent']/tei:date")
    sent_date.set("when", fields.sent.isoformat())
    sent_date.text = f"{fields.sent.day} {MONTHS[fields.sent.month - 1]} {fields.sent.year}"
    for entry in (fields.sender, fields.place):
        if entry is not None:
            sent_date.addprevious(_name_element(entry, edition.documents_dir))
    if fields.addressee is not None:
        received = etree.Element(T + "correspAction", type="received")
        received.append(_name_element(fields.addressee, edition.documents_dir))
        sent.addnext(received)


def _name_element(entry: AuthorityEntry, documents: Path) -> etree._Element:
    """The persName, orgName or placeName pointing from a document to `entry`."""
    pointer = Path(os.path.relpath(entry.file, documents)).as_posix() + "#" + entry.id
    element = etree.Element(T + NAME_ELEMENTS[entry.kind], ref=pointer)
    element.text = entry.name
    return element


def _link_schemas(edition: Edition, root: etree._Element) -> None:
    """The <?xml-model?> instructions before the root that name the XSD and Schematron."""
    # Editors' XML programs find the schema through these: the project's own by its
    # relative path, the packaged one by its stable name (cables:schema/...), which the
    # catalog cables ships maps to the installation, as a path never could be.
    for href, namespace in (
        (edition.xsd_path, XSD_NS),
        (edition.schematron_path, SCHEMATRON_NS),
    ):
        if href.is_relative_to(edition.root):
            named = Path(os.path.relpath(href, edition.documents_dir)).as_posix()
        else:
            named = f"{URI_PREFIX}{SCHEMA}/{href.name}"
        root.addprevious(
            etree.ProcessingInstruction(
                "xml-model",
                f'href={quoteattr(named)} type="application/xml" '
                f"schematypens={quoteattr(namespace)}",
            )
        )


def serialize(tree: etree._ElementTree) -> bytes:
    """The file's bytes, laid out like the edition's own files: the declaration and each
    <?xml-model?> line on a line of its own (lxml would run them together)."""
    root = tree.getroot()
    before = reversed(list(root.itersiblings(preceding=True)))
    nodes = [*(etree.tostring(node, encoding="UTF-8") for node in before)]
    nodes.append(etree.tostring(root, encoding="UTF-8"))
    return b"\n".join([b'<?xml version="1.0" encoding="UTF-8"?>', *nodes]) + b"\n"


# -- cables init --------------------------------------------------------------------------


def toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string: the same escapes, control characters too.
    return json.dumps(value, ensure_ascii=False)


#: What `cables init` writes into a project, besides the corpus: never over a file. The
#: schema and the stylesheets are not copied: the packaged ones are the default (data.py).
PROJECT_FILES = (CONFIG_NAME,)
#: The paths [corpus] names in a new project.
NEW_CORPUS = {"documents": "tei/documents", "authority": "tei/authority", "front": "tei/front"}
#: The title and name of the document a project made without --example starts with.
FIRST_DOCUMENT = ("The first document", "first-document")


def init_project(
    target: Path,
    title: str | None = None,
    example: bool = False,
) -> Path:
    """Create a new edition project in `target` (missing or empty) that builds at once.

    With `example`, the corpus is an example document and the register entries it names;
    without, one document to fill in (as `cables new` writes it) and no register entry."""
    target = target.absolute()
    if target.exists() and not target.is_dir():
        raise CablesError("exists and is not a folder", path=target)
    if target.is_dir() and any(target.iterdir()):
        raise CablesError(
            "the folder is not empty; cables init only fills a new or empty folder",
            path=target,
            hint="name a new folder, for example: cables init my-edition; or start a "
            "project around the TEI files in it: cables init --from " + str(target),
        )
    identifier, title = _project_title(target, title)
    try:
        target.mkdir(parents=True, exist_ok=True)
        _write_config(target, identifier, title, NEW_CORPUS, "strict")
        readme = string.Template((PROJECT_TEMPLATE / "README.md").read_text(encoding="utf-8"))
        (target / "README.md").write_text(readme.safe_substitute(title=title), encoding="utf-8")
        shutil.copyfile(PROJECT_TEMPLATE / "gitignore", target / ".gitignore")
        shutil.copytree(PROJECT_TEMPLATE / "tei" / "front", target / "tei" / "front")
        for folder in ("documents", "authority"):
            if example:
                shutil.copytree(PROJECT_TEMPLATE / "tei" / folder, target / "tei" / folder)
            else:
                (target / "tei" / folder).mkdir(parents=True)
    except OSError as error:
        raise CablesError(
            f"cannot create the project: {error.strerror}", path=error.filename or target
        ) from None
    edition = load_edition(target)  # the configuration just written must load
    if not example:
        first, slug = FIRST_DOCUMENT
        new_document(edition, day=creation_day(), title=first, slug=slug)
    return target


def _project_title(target: Path, title: str | None) -> tuple[str, str]:
    """The edition's id and title: the title given, else one made from the folder name."""
    printable(target.name, "the folder name DIR")
    printable(title, "--title", allowed="\t\n\r")
    identifier = slugify(target.name) or "edition"
    if title is None:
        title = target.name.replace("-", " ").replace("_", " ").strip()
        title = title[:1].upper() + title[1:]
    return identifier, " ".join(title.split()) or identifier


def _write_config(
    target: Path,
    identifier: str,
    title: str,
    corpus: Mapping[str, str | list[str]],
    validation: str,
) -> None:
    config = string.Template((PROJECT_TEMPLATE / CONFIG_NAME).read_text(encoding="utf-8"))
    with open(target / CONFIG_NAME, "x", encoding="utf-8") as stream:
        stream.write(
            config.substitute(
                id=toml_string(identifier),
                title=toml_string(title),
                date=toml_string(creation_day()),
                validation=toml_string(validation),
                **{key: toml_value(value) for key, value in corpus.items()},
            )
        )


def toml_value(value: str | list[str]) -> str:
    """A path or a list of paths as TOML (a list on lines of its own when long)."""
    if isinstance(value, str):
        return toml_string(value)
    items = [toml_string(str(item)) for item in value]
    if len(", ".join(items)) < 60:
        return "[" + ", ".join(items) + "]"
    return "[\n" + "".join(f"    {item},\n" for item in items) + "]"


# -- cables init --from -------------------------------------------------------------------

#: The lists that make a TEI file a register when its text holds nothing else.
REGISTER_LISTS = frozenset(
    T + name for name in ("listPerson", "listPlace", "listOrg", "listBibl", "listEvent", "listNym")
)
#: What a register's text may hold around its lists.
REGISTER_FRAME = frozenset(T + name for name in ("body", "div", "head", "front", "back"))


@dataclass(frozen=True)
class FoundCorpus:
    """What `cables init --from` found: the [corpus] paths it wrote (relative to the
    project), how many files of each kind, and the XML files it left out (not TEI)."""

    project: Path
    corpus: dict[str, list[str]]
    documents: int
    registers: int
    left_out: tuple[Path, ...]


def classify_tei(path: Path) -> str:
    """A file found by `cables init --from`: "authority" (a register: standOff, or a text of
    lists of persons, places, organisations, works or events only), "document", or "other"
    (XML whose root is not TEI). A file that does not parse is a document, for
    `cables check` to report."""
    try:
        root = parse_xml(path).root
    except CablesError:
        return DOCUMENT
    if root.tag not in (T + "TEI", T + "teiCorpus"):
        return OTHER
    text = root.find(T + "text")
    if root.find(T + "standOff") is not None and (text is None or _only_lists(text)):
        return AUTHORITY
    if text is None or next(text.iter(*REGISTER_LISTS), None) is None:
        return DOCUMENT
    return AUTHORITY if _only_lists(text) else DOCUMENT


def _only_lists(element: etree._Element) -> bool:
    """Whether a text holds lists of entries only, in divisions with headings."""
    for child in element:
        if not isinstance(child.tag, str) or child.tag in REGISTER_LISTS:
            continue  # a comment or a processing instruction; a list, whatever it holds
        if child.tag not in REGISTER_FRAME or not _only_lists(child):
            return False
    return True


def init_from(corpus: Path, project: Path | None = None, title: str | None = None) -> FoundCorpus:
    """Start a project around the TEI files in `corpus`, changing none of them: write
    edition.toml (its [corpus] naming the folders and registers found, validation lenient)
    into `project` (default: `corpus` itself), which must hold `corpus`."""
    corpus = corpus.absolute()
    project = (project or corpus).absolute()
    _refuse_project_around(corpus, project)
    identifier, title = _project_title(project, title)
    root = project.resolve()
    corpus = corpus.resolve()
    found = _files_by_kind(corpus, root)
    documents, registers, left_out = found[DOCUMENT], found[AUTHORITY], found[OTHER]
    if not documents:
        raise CablesError(
            "found no TEI documents in the folder",
            path=corpus,
            hint="--from names the folder that holds the TEI files (*.xml), subfolders included",
        )
    corpus_paths = _corpus_paths(corpus, root, documents, registers, left_out)
    try:
        project.mkdir(parents=True, exist_ok=True)
        _write_config(project, identifier, title, corpus_paths, "lenient")
        if not (project / ".gitignore").exists():
            shutil.copyfile(PROJECT_TEMPLATE / "gitignore", project / ".gitignore")
    except OSError as error:
        raise CablesError(
            f"cannot create the project: {error.strerror}", path=error.filename or project
        ) from None
    load_edition(project)
    return FoundCorpus(project, corpus_paths, len(documents), len(registers), tuple(left_out))


def _refuse_project_around(corpus: Path, project: Path) -> None:
    """`init --from` can make `project` around `corpus`: a folder it holds, and no
    configuration or build folder there yet (it never overwrites)."""
    if not corpus.is_dir():
        raise CablesError("--from must name a folder of TEI files", path=corpus)
    if not corpus.resolve().is_relative_to(project.resolve()):
        raise CablesError(
            "the project folder must hold the corpus (the configuration names paths inside it)",
            path=project,
            hint=f"run cables init --from {corpus} (the project is then the corpus folder)",
        )
    existing = [name for name in (*PROJECT_FILES, "build") if (project / name).exists()]
    if existing:
        raise CablesError(
            f"the folder has {existing[0]} already; cables init never overwrites",
            path=project / existing[0],
            hint="move it away, or name another project folder that holds the corpus",
        )


def _files_by_kind(corpus: Path, root: Path) -> dict[str, list[Path]]:
    """The XML files under `corpus` as `classify_tei` sorts them: documents, registers
    (AUTHORITY) and files that are not TEI (OTHER), each in the corpus's order."""
    found: dict[str, list[Path]] = {DOCUMENT: [], AUTHORITY: [], OTHER: []}
    for path in xml_files(corpus, root):
        found[classify_tei(path)].append(path)
    return found


def _corpus_paths(
    corpus: Path, root: Path, documents: list[Path], registers: list[Path], left_out: list[Path]
) -> dict[str, list[str]]:
    """What [corpus] names, relative to the project `root`: the fewest folders and files
    that hold the documents, and the registers, each without the files of the others."""
    # Named registers are read as registers even inside the documents folder; files that
    # are not TEI are kept out by naming only the folders (or files) without them.
    paths = {
        "documents": _covering(corpus, set(documents), set(left_out)),
        "authority": _covering(corpus, set(registers), {*documents, *left_out}),
        "front": [],
    }
    return {
        key: [path.relative_to(root).as_posix() or "." for path in value]
        for key, value in paths.items()
    }


def _covering(folder: Path, wanted: set[Path], unwanted: set[Path]) -> list[Path]:
    """The fewest folders and files under `folder` that hold every path of `wanted` and
    none of `unwanted`: the folder itself when it holds no unwanted file."""
    inside = [path for path in wanted if path.is_relative_to(folder)]
    if not inside:
        return []
    if not any(path.is_relative_to(folder) for path in unwanted):
        return [_deepest_holding(folder, inside)]
    found = sorted(path for path in inside if path.parent == folder)
    deeper = {folder / path.relative_to(folder).parts[0] for path in inside}
    for subfolder in sorted(deeper - set(found)):
        found += _covering(subfolder, wanted, unwanted)
    return found


def _deepest_holding(folder: Path, paths: list[Path]) -> Path:
    """The deepest folder at or under `folder` that holds all of `paths`: documents kept in
    tei/03/, tei/04/ are named by tei/, so that their outputs are 03-001.html, not
    tei-03-001.html."""
    while all(len(path.relative_to(folder).parts) > 1 for path in paths):
        tops = {path.relative_to(folder).parts[0] for path in paths}
        if len(tops) != 1:
            break
        folder = folder / tops.pop()
    return folder


__all__ = ["init_from", "init_project", "new_document", "slugify"]
