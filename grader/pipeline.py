"""Grade one hand-in: rubric items -> (one child run) -> checks -> one SubmissionResult."""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, partial
from pathlib import Path

from grader import __version__
from grader.checks.base import CheckContext, Measured, Outcome, child_failure
from grader.data import DatasetArrays, load_dataset, resolve_root
from grader.results import CheckResult, SubmissionResult
from grader.rubric import Rubric, RubricItem
from grader.sandbox.crosscheck import crosscheck
from grader.sandbox.limits import Limits
from grader.sandbox.protocol import ChildRun, EventFn, PublicMeasurements, Retry
from grader.sandbox.runner import ChildJob, run_child
from grader.sandbox.scan import Flag, scan
from grader.sources import reconcile
from grader.textbudget import TextBudget, grade_bounded, read_bounded
from grader.weights_cache import CacheBroker, WeightsCache


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
    text_budget: TextBudget | None = TextBudget()  # reading and grading the text; None: in-process, unbounded
    allow_unisolated: bool = False  # run student code without namespaces where bubblewrap is missing


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
    submission = read_bounded(folder, rubric, options.text_budget)
    device = resolve_device(options.device)
    requests = rubric.requests()  # every item's, merged: one child run serves them all
    run: ChildRun | None = None
    retries: list[Retry] = []
    measured = Measured()
    flags: list[Flag] = []
    if requests.runs_child and submission.code is None:
        measured = Measured(skipped=f"no {rubric.code.file} in the hand-in")
    elif requests.runs_child and submission.code is not None:
        source: DatasetArrays | Callable[[], DatasetArrays] | None = data
        if requests.train is not None and data is None:  # loaded by the runner while the child starts up
            source = cache(partial(_load_timed, rubric, options, timings))  # loaded once, kept for a retry
        job = ChildJob(
            code=submission.code, code_name=rubric.code.file, class_name=rubric.code.class_name,
            input_shape=rubric.code.input_shape, seed=options.seed, device=device,
            threads=options.threads or max(1, len(os.sched_getaffinity(0))), mean=rubric.code.mean,
            std=rubric.code.std, train=requests.train,
            limits=replace(options.limits, train_s=float(
                options.train_timeout_s or requests.timeout_s or options.limits.train_s)),
            hidden=_hidden_paths(folder, rubric, options), allow_unisolated=options.allow_unisolated,
        )
        t = time.perf_counter()
        broker = None
        if options.weights_cache is not None:  # one source per student: a resubmission is the same source
            broker = CacheBroker(WeightsCache(options.weights_cache), submission.id, trusted)
        run = run_child(job, source, on_event, broker)
        flags = scan(submission.code, rubric.code.file) + crosscheck(run, rubric.code.num_classes)
        retries = _retrain_where_asked(rubric, job, Measured(run), options, source, on_event, broker, flags)
        measured = Measured(run, retries=tuple(retries))
        timings["child_s"] = round(time.perf_counter() - t, 3)
        if run.training is not None:
            timings["train_s"] = run.training.train_s
            timings["eval_s"] = run.eval_s or 0.0
    t = time.perf_counter()
    ctx = CheckContext(submission, rubric.reference, rubric.code, measured, options.seed)
    checks = grade_bounded(rubric, ctx, options.text_budget, partial(_graded_item, flags=flags))
    timings["checks_s"] = round(time.perf_counter() - t, 3)
    timings["total_s"] = round(time.perf_counter() - started, 3)
    return SubmissionResult(
        submission=submission.id, checks=checks, grader_version=__version__, seed=options.seed, device=device,
        rubric=f"{rubric.name} ({rubric.path.name}, {rubric.digest})",
        measurements=_public(run, measured.skipped, flags, retries).to_dict(),
        timings=timings, notes=submission.notes + _child_notes(run),
    )


def _retrain_where_asked(rubric: Rubric, job: ChildJob, measured: Measured, options: Options,
                         source: DatasetArrays | Callable[[], DatasetArrays] | None, on_event: EventFn | None,
                         broker: CacheBroker | None, flags: list[Flag]) -> list[Retry]:
    """A second training at the seed a check asks for (a result just below a threshold), kept apart.

    The second run is cross-checked like the first; its flags join the hand-in's.
    """
    seeds = {s for item in rubric.items
             if (s := rubric.plugin(item).retry_seed(item.params, measured, options.seed)) is not None}
    retries: list[Retry] = []
    for seed in sorted(seeds)[:1]:  # at most one retry per hand-in: a bounded cost
        again = run_child(replace(job, seed=seed), source, on_event, broker)
        flags.extend(f for f in crosscheck(again, rubric.code.num_classes) if f not in flags)
        retries.append(Retry(seed, again.accuracy, again.training.epoch_losses if again.training else None,
                             again.training.train_s if again.training else None,
                             again.error.error if again.error else None))
    return retries


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


