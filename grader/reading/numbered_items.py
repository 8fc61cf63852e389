"""An answer sheet numbered 1, 2, 3, … in the handout's order, with none of the handout's labels.

A student who answers every item as one numbered list ("1.  e^{-u}/(1+e^{-u})²", …, "10. conv1 520 | …")
follows the order the handout asks in; a TA reads item k as the k-th thing asked. That is only a reading when
the list has exactly as many entries as there are items (the graded ones, or every written one), numbered
once each from 1, and the report has no label of its own (no "(b)", "Problem 2", "Q3"): then each number is
written as the label of the item it stands for (``1(b)(i)``, ``1e_w2``: a part's key word where a part asks for
two things), and the labels are read as any others. Any doubt leaves the text as it is (no answer is guessed).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

_ENTRY = re.compile(r"(?m)^(?P<lead>[ \t]{0,3})(?P<n>\d{1,2})[.)](?=[ \t]+\S)")
# a label of the handout's kind anywhere at a line's start: the sheet has its own labels, numbers mean something else
_OWN_LABEL = re.compile(r"(?im)^[ \t>*#_-]*(?:\(?[a-h]\)|[a-h][.:](?=\s)|\(?(?:i{1,3}|iv)\)|(?:problem|question|part|"
                        r"task|exercise|aufgabe|q)[ \t]*\d|[1-9][ \t]*\(?[a-h]\)|[1-9]\.[a-h]\b|[1-9][a-h][ \t:.)])")


def numbered_items(text: str, items: Sequence[tuple[str, Sequence[str], bool]]) -> str:
    """``text`` with a numbered list's numbers written as the labels of ``items`` (each a part like ``1.b.i``, its
    key words, and whether it is graded from the text rather than by a person), when the list has one entry per
    item, or per graded item; else ``text`` unchanged. ``items`` are in the handout's order."""
    if len(text) > 200_000 or _OWN_LABEL.search(text):
        return text
    entries = list(_ENTRY.finditer(text))
    numbers = [int(m.group("n")) for m in entries]
    if len(numbers) < 3 or numbers != list(range(1, len(numbers) + 1)):
        return text
    chosen = _items_for(items, len(numbers))
    if chosen is None:
        return text
    out, pos = [], 0
    for m, (part, key) in zip(entries, chosen, strict=True):
        out.append(text[pos:m.start()])
        out.append(f"{m.group('lead')}{_label(part, key)}")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _items_for(items: Sequence[tuple[str, Sequence[str], bool]], n: int) -> list[tuple[str, str]] | None:
    """The ``n`` items a list of ``n`` entries answers: every written item, or the graded ones (the parts a person
    grades, a drawing or an explanation in words, left out); each with the key word that tells apart two items
    of one part."""
    for chosen in ([i for i in items], [i for i in items if i[2]]):
        if len(chosen) == n:
            parts = [part for part, _, _ in chosen]
            return [(part, keys[0] if keys and parts.count(part) > 1 else "") for part, keys, _ in chosen]
    return None


def _label(part: str, key: str) -> str:
    """"1.b.i" → "1(b)(i)"; "1.e" with key "w2" → "1e_w2" (a part's key word, where it asks for two things)."""
    pieces = part.split(".")
    if key:
        return f"{pieces[0]}{pieces[1]}_{key}"
    return pieces[0] + "".join(f"({p})" for p in pieces[1:])
