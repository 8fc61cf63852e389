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


def test_a_later_line_naming_a_part_is_read_with_it_whatever_words_lead_it(rubric) -> None:
    """No list of lead words holds every late fix ("Correctie", "Hmm, thinking again", "Oh and"): a line after
    the part's own text that names it and gives another formula is that part said again."""
    for fix in ("Correctie (d): het moet $\\sigma_1(x_1)$ zijn.",
                "Hmm, thinking again, (d) is $\\sigma_1(x_1)$ since $w_3$ multiplies the first layer.",
                "Verbesserung zu (d): $\\sigma_1(x_1)$ statt $\\sigma_2(x_2)$."):
        assert grade_report_item(rubric, "p1.d", report(fix + "\n")).status != "pass", fix
    plus = report("Oh and (f) needs a plus: $w_{new} = w + \\alpha\\nabla_w L$.\n")
    assert grade_report_item(rubric, "p1.f.update", plus).status != "pass"
    summary = report("## Summary\n\n(d) $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$\n")
    assert grade_report_item(rubric, "p1.d", summary).status == "pass"
    cited = P1.replace("MARK", "").replace("(f) $w_{new}", "(f) using (d) and (e) at each point, $w_{new}") + P2
    assert grade_report_item(rubric, "p1.d", cited).status == "pass"


def test_a_quantity_said_later_to_be_something_else_goes_to_a_person(rubric) -> None:
    named = report("P.S. $\\partial f/\\partial w_3$ is actually $\\sigma_1(x_1)$, I mixed up the layers.\n")
    assert grade_report_item(rubric, "p1.d", named).status == "review"
    remark = report("P.S. $\\partial f/\\partial w_3$ was the easiest one.\n")
    assert grade_report_item(rubric, "p1.d", remark).status == "pass"


def test_an_own_derivative_definition_that_is_wrong_puts_answers_using_it_in_doubt(rubric) -> None:
    """"σ'(u) := σ(u)(1+σ(u))", then ∂f/∂w2 written with σ2': the handout's σ' or the hand-in's cannot be told."""
    e = ("## Problem 1\n\nWrite $\\sigma'(u) := \\sigma(u)(1{sign}\\sigma(u))$ for short.\n\n"
         "(e) $\\frac{{\\partial f}}{{\\partial w_2}} = w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1)$\n")
    wrong = grade_report_item(rubric, "p1.e.w2", e.format(sign="+"))
    assert wrong.status == "review" and "not the derivative" in wrong.feedback
    assert grade_report_item(rubric, "p1.e.w2", e.format(sign="-")).status == "pass"


def test_a_problem_2_value_changed_later_by_its_label(rubric) -> None:
    for fix in ("Update: conv2 stride should be 2, not 1.",
                "Afterthought on 2(b): I now believe the stride of conv2 has to be 2, not 1."):
        assert grade_report_item(rubric, "p2.b", report(fix + "\n")).status != "pass", fix
    assert grade_report_item(rubric, "p2.b", report("Update: conv2 with stride 1 gives 8×8.\n")).status == "pass"


def test_answers_said_again_in_a_block_at_the_end_are_compared_with_the_part(rubric) -> None:
    body = ("Problem 2\n(a) 28x28 / 5x5x1x20 / 24x24x20 / 12x12x20\n(b) 5x5, stride 1, 20 channels\n\n"
            "ANSWERS\n2a  28x28, 5x5x1x20, {conv}x{conv}x20, 12x12x20\n2b  5x5, stride 1, 20 channels\n")
    assert grade_report_item(rubric, "p2.a", body.format(conv=24)).status == "pass"
    assert grade_report_item(rubric, "p2.a", body.format(conv=25)).status != "pass"


def test_or_in_more_languages_and_with_a_condition_is_a_hedge(rubric) -> None:
    bi = ("## Problem 1\n\n(b) (i) $$\\sigma_1'(u)=\\frac{e^{-u}}{(1+e^{-u})^2}\\quad\\text{WORD}\\quad "
          "\\sigma_1'(u)=\\frac{-e^{-u}}{(1+e^{-u})^2}$$\n")
    for word in ("vai", "arba", "eller", "ili"):
        assert grade_report_item(rubric, "p1.b.i", bi.replace("WORD", word)).status == "review", word
    assert grade_report_item(rubric, "p1.b.i", bi.replace("WORD", "i.e.").replace("{-e", "{e")).status == "pass"
    d = ("## Problem 1\n\n(d) \\[\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2) \\quad\\text{or, if } x_2 "
         "\\text{ also counts, } \\quad w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1)\\]\n")
    assert grade_report_item(rubric, "p1.d", d).status == "review"
    total = "## Problem 2\n\n(c) conv1 520, conv2 25050, fc1 400500, fc2 5010, relu/pool 0; total 430 500 або 431 080\n"
    assert grade_report_item(rubric, "p2.c", total).status == "review"


def test_words_that_allow_a_second_answer_are_a_hedge(rubric) -> None:
    b = "## Problem 2\n\n(b) conv2: filter 5×5, stride 1{aside}, 20 input channels, 50 filters, no padding\n"
    assert grade_report_item(rubric, "p2.b", b.format(aside="")).status == "pass"
    for aside in (" (could also be 2 with padding, either should work)", " (3×3 is fine as well)"):
        assert grade_report_item(rubric, "p2.b", b.format(aside=aside)).status == "review", aside
    written = b.format(aside=" (this could also be written as S = 1)")
    assert grade_report_item(rubric, "p2.b", written).status == "pass"
    e = ("## Problem 1\n\n(e) $\\frac{\\partial f}{\\partial w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))"
         "\\sigma_1(x_1)$\n\n$\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2)) w_2 "
         "\\sigma_1(x_1)(1-\\sigma_1(x_1)) x$"
         "\nASIDE\n")
    assert grade_report_item(rubric, "p1.e.w1", e.replace("ASIDE", "")).status == "pass"
    hedged = e.replace("ASIDE", "(without the final $x$, $w_3 w_2 \\sigma_2'(x_2)\\sigma_1'(x_1)$, either should work)")
    assert grade_report_item(rubric, "p1.e.w1", hedged).status == "review"
    assert grade_report_item(rubric, "p1.e.w2", hedged).status == "pass"


