"""Formulas in the forms students and their tools write them, and names they define on the way."""
from __future__ import annotations

import pytest
import sympy as sp

from grader.expressions.compare import compare
from grader.expressions.latex import parse_latex
from grader.expressions.parse import ExpressionSyntaxError
from grader.expressions.tokens import tokenize
from grader.reading.document import read_document
from grader.reading.notation import read_notation
from reference.mnist_backprop import REFERENCE
from reference.mnist_backprop import backprop as bp
from reference.mnist_backprop.vocabulary import LATEX_VOCABULARY as V
from reference.mnist_backprop.vocabulary import classify_lhs


def notation_of(text: str):
    return read_notation(read_document(text), REFERENCE)


def same(text: str, expected, overlay=None) -> bool:
    return compare(parse_latex(text, V, overlay=overlay).value, expected, bp.NUMERIC_MODEL).equal


@pytest.mark.parametrize("text, expected", [
    (r"\sigma^{\prime}(x_2)\,w_3\,\sigma(x_1)", bp.DF_DW2),  # Mathpix's prime
    (r"w_3 \sigma^\prime(x_2) \sigma(x_1)", bp.DF_DW2),
    (r"w_3\,\dot{\sigma}_2(x_2)\,\sigma_1(x_1)", bp.DF_DW2),  # Newton's dot on an applied function
    (r"w_3\,\dot\sigma\left(x_2\right)\,\sigma(x_1)", bp.DF_DW2),
    ("w₃ σ̇(x₂) σ(x₁)", bp.DF_DW2),
    ("`w3 * sigma'(x2) * sigma(x1)`", bp.DF_DW2),  # inline code used for math
    ("*w*₃ ∙ σ₂′(*x*₂) ∙ σ₁(*x*₁)", bp.DF_DW2),  # a word processor's italics
    ("e^(−*u*)/(1+e^(−*u*))²", bp.DSIGMA_EXP),
    (r"\boxed{\sigma(x_2)}", bp.DF_DW3),
])
def test_written_forms_read_alike(text: str, expected) -> None:
    assert same(text, expected)


def test_emphasis_is_not_mistaken_for_products() -> None:
    assert tokenize("2*x*3") == ["2", "*", "x", "*", "3"]
    assert tokenize("(a)*b*c") == ["(", "a", ")", "*", "b", "*", "c"]
    assert same("w3*sigma(x2)*(1-sigma(x2))*sigma(x1)", bp.DF_DW2)


def test_a_dot_on_a_name_that_is_not_applied_stays_unread() -> None:
    with pytest.raises(ExpressionSyntaxError):
        parse_latex(r"\dot{w} - 1", V)


def test_an_operator_name_defined_as_the_sigmoid() -> None:
    n = notation_of("# 1\nI write $\\operatorname{sig}(u)=\\frac{1}{1+e^{-u}}$.\n")
    assert n.overlay.aliases.get("sig", "\\sigma") == "\\sigma"  # sig is σ's usual abbreviation anyway
    assert same(r"\operatorname{sig}(u)(1-\operatorname{sig}(u))", bp.DSIGMA_EXP, n.overlay)
    reading = parse_latex(r"\operatorname{sig}^{\prime}(u)", V, overlay=n.overlay)
    assert reading.named  # the derivative, written by name


@pytest.mark.parametrize("model", [
    "f = w3 g2(w2 g1(w1 x))",
    "x1 = w1 x, x2 = w2 g1(x1), f = w3 g2(x2)",
    "f_w(x) = w3 * g2( w2 * g1( w1*x ) )",
])
def test_function_names_pinned_by_restating_the_model(model: str) -> None:
    n = notation_of(f"Task 1\n\n {model}\n\n d) df/dw3 = g2(x2)\n")
    assert n.overlay.aliases.get("g") == "\\sigma"
    assert any("is the handout's" in note for note in n.notes)
    assert same("w3 g2'(x2) g1(x1)", bp.DF_DW2, n.overlay)
    assert classify_lhs("dg1/du", overlay=n.overlay) == "dsigma"


