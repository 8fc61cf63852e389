"""Notation as real students write it: Unicode, ASCII, their own definitions, and chains judged as a TA does."""
from __future__ import annotations

import time

import pytest
import sympy as sp

from grader.expressions.budget import BudgetExceeded
from grader.expressions.compare import compare
from grader.expressions.latex import parse_latex
from grader.expressions.parse import ExpressionSyntaxError
from grader.expressions.vec import add_all
from grader.reading.document import read_document
from grader.reading.notation import read_notation
from reference.mnist_backprop import REFERENCE
from reference.mnist_backprop import backprop as bp
from reference.mnist_backprop.vocabulary import LATEX_VOCABULARY as V
from reference.mnist_backprop.vocabulary import classify_lhs
from tests.helpers import grade_report_item


def same(text: str, expected, **kw) -> bool:
    value = parse_latex(text, V, **kw).value
    return compare(value, expected, bp.NUMERIC_MODEL).equal


@pytest.mark.parametrize("text, expected", [
    ("e⁻ᵘ/(1+e^(−u))²", bp.DSIGMA_EXP),
    ("exp(-u)/(1+exp(-u))^2", bp.DSIGMA_EXP),
    ("exp(-u)/(1+exp(-u))**2", bp.DSIGMA_EXP),
    ("sigma(u)*(1-sigma(u))", bp.DSIGMA_EXP),
    ("σ(u)·(1 − σ(u))", bp.DSIGMA_EXP),
    (r"\text{sigmoid}(u)(1-\operatorname{sigmoid}(u))", bp.DSIGMA_EXP),
    (r"\frac{\mathrm{e}^{-u}}{\left(1+\mathrm{e}^{-u}\right)^{2}}", bp.DSIGMA_EXP),
    (r"\dfrac{\exp(-u)}{\{1+\exp(-u)\}^2}", bp.DSIGMA_EXP),
    ("w₃ σ₂(x₂)(1−σ₂(x₂)) σ₁(x₁)", bp.DF_DW2),
    ("w3*sigma2(x2)*(1-sigma2(x2))*sigma1(x1)", bp.DF_DW2),
    ("w₃·σ′(x₂)·w₂·σ′(x₁)·x", bp.DF_DW1),
    (r"\sqrt{x^2}\cdot 0 + \sigma(x_2)", bp.DF_DW3),
])
def test_unicode_ascii_and_latex_read_alike(text: str, expected) -> None:
    assert same(text, expected)


@pytest.mark.parametrize("text, tag", [
    ("∂f/∂w₁", "df/dw1"), ("df/dw2", "df/dw2"), ("dL/dw2", "grad[2]"), ("dσ/du", "dsigma"), ("σ′(u)", "dsigma"),
    (r"\mathrm{d}\sigma/\mathrm{d}u", "dsigma"), (r"\frac{d}{du}\sigma(u)", "dsigma"), ("σ'(x)", "dsigma"),
    (r"\frac{\partial L}{\partial w_j}", "grad"), (r"\nabla_\theta L", None), ("w^{new}", "update"),
    (r"w \gets", "update"), ("w_{t+1}", "update"), ("w^{(t+1)}", "update"), ("w'", "update"), ("w1_new", "update[1]"),
    (r"\begin{pmatrix} w_1' \\ w_2' \\ w_3' \end{pmatrix}", "update"), (r"\frac{\partial f}{\partial \sigma_2}", None),
    ("w", None),
])
def test_left_sides_in_any_notation(text: str, tag) -> None:
    assert classify_lhs(text) == tag


def test_gradient_of_f_is_taken_at_its_argument() -> None:
    at_point = parse_latex(r"\nabla_w f_w(x^{(1)})", V, vector=True).value
    assert compare(at_point[0], bp.df_dw1(bp.xa), bp.NUMERIC_MODEL).equal
    assert not compare(at_point[0], bp.df_dw1(bp.x), bp.NUMERIC_MODEL).equal


def test_sums_over_the_data_in_any_index_notation() -> None:
    for text in (r"\sum_{i=1}^{2} 2(f_w(x^{(i)}) - y^{(i)}) \nabla_w f_w(x^{(i)})",
                 r"\sum_i 2(f_w(x_i) - y_i) \nabla_w f_w(x_i)",
                 r"Σᵢ 2(f_w(x^i) − y^i) ∇_w f_w(x^i)",
                 r"\sum_{i=1}^{N} 2(f_w(x^i) - y^i) \nabla_w f_w(x^i)"):
        value = parse_latex(text, V, vector=True).value
        assert all(compare(v, g, bp.NUMERIC_MODEL).equal for v, g in zip(value, bp.GRAD)), text


