"""Trained weights, kept by network fingerprint, so each distinct network is trained once.

A fingerprint (``grader.sandbox.fingerprint``) is computed inside the sandboxed child,
where a hostile hand-in could forge it, and the weights come from that child too. So the
cache trusts only what the parent measured:

- an entry is installed from a trusted run (the homework's own reference network, trained
  by the grader at the start of a batch), or from runs of two different students (a
  resubmission is the same source: sources are hand-in ids, never code hashes) whose
  weights are identical tensor for tensor and whose accuracy, computed by the parent from
  their predictions, agrees;
- every entry records that parent-measured accuracy. A hit only ever loads weights into
  the hand-in's *own* network, which is then evaluated as usual; when that evaluation does
  not reproduce the recorded accuracy, the entry is discarded and the network trained
  (the reference's own entry is checked the same way before a batch trusts it).

The runner uses no cache at all when the child is not fully isolated (it could reach the
folder).
"""
from __future__ import annotations

import hashlib
import io
import json
import time
from pathlib import Path
from typing import Any

import torch

from grader.cache_coordination import coordinator_for, locked
from grader.fileio import atomic_write, cache_home
from grader.sandbox.protocol import JSON

WAIT_CAP_S = 3600.0  # a run waits at most this long for others training its network (each has its own limit)


def default_cache_dir() -> Path:
    return cache_home() / "weights"


class WeightsCache:
    """A folder of ``<fingerprint>.pt`` (a list of tensors in first-use order) and ``.json`` (how it was made)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._coordinator = coordinator_for(self.folder)  # in-flight runs: this process's, or the cluster's

    def claim(self, key: str, trusted: bool, wait_s: float = WAIT_CAP_S) -> tuple[bytes, dict[str, Any]] | None:
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

    def lookup(self, key: str) -> tuple[bytes, dict[str, Any]] | None:
        """The weights and their record, when ``key`` is installed with a parent-measured accuracy and
        the bytes are the ones recorded."""
        if not _valid_key(key):
            return None
        try:
            data = (self.folder / f"{key}.pt").read_bytes()
            meta = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (not isinstance(meta, dict) or not isinstance(meta.get("accuracy"), float) or not _complete(meta)
                or meta.get("sha256") != hashlib.sha256(data).hexdigest()):
            return None
        return data, meta

    def offer(self, key: str, tensors: list[torch.Tensor], info: dict[str, JSON], accuracy: float, source: str,
              trusted: bool) -> bool:
        """Offer the weights a run produced for ``key`` (read by the parent) with the accuracy the parent
        measured; True when they are (now) installed."""
        if not _valid_key(key) or not tensors:
            return False
        digest = tensors_digest(tensors)
        with locked(self._coordinator):
            if self.lookup(key) is not None:
                return False
            self.folder.mkdir(parents=True, exist_ok=True)
            if not trusted:
                seen = self._candidates(key)
                entry = seen.get(digest) or {"sources": [], "accuracy": accuracy}
                if abs(float(entry["accuracy"]) - accuracy) > ACCURACY_TOLERANCE:
                    return False  # the same weights cannot score two accuracies: one run's figures are wrong
                entry["sources"] = sorted(set(entry["sources"]) | {source})
                seen[digest] = entry
                atomic_write(self.folder / f"{key}.candidates.json", json.dumps(seen, indent=1))
                if len(entry["sources"]) < 2:
                    return False
            buf = io.BytesIO()
            torch.save([t.detach().cpu().contiguous().clone() for t in tensors], buf)
            data = buf.getvalue()
            self._install(key, data, {**info, "accuracy": float(accuracy), "tensors": digest,
                                      "sha256": hashlib.sha256(data).hexdigest(),
                                      "installed_by": "reference" if trusted else "agreement of two students"})
        return True

    def discard(self, key: str) -> None:
        """An entry whose weights do not reproduce their accuracy: gone (record first, so lookups stop)."""
        if not _valid_key(key):
            return
        with locked(self._coordinator):
            for suffix in (".json", ".pt"):  # the honest runs' votes stay: they may install the right weights
                try:
                    (self.folder / f"{key}{suffix}").unlink()
                except OSError:
                    pass

    def _candidates(self, key: str) -> dict[str, dict[str, Any]]:
        try:
            seen = json.loads((self.folder / f"{key}.candidates.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(seen, dict):
            return {}
        return {d: e for d, e in seen.items() if isinstance(e, dict) and isinstance(e.get("sources"), list)
                and isinstance(e.get("accuracy"), (int, float))}

    def _install(self, key: str, data: bytes, meta: dict[str, Any]) -> None:
        """Weights first, record last: a lookup sees both or neither."""
        atomic_write(self.folder / f"{key}.pt", data)
        atomic_write(self.folder / f"{key}.json", json.dumps(meta, indent=1))


RECORD_FIELDS = ("epoch_losses", "loss_curve", "steps", "train_s", "channels_last", "train_images")
ACCURACY_TOLERANCE = 0.05  # percentage points (the runner's tolerance for a hit: see grader.sandbox.measure)


def tensors_digest(tensors: list[torch.Tensor]) -> str:
    """What the weights are, independent of how a child serialised or laid them out."""
    h = hashlib.sha256()
    for t in tensors:
        c = t.detach().cpu().contiguous()
        h.update(f"|{tuple(c.shape)}|{c.dtype}|".encode())
        h.update(c.view(torch.uint8).numpy().tobytes() if c.numel() else b"")
    return h.hexdigest()


class CacheBroker:
    """The cache as one child run sees it: who is asking, and whether its weights are trusted."""

    def __init__(self, cache: WeightsCache, source: str, trusted: bool = False) -> None:
        self.cache, self.source, self.trusted = cache, source, trusted
        self._claimed: str | None = None

    def plan(self, key: str) -> tuple[bytes | None, dict[str, JSON], bool]:
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

    def offer(self, key: str, tensors: list[torch.Tensor], info: dict[str, JSON], accuracy: float) -> bool:
        if key != self._claimed:  # only the network this run was counted as training
            return False
        record = {k: info.get(k) for k in RECORD_FIELDS}
        try:
            return self.cache.offer(key, tensors, record, accuracy, self.source, self.trusted)
        except OSError:
            return False

    def reject(self, key: str, accuracy: float | None) -> None:
        self.cache.discard(key)


def _complete(meta: dict[str, Any]) -> bool:
    """The training record a hit hands to the child's report, whole (a partial one is no entry)."""
    numbers = all(isinstance(meta.get(k), list) and all(isinstance(v, (int, float)) for v in meta[k])
                  for k in ("epoch_losses", "loss_curve"))
    return numbers and isinstance(meta.get("channels_last"), bool) and all(
        isinstance(meta.get(k), int) for k in ("steps", "train_images"))


def _valid_key(key: object) -> bool:
    return isinstance(key, str) and len(key) == 40 and all(c in "0123456789abcdef" for c in key)
