"""Reading rules found on the seventh held-out batch (physics students, forum posts in ASCII, mathematics
majors, note-taking apps, an ordinary class mix), each with a wrong twin that must not pass.
"""
from __future__ import annotations

import pytest

from grader.expressions.tokens import tokenize
from grader.reading.document import read_document
from grader.reading.extract import is_restatement, read_equations
from grader.reading.notation import read_notation
from reference.mnist_backprop import REFERENCE
from reference.mnist_backprop.vocabulary import classify_lhs
from tests.helpers import grade_report_item


def status(rubric, item: str, report: str) -> str:
    return grade_report_item(rubric, item, report).status


def test_several_arrow_updates_on_one_plain_line_are_each_read(rubric) -> None:
    text = ("Let a = w1, b = w2, c = w3.\n\nProblem 1\n\n(f)\n"
            "a ← a − η ∂L/∂a, b ← b − η ∂L/∂b, c ← c − η ∂L/∂c\n")
    assert status(rubric, "p1.f.update", text) == "pass"
    assert status(rubric, "p1.f.update", text.replace("c ← c −", "c ← c +")) != "pass"


def test_a_programs_augmented_assignment_is_an_update(rubric) -> None:
    text = "Problem 1\n\n(f)\nupdate: w1 -= alpha*dL/dw1, w2 -= alpha*dL/dw2, w3 -= alpha*dL/dw3\n"
    assert status(rubric, "p1.f.update", text) == "pass"
    assert status(rubric, "p1.f.update", text.replace("w2 -=", "w2 +=")) != "pass"
    eqs = read_equations(["w -= lr*a + b"], ["plain"])
    assert eqs[0].sides[-1].replace(" ", "") == "w-(lr*a+b)"  # the whole right side is subtracted


@pytest.mark.parametrize("lhs", [r"w^{\text{mới}}", r"w^{mới}", r"\mathbf{w}^{\text{nova}}", r"w_1^{\text{neu}}",
                                 r"w^{\text{upd}}"])
def test_the_next_iterate_marked_with_a_word_of_any_language(lhs: str) -> None:
    assert classify_lhs(lhs) in ("update", "update[1]")


def test_a_transpose_and_an_iteration_mark_on_a_row_of_weights(rubric) -> None:
    assert classify_lhs(r"(w_1, w_2, w_3)^{T}_{k+1}") == "update"
    assert classify_lhs(r"(w_1, w_2, w_3)_{k+1}^T") == "update"
    assert classify_lhs(r"(w_1, w_2, w_3)^{T}") is None
    text = ("Problem 1\n\n(f)\n$$(w_1, w_2, w_3)^{T}_{k+1} = (w_1, w_2, w_3)^{T}_{k} - \\alpha\\,\\nabla_w L$$\n")
    assert status(rubric, "p1.f.update", text) == "pass"
    assert status(rubric, "p1.f.update", text.replace("- \\alpha", "+ \\alpha")) != "pass"


def test_the_model_at_the_current_weights_in_a_subscript(rubric) -> None:
    text = ("Problem 1\n\n(f)\n$$w_j^{(t+1)} = w_j^{(t)} - \\alpha \\sum_{k=1}^2 2\\big(f_{w^{(t)}}(x^k)-y^k\\big)"
            "\\frac{\\partial f_{w^{(t)}}(x^k)}{\\partial w_j}$$, $j=1,2,3$.\n")
    assert status(rubric, "p1.f.update", text) == "pass"
    assert status(rubric, "p1.f.update", text.replace("2\\big(f", "\\big(f")) != "pass"


def test_a_gradient_restated_with_spacing_commands_gives_way_to_its_components(rubric) -> None:
    assert is_restatement(r"\big(\partial\mathcal L/\partial w_1,\ \partial\mathcal L/\partial w_2,\ "
                          r"\partial\mathcal L/\partial w_3\big)^T")
    assert not is_restatement(r"\partial \mathcal{L}/\partial w_1 \cdot 2")
    text = ("Problem 1\n\n(f)\n$$\\frac{\\partial\\mathcal L}{\\partial w_j} = \\sum_{i=1}^2 2(f_w(x^i)-y^i)"
            "\\frac{\\partial f_w(x^i)}{\\partial w_j},\\quad j=1,2,3$$\n"
            "so $\\nabla_w\\mathcal L = \\big(\\partial\\mathcal L/\\partial w_1,\\ \\partial\\mathcal L/\\partial w_2,"
            "\\ \\partial\\mathcal L/\\partial w_3\\big)^T$.\n")
    assert status(rubric, "p1.f.grad", text) == "pass"
    assert status(rubric, "p1.f.grad", text.replace("= \\sum_{i=1}^2 2(", "= \\sum_{i=1}^2 (")) != "pass"


