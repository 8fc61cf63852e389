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
