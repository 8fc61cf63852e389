"""Readings mended in the session of batch 104 (numeric checks beside formulas, …): each with a twin it must not
pass, and each new pattern read in bounded time on hostile text.
"""
from __future__ import annotations

import time

import pytest

from tests.helpers import grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


_W2 = "w_3\\,\\sigma'(x_2)\\,\\sigma(x_1)"


@pytest.mark.parametrize("tail", [" = 2 \\cdot 0.2273 \\cdot 0.6225 \\approx 0.2830", " approx 0.2830",
                                  " = 2 \\cdot 0.2273 \\cdot 0.6225 = 0.2830", " \\approx 0.2830"])
@pytest.mark.parametrize("formula, full", [(_W2, True), ("w_3\\,\\sigma(x_2)\\,\\sigma(x_1)", False)])
def test_a_formula_worked_out_in_numbers_after_it_is_graded_as_the_formula(rubric, tail: str, formula: str,
                                                                           full: bool) -> None:
    report = f"## Problem 1\n\n**(e)** $\\frac{{\\partial f}}{{\\partial w_2}} = {formula}{tail}$\n"
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.md")) is full


def test_numbers_alone_after_the_name_are_no_formula(rubric) -> None:  # type: ignore[no-untyped-def]
    report = "## Problem 1\n\n**(e)** $\\frac{\\partial f}{\\partial w_2} = 2 \\cdot 0.2273 \\cdot 0.6225 = 0.2830$\n"
    assert not _full(grade_report_item(rubric, "p1.e.w2", report, "report.md"))


# --- words of East Africa, the Pacific and the Andes -----------------------------------------------------------------

@pytest.mark.parametrize("problem, part", [("Su'aalka 2", "Qaybta"), ("Tanong 2", "Bahagi"), ("Swali 2", "Sehemu"),
                                           ("Pregunta 2", "literal"), ("Fesili 2", "Vaega"), ("Ikibazo 2", "Igice")])
@pytest.mark.parametrize("stride, full", [("1", True), ("2", False)])
def test_problem_and_part_words_of_more_languages(rubric, problem: str, part: str, stride: str, full: bool) -> None:
    report = (f"## {problem}\n\n{part} a) 28x28, 5x5x1x20, 24x24x20, 12x12x20\n\n"
              f"{part} b) filter 5x5, stride {stride}, channels 20\n")
    assert _full(grade_report_item(rubric, "p2.b", report, "report.md")) is full


@pytest.mark.parametrize("word", ["Wadarta", "Waliigala", "Igiteranyo", "Omugatte", "ድምር", "Aofaʻi", "Fakakātoa",
                                  "Huina", "Fitambarany", "Kinatibuk-an", "**Aofa'i**", "Kece", "ጠቕላላ", "Taqi",
                                  "Llapan", "tukuy", "nochi"])
@pytest.mark.parametrize("total, full", [("431 080", True), ("431 070", False)])
def test_total_words_of_more_languages(rubric, word: str, total: str, full: bool) -> None:
    report = ("## Problem 2\n\n**(c)** conv1: 520, relu1: 0, pool1: 0, conv2: 25 050, relu2: 0, pool2: 0, "
              f"fc1: 400 500, fc2: 5 010.\n\n{word}: {total}\n")
    assert _full(grade_report_item(rubric, "p2.c", report, "report.md")) is full
    table = ("## Problem 2\n\n**(c)**\n\n| layer | params |\n|---|---|\n| conv1 | 520 |\n| relu1 | 0 |\n| pool1 | 0 |\n"
             "| conv2 | 25 050 |\n| relu2 | 0 |\n| pool2 | 0 |\n| fc1 | 400 500 |\n| fc2 | 5 010 |\n"
             f"| {word} | {total} |\n")
    assert _full(grade_report_item(rubric, "p2.c", table, "report.md")) is full
    assert _full(grade_report_item(rubric, "p2.c", report, "report.md")) is full


# --- shapes as deep-learning code prints them ------------------------------------------------------------------------

@pytest.mark.parametrize("shape", ["({n}, {c}, {h}, {h})", "[{n}, {c}, {h}, {h}]", "({n}, {h}, {h}, {c})"])
@pytest.mark.parametrize("n", ["1", "64"])
@pytest.mark.parametrize("conv, full", [(("20", "24"), True), (("20", "25"), False), (("50", "24"), False)])
def test_a_batch_of_maps_is_read_as_its_maps(rubric, shape: str, n: str, conv: tuple[str, str], full: bool) -> None:
    def at(c: str, h: str) -> str:
        return shape.format(n=n, c=c, h=h)

    report = (f"## Problem 2\n\n**(a)** Input: {at('1', '28')}. conv1 weight: `[20, 1, 5, 5]`. "
              f"After conv1: {at(*conv)}, after pool: {at('20', '12')}.\n")
    assert _full(grade_report_item(rubric, "p2.a", report, "report.md")) is full


