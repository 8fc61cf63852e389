"""The child's steps after the import: find and measure the network, train it (or load cached weights),
predict the test images, and hand the network's weights to the parent. Runs in the child only."""
from __future__ import annotations

import base64
import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from grader import training
from grader.sandbox import own_state
from grader.sandbox.fingerprint import fingerprint, state_tensors
from grader.sandbox.probe import probe
from grader.sandbox.protocol import Recipe, Request, Send


def find_class(module: Any, class_name: str) -> type:
    cls = getattr(module, class_name, None)
    if not isinstance(cls, type) or not issubclass(cls, nn.Module):
        modules = [n for n, v in vars(module).items()
                   if isinstance(v, type) and issubclass(v, nn.Module) and v.__module__ == "student_code"]
        hint = f"; nn.Module classes found: {', '.join(modules)}" if modules else ""
        raise LookupError(f"no nn.Module class named {class_name!r}{hint}")
    return cls


def measure(model: nn.Module, input_shape: tuple[int, ...], seed: int) -> dict[str, Any]:
    return probe(model, input_shape, seed)


def weights_payload(model: nn.Module, order: list[torch.Tensor] | None) -> dict[str, Any]:
    """The state (as state_dict names it, read from nn.Module's own storage: see ``own_state``) as bytes
    (base64), and the state's names in ``order`` (first use) or registration order."""
    data = own_state.saved(own_state.state(model, persistent_only=True))
    names = {id(t): n for n, t in state_tensors(model)}
    tensors = order if order else [t for _, t in state_tensors(model)]
    return {"data": base64.b64encode(data).decode("ascii"),
            "order": [names.get(id(t), "?") for t in tensors]}


def _mapped(path: str, count: int, shape: list[int] | tuple[int, ...] = ()) -> torch.Tensor:
    """A uint8 file as a tensor over a private memory map: every child of a batch reads the same
    cached pages, nothing is copied up front (copy-on-write, so the grader's file never changes)."""
    return torch.from_numpy(np.memmap(path, dtype=np.uint8, mode="c", shape=(count, *shape)))


def _wait_for_file(path: Path) -> dict[str, Any]:
    """The parent writes ``path`` (atomically) when it is ready: the dataset, the cache's answer."""
    while not path.is_file():
        time.sleep(0.02)
    return json.loads(path.read_text())


def train_and_predict(send: Send, cls: type, req: Request) -> None:
    assert req.data_file is not None and req.train is not None
    data = _wait_for_file(Path(req.data_file))
    device = torch.device(req.device)
    train_x = _mapped(data["train_images"], data["n_train"], data["image_shape"])
    train_y = _mapped(data["train_labels"], data["n_train"])
    test_x = _mapped(data["test_images"], data["n_test"], data["image_shape"])
    init_x = _mapped(data["init_images"], data["n_init"], data["image_shape"])
    recipe = req.train
    training.set_determinism(req.seed, req.threads)
    model = cls()  # fresh weights from the seed, whatever the probe did
    started = time.perf_counter()
    plan: dict[str, Any] = {}
    order: list[torch.Tensor] = []
    if req.weights_cache and req.plan_file:
        # the device's generator too (dropout on a GPU draws from it): training then starts from the same state
        # as without the fingerprint's two traced steps
        with torch.random.fork_rng(devices=[device] if device.type == "cuda" else [], device_type=device.type):
            key, order, why = _fingerprint(model, train_x, train_y, recipe, req, data, device)
        send("fingerprint", key=key, why=why)
        plan = _wait_for_file(Path(req.plan_file)) if key else {}
    rng = torch.get_rng_state()
    send("init_predictions", values=training.predict(model, init_x, mean=req.mean, std=req.std,
                                                     device=device, batch_size=recipe.eval_batch_size))
    torch.set_rng_state(rng)
    if plan.get("weights") and req.plan_file and _load_weights(order, Path(req.plan_file).parent / plan["weights"]):
        info = {**plan.get("meta", {}), "from_cache": True, "train_s": 0.0}
        if info.get("channels_last"):
            model.to(memory_format=torch.channels_last)
    else:
        info = training.train(model, train_x, train_y, recipe, seed=req.seed, mean=req.mean, std=req.std,
                              device=device, progress=lambda p: send("progress", **p))
    send("weights", when="trained", **weights_payload(model, order))
    send("trained", **{k: info.get(k) for k in ("epoch_losses", "loss_curve", "steps", "train_s", "channels_last",
                                                "train_images")}, from_cache=bool(info.get("from_cache")))
    eval_started = time.perf_counter()
    predictions = training.predict(model, test_x, mean=req.mean, std=req.std, device=device,
                                   batch_size=recipe.eval_batch_size, channels_last=info["channels_last"])
    send("predictions", values=predictions, eval_s=round(time.perf_counter() - eval_started, 3),
         total_s=round(time.perf_counter() - started, 3))


def _fingerprint(model: nn.Module, train_x: torch.Tensor, train_y: torch.Tensor, recipe: Recipe,
                 req: Request, data: dict[str, Any], device: torch.device) -> tuple[str | None, list[Any], str]:
    """The network's training fingerprint, leaving the model exactly as it was built."""
    n = min(recipe.batch_size, train_x.shape[0] // 2)
    saved = [t.detach().clone() for _, t in state_tensors(model)]
    rng = torch.get_rng_state()
    model.to(device)
    layout, loss_fn = training.layout_and_loss(model, train_x, recipe, req.mean, req.std, device)
    batches = [(training.normalise(train_x[i * n:(i + 1) * n], req.mean, req.std, device)
                .contiguous(memory_format=layout), train_y[i * n:(i + 1) * n].to(device).long()) for i in (0, 1)]
    context = json.dumps({"recipe": asdict(recipe), "seed": req.seed, "threads": req.threads,
                          "device": str(device), "torch": torch.__version__, "mean": req.mean, "std": req.std,
                          "data": [Path(data["train_images"]).name, data["n_train"]], "layout": str(layout)})
    with torch.no_grad():
        for (_, t), v in zip(state_tensors(model), saved, strict=False):
            t.copy_(v)
    torch.set_rng_state(rng)
    result = fingerprint(model, batches, loss_fn, context, lambda: training.layout_context(layout))
    model.to(memory_format=torch.contiguous_format)
    return result


def _load_weights(order: list[Any], path: Path) -> bool:
    """Copy cached weights into the hand-in's own tensors, matched by first use."""
    cached = torch.load(path, weights_only=True)
    if len(cached) != len(order) or any(c.shape != t.shape or c.dtype != t.dtype
                                        for c, t in zip(cached, order, strict=True)):
        return False
    with torch.no_grad():
        for t, c in zip(order, cached, strict=True):
            t.copy_(c)
    return True
