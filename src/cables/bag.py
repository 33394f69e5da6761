"""The BagIt bag of the deposit (RFC 8493) and the profiles it can follow.

deposit.py stages the payload; this module turns it into a bag whose bag-info.txt holds
what the chosen profile ([deposit] profile in edition.toml) asks for, reproducibly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import bagit

from cables.config import Edition
from cables.errors import CablesError
from cables.versions import generator

#: The manifests and tag manifests the bags carry (every profile here allows both).
BAG_CHECKSUMS = ("sha256", "sha512")
#: bagit.py writes the draft version 0.97; the bags declare the RFC 8493 version instead.
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


def bag_info(edition: Edition, build_date: str, payload_bytes: int) -> dict[str, str]:
    """The bag-info.txt fields (RFC 8493, 2.2.2) and the profile's; bagit adds Payload-Oxum.

    The BTR profile requires Source-Organization, Bagging-Date and Payload-Oxum and
    recommends Bag-Producing-Organization; its identifier tag says which profile to check."""
    title = f"{edition.title}: {edition.subtitle}" if edition.subtitle else edition.title
    profile = PROFILES[edition.deposit_profile]
    info = {"BagIt-Profile-Identifier": profile.identifier} if profile.identifier else {}
    return {
        **info,
        "Source-Organization": edition.publisher,
        "Bag-Producing-Organization": edition.publisher,
        "Contact-Name": ", ".join(edition.editors),
        "External-Description": (
            f"{title}. The web edition, which holds the TEI sources (tei/), the schema "
            "(schema/: ODD, XSD with xml.xsd, Schematron) and the print edition (pdf/), each "
            "once, described by data/mets.xml (METS with MODS and PREMIS)."
        ),
        "External-Identifier": f"{edition.id} {edition.version}",
        "Bagging-Date": build_date,
        "Bag-Size": _size_in_words(payload_bytes),
        "Bag-Software-Agent": generator(("bagit.py", bagit.VERSION)),
    }


def make_bag(edition: Edition, payload: Path, build_date: str, payload_bytes: int) -> None:
    """Turn the folder `payload` into a bag in place: its files move into data/."""
    try:
        bagit.make_bag(
            str(payload),
            bag_info(edition, build_date, payload_bytes),
            checksums=list(BAG_CHECKSUMS),
        )
        (payload / "bagit.txt").write_text(
            f"BagIt-Version: {BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n",
            encoding="utf-8",
        )
        bagit.Bag(str(payload)).save()  # rewrites the tag manifests for the new bagit.txt
    except (bagit.BagError, OSError) as error:
        raise CablesError(f"the bag could not be written: {error}", path=payload) from None
    # bagit lists the tag files in directory order, which differs between file systems.
    for algorithm in BAG_CHECKSUMS:
        tag_manifest = payload / f"tagmanifest-{algorithm}.txt"
        lines = tag_manifest.read_text(encoding="utf-8").splitlines(keepends=True)
        tag_manifest.write_text("".join(sorted(lines)), encoding="utf-8")


def _size_in_words(size: int) -> str:
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"
