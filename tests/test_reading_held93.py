"""Readings from batch 93 (group hand-ins, answers handed in as patches and answer files, flashcard exports, African
languages, posts written as threads): each with a twin it must not pass.
"""
from __future__ import annotations

import time

import pytest

from tests.helpers import grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


def _seconds(rubric, item: str, report: str, name: str) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    grade_report_item(rubric, item, report, name)
    return time.perf_counter() - start


# --- flashcard exports ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("back, full", [("\\(\\sigma_1(u)\\,(1-\\sigma_1(u))\\)", True),
                                        ("\\(\\sigma_1(u)\\,(1+\\sigma_1(u))\\)", False)])
def test_an_anki_notes_export_reads_each_card(rubric, back: str, full: bool) -> None:
    report = ("#separator:tab\n#html:true\n#tags column:3\n"
              "<b>HW2 P1(b)(i)</b> \\(\\frac{d\\sigma_1}{du}\\) with exp\t"
              "\\(\\dfrac{e^{-u}}{(1+e^{-u})^2}\\)\tDL\n"
              "<b>HW2 P1(b)(ii)</b> \\(\\frac{d\\sigma_1}{du}\\) with \\(\\sigma_1\\)\t" + back + "<br>check u = 0 ✓\tDL\n"
              "<b>HW2 P1(d)</b> \\(\\partial f/\\partial w_3\\)\t\\(\\sigma_2(x_2)\\)\tDL\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "deck.txt")) is full


@pytest.mark.parametrize("cloze, full", [("\\sigma_2(x_2)", True), ("\\sigma_1(x_1)", False)])
def test_an_anki_cloze_deletion_is_its_answer(rubric, cloze: str, full: bool) -> None:
    report = ("#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:5\n"
              "a1\tCloze\tDL::HW2\tP1 (b)(i): \\(\\dfrac{d\\sigma_1}{du} = {{c1::\\dfrac{e^{-u}}{(1+e^{-u})^2}}}\\)\tHW2\n"
              "a2\tCloze\tDL::HW2\tP1 (c): forward then backward\tHW2\n"
              "a3\tCloze\tDL::HW2\tP1 (d): \\(\\dfrac{\\partial f_w}{\\partial w_3} = {{c1::" + cloze + "::hint}}\\)\tHW2\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "deck.txt")) is full


@pytest.mark.parametrize("back, full", [("σ(u)·(1 − σ(u))", True), ("σ(u)·(1 + σ(u))", False)])
def test_quizlet_terms_after_the_homeworks_name(rubric, back: str, full: bool) -> None:
    report = ("HW2 P1b(i) dσ/du (con exp)\te^(-u) / (1 + e^(-u))^2\n"
              "HW2 P1b(ii) dσ/du (con σ)\t" + back + "\n"
              "HW2 P1c forward pass\tcalcular la salida\n"
              "HW2 P1d ∂f/∂w3\tσ(x2) = σ(w2·σ(w1·x))\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "quizlet.txt")) is full


@pytest.mark.parametrize("name", ["deck.csv", "deck.txt"])
@pytest.mark.parametrize("answer, full", [("w3 * s(x2)*(1-s(x2)) * s(x1)", True), ("w3 * s(x2)*(1-s(x2))", False)])
def test_a_question_answer_sheet_is_a_deck(rubric, name: str, answer: str, full: bool) -> None:
    report = ('question,answer,tags\n"HW2 P1 notation","s(u) = 1/(1+exp(-u)), x1 = w1*x, x2 = w2*s(x1)",hw2\n'
              '"P1(d) df/dw3","s(x2) = s(w2*s(w1*x))",hw2 p1\n'
              f'"P1(e) df/dw2","{answer}",hw2 p1\n"P2(a) input","28x28",hw2 p2\n')
    assert _full(grade_report_item(rubric, "p1.e.w2", report, name)) is full


@pytest.mark.parametrize("answer, full", [("σ1(u)·(1-σ1(u))", True), ("σ1(u)·(1+σ1(u))", False)])
def test_quizlet_with_its_own_separators(rubric, answer: str, full: bool) -> None:
    report = ("Camille - export Quizlet (' - ' entre terme et définition, ';' entre cartes)\n\n"
              "HW2 P1 notations - x1 = w1·x, x2 = w2·σ1(x1), σ1 = σ2 = σ;P1 b(i) dσ1/du avec exp - "
              "exp(-u)/(1+exp(-u))²;P1 b(ii) dσ1/du avec σ1 - " + answer + ";P1 c forward pass - on calcule la "
              "sortie;P1 d ∂f/∂w3 - σ2(x2) = σ2(w2·σ1(w1·x));P1 e ∂f/∂w2 - w3 · σ2(x2)(1-σ2(x2)) · σ1(x1);"
              "P2 a dimension entrée - 28×28;P2 a filtre conv1 - 5×5×1 (20 filtres)\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "quizlet.txt")) is full


@pytest.mark.parametrize("answer, full", [("$\\sigma_2(x_2) = \\sigma_2(w_2\\,\\sigma_1(w_1x))$", True),
                                          ("$\\sigma_1(x_1) = \\sigma_1(w_1x)$", False)])
def test_cards_written_one_to_a_line_in_a_note(rubric, answer: str, full: bool) -> None:
    report = ("# hw2 cards\n\n## problem 1\n\np1 (a) comp graph::x → ×w1 → σ1 → ×w2 → σ2 → ×w3 → f\n\n"
              "p1 (b)(i) derivative of sigmoid, exp form::$\\dfrac{d\\sigma_1}{du} = \\dfrac{e^{-u}}{(1+e^{-u})^2}$\n\n"
              "p1 (c) forward vs backward\n?\nforward computes, backward applies the chain rule\n\n"
              "p1 (d) ∂f/∂w3::" + answer + "\n\n")
    assert _full(grade_report_item(rubric, "p1.d", report)) is full


@pytest.mark.parametrize("answer, full", [("$a_2 = \\sigma_2(x_2)$", True), ("$a_1 = \\sigma_1(x_1)$", False)])
def test_remnote_cards_in_a_nested_list(rubric, answer: str, full: bool) -> None:
    report = ("- DL Übung 2\n    - Notation :: $x_1 = w_1 x$, $a_1 = \\sigma_1(x_1)$, $x_2 = w_2 a_1$, $a_2 = \\sigma_2(x_2)$\n"
              "    - Aufgabe 1\n        - (a) Rechengraph >> x → w1 → σ1 → w2 → σ2 → w3 → f\n"
              "        - (c) Forward pass :: alles berechnen und speichern\n"
              "        - (d) $\\frac{\\partial f_w}{\\partial w_3}$ >> " + answer + "\n"
              "        - (e) $\\frac{\\partial f_w}{\\partial w_2}$ >>>\n            - $= w_3\\,a_2(1-a_2)\\,a_1$\n")
    assert _full(grade_report_item(rubric, "p1.d", report)) is full


def test_a_table_of_values_with_tabs_is_no_deck() -> None:
    from grader.reading.formats_cards import cards_markdown

    sheet = "layer\tparams\nconv1\t520\nconv2\t25050\nfc1\t400500\nfc2\t5010\ntotal\t431080\n"
    assert cards_markdown(sheet) is None


@pytest.mark.parametrize("text", [
    "#separator:tab\n" + "P1(d) x\t" * 3000 + "\n",
    "q\t" + "{{c1::" * 5000 + "\n" + "(d) a\tb\n" * 4,
    "x" * 400 + ";" * 5000 + " - " * 3000,
    "p1 (d) q::" + ":" * 30_000 + "\n" + "p1 (e) a::b\n" * 3,
    "(d) a " + ">" * 30_000 + "\n" + "(e) a >> b\n" * 3,
])
def test_decks_take_bounded_time_on_hostile_text(rubric, text: str) -> None:
    assert _seconds(rubric, "p1.d", text, "deck.txt") < 20


# --- patches and answer files -------------------------------------------------------------------------------------

_SERIES = """From 6915eb9ca8e7ca80fa58acef148158a81298640d Mon Sep 17 00:00:00 2001
Subject: [PATCH 0/2] HW2 answers

Please grade the tree after 2/2.

From 45ee366fab802265dc7a54501245e8cc540aa086 Mon Sep 17 00:00:00 2001
Subject: [PATCH 1/2] Fill in answers
---
diff --git a/answers.md b/answers.md
--- a/answers.md
+++ b/answers.md
@@ -1,5 +1,5 @@
 ## Problem 1
 ### (e)
-df/dw1 = ____
+df/dw1 = w3 * s2(x2) * (1 - s2(x2)) * w2 * s1(x1) * (1 - s1(x1))
 ### (f)
 update: ____
-- 
2.39.5

From 5ee366fab802265dc7a54501245e8cc540aa0864 Mon Sep 17 00:00:00 2001
Subject: [PATCH 2/2] P1(e): add missing x factor in df/dw1
---
diff --git a/answers.md b/answers.md
--- a/answers.md
+++ b/answers.md
@@ -2,3 +2,3 @@
 ### (e)
-df/dw1 = w3 * s2(x2) * (1 - s2(x2)) * w2 * s1(x1) * (1 - s1(x1))
+df/dw1 = @FIX@
 ### (f)
-- 
2.39.5
"""


@pytest.mark.parametrize("fix, full", [("w3 * s2(x2) * (1 - s2(x2)) * w2 * s1(x1) * (1 - s1(x1)) * x", True),
                                       ("w3 * s2(x2) * (1 - s2(x2)) * s1(x1) * (1 - s1(x1)) * x", False)])
def test_a_patch_series_is_read_as_the_tree_it_leaves(rubric, fix: str, full: bool) -> None:
    report = _SERIES.replace("@FIX@", fix)
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "series.txt")) is full


def test_a_later_patch_replaces_an_earlier_patchs_line_in_place() -> None:
    from grader.reading.formats_patch import patch_files

    pieces = patch_files(_SERIES.replace("@FIX@", "FIXED"))
    assert [name for name, _ in pieces] == ["", "answers.md", ""]  # the cover letter, the file, the messages after
    assert "Please grade the tree" in pieces[0][1] and "Mon Sep 17" not in pieces[0][1]  # (no mail headers)
    body = pieces[1][1]
    assert "FIXED" in body and "(1 - s1(x1))\n" not in body and body.index("FIXED") < body.index("### (f)")


def test_a_cover_letter_that_changes_a_value_goes_to_a_person(rubric) -> None:
    report = ("From 45ee366fab802265dc7a54501245e8cc540aa086 Mon Sep 17 00:00:00 2001\nSubject: [PATCH 0/1] HW2\n\n"
              "One thing I noticed: in (b) the stride has to be 2, not 1. Please grade (b) as: stride 2.\n\n"
              "diff --git a/r.md b/r.md\n--- /dev/null\n+++ b/r.md\n@@ -0,0 +1,3 @@\n+## Problem 2\n+\n"
              "+(b) filter size: 5x5, stride: 1, channel dimension: 20\n")
    assert grade_report_item(rubric, "p2.b", report, "series.txt").status == "review"


_TOML_DIFF = """Hi! here is my answers.toml as a diff against the template.

diff --git a/answers.toml b/answers.toml
--- a/answers.toml
+++ b/answers.toml
@@ -1,6 +1,13 @@
 [p2.params]
-conv1 = 0
-total = 0
+@CONFLICT@
"""


@pytest.mark.parametrize("lines, full", [
    ("conv1 = 520\n+relu1 = 0\n+pool1 = 0\n+conv2 = 25050\n+relu2 = 0\n+pool2 = 0\n+fc1 = 400500\n+fc2 = 5010\n"
     "+total = 431080", True),
    ("<<<<<<< HEAD\n+conv1 = 520\n+relu1 = 0\n+pool1 = 0\n+conv2 = 25050\n+relu2 = 0\n+pool2 = 0\n+fc1 = 400500\n"
     "+fc2 = 5010\n+total = 431080\n+=======\n+conv1 = 500\n+total = 430500\n+>>>>>>> recount", False),
])
def test_an_answer_file_in_a_diff_and_a_conflict_left_in_it(rubric, lines: str, full: bool) -> None:
    report = _TOML_DIFF.replace("@CONFLICT@", lines)
    report = report.replace("@@ -1,6 +1,13 @@", f"@@ -1,3 +1,{report.count(chr(10) + '+') - 2} @@")
    result = grade_report_item(rubric, "p2.c", report, "answers.txt")
    assert _full(result) is full
    if not full:
        assert result.status == "review"  # both sides of the conflict: a person decides


def test_a_diff_pasted_into_a_report_keeps_the_report_around_it(rubric) -> None:
    report = ("## Problem 1\n\n### (d)\n\nMy draft and the final version:\n\n```\n--- draft.md\n+++ final.md\n"
              "@@ -1,1 +1,1 @@\n-df/dw3 = s(x1)\n+df/dw3 = s(x2)\n```\n\n### (e)\n\nsee above\n")
    from grader.reading.formats_patch import patch_files

    pieces = patch_files(report)
    assert pieces[0][0] == "" and "### (d)" in pieces[0][1] and "### (e)" in pieces[-1][1]


@pytest.mark.parametrize("text", [
    "+++ b/a.md\n" + "@@ -1,1 +1,1 @@\n-x\n+y\n" * 4000,
    "+++ b/a.md\n@@ -1,3000 +1,3000 @@\n" + " x\n" * 3000 + "+++ b/a.md\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n" * 500,
    "<<<<<<< a\n" * 5000 + "=======\n" * 5000 + ">>>>>>> b\n" * 5000,
])
def test_patches_take_bounded_time_on_hostile_text(rubric, text: str) -> None:
    assert _seconds(rubric, "p2.c", "+++ b/answers.md\n@@ -1,1 +1,1 @@\n+x\n" + text, "answers.txt") < 20


@pytest.mark.parametrize("stride, full", [("1", True), ("2", False)])
def test_an_answer_sheets_keys_that_name_the_problem(rubric, stride: str, full: bool) -> None:
    report = ("## Problem 1\n\nsee PDF\n\np2_input: 28x28\np2_conv1_filter: 5x5x1x20\np2_after_conv1: 24x24x20\n"
              "p2_after_pool1: 12x12x20\np2_conv2_filter_size: 5x5\np2_conv2_stride: " + stride + "\n"
              "p2_conv2_channels: 20\n")
    assert _full(grade_report_item(rubric, "p2.b", report)) is full
    assert _full(grade_report_item(rubric, "p2.a", report))


# --- what a group, a changelog and an edit leave in a report ----------------------------------------------------

@pytest.mark.parametrize("grad, full", [("2\\big(f_w(x^i)-y^i\\big)", True), ("2\\big(y^i-f_w(x^i)\\big)", False)])
def test_a_groups_contributions_table_answers_nothing(rubric, grad: str, full: bool) -> None:
    report = ("# HW2, group 11\n\n## Contributions\n\n| Part | Written by | Checked by |\n|---|---|---|\n"
              "| 1 (d), (e) | Mei | Tom |\n| 1 (f) | Jiwoo | Mei |\n\n# Problem 1\n\n### (f) — *Jiwoo*\n\n"
              "$$\\nabla_w L = \\sum_{i=1}^{2} " + grad + "\\,\\nabla_w f_w(x^i)$$\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("answer, full", [("s(u) * (1 - s(u))", True), ("s(u) * (1 + s(u))", False)])
def test_a_changelog_is_history_not_an_answer(rubric, answer: str, full: bool) -> None:
    report = ("# Answers (v3)\n\n## Problem 1\n\n### (b)\n(i) `s'(u) = exp(-u) / (1 + exp(-u))^2`\n"
              "(ii) `s'(u) = " + answer + "`\n\n## CHANGELOG\n\n### [v2]\n#### Fixed\n"
              "- P1(b)(ii): typo `s(u)(1 + s(u))` -> `s(u)(1 - s(u))`\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report)) is full


def test_a_changelog_blanks_only_its_own_section() -> None:
    from grader.reading.layout import without_history

    text = "## Answers\nA\n## Changelog\n### v2\n- fixed B\n## Problem 2\nC\n"
    out = without_history(text)
    assert "fixed B" not in out and "A" in out and "C" in out and out.count("\n") == text.count("\n")


@pytest.mark.parametrize("answer, full", [("\\sigma_1(u)\\,\\bigl(1-\\sigma_1(u)\\bigr)", True),
                                          ("\\sigma_1(u)\\,\\bigl(1+\\sigma_1(u)\\bigr)", False)])
def test_an_edit_that_names_ii_is_no_correction_of_i(rubric, answer: str, full: bool) -> None:
    report = ("## Problem 1\n\n**(b)**\n\n(i) quotient rule:\n\n$$\\frac{d\\sigma_1}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}$$\n\n"
              "(ii) ~~$\\sigma_1(u)\\,(1+\\sigma_1(u))$~~\n\n> **EDIT:** (ii) is wrong above, I wrote 1+σ. So the answer for "
              "(ii) is\n>\n> $$\\frac{d\\sigma_1}{du} = " + answer + "$$\n\n**(e)**\n\n(I used the (ii) form, the corrected "
              "one — I'd already written these with 1−σ)\n\n$$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$$\n")
    assert _full(grade_report_item(rubric, "p1.b.i", report))
    assert _full(grade_report_item(rubric, "p1.b.ii", report)) is full


@pytest.mark.parametrize("kept, deleted, full", [("σ1(u)·(1 − σ1(u))", "deleted", True),
                                                 ("σ1(u)·(1 + σ1(u))", "deleted", False),
                                                 ("σ1(u)·(1 − σ1(u))", "sugdel", False)])  # (a suggestion still open)
def test_a_deletion_is_struck_and_a_comment_mark_is_no_power(rubric, kept: str, deleted: str, full: bool) -> None:
    report = ("<html><body><p>(b)</p><p>(ii)&nbsp; d&sigma;1/du = <span class=\"" + deleted + "\">&sigma;1(u) + 7</span>"
              "<span class=\"sugins\">" + kept + "</span><sup><a href=\"#cmnt1\" id=\"cmnt_ref1\">[a]</a></sup>"
              "&nbsp; because 1 &minus; &sigma;1(u) = e^(&minus;u)/(1 + e^(&minus;u)).</p>"
              "<div><p><a href=\"#cmnt_ref1\" id=\"cmnt1\">[a]</a>Hana Sato: same thing, as the slides write it</p>"
              "<p>Carlos Ruiz: ok accept</p></div></body></html>")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "report.html")) is full


# --- notation and values -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer, full", [("$\\sigma(u)(1-\\sigma(u))$", True), ("$\\sigma(u)(1+\\sigma(u))$", False)])
def test_an_answer_after_a_colon_that_ends_its_line(rubric, answer: str, full: bool) -> None:
    report = "## Problem 1\n\n(b)\n(i) $\\frac{e^{-u}}{(1+e^{-u})^2}$\n\n(ii) in terms of sigma: " + answer + "\n"
    assert _full(grade_report_item(rubric, "p1.b.ii", report)) is full


@pytest.mark.parametrize("answer, full", [("\\sigma_2(x_2)", True), ("\\sigma_1(x_1)", False)])
def test_a_plain_name_then_its_formula_in_math(rubric, answer: str, full: bool) -> None:
    report = "## Problem 1\n\np1 (d) ∂f/∂w3 = $" + answer + "$\n\np1 (e) next\n"
    assert _full(grade_report_item(rubric, "p1.d", report)) is full


@pytest.mark.parametrize("pairs", ["D = {(xa,ya), (xb,yb)}", "I use x1', x2' for the two data points x^1, x^2"])
@pytest.mark.parametrize("sign, full", [("f_w(A) - B", True), ("B - f_w(A)", False)])
def test_data_points_with_a_glued_mark(rubric, pairs: str, sign: str, full: bool) -> None:
    a, b = ("xa", "ya") if "xa" in pairs else ("x1'", "y1")
    c, d = ("xb", "yb") if "xa" in pairs else ("x2'", "y2")
    term = sign.replace("A", "{}").replace("B", "{}")
    grad = (f"2*({term.format(a, b) if sign.startswith('f') else term.format(b, a)})*grad f({a}) + "
            f"2*({term.format(c, d) if sign.startswith('f') else term.format(d, c)})*grad f({c})")
    report = f"## Problem 1\n\n(f) {pairs}\n\ngrad L = {grad}\n"
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("channels, full", [("20", True), ("50", False)])
def test_a_value_named_in_an_aside_that_says_it_in_words(rubric, channels: str, full: bool) -> None:
    report = ("## Problem 2\n\n(b) So conv2 = 50 filters of size 5 x 5 x 20 (channel dim " + channels + " = number of "
              "conv1 output channels), stride 1, padding 0.\n")
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("channels, full", [("20", True), ("50", False)])
def test_whose_dimension_in_swahili(rubric, channels: str, full: bool) -> None:
    report = "## Problem 2\n\n(b) filter size $5\\times5$, stride 1, channel dimension ya filter ni " + channels + \
        ", hakuna padding.\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("said, full", [("20 (well, 50 really — conv2 outputs 50 maps)", False),
                                        ("20 (conv2 outputs 50 maps)", True)])
