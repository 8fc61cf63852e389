"""What the review app shows a person next to an answer, taken from the rubric (for staff only):
the reference answer, the rubric's mistake notes and hints, and quick buttons for common cases."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grader.report.html import Solution
from grader.rubric import Rubric, RubricItem


@dataclass(frozen=True)
class Quick:
    """A one-click grade: points and the reason that goes with them."""

    points: float
    reason: str


def solution(rubric: Rubric, item: RubricItem) -> Solution | None:
    """The item's reference answer: a formula for expression items, the expected values for value items."""
    p = item.params
    name = getattr(p, "reference", None)
    if isinstance(name, str) and name in rubric.reference.expressions:
        import sympy as sp  # type: ignore[import-untyped]

        ref = rubric.reference.expressions[name]
        if isinstance(ref, list):
            return Solution(r"\begin{bmatrix}" + r" \\ ".join(sp.latex(e) for e in ref) + r"\end{bmatrix}", tex=True)
        return Solution(sp.latex(ref), tex=True)
    fields = getattr(p, "fields", None)
    if isinstance(fields, dict):
        return Solution("\n".join(f"{k} = {v}" for k, v in fields.items()))
    expected = getattr(p, "expected", None)
    return Solution(str(expected)) if expected is not None else None


def solutions(rubric: Rubric) -> dict[str, Solution]:
    return {i.id: s for i in rubric.items if (s := solution(rubric, i)) is not None}


def notes(item: RubricItem) -> list[str]:
    """The rubric's notes for a grader: known mistakes and their credit, keywords to look for."""
    p = item.params
    out = []
    for m in getattr(p, "mistakes", None) or []:
        credit = getattr(m, "credit", None)
        what = getattr(m, "factor", None) or getattr(m, "reference", None) or getattr(m, "value", None) or ""
        share = f" ({credit:.0%} of the points)" if isinstance(credit, (int, float)) else ""
        out.append(f"{getattr(m, 'kind', getattr(m, 'field', 'mistake'))} {what}: {m.feedback}{share}".strip())
    hints = getattr(p, "hints", None)
    if hints:
        out.append("keywords to look for: " + ", ".join(hints))
    hint = getattr(p, "off_by_one_hint", None)
    if hint:
        out.append(f"off by one: {hint}")
    return out


def quick_grades(item: RubricItem) -> list[Quick]:
    """Full points, none, half, and one button per rubric mistake that carries credit."""
    full = item.points
    out = [Quick(full, "correct"), Quick(0.0, "wrong or missing")]
    if full >= 1:
        out.insert(1, Quick(round(full / 2, 2), "partly right"))
    for m in getattr(item.params, "mistakes", None) or []:
        credit = getattr(m, "credit", 0.0) or 0.0
        out.append(Quick(round(full * credit, 2), str(m.feedback)))
    return out


def rubric_item(rubric: Rubric, item_id: str) -> RubricItem | None:
    return next((i for i in rubric.items if i.id == item_id), None)


def item_context(rubric: Rubric, item_id: str) -> dict[str, Any]:
    item = rubric_item(rubric, item_id)
    if item is None:
        return {"solution": None, "notes": [], "quick": [], "rubric_item": None}
    return {"solution": solution(rubric, item), "notes": notes(item), "quick": quick_grades(item), "rubric_item": item}
