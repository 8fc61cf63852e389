"""Grade one hand-in: rubric items -> (one child run) -> checks -> one SubmissionResult."""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, replace
from functools import cache, partial
from pathlib import Path
from typing import Any, Callable

from grader import __version__
from grader.checks.base import CheckContext, Outcome
from grader.data import DatasetArrays, load_dataset, resolve_root
from grader.results import CheckResult, SubmissionResult
from grader.rubric import Rubric
from grader.sandbox.limits import Limits
from grader.sandbox.runner import ChildJob, run_child
from grader.submission import load_submission
from grader.weights_cache import CacheBroker, WeightsCache

EventFn = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Options:
    seed: int = 0
    device: str = "auto"
    data_root: str | None = None
    threads: int | None = None
    limits: Limits = Limits()
    train_timeout_s: float | None = None  # None: the rubric's (the accuracy item's timeout_s)
    hidden: tuple[Path, ...] = ()  # more folders the child must not see (the reports folder)
    weights_cache: Path | None = None  # trained weights by network fingerprint; None: always train


def resolve_device(device: str) -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


def grade_submission(folder: str | Path, rubric: Rubric, options: Options, on_event: EventFn | None = None,
                     data: DatasetArrays | None = None, trusted: bool = False) -> SubmissionResult:
    """Grade the hand-in in ``folder``. Never raises for a broken hand-in: that costs it points.

    ``trusted``: the hand-in is the grader's own reference, so its trained weights may be
    installed in the weights cache at once.
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    submission = load_submission(folder, rubric)
    device = resolve_device(options.device)
    requests = _merged_requests(rubric)
    measurements: dict[str, Any] = {}
    if requests and submission.code is None:
        measurements["skipped"] = f"no {rubric.code.file} in the hand-in"
    elif requests:
        source: DatasetArrays | Callable[[], DatasetArrays] | None = data
        if "train" in requests and data is None:  # loaded by the runner while the child starts up
            source = cache(partial(_load_timed, rubric, options, timings))  # loaded once, kept for a retry
        job = ChildJob(
            code=submission.code, code_name=rubric.code.file, class_name=rubric.code.class_name,
            input_shape=rubric.code.input_shape, seed=options.seed, device=device,
            threads=options.threads or max(1, len(os.sched_getaffinity(0))), mean=rubric.code.mean,
            std=rubric.code.std, train=requests.get("train"),
            limits=replace(options.limits, train_s=float(
                options.train_timeout_s or requests.get("timeout_s", options.limits.train_s))),
            hidden=_hidden_paths(folder, rubric, options),
        )
        t = time.perf_counter()
        broker = None
        if options.weights_cache is not None:
            origin = hashlib.sha256(f"{submission.id}\0{submission.code}".encode()).hexdigest()[:16]
            broker = CacheBroker(WeightsCache(options.weights_cache), origin, trusted)
        measurements = run_child(job, source, on_event, broker)
        _retrain_where_asked(rubric, job, measurements, options, source, on_event, broker)
        timings["child_s"] = round(time.perf_counter() - t, 3)
        if "training" in measurements:
            timings["train_s"] = measurements["training"].get("train_s", 0.0)
            timings["eval_s"] = measurements.get("eval_s") or 0.0
    t = time.perf_counter()
    ctx = CheckContext(submission, rubric.reference, rubric.code, measurements, options.seed)
    checks = [_run_check(rubric, item, ctx) for item in rubric.items]
    timings["checks_s"] = round(time.perf_counter() - t, 3)
    timings["total_s"] = round(time.perf_counter() - started, 3)
    return SubmissionResult(
        submission=submission.id, checks=checks, grader_version=__version__, seed=options.seed, device=device,
        rubric=f"{rubric.name} ({rubric.path.name}, {rubric.digest})", measurements=_public(measurements),
        timings=timings, notes=submission.notes + _child_notes(measurements),
    )


def _retrain_where_asked(rubric: Rubric, job: ChildJob, measurements: dict[str, Any], options: Options,
                         source: Any, on_event: EventFn | None, broker: CacheBroker | None) -> None:
    """A second training at the seed a check asks for (a result just below a threshold), kept apart."""
    seeds = {s for item in rubric.items
             if (s := rubric.plugin(item).retry_seed(item.params, measurements, options.seed)) is not None}
    retries = []
    for seed in sorted(seeds)[:1]:  # at most one retry per hand-in: a bounded cost
        again = run_child(replace(job, seed=seed), source, on_event, broker)
        training = again.get("training") or {}
        retries.append({"seed": seed, "accuracy": again.get("accuracy"),
                        "epoch_losses": training.get("epoch_losses"), "train_s": training.get("train_s"),
                        "error": (again.get("error") or {}).get("error")})
    if retries:
        measurements["retries"] = retries


def _load_timed(rubric: Rubric, options: Options, timings: dict[str, float]) -> DatasetArrays:
    t = time.perf_counter()
    loaded = load_dataset(rubric.code.dataset, options.data_root)
    timings["data_s"] = round(time.perf_counter() - t, 3)
    return loaded


def _hidden_paths(folder: str | Path, rubric: Rubric, options: Options) -> tuple[Path, ...]:
    """What student code must not read: the dataset (test labels), the reference, other hand-ins, reports,
    the cached weights."""
    cache = () if options.weights_cache is None else (options.weights_cache,)
    for path in cache:
        path.mkdir(parents=True, exist_ok=True)
    return (resolve_root(options.data_root)[0], rubric.path.parent, Path(folder).resolve().parent,
            *options.hidden, *cache)


def _merged_requests(rubric: Rubric) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for item in rubric.items:
        for key, value in rubric.plugin(item).requests(item.params).items():
            if key == "timeout_s":
                merged[key] = max(float(value), float(merged.get(key, 0)))
            else:
                merged.setdefault(key, value)
    return merged


def _run_check(rubric: Rubric, item: Any, ctx: CheckContext) -> CheckResult:
    """One item; a check that crashes costs that item, with the reason, never the hand-in."""
    try:
        outcome = rubric.plugin(item).grade(item, ctx)
        if not isinstance(outcome, Outcome):
            raise TypeError(f"check returned {type(outcome).__name__}, not an Outcome")
    except Exception as exc:  # noqa: BLE001 - a bug in one check must not lose the rest
        outcome = Outcome.error(f"internal error in check {item.check!r}: {type(exc).__name__}: {exc}")
    if outcome.missing and item.text is not None and ctx.submission.source not in ("", "answers.toml"):
        where = f"part ({')('.join(item.text.part.split('.')[1:])}) of problem {item.text.part.split('.')[0]}"
        outcome = Outcome(0.0, "review", f"no answer found in {where} of {ctx.submission.source}; "
                          "a person should check", outcome.details)
    return CheckResult(item.id, item.title, outcome.fraction * item.points, item.points, outcome.status,
                       outcome.feedback, outcome.details)


def _public(measurements: dict[str, Any]) -> dict[str, Any]:
    """What goes into report.json: the measured figures, not the raw probe dump."""
    probe = measurements.get("probe") or {}
    training = measurements.get("training") or {}
    out: dict[str, Any] = {
        "accuracy": measurements.get("accuracy"),
        "param_count": probe.get("param_count"),
        "output_shape": probe.get("output_shape"),
        "epoch_losses": training.get("epoch_losses"),
        "loss_curve": training.get("loss_curve"),
        "channels_last": training.get("channels_last"),
        "train_images": training.get("train_images"),
        "weights_from_cache": bool(training.get("from_cache")),
        "fingerprint": (measurements.get("fingerprint") or {}).get("key"),
    }
    if measurements.get("retries"):
        out["retries"] = measurements["retries"]
    if "error" in measurements:
        out["error"] = {k: measurements["error"].get(k) for k in ("stage", "error")}
    if "child" in measurements:
        out["child"] = {k: measurements["child"][k] for k in ("exit_code", "seconds", "limits", "first_event_s")}
        out["isolation"] = measurements.get("isolation")
    return out


def _child_notes(measurements: dict[str, Any]) -> list[str]:
    skipped = (measurements.get("import") or {}).get("skipped_lines") or []
    if not skipped:
        return []
    lines = ", ".join(str(n) for n in skipped[:12]) + (" …" if len(skipped) > 12 else "")
    return [f"top-level script code was not run (only definitions are loaded): lines {lines}"]
