"""Readings from batch 90 (Slavic-language reports, learning platforms' math input, computer-algebra sessions,
handwriting apps' exports, South and Southeast Asian reports): each with a twin it must not pass.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


_CHECK_TABLE = ("\\begin{tabular}{lcc}\n & formula & finite differences \\\\\n"
                "$\\partial f/\\partial w_3$ & $\\phantom{-}0{,}541144$ & $\\phantom{-}0{,}541144$ \\\\\n"
                "$\\partial f/\\partial w_2$ & $-0{,}068264$ & $-0{,}068264$ \\\\\n\\end{tabular}\n")


@pytest.mark.parametrize("answer, full", [("\\sigma_2\\bigl(w_2\\,\\sigma_1(w_1x)\\bigr)", True),
                                          ("\\sigma_2\\bigl(w_1\\,\\sigma_1(w_2x)\\bigr)", False)])
def test_a_check_tables_decimal_commas_answer_nothing(rubric, answer: str, full: bool) -> None:
    report = ("\\section*{Bài 1}\n\\subsection*{Câu d}\n\\[\n\\frac{\\partial f_w}{\\partial w_3} = " + answer
              + ".\n\\]\n\\subsection*{Câu e}\n\\[\n\\frac{\\partial f_w}{\\partial w_2} = w_3\\sigma_2'(x_2)"
              "\\sigma_1(x_1)\n\\]\n" + _CHECK_TABLE + "\\subsection*{Câu f}\n…\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.tex")) is full


@pytest.mark.parametrize("answer, full", [("\\sigma_1(x_1)", True), ("\\sigma_1'(x_1)", False)])
def test_a_check_tables_row_is_no_later_answer(rubric, answer: str, full: bool) -> None:
    report = ("\\section*{Problem 1}\n\\subsection*{(e)}\n\\[\n\\frac{\\partial f_w}{\\partial w_2} = "
              "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))" + answer + "\n\\]\n" + _CHECK_TABLE + "\\subsection*{(f)}\n…\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.tex")) is full


@pytest.mark.parametrize("count, full", [("25{,}050", True), ("25{,}000", False)])
def test_a_braced_comma_before_three_digits_is_thousands(rubric, count: str, full: bool) -> None:
    report = ("## Problem 2\n\n### (c)\n\n| layer | params |\n|---|---|\n| conv1 | $520$ |\n| relu1 | 0 |\n"
              f"| pool1 | 0 |\n| conv2 | ${count}$ |\n| relu2 | 0 |\n| pool2 | 0 |\n| fc1 | $400{{,}}500$ |\n"
              "| fc2 | $5{,}010$ |\n| total | $431{,}080$ |\n")
    assert _full(grade_report_item(rubric, "p2.c", report)) is full


@pytest.mark.parametrize("struck, fixed, full", [
    ("[crossed out] =w_3⋅σ_2 (x_2)(1−σ_2 (x_2))⋅w_2⋅σ_1 (x_1)(1−σ_1 (x_1))",
     "=w_3⋅σ_2 (x_2)(1−σ_2 (x_2))⋅w_2⋅σ_1 (x_1)(1−σ_1 (x_1))⋅x     ← forgot the ∂x_1/∂w_1=x, fixed", True),
    ("=w_3⋅σ_2 (x_2)(1−σ_2 (x_2))⋅w_2⋅σ_1 (x_1)(1−σ_1 (x_1))⋅x",
     "[crossed out] =w_3⋅σ_2 (x_2)(1−σ_2 (x_2))⋅w_2⋅σ_1 (x_1)(1−σ_1 (x_1))", True),  # the wrong last line struck
    ("[crossed out] =w_3⋅σ_2 (x_2)(1−σ_2 (x_2))⋅w_2⋅σ_1 (x_1)(1−σ_1 (x_1))⋅x",
     "=w_3⋅σ_2 (x_2)(1−σ_2 (x_2))⋅w_2⋅σ_1 (x_1)(1−σ_1 (x_1))", False),
    ("[crossed out] =w_3⋅σ_2 (x_2)(1−σ_2 (x_2))⋅w_2⋅σ_1 (x_1)(1−σ_1 (x_1))⋅x",
     "=w_3⋅σ_2 (x_2)(1−σ_2 (x_2))⋅w_2⋅σ_1 (x_1)(1−σ_1 (x_1))     ← forgot the x, fixed below", False),
])
def test_a_line_exported_as_crossed_out_is_withdrawn(rubric, struck: str, fixed: str, full: bool) -> None:
    report = ("Problem 1\n\n(e)\n(∂f_w)/(∂w_1)=(∂f_w)/(∂σ_2 )⋅(∂σ_2)/(∂x_2 )⋅(∂x_2)/(∂σ_1 )⋅(∂σ_1)/(∂x_1 )⋅"
              f"(∂x_1)/(∂w_1 )\n{struck}\n{fixed}\n\n(f) …\n")
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "report.txt")) is full


@pytest.mark.parametrize("answer, full", [("σ2( w2 σl(wl x) )", True), ("σ2( wl σl(w2 x) )", False)])
def test_a_handwritten_one_read_as_l(rubric, answer: str, full: bool) -> None:
    report = ("Problem 1\n\nf_w(x) = w3 · σ2( w2 · σ1( w1 · x ) )\n\n(d) ∂f/∂w3 = σ2(x2) = " + answer
              + "\n\n(e) ∂f/∂w2 = w3 · σ2(x2)(1 - σ2(x2)) · σ1(x1)\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.txt")) is full


@pytest.mark.parametrize("count, full", [("25 \\ 050", True), ("25 \\ 500", False)])
def test_a_control_space_between_digit_groups_is_thousands(rubric, count: str, full: bool) -> None:
    report = ("## Problem 2\n\n### (c)\n\n| layer | parameters |\n|---|---|\n| conv1 | \\( 520 \\) |\n"
              f"| relu1, pool1 | 0 |\n| conv2 | \\( (5 \\cdot 5 \\cdot 20+1) \\cdot 50={count} \\) |\n"
              "| relu2, pool2 | 0 |\n| fc1 | \\( 400 \\ 500 \\) |\n| fc2 | \\( 5 \\ 010 \\) |\n| total | \\( 431 \\ 080 \\) |\n")
    assert _full(grade_report_item(rubric, "p2.c", report)) is full


@pytest.mark.parametrize("fc1, full", [("4,00,500", True), ("4,00,000", False)])
def test_a_tab_separated_table_headed_in_bengali(rubric, fc1: str, full: bool) -> None:
    report = ("Problem 2\n\n(গ) Parameter সংখ্যা (bias সহ)\n\n\tLayer\tহিসাব\tParameters\n"
              "\tconv1\t(5×5×1 + 1) × 20\t520\n\trelu1\t–\t0\n\tpool1\t–\t0\n\tconv2\t(5×5×20 + 1) × 50\t25,050\n"
              f"\trelu2\t–\t0\n\tpool2\t–\t0\n\tfc1\t(4×4×50 + 1) × 500\t{fc1}\n\tfc2\t(500 + 1) × 10\t5,010\n"
              "\tমোট\t\t4,31,080\n")
    assert _full(grade_report_item(rubric, "p2.c", report.replace("(গ)", "(c)"), "report.txt")) is full


@pytest.mark.parametrize("channels, full", [("20", True), ("50 ata? or 20", False), ("20 maybe? or 50", False)])
def test_a_value_asked_about_before_or_offers_two(rubric, channels: str, full: bool) -> None:
    report = f"## Problem 2\n\n### (b)\n\nFilter size: 5×5\n\nStride: 1\n\nChannel dimension: {channels}\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("depth, full", [("20", True), ("50", False)])
def test_a_filters_depth_in_serbian(rubric, depth: str, full: bool) -> None:
    report = ("## Problem 2\n\n### b)\n\nIz 12 × 12 × 20 treba dobiti 8 × 8 × 50: filter 5 × 5, korak (stride) 1, "
              f"dubina filtera (broj kanala) {depth}, bez paddinga, 50 filtera.\n")
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("between, full", [("--\n", True), ("", True)])
def test_an_empty_note_line_parts_two_derivations(rubric, between: str, full: bool) -> None:
    notes = "".join(f"-- note {k}\n" for k in range(6))
    report = (f"{notes}-- (e)\n--   df/dw2 = df/dsigma2 * dsigma2/dx2 * dx2/dw2\n"
              "--          = w3 * sigma2(x2)(1 - sigma2(x2)) * sigma1(x1)\n" + between
              + "--   df/dw1 = df/dsigma2 * dsigma2/dx2 * dx2/dsigma1 * dsigma1/dx1 * dx1/dw1\n"
              "--          = w3 * sigma2(x2)(1 - sigma2(x2)) * w2 * sigma1(x1)(1 - sigma1(x1)) * x\n-- (f) …\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", "Problem 1\n\n" + report, "report.txt")) is full


_TWO_W1 = ("\\frac{\\partial f_w}{\\partial w_1}=w_3\\sigma_2'(x_2)w_2\\sigma_1'(x_1)x      ... (A)\n\n"
           " hmm but when I did it on paper the first time I got\n\n"
           "\\frac{\\partial f_w}{\\partial w_1}=w_3\\sigma_2'(x_2)\\sigma_1'(x_1)x      ... (B)\n\n")


@pytest.mark.parametrize("between, doubt, full", [
    (_TWO_W1, "I asked a friend and he has (B). I'll leave both, I couldn't decide which is the one.", True),
    ("\\frac{\\partial f_w}{\\partial w_1}=w_3\\sigma_2'(x_2)w_2\\sigma_1'(x_1)x\n\n",
     "I'll leave both, I couldn't decide which is the one.", False),  # both: the two weights' answers
    (_TWO_W1, "I'll leave both, I couldn't decide which is the one for w_2 either.", False),
    ("", "I'll leave it, I couldn't decide.", False),
])
def test_indecision_after_the_other_weights_two_answers_is_about_them(rubric, between: str, doubt: str,
                                                                    full: bool) -> None:
    report = ("Problem 1\n\n(e)\n \\frac{\\partial f_w}{\\partial w_2}=w_3\\sigma_2'(x_2)\\sigma_1(x_1)\n\n for w_1:\n\n "
              + between + " " + doubt + "\n\n(f)\n …\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.txt")) is full


@pytest.mark.parametrize("first, full", [("2*(f(a)-ya)", True), ("2*(f(a)-yb)", False)])
def test_data_points_named_by_letters(rubric, first: str, full: bool) -> None:
    report = ("1f) L = (y1-f(x1))^2 + (y2-f(x2))^2\n    x1, x2 already mean w1*x and w2*s(x1), so to avoid the clash "
              "write the data as (a,ya),(b,yb):\n    L = (ya-f(a))^2 + (yb-f(b))^2\n\n"
              f"    grad L = {first}*[df(a)/dw1; df(a)/dw2; df(a)/dw3] + 2*(f(b)-yb)*[df(b)/dw1; df(b)/dw2; "
              "df(b)/dw3]\n\n    update: w <- w - alpha*grad L\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", "Problem 1\n\n" + report, "report.txt")) is full


@pytest.mark.parametrize("piece", [
    "25 \\ 0" * 3 + "[crossed out] " + "a" * 50 + "\n",
    "\tLayer\tহিসাব\tParameters\n" + "\tconv1\t" + "হি" * 40 + "\t520\n" * 3,
    "50 ataaaaaaaaaaaa? " * 20 + "or 20\n",
    "(a,ya) (b,yb) data " * 20 + "\n",
    "0{,}5{,}5{,}5{,}5{,}" * 10 + "\n",
    "--\n-- x\n" * 20,
])
def test_the_batch_90_readings_take_bounded_time_on_hostile_text(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece, size=30_000) < 20


@pytest.mark.parametrize("channels, full", [
    ("20", True), ("50, I mean 20", True), ("20, I mean 50", False), ("20, make that 50", False),
    ("20, or rather 50", False), ("20 hmm or 50", False), ("20, or is it 50? hmm", False), ("20? 50?", False),
    ("50 I guess? or 20", False), ("20 (I mean the input channels)", True),
])
def test_a_value_put_right_at_once_or_asked_twice(rubric, channels: str, full: bool) -> None:
    report = f"## Problem 2\n\n### (b)\n\nfilter size 5×5, stride 1, channel dimension: {channels}\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("said, full", [("通道 20", True), ("通道 20，不对，是 50", False), ("채널 20, 아니 50", False),
                                        ("dubina 20, mislim 50", False), ("глибина 20, точніше 50", False)])
def test_a_value_put_right_in_other_languages(rubric, said: str, full: bool) -> None:
    report = f"## Problem 2\n\n### (b)\n\nfilter 5×5, stride 1, {said}\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("words, w2_full, w1_full", [
    ("The derivative by the middle weight should have $\\sigma_1(x_1)(1-\\sigma_1(x_1))$ at the end instead.",
     False, True),
    ("For the middle weight I could not decide, maybe it has one more factor.", False, True),
    ("", True, True),
])
def test_words_about_the_middle_weight(rubric, words: str, w2_full: bool, w1_full: bool) -> None:
    report = ("## Problem 1\n\n## (e)\n\n$$\\frac{\\partial f}{\\partial w_2} = w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))"
              "\\,\\sigma_1(x_1)$$\n\n$$\\frac{\\partial f}{\\partial w_1} = w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2"
              "\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x$$\n\n" + words + "\n\n## (f)\n\n…\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report)) is w2_full
    assert _full(grade_report_item(rubric, "p1.e.w1", report)) is w1_full


@pytest.mark.parametrize("last, full", [("w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)", True),
                                        ("w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))", False)])
def test_a_final_tables_formula_with_its_value(rubric, last: str, full: bool) -> None:
    report = ("\\section*{Aufgabe 1}\n\\subsection*{(e)}\n\\begin{align*}\n\\frac{\\partial f}{\\partial w_2} &= "
              "w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)\n\\end{align*}\n\\paragraph{Endergebnisse}\n"
              "\\begin{tabular}{lll}\n Ableitung & Endergebnis & Wert \\\\ \\hline\n $\\partial f/\\partial w_2$ & $"
              + last + "$ & $0{,}2194$ \\\\\n\\end{tabular}\n\\subsection*{(f)}\n…\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.tex")) is full


def test_indecision_lines_take_bounded_time(rubric) -> None:
    import time

    report = ("## Problem 1\n\n## (e)\n\n$$\\frac{\\partial f}{\\partial w_2} = w_3\\sigma_2'(x_2)\\sigma_1(x_1)$$\n\n"
              "$$\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2'(x_2)w_2\\sigma_1'(x_1)x$$\n\n" + "$t$\n" * 3700
              + "50/50\n" * 2400 + "\n## (f)\n\n…\n")
    start = time.perf_counter()
    grade_report_item(rubric, "p1.e.w2", report)
    assert time.perf_counter() - start < 20
