"""Readings from batch 64's lab reports and batch 66 (tutor-style reports that copy each question, group reports
edited in Overleaf, rich text, locale habits): each with a twin it must not pass.
"""
from __future__ import annotations

import time

import pytest

from tests.helpers import grade_report_item


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


SUMMARY = """## Methods

Let $g(u) = \\dfrac{{1}}{{1+e^{{-u}}}}$; $a = w_1 x$, $b = w_2\\, g(a)$, $\\text{{out}} = w_3\\, g(b)$.

## Summary of answers

| | |
|---|---|
| 1(d) | (5): ${d}$ |
| 2(a) | {shapes} |
"""


@pytest.mark.parametrize("d, full", [("g(b)", True), ("w_3\\, g(b)", False)])
def test_a_summary_cell_that_names_its_equation_number_first_is_the_formula(rubric, d: str, full: bool) -> None:
    report = SUMMARY.format(d=d, shapes="28×28 · 5×5×1 (×20) · 24×24×20 · 12×12×20")
    assert _full(grade_report_item(rubric, "p1.d", report)) is full


@pytest.mark.parametrize("conv, full", [("24×24×20", True), ("25×25×20", False)])
def test_shapes_listed_with_spaced_dots_are_a_list_not_a_product(rubric, conv: str, full: bool) -> None:
    report = SUMMARY.format(d="g(b)", shapes=f"28×28 · 5×5×1 (×20) · {conv} · 12×12×20")
    assert _full(grade_report_item(rubric, "p2.a", report)) is full


RTF = ("{{\\rtf1\\ansi\\deff0{{\\fonttbl{{\\f0 Helvetica;}}}}\\f0\n"
       "{{\\pard I name u1 = w1\\u183?x, s1 = \\u963?(u1), u2 = w2\\u183?s1 and s2 = \\u963?(u2).\\par}}\n"
       "{{\\pard\\sa120 (e) For w2:\\par}}\n"
       "{{\\pard \\u8706?f/\\u8706?w2 = w3 \\u183? e{{\\super \\u8722?u2}}/(1 + e{{\\super {sign}u2}})\\u178? "
       "\\u183? s1.\\par}}\n}}")


@pytest.mark.parametrize("sign, full", [("\\u8722?", True), ("", False)])
def test_a_rich_text_power_written_with_a_unicode_escape_stays_a_power(rubric, sign: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.e.w2", RTF.format(sign=sign), "hw.rtf")) is full


OVERLEAF = """\\documentclass{{article}}
\\usepackage{{changes}}
\\begin{{document}}
\\section*{{Problem 1}}
\\subsection*{{(b)}}
(ii) \\[ \\frac{{d\\sigma}}{{du}} = \\replaced[id=SM]{{{new}}}{{{old}}}, \\]
\\deleted[id=KM]{{We take $L$ with a factor $\\tfrac12$.}}
\\section*{{Problem 2}}
\\subsection*{{(a)}}
Input $28\\times28$, filters $5\\times5\\times1$ (20 of them),
after conv1 \\replaced[id=KM]{{${conv}$}}{{$28\\times28\\times20$}}, after pooling $12\\times12\\times20$.
\\end{{document}}
"""


@pytest.mark.parametrize("new, old, full", [
    ("\\sigma(u)\\,\\bigl(1-\\sigma(u)\\bigr)", "\\sigma(u)\\,\\bigl(1+\\sigma(u)\\bigr)", True),
    ("\\sigma(u)\\,\\bigl(1+\\sigma(u)\\bigr)", "\\sigma(u)\\,\\bigl(1-\\sigma(u)\\bigr)", False)])
def test_a_tracked_change_reads_as_accepted(rubric, new: str, old: str, full: bool) -> None:
    report = OVERLEAF.format(new=new, old=old, conv="24\\times24\\times20")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "hw.tex")) is full


@pytest.mark.parametrize("conv, full", [("24\\times24\\times20", True), ("25\\times25\\times20", False)])
def test_a_tracked_change_of_a_shape_reads_as_accepted(rubric, conv: str, full: bool) -> None:
    report = OVERLEAF.format(new="\\sigma(u)(1-\\sigma(u))", old="x", conv=conv)
    assert _full(grade_report_item(rubric, "p2.a", report, "hw.tex")) is full


