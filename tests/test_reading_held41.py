"""Held-out batch 41: programs' ways of writing what a TA reads as math (MATLAB's ``w(1)``, an interpreter's
question and its printed answer, a one-line ``lambda`` that names σ, a network's parameters printed one tensor at a
time, the ``nn.Conv2d(20, 50, 5)`` call that answers a question about conv2), LaTeX packages' derivative commands
(``\\odv``, ``\\diffp``), a margin note (``\\todo``), counts of nothing said in words, the evaluation bar at the
current weights, and an equation that checks one part against another. Each reading has a wrong twin that must not
pass."""
from __future__ import annotations

import pytest

from grader.reading.indexed_names import indexed_names
from grader.reading.layer_calls import calls_read, only_call
from grader.reading.parameter_rows import is_parameter_row, layer_totals
from grader.reading.plain import plain
from tests.helpers import grade_report_item

HEAD = "## Problem 1\n\n"
D_RIGHT = "1/(1 + exp(-w2/(1 + exp(-w1*x))))"
D_WRONG = "1/(1 + exp(-w1/(1 + exp(-w2*x))))"


def test_matlab_indexes_the_weights_with_parentheses_from_one() -> None:
    assert indexed_names("w(3)*s(w(2)*s(w(1)*x))") == "w_3 *s(w_2 *s(w_1 *x))"  # padded: every offset after it stays
    assert indexed_names("df/dw(2) = w(3)") == "df/dw_2  = w_3 "
    assert indexed_names("w(0) - alpha*g, w(1)") == "w(0) - alpha*g, w(1)"  # w(0): an iterate, not a weight
    assert indexed_names("f = w(2) * x") == "f = w(2) * x"  # one index alone is not guessed


def test_matlab_data_points_only_when_both_x_and_y_elements_are_written() -> None:
    assert indexed_names("(y(1) - f(x(1)))^2") == "(y¹   - f(x¹  ))^2"
    assert indexed_names("g(x(1))") == "g(x(1))"  # x(1) alone may be the handout's x_1


@pytest.mark.parametrize("answer, expected", [(D_RIGHT, "pass"), (D_WRONG, "fail")])
def test_an_interpreters_printed_answer_is_the_value_of_its_question(rubric, answer: str, expected: str) -> None:
    report = f"{HEAD}(d)\n\n```\n>>> sp.diff(f, w3)\n{answer}\n```\n"
    assert grade_report_item(rubric, "p1.d", report).status == expected


def test_an_interpreters_question_without_a_call_is_not_an_equation(rubric) -> None:
    """``>>> x`` then ``3``: a name's value printed, not the answer to a question about f."""
    report = f"{HEAD}(d)\n\n```\n>>> w3\n{D_WRONG}\n```\n"
    assert grade_report_item(rubric, "p1.d", report).status != "pass"


@pytest.mark.parametrize("command", ["\\odv{\\sigma}{u}", "\\diffp{\\sigma}{u}", "\\diff{\\sigma}{u}"])
@pytest.mark.parametrize("answer, expected", [("\\sigma(u)(1-\\sigma(u))", "pass"),
                                              ("\\sigma(u)(1+\\sigma(u))", "fail")])
def test_derivative_packages_commands(rubric, command: str, answer: str, expected: str) -> None:
    report = f"{HEAD}(b)\n\n(ii) $${command} = {answer}$$\n"
    assert grade_report_item(rubric, "p1.b.ii", report).status == expected


def test_a_margin_note_is_not_the_answer(rubric) -> None:
    report = ("\\section*{Problem 1}\n(d) \\todo{check: maybe $\\frac{\\partial f}{\\partial w_3} = "
              "\\sigma(w_1\\sigma(w_2 x))$?}\n$$\\frac{\\partial f}{\\partial w_3} = \\sigma(w_2\\sigma(w_1 x))$$\n")
    assert grade_report_item(rubric, "p1.d", report, "r.tex").status == "pass"


@pytest.mark.parametrize("define", ["sig = lambda z: 1/(1 + np.exp(-z))", "def sig(z):\n    return 1/(1+np.exp(-z))",
                                    "sig <- function(z) 1/(1 + exp(-z))", "sig = @(z) 1./(1+exp(-z));"])
@pytest.mark.parametrize("inner, expected", [("w_2\\,sig(w_1 x)", "pass"), ("w_1\\,sig(w_2 x)", "fail")])
def test_a_programs_one_line_function_names_sigma_in_the_prose(rubric, define: str, inner: str,
                                                               expected: str) -> None:
    report = f"{HEAD}```\n{define}\n```\n\n(d) $$\\frac{{\\partial f}}{{\\partial w_3}} = sig({inner})$$\n"
    assert grade_report_item(rubric, "p1.d", report).status == expected


