"""The benchmark: synthetic corpora of N documents, and the `cables` commands timed on each.

    .venv/bin/python benchmarks/run.py --sizes 10,100,1000,10000 --markdown BENCHMARKS-table.md

For each N it writes a project (not timed), then measures, each in a fresh process: lxml
parsing the same files (the floor), `cables check` cold and after one document changed,
`cables build html` cold and after one document changed, `cables build pdf` (N <= 100) and
`cables deposit` (N <= 1000). Beside them, on the same corpus (N <= 10000), two peers: Jing
validating every file against tei_all in one JVM, and the TEI Consortium's own TEI Stylesheets
(`html/html.xsl`, compiled once per process under saxonche, one process per core) making one
HTML page per document; the peers come from ../shared beside the repository, and a missing
one is a row saying so. It prints a Markdown table, and the ratios of peer to cables times;
a failed or timed-out command is a row of the table, and the run goes on. Only the command
line of `cables` is used.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import (  # noqa: E402
    age_project,
    change_one_word,
    make_corpus,
    make_large_register,
    set_mtime_in_past,
)
from measure import Measurement, measure  # noqa: E402

BENCHMARKS = Path(__file__).resolve().parent
#: The shared material beside the repository: the peers' schema and stylesheets.
SHARED = BENCHMARKS.parent.parent / "shared"
TEI_ALL = Path("external/schemas/tei_all.rng")
TEI_STYLESHEETS_HTML = Path("external/peers/tei-stylesheets/html/html.xsl")
JING = "jing"
#: Room left on a command line for the environment and what the kernel adds.
ARGUMENT_MARGIN = 64 * 1024
#: The peer rows, and the cables row each is set beside.
PEER_JING = "peer: Jing, tei_all, one JVM"
PEER_TEI_HTML = "peer: TEI Stylesheets html.xsl, one page per document"
PEERS = {PEER_JING: "check, cold", PEER_TEI_HTML: "build html, cold"}
SOURCE_DATE_EPOCH = "1764201600"
CABLES = [sys.executable, "-m", "cables"]
MB = 1_000_000
#: The cache under build/ trusts a file whose mtime is older than 2 s; edits are dated further back.
EDIT_AGE_SECONDS = 10
#: Other processes using this many cores on average during a command are worth a warning.
BUSY_MACHINE_CORES = 0.25
#: The generated project is dated back too, as an edition whose files were not just written.
PROJECT_AGE_SECONDS = 3600


@dataclasses.dataclass(frozen=True)
class Corpus:
    size: int
    project: Path
    files: int  # XML files under tei/: documents, authority files, front matter
    corpus_bytes: int


@dataclasses.dataclass(frozen=True)
class Row:
    corpus: Corpus
    step: str
    measurement: Measurement | None  # None when the step could not even start
    note: str = ""
    log: Path | None = None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000,10000", help="comma-separated sizes")
    parser.add_argument("--work", type=Path, default=BENCHMARKS / ".work", help="scratch folder")
    parser.add_argument("--markdown", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--timeout", type=float, default=1800, help="seconds before a command is stopped"
    )
    parser.add_argument("--pdf-max", type=int, default=100, help="largest N for build pdf")
    parser.add_argument("--deposit-max", type=int, default=1000, help="largest N for deposit")
    parser.add_argument(
        "--peers",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="time the peers (Jing, the TEI Stylesheets) beside cables",
    )
    parser.add_argument("--peer-max", type=int, default=10000, help="largest N for the peers")
    parser.add_argument(
        "--shared",
        type=Path,
        default=SHARED,
        help="the shared folder that holds external/schemas and external/peers",
    )
    parser.add_argument(
        "--register-entries",
        type=int,
        default=3700,
        help="entries added to the person register of a nine-document corpus whose check is "
        "timed too (0: none)",
    )
    options = parser.parse_args(argv)
    sizes = [int(size) for size in options.sizes.split(",") if size.strip()]

    header = describe_setup()
    rows: list[Row] = []
    corpora: list[Corpus] = []

    def publish() -> str:
        text = render_markdown(header, corpora, rows)
        if options.markdown:
            options.markdown.write_text(text, encoding="utf-8")
        return text

    for size in sizes:
        progress(f"N={size}: generating the corpus")
        try:
            corpus = generate(size, options.work / f"n{size:05d}")
        except Exception as error:  # noqa: BLE001 - reported, and the next size still runs
            progress(f"N={size}: could not generate the corpus: {error}")
            continue
        corpora.append(corpus)
        try:
            for row in benchmark_corpus(corpus, options):
                rows.append(row)
                progress(f"N={size}: {row.step}: {summary(row)}")
                publish()
        except Exception as error:  # noqa: BLE001 - reported, and the next size still runs
            rows.append(Row(corpus, "benchmark harness", None, f"stopped: {error!r}"))
            progress(f"N={size}: the harness stopped: {error!r}")
            publish()
    if options.register_entries > 0:
        entries = options.register_entries
        progress(f"large register: generating {entries} entries")
        corpus = generate(9, options.work / f"register{entries}", entries)
        corpora.append(corpus)
        for row in benchmark_register(corpus, entries, options):
            rows.append(row)
            progress(f"large register: {row.step}: {summary(row)}")
            publish()
    print(publish(), end="")
    return 0


def generate(size: int, target: Path, register_entries: int = 0) -> Corpus:
    if register_entries:
        project = make_large_register(register_entries, target)
    else:
        project = make_corpus(size, target)
    age_project(project, PROJECT_AGE_SECONDS)
    sources = list((project / "tei").rglob("*.xml"))
    return Corpus(size, project, len(sources), sum(path.stat().st_size for path in sources))


def benchmark_corpus(corpus: Corpus, options: argparse.Namespace) -> Iterator[Row]:
    """Run the steps on one corpus, yielding a row as each finishes."""
    project = corpus.project
    build = project / "build"
    documents = sorted((project / "tei" / "documents").glob("*.xml"))
    environment = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}

    def run(step: str, command: list[str]) -> Row:
        log = options.work / "logs" / f"n{corpus.size:05d}-{slug(step)}.log"
        try:
            measured = measure(command, project, log, env=environment, timeout=options.timeout)
        except OSError as error:
            return Row(corpus, step, None, f"could not run: {error}", log)
        note = ""
        if measured.exit_status is None:
            note = f"did not finish in {options.timeout:.0f} s; stopped"
        elif not measured.succeeded:
            note = f"FAILED, exit status {measured.exit_status}: {last_line(log)} (log: {log})"
        return Row(corpus, step, measured, note, log)

    def edit(document: Path, word: str) -> str:
        old = change_one_word(document, word)
        set_mtime_in_past(document, EDIT_AGE_SECONDS)
        return f"{document.name}: “{old}” → “{word}”"

    floor = run("lxml parse (floor)", [sys.executable, str(BENCHMARKS / "parse_floor.py"), "tei"])
    if floor.measurement and floor.measurement.succeeded:
        floor = with_note(floor, in_process_note(floor.log))
    yield floor

    shutil.rmtree(build, ignore_errors=True)
    yield run("check, cold", [*CABLES, "check"])
    changed = edit(documents[len(documents) // 2], "revised")
    yield with_note(run("check, 1 document changed", [*CABLES, "check"]), changed)

    peers = options.peers and corpus.size <= options.peer_max
    if peers:
        yield peer_jing(corpus, options, run)

    shutil.rmtree(build / "site", ignore_errors=True)
    shutil.rmtree(build / ".cache", ignore_errors=True)
    yield run("build html, cold", [*CABLES, "build", "html"])
    changed = edit(documents[len(documents) // 3], "amended")
    yield with_note(run("build html, 1 document changed", [*CABLES, "build", "html"]), changed)
    if peers:
        yield peer_tei_html(corpus, options, run)

    if corpus.size <= options.pdf_max:
        shutil.rmtree(build / "pdf", ignore_errors=True)
        row = run("build pdf", [*CABLES, "build", "pdf"])
        if row.measurement and row.measurement.succeeded:
            row = with_note(row, pdf_note(build / "pdf", row.measurement))
        yield row

    if corpus.size <= options.deposit_max:
        if (build / "pdf").is_dir():
            yield run("deposit", [*CABLES, "deposit"])
        else:
            # deposit builds the print edition first when it is missing, as it is here.
            row = run("deposit, building the print edition first", [*CABLES, "deposit"])
            yield row
            if row.measurement and row.measurement.succeeded:
                yield run("deposit, outputs up to date", [*CABLES, "deposit"])


def peer_jing(corpus: Corpus, options: argparse.Namespace, run: Callable[..., Row]) -> Row:
    """Jing validating every XML file of tei/ against tei_all: one JVM, unless the file names
    do not fit on one command line, in which case as few JVMs as they fit in."""
    schema = options.shared / TEI_ALL
    if not schema.is_file():
        return Row(corpus, PEER_JING, None, f"skipped: {schema} is missing")
    if shutil.which(JING) is None:
        return Row(corpus, PEER_JING, None, "skipped: jing is not installed")
    files = sorted(
        path.relative_to(corpus.project) for path in (corpus.project / "tei").rglob("*.xml")
    )
    batches = argument_batches([JING, str(schema)], [str(path) for path in files])
    script = corpus.project / "peer-jing.sh"
    lines = [f"{shlex.join([JING, str(schema), *batch])} || status=1" for batch in batches]
    script.write_text("status=0\n" + "\n".join(lines) + "\nexit $status\n", encoding="utf-8")
    row = run(PEER_JING, ["sh", str(script)])
    if row.note and "FAILED" in row.note and row.log:
        # Jing exits 1 when a file is invalid: the files were still validated, and counted.
        errors = sum(
            ": error: " in line for line in row.log.read_text(errors="replace").splitlines()
        )
        if errors:
            row = dataclasses.replace(row, note=f"{errors} validation errors reported")
    jvms = (
        "one JVM" if len(batches) == 1 else f"{len(batches)} JVMs (command line too long for one)"
    )
    note = f"{len(files)} files, {jvms}"
    return dataclasses.replace(row, note=f"{note}; {row.note}" if row.note else note)


def argument_batches(command: list[str], arguments: list[str]) -> list[list[str]]:
    """`arguments` in as few batches as fit, each after `command`, on one command line."""
    limit = os.sysconf("SC_ARG_MAX") - sum(len(k) + len(v) + 2 for k, v in os.environ.items())
    limit -= ARGUMENT_MARGIN
    base = sum(len(part) + 1 for part in command)
    batches: list[list[str]] = [[]]
    length = base
    for argument in arguments:
        if batches[-1] and length + len(argument) + 1 > limit:
            batches.append([])
            length = base
        batches[-1].append(argument)
        length += len(argument) + 1
    return batches


def peer_tei_html(corpus: Corpus, options: argparse.Namespace, run: Callable[..., Row]) -> Row:
    """The TEI Stylesheets' html.xsl, one page per document, one process per core."""
    stylesheet = options.shared / TEI_STYLESHEETS_HTML
    if not stylesheet.is_file():
        return Row(corpus, PEER_TEI_HTML, None, f"skipped: {stylesheet} is missing")
    output = corpus.project / "peer-html"
    shutil.rmtree(output, ignore_errors=True)
    processes = os.cpu_count() or 1
    command = [
        sys.executable,
        str(BENCHMARKS / "peer_tei_html.py"),
        str(stylesheet),
        "tei/documents",
        str(output),
        "--processes",
        str(processes),
    ]
    row = run(PEER_TEI_HTML, command)
    if row.measurement and row.measurement.succeeded and row.log:
        row = with_note(row, last_line(row.log))
    return row


