"""The 30th held-out batch (an ordinary class; Word, Google Docs and pandoc exports; students writing in twelve
languages; handwriting through OCR; programmers who write math as code): each reading with its twin (the same
layout with a wrong answer, which must not pass), and the hostile shapes that were slow."""
from __future__ import annotations

import time

import pytest

from grader.reading.document import read_document
from tests.helpers import assert_twins, grade_report_item


def status(rubric, item: str, report: str, name: str = "r.md") -> str:
    return grade_report_item(rubric, item, report, name).status


GENERIC_THEN_COMPONENTS = r"""## (f)
$$\frac{\partial L}{\partial w_j} = \sum_{i=1}^2 -2\bigl(y^i-f_w(x^i)\bigr)\frac{\partial f_w(x^i)}{\partial w_j}.$$
Writing $s_1^i = w_1x^i$, $s_2^i = w_2\sigma(s_1^i)$, the three components are
\begin{align*}
  \frac{\partial L}{\partial w_1} &= \sum_{i=1}^2 2\bigl(f_w(x^i)-y^i\bigr)\, w_3\,\sigma(s_2^i)(1-\sigma(s_2^i))\,w_2\,\sigma(s_1^i)(1-\sigma(s_1^i))\,x^i,\\
  \frac{\partial L}{\partial w_2} &= \sum_{i=1}^2 2\bigl(f_w(x^i)-y^i\bigr)\, w_3\,\sigma(s_2^i)(1-\sigma(s_2^i))\,\sigma(s_1^i),\\
  \frac{\partial L}{\partial w_3} &= \sum_{i=1}^2 2\bigl(f_w(x^i)-y^i\bigr)\, \sigma(s_2^i).
\end{align*}
"""


def test_components_worked_out_after_a_general_form_are_the_answer(rubric) -> None:
    """∂L/∂w_j = Σ −2(y − f)∂f/∂w_j always equals the reference; the components after it are what is graded."""
    assert_twins(rubric, "p1.f.grad", GENERIC_THEN_COMPONENTS, (r"(1-\sigma(s_1^i))\,x^i", r"(1-\sigma(s_1^i))"))


def test_two_boxed_answers_of_opposite_sign_go_to_a_person(rubric) -> None:
    """Chain rule gives −e^{−u}/…, the quotient rule e^{−u}/…, both boxed, "I'll check later": the last one of
    the quantity is not the answer alone (the earlier one stays a step, a person decides)."""
    report = (r"\subsection*{(b)}" "\n" r"\textbf{(i)} Con regla de la cadena:" "\n"
              r"\[ \frac{d\sigma}{du} = -(1+e^{-u})^{-2}\cdot e^{-u} \quad\Longrightarrow\quad"
              r" \boxed{\frac{d\sigma}{du} = \frac{-e^{-u}}{(1+e^{-u})^2}} \]" "\n"
              r"Con regla del cociente:" "\n"
              r"\[ \frac{d\sigma}{du} = \frac{(1+e^{-u})\cdot 0 - 1\cdot(-e^{-u})}{(1+e^{-u})^2} \quad\Longrightarrow\quad"
              r" \boxed{\frac{d\sigma}{du} = \frac{e^{-u}}{(1+e^{-u})^2}} \]" "\n"
              "(me salen con distinto signo, lo reviso después)\n")
    assert status(rubric, "p1.b.i", report, "r.tex") == "review"


def test_a_python_power_with_a_negative_exponent_in_backticks(rubric) -> None:
    """`-(1+exp(-u))**-2 * exp(-u) * (-1)` = **`exp(-u) / (1 + exp(-u))**2`**: the power is no bold mark."""
    report = ("### (b)\n\n**(i)** `sig(u) = (1 + exp(-u))**-1`, so by chain rule\n\n"
              "`dsig/du = -(1+exp(-u))**-2 * exp(-u) * (-1)` = **`exp(-u) / (1 + exp(-u))**2`**\n")
    assert_twins(rubric, "p1.b.i", report, ("(1 + exp(-u))**2`**", "(1 + exp(-u))**3`**"))


