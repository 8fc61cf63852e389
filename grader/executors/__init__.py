"""Where a batch's hand-ins are graded: a thread pool on this machine, or a Ray cluster.

Both are ``concurrent.futures.Executor``s, the seam ``grader.batch`` grades through; the
driver (the process that called ``grade_batch``) alone writes reports and the gradebook.
"""
from __future__ import annotations

from concurrent.futures import Executor

from grader.executors.local import local_executor


def make_executor(name: str, address: str = "auto", gpu_share: float = 0.0) -> Executor | None:
    """The executor called ``name`` ("local" or "ray"); None for the batch's own default pool."""
    if name == "local":
        return None
    if name == "ray":
        from grader.executors.ray_executor import RayExecutor

        return RayExecutor(address=address, gpu_share=gpu_share)
    raise ValueError(f"unknown executor {name!r}")


__all__ = ["local_executor", "make_executor"]