def test_a_value_put_right_in_an_aside(rubric, said: str, full: bool) -> None:
    report = "## Problem 2\n\n(b) filter size $5\\times5$, stride 1, padding 0, channels: " + said + "\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("piece", [
    "| Part | Written by |\n|---|---|\n" + "| 1 (f) | Jiwoo |\n" * 50,
    "## Changelog\n" + "- v1 had (1+σ)\n" * 20,
    "(xa, ya), " * 50 + "\n",
    "x1', x2' " * 40 + "\n",
    "conv2_filter_size_" * 20 + ": 5x5\n",
    "(channel dim 20 = " + "number " * 40 + ")\n",
])
def test_batch93_readings_take_bounded_time(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece, size=30_000) < 20


# --- after the red team (93) and batch 94 ------------------------------------------------------------------------

@pytest.mark.parametrize("said, full", [("channels: 20 (well, 50 for the output side)", True),
                                        ("stride 2 (well, 1 in the first conv layer)", False)])
def test_well_puts_a_value_right_only_with_really(rubric, said: str, full: bool) -> None:
    report = "## Problem 2\n\n(b) filter size $5\\times5$, stride 1, padding 0, channels: 20\n\n" + said + "\n"
    if "stride 2" in said:
        report = "## Problem 2\n\n(b) filter size $5\\times5$, " + said + ", channel dimension 20, padding 0\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


