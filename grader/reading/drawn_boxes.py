"""A box a plain-text report draws around an answer with ``*`` or ``#`` (a rule of them above and below, each line
between them opening and closing with one):

    ******************************************
    *   df/dw3 = sig2( w2 * sig1( w1 x ) )   *
    ******************************************

is the answer, set apart: its frame is no part of the formula (a ``*`` there would read as a product). The frame is
blanked to spaces, so every offset and line stays where it was."""
from __future__ import annotations

import re

_RULE = re.compile(r"[ \t]*([*#])\1{5,}[ \t]*")  # "*****…", "#####…": a box's top or bottom
# a line between them, opening and closing with one mark (not a rule of them): its inner text
_SIDES = {mark: re.compile(rf"[ \t]*{m}(?!{m})(.*?)(?<!{m}){m}[ \t]*") for mark in "*#" if (m := re.escape(mark))}
MAX_BOX_LINES = 12  # a box holds an answer (a stacked fraction at most): a longer run is no box


def unboxed(text: str) -> str:
    """``text`` with each drawn box's frame blanked (see the module's docstring)."""
    if "*****" not in text and "#####" not in text:
        return text
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        top = _RULE.fullmatch(lines[k])
        if top is None:
            k += 1
            continue
        mark, side = top.group(1), _SIDES[top.group(1)]
        end = k + 1
        while end < len(lines) and end - k <= MAX_BOX_LINES and _RULE.fullmatch(lines[end]) is None \
                and side.fullmatch(lines[end]):
            end += 1
        bottom = _RULE.fullmatch(lines[end]) if k + 1 < end < len(lines) else None
        if bottom is None or bottom.group(1) != mark:
            k += 1
            continue
        for j in (k, end):
            lines[j] = " " * len(lines[j])
        for j in range(k + 1, end):
            first, last = lines[j].index(mark), lines[j].rindex(mark)
            lines[j] = f"{lines[j][:first]} {lines[j][first + 1:last]} {lines[j][last + 1:]}"
        k = end + 1
    return "\n".join(lines)


# a frame drawn with corners and rules ("+-----+", "┌─────┐", "╔═════╗") around an answer, lines between them
# carrying a bar ("|", "│", "║") near each corner's column: hand-typed art, so a bar may sit a column off
_FRAME_TOP = re.compile(r"(?<![-─═+┬┼])[+┌╔╭](?:-{3,}|─{3,}|═{3,})[+┐╗╮](?![-─═+┬┼])")
_FRAME_BOTTOM = re.compile(r"[+└╚╰](?:-{3,}|─{3,}|═{3,})[+┘╝╯]")
_BARS = "|│║"
_SPACES = re.compile(r"[ \t]{2,}")
_WORDY = re.compile(r"\b(?!(?:sigma|sigmoid|alpha|nabla|delta|theta|lambda|grad)\b)[A-Za-z]{4,}\b")
_SLACK = 2  # columns a hand-typed bar or bottom corner may sit off its top corner


def unframed(text: str) -> str:
    """``text`` with each frame drawn around part of a line's math ("d f  =  | w3 * s2(x2) … |") blanked to spaces,
    so the formula beside it and inside it is read as one line and nothing of the frame as math; a frame whose
    sides are not found on every line between its top and bottom is left as it is (a table, a diagram)."""
    if not any(corner in text for corner in "+┌╔╭"):
        return text
    lines = text.split("\n")
    for k in range(len(lines) - 2):
        for top in list(_FRAME_TOP.finditer(lines[k])):
            if (found := _frame(lines, k, top.start(), top.end() - 1)) is not None:
                _blank(lines, k, top.start(), top.end() - 1, found)
    return "\n".join(lines)


def _bar_near(line: str, column: int) -> int | None:
    """The column of the frame's side nearest ``column`` on ``line`` (None: no bar within the slack)."""
    near = [c for c in range(max(0, column - _SLACK), min(len(line), column + _SLACK + 1)) if line[c] in _BARS]
    return min(near, key=lambda c: abs(c - column)) if near else None


def _frame(lines: list[str], k: int, left: int, right: int) -> list[tuple[int, int]] | None:
    """The sides' columns on each line under the top at ``k`` down to the bottom (its own row last, as its two
    corners' columns), or None when those lines do not close a frame."""
    sides: list[tuple[int, int]] = []
    for j in range(k + 1, min(len(lines), k + 2 + MAX_BOX_LINES)):
        line = lines[j]
        bottom = next((m for m in _FRAME_BOTTOM.finditer(line, max(0, left - _SLACK))
                       if abs(m.start() - left) <= _SLACK and abs(m.end() - 1 - right) <= _SLACK), None)
        if bottom is not None:
            inner = [lines[k + 1 + n][a + 1:b] for n, (a, b) in enumerate(sides) if lines[k + 1 + n][a + 1:b].strip()]
            if len(inner) > 1 and any(_WORDY.search(text) for text in inner):
                return None  # "w3 * s2'(x2) * … * x" over "maybe without the x?": words framed with the formula
            return [*sides, (bottom.start(), bottom.end() - 1)] if sides and not line[bottom.end():].strip() \
                else None
        a, b = _bar_near(line, left), _bar_near(line, right)
        if a is None or b is None or a >= b or any(ch in _BARS for ch in line[a + 1:b]) or line[b + 1:].strip():
            return None  # a line without both sides, a table's inner column, or words beside the frame ("<- maybe
            # * w3 ?"): no frame taken away (what is beside it may change what is in it: a person reads it)
        sides.append((a, b))
    return None


def _blank(lines: list[str], k: int, left: int, right: int, sides: list[tuple[int, int]]) -> None:
    """The frame's top, sides and bottom set to spaces, each line keeping its length."""
    lines[k] = lines[k][:left] + " " * (right - left + 1) + lines[k][right + 1:]
    inner = [j for j, (a, b) in enumerate(sides[:-1], start=k + 1) if lines[j][a + 1:b].strip()]
    for j, (a, b) in enumerate(sides[:-1], start=k + 1):
        if inner == [j]:  # one line framed: its formula goes on from what is left of the frame, spaced as one
            lines[j] = f"{lines[j][:a].rstrip()} {_SPACES.sub(' ', lines[j][a + 1:b].strip())} {lines[j][b + 1:]}"
        else:  # a stacked formula framed: its columns kept
            lines[j] = f"{lines[j][:a]} {lines[j][a + 1:b]} {lines[j][b + 1:]}"
    a, b = sides[-1]
    j = k + len(sides)
    lines[j] = lines[j][:a] + " " * (b - a + 1) + lines[j][b + 1:]
