"""Weight shapes and the activation chain of the student's network against the homework's layer table."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from grader.checks.base import Check, CheckContext, Outcome, Requests
from grader.homework import Reference
from grader.layers import compare_activations, compare_weights
from grader.params import ParamError
from grader.rubric import RubricItem


@dataclass(frozen=True)
class LayerShapesParams:
    spec: str  # name of the layer table in the reference's tables


def spec_table(reference: Reference, name: str) -> list:
    table = reference.tables.get(name)
    if not isinstance(table, list):
        raise ParamError(f"params.spec: the reference has no layer table {name!r}")
    return table


class LayerShapesCheck(Check[LayerShapesParams]):
    Params = LayerShapesParams

    def requests(self, params: LayerShapesParams) -> Requests:
        return Requests(probe=True, needs_probe=True)

    def validate(self, params: LayerShapesParams, reference: Reference) -> None:
        spec_table(reference, params.spec)

    def grade(self, item: RubricItem[LayerShapesParams], ctx: CheckContext) -> Outcome:
        spec = spec_table(ctx.reference, item.params.spec)
        probe = ctx.measurements.probe
        assert probe is not None  # needs_probe: the pipeline grades this item only with a measured network
        weights = compare_weights(spec, probe.parameters)
        chain = compare_activations(spec, probe.activations)
        fraction = (weights.matched + chain.matched) / (weights.total + chain.total)
        problems = weights.problems + chain.problems
        details = {"activations": [asdict(a) for a in probe.activations],
                   "parameters": [asdict(p) for p in probe.parameters]}
        if not problems:
            return Outcome.passed("every weight and activation shape matches the spec", **details)
        return Outcome.graded(fraction, "; ".join(problems), **details)
