"""Caches are data, never code: a damaged or tampered cache is discarded with a warning,
and nothing from it reaches an output."""

from __future__ import annotations

import json
import logging
import shutil
import zlib
from pathlib import Path

import pytest

from cables.build import build
from cables.cache import MAGIC, write_cache
from cables.check import check
from cables.config import load_edition
from conftest import REPOSITORY, digest, run_cables

pytestmark = pytest.mark.slow

SCRIPT = '1]});document.title="pwned";//'


@pytest.fixture
def site_project(edition_project: Path) -> Path:
    """The test edition with the repository's stylesheets, to build its site."""
    shutil.copytree(REPOSITORY / "xslt", edition_project / "xslt")
    return edition_project


def state_path(project: Path) -> Path:
    return project / "build" / ".cache" / "site" / "state.cache"


def read_cache(path: Path) -> tuple[dict, bytes]:
    header, _, rest = path.read_bytes().partition(b"\n")
    assert header.startswith(MAGIC)
    size = int(header[len(MAGIC) :])
    return json.loads(rest[:size]), rest[size:]


def test_script_in_the_site_state_never_reaches_the_search_index(site_project: Path):
    edition_project = site_project
    build(load_edition(edition_project), ("html",))
    site = edition_project / "build" / "site"
    clean = digest(site)
    state, data = read_cache(state_path(edition_project))
    assert state["records"], "the state keeps the records"
    script = zlib.compress(SCRIPT.encode())
    for record in state["records"].values():
        record["search"] = [len(data), len(script)]
    write_cache(state_path(edition_project), state, data + script)
    # Without its search index parts, the build must write them again from the records.
    for part in site.glob("search-index-*.js"):
        part.unlink()

    result = run_cables("build", "html", cwd=edition_project)

    assert result.returncode == 0, result.stderr
    assert "state.cache is damaged and was discarded" in result.stderr
    assert all("pwned" not in part.read_text() for part in site.glob("search-index-*.js"))
    assert digest(site) == clean


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"\x80" + data,  # not UTF-8
        lambda data: MAGIC + b"2\n[]",  # JSON, but not the state
        lambda data: data.replace(b'"records":{', b'"records":{"x":7,', 1),
        lambda data: data.replace(
            b'"outputs":{', b'"outputs":{"x":{"key":"k","size":"big","mtime":1,"generic":{}},', 1
        ),
        lambda data: data.replace(
            b'"records":{',
            b'"records":{"x":{"summary":[0,999999999],"search":[0,0],"facts":{}},',
            1,
        ),
    ],
    ids=["truncated", "no-header", "a-list", "record-not-an-object", "size-not-a-number", "out"],
)
def test_a_damaged_site_state_is_discarded_and_the_site_made_afresh(
    site_project: Path, damage, caplog
):
    edition_project = site_project
    edition = load_edition(edition_project)
    build(edition, ("html",))
    clean = digest(edition_project / "build" / "site")
    path = state_path(edition_project)
    data = path.read_bytes()
    damaged = damage(data)
    assert damaged != data
    path.write_bytes(damaged)

    with caplog.at_level(logging.WARNING, logger="cables"):
        build(edition, ("html",))

    # A damaged state that still carries the fingerprint is reported; one cut before it
    # (or not an object) is as good as none and is reported too, when it is not JSON.
    assert any("damaged and was discarded" in r.getMessage() for r in caplog.records)
    assert digest(edition_project / "build" / "site") == clean
    assert read_cache(path)[0]["fingerprint"], "a sound state replaces it"


def test_a_tampered_check_cache_is_discarded(edition_project: Path, caplog):
    edition = load_edition(edition_project)
    first = check(edition)
    path = edition_project / "build" / ".cache" / "check" / "results.cache"
    stored, data = read_cache(path)
    # Each result is a JSON object of its own in the binary part, at [offset, size].
    records = []
    for key, (offset, size) in stored["results"].items():
        result = json.loads(data[offset : offset + size])
        forged = {"path": "x", "line": "not a line", "column": 1, "severity": "error"}
        result["diagnostics"].append({**forged, "rule": "forged", "message": "-", "hint": None})
        record = json.dumps(result).encode()
        stored["results"][key] = [sum(map(len, records)), len(record)]
        records.append(record)
    write_cache(path, stored, b"".join(records))

    with caplog.at_level(logging.WARNING, logger="cables"):
        again = check(edition)

    assert any("results.cache is damaged" in r.getMessage() for r in caplog.records)
    assert [d.format_text() for d in again.diagnostics] == [
        d.format_text() for d in first.diagnostics
    ]


def test_quiet_silences_the_cache_warning(edition_project: Path):
    run_cables("check", cwd=edition_project)
    (edition_project / "build" / ".cache" / "check" / "results.cache").write_text("{")
    loud = run_cables("check", cwd=edition_project)
    (edition_project / "build" / ".cache" / "check" / "results.cache").write_text("{")
    quiet = run_cables("check", "--quiet", cwd=edition_project)
    assert "cables: warning: the cache" in loud.stderr
    assert "warning: the cache" not in quiet.stderr
    assert loud.returncode == quiet.returncode == 0


def test_editing_code_that_shapes_a_check_result_refuses_the_cache(
    edition_project: Path, tmp_path: Path, monkeypatch
):
    """The check's fingerprint covers diagnostics.py (and the rest of CHECK_CODE): a
    changed finding format cannot come back from the cache."""
    from cables import cache as cache_module
    from cables import check as check_module

    package = tmp_path / "package"
    shutil.copytree(Path(check_module.__file__).parent, package)
    monkeypatch.setattr(cache_module, "PACKAGE", package)
    checked: list[str] = []
    original = check_module._check_file

    def counting(checker, path, kind, stem):
        checked.append(path)
        return original(checker, path, kind, stem)

    monkeypatch.setattr(check_module, "_check_file", counting)
    edition = load_edition(edition_project)
    check(edition)
    files = len(checked)
    assert files
    check(edition)
    assert len(checked) == files, "unchanged code: every result from the cache"
    diagnostics = package / "diagnostics.py"
    diagnostics.write_text(diagnostics.read_text(encoding="utf-8") + "\n# edited\n")
    check(edition)
    assert len(checked) == 2 * files, "diagnostics.py changed: every file checked again"
