"""A seccomp filter for a warm-forked hand-in: no new namespace, no mount, no kernel keyring.

The cold child gets bubblewrap's ``--disable-userns``; a warm fork has no bubblewrap of its own, so the
kernel refuses these calls to it instead (and to everything it starts: a filter is inherited and cannot be
removed). Without a nested user namespace a capless process cannot make any other namespace or mount
anything, so the walls it inherits stay as they are: no cgroup hierarchy of its own to lift its limits,
no fresh /proc, no mount to uncover. The keyring calls go too: kernel keyrings are per user, not per
hand-in. The program is classic BPF, built here (no library needed), for x86-64 and aarch64; a machine
of another kind has no filter, so the template refuses to start there and hand-ins start cold.
"""
from __future__ import annotations

import ctypes
import errno
import os
import platform
import struct

# seccomp_data: nr (u32), arch (u32), instruction_pointer (u64), args[6] (u64, the low half first)
_NR, _ARCH, _ARG0 = 0, 4, 16
_LD_W_ABS, _JEQ_K, _JGE_K, _JSET_K, _RET_K = 0x20, 0x15, 0x35, 0x45, 0x06
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
X32_BIT = 0x40000000
# Every CLONE_NEW* flag clone(2) takes: cgroup, uts, ipc, user, pid, net, mount (CLONE_NEWTIME is unshare-only).
NEW_NAMESPACE_FLAGS = 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000 | 0x00020000
# The new mount API's numbers are shared by every architecture.
_MOUNT_API = {"open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
              "mount_setattr": 442, "open_tree_attr": 467}
_ARCHES = {
    "x86_64": (0xC000003E, {"unshare": 272, "setns": 308, "mount": 165, "umount2": 166, "pivot_root": 155,
                            "add_key": 248, "request_key": 249, "keyctl": 250}, 56),
    "aarch64": (0xC00000B7, {"unshare": 97, "setns": 268, "mount": 40, "umount2": 39, "pivot_root": 41,
                             "add_key": 217, "request_key": 218, "keyctl": 219}, 220),
}
CLONE3 = 435  # refused with ENOSYS: its flags are in memory a filter cannot read; the C library falls back to clone


class Unsupported(OSError):
    """No filter for this machine's architecture."""


def _op(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def program(machine: str | None = None) -> bytes:
    """The filter's instructions for ``machine`` (this one by default)."""
    machine = machine or platform.machine()
    if machine not in _ARCHES:
        raise Unsupported(f"no seccomp filter for {machine}")
    arch, calls, clone = _ARCHES[machine]
    refuse = _op(_RET_K, _ERRNO | errno.EPERM)
    ops = [_op(_LD_W_ABS, _ARCH), _op(_JEQ_K, arch, jt=1), refuse, _op(_LD_W_ABS, _NR)]  # a foreign ABI: nothing
    if machine == "x86_64":
        ops += [_op(_JGE_K, X32_BIT, jf=1), refuse]  # the x32 ABI's numbers
    for nr in sorted({*calls.values(), *_MOUNT_API.values()}):
        ops += [_op(_JEQ_K, nr, jf=1), refuse]
    ops += [_op(_JEQ_K, CLONE3, jf=1), _op(_RET_K, _ERRNO | errno.ENOSYS)]
    ops += [_op(_JEQ_K, clone, jf=4), _op(_LD_W_ABS, _ARG0), _op(_JSET_K, NEW_NAMESPACE_FLAGS, jf=1), refuse]
    ops += [_op(_RET_K, _ALLOW), _op(_RET_K, _ALLOW)]
    return b"".join(ops)


class _Filter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


def install(code: bytes) -> None:
    """Apply the filter to this process (one thread: a warm fork has no other) and all it starts.
    Needs ``no_new_privs`` (or a capability), as the kernel requires."""
    count = len(code) // ctypes.sizeof(_Filter)
    ops = (_Filter * count).from_buffer_copy(code)
    prog = _Program(count, ops)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"seccomp: {os.strerror(err)}")
