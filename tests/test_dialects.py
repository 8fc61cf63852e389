"""Math written in Typst, AsciiMath and programming languages, read as the LaTeX it stands for.

Each rule has a twin that differs in what the rule reads (a sign, an operator, an argument): the twin must
not read as the same formula, so a rewrite that dropped or garbled the construct would fail here.
"""
from __future__ import annotations

import pytest

from grader.expressions.asciimath import asciimath_to_latex, is_asciimath
from grader.expressions.code_math import code_to_latex, is_code
from grader.expressions.compare import compare
from grader.expressions.latex import parse_latex
from grader.expressions.parse import ExpressionSyntaxError
from grader.expressions.typst_math import is_typst, typst_to_latex
from grader.reading.plain_math import equation_in_line
from reference.mnist_backprop import backprop as bp
from reference.mnist_backprop.vocabulary import LATEX_VOCABULARY as V
from reference.mnist_backprop.vocabulary import classify_lhs


def reads_as(text: str, expected) -> bool:
    """Whether ``text`` reads as ``expected`` (False when it cannot be read at all)."""
    try:
        value = parse_latex(text, V, vector=isinstance(expected, list)).value
    except ExpressionSyntaxError:
        return False
    if isinstance(expected, list):
        return isinstance(value, list) and len(value) == len(expected) and all(
            compare(a, b, bp.NUMERIC_MODEL).equal for a, b in zip(value, expected, strict=True))
    return compare(value, expected, bp.NUMERIC_MODEL).equal


