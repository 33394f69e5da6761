"""The peer the web build is timed beside: the TEI Consortium's own TEI→HTML stylesheets.

    python benchmarks/peer_tei_html.py STYLESHEET DOCUMENTS OUTPUT [--processes P]

Makes one HTML page per document (`DOCUMENTS/*.xml` → `OUTPUT/<stem>.html`) with the
stylesheet (the TEI Stylesheets' `html/html.xsl`), in P worker processes (one per core by
default). Each worker compiles the stylesheet once under saxonche, then transforms its share
of the files (every P-th in name order), one after another. Nothing else: no indices, no
search, no check; the pages are what the TEI Stylesheets make by default, each page on its
own. Prints one line: the pages made, the seconds, the compile time of the slowest worker.
A file the stylesheet fails on is counted and named on stderr, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

#: The same hardening as cables' own processor: no DOCTYPE, no protocol but file:.
_NO_DOCTYPE = (
    "http://saxon.sf.net/feature/parserFeature?"
    "uri=http%3A//apache.org/xml/features/disallow-doctype-decl"
)
_ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"


def transform_share(stylesheet: Path, files: list[Path], output: Path) -> tuple[int, int, float]:
    """In a worker: compile once, transform each file; return (pages, failures, compile s)."""
    from saxonche import PySaxonApiError, PySaxonProcessor

    with PySaxonProcessor(license=False) as processor:
        processor.set_configuration_property(_NO_DOCTYPE, "true")
        processor.set_configuration_property(_ALLOWED_PROTOCOLS, "file")
        started = time.perf_counter()
        executable = processor.new_xslt30_processor().compile_stylesheet(
            stylesheet_file=str(stylesheet)
        )
        compiled = time.perf_counter() - started
        pages = failures = 0
        for path in files:
            target = output / f"{path.stem}.html"
            try:
                executable.transform_to_file(source_file=str(path), output_file=str(target))
            except PySaxonApiError as error:
                failures += 1
                print(f"{path.name}: {error}", file=sys.stderr)
                continue
            pages += 1
        return pages, failures, compiled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stylesheet", type=Path)
    parser.add_argument("documents", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)  # this share's number
    options = parser.parse_args(argv)
    files = sorted(options.documents.glob("*.xml"))
    if options.worker is not None:
        share = files[options.worker :: options.processes]
        pages, failures, compiled = transform_share(options.stylesheet, share, options.output)
        print(f"{pages} {failures} {compiled:.3f}")
        return 0
    started = time.perf_counter()
    options.output.mkdir(parents=True, exist_ok=True)
    # Workers are processes of their own, each with one saxonche processor: started from the
    # command line, so that no state is shared and each compiles the stylesheet once.
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                str(options.stylesheet),
                str(options.documents),
                str(options.output),
                "--processes",
                str(options.processes),
                "--worker",
                str(number),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for number in range(min(options.processes, max(1, len(files))))
    ]
    pages = failures = 0
    slowest_compile = 0.0
    for worker in workers:
        output, _ = worker.communicate()
        if worker.returncode != 0 or not output.strip():
            failures += 1
            continue
        made, failed, compiled = output.split()
        pages += int(made)
        failures += int(failed)
        slowest_compile = max(slowest_compile, float(compiled))
    seconds = time.perf_counter() - started
    print(
        f"made {pages} pages of {len(files)} documents in {seconds:.3f} s with "
        f"{len(workers)} processes (compiling the stylesheet {slowest_compile:.2f} s); "
        f"{failures} failed"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
