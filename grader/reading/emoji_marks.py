"""Emoji a chatty hand-in sets beside its formulas, read as the marks they are, or left to a person.

A student who writes like a chat marks what they keep with ✅ / ✔️, what they tried and dropped with ❌ / ✗, and what
they doubt with 🤔 / 🤷 / ❓; ✖️ ➕ ➖ ➗ are arithmetic; many emoji are decoration (🎉, 💀, 😎). A TA reads them so, and
where a mark could go either way asks the student. Here:

- ✖️ ➕ ➖ ➗ become ×, +, −, /;
- a ❌ with a formula on one side of it only strikes that side through (``~~…~~``, which the Markdown reading drops):
  "σ(1+σ) ❌", "❌ ~~23×23×20~~ → 24×24×20 ✅"; a ❌ with a formula on both sides ("σ2(x2) ❌ oops: … = w3·σ2(x2)"), or
  one that leads words ("❌ wrong, I lost the w2: …"), becomes the words "(not sure?)" (which is struck is unsaid:
  a person decides); a ❌ right after a word says "none" ("padding ❌", "| relu1 | ❌ |"); one with no formula beside
  it is blanked;
- an emoji of doubt beside a formula (🤔, 🤷, ❓, 😕, 🤞, 😐) becomes "(not sure?)"; a kept mark is blanked (✅ is no
  character of the formula beside it) unless it stands inside brackets (a check); every other emoji is decoration.

A piece of a line is cut after each ✅: "… ❌ → … ✅ | … ❌" marks are read within their piece.
"""
from __future__ import annotations

import re

_KEEP = "✅✔☑✓"
_DROP = "❌✗✘❎"
_OPERATORS = {"✖": "×", "➕": "+", "➖": "−", "➗": "/"}
# doubt: faces and gestures of not knowing, question marks, fingers crossed, a warning
_DOUBTING = set("🤔🤨😬🤷❓❔⁉😕😟😰😧😨🤞🫠😵🥴🫤😐😑🙄💭😖😣🙈")
# emoji and their joiners: the pictographs' planes, dingbats' stars and marks, the variation selector; not arrows
_PICTOGRAPH = ("\U0001F000-\U0001FAFF\u2600-\u26FF\u2700-\u2704\u2706-\u2712\u2719-\u2757\u2763-\u2767"
               "\u2795-\u2797\u27B0\u27BF\u2B50\u2B55\u2705\u2713\u2714\u2716\u2717\u2718\u274C\u274E\u2611")
# an emoji with its joiners, variation selector and skin tone: a joiner alone (inside "σ\u200d_2") is no emoji
_EMOJI = re.compile(f"[{_PICTOGRAPH}](?:\uFE0F|\u20E3|[\U0001F3FB-\U0001F3FF]|\u200D[{_PICTOGRAPH}])*")
_ARROW = re.compile(r"→|->|=>|⟶|➜|➡")  # what follows it replaces what a ❌ before it marks
_PIECE_STOP = re.compile(rf"{_ARROW.pattern}|<|[ \t]{{3,}}(?=\S)")
_KEPT = re.compile(f"[{_KEEP}]\uFE0F?")
_LABEL = re.compile(r"^[ \t]*(?:[-*•>|]|\d{1,2}[.)/])?[ \t]*(?:[^\W\d_][^:\n=]{0,40}:)?[ \t]*")
_MATHY = re.compile(r"(?<![^\W\d_])\d|[=σ∂∇^×·*+−]")  # (a digit inside a word, Arabizi's "mom2en", is a letter)
_WORD_FIRST = re.compile(r"[ \t,:;.!—–-]*(?!(?:sig|sigma|exp|dsig|grad|relu)\b)[^\W\d_]{3,}")
_WORD_LAST = re.compile(r"(?:(?<![\w^_])[^\W\d_]{3,}|\|)[ \t]*$")  # a word or a table's bar right before the mark
_DOUBT = " (not sure?) "


def emoji_marks(text: str) -> str:
    """``text`` with its emoji read as marks (see the module's docstring); text without emoji is returned as is."""
    if not _EMOJI.search(text):
        return text
    return "\n".join(_line(line) for line in text.split("\n"))


def _line(line: str) -> str:
    if not _EMOJI.search(line):
        return line
    for mark, sign in _OPERATORS.items():
        line = line.replace(mark + "\ufe0f", sign).replace(mark, sign)
    if any(mark in line for mark in _DROP):
        line = _struck(line)
    mathy = _MATHY.search(_LABEL.sub("", line, count=1)) is not None
    return _EMOJI.sub(lambda m: _kept(line, m.start()) if m.group()[0] in _KEEP else _DOUBT
                      if m.group()[0] in _DOUBTING and mathy else " ", line)


def _kept(line: str, at: int) -> str:
    """A kept mark inside brackets stays a check mark ("(multiply out: … ✓)": a check of the answer, no change of
    it); an emoji one (✅) after the answer is blanked (no character of the formula); a plain ✓ or ✔ stays."""
    if line[at] in "✓✔":
        return line[at]  # a check mark of plain text, as it always was: "… = 1/4 ✓" is a check, not an answer
    before = line[:at]
    return "✓" if before.count("(") > before.count(")") else " "


def _struck(line: str) -> str:
    """The line with each ❌ read as the module's docstring says, piece by piece (cut after each ✅)."""
    out, start = [], 0
    for end in [m.end() for m in _KEPT.finditer(line)] + [len(line)]:
        chunk = line[start:end]
        lead = _LABEL.match(chunk).end() if start == 0 else 0  # type: ignore[union-attr]
        while (mark := next((i for i, c in enumerate(chunk) if c in _DROP), None)) is not None:
            piece_end = _PIECE_STOP.search(chunk, mark + 1)  # (an arrow, a wide gap or a page's tag ends what it marks)
            stop = piece_end.start() if piece_end is not None else len(chunk)
            replaced = _ARROW.search(chunk, mark + 1)  # what follows an arrow replaces what the mark struck
            before = _MATHY.search(chunk[lead:mark].replace("~~", "")) is not None
            after = _MATHY.search(chunk[mark + 1:stop]) is not None
            if before and after or after and _WORD_FIRST.match(chunk, mark + 1):
                chunk = chunk[:mark] + _DOUBT + chunk[mark + 1:]  # which side it strikes is unsaid
            elif after:
                chunk = chunk[:mark] + _strike(chunk[mark + 1:stop]) + chunk[stop:]
            elif before and _WORD_LAST.search(chunk, 0, mark):
                chunk = chunk[:mark] + " none " + chunk[mark + 1:]  # "padding ❌", "| relu1 | ❌ |": says "none"
            elif before and _MATHY.search(chunk, mark + 1, replaced.start() if replaced is not None else len(chunk)):
                chunk = chunk[:mark] + _DOUBT + chunk[mark + 1:]  # "25×25 ✗   28−5+1 = 24": what is kept is unsaid
            elif before:
                chunk = chunk[:lead] + _strike(chunk[lead:mark]) + chunk[mark + 1:]
            else:
                chunk = chunk[:mark] + " " + chunk[mark + 1:]
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
