"""Red team 28's attacks on this round's reading rules, each with its twin that must read the other way."""
from __future__ import annotations

from tests.helpers import grade_report_item

E_RIGHT = "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)"
E_SHORT = "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))"
P2 = ("## Problem 2\n\n(a) input 28×28×1, conv1 filter 5×5×1×20, output after conv1 24×24×20, "
      "after pooling 12×12×20\n\n"
      "(b) conv2: filter 5×5, stride 1, 20 input channels, 50 filters, no padding\n\n")


def _e(after_e: str, tail: str = "") -> str:
    return (f"## Problem 1\n\n(d) $\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)$\n\n"
            f"(e) $\\frac{{\\partial f}}{{\\partial w_2}} = {E_RIGHT}${after_e}\n\n"
            "(f) $w_{new} = w - \\alpha \\nabla_w L$\n\n" + P2 + tail)


def status(rubric, item: str, report: str) -> str:
    return grade_report_item(rubric, item, report).status


def test_a_bar_or_slashes_set_apart_offer_a_second_answer(rubric) -> None:
    assert status(rubric, "p1.e.w2", _e("")) == "pass"
    for sep in ("    |    ", "    //    "):
        assert status(rubric, "p1.e.w2", _e(f"{sep}${E_SHORT}$")) == "review", sep
    row = ("## Problem 1\n\n(e)\n\n| item | answer |\n|---|---|\n"
           f"| ∂f/∂w2 | ${E_RIGHT}$    |\n")
    assert status(rubric, "p1.e.w2", row) == "pass"  # a table's padded cells are no separator


def test_a_wide_space_in_one_display_parts_two_answers(rubric) -> None:
    """"… = A \\qquad B": a second formula after a wide space; "A, \\quad j = 1, 2, 3" stays a remark."""
    two = _e("").replace(f"{E_RIGHT}$", f"{E_RIGHT} \\qquad {E_SHORT}$")
    assert status(rubric, "p1.e.w2", two) == "review"
    remark = _e("").replace(f"{E_RIGHT}$", f"{E_RIGHT}, \\quad x_1 = w_1 x$")
    assert status(rubric, "p1.e.w2", remark) == "pass"


def test_a_footnote_that_changes_the_formula_citing_it_goes_to_a_person(rubric) -> None:
    note = "\n\n[2] Without the last factor σ1(x1), I double counted it.\n"
    assert status(rubric, "p1.e.w2", _e("[2]", note)) == "review"
    explains = "\n\n[2] Because σ1(x1) is ∂x2/∂w2.\n"
    assert status(rubric, "p1.e.w2", _e("[2]", explains)) == "pass"
    forgot = "\n\n[2] times w2, which I forgot to write.\n"
    assert status(rubric, "p1.e.w2", _e("[2]", forgot)) == "review"


def test_a_named_line_after_the_problem_is_the_item_said_again(rubric) -> None:
    """"dw2 (redo): …", "dw2, 2nd try: …" after the problems: the item answered again, never full marks when it
    differs; the same formula again keeps the marks."""
    for lead in ("dw2 (redo):", "dw2, 2nd try:"):
        assert status(rubric, "p1.e.w2", _e("", f"\n{lead} w3 σ'(x2)\n")) != "pass", lead
        assert status(rubric, "p1.e.w2", _e("", f"\n{lead} w3 σ'(x2) σ(x1)\n")) == "pass", lead


def test_a_late_dashed_label_is_the_part_said_again(rubric) -> None:
    sheet = ("Problem 1\n\na - graph on paper\n\nb -\n(i) $\\frac{e^{-u}}{(1+e^{-u})^2}$\n\nc - words\n\n"
             f"d - $\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)$\n\n"
             f"e - $\\frac{{\\partial f}}{{\\partial w_2}} = {E_RIGHT}$\n\n"
             "f - $w_{new} = w - \\alpha \\nabla_w L$\n\n"
             + P2)
    assert status(rubric, "p1.e.w2", sheet) == "pass"
    late = sheet + f"\ne - (fix) $\\frac{{\\partial f}}{{\\partial w_2}} = {E_SHORT}$\n"
    assert status(rubric, "p1.e.w2", late) != "pass"


GRAD = "$\\nabla_w L = \\sum_{i=1}^{2} 2\\,(f_w(x^i)-y^i)\\,\\nabla_w f_w(x^i)$"
FLIPPED = "$\\nabla_w L = \\sum_{i=1}^{2} 2\\,(y^i-f_w(x^i))\\,\\nabla_w f_w(x^i)$"


def test_an_update_on_an_own_gradient_in_doubt_goes_to_a_person(rubric) -> None:
    """"w ← w − α∇L" where the hand-in's own ∇L is offered in two signs, or right then wrong in its last line, is
    not full marks (its own ∇L may be the wrong one); with its own ∇L right it is."""
    update = "\n\n$w \\leftarrow w - \\alpha \\nabla_w L$\n"

    def report(f: str) -> str:
        return _e("").replace("(f) $w_{new} = w - \\alpha \\nabla_w L$", "(f) " + f + update)

    assert status(rubric, "p1.f.update", report(GRAD)) == "pass"
    assert status(rubric, "p1.f.update", report(GRAD + " or maybe " + FLIPPED)) == "review"
    assert status(rubric, "p1.f.update", report(GRAD[:-1] + " = " + FLIPPED[len("$\\nabla_w L = "):])) == "review"