QUOTED = """## Problem 1

> *Question (b): compute $\\partial\\sigma_1/\\partial u$, (i) in terms of $\\exp$ and (ii) in terms of
> $\\sigma_1$ itself.*

We want the derivative of $(1+e^{{-u}})^{{-1}}$. By the chain rule,

$$\\frac{{d\\sigma_1}}{{du}} = \\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}} .$$

Since $\\frac{{e^{{-u}}}}{{1+e^{{-u}}}} = 1-\\sigma_1(u)$, the same derivative is

$$\\frac{{d\\sigma_1}}{{du}} = \\sigma_1(u)\\,(1 {sign} \\sigma_1(u)).$$

> *Question (d): compute $\\partial f_w/\\partial w_3$.*

$$\\frac{{\\partial f_w}}{{\\partial w_3}} = \\sigma_2(x_2).$$
"""


@pytest.mark.parametrize("sign, full", [("-", True), ("+", False)])
def test_a_question_copied_in_a_quote_opens_no_parts_of_its_own(rubric, sign: str, full: bool) -> None:
    """The copied "(i) in terms of exp and (ii) in terms of σ1" labels nothing: the answers read as the part's."""
    report = QUOTED.format(sign=sign)
    assert _full(grade_report_item(rubric, "p1.b.i", report))
    assert _full(grade_report_item(rubric, "p1.b.ii", report)) is full


STEPS = """PROBLEM 1

1(b) Compute ∂σ1/∂u, (i) in terms of exp, (ii) in terms of σ1.

  Step 1. Quotient rule: σ'(u) = e^(−u)/(1 + e^(−u))².

  Final answer (i):  ∂σ1/∂u = e^(−u) / (1 + e^(−u))²

  Final answer (ii): ∂σ1/∂u = σ1(u)·(1 {sign} σ1(u))
"""


@pytest.mark.parametrize("sign, full", [("−", True), ("+", False)])
def test_a_question_copied_after_its_label_opens_no_parts_of_its_own(rubric, sign: str, full: bool) -> None:
    report = STEPS.format(sign=sign)
    assert _full(grade_report_item(rubric, "p1.b.i", report, "hw.txt"))
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "hw.txt")) is full


def test_a_question_said_in_the_students_own_voice_is_not_blanked(rubric) -> None:
    counts = ("## 2 (c)\n\n| layer | params |\n|---|---|\n| conv1 | 520 |\n| relu1 | 0 |\n| pool1 | 0 |\n"
              "| conv2 | 25050 |\n| relu2 | 0 |\n| pool2 | 0 |\n| fc1 | 400500 |\n| fc2 | 5010 |\n| total | 431080 |\n")
    taken = counts + "\nThe question asks for weights only, so I take the +1 out of every row.\n"
    assert grade_report_item(rubric, "p2.c", taken).status == "review"


ITEMS = """\\documentclass{{article}}
\\begin{{document}}
\\section*{{Problem 2}}
\\subsection*{{2(b)}}
\\begin{{itemize}}
  \\item Filter size $5\\times5$, stride $1$, no padding; the channel
        dimension of each filter is {depth}, the number of input channels.
\\end{{itemize}}
\\end{{document}}
"""


