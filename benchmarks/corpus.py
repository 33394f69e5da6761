"""Synthetic corpora for the benchmarks: N documents made from the nine real ones.

Copy k of a real document gets a unique file name and unique ids (every local xml:id and
every pointer to it is renamed), keeps its real references into the shared authority files,
and points at the copies of the other real documents in its own batch of nine, so that the
corpus has the same cross-references as the real one, only more of them.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
REAL = sorted((REPOSITORY / "tei" / "documents").glob("*.xml"))
_ID = re.compile(rb'xml:id="([^"]+)"')
#: The number of a document in the edition: @n on its TEI root.
_NUMBER = re.compile(rb'(<TEI\b[^>]*?\sn=")[^"]*"')


def copy_stem(stem: str, copy: int) -> str:
    """The file name stem of copy number `copy` (copy 0 keeps the real name)."""
    return stem if copy == 0 else f"{stem}-n{copy:05d}"


def make_corpus(size: int, target: Path) -> Path:
    """Write a project with `size` documents into `target` (replacing it) and return it."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for folder in ("schema", "xslt"):
        shutil.copytree(REPOSITORY / folder, target / folder)
    shutil.copytree(REPOSITORY / "tei" / "authority", target / "tei" / "authority")
    shutil.copytree(REPOSITORY / "tei" / "front", target / "tei" / "front")
    shutil.copyfile(REPOSITORY / "edition.toml", target / "edition.toml")
    documents = target / "tei" / "documents"
    documents.mkdir()
    sources = [(path.stem, path.read_bytes()) for path in REAL]
    stems = [stem for stem, _ in sources]
    for number in range(size):
        batch, position = divmod(number, len(sources))
        copy = batch * len(sources)
        stem, data = sources[position]
        if copy + len(sources) > size and batch > 0:
            copy_of = 0  # an incomplete last batch points at the first batch's documents
        else:
            copy_of = batch
        renamed = data
        # Other documents of the batch: file names and their root ids.
        for other in stems:
            renamed = renamed.replace(
                f"{other}.xml#doc-{other}".encode(),
                f"{copy_stem(other, copy_of)}.xml#doc-{copy_stem(other, copy_of)}".encode(),
            )
        # Local ids of this document (its root id first), everywhere they are used.
        for local in sorted(set(_ID.findall(data)), key=len, reverse=True):
            new = local if batch == 0 else local + f"-n{batch:05d}".encode()
            renamed = re.sub(
                rb'(xml:id="|#)' + re.escape(local) + rb'(?=["\s])', rb"\g<1>" + new, renamed
            )
        # The edition numbers its documents 1 to N (rule document-number): so do the copies.
        renamed = _NUMBER.sub(rb"\g<1>" + str(number + 1).encode() + rb'"', renamed, count=1)
        (documents / f"{copy_stem(stem, batch)}.xml").write_bytes(renamed)
    return target


#: The first paragraph of a document's text, and the first word of four letters or more in it.
_FIRST_WORD_OF_TEXT = re.compile(rb"(<body\b.*?<p\b[^>]*>[^<]*?\b)([A-Za-z]{4,})\b", re.DOTALL)


def change_one_word(path: Path, new_word: str) -> str:
    """Replace the first long word of the first paragraph of the text, as an editor would.

    The document stays valid (only character data changes) and the file keeps its size
    within a few bytes. Returns the word that was replaced.
    """
    data = path.read_bytes()
    match = _FIRST_WORD_OF_TEXT.search(data)
    if match is None:
        raise ValueError(f"{path}: no paragraph with a word to change in <body>")
    old_word = match.group(2)
    replacement = new_word.encode() if old_word != new_word.encode() else old_word + b"s"
    path.write_bytes(data[: match.start(2)] + replacement + data[match.end(2) :])
    return old_word.decode()


def set_mtime_in_past(path: Path, seconds: float) -> None:
    """Date a file `seconds` back, so that a cache that distrusts fresh mtimes trusts it."""
    when = time.time_ns() - int(seconds * 1e9)
    os.utime(path, ns=(when, when))


def age_project(project: Path, seconds: float) -> None:
    """Date every file of a project back, as in an edition whose files were not just written."""
    for path in project.rglob("*"):
        if path.is_file():
            set_mtime_in_past(path, seconds)


#: The real document a large one is made from, and the paragraph repeated in it.
LARGE_BASE = "1962-02-14-attitude-towards-china"
LARGE_PARAGRAPH = (
    '<p>Paragraph {n}: the <orgName ref="../authority/organisations.xml#'
    'org-chinese-embassy-romania">embassy</orgName> in <placeName ref="../authority/'
    'places.xml#pl-bucharest">Bucharest</placeName> reports again.<note type="editorial" '
    'resp="../authority/organisations.xml#org-cables-editors">Note {n}.</note></p>\n'
)


def make_large_document(paragraphs: int, target: Path) -> Path:
    """A project of the nine real documents, one of them with `paragraphs` more paragraphs,
    each with two mentions and a note (so as many notes), in one section."""
    make_corpus(9, target)
    path = target / "tei" / "documents" / f"{LARGE_BASE}.xml"
    data = path.read_text(encoding="utf-8")
    marker = '<div type="section" n="1">'
    assert marker in data, "the large document's base changed"
    added = "".join(LARGE_PARAGRAPH.format(n=n) for n in range(1, paragraphs + 1))
    end = data.index("</div>", data.index(marker))
    path.write_text(data[:end] + added + data[end:], encoding="utf-8")
    return target


#: An entry of the large register: about 700 bytes, as in a letters edition's person list.
REGISTER_ENTRY = (
    '\n      <person xml:id="per-register-{n}">\n'
    "        <persName>Register Person {n}</persName>\n"
    '        <persName xml:lang="de">Registerperson Nummer {n}</persName>\n'
    '        <birth when="18{year:02d}"/>\n        <death when="19{year:02d}"/>\n'
    "        <occupation>correspondent, named in the letters of the edition as the writer"
    " or the addressee of a letter, or as a person the letters speak of</occupation>\n"
    '        <note type="context">A person of the register, one of many that a letters'
    " edition keeps in one file; entry {n}, made for the benchmark of the checker, with"
    " enough text to be as long as a real entry of such a register.</note>\n"
    "      </person>"
)
#: The entries of the large register that a document names, one in every this many.
REGISTER_USED_EVERY = 10


def make_large_register(entries: int, target: Path) -> Path:
    """A project of the nine real documents whose person register has `entries` more
    entries; one document names every REGISTER_USED_EVERY-th of them, so that most are
    unused (each an `authority-unused` finding to locate) and the rest are pointed at."""
    make_corpus(9, target)
    persons = target / "tei" / "authority" / "persons.xml"
    data = persons.read_text(encoding="utf-8")
    added = "".join(REGISTER_ENTRY.format(n=n, year=n % 100) for n in range(entries))
    end = data.index("</listPerson>")
    persons.write_text(data[:end] + added + "\n    " + data[end:], encoding="utf-8")
    path = target / "tei" / "documents" / f"{LARGE_BASE}.xml"
    data = path.read_text(encoding="utf-8")
    names = ", ".join(
        f'<persName ref="../authority/persons.xml#per-register-{n}">Person {n}</persName>'
        for n in range(0, entries, REGISTER_USED_EVERY)
    )
    marker = '<div type="section" n="1">'
    end = data.index("</div>", data.index(marker))
    path.write_text(data[:end] + f"<p>Named: {names}.</p>\n" + data[end:], encoding="utf-8")
    return target
