"""Readings from the document-tool exports of batch 60 and from batch 62: each with a twin it must not pass.

A pandoc-docx update spaced with ``\\ \\ \\`` before its range, a pandoc grid table whose cells wrap over lines,
a heading's section number under a table of counts, a Typst report's own box around an answer, a heading that
names its part last after a title with "of" in it.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


@pytest.mark.parametrize("sign, full", [("-", True), ("+", False)])
def test_a_range_set_apart_by_backslash_spaces_is_a_remark(rubric, sign: str, full: bool) -> None:
    report = ("(f) Update:\n\n$$w_{j}^{new} = w_{j} " + sign + " \\alpha\\frac{\\partial\\mathcal{L}}{\\partial w_{j}}"
              "\\ \\ \\ (j = 1,2,3)$$\n")
    assert _full(grade_report_item(rubric, "p1.f.update", report)) is full


GRID = """# Problem 2

(a) Dimensions

+--------------------------------+-------------------------------------+
| Input                          | 28 × 28 (1 channel)                 |
+================================+=====================================+
| Filter of conv1                | 5 × 5 × 1                           |
|                                |                                     |
|                                | (20 filters → 5 × 5 × 1 × 20)       |
+--------------------------------+-------------------------------------+
| Output of conv1                | {conv}                        |
|                                |                                     |
|                                | ($28 - 5 + 1 = 24$, stride 1, no    |
|                                | padding)                            |
+--------------------------------+-------------------------------------+
| Output after 2 × 2 max-pooling | 12 × 12 × 20                        |
+--------------------------------+-------------------------------------+

(b) Second convolution: 5 × 5 filters, stride 1, 20 channels, no padding.
"""


@pytest.mark.parametrize("conv, full", [("24 × 24 × 20", True), ("25 × 25 × 20", False)])
def test_a_grid_table_row_is_the_lines_between_its_rules(rubric, conv: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.a", GRID.format(conv=conv))) is full


def test_a_table_ruled_only_around_its_head_keeps_a_row_per_line() -> None:
    from grader.reading.formats import grid_tables
    table = "+-------+-----+\n| layer | n   |\n+=======+=====+\n| conv1 | 520 |\n| fc2   | 5010 |\n+-------+-----+\n"
    assert "| conv1 | 520 |" in grid_tables(table) and "| fc2 | 5010 |" in grid_tables(table)


COUNTS = """## 2.3 (c) Number of parameters

| layer | computation | parameters |
|---|---|---|
| conv1 | (5·5·1+1)·20 | 520 |
| relu1 | – | 0 |
| pool1 | – | 0 |
| conv2 | (5·5·20+1)·50 | 25,050 |
| relu2 | – | 0 |
| pool2 | – | 0 |
| fc1 | (800+1)·500 | 400,500 |
| fc2 | (500+1)·10 | 5,010 |
| **total** |  | **{total}** |

## 2.4 Implementation and result

```
self.conv1 = nn.Conv2d(1, 20, 5, 1)
self.fc2 = nn.Linear(500, 10)
```

After 10 epochs the network reaches a test accuracy of 99.1%.
"""


@pytest.mark.parametrize("total, full", [("431,080", True), ("431,060", False)])
def test_a_headings_section_number_is_no_value(rubric, total: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.c", "# 2 Problem 2\n\n" + COUNTS.format(total=total))) is full


TYPST = """#let ans(body) = box(stroke: 0.5pt + gray, inset: 5pt, body)

= Back propagation

== Derivative of the sigmoid (b)

*(i)* Using the chain rule,
$ (dif sigma)/(dif u) = -(1 + e^(-u))^(-2) dot (-e^(-u)) = #ans($e^(-u) / (1 + e^(-u))^{power}$) $

== Derivative with respect to $w_3$ (d)

