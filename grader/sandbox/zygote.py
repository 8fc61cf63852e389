"""The warm template: one process per batch that has imported torch and forks a fresh child per hand-in.

Started by ``grader.sandbox.warm`` as ``python -m grader.sandbox.zygote FD SPOOL`` inside the same
bubblewrap walls as a cold child (no network, read-only system, data and reports hidden), with no
hand-in of its own. It imports torch and the grader's child code, runs no torch op (no thread pool, no
CUDA), and waits on the socket ``FD`` for requests. Per request it forks a warden, which

- unshares a fresh user, mount, pid, ipc, network and hostname namespace,
- hides the spool (every hand-in's inbox) under an empty tmpfs and binds back only this hand-in's
  inbox, read-only, at the path the parent wrote it; mounts this hand-in's own size-capped tmpfs
  as its work folder and at /dev/shm; hides the template's terminals (/dev/pts, shared by every
  fork); makes every other mount read-only,
- forks the student's process, which is pid 1 of the new pid namespace: when it ends, the kernel kills
  every process it left; the warden kills it when the parent asks or goes away,
- and reports its exit status to the parent.

The student's process mounts a read-only /proc of its own pid namespace (the template, its warden and the
next hand-in's pair are not in it), sets its limits, proves its pid to the parent (the kernel's credentials
on a unix socket), waits for the go-ahead (the parent may first move it into a cgroup), drops every
capability, sets ``no_new_privs``, installs a seccomp filter that refuses any new namespace, mount or
keyring, and only then runs the child's code. The template itself never runs student code
and never reuses a fork; it and its forks are not dumpable, so no hand-in can read or patch their memory.
"""
from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import socket
import sys
import tempfile
from typing import Any

from grader.sandbox import namespaces, seccomp

EVENTS_FD, HELLO_FD = 3, 4
MAX_MESSAGE = 1 << 20
MAX_FD = 4096
HANDOVER_WAIT_S = 1.0
FILTER = seccomp.program()  # built once; a machine without a filter has no template (its hand-ins start cold)


def _preload() -> None:
    """What every child imports before the student's code, imported once here (no torch op runs)."""
    import numpy  # noqa: F401
    import torch  # noqa: F401
    import torchvision  # noqa: F401

    from grader import training  # noqa: F401
    from grader.sandbox import child, loader, steps  # noqa: F401


def main(fd: int, spool: str) -> int:
    namespaces.not_dumpable()
    covered = [p for p in _mount_points() if p.startswith(namespaces.TEMPLATE_PROC + "/")]
    if covered:  # the kernel would refuse every fork its own /proc: hand-ins start cold instead
        print(f"no fully visible /proc to mount the hand-ins' own from: {covered[:3]} mounted inside", flush=True)
        return 1
    _preload()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # wardens are reaped by the kernel
    sock = socket.socket(fileno=fd)
    spare = _prefork(sock, spool)
    sock.send(b"ready")
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(sock, MAX_MESSAGE, 4)
        except OSError:
            return 0
        if not message:
            return 0  # the parent has gone: so does the template (and the spare pair, on its socket's end)
        if len(fds) == 4:
            try:
                socket.send_fds(spare, [message], fds)
            except OSError:
                pass  # the spare is gone: the parent's launch sees its lifeline end and starts the hand-in cold
        for f in fds:
            os.close(f)  # before the next fork: no other process may hold this hand-in's pipes
        if len(fds) == 4:
            select.select([spare], [], [], HANDOVER_WAIT_S)  # the next fork must not slow this hand-in's start
            spare.close()
            spare = _prefork(sock, spool)


def _prefork(sock: socket.socket, spool: str) -> socket.socket:
    """The next hand-in's pair, made before its request comes (two forks of a large process take a while):
    a warden in fresh namespaces and, forked by it, the idle pid 1 of the new pid namespace."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    if os.fork() == 0:
        try:
            sock.close()
            ours.close()
            _warden(theirs, spool)
        finally:
            os._exit(70)
    theirs.close()
    return ours


def _warden(zygote: socket.socket, spool: str) -> None:
    """Make this hand-in's namespaces and its idle process, then (once the request comes) its file system;
    hand the request on and watch the process. Never returns."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    try:
        namespaces.enter_namespaces(namespaces.HANDIN_NAMESPACES)
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pid = os.fork()
    except OSError:
        pid, mine = -1, None
    if pid == 0:
        zygote.close()
        mine.close()  # type: ignore[union-attr]
        _idle_student(theirs)
    if mine is not None:
        theirs.close()
    message, fds, _, _ = socket.recv_fds(zygote, MAX_MESSAGE, 4)
    if len(fds) != 4 or mine is None:
        _give_up(fds, pid, "the hand-in's namespaces could not be made")
    ctl, hello, log, events = fds
    msg = json.loads(message)
    try:
        _walls(msg["root"], spool, int(msg["disk_bytes"]))
        socket.send_fds(mine, [message], [hello, log, events])  # type: ignore[arg-type]
    except OSError as exc:
        _give_up(fds, pid, str(exc))
    for f in (hello, log, events):
        os.close(f)
    mine.close()  # type: ignore[union-attr]
    zygote.close()  # the template may fork the next pair now
    _watch(ctl, pid)


