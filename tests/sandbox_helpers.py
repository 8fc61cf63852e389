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
