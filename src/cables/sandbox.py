"""A Linux Landlock sandbox for the process that runs `check`, `build` and `deposit`.

The stylesheets of an edition are code an editor may change: Saxon lets them read any
file (`unparsed-text()`, `doc()`) and write anywhere (`xsl:result-document`). Landlock,
a Linux security module any process may use on itself (kernel 5.13 and later), limits
what the process and every process it starts can open, from then on, to the folders it
names: reading to the project and what the runtime needs, writing to the build folder.
It cannot be undone by the process, which is why it is applied in the child that does
the work (supervise.py), never in the command that waits for it.

Only the access rights the running kernel's Landlock knows (its ABI version) are
restricted; where there is no Landlock, `restrict` does nothing and says so.
"""

from __future__ import annotations

import ctypes
import os
import platform
import stat
from pathlib import Path

#: The system call numbers, the same on x86_64 and aarch64 (the generic table).
_SYSCALLS = {"create_ruleset": 444, "add_rule": 445, "restrict_self": 446}
_MACHINES = ("x86_64", "amd64", "aarch64", "arm64")

_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

# Filesystem access rights (include/uapi/linux/landlock.h).
EXECUTE = 1 << 0
WRITE_FILE = 1 << 1
READ_FILE = 1 << 2
READ_DIR = 1 << 3
REFER = 1 << 13  # ABI 2
TRUNCATE = 1 << 14  # ABI 3
IOCTL_DEV = 1 << 15  # ABI 5

#: The rights that make sense on a file (not a folder): the kernel refuses the others.
_FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV
#: What a path to read is granted.
READ_RIGHTS = EXECUTE | READ_FILE | READ_DIR


def fs_rights(abi: int) -> int:
    """Every filesystem right that Landlock ABI `abi` handles."""
    rights = (1 << 13) - 1  # ABI 1: bits 0 to 12
    if abi >= 2:
        rights |= REFER
    if abi >= 3:
        rights |= TRUNCATE
    if abi >= 5:
        rights |= IOCTL_DEV
    return rights


class _RulesetAttr(ctypes.Structure):
    # Only the first member, which every ABI knows: network rules are not used.
    _fields_ = [("handled_access_fs", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    return libc


def abi_version() -> int:
    """The Landlock ABI the kernel offers; 0 when there is none (or not on this machine)."""
    if platform.system() != "Linux" or platform.machine().lower() not in _MACHINES:
        return 0
    try:
        libc = _libc()
    except OSError:
        return 0
    version = libc.syscall(
        ctypes.c_long(_SYSCALLS["create_ruleset"]),
        None,
        ctypes.c_size_t(0),
        ctypes.c_uint32(_CREATE_RULESET_VERSION),
    )
    return max(int(version), 0)


def restrict(read: list[Path], write: list[Path]) -> bool:
    """Limit this process (and its future children) to reading `read` and writing `write`
    (with their contents); paths that do not exist are skipped. False, with nothing done,
    when Landlock is not available; OSError when it is but could not be applied."""
    abi = abi_version()
    if abi < 1:
        return False
    libc = _libc()
    handled = fs_rights(abi)
    attr = _RulesetAttr(handled_access_fs=handled)
    ruleset = libc.syscall(
        ctypes.c_long(_SYSCALLS["create_ruleset"]),
        ctypes.byref(attr),
        ctypes.c_size_t(ctypes.sizeof(attr)),
        ctypes.c_uint32(0),
    )
    if ruleset < 0:
        _raise("landlock_create_ruleset")
    try:
        for paths, rights in ((read, READ_RIGHTS), (write, handled)):
            for path in paths:
                _add_rule(libc, int(ruleset), Path(path), rights & handled)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            _raise("prctl(PR_SET_NO_NEW_PRIVS)")
        done = libc.syscall(
            ctypes.c_long(_SYSCALLS["restrict_self"]), ctypes.c_int(ruleset), ctypes.c_uint32(0)
        )
        if done != 0:
            _raise("landlock_restrict_self")
    finally:
        os.close(ruleset)
    return True


def _add_rule(libc, ruleset: int, path: Path, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # not there (or not reachable): nothing to grant
    try:
        if not stat.S_ISDIR(os.fstat(fd).st_mode):
            rights &= _FILE_RIGHTS
        rule = _PathBeneathAttr(allowed_access=rights, parent_fd=fd)
        if libc.syscall(
            ctypes.c_long(_SYSCALLS["add_rule"]),
            ctypes.c_int(ruleset),
            ctypes.c_int(_RULE_PATH_BENEATH),
            ctypes.byref(rule),
            ctypes.c_uint32(0),
        ):
            _raise(f"landlock_add_rule({path})")
    finally:
        os.close(fd)


def _raise(call: str) -> None:
    number = ctypes.get_errno()
    raise OSError(number, f"{call}: {os.strerror(number)}")
