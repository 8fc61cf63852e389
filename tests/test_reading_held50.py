"""Readings from batch 50's reports (students who answer in sentences, PDF text layers, ordinary exports): numbers
spelled out, a setting named before its value, a working said in words, "Problem 1 / b)" labels, names defined again
at a data point's index, a function's argument that looks like a label, fractions a PDF's text broke over lines, a
text layer that lost every superscript, derivatives named in words, quoted formulas, hedges in plain text. Each
reading has a wrong twin."""
from __future__ import annotations

import pytest

from grader.reading.number_words import spelled_as_digits
from tests.helpers import grade_report_item


@pytest.mark.parametrize("said, read", [
    ("the filter size is five by five, the stride is one", "the filter size is 5 by 5, the stride is 1"),
    ("twenty-eight by twenty-eight", "28 by 28"),
    ("there are fifty such filters", "there are 50 such filters"),
    ("four hundred thirty-one thousand and eighty parameters", "431080 parameters"),
    ("with stride one and no padding", "with stride 1 and no padding"),
    ("one of the filters is the one I used", "one of the filters is the one I used"),  # no value: words stay
    ("the stride is one of the settings", "the stride is one of the settings"),
    ("stride one or two", "stride one or two"),  # a hedge stays words, and so is read by no one
    ("the two layers", "the two layers"),
])
def test_numbers_in_words_become_digits_only_where_a_value_stands(said: str, read: str) -> None:
    assert spelled_as_digits(said) == read


@pytest.mark.parametrize("stride, expected", [("one", "pass"), ("two", "partial")])
def test_a_part_answered_in_words(rubric, stride: str, expected: str) -> None:
    report = ("Question 2 part b\nSo the filter size is five by five, the stride is "
              f"{stride}, and the channel dimension is twenty.\n\nQuestion 2 part c\nwords\n")
    assert grade_report_item(rubric, "p2.b", report, "r.txt").status == expected


@pytest.mark.parametrize("out, expected", [("24x24x20", "pass"), ("23x23x20", "partial")])
def test_a_setting_before_the_output_is_not_the_output(rubric, out: str, expected: str) -> None:
    """"After conv1: stride 1 and no padding, so …, the output is 24x24x20": the stride's 1 is no output size."""
    report = ("Problem 2\n\n(a) Input 28x28x1. Filter of conv1: 5x5x1x20.\n"
              f"After conv1: stride 1 and no padding, so the output is {out}.\n"
              "After the 2x2 max pooling: 12x12x20.\n\n(b) words\n")
    assert grade_report_item(rubric, "p2.a", report, "r.txt").status == expected


@pytest.mark.parametrize("conv1, expected", [("which is 520", "pass"), ("which is 500", "partial")])
def test_a_working_said_in_words_ends_at_its_result(rubric, conv1: str, expected: str) -> None:
    report = ("Problem 2\n\n(c) The number of parameters, counting biases:\n"
              f"  conv1 has (5*5*1)*20 weights plus 20 biases, {conv1}.\n  relu1 and pool1 have no parameters.\n"
              "  conv2 has (5*5*20)*50 weights plus 50 biases, which is 25,050.\n  relu2 and pool2 have no "
              "parameters.\n  fc1: 800*500 + 500\n  = 400,500.\n  fc2: 500*10 + 10 = 5,010.\n"
              "So in total the network has 431,080 trainable parameters.\n")
    assert grade_report_item(rubric, "p2.c", report, "r.txt").status == expected


@pytest.mark.parametrize("w2, expected", [("w₃ σ₂(g)(1−σ₂(g)) · s", "pass"), ("w₃ σ₂(g)(1+σ₂(g)) · s", "fail")])
def test_problem_and_part_set_apart_by_a_slash(rubric, w2: str, expected: str) -> None:
    report = ("## Problem 1\n\nMy names: h = w₁x, s = σ₁(h), g = w₂ s.\n\n### Problem 1 / d)\n∂f/∂w₃ = σ₂(g)\n\n"
              f"### Problem 1 / e)\n∂f/∂w₂ = {w2}\n\n### Problem 1 / f)\nwords\n")
    assert grade_report_item(rubric, "p1.e.w2", report).status == expected


