"""Reading rules found on the twelfth held-out batch and the eleventh red-team round (answer sheets, converted
exports, stated cross-references), each with a wrong twin that must not pass.
"""
from __future__ import annotations

from grader.reading.labels import read_label
from grader.reading.row_labels import labels_before_rows
from tests.helpers import assert_twins, grade_report_item

SHEET = ("1b  e^-u/(1+e^-u)^2 ; σ(1-σ)\n1d  σ2(x2)\n1e  w3σ2'(x2)σ1(x1) ; w3σ2'(x2)w2σ1'(x1)x\n"
         "1f  ∇L=Σ_i 2(f(x^i)-y^i)∇f(x^i) ; w-=α∇L\n")


def test_sub_parts_answered_in_order_under_the_parts_label(rubric) -> None:
    assert_twins(rubric, "p1.b.i", SHEET, ("e^-u/(1+e^-u)^2 ;", "e^-u/(1+e^-u) ;"))
    assert_twins(rubric, "p1.b.ii", SHEET, ("; σ(1-σ)", "; σ(1+σ)"))
    assert_twins(rubric, "p1.e.w2", SHEET, ("w3σ2'(x2)σ1(x1) ;", "w3σ2'(x2)x ;"))
    assert_twins(rubric, "p1.e.w1", SHEET, ("w2σ1'(x1)x\n", "w2σ1'(x1)\n"))
    swapped = SHEET.replace("1b  e^-u/(1+e^-u)^2 ; σ(1-σ)", "1b  σ(1-σ) ; e^-u/(1+e^-u)^2")
    assert grade_report_item(rubric, "p1.b.i", swapped).status != "pass"  # in order: (i) is the first answer
    assert grade_report_item(rubric, "p1.b.ii", swapped).status != "pass"


def test_answer_sheet_labels() -> None:
    for text, want in (("b-ii  σ(1-σ)", (None, "b", "ii")), ("1b-i:  e^-u / (1+e^-u)^2", ("1", "b", "i")),
                       ("d     σ2(x2)", (None, "d", None)), ("=== Problem 2 ===", ("2", None, None))):
        label = read_label(text, 0)
        assert label is not None and (label.problem, label.part, label.sub) == want, text
    assert read_label("a    large number of filters", 0) is None


def test_equation_numbers_a_sentence_gives_to_the_sub_parts(rubric) -> None:
    report = ("### (b)\n$$\n\\begin{aligned}\n"
              "\\frac{d\\sigma_1}{du} &= \\frac{e^{-u}}{(1+e^{-u})^{2}} \\qquad (1)\\\\\n"
              "&= \\sigma_1(u)\\,(1-\\sigma_1(u)) \\qquad (2)\n\\end{aligned}\n$$\n(i) is (1), (ii) is (2).\n\n"
              "### (c)\nforward\n")
    assert_twins(rubric, "p1.b.i", report, ("{(1+e^{-u})^{2}}", "{(1+e^{-u})}"))
    assert_twins(rubric, "p1.b.ii", report, ("(1-\\sigma_1(u))", "(1+\\sigma_1(u))"))
    swapped = report.replace("(i) is (1), (ii) is (2).", "(i) is (2), (ii) is (1).")
    assert grade_report_item(rubric, "p1.b.i", swapped).status != "pass"
    tex = ("\\documentclass{article}\n\\begin{document}\n\\subsection*{Problem 1(b)}\n"
           "\\begin{equation}\\label{eq:b1}\n\\frac{d\\sigma_1}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}.\n\\end{equation}\n"
           "\\begin{equation}\\label{eq:b2}\n\\frac{d\\sigma_1}{du} = \\sigma_1(u)(1-\\sigma_1(u)).\n\\end{equation}\n"
           "Equation \\eqref{eq:b1} answers (i), \\eqref{eq:b2} answers (ii).\n"
           "\\subsection*{Problem 1(c)}\nforward\n\\end{document}\n")
    assert_twins(rubric, "p1.b.ii", tex, ("\\sigma_1(u)(1-\\sigma_1(u)).", "\\sigma_1(u)(1+\\sigma_1(u))."))


def test_a_spacing_line_break_is_no_display() -> None:
    text = "Name \\\\[2pt] number\n\\begin{align}\nA &= B \\tag{i}\\\\\nC &= D \\tag{ii}\n\\end{align}\n"
    assert "(i)\n\\begin{align}" in labels_before_rows(text)


def test_a_tag_after_a_leading_label_starts_its_own_piece() -> None:
    out = labels_before_rows("$$\\text{(i)}\\ A = B \\\\ C = D \\tag{ii}$$")
    assert out.index("(i)") < out.index("A = B") < out.index("(ii)") < out.index("C = D")


def test_a_value_named_times_a_bracket_holding_itself_is_a_product(rubric) -> None:
    report = "## Problem 1\nLet $u = w_1 x$ and $h = \\sigma_1(u)$.\n\n**(b)** (ii) $\\sigma_1'(u) = h(1-h)$\n"
    assert_twins(rubric, "p1.b.ii", report, ("h(1-h)", "h(1+h)"))


def test_table_bars_and_plain_boxes_frame_an_equation(rubric) -> None:
    table = "**1.**\n\n| part | answer |\n|---|---|\n| (f) update | wⱼ ← wⱼ − α ∂L/∂wⱼ |\n"
    assert_twins(rubric, "p1.f.update", table, ("wⱼ − α", "wⱼ + α"))
    boxed = "(f)\n ⇒ [[ w_new = w − α ∇_w L ]]\n"
    assert_twins(rubric, "p1.f.update", boxed, ("w − α", "w + α"))


