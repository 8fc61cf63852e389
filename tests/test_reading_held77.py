"""Readings from batch 77 (revision histories, equation-editor exports, pasted computer-algebra output, parts
answered together or out of order, reports in their own language): each with a twin it must not pass.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


@pytest.mark.parametrize("piece", [
    "- a = w\n",  # a list of definitions, each a formula: once ~215 s for 60 kB (a scan of every block per formula)
    "a = w\n",
    "> a = w\n",
])
def test_many_short_formulas_take_bounded_time(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece) < 30
