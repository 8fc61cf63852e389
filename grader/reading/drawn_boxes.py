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
        mark = top.group(1)
        side = re.compile(rf"[ \t]*{re.escape(mark)}(?!{re.escape(mark)})(.*?)(?<!{re.escape(mark)}){re.escape(mark)}"
                          r"[ \t]*")
        end = k + 1
        while end < len(lines) and end - k <= MAX_BOX_LINES and side.fullmatch(lines[end]) \
                and _RULE.fullmatch(lines[end]) is None:
            end += 1
        if end == k + 1 or end >= len(lines) or _RULE.fullmatch(lines[end]) is None \
                or _RULE.fullmatch(lines[end]).group(1) != mark:  # type: ignore[union-attr]
            k += 1
            continue
        for j in (k, end):
            lines[j] = " " * len(lines[j])
        for j in range(k + 1, end):
            m = side.fullmatch(lines[j])
            assert m is not None
            inner = m.group(1)
            first = lines[j].index(mark)
            last = lines[j].rindex(mark)
            lines[j] = lines[j][:first] + " " + inner + " " + lines[j][last + 1:]
        k = end + 1
    return "\n".join(lines)
