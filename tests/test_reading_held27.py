"""The 27th held-out batch (a hurried ordinary class, graduate students, twelve more languages, slide and outliner
exports, answers typed into a learning platform) and the 26th's MATLAB/R users: each reading with its twin."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

E_RIGHT = "w3 · σ2(x2)(1 − σ2(x2)) · σ1(x1)"
E_SHORT = "w3 · σ2(x2)(1 − σ2(x2))"


def status(rubric, item: str, report: str, name: str = "r.md") -> str:
    return grade_report_item(rubric, item, report, name).status


@pytest.mark.parametrize("layout", ["(e) ∂f/∂w2 =\n  {}\n", "(e) ∂f/∂w2\n\nAnswer: {}\n", "(e)\n∂f/∂w2\nanswer: {}\n"])
def test_a_right_side_on_the_line_under_its_name_is_the_answer(rubric, layout: str) -> None:
    """"∂f/∂w2 =" then the formula on the next line, or the name then "Answer: …": never "restates the question"."""
    assert status(rubric, "p1.e.w2", layout.format(E_RIGHT)) == "pass"
    assert status(rubric, "p1.e.w2", layout.format(E_SHORT)) == "partial"


def test_an_outliners_properties_and_toggles_are_read(rubric) -> None:
    outline = ("## ▸ Problem 1\n- ▸ (d) derivative\n    - answer:: σ2(x2)\n- ▸ (e) chain rule\n    - ∂f/∂w2\n"
               "        - answer:: {}\n")
    assert status(rubric, "p1.e.w2", outline.format(E_RIGHT)) == "pass"
    assert status(rubric, "p1.e.w2", outline.format(E_SHORT)) == "partial"
    org = "* Problem 1\n- d :: σ2(x2)\n- e :: d/dw2 = {}\n"  # Org's description items keep their " :: "
    assert status(rubric, "p1.e.w2", org.format(E_RIGHT), "r.org") == "pass"


MATHML = ('<p>(b) (i)&nbsp;<math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mi>d</mi><msub><mi>σ</mi>'
          '<mn>1</mn></msub></mrow><mrow><mi>d</mi><mi>u</mi></mrow></mfrac><mo>=</mo><mfrac><msup><mi>e</mi><mrow>'
          '<mo>-</mo><mi>u</mi></mrow></msup><msup><mrow><mo>(</mo><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mo>-</mo>'
          '<mi>u</mi></mrow></msup><mo>)</mo></mrow><mn>%s</mn></msup></mfrac></math></p>'
          '<p>(d) <math><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><msub><mi>w</mi><mn>3</mn></msub>'
          '</mrow></mfrac><mo>=</mo><msub><mi>σ</mi><mn>2</mn></msub><mo>(</mo><msub><mi>x</mi><mn>2</mn></msub><mo>)</mo>'
          '</math></p>')


def test_an_equation_editors_mathml_is_read_as_the_tex_it_shows(rubric) -> None:
    assert status(rubric, "p1.b.i", MATHML % "2", "r.html") == "pass"
    assert status(rubric, "p1.b.i", MATHML % "3", "r.html") == "fail"
    assert status(rubric, "p1.d", MATHML % "2", "r.html") == "pass"


def test_an_equation_image_that_carries_its_tex_is_read(rubric) -> None:
    page = ('<p>(d) <img class="equation_image" src="/equation_images/x" alt="LaTeX: {0}" '
            'data-equation-content="{0}" /></p><p>(e) <img src="eq.png" alt="LaTeX: {1}" /></p>')
    right = page.format("\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)",
                        "\\frac{\\partial f}{\\partial w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)")
    assert status(rubric, "p1.d", right, "r.html") == "pass"
    assert status(rubric, "p1.e.w2", right, "r.html") == "pass"
    assert status(rubric, "p1.e.w2", right.replace("\\sigma_1(x_1)", ""), "r.html") == "partial"
    spoken = '<p>(d) <img src="eq.png" alt="partial f over partial w 3 equals sigma 2 of x 2" /></p>'
    assert status(rubric, "p1.d", spoken, "r.html") == "review"  # words about a picture: not read


def test_an_r_consoles_printed_result_is_the_line_above_it(rubric) -> None:
    counts = ("## Problem 2\n\n(c) conv1 (5*5*1 + 1) * 20 = 520\n    relu1 0\n    pool1 0\n"
              "    conv2 (5*5*20 + 1) * 50 = 25050\n    relu2 0\n    pool2 0\n    fc1 (4*4*50 + 1) * 500 = 400500\n"
              "    fc2 (500 + 1) * 10 = 5010\n\n    > sum(c(520, 25050, 400500, 5010))\n    [1] %s\n")
    assert status(rubric, "p2.c", counts % "431080") == "pass"
    assert status(rubric, "p2.c", counts % "431180") == "partial"


def test_a_definition_continued_on_the_next_line_is_read_whole(rubric) -> None:
    """MATLAB's "..." then "+ …": the hand-in's own gradL is both terms, so w − α·gradL is right."""
    report = ("(f)\n```\ngradL = 2*(f(x^1)-y^1)*[df/dw1; df/dw2; df/dw3](x^1) ...\n"
              "      + 2*(f(x^2)-y^2)*[df/dw1; df/dw2; df/dw3](x^2)\n```\n\n```\nw_new = w %s alpha*gradL\n```\n")
    assert status(rubric, "p1.f.update", report % "-") == "pass"
    assert status(rubric, "p1.f.update", report % "+") == "fail"


def test_a_long_ascii_arrow_is_an_assignment(rubric) -> None:
    report = ("(f) dL/dw = SUM_{(x,y) in D} 2 ( f_w(x) - y ) df_w(x)/dw\n\n     w  <--  w %s alpha . dL/dw\n")
    assert status(rubric, "p1.f.update", report % "-") == "pass"
    assert status(rubric, "p1.f.update", report % "+") == "fail"


def test_a_count_before_its_unit_word_names_that_unit(rubric) -> None:
    """"Each filter has 20 channels": 20 is the channels, not the filter's size (read as 20×20 before)."""
    report = "## Problem 2\n\n**(b)** filter 5×5, stride 1. Each filter has %s channels because the input has 20.\n"
    assert status(rubric, "p2.b", report % "20") == "pass"
    assert status(rubric, "p2.b", report % "50") != "pass"


