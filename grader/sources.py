"""Two answer sources, one item: when they grade differently, a person decides.

A hand-in may hold answers in more than one source (``answers.toml`` beside a report, a
report beside a notebook). The first source that answers an item is graded; every other
source that answers it is graded too, and if any verdict differs the item goes to
``review`` with both verdicts shown, never silently to one of them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.checks.base import CheckContext, Outcome
    from grader.rubric import RubricItem


def reconcile(item: RubricItem, ctx: CheckContext, outcome: Outcome,
              grade: Callable[[RubricItem, CheckContext], Outcome]) -> Outcome:
    """``outcome`` (graded from the first source), or ``review`` when another source's answer grades differently."""
    from grader.checks.base import Outcome

    if outcome.status in ("manual", "error"):
        return outcome
    answering = ctx.submission.alternatives(item.id)
    if len(answering) < 2:
        return outcome
    verdicts = [(answering[0].source, outcome)]
    for alt in answering[1:]:
        verdicts.append((alt.source, grade(item, replace(ctx, submission=alt))))
    if all(o.fraction == outcome.fraction and o.status == outcome.status for _, o in verdicts):
        return outcome
    shown = "; ".join(f"{name}: {o.status} ({o.fraction:.0%}, {o.feedback})" for name, o in verdicts)
    details = dict(outcome.details, sources={name: o.status for name, o in verdicts})
    return Outcome(0.0, "review", f"the hand-in's answer sources disagree ({shown}); a person should check",
                   details)
