"""How long a class takes on a cluster, from per-hand-in costs measured on this machine.

The model is deliberately plain, so a reader can check it by hand:

- every hand-in pays the child's start and its checks on one core (``hit_s``: a hand-in whose
  weights come from the cache: start, load, evaluate, checks);
- a share of hand-ins (``trained_share``: networks nobody else handed in, and the two runs of a
  common network that must agree before it is installed) also trains, on one core
  (``train_cpu_s``) or on a share of a GPU (``train_gpu_s``, the GPU running ``1 / gpu_share``
  trainings side by side at the speed of one, a LeNet being far too small to fill it);
- the reference network trains first, while the rest go ahead (a critical path of one training);
- the driver alone writes every report (``driver_s`` each, one after another).

Time = max(reference training, the core work over all cores, the GPU work over all GPU slots,
the driver's writing). Perfect packing is assumed: real figures are somewhat higher.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Costs:
    """Seconds per hand-in, measured in one run."""

    child_start_s: float
    hit_s: float
    train_cpu_s: float
    train_gpu_s: float | None
    driver_s: float


@dataclass(frozen=True)
class Cluster:
    nodes: int
    cores: int  # per node
    gpus: int = 0  # per node

    @property
    def label(self) -> str:
        return f"{self.nodes} × {self.cores} cores" + (f" × {self.gpus} GPU" if self.gpus else "")


CLUSTERS = (Cluster(1, 2), Cluster(1, 16), Cluster(4, 16), Cluster(16, 16), Cluster(1, 16, 1), Cluster(4, 16, 1),
            Cluster(16, 16, 4))


def class_time_s(n: int, cluster: Cluster, costs: Costs, trained_share: float = 0.1,
                 gpu_share: float = 0.25) -> float:
    """Seconds to grade ``n`` hand-ins on ``cluster`` (see the module's model)."""
    trained = n * trained_share
    cores = cluster.nodes * cluster.cores
    core_work = n * costs.hit_s
    gpu_work = 0.0
    reference = costs.train_cpu_s
    if cluster.gpus and costs.train_gpu_s is not None:
        slots = cluster.nodes * cluster.gpus / gpu_share
        gpu_work = trained * costs.train_gpu_s / slots
        reference = costs.train_gpu_s
    else:
        core_work += trained * costs.train_cpu_s
    return max(reference, core_work / cores, gpu_work, n * costs.driver_s)


def table(costs: Costs, sizes: tuple[int, ...] = (300, 3000), trained_share: float = 0.1,
          gpu_share: float = 0.25) -> list[dict[str, object]]:
    """One row per cluster shape: minutes for each class size (GPU rows only when a GPU cost was measured)."""
    rows = []
    for cluster in CLUSTERS:
        if cluster.gpus and costs.train_gpu_s is None:
            continue
        row: dict[str, object] = {"cluster": cluster.label}
        for n in sizes:
            row[f"{n} hand-ins (min)"] = round(class_time_s(n, cluster, costs, trained_share, gpu_share) / 60, 1)
        rows.append(row)
    return rows