def test_a_word_pinned_by_the_model_is_one_name() -> None:
    n = notation_of("Task 1\n\n f_w(x) = w3 * act2( w2 * act1( w1*x ) )\n")
    assert n.overlay.aliases.get("act") == "\\sigma"
    assert same("act2(x2)", bp.DF_DW3, n.overlay)


def test_a_model_that_differs_pins_nothing() -> None:
    n = notation_of("Task 1\n\n f = w3 g2(w2 g1(x))\n")
    assert "g" not in n.overlay.aliases
    with pytest.raises(ExpressionSyntaxError, match="unknown name"):
        parse_latex("g2(x2)", V, overlay=n.overlay)


def test_a_sigmoid_named_without_its_argument() -> None:
    n = notation_of("p1\n f = w3 s2(w2 s1(w1 x)), s = 1/(1+e^-u)\n")
    assert n.overlay.aliases.get("s") == "\\sigma"
    n = notation_of("p1\n $s = \\frac{1}{1+e^{-u}}$ and later $s_1(x_1)$\n")
    assert n.overlay.aliases.get("s") == "\\sigma" and same("s_2(x_2)", bp.DF_DW3, n.overlay)
    n = notation_of("p1\n $h = \\frac{1}{1+e^{-x}}$ is a number\n")  # never applied: a value, not a function
    assert "h" not in n.overlay.aliases and "h" in n.overlay.symbols


def test_the_handouts_sigma_restated_keeps_its_meaning() -> None:
    n = notation_of("# 1\nDerivation: $\\sigma = (1+e^{-u})^{-1}$, so\n")
    assert "\\sigma" not in n.overlay.symbols
    assert same("\\sigma(u)(1-\\sigma(u))", bp.DSIGMA_EXP, n.overlay)
    n = notation_of("# 1\nThen $\\sigma = w_1 + 2$.\n")
    assert "\\sigma" not in n.overlay.symbols and any("not used" in note for note in n.notes)


def test_a_definition_damaged_by_conversion_is_the_handouts() -> None:
    n = notation_of("1\n (b) We write σ1 (u) = (1 + exp(−u))−1 . Then\n")
    assert not n.overlay.functions
    assert same("σ1(u)(1 − σ1(u))", bp.DSIGMA_EXP, n.overlay)


def test_definitions_in_an_aside_in_parentheses() -> None:
    n = notation_of("P1\n\nsig(u) = 1 / (1 + exp(-u))\n\n(a) graph\n    (h1 = sig1(x1), h2 = sig2(x2))\n")
    assert set(n.overlay.symbols) == {"h_1", "h_2"}
    assert same("w3 * sig2(x2)(1 - sig2(x2)) * h1", bp.DF_DW2, n.overlay)


@pytest.mark.parametrize("text", [
    r"-2\sum_{k=1}^{2}\big(y^k - f_w(x^k)\big)\,\nabla_w f_w(x^k)",  # k and n index the data, not iterations
    r"\sum_n 2 (f_w(x_n) - y_n) \nabla_w f_w(x_n)",
    r"\sum_{i=1}^{2}2\big{(}f_{w}(x^{i})-y^{i}\big{)}\nabla_w f_w(x^i)",  # Nougat's \big{(}
])
def test_gradient_sums_over_any_index(text: str) -> None:
    value = parse_latex(text, V, vector=True).value
    assert all(compare(a, b, bp.NUMERIC_MODEL).equal for a, b in zip(value, bp.GRAD, strict=True))


def test_an_iteration_index_still_marks_the_current_weights() -> None:
    assert classify_lhs("w_{k+1}") == "update"
    assert compare(parse_latex("w_k", V, vector=True).value[0], bp.w1, bp.NUMERIC_MODEL).equal