def test_an_arrow_before_a_new_equation_ends_the_one_before(rubric) -> None:
    report = "**b)**\n(i) σ1(u) = 1/(1+exp(-u)) → dσ1/du = exp(-u)/(1+exp(-u))^2\n(ii) dσ1/du = σ1(u)(1−σ1(u))\n"
    assert_twins(rubric, "p1.b.i", report, ("exp(-u)/(1+exp(-u))^2", "exp(-u)/(1+exp(-u))"))


def test_pandoc_escaped_labels_and_marks(rubric) -> None:
    docx = ("**Problem 1**\n\nNotation: x\\_1 = w\\_1 x, x\\_2 = w\\_2 σ\\_1(x\\_1)\n\n\\(b\\)\n\n"
            "\\(i\\) dσ\\_1/du = exp(−u) / (1 + exp(−u))\\^2\n\n\\(ii\\) dσ\\_1/du = σ\\_1(u) \\* (1 − σ\\_1(u))\n\n"
            "\\(c\\) forward\n")
    assert_twins(rubric, "p1.b.i", docx, ("(1 + exp(−u))\\^2", "(1 + exp(−u))"))
    assert_twins(rubric, "p1.b.ii", docx, ("(1 − σ\\_1(u))", "(1 + σ\\_1(u))"))
    tilde = ("**(b)**\n\n\\(i\\) dσ~1~/du = e^−u^ / (1 + e^−u^)^2^\n\n"
             "\\(ii\\) dσ~1~/du = σ~1~(u) (1 − σ~1~(u))\n\n**(c)** x\n")
    assert_twins(rubric, "p1.b.ii", tilde, ("(1 − σ~1~(u))", "(1 + σ~1~(u))"))


def test_sigma_alone_with_its_index_inside_its_own_brackets_is_the_shorthand(rubric) -> None:
    report = "1b i. e^-u / (1+e^-u)^2\n   ii. σ1(1-σ1)\n1c. forward\n"
    assert_twins(rubric, "p1.b.ii", report, ("σ1(1-σ1)", "σ1(1+σ1)"))


def test_a_check_at_a_number_is_not_the_answer(rubric) -> None:
    report = ("(b) (i)   σ'(u) = e^{-u} / (1 + e^{-u})^2\n    (ii)  σ'(u) = σ(u) (1 - σ(u))\n"
              "          check: σ(0) = 1/2 -> σ'(0) = 1/4  ok\n\n(c) forward\n")
    assert_twins(rubric, "p1.b.ii", report, ("σ(u) (1 - σ(u))", "σ(u) (1 + σ(u))"))


def test_more_answers_alone_than_the_part_asks_for_is_a_hedge(rubric) -> None:
    hedge = "Problem 1\n1b  e^-u/(1+e^-u)^2 ; σ(1-σ)\n1d  σ2(x2) ; w3·σ2(x2)\n"
    assert grade_report_item(rubric, "p1.d", hedge).status == "review"
    assert grade_report_item(rubric, "p1.d", hedge.replace(" ; w3·σ2(x2)", "")).status == "pass"
    three = "Problem 1\n1b  e^-u/(1+e^-u)^2 ; σ(1-σ) ; σ(1+σ)\n"
    assert grade_report_item(rubric, "p1.b.ii", three).status == "review"
    sheet = "Problem 1\nb-i   e^-u/(1+e^-u)^2 ; e^u/(1+e^-u)^2\nb-ii  σ(1-σ)\n"
    assert grade_report_item(rubric, "p1.b.i", sheet).status == "review"
    assert grade_report_item(rubric, "p1.b.i", sheet.replace(" ; e^u/(1+e^-u)^2", "")).status == "pass"


def test_a_letter_set_apart_is_no_label_where_parts_are_marked(rubric) -> None:
    report = ("Problem 1\n(c) forward pass, keep:\nx1    w1·x\nx2    w2·σ1(x1)\nd     σ2(x2)\n"
              "then the backward pass multiplies local derivatives.\n(e) ∂f/∂w2 = w3·σ2'(x2)·σ1(x1)\n")
    assert grade_report_item(rubric, "p1.d", report).status != "pass"
    sheet = "P1\nb-i   exp(-u)/(1+exp(-u))^2\nb-ii  σ(1-σ)\nd     σ2(x2)\ne     ∂f/∂w2 = w3 σ2'(x2) σ1(x1)\n"
    assert_twins(rubric, "p1.d", sheet, ("d     σ2(x2)", "d     σ1(x1)"))


def test_a_name_for_the_gradient_used_in_the_update(rubric) -> None:
    report = ("1.f      g = dL/dw = Σ_i 2 (f(x^i) - y^i) * [df/dw1 ; df/dw2 ; df/dw3] at x^i\n"
              "         w -= lr * g      (lr = α)\n")
    assert_twins(rubric, "p1.f.update", report, ("w -= lr * g", "w += lr * g"))
    assert_twins(rubric, "p1.f.grad", report, ("Σ_i 2 (f(x^i) - y^i)", "Σ_i (f(x^i) - y^i)"))


def test_a_final_side_offered_with_another_is_a_hedge(rubric) -> None:
    report = ("### (e)\n$\\frac{\\partial f_w}{\\partial w_2}=\\frac{\\partial f_w}{\\partial \\sigma_2}"
              "\\frac{\\partial \\sigma_2}{\\partial x_2}\\frac{\\partial x_2}{\\partial w_2}$\n\n"
              "$=w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)$ &nbsp;&nbsp; or &nbsp;&nbsp; "
              "$w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)$ ??\n")
    hedged = grade_report_item(rubric, "p1.e.w2", report)
    assert hedged.status == "review" and "two answers offered" in hedged.feedback
    committed = report[:report.index(" &nbsp;&nbsp; or")] + "\n"
    assert grade_report_item(rubric, "p1.e.w2", committed).status == "pass"
