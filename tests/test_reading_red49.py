"""Red team 49: wrong answers the batch-49 readings let through, each kept out (and the reading they attacked still
works, in tests/test_reading_held49.py)."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item


@pytest.mark.parametrize("line", ["Channel dimension: 50 (the depth goes 20 → 50, the depth conv2 produces)",
                                  "channels: 20 -> 50 (corrected: I had written 20 first, the filter is 50 deep)"])
def test_a_change_that_is_no_input_to_output(rubric, line: str) -> None:
    report = f"Problem 2\n\n(b) filter size 5x5, stride 1. {line}\n\n(c) words\n"
    assert grade_report_item(rubric, "p2.b", report, "r.txt").status != "pass"


def test_a_line_ending_with_and_joins_nothing(rubric) -> None:
    report = ("Problem 2\n\n(b) filter 5x5, stride 1. The pooled conv1 map has 20 channels and\n"
              "the channel dimension of the conv2 filter is 50.\n\n(c) words\n")
    assert grade_report_item(rubric, "p2.b", report).status != "pass"


def test_a_bullet_after_a_matlab_ellipsis_is_no_factor(rubric) -> None:
    report = ("## 1\n\n(e)\n\ndf/dw2 = w3 * σ'(x2) * σ(x1)\n\ndf/dw1 = w3 * σ'(x2) * w2 * σ'(x1) ...\n"
              "* x: I left this factor out on purpose\n\n(f) words\n")
    assert grade_report_item(rubric, "p1.e.w1", report).status != "pass"


def test_prose_dashes_in_brackets_are_no_ocr_minus(rubric) -> None:
    report = ("## 1\n\nNotation (σ — the sigmoid), (L — squared loss).\n\n(f)\n\n"
              "∇L = Σ 2(f(x^i) − y^i) ∇f(x^i) + 2w — 2w is the penalty's gradient\n\n## 2\n\nwords\n")
    assert grade_report_item(rubric, "p1.f.grad", report).status != "pass"


def test_a_step_named_with_more_words_than_the_rate(rubric) -> None:
    report = ("1. (f) L(w) = (y1 — fw(x1))2 + (y2 — fw(x2))2\n\n"
              "VwL = —2 (y1 — fw(x1)) Vwfw(x1) — 2 (y2 — fw(x2)) Vwfw(x2)\n\n"
              "Update (a: learning rate per point, i.e. alpha divided by |D| = 2): w := w — a VwL\n\n2. words\n")
    assert grade_report_item(rubric, "p1.f.update", report, "r.txt").status != "pass"
