"""Held-out batch 36: a gradient added up by a loop over the two data points (Python, MATLAB, R, Julia,
pseudo-code), the weights and the data as a program indexes them (``w[0]``, ``y[2]``), a program's bare ``grad``
in the update, and a second answer offered in brackets or in ``\\text{(or maybe …}``. Each reading has a wrong
twin that must not pass; a loop that does anything but add up a sum over the data is left as written."""
from __future__ import annotations

import pytest

from grader.reading.indexed_names import indexed_names
from grader.reading.program_loops import fold_loops, program_formulas
from tests.helpers import grade_report_item

HEAD = "## Problem 1\n\n"
RIGHT = "2*(f(xi) - yi)"
FLIPPED = "2*(yi - f(xi))"


def graded(rubric, item: str, report: str, name: str = "r.md"):
    return grade_report_item(rubric, item, report, name)


@pytest.mark.parametrize("residual, expected", [(RIGHT, "pass"), (FLIPPED, "partial")])
def test_a_python_loop_over_the_data_that_adds_up_the_gradient(rubric, residual: str, expected: str) -> None:
    report = (f"{HEAD}(f)\n\n```python\ngrad = np.zeros(3)\nfor xi, yi in D:   # the two points\n"
              f"    g_f = np.array([df_dw1(xi), df_dw2(xi), df_dw3(xi)])\n    grad += {residual} * g_f\n"
              "w = w - alpha * grad\n```\n")
    assert graded(rubric, "p1.f.grad", report).status == expected


@pytest.mark.parametrize("sign, expected", [("-", "pass"), ("+", "partial")])
def test_a_matlab_index_loop_with_its_end(rubric, sign: str, expected: str) -> None:
    report = (f"{HEAD}(f)\n\n```matlab\ngradf = @(x) [dfdw1(x); dfdw2(x); dfdw3(x)];\ngradL = 0;\nfor i = 1:2\n"
              f"    gradL = gradL {sign} 2*(y(i) - f(x(i)))*gradf(x(i));\nend\nw = w - alpha*gradL;\n```\n")
    assert graded(rubric, "p1.f.grad", report).status == expected


@pytest.mark.parametrize("points, expected", [("X[i]) - Y[i]", {"pass"}), ("X[i]) - Y[0]", {"fail", "review"})])
def test_a_zero_based_range_names_the_two_points(rubric, points: str, expected: set[str]) -> None:
    report = (f"{HEAD}(f)\n\n```python\ngrad = 0\nfor i in range(2):\n    grad += 2*(f({points})*grad_f(X[i])\n"
              "w = w - lr*grad\n```\n")
    assert graded(rubric, "p1.f.grad", report).status in expected


def test_a_loop_that_is_no_sum_over_the_data_stays_as_written() -> None:
    over_weights = "g = 0\nfor i in range(3):\n    g += w[i] * x\n"
    starts_elsewhere = "g = g0\nfor (x, y) in D:\n    g += 2*(f(x) - y)\n"
    branches = "g = 0\nfor (x, y) in D:\n    if y > 0:\n        g += 2*(f(x) - y)\n"
    changed_after = "g = 0\nfor (x, y) in D:\n    g += 2*(f(x) - y)\ng = g / 2\n"
    grows_by_itself = "g = 0\nfor (x, y) in D:\n    g += g * x\n"
    for source in (over_weights, starts_elsewhere, branches, changed_after, grows_by_itself):
        assert fold_loops(source) == source
    folded = fold_loops("g = 0\nfor (x, y) in D:\n    g += 2*(f(x) - y)\n")
    assert "g = sum(2*(f(x) - y) for (x, y) in D)" in folded and len(folded) == len(
        "g = 0\nfor (x, y) in D:\n    g += 2*(f(x) - y)\n")


def test_elements_count_from_how_the_whole_hand_in_counts() -> None:
    assert indexed_names("σ(w[1] * σ(w[0] * x))") == "σ(w_2  * σ(w_1  * x))"  # a 0 anywhere: from 0
    assert indexed_names("w[3] * s2 * w[2]") == "w_3  * s2 * w_2 "  # a 3 and no 0: from 1
    assert indexed_names("w[2] * s2 * w[1]") == "w[2] * s2 * w[1]"  # neither: not guessed
    assert indexed_names("```julia\nσ(w[2] * σ(w[1] * x))\n```") == "```julia\nσ(w_2  * σ(w_1  * x))\n```"
    assert indexed_names("y[1] - f(x[1]) + y[2]") == "y¹   - f(x¹  ) + y²  "