@pytest.mark.parametrize("line", ["vì e⁻ᵘ/(1 + e⁻ᵘ) = 1 − σ(u) nên σ'(u) = σ(u)·(1 − σ(u))",
                                  "porque e⁻ᵘ/(1 + e⁻ᵘ) = 1 − σ(u), então σ'(u) = σ(u)·(1 − σ(u))"])
def test_a_because_clause_in_another_language_is_not_the_answer(rubric, line: str) -> None:
    report = f"**b)**\n- (i) σ'(u) = e⁻ᵘ / (1 + e⁻ᵘ)²\n- (ii) {line}\n"
    assert_twins(rubric, "p1.b.ii", report, ("σ(u)·(1 − σ(u))", "σ(u)·(1 + σ(u))"))


def test_a_braced_name_at_a_data_point(rubric) -> None:
    """{a_2}^{(i)}: the activation a_2 at the i-th data point, as a_2^{(i)}."""
    report = ("Let $a_1 = \\sigma(w_1 x)$, $a_2 = \\sigma(w_2 a_1)$.\n\n## (f)\n\n"
              "$$\\frac{\\partial L}{\\partial w_1} = \\sum_{i=1}^{2}2\\big(f_w(x^i)-y^i\\big)\\,w_3\\,{a_2}^{(i)}"
              "(1-{a_2}^{(i)})\\,w_2\\,{a_1}^{(i)}(1-{a_1}^{(i)})\\,x^i$$\n\n"
              "$$\\frac{\\partial L}{\\partial w_2} = \\sum_{i=1}^{2}2\\big(f_w(x^i)-y^i\\big)\\,w_3\\,{a_2}^{(i)}"
              "(1-{a_2}^{(i)})\\,{a_1}^{(i)}$$\n\n"
              "$$\\frac{\\partial L}{\\partial w_3} = \\sum_{i=1}^{2}2\\big(f_w(x^i)-y^i\\big)\\,{a_2}^{(i)}$$\n")
    assert_twins(rubric, "p1.f.grad", report, ("\\,{a_2}^{(i)}$$", "\\,{a_1}^{(i)}$$"))


def test_an_intermediate_written_as_a_function_of_a_data_point(rubric) -> None:
    """σ(x_2(x^1)): the handout's x_2 at the first data point (not x_2 times x^1)."""
    report = ("## (f)\n\n$$\\frac{\\partial L}{\\partial w_1} = \\sum_i 2(f(x^i)-y^i)\\frac{\\partial f(x^i)}{\\partial w_1}$$"
              "\n\n$$\\frac{\\partial L}{\\partial w_2} = \\sum_i 2(f(x^i)-y^i)\\frac{\\partial f(x^i)}{\\partial w_2}$$\n\n"
              "$$\\frac{\\partial L}{\\partial w_3} = 2(f(x^1)-y^1)\\sigma(x_2(x^1)) + 2(f(x^2)-y^2)\\sigma(x_2(x^2))$$\n")
    assert_twins(rubric, "p1.f.grad", report, ("\\sigma(x_2(x^2))$$", "\\sigma(x_2(x^1))$$"))


def test_layer_names_h_and_o_are_no_data_point_index(rubric) -> None:
    """a_h = σ(z_h), a_o = σ(z_o): the hidden and the output layer's activations, not a family a^1, a^2."""
    report = ("Using names:\n* hidden pre-activation  z_h = w1 x,  hidden activation a_h = σ(z_h)\n"
              "* output pre-activation  z_o = w2 a_h, output activation a_o = σ(z_o)\n\n"
              "**(e)** ∂f/∂w2 = w3 a_o (1 − a_o) a_h\n")
    assert_twins(rubric, "p1.e.w2", report, ("(1 − a_o) a_h", "(1 − a_o)"))


