"""The 32nd held-out batch (an ordinary class, LaTeX power users, students writing in their own languages,
programmers who write math as code, notebooks): each reading with its twin (the same layout with a wrong answer,
which must not pass)."""
from __future__ import annotations

import pytest

from tests.helpers import assert_twins, grade_report_item


def status(rubric, item: str, report: str, name: str = "r.md") -> str:
    return grade_report_item(rubric, item, report, name).status


@pytest.mark.parametrize("name", ["w_mới", r"w_{\text{नया}}", r"w^{\text{புதிய}}", "w_nový", "w_новый"])
def test_the_next_iterate_marked_by_a_word_in_any_script(rubric, name: str) -> None:
    """w_mới, w_{नया}: an unbraced word, or one whose vowel signs Python's \\w leaves out, marks the new w."""
    report = f"**f)** ∇_w L = Σ_i 2(f_w(xⁱ) − yⁱ)∇_w f_w(xⁱ)\n\nCập nhật:\n\n$${name} = w - \\alpha\\nabla_w L$$\n"
    assert_twins(rubric, "p1.f.update", report, (r"w - \alpha", r"w + \alpha"))


def test_a_definition_in_brackets_leads_into_the_update(rubric) -> None:
    report = "(f) ∇_w L = Σ_{(x,y)∈D} 2(f_w(x)−y)·∇_w f_w(x)\n\nupdate (lr = α): w ← w − lr·∇_w L\n"
    assert_twins(rubric, "p1.f.update", report, ("w − lr", "w + lr"))


def test_a_reason_without_a_comma_ends_at_the_main_clause_verb(rubric) -> None:
    """Dutch "omdat A geldt B" (since A, B holds): B is the answer, not part of the reason."""
    report = ("**1b.**\n(i) $\\sigma'(u) = \\dfrac{e^{-u}}{(1+e^{-u})^2}$\n(ii) omdat $1-\\sigma(u) = "
              "\\frac{e^{-u}}{1+e^{-u}}$ geldt $\\sigma'(u) = \\sigma(u)\\,(1-\\sigma(u))$.\n")
    assert_twins(rubric, "p1.b.ii", report, (r"\sigma(u)\,(1-\sigma(u))", r"\sigma(u)\,(1+\sigma(u))"))


@pytest.mark.parametrize("lead", ["- b.", "b.", "1.b.", "1b.", "Q1.b."])
def test_dotted_sub_part_labels(rubric, lead: str) -> None:
    """"b.i:", "1.b.ii)": a part and its sub-part joined by a dot, as terse answer sheets write them."""
    report = (f"**1**\n{lead}i: $e^{{-u}}(1+e^{{-u}})^{{-2}}$\n{lead}ii: $\\sigma(u)(1-\\sigma(u))$\n"
              "- d: $\\sigma_2(x_2)$\n")
    assert_twins(rubric, "p1.b.ii", report, (r"(1-\sigma(u))$", r"(1+\sigma(u))$"))
    assert_twins(rubric, "p1.b.i", report, ("e^{-u}(1+", "-e^{-u}(1+"))


def test_a_bare_sigma_prime_answers_the_part_that_asks_for_it(rubric) -> None:
    """"(b) σ' = e^{−u}(1+e^{−u})^{−2} = σ(1−σ)": in (b), σ' without its argument is what is asked (both forms);
    elsewhere a bare σ' = σ(1−σ) stays a fact recalled, and a check at a point (σ' = 0.25) is never the answer."""
    report = "(a) graph\n\n(b) σ' = e^{−u}(1+e^{−u})^{−2} = σ(1−σ)\n\n(c) forward, backward\n"
    assert_twins(rubric, "p1.b.i", report, ("e^{−u}(1+", "−e^{−u}(1+"))
    assert_twins(rubric, "p1.b.ii", report, ("σ(1−σ)", "σ(1+σ)"))
    check = "(a) graph\n\n(b) at u = 0, σ = 0.5 and σ' = 0.25\n\n(c) forward, backward\n"
    assert status(rubric, "p1.b.ii", check) != "pass"


