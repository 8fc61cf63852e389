"""Problem 1 answers in the notations of held-out reports: intermediates at a data point, and more.

Each case is read the way a TA reads it; a wrong variant of each must never get full marks.
"""
from __future__ import annotations

import pytest
import sympy as sp

from grader.expressions.latex import parse_latex
from reference.mnist_backprop import backprop as bp
from reference.mnist_backprop.vocabulary import LATEX_VOCABULARY
from tests.helpers import grade_report_item

SUM = r"\sum_{i=1}^{2}2\big(f_w(x^i)-y^i\big)\,"
COMPONENTS = {
    1: r"w_3\,\sigma_2(x_2^i)\big(1-\sigma_2(x_2^i)\big)\,w_2\,\sigma_1(x_1^i)\big(1-\sigma_1(x_1^i)\big)\,x^i",
    2: r"w_3\,\sigma_2(x_2^i)\big(1-\sigma_2(x_2^i)\big)\,\sigma_1(x_1^i)",
    3: r"\sigma_2(x_2^i)",
}


def read(text: str) -> sp.Expr:
    return parse_latex(text, LATEX_VOCABULARY).value


def test_an_intermediate_at_the_sum_index_is_its_value_at_that_data_point() -> None:
    value = read(r"\sum_{i=1}^{2} x_2^i")
    assert sp.simplify(value - bp.w2 * bp.sigma(bp.w1 * bp.xa) - bp.w2 * bp.sigma(bp.w1 * bp.xb)) == 0
    assert read(r"x_1^{(2)}") == bp.w1 * bp.xb


def test_a_plain_superscript_outside_a_sum_stays_a_power() -> None:
    assert read("x_2^2") == bp.x2 ** 2


def report(components: dict[int, str]) -> str:
    lines = [f"$$\\frac{{\\partial\\mathcal L}}{{\\partial w_{j}}}={SUM}{body}$$\n" for j, body in components.items()]
    return "# 1 [Problem 1]\n\n(f)\n\n" + "\n".join(lines)


def test_a_gradient_written_per_component_with_intermediates_at_each_point_passes(rubric) -> None:
    result = grade_report_item(rubric, "p1.f.grad", report(COMPONENTS))
    assert result.status == "pass", result.feedback


@pytest.mark.parametrize("slip", [
    {3: r"\sigma_1(x_1^i)"},  # the wrong unit
    {2: r"w_3\,\sigma_2(x_2^i)\,\sigma_1(x_1^i)"},  # σ' left out
])
def test_a_slip_in_one_component_is_never_full_marks(rubric, slip: dict[int, str]) -> None:
    result = grade_report_item(rubric, "p1.f.grad", report({**COMPONENTS, **slip}))
    assert result.score < 3 and result.status != "pass", result.feedback


def update_report(sign: str = "-") -> str:
    rows = [f"w_{j}\\leftarrow w_{j}{sign}\\alpha\\frac{{\\partial L}}{{\\partial w_{j}}}" for j in "123"]
    return "# 1 [Problem 1]\n\n(f)\n\n$$" + ",\\quad\n".join(rows) + "$$\n"


def test_several_equations_in_one_display_are_read_one_by_one(rubric) -> None:
    result = grade_report_item(rubric, "p1.f.update", update_report())
    assert result.status == "pass", result.feedback
    ascent = grade_report_item(rubric, "p1.f.update", update_report("+"))
    assert ascent.status != "pass" and ascent.score < 2, ascent.feedback


@pytest.mark.parametrize("piece, count", [
    (r"w_1 \leftarrow a, \quad w_2 \leftarrow b", 2),
    (r"& w_{1} \leftarrow a \\ & w_2 \leftarrow b", 2),
    (r"a &= b \\ &= c", 1),  # an aligned row that continues the chain
    (r"D=\{(x^1,y^1),(x^2,y^2)\}", 1),  # commas inside braces
    (r"w_3 \, \sigma_2'(x_2) \, \sigma_1(x_1) = w_3 \sigma_2(x_2)", 1),  # thin spaces are no commas
    (r"\frac{\partial L}{\partial w_j} = a, \quad j = 1, 2, 3", 1),  # the index's range stays
])
def test_a_display_is_cut_only_where_another_equation_begins(piece: str, count: int) -> None:
    from grader.reading.extract import split_equations

    assert len(split_equations(piece)) == count


