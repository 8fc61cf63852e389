"""Held-out batch 44: scans through other tools (σ read as Cyrillic б, as a declared "6", powers on the line above,
products typed as bullets), programs' notations (Julia's ``∂f_∂w₁``, ``∂σ(x)``, ``x₂(w, x)``; ``dsig/du`` after
the hand-in's own ``sig``; an indented table), strong students' LaTeX (``D_{w_1} f``, sub-part tags after
``\\quad``, problems numbered I and II) and two answers offered side by side (in a table's two columns, or twice
in one part). Each reading has a wrong twin that must not pass."""
from __future__ import annotations

import pytest

from grader.reading.document import read_document
from grader.reading.stacked import raised_powers
from reference.mnist_backprop.vocabulary import classify_lhs
from tests.helpers import grade_report_item

RIGHT_W2 = "w3 * σ2(x2)*(1 - σ2(x2)) * σ1(x1)"
RIGHT_W1 = "w3 * σ2(x2)*(1 - σ2(x2)) * w2 * σ1(x1)*(1 - σ1(x1)) * x"


def keys(text: str) -> list[str]:
    return [k for k, _ in read_document(text).labels]


def test_problems_numbered_in_roman_capitals() -> None:
    text = ("# Part I: Back propagation\n\n## I.a Graph\n\nx\n\n## I.d–I.e Gradients\n\ny\n\n"
            "## Final answers, Part I\n\n| b | z |\n\n# Part II: MNIST\n\n**II.a** 28×28\n\n**II.b** 5×5\n")
    assert keys(text) == ["1", "1.a", "1.d", "1", "1.b", "2", "2.a", "2.b"]
    assert keys("## 1.d–1.e Gradients\n\ny\n") == ["1.d"]
    assert read_document("## 1.d–1.e Gradients\n\ny\n").segments.keys() >= {"1.d", "1.e"}  # one text, both parts
    assert keys("I. think the graph is\n\n(a) x\n") == ["1.a"]  # "I." in a sentence: no problem's number


@pytest.mark.parametrize("said, expected", [("50 filters of $5\\times5$, stride 1, channel dimension 20", "pass"),
                                            ("50 filters of $3\\times3$, stride 1, channel dimension 20", "partial")])
def test_a_count_of_filters_before_their_side(rubric, said: str, expected: str) -> None:
    report = f"## Problem 2\n\n**(b)** So conv2 = {said}.\n"
    assert grade_report_item(rubric, "p2.b", report).status == expected


@pytest.mark.parametrize("tip, expected", [("\\sigma' = \\sigma(1-\\sigma)", "pass"),
                                           ("\\sigma' = \\sigma(1+\\sigma)", "review")])
def test_an_answer_said_twice_in_its_part_counts_when_each_is_right(rubric, tip: str, expected: str) -> None:
    report = ("## Problem 1\n\n### (b)\n"
              "$$\\frac{\\partial\\sigma_1}{\\partial u} = \\frac{\\exp(-u)}{(1+\\exp(-u))^2}$$\n\n"
              "$$\\frac{\\partial\\sigma_1}{\\partial u} = \\sigma_1(u)\\big(1-\\sigma_1(u)\\big)$$\n\n"
              f"> [!tip] remember\n> ${tip}$ — used below.\n\n### (c)\nwords\n")
    assert grade_report_item(rubric, "p1.b.ii", report).status == expected


def test_julias_names_for_derivatives() -> None:
    assert classify_lhs("∂f_∂w₁") == "df/dw1"
    assert classify_lhs("∂L_∂w₂") == "grad[2]"
    assert classify_lhs("∂f_∂w_{3}") == "df/dw3"


JULIA = ("## 1.e\n\n```julia\n∂f_∂w{a} = " + RIGHT_W2.replace("σ2(x2)*(1 - σ2(x2))", "σ′(x₂)") +
         "\n\n∂f_∂w{b} = " + RIGHT_W1.replace("σ2(x2)*(1 - σ2(x2))", "σ′(x₂)").replace("σ1(x1)*(1 - σ1(x1))", "σ′(x₁)")
         + "\n```\n")


@pytest.mark.parametrize("a, b, expected", [("₂", "₁", "pass"), ("₁", "₂", "fail")])
def test_julia_names_decide_which_derivative_is_which(rubric, a: str, b: str, expected: str) -> None:
    report = "σ′ is the derivative of σ.\n\n" + JULIA.format(a=a, b=b)  # swapped names: each answer wrong, never
    assert grade_report_item(rubric, "p1.e.w2", report).status == expected  # taken by its place