def test_a_value_put_right_many_times_takes_bounded_time(rubric) -> None:
    report = "## Problem 2\n\n(b) filter 5x5, stride 1, channels 20 " + "  well  " * 40 + "50\n"
    assert _seconds(rubric, "p2.b", report, "report.md") < 20


@pytest.mark.parametrize("line, status", [("- v2: (b) stride changed to 2. **Final (b): stride 2.**", "review"),
                                          ("- v2: fixed a typo in (b).", "pass")])
def test_a_changelog_line_the_answers_never_got(rubric, line: str, status: str) -> None:
    report = ("## Problem 2\n\n(b) filter size 5x5, stride 1, channel dimension 20, padding 0\n\n"
              "### Revision history\n\n- v1: first draft.\n" + line + "\n")
    assert grade_report_item(rubric, "p2.b", report).status == status


def test_a_table_of_final_versions_is_no_roster(rubric) -> None:
    report = ("## Problem 1\n\n| Part | Checked by | Final version after the check |\n|---|---|---|\n"
              "| (d) | Tom | $\\sigma_1(x_1)$ |\n")
    assert not _full(grade_report_item(rubric, "p1.d", report))


@pytest.mark.parametrize("tail, full", [("", True), ("\t<br>no wait: σ1(x1), not sure", False)])
def test_a_quizlet_definition_goes_on_below(rubric, tail: str, full: bool) -> None:
    lines = ["HW2 P1b(i) dσ/du\te^(-u) / (1 + e^(-u))^2", "HW2 P1b(ii) dσ/du\tσ(u)·(1 − σ(u))",
             "HW2 P1c forward\tcompute", "HW2 P1d ∂f/∂w3\tσ(x2) = σ(w2·σ(w1·x))"]
    report = "\n".join(lines) + ("\nno wait: σ1(x1) = σ(w1·x), not sure" if tail else "") + "\n"
    assert _full(grade_report_item(rubric, "p1.d", report, "quizlet.txt")) is full


