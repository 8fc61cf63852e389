"""Readings from the leftovers of batch 79 and from batch 81: each with a twin it must not pass.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_file_item, grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


ALT_PAGE = """<html><body>
<h1>Problem 1</h1>
<h2>(d)</h2>
<p class=MsoNormal><img width=300 height=31 src="HW2_files/image005.png"
alt="@ALT@"></p>
<h2>(e)</h2>
<p>see the picture</p>
</body></html>
"""


@pytest.mark.parametrize("alt, full", [
    ("df/dw3 = sigma2(x2) = sigma2(w2 * sigma1(w1 * x))", True),  # a word processor's equation picture
    ("df/dw3 = sigma2(x1) = sigma2(w1 * x)", False),
    ("Picture 5", False),  # a picture named in words says no formula
    ("A photo of my handwritten page where I wrote df/dw3 = sigma2(x2) somewhere in the middle", False),
])
def test_an_equation_pictures_alt_text_is_read_as_its_formula(rubric, alt: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.d", ALT_PAGE.replace("@ALT@", alt), "report.html")) is full


PARAMETERS = """## Problem 2

**(c)**

| layer | params |
|---|---|
| conv1 | (5·5·1)·20 + 20 = 520 |
| relu1, pool1 | 0 |
| conv2 | (5·5·20)·50 + 50 = 25 050 |
| relu2, pool2 | 0 |
| fc1 | 800·500 + 500 = 400 500 |
| fc2 | 500·10 + 10 = 5 010 |
| **total** | **@TOTAL@** |

@AFTER@
"""


@pytest.mark.parametrize("total, after, full", [
    # a contribution statement naming parts by number: its numbers are no values given in order
    ("431 080", "**Contribution.** Priya: 1(a), 1(b), 1(c). Tomas: 1(d), 1(e), 1(f). Lukas: 1(f), 2(c). Sofia: 2(a), "
     "2(b).", True),
    ("431 080", "Flux prints the same (`# Total: 8 arrays, 431_080 parameters`).", True),  # 8 arrays: no count asked
    ("431 080", "Flux prints `# Total: 8 arrays, 430_580 parameters`.", False),  # a second total that differs
    ("430 580", "**Contribution.** Priya: 1(a), 1(b), 1(c). Lukas: 2(c).", False),
])
def test_numbers_that_name_parts_or_other_things_are_no_values(rubric, total: str, after: str, full: bool) -> None:
    report = PARAMETERS.replace("@TOTAL@", total).replace("@AFTER@", after)
    assert _full(grade_report_item(rubric, "p2.c", report)) is full


@pytest.mark.parametrize("line, full", [
    ("- filter of conv1: 5 x 5 x 1, and 20 of them", True),  # the first label is the value's, "of conv1" whose
    ("- filter of conv1: 5 x 5 x 20, and 1 of them", False),
])
def test_a_label_of_a_layer_names_the_value_not_the_layer(rubric, line: str, full: bool) -> None:
    report = ("## Problem 2\n\n## (a)\n\n- input: 28 x 28 (x1 channel)\n" + line +
              "\n- after conv1: 24 x 24 x 20\n- after pooling (2x2, stride 2): 12 x 12 x 20\n\n## (b)\n\nfilter 5x5\n")
    assert _full(grade_report_item(rubric, "p2.a", report)) is full


@pytest.mark.parametrize("arrow, full", [("-->", True), ("--> 25 x 25 x 20", False)])
def test_an_arrow_in_plain_text_with_notes_stays_an_arrow(rubric, arrow: str, full: bool) -> None:
    report = ("<!-- written in a hurry -->\nProblem 2\n\n(a)\n- input: 28 x 28\n"
              "- filter of conv1: 5 x 5 x 1, and 20 of them\n"
              f"- after conv1: (28 - 5)/1 + 1 = 24 {arrow} 24 x 24 x 20\n"
              "- after pooling (2x2, stride 2): 12 x 12 x 20\n\n(b)\nfilter 5x5\n")
    assert _full(grade_file_item(rubric, "p2.a", report, "report.txt")) is full


@pytest.mark.parametrize("aside, full", [
    ("(stride 2 doesn't work: (12 − F)/2 + 1 = 8 gives F = −2)", True),  # a value tried and refused
    ("(stride 2 works too: (12 − F)/2 + 1 = 8 gives F = −2)", False),
])
def test_a_value_tried_and_refused_is_no_answer(rubric, aside: str, full: bool) -> None:
    report = ("## Problem 2\n\n## (b)\n\n12×12×20 → 8×8×50, so 12 − F + 1 = 8 if stride is 1 and no padding.\n\n"
              f"- filter 5×5\n- stride 1\n- channel dimension 20 (50 filters)\n- padding 0\n\n{aside}\n\n## (c)\n")
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


ROW_OF_FRACTIONS = """Problem 1

