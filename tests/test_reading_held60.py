"""Readings from batch 60 (prose, notebooks, terse sheets): each with a twin it must not pass.

A derivative written at the hand-in's own node, a name given on the right ("call σ1(w1·x) = p"), a list numbered
1…N in the handout's order, a Canvas quiz export, "P1 (e), $w_2$" rows, counts in thousands ("0.52k"), a fix
written under "no wait, w2 is missing:", a printout the part points at, a quoted question over its answer, a
Colab form's fields, a range label "1(d), 1(e)", Problem 2 answered in paragraphs without labels.
"""
from __future__ import annotations

import json

import pytest

from tests.helpers import grade_file_item, grade_report_item

RIGHT_W1 = "w3 · σ(b)(1−σ(b)) · w2 · σ(a)(1−σ(a)) · x"
SHORT_W1 = "w3 · σ(b)(1−σ(b)) · σ(a)(1−σ(a)) · x"


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


@pytest.mark.parametrize("answer, full", [("a_1(1-a_1)", True), ("a_1(1+a_1)", False),
                                          ("\\sigma(u)(1-\\sigma(u))", False)])
def test_a_derivative_written_at_the_hand_ins_own_node_is_compared_there(rubric, answer: str, full: bool) -> None:
    report = f"Let $z_1 = w_1 x$, $a_1 = \\sigma(z_1)$.\n\n(b)(ii) $\\sigma'(z_1) = {answer}$\n"
    assert _full(grade_report_item(rubric, "p1.b.ii", report)) is full


@pytest.mark.parametrize("general, full", [("σ1(u)(1 − σ1(u))", True), ("σ1(u)(1 + σ1(u))", False)])
def test_the_answer_in_u_beside_its_uses_at_the_nodes_is_the_answer(rubric, general: str, full: bool) -> None:
    report = ("Shorthand: call σ1(w1·x) = p and σ2(w2·p) = q. The pre-activations are x1 = w1·x and x2 = w2·p.\n\n"
              f"(b)\n (ii) Since 1 − σ(u) = e^(−u)/(1 + e^(−u)), the result of (i) is σ(u) times that, so\n"
              f"      σ1′(u) = {general}.   In my shorthand "
              "σ1′(x1) = p(1 − p) and σ2′(x2) = q(1 − q).\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "sheet.txt")) is full  # the uses at the nodes are
    # right either way: they never stand for the answer


@pytest.mark.parametrize("w1, full", [(RIGHT_W1.replace("a", "p").replace("b", "q"), True),
                                      (SHORT_W1.replace("a", "p").replace("b", "q"), False)])
def test_a_name_given_on_the_right_call_it_p(rubric, w1: str, full: bool) -> None:
    report = ("Shorthand: call σ1(w1·x) = p and σ2(w2·p) = q. So f = w3·q.\n\n"
              f"(e)\n ∂f/∂w2 = w3 · q(1 − q) · p\n ∂f/∂w1 = {w1.replace('σ(q)', 'q').replace('σ(p)', 'p')}\n")
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "sheet.txt")) is full


NUMBERED = """HW3 answers
(a = w1x, b = w2σ(a), so f = w3σ(b))

1.  e^{{-u}} / (1 + e^{{-u}})²
2.  σ(u)·(1 − σ(u))
3.  σ(b) = σ(w2 σ(w1 x))
4.  w3 · σ(b)(1−σ(b)) · σ(a)
5.  {w1}
6.  ∇L = Σ_{{i=1}}^{{2}} 2( f(x^i) − y^i ) · ∇f(x^i)
7.  w ← w − α ∇L
8.  28×28 → filter 5×5×1 (×20) → 24×24×20 → pool → 12×12×20
9.  5×5, stride 1, 20 channels (50 filters, pad 0)
10. conv1 {conv1} | relu1 0 | pool1 0 | conv2 25.05k | relu2 0 | pool2 0 | fc1 400.5k | fc2 5.01k
    total 431k (431,080 exactly)
"""


@pytest.mark.parametrize("item, w1, conv1, full", [
    ("p1.e.w1", RIGHT_W1, "0.52k", True), ("p1.e.w1", SHORT_W1, "0.52k", False),
    ("p2.c", RIGHT_W1, "0.52k", True), ("p2.c", RIGHT_W1, "0.5k", False)])
def test_a_list_numbered_in_the_handouts_order_with_counts_in_thousands(rubric, item: str, w1: str, conv1: str,
                                                                          full: bool) -> None:
    report = NUMBERED.format(w1=w1, conv1=conv1)
    assert _full(grade_file_item(rubric, item, report, "answers.txt")) is full