def test_a_question_answer_sheets_unquoted_comma_stays_in_the_answer(rubric) -> None:
    report = ('question,answer,tags\n"P1(d) df/dw3","s(x2)",a\n"P1(e) df/dw2","w3*s(x2)*(1-s(x2))*s(x1)",b\n'
              '"P2(b) conv2",filter 5x5, stride 1, no: stride 2, channel 20,c\n')
    assert not _full(grade_report_item(rubric, "p2.b", report, "deck.csv"))


@pytest.mark.parametrize("tag4, full", [("w_3 w_2 \\sigma_2'(x_2)\\sigma_1'(x_1)\\,x", True),
                                        ("w_3 w_2 \\sigma_2'(x_2)\\sigma_1'(x_1)", False)])
def test_an_answer_named_by_its_equations_number(rubric, tag4: str, full: bool) -> None:
    report = ("\\paragraph{(e)}\n\\begin{align}\n\\frac{\\partial f}{\\partial w_1} &= " + tag4 + " \\tag{4}\n"
              "\\end{align}\n\\begin{proof}\n\\[\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2'(x_2) w_2 \\sigma_1'(x_1)\\, x"
              "\\]\n\\end{proof}\n\\noindent Answer: $\\partial_{w_1}f$ is (4).\n")
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "report.tex")) is full


