"""Readings from the corpus's code-minded and wrapped reports (batch 49's stop): a program's names for the model's
output in a derivative (``dyhat_dw2``, ``dy_hat_dw2``, an undefined ``∂y/∂w₂``), a sentence wrapped after a word no
phrase ends with (``… 20 input`` / ``channels, 50 filters``), and a change ``20 → 50`` said of what goes into a
layer. Each reading has a wrong twin."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

PROGRAM = ("## Q1\n\nMy notation: `h = sigmoid(w1 * x)`, `o = sigmoid(w2 * h)`, output `y_hat = w3 * o`.\n\n"
           "### Q1(d)\n```python\n{d3} = o\n```\n\n### Q1(e)\n```python\n{d2} = w3 * o * (1 - o) * h\n"
           "{d1} = w3 * o * (1 - o) * {w1}\n```\n\n### Q1(f)\nwords\n")


@pytest.mark.parametrize("names", [("dyhat_dw3", "dyhat_dw2", "dyhat_dw1"), ("dy_hat_dw3", "dy_hat_dw2", "dy_hat_dw1")])
@pytest.mark.parametrize("w1, expected", [("w2 * h * (1 - h) * x", "pass"), ("w2 * h * (1 + h) * x", "fail")])
def test_a_programs_name_for_the_outputs_derivative(rubric, names: tuple[str, str, str], w1: str,
                                                     expected: str) -> None:
    report = PROGRAM.format(d3=names[0], d2=names[1], d1=names[2], w1=w1)
    assert grade_report_item(rubric, "p1.e.w1", report).status == expected
    assert grade_report_item(rubric, "p1.e.w2", report).status == "pass"


@pytest.mark.parametrize("w2", ["w_3 σ'(x_2) σ(x_1)", "w_3 σ'(x_2) x_1"])
def test_an_undefined_y_under_a_derivative_goes_to_a_person(rubric, w2: str) -> None:
    """∂y/∂w₂ with y never defined by a formula may be the output or a hidden unit named in words (red team 49)."""
    report = ("## 1\n\n(e) Both together:\n\n$$\\frac{\\partial y}{\\partial w_1} = w_3 σ'(x_2) w_2 σ'(x_1) x$$\n\n"
              f"$$\\frac{{\\partial y}}{{\\partial w_2}} = {w2}$$\n\n(f) words\n")
    assert grade_report_item(rubric, "p1.e.w2", report).status == "review"


def test_a_programs_yhat_that_is_a_hidden_unit_is_no_output(rubric) -> None:
    report = ("## Q1\n\n`yhat = sig(x2)` (the second hidden unit), `f = w3 * yhat`.\n\n### Q1(e)\n```python\n"
              "dyhat_dw2 = w3 * yhat * (1 - yhat) * sig(x1)\n"
              "dyhat_dw1 = w3 * yhat * (1 - yhat) * w2 * sig(x1) * (1 - sig(x1)) * x\n"
              "```\n\n### Q1(f)\nwords\n")
    assert grade_report_item(rubric, "p1.e.w2", report).status != "pass"


def test_y_defined_otherwise_is_not_the_output(rubric) -> None:
    report = ("## 1\n\nLet $y = \\sigma(w_2 x_1)$ be the second hidden value.\n\n(e)\n\n"
              "$$\\frac{\\partial y}{\\partial w_2} = \\sigma'(w_2 x_1) x_1$$\n\n"
              "$$\\frac{\\partial f}{\\partial w_1} = w_3 σ'(x_2) w_2 σ'(x_1) x$$\n\n(f) words\n")
    assert grade_report_item(rubric, "p1.e.w2", report).status != "pass"  # ∂y/∂w₂ is the student's own y


@pytest.mark.parametrize("tail, expected", [("20 input\nchannels, 50 filters, no padding.", "pass"),
                                            ("50 input\nchannels, 20 filters, no padding.", "partial")])
def test_a_sentence_wrapped_after_a_word_no_phrase_ends_with(rubric, tail: str, expected: str) -> None:
    report = f"Problem 2\n\n(b) $(12-F)/S+1=8$. So conv2: filter $5\\times5$, stride $1$, {tail}\n\n(c) words\n"
    assert grade_report_item(rubric, "p2.b", report, "r.md").status == expected


@pytest.mark.parametrize("channels, expected", [("channels 20 -> 50", "pass"), ("channels 50", "partial"),
                                                ("channel dim 20 → 8, 8, 50", "pass"), ("channels 50 → 20", "partial")])
def test_a_change_said_of_what_goes_into_the_layer(rubric, channels: str, expected: str) -> None:
    report = f"Problem 2\n\nb) conv2 filter size 5x5, stride 1, {channels}, padding 0\n\nc) words\n"
    assert grade_report_item(rubric, "p2.b", report, "r.txt").status == expected


def test_a_change_from_field_must_be_a_field_of_the_item() -> None:
    from grader.params import ParamError
    from grader.reading.extract import TextSpec

    assert TextSpec(part="2.b", order=["filter", "channels"], change_from=["channels"]).change_from == ["channels"]
    with pytest.raises(ParamError, match="change_from"):
        TextSpec(part="2.b", order=["filter"], change_from=["chanels"])


@pytest.mark.parametrize("body, expected", [("sig(u) * (1 - sig(u))", "pass"), ("sig(u) * (1 + sig(u))", "fail")])
def test_a_programs_function_numbered_like_the_part(rubric, body: str, expected: str) -> None:
    report = ("# conventions: sig(u) = 1/(1+exp(-u)); x1 = w1*x ; a1 = sig(x1) ; x2 = w2*a1\n\n"
              "# (b)(i)\ndef dsig_i(u):\n    return exp(-u) / (1 + exp(-u))**2\n\n"
              f"# (b)(ii)\ndef dsig_ii(u):\n    return {body}\n\n# (d)\ndf_dw3 = sig(x2)\n\n"
              "# (e)\ndf_dw2 = w3 * dsig_ii(x2) * a1\ndf_dw1 = w3 * dsig_ii(x2) * w2 * dsig_ii(x1) * x\n\n"
              "# (f)\nwords\n")
    assert grade_report_item(rubric, "p1.e.w2", report, "r.txt").status == expected


@pytest.mark.parametrize("tail, expected", [("w2 ...\n                .* dsig( w1.*x ) .* x;", "pass"),
                                            ("w2 ...\n                .* dsig( w1.*x );", "partial")])
def test_a_matlab_statement_carried_over_a_line(rubric, tail: str, expected: str) -> None:
    report = ("% conventions: x1 = w1*x, x2 = w2*sig(x1)\n% (b)(ii)\ndsig = @(u) sig(u) .* (1 - sig(u));\n\n"
              "% (e)\ndfdw2 = w3 .* dsig(x2) .* sig(x1);\n"
              f"dfdw1 = w3 .* dsig(x2) .* {tail}\n\n% (f)\n% words\n")
    assert grade_report_item(rubric, "p1.e.w1", report, "r.txt").status == expected


SCAN = ("fw(x) = w3 s2(w2 s1(w1x)), where s1(u) = s2(u) = 1/(1 + e-u)\n\n"
        "(I write s1, s2 for the two sigmoids.) Let x1 = w1x and x2 = w2 s1(x1).\n\n"
        "(b) (ii) ds1/du = s1(u) (1 — s1(u))\n\n"
        "(e) Using s'(u) = s(u)(1 — s(u)) from (b):\n\n"
        "dfw/dw2 = w3 s2(x2)(1 — s2(x2)) s1(x1)\n\n"
        "dfw/dw1 = w3 s2(x2)(1 {sign} s2(x2)) w2 s1(x1)(1 — s1(x1)) x\n\n"
        "(f) L(w) = (y1 — fw(x1))2 + (y2 — fw(x2))2, where (x1, y1), (x2, y2) are the two data\n"
        "points of D (not the x1, x2 of the graph).\n\n"
        "VwL = —2 (y1 — fw(x1)) Vwfw(x1) — 2 (y2 — fw(x2)) Vwfw(x2)\n\n"
        "Update (a: step size): w := w {update} a VwL\n\n2. MNIST\n\n(a) words\n")


@pytest.mark.parametrize("sign, expected", [("—", "pass"), ("+", "fail")])
def test_a_scan_that_reads_each_minus_as_an_em_dash(rubric, sign: str, expected: str) -> None:
    assert grade_report_item(rubric, "p1.e.w1", SCAN.format(sign=sign, update="—"), "r.txt").status == expected


@pytest.mark.parametrize("update, expected", [("—", "pass"), ("+", "fail")])
def test_a_scans_nabla_read_as_v_and_a_step_named_in_brackets(rubric, update: str, expected: str) -> None:
    assert grade_report_item(rubric, "p1.f.update", SCAN.format(sign="—", update=update), "r.txt").status == expected


def test_points_said_to_be_the_data_read_the_model_there(rubric) -> None:
    assert grade_report_item(rubric, "p1.f.grad", SCAN.format(sign="—", update="—"), "r.txt").status == "pass"
    wrong = SCAN.format(sign="—", update="—").replace("VwL = —2", "VwL = 2")
    assert grade_report_item(rubric, "p1.f.grad", wrong, "r.txt").status != "pass"
    unsaid = SCAN.format(sign="—", update="—").replace("are the two data\npoints of D", "are given")
    assert grade_report_item(rubric, "p1.f.grad", unsaid, "r.txt").status == "review"  # x_1: which one?


def test_prose_dashes_stay_where_no_scan_writes_minus_so(rubric) -> None:
    report = "## 1\n\n(d) ∂f/∂w3 = σ(x2) — a nice result\n\n(e) words\n"
    assert grade_report_item(rubric, "p1.d", report).status == "pass"


def test_a_name_glued_to_the_end_of_a_formula_is_never_cut_off(rubric) -> None:
    report = "1.\n\n(f) L = (y1 - f(x1))^2 + (y2 - f(x2))^2\n\nUpdate: w := w - α GwL\n\n2.\n\n(a) words\n"
    assert grade_report_item(rubric, "p1.f.update", report, "r.txt").status == "review"  # not "w − α": not failed


VIEWER = ("(b)\n(i) Writing σ1(u) = (1 + e\n−u\n)\n−1\n,\ndσ1\ndu = −(1 + e\n−u\n)\n−2\n· (−e\n−u\n) = e\n−u\n"
          "(1 + e−u)\n2\n.\n"
          "(ii) words\n(c) Forward pass: words\n")


def test_a_formula_a_pdf_viewer_broke_into_lines_is_never_failed_on_its_first_piece(rubric) -> None:
    assert grade_report_item(rubric, "p1.b.i", VIEWER, "r.txt").status == "review"
    whole = "(b)\n(i) dσ1/du = −(1 + e^(−u))\nand more words here\n(ii) words\n(c) Forward pass: words\n"
    assert grade_report_item(rubric, "p1.b.i", whole, "r.txt").status == "fail"  # a line that ends the formula


@pytest.mark.parametrize("pool, expected", [("12\\times12\\times20", "pass"), ("13\\times13\\times20", "partial")])
def test_a_window_before_its_operation_and_the_size_after_it(rubric, pool: str, expected: str) -> None:
    report = ("\\section*{第2题}\n\\subsection*{（a）}\n输入维度 $28\\times28$；"
              "conv1 的卷积核维度 $5\\times5\\times1\\times20$；\n"
              f"卷积后 $24\\times24\\times20$（因为 $28-5+1=24$）；$2\\times2$ 最大池化后 ${pool}$。\n\n"
              "\\subsection*{（b）}\n文字\n")
    assert grade_report_item(rubric, "p2.a", report, "r.tex").status == expected


@pytest.mark.parametrize("stride, expected", [("ストライドは1", "pass"), ("ストライドは2", "partial")])
def test_a_number_glued_to_japanese_words_and_a_case_tried_under_if(rubric, stride: str, expected: str) -> None:
    report = ("## 問2\n\n**(b)** 出力サイズ $(12-F)/S+1=8$ より\n\n- $S=1$ なら $F=5$ ✔\n"
              "- $S=2$ なら $F$ は整数にならない\n\n"
              f"よって、フィルタサイズ 5×5、{stride}、チャネル次元は20(フィルタ 5×5×20 を50枚)。\n\n**(c)** 文\n")
    assert grade_report_item(rubric, "p2.b", report).status == expected


@pytest.mark.parametrize("line, expected", [("If S = 2 then F would be negative. So stride 1", "pass"),
                                            ("If S = 1 then F = 5. So stride 2", "partial")])
def test_a_value_said_under_if_is_a_case_tried(rubric, line: str, expected: str) -> None:
    report = f"Problem 2\n\n(b) We need (12 - F)/S + 1 = 8. {line}, filter 5x5, channels 20.\n\n(c) words\n"
    assert grade_report_item(rubric, "p2.b", report, "r.txt").status == expected


def test_an_alternative_offered_with_or_if_is_still_offered(rubric) -> None:
    report = ("Problem 2\n\n(b) filter 5x5, stride 1, or if you pad by 1, stride 1 with filter 7x7; channels 20.\n\n"
              "(c) words\n")
    assert grade_report_item(rubric, "p2.b", report, "r.txt").status == "review"


@pytest.mark.parametrize("total, expected", [("431,080 (約43万)", "pass"), ("431,580 (約43万)", "partial")])
def test_a_rounded_figure_in_words_is_no_count(rubric, total: str, expected: str) -> None:
    report = ("## 問2\n\n**(c)** conv1 = 520, relu1 = 0, pool1 = 0, conv2 = 25050, relu2 = 0, pool2 = 0, "
              f"fc1 = 400500, fc2 = 5010\n\n合計 {total}\n")
    assert grade_report_item(rubric, "p2.c", report).status == expected


@pytest.mark.parametrize("aside, expected", [("f_w(x^i) - y^i", "pass"), ("y^i - f_w(x^i)", "partial")])
def test_a_name_given_its_value_in_an_aside(rubric, aside: str, expected: str) -> None:
    report = ("## Q1\n\n### (f)\n각 샘플의 오차를 $\\delta^i$ (= 예측값 − 정답, 즉 $" + aside + "$) 라고 하면\n\n"
              "$$\\nabla_w L = 2\\sum_{i=1}^{2}\\delta^i\\,\\nabla_w f_w(x^i)$$\n\n## Q2\n\n문\n")
    assert grade_report_item(rubric, "p1.f.grad", report).status == expected


def test_a_name_defined_twice_differently_goes_to_a_person(rubric) -> None:
    report = ("## Q1\n\n| 기호 | 정의 | 설명 |\n|---|---|---|\n| $\\delta^i$ | $y^i - f_w(x^i)$ | 잔차 |\n\n"
              "### (f)\n"
              "각 샘플의 오차를 $\\delta^i$ (= 예측값 − 정답, 즉 $f_w(x^i) - y^i$) 라고 하면\n\n"
              "$$\\nabla_w L = 2\\sum_{i=1}^{2}\\delta^i\\,\\nabla_w f_w(x^i)$$\n\n## Q2\n\n문\n")
    assert grade_report_item(rubric, "p1.f.grad", report).status == "review"
