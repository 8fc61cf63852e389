"""Readings from batch 52's reports (students who answer in sentences, answer sheets of key: value lines, tables,
converters' text: LaTeX macros, pandoc's plain text, a scan's text recognition): each reading with a wrong twin."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import grade_report_item


@pytest.mark.parametrize("result, expected", [("exp(-u) / (1+exp(-u))^2", "pass"), ("exp(-u) / (1+exp(-u))", "fail")])
def test_words_that_lead_to_the_next_line_start_a_new_equation(rubric, result: str, expected: str) -> None:
    """"we have sigma = (1+exp(-u))^-1, so derivative is" then "-1 * …": the derivative, not sigma's next term."""
    report = ("Problem 1\n\n(b) derivative of sigma(u) = 1/(1+exp(-u)).\n"
              "  (i) by exp: we have sigma = (1+exp(-u))^-1, so derivative is\n"
              "        -1 * (1+exp(-u))^-2 * (-exp(-u))\n"
              f"      = {result}\n"
              "  (ii) by sigma: d sigma/du = sigma(u)*(1-sigma(u))\n\n(c) words\n")
    assert grade_report_item(rubric, "p1.b.i", report, "r.txt").status == expected


@pytest.mark.parametrize("answer, expected", [("σ(u2)", "pass"), ("σ(u1)", "fail")])
def test_the_answer_said_in_a_sentence(rubric, answer: str, expected: str) -> None:
    report = ("PROBLEM 1\n\nLet u1 = w1*x and u2 = w2*σ(u1), so f_w(x) = w3*σ(u2).\n\n(c) words\n\n"
              f"(d) The answer is {answer}. The weight w3 only multiplies it, so it drops out.\n\n"
              "(e) words\n")
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == expected


def test_an_answer_said_in_a_sentence_and_changed_by_its_words_is_not_read_as_said(rubric) -> None:
    report = ("PROBLEM 1\n\nLet u1 = w1*x and u2 = w2*σ(u1).\n\n(c) words\n\n"
              "(d) The answer is σ(u2) but halved.\n\n(e) words\n")
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status != "pass"


@pytest.mark.parametrize("bii, expected", [("sigma1(u)(1 - sigma1(u))", "pass"), ("sigma1(u)(1 + sigma1(u))", "fail")])
def test_a_part_and_its_sub_part_in_one_bracket(rubric, bii: str, expected: str) -> None:
    report = ("x1 = w1 x ; x2 = w2 sigma1(x1)\n\nPROBLEM 1\n1) (a) graph: attached photo\n"
              "2) (b-i)  exp(-u) / (1+exp(-u))^2\n"
              f"3) (b-ii) {bii}\n4) (c) forward: words\n5) (d) df/dw3 = sigma2(x2)\n")
    assert grade_report_item(rubric, "p1.b.ii", report, "r.txt").status == expected


KEY_VALUE_SHEET = """student: A. Student
# notation
x1: w1*x
x2: w2*sigma1(x1)
f: w3*sigma2(x2)

# ---------- problem 1 ----------
1a: graph in attached image graph.png
1b.i: exp(-u) / (1 + exp(-u))^2
1b.ii: sigma1(u) * (1 - sigma1(u))
1c.forward: compute and cache x1, sigma1(x1), x2, sigma2(x2), f
1d: sigma2(x2) = sigma2(w2*sigma1(w1*x))
1e.dw2: {dw2}
1e.dw1: w3 * sigma2(x2)*(1 - sigma2(x2)) * w2 * sigma1(x1)*(1 - sigma1(x1)) * x
1f.loss: L(w) = (y^1 - f_w(x^1))^2 + (y^2 - f_w(x^2))^2
1f.update: {update}

# ---------- problem 2 ----------
2a.input: 28x28x1
2a.conv1_filter: 5x5x1, 20 filters
2a.after_conv1: 24x24x20
2a.after_pool1: 12x12x20
"""


@pytest.mark.parametrize("dw2, expected", [("w3 * sigma2(x2)*(1 - sigma2(x2)) * sigma1(x1)", "pass"),
                                           ("w3 * sigma2(x2)*(1 - sigma2(x2))", "partial")])
