"""What the hand-in states against what its code measures: shapes, counts, accuracy."""
from __future__ import annotations

from dataclasses import dataclass, field

from grader.checks.base import Check, CheckContext, Measured, Outcome, Requests
from grader.homework import Reference
from grader.params import ParamError
from grader.rubric import RubricItem
from grader.sandbox.protocol import JSON
from grader.values import ValueSyntaxError, dims_text, parse_numbers, same_dims


@dataclass(frozen=True)
class Claim:
    answer: str  # where the claim is in the answers (a rubric-style dotted path)
    measure: str  # accuracy | param_count | activation:<kind>:<index>
    label: str
    tolerance: float = 0.0


@dataclass(frozen=True)
class ClaimsParams:
    claims: list[Claim] = field(default_factory=list)


def measured_value(measure: str, m: Measured) -> tuple[float, ...] | None:
    """The measurement a claim refers to, or None if the code did not produce it."""
    if measure == "accuracy":
        return None if m.accuracy is None else (m.accuracy,)
    if m.probe is None:
        return None
    if measure == "param_count":
        return (float(m.probe.param_count),)
    _, kind, index = measure.split(":")
    ops = [a for a in m.probe.activations if a.kind == kind]
    return tuple(float(d) for d in ops[int(index)].shape) if int(index) < len(ops) else None


class ClaimsCheck(Check[ClaimsParams]):
    Params = ClaimsParams

    def requests(self, params: ClaimsParams) -> Requests:
        return Requests(probe=True)  # a claim the code cannot back is judged here, claim by claim

    def validate(self, params: ClaimsParams, reference: Reference) -> None:
        for i, c in enumerate(params.claims):
            parts = c.measure.split(":")
            ok = c.measure in ("accuracy", "param_count") or (
                len(parts) == 3 and parts[0] == "activation" and parts[2].isdigit())
            if not ok:
                raise ParamError(f"params.claims[{i}].measure: unknown measurement {c.measure!r}")

    def grade(self, item: RubricItem[ClaimsParams], ctx: CheckContext) -> Outcome:
        claims = item.params.claims
        if not claims:
            return Outcome.passed("no claims to compare")
        consistent, notes, table = 0, [], []
        for c in claims:
            ok, note, row = self._one(c, ctx)
            consistent += ok
            table.append(row)
            if note:
                notes.append(note)
        fraction = consistent / len(claims)
        return Outcome.graded(fraction, "; ".join(notes) or "every claim matches what the code does", claims=table)

    @staticmethod
    def _one(c: Claim, ctx: CheckContext) -> tuple[bool, str, dict[str, JSON]]:
        raw = ctx.submission.answer(c.answer)
        measured = measured_value(c.measure, ctx.measurements)
        row: dict[str, JSON] = {"claim": c.label, "stated": None if raw is None else str(raw)[:80],
                               "measured": None if measured is None else dims_text(measured)}
        if raw is None:
            return False, f"{c.label}: the hand-in states none", row
        if measured is None:
            return False, f"{c.label}: stated {str(raw)[:40]}, but the code did not produce it to compare", row
        try:
            stated = parse_numbers(raw)
        except ValueSyntaxError as exc:
            return False, f"{c.label}: cannot read {str(raw)[:40]!r} ({exc})", row
        if len(measured) == 1 and len(stated) == 1:
            ok = abs(stated[0] - measured[0]) <= c.tolerance
        else:
            ok = same_dims(stated, measured, ignore_unit_dims=True, any_order=True)
        note = "" if ok else f"{c.label}: stated {dims_text(stated)}, the code gives {dims_text(measured)}"
        if not ok and c.tolerance:
            note += f" (tolerance {c.tolerance:g})"
        return ok, note, row