def test_subscripts_flattened_by_a_pdf_copy() -> None:
    assert same("w 3 · σ 2 (x 2 )(1 − σ 2 (x 2 )) · σ 1 (x 1 )", bp.DF_DW2)
    value = parse_latex("w − α∇w L", V, vector=True).value
    assert compare(value[0], bp.w1 - bp.alpha * bp.GRAD[0], bp.NUMERIC_MODEL).equal
    assert same(r"\sigma(x_2) \cdot x 2", 2 * bp.x * bp.DF_DW3)  # LaTeX keeps its products


def test_text_names_defined_by_the_student() -> None:
    n = notation_of("# 1\n$$\\text{net}_1 = w_1 x,\\quad \\text{out}_1 = \\sigma(\\text{net}_1),\\quad "
                    "\\text{net}_2 = w_2\\,\\text{out}_1,\\quad \\text{out}_2 = \\sigma(\\text{net}_2)$$\n")
    assert set(n.overlay.symbols) == {"net_1", "out_1", "net_2", "out_2"}
    assert same(r"w_3\cdot\text{out}_2(1-\text{out}_2)\cdot\text{out}_1", bp.DF_DW2, n.overlay)
    with pytest.raises(ExpressionSyntaxError):
        parse_latex(r"w_3\cdot\text{out}_2", V)  # never defined: unknown


def test_a_thin_space_does_not_cut_a_definition() -> None:
    n = notation_of("# 1\nLet $h = w_2\\,\\sigma(w_1 x)$.\n")
    assert compare(n.overlay.symbols["h"], bp.w2 * bp.sigma(bp.w1 * bp.x), bp.NUMERIC_MODEL).equal


@pytest.mark.parametrize("prose, name", [
    ("gradient descent, step size γ:\n\n w_{k+1} = w_k - γ ∇_w L(w_k)", "\\gamma"),
    ("Спуск с шагом $\\eta$ ($=\\alpha$):", "\\eta"),
    ("w <- w - a * dL/dw     (a = step size alpha)", "a"),
    ("(s = sigmoid, a = learning rate)", "a"),
    ("Lernrate $\\lambda$", "\\lambda"),
])
def test_the_step_size_under_another_name(prose: str, name: str) -> None:
    n = notation_of(f"# 1\n{prose}\n")
    assert n.overlay.aliases.get(name) == "\\alpha"
    assert any("step size" in note for note in n.notes)


def test_a_name_beside_the_handouts_step_is_not_taken() -> None:
    assert "\\mu" not in notation_of("# 1\nstep size α and momentum μ\n").overlay.aliases
    assert "\\eta" not in notation_of("# 1\n$\\eta$ is the noise\n").overlay.aliases


def test_nothing_after_the_equals_sign_goes_to_a_person() -> None:
    from grader.rubric import load_rubric
    from tests.corpus.fidelity import RUBRIC
    from tests.helpers import grade_report_item

    rubric = load_rubric(RUBRIC)
    result = grade_report_item(rubric, "p1.d", "# 1\n(d)\n\n$\\partial f/\\partial w_3 =$ ~~wrong~~\n")
    assert result.status in ("review", "fail") and "internal error" not in result.feedback


@pytest.mark.parametrize("text, expected", [
    ("frac(e^(-u), (1 + e^(-u))^2)", bp.DSIGMA_EXP),  # Typst
    ("frac(e^(-u))((1+e^(-u))^2)", bp.DSIGMA_EXP),  # AsciiMath
    ("frac(1, 1 + e^(-u)) dot frac(e^(-u), 1 + e^(-u))", bp.DSIGMA_EXP),
    ("sum_((x,y) in D) (y - f_w(x))^2", bp.LOSS),
])
def test_typst_and_asciimath(text: str, expected) -> None:
    assert same(text, expected)


