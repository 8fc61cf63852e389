"""Regrade one rubric item (``grade … --only ITEM``): the narrowed rubric, and the stored result updated.

The same two steps serve one hand-in and a whole class, so both say the same thing about
what was regraded and what was kept.
"""
from __future__ import annotations

from dataclasses import replace

from grader.errors import UsageError
from grader.results import SubmissionResult
from grader.rubric import Rubric


def only_item(rubric: Rubric, item_id: str) -> Rubric:
    """The rubric with that one item (the child runs only if that item needs it)."""
    if item_id not in {i.id for i in rubric.items}:
        raise UsageError(f"--only {item_id}: no such rubric item (items: {', '.join(i.id for i in rubric.items)})")
    return replace(rubric, items=[i for i in rubric.items if i.id == item_id])


def merged(previous: SubmissionResult, update: SubmissionResult) -> SubmissionResult:
    """``previous`` with the regraded items replaced by ``update``'s; its other items are kept as they were.

    Measurements change only where the regrade ran the code again (a written item's regrade
    measured nothing and must not erase what the stored run measured).
    """
    fresh = {c.id: c for c in update.checks}
    previous.checks = [fresh.get(c.id, c) for c in previous.checks]
    if "child" in update.measurements:
        previous.measurements.update({k: v for k, v in update.measurements.items() if v is not None})
    previous.timings = update.timings
    return previous
