"""Grade a batch on a Ray cluster: one Ray task per hand-in, behind the ``Executor`` seam of the batch.

Each task runs the same function the local pool runs (``grade_submission``: the same sandboxed
child, the same limits) on the node it lands on. What a task needs travels with it: the
hand-in's files (a small archive, unpacked into a private folder on the node), the dataset as
one object in Ray's store (put once per batch, fetched once per node), the weights cache's
coordination as a named actor. The cache's files live in a folder every node reads (a shared
file system), as does the grader itself. A node that dies mid-task: Ray runs the task again on
another node (``max_retries``); when it cannot, the hand-in's future fails with the cause and the
batch reports it. Only the driver writes reports, so a hand-in is never graded into two.
"""
from __future__ import annotations

import io
import logging
import os
import tarfile
import tempfile
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.cache_coordination import use_coordinators
from grader.data import DatasetArrays
from grader.errors import UsageError

INSTALL_TIP = 'install the cluster extra: pip install "dl-homework-grader[ray]" (Ray 2.9 or newer)'
MAX_SHIPPED_BYTES = 200 * 1024**2


@dataclass(frozen=True)
class Shipped:
    """A file or folder of the driver's, packed to be unpacked on the node under the same name."""

    name: str
    archive: bytes


def ship(path: Path) -> Shipped:
    """Pack ``path`` (no links: a hand-in's links are never followed)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        tar.add(path, arcname=path.name, filter=lambda m: None if m.issym() or m.islnk() else m)
    if buf.tell() > MAX_SHIPPED_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_SHIPPED_BYTES // 1024**2} MiB")
    return Shipped(path.name, buf.getvalue())


def unpack(shipped: Shipped, into: Path) -> Path:
    with tarfile.open(fileobj=io.BytesIO(shipped.archive)) as tar:
        tar.extractall(into, filter="data")
    return into / shipped.name


def run_on_node(fn: Callable[..., Any], cache_folders: list[Path], *args: Any) -> Any:
    """The body of every task: unpack the shipped files, use the cluster's coordinators, call ``fn``."""
    import ray

    from grader.executors.ray_coordinator import RayCoordinator, find_actor
    from grader.results import SubmissionResult

    actors = {Path(f).resolve(): find_actor(f) for f in cache_folders}
    use_coordinators(lambda folder: RayCoordinator(actors[Path(folder).resolve()]))
    context = ray.get_runtime_context()
    with tempfile.TemporaryDirectory(prefix="task-") as tmp:
        real = [unpack(a, Path(tmp) / str(i)) if isinstance(a, Shipped) else a for i, a in enumerate(args)]
        result = fn(*real)
    if isinstance(result, SubmissionResult):  # which node graded it, for the report
        result.notes.append(f"graded on node {ray.util.get_node_ip_address()} ({context.get_node_id()[:12]})")
    return result


class RayExecutor(Executor):
    """Hand-ins as Ray tasks of ``cpus`` CPUs each (and ``gpu_share`` of a GPU when they train)."""

    def __init__(self, address: str | None = "auto", cpus: float = 1.0, gpu_share: float = 0.0,
                 max_retries: int = 3) -> None:
        try:
            import ray
        except ImportError:
            error = UsageError("--executor ray: Ray is not installed")
            error.tip = INSTALL_TIP
            raise error from None
        code_root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(p for p in (code_root, os.environ.get("PYTHONPATH")) if p)
        ray.init(address=address, namespace="grader", log_to_driver=False, logging_level=logging.WARNING,
                 runtime_env={"env_vars": {"PYTHONPATH": path}})
        self._ray = ray
        self._task = ray.remote(run_on_node)
        self.cpus, self.gpu_share, self.max_retries = cpus, gpu_share, max_retries
        resources = ray.cluster_resources()
        if gpu_share > 0 and not resources.get("GPU"):
            ray.shutdown()
            raise UsageError(f"--gpu-share {gpu_share:g}, but the cluster has no GPU (its tasks would wait forever)")
        self.slots = max(1, int(resources.get("CPU", 1) // cpus))
        self.threads_per_task = max(1, int(cpus))
        self._objects: dict[int, tuple[Any, Any]] = {}  # id(argument) -> (it, its object in the store)
        self._actors: dict[Path, Any] = {}
        use_coordinators(self._coordinator)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """``fn(*args)`` as a task; Path arguments travel as files, a dataset as one shared object."""
        if kwargs:
            raise TypeError("RayExecutor.submit takes positional arguments only")
        caches = [Path(a.weights_cache) for a in args if getattr(a, "weights_cache", None) is not None]
        for folder in caches:
            self._coordinator(folder)  # the actor exists before any task asks for it
        trains = any(isinstance(a, DatasetArrays) for a in args)
        sent = [self._send(a) for a in args]
        gpus = self.gpu_share if trains and not any(getattr(a, "device", None) == "cpu" for a in args) else 0
        task = self._task.options(num_cpus=self.cpus, num_gpus=gpus, max_retries=self.max_retries,
                                  scheduling_strategy="SPREAD")  # a class fills every node, not the driver's first
        return task.remote(fn, caches, *sent).future()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        use_coordinators(None)
        self._objects.clear()
        self._actors.clear()
        if self._ray.is_initialized():
            self._ray.shutdown()

    def _send(self, arg: Any) -> Any:
        """A hand-in's files packed; what every task shares (dataset, rubric, options) put in the store once."""
        if isinstance(arg, Path):
            return ship(arg) if arg.exists() else arg
        if arg is None or isinstance(arg, (str, int, float, bool)):
            return arg
        if id(arg) not in self._objects:  # once per batch; each node fetches it once
            self._objects[id(arg)] = (arg, self._ray.put(arg))
        return self._objects[id(arg)][1]

    def _coordinator(self, folder: Path) -> Any:
        from grader.executors.ray_coordinator import RayCoordinator, start_actor

        key = Path(folder).resolve()
        if key not in self._actors:
            self._actors[key] = start_actor(key)
        return RayCoordinator(self._actors[key])