@pytest.mark.parametrize("depth, full", [("20", True), ("50", False)])
def test_a_latex_items_lines_are_one_sentence(rubric, depth: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.b", ITEMS.format(depth=depth), "hw.tex")) is full


AT_POINTS = """### (b)
s(u) = 1/(1+e^(−u)), h = w1·x, a = s(h), z = w2·a, out = w3·s(z).

### (e)

  ∂_{{w2}} f = w3 · s(z)·(1 − s(z)) · {last}

### (f)

| Komponente | Σ über i = 1, 2 von 2·(f_w(xⁱ) − yⁱ) mal … |
|---|---|
| w1 | w3 · s(zⁱ)(1 − s(zⁱ)) · w2 · s(hⁱ)(1 − s(hⁱ)) · xⁱ |
| w2 | w3 · s(zⁱ)(1 − s(zⁱ)) · aⁱ |
| w3 | s(zⁱ) |
"""


@pytest.mark.parametrize("last, full", [("s(w1·x)", True), ("x", False)])
def test_a_gradient_table_at_the_data_points_is_no_later_answer_to_e(rubric, last: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.e.w2", AT_POINTS.format(last=last))) is full


@pytest.mark.parametrize("sign, full", [("+", True), ("−", False)])
def test_a_script_e_is_eulers_number(rubric, sign: str, full: bool) -> None:
    report = f"## Problem 1\n\n(b)(i) dσ/du = ℯ^(−u) / (1 {sign} ℯ^(−u))²\n"
    assert _full(grade_report_item(rubric, "p1.b.i", report)) is full


@pytest.mark.parametrize("piece", ["   \n" * 30_000, "> *Question (b): " * 8_000, "\\emph{We are asked for " * 5_000,
                                   "1(b) Compute " * 9_000, "\\replaced{" * 20_000])
def test_copied_questions_and_tracked_changes_are_found_in_linear_time(rubric, piece: str) -> None:
    start = time.perf_counter()
    grade_report_item(rubric, "p1.b.i", "## Problem 1\n\n" + piece + "\n(b)(i) e^{-u}/(1+e^{-u})^2\n", "hw.tex")
    assert time.perf_counter() - start < 30


UNLABELLED = """# Part 1

Let g(u) = 1/(1+e^(-u)), u1 = w1·x, u2 = w2·g(u1), out = w3·g(u2).

### dout/dw3

So ∂out/∂w3 = g(u2).

### {title}

But in the w3 derivative I dropped a factor: it should be multiplied by w3.
"""


@pytest.mark.parametrize("title, status", [("Second layer", "pass"), ("Errata", "review")])
def test_words_after_an_answer_in_a_problem_without_labels_stop_at_the_next_heading(rubric, title: str,
                                                                                   status: str) -> None:
    """Under "### Second layer" the words are another answer's; under "### Errata" they are this one's later word."""
    assert grade_report_item(rubric, "p1.d", UNLABELLED.format(title=title)).status == status


CONCLUDED = """## Problem 1

**(e)**

$$\\frac{{\\partial f_w}}{{\\partial w_1}} = w_3 \\sigma_2'(x_2) w_2 \\sigma_1'(x_1) x$$

{words} $w_3 \\sigma_2(x_2)(1 - \\sigma_2(x_2)) w_2 \\sigma_1(x_1)(1 - \\sigma_1(x_1)){x}$.
"""


@pytest.mark.parametrize("words, x, full", [
    ("Which simplifies to", " x", True), ("Which simplifies to", "", False),
    ("Using the chain rule once more, the final form is", "", False)])
def test_a_formula_the_next_sentence_concludes_or_calls_final_is_the_answers_last_side(rubric, words: str, x: str,
                                                                                        full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.e.w1", CONCLUDED.format(words=words, x=x))) is full


@pytest.mark.parametrize("two, full", [("2 ", True), ("", False)])
def test_a_gradient_said_again_at_the_data_points_is_still_its_later_word(rubric, two: str, full: bool) -> None:
    report = ("## Problem 1\n\n**(d)** ∂f/∂w3 = σ2(x2)\n\n**(e)** ∂f/∂w2 = w3 σ2(x2)(1 − σ2(x2)) σ1(x1)\n\n"
              "**(f)**\n\n∇L = Σ_{i=1,2} 2 (f_w(xⁱ) − yⁱ) ∇f_w(xⁱ)\n\n(d)+(e) in here, and the 2 "
              f"drops out against the square:\n\n∇L = Σ_{{i=1,2}} {two}(f_w(xⁱ) − yⁱ) ∇f_w(xⁱ)\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


WRITTEN_FOR = """Problem 1. I'll write A for σ(w1x) and B for σ(w2A), so f = w3B.

(e) For w2: w3 times the sigmoid derivative at the second layer, B(1−B), times what w2 multiplies, which is A.
So ∂f/∂w2 = w3B(1−B){last}.
"""


@pytest.mark.parametrize("last, full", [("A", True), ("x", False)])
def test_names_a_sentence_writes_for_formulas_are_definitions(rubric, last: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.e.w2", WRITTEN_FOR.format(last=last), "hw.txt")) is full


@pytest.mark.parametrize("said", [
    "The question: is it $\\sigma_2(x_2)$ or $w_3\\sigma_2(x_2)$?",
    "> *Question (d): my final answer is $w_3 \\sigma_2(x_2)$.*",
    "We are asked for $\\partial f_w/\\partial w_3$: on second thought $w_3\\sigma_2(x_2)$."])
def test_a_hedge_or_a_later_word_dressed_as_the_question_is_never_blanked(rubric, said: str) -> None:
    report = ("## Problem 1\n\n**(d)** $$\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$$\n\n"
              f"{said}\n\n**(e)**\n")
    assert not _full(grade_report_item(rubric, "p1.d", report))


BOXED = """(d) d f / d w3
--------------

f = w3 * h2 and h2 does not depend on w3, so

    ******************************************
    *   df/dw3 = {d}   *
    ******************************************
"""


@pytest.mark.parametrize("d, full", [("sig2( w2 * sig1( w1 x ) )", True), ("w3 * sig2( w2 * sig1( w1 x ) )", False)])
def test_an_answer_framed_in_stars_is_read_without_its_frame(rubric, d: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.d", BOXED.format(d=d), "hw.txt")) is full


GRID = """Problem 2

(c) parameters (weights + biases)

    +---------+------------------------------+------------+
    | layer   | computation                  | # params   |
    +---------+------------------------------+------------+
    | conv1   | (5*5*1 + 1) * 20             |       520  |
    | relu1   | -                            |         0  |
    | pool1   | -                            |         0  |
    | conv2   | (5*5*20 + 1) * 50            |    25,050  |
    | relu2   | -                            |         0  |
    | pool2   | -                            |         0  |
    | fc1     | (4*4*50 + 1) * 500           |   {fc1}  |
    | fc2     | (500 + 1) * 10               |     5,010  |
    +---------+------------------------------+------------+
    | total   |                              |   {total}  |
    +---------+------------------------------+------------+
"""


@pytest.mark.parametrize("fc1, total, full", [("400,500", "431,080", True), ("400,000", "430,580", False)])
def test_an_indented_grid_table_in_plain_text_is_a_table(rubric, fc1: str, total: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.c", GRID.format(fc1=fc1, total=total), "hw.txt")) is full


ORG = """* 2. MNIST
** (a)
- input dimension: \\(28\\times 28\\)
- conv1 filter: \\(5\\times5\\times1\\), 20 of them
- after conv1: +\\({old}\\)+ → \\({new}\\)
- after the \\(2\\times2\\) max-pool: \\(12\\times12\\times20\\)
"""


@pytest.mark.parametrize("old, new, full", [("25\\times25\\times20", "24\\times24\\times20", True),
                                            ("24\\times24\\times20", "25\\times25\\times20", False)])
def test_org_strike_through_is_crossed_out_work(rubric, old: str, new: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.a", ORG.format(old=old, new=new), "hw.org")) is full


@pytest.mark.parametrize("line, full", [("25×25×20에서 24×24×20으로 고침", True),
                                        ("24×24×20에서 25×25×20으로 고침", False)])
def test_a_korean_change_from_one_value_to_another_takes_the_second(rubric, line: str, full: bool) -> None:
    report = ("## 2. MNIST\n\n(a) input 28×28, filter 5×5×1×20, pool 12×12×20\n\n## Revision notes\n\n"
              f"- 2(a): conv1 후 크기를 {line}.\n")
    assert _full(grade_report_item(rubric, "p2.a", report)) is full


NESTED = """\\documentclass{{article}}
\\newcommand{{\\sig}}{{\\sigma}}
\\newcommand{{\\hone}}{{\\sig(w_1x)}}
\\newcommand{{\\htwo}}{{\\sig(w_2\\hone)}}
\\begin{{document}}
\\section*{{Problem 1}}
\\subsection*{{(d)}}
\\[ \\frac{{\\partial f}}{{\\partial w_3}} = {d} \\]
\\end{{document}}
"""


@pytest.mark.parametrize("d, full", [("\\htwo", True), ("\\hone", False)])
def test_a_macro_whose_body_uses_other_macros_is_written_out_through_them(rubric, d: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.d", NESTED.format(d=d), "hw.tex")) is full


def test_macros_nested_in_macros_expand_in_linear_time(rubric) -> None:
    macros = "".join("\\newcommand{\\m" + c + "}{" + ("\\m" + n + " ") * 8 + "}\n"
                     for c, n in zip("abcd", "bcde", strict=True))
    start = time.perf_counter()
    grade_report_item(rubric, "p1.d", f"\\documentclass{{article}}\n{macros}\\begin{{document}}\n(d) $"
                      + "\\ma " * 20_000 + "$\n\\end{document}\n", "hw.tex")
    assert time.perf_counter() - start < 60


STRUCK_IN_MATH = """\\documentclass{{article}}
\\usepackage{{ulem}}
\\begin{{document}}
\\section*{{Problem 1}}
\\subsection*{{(b)}}
(ii)
\\[
\\frac{{d s}}{{du}} = \\text{{\\sout{{${old}$}}}}\\quad {new}.
\\]
\\end{{document}}
"""


@pytest.mark.parametrize("old, new, full", [("s(u)\\,(1+s(u))", "s(u)\\,\\bigl(1-s(u)\\bigr)", True),
                                            ("s(u)\\,(1-s(u))", "s(u)\\,\\bigl(1+s(u)\\bigr)", False)])
def test_work_struck_out_inside_math_is_taken_back(rubric, old: str, new: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.b.ii", STRUCK_IN_MATH.format(old=old, new=new), "hw.tex")) is full


GRID_BRACKET = """(f)
  dL/dw = sum_i  2*(f_w(x^i) - y^i) * grad_w f_w(x^i)

  +-----------+---------------------------------------------------------+
  | grad L    | [ sum_i 2(f(x^i)-y^i) df(x^i)/dw1 ,                     |
  |           |   sum_i 2(f(x^i)-y^i) df(x^i)/dw2 ,                     |
  |           |   sum_i {two}(f(x^i)-y^i) df(x^i)/dw3 ]                     |
  +-----------+---------------------------------------------------------+
  | update    | w_new = w_old - alpha * grad L                          |
  +-----------+---------------------------------------------------------+
"""


@pytest.mark.parametrize("two, full", [("2", True), ("", False)])
def test_a_grid_table_cell_whose_bracket_is_left_open_goes_on_below(rubric, two: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.f.grad", GRID_BRACKET.format(two=two), "hw.txt")) is full


COUNTS = """Problem 2

(c) Weights plus one bias per filter or unit:
- conv1: (5·5·1 + 1) · 20 = 520
- relu1: 0, pool1: 0
- conv2: (5·5·20 + 1) · 50 = 25,050
- relu2: 0, pool2: 0
- {fc1}
- fc2: 500 · 10 + 10 = 5,010
Total: {total}
"""


@pytest.mark.parametrize("fc1, total, full", [
    ("fc1: input is 4·4·50 = 800, so 500 × (800 + 1) = 400 500", "431 080", True),
    ("fc1: input is 4·4·50 = 800, so 500 × 800 = 400 000", "430 580", False),
    ("fc1: 800 inputs (4·4·50) to 500 outputs, plus 500 biases → 400,000 + 500 = 400,500", "431,080", True),
    ("fc1: 800 inputs (4·4·50) to 500 outputs, no biases → 400,000", "430,580", False)])
def test_a_layers_input_size_said_before_its_count_is_no_count(rubric, fc1: str, total: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.c", COUNTS.format(fc1=fc1, total=total), "hw.txt")) is full
