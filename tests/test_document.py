"""The document structure: blocks, math rows, part labels in students' styles, candidate answers, linear time."""
from __future__ import annotations

import time

import pytest

from grader.reading.document import NO_LABELS, read_document
from grader.reading.extract import (
    TextSpec,
    equations,
    find_expression,
    is_definition,
    is_restatement,
    read_equations,
)
from reference.mnist_backprop.vocabulary import classify_lhs


def keys(text: str) -> list[str]:
    return [k for k, _ in read_document(text).labels]


@pytest.mark.parametrize("text, expected", [
    ("(a) x\n(b) y\n", ["1.a", "1.b"]),
    ("a) x\nb) y\n", ["1.a", "1.b"]),
    ("a. x\n\nb. y\n", ["1.a", "1.b"]),
    ("**a.** x\n\n**b.** y\n", ["1.a", "1.b"]),
    ("**(a)** x\n\n**(b)** y\n", ["1.a", "1.b"]),
    ("1.a x\n\n1.b y\n\n2.a z\n", ["1.a", "1.b", "2.a"]),
    ("1(a) x\n\n1.(b) y\n", ["1.a", "1.b"]),
    ("Part (a) x\n\nPart b: y\n", ["1.a", "1.b"]),
    ("### Problem 1(b)\nx\n### Problem 2(a)\ny\n", ["1.b", "2.a"]),
    ("Q1 b x\n\nQ1(c) y\n\nQuestion 2 (a) z\n", ["1.b", "1.c", "2.a"]),
    ("(b)(i) x\n\n(ii) y\n", ["1.b", "1.b.i", "1.b.ii"]),
    ("b)\ni) x\nii. y\n", ["1.b", "1.b.i", "1.b.ii"]),
    ("b) i) x ii) y\n", ["1.b", "1.b.i", "1.b.ii"]),
    ("## Problem 2 – MNIST\n(a) x\n", ["2", "2.a"]),
    ("## 2 [MNIST]\n(a) x\n", ["2", "2.a"]),
    ("# Aufgabe 1\na) x\n# Aufgabe 2\na) y\n", ["1", "1.a", "2", "2.a"]),
    ("## 문제 2\n(a) x\n", ["2", "2.a"]),
    ("$$(d) \\frac{\\partial f}{\\partial w_3} = x$$\n", ["1.d"]),
    ("( i ) x\n", []),  # a sub-part label needs its part
    ("(b)\n\\(ii\\) pandoc escaped\n", ["1.b", "1.b.ii"]),
    ("(a) x\n(f) y\n(a) z\n", ["1.a", "1.f", "2.a"]),  # labels restart: the next problem
    ("## Problem 1\n1. graph\n2. $x$\n3. words\n## Problem 2\n1. (a) sizes\n", ["1", "1.a", "1.b", "1.c", "2", "2.a"]),
    ("Problem\n---\n1. (a) x\n2. (b) y\n", ["1.a", "1.b"]),    ("문제 1-(a)\nx\n## 1-(b) y\n", ["1.a", "1.b"]),  # a hyphen between problem and part
    ("### Questão 1(b)\nx\n### Questão 2(a)\ny\n", ["1.b", "2.a"]),
    ("\\subsection*{Câu a}\nx\n\\subsection*{Câu b: đạo hàm}\ny\n", ["1.a", "1.b"]),
    ("**第一问（b）**\n（i）$x$\n（ii）$y$\n**第二问（a）** z\n", ["1.b", "1.b.i", "1.b.ii", "2.a"]),  # full-width
    ("1b  (i)  s = 1\n1c  forward\n1e, w2 | x\n", ["1.b", "1.b.i", "1.c", "1.e"]),  # a bare key set apart
    ("1b(i): e^-u\n1b(ii): s\n1e(w2): y\n", ["1.b", "1.b.i", "1.b.ii", "1.e"]),
    ("| 1(b)(i) | $x$ |\n| 1(b)(ii) | $y$ |\n", ["1.b", "1.b.i", "1.b.ii"]),
    ("P1\n• b(i) x\n• b(ii) y\n• c: z\n", ["1", "1.b", "1.b.i", "1.b.ii", "1.c"]),  # bullets a word processor keeps
    ("## Problem 1\n### 0. Set-up\n### (a) x\n", ["1", "1.a"]),  # a section 0 is no problem
])
def test_part_labels_in_the_styles_students_use(text: str, expected: list[str]) -> None:
    assert keys(text) == expected