def test_a_sheet_of_keys_with_dotted_sub_keys(rubric, dw2: str, expected: str) -> None:
    """"1e.dw2: …" labels part (e) with a key; a notation block's "f: w3*sigma2(x2)" before "1a" is no part (f)."""
    report = KEY_VALUE_SHEET.format(dw2=dw2, update="w_new = w - alpha * grad_w L")
    assert grade_report_item(rubric, "p1.e.w2", report, "answers.txt").status == expected


@pytest.mark.parametrize("update, expected", [("w_new = w - alpha * grad_w L", "pass"),
                                              ("w_new = w + alpha * grad_w L", "fail")])
def test_a_notation_line_named_by_a_part_letter_does_not_take_the_part(rubric, update: str, expected: str) -> None:
    report = KEY_VALUE_SHEET.format(dw2="w3 * sigma2(x2)*(1 - sigma2(x2)) * sigma1(x1)", update=update)
    assert grade_report_item(rubric, "p1.f.update", report, "answers.txt").status == expected
    assert grade_report_item(rubric, "p2.a", report, "answers.txt").status == "pass"


@pytest.mark.parametrize("total, expected", [("431,080", "pass"), ("431,580", "partial")])
def test_a_heading_about_the_code_ends_the_part_above_it(rubric, total: str, expected: str) -> None:
    """"### (c)" then "### Code / result" with "| epochs | 10 |": the code's table is no parameter count of (c)."""
    rows = "".join(f"| {name} | {n} |\n" for name, n in (("conv1", "520"), ("relu1", "0"), ("pool1", "0"),
                                                         ("conv2", "25,050"), ("relu2", "0"), ("pool2", "0"),
                                                         ("fc1", "400,500"), ("fc2", "5,010"), ("total", total)))
    report = ("## Problem 2\n\n### (b)\n\nwords\n\n### (c)\n\n| layer | params |\n| --- | --- |\n" + rows +
              "\n### Code / result\n\n| | |\n| --- | --- |\n| Net | conv1(1,20,5,1), conv2(20,50,5,1), fc2(500,10) |\n"
              "| epochs | 10 |\n")
    assert grade_report_item(rubric, "p2.c", report).status == expected


@pytest.mark.parametrize("grad, expected", [(r"\sum_{i=1}^{2} 2\,(f_w(x^i) - y^i)\,\nabla_w f_w(x^i)", "pass"),
                                            (r"\sum_{i=1}^{2} (f_w(x^i) - y^i)\,\nabla_w f_w(x^i)", "partial")])
def test_a_table_row_named_by_a_spaced_gradient(rubric, grad: str, expected: str) -> None:
    report = ("## Problem 1\n\n### (f)\n\n| quantity | answer |\n| --- | --- |\n"
              "| L(w) | $\\sum_{i=1}^{2} (y^i - f_w(x^i))^2$ |\n"
              f"| ∇_w L | ${grad}$ |\n| update | $w \\leftarrow w - \\alpha\\,\\nabla_w L(w)$ |\n")
    assert grade_report_item(rubric, "p1.f.grad", report).status == expected


@pytest.mark.parametrize("cell, expected", [("20 (50 filters, no padding)", "pass"), ("50 (20 filters)", "partial")])
def test_a_count_in_a_cells_aside_names_another_field(rubric, cell: str, expected: str) -> None:
    report = ("## Problem 2\n\n### (b)\n\n| item | value |\n| --- | --- |\n| filter size | 5×5 |\n| stride | 1 |\n"
              f"| channel dim | {cell} |\n\n### (c)\n\nwords\n")
    assert grade_report_item(rubric, "p2.b", report).status == expected


MACROS = r"""\documentclass{article}
\newcommand{\sig}[1]{\sigma\!\left(#1\right)}
\newcommand{\dsig}[1]{\sig{#1}\left(1-\sig{#1}\right)}
\newcommand{\pd}[2]{\frac{\partial #1}{\partial #2}}
\newcommand{\hl}{h}
\newcommand{\by}[3]{#1\times #2\times #3}
\begin{document}
\section*{Problem 1}
Let $\hl = \sig{w_1x}$ and $z = w_2\hl$.
\paragraph{(e)}
\[ \pd{f}{w_2} = w_3\,\dsig{z}\,\pd{z}{w_2} = %(w2)s \]
\section*{Problem 2}
\paragraph{(a)} Input: $28\times 28$. Conv1 filter: $\by{5}{5}{1}$, 20 of them, i.e.\ $5\times5\times1\times20$.
After conv1: $\by{%(conv)s}{%(conv)s}{20}$. After $2\times2$ max pooling: $\by{12}{12}{20}$.
\paragraph{(b)} words
\end{document}
"""