@pytest.mark.parametrize("factor, expected", [("(1−s¹)", "pass"), ("(1+s¹)", "partial")])
def test_names_defined_again_at_a_data_points_index(rubric, factor: str, expected: str) -> None:
    """"sⁱ = σ₁(hⁱ)": s¹ is s at x¹, not s to the first power."""
    grad = (f"∂L/∂w₁ = 2(f_w(x¹) − y¹) w₃σ₂(g¹)(1−σ₂(g¹)) w₂ s¹{factor} x¹ + 2(f_w(x²) − y²) w₃σ₂(g²)(1−σ₂(g²)) "
            "w₂ "
            "s²(1−s²) x²\n\n∂L/∂w₂ = 2(f_w(x¹) − y¹) w₃σ₂(g¹)(1−σ₂(g¹)) s¹ + 2(f_w(x²) − y²) w₃σ₂(g²)(1−σ₂(g²)) s²"
            "\n\n∂L/∂w₃ = 2(f_w(x¹) − y¹) σ₂(g¹) + 2(f_w(x²) − y²) σ₂(g²)\n\n")
    report = ("## Problem 1\n\nMy names: h = w₁x, s = σ₁(h), g = w₂ s.\n\n### Problem 1 / f)\n"
              "L(w) = Σ (y − f_w(x))²\n\n" + grad +
              "(superscript i means the quantity computed with input xⁱ: hⁱ = w₁xⁱ, sⁱ = σ₁(hⁱ), gⁱ = w₂sⁱ)\n\n"
              "and ∇_w L = (∂L/∂w₁, ∂L/∂w₂, ∂L/∂w₃)ᵀ.\n\nUpdate: w ← w − α ∇_w L\n")
    assert grade_report_item(rubric, "p1.f.grad", report).status == expected


PDF_TEXT = ("Problem 1. Back propagation\nLet a = w1 x, s = σ1 (a), b = w2 s, so that fw (x) = w3 σ2 (b).\n"
            "(a) The graph is attached.\n(b)\n(i) words\n(ii) words\n(c) words\n(d)\n∂fw\n= {d}\n∂w3\n"
            "(e) words\n")


@pytest.mark.parametrize("d, expected", [("σ2 (b) = σ2 (w2 σ1 (w1 x))", "pass"), ("σ2 (a)", "fail")])
def test_a_functions_argument_in_brackets_is_no_label(rubric, d: str, expected: str) -> None:
    """"s = σ1 (a), b = …" in a PDF's text: (a) is the argument, not part (a) (the parts would all shift)."""
    assert grade_report_item(rubric, "p1.d", PDF_TEXT.format(d=d), "r.txt").status == expected


STACKED = ("(d)\n𝜕𝑓𝑤\n𝜕𝑤3\n= 𝑠2\n\n(e)\n𝜕𝑓𝑤\n𝜕𝑤2\n= 𝑤3\n𝜕𝑠2\n𝜕𝑤2\n= {w2}\n\n𝜕𝑓𝑤\n𝜕𝑤1\n= 𝑤3𝑠2(1 − 𝑠2)𝑤2\n"
           "𝜕𝑠1\n𝜕𝑤1\n= 𝑤3𝑠2(1 − 𝑠2)𝑤2𝑠1(1 − 𝑠1)𝑥\n\n(f)\nwords\n")


