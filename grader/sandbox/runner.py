"""Start the child, feed it, read its measurements, and kill it when it overstays.

The child works in a temporary folder with a scrubbed environment, its output captured
to a file (only the tail is kept), a clock per stage (stages only move forward) and one
for the whole run, after which its whole process group is killed. The test images are
written in an order drawn from the OS's randomness; the permutation and the labels stay
in this process. Every line the child sends is parsed by ``protocol`` and handled by one
entry of a table; a line the parent cannot accept is that hand-in's error.
"""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

import torch

from grader.data import DatasetArrays
from grader.sandbox import measure, warm
from grader.sandbox.events import EventReader
from grader.sandbox.isolation import bubblewrap, isolate
from grader.sandbox.limits import Cgroup, GiB, Limits, set_rlimits
from grader.sandbox.protocol import JSON, ChildError, ChildRun, EventFn, Recipe, Request
from grader.sandbox.workdir import WorkDir

OUTPUT_TAIL_BYTES = 8_000
# Stops the per-step page faults of large short-lived tensors (measured: ~2x per epoch with channels_last).
MALLOC_ENV = {"MALLOC_MMAP_THRESHOLD_": str(32 * 2**20), "MALLOC_TRIM_THRESHOLD_": str(2**30)}
PASS_ENV = ("PATH", "LANG", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "CUDA_VISIBLE_DEVICES")
_accuracy = measure.accuracy  # the accuracy from predictions in the shuffled order (its older name)


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
    train: Recipe | None
    limits: Limits = Limits()
    hidden: tuple[Path, ...] = ()  # folders the child must not see (data, reports, reference, other hand-ins)
    allow_unisolated: bool = False  # run without namespaces where bubblewrap is missing (else refuse)


DataSource = Callable[[], DatasetArrays]
Child = subprocess.Popen | warm.WarmChild


class WeightsBroker(Protocol):
    """The parent's side of the trained-weights cache, for one child run."""

    def plan(self, key: str) -> tuple[bytes | None, dict[str, JSON], bool]:
        """(cached weights or None, their record, whether to offer this run's weights after training)."""

    def offer(self, key: str, tensors: list[torch.Tensor], info: dict[str, JSON], accuracy: float) -> bool:
        """The child trained ``key`` to these tensors (read by the parent), and the parent measured ``accuracy``."""

    def reject(self, key: str, accuracy: float | None) -> None:
        """Cached weights of ``key`` evaluated to another accuracy than their record's: drop the entry."""

    def finished(self) -> None:
        """The child has ended, whatever happened (called after ``offer``)."""


def run_child(job: ChildJob, data: DatasetArrays | DataSource | None, on_event: EventFn | None = None,
              weights: WeightsBroker | None = None) -> ChildRun:
    """Run the child to the end (or a limit) and return what the parent accepted and measured.

    ``data`` may be a function: it is called once the child has started, so loading the
    dataset overlaps with the child's start-up (importing torch takes seconds). A run whose
    cached weights do not reproduce their recorded accuracy is run again, training.
    """
    discarded = False
    for broker in (weights, weights, None):  # a second bad hit (another entry installed meanwhile): no cache
        run = _run_once(job, data, on_event, broker)
        if broker is None or run.training is None or not run.training.from_cache or _hit_holds(run):
            break
        broker.reject(run.fingerprint.key if run.fingerprint and run.fingerprint.key else "", run.accuracy)
        data, discarded = _resolved(data), True
    if discarded:
        run.child["cache_entry_discarded"] = True
    return run


def _resolved(data: DatasetArrays | DataSource | None) -> DatasetArrays | None:
    return data() if callable(data) else data


def _hit_holds(run: ChildRun) -> bool:
    recorded = run.child.get("cached_accuracy")
    return (isinstance(recorded, float) and run.accuracy is not None
            and abs(run.accuracy - recorded) <= measure.ACCURACY_TOLERANCE)