(b)
(i)
                                         -u
      dσ₁     d         1               e
      ─── = ─── ( ───────── )  =  ───────────
       du    du          -u                -u  @POWER@
                    1 + e          ( 1 + e   )

(ii) dσ₁/du = σ₁(u)(1 − σ₁(u))
"""


@pytest.mark.parametrize("power, full", [("2", True), ("3", False)])
def test_fractions_drawn_in_a_row_are_read_each_over_its_bar(rubric, power: str, full: bool) -> None:
    report = ROW_OF_FRACTIONS.replace("@POWER@", power)
    assert _full(grade_report_item(rubric, "p1.b.i", report, "report.txt")) is full


def test_fractions_in_a_row_with_words_beside_them_are_left_as_drawn(rubric) -> None:
    report = ROW_OF_FRACTIONS.replace("@POWER@", "2").replace("      dσ₁     d ", "maybe dσ₁   d ")
    assert not _full(grade_report_item(rubric, "p1.b.i", report, "report.txt"))


def test_a_two_character_bar_is_a_fraction_bar(rubric) -> None:
    report = "1(b)\n(i)\n              -u\n   dσ        e\n   ── = ───────────\n   du          -u 2\n" \
             "        (1 + e   )\n\n(ii)\n   dσ\n   ── = σ(u)(1 - σ(u))\n   du\n"
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "report.txt"))
    assert _full(grade_report_item(rubric, "p1.b.i", report, "report.txt"))


BOX_TABLE = """ (c)

   ┌─────────┬───────────────────────────┬─────────────┐
   │ layer   │ formula                   │ #params     │
   ├─────────┼───────────────────────────┼─────────────┤
   │ conv1   │ (5·5·1 + 1) · 20          │       520   │
   │ relu1   │ —                         │         0   │
   │ pool1   │ —                         │         0   │
   │ conv2   │ (5·5·20 + 1) · 50         │    25,050   │
   │ relu2   │ —                         │         0   │
   │ pool2   │ —                         │         0   │
   │ fc1     │ 4·4·50 · 500 + 500        │   @FC1@   │
   │ fc2     │ (500 + 1) · 10            │     5,010   │
   ├─────────┼───────────────────────────┼─────────────┤
   │ total   │                           │   431,080   │
   └─────────┴───────────────────────────┴─────────────┘
"""


@pytest.mark.parametrize("fc1, full", [("400,500", True), ("400,000", False)])
def test_a_table_drawn_with_box_characters_is_read_as_a_table(rubric, fc1: str, full: bool) -> None:
    report = "Problem 2\n\n" + BOX_TABLE.replace("@FC1@", fc1)
    assert _full(grade_report_item(rubric, "p2.c", report, "report.txt")) is full


TALL = """1(f)

             2                          ⎡ ∂f_w(x^i)/∂w1 ⎤
   ∇_w L = @SIGN@ ∑ 2(y^i - f_w(x^i))   ·  ⎢ ∂f_w(x^i)/∂w2 ⎥
            i=1                         ⎣ ∂f_w(x^i)/∂w3 ⎦

   gradient descent:

   ⎡w1⎤    ⎡w1⎤      ⎡∂L/∂w1⎤
   ⎢w2⎥ ←  ⎢w2⎥ @STEP@ α ⎢∂L/∂w2⎥
   ⎣w3⎦    ⎣w3⎦      ⎣∂L/∂w3⎦
"""


@pytest.mark.parametrize("sign, step, item, full", [
    ("-", "-", "p1.f.grad", True),
    ("", "-", "p1.f.grad", False),  # the minus forgotten
    ("-", "-", "p1.f.update", True),
    ("-", "+", "p1.f.update", False),  # ascent
])
def test_vectors_drawn_with_tall_brackets_are_read(rubric, sign: str, step: str, item: str, full: bool) -> None:
    report = TALL.replace("@SIGN@", sign.ljust(1)).replace("@STEP@", step)
    assert _full(grade_report_item(rubric, item, report, "report.txt")) is full


@pytest.mark.parametrize("sum_, full", [("Σᵢ₌₁,₂ −2", True), ("Σᵢ₌₁,₂ 2", False)])
def test_a_list_in_a_subscript_does_not_end_the_formula(rubric, sum_: str, full: bool) -> None:
    report = f"Problem 1\n\n(f)\n\n∇_w L(w) = {sum_} (yⁱ − f_w(xⁱ)) · ∇_w f_w(xⁱ)\n\nw ← w − α ∇_w L(w)\n"
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("piece", [
    "   ⎡ a ⎤   ⎡ b\n   ⎢ c ⎥ = ∑ ⎢\n",  # tall brackets that never close
    "  ─── = ─── ( ─── ) ──\n  d  ",  # bars in a row without tops
    "   ┌──┬──┐\n   │ a │ b\n",  # a box table that never closes
    "<!-- a -->  --> ",
    '<img alt="x = y, ',
])
def test_the_batch_81_readings_take_bounded_time_on_hostile_text(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece, size=30_000) < 20


EMOJI_E = """## P1

