"""Reading rules found on the ninth held-out batch (answer keys and tables, word-processor exports, formulas
written as code, an international class), each with a wrong twin that must not pass.
"""
from __future__ import annotations

import json

from grader.expressions.code_math import code_to_latex
from grader.reading.document import formula_program, read_document
from grader.reading.formats_html import html_markdown
from grader.reading.labels import read_label
from grader.reading.notebook import read_notebook
from tests.helpers import assert_twins, grade_report_item


def status(rubric, item: str, report: str) -> str:
    return grade_report_item(rubric, item, report).status


KEY = ("1b(i): exp(-u)/(1+exp(-u))^2\n"
       "1e(i) ∂f/∂w2: w3 σ2'(x2) σ1(x1)\n"
       "1e(ii) ∂f/∂w1: w3 σ2'(x2) w2 σ1'(x1) x\n")


def test_a_derivative_named_before_a_colon_is_the_answers_left_side(rubric) -> None:
    assert status(rubric, "p1.e.w2", KEY) == "pass"
    assert status(rubric, "p1.e.w1", KEY) == "pass"
    # swapped: each line still says which derivative it gives, so neither is taken for the other
    swapped = KEY.replace("∂f/∂w2:", "∂f/∂wX:").replace("∂f/∂w1:", "∂f/∂w2:").replace("∂f/∂wX:", "∂f/∂w1:")
    assert status(rubric, "p1.e.w2", swapped) != "pass"
    assert status(rubric, "p1.e.w1", swapped) != "pass"


def test_an_answer_keys_word_names_the_item() -> None:
    label = read_label("1e_w2\tw3*s2", 0)
    assert label is not None and (label.part, label.key) == ("e", "w2")
    label = read_label("| e, w1 | $x$ |", 2)
    assert label is not None and (label.part, label.key) == ("e", "w1")
    label = read_label("2c relu1/pool1 | 0 / 0 |", 0)
    assert label is not None and (label.problem, label.part, label.key) == ("2", "c", "relu1/pool1")
    label = read_label("1b ii\tx", 0)
    assert label is not None and (label.sub, label.key) == ("ii", None)  # a roman numeral is a sub-part
    assert read_label("a cat: x", 0) is None  # prose


SHEET = ("q\tanswer\tnote\n"
         "1d\ts2(x2)\tx1=w1*x, x2=w2*s1(x1)\n"
         "1e_w2\tw3*s2(x2)*(1-s2(x2))*s1(x1)\t\n"
         "1e_w1\tw3*s2(x2)*(1-s2(x2))*w2*s1(x1)*(1-s1(x1))*x\t\n"
         "1f_grad\tSUM_i 2*(f(x_i)-y_i)*grad_w f(x_i)\ti=1,2\n")
TABLE = ("| item | answer |\n|---|---|\n"
         "| 1d | $\\sigma_2(x_2)$ |\n"
         "| 1e w2 | $w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)$ |\n"
         "| 1e w1 | $w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))w_2\\sigma_1(x_1)(1-\\sigma_1(x_1))x$ |\n")


def test_rows_of_an_answer_sheet_or_table_answer_the_items_they_name(rubric) -> None:
    for text in (SHEET, TABLE):
        assert status(rubric, "p1.d", text) == "pass"
        assert status(rubric, "p1.e.w2", text) == "pass"
        assert status(rubric, "p1.e.w1", text) == "pass"
    assert status(rubric, "p1.f.grad", SHEET) == "pass"
    # the rows in the other order: each row is still graded for the item its key names
    rows = SHEET.splitlines()
    swapped = "\n".join([*rows[:2], rows[3].replace("1e_w1", "1e_w2"), rows[2].replace("1e_w2", "1e_w1"), rows[4]])
    assert status(rubric, "p1.e.w2", swapped) != "pass"
    assert status(rubric, "p1.e.w1", swapped) != "pass"
    # a slip in one row fails that row's item only
    slip = TABLE.replace("(1-\\sigma_1(x_1))x$", "(1-\\sigma_1(x_1))$")
    assert status(rubric, "p1.e.w1", slip) != "pass"
    assert status(rubric, "p1.e.w2", slip) == "pass"


