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


def _load_images(path: str, count: int, shape: list[int]) -> Any:
    import torch

    return torch.from_numpy(np.fromfile(path, dtype=np.uint8, count=count * int(np.prod(shape))).reshape(count, *shape))


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


def _wait_for_data(path: Path) -> dict[str, Any]:
    """The parent loads the dataset while this process starts; it writes ``path`` when the files are ready."""
    while not path.is_file():
        time.sleep(0.02)
    return json.loads(path.read_text())


def _train_and_predict(chan: Channel, cls: type, req: dict[str, Any]) -> None:
    import torch

    from grader import training

    data = _wait_for_data(Path(req["data_file"]))
    device = torch.device(req["device"])
    train_x = _load_images(data["train_images"], data["n_train"], data["image_shape"])
    train_y = torch.from_numpy(np.fromfile(data["train_labels"], dtype=np.uint8, count=data["n_train"]))
    test_x = _load_images(data["test_images"], data["n_test"], data["image_shape"])
    recipe = training.Recipe(**req["train"])
    training.set_determinism(req["seed"], req["threads"])
    model = cls()  # fresh weights from the seed, whatever the probe did
    started = time.perf_counter()
    info = training.train(
        model, train_x, train_y, recipe, seed=req["seed"], mean=req["mean"], std=req["std"], device=device,
        progress=lambda p: chan.send("progress", **p),
    )
    chan.send("trained", **info)
    eval_started = time.perf_counter()
    predictions = training.predict(model, test_x, mean=req["mean"], std=req["std"], device=device,
                                   batch_size=recipe.eval_batch_size, channels_last=info["channels_last"])
    chan.send("predictions", values=predictions, eval_s=round(time.perf_counter() - eval_started, 3),
              total_s=round(time.perf_counter() - started, 3))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
