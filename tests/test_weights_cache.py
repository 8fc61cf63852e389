"""Each distinct network is trained once: fingerprints, the cache's trust rules, and a batch that uses them."""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from grader import training
from grader.pipeline import Options, grade_submission
from grader.sandbox.fingerprint import fingerprint, state_tensors
from grader.sandbox.workdir import WorkDir
from grader.weights_cache import WeightsCache
from reference.mnist_backprop.net import Net
from tests.conftest import ROOT
from tests.helpers import short_training


class Renamed(nn.Module):
    """The reference network with other names, nn.ReLU modules, nn.MaxPool2d and view()."""

    def __init__(self) -> None:
        super().__init__()
        self.a = nn.Conv2d(1, 20, 5)
        self.b = nn.Conv2d(20, 50, 5)
        self.c = nn.Linear(800, 500)
        self.d = nn.Linear(500, 10)
        self.act, self.pool = nn.ReLU(), nn.MaxPool2d(2)

    def forward(self, x):
        x = self.pool(self.act(self.a(x)))
        x = self.pool(self.act(self.b(x)))
        return self.d(self.act(self.c(x.view(-1, 800))))


class AsSequential(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(20, 50, 5),
                                      nn.ReLU(), nn.MaxPool2d(2))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10))

    def forward(self, x):
        return self.head(self.features(x))


class NoHiddenRelu(Net):
    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2, 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2, 2)
        return self.fc2(self.fc1(torch.flatten(x, 1)))


class Scaled(Net):
    """A plain tensor attribute (not a buffer) changes what is computed: its values count."""

    def __init__(self, scale: float = 0.5) -> None:
        super().__init__()
        self.scale = torch.tensor(scale)

    def forward(self, x):
        return super().forward(x) * self.scale


class Counting(Net):
    """A forward that changes from call to call cannot be fingerprinted."""

    calls = 0

    def forward(self, x):
        Counting.calls += 1
        out = super().forward(x)
        return out * 2 if Counting.calls % 2 else out


def key_of(cls, seed: int = 0, channels_last: bool = True, **kwargs):
    torch.manual_seed(seed)
    return fingerprint_of(cls(**kwargs), channels_last)


def fingerprint_of(model: nn.Module, channels_last: bool = True):
    """(key, order, why) of ``model`` on two fixed batches, in the given layout."""
    layout = torch.channels_last if channels_last else torch.contiguous_format
    model.to(memory_format=layout)
    gen = torch.Generator().manual_seed(1)
    batches = [(torch.randn(8, 1, 28, 28, generator=gen).contiguous(memory_format=layout),
                torch.randint(0, 10, (8,), generator=gen)) for _ in range(2)]
    return fingerprint(model, batches, nn.CrossEntropyLoss(label_smoothing=0.1), "recipe",
                       lambda: training.layout_context(layout))


@pytest.mark.parametrize("channels_last", [True, False])
def test_one_network_written_three_ways_has_one_fingerprint(channels_last: bool) -> None:
    keys = {key_of(cls, channels_last=channels_last)[0] for cls in (Net, Renamed, AsSequential)}
    assert len(keys) == 1 and None not in keys


def test_what_changes_training_changes_the_fingerprint() -> None:
    base = key_of(Net)[0]
    assert key_of(Net, seed=1)[0] != base  # other initial weights
    assert key_of(NoHiddenRelu)[0] != base  # another computation
    assert key_of(Scaled, scale=0.5)[0] != key_of(Scaled, scale=0.25)[0]  # a constant's value
    torch.manual_seed(0)
    frozen = Net()
    frozen.conv1.weight.requires_grad_(False)
    assert fingerprint_of(frozen)[0] != base  # what the optimizer updates


def test_a_step_that_changes_between_calls_gets_no_fingerprint() -> None:
    key, order, why = key_of(Counting)
    assert key is None and order == [] and "differs from call to call" in why


def test_fingerprinting_leaves_weights_gradients_and_rng_as_they_were() -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.Dropout(0.5), nn.Flatten(), nn.Linear(2704, 10))
    before = [t.detach().clone() for _, t in state_tensors(model)]
    batches = [(torch.randn(4, 1, 28, 28), torch.arange(4))] * 2
    rng = torch.get_rng_state()
    key, order, _ = fingerprint(model, batches, nn.CrossEntropyLoss(),
                                "recipe", lambda: training.layout_context(torch.contiguous_format))
    assert key is not None and len(order) == len(before)
    assert all(torch.equal(a, t) for a, (_, t) in zip(before, state_tensors(model)))  # BN running stats too
    assert all(p.grad is None for p in model.parameters())
    assert torch.equal(torch.get_rng_state(), rng)


RECORD = {"epoch_losses": [0.5], "loss_curve": [0.9, 0.5], "steps": 10, "train_s": 1.0, "channels_last": True,
          "train_images": 100}