def test_prose_is_not_a_label() -> None:
    assert keys("e.g. this\ni.e. that\na lot of text\n(a) x as in (c) above\n") == ["1.a"]
    assert keys("(a) x\n3d convolution\n2D input\nf(x) = 1\n") == ["1.a"]
    assert keys("- [x] 1c\n- [x] 1d, 1e\n## Problem 1\n### d\n$x$\n") == ["1", "1.d"]  # a checklist


def test_a_report_without_labels_gets_one_note() -> None:
    doc = read_document("Some text\n\n$$\\frac{\\partial f}{\\partial w_3} = x$$\n")
    assert doc.notes == [NO_LABELS]
    assert read_document("(a) x\n").notes == []


def test_alignment_environments_become_rows() -> None:
    doc = read_document("(e)\n\\begin{align*}\n\\frac{\\partial f}{\\partial w_2} &= a \\cdot b \\label{eq:1} \\\\\n"
                        "&= \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} \\nonumber \\\\\n&= c \\tag{3}\n"
                        "\\end{align*}\n")
    assert doc.math_in("1.e") == ["\\frac{\\partial f}{\\partial w_2}  = a \\cdot b",
                                  "= \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}", "= c"]
    doc = read_document("(d) $$\\begin{aligned} x &= y \\\\ &= z \\end{aligned}$$")
    assert equations(doc.math_in("1.d")) == [["x", "y", "z"]]


def test_brackets_parens_and_gfm_math_are_math() -> None:
    doc = read_document("(a) \\( a = 1 \\) and\n\\[\nb = 2\n\\]\n$`c = 3`$\n``` math\nd = 4\n```\n"
                        "```python\ne = 5\n```\n")
    assert doc.math_in("1.a") == ["a = 1", "b = 2", "c = 3", "d = 4"]
    assert doc.code_blocks == ["e = 5\n"]


def test_undelimited_math_lines_are_math() -> None:
    doc = read_document("d) ∂f/∂w₃ = σ(w₂σ(w₁x))\n\ne) so dL/dw1 = 2*(f(x1)-y1)*x1   (for each point)\n"
                        "   = 2*x1\n\nf) The update is simple and we write it in words = no math\n")
    assert doc.math_in("1.d") == ["∂f/∂w₃ = σ(w₂σ(w₁x))"]
    assert doc.math_in("1.e") == ["dL/dw1 = 2*(f(x1)-y1)*x1", "= 2*x1"]
    assert doc.math_in("1.f") == []


def test_latex_source_front_end() -> None:
    tex = ("\\documentclass{article}\\begin{document}\n\\section*{Problem 1}\n\\begin{enumerate}\n"
           "\\item[(a)] graph % a comment (c)\n\\item[(d)] \\[ \\frac{\\partial f}{\\partial w_3} = \\sigma(x_2) \\]\n"
           "\\end{enumerate}\n\\section*{Problem 2}\n\\begin{enumerate}[label=(\\alph*)]\n\\item sizes $28$\n"
           "\\item filter\n\\end{enumerate}\n\\begin{verbatim}\n(c) code\n\\end{verbatim}\n\\end{document}\n")
    doc = read_document(tex)
    assert [k for k, _ in doc.labels] == ["1", "1.a", "1.d", "2", "2.a", "2.b"]
    assert doc.math_in("1.d") == ["\\frac{\\partial f}{\\partial w_3} = \\sigma(x_2)"]
    assert doc.math_in("2.a") == ["28"]


def test_continued_lines_join_the_equation_before() -> None:
    pieces = ["\\frac{\\partial f}{\\partial w_2} = a", "\\cdot b", "+ c = d", "= e", "x = y +", "z"]
    assert equations(pieces) == [["\\frac{\\partial f}{\\partial w_2}", "a \\cdot b + c", "d", "e"], ["x", "y + z"]]
    assert equations(["a = b", "-c"], ["inline", "inline"]) == [["a", "b"], ["-c"]]


