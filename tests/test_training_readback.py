"""The loss stays on the device and is read back every READ_BACK_EVERY steps: the same weights, curve and
epoch losses, bit for bit, as the plain loop that read it back every step; a NaN still stops training."""
from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from grader import training
from grader.training import READ_BACK_EVERY, Recipe, normalise, set_determinism, train

MEAN, STD, SEED = 0.13, 0.31, 3
CPU = torch.device("cpu")
# the CUDA cases run wherever a GPU is (the device path: data moved once, the loss summed there)
DEVICES = ["cpu", pytest.param("cuda", marks=pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA"))]


class Tiny(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(28 * 28, 16)
        self.fc2 = nn.Linear(16, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(torch.relu(self.fc1(x.flatten(1))))


def data(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(11)
    return (torch.randint(0, 256, (n, 28, 28), dtype=torch.uint8, generator=g),
            torch.randint(0, 10, (n,), dtype=torch.uint8, generator=g))


def per_step_loop(model: nn.Module, images: torch.Tensor, labels: torch.Tensor, recipe: Recipe,
                  device: torch.device = CPU) -> dict:
    """The loop as it was: ``float(loss)`` every step, summed on the host."""
    model.to(device)
    g = torch.Generator().manual_seed(SEED)
    n = math.ceil(images.shape[0] / recipe.batch_size)
    opt = torch.optim.Adam(model.parameters(), lr=recipe.max_lr, weight_decay=recipe.weight_decay)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=recipe.max_lr, total_steps=n * recipe.epochs,
                                                pct_start=recipe.pct_start)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=recipe.label_smoothing)
    curve, epoch_losses, step = [], [], 0
    model.train()
    for _ in range(recipe.epochs):
        order, running = torch.randperm(images.shape[0], generator=g), 0.0
        for i in range(1, n + 1):
            idx = order[(i - 1) * recipe.batch_size: i * recipe.batch_size]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(normalise(images[idx], MEAN, STD, device)), labels[idx].to(device).long())
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            running += float(loss.detach())
            if step % 50 == 0 or i == n:
                curve.append(round(running / i, 5))
        epoch_losses.append(round(running / n, 5))
    return {"loss_curve": curve, "epoch_losses": epoch_losses, "steps": step}


def fresh(cls: type[nn.Module] = Tiny) -> nn.Module:
    set_determinism(SEED, 1)
    return cls()


# 1003 images in batches of 8: 126 steps an epoch, the last of 3 images; the epoch's end (step 126) falls
# between two read-backs (100 and 150).
RECIPE = Recipe(epochs=2, batch_size=8, channels_last=False)


@pytest.mark.parametrize("device", DEVICES)
def test_weights_curve_and_losses_are_those_of_the_per_step_loop(device: str) -> None:
    images, labels = data(1003)
    plain = fresh()
    expected = per_step_loop(plain, images, labels, RECIPE, torch.device(device))
    model = fresh()
    got = train(model, images, labels, RECIPE, seed=SEED, mean=MEAN, std=STD, device=torch.device(device))
    assert got["steps"] == expected["steps"] == 2 * 126
    assert got["loss_curve"] == expected["loss_curve"] and got["epoch_losses"] == expected["epoch_losses"]
    for (name, a), (_, b) in zip(model.state_dict().items(), plain.state_dict().items(), strict=True):
        assert torch.equal(a, b), name


@pytest.mark.parametrize("device", DEVICES)
def test_the_loss_is_read_back_only_at_the_curves_points(monkeypatch, device: str) -> None:
    reads = []
    original = torch.Tensor.__float__

    def counted(self: torch.Tensor) -> float:
        reads.append(self.numel())
        return original(self)

    monkeypatch.setattr(torch.Tensor, "__float__", counted)
    images, labels = data(1003)
    info = train(fresh(), images, labels, RECIPE, seed=SEED, mean=MEAN, std=STD, device=torch.device(device))
    monkeypatch.undo()
    per_epoch = info["steps"] // RECIPE.epochs
    points = [s for s in range(1, info["steps"] + 1) if s % READ_BACK_EVERY == 0 or s % per_epoch == 0]
    assert len(info["loss_curve"]) == len(points) == 7  # 50, 100, 126 (epoch end), 150, 200, 250, 252
    assert reads == [1] * len(points)  # one scalar read-back per point of the curve, none in between


class NanAfter(Tiny):
    """Finite until its ``bad_step``-th training forward, NaN from then on."""

    bad_step = 3

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.calls += self.training
        out = super().forward(x)
        return out * float("nan") if self.calls >= self.bad_step else out


@pytest.mark.parametrize(("bad_step", "caught_at"), [(3, READ_BACK_EVERY), (120, 126)])
def test_a_nan_loss_stops_training_at_the_next_read_back(monkeypatch, bad_step: int, caught_at: int) -> None:
    monkeypatch.setattr(NanAfter, "bad_step", bad_step)
    images, labels = data(1003)
    model = fresh(NanAfter)
    with pytest.raises(FloatingPointError, match=f"training loss became nan at step {caught_at}$"):
        train(model, images, labels, RECIPE, seed=SEED, mean=MEAN, std=STD, device=CPU)
    assert model.calls == caught_at  # stopped there, not at the end of training


def test_predictions_are_the_argmax_of_each_batch_in_order() -> None:
    images, _ = data(45)
    model = fresh().eval()
    preds = training.predict(model, images, mean=MEAN, std=STD, device=CPU, batch_size=10)
    with torch.no_grad():
        expected = model(normalise(images, MEAN, STD, CPU)).argmax(dim=1).tolist()
    assert preds == expected and len(preds) == 45
    assert training.predict(model, images[:0], mean=MEAN, std=STD, device=CPU, batch_size=10) == []
