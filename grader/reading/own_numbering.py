"""A hand-in that numbers its answers its own way and says how: "My numbering: Q1 = 1(b), Q2 = 1(c), …", "1.1 = P1(b)
1.2 = P1(c) …". A TA reads the legend once and then each "Q6." as part 2(a); so does the reading: every label of the
legend at a line's start (after markup or a table's bar) is written as the part it stands for, before labels are read.

Only a legend of three or more pairs, each naming its own label once and a different part, is believed; the legend's
own line is left as it is.
"""
from __future__ import annotations

import re

# "Q6 = 2(a)", "1.1 = P1(b)", "A3 → 1d", "T5: Problem 1 (f)"
_PAIR = re.compile(r"(?<![\w.(])(?P<own>(?:Q|Ex|T|A|Task|Frage|Aufgabe)?\s?\d{1,2}(?:\.\d{1,2})?)[ \t]*"
                   r"(?:=|→|->|:)[ \t]*(?:(?:P|Problem|Prob\.?|Aufgabe|Q)[ \t]*)?"
                   r"(?P<prob>[1-9])[ \t]*\.?[ \t]*\(?(?P<part>[a-h])\)?"
                   r"(?:\((?P<sub>iii|ii|iv|vi|v|i)\)|[ \t](?P<key>w[123]|grad(?:ient)?|update))?"  # "1.2 = P1(b)(i)",
                   r"(?![\w(])", re.IGNORECASE)  # "1.6 = P1(e) w2", "1.9 = P1(f) update"
_WINDOW = 600  # the pairs of one legend stand close together


def own_numbering(text: str) -> str:
    """``text`` with the labels of its own numbering's legend written as the parts they stand for."""
    if "=" not in text and "→" not in text and "->" not in text and ":" not in text:
        return text
    pairs = list(_PAIR.finditer(text, 0, 100_000))
    legend = _legend(pairs)
    if not legend:
        return text
    start, end = legend[0].start(), legend[-1].end()
    mapping = {_key(m.group("own")): _part(m) for m in legend}
    labels = "|".join(re.escape(m.group("own").strip()).replace(r"\ ", r"\s?") for m in
                      sorted(legend, key=lambda m: -len(m.group("own"))))
    at_line = re.compile(rf"(?m)^(?P<lead>[ \t]*(?:[*_#>|+•-][ \t*_]*)*)(?P<own>{labels})"
                         r"(?=[.):]?(?:\*\*|__)?(?:[ \t|*]|$))", re.IGNORECASE)

    def written(m: re.Match[str]) -> str:
        part = mapping.get(_key(m.group("own")))
        return m.group() if part is None else f"{m.group('lead')}{part}"

    return at_line.sub(written, text[:start]) + text[start:end] + at_line.sub(written, text[end:])


def _part(m: re.Match[str]) -> str:
    """The handout's label a legend's pair stands for: "1(b)(i)", "1e_w2" (an item's key word), "2(a)"."""
    prob, part = m.group("prob"), m.group("part").lower()
    if m.group("key"):
        return f"{prob}{part}_{m.group('key').lower()}"
    return f"{prob}({part})" + (f"({m.group('sub').lower()})" if m.group("sub") else "")


def _key(label: str) -> str:
    return re.sub(r"\s", "", label).lower()


def _legend(pairs: list[re.Match[str]]) -> list[re.Match[str]]:
    """The first run of three or more pairs close together, each label and each part named once."""
    run: list[re.Match[str]] = []
    for m in pairs:
        if run and m.start() - run[-1].end() > _WINDOW // 4:
            if _believed(run):
                return run
            run = []
        run.append(m)
    return run if _believed(run) else []


def _believed(run: list[re.Match[str]]) -> bool:
    owns = [_key(m.group("own")) for m in run]
    parts = [_part(m) for m in run]
    return len(run) >= 3 and len(set(owns)) == len(owns) and len(set(parts)) == len(parts) \
        and run[-1].end() - run[0].start() <= _WINDOW and not all(o.isdigit() for o in owns)
