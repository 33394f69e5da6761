"""Atomic output folders: every output is built aside and swapped in only when complete.

A failed or interrupted build leaves the previous output intact and removes its own
staging folder; staging folders left by a killed process are removed by the next run.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cables.errors import CablesError

STAGING_PREFIX = ".staging-"
_RENAME_EXCHANGE = 2  # renameat2 flag: swap two paths atomically (Linux 3.15+)
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two existing paths; False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return result == 0


def remove_stale_staging(build_dir: Path) -> None:
    """Remove staging folders that a killed build could not clean up."""
    if build_dir.is_dir():
        for stale in build_dir.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Let SIGTERM unwind like Ctrl-C, so staging folders are removed on `kill` too."""

    def interrupt(signum, frame):  # noqa: ARG001
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def atomic_output(build_dir: Path, name: str) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces `build_dir/name` in one step."""
    target = build_dir / name
    staging: Path | None = None
    try:
        with _terminate_as_interrupt():
            try:
                build_dir.mkdir(parents=True, exist_ok=True)
                remove_stale_staging(build_dir)
                with _signals_deferred():  # no interrupt between creating and owning it
                    staging = Path(
                        tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{name}-", dir=build_dir)
                    )
            except OSError as error:
                raise CablesError(
                    f"cannot write to the build folder: {error.strerror}",
                    path=build_dir,
                    hint="check that the folder exists, is writable and the disk is not full",
                ) from None
            yield staging
            staging.chmod(0o755)
            with _signals_deferred():  # the swap and its clean-up happen whole
                if target.exists() and _exchange(staging, target):
                    pass  # staging now holds the previous output, removed below
                elif target.exists():
                    # No atomic exchange here: move the old output aside, then the new one in.
                    old = Path(
                        tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}old-{name}-", dir=build_dir)
                    )
                    os.replace(target, old / name)
                    os.replace(staging, target)
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    os.replace(staging, target)
    except OSError as error:
        raise CablesError(
            f"writing the output failed: {error.strerror}",
            path=target,
            hint="check free disk space and permissions; the previous output was kept",
        ) from None
    finally:
        if staging is not None:
            with _signals_deferred():  # a second Ctrl-C must not leave half a folder
                shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and kill until the block ends; they are delivered right after."""
    signals = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    except (AttributeError, ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
