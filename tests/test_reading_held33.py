"""The 33rd held-out batch (an ordinary class, LaTeX power users, students writing in their own languages,
programmers who write math as code, notebooks): each reading with its twin (the same layout with a wrong answer,
which must not pass), and the doubts a person must see."""
from __future__ import annotations

import pytest

from tests.helpers import assert_twins, grade_report_item


def status(rubric, item: str, report: str, name: str = "r.md") -> str:
    return grade_report_item(rubric, item, report, name).status


TORCH_FENCE = """## Problem 1

```python
z1 = w1 * x
a1 = torch.sigmoid(z1)
z2 = w2 * a1
a2 = torch.sigmoid(z2)
```

**e)** `∂f/∂w2 = w3 · a2*(1 - a2) · a1`

**f)** ∇L = [Σ_i -2*(y_i - f(x_i)) * w3*a2_i*(1-a2_i)*w2*a1_i*(1-a1_i)*x_i, \
Σ_i -2*(y_i - f(x_i)) * w3*a2_i*(1-a2_i)*a1_i, Σ_i -2*(y_i - f(x_i)) * a2_i]
"""


def test_a_libraries_sigmoid_in_a_fence_of_formulas_defines_the_intermediates(rubric) -> None:
    """``a1 = torch.sigmoid(z1)``: a fence that only writes formulas down, with the library's σ, is notation."""
    assert_twins(rubric, "p1.e.w2", TORCH_FENCE, ("(1 - a2) · a1", "(1 + a2) · a1"))


def test_an_intermediate_indexed_by_the_sums_point_is_its_value_there(rubric) -> None:
    """``a2_i`` in a sum over i, with a2 the hand-in's own name: a2 at the data point xⁱ."""
    assert_twins(rubric, "p1.f.grad", TORCH_FENCE, ("* a2_i]", "* a1_i]"))


def test_a_shape_after_an_arrow_gathers_the_sizes_said_piece_by_piece(rubric) -> None:
    report = ("## Problem 2\n\n(a) input 28×28; conv1 filter 5×5 (×1 channel), 20 filters → 5×5×1×20; "
              "conv1 output 24×24×20; after 2×2 max pool 12×12×20.\n")
    assert_twins(rubric, "p2.a", report, ("20 filters → 5×5×1×20", "50 filters → 5×5×1×50"))


def test_a_count_said_before_the_filters_shape(rubric) -> None:
    report = "## Problem 2\n\n(a) input 28×28, filter: twenty 5×5×1 filters, conv 24×24×20, pool 12×12×20\n"
    assert_twins(rubric, "p2.a", report, ("twenty 5×5×1", "fifty 5×5×1"))


def test_one_letter_applied_with_brackets_twice_is_mathematica(rubric) -> None:
    report = "(b)(ii) dσ/du = `s[u] (1 - s[u])`\n\n(with `s[u_] := 1/(1 + Exp[-u])`)\n"
    assert_twins(rubric, "p1.b.ii", report, ("(1 - s[u])`", "(1 + s[u])`"))


@pytest.mark.parametrize("name", ["dsigma2", "sigma_prime", "sigmoid_deriv"])
def test_a_programs_name_for_the_sigmoids_derivative(rubric, name: str) -> None:
    """``dsigma2 = @(u) …`` in (b)(ii), after an identity on the way: the derivative under a program's name."""
    report = ("(b)\n\n(ii) with sigma itself. exp(-u)./(1+exp(-u)) = 1 - sigma(u), hence\n\n"
              f"      {name} = @(u) sigma(u) .* (1 - sigma(u));\n")
    assert_twins(rubric, "p1.b.ii", report, (".* (1 - sigma", ".* (1 + sigma"))


def test_d_and_the_hand_ins_own_name_for_sigma(rubric) -> None:
    report = ("`s = sigmoid`\n\n(b)\n(ii) `ds = lambda u: s(u) * (1 - s(u))` since "
              "`np.exp(-u)/(1+np.exp(-u))` = `1 - s(u)`\n")
    assert_twins(rubric, "p1.b.ii", report, ("* (1 - s(u))`", "* (1 + s(u))`"))


def test_a_working_in_a_cells_aside_is_no_answer(rubric) -> None:
    report = ("## 2\n\n### (a)\n| | size |\n|---|---|\n| input | 28×28 (×1 channel) |\n"
              "| conv1 filter | 5×5×1×20 (20 filters of 5×5) |\n| conv1 output | 24×24×20  ((28−5)/1+1 = 24) |\n"
              "| after 2×2 max-pool | 12×12×20 |\n")
    assert_twins(rubric, "p2.a", report, ("| 24×24×20  (", "| 23×23×20  ("))


