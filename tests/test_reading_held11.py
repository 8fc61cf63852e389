"""Reading rules found on the eleventh held-out batch (an ordinary class, LaTeX-heavy students, an international
class, plain-text and phone reports, verbose derivations), each with a wrong twin that must not pass.
"""
from __future__ import annotations

from grader.reading.row_labels import labels_before_rows
from tests.helpers import assert_twins, grade_report_item

ALIGNED = ("**(b)**\n$$\n\\begin{aligned}\n"
           "\\frac{d\\sigma_1}{du} &= -\\left(1+e^{-u}\\right)^{-2}\\cdot\\left(-e^{-u}\\right)\\\\\n"
           "&= \\frac{e^{-u}}{\\left(1+e^{-u}\\right)^{2}} &&\\text{(i)}\\\\\n"
           "&= \\sigma_1(u)\\left(1-\\sigma_1(u)\\right) &&\\text{(ii)}\n"
           "\\end{aligned}\n$$\n\n**(c)** forward and backward\n")


def test_sub_part_labels_at_the_ends_of_an_alignments_rows_cut_it_into_sub_parts(rubric) -> None:
    assert_twins(rubric, "p1.b.i", ALIGNED, ("{\\left(1+e^{-u}\\right)^{2}} &&", "{\\left(1+e^{-u}\\right)} &&"))
    assert_twins(rubric, "p1.b.ii", ALIGNED, ("\\left(1-\\sigma_1(u)\\right) &&", "\\left(1+\\sigma_1(u)\\right) &&"))


def test_tags_label_the_rows_they_end_even_with_text_between_the_rows(rubric) -> None:
    report = ("\\subsection*{(b)}\n\\begin{align}\n"
              "\\frac{d\\sigma_1}{du} &= \\frac{e^{-u}}{(1+e^{-u})^{2}} \\tag{b.i}\n"
              "\\intertext{and since $1-\\sigma_1 = e^{-u}/(1+e^{-u})$,}\n"
              "\\frac{d\\sigma_1}{du} &= \\sigma_1(u)\\bigl(1-\\sigma_1(u)\\bigr). \\tag{b.ii}\n\\end{align}\n"
              "\\subsection*{(c)}\nforward\n")
    assert_twins(rubric, "p1.b.i", report, ("{(1+e^{-u})^{2}} \\tag", "{(1+e^{-u})} \\tag"))
    assert_twins(rubric, "p1.b.ii", report, ("\\bigl(1-\\sigma_1(u)\\bigr).", "\\bigl(1+\\sigma_1(u)\\bigr)."))
    separate = ("### Problem 1 (b)\n\n\\begin{align*}\n"
                "\\frac{d\\sigma_1}{du} &= \\frac{e^{-u}}{(1+e^{-u})^{2}} \\tag{i}\n"
                "\\end{align*}\n\n\\begin{align*}\n\\frac{d\\sigma_1}{du} &= \\sigma_1(u)(1-\\sigma_1(u)) \\tag{ii}\n"
                "\\end{align*}\n\n### Problem 1 (c)\nforward\n")
    assert_twins(rubric, "p1.b.ii", separate, ("(1-\\sigma_1(u))", "(1+\\sigma_1(u))"))


def test_labels_before_the_rows_of_one_equation(rubric) -> None:
    report = ("\\documentclass{article}\n\\begin{document}\n\\begin{enumerate}[(a)]\n\\item graph\n"
              "\\item For $\\sigma_1$:\n\\begin{equation*}\n"
              "\\text{(i)}\\ \\ \\frac{d\\sigma_1}{du} = \\frac{\\exp(-u)}{(1+\\exp(-u))^{2}},\n\\qquad\n"
              "\\text{(ii)}\\ \\ \\frac{d\\sigma_1}{du} = \\sigma_1(u)(1-\\sigma_1(u)).\n\\end{equation*}\n"
              "\\item forward\n\\end{enumerate}\n\\end{document}\n")
    assert_twins(rubric, "p1.b.i", report, ("{(1+\\exp(-u))^{2}}", "{(1+\\exp(u))^{2}}"))
    assert_twins(rubric, "p1.b.ii", report, ("(1-\\sigma_1(u)).", "(1+\\sigma_1(u))."))


def test_a_bracket_in_a_formula_is_no_label() -> None:
    text = "$$\\frac{\\partial f}{\\partial w_2} = w_3\\,\\sigma_2'(v)\\,h = w_3 \\sigma_2(v)(1-\\sigma_2(v)) h$$"
    assert labels_before_rows(text) == text
    text = "$$\\nabla L = \\sum_i 2(f(x^{(i)}) - y^{(i)}) \\nabla f(x^{(i)})$$"
    assert labels_before_rows(text) == text
    assert labels_before_rows("$$ A = B \\quad (ii) $$").startswith("(ii)")


