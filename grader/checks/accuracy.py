"""Train the student's own network with the grader's recipe and judge its test accuracy.

Training and prediction happen in the child; the accuracy is computed in the parent
from the predictions (the child never sees the test labels). A correct network can land
just below the threshold by chance (the seed decides the initial weights and the batch
order), so a result within the rubric's retry margin below the threshold is trained
once more at another seed, and the better (or the mean) of the two counts, as the
report says.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from grader.checks.base import Check, CheckContext, Measured, Outcome, Requests, describe_error
from grader.homework import Reference
from grader.params import ParamError
from grader.rubric import RubricItem
from grader.sandbox.protocol import JSON
from grader.training import Recipe

RETRY_RULES = ("better", "mean")


@dataclass(frozen=True)
class Band:
    """At or above ``min`` percent (below the threshold), this share of the points."""

    min: float
    credit: float


@dataclass(frozen=True)
class Retry:
    """A second training for results just below the threshold: ``margin`` points (0: never)."""

    margin: float = 0.0
    seed_offset: int = 1000
    counts: str = "better"  # better | mean


@dataclass(frozen=True)
class AccuracyParams:
    threshold: float = 99.0
    bands: list[Band] = field(default_factory=list)
    recipe: Recipe = Recipe()
    retry: Retry = Retry()
    timeout_s: float = 900.0


def recipe_of(params: AccuracyParams) -> Recipe:
    return params.recipe


def describe_recipe(recipe: Recipe) -> str:
    return (f"{recipe.epochs} epoch(s), batch {recipe.batch_size}, Adam one-cycle max_lr {recipe.max_lr:g} "
            f"(warm-up {recipe.pct_start:.0%}), label smoothing {recipe.label_smoothing:g}")


class AccuracyCheck(Check[AccuracyParams]):
    Params = AccuracyParams

    def requests(self, params: AccuracyParams) -> Requests:
        return Requests(probe=True, train=params.recipe, timeout_s=params.timeout_s)

    def validate(self, params: AccuracyParams, reference: Reference) -> None:
        if not 0 < params.threshold <= 100:
            raise ParamError("params.threshold must be a percentage in (0, 100]")
        for i, band in enumerate(params.bands):
            if band.min >= params.threshold or not 0 <= band.credit < 1:
                raise ParamError(f"params.bands[{i}]: min must be below the threshold and credit in [0, 1)")
        if params.recipe.epochs < 1 or params.recipe.batch_size < 1:
            raise ParamError("params.recipe.epochs and params.recipe.batch_size must be at least 1")
        if not 0 <= params.retry.margin < params.threshold or params.retry.counts not in RETRY_RULES:
            raise ParamError(f"params.retry: margin must be in [0, threshold) and counts one of "
                             f"{', '.join(RETRY_RULES)}")
        if params.retry.margin and params.retry.seed_offset == 0:
            raise ParamError("params.retry.seed_offset must not be 0: the second training needs another seed")

    def retry_seed(self, params: AccuracyParams, measurements: Measured, seed: int) -> int | None:
        """The seed of a second training when the first result lands within the margin below the threshold."""
        acc = measurements.accuracy
        if not params.retry.margin or acc is None:
            return None
        if params.threshold - params.retry.margin <= acc < params.threshold:
            return seed + params.retry.seed_offset
        return None

    def grade(self, item: RubricItem[AccuracyParams], ctx: CheckContext) -> Outcome:
        p = item.params
        m = ctx.measurements
        training = m.training
        runs = [(ctx.seed, m.accuracy)] + [(r.seed, r.accuracy) for r in m.retries]
        acc, how = _counted(runs, p.retry)
        from_cache = training is not None and training.from_cache
        details: dict[str, JSON] = {
            "accuracy": acc, "epoch_losses": training.epoch_losses if training else None,
            "loss_curve": training.loss_curve if training else None, "recipe": describe_recipe(p.recipe),
            "trainings": [{"seed": s, "accuracy": a} for s, a in runs],
            "weights_from_cache": from_cache}
        cached = ("; weights from the cache (an identical network, same initial weights and recipe, was trained "
                  "before), evaluated in this hand-in's own network class") if from_cache else ""
        if acc is None:
            if m.error is not None:
                reason = describe_error(m.error)
            else:
                reason = m.skipped or "no predictions came back"
            return Outcome.failed(f"could not train and evaluate the network: {reason}", **details)
        said = f"test accuracy {acc:.2f} %{how}"
        if acc >= p.threshold:
            return Outcome.passed(f"{said} (threshold {p.threshold:.2f} %){cached}", **details)
        for band in sorted(p.bands, key=lambda b: -b.min):
            if acc >= band.min:
                return Outcome.graded(band.credit, f"{said} is below the {p.threshold:.2f} % threshold (at least "
                                      f"{band.min:.2f} %: {band.credit:.0%} of the points){cached}", **details)
        return Outcome.failed(f"{said} is below the {p.threshold:.2f} % threshold{cached}", **details)


def _counted(runs: list[tuple[int, float | None]], retry: Retry) -> tuple[float | None, str]:
    """The accuracy that counts and how it was chosen, from the first training and any retry."""
    values = [float(a) for _, a in runs if a is not None]
    if not values:
        return None, ""
    if len(runs) == 1 or len(values) == 1:
        return values[0], ""
    listed = ", ".join(f"seed {s}: {a:.2f} %" for s, a in runs if a is not None)
    why = (f" (trained twice, since the first result was within {retry.margin:g} points below the threshold, "
           f"where a correct network can land by chance: {listed}; the {retry.counts} counts)")
    value = max(values) if retry.counts == "better" else sum(values) / len(values)
    return round(value, 4), why