def test_a_tab_sets_a_side_note_apart_from_the_answer(rubric) -> None:
    assert status(rubric, "p1.d", "1d\tσ2(x2)\tx1=w1*x\n") == "pass"
    assert status(rubric, "p1.d", "1d\tσ2(x1)\tx1=w1*x\n") != "pass"


FORMULAS_AS_CODE = """## Problem 1

Notation:

```python
sigmoid = lambda u: 1 / (1 + np.exp(-u))
s1, s2 = sigmoid(x1), sigmoid(x2)
```

### (d)
```python
df_dw3 = s2            # = sigmoid(w2 * sigmoid(w1 * x))
```

### (e)
```python
df_dw2 = w3 * s2 * (1 - s2) * s1
df_dw1 = w3 * s2 * (1 - s2) * w2 * s1 * (1 - s1) * x
```
"""


def test_a_python_fence_that_only_writes_formulas_is_read_as_formulas(rubric) -> None:
    assert status(rubric, "p1.d", FORMULAS_AS_CODE) == "pass"
    assert status(rubric, "p1.e.w2", FORMULAS_AS_CODE) == "pass"
    assert status(rubric, "p1.e.w1", FORMULAS_AS_CODE) == "pass"
    assert_twins(rubric, "p1.e.w1", FORMULAS_AS_CODE, ("(1 - s1) * x", "(1 - s1)"))
    # s1, s2 = …, …: each name takes its own value (s2 is σ(x2), not σ(x1))
    assert status(rubric, "p1.d", FORMULAS_AS_CODE.replace("sigmoid(x1), sigmoid(x2)",
                                                           "sigmoid(x2), sigmoid(x1)")) != "pass"


def test_a_program_is_never_read_as_formulas() -> None:
    assert formula_program("df_dw2 = w3 * s2 * (1 - s2) * s1\ndf_dw1 = w3*s2\n")
    assert formula_program("dsig = (np.exp(u))/(1+np.exp(u))**2\n     = np.exp(u) / (1 + np.exp(u))**2\n")
    assert not formula_program("model = Net()\nopt = optim.SGD(model.parameters(), lr=0.01)\n")
    assert not formula_program("for x, y in D:\n    g = g + 2*(f(x) - y)\n")
    assert not formula_program("lr = 0.01\nepochs = 10\n")  # settings, no formula
    assert not formula_program("def f(x):\n    return x\n")


def test_a_notebook_cell_that_only_writes_formulas_is_part_of_the_report(rubric) -> None:
    cells = [{"cell_type": "markdown", "source": "## 1(d), 1(e)"},
             {"cell_type": "code", "source": "df_dw3 = s2  # note\ns1, s2 = sigmoid(x1), sigmoid(x2)\n",
              "outputs": []},
             {"cell_type": "code", "source": "model = Net()\nprint(model)\n", "outputs": []}]
    text, code = read_notebook(json.dumps({"cells": cells}), "nb.ipynb", [])
    assert "df_dw3 = s2" in text and "# note" not in text and "model = Net()" not in text
    assert len(code) == 2  # the cells stay the program too


def test_files_of_code_and_comments_are_read_through_their_comment_marks(rubric) -> None:
    octave = ("HW3 answers (Octave)\n\n%% Problem 1\n% sig = @(u) 1./(1+exp(-u)); x1 = w1*x; x2 = w2*sig(x1)\n\n"
              "% (b)(i)\ndsig = @(u) exp(-u)./(1+exp(-u)).^2;\n% (b)(ii)\ndsig = @(u) sig(u).*(1-sig(u));\n\n"
              "% (d)\ndf_dw3 = sig(x2);                 % = sig(w2*sig(w1*x))\n\n"
              "% (e)\ndf_dw2 = w3*sig(x2).*(1-sig(x2)).*sig(x1);\n"
              "df_dw1 = w3*sig(x2).*(1-sig(x2))*w2.*sig(x1).*(1-sig(x1)).*x;\n")
    for item in ("p1.b.i", "p1.b.ii", "p1.d", "p1.e.w2", "p1.e.w1"):
        assert status(rubric, item, octave) == "pass", item
    assert status(rubric, "p1.b.ii", octave.replace("sig(u).*(1-sig(u))", "sig(u).*(1+sig(u))")) != "pass"
    assert status(rubric, "p1.b.i", octave.replace("exp(-u)./(1+exp(-u)).^2", "exp(-u)./(1+exp(-u))")) != "pass"


