"""Isolation with Linux namespaces (bubblewrap) where the machine allows it.

Inside: no network (a new network namespace with only loopback), the whole file
system read-only, a private /tmp, the child's working copy writable, and the
grader's sensitive folders (the dataset with the test labels, the reports, the
reference solution, the other hand-ins) replaced by empty folders. Where bubblewrap
is missing or cannot create namespaces, the child runs with the limits only, and the
report says the isolation was partial.
"""
from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Sequence

from grader.data import shared_arrays_folder

FULL = "full (bubblewrap: no network, read-only file system, data and reports hidden)"
PARTIAL = "partial (limits only: bubblewrap is not available here)"


@functools.lru_cache(maxsize=1)
def bubblewrap() -> str | None:
    """The bwrap binary, if it is installed and can create namespaces on this machine."""
    path = shutil.which("bwrap")
    if not path:
        return None
    try:
        ok = subprocess.run([path, "--ro-bind", "/", "/", "--dev", "/dev", "--unshare-net", "--unshare-pid",
                             "true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return path if ok else None


def isolate(cmd: list[str], workdir: Path, hidden: Sequence[Path]) -> tuple[list[str], str]:
    """``cmd`` wrapped in bubblewrap (or unchanged), and a sentence saying which."""
    bwrap = bubblewrap()
    if bwrap is None:
        return cmd, PARTIAL
    args = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
            "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent"]
    for path in _needed_under_tmp():  # the private /tmp must not hide Python, its packages or the grader
        args += ["--ro-bind", str(path), str(path)]
    for path in sorted({p.resolve() for p in hidden if p.exists()}):
        if path.is_dir() and not _contains(path, workdir):
            args += ["--tmpfs", str(path)]
        elif path.is_file():
            args += ["--ro-bind", "/dev/null", str(path)]
    args += ["--bind", str(workdir), str(workdir), "--chdir", str(workdir), "--"]
    return args + cmd, FULL


def _needed_under_tmp() -> list[Path]:
    """Folders the child needs (interpreter, packages, the grader, the shared training files) that live
    under /tmp, outermost only."""
    tmp = Path("/tmp").resolve()
    grader_root = Path(__file__).resolve().parents[2]
    candidates = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, grader_root, shared_arrays_folder(),
                                              *sys.path) if p}
    under = sorted(p for p in candidates if p != tmp and _contains(tmp, p) and p.exists())
    return [p for p in under if not any(q != p and _contains(q, p) for q in under)]


def _contains(folder: Path, inner: Path) -> bool:
    try:
        inner.resolve().relative_to(folder)
        return True
    except ValueError:
        return False