def test_a_name_for_sigma_at_the_handouts_intermediate_is_a_value_not_the_function(rubric) -> None:
    defs = "x1 = w1 x,  a = s(x1),  x2 = w2 a,  b = s(x2),  f = w3 b,   s(z) = 1/(1+e^{-z})\n\n"
    notation = read_notation(read_document(defs), REFERENCE)
    assert "a" not in notation.overlay.aliases and "b" not in notation.overlay.aliases
    text = defs + "Problem 1\n\n(d) df/dw3 = b = s(w2 s(w1 x))\n\n(e) df/dw2 = w3 b(1-b) a\n"
    assert status(rubric, "p1.e.w2", text) == "pass"
    assert status(rubric, "p1.d", text) == "pass"
    assert status(rubric, "p1.e.w2", text.replace("w3 b(1-b) a", "w3 b(1+b) a")) != "pass"


def test_names_assigned_together_per_point_in_an_aside(rubric) -> None:
    text = ("a = s(w1 x), b = s(w2 a), s(z) = 1/(1+e^{-z})\n\nProblem 1\n\n(f)\n"
            "    grad_w L = sum_{n=1,2} 2 (f_w(x^n) - y^n) [ w3 b_n(1-b_n) w2 a_n(1-a_n) x^n ,  "
            "w3 b_n(1-b_n) a_n ,  b_n ]^T\n      (a_n, b_n = a, b evaluated at x = x^n)\n")
    assert status(rubric, "p1.f.grad", text) == "pass"
    assert status(rubric, "p1.f.grad", text.replace("a_n ,  b_n ]", "a_n ,  a_n ]")) != "pass"


def test_a_proof_end_after_the_answers_full_stop(rubric) -> None:
    assert "\\blacksquare" not in tokenize(r"x. \qquad\blacksquare ∎")
    text = ("Problem 1\n\n(e)\n$$\\frac{\\partial f}{\\partial w_1} = w_3\\,\\sigma'(x_2)\\,w_2\\,\\sigma'(x_1)\\,x."
            " \\qquad\\blacksquare$$\n")
    assert status(rubric, "p1.e.w1", text) == "pass"
    assert status(rubric, "p1.e.w1", text.replace("\\,x.", ".")) != "pass"


def test_a_hand_in_written_as_code_comments_is_read_through_its_comment_marks(rubric) -> None:
    lines = ["# hw answers, written as comments", "# PROBLEM 1", "#",
             "# (b)(i)   dsig/du = np.exp(-u) / (1 + np.exp(-u))**2", "# (b)(ii)  dsig/du = sig(u) * (1 - sig(u))",
             "#", "# sig(u) = 1/(1 + np.exp(-u))", "# (c) forward, then backward", "# PROBLEM 2", "# (a) 28x28"]
    text = "\n".join(lines) + "\n"
    assert status(rubric, "p1.b.i", text) == "pass"
    assert status(rubric, "p1.b.i", text.replace("np.exp(-u) /", "np.exp(u) /")) != "pass"
    headings = "# Problem 1\n\n## (b)\n\n(i) $\\frac{e^{-u}}{(1+e^{-u})^2}$\n"  # Markdown headings stay headings
    assert read_document(headings).has_labels()


@pytest.mark.parametrize("label", ["1b i)", "**1b**\n(i)"])
def test_a_problem_and_part_number_then_a_bare_roman(rubric, label: str) -> None:
    text = f"1a) graph\n{label}  e^-u / (1+e^-u)^2\n1c) forward\n"
    assert status(rubric, "p1.b.i", text) == "pass"
    assert status(rubric, "p1.b.i", text.replace("e^-u /", "e^u /")) != "pass"


