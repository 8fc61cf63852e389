"""The weights cache's coordinator on a Ray cluster: one named actor per cache folder.

The actor lives on the driver's node (which outlives the batch's tasks) and keeps who trains
which network, by node: a node that dies drops its claims, so runs waiting for its weights
go ahead instead of waiting for a network nobody trains any more.
"""
from __future__ import annotations

import asyncio
import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

import ray
from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

NAMESPACE = "grader"
LOCK_LEASE_S = 60.0  # the install lock guards two file writes; a holder gone this long has died


def actor_name(folder: Path) -> str:
    return "weights-coordinator-" + hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:16]


class CoordinatorActor:
    """In-flight claims as (key, node, trusted); every method is a coroutine, so waiting blocks no one."""

    def __init__(self) -> None:
        self.claims: Counter[tuple[str, str, bool]] = Counter()
        self.changed: asyncio.Condition | None = None
        self.install: asyncio.Lock | None = None

    def _cond(self) -> asyncio.Condition:
        if self.changed is None:  # made inside the actor's event loop
            self.changed, self.install = asyncio.Condition(), asyncio.Lock()
        return self.changed

    def _install(self) -> asyncio.Lock:
        self._cond()
        assert self.install is not None  # made together with the condition
        return self.install

    def _count(self, key: str, trusted_only: bool) -> int:
        return sum(n for (k, _, t), n in self.claims.items() if k == key and (t or not trusted_only))

    async def try_claim(self, key: str, node: str, trusted: bool, force: bool) -> bool:
        changed = self._cond()
        async with changed:
            busy = self._count(key, True) > 0 or self._count(key, False) >= 2
            if busy and not (trusted or force):
                return False
            self.claims[(key, node, trusted)] += 1
            changed.notify_all()
            return True

    async def release(self, key: str, node: str, trusted: bool) -> None:
        changed = self._cond()
        async with changed:
            self.claims[(key, node, trusted)] -= 1
            self.claims += Counter()  # drops counts at zero
            changed.notify_all()

    async def wait(self, timeout_s: float) -> None:
        changed = self._cond()
        async with changed:
            try:
                await asyncio.wait_for(changed.wait(), timeout_s)
            except asyncio.TimeoutError:
                self._drop_dead_nodes()

    async def wait_reference(self, timeout_s: float) -> bool:
        changed = self._cond()
        async with changed:
            try:
                await asyncio.wait_for(changed.wait_for(lambda: any(t for (_, _, t) in +self.claims)),
                                       timeout_s)
                return True
            except asyncio.TimeoutError:
                return False

    async def lock(self) -> None:
        install = self._install()
        try:
            await asyncio.wait_for(install.acquire(), LOCK_LEASE_S)
        except asyncio.TimeoutError:  # the holder died mid-install: take the lock over
            pass

    async def unlock(self) -> None:
        if self.install is not None and self.install.locked():
            self.install.release()

    def _drop_dead_nodes(self) -> None:
        alive = {n["NodeID"] for n in ray.nodes() if n.get("Alive")}
        for claim in [c for c in self.claims if c[1] not in alive]:
            del self.claims[claim]
        self._cond().notify_all()


class RayCoordinator:
    """A run's view of the actor: the ``grader.cache_coordination.Coordinator`` operations, as remote calls."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.node = ray.get_runtime_context().get_node_id()

    def try_claim(self, key: str, trusted: bool, force: bool) -> bool:
        return bool(ray.get(self.actor.try_claim.remote(key, self.node, trusted, force)))

    def release(self, key: str, trusted: bool) -> None:
        ray.get(self.actor.release.remote(key, self.node, trusted))

    def wait(self, timeout_s: float) -> None:
        ray.get(self.actor.wait.remote(max(0.0, timeout_s)))

    def wait_reference(self, timeout_s: float) -> bool:
        return bool(ray.get(self.actor.wait_reference.remote(timeout_s)))

    def lock(self) -> None:
        ray.get(self.actor.lock.remote())

    def unlock(self) -> None:
        ray.get(self.actor.unlock.remote())


def start_actor(folder: Path) -> Any:
    """The folder's actor, started on this (the driver's) node if it is not running yet."""
    here = ray.get_runtime_context().get_node_id()
    return ray.remote(CoordinatorActor).options(
        name=actor_name(folder), namespace=NAMESPACE, get_if_exists=True, num_cpus=0, max_concurrency=1000,
        max_restarts=-1, scheduling_strategy=NodeAffinitySchedulingStrategy(here, soft=False)).remote()


def find_actor(folder: Path) -> Any:
    """The folder's actor, from a task on any node."""
    return ray.get_actor(actor_name(folder), namespace=NAMESPACE)
