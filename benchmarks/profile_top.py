"""Summarise a py-spy profile: the functions that take the most samples, self and inclusive.

    py-spy record --subprocesses --format raw -o check.txt -- python -m cables check
    python benchmarks/profile_top.py check.txt

Reads py-spy's raw format (one collapsed stack per line, outermost frame first, then the
number of samples) and prints the top functions by self samples (time in the function
itself, or in the native code it called) and by inclusive samples (time under it).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

#: A py-spy frame is "function (file:line)"; lines are dropped so a function counts once.
_FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>[^()]*?)(?::\d+)?\)$")


def function_of(frame: str) -> str | None:
    """ "function (folder/file)" for a frame; None for the frames that name a process."""
    match = _FRAME.match(frame.strip())
    if not match:
        return None
    file = match.group("file")
    short = "/".join(Path(file).parts[-2:]) if "/" in file else file
    return f"{match.group('function')} ({short})"


def summarise(raw: Path) -> tuple[int, Counter[str], Counter[str]]:
    self_samples: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        samples = int(count)
        total += samples
        # With --subprocesses the first frames name the processes (their command lines may
        # hold ";" too); only frames that name a function count.
        functions = [name for frame in stack.split(";") if (name := function_of(frame))]
        if not functions:
            continue
        self_samples[functions[-1]] += samples
        for function in set(functions):
            if "cables/" in function:  # inclusive time is of interest for our own code
                inclusive[function] += samples
    return total, self_samples, inclusive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("raw", type=Path, help="a py-spy profile written with --format raw")
    parser.add_argument("--top", type=int, default=15)
    options = parser.parse_args()
    total, self_samples, inclusive = summarise(options.raw)
    for title, counter in (("self", self_samples), ("inclusive, cables only", inclusive)):
        print(f"\n{title} samples of {total} (all processes):")
        for function, samples in counter.most_common(options.top):
            print(f"{samples / total:6.1%}  {function}")


if __name__ == "__main__":
    main()