# (right, wrong twin, expected): the twin changes exactly what the rule reads
PAIRS = [
    # Typst
    ("w - alpha nabla_w cal(L)(w)", "w + alpha nabla_w cal(L)(w)", bp.UPDATE),
    ("w_3 sigma_2 (x_2)(1 - sigma_2 (x_2)) times sigma_1 (x_1)",
     "w_3 sigma_2 (x_2)(1 - sigma_2 (x_2)) times sigma_1 (x_2)", bp.DF_DW2),
    ("vec(w_3 sigma_2'(x_2) w_2 sigma_1'(x_1) x, w_3 sigma_2'(x_2) sigma_1 (x_1), sigma_2 (x_2))",
     "vec(w_3 sigma_2'(x_2) w_2 sigma_1'(x_1) x, w_3 sigma_2'(x_2) sigma_1 (x_1), sigma_2 (x_1))",
     [bp.DF_DW1, bp.DF_DW2, bp.DF_DW3]),
    ("mat(w_3 sigma_2'(x_2) w_2 sigma_1'(x_1) x; w_3 sigma_2'(x_2) sigma_1 (x_1); sigma_2 (x_2))",
     "mat(w_3 sigma_2'(x_2) w_2 sigma_1'(x_1) x; w_3 sigma_2'(x_2) sigma_1 (x_1); sigma_2 (x_1))",
     [bp.DF_DW1, bp.DF_DW2, bp.DF_DW3]),
    ("vec(pdv(f, w_1), pdv(f, w_2), pdv(f, w_3))", "vec(pdv(f, w_1), pdv(f, w_3), pdv(f, w_2))",
     [bp.DF_DW1, bp.DF_DW2, bp.DF_DW3]),  # the physica package's derivatives
    ("lr((1 + e^(-u)))^(-2) dot.c e^(-u)", "lr((1 + e^(-u)))^(-2) dot.c e^(u)", bp.DSIGMA_EXP),
    # AsciiMath
    ("w_3 xx sigma_2(x_2)(1-sigma_2(x_2)) xx sigma_1(x_1)", "w_3 xx sigma_2(x_2)(1+sigma_2(x_2)) xx sigma_1(x_1)",
     bp.DF_DW2),
    ("e^(-u) // (1+e^(-u))^2", "e^(u) // (1+e^(-u))^2", bp.DSIGMA_EXP),
    ("e^(-u) -: (1+e^(-u))^2", "e^(-u) xx (1+e^(-u))^2", bp.DSIGMA_EXP),
    ('ubrace(w_3 sigma_2(x_2)(1-sigma_2(x_2)))_("outer") sigma_1(x_1)',
     'ubrace(w_3 sigma_2(x_2)(1-sigma_2(x_2)))_("outer") sigma_1(u)', bp.DF_DW2),
    ("w_3 cc(S)(x_2) sigma(x_1)", "w_3 bb(S)(x_1) sigma(x_1)", None),  # fonts unwrap alike (checked below)
    # code: NumPy / math, MATLAB and Julia elementwise operators, Mathematica, sympy, Python's sum(...)
    ("np.exp(-u) / (1 + np.exp(-u))**2", "np.exp(u) / (1 + np.exp(-u))**2", bp.DSIGMA_EXP),
    ("math.exp(-u) / (1 + math.exp(-u))**2", "math.exp(-u) * (1 + math.exp(-u))**2", bp.DSIGMA_EXP),
    ("exp(-u)./(1+exp(-u)).^2", "exp(-u).*(1+exp(-u)).^2", bp.DSIGMA_EXP),
    ("w3 .* sigma'(x2) .* sigma(x1)", "w3 ./ sigma'(x2) .* sigma(x1)", bp.DF_DW2),
    ("Exp[-u]/(1 + Exp[-u])^2", "Exp[u]/(1 + Exp[-u])^2", bp.DSIGMA_EXP),
    ("E^-u/(1 + E^-u)^2", "E^u/(1 + E^-u)^2", bp.DSIGMA_EXP),
    ("sigma[u] (1 - sigma[u])", "sigma[u] (1 + sigma[u])", bp.DSIGMA_SIGMA),
    ("w3 sigma'[x2] sigma[x1]", "w3 sigma'[x1] sigma[x2]", bp.DF_DW2),
    ("w3 σ'[x2] σ[x1]", "w3 σ'[x2] σ[x2]", bp.DF_DW2),
    ("Sum[2 (f[x[i]] - y[i]) Grad[f[x[i]], {w1, w2, w3}], {i, 2}]",
     "Sum[2 (f[x[i]] - y[i]) Grad[f[x[i]], {w1, w2, w3}], {i, 1}]", bp.GRAD),
    ("Sum[2 (f[x[i]] - y[i]) Grad[f[x[i]], {w1, w2, w3}], {i, 1, 2}]",
     "Sum[2 (f[x[i]] + y[i]) Grad[f[x[i]], {w1, w2, w3}], {i, 1, 2}]", bp.GRAD),
    ("sum(2*(f(x_i) - y_i) * grad_f(x_i) for i in (1, 2))", "sum(2*(f(x_i) - y_i) * grad_f(x_i) for i in (1, 1))",
     bp.GRAD),
    ("sum(2*(f(x^i) - y^i) * grad_f(x^i) for i in range(1, 3))",
     "sum(2*(y^i - f(x^i)) * grad_f(x^i) for i in range(1, 3))", bp.GRAD),
    ("2*(f(x(1)) - y(1)) .* [df_dw1(x(1)); df_dw2(x(1)); df_dw3(x(1))] + 2*(f(x(2)) - y(2)) .* "
     "[df_dw1(x(2)); df_dw2(x(2)); df_dw3(x(2))]",
     "2*(f(x(1)) - y(2)) .* [df_dw1(x(1)); df_dw2(x(1)); df_dw3(x(1))] + 2*(f(x(2)) - y(1)) .* "
     "[df_dw1(x(2)); df_dw2(x(2)); df_dw3(x(2))]", bp.GRAD),
    ("sum(2 * (f(xⁱ) - yⁱ) .* ∇f(xⁱ) for (xⁱ, yⁱ) in D)", "sum(2 * (f(xⁱ) + yⁱ) .* ∇f(xⁱ) for (xⁱ, yⁱ) in D)",
     bp.GRAD),
    ("sum(2 * (f(x_i) - y_i) * grad_f(x_i) for (x_i, y_i) in D)",
     "sum(2 * (f(x_i) - y_i) * grad_f(x_i) for (x_i, y_j) in D)", bp.GRAD),  # two indices: no one range
    ("w .- α .* ∇L", "w .+ α .* ∇L", bp.UPDATE),
    ("[df_dw1; df_dw2; df_dw3]", "[df_dw1; df_dw3; df_dw2]", [bp.DF_DW1, bp.DF_DW2, bp.DF_DW3]),
    ("c(df_dw1, df_dw2, df_dw3)", "c(df_dw2, df_dw2, df_dw3)", [bp.DF_DW1, bp.DF_DW2, bp.DF_DW3]),
]


@pytest.mark.parametrize("right, wrong, expected", [p for p in PAIRS if p[2] is not None])
def test_each_rule_reads_the_formula_and_its_twin_differs(right: str, wrong: str, expected) -> None:
    assert reads_as(right, expected)
    assert not reads_as(wrong, expected)


def test_fonts_unwrap_to_the_name() -> None:
    assert typst_to_latex("cal(L)(w)").split() == ["L", "(w)"]
    assert asciimath_to_latex("cc(L)(w)").split() == ["L", "(w)"]


@pytest.mark.parametrize("text, tag", [
    ("(diff f)/(diff w_1)", "df/dw1"), ("del f // del w_3", "df/dw3"), ("nabla_w cal(L)", "grad"),
    ("D[f[x], w3]", "df/dw3"), ("sigma'[u]", "dsigma"), ("Derivative(f(x), w2)", "df/dw2"),
    ("diff(f, w1)", "df/dw1"), ("df_dw3", "df/dw3"), ("dL_dw", "grad"), ("grad_L", "grad"),
    ("Grad[L, {w1, w2, w3}]", "grad"),
])
def test_left_sides_in_each_dialect(text: str, tag: str) -> None:
    assert classify_lhs(text) == tag