### (e)

**w2**: ∂f/∂w2 = w3·σ2(x2)(1−σ2(x2))·σ1(x1) @MARK@

**w1**: ∂f/∂w1 = w3·σ2(x2)(1−σ2(x2))·w2·σ1(x1)(1−σ1(x1))·x

### (f)
"""


@pytest.mark.parametrize("mark, full", [
    ("✅", True),  # a kept mark is no character of the formula
    ("🎉", True),  # decoration
    ("🤔", False),  # doubt
    ("🤷‍♂️", False),  # an emoji not known as decoration, beside a formula: a person reads it
    ("✖️ w3", False),  # ✖️ is a times sign: an extra factor
    ("❌ oops: ∂f/∂w2 = w3·σ2(x2)·σ1(x1)", False),  # which side the ❌ strikes is unsaid
])
def test_emoji_beside_a_formula_are_read_as_marks(rubric, mark: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.e.w2", EMOJI_E.replace("@MARK@", mark))) is full


@pytest.mark.parametrize("lines, full", [
    ("- ❌ ~~w3·σ'(x2)·σ'(x1)·x~~ → forgot w2\n- ∂f/∂w1 = w3·σ2(x2)(1−σ2(x2))·w2·σ1(x1)(1−σ1(x1))·x ✅", True),
    ("- w3·σ2(x2)(1−σ2(x2))·w2·σ1(x1)(1−σ1(x1))·x ❌\n- ∂f/∂w1 = w3·σ2(x2)(1−σ2(x2))·σ1(x1)·x ✅", False),
])
def test_a_crossed_attempt_is_struck_and_the_kept_one_graded(rubric, lines: str, full: bool) -> None:
    report = EMOJI_E.replace("**w1**: ∂f/∂w1 = w3·σ2(x2)(1−σ2(x2))·w2·σ1(x1)(1−σ1(x1))·x", lines).replace("@MARK@", "")
    assert _full(grade_report_item(rubric, "p1.e.w1", report)) is full


@pytest.mark.parametrize("tail, full", [("", True), ("  not sure about this", False), (" (?)", False),
                                        (" probably", False)])
def test_doubt_after_a_plain_formula_on_its_line_hedges_it(rubric, tail: str, full: bool) -> None:
    report = f"## Problem 1\n\n(b)\n\n(i) dσ1/du = e^(-u)/(1+e^(-u))^2\n\n(ii) dσ1/du = σ1(u)(1 − σ1(u)){tail}\n\n" \
             "(d) ∂f/∂w3 = σ2(x2)\n"
    assert _full(grade_report_item(rubric, "p1.b.ii", report)) is full


@pytest.mark.parametrize("title, full", [("~~~ DL hw3 ~~~  park jun-seo", True), ("~~~ DL hw3", False)])
def test_a_title_between_fence_marks_is_no_code_fence(rubric, title: str, full: bool) -> None:
    report = f"{title}\n\nP1\n\n(d)\n  df/dw3 = sig2(x2) = sig2( w2 · sig1(w1·x) )\n\n(e)\n"
    assert _full(grade_report_item(rubric, "p1.d", report, "report.txt")) is full


SIGMA_VALUES = """Notation: $\\sigma_1$ and $\\sigma_2$ are the two activation values:
$$\\sigma_1 := \\sigma(w_1 x), \\qquad \\sigma_2 := \\sigma(w_2\\,\\sigma_1).$$

## Problem 1

### (b)
(i) $\\frac{d\\sigma}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}$

(ii) $@B_II@$

### (e)
$$\\frac{\\partial f}{\\partial w_2} = w_3\\,\\sigma_2(1-\\sigma_2)\\,@LAST@$$