@pytest.mark.parametrize("inner, expected", [("w[1]*s(w[0]*x)", "pass"), ("w[2]*s(w[0]*x)", "fail")])
def test_python_weights_counted_from_zero(rubric, inner: str, expected: str) -> None:
    report = f"{HEAD}(d)\n\n```python\ns = lambda u: 1/(1 + np.exp(-u))\ndf_dw3 = s({inner})\n```\n"
    assert graded(rubric, "p1.d", report).status == expected


@pytest.mark.parametrize("update", ["w = w - lr * grad", "w = w + lr * grad"])
def test_a_programs_bare_grad_in_the_update_goes_to_a_person(rubric, update: str) -> None:
    """Which gradient a program's ``grad`` holds is the program's to say (red team 37: one point's term, ∇f)."""
    report = f"{HEAD}(f)\n\n    {update}\n\n"
    assert graded(rubric, "p1.f.update", report).status == "review"


def test_the_update_with_a_wrong_own_grad_read_from_array_elements_is_not_passed(rubric) -> None:
    report = (f"{HEAD}(f)\n```python\ngrad = 2*(y[1] - f_w(x[1])) * grad_f(x[1]) + 2*(y[2] - f_w(x[2])) * grad_f(x[2])\n"
              "w = w - lr * grad\n```\n")
    assert graded(rubric, "p1.f.grad", report).status == "partial"
    assert graded(rubric, "p1.f.update", report).status == "review"


PLAIN = "∂f_w/∂w_1 = w_3·σ_2′(x_2)·w_2·σ_1′(x_1)·x"
LATEX = "$\\frac{\\partial f_w}{\\partial w_1} = w_3\\sigma_2'(x_2)\\,w_2\\,\\sigma_1'(x_1)\\,x"


@pytest.mark.parametrize("answer, aside", [
    (PLAIN, "   [or w_3·σ_2′(x_2)·σ_1′(x_1)·x ? not sure if w_2 belongs here]"),
    (LATEX, "\\quad\\text{(or maybe } w_3\\sigma_2'(x_2)\\sigma_1'(x_1)x\\text{? not sure)}"),
])
def test_a_second_answer_offered_in_brackets_goes_to_a_person(rubric, answer: str, aside: str) -> None:
    close = "$" if answer.startswith("$") else ""
    result = graded(rubric, "p1.e.w1", f"{HEAD}(e)\n\n{answer}{aside}{close}\n")
    assert result.status == "review" and "two answers" in result.feedback
    assert graded(rubric, "p1.e.w1", f"{HEAD}(e)\n\n{answer}{close}\n").status == "pass"


def test_a_statement_over_several_lines_and_a_programs_scaffolding() -> None:
    source = "return np.array([a,   # first\n                 b])\nwith torch.no_grad():\n    w -= lr * g\nprint(w)\n"
    read = program_formulas(source)
    assert len(read) == len(source)
    assert "np.array([a," in read and "# first" not in read and "b])" in read.split("\n")[0]
    assert "w -= lr * g" in read.split("\n")[2] and read.split("\n")[2].startswith("w -=")
    assert "with" not in read and "print" not in read
    unclosed = "see (below\nand more\n"
    assert program_formulas(unclosed) == unclosed


@pytest.mark.parametrize("factor, expected", [("", "pass"), ("0.5 * ", "partial")])  # half the gradient: a scale
def test_a_return_over_several_lines_in_a_function(rubric, factor: str, expected: str) -> None:
    report = (f"{HEAD}(f)\n\n```python\ndef grad_f(x):\n    x1 = w1*x; x2 = w2*sig(x1)\n"
              "    return np.array([w3*dsig(x2)*w2*dsig(x1)*x,\n                     w3*dsig(x2)*sig(x1),\n"
              "                     sig(x2)])\n\n"
              f"grad_L = {factor}sum(2*(f(xi) - yi)*grad_f(xi) for xi, yi in D)\n```\n")
    assert graded(rubric, "p1.f.grad", report).status == expected


@pytest.mark.parametrize("step, expected", [("w -= alpha * grad_L", "pass"), ("w += alpha * grad_L", "fail")])
def test_an_update_inside_a_no_grad_block(rubric, step: str, expected: str) -> None:
    report = (f"{HEAD}(f)\n\n```python\n# D = [(x1, y1), (x2, y2)]\n"
              "grad_L = 2*(f(x^1) - y^1)*grad_f(x^1) + 2*(f(x^2) - y^2)*grad_f(x^2)\n"
              f"#   grad_f(x) = torch.stack([df_dw1(x), df_dw2(x), df_dw3(x)])\nwith torch.no_grad():\n    {step}\n```\n")
    assert graded(rubric, "p1.f.update", report).status == expected
