"""Held-out batch 43: scans, a PDF's text layer laid out in columns, an international class — two answers a
scan set side by side (``A \\quad // \\quad B``), the chain rule's fractions and a power set above their line,
σ that a keyboard without Greek typed as "o" applied to the hand-in's own names, words in brackets after a
definition, and σ of a name the hand-in defined itself (``u = w₁x``, ``v = σ₁(u)``) as a value. Each reading has a
wrong twin that must not pass."""
from __future__ import annotations

import pytest

from grader.reading.stacked import rebuild_layout
from tests.helpers import grade_report_item

HEAD = "## Problem 1\n\n"
RIGHT_W2 = ("w_{3} \\sigma_{2}\\left(x_{2}\\right)\\left(1-\\sigma_{2}\\left(x_{2}\\right)\\right) "
            "\\sigma_{1}\\left(x_{1}\\right)")
WRONG_W2 = RIGHT_W2 + " w_{2}"


@pytest.mark.parametrize("first, second", [(WRONG_W2, RIGHT_W2), (RIGHT_W2, WRONG_W2)])
def test_two_answers_a_scan_set_side_by_side_go_to_a_person(rubric, first: str, second: str) -> None:
    lead = "\\therefore \\frac{\\partial f_w}{\\partial w_2}"
    report = f"{HEAD}e.\n\n${lead} = {first} \\quad / / \\quad {second}$\n"
    assert grade_report_item(rubric, "p1.e.w2", report).status == "review"


def test_the_chain_rules_fractions_with_products_between_them() -> None:
    up = "          ∂fw      ∂fw ∂s2 ∂u2"
    mid = "               =      ·   ·     = w3 · s2 (1 − s2 ) · s1 ,"
    down = "          ∂w2      ∂s2 ∂u2 ∂w2"
    assert rebuild_layout(up, mid, down) == ("(∂fw)/(∂w2) = (∂fw)/(∂s2) · (∂s2)/(∂u2) · (∂u2)/(∂w2) "
                                            "= w3 · s2 (1 − s2 ) · s1 ,")
    # a product sign between fractions that are not the chain rule's: not guessed
    assert rebuild_layout("   a b", "=  ·  ", "   c d") is None


def test_a_power_set_above_its_line() -> None:
    up = "          dσ1                        −2"
    mid = "               = −(1 + exp(−u))         · (−exp(−u))"
    down = "          du"
    assert rebuild_layout(up, mid, down) == "(dσ1)/(du) = −(1 + exp(−u))^(−2) · (−exp(−u))"


LAYOUT = """Problem 1. Back propagation

I name u1 = w1 x, s1 = σ1 (u1 ), u2 = w2 s1 , s2 = σ2 (u2 ).

(e) With σ′ (u) = σ(u)(1 − σ(u)),

          ∂fw      ∂fw ∂s2 ∂u2
               =      ·   ·     = {answer} ,
          ∂w2      ∂s2 ∂u2 ∂w2

(f) Loss.
"""


@pytest.mark.parametrize("answer, expected", [("w3 · s2 (1 − s2 ) · s1", "pass"), ("w3 · s2 (1 + s2 ) · s1", "fail")])
def test_a_pdf_laid_out_in_columns(rubric, answer: str, expected: str) -> None:
    report = LAYOUT.format(answer=answer)
    assert grade_report_item(rubric, "p1.e.w2", report, "r.txt").status == expected


TYPED_O = """1. Back propagation
   f_w(x) = w3 * sigma2( w2 * sigma1( w1*x ) ),   sigma1(u) = sigma2(u) = 1 / (1 + exp(-u))
   Define   A = w1*x          (input of the first sigmoid)
            B = w2*o1(A)      (input of the second sigmoid)

1.(e)   df/dw2 = w3 * o2(B)({sign}o2(B)) * o1(A)
"""


@pytest.mark.parametrize("sign, expected", [("1 - ", "pass"), ("1 + ", "fail")])
def test_sigma_typed_as_o_applied_to_the_hand_ins_own_names(rubric, sign: str, expected: str) -> None:
    report = TYPED_O.replace("{sign}", sign)
    assert grade_report_item(rubric, "p1.e.w2", report, "r.txt").status == expected


def test_a_part_label_after_o2_is_no_argument(rubric) -> None:
    """``∂f/∂w3 = o2`` and then ``(e)`` on a later line: o2 is the hand-in's name, not σ₂ applied to e."""
    report = ("  o1 = σ(w1 x)          (output of hidden unit 1)\n  o2 = σ(w2 o1)         (output of hidden unit 2)\n\n"
              "(d) ∂f/∂w3 = o2\n\n(e) ∂f/∂w2 = w3 · o2(1−o2) · o1\n")
    assert grade_report_item(rubric, "p1.d", report, "r.txt").status == "pass"


JAPANESE = """■ 問1
  以下、中間変数を次のように置く。
    u = w₁x        （1層目の入力）
    v = σ₁(u)      （1層目の出力）
    s = w₂v        （2層目の入力）
    t = σ₂(s)      （2層目の出力）
  すると f_w(x) = w₃・t となる。

問1 (e)
  ∂f/∂w₂ = (∂f/∂t)(∂t/∂s)(∂s/∂w₂) = w₃ ・ t(1 − t) ・ {last}
"""


@pytest.mark.parametrize("last, expected", [("v", "pass"), ("u", "fail")])
def test_names_defined_with_words_in_brackets_after_them(rubric, last: str, expected: str) -> None:
    """``v = σ₁(u)`` after ``u = w₁x``: v is a value (v(1 − v) is a product), not a second name for σ."""
    report = JAPANESE.replace("{last}", last)
    assert grade_report_item(rubric, "p1.e.w2", report, "r.txt").status == expected