def test_not_sure_which_of_the_two_leaves_both(rubric) -> None:
    report = ("## Problem 1\n\n### (e)\n\n$\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2'(x_2)w_2\\sigma_1'(x_1)x$\n\n"
              "or maybe $\\frac{\\partial f}{\\partial w_1} \\overset{?}{=} 2w_3\\sigma_2'(x_2)w_2\\sigma_1'(x_1)x$\n\n"
              "Not sure which of the two is correct, leaving both.\n")
    assert grade_report_item(rubric, "p1.e.w1", report).status == "review"


@pytest.mark.parametrize("answer, full", [("\\sigma_1(u)(1-\\sigma_1(u))", True), ("\\sigma_1(u)(1+\\sigma_1(u))", False)])
def test_a_latex_display_left_open_ends_at_the_next_section(rubric, answer: str, full: bool) -> None:
    report = ("\\section*{Problem 1}\n\\subsection*{(b)}\n\\begin{align}\n\\frac{d\\sigma_1}{du} &= "
              "\\frac{e^{-u}}{(1+e^{-u})^2}\n\\subsection*{(d)}\n\\begin{align*}\n"
              "\\frac{\\partial f}{\\partial w_3} &= \\sigma_2(x_2)\n\\end{align*}\n\\subsection*{(b)(ii)}\n"
              "\\[\\frac{d\\sigma_1}{du} = " + answer + "\\]\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.tex"))
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "report.tex")) is full


