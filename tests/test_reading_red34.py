"""Red team 34: the doubts and second answers around the readings of batch 33 that must reach a person (a wrong
answer never passes, two answers are never graded as one)."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

P2C = ("## 2\n\n(c) conv1 = 520, relu1 = 0, pool1 = 0, conv2 = 25,050, relu2 = 0, pool2 = 0, {fc1}, fc2 = 5,010\n\n"
       "{total}\n")


def status(rubric, item: str, report: str, name: str = "r.md") -> str:
    return grade_report_item(rubric, item, report, name).status


@pytest.mark.parametrize("line", [
    "| conv1 output | 24×24×20 (hmm: (28−5)/1 = 23, so actually 23×23×20) |",
    "| conv1 output | 24×24×20 (wait, (28-5)/1 = 23 -> so 23×23×20) |",
])
def test_a_bracket_that_takes_the_value_back_goes_to_a_person(rubric, line: str) -> None:
    report = (f"## 2\n\n(a)\n\n| | size |\n|---|---|\n| input | 28×28 |\n| conv1 filter | 5×5×1×20 |\n{line}\n"
              "| after pool | 12×12×20 |\n")
    assert status(rubric, "p2.a", report) == "review"


@pytest.mark.parametrize("fc1", ["fc1 = 400,500 (no — my flatten is before pool2: 8·8·50·500 + 500 = 1,600,500)",
                                 "fc1 = 400,500 (oops, 1,600,500 if the flatten comes first)"])
def test_a_count_taken_back_in_brackets_goes_to_a_person(rubric, fc1: str) -> None:
    assert status(rubric, "p2.c", P2C.format(fc1=fc1, total="total = 431,080")) == "review"


def test_no_padding_in_brackets_is_no_correction(rubric) -> None:
    assert status(rubric, "p2.b", "## 2\n\n(b) 5×5 filter (no padding, stride 1), 20 channels\n") == "pass"


@pytest.mark.parametrize("fc1", ["fc1 = 400,500 resp. 1,600,500", "fc1 = 400,500 vs. 1,600,500",
                                 "fc1 = soit 400,500 soit 1,600,500", "fc1 = либо 400,500, либо 1,600,500",
                                 "fc1 = 400,500 还是 1,600,500", "fc1 = 400,500 ya da 1,600,500",
                                 "fc1 = 400,500 (4·4·50 inputs) vs. 1,600,500 (8·8·50 inputs)",
                                 "fc1 = 400,500 / 1,600,500"])
def test_two_counts_offered_for_one_layer(rubric, fc1: str) -> None:
    result = grade_report_item(rubric, "p2.c", P2C.format(fc1=fc1, total="total = 431,080"))
    assert result.status == "review" and "fc1" in result.feedback


def test_two_totals_after_a_sum(rubric) -> None:
    report = P2C.format(fc1="fc1 = 400,500", total="total = 520 + 25,050 + 400,500 + 5,010 = 431,080 / 1,631,080")
    assert status(rubric, "p2.c", report) == "review"


@pytest.mark.parametrize("said", ["The parameter count of the network is 430,580.", "Model size: 430,580 parameters.",
                                  "The net comes to 430580 parameters.", "La red tiene 430.580 parámetros.",
                                  "In the network there are 430,580 parameters."])
def test_a_second_total_said_in_prose(rubric, said: str) -> None:
    report = P2C.format(fc1="fc1 = 400,500", total=f"total = 431,080\n\n{said}")
    assert status(rubric, "p2.c", report) == "review"


@pytest.mark.parametrize("line", ["after 2x2 max-pool: 12x12 per map, 20 maps -> 12x12x50",
                                  "conv1 filter 5×5 (×1 channel), 50 filters → 5×5×1×20"])
def test_a_shape_after_an_arrow_that_disagrees_with_its_pieces(rubric, line: str) -> None:
    report = f"## 2\n\n(a) input 28×28, conv1 filter 5×5×1×20, conv1 output 24×24×20\n{line}\n"
    if "max-pool" not in line:
        report = report.replace("conv1 filter 5×5×1×20, ", "")
    assert status(rubric, "p2.a", report) == "review"


@pytest.mark.parametrize("label", ["(2b, 2nd try)", "(2.b') redone:"])
def test_a_part_redone_after_the_last_one(rubric, label: str) -> None:
    report = ("## 2\n\n(2a) 28×28, 5×5×1×20, 24×24×20, 12×12×20\n\n(2b) 5×5, stride 1, 20 channels\n\n"
              "(2c) conv1 = 520, relu1 = 0, pool1 = 0, conv2 = 25,050, relu2 = 0, pool2 = 0, fc1 = 400,500, "
              f"fc2 = 5,010, total = 431,080\n\n{label} the channel dimension is 50.\n")
    assert status(rubric, "p2.b", report) == "review"


ANSWERS = """`s1 = sig(w1*x)`, `s2 = sig(w2*s1)`