# --- a table of contents as a list of titles -------------------------------------------------------------------------

@pytest.mark.parametrize("head", ["### Índice", "## Contents", "**Table of Contents**", "目录"])
@pytest.mark.parametrize("total, full", [("431 080", True), ("431 070", False)])
def test_a_list_of_titles_under_a_contents_heading_opens_no_part(rubric, head: str, total: str, full: bool) -> None:
    report = (f"# Informe\n\n{head}\n1. Problem 1 — Back propagation\n2. Problem 2 — MNIST\n3. Código y resultados\n\n"
              "## 1. Problem 1\n\n(d) $\\sigma(w_2\\sigma(w_1x))$\n\n## 2. Problem 2 — MNIST\n\n### 2.c Parámetros\n\n"
              "| Capa | Total |\n|---|---|\n| conv1 | 520 |\n| relu1 | 0 |\n| pool1 | 0 |\n| conv2 | 25 050 |\n"
              f"| relu2 | 0 |\n| pool2 | 0 |\n| fc1 | 400 500 |\n| fc2 | 5 010 |\n| **Total** | **{total}** |\n\n"
              "## 3. Código y resultados\n\nAccuracy 99.1 %\n")
    assert _full(grade_report_item(rubric, "p2.c", report, "report.md")) is full


@pytest.mark.parametrize("said, status", [("filtra 50 no ilaina", "review"), ("filter 5", "pass"),
                                          ("filter 7", "fail")])
def test_a_lone_number_far_above_a_side_is_a_count_not_a_square(rubric, said: str, status: str) -> None:
    report = f"## Problem 2\n\n(b) Valiny: {said}, stride S = 1, channel = 20\n"
    assert grade_report_item(rubric, "p2.b", report, "report.txt").status in ((status, "partial") if status == "fail"
                                                                              else (status,))


@pytest.mark.parametrize("word", ["Answer", "Sagot", "Jibu", "Respuesta", "Valiny", "Isau", "Deebii", "Kutichiy",
                                  "መልስ"])
@pytest.mark.parametrize("answer, full", [("σ2(x2)", True), ("σ2(x2)(1 − σ2(x2))", False)])
def test_a_bare_formula_after_an_answer_word_is_the_answer(rubric, word: str, answer: str, full: bool) -> None:
    report = (f"**Tanong 1**\n\nx1 = w1x, x2 = w2σ1(x1), f = w3σ2(x2)\n\n(d) {word}: {answer}\n\n"
              f"(e) {word}:\n  ∂f/∂w2 = w3 σ2(x2)(1 − σ2(x2)) σ1(x1)\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.md")) is full


@pytest.mark.parametrize("d, full", [("sigma2(x2)", True), ("sigma2(x2)(1 - sigma2(x2))", False)])
def test_fijian_question_and_part_words(rubric, d: str, full: bool) -> None:
    report = (f"TARO 1.  BACK PROPAGATION\n\n  Tiki (d)   Isau:  df/dw3 = {d}\n\n"
              "TARO 2.  MNIST\n\n  Tiki (a)  input 28 x 28\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.txt")) is full


@pytest.mark.parametrize("line", ["5×5, stride 1, channel dim 20, 50 filters",
                                  "Kutichiy: 5×5, stride 1, 20 canales de entrada, 50 filtros."])
@pytest.mark.parametrize("size, full", [("5×5", True), ("7×7", False)])
def test_a_count_of_filters_after_the_answers_in_order_is_no_filter_size(rubric, line: str, size: str,
                                                                         full: bool) -> None:
    report = f"## Problem 2\n\n**(b)** {line.replace('5×5', size)}\n"
    assert _full(grade_report_item(rubric, "p2.b", report, "report.md")) is full


@pytest.mark.parametrize("said", ["(x1,y1),(x2,y2) are the 2 data pts here", "(x1, y1) and (x2, y2) are the two "
                                                                               "observations"])
@pytest.mark.parametrize("grad, full", [("2(f(x1)-y1)*df(x1)/dw + 2(f(x2)-y2)*df(x2)/dw", True),
                                        ("2(f(x1)-y1)*df(x1)/dw", False)])