NUMPY_TERSE = """**P1** (`s = sig = 1/(1+np.exp(-u))`; `s1 = s(w1*x)`, `s2 = s(w2*s1)`)

- b) i. `np.exp(-u)/(1+np.exp(-u))**2`  ii. `s(u)*(1-s(u))`
- d) `df/dw3 = s2`
- e) `df/dw2 = w3*s2*(1-s2)*s1` ; `df/dw1 = w3*s2*(1-s2)*w2*s1*(1-s1)*x`
- f) `gradL = 2*sum((f(xi)-yi) * gradf(xi) for xi, yi in D)`, `gradf = [df/dw1, df/dw2, df/dw3]` at xi;
  update `w = w - alpha*gradL`
"""


def test_names_numbered_after_a_sigmoid_renamed_are_the_hand_ins_values(rubric) -> None:
    """s = σ, then s1 = s(w1*x): s1 is a value the hand-in defines (not σ₁ written without its argument); the
    chained definition "s = sig = 1/(1+exp(-u))" names the sigmoid."""
    assert_twins(rubric, "p1.d", NUMPY_TERSE, ("`df/dw3 = s2`", "`df/dw3 = s1`"))
    assert_twins(rubric, "p1.e.w2", NUMPY_TERSE, ("(1-s2)*s1`", "(1-s2)*s1*x`"))
    assert_twins(rubric, "p1.b.ii", NUMPY_TERSE, ("`s(u)*(1-s(u))`", "`s(u)*(1+s(u))`"))


def test_a_python_generator_sum_over_the_data_with_a_vector_applied_at_each_point(rubric) -> None:
    """sum(… for xi, yi in D) runs over the data set (xi is x_i, not ξ); gradf(xi), gradf defined as the vector of
    derivatives, is that vector at x_i."""
    assert_twins(rubric, "p1.f.grad", NUMPY_TERSE, ("2*sum(", "sum("), ("(f(xi)-yi)", "(yi-f(xi))"))
    assert_twins(rubric, "p1.f.update", NUMPY_TERSE, ("w - alpha", "w + alpha"))


@pytest.mark.parametrize("line", ["b) k=5 (5x5), stride=1, C_in=20", "b) kernel 5x5, stride=1, C_in = 20"])
def test_a_programs_letters_for_the_kernel_and_the_input_channels(rubric, line: str) -> None:
    report = f"## Problem 2\n\na) input 28x28\n\n{line}\n\nc) total 431080\n"
    assert_twins(rubric, "p2.b", report, ("=20", "=50") if line.endswith("=20") else ("= 20", "= 50"))


def test_k_as_an_index_range_is_no_kernel_size(rubric) -> None:
    """"k = 1, 2, 3" in a report with no (b) label for Problem 2 names no filter."""
    report = ("## 1\n\n(f) ∂L/∂w_k = Σ_i 2(f(xⁱ) − yⁱ) ∂f(xⁱ)/∂w_k, k = 1, 2, 3\n\n## 2\n\n"
              "- $k=5$: kernel 5×5, stride 1, channel dim 20.\n")
    assert status(rubric, "p2.b", report) != "fail"


def test_a_list_of_counts_with_their_names_after_it(rubric) -> None:
    report = ("## P2\n\nc) `[5*5*1*20+20, 0, 0, 5*5*20*50+50, 0, 0, 800*500+500, 500*10+10]` = "
              "`[520, 0, 0, 25050, 0, 0, 400500, 5010]` (conv1, relu1, pool1, conv2, relu2, pool2, fc1, fc2), "
              "total `431080`\n")
    assert_twins(rubric, "p2.c", report, ("0, 25050, 0", "0, 25000, 0"))


