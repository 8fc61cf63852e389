"""The parent's side of the channel: read the child's lines, accept them event by event, keep the clocks.

One handler per event kind (a table, not a chain of cases). A stage may only be entered once
and in order, so announcing stages cannot restart a clock; a whole run has one more clock
that no event restarts. Time the parent spends answering the weights cache is not the child's.
"""
from __future__ import annotations

import json
import os
import select
import time
from collections.abc import Mapping
from dataclasses import asdict
from typing import TYPE_CHECKING

import torch

from grader.sandbox import measure
from grader.sandbox.limits import Cgroup, Limits, session_usage
from grader.sandbox.protocol import (
    JSON,
    STAGES,
    ChildError,
    ChildRun,
    Done,
    Event,
    EventFn,
    Fingerprint,
    ForeignLine,
    Imported,
    InitialPredictions,
    Predictions,
    Probe,
    Progress,
    ProtocolError,
    StageEvent,
    Training,
    Weights,
)
from grader.sandbox.workdir import WorkDir

if TYPE_CHECKING:
    from grader.sandbox.runner import WeightsBroker

MAX_LINE_BYTES = 72 * 1024**2  # the weights event (48 MiB, base64) is the longest honest line


class Clocks:
    """A deadline per stage and one for the whole run; memory and processes where no cgroup enforces them."""

    def __init__(self, limits: Limits, cgroup: Cgroup, sid: int, started: float) -> None:
        self.limits, self.cgroup, self.sid = limits, cgroup, sid
        self.started = self.stage_started = started
        self.paused_s = 0.0

    def restart_stage(self) -> None:
        self.stage_started = time.perf_counter()

    def pause(self, seconds: float) -> None:
        """The parent kept the child waiting this long (the weights cache): not the child's time."""
        self.paused_s += seconds

    def breach(self, stage: str) -> str | None:
        now = time.perf_counter()
        if now - self.stage_started > self.limits.for_stage(stage):
            return "timeout"
        if now - self.started - self.paused_s > self.limits.total_s:
            return "total"
        if not self.cgroup.active:
            rss, count = session_usage(self.sid)
            if rss > self.limits.memory_bytes:
                return "memory"
            if count > self.limits.processes:
                return "processes"
        return None