@pytest.mark.parametrize("w2, expected", [("𝑤3𝑠2(1 − 𝑠2)𝑠1", "pass"), ("𝑤3𝑠2(1 + 𝑠2)𝑠1", "fail")])
def test_a_factor_a_pdf_set_after_a_side_goes_on_to_the_next(rubric, w2: str, expected: str) -> None:
    """"= w3" / "∂s2" / "∂w2" / "= …": the fraction is a factor of the side, the answer is the last side."""
    report = "Let s1 = σ1(w1 x), s2 = σ2(w2 s1).\n\n" + STACKED.format(w2=w2)
    assert grade_report_item(rubric, "p1.e.w2", report, "r.txt").status == expected
    assert grade_report_item(rubric, "p1.e.w1", report, "r.txt").status == "pass"


@pytest.mark.parametrize("den, expected", [("(1 + e−u)2", "pass"), ("(1 + e−u)", "review")])
def test_a_fraction_whose_bar_the_export_lost(rubric, den: str, expected: str) -> None:
    """"= e−u" over an indented "(1 + e−u)2" in a text layer that writes no power anywhere: e^{-u}/(1+e^{-u})^2
    (the wrong twin's right step before it sends it to a person: a slip in the last line?)."""
    report = ("(b)\n(i)  dσ1/du = −(1 + e−u)−2 ∙ (−e−u)\n\n     = e−u\n       " + den +
              "\n\n(ii) dσ1/du = σ1(u)(1 − σ1(u))\n\n(c) words\n")
    assert grade_report_item(rubric, "p1.b.i", report, "r.txt").status == expected


@pytest.mark.parametrize("report, expected", [
    ("(b)\n(i) dσ/du = e−u/(1 + e−u)2\n(ii) dσ/du = σ(u)(1 − σ(u))\n(c) words\n", "pass"),
    ("(b)\n(i) dσ/du = e−u/(1 + e−u)\n(ii) dσ/du = σ(u)(1 − σ(u))\n(c) words\n", "fail"),
    # a hyphen typed by hand may be what the student meant: a person decides, as before
    ("(b)\n(i) dσ/du = e-u/(1 + e-u)2\n(ii) dσ/du = σ(u)(1 − σ(u))\n(c) words\n", "review"),
    # a hand-in that writes powers elsewhere lost none: "(1 + e−u)2" is read as written
    ("(b)\n(i) dσ/du = e−u/(1 + e−u)2\n(ii) dσ/du = σ(u)(1 − σ(u)), σ(u) = 1/(1+e^{-u})\n(c) words\n", "review"),
])
def test_a_text_layer_that_lost_every_superscript(rubric, report: str, expected: str) -> None:
    assert grade_report_item(rubric, "p1.b.i", report, "r.txt").status == expected


@pytest.mark.parametrize("w3, expected", [("sigma(q)", "pass"), ("sigma(p)", "fail")])
def test_a_derivative_named_in_words(rubric, w3: str, expected: str) -> None:
    report = ("Notation. I call p = w1*x and q = w2*sigma(p), so f = w3*sigma(q).\n\n"
              f"Part (d). The derivative of f with respect to w3 is {w3}, in other words the second output.\n\n"
              "Part (e). The derivative of f with respect to w2 is\n    w3 * sigma(q)*(1 - sigma(q)) * sigma(p),\n"
              "because of the chain rule.\n\nPart (f). words\n")
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == expected
    assert grade_report_item(rubric, "p1.e.w2", report, "r.txt").status == "pass"


def test_a_derivative_that_is_another_one_stays_words(rubric) -> None:
    report = ("Part (d). The derivative of f with respect to w3 is the derivative of the last product, which is "
              "easy.\n\nPart (e). words\n")
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == "review"


@pytest.mark.parametrize("ii, expected", [("σ(u)·(1 − σ(u))", "pass"), ("σ(u)·(1 + σ(u))", "fail")])
def test_formulas_set_in_a_quote(rubric, ii: str, expected: str) -> None:
    report = ("## Problem 1\n\n**(b)** In terms of the exponential\n\n> σ′(u) = e^{−u} / (1 + e^{−u})²\n\n"
              f"and in terms of σ\n\n> σ′(u) = {ii}.\n\n**(c)** words\n")
    assert grade_report_item(rubric, "p1.b.ii", report).status == expected


