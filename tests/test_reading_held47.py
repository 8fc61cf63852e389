"""Held-out batch 46's failures and batch 47: a table of a forward pass's states (``| a | w1 · x |``) that names
symbols, not parts, and defines them; ``**Ans (ii):**`` as an answer's lead; products written ``800 . 500``; a
fraction drawn with a bar of dashes; a PDF's text in reading order (a derivative split over two lines, a sum's
limits on lines of their own, a fraction after an equation's last ``=``). Each reading has a wrong twin."""
from __future__ import annotations

import pytest

from grader.reading.document import read_document
from grader.reading.stacked import dash_fractions, reading_order_sums
from grader.reading.values import find_values
from tests.helpers import grade_report_item

STATES = ("## 1 Back propagation\n\n| symbol | definition | meaning |\n|---|---|---|\n| a | w1 · x | input 1 |\n"
          "| p | σ1(a) | output 1 |\n| b | w2 · p | input 2 |\n| q | σ2(b) | output 2 |\n| f | w3 · q | output |\n\n"
          "### 1.4 f'_w3\n\n**Ans:** f'_w3 = q\n\n### 1.5 f'_w2 and f'_w1\n\n**Ans:** f'_w2 = {w2}\n\n"
          "### 1.6 Loss\n\nL\n")


def test_a_table_of_states_names_no_parts() -> None:
    doc = read_document(STATES.format(w2="w3 q(1−q) p"))
    assert "1.a" not in doc.segments and "1.b" not in doc.segments and "1.f" in doc.segments
    answers = read_document("## Answers\n\n| part | answer |\n|---|---|\n| a | x |\n| b | y |\n| c | z |\n")
    assert {"a", "b", "c"} <= {k.rsplit(".", 1)[-1] for k in answers.segments}  # a table of parts keeps them


@pytest.mark.parametrize("w2, expected", [("w3 q(1−q) p", "pass"), ("w3 q(1+q) p", "fail")])
def test_states_defined_in_a_plain_table_are_read(rubric, w2: str, expected: str) -> None:
    assert grade_report_item(rubric, "p1.e.w2", STATES.format(w2=w2)).status == expected


@pytest.mark.parametrize("ans, expected", [("σ1(u) · (1 − σ1(u))", "pass"), ("σ1(u) · (1 + σ1(u))", "fail")])
def test_an_answer_lead_with_its_label_in_bold(rubric, ans: str, expected: str) -> None:
    report = ("## 1\n\n### 1.2 dσ/du\n\n(i) σ(u) = (1+e^(−u))^(−1)  ⇒  dσ/du = (−1)(1+e^(−u))^(−2) · (−e^(−u))\n\n"
              "  **Ans (i):**  dσ1/du = e^(−u) / (1 + e^(−u))²\n\n"
              "(ii) Split: e^(−u)/(1+e^(−u))² = [1/(1+e^(−u))]·[e^(−u)/(1+e^(−u))] = σ·(1 − σ)\n\n"
              f"  **Ans (ii):** dσ1/du = {ans}\n\n### 1.3 Passes\n\nwords\n")
    assert grade_report_item(rubric, "p1.b.ii", report).status == expected


@pytest.mark.parametrize("fc1, expected", [("800 . 500 + 500 = 400500", "pass"), ("800 . 500 = 400000", "partial")])
def test_a_product_written_with_spaced_dots(rubric, fc1: str, expected: str) -> None:
    report = ("Problem 2\n\n(c)\nconv1 : 5.5.1.20 + 20 = 520\nrelu1, pool1 : 0\nconv2 : 5.5.20.50 + 50 = 25050\n"
              "relu2, pool2 : 0\n"
              f"fc1 : {fc1}\nfc2 : 500 . 10 + 10 = 5010\ntotal = 431080\n")
    assert grade_report_item(rubric, "p2.c", report, "r.txt").status == expected


