"""Reading rules found on the fourteenth held-out batch (terse answer sheets, other majors' notation, converted
exports, an international class), each with a wrong twin that must not pass.
"""
from __future__ import annotations

from grader.expressions.lhs import describe
from grader.reading.labels import read_label
from grader.reading.plain_math import equation_in_line, offered_instead
from reference.mnist_backprop.vocabulary import LATEX_VOCABULARY
from tests.helpers import assert_twins, grade_report_item

SHEET = ("1a: graph drawn\n"
         "1b: e^-u/(1+e^-u)^2, s1(u)(1-s1(u))\n"
         "1c: fwd - compute f, bwd - backprop grads\n"
         "1d: s2(x2)\n"
         "1e: dw2 = w3 s2(x2)(1-s2(x2)) s1(x1), dw1 = w3 s2(x2)(1-s2(x2)) w2 s1(x1)(1-s1(x1)) x\n"
         "1f: gradL = sum_i 2(f(x^i)-y^i) grad f(x^i), w <- w - a gradL\n")


def test_answers_set_apart_by_commas_are_read_in_order(rubric) -> None:
    assert_twins(rubric, "p1.b.i", SHEET, ("e^-u/(1+e^-u)^2,", "e^-u/(1+e^-u),"))
    assert_twins(rubric, "p1.b.ii", SHEET, ("s1(u)(1-s1(u))\n", "s1(u)(1+s1(u))\n"))
    swapped = SHEET.replace("e^-u/(1+e^-u)^2, s1(u)(1-s1(u))", "s1(u)(1-s1(u)), e^-u/(1+e^-u)^2")
    assert grade_report_item(rubric, "p1.b.i", swapped).status != "pass"


def test_an_answer_sheets_derivative_words_name_the_answer(rubric) -> None:
    assert_twins(rubric, "p1.e.w2", SHEET, ("(1-s2(x2)) s1(x1), dw1", "(1-s2(x2)) x, dw1"))
    assert_twins(rubric, "p1.e.w1", SHEET, ("s1(x1)(1-s1(x1)) x\n", "s1(x1)(1-s1(x1))\n"))
    swapped = SHEET.replace("dw2 = w3 s2(x2)(1-s2(x2)) s1(x1), dw1 = w3 s2(x2)(1-s2(x2)) w2 s1(x1)(1-s1(x1)) x",
                            "dw1 = w3 s2(x2)(1-s2(x2)) s1(x1), dw2 = w3 s2(x2)(1-s2(x2)) w2 s1(x1)(1-s1(x1)) x")
    assert grade_report_item(rubric, "p1.e.w2", swapped).status != "pass"  # named, not placed: dw1 is not ∂f/∂w2
    assert_twins(rubric, "p1.f.grad", SHEET, ("2(f(x^i)-y^i) grad", "(f(x^i)-y^i) grad"))
    assert_twins(rubric, "p1.f.update", SHEET, ("w - a gradL", "w + a gradL"))


def test_leads_after_semicolons_name_each_answer(rubric) -> None:
    sheet = ("1 a) graph\n  d) s(w2 s(w1 x))\n"
             "  e) w1: w3 s(x2)(1-s(x2)) w2 s(x1)(1-s(x1)) x ; w2: w3 s(x2)(1-s(x2)) s(x1)\n")
    assert_twins(rubric, "p1.e.w2", sheet, ("(1-s(x2)) s(x1)\n", "(1-s(x2)) x\n"))
    assert_twins(rubric, "p1.e.w1", sheet, ("(1-s(x1)) x ;", "(1-s(x1)) ;"))
    swapped = sheet.replace("w1: w3", "wA: w3").replace("w2: w3", "w1: w3").replace("wA: w3", "w2: w3")
    assert grade_report_item(rubric, "p1.e.w1", swapped).status != "pass"


def test_a_line_of_answers_under_a_label_is_not_the_label_above(rubric) -> None:
    sheet = "1 a) graph\n  d) s(w2 s(w1 x))\n  e) w2: w3 s(x2)(1-s(x2)) s(x1)\n"
    assert_twins(rubric, "p1.d", sheet, ("s(w2 s(w1 x))", "s(w1 x)"))