def test_an_unread_derivative_name_of_another_weight_is_not_taken_by_its_place(rubric) -> None:
    report = f"## 1.e\n\n    dd_ff_dw1 := {RIGHT_W2}\n    dd_ff_dw2 := {RIGHT_W1}\n"
    assert grade_report_item(rubric, "p1.e.w2", report, "r.txt").status != "pass"


TWO_COLUMNS = """## Problem 2

**(c)** Parameter counts:

| layer | {left} | {right} |
|---|---|---|
| conv1 | (5*5*1 + 1) * 20 = 520 | 520 |
| relu1 | 0 | 0 |
| pool1 | 0 | 0 |
| conv2 | (5*5*20 + 1) * 50 = 25,050 | (5*5 + 1) * 50 = 1,300 |
| relu2 | 0 | 0 |
| pool2 | 0 | 0 |
| fc1 | 400,500 | 400,500 |
| fc2 | 5,010 | 5,010 |
| total | 431,080 | 407,330 |
"""


def test_two_columns_of_counts_offered_side_by_side_go_to_a_person(rubric) -> None:
    report = TWO_COLUMNS.format(left="per-channel kernels", right="shared kernel")
    assert grade_report_item(rubric, "p2.c", report).status == "review"
    report = TWO_COLUMNS.format(left="first try", right="second try")  # heads that put them in turn decide nothing:
    assert grade_report_item(rubric, "p2.c", report).status == "review"  # the words around may choose the first


def test_an_indented_table_in_a_plain_text_hand_in(rubric) -> None:
    rows = [("conv1", "520"), ("relu1", "0"), ("pool1", "0"), ("conv2", "25 050"), ("relu2", "0"), ("pool2", "0"),
            ("fc1", "400 500"), ("fc2", "5 010"), ("total", "431 080")]
    table = "     | layer | total |\n     |-------|-------|\n" + "".join(f"     | {a} | {b} |\n" for a, b in rows)
    assert grade_report_item(rubric, "p2.c", f"Problem 2\n\n(c)\n{table}", "r.txt").status == "pass"
    wrong = table.replace("400 500", "400 000").replace("431 080", "430 580")
    assert grade_report_item(rubric, "p2.c", f"Problem 2\n\n(c)\n{wrong}", "r.txt").status == "partial"


@pytest.mark.parametrize("answer, expected", [("sig(u) * (1 - sig(u))", "pass"), ("sig(u) * (1 + sig(u))", "fail")])
def test_the_derivative_of_the_hand_ins_own_sigmoid_name(rubric, answer: str, expected: str) -> None:
    report = ("```\nsig(u) = 1 / (1 + np.exp(-u))\n```\n\n**1(b)(ii)**\n\n    dsig/du = " + answer +
              "\n\nFrom here on `dsig(u) := sig(u)*(1 - sig(u))`.\n")
    assert grade_report_item(rubric, "p1.b.ii", report).status == expected


@pytest.mark.parametrize("answer, expected", [("σ(x₂(w, x))", "pass"), ("σ(x₁(w, x))", "fail")])
def test_an_intermediate_written_as_a_function_of_w_and_x(rubric, answer: str, expected: str) -> None:
    report = f"## 1.d\n\n```julia\n∂f_∂w₃(w, x) = {answer}\n```\n"
    assert grade_report_item(rubric, "p1.d", report).status == expected


@pytest.mark.parametrize("answer, expected", [("w[3] * ∂σ(x₂(w, x)) * σ(x₁(w, x))", "pass"),
                                              ("w[3] * ∂σ(x₁(w, x)) * σ(x₁(w, x))", "fail")])
def test_julias_derivative_function_of_sigma(rubric, answer: str, expected: str) -> None:
    report = f"## 1.e\n\n```julia\n∂σ(u) = σ(u) * (1 - σ(u))\n∂f_∂w₂(w, x) = {answer}\n```\n"
    assert grade_report_item(rubric, "p1.e.w2", report).status == expected


@pytest.mark.parametrize("answer, expected", [("w3 · б2(t)(1 – б2(t)) · б1(s)", "pass"),
                                              ("w3 · б2(t)(1 + б2(t)) · б1(s)", "fail")])
