"""The 26th held-out batch (an ordinary class, MATLAB/Mathematica users, twelve more languages, handwriting
converted to text, wiki and other markup): what it showed the reading missed, each with its twin."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

P2_TABLE = ("| conv1 | (5·5·1+1)·20 | 520 |\n| relu1 | — | 0 |\n| pool1 | — | 0 |\n"
            "| conv2 | (5·5·20+1)·50 | 25,050 |\n| relu2 | — | 0 |\n| pool2 | — | 0 |\n"
            "| fc1 | (800+1)·500 | 400,500 |\n| fc2 | (500+1)·10 | 5,010 |\n")


def status(rubric, item: str, report: str) -> str:
    return grade_report_item(rubric, item, report).status


@pytest.mark.parametrize(("problem", "letters"), [
    ("প্রশ্ন ২", "কখগ"),   # Bengali: its digits and its letters in order
    ("கேள்வி 2", "அஆஇ"),  # Tamil
])
def test_parts_lettered_in_bengali_or_tamil_are_read(rubric, problem: str, letters: str) -> None:
    report = (f"## {problem}: MNIST\n\n### ({letters[0]})\n- input: $28\\times28$\n"
              f"- conv1 filter: $5\\times5\\times1\\times20$\n- after conv1: $24\\times24\\times20$\n"
              f"- after pooling: $12\\times12\\times20$\n\n"
              f"### ({letters[1]})\nfilter $5\\times5$, stride 1, channels 20\n\n"
              f"### ({letters[2]})\n| layer | work | count |\n|---|---|---|\n{P2_TABLE}")
    assert status(rubric, "p2.a", report) == "pass"
    assert status(rubric, "p2.b", report) == "pass"
    assert status(rubric, "p2.b", report.replace("stride 1", "stride 2")) != "pass"


def test_a_ukrainian_report_counts_its_parts_with_g_with_upturn(rubric) -> None:
    """а б в г ґ д: where a part is labelled ґ), д) is the sixth part (f), not the fifth."""
    report = ("## Завдання 1\n\n### 1 г)\n$$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$$\n\n"
              "### 1 ґ)\n$$\\frac{\\partial f}{\\partial w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)$$\n\n"
              "### 1 д)\n$$w \\leftarrow w - \\alpha\\nabla_w L$$\n")
    assert status(rubric, "p1.e.w2", report) == "pass"
    assert status(rubric, "p1.f.update", report) == "pass"
    russian = report.replace("### 1 ґ)", "### 1 д)", 1).replace("### 1 д)\n$$w", "### 1 е)\n$$w")
    assert status(rubric, "p1.e.w2", russian) == "pass"  # without ґ, д is the fifth (Russian's order)


def test_bold_section_numbers_number_the_parts(rubric) -> None:
    report = ("ข้อ 1\n-----\n\n**1.1** graph\n\n**1.4** $\\dfrac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$\n\n"
              "**1.5**\n$\\dfrac{\\partial f}{\\partial w_2} = w_3 \\sigma_2(x_2)(1-\\sigma_2(x_2))%s$\n")
    assert status(rubric, "p1.e.w2", report % "\\sigma_1(x_1)") == "pass"
    assert status(rubric, "p1.e.w2", report % "") == "partial"


def test_a_fraction_said_as_over_is_a_fraction(rubric) -> None:
    """A handwriting converter's "1 over (1 + e^(-u))": without it σ(u) = 1 and every answer reads wrong."""
    head = "  sigma1(u) = sigma2(u) = 1 over (1 + e^(-u))\n\n(b)\n  (i)  d sigma1 / du = e^(-u) over (1 + e^(-u))^%s\n"
    assert status(rubric, "p1.b.i", head % "2") == "pass"
    assert status(rubric, "p1.b.i", head % "3") == "fail"
    over_data = "(f) grad L = sum 2(f_w(x)-y) grad f_w(x)  over (x^1,y^1),(x^2,y^2)\n"
    assert "/" not in grade_report_item(rubric, "p1.f.grad", over_data).details.get("answer", "")


@pytest.mark.parametrize("line", ["after pooling (2×2) — 12×12×20", "після пулінгу 2×2 — 12×12×20"])
def test_the_pooling_window_after_its_label_is_no_answer(rubric, line: str) -> None:
    report = ("## Problem 2\n\n(a)\n* input — 28×28;\n* filter conv1 — 5×5×1, 20 of them;\n"
              f"* after conv1 — 24×24×20;\n* {line}.\n\n(b) x\n")
    assert status(rubric, "p2.a", report) == "pass"
    assert status(rubric, "p2.a", report.replace("— 12×12×20", "— 14×14×20")) != "pass"


def test_filter_and_counts_in_thai_ukrainian_and_romanian(rubric) -> None:
    thai = ("## Problem 2\n\n(a) input 28×28×1, ฟิลเตอร์ conv1 ขนาด 5×5×1 จำนวน %s ตัว, หลัง conv1 ได้ 24×24×20, "
            "หลัง max-pool 2×2 ได้ 12×12×20\n")
    assert status(rubric, "p2.a", thai % "20") == "pass"
    assert status(rubric, "p2.a", thai % "10") != "pass"
    table = ("## Problem 2\n\n(a)\n| what | size |\n|---|---|\n| вхід | $28\\times28$ |\n"
             "| фільтр conv1 | $5\\times5\\times1$, 20 фільтрів |\n| вихід conv1 | $24\\times24\\times20$ |\n"
             "| після max-pooling $2\\times2$ | $12\\times12\\times20$ |\n")
    assert status(rubric, "p2.a", table) == "pass"
    romanian = ("## Problem 2\n\n(a)\n- dimensiunea intrării: $28\\times28$\n"
                "- dimensiunea filtrului conv1: $5\\times5\\times1$, 20 de filtre\n"
                "- ieșirea după conv1: $24\\times24\\times20$\n"
                "- după max-pooling $2\\times2$: $12\\times12\\times20$\n")
    assert status(rubric, "p2.a", romanian) == "pass"