def test_a_code_snippet_inside_a_part_does_not_end_it(rubric) -> None:
    """A loop that sums the gradient, then the answer in words and math: the part goes on after the snippet;
    a program listing (a class, a def, imports) still ends the part before it."""
    report = ("### (f)\n\n```python\ngrad = [0.0, 0.0, 0.0]\nfor (xi, yi) in D:\n    r = f(xi) - yi\n"
              "    grad[0] += 2 * r * df_dw1(xi)\n```\n\n"
              "즉 $\\nabla_w\\mathcal L = \\sum_{i=1}^{2} 2\\,(f_w(x^i)-y^i)\\,\\nabla_w f_w(x^i)$, "
              "$\\;w^{\\text{new}} = w - \\alpha\\,\\nabla_w\\mathcal L$.\n")
    assert_twins(rubric, "p1.f.update", report, ("w - \\alpha\\,", "w + \\alpha\\,"))
    listing = report.replace("grad = [0.0, 0.0, 0.0]\n", "import numpy as np\ndef grad(D):\n")
    assert status(rubric, "p1.f.update", listing) != "pass"


def test_an_exporters_nbsp_indent_continues_the_equation(rubric) -> None:
    report = ("**(e)**\n\n∂f/∂w\\_2 \\= ∂f/∂σ\\_2 \\* ∂σ\\_2/∂x\\_2 \\* ∂x\\_2/∂w\\_2\n\n"
              "&nbsp;&nbsp;&nbsp;&nbsp;\\= w\\_3 \\* σ\\_2(x\\_2)(1 − σ\\_2(x\\_2)) \\* σ\\_1(x\\_1)\n")
    assert_twins(rubric, "p1.e.w2", report, ("(1 − σ\\_2(x\\_2)) \\* σ\\_1(x\\_1)", "(1 − σ\\_2(x\\_2))"))


def test_a_latex_control_space_between_digit_groups(rubric) -> None:
    report = ("**(c)**\n\nconv1 : $(5 \\times 5 \\times 1 + 1) \\times 20 = 520$\n\nrelu1 : 0 ; pool1 : 0\n\n"
              "conv2 : $(5 \\times 5 \\times 20 + 1) \\times 50 = 25\\ 050$\n\nrelu2 : 0 ; pool2 : 0\n\n"
              "fc1 : $(4 \\times 4 \\times 50 + 1) \\times 500 = 400\\ 500$\n\n"
              "fc2 : $(500 + 1) \\times 10 = 5\\ 010$\n\n**Total : 431 080 paramètres**\n")
    report = "# Problem 2\n\n" + report
    assert_twins(rubric, "p2.c", report, ("= 25\\ 050$", "= 25\\ 000$"))


def test_inline_equals_after_a_sentence_starts_no_side_of_the_equation_before(rubric) -> None:
    """"∇L = (∂L/∂w₁, …)^T, and the update with learning rate `lr` $=\\alpha$": α is what lr names."""
    report = ("(f) Written for the two points:\n\n"
              "$$\\frac{\\partial L}{\\partial w_1} = \\sum_i 2(f_w(x^i)-y^i)\\,w_3\\sigma_2'(x_2^i)w_2\\sigma_1'(x_1^i)x^i$$\n\n"
              "$$\\frac{\\partial L}{\\partial w_2} = \\sum_i 2(f_w(x^i)-y^i)\\,w_3\\sigma_2'(x_2^i)\\sigma_1(x_1^i)$$\n\n"
              "$$\\frac{\\partial L}{\\partial w_3} = \\sum_i 2(f_w(x^i)-y^i)\\,\\sigma_2(x_2^i)$$\n\n"
              "$\\nabla_w L = \\left(\\frac{\\partial L}{\\partial w_1}, \\frac{\\partial L}{\\partial w_2}, "
              "\\frac{\\partial L}{\\partial w_3}\\right)^T$, and the update with learning rate `lr` $=\\alpha$:\n\n"
              "$$w_j \\leftarrow w_j - \\alpha\\,\\frac{\\partial L}{\\partial w_j},\\qquad j = 1,2,3$$\n")
    assert_twins(rubric, "p1.f.grad", report, ("\\,\\sigma_2(x_2^i)$$", "\\,\\sigma_1(x_1^i)$$"))