@pytest.mark.parametrize("text", [
    "sum_(i=1)^2 2 (f_w (x^i) - y^i) nabla_w f_w (x^i)",
    "Σ_(i=1)^2 2(f_w(xⁱ) − yⁱ) · ∇_w f_w(xⁱ)",
    "Σ_(x,y)∈D 2(f_w(x) − y) ∇_w f_w(x)",
    "sum_((x,y) in D) 2(f_w(x) - y) grad_w f_w(x)",
])
def test_sums_with_scripts_in_parentheses(text: str) -> None:
    value = parse_latex(text, V, vector=True).value
    assert all(compare(a, b, bp.NUMERIC_MODEL).equal for a, b in zip(value, bp.GRAD, strict=True))


@pytest.mark.parametrize("text, tag", [
    ("frac(d sigma_1, d u)", "dsigma"), ("(d sigma_1)/(du)", "dsigma"), ('w^"new"', "update"),
    ("(del f)/(del w_1)", "df/dw1"), ("grad_w L", "grad"),
])
def test_typst_and_asciimath_left_sides(text: str, tag: str) -> None:
    assert classify_lhs(text) == tag


def _rubric():
    from grader.rubric import load_rubric
    from tests.corpus.fidelity import RUBRIC

    return load_rubric(RUBRIC)


@pytest.mark.parametrize("residual, status", [("f_w(x^k) - y^k", "pass"), ("f_w(x^k) + y^k", "fail")])
def test_a_name_defined_at_each_data_point(residual: str, status: str) -> None:
    from tests.helpers import grade_report_item

    report = (f"# 1\n(f)\n\nWriting $r^k = {residual}$,\n\n"
              "$$\\nabla_w L = 2r^1\\,\\nabla_w f_w(x^1) + 2r^2\\,\\nabla_w f_w(x^2)$$\n")
    result = grade_report_item(_rubric(), "p1.f.grad", report)
    assert result.status == status and "at each data point" in result.feedback


def test_euler_e_is_never_shadowed_by_an_indexed_name() -> None:
    """e_n = f_w(x_n) − y_n names residuals e_1, e_2; e alone and e^2 stay Euler's number."""
    n = notation_of("# 1\nresiduals $e_n = f_w(x_n) - y_n$\n")
    assert not any(k == "e" or k.startswith("e^") for k in n.overlay.symbols)
    assert same("e^{-u}", sp.exp(-bp.u), n.overlay) and same("e^2", sp.E ** 2, n.overlay)


def test_a_definition_chain_is_read_at_its_last_side() -> None:
    n = notation_of("# 1\nje note $\\theta=(\\theta_1,\\theta_2,\\theta_3)=(w_1,w_2,w_3)$ et $h_2=\\theta_2 a$\n")
    assert n.overlay.aliases.get("\\theta") == "w"
    assert same("\\theta_3 \\sigma(x_2)", bp.w3 * bp.DF_DW3, n.overlay)


def test_a_vector_function_defined_from_earlier_results() -> None:
    from tests.helpers import grade_report_item

    report = ("# 1\n(f)\n\nLet $g(x) = \\nabla_w f_w(x)$ as in (d),(e).\n\n"
              "$$\\nabla_w L = 2\\big(f_w(x^1)-y^1\\big)\\,g(x^1) + 2\\big(f_w(x^2)-y^2\\big)\\,g(x^2)$$\n")
    result = grade_report_item(_rubric(), "p1.f.grad", report)
    assert result.status == "pass" and "as you defined it" in result.feedback


def test_a_name_for_the_asked_derivative_rescues_nothing() -> None:
    from tests.helpers import grade_report_item

    report = ("# 1\n(d)\n\nLet $g(x) = \\frac{\\partial f_w(x)}{\\partial w_3}$.\n\n"
              "$$\\frac{\\partial f}{\\partial w_3} = g(x)$$\n")
    assert grade_report_item(_rubric(), "p1.d", report).status != "pass"


