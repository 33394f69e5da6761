"""Long commands run in a child process, so that Ctrl-C and SIGTERM stop them at once.

Python handles a signal only between two of its own steps: during a stylesheet run in
Saxon or a layout in WeasyPrint, which are native code and may last minutes, Ctrl-C
waited for the run to return. `cables check`, `build` and `deposit` therefore run in a
forked child, in a process group of its own (with its worker processes), while this
process only waits. On Ctrl-C or SIGTERM it asks the group to stop (SIGTERM: the child
removes its staging folders as it unwinds), kills it if it has not stopped within half
a second, and removes what a killed child left in build/.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from cables.errors import CablesError, internal_error
from cables.outputs import COMMAND_PID, remove_stale_staging, terminate_as_interrupt

#: Seconds a child is given to unwind after SIGTERM before it is killed.
GRACE_SECONDS = 0.5
EXIT_INTERRUPTED = 130


def run_supervised(
    work: Callable[[], int],
    build_dir: Callable[[], Path | None],
    prepare: Callable[[], Callable[[], object] | None] | None = None,
) -> int:
    """Run `work()` in a child and return its exit status; `build_dir()` names the folder
    to clean after an interrupted child (None when it cannot be known). `prepare()` runs
    in the child just before `work()` (the sandbox: it binds the child alone), and what
    it returns, when callable, in the child after `work()`."""
    if not hasattr(os, "fork"):
        return work()
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:  # the child: do the work, never return into the caller's stack
        _run_child(work, prepare)
    try:
        os.setpgid(child, child)  # also here, so that no signal finds it in our group
    except OSError:
        pass  # it has already done so, or already ended
    return _wait_for(child, build_dir)


def _run_child(
    work: Callable[[], int], prepare: Callable[[], Callable[[], object] | None] | None
) -> NoReturn:
    status = 1
    done = None
    try:
        os.setpgid(0, 0)
        os.environ[COMMAND_PID] = str(os.getppid())  # named by "another command is writing"
        if prepare is not None:
            done = prepare()
        status = work()
    except CablesError as error:  # from prepare(): work() reports its own
        print(f"cables: {error}", file=sys.stderr)
        status = error.exit_status
    except OSError as error:
        print(f"cables: cannot prepare the command: {error}", file=sys.stderr)
        status = 2
    except Exception as error:  # noqa: BLE001 - a bug: said, not swallowed by _exit
        print(internal_error(error), file=sys.stderr)
        status = 2
    finally:
        if callable(done):
            done()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _wait_for(child: int, build_dir: Callable[[], Path | None]) -> int:
    """The child's exit status; on Ctrl-C or SIGTERM, stop its group and clean up."""
    with terminate_as_interrupt():
        try:
            _, status = os.waitpid(child, 0)
        except KeyboardInterrupt:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second kill changes nothing now
            stop_group(child)
            _clean(build_dir)
            print("cables: interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED
    code = os.waitstatus_to_exitcode(status)
    if code < 0:  # killed by a signal from outside (the out-of-memory killer, say)
        _clean(build_dir)
        print(f"cables: the command was killed (signal {-code})", file=sys.stderr)
        return 2
    return code


def stop_group(child: int) -> None:
    """SIGTERM to the child's group, SIGKILL after the grace period; then reap it."""
    _signal_group(child, signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    while time.monotonic() < deadline:
        try:
            done, _ = os.waitpid(child, os.WNOHANG)
        except ChildProcessError:
            done = child
        if done:
            break
        time.sleep(0.02)
    # Its worker processes may outlive it: the whole group goes.
    _signal_group(child, signal.SIGKILL)
    try:
        os.waitpid(child, 0)
    except ChildProcessError:
        pass


def _signal_group(group: int, number: int) -> None:
    try:
        os.killpg(group, number)
    except (ProcessLookupError, PermissionError):
        pass


def _clean(build_dir: Callable[[], Path | None]) -> None:
    try:
        folder = build_dir()
    except Exception:  # noqa: BLE001 - a configuration the child could not load either
        return
    if folder is not None:
        remove_stale_staging(folder)  # the owners are dead now: their folders are stale
