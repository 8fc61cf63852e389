"""Red team 35 and the open attacks of round 34: second answers offered beside the final one, words that change an
answer after its definitions, corrections written later or on another page, and formats that hide text (raw
cells, struck text, footnotes, HTML mail replies). Each reading has a twin that must still pass."""
from __future__ import annotations

import json

import pytest

from tests.helpers import grade_report_item

HEAD = "## Problem 1\n\nx1 = w1 x, x2 = w2 σ1(x1), f = w3 σ2(x2)\n\n"
E_W1 = "∂f/∂w1 = w3 σ2(x2)(1 − σ2(x2)) w2 σ1(x1)(1 − σ1(x1)) x"
P2C = ("## Problem 2\n\n(c) conv1 = 520, relu1 = 0, pool1 = 0, conv2 = 25050, relu2 = 0, pool2 = 0, fc1 = 400500, "
       "fc2 = 5010, total = 431080{after}\n")


def status(rubric, item: str, report: str, name: str = "r.md") -> str:
    return grade_report_item(rubric, item, report, name).status


@pytest.mark.parametrize("after", [
    "   [w3 σ2(x2)(1 − σ2(x2)) w2 σ1(x1)(1 − σ1(x1))?]",  # a bracket holding another formula and a question
    "   (differentiating the outer sigmoid as well → w3 σ2(x2)(1 − σ2(x2)) σ1(x1)(1 − σ1(x1)) x)",
])
def test_another_formula_offered_in_a_bracket_goes_to_a_person(rubric, after: str) -> None:
    assert status(rubric, "p1.e.w1", f"{HEAD}(e)\n\n{E_W1}{after}\n") == "review"


def test_a_bracket_of_words_after_the_answer_changes_nothing(rubric) -> None:
    assert status(rubric, "p1.e.w1", f"{HEAD}(e)\n\n{E_W1}   (see the graph)\n") == "pass"


@pytest.mark.parametrize("line", ["∂f/∂w3 = σ2(x2); I also got σ2(x2)(1 − σ2(x2))",
                                  "$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$ — "
                                  "$\\sigma_2(x_2)(1-\\sigma_2(x_2))$?"])
def test_a_second_result_beside_the_first(rubric, line: str) -> None:
    assert status(rubric, "p1.d", f"{HEAD}(d) {line}\n") == "review"


def test_a_capital_i_ends_the_formula(rubric) -> None:
    assert status(rubric, "p1.d", f"{HEAD}(d) ∂f/∂w3 = σ2(x2); I think this is it\n") == "pass"


def test_alternatively_on_a_line_of_its_own(rubric) -> None:
    report = (f"{HEAD}(b)\n\n(i) $\\frac{{d\\sigma}}{{du}} = \\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$\n\n"
              "(alternatively: $\\frac{-e^{-u}}{(1+e^{-u})^2}$)\n")
    assert status(rubric, "p1.b.i", report) == "review"


def test_a_table_row_said_twice_with_a_remark_in_its_label(rubric) -> None:
    row = "| ∂f/∂w1 (if w2 cancels?) | w3·σ2(x2)(1 − σ2(x2))·σ1(x1)(1 − σ1(x1))·x |"
    report = f"{HEAD}(e)\n\n| derivative | result |\n|---|---|\n| ∂f/∂w1 | {E_W1.split(' = ')[1]} |\n{row}\n"
    assert status(rubric, "p1.e.w1", report) == "review"


@pytest.mark.parametrize("comment, expected", [("# albo w = w + lr * grad_L", "review"),
                                               ("# eigentlich ohne das Minus", "review"),
                                               ("# the same thing as w -= lr * grad_L", "pass")])
def test_a_comment_under_a_code_answer(rubric, comment: str, expected: str) -> None:
    report = (f"{HEAD}(f) ∇L = Σ_{{i=1,2}} 2(f(x^i) − y^i) ∇f(x^i)\n\n```python\nw = w - lr * grad_L\n{comment}\n```\n\n"
              "lr = α is the step size.\n")
    assert status(rubric, "p1.f.update", report) == expected


@pytest.mark.parametrize("line, expected", [
    ("∂f/∂w3 = σ2(x2), where x2 = w2 σ1(x1), and this still gets multiplied by w3", "review"),
    ("∂f/∂w3 = σ2(x2), wobei x2 = w2 σ1(x1), und das noch mal w3", "review"),
    ("∂f/∂w3 = σ2(x2), which we still have to scale by w3 as in the forward pass", "review"),
    ("∂f/∂w3 = σ2(x2), where x2 = w2 σ1(x1)", "pass"),
])
def test_words_after_the_definitions_that_change_the_answer(rubric, line: str, expected: str) -> None:
    assert status(rubric, "p1.d", f"{HEAD}(d) {line}\n") == expected


@pytest.mark.parametrize("fc1", ["400500 či 1600500", "400500 bądź 1600500", "400500 もしくは 1600500",
                                 "400500 혹은 1600500"])
def test_or_in_more_languages_between_two_counts(rubric, fc1: str) -> None:
    report = P2C.format(after="").replace("fc1 = 400500", f"fc1 = {fc1}")
    assert status(rubric, "p2.c", report) == "review"


def test_au_total_is_no_second_count(rubric) -> None:
    assert status(rubric, "p2.c", P2C.format(after=", soit 431080 au total")) == "pass"


@pytest.mark.parametrize("after", ["\n\n(minus the 500 fc1 biases, which I would not count: 430580)",
                                   " (430580)",
                                   "\n\nSo the network has about 1.6 million parameters, nearly all in fc1."])
