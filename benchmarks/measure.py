"""Run one command and measure it: wall time, exit status and peak memory.

CPU time is the command's own (user and system, workers included); the CPU time the rest
of the machine used meanwhile is reported too, since a busy machine slows a benchmark down.
Peak memory comes two ways. The kernel reports, through wait4, the largest resident set of
any single process of the command's tree (the command itself or a worker it waited for);
a sampler adds up the resident sets of the whole live tree every few tenths of a second,
which is what the machine must hold at once when workers run side by side.

The command runs under a small wrapper process (this file run as a script), because a
process inherits its parent's peak resident set when it starts: started by the benchmark,
which holds a whole corpus in memory now and then, every command would seem as large.
The wrapper also takes the time, so its own start-up is not counted.

    python benchmarks/measure.py RESULT_FILE -- COMMAND...
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Measurement:
    wall_seconds: float
    exit_status: int | None  # None when the command was stopped at the time limit
    cpu_seconds: float  # user + system time of the command and the workers it waited for
    others_cpu_seconds: float  # CPU time the rest of the machine used meanwhile (to 10 ms)
    largest_process_bytes: int
    process_tree_bytes: int  # sampled; never less than the largest process
    #: Sampled too: the summed proportional set size (PSS) of the process tree, in which a
    #: page shared by k processes counts 1/k in each: what the machine must hold.
    process_tree_pss_bytes: int = 0

    @property
    def succeeded(self) -> bool:
        return self.exit_status == 0


def measure(
    command: list[str],
    cwd: Path,
    log: Path,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
    sample_interval: float = 0.2,
) -> Measurement:
    """Run `command` in `cwd`, its output into `log`, and measure it."""
    log.parent.mkdir(parents=True, exist_ok=True)
    result_file = log.with_name(log.name + ".measured")
    result_file.unlink(missing_ok=True)
    wrapper = [sys.executable, "-I", "-S", str(Path(__file__).resolve()), str(result_file), "--"]
    with log.open("wb") as output:
        machine_busy_before = _machine_busy_seconds()
        own_cpu_before = time.process_time()  # this process samples memory meanwhile
        started = time.perf_counter()
        process = subprocess.Popen(
            [*wrapper, *command],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a time-out stops its workers too
        )
        sampler = _TreeSampler(process.pid, sample_interval)
        sampler.start()
        timed_out = threading.Event()

        def stop_at_time_limit() -> None:
            timed_out.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, stop_at_time_limit) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)  # the wrapper, the command and its workers
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        wall = time.perf_counter() - started
        if timer:
            timer.cancel()
        sampler.stop()
        measuring_cpu = usage.ru_utime + usage.ru_stime + time.process_time() - own_cpu_before
        machine_busy = _machine_busy_seconds() - machine_busy_before
    others = max(0.0, machine_busy - measuring_cpu)
    peak = sampler.peak_bytes
    if timed_out.is_set() or not result_file.is_file():
        # Stopped, or the wrapper itself failed: what the benchmark saw is all there is.
        status = None if timed_out.is_set() else process.returncode or 1
        return Measurement(wall, status, 0.0, others, peak, peak, sampler.peak_pss_bytes)
    wall_text, cpu_text, largest_kilobytes, exit_status = result_file.read_text().split()
    largest = int(largest_kilobytes) * 1024
    return Measurement(
        wall_seconds=float(wall_text),
        exit_status=int(exit_status),
        cpu_seconds=float(cpu_text),
        others_cpu_seconds=others,
        largest_process_bytes=largest,
        process_tree_bytes=max(largest, peak),
        process_tree_pss_bytes=sampler.peak_pss_bytes,
    )


def _machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since it started, from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle and waiting for I/O
    guest = sum(fields[8:10])  # already counted in user and nice
    return (sum(fields) - idle - guest) / os.sysconf("SC_CLK_TCK")


class _TreeSampler(threading.Thread):
    """Samples the summed resident set of the descendants of a process (the wrapper)."""

    def __init__(self, root: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.peak_bytes = 0
        self.peak_pss_bytes = 0
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(self.interval):
            resident, proportional = _tree_resident_bytes(self.root)
            self.peak_bytes = max(self.peak_bytes, resident)
            self.peak_pss_bytes = max(self.peak_pss_bytes, proportional)

    def stop(self) -> None:
        self._stopped.set()
        self.join()


def _tree_resident_bytes(root: int) -> tuple[int, int]:
    """The summed resident set and proportional set size of the descendants of `root`."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                # The command name may hold spaces and brackets: the fields follow the last ")".
                parent = int(stat.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    total = proportional = 0
    pending = list(children.get(root, ()))
    while pending:
        pid = pending.pop()
        pending.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * PAGE_SIZE
            with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
                found = re.search(rb"^Pss:\s+(\d+) kB", rollup.read(), re.M)
            proportional += int(found.group(1)) * 1024 if found else 0
        except (OSError, IndexError, ValueError):
            continue  # the process ended between the reads
    return total, proportional


def run_and_report(result_file: str, command: list[str]) -> int:
    """In the wrapper: run the command, write its times, memory and status; return the status."""
    started = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)  # usage covers the command and the workers it waited for
    wall = time.perf_counter() - started
    exit_status = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    with open(result_file, "w") as result:
        result.write(f"{wall:.6f} {cpu:.3f} {usage.ru_maxrss} {exit_status}\n")  # maxrss in kB
    return exit_status if exit_status >= 0 else 128 - exit_status


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: measure.py RESULT_FILE -- COMMAND...")
    sys.exit(run_and_report(sys.argv[1], sys.argv[3:]))