def test_a_variable_of_the_problem_named_by_the_student_keeps_its_meaning_where_it_is_asked(rubric) -> None:
    report = ("Notation: $u = w_1x$, $h = \\sigma_1(u)$, $v = w_2h$, $g = \\sigma_2(v)$, $f = w_3g$.\n\n"
              "**(b)**\n(i) $\\sigma_1'(u) = \\frac{e^{-u}}{(1+e^{-u})^2}$\n\n"
              "(ii) $\\sigma_1'(u) = \\sigma_1(u)(1-\\sigma_1(u))$\n\n"
              "**(d)** $\\frac{\\partial f}{\\partial w_3} = g$\n\n"
              "**(e)** $$\\frac{\\partial f}{\\partial w_2} = w_3\\,\\sigma_2(v)(1-\\sigma_2(v))\\,\\sigma_1(u)$$\n"
              "$$\\frac{\\partial f}{\\partial w_1} = "
              "w_3 w_2\\,\\sigma_2(v)(1-\\sigma_2(v))\\,\\sigma_1(u)(1-\\sigma_1(u))\\,x$$\n")
    assert_twins(rubric, "p1.b.i", report, ("{e^{-u}}{(1+e^{-u})^2}", "{e^{-u}}{(1+e^{-u})}"))
    assert_twins(rubric, "p1.b.ii", report, ("(1-\\sigma_1(u))$", "(1+\\sigma_1(u))$"))
    assert_twins(rubric, "p1.d", report, ("= g$", "= h$"))
    assert_twins(rubric, "p1.e.w2", report, ("\\,\\sigma_1(u)$$", "\\,u$$"))
    assert_twins(rubric, "p1.e.w1", report, ("(1-\\sigma_1(u))\\,x$$", "(1-\\sigma_1(u))$$"))
    feedback = grade_report_item(rubric, "p1.e.w1", report).feedback
    assert "u is read as w_1x" in feedback


def test_cyrillic_arabic_and_japanese_part_labels(rubric) -> None:
    russian = ("## Задание 1\n\n**Задание 1 б)**\n- (i) σ₁′(u) = exp(−u) / (1 + exp(−u))²\n"
               "- (ii) σ₁′(u) = σ₁(u) · (1 − σ₁(u))\n\n**Задание 1 в)** прямой проход\n\n"
               "**Задание 1 е)**\nГрадиентный спуск (шаг обучения α): w ← w − α·∇_w L\n")
    assert_twins(rubric, "p1.b.ii", russian, ("(1 − σ₁(u))", "(1 + σ₁(u))"))
    assert_twins(rubric, "p1.f.update", russian, ("w − α·∇_w L", "w + α·∇_w L"))
    arabic = ("## السؤال 1\n\n**السؤال 1 (ب)**\n- (i) $\\sigma_1'(u) = \\dfrac{e^{-u}}{(1+e^{-u})^2}$\n"
              "- (ii) $\\sigma_1'(u) = \\sigma_1(u)\\,(1-\\sigma_1(u))$\n\n**السؤال 1 (ج)** التمرير\n\n"
              "**السؤال 1 (د)** $\\dfrac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$\n")
    assert_twins(rubric, "p1.b.ii", arabic, ("(1-\\sigma_1(u))$", "(1+\\sigma_1(u))$"))
    assert_twins(rubric, "p1.d", arabic, ("= \\sigma_2(x_2)$", "= \\sigma_1(x_1)$"))
    japanese = ("問1 (b)\n (i)  dσ1/du = exp(-u) / (1 + exp(-u))^2\n (ii) dσ1/du = σ1(u)・(1 - σ1(u))\n\n"
                "問1 (c)\n 順伝播\n\n問1 (e)\n ∂f/∂w2 = w3・σ2(x2)・(1 - σ2(x2))・σ1(x1)\n")
    assert_twins(rubric, "p1.b.ii", japanese, ("・(1 - σ1(u))", "・(1 + σ1(u))"))
    assert_twins(rubric, "p1.e.w2", japanese, ("・σ1(x1)", "・x"))


P2 = ("## Problem 2\n(a) Input $28\\times28\\times1$; conv1 filters $5\\times5\\times1\\times20$.\n"
      "$(W-F+2P)/S+1 = (28-5+0)/1+1 = 24$ → $24\\times24\\times20$; max pool 2×2 → $12\\times12\\times20$.\n\n"
      "(b) Filter size $k=5$ ($5\\times5\\times20$), stride $s=1$, channel dimension 20, padding 0, 50 filters.\n\n"
      "(c)\n- conv1: $5\\cdot5\\cdot1\\cdot20 + 20 = 520$\n- relu1: 0, pool1: 0\n"
      "- conv2: $5\\cdot5\\cdot20\\cdot50 + 50 = 25{,}050$\n- relu2: 0, pool2: 0\n"
      "- fc1: input $4\\cdot4\\cdot50 = 800$; $800\\cdot500 + 500 = 400{,}500$\n- fc2: $500\\cdot10+10 = 5{,}010$\n"
      "- Total: 431,080\n")