def test_a_bare_s_applied_is_sigma(rubric) -> None:
    sheet = "b) i. e^-u/(1+e^-u)^2\n   ii. s(u)*(1-s(u))\nd) s(w2*s(w1*x))\n"
    assert_twins(rubric, "p1.b.ii", sheet, ("s(u)*(1-s(u))", "s(u)*(1+s(u))"))
    assert_twins(rubric, "p1.b.i", sheet, ("e^-u/(1+e^-u)^2", "e^-u/(1+e^-u)"))
    defined = "Let s = w1*x.\n" + sheet
    assert grade_report_item(rubric, "p1.d", defined).status != "pass"  # s defined otherwise: no abbreviation


def test_numbered_parts_and_other_answer_sheet_labels() -> None:
    for text, want in (("1.4 σ2(x2)", ("1", "d", None)), ("2.3 520 + 0", ("2", "c", None)),
                       ("1.2 (i) e^-u", ("1", "b", "i")), ("1b - e^-u/(1+e^-u)^2", ("1", "b", None)),
                       ("b) i. e^-u", (None, "b", "i"))):
        label = read_label(text, 0)
        assert label is not None and (label.problem, label.part, label.sub) == want, text
    lettered = "1.1 Setup\n\\section*{1.2 (b)}\n"
    assert read_label(lettered, 0) is None  # a section number in a hand-in that letters its parts
    assert read_label("1.5 times larger", 0) is None or read_label("1.5 times larger", 0).part == "e"


def test_plain_marks_of_the_next_iterate() -> None:
    for text in ("wj_new", "w_j new", "wnew", "w_j^+", "w_j (new)", "wj^{new}"):
        shape = describe(text, LATEX_VOCABULARY)
        assert shape is not None and shape.kind == "name" and shape.of.endswith("^new"), text
    assert describe("w_j", LATEX_VOCABULARY).of == "w_j"


def test_a_plain_update_with_a_generic_index(rubric) -> None:
    report = "(f) dL/dwj = sum_{i=1..2} 2 (f_w(x^i) - y^i) * df_w(x^i)/dwj\n\n    wj_new = wj - alpha * dL/dwj\n"
    assert_twins(rubric, "p1.f.update", report, ("wj - alpha", "wj + alpha"))


def test_an_assignment_sign_in_plain_text() -> None:
    line = "Gradient descent: 𝑤 ≔ 𝑤 − 𝛼·∇𝐿"
    found = equation_in_line(line)
    assert found is not None and line[found[0]:found[1]] == "𝑤 ≔ 𝑤 − 𝛼·∇𝐿"


def test_several_updates_on_one_line_with_unicode_indices(rubric) -> None:
    report = ("(f) ∇_w L = (∂L/∂w₁, ∂L/∂w₂, ∂L/∂w₃)\n\n"
              "     Update: w₁ ← w₁ − α·∂L/∂w₁,  w₂ ← w₂ − α·∂L/∂w₂,  w₃ ← w₃ − α·∂L/∂w₃\n")
    assert_twins(rubric, "p1.f.update", report, ("w₃ ← w₃ − α", "w₃ ← w₃ + α"))


def test_or_between_two_answers_in_a_display_is_a_hedge(rubric) -> None:
    for word in ("or", "o", "ou", "oder"):
        report = ("### (b)\n(i) $$\\frac{d\\sigma}{du} = \\frac{e^{-u}}{(1+e^{-u})^2} \\quad\\text{" + word +
                  "}\\quad \\frac{e^{u}}{(1+e^{-u})^2}$$\n\n(ii) $\\sigma'(u) = \\sigma(u)(1-\\sigma(u))$\n")
        result = grade_report_item(rubric, "p1.b.i", report)
        assert result.status == "review" and "two answers" in result.feedback, word
    said_again = ("### (b)\n(i) $$\\frac{d\\sigma}{du} = \\frac{e^{-u}}{(1+e^{-u})^2} \\quad\\text{i.e.}\\quad "
                  "\\frac{d\\sigma}{du} = \\frac{1}{(1+e^{-u})^2}$$\n")
    assert grade_report_item(rubric, "p1.b.i", said_again).status != "pass"  # a wrong restatement is no pass
    other_form = ("### (b)\n(ii) $$\\frac{d\\sigma}{du} = \\sigma(u)(1-\\sigma(u)) \\quad\\text{i.e.}\\quad "
                  "\\frac{d\\sigma}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}$$\n")
    assert grade_report_item(rubric, "p1.b.ii", other_form).status == "pass"  # the asked form, then the other one


