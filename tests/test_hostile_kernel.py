"""Hostile hand-ins against the kernel around the sandbox (cold start, the default): where the grader runs
as root the sandbox's uid 0 is the host's, so the walls must not rest on capabilities alone."""
from __future__ import annotations

import pytest

from grader.sandbox import warm
from grader.sandbox.isolation import bubblewrap
from tests.sandbox_helpers import LIFT_CGROUP_LIMITS, net, said

pytestmark = pytest.mark.skipif(bubblewrap() is None, reason="needs the bubblewrap sandbox")


@pytest.fixture(autouse=True)
def cold_mode(monkeypatch) -> None:
    monkeypatch.setenv(warm.MODE_ENV, "cold")


def test_kernel_knobs_stay_closed() -> None:
    """Opening for writing changes nothing (no byte is written), so a failing wall is seen without harm."""
    code = net("import os\nopened = []\n"
               "for f in ('/proc/sys/kernel/core_pattern', '/proc/sys/vm/drop_caches', '/proc/sys/kernel/ns_last_pid',\n"
               "          '/proc/sysrq-trigger', '/sys/kernel/uevent_helper'):\n"
               "    try:\n        os.close(os.open(f, os.O_WRONLY))\n        opened.append(f)\n"
               "    except OSError:\n        pass\n"
               "raise RuntimeError(f'opened {opened}')")
    assert said(code).startswith("RuntimeError: opened []")


def test_no_user_namespace_inside_the_sandbox() -> None:
    """A nested user namespace would give capabilities over fresh mounts (a cgroup hierarchy whose limits the
    hand-in could rewrite); the child may not make one."""
    code = net("import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
               "rc = libc.unshare(0x10000000)\n"  # CLONE_NEWUSER
               "raise RuntimeError(f'unshare {rc} errno {ctypes.get_errno()}')")
    seen = said(code)
    assert seen.startswith("RuntimeError: unshare -1"), seen


def test_a_hand_in_cannot_lift_its_own_cgroup_limits() -> None:
    """The warm path's twin: without a user namespace a capless child makes no cgroup namespace and mounts
    nothing, so its memory and process limits stay."""
    seen = said(net(LIFT_CGROUP_LIMITS))
    assert seen.startswith("RuntimeError: raised []"), seen