def test_points_said_in_words_read_x1_as_the_data_point(rubric, said: str, grad: str, full: bool) -> None:
    report = ("Problem 1\n\n(e) with x1 = w1 x, x2 = w2 s1(x1)\n\n"
              f" Vaega (f)\n    L = (y1 - f(x1))^2 + (y2 - f(x2))^2        <- {said}\n    dL/dw = {grad}\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report, "report.txt")) is full


# --- struck values, and a printout that says other than the words ---------------------------------------------------

@pytest.mark.parametrize("struck", ["~~{v}~~", "~{v}~", "$\\cancel{{{v}}}$", "$\\xcancel{{{v}}}$", "<del>{v}</del>",
                                    "<s>{v}</s>", "\\sout{{{v}}}"])
@pytest.mark.parametrize("old, new, full", [("2", "1", True), ("1", "2", False)])
def test_a_struck_value_is_withdrawn(rubric, struck: str, old: str, new: str, full: bool) -> None:
    report = f"## Problem 2\n\n**(b)** filter 5×5, stride = {struck.format(v=old)} {new}, channel dimension 20\n"
    assert _full(grade_report_item(rubric, "p2.b", report, "report.md")) is full


@pytest.mark.parametrize("report, name", [
    ("## Problem 2\n\n**(b)** filter 5×5, stride ~1 (approx), padding ~0, channel dimension 20\n", "report.md"),
    ("\\section*{Problem 2}\n(b) filtre \\(5 \\times 5\\)~; stride \\(1\\)~; canaux \\(20\\)~;\n", "report.tex")])
def test_a_tilde_for_about_or_a_tie_strikes_nothing(rubric, report: str, name: str) -> None:
    assert _full(grade_report_item(rubric, "p2.b", report, name))


_SUMMARY = ("```\n        Layer (type)               Output Shape         Param #\n"
            "================================================================\n"
            "            Conv2d-1           [-1, 20, 24, 24]             520\n"
            "              ReLU-2           [-1, 20, 24, 24]               0\n"
            "         MaxPool2d-3           [-1, 20, 12, 12]               0\n"
            "            Conv2d-4             [-1, 50, 8, 8]          25,050\n"
            "              ReLU-5             [-1, 50, 8, 8]               0\n"
            "         MaxPool2d-6             [-1, 50, 4, 4]               0\n"
            "            Linear-7                  [-1, 500]         400,500\n"
            "            Linear-9                   [-1, 10]           5,010\n"
            "================================================================\n"
            "Total params: 431,080\nTrainable params: 431,080\n```\n")


@pytest.mark.parametrize("words, full", [
    ("- conv1: 5·5·1·20 = 500 weights\n- relu1, pool1: 0\n- conv2: 5·5·20·50 = 25,000 weights\n- relu2, pool2: 0\n"
     "- fc1: 800·500 = 400,000 weights\n- fc2: 500·10 = 5,000 weights\n\nTotal: 430,500 weights.\n", False),
    ("- conv1: 520\n- relu1, pool1: 0\n- conv2: 25,050\n- relu2, pool2: 0\n- fc1: 400,500\n- fc2: 5,010\n\n"
     "Total: 431,080.\n", True)])
def test_a_pasted_summary_never_outranks_the_students_words(rubric, words: str, full: bool) -> None:
    report = f"## Problem 2\n\n**(c)** Counting each layer:\n\n{words}\nTo check I ran torchsummary:\n\n{_SUMMARY}"
    assert _full(grade_report_item(rubric, "p2.c", report, "report.md")) is full


def test_struck_marks_are_read_in_bounded_time() -> None:
    from grader.reading.plain import plain

    start = time.perf_counter()
    for hostile in ("<s>" * 100_000, "~a" * 100_000, " ~1" * 100_000, "\\cancel{" * 50_000, "~~a" * 100_000):
        plain(hostile)
    assert time.perf_counter() - start < 10.0


@pytest.mark.parametrize("kept, other, full", [("430,080", "431,080", False), ("431,080", "430,080", True)])
def test_what_follows_although_is_set_aside_not_the_correction(rubric, kept: str, other: str, full: bool) -> None:
    report = ("## Problem 2\n\n**(c)** conv1: 520, relu1: 0, pool1: 0, conv2: 25,050, relu2: 0, pool2: 0, "
              f"fc1: 400,500, fc2: 5,010. Total: {kept}.\n\nUpdate (Sunday night): I keep {kept} as my answer "
              f"although torchsummary prints {other}.\n")
    assert _full(grade_report_item(rubric, "p2.c", report, "report.md")) is full


@pytest.mark.parametrize("words, full", [("and I add two rows and columns of zeros around each 12×12 map", False),
                                         ("with a border of zeros", False), ("no zeros around the map", True)])
def test_padding_said_as_zeros_around_the_map(rubric, words: str, full: bool) -> None:
    report = f"## Problem 2\n\n**(b)** filter size 5×5, stride 1, channel dimension 20, {words}.\n"
    assert _full(grade_report_item(rubric, "p2.b", report, "report.md")) is full


@pytest.mark.parametrize("head", ["**(c) Final check** *(from the handout: run the cell below)*",
                                  "**(c) revised architecture (extra credit, not the handout's network):**"])
def test_a_part_said_again_for_something_else_replaces_no_answer(rubric, head: str) -> None:
    report = ("## Problem 2\n\n**(c)** conv1: 500, relu1: 0, pool1: 0, conv2: 25,000, relu2: 0, pool2: 0, "
              f"fc1: 400,000, fc2: 5,000. Total: 430,500.\n\n{head}\n\n{_SUMMARY}")
    assert not _full(grade_report_item(rubric, "p2.c", report, "report.md"))


# --- LaTeX's notes read as the remarks they are ----------------------------------------------------------------------

_TEX_E = ("\\section*{Problem 1}\n\\paragraph{(e)}\n"
          "\\[ \\frac{\\partial f_w}{\\partial w_2} = w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1) \\]\n"
          "\\[ \\frac{\\partial f_w}{\\partial w_1} = w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)"
          "(1-\\sigma_1(x_1))\\,x \\]\n")


@pytest.mark.parametrize("note, changed", [
    ("The last factor is $\\partial x_1/\\partial w_1$.\\footnote{On second thought this factor $x$ should not be "
     "there, so my final answer for $\\partial f_w/\\partial w_1$ is the line above without the $x$.}", "p1.e.w1"),
    ("\\emph{Actually}, for $w_2$ the last factor is the derivative $\\sigma_1'(x_1)$ and not $\\sigma_1(x_1)$.",
     "p1.e.w2"),
    ("\\marginpar{\\footnotesize Correction: for $w_2$ the last factor is the derivative of $\\sigma_1$, not "
     "$\\sigma_1$ itself.}", "p1.e.w2")])
@pytest.mark.parametrize("item", ["p1.e.w2", "p1.e.w1"])
def test_a_latex_note_that_corrects_one_item_reaches_that_item(rubric, note: str, changed: str, item: str) -> None:
    result = grade_report_item(rubric, item, _TEX_E + note + "\n\\paragraph{(f)} nothing\n", "report.tex")
    assert _full(result) is (item != changed)


@pytest.mark.parametrize("quote, full", [('"$\\sigma\'(x)=\\sigma(x)(1-\\sigma(x))$"', True),
                                         ("$\\sigma'(x)=\\sigma(x)(1+\\sigma(x))$", False)])
def test_a_books_formula_in_quotation_marks_is_no_later_answer(rubric, quote: str, full: bool) -> None:
    report = ("## Problem 1\n\n### (b)\n\n(ii) $$\\frac{d\\sigma_1}{du} = \\sigma_1(u)(1-\\sigma_1(u))$$\n\n"
              "Since $\\sigma_1'(x_1) = h_1(1-h_1)$ it is cheap.\n\n## Appendix B — comparison with the textbook\n\n"
              "| quantity | this report | Goodfellow et al. | agree? |\n|---|---|---|---|\n"
              f"| $\\sigma'$ | $\\sigma(1-\\sigma)$ | eq. (3.30) {quote} | ✓ |\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "report.md")) is full


# --- bare formulas named by the words over them ----------------------------------------------------------------------

_W2S = "$$w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)$$"
_W1S = "$$w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x$$"


@pytest.mark.parametrize("part, full", [
    (f"For $w_1$:\n\n{_W1S}\n\nFor $w_2$:\n\n{_W2S}\n", True),  # the words name each
    (f"For $w_1$:\n\n{_W2S}\n\nFor $w_2$:\n\n{_W1S}\n", False),  # the formulas swapped under their words
    (f"The derivatives with respect to $w_1$ and $w_2$ are, respectively,\n\n{_W1S}\n\n{_W2S}\n", True),
    (f"I give $\\partial f_w/\\partial w_1$ first, then $\\partial f_w/\\partial w_2$:\n\n{_W1S}\n\n{_W2S}\n", True),
    (f"I give $\\partial f_w/\\partial w_1$ first, then $\\partial f_w/\\partial w_2$:\n\n{_W2S}\n\n{_W1S}\n", False),
    (f"\n{_W2S}\n\n{_W1S}\n", True)])  # no words: the order the part asks in
@pytest.mark.parametrize("item", ["p1.e.w2", "p1.e.w1"])
def test_bare_formulas_are_read_by_the_words_that_name_them(rubric, part: str, full: bool, item: str) -> None:
    report = f"## Problem 1\n\n**(e)** {part}\n**(f)** nothing\n"
    assert _full(grade_report_item(rubric, item, report, "report.md")) is full


# --- words after an answer that keep it to part of its domain, its data or its weights ---------------------------

_UPDATE = ("**(f)** $\\nabla_w L = \\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\\nabla_w f_w(x^i)$\n\n"
           "Update: $w \\leftarrow w - \\alpha\\nabla_w L$")


_B_II = "**(b)** (ii) $\\frac{d\\sigma_1}{du} = \\sigma_1(u)(1-\\sigma_1(u))$"


@pytest.mark.parametrize("item, report, full", [
    ("p1.b.ii", f"{_B_II} for $u > 0$, and $0$ for $u \\le 0$.", False),
    ("p1.b.ii", f"{_B_II} for all $u$.", True),
    ("p1.d", "**(d)** $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$ por $w_3$, porque la salida escala.",
     False),
    ("p1.d", "**(d)** $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$ por la regla de la cadena.", True),
    ("p1.f.update", f"{_UPDATE}, where at each step $\\nabla_w L$ is computed on one pair $(x^i, y^i)$ picked at "
                    "random from $D$.", False),
    ("p1.f.update", f"{_UPDATE}, applied to $w_1$ and $w_2$ only; $w_3$ is kept fixed.", False),
    ("p1.f.update", f"{_UPDATE}, where the gradient is evaluated at the new weights.", False),
    ("p1.f.update", f"{_UPDATE}, with $\\alpha$ the step size.", True),
    ("p1.f.grad", "**(f)** $\\nabla_w L = \\sum_{i} 2(f_w(x^i)-y^i)\\nabla_w f_w(x^i)$, where the sum only runs over "
                  "the pairs of $D$ whose error is above 0.1.", False)])
def test_words_that_restrict_an_answer_send_it_to_a_person(rubric, item: str, report: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, item, f"## Problem 1\n\n{report}\n", "report.md")) is full


@pytest.mark.parametrize("piece", ["and 0 for " * 3, "sum only runs over ", "por ", "the last x replaced by ",
                                   "computed on one pair ", "For $w_1$:\n\n$$w_3$$\n\n", "respectively, "])
def test_batch_104_patterns_are_bounded_on_hostile_text(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece, 40_000) < 20.0


# --- what the rendered page hides, and definitions said in words -------------------------------------------------

_W1_NO_W2 = "w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x"


@pytest.mark.parametrize("hidden", [
    "```{r derivs, include=FALSE}\ndf_dw1 <- function(w1, w2, w3, x) w3*s(w2*s(w1*x))*(1-s(w2*s(w1*x)))*w2*s(w1*x)*"
    "(1-s(w1*x))*x\n```\n",
    "```{python}\n#| include: false\ndf_dw1 = w3 * s(x2) * (1 - s(x2)) * w2 * s(x1) * (1 - s(x1)) * x\n```\n",
    "::: {.content-hidden}\n$$\\frac{\\partial f_w}{\\partial w_1} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2"
    "\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x$$\n:::\n"])
def test_what_a_rendered_notebook_hides_answers_nothing(rubric, hidden: str) -> None:
    report = (f"## Problem 1\n\n**(e)** $\\frac{{\\partial f_w}}{{\\partial w_1}} = {_W1_NO_W2}$\n\n{hidden}\n"
              "**(f)** nothing\n")
    assert not _full(grade_report_item(rubric, "p1.e.w1", report, "report.qmd"))


@pytest.mark.parametrize("said, full", [("$x_2$ is $w_2 x_1$", False), ("$x_2$ is $w_2\\sigma_1(x_1)$", True),
                                        ("$x_2$ stands for $w_2 x_1$", False)])
def test_a_definition_said_in_words_is_the_students_notation(rubric, said: str, full: bool) -> None:
    report = (f"## Problem 1\n\nIn my notation $x_1$ is $w_1 x$ and {said}, and $f_w(x) = w_3\\sigma_2(x_2)$.\n\n"
              "**(d)** $\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.md")) is full