def test_a_numbered_list_of_another_length_is_not_read_by_position(rubric) -> None:
    report = NUMBERED.format(w1=RIGHT_W1, conv1="0.52k").replace("7.  w ← w − α ∇L\n", "")
    assert grade_file_item(rubric, "p1.e.w1", report, "answers.txt").status == "review"


@pytest.mark.parametrize("fixed, full", [(RIGHT_W1, True), (SHORT_W1.replace("x", "x · w1"), False)])
def test_a_fix_under_no_wait_replaces_the_line_above(rubric, fixed: str, full: bool) -> None:
    report = f"a = w1x, b = w2σ(a)\n\n1e_w1  {SHORT_W1}\n      no wait, w2 is missing:\n      {fixed}\n"
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "sheet.txt")) is full


CANVAS = """HW3 Written Part
Attempt 1 of 1

--------------------------------------------------------------
Question 2                                     Not yet graded / 3 pts
Let σ1(u) = 1/(1+exp(-u)). (b)(i) Compute ∂σ1/∂u, written in terms of exp.

Your answer:
{answer}

--------------------------------------------------------------
Question 3                                     Not yet graded / 2 pts
(b)(ii) Write ∂σ1/∂u in terms of σ1(u) itself.

Your answer:
σ1(u)(1 - σ1(u))
"""


