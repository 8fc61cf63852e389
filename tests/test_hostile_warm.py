"""Hostile hand-ins against the warm template: each attack is one hand-in graded through the real path
(``run_child``), and each test asserts the wall holds (an attack that breaks it is marked ``xfail``,
strict, with the mechanism). Probe-only: nothing trains."""
from __future__ import annotations

import os
import time

import pytest

from grader.sandbox import warm
from grader.sandbox.isolation import bubblewrap
from tests.sandbox_helpers import fingerprint, net, processes_named, run, said

pytestmark = pytest.mark.skipif(bubblewrap() is None, reason="the warm template runs only in a sandbox")

# What a hand-in learns about the processes it can see in /proc (the template's pid namespace).
OTHERS = ("import os\nme = os.path.basename(os.path.realpath('/proc/self'))\n"
          "others = [p for p in os.listdir('/proc') if p.isdigit() and p != me]\n")


@pytest.fixture(autouse=True)
def warm_mode(monkeypatch) -> None:
    monkeypatch.setenv(warm.MODE_ENV, "warm")


def _still_warm_and_same(before: tuple) -> None:
    """The template survived the attack and grades the next hand-in exactly as before."""
    after = run(net())
    assert after.child["start"] == "warm", after.child
    assert fingerprint(after) == before


def test_no_inherited_descriptor_reaches_the_template_or_another_hand_in() -> None:
    code = net("import os, socket, stat\nfound = []\n"
               "for fd in range(3, 1024):\n    try:\n        st = os.fstat(fd)\n    except OSError:\n        continue\n"
               "    kind = 'sock' if stat.S_ISSOCK(st.st_mode) else 'fifo' if stat.S_ISFIFO(st.st_mode) else 'other'\n"
               "    if kind == 'sock':\n        try:\n            socket.fromfd(fd, socket.AF_UNIX, "
               "socket.SOCK_SEQPACKET).send(b'x')\n            kind += '-sent'\n"
               "        except OSError:\n            pass\n"
               "    found.append(f'{fd}:{kind}')\n"
               "raise RuntimeError(f'fds {found}')")
    assert said(code).startswith("RuntimeError: fds ['3:fifo']")  # only its own events pipe


def test_no_hand_in_reads_what_the_template_warden_or_spare_hold_through_proc() -> None:
    """It sees their pids in /proc (the template's pid namespace is mounted there), but reads nothing of theirs.
    (A warden that is exiting has no memory map left: opening its empty ``maps`` reveals nothing.)"""
    before = fingerprint(run(net()))
    code = net(OTHERS + "got = []\nfor p in others:\n"
               "    for what in ('fd/0', 'fd/1', 'fd/3', 'fd/4', 'fd/5', 'root/', 'cwd/', 'environ', 'mem', 'maps',\n"
               "                 'ns/mnt', 'ns/user', 'ns/pid', 'map_files/', 'task/' + p + '/mem'):\n"
               "        try:\n            if what.endswith('/'):\n"
               "                found = os.listdir(f'/proc/{p}/{what}')\n"
               "            else:\n                fd = os.open(f'/proc/{p}/{what}', os.O_RDONLY)\n"
               "                try:\n                    found = os.read(fd, 64) if what != 'mem' else b'mem'\n"
               "                finally:\n                    os.close(fd)\n"
               "        except OSError:\n            continue\n"
               "        if found:\n            got.append(f'{p}/{what}')\n"
               "raise RuntimeError(f'{len(others)} read {got}')")
    seen = said(code)
    assert int(seen.split()[1]) >= 2, seen  # it does see the template and its warden...
    assert "read []" in seen, seen  # ...but reads nothing of theirs
    _still_warm_and_same(before)


def test_no_hand_in_signals_the_template_or_its_warden() -> None:
    before = fingerprint(run(net()))
    code = net(OTHERS + "import ctypes, signal\nlibc = ctypes.CDLL(None, use_errno=True)\nhit = []\n"
               "for p in others:\n    try:\n        d = os.open(f'/proc/{p}', os.O_RDONLY | os.O_DIRECTORY)\n"
               "    except OSError:\n        continue\n"
               "    if libc.syscall(424, d, signal.SIGKILL, None, 0) == 0:\n        hit.append('pidfd' + p)\n"
               "for p in range(2, 400):\n    try:\n        os.kill(p, signal.SIGKILL)\n        hit.append(p)\n"
               "    except OSError:\n        pass\n"
               "    if libc.ptrace(16, p, 0, 0) == 0:\n        hit.append(f'ptrace{p}')\n"
               "raise RuntimeError(f'hit {hit}')")
    assert said(code).startswith("RuntimeError: hit []")
    _still_warm_and_same(before)


@pytest.mark.xfail(strict=True, reason="a hand-in runs as the template's uid (capless) and /proc is the template's "
                   "pid namespace's, read-write: /proc/<template>/oom_score_adj is owner-writable and raising it needs "
                   "no capability, so a hand-in can change the template's (and every later fork's) OOM score")
