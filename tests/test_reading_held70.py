"""Readings from batch 70 and answer sheets with the student's own keys (TOML, INI, a Python dict of answers):
each with a twin it must not pass.
"""
from __future__ import annotations

import time

import pytest

from grader.reading.formats_json import python_sheet_lines
from grader.reading.formats_script import script_markdown
from tests.helpers import grade_file_item, grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


TOML_SHEET = '''# HW2, Kim. s = sigmoid, a1 = s(w1*x), a2 = s(w2*a1)
[problem1]
b_i = "e^(-u)/(1+e^(-u))^2"
b_ii = "{b_ii}"
d = "a2"
e_w2 = "w3*a2*(1-a2)*a1"
e_w1 = "w3*a2*(1-a2)*w2*a1*(1-a1)*x"

[problem2]
a = "input 28x28x1, conv1 filter 5x5x1 (20 filters), after conv1 {conv}, after pooling 12x12x20"
'''


@pytest.mark.parametrize("name", ["answers.toml", "kim_hw2.toml"])
@pytest.mark.parametrize("b_ii, full", [("s(u)*(1-s(u))", True), ("s(u)*(1+s(u))", False)])
def test_a_toml_sheet_with_the_students_own_keys_is_read_key_by_key(rubric, name: str, b_ii: str,
                                                                     full: bool) -> None:
    sheet = TOML_SHEET.format(b_ii=b_ii, conv="24x24x20")
    assert _full(grade_file_item(rubric, "p1.b.ii", sheet, name)) is full
    assert _full(grade_file_item(rubric, "p1.d", sheet, name))  # "a2", defined in the comment, is the answer


@pytest.mark.parametrize("conv, full", [("24x24x20", True), ("23x23x20", False)])
def test_a_toml_sheets_values_are_read_as_values(rubric, conv: str, full: bool) -> None:
    sheet = TOML_SHEET.format(b_ii="s(u)*(1-s(u))", conv=conv)
    assert _full(grade_file_item(rubric, "p2.a", sheet, "answers.toml")) is full


def test_an_answers_toml_with_the_rubrics_ids_is_still_read_by_id(rubric) -> None:
    sheet = '"p1.d" = "σ2(x2)"\n"p1.b.ii" = "σ1(u) * (1 - σ1(u))"\n'
    result = grade_file_item(rubric, "p1.d", sheet, "answers.toml")
    assert _full(result) and "own keys" not in result.feedback


INI_SHEET = """; HW2 answers, Haddad
; s = sigmoid, a1 = s(w1*x), a2 = s(w2*a1)
[problem1]
b_i = e^(-u) / (1 + e^(-u))^2
b_ii = s(u) * (1 - s(u))
d = a2
e_w2 = w3 * a2 * (1 - a2) * a1
e_w1 = {e_w1}

[problem2]
c = conv1 520, conv2 25050, fc1 400500, fc2 5010, relu/pool 0, total {total}
"""


@pytest.mark.parametrize("e_w1, full", [("w3 * a2 * (1 - a2) * w2 * a1 * (1 - a1) * x", True),
                                        ("w3 * a2 * (1 - a2) * w2 * a1 * (1 - a1)", False)])
def test_an_ini_sheet_is_read_section_by_section(rubric, e_w1: str, full: bool) -> None:
    sheet = INI_SHEET.format(e_w1=e_w1, total="431080")
    assert _full(grade_file_item(rubric, "p1.e.w1", sheet, "answers.ini")) is full


@pytest.mark.parametrize("total, full", [("431080", True), ("430080", False)])
def test_an_ini_sheets_counts_are_read(rubric, total: str, full: bool) -> None:
    sheet = INI_SHEET.format(e_w1="w3*a2*(1-a2)*w2*a1*(1-a1)*x", total=total)
    assert _full(grade_file_item(rubric, "p2.c", sheet, "answers.ini")) is full


