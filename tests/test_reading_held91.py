"""Readings from batch 91 (economists, neuroscientists, solution-manual writers, students who paste the questions,
summary-first reports with appendices): each with a twin it must not pass.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


@pytest.mark.parametrize("answer, pitfall, full", [
    ("\\sigma_1(u)\\,\\big(1-\\sigma_1(u)\\big)", "> **Pitfall.** Writing $\\sigma(1+\\sigma)$ instead of "
     "$\\sigma(1-\\sigma)$ is common. Note: the correct form is **not** $\\sigma(1+\\sigma)$.", True),
    ("\\sigma_1(u)\\,\\big(1+\\sigma_1(u)\\big)", "> **Pitfall.** Writing $\\sigma(1-\\sigma)$ instead of "
     "$\\sigma(1+\\sigma)$ is common.", False),
    ("\\sigma_1(u)\\,\\big(1-\\sigma_1(u)\\big)", "> **Pitfall.** I first wrote $\\sigma(1+\\sigma)$ here and I am not "
     "sure which one is right.", False),  # the writer's own doubt stays
    ("\\sigma_1(u)\\,\\big(1-\\sigma_1(u)\\big)", "*Note: a frequent slip is to write $\\sigma(1+\\sigma)$.*", True),
    ("\\sigma_1(u)\\,\\big(1-\\sigma_1(u)\\big)", "~Remark~: people often write $\\sigma(1+\\sigma)$ instead.", True),
])
def test_a_warning_about_others_mistakes_is_no_answer(rubric, answer: str, pitfall: str, full: bool) -> None:
    report = ("## Problem 1\n\n### (b)\n\n**Answer.**\n\n$$\n\\boxed{\\ \\text{(i)}\\ \\ \\frac{d\\sigma_1}{du} = "
              "\\frac{e^{-u}}{\\left(1+e^{-u}\\right)^2}\\ }\n\\qquad\n\\boxed{\\ \\text{(ii)}\\ \\ \\frac{d\\sigma_1}{du} = "
              + answer + "\\ }\n$$\n\n" + pitfall + "\n\n### (c)\n\nforward, backward\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report)) is full


@pytest.mark.parametrize("body, full", [("$\\sigma(1+\\sigma)$ and $\\sigma'(u)=\\sigma(u)(1+\\sigma(u))$", True),
                                        ("I am not sure mine is right, it may be $\\sigma(u)(1+\\sigma(u))$", False)])
def test_a_pitfall_environment_is_no_answer(rubric, body: str, full: bool) -> None:
    report = ("\\section*{Problem 1}\n\\subsection*{(b)}\n(i) $\\frac{d\\sigma}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}$\n\n"
              "(ii) $\\frac{d\\sigma}{du} = \\sigma(u)(1-\\sigma(u))$\n\n\\begin{pitfall}\nCommon mistake: " + body
              + ".\n\\end{pitfall}\n\\subsection*{(c)}\nforward\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "report.tex")) is full


@pytest.mark.parametrize("under, full", [("\\sigma_1(x_1)", True), ("\\sigma_1'(x_1)", False)])
def test_a_chain_factor_is_read_as_the_value_set_under_it(rubric, under: str, full: bool) -> None:
    report = ("## Problem 1\n\n### (e)\n\n$$\n\\frac{\\partial f}{\\partial w_2} = \\underbrace{\\frac{\\partial f}"
              "{\\partial h_2}}_{w_3}\\cdot\\underbrace{\\frac{\\partial h_2}{\\partial x_2}}_{\\sigma_2'(x_2)}\\cdot"
              "\\underbrace{\\frac{\\partial x_2}{\\partial w_2}}_{h_1=" + under + "}\n$$\n\n### (f)\n\n…\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report)) is full


@pytest.mark.parametrize("later, full", [("$\\partial f/\\partial w_3 = \\sigma_2 > 0$", True),
                                         ("$\\partial f/\\partial w_3 = \\sigma_1(x_1)$", False)])
def test_a_sign_check_later_is_no_answer(rubric, later: str, full: bool) -> None:
    report = ("## Problem 1\n\n### (d)\n\n$$\n\\boxed{\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2) = "
              "\\sigma_2\\!\\big(w_2\\,\\sigma_1(w_1 x)\\big)}\n$$\n\n### (e)\n\n…\n\n### (f)\n\n**Check.** Sign "
              f"sanity: if $f_w(x^1) > y^1$ and {later}, then the update decreases $w_3$.\n")
    assert _full(grade_report_item(rubric, "p1.d", report)) is full


@pytest.mark.parametrize("first, full", [("2\\big(f_w(x^1)-y^1\\big)", True), ("2\\big(y^1-f_w(x^1)\\big)", False)])
def test_a_checks_numbers_define_no_notation(rubric, first: str, full: bool) -> None:
    report = ("## Problem 1\n\n| symbol | meaning |\n|---|---|\n| $h_2$ | $\\sigma_2(x_2)$, so $f_w(x) = w_3 h_2$ |\n\n"
              "### (d)\n\n**Check.** $w=(1,1,1)$, $x=1$: $h_2 = \\sigma(\\sigma(1)) = \\sigma(0.73106) = 0.67504$.\n\n"
              "### (f)\n\n$$\n\\frac{\\partial L}{\\partial w_j} = " + first + "\\frac{\\partial f_w(x^1)}{\\partial w_j}"
              " + 2\\big(f_w(x^2)-y^2\\big)\\frac{\\partial f_w(x^2)}{\\partial w_j}, \\quad j = 1, 2, 3\n$$\n\n"
              "Numerically, with $x^1=x^2=1$, $y^1=y^2=0$ the gradient matches.\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("heading, problem", [("## Appendix A — Problem 1: Back propagation", "1"),
                                              ("## Anhang B: Aufgabe 2", "2"), ("## Appendix A — the data", None)])
def test_an_appendix_titled_by_its_problem(heading: str, problem: str | None) -> None:
    from grader.reading.labels import read_label

    label = read_label(heading, 0, heading=True)
    assert (label.problem if label is not None else None) == problem


@pytest.mark.parametrize("answer, full", [("\\sigma_1(u)\\,(1-\\sigma_1(u))", True), ("\\sigma_1(u)\\,(1+\\sigma_1(u))", False)])
def test_a_problems_short_name_in_a_row_is_no_key(rubric, answer: str, full: bool) -> None:
    report = ("## 0. Answers\n\n| Item | Final answer |\n|---|---|\n"
              "| P1 (b)(i) | $\\dfrac{d\\sigma_1}{du} = \\dfrac{e^{-u}}{(1+e^{-u})^2}$ |\n"
              f"| P1 (b)(ii) | $\\dfrac{{d\\sigma_1}}{{du}} = {answer}$ |\n| P1 (d) | $\\sigma_2(x_2)$ |\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report)) is full


@pytest.mark.parametrize("entry, full", [("r_2^\\mu", True), ("r_1^\\mu", False)])
def test_a_sum_over_a_greek_pattern_index(rubric, entry: str, full: bool) -> None:
    report = ("## Problem 1\n\nWith $h_1 = w_1 x$, $r_1 = g(h_1)$, $h_2 = w_2 r_1$, $r_2 = g(h_2)$, $v = w_3 r_2$ and "
              "$g$ the sigmoid, for each pattern $\\mu$: $r_1^\\mu = g(w_1 x^\\mu)$, $r_2^\\mu = g(w_2 r_1^\\mu)$.\n\n"
              "### (f)\n\n$$\n\\nabla_w\\mathcal L = \\sum_{\\mu=1}^{2} 2\\big(f_w(x^\\mu)-y^\\mu\\big)\n\\begin{pmatrix}\n"
              "w_3\\, r_2^\\mu(1-r_2^\\mu)\\, w_2\\, r_1^\\mu(1-r_1^\\mu)\\, x^\\mu\\\\\nw_3\\, r_2^\\mu(1-r_2^\\mu)\\, "
              "r_1^\\mu\\\\\n" + entry + "\n\\end{pmatrix}\n$$\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("answer, full", [("sigma2(x2) = sigma2(w2*sigma1(w1*x))", True),
                                          ("sigma1(x1) = sigma1(w1*x)", False)])
def test_a_questions_equation_with_a_question_mark(rubric, answer: str, full: bool) -> None:
    report = ("Problem 1\n\nlet x1 = w1*x, x2 = w2*sigma1(x1)\n\nQ: (c) what is the forward pass\nA: forward.\n\n"
              f"Q: (d) df/dw3 = ?\nA: {answer}\n\nQ: (e) df/dw2 and df/dw1 with chain rule\nA: …\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.txt")) is full


@pytest.mark.parametrize("answer, full", [("$12\\times12\\times20$", True), ("$13\\times13\\times20$", False)])
def test_the_handouts_questions_quoted_in_a_row(rubric, answer: str, full: bool) -> None:
    report = ("## Problem 2\n\n### (a)\n\n> **(a)** What is the input dimension? What is the dimension of the filter in "
              "the first convolution layer? What is the output dimension after the 2D convolution and after the 2×2 "
              "max pooling?\n\n**Answer.**\n- input: $28\\times 28$\n- conv1 filters: $5\\times5\\times1$, 20 of them\n"
              f"- after conv1: $24\\times24\\times20$\n- after 2×2 max pool: {answer}\n")
    assert _full(grade_report_item(rubric, "p2.a", report)) is full


@pytest.mark.parametrize("total, full", [("431,080", True), ("430,580", False)])
def test_a_summarys_size_in_megabytes_is_no_count(rubric, total: str, full: bool) -> None:
    report = ("## Problem 2\n\n### (c)\n\nconv1 520, relu1 0, pool1 0, conv2 25,050, relu2 0, pool2 0, fc1 400,500, "
              f"fc2 5,010\n\n```\nTotal params: {total}\nTrainable params: {total}\n"
              "Estimated Total Size (MB): 1.76\n```\n")
    assert _full(grade_report_item(rubric, "p2.c", report)) is full


@pytest.mark.parametrize("piece", [
    "> **Pitfall.** " + "a " * 400 + "\n",
    "Common mistake\n" * 200,
    "\\begin{pitfall}" + "x" * 3000 + "\n",
    "\\underbrace{\\frac{\\partial f}{\\partial h}}_{" + "{a}" * 60 + "\n",
    "Q: (d) df/dw3 = ???\n" * 10,
    "> **(a)** What is it? " * 60 + "\n",
])
def test_the_batch_91_readings_take_bounded_time_on_hostile_text(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece, size=30_000) < 20