@pytest.mark.parametrize(("head", "letters"), [
    ("## 문제 2. MNIST", ["**(가)**", "**(나)**"]),      # Korean
    ("## ამოცანა 2. MNIST", ["**ა)**", "**ბ)**"]),    # Georgian
    ("## سوال دوم", ["### الف)", "### ب)"]),           # Persian: "the second question", الف ب پ
    ("## שאלה 2", ["### סעיף א'", "### סעיף ב'"]),     # Hebrew, a geresh after the letter
])
def test_parts_lettered_in_more_alphabets_are_read(rubric, head: str, letters: list[str]) -> None:
    report = ("## Problem 1\n\n(d) $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$\n\n"
              f"{head}\n\n{letters[0]}\n- input: 28×28\n- conv1 filter: 5×5×1×20\n- after conv1: 24×24×20\n"
              f"- after pooling: 12×12×20\n\n{letters[1]}\nfilter 5×5, stride %s, channels 20\n")
    assert status(rubric, "p2.a", report % "1") == "pass"
    assert status(rubric, "p2.b", report % "1") == "pass"
    assert status(rubric, "p2.b", report % "2") != "pass"


@pytest.mark.parametrize("lead", ["Case", "Way", "Try", "Approach"])
def test_more_words_that_number_options_make_a_hedge(rubric, lead: str) -> None:
    report = (f"(d) $\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)$\n\n(e) {lead} 1: ∂f/∂w2 = {E_SHORT}\n\n"
              f"{lead} 2: ∂f/∂w2 = {E_RIGHT}\n\n(f) later\n")
    assert status(rubric, "p1.e.w2", report) == "review"


@pytest.mark.parametrize(("mark", "note"), [("⁽¹⁾", "⁽¹⁾ actually the σ1(x1) should not be there."),
                                            ("※", "※ 実は σ1(x1) は要らない (should not be there)."),
                                            ("⁂", "⁂ on second thought, drop the σ1(x1).")])
def test_footnote_marks_beyond_the_usual_ones(rubric, mark: str, note: str) -> None:
    report = (f"(d) $\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)$\n\n"
              "(e) $\\frac{\\partial f}{\\partial w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)$"
              f"{mark}\n\n"
              f"(f) later\n\n---\n\n{note}\n")
    assert status(rubric, "p1.e.w2", report) == "review"


def test_an_outliners_answer_property_is_the_last_word(rubric) -> None:
    """A formula, then its "answer::" property with another value: never full marks."""
    report = "(e) - ∂f/∂w2 = {}\n  answer:: {}\n"
    assert status(rubric, "p1.e.w2", report.format(E_RIGHT, "w3·σ2(x2)(1−σ2(x2))·w1·x")) == "review"
    assert status(rubric, "p1.e.w2", report.format(E_RIGHT, E_RIGHT)) == "pass"


def test_a_plain_updates_own_aside_that_turns_it_around_goes_to_a_person(rubric) -> None:
    report = ("(f) $\\nabla_w L = \\sum_{i=1}^{2} 2\\,(f_w(x^i)-y^i)\\,\\nabla_w f_w(x^i)$\n\n"
              "w <-- w - α ∇L   (%s)\n")
    assert status(rubric, "p1.f.update", report % "with ∇L taken with opposite sign, i.e. uphill") == "review"
    assert status(rubric, "p1.f.update", report % "with ∇L from above, step size α") == "pass"
