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
import json
import os
import platform
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cables.config import Edition

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
    # Kept for the error messages (refuses()), in the environment so that the worker
    # processes, which inherit the sandbox, know it too.
    granted = {"read": _existing(read), "write": _existing(write)}
    os.environ[_GRANTED] = json.dumps(granted)
    return True


#: The environment variable that holds the paths granted by the sandbox in force.
_GRANTED = "CABLES_SANDBOX_GRANTED"


def _existing(paths: list[Path]) -> list[str]:
    return [os.path.realpath(path) for path in paths if os.path.exists(path)]


def refuses(path: Path | str, *, write: bool) -> bool:
    """Whether the sandbox in force in this process keeps it from reading (or writing)
    `path`: True only when a sandbox is in force and grants no folder above it."""
    try:
        granted = json.loads(os.environ.get(_GRANTED, ""))
        allowed = granted["write"] if write else [*granted["read"], *granted["write"]]
    except (ValueError, KeyError, TypeError):
        return False  # no sandbox here
    target = Path(os.path.realpath(path))
    return not any(target.is_relative_to(folder) for folder in allowed)


def _add_rule(libc: ctypes.CDLL, ruleset: int, path: Path, rights: int) -> None:
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


#: What the runtime reads besides the project and Python: the system's libraries, fonts
#: and their configuration and caches (WeasyPrint, fontconfig), the time zone, the
#: processor count and memory limits (Saxon's native image, multiprocessing), random
#: numbers. Found by running `cables build` and `deposit` under strace: mimetypes reads
#: /etc/mime.types (a refusal there stops the PDF build); OpenSSL its configuration
#: (/usr/lib/ssl/openssl.cnf links into /etc/ssl); the C library the locale aliases
#: (a link to /etc/locale.alias) and the user database (Saxon asks for the home folder);
#: Saxon's native image the cgroup limits it sizes its heap by.
SYSTEM_READ = (
    "/usr",
    "/lib",
    "/lib64",
    "/etc/fonts",
    "/etc/ld.so.cache",
    "/etc/localtime",
    "/etc/timezone",
    "/etc/mime.types",
    "/etc/ssl",
    "/etc/locale.alias",
    "/etc/nsswitch.conf",
    "/etc/passwd",
    "/etc/group",
    "/usr/share",
    "/var/cache/fontconfig",
    "/proc",
    "/sys/devices/system/cpu",
    "/sys/fs/cgroup",
    "/sys/kernel/mm/transparent_hugepage",
    "/dev/urandom",
    "/dev/null",
)
#: Folders whose name begins so are read too: Java's configuration, which Jing
#: (`cables check --tei-all`) reads through /usr/lib/jvm/*/lib/jvm.cfg and the like.
SYSTEM_READ_PREFIXES = ("/etc/java",)

#: What the runtime writes besides the build folder and the temporary folder. /dev/shm
#: holds the POSIX semaphores of multiprocessing: without it the worker pools of check
#: and build (300 files and more) could not start under the sandbox.
SYSTEM_WRITE = ("/dev/null", "/dev/tty", "/dev/shm")


def user_fonts() -> list[Path]:
    """The fonts and font configuration of the user, which fontconfig reads (and the
    files FONTCONFIG_FILE and FONTCONFIG_PATH name): the PDFs must not change in a
    sandbox."""
    home = Path(os.path.expanduser("~"))
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache")
    paths = [data / "fonts", home / ".fonts", config / "fontconfig", cache / "fontconfig"]
    paths += [home / ".fonts.conf", home / ".fonts.conf.d"]
    if os.environ.get("FONTCONFIG_FILE"):
        paths.append(Path(os.environ["FONTCONFIG_FILE"]))
    paths += [Path(entry) for entry in os.environ.get("FONTCONFIG_PATH", "").split(":") if entry]
    return paths


def programs() -> list[Path]:
    """The folders of PATH, where the programs the commands start (Jing, Java) are; not a
    relative one (the current folder) nor the root, which would open everything."""
    entries = os.environ.get("PATH", "").split(os.pathsep)
    return [Path(entry) for entry in entries if os.path.isabs(entry) and Path(entry) != Path("/")]


def _prefixed(prefixes: tuple[str, ...]) -> list[Path]:
    found = []
    for prefix in prefixes:
        folder = Path(prefix).parent
        try:
            found += [
                folder / name for name in os.listdir(folder) if name.startswith(Path(prefix).name)
            ]
        except OSError:
            pass
    return found


def edition_paths(
    edition: Edition, extra_read: Sequence[Path] = ()
) -> tuple[list[Path], list[Path]]:
    """The paths a command on `edition` may read (with `extra_read`: what the command
    line names), and those it may write."""
    import sys
    import tempfile

    temporary = Path(tempfile.gettempdir())
    from cables.data import package_folders

    read = [
        edition.root,
        *edition.tei_dirs,
        # cables' code, stylesheets and schema: in an editable install they are apart,
        # in the repository, and not on sys.path (see data.py).
        *package_folders(),
        edition.xslt_dir,
        edition.xsd_path.parent,
        edition.schematron_path.parent,
        edition.odd_path.parent,
        Path(sys.prefix),
        Path(sys.base_prefix),
        *(Path(entry) for entry in sys.path if entry and os.path.exists(entry)),
        *(Path(path) for path in SYSTEM_READ),
        *_prefixed(SYSTEM_READ_PREFIXES),
        *user_fonts(),
        *programs(),
        temporary,
        *extra_read,
        *edition.allow_read,
    ]
    write = [
        edition.build_dir,
        temporary,
        *(Path(path) for path in SYSTEM_WRITE),
        *edition.allow_write,
    ]
    return read, write


def sandbox_edition(edition: Edition, extra_read: Sequence[Path] = ()) -> Path | None:
    """Apply the sandbox for a command on `edition` (unless [build] sandbox = false).

    The process gets a temporary folder of its own in the build folder (TMPDIR, removed
    by the caller, or as a stale staging folder after a kill), so that the stylesheets
    cannot read or write what other programs keep in the system's. Returns that folder
    while the sandbox is in force; None, with one warning when Landlock is not available.
    """
    import logging
    import tempfile

    if not edition.sandbox:
        return None
    private = None
    # The build folder must exist to be granted; the command would create it anyway.
    try:
        from cables.outputs import new_folder

        edition.build_dir.mkdir(parents=True, exist_ok=True)
        private = new_folder(edition.build_dir, "tmp")
    except OSError:
        pass  # a read-only project: check still works, without its cache
    previous = tempfile.tempdir, os.environ.get("TMPDIR")
    if private is not None:
        os.environ["TMPDIR"] = tempfile.tempdir = str(private)
    read, write = edition_paths(edition, extra_read)
    try:
        if abi_version() == 1:
            # ABI 1 forbids every move of a file into another folder (bagit's, say),
            # which deposit needs: tested by restricting to ABI 1's rights on a newer one.
            reason = "this kernel's Landlock (ABI 1, Linux 5.13 to 5.18) is too old"
        elif restrict(read, write):
            return private or Path(tempfile.gettempdir())
        else:
            reason = "this system has no Landlock (Linux 5.13 or later, with Landlock enabled)"
    except OSError as error:
        reason = f"Landlock could not be applied ({error.strerror})"
    # No sandbox: the system's temporary folder as before.
    tempfile.tempdir = previous[0]
    if previous[1] is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = previous[1]
    if private is not None:
        private.rmdir()
    logging.getLogger("cables").warning(f"the stylesheets run without a sandbox: {reason}")
    return None
