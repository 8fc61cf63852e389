"""Emoji a chatty hand-in sets beside its formulas, read as the marks they are.

A student who writes like a chat marks what they keep with ✅ / ✔️, what they tried and dropped with ❌ / ✖️, and what
they doubt with 🤔; every other emoji is decoration (💀, 🎉, 🔢). A TA reads ❌ as "struck out", 🤔 as a doubt and
skips the rest, so here: the piece of a line a ❌ marks is struck through (``~~…~~``, which the Markdown reading
drops), 🤔 becomes the words "(not sure?)" (an answer marked so goes to a person), and the other emoji are blanked
(a formula's "✅" is no character of it): "❌ ~~23×23×20~~ (forgot the +1) → **24×24×20** ✅" keeps 24×24×20.
"""
from __future__ import annotations

import re

_KEEP = "✅✔☑✓"
_DROP = "❌✖✗✘❎"
_DOUBT = "🤔🤨😬"
# emoji and their joiners: the pictographs' planes, dingbats' stars and marks, the variation selector; not arrows
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u26FF\u2700-\u2704\u2706-\u2712\u2719-\u2757\u2763-\u2767"
                    "\u2795-\u2797\u27B0\u27BF\u2B50\u2B55\u2705\u2713\u2714\u2716\u2717\u2718\u274C\u274E"
                    "\u2611\uFE0F\u200D\u20E3]")
_ARROW = re.compile(r"→|->|=>|⟶|➜|➡")
_KEPT = re.compile(r"[✅✔☑✓]\uFE0F?")
_LABEL = re.compile(r"^[ \t]*(?:[-*•>]|\d{1,2}[.)/])?[ \t]*(?:[^\W\d_][^:\n=]{0,40}:)?[ \t]*")
_MATHY = re.compile(r"[\d=σ∂∇^/()×·*+−-]")


def emoji_marks(text: str) -> str:
    """``text`` with its emoji read as marks (see the module's docstring); text without emoji is returned as is."""
    if not _EMOJI.search(text):
        return text
    return "\n".join(_line(line) for line in text.split("\n"))


def _line(line: str) -> str:
    if not _EMOJI.search(line):
        return line
    if any(mark in line for mark in _DROP):
        line = _struck(line)
    for mark in _DOUBT:
        line = line.replace(mark, " (not sure?) ")
    return _EMOJI.sub(" ", line)


def _struck(line: str) -> str:
    """The line with what each ❌ marks struck through. The line is cut after each ✅ (what it kept ends there); in
    each cut, a ❌ that leads ("❌ ~~σ(1+σ)~~ → …") strikes up to the next arrow, a ❌ that trails ("F=3, S=1 → 10
    ❌", "σ(1+σ) ❌ -> σ(1−σ) ✅") strikes from the cut's start (after a label) up to itself."""
    out, start = [], 0
    for end in [m.end() for m in _KEPT.finditer(line)] + [len(line)]:
        chunk = line[start:end]
        while (mark := next((i for i, c in enumerate(chunk) if c in _DROP), None)) is not None:
            arrow = _ARROW.search(chunk, mark + 1)
            stop = arrow.start() if arrow is not None else len(chunk)
            if _MATHY.search(chunk[mark + 1:stop]):
                chunk = chunk[:mark] + _strike(chunk[mark + 1:stop]) + chunk[stop:]
            else:
                lead = _LABEL.match(chunk).end() if start == 0 else 0  # type: ignore[union-attr]
                chunk = chunk[:lead] + _strike(chunk[lead:mark]) + chunk[mark + 1:]
        out.append(chunk)
        start = end
    return "".join(out)


def _strike(text: str) -> str:
    """``text`` struck through, its own strikes taken away first (one strike, not two that cancel)."""
    inner = text.replace("~~", "").strip()
    if not inner:
        return text
    space = text[:len(text) - len(text.lstrip())]
    return f"{space}~~{inner}~~ "
