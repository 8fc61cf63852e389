"""Hostile and runaway hand-ins: each ends with a clear message, within its limit, harming nothing.

These run the real sandbox: bubblewrap namespaces (no network, read-only file system,
data and reports hidden) and a cgroup or watchdog for memory and processes.
"""
from __future__ import annotations

import resource
import socket
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from grader.pipeline import Options, grade_submission
from grader.sandbox.isolation import FULL
from grader.sandbox.limits import GiB, Limits
from grader.sandbox.measure import accuracy
from tests.helpers import short_training, without_training
from tests.helpers import GOOD_NET

LIMITS = Limits(import_s=8, probe_s=8, memory_bytes=2 * GiB, processes=64, output_bytes=4 * 1024**2)


def in_init(code: str) -> str:
    """The good network, with ``code`` run at the start of ``__init__``."""
    body = "\n".join("        " + line for line in code.strip().splitlines())
    return GOOD_NET.replace("super().__init__()", "super().__init__()\n" + body)


@pytest.fixture(scope="module")
def probe_rubric(rubric):
    return without_training(rubric)


def grade(tmp_path: Path, code: str, rubric, limits: Limits = LIMITS, **kw):
    folder = tmp_path / "submissions" / "hostile"
    folder.mkdir(parents=True)
    (folder / "DeepMNIST.py").write_text(code)
    started = time.perf_counter()
    result = grade_submission(folder, rubric, Options(limits=limits, **kw))
    return result, time.perf_counter() - started


@pytest.mark.parametrize("case, code, message, bound_s", [
    ("loop at import", GOOD_NET.replace("class Net(nn.Module):", "class Net(nn.Module):\n    while True: pass"),
     "failed while importing the code: timed out after 8 s", 25),
    ("30 GiB allocation", in_init("big = torch.zeros(30 * 2**30 // 4)"),
     "you tried to allocate 32212254720 bytes", 25),
    ("memory leak", in_init("keep = [torch.ones(2**26) for _ in range(100)]"),
     # touching 2 GiB of pages takes over 8 s on a loaded machine: this case gets a 30 s stage (below);
     # the kernel kills it, or it is still held at the limit when the stage times out
     "2 GiB memory limit", 50),
    ("fork bomb", in_init("import os\nfor _ in range(8):\n    os.fork()\nimport time; time.sleep(30)"),
     "tried to start more than 64 processes", 30),
    ("prints a gigabyte", in_init("for _ in range(1000):\n    print('x' * 1_000_000)"),
     "printed more than 4 MiB of output", 30),
    ("sys.exit at import", "class Quit:\n    import sys\n    sys.exit(3)\n" + GOOD_NET,
     "failed while importing the code: SystemExit: 3", 25),
])
def test_runaway_code_is_stopped_with_the_cause(probe_rubric, tmp_path: Path, case: str, code: str, message: str,
                                                bound_s: float) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    limits = replace(LIMITS, import_s=30) if case == "memory leak" else LIMITS
    result, took = grade(tmp_path, code, probe_rubric, limits)
    build = result.check("code.build")
    assert build.status == "fail" and message in build.feedback, build.feedback
    assert took < bound_s
    assert result.check("p1.d").feedback == "no answer found"  # the rest is still graded
    grew_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grew_kib < 300 * 1024, f"the grader itself grew by {grew_kib} KiB"


def test_isolation_hides_data_reference_and_network(probe_rubric, tmp_path: Path, data_root: str) -> None:
    hits: list[str] = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(15)
    port = server.getsockname()[1]

    def accept() -> None:
        try:
            hits.append(str(server.accept()[1]))
        except OSError:
            pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    labels = Path(data_root).resolve() / "MNIST" / "raw" / "t10k-labels-idx1-ubyte"
    reference = probe_rubric.path.resolve().parent / "backprop.py"
    outside = tmp_path / "escaped.txt"
    code = in_init(f"""
import socket
leaks = []
for path in ({str(labels)!r}, {str(reference)!r}):
    try:
        open(path, 'rb').read(1)
        leaks.append(path)
    except OSError:
        pass
try:
    socket.create_connection(('127.0.0.1', {port}), timeout=2)
    leaks.append('network')
except OSError:
    pass
for target in ({str(outside)!r}, '../escaped.txt'):
    try:
        open(target, 'w').write('x')
    except OSError:
        pass
if leaks:
    raise RuntimeError('LEAKED ' + ', '.join(leaks))
""")
    result, _ = grade(tmp_path, code, probe_rubric, hidden=(tmp_path,), data_root=data_root)
    server.close()
    assert result.measurements["isolation"] == FULL
    build = result.check("code.build")
    assert build.status == "pass", build.feedback
    assert hits == []
    assert not outside.exists() and not (tmp_path / "submissions" / "escaped.txt").exists()


