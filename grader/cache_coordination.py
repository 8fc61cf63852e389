"""Who is training which network now: the weights cache's coordination, apart from its file store.

"Each distinct network is trained once" needs every run of a batch to see the others' claims.
Inside one process (the local pool's threads) a lock and a condition do it; on a cluster the
runs are processes on several machines, so the same five operations go to one Ray actor
(``grader.executors.ray_executor``). ``coordinator_for(folder)`` returns the coordinator of
the current process's batch: the thread-based one unless an executor installed another.
"""
from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol


class Coordinator(Protocol):
    """The in-flight bookkeeping of one weights cache (one folder), shared by all runs of a batch."""

    def try_claim(self, key: str, trusted: bool, force: bool) -> bool:
        """Count this run as training ``key`` unless the reference or two others train it (``force``: always)."""

    def release(self, key: str, trusted: bool) -> None:
        """This run stopped training ``key``; wake whoever waits."""

    def wait(self, timeout_s: float) -> None:
        """Block until some run releases a network, or ``timeout_s`` passes."""

    def wait_reference(self, timeout_s: float) -> bool:
        """Block until a trusted run is training (True), or ``timeout_s`` passes (False)."""

    def lock(self) -> None:
        """Take the cache's install lock (installing and counting candidates are read-modify-writes)."""

    def unlock(self) -> None:
        """Give the install lock back."""


@contextmanager
def locked(coordinator: Coordinator) -> Iterator[None]:
    coordinator.lock()
    try:
        yield
    finally:
        coordinator.unlock()


class ThreadCoordinator:
    """The local pool's coordinator: counters under one condition, shared by the threads of this process."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.trainers: Counter[str] = Counter()
        self.trusted: Counter[str] = Counter()
        self._install = threading.Lock()

    def try_claim(self, key: str, trusted: bool, force: bool) -> bool:
        with self.changed:
            busy = self.trusted[key] > 0 or self.trainers[key] >= 2
            if busy and not (trusted or force):
                return False
            self.trainers[key] += 1
            self.trusted[key] += trusted
            if trusted:
                self.changed.notify_all()
            return True

    def release(self, key: str, trusted: bool) -> None:
        with self.changed:
            self.trainers[key] -= 1
            self.trusted[key] -= trusted
            self.changed.notify_all()

    def wait(self, timeout_s: float) -> None:
        with self.changed:
            self.changed.wait(timeout=timeout_s)

    def wait_reference(self, timeout_s: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: any(n > 0 for n in self.trusted.values()), timeout=timeout_s)

    def lock(self) -> None:
        self._install.acquire()

    def unlock(self) -> None:
        self._install.release()


_REGISTRY_LOCK = threading.Lock()
_LOCAL: dict[Path, ThreadCoordinator] = {}
_factory: Callable[[Path], Coordinator] | None = None


def local_coordinator(folder: Path) -> ThreadCoordinator:
    """One thread coordinator per cache folder and process."""
    with _REGISTRY_LOCK:
        return _LOCAL.setdefault(Path(folder).resolve(), ThreadCoordinator())


def coordinator_for(folder: Path) -> Coordinator:
    """The coordinator of this process's batch for the cache in ``folder``."""
    factory = _factory
    return factory(folder) if factory is not None else local_coordinator(folder)


def use_coordinators(factory: Callable[[Path], Coordinator] | None) -> None:
    """Install how this process finds coordinators (an executor's); None: back to the thread-based one."""
    global _factory
    _factory = factory