def benchmark_register(corpus: Corpus, entries: int, options: argparse.Namespace) -> Iterator[Row]:
    """`cables check` of nine documents and a register of `entries` more persons, most of
    them unused: each unused entry is located in the 2.4 MB file (authority-unused)."""
    log = options.work / "logs" / f"register{entries}-check.log"
    environment = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    shutil.rmtree(corpus.project / "build", ignore_errors=True)
    for step in (f"check, cold, register of {entries:,} more entries", "check again, cached"):
        try:
            measured = measure(
                [*CABLES, "check"], corpus.project, log, env=environment, timeout=options.timeout
            )
        except OSError as error:
            yield Row(corpus, step, None, f"could not run: {error}", log)
            return
        # Exit 0: the unused entries are warnings.
        if not measured.succeeded:
            note = f"FAILED, exit status {measured.exit_status}: {last_line(log)} (log: {log})"
        else:
            note = f"{measured.wall_seconds * 1000 / entries:.3f} ms per register entry"
        yield Row(corpus, step, measured, note, log)


def with_note(row: Row, note: str) -> Row:
    """The row with `note`, unless it already says why the command failed."""
    return row if row.note else dataclasses.replace(row, note=note)


def in_process_note(log: Path) -> str:
    match = re.search(r"in ([0-9.]+) s", last_line(log))
    return f"of which parsing {float(match.group(1)):.2f} s" if match else ""