@pytest.mark.parametrize("w2, expected", [(r"w_3\,\dsig{z}\,\hl", "pass"), (r"w_3\,\dsig{z}\,w_2", "fail")])
def test_a_macro_inside_a_macro_and_a_macro_named_like_a_highlight(rubric, w2: str, expected: str) -> None:
    report = MACROS % {"w2": w2, "conv": "24"}
    assert grade_report_item(rubric, "p1.e.w2", report, "r.tex").status == expected


@pytest.mark.parametrize("conv, expected", [("24", "pass"), ("23", "partial")])
def test_sizes_written_with_the_hand_ins_own_macro(rubric, conv: str, expected: str) -> None:
    """"\\newcommand{\\by}[3]{#1\\times #2\\times #3}": no converter's bracketed span, a macro of three arguments."""
    report = MACROS % {"w2": r"w_3\,\dsig{z}\,\hl", "conv": conv}
    assert grade_report_item(rubric, "p2.a", report, "r.tex").status == expected


PANDOC_PLAIN = """PROBLEM 1. Back propagation

(d)

    (∂f_(w))/(∂w₃) = σ₂(x₂)

(e) words

(f) Loss and update

L(w) = ∑_((x, y) ∈ D)(y − f_(w)(x))²

    ∇_(w)L = ∑_(i = 1)^(2){factor}(f_(w)(x^(i)) − y^(i))∇_(w)f_(w)(x^(i))

where ∇_(w)f_(w)(x^(i)) stacks the three partial derivatives of (d) and
(e), evaluated with x = x^(i).

Gradient descent with step size α:

    w^(new) = w {sign} α∇_(w)L

PROBLEM 2. MNIST

(a) words
"""


@pytest.mark.parametrize("factor, expected", [("2", "pass"), ("", "partial")])
def test_a_converters_subscripts_in_brackets(rubric, factor: str, expected: str) -> None:
    report = PANDOC_PLAIN.format(factor=factor, sign="−")
    assert grade_report_item(rubric, "p1.f.grad", report, "r.txt").status == expected


@pytest.mark.parametrize("sign, expected", [("−", "pass"), ("+", "fail")])
def test_a_part_cited_at_a_line_start_after_and_is_no_label(rubric, sign: str, expected: str) -> None:
    """"… of (d) and" / "(e), evaluated with …": the update after it is still part (f)'s."""
    report = PANDOC_PLAIN.format(factor="2", sign=sign)
    assert grade_report_item(rubric, "p1.f.update", report, "r.txt").status == expected


OCR_SCAN = """HW 2          Name: A. Student        page 1/2

Prob1em 1

f(x) = w3 o2( w2 o1( wl x ) )     o1 = o2 = o = 1/(1+e^-u)

(c) forward : go from x to f and save the va1ues
    backward: multiply 1ocal derivatives (chain ru1e)

(d) df/dw3 = {d}

Prob1em 2

(a) input        28 x 28
    fi1ter       5 x 5 x 1 x 2O   (2O filters)
    after conv1  {conv} x {conv} x 2O
    after pool   l2 x l2 x 2O

(b) words
"""


@pytest.mark.parametrize("conv, expected", [("24", "pass"), ("23", "partial")])
def test_a_scans_text_recognition_swaps_undone(rubric, conv: str, expected: str) -> None:
    """"Prob1em 2", "2O", "l2": a recognizer's l for 1 and O for 0, in a hand-in that shows three or more."""
    report = OCR_SCAN.format(d="o2(x2)", conv=conv)
    assert grade_report_item(rubric, "p2.a", report, "scan.txt").status == expected


@pytest.mark.parametrize("d, expected", [("o2( w2 o1( wl x ) )", "pass"), ("o1( wl x )", "fail")])
def test_a_scans_o_is_sigma_where_the_hand_in_defines_it_so(rubric, d: str, expected: str) -> None:
    report = OCR_SCAN.format(d=d, conv="24")
    assert grade_report_item(rubric, "p1.d", report, "scan.txt").status == expected


