"""Isolation with Linux namespaces (bubblewrap): a whitelist, not a blacklist.

Inside, the child sees only what it needs, read-only: the interpreter and its packages, the
grader's child code (the ``grader`` package alone, not the project around it), the shared
training arrays and this run's inbox (its code, the test images, the cache's answer); a
minimal /dev and /proc; and, writable, its own folder: a tmpfs capped at ``disk_bytes``.
No network, no home folders, no /etc, no other copy of any dataset, no other hand-in.

Isolation is the default: where bubblewrap is missing or cannot create namespaces the
grader refuses to run student code (``IsolationUnavailable``), unless the caller allows an
unisolated run, which every report then names.
"""
from __future__ import annotations

import functools
import glob
import shutil
import site
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from grader.data import shared_arrays_folder
from grader.errors import GraderError
from grader.sandbox.namespaces import TEMPLATE_PROC

if TYPE_CHECKING:
    from grader.sandbox.runner import ChildJob

FULL = "full (bubblewrap: no network; only Python, its packages, the grader's child code and the training " \
       "images visible, read-only; a size-capped private folder)"
UNISOLATED = "NONE (--allow-unisolated: student code ran with limits only, without namespaces)"
GRADER_MOUNT = Path("/opt/grader")  # where the child sees the grader package (and nothing beside it)
INSTALL_TIP = ("install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap) on "
               "a kernel that allows unprivileged user namespaces, or pass --allow-unisolated to run student code "
               "with limits only (every report then says so)")


class IsolationUnavailable(GraderError):
    """Student code would run without namespaces; the grader refuses unless told otherwise."""

    tip = INSTALL_TIP


def grader_package() -> Path:
    return Path(__file__).resolve().parents[1]


def _system_args() -> list[str]:
    """The interpreter, its libraries and packages, read-only; the rest of the root stays invisible."""
    args = ["--unshare-all", "--die-with-parent", "--dev", "/dev", "--proc", "/proc"]
    # The kernel's knobs stay read-only: where the grader runs as root, the sandbox's uid 0 is the host's,
    # and writing a sysctl is a uid test, not a capability one.
    args += ["--ro-bind-try", "/proc/sys", "/proc/sys", "--ro-bind-try", "/proc/sysrq-trigger", "/proc/sysrq-trigger"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/usr"):
        path = Path(top)
        if path.is_symlink():
            args += ["--symlink", str(path.readlink()), top]
        elif path.is_dir():
            args += ["--ro-bind", top, top]
    for extra in ("/etc/ld.so.cache",):
        if Path(extra).exists():
            args += ["--ro-bind", extra, extra]
    roots = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, *site.getsitepackages())}
    for path in _outermost(p for p in roots if p.exists() and not _contains(Path("/usr"), p)):
        args += ["--ro-bind", str(path), str(path)]
    return args


