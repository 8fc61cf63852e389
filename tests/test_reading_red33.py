"""Red team round 33 on the 32nd batch's readings: a step size that is a multiple of α, answers a reader never
sees (comments, hidden elements), an intermediate said only at one data point, a second total added up wrongly."""
from __future__ import annotations

import time

import pytest

from grader.reading.document import read_document
from tests.helpers import assert_twins, grade_report_item


def status(rubric, item: str, report: str, name: str = "r.md") -> str:
    return grade_report_item(rubric, item, report, name).status


GRAD = "(f) ∇_w L = Σ_{(x,y)∈D} 2(f_w(x)−y)·∇_w f_w(x)\n\n"


@pytest.mark.parametrize("said", ["update (lr = α/2): w ← w − lr·∇_w L",
                                  "update: w ← w − lr·∇_w L, where lr = α/2",
                                  "with η = α/|D| (the average): w ← w − η∇_w L",
                                  "learning rate lr; lr = alpha / len(D); w ← w − lr·∇_w L"])
def test_a_step_that_is_a_multiple_of_alpha_is_not_alpha(rubric, said: str) -> None:
    """"lr = α/2" names a step, but not the handout's α: the update is never read as w − α∇L (a person reads it)."""
    assert status(rubric, "p1.f.update", GRAD + said + "\n") != "pass"


@pytest.mark.parametrize("said", ["update (lr = α): w ← w − lr·∇_w L", "w ← w − η∇_w L with η = α",
                                  "lr = learning rate\n\nw ← w − lr·∇_w L"])
def test_a_step_named_as_alpha_itself_still_reads(rubric, said: str) -> None:
    report = GRAD + said + "\n"
    assert_twins(rubric, "p1.f.update", report, ("w − ", "w + "))


E_SHOWN = "## (e)\n\n$$w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))$$\n\n"
E_NAMED = "$$\\frac{\\partial f}{\\partial w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)$$"


@pytest.mark.parametrize("hidden, name", [
    (f"<!-- {E_NAMED} -->", "r.md"),
    (f"\\iffalse\n{E_NAMED}\n\\fi", "r.tex"),
    (f"\\begin{{comment}}\n{E_NAMED}\n\\end{{comment}}", "r.tex"),
    (f'<div style="display:none">\n\n{E_NAMED}\n\n</div>', "r.md"),
    (f"<p hidden>{E_NAMED}</p>", "r.md"),
])
def test_an_answer_a_reader_never_sees_is_no_answer(rubric, hidden: str, name: str) -> None:
    """The rendered page shows a wrong formula with no name; a right one named ∂f/∂w₂ sits in a comment or a
    hidden element: the hidden one is not the answer (never full marks)."""
    report = E_SHOWN + hidden + "\n"
    if name == "r.tex":
        report = ("\\documentclass{article}\n\\begin{document}\n\\subsection*{(e)}\n"
                  "$w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))$\n" + hidden.replace("$$", "$") + "\n\\end{document}\n")
    assert status(rubric, "p1.e.w2", report, name) != "pass"
    shown = E_SHOWN.replace("$$w_3", "$$\\frac{\\partial f}{\\partial w_2} = w_3").replace("))$$", "))\\sigma_1(x_1)$$")
    assert status(rubric, "p1.e.w2", shown + hidden + "\n") == "pass"  # a comment beside the answer changes nothing


def test_org_comment_subtrees_and_blocks_are_not_read(rubric) -> None:
    body = "\\frac{\\partial f}{\\partial w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)"
    for hidden in (f"*** COMMENT draft\n\\[ {body} \\]\n", f"#+begin_comment\n\\[ {body} \\]\n#+end_comment\n"):
        report = f"* Problem 1\n** (e)\n\\[ w_3\\sigma_2(x_2)(1-\\sigma_2(x_2)) \\]\n{hidden}* Problem 2\n"
        assert status(rubric, "p1.e.w2", report, "r.org") != "pass"


def test_hiding_is_linear_in_the_hand_in() -> None:
    """Many hidden elements, closed or not: a tenth of the input costs about a tenth."""
    def cost(n: int) -> float:
        text = '<div style="display:none">x</div> <p hidden>y ' * n
        start = time.perf_counter()
        read_document(text, "markdown")
        return time.perf_counter() - start

    cost(200)
    small, large = min(cost(400) for _ in range(3)), min(cost(4000) for _ in range(3))
    assert large < 30 * small, (small, large)


def test_the_handouts_intermediate_said_only_at_one_data_point_goes_to_a_person(rubric) -> None:
    """(d) "with x₂ = w₂σ₁(w₁x¹)": at the first data point, or a slip for x? Never a guess; after the handout's
    own x₂ = w₂σ₁(x₁) the same words in (f) only say what x₂ is there."""
    report = ("### (d)\nWith $x_1 = w_1x^1$, $x_2 = w_2\\sigma_1(w_1x^1)$:\n"
              "$$\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$$\n")
    assert status(rubric, "p1.d", report) == "review"


def test_a_second_total_added_up_wrongly_in_a_sentence_goes_to_a_person(rubric) -> None:
    table = ("## Problem 2\n\n(c)\n\n| layer | params |\n|---|---|\n| conv1 | 520 |\n| relu1 | 0 |\n| pool1 | 0 |\n"
             "| conv2 | 25,050 |\n| relu2 | 0 |\n| pool2 | 0 |\n| fc1 | 400,500 |\n| fc2 | 5,010 |\n"
             "| Total | 431,080 |\n\n")
    assert status(rubric, "p2.c", table) == "pass"
    for line in ("Adding up the layers: 520 + 25,050 + 400,500 + 5,010 = 430,580.",
                 "So the network has 520 + 25,050 + 400,500 + 5,010 = 430,580 trainable parameters."):
        assert status(rubric, "p2.c", table + line + "\n") == "review"
    agreeing = "Adding up the layers: 520 + 25,050 + 400,500 + 5,010 = 431,080."
    assert status(rubric, "p2.c", table + agreeing + "\n") == "pass"
