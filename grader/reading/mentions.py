"""A part named again after its own text: read with the part, whatever words come before it.

A late fix is written in any words ("P.S.", "Correctie", "Scratch that", "Oh and", "*)", "¹", an HTML tag)
and names its part in any form ("(d)", "(D)", "1d", "Q1(d)", "part d", "1.4" where the parts are numbered).
No list of lead words can hold them all, so the structure decides: a line after a part's own text that names
the part and says something (a formula, a value, or words that change an answer) is that part said again.
Its formula is read like a summary's (the later answer is graded, the earlier one kept as a step, so one that
differs never gets full marks); words alone that change the answer send the part to a person. A line that only
cites the part ("using (d)", "as in 1(d)", "from part d") is no fix.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grader.expressions.prose_tail import CONFIRMED
from grader.reading.labels import dashed_lines

if TYPE_CHECKING:
    from grader.reading.document import Document

# "(d)", "(D)" (not σ(a) or f(c): a name or a bracket right before it is a function's argument)
_BRACKETED = re.compile(r"(?<![\w\\^_'′)\]}])\(([a-hA-H])\)")
# "1d", "1.d", "1-d", "1(d)", "Q1d", "Q1 (d)", "1d)", "Prob.1(e)", "P1(e)" (a letter right after the problem's
# number, then a break)
_NUMBERED = re.compile(r"(?:(?<![\w.\\^_])|(?<=\b[QqPp]\.)|(?<=[Pp]rob\.)|(?<=[Ee]x\.)|(?<=\b[Pp]))"
                       r"(?:[Qq](?:uestion)?\s*)?([12])(?:[.\-]|\s*\()?([a-h])['′]?\)?(?=[\s:.,;)]|$)")
# "[e]", "Q(e)", "(e′)": other brackets around a part's letter
_OTHER_BRACKETS = re.compile(r"(?<![\w\\^_])\[([a-hA-H])\]|(?<![\w\\])[Qq]\s*\(([a-h])\)|\(([a-h])['′]\)")
# "for e) the result is", "regarding e: …": a letter after a word that leads a note, then a bracket or a colon
_AFTER_WORD = re.compile("(?i)(?:" + "|".join(rf"(?<=\b{w}\s)" for w in ("for", "re", "regarding", "on", "about", "to",
                                                                               "part", "in", "and",
                                                                               # "in" of other languages: "i e)",
                                                                               # "im d)", "en b)", "w c)", "v e)"
                                                                               "i", "im", "en", "dans", "w", "v", "bei",
                                                                               "til", "för", "på", "na", "em"))
                         + r")([a-h])(?=\s*[):])")
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]
# "the fifth part of problem 1"
_NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight"]
# "the fifth part of problem 1", "the 5th part", "part five"
_ORDINAL = re.compile(rf"(?i)\b({'|'.join(_ORDINALS)}|[1-8](?:st|nd|rd|th))\s+(?:sub-?)?(?:part|question)(?:\s+of\s+"
                      rf"(?:problem|question|exercise|task)\s*([12]))?\b|\bpart\s+({'|'.join(_NUMBER_WORDS)})\b")
# "part d", "Teil d", "parte (d)", "Aufgabe d"
_WORDED = re.compile(r"(?i)\b(?:part|teil|parte|partie|deel|del|punkt|punto|ponto|point|item|aufgabe|question|frage)"
                     r"\s+\(?([a-h])\)?(?![\w])|\b([a-h])-(?:part|teil)\b")
# a letter alone before a bracket or a colon where a line starts ("d) …", "d: …", "- d (revised) ::")
_LETTER = re.compile(r"^[ \t>*#_\-•]*([a-h])(?=\s*(?:\)|::|:))", re.MULTILINE)
_DASHED = re.compile(r"[ \t>*#_•]*([a-h])[ \t]+[–—-][ \t]+\S")
_ARABIC = re.compile(r"\((هـ|ه|[أابجدوزح])\)")
# "(δ)", "(ε)", "(д)", "(е)": Greek and Cyrillic part letters in their alphabets' order
_OTHER_ALPHABET = re.compile(r"(?<![\w\\^_'′)\]}])\(([α-θ]|[а-е])\)")
_OTHER_LETTERS = dict(zip("αβγδεζηθ", "abcdefgh", strict=True)) | dict(zip("абвгде", "abcdef", strict=True))
_ARABIC_LETTERS = {"أ": "a", "ا": "a", "ب": "b", "ج": "c", "د": "d", "هـ": "e", "ه": "e", "و": "f", "ز": "g", "ح": "h"}
# words right before a name that cite the part rather than change it ("using (d)", "as in 1(d)", "from part d")
_CITES = re.compile(r"(?i)(?:\b(?:using|use|from|by|with|as\s+in|see|via|cf\.?|like|same\s+as|recall|of|"
                    r"into|in\s+terms\s+of|plug(?:ging)?|substitut\w*|insert\w*|combin\w*|based\s+on|aus|"
                    r"mit|avec|con|com|de|von|from\s+part|siehe|voir|ver)\s*(?:part\s*|teil\s*)?)$")
# the names listed before this one ("from (d), (e)", "using (d) and (e)"): a list is cited as a whole
_LISTED = re.compile(r"(?:\(?[12]?\.?[a-h]\)?\s*(?:,|/|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bи\b)\s*)+$")
# words that change an answer without a formula ("it is really σ1 of x1", "you add α, not subtract")
CHANGES = re.compile(r"(?i)\b(?:actually|really|meant|should|wrong|instead|mistaken|mistakes?|swap\w*|switch\w*|"
                     r"mixed|confus\w*|forg[oe]t\w*|miss(?:ing|ed)|wait|not|oops|flip\w*|signs?|drop\w*|ignore\w*|has\s+to\s+be|"
                     r"does\s*n[o']t\s+belong|"
                     r"chang\w*|now\s+think|rather|correct(?:ion|ed)?|typo|statt|anstatt|au\s+lieu|"
                     r"en\s+lugar|invece|zamiast|вместо|replace\w*(?!\s+(?:by|with)\s+(?:x|its|each|the\s+data)))\b")
# words that say an answer is changed, strong enough inside a later part of the same problem (not "not": "evaluated
# at x^i, not at x" cites (d) and (e) there)
CHANGED = re.compile(r"(?i)\b(?:actually|really|meant|should\s+(?:be|read|have)|wrong|mistaken|mistakes?|typo|"
                     r"instead|statt|correct(?:ion|ed)|ignore|scratch|oops|revisit\w*|going\s+back|once\s+more|"
                     r"changed\s+(?:it\s+)?to|"
                     r"now\s+(?:get|think|believe|see|find)|cleaner|simply|i\s+reali[sz]ed|after\s+all|"
                     r"(?:thinking|looking)\s+(?:about\s+it\s+|at\s+it\s+)?again)\b")
# words that say an answer was wrong: "instead" alone does not ("starting with δ_f = ∂L/∂f instead of 1, everything in
# (e) just gets multiplied by that" uses (e) in a later part)
FIXING = re.compile(r"(?i)\b(?:correct\w*|typo|mistake\w*|mistaken|wrong|forg[oe]t\w*|should\s+(?:be|have|read)|oops"
                    r"|wait|fix\w*|erratum|errata|missing|left\s+out|actually|meant|scratch|ignore|dropp\w*|lost"
                    r"|flipp\w*)\b")
_MORE_LINES = 2
_MOST_PROBLEMS = 12  # a name alone on its line ("(d)" under "## Fixes"): the answer on the next lines


@dataclass(frozen=True)
class _Layout:
    """Where each problem's parts start and end, and where labels stand: worked out once per document, so a
    hand-in of many labelled lines costs no more than its length times its parts."""
    problems: dict[str, tuple[int, int]]  # problem -> (first part's start, last part's end)
    label_at: list[int]  # the labels' offsets, in order
    label_keys: list[str]
    by_letter: dict[str, list[tuple[int, str]]]  # "b" -> (start, "1.b"), (start, "2.b"), … in order

    @classmethod
    def of(cls, doc: Document) -> _Layout:
        problems: dict[str, tuple[int, int]] = {}
        for k, span in doc.segments.items():
            a, b = problems.get(k.split(".")[0], (span.start, span.end))
            problems[k.split(".")[0]] = (min(a, span.start), max(b, span.end))
        labels = sorted(doc.labels, key=lambda kl: kl[1])
        by_letter: dict[str, list[tuple[int, str]]] = {}
        for k, span in sorted(doc.segments.items(), key=lambda ks: ks[1].start):
            if k.count(".") == 1:
                by_letter.setdefault(k.split(".")[1], []).append((span.start, k))
        return cls(problems, [at for _, at in labels], [k for k, _ in labels], by_letter)

    def problem(self, key: str) -> tuple[int, int]:
        return self.problems[key.split(".")[0]]


def mentions(doc: Document, line: str, at: int, layout: _Layout | None = None) -> list[str]:
    """The parts ``line`` (starting at offset ``at``) names and does not only cite, as segment keys."""
    return [key for key, cited in named_in(doc, line, at, layout) if not cited]


def named_in(doc: Document, line: str, at: int, layout: _Layout | None = None) -> list[tuple[str, bool]]:
    """The parts ``line`` names, as segment keys, each with whether the words before it only cite it."""
    found: list[tuple[int, str, str]] = []  # (offset in line, problem, part)
    for m in _NUMBERED.finditer(line):
        if not re.match(r"[-+]\d", line[m.end():]):  # not 1e-3
            found.append((m.start(), m.group(1), m.group(2)))
    for pattern in (_BRACKETED, _WORDED, _LETTER, _OTHER_BRACKETS, _AFTER_WORD):
        found += [(m.start(), "", next(g for g in m.groups() if g).lower()) for m in pattern.finditer(line)]
    for m in _ORDINAL.finditer(line):
        word = (m.group(1) or m.group(3)).lower()
        index = int(word[0]) - 1 if word[0].isdigit() else (_ORDINALS + _NUMBER_WORDS).index(word) % 8
        found.append((m.start(), m.group(2) or "", "abcdefgh"[index]))
    if (dashed := _DASHED.match(line)) and dashed_lines(doc.text):  # "e - (fix) …" where parts are "a - …"
        found.append((dashed.start(1), "", dashed.group(1)))
    found += arabic_and_numbered(doc, line)
    for m in _OTHER_ALPHABET.finditer(line):
        found.append((m.start(), "", _OTHER_LETTERS[m.group(1)]))
    keys: dict[str, bool] = {}
    for start, problem, part in sorted(found):
        cited = bool(_CITES.search(_LISTED.sub("", line[:start].rstrip(" *_(["))))
        for key in _keys(doc, problem, part, at, layout):
            keys[key] = keys.get(key, True) and cited
    return list(keys.items())


def arabic_and_numbered(doc: Document, text: str) -> list[tuple[int, str, str]]:
    """(offset, problem, part) of the parts ``text`` names by an Arabic letter ("(د)") or by the hand-in's own
    numbers ("1.4" where a line starts with that label)."""
    found = [(m.start(), "", _ARABIC_LETTERS[m.group(1)]) for m in _ARABIC.finditer(text)]
    for m in re.finditer(r"(?<![\w.])([12])\.([1-8])(?![\d.,])", text):
        if re.search(rf"(?m)^[ \t#*>_-]*{m.group(1)}\.{m.group(2)}(?![\d.,])", doc.text):
            found.append((m.start(), m.group(1), "abcdefgh"[int(m.group(2)) - 1]))
    return found


def _keys(doc: Document, problem: str, part: str, at: int, layout: _Layout | None) -> list[str]:
    """The segments a name may mean: with its problem's number, that one; else every problem's part of that
    letter whose own text comes before the line (a fix at the end naming "(b)" may mean 1(b) or 2(b))."""
    if problem:
        key = f"{problem}.{part}"
        return [key] if key in doc.segments else []
    layout = layout or _Layout.of(doc)
    parts = layout.by_letter.get(part, [])
    # the nearest few before the line: a homework has few problems, a hand-in of a thousand labels is no homework
    before = bisect_left(parts, (at, ""))
    keys = [k for _, k in parts[max(0, before - _MOST_PROBLEMS):before]]
    here = [k for k in keys if layout.problem(k)[0] <= at < layout.problem(k)[1]]
    return here or keys  # "(b)" inside Problem 2 is 2(b)


def named_later(doc: Document) -> Iterator[tuple[str, int, int, str]]:
    """(part, start, end, kind) of each line after a part's own text that names it, with the next lines when
    nothing follows the name on its line: a part's summary or late fix ("mention"), or a later part of the same
    problem citing it ("cited")."""
    lines = doc.text.split("\n")
    layout = _Layout.of(doc)
    offset = 0
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    pictures = [m.span() for m in _PICTURE.finditer(doc.text)] if "\\begin{tikzpicture" in doc.text else []
    for i, line in enumerate(lines):
        if not line.strip() or len(line) > 2000 or any(a <= starts[i] < b for a, b in pictures):
            continue  # (a drawing's node named "(f)" names no part)
        # outside its problem even a citing word is no citation
        for key, _cited in named_in(doc, line, starts[i], layout):
            span = doc.segments[key]
            if starts[i] < span.end or _inside_other_label(layout, key, starts[i], starts[i] + len(line)):
                continue
            # inside a later part of the same problem, a name cited or without words that change an answer
            # ("∇f with the components given by (d) and (e)"): only an equation naming what the part asks counts
            said = CONFIRMED.sub(" ", line)
            kind = "cited" if starts[i] < layout.problem(key)[1] and not changes_it(said) \
                else "mention"  # ("so the sign should be right": a check's verdict, no change)
            end = starts[i] + len(line)
            j = i
            while j + 1 < len(lines) and j - i < _MORE_LINES and not _says_something(doc.text[starts[i]:end], key):
                j += 1
                if lines[j].strip().startswith("#") or mentions(doc, lines[j], starts[j], layout):
                    break
                end = starts[j] + len(lines[j])
            yield key, starts[i], end, kind


_PICTURE = re.compile(r"\\begin\{tikzpicture\}.*?\\end\{tikzpicture\}", re.DOTALL)


def changes_it(said: str) -> bool:
    """Whether a line inside a later part says an answer is changed: a word of change other than "instead"
    (which tells how the later part starts), or "instead" beside a word that says something was wrong."""
    words = {m.group().lower() for m in CHANGED.finditer(said)}
    return bool(words - {"instead", "statt"}) or bool(words and FIXING.search(said)) \
        or _INSTEAD_OF_FORMULA.search(said) is not None  # "the w1 entry gets σ1(x1) instead of σ1(x1)(1−σ1(x1))"


_INSTEAD_OF_FORMULA = re.compile(r"(?i)\binstead\s+of\s+\$?\s*(?:\\[a-z]+|[σ∂∇]|[a-z]_?\{?\d|[a-z]\s*\()")


def _inside_other_label(layout: _Layout, key: str, at: int, end: int) -> bool:
    """The line holds the label of another part by the same letter: the name is that label ("(a)" of Problem 2
    is no mention of 1(a)); "(f) Going back to (e), …" still names (e)."""
    first, last = bisect_left(layout.label_at, at), bisect_left(layout.label_at, end)
    return any(k != key and k.rsplit(".", 1)[-1] == key.rsplit(".", 1)[-1] for k in layout.label_keys[first:last])


def _says_something(text: str, key: str) -> bool:
    from grader.reading.plain_math import _FORMULA_MARK

    return bool(_FORMULA_MARK.search(text) or re.search(r"\d{2,}|×|\bx\b\s*\d", text) or CHANGES.search(text))
