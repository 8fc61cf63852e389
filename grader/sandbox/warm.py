"""The parent's side of the warm template: start it once, hand it one hand-in at a time, watch each fork.

A template (``zygote``) is kept per sandbox shape (device, threads, hidden folders inside visible ones)
until the batch that started it ends (``session``) or this process exits. Each hand-in's inbox is a folder
of the template's spool (``spool_folder``); the request carries the fork's stdout (the captured log),
its events pipe, a lifeline the warden watches and a socket on which the fork proves its pid. If the
template is gone or answers wrongly before the student's process has started, ``TemplateFailed`` says
so and the runner starts that hand-in cold; a template that failed once is closed, never reused.
"""
from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from grader.data import shared_arrays_folder
from grader.sandbox.isolation import hidden_overlays, template_command
from grader.sandbox.limits import Limits

START_TIMEOUT_S = 180.0  # importing torch in the template, on a loaded machine
LAUNCH_TIMEOUT_S = 20.0  # from the request to the fork's proof of pid
TEARDOWN_WAIT_S = 2.0  # for a killed fork's exit status; every process of its namespace is dead or dying
# "warm" (the default: forked from the template) or "cold" (a fresh interpreter per hand-in: the fallback when a
# template fails, and the benchmark's baseline).
MODE_ENV = "GRADER_CHILD_START"


class TemplateFailed(RuntimeError):
    """The template could not start this hand-in: nothing of the hand-in ran, so it may start cold."""


def enabled() -> bool:
    return os.environ.get(MODE_ENV, "warm").strip().lower() != "cold"


@dataclass(frozen=True)
class Shape:
    """What the template's sandbox depends on: hand-ins of one shape share a template."""

    device: str
    threads: int
    overlays: tuple[Path, ...]
    arrays: Path  # the shared training arrays the template binds (the grader's cache may move between runs)


class WarmChild:
    """One hand-in's process, forked by the template; the parent's handle on it (like ``Popen``)."""

    def __init__(self, ctl: socket.socket, hello: socket.socket, pid: int) -> None:
        self.ctl, self.hello, self.pid = ctl, hello, pid
        self.returncode: int | None = None
        self._ended = False

    def wait(self, timeout: float | None = None) -> int | None:
        """The exit code the warden reports (None: the warden itself died); ``TimeoutExpired`` if still running."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._ended:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([self.ctl], [], [], left)[0]:
                raise subprocess.TimeoutExpired("warm child", timeout or 0)
            self._read_status()
        return self.returncode

    def _read_status(self) -> None:
        try:
            data = self.ctl.recv(64)
        except OSError:
            data = b""
        self._ended = True
        if data.startswith(b"X "):
            with contextlib.suppress(ValueError):
                self.returncode = int(data[2:].split()[0])

    def go(self) -> None:
        """Let the fork run the child's code (after the parent has put it in its cgroup)."""
        with contextlib.suppress(OSError):
            self.hello.send(b"go")
        self.hello.close()

    def kill(self) -> None:
        """Kill the fork and so its whole pid namespace (the warden does it too when told or left)."""
        with contextlib.suppress(OSError):
            self.ctl.send(b"K")
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)

    def close(self) -> None:
        self.hello.close()
        self.ctl.close()