### (e)
```python
df_dw2 = w3 * s2*(1-s2) * s1
df_dw1 = w3 * s2*(1-s2) * w2 * s1*(1-s1) * x
{comment}
```
"""


@pytest.mark.parametrize("comment", ["# or: w3 * s2*(1-s2) * s1*(1-s1) * x", "# или w3 * s2*(1-s2) * s1*(1-s1) * x",
                                     "# (or without w2? w3 * s2*(1-s2) * s1*(1-s1) * x)",
                                     "# -> without x: w3 * s2*(1-s2) * w2 * s1*(1-s1)",
                                     "# actually drop the w2 here?"])
def test_a_comment_under_a_code_answer_that_offers_another(rubric, comment: str) -> None:
    assert status(rubric, "p1.e.w1", ANSWERS.format(comment=comment)) == "review"


@pytest.mark.parametrize("comment", ["# chain rule through s1", "# = w3 σ2'(x2) w2 σ1'(x1) x"])
def test_a_comment_that_only_explains_leaves_the_answer(rubric, comment: str) -> None:
    assert status(rubric, "p1.e.w1", ANSWERS.format(comment=comment)) == "pass"


@pytest.mark.parametrize("line", [
    "grad_L = 2*(f(x¹) - y¹)*grad_f(x¹) + 2*(f(x²) - y²)*grad_f(x²)   # then halved, the 2 cancels with the square",
    "grad_L = 2*(f(x¹) - y¹)*grad_f(x¹) + 2*(f(x²) - y²)*grad_f(x²)   # divided by 2 at the end"])
def test_a_comment_beside_the_answer_that_changes_it(rubric, line: str) -> None:
    report = f"### (f)\n```python\n{line}\nw = w - lr*grad_L\n```\nwith grad_f = (∂f/∂w1, ∂f/∂w2, ∂f/∂w3), lr = α\n"
    assert status(rubric, "p1.f.grad", report) == "review"


@pytest.mark.parametrize("line", ["∂f/∂w3 = σ2(x2), где x2 = w2·σ1(x1), и это ещё умножить на w3",
                                  "∂f/∂w3 = σ2(x2) 이고 x2 = w2·σ1(x1) 이므로, 여기에 w3 를 한 번 더 곱해야 함"])
def test_words_after_a_lines_last_definition_may_change_the_first_formula(rubric, line: str) -> None:
    assert status(rubric, "p1.d", f"(d) {line}\n") == "review"


@pytest.mark.parametrize("lead", ["(e) once again, writing it out:", "(e) second attempt (I think the w2 goes):",
                                  "(e) redo:"])
def test_a_part_redone_after_the_last_problem(rubric, lead: str) -> None:
    report = ("## Problem 1\n\n**(e)**\n$$\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))"
              "w_2\\sigma_1(x_1)(1-\\sigma_1(x_1))x$$\n\n## Problem 2\n\n(a) 28×28\n\n(b) 5×5\n\n(c) 431,080\n\n"
              f"{lead}\n\n$$\\frac{{\\partial f}}{{\\partial w_1}} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))"
              "\\sigma_1(x_1)(1-\\sigma_1(x_1))x$$\n")
    assert status(rubric, "p1.e.w1", report) == "review"


@pytest.mark.parametrize("cite", ["(1.b) gives σ'(u) = σ(u)(1−σ(u)); plugging it in:", "(1b) and (1d) give:"])
def test_a_part_cited_at_the_start_of_a_line_is_no_label(rubric, cite: str) -> None:
    """"(1.b) gives σ' = σ(1−σ); plugging it in:" inside (e): the final line under it is still (e)'s answer."""
    report = ("## 1\n\n(1e)\n\n∂f/∂w1 = w3 σ2'(x2) w2 σ1'(x1) x\n\n"
              f"{cite}\n\n∂f/∂w1 = w3 σ2(x2)(1−σ2(x2)) w2 σ1(x1)(1−σ1(x1))\n\n(1f) …\n")
    assert status(rubric, "p1.e.w1", report) != "pass"