def test_the_cache_installs_only_trusted_or_agreed_weights(tmp_path: Path) -> None:
    cache = WeightsCache(tmp_path / "cache")
    key, other = "a" * 40, "b" * 40
    good, bad = [torch.ones(3)], [torch.zeros(3)]
    assert not cache.offer(key, bad, {}, 10.0, source="mallory", trusted=False)
    assert not cache.offer(key, good, {}, 99.0, source="alice", trusted=False)  # disagrees with mallory: no quorum
    assert not cache.offer(key, good, {}, 99.0, source="alice", trusted=False)  # the same source twice is one vote
    assert cache.lookup(key) is None
    assert cache.offer(key, good, RECORD, 99.0, source="bob", trusted=False)  # alice and bob agree
    data, meta = cache.lookup(key)
    assert torch.equal(torch.load(io.BytesIO(data), weights_only=True)[0], torch.ones(3))
    assert meta["installed_by"] == "agreement of two students" and meta["epoch_losses"] == [0.5]
    assert meta["accuracy"] == 99.0  # what the parent measured, recorded with the entry
    assert not cache.offer(key, bad, {}, 10.0, source="ref", trusted=True)  # never replaced
    assert cache.offer(other, good, RECORD, 99.0, source="ref", trusted=True) and cache.lookup(other) is not None
    assert not cache.offer("../../x", good, {}, 99.0, source="ref", trusted=True) and cache.lookup("../../x") is None


def test_a_resubmission_cannot_vote_twice_and_votes_must_agree_on_the_accuracy(tmp_path: Path) -> None:
    """Poisoning by a resubmission: the same student (same hand-in id, other code) is one source; and the
    same weights can only have one accuracy, so a run reporting another is no vote."""
    cache = WeightsCache(tmp_path / "cache")
    key, poisoned = "c" * 40, [torch.zeros(4)]
    assert not cache.offer(key, poisoned, {}, 9.8, source="mallory", trusted=False)
    assert not cache.offer(key, poisoned, {}, 9.8, source="mallory", trusted=False)  # her resubmission
    assert cache.lookup(key) is None
    assert not cache.offer(key, poisoned, {}, 99.0, source="eve", trusted=False)  # same bytes, other accuracy
    assert cache.lookup(key) is None


def test_an_entry_without_a_measured_accuracy_or_with_other_bytes_is_no_hit(tmp_path: Path) -> None:
    cache = WeightsCache(tmp_path / "cache")
    key = "d" * 40
    assert cache.offer(key, [torch.ones(2)], RECORD, 98.0, source="ref", trusted=True)
    assert cache.lookup(key) is not None
    (tmp_path / "cache" / f"{key}.pt").write_bytes(tensor_bytes(torch.zeros(2)))  # written behind its back
    assert cache.lookup(key) is None
    cache.discard(key)
    data = tensor_bytes(torch.ones(2))  # an entry whose bytes match its record, but with no measured accuracy
    (tmp_path / "cache" / f"{key}.pt").write_bytes(data)
    (tmp_path / "cache" / f"{key}.json").write_text(json.dumps(
        {**RECORD, "installed_by": "reference", "sha256": hashlib.sha256(data).hexdigest()}))
    assert cache.lookup(key) is None
    assert cache.offer(key, [torch.ones(2)], {**RECORD, "loss_curve": None}, 98.0, source="ref", trusted=True)
    assert cache.lookup(key) is None  # a partial record would fail an honest hand-in's report: no entry
    cache.discard(key)
    assert not (tmp_path / "cache" / f"{key}.pt").exists() and not (tmp_path / "cache" / f"{key}.json").exists()


def tensor_bytes(t: torch.Tensor) -> bytes:
    buf = io.BytesIO()
    torch.save([t], buf)
    return buf.getvalue()


def test_the_childs_folder_is_written_and_read_without_following_links(tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    canary.write_text("secret")
    work = tmp_path / "work"
    work.mkdir()
    for name in ("plan.json", "offer.pt"):
        os.symlink(canary, work / name)
    os.mkfifo(work / "fifo")
    with WorkDir(work) as folder:
        folder.write("plan.json", b"{}")
        assert (work / "plan.json").read_text() == "{}" and not (work / "plan.json").is_symlink()
        assert folder.read("offer.pt", 1000) is None and folder.read("fifo", 1000) is None
        assert folder.read("plan.json", 1) is None  # over the cap
        assert folder.read("plan.json", 1000) == b"{}"
    assert canary.read_text() == "secret" and not list(work.glob(".grader-*"))


@pytest.mark.training
def test_two_spellings_of_a_network_agree_and_a_third_loads_their_weights(rubric, data_root, tmp_path) -> None:
    quick = short_training(rubric, images=2000)
    options = Options(data_root=data_root, weights_cache=tmp_path / "cache")
    handins = {}
    for name, source in (("alice", "example-correct"), ("bob", "example-report"), ("carol", "example-mistakes")):
        shutil.copytree(ROOT / "submissions" / source, tmp_path / "class" / name)
    for name in ("alice", "bob", "carol"):
        handins[name] = grade_submission(tmp_path / "class" / name, quick, options)
    alice, bob, carol = (handins[n].measurements for n in ("alice", "bob", "carol"))
    assert alice["fingerprint"] == bob["fingerprint"] == carol["fingerprint"] is not None
    # alice's and bob's children trained independently and wrote byte-identical weights: installed.
    assert not alice["weights_from_cache"] and not bob["weights_from_cache"] and carol["weights_from_cache"]
    assert alice["accuracy"] == bob["accuracy"] == carol["accuracy"]
    assert "weights from the cache" in handins["carol"].check("code.accuracy").feedback
    assert handins["carol"].timings["train_s"] == 0.0
    assert carol["epoch_losses"] == alice["epoch_losses"]
