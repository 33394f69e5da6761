"""The BagIt bag of the deposit (RFC 8493) and the profiles it can follow.

deposit.py stages the payload; this module turns it into a bag whose bag-info.txt holds
what the chosen profile ([deposit] profile in edition.toml) asks for, reproducibly.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import bagit

from cables.config import Edition
from cables.errors import CablesError
from cables.versions import generator

#: The manifests and tag manifests the bags carry (every profile here allows both).
BAG_CHECKSUMS = ("sha256", "sha512")
#: The version of RFC 8493 (bagit.make_bag would write the draft's 0.97).
BAGIT_VERSION = "1.0"


@dataclass(frozen=True)
class BagProfile:
    """A BagIt profile: the identifier bag-info.txt names, if any, and the tags it needs."""

    name: str
    identifier: str
    description: str


#: The profiles of [deposit] profile, by name (config.DEPOSIT_PROFILES, in that order).
PROFILES = {
    "btr": BagProfile(
        "btr",
        "https://github.com/dpscollaborative/btr_bagit_profile/releases/download/1.0/"
        "btr-bagit-profile.json",
        "Beyond the Repository BagIt profile 1.0",
    ),
    "rfc8493": BagProfile("rfc8493", "", "BagIt (RFC 8493) with no profile"),
}


def bag_info(
    edition: Edition, build_date: str, payload_bytes: int, ebook: bool = False
) -> dict[str, str]:
    """The bag-info.txt fields (RFC 8493, 2.2.2) and the profile's; make_bag adds Payload-Oxum.

    The BTR profile requires Source-Organization, Bagging-Date and Payload-Oxum and
    recommends Bag-Producing-Organization; its identifier tag says which profile to check.
    `ebook`: the payload holds the ebook (epub/)."""
    title = f"{edition.title}: {edition.subtitle}" if edition.subtitle else edition.title
    profile = PROFILES[edition.deposit_profile]
    info = {"BagIt-Profile-Identifier": profile.identifier} if profile.identifier else {}
    books = (
        ", the print edition (pdf/) and the ebook (epub/)"
        if ebook
        else " and the print edition (pdf/)"
    )
    return {
        **info,
        "Source-Organization": edition.publisher,
        "Bag-Producing-Organization": edition.publisher,
        "Contact-Name": ", ".join(edition.editors),
        "External-Description": (
            f"{title}. The web edition, which holds the TEI sources (tei/), the schema "
            f"(schema/: ODD, XSD with xml.xsd, Schematron){books}, each "
            "once, described by data/mets.xml (METS with MODS and PREMIS)."
        ),
        "External-Identifier": f"{edition.id} {edition.version}",
        "Bagging-Date": build_date,
        "Bag-Size": _size_in_words(payload_bytes),
        "Bag-Software-Agent": generator(("bagit.py", bagit.VERSION)),
    }


def make_bag(
    edition: Edition, payload: Path, build_date: str, payload_bytes: int, ebook: bool = False
) -> None:
    """Turn the folder `payload` into a bag in place: its files move into data/
    (`ebook`: they include the ebook).

    bagit.py computes the payload manifests; the tag files are written here, in one pass,
    rather than by bagit.make_bag and Bag.save, which each read the whole bag back (checking
    every path of every manifest) to declare RFC 8493's version instead of bagit's 0.97."""
    try:
        _move_into_data(payload)
        total_bytes, total_files = _payload_manifests(payload)
        (payload / "bagit.txt").write_text(
            f"BagIt-Version: {BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n",
            encoding="utf-8",
        )
        info = {
            **bag_info(edition, build_date, payload_bytes, ebook),
            "Payload-Oxum": f"{total_bytes}.{total_files}",
        }
        # As bagit.py writes it: the fields in name order, one line each.
        lines = [f"{name}: {_one_line(info[name])}\n" for name in sorted(info)]
        (payload / "bag-info.txt").write_text("".join(lines), encoding="utf-8")
        _tag_manifests(payload)
    except (bagit.BagError, OSError) as error:
        raise CablesError(f"the bag could not be written: {error}", path=payload) from None


def _one_line(value: str) -> str:
    return value.replace("\r", "").replace("\n", "")


def _move_into_data(payload: Path) -> None:
    data = payload / "data"
    entries = sorted(payload.iterdir())
    data.mkdir()
    for entry in entries:
        entry.rename(data / entry.name)


def _payload_manifests(payload: Path) -> tuple[int, int]:
    """manifest-<algorithm>.txt of data/, by bagit.py; the payload's bytes and files."""
    working = Path.cwd()
    # bagit.py writes the manifests into the current folder, as bagit.make_bag does.
    os.chdir(payload)
    try:
        return bagit.make_manifests("data", 1, algorithms=list(BAG_CHECKSUMS))
    finally:
        os.chdir(working)


def _tag_manifests(payload: Path) -> None:
    """tagmanifest-<algorithm>.txt of the tag files, its lines sorted (not in directory
    order, which differs between file systems)."""
    tag_files = [
        path
        for path in payload.iterdir()
        if path.is_file() and not path.name.startswith("tagmanifest-")
    ]
    for algorithm in BAG_CHECKSUMS:
        lines = [
            f"{hashlib.new(algorithm, path.read_bytes()).hexdigest()} {path.name}\n"
            for path in tag_files
        ]
        (payload / f"tagmanifest-{algorithm}.txt").write_text("".join(sorted(lines)), "utf-8")


def _size_in_words(size: int) -> str:
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"