def test_sigma_read_as_cyrillic_be_by_a_scan(rubric, answer: str, expected: str) -> None:
    report = f"Problem 1\nnotation: s = w1x , t = w2 б1(s)\n\ne)   ∂f/∂w2 = {answer}\n"
    assert grade_report_item(rubric, "p1.e.w2", report, "r.txt").status == expected


def test_a_glyph_the_hand_in_says_stands_for_sigma(rubric) -> None:
    head = "f(x) = w3 62 (w2 61 (w1 x))\n6 = sigma everywhere (Live Text reads my sigma as a 6)\nlet x1 = w1x\n\n"
    right = head + "(e) df/dw2 = w3 • 62(x2)(1-62(x2)) • 61(x1)\n"
    assert grade_report_item(rubric, "p1.e.w2", right, "r.txt").status == "pass"
    assert grade_report_item(rubric, "p1.e.w2", right.replace("(1-62", "(1+62"), "r.txt").status == "fail"
    own = "let o = σ(v), h = σ(z)\n\n(d) df/dw3 = o (w2 h)\n"  # a name the hand-in gives σ's value: no glyph
    assert "σ (w2" not in read_document(own).text


def test_powers_set_on_the_line_above() -> None:
    up = "                               –u   2"
    mid = "  dσ1/du  =  exp(–u) / ( 1 + e     )"
    assert raised_powers(f"{up}\n{mid}\n") == "\n  dσ1/du  =  exp(–u) / ( 1 + e^{–u} )^{2}\n"
    page = " " * 78 + "1\n" + "      ∇w L = 2(fw (x^1 ) − y^1 ) ∇w fw (x^1 ) + 2(fw (x^2 ) − y^2 ) ∇w fw (x^2 ),\n"
    assert raised_powers(page) == page  # a page's number, far right: no power


@pytest.mark.parametrize("grad, expected", [("Σ 2( fw(x) – y ) · ∇w fw(x)", "pass"), ("Σ ( fw(x) – y ) · ∇w fw(x)",
                                                                                   "partial")])
def test_a_gradients_subscript_flattened_before_the_model(rubric, grad: str, expected: str) -> None:
    report = f"f)   D = {{ (x¹,y¹) , (x²,y²) }}\n\n     ∇w L = {grad}\n"
    assert grade_report_item(rubric, "p1.f.grad", report, "r.txt").status == expected


def test_the_derivative_operator_d_with_the_weight_below() -> None:
    assert classify_lhs("D_{w_1} f") == "df/dw1"
    assert classify_lhs("D_{w_3}f_w(x)") == "df/dw3"
    assert classify_lhs("D_1 f") is None  # D_1: the data's first point, no operator


@pytest.mark.parametrize("second, expected", [("\\sigma(u)\\bigl(1-\\sigma(u)\\bigr)", "pass"),
                                              ("\\sigma(u)\\bigl(1+\\sigma(u)\\bigr)", "fail")])
def test_sub_part_tags_after_their_formulas(rubric, second: str, expected: str) -> None:
    report = ("\\section*{Problem 1}\n\\paragraph{(b)}\n"
              "$\\displaystyle \\sigma'(u) = \\frac{e^{-u}}{(1+e^{-u})^2}$ \\quad (i), \\qquad and \\qquad\n"
              f"$\\sigma'(u) = {second}$ \\quad (ii).\n\n\\paragraph{{(c)}} words\n")
    assert grade_report_item(rubric, "p1.b.ii", report, "r.tex").status == expected


def test_conv1s_filter_given_by_its_side_alone_goes_to_a_person(rubric) -> None:
    report = "## Problem 2\n\n**(a)** input 28×28, conv1 filter 5×5 (×1 channel, ×20 filters), 24×24×20, 12×12×20\n"
    assert grade_report_item(rubric, "p2.a", report).status == "review"
    wrong = report.replace("24×24×20", "23×23×20")
    assert grade_report_item(rubric, "p2.a", wrong).status in ("review", "partial")


