"""Held-out batch 37: two answers offered with Dutch "óf", a value hedged as "20? o 50", Korean "둘 중 확실하지 않음"
(not sure which of the two), a second formula in brackets after a display closed by ``\\]``, an update written
with a column ``\\left[\\begin{array}…\\right]`` of the weights, and a LaTeX macro that sets its argument as math
(``\\final{…}``). Each reading has a twin: a single answer still passes, a wrong one does not."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

HEAD = "## Problem 1\n\n"
W1 = "w_3\\,\\sigma_2'(x_2)\\,w_2\\,\\sigma_1'(x_1)\\,x"
NO_W2 = "w_3\\,\\sigma_2'(x_2)\\,\\sigma_1'(x_1)\\,x"


def graded(rubric, item: str, report: str, name: str = "r.md"):
    return grade_report_item(rubric, item, report, name)


@pytest.mark.parametrize("between", [" óf ", " of "])
def test_two_answers_offered_with_dutch_of(rubric, between: str) -> None:
    report = f"{HEAD}(e)\n\nAntwoord: $\\frac{{\\partial f_w}}{{\\partial w_1}} = {W1}${between}${NO_W2}$\n"
    assert graded(rubric, "p1.e.w1", report).status == "review"
    assert graded(rubric, "p1.e.w1", f"{HEAD}(e)\n\n$\\frac{{\\partial f_w}}{{\\partial w_1}} = {W1}$\n").status == "pass"


@pytest.mark.parametrize("channels, expected", [("20? o 50", "review"), ("20", "pass")])
def test_a_value_hedged_with_a_question_mark(rubric, channels: str, expected: str) -> None:
    report = (f"## Problem 2\n\n(b)\n\n- mida del filtre: 5×5\n- stride: 1\n- dimensió de canal: {channels}\n"
              "- padding: 0\n")
    assert graded(rubric, "p2.b", report).status == expected


def test_korean_not_sure_which_of_the_two(rubric) -> None:
    answer = "$$\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$$\n"
    doubt = "인 것 같은데, $\\sigma_2(x_2)(1-\\sigma_2(x_2))$ 일 수도 있을 것 같습니다… (둘 중 확실하지 않음)\n"
    assert graded(rubric, "p1.d", f"{HEAD}(d)\n{answer}{doubt}").status == "review"
    assert graded(rubric, "p1.d", f"{HEAD}(d)\n{answer}").status == "pass"


def test_a_formula_offered_in_brackets_under_a_display(rubric) -> None:
    display = "\\[\n\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)\n\\]\n"
    aside = "(or \\( \\sigma_2(x_2)(1-\\sigma_2(x_2)) \\)? not 100% sure)\n"
    assert graded(rubric, "p1.d", f"{HEAD}(d)\n{display}{aside}").status == "review"
    assert graded(rubric, "p1.d", f"{HEAD}(d)\n{display}").status == "pass"


COLUMN = "\\left[\\begin{array}{l}\nw_{1} \\\\\nw_{2} \\\\\nw_{3}\n\\end{array}\\right]"


@pytest.mark.parametrize("sign, expected", [("-", "pass"), ("+", "review")])
def test_an_update_written_with_a_column_of_the_weights(rubric, sign: str, expected: str) -> None:
    report = (f"{HEAD}(f)\n\n$$\n\\nabla_w L = \\sum_{{i=1}}^{{2}} 2(f_w(x^i)-y^i)\\nabla_w f_w(x^i)\n$$\n\n"
              "$$\nw \\leftarrow w - \\alpha \\nabla_w L\n$$\n\n"
              f"$$\n{COLUMN} \\leftarrow {COLUMN} {sign} \\alpha \\sum_{{i=1}}^{{2}} 2(f_w(x^i)-y^i)\\nabla_w f_w(x^i)\n$$\n")
    assert graded(rubric, "p1.f.update", report).status == expected  # "+": two updates, opposite signs: a person


@pytest.mark.parametrize("answer, expected", [("\\sigma_2(x_2)", "pass"), ("w_3\\sigma_2(x_2)", "fail")])
def test_a_macro_that_sets_its_argument_as_math(rubric, answer: str, expected: str) -> None:
    report = ("\\documentclass{article}\n"
              "\\newcommand{\\final}[1]{\\par\\fbox{\\parbox{0.9\\linewidth}{\\centering$\\displaystyle #1$}}\\par}\n"
              "\\begin{document}\n\\section*{Problem 1}\n\\subsection*{(d)}\nBy the chain rule:\n"
              f"\\final{{\\frac{{\\partial f}}{{\\partial w_3}} = {answer}}}\n\\end{{document}}\n")
    assert graded(rubric, "p1.d", report, "r.tex").status == expected
