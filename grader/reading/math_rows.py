"""Math as a TA sees it: alignment environments cut into rows, markup that is not math removed.

``\\begin{align*} a &= b \\\\ &= c \\end{align*}`` (also ``aligned`` inside ``$$``, gather,
multline, equation, eqnarray) is two rows, ``a = b`` and ``= c``; ``&``, ``\\label{}``,
``\\tag{}``, ``\\nonumber`` are dropped. Matrices and ``cases`` keep their ``&`` and ``\\\\``.
Each row stays a span of the original text; :func:`clean` removes the markup when read.
"""
from __future__ import annotations

import re

ALIGNING = {"align", "aligned", "gather", "gathered", "multline", "split", "eqnarray", "flalign", "alignat",
            "alignedat", "equation", "displaymath", "math"}
_TOKEN = re.compile(r"\\(?:begin|end)\{([A-Za-z]+)\*?\}|\\\\|\\[A-Za-z]+\*?|\\.|[{}&]")
_DROP_ARG = ("\\label", "\\tag", "\\tag*", "\\intertext", "\\shortintertext")
_DROP = ("\\nonumber", "\\notag", "\\displaystyle", "\\hfill")
_SPACING = re.compile(r"\s*\[\s*-?\d*\.?\d*\s*(?:pt|em|ex|mm|cm)?\s*\]")


def _aligning(stack: list[str]) -> bool:
    return not stack or stack[-1] in ALIGNING


def rows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The rows of the math in ``text[start:end]``: cut at ``\\\\`` outside matrices, cases and braces."""
    out: list[tuple[int, int]] = []
    stack: list[str] = []
    depth, row = 0, start
    for m in _TOKEN.finditer(text, start, end):
        tok = m.group()
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth = max(depth - 1, 0)
        elif tok.startswith("\\begin"):
            stack.append(m.group(1))
        elif tok.startswith("\\end"):
            if stack:
                stack.pop()
        elif tok == "\\\\" and depth == 0 and _aligning(stack):
            out.append((row, m.start()))
            row = m.end()
    out.append((row, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def clean(piece: str) -> str:
    """A row without alignment markup: ``&``, ``\\label{..}``, ``\\tag{..}``, ``\\nonumber``, ``\\begin{align}``."""
    out: list[str] = []
    stack: list[str] = []
    m_space = _SPACING.match(piece)  # "\\[4pt]": the spacing argument of the row break before this row
    last = skip_until = m_space.end() if m_space else 0
    for m in _TOKEN.finditer(piece, last):
        if m.start() < skip_until:
            continue
        tok, drop_to = m.group(), -1
        if tok.startswith(("\\begin", "\\end")):
            name = m.group(1)
            if tok.startswith("\\begin"):
                stack.append(name)
            elif stack:
                stack.pop()
            if name in ALIGNING:
                drop_to = _group_end(piece, m.end()) if name in ("alignat", "alignedat") else m.end()
        elif tok in ("&", *_DROP):
            drop_to = m.end() if tok != "&" or _aligning(stack) else -1
        elif tok in _DROP_ARG:
            drop_to = _group_end(piece, m.end())
        if drop_to >= 0:
            out.append(piece[last:m.start()] + " ")
            last = skip_until = drop_to
    out.append(piece[last:])
    return "".join(out).strip()


def _group_end(text: str, i: int) -> int:
    """The end of the ``{…}`` group at ``i`` (after spaces), or ``i`` when there is none."""
    j = i
    while j < len(text) and text[j] in " \t":
        j += 1
    if j >= len(text) or text[j] != "{":
        return i
    depth = 0
    for k in range(j, len(text)):
        depth += {"{": 1, "}": -1}.get(text[k], 0)
        if depth == 0:
            return k + 1
    return len(text)