def _give_up(fds: list[int], pid: int, why: str) -> None:
    if len(fds) == 4:
        _say(fds[0], f"E {why}"[:500])
    if pid > 0:
        _kill(pid)
    os._exit(0)


def _idle_student(channel: socket.socket) -> None:
    """pid 1 of the hand-in's namespace, waiting for its request (or for its warden to end: then it ends)."""
    try:
        message, fds, _, _ = socket.recv_fds(channel, MAX_MESSAGE, 3)
        channel.close()
        if len(fds) == 3:
            namespaces.own_proc()  # here, not before the request: the warden reads the template's /proc till then
            _student(json.loads(message), *fds)
    finally:
        os._exit(71)


def _walls(root: str, spool: str, disk_bytes: int) -> None:
    """This hand-in's file system: its inbox (read-only) and its own capped folders; all else read-only."""
    namespaces.make_private()
    inbox = os.open(f"{root}/in", os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW)
    namespaces.tmpfs(spool, 1 << 20)  # every other hand-in's inbox disappears
    os.makedirs(f"{root}/in")
    os.makedirs(f"{root}/work")
    namespaces.bind_read_only(f"/proc/self/fd/{inbox}", f"{root}/in")
    os.close(inbox)
    namespaces.tmpfs(f"{root}/work", disk_bytes)
    namespaces.tmpfs("/dev/shm", disk_bytes)
    namespaces.tmpfs("/dev/pts", 4096, read_only=True)  # the template's terminals are shared by every fork: none
    own = {f"{root}/work", "/dev/shm", f"{root}/in", "/dev/pts"}
    for point in _mount_points():
        if point not in own and not point.startswith("/proc") and not _is_device(point):
            namespaces.remount_read_only(point)


def _mount_points() -> list[str]:
    with open("/proc/self/mountinfo") as fh:
        points = [line.split()[4] for line in fh]
    return [p.encode().decode("unicode_escape") for p in points]


def _is_device(point: str) -> bool:
    """A device node bound into /dev (writing to /dev/null is fine on a read-only mount anyway)."""
    return point.startswith("/dev/") and not os.path.isdir(point)


def _student(msg: dict[str, Any], hello: int, log: int, events: int) -> None:
    """Limits, fds, proof of pid, no privileges, then the child's code."""
    from grader.sandbox.child import serve
    from grader.sandbox.limits import Limits, set_rlimits
    from grader.sandbox.protocol import Request

    os.setsid()
    set_rlimits(Limits(**msg["limits"]))
    null = os.open("/dev/null", os.O_RDONLY)
    sources = [fcntl.fcntl(fd, fcntl.F_DUPFD, 100) for fd in (null, log, log, events, hello)]  # none is a target
    for fd, target in zip(sources, (0, 1, 2, EVENTS_FD, HELLO_FD), strict=True):
        os.dup2(fd, target)
    os.closerange(HELLO_FD + 1, MAX_FD)
    work = f"{msg['root']}/work"
    os.chdir(work)
    os.environ.update(HOME=work, TMPDIR=work)
    tempfile.tempdir = None  # found again from TMPDIR, as in a fresh interpreter
    _fresh_random_state()
    with socket.socket(fileno=HELLO_FD) as channel:
        channel.send(b"P")  # the parent reads this process's pid from the kernel's credentials
        if channel.recv(2) != b"go":
            os._exit(72)
    namespaces.drop_privileges()
    seccomp.install(FILTER)
    req, nonce = Request.from_json(msg["request"]), msg["nonce"]
    req = Request(**{**req.__dict__, "fd": EVENTS_FD})
    with open("request.json", "w") as fh:  # where a cold child finds its request too
        fh.write(req.to_json())
    del msg
    code = serve(req, nonce)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _fresh_random_state() -> None:
    """Unseeded generators start from the OS's randomness, as in a fresh interpreter (not the template's state,
    which every fork would otherwise share)."""
    import random

    import numpy

    random.seed()
    numpy.random.seed()


def _watch(ctl: int, pid: int) -> None:
    """Wait for the student's process; kill it (and with it its whole pid namespace) when the parent asks."""
    pidfd = os.pidfd_open(pid)
    watching = [ctl, pidfd]
    while True:
        ready = select.select(watching, [], [])[0]
        if pidfd in ready:
            break
        if ctl in ready:
            try:
                data = os.read(ctl, 64)
            except OSError:
                data = b""
            if not data or b"K" in data:
                _kill(pid)
            if not data:
                watching = [pidfd]
    _, status = os.waitpid(pid, 0)
    _say(ctl, f"X {os.waitstatus_to_exitcode(status)}")
    os._exit(0)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _say(ctl: int, text: str) -> None:
    try:
        os.write(ctl, text.encode())
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), sys.argv[2]))
