"""Held-out batch 42: other fields' and converters' ways of writing what a TA reads — a layer index
(``s_k ≡ σ(x_k), k = 1, 2``), a backward pass laid out as a table of adjoints, plain TeX's ``{\\rm new}``, the
step size spelled ``eta``, economists' subscript derivatives (``f_{w_k}(x_n)``, ``f_{θ_3}``), a plain-text table
after its part's label with numbers set flush right, a learning platform's page laid out in a table, a PDF text
layer's displayed fraction (numerator, equation, denominator), and a gradient under the hand-in's own name carried
into the update. Each reading has a wrong twin that must not pass."""
from __future__ import annotations

import pytest

from grader.reading.formats_html import html_markdown
from grader.reading.notation_rate import step_names
from tests.helpers import grade_report_item

HEAD = "## Problem 1\n\n"
NOTATION = "$x_1 = w_1 x$, $x_2 = w_2\\sigma(x_1)$, and $s_k \\equiv \\sigma(x_k)$, $k = 1, 2$.\n\n"


@pytest.mark.parametrize("answer, expected", [("w_3\\, s_2(1-s_2)\\, s_1", "pass"), ("w_3\\, s_2(1-s_2)", "partial")])
def test_an_index_that_picks_the_handouts_layer_names_is_a_layers(rubric, answer: str, expected: str) -> None:
    report = f"{HEAD}{NOTATION}(e)\n\n$$\\frac{{\\partial f}}{{\\partial w_2}} = {answer}$$\n"
    assert grade_report_item(rubric, "p1.e.w2", report).status == expected


def test_an_index_of_data_points_stays_a_data_points(rubric) -> None:
    """``r_i = f(x_i) − y_i``: the model at a data point, never a layer."""
    report = (f"{HEAD}(f)\n\nWith $r_i = f_w(x_i) - y_i$:\n\n"
              "$$\\nabla_w L = \\sum_{i=1}^{2} 2 r_i \\nabla_w f_w(x^i)$$\n")
    assert grade_report_item(rubric, "p1.f.grad", report).status == "pass"


ADJOINTS = ("| node $v$ | $\\bar v$ |\n|---|---|\n| $x_2$ | $w_3\\,\\sigma_2(1-\\sigma_2)$ |\n"
            "| $x_1$ | $w_3\\,\\sigma_2(1-\\sigma_2)\\,w_2\\,\\sigma_1(1-\\sigma_1)$ |\n\n")
INPUTS = "| node | operation | inputs |\n|---|---|---|\n| $x_1$ | multiply | $w_1$, $x$ |\n\n"


@pytest.mark.parametrize("table", [ADJOINTS, INPUTS])
@pytest.mark.parametrize("answer, expected", [
    ("w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)", "pass"),
    ("w_3\\,\\sigma_2(x_2)(1+\\sigma_2(x_2))\\,\\sigma_1(x_1)", "fail")])
def test_a_column_of_adjoints_or_inputs_defines_no_name(rubric, table: str, answer: str, expected: str) -> None:
    report = f"{HEAD}(e)\n\n{table}$$\\frac{{\\partial f}}{{\\partial w_2}} = {answer}$$\n"
    assert grade_report_item(rubric, "p1.e.w2", report).status == expected


@pytest.mark.parametrize("sign, expected", [("-", "pass"), ("+", "fail")])
def test_plain_tex_font_switch_in_the_next_iterate(rubric, sign: str, expected: str) -> None:
    report = (f"{HEAD}(f) With learning rate $\\lambda$:\n\n"
              f"$$\\bm w^{{\\,\\rm new}} = \\bm w {sign} \\lambda\\,\\nabla_{{\\bm w}} L(\\bm w)$$\n")
    assert grade_report_item(rubric, "p1.f.update", report).status == expected


def test_a_step_size_spelled_in_letters() -> None:
    assert list(step_names("Gradient descent, step size eta > 0 (chosen by us)")) == ["\\eta"]
    assert list(step_names("Lambda(t) = 1/(1+exp(-t)) is the logistic; the learning rate is eta")) == ["\\eta"]
    assert list(step_names("the learning rate of this beta version")) == []


@pytest.mark.parametrize("sign, expected", [("-", "pass"), ("+", "fail")])
def test_economists_subscript_derivative_in_a_componentwise_update(rubric, sign: str, expected: str) -> None:
    report = (f"{HEAD}(f) Partial derivatives are written with subscripts, f_{{w_3}} = df/dw_3. Step size eta.\n\n"
              f"    w_k <- w_k {sign} 2 eta sum_n ( f(x_n) - y_n ) f_{{w_k}}(x_n)\n")
    assert grade_report_item(rubric, "p1.f.update", report, "r.txt").status == expected


@pytest.mark.parametrize("answer, expected", [("Lambda(k_2)", "pass"), ("Lambda(k_1)", "fail")])
def test_a_subscript_derivative_under_the_hand_ins_own_weights(rubric, answer: str, expected: str) -> None:
    report = ("Notation: theta = (theta_1, theta_2, theta_3), Lambda(t) = 1/(1 + exp(-t)),\n"
              "k_1 = theta_1 * x,   k_2 = theta_2 * Lambda(k_1),   f(x) = theta_3 * Lambda(k_2)\n\n"
              f"Q1.d  f_{{theta_3}} = {answer}\n")
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == expected