def pdf_note(folder: Path, measured: Measurement) -> str:
    """Per-document PDFs/s and the book's pages/s, both over the whole `build pdf` run."""
    documents = [path for path in folder.glob("*.pdf") if not path.name.startswith("edition")]
    book = folder / "edition.pdf"
    pages = count_pages(book) if book.is_file() else None
    note = f"{len(documents)} document PDFs, {len(documents) / measured.wall_seconds:.2f} PDFs/s"
    if pages is not None:
        note += f"; book {pages} pages, {pages / measured.wall_seconds:.2f} pages/s"
    return note + " (rates over the whole run, both books included)"


def count_pages(pdf: Path) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(pdf).pages)


def summary(row: Row) -> str:
    if row.measurement is None:
        return row.note
    text = f"{row.measurement.wall_seconds:.2f} s"
    return f"{text}; {row.note}" if row.note else text


def render_markdown(header: list[str], corpora: list[Corpus], rows: list[Row]) -> str:
    lines = ["# Benchmark results", "", *header, ""]
    lines += ["| N | XML files in tei/ | MB |", "|---:|---:|---:|"]
    lines += [f"| {c.size} | {c.files} | {c.corpus_bytes / MB:.1f} |" for c in corpora]
    lines += [
        "",
        "| N | Step | Wall s | CPU s | Documents/s | MB/s | Peak RSS, largest process (MB)"
        " | Peak RSS, all processes (MB) | Peak PSS, all processes (MB) | Notes |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        measured = row.measurement
        cells = [str(row.corpus.size), row.step]
        if measured is None:
            cells += ["—"] * 7
        else:
            wall = measured.wall_seconds
            ok = measured.succeeded
            cells += [
                f"{wall:.2f}" if measured.exit_status is not None else f"> {wall:.0f}",
                f"{measured.cpu_seconds:.2f}" if measured.exit_status is not None else "—",
                rate(row.corpus.size / wall) if ok else "—",
                rate(row.corpus.corpus_bytes / MB / wall) if ok else "—",
                f"{measured.largest_process_bytes / MB:,.0f}",
                f"{measured.process_tree_bytes / MB:,.0f}",
                # Not sampled (a command shorter than the 0.2 s between samples): unknown.
                f"{measured.process_tree_pss_bytes / MB:,.0f}"
                if measured.process_tree_pss_bytes
                else "—",
            ]
        cells.append(annotated_note(row).replace("|", "\\|"))
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "Documents/s and MB/s are N and the bytes of tei/ divided by the wall time, for every"
        " row (for the incremental rows too, where one document changed). MB = 10^6 bytes."
        " CPU s: user + system time of the command and its workers (more than the wall"
        " time when they run in parallel)."
        " Largest process: ru_maxrss from wait4, the command or any worker it ran. All"
        " processes: the summed RSS of the command's process tree, sampled every 0.2 s"
        " (shared pages counted once per process, so an upper bound); PSS, the proportional"
        " set size, counts a page shared by k processes 1/k in each: what the machine holds."
        " A note says when"
        " other processes used more than a quarter of a core meanwhile: such rows are slower"
        " than on a quiet machine.",
        "",
        *render_peers(rows),
    ]
    return "\n".join(lines)


