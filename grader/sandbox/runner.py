"""Start the child, feed it, read its measurements, and kill it when it overstays.

The child works in a temporary copy of the hand-in's code, with a scrubbed
environment, its output captured to a file (only the tail is kept), and a wall-clock
limit per run after which its whole process group is killed. The test images are
written in a shuffled order drawn from the seed; the permutation and the labels stay
in this process.
"""
from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import torch

from grader.data import DatasetArrays

OUTPUT_TAIL_BYTES = 8_000
# Stops the per-step page faults of large short-lived tensors (measured: ~2x per epoch with channels_last).
MALLOC_ENV = {"MALLOC_MMAP_THRESHOLD_": str(32 * 2**20), "MALLOC_TRIM_THRESHOLD_": str(2**30)}
PASS_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
            "CUDA_VISIBLE_DEVICES")


@dataclass(frozen=True)
class ChildJob:
    """One run of the child for one hand-in."""

    code: str
    code_name: str
    class_name: str
    input_shape: tuple[int, ...]
    seed: int
    device: str
    threads: int
    mean: float
    std: float
    train: dict[str, Any] | None
    timeout_s: float


def run_child(job: ChildJob, data: DatasetArrays | None,
              on_event: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Run the child to the end (or the time limit) and return what it measured."""
    with tempfile.TemporaryDirectory(prefix="handin-") as tmp:
        work = Path(tmp)
        code = work / job.code_name
        code.write_text(job.code, encoding="utf-8")
        request: dict[str, Any] = {
            "code_path": str(code), "class_name": job.class_name, "input_shape": list(job.input_shape),
            "seed": job.seed, "device": job.device, "threads": job.threads, "mean": job.mean, "std": job.std,
            "train": job.train,
        }
        permutation = None
        if job.train is not None and data is not None:
            request["data"], permutation = _write_data(work, data, job.seed)
        return _spawn(job, work, request, permutation, data, on_event)


def _write_data(work: Path, data: DatasetArrays, seed: int) -> tuple[dict[str, Any], torch.Tensor]:
    """Training images and labels, and the test images in a seeded random order (no test labels)."""
    perm = torch.randperm(data.test_images.shape[0], generator=torch.Generator().manual_seed(seed + 7919))
    files = {"train_images": data.train_images, "train_labels": data.train_labels.to(torch.uint8),
             "test_images": data.test_images[perm]}
    paths = {}
    for name, tensor in files.items():
        path = work / f"{name}.u8"
        tensor.contiguous().numpy().tofile(path)
        paths[name] = str(path)
    return {**paths, "n_train": int(data.train_images.shape[0]), "n_test": int(data.test_images.shape[0]),
            "image_shape": list(data.train_images.shape[1:])}, perm


def _spawn(job: ChildJob, work: Path, request: dict[str, Any], permutation: torch.Tensor | None,
           data: DatasetArrays | None, on_event: Callable[[dict[str, Any]], None] | None) -> dict[str, Any]:
    read_fd, write_fd = os.pipe()
    request["fd"] = write_fd
    (work / "request.json").write_text(json.dumps(request))
    env = {k: os.environ[k] for k in PASS_ENV if k in os.environ}
    env.update(MALLOC_ENV, PYTHONPATH=str(Path(__file__).resolve().parents[2]), PYTHONHASHSEED="0",
               OMP_NUM_THREADS=str(job.threads), MKL_NUM_THREADS=str(job.threads), PYTHONDONTWRITEBYTECODE="1")
    log = open(work / "output.log", "wb")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "grader.sandbox.child", str(work / "request.json")],
        cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        pass_fds=(write_fd,), start_new_session=True,
    )
    os.close(write_fd)
    measured: dict[str, Any] = {"events": []}
    timed_out = _read_events(proc, read_fd, started + job.timeout_s, measured, on_event)
    _kill_group(proc, grace_s=0 if timed_out else 5)
    log.close()
    measured["child"] = {
        "exit_code": proc.returncode, "timed_out": timed_out, "seconds": round(time.perf_counter() - started, 3),
        "output_tail": _tail(work / "output.log"),
    }
    if timed_out:
        measured.setdefault("error", {"stage": measured.get("stage", "import"),
                                      "error": f"timed out after {job.timeout_s:.0f} s"})
    elif "done" not in measured and "error" not in measured:
        measured["error"] = {"stage": measured.get("stage", "?"),
                             "error": f"the process ended early (exit code {proc.returncode}) without a result"}
    if permutation is not None and "predictions" in measured and data is not None:
        measured["accuracy"] = _accuracy(measured.pop("predictions"), permutation, data.test_labels)
    measured.pop("events")
    return measured


def _read_events(proc: subprocess.Popen, fd: int, deadline: float, measured: dict[str, Any],
                 on_event: Callable[[dict[str, Any]], None] | None) -> bool:
    """Read JSON lines until the child closes the pipe; True when the deadline passed first."""
    buf = b""
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return True
            ready, _, _ = select.select([pipe], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = pipe.read(1 << 16)
            if not chunk:
                return False
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                _record(line, measured, on_event)


def _record(line: bytes, measured: dict[str, Any], on_event: Callable[[dict[str, Any]], None] | None) -> None:
    try:
        event = json.loads(line)
    except ValueError:
        return
    if not isinstance(event, dict):
        return
    kind = event.pop("type", None)
    if on_event:
        on_event({"type": kind, **event})
    if kind == "stage":
        measured["stage"] = event.get("stage")
    elif kind == "imported":
        measured["import"] = event
    elif kind == "probe":
        measured["probe"] = event
    elif kind == "trained":
        measured["stage"] = "evaluate"
        measured["training"] = event
    elif kind == "predictions":
        measured["predictions"] = event.get("values", [])
        measured["eval_s"] = event.get("eval_s")
    elif kind == "error":
        measured["error"] = event
    elif kind == "done":
        measured["done"] = True


def _accuracy(predictions: list[int], permutation: torch.Tensor, labels: torch.Tensor) -> float | None:
    """Percent correct, computed here from predictions in the shuffled order."""
    if len(predictions) != labels.shape[0]:
        return None
    pred = torch.as_tensor(predictions, dtype=torch.int64)
    return round(float((pred == labels[permutation]).double().mean() * 100), 4)


def _kill_group(proc: subprocess.Popen, grace_s: float) -> None:
    """Let a finished child exit, then kill whatever is left of its process group."""
    try:
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def _tail(path: Path) -> str:
    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, size - OUTPUT_TAIL_BYTES))
        return fh.read().decode("utf-8", errors="replace")
