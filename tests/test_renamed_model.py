"""Weights, the sigmoid and the loss under a hand-in's own names, read from its restatement of the model.

Statisticians write β or θ for the weights and Λ for the logistic function, engineers b1, b2, b3, "yhat"
and SSE/RSS for the loss. A TA reads those names from the student's own chain of definitions; so does the
grader, and only when the chain restates the handout's model exactly (a chain that differs renames nothing).
"""
from __future__ import annotations

import pytest
import sympy as sp

from grader.expressions.compare import compare
from grader.expressions.latex import parse_latex
from grader.expressions.parse import ExpressionSyntaxError
from grader.reading.document import read_document
from grader.reading.notation import read_notation
from grader.reading.notation_rate import step_names
from grader.reading.plain_math import equation_in_line
from reference.mnist_backprop import REFERENCE
from reference.mnist_backprop import backprop as bp
from reference.mnist_backprop.vocabulary import LATEX_VOCABULARY as V
from reference.mnist_backprop.vocabulary import classify_lhs


def notation_of(text: str):
    return read_notation(read_document(text), REFERENCE)


def value(text: str, overlay=None):
    return parse_latex(text, V, overlay=overlay, vector=True).value


def same(text: str, expected, overlay=None) -> bool:
    return compare(value(text, overlay), expected, bp.NUMERIC_MODEL).equal


@pytest.mark.parametrize("setup", [
    "eta1 = theta1*x, eta2 = theta2*Lam(eta1), yhat = theta3*Lam(eta2)\n\nLam(u) = 1/(1+exp(-u))",
    "z1 = b1*x, z2 = b2*L(z1), yhat = b3*L(z2), where L(u) = logistic = 1/(1+exp(-u))",
    "Logistic link Λ(u) = 1/(1+exp(−u)).\n\nnet₁ = β₁x, out₁ = Λ(net₁), net₂ = β₂·out₁, out₂ = Λ(net₂). "
    "Fitted value ŷ = β₃·out₂.",
])
def test_weights_renamed_by_a_chain_that_restates_the_model(setup: str) -> None:
    n = notation_of(f"Problem 1\n\n{setup}\n")
    assert any("is read as w: your definitions restate the handout's model" in note for note in n.notes)
    weight = next(k for k, v in n.overlay.aliases.items() if v == "w")
    names = {"\\theta": "theta", "b": "b", "\\beta": "β"}
    name = names[weight]
    assert same(f"{name}_3 * {name}_2 * x", bp.w3 * bp.w2 * bp.x, n.overlay)


def test_a_chain_with_the_weights_swapped_renames_nothing() -> None:
    n = notation_of("Problem 1\n\neta1 = theta2*x, eta2 = theta1*Lam(eta1), yhat = theta3*Lam(eta2)\n\n"
                    "Lam(u) = 1/(1+exp(-u))\n")
    assert "\\theta" not in n.overlay.aliases
    with pytest.raises(ExpressionSyntaxError, match="unknown name"):
        value("theta3 * Lam(eta2)", n.overlay)


def test_a_renamed_loss_is_the_handouts_loss() -> None:
    n = notation_of("Problem 1\n\n$\\hat y = w_3 \\sigma(w_2 \\sigma(w_1 x))$\n\n"
                    "RSS(w) = Σ_{i=1}^{2} (yⁱ − ŷⁱ)²\n\n$L(w) = SSE = \\sum_{i=1}^2 (y^i - \\hat y^i)^2$\n")
    assert n.overlay.aliases.get("RSS") == "L"
    assert n.overlay.aliases.get("SSE") == "L"
    assert classify_lhs("∇_w RSS", overlay=n.overlay) == "grad"


def test_a_sum_that_is_not_the_loss_names_nothing() -> None:
    n = notation_of("Problem 1\n\n$\\hat y = w_3 \\sigma(w_2 \\sigma(w_1 x))$\n\n"
                    "RSS(w) = Σ_{i=1}^{2} (yⁱ − ŷⁱ)\n")
    assert n.overlay.aliases.get("RSS") != "L"


