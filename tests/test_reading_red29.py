"""Red team 29's attacks and the 26th held-out batch's hedges, each with its twin that must read the other way."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

E_RIGHT = "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)"
E_SHORT = "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))"
P2 = ("## Problem 2\n\n(a) input 28×28×1, conv1 filter 5×5×1×20, output after conv1 24×24×20, "
      "after pooling 12×12×20\n\n"
      "(b) conv2: filter 5×5, stride 1, 20 input channels, 50 filters, no padding\n\n")


def _e(after_e: str, tail: str = "", update: str = "$w_{new} = w - \\alpha \\nabla_w L$") -> str:
    return (f"## Problem 1\n\n(d) $\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)$\n\n"
            f"(e) $\\frac{{\\partial f}}{{\\partial w_2}} = {E_RIGHT}${after_e}\n\n"
            f"(f) $\\nabla_w L = \\sum_{{i=1}}^{{2}} 2\\,(f_w(x^i)-y^i)\\,\\nabla_w f_w(x^i)$\n\n{update}\n\n"
            + P2 + tail)


def status(rubric, item: str, report: str) -> str:
    return grade_report_item(rubric, item, report).status


@pytest.mark.parametrize(("mark", "note"), [
    ("¹", "¹ actually the factor σ1(x1) should not be there, it is already inside x2."),
    ("*", "\\* the factor σ1(x1) shouldn't be there actually (it is inside x2)."),
    ("†", "† on second thought, drop the σ1(x1) at the end."),
    ("[a]", "[a] Comment: without the last σ1(x1), it's counted twice."),
    ("^{1}", "$^{1}$ the correct factor is w_2 instead of σ1(x1)."),
    (" (see note 2)", "Note 2: I think the σ1(x1) is wrong here and it should be x instead."),
])
def test_a_footnote_of_any_mark_that_changes_its_formula_goes_to_a_person(rubric, mark: str, note: str) -> None:
    assert status(rubric, "p1.e.w2", _e(mark, f"\n\n---\n\n{note}\n")) == "review"


def test_a_footnote_that_explains_or_is_cited_nowhere_changes_nothing(rubric) -> None:
    explains = "\n\n¹ Because σ1(x1) is ∂x2/∂w2, see the lecture.\n"
    assert status(rubric, "p1.e.w2", _e("¹", explains)) == "pass"
    bullet = "\n\n* the factor σ1(x1) should not be there in (d), I was wrong about that earlier.\n"
    assert status(rubric, "p1.e.w2", _e("", bullet)) == "pass"  # a bullet is no footnote: no formula cites it
    power = "(c) the data are (x¹, y¹) and (x²,y²)"  # "x¹" is an exponent, not a citation of "¹ …"
    assert status(rubric, "p1.e.w2", _e("", f"\n\n{power}\n\n¹ not the factor I first wrote.\n")) == "pass"


@pytest.mark.parametrize("hedge", ["- or just w3 σ(x2)(1 - σ(x2)), not sure",
                                   "or simply w3 σ(x2)(1 - σ(x2))",
                                   "(or w3 σ(x2)(1 - σ(x2)) , I keep mixing them up)"])
def test_a_line_that_opens_with_or_offers_a_second_answer(rubric, hedge: str) -> None:
    plain = ("(d) ∂f/∂w3 = σ(w2 σ(w1 x))\n\n(e) ∂f/∂w2 = w3 σ(x2)(1 - σ(x2)) σ(x1)\n\n{}\n\n"
             "∂f/∂w1 = w3 σ(x2)(1 - σ(x2)) w2 σ(x1)(1 - σ(x1)) x\n\n(f) later\n")
    assert status(rubric, "p1.e.w2", plain.format(hedge)) == "review"
    assert status(rubric, "p1.e.w2", plain.format("- or something like that")) == "pass"  # words, no formula
    assert status(rubric, "p1.e.w1", plain.format(hedge)) == "pass"


@pytest.mark.parametrize("lead", ["Option", "Variant", "Варіант"])
def test_an_answer_given_as_numbered_options_goes_to_a_person(rubric, lead: str) -> None:
    report = (f"(d) Not sure here.\n{lead} 1:\n\n$$\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)$$\n\n"
              f"{lead} 2 (with the sigmoid's derivative):\n\n"
              "$$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)(1-\\sigma_2(x_2))$$\n\n(e) later\n")
    assert status(rubric, "p1.d", report) == "review"
    methods = report.replace(f"{lead} 1", "Method 1").replace(f"{lead} 2", "Method 2")
    assert status(rubric, "p1.d", methods) == "review"  # two ways with two results: a person compares (since round 31)
    agreeing = methods.replace("\\sigma_2(x_2)(1-\\sigma_2(x_2))$$", "\\sigma_2(w_2\\sigma_1(w_1 x))$$")
    assert status(rubric, "p1.d", agreeing) == "pass"  # two ways to one answer


def test_an_absolute_value_is_read(rubric) -> None:
    """"2|f − y|" in the hand-in's own ∇L: read (and wrong), so "w − α∇L" written with it is not passed."""
    report = _e("").replace("2\\,(f_w(x^i)-y^i)", "2\\,|f_w(x^i)-y^i|")
    assert status(rubric, "p1.f.grad", report) == "fail"
    assert status(rubric, "p1.f.update", report) == "review"
    assert status(rubric, "p1.f.update", _e("")) == "pass"
    row = "## Problem 1\n\n| d | σ2(w2 σ1(w1 x)) |\n| e w2 | w3 σ2(x2)(1-σ2(x2)) σ1(x1) |\n"
    assert status(rubric, "p1.e.w2", row) == "pass"  # a table's cell (the row opens with a bar), read as a cell
    assert status(rubric, "p1.e.w2", row.replace("(1-σ2(x2))", "(1+σ2(x2))")) == "fail"
    bars = "## Problem 1\n\n(d) σ2(w2 σ1(w1 x))\n\n(e) w2: |w3 σ2(x2)(1-σ2(x2)) σ1(x1)|\n"
    assert status(rubric, "p1.e.w2", bars) != "pass"  # bars in a line of text: an absolute value, never its inside


def test_words_after_the_update_that_turn_its_gradient_around_go_to_a_person(rubric) -> None:
    turned = "$w_{new} = w - \\alpha \\nabla_w L$ \\quad (here $\\nabla_w L$ with $f$ and $y$ the other way round)"
    assert status(rubric, "p1.f.update", _e("", update=turned)) == "review"
    same = "$w_{new} = w - \\alpha \\nabla_w L$ \\quad (here $\\nabla_w L$ is the gradient of (f))"
    assert status(rubric, "p1.f.update", _e("", update=same)) == "pass"