def test_intermediates_at_each_data_point() -> None:
    n = notation_of("# 1\n对每个数据点 记  x2^i = w2 σ1(x1^i),  r^i = f_w(x^i) − y^i\n")
    assert {"x_2^1", "x_2^2", "r^1", "r^2"} <= set(n.overlay.symbols)
    value = parse_latex("2 r¹ · σ2(x2¹) + 2 r² · σ2(x2²)", V, overlay=n.overlay).value
    assert compare(value, bp.GRAD[2], bp.NUMERIC_MODEL).equal
    value = parse_latex("2 r¹ · w3 σ2'(x2¹) σ1(x1¹) + 2 r² · w3 σ2'(x2²) σ1(x1²)", V, overlay=n.overlay).value
    assert compare(value, bp.GRAD[1], bp.NUMERIC_MODEL).equal  # x1¹ read at the point, as x2¹ is
    assert same("x_2^2", bp.x2 ** 2)  # without such a definition, a square


def test_terms_aligned_in_columns_stay_one_equation() -> None:
    from grader.reading.plain_math import equation_in_line

    line = "    ∂L/∂w2 = 2 r¹ · σ1(x1¹)          +  2 r² · σ1(x1²)"
    start, end = equation_in_line(line)
    assert line[start:end].endswith("σ1(x1²)")
    line = "so dL/dw1 = 2*(f(x1)-y1)*x1    (j = 1, 2, 3)"
    start, end = equation_in_line(line)
    assert line[start:end] == "dL/dw1 = 2*(f(x1)-y1)*x1"


def test_a_vector_of_derivatives_at_a_point() -> None:
    text = "sum_{i=1,2} 2 (f(x^i) - y^i) * (df/dw1, df/dw2, df/dw3)(x^i)"
    value = parse_latex(text, V, vector=True).value
    assert all(compare(a, b, bp.NUMERIC_MODEL).equal for a, b in zip(value, bp.GRAD, strict=True))


def test_a_lost_summation_sign_goes_to_a_person() -> None:
    from tests.helpers import grade_report_item

    assert classify_lhs("∇w L") == "grad"
    report = "# 1\n(f)\n\n$$\\nabla_w L = i = 1,2\\; 2(f_w(x^i) - y^i) \\nabla_w f_w(x^i)$$\n"
    result = grade_report_item(_rubric(), "p1.f.grad", report)
    assert result.status == "review" and "index range" in result.feedback


def test_plain_words_defined_as_names() -> None:
    n = notation_of("# 1\nNotation: $net_1 = w_1 x$, $out_1 = \\sigma_1(net_1)$, $net_2 = w_2\\,out_1$, "
                    "$out_2 = \\sigma_2(net_2)$.\n")
    assert same(r"w_3\; out_2(1-out_2)\; w_2\; out_1(1-out_1)\; x", bp.DF_DW1, n.overlay)
    with pytest.raises(ExpressionSyntaxError):
        parse_latex("w_3 out_2", V)  # in a hand-in that never defined it: o·u·t, unknown


def test_definitions_joined_by_a_conjunction() -> None:
    n = notation_of("Problema 1\n\nNotação: x1 = w1·x  e  x2 = w2·σ1(x1)\n")
    assert not n.overlay.symbols  # both are the handout's own: nothing redefined
    n = notation_of("# 1\nLet $h = w_1 x$ and $g = h + e^{x}$\n")
    assert compare(n.overlay.symbols["g"], bp.w1 * bp.x + sp.exp(bp.x), bp.NUMERIC_MODEL).equal


def test_a_wide_gap_after_an_equals_sign_still_ends_a_line_of_layout() -> None:
    from grader.reading.plain_math import equation_in_line

    assert equation_in_line("                    =       (1 + e−u )−1 =") is None


def test_a_long_slash_derivative_is_a_building_block() -> None:
    assert classify_lhs(r"\partial f _ { w } ( x ^ { 1 } ) / \partial w _ { 1 }") == "df/dw1"


