"""The child process: imports, builds, probes, trains and runs the student's network.

Started by ``grader.sandbox.runner`` as ``python -m grader.sandbox.child REQUEST``. It
writes one JSON object per line to the file descriptor the request names and never
judges anything: it sends measurements (shapes, counts, losses, predictions) and
the parent decides. The test labels are never given to it.
"""
from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import numpy as np


class Channel:
    """One JSON object per line on the results pipe."""

    def __init__(self, fd: int) -> None:
        self._out = os.fdopen(fd, "w", buffering=1, encoding="utf-8")

    def send(self, kind: str, **payload: Any) -> None:
        self._out.write(json.dumps({"type": kind, **payload}) + "\n")
        self._out.flush()


def _error_text(exc: BaseException) -> str:
    """The student's own frames only, ending in the exception line."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "grader" not in Path(f.filename).parts]
    where = f" (line {frames[-1].lineno} in {Path(frames[-1].filename).name})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def _mapped(path: str, count: int, shape: list[int] | tuple[int, ...] = ()) -> Any:
    """A uint8 file as a tensor over a private memory map: every child of a batch reads the same
    cached pages, nothing is copied up front (copy-on-write, so the grader's file never changes)."""
    import torch

    return torch.from_numpy(np.memmap(path, dtype=np.uint8, mode="c", shape=(count, *shape)))


def main(request_path: str) -> int:
    req = json.loads(Path(request_path).read_text())
    chan = Channel(int(req["fd"]))
    stage = "import"
    try:
        import torch

        from grader import training
        from grader.sandbox.loader import load_module
        from grader.sandbox.probe import probe

        training.set_determinism(req["seed"], req["threads"])
        chan.send("stage", stage=stage)
        module, skipped = load_module(Path(req["code_path"]))
        chan.send("imported", skipped_lines=skipped)
        stage = "find"
        cls = getattr(module, req["class_name"], None)
        if not isinstance(cls, type) or not issubclass(cls, torch.nn.Module):
            modules = [n for n, v in vars(module).items()
                       if isinstance(v, type) and issubclass(v, torch.nn.Module) and v.__module__ == "student_code"]
            hint = f"; nn.Module classes found: {', '.join(modules)}" if modules else ""
            raise LookupError(f"no nn.Module class named {req['class_name']!r}{hint}")
        stage = "build"
        chan.send("stage", stage=stage)
        model = cls()
        stage = "forward"
        chan.send("stage", stage=stage)
        chan.send("probe", **probe(model, tuple(req["input_shape"]), req["seed"]))
        if req.get("train"):
            stage = "train"
            chan.send("stage", stage=stage)
            _train_and_predict(chan, cls, req)
    except BaseException as exc:  # noqa: BLE001 - every failure of student code is reported, not raised
        chan.send("error", stage=stage, error=_error_text(exc), traceback=traceback.format_exc()[-4000:])
        return 0
    chan.send("done")
    os._exit(0)  # skip the interpreter's teardown (a second of torch clean-up): everything is sent


def _wait_for_file(path: Path) -> dict[str, Any]:
    """The parent writes ``path`` (atomically) when it is ready: the dataset, the cache's answer."""
    while not path.is_file():
        time.sleep(0.02)
    return json.loads(path.read_text())


def _train_and_predict(chan: Channel, cls: type, req: dict[str, Any]) -> None:
    import torch

    from grader import training

    data = _wait_for_file(Path(req["data_file"]))
    device = torch.device(req["device"])
    train_x = _mapped(data["train_images"], data["n_train"], data["image_shape"])
    train_y = _mapped(data["train_labels"], data["n_train"])
    test_x = _mapped(data["test_images"], data["n_test"], data["image_shape"])
    recipe = training.Recipe(**req["train"])
    training.set_determinism(req["seed"], req["threads"])
    model = cls()  # fresh weights from the seed, whatever the probe did
    started = time.perf_counter()
    plan: dict[str, Any] = {}
    order: list[Any] = []
    if req.get("weights_cache"):
        key, order, why = _fingerprint(model, train_x, train_y, recipe, req, data, device)
        chan.send("fingerprint", key=key, why=why)
        plan = _wait_for_file(Path(req["plan_file"])) if key else {}
    if plan.get("weights") and _load_weights(order, Path(req["plan_file"]).parent / plan["weights"]):
        info = {**plan.get("meta", {}), "from_cache": True, "train_s": 0.0}
        if info.get("channels_last"):
            model.to(memory_format=torch.channels_last)
    else:
        info = training.train(
            model, train_x, train_y, recipe, seed=req["seed"], mean=req["mean"], std=req["std"], device=device,
            progress=lambda p: chan.send("progress", **p),
        )
        if plan.get("offer"):
            torch.save([t.detach().cpu().clone() for t in order], Path(req["plan_file"]).parent / "offer.pt")
            chan.send("offered", file="offer.pt")
    chan.send("trained", **info)
    eval_started = time.perf_counter()
    predictions = training.predict(model, test_x, mean=req["mean"], std=req["std"], device=device,
                                   batch_size=recipe.eval_batch_size, channels_last=info["channels_last"])
    chan.send("predictions", values=predictions, eval_s=round(time.perf_counter() - eval_started, 3),
              total_s=round(time.perf_counter() - started, 3))


def _fingerprint(model: Any, train_x: Any, train_y: Any, recipe: Any, req: dict[str, Any], data: dict[str, Any],
                 device: Any) -> tuple[str | None, list[Any], str]:
    """The network's training fingerprint, leaving the model exactly as it was built."""
    import torch
    from torch import nn

    from grader import training
    from grader.sandbox.fingerprint import fingerprint, state_tensors

    n = min(recipe.batch_size, train_x.shape[0] // 2)
    saved = [t.detach().clone() for _, t in state_tensors(model)]
    rng = torch.get_rng_state()
    model.to(device)
    sample = training.normalise(train_x[:2], req["mean"], req["std"], device)
    channels_last = recipe.channels_last and device.type == "cpu" and training.supports_channels_last(model, sample)
    layout = torch.channels_last if channels_last else torch.contiguous_format
    batches = [(training.normalise(train_x[i * n:(i + 1) * n], req["mean"], req["std"], device)
                .contiguous(memory_format=layout), train_y[i * n:(i + 1) * n].to(device).long()) for i in (0, 1)]
    context = json.dumps({"recipe": req["train"], "seed": req["seed"], "threads": req["threads"],
                          "device": str(device), "torch": torch.__version__, "mean": req["mean"], "std": req["std"],
                          "data": [Path(data["train_images"]).name, data["n_train"]], "layout": str(layout)})
    with torch.no_grad():
        for (_, t), v in zip(state_tensors(model), saved):
            t.copy_(v)
    torch.set_rng_state(rng)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=recipe.label_smoothing)
    result = fingerprint(model, batches, loss_fn, context, lambda: training.layout_context(layout))
    model.to(memory_format=torch.contiguous_format)
    return result


def _load_weights(order: list[Any], path: Path) -> bool:
    """Copy cached weights into the hand-in's own tensors, matched by first use."""
    import torch

    cached = torch.load(path, weights_only=True)
    if len(cached) != len(order) or any(c.shape != t.shape or c.dtype != t.dtype for c, t in zip(cached, order)):
        return False
    with torch.no_grad():
        for t, c in zip(order, cached):
            t.copy_(c)
    return True


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
