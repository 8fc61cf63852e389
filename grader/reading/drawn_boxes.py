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