@pytest.mark.parametrize("form, full", [("\\frac{w_3\\,\\sigma_1(x_1)}{4\\cosh^2(x_2/2)}", True),
                                        ("\\frac{w_3\\,\\sigma_1(x_1)}{2\\cosh^2(x_2/2)}", False),
                                        ("\\frac{w_3\\,\\sigma_1(x_1)}{4\\cosh(x_2/2)^2}", True),
                                        ("w3 sigma1(x1) / (4 cosh(x2/2)^2)", True)])
def test_the_sigmoids_hyperbolic_identities_are_read(rubric, form: str, full: bool) -> None:
    report = f"## Problem 1\n\n**(e)** $$\\frac{{\\partial f}}{{\\partial w_2}} = {form}$$\n"
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.md")) is full


@pytest.mark.parametrize("tail", ["\\approx 0.2830\\ [0.2830]", "\\approx 0.2830 \\quad (\\text{FD } 0.2830)"])
@pytest.mark.parametrize("formula, full", [("w_3\\,\\sigma'(x_2)\\,\\sigma(x_1)", True),
                                           ("w_3\\,\\sigma(x_2)\\,\\sigma(x_1)", False)])
def test_a_checks_value_beside_the_approximation_is_left_out(rubric, tail: str, formula: str, full: bool) -> None:
    report = f"## Problem 1\n\n**(e)** $\\frac{{\\partial f}}{{\\partial w_2}} = {formula} {tail}$\n"
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.md")) is full