@pytest.mark.parametrize("text, expected", [
    ("exp\u2061(−u)/(1+exp\u2061(−u))^2", bp.DSIGMA_EXP),  # Word's invisible function application
    ("e<sup>−u</sup> / (1+e<sup>−u</sup>)²", bp.DSIGMA_EXP),  # HTML scripts from a web editor's export
    ("e^(-u) / (1 + e^(-u))²</li>", bp.DSIGMA_EXP),  # a list item's closing tag left by Evernote
    ("w_3 σ_2^′ (x_2 ) σ_1 (x_1 )", bp.DF_DW2),  # OneNote's prime set as a superscript
    ("w_3 σ_2^{'}(x_2) σ_1(x_1)", bp.DF_DW2),
])
def test_exported_markup_reads_as_the_math_it_marks(text: str, expected) -> None:
    assert same(text, expected)


def test_a_less_than_sign_is_not_taken_for_markup() -> None:
    assert "<" in " ".join(tokenize("0 < u"))


@pytest.mark.parametrize("text", [
    "Σ 2(f(x^i) − y^i) ∇f(x^i)",  # no range; the summand marks the data points with i
    r"\sum 2 (f(x^{(n)}) - y^{(n)}) \nabla f(x^{(n)})",
    "Σi 2 (f(xi) – yi) ∇f(xi)",  # the index written flat after Σ, and in the summand: xi is x_i, not ξ
    "Σ_i 2 (f(xi) − yi) ∇f(xi)",
    "Σ 2(f(x) − y) ∇f(x)",  # no index at all: the data's own names, as L = Σ_{(x,y)∈D} (y − f(x))² writes them
])
def test_a_sum_without_a_range_runs_over_the_data_points_its_summand_marks(text: str) -> None:
    value = parse_latex(text, V).value
    assert all(compare(a, b, bp.NUMERIC_MODEL).equal for a, b in zip(value, bp.GRAD, strict=True))


@pytest.mark.parametrize("text", [
    "Σ 2(f(x_i) − y_j) ∇f(x_i)",  # two index letters: which one runs?
    "Σ 2 a ∇b",  # no index and none of the data's names
])
def test_a_sum_whose_range_cannot_be_told_stays_unread(text: str) -> None:
    with pytest.raises(ExpressionSyntaxError):
        parse_latex(text, V)


def test_xi_outside_a_flat_sum_is_still_the_greek_letter() -> None:
    assert "\\xi" in tokenize("xi + 1")


@pytest.mark.parametrize("prose, name", [
    ("Update (Lernrate `lr`), komponentenweise:\n\n$$w_j \\leftarrow w_j - \\mathrm{lr}\\cdot g_j$$", "lr"),
    ("Gradient descent, step $\\gamma$:\n\n$$\\theta^{k+1} = \\theta^k - \\gamma\\,g$$", "\\gamma"),
    ("$$w_{t+1} = w_t - \\eta\\,\\nabla_w L(w_t)$$", "\\eta"),  # η times a gradient, said nowhere: the step
    ("w ← w − η·∂L/∂w", "\\eta"),
])
def test_the_step_size_under_its_usual_names(prose: str, name: str) -> None:
    n = notation_of(f"# 1\n{prose}\n")
    assert n.overlay.aliases.get(name) == "\\alpha"


@pytest.mark.parametrize("prose", [
    "$$w \\leftarrow w - \\eta\\,\\nabla L$$ with step size $\\alpha$",  # the handout's α is written too
    "$\\eta$ is the noise; $\\eta + \\sigma(x)$",  # η not times a gradient
])
def test_eta_beside_alpha_or_not_on_a_gradient_is_not_the_step(prose: str) -> None:
    assert "\\eta" not in notation_of(f"# 1\n{prose}\n").overlay.aliases