PY_SHEET = '''# HW2 -- Lee. s(u) = 1/(1+exp(-u)), t = w1*x, a = s(t), v = w2*a
ANSWERS = {{
    "1b": {{
        "i_exp": "exp(-u)/(1+exp(-u))**2",
        "ii_sigma": "{b_ii}",{remark}
    }},
    "1d": "s(v)",                                   # = s(w2*s(w1*x))
    "2c": {{
        "conv1": (5*5*1 + 1) * 20,
        "conv2": (5*5*20 + 1) * 50,
        "fc1": (4*4*50 + 1) * 500,
        "fc2": (500 + 1) * 10,
        "relu": 0, "pool": 0,
        "total": {total},
    }},
}}

if __name__ == "__main__":
    import pprint
    pprint.pprint(ANSWERS)
'''


@pytest.mark.parametrize("b_ii, remark, full", [
    ("s(u)*(1-s(u))", "", True),
    ("s(u)*(1-s(u))", "   # quotient rule, then exp(-u)/(1+exp(-u)) = 1 - s(u)", True),
    ("s(u)*(1-s(u))", "   # first wrote (1+s), fixed it", False),  # a remark that changes it: a person reads both
    ("s(u)*(1+s(u))", "", False),
    ("s(u)*(1-s(u))", "   # not sure, maybe s(u)*(1+s(u))?", False),  # a doubt in its comment: a person reads it
])
def test_a_python_file_that_only_holds_a_dict_of_answers_is_an_answer_sheet(rubric, b_ii: str, remark: str,
                                                                            full: bool) -> None:
    sheet = PY_SHEET.format(b_ii=b_ii, remark=remark, total="431080")
    result = grade_file_item(rubric, "p1.b.ii", sheet, "lee_answers.py")
    assert _full(result) is full
    assert full or b_ii.endswith("(1+s(u))") or result.status == "review"  # a right answer doubted: never failed
    assert _full(grade_file_item(rubric, "p1.d", sheet, "lee_answers.py"))


@pytest.mark.parametrize("total, full", [("431080", True), ("431_000", False)])
def test_a_python_sheets_counts_written_as_products_are_read_as_written(rubric, total: str, full: bool) -> None:
    sheet = PY_SHEET.format(b_ii="s(u)*(1-s(u))", remark="", total=total)
    assert _full(grade_file_item(rubric, "p2.c", sheet, "lee_answers.py")) is full


def test_a_python_file_that_computes_is_a_program_not_a_sheet(rubric) -> None:
    program = PY_SHEET.format(b_ii="s(u)*(1-s(u))", remark="", total="431080") \
        + "\ndef total():\n    return sum(ANSWERS['2c'].values())\n"
    assert grade_file_item(rubric, "p1.b.ii", program, "lee_answers.py").status != "pass"


def test_a_hostile_python_sheet_is_parsed_quickly_and_never_run(tmp_path) -> None:
    marker = tmp_path / "ran"
    nested = "{\"1b\": " * 150 + "1" + "}" * 150
    sheet = (f"ANSWERS = {{'1d': __import__('os').system('touch {marker}'), '1c': open('{marker}', 'w'),"
             f" '1b': {nested}}}\n" + "# x\n" * 20_000)
    start = time.perf_counter()
    lines = python_sheet_lines(sheet)
    script_markdown(sheet, ".py")
    assert time.perf_counter() - start < 5 and not marker.exists()
    assert lines is not None and "__import__('os')" in lines  # the call is text, as written, never run
    assert python_sheet_lines("import os\nos.system('x')\nA = {'1d': 'a', '1e': 'b'}\n") is None  # a program


PADDING = """## Problem 2

### (b)

filter size $5\\times5$, stride $1$, channel dimension $20$ (50 filters), {padding}
"""


@pytest.mark.parametrize("padding, full", [("no padding (zero padding would keep 12×12)", True),
                                           ("\\sout{padding 0} \\ padding 1 (zero padding on each side)", False)])
def test_a_padding_stated_before_a_bracket_is_stated(rubric, padding: str, full: bool) -> None:
    result = grade_report_item(rubric, "p2.b", PADDING.format(padding=padding), "report.tex")
    assert _full(result) is full


LMS_SOURCE = """# HW3

## Problem 1

### (d)

<p><span style="font-weight: 400;">&part;f/&part;w</span><sub><span>3</span></sub><span> = &#963;(w</span><sub>2</sub><span>&#963;(w</span><sub>1</sub><span>x))</span></p>

### (f)

<p><span style="font-weight: 400;">Gradient descent: <strong>w &larr; w {sign} &alpha;&nabla;L(w)</strong> (step against the gradient)</span></p>
"""