def test_a_fraction_drawn_with_a_bar_of_dashes() -> None:
    assert dash_fractions("(i) dσ/du =     exp(-u)\n           -------------\n            (1 + exp(-u))²\n") \
        .split("\n")[0] == "(i) dσ/du = (exp(-u))/((1 + exp(-u))²)"
    assert dash_fractions("          e^(-u)\n  dσ/du = ----------- = s(1-s)\n          (1+e^(-u))^2\n") \
        .split("\n")[0] == "  dσ/du = (e^(-u))/((1+e^(-u))^2) = s(1-s)"
    table = "Layer     params\n--------------\nconv1     520\n"
    assert dash_fractions(table) == table  # a table's rule: no equation around it
    heading = "Results\n-------\na = 5\n"
    assert dash_fractions(heading) == heading


@pytest.mark.parametrize("top, expected", [("exp(-u)", "pass"), ("exp(u)", "fail")])
def test_a_dashed_fraction_is_graded(rubric, top: str, expected: str) -> None:
    report = (f"Problem 1\n\n(b)\n(i) dσ1/du =        {top}\n             -------------------\n"
              "              (1 + exp(-u))^2\n\n(ii) dσ1/du = σ1(u)(1 − σ1(u))\n\n(c) words\n")
    assert grade_report_item(rubric, "p1.b.i", report, "r.txt").status == expected


def test_a_pdf_text_in_reading_order() -> None:
    text = ("dσ1\ndu = σ1(u)(1 − σ1(u)).\n∇wL(w) =\n∑\n(x,y)∈D\n2(y − fw(x)) · (−∇wfw(x)) = 2\n2\n∑\ni=1\n"
            "(fw(xi) − yi) ∇wfw(xi),\nwhere this")
    lines = reading_order_sums(text).split("\n")
    assert lines[0] == "dσ1/du = σ1(u)(1 − σ1(u))."
    assert lines[1] == "∇wL(w) = Σ_(x,y)∈D 2(y − fw(x)) · (−∇wfw(x)) = 2 Σ i=1..2 (fw(xi) − yi) ∇wfw(xi),"
    assert reading_order_sums("Σ\nwords here\n") == "Σ\nwords here\n"  # no limit under it: left alone
    after = reading_order_sums("so s' =\nexp(−u)\n(1 + exp(−u))^2 .\n(ii) next")
    assert after.split("\n")[0] == "so s' = (exp(−u))/((1 + exp(−u))^2)."


GRAD = ("(f) Gradient\n∇wL(w) =\n∑\n(x,y)∈D\n2(y − fw(x)) · (−∇wfw(x)) = 2\n2\n∑\ni=1\n({a}) ∇wfw(xi),\n"
        "where ∇wfw(xi) = (∂fw/∂w1, ∂fw/∂w2, ∂fw/∂w3)⊤ is the vector of partial derivatives of fw at xi.\n")


@pytest.mark.parametrize("a, expected", [("fw(xi) − yi", "pass"), ("yi − fw(xi)", "review")])  # the earlier
# side is right: a slip in the last one is for a person
def test_a_gradient_summed_in_reading_order(rubric, a: str, expected: str) -> None:
    report = "1\nBack propagation\n" + GRAD.format(a=a)
    assert grade_report_item(rubric, "p1.f.grad", report, "r.txt").status == expected


NUMERIC_CHECK = ("Setup. I call the sigmoid g(u) = 1/(1 + e^(-u)) (both sigma_1 and sigma_2 are g).\n\n"
                 "    r = w1·x\n    h = g(r)\n    s = w2·h\n    f = w3·g(s)\n\nso f_w(x) = w3 · g(w2 · g(w1·x)).\n\n"
                 "(e)\n    ∂f/∂w2 = {w2}\n\n    Sanity check at x = 1, w = (0.5, −1, 2):\n"
                 "    r = 0.5, h = 0.6225, s = −0.6225, g(s) = 0.3492\n\n(f) next\n")


@pytest.mark.parametrize("w2, expected", [("w3 · g(s)(1 − g(s)) · h", "pass"), ("w3 · g(s)(1 + g(s)) · h", "fail")])
def test_a_numeric_check_defines_nothing(rubric, w2: str, expected: str) -> None:
    report = "Problem 1\n\n" + NUMERIC_CHECK.format(w2=w2)
    assert grade_report_item(rubric, "p1.e.w2", report, "r.txt").status == expected