def test_a_working_after_an_aside_does_not_take_the_label_of_the_value_before(rubric) -> None:
    """"20 channels (50 filters, no pad): 12−5+1=8": 8 checks the size, it is not the channel count."""
    report = "## 2\n\n(b) 5×5 filter, stride 1, 20 channels (50 filters, no pad): 12−5+1=8 ✓\n"
    assert_twins(rubric, "p2.b", report, ("20 channels", "50 channels"))


def test_words_in_another_script_between_two_definitions_end_the_first(rubric) -> None:
    """Thai "และ" (and) and "ดังนั้น" (so) between definitions on one line: three definitions, not one."""
    report = ("ให้ x1 = w1·x และ x2 = w2·σ1(x1) ดังนั้น f_w(x) = w3·σ2(x2)\n\n### ข้อ จ\n\n"
              "∂f/∂w2 = w3·σ2(x2)(1−σ2(x2))·σ1(x1)\n")
    assert_twins(rubric, "p1.e.w2", report, ("(1−σ2(x2))·σ1", "(1+σ2(x2))·σ1"))


@pytest.mark.parametrize("label", ["**(1e)**", "(1.e)", "(1 e)"])
def test_a_problem_and_its_part_in_round_brackets(rubric, label: str) -> None:
    report = f"## 1. Backprop\n\n{label}\n\n∂f/∂w2 = w3 · σ2(x2)(1−σ2(x2)) · σ1(x1)\n\n**(1f)**\n\nx\n"
    assert_twins(rubric, "p1.e.w2", report, ("(1−σ2(x2))", "(1+σ2(x2))"))


def test_a_dotted_sigma_named_at_the_end_of_its_chain(rubric) -> None:
    report = "(b)(ii) $\\sigma(u)(1-\\sigma(u)) = \\frac{e^{-u}}{(1+e^{-u})^2} = \\dot\\sigma(u)$\n"
    assert_twins(rubric, "p1.b.ii", report, ("(1-\\sigma(u))", "(1+\\sigma(u))"))


# what a person must see: two answers, a doubt, two meanings


def test_an_alternative_in_a_comment_under_the_answer_goes_to_a_person(rubric) -> None:
    report = ("`s1 = sig(w1*x)`, `s2 = sig(w2*s1)`\n\n### P1 (e)\n```python\ndf_dw2 = w3 * s2*(1-s2) * s1\n\ndf_dw1 = w3 * s2*(1-s2) * w2 * s1*(1-s1) * x\n"
              "#   or   w3 * s2*(1-s2) * s1*(1-s1) * x     ??\n```\n")
    assert status(rubric, "p1.e.w1", report) == "review"
    assert status(rubric, "p1.e.w2", report) == "pass"


def test_a_comment_that_doubts_the_answer_goes_to_a_person(rubric) -> None:
    report = "**(b) (i)**\n\n```mathematica\ns'[u] = -E^(-u)/(1 + E^(-u))^2        (* sign?? *)\n```\n"
    assert status(rubric, "p1.b.i", report) == "review"


def test_a_part_said_again_after_the_last_problem_is_compared(rubric) -> None:
    """"(e) again, …" after Problem 2 ends at (c): problem 1's (e) said once more, differently: a person decides."""
    report = ("## Problem 1\n\n**(e)**\n$$\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))"
              "w_2\\sigma_1(x_1)(1-\\sigma_1(x_1))x$$\n\n## Problem 2\n\n(a) 28×28\n\n(b) 5×5\n\n(c) 431,080\n\n"
              "(e) again, writing it out:\n\n$$\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))"
              "w_1\\sigma_1(x_1)(1-\\sigma_1(x_1))x$$\n")
    assert status(rubric, "p1.e.w1", report) == "review"


def test_two_answers_joined_by_or_in_a_working(rubric) -> None:
    report = ("## 2\n\n(c) conv1 = 520, relu1 = 0, pool1 = 0, conv2 = 25,050, relu2 = 0, pool2 = 0\n"
              "fc1 = 800·500 + 500 = 400,500  or  3200·500 + 500 = 1,600,500\nfc2 = 5,010\n\n"
              "total = 431,080 / 1,631,080\n")
    result = grade_report_item(rubric, "p2.c", report)
    assert result.status == "review" and "fc1" in result.feedback and "total" in result.feedback


def test_the_networks_count_said_in_prose_beside_a_table(rubric) -> None:
    report = ("## 2\n\n(c) Summing up, the network has 430580 trainable parameters; the counts are below.\n\n"
              "| layer | count |\n|---|---|\n| conv1 | 520 |\n| relu1 | 0 |\n| pool1 | 0 |\n| conv2 | 25050 |\n"
              "| relu2 | 0 |\n| pool2 | 0 |\n| fc1 | 400500 |\n| fc2 | 5010 |\n| Total | 431080 |\n")
    assert status(rubric, "p2.c", report) == "review"