$$\\frac{\\partial f}{\\partial w_1} = w_3\\,\\sigma_2(1-\\sigma_2)\\,w_2\\,\\sigma_1(1-\\sigma_1)\\,x$$
"""


@pytest.mark.parametrize("b_ii, last, item, status", [
    ("\\frac{d\\sigma}{du} = \\sigma(u)(1-\\sigma(u))", "\\sigma_1", "p1.e.w2", "pass"),  # the hand-in's own values
    ("\\frac{d\\sigma}{du} = \\sigma(u)(1-\\sigma(u))", "\\sigma_2", "p1.e.w2", "fail"),
    # σ_1 also written as the function differentiated in u: which one it means is unsaid, never read as the value
    ("\\frac{d\\sigma_1}{du} = \\sigma_1(1-\\sigma_1)", "\\sigma_1", "p1.b.ii", "not fail"),
])
def test_a_handout_function_named_as_a_value_is_read_as_that_value(rubric, b_ii: str, last: str, item: str,
                                                                    status: str) -> None:
    result = grade_report_item(rubric, item, SIGMA_VALUES.replace("@B_II@", b_ii).replace("@LAST@", last))
    assert result.status != "fail" if status == "not fail" else result.status == status


@pytest.mark.parametrize("extra, full", [("", True), ("Trainable params: 430,580", False)])
def test_a_keras_summarys_non_trainable_count_is_no_total(rubric, extra: str, full: bool) -> None:
    report = ("## Problem 2\n\n### (c)\n\n| layer | params |\n|---|---|\n| conv1 | 520 |\n| relu1 | 0 |\n"
              "| pool1 | 0 |\n| conv2 | 25050 |\n| relu2 | 0 |\n| pool2 | 0 |\n| fc1 | 400500 |\n| fc2 | 5010 |\n\n"
              f"Total params: 431,080\n{extra}\nNon-trainable params: 0\n")
    assert _full(grade_report_item(rubric, "p2.c", report)) is full


ERRATA = r"""\documentclass{article}
\begin{document}
\section*{Problem 1}
\subsection*{(e)}
\[ \frac{\partial f_w}{\partial w_2} = w_3\,\sigma_2(x_2)\bigl(1-\sigma_2(x_2)\bigr)\,\sigma_1(x_1), \]
\[ \frac{\partial f_w}{\partial w_1} = w_3\,\sigma_2(x_2)\bigl(1-\sigma_2(x_2)\bigr)\,w_2\,\sigma_1(x_1)\bigl(1-\sigma_1(x_1)\bigr). \]
\section*{Problem 2}
\subsection*{(c)}
fc2: $500\cdot10 = 5\,000$, total $431\,070$.
\section{Errata (v2, after TA feedback)}
\begin{enumerate}
  \item \textbf{Correction to 1(e), $\partial f_w/\partial w_1$.}
  The last factor was dropped. Corrected:
  \[ \frac{\partial f_w}{\partial w_1} = w_3\,\sigma_2(x_2)\bigl(1-\sigma_2(x_2)\bigr)\,w_2\,\sigma_1(x_1)\bigl(1-\sigma_1(x_1)\bigr)\,@X@ . \]
  \item \textbf{Correction to 2(c).} fc2 has $500\cdot10 + 10 = 5\,010$ parameters, so the total is $@TOTAL@$.
\end{enumerate}
\end{document}
"""


@pytest.mark.parametrize("x, total, item, full", [
    ("x", "431\\,080", "p1.e.w1", True),  # the correction written out replaces the working before it
    ("", "431\\,080", "p1.e.w1", False),
    ("x", "431\\,080", "p1.e.w2", True),  # a correction of ∂f/∂w1 changes nothing of ∂f/∂w2
    ("x", "431\\,080", "p2.c", False),  # (the rest of (c) is not given)
])
def test_an_errata_section_replaces_the_answers_it_corrects(rubric, x: str, total: str, item: str,
                                                            full: bool) -> None:
    report = ERRATA.replace("@X@", x).replace("@TOTAL@", total)
    assert _full(grade_report_item(rubric, item, report, "report.tex")) is full


@pytest.mark.parametrize("aside, full", [
    ("(flax's `nn.Conv` uses `padding='SAME'` by default, which would keep 12×12.)", True),  # another setting's
    ("(I used `padding='SAME'`.)", False),
])
def test_a_setting_said_of_another_layer_is_no_contradiction(rubric, aside: str, full: bool) -> None:
    report = f"## Problem 2\n\n### (b)\n\nfilter 5×5, stride 1, channel dimension 20, no padding.\n\n{aside}\n\n### (c)\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


def test_local_derivatives_are_no_answers_by_position(rubric) -> None:
    report = ("== (e)\n\nLocal derivatives: $partial g \\/ partial x_2 = sigma'(x_2)$, $partial x_2 \\/ partial w_2 = "
              "h$.\n\n$ partial_2 f = w_3 sigma(x_2)(1 - sigma(x_2)) sigma(x_1) $\n\n"
              "$ partial_1 f = w_3 sigma(x_2)(1 - sigma(x_2)) w_2 sigma(x_1)(1 - sigma(x_1)) x $\n")
    assert grade_report_item(rubric, "p1.e.w2", report, "report.typ").status != "fail"