def test_a_second_total_in_words_under_the_table_goes_to_a_person(rubric) -> None:
    """"Total = 431,080", then "the whole network has 520 + … = 430,580 trainable parameters": two totals."""
    table = ("(c)\n  conv1  520\n  relu1  0\n  pool1  0\n  conv2  25,050\n  relu2  0\n  pool2  0\n"
             "  fc1    400,500\n  fc2    5,010\n  Total = 431,080\n\n")
    assert status(rubric, "p2.c", "## Problem 2\n\n" + table, "r.txt") == "pass"
    said = table + "So the whole network has 520 + 25,050 + 400,500 + 5,010 = 430,580 trainable parameters.\n"
    assert status(rubric, "p2.c", "## Problem 2\n\n" + said, "r.txt") == "review"


def test_an_interpreters_lines_labelled_by_their_comments(rubric) -> None:
    report = ("(b)\n    >>> sig = lambda u: 1 / (1 + exp(-u))\n"
              "    >>> dsig_i  = lambda u: exp(-u) / (1 + exp(-u))**2      # (i)\n"
              "    >>> dsig_ii = lambda u: sig(u) * (1 - sig(u))           # (ii)\n\n(c) forward, backward\n")
    assert_twins(rubric, "p1.b.i", report, ("exp(-u) / (1", "-exp(-u) / (1"))
    assert_twins(rubric, "p1.b.ii", report, ("* (1 - sig(u))", "* (1 + sig(u))"))


INTERTEXT = r"""\subsection*{(f)}
\begin{align}
\nabla_w\mathcal{L}(w) &= \sum_{(x,y)\in D} 2\bigl(f_w(x)-y\bigr)\,\nabla_w f_w(x)
\intertext{where, for a sample $x$,}
\nabla_w f_w(x) &= \begin{bmatrix}
 w_3\,\sigma_2(x_2)(1-\sigma_2(x_2))\,w_2\,\sigma_1(x_1)(1-\sigma_1(x_1))\,x\\
 w_3\,\sigma_2(x_2)(1-\sigma_2(x_2))\,\sigma_1(x_1)\\
 \sigma_2(x_2)
\end{bmatrix}.\notag
\end{align}
"""


def test_words_between_rows_end_the_row_before_them(rubric) -> None:
    """\\intertext{…} with no \\\\ before it: the row above ends there (the row below is not multiplied in)."""
    report = r"\section{Backprop}" + "\n" + INTERTEXT
    assert grade_report_item(rubric, "p1.f.grad", report, "r.tex").status == "pass"
    slipped = report.replace(r"} 2\bigl(f_w(x)-y\bigr)", r"} \bigl(f_w(x)-y\bigr)", 1)
    assert slipped != report
    assert grade_report_item(rubric, "p1.f.grad", slipped, "r.tex").status != "pass"


def test_a_def_with_parameters_is_the_hand_ins_notation(rubric) -> None:
    head = "\\documentclass{article}\n\\def\\pp#1#2{\\frac{\\partial #1}{\\partial #2}}\n\\begin{document}\n"
    body = ("\\paragraph{(e)}\n\\[ \\pp{f_w}{w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1) \\]\n"
            "\\[ \\pp{f_w}{w_1} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))w_2\\sigma_1(x_1)(1-\\sigma_1(x_1))x \\]\n"
            "\\end{document}\n")
    assert grade_report_item(rubric, "p1.e.w1", head + body, "r.tex").status == "pass"
    assert grade_report_item(rubric, "p1.e.w1", head + body.replace("(1-\\sigma_1(x_1))x", "x"), "r.tex").status \
        != "pass"
    # without the macro's definition, what \pp names is not known: never read by position
    assert grade_report_item(rubric, "p1.e.w1", body, "r.md").status == "review"


def test_a_square_of_a_name_also_defined_at_each_data_point(rubric) -> None:
    """A = σ₁(w₁x), B = σ₂(w₂A), then A_i, B_i at each point: B^2 in B − B² is a square, not B at x²."""
    report = ("## (e)\nLet $A = \\sigma_1(w_1x)$, $B = \\sigma_2(w_2A)$.\n\n$$\\frac{\\partial f_w}{\\partial w_2} = "
              "w_3\\,(B-B^2)\\,A$$\n\n## (f)\nWith $A_i = \\sigma_1(w_1x^i)$, $B_i = \\sigma_2(w_2A_i)$"
              " for $i = 1,2$.\n")
    assert_twins(rubric, "p1.e.w2", report, ("(B-B^2)", "(B+B^2)"))


