"""Red team 32: a student who has not chosen between two answers ("torn between", "can't decide", "50/50", "second
guess", "A, unless …, then B", "TODO: check against B", "(B??)", or in Japanese, Korean, Russian, Vietnamese,
Turkish, Polish, Indonesian) goes to a person; x₁, x₂ named as the sigmoids' outputs (under a brace, or in words)
are never read with the handout's meaning. Each case with its decided twin."""
from __future__ import annotations

import pytest

from tests.helpers import assert_twins, grade_report_item

D = "**(d)** $\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)${tail}\n"


def status(rubric, item: str, report: str, name: str = "r.md") -> str:
    return grade_report_item(rubric, item, report, name).status


@pytest.mark.parametrize("tail", [
    ". I'm torn between this and $w_3\\sigma_2(x_2)$.",
    ". Can't decide between this and $w_3\\sigma_2(x_2)$.",
    " (50/50 between this and $w_3\\sigma_2(x_2)$)",
    ". Hmm, it might actually be $w_3\\sigma_2(x_2)$.",
    "; $w_3\\sigma_2(x_2)$ would be my second guess.",
    " [TODO: check against $w_3\\sigma_2(x_2)$ before handing in]",
    " ($w_3\\sigma_2(x_2)$??)",
    ", unless $w_3$ also scales the input of $\\sigma_2$, then $w_3\\sigma_2(x_2)$",
    " か $w_3\\sigma_2(x_2)$ (どちらか自信がない)",
    " 이거나 $w_3\\sigma_2(x_2)$",
    " — то ли это, то ли $w_3\\sigma_2(x_2)$",
    " hay là $w_3\\sigma_2(x_2)$",
    " mi yoksa $w_3\\sigma_2(x_2)$ mi?",
    " czy $w_3\\sigma_2(x_2)$",
    " entah ini entah $w_3\\sigma_2(x_2)$",
])
def test_an_answer_the_student_has_not_chosen_goes_to_a_person(rubric, tail: str) -> None:
    assert status(rubric, "p1.d", D.format(tail=tail)) == "review"
    assert status(rubric, "p1.d", D.format(tail=".")) == "pass"


def test_undecided_values_go_to_a_person(rubric) -> None:
    part = ("## Problem 2\n\n**(b)** filter size $5\\times5$, stride 1, channel dimension 20{tail}\n")
    assert status(rubric, "p2.b", part.format(tail=", unless the question means the output channels, then 50")) \
        == "review"
    assert status(rubric, "p2.b", part.format(tail=".")) == "pass"


UNDERBRACE = ("$$f_w(x) = w_3 \\underbrace{\\sigma_2(w_2 \\underbrace{\\sigma_1(w_1 x)}_{x_1})}_{x_2}$$\n\n"
              "**(d)** $\\frac{\\partial f}{\\partial w_3} = x_2$\n\n"
              "**(e)** $\\frac{\\partial f}{\\partial w_2} = w_3 x_2(1-x_2) x_1$\n")


def test_names_set_under_a_brace_are_the_students_definitions(rubric) -> None:
    """x₂ under the brace of σ₂(…) is the sigmoid's output: ∂f/∂w₃ = x₂ is right, σ₂(x₂) (σ applied twice) is not."""
    assert_twins(rubric, "p1.d", UNDERBRACE, ("= x_2$", "= \\sigma_2(x_2)$"))
    assert_twins(rubric, "p1.e.w2", UNDERBRACE, ("(1-x_2) x_1$", "(1-x_2) w_1 x$"))


def test_the_handouts_underbraces_keep_the_handouts_names(rubric) -> None:
    """The real hand-in's $f_w(x) := w_3σ_2(\\underbrace{w_2σ_1(\\underbrace{w_1x}_{x_1})}_{x_2})$: the handout's x₁, x₂."""
    report = ("$$f_w(x) := w_3 \\sigma_2 \\left( \\underbrace{w_2 \\sigma_1 \\left( \\underbrace{w_1 x}_{x_1} \\right)}_{x_2}"
              " \\right)$$\n\n**(d)** $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$\n")
    assert_twins(rubric, "p1.d", report, ("= \\sigma_2(x_2)$", "= x_2$"))


@pytest.mark.parametrize("words", [
    "I denote by $x_1$ the output of the first sigmoid and by $x_2$ the output of the second sigmoid.",
    "I write $x_1$ and $x_2$ for the hidden values after the activation (after $\\sigma_1$ and after $\\sigma_2$).",
    "Throughout, $x_1$ and $x_2$ are the neuron outputs (post-sigmoid).",
    "Let $h_1$ denote the output of $\\sigma_1$ and let $x_2$ denote the output of $\\sigma_2$.",
])
def test_x2_said_in_words_to_be_an_output_is_not_the_handouts(rubric, words: str) -> None:
    report = f"{words}\n\n**(d)** $\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)$\n"
    assert status(rubric, "p1.d", report) == "review"


@pytest.mark.parametrize("words", [
    "The forward pass saves x1, x2 and the outputs of the sigmoids.",
    "Forward: compute $x_1$, $\\sigma_1(x_1)$, $x_2$, $\\sigma_2(x_2)$, caching the activations.",
    "$x_1 = w_1 x$ is the input of the first sigmoid, $\\sigma_1(x_1)$ its output.",
])
def test_the_handouts_names_beside_words_about_outputs_stay_the_handouts(rubric, words: str) -> None:
    report = f"{words}\n\n**(d)** $\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)$\n"
    assert status(rubric, "p1.d", report) == "pass"
