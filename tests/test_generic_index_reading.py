"""Forms met in held-out reports: a gradient per generic component (dL/dwj, j = 1, 2, 3) restated as a vector
of names, Word's linear format, ŷ for the model's output, sums over listed index sets, derivatives written
without their argument inside a sum over the data. Each right form passes; a wrong twin never does."""
from __future__ import annotations

import pytest

from grader.expressions.tokens import tokenize
from grader.reading.document import read_document
from grader.reading.extract import is_restatement, read_equations, several
from grader.reading.notation import Notation, read_notation
from reference.mnist_backprop import REFERENCE
from reference.mnist_backprop.vocabulary import classify_lhs
from tests.helpers import grade_report_item


def notation_of(text: str) -> Notation:
    return read_notation(read_document(text), REFERENCE)

GENERIC = ("(f)\n\n    dL/dwj = sum_i -2*(y^i - f(x^i)) * df(x^i)/dwj      for j=1,2,3\n"
           "           = 2*(f(x^1)-y^1)*df(x^1)/dwj + 2*(f(x^2)-y^2)*df(x^2)/dwj\n\n"
           "    grad L = [dL/dw1, dL/dw2, dL/dw3]\n")


def test_an_index_range_stays_with_its_equation() -> None:
    assert several(r"a = b,\qquad j = 1,2,3,") == [(r"a = b,\qquad j = 1,2,3,", "")]
    assert len(several(r"w_1 = a,\qquad w_2 = b")) == 2
    eqs = read_equations(["dL/dwj = s", "j=1,2,3", "= t"], ["plain"] * 3)
    assert [e.sides for e in eqs] == [["dL/dwj", "s", "t"]]


@pytest.mark.parametrize("side", [
    r"\bigl(\tfrac{\partial L}{\partial w_1},\tfrac{\partial L}{\partial w_2},\tfrac{\partial L}{\partial w_3}\bigr)^\top",
    "(∂L/∂w₁, ∂L/∂w₂, ∂L/∂w₃)ᵀ",
    r"\Bigl(\frac{\partial L}{\partial w_1},\frac{\partial L}{\partial w_2},\frac{\partial L}{\partial w_3}\Bigr)^{\!T}",
    r"{\left(\frac{\partial L}{\partial w_{1}},\frac{\partial L}{\partial w_{2}},\frac{\partial L}{\partial w_{3}}\right)}^{T}",
])
def test_a_vector_of_names_is_a_restatement(side: str) -> None:
    assert is_restatement(side)


def test_a_flat_generic_index_names_a_component() -> None:
    assert classify_lhs("dL/dwj") == "grad" and classify_lhs("dL/dw1") == "grad[1]"
    assert classify_lhs("dL/dwx") is None  # x is no index letter


@pytest.mark.parametrize("text, passes", [
    ("# 1\n\n" + GENERIC, True),
    ("# 1\n\n" + GENERIC.replace("*(f(x^2)-y^2)*", "*(f(x^2)+y^2)*").replace("-2*(y^i", "-2*(y^i + 0"), False),
    ("# 1\n\n(f)\n\n$$\\nabla_w L = \\sum_{(x,y)\\in D} 2(f_w(x)-y)\\,\\big(\\partial f_w/\\partial w_1,\\ "
     "\\partial f_w/\\partial w_2,\\ \\partial f_w/\\partial w_3\\big)^T$$\n", True),
    ("# 1\n\n(f)\n\n$$\\nabla_w L = \\sum_{(x,y)\\in D} 2(f_w(x)-y)\\,\\big(\\partial f_w/\\partial w_2,\\ "
     "\\partial f_w/\\partial w_1,\\ \\partial f_w/\\partial w_3\\big)^T$$\n", False),
    ("# 1\n\n(f)\n\n$$\\nabla_w L = \\sum_{i\\in\\{1,2\\}} 2\\,\\big(f_w(x^i)-y^i\\big)\\,\\nabla_w f_w(x^i)$$\n", True),
    ("# 1\n\n(f)\n\n$$\\nabla_w L = \\sum_{i\\in\\{1,2\\}} 2\\,\\big(f_w(x^i)-y^i\\big)\\,\\nabla_w f_w(x)$$\n", False),
    ("# 1\n\n(f)\n  ∇_w L=∑_(i=1)^2▒〖2(f_w (x^i )-y^i )⋅(∂f_w (x^i ))/∂w〗\n", True),
    ("# 1\n\n(f)\n\n$\\frac{\\partial L}{\\partial {w}_{j}}=\\sum _{i=1}^{2}2\\left({f}_{w}\\left({x}^{i}\\right)-{y}^{i}"
     "\\right)\\frac{\\partial {f}_{w}\\left({x}^{i}\\right)}{\\partial {w}_{j}}，j=1,2,3$\n\n"
     "即 ${\\nabla }_{w}L={\\left(\\frac{\\partial L}{\\partial {w}_{1}},\\frac{\\partial L}{\\partial {w}_{2}},"
     "\\frac{\\partial L}{\\partial {w}_{3}}\\right)}^{T}$\n", True),
])
def test_gradient_forms(rubric, text: str, passes: bool) -> None:
    result = grade_report_item(rubric, "p1.f.grad", text)
    assert (result.status == "pass") is passes, result.feedback
    if not passes:
        assert result.score < result.max_score


def test_word_linear_format_derivatives() -> None:
    assert tokenize("∂f/(∂w_1 )") == ["\\partial", "f", "/", "\\partial", "w", "_", "1"]
    assert tokenize("(∂f_w (x^i ))/∂w")[:2] == ["\\partial", "f"]
    assert tokenize("a/(d+1)") == ["a", "/", "(", "d", "+", "1", ")"]  # a division, not a derivative


