"""Red team 47, on this stop's readings: a name with a bar or tilde is a name of its own (x̄₁ is not x₁); a note led
by an operator under a PDF's fraction is no factor of it; a table keyed by parts (``e_w2``, unsorted letters under
"Sub-part") is no table of symbols; a page's number after a sum's summand is no factor; an underline with a remark
under it is no fraction; a long product wrapped onto two lines is a product. Each wrong twin must not pass."""
from __future__ import annotations

import pytest

from grader.reading.labels import symbol_column
from grader.reading.stacked import dash_fractions, reading_order_sums
from tests.helpers import grade_report_item

BARRED = ("## Problem 1\n\nNotation: $x_1 = w_1 x$, $\\bar x_1 = \\sigma_1(x_1)$, $x_2 = w_2 \\bar x_1$, "
          "$\\bar x_2 = \\sigma_2(x_2)$.\n\n**(e)**\n\n$$\\frac{{\\partial f}}{{\\partial w_2}} = {w2}$$\n\n"
          "**(f)** x\n")


@pytest.mark.parametrize("w2, expected", [("w_3\\,\\bar x_2(1-\\bar x_2)\\,\\bar x_1", "pass"),
                                          ("w_3\\,\\sigma_2'(\\bar x_2)\\,\\bar x_1", "fail")])
def test_a_barred_name_is_a_name_of_its_own(rubric, w2: str, expected: str) -> None:
    """σ₂'(x̄₂) with x̄₂ the activation is not σ₂'(x₂): read as x₂ it would pass."""
    assert grade_report_item(rubric, "p1.e.w2", BARRED.format(w2=w2)).status == expected


def test_a_note_led_by_an_operator_is_no_factor(rubric) -> None:
    report = ("Problem 1\n(e)\n∂fw\n∂w1\n= w3 σ2(x2)(1 − σ2(x2)) w2 σ1(x1)(1 − σ1(x1))\n"
              "· x enters only through x1, so there is no separate factor for it\n(f) next\n")
    assert grade_report_item(rubric, "p1.e.w1", report, "r.txt").status != "pass"
    right = report.replace("(1 − σ1(x1))\n· x enters only through x1, so there is no separate factor for it",
                           "(1 − σ1(x1))\n· x")
    assert grade_report_item(rubric, "p1.e.w1", right, "r.txt").status == "pass"


def test_a_table_keyed_by_parts_is_no_table_of_symbols() -> None:
    keyed = "| Exercise | answer |\n|---|---|\n| e_w2 | x |\n| e_w1 | y |\n"
    unsorted = "| Sub-part | answer |\n|---|---|\n| d | x |\n| e | y |\n| e | z |\n| f | q |\n| b | r |\n"
    states = "| symbol | definition |\n|---|---|\n| a | w1 x |\n| p | s(a) |\n| b | w2 p |\n| q | s(b) |\n"
    assert not symbol_column(keyed, keyed.index("| e_w2"))
    assert not symbol_column(unsorted, unsorted.index("| d |"))
    assert symbol_column(states, states.index("| a |"))


def test_a_page_number_after_a_summand_is_no_factor() -> None:
    text = "∇wL =\n2\n∑\ni=1\n(fw(xi) − yi) ∇wfw(xi)\n2\nwhere"
    assert reading_order_sums(text).split("\n")[0] == "∇wL = Σ i=1..2 (fw(xi) − yi) ∇wfw(xi)"


def test_an_underline_with_a_remark_is_no_fraction() -> None:
    text = "dσ/du = e^(-u)/(1+e^(-u))^2\n        -------------------\n        (exact form, not simplified)\n"
    assert dash_fractions(text) == text


@pytest.mark.parametrize("last, expected", [("σ1(x1)(1 − σ1(x1)) x", "pass"), ("σ1(x1)(1 − σ1(x1))", "partial")])
def test_a_long_product_wrapped_onto_two_lines(rubric, last: str, expected: str) -> None:
    report = ("## Problem 1\n\nI use x1 = w1 x and x2 = w2 σ1(x1).\n\n**(e)**\n\n∂f/∂w1 =\n"
              f"w3 σ2(x2)(1 − σ2(x2)) w2\n{last}\n\n(one product over two lines)\n\n**(f)** next\n")
    assert grade_report_item(rubric, "p1.e.w1", report).status == expected