@pytest.mark.parametrize("piece, definition", [
    ("\\sigma(x) = \\frac{1}{1+e^{-x}}", True), ("D = \\{(x^1, y^1), (x^2, y^2)\\}", True),
    ("j = 1, 2, 3", True), ("\\mathcal{L}(w) := \\sum (y - f_w(x))^2", True), ("x_1 = w_1 x", True),
    ("\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)", False), ("w_3 \\sigma_2(x_2)", False),
])
def test_definitions_are_told_from_answers(piece: str, definition: bool) -> None:
    assert is_definition(read_equations([piece])[0]) is definition


def pick(report: str, part: str, lhs: str | None, index: int = 0) -> str | None:
    chain = find_expression(read_document(report), TextSpec(part, lhs=lhs, index=index), classify_lhs)
    return None if chain is None else str(chain)


def test_the_last_explicit_equation_that_names_the_item_is_the_answer_an_earlier_one_a_step() -> None:
    """The last explicit equation is the final side; another value said first for the same quantity stays before
    it as a step (two different answers never pass as the last one alone: the check sends them to a person)."""
    report = ("(e) $$\\frac{\\partial f}{\\partial w_2} = w_3 \\sigma'(x_2) \\sigma_1(x_1)$$\n"
              "$$\\frac{\\partial f}{\\partial w_2} = \\frac{\\partial f}{\\partial x_2}"
              "\\frac{\\partial x_2}{\\partial w_2}$$\n"
              "$$\\frac{\\partial f}{\\partial w_1} = w_3 x$$\n$$\\frac{\\partial f}{\\partial w_1} = w_3 w_2 x$$\n")
    assert pick(report, "1.e", "df/dw2") == "\\frac{\\partial f}{\\partial w_2} = w_3 \\sigma'(x_2) \\sigma_1(x_1)"
    assert pick(report, "1.e", "df/dw1") == "\\frac{\\partial f}{\\partial w_1} = w_3 x = w_3 w_2 x"
    said_so = report.replace("$$\n$$\\frac{\\partial f}{\\partial w_1} = w_3 w_2 x",
                             "$$\nActually: $$\\frac{\\partial f}{\\partial w_1} = w_3 w_2 x")
    assert pick(said_so, "1.e", "df/dw1") == "\\frac{\\partial f}{\\partial w_1} = w_3 w_2 x"  # the words say which


def test_a_definition_is_never_graded_instead_of_the_answer() -> None:
    report = "(b) $$\\sigma(x) = \\frac{1}{1+e^{-x}}$$ and $$j = 1, 2, 3$$ then $$w_3 \\sigma(x_2)$$\n"
    assert pick(report, "1.b", None) == "w_3 \\sigma(x_2)"
    assert pick("(b) $$\\sigma(x) = \\frac{1}{1+e^{-x}}$$\n", "1.b", None) is None


def test_words_with_an_inline_fragment_are_not_an_answer() -> None:
    assert pick("(d) it is the output of the second sigmoid, times $w_2$ in the end.\n", "1.d", "df/dw3") is None


def test_a_restated_gradient_gives_way_to_its_components() -> None:
    report = "".join(f"$$\\frac{{\\partial L}}{{\\partial w_{i}}} = {i} x$$\n" for i in (1, 2, 3))
    report = "(f)\n" + report + ("$$\\nabla_w L = \\left(\\frac{\\partial L}{\\partial w_1}, "
                                 "\\frac{\\partial L}{\\partial w_2}, \\frac{\\partial L}{\\partial w_3}\\right)^T$$\n")
    assert pick(report, "1.f", "grad") == ("\\frac{\\partial L}{\\partial w_1}, \\frac{\\partial L}{\\partial w_2}, "
                                           "\\frac{\\partial L}{\\partial w_3} = \\begin{bmatrix} 1 x \\\\ 2 x \\\\ "
                                           "3 x \\end{bmatrix}")


@pytest.mark.parametrize("side, restates", [
    ("`[del L  /  del w_1, del L  /  del w_2, del L  /  del w_3]^T`", True),  # AsciiMath, in inline code
    ("((diff L)/(diff w_1), (diff L)/(diff w_2), (diff L)/(diff w_3))", True),  # Typst
    ("[\\partial L / \\partial w _ 1, \\partial L / \\partial w _ 2]^T", True),
    ("`[del L / del w_1 x, del L / del w_2, del L / del w_3]^T`", False),  # one component worked on: not only names
    ("(diff f)/(diff w_2) (1 - s)", False),
])
def test_a_vector_of_named_derivatives_in_any_dialect_restates(side: str, restates: bool) -> None:
    assert is_restatement(side) is restates