def test_symlinked_code_is_not_followed(probe_rubric, tmp_path: Path) -> None:
    folder = tmp_path / "submissions" / "link"
    folder.mkdir(parents=True)
    (folder / "DeepMNIST.py").symlink_to("/etc/passwd")
    result = grade_submission(folder, probe_rubric, Options())
    assert any("symbolic link" in n for n in result.notes)
    assert result.check("code.build").status == "fail"


def test_predictions_are_judged_in_a_shuffled_order() -> None:
    """Memorised label positions gain nothing: the child sees the test images in a seeded random order."""
    labels = torch.arange(1000) % 10
    perm = torch.randperm(1000, generator=torch.Generator().manual_seed(1))
    assert accuracy(labels[perm].tolist(), perm, labels) == 100.0
    assert accuracy(labels.tolist(), perm, labels) < 20.0  # the labels in file order


def test_exit_during_training_is_named(rubric, tmp_path: Path, data_root: str) -> None:
    short = short_training(rubric)
    code = GOOD_NET.replace("def forward(self, x):", "def forward(self, x):\n        import os\n"
                            "        self.calls = getattr(self, 'calls', 0) + 1\n"
                            "        if self.training and self.calls > 5: os._exit(0)")
    result, took = grade(tmp_path, code, short, data_root=data_root)
    acc = result.check("code.accuracy")
    assert acc.status == "fail" and "failed while training: the process ended early (exit code 0)" in acc.feedback
    assert result.check("code.build").status == "pass"


def test_patching_torch_cannot_raise_the_accuracy(rubric, tmp_path: Path, data_root: str) -> None:
    """A hand-in that patches Tensor.argmax changes only its own predictions: the grader holds the labels."""
    short = short_training(rubric)
    code = in_init("torch.Tensor.argmax = lambda self, dim=None, keepdim=False: torch.zeros(self.shape[0], "
                   "dtype=torch.long)")
    result, _ = grade(tmp_path, code, short, data_root=data_root)
    assert result.measurements["accuracy"] < 12.0  # every prediction is class 0: about 9.8 %
    assert result.check("code.accuracy").status == "fail"


def test_links_planted_in_the_childs_folder_are_never_followed(rubric, tmp_path: Path, data_root: str) -> None:
    """The child replaces the files the grader writes or reads back later with links to a file of the
    grader's: the grader replaces the links (never writes through them) and reads its own log handle."""
    canary = tmp_path / "canary.txt"
    canary.write_text("grader secret")
    plant = (f"import os\nfor _name in ('plan.json', 'cached.pt', 'output.log'):\n"
             f"    if os.path.lexists(_name): os.remove(_name)\n    os.symlink({str(canary)!r}, _name)\n"
             "print('planted')")
    result, _ = grade(tmp_path, in_init(plant), short_training(rubric), data_root=data_root,
                      weights_cache=tmp_path / "cache")
    assert canary.read_text() == "grader secret"
    assert result.measurements["accuracy"] > 80  # the hand-in itself was graded as usual
    tail = result.to_dict()["measurements"]  # the report never carries the linked file's text
    assert "grader secret" not in str(tail) and "grader secret" not in str(result.notes)


def test_a_child_cannot_extend_its_time_by_talking_to_the_cache(rubric, tmp_path: Path, data_root: str) -> None:
    """The stage clock restarts once after the cache's answer; more fingerprint events do not restart it."""
    code = GOOD_NET.replace("def forward(self, x):", """def forward(self, x):
        import json, os, time
        if x.shape[0] > 100:
            fd = json.load(open('request.json'))['fd']
            for _ in range(60):  # 30 s of chatter, then an ordinary training (if the clock let it)
                os.write(fd, b'{"type": "fingerprint", "key": null}\\n')
                time.sleep(0.5)""")
    result, took = grade(tmp_path, code, short_training(rubric), data_root=data_root, train_timeout_s=6,
                         weights_cache=tmp_path / "cache")
    assert "failed while training: timed out after 6 s" in result.check("code.accuracy").feedback
    assert took < 28