@pytest.mark.parametrize("answer, full", [("\\sigma_2(x_2)", True), ("\\sigma_1(x_1)", False)])
def test_a_code_fence_left_open_ends_where_the_parts_go_on(rubric, answer: str, full: bool) -> None:
    report = ("## 1. Backprop\n\n**(c)** forward then backward:\n\n```python\nf = w3 * s(w2 * s(w1 * x))\n\n"
              "**(d)**\n\n$$\\frac{\\partial f}{\\partial w_3} = " + answer + "$$\n\n**(e)**\n\nsee notes\n\n```\nprintout\n")
    assert _full(grade_report_item(rubric, "p1.d", report)) is full


def test_an_org_block_left_open_ends_at_the_next_heading(rubric) -> None:
    report = ("* Problem 1\n** (c)\n   #+begin_src python\n   f = w3 * s(x2)\n** (d)\n   "
              "\\( \\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2) \\)\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.org"))


def test_markup_that_pairs_up_is_left_as_it_is() -> None:
    from grader.reading.unclosed import closed_displays, closed_fences, closed_org_blocks

    tex = "\\begin{align}\na &= b\n\\end{align}\n\\section{x}\n\\begin{equation}c\\end{equation}\n"
    md = "text\n\n```python\n# a comment\n\n**(d)** in a docstring\n```\n"
    assert closed_displays(tex) == tex and closed_org_blocks("#+begin_src\nx\n#+end_src\n* h\n") \
        == "#+begin_src\nx\n#+end_src\n* h\n"
    assert closed_fences("text\n\n```\ncode\n```\n\n**(d)** x\n") == "text\n\n```\ncode\n```\n\n**(d)** x\n"
    assert closed_fences(md) != md  # (a bold part label after a blank line inside a fence ends it: a guess, noted)
    title = "~~~ DL hw3 ~~~  by Jun Park\n\n## 1(a) graph\n\n~~~ struck ~~~ <- crossed out\n\n## 1(b)\n"
    assert closed_fences(title) == title  # (tildes around a title or a struck line open no code block)


@pytest.mark.parametrize("piece", [
    "\\begin{align}\n" * 2000,
    "```\n\n**(d)**\n" * 2000,
    "#+begin_src\n* h\n" * 2000,
])
def test_closing_takes_bounded_time(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece, size=30_000) < 20
