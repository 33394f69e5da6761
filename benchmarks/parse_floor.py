"""The floor the benchmarks compare against: lxml parsing every XML file of a folder, nothing else.

Run as its own process (`python benchmarks/parse_floor.py tei`), so that its wall time
includes starting Python and importing lxml, as the times of the `cables` commands do.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from lxml import etree


def parse_all(folder: Path) -> tuple[int, int]:
    """Parse every *.xml file under `folder`; return the number of files and their bytes."""
    files = 0
    size = 0
    for path in sorted(folder.rglob("*.xml")):
        etree.parse(str(path))
        files += 1
        size += path.stat().st_size
    return files, size


if __name__ == "__main__":
    started = time.perf_counter()
    files, size = parse_all(Path(sys.argv[1]))
    print(f"parsed {files} files, {size} bytes in {time.perf_counter() - started:.3f} s")