def test_without_labels_only_an_equation_that_names_the_item_is_taken() -> None:
    report = "Answers\n\n$$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$$\n$$x = 5$$\n"
    assert pick(report, "1.d", "df/dw3") == "\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)"
    assert pick(report, "1.e", "df/dw2") is None


HOSTILE = {
    "unclosed \\[": lambda n: "(d) \\[" + "x + " * (n // 4),
    "unclosed $$": lambda n: "(d) $$" + "x + " * (n // 4),
    "unclosed $ and \\(": lambda n: "(d) " + "$a \\( " * (n // 6),
    "unclosed align": lambda n: "(d)\n\\begin{align}\n" + "x &= y \\\\\n" * (n // 12),
    "unclosed $$ per line": lambda n: "(d)\n" + "$$x\n" * (n // 4),
    "labels everywhere": lambda n: "(a) x (ii) " * (n // 11),
    "fences never closed": lambda n: "```x\n" * (n // 5),  # each opening once, not looked for from every line
    "labelled code fences": lambda n: "```python\nx = 1  # (b)(i)\n```\n" * (n // 34),
    "generator sums never ended": lambda n: "```python\ndef f(x):\n    return " + "sum( " * (n // 5) + " for\n```\n",
    "a prompt's line of spaces": lambda n: ">>> a" + " " * n + "b  # (i)x\n",  # a label looked for from each space
    "prompts labelled on every line": lambda n: ">>> s = 1   # (i)\n" * (n // 18),
    "a part's letter then a line of blanks": lambda n: "d" + " " * n + "x\n",  # a correction's lead, tried every way
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_reading_is_linear_in_the_text(name: str) -> None:
    """Ten times the text takes about ten times as long (a quadratic reading would take a hundred)."""
    def seconds(n: int) -> float:
        text = HOSTILE[name](n)
        start = time.perf_counter()
        read_document(text)
        return time.perf_counter() - start

    small, large = min(seconds(20_000) for _ in range(2)), seconds(200_000)
    assert large < 25 * small + 0.5, (small, large)


def test_tabulars_never_closed_are_read_in_linear_time() -> None:
    """A LaTeX tabular is found by one scan: a \\begin never closed is not looked for again from every later one."""
    from grader.reading.tables import pipe_tables

    def seconds(n: int) -> float:
        start = time.perf_counter()
        pipe_tables("\\begin{tabular}{ll}\n" * n)
        return time.perf_counter() - start

    small, large = min(seconds(2_000) for _ in range(2)), seconds(20_000)
    assert large < 25 * small + 0.5, (small, large)


@pytest.mark.parametrize("name", ["unclosed \\[", "unclosed $$"])
def test_an_unclosed_display_in_a_megabyte_reads_at_once(name: str) -> None:
    start = time.perf_counter()
    read_document(HOSTILE[name](1_000_000))
    assert time.perf_counter() - start < 3.0  # well under a second on an idle machine; slack for a loaded one


def test_a_derivation_laid_out_as_a_table_row_is_an_equation() -> None:
    doc = read_document("(e)\n\n| quantity | chain rule | result |\n|---|---|---|\n"
                        "| ∂f/∂w2 | ∂f/∂σ2 · ∂σ2/∂x2 · ∂x2/∂w2 | w3 · σ2′(x2) · σ1(x1) |\n"
                        "| conv1 | 520 |\n")
    assert doc.math_in("1.e") == ["∂f/∂w2 = ∂f/∂σ2 · ∂σ2/∂x2 · ∂x2/∂w2 = w3 · σ2′(x2) · σ1(x1)"]


@pytest.mark.parametrize("display, expected", [
    (r"w_1\leftarrow w_1-\alpha g_1,\quad w_2\leftarrow w_2-\alpha g_2", 2),
    (r"\nabla_w L = \sum_i 2(f-y)\nabla f, \qquad w^{t+1} = w^{t} - \alpha\,\nabla_w L", 2),
    (r"a = b \qquad\text{soit}\qquad w \leftarrow w - \alpha\nabla_w L", 2),
    (r"a = b + c \quad (x > 0)", 1),  # a remark without an equation stays with its equation
    (r"\frac{a}{b} \quad = c", 1),  # a gap before the equals sign is layout
    (r"\left( a = b \quad c = d \right)", 1),  # inside brackets: one expression
])
def test_several_equations_in_one_display(display: str, expected: int) -> None:
    assert len(read_equations([display])) == expected


def test_update_after_the_gradient_in_one_display_is_found() -> None:
    doc = read_document("(f)\n$$\\nabla_w L = 2(f_w(x)-y)\\nabla_w f_w(x), \\qquad w^{t+1} = w^{t} - \\alpha\\nabla_w L$$\n")
    found = find_expression(doc, TextSpec("1.f", lhs="update"), classify_lhs)
    assert found is not None and "alpha" in found.sides[-1]


def test_ascii_arrow_update_in_plain_text() -> None:
    doc = read_document("(f) gradient descent:\n\n    w <- w - alpha*dL/dw\n", "txt")
    assert [doc.read(m) for m in doc.math] == ["w ← w - alpha*dL/dw"]
    found = find_expression(doc, TextSpec("1.f", lhs="update"), classify_lhs)
    assert found is not None


def test_an_update_said_again_after_ie_is_not_the_answer_over_the_first() -> None:
    doc = read_document("(f)\n$$w_{t+1} = w_t - \\alpha\\nabla_w L(w_t), \\quad\\text{i.e.}\\quad "
                        "w_{j,t+1} = w_{j,t} - \\alpha\\frac{\\partial L}{\\partial w_j}\\Big|_{w_t}$$\n")
    found = find_expression(doc, TextSpec("1.f", lhs="update"), classify_lhs)
    assert found is not None and found.sides[0].strip().startswith("w_{t+1}")


TEX_HEAD = ("\\documentclass{article}\n\\newcommand{\\sig}{\\sigma}\n\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}\n"
            "\\begin{document}\n\\begin{center}\n{\\Large Homework 2}\\\\[2pt]\nA. Student\n\\end{center}\n")


def test_a_latex_line_break_with_spacing_is_not_display_math() -> None:
    doc = read_document(TEX_HEAD + "\\section*{Problem 1}\n\\subsection*{(d)}\n$x$\n"
                        "\\section*{Problem 2 -- MNIST}\n\\subsection*{(a)}\ninput 28x28\n\\end{document}\n")
    assert "2.a" in doc.segments and "input 28x28" in (doc.segment_text("2.a") or "")


def test_the_reports_own_macros_are_written_out_in_its_math() -> None:
    doc = read_document(TEX_HEAD + "\\section*{Problem 1}\n\\subsection*{(e)}\n"
                        "\\[\\pd{f}{w_2} = w_3\\,\\sig_2'(x_2)\\,\\pd{\\sig}{x}\\]\n\\end{document}\n")
    assert doc.math_in("1.e") == ["\\frac{\\partial f}{\\partial w_2} = w_3\\,\\sigma_2'(x_2)\\,"
                                  "\\frac{\\partial \\sigma}{\\partial x}"]


@pytest.mark.parametrize("piece, expected", [
    (r"\boxed{\frac{d\sigma}{du} = \sigma(u)(1-\sigma(u))}", r"\frac{d\sigma}{du} = \sigma(u)(1-\sigma(u))"),
    (r"a = \textcolor{red}{b + c}", "a = b + c"),
    (r"{\color{blue} a = b}", "a = b"),
    (r"\bbox[4px,border:1px solid red]{x = 1}", "x = 1"),
    (r"\mathbf{w}^{new} = \mathbf{w}", "w ^{new} = w"),
])
def test_a_frame_or_colour_around_an_answer_is_looked_through(piece: str, expected: str) -> None:
    from grader.reading.math_rows import clean

    assert " ".join(clean(piece).split()) == " ".join(expected.split())


def test_a_boxed_final_answer_is_the_answer_not_a_fact_said_before_it() -> None:
    doc = read_document("(b)\n(i) $1-\\sigma(u) = \\frac{e^{-u}}{1+e^{-u}}$ so\n\n"
                        "$$\\boxed{\\frac{d\\sigma}{du} = \\sigma(u)(1-\\sigma(u))}$$\n")
    chain = find_expression(doc, TextSpec("1.b.i", lhs="dsigma"), classify_lhs)
    assert chain is not None and chain.named and "1-\\sigma(u))" in chain.sides[-1]


def test_a_summary_that_disagrees_with_its_derivation_is_the_final_side() -> None:
    report = ("## Problem 1\n### (d)\n$$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$$\n"
              "### (e)\n$$\\frac{\\partial f}{\\partial w_1} = w_3 \\sigma_2'(x_2) w_2 \\sigma_1'(x_1) x$$\n"
              "## Problem 2\n### (a)\n28x28\n\n## Summary of final answers\n\n| Part | Answer |\n|---|---|\n"
              "| 1(d) | $\\sigma_2(x_2)$ |\n| 1(e) $\\partial f/\\partial w_1$ | $w_3 \\sigma_2'(x_2) w_2 \\sigma_1'(x_1)$ |\n")
    doc = read_document(report)
    assert [s.start for s in doc.again["1.e"]] and doc.segment_text("1.e").startswith("\n$$")
    w1 = find_expression(doc, TextSpec("1.e", "df/dw1", 1), classify_lhs)
    assert w1 is not None and w1.sides[-2].endswith("x") and w1.sides[-1].strip().endswith("\\sigma_1'(x_1)")
    w3 = find_expression(doc, TextSpec("1.d", "df/dw3"), classify_lhs)
    assert w3 is not None and len(w3.sides) == 2  # the summary says the same: nothing added


def test_a_sub_part_labelled_only_in_the_summary_keeps_its_derivation() -> None:
    report = ("(b) $$\\frac{d\\sigma}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}$$\n(c) words\n\n"
              "| Part | Final |\n|---|---|\n| 1(b)(i) | $e^{-u}/(1+e^{-u})^2$ |\n")
    doc = read_document(report)
    assert "1.b.i" not in doc.segments and "1.b.i" in doc.again
    chain = find_expression(doc, TextSpec("1.b.i", "dsigma"), classify_lhs)
    assert chain is not None and chain.sides[-2].startswith("\\frac{e") and chain.sides[-1] == "e^{-u}/(1+e^{-u})^2"


@pytest.mark.parametrize("piece, expected", [
    ("\\frac{\\partial {f}_{w}}{\\partial {w}_{3}}={\\sigma }_{2}\\left({x}_{2}\\right)",
     "\\frac{\\partial f_{w}}{\\partial w_{3}}=\\sigma_{2}\\left(x_{2}\\right)"),  # Word / WPS equation braces
    ("\\frac{1}{x}^{2} + \\sqrt{x}^2 + \\hat{y}_i + x^{a}_{b}", "\\frac{1}{x}^{2} + \\sqrt{x}^2 + \\hat{y}_i + x^{a}_{b}"),
])
def test_an_equation_editors_braces_around_one_symbol_are_dropped(piece: str, expected: str) -> None:
    assert read_document(f"(d) ${piece}$\n").math_in("1.d") == [expected]


def test_formulas_set_in_a_code_fence_are_math_but_code_is_not() -> None:
    from grader.reading.document import formula_fence

    doc = read_document("## Problem 1\n\n(d)\n```\ndf/dw3 = sig(x2)            # = sig(w2*sig(w1*x))\n```\n")
    assert any("df/dw3 = sig(x2)" in doc.text[s.start:s.end] for s in doc.math)
    assert formula_fence("dsig/du = sig(u) * (1 - sig(u))\n")
    assert not formula_fence("class Net(nn.Module):\n    def __init__(self):\n        x = 1\n")
    assert not formula_fence("for i in range(3):\n    w = w - lr * g\n")
    assert not formula_fence("print(model)\nsummary(model)\n")


def test_a_comment_in_a_block_of_formulas_is_never_an_answer() -> None:
    doc = read_document("(b)(i) by hand\n\n```r\n# d/du (1+exp(-u))^(-1) = -(1+exp(-u))^(-2) * (-exp(-u))\n"
                        "dsigma <- function(u) exp(u) / (1 + exp(-u))^2\n```\n")
    found = [doc.text[s.start:s.end] for s in doc.math]
    assert not any("d/du" in f for f in found)


def test_a_block_comment_makes_a_fence_code() -> None:
    from grader.reading.document import formula_fence

    assert not formula_fence("dfdw2 = w3*s(x2)*(1-s(x2))*s(x2)\n%{\ndfdw2 = w3*s(x2)*(1-s(x2))*s(x1)\n%}\n", "matlab")
    assert not formula_fence("a = b\n#= c = d =#\n", "julia")