def test_sig_is_the_sigmoid_as_code_abbreviates_it(rubric) -> None:
    text = "Problem 1\n\n(b)\n(ii) sig'(u) = sig(u)(1-sig(u))\n\n(d) df/dw3 = sig2(x2)\n"
    assert status(rubric, "p1.b.ii", text) == "pass"
    assert status(rubric, "p1.d", text) == "pass"
    assert status(rubric, "p1.b.ii", text.replace("(1-sig", "(1+sig")) != "pass"
    slope = "Let sig(u) denote the slope of the logistic function.\n\n" + text  # another meaning: unread
    assert status(rubric, "p1.d", slope) != "pass"


@pytest.mark.parametrize("said", ["The derivative of the sigmoid is denoted s.",
                                  "I have used s() for sigmoid slope (the derivative)."])
def test_a_name_said_to_be_the_sigmoids_derivative_is_not_the_sigmoid(rubric, said: str) -> None:
    text = f"{said}\n\nProblem 1\n\n(d) $\\frac{{\\partial f}}{{\\partial w_3}} = s(w_2 s(w_1 x))$\n"
    assert status(rubric, "p1.d", text) != "pass"


def test_the_new_weights_on_the_right_side_or_as_the_gradients_point_are_not_descent(rubric) -> None:
    for update in ("w^{upd} = w^{new} - \\alpha \\nabla_w L", "w_{t+1} = w_t - \\alpha \\nabla L(w_{t+1})"):
        assert status(rubric, "p1.f.update", f"Problem 1\n\n(f)\n$${update}$$\n") != "pass"
    assert status(rubric, "p1.f.update", "Problem 1\n\n(f)\n$$w_{t+1} = w_t - \\alpha \\nabla L(w_t)$$\n") == "pass"


@pytest.mark.parametrize("said", ["I have used `s()` for sigmoid.", "Here s denotes the logistic sigmoid.",
                                  "The sigmoid is written $s$ below."])
def test_a_function_named_in_a_sentence(rubric, said: str) -> None:
    text = f"{said}\n\nProblem 1\n\n(d) $\\frac{{\\partial f}}{{\\partial w_3}} = s(w_2 s(w_1 x))$\n"
    assert status(rubric, "p1.d", text) == "pass"
    assert status(rubric, "p1.d", text.replace("s(w_2 s(w_1 x))", "s(w_2 s(w_1 x))^2")) != "pass"
    unsaid = grade_report_item(rubric, "p1.d", "We use the sigmoid for everything.\n" + text.split("\n", 1)[1])
    assert unsaid.status == "pass" and "usual abbreviation" in unsaid.feedback  # s(…) applied, never defined: σ
    defined = "Let $s = w_1 x$.\n" + text.split("\n", 1)[1]
    assert status(rubric, "p1.d", defined) != "pass"  # s defined as something else: no abbreviation


def test_each_code_span_on_a_line_is_its_own_formula(rubric) -> None:
    text = ("I use `s()` for sigmoid.\n\nProblem 1\n\n(b)\n"
            "- (ii) `ds1/du = s1(u) * (1 - s1(u))` -- kyunki `exp(-u)/(1+exp(-u)) = 1 - s1(u)`\n")
    assert status(rubric, "p1.b.ii", text) == "pass"
    assert status(rubric, "p1.b.ii", text.replace("* (1 - s1(u))`", "* (1 + s1(u))`")) != "pass"


def test_a_word_in_brackets_after_a_definition_is_an_aside(rubric) -> None:
    defs = "Shorthand: g(u) := 1/(1+e^(−u)) (sigmoid), and s1 := g(w1·x), s2 := g(w2·s1).\n\n"
    text = defs + "Problem 1\n\n(e)\n∂f/∂w2 = w3 · s2(1 − s2) · s1\n"
    assert status(rubric, "p1.e.w2", text) == "pass"
    assert status(rubric, "p1.e.w2", text.replace("· s1\n", "· s2\n")) != "pass"


def test_the_physics_packages_derivatives(rubric) -> None:
    text = ("\\documentclass{article}\\usepackage{physics}\\begin{document}\n\\section*{Problem 1}\n"
            "\\paragraph{(b)} (i) $\\dv{\\sigma_1}{u} = \\frac{e^{-u}}{\\qty(1+e^{-u})^2}$\n"
            "\\paragraph{(d)} $\\pdv{f_w}{w_3} = \\sigma_2(x_2)$\n\\end{document}\n")
    assert status(rubric, "p1.d", text) == "pass"
    assert status(rubric, "p1.b.i", text) == "pass"
    assert status(rubric, "p1.b.i", text.replace("{\\qty(1+e^{-u})^2}", "{\\qty(1+e^{-u})}")) != "pass"
    assert status(rubric, "p1.d", text.replace("= \\sigma_2(x_2)", "= \\sigma_1(x_1)")) != "pass"