@pytest.mark.parametrize("between, expected", [("     or     ", "review"), ("\n\nand also, for w: ", "pass")])
def test_two_gradients_offered_in_plain_text(rubric, between: str, expected: str) -> None:
    report = ("(f)\n∇𝑤ℒ = ∑𝑖=1,2 2(𝑓𝑤(𝑥𝑖) − 𝑦𝑖) ∙ ∇𝑤𝑓𝑤(𝑥𝑖)" + between +
              "∑𝑖=1,2 2(𝑦𝑖 − 𝑓𝑤(𝑥𝑖)) ∙ ∇𝑤𝑓𝑤(𝑥𝑖)\n\nGradient descent: 𝑤 ← 𝑤 − 𝛼∇𝑤ℒ(𝑤)\n")
    assert grade_report_item(rubric, "p1.f.grad", report, "r.txt").status == expected


@pytest.mark.parametrize("conv, expected", [("24 × 24 × 20", "pass"), ("23 × 23 × 20", "partial")])
def test_a_size_before_the_filters_it_sizes(rubric, conv: str, expected: str) -> None:
    """"twenty 5 × 5 filters": the filters' size, not the convolution's output."""
    report = ("## Problem 2\n\n**(a)** The input image is 28 × 28 with a single channel. The first convolution has "
              "twenty 5 × 5 filters on one channel, so its filter dimension is 5 × 5 × 1 × 20. Without padding and "
              f"with stride one, the output after conv1 is {conv}, and the 2 × 2 max-pooling reduces it to "
              "12 × 12 × 20.\n\n**(b)** words\n")
    assert grade_report_item(rubric, "p2.a", report).status == expected


def test_a_quoted_slide_is_not_the_students_answer(rubric) -> None:
    """"> Lecture slide 12 said:" / "> w ← w − α∇L": the lecture's formula under the student's own ascent step."""
    report = ("## Problem 1\n\n**(f)** Update: w ← w + α ∇L\n\n> Lecture slide 12 said:\n>\n> w ← w − α ∇L\n\n"
              "but we move along the gradient here, so my final is the plus one above.\n\n## Problem 2\n")
    assert grade_report_item(rubric, "p1.f.update", report).status == "fail"


@pytest.mark.parametrize("grad, expected", [("2(f_w(x1) - y1) * grad f_w(x1) + 2(f_w(x2) - y2) * grad f_w(x2)", "pass"),
                                            ("2(y1 - f_w(x1)) * grad f_w(x1) + 2(y2 - f_w(x2)) * grad f_w(x2)",
                                             "partial")])
def test_data_points_said_to_mean_x1_and_x2(rubric, grad: str, expected: str) -> None:
    report = ("Notation: x1 = w1*x, x2 = w2*sig1(x1), so f_w(x) = w3*sig2(x2).\n\nQ1(f)\n"
              "L(w) = (y1 - f_w(x1))^2 + (y2 - f_w(x2))^2, where here (x1,y1), (x2,y2) mean the two data points.\n\n"
              f"dL/dw = {grad}\n\nUpdate: w := w - alpha * dL/dw\n\nQ2(a) words\n")
    assert grade_report_item(rubric, "p1.f.grad", report, "r.txt").status == expected