@pytest.mark.parametrize("answer, full", [("exp(-u) / (1 + exp(-u))^2", True), ("exp(-u) / (1 + exp(-u))", False)])
def test_a_canvas_export_with_the_state_on_the_numbers_line(rubric, answer: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.b.i", CANVAS.format(answer=answer), "quiz.txt")) is full


TABLE = """Names: $u_1 = w_1x$, $h_1=\\sigma(u_1)$, $u_2 = w_2h_1$, $h_2=\\sigma(u_2)$.

| # | part | answer |
|---|------|--------|
| 4 | P1 (e), $w_2$ | $w_3\\cdot h_2(1-h_2)\\cdot h_1$ |
| 5 | P1 (e), $w_1$ | ${w1}$ |
"""


@pytest.mark.parametrize("w1, full", [("w_3\\cdot h_2(1-h_2)\\cdot w_2\\cdot h_1(1-h_1)\\cdot x", True),
                                      ("w_3\\cdot h_2(1-h_2)\\cdot h_1(1-h_1)\\cdot x", False)])
def test_rows_labelled_p1_e_with_the_weight_after_a_comma(rubric, w1: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.e.w1", TABLE.format(w1=w1))) is full


def _notebook(cells: list[tuple[str, str, str]]) -> str:
    out = []
    for kind, source, printed in cells:
        cell = {"cell_type": kind, "metadata": {}, "source": source}
        if kind == "code":
            cell.update(execution_count=1, outputs=[{"output_type": "execute_result", "execution_count": 1,
                                                     "metadata": {}, "data": {"text/latex": printed}}]
                        if printed else [])
        out.append(cell)
    return json.dumps({"cells": out, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.mark.parametrize("printed, full", [("$\\displaystyle \\frac{e^{- u}}{\\left(1 + e^{- u}\\right)^{2}}$", True),
                                           ("$\\displaystyle \\frac{e^{- u}}{1 + e^{- u}}$", False)])
def test_a_part_that_points_at_the_printout_above_it(rubric, printed: str, full: bool) -> None:
    report = _notebook([("markdown", "### (b)", ""), ("code", "ds = sp.diff(sig(u), u)\nds", printed),
                        ("markdown", "(i) That output is the answer in terms of exp.", "")])
    assert _full(grade_file_item(rubric, "p1.b.i", report, "hw.ipynb")) is full


@pytest.mark.parametrize("answer, full", [("\\sigma(w_2\\,\\sigma(w_1 x))", True), ("\\sigma(w_1 x)", False)])
def test_a_quantity_said_in_words_then_its_value_after_a_colon(rubric, answer: str, full: bool) -> None:
    report = f"### (d)\n$\\partial f/\\partial w_3$ is just what $w_3$ multiplies: $\\sigma_2(z) = {answer}$.\n"
    assert _full(grade_report_item(rubric, "p1.d", report)) is full


@pytest.mark.parametrize("w1, full", [("w_3 s(g_2)(1-s(g_2))\\, w_2\\, s(g_1)(1-s(g_1))\\, x", True),
                                      ("w_3 s(g_2)(1-s(g_2))\\, s(g_1)(1-s(g_1))\\, x", False)])
def test_a_question_pasted_as_a_quote_over_the_answer(rubric, w1: str, full: bool) -> None:
    report = ("> **1(d)** Compute $\\frac{\\partial f_w}{\\partial w_3}$. **(e)** Compute "
              "$\\frac{\\partial f_w}{\\partial w_2}$ and $\\frac{\\partial f_w}{\\partial w_1}$.\n\n"
              "let $g_1 = w_1 x$, $g_2 = w_2\\, s(g_1)$, $s = \\sigma$.\n\n"
              "(d) $\\frac{\\partial f_w}{\\partial w_3} = s(g_2)$\n\n(e)\n"
              "$$\\frac{\\partial f_w}{\\partial w_2} = w_3 s(g_2)(1-s(g_2))\\, s(g_1)$$\n\n"
              f"$$\\frac{{\\partial f_w}}{{\\partial w_1}} = {w1}$$\n")
    assert _full(grade_report_item(rubric, "p1.e.w1", report)) is full


@pytest.mark.parametrize("count, full", [("520", True), ("500", False)])
def test_a_colab_form_notebook_s_titled_cells(rubric, count: str, full: bool) -> None:
    source = ('#@title 2(c) number of parameters { display-mode: "form" }\n'
              f'counts = {{"conv1": {count}, "fc1": 400500}}\nfor k, v in counts.items(): print(k, v)')
    printed = (f" conv1: {count}\n relu1: 0\n pool1: 0\n conv2: 25050\n relu2: 0\n pool2: 0\n   fc1: 400500\n"
               "   fc2: 5010\ntotal : 431080\n")
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [],
              "source": '#@title 1(b) { display-mode: "form" }\nb_i = "e^(-u)/(1+e^(-u))^2"  #@param {type:"string"}'},
             {"cell_type": "code", "metadata": {}, "execution_count": 2, "source": source,
              "outputs": [{"output_type": "stream", "name": "stdout", "text": printed}]}]
    report = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    assert _full(grade_file_item(rubric, "p2.c", report, "hw.ipynb")) is full


@pytest.mark.parametrize("pool, full", [("12×12×20", True), ("13×13×20", False)])
def test_problem_2_in_paragraphs_without_labels(rubric, pool: str, full: bool) -> None:
    report = ("## The easy weight\n\nSince $f = w_3\\sigma_2(x_2)$, the derivative with respect to $w_3$ is just "
              "$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(w_2\\sigma_1(w_1 x))$, and the other two follow "
              "from the chain rule through both sigmoids, one layer at a time, as worked out in the lecture.\n\n"
              "## Part two: the network\n\n**The first conv block.** The input image is $28\\times 28$ with a single "
              "channel. The first convolution has 20 filters, each of size $5\\times5\\times1$.\nWith stride 1 and no "
              "padding each side shrinks by $5-1=4$, so the conv output is $24\\times24\\times20$, and $2\\times2$ "
              "max-pooling halves that to "
              f"${pool.replace('×', chr(92) + 'times ')}$.\n\n"
              "**Counting parameters.**\n\n| layer | parameters |\n|---|---|\n| conv1 | 520 |\n| fc1 | 400,500 |\n")
    assert _full(grade_report_item(rubric, "p2.a", report)) is full


# ---- red team 61: each attack beside the right answer it imitates

P2B = ("## Problem 2\n\n(b) conv2: {said}, i.e. filter size 5×5, stride 1, channel dimension 20 (50 filters), "
       "no padding.\n")


@pytest.mark.parametrize("said, full", [
    ("`nn.Conv2d(20, 50, kernel_size=5, stride=1, padding=0)`", True),
    ("`nn.Conv2d(20, 50, kernel_size=5, stride=1, padding=0, dilation=2)`", False),
    ("`nn.Conv2d(20, 50, 5, 1, 0, 2)`", False),
    ("`nn.Conv2d(20, 50, kernel_size=5, groups=2)`", False),
    ("`nn.Conv2d(20, 50, kernel_size=5, padding=(0, 2))`", False),
    ("`nn.ConvTranspose2d(20, 50, kernel_size=5, stride=1)`", False)])
def test_a_layer_written_as_its_call_with_an_argument_that_changes_it(rubric, said: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.b", P2B.format(said=said))) is full


@pytest.mark.parametrize("conv, full", [("24×24×20", True), ("20×24×24", True), ("24×20×24", False)])
def test_a_channel_count_between_a_maps_sides_is_no_layout(rubric, conv: str, full: bool) -> None:
    report = f"## Problem 2\n\n(a) input 28×28, conv1 filter 5×5×1×20, after conv1 {conv}, after pooling 12×12×20\n"
    assert _full(grade_report_item(rubric, "p2.a", report)) is full


@pytest.mark.parametrize("row, full", [("| fc2 | 5010 |", True), ("| fc2 | 5010 |\n| flatten | 800 |", False)])
def test_a_layer_without_parameters_given_a_count(rubric, row: str, full: bool) -> None:
    report = ("## Problem 2\n\n(c)\n\n| layer | parameters |\n|---|---|\n| conv1 | 520 |\n| relu1 | 0 |\n"
              "| pool1 | 0 |\n"
              "| conv2 | 25050 |\n| relu2 | 0 |\n| pool2 | 0 |\n| fc1 | 400500 |\n" + row + "\n| total | 431080 |\n")
    assert _full(grade_report_item(rubric, "p2.c", report)) is full


@pytest.mark.parametrize("indices, full", [("j = 1, 2, 3", True), ("j = 1, 2", False)])
def test_an_update_by_index_over_only_some_weights(rubric, indices: str, full: bool) -> None:
    report = f"(f) $$w_j \\leftarrow w_j - \\alpha\\,\\frac{{\\partial L}}{{\\partial w_j}},\\qquad {indices}.$$\n"
    assert _full(grade_report_item(rubric, "p1.f.update", report)) is full


@pytest.mark.parametrize("remark, full", [
    ("The 2 comes from the square.", True),
    ("Here the 2 in front cancels against the two data points in $D$, so no factor 2 is left.", False),
    ("To keep the step size fixed, $\\alpha$ is divided by the length of the gradient.", False)])
def test_words_after_the_gradient_that_change_it(rubric, remark: str, full: bool) -> None:
    report = ("(f) $$\\nabla_w L = \\sum_{i=1}^{2} 2\\,(f_w(x^i) - y^i)\\,\\nabla_w f_w(x^i)$$\n\n"
              f"{remark}\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("note, full", [("", True), ("<!-- the x at the end is wrong; remove it -->\n", False)])
def test_a_plain_text_files_comment_is_read(rubric, note: str, full: bool) -> None:
    report = f"(e) df/dw1 = {RIGHT_W1}\n{note}\n(a = w1x, b = w2σ(a))\n"
    assert _full(grade_file_item(rubric, "p1.e.w1", report, "answers.txt")) is full


BUILT_ON_W2 = ("$$\\frac{\\partial f_w}{\\partial w_1} = \\frac{\\partial f_w}{\\partial w_2}"
               "\\cdot w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x$$\nor equivalently,\n")


@pytest.mark.parametrize("first, full", [("", True), (BUILT_ON_W2, False)])
def test_an_earlier_form_built_on_another_answer(rubric, first: str, full: bool) -> None:
    report = ("(e) $$\\frac{\\partial f_w}{\\partial w_2} = w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,"
              "\\sigma_1(x_1)$$\n\n"
              f"{first}$$\\frac{{\\partial f_w}}{{\\partial w_1}} = w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,"
              "\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x$$\n")
    assert _full(grade_report_item(rubric, "p1.e.w1", report)) is full


@pytest.mark.parametrize("caption, full", [("*Figure 1: the graph.*", True),
                                           ("*Figure 1: the graph; the edge ×w2 is not crossed, so no w2 appears in "
                                            "∂f/∂w1.*", False)])
def test_a_caption_that_takes_a_factor_out(rubric, caption: str, full: bool) -> None:
    report = (f"(a) {caption}\n\n(e) $$\\frac{{\\partial f}}{{\\partial w_1}} = "
              "w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,"
              "w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x$$\n")
    assert _full(grade_report_item(rubric, "p1.e.w1", report)) is full


@pytest.mark.parametrize("pool, full", [("12 by 12 (12×12×20)", True), ("13 by 13 (13×13×20)", False)])
def test_feature_maps_said_in_words_and_a_stage_wrapped_before_its_verb(rubric, pool: str, full: bool) -> None:
    report = ("## Problem 2\n\n**(a)** The input is one grey channel of 28 by 28 pixels. conv1 filter: 5×5×1×20.\n"
              "With stride 1 and no padding every side loses four "
              "pixels, so the first conv layer outputs twenty feature maps of 24 by 24, and the 2×2 max-pooling\n"
              f"turns that into twenty maps of {pool}.\n")
    assert _full(grade_report_item(rubric, "p2.a", report)) is full


@pytest.mark.parametrize("answer, full", [("a2", True), ("a1", False)])
def test_a_bare_name_with_its_definitions_in_a_bracket_beside_it(rubric, answer: str, full: bool) -> None:
    report = (f"### (d) Compute ∂f_w/∂w3.\n\n{answer}   (z1 = w1 x, a1 = σ1(z1), z2 = w2 a1, a2 = σ2(z2))\n\n"
              "### (e) Using the chain rule, compute ∂f_w/∂w2.\n\nw3 * a2(1 - a2) * a1\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "quiz.txt")) is full