def notation_of(text: str):
    return read_notation(read_document(text), REFERENCE)


def test_student_definitions_are_read_and_applied() -> None:
    n = notation_of("# 1\nLet $s(u) = \\frac{1}{1+e^{-u}}$, $u_1 = w_1 x, h_1 = \\sigma(u_1)$, $\\eta = \\alpha$, "
                    "$\\theta = (w_1, w_2, w_3)$, $g(t) := e^{-t}$, $i = 1, 2$\n")
    assert n.overlay.aliases == {"s": "\\sigma", "\\eta": "\\alpha", "\\theta": "w"}
    r = parse_latex("s(u)(1-s(u))", V, overlay=n.overlay)
    assert compare(r.value, bp.DSIGMA_SIGMA, bp.NUMERIC_MODEL).equal and r.info
    assert same("w_3 \\sigma'(w_2 h_1) \\sigma(u_1)", bp.DF_DW2, overlay=n.overlay)
    assert same("g(u)/(1+g(u))^2", bp.DSIGMA_EXP, overlay=n.overlay)
    assert classify_lhs("\\theta'", overlay=n.overlay) == "update"
    assert n.is_definition("u_1") and n.is_definition("i")


def test_a_conflicting_redefinition_is_honoured_and_said() -> None:
    n = notation_of("# 1\nI write $x_1 = \\sigma(w_1 x)$ for the activation.\n")
    r = parse_latex("w_3 \\sigma'(w_2 x_1) x_1", V, overlay=n.overlay)
    assert compare(r.value, bp.DF_DW2, bp.NUMERIC_MODEL).equal
    assert any("not as in the handout" in note for note in r.info)


def test_unreadable_or_circular_definitions_are_ignored_with_a_note() -> None:
    n = notation_of("# 1\n$q = q + 1$ and $r = \\int x$ and $f_w(x) = w_3\\sigma_2(x_2)$\n")
    assert not n.overlay.symbols and not n.overlay.functions
    assert sum("is not used" in note for note in n.notes) == 2


def test_learning_rate_eta_in_prose() -> None:
    n = notation_of("# 1\nI use $\\eta$ for the learning rate.\n")
    assert n.overlay.aliases.get("\\eta") == "\\alpha"
    assert "\\eta" not in notation_of("# 1\n$\\eta$ is something else\n").overlay.aliases


D = r"\frac{\partial f_w}{\partial w_2}"


@pytest.mark.parametrize("latex, status, points, words", [
    (D + r" = \frac{\partial f_w}{\partial w_2}", "fail", 0, "restates the question"),
    (D + r" = \frac{\partial f}{\partial \sigma_2} \frac{\partial \sigma_2}{\partial x_2} \frac{\partial x_2}{\partial w_2}",
     "fail", 0, "chain rule"),
    (D + r" = ∂f/∂σ₂ · ∂σ₂/∂x₂ · ∂x₂/∂w₂ = w₃σ₂'(x₂)σ₁(x₁)", "pass", 2, "correct"),
    (D + r" = w_3 \sigma'(x_2) \sigma_1(x_1) = w_3 \sigma'(x_2)", "review", 0, "earlier step"),
    (D + r" = w_3 \frac{\partial \sigma_2}{\partial x_2} \frac{\partial x_2}{\partial w_2}", "review", 0, "not worked out"),
    (D + r" = w_3 \frac{\partial \sigma_2}{\partial x_2} \frac{\partial x_2}{\partial h}", "review", 0, "not worked out"),
])
def test_chains_are_judged_as_a_ta_does(rubric, latex: str, status: str, points: float, words: str) -> None:
    result = grade_report_item(rubric, "p1.e.w2", f"# 1\n(e)\n\n$${latex}$$\n")
    assert (result.status, result.score) == (status, points), result.feedback
    assert words in result.feedback