def plain_report(definitions: str, answer: str) -> str:
    """A plain-text report: definitions on a line of their own, then the part (d)."""
    return f"Problem 1\n\n{definitions}\n\nd) {answer}\n"


@pytest.mark.parametrize("definitions", [
    "x1 = w1*x, x2 = w2*s(x1), s = sigmoid, f = w3*s(x2)",  # several on one line; a name for a known function
    "sig(u) := 1/(1+exp(-u))\nx1 = w1*x , x2 = w2*sig(x1)",  # a word of several letters defined in ASCII
])
def test_plain_text_definitions_are_read(rubric, definitions: str) -> None:
    word = "s" if "s = sigmoid" in definitions else "sig"
    right = grade_report_item(rubric, "p1.d", plain_report(definitions, f"df/dw3 = {word}(x2)"))
    assert right.status == "pass", right.feedback
    wrong = grade_report_item(rubric, "p1.d", plain_report(definitions, f"df/dw3 = {word}(x1)"))
    assert wrong.status != "pass", wrong.feedback


def test_a_plain_text_definition_that_differs_is_never_read_as_the_handouts(rubric) -> None:
    report = plain_report("sig(u) := 1/(1+exp(u))", "df/dw3 = sig(w2*sig(w1*x))")
    result = grade_report_item(rubric, "p1.d", report)
    assert result.status != "pass", result.feedback


def test_the_output_at_the_sum_index_is_the_output_at_that_data_point() -> None:
    assert read(r"\sum_{i=1}^{2}\left(f^{i}-y^{i}\right)") == read(r"\sum_{i=1}^{2}\left(f_w(x^i)-y^i\right)")
    assert read(r"f_w^{(2)}") == read(r"f_w(x^2)")
    with pytest.raises(ValueError):
        read("f^2")  # a square of f with no argument: nothing to guess


@pytest.mark.parametrize("answer, passes", [("h_2", True), ("h_1", False)])
def test_a_name_used_before_it_is_defined_is_read(rubric, answer: str, passes: bool) -> None:
    report = ("# 1 [Problem 1]\n\nLet $h_1 = \\sigma(z_1)$, $z_1 = w_1x$, $h_2 = \\sigma(z_2)$, $z_2 = w_2h_1$.\n\n"
              f"(d) $$\\frac{{\\partial f}}{{\\partial w_3}} = {answer}$$\n")
    result = grade_report_item(rubric, "p1.d", report)
    assert (result.status == "pass") == passes, result.feedback


# ------------------------------------------------------------------ formulas a converter damaged
@pytest.mark.parametrize("damaged", [
    r"$$\frac{d\sigma}{du} = e−u/(1 + e−u)2$$",
    r"$$\frac{d\sigma}{du} = \frac{e^{-u}}{1+e^{-u}}^2$$",
    r"$$\frac{d\sigma}{du} = e^(-u) / 1 + e^(-u)^2$$",
])
def test_a_formula_right_only_if_a_lost_superscript_or_bracket_is_restored_goes_to_a_person(rubric, damaged):
    result = grade_report_item(rubric, "p1.b.i", f"## Problem 1\n\n(b)\n\n(i)\n\n{damaged}\n")
    assert result.status == "review" and "read literally" in result.feedback, result.feedback
    assert result.score == 0


def test_a_plainly_wrong_formula_is_still_wrong(rubric):
    wrong = r"$$\frac{d\sigma}{du} = \frac{e^{-u}}{1+e^{-u}}$$"  # the denominator not squared
    result = grade_report_item(rubric, "p1.b.i", f"## Problem 1\n\n(b)\n\n(i)\n\n{wrong}\n")
    assert result.status in ("fail", "partial"), result.feedback


def test_an_equation_with_nothing_after_its_equals_sign_goes_to_a_person(rubric) -> None:
    check = grade_report_item(rubric, "p1.e.w1", "(e)\n\n$\\partial f/\\partial w_1 =$\n")
    assert check.status == "review" and "internal error" not in check.feedback