def test_a_layers_weight_and_bias_rows_add_up_to_the_layer() -> None:
    printed = ("conv1.weight torch.Size([20, 1, 5, 5]) 500\nconv1.bias torch.Size([20]) 20\n"
               "fc1.weight (500, 800)\nfc1.bias (500,)\nfc2.weight 5000\n")
    assert layer_totals(printed) == ["conv1: 520", "fc1: 400500"]  # fc2 has no bias row: no total
    assert layer_totals("conv1.weight 500\nconv1.bias 20\nconv1.weight 480\n") == []  # two counts: not guessed
    assert is_parameter_row("conv1.bias (20,) 20") and not is_parameter_row("conv1.weight + conv1.bias = 520")


@pytest.mark.parametrize("total, expected", [("20", "pass"), ("50", "fail")])
def test_printed_rows_answer_a_layers_count(rubric, total: str, expected: str) -> None:
    rows = "\n".join([f"conv1.weight {500}", f"conv1.bias {total}", "conv2.weight 25000", "conv2.bias 50",
                      "fc1.weight 400000", "fc1.bias 500", "fc2.weight 5000", "fc2.bias 10"])
    report = f"## Problem 2\n\n(c)\n\n```\n{rows}\n```\n\nReLU and pooling have no parameters. Total: 431080\n"
    status = grade_report_item(rubric, "p2.c", report).status
    assert status == expected if expected == "pass" else status != "pass"


def test_a_convolution_call_reads_as_its_named_arguments() -> None:
    assert calls_read("conv2 is nn.Conv2d(20, 50, 5)") == \
        "conv2 is in_channels = 20, out_channels = 50, kernel_size = 5×5"
    assert calls_read("nn.Conv2d(20, 50, kernel_size=(5, 5), stride=1)") == \
        "in_channels = 20, out_channels = 50, kernel_size = 5×5, stride = 1"
    assert calls_read("nn.Conv2d(c_in, 50, 5)") == "nn.Conv2d(c_in, 50, 5)"  # a name is not a size
    assert only_call(["a = nn.Conv2d(1, 20, 5)", "b = nn.Conv2d(20, 50, 5)"]) is None  # two calls: which is meant?


@pytest.mark.parametrize("call, expected", [("nn.Conv2d(20, 50, 5)", "pass"), ("nn.Conv2d(20, 50, 3)", "partial")])
def test_conv2_answered_by_its_call(rubric, call: str, expected: str) -> None:
    report = f"## Problem 2\n\n(b) conv2 = `{call}` (stride 1 by default)\n"
    status = grade_report_item(rubric, "p2.b", report).status
    assert status == expected if expected == "pass" else status in {"partial", "fail", "review"}


@pytest.mark.parametrize("said", ["ReLU and pooling have none", "pooling is parameter-free",
                                  "pooling: keine Parameter", "ReLU: aucun paramètre"])
def test_a_count_of_nothing_said_in_words(said: str) -> None:
    assert "0 parameters" in plain(said)


def test_none_at_the_head_of_an_aside_is_not_the_rows_count() -> None:
    assert "0 parameters" not in plain("fc2: 5010 (none in softmax)")
    assert "0 parameters" not in plain("padding: none")


@pytest.mark.parametrize("sign, expected", [("-", "pass"), ("+", "fail")])
def test_the_gradient_at_the_current_weights(rubric, sign: str, expected: str) -> None:
    grad = ("\\sum_{i=1}^{2} 2(f_w(x^{(i)}) - y^{(i)})\\,\\nabla_w f_w(x^{(i)})")
    report = (f"{HEAD}(f)\n\n$$\\nabla L(w) = {grad}$$\n\n"
              f"$$w^{{(t+1)}} = w^{{(t)}} {sign} \\alpha \\nabla L(w)\\big|_{{w = w^{{(t)}}}}$$\n")
    assert grade_report_item(rubric, "p1.f.update", report).status == expected


@pytest.mark.parametrize("answer, expected", [("\\sigma(u)(1-\\sigma(u))", "pass"),
                                              ("\\sigma(u)(1+\\sigma(u))", "fail")])
