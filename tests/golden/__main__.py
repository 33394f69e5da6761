"""Regenerate the golden files: `.venv/bin/python -m tests.golden --update`.

Builds every input of tests/golden/input/ (or those named) and writes what it gives into
tests/golden/expected/, printing the unified diff of each file that changed (also kept in
the file --diff names) for review before committing; expected files left without an input
are removed. Without --update, it only reports the differences (exit status 1 if any).
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
from pathlib import Path

from . import EXPECTED, cases, outputs
from .render import Renderer


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__)
    parser.add_argument("--update", action="store_true", help="write the expected files")
    parser.add_argument("--diff", type=Path, help="also write the diff into this file")
    parser.add_argument("names", nargs="*", help="only these inputs (file names without .xml)")
    options = parser.parse_args(arguments)
    chosen = [case for case in cases() if not options.names or case.stem in options.names]
    diffs: list[str] = []
    kept: set[Path] = set()
    with tempfile.TemporaryDirectory(prefix="cables-golden-") as scratch:
        renderer = Renderer(Path(scratch))
        for case in chosen:
            rendering = renderer.render(case)
            for output in outputs(case):
                path = output.expected(case)
                kept.add(path)
                made = output.made(rendering)
                old = path.read_text(encoding="utf-8") if path.is_file() else ""
                if made == old:
                    continue
                diffs.append(_diff(path, old, made))
                if options.update:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(made, encoding="utf-8")
    if not options.names:
        for path in sorted(EXPECTED.rglob("*.html")):
            if path not in kept:
                diffs.append(_diff(path, path.read_text(encoding="utf-8"), ""))
                if options.update:
                    path.unlink()
    report = "".join(diffs)
    sys.stdout.write(report)
    if options.diff is not None:
        options.diff.write_text(report, encoding="utf-8")
    verb = "updated" if options.update else "differ"
    print(f"{len(diffs)} of the golden files {verb} ({len(chosen)} inputs)", file=sys.stderr)
    return 0 if options.update or not diffs else 1


def _diff(path: Path, old: str, new: str) -> str:
    name = str(path.relative_to(EXPECTED.parent.parent.parent))
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), name, name
        )
    )


if __name__ == "__main__":
    sys.exit(main())
