"""Worker processes for independent work: the one pool the check and the web edition use.

Each worker builds its own tool once (a FileChecker with compiled schemas, Stylesheets
with compiled stylesheets) from a picklable factory, then runs tasks with it; small runs
use the tool of this process instead, as worker processes cost more than they save there.
Processes are spawned, not forked: the parent may hold Saxon or other native state.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from cables.errors import CablesError

#: At most this many workers, whatever the number of cores.
MAX_WORKERS = 8

#: The tool of this worker process, built by its initializer (`_start_worker`).
_worker_tool: object = None


def _start_worker(factory: Callable[..., object], arguments: tuple) -> None:
    global _worker_tool
    _worker_tool = factory(*arguments)


def _run_in_worker(task: Callable[..., Any], arguments: tuple) -> Any:
    """Run one task in a worker process (a CablesError reaches the caller intact)."""
    return task(_worker_tool, *arguments)


def worker_count() -> int:
    """How many worker processes a pool starts: one a core, at most MAX_WORKERS."""
    return min(os.cpu_count() or 1, MAX_WORKERS)


#: The tool a pool's tasks are given (what `factory` builds in each worker).
Tool = TypeVar("Tool")


class WorkerPool(Generic[Tool]):
    """Runs tasks `task(tool, *arguments)` with `tool` here, or in worker processes each
    holding `factory(*arguments)` once `start` is told of enough work.

    `purpose` completes "a worker process ... stopped unexpectedly"."""

    def __init__(
        self,
        tool: Tool,
        factory: Callable[..., Tool],
        arguments: tuple,
        purpose: str,
    ) -> None:
        self.tool = tool
        self.factory = factory
        self.arguments = arguments
        self.purpose = purpose
        self.executor: concurrent.futures.ProcessPoolExecutor | None = None

    @property
    def parallel(self) -> bool:
        return self.executor is not None

    def start(self, tasks: int, threshold: int) -> None:
        """Start the worker processes if `tasks` reaches `threshold` (and there are cores)."""
        workers = worker_count()
        if self.executor is None and tasks >= threshold and workers > 1:
            self.executor = concurrent.futures.ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.factory, self.arguments),
            )

    def submit(self, task: Callable[..., Any], *arguments: Any) -> concurrent.futures.Future:
        if self.executor is None:
            done: concurrent.futures.Future = concurrent.futures.Future()
            done.set_result(task(self.tool, *arguments))
            return done
        return self.executor.submit(_run_in_worker, task, arguments)

    def map(self, task: Callable[..., Any], items: list[tuple]) -> Iterator[Any]:
        """The results of `task(tool, *item)` for each item, in order, in chunks."""
        if self.executor is None:
            yield from (task(self.tool, *item) for item in items)
            return
        chunk = max(1, len(items) // (worker_count() * 8))
        tasks = [(task, item) for item in items]
        with self._broken_is_an_error():
            yield from self.executor.map(_run_pair, tasks, chunksize=chunk)

    def result(self, future: concurrent.futures.Future) -> Any:
        with self._broken_is_an_error():
            return future.result()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
            self.executor = None

    def __enter__(self) -> WorkerPool[Tool]:
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _broken_is_an_error(self) -> Iterator[None]:
        """Turn a worker that died (killed, out of memory) into a CablesError."""
        try:
            yield
        except concurrent.futures.process.BrokenProcessPool:
            raise CablesError(
                f"a worker process {self.purpose} stopped unexpectedly",
                hint="the machine may be short of memory; try again, or report the problem",
            ) from None


def _run_pair(pair: tuple[Callable[..., Any], tuple]) -> Any:
    task, item = pair
    return _run_in_worker(task, item)
