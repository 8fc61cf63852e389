"""Readings from batch 100 and the gaps red team 97 left: each with a twin it must not pass, and each new pattern
read in bounded time on hostile text.
"""
from __future__ import annotations

import time

import pytest

from grader.reading.stated_vectors import _EVALUATION_BAR, _without_index_range
from grader.reading.workings import wrong_workings
from tests.helpers import grade_report_item


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


_HEAD = ("## Problem 1\n\nWith $x_1 = w_1 x$ and $x_2 = w_2\\,\\sigma(x_1)$, $f_w(x) = w_3\\,\\sigma(x_2)$.\n\n"
         "**(f)**\n\n$$\\nabla_w L = \\sum_{{i=1}}^{{2}} 2\\left(f_w(x^i) - y^i\\right)\\nabla_w f_w(x^i)$$\n\n"
         "{vector}\n\n"
         "$$w \\leftarrow w - \\alpha\\,\\nabla_w L$$\n")
_ENTRIES = ("w_3\\,\\sigma(x_2^i)(1-\\sigma(x_2^i))\\,w_2\\,\\sigma(x_1^i)(1-\\sigma(x_1^i)){x}",
            "w_3\\,\\sigma(x_2^i)(1-\\sigma(x_2^i))\\,\\sigma(x_1^i)", "\\sigma(x_2^i)")


def _matrix(x: str) -> str:
    return "\\begin{bmatrix} " + " \\\\ ".join(_ENTRIES).format(x=x) + " \\end{bmatrix}"


# --- ∇f written out: a third side, a tail that says where it holds, evaluation bars ----------------------------------

@pytest.mark.parametrize("form", [
    "$$g_i = \\nabla_w f_w(x^i) = {m}$$",
    "$$\\nabla_w f_w(x^i) = {m}, \\; i = 1, 2$$",
    "$$\\nabla_w f_w(x^i) = {m} \\text{{ for each data point}}$$",
    "$$\\nabla_w f_w(x^i) = {m},\\quad \\text{{for }} i = 1, \\dots, n$$",
])
@pytest.mark.parametrize("x, full", [("\\,x^i", True), ("", False)])
def test_a_written_out_gradient_is_read_whatever_follows_it(rubric, form: str, x: str, full: bool) -> None:
    report = _HEAD.format(vector=form.format(m=_matrix(x)))
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("x, full", [("\\,x^i", True), ("", False)])
def test_entries_under_evaluation_bars_are_read_at_the_point(rubric, x: str, full: bool) -> None:
    bars = "\n\n".join(f"$$\\left.\\frac{{\\partial f_w}}{{\\partial w_{k}}}\\right|_{{x=x^i}} = {e.format(x=x)}$$"
                       for k, e in zip((1, 2, 3), _ENTRIES, strict=True))
    assert _full(grade_report_item(rubric, "p1.f.grad", _HEAD.format(vector=bars))) is full


def test_a_thick_space_is_no_gap_between_equations() -> None:
    from grader.reading.stated_vectors import _equations_in
    assert len(_equations_in("\\nabla f = (a, b, c)^T, \\; i = 1, 2")) == 1
    assert len(_equations_in("\\nabla f = (a, b, c)^T; \\nabla L = 2(f - y)\\nabla f")) == 2


# --- workings with powers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("working, wrong", [
    ("(4^2 \\cdot 50 + 1) \\cdot 500 = 400{,}500", False),
    ("(4^{2} \\cdot 50 + 1) \\cdot 500 = 400{,}500", False),
    ("(4² · 50 + 1) · 500 = 400,500", False),
    ("(8^2 \\cdot 50 + 1) \\cdot 500 = 400{,}500", True),
    ("(5^2 · 20 + 1) · 50 = 25,050", False),
    ("(8^3 · 50 + 1) · 500 = 400,500", True),
    ("(4^2 · 50 + 1) · 50 = 400,500", True),
])
def test_a_working_with_a_power_is_checked(working: str, wrong: bool) -> None:
    assert bool(wrong_workings(working, {"400500", "25050"})) is wrong


def test_a_huge_power_is_no_working() -> None:
    assert wrong_workings("9^999999 = 400,500", {"400500"}) == []


@pytest.mark.parametrize("row, full", [("$(4^2 \\cdot 50 + 1) \\cdot 500 = 400{,}500$", True),
                                       ("$(8^2 \\cdot 50 + 1) \\cdot 500 = 400{,}500$", False)])
def test_a_table_cells_working_is_checked(rubric, row: str, full: bool) -> None:
    report = ("## Problem 2\n\n(c)\n\n| layer | count |\n|---|---|\n| conv1 | $(5^2+1)\\cdot 20 = 520$ |\n"
              "| conv2 | $(5^2 \\cdot 20 + 1)\\cdot 50 = 25{,}050$ |\n| relu, pool | 0 |\n"
              f"| fc1 | {row} |\n| fc2 | $(500 + 1)\\cdot 10 = 5{{,}}010$ |\n| total | $431{{,}}080$ |\n")
    result = grade_report_item(rubric, "p2.c", report)
    assert _full(result) is full
    assert result.status != "pass" or full


# --- hostile text: every new pattern in bounded time ------------------------------------------------------------------

@pytest.mark.parametrize("read, text", [
    (_without_index_range, "a" + " \\;" * 20_000 + "x"),
    (_without_index_range, "a" + ", i = 1" * 10_000 + "x"),
    (_without_index_range, "a" + " \\text{" * 10_000),
    (_EVALUATION_BAR.match, "\\left." + "\\right|_{x=x" * 5_000),
])
def test_new_patterns_are_bounded_on_hostile_text(read, text: str) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    read(text)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("equation, left", [
    ("g = (a, b, c)^T, \\; i = 1, 2", "g = (a, b, c)^T"),
    ("g = (a, b, c) \\text{ for each point}", "g = (a, b, c)"),
    ("g = (a, b, c),\\quad \\text{for } i = 1, \\dots, n", "g = (a, b, c)"),
    ("g = (a, b, c)", "g = (a, b, c)"),
])
def test_where_an_equation_holds_is_cut_off(equation: str, left: str) -> None:
    assert _without_index_range(equation).strip() == left
