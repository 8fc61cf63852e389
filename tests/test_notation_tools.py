"""Math as word processors and their equation editors export it: LibreOffice Math, Markdown escapes, …"""
from __future__ import annotations

import pytest

from grader.expressions.compare import compare
from grader.expressions.latex import parse_latex
from grader.expressions.parse import ExpressionSyntaxError
from grader.expressions.starmath import is_starmath, starmath_to_latex
from grader.reading.document import read_document
from reference.mnist_backprop import backprop as bp
from reference.mnist_backprop.vocabulary import LATEX_VOCABULARY as V


def same(text: str, expected) -> bool:
    return compare(parse_latex(text, V).value, expected, bp.NUMERIC_MODEL).equal


@pytest.mark.parametrize("text, expected", [
    ("%sigma_2 ( w_2 %sigma_1 (w_1 x) )", bp.DF_DW3),
    ("{func e^{-u}} over {(1 + func e^{-u})^2}", bp.DSIGMA_EXP),
    ("1 over {1 + func e^{-u}} cdot (1 - 1 over {1 + func e^{-u}})", bp.DSIGMA_EXP),
    ("w_3 cdot %sigma_2 (x_2)(1 - %sigma_2 (x_2)) cdot %sigma_1 (x_1)", bp.DF_DW2),
])
def test_libreoffice_math_reads_as_latex(text: str, expected) -> None:
    assert same(text, expected)


def test_libreoffice_math_fraction_stack_and_sum_are_rewritten() -> None:
    latex = starmath_to_latex("sum from {i=1} to 2 {left( stack{ {partial f} over {partial w_1} # a } right)}")
    assert "\\frac{\\partial  f}{\\partial  w_1}" in latex
    assert "\\begin{pmatrix}" in latex and "\\\\" in latex
    assert latex.lstrip().startswith("\\sum  _ {i=1} ^ 2")


@pytest.mark.parametrize("text", ["50 % of the points", "the sum over the data", "w over time = 3", "a over",
                                  "\\frac{a}{b} \\over c", "sum from the left"])
def test_text_without_starmath_marks_is_left_alone(text: str) -> None:
    assert not is_starmath(text)
    assert starmath_to_latex(text) == text


def test_a_wrong_libreoffice_answer_stays_wrong() -> None:
    assert not same("{func e^{u}} over {(1 + func e^{-u})^2}", bp.DSIGMA_EXP)


def test_a_libreoffice_line_is_one_equation() -> None:
    text = "(d)\n{partial f} over {partial w_3} = %sigma_2 (x_2)\n"
    doc = read_document(text)
    pieces = [text[m.start:m.end] for m in doc.math]
    assert "{partial f} over {partial w_3} = %sigma_2 (x_2)" in pieces


def test_an_unclosed_libreoffice_group_is_not_read() -> None:
    with pytest.raises(ExpressionSyntaxError):
        parse_latex("{partial f over {partial w_3}", V)


@pytest.mark.parametrize("text, expected", [
    (r"w\_3 · σ\_2(x\_2)(1 \- σ\_2(x\_2)) · σ\_1(x\_1)", bp.DF_DW2),  # Google Docs' Markdown export
    (r"e^(\-u) / (1 \+ e^(\-u))^2", bp.DSIGMA_EXP),
    ("**e^(−u) / (1 + e^(−u))²**", bp.DSIGMA_EXP),  # an answer set in bold
    ("e^(-u)*(1 + e^(-u))**(-2)", bp.DSIGMA_EXP),  # a Python power stays a power
])
def test_markdown_marks_around_plain_math(text: str, expected) -> None:
    assert same(text, expected)


def test_escaped_equals_signs_split_a_chain() -> None:
    from grader.expressions.latex import split_chain
    assert split_chain(r"∂f/∂w\_3 \= σ\_2(x\_2) \= σ\_2(w\_2 σ\_1(w\_1 x))") == [
        "∂f/∂w_3", "σ_2(x_2)", "σ_2(w_2 σ_1(w_1 x))"]


def test_an_escaped_continuation_line_continues_the_equation() -> None:
    from grader.reading.extract import read_equations
    eqs = read_equations([r"∂f/∂w\_3 \=", r"\= σ\_2(x\_2)"])
    assert len(eqs) == 1 and eqs[0].sides[-1] == "σ_2(x_2)"


def test_an_asides_closing_bracket_is_dropped_but_a_missing_one_is_not_invented() -> None:
    assert same("w_3 σ_2(x_2)(1 - σ_2(x_2)) σ_1(x_1))", bp.DF_DW2)
    with pytest.raises(ExpressionSyntaxError):
        parse_latex("w_3 σ_2(x_2)(1 - σ_2(x_2)) σ_1(x_1)))", V)


@pytest.mark.parametrize("text, expected", [
    ("w _{3} sigma _{2} (x _{2} )(1- sigma _{2} (x _{2} )) CDOT sigma _{1} (x _{1} )", bp.DF_DW2),  # Hancom (HWP)
    ("{e ^{-u}} over {(1+e ^{-u} ) ^{2}}", bp.DSIGMA_EXP),
])
def test_hancom_equation_script_reads_as_latex(text: str, expected) -> None:
    assert same(text, expected)


def test_a_hancom_update_arrow_splits_the_chain() -> None:
    from grader.expressions.latex import split_chain
    sides = split_chain("w _{j} LARROW w _{j} - alpha {partial L} over {partial w _{j}}")
    assert len(sides) == 2 and sides[0].endswith("\\gets")


def test_partial_with_a_subscript_is_the_derivative_by_that_name() -> None:
    by_sub = parse_latex(r"\partial_{w_1} f_w(x^1) + \partial_{w_2} f_w(x^1)", V)
    by_frac = parse_latex(r"\frac{\partial f_w(x^1)}{\partial w_1} + \frac{\partial f_w(x^1)}{\partial w_2}", V)
    assert compare(by_sub.value, by_frac.value, bp.NUMERIC_MODEL).equal
    assert all(n.known for n in by_sub.named)
    assert not compare(parse_latex(r"\partial_{w_1} f_w(x^1)", V).value, by_frac.value, bp.NUMERIC_MODEL).equal


def test_an_evaluation_bar_sets_the_input_to_the_point() -> None:
    right = r"\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\frac{\partial f_w(x^i)}{\partial w_1}"
    at = parse_latex(r"\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\frac{\partial f}{\partial w_1}\big|_{x=x^i}", V).value
    assert compare(at, parse_latex(right, V).value, bp.NUMERIC_MODEL).equal
    wrong = parse_latex(r"\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\frac{\partial f}{\partial w_1}\big|_{x=x^1}", V).value
    assert not compare(wrong, parse_latex(right, V).value, bp.NUMERIC_MODEL).equal
    with pytest.raises(ExpressionSyntaxError):
        parse_latex(r"\frac{\partial f}{\partial w_1}\big|_{w=3}", V)
