"""Held-out batch 38 and the corpus before it: a hedged answer that a later summary lists with one of its options
stays for a person; plain text's ``wk ← wk − α ∂L/∂wk`` is the update of each w_k; ``w_ny`` is the next iterate.
Each reading has a twin: a single answer still passes, a wrong one does not."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

HEAD = "## Problem 1\n\n"


def graded(rubric, item: str, report: str, name: str = "r.md"):
    return grade_report_item(rubric, item, report, name)


def test_a_summary_does_not_settle_a_hedge(rubric) -> None:
    display = "\\[\n\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)\n\\]\n"
    aside = "(or \\( \\sigma_2(x_2)(1-\\sigma_2(x_2)) \\)? not 100% sure)\n"
    summary = ("\n(e)\n\n$\\partial f/\\partial w_2 = w_3\\sigma_2'(x_2)\\sigma_1(x_1)$\n\n"
               "### Summary\n\n| | |\n|---|---|\n| $\\partial f/\\partial w_3$ | $\\sigma_2(x_2)$ |\n")
    assert graded(rubric, "p1.d", f"{HEAD}(d)\n{display}{aside}{summary}").status == "review"
    assert graded(rubric, "p1.d", f"{HEAD}(d)\n{display}{summary}").status == "pass"
    wrong = summary.replace("| $\\sigma_2(x_2)$ |", "| $w_3\\sigma_2(x_2)$ |")
    assert graded(rubric, "p1.d", f"{HEAD}(d)\n{display}{wrong}").score == 0


@pytest.mark.parametrize("update, expected", [
    ("wk <- wk - α ∂L/∂wk", "pass"),
    ("ANS  wk <- wk - alpha * dL/dwk ,  k = 1,2,3", "pass"),
    ("wk_new = wk + 2*alpha*sum_i (y^i - f_w(x^i)) df_w(x^i)/dwk ,  k=1,2,3", "pass"),
    ("wk <- wk + α ∂L/∂wk", "fail"),
    ("wk <- wk - α ∂f/∂wk", "fail"),
])
def test_a_flat_index_k_is_each_component(rubric, update: str, expected: str) -> None:
    status = graded(rubric, "p1.f.update", f"1 f)\n\n   {update}\n", "r.txt").status
    assert status == expected if expected == "pass" else status != "pass"


@pytest.mark.parametrize("lhs, expected", [("w_ny", "pass"), ("w_nu", "review")])
def test_w_ny_is_the_next_iterate(rubric, lhs: str, expected: str) -> None:
    report = f"1 f)\n\n   Oppdatering med læringsrate alpha:\n\n   {lhs} = w - alpha * grad_w L\n"
    assert graded(rubric, "p1.f.update", report, "r.txt").status == expected


def notebook_item(rubric, item: str, nb: str, tmp_path):
    """One item of a notebook hand-in, read as ``grade`` reads it (the notebook's JSON, not its text)."""
    from grader.pipeline import Options, grade_submission
    from tests.corpus.fidelity import written_only

    path = tmp_path / "report.ipynb"
    path.write_text(nb, encoding="utf-8")
    return grade_submission(path, written_only(rubric), Options(text_budget=None)).check(item)


def _notebook(*cells: dict) -> str:
    import json

    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": list(cells)})


def _markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def _shown(source: str, latex: str) -> dict:
    """A code cell whose rendered output is ``latex`` (what display(Math(…)) leaves in the notebook)."""
    return {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": source,
            "outputs": [{"output_type": "display_data", "metadata": {},
                         "data": {"text/plain": "<IPython.core.display.Math object>", "text/latex": latex}}]}


D_RIGHT = "\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(w_2\\,\\sigma_1(w_1 x))"
D_WRONG = "\\frac{\\partial f_w}{\\partial w_3} = w_3\\,\\sigma_2(w_2\\,\\sigma_1(w_1 x))"


@pytest.mark.parametrize("answer, expected", [(D_RIGHT, "pass"), (D_WRONG, "fail")])
def test_a_rendered_math_output_is_read(rubric, answer: str, expected: str, tmp_path) -> None:
    nb = _notebook(_markdown("## Problem 1"), _shown(f'# (d)\nshow(r"{answer}")', f"$\\displaystyle {answer}$"))
    assert notebook_item(rubric, "p1.d", nb, tmp_path).status == expected


@pytest.mark.parametrize("answer, expected", [(D_RIGHT, "pass"), (D_WRONG, "fail")])
def test_a_latex_magic_cell_is_text(rubric, answer: str, expected: str, tmp_path) -> None:
    cell = {"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [],
            "source": f"%%latex\n\\textbf{{(d)}}\\quad {answer}\n"}
    nb = _notebook(_markdown("## Problem 1"), cell)
    assert notebook_item(rubric, "p1.d", nb, tmp_path).status == expected


def test_an_output_that_only_names_its_object_says_nothing(rubric, tmp_path) -> None:
    nb = _notebook(_markdown("## Problem 1\n\n(d)"), {
        "cell_type": "code", "metadata": {}, "execution_count": 1, "source": "show(d)",
        "outputs": [{"output_type": "display_data", "metadata": {},
                     "data": {"text/plain": "<IPython.core.display.Math object>"}}]})
    assert notebook_item(rubric, "p1.d", nb, tmp_path).status == "review"


@pytest.mark.parametrize("answer, expected", [("\\S_2(x_2)", "pass"), ("w_3\\,\\S_2(x_2)", "fail")])
def test_katex_gdef_macros_are_expanded(rubric, answer: str, expected: str) -> None:
    report = ("$$\\gdef\\S{\\sigma}\\gdef\\pa#1#2{\\frac{\\partial #1}{\\partial #2}}$$\n\n## 1\n\n### (d)\n\n"
              f"> [!success] (d)\n> $$\\pa{{f_w}}{{w_3}} = {answer}$$\n")
    assert graded(rubric, "p1.d", report).status == expected


R_D = "```{r}\nd_w3 <- function(w, x) sigma(w[2] * sigma(w[1] * x))   # sigma2(x2)\n```\n"
R_E = ("```{r}\nd_w2 <- function(w, x) {\n  x1 <- w[1] * x; x2 <- w[2] * sigma(x1)\n"
       "  w[3] * dsigma(x2) * sigma(x1)\n}\n```\n")
JULIA_E = ("```julia\nfunction dfdw2(w, x)\n    x1 = w[1]*x\n    x2 = w[2]*σ(x1)\n    return w[3]*dsig(x2)*σ(x1)\nend\n"
           "```\n")
MATLAB_E = ("```matlab\nfunction g = dfdw2(w1, w2, w3, x)\n  x1 = w1*x;\n  x2 = w2*sig(x1);\n"
            "  g = w3*dsig(x2)*sig(x1);\nend\n```\n")
SIGMA_R = "```{r}\nsigma <- function(u) 1 / (1 + exp(-u))\ndsigma <- function(u) sigma(u) * (1 - sigma(u))\n```\n"
SIGMA_JL = "```julia\nσ(u) = 1 / (1 + exp(-u))\ndsig(u) = σ(u) * (1 - σ(u))\n```\n"


@pytest.mark.parametrize("item, part, block, slip", [
    ("p1.d", "(d)", R_D, ("sigma(w[2] * sigma(w[1] * x))", "w[3] * sigma(w[2] * sigma(w[1] * x))")),
    ("p1.e.w2", "(e)", SIGMA_R + R_E, ("* dsigma(x2) * sigma(x1)", "* dsigma(x2) * dsigma(x1)")),
    ("p1.e.w2", "(e)", SIGMA_JL + JULIA_E, ("*σ(x1)\nend", "*dsig(x1)\nend")),
    ("p1.e.w2", "(e)", MATLAB_E, ("*sig(x1);\nend", "*dsig(x1);\nend")),
])
def test_a_function_in_r_julia_or_matlab_is_its_formula(rubric, item: str, part: str, block: str,
                                                          slip: tuple[str, str]) -> None:
    report = f"# Problem 1\n\n## {part}\n\n{block}"
    assert graded(rubric, item, report, "r.Rmd" if "{r}" in block else "r.md").status == "pass"
    wrong = report.replace(*slip)
    assert wrong != report
    assert graded(rubric, item, wrong, "r.Rmd" if "{r}" in block else "r.md").status != "pass"


def test_a_function_that_branches_stays_a_program(rubric) -> None:
    block = "```{r}\nd_w3 <- function(w, x) {\n  if (x > 0) print(x)\n  sigma(w[2] * sigma(w[1] * x))\n}\n```\n"
    assert graded(rubric, "p1.d", f"# Problem 1\n\n## (d)\n\n{block}", "r.Rmd").status != "pass"


DERIVATION = "$\\sigma'(u) = -(1+e^{-u})^{-2}\\cdot(-e^{-u})$"


@pytest.mark.parametrize("last, expected", [
    ("$\\frac{e^{-u}}{(1+e^{-u})^2}$", "pass"),
    ("`exp(-u)/(1+exp(-u))^2`", "pass"),
    ("$\\frac{e^{-u}}{1+e^{-2u}}$", "not pass"),
    ("`exp(-u)/(1+exp(-u)^2)`", "not pass"),  # held-out nb12-08: the final form squares the exp alone
])
def test_a_side_after_an_equals_between_inline_pieces_is_the_last(rubric, last: str, expected: str) -> None:
    report = f"## Problem 1\n\n**(b)**\n\n(i) {DERIVATION} = {last}\n\n(ii) $\\sigma(u)(1-\\sigma(u))$\n"
    status = graded(rubric, "p1.b.i", report).status
    assert status == "pass" if expected == "pass" else status != "pass"


P2A = "input $28\\times28\\times1$; conv1 filter $5\\times5\\times1$ (20 filters); after conv1 $24\\times24\\times20$; " \
      "after pooling $12\\times12\\times20$."


@pytest.mark.parametrize("label", ["**Answer 2(a)**", "Solution 2(a):", "**Antwort (a)**"])
def test_a_label_after_the_word_answer(rubric, label: str) -> None:
    report = f"## Part 2 · MNIST\n\n{label} {P2A}\n\n{label.replace('a', 'b', 1)} filter 5x5\n"
    assert graded(rubric, "p2.a", report).status == "pass"
    wrong = report.replace("24\\times24", "28\\times28")
    assert graded(rubric, "p2.a", wrong).status != "pass"


@pytest.mark.parametrize("aside, expected", [
    ("\\big(= w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1)\\big)", "pass"),
    ("\\big(= w_3\\,\\sigma_2(x_2)\\,\\sigma_1(x_1)\\big)", "not pass"),
])
def test_the_same_said_again_in_brackets_is_a_side(rubric, aside: str, expected: str) -> None:
    main = "\\frac{w_3\\,e^{-x_2}}{(1+e^{-x_1})(1+e^{-x_2})^2}"
    report = f"{HEAD}**(e)**\n$$\\frac{{\\partial f_w}}{{\\partial w_2}} = {main}\\;\\;{aside}$$\n"
    status = graded(rubric, "p1.e.w2", report).status
    assert status == "pass" if expected == "pass" else status != "pass"


@pytest.mark.parametrize("value, expected", [("sigma(w2*sigma(w1*x))", "pass"), ("w3*sigma(w2*sigma(w1*x))", "fail")])
def test_a_dict_of_answers_keyed_by_part(rubric, value: str, expected: str) -> None:
    report = ("Written answers (the ANSWERS dict, printed):\n\n{\n"
              '  "1b_i": "exp(-u)/(1+exp(-u))**2",\n'
              f'  "1d": "{value}",\n'
              '  "2b": "filter 5x5, stride 1, padding 0"\n}\n')
    assert graded(rubric, "p1.d", report, "r.txt").status == expected


TABLE = ("| layer | params |\n|---|---|\n| conv1 | 520 |\n| relu1 | 0 |\n| pool1 | 0 |\n| conv2 | {conv2} |\n"
         "| relu2 | 0 |\n| pool2 | 0 |\n| fc1 | 400,500 |\n| fc2 | 5,010 |\n| total | {total} |\n")


@pytest.mark.parametrize("conv2, total, expected", [("25,050", "431,080", "pass"), ("25,000", "431,030", "not pass")])
def test_a_part_said_again_as_corrected_and_final_replaces_the_old(rubric, conv2: str, total: str,
                                                                   expected: str) -> None:
    report = ("## 2 MNIST\n\n**c)** (old, forgot biases)\nconv1 500, conv2 25000, fc1 400000, fc2 5000 → 430500\n\n"
              "**c) corrected with biases — final:**\n\n" + TABLE.format(conv2=conv2, total=total))
    status = graded(rubric, "p2.c", report).status
    assert status == "pass" if expected == "pass" else status != "pass"


def test_two_versions_of_a_part_with_no_word_for_which_is_final_go_to_a_person(rubric) -> None:
    report = ("## 2 MNIST\n\n**c)**\nconv1 500, conv2 25000, fc1 400000, fc2 5000 → 430500\n\n"
              "**c)**\n\n" + TABLE.format(conv2="25,050", total="431,080"))
    assert graded(rubric, "p2.c", report).status != "pass"


def _printed(source: str, text: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "execution_count": 3, "source": source,
            "outputs": [{"output_type": "execute_result", "execution_count": 3, "metadata": {},
                         "data": {"text/plain": text}}]}


@pytest.mark.parametrize("answer, expected", [("σ2(w2·σ1(w1·x))", "pass"), ("σ2(w2·σ1(x))", "fail")])
def test_a_printed_data_frame_of_answers_is_read_without_its_row_numbers(rubric, answer: str, expected: str,
                                                                        tmp_path) -> None:
    frame = ("          question                       answer\n"
             "0       1(b)(i)  dσ/du = e^(-u) / (1 + e^(-u))^2\n"
             f"1          1(d)  ∂f/∂w3 = {answer}\n"
             "2          2(b)  5×5 filter, stride 1, 20 in-channels, 50 filters, no padding")
    nb = _notebook(_markdown("## Final answers"), _printed("answers", frame))
    assert notebook_item(rubric, "p1.d", nb, tmp_path).status == expected
