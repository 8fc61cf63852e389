"""An answer file of keys and values (``p1_b_i: …``, ``q1.e.w2 = …``, ``P2a_after_conv1: …``) as labelled lines.

Students who hand in a terse sheet often name each answer with a key their own script or form made up:
the problem, the part and what the line answers, joined by ``_`` or ``.``. A TA reads ``p1_b_i`` as
Problem 1 (b)(i) and ``p2_c_fc1`` as the fc1 row of Problem 2 (c); here each key is written as the
labels the reader knows: ``1b_i:``, ``1e_w2:``, ``2c_fc1:`` (an answer key's rows); a key too long for
that (``p2_a_after_max_pooling``) as its part's label and its words, the next keys of the same part as
their words alone, so the part is not labelled again (which would read as a second answer to it).
"""
from __future__ import annotations

import re

_KEY = re.compile(r"^(?P<lead>[ \t]*(?:[-*][ \t]+)?)(?P<key>(?i:p|q|prob|problem|ex|task|aufgabe)?[._-]?(?P<prob>[1-9])"
                  r"[._-]?\(?(?P<part>[a-h])\)?(?:[._-](?P<rest>[A-Za-z0-9_.]{1,30}))?)[ \t]*(?P<sign>[:=])[ \t]*",
                  re.MULTILINE)
_ROMAN = re.compile(r"(?i:i{1,3}|iv|v)")
_AGAIN = re.compile(r"(?:^|[._-])(?:fix(?:ed)?|corr\w*|new|v\d|edit\w*|redo|revised|again|alt\w*|second)$",
                    re.IGNORECASE)
_MIN_KEYS = 4  # a sheet of keys, not one "1a: …" label (which the reader already reads)


# a program's printout of its answers by its keys: "(1b_i) dσ/du = …", "(1e_w2) df/dw2 = …" ("(1d) …" is a label)
_PRINTED_KEY = re.compile(r"^([ \t]*)\(([1-9][a-h]_[A-Za-z0-9]{1,12})\)(?=[ \t]+\S)", re.MULTILINE)


def keyed_lines(text: str) -> str:
    """Each key of a sheet of ``key: value`` lines written as the labels it stands for."""
    if "(" in text and len(_PRINTED_KEY.findall(text)) >= _MIN_KEYS:
        seen: set[str] = set()

        def printed(m: re.Match[str]) -> str:  # a key printed again (a rerun, a fix) corrects the first
            key = m.group(2)
            again = key in seen
            seen.add(key)
            return f"{m.group(1)}Correction to {key.replace('_', '.')}:" if again else f"{m.group(1)}{key}:"

        text = _PRINTED_KEY.sub(printed, text)
    keys = [m for m in _KEY.finditer(text) if re.search(r"[._-]", m.group("key"))]
    if len(keys) < _MIN_KEYS:
        return text
    out: list[str] = []
    pos, last = 0, ("", "")
    for m in keys:
        if re.match(r"[1-9][a-h](?:[._-]|$)", m.group("key")):
            continue  # "1e_w2", "1f.update": a key the labels read as it is
        prob, part, rest = m.group("prob"), m.group("part").lower(), m.group("rest") or ""
        sub = re.sub(r"[_.]+", " ", rest).strip()
        again = _AGAIN.search(rest)
        if again is not None:  # "p1_e_w1_fixed": the key said again with its fix, as "1e.w1.fix" is
            base = rest[:again.start()].replace("_", ".")
            label = f"Correction to {prob}{part}{'.' + base if base else ''}:"
        elif len(rest) <= 15 and re.fullmatch(r"[A-Za-z]\w*", rest.replace(".", "_")):
            label = f"{prob}{part}_{rest.replace('.', '_')}:"  # "1e_w2:", "1b_ii:", "2c_fc1:": the sheet's own keys
        elif not rest:
            label = f"{prob}{part}:"
        elif (prob, part) == last and sub:
            label = f"{sub}:"
        else:
            label = f"{prob}({part}) {sub}:"
        last = (prob, part)
        out += [text[pos:m.start()], m.group("lead"), label, " "]
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)
