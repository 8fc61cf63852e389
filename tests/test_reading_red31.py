"""Red team 31 against the 28th batch's readings (e-mail replies, forum and tracker markup, outlines, margin arrows,
a ∂L/∂w_j table, carried errors) and the 29th held-out batch: each attack that passed a wrong or an ambiguous
answer, now failed or sent to a person, beside a twin that still passes."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

HANDIN = ("(b) (i) dσ1/du = e^(−u)/(1+e^(−u))²   (ii) dσ1/du = σ1(u)(1−σ1(u))\n(d) ∂f/∂w3 = {d}\n"
          "(e) ∂f/∂w2 = w3σ2(x2)(1−σ2(x2))σ1(x1)\n    ∂f/∂w1 = w3σ2(x2)(1−σ2(x2))w2σ1(x1)(1−σ1(x1))x\n"
          "(f) ∇_w L = Σ_{{i=1}}^{{2}} 2(f_w(x^i) − y^i)∇_w f_w(x^i)\n    w ← w {sign} α ∇L\n")
RIGHT = HANDIN.format(d="σ2(w2σ1(w1x))", sign="−")


def status(rubric, item: str, report: str, name: str = "r.md") -> str:
    return grade_report_item(rubric, item, report, name).status


def quoted(text: str) -> str:
    return "\n".join("> " + ln for ln in text.split("\n"))


@pytest.mark.parametrize("attribution", ["2020년 4월 14일 (화) 오후 11:49, Kim <k@x.org>님이 작성:",
                                         "在 2020年4月14日 23:49，Kim <k@x.org> 写道：",
                                         "Il giorno mar 14 apr 2020, Kim <k@x.org> ha scritto:",
                                         "2020年4月14日(火) 23:49 Kim <k@x.org>:"])
def test_a_fix_on_top_of_a_quoted_hand_in_in_any_language(rubric, attribution: str) -> None:
    """The reply on top is the later message: its "(f) w ← w + α∇L" is never hidden by the quoted first one."""
    fix = "1(f) 최종 답 / final answer:\n\n  w ← w + α ∇L\n\n"
    assert status(rubric, "p1.f.update", f"{fix}{attribution}\n\n{quoted(RIGHT)}\n", "r.txt") != "pass"
    assert status(rubric, "p1.e.w2", f"{fix}{attribution}\n\n{quoted(RIGHT)}\n", "r.txt") == "pass"


@pytest.mark.parametrize("separator", ["---------- Forwarded message ---------", "Begin forwarded message:",
                                       "-----원본 메시지-----", "________________________________"])
def test_a_fix_over_a_forwarded_or_outlook_message(rubric, separator: str) -> None:
    fix = "Resending with a fix in (d): ∂f/∂w3 = w3·σ2(x2). Rest unchanged.\n\n"
    headers = "From: Kim <k@x.org>\nSent: Tuesday, April 14, 2020 11:49 PM\nSubject: HW2\n\n"
    assert status(rubric, "p1.d", f"{fix}{separator}\n{headers}{RIGHT}", "r.txt") != "pass"
    assert status(rubric, "p1.e.w2", f"{fix}{separator}\n{headers}{RIGHT}", "r.txt") == "pass"


def test_a_line_of_underscores_without_headers_is_no_forward(rubric) -> None:
    assert status(rubric, "p1.d", f"Name: Kim\n________________________________\n\n{RIGHT}", "r.txt") == "pass"


def test_hidden_markup_is_not_read(rubric) -> None:
    """White BBCode text, Textile and Djot comments, a Djot deletion: not on the page, never the answer."""
    white = "(d) ∂f/∂w3 = [b]w3·σ2(x2)[/b] [color=#ffffff]∂f/∂w3 = σ2(x2)[/color]\n[i]x[/i] [b]y[/b]\n"
    assert status(rubric, "p1.d", white, "r.txt") != "pass"
    textile = "h3. (d)\n\np. ∂f/∂w~3~ = w~3~σ~2~(x~2~)\n\n###. old: ∂f/∂w~3~ = σ~2~(x~2~)\n\nh3. (e)\n"
    assert status(rubric, "p1.d", textile, "r.textile") != "pass"
    assert status(rubric, "p1.d", textile.replace("= w~3~σ", "= σ"), "r.textile") == "pass"
    djot = ("### (d)\n\n$$`\\frac{\\partial f}{\\partial w_3} = w_3 g`\n\n"
            "{-$`\\frac{\\partial f}{\\partial w_3} = g`-}\n")
    assert status(rubric, "p1.d", "g = \\sigma_2(x_2)\n\n" + djot, "r.dj") != "pass"
    comment = "### (d)\n\n$$`\\frac{\\partial f}{\\partial w_3} = w_3\\sigma_2(x_2)` {% old: $`\\sigma_2(x_2)` %}\n"
    assert status(rubric, "p1.d", comment, "r.dj") != "pass"


def test_a_textile_footnote_that_changes_the_answer(rubric) -> None:
    page = "h3. (d)\n\np. ∂f/∂w~3~ = σ~2~(x~2~)[1]\n\nh3. (e)\n\np. text\n\nfn1. times w~3~ of course: w~3~σ~2~(x~2~)\n"
    assert status(rubric, "p1.d", page, "r.textile") != "pass"


def test_an_extended_code_block_runs_to_the_next_block(rubric) -> None:
    page = ("h3. (f)\n\np. Update: *w ← w + α ∇~w~L*\n\nbc.. # scratch from the lecture slide\n\n"
            "w <- w - alpha * grad_L\n\np. (I use the plus version above.)\n")
    assert status(rubric, "p1.f.update", page, "r.textile") != "pass"


@pytest.mark.parametrize("margin", ["← fixed: sign is +, w ← w + α ∇L", "<- nope, + : w ← w + α ∇L"])
def test_a_margin_arrow_that_carries_another_answer(rubric, margin: str) -> None:
    report = RIGHT.replace("w ← w − α ∇L\n", f"w ← w − α ∇L        {margin}\n")
    assert status(rubric, "p1.f.update", report) != "pass"
    assert status(rubric, "p1.f.update", RIGHT.replace("w ← w − α ∇L\n", "w ← w − α ∇L      <-- corrected\n")) \
        == "pass"


def test_a_chain_cut_to_the_asked_form_keeps_its_later_sides_as_steps(rubric) -> None:
    assert status(rubric, "p1.b.i", "(b)(i) dσ1/du = e^(-u)/(1+e^(-u))^2 = σ1(u)(1+σ1(u))\n") != "pass"
    assert status(rubric, "p1.b.i", "(b)(i) dσ1/du = e^(-u)/(1+e^(-u))^2 = σ1(u)(1-σ1(u))\n") == "pass"


@pytest.mark.parametrize("below", ["times w3 for the output node, don't forget it", "    └── × w3 (output weight)"])
def test_an_outline_answer_with_a_change_under_it(rubric, below: str) -> None:
    assert status(rubric, "p1.d", f"(d) ∂f/∂w3\nσ2(x2)\n{below}\n(e) x\n") != "pass"


def test_a_final_answer_after_a_side_remark_belongs_to_the_quantity(rubric) -> None:
    tree = ("(e)\n- ∂f/∂w2\n  - **= w3σ2(x2)(1−σ2(x2))σ1(x1)**\n"
            "  - hmm, redoing it with σ' = σ(1+σ) from my cheat sheet: final = {}\n")
    assert status(rubric, "p1.e.w2", tree.format("w3σ2(x2)(1+σ2(x2))σ1(x1)")) != "pass"
    assert status(rubric, "p1.e.w2", tree.format("w3σ2(x2)(1−σ2(x2))σ1(x1)")) == "pass"


def test_a_table_of_dl_dwj_is_a_step_of_the_gradient(rubric) -> None:
    table = ("(f) ∇_w L = Σ_{{i=1}}^{{2}} 2(f_w(x^i) − y^i)∇_w f_w(x^i)\n\n| w_j | ∂L/∂w_j |\n|---|---|\n"
             "| w_1 | Σ_i 2({a}) w3σ2(x2^i)(1−σ2(x2^i))w2σ1(x1^i)(1−σ1(x1^i))x^i |\n"
             "| w_2 | Σ_i 2(f_w(x^i) − y^i) w3σ2(x2^i)(1−σ2(x2^i))σ1(x1^i) |\n"
             "| w_3 | Σ_i 2(f_w(x^i) − y^i) σ2(x2^i) |\n\n"
             "w ← w − α ∇L\n")
    assert status(rubric, "p1.f.grad", table.format(a="y^i − f_w(x^i)")) != "pass"
    assert status(rubric, "p1.f.update", table.format(a="y^i − f_w(x^i)")) != "pass"
    assert status(rubric, "p1.f.grad", table.format(a="f_w(x^i) − y^i")) == "pass"


def test_an_own_gradient_with_a_name_defined_two_ways_sends_the_update_to_a_person(rubric) -> None:
    report = ("(f) ∇_w L = Σ_{i=1}^{2} 2 r_i ∇_w f_w(x^i),  r_i = f_w(x^i) − y^i\n"
              "    (below I use the residual the usual way, r_i := y^i − f_w(x^i))\n"
              "    ∇_w L = Σ_i 2 r_i ∇_w f_w(x^i)\n    w ← w − α ∇L\n")
    assert status(rubric, "p1.f.update", report) == "review"


@pytest.mark.parametrize("note", ["EDIT: fixed a typo in (d), the σ1 inside is gone: ∂f/∂w3 = σ2(w2 w1 x). "
                                  "Answer below is the fixed one.\n\n",
                                  "(d) (already corrected: the right one is ∂f/∂w3 = w3σ2(x2))\n"])
def test_an_already_fixed_note_with_a_different_formula(rubric, note: str) -> None:
    assert status(rubric, "p1.d", note + "(d) ∂f/∂w3 = σ2(x2)\n") != "pass"


@pytest.mark.parametrize("hedge", ["Wolfram|Alpha gives me w3σ2(x2) though, no idea who is right",
                                   "or maybe it should be w3·σ2'(x2)??"])
def test_more_words_of_doubt(rubric, hedge: str) -> None:
    assert status(rubric, "p1.d", f"(d) ∂f/∂w3 = σ2(x2); {hedge}\n") != "pass"


def test_or_in_more_languages_between_two_displays(rubric) -> None:
    report = "(f) $$w\\leftarrow w-\\alpha\\nabla_wL \\quad\\text{немесе}\\quad w\\leftarrow w+\\alpha\\nabla_wL$$\n"
    assert status(rubric, "p1.f.update", report) == "review"


@pytest.mark.parametrize("image", ["![d](https://latex.codecogs.com/svg.latex?\\frac{\\partial%20f}{\\partial%20w_3}"
                                   "=w_3\\sigma_2(x_2))",
                                   "[img]https://latex.codecogs.com/png.latex?\\frac{\\partial f}{\\partial w_3} = "
                                   "w_3\\sigma_2(x_2)[/img] [b]x[/b] [i]y[/i] [u]z[/u]"])
def test_an_equation_image_is_read_by_the_tex_in_its_address(rubric, image: str) -> None:
    report = f"(d) {image}\n\n(plain text in case the image breaks: ∂f/∂w3 = σ2(x2))\n(e) x\n"
    assert status(rubric, "p1.d", report, "r.txt") != "pass"
    alone = "(d) ![d](https://latex.codecogs.com/svg.latex?\\frac{\\partial%20f}{\\partial%20w_3}=\\sigma_2(x_2))\n"
    assert status(rubric, "p1.d", alone) == "pass"


def test_y_named_the_output_leaves_the_labels_y_i_alone(rubric) -> None:
    report = ("Notation: $y = f(x; w)$.\n\n(f) $$\\nabla_w L = \\sum_{i=1}^2 -2\\,(y^i - f(x^i))\\,\\nabla_w f(x^i)$$\n"
              "$$w \\leftarrow w - \\alpha\\nabla_w L$$\n")
    assert status(rubric, "p1.f.grad", report) == "pass"
    assert status(rubric, "p1.f.grad", report.replace("-2\\,(y^i", "2\\,(y^i")) != "pass"
