"""The benchmark harness runs end to end on a small corpus and reports every step.

Not a timed test: it checks that each command ran and got numbers, never how fast.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPOSITORY, SHARED

pytestmark = pytest.mark.slow

STEPS = [
    "lxml parse (floor)",
    "check, cold",
    "check, 1 document changed",
    "peer: Jing, tei_all, one JVM",
    "build html, cold",
    "build html, 1 document changed",
    "peer: TEI Stylesheets html.xsl, one page per document",
    "build pdf",
    "deposit",
]
PEERS = {STEPS[3]: "check, cold", STEPS[6]: "build html, cold"}
#: What each peer needs from ../shared: without it, its row says it was skipped.
PEER_NEEDS = {
    STEPS[3]: SHARED / "external" / "schemas" / "tei_all.rng",
    STEPS[6]: SHARED / "external" / "peers" / "tei-stylesheets" / "html" / "html.xsl",
}
NUMBER = re.compile(r"^[0-9][0-9,]*(\.[0-9]+)?$")


def test_benchmark_reports_every_step_with_numbers(tmp_path: Path) -> None:
    table = tmp_path / "table.md"
    result = subprocess.run(
        [
            sys.executable,
            str(REPOSITORY / "benchmarks" / "run.py"),
            "--sizes",
            "10",
            "--work",
            str(tmp_path / "work"),
            "--markdown",
            str(table),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == table.read_text(encoding="utf-8")
    rows = {}
    for line in result.stdout.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 10 and cells[0] == "10":
            rows[cells[1]] = cells
    assert list(rows) == STEPS, result.stdout
    skipped = {step for step, needed in PEER_NEEDS.items() if not needed.is_file()}
    for step in skipped:
        assert rows[step][9].startswith("skipped: ") and rows[step][2] == "—", rows[step]
    for step, cells in rows.items():
        if step in skipped:
            continue
        _, _, wall, cpu, documents, megabytes, largest, tree, proportional, note = cells
        assert "FAILED" not in note and "did not finish" not in note, (step, note)
        for value in (wall, cpu, documents, megabytes, largest, tree):
            assert NUMBER.match(value), (step, value)
        # Sampled every 0.2 s: a shorter command has no sample.
        assert NUMBER.match(proportional) or proportional == "—", (step, proportional)
        assert float(wall) > 0 and float(largest.replace(",", "")) > 0
    assert re.search(r"10 document PDFs, .* PDFs/s; book \d+ pages", rows["build pdf"][9])
    assert re.search(r"^18 files, one JVM", rows[STEPS[3]][9]) or STEPS[3] in skipped
    assert "made 10 pages of 10 documents" in rows[STEPS[6]][9] or STEPS[6] in skipped
    check_ratios(result.stdout, skipped)
    assert "N=10: check, cold:" in result.stderr  # progress on stderr, the table on stdout


def check_ratios(table: str, skipped: set[str]) -> None:
    """Each peer beside its cables step, with both times and their ratios."""
    ratios = {}
    for line in table.split("## Side by side with the peers", 1)[1].splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 12 and cells[0] == "10":
            ratios[cells[1]] = cells
    assert set(ratios) == set(PEERS), table
    for peer, cells in ratios.items():
        assert cells[5] == PEERS[peer]
        if peer in skipped:
            assert cells[9] == "—" and cells[11].startswith("skipped: ")
            continue
        numbers = [float(cell.replace(",", "")) for cell in cells[2:5] + cells[6:11]]
        peer_wall, peer_cpu, _, ours_wall, ours_cpu, _, wall, cpu = numbers
        # The times in the table are rounded to 0.01 s: short ones give a looser quotient.
        assert wall == pytest.approx(peer_wall / ours_wall, rel=0.05, abs=0.01), cells
        assert cpu == pytest.approx(peer_cpu / ours_cpu, rel=0.05, abs=0.01), cells