@pytest.mark.parametrize("conv2, expected", [("25,050", "pass"), ("25,000", "partial")])
def test_roman_problems_with_numbered_parts(rubric, conv2: str, expected: str) -> None:
    """"## II.1 + II.2 dimensions", "## II.3 number of parameters": problem 2's parts (a)+(b) and (c)."""
    report = ("# Part I — Back propagation\n\n## I.4 Gradient\n\n$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$"
              "\n\n# Part II — MNIST\n\n## II.1 + II.2 dimensions\n\n| quantity | value |\n| --- | --- |\n"
              "| input | 28×28 |\n\n## II.3 number of parameters\n\n| layer | # params |\n| --- | --- |\n"
              f"| conv1 | 520 |\n| relu1 | 0 |\n| pool1 | 0 |\n| conv2 | {conv2} |\n| relu2 | 0 |\n| pool2 | 0 |\n"
              "| fc1 | 400,500 |\n| fc2 | 5,010 |\n| **total** | **431,080** |\n")
    assert grade_report_item(rubric, "p2.c", report).status == expected
    assert grade_report_item(rubric, "p1.d", report).status == "pass"


@pytest.mark.parametrize("update, expected", [("w^(t) − α·∇_w L(w^(t))", "pass"), ("w^(t) + α·∇_w L(w^(t))", "fail")])
def test_a_bold_lead_and_dashed_part_labels(rubric, update: str, expected: str) -> None:
    report = ("## 1. Backprop\n\n### 1-e\nwords\n\n### 1-f\n"
              "**Answer (gradient):** ∇_w L = Σ_i 2(f_w(xⁱ) − yⁱ) ∇_w f_w(xⁱ)"
              f"\n\n**Answer (update):** w^(t+1) = {update}\n\n## 2. MNIST\n")
    assert grade_report_item(rubric, "p1.f.update", report).status == expected


@pytest.mark.parametrize("update, expected", [("wnew ← w − α ∇w L,", "pass"), ("wnew ← w + α ∇w L,", "fail")])
def test_a_pdfs_flattened_new_weight(rubric, update: str, expected: str) -> None:
    report = ("(f) The gradient is given above.\nThe gradient descent update with step size α is\n"
              f"                                  {update}\nfor each weight.\n\n2     MNIST\n")
    assert grade_report_item(rubric, "p1.f.update", report, "r.txt").status == expected


@pytest.mark.parametrize("top, expected", [("e−u", "pass"), ("eu", "fail")])
def test_an_equals_sign_set_under_a_fraction_bars_start(rubric, top: str, expected: str) -> None:
    """pdftotext sets "=" in the column the denominator starts in: the sign stands before the fraction."""
    report = ("1     Back propagation\n(b) (i) Using the quotient rule,\n"
              f"                                    dσ1         {top}\n"
              "                                           =             .\n"
              "                                     du     (1 + e−u )2\n\n"
              "(ii) Since 1 − σ1 (u) = e−u /(1 + e−u ), dσ1/du = σ1 (u) (1 − σ1 (u)).\n(c) words\n")
    assert grade_report_item(rubric, "p1.b.i", report, "r.txt").status == expected


@pytest.mark.parametrize("d, expected", [("σ2(w2σ1(w1x))", "pass"), ("σ2(w1σ1(w2x))", "fail")])
def test_a_definition_chain_that_restates_the_handouts_function(rubric, d: str, expected: str) -> None:
    """"σ1(u) = 1/(1 + e−u) = eu/(eu + 1)" (a flattened e^u): one side is the sigmoid, so σ1 stays the sigmoid."""
    report = ("1. Back propagation\n\nb)\ni)   σ1(u) = 1/(1 + e−u) = eu/(eu + 1)\n\n"
              f"d)\n∂fw/∂w3 = {d}\n\ne)\nwords\n")
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == expected


@pytest.mark.parametrize("total, expected", [("431.080", "pass"), ("431.580", "partial")])
def test_a_list_items_number_is_no_value(rubric, total: str, expected: str) -> None:
    """"Jumlah parameter tiap layer:" over "1. conv1: … = 520": the item's 1 is not the total."""
    report = ("## Soal 2 bagian (c)\nJumlah parameter tiap layer (termasuk bias):\n1. conv1: (5·5·1 + 1) × 20 = 520\n"
              "2. relu1: 0\n3. pool1: 0\n4. conv2: (5·5·20 + 1) × 50 = 25.050\n5. relu2: 0\n6. pool2: 0\n"
              f"7. fc1: (4·4·50 + 1) × 500 = 400.500\n8. fc2: (500 + 1) × 10 = 5.010\n\nTotal = {total} parameter.\n")
    assert grade_report_item(rubric, "p2.c", report).status == expected


