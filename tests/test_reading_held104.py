"""Readings mended in the session of batch 104 (numeric checks beside formulas, …): each with a twin it must not
pass, and each new pattern read in bounded time on hostile text.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


_W2 = "w_3\\,\\sigma'(x_2)\\,\\sigma(x_1)"


@pytest.mark.parametrize("tail", [" = 2 \\cdot 0.2273 \\cdot 0.6225 \\approx 0.2830",
                                  " = 2 \\cdot 0.2273 \\cdot 0.6225 = 0.2830", " \\approx 0.2830"])
@pytest.mark.parametrize("formula, full", [(_W2, True), ("w_3\\,\\sigma(x_2)\\,\\sigma(x_1)", False)])
def test_a_formula_worked_out_in_numbers_after_it_is_graded_as_the_formula(rubric, tail: str, formula: str,
                                                                           full: bool) -> None:
    report = f"## Problem 1\n\n**(e)** $\\frac{{\\partial f}}{{\\partial w_2}} = {formula}{tail}$\n"
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.md")) is full


def test_numbers_alone_after_the_name_are_no_formula(rubric) -> None:  # type: ignore[no-untyped-def]
    report = "## Problem 1\n\n**(e)** $\\frac{\\partial f}{\\partial w_2} = 2 \\cdot 0.2273 \\cdot 0.6225 = 0.2830$\n"
    assert not _full(grade_report_item(rubric, "p1.e.w2", report, "report.md"))
