"""A slide deck exported as text (PowerPoint's outline, Keynote's or Google Slides' plain text): each slide's
title as a heading.

An export marks every slide with a banner ("--- Slide 4 ---", "Slide 4", "Slide 4 of 12", under or between
rules of "=" or "-") and puts the slide's title on the next line ("Backprop – part (b)(i)"), or after the
banner's colon ("Slide 4: Backprop (b)"). A reader takes that title as the slide's heading, so a part named
there opens the slide; the banner itself names nothing.
"""
from __future__ import annotations

import re

_BANNER = re.compile(r"(?im)^[ \t]*[-=*#_~ \t]{0,12}(?:slide|folie|diapositive|diapositiva|dia)[ \t]+\d{1,3}"
                     r"(?:[ \t]*(?:of|/|von|de|di)[ \t]*\d{1,3})?[ \t]*[-=*#_~ \t]{0,12}"
                     r"(?:[:.–—-][ \t]*(?P<title>[^\n]{1,120}))?[ \t]*$")
_RULE = re.compile(r"[ \t]*[-=*_~#]{3,}[ \t]*")
# a line that reads as a title: words, maybe a part's label; no formula, no question, no bullet (an untitled slide's
# first line "maybe it is σ1(u)·(1 + σ1(u)) ??" or "∂f/∂w1 = …" stays a line of the slide)
_TITLE = re.compile(r"[ \t#]*(?![-*•–o][ \t])[^\n=?σ∂∇^√·×*/+]{1,80}")
_MIN_SLIDES = 3  # banners enough to be a deck, not one sentence that begins "Slide 2 shows …"


def slide_titles(text: str) -> str:
    """``text`` with each slide's title written as a Markdown heading ("## Backprop – part (b)(i)"), when the text
    is a deck's export (three banners or more); else ``text`` as it is."""
    banners = list(_BANNER.finditer(text))
    if len(banners) < _MIN_SLIDES:
        return text
    lines = text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    line_of = {start: i for i, start in enumerate(starts)}
    for m in banners:
        i = line_of.get(m.start())
        if i is None:
            continue
        if m.group("title") and not _RULE.fullmatch(m.group("title")):
            lines[i] = f"## {m.group('title').strip()}"
            continue
        lines[i] = ""  # the banner names no part: its number is no label
        if i > 0 and _RULE.fullmatch(lines[i - 1]):
            lines[i - 1] = ""  # (a rule under the last slide's last line would make that line a heading)
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or _RULE.fullmatch(lines[j])):
            lines[j] = "" if _RULE.fullmatch(lines[j]) else lines[j]
            j += 1
        if j < len(lines) and not _BANNER.fullmatch(lines[j]) and _TITLE.fullmatch(lines[j]):
            lines[j] = f"## {lines[j].strip().lstrip('#').strip()}"
    return "\n".join(lines)