def test_a_second_total_goes_to_a_person(rubric, after: str) -> None:
    assert status(rubric, "p2.c", P2C.format(after=after)) == "review"


@pytest.mark.parametrize("line, expected", [
    ("after conv1 24×24×20 [hmm, (28−5)/1 = 23 → so 23×23×20], after pooling 12×12×20", "review"),
    ("after conv1 24×24×20, after pooling 12×12×20 (13×13×20)", "review"),
    ("after conv1 24x24x20 (the 5x5 kernel eats 5 pixels of the 28 → 23x23x20), after pooling 12x12x20", "review"),
    ("after conv1 24×24×20 (20×24×24 channels first), after pooling 12×12×20", "pass"),
])
def test_a_second_shape_in_brackets(rubric, line: str, expected: str) -> None:
    report = f"## Problem 2\n\n(a) input 28×28, conv1 filter 5×5×1×20, {line}\n"
    assert status(rubric, "p2.a", report) == expected


def test_the_next_layers_shape_after_an_arrow_is_no_second_answer(rubric) -> None:
    report = "## Problem 2\n\n(b) filter 5×5, stride 1, 20 input channels, 50 filters: 8×8×50 (→ 4×4×50 after pooling)\n"
    assert status(rubric, "p2.b", report) == "pass"


def test_a_second_thought_in_words_goes_to_a_person(rubric) -> None:
    report = ("## Problem 2\n\n(b) filter 5×5, stride 1, 20 input channels (50 filters). Hmm, thinking about it "
              "again, the stride should be two.\n")
    assert status(rubric, "p2.b", report) == "review"


@pytest.mark.parametrize("note", ["Note added later: in (d) I missed the outer factor w3, it has to be multiplied in.",
                                  "After handing in: the factor 2 in (f) should not be there."])
def test_a_late_note_in_words_goes_to_a_person(rubric, note: str) -> None:
    report = (f"{HEAD}(d) ∂f/∂w3 = σ2(x2)\n\n(f) ∇L = Σ_{{i=1,2}} 2(f(x^i) − y^i) ∇f(x^i)\n\n"
              f"{P2C.format(after='')}\n{note}\n")
    item = "p1.d" if "(d)" in note else "p1.f.grad"
    assert status(rubric, item, report) == "review"


@pytest.mark.parametrize("header", ["\fMira Lindqvist — HW3 — page 2 of 3", "Page 2 of 3"])
def test_a_page_break_that_splits_an_answer_is_read_across(rubric, header: str) -> None:
    report = (f"{HEAD}(e)\n\n∂f/∂w2 = w3 σ2(x2)(1 − σ2(x2)) σ1(x1)\n\n{header}\n\n· x\n\n{E_W1}\n")
    assert status(rubric, "p1.e.w2", report, "r.txt") == "fail"


def test_a_page_break_between_two_answers_joins_nothing(rubric) -> None:
    report = (f"{HEAD}(e)\n\n∂f/∂w2 = w3 σ2(x2)(1 − σ2(x2)) σ1(x1)\n\n\fMira — HW3 — page 2 of 3\n\n{E_W1}\n")
    assert status(rubric, "p1.e.w2", report, "r.txt") == "pass"
    assert status(rubric, "p1.e.w1", report, "r.txt") == "pass"


def test_an_html_reply_over_its_quoted_hand_in_is_read_after_it(rubric) -> None:
    mail = ("From: A <a@example.org>\nTo: T <t@example.org>\nSubject: HW3\nContent-Type: text/html; charset=utf-8\n\n"
            "<html><body><p>I re-did fc1: fc1 = 1,600,500 and the total becomes 1,631,080.</p>"
            "<div><p><b>From:</b> A &lt;a@example.org&gt;<br><b>Sent:</b> Tuesday, April 21, 2026 10:02 PM<br>"
            "<b>Subject:</b> HW3</p></div>"
            "<p>Problem 2</p><p>(c) conv1 520, relu1 0, pool1 0, conv2 25,050, relu2 0, pool2 0, fc1 400,500, "
            "fc2 5,010, total 431,080</p></body></html>\n")
    assert status(rubric, "p2.c", mail, "r.eml") == "review"


def test_a_raw_cell_is_read(rubric) -> None:
    from grader.reading.notebook import read_notebook

    cells = [{"cell_type": "markdown", "metadata": {}, "source": f"{HEAD}(d) ∂f/∂w3 = σ2(x2)\n"},
             {"cell_type": "raw", "metadata": {}, "source": "NOTE (added later): (d) is really\n"
                                                               "df/dw3 = w3 * s2(x2)"}]
    notebook = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})
    text, _ = read_notebook(notebook, "r.ipynb", [])
    assert "df/dw3 = w3 * s2(x2)" in text
    assert status(rubric, "p1.d", text) != "pass"


def test_struck_asciidoc_text_is_not_the_answer(rubric) -> None:
    report = ("== Problem 2\n\n(c) conv1 520, relu1 0, pool1 0, conv2 25,050, relu2 0, pool2 0,\n"
              "fc1 [.line-through]#400,500# 3,600,500, fc2 5,010, total [.line-through]#431,080# 3,631,080\n")
    assert status(rubric, "p2.c", report, "r.adoc") != "pass"


def test_an_org_footnote_that_changes_a_shape(rubric) -> None:
    report = ("* Problem 2\n** (a)\ninput 28×28, conv1 filter 5×5×1×20, after conv1 24×24×20[fn:1], after pooling "
              "12×12×20\n\n* Footnotes\n[fn:1] With the filter centred on every pixel it stays\n28×28×20, so 28×28×20.\n")
    assert status(rubric, "p2.a", report, "r.org") != "pass"