TWO_COLUMN_PAGE = """            HW2 — two columns

1    Back propagation                                   (f) The gradient of the loss is
Let p = w1 x and q = w2 σ1 (p), so that                 the sum over both points:
fw (x) = w3 σ2 (q).                                                    2
(a) The graph is the chain x → p → σ1 (p) →                           X
q → σ2 (q) → fw , with three products.                  ∇w L =           2 (fw (xi ) − y i ) ∇w fw (xi ),
(d)                                                                  i=1
      ∂fw                                               with ∇w fw the vector of (d) and (e) at x = xi.
             = σ2 (q) = σ2 (w2 σ1 (w1 x)).              The gradient descent update with learning
      ∂w3                                               rate α is the usual one, written
(e) Using σ′ = σ(1 − σ) from (b),                       below for all three weights together:
      ∂fw                                                     w(t+1) = w(t) − α ∇w L(w(t) ).
             = w3 σ2 (q)(1 − σ2 (q)) σ1 (p),    (3)     The step is repeated until the loss
      ∂w2                                               stops decreasing, as in the lecture,
      ∂fw                                               with the values of the forward pass
             = w3 σ2 (q)(1 − σ2 (q))                    kept for the backward pass each time.
      ∂w1
               · {w1_tail}.
"""


@pytest.mark.parametrize("tail, expected", [("w2 σ1 (p)(1 − σ1 (p)) · x", "pass"),
                                            ("w2 σ1 (p)(1 + σ1 (p)) · x", "fail")])
def test_a_pdf_page_in_two_columns_with_a_display_going_on_under_its_fraction(rubric, tail: str, expected: str) -> None:
    report = TWO_COLUMN_PAGE.format(w1_tail=tail)
    assert grade_report_item(rubric, "p1.e.w1", report, "r.txt").status == expected
    assert grade_report_item(rubric, "p1.e.w2", report, "r.txt").status == "pass"  # "(3)": the display's number
    assert grade_report_item(rubric, "p1.f.grad", report, "r.txt").status == "pass"  # Σ typeset as "X"


def test_a_pdfs_sum_with_its_limits_above_and_below() -> None:
    from grader.reading.stacked import stacked_sums

    text = "              2\n             X\n ∇w L =           2 (fw (xi ) − y i ),\n            i=1\n"
    assert stacked_sums(text) == "\n\n ∇w L = Σ i=1..2 2 (fw (xi ) − y i ),\n\n"
    table = "   X\n a = b\n   c d\n"  # no limit under it: left as it is
    assert stacked_sums(table) == table


LYX = r"""#LyX 2.3 created this file. For more info see http://www.lyx.org/
\lyxformat 544
\begin_document
\begin_header
\textclass article
\end_header
\begin_body
\begin_layout Section
Back propagation
\end_layout
\begin_layout Subsection*
(d)
\end_layout
\begin_layout Standard
\begin_inset Formula
\[
\frac{\partial f_{w}}{\partial w_{3}}={d}
\]
\end_inset
\end_layout
\begin_layout Section
MNIST
\end_layout
\begin_layout Enumerate
Input
\begin_inset Formula $28\times28$
\end_inset
; conv1 filter
\begin_inset Formula $5\times5\times1\times20$
\end_inset
; after conv1
\begin_inset Formula ${conv}$
\end_inset
; after max-pooling
\begin_inset Formula $12\times12\times20$
\end_inset
.
\end_layout
\end_body
\end_document
"""


@pytest.mark.parametrize("d, conv, expected", [("\\sigma_{2}(x_{2})", "24\\times24\\times20", "pass"),
                                               ("w_{3}\\sigma_{2}(x_{2})", "23\\times23\\times20", "fail")])
def test_a_lyx_document(rubric, d: str, conv: str, expected: str) -> None:
    report = LYX.replace("{d}", d).replace("{conv}", conv)
    assert grade_report_item(rubric, "p1.d", report, "r.lyx").status == expected
    assert grade_report_item(rubric, "p2.a", report, "r.lyx").status == ("pass" if expected == "pass" else "partial")


CONFLUENCE = """h1. HW2

h2. Problem 1

h3. (d) df/dw3
{mathblock}\\\\frac{\\\\partial f}{\\\\partial w_3} = ANSWER{mathblock}

h2. Problem 2

h3. (a)
||Quantity||Dimension||
|Input|28 x 28|
|conv1 filter|5 x 5 x 1 x 20|
|after conv1|24 x 24 x 20|
|after pooling|12 x 12 x 20|
"""