@pytest.mark.parametrize("count, expected", [("20", "pass"), ("10", "partial")])
def test_a_filters_count_said_after_its_shape(rubric, count: str, expected: str) -> None:
    """"five by five by one and there" / "are twenty of them": the filters' shape with their count, over a wrap."""
    report = ("Problem 2\n\n(a) The input image is 28 by 28 (one channel). The conv1 filters are 5 by 5 by 1 and "
              f"there\nare {count} of them. conv1 outputs 24×24×20, and the 2×2 max-pool halves this to 12×12×20.\n\n"
              "(b) words\n")
    assert grade_report_item(rubric, "p2.a", report, "r.txt").status == expected


@pytest.mark.parametrize("conv1, expected", [("so 520", "pass"), ("so 500", "partial")])
def test_a_working_in_words_that_ends_with_so(rubric, conv1: str, expected: str) -> None:
    report = ("Problem 2\n\n(c) Parameters (with biases):\n\n"
              f"- conv1: 20 filters with 25 weights and one bias each, {conv1}.\n"
              "- relu1 and pool1: no parameters, 0 each.\n"
              "- conv2: 50 filters with 5·5·20 = 500 weights and one bias each, so 25,050.\n"
              "- relu2 and pool2: 0 each.\n"
              "- fc1: the 4×4×50 = 800 pooled values go to 500 units, 800·500 weights plus 500\n"
              "  biases, so 400,500.\n- fc2: 500·10 weights plus 10 biases, so 5,010.\n\n"
              "Total: 520 + 25,050 + 400,500 + 5,010 = 431,080 parameters.\n")
    assert grade_report_item(rubric, "p2.c", report).status == expected


def test_no_module_binds_one_name_twice() -> None:
    """Two patterns given one name in one module: the first is silently lost (it happened twice)."""
    clashes = []
    for path in sorted(Path("grader").rglob("*.py")) + sorted(Path("reference").rglob("*.py")):
        seen: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [t.id for t in node.targets if isinstance(t, ast.Name)] if isinstance(node, ast.Assign) else []
            for name in names:
                if name in seen:
                    clashes.append(f"{path}: {name}")
                seen.add(name)
    assert clashes == []


@pytest.mark.parametrize("chosen, expected", [
    ("Of the two, (A) is my answer: descent subtracts the gradient.", "pass"),
    ("I couldn't figure out which one matches the course, so I've left both here.", "review")])
def test_options_lettered_in_capitals_are_no_parts(rubric, chosen: str, expected: str) -> None:
    """"$$\\text{(A)}\\ w − α∇L \\qquad \\text{(B)}\\ w + α∇L$$" where the parts are "(a)", "(b)": two options; the
    update is what the words around them choose, or a person's call."""
    report = ("## 1.\n\n**(d)** $\\partial f/\\partial w_3 = \\sigma_2(x_2)$\n\n**(e)** words\n\n**(f)** The update, "
              "two options:\n\n$$\\text{(A)}\\quad w^{\\text{new}} = w - \\alpha\\,\\nabla_w L \\qquad\\qquad "
              "\\text{(B)}\\quad w^{\\text{new}} = w + \\alpha\\,\\nabla_w L$$\n\n"
              f"{chosen}\n\n## 2. MNIST\n\n**(a)**\n- input dimension: $28\\times 28$\n"
              "- conv1 filter dimension: $5\\times5\\times1\\times20$\n- after conv1: $24\\times24\\times20$\n"
              "- after pooling: $12\\times12\\times20$\n\n**(b)** words\n")
    assert grade_report_item(rubric, "p2.a", report).status == "pass"  # no "(A)" took part 2(a)
    assert grade_report_item(rubric, "p1.f.update", report).status != "pass" or expected == "pass"
    if expected == "review":
        assert grade_report_item(rubric, "p1.f.update", report).status == "review"


@pytest.mark.parametrize("total, expected", [("431080", "pass"), ("426080", "partial")])
def test_a_summary_boxed_under_a_rule_of_equals_signs(rubric, total: str, expected: str) -> None:
    """Lines of answers with a line of "=" under them: Markdown's heading, a text's box; each line is read."""
    report = ("scratch: conv1 5*5*1*20 = 500 (+20 bias) = 520\n\n"
              "==================== Summary of answers ====================\n"
              " P1 (d)      df/dw3 = sigma2(x2)\n"
              " P2 (a)      input 28x28; conv1 filter 5x5x1 (x20); after conv1 24x24x20;\n"
              "             after pool 12x12x20\n"
              " P2 (c)      conv1 520 | relu1 0 | pool1 0 | conv2 25050 | relu2 0 |\n"
              f"             pool2 0 | fc1 400500 | fc2 5010 | TOTAL {total}\n"
              " test acc    98.97%\n=============================================================\n")
    assert grade_report_item(rubric, "p2.c", report, "r.txt").status == expected


