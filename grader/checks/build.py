"""Does the student's network import, build and run on a batch of inputs?"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from grader.checks.base import Check, CheckContext, NoParams, Outcome
from grader.layers import shape_text
from grader.rubric import RubricItem

STAGES = {
    "import": "importing the code",
    "find": "looking for the network class",
    "build": "building the network",
    "forward": "running forward on a batch",
    "train": "training",
    "evaluate": "evaluating on the test images",
}


def child_failure(measurements: Mapping[str, Any]) -> str | None:
    """Why the child did not measure the network, as a sentence; None when it did."""
    if "probe" in measurements:
        return None
    err = measurements.get("error")
    if err:
        return describe_error(err)
    return str(measurements.get("skipped", "the code was not run"))


def describe_error(err: Mapping[str, Any]) -> str:
    """The child's error event as one sentence: where it failed and why."""
    where = STAGES.get(err.get("stage", ""), err.get("stage") or "running the code")
    return f"failed while {where}: {err.get('error')}"


class BuildCheck(Check):
    name = "build"
    Params = NoParams

    def requests(self, params: NoParams) -> dict:
        return {"probe": {}}

    def grade(self, item: RubricItem, ctx: CheckContext) -> Outcome:
        failure = child_failure(ctx.measurements)
        if failure:
            return Outcome.failed(failure)
        probe = ctx.measurements["probe"]
        shape = probe["output_shape"]
        expected = [2, ctx.code.num_classes]
        if shape != expected:
            return Outcome.failed(f"forward returns shape {shape_text(shape)}, expected {shape_text(expected)} "
                                  f"(one row of {ctx.code.num_classes} scores per image)")
        if not probe["output_finite"]:
            return Outcome.failed("forward returns NaN or infinite values")
        return Outcome.passed(f"{ctx.code.class_name}() builds and maps a batch to {shape_text(shape)} scores")