def test_no_hand_in_changes_the_oom_score_of_the_template_or_its_warden() -> None:
    code = net(OTHERS + "changed = []\nfor p in others:\n    try:\n"
               "        with open(f'/proc/{p}/oom_score_adj', 'w') as fh:\n            fh.write('1000')\n"
               "        changed.append(p)\n    except OSError:\n        pass\n"
               "raise RuntimeError(f'changed {changed} mine {open(\"/proc/self/oom_score_adj\").read().strip()}')")
    seen = said(code)
    assert seen.startswith("RuntimeError: changed []"), seen


@pytest.mark.xfail(strict=True, reason="the raised OOM score is inherited: every later hand-in forked from the "
                   "template starts with the oom_score_adj one earlier hand-in chose")
def test_an_oom_score_set_by_one_hand_in_does_not_reach_the_next() -> None:
    ours = open("/proc/self/oom_score_adj").read().strip()  # what the template started with, from the grader
    run(net(OTHERS + "for p in others:\n    try:\n"
                     "        open(f'/proc/{p}/oom_score_adj', 'w').write('1000')\n    except OSError:\n        pass"))
    run(net())  # its process was forked ahead, perhaps before the write: the one after is forked after it
    read = net("raise RuntimeError('adj ' + open('/proc/self/oom_score_adj').read().strip())")
    assert said(read).startswith(f"RuntimeError: adj {ours} ")


def test_a_nested_user_namespace_regains_no_way_out() -> None:
    """Unsharing a user and mount namespace inside gives capabilities there only: the mounts it inherits stay
    locked (the spool's cover cannot be lifted, nothing read-only becomes writable, no fresh /proc)."""
    spool = warm.template_for("cpu", 1, ()).spool
    code = net(
        "import os, ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\ngot = []\n"
        "spool = os.path.dirname(os.path.dirname(os.getcwd()))\n"
        "if libc.unshare(0x10000000 | 0x00020000 | 0x20000000) != 0:\n    raise RuntimeError('held: no unshare')\n"
        "open('/proc/self/setgroups', 'w').write('deny')\nopen('/proc/self/uid_map', 'w').write('0 0 1')\n"
        "libc.mount(None, b'/', None, ctypes.c_ulong(16384 | (1 << 18)), None)\n"
        "if libc.umount2(spool.encode(), 2) == 0:\n    got.append('umount-spool:' + str(len(os.listdir(spool))))\n"
        "if libc.umount2(b'/tmp', 2) == 0:\n    got.append('umount-tmp')\n"
        "for t in (b'/', b'/tmp', spool.encode(), b'/proc/sys'):\n"
        "    if libc.mount(None, t, None, ctypes.c_ulong(32 | 4096), None) == 0:\n"
        "        got.append('rw:' + t.decode())\n"
        "for t in ('/', '/tmp', spool, os.path.dirname(os.getcwd())):\n    try:\n"
        "        open(os.path.join(t, 'planted'), 'w').write('x')\n        got.append('wrote:' + t)\n"
        "    except OSError:\n        pass\n"
        "if os.fork() == 0:\n    r = libc.mount(b'proc', b'/proc', b'proc', ctypes.c_ulong(0), None)\n"
        "    os._exit(3 if r == 0 else 0)\n"
        "if os.waitstatus_to_exitcode(os.wait()[1]) == 3:\n    got.append('fresh-proc')\n"
        "raise RuntimeError(f'got {got}')")
    seen = said(code)
    assert seen.startswith("RuntimeError: got []"), seen  # the unshare itself succeeds: only its use is walled
    assert not any(spool.rglob("planted"))


def test_kernel_knobs_stay_closed_to_a_hand_in_that_runs_as_root_uid() -> None:
    code = net("import os\nopened = []\n"
               "for f in ('/proc/sysrq-trigger', '/proc/sys/kernel/core_pattern', '/proc/sys/vm/drop_caches',\n"
               "          '/proc/sys/kernel/ns_last_pid', '/sys/kernel/uevent_helper'):\n"
               "    try:\n        os.close(os.open(f, os.O_WRONLY))\n        opened.append(f)\n"
               "    except OSError:\n        pass\n"
               "raise RuntimeError(f'opened {opened}')")
    assert said(code).startswith("RuntimeError: opened []")


def test_processes_hidden_in_a_nested_pid_namespace_die_with_the_hand_in() -> None:
    name = f"nest{os.getpid() % 100000}"
    leaves = ("import os, ctypes, time, threading\nlibc = ctypes.CDLL(None)\n"
              "threading.Thread(target=lambda: time.sleep(3600), daemon=False).start()\n"
              "libc.unshare(0x10000000 | 0x20000000)\n"
              "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
              f"        libc.prctl(15, b'{name}', 0, 0, 0)\n        while True: time.sleep(0.05)\n    os._exit(0)\n")
    result = run(net(leaves))
    assert result.error is None and result.done, result.as_mapping()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and processes_named(name):
        time.sleep(0.1)
    assert processes_named(name) == []