def test_a_conv_output_size_formula_names_its_result(rubric) -> None:
    assert_twins(rubric, "p2.a", P2, ("→ $24\\times24\\times20$", "→ $23\\times23\\times20$"))


def test_a_result_used_again_in_a_later_working_is_a_step(rubric) -> None:
    assert_twins(rubric, "p2.c", P2, ("500 = 400{,}500", "500 = 400{,}000"))
    assert_twins(rubric, "p2.b", P2, ("$k=5$ ($", "$k=50$ ($"))  # "(5×5×20)" restates it: it is no second answer


def test_an_underlined_value_after_an_arrow_is_the_answer(rubric) -> None:
    report = ("**(a)** Input dimension: $28\\times28$. Filter dimension of conv1: $5\\times5\\times1\\times20$.\n"
              "conv1: $O = \\dfrac{28 - 5}{1} + 1 = 24$ → <u>$24\\times24\\times20$</u>.\n"
              "maxpool $2\\times2$, stride 2: $O = \\dfrac{24-2}{2}+1 = 12$ → <u>$12\\times12\\times20$</u>.\n\n"
              "**(b)** filter 5×5, stride 1, channel dimension 20\n")
    assert_twins(rubric, "p2.a", report.replace("**(a)**", "## Problem 2\n**(a)**"),
                 ("<u>$12\\times12\\times20$", "<u>$11\\times11\\times20$"))


PHONE = ("hw3 answers (typed on phone sorry)\n\np1\n"
         "b) i: e^-u/(1+e^-u)^2 ; ii: s1(u)*(1-s1(u))\n"
         "d) df/dw3 = s2(x2) = s(w2*s(w1*x))\n"
         "e) df/dw2 = w3*s2'(x2)*s1(x1) , df/dw1 = w3*s2'(x2)*w2*s1'(x1)*x\n"
         "f) grad L = sum over i=1,2 of 2(f(x^i)-y^i)*grad f(x^i) where grad f = (df/dw1, df/dw2, df/dw3) from d,e ;"
         " update w <- w - a*grad L\n\np2\n")


def test_two_sub_parts_answered_on_one_line(rubric) -> None:
    assert_twins(rubric, "p1.b.i", PHONE, ("e^-u/(1+e^-u)^2 ;", "e^-u/(1+e^-u) ;"))
    assert_twins(rubric, "p1.b.ii", PHONE, ("s1(u)*(1-s1(u))", "s1(u)*(1+s1(u))"))


def test_s_numbered_as_the_handout_numbers_sigma_is_its_abbreviation(rubric) -> None:
    assert_twins(rubric, "p1.d", PHONE, ("= s2(x2) =", "= s1(x1) ="))
    assert_twins(rubric, "p1.e.w1", PHONE, ("*w2*s1'(x1)*x", "*w2*s1'(x1)"))
    assert "never defined" in grade_report_item(rubric, "p1.d", PHONE).feedback
    defined = PHONE.replace("p1\n", "p1\nlet s(u) = 1/(1+e^(u))\n")  # its own definition decides: not the sigmoid
    assert grade_report_item(rubric, "p1.d", defined).status != "pass"


def test_a_sum_said_in_words_and_a_typed_for_alpha(rubric) -> None:
    assert_twins(rubric, "p1.f.grad", PHONE, ("of 2(f(x^i)-y^i)", "of (f(x^i)-y^i)"))
    assert_twins(rubric, "p1.f.update", PHONE, ("w <- w - a*grad L", "w <- w + a*grad L"))
    assert grade_report_item(rubric, "p1.f.update", PHONE.replace("p1\n", "p1\na = 2\n")).status != "pass"


NOTEPAD = ("DL homework 3  -  written part\n\n=== Problem 1 ===\n\nb (i)\n d sigma1/du = e^-u / (1+e^-u)^2\n\n"
           "b (ii)\n d sigma1/du = sigma1(u)*(1 - sigma1(u))\n\nc\n forward pass: evaluate the network\n\n"
           "d\n df/dw3 = sigma2(x2) = sigma2(w2*sigma1(w1*x))\n\n=== Problem 2 ===\n\na\n input 28x28\n"
           " conv1 filter dimension 5x5x1x20 (20 filters)\n output after conv1 24x24x20\n"
           " after max pooling 12x12x20\n\n"
           "b\n filter 5x5, stride 1, channel dimension 20, no padding\n")


def test_banner_headings_and_letters_alone_on_their_lines(rubric) -> None:
    assert_twins(rubric, "p1.b.i", NOTEPAD, ("(1+e^-u)^2", "(1+e^-u)"))
    assert_twins(rubric, "p1.d", NOTEPAD, ("= sigma2(x2) =", "= sigma1(x1) ="))
    assert_twins(rubric, "p2.a", NOTEPAD, ("conv1 24x24x20", "conv1 23x23x20"))
    assert_twins(rubric, "p2.b", NOTEPAD, ("filter 5x5, stride 1", "filter 5x5, stride 2"))