def test_an_equation_that_checks_one_part_against_another_is_no_answer(rubric, answer: str, expected: str) -> None:
    """(ii)'s answer, then "σ − σ² = …, which is (i)": a check of (ii) against (i), not a second answer of (ii)."""
    report = (f"{HEAD}(b)\n\n(i) $$\\sigma'(u) = \\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$$\n\n"
              f"(ii) $$\\sigma'(u) = {answer}$$ Check: $\\sigma(u) - \\sigma(u)^2 = \\frac{{e^{{-u}}}}"
              "{(1+e^{-u})^2}$, which is (i).\n")
    assert grade_report_item(rubric, "p1.b.ii", report).status == expected


@pytest.mark.parametrize("padding, expected", [
    ("padding 0", "pass"), ("no padding", "pass"), ("", "pass"), ("zero padding 0", "pass"),
    ("padding 2", "review"), ("pad = 1", "review"), ("padding of size 2", "review"), ("padding='same'", "review")])
def test_a_padding_stated_beside_conv2s_sizes_must_be_its_own(rubric, padding: str, expected: str) -> None:
    """Not asked for, so not stating it costs nothing; "padding 2" states a layer that keeps 12×12: never passed."""
    report = f"## Problem 2\n\n(b) 5x5, stride 1, 20 channels{', ' + padding if padding else ''}\n"
    assert grade_report_item(rubric, "p2.b", report).status == expected


@pytest.mark.parametrize("fix, expected", [("-", "review"), ("", "pass")])
def test_a_sub_part_said_again_in_its_siblings_text(rubric, fix: str, expected: str) -> None:
    """(i)'s answer changed in the text under (ii), by name ("so (i) is"): the change is (i)'s final word."""
    report = (f"{HEAD}(b)\n(i) $\\frac{{d\\sigma}}{{du}} = \\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$\n\n"
              "(ii) $\\frac{d\\sigma}{du} = \\sigma(u)(1-\\sigma(u))$\n\nLooking back, (i) is\n\n"
              f"$\\frac{{d\\sigma}}{{du}} = {fix}\\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$\n\n(d) $\\frac{{\\partial f}}"
              "{\\partial w_3} = \\sigma(w_2\\sigma(w_1 x))$\n")
    assert grade_report_item(rubric, "p1.b.i", report).status == expected
    assert grade_report_item(rubric, "p1.b.ii", report).status == "pass"


TERSE_COUNTS = "520, 0, 0, 25050, 0, 0, 400500, 5010"


@pytest.mark.parametrize("line, expected", [
    (f"{TERSE_COUNTS}, tot 431080", "pass"),  # "tot": the total's short name, not a word that owns its number
    (f"{TERSE_COUNTS}, total 431080 (relu, pool have none)", "pass"),  # an aside names some of them again
    ("520, 0, 0, 25050, 0, 0, 400500, 5100, tot 431080", "partial"),
    ("520, 5, 0, 25050, 0, 0, 400500, 5010, total 431080 (relu, pool have none)", "review"),  # said two ways
])
def test_counts_in_the_questions_order(rubric, line: str, expected: str) -> None:
    assert grade_report_item(rubric, "p2.c", f"## Problem 2\n\n2c: {line}\n").status == expected


@pytest.mark.parametrize("total, expected", [("431080", "pass"), ("431000", "partial")])
def test_a_tables_all_row_is_the_total(rubric, total: str, expected: str) -> None:
    rows = "".join(f"{name} & & {n} \\\\\n" for name, n in [("conv1", 520), ("relu1", 0), ("pool1", 0), ("conv2", 25050),
                                                          ("relu2", 0), ("pool2", 0), ("fc1", 400500), ("fc2", 5010)])
    report = ("\\section*{Problem 2}\n(c)\n\\begin{tabular}{lll}\nlayer & weights + biases & total\\\\\\hline\n"
              f"{rows}all & & {total}\n\\end{{tabular}}\n")
    assert grade_report_item(rubric, "p2.c", report, "r.tex").status == expected


def test_a_programs_line_in_prose_does_not_count_a_layer(rubric) -> None:
    """``self.conv1 = nn.Conv2d(1, 20, 5)`` in the text of (c): conv1's sizes, not a second count for conv1."""
    report = ("## Problem 2\n\n(c) conv1: 520, relu1: 0, pool1: 0, conv2: 25050, relu2: 0, pool2: 0, fc1: 400500, "
              "fc2: 5010, total: 431080\n\nself.conv1 = nn.Conv2d(1, 20, 5, 1)\nself.conv2 = nn.Conv2d(20, 50, 5, 1)\n")
    assert grade_report_item(rubric, "p2.c", report).status == "pass"


@pytest.mark.parametrize("second, expected", [("\\sigma(u)\\,(1-\\sigma(u))", "pass"),
                                              ("\\sigma(u)\\,(1+\\sigma(u))", "fail")])