def test_words_about_a_function_are_no_definition(rubric) -> None:  # type: ignore[no-untyped-def]
    report = ("## Problem 1\n\n**(d)** upstream grad at $\\sigma_2$ is $w_3$, local grad of $x_2 = w_2\\sigma_1(x_1)$ "
              "w.r.t. $w_2$ is $\\sigma_1(x_1)$:\n\n$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.md"))


@pytest.mark.parametrize("stride, full", [("(1, 1)", True), ("(2, 2)", False), ("(1, 2)", False)])
def test_a_stride_said_for_both_directions(rubric, stride: str, full: bool) -> None:
    report = (f"## Problem 2\n\n**(b)** conv2: `kernel_size=(5, 5)`, `stride={stride}`, `in_channels=20` (and "
              "`out_channels=50`), `padding=0`\n")
    assert _full(grade_report_item(rubric, "p2.b", report, "report.md")) is full


@pytest.mark.parametrize("bias, full", [("20", True), ("10", False)])
def test_a_count_given_with_its_parts_is_their_sum(rubric, bias: str, full: bool) -> None:
    rows = [("conv1", "500", bias, "520"), ("conv2", "25000", "50", "25050"), ("fc1", "400000", "500", "400500"),
            ("fc2", "5000", "10", "5010")]
    table = "".join(f"| {n}.weight | {w} |\n| {n}.bias | {b} |\n| {n} | {t} |\n" for n, w, b, t in rows)
    report = ("## Problem 2\n\n**(c)**\n\n| layer | params |\n|---|---|\n" + table
              + "| relu1, pool1, relu2, pool2 | 0 |\n| total | 431080 |\n")
    assert _full(grade_report_item(rubric, "p2.c", report, "report.md")) is full