def test_or_opening_the_next_line_is_a_hedge(rubric) -> None:
    report = ("**1 e)**\n∂f/∂w₂ = w₃ · σ₂(x₂)(1 − σ₂(x₂)) · σ₁(x₁)\n\n"
              "∂f/∂w₁ = w₃ · σ₂(x₂)(1 − σ₂(x₂)) · w₂ · σ₁(x₁)(1 − σ₁(x₁)) · x\n"
              "   ou bien  w₃ · σ₂(x₂)(1 − σ₂(x₂)) · w₂ · σ₁(x₁)(1 − σ₁(x₁))   (je ne suis plus sûr, x₁ = w₁x ??)\n")
    result = grade_report_item(rubric, "p1.e.w1", report)
    assert result.status == "review" and "two answers" in result.feedback
    assert grade_report_item(rubric, "p1.e.w2", report).status == "pass"
    assert offered_instead("or something like that") is None


def test_a_text_box_that_lost_its_line_breaks(rubric) -> None:
    report = ("Problem 1 (a) I drew the graph on paper and uploaded it as a separate file, it is a chain "
              "x -> *w1 -> sigma1 -> *w2 -> sigma2 -> *w3 -> f (b) (i) dsigma1/du = exp(-u) / (1+exp(-u))^2 "
              "(ii) dsigma1/du = sigma1(u) * (1 - sigma1(u)) (c) forward pass = compute the output of the network "
              "given input and weights, going from input to output (d) df/dw3 = sigma2(w2*sigma1(w1*x)) "
              "(e) df/dw2 = w3 * sigma2(x2)*(1-sigma2(x2)) * sigma1(x1)\n")
    assert_twins(rubric, "p1.b.ii", report, ("(1 - sigma1(u))", "(1 + sigma1(u))"))
    assert_twins(rubric, "p1.d", report, ("sigma2(w2*sigma1(w1*x))", "sigma2(w1*x)"))


def test_a_statistics_model_of_x_and_w(rubric) -> None:
    report = ("## Problem 1\n$$\\hat y(x, w) = w_3\\,\\sigma\\big(w_2\\,\\sigma(w_1x)\\big)$$\n"
              "Let $\\eta_1 = w_1x$, $h_1 = \\sigma(\\eta_1)$, $\\eta_2 = w_2h_1$, $h_2 = \\sigma(\\eta_2)$.\n"
              "### (d)\n$$\\frac{\\partial \\hat y}{\\partial w_3} = h_2$$\n"
              "### (e)\n$$\\frac{\\partial \\hat y}{\\partial w_2} = w_3\\cdot h_2(1-h_2)\\cdot h_1$$\n")
    assert_twins(rubric, "p1.d", report, ("= h_2$$", "= h_1$$"))
    assert_twins(rubric, "p1.e.w2", report, ("h_2(1-h_2)\\cdot h_1", "h_2(1+h_2)\\cdot h_1"))


def test_a_programs_zero_start_is_not_the_answer(rubric) -> None:
    report = ("(f) dL/dw_j = sum_{i=1,2} 2*(f_w(x^i) - y^i) * df_w(x^i)/dw_j      (j = 1,2,3)\n\n"
              "    pseudo code:\n          grad = [0, 0, 0]\n          w_j = w_j - lr * grad[j]\n")
    assert_twins(rubric, "p1.f.grad", report, ("2*(f_w(x^i) - y^i)", "(f_w(x^i) - y^i)"))