def test_an_answers_only_line_with_a_side_note_set_apart(rubric) -> None:
    text = "1b  i)  e^-u / (1+e^-u)^2\n1c  fwd\n1d  s(x2)                    x1 = w1 x, x2 = w2 s(x1), s = sigma1\n"
    assert status(rubric, "p1.d", text) == "pass"
    assert status(rubric, "p1.d", text.replace("1d  s(x2)", "1d  s(x1)")) != "pass"


def test_a_channel_count_followed_by_an_arrow_to_the_filter_count(rubric) -> None:
    text = "Problem 2\n\n(b) filter 5×5, stride 1, channel dim 20 → 50 filters gives 8×8×50\n"
    assert status(rubric, "p2.b", text) == "pass"
    assert status(rubric, "p2.b", text.replace("dim 20 →", "dim 50 →")) != "pass"


def test_a_count_times_a_bracketed_filter_shape(rubric) -> None:
    text = ("Problem 2\n\n(a) in 28×28, conv1 filters 20 × (5×5×1), after conv1 24×24×20, after pool 12×12×20\n")
    assert status(rubric, "p2.a", text) == "pass"
    assert status(rubric, "p2.a", text.replace("20 × (5×5×1)", "20 × (5×5×20)")) != "pass"


def test_latex_strikeout_is_withdrawn_and_an_arrow_leads_to_the_answer(rubric) -> None:
    text = ("\\documentclass{article}\\begin{document}\n\\textbf{Problem 1}\n\n"
            "(b)(i) \\sout{$\\sigma_1'(u) = \\frac{e^{-u}}{1+e^{-u}}$} (wrong, see below)\\\\\n"
            "$\\sigma_1' = (-1)(1+e^{-u})^{-2}(-e^{-u}) \\Rightarrow$ \\textbf{ANS:} $\\dfrac{e^{-u}}{(1+e^{-u})^{2}}$\n"
            "\n(ii) ok\n\\end{document}\n")
    assert status(rubric, "p1.b.i", text) == "pass"
    assert status(rubric, "p1.b.i", text.replace("{(1+e^{-u})^{2}}$\n", "{(1+e^{-u})}$\n")) != "pass"
    struck_right = text.replace("\\dfrac{e^{-u}}{(1+e^{-u})^{2}}$\n", "\\sout{$\\dfrac{e^{-u}}{(1+e^{-u})^{2}}$}\n")
    assert status(rubric, "p1.b.i", struck_right) != "pass"  # the right one withdrawn: nothing right is left


def test_bold_around_whole_equations_in_plain_text(rubric) -> None:
    text = ("**1.** x1 = w1x, x2 = w2σ1(x1)\n\n(e) **∂f/∂w2 = w3σ2'(x2)σ1(x1)**, **∂f/∂w1 = w3σ2'(x2)w2σ1'(x1)x**,"
            " with σ'(u) = σ(u)(1−σ(u))\n")
    assert status(rubric, "p1.e.w2", text) == "pass"
    assert status(rubric, "p1.e.w1", text) == "pass"
    assert status(rubric, "p1.e.w1", text.replace("σ1'(x1)x**", "σ1'(x1)**")) != "pass"


def test_a_bare_roman_set_apart_by_a_wide_gap(rubric) -> None:
    text = "P1\n(b) i   ANS: e^(-u)/(1+e^(-u))^2\n    ii  ANS: σ1(u)(1-σ1(u))\n(c) fwd\n"
    assert status(rubric, "p1.b.i", text) == "pass"
    assert status(rubric, "p1.b.ii", text) == "pass"
    assert status(rubric, "p1.b.ii", text.replace("(1-σ1(u))", "(1+σ1(u))")) != "pass"


@pytest.mark.parametrize("label, part", [("### سؤال ١ (ب)", "b"), ("**ข้อ 1 (ข)**", "b"), ("**प्रश्न 1(ख)**", "b"),
                                         ("سؤال ١ (هـ):", "e"), ("Swali 1 (b)", "b")])
