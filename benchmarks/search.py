"""The search index at scale: its size against the TEI, and how soon results show.

Writes a synthetic corpus of N documents (corpus.py), builds its web edition (or reuses
one built before with --reuse), then reports the bytes of the index files by kind, and,
in headless Chromium opening search.html from file://, how long the page takes until the
search is ready and, for each query on a fresh page, the time from the input event to the
first result listed (and to the last result listed with its passage):

    .venv/bin/python benchmarks/search.py --size 10000 --work /tmp/search-bench
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus

CABLES = [sys.executable, "-m", "cables"]
QUERIES = [
    "Romania",
    "Khrushchev",
    "彭真",
    "Comecon",
    "negotiations",
    "embassy -China",
    '"socialist division of labour"',
]

#: Set up in the page before the search runs: the time of the last input event and of
#: the first and the last change to the list of results after it.
PROBE = """
window.__probe = { input: null, first: null, last: null };
document.addEventListener("input", () => {
  window.__probe = { input: performance.now(), first: null, last: null };
}, true);
new MutationObserver(() => {
  const probe = window.__probe;
  if (probe.input === null || !document.querySelector("#search-results li")) return;
  const now = performance.now();
  if (probe.first === null) probe.first = now;
  probe.last = now;
}).observe(document.getElementById("search-results"), { childList: true, subtree: true });
"""


def index_sizes(site: Path) -> dict[str, list[int]]:
    """The sizes of the index files, by kind (index, terms, text)."""
    sizes: dict[str, list[int]] = defaultdict(list)
    for path in site.glob("search-*.js"):
        sizes[path.name.split("-")[1]].append(path.stat().st_size)
    return sizes


def measure_browser(site: Path, runs: int) -> dict:
    """Open the search page `runs` times per query, each on a fresh page, and time it."""
    from playwright.sync_api import sync_playwright

    url = (site / "search.html").as_uri()
    timings: dict = {"ready": [], "queries": {query: [] for query in QUERIES}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for _ in range(runs):
            for query in QUERIES:
                page = browser.new_page()
                started = time.perf_counter()
                page.goto(url, wait_until="load")
                page.wait_for_selector("#search-form:not([hidden])", timeout=120_000)
                page.wait_for_function(
                    "document.getElementById('search-status').textContent !== ''"
                )
                timings["ready"].append(time.perf_counter() - started)
                page.evaluate(PROBE)
                page.fill("#search-q", query)
                page.wait_for_function("window.__probe.first !== null", timeout=120_000, polling=10)
                # Let the rest of the results follow with their passages.
                page.wait_for_timeout(1500)
                probe = page.evaluate("window.__probe")
                count = page.locator("#search-results li").count()
                status = page.locator("#search-status").inner_text()
                timings["queries"][query].append(
                    {
                        "first_ms": probe["first"] - probe["input"],
                        "last_ms": probe["last"] - probe["input"],
                        "listed": count,
                        "status": status,
                    }
                )
                page.close()
        browser.close()
    return timings


def main(argv: list[str] | None = None) -> int:
    """Build (or reuse) the corpus, measure, and print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/cables-search-bench"))
    parser.add_argument("--reuse", action="store_true", help="use the site built before")
    parser.add_argument("--runs", type=int, default=3, help="fresh pages per query")
    options = parser.parse_args(argv)
    project = options.work / f"n{options.size:05d}"
    site = project / "build" / "site"
    if not (options.reuse and site.is_dir()):
        make_corpus(options.size, project)
        started = time.perf_counter()
        subprocess.run([*CABLES, "build", "html"], cwd=project, check=True)
        print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    tei = sum(path.stat().st_size for path in (project / "tei" / "documents").glob("*.xml"))
    sizes = index_sizes(site)
    total = sum(sum(values) for values in sizes.values())
    report: dict = {
        "documents": options.size,
        "tei_bytes": tei,
        "index_bytes": total,
        "percent_of_tei": round(100 * total / tei, 1),
        "files": {
            kind: {
                "count": len(values),
                "bytes": sum(values),
                "largest": max(values),
                "median": int(statistics.median(values)),
            }
            for kind, values in sorted(sizes.items())
        },
    }
    timings = measure_browser(site, options.runs)
    report["ready_s"] = [round(value, 2) for value in timings["ready"]]
    report["queries"] = {
        query: {
            "first_ms_median": round(statistics.median(run["first_ms"] for run in runs)),
            "last_ms_median": round(statistics.median(run["last_ms"] for run in runs)),
            "listed": runs[0]["listed"],
            "status": runs[0]["status"],
        }
        for query, runs in timings["queries"].items()
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
