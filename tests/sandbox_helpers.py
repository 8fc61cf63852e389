"""Small hand-ins run through the real sandbox path (cold or warm, as the environment says), shared by the
sandbox tests."""
from __future__ import annotations

from pathlib import Path

from grader.sandbox.limits import Limits
from grader.sandbox.runner import ChildJob, run_child

NET = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        {init}
        self.fc1 = nn.Linear(784, 32)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x.view(-1, 784))))
'''

# A root-uid hand-in's way to lift its own memory and process limits: a user, mount and cgroup namespace of its
# own, the cgroup v1 memory and pids hierarchies mounted there (rooted at its own cgroup), their files rewritten.
LIFT_CGROUP_LIMITS = (
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


def net(init: str = "pass") -> str:
    return NET.replace("{init}", init.replace("\n", "\n        "))


def run(code: str, **limits: float):
    job = ChildJob(code, "DeepMNIST.py", "Net", (1, 28, 28), 0, "cpu", 1, 0.1307, 0.3081, None,
                   Limits(import_s=30, probe_s=30, **limits))
    return run_child(job, None)


def said(code: str) -> str:
    """What a hand-in found out, raised as its error (the one thing a child's code can make the report show)."""
    result = run(code)
    assert result.error is not None, result.as_mapping()
    return result.error.error


def fingerprint(result) -> tuple:
    assert result.error is None and result.done, result.as_mapping()
    return result.probe, result.weights_state


def processes_named(name: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == name:
                found.append(int(entry.name))
        except OSError:
            continue
    return found