@pytest.mark.parametrize("d, full", [("\\sigma_2(w_2\\sigma_1(w_1x))", True), ("\\sigma_2(w_1\\sigma_1(w_2x))", False)])
def test_mathjax_2_scripts_are_read_once(rubric, d: str, full: bool) -> None:
    report = ("<html><head><script src='MathJax.js'></script></head><body><h2>Problem 1</h2>"
              "<p><span class='MathJax_Preview'>x_2 = w_2 x</span>"
              "<script type='math/tex'>x_2 = w_2\\sigma_1(x_1)</script></p><p><strong>(d)</strong></p>"
              "<div class='mathjax-block'><script type='math/tex; mode=display'>"
              f"\\frac{{\\partial f_w}}{{\\partial w_3}} = {d}</script></div></body></html>")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.html")) is full


@pytest.mark.parametrize("w2, full", [("w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)", True),
                                      ("w_3\\,\\sigma_2(x_2)\\,\\sigma_1(x_1)", False)])
def test_a_check_tables_error_column_in_scientific_notation_is_no_answer(rubric, w2: str, full: bool) -> None:
    report = ("\\section*{Problem 1}\n\\subsection*{(e)}\n\\[ \\frac{\\partial f_w}{\\partial w_2} = " + w2 + " \\]\n"
              "\\begin{tabular}{lccc}\n & analytic & central difference & abs. error\\\\\n"
              "$\\partial f/\\partial w_2$ & $-0.171057019$ & $-0.171057019$ & $7.2e-12$ \\\\\n\\end{tabular}\n"
              "\\subsection*{(f)} nothing\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.tex")) is full


@pytest.mark.parametrize("tick", ["\\ ✓", " \\checkmark", " ✔"])
@pytest.mark.parametrize("formula, full", [("w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)", True),
                                           ("w_3\\,\\sigma_2(x_2)\\,\\sigma_1(x_1)", False)])
def test_a_ticked_check_after_the_formula_is_left_out(rubric, tick: str, formula: str, full: bool) -> None:
    report = f"## Problem 1\n\n**(e)**\n\n$$\\frac{{\\partial f_w}}{{\\partial w_2}} = {formula} = 0.082114{tick}$$\n"
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.md")) is full


