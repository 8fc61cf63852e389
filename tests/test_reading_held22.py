"""Reading rules found by red team 23 and on the twenty-second held-out batch, each with its twin that must
read the other way."""
from __future__ import annotations

from tests.helpers import grade_report_item

P1 = ("## Problem 1\n\n(d) $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$MARK\n\n"
      "(e) $\\frac{\\partial f}{\\partial w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)$\n\n"
      "(f) $w_{new} = w - \\alpha \\nabla_w L$\n\n")
P2 = ("## Problem 2\n\n(b) conv2: filter 5×5, stride 1, 20 input channels, 50 filters, no padding\n\n"
      "(c) conv1 520, relu1 0, pool1 0, conv2 25050, relu2 0, pool2 0, fc1 400500, fc2 5010, total 431080\n\n")


def report(tail: str, mark: str = "") -> str:
    return P1.replace("MARK", mark) + P2 + tail


def test_a_late_note_in_words_that_changes_a_named_part_goes_to_a_person(rubric) -> None:
    """"P.S. in (d) … really sigma1 of x1": no formula, but it names the part and says the answer changes."""
    assert grade_report_item(rubric, "p1.d", report("")).status == "pass"
    for note in ("P.S. in (d) I think the answer is really sigma1 of x1, not sigma2.",
                 "Nota bene: in (d) the derivative is really sigma of x1 — I confused the layers.",
                 "PS for the update in (f) you add alpha times the gradient, not subtract."):
        item = "p1.f.update" if "(f)" in note else "p1.d"
        assert grade_report_item(rubric, item, report(note + "\n")).status == "review", note
    thanks = "P.S. in (d) I used the lecture's notation, thanks for the hint in the tutorial.\n"
    assert grade_report_item(rubric, "p1.d", report(thanks)).status == "pass"


def test_a_footnote_that_corrects_in_words_or_after_an_apology(rubric) -> None:
    for note in ("[^1]: sorry, typo above — I meant $\\sigma_1(x_1)$.",
                 "[^1]: no wait, it is $\\sigma_2(x_2)\\,w_3$ because f is linear in w3",
                 "[^1]: I mixed them up: this is actually the derivative for another weight."):
        assert grade_report_item(rubric, "p1.d", report(note + "\n", mark="[^1]")).status == "review", note
    explains = "[^1]: as in the lecture notes, section 3."
    assert grade_report_item(rubric, "p1.d", report(explains + "\n", mark="[^1]")).status == "pass"


def test_a_fixes_heading_with_the_part_and_the_formula_on_later_lines(rubric) -> None:
    fixes = "## Fixes\n\n(d)\n\n$\\frac{\\partial f}{\\partial w_3} = w_3\\sigma_2(x_2)$\n"
    assert grade_report_item(rubric, "p1.d", report(fixes)).status == "review"
    assert grade_report_item(rubric, "p1.e.w2", report(fixes)).status == "pass"
    same = "## Fixes\n\n(d)\n\n$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$\n"
    assert grade_report_item(rubric, "p1.d", report(same)).status == "pass"


def test_a_later_fix_of_a_value_is_read_with_the_part(rubric) -> None:
    assert grade_report_item(rubric, "p2.b", report("")).status == "pass"
    fixed = report("## Fixes\n\n2(b)\n\nstride 2, not 1.\n")
    assert grade_report_item(rubric, "p2.b", fixed).status != "pass"


def test_parts_named_in_arabic_letters_and_by_number(rubric) -> None:
    arabic = report("تصحيح الجزء (د): $\\frac{\\partial f}{\\partial w_3} = \\sigma_1(x_1)$\n")
    assert grade_report_item(rubric, "p1.d", arabic).status == "review"
    note = report("ملاحظة (هـ): $\\frac{\\partial f}{\\partial w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))$\n")
    assert grade_report_item(rubric, "p1.e.w2", note).status == "review"
    aside = report("> ملاحظة: المشتقة بدلالة σ نفسها مفيدة\n")  # "a note: the derivative in σ is useful"
    assert grade_report_item(rubric, "p1.d", aside).status == "pass"
    numbered = ("Problem 1\n1.4 ∂f/∂w3 = σ2(x2)\n1.5 ∂f/∂w2 = w3 σ2(x2)(1−σ2(x2)) σ1(x1)\n\n"
                "Problem 2\n2.3 520 + 0 + 0 + 25050 + 0 + 0 + 400500 + 5010 = 431080\n\n{tail}")
    assert grade_report_item(rubric, "p1.d", numbered.format(tail="")).status == "pass"
    fixed = numbered.format(tail="PS re 1.4: it is σ1(x1) of course, the last layer sees σ1.\n")
    assert grade_report_item(rubric, "p1.d", fixed).status == "review"


def test_a_redone_part_under_its_own_heading_after_the_last_problem(rubric) -> None:
    redo = report("## 1d (redo)\n$\\partial f/\\partial w_3 = \\sigma_1(x_1)$\n")
    assert grade_report_item(rubric, "p1.d", redo).status == "review"


def test_an_edit_saying_a_typo_was_fixed_in_place_changes_nothing(rubric) -> None:
    fixed = report("edit: fixed a typo in 1e, thanks for the comments\n")
    assert grade_report_item(rubric, "p1.e.w2", fixed).status == "pass"
    apology = report("(sorry for the plain text, typed in a hurry)\n$x$\n")
    assert grade_report_item(rubric, "p1.d", apology).status == "pass"