def test_a_restatement_after_words_is_the_answers_last_side(rubric) -> None:
    """Red-team round 13: a right answer "said again" wrongly after "i.e." or "so" was graded by its first form."""
    for word in ("i.e.", "so", "hence"):
        report = ("### (d)\n$$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2) \\quad\\text{" + word +
                  "}\\quad w_3\\,\\sigma_2(x_2)$$\n")
        assert grade_report_item(rubric, "p1.d", report).status != "pass", word
        same = report.replace("w_3\\,\\sigma_2(x_2)$$", "\\sigma(w_2\\sigma(w_1 x))$$")
        assert grade_report_item(rubric, "p1.d", same).status == "pass", word


def test_words_that_offer_another_answer_are_hedges(rubric) -> None:
    for words in ("or maybe", "vs.", "perhaps"):
        report = ("### (d)\n$$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2) \\quad\\text{" + words +
                  "}\\quad w_3\\,\\sigma_2(x_2)$$\n")
        assert grade_report_item(rubric, "p1.d", report).status == "review", words
    for line in ("    maybe w3*s2(x2)", "    alternatively: w3*s2(x2)", "    or maybe w3*s2(x2)"):
        sheet = f"1c: words\n1d: s2(x2)\n{line}\n1e w2: w3*s2(x2)(1-s2(x2))*s1(x1)\n"
        assert grade_report_item(rubric, "p1.d", sheet).status == "review", line
    either = "### (d)\nIt is either $\\sigma_2(x_2)$ or $w_3\\sigma_2(x_2)$, depending on the convention.\n"
    assert grade_report_item(rubric, "p1.d", either).status == "review"


def test_a_second_formula_after_a_comma_is_a_hedge(rubric) -> None:
    sheet = ("1 a) graph\n  d) s(w2 s(w1 x))\n"
             "  e) w2: w3 s(x2)(1-s(x2)) s(x1), w3 s(x2)(1-s(x2)) x ; w1: w3 s(x2)(1-s(x2)) w2 s(x1)(1-s(x1)) x\n")
    assert grade_report_item(rubric, "p1.e.w2", sheet).status == "review"
    remark = "(d) $$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2), \\quad x_2 = w_2\\sigma_1(x_1)$$\n"
    assert grade_report_item(rubric, "p1.d", remark).status == "pass"  # a definition after the comma: no hedge


def test_parameter_free_layers_named_together(rubric) -> None:
    head = "Problem 2\n(c) "
    for said in ("conv1 520, conv2 25050, fc1 400500, fc2 5010, relu/pool 0, total 431080",
                 "conv1 520 / conv2 25050 / fc1 400500 / fc2 5010 / rest 0 ; total 431080",
                 "conv1: 520, relu1, pool1: 0, conv2: 25050, relu2, pool2: 0, fc1: 400500, fc2: 5010, total: 431080"):
        assert_twins(rubric, "p2.c", head + said + "\n", ("400500", "400000"))
    table = ("\\documentclass{article}\\begin{document}\\section*{Problem 2}\\subsection*{(c)}\n\\begin{tabular}{lr}\n"
             "conv1 & $520$\\\\\nReLU1, pool1 & $0$\\\\\nconv2 & $25\\,050$\\\\\nReLU2, pool2 & $0$\\\\\n"
             "fc1 & $400\\,500$\\\\\nfc2 & $5\\,010$\\\\\ntotal & $431\\,080$\n\\end{tabular}\n\\end{document}\n")
    assert_twins(rubric, "p2.c", table, ("$5\\,010$", "$5\\,000$"))


def test_a_filter_shape_with_its_count_after_it(rubric) -> None:
    for said in ("5×5×1, × 20 filters", "5x5x1 (20 Stueck)", "5×5×1 filters, 20 of them"):
        report = (f"Problem 2\n(a)\n- input: 28×28\n- conv1 filter: {said}\n- after conv1: 24×24×20\n"
                  "- after pool: 12×12×20\n")
        assert grade_report_item(rubric, "p2.a", report).status == "pass", said
        assert grade_report_item(rubric, "p2.a", report.replace("24×24×20", "25×25×20")).status != "pass", said


