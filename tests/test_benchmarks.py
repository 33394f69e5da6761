"""The benchmark harness runs end to end on a small corpus and reports every step.

Not a timed test: it checks that each command ran and got numbers, never how fast.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPOSITORY

pytestmark = pytest.mark.slow

STEPS = [
    "lxml parse (floor)",
    "check, cold",
    "check, 1 document changed",
    "build html, cold",
    "build html, 1 document changed",
    "build pdf",
    "deposit",
]
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
    for step, cells in rows.items():
        _, _, wall, cpu, documents, megabytes, largest, tree, proportional, note = cells
        assert "FAILED" not in note and "did not finish" not in note, (step, note)
        for value in (wall, cpu, documents, megabytes, largest, tree):
            assert NUMBER.match(value), (step, value)
        # Sampled every 0.2 s: a shorter command has no sample.
        assert NUMBER.match(proportional) or proportional == "—", (step, proportional)
        assert float(wall) > 0 and float(largest.replace(",", "")) > 0
    assert re.search(r"10 document PDFs, .* PDFs/s; book \d+ pages", rows["build pdf"][9])
    assert "N=10: check, cold:" in result.stderr  # progress on stderr, the table on stdout
