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
from typing import Any, BinaryIO, Callable, Protocol

import torch

from grader.data import DatasetArrays, shared_training_files
from grader.sandbox.isolation import isolate
from grader.sandbox.limits import GiB, Cgroup, Limits, session_usage, set_rlimits
from grader.sandbox.workdir import WorkDir

OUTPUT_TAIL_BYTES = 8_000
MAX_EVENT_BYTES = 8 * 1024**2  # far above one event line (the predictions are ~30 kB)
MAX_WEIGHTS_BYTES = 256 * 1024**2  # trained weights a child may offer to the cache
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
    limits: Limits = Limits()
    hidden: tuple[Path, ...] = ()  # folders the child must not see (data, reports, reference, other hand-ins)


DataSource = Callable[[], DatasetArrays]


class WeightsBroker(Protocol):
    """The parent's side of the trained-weights cache, for one child run."""

    def plan(self, key: str) -> tuple[Path | None, dict[str, Any], bool]:
        """(cached weights file or None, its training record, whether to offer the weights after training)."""

    def offer(self, key: str, weights: bytes, info: dict[str, Any]) -> bool:
        """The child trained ``key``; these are the weights it wrote."""

    def finished(self) -> None:
        """The child has ended, whatever happened (called after ``offer``)."""


def run_child(job: ChildJob, data: DatasetArrays | DataSource | None,
              on_event: Callable[[dict[str, Any]], None] | None = None,
              weights: WeightsBroker | None = None) -> dict[str, Any]:
    """Run the child to the end (or the time limit) and return what it measured.

    ``data`` may be a function: it is called once the child has started, so loading the
    dataset overlaps with the child's start-up (importing torch takes seconds).
    """
    with tempfile.TemporaryDirectory(prefix="handin-") as tmp:
        work = Path(tmp)
        code = work / job.code_name
        code.write_text(job.code, encoding="utf-8")
        request: dict[str, Any] = {
            "code_path": str(code), "class_name": job.class_name, "input_shape": list(job.input_shape),
            "seed": job.seed, "device": job.device, "threads": job.threads, "mean": job.mean, "std": job.std,
            "train": job.train,
        }
        if job.train is not None and data is not None:
            request["data_file"] = str(work / "data.json")
            if weights is not None:
                request.update(weights_cache=True, plan_file=str(work / "plan.json"))
        with WorkDir(work) as folder:
            on_event = _with_weights(folder, weights, on_event) if weights is not None else on_event
            try:
                measured = _spawn(job, folder, request, data if job.train is not None else None, on_event)
                if weights is not None:
                    _collect_offer(folder, weights, measured)
            finally:
                if weights is not None:
                    weights.finished()
        return measured


def _with_weights(folder: WorkDir, weights: WeightsBroker,
                  on_event: Callable[[dict[str, Any]], None] | None) -> Callable[[dict[str, Any]], None]:
    """Answer the child's fingerprint: the cached weights (copied in) or a request to offer its own."""

    def handle(event: dict[str, Any]) -> None:
        if event.get("type") == "fingerprint" and isinstance(event.get("key"), str):
            cached, meta, offer = weights.plan(event["key"])
            plan: dict[str, Any] = {"weights": None, "offer": offer}
            if cached is not None:
                folder.write("cached.pt", cached.read_bytes())
                plan.update(weights="cached.pt", meta=meta, offer=False)
            folder.write("plan.json", json.dumps(plan).encode())
        if on_event:
            on_event(event)

    return handle


def _collect_offer(folder: WorkDir, weights: WeightsBroker, measured: dict[str, Any]) -> None:
    """Hand a finished child's trained weights to the cache (which decides whether to trust them)."""
    key = (measured.get("fingerprint") or {}).get("key")
    if measured.get("offered") and measured.get("done") and "error" not in measured and isinstance(key, str):
        data = folder.read("offer.pt", MAX_WEIGHTS_BYTES)
        if data is not None:
            measured["offer_installed"] = weights.offer(key, data, measured.get("training", {}))


def _write_data(folder: WorkDir, data: DatasetArrays, seed: int) -> torch.Tensor:
    """The shared training files, and this run's test images in a seeded secret order (no test labels).

    ``data.json`` appears last, atomically: the child waits for it before training.
    """
    perm = torch.randperm(data.test_images.shape[0], generator=torch.Generator().manual_seed(seed + 7919))
    test_path = folder.write("test_images.u8", data.test_images[perm].contiguous().numpy().tobytes())
    spec = {**shared_training_files(data), "test_images": str(test_path), "n_train": int(data.train_images.shape[0]),
            "n_test": int(data.test_images.shape[0]), "image_shape": list(data.train_images.shape[1:])}
    folder.write("data.json", json.dumps(spec).encode())
    return perm


