"""Held-out batch 35: what its reports wrote that the grader could not read (the step's name said beside the
handout's α in words, bookdown's equation labels, macros inside macros' arguments, paired delimiters, part letters
of other alphabets and scripts, a total's word in more languages, a printout of a network's tensors). Each reading
has a wrong twin that must not pass."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

HEAD = "## Problem 1\n\n$x_1 = w_1x$, $x_2 = w_2\\sigma_1(x_1)$, $f = w_3\\sigma_2(x_2)$\n\n"
GRAD = "(f) $\\nabla_w L = \\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\\nabla_w f_w(x^i)$\n\n"


def status(rubric, item: str, report: str, name: str = "r.md") -> str:
    return grade_report_item(rubric, item, report, name).status


@pytest.mark.parametrize("said, sign, expected", [
    ("עדכון gradient descent, כאשר $\\eta$ הוא גודל הצעד ($\\alpha$ בשאלה):", "-", "pass"),
    ("amb $\\eta$ la taxa d'aprenentatge (el pas $\\alpha$ de l'enunciat):", "-", "pass"),
    ("amb $\\eta$ la taxa d'aprenentatge (el pas $\\alpha$ de l'enunciat):", "+", "fail"),
])
def test_the_step_named_beside_the_handouts_alpha_in_brackets(rubric, said: str, sign: str, expected: str) -> None:
    report = f"{HEAD}{GRAD}{said}\n\n$$w \\leftarrow w {sign} \\eta\\,\\nabla_w L(w)$$\n"
    assert status(rubric, "p1.f.update", report) == expected


@pytest.mark.parametrize("answer, expected", [("\\sigma_2(x_2)", "pass"), ("w_3\\sigma_2(x_2)", "fail")])
def test_a_bookdown_equation_label_is_no_math(rubric, answer: str, expected: str) -> None:
    report = (f"{HEAD}(d)\n\n\\begin{{equation}}\n\\frac{{\\partial f}}{{\\partial w_3}} = {answer}\n(\\#eq:d)\n"
              "\\end{equation}\n")
    assert status(rubric, "p1.d", report, "r.Rmd") == expected


@pytest.mark.parametrize("inner, expected", [("\\sg{w_2\\,\\sg{w_1 x}}", "pass"), ("\\sg{w_1\\,\\sg{w_2 x}}", "fail")])
def test_a_macro_inside_a_macros_argument(rubric, inner: str, expected: str) -> None:
    report = ("\\documentclass{article}\n\\newcommand{\\sg}[1]{\\sigma\\!\\left(#1\\right)}\n\\begin{document}\n"
              "\\section*{Problem 1}\n\\paragraph{(d)}\n\\[\\frac{\\partial f_w}{\\partial w_3} = " + inner + "\\]\n"
              "\\end{document}\n")
    assert status(rubric, "p1.d", report, "r.tex") == expected


@pytest.mark.parametrize("inner, expected", [("1-\\sgm(u)", "pass"), ("1+\\sgm(u)", "fail")])
def test_a_paired_delimiter(rubric, inner: str, expected: str) -> None:
    report = ("\\documentclass{article}\n\\usepackage{mathtools}\n\\DeclarePairedDelimiter{\\paren}{(}{)}\n"
              "\\newcommand{\\sgm}{\\sigma}\n\\begin{document}\n\\section*{Problem 1}\n\\paragraph{(b)}\n(ii) "
              "\\[\\frac{d\\sgm}{du} = \\sgm(u)\\,\\paren*{" + inner + "}\\]\n\\end{document}\n")
    assert status(rubric, "p1.b.ii", report, "r.tex") == expected


@pytest.mark.parametrize("pool, expected", [("12 × 12 × 20", "pass"), ("4 × 4 × 20", "partial")])
def test_korean_jamo_part_letters(rubric, pool: str, expected: str) -> None:
    report = ("## 2. MNIST\n\n### ㄱ.\n| 항목 | 크기 |\n|---|---|\n| input | 28 × 28 |\n| conv1 filter | 5 × 5 × 1 × 20 |\n"
              f"| conv1 출력 | 24 × 24 × 20 |\n| max-pooling 후 | {pool} |\n\n### ㄴ.\nfilter 5 × 5, stride 1, channel 20\n")
    assert status(rubric, "p2.a", report) == expected


@pytest.mark.parametrize("word", ["รวม", "جمع کل", "총합"])
@pytest.mark.parametrize("total, expected", [("431,080", "pass"), ("430,580", "partial")])
def test_a_total_named_in_more_languages(rubric, word: str, total: str, expected: str) -> None:
    report = ("## Problem 2\n\n(c)\n\n| layer | params |\n|---|---|\n| conv1 | 520 |\n| relu1 | 0 |\n| pool1 | 0 |\n"
              "| conv2 | 25,050 |\n| relu2 | 0 |\n| pool2 | 0 |\n| fc1 | 400,500 |\n| fc2 | 5,010 |\n"
              f"| {word} | {total} |\n")
    assert status(rubric, "p2.c", report) == expected


def test_parts_cited_with_an_ideographic_comma_open_no_part(rubric) -> None:
    report = ("【問題1】\n\nニ) ∂f/∂w3 = σ2(x2)\n\nヘ) ∇_w L = Σ_{i=1,2} 2(f_w(xⁱ) - yⁱ)・∇_w f_w(xⁱ)\n"
              "    (ホ)、ニ) の式)。\n\n    w_new = w - α・∇_w L(w)\n\n【問題2】\n\nイ) 入力 28×28, conv1 filter 5×5×1×20, "
              "conv1 出力 24×24×20, pool 後 12×12×20\n")
    assert status(rubric, "p1.f.update", report, "r.txt") == "pass"
    assert status(rubric, "p2.a", report, "r.txt") == "pass"


@pytest.mark.parametrize("answer, expected", [("w - \\alpha\\,\\nabla_w L(w)", "pass"),
                                              ("w + \\alpha\\,\\nabla_w L(w)", "fail")])
def test_greek_sixth_letter_and_new_in_greek(rubric, answer: str, expected: str) -> None:
    report = ("\\documentclass{article}\n\\begin{document}\n\\section*{Θέμα 1}\n\\paragraph{ε)} x\n"
              "\\paragraph{στ)} $\\nabla_w L = \\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\\nabla_w f_w(x^i)$\n\n"
              f"Ενημέρωση (βήμα $\\alpha$):\n\\[\nw^{{\\text{{νέο}}}} = {answer}\n\\]\n\\end{{document}}\n")
    assert status(rubric, "p1.f.update", report, "r.tex") == expected


@pytest.mark.parametrize("pool, expected", [("12\\times12\\times20", "pass"), ("13\\times13\\times20", "partial")])
def test_cyrillic_part_letters_in_latex_bold(rubric, pool: str, expected: str) -> None:
    report = ("\\documentclass{article}\n\\begin{document}\n\\section*{Задача 2. MNIST}\n\n\\textbf{а)} Вхід: "
              f"$28\\times28$; фільтр conv1: $5\\times5\\times1\\times20$; після conv1: $24\\times24\\times20$; після "
              f"max-pooling: ${pool}$.\n\n\\textbf{{б)}} x\n\\end{{document}}\n")
    assert status(rubric, "p2.a", report, "r.tex") == expected


@pytest.mark.parametrize("channels, expected", [("20", "pass"), ("50", "partial")])
def test_heavenly_stem_enumerators(rubric, channels: str, expected: str) -> None:
    report = (f"## 第二題　MNIST\n\n**甲、** 輸入維度 28×28\n\n**乙、** 濾波器大小 $5\\times5$，stride $=1$，通道數 $={channels}$\n\n"
              "**丙、** x\n")
    assert status(rubric, "p2.b", report) == expected


@pytest.mark.parametrize("fc1, expected", [("400500", "pass"), ("400000", "partial")])
def test_a_printout_of_each_tensor_is_no_layer_count(rubric, fc1: str, expected: str) -> None:
    report = ("## Problem 2\n\n(c)\n\nconv1 520, relu1 0, pool1 0, conv2 25050, relu2 0, pool2 0, "
              f"fc1 {fc1}, fc2 5010, total 431080\n\n```\nconv1.weight (20, 1, 5, 5)    500\nconv1.bias   (20,)    20\n"
              "fc1.weight   (500, 800)  400000\nfc1.bias     (500,)   500\n```\n")
    assert status(rubric, "p2.c", report) == expected


def test_finnish_filter_word(rubric) -> None:
    report = "## 2\n\n**b)** Suotimen koko $5\\times5$, askel (stride) 1, kanavia 20 (suotimia 50 kpl).\n"
    assert status(rubric, "p2.b", report) == "pass"


@pytest.mark.parametrize("line, expected", [
    ("gradL = sum(2*(f(x) - y) * grad_f(x) for (x, y) in D)   # the gradient", "pass"),
    ("∇L(w) = sum(2 * (f(w, x) - y) .* ∇f(w, x) for (x, y) in D)", "pass"),
    ("∇L(w) = sum(2 * (f(w, x) - y) .* ∇f(w, x) for (x, y) in D) + 1", "fail"),
    ("gradL = sum(2*(f(x) - y) * grad_f(x) for (x, y) in D) / 2   # over D", "partial"),
])
def test_a_generator_in_a_fence_of_formulas_is_read_to_its_end(rubric, line: str, expected: str) -> None:
    report = f"## Problem 1\n\n(f)\n\n```\n{line}\n```\n"
    assert status(rubric, "p1.f.grad", report) == expected


@pytest.mark.parametrize("line, expected", [("w = w - alpha*gradL;", "pass"), ("w = w + alpha*gradL;", "fail")])
def test_gradl_without_an_underscore(rubric, line: str, expected: str) -> None:
    report = f"## Problem 1\n\n(f) ∇L = Σ_{{i=1,2}} 2(f(x^i) − y^i) ∇f(x^i)\n\n```\n{line}\n```\n\nalpha is the step size.\n"
    assert status(rubric, "p1.f.update", report) == expected


@pytest.mark.parametrize("answer, expected", [("e⁻ᵘ ⁄ (1 + e⁻ᵘ)²", "pass"), ("e⁻ᵘ ⁄ (1 + e⁻ᵘ)", "fail")])
def test_the_fraction_slash_word_types(rubric, answer: str, expected: str) -> None:
    report = f"Problem 1\n\n(b)\n  (i)   dσ₁/du = {answer}\n"
    assert status(rubric, "p1.b.i", report, "r.txt") == expected