SWAPPED = ("# 1\n\n(e)\n  ∂f/(∂w_1 )=w_3 σ_2 (x_2 )(1-σ_2 (x_2 )) σ_1 (x_1 )\n"
           "  ∂f/(∂w_2 )=w_3 σ_2 (x_2 )(1-σ_2 (x_2 ))⋅w_2⋅σ_1 (x_1 )(1-σ_1 (x_1 ))⋅x\n")


def test_derivatives_named_in_words_linear_format_are_matched_by_name_never_by_place(rubric) -> None:
    for item in ("p1.e.w1", "p1.e.w2"):
        assert grade_report_item(rubric, item, SWAPPED).status == "fail"
    right = SWAPPED.replace("w_1 )=", "w_9 )=").replace("w_2 )=", "w_1 )=").replace("w_9 )=", "w_2 )=")
    for item in ("p1.e.w1", "p1.e.w2"):
        assert grade_report_item(rubric, item, right).status == "pass"


HAT = ("# 1\n\n$g(u) = \\dfrac{1}{1+e^{-u}}$, $z_1 = w_1x,\\; z_2 = w_2\\,g(z_1),\\; \\hat y = w_3\\,g(z_2)$.\n\n"
       "(e)\n\n$$\\frac{\\partial\\hat y}{\\partial w_2} = w_3\\,g(z_2)(1-g(z_2))\\,g(z_1)$$\n\n"
       "$$\\frac{\\partial\\hat y}{\\partial w_1} = w_3\\,g(z_2)(1-g(z_2))\\,w_2\\,g(z_1)(1-g(z_1))\\,x$$\n")


def test_the_prediction_named_y_hat_is_the_models_output(rubric) -> None:
    n = notation_of(HAT)
    assert n.overlay.aliases.get("y^hat") == "f"
    assert any("y^hat is read as f" in note for note in n.notes)
    assert grade_report_item(rubric, "p1.e.w1", HAT).status == "pass"
    swapped = HAT.replace("partial w_2}", "partial w_9}").replace("partial w_1}", "partial w_2}")
    assert grade_report_item(rubric, "p1.e.w2", swapped.replace("partial w_9}", "partial w_1}")).status == "fail"


def test_a_hat_is_never_the_label_itself() -> None:
    assert tokenize(r"\hat y") == tokenize("ŷ") == ["y", "^", "{", "hat", "}"]
    n = notation_of("# 1\n\n$h = \\frac{1}{1+e^{-x}}$ is a number\n")
    assert "h" not in n.overlay.aliases  # σ at x is a value, not the model's output


@pytest.mark.parametrize("lhs, tag", [
    (r"w^{\text{neu}}", "update"), (r"w_{nowy}", "update"), (r"w_1^{\text{nouveau}}", "update[1]"),
    (r"\frac{\mathrm{d}\sigma_1}{\mathrm{d}u}(u)", "dsigma"), (r"w^{\text{alt}}", None),
])
def test_left_sides_in_other_words(lhs: str, tag: str | None) -> None:
    assert classify_lhs(lhs) == tag


def test_a_derivative_at_a_point_written_after_its_fraction() -> None:
    from grader.expressions.latex import parse_latex
    from reference.mnist_backprop import backprop as bp
    from reference.mnist_backprop.vocabulary import LATEX_VOCABULARY

    def read(text: str):
        return parse_latex(text, LATEX_VOCABULARY).value

    assert read(r"w_3 \frac{d\sigma_2}{du}(x_2)") == bp.w3 * bp.dsigma(bp.x2)
    assert read(r"\frac{d\sigma}{du}") == bp.dsigma(bp.u)
    # a factor in brackets after the fraction stays a factor, not the point
    product = read(r"\frac{\partial f}{\partial w_1}(w_1 + w_2)")
    assert product.has(bp.w2)


THETA = ("\\noindent\\textbf{Problem 1.} Let $\\theta=(\\theta_1,\\theta_2,\\theta_3)$ denote $(w_1,w_2,w_3)$ and "
         "$\\varphi(u)=\\frac{1}{1+e^{-u}}$. Then $f_\\theta(x) = \\theta_3\\,\\varphi(\\theta_2\\,\\varphi(\\theta_1 x))$."
         "\n\n\\noindent (d) $\\partial f_\\theta/\\partial\\theta_3 = \\varphi(\\theta_2\\varphi(\\theta_1 x))$.\n\n"
         "\\noindent\\textbf{Problem 2.}\n\n\\noindent (a) Input $28\\times 28\\times 1$.\n")


def test_weights_renamed_by_restating_the_model_are_the_handouts(rubric) -> None:
    n = notation_of(THETA)
    assert n.overlay.aliases.get("\\theta") == "w" and n.overlay.aliases.get("f_\\theta") == "f"
    assert grade_report_item(rubric, "p1.d", THETA).status == "pass"
    wrong = THETA.replace("= \\varphi(\\theta_2\\varphi(\\theta_1 x))$", "= \\varphi(\\theta_1 x)$")
    assert grade_report_item(rubric, "p1.d", wrong).status == "fail"
    # a model restated wrongly pins nothing: θ stays unknown
    bad_model = THETA.replace("\\theta_3\\,\\varphi(\\theta_2", "\\theta_2\\,\\varphi(\\theta_3")
    assert "\\theta" not in notation_of(bad_model).overlay.aliases


def test_a_label_after_latex_spacing_commands_is_found() -> None:
    doc = read_document(THETA, "tex")
    assert {"1.d", "2.a"} <= set(doc.segments)