def test_two_answers_listed_with_and_in_one_display(rubric, second: str, expected: str) -> None:
    report = (f"{HEAD}**(b)**\n$$\\sigma'(u)=\\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}\\qquad\\text{{and}}\\qquad "
              f"\\sigma'(u)={second}$$\n\n**(c)** forward\n")
    assert grade_report_item(rubric, "p1.b.i", report).status == "pass"
    assert grade_report_item(rubric, "p1.b.ii", report).status == expected


@pytest.mark.parametrize("sign, expected", [("", "pass"), ("-", "partial")])
def test_a_hand_ins_own_grad_macro_is_nabla(rubric, sign: str, expected: str) -> None:
    report = ("\\newcommand\\wv{\\bm{w}}\n\\newcommand\\grad{\\nabla_{\\wv}}\n\\section*{Problem 1}\n\\subsection*{(f)}\n"
              f"\\[ \\grad L(\\wv) = \\sum_{{m=1}}^{{2}} {sign}2\\left(f_{{\\wv}}(x^m) - y^m\\right)\\grad f_{{\\wv}}(x^m) \\]\n")
    assert grade_report_item(rubric, "p1.f.grad", report, "r.tex").status == expected


def test_a_vector_entry_that_points_at_an_equation_restates_it(rubric) -> None:
    report = ("\\section*{Problem 1}\n\\subsection*{(e)}\n\\begin{align}\n\\frac{\\partial f}{\\partial w_2} &= "
              "w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1) \\label{eq:dw2}\\\\\n\\frac{\\partial f}{\\partial w_1}"
              " &= w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x \\label{eq:dw1}\n"
              "\\end{align}\n\\subsection*{(f)}\n\\[ \\nabla f(x) = \\begin{pmatrix}\\eqref{eq:dw1}\\\\ \\eqref{eq:dw2}\\\\ "
              "\\sigma_2(x_2)\\end{pmatrix} \\]\n")
    assert grade_report_item(rubric, "p1.e.w1", report, "r.tex").status == "pass"
    assert grade_report_item(rubric, "p1.e.w2", report, "r.tex").status == "pass"


@pytest.mark.parametrize("answer, expected", [
    ("need (12 - F)/S + 1 = 8, which gives F=5, S=1, channel dimension = 20", "pass"),
    ("stride s: (12 − k)/s + 1 = 8, so k = 5 and s = 2; 20 channels", "not pass"),  # no term of the equation
    ("(12 - F)/S + 1 = 8 gives F=5, S=2, channel dimension = 20", "not pass"),      # is taken for the stride
])
def test_the_output_size_equation_solved(rubric, answer: str, expected: str) -> None:
    status = grade_report_item(rubric, "p2.b", f"## Problem 2\n\n(b) {answer}\n").status
    assert status == expected if expected == "pass" else status != "pass"


@pytest.mark.parametrize("aside", ["(20 filters of 5x5x1)", "(필터 20개)", "(filters: 20)"])
@pytest.mark.parametrize("conv, expected", [("24 x 24 x 20", "pass"), ("23 x 23 x 20", "partial")])
def test_an_aside_that_says_the_value_again_keeps_its_label(rubric, aside: str, conv: str, expected: str) -> None:
    report = ("## Problem 2\n\n(a) input dimension ............ 28 x 28\n"
              f"    conv1 filter ............... 5 x 5 x 1 x 20  {aside}\n"
              f"    output after conv1 ......... {conv}\n    output after max pooling ... 12 x 12 x 20\n")
    assert grade_report_item(rubric, "p2.a", report).status == expected


@pytest.mark.parametrize("channels, expected", [("20", "pass"), ("50", "partial")])
def test_a_sentence_wrapped_mid_phrase_is_read_whole(rubric, channels: str, expected: str) -> None:
    """A converter's line break between "the channel" and "dimension … is 20" (held-out batch 42)."""
    report = ("## Problem 2\n\n**(b)**\n\nSo conv2 uses $5 \\times 5$ filters with stride 1, and the channel\n"
              f"dimension of each filter is {channels} (50 such filters).\n")
    assert grade_report_item(rubric, "p2.b", report).status == expected


def test_a_list_of_values_line_by_line_is_not_joined(rubric) -> None:
    report = ("## Problem 2\n\na) input 28x28x1\n   conv1 filter 5x5x1, 20 filters\n   after conv1: 24x24x20\n"
              "   after pooling: 12x12x20\n")
    assert grade_report_item(rubric, "p2.a", report).status == "pass"