@pytest.mark.parametrize("second_line, expected", [("which is sigma(w2*sigma(w1*x)).", "pass"),
                                                   ("times (1 - sigma(x2)), where x2 = w2*sigma(w1*x).", "fail")])
def test_a_worded_derivative_that_goes_on_over_the_line(rubric, second_line: str, expected: str) -> None:
    """Red team 50: "… is sigma(x2)" / "times (1 - sigma(x2))": the formula goes on; it is never cut at the line."""
    report = ("x1 = w1*x, x2 = w2*sigma(x1).\n\n(d) Differentiating, the derivative of f with respect to w3 is "
              "sigma(x2)\n"
              f"{second_line}\n\n(e) words\n")
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == expected


@pytest.mark.parametrize("tail, expected", [("", "pass"), (" plus w3 * sigma(x2)*(1 - sigma(x2)) * sigma(x1)", "fail")])
def test_an_operator_said_in_words(rubric, tail: str, expected: str) -> None:
    """Red team 50: "A plus B" is A + B, never A with the rest dropped."""
    report = ("x1 = w1*x, x2 = w2*sigma(x1).\n\n(e)\n    df/dw2 = w3 * sigma(x2)*(1 - sigma(x2)) * sigma(x1)\n"
              "    the derivative of f with respect to w1 is w3 * sigma(x2)*(1 - sigma(x2)) * w2 * sigma(x1)*"
              f"(1 - sigma(x1)) * x{tail}\n\n(f) words\n")
    assert grade_report_item(rubric, "p1.e.w1", report, "r.txt").status == expected


@pytest.mark.parametrize("said, expected", [
    ("the channel dimension, i.e. the depth of each filter, is twenty", "pass"),
    ("its channel dimension, i.e. the number of filters, is fifty", "partial"),  # red team 50: the student's 50
])
def test_a_value_in_words_after_an_aside(rubric, said: str, expected: str) -> None:
    report = ("Problem 2\n\n(b) So the filter size is five by five and the stride is one. Conv2 takes the twenty "
              f"channels\ncoming out of pool1, and {said}.\n\n(c) words\n")
    assert grade_report_item(rubric, "p2.b", report, "r.txt").status == expected


def test_padding_said_in_words_is_still_padding(rubric) -> None:
    report = ("Problem 2\n\n(b) So the filter size is five by five, the stride is one with two pixels of zero padding\n"
              "on each side, and the channel dimension is twenty (fifty such filters).\n\n(c) words\n")
    assert grade_report_item(rubric, "p2.b", report, "r.txt").status == "review"


@pytest.mark.parametrize("words, expected", [("I derived it from (i):", "pass"),
                                             ("I did not manage it myself. ChatGPT gave me", "review")])
def test_an_answer_the_student_says_is_not_theirs(rubric, words: str, expected: str) -> None:
    report = ("**(b)**\n\n(i)\n\n> $\\dfrac{d\\sigma_1}{du} = \\dfrac{e^{-u}}{(1+e^{-u})^2}$\n\n"
              f"(ii) {words}\n\n> $\\sigma_1'(u) = \\sigma_1(u)\\,(1-\\sigma_1(u))$\n\n"
              "but I could not verify it, so I am leaving (ii) open.\n\n**(c)** words\n"
              if expected == "review" else
              "**(b)**\n\n(i)\n\n> $\\dfrac{d\\sigma_1}{du} = \\dfrac{e^{-u}}{(1+e^{-u})^2}$\n\n"
              f"(ii) {words}\n\n> $\\sigma_1'(u) = \\sigma_1(u)\\,(1-\\sigma_1(u))$\n\n**(c)** words\n")
    assert grade_report_item(rubric, "p1.b.ii", report).status == expected


