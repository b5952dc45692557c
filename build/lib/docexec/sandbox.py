"""Confinement of one snippet's process, applied in the forked child just before the snippet runs.

Only mechanisms an unprivileged process can use on itself, so it works on GitHub's Ubuntu runners
(which restrict unprivileged user namespaces) as well as here:

- Landlock: nothing may be written, created, renamed or removed except beneath the snippet's own
  temp folder (reading stays open: a snippet may read the repo); no TCP bind or connect; no signal
  to a process outside the snippet's own tree (so it cannot kill the runner); no abstract unix socket.
- seccomp: no socket other than a unix socket can be created (UDP, raw, netlink …), no io_uring.
- rlimits: the memory a snippet may allocate, the size of a file it may write, no core dumps.

The environment allow-list and ending every process a snippet started are done by the worker.
``protections_off`` says what this machine cannot do, so the build can say it in one line.
"""

from __future__ import annotations

import errno
import resource
import socket
from dataclasses import dataclass
from pathlib import Path

import landlockpy
from landlockpy import AccessFS, AccessNet, Scope

FILE_SIZE_LIMIT = 64 * 1024 * 1024  # no single file may fill the disk, whatever a snippet writes
WRITES = (
    AccessFS.WRITE_FILE
    | AccessFS.REMOVE_DIR
    | AccessFS.REMOVE_FILE
    | AccessFS.MAKE_CHAR
    | AccessFS.MAKE_DIR
    | AccessFS.MAKE_REG
    | AccessFS.MAKE_SOCK
    | AccessFS.MAKE_FIFO
    | AccessFS.MAKE_BLOCK
    | AccessFS.MAKE_SYM
    | AccessFS.REFER
    | AccessFS.TRUNCATE
)
FILE_WRITES = AccessFS.WRITE_FILE | AccessFS.TRUNCATE  # the rights a rule on a single file may grant
NETWORK = AccessNet.BIND_TCP | AccessNet.CONNECT_TCP | AccessNet.BIND_UDP | AccessNet.CONNECT_SEND_UDP
WRITABLE_FILES = ("/dev/null",)  # subprocess.DEVNULL and friends


@dataclass(frozen=True)
class Protections:
    """What this kernel offers: the Landlock ABI (0 = none) and whether seccomp filters load."""

    landlock_abi: int
    seccomp: bool

    def off(self) -> list[str]:
        """Each protection this machine cannot give, as a few words for the build's one line."""
        missing = []
        if self.landlock_abi < 1:
            missing.append("read-only repo (no Landlock in this kernel)")
        if self.landlock_abi < 4:
            missing.append("TCP blocking by Landlock (needs Landlock ABI 4)")
        if self.landlock_abi < 6:
            missing.append("signal scoping (needs Landlock ABI 6: a snippet could kill the runner)")
        if not self.seccomp:
            missing.append("socket blocking (seccomp via libseccomp unavailable)")
        return missing


def _seccomp_available() -> bool:
    try:
        import pyseccomp

        pyseccomp.SyscallFilter(defaction=pyseccomp.ALLOW)  # loads libseccomp
        return True
    except (ImportError, OSError, RuntimeError):
        return False


def probe() -> Protections:
    try:
        abi = landlockpy.abi_version()
    except OSError:
        abi = 0
    return Protections(abi, _seccomp_available())


def _virtual_memory() -> int:
    """The bytes of address space this process already maps (the runner's torch and friends)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def limit_resources(*, memory: int) -> None:
    """Memory: what is mapped now plus ``memory``; writes past the file-size limit fail with EFBIG."""
    address_space = _virtual_memory() + memory
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _landlock(workdir: Path, *, network: bool) -> None:
    with landlockpy.Ruleset(
        handled_fs=WRITES,
        handled_net=AccessNet.NONE if network else NETWORK,
        scoped=Scope.SIGNAL | (Scope.NONE if network else Scope.ABSTRACT_UNIX_SOCKET),
    ) as ruleset:
        ruleset.allow_path(workdir, WRITES)
        for path in WRITABLE_FILES:
            ruleset.allow_path(path, FILE_WRITES)
        ruleset.restrict()


def _seccomp(*, network: bool) -> None:
    import pyseccomp

    refuse = pyseccomp.ERRNO(errno.EACCES)
    rules = pyseccomp.SyscallFilter(defaction=pyseccomp.ALLOW)
    if not network:
        rules.add_rule(refuse, "socket", pyseccomp.Arg(0, pyseccomp.NE, socket.AF_UNIX))
        rules.add_rule(refuse, "io_uring_setup")  # io_uring can open sockets without socket(2)
    rules.load()


def confine(workdir: Path, *, protections: Protections, memory: int, network: bool) -> None:
    """Apply everything this machine offers to the current (single-threaded, freshly forked) process."""
    limit_resources(memory=memory)
    if protections.landlock_abi >= 1:
        _landlock(workdir, network=network)
    if protections.seccomp:
        _seccomp(network=network)