def test_program_names_of_the_sigmoids_derivative_and_of_the_gradient() -> None:
    assert code_to_latex("df_dw2 = w3*dsig(x2)*s1").replace(" ", "") == "df/dw2=w3*dsig(x2)*s1"  # defined or not
    assert code_to_latex("w = w - lr * grad_w").replace(" ", "") == "w=w-lr*\\nabla_wL"
    assert code_to_latex("w1 = w1 - lr*grad_w1 # x").replace(" ", "") == "w1=w1-lr*(\\partialL)/(\\partialw_1)"
    assert code_to_latex("grad_f(x) + 1 # c").replace(" ", "") == "\\nablaf(x)+1"


def test_a_programs_update_with_lr_is_gradient_descent(rubric) -> None:
    text = ("Problem 1\n\n(f)\n```python\n"
            "grad_w = 2*(f_w(x_a) - y_a) * grad_f(x_a) + 2*(f_w(x_b) - y_b) * grad_f(x_b)\n"
            "w = w - lr * grad_w\n```\n")
    assert_twins(rubric, "p1.f.update", text, ("w - lr", "w + lr"))
    update = "Problem 1\n\n(f)\nw1 = w1 - lr*dL/dw1\nw2 = w2 - lr*dL/dw2\nw3 = w3 - lr*dL/dw3\n"
    assert_twins(rubric, "p1.f.update", update, ("w3 - lr", "w3 + lr"))


def test_a_definition_of_the_asked_function_is_its_answer(rubric) -> None:
    text = "Problem 1\n\n(b)\n(i) dsig(u) = exp(-u)/(1+exp(-u))^2\n(ii) dsig(u) = sig(u)*(1-sig(u))\n"
    assert status(rubric, "p1.b.i", text) == "pass"
    assert_twins(rubric, "p1.b.ii", text, ("(1-sig(u))", "(1+sig(u))"))


def test_word_processor_bullets_and_no_break_spaces(rubric) -> None:
    text = ("1.\u00a0\u00a0 Back propagation\n\nd)\n\t\uf0b7\u00a0 ∂f/∂w3\u00a0=\u00a0σ2(x2)\n\n"
            "e)\n\t\uf0b7\u00a0 ∂f/∂w2\u00a0=\u00a0w3\u00a0·\u00a0σ2(x2)(1\u00a0−\u00a0σ2(x2))\u00a0·\u00a0σ1(x1)\n")
    assert status(rubric, "p1.d", text) == "pass"
    assert_twins(rubric, "p1.e.w2", text, ("\u00a0·\u00a0σ1(x1)", ""))


def test_raised_and_lowered_text_of_an_html_export_keeps_its_marks(rubric) -> None:
    assert "e^(−u)" in html_markdown("<p>e<sup>−u</sup></p>")
    assert "w_2" in html_markdown("<p>w<sub>2</sub></p>")
    gdocs = ('<html><head><style>.c2{vertical-align:sub}.c3{vertical-align:super}</style></head><body>'
             '<p><span>(b) (i) σ’(u) = e</span><span class="c3">-u</span><span>&nbsp;/ (1 + e</span>'
             '<span class="c3">-u</span><span>)</span><span class="c3">2</span></p></body></html>')
    text = html_markdown(gdocs)
    assert "e^(-u)" in text and ")^2" in text
    doc = read_document(text)
    assert doc.segments


def test_a_sentence_naming_a_derivative_in_code_is_not_a_name_for_the_sigmoid(rubric) -> None:
    text = ("Problem 1\n\n(b)\n(i) `dsigma_du = np.exp(-u) / (1 + np.exp(-u))**2`\n\n"
            "(ii) `dsigma_du = sigmoid(u) * (1 - sigmoid(u))`\n")
    assert status(rubric, "p1.b.i", text) == "pass"
    assert status(rubric, "p1.b.ii", text) == "pass"