@pytest.mark.parametrize("k, full", [("w2*sigmoid(h)", True), ("w1*sigmoid(h)", False)])
def test_a_definition_with_an_aside_in_words_after_it(rubric, k: str, full: bool) -> None:
    report = (f"Su'aalka 1\n\nQeexid: h = w1*x (x1 su'aasha), k = {k} (x2 su'aasha), s() = sigmoid\n\n"
              "(d) df/dw3 = s(k)\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.txt")) is full


@pytest.mark.parametrize("size, full", [("5×5", True), ("3×3", False)])
def test_the_questions_sizes_as_code_prints_them_answer_nothing(rubric, size: str, full: bool) -> None:
    report = (f"## Problem 2\n\n**(b)** conv2: 卷积核大小 {size}，步长 stride = 1，通道数 20（共 50 个卷积核），"
              "无 padding。(12−5)/1+1 = 8 → `[B, 50, 8, 8]`，池化后 `[B, 50, 4, 4]`。\n")
    assert _full(grade_report_item(rubric, "p2.b", report, "report.md")) is full


def test_zero_for_the_layers_without_parameters_restricts_nothing(rubric) -> None:  # type: ignore[no-untyped-def]
    report = ("## Problem 2\n\n## (c)\n\nThis gives conv1 = 520, conv2 = 25050, fc1 = 400500, fc2 = 5010 and 0 for the "
              "ReLU and pooling layers; in total **431080** parameters.\n")
    assert "another answer" not in grade_report_item(rubric, "p2.c", report, "report.md").feedback


@pytest.mark.parametrize("form, full", [("(1 - \\tanh^2(u/2))/4", False),
                                        ("\\frac{e^{-u}}{(1+e^{-u})^2} = \\frac{1}{4\\cosh^2(u/2)}", True)])
def test_the_exp_form_asked_is_not_a_hyperbolic_one(rubric, form: str, full: bool) -> None:
    report = f"## Problem 1\n\n**(b)** (i) $$\\frac{{d\\sigma}}{{du}} = {form}$$\n"
    assert _full(grade_report_item(rubric, "p1.b.i", report, "report.md")) is full


def test_a_weight_named_after_a_preposition_is_not_defined(rubric) -> None:  # type: ignore[no-untyped-def]
    report = ("## Problem 1\n\n**(d)** $$\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$$\n\n**(f)** Note that, "
              "where by (d) the derivative of $f_w$ with respect to $w_3$ is $\\sigma_2'(x_2)$, the gradient …\n")
    assert not _full(grade_report_item(rubric, "p1.d", report, "report.md"))


# --- weights renamed: one letter each, or counted from 0 ------------------------------------------------------------

_RENAMED = ("## Problem 1\n\nWeights $a, b, c$, activation $\\phi$, output $o$.\n\n"
            "$$\\phi(u) = \\frac{{1}}{{1+e^{{-u}}}}$$\n\n"
            "$$p = a\\,x,\\quad q = b\\,\\phi(p),\\quad o(x) = c\\,\\phi(q)$$\n\n### (d)\n\n"
            "$$\\frac{{\\partial o}}{{\\partial c}} = {d}$$\n\n### (e)\n\n"
            "$$\\frac{{\\partial o}}{{\\partial b}} = {e}$$\n")


@pytest.mark.parametrize("d, e, full", [
    ("\\phi(q)", "c\\,\\phi(q)(1-\\phi(q))\\,\\phi(p)", True),
    ("\\phi(p)", "c\\,\\phi(q)(1-\\phi(q))\\,\\phi(p)", False),
    ("\\phi(q)", "c\\,\\phi(q)(1-\\phi(q))\\,\\phi(q)", False)])
def test_weights_renamed_one_letter_each(rubric, d: str, e: str, full: bool) -> None:
    report = _RENAMED.format(d=d, e=e)
    results = [grade_report_item(rubric, item, report, "report.md") for item in ("p1.d", "p1.e.w2")]
    assert all(_full(r) for r in results) is full


@pytest.mark.parametrize("d, full", [("\\sigma(w_1\\,\\sigma(w_0 x))", True), ("\\sigma(w_0\\,\\sigma(w_1 x))", False)])
def test_weights_counted_from_zero(rubric, d: str, full: bool) -> None:
    report = ("## Problem 1\n\nI index from 0: $z_0 = w_0 x$, $a_0 = \\sigma(z_0)$, $z_1 = w_1 a_0$, "
              "$a_1 = \\sigma(z_1)$, $f = w_2 a_1$.\n\n### (d)\n\n"
              f"$\\frac{{\\partial f}}{{\\partial w_2}} = {d}$\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.md")) is full


@pytest.mark.parametrize("lead, full", [("The update, with $w_1$ held constant (the first layer is trained):", False),
                                        ("The update, for all three weights at once:", True)])
