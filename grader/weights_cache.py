"""Trained weights, kept by network fingerprint, so each distinct network is trained once.

A fingerprint (``grader.sandbox.fingerprint``) is computed inside the sandboxed child,
where a hostile hand-in could forge it. So an entry is only ever *installed* from a
source the grader can trust:

- a trusted run: the homework's own reference network, trained by the grader at the
  start of a batch;
- or two runs of different hand-ins that report the same fingerprint and produced
  byte-identical weights (training is deterministic, so honest runs agree; a forger
  would have to forge the same weights twice from two hand-ins).

An installed entry is never replaced. A hit only ever loads weights into the
hand-in's *own* network, which is then evaluated on the test images as usual: an
accuracy is never copied.
"""
from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from grader.cache_coordination import coordinator_for, locked
from grader.fileio import atomic_write, cache_home

WAIT_CAP_S = 3600.0  # a run waits at most this long for others training its network (each has its own limit)


def default_cache_dir() -> Path:
    return cache_home() / "weights"


class WeightsCache:
    """A folder of ``<fingerprint>.pt`` (a list of tensors in first-use order) and ``.json`` (how it was made)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._coordinator = coordinator_for(self.folder)  # in-flight runs: this process's, or the cluster's

    def claim(self, key: str, trusted: bool, wait_s: float = WAIT_CAP_S) -> tuple[Path, dict[str, Any]] | None:
        """The cached weights of ``key``; else None, and this run is counted as training ``key``.

        A run waits (rather than train the same network again) while the reference trains it,
        or while two other runs train it (their weights would agree and be installed).
        """
        deadline = time.monotonic() + wait_s
        while True:
            hit = self.lookup(key)
            if hit is not None:
                return hit
            left = deadline - time.monotonic()
            if self._coordinator.try_claim(key, trusted, force=left <= 0):
                break
            self._coordinator.wait(min(5.0, left))
        hit = self.lookup(key)  # installed between the lookup and the claim: use it
        if hit is not None:
            self.release(key, trusted)
        return hit

    def release(self, key: str, trusted: bool) -> None:
        """This run stopped training ``key`` (after offering its weights, or failing)."""
        self._coordinator.release(key, trusted)

    def wait_reference(self, timeout_s: float) -> bool:
        """Whether a trusted run is training a network now (waiting up to ``timeout_s`` for one to start)."""
        return self._coordinator.wait_reference(timeout_s)

    def lookup(self, key: str) -> tuple[Path, dict[str, Any]] | None:
        """The weights file and its training record, when ``key`` is installed."""
        if not _valid_key(key):
            return None
        weights, meta = self.folder / f"{key}.pt", self.folder / f"{key}.json"
        if not (weights.is_file() and meta.is_file()):
            return None
        try:
            return weights, json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def offer(self, key: str, data: bytes, info: dict[str, Any], source: str, trusted: bool) -> bool:
        """Offer the weights a run produced for ``key``; True when they are (now) installed."""
        if not _valid_key(key):
            return False
        digest = hashlib.sha256(data).hexdigest()
        with locked(self._coordinator):
            if self.lookup(key) is not None:
                return False
            self.folder.mkdir(parents=True, exist_ok=True)
            if not trusted:
                seen = self._candidates(key)
                sources = sorted(set(seen.get(digest, [])) | {source})
                seen[digest] = sources
                atomic_write(self.folder / f"{key}.candidates.json", json.dumps(seen, indent=1))
                if len(sources) < 2:
                    return False
            self._install(key, data, {**info, "sha256": digest, "installed_by": "reference" if trusted
                                      else "agreement of two hand-ins"})
        return True

    def _candidates(self, key: str) -> dict[str, list[str]]:
        try:
            seen = json.loads((self.folder / f"{key}.candidates.json").read_text(encoding="utf-8"))
            return seen if isinstance(seen, dict) else {}
        except (OSError, ValueError):
            return {}

    def _install(self, key: str, data: bytes, meta: dict[str, Any]) -> None:
        """Weights first, record last: a lookup sees both or neither."""
        atomic_write(self.folder / f"{key}.pt", data)
        atomic_write(self.folder / f"{key}.json", json.dumps(meta, indent=1))


RECORD_FIELDS = ("epoch_losses", "loss_curve", "steps", "train_s", "channels_last", "train_images")


class CacheBroker:
    """The cache as one child run sees it: who is asking, and whether its weights are trusted."""

    def __init__(self, cache: WeightsCache, source: str, trusted: bool = False) -> None:
        self.cache, self.source, self.trusted = cache, source, trusted
        self._claimed: str | None = None

    def plan(self, key: str) -> tuple[Path | None, dict[str, Any], bool]:
        if self._claimed is not None or not _valid_key(key):  # one fingerprint per run
            return None, {}, False
        try:
            hit = self.cache.claim(key, self.trusted)
        except OSError:
            return None, {}, False
        if hit is not None:
            return hit[0], hit[1], False
        self._claimed = key
        return None, {}, True

    def finished(self) -> None:
        if self._claimed is not None:
            self.cache.release(self._claimed, self.trusted)
            self._claimed = None

    def offer(self, key: str, weights: bytes, info: dict[str, Any]) -> bool:
        if key != self._claimed:  # only the network this run was counted as training
            return False
        record = {k: info.get(k) for k in RECORD_FIELDS}
        try:
            return self.cache.offer(key, weights, record, self.source, self.trusted)
        except OSError:
            return False


def _valid_key(key: object) -> bool:
    return isinstance(key, str) and len(key) == 40 and all(c in "0123456789abcdef" for c in key)
