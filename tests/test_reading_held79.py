"""Readings from batch 79 (R Markdown and Julia notebooks, group hand-ins, math written for or by assistive
technology, two-dimensional ASCII art) and the leftovers of batch 77: each with a twin it must not pass.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


PART_B = """## Problem 1

(b)
(i) $\\frac{d\\sigma_1}{du} = @B_I@$

(ii) $\\frac{d\\sigma_1}{du} = \\sigma_1(u)\\,(1-\\sigma_1(u))$@COMMENT@

(d) $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$
"""


@pytest.mark.parametrize("b_i, comment, item, full", [
    # a doubting comment beside (ii) doubts (ii), not (i) of the same part
    ("\\frac{e^{-u}}{(1+e^{-u})^2}", "{>>1+σ or 1−σ?? ask Tom<<}", "p1.b.i", True),
    ("\\frac{e^{-u}}{(1+e^{-u})^2}", "{>>1+σ or 1−σ?? ask Tom<<}", "p1.b.ii", False),
    ("\\frac{e^{-u}}{(1-e^{-u})^2}", "{>>1+σ or 1−σ?? ask Tom<<}", "p1.b.i", False),  # (i) wrong stays wrong
    ("\\frac{e^{-u}}{(1+e^{-u})^2}", "", "p1.b.ii", True),
])
def test_a_comment_doubting_one_answer_leaves_its_neighbour_alone(rubric, b_i: str, comment: str, item: str,
                                                                   full: bool) -> None:
    report = PART_B.replace("@B_I@", b_i).replace("@COMMENT@", comment)
    assert _full(grade_report_item(rubric, item, report, "report.md")) is full


@pytest.mark.parametrize("under, full", [
    ("(ii) $\\sigma_1(u)(1-\\sigma_1(u))$ (this could also be $\\sigma_1(u)(1+\\sigma_1(u))$)", True),  # the next label
    ("(or it could also be $\\frac{e^{u}}{(1+e^{u})^2}$)", False),  # an aside under (i) offering another answer
])
def test_the_next_label_under_an_answer_is_no_aside_about_it(rubric, under: str, full: bool) -> None:
    report = f"## Problem 1\n\n(b)\n(i) $\\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$\n\n{under}\n\n(d) $\\sigma_2(x_2)$\n"
    assert _full(grade_report_item(rubric, "p1.b.i", report, "report.md")) is full


BOXED = """PROBLEM 1

(e)

                 +----------------------------------------------+
     d f         |                                              |
    -----   =    |  w3 * s2(x2) * (1 - s2(x2)) * @LAST@         |
     d w2        |                                              |
                 +----------------------------------------------+