# the red-team round against the rules above: a program's own definitions decide what its names mean
E_CODE = "Problem 1\n\n(e)\n```python\n{defs}df_dw2 = w3 * dsig(x2) * sig(x1)\n```\n"


def test_a_programs_name_for_the_derivative_means_what_the_hand_in_defines(rubric) -> None:
    assert status(rubric, "p1.e.w2", E_CODE.format(defs="")) == "pass"  # never defined: its usual meaning
    assert status(rubric, "p1.e.w2", E_CODE.format(defs="dsig = lambda u: sig(u)*(1-sig(u))\n")) == "pass"
    assert status(rubric, "p1.e.w2", E_CODE.format(defs="dsig = lambda u: sig(u)*(1+sig(u))\n")) != "pass"
    assert status(rubric, "p1.e.w2", E_CODE.format(defs="dsig = lambda u: 1/(1+np.exp(-u))\n")) != "pass"
    said = "Problem 1\n\nHere sigmoid_grad(u) = 1/(1+exp(-u)).\n\n(e)\n`df_dw2 = w3*sigmoid_grad(x2)*sigmoid(x1)`\n"
    assert status(rubric, "p1.e.w2", said) != "pass"


def test_a_name_given_a_new_value_is_never_read_with_its_first_one(rubric) -> None:
    rebind = "Problem 1\n\n(d)\n```python\ns2 = sigmoid(x2)\ns2 = s2*(1-s2)\ndf_dw3 = s2\n```\n"
    assert status(rubric, "p1.d", rebind) != "pass"
    swap = ("Problem 1\n\n(d)\n```python\ns1, s2 = sigmoid(x1), sigmoid(x2)\ns1, s2 = s2, s1\n"
            "df_dw3 = s2\n```\n")
    assert status(rubric, "p1.d", swap) != "pass"
    assert status(rubric, "p1.d", swap.replace("s1, s2 = s2, s1\n", "")) == "pass"


def test_a_connective_before_the_final_line_does_not_hide_it(rubric) -> None:
    text = ("Problem 1\n\n**(b)(i)**\n$$\n\\frac{d\\sigma_1}{du} = -(1+e^{-u})^{-2}\\cdot(-e^{-u})\n$$\n\n"
            "$$\n\\therefore\\ \\mathbf{\\frac{d\\sigma_1}{du} = \\frac{e^{-u}}{1+e^{-u}}}\n$$\n")
    assert status(rubric, "p1.b.i", text) != "pass"  # the final line drops the square
    assert status(rubric, "p1.b.i", text.replace("{1+e^{-u}}}", "{(1+e^{-u})^2}}")) == "pass"


def test_answers_only_parts_in_the_order_asked(rubric) -> None:
    text = ("**P1**\n\n(d) $\\sigma_2(x_2)$\n\n(e) $w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)$ ; "
            "$w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))w_2\\sigma_1(x_1)(1-\\sigma_1(x_1))x$\n\n(f) see above\n")
    assert_twins(rubric, "p1.e.w2", text, ("(1-\\sigma_2(x_2))\\sigma_1(x_1)$ ;", "\\sigma_1(x_1)$ ;"))
    assert_twins(rubric, "p1.e.w1", text, ("(1-\\sigma_1(x_1))x$", "(1-\\sigma_1(x_1))$"))
    named = text.replace("(e) $w_3", "(e) $w_2$: $w_3")  # a name alone among them: which is which is not told
    assert status(rubric, "p1.e.w2", named) != "pass"


def test_a_part_letter_then_its_first_roman_on_one_line(rubric) -> None:
    text = "HW3\n1)\nb i. e^-u / (1+e^-u)^2\n  ii. σ1(u)(1-σ1(u))\nc. forward\n"
    assert_twins(rubric, "p1.b.i", text, ("(1+e^-u)^2", "(1+e^-u)"))
    assert read_label("a is true. ok", 0) is None