def _run_once(job: ChildJob, data: DatasetArrays | DataSource | None, on_event: EventFn | None,
              weights: WeightsBroker | None) -> ChildRun:
    template, data = _template_and_data(job, data)
    with tempfile.TemporaryDirectory(prefix="handin-", dir=template.spool if template else None) as tmp:
        root = Path(tmp)
        inbox, work = root / "in", root / "work"
        inbox.mkdir()
        work.mkdir()
        training = job.train is not None and data is not None
        request = Request(
            code_path=str(inbox / job.code_name), class_name=job.class_name, input_shape=job.input_shape,
            seed=job.seed, device=job.device, threads=job.threads, mean=job.mean, std=job.std, fd=-1,
            train=job.train if training else None, data_file=str(inbox / "data.json") if training else None,
            plan_file=str(inbox / "plan.json") if training else None)
        cmd, isolation, env = isolate([sys.executable, "-m", "grader.sandbox.child", str(work / "request.json")],
                                      work, inbox, job, job.hidden)
        if not isolation.startswith("full"):
            weights = None  # no cache reads or writes when a child could reach the cache folder
        run = ChildRun(isolation=isolation)
        with WorkDir(inbox) as folder:
            folder.write(job.code_name, job.code.encode("utf-8"))
            try:
                _spawn(job, root, folder, request, cmd, env, data if training else None, run, on_event, weights,
                       template if isolation.startswith("full") else None)
            finally:
                if weights is not None:
                    weights.finished()
        return run


def _template_and_data(job: ChildJob, data: DatasetArrays | DataSource | None
                       ) -> tuple[warm.Template | None, DatasetArrays | DataSource | None]:
    """The warm template (None: start cold) and, for a warm start, the dataset, loaded while the template
    starts (a cold child's start-up overlaps the loading instead)."""
    if not warm.enabled() or bubblewrap() is None:
        return None, data
    found: list[warm.Template | None] = [None]
    starter = threading.Thread(target=lambda: found.__setitem__(0, _template(job)), name="warm-template")
    starter.start()
    try:
        if job.train is not None and callable(data):
            data = data()
    finally:
        starter.join()
    return found[0], data


def _template(job: ChildJob) -> warm.Template | None:
    """The warm template for this job (started on demand), or None: cold start by setting or necessity."""
    if not warm.enabled() or bubblewrap() is None:
        return None
    try:
        return warm.template_for(job.device, job.threads, job.hidden)
    except (warm.TemplateFailed, OSError):
        return None


def template_env(env: dict[str, str], threads: int) -> dict[str, str]:
    """The child's environment: a few of the grader's variables, the allocator's settings, the thread counts."""
    return {**{k: os.environ[k] for k in PASS_ENV if k in os.environ}, **MALLOC_ENV, **env,
            "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads),
            "PYTHONDONTWRITEBYTECODE": "1"}


def _spawn(job: ChildJob, root: Path, folder: WorkDir, request: Request, cmd: list[str], env: dict[str, str],
           data: DatasetArrays | DataSource | None, run: ChildRun, on_event: EventFn | None,
           weights: WeightsBroker | None, template: warm.Template | None) -> None:
    read_fd, write_fd = os.pipe()
    nonce = secrets.token_hex(16)
    request = Request(**{**asdict(request), "fd": write_fd, "weights_cache": weights is not None})
    folder.write("request.json", request.to_json().encode())
    (root / "work" / "request.json").write_text(request.to_json())  # the unisolated child's copy
    cgroup = Cgroup(job.limits)
    dataset = None
    if template is not None and data is not None:  # a warm child starts at once: the data's time is not its
        dataset = measure.write_test_data(folder, data if isinstance(data, DatasetArrays) else data())
    started = time.perf_counter()
    log = open(root / "output.log", "w+b")  # the grader's own handle: the child never sees this file
    proc: Child | None = None
    try:
        why = [""]
        proc = _start(job, root, template, request, nonce, log, write_fd, cmd, template_env(env, job.threads),
                      cgroup, why)
        run.child["start"] = "warm" if isinstance(proc, warm.WarmChild) else "cold"
        if why[0]:
            run.child["warm_failed"] = why[0][:300]
        run.child["launch_s"] = round(time.perf_counter() - started, 3)
        reader = EventReader(run, job.limits, cgroup, proc.pid, started, nonce, folder, on_event, weights)
        if data is not None:
            try:
                reader.dataset = dataset or measure.write_test_data(
                    folder, data if isinstance(data, DatasetArrays) else data())
            except BaseException:
                _kill_group(proc, grace_s=0)
                raise
        ended = reader.read(read_fd)
        _kill_group(proc, grace_s=5 if ended == "eof" else 0)
        output_full = os.fstat(log.fileno()).st_size >= job.limits.output_bytes
        explain_end(run, ended, proc.returncode, job.limits, cgroup, output_full)
        run.child.update({"exit_code": proc.returncode, "seconds": round(time.perf_counter() - started, 3),
                          "output_tail": _tail(log), "limits": "cgroup" if cgroup.active else "watchdog",
                          "first_event_s": reader.first_event_s})
    finally:
        log.close()
        cgroup.close()
        if isinstance(proc, warm.WarmChild):
            proc.close()
    reader.finish()


