"""Readings from the document-tool exports of batch 60 and from batch 62: each with a twin it must not pass.

A pandoc-docx update spaced with ``\\ \\ \\`` before its range, a pandoc grid table whose cells wrap over lines,
a heading's section number under a table of counts, a Typst report's own box around an answer, a heading that
names its part last after a title with "of" in it.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


@pytest.mark.parametrize("sign, full", [("-", True), ("+", False)])
def test_a_range_set_apart_by_backslash_spaces_is_a_remark(rubric, sign: str, full: bool) -> None:
    report = ("(f) Update:\n\n$$w_{j}^{new} = w_{j} " + sign + " \\alpha\\frac{\\partial\\mathcal{L}}{\\partial w_{j}}"
              "\\ \\ \\ (j = 1,2,3)$$\n")
    assert _full(grade_report_item(rubric, "p1.f.update", report)) is full


GRID = """# Problem 2

(a) Dimensions

+--------------------------------+-------------------------------------+
| Input                          | 28 × 28 (1 channel)                 |
+================================+=====================================+
| Filter of conv1                | 5 × 5 × 1                           |
|                                |                                     |
|                                | (20 filters → 5 × 5 × 1 × 20)       |
+--------------------------------+-------------------------------------+
| Output of conv1                | {conv}                        |
|                                |                                     |
|                                | ($28 - 5 + 1 = 24$, stride 1, no    |
|                                | padding)                            |
+--------------------------------+-------------------------------------+
| Output after 2 × 2 max-pooling | 12 × 12 × 20                        |
+--------------------------------+-------------------------------------+

(b) Second convolution: 5 × 5 filters, stride 1, 20 channels, no padding.
"""


@pytest.mark.parametrize("conv, full", [("24 × 24 × 20", True), ("25 × 25 × 20", False)])
def test_a_grid_table_row_is_the_lines_between_its_rules(rubric, conv: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.a", GRID.format(conv=conv))) is full


def test_a_table_ruled_only_around_its_head_keeps_a_row_per_line() -> None:
    from grader.reading.formats import grid_tables
    table = "+-------+-----+\n| layer | n   |\n+=======+=====+\n| conv1 | 520 |\n| fc2   | 5010 |\n+-------+-----+\n"
    assert "| conv1 | 520 |" in grid_tables(table) and "| fc2 | 5010 |" in grid_tables(table)


COUNTS = """## 2.3 (c) Number of parameters

| layer | computation | parameters |
|---|---|---|
| conv1 | (5·5·1+1)·20 | 520 |
| relu1 | – | 0 |
| pool1 | – | 0 |
| conv2 | (5·5·20+1)·50 | 25,050 |
| relu2 | – | 0 |
| pool2 | – | 0 |
| fc1 | (800+1)·500 | 400,500 |
| fc2 | (500+1)·10 | 5,010 |
| **total** |  | **{total}** |

## 2.4 Implementation and result

```
self.conv1 = nn.Conv2d(1, 20, 5, 1)
self.fc2 = nn.Linear(500, 10)
```

After 10 epochs the network reaches a test accuracy of 99.1%.
"""


@pytest.mark.parametrize("total, full", [("431,080", True), ("431,060", False)])
def test_a_headings_section_number_is_no_value(rubric, total: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.c", "# 2 Problem 2\n\n" + COUNTS.format(total=total))) is full


TYPST = """#let ans(body) = box(stroke: 0.5pt + gray, inset: 5pt, body)

= Back propagation

== Derivative of the sigmoid (b)

*(i)* Using the chain rule,
$ (dif sigma)/(dif u) = -(1 + e^(-u))^(-2) dot (-e^(-u)) = #ans($e^(-u) / (1 + e^(-u))^{power}$) $

== Derivative with respect to $w_3$ (d)

$ (partial f_w)/(partial w_3) = sigma_2 (w_2 thin sigma_1 (w_1 x)) $
"""


@pytest.mark.parametrize("power, full", [("2", True), ("3", False)])
def test_a_typst_reports_own_box_around_an_answer_shows_it(rubric, power: str, full: bool) -> None:
    result = grade_report_item(rubric, "p1.b.i", TYPST.replace("{power}", power), "report.typ")
    assert _full(result) is full


def test_typst_thin_space_is_a_space_in_a_product(rubric) -> None:
    assert _full(grade_report_item(rubric, "p1.d", TYPST.replace("{power}", "2"), "report.typ"))


@pytest.mark.parametrize("title, read", [("Dimensions of the first block", True), ("Notes on", False),
                                         ("Back to part", False)])
def test_a_title_with_of_in_it_still_names_its_part_last(title: str, read: bool) -> None:
    from grader.reading.document import read_document
    text = f"# Problem 1\n\n## (b) x\n\nfoo\n\n## {title} (a)\n\n- input: 28\n"
    assert ("1.a" in read_document(text, "md").segments) is read


@pytest.mark.parametrize("line, kept", [("## 2.4 Implementation and result", "## Implementation and result"),
                                        ("## 2.3 (c) Number of parameters", "## (c) Number of parameters"),
                                        ("## total 431,080", "## total 431,080")])
def test_flat_drops_a_headings_section_number(line: str, kept: str) -> None:
    from grader.reading.values import flat
    assert flat(line) == kept