def run_check(rubric: Rubric, item: RubricItem, ctx: CheckContext) -> CheckResult:
    """One item graded against ``ctx``, as ``grade_submission`` grades each (without the integrity hold):
    the seam for grading answers and measurements already in hand (rubric samples, tests).

    A check that crashes costs that item, with the reason, never the hand-in.
    """
    try:
        outcome = _outcome(rubric, item, ctx)
        outcome = reconcile(item, ctx, outcome, lambda i, c: _outcome(rubric, i, c))
    except Exception as exc:  # noqa: BLE001 - a bug in one check must not lose the rest
        outcome = Outcome.error(f"internal error in check {item.check!r}: {type(exc).__name__}: {exc}")
    if outcome.missing and item.text is not None and ctx.submission.source not in ("", "answers.toml"):
        where = f"part ({')('.join(item.text.part.split('.')[1:])}) of problem {item.text.part.split('.')[0]}"
        outcome = Outcome(0.0, "review", f"no answer found in {where} of {ctx.submission.source}; "
                          "a person should check", outcome.details)
    return CheckResult(item.id, item.title, outcome.fraction * item.points, item.points, outcome.status,
                       outcome.feedback, outcome.details)


def _outcome(rubric: Rubric, item: RubricItem, ctx: CheckContext) -> Outcome:
    check = rubric.plugin(item)
    failure = child_failure(ctx.measurements) if check.requests(item.params).needs_probe else None
    if failure:  # the check needs a measured network: it is not asked to grade without one
        return Outcome.failed(failure)
    outcome = check.grade(item, ctx)
    if not isinstance(outcome, Outcome):
        raise TypeError(f"check returned {type(outcome).__name__}, not an Outcome")
    return outcome


def _graded_item(rubric: Rubric, item: RubricItem, ctx: CheckContext, *, flags: list[Flag]) -> CheckResult:
    """One item; a code item of a hand-in with integrity flags is held for a person."""
    result = run_check(rubric, item, ctx)
    return _held_for_review(result, flags) if _measured(rubric, item) else result


def _measured(rubric: Rubric, item: RubricItem) -> bool:
    """Whether the item's points rest on figures the child measured (so integrity flags hold it)."""
    plugin = rubric.plugin(item)
    return plugin.requests(item.params).runs_child and getattr(plugin, "held_by_flags", True)  # duck-typed plugins too


def _held_for_review(result: CheckResult, flags: list[Flag]) -> CheckResult:
    """A code item of a flagged hand-in earns nothing until a person has looked: the flags are the reason."""
    if not flags or result.status not in ("pass", "partial"):
        return result
    reasons = "; ".join(f"{f.reason} ({f.evidence})" for f in flags[:5])
    feedback = (f"held for a person to check: {reasons}. Measured: {result.feedback} "
                f"({result.score:g} of {result.max_score:g} points if the work is the student's own)")
    return CheckResult(result.id, result.title, 0.0, result.max_score, "review", feedback,
                       {**result.details, "integrity": [f.as_dict() for f in flags]})


def _public(run: ChildRun | None, skipped: str | None, flags: list[Flag],
            retries: list[Retry]) -> PublicMeasurements:
    """What goes into report.json: the measured figures, not the raw probe dump."""
    if run is None:
        return PublicMeasurements(skipped=skipped)
    probe, training = run.probe, run.training
    child = {k: run.child.get(k) for k in ("exit_code", "seconds", "limits", "first_event_s")}
    if run.child.get("cache_entry_discarded"):
        child["cache_entry_discarded"] = True
    return PublicMeasurements(
        accuracy=run.accuracy, param_count=probe.param_count if probe else None,
        output_shape=probe.output_shape if probe else None,
        epoch_losses=training.epoch_losses if training else None,
        loss_curve=training.loss_curve if training else None,
        channels_last=training.channels_last if training else None,
        train_images=training.train_images if training else None,
        weights_from_cache=bool(training and training.from_cache),
        fingerprint=run.fingerprint.key if run.fingerprint else None, init_accuracy=run.init_accuracy,
        integrity=[f.as_dict() for f in flags],
        error={"stage": run.error.stage, "error": run.error.error} if run.error else None,
        child=child, isolation=run.isolation, retries=retries or None,
    )


def _child_notes(run: ChildRun | None) -> list[str]:
    notes = []
    if run is not None and not run.isolation.startswith("full"):
        notes.append(f"student code ran without isolation: {run.isolation}")
    skipped = run.imported.skipped_lines if run is not None and run.imported else []
    if not skipped:
        return notes
    lines = ", ".join(str(n) for n in skipped[:12]) + (" …" if len(skipped) > 12 else "")
    return notes + [f"top-level script code was not run (only definitions are loaded): lines {lines}"]
