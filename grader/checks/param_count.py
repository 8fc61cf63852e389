"""The number of parameters of the student's network, in total and per layer."""
from __future__ import annotations

from dataclasses import dataclass

from grader.checks.base import Check, CheckContext, Outcome, Requests
from grader.checks.layer_shapes import spec_table
from grader.homework import Reference
from grader.layers import count_by_layer
from grader.rubric import RubricItem
from grader.sandbox.protocol import JSON


@dataclass(frozen=True)
class ParamCountParams:
    expected: int
    spec: str | None = None  # a layer table, for per-layer feedback


class ParamCountCheck(Check[ParamCountParams]):
    Params = ParamCountParams

    def requests(self, params: ParamCountParams) -> Requests:
        return Requests(probe=True, needs_probe=True)

    def validate(self, params: ParamCountParams, reference: Reference) -> None:
        if params.spec:
            spec_table(reference, params.spec)

    def grade(self, item: RubricItem[ParamCountParams], ctx: CheckContext) -> Outcome:
        p = item.params
        probe = ctx.measurements.probe
        assert probe is not None  # needs_probe: the pipeline grades this item only with a measured network
        total = probe.param_count
        per_layer = count_by_layer(probe.parameters)
        details: dict[str, JSON] = {"param_count": total, "per_layer": per_layer}
        if total == p.expected:
            return Outcome.passed(f"{total:,} parameters", **details)
        feedback = f"{total:,} parameters, expected {p.expected:,}"
        if p.spec:
            wanted = [layer for layer in spec_table(ctx.reference, p.spec) if layer.params]
            found = list(per_layer.items())
            diffs = [f"{w.name} has {found[i][1]:,} (expected {w.params:,})" if i < len(found) else f"{w.name} missing"
                     for i, w in enumerate(wanted) if i >= len(found) or found[i][1] != w.params]
            if diffs:
                feedback += ": " + ", ".join(diffs)
        return Outcome.failed(feedback, **details)