@pytest.mark.parametrize("sign, full", [("&#8722;", True), ("&#43;", False)])
def test_html_an_editor_saved_into_a_markdown_file_is_read_as_its_page_shows(rubric, sign: str, full: bool) -> None:
    report = LMS_SOURCE.format(sign=sign)
    assert _full(grade_report_item(rubric, "p1.f.update", report)) is full
    assert _full(grade_report_item(rubric, "p1.d", report))


GLYPHS = """Problem 1

(b)
(i)
dσ1du=e−u(1+e−u)2
d
σ
1
d
u
=
e
−
u
(
1
+
e
−
u
)
2
[ dσ1/du = {clean} ]

(ii)
[ dσ1/du = σ1(u)·(1 − σ1(u)) ]

(d)
[ ∂fw/∂w3 = σ2(w2·σ1(w1·x)) ]

(e)
[ ∂fw/∂w2 = w3 · σ2(x2)(1 − σ2(x2)) · σ1(x1) ]

[ ∂fw/∂w1 = (∂fw/∂σ2)(∂σ2/∂x2)(∂x2/∂σ1)(∂σ1/∂x1)(∂x1/∂w1)
          = w3 · σ2(x2)(1 − σ2(x2)) · w2 · σ1(x1)(1 − σ1(x1)){x} ]

(f)
"""


@pytest.mark.parametrize("clean, full", [("e^(−u) / (1 + e^(−u))^2", True), ("e^(u) / (1 + e^(−u))^2", False)])
def test_rendered_math_pasted_a_glyph_per_line_is_not_read_over_the_formula_given_as_text(rubric, clean: str,
                                                                                         full: bool) -> None:
    report = GLYPHS.format(clean=clean, x=" · x")
    assert _full(grade_report_item(rubric, "p1.b.i", report, "report.txt")) is full


@pytest.mark.parametrize("x, full", [(" · x", True), ("", False)])
def test_a_bracketed_display_over_two_lines_is_one_formula(rubric, x: str, full: bool) -> None:
    report = GLYPHS.format(clean="e^(−u) / (1 + e^(−u))^2", x=x)
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "report.txt")) is full


HIGHLIGHTS = """## P2 · MNIST

### (a)

- input → ==28×28== (one channel)
- conv1 filter → ==5×5×1==, 20 of them
- after conv1 → ==24×24×20==
- after pooling → {pool}
"""