@pytest.mark.parametrize("answer, expected", [("\\\\sigma_2(x_2)", "pass"), ("w_3\\\\sigma_2(x_2)", "fail")])
def test_a_confluence_wiki_page(rubric, answer: str, expected: str) -> None:
    report = CONFLUENCE.replace("ANSWER", answer)
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == expected
    assert grade_report_item(rubric, "p2.a", report, "r.txt").status == "pass"


@pytest.mark.parametrize("kept, expected", [("2(f<sub>w</sub>(x<sup>i</sup>) &minus; y<sup>i</sup>)", "pass"),
                                            ("2(y<sup>i</sup> &minus; f<sub>w</sub>(x<sup>i</sup>))", "partial")])
def test_text_struck_out_in_a_text_box_is_withdrawn(rubric, kept: str, expected: str) -> None:
    struck = "2(y<sup>i</sup> &minus; f<sub>w</sub>(x<sup>i</sup>))" if expected == "pass" else \
        "2(f<sub>w</sub>(x<sup>i</sup>) &minus; y<sup>i</sup>)"
    report = ("<p><strong>Problem 1</strong></p>\n<p>(f) D = {(x<sup>1</sup>,y<sup>1</sup>), (x<sup>2</sup>,"
              "y<sup>2</sup>)}</p>\n<p>&nabla;<sub>w</sub>L = &sum;<sub>i=1,2</sub> "
              f"<del>{struck}</del> {kept} &middot; &nabla;<sub>w</sub>f<sub>w</sub>(x<sup>i</sup>)</p>\n")
    assert grade_report_item(rubric, "p1.f.grad", report, "r.html").status == expected


# Attacks on this stop's readings (red team 45): each reading must not pass the wrong answer it was aimed at.

@pytest.mark.parametrize("definition", ["∂σ(u::Real) = σ(u)*(1+σ(u))", "∂σ = u -> σ(u)*(1+σ(u))",
                                        "∂σ(u) = σ(u)*(1+σ(u))"])
def test_julias_own_derivative_function_is_read_as_it_defines_it(rubric, definition: str) -> None:
    report = f"## 1.e\n\n```julia\n{definition}\n∂f_∂w₂(w, x) = w[3] * ∂σ(x₂(w, x)) * σ(x₁(w, x))\n```\n"
    assert grade_report_item(rubric, "p1.e.w2", report).status != "pass"


@pytest.mark.parametrize("helper, expected", [("x₂(w, x) = w[2]*σ(x₁(w, x))", "pass"),
                                              ("x₂(w, x) = w[2]*x₁(w, x)", "review")])
def test_an_intermediate_the_hand_in_defines_as_a_function_of_w_and_x(rubric, helper: str, expected: str) -> None:
    report = f"```julia\nx₁(w, x) = w[1]*x\n{helper}\n```\n\n## 1.d\n\n```julia\n∂f_∂w₃(w, x) = σ(x₂(w, x))\n```\n"
    assert grade_report_item(rubric, "p1.d", report).status == expected


def test_cyrillic_be_the_hand_in_defines_as_a_derivative_is_not_sigma(rubric) -> None:
    report = "short name:  б(u) := σ'(u) = σ(u) (1 - σ(u))\n\nd)  ∂f/∂w3 = б(x2)\n"
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status != "pass"


@pytest.mark.parametrize("line", ["∇w L = Σ_i (fw(x^i) - y^i) · ∇w fw(x^i)   •   2 data points",
                                  "∂f/∂w1 = w3·σ'(x2)·w2·σ'(x1)  •  x enters only through x1 = w1 x"])
def test_a_bullet_before_a_note_is_no_product(rubric, line: str) -> None:
    item = "p1.f.grad" if "∇" in line else "p1.e.w1"
    report = f"D = {{(x^1, y^1), (x^2, y^2)}}\n\nx1 = w1·x  •  x2 = w2·σ(x1)\n\ne), f)\n\n{line}\n"
    assert grade_report_item(rubric, item, report, "r.txt").status != "pass"


def test_an_equation_number_above_a_formula_is_no_power() -> None:
    line = "   σ'(u) = e^(-u) / (1 + e^(-u))"
    assert raised_powers(" " * len(line) + "(2)\n" + line + "\n") == " " * len(line) + "(2)\n" + line + "\n"