def test_after_the_last_problem_a_citing_word_does_not_hide_a_fix(rubric) -> None:
    for fix in ("Using (e) again I noticed the last factor is not there: $\\frac{\\partial f}{\\partial w_2} = "
                "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))$.",
                "Recall (f): $w_{new} = w + \\alpha \\nabla_w L$"):
        item = "p1.f.update" if "(f)" in fix else "p1.e.w2"
        assert grade_report_item(rubric, item, report(fix + "\n")).status != "pass", fix


def test_inside_a_later_part_an_equation_naming_a_cited_part_s_quantity_is_that_part_again(rubric) -> None:
    later = P1.replace("MARK", "").replace(
        "(f) $w_{new}", "(f) Going back to (e), it turns out $\\frac{\\partial f}{\\partial w_2} = "
        "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))$.\n\n$w_{new}") + P2
    assert grade_report_item(rubric, "p1.e.w2", later).status != "pass"
    cited = P1.replace("MARK", "").replace("(f) $w_{new}", "(f) with (d) and (e) at each data point, $w_{new}") + P2
    assert grade_report_item(rubric, "p1.e.w2", cited).status == "pass"


def test_more_ways_of_naming_a_part_or_its_quantity(rubric) -> None:
    for fix in ("Prob.1(e) again: $\\frac{\\partial f}{\\partial w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))$",
                "[e] on second thought: $\\frac{\\partial f}{\\partial w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))$",
                "PS, for e) the result is $w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))$",
                "For the fifth part of problem 1 the final answer is $w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))$.",
                "Double-checked: the gradient w.r.t. $w_2$ turns out to be $w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))$."):
        assert grade_report_item(rubric, "p1.e.w2", report(fix + "\n")).status != "pass", fix


def test_a_derivative_defined_as_an_identity_and_hedges_that_leave_the_choice(rubric) -> None:
    e = ("## Problem 1\n\n(e) with $\\sigma' \\equiv \\sigma(1SIGN\\sigma)$:\n\n"
         "$\\frac{\\partial f}{\\partial w_2} = w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1)$\n")
    assert grade_report_item(rubric, "p1.e.w2", e.replace("SIGN", "+")).status == "review"
    assert grade_report_item(rubric, "p1.e.w2", e.replace("SIGN", "-")).status == "pass"
    d = ("## Problem 1\n\n(d) $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$ "
         "(unsure, maybe $w_3\\sigma_2(x_2)$)\n")
    assert grade_report_item(rubric, "p1.d", d).status == "review"
    f = ("## Problem 1\n\n(f) $w_{new} = w - \\alpha \\nabla_w L$ — or $w_{new} = w + \\alpha \\nabla_w L$, "
         "take your pick.\n")
    assert grade_report_item(rubric, "p1.f.update", f).status == "review"


def test_round_27_names_of_parts_and_weights_and_definition_signs(rubric) -> None:
    wrong_e = "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))"
    for fix in (f"Regarding point e, final: $\\frac{{\\partial f}}{{\\partial w_2}} = {wrong_e}$",
                f"(ε) again: $\\frac{{\\partial f}}{{\\partial w_2}} = {wrong_e}$",
                f"For the 5th part of problem 1: $\\frac{{\\partial f}}{{\\partial w_2}} = {wrong_e}$",
                f"Part five, again: $\\frac{{\\partial f}}{{\\partial w_2}} = {wrong_e}$",
                f"$\\partial_{{w_2}} f = {wrong_e}$",
                f"Checked: the derivative with respect to the middle weight is actually ${wrong_e}$."):
        assert grade_report_item(rubric, "p1.e.w2", report(fix + "\n")).status != "pass", fix
    defined = ("## Problem 1\n\nLet $\\sigma'(u) \\triangleq \\sigma(u)(1SIGN\\sigma(u))$.\n\n"
               "(e) $\\frac{\\partial f}{\\partial w_2} = w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1)$\n")
    assert grade_report_item(rubric, "p1.e.w2", defined.replace("SIGN", "+")).status == "review"
    assert grade_report_item(rubric, "p1.e.w2", defined.replace("SIGN", "-")).status == "pass"
    said = ("## Problem 1\n\n(e) where $\\sigma'(u)$ is $\\sigma(u)(1+\\sigma(u))$:\n\n"
            "$\\frac{\\partial f}{\\partial w_2} = w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1)$\n")
    assert grade_report_item(rubric, "p1.e.w2", said).status == "review"


def test_a_note_after_the_last_part_about_an_item_by_its_key_word(rubric) -> None:
    """"Note on the update: we move w along the gradient, i.e. add α times it": no part named, no formula, but the
    item named by its key word after every part: a person decides; a note on something else changes nothing."""
    note = report("Note on the update: we move w along the gradient, i.e. add α times it.\n")
    assert grade_report_item(rubric, "p1.f.update", note).status == "review"
    other = report("Note on the formatting: typed in a hurry, sorry.\n")
    assert grade_report_item(rubric, "p1.f.update", other).status == "pass"