def test_an_accented_name_keeps_its_accent_at_a_data_point() -> None:
    """ŷ^i is never y^i: undefined it is unknown; defined as the model's output it is f at x^i."""
    with pytest.raises(ExpressionSyntaxError, match="unknown name"):
        value("\\sum_{i=1}^{2} (y^i - ŷ^i)")
    n = notation_of("Problem 1\n\n$\\hat y = w_3 \\sigma(w_2 \\sigma(w_1 x))$\n")
    assert same("\\sum_{i=1}^{2} (ŷ^i - y^i)", bp.network(bp.xa) - bp.ya + bp.network(bp.xb) - bp.yb, n.overlay)
    assert same("ŷ_1 - y_1", bp.network(bp.xa) - bp.ya, n.overlay)
    assert same("\\frac{\\partial \\hat y_1}{\\partial w_3}", bp.DF_DW3.subs(bp.x, bp.xa), n.overlay)


def test_per_point_residual_named_e_is_not_eulers_number() -> None:
    n = notation_of("Problem 1\n\n$\\hat y = w_3 \\sigma(w_2 \\sigma(w_1 x))$, residuals $e_i = y_i - \\hat y_i$\n")
    assert same("e_1 + e_2", bp.ya - bp.network(bp.xa) + bp.yb - bp.network(bp.xb), n.overlay)
    assert same("e^{-u}", sp.exp(-bp.u), n.overlay)


def test_a_spelled_out_sigma_with_an_index_is_the_handouts() -> None:
    n = notation_of("Problem 1\n\n(b)(i) sigma1(u) = 1/(1+e^(-u))\n\n(d) df/dw3 = sigma2(x2)\n")
    assert same("w3 * sigma2(x2)(1 - sigma2(x2)) * sigma1(x1)", bp.DF_DW2, n.overlay)


@pytest.mark.parametrize("line, expected", [
    ("Notation: logistic fn Lam(u) = 1/(1+exp(-u)),  weights theta1", "Lam(u) = 1/(1+exp(-u))"),
    ("eta1 = theta1*x, yhat = theta3*Lam(eta2).", "eta1 = theta1*x"),  # the next equation is read on its own
    ("Score: ∇_θ RSS = −2 Σ eⁱ", "∇_θ RSS = −2 Σ eⁱ"),
])
def test_spelled_out_names_are_math_in_plain_text(line: str, expected: str) -> None:
    found = equation_in_line(line)
    assert found is not None and line[found[0]:found[1]] == expected


def test_a_lead_in_before_a_colon_is_not_part_of_a_definition() -> None:
    n = notation_of("Problem 1\n\nVariables (my own): a = w1·x, h = σ1(a), b = w2·h, g = σ2(b), f = w3·g.\n")
    assert same("w3 * g(1-g) * h", bp.DF_DW2, n.overlay)


@pytest.mark.parametrize("text, names", [
    ("step size s:  b_new = b - s * grad", ["s"]),
    ("with learning rate $c$, the update", ["c"]),
    ("the learning rate a bit smaller", []),
    ("the step size is important", []),
])
def test_a_latin_letter_said_to_be_the_step(text: str, names: list[str]) -> None:
    assert list(step_names(text)) == names


def test_greek_capitals_are_letters() -> None:
    n = notation_of("Problem 1\n\nΛ(u) = 1/(1+exp(−u))\n")
    assert same("Λ(u)(1 − Λ(u))", bp.DSIGMA_EXP, n.overlay)


def test_a_chain_that_renames_only_the_sigmoid() -> None:
    n = notation_of("Problem 1\n\nwith s1 = w1*x, y1 = act(s1), s2 = w2*y1, y2 = act(s2), f = w3*y2.\n")
    assert n.overlay.aliases.get("act") == "\\sigma"
    assert same("w3 * y2*(1-y2) * y1", bp.DF_DW2, n.overlay)
    n = notation_of("Problem 1\n\nwith s1 = w1*x, y1 = act(s1), s2 = w2*y1, y2 = act(s2), f = w3*y1.\n")
    assert n.overlay.aliases.get("act") != "\\sigma"


def test_a_name_the_hand_in_defines_is_never_a_data_point() -> None:
    """y1 = act(s1) defines y1: it is not the first label y¹, even while act is not read."""
    n = notation_of("Problem 1\n\ns2 = w2*y1, y1 = act(s1), s1 = w1*x\n")
    assert "y_1" in n.overlay.reserved
    with pytest.raises(ExpressionSyntaxError):
        value("w2*y1", n.overlay)


def test_weights_renamed_with_a_generic_index() -> None:
    n = notation_of("Conventions. σ(u) = 1/(1+exp(−u)). θ_l := w_l.\n\n(d) ∂f/∂θ_3 = σ(θ_2 σ(θ_1 x))\n")
    assert n.overlay.aliases.get("\\theta") == "w"
    n = notation_of("Conventions. θ_l := v_l.\n")
    assert "\\theta" not in n.overlay.aliases