def test_a_fork_bomb_fails_its_own_hand_in_not_the_next() -> None:
    before = fingerprint(run(net()))
    bomb = ("import os, time\nkids = 0\nfor _ in range(5000):\n    try:\n        if os.fork() == 0:\n"
            "            time.sleep(30)\n            os._exit(0)\n        kids += 1\n"
            "    except OSError:\n        break\n")
    result = run(net(bomb))
    assert result.child["start"] == "warm"
    _still_warm_and_same(before)


def test_filling_its_folders_and_memory_leaves_the_next_hand_in_untouched() -> None:
    before = fingerprint(run(net()))
    fill = ("import os\nfor d in ('/dev/shm', '.'):\n    try:\n"
            "        with open(os.path.join(d, 'fill'), 'wb') as fh:\n"
            "            while True: fh.write(b'x' * (1 << 20))\n    except OSError:\n        pass\n"
            "hog = []\ntry:\n    while True: hog.append(bytearray(1 << 26))\nexcept MemoryError:\n    pass\n")
    run(net(fill))
    _still_warm_and_same(before)


def test_a_hand_in_cannot_reach_the_spare_pair_forked_for_the_next() -> None:
    """The next hand-in's warden and idle process exist while this one runs: planting into anything shared
    with them (the template's /tmp, the spool, /dev/shm, the work folder's parent) must not reach the next."""
    plant = ("import os\nspool = os.path.dirname(os.path.dirname(os.getcwd()))\n"
             "for d in ('/tmp', spool, '/dev/shm', os.path.dirname(os.getcwd()), '/dev/mqueue'):\n    try:\n"
             "        open(os.path.join(d, 'planted'), 'w').write('x')\n    except OSError:\n        pass\n")
    run(net(plant))
    look = ("import os\nspool = os.path.dirname(os.path.dirname(os.getcwd()))\nseen = [d for d in "
            "('/tmp', spool, '/dev/shm', '.', os.path.dirname(os.getcwd())) if 'planted' in os.listdir(d)]\n"
            "raise RuntimeError(f'seen {seen}')")
    assert said(net(look)).startswith("RuntimeError: seen []")


@pytest.mark.xfail(strict=True, reason="a hand-in unshares a user, mount and cgroup namespace (allowed: no seccomp, "
                   "no_new_privs does not stop it), mounts the cgroup v1 memory and pids hierarchies (FS_USERNS_MOUNT; "
                   "the namespace is rooted at its own cgroup) and, being kuid 0, writes the root-owned 0644 files: "
                   "memory.limit_in_bytes 4 GiB -> unlimited and pids.max 64 -> max (the cold path too)")
def test_a_hand_in_cannot_lift_its_own_cgroup_limits() -> None:
    code = net(
        "import os, ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\nraised = []\n"
        "if libc.unshare(0x10000000 | 0x00020000 | 0x02000000) == 0:\n"
        "    open('/proc/self/setgroups', 'w').write('deny')\n    open('/proc/self/uid_map', 'w').write('0 0 1')\n"
        "    libc.mount(None, b'/', None, ctypes.c_ulong(16384 | (1 << 18)), None)\n"
        "    for opt, f, v in ((b'memory', 'memory.limit_in_bytes', '9223372036854771712'), (b'pids', 'pids.max', "
        "'max')):\n"
        "        os.mkdir(opt.decode())\n"
        "        if libc.mount(b'none', opt, b'cgroup', ctypes.c_ulong(0), opt) != 0:\n            continue\n"
        "        path = os.path.join(opt.decode(), f)\n        try:\n"
        "            old = open(path).read().strip()\n            open(path, 'w').write(v)\n"
        "            raised.append(f'{f} {old}->{open(path).read().strip()}')\n"
        "        except OSError:\n            pass\n"
        "raise RuntimeError(f'raised {raised}')")
    seen = said(code)
    assert seen.startswith("RuntimeError: raised []"), seen


@pytest.mark.xfail(strict=True, reason="/proc/<pid>/autogroup of the template (and bwrap, wardens, spare pair: one "
                   "session) is root-owned 0644 and raising an autogroup's nice needs no capability: a kuid-0 hand-in "
                   "renices the template's autogroup to 19, and it stays so for every later hand-in of the batch")
def test_no_hand_in_renices_the_template_for_the_hand_ins_after_it() -> None:
    look = net(OTHERS + "raise RuntimeError('nice ' + ' '.join(sorted({open(f'/proc/{p}/autogroup').read().split()[-1]"
                        " for p in others})))")
    first = said(look)
    run(net(OTHERS + "for p in others:\n    try:\n        open(f'/proc/{p}/autogroup', 'w').write('19')\n"
                     "    except OSError:\n        pass"))
    assert said(look) == first
