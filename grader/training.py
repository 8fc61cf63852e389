"""The grader's training and evaluation recipe. It runs inside the sandboxed child.

Why it looks like this (measured on a 2-core CPU, see ``grader.bench``): the whole
training set is preloaded as one uint8 tensor and normalised per batch (no
DataLoader, no per-image transforms); model and batches use channels_last when the
student's ``forward`` allows it; Adam with a one-cycle schedule and label smoothing
reaches 99 % on the homework's digit test set in about two epochs. Every random choice comes from
one seed so a grade is reproducible.

On a GPU the data moves to the device once and the loss stays there: it is summed on the device and read
back only every ``READ_BACK_EVERY`` steps and at each epoch's end (a read-back waits for the device, so
reading it each step would stall every step). A non-finite loss is caught at the next read-back.
"""
from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from grader.sandbox.protocol import Recipe

ProgressFn = Callable[[dict], None]
READ_BACK_EVERY = 50  # steps between loss read-backs: the curve's resolution


def set_determinism(seed: int, threads: int) -> None:
    """Same seed and thread count, same weights: the basis of reproducible grades."""
    torch.manual_seed(seed)
    torch.set_num_threads(max(1, threads))
    torch.use_deterministic_algorithms(True, warn_only=True)
    if torch.backends.cudnn.is_available():
        torch.backends.cudnn.benchmark = False
        torch.backends.cudnn.deterministic = True


def normalise(batch_u8: torch.Tensor, mean: float, std: float, device: torch.device) -> torch.Tensor:
    """uint8 (N, H, W) -> float (N, 1, H, W), normalised; done per batch to keep memory flat."""
    x = batch_u8.to(device, non_blocking=True).unsqueeze(1).float()
    return x.mul_(1.0 / (255.0 * std)).sub_(mean / std)


class ContiguousViews:
    """Let ``x.view(-1, 800)`` work on channels_last activations.

    Most hand-ins flatten with ``view``, which needs the NCHW memory order; channels_last
    (about 1.4x faster here) stores NHWC. While this context is active, a ``view`` that
    would fail for that reason is given ``x.contiguous()`` instead: the same values in the
    order ``view`` expects, so the network computes exactly what it would in the plain
    layout. A ``view`` that works is left alone, and no other op is touched (a
    ``TorchFunctionMode`` doing the same cost ~5 % of an epoch: it sees every op).
    """

    _active = 0
    _lock = threading.Lock()
    _original = torch.Tensor.view

    def __enter__(self) -> ContiguousViews:
        with self._lock:
            if ContiguousViews._active == 0:
                torch.Tensor.view = _view_or_contiguous_view  # type: ignore[method-assign, assignment]  # the stub types view as overloads
            ContiguousViews._active += 1
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            ContiguousViews._active -= 1
            if ContiguousViews._active == 0:
                torch.Tensor.view = ContiguousViews._original  # type: ignore[method-assign]


def _view_or_contiguous_view(self: torch.Tensor, *args: Any, **kwargs: Any) -> torch.Tensor:
    try:
        return ContiguousViews._original(self, *args, **kwargs)
    except RuntimeError:
        if self.is_contiguous():
            raise
        return ContiguousViews._original(self.contiguous(), *args, **kwargs)


def layout_context(layout: torch.memory_format) -> contextlib.AbstractContextManager[Any]:
    return ContiguousViews() if layout is torch.channels_last else contextlib.nullcontext()


def supports_channels_last(model: nn.Module, sample: torch.Tensor) -> bool:
    """A trial forward in channels_last; any failure means training in the ordinary layout."""
    try:
        with torch.no_grad(), ContiguousViews():
            model.to(memory_format=torch.channels_last)
            model(sample.contiguous(memory_format=torch.channels_last))
        return True
    except Exception:  # noqa: BLE001 - student code may fail in any way here
        model.to(memory_format=torch.contiguous_format)
        return False


@dataclass
class _Batches:
    """Seeded shuffled batches of the preloaded uint8 set, normalised on the fly."""

    images: torch.Tensor
    labels: torch.Tensor
    batch_size: int
    generator: torch.Generator
    mean: float
    std: float
    device: torch.device
    layout: torch.memory_format

    def __len__(self) -> int:
        return math.ceil(self.images.shape[0] / self.batch_size)

    def __iter__(self):
        order = torch.randperm(self.images.shape[0], generator=self.generator).to(self.images.device)
        for i in range(len(self)):
            idx = order[i * self.batch_size : (i + 1) * self.batch_size]
            x = normalise(self.images[idx], self.mean, self.std, self.device).contiguous(memory_format=self.layout)
            yield x, self.labels[idx]


