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


@pytest.mark.parametrize("w2, expected", [("w_3 σ'(x_2) σ(x_1)", "pass"), ("w_3 σ'(x_2) x_1", "fail")])
def test_an_undefined_y_under_a_derivative_is_the_output(rubric, w2: str, expected: str) -> None:
    report = ("## 1\n\n(e) Both together:\n\n$$\\frac{\\partial y}{\\partial w_1} = w_3 σ'(x_2) w_2 σ'(x_1) x$$\n\n"
              f"$$\\frac{{\\partial y}}{{\\partial w_2}} = {w2}$$\n\n(f) words\n")
    assert grade_report_item(rubric, "p1.e.w2", report).status == expected
    assert grade_report_item(rubric, "p1.e.w1", report).status == "pass"


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