class EventReader:
    """Reads one child's events into its ``ChildRun``."""

    def __init__(self, run: ChildRun, limits: Limits, cgroup: Cgroup, sid: int, started: float, nonce: str,
                 folder: WorkDir, on_event: EventFn | None, weights: WeightsBroker | None) -> None:
        self.run, self.nonce, self.folder, self.on_event, self.weights = run, nonce, folder, on_event, weights
        self.clocks = Clocks(limits, cgroup, sid, started)
        self.started = started
        self.first_event_s: float | None = None
        self.dataset: measure.TestData | None = None
        self.announced: set[str] = set()
        self.predictions: list[int] | None = None
        self.trained_state: dict[str, torch.Tensor] | None = None
        self.plan_offer = False

    def read(self, fd: int) -> str:
        """Read lines until the child closes the pipe ("eof"), breaks a limit (its name) or the protocol."""
        buf = bytearray()
        with os.fdopen(fd, "rb", buffering=0) as pipe:
            while True:
                breach = self.clocks.breach(self.run.stage)
                if breach:
                    return breach
                if not select.select([pipe], [], [], 0.2)[0]:
                    continue
                chunk = pipe.read(1 << 20)
                if not chunk:
                    return "eof"
                start = len(buf)
                buf += chunk
                while (end := buf.find(b"\n", start)) >= 0:
                    line, start = bytes(buf[:end]), 0
                    del buf[:end + 1]
                    try:
                        self.accept(line)
                    except ProtocolError as exc:
                        return f"protocol:{exc}"
                if len(buf) > MAX_LINE_BYTES:
                    return f"protocol:a line over {MAX_LINE_BYTES // 1024**2} MiB"

    def accept(self, line: bytes) -> None:
        from grader.sandbox.protocol import parse_event

        if self.first_event_s is None:
            self.first_event_s = round(time.perf_counter() - self.started, 3)
        try:
            event = parse_event(line, self.nonce)
        except ForeignLine:
            self.run.foreign_lines += 1
            return
        if self.run.done:
            raise ProtocolError("an event after the end")
        self._handle(event)

    def _handle(self, event: Event) -> None:
        """One parsed event to its handler, by its type (the protocol's closed set of events)."""
        match event:
            case StageEvent():
                self._stage(event)
            case Imported():
                self._imported(event)
            case Probe():
                self._probe(event)
            case Fingerprint():
                self._fingerprint(event)
            case Progress():
                self._progress(event)
            case InitialPredictions():
                self._init_predictions(event)
            case Weights():
                self._weights(event)
            case Training():
                self._trained(event)
            case Predictions():
                self._predictions(event)
            case ChildError():
                self._error(event)
            case Done():
                self._done(event)

    def _enter(self, stage: str) -> None:
        """Stages move forward only, each once: the stage clock restarts only on real progress."""
        current = STAGES.index(self.run.stage)
        new = STAGES.index(stage)  # type: ignore[arg-type]
        if new < current or stage in self.announced:
            raise ProtocolError(f"the stage {stage!r} after {self.run.stage!r}")
        self.announced.add(stage)
        if new > current:
            self.run.stage = STAGES[new]
            self.clocks.restart_stage()

    def _expect(self, stage: str, what: str, already: object) -> None:
        if self.run.stage != stage or already is not None:
            raise ProtocolError(f"{what} while {self.run.stage!r}" if already is None else f"a second {what}")

    def _tell(self, event: Event) -> None:
        if self.on_event:
            self.on_event(event)

    def _stage(self, e: StageEvent) -> None:
        self._enter(e.stage)
        self._tell(e)

    def _imported(self, e: Imported) -> None:
        self._expect("import", "an import report", self.run.imported)
        self.run.imported = e

    def _probe(self, e: Probe) -> None:
        self._expect("forward", "a probe", self.run.probe)
        self.run.probe = e

    def _progress(self, e: Progress) -> None:
        self._tell(e)

    def _error(self, e: ChildError) -> None:
        self.run.error = ChildError(self.run.stage if e.stage not in STAGES else e.stage, e.error)

    def _done(self, e: Done) -> None:
        self.run.done = True

    def _fingerprint(self, e: Fingerprint) -> None:
        self._expect("train", "a fingerprint", self.run.fingerprint)
        self.run.fingerprint = e
        if self.weights is None or e.key is None:
            return
        asked = time.perf_counter()
        cached, meta, offer = self.weights.plan(e.key)
        plan: dict[str, JSON] = {"weights": None, "offer": offer}
        if cached is not None:
            self.folder.write("cached.pt", cached)
            plan.update(weights="cached.pt", meta={k: meta.get(k) for k in measure_fields(meta)})
            self.run.child["cached_accuracy"] = meta.get("accuracy")
        self.plan_offer = offer and cached is None
        self.folder.write("plan.json", json.dumps(plan).encode())
        self.clocks.pause(time.perf_counter() - asked)
        self.clocks.restart_stage()  # once: a second fingerprint is a protocol error

    def _init_predictions(self, e: InitialPredictions) -> None:
        self._expect("train", "predictions at initialisation", self.run.init_accuracy)
        if self.dataset is not None:
            self.run.init_accuracy = measure.accuracy(e.values, None, self.dataset.init_labels)

    def _weights(self, e: Weights) -> None:
        stage = "forward" if e.when == "built" else "train"
        self._expect(stage, f"{e.when} weights", self.run.weights_state)
        state, _ = measure.read_state(e.data)
        self.run.weights_state = {k: (list(v.shape), int(v.numel())) for k, v in state.items()}
        self.run.weights_order = e.order
        if e.when == "trained" and self.plan_offer:
            self.trained_state = state

    def _trained(self, e: Training) -> None:
        self._expect("train", "a training report", self.run.training)
        if e.from_cache and "cached_accuracy" not in self.run.child:
            raise ProtocolError("weights from a cache that sent none")
        self.run.training = e
        self._enter("evaluate")
        self._tell(e)

    def _predictions(self, e: Predictions) -> None:
        self._expect("evaluate", "predictions", self.predictions)
        self.predictions, self.run.eval_s = e.values, e.eval_s

    def finish(self) -> None:
        """After the child has ended: the accuracy, then the weights offered to the cache."""
        if self.predictions is not None and self.dataset is not None:
            self.run.accuracy = measure.accuracy(self.predictions, self.dataset.permutation, self.dataset.labels)
        run, state = self.run, self.trained_state
        if (state is None or self.weights is None or not run.done or run.error is not None or run.accuracy is None
                or run.fingerprint is None or run.fingerprint.key is None or run.training is None):
            return
        tensors = [state[n] for n in run.weights_order if n in state]
        if len(tensors) == len(run.weights_order):
            run.offer_installed = self.weights.offer(run.fingerprint.key, tensors, asdict(run.training),
                                                     run.accuracy)


def measure_fields(meta: Mapping[str, object]) -> list[str]:
    """The record a cache hit hands the child (for its report): the training figures only."""
    return [k for k in ("epoch_losses", "loss_curve", "steps", "train_s", "channels_last", "train_images")
            if k in meta]
