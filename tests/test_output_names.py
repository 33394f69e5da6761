"""Output names: no two corpus files, and no corpus file and a page of the site's own, are
published under one name once Unicode-normalised and case-folded."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from conftest import FIXTURE_DOCUMENT, REPOSITORY, copy_edition, replace_in, run_cables

pytestmark = pytest.mark.slow

INTRODUCTION = REPOSITORY / "tei" / "front" / "introduction.xml"


def collisions(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.endswith("[output-name-collision]")]


def assert_collision(project: Path, file: str, message: str) -> None:
    """`cables check` fails, with an output-name collision at `file` that says `message`."""
    result = run_cables("check", cwd=project)
    assert result.returncode == 1
    found = collisions(result.stdout)
    assert any(line.startswith(f"{file}:") and message in line for line in found), found


def add_front(project: Path, name: str) -> Path:
    folder = project / "tei" / "front"
    folder.mkdir(parents=True, exist_ok=True)
    # Each copy its own ids (findings about pointers do not matter here).
    text = INTRODUCTION.read_text(encoding="utf-8")
    prefix = f"f{len(list(folder.iterdir()))}"
    path = folder / name
    path.write_text(text.replace('xml:id="', f'xml:id="{prefix}-'), encoding="utf-8")
    return path


def test_names_equal_in_another_unicode_form_collide(edition_project: Path) -> None:
    composed = unicodedata.normalize("NFC", "café.xml")
    decomposed = unicodedata.normalize("NFD", "café.xml")
    assert composed != decomposed
    add_front(edition_project, composed)
    add_front(edition_project, decomposed)
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    found = collisions(result.stdout)
    assert len(found) == 2, result.stdout
    # Each names the other file; the decomposed name is marked, as both print alike.
    assert all(line.count("tei/front/caf") == 2 for line in found)
    assert all("(decomposed Unicode, NFD)" in line for line in found)


def test_names_that_differ_in_case_collide(edition_project: Path) -> None:
    add_front(edition_project, "Notes.xml")
    add_front(edition_project, "notes.xml")
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    found = collisions(result.stdout)
    assert {line.split(":")[0] for line in found} == {"tei/front/Notes.xml", "tei/front/notes.xml"}
    assert any("Notes.html collides with notes.html of tei/front/notes.xml" in x for x in found)


def test_same_name_in_two_corpus_folders_does_not_collide_in_tei(edition_project: Path) -> None:
    # The site publishes each TEI file at its path in the project (tei/documents/...,
    # tei/authority/...), so only the document's page, flat, can collide.
    shutil.copyfile(
        edition_project / "tei" / "authority" / "places.xml",
        edition_project / "tei" / "documents" / "places.xml",
    )
    result = run_cables("check", cwd=edition_project)
    found = collisions(result.stdout)
    assert [line.split(":")[0] for line in found] == ["tei/documents/places.xml"], found
    assert "its output places.html would overwrite the site's own places.html" in found[0]
    shutil.move(
        edition_project / "tei" / "documents" / "places.xml",
        edition_project / "tei" / "documents" / "people.xml",
    )
    assert collisions(run_cables("check", cwd=edition_project).stdout) == []


def test_a_corpus_folder_inside_a_folder_the_site_fills_collides(edition_project: Path) -> None:
    # Published at its path in the project, pdf/notes.xml would land in the site's pdf/,
    # which the build refuses (copies.copy_sources): the check says so first.
    replace_in(edition_project / "edition.toml", 'front = "tei/front"', 'front = "pdf"')
    (edition_project / "pdf").mkdir()
    shutil.copyfile(INTRODUCTION, edition_project / "pdf" / "notes.xml")
    assert_collision(edition_project, "pdf/notes.xml", "its output pdf/notes.xml would overwrite")


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("index.xml", "index.html"),
        ("Persons.xml", "persons.html"),
        ("encoding.xml", "encoding.html"),
        ("search.xml", "search.html"),
        ("chronology.xml", "chronology.html"),
    ],
)
def test_front_matter_named_like_a_page_of_the_site_collides(
    edition_project: Path, name: str, page: str
) -> None:
    add_front(edition_project, name)
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    found = [x for x in collisions(result.stdout) if x.startswith(f"tei/front/{name}:1:1:")]
    assert any(
        f"its output {name[:-4]}.html would overwrite the site's own {page}" in x for x in found
    )


def test_a_document_named_like_a_page_of_the_site_collides(edition_project: Path) -> None:
    document = edition_project / FIXTURE_DOCUMENT
    shutil.copyfile(document, document.with_name("events.xml"))
    result = run_cables("check", cwd=edition_project)
    assert result.returncode == 1
    (finding,) = collisions(result.stdout)
    assert finding.startswith("tei/documents/events.xml:1:1: error:")
    assert "would overwrite the site's own events.html" in finding


def test_checking_one_colliding_file_reports_it(edition_project: Path) -> None:
    add_front(edition_project, "Notes.xml")
    add_front(edition_project, "notes.xml")
    result = run_cables("check", "tei/front/notes.xml", cwd=edition_project)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in collisions(result.stdout)] == ["tei/front/notes.xml"]


def test_build_stops_on_a_collision_before_any_stylesheet_runs(tmp_path: Path) -> None:
    project = copy_edition(tmp_path / "edition")
    shutil.copyfile(
        project / "tei" / "front" / "principles.xml", project / "tei" / "front" / "Index.xml"
    )
    result = run_cables("build", "html", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert len(collisions(output)) == 1
    assert "Cannot write more than one result document" not in output
    assert not (project / "build" / "site").exists()


def test_a_file_in_a_subfolder_collides_with_its_flattened_name(edition_project: Path) -> None:
    # documents/03/001.xml is published as 03-001.html: a file 03-001.xml beside the
    # folder would be published under the same names.
    document = edition_project / FIXTURE_DOCUMENT
    (document.parent / "03").mkdir()
    shutil.copyfile(document, document.parent / "03" / "001.xml")
    shutil.copyfile(document, document.parent / "03-001.xml")
    assert_collision(
        edition_project,
        "tei/documents/03/001.xml",
        "its output 03-001.html collides with 03-001.html of tei/documents/03-001.xml",
    )
