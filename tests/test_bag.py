"""The deposit's bag and its profiles ([deposit] profile), in process on a small payload.

The bag of the whole edition is checked in test_deposit.py, against bagit-python's full
validation and the BTR profile from ../shared/external/profiles/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import bagit
import bagit_profile
import pytest

from cables.bag import PROFILES, bag_info, make_bag
from cables.config import DEPOSIT_PROFILES, ConfigError, load_edition
from conftest import SHARED

BTR = SHARED / "external" / "profiles" / "btr-bagit-profile.json"


def with_deposit(project: Path, lines: str) -> Path:
    config = project / "edition.toml"
    config.write_text(config.read_text(encoding="utf-8") + f"\n[deposit]\n{lines}\n", "utf-8")
    return project


def small_bag(project: Path, folder: Path) -> bagit.Bag:
    edition = load_edition(project)
    (folder / "tei").mkdir(parents=True)
    shutil.copyfile(project / "edition.toml", folder / "tei" / "edition.toml")
    make_bag(edition, folder, "2025-11-27", (folder / "tei" / "edition.toml").stat().st_size)
    return bagit.Bag(str(folder))


def btr_checker() -> bagit_profile.Profile:
    profile = json.loads(BTR.read_text(encoding="utf-8"))
    return bagit_profile.Profile(
        profile["BagIt-Profile-Info"]["BagIt-Profile-Identifier"], profile=profile
    )


def test_every_configurable_profile_has_its_rules() -> None:
    assert tuple(PROFILES) == DEPOSIT_PROFILES
    assert DEPOSIT_PROFILES[0] == "btr"  # the default


@pytest.mark.shared("external/profiles/btr-bagit-profile.json")
def test_the_default_bag_follows_the_btr_profile(edition_project: Path, tmp_path: Path) -> None:
    bag = small_bag(edition_project, tmp_path / "bag")
    bag.validate()
    checker = btr_checker()
    assert bag.info["BagIt-Profile-Identifier"] == checker.url == PROFILES["btr"].identifier
    assert checker.validate(bag), [str(error) for error in checker.report.errors]


@pytest.mark.shared("external/profiles/btr-bagit-profile.json")
def test_a_plain_bag_claims_no_profile(edition_project: Path, tmp_path: Path) -> None:
    bag = small_bag(with_deposit(edition_project, 'profile = "rfc8493"'), tmp_path / "bag")
    bag.validate()
    assert "BagIt-Profile-Identifier" not in bag.info
    checker = btr_checker()
    assert not checker.validate(bag)  # the BTR check looks for the identifier tag
    assert any("BagIt-Profile-Identifier" in str(error) for error in checker.report.errors)


def test_an_unknown_profile_is_refused_with_the_known_ones(edition_project: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_edition(with_deposit(edition_project, 'profile = "aptrust"'))
    assert "[deposit] profile must be one of btr, rfc8493, not 'aptrust'" in str(
        raised.value.message
    )
    assert "README" in (raised.value.hint or "")


def test_the_cmif_url_must_be_a_web_address(edition_project: Path) -> None:
    config = edition_project / "edition.toml"
    original = config.read_text(encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_edition(with_deposit(edition_project, 'cmif_url = "mailto:editors@example.org"'))
    assert "[deposit] cmif_url must be an http or https address" in raised.value.message
    config.write_text(original, encoding="utf-8")
    edition = load_edition(
        with_deposit(edition_project, 'cmif_url = "https://example.org/cmif.xml"')
    )
    assert edition.cmif_url == "https://example.org/cmif.xml"
    assert bag_info(edition, "2025-11-27", 1)["Bagging-Date"] == "2025-11-27"
