"""Progress and chattiness of the command line: a bar on a terminal, plain lines otherwise.

The pipeline stages report through a `ProgressCallback` and know nothing of terminals;
`Reporter` turns those calls into output, and holds the --quiet/--verbose setting.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from typing import TextIO

#: `progress(task, done, total, item)`: `done` of `total` steps of `task` are finished and
#: `item` is being worked on next ("" once done == total).
ProgressCallback = Callable[[str, int, int, str], None]


def for_task(progress: ProgressCallback | None, task: str) -> Callable[[int, int], None] | None:
    """The `progress(done, total)` form that check() takes, reporting as `task`."""
    if progress is None:
        return None
    last: list[tuple[int, int]] = []

    def report(done: int, total: int) -> None:
        if last == [(done, total)]:
            return  # nothing new (a stage may report the same count twice)
        last[:] = [(done, total)]
        progress(task, done, total, "")

    return report


QUIET = 0
NORMAL = 1
VERBOSE = 2

#: Without a terminal, a plain line at least this often (seconds) shows a long run is alive.
HEARTBEAT_SECONDS = 2.0
#: Redrawing a bar more often than this only costs time.
REDRAW_SECONDS = 0.05
BAR_WIDTH = 24


class Reporter:
    """Where the command line's progress and messages go, and how much of them.

    Quiet prints only what a command must say (errors); verbose adds every step with
    timings. Progress goes to `stream` (standard error), never to the command's output.
    """

    def __init__(
        self, stream: TextIO, verbosity: int = NORMAL, interactive: bool | None = None
    ) -> None:
        self.stream = stream
        self.verbosity = verbosity
        if interactive is None:
            isatty = getattr(stream, "isatty", None)
            interactive = bool(isatty and isatty())
        self.interactive = interactive
        self._started: dict[str, float] = {}
        self._last_shown: dict[str, float] = {}
        self._finished: set[str] = set()
        self._bar_open = False

    @property
    def quiet(self) -> bool:
        return self.verbosity <= QUIET

    @property
    def verbose(self) -> bool:
        return self.verbosity >= VERBOSE

    def __call__(self, task: str, done: int, total: int, item: str = "") -> None:
        """The `ProgressCallback` handed to check() and build()."""
        if self.quiet:
            return
        now = time.monotonic()
        finished = self._track(task, done, total, now)
        if self.interactive:
            self._draw_bar(task, done, total, item, now, finished)
        elif self._line_due(task, now, finished):
            self._last_shown[task] = now
            self._line(self._plain(task, done, total, item, now, finished))

    def _track(self, task: str, done: int, total: int, now: float) -> bool:
        """Note when a run of `task` starts; whether it has finished."""
        if done == 0 or task not in self._started or task in self._finished:
            # A new run of the task (a preview rebuilds again and again).
            self._started[task] = now
            self._last_shown.pop(task, None)
        finished = done >= total
        if finished:
            self._finished.add(task)
        else:
            self._finished.discard(task)
        return finished

    def _line_due(self, task: str, now: float, finished: bool) -> bool:
        """Without a terminal, a line for every step when verbose; else for the first and
        the last, and a heartbeat in between."""
        last = self._last_shown.get(task)
        return self.verbose or finished or last is None or now - last >= HEARTBEAT_SECONDS

    def _plain(
        self, task: str, done: int, total: int, item: str, now: float, finished: bool
    ) -> str:
        if finished:
            seconds = now - self._started.get(task, now)
            return f"{task}: {done}/{total} done in {seconds:.1f} s"
        return f"{task}: {done}/{total} {item}".rstrip()

    def _draw_bar(
        self, task: str, done: int, total: int, item: str, now: float, finished: bool
    ) -> None:
        last = self._last_shown.get(task)
        if not finished and last is not None and now - last < REDRAW_SECONDS:
            return
        self._last_shown[task] = now
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        text = f"{task} [{bar}] {done}/{total}"
        if finished:
            text += f" done in {now - self._started.get(task, now):.1f} s"
        elif item:
            text += f" {item}"
        columns = shutil.get_terminal_size((80, 24)).columns
        self.stream.write("\r" + text[: max(columns - 1, 10)] + "\x1b[K")
        self._bar_open = not finished
        if finished:
            self.stream.write("\n")
        self.stream.flush()

    def _line(self, text: str) -> None:
        if self._bar_open:
            self.stream.write("\n")
            self._bar_open = False
        self.stream.write(text + "\n")
        self.stream.flush()

    def info(self, message: str) -> None:
        """A message for the normal and verbose modes (standard error)."""
        if not self.quiet:
            self._line(message)

    def detail(self, message: str) -> None:
        """A message for the verbose mode only (standard error)."""
        if self.verbose:
            self._line(message)


class WarningsToReporter(logging.Handler):
    """Shows the library's warnings (logger "cables": a damaged cache, say) as the
    reporter's messages, so that --quiet silences them like the rest."""

    def __init__(self, reporter: Reporter) -> None:
        super().__init__(logging.WARNING)
        self.reporter = reporter

    def emit(self, record: logging.LogRecord) -> None:
        self.reporter.info(f"cables: warning: {record.getMessage()}")


def show_warnings(reporter: Reporter) -> None:
    """Route the "cables" logger to `reporter` (in place of any earlier reporter)."""
    logger = logging.getLogger("cables")
    for handler in [h for h in logger.handlers if isinstance(h, WarningsToReporter)]:
        logger.removeHandler(handler)
    logger.addHandler(WarningsToReporter(reporter))
    logger.propagate = False
