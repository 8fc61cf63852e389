"""Does the student's network import, build and run on a batch of inputs?"""
from __future__ import annotations

from grader.checks.base import Check, CheckContext, NoParams, Outcome, Requests
from grader.layers import shape_text
from grader.rubric import RubricItem


class BuildCheck(Check[NoParams]):
    Params = NoParams
    held_by_flags = False  # "it runs" is no measured figure: integrity flags hold the items that are

    def requests(self, params: NoParams) -> Requests:
        return Requests(probe=True, needs_probe=True)

    def grade(self, item: RubricItem[NoParams], ctx: CheckContext) -> Outcome:
        probe = ctx.measurements.probe
        assert probe is not None  # needs_probe: the pipeline grades this item only with a measured network
        shape = probe.output_shape
        expected = [2, ctx.code.num_classes]
        if shape != expected:
            return Outcome.failed(f"forward returns shape {shape_text(shape)}, expected {shape_text(expected)} "
                                  f"(one row of {ctx.code.num_classes} scores per image)")
        if not probe.output_finite:
            return Outcome.failed("forward returns NaN or infinite values")
        return Outcome.passed(f"{ctx.code.class_name}() builds and maps a batch to {shape_text(shape)} scores")