def _start(job: ChildJob, root: Path, template: warm.Template | None, request: Request, nonce: str,
           log: BinaryIO, write_fd: int, cmd: list[str], env: dict[str, str], cgroup: Cgroup,
           why: list[str]) -> Child:
    """Fork the hand-in from the warm template, or (no template, or it failed before the hand-in's code ran)
    start a fresh interpreter, saying ``why`` in its first item. Either way the events' write end is closed
    here once the child has it."""
    try:
        if template is not None:
            try:
                child = template.launch(root, request.to_json(), nonce, job.limits, log.fileno(), write_fd)
            except warm.TemplateFailed as exc:
                why[0] = str(exc)
                warm.discard(template, why[0])
            else:
                if cgroup.active:
                    cgroup.add(child.pid)
                child.go()
                return child

        def prepare() -> None:  # runs in the child, before exec
            set_rlimits(job.limits)
            if cgroup.active:
                cgroup.join()

        proc = subprocess.Popen(cmd, cwd=root / "work", env=env, stdin=subprocess.PIPE, stdout=log,
                                stderr=subprocess.STDOUT, pass_fds=(write_fd,), start_new_session=True,
                                preexec_fn=prepare)
        _send_secret(proc, nonce)
        return proc
    finally:
        os.close(write_fd)


def _send_secret(proc: subprocess.Popen, nonce: str) -> None:
    """The run's secret goes through stdin, read by the grader's child code before the student's import."""
    assert proc.stdin is not None
    try:
        proc.stdin.write(nonce.encode() + b"\n")
        proc.stdin.close()
    except OSError:
        pass


def explain_end(run: ChildRun, ended: str, code: int | None, limits: Limits, cgroup: Cgroup,
                 output_full: bool) -> None:
    """How the child ended, as one sentence that names the cause, when it did not finish."""
    stage = run.stage
    if ended.startswith("protocol:"):
        why = f"sent what the grader cannot accept ({ended.removeprefix('protocol:')})"
    elif ended == "processes" or (cgroup.processes_exceeded() and not run.done):
        why = f"tried to start more than {limits.processes} processes"
    elif ended == "memory" or cgroup.memory_exceeded():
        why = f"exceeded the {limits.memory_bytes / GiB:g} GiB memory limit"
    elif ended == "timeout" and cgroup.memory_at_limit():
        held = f"held at the {limits.memory_bytes / GiB:g} GiB memory limit"
        why = f"timed out after {limits.for_stage(stage):g} s, {held}"
    elif ended == "timeout":
        why = f"timed out after {limits.for_stage(stage):g} s"
    elif ended == "total":
        why = f"ran past the {limits.total_s:g} s limit for a whole run"
    elif output_full or code == -signal.SIGXFSZ:  # Python ignores SIGXFSZ: the write fails instead
        why = f"printed more than {limits.output_bytes // 1024**2} MiB of output"
    elif run.done or run.error is not None:
        return
    else:
        why = f"the process ended early (exit code {code}) without a result"
    run.error = ChildError(stage, why)


def _kill_group(proc: Child, grace_s: float) -> None:
    """Let a finished child exit, then kill whatever is left of its process group (or pid namespace)."""
    try:
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        pass
    if isinstance(proc, warm.WarmChild):
        proc.kill()  # its pid namespace goes with it; the kernel may take a while to tear a big one down
        try:
            proc.wait(timeout=warm.TEARDOWN_WAIT_S)
        except subprocess.TimeoutExpired:
            proc.returncode = -signal.SIGKILL
        return
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