APPLIED = ("## 1\n\nLet $z_1 = w_1 x$, $a_1 = \\sigma(z_1)$, $z_2 = w_2 a_1$, $a_2 = \\sigma(z_2)$.\n\n"
           "**(e)** In code-ish form: `g = [w3*a2*(1-a2)*w2*a1*(1-a1)*x; w3*a2*(1-a2)*a1; a2]`.\n\n**(f)**\n\n"
           "MATLAB-ish: `gradL = -2*(y1 - f(x1))*g({a}) - 2*(y2 - f(x2))*g(x2)`.\n")


@pytest.mark.parametrize("a, expected", [("x1", "pass"), ("x2", "fail")])
def test_an_own_vector_applied_to_a_data_point(rubric, a: str, expected: str) -> None:
    assert grade_report_item(rubric, "p1.f.grad", APPLIED.format(a=a)).status == expected


MIDDLE_ROW = ("(f)\n                                          [ w3*y2_i*(1-y2_i)*w2*y1_i*(1-y1_i)*x^i ]\n"
              "    grad_w L = sum_i 2*({r}) * [ w3*y2_i*(1-y2_i)*y1_i              ]\n"
              "                                          [ y2_i                                  ]\n\n"
              "    (i = 1, 2; y1_i, y2_i = y1, y2 computed with x = x^i)\n")


@pytest.mark.parametrize("r, expected", [("f_w(x^i) - y^i", "pass"), ("y^i - f_w(x^i)", "partial")])  # the sign
def test_a_column_vector_drawn_around_its_formula(rubric, r: str, expected: str) -> None:
    report = ("PART 1\n\n    t1 = w1*x\n    y1 = sig(t1)\n    t2 = w2*y1\n    y2 = sig(t2)\n    f  = w3*y2\n\n"
              "where sig(u) = 1/(1+exp(-u))\n\n" + MIDDLE_ROW.format(r=r))
    assert grade_report_item(rubric, "p1.f.grad", report, "r.txt").status == expected


@pytest.mark.parametrize("w2, expected", [("w_3 g_2(1-g_2) g_1", "pass"), ("w_3 g_2(1+g_2) g_1", "fail")])
def test_a_vector_of_weights_said_to_lie_in_a_space(rubric, w2: str, expected: str) -> None:
    report = ("\\section*{Problem 1}\nI collect the weights in $\\theta = [w_1;\\,w_2;\\,w_3] \\in \\mathbb{R}^3$.\n"
              "Intermediates: $h_1 = w_1 x$, $g_1 = \\sigma(h_1)$, $h_2 = w_2 g_1$, $g_2 = \\sigma(h_2)$.\n\n"
              "\\paragraph{(e)}\n\\[\\frac{\\partial f}{\\partial w_2} = " + w2 + "\\]\n\\paragraph{(f)} x\n")
    assert grade_report_item(rubric, "p1.e.w2", report, "r.tex").status == expected


def test_a_name_with_a_bar_is_another_quantity(rubric) -> None:
    report = ("## 1\n\nNotation: $\\bar v := \\partial f/\\partial v$.\n\n**(d)** $\\overline{\\sigma_2} = w_3$; "
              "$\\bar x_2 = w_3\\,\\sigma_2'(x_2)$.\n\n$$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$$\n\n"
              "**(e)** $$\\frac{\\partial f}{\\partial w_2} = \\bar x_2\\,\\sigma_1(x_1) = "
              "w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)$$\n")
    assert grade_report_item(rubric, "p1.d", report).status == "pass"  # σ2 is still σ2, not w3
    assert grade_report_item(rubric, "p1.e.w2", report).status == "pass"


@pytest.mark.parametrize("answer, expected", [("s(u)(1-s(u))", "pass"), ("s(u)(1+s(u))", "fail")])
def test_a_summary_table_after_its_labels(rubric, answer: str, expected: str) -> None:
    report = ("## Problem 1\n\nI write s(u) = 1/(1+e^(-u)) for the sigmoid.\n\n**(b)** see summary\n\n"
              "## Summary of answers\n\n| Part | Answer |\n| :---- | :---- |\n| 1(b)(i) | e^(-u)/(1+e^(-u))^2 |\n"
              f"| 1(b)(ii) | {answer} |\n")
    assert grade_report_item(rubric, "p1.b.ii", report).status == expected


