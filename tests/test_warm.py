"""The warm template: each hand-in is a fresh fork in its own namespaces, and nothing of one reaches the next."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader.sandbox import seccomp, warm
from grader.sandbox.isolation import bubblewrap
from tests.sandbox_helpers import fingerprint, net, processes_named, run, said

pytestmark = pytest.mark.skipif(bubblewrap() is None, reason="the warm template runs only in a sandbox")

@pytest.fixture(autouse=True)
def warm_mode(monkeypatch) -> None:
    monkeypatch.setenv(warm.MODE_ENV, "warm")


def test_a_hand_in_starts_warm_and_is_measured_as_a_cold_one_is(monkeypatch) -> None:
    warm_run = run(net())
    monkeypatch.setenv(warm.MODE_ENV, "cold")
    cold_run = run(net())
    assert warm_run.child["start"] == "warm" and cold_run.child["start"] == "cold"
    assert fingerprint(warm_run) == fingerprint(cold_run)
    assert warm_run.isolation == cold_run.isolation
    monkeypatch.setenv(warm.MODE_ENV, "warm")
    starts = [run(net()).child["first_event_s"] for _ in range(3)]
    assert min(starts) < cold_run.child["first_event_s"]  # type: ignore[operator]


@pytest.mark.parametrize("hostile", [
    "torch.manual_seed = lambda seed: torch.random.default_generator.manual_seed(seed + 1)",  # patches torch
    "nn.Linear.forward = lambda self, x: x[..., :self.out_features] * 0",
    "import grader.sandbox.steps as s, grader.training as t\n"  # writes into the grader's modules' globals
    "s.probe = None\nt.set_determinism = lambda *a: None\nimport sys; sys.modules['torch'].nn = None",
    "import threading, time\n"  # leaves a thread running that keeps patching
    "def spoil():\n    while True:\n        torch.nn.init.kaiming_uniform_ = None\n        time.sleep(0.01)\n"
    "threading.Thread(target=spoil, daemon=False).start()",
])
def test_what_a_hand_in_changes_never_reaches_the_next(hostile: str) -> None:
    before = fingerprint(run(net()))
    run(net(hostile))
    assert fingerprint(run(net())) == before


def test_processes_a_hand_in_leaves_behind_are_killed() -> None:
    name = f"left{os.getpid() % 100000}"
    leaves = ("import os, ctypes, time\nif os.fork() == 0:\n    os.setsid()\n"
              f"    ctypes.CDLL(None).prctl(15, b'{name}', 0, 0, 0)\n    while True: time.sleep(0.05)")
    result = run(net(leaves))
    assert result.error is None and result.done
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and processes_named(name):
        time.sleep(0.1)
    assert processes_named(name) == []


def test_files_of_one_hand_in_are_gone_for_the_next() -> None:
    run(net("open('/dev/shm/left', 'w').write('x'); open('left.txt', 'w').write('x')"))
    seen = said(net("import os; raise RuntimeError(f\"{os.listdir('/dev/shm')} {os.listdir('.')}\")"))
    assert "left" not in seen and "request.json" in seen


def test_a_hand_in_sees_only_its_own_inbox_and_cannot_write_outside_its_folders() -> None:
    code = net("import os\nspool = os.path.dirname(os.path.dirname(os.getcwd()))\n"
               "writable = []\nfor d in (spool, '/', '/dev', '/tmp', '/usr', os.path.dirname(os.getcwd())):\n"
               "    try:\n        open(os.path.join(d, 'w.txt'), 'w').close()\n        writable.append(d)\n"
               "    except OSError:\n        pass\n"
               "raise RuntimeError(f'{len(os.listdir(spool))} {writable}')")
    assert said(code).startswith("RuntimeError: 1 []")


def test_a_hand_in_has_no_capability_and_cannot_regain_one() -> None:
    code = net("s = dict(l.split(':\\t') for l in open('/proc/self/status').read().splitlines() if ':\\t' in l)\n"
               "raise RuntimeError(' '.join(s[k].strip() for k in ('CapEff', 'CapPrm', 'CapBnd', 'NoNewPrivs')))")
    assert said(code).startswith("RuntimeError: 0000000000000000 0000000000000000 0000000000000000 1")


def test_no_hand_in_can_open_the_memory_of_the_template_or_another_process() -> None:
    code = net("import os\nme = os.path.realpath('/proc/self')\nopened = []\n"
               "for p in os.listdir('/proc'):\n    if p.isdigit() and '/proc/' + p != me:\n"
               "        try:\n            open(f'/proc/{p}/mem', 'rb').close()\n            opened.append(p)\n"
               "        except OSError:\n            pass\n"
               "raise RuntimeError(f'opened {opened}')")
    assert said(code).startswith("RuntimeError: opened []")


def test_a_dead_template_is_replaced() -> None:
    first = run(net())
    assert first.child["start"] == "warm"
    template = warm.template_for("cpu", 1, ())
    template.proc.kill()
    template.proc.wait()
    again = run(net())
    assert again.child["start"] == "warm" and fingerprint(again) == fingerprint(first)
    assert warm.template_for("cpu", 1, ()) is not template


def test_a_failing_template_sends_the_hand_in_cold(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise warm.TemplateFailed("refused for the test")

    monkeypatch.setattr(warm.Template, "launch", refuse)
    try:
        result = run(net())
        assert result.child["start"] == "cold" and result.error is None and result.done
        assert "refused for the test" in str(result.child["warm_failed"])
        with pytest.raises(warm.TemplateFailed):  # not started again for every hand-in
            warm.template_for("cpu", 1, ())
    finally:
        warm.close_all()  # the end of a session: its templates and failures are forgotten
    assert warm.template_for("cpu", 1, ()).alive()


def test_the_seccomp_filter_refuses_namespaces_and_keeps_threads_and_forks() -> None:
    """The filter alone, in a throwaway interpreter (only calls that are harmless if it failed are tried)."""
    code = ("import ctypes, os, threading\nfrom grader.sandbox import seccomp\n"
            "libc = ctypes.CDLL(None, use_errno=True)\nassert libc.prctl(38, 1, 0, 0, 0) == 0\n"
            "seccomp.install(seccomp.program())\n"
            "out = [libc.unshare(0x10000000), ctypes.get_errno(), libc.syscall(435, 0, 0), ctypes.get_errno()]\n"
            "t = threading.Thread(target=lambda: out.append('thread'))\nt.start()\nt.join()\n"
            "pid = os.fork()\nif pid == 0:\n    os._exit(7)\n"
            "out.append(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))\n"
            "print(out)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(Path(warm.__file__).parents[2])})
    assert done.stdout.strip() == f"[-1, {errno.EPERM}, -1, {errno.ENOSYS}, 'thread', 7]", done.stderr


def test_no_filter_is_made_for_an_unknown_machine() -> None:
    with pytest.raises(seccomp.Unsupported):
        seccomp.program("riscv64")
    assert seccomp.program("x86_64") != seccomp.program("aarch64")