def test_an_update_written_as_a_map(rubric) -> None:
    for arrow in ("\\to", "\\mapsto", "\\longmapsto"):
        report = f"(f)\n$$\\vec w \\;{arrow}\\; \\vec w' = \\vec w - \\alpha\\,\\nabla_w L(\\vec w)$$\n"
        assert_twins(rubric, "p1.f.update", report, ("\\vec w - \\alpha", "\\vec w + \\alpha"))


def test_part_words_of_more_languages() -> None:
    for text in ("## Onderdeel c", "Şıkkı c)", "podpunkt c)", "Bagian c", "část c)", "kohta c", "пункт c)"):
        label = read_label(text, 0, heading=True)
        assert label is not None and label.part == "c", text
    for text in ("Feladat 2", "Tehtävä 2", "Příklad 2", "Soalan 2"):
        label = read_label(text, 0, heading=True)
        assert label is not None and label.problem == "2", text


def test_a_full_stop_between_factors_is_a_product(rubric) -> None:
    sheet = ("Bài 1\n(b)\n  (i)  σ1'(u) = e^(-u)/(1 + e^(-u))^2\n  (ii) σ1'(u) = σ1(u).(1 - σ1(u))\n"
             "(d)\n  ∂f/∂w3 = σ2(w2.σ1(w1.x))\n(f)\n    w1 <- w1 - α.∂L/∂w1\n")
    assert_twins(rubric, "p1.b.ii", sheet, (".(1 - σ1(u))", ".(1 + σ1(u))"))
    assert_twins(rubric, "p1.d", sheet, ("σ2(w2.σ1(w1.x))", "σ2(w1.x)"))


def test_tau_numbers_the_iterates(rubric) -> None:
    report = "(f)\n$\\mathbf w^{(\\tau+1)} = \\mathbf w^{(\\tau)} - \\alpha\\nabla_w L(\\mathbf w^{(\\tau)})$.\n"
    assert_twins(rubric, "p1.f.update", report, ("} - \\alpha", "} + \\alpha"))


def test_a_name_given_to_the_function_in_brackets(rubric) -> None:
    sheet = ("(b)-ii: s'(u) = s(u)(1-s(u))      [s = σ1]\n(c): words\n(d): df/dw3 = s(w2*s(w1*x))\n")
    assert_twins(rubric, "p1.b.ii", sheet, ("s(u)(1-s(u))", "s(u)(1+s(u))"))
    assert_twins(rubric, "p1.d", sheet, ("s(w2*s(w1*x))", "s(w1*x)"))


def test_red_team_14_words_and_marks_between_two_formulas(rubric) -> None:
    """Red-team round 14: a right answer, then words not read here or an arrow, then a wrong final form."""
    right = "w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)"
    wrong = "\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)"
    for between in ("\\quad\\text{das heißt}\\quad", "\\quad\\text{namely}\\quad", "\\quad\\text{dvs.}\\quad",
                    "\\quad\\textrm{i.e.}\\quad", "\\Rightarrow", "\\rightarrow", "\\quad\\text{bzw.}\\quad",
                    "\\quad\\mathrm{or}\\quad", "\\quad\\textit{or}\\quad", "\\text{ or }",
                    "\\quad\\text{sinon}\\quad"):
        report = f"### (e)\n$$\\frac{{\\partial f}}{{\\partial w_2}} = {right} {between} {wrong}$$\n"
        assert grade_report_item(rubric, "p1.e.w2", report).status != "pass", between
    said_again = (f"### (e)\n$$\\frac{{\\partial f}}{{\\partial w_2}} = {right} \\quad\\text{{namely}}\\quad "
                  f"{right}$$\n")
    assert grade_report_item(rubric, "p1.e.w2", said_again).status == "pass"
    line = f"### (e)\n$$\\frac{{\\partial f}}{{\\partial w_2}} = {right}$$\n\nbzw. ${wrong}$ (not sure)\n"
    assert grade_report_item(rubric, "p1.e.w2", line).status == "review"