@pytest.mark.parametrize("pool, expected", [("12 × 12 × 20.", "pass"), ("11 × 11 × 20.", "partial")])
def test_a_value_wrapped_onto_the_next_line(rubric, pool: str, expected: str) -> None:
    report = ("Problem 2: MNIST\n(a) The input is a 28 × 28 gray-scale image (one channel). "
              "conv1 has 20 filters of size 5 × 5 × 1,\n"
              "i.e. the filter tensor is 5 × 5 × 1 × 20. With stride 1 and no padding the output side is\n"
              "28 − 5 + 1 = 24, so conv1 outputs 24 × 24 × 20, and the 2 × 2 max-pooling halves this to\n"
              f"{pool}\n(b) next\n")
    assert grade_report_item(rubric, "p2.a", report, "r.txt").status == expected


@pytest.mark.parametrize("that_is, conv, expected", [(", i.e.", "24", "pass"), ("，即", "24", "pass"),
                                                     ("，即", "23", "partial")])
def test_a_working_then_its_size_said_again(rubric, that_is: str, conv: str, expected: str) -> None:
    report = ("Problem 2\n\n(a) The input is $28\\times28$. conv1 has 20 filters $5\\times5\\times1$, i.e. "
              f"$5\\times5\\times1\\times20$. The output of conv1 is $(28-5)+1={conv}${that_is} "
              f"${conv}\\times{conv}\\times20$; after $2\\times2$ max-pooling $12\\times12\\times20$.\n\n(b) x\n")
    assert grade_report_item(rubric, "p2.a", report).status == expected


def test_two_parts_in_bold_joined_by_and_share_their_text() -> None:
    doc = read_document("## Problem 2\n\n**(a)** and **(b)**\n\n| q | v |\n|---|---|\n| input | 28x28 |\n\n**(c)** x\n")
    assert doc.segments["2.a"] == doc.segments["2.b"]


@pytest.mark.parametrize("lead, expected", [("I was not sure whether the question wants the biases, so here are both "
                                             "counts:", "review"), ("Parameters of each layer:", "pass")])
def test_two_columns_offered_as_both_counts(rubric, lead: str, expected: str) -> None:
    report = ("Problem 2\n\n(c) " + lead + "\n\n| layer | weights only | weights + biases |\n|---|---|---|\n"
              "| conv1 | 500 | 520 |\n| relu1 | 0 | 0 |\n| pool1 | 0 | 0 |\n| conv2 | 25,000 | 25,050 |\n"
              "| relu2 | 0 | 0 |\n| pool2 | 0 | 0 |\n| fc1 | 400,000 | 400,500 |\n| fc2 | 5,000 | 5,010 |\n"
              "| total | 430,500 | 431,080 |\n")
    assert grade_report_item(rubric, "p2.c", report).status == expected


@pytest.mark.parametrize("residual, expected", [("f w (x i ) − y i", "pass"), ("f w (x i ) + y i", "fail")])
def test_a_flat_sum_with_the_n_ary_sign(rubric, residual: str, expected: str) -> None:
    if expected == "fail":  # a PDF's spaced scripts: never passed when wrong (read, or sent to a person)
        report = f"Problem 1\n\n(f) ∇ w L(w) = ∑ i=1,2 2({residual}) ∇ w f w (x i ),\n\nw ← w − α ∇ w L(w).\n"
        assert grade_report_item(rubric, "p1.f.grad", report, "r.txt").status != "pass"
    plain = f"Problem 1\n\n(f) ∇w L = ∑ i=1,2 2({residual.replace(' ', '').replace('i)', '^i)')}) ∇w fw(x^i)\n"
    assert grade_report_item(rubric, "p1.f.grad", plain, "r.txt").status == expected


@pytest.mark.parametrize("factor, expected", [("1-", "pass"), ("1+", "fail")])
def test_math_whose_backslashes_a_converter_doubled(rubric, factor: str, expected: str) -> None:
    report = ("Problem 1\n---------\n\n**(b)**\n\n(i) $\\\\sigma\\_1'(u) = \\\\frac{e^{-u}}{(1+e^{-u})^2}$\n\n"
              f"(ii) $\\\\sigma\\_1'(u) = \\\\sigma\\_1(u)({factor}\\\\sigma\\_1(u))$\n\n**(c)** words\n")
    assert grade_report_item(rubric, "p1.b.ii", report).status == expected


