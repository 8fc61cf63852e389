"""Pandoc's simple and multiline tables (what ``pandoc -t markdown`` writes for a Word table), as pipe tables.

A rule of dash runs under the head row marks the columns (``-------- ------- ---------``); each row's
cells are the text under each run, up to the next run's start. A multiline table is framed by full
lines of dashes and parts its rows with blank lines (a row's wrapped lines are one row); a simple
table ends at a blank line. The converter's layout, read as the table it is, so a row's label and
its value stay in their cells.
"""
from __future__ import annotations

import re

from grader.reading.formats import pipe_rows

_RULE = re.compile(r"^[ \t]*-{2,}(?:[ \t]+-{2,})+[ \t]*$")  # the column rule: two runs or more
_FRAME = re.compile(r"^[ \t]*-{10,}[ \t]*$")  # a multiline table's frame: one long run
MAX_COLUMNS = 12


def dash_tables(text: str) -> str:
    """Every simple or multiline table of ``text`` as a pipe table; other lines as they are."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and _RULE.match(lines[i + 1]) and lines[i].strip() and not _RULE.match(lines[i]):
            framed = bool(out) and _FRAME.match(out[-1]) is not None
            end, rows = _rows(lines, i + 1, framed)
            if rows:
                if framed:
                    out.pop()  # the frame above the head
                out.extend(pipe_rows([_cells(lines[i], lines[i + 1])] + rows, len(rows[0])))
                i = end
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _runs(rule: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"-{2,}", rule)][:MAX_COLUMNS]


def _cells(line: str, rule: str) -> list[str]:
    """A line cut at the rule's columns: each cell runs from its run's start to the next run's start."""
    runs = _runs(rule)
    starts = [a for a, _ in runs] + [10 ** 6]
    return [line[starts[k]:starts[k + 1]].strip() for k in range(len(runs))]


def _rows(lines: list[str], rule: int, framed: bool) -> tuple[int, list[list[str]]]:
    """The rows under the rule at ``rule`` and the line after the table; a multiline table's row is the lines
    between blank lines, its cells joined."""
    rows: list[list[str]] = []
    pending: list[list[str]] = []
    k = rule + 1
    while k < len(lines):
        line = lines[k]
        if framed and (_FRAME.match(line) or _RULE.match(line)):
            k += 1
            break
        if not line.strip():
            if not framed:
                break
            if pending:
                rows.append(_joined(pending))
                pending = []
            k += 1
            continue
        cells = _cells(line, lines[rule])
        if framed:
            pending.append(cells)
        else:
            rows.append(cells)
        k += 1
    if pending:
        rows.append(_joined(pending))
    return k, rows


def _joined(lines: list[list[str]]) -> list[str]:
    """A multiline table's row: each cell's wrapped lines joined."""
    return [" ".join(c for c in column if c) for column in zip(*lines, strict=True)]