@pytest.mark.parametrize("words, expected", [("because $w_3$ only multiplies $\\sigma_2(h_2)$", "pass"),
                                             ("since it is still multiplied by $w_3$", "review")])
def test_a_reason_after_the_answer_changes_nothing(rubric, words: str, expected: str) -> None:
    """"…, because w3 only multiplies σ2(h2)" says why; "…, since it is still multiplied by w3" may change it."""
    report = ("**Question (d):** What is $\\partial f_w/\\partial w_3$?\n\n**Answer.** $\\dfrac{\\partial f_w}"
              f"{{\\partial w_3}} = \\sigma_2\\big(w_2\\,\\sigma_1(w_1 x)\\big)$, {words}.\n\n"
              "**Question (e):** words\n")
    assert grade_report_item(rubric, "p1.d", report).status == expected


@pytest.mark.parametrize("e, expected", [("w~3~ · o(1 − o) · h", "pass"), ("w~3~ · o(1 + o) · h", "fail")])
def test_a_name_o_set_equal_to_sigma_in_pandoc_markup_is_no_glyph(rubric, e: str, expected: str) -> None:
    """"o = σ~2~(w~2~h)": o is the student's name for the second sigmoid's output, not σ as a scan wrote it."""
    report = ("Abbreviations I use: h := σ~1~(w~1~x), o := σ~2~(w~2~h).\n\n1\\. (d) ∂f~w~/∂w~3~ = o = "
              f"σ~2~(w~2~σ~1~(w~1~x))\n\n1\\. (e)\n\n∂f~w~/∂w~2~ = {e}\n\n1\\. (f) words\n")
    assert grade_report_item(rubric, "p1.e.w2", report).status == expected


@pytest.mark.parametrize("after, expected", [("**24×24×20**", "pass"), ("**23×23×20**", "partial")])
def test_a_correction_on_a_labelled_line_is_that_lines(rubric, after: str, expected: str) -> None:
    report = ("## Problem 2\n\n**2a.**\n- input: 28×28\n- conv1 filter: 5×5×1×20\n"
              f"- after conv1: ~~23×23×20~~ oops, 28 − 5 + 1 = 24 → {after}\n- after 2×2 max-pool: **12×12×20**\n\n"
              "**2b.** words\n")
    assert grade_report_item(rubric, "p2.a", report).status == expected


def test_two_answers_in_tex_inline_math_with_spacing(rubric) -> None:
    report = ("(e)\n\\( \\frac{\\partial f}{\\partial w_{1}}=w_{3} \\sigma_{2}^{\\prime}(x_{2}) "
              "\\sigma_{1}^{\\prime}(x_{1}) x \\quad \\) or \\( \\quad w_{3} \\sigma_{2}^{\\prime}(x_{2}) w_{2} "
              "\\sigma_{1}^{\\prime}(x_{1}) x \\) ??\n\n"
              "(f) words\n")
    assert grade_report_item(rubric, "p1.e.w1", report).status == "review"


@pytest.mark.parametrize("part, expected", [("after 2×2 pooling", "pass"), ("pool: 13×13×20", "review")])
def test_a_summarys_value_beats_only_a_modifiers(rubric, part: str, expected: str) -> None:
    """The part says only "2×2 pooling" (a modifier) for the pool: the summary's labelled 12×12×20 answers it; a
    part that says its own size keeps it beside the summary's (two answers: a person decides)."""
    report = ("Problem 2\n(a)–(c): see table. Padding 0 and stride 1 everywhere for the convs, "
              f"{part}.\n\nFINAL ANSWERS\n●\t2(a)\tinput 28×28×1, conv1 filter 5×5×1×20, conv1 out 24×24×20, "
              "pool out 12×12×20\n")
    assert grade_report_item(rubric, "p2.a", report, "r.txt").status == expected