def test_a_restriction_in_the_words_leading_to_the_update(rubric, lead: str, full: bool) -> None:
    report = ("## Problem 1\n\n**(f)** $\\nabla_w L = \\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\\nabla_w f_w(x^i)$\n\n"
              f"{lead}\n\n$$w \\leftarrow w - \\alpha\\,\\nabla_w L$$\n")
    assert _full(grade_report_item(rubric, "p1.f.update", report, "report.md")) is full


@pytest.mark.parametrize("words", ["$w_3$ stays frozen, only $w_1$ and $w_2$ move",
                                   "the weights change once per data pair",
                                   "with $\\nabla L$ taken at the previous iterate",
                                   "of each component only its sign is used"])
def test_more_words_that_restrict_the_update(rubric, words: str) -> None:
    report = ("## Problem 1\n\n**(f)** $\\nabla_w L = \\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\\nabla_w f_w(x^i)$\n\n"
              f"Update: $w \\leftarrow w - \\alpha\\nabla_w L$, where {words}.\n")
    assert not _full(grade_report_item(rubric, "p1.f.update", report, "report.md"))


@pytest.mark.parametrize("said, full", [("$a$ is $\\sigma_2(x_2)$ multiplied by $w_3$", False),
                                        ("$x_1$ is $w_1$ times the input $x$", True)])
def test_a_definition_in_words_that_goes_on_after_the_formula_is_none(rubric, said: str, full: bool) -> None:
    report = (f"## Problem 1\n\nIn my notation {said}.\n\n**(d)** $\\frac{{\\partial f_w}}{{\\partial w_3}} = "
              + ("a$\n" if said.startswith("$a$") else "\\sigma_2(x_2)$\n"))
    assert _full(grade_report_item(rubric, "p1.d", report, "report.md")) is full


@pytest.mark.parametrize("shape, full", [("(64, 20, 24, 24)", True), ("64×20×24×24 (a batch)", True),
                                         ("5×24×24×20", False), ("20×24×24×20", False)])
def test_only_a_shape_written_as_a_program_prints_it_has_a_batch(rubric, shape: str, full: bool) -> None:
    report = (f"## Problem 2\n\n**(a)** input 28×28; filter 5×5×1×20; after conv1: {shape}; after pooling 12×12×20\n")
    assert _full(grade_report_item(rubric, "p2.a", report, "report.md")) is full


@pytest.mark.parametrize("words", ["I add one zero row and one zero column on each side", "with a 1-pixel zero frame",
                                   "the input is kept the same size by zero filling at the borders"])
def test_padding_said_by_what_it_does(rubric, words: str) -> None:
    report = f"## Problem 2\n\n**(b)** filter size 5×5, stride 1, channel dimension 20; {words}.\n"
    assert not _full(grade_report_item(rubric, "p2.b", report, "report.md"))


@pytest.mark.parametrize("line, full", [("- $S$ for $\\sigma_1=\\sigma_2$", True), ("- $S$ := $\\sigma$", True),
                                        ("Here $S$ for $\\exp$ is unusual", False)])
def test_names_listed_with_a_sign_or_for_are_definitions(rubric, line: str, full: bool) -> None:
    report = (f"## 1\n\nI renamed:\n\n{line}\n\n### d)\n\n$$\\frac{{\\partial f}}{{\\partial w_3}} = "
              "S(w_2 S(w_1 x))$$\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.md")) is full


@pytest.mark.parametrize("entry, full", [("w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)", True),
                                         ("w_3\\,\\sigma_2(x_2)\\,\\sigma_1(x_1)", False)])
def test_intermediates_inside_a_sum_over_the_data_are_at_its_point(rubric, entry: str, full: bool) -> None:
    report = ("## Problem 1\n\n**(f)** $$\\nabla_w L = \\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\\begin{bmatrix} "
              "w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x^i \\\\ "
              f"{entry} \\\\ \\sigma_2(x_2) \\end{{bmatrix}}$$\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report, "report.md")) is full


def test_math_labelled_as_the_other_sub_part_answers_nothing_here(rubric) -> None:  # type: ignore[no-untyped-def]
    report = ("## Problem 1\n\n(b)\n\n\\[\n\\begin{aligned}\n& (ii) \\quad \\frac{\\partial \\sigma_{1}}{\\partial u}="
              "\\frac{1}{1+\\exp(-u)} \\cdot \\frac{\\exp(-u)}{1+\\exp(-u)} \\\\\n"
              "& =\\sigma_{1}(u)\\left(1-\\sigma_{1}(u)\\right)\n\\end{aligned}\n\\]\n\n(c) forward\n")
    assert not _full(grade_report_item(rubric, "p1.b.i", report, "report.md"))
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "report.md"))