def test_the_handouts_intermediate_restated_at_one_data_point_stays_the_handouts(rubric) -> None:
    """"(with x_1 = w_1x^1, x_2 = w_2σ_1(w_1x^1))" in (f) says what x_2 is there; (d) keeps the handout's x_2."""
    report = ("### (d)\nWith $x_1 = w_1 x$, $x_2 = w_2\\sigma_1(x_1)$:\n$$\\frac{\\partial f_w}{\\partial w_3} = "
              "\\sigma_2(x_2)$$\n\n### (f)\n$$\\nabla_w L = 2(f_w(x^1) - y^1)\\nabla_w f_w(x^1)$$\n"
              "(with $x_1 = w_1x^1$, $x_2 = w_2\\sigma_1(w_1x^1)$)\n")
    assert_twins(rubric, "p1.d", report, (r"= \sigma_2(x_2)$$", r"= \sigma_1(x_1)$$"))


SUMMARY_MD = r"""Let $g = \sigma(w_1 x)$, $h = \sigma(w_2 g)$.

## (e)

$$\frac{\partial f}{\partial w_1} = w_3 h(1-h) w_2 g(1-g) x$$

## (f)

$$w \leftarrow w - \alpha \nabla L$$

## Summary

| item | answer |
|---|---|
| $\partial f/\partial w_1$ | $w_3 h(1-h) w_2 g(1-g) x$ |
"""


def test_a_summary_table_of_math_cells_is_the_final_answer(rubric) -> None:
    """A table of final answers after the last part, each row a name and its formula in cells of math: the later
    answer is graded with the derivation before it (one that disagrees goes to a person, never full marks)."""
    assert status(rubric, "p1.e.w1", SUMMARY_MD) == "pass"
    assert status(rubric, "p1.e.w1", SUMMARY_MD.replace("| $w_3 h(1-h) w_2 g", "| $w_3 h(1-h) g")) == "review"


SUMMARY_TEX = r"""\documentclass{article}
\newcommand{\D}{\partial}
\begin{document}
\section*{Problem 1}
Notation: $g = \sigma(w_1x)$, $h = \sigma(w_2 g)$.
\subsection*{(e)}
\begin{align}
\frac{\D f}{\D w_1} &= w_3\,h(1-h)\,w_2\,g(1-g)\,x
\end{align}
\subsection*{(f)}
\[ w \leftarrow w - \alpha\,\nabla_w\mathcal{L} \]
\subsection*{Summary of Problem 1}
\begin{tabular}{ll}
\toprule
$\D f/\D w_3$ & $h$\\
$\D f/\D w_1$ & $w_3\,h(1-h)\,w_2\,g(1-g)\,x$\\
\bottomrule
\end{tabular}
\end{document}
"""


def test_a_latex_tabular_of_final_answers_is_read_as_a_table(rubric) -> None:
    assert status(rubric, "p1.e.w1", SUMMARY_TEX, "r.tex") == "pass"
    slipped = SUMMARY_TEX.replace(r"& $w_3\,h(1-h)\,w_2\,", r"& $w_3\,h(1-h)\,")
    assert status(rubric, "p1.e.w1", slipped, "r.tex") == "review"


def test_an_aside_in_brackets_after_a_definition_is_prose(rubric) -> None:
    """"Let s(t) = 1/(1+e^{-t}) (I write s for both σ1 and σ2 …)": the bracket opens words, not more formula, so
    s is the hand-in's sigmoid."""
    report = ("Let s(t) = 1/(1+e^{-t}) (I write s for both σ1 and σ2, they're the same function).\n"
              "Intermediates: u = w1·x, v = w2·s(u).\n\n**Q1(d)**\n∂f/∂w3 = s(v) = s(w2·s(w1·x))\n")
    assert_twins(rubric, "p1.d", report, ("= s(v) = s(w2·s(w1·x))", "= s(u) = s(w1·x)"))
