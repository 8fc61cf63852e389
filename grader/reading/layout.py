"""Layout a TA reads past: crossed-out work, a table row that names in one cell and answers in another,
a label at the start of a line of plain math."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from grader.reading.labels import Label
from grader.reading.markdown_tree import Block, MathSpan

if TYPE_CHECKING:
    from grader.reading.document import Span


_STRUCK = re.compile(r"(?<!~)~~(?!~)[^\n~]{1,2000}?~~(?!~)")


def not_struck(text: str, maths: list[MathSpan]) -> list[MathSpan]:
    """Math crossed out (``~~$w_3 x$~~``) is work the student withdrew, not an answer."""
    import bisect

    struck = [(m.start(), m.end()) for m in _STRUCK.finditer(text)] if "~~" in text else []
    if not struck:
        return maths
    out = []
    for m in maths:
        i = bisect.bisect_right(struck, (m.start, len(text) + 1)) - 1
        if not (i >= 0 and struck[i][0] < m.start and m.end < struck[i][1]):
            out.append(m)
    return out


def join_cells(text: str, blocks: list[Block], math: list[Span]) -> list[Span]:
    """A table row that names a quantity in one cell and answers it in a later one, each cell its own
    math, with no ``=`` (``| (b)(i) | $d\\sigma/du$ via exp | $e^{-u}/(1+e^{-u})^2$ |``): one equation,
    its first cell's first math the left side and its last math cell the right side."""
    import bisect

    starts = [m.start for m in math]
    for b in blocks:
        if b.kind != "row":
            continue
        i, j = bisect.bisect_left(starts, b.start), bisect.bisect_left(starts, b.end)
        inside = math[i:j]
        if len(inside) < 2 or any(m.kind != "inline" or "=" in text[m.start:m.end] for m in inside):
            continue
        cells = [_cell_of(text, b.start, m.start) for m in inside]
        if cells[0] == cells[-1] or cells.count(cells[-1]) != 1:
            continue  # the name and the answer in one cell, or an answer in several pieces
        math[i:j] = [replace(inside[0], end=inside[-1].end, kind="cells")]
        starts[i:j] = [inside[0].start]
    return math


def _cell_of(text: str, row: int, pos: int) -> int:
    """Which cell of a table row ``pos`` is in (pipes inside ``$…$`` do not count)."""
    count, inside = 0, False
    for c in text[row:pos]:
        if c == "$":
            inside = not inside
        elif c == "|" and not inside:
            count += 1
    return count


def after_labels(text: str, math: list[Span], marks: list[Label]) -> list[Span]:
    """A line of plain math that starts with its label ("1d -> df/dw3 = …") begins after it."""
    import bisect

    marks = sorted(marks, key=lambda m: m.start)
    starts = [m.start for m in marks]
    out = []
    for span in math:
        i = bisect.bisect_left(starts, span.start)
        if span.kind == "plain" and i < len(marks) and marks[i].start < marks[i].end < span.end \
                and not text[span.start:marks[i].start].strip():
            span = replace(span, start=marks[i].end)
        out.append(span)
    return out