@pytest.mark.parametrize("w2, expected", [(r"w_3\,\sigma_2(x_2)(1-\sigma_2(x_2))\,\sigma_1(x_1)", "pass"),
                                          (r"w_3\,\sigma_2(x_2)(1-\sigma_2(x_2))\,w_2", "fail")])
def test_a_hand_ins_own_numbering_with_its_legend(rubric, w2: str, expected: str) -> None:
    """"My numbering: Q1 = 1(b), …, Q4 = 1(e), …": "**Q4.**" labels part 1(e), not a problem 4."""
    report = ("**HW3**\n\nMy numbering: Q1 = 1(b), Q2 = 1(c), Q3 = 1(d), Q4 = 1(e), Q5 = 1(f), Q6 = 2(a).\n\n"
              "Notation: $x_1 = w_1x$, $x_2 = w_2\\sigma_1(x_1)$.\n\n**Q3.** $\\dfrac{\\partial f_w}{\\partial w_3} = "
              "\\sigma_2(x_2)$\n\n**Q4.**\n$\\dfrac{\\partial f_w}{\\partial w_2} = " + w2 + "$\n\n"
              "**Q5.** words\n\n**Q6.**\n- input: 28×28\n")
    assert grade_report_item(rubric, "p1.e.w2", report).status == expected


def test_a_legend_needs_three_pairs_each_named_once() -> None:
    from grader.reading.own_numbering import own_numbering

    assert own_numbering("Q1 = 1(b), Q2 = 1(c)\n**Q1.** x\n") == "Q1 = 1(b), Q2 = 1(c)\n**Q1.** x\n"
    twice = "Q1 = 1(b), Q1 = 1(c), Q3 = 1(d)\n**Q1.** x\n"
    assert own_numbering(twice) == twice
    assert own_numbering("Q1 = 1(b), Q2 = 1(c), Q3 = 1(d)\n**Q2.** x\n").endswith("**1(c).** x\n")


@pytest.mark.parametrize("w3_row, expected", [("sum_i 2 (f_w(x^i) - y^i) * t_i", "pass"),
                                              ("sum_i (f_w(x^i) - y^i) * t_i", "partial")])
def test_a_grid_tables_rows_under_a_gradients_head_are_the_gradients(rubric, w3_row: str, expected: str) -> None:
    """"| comp. | grad_w L |" heading a grid table drawn with "+---+": its row w3 is ∂L/∂w3, not (d)'s ∂f/∂w3."""
    report = ("Numbering used below: 1.3 = P1(d)  1.5 = P1(f)  2.1 = P2(a)\n\n"
              "Symbols: q = sig(w1*x), t = sig(w2*q), sig = 1/(1+exp(-u))\n\n"
              "+------+------------------------------------+\n| 1.3  | df/dw3 = t                         |\n"
              "+------+------------------------------------+\n\n"
              "1.5  L(w) = sum_{(x,y) in D} (y - f_w(x))^2\n\n"
              "+-------+------------------------------------------------------------+\n"
              "| comp. | grad_w L                                                   |\n"
              "+-------+------------------------------------------------------------+\n"
              "| w1    | sum_i 2 (f_w(x^i) - y^i) * w3 t_i(1-t_i) w2 q_i(1-q_i) x^i |\n"
              "| w2    | sum_i 2 (f_w(x^i) - y^i) * w3 t_i(1-t_i) q_i               |\n"
              f"| w3    | {w3_row:<58} |\n"
              "+-------+------------------------------------------------------------+\n\n2.1  words\n")
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == "pass"
    assert grade_report_item(rubric, "p1.f.grad", report, "r.txt").status == expected


