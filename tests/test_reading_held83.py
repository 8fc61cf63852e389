"""Readings from batch 83 (pasted questions, several routes, right-to-left scripts, tutorials, LaTeX macros) and
the leftovers of batch 81: each with a twin it must not pass.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


PER_POINT = r"""\section{Backprop}
\subsection*{(f)}
$L(w) = \sum_{n=1}^{2} (y_n - \hat y_n)^2$ with $\hat y_n = f_w(x_n)$.
\[
\nabla_w L = -2\sum_{n=1}^{2} (y_n-\hat y_n)
\begin{pmatrix}
w_3\, B(1-B)\, @W2@ A(1-A)\, x_n\\
w_3\, B(1-B)\, A\\
B
\end{pmatrix}
\]
where $A = \sigma(w_1 x_n)$ and $B = \sigma(w_2 A)$.
"""


@pytest.mark.parametrize("a, b, w2, full", [
    ("a_n", "b_n", "w_2\\,", True),  # names defined only at each data point, from the point's x
    ("a_n", "b_n", "", False),
    ("h^{(1)}_n", "h^{(2)}_n", "w_2\\,", True),  # a layer's number above, the point's index below
    ("h^{(1)}_n", "h^{(2)}_n", "", False),
])
def test_names_defined_at_each_data_point_are_read_there(rubric, a: str, b: str, w2: str, full: bool) -> None:
    report = PER_POINT.replace("@W2@", w2).replace("A", a).replace("B", b)
    assert _full(grade_report_item(rubric, "p1.f.grad", report, "report.tex")) is full


@pytest.mark.parametrize("w2, full", [("w_2 ", True), ("", False)])
def test_a_layer_in_brackets_and_a_point_in_parentheses(rubric, w2: str, full: bool) -> None:
    report = ("## Problem 1\nNotation: $z^{[1]} = w_1 x$, $a^{[1]} = \\sigma(z^{[1]})$, $z^{[2]} = w_2 a^{[1]}$, "
              "$a^{[2]} = \\sigma(z^{[2]})$.\n\n(f)\n$$\\nabla_w L = -2\\sum_{i=1}^{2} (y^{(i)} - f_w(x^{(i)})) "
              f"\\begin{{pmatrix}} w_3 a^{{[2](i)}}(1-a^{{[2](i)}}) {w2}a^{{[1](i)}}(1-a^{{[1](i)}}) x^{{(i)}} \\\\ "
              "w_3 a^{[2](i)}(1-a^{[2](i)}) a^{[1](i)} \\\\ a^{[2](i)} \\end{pmatrix}$$\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("last, full", [("s(z1)", True), ("s(z2)", False)])
def test_a_plain_text_power_keeps_its_names_index(rubric, last: str, full: bool) -> None:
    report = ("Problem 1\n(e)\n df/dw2 = w3 * e^-z2/(1+e^-z2)^2 * " + last + "\n\n"
              " (z1 = w1*x, z2 = w2*s(w1*x))\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.txt")) is full


MACROS = r"""\documentclass{article}
\usepackage{amsmath,amsthm,physics,mathtools}
\newtheorem*{solution}{Solution}
\newcommand{\act}[2][]{\sigma_{#1}\qty(#2)}
\newcommand*{\sigmoid}[1]{\sigma\mathopen{}\left(#1\right)\mathclose{}}
\DeclarePairedDelimiter\paren{(}{)}
\begin{document}
\section*{1}
\begin{solution}[b]
(i) $\dv{\sigma_1}{u} = \frac{e^{-u}}{\paren*{1+e^{-u}}^2}$.
(ii) \[ \dv{\sigma_1}{u} = @II@ . \]
\end{solution}
\begin{solution}[d]
\[ \pdv{f}{w_3} = @D@ . \]
\end{solution}
\begin{solution}[f]
\[ \grad_{\vb w} L = \sum_{i=1}^{2} 2\qty(f(x^i)-y^i)
   \mqty(w_3\,\act[2]{x_2^i}\qty(1-\act[2]{x_2^i})\,w_2\,\act[1]{x_1^i}\qty(1-\act[1]{x_1^i})\,x^i \\
         w_3\,\act[2]{x_2^i}\qty(1-\act[2]{x_2^i})\,\act[1]{x_1^i} \\
         @F3@) \]
with $x_1^i = w_1 x^i$, $x_2^i = w_2\act[1]{x_1^i}$.
\end{solution}
\end{document}
"""


@pytest.mark.parametrize("item, ii, d, f3, full", [
    # \begin{solution}[b] labels part (b); a macro's optional argument; the physics package's \mqty and \vb
    ("p1.b.ii", r"\act[1]{u}\qty(1-\act[1]{u})", r"\sigmoid{x_2}", r"\act[2]{x_2^i}", True),
    ("p1.b.ii", r"\act[1]{u}\qty(1+\act[1]{u})", r"\sigmoid{x_2}", r"\act[2]{x_2^i}", False),
    ("p1.d", r"\act[1]{u}\qty(1-\act[1]{u})", r"\sigmoid{x_2}", r"\act[2]{x_2^i}", True),  # \mathopen{}
    ("p1.d", r"\act[1]{u}\qty(1-\act[1]{u})", r"\sigmoid{x_1}", r"\act[2]{x_2^i}", False),
    ("p1.f.grad", r"\act[1]{u}\qty(1-\act[1]{u})", r"\sigmoid{x_2}", r"\act[2]{x_2^i}", True),
    ("p1.f.grad", r"\act[1]{u}\qty(1-\act[1]{u})", r"\sigmoid{x_2}", r"\act[1]{x_1^i}", False),
])
def test_latex_macros_and_theorem_labels(rubric, item: str, ii: str, d: str, f3: str, full: bool) -> None:
    report = MACROS.replace("@II@", ii).replace("@D@", d).replace("@F3@", f3)
    assert _full(grade_report_item(rubric, item, report, "report.tex")) is full


@pytest.mark.parametrize("total, full", [("431080", True), ("430080", False)])
def test_a_total_in_a_multicolumn_cell(rubric, total: str, full: bool) -> None:
    rows = "".join(f"{name} & {n} \\\\\n" for name, n in (("conv1", 520), ("relu1", 0), ("pool1", 0),
                                                          ("conv2", 25050), ("relu2", 0), ("pool2", 0),
                                                          ("fc1", 400500), ("fc2", 5010)))
    report = ("\\section*{2}\n\\subsection*{(c)}\n\\begin{tabular}{@{}lr@{}}\nlayer & params \\\\\n" + rows
              + f"\\multicolumn{{1}}{{@{{}}l}}{{total}} & \\num{{{total}}} \\\\\n\\end{{tabular}}\n")
    assert _full(grade_report_item(rubric, "p2.c", report, "report.tex")) is full


@pytest.mark.parametrize("ii, full", [(r":math:`\sigma(u)(1-\sigma(u))`", True),
                                      (r":math:`\sigma(u)(1+\sigma(u))`", False)])
def test_roles_in_a_simple_rst_table(rubric, ii: str, full: bool) -> None:
    report = ("Problem 1\n=========\n\nRecap\n-----\n\n========  ==========================\npart      result\n"
              f"========  ==========================\n1(b)(ii)  {ii}\n========  ==========================\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "report.rst")) is full


TRAINED = """## Problem 2

### (c)

| layer | params |
|---|---|
| conv1 | 520 |
| relu1 | 0 |
| pool1 | 0 |
| conv2 | 25050 |
| relu2 | 0 |
| pool2 | 0 |
| fc1 | 400500 |
| fc2 | 5010 |
| **total** | **431080** |

@HEAD@

`Net` (conv1 20@5×5 → relu → maxpool → conv2 → relu → maxpool → fc 800→500 → relu → fc 500→10). 99.1 %.
"""


@pytest.mark.parametrize("head, full", [
    ("### Training result", True),  # a heading that opens what no written part asks ends (c)
    ("Also:", False),  # no heading: the line goes on in (c), its "relu → fc 500→10" read as relu's values
])
def test_a_training_result_heading_ends_the_part(rubric, head: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.c", TRAINED.replace("@HEAD@", head))) is full


GRAD_NOTE = r"""## Problem 1

### (f)

The loss has no ½ in front[^half], so

$$\nabla_w\mathcal L = \sum_i 2(f_w(x^i)-y^i)\nabla_w f_w(x^i)$$

$$w \leftarrow w - \alpha\nabla_w\mathcal L$$

## Problem 2

### (a)

input 28×28×1

[^half]: @NOTE@
"""


@pytest.mark.parametrize("note, full", [
    # a remark about how other courses write it, or the same step said otherwise, changes nothing
    ("In some courses the loss is $\\frac12\\sum(y-f)^2$, and then the 2 cancels and the gradient is "
     "$-\\sum(y-f)\\nabla f$.", True),
    ("Equivalently, $\\mathcal L$ with the ½ and learning rate $2\\alpha$ gives exactly the same step.", True),
    ("Correction: the gradient is $-\\sum(y-f)\\nabla f$, the 2 cancels.", False),
])
def test_footnotes_about_other_conventions(rubric, note: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.f.grad", GRAD_NOTE.replace("@NOTE@", note))) is full


@pytest.mark.parametrize("numbers, last, full", [
    ("(-0.028424,\\ 0.170658,\\ 0.260302)", "\\sum_i 2(f_w(x^i)-y^i)\\nabla f_w(x^i)", True),  # an example's value
    ("(-0.028424,\\ 0.170658,\\ 0.260302)", "\\sum_i (f_w(x^i)-y^i)\\nabla f_w(x^i)", False),
])
def test_a_value_at_an_example_inside_a_chain_is_no_step(rubric, numbers: str, last: str, full: bool) -> None:
    report = ("## Problem 1\n\n### (f)\n\n$$\\nabla_w\\mathcal L = \\sum_{i=1}^2 -2(y^i-f_w(x^i))\\nabla_w f_w(x^i) = "
              f"{numbers} = {last}$$\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("words, full", [
    # words after the update rule about its sign are about the update, not the gradient above it
    ("I'm not sure if it should be minus or plus here: normally it is $-\\alpha\\nabla L$, but maybe the two minuses "
     "cancel?", True),
    ("For my answer I only keep the $i=1$ term of the sum.", False),
])
def test_words_after_an_update_rule(rubric, words: str, full: bool) -> None:
    report = ("## Problem 1\n\n### (f)\n\n$$\\nabla_w L = \\sum_{i=1}^{2} 2(f_w(x^i) - y^i)\\nabla_w f_w(x^i)$$\n\n"
              f"$$w \\leftarrow w \\mp \\alpha \\nabla_w L$$\n\n{words}\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("aside, full", [
    ("(Same function as e^(-u)/(1+e^(-u))^2, I just like this form more: for very positive u it's the other way "
     "around.)", True),
    ("(Actually it is the other way around: e^(-u)/(1+e^(-u))^2 without the square.)", False),
])
def test_an_aside_that_says_same_function(rubric, aside: str, full: bool) -> None:
    report = f" (b)\n\n (i)\n   +----------------------------+\n   |  ds1/du = e^u / (1 + e^u)^2 |\n" \
             f"   +----------------------------+\n\n   {aside}\n\n (ii) ds/du = s(u)(1 - s(u))\n"
    assert _full(grade_report_item(rubric, "p1.b.i", "Problem 1\n" + report, "report.txt")) is full


@pytest.mark.parametrize("sentence, full", [
    ("(You could also do e.g. $k=7$ with padding 1, but the network uses no padding, so I stick with that.)", True),
    ("Could instead use 9×9 with padding 2.", False),  # another answer offered
])
def test_a_setting_that_could_be_is_no_answer(rubric, sentence: str, full: bool) -> None:
    report = f"## Problem 2\n\n### (b)\n\nfilter size 5×5, stride 1, padding 0, channel dimension 20.\n\n{sentence}\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("cell, full", [
    ("20 (so each filter is 5×5×20; 50 of them give 50 output channels)", True),  # the aside's values are its own
    ("50 (so each filter is 5×5×50)", False),
])
def test_values_in_a_cells_aside_are_the_asides(rubric, cell: str, full: bool) -> None:
    report = (f"## Problem 2\n\n### (b)\n\n| filter size | 5×5 |\n|---|---|\n| stride | 1 |\n"
              f"| channel dimension | {cell} |\n| padding | none |\n")
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


PASTED = """# HW

(d) Compute ∂f_w/∂w3.
(e) Use the chain rule to compute ∂f_w/∂w2 and ∂f_w/∂w1.
(f) Given a dataset D and the loss L(w), compute the gradient.

PROBLEM 1 — my answers

**(d) Answer:**

$$\\frac{\\partial f_w}{\\partial w_3} = @D@$$

**(e) Answer:**

$$\\frac{\\partial f_w}{\\partial w_2} = w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)$$
"""


@pytest.mark.parametrize("d, full", [("\\sigma_2(x_2)", True), ("\\sigma_2(x_2)(1-\\sigma_2(x_2))", False)])
def test_the_handouts_questions_pasted_then_answered_under_their_labels(rubric, d: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.d", PASTED.replace("@D@", d))) is full


@pytest.mark.parametrize("answer, full", [("exp(-u) / (1+exp(-u))^2", True), ("-exp(-u) / (1+exp(-u))^2", False)])
def test_an_answers_turn_after_a_pasted_question(rubric, answer: str, full: bool) -> None:
    report = ("Q: (b) Compute the derivative d sigma1/du (i) in terms of the exponential function exp and\n"
              "   (ii) in terms of sigma1 itself.\n"
              f"A: (i)  s'(u) = {answer}\n   (ii) s'(u) = s(u)(1 - s(u))\n\nQ: (c) Explain it.\nA: fine\n")
    assert _full(grade_report_item(rubric, "p1.b.i", "Problem 1\n" + report, "report.txt")) is full


@pytest.mark.parametrize("conv, full", [("24 x 24 x 20", True), ("23 x 23 x 20", False)])
def test_a_wrapped_question_is_no_second_value(rubric, conv: str, full: bool) -> None:
    report = ("Problem 2\n\nQ: (a) What is the input dimension? ...\nA: input:  28 x 28 x 1\n"
              f"   conv1 filter: 5 x 5 x 1   (x20 filters)\n   after conv1: {conv}\n   after pool1: 12 x 12 x 20\n\n"
              "Q: (b) After conv2 and pool2 the feature map is 4x4x50. Which filter size, stride and channel\n"
              "   dimension must conv2 have so that the 12x12x20 input becomes 8x8x50?\n"
              "A: filter 5x5, stride 1, channel dim 20\n")
    assert _full(grade_report_item(rubric, "p2.a", report, "report.txt")) is full


@pytest.mark.parametrize("after, full", [
    ("everything in (e) just gets multiplied by that, and the two samples add up", True),  # (e) used in (f)
    ("and in (e) I forgot the x", False),
])
def test_a_later_part_that_uses_an_earlier_one(rubric, after: str, full: bool) -> None:
    report = ("## 1\n\n### (e)\n\n$$\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))w_2"
              "\\sigma_1(x_1)(1-\\sigma_1(x_1))x$$\n\n### (f)\n\n**Method 2 (backprop, starting with δ_f = ∂L/∂f "
              f"instead of 1):** δ_f^{{(i)}} = 2(f_w(x^i) − y^i), then {after}.\n")
    assert _full(grade_report_item(rubric, "p1.e.w1", report)) is full


@pytest.mark.parametrize("boxed, status", [
    ("w_3\\,\\sigma_2(x_2)\\big(1-\\sigma_2(x_2)\\big)\\,\\sigma_1(x_1)", "review"),  # a check is read again
    ("w_3\\,\\sigma_2(x_2)\\,\\sigma_1(x_1)", "review"),  # and a route said the same that differs is a person's
])
def test_a_second_route_said_to_agree_is_never_taken_on_its_word(rubric, boxed: str, status: str) -> None:
    report = (f"## 1\n\n### (e)\n\n$$\\boxed{{\\frac{{\\partial f_w}}{{\\partial w_2}} = {boxed}}}$$\n\n"
              "**Method 2**\n\n- δ_{x2} = w3 h2(1−h2)\n- ∂f/∂w2 = δ_{x2} · h1 = w3 h2(1−h2) h1 ✓ same as Method 1\n")
    assert grade_report_item(rubric, "p1.e.w2", report).status == status


@pytest.mark.parametrize("lead, full", [
    ("On my first attempt I passed it through with $\\sigma_1(x_1)$ instead of $\\sigma_1'(x_1)$, which gave", True),
    ("So", False),  # no earlier attempt told: the last formula is the answer
])
def test_a_first_attempt_told_in_a_sentence(rubric, lead: str, full: bool) -> None:
    report = ("## 1\n\n### (e)\n\n$$\\frac{\\partial f_w}{\\partial w_1}=w_3\\sigma_2'(x_2)w_2\\sigma_1'(x_1)x$$\n\n"
              f"{lead} $\\frac{{\\partial f}}{{\\partial w_1}}=w_3\\sigma_2'(x_2)w_2\\,\\sigma_1(x_1)\\,x$. "
              "The numbers below show that version is wrong.\n")
    assert _full(grade_report_item(rubric, "p1.e.w1", report)) is full


LEAVING_BOTH = r"""\subsection*{(e)}
Route 1: \[ \frac{\partial f_w}{\partial w_2} = w_3\,\sigma_2(x_2)(1-\sigma_2(x_2))\,\sigma_1(x_1) \]
Route 2: \[ \frac{\partial f_w}{\partial w_2} = w_3\,\frac{e^{-x_2}}{(1+e^{-x_2})^2}\,\sigma_1(x_1) \]
Route 1: \[ \frac{\partial f_w}{\partial w_1} = w_3\,\sigma_2'(x_2)\,w_2\,\sigma_1(x_1)(1-\sigma_1(x_1))\,x \]
Route 2: \[ \frac{\partial f_w}{\partial w_1} = w_3\,\sigma_2'(x_2)\,w_2\,\sigma_1(x_1)(1-\sigma_1(x_1)) \]
So I am leaving both expressions for $\partial f_w/\partial w_1$ above.
"""


@pytest.mark.parametrize("item, full", [("p1.e.w2", True), ("p1.e.w1", False)])
def test_doubt_that_names_another_item_of_the_part(rubric, item: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, item, "\\section*{1}\n" + LEAVING_BOTH, "report.tex")) is full


@pytest.mark.parametrize("line, full", [
    ("- channel dimension\u200e فیلتر: ۲۰ (برابر عمق ورودی)", True),  # direction marks, Persian digits
    ("- channel dimension\u200e فیلتر: ۵۰", False),
    ("- stride ۱ و channel dimension ۲۰", True),  # "و" (and) opens the next label's clause
    ("- stride ۱ و channel dimension ۵۰", False),
    ("- چینل ڈائمنشن = 20", True),  # Urdu's "channel"
])
def test_right_to_left_values(rubric, line: str, full: bool) -> None:
    report = f"## Problem 2\n\n### (b)\n\n- اندازه‌ی فیلتر: $5\\times5$\n- stride = 1\n{line}\n"
    if "stride ۱" in line:
        report = report.replace("- stride = 1\n", "")
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("d, full", [("\\sigma_2(x_2)", True), ("\\sigma_2(x_1)", False)])
def test_abjad_labels_in_latex_headings(rubric, d: str, full: bool) -> None:
    report = ("\\section*{السؤال الأول}\n\\subsection*{د)}\n\\[ \\frac{\\partial f}{\\partial w_3} = " + d + " \\]\n"
              "\\subsection*{هـ) المشتقات}\n\\[ \\frac{\\partial f}{\\partial w_2} = "
              "w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))"
              "\\,\\sigma_1(x_1) \\]\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.tex")) is full
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.tex"))


@pytest.mark.parametrize("aside, full", [
    ("(זה אותו דבר ל-σ₁ ול-σ₂)", True),  # "this is the same for σ1 and σ2"
    ("(כפול w₂)", False),  # "times w2"
])
def test_an_aside_in_another_script_after_a_plain_formula(rubric, aside: str, full: bool) -> None:
    report = f"Problem 1\n\n(b)\n\n(ii) מסמנת מעכשיו σ′(u) = σ(u)(1 − σ(u)) {aside}.\n"
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "report.txt")) is full


def test_one_of_the_two_in_hebrew_is_indecision(rubric) -> None:
    report = ("## Problem 2\n\n### (b)\n\n- filter size: 5×5\n- stride: 1\n- channel dimension: לא בטוח -- אם לעומק "
              "של כל פילטר אז 20, ואם לערוצים היוצאים אז 50. אחד מהשניים.\n")
    assert grade_report_item(rubric, "p2.b", report).status == "review"


@pytest.mark.parametrize("answer, status", [
    ("e^-x1/(1+e^-x1)^2", "review"),  # right with x1 read as the variable: a person decides, never a fail
    ("e^-x1/(1+e^-x1)", "fail"),
])
def test_a_variable_named_like_the_handouts_x1(rubric, answer: str, status: str) -> None:
    report = f"Problem 1\n1b  {answer} ; σ1(x1)(1-σ1(x1))\n"
    assert grade_report_item(rubric, "p1.b.i", report, "report.txt").status == status


def test_a_drawings_node_names_are_no_labels(rubric) -> None:
    report = ("\\section{Back propagation}\n\\subsection*{(a) Graph}\n\\begin{tikzpicture}\n\\node (b) {$x_1$};"
              " \\node (d) {$x_2$};\n\\draw[->] (b)--(d);\n\\end{tikzpicture}\n"
              "\\subsection*{(d)}\n\\[ \\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2) \\]\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.tex"))


@pytest.mark.parametrize("note, full", [("", True), ("In (d) I forgot the w3 factor.", False)])
def test_forgetting_a_named_factor_is_a_change(rubric, note: str, full: bool) -> None:
    report = ("## Problem 1\n\n(d) $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$\n\n(e) $\\frac{\\partial f}"
              "{\\partial w_2} = w_3 \\sigma_2(x_2)(1-\\sigma_2(x_2)) \\sigma_1(x_1)$\n\n(f) The gradient is below.\n\n"
              f"{note}\n")
    assert _full(grade_report_item(rubric, "p1.d", report)) is full


@pytest.mark.parametrize("piece", [
    "\\begin{tikzpicture} \\node (b) {x}; ",  # drawings that never end
    "(Same " + "(" * 40,  # asides that never close
    "✓ same as " * 3 + "method ",
    "could " + "x " * 40,
    "e.g. " * 10,
    "In some courses " * 3,
    "\\mqty( a \\\\ (b ",  # a matrix that never closes
    "\\newcommand{\\a}[2][x]{#1 #2} \\a[",
])
def test_the_batch_83_readings_take_bounded_time_on_hostile_text(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece, size=30_000) < 20