def test_two_equations_side_by_side_in_an_alignment_row() -> None:
    n = notation_of("Let $\\phi(u)=\\frac{1}{1+e^{-u}}$ and\n\n$$\n\\begin{aligned}\nz_1 &= w_1 x & a_1 &= \\phi(z_1)\\\\\n"
                    "z_2 &= w_2 a_1 & a_2 &= \\phi(z_2)\n\\end{aligned}\n$$\n")
    assert same("w_3 a_2(1-a_2) a_1", bp.DF_DW2, n.overlay)


def test_an_aside_in_words_ends_a_plain_equation() -> None:
    line = "Notation: S(u) = 1/(1+e^{−u}) (both σ1 and σ2). θ = (θ₁,θ₂,θ₃) = (w1,w2,w3)."
    found = equation_in_line(line)
    assert found is not None and line[found[0]:found[1]] == "S(u) = 1/(1+e^{−u})"


def test_greek_weights_with_plain_digits_and_an_aside_statement() -> None:
    n = notation_of("Model: ŷ = f_β(x) = β3 Λ(β2 Λ(β1 x)), Λ(u) = 1/(1+e^{-u}).\n"
                    "Let h = β1x, g = β2Λ(h) (so ŷ = β3Λ(g)).\n")
    assert n.overlay.aliases.get("\\beta") == "w"
    assert same("β3 Λ(g)[1−Λ(g)] Λ(h)", bp.DF_DW2, n.overlay)


def test_an_implication_is_two_statements_never_a_definition_by_its_last_side() -> None:
    n = notation_of("(b) \\( \\sigma_1(u) = (1+e^{-u})^{-1} \\Rightarrow \\sigma_1'(u) = (1+e^{-u})^{-2} e^{-u} \\)\n")
    assert "\\sigma_1" not in n.overlay.functions
    assert same("\\sigma_1(u)", 1 / (1 + sp.exp(-bp.u)), n.overlay)


@pytest.mark.parametrize("line, expected", [
    ("         + 2*(f(x^2)-y^2)*[df(x^2)/dw1; df(x^2)/dw2]   (column)", "+ 2*(f(x^2)-y^2)*[df(x^2)/dw1; df(x^2)/dw2]"),
    ("- then we compute the rest", None),
    ("+ a = b", None),
])
def test_a_plain_line_that_goes_on_with_a_sum(line: str, expected) -> None:
    from grader.reading.plain_math import continued_term

    found = continued_term(line)
    assert (line[found[0]:found[1]] if found else None) == expected


def test_a_sum_over_two_plain_lines_is_one_answer() -> None:
    doc = read_document("(f)\n\n    grad L = 2*(f(x^1)-y^1)*x^1\n             + 2*(f(x^2)-y^2)*x^2\n")
    found = [doc.text[s.start:s.end] for s in doc.math]
    assert found == ["grad L = 2*(f(x^1)-y^1)*x^1", "+ 2*(f(x^2)-y^2)*x^2"]


@pytest.mark.parametrize("body", ["max(0, u)", "tanh(u)"])
def test_a_function_the_hand_in_defines_otherwise_is_never_renamed_sigma(body: str) -> None:
    """yhat = b3*L(z2) with L(u) = max(0, u): the student's network is not the handout's; L stays theirs."""
    n = notation_of(f"Problem 1\n\nz1 = b1*x, z2 = b2*L(z1), yhat = b3*L(z2), with L(u) = {body}.\n")
    assert n.overlay.aliases.get("L") != "\\sigma"
    with pytest.raises(ExpressionSyntaxError):
        value("b3 L(z2)(1-L(z2)) L(z1)", n.overlay)


def test_a_bullet_of_math_under_an_equation_is_its_next_term() -> None:
    doc = read_document("(d) ∂f/∂w3 = σ(x2)\n- σ(x1)\n\n(e) ∂f/∂w2 = w3 σ(x2)(1-σ(x2)) σ(x1)\n"
                        "- σ(x2)(1-σ(x2)) is the slope of the sigmoid\n")
    found = [doc.text[s.start:s.end] for s in doc.math]
    assert "- σ(x1)" in found and not any(f.startswith("- σ(x2)(1-σ(x2))") for f in found)