def render_peers(rows: list[Row]) -> list[str]:
    """The peers beside the cables step each is compared with, at each N: the ratios of the
    wall and of the CPU times (peer / cables; above 1, cables is faster) and both rates.

    On a shared machine the CPU ratio is the steadier one: the wall times of both sides
    stretch with the load of the moment, their CPU times much less."""
    ratios = []
    for row in rows:
        if row.step not in PEERS:
            continue
        ours = next(
            (
                other
                for other in rows
                if other.corpus is row.corpus and other.step == PEERS[row.step]
            ),
            None,
        )
        cells = [str(row.corpus.size), row.step]
        if not (row.measurement and ours and ours.measurement):
            cells += ["—"] * 3 + [PEERS[row.step]] + ["—"] * 5
            ratios.append("| " + " | ".join([*cells, row.note or "not measured"]) + " |")
            continue
        peer, cables = row.measurement, ours.measurement
        for measured, step in ((peer, None), (cables, PEERS[row.step])):
            if step:
                cells.append(step)
            cells += [
                f"{measured.wall_seconds:.2f}",
                f"{measured.cpu_seconds:.2f}",
                rate(row.corpus.size / measured.wall_seconds),
            ]
        cells += [
            f"{peer.wall_seconds / cables.wall_seconds:.2f}",
            f"{peer.cpu_seconds / cables.cpu_seconds:.2f}" if cables.cpu_seconds else "—",
            "",
        ]
        ratios.append("| " + " | ".join(cells) + " |")
    if not ratios:
        return []
    return [
        "## Side by side with the peers",
        "",
        "| N | Peer | Peer wall s | Peer CPU s | Peer documents/s | cables step | cables wall s"
        " | cables CPU s | cables documents/s | Peer / cables, wall | Peer / cables, CPU"
        " | Notes |",
        "|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|",
        *ratios,
        "",
        "Jing validates every XML file of tei/ against tei_all (grammar only) in one JVM;"
        " `cables check` validates them against the edition's schema and runs its Schematron"
        " and corpus rules. The TEI Stylesheets make one HTML page per document, each on its"
        " own, one process per core, each compiling html.xsl once; `cables build html` is the"
        " whole web edition: the check, every page, the indices, the chronology and the search"
        " index. Both sides' times include starting their processes. Above 1, cables takes"
        " less time than the peer.",
        "",
    ]