$ (partial f_w)/(partial w_3) = sigma_2 (w_2 thin sigma_1 (w_1 x)) $
"""


@pytest.mark.parametrize("power, full", [("2", True), ("3", False)])
def test_a_typst_reports_own_box_around_an_answer_shows_it(rubric, power: str, full: bool) -> None:
    result = grade_report_item(rubric, "p1.b.i", TYPST.replace("{power}", power), "report.typ")
    assert _full(result) is full


def test_typst_thin_space_is_a_space_in_a_product(rubric) -> None:
    assert _full(grade_report_item(rubric, "p1.d", TYPST.replace("{power}", "2"), "report.typ"))


@pytest.mark.parametrize("title, read", [("Dimensions of the first block", True), ("Notes on", False),
                                         ("Back to part", False)])
def test_a_title_with_of_in_it_still_names_its_part_last(title: str, read: bool) -> None:
    from grader.reading.document import read_document
    text = f"# Problem 1\n\n## (b) x\n\nfoo\n\n## {title} (a)\n\n- input: 28\n"
    assert ("1.a" in read_document(text, "md").segments) is read


@pytest.mark.parametrize("line, kept", [("## 2.4 Implementation and result", "## Implementation and result"),
                                        ("## 2.3 (c) Number of parameters", "## (c) Number of parameters"),
                                        ("## total 431,080", "## total 431,080")])
def test_flat_drops_a_headings_section_number(line: str, kept: str) -> None:
    from grader.reading.values import flat
    assert flat(line) == kept


JULIA = """# HW3 written answers, in Julia: the answers are the function definitions under each part
# --- notation ---
#   σ(u) = 1/(1+e^{-u}),  x₁ = w₁·x, a₁ = σ(x₁), x₂ = w₂·a₁, a₂ = σ(x₂), f = w₃·a₂
σ(u) = 1 / (1 + exp(-u))

# --- 1(b) ---
# (i)
σ′_exp(u) = exp(-u) / (1 + exp(-u))^{power}          # >>> ANSWER (i)
# (ii)
σ′(u) = σ(u) * (1 - σ(u))

# --- 1(c) ---
# forward then backward pass with the chain rule

# --- 1(d) ---
# ∂f/∂w₃ = a₂ = σ(w₂ σ(w₁x))

# --- 1(e) ---
# ∂f/∂w₂ = w₃ σ′(x₂) a₁
"""


@pytest.mark.parametrize("power, full", [("2", True), ("3", False)])
def test_a_julia_program_answers_in_its_comments(rubric, power: str, full: bool) -> None:
    from tests.helpers import grade_file_item
    result = grade_file_item(rubric, "p1.b.i", JULIA.replace("{power}", power), "hw3.jl")
    assert _full(result) is full


PYTHON = '''"""HW3 written part, as code. Each sub-question is one function; its return expression is my answer."""
import numpy as np


def sigmoid(u):
    return 1.0 / (1.0 + np.exp(-u))


# ------------------------------------------------------------ 1 (b)
def dsigma(u):
    """(b)(ii) e^{-u}/(1+e^{-u})^2 = sigma(u) * (1 - sigma(u))."""
    return sigmoid(u) * ({sign})


# ------------------------------------------------------------ 1 (c)
def problem1_c():
    """(c) forward pass, then backward pass with the chain rule."""


# ------------------------------------------------------------ 1 (d)
def df_dw3(w, x):
    """(d) df/dw3 = sigmoid(w2 * sigmoid(w1 * x))."""
    w1, w2, w3 = w
    return sigmoid(w2 * sigmoid(w1 * x))


# ------------------------------------------------------------ 1 (e)
def df_dw2(w, x):
    """(e) df/dw2 = w3 * sigma'(w2 h1) * h1"""
