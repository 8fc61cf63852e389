"""Write a made-up class of hand-ins for this homework: the batch tests' and benchmark's workload.

Variants a real class has: correct networks with renamed layers (functional and module
ReLUs, ``view`` and ``flatten``), ``nn.Sequential`` versions written as reports, the
typical answer slips, a wrong architecture, broken code and hostile code. Each hand-in
comes with the points it must lose (``EXPECTED_LOSSES``), so a test can check the
whole gradebook. ``python -m reference.mnist_backprop.classgen OUT --size 30``.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

RENAMED = '''import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.{a} = nn.Conv2d(1, 20, 5, 1)
        self.{b} = nn.Conv2d(20, {c2}, 5, 1)
        self.{c} = nn.Linear(4 * 4 * {c2}, 500)
        self.{d} = nn.Linear(500, 10)
        self.relu = nn.ReLU()

    def forward(self, x):
        x = F.max_pool2d(self.relu(self.{a}(x)), 2, 2)
        x = F.max_pool2d(F.relu(self.{b}(x)), 2, 2)
        x = {flatten}
        x = self.relu(self.{c}(x))
        return self.{d}(x)
'''

SEQUENTIAL = '''import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.{a} = nn.Sequential(nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2),
                                 nn.Conv2d(20, 50, 5), nn.ReLU(), nn.MaxPool2d(2))
        self.{b} = nn.Sequential(nn.Flatten(), nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10))

    def forward(self, x):
        return self.{b}(self.{a}(x))
'''

BROKEN = {
    "syntax": "import torch.nn as nn\n\nclass Net(nn.Module)\n    pass\n",
    "init-raises": ("import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self):\n"
                    "        super().__init__()\n        self.fc = nn.Linear(784, 10)\n        1 / 0\n"),
    "no-net": "import torch.nn as nn\n\nclass Model(nn.Module):\n    pass\n",
}

HOSTILE = {
    "forward-loops": RENAMED.replace("    def forward(self, x):\n", "    def forward(self, x):\n        while True:\n"
                                     "            pass\n"),
    "huge-allocation": RENAMED.replace("        self.relu = nn.ReLU()\n",
                                       "        self.relu = nn.ReLU()\n        self.pad = torch.ones(2**36)\n"),
    "phones-home": RENAMED.replace("        self.relu = nn.ReLU()\n", "        self.relu = nn.ReLU()\n"
                                   "        import socket\n        socket.create_connection(('10.0.0.1', 80), 3)\n"),
}

NAMES = [("conv1", "conv2", "fc1", "fc2"), ("c1", "c2", "f1", "f2"), ("layer1", "layer2", "dense", "out"),
         ("first", "second", "hidden", "logits")]
FLATTEN = ["x.view(-1, 4 * 4 * {c2})", "torch.flatten(x, 1)", "x.reshape(x.size(0), -1)"]

# Points each kind of hand-in must lose, by rubric item (every other automatic item earns full points).
CODE_ITEMS_LOST = {"code.build": 0.0, "code.shapes": 0.0, "code.params": 0.0, "code.accuracy": 0.0}
MISTAKES = {"p1.b.i": 0.5, "p1.e.w1": 1.0, "p1.f.grad": 1.5, "p1.f.update": 0.0, "p2.a": 1.5,
            "p2.c": round(3 * 8 / 9, 4), "code.claims": round(2 / 3, 4)}
EXPECTED_LOSSES: dict[str, dict[str, float]] = {
    "correct": {},
    "sequential": {},
    "mistakes": MISTAKES,
    # conv2 with 64 filters: 9 of 13 layer shapes still right, the count wrong, its stated count no longer true.
    "wide": {"code.shapes": round(2 * 9 / 13, 4), "code.params": 0.0, "code.claims": round(2 / 3, 4)},
    **{f"broken-{k}": {**CODE_ITEMS_LOST, "code.claims": 0.0} for k in BROKEN},
    **{f"hostile-{k}": {**CODE_ITEMS_LOST, "code.claims": 0.0} for k in HOSTILE},
}
# How a class of 30 is made up: mostly the standard network, as in a real class.
MIX = (["correct"] * 9 + ["sequential"] * 6 + ["mistakes"] * 6 + ["wide"] * 3
       + [f"broken-{k}" for k in BROKEN] + [f"hostile-{k}" for k in HOSTILE])


def write_class(out: Path, examples: Path, size: int = 30, mix: list[str] | None = None) -> dict[str, str]:
    """Write ``size`` hand-ins into ``out`` (kinds drawn in turn from ``mix``); returns hand-in id -> kind.

    ``examples``: the folder of the example hand-ins the answers are taken from.
    """
    out.mkdir(parents=True, exist_ok=True)
    mix = mix or MIX
    kinds: dict[str, str] = {}
    for i in range(size):
        kind = mix[i % len(mix)]
        handin = out / f"s{i:03d}-{kind}"
        _write(handin, kind, i, examples)
        kinds[handin.name] = kind
    return kinds


def _write(handin: Path, kind: str, i: int, examples: Path) -> None:
    a, b, c, d = NAMES[i % len(NAMES)]
    flatten = FLATTEN[i % len(FLATTEN)]
    standard = RENAMED.format(a=a, b=b, c=c, d=d, c2=50, flatten=flatten.format(c2=50))
    if kind == "sequential":
        shutil.copytree(examples / "example-report", handin)
        (handin / "DeepMNIST.py").write_text(SEQUENTIAL.format(a=a, b=b))
        return
    shutil.copytree(examples / ("example-mistakes" if kind == "mistakes" else "example-correct"), handin)
    if kind == "wide":
        code = RENAMED.format(a=a, b=b, c=c, d=d, c2=64, flatten=flatten.format(c2=64))
    elif kind.startswith("broken-"):
        code = BROKEN[kind.removeprefix("broken-")]
    elif kind.startswith("hostile-"):
        code = HOSTILE[kind.removeprefix("hostile-")].format(a=a, b=b, c=c, d=d, c2=50, flatten="x.view(-1, 800)")
    else:
        code = standard
    (handin / "DeepMNIST.py").write_text(code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", type=int, default=30)
    parser.add_argument("--examples", type=Path, default=Path(__file__).resolve().parents[2] / "submissions")
    args = parser.parse_args()
    for handin, kind in write_class(args.out, args.examples, args.size).items():
        print(f"{handin}\t{kind}")


if __name__ == "__main__":
    main()