@pytest.mark.parametrize("pool, full", [
    ("==12×12×20==", True),
    ("==11×11×20==", False),
    ("==12×12×20== or ==4×4×50==?? not sure if the pool right after conv1 or the last one", False),
    ("12×12×20 or 4×4×50, not sure which pooling is meant", False),
])
def test_highlighted_sizes_are_read_and_two_sizes_offered_with_a_doubt_go_to_a_person(rubric, pool: str,
                                                                                      full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.a", HIGHLIGHTS.format(pool=pool))) is full


SUMMARY_FIRST = """## Summary of answers

| part | answer | where |
|---|---|---|
| 1(d) | $\\dfrac{{\\partial f_w}}{{\\partial w_3}} = \\sigma_2\\big(w_2\\,\\sigma_1(w_1 x)\\big)$ | eq. (5) |

## Problem 1

### (d)

$f = w_3 h_2$ and $h_2$ does not depend on $w_3$:

$$\\frac{{\\partial f_w}}{{\\partial w_3}} = {d}$$

### (e)
"""


@pytest.mark.parametrize("d, full", [("h_2 = \\sigma_2(x_2)", True), ("w_3\\,h_2 = w_3\\,\\sigma_2(x_2)", False)])
def test_a_part_explained_with_not_below_its_summary_row_is_no_correction(rubric, d: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.d", SUMMARY_FIRST.format(d=d))) is full


SIBLINGS = """## Problem 1

### (b)

(i) chain rule:

$$\\frac{{d\\sigma}}{{du}} = -(1+e^{{-u}})^{{-2}}(-e^{{-u}}) = \\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$$

{where_i}

(ii) First attempt:

$$\\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}} = \\sigma(u)(1+\\sigma(u))\\ ???$$

no wait, that's a sign mistake, $\\frac{{e^{{-u}}}}{{1+e^{{-u}}}} = 1-\\sigma(u)$. So

$$\\boxed{{\\frac{{d\\sigma}}{{du}} = \\sigma(u)\\,(1-\\sigma(u))}}$$

This has its maximum $1/4$ at $u = 0$.[^1]

[^1]: {footnote}

### (c)

words
"""


@pytest.mark.parametrize("where_i, full", [("", True),
                                           ("no wait, I dropped a minus: $\\frac{-e^{-u}}{(1+e^{-u})^2}$", False)])
def test_a_correction_inside_b_ii_is_not_one_of_b_i(rubric, where_i: str, full: bool) -> None:
    report = SIBLINGS.format(where_i=where_i, footnote="$\\sigma(0)(1-\\sigma(0)) = \\frac12\\cdot\\frac12 = \\frac14$")
    assert _full(grade_report_item(rubric, "p1.b.i", report)) is full


@pytest.mark.parametrize("footnote, full", [("$\\sigma(0)(1-\\sigma(0)) = \\frac12\\cdot\\frac12 = \\frac14$", True),
                                            ("$\\sigma(u)(1+\\sigma(u))$ was right after all", False)])
def test_a_footnote_that_works_out_a_number_corrects_nothing(rubric, footnote: str, full: bool) -> None:
    report = SIBLINGS.format(where_i="", footnote=footnote)
    assert _full(grade_report_item(rubric, "p1.b.ii", report)) is full


PROPERTY = """## P1

### (b)

(ii) trick: $\\dfrac{{e^{{-u}}}}{{1+e^{{-u}}}} = 1-\\sigma_1(u)$, so

dσ₁/du (σ form):: ==${answer}$==

### (c)

words
"""


@pytest.mark.parametrize("answer, full", [("\\sigma_1(u)\\,(1-\\sigma_1(u))", True),
                                          ("\\sigma_1(u)\\,(1+\\sigma_1(u))", False)])
def test_an_outline_property_holding_highlighted_math_is_the_answer(rubric, answer: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.b.ii", PROPERTY.format(answer=answer))) is full


FENCED = """## Problem 1

### (e)

$$\\frac{{\\partial f}}{{\\partial w_1}} = w_3\\,\\sigma(x_2)(1-\\sigma(x_2))\\,w_2\\,\\sigma(x_1)(1-\\sigma(x_1))\\,x$$

### (f)

Gradient check:

```python
grad = backward(w, Y, Yhat, cache)
eps = 1e-7
num = np.zeros(3)
```

{after}
"""


@pytest.mark.parametrize("after, full", [("It matches.", True),
                                         ("P.S. (e): I think the x at the end should not be there.", False)])
def test_a_programs_line_in_a_fence_is_no_correction(rubric, after: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.e.w1", FENCED.format(after=after))) is full


WIRIS = """<html><body>
<p><b>Problem 1</b></p>
<p><b>(d)</b> <img class="Wirisformula" src="showimage?formula=91f6" alt="fraction numerator partial differential f
over denominator partial differential w subscript 3 end fraction equals {spoken}" role="math"
data-mathml="«math xmlns=¨http://www.w3.org/1998/Math/MathML¨»«mfrac»«mrow»«mo»§#8706;«/mo»«mi»f«/mi»«/mrow»«mrow»«mo»§#8706;«/mo»«msub»«mi»w«/mi»«mn»3«/mn»«/msub»«/mrow»«/mfrac»«mo»=«/mo»«msub»«mi»§#963;«/mi»«mn»2«/mn»«/msub»«mo»(«/mo»{inner}«mo»)«/mo»«/math»"></p>
<p><b>(e)</b> see below</p>
</body></html>
"""


@pytest.mark.parametrize("inner, full", [
    ("«msub»«mi»w«/mi»«mn»2«/mn»«/msub»«msub»«mi»§#963;«/mi»«mn»1«/mn»«/msub»«mo»(«/mo»«msub»«mi»w«/mi»«mn»1«/mn»«/msub»«mi»x«/mi»«mo»)«/mo»", True),
    ("«msub»«mi»w«/mi»«mn»1«/mn»«/msub»«mi»x«/mi»", False),
])
def test_a_wiris_equation_image_is_read_from_the_mathml_it_keeps(rubric, inner: str, full: bool) -> None:
    page = WIRIS.format(inner=inner, spoken="sigma subscript 2 open parentheses ... close parentheses")
    assert _full(grade_report_item(rubric, "p1.d", page, "report.html")) is full


LOGSEQ = """#+title: hw2
* Problem 1 [[backpropagation]]
:PROPERTIES:
:collapsed: false
:END:
** setup
*** $x_1 := w_1 x$ , $x_2 := w_2\\sigma_1(x_1)$
** (b) derivative of sigmoid
*** (i) exp form
**** $$\\frac{{\\partial\\sigma_1}}{{\\partial u}} = \\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$$
*** (ii) σ form
**** $$\\frac{{\\partial\\sigma_1}}{{\\partial u}} = {b_ii}$$
** (d)
*** $$\\frac{{\\partial f_w}}{{\\partial w_3}} = \\sigma_2(x_2)$$
* Problem 2 [[MNIST]]
** (c)
*** | layer | params |
|-------+--------|
| conv1 | 520 |
| relu1 | 0 |
| pool1 | 0 |
| conv2 | 25050 |
| relu2 | 0 |
| pool2 | 0 |
| fc1 | 400500 |
| fc2 | 5010 |
| total | {total} |
"""


@pytest.mark.parametrize("b_ii, full", [("\\sigma_1(u)\\,(1-\\sigma_1(u))", True),
                                        ("\\sigma_1(u)\\,(1+\\sigma_1(u))", False)])
def test_a_logseq_page_in_org_reads_its_deep_headings_as_bullets(rubric, b_ii: str, full: bool) -> None:
    page = LOGSEQ.format(b_ii=b_ii, total="431080")
    assert _full(grade_report_item(rubric, "p1.b.ii", page, "report.org")) is full
    assert _full(grade_report_item(rubric, "p1.d", page, "report.org"))


@pytest.mark.parametrize("total, full", [("431080", True), ("431000", False)])
def test_a_table_opened_in_a_logseq_heading_is_a_table(rubric, total: str, full: bool) -> None:
    page = LOGSEQ.format(b_ii="\\sigma_1(u)(1-\\sigma_1(u))", total=total)
    assert _full(grade_report_item(rubric, "p2.c", page, "report.org")) is full


@pytest.mark.parametrize("piece", [
    "dσ1du=e−u\n" + "d\nσ\n" * 3,  # a flattened line, then glyphs a line each
    "[ ∂f/∂w1 = a\n   = b\n",  # a bracketed display left open
    "<p>x</p>\n",  # an editor's paragraph in Markdown
    "==12×12×20== or ==4×4×50== ",  # highlighted sizes offered
    "dσ/du (σ form):: ==$σ$== ",  # an outline's property
    "[^1]: $σ(0) = 1$\n",  # a footnote working out a number
    "```\neps = 1e-7\n",  # fences left open
    "$h_2$ does not depend on $w_3$ ",
])
def test_the_new_readings_take_bounded_time_on_hostile_text(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece) < 30


def test_a_logseq_outline_of_many_headings_takes_bounded_time(rubric) -> None:
    page = "* Problem 1\n** (b)\n" + "**** $\\sigma$ and | x |\n" * 5000
    start = time.perf_counter()
    grade_report_item(rubric, "p1.b.ii", page, "report.org")
    assert time.perf_counter() - start < 30


MENTIONED_TOGETHER = """## Problem 1

## (d)

(In (d) and (e) "d" means derivative of $f$, not of a loss.)

$$\\frac{{\\partial f_w}}{{\\partial w_3}} = a^{{[2]}} = {d}$$

## (e)

see the table
"""


@pytest.mark.parametrize("d, full", [("\\sigma(w_2\\,\\sigma(w_1 x))", True), ("\\sigma(w_1 x)", False)])
def test_two_parts_mentioned_together_in_a_sentence_are_no_labels(rubric, d: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.d", MENTIONED_TOGETHER.format(d=d))) is full


POOLED = """## Problem 2

**(a)** MNIST image: 28×28, grayscale → input 28×28×1.
conv1: each filter is 5×5×1, there are 20.
24 = 28 − 5 + 1 → after conv1: 24×24×20.
2×2 max pool, stride 2 → {pool}.

**(b)** next
"""


@pytest.mark.parametrize("pool, full", [("12×12×20", True), ("11×11×20", False)])
def test_a_poolings_window_and_stride_said_before_its_result_are_not_the_result(rubric, pool: str,
                                                                                full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.a", POOLED.format(pool=pool))) is full


OWN_KEYS = '''# HW3, Weber. s(u) = 1/(1+exp(-u)), x1 = w1*x, x2 = w2*s(x1)
[problem1]
b_ii = "s(u)*(1-s(u))"
d    = "s(x2)"{d_remark}
e_w1 = """w3*s(x2)*(1-s(x2))*w2*s(x1)*(1-s(x1))*x"""{w1_remark}

[problem2.c]
conv1 = 520
relu1 = 0
pool1 = 0
conv2 = 25050
relu2 = 0
pool2 = 0
fc1   = 400500
fc2   = 5010
total = 431080{total_remark}
'''


@pytest.mark.parametrize("item, remarks, full", [
    ("p1.d", {}, True),
    ("p1.d", {"d_remark": "              # = s(w2*s(w1*x))"}, True),
    ("p1.d", {"d_remark": "              # not sure, maybe w3*s(x2)?"}, False),
    ("p1.d", {"d_remark": "\n# wrong, should be w3*s(x2)"}, False),
    ("p1.e.w1", {"w1_remark": "   # or without the w2? back and forth"}, False),
    ("p2.c", {"total_remark": "   # 430580 if the fc1 biases do not count -- which one?"}, False),
])
def test_a_sheets_remarks_are_read_beside_the_answer_they_follow(rubric, item: str, remarks: dict[str, str],
                                                                full: bool) -> None:
    sheet = OWN_KEYS.format(**{"d_remark": "", "w1_remark": "", "total_remark": "", **remarks})
    result = grade_file_item(rubric, item, sheet, "weber.toml")
    assert _full(result) is full and result.status != "fail"  # (a right answer doubted goes to a person)


@pytest.mark.parametrize("remark, full", [("", True), ("\n; hmm, or is it without the w2?", False)])
def test_an_ini_sheets_comment_under_a_key_is_read_with_it(rubric, remark: str, full: bool) -> None:
    sheet = INI_SHEET.replace("e_w1 = {e_w1}\n", "e_w1 = {e_w1}" + remark + "\n").format(
        e_w1="w3*a2*(1-a2)*w2*a1*(1-a1)*x", total="431080")
    assert _full(grade_file_item(rubric, "p1.e.w1", sheet, "answers.ini")) is full


def test_an_ini_sheet_with_a_key_given_twice_is_read_as_text(rubric) -> None:
    sheet = INI_SHEET.format(e_w1="w3*a2*(1-a2)*w2*a1*(1-a1)*x", total="431080").replace(
        "d = a2\n", "d = a2\nd = w3*a2\n")
    assert not _full(grade_file_item(rubric, "p1.d", sheet, "answers.ini"))


def test_a_python_sheet_changed_after_its_dict_is_a_program(rubric) -> None:
    sheet = PY_SHEET.format(b_ii="s(u)*(1-s(u))", remark="", total="431080") + '\nANSWERS["1d"] = "w3*s(v)"\n'
    assert not _full(grade_file_item(rubric, "p1.d", sheet, "lee_answers.py"))


@pytest.mark.parametrize("remark, full", [("", True), ("   # not sure, maybe w3*σ2(x2)?", False),
                                          ("\n# wrong: it should be w3*σ2(x2)", False)])
def test_an_answers_toml_answers_remark_is_read_with_it(rubric, remark: str, full: bool) -> None:
    sheet = '"p1.b.ii" = "σ1(u) * (1 - σ1(u))"\n"p1.d" = "σ2(x2)"' + remark + '\n"p1.b.i" = "exp(-u)/(1+exp(-u))^2"\n'
    assert _full(grade_file_item(rubric, "p1.d", sheet, "answers.toml")) is full


STRUCK_HTML = """## Problem 1

### (e)

<p>&part;f/&part;w<sub>1</sub> = w<sub>3</sub>&sigma;(x<sub>2</sub>)(1 &minus; &sigma;(x<sub>2</sub>)) {struck}&sigma;(x<sub>1</sub>)(1 &minus; &sigma;(x<sub>1</sub>)) x</p>

### (f)
"""


@pytest.mark.parametrize("struck, full", [
    ("w<sub>2</sub> ", True),
    ('<span style="text-decoration: line-through;">w<sub>2</sub></span> ', False),
    ('<span style="text-decoration-line:line-through">w<sub>2</sub></span> ', False),
])
def test_a_factor_struck_through_by_an_editors_style_is_struck_out(rubric, struck: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.e.w1", STRUCK_HTML.format(struck=struck))) is full


@pytest.mark.parametrize("inner, full", [
    ("«msub»«mi»w«/mi»«mn»2«/mn»«/msub»«msub»«mi»§#963;«/mi»«mn»1«/mn»«/msub»«mo»(«/mo»«msub»«mi»w«/mi»«mn»1«/mn»«/msub»«mi»x«/mi»«mo»)«/mo»", True),
    ("«menclose notation=¨updiagonalstrike¨»«msub»«mi»w«/mi»«mn»2«/mn»«/msub»«/menclose»«msub»«mi»§#963;«/mi»«mn»1«/mn»«/msub»«mo»(«/mo»«msub»«mi»w«/mi»«mn»1«/mn»«/msub»«mi»x«/mi»«mo»)«/mo»", False),
])
def test_a_wiris_factor_struck_through_is_struck_out(rubric, inner: str, full: bool) -> None:
    page = WIRIS.format(inner=inner, spoken="…")
    assert _full(grade_report_item(rubric, "p1.d", page, "report.html")) is full


def test_a_wiris_equals_with_a_question_mark_over_it_is_a_doubt(rubric) -> None:
    inner = "«msub»«mi»w«/mi»«mn»2«/mn»«/msub»«msub»«mi»§#963;«/mi»«mn»1«/mn»«/msub»«mo»(«/mo»«msub»«mi»w«/mi»«mn»1«/mn»«/msub»«mi»x«/mi»«mo»)«/mo»"
    page = WIRIS.format(inner=inner, spoken="…").replace("«/mfrac»«mo»=«/mo»", "«/mfrac»«mover»«mo»=«/mo»«mo»?«/mo»«/mover»")
    assert not _full(grade_report_item(rubric, "p1.d", page, "report.html"))


SIBLING_FIX = """## Problem 1

### (b)

(i) $$\\frac{{d\\sigma_1}}{{du}} = \\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$$

(ii) $$\\frac{{d\\sigma_1}}{{du}} = \\sigma_1(u)\\,(1-\\sigma_1(u))$$

{note}

### (c)

words
"""


@pytest.mark.parametrize("note, full", [
    ("(the (i) above is the quotient rule's result)", True),
    ("(the (i) above should have no square in the denominator: $e^{-u}/(1+e^{-u})$)", False),
    ("**Correction to (i):** I squared the denominator by mistake; it is $\\frac{e^{-u}}{1+e^{-u}}$.", False),
])
def test_a_sentence_in_b_ii_that_corrects_b_i_is_read_for_b_i(rubric, note: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.b.i", SIBLING_FIX.format(note=note))) is full


@pytest.mark.parametrize("pad", ["padded by one pixel on each side", "with a 1-pixel zero padding",
                                 "zero-pad the input by 1", "padding on each side: 1", "'same' padding",
                                 "and $P = 1$", "pad with one row of zeros all around"])
def test_padding_said_in_other_words_is_padding(rubric, pad: str) -> None:
    report = f"## Problem 2\n\n### (b)\n\nfilter 5×5, stride 1, channel dimension 20 (50 filters), {pad}.\n"
    assert not _full(grade_report_item(rubric, "p2.b", report))


def test_no_padding_in_other_words_is_still_none(rubric) -> None:
    report = "## Problem 2\n\n### (b)\n\nfilter 5×5, stride 1, channel dimension 20 (50 filters), no padding.\n"
    assert _full(grade_report_item(rubric, "p2.b", report))