@pytest.mark.parametrize("answer, expected", [("5x5, stride 1, 20 channels", "pass"),
                                              ("5x5, stride 1, 50 channels", "partial")])
def test_a_check_in_brackets_after_the_answer(rubric, answer: str, expected: str) -> None:
    report = f"Problem 2\n\n  b) {answer}   ((12-5)/1+1 = 8)\n  c) x\n"
    assert grade_report_item(rubric, "p2.b", report, "r.txt").status == expected


@pytest.mark.parametrize("channels, expected", [("20", "pass"), ("50", "partial")])
def test_a_checks_values_answer_nothing(rubric, channels: str, expected: str) -> None:
    report = (f"Problem 2\n\n**(b)** Filter size $5\\times5$, stride $1$, channel dimension ${channels}$. "
              "Check: $(12-5)/1+1 = 8$, and pooling $8\\to4$.\n\n**(c)** x\n")
    assert grade_report_item(rubric, "p2.b", report).status == expected


@pytest.mark.parametrize("answer, expected", [("\\frac{e^{-u}}{(1+e^{-u})^2}", "pass"),
                                              ("\\frac{e^{u}}{(1+e^{-u})^2}", "fail")])
def test_an_identity_of_a_power_of_e_defines_no_name(rubric, answer: str, expected: str) -> None:
    report = ("## 1\n\n**(b)** (i) $$\\frac{d\\sigma}{du} = " + answer + "$$\n\n"
              "(ii) now write it with $s = \\sigma(u)$. "
              "From $s = 1/(1+e^{-u})$ we get $e^{-u} = 1/s - 1$. Then $\\frac{d\\sigma}{du} = s(1-s)$.\n\n**(c)** x\n")
    assert grade_report_item(rubric, "p1.b.i", report).status == expected


def test_two_parts_joined_by_a_plus_share_their_text() -> None:
    doc = read_document("Problem 1\n\n(b)+(c) words here\n\n(d)+(e) more words\n\n(f) last\n")
    assert doc.segments["1.b"] == doc.segments["1.c"] and doc.segments["1.d"] == doc.segments["1.e"]


def test_a_sub_part_said_of_a_formula_in_prose(rubric) -> None:
    """"… gives exp(-u)/(1+exp(-u))^2 for (i), and since … = 1 - sigma1(u) …": "for (i)" says of the formula before
    it; read as a label, the working after it was graded as (i) and failed a right answer."""
    report = ("Problem 1\n\n(b) Differentiating sigma1(u) = 1/(1+exp(-u)) gives exp(-u)/(1+exp(-u))^2 for (i), and "
              "since exp(-u)/(1+exp(-u)) = 1 - sigma1(u) this is the same as sigma1(u)(1 - sigma1(u)) for (ii).\n\n"
              "(c) words\n")
    assert read_document(report).segments.keys() & {"1.b.i", "1.b.ii"} == set()
    assert grade_report_item(rubric, "p1.b.i", report, "r.txt").status != "fail"
    labelled = "Problem 1\n\n(b)\nAnswer for (i): exp(-u)/(1+exp(-u))^2\nAnswer for (ii): s(1-s)\n\n(c) words\n"
    assert {"1.b.i", "1.b.ii"} <= read_document(labelled).segments.keys()  # "Answer for (i):" labels what follows


def test_a_size_wrapped_to_the_start_of_the_next_line(rubric) -> None:
    report = ("Problem 2\n\n(a) The input is 28x28 (1 channel), conv1 filters are 5x5x1 and there are 20 so 5x5x1x20, "
              "no\npadding and stride 1 so the output is 28-5+1 = 24 -> 24x24x20, and max pooling 2x2 halves it to\n"
              "{pool}. For conv2 we need something else.\n\n(b) x\n")
    assert grade_report_item(rubric, "p2.a", report.format(pool="11x11x20"), "r.txt").status != "pass"
    assert "11x11x20" in pool_candidates(rubric, report.format(pool="11x11x20"))  # the pooling's size, not lost


def pool_candidates(rubric, report: str) -> list[str]:
    found = find_values(read_document(report), rubric.item("p2.a").text)
    assert found is not None
    return [c.text for c in found["pool"].candidates]