EDITED = ("## 1\n\n### b)\ni) $\\sigma_1(u) = (1+e^{{-u}})^{{-1}}$\n\n"
          "~~$\\frac{{d\\sigma_1}}{{du}} = -\\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$~~\n\n"
          "$$\\frac{{d\\sigma_1}}{{du}} = {answer}$$\n\n"
          "(edit: the inner derivative of $e^{{-u}}$ is $-e^{{-u}}$, so the two minus signs cancel — it's positive)\n\n"
          "ii) $\\sigma_1(u)(1-\\sigma_1(u))$\n\n### c)\nwords\n")


@pytest.mark.parametrize("answer, expected", [("\\frac{e^{-u}}{(1+e^{-u})^2}", "pass"),
                                              ("\\frac{e^{u}}{(1+e^{-u})^2}", "fail")])
def test_an_edit_note_that_explains_a_struck_formula(rubric, answer: str, expected: str) -> None:
    assert grade_report_item(rubric, "p1.b.i", EDITED.format(answer=answer)).status == expected


@pytest.mark.parametrize("note, expected", [("added it above", "pass"), ("it should be without the x", "review")])
def test_an_edit_note_that_says_the_answer_holds_it(rubric, note: str, expected: str) -> None:
    report = ("## 1\n\n### e)\n$$\\frac{\\partial f}{\\partial w_1} = w_3 \\sigma_2(x_2)(1-\\sigma_2(x_2)) w_2 "
              "\\sigma_1(x_1)(1-\\sigma_1(x_1)) x$$\n\n"
              f"**edit: forgot the x** at the end the first time ($\\partial x_1/\\partial w_1 = x$) — {note}.\n\n"
              "### f)\nwords\n")
    assert grade_report_item(rubric, "p1.e.w1", report).status == expected


NOTE_AFTER = ("## 1\n\n**(e)**\n\n~~$\\frac{{\\partial f}}{{\\partial w_2}} = w_3\\sigma_2(x_2)$~~\n\n"
              "$\\frac{{\\partial f}}{{\\partial w_2}} = w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)$\n\n"
              "{note}\n\n"
              "**(f)** x\n")


@pytest.mark.parametrize("note, expected", [
    ("Edit: the first try lacked the sigmoid's derivative, it's in now.", "pass"),
    ("Edit: put a minus sign in front of the line above. That minus is part of my final answer.", "review")])
def test_a_note_after_a_struck_formula_that_changes_the_answer(rubric, note: str, expected: str) -> None:
    """Red team 48: a note that tells the reader to change the answer goes to a person, struck formula or not."""
    assert grade_report_item(rubric, "p1.e.w2", NOTE_AFTER.format(note=note)).status == expected


@pytest.mark.parametrize("note, expected", [("EDIT: fixed a typo in the update, changed it above.", "pass"),
                                            ("EDIT: changed the sign of the step to a plus, changed it above.",
                                             "review")])
def test_a_note_that_says_what_a_sign_became(rubric, note: str, expected: str) -> None:
    report = ("## 1\n\n**(f)**\n\n$\\nabla_w L = \\sum_{i=1}^{2} 2\\,(f_w(x^i) - y^i)\\,\\nabla_w f_w(x^i)$\n\n"
              f"Update: $w \\leftarrow w - \\alpha \\nabla_w L$\n\n{note}\n\n## Problem 2\n")
    assert grade_report_item(rubric, "p1.f.update", report).status == expected


@pytest.mark.parametrize("answer, expected", [("13x13x20", "partial"), ("12x12x20", "pass")])
def test_the_value_a_line_says_is_the_answer(rubric, answer: str, expected: str) -> None:
    other = "12x12x20" if answer == "13x13x20" else "13x13x20"
    report = ("## Problem 2\n\n**(a)** The input is a 28×28 image. The conv1 filters are 5×5×1×20. After conv1 the "
              "output is 24×24×20.\nOutput after pooling: this is where I got confused, the shape my notebook printed "
              f"was\n{other} before I fixed the pooling call, by hand I get {answer} and that is my answer.\n\n"
              "**(b)** x\n")
    assert grade_report_item(rubric, "p2.a", report).status == expected