def test_a_plain_restatement_after_i_e(rubric) -> None:
    report = "(c) words\n(d) ∂f/∂w3 = σ2(x2), i.e. σ2(w2 σ1(w1 x)).\n(e) x\n"
    assert_twins(rubric, "p1.d", report, ("i.e. σ2(w2 σ1(w1 x))", "i.e. w3 σ2(w2 σ1(w1 x))"))
    update = "(f)\nΔw = −α ∇_w L,  i.e.  w_i ← w_i − α ∂L/∂w_i\n"
    assert_twins(rubric, "p1.f.update", update, ("w_i − α", "w_i + α"))


def test_a_name_for_the_sigmoid_with_numbered_uses(rubric) -> None:
    report = ("s = sigmoid, s(u) = 1/(1+exp(-u))\nx1 = w1*x ; x2 = w2*s1(x1) ; f = w3*s2(x2)\n\n"
              "b) (i)  s1'(u) = exp(-u) / (1 + exp(-u))^2\n   (ii) s1'(u) = s1(u) * (1 - s1(u))\n\n"
              "d) df/dw3 = s2(x2)\n")
    assert_twins(rubric, "p1.d", report, ("= s2(x2)", "= s1(x1)"))


def test_the_questions_own_sizes_restated_answer_nothing(rubric) -> None:
    report = "Problem 2\n(b) filter 5×5 (8×8×50 after conv2, 4×4×50 after pooling), stride 1, 20 channels\n"
    assert_twins(rubric, "p2.b", report, ("filter 5×5", "filter 3×3"))
    only = "Problem 2\n(b) To get 8x8x50 from the previous 12x12x20 we need the right filter.\n"
    assert grade_report_item(rubric, "p2.b", only).status == "review"


def test_a_correction_written_after_the_answer_goes_to_a_person(rubric) -> None:
    """Red-team round 15: a later correction, edit or revised item was never read; the first answer was graded."""
    sheet = ("1c: words\n1d: s2(x2)\n"
             "1e w2: w3*s2(x2)(1-s2(x2))*s1(x1) ; w1: w3*s2(x2)(1-s2(x2))*w2*s1(x1)(1-s1(x1))*x\n"
             "    EDIT: dw2 should be s2(x2)(1-s2(x2))*s1(x1) (w3 not needed)\n1f: gradL = sum_i 2(f(x^i)-y^i)\n")
    assert grade_report_item(rubric, "p1.e.w2", sheet).status == "review"
    markdown = ("### (e)\n$$\\frac{\\partial f}{\\partial w_2} = "
                "w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)$$\n\n"
                "## Problem 2\n(a) 28x28\n\n**Correction to (e):** I forgot that w3 is constant, so "
                "$\\frac{\\partial f}{\\partial w_2} = \\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)$.\n")
    assert grade_report_item(rubric, "p1.e.w2", markdown).status != "pass"
    org = "* 1\n- c :: words\n- d :: s2(x2)\n- d (revised) :: s2(x2)*w3\n- e :: w2: w3*s2(x2)\n"
    assert grade_report_item(rubric, "p1.d", org).status != "pass"
    note = ("Problem 1\n=========\n\n"
            "(e) :math:`\\partial f/\\partial w_2 = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)`\n\n"
            "   .. note:: Actually :math:`\\partial f/\\partial w_2 = "
            "\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)`.\n")
    assert grade_report_item(rubric, "p1.e.w2", note).status != "pass"
    update = "(f)\nUpdate: $w \\leftarrow w - \\alpha\\nabla_w L$\n"  # "Update:" names the answer, it corrects nothing
    assert grade_report_item(rubric, "p1.f.update", update).status == "pass"


def test_hedges_of_more_than_one_word_opening_a_line(rubric) -> None:
    for words in ("oder vielleicht", "of misschien", "eventueel", "or maybe"):
        sheet = f"1c: words\n1d: s2(x2)\n    {words} w3*s2(x2)\n1e w2: w3*s2(x2)(1-s2(x2))*s1(x1)\n"
        assert grade_report_item(rubric, "p1.d", sheet).status == "review", words