def _spawn(job: ChildJob, folder: WorkDir, request: dict[str, Any], data: DatasetArrays | DataSource | None,
           on_event: Callable[[dict[str, Any]], None] | None) -> dict[str, Any]:
    work = folder.path
    read_fd, write_fd = os.pipe()
    request["fd"] = write_fd
    (work / "request.json").write_text(json.dumps(request))
    env = {k: os.environ[k] for k in PASS_ENV if k in os.environ}
    env.update(MALLOC_ENV, PYTHONPATH=str(Path(__file__).resolve().parents[2]), PYTHONHASHSEED="0",
               OMP_NUM_THREADS=str(job.threads), MKL_NUM_THREADS=str(job.threads), PYTHONDONTWRITEBYTECODE="1",
               HOME=str(work), TMPDIR=str(work))
    cmd, isolation = isolate([sys.executable, "-m", "grader.sandbox.child", str(work / "request.json")],
                             work, job.hidden)
    cgroup = Cgroup(job.limits)

    def prepare() -> None:  # runs in the child, before exec
        set_rlimits(job.limits)
        if cgroup.active:
            cgroup.join()

    measured: dict[str, Any] = {"stage": "import", "isolation": isolation}
    started = time.perf_counter()
    log = open(work / "output.log", "w+b")  # read back through this handle, whatever the child renames
    try:
        proc = subprocess.Popen(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, pass_fds=(write_fd,), start_new_session=True,
                                preexec_fn=prepare)
        os.close(write_fd)
        permutation = None
        if data is not None:
            try:
                data = data if isinstance(data, DatasetArrays) else data()
            except BaseException:
                _kill_group(proc, grace_s=0)
                raise
            permutation = _write_data(folder, data, job.seed)
        watch = _Watch(job.limits, cgroup, proc.pid, started)
        ended = _read_events(read_fd, watch, measured, on_event)
        _kill_group(proc, grace_s=5 if ended == "eof" else 0)
        output_full = os.fstat(log.fileno()).st_size >= job.limits.output_bytes
        _explain_end(measured, ended, proc.returncode, job.limits, cgroup, output_full)
        measured["child"] = {
            "exit_code": proc.returncode, "seconds": round(time.perf_counter() - started, 3),
            "output_tail": _tail(log), "limits": "cgroup" if cgroup.active else "watchdog",
            "first_event_s": watch.first_event_s,
        }
    finally:
        log.close()
        cgroup.close()
    if permutation is not None and "predictions" in measured and isinstance(data, DatasetArrays):
        measured["accuracy"] = _accuracy(measured.pop("predictions"), permutation, data.test_labels)
    return measured


class _Watch:
    """Stage deadlines, and memory and process counts where no cgroup enforces them."""

    def __init__(self, limits: Limits, cgroup: Cgroup, sid: int, started: float) -> None:
        self.limits, self.cgroup, self.sid, self.started = limits, cgroup, sid, started
        self.stage_started = started
        self.first_event_s: float | None = None

    def seen(self) -> None:
        """The child spoke: the first time marks its start-up cost (spawn to the student's code)."""
        if self.first_event_s is None:
            self.first_event_s = round(time.perf_counter() - self.started, 3)

    def stage(self) -> None:
        self.stage_started = time.perf_counter()

    def check(self, stage: str) -> str | None:
        """None while within limits, else which limit the child broke."""
        if time.perf_counter() - self.stage_started > self.limits.for_stage(stage):
            return "timeout"
        if not self.cgroup.active:
            rss, count = session_usage(self.sid)
            if rss > self.limits.memory_bytes:
                return "memory"
            if count > self.limits.processes:
                return "processes"
        return None


def _explain_end(measured: dict[str, Any], ended: str, code: int | None, limits: Limits, cgroup: Cgroup,
                 output_full: bool) -> None:
    """How the child ended, as one sentence that names the cause, when it did not finish."""
    stage = measured.get("stage", "import")
    if ended == "processes" or (cgroup.processes_exceeded() and "done" not in measured):
        why = f"tried to start more than {limits.processes} processes"
    elif ended == "memory" or cgroup.memory_exceeded():
        why = f"exceeded the {limits.memory_bytes / GiB:g} GiB memory limit"
    elif ended == "timeout":
        why = f"timed out after {limits.for_stage(stage):g} s"
    elif output_full or code == -signal.SIGXFSZ:  # Python ignores SIGXFSZ: the write fails instead
        why = f"printed more than {limits.output_bytes // 1024**2} MiB of output"
    elif "done" in measured or "error" in measured:
        return
    else:
        why = f"the process ended early (exit code {code}) without a result"
    measured["error"] = {"stage": stage, "error": why}


def _read_events(fd: int, watch: _Watch, measured: dict[str, Any],
                 on_event: Callable[[dict[str, Any]], None] | None) -> str:
    """Read JSON lines until the child closes the pipe ("eof") or breaks a limit (its name)."""
    buf = b""
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        while True:
            breach = watch.check(measured.get("stage", "import"))
            if breach:
                return breach
            ready, _, _ = select.select([pipe], [], [], 0.2)
            if not ready:
                continue
            chunk = pipe.read(1 << 16)
            if not chunk:
                return "eof"
            buf += chunk
            if len(buf) > MAX_EVENT_BYTES:
                return "eof"
            *lines, buf = buf.split(b"\n")
            for line in lines:
                watch.seen()
                stage, answered = measured.get("stage"), "fingerprint" in measured
                kind = _record(line, measured, on_event)
                # Time spent waiting for the cache's answer is not the student's: the stage clock starts
                # again once, after the first answer (never again, or a child could reset it at will).
                if measured.get("stage") != stage or (kind == "fingerprint" and not answered):
                    watch.stage()


def _record(line: bytes, measured: dict[str, Any],
            on_event: Callable[[dict[str, Any]], None] | None) -> str | None:
    """Note one event of the child in ``measured``; returns its kind."""
    try:
        event = json.loads(line)
    except ValueError:
        return None
    if not isinstance(event, dict):
        return None
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
    elif kind == "fingerprint":
        measured["fingerprint"] = event
    elif kind == "offered":
        measured["offered"] = True
    elif kind == "error":
        measured["error"] = event
    elif kind == "done":
        measured["done"] = True
    return kind if isinstance(kind, str) else None


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


def _tail(log: BinaryIO) -> str:
    """The end of what the child printed, read through the grader's own handle of the file."""
    size = os.fstat(log.fileno()).st_size
    log.seek(max(0, size - OUTPUT_TAIL_BYTES))
    return log.read(OUTPUT_TAIL_BYTES).decode("utf-8", errors="replace")
