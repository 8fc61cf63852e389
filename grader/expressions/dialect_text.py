"""Bracket matching and call rewriting on raw text, shared by the rewrites of Typst, AsciiMath and code.

The dialects write structure with calls (``vec(a, b)``, ``Exp[-u]``, ``ubrace(a)_(b)``); a rewrite finds the
call's bracket and its top-level arguments here. Text to text: nothing is evaluated.
"""
from __future__ import annotations

import re
from collections.abc import Callable

_PAIRS = {"(": ")", "[": "]", "{": "}"}
MAX_CALLS = 200  # a formula holds few calls; a hostile text cannot make a rewrite loop long


def closing(text: str, start: int) -> int:
    """The index of the bracket that closes the one at ``start`` (any of ``([{``), or -1."""
    stack: list[str] = []
    for k in range(start, len(text)):
        c = text[k]
        if c in _PAIRS:
            stack.append(_PAIRS[c])
        elif c in ")]}":
            if not stack or stack.pop() != c:
                return -1
            if not stack:
                return k
    return -1


def split_top(text: str, mark: str = ",") -> list[str]:
    """``text`` cut at each ``mark`` outside brackets."""
    parts, depth, last = [], 0, 0
    for k, c in enumerate(text):
        depth += 1 if c in _PAIRS else -1 if c in ")]}" else 0
        if depth == 0 and c == mark:
            parts.append(text[last:k])
            last = k + 1
    parts.append(text[last:])
    return parts


def rewrite_calls(text: str, head: re.Pattern[str], build: Callable[[re.Match[str], str], str | None]) -> str:
    """Each call ``head(args)`` (``head`` ends at the opening bracket) replaced by ``build(match, args)``;
    a call whose bracket is unclosed, or that ``build`` declines (None), stays as written."""
    pos = 0
    for _ in range(MAX_CALLS):
        m = head.search(text, pos)
        if m is None:
            break
        end = closing(text, m.end() - 1)
        new = build(m, text[m.end():end]) if end > 0 else None
        if new is None:
            pos = m.end()
            continue
        text = text[:m.start()] + new + text[end + 1:]
        pos = m.start()
    return text


def replace_words(text: str, table: list[tuple[re.Pattern[str], str]]) -> str:
    """Each pattern of ``table`` replaced by its LaTeX, taken literally (its backslashes are not escapes)."""
    for pattern, latex in table:
        text = pattern.sub(latex.replace("\\", "\\\\"), text)
    return text
