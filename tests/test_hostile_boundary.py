"""Hostile hand-ins against the child boundary: what crosses the sandbox's walls is checked, not believed.

Each test is one class of attack, run through the real sandbox with a short training at most.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import torch

from grader.cli import main
from grader.data import load_dataset, shared_arrays_folder
from grader.pipeline import Options, grade_submission
from grader.sandbox import isolation
from grader.sandbox.limits import GiB, Limits
from grader.weights_cache import WeightsCache
from tests.conftest import ROOT
from tests.helpers import short_training, without_training
from tests.helpers import GOOD_NET

LIMITS = Limits(import_s=60, probe_s=30, memory_bytes=2 * GiB)
ONE_LAYER = """
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(784, 10)
%s
    def forward(self, x):
        return self.fc(x.flatten(1))
"""
STEAL_CHANNEL = """
import gc
send = next(o for o in gc.get_objects() if getattr(o, '__qualname__', '') == '_channel.<locals>.send')
"""


def handin(tmp_path: Path, code: str, name: str = "mallory") -> Path:
    folder = tmp_path / "submissions" / name
    folder.mkdir(parents=True)
    (folder / "DeepMNIST.py").write_text(code)
    return folder


def body(code: str) -> str:
    return "\n".join("        " + line for line in code.strip().splitlines())


@pytest.fixture(scope="module")
def probe_rubric(rubric):
    return without_training(rubric)


def test_a_probe_forged_through_sys_modules_does_not_pass(probe_rubric, tmp_path: Path) -> None:
    """A one-layer net patches the grader's measuring code to report the reference's 431,080 parameters."""
    shapes = {"conv1.weight": [20, 1, 5, 5], "conv1.bias": [20], "conv2.weight": [50, 20, 5, 5], "conv2.bias": [50],
              "fc1.weight": [500, 800], "fc1.bias": [500], "fc2.weight": [10, 500], "fc2.bias": [10]}
    fake = [{"name": n, "shape": s, "numel": int(torch.Size(s).numel())} for n, s in shapes.items()]
    forge = f"import sys\nfor name in list(sys.modules):\n    if name.startswith('grader'):\n" \
            f"        setattr(sys.modules[name], 'parameters', lambda model: {fake!r})"
    result = grade_submission(handin(tmp_path, ONE_LAYER % body(forge)), probe_rubric, Options(limits=LIMITS))
    params = result.check("code.params")
    assert params.score == 0 and params.status in ("review", "fail"), params.feedback
    reasons = {f["reason"] for f in result.measurements["integrity"]}
    assert "the reported parameter count differs from the weights handed over" in reasons
    assert "reaches into the interpreter's internals" in reasons  # the static scan saw sys.modules
    assert all(f["evidence"] for f in result.measurements["integrity"])


@pytest.mark.parametrize("attack, message", [
    ("send('probe', parameters=12345)", "a malformed 'probe' event"),
    ("send('stage', stage='import')", "the stage 'import' after 'build'"),  # ping-pong to restart the clock
    ("import json, os\nfd = json.load(open('request.json'))['fd']\n"
     "nonce = next(c.cell_contents for c in send.__closure__ if isinstance(c.cell_contents, str))\n"
     "os.write(fd, b'{\"type\": \"probe\", \"k\": \"' + nonce.encode() + b'\", \"x\": ' + b'[' * 200000 + b'\\n')",
     "nested too deep"),
])
def test_malformed_events_from_a_stolen_channel_fail_only_that_hand_in(probe_rubric, tmp_path: Path, attack: str,
                                                                       message: str) -> None:
    code = GOOD_NET.replace("super().__init__()", "super().__init__()\n" + body(STEAL_CHANNEL + attack))
    result = grade_submission(handin(tmp_path, code), probe_rubric, Options(limits=LIMITS))
    build = result.check("code.build")
    assert build.status == "fail" and "sent what the grader cannot accept" in build.feedback, build.feedback
    assert message in build.feedback
    assert result.check("p2.a").feedback == "no answer found"  # the rest is graded as usual


def test_the_child_sees_only_its_whitelist_and_its_errors_are_cut(probe_rubric, tmp_path: Path,
                                                                  data_root: str) -> None:
    """No home folder, no /etc, no dataset, no project around the grader package; a long error carries
    nothing much out."""
    probes = [str(Path.home()), "/etc/passwd", "/etc/hostname", str(Path(data_root).resolve()), str(ROOT / "tests"),
              str(ROOT / "reference"), str(ROOT / "submissions"), "/var", "/srv", "/mnt", "/home"]
    arrays = shared_arrays_folder().resolve()
    code = GOOD_NET.replace("super().__init__()", "super().__init__()\n" + body(f"""
import os, sys
def visible(p):  # a folder on the way to the interpreter or the training arrays shows only that
    if not os.path.isdir(p):
        return os.path.exists(p)
    return any(not any(n.startswith(os.path.join(p, e)) for n in (sys.prefix, {str(arrays)!r})) for e in os.listdir(p))