def test_a_name_defined_at_x_and_otherwise_at_each_point_goes_to_a_person(rubric) -> None:
    """h = w₁x at the top, then hⁱ = σ(w₁xⁱ) in (f): which h an answer means, a person decides."""
    report = ("Let $h = w_1 x$ and $z = w_2\\sigma(h)$.\n\n**(e)** $\\frac{\\partial f}{\\partial w_2} = "
              "w_3\\sigma(z)(1-\\sigma(z))\\,h$\n\n**(f)** For the points write $h^i = \\sigma(w_1x^i)$.\n")
    assert status(rubric, "p1.e.w2", report) == "review"
    consistent = report.replace("h^i = \\sigma(w_1x^i)", "h^i = w_1x^i")
    assert status(rubric, "p1.e.w2", consistent) != "pass"  # h = w₁x throughout: the answer is wrong


def test_a_macro_with_an_argument_whose_body_uses_a_plain_macro(rubric) -> None:
    """``\\newcommand{\\pf}[1]{\\frac{\\partial f_{\\bw}}{\\partial #1}}`` with ``\\bw`` = ``\\mathbf w``."""
    report = ("\\documentclass{article}\n\\newcommand{\\bw}{\\mathbf w}\n"
              "\\newcommand{\\pf}[1]{\\frac{\\partial f_{\\bw}}{\\partial #1}}\n\\begin{document}\n\\section{Back}\n"
              "Define $x_1 = w_1x$ and $x_2 = w_2\\,\\sigma_1(x_1)$; then $f_{\\bw}(x) = w_3\\,\\sigma_2(x_2)$.\n"
              "\\subsection*{(d)}\n\\[\n\\pf{w_3} = \\sigma_2(x_2)\n\\]\n\\end{document}\n")
    assert grade_report_item(rubric, "p1.d", report, "r.tex").status == "pass"
    wrong = report.replace("\\pf{w_3} = \\sigma_2(x_2)", "\\pf{w_3} = \\sigma_1(x_1)")
    assert grade_report_item(rubric, "p1.d", wrong, "r.tex").status != "pass"


JS_NOTES = """### 1(b)
```js
// (i)  quotient rule
const dsig_i  = u => Math.exp(-u) / (1 + Math.exp(-u)) ** 2;
```

### 1(e)
```js
const dfdw2 = w3 * a2 * (1 - a2) * a1;
```

(with `a1 = sig(w1*x)`, `a2 = sig(w2*a1)`, `const sig = u => 1 / (1 + Math.exp(-u));`)
"""


def test_a_javascript_fence_of_formulas_and_a_power_set_apart(rubric) -> None:
    """``(1 + Math.exp(-u)) ** 2``: a power with spaces around it is no Markdown bold."""
    assert_twins(rubric, "p1.b.i", JS_NOTES, ("Math.exp(-u) / (1", "-Math.exp(-u) / (1"))
    assert_twins(rubric, "p1.e.w2", JS_NOTES, ("(1 - a2) * a1", "(1 + a2) * a1"))


def _julia_notebook(cells: list[tuple[str, str]]) -> str:
    import json

    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {
        "kernelspec": {"display_name": "Julia 1.10", "language": "julia", "name": "julia-1.10"}},
        "cells": [{"cell_type": kind, "metadata": {}, "source": source,
                   **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                  for kind, source in cells]})


def test_a_julia_kernels_cell_of_formulas_is_read(rubric) -> None:
    from grader.reading.notebook import read_notebook

    notebook = _julia_notebook([
        ("markdown", "## Problem 1\n\n**(b)(ii)** since `1 - σ(u) = exp(-u)/(1+exp(-u))`:"),
        ("code", "σ′(u) = σ(u) * (1 - σ(u))\n\n# sanity check\nus = range(-6, 6, length=25)\n"),
        ("markdown", "**(e)**\n```julia\n∂f∂w2 = w3 * σ′(z2) * h   # h = σ(w1*x)\n```\n\n"
                     "(`z1 = w1*x`, `h = σ(z1)`, `z2 = w2*h`)")])
    report = read_notebook(notebook, "nb", [])[0]
    assert_twins(rubric, "p1.b.ii", report, ("σ(u) * (1 - σ(u))", "σ(u) * (1 + σ(u))"))
    assert_twins(rubric, "p1.e.w2", report, ("σ′(z2) * h", "σ′(z1) * h"))