def layout_and_loss(model: nn.Module, images: torch.Tensor, recipe: Recipe, mean: float, std: float,
                    device: torch.device) -> tuple[torch.memory_format, nn.Module]:
    """The memory layout and the loss a run trains with, chosen once for ``train`` and for the training
    fingerprint: a cached network is found again only while the two agree."""
    layout = torch.contiguous_format
    if recipe.channels_last and device.type == "cpu" and supports_channels_last(
            model, normalise(images[:2], mean, std, device)):
        layout = torch.channels_last
    return layout, nn.CrossEntropyLoss(label_smoothing=recipe.label_smoothing)


def train(
    model: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    recipe: Recipe,
    *,
    seed: int,
    mean: float,
    std: float,
    device: torch.device,
    progress: ProgressFn | None = None,
    after_epoch: Callable[[int, bool], None] | None = None,
) -> dict:
    """Train ``model`` in place; returns the loss curve and what layout was used.

    ``after_epoch(epoch, channels_last)`` runs at each epoch's end (the benchmark evaluates there).
    """
    if recipe.train_limit:
        images, labels = images[: recipe.train_limit], labels[: recipe.train_limit]
    model.to(device)
    layout, loss_fn = layout_and_loss(model, images, recipe, mean, std, device)
    if device.type == "cuda":  # once: every batch is then cut on the device
        images = images.to(device)
    labels = labels.to(device).long()
    batches = _Batches(images, labels, recipe.batch_size, torch.Generator().manual_seed(seed), mean, std, device,
                       layout)
    total = len(batches) * recipe.epochs
    opt = torch.optim.Adam(model.parameters(), lr=recipe.max_lr, weight_decay=recipe.weight_decay)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=recipe.max_lr, total_steps=total,
                                                pct_start=recipe.pct_start)
    curve: list[float] = []
    epoch_losses: list[float] = []
    started = time.perf_counter()
    step = 0
    model.train()
    with layout_context(layout):
        for epoch in range(1, recipe.epochs + 1):
            # float64 on the device: the same sums, bit for bit, as adding each step's float(loss) on the host
            running_sum = torch.zeros((), dtype=torch.float64, device=device)
            running = 0.0
            for i, (x, y) in enumerate(batches, 1):
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(x), y)
                loss.backward()
                opt.step()
                sched.step()
                step += 1
                running_sum += loss.detach().to(torch.float64)
                if step % READ_BACK_EVERY == 0 or i == len(batches):
                    running = _read_back(running_sum, step)
                    curve.append(round(running / i, 5))
                    if progress:
                        progress({"step": step, "total": total, "epoch": epoch, "loss": running / i})
            epoch_losses.append(round(running / len(batches), 5))
            if after_epoch:
                after_epoch(epoch, layout is torch.channels_last)
                model.train()
    return {
        "loss_curve": curve,
        "epoch_losses": epoch_losses,
        "steps": step,
        "train_s": round(time.perf_counter() - started, 3),
        "channels_last": layout is torch.channels_last,
        "train_images": int(images.shape[0]),
    }


def _read_back(running_sum: torch.Tensor, step: int) -> float:
    """The epoch's loss sum so far, on the host: the only point where training waits for the device."""
    value = float(running_sum)
    if not math.isfinite(value):
        raise FloatingPointError(f"training loss became {value} at step {step}")
    return value


def predict(model: nn.Module, images: torch.Tensor, *, mean: float, std: float, device: torch.device,
            batch_size: int, channels_last: bool = False) -> list[int]:
    """Class predictions for ``images``; the labels never reach this process. On a GPU the images move
    once and the predictions come back once."""
    model.eval()
    layout = torch.channels_last if channels_last else torch.contiguous_format
    if device.type == "cuda":
        images = images.to(device)
    out: list[torch.Tensor] = []
    with torch.inference_mode(), layout_context(layout):
        for i in range(0, images.shape[0], batch_size):
            x = normalise(images[i : i + batch_size], mean, std, device).contiguous(memory_format=layout)
            out.append(model(x).argmax(dim=1))
    return torch.cat(out).cpu().tolist() if out else []