@pytest.mark.parametrize("conv2, expected", [("25,050", "pass"), ("25,000", "partial")])
def test_a_text_table_ruled_with_plus_signs_and_indented(rubric, conv2: str, expected: str) -> None:
    """"(c) layer | weights | biases | total" over "--------+-----…" and indented rows: a table, not code."""
    report = ("Problem 2\n\n(b) words\n\n(c) layer   | weights              | biases | total\n"
              "    --------+----------------------+--------+---------\n"
              "    conv1   | 5*5*1*20   =    500  |   20   |     520\n"
              "    relu1   | -                    |   -    |       0\n"
              "    pool1   | -                    |   -    |       0\n"
              f"    conv2   | 5*5*20*50  =  25000  |   50   |  {conv2}\n"
              "    relu2   | -                    |   -    |       0\n"
              "    pool2   | -                    |   -    |       0\n"
              "    fc1     | 800*500    = 400000  |  500   | 400,500\n"
              "    fc2     | 500*10     =   5000  |   10   |   5,010\n"
              "    --------+----------------------+--------+---------\n"
              "    total                                     431,080\n\n"
              "Code (DeepMNIST.py):\n\n    self.conv1 = nn.Conv2d(1, 20, 5, 1)\n")
    assert grade_report_item(rubric, "p2.c", report, "r.txt").status == expected


RTF = r"""{\rtf1\ansi\ansicpg1252\cocoartf2639
{\fonttbl\f0\fswiss\fcharset0 Helvetica;}
{\colortbl;\red255\green255\blue255;}
\pard\tx566\pardirnatural\partightenfactor0

\f0\fs28 \cf0 \b Problem 1 (Back propagation)\b0 \par
f_w(x) = w3 \'b7 \u963?2(w2 \'b7 \u963?1(w1 \'b7 x)), with \u963?(u) = 1/(1 + e{\super -u}) \par
(b)\par
(i)  d\u963?/du = e{\super -u} / (1 + e{\super -u}){\super %(power)s}\par
(ii) d\u963?/du = \u963?(u)(1 - \u963?(u))\par
(c) words\par
}"""


@pytest.mark.parametrize("name", ["report.rtf", "report.txt"])
@pytest.mark.parametrize("power, expected", [("2", "pass"), ("3", "fail")])
def test_a_report_saved_as_rich_text(rubric, name: str, power: str, expected: str) -> None:
    """A word processor's .rtf (or its source saved as .txt): "\\u963?" is σ, "{\\super -u}" a power."""
    assert grade_report_item(rubric, "p1.b.i", RTF % {"power": power}, name).status == expected


@pytest.mark.parametrize("fc1, expected", [("400,500", "pass"), ("400,000", "partial")])
def test_a_count_of_a_layers_inputs_is_not_its_parameter_count(rubric, fc1: str, expected: str) -> None:
    """"(fc1's 800 inputs are the flattened 4 × 4 × 50 map.)": 800 counts inputs; the table's value stands."""
    rows = "".join(f"| {n} | {v} |\n" for n, v in (("conv1", "520"), ("relu1", "0"), ("pool1", "0"),
                                                  ("conv2", "25,050"), ("relu2", "0"), ("pool2", "0"),
                                                  ("fc1", fc1), ("fc2", "5,010"), ("total", "431,080")))
    report = ("## Problem 2\n\n### (b)\n\nwords\n\n### (c)\n\n| layer | # |\n|---|---|\n" + rows +
              "\n(fc1's 800 inputs are the flattened 4 × 4 × 50 map.)\n")
    assert grade_report_item(rubric, "p2.c", report).status == expected


@pytest.mark.parametrize("depth, expected", [("20", "pass"), ("50", "partial")])
def test_a_fields_name_said_in_brackets_before_its_value(rubric, depth: str, expected: str) -> None:
    report = ("## Partie 2\n\n**(b)** Donc : filtre $5\\times5$, pas (stride) $= 1$, profondeur (canaux) "
              f"$= {depth}$, et 50 filtres. Sans padding.\n\n**(c)** mots\n")
    assert grade_report_item(rubric, "p2.b", report).status == expected


@pytest.mark.parametrize("said", [
    "I think the answer is σ(u2). Actually no, it is σ(u1).",
    "The answer is σ(u2) — no wait, it is σ(u1).",
    "The answer is σ(u2); correction: σ(u1).",
    "∂f/∂w3 = σ(u2). Hmm, I now think it should be σ(u1).",
])
def test_an_answer_taken_back_on_its_own_line_goes_to_a_person(rubric, said: str) -> None:
    """The first formula is right, the sentence after it on the same line takes it back: never full marks."""
    report = f"PROBLEM 1\n\nLet u1 = w1*x and u2 = w2*σ(u1).\n\n(c) words\n\n(d) {said}\n\n(e) words\n"
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == "review"