@pytest.mark.parametrize("item, latex, status", [
    ("p1.b.ii", r"\frac{d\sigma}{du} = \sigma'(u)", "fail"),
    ("p1.b.ii", r"\sigma'(x) = \sigma(x)(1-\sigma(x))", "pass"),
    ("p1.b.ii", r"\frac{d\sigma}{du} = \sigma(1-\sigma)", "pass"),
    ("p1.f.grad", r"\nabla_w L = \nabla_w L", "fail"),
    ("p1.f.grad", (r"\frac{\partial L}{\partial w_j} = \sum_{i=1}^{2} 2(f_w(x^i) - y^i)\frac{\partial f_w(x^i)}{\partial w_j},"
                   r" \quad j = 1, 2, 3"), "pass"),
    ("p1.f.grad", r"\nabla_w L = 2(f_w(x^1) - y^1)\nabla_w f_w(x^1) + 2(f_w(x^2) - y^2)\nabla_w f_w(x^2)", "pass"),
    ("p1.f.update", r"w_{t+1} = w_t - \alpha \nabla_w L(w_t)", "pass"),
    ("p1.f.update", r"w^{(t+1)} = w^{(t)} - \alpha \nabla_w L", "pass"),
    ("p1.f.update", r"w := w - \alpha \nabla L", "pass"),
    ("p1.f.update", r"w_j^{new} = w_j - \alpha \frac{\partial L}{\partial w_j}", "pass"),
    ("p1.f.update", r"w_j^{new} = w_j + \alpha \frac{\partial L}{\partial w_j}", "fail"),
])
def test_question_notation(rubric, item: str, latex: str, status: str) -> None:
    part = {"p1.b.ii": "b) (ii", "p1.f.grad": "f", "p1.f.update": "f"}[item]
    result = grade_report_item(rubric, item, f"# 1\n({part})\n\n$${latex}$$\n")
    assert result.status == status, result.feedback


def test_theta_and_eta_of_a_student(rubric) -> None:
    report = ("# 1\nLet $\\theta = (w_1, w_2, w_3)$ and $\\eta = \\alpha$.\n\n(f)\n\n"
              "$$\\theta \\leftarrow \\theta - \\eta \\nabla_\\theta L$$\n")
    result = grade_report_item(rubric, "p1.f.update", report)
    assert result.status == "pass", result.feedback


# ------------------------------------------------------------------ bounded evaluation (hostile text)
@pytest.mark.parametrize("text, message", [
    (r"\sum_{i=1}^{9}" * 12 + " x", "at most|steps|too large"),
    ("(" * 300 + "x" + ")" * 300, "nested"),
    (r"\frac{1}{" * 200 + "x" + "}" * 200, "nested|steps"),
    ("x+" * 1900 + "x", ""),
    (r"10^{10^{10}}", "too large"),
    (r"2^{2^{2^{2^{2^{2}}}}}", "too large"),
    (r"\sum_{i=1}^{100000} x", "at most"),
    ("1" * 40, "too large"),
])
def test_hostile_expressions_stop_at_a_limit(text: str, message: str) -> None:
    started = time.perf_counter()
    try:
        value = parse_latex(text, V).value
        compare(value, bp.x, bp.NUMERIC_MODEL)
    except ExpressionSyntaxError as exc:
        assert not message or any(m in str(exc) for m in message.split("|")), str(exc)
    assert time.perf_counter() - started < 10


def test_a_macro_that_doubles_stops_at_the_node_limit() -> None:
    n = notation_of("# 1\n$g(t) = t \\cdot t + t \\cdot t$\n")
    with pytest.raises(BudgetExceeded):
        parse_latex("g(" * 12 + "x" + ")" * 12, V, overlay=n.overlay)


def test_cancellation_is_not_a_pass(rubric) -> None:
    sneaky = r"\frac{\partial f_w}{\partial w_3} = \sigma_2(x_2) + ((1 + 10^{-45})^{1} - 1) \cdot 10^{45}"
    result = grade_report_item(rubric, "p1.d", f"# 1\n(d)\n\n$${sneaky}$$\n")
    assert result.status == "review" and "precision" in result.feedback


def test_evaluation_work_is_bounded() -> None:
    term = parse_latex(r"\sigma(\sigma(\sigma(\sigma(x))))", V).value
    huge = add_all([term] * 3000)
    with pytest.raises(BudgetExceeded):
        compare(huge, bp.x, bp.NUMERIC_MODEL)
    assert isinstance(huge, sp.Basic)
