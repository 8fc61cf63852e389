"""Hostile hand-ins against the warm template: each attack is one hand-in graded through the real path
(``run_child``), and each test asserts the wall holds. Probe-only: nothing trains."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from grader.sandbox import warm
from grader.sandbox.isolation import bubblewrap
from grader.sandbox.namespaces import TEMPLATE_PROC
from tests.sandbox_helpers import LIFT_CGROUP_LIMITS, fingerprint, net, processes_named, run, said

pytestmark = pytest.mark.skipif(bubblewrap() is None, reason="the warm template runs only in a sandbox")

# Every way a hand-in could make a namespace, mount, unmount or share a kernel keyring; what worked is listed.
NAMESPACES_AND_MOUNTS = (
    "import os, ctypes, platform, threading\nlibc = ctypes.CDLL(None, use_errno=True)\ngot = []\n"
    "arch = platform.machine()\nclone, keyctl = {'x86_64': (56, 250), 'aarch64': (220, 219)}[arch]\n"
    "spool = os.path.dirname(os.path.dirname(os.getcwd()))\n"
    "for flag in (0x10000000, 0x00020000, 0x02000000, 0x20000000, 0x40000000, 0x08000000, 0x04000000, 0x80):\n"
    "    if libc.unshare(flag) == 0:\n        got.append(f'unshare {flag:#x}')\n"
    "pid = libc.syscall(clone, 0x10000000 | 17, 0, 0, 0, 0)\n"
    "if pid == 0:\n    os._exit(0)\nif pid > 0:\n    os.waitpid(pid, 0)\n    got.append('clone-newuser')\n"
    "if libc.syscall(435, 0, 0) >= 0:\n    got.append('clone3')\n"
    "for ns in ('user', 'mnt', 'pid', 'net'):\n    fd = os.open(f'/proc/self/ns/{ns}', os.O_RDONLY)\n"
    "    if libc.setns(fd, 0) == 0:\n        got.append('setns ' + ns)\n    os.close(fd)\n"
    "if libc.mount(b'none', b'.', b'tmpfs', ctypes.c_ulong(0), None) == 0:\n    got.append('mount')\n"
    "for t in (spool, '/tmp', 'SPARE', '/proc'):\n"
    "    if libc.umount2(t.encode(), 2) == 0:\n        got.append('umount ' + t)\n"
    "if libc.syscall(430, b'proc', 0) >= 0:\n    got.append('fsopen')\n"
    "if libc.syscall(428, -100, b'/tmp', 1) >= 0:\n    got.append('open_tree')\n"
    "if libc.syscall(keyctl, 1, None) >= 0:\n    got.append('keyctl')\n"
    "for t in ('/', '/tmp', spool, 'SPARE'):\n    try:\n"
    "        open(os.path.join(t, 'planted'), 'w').write('x')\n        got.append('wrote ' + t)\n"
    "    except OSError:\n        pass\n"
    "pid = os.fork()\nif pid == 0:\n    os._exit(7)\n"
    "ok = ['fork-ok'] if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 7 else []\n"
    "t = threading.Thread(target=lambda: ok.append('thread-ok'))\nt.start()\nt.join()\n"
    "raise RuntimeError(f'got {got} ' + ' '.join(ok))")

# What a hand-in learns about the processes it can see in /proc (its own pid namespace's).
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


def test_a_hand_in_sees_only_its_own_processes_and_reads_nothing_of_the_others() -> None:
    """Its /proc is its own pid namespace's: the template, its warden and the next hand-in's pair are not in it,
    not even by number, and the template's spare /proc (the machine's) is covered."""
    before = fingerprint(run(net()))
    code = net(OTHERS + "got = []\nfor p in others + [str(n) for n in range(2, 300)]:\n"
               "    for what in ('fd/0', 'fd/1', 'fd/3', 'fd/4', 'fd/5', 'root/', 'cwd/', 'environ', 'mem', 'maps',\n"
               "                 'ns/mnt', 'ns/user', 'ns/pid', 'map_files/', 'task/' + p + '/mem'):\n"
               "        try:\n            if what.endswith('/'):\n"
               "                found = os.listdir(f'/proc/{p}/{what}')\n"
               "            else:\n                fd = os.open(f'/proc/{p}/{what}', os.O_RDONLY)\n"
               "                try:\n                    found = os.read(fd, 64) if what != 'mem' else b'mem'\n"
               "                finally:\n                    os.close(fd)\n"
               "        except OSError:\n            continue\n"
               "        if found:\n            got.append(f'{p}/{what}')\n"
               f"spare = os.listdir({TEMPLATE_PROC!r})\n"
               "raise RuntimeError(f'{me} {len(others)} read {got} spare {spare}')")
    assert said(code).startswith("RuntimeError: 1 0 read [] spare []")  # pid 1 of its namespace, alone
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


def _template_tree() -> dict[int, tuple[str, str]]:
    """The OOM score and autogroup nice of the template and every process under it (bubblewrap, the template,
    its wardens and the spare pair), read from outside."""
    root = warm.template_for("cpu", 1, ()).proc.pid
    parents = {}
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit():
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    found = {}
    for pid in tree:
        try:
            adj = Path(f"/proc/{pid}/oom_score_adj").read_text().strip()
        except OSError:
            continue  # a warden that ended meanwhile
        group = Path(f"/proc/{pid}/autogroup")  # absent on a kernel without autogroups
        found[pid] = (adj, group.read_text().split()[-1] if group.exists() else "-")
    return found


ATTACK_PROC = (OTHERS + "changed = []\nfor p in ['self'] + others:\n"
               "    for what, value in (('oom_score_adj', '1000'), ('autogroup', '19')):\n        try:\n"
               "            with open(f'/proc/{p}/{what}', 'w') as fh:\n                fh.write(value)\n"
               "            changed.append(f'{p}/{what}')\n        except OSError:\n            pass\n")


def test_no_hand_in_changes_the_oom_score_or_nice_of_the_template_or_its_warden() -> None:
    before = _template_tree()
    assert len(before) >= 3, before  # bubblewrap, the template, the spare pair's warden at least
    seen = said(net(ATTACK_PROC + "raise RuntimeError(f'changed {changed}')"))
    assert seen.startswith("RuntimeError: changed []"), seen
    after = _template_tree()
    assert {pid: after[pid] for pid in before if pid in after} == {pid: before[pid] for pid in after if pid in before}
    assert {value for value in after.values()} <= {value for value in before.values()}  # new wardens alike


def test_an_oom_score_or_nice_set_by_one_hand_in_does_not_reach_the_next() -> None:
    ours = open("/proc/self/oom_score_adj").read().strip()  # what the template started with, from the grader
    run(net(ATTACK_PROC))
    run(net())  # its process was forked ahead, perhaps before the write: the one after is forked after it
    read = net("import os\ngroup = '/proc/self/autogroup'\n"
               "nice = open(group).read().split()[-1] if os.path.exists(group) else '0'\n"
               "raise RuntimeError('adj ' + open('/proc/self/oom_score_adj').read().strip() + ' nice ' + nice)")
    assert said(read).startswith(f"RuntimeError: adj {ours} nice 0 ")


def test_a_hand_in_can_make_no_namespace_and_mount_or_unmount_nothing() -> None:
    """No nested user namespace (whose capabilities would reach fresh mounts), no other namespace, no mount
    call of either API, no kernel keyring; the spool's cover, /tmp and the template's spare /proc stay. A fork
    and a thread still work."""
    spool = warm.template_for("cpu", 1, ()).spool
    code = net(NAMESPACES_AND_MOUNTS.replace("SPARE", TEMPLATE_PROC))
    seen = said(code)
    assert seen.startswith("RuntimeError: got [] fork-ok thread-ok"), seen
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


def test_no_terminal_is_shared_with_the_template_or_another_hand_in() -> None:
    """The template's /dev/pts is one instance for all its forks: a hand-in running beside another could open
    the other's terminals, so a fork has none (a cold child has its own instance)."""
    code = net("import os\ngot = os.listdir('/dev/pts')\ntry:\n    os.openpty()\n    got.append('openpty')\n"
               "except OSError:\n    pass\nraise RuntimeError(f'got {got}')")
    assert said(code).startswith("RuntimeError: got []")


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


def test_a_hand_in_cannot_lift_its_own_cgroup_limits() -> None:
    """Its own cgroup namespace with a v1 memory or pids hierarchy mounted in it would let a root-uid hand-in
    rewrite its limits: no namespace, no mount."""
    seen = said(net(LIFT_CGROUP_LIMITS))
    assert seen.startswith("RuntimeError: raised []"), seen