'''


@pytest.mark.parametrize("sign, full", [("1.0 - sigmoid(u)", True), ("1.0 + sigmoid(u)", False)])
def test_a_python_program_answers_in_its_docstrings(rubric, sign: str, full: bool) -> None:
    from tests.helpers import grade_file_item
    result = grade_file_item(rubric, "p1.b.ii", PYTHON.replace("{sign}", sign), "hw3_answers.py")
    assert _full(result) is full


def test_a_program_without_labelled_comments_is_no_report() -> None:
    from grader.reading.formats_script import is_commented_program
    program = "import torch\n# (a) the model\nclass Net:\n    pass\n# train it\nfor e in range(10):\n    pass\n"
    assert not is_commented_program(program, ".py")
    assert is_commented_program(JULIA, ".jl")


PHONE = """Homework 2   Kim 2022-13058
2. MNIST
(a) input : 28 × 28
conv1 filter : 5 × 5 × 1, 20 of them
conv1 output : {conv}
after 2×2 max pooling : 12 × 12 × 20
(b) filter 5 × 5, stride 1, channel dimension 20
Page 1 of 2
Homework 2   Kim 2022-13058
1. Back propagation
notation: a = w₁x , b = w₂ σ₁(a)
(b) (i) dσ/du = e⁻ᵘ / (1 + e⁻ᵘ)²
(ii) = σ(u) (1 − σ(u))
"""


@pytest.mark.parametrize("conv, full", [("24 × 24 × 20", True), ("28 × 28 × 20", False)])
def test_problems_titled_by_number_on_lines_of_their_own(rubric, conv: str, full: bool) -> None:
    report = PHONE.format(conv=conv)
    assert _full(grade_report_item(rubric, "p2.a", report, "scan.txt")) is full
    assert _full(grade_report_item(rubric, "p1.b.i", report, "scan.txt"))


def test_a_numbered_list_of_steps_titles_no_problem() -> None:
    from grader.reading.document import read_document
    text = "(c)\n1. Forward pass\n2. Backward pass\n3. Update\n(d) df/dw3 = h2\n"
    assert "1.d" in read_document(text, None).segments


@pytest.mark.parametrize("conv, full", [("24 × 24 × 20", True), ("25 × 25 × 20", False)])
def test_a_count_of_filters_said_of_conv1_is_not_its_output(rubric, conv: str, full: bool) -> None:
    report = ("## Problem 2\n\n**(a)** The input image is **28 × 28** (one channel). conv1 uses **20\nfilters of size "
              "5 × 5 × 1** (so the weight is 5×5×1×20). With stride 1 and\nno padding the spatial size becomes "
              f"28 − 5 + 1 = 24, so after conv1 we have\n**{conv}**, and after the 2 × 2 max-pooling **12 × 12 × 20**.\n")
    assert _full(grade_report_item(rubric, "p2.a", report)) is full


@pytest.mark.parametrize("stride, full", [("1", True), ("2", False)])
def test_a_formula_in_a_symbol_and_its_result_are_working(rubric, stride: str, full: bool) -> None:
    report = (f"Problem 2\n\n(b) Padding $P=0$, stride $S={stride}$: $8 = 12 - F + 1 \\Rightarrow F = 5$.\n"
              f"So conv2: filter size $5\\times5$, stride {stride}, channel depth 20, 50 filters.\n")
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("fc1, full", [("400 500", True), ("400 000", False)])
def test_what_comes_before_a_layer_is_no_value_of_it(rubric, fc1: str, full: bool) -> None:
    report = ("Problem 2\n\n(c) parameters (weights + biases):\n  - conv1: (5·5·1 + 1)·20 = 520\n  - relu1: 0\n"
              "  - pool1: 0\n  - conv2: (5·5·20 + 1)·50 = 25 050\n  - relu2: 0\n  - pool2: 0\n"
              "  - fc1:   (12·12·50 + 1)·500 … wait, no: 12·12·50 is before pool2; what goes into fc1 is 4·4·50 = 800, "
              f"so (800 + 1)·500 = {fc1}\n  - fc2:   (500 + 1)·10 = 5 010\n  → total: 431 080\n")
    assert _full(grade_report_item(rubric, "p2.c", report, "sheet.txt")) is full


MERGED = """**Problem 2**

(a) and (b): The images come in as 28 by 28 with one channel. The first conv layer has 20 filters, each 5 by 5 by 1, and
since there's no padding the output is {conv}; the 2×2 max pool halves that to 12×12×20. To go from 12×12×20 to 8×8×50
the second conv needs 5 by 5 filters with stride 1 and no padding, each filter has to be {depth} channels deep, and there
are 50 of them. After the second pool it's 4×4×50.
"""


@pytest.mark.parametrize("depth, full", [("20", True), ("50", False)])
def test_one_text_for_two_parts_is_read_for_each_without_the_others_sentences(rubric, depth: str, full: bool) -> None:
    report = MERGED.format(conv="24×24×20", depth=depth)
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


def test_pages_apart_are_unwoven_each_on_its_own() -> None:
    """A scan's text layer: page 1 in one column, page 2 in two; the gutter is looked for page by page."""
    from grader.reading.stacked import two_columns
    page1 = "\n".join(f"   line {k} of the first page, set in one column across the whole width of it" for k in range(14))
    left = [f"   left column sentence number {k} here" for k in range(14)]
    right = [f"right column words {k} stand here" for k in range(14)]
    page2 = "\n".join(f"{a:<54}{b}" for a, b in zip(left, right, strict=True))
    out = two_columns(f"{page1}\n\f{page2}\n")
    assert out.index("left column sentence number 13") < out.index("right column words 0")


EMAIL = """From: Minji <minji@example.org>
To: TA <ta@example.org>
Subject: HW3 written answers

Hi,

> (e) Compute df_w/dw_2 and df_w/dw_1 by the chain rule

df/dw2 = w3 * sigma_2(x2)(1 - sigma_2(x2)) * sigma_1(x1)

df/dw1 = w3 * sigma_2(x2)(1 - sigma_2(x2)) * w2 * x

Best,
Minji

--
Minji

P.S. I just noticed that in (e) for df/dw1 one factor is missing. The full one is

df/dw1 = w3 * sigma_2(x2)(1 - sigma_2(x2)) * w2 * {fix} * x
"""


@pytest.mark.parametrize("fix, status", [("sigma_1(x1)(1 - sigma_1(x1))", "review"),
                                         ("sigma_1(x1)(1 + sigma_1(x1))", "fail")])
def test_a_ps_after_the_signature_is_read_as_the_parts_later_word(rubric, fix: str, status: str) -> None:
    result = grade_report_item(rubric, "p1.e.w1", EMAIL.format(fix=fix), "answers.eml")
    assert result.status == status  # a right fix: no longer failed for the first try, a person decides


@pytest.mark.parametrize("fixed, status", [(True, "review"), (False, "fail")])
def test_a_later_message_that_fixes_a_part_in_words(rubric, fixed: bool, status: str) -> None:
    report = ("Kevin  11:04 PM\n*P1*\n(b)\n  i)  s'(u) = exp(-u) / (1+exp(-u))^2\n"
              "  ii) s'(u) = s(u)(1+s(u))\n\n(d) df/dw3 = s(w2 s(w1 x))\n\nKevin  11:21 PM\n")
    if fixed:
        report += "oops one fix:\n- P1 b) ii) wait no, it's s(u)(1 - s(u)) not 1+ . exp(-u)/(1+exp(-u)) = 1 - s(u)\n"
    assert grade_report_item(rubric, "p1.b.ii", report, "thread.txt").status == status


@pytest.mark.parametrize("conv, full", [("24 × 24 × 20", True), ("25 × 25 × 20", False)])
def test_a_restated_value_wrapped_after_its_comma(rubric, conv: str, full: bool) -> None:
    report = ("Problem 2\n(a) The input image is 28 × 28 (one\nchannel). Conv1 uses 20 filters of size\n5 × 5 × 1. With stride 1 "
              f"and no padding the\nconv1 output is 28 − 5 + 1 = 24 wide,\ni.e. {conv}, and the 2 × 2 max-\npooling "
              "halves it to 12 × 12 × 20.\n(b) words\n")
    assert _full(grade_report_item(rubric, "p2.a", report, "scan.txt")) is full


@pytest.mark.parametrize("last, full", [("σ₁(x₁)(1-σ₁(x₁)) · x", True), ("x", False)])
def test_a_product_wrapped_after_its_operator_goes_on(rubric, last: str, full: bool) -> None:
    report = ("let x₁ = w₁x, x₂ = w₂σ₁(x₁)\n(e) ∂f/∂w₂ = w₃ · σ₂(x₂)(1-σ₂(x₂)) · σ₁(x₁)\n"
              f"∂f/∂w₁ = ∂f/∂σ₂ · ∂σ₂/∂x₂ · ∂x₂/∂σ₁ ·\n∂σ₁/∂x₁ · ∂x₁/∂w₁\n= w₃ · σ₂(x₂)(1-σ₂(x₂)) · w₂ ·\n{last}\n"
              "(f) L(w) = Σ (y - f_w(x))²\n")
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "scan.txt")) is full


@pytest.mark.parametrize("depth, full", [("20", True), ("50", False)])
def test_an_aside_that_names_a_value(rubric, depth: str, full: bool) -> None:
    report = ("Problem 2\n\n(b) want $12 \\times 12 \\times 20 \\rightarrow 8 \\times 8 \\times 50$. So filter size "
              f"$5 \\times 5$ (depth $={depth}$, the channel dimension of the input), stride 1, no padding, 50 filters.\n")
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("conv, full", [("24 × 24 × 20", True), ("26 × 26 × 20", False)])
def test_a_value_corrected_after_a_dash_and_no_in_the_students_language(rubric, conv: str, full: bool) -> None:
    report = ("## Tehtävä 2\n\n**a)**\n\n- syötteen koko: 28 × 28\n- conv1:n suodin: 5 × 5 × 1, suotimia 20 kappaletta\n"
              f"- conv1:n jälkeen: 28 × 28 × 20 — ei, täytettä ei käytetä: 28 − 5 + 1 = 24, eli **{conv}**\n"
              "- 2 × 2 max-poolingin jälkeen: **12 × 12 × 20**\n")
    assert _full(grade_report_item(rubric, "p2.a", report)) is full


# red team 63: each attack's mend, with the correct twin it must still pass (or at least not fail)

PY_DEF = '''"""HW3 as code: each function's return expression is my answer."""
import numpy as np