TABLE = """## Problem 2

Q2.c  layer      weights            biases   total
      conv1      5*5*1*20  =   500     20       520
      relu1                  0          0         0
      pool1                  0          0         0
      conv2      5*5*20*50 = 25000     50     25050
      relu2                  0          0         0
      pool2                  0          0         0
      fc1        800*500 = 400000     500    {fc1}
      fc2        500*10  =   5000      10      5010
      TOTAL                                 {total}
"""


@pytest.mark.parametrize("fc1, total, expected", [("400500", "431080", "pass"), ("400000", "430580", "partial")])
def test_a_plain_text_table_after_its_parts_label(rubric, fc1: str, total: str, expected: str) -> None:
    report = TABLE.format(fc1=fc1, total=total)
    assert grade_report_item(rubric, "p2.c", report, "r.txt").status == expected


FLUSH_RIGHT = """## Problem 2

(c) layer   formula              params
    conv1   (5·5·1 + 1)·20         520
    relu1   –                        0
    pool1   –                        0
    conv2   (5·5·20 + 1)·50     25 050
    relu2   –                        0
    pool2   –                        0
    fc1     (800 + 1)·500      {fc1}
    fc2     (500 + 1)·10         5 010
    total                      431 080
"""


@pytest.mark.parametrize("fc1, expected", [("400 500", "pass"), ("400 000", "partial")])
def test_numbers_set_flush_right_with_spaces_between_thousands(rubric, fc1: str, expected: str) -> None:
    assert grade_report_item(rubric, "p2.c", FLUSH_RIGHT.format(fc1=fc1), "r.txt").status == expected


MOODLE = """<html><body><table class="generaltable"><tbody>
<tr><th>Submission status</th><td>Submitted for grading</td></tr>
<tr><th>Online text</th><td><div class="no-overflow">
<p dir="ltr"><b>Problem 1</b></p>
<p dir="ltr">d) \\(\\dfrac{\\partial f_w}{\\partial w_3} = ANSWER\\)</p>
<p dir="ltr"><b>Problem 2</b></p>
<table><thead><tr><th>layer</th><th>#params</th></tr></thead>
<tbody><tr><td>conv1</td><td>520</td></tr></tbody></table>
</div></td></tr></tbody></table></body></html>
"""


def test_a_page_laid_out_in_a_table_reads_as_the_page() -> None:
    text = html_markdown(MOODLE.replace("ANSWER", "x"))
    assert "\n**Problem 1**\n" in text and "\nd) \\(" in text  # paragraphs, not one table cell
    assert "| conv1 | 520 |" in text  # a data table inside it stays a table


@pytest.mark.parametrize("answer, expected", [("\\sigma_2(w_2\\sigma_1(w_1x))", "pass"),
                                              ("\\sigma_2(w_1\\sigma_1(w_2x))", "fail")])
def test_a_learning_platforms_online_text(rubric, answer: str, expected: str) -> None:
    report = MOODLE.replace("ANSWER", answer)
    assert grade_report_item(rubric, "p1.d", report, "r.html").status == expected


@pytest.mark.parametrize("answer, expected", [("σ1 (u)(1 − σ1 (u)).", "pass"), ("σ1 (u)(1 + σ1 (u)).", "fail")])
def test_a_pdf_text_layers_displayed_fraction(rubric, answer: str, expected: str) -> None:
    """Numerator above the equation, denominator below: ``dσ1`` / ``= …`` / ``du``."""
    report = f"1 Back propagation\n(b) (i) skipped.\n(ii) Hence\ndσ1\n= {answer}\ndu\n(c) Forward pass.\n"
    assert grade_report_item(rubric, "p1.b.ii", report, "r.txt").status == expected


def test_an_update_written_with_the_hand_ins_own_wrong_gradient_under_a_name(rubric) -> None:
    """``g`` is the hand-in's own (sign-flipped) ∇L: the update carries that error, a person's call, never a fail
    for the update itself, never full marks."""
    report = (f"{HEAD}(f)\n\n$$g = \\sum_i 2(y^i - f_w(x^i))\\nabla_w f_w(x^i)$$\n\n"
              "$$w \\leftarrow w - \\alpha g$$\n")
    assert grade_report_item(rubric, "p1.f.update", report).status == "review"


def test_the_weights_of_step_t_as_a_subscript_are_no_derivative(rubric) -> None:
    """``f_{w_t}``, ``f_{θ_t}``: the model at the weights of step t, never ∂f/∂w_t."""
    from reference.mnist_backprop import REFERENCE

    assert REFERENCE.classify_lhs("f_{w_t}(x)") is None
    assert REFERENCE.classify_lhs("f_{w_k}(x_n)") == "df/dw"
    report = (f"{HEAD}(f)\n\n$$w_{{t+1}} = w_t - \\alpha \\sum_{{i=1}}^{{2}} 2(f_{{w_t}}(x^i) - y^i)"
              "\\nabla_w f_{w_t}(x^i)$$\n")
    result = grade_report_item(rubric, "p1.f.update", report)
    assert result.status == "review" and "still holds" not in result.feedback