(f) nothing yet
"""


@pytest.mark.parametrize("last, full", [
    ("s1(x1)", True),   # a framed answer drawn in plain text: the frame is no part of the formula
    ("s1(x2)", False),  # its twin with a slip
])
def test_an_answer_framed_with_corners_and_bars_is_read_without_its_frame(rubric, last: str, full: bool) -> None:
    report = BOXED.replace("@LAST@", last.ljust(6))
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.txt")) is full


@pytest.mark.parametrize("frame, full", [
    (("┌────────────────────────┐", "│  σ₁(u) ( 1 − σ₁(u) )   │", "└────────────────────────┘"), True),
    (("┌────────────────────────┐", "│  σ₁(u) ( 1 + σ₁(u) )   │", "└────────────────────────┘"), False),
    (("╔════════════════════════╗", "║  σ₁(u) ( 1 − σ₁(u) )   ║", "╚════════════════════════╝"), True),
])
def test_a_one_line_frame_beside_its_left_side_is_one_equation(rubric, frame: tuple[str, str, str],
                                                                full: bool) -> None:
    top, middle, bottom = frame
    report = (f"PROBLEM 1\n\n(b)\n(ii)\n                     {top}\n       dσ₁/du  =     {middle}\n"
              f"                     {bottom}\n\n(c) words\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "report.txt")) is full


def test_a_table_drawn_with_corners_is_no_frame(rubric) -> None:
    from grader.reading.drawn_boxes import unframed

    table = "+-----+-----+\n| a   | b   |\n+-----+-----+\n"
    assert unframed(table) == table  # its inner bar: a table's columns, left as they are


@pytest.mark.parametrize("continued, full", [
    ("          =   w3   *  s2(x2)(1 - s2(x2))  *  s1(x1)", True),  # hand-drawn math spaced wide
    ("          =   w3   *  s2(x2)(1 - s2(x2))  *  s1(x2)", False),
])
def test_a_wide_spaced_line_after_a_drawn_fraction_goes_on_with_it(rubric, continued: str, full: bool) -> None:
    report = ("PROBLEM 1\n\n(e)\n\n     d f      d f     d h2     d x2\n    ----- =  ----- * ------ * ------\n"
              f"     d w2     d h2    d x2     d w2\n\n{continued}\n\n(f) later\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.txt")) is full


@pytest.mark.parametrize("bottom, status", [
    ("(1 + e  )", "pass"),   # powers raised a few columns off their base, as hand-typed art sets them
    ("(1 - e  )", "fail"),
])
def test_a_drawn_fraction_with_raised_powers_is_read_whole(rubric, bottom: str, status: str) -> None:
    report = ("PROBLEM 1\n\n(b)\n(i)\n                             -u\n       dσ₁/du  =            e\n"
              "                        ───────────\n                              -u  2\n"
              f"                        {bottom}\n\n(ii) later\n")
    assert grade_report_item(rubric, "p1.b.i", report, "report.txt").status == status


def test_a_numerator_over_a_bar_is_never_read_as_the_whole_answer(rubric) -> None:
    # a drawn fraction this reading cannot put back on one line (its power sits over the bracket): never
    # read as its numerator alone ("dσ₁/du = e^{-u}"), which would fail a right answer
    report = ("PROBLEM 1\n\n(b)\n(i)\n                             -u\n       dσ₁/du  =            e\n"
              "                        ───────────\n                                 -u  2\n"
              "                        (1 + e  )\n\n(ii) later\n")
    assert grade_report_item(rubric, "p1.b.i", report, "report.txt").status != "fail"


@pytest.mark.parametrize("item, line, full", [
    # dictated English
    ("p1.b.ii", "d sigma one over d u equals sigma one of u times open paren one minus sigma one of u close paren",
     True),
    ("p1.b.ii", "d sigma one over d u equals sigma one of u times open paren one plus sigma one of u close paren",
     False),
    ("p1.e.w1", "d f by d w one equals w three times sigma prime of x two times w two times sigma prime of x one "
                "times x.", True),
    ("p1.e.w1", "d f by d w one equals w three times sigma prime of x two times w two times sigma prime of x one.",
     False),  # the x left out
    # MathSpeak, as a screen reader's speech text
    ("p1.b.i", "StartFraction d sigma Subscript 1 Baseline Over d u EndFraction equals StartFraction e Superscript "
               "negative u Baseline Over left-parenthesis 1 plus e Superscript negative u Baseline right-parenthesis "
               "squared EndFraction", True),
    ("p1.b.i", "StartFraction d sigma Subscript 1 Baseline Over d u EndFraction equals StartFraction e Superscript "
               "u Baseline Over left-parenthesis 1 plus e Superscript negative u Baseline right-parenthesis "
               "squared EndFraction", False),
    # ClearSpeak
    ("p1.b.i", "the fraction with numerator d sigma sub 1, and denominator d u, equals, the fraction with numerator "
               "e to the negative u power, and denominator, open paren 1 plus e to the negative u power, close paren "
               "squared", True),
    ("p1.b.i", "the fraction with numerator d sigma sub 1, and denominator d u, equals, the fraction with numerator "
               "e to the negative u power, and denominator, open paren 1 minus e to the negative u power, close "
               "paren squared", False),
])
def test_math_spoken_in_words_is_read_as_the_formula_it_speaks(rubric, item: str, line: str, full: bool) -> None:
    part = {"p1.b.i": "(b)\n(i)", "p1.b.ii": "(b)\n(ii)", "p1.e.w1": "(e)"}[item]
    report = f"Problem 1\n\n{part}\n\n{line}\n\n(f)\n\nlater\n"
    assert _full(grade_report_item(rubric, item, report, "report.txt")) is full


@pytest.mark.parametrize("line", [
    "d f by d w two equals w three times sigma prime of x gizmo times sigma one of x one",  # a word it cannot read
    "d f by d w two equals w three times sigma prime of open paren x two times sigma one of x one",  # unclosed
])
def test_spoken_math_that_does_not_translate_goes_to_a_person(rubric, line: str) -> None:
    report = (f"Problem 1\n\n(e)\n\nd f by d w two equals d f by d sigma two, times d sigma two by d x two, times d x "
              f"two by d w two.\n\n{line}\n\n(f)\n\nlater\n")
    assert grade_report_item(rubric, "p1.e.w2", report, "report.txt").status == "review"


def test_spoken_arithmetic_in_a_table_is_read_as_its_numbers(rubric) -> None:
    report = ("Problem 2\n\n(c)\n\n| layer | parameters |\n|---|---|\n"
              "| conv1 | open paren 5 times 5 times 1 plus 1 close paren times 20 equals 520 |\n"
              "| relu1 | 0 |\n| pool1 | 0 |\n"
              "| conv2 | open paren 5 times 5 times 20 plus 1 close paren times 50 equals 25050 |\n"
              "| relu2 | 0 |\n| pool2 | 0 |\n"
              "| fc1 | open paren 800 plus 1 close paren times 500 equals 400500 |\n"
              "| fc2 | open paren 500 plus 1 close paren times 10 equals 5010 |\n| total | 431080 |\n")
    assert _full(grade_report_item(rubric, "p2.c", report, "report.md"))


@pytest.mark.parametrize("printed", [
    "dσ_exp.(u) = [0.10499358540350652, 0.25, 0.2217128732931091, 0.19661193324148188]",
    "(gradient(σ, 0.7))[1] = 0.22171287329310904",
])
def test_a_programs_printed_value_is_no_answer(rubric, printed: str) -> None:
    report = ("## Problem 1\n\n### (b)\n\n(ii) $\\frac{d\\sigma_1}{du} = \\sigma_1(u)\\,(1-\\sigma_1(u))$\n\n"
              f"quick check:\n\n{printed}\n\n### (c)\n\nwords\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "report.md"))


@pytest.mark.parametrize("factor, full", [("\\\\sigma(x\\_1)", True), ("\\\\sigma(x\\_2)", False)])
def test_a_knitted_pages_doubled_spacing_commands_are_read(rubric, factor: str, full: bool) -> None:
    report = ("### (d)\n\n$$\\\\frac{\\\\partial f\\_w}{\\\\partial w\\_3} = \\\\sigma(x\\_2)$$\n\n### (e)\n\n"
              f"$$\\\\frac{{\\\\partial f\\_w}}{{\\\\partial w\\_2}} = "
              f"w\\_3\\\\, \\\\sigma(x\\_2)(1-\\\\sigma(x\\_2))\\\\, "
              f"{factor}$$\n\n### (f)\n\nlater\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.md")) is full


@pytest.mark.parametrize("piece", [
    "d sigma one over d u equals open paren sigma of open paren u times ",  # spoken brackets that never close
    "x one equals w one times x, x two equals w two times sigma of x one, ",
    "   +------+\n   |  a = w  |\n",  # frames that never close
    "     d f\n    -----   =    |  w3 * s2  |\n",
    "   -u\n  e\n ────\n",  # bars under powers
    "          =   w3   *  s2(x2)  *  s1\n",
    "y = [0.1, 0.2, 0.3, ",
])
def test_the_batch_79_readings_take_bounded_time_on_hostile_text(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece, size=30_000) < 20


@pytest.mark.parametrize("aside, status", [
    ("\\;\\Bigl(= \\frac{1}{e^{u} + 2 + e^{-u}}\\Bigr)", "pass"),  # another form of the answer, said in brackets
    ("\\;\\Bigl(= \\frac{1}{e^{u} + 1 + e^{-u}}\\Bigr)", "not pass"),  # a wrong one: the last side, read
    ("\\quad (= e^{-u}(1+e^{-u})^{-2})", "pass"),
])
def test_an_answers_other_form_in_brackets_is_one_more_side(rubric, aside: str, status: str) -> None:
    report = ("## Problem 1\n\n### (b)\n\n(i) $$\\frac{d\\sigma_1}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}" + aside +
              "$$\n\n(ii) later\n")
    result = grade_report_item(rubric, "p1.b.i", report, "report.md")
    assert (result.status == "pass") is (status == "pass")


def test_an_aside_in_the_middle_of_a_chain_is_not_lifted_out_of_it(rubric) -> None:
    report = "## Problem 1\n\n(d)\n\n- ∂f/∂w₃ (= ∂f_w/∂w₃) = σ(x₂)\n\n(e) later\n"
    assert _full(grade_report_item(rubric, "p1.d", report, "report.md"))


@pytest.mark.parametrize("worked, full", [
    ("(4 · 4 · 50 + 1) · 500 = 801 · 500 = 400,500", True),  # a label over a worked line: its last side
    ("(4 · 4 · 50) · 500 = 800 · 500 = 400,000", False),
])
def test_a_label_over_a_worked_line_names_its_result(rubric, worked: str, full: bool) -> None:
    report = ("# Problem 2\n\n## (c)\n\nconv1:\n\n(5 · 5 · 1 + 1) · 20 = 520\n\nrelu1: 0\n\npool1: 0\n\n"
              "conv2: 25,050\n\nrelu2: 0\n\npool2: 0\n\nfc1:\n\n" + worked + "\n\nfc2: 5,010\n\ntotal: 431,080\n")
    assert _full(grade_report_item(rubric, "p2.c", report, "report.md")) is full


@pytest.mark.parametrize("conclusion, full", [("24 × 24 × 20", True), ("23 × 23 × 20", False)])
def test_a_conclusion_under_a_labelled_worked_line_is_its_value(rubric, conclusion: str, full: bool) -> None:
    report = ("# Problem 2\n\n## Part (a)\n\nInput dimension:\n\n28 × 28 × 1\n\nConv1 filter dimension:\n\n"
              "5 × 5 × 1, and there are 20 filters.\n\nOutput after conv1:\n\n(28 − 5) / 1 + 1 = 24\n\n"
              f"So: {conclusion}\n\nOutput after pooling:\n\n24 / 2 = 12\n\nSo: 12 × 12 × 20\n\n## Part (b)\n\nlater\n")
    assert _full(grade_report_item(rubric, "p2.a", report, "report.md")) is full


@pytest.mark.parametrize("line", [
    # red team 80: words beside a spoken formula may change it; a reading of words cannot tell
    "d f by d w one equals w three times sigma two prime of x two times w two times sigma one prime of x one times "
    "x. Sorry, I mean w three times sigma two prime of x two times w two times sigma one prime of x one times "
    "x squared.",
    "d f by d w one equals w three times sigma two prime of x two times w two times sigma one prime of x one times "
    "x. Not sure whether the x belongs there; maybe it does not.",
    "d f by d w one equals w three times sigma of w two times sigma of w one times x",  # where "of" ends: unsaid
])
def test_spoken_math_with_words_that_may_change_it_goes_to_a_person(rubric, line: str) -> None:
    report = f"Problem 1\n\nPart e.\n\n{line}\n\nPart f.\n\nlater\n"
    assert not _full(grade_report_item(rubric, "p1.e.w1", report, "report.txt"))


def test_a_spoken_update_corrected_with_an_arrow_is_not_the_earlier_one(rubric) -> None:
    report = ("Problem 1\n\nPart f.\n\nw new equals w minus alpha times the gradient of L.\n\n"
              "Correction after testing: w left-arrow w plus alpha normal nabla Subscript w Baseline upper L, the "
              "minus made my loss go up.\n\nProblem 2\n")
    assert not _full(grade_report_item(rubric, "p1.f.update", report, "report.txt"))


@pytest.mark.parametrize("comment_at, about", [
    ("(b)", "not sure about the sign in (i), it could also be $-\\frac{e^{-u}}{(1+e^{-u})^2}$"),  # on the heading
    ("(ii)", "hmm, for (i) I am not sure, maybe it is $\\frac{e^{u}}{(1+e^{-u})^2}$"),  # beside (ii), about (i)
])
def test_a_doubting_comment_about_i_set_elsewhere_still_doubts_it(rubric, comment_at: str, about: str) -> None:
    heading = "(b) {>>" + about + "<<}" if comment_at == "(b)" else "(b)"
    ii = "{>>" + about + "<<}" if comment_at == "(ii)" else ""
    report = (f"## Problem 1\n\n{heading}\n(i) $\\frac{{d\\sigma_1}}{{du}} = \\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$\n\n"
              f"(ii) $\\frac{{d\\sigma_1}}{{du}} = \\sigma_1(u)\\,(1-\\sigma_1(u))$ {ii}\n\n(d) $\\sigma_2(x_2)$\n")
    assert not _full(grade_report_item(rubric, "p1.b.i", report, "report.md"))


@pytest.mark.parametrize("beside", ["    <- maybe * w3 ?", "   --> or w3 * s2(x2)"])
def test_words_beside_a_drawn_frame_keep_it_for_a_person(rubric, beside: str) -> None:
    report = ("PROBLEM 1\n\n(d)\n\n             +-------------------+\n      df/dw3 = |  s2(x2)           |"
              f"{beside}\n             +-------------------+\n\n(e) later\n")
    assert not _full(grade_report_item(rubric, "p1.d", report, "report.txt"))


def test_a_formula_followed_by_its_settings_on_the_line_is_still_read(rubric) -> None:
    # "lr = 0.05, steps = 200" after the answer: the line is no printout of values (red team 80)
    report = ("## Problem 1\n\n### (f)\n\n∇L = Σ_i −(y^i − f_w(x^i)) ∇f_w(x^i)   lr = 0.05, steps = 200\n\n"
              "### Problem 2\n")
    assert not _full(grade_report_item(rubric, "p1.f.grad", report, "report.md"))