def sigmoid(u):
    return 1.0 / (1.0 + np.exp(-u))


# ------------------------------------------------------------ 1 (b)
def dsigma_exp(u):
    """(b)(i) d/du (1 + e^{{-u}})^{{-1}}"""
    return {body}


# ------------------------------------------------------------ 1 (c)
def forward_backward():
    """(c) forward pass, then backward pass."""


# ------------------------------------------------------------ 1 (d)
def df_dw3(w, x):
    """(d) df/dw3"""
    w1, w2, w3 = w
    return sigmoid(w2 * sigmoid(w1 * x))


# ------------------------------------------------------------ 1 (e)
def df_dw2(w, x):
    """(e) see below"""
'''


@pytest.mark.parametrize("body, full", [
    ("np.exp(-u) / (1.0 + np.exp(-u)) ** 2", True),
    ("np.exp(-u) / (1.0 + np.exp(-u)) ** 2 if u >= 0 else np.exp(u) / (1.0 + np.exp(u))", False),
    ("np.exp(-u) // (1.0 + np.exp(-u)) ** 2", False),
    ("np.exp(-u) / (1.0 + np.exp(-u)) ^ 2", False)])
def test_a_programs_function_is_a_formula_only_when_its_body_is_one(rubric, body: str, full: bool) -> None:
    from tests.helpers import grade_file_item
    result = grade_file_item(rubric, "p1.b.i", PY_DEF.format(body=body), "hw3.py")
    assert _full(result) is full


@pytest.mark.parametrize("unpack, full", [("w1, w2, w3 = w", True), ("w3, w2, w1 = w", False)])
def test_a_function_that_renames_the_weights_is_no_formula(rubric, unpack: str, full: bool) -> None:
    from tests.helpers import grade_file_item
    result = grade_file_item(rubric, "p1.d", PY_DEF.format(body="0").replace("w1, w2, w3 = w", unpack), "hw3.py")
    assert _full(result) is full


@pytest.mark.parametrize("tail, full", [("(j = 1,2,3)", True), ("(j = 1,2;\\ w_{3}\\ \\text{is not trained})", False),
                                        ("(u \\geq 0),\\ \\text{and } 0 \\text{ for } u < 0", False)])
def test_words_after_a_wide_gap_that_limit_the_answer(rubric, tail: str, full: bool) -> None:
    report = ("(f) Update:\n\n$$w_{j}^{new} = w_{j} - \\alpha\\frac{\\partial\\mathcal{L}}{\\partial w_{j}}\\ \\ \\ "
              f"{tail}$$\n")
    assert _full(grade_report_item(rubric, "p1.f.update", report)) is full


@pytest.mark.parametrize("padding, full", [("padding $P = 0$", True), ("padding $P = 1$", False),
                                           ("no padding; I pad with 2 zeros on every side", False)])
def test_padding_said_as_a_symbol_or_a_verb(rubric, padding: str, full: bool) -> None:
    report = f"Problem 2\n\n(b) Filter size $5 \\times 5$, stride $S = 1$, {padding}, channel dimension 20 (50 filters).\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("sentence, full", [("Unlike conv1, conv2 also uses stride 1.", True),
                                            ("Unlike conv1, conv2 uses a stride of 2.", False)])
def test_a_sentence_naming_both_layers_stays_with_the_part(rubric, sentence: str, full: bool) -> None:
    report = MERGED.format(conv="24×24×20", depth="20").replace("After the second pool", f"{sentence} After the second pool")
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


ERRATA = """1. Back propagation
(b) (i) dσ/du = e^(-u) / (1 + e^(-u))^2
(ii) dσ/du = σ(u)(1 − σ(u))
(d) ∂f/∂w3 = σ(w2 σ(w1 x))
2. MNIST
(a) input 28 × 28, conv1 filter 5 × 5 × 1 × 20, after conv1 24 × 24 × 20, after pooling 12 × 12 × 20
(b) filter 5 × 5, stride 1, channel dimension 20
(c) conv1 520, relu1 0, pool1 0, conv2 25050, relu2 0, pool2 0, fc1 400500, fc2 5010, total 431080
3. Errata
(b) the stride of conv2 should be {stride}, not 1 (I mixed it up with the pooling)
"""


def test_a_part_under_a_problem_no_item_asks_about_is_a_later_word(rubric) -> None:
    assert grade_report_item(rubric, "p2.b", ERRATA.format(stride="2"), "sheet.txt").status == "review"
    assert _full(grade_report_item(rubric, "p2.b", ERRATA.split("3. Errata")[0], "sheet.txt"))


def test_one_long_sentence_naming_the_other_layer_again_and_again_reads_in_linear_time(rubric) -> None:
    """Hostile text: "Unlike conv1, " twenty thousand times in one sentence (a comparison looked for in a window)."""
    import time

    sheet = "## Problem 2\n\n(a) and (b): " + "Unlike conv1, " * 20_000 + "conv2 has stride 1.\n"
    start = time.perf_counter()
    grade_report_item(rubric, "p2.b", sheet, "sheet.md")
    assert time.perf_counter() - start < 20  # quadratic took minutes
