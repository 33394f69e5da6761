"""Atomic output folders: every output is built aside and swapped in only when complete.

A failed or interrupted build leaves the previous output intact and removes its own
staging folder. Only one command writes a project's outputs at a time: `writer_lock`
holds an advisory lock on build/.lock for the whole write. Every staging and scratch
folder carries its owner's process id in its name, and a later run removes it only when
that process is gone, so a folder left by a killed process goes, a live one stays.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import re
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

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


LOCK_NAME = ".lock"
#: Set by supervise.py in the child of a supervised command: the pid the user sees.
COMMAND_PID = "CABLES_COMMAND_PID"
#: The owner's process id in a staging folder's name: `.staging-<what>-<pid>-<random>`.
_OWNER = re.compile(r"-(\d+)-[^-]*$")

#: The build folders whose writer lock this process holds.
_held: set[Path] = set()


@contextlib.contextmanager
def writer_lock(build_dir: Path) -> Iterator[None]:
    """Hold the project's writer lock (build/.lock) for the block; reentrant in a process.

    A second command that writes outputs while one is writing stops at once with the
    first one's process id, rather than waiting for a build of unknown length.
    """
    key = build_dir.resolve()
    if key in _held:  # deposit runs a build: the lock is already this process's
        yield
        return
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        handle = open(build_dir / LOCK_NAME, "a+", encoding="ascii")  # noqa: SIM115
    except OSError as error:
        raise _unwritable(build_dir, error) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise _unwritable(build_dir, error) from None
            owner = _owner(handle)
            raise CablesError(
                f"another cables command is writing build/ (pid {owner})",
                path=build_dir,
                hint="wait until it has finished, then run this command again",
            ) from None
        handle.seek(0)
        handle.truncate()
        # The pid to name is the command's: a supervised command's child names its parent.
        handle.write(f"{os.environ.get(COMMAND_PID, os.getpid())}\n")
        handle.flush()
        _held.add(key)
        try:
            yield
        finally:
            _held.discard(key)
            # The pid stays in the file until the next writer replaces it: only the lock
            # says whether a writer is at work.
    finally:
        handle.close()


def _owner(handle: IO[str]) -> str:
    """The pid the lock's holder wrote: it writes it just after taking the lock, so a
    second command that comes in between finds the file empty for a moment."""
    for _ in range(20):
        handle.seek(0)
        owner = handle.read().strip()
        if owner:
            return owner
        time.sleep(0.025)
    return "unknown"


def _unwritable(build_dir: Path, error: OSError) -> CablesError:
    return CablesError(
        f"cannot write to the build folder: {error.strerror}",
        path=build_dir,
        hint="check that the folder exists, is writable and the disk is not full",
    )


def _owner_alive(folder: Path) -> bool:
    """Whether the process named in a staging folder's name still runs."""
    match = _OWNER.search(folder.name)
    if match is None:
        return False  # a folder of an older cables, which named no owner
    try:
        os.kill(int(match.group(1)), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or a number no process has: keep it
    return True


def remove_stale_staging(build_dir: Path) -> None:
    """Remove staging and scratch folders whose owner is gone (killed, say)."""
    if build_dir.is_dir():
        for stale in build_dir.glob(STAGING_PREFIX + "*"):
            if not _owner_alive(stale):
                shutil.rmtree(stale, ignore_errors=True)


def new_folder(build_dir: Path, what: str) -> Path:
    """An empty folder in build/ whose name carries this process's id."""
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{what}-{os.getpid()}-", dir=build_dir))


@contextlib.contextmanager
def scratch_folder(build_dir: Path) -> Iterator[Path]:
    """A scratch folder inside build/ (never the system's temporary folder), removed at
    the end; one left by a killed process is removed by the next run."""
    with writer_lock(build_dir):
        remove_stale_staging(build_dir)
        try:
            with _signals_deferred():
                scratch = new_folder(build_dir, "scratch")
        except OSError as error:
            raise _unwritable(build_dir, error) from None
        try:
            yield scratch
        finally:
            with _signals_deferred():
                shutil.rmtree(scratch, ignore_errors=True)


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Let SIGTERM unwind like Ctrl-C for the block, so staging folders are removed on
    `kill` too; the one place cables turns SIGTERM into KeyboardInterrupt."""

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
        with terminate_as_interrupt(), writer_lock(build_dir):
            try:
                remove_stale_staging(build_dir)
                with _signals_deferred():  # no interrupt between creating and owning it
                    staging = new_folder(build_dir, name)
            except OSError as error:
                raise _unwritable(build_dir, error) from None
            yield staging
            staging.chmod(0o755)
            with _signals_deferred():  # the swap and its clean-up happen whole
                if target.exists() and _exchange(staging, target):
                    pass  # staging now holds the previous output, removed below
                elif target.exists():
                    # No atomic exchange here: move the old output aside, then the new one in.
                    old = new_folder(build_dir, f"old-{name}")
                    os.replace(target, old / name)
                    os.replace(staging, target)
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    os.replace(staging, target)
    except OSError as error:
        raise CablesError(
            f"writing the output failed: {error.strerror}",
            path=_written_file(error) or target,
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


@contextlib.contextmanager
def naming_written_file(path: Path) -> Iterator[None]:
    """Give a failed write in the block the name of the file it was writing: an OSError
    of write() or close() (a full disk) has none, and `atomic_output` would then name the
    whole output folder instead of the file."""
    try:
        yield
    except OSError as error:
        if not (error.filename or error.filename2):
            error.filename = os.fspath(path)
        raise


def _written_file(error: OSError) -> Path | None:
    """The file a failed write was writing: a copy's destination (shutil sets the source
    as `filename` and the destination as `filename2`), else the file the error names."""
    name = error.filename2 or error.filename
    return Path(os.fsdecode(name)) if name else None