def test_pandoc_italic_letters_and_a_subscript_with_a_range(rubric) -> None:
    """Word through pandoc: *h*~1~ = *w*~1~*x*, Σ~i=1,2~: every letter in italics, scripts between tildes."""
    report = ("Notation: *h*~1~ = *w*~1~*x*, *a*~1~ = σ(*h*~1~), *h*~2~ = *w*~2~*a*~1~, *a*~2~ = σ(*h*~2~).\n\n"
              "**(d)** ∂*f*/∂*w*~3~ = *a*~2~ = σ(*w*~2~ σ(*w*~1~*x*))\n\n"
              "**(f)** ∇~w~ℒ = Σ~i=1,2~ 2(*f*~w~(*x*^i^) − *y*^i^) · ∇~w~*f*~w~(*x*^i^)\n")
    assert_twins(rubric, "p1.d", report, ("= *a*~2~ = σ(*w*~2~ σ(*w*~1~*x*))", "= *a*~1~ = σ(*w*~1~*x*)"))
    assert_twins(rubric, "p1.f.grad", report, ("2(*f*~w~(*x*^i^) − *y*^i^)", "(*f*~w~(*x*^i^) − *y*^i^)"))


def test_a_hyphenated_word_is_prose(rubric) -> None:
    report = "Using names: hidden pre-activation  z = w1 x\n\n**(d)** ∂f/∂w3 = σ(w2 σ(z))\n"
    assert_twins(rubric, "p1.d", report, ("σ(w2 σ(z))", "w3 σ(w2 σ(z))"))