def test_a_sub_part_label_ending_the_last_row_of_an_alignment(rubric) -> None:
    text = ("**(b)**\n\n$$\n\\begin{aligned}\n"
            "\\frac{d\\sigma_1}{du} &= -\\left(1+e^{-u}\\right)^{-2}\\cdot(-e^{-u}) \\\\\n"
            "&= \\boxed{\\frac{e^{-u}}{(1+e^{-u})^{2}}} \\quad\\text{(i)}\n\\end{aligned}\n$$\n\n"
            "$$\n\\begin{aligned}\n\\frac{d\\sigma_1}{du} &= \\sigma_1(u)(1-\\sigma_1(u)) \\quad\\text{(ii)}\n"
            "\\end{aligned}\n$$\n\n**(c)** forward\n")
    assert_twins(rubric, "p1.b.i", text, ("{(1+e^{-u})^{2}}}", "{1+e^{-u}}}"))
    assert_twins(rubric, "p1.b.ii", text, ("(1-\\sigma_1(u)) \\quad", "(1+\\sigma_1(u)) \\quad"))


def test_a_macro_argument_without_braces_as_tex_takes_it(rubric) -> None:
    text = ("$$\\newcommand{\\S}[1]{\\sigma_{#1}}$$\n\nProblem 1\n\n(d)\n"
            "$$\\frac{\\partial f}{\\partial w_3} = \\S2(x_2)$$\n")
    assert_twins(rubric, "p1.d", text, ("\\S2(x_2)$$", "\\S2(x_1)$$"))


def test_a_value_hedged_between_two_goes_to_a_person(rubric) -> None:
    text = "Problem 2\n\n(b) filter size: 5×5, stride: 1, channel dimension: 20 or 50?\n"
    assert status(rubric, "p2.b", text) == "review"
    assert status(rubric, "p2.b", text.replace(" or 50?", "")) == "pass"


def test_converter_marks_pandoc_scripts_math_letters_and_a_lost_subscript(rubric) -> None:
    pandoc = "Problem 1\n\n(d) ∂f/∂w~3~ = σ~2~(x~2~)\n\n(b)\n(i) dσ/du = e^−u^/(1 + e^−u^)^2^\n"
    assert_twins(rubric, "p1.d", pandoc, ("σ~2~(x~2~)", "σ~2~(x~1~)"))
    assert_twins(rubric, "p1.b.i", pandoc, ("^2^\n", "\n"))
    letters = "Problem 1\n\n(d) 𝜕𝑓/𝜕𝑤3 = 𝜎2(𝑥2)\n"
    assert_twins(rubric, "p1.d", letters, ("𝜎2(𝑥2)", "𝜎2(𝑥1)"))
    lost = "Problem 1\n\n(d) ∂fw /∂w3 = σ2 (x2 ).\n"
    assert_twins(rubric, "p1.d", lost, ("σ2 (x2 )", "σ2 (x1 )"))


def test_a_product_dot_typed_as_a_full_stop(rubric) -> None:
    text = "Problem 1\n\n(f)\n     ∇L = Σ_{i=1,2}  2 (f(x^i) - y^i) . ∇w f(x^i)\n"
    assert_twins(rubric, "p1.f.grad", text, ("2 (f(x^i)", "(f(x^i)"))
    assert status(rubric, "p1.d", "Problem 1\n\n(d) df/dw3 = σ2(x2) . Then we go on\n") == "pass"


def test_a_derivation_that_goes_on_in_a_line_not_read_is_never_graded_by_an_earlier_step(rubric) -> None:
    text = ("Problem 1\n\n(b) i)  dσ/du = - (1+e^-u)^-2 . (-e^-u)\n\n             =    e^-u\n"
            "                ---------\n                 1 + e^-u\n\n    ii) dσ/du = σ(u)(1-σ(u))\n\n(c) forward\n")
    assert status(rubric, "p1.b.i", text) != "pass"  # the final line (a fraction drawn with dashes) drops the square
    assert status(rubric, "p1.b.ii", text) == "pass"