class Template:
    """One running template and its spool of inboxes."""

    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.spool = Path(tempfile.mkdtemp(prefix="grader-spool-"))
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        cmd = [sys.executable, "-m", "grader.sandbox.zygote", str(theirs.fileno()), str(self.spool)]
        args, env = template_command(cmd, self.spool, shape.device, shape.overlays)
        from grader.sandbox.runner import template_env

        self.log = open(self.spool.parent / f"{self.spool.name}.log", "w+b")
        self.proc = subprocess.Popen(args, env=template_env(env, shape.threads), stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT, pass_fds=(theirs.fileno(),),
                                     start_new_session=True)
        theirs.close()
        self.sock = ours
        self.lock = threading.Lock()
        if not select.select([ours], [], [], START_TIMEOUT_S)[0] or ours.recv(16) != b"ready":
            why = self.log_tail()
            self.close()
            raise TemplateFailed(f"the warm template did not start: {why}")

    def spool_folder(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="handin-", dir=self.spool))

    def launch(self, root: Path, request: str, nonce: str, limits: Limits, log: int, events: int) -> WarmChild:
        """Fork this hand-in's process; returns once it has proved its pid (before any student code)."""
        ctl, ctl_theirs = socket.socketpair()
        hello, hello_theirs = socket.socketpair()
        hello.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        message = json.dumps({"root": str(root), "request": request, "nonce": nonce, "limits": asdict(limits),
                              "disk_bytes": limits.disk_bytes}).encode()
        try:
            with self.lock:
                socket.send_fds(self.sock, [message], [ctl_theirs.fileno(), hello_theirs.fileno(), log, events])
        except OSError as exc:
            ctl.close()
            hello.close()
            raise TemplateFailed(f"the warm template is gone ({exc})") from None
        finally:
            ctl_theirs.close()
            hello_theirs.close()
        try:
            pid = _proven_pid(hello, ctl)
        except TemplateFailed:
            ctl.close()
            hello.close()
            raise
        return WarmChild(ctl, hello, pid)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def log_tail(self) -> str:
        self.log.seek(max(0, os.fstat(self.log.fileno()).st_size - 2000))
        return self.log.read().decode("utf-8", errors="replace").strip()[-2000:]

    def close(self, remove_spool: bool = True) -> None:
        """End the template; its spool goes too unless a hand-in may still be using it."""
        self.sock.close()  # the template sees the end of its socket and exits
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.log.close()
        with contextlib.suppress(OSError):
            os.unlink(self.spool.parent / f"{self.spool.name}.log")
        if remove_spool:
            shutil.rmtree(self.spool, ignore_errors=True)
        else:
            _left_spools.append(self.spool)


def _proven_pid(hello: socket.socket, ctl: socket.socket) -> int:
    """The fork's pid in this process's namespace, from the kernel's credentials on its first message."""
    ready = select.select([hello, ctl], [], [], LAUNCH_TIMEOUT_S)[0]
    if hello not in ready:
        why = ctl.recv(500).decode(errors="replace") if ctl in ready else "no answer"
        raise TemplateFailed(f"the warm template could not start the hand-in ({why or 'warden gone'})")
    size = struct.calcsize("3i")
    data, ancillary, _, _ = hello.recvmsg(16, socket.CMSG_SPACE(size))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS and data == b"P":
            pid, _, _ = struct.unpack("3i", payload[:size])
            return pid
    raise TemplateFailed("the hand-in's process did not prove its pid")


_templates: dict[Shape, Template] = {}
_failed: dict[Shape, str] = {}  # shapes whose template could not start, and why
_left_spools: list[Path] = []  # of templates discarded while hand-ins may still use them
_registry_lock = threading.RLock()


def template_for(device: str, threads: int, hidden: tuple[Path, ...]) -> Template:
    """The running template of this shape, started on demand (``TemplateFailed`` if it cannot start)."""
    shape = Shape(device, threads, hidden_overlays(hidden), shared_arrays_folder().resolve())
    with _registry_lock:
        if shape in _failed:
            raise TemplateFailed(f"the warm template failed to start before: {_failed[shape]}")
        template = _templates.get(shape)
        if template is not None and not template.alive():
            discard(template)
            template = None
        if template is None:
            try:
                template = _templates[shape] = Template(shape)
            except (TemplateFailed, OSError) as exc:
                _failed[shape] = str(exc)[-300:]  # not tried again until the session ends: each try costs seconds
                raise
        return template


def discard(template: Template, why: str = "") -> None:
    """A template that failed is never used again (other hand-ins may still be reading its spool); with ``why``,
    none of its shape is started again until the session ends (each try would cost seconds)."""
    with _registry_lock:
        if _templates.get(template.shape) is template:
            del _templates[template.shape]
        if why:
            _failed[template.shape] = why[-300:]
    template.close(remove_spool=False)


def close_all() -> None:
    """Every template ends, and every spool goes (no hand-in runs any more)."""
    with _registry_lock:
        for template in list(_templates.values()):
            discard(template)
        while _left_spools:
            shutil.rmtree(_left_spools.pop(), ignore_errors=True)
        _failed.clear()


@contextlib.contextmanager
def session() -> Iterator[None]:
    """Templates started inside (a batch) end with it."""
    try:
        yield
    finally:
        close_all()


def warm_up(device: str, threads: int, hidden: tuple[Path, ...]) -> threading.Thread:
    """Start the template in the background (a batch does this while it reads its hand-ins)."""

    def start() -> None:
        with contextlib.suppress(Exception):
            template_for(device, threads, hidden)

    thread = threading.Thread(target=start, daemon=True, name="warm-template")
    thread.start()
    return thread


atexit.register(close_all)