@pytest.mark.parametrize("text, tag", [("(diff f)/(diff w_2)", "df/dw2"), ("D[f[x], w1]", "df/dw1"),
                                       ("df_dw2", "df/dw2"), ("del f // del w_1", "df/dw1")])
def test_left_sides_keep_their_index(text: str, tag: str) -> None:
    assert classify_lhs(text) == tag


def test_an_assignment_arrow_in_typst() -> None:
    assert "\\leftarrow" in typst_to_latex("w_j arrow.l w_j - alpha")
    assert "\\to" in typst_to_latex("x arrow.r y") and "\\leftarrow" not in typst_to_latex("x arrow.r y")


@pytest.mark.parametrize("line, piece", [
    ("(ii) dsig = @(u) sig(u).*(1-sig(u));", "dsig = @(u) sig(u).*(1-sig(u))"),
    ("dsigma <- function(u) exp(-u) / (1 + exp(-u))^2", "dsigma <- function(u) exp(-u) / (1 + exp(-u))^2"),
    ("df_dw3 = sig(x2);               % = sig(w2*sig(w1*x))", "df_dw3 = sig(x2)"),
])
def test_a_line_of_code_names_what_it_assigns(line: str, piece: str) -> None:
    found = equation_in_line(line)
    assert found is not None and line[found[0]:found[1]].endswith(piece)


def test_an_element_of_a_data_vector_is_the_data_point_but_a_call_is_not() -> None:
    assert code_to_latex("f(x(1)) - y(2) .* a").replace(" ", "") == "f(x^(1))-y^(2)*a"
    assert code_to_latex("s(1) .* s(u)").replace(" ", "") == "s(1)*s(u)"  # s is called on u: a function
    assert code_to_latex("x(1 - y) .* a").replace(" ", "") == "x(1-y)*a"  # a product


def test_code_rewrites_definitions_and_drops_comments() -> None:
    assert code_to_latex("g = @(u) exp(-u)./(1+exp(-u)).^2;").replace(" ", "") == "g(u)=exp(-u)/(1+exp(-u))^2;"
    # the sigmoid's derivative as a quantity (dsig_du) is dσ/du; a call (dsig(u)) stays: the hand-in defines it
    assert code_to_latex("dsig = @(u) exp(-u)./(1+exp(-u)).^2;").replace(" ", "") == "dsig(u)=exp(-u)/(1+exp(-u))^2;"
    assert code_to_latex("dsig_du = np.exp(-u)").replace(" ", "") == "d\\sigma/du=exp(-u)"
    assert code_to_latex("sigma <- function(u) 1/(1+exp(-u))").replace(" ", "") == "sigma(u)=1/(1+exp(-u))"
    assert code_to_latex("sig = lambda u: 1/(1+np.exp(-u))").replace(" ", "") == "sig(u)=1/(1+exp(-u))"
    assert code_to_latex("df/dw3 = sig(x2)  # = sig(w2*sig(w1*x))").strip() == "df/dw3 = sig(x2)"
    assert code_to_latex("x = a;  % note").strip() == "x = a"


@pytest.mark.parametrize("text", [
    r"\frac{\partial f}{\partial w_1} = w_3 \sigma'(x_2)", "the loss times two", "sigma(u) = 1/(1+e^(-u))",
    "x_1 = w_1 x", "99 % accuracy", "2.5 * 3", "see http://example.org/a",
])
def test_plain_math_and_latex_carry_no_dialect_mark(text: str) -> None:
    assert not (is_typst(text) or is_asciimath(text) or is_code(text))
    assert typst_to_latex(text) == asciimath_to_latex(text) == code_to_latex(text) == text


@pytest.mark.parametrize("text", [
    "Sum[-2 (y[i] - f[x[i]]) {D[f, w1], D[f, w2], D[f, w3]} /. x -> x[i], {i, 2}]",
    "w3 sigma[x2] /. x2 -> w2 sigma[x1]",
])
def test_a_mathematica_replacement_is_never_read_as_something_else(text: str) -> None:
    """``expr /. x -> x[i]`` evaluates ``expr`` at the data point, where ``f`` may hide its ``x``: a person
    reads it (review), the grader does not drop the rule and read ``expr`` at ``x``."""
    assert is_code(text)
    assert not reads_as(code_to_latex(text), [bp.DF_DW1, bp.DF_DW2, bp.DF_DW3])
    assert not reads_as(code_to_latex(text), bp.DF_DW2)
    with pytest.raises(ExpressionSyntaxError):
        parse_latex(code_to_latex(text), V, vector=True)


def test_a_hostile_nesting_stays_bounded() -> None:
    text = "vec(" * 300 + "x" + ")" * 300
    out = typst_to_latex(text)
    assert isinstance(out, str)
    assert code_to_latex("Exp[" * 300 + "u" + "]" * 300).count("[") <= 300
