"""Train the student's own network with the grader's recipe and judge its test accuracy.

Training and prediction happen in the child; the accuracy is computed in the parent
from the predictions (the child never sees the test labels).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from grader.checks.base import Check, CheckContext, Outcome
from grader.checks.build import describe_error
from grader.homework import Reference
from grader.params import ParamError
from grader.rubric import RubricItem
from grader.training import Recipe


@dataclass(frozen=True)
class Band:
    """At or above ``min`` percent (below the threshold), this share of the points."""

    min: float
    credit: float


@dataclass(frozen=True)
class AccuracyParams:
    threshold: float = 99.0
    bands: list[Band] = field(default_factory=list)
    epochs: int = 2
    batch_size: int = 128
    max_lr: float = 3e-3
    label_smoothing: float = 0.1
    train_limit: int | None = None
    timeout_s: float = 900.0


def recipe_of(params: AccuracyParams) -> Recipe:
    return Recipe(epochs=params.epochs, batch_size=params.batch_size, max_lr=params.max_lr,
                  label_smoothing=params.label_smoothing, train_limit=params.train_limit)


class AccuracyCheck(Check):
    name = "accuracy"
    Params = AccuracyParams

    def requests(self, params: AccuracyParams) -> dict:
        return {"train": asdict(recipe_of(params)), "timeout_s": params.timeout_s}

    def validate(self, params: AccuracyParams, reference: Reference) -> None:
        if not 0 < params.threshold <= 100:
            raise ParamError("params.threshold must be a percentage in (0, 100]")
        for i, band in enumerate(params.bands):
            if band.min >= params.threshold or not 0 <= band.credit < 1:
                raise ParamError(f"params.bands[{i}]: min must be below the threshold and credit in [0, 1)")
        if params.epochs < 1 or params.batch_size < 1:
            raise ParamError("params.epochs and params.batch_size must be at least 1")

    def grade(self, item: RubricItem, ctx: CheckContext) -> Outcome:
        p: AccuracyParams = item.params
        m = ctx.measurements
        acc = m.get("accuracy")
        training = m.get("training", {})
        details = {"accuracy": acc, "epoch_losses": training.get("epoch_losses"),
                   "loss_curve": training.get("loss_curve"),
                   "recipe": f"{p.epochs} epoch(s), batch {p.batch_size}, Adam one-cycle max_lr {p.max_lr}",
                   "weights_from_cache": bool(training.get("from_cache"))}
        cached = ("; weights from the cache (an identical network, same initial weights and recipe, was trained "
                  "before), evaluated in this hand-in's own Net") if training.get("from_cache") else ""
        if acc is None:
            if m.get("error"):
                reason = describe_error(m["error"])
            else:
                reason = m.get("skipped") or "no predictions came back"
            return Outcome.failed(f"could not train and evaluate the network: {reason}", **details)
        if acc >= p.threshold:
            return Outcome.passed(f"test accuracy {acc:.2f} % (threshold {p.threshold:.2f} %){cached}", **details)
        for band in sorted(p.bands, key=lambda b: -b.min):
            if acc >= band.min:
                return Outcome.graded(band.credit, f"test accuracy {acc:.2f} % is below the {p.threshold:.2f} % "
                                      f"threshold (at least {band.min:.2f} %: {band.credit:.0%} of the points){cached}",
                                      **details)
        return Outcome.failed(f"test accuracy {acc:.2f} % is below the {p.threshold:.2f} % threshold{cached}",
                              **details)