@pytest.mark.parametrize("said", ["I.e. the vector of (d) and (e).", "I.e, multiplied out: y", "I.e pulling the minus out"])
def test_i_e_at_a_sentences_start_is_no_label(said: str) -> None:
    assert keys(f"## (e)\n\nx\n\n{said}\n\n## (f)\n\ny\n") == ["1.e", "1.f"]
    assert keys(f"# Part I\n\n## I.b\n\nx\n\n{said}\n") == ["1", "1.b"]  # beside Roman labels too


@pytest.mark.parametrize("said", ["б(u) means dσ/du (it looks a bit like a δ)", "  б(u) := dσ/du",
                                  "short name:  б(u) := σ'(u) = σ(u) (1 - σ(u))"])
def test_cyrillic_be_said_to_be_a_derivative_is_no_scans_sigma(rubric, said: str) -> None:
    report = f"so I write б for the derivative of the sigmoid: {said}\n\nd)  ∂f/∂w3 = б(x2)\n"
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status != "pass"


def test_a_padding_stated_in_bold_is_still_stated(rubric) -> None:
    report = "## Problem 2\n\n**2(b)** Ans: conv2 filter **5 × 5**, stride **1**, padding **1**, channel dimension **20**\n"
    assert grade_report_item(rubric, "p2.b", report).status != "pass"


@pytest.mark.parametrize("left, right, expected", [("params (corrected)", "first attempt", "review"),
                                                   ("by hand", "torch after building Net", "review")])
def test_two_columns_go_to_a_person_whatever_their_heads_say(rubric, left: str, right: str, expected: str) -> None:
    report = (TWO_COLUMNS.format(left=left, right=right).replace("(5*5*20 + 1) * 50 = 25,050", "25,020")
              .replace("(5*5 + 1) * 50 = 1,300", "25,050").replace("431,080 | 407,330", "431,050 | 431,080"))
    assert grade_report_item(rubric, "p2.c", report).status == expected  # the corrected (wrong) one, or a person


def test_a_summary_cell_summing_the_layers_to_a_wrong_total(rubric) -> None:
    layers = "- conv1: 520\n- relu1: 0\n- pool1: 0\n- conv2: 25,050\n- relu2: 0\n- pool2: 0\n- fc1: 400,500\n" \
             "- fc2: 5,010\n- total 431,080\n"
    summary = "| 2(c) | 520 + 0 + 0 + 25,050 + 0 + 0 + 400,500 + 5,010 = 431,030 |"
    report = (f"## Problem 2\n\n**(b)** 5×5, stride 1, 20 channels\n\n**(c)**\n\n{layers}\n## Final answers\n\n"
              f"| item | answer |\n|---|---|\n| 2(b) | 5×5, stride 1, 20 channels |\n{summary}\n")
    assert grade_report_item(rubric, "p2.c", report).status != "pass"


@pytest.mark.parametrize("sign, expected", [("(f(x^i) - y^i)", "pass"), ("(y^i - f(x^i))", "fail")])
def test_an_update_written_out_per_weight_after_the_vector_one(rubric, sign: str, expected: str) -> None:
    report = ("f) ∇L = Σ_{i=1,2} 2 (f(x^i) - y^i) ∇f(x^i)\n\n   Gradient descent: w_new = w - α ∇L.\n"
              f"   I.e, written out for every weight k = 1, 2, 3:\n   w_k,new = w_k - α Σ_{{i=1,2}} 2 {sign} ∂f(x^i)/∂w_k\n")
    assert grade_report_item(rubric, "p1.f.update", report, "r.txt").status == expected


COLUMN = """1(f) Writing a1^i, a2^i for the activations with input x^i:

        grad_w L = sum_i 2 (f_w(x^i) - y^i) * [ w3 a2^i(1-a2^i) w2 a1^i(1-a1^i) x^i ]
                                              [ {middle} ]
                                              [ a2^i                               ]
"""


@pytest.mark.parametrize("middle, expected", [("w3 a2^i(1-a2^i) a1^i", "pass"), ("w3 a2^i(1+a2^i) a1^i", "partial")])
def test_a_column_vector_drawn_in_brackets_on_lines_under_each_other(rubric, middle: str, expected: str) -> None:
    defs = "a1 = sigma(w1 x), a2 = sigma(w2 a1), f_w(x) = w3 a2; D = {(x^1, y^1), (x^2, y^2)}\n\n"
    report = defs + COLUMN.format(middle=middle.ljust(35))
    assert grade_report_item(rubric, "p1.f.grad", report, "r.txt").status == expected