def annotated_note(row: Row) -> str:
    """The row's note, and a warning when other processes took a good share of the machine."""
    measured = row.measurement
    if measured is None or measured.wall_seconds <= 0:
        return row.note
    others = measured.others_cpu_seconds / measured.wall_seconds
    # /proc/stat counts in clock ticks: a short command cannot tell a few ticks from load.
    if others < BUSY_MACHINE_CORES or measured.others_cpu_seconds < 0.1:
        return row.note
    busy = f"other processes used {others:.1f} cores meanwhile"
    return f"{row.note}; {busy}" if row.note else busy


def rate(value: float) -> str:
    """A rate with three significant digits or so, and no decimals past 100."""
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def describe_setup() -> list[str]:
    """What was measured, and on what: the commit, Python, the processor and memory."""
    located = subprocess.run(
        [*CABLES[:1], "-c", "import cables, pathlib; print(pathlib.Path(cables.__file__).parent)"],
        capture_output=True,
        text=True,
    )
    source = Path(located.stdout.strip()) if located.returncode == 0 else None
    return [
        f"- Code measured: {describe_commit(source)}",
        f"- Machine: {describe_machine()}; Python {platform.python_version()}",
        f"- SOURCE_DATE_EPOCH={SOURCE_DATE_EPOCH}",
    ]


def describe_commit(source: Path | None) -> str:
    if source is None:
        return "cables could not be imported"

    def git(*arguments: str) -> str | None:
        # --no-optional-locks: a benchmark never writes to the repository, not even its index.
        result = subprocess.run(
            ["git", "--no-optional-locks", "-C", str(source), *arguments],
            capture_output=True,
            text=True,
        )
        return result.stdout.strip() if result.returncode == 0 else None

    commit = git("log", "-1", "--format=%h %s")
    if commit is None:
        return f"cables from {source} (not a git checkout)"
    changed = git(
        "status", "--porcelain", "--untracked-files=no", "--", ":/src", ":/xslt", ":/schema"
    )
    dirty = " (with uncommitted changes in src/, xslt/ or schema/)" if changed else ""
    return f"commit {commit}{dirty}"


def describe_machine() -> str:
    models = re.findall(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
    memory = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
    cores = f"{len(models)} × {models[0]}" if models else f"{os.cpu_count()} cores"
    total = f", {int(memory.group(1)) / 1024 / 1024:.0f} GiB memory" if memory else ""
    return f"{cores}{total}"


def last_line(log: Path) -> str:
    lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    return lines[-1].strip() if lines else "(no output)"


def slug(step: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
