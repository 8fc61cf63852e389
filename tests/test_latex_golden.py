"""The golden suite: LaTeX answers as students write them, each with the verdict it must get.

Every case is a small report (problem heading, part label, display math) graded the way
``grade`` grades a report: found by its part label and the name of its left side, parsed
without eval, compared numerically with the derived reference.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

DS = r"\frac{\partial \sigma_1}{\partial u}"
D3 = r"\frac{\partial f_w}{\partial w_3}"
D2 = r"\frac{\partial f_w}{\partial w_2}"
D1 = r"\frac{\partial f_w}{\partial w_1}"
GRAD = r"\nabla_w \mathcal{L}(w)"
E1 = r"w_3 \sigma_2(x_2)(1 - \sigma_2(x_2)) \cdot w_2 \sigma_1(x_1)(1 - \sigma_1(x_1)) \cdot x"


def grad_matrix(points=("1", "2"), scale="") -> str:
    rows = []
    for j in "123":
        terms = [f"{scale}(2f_w(x^{k}) - 2y^{k}) \\frac{{\\partial f_w(x^{k})}}{{\\partial w_{j}}}" for k in points]
        rows.append(" + ".join(terms))
    return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"


# (item, part label, LaTeX, status, points, words in the feedback)
CASES = [
    # (b)(i): dσ/du in terms of exp
    ("p1.b.i", "b) (i", DS + r" = \frac{e^{-u}}{(1+e^{-u})^2}", "pass", 1, "correct"),
    ("p1.b.i", "b) (i", r"\frac{d\sigma_1}{du} = \frac{\exp(-u)}{\left(1+\exp(-u)\right)^{2}}", "pass", 1, "correct"),
    ("p1.b.i", "b) (i", r"\sigma'(u) = e^{-u}(1+e^{-u})^{-2}", "pass", 1, "correct"),
    ("p1.b.i", "b) (i", DS + r" = \dfrac{-\exp(-u)\cdot(-1)}{(1 + \exp(-u))^2}", "pass", 1, "correct"),
    ("p1.b.i", "b) (i", DS + r" = \frac{-\exp(-u)(-1)}{(1+\exp(-u))^2} = \frac{\exp(-u)}{(1+\exp(-u))^2}", "pass", 1,
     "correct"),
    ("p1.b.i", "b) (i", DS + r" = \frac{e^{-u}}{(1+e^{-u})^2} = \frac{e^{-u}}{(1+e^{-u})^3}", "review", 0,
     "earlier step"),
    ("p1.b.i", "b) (i", DS + r" = -\frac{e^{-u}}{(1+e^{-u})^2}", "partial", 0.5, "inner derivative"),
    ("p1.b.i", "b) (i", DS + r" = \sigma(u)(1-\sigma(u))", "partial", 0.5, "must not use sigma"),
    ("p1.b.i", "b) (i", DS + r" = \frac{1}{(1+e^{-u})^2}", "fail", 0, "not equal"),
    ("p1.b.i", "b) (i", DS + r" = \frac{e^{-u}}{1+e^{-u}}", "fail", 0, "not equal"),
    ("p1.b.i", "b) (i", DS + r" = \frac{e^{-u}}{(1+e^{-u})^2", "review", 0, "could not read"),
    ("p1.b.i", "b) (i", DS + r" = \frac{e^{-u}}{(1+e^{-u})^2} \text{ by the quotient rule}", "pass", 1, "correct"),
    # (b)(ii): in terms of σ
    ("p1.b.ii", "b) (ii", DS + r" = \sigma_1(u)(1-\sigma_1(u))", "pass", 1, "correct"),
    ("p1.b.ii", "b) (ii", DS + r" = \sigma(u) - \sigma(u)^2", "pass", 1, "correct"),
    ("p1.b.ii", "b) (ii", DS + r" = \sigma(u)\left(1-\sigma(u)\right)", "pass", 1, "correct"),
    ("p1.b.ii", "b) (ii", r"\sigma_1'(u) = \sigma_1(u) \cdot (1 - \sigma_1(u))", "pass", 1, "correct"),
    ("p1.b.ii", "b) (ii", DS + r" = \frac{e^{-u}}{(1+e^{-u})^2}", "partial", 0.5, "must not use exp"),
    ("p1.b.ii", "b) (ii", DS + r" = \sigma(u)(1+\sigma(u))", "fail", 0, "not equal"),
    ("p1.b.ii", "b) (ii", DS + r" = -\sigma(u)(1-\sigma(u))", "fail", 0, "sign flipped"),
    # (d)
    ("p1.d", "d", D3 + r" = \sigma_2(x_2)", "pass", 1, "correct"),
    ("p1.d", "d", D3 + r" = \sigma_2(w_2\sigma_1(w_1x))", "pass", 1, "correct"),
    ("p1.d", "d", D3 + r" = \sigma(w_2 \sigma(w_1 x))", "pass", 1, "correct"),
    ("p1.d", "d", D3 + r" = \frac{1}{1+e^{-x_2}}", "pass", 1, "correct"),
    ("p1.d", "d", D3 + r" = \frac{1}{1+\exp(-w_2\sigma_1(x_1))}", "pass", 1, "correct"),
    ("p1.d", "d", r"\frac{\partial f_w(x)}{\partial w_3} = \sigma_2\left(w_2 \sigma_1\left(w_1 x\right)\right)", "pass", 1,
     "correct"),
    ("p1.d", "d", D3 + r" = \sigma_2(w_2 \sigma_1(wx))", "review", 0, "'w' (as in wx) means w1"),
    ("p1.d", "d", D3 + r" = w_3\sigma_2(x_2)", "fail", 0, "extra factor w3"),
    ("p1.d", "d", D3 + r" = \sigma_2(x_2", "review", 0, "could not read"),
    ("p1.d", "d", D3 + r" = \frac{1}{x_2 - x_2}", "review", 0, "invalid answer"),
    ("p1.d", "d", D3 + r" = 10^{10^{10}}", "review", 0, "too large"),
    ("p1.d", "d", D3 + r" = x_3 w_3", "review", 0, "unknown name 'x_3'"),
    ("p1.d", "d", D3 + r" = \sigma_2(x_2) + \int f", "review", 0, "could not read"),
    # (e) ∂f/∂w2
    ("p1.e.w2", "e", D2 + r" = w_3\sigma_2(x_2)(1-\sigma_2(x_2))\sigma_1(x_1)", "pass", 2, "correct"),
    ("p1.e.w2", "e", D2 + r" = w_3 \sigma'(x_2) \sigma_1(x_1)", "pass", 2, "correct"),
    ("p1.e.w2", "e", D2 + r" = w_3 \cdot \sigma_2'(x_2) \cdot \sigma_1(x_1)", "pass", 2, "correct"),
    ("p1.e.w2", "e", D2 + r" = \frac{\partial f_w}{\partial \sigma_2} \frac{\partial \sigma_2}{\partial x_2}"
                          r" \frac{\partial x_2}{\partial w_2}", "fail", 0, "restates the chain rule"),
    ("p1.e.w2", "e", D2 + r" = \sigma_2(x_2)(1-\sigma_2(x_2))\sigma_1(x_1)", "partial", 1, "factor w3"),
    ("p1.e.w2", "e", D2 + r" = w_3\sigma_1(x_1)", "partial", 1, "σ2'(x2)"),
    ("p1.e.w2", "e", D2 + r" = w_3\sigma_2(x_2)(1-\sigma_2(x_2))", "partial", 1, "σ1(x1)"),
    ("p1.e.w2", "e", D2 + r" = w_3 \sigma_2(x_2)(1-\sigma_2(x_2)) w_2", "fail", 0, "not equal"),
    # (e) ∂f/∂w1
    ("p1.e.w1", "e", D1 + " = " + E1, "pass", 2, "correct"),
    ("p1.e.w1", "e", D1 + r" = w_3 \sigma_2'(x_2) w_2 \sigma_1'(x_1) x", "pass", 2, "correct"),
    ("p1.e.w1", "e", D1 + r" = w_3 w_2 x \frac{e^{-x_2}}{(1+e^{-x_2})^2} \frac{e^{-x_1}}{(1+e^{-x_1})^2}", "pass", 2,
     "correct"),
    ("p1.e.w1", "e", D1 + r" = w_3 \sigma'(x_2) w_2 \sigma'(x_1)", "partial", 1, "factor x"),
    ("p1.e.w1", "e", D1 + r" = w_3 \sigma'(x_2) \sigma'(x_1) x", "partial", 1, "factor w2"),
    ("p1.e.w1", "e", D1 + r" = \sigma'(x_2) w_2 \sigma'(x_1) x", "partial", 1, "factor w3"),
    ("p1.e.w1", "e", D1 + r" = w_3 w_2 \sigma'(x_1) x", "partial", 1, "σ2'(x2)"),
    ("p1.e.w1", "e", D1 + r" = w_3 \sigma'(x_2) w_2 x", "partial", 1, "σ1'(x1)"),
    ("p1.e.w1", "e", D1 + r" = -w_3 \sigma'(x_2) w_2 \sigma'(x_1) x", "fail", 0, "sign flipped"),
    # (f) gradient
    ("p1.f.grad", "f", GRAD + r" = \sum_{(x,y) \in D} 2(y - f_w(x))(-1) \cdot \frac{\partial f_w(x)}{\partial w}",
     "pass", 3, "correct"),
    ("p1.f.grad", "f", GRAD + r" = \sum_{i=1}^{2} 2(f_w(x^{(i)}) - y^{(i)}) \frac{\partial f_w(x^{(i)})}{\partial w}",
     "pass", 3, "correct"),
    ("p1.f.grad", "f", GRAD + " = " + grad_matrix(), "pass", 3, "correct"),
    ("p1.f.grad", "f", GRAD + r" = \frac{\partial \mathcal{L}}{\partial f_w} \frac{\partial f_w}{\partial w} = "
     + grad_matrix(), "pass", 3, "correct"),
    ("p1.f.grad", "f", GRAD + r" = \sum_{(x,y) \in D} 2(y - f_w(x)) \frac{\partial f_w(x)}{\partial w}",
     "partial", 1.5, "sign flipped"),
    ("p1.f.grad", "f", GRAD + r" = \sum_{(x,y) \in D} (f_w(x) - y) \frac{\partial f_w(x)}{\partial w}",
     "partial", 1.5, "missing factor 2"),
    ("p1.f.grad", "f", GRAD + " = " + grad_matrix(points=("1",)), "partial", 1.02, "only the first data point"),
    ("p1.f.grad", "f", GRAD + " = " + grad_matrix(points=("2",)), "partial", 1.02, "only the second data point"),
    ("p1.f.grad", "f", GRAD + r" = \sum_{(x,y) \in D} 2(f_w(x) - y)", "fail", 0, "expected 3 component(s), found 1"),
    # (f) update
    ("p1.f.update", "f", r"w^{new} = w - \alpha \nabla_w \mathcal{L}(w)", "pass", 2, "correct"),
    ("p1.f.update", "f", r"\begin{bmatrix} w_1^{\text{new}} \\ w_2^{\text{new}} \\ w_3^{\text{new}} \end{bmatrix} "
     r"\leftarrow \begin{bmatrix} w_1 \\ w_2 \\ w_3 \end{bmatrix} - \alpha " + grad_matrix(), "pass", 2, "correct"),
    ("p1.f.update", "f", r"w^{new} = w + \alpha \nabla_w \mathcal{L}(w)", "fail", 0, "gradient ascent"),
    ("p1.f.update", "f", r"w^{new} = w - \alpha", "fail", 0, "not equal"),
]


@pytest.mark.parametrize("item, part, latex, status, points, words", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_golden(rubric, item: str, part: str, latex: str, status: str, points: float, words: str) -> None:
    problem = "2" if item.startswith("p2") else "1"
    report = f"# {problem} [Problem {problem}]\n\n({part})\n\n$${latex}$$\n"
    result = grade_report_item(rubric, item, report)
    assert (result.status, result.score) == (status, pytest.approx(points, abs=1e-4)), result.feedback
    assert words in result.feedback


def test_the_suite_is_large_enough() -> None:
    assert len(CASES) >= 60


def test_e_parts_are_told_apart_by_their_left_sides(rubric) -> None:
    report = ("# 1\n(e)\n$$" + D1 + " = " + E1 + "$$\n\n$$" + D2 + r" = w_3\sigma'(x_2)\sigma_1(x_1)$$" + "\n")
    assert grade_report_item(rubric, "p1.e.w1", report).status == "pass"
    assert grade_report_item(rubric, "p1.e.w2", report).status == "pass"


def test_missing_answers_in_a_report_go_to_review(rubric) -> None:
    result = grade_report_item(rubric, "p1.d", "# 1\n(c) prose only\n\n(d)\n\n(e) nothing\n")
    assert result.status == "review" and "no answer found in part (d) of problem 1" in result.feedback


def test_vectors_written_one_component_per_equation(rubric) -> None:
    """w_1^new = …, w_2^new = …, w_3^new = … (and ∂L/∂w_i = …) are read as one vector answer."""
    rows = grad_matrix()[len(r"\begin{bmatrix} "):-len(r" \end{bmatrix}")].split(r" \\ ")
    updates = "\n\n".join(f"$$w_{i}^{{\\text{{new}}}} = w_{i} - \\alpha \\left({row}\\right)$$"
                          for i, row in enumerate(rows, 1))
    grads = "\n\n".join(f"$$\\frac{{\\partial \\mathcal{{L}}}}{{\\partial w_{i}}} = {row}$$" for i, row in enumerate(rows, 1))
    report = f"# 1\n(f)\n\n{grads}\n\n{updates}\n"
    assert grade_report_item(rubric, "p1.f.update", report).status == "pass"
    assert grade_report_item(rubric, "p1.f.grad", report).status == "pass"
    ascent = report.replace(r"- \alpha", r"+ \alpha")
    assert "gradient ascent" in grade_report_item(rubric, "p1.f.update", ascent).feedback
