"""The Linux calls a forked hand-in needs to wall itself off, through ctypes (Python 3.11 has no os.unshare).

Used only in the warm template's forks (``zygote``): a fresh user, mount, pid, ipc, network and
hostname namespace per hand-in, its own read-only /proc, its own size-capped tmpfs folders, and then no
capability left, no way to regain one (an empty bounding set, ``no_new_privs``, root's exec privileges
switched off) and no way to make another namespace (``seccomp``).
"""
from __future__ import annotations

import ctypes
import os

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
HANDIN_NAMESPACES = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUTS
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MS_NOATIME, MS_NODIRATIME, MS_RELATIME, MS_STRICTATIME = 1024, 2048, 1 << 21, 1 << 24
ST_RELATIME = 4096  # statvfs's name for relatime (the other flags share the mount flags' values)
PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_SECUREBITS, PR_SET_NO_NEW_PRIVS = 4, 24, 28, 38
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
# SECBIT_NOROOT, SECBIT_NO_SETUID_FIXUP, SECBIT_KEEP_CAPS_LOCKED... and every lock bit: exec as uid 0 grants nothing
SECURE_ALL = 0x2F
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
TEMPLATE_PROC = "/.proc"  # the warm template's read-only /proc, from which each fork's own is mounted

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def unshare(flags: int) -> None:
    _check(_libc.unshare(ctypes.c_int(flags)), "unshare")


def enter_namespaces(flags: int) -> None:
    """Unshare ``flags`` (a fresh user namespace among them) and keep the uid and gid of outside (as bubblewrap
    maps them), without supplementary groups."""
    uid, gid = os.geteuid(), os.getegid()  # read before: inside, they are unmapped until the maps are written
    unshare(flags)
    with open("/proc/self/setgroups", "w") as fh:
        fh.write("deny")
    with open("/proc/self/uid_map", "w") as fh:
        fh.write(f"{uid} {uid} 1")
    with open("/proc/self/gid_map", "w") as fh:
        fh.write(f"{gid} {gid} 1")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = lambda s: None if s is None else s.encode()  # noqa: E731
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)),
           f"mount {target}")


def make_private() -> None:
    """No mount of this namespace propagates back to the template's."""
    mount(None, "/", None, MS_REC | MS_PRIVATE)


def tmpfs(target: str, size_bytes: int, read_only: bool = False) -> None:
    flags = MS_NOSUID | MS_NODEV | (MS_RDONLY if read_only else 0)
    mount("tmpfs", target, "tmpfs", flags, f"size={max(4096, size_bytes)},mode=0755")


def bind_read_only(source: str, target: str) -> None:
    mount(source, target, None, MS_BIND | MS_REC)
    remount_read_only(target)


def remount_read_only(target: str) -> None:
    """Read-only, keeping the mount's other flags (a flag locked by the outer namespace cannot be cleared)."""
    mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | _kept_flags(target))


def _kept_flags(target: str) -> int:
    have = os.statvfs(target).f_flag
    flags = have & (MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME)
    if have & ST_RELATIME:
        flags |= MS_RELATIME
    elif not have & MS_NOATIME:
        flags |= MS_STRICTATIME
    return flags


def own_proc() -> None:
    """A read-only /proc of this process's pid namespace over the template's: the hand-in sees its own processes
    only (not the template, its warden or the next hand-in's pair) and can write nothing there (no OOM score,
    no autogroup nice, no sysctl). Then the template's spare /proc, the kernel's proof that a /proc may be
    mounted here, is covered. Called by pid 1 of the new pid namespace, which still holds its capabilities."""
    mount("proc", "/proc", "proc", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
    tmpfs(TEMPLATE_PROC, 4096, read_only=True)


def not_dumpable() -> None:
    """Nobody without CAP_SYS_PTRACE in the template's namespace may read or write this process's memory
    (``/proc/PID/mem``, ``ptrace``): the template and its forks are off limits to every hand-in."""
    _check(_libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "PR_SET_DUMPABLE")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def drop_privileges() -> None:
    """No capability now or after any exec: bounding and ambient sets emptied, root's exec fix-ups off,
    then the effective, permitted and inheritable sets zeroed, and ``no_new_privs``."""
    _libc.prctl(PR_SET_SECUREBITS, SECURE_ALL, 0, 0, 0)  # may fail where SECBIT locks are already set
    _libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    cap = 0
    while _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0:
        cap += 1
    if cap == 0 or ctypes.get_errno() != 22:  # EINVAL: past the last capability this kernel knows
        raise OSError(ctypes.get_errno(), "could not empty the capability bounding set")
    header, data = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0), (_CapData * 2)()
    _check(_libc.capset(ctypes.byref(header), data), "capset")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "PR_SET_NO_NEW_PRIVS")


def capabilities() -> dict[str, int]:
    """This process's capability sets and ``NoNewPrivs`` as /proc reports them (for tests and checks)."""
    out = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
                out[key] = int(value.strip(), 16)
            elif key == "NoNewPrivs":
                out[key] = int(value.strip())
    return out