def test_a_sentence_after_the_answer_that_changes_nothing_leaves_it(rubric) -> None:
    report = "PROBLEM 1\n\nLet u1 = w1*x and u2 = w2*σ(u1).\n\n(c) words\n\n(d) The answer is σ(u2). Actually that is all.\n"
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == "pass"


@pytest.mark.parametrize("tail", [", and we keep the w3 in front of it.", " (the w3 stays in front as a factor).",
                                  ", which then still has to go over w3 once more."])
def test_words_after_an_answer_said_in_a_sentence_go_to_a_person(rubric, tail: str) -> None:
    """Red team 52: the words after the formula may change it; only a clean sentence end leaves it as said."""
    report = f"PROBLEM 1\n\nLet u1 = w1*x and u2 = w2*σ(u1).\n\n(c) words\n\n(d) The answer is σ(u2){tail}\n\n(e) words\n"
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == "review"


@pytest.mark.parametrize("after, expected", [("", "pass"), ("1e.dw2.fix: w3 * sigma2(x2)*(1 - sigma2(x2)) * sigma1(x1) * w2\n",
                                              "review"), ("1e.dw2.alt: w3 * sigma2(x2)*(1 - sigma2(x2)) * w2\n", "review")])
def test_a_sheet_key_said_again_with_a_mark_goes_to_a_person(rubric, after: str, expected: str) -> None:
    report = ("# problem 1\n1a: graph attached\n1d: sigma2(x2)\n1e.dw2: w3 * sigma2(x2)*(1 - sigma2(x2)) * sigma1(x1)\n"
              "1e.dw1: w3 * sigma2(x2)*(1 - sigma2(x2)) * w2 * sigma1(x1)*(1 - sigma1(x1)) * x\n" + after +
              "1f.update: w_new = w - alpha * grad_w L\n")
    assert grade_report_item(rubric, "p1.e.w2", report, "answers.txt").status == expected


def test_a_factor_the_next_line_multiplies_in_after_gives_is_no_new_equation(rubric) -> None:
    """Red team 52: "…, and going back through sigma2 the chain rule gives" / "· sigma(x2)(1 - sigma(x2))"."""
    report = ("Problem 1\n\n(c) words\n\n(d) df/dw3 = sigma(x2), and going back through sigma2 the chain rule gives\n"
              "      · sigma(x2)*(1 - sigma(x2))\n\n(e) words\n")
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status != "pass"


@pytest.mark.parametrize("cell, expected", [("20 (50 filters)", "pass"), ("20 (or 50 filters?)", "review")])
def test_a_hedged_aside_in_a_cell_is_not_passed_over(rubric, cell: str, expected: str) -> None:
    report = ("## Problem 2\n\n### (b)\n\n| item | value |\n| --- | --- |\n| filter size | 5×5 |\n| stride | 1 |\n"
              f"| channel dim | {cell} |\n\n### (c)\n\nwords\n")
    assert grade_report_item(rubric, "p2.b", report).status == expected


@pytest.mark.parametrize("heading, expected", [("### Result check", "review"), ("### Checking my results", "review")])
def test_only_a_heading_that_names_another_topic_ends_the_part(rubric, heading: str, expected: str) -> None:
    """Red team 52: a heading that only mentions results ("### Result check") keeps the doubt under it in (d)."""
    report = ("## Problem 1\n\n### (c)\n\nwords\n\n### (d)\n\n$\\partial f/\\partial w_3 = \\sigma_2(x_2)$\n\n"
              f"{heading}\n\nnot sure whether it should be $w_3\\sigma_2(x_2)$ instead\n\n### (e)\n\nwords\n")
    assert grade_report_item(rubric, "p1.d", report).status == expected


@pytest.mark.parametrize("d, expected", [("w3·σ(x2)", "fail"), ("σ(x2)", "pass")])
def test_capital_part_letters_in_the_text_stay_labels(rubric, d: str, expected: str) -> None:
    """Red team 53: Problem 1 lettered (A)–(F) and Problem 2 (a)–(c): the capitals are Problem 1's parts."""
    report = ("Problem 1\n\n(A) graph attached\n\n(B) words\n\n(C) words\n\n"
              f"(D) ∂f/∂w3 = {d}\n\n(E) words\n\n(F) recall the textbook form df/dw3 = sigma(x2)\n\n"
              "Problem 2\n\n(a) input 28x28\n\n(b) words\n\n(c) words\n")
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == expected