@pytest.mark.parametrize("text", ["(b) a = 1\n(d) 2\n" * 3000, "reply\n" + "> a\nb\n" * 3000])
def test_many_labelled_or_quoted_short_lines_read_in_linear_time(text: str) -> None:
    """Each line named a part that every earlier part of its letter might mean (cubic: minutes), or began a run
    of stacked pieces tried again from every line (quadratic); a tenth of the lines must cost about a tenth."""
    small = text[:len(text) // 10]
    started = time.perf_counter()
    read_document(small)
    tenth = time.perf_counter() - started
    started = time.perf_counter()
    read_document(text)
    full = time.perf_counter() - started
    assert full < 25 * tenth + 1.0, (tenth, full)


# after the batch: the readings its remaining disagreements asked for

def test_an_answer_sheets_bracketed_labels_and_a_function_named_in_words(rubric) -> None:
    report = ("# I write everything as pseudo-code. s() = sigmoid.\n\n[1b]\n"
              "  (i)  s'(u) = exp(-u) / (1 + exp(-u))^2\n  (ii) s'(u) = s(u) - s(u)^2\n\n[1d]\n  df/dw3 = s(x2)\n")
    assert_twins(rubric, "p1.b.ii", report, ("s(u) - s(u)^2", "s(u) + s(u)^2"))
    assert_twins(rubric, "p1.d", report, ("df/dw3 = s(x2)", "df/dw3 = w3*s(x2)"))


def test_a_vector_written_over_several_lines(rubric) -> None:
    report = ("[1f]\n  grad = [ SUM_i 2*(f(x^i)-y^i) * w3*s(x2^i)*(1-s(x2^i))*w2*s(x1^i)*(1-s(x1^i))*x^i ,\n"
              "           SUM_i 2*(f(x^i)-y^i) * w3*s(x2^i)*(1-s(x2^i))*s(x1^i) ,\n"
              "           SUM_i 2*(f(x^i)-y^i) * s(x2^i) ]\n  # x1^i = w1*x^i , x2^i = w2*s(x1^i)\n")
    report = "s = sigmoid; x1 = w1*x ; x2 = w2*s(x1)\n\n" + report
    assert_twins(rubric, "p1.f.grad", report, ("* s(x2^i) ]", "* s(x1^i) ]"))


def test_words_that_substitute_a_point_correct_nothing(rubric) -> None:
    """"# df/dwk(x^i) = the (d)/(e) formulas with x replaced by x^i" in (f) cites (d) and (e), it fixes nothing."""
    report = ("x1 = w1*x ; x2 = w2*sig(x1) ; sig = logistic sigmoid\n\n(d)\n  df/dw3 = sig(x2)\n\n(f)\n"
              "  grad_w L = sum_{i=1,2} 2*(f_w(x^i) - y^i) * [ df/dw1(x^i), df/dw2(x^i), df/dw3(x^i) ]^T\n\n"
              "  # df/dwk(x^i) = the (d)/(e) formulas with x replaced by x^i\n")
    assert status(rubric, "p1.d", report, "r.txt") == "pass"
    fixed = report.replace("with x replaced by x^i", "but (d) should be w3*sig(x2)")
    assert status(rubric, "p1.d", fixed, "r.txt") != "pass"


def test_an_exported_word_document_with_its_math_italic_h_and_matrices(rubric) -> None:
    """Word writes the italic h as ℎ (outside the math italic block) and a matrix as ■(a@b@c)."""
    report = ("Notation: 𝑧₁ = 𝑤₁𝑥, ℎ₁ = σ(𝑧₁), 𝑧₂ = 𝑤₂ℎ₁, ℎ₂ = σ(𝑧₂)\n\n(e) ∂𝑓/∂𝑤₂ = 𝑤₃ ℎ₂(1 − ℎ₂) ℎ₁\n\n"
              "(f)\n∇_w L=∑_(i=1)^2▒〖2(f_w (x^i )-y^i )[■((∂f_w (x^i ))/(∂w_1 )@(∂f_w (x^i ))/(∂w_2 )"
              "@(∂f_w (x^i ))/(∂w_3 ))]〗\n")
    assert_twins(rubric, "p1.e.w2", report, ("(1 − ℎ₂) ℎ₁", "(1 − ℎ₂)"))
    assert_twins(rubric, "p1.f.grad", report, ("〖2(f_w", "〖(f_w"))


def test_a_definition_in_words_then_formulas_on_one_line(rubric) -> None:
    report = ("notation: sig = sigmoid, a = w1*x, b = w2*sig(a)\n\n(d) df/dw3 = sig(b)\n\n"
              "(e) df/dw2 = w3 * sig(b)(1-sig(b)) * sig(a)\n")
    assert_twins(rubric, "p1.e.w2", report, ("(1-sig(b)) * sig(a)", "(1-sig(b)) * a"))


def test_a_derivative_alone_on_its_line_names_the_equals_lines_under_it(rubric) -> None:
    report = ("**(e)** ∂f/∂w_2\n= w_3 · σ_2′(x_2) · σ_1(x_1)\n\n∂f/∂w_1\n= w_3 · σ_2′(x_2) · w_2\n"
              "· σ_1′(x_1) · x\n")
    assert_twins(rubric, "p1.e.w2", report, ("· σ_1(x_1)\n", "· x\n"))
    assert_twins(rubric, "p1.e.w1", report, ("· σ_1′(x_1) · x", "· σ_1′(x_1)"))


def test_a_line_break_in_a_saved_pages_source_is_a_space(rubric) -> None:
    page = ("<html><body><p><b>(e)</b> ∂<i>f</i>/∂<i>w</i><sub>2</sub>\n= <i>w</i><sub>3</sub> σ<sub>2</sub>"
            "(<i>x</i><sub>2</sub>)[1 − σ<sub>2</sub>(<i>x</i><sub>2</sub>)]\nσ<sub>1</sub>(<i>x</i><sub>1</sub>)"
            "</p></body></html>")
    assert status(rubric, "p1.e.w2", page, "r.html") == "pass"
    assert status(rubric, "p1.e.w2", page.replace("\nσ<sub>1</sub>", "\nw<sub>2</sub>"), "r.html") != "pass"


def test_arabic_part_words_and_short_vowels(rubric) -> None:
    report = ("## السؤال الثاني: MNIST\n\n### الجزء (أ)\n- بُعد المدخل: $28\\times28$\n"
              "- بُعد المرشّح في الطبقة الأولى: $5\\times5\\times1\\times20$\n- المخرج بعد الالتفاف: $24\\times24\\times20$\n"
              "- المخرج بعد التجميع الأقصى: $12\\times12\\times20$\n")
    assert_twins(rubric, "p2.a", report, ("$24\\times24\\times20$", "$23\\times23\\times20$"))


@pytest.mark.parametrize("misread", ["o1(x1)", "61(x1)"])
def test_a_sigma_that_handwriting_recognition_misread(rubric, misread: str) -> None:
    """σ1 read as "o1" or "61" by the OCR, in a hand-in that writes σ elsewhere: still σ1 (and a slip still fails)."""
    report = f"x1 = w1 x, x2 = w2 σ1(x1)\n\n(e) ∂f/∂w1 = w3 σ2(x2)(1 - σ2(x2)) w2 {misread}(1 - σ1(x1)) x\n"
    assert_twins(rubric, "p1.e.w1", report, ("(1 - σ1(x1)) x", "(1 - σ1(x1))"))


def test_a_filter_said_again_without_its_one_channel(rubric) -> None:
    report = ("2.(a)\n  input:               28 x 28\n"
              "  conv1 filters:       5 x 5 x 1 x 20   (20 filters of size 5x5, 1 input channel)\n"
              "  after conv1:         24 x 24 x 20\n  after max pool 2x2:  12 x 12 x 20\n")
    assert_twins(rubric, "p2.a", report, ("after conv1:         24 x 24 x 20", "after conv1:         25 x 25 x 20"))


def test_a_step_size_named_on_one_line_is_not_the_name_on_the_next(rubric) -> None:
    """"# gradient descent, alpha = step size" then "w = [w[k] - …]": w is no name of the step size."""
    report = ("**d)**\n```python\ndf_dw3 = σ(x2)                # = σ(w2*σ(w1*x))\n```\n\n**f)**\n```python\n"
              "# gradient descent, alpha = step size\nw = [w[k] - alpha * grad[k] for k in range(3)]\n```\n")
    report = "let `x1 = w1*x`, `x2 = w2*σ(x1)`\n\n" + report
    assert_twins(rubric, "p1.d", report, ("df_dw3 = σ(x2)  ", "df_dw3 = σ(x1)  "))


def test_a_derivative_assigned_in_a_python_fence(rubric) -> None:
    report = "**b)** derivative of sigmoid (the standard one):\n\n```python\ndσ/du = σ(u) * (1 - σ(u))\n```\n"
    assert_twins(rubric, "p1.b.ii", report, ("σ(u) * (1 - σ(u))", "σ(u) * (1 + σ(u))"))


def test_a_second_answer_set_apart_on_the_line_goes_to_a_person(rubric) -> None:
    """Batch 31: "(e) df/dw2 = A      |     B" offers two answers for one (never the first alone)."""
    report = ("(e) df/dw2 = w3 sig(x2)(1-sig(x2)) sig(x1){tail}\n"
              "    df/dw1 = w3 sig(x2)(1-sig(x2)) * w2 * sig(x1)(1-sig(x1)) * x\n")
    assert status(rubric, "p1.e.w2", report.format(tail="      |     w3 sig(x2)(1-sig(x2)) w1 x"), "r.txt") \
        == "review"
    assert status(rubric, "p1.e.w2", report.format(tail=""), "r.txt") == "pass"


def test_the_output_depth_is_no_channel_dimension(rubric) -> None:
    """Batch 31: "20 channels (and 50 filters so out depth 50)": the input channels are 20."""
    report = "# Problem 2\n\nQ2 (b): filter 5×5, stride 1, 20 channels (and 50 filters so out depth 50)\n"
    assert_twins(rubric, "p2.b", report, ("stride 1, 20 channels", "stride 1, 50 channels"))


@pytest.mark.parametrize("text", ["$$" + "\\underbrace{" * 3000 + "$$\n", "(f) grad = " + "■(" * 20000 + "\n",
                                  "σ " + "o1(x1) " * 20000])
def test_unclosed_braces_and_matrices_read_in_linear_time(rubric, text: str) -> None:
    """An \\underbrace or a Word matrix ``■(`` never closed is not scanned to the text's end once for each."""
    from grader.reading.answers import answers_from_document

    small = text[:len(text) // 10]
    started = time.perf_counter()
    answers_from_document(read_document(small), rubric)
    tenth = time.perf_counter() - started
    started = time.perf_counter()
    answers_from_document(read_document(text), rubric)
    full = time.perf_counter() - started
    assert full < 25 * tenth + 1.0, (tenth, full)