@functools.lru_cache(maxsize=1)
def bubblewrap() -> str | None:
    """The bwrap binary, if it is installed and can run Python in the sandbox this module builds."""
    path = shutil.which("bwrap")
    if not path:
        return None
    try:
        ok = subprocess.run([path, *_system_args(), "--size", str(2**20), "--tmpfs", "/w", "--chdir", "/w",
                             sys.executable, "-c", "pass"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return path if ok else None


def isolate(cmd: list[str], work: Path, inbox: Path, job: ChildJob,
            hidden: Sequence[Path] = ()) -> tuple[list[str], str, dict[str, str]]:
    """``cmd`` wrapped in bubblewrap, a sentence saying how it is isolated, and the environment it needs.

    Raises ``IsolationUnavailable`` where namespaces cannot be made and the job does not allow that.
    """
    bwrap = bubblewrap()
    if bwrap is None:
        if not job.allow_unisolated:
            raise IsolationUnavailable("student code runs only in a sandbox, and bubblewrap cannot create one here")
        env = {"PYTHONPATH": str(grader_package().parent), "HOME": str(work), "TMPDIR": str(work)}
        return cmd, UNISOLATED, env
    args = [*_shared_args(bwrap, job.device, hidden), "--ro-bind", str(inbox), str(inbox)]
    # No user namespace inside: one would give the hand-in capabilities over fresh mounts (a cgroup hierarchy
    # whose limit files it could rewrite).
    # Nor any capability in its own: where the grader runs as root, bubblewrap keeps them all by default, and
    # CAP_SYS_ADMIN there would make a mount namespace and an uncapped tmpfs (the folder's cap gone).
    args += ["--unshare-user", "--disable-userns", "--cap-drop", "ALL"]
    args += ["--size", str(job.limits.disk_bytes), "--tmpfs", str(work),
             "--ro-bind", str(inbox / "request.json"), str(work / "request.json"),
             # Its only writable places are its folder and a /dev/shm of the same cap; bubblewrap's root and /dev
             # are tmpfs without a size (half the machine's memory), made read-only here, after every mount.
             "--size", str(job.limits.disk_bytes), "--tmpfs", "/dev/shm", "--remount-ro", "/dev",
             "--remount-ro", "/", "--chdir", str(work), "--"]
    env = {"PYTHONPATH": str(GRADER_MOUNT), "HOME": str(work), "TMPDIR": str(work)}
    return args + cmd, FULL, env


def _shared_args(bwrap: str, device: str, hidden: Sequence[Path]) -> list[str]:
    """Everything but the hand-in's own folders: the system, the grader's child code, the training arrays."""
    args = [bwrap, *_system_args()]
    if device.startswith("cuda"):
        for dev in sorted(glob.glob("/dev/nvidia*")):
            args += ["--dev-bind", dev, dev]
        args += ["--ro-bind", "/sys", "/sys"]
    args += ["--ro-bind", str(grader_package()), str(GRADER_MOUNT / "grader")]
    arrays = shared_arrays_folder().resolve()
    args += ["--ro-bind", str(arrays), str(arrays)]
    for path in hidden_overlays(hidden):
        args += ["--tmpfs", str(path)]
    return args


def hidden_overlays(hidden: Sequence[Path]) -> tuple[Path, ...]:
    """The hidden folders that lie inside a visible one (the others are not there to hide)."""
    arrays = shared_arrays_folder().resolve()
    return tuple(path for path in sorted({p.resolve() for p in hidden if p.exists()})
                 if path.is_dir() and any(_contains(Path(b), path) for b in (sys.prefix, arrays)))


def template_command(cmd: list[str], spool: Path, device: str,
                     hidden: Sequence[Path]) -> tuple[list[str], dict[str, str]]:
    """The warm template's sandbox (see ``zygote``): the cold child's walls, with the spool of inboxes
    (read-only) in place of one hand-in's folders, a read-only copy of the machine's /proc (from which each
    fork mounts its own, then covers it), and the root made read-only."""
    bwrap = bubblewrap()
    if bwrap is None:
        raise IsolationUnavailable("the warm template runs only in a sandbox")
    # Not --die-with-parent: that follows the thread that started the template, which may end before the batch.
    # The template ends when its socket does (the grader closed it, or died), and each fork's warden likewise.
    shared = [a for a in _shared_args(bwrap, device, hidden) if a != "--die-with-parent"]
    args = [*shared, "--size", str(2**20), "--tmpfs", "/tmp",  # the template's own, read-only for its forks
            "--ro-bind", str(spool), str(spool),
            # The machine's /proc, read-only: the kernel lets a fork mount a /proc of its own pid namespace only
            # where one is fully visible (bubblewrap's /proc has sys, irq and bus covered), and only read-only
            # where that one is. Each fork covers it before any student code runs (zygote).
            "--ro-bind", "/proc", TEMPLATE_PROC,
            "--remount-ro", "/", "--chdir", "/", "--"]
    return args + cmd, {"PYTHONPATH": str(GRADER_MOUNT), "HOME": "/tmp", "TMPDIR": "/tmp"}


def _outermost(paths: object) -> list[Path]:
    found = sorted(set(paths))  # type: ignore[call-overload]
    return [p for p in found if not any(q != p and _contains(q, p) for q in found)]


def _contains(folder: Path, inner: Path) -> bool:
    try:
        inner.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False