def test_part_letters_and_digits_of_other_alphabets(label: str, part: str) -> None:
    from grader.reading.labels import read_label

    found = read_label(label, 0)
    assert found is not None and (found.problem, found.part) == ("1", part)


def test_persian_part_letters_follow_the_persian_alphabet() -> None:
    from grader.reading.labels import read_label

    text = "**سوال ۱ (الف)** …\n**سوال ۱ (پ)** …\n**سوال ۱ (ج)** …\n"
    parts = [read_label(text, m).part for m in (0, text.index("**سوال ۱ (پ)"), text.index("**سوال ۱ (ج)"))]
    assert parts == ["a", "c", "f"]
    assert read_label("سؤال ١ (ج)", 0).part == "c"  # Arabic's abjad order: ج is the third


@pytest.mark.parametrize("update", ["w_nuevo = w_viejo − α ∇L", "w^{\\text{جدید}} = w^{\\text{قدیم}} - \\alpha \\nabla L"])
def test_new_and_old_weights_named_in_other_languages(rubric, update: str) -> None:
    text = f"Problem 1\n\n(f)\n$${update}$$\n" if "\\" in update else f"Problem 1\n\n(f)\n{update}\n"
    assert status(rubric, "p1.f.update", text) == "pass"
    assert status(rubric, "p1.f.update", text.replace("- \\alpha", "+ \\alpha").replace("− α", "+ α")) != "pass"


def test_colab_form_markup_in_a_code_cell_is_no_label() -> None:
    import json

    from grader.reading.notebook import read_notebook

    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
              "source": "#@title (d), (e)\n# the derivatives by sympy\nf = w3*sigma(w2*sigma(w1*x))\n"},
             {"cell_type": "markdown", "metadata": {}, "source": "**(d)** $\\partial f/\\partial w_3 = \\sigma_2(x_2)$"}]
    text, _ = read_notebook(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
                            "hw.ipynb", [])
    assert "(d), (e)" not in text and "the derivatives by sympy" in text
    assert [k for k, _ in read_document(text).labels] == ["1.d"]


def test_a_plain_line_that_starts_with_hence(rubric) -> None:
    text = ("(f) L = Σ_{(x,y)∈D} (y − f_w(x))²\n ∇_w L = Σ_{i=1}^{2} −2 (yⁱ − f_w(xⁱ)) · (∂f_w(xⁱ)/∂w1, ∂f_w(xⁱ)/∂w2,"
            " ∂f_w(xⁱ)/∂w3)\n ⇒ w_new = w − α ∇_w L\n")
    assert status(rubric, "p1.f.update", text) == "pass"
    assert status(rubric, "p1.f.update", text.replace("w − α", "w + α")) != "pass"


def test_macros_defined_in_a_markdown_report(rubric) -> None:
    text = ("$\\newcommand{\\sig}{\\sigma}\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}$\n\n"
            "Problem 1\n\n(d) $$\\pd{f}{w_3} = \\sig_2(x_2)$$\n")
    assert status(rubric, "p1.d", text) == "pass"
    assert status(rubric, "p1.d", text.replace("= \\sig_2(x_2)", "= \\sig_1(x_1)")) != "pass"
    declared = "$\\DeclareMathOperator{\\sgm}{sigma}$\n\nProblem 1\n\n(d) $$\\frac{\\partial f}{\\partial w_3} = \\sgm_2(x_2)$$\n"
    assert status(rubric, "p1.d", declared) == "pass"


def test_a_sub_part_label_at_the_end_of_its_display(rubric) -> None:
    text = ("Problem 1\n\n**b.**\n$$\\sigma'(u) = \\frac{e^{-u}}{(1+e^{-u})^2} \\qquad \\text{(i)}$$\n"
            "$$\\sigma'(u) = \\sigma(u)\\,(1-\\sigma(u)) \\qquad \\text{(ii)}$$\n\n**c.** forward\n")
    assert status(rubric, "p1.b.i", text) == "pass"
    assert status(rubric, "p1.b.ii", text) == "pass"
    swapped = text.replace("\\text{(i)}", "\\text{(x)}").replace("\\text{(ii)}", "\\text{(i)}").replace("(x)", "(ii)")
    assert status(rubric, "p1.b.i", swapped) != "pass"  # the σ form labelled (i): the wrong form for (i)