seen = [p for p in {probes!r} if visible(p)]
etc = sorted(os.listdir('/etc')) if os.path.isdir('/etc') else []
raise RuntimeError('SEEN ' + repr(seen) + ' ETC ' + repr(etc) + ' ' + 'y' * 5000)"""))
    result = grade_submission(handin(tmp_path, code), probe_rubric, Options(limits=LIMITS, data_root=data_root))
    feedback = result.check("code.build").feedback
    assert "SEEN []" in feedback, feedback
    assert "ETC []" in feedback or "ETC ['ld.so.cache']" in feedback  # what the dynamic linker reads, no more
    assert "y" * 300 not in feedback and len(feedback) < 450


def test_a_child_cannot_fill_the_graders_disk(probe_rubric, tmp_path: Path) -> None:
    """Writing 2 GiB in files under the per-file cap stops at the child's folder's total cap."""
    code = GOOD_NET.replace("super().__init__()", "super().__init__()\n" + body("""
written = 0
try:
    for i in range(256):
        with open(f'chunk{i}', 'wb') as fh:
            fh.write(b'x' * (8 << 20))
        written += 8
finally:
    raise RuntimeError(f'wrote {written} MiB')"""))
    limits = Limits(import_s=60, probe_s=30, memory_bytes=2 * GiB, disk_bytes=32 * 1024**2)
    result = grade_submission(handin(tmp_path, code), probe_rubric, Options(limits=limits))
    feedback = result.check("code.build").feedback
    written = int(feedback.split("wrote ")[1].split(" MiB")[0])
    assert written <= 32, feedback


def test_accuracy_carried_in_the_hand_in_does_not_pass(rubric, tmp_path: Path, data_root: str) -> None:
    """The test labels by image hash: 100 % without learning goes to a person, with the evidence."""
    test = load_dataset(rubric.code.dataset, data_root)
    table = {hashlib.md5(img.numpy().tobytes()).hexdigest()[:12]: int(y)
             for img, y in zip(test.test_images, test.test_labels)}
    code = f"""
import hashlib
LABELS = {table!r}
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.dummy = nn.Parameter(torch.zeros(1))
    def forward(self, x):
        out = torch.zeros(x.shape[0], 10) + self.dummy * 0
        raw = torch.round((x * 0.3081 + 0.1307) * 255).clamp(0, 255).to(torch.uint8).contiguous()
        for i in range(x.shape[0]):
            y = LABELS.get(hashlib.md5(raw[i, 0].numpy().tobytes()).hexdigest()[:12])
            if y is not None:
                out[i, y] = 10.0
        return out
"""
    result = grade_submission(handin(tmp_path, code), short_training(rubric), Options(
        limits=LIMITS, data_root=data_root, train_timeout_s=240))
    acc = result.check("code.accuracy")
    assert result.measurements["accuracy"] > 95  # the trick itself works...
    assert acc.status == "review" and acc.score == 0, acc.feedback  # ...and earns nothing without a person
    reasons = {f["reason"] for f in result.measurements["integrity"]}
    assert {"the untrained network already classifies the test images",
            "a high accuracy without a falling training loss", "carries a large embedded constant"} <= reasons


def test_a_poisoned_cache_entry_is_discarded_and_the_network_trained(rubric, tmp_path: Path,
                                                                     data_root: str) -> None:
    """An entry whose weights do not reproduce its recorded accuracy hurts no one: it is dropped on the
    first hit, the network is trained, and honest runs install the right weights."""
    quick = short_training(rubric, images=2000)
    options = Options(data_root=data_root, weights_cache=tmp_path / "cache", limits=LIMITS)
    example = (ROOT / "submissions" / "example-correct" / "DeepMNIST.py").read_text()
    first = grade_submission(handin(tmp_path, example, "alice"), quick, options).measurements
    key = first["fingerprint"]
    cache = WeightsCache(tmp_path / "cache")
    assert key and cache.lookup(key) is None  # one student alone installs nothing
    poisoned = [torch.zeros(20, 1, 5, 5), torch.zeros(20), torch.zeros(50, 20, 5, 5), torch.zeros(50),
                torch.zeros(500, 800), torch.zeros(500), torch.zeros(10, 500), torch.zeros(10)]
    record = {"epoch_losses": [0.1], "loss_curve": [0.1], "steps": 16, "train_s": 1.0, "channels_last": True,
              "train_images": 2000}
    assert cache.offer(key, poisoned, record, first["accuracy"], source="planted", trusted=True)  # a forged record
    second = grade_submission(handin(tmp_path, example, "bob"), quick, options).measurements
    assert second["accuracy"] == first["accuracy"] and not second["weights_from_cache"]
    assert second["child"]["cache_entry_discarded"] is True
    hit = cache.lookup(key)  # alice and bob agree: their weights replace the planted ones
    assert hit is not None and hit[1]["accuracy"] == first["accuracy"]


def test_without_namespaces_student_code_does_not_run_unless_allowed(probe_rubric, tmp_path: Path,
                                                                     monkeypatch, capsys) -> None:
    monkeypatch.setattr(isolation, "bubblewrap", lambda: None)
    monkeypatch.setattr("grader.cli.bubblewrap", lambda: None)
    folder = handin(tmp_path, "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n" + GOOD_NET)
    with pytest.raises(isolation.IsolationUnavailable):
        grade_submission(folder, probe_rubric, Options(limits=LIMITS))
    assert main([str(folder), "--out", str(tmp_path / "reports")]) == 1
    assert "bubblewrap" in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()
    result = grade_submission(folder, probe_rubric, Options(limits=LIMITS, allow_unisolated=True,
                                                            weights_cache=tmp_path / "cache"))
    assert result.check("code.build").status == "pass"
    assert result.measurements["isolation"] == isolation.UNISOLATED
    assert any("without isolation" in n for n in result.notes)
    assert not os.listdir(tmp_path / "cache")  # no cache reads or writes when the child could reach it
