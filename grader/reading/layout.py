"""Layout a TA reads past: crossed-out work, a table row that names in one cell and answers in another,
a label at the start of a line of plain math."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from grader.reading.labels import ITEM_NUMBER, Label
from grader.reading.markdown_tree import Block, MathSpan

if TYPE_CHECKING:
    from grader.reading.document import Span


_STRUCK = re.compile(r"(?<!~)~~(?!~)[^\n~]{1,2000}?~~(?!~)"  # Markdown's ~~…~~, LaTeX's \sout{…} and kin, <del>/<s>
                     r"|\\(?:sout|st|xout|strike)\s*\{(?:[^{}\n]|\{(?:[^{}\n]|\{[^{}\n]*\})*\})*\}"
                     r"|<(del|s|strike)>.{0,2000}?</\1>", re.IGNORECASE)


# "\pdv{f}{w_1} = \cancel{w_3 σ_2' σ_1' x}": an answer whose whole right side is crossed out (the package's
# strokes), withdrawn; a term cancelled inside a side is a step of the working and stays
_CANCELLED_SIDE = re.compile(r"=\s*\\[bx]?cancel\s*\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}[\s.,;]*(?:\\\\)?\s*$")


def not_struck(text: str, maths: list[MathSpan]) -> list[MathSpan]:
    """Math crossed out (``~~$w_3 x$~~``) is work the student withdrew, not an answer."""
    import bisect

    if "cancel" in text:
        maths = [m for m in maths if "cancel" not in text[m.start:m.end] or m.end - m.start > 3000
                 or not _CANCELLED_SIDE.search(text, m.start, m.end)]
    struck = [(m.start(), m.end()) for m in _STRUCK.finditer(text)] \
        if re.search(r"~~|\\(?:sout|st|xout|strike)\b|<(?:del|s|strike)>", text, re.IGNORECASE) else []
    if not struck:
        return maths
    out = []
    for m in maths:
        i = bisect.bisect_right(struck, (m.start, len(text) + 1)) - 1
        if not (i >= 0 and struck[i][0] < m.start and m.end < struck[i][1]):
            out.append(m)
    return out


# words that quote an earlier version of an answer right before it: "v1 had $A$", "my first draft said $A$",
# "originally I wrote $A$" (a history of the hand-in, under the answer that replaced it)
# (the words that name an earlier version and what it "had": shared with the reading of notes about one)
OLD_VERSION = (r"(?:v\d{1,2}(?:\.\d{1,2})?|version\s*\d{1,2}|(?:my\s+)?(?:first|earlier|old|older|previous|original"
               r"|initial)\s+(?:draft|version|attempt|answer|submission|upload)|originally|previously|at\s+first)")
OLD_VERSION_SAID = r"(?:said|had|was|were|read|wrote|gave|used|got)"
_OLD_QUOTE = re.compile(rf"\b{OLD_VERSION}\b[^.\n$]{{0,30}}?\b{OLD_VERSION_SAID}[ \t]*:?[ \t]*$", re.IGNORECASE)


def not_quoted_old(text: str, maths: list[MathSpan]) -> list[MathSpan]:
    """Math an earlier version of the hand-in had, quoted in a note about it ("EDIT (v2): v1 had $A$ without the
    minus"), is that version's, not an answer."""
    if not re.search(r"(?i)\b(?:v\d|version|draft|attempt|originally|previously|at\s+first)\b", text):
        return maths
    return [m for m in maths if m.kind != "inline" or _STILL_HELD.match(text, m.end, m.end + 80) or not (
        _OLD_QUOTE.search(text, max(0, text.rfind("\n", 0, m.start) + 1, m.start - 120), max(0, m.start - 1))
        or _told_as_old(text, m.start))]


# "Originally I wrote $σ_2(x_2)$ and I still think that is right", "… gave $B$, and that is my answer": the version
# said is the one the student holds
_STILL_HELD = re.compile(r"[^.\n]{0,40}?\b(?:still|my\s+(?:final\s+)?answer|final|keep|stick|is\s+(?:right|correct))\b",
                         re.IGNORECASE)


_SAID_JUST_BEFORE = re.compile(rf"(?i)\b(?:which|that|it|this)?[ \t]*{OLD_VERSION_SAID}[ \t]*:?[ \t]*\$*$")


def _told_as_old(text: str, start: int) -> bool:
    """"On my first attempt I passed … through the σ₁ node, which gave $A$": a formula the sentence says an earlier
    attempt gave (the sentence opens with the earlier version, the formula comes right after "gave")."""
    if _SAID_JUST_BEFORE.search(text, max(0, start - 30), start) is None:
        return False
    opening = max(text.rfind(". ", max(0, start - 300), start), text.rfind("\n\n", max(0, start - 300), start))
    old = re.search(rf"(?i)\b{OLD_VERSION}\b", text[max(0, opening, start - 300):start])
    return old is not None and _LATER_ON.search(text, max(0, opening, start - 300) + old.end(), start) is None


# "My first attempt looked fine, but … the chain rule gave $B$", "confused at first, … then gave $B$": the formula is
# what came after the earlier version
_LATER_ON = re.compile(r"(?i)\b(?:but|then|now|later|finally|eventually|after\w*|second|again|however)\b")


_INDEX_RANGE = re.compile(r"[a-z]\s*=\s*\d(?:\s*,\s*\d)*(?:\s*,?\s*(?:\\ldots|\.\.\.|…)\s*,?\s*\d)?")


def join_cells(text: str, blocks: list[Block], math: list[Span]) -> list[Span]:
    """A table row that names a quantity in one cell and answers it in a later one, each cell its own
    math, with no ``=`` before the last (``| (b)(i) | $d\\sigma/du$ via exp | $e^{-u}/(1+e^{-u})^2$ |``): one equation,
    its first cell's first math the left side and its last math cell the right side."""
    import bisect

    inline = sorted((m for m in math if m.kind == "inline"), key=lambda m: m.start)  # a row's cells, by place
    starts = [m.start for m in inline]
    joined: dict[int, Span] = {}  # id of a row's first cell -> the row's cells as one equation
    dropped: set[int] = set()
    from grader.reading.tables import tabular_rows

    rows = [Block("row", a, b, a) for a, b in tabular_rows(text)] if "\\begin{tab" in text else []
    for b in [*blocks, *rows]:  # a Markdown table's rows, and a LaTeX tabular's (its cells cut at &)
        if b.kind != "row":
            continue
        i, j = bisect.bisect_left(starts, b.start), bisect.bisect_left(starts, b.end)
        while j - i > 2 and _INDEX_RANGE.fullmatch(text[inline[j - 1].start:inline[j - 1].end].strip("$ ")):
            j -= 1  # "| $∂L/∂w_j$ | $Σ…$, $j=1,2,3$ |": the index's range after the answer, read on its own
        inside = inline[i:j]
        if len(inside) < 2 or "=" in text[inside[0].start:inside[0].end] \
                or ("=" in text[inside[-1].start:inside[-1].end] and not (
                    NAMED.search(text[inside[0].start:inside[0].end]) and _alone_in_cell(text, b, inside[-1]))):
            continue  # the answer's cell may go on itself ("| 1d | $∂f/∂w_3$ | $s_2 = σ_2(…)$ |"), the name's not
        cells = [_cell_of(text, b.start, m.start) for m in inside]
        if cells[0] == cells[-1] or cells.count(cells[-1]) != 1:
            continue  # the name and the answer in one cell, or an answer in several pieces
        joined[id(inside[0])] = replace(inside[0], end=inside[-1].end, kind="cells")
        dropped.update(id(m) for m in inside[1:])
    if not joined:
        return math
    return [joined.get(id(m), m) for m in math if id(m) not in dropped]


def whole_cells(text: str, blocks: list[Block], math: list[Span]) -> list[Span]:
    """Inline math that is a table cell's whole content (``| 1d | $\\sigma_2(x_2)$ |``) is the cell's answer,
    set apart as a display is, not a formula said in passing in words."""
    import bisect

    starts = [m.start for m in math]
    for b in blocks:
        if b.kind != "row":
            continue
        for i in range(bisect.bisect_left(starts, b.start), bisect.bisect_left(starts, b.end)):
            m = math[i]
            if m.kind == "inline" and _alone_in_cell(text, b, m):
                math[i] = replace(m, kind="cell")
    return math


def row_names(text: str, blocks: list[Block], math: list[Span]) -> dict[int, str]:
    """A table of answers whose first cell names the row (``| w1 | $w_3 … x$ |``, ``| update | $w - α∇L$ |``):
    the name is the answer's, as a lead's is, so rows are read by name, never by their order (a row labelled
    w1 holds the answer to ∂f/∂w1 wherever it stands). Returns names by the answer's end."""
    import bisect

    names: dict[int, str] = {}
    starts = [m.start for m in math]
    table: list[tuple[int, str, str]] = []  # this table's rows: (answer's end, name to give or "", the row's key)
    last_end = -1
    for b in blocks:
        if b.kind != "row":
            continue
        if text[last_end:b.start].strip(" \t\n|-:+"):
            _once(names, table)
        last_end = b.end
        inside = math[bisect.bisect_left(starts, b.start):bisect.bisect_left(starts, b.end)]
        cell = _first_cell(text[b.start:b.end])
        if not inside:  # "| dfdw1 | w3*s2'(x2)*w2*s1'(x1) |": no answer read, but a row that names w1 all the same
            table.append((-1, "", row_key(cell)))
            continue
        answer = inside[-1]
        if answer.kind == "plain":  # "| dfdw1 | w3*s2'(x2)*… |": named when read (as a chain), counted here
            table.append((answer.end, "", row_key(cell)))
        elif answer.kind in ("cell", "cells") and (answer.kind == "cells" or _cell_of(text, b.start, answer.start) > 1):
            whole = re.sub(r"[*`]", "", cell).strip()  # "∇_w L": a gradient's name, spaced
            name = whole if NAMED.fullmatch(whole) else re.split(r"\s|\(", re.sub(r"[*_`{}]", "", cell).strip(),
                                                                   maxsplit=1)[0]
            given = name if answer.kind == "cell" and "$" not in cell and (
                _QUANTITY.fullmatch(name) or NAMED.fullmatch(name)) else ""
            table.append((answer.end, given, row_key(cell)))  # "w1 (with x = 1 dropped)": still w1's row
    _once(names, table)
    return names


def _first_cell(row: str) -> str:
    """A table row's first cell (a pipe inside ``$…$`` does not end it)."""
    body, inside = row.strip().lstrip("|"), False
    for k, c in enumerate(body):
        if c == "$":
            inside = not inside
        elif c == "|" and not inside:
            return body[:k].strip()
    return body.strip()


_CELL_MARKUP = re.compile(r"[\s$*_`{}]|\\(?:partial|mathrm|text|operatorname|,)")


_SUBSCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_PART_FIRST = re.compile(r"^(?:[1-9]\.[1-8]|\(?[1-9]?[a-h]\)|[1-9][a-h])\s+(?=\S)")


def row_key(cell: str) -> str:
    """The quantity a row's first cell names, however written (``w1``, ``$w_1$``, ``$\\partial f/\\partial w_1$``,
    ``dw1`` all name w1; ``update`` names the update); "" for anything else (a part's label, an edge ``x₂ ← w₂``)."""
    cell = re.split(r"\s+[(—–-]", cell.strip(), maxsplit=1)[0]  # "w1 (with x = 1 dropped)": w1's row still
    cell = _PART_FIRST.sub("", cell.translate(_SUBSCRIPT_DIGITS))  # "1.5 w2", "(e) ∂f/∂w₂": the quantity after it
    flat = _CELL_MARKUP.sub(lambda m: "∂" if "partial" in m.group() else "", cell).lower().replace("∂", "d")
    weight = re.fullmatch(r"(?:df/d|dfd|d)?(?:w|θ|theta)(\d)", flat)
    if weight:
        return f"w{weight.group(1)}"
    return flat if re.fullmatch(r"[a-z∇]{3,}", flat) else ""


# what a row may be named by: a quantity (w1, dw2, ∂f/∂w1, ∇L, a word such as "update"), not a part's label (d, 1e, ii)
_QUANTITY = re.compile(r"(?!(?:[ivx]+|[1-9]?[a-h])$)(?:[A-Za-z]+[0-9]|[A-Za-z]{3,}|[∂∇d][^\s]{1,20})", re.IGNORECASE)


def _once(names: dict[int, str], table: list[tuple[int, str, str]]) -> None:
    """Names a table's rows, except where two rows name one quantity (``| w1 | … |`` and ``| $w_1$ | … |``):
    which one answers is a person's call, so both are given a name no item has."""
    from grader.reading.document import KEY_NAME

    keys = [key for _, _, key in table]
    for end, name, key in table:
        if key and keys.count(key) > 1:
            if end >= 0:
                names[end] = f"{KEY_NAME}{{Ktwice{key}}}"
        elif name:
            _name_answer(names, end, name)
    table.clear()


def _alone_in_cell(text: str, row: Block, math: Span) -> bool:
    """Whether ``math`` is all its table cell holds (no "since …" around it)."""
    bar = "&" if "|" not in text[row.start:row.end] else "|"  # a LaTeX tabular's cells end at & and at the row's end
    left, right = text.rfind(bar, row.start, math.start), text.find(bar, math.end, row.end)
    right = row.end if right < 0 and bar == "&" else right
    return left >= 0 and right >= 0 and not text[left + 1:math.start].strip(" \t$") \
        and not text[math.end:right].strip(" \t$")


def _cell_of(text: str, row: int, pos: int) -> int:
    """Which cell of a table row ``pos`` is in (pipes inside ``$…$`` do not count; a LaTeX tabular's ``&`` do)."""
    count, inside = 0, False
    for c in text[row:pos]:
        if c == "$":
            inside = not inside
        elif c in "|&" and not inside:
            count += 1
    return count


def after_labels(text: str, math: list[Span], marks: list[Label]) -> list[Span]:
    """A line of plain math that starts with its label ("1d -> df/dw3 = …") begins after it."""
    import bisect

    marks = sorted((replace(m, end=max(m.end, m.key_end)) for m in marks), key=lambda m: m.start)  # past a key
    starts = [m.start for m in marks]
    out = []
    for span in math:
        i = bisect.bisect_left(starts, span.start)
        if span.kind == "plain" and i < len(marks) and marks[i].start < marks[i].end < span.end \
                and not text[span.start:marks[i].start].strip():
            span = replace(span, start=marks[i].end)
        elif span.kind == "plain" and 0 < i and marks[i - 1].start < span.start < marks[i - 1].end < span.end:
            span = replace(span, start=marks[i - 1].end)  # "   ii. ∂f/∂w1 = …": the label taken from its line's start
        out.append(span)
    return out


# a question that names what it asks: "**∂f/∂w3?**", "Q: what is dσ/du in terms of exp?", "**(d) Compute $∂f/∂w_3$.**"
_QUESTION = re.compile(r"^[ \t>*+\-•]*\*\*(?P<bold>[^*\n]{1,200}?)\*\*"
                       r"|^[ \t>*+\-•]*(?P<q>(?:Q\d*\s*[.:)]|Question\b)[^\n]{1,200}?\?)[ \t*_]*"
                       r"|^[ \t>*+\-•]*(?P<ends>[^\n$]{1,120}\?)[ \t]*$"
                       # "dL/dw1: $…$": a line that opens with the quantity's name and a colon, its formula after
                       r"|^[ \t>*+\-•]*(?P<colon>[^\n$:?=]{1,40}:)(?=[ \t]*\$)", re.MULTILINE)
# what a question may name: a derivative, a gradient, a primed function
NAMED = re.compile(r"\\[dt]?frac\s*\{\s*(?:\\partial|d)[^{}]{0,30}\}\s*\{\s*(?:\\partial|d)[^{}]{0,30}\}"
                    r"|(?:\\partial|∂|\bd)\s*[\w\\{}]{1,20}\s*/\s*(?:\\partial|∂|d)\s*[\w{}]{1,12}"
                    r"|(?:\\nabla|∇)\s*(?:_\{?\w+\}?)?\s*(?:\\mathcal\{L\}|L)(?:\s*\(w\))?"
                    r"|(?:\\sigma|σ)\s*(?:_\{?\d\}?|\d)?\s*(?:'|′|\^\{?\\prime\}?)\s*\(\s*\w{1,3}\s*\)")
# what may stand between a question and its answer: markup, an arrow, "A:", a short lead-in ending in a colon
_MARKUP = r"(?:[\s*_>•\-+→:]|->|=>|\bA\s*[:.)]|\bAns(?:wer)?\s*[:.])*"
_BETWEEN = re.compile(rf"{_MARKUP}(?:[^$\n?=]{{0,60}}:{_MARKUP})?", re.IGNORECASE)


def asked(text: str, math: list[Span]) -> tuple[list[Span], dict[int, str]]:
    """An answer given as a bare expression under a question that names it (``**∂f/∂w3?** → $\\sigma_2(x_2)$``,
    ``Q: ∂f/∂w2?`` then ``- $w_3 …$``): the question's name is its left side, as a TA reads it. Only a
    question that names one quantity, and only the first math after it with nothing but markup, an arrow or a
    short lead-in between; the math that names the quantity in the question is question text, not an answer.
    Returns the math left and, for each answer named, its name (by the answer's end)."""
    import bisect

    if "?" not in text and "**" not in text and ":" not in text:
        return math, {}
    starts = [m.start for m in math]
    drop: set[int] = set()
    names: dict[int, str] = {}
    for q in _QUESTION.finditer(text):
        group = next(g for g in ("bold", "q", "ends", "colon") if q.group(g) is not None)
        a, b = q.span(group)
        inner = [m for m in math[bisect.bisect_left(starts, a):] if m.start < b]
        found = {re.sub(r"\s+", "", n.group()): n for n in NAMED.finditer(text, a, b)}
        bold_words = group == "bold" and not inner and not text[a:b].rstrip().endswith(("?", ":"))
        if len(found) != 1 or len(inner) > 1 or bold_words:
            continue  # no name, several, or a bold line in words: nothing is asked by name
        i = bisect.bisect_left(starts, q.end())
        if i >= len(math) or not _answer_alone(text, q.end(), math[i]):
            continue
        names[math[i].end] = next(iter(found.values())).group().strip()
        drop.update(j for j, m in enumerate(math) if m in inner)
    return [m for j, m in enumerate(math) if j not in drop], names


def _answer_alone(text: str, after: int, answer: Span) -> bool:
    """The answer follows the question with only markup between, has no left side, and is not continued."""
    between = text[after:answer.start].rstrip("$\\[(")
    if len(between) > 200 or "\n\n\n" in between or between.count("\n") > 3:
        return False
    if _BETWEEN.fullmatch(between) is None:
        return False
    if re.search(r"[=?]|\\(?:leftarrow|gets)|←|:=", re.sub(r"[_^]\{[^{}]{0,40}\}", "", text[answer.start:answer.end])):
        return False
    rest = text[answer.end:text.find("\n", answer.end) if "\n" in text[answer.end:] else len(text)].lstrip("$\\]) ")
    return not rest or rest[0] not in "+-*/=·×^−"


_WHERE_LEAD = re.compile(r"[ \t]*[,;]?[ \t]+(?:where|with|wobei|mit|où|avec|donde|con)[ \t]+$", re.IGNORECASE)


def _where_before(between: str) -> int:
    """Where the answer ends in ``between`` when the equation found later on the line is a definition its words
    lead into ("s(u)·(1 − s(u)), where s = σ1"); 0 when they do not."""
    lead = _WHERE_LEAD.search(between)
    return lead.start() if lead is not None and lead.start() > 0 and len(between) <= 300 else 0


def _aside_before(between: str) -> int:
    """Where the answer ends in ``between`` (its text up to an equation found later on the line) when that
    equation is a side note set apart by a wide gap, with at most a few words leading into it ("where", "with
    s' ="); 0 when it is not."""
    gap = re.search(r"\S(?: {3,}|\t)", between)
    if gap is None or "  " in between[:gap.start() + 1]:
        return 0
    lead = between[gap.end():].strip()
    if lead and not re.fullmatch(r"(?:[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3})?[ \t]*[:,(\[]?", lead):
        return 0
    return gap.start() + 1


_SHORT_NAME = re.compile(r"[ \t]*(?:::[ \t]+)?(?:[\w/∂∇′']{1,10}[ \t]*:[ \t]+)?")  # "dw2: …", a short name before
# the answer (after an Org description's "::")
_FORMULA = re.compile(r"[A-Za-zσ]\w{0,6}['′]*\(|[/^*·]")


def bare_lines(text: str, math: list[Span], marks: list[Label]) -> tuple[list[Span], dict[int, str]]:
    """A label followed on its line by a bare expression (``(d) s(x2)``, ``(b) i.  exp(-u)/(1+exp(-u))^2``)
    and the lines under it written ``dw1: …``: each expression is a math piece of its own, as a TA reads it
    (a line with math already found, or with words in it, is left as it is). A lead that names a derivative
    (``1e(i) ∂f/∂w2: w3 σ2'(x2) …``) is the expression's left side: returned by the expression's end."""
    from grader.reading.document import Span
    from grader.reading.plain_math import _mathlike, offered_instead

    lines: dict[int, int] = {}  # a line's start -> where its first math found starts
    for m in math:
        line = text.rfind("\n", 0, m.start) + 1
        lines[line] = min(lines.get(line, m.start), m.start)
    out = list(math)
    names: dict[int, str] = {}
    for mark in marks:
        if not (mark.part or mark.sub) or mark.end <= mark.start:
            continue
        pos, first, under = max(mark.end, mark.key_end), True, False
        while pos < len(text):
            line = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            end = line_end = len(text) if end < 0 else end
            lead = _SHORT_NAME.match(text, pos, end)
            assert lead is not None  # every part of the pattern is optional: it always matches
            found = lines.get(line)
            noted = False  # the answer has a side note of definitions set apart after it
            if found is not None and found > lead.end() and (cut := _aside_before(text[lead.end():found])
                                                             or _where_before(text[lead.end():found])):
                end = lead.end() + cut  # "1d  s(x2)        x1 = w1 x, …", "dw2: … s1(x1)   where s' = …": the
                found, noted = None, True  # answer, then a side note set apart ("s(u)(1 − s(u)), where s = σ1")
            body = text[lead.end():end].rstrip(" \t.,;[(")
            asked = text[line:pos].lstrip().startswith("#") and not _bare(body, _mathlike)  # a heading's question
            if first and found is None and (not text[pos:end].strip(" \t*_:.-–—") or asked) and end < len(text):
                pos, first, under = end + 1, False, True  # "(e)" alone on its line: the lines under it ("dw2: …",
                blank = re.match(r"(?:[ \t]*\n){1,2}", text[pos:pos + 200])  # or the answer alone on the next
                pos += blank.end() if blank and pos + blank.end() < len(text) else 0  # line, a blank line or two
                continue  # between)
            if not first and found is None and (run := offered_instead(text[line:end])) is not None:
                out.append(Span(line + run[0], line + run[1], "plain"))  # "    maybe w3*s2(x2)": another answer
                lines[line] = line + run[0]
                pos = end + 1
                continue
            alone = under and not re.match(r"(?:[ \t]{4}|\t|[ \t]*[#%/]|.*;[ \t]*$)", text[line:end])  # (no code)
            alone = alone or (not first and ITEM_NUMBER.fullmatch(text, mark.start, mark.end) is not None
                              and re.match(r"[ \t]{1,3}\S", text[line:end]) is not None)  # "2. e^-u/(1+e^-u)^2" /
            # "   σ(u)(1-σ(u))": the item's next line
            named = noted and re.fullmatch(r"[A-Za-zσ][A-Za-z]?_?\d?['′]?", body) is not None  # "a2   (z1 = w1 x,
            if found is not None or not (_bare(body, _mathlike) or named) or (not first and not alone  # …, a2 = …)"
                                                                   and not lead.group().strip()):
                break
            under = False
            name = text[pos:lead.end()].strip().rstrip(":").lstrip(":").strip()
            for piece, own in _answers_apart(body, lead.end(), _mathlike):
                out.append(piece)
                _name_answer(names, piece.end, own or (name if piece.start == lead.end() else ""))
            lines[line] = lead.end()
            pos, first = line_end + 1, False
    return sorted(out, key=lambda s: s.start), names


_LEAD_MARK = re.compile(r"→|->|=>|:")  # "w2 → …; w1 → …": answers each with its lead
_LEAD = re.compile(r"[ \t]*(?P<name>[A-Za-z∂∇][\w/∂∇′']{0,9})[ \t]*:[ \t]+")  # "w1: …" after a semicolon


def _name_answer(names: dict[int, str], end: int, name: str) -> None:
    """The lead before an answer (``dw2: …``, ``∂f/∂w1: …``) names it: a derivative it writes is the answer's
    left side; a word (``w2``, ``dw2``) is an answer key's word for the item (matched to the rubric's keys)."""
    from grader.reading.document import KEY_NAME

    if not name:
        return
    if NAMED.fullmatch(name):
        names[end] = name
    elif re.fullmatch(r"[A-Za-z][\w']{0,9}", name) and name.lower() not in _NO_KEY \
            and not _PROBLEM_SHORT.fullmatch(name):  # ("| P1 (b)(i) | … |": the problem's number, no key)
        names[end] = f"{KEY_NAME}{{K{name.replace('_', '')}}}"


_PROBLEM_SHORT = re.compile(r"(?i)(?:p|q|pb|prob|ex|hw|task|problem|aufgabe)\.?\d{1,2}")
_NO_KEY = {"i", "ii", "iii", "iv", "ans", "answer", "so", "thus", "hence", "result", "final", "check", "note"}


def _answers_apart(body: str, start: int, mathlike: Callable[[str], bool]) -> list[tuple[Span, str]]:
    """``1b  e^-u/(1+e^-u)^2 ; σ(1-σ)``, ``1b: e^-u/(1+e^-u)^2, s1(u)(1-s1(u))``, ``1e w2: … ; w1: …``: answers
    set apart by semicolons (else by commas) are one piece each (in the order the part asks for them), when every
    one of them is a formula, each with the name it is given after the first (``w1``); else the line is one
    piece. TeX's spaces ``\\;`` and ``\\,`` separate nothing."""
    from grader.reading.document import Span

    for separator in (";", ",", "/"):  # "w2: … / w1: …": a slash set apart by spaces, never one in a fraction
        cuts, depth = [], 0
        for i, c in enumerate(body):
            depth += (c in "([{") - (c in ")]}")
            if c == separator and depth == 0 and (separator == ";" or body[i + 1:i + 2].isspace()) \
                    and body[i - 1:i] != "\\" \
                    and (separator != "/" or body[i - 1:i].isspace()):
                cuts.append(i)
        pieces = [(a + 1 if a >= 0 else 0, b) for a, b in zip([-1, *cuts], [*cuts, len(body)], strict=True)]
        pieces = [(a + len(body[a:b]) - len(body[a:b].lstrip()), a + len(body[a:b].rstrip())) for a, b in pieces]
        leads = [_LEAD.match(body, a, b) if k else None for k, (a, b) in enumerate(pieces)]
        if separator == "/" and not all(leads[1:]):
            continue  # "e^-u / (1+e^-u)^2": a division; only "w2: … / w1: …", each answer named, is a list
        if len(pieces) > 1 and all(n is None or n.end() < b for n, (a, b) in zip(leads, pieces, strict=True)):
            pieces = [(n.end() if n else a, b) for n, (a, b) in zip(leads, pieces, strict=True)]
            if all(_bare(body[a:b], mathlike) and not _LEAD_MARK.search(body[a:b]) for a, b in pieces):
                return [(Span(start + a, start + b, "plain"), n.group("name") if n else "")
                        for n, (a, b) in zip(leads, pieces, strict=True)]
    return [(Span(start, start + len(body), "plain"), "")]


# "dw2 (redo): w3 σ'(x2)", "dw2, 2nd try: …", "∂f/∂w1: …": a line that names a derivative by its own short name
# (with a word or two of its own) and gives a formula after a colon
_NAMED_LINE = re.compile(r"^[ \t>*_•-]*(?P<name>d[A-Za-z]{0,6}\d|∂[^\s:]{1,12}|d[^\s:/]{0,4}/d[^\s:]{1,6}|grad\w{0,6}"
                         r"|nabla\w{0,6}|∇[^\s:]{0,6})(?:[ \t]*\([^()\n]{1,24}\)|[ \t]*,[^:\n]{1,24})?[ \t]*:[ \t]+"
                         r"(?P<body>\S[^\n]*?)[ \t.]*$", re.MULTILINE)


def named_lines(text: str, math: list[Span]) -> tuple[list[Span], dict[int, str]]:
    """Lines anywhere that give a derivative by its short name and a colon (``dw2 (redo): w3 σ'(x2)``) and hold
    no math found otherwise: each formula is a math piece named by its lead, so a fix written so after the part
    (or after the problem) is read as that item said again."""
    from grader.reading.document import Span
    from grader.reading.plain_math import _mathlike

    taken = {text.rfind("\n", 0, m.start) + 1 for m in math}
    out, names = list(math), dict[int, str]()
    for m in _NAMED_LINE.finditer(text):
        if m.start() in taken or not _bare(m.group("body"), _mathlike):
            continue
        out.append(Span(m.start("body"), m.end("body"), "plain"))
        _name_answer(names, m.end("body"), m.group("name"))
    return sorted(out, key=lambda s: s.start), names


def _bare(body: str, mathlike: Callable[[str], bool]) -> bool:
    return (0 < len(body) <= 300 and "$" not in body and _FORMULA.search(body) is not None
            and re.search(r"(?<![\d])[A-Za-zσ]", body) is not None  # a name, not only sizes (5x5) or counts
            and all(mathlike(w) for w in body.split()))


# a line that only names a quantity, after its bullet, bold and label: "- **d.** ∂f/∂w3", "    - ∂f/∂w2", "(d) dσ/du:"
_NAMES_QUANTITY = re.compile(r"(?P<indent>[ \t]*)(?:[-*+•▸][ \t]+)?(?:\*\*)?"
                             r"(?:(?:\(?[a-h]\)?|[1-9][a-h]|\(?(?:i{1,3}|iv)\))[.):]?(?:\*\*)?[ \t]+)?(?:\*\*)?"
                             r"(?P<name>" + NAMED.pattern + r")[ \t]*(?:\*\*)?[ \t]*:?[ \t]*")
_CHILD = re.compile(r"(?P<indent>[ \t]*)(?:[-*+•▸][ \t]+)?(?:\*\*)?[ \t]*(?P<eq>=[ \t]*)?")


def outline_answers(text: str, math: list[Span]) -> tuple[list[Span], dict[int, str]]:
    """An outline's answer under the quantity it answers: a line that only names it (``- **d.** ∂f/∂w3``) with
    the bare expression on the next line (``  - σ2(x2)``), or with its working nested under it and a nested line
    that starts with ``=`` (``  - **= w3σ2(x2)(1−σ2(x2))σ1(x1)**``): that expression is the quantity's value, as
    a TA reads the tree. The quantity's name alone is no answer of its own and is dropped. Returns the math and,
    for each answer named, its name (by the answer's end)."""
    import bisect

    from grader.reading.document import Span
    from grader.reading.formats_light import _indent
    from grader.reading.markdown_tree import line_starts
    from grader.reading.plain_math import _mathlike

    if not any(c in text for c in "∂∇") and "/d" not in text and "frac" not in text:
        return math, {}
    lines, starts = text.split("\n"), line_starts(text)
    by_line: dict[int, list[Span]] = {}
    for m in math:
        by_line.setdefault(bisect.bisect_right(starts, m.start) - 1, []).append(m)
    out, names, drop = list(math), dict[int, str](), set[Span]()
    for k, ln in enumerate(lines[:-1]):
        head = _NAMES_QUANTITY.fullmatch(ln)
        if head is None or not 0 < len(ln) <= 120:
            continue
        name, indent = head.group("name").strip(), _indent(ln)
        if any(m.kind != "plain" for m in by_line.get(k, [])) or _inside_math(math, starts[k]):
            continue  # "\\frac{∂σ}{∂u}" alone on a line of an align block: a display's own line, not an outline
        own = [m for m in by_line.get(k, []) if text[m.start:m.end].strip(" *:") == name]
        taken = False
        child = _CHILD.match(lines[k + 1])
        assert child is not None  # every part of the pattern is optional: it always matches
        body = lines[k + 1][child.end():].rstrip(" \t*.,;")
        after = lines[k + 2] if k + 2 < len(lines) else ""
        if _indent(lines[k + 1]) >= indent and not by_line.get(k + 1) and not child.group("eq") \
                and _bare(body, _mathlike):
            end = starts[k + 1] + child.end() + len(body)
            if _changed_below(lines[k + 1], after):
                end = starts[k + 2] + len(after.rstrip())  # "    └── × w3": read with the line that changes it
            out.append(Span(starts[k + 1] + child.end(), end, "plain"))
            _name_answer(names, out[-1].end, name)  # "- **d.** ∂f/∂w3" then "  - σ2(x2)"
            taken = True
        j, after_equation, level = k + 1, False, _indent(lines[k + 1])
        while not taken and j < len(lines) and (not lines[j].strip() or _indent(lines[j]) > indent):
            child = _CHILD.match(lines[j])
            assert child is not None
            found = by_line.get(j, [])
            if child.group("eq") and len(found) == 1 and found[0].kind == "plain" and not after_equation \
                    and _indent(lines[j]) == level:
                m = found[0]
                piece = Span(starts[j] + child.end(), len(text[:m.end].rstrip(" \t*")), "plain")
                if piece.start < piece.end:
                    out[out.index(m)] = piece  # "  - **= w3σ2(x2)…**" under "- ∂f/∂w2": its value
                    _name_answer(names, piece.end, name)
                    taken = True
            after_equation = bool(found) and bool(child.group("eq"))
            j += 1
        if taken:
            drop.update(own)
    return sorted((m for m in out if m not in drop), key=lambda s: s.start), names


def _inside_math(math: list[Span], pos: int) -> bool:
    return any(m.start < pos < m.end and m.kind != "plain" for m in math)


def _changed_below(answer: str, after: str) -> bool:
    """Whether the line under an outline's answer may change it: a node nested under it ("    └── × w3"), or words
    that work on it ("times w3 for the output node")."""
    from grader.expressions.prose_tail import changes_formula
    from grader.reading.formats_light import _indent

    if not after.strip():
        return False
    return _indent(after) > _indent(answer) or changes_formula(after) \
        or re.match(r"[ \t>*•-]*(?:[×·*/+−-]|times\b|multipl|divid|plus\b|minus\b)", after, re.IGNORECASE) is not None


# the words that turn a formula of its own into another answer for the quantity just derived: "so it should be",
# "the correct derivative is", "the form … becomes", "so the gradient is just", "is actually"
_CORRECTING = re.compile(r"(?i)(?:\b(?:should|must|ought\s+to|has\s+to)\s+"
                         r"(?:actually\s+|really\s+|instead\s+|rather\s+)?be"
                         r"|\b(?:correct|right|proper|actual|true|fixed|corrected|real)\b[^.\n$]{0,40}?\b(?:is|are|reads)"
                         r"|\bbecomes|\bis\s+(?:actually|really|just|instead|rather|simply)"
                         r"|\binstead(?:\s+(?:it\s+is|we\s+get|I\s+get))?)"
                         r"[\s:,]*(?:\\\[|\$\$?|\\\(|\.\.\s+math::|\\begin\{(?:equation|displaymath)\*?\})?\s*\Z")
# a left side that names a derived quantity: ∂f/∂w₂, dσ/du, ∇L, σ'(u)
_DERIVED = re.compile(r"\\partial|∂|\\nabla|∇|\\frac\s*\{\s*d|\bd\w{0,6}\s*/\s*d|'\s*\(")
# in the words that offer the formula: a part named, so the formula is that part's
_ELSEWHERE = re.compile(r"(?i)\(\s?[a-h]\s?\)|\b(?:part|problem|question|exercise|task)\b")
# "w ← w − α∇L": an equation of its own, not a bare formula
_RELATION = re.compile(r"\\(?:leftarrow|gets|Leftarrow|longleftarrow|approx|equiv|coloneqq|leq?|geq?|to|mapsto"
                       r"|Rightarrow)(?![A-Za-z])|[←⟵≈≡≤≥<>]|:=")
_EQUALS = re.compile(r"(?<![<>!:\\])=(?!=)")


def _top_equals(body: str) -> int | None:
    """Where the first ``=`` outside braces and brackets is (``\\sum_{i=1}^2 …`` has none)."""
    for m in _EQUALS.finditer(body):
        before = body[:m.start()]
        if before.count("{") == before.count("}") and before.count("(") == before.count(")"):
            return m.start()
    return None


def corrected_bare(text: str, math: list[Span], named: dict[int, str],
                   parts: list[tuple[int, int]]) -> dict[int, str]:
    """A formula with no left side that the words before it offer as what the last derived quantity is after all
    ("so it should be $σ'(w_2σ(w_1x))$" under ``∂f/∂w₃ = σ(w_2σ(w_1x))``): that quantity's name, so the two
    answers are read side by side and a changed one goes to a person. Only inside one part (``parts``: their
    spans). Returns each such formula's name by its end."""
    out: dict[int, str] = {}
    last: tuple[int, str] | None = None  # (end, left side) of the last equation that names a derived quantity
    previous: Span | None = None
    for m in math:
        before, previous = previous, m
        body = text[m.start:m.end]
        equals = _top_equals(body)
        if equals is not None:
            lhs = body[:equals].strip()
            if _DERIVED.search(lhs) and len(lhs) <= 80:
                last = (m.end, lhs)
            continue
        if last is None or m.end in named or m.start - last[0] > 1500 or not body.strip() or _RELATION.search(body):
            continue
        if not any(a <= last[0] and m.end <= b for a, b in parts):
            continue  # the quantity's part ended before the formula: it is another part's
        said = _CORRECTING.search(text, max(last[0], m.start - 200), m.start)
        if said is not None and before is not None and before.start >= last[0] \
                and not re.search(r"[^\W\d_]", text[before.end:said.start()].replace("$", "")):
            continue  # "$∂x_2/∂w_2$ is just $σ_1(x_1)$": what the math right before the words is, not a correction
        if said is not None and not _ELSEWHERE.search(text, max(last[0], text.rfind("\n\n", 0, said.start())),
                                                      m.start):  # "… except (d), where it should be": (d)'s
            out[m.end] = last[1]
    return out


# a derivative named in words right before its formula: "the derivative of $f_w$ with respect to $w_3$ is $…$",
# "∂f/∂w₃, i.e. the last entry of $\nabla_w f_w$, is $…$"
_WORDED = re.compile(r"(?i)\b(?:partial\s+)?derivative\s+of\s+\$?\s*f(?:_\{?w\}?)?(?:\(x\))?\s*\$?\s+"
                     r"(?:with\s+respect\s+to|w\.?r\.?t\.?)\s+\$?\s*w_?\{?([1-3])\}?\s*\$?\s*(?:is|=|equals)\s*:?\s*\$?\Z"
                     r"|\b(first|second|third|last)\s+(?:entry|component|element|coordinate)\s+of\s+\$?\s*"
                     r"\\nabla_\{?w\}?\s*f(?:_\{?w\}?)?(?:\([^)$]{0,12}\))?\s*\$?\s*(?:is|=|equals)\s*:?\s*\$?\Z")
_PLACE = {"first": "1", "second": "2", "third": "3", "last": "3"}


def worded_names(text: str, math: list[Span], named: dict[int, str]) -> dict[int, str]:
    """A formula whose words name it a derivative of f (by weight, or by its place in ∇f): that derivative's name,
    so the formula is read as an answer for it wherever it stands. Returns each name by the formula's end."""
    out: dict[int, str] = {}
    for m in math:
        if m.end in named or _top_equals(text[m.start:m.end]) is not None:
            continue
        said = _WORDED.search(text, max(0, m.start - 160), m.start)
        if said is not None:
            k = said.group(1) or _PLACE[said.group(2).lower()]
            out[m.end] = f"\\frac{{\\partial f}}{{\\partial w_{k}}}"
    return out


# a paragraph that warns of other people's mistakes ("> **Pitfall.** … writing σ(1+σ) instead of σ(1−σ)", "Common
# mistakes: leaving out biases gives 430,500", "PITFALL" over a block, a LaTeX environment named so): the wrong
# forms it quotes are no answer of the hand-in's
_PITFALL_LEAD = re.compile(
    r"[ \t]*(?:>[ \t]*)*(?:\\(?:textbf|emph|textit|paragraph\*?|noindent)[ \t]*\{?[ \t]*)?[*_~<>bpstrong/ \t]{0,12}"
    r"(?:(?:note|nb|n\.b\.|remark|warning|caution|careful|beware|watch\s+out)"
    r"[*_~]{0,2}[ \t]*[:.!]?[ \t]*[*_~]{0,2}[ \t]*)?"
    r"(?:(?:a|the|one|another)\s+)?(?:pitfalls?|traps?"
    r"|(?:many\s+)?(?:people|students|beginners)\s+(?:often|usually|commonly|tend\s+to|forget|drop|write|mix)"
    r"|it(?:\s+i|')s\s+(?:easy|tempting)\s+to"
    r"|(?:very\s+)?(?:common|typical|frequent|classic(?:al)?|usual|standard)\s+(?:mistakes?|errors?|slips?|pitfalls?)"
    r"|h[äa]ufige[rn]?\s+fehler"
    r"|typische[rn]?\s+fehler|erreurs?\s+(?:fr[ée]quentes?|classiques?|courantes?|typiques?)|pi[èe]ges?"
    r"|errore?s?\s+(?:com[úu]n(?:es)?|t[íi]picos?|frecuentes?|comuni|tipici)|흔한\s*실수|よくある(?:間違い|ミス)|常见错误)"
    r"(?![\w-])", re.IGNORECASE)
# (unless it speaks of its writer's own slip or doubt: "Pitfall: I wrote σ(1+σ) above, it is σ(1−σ)", "not sure")
_OWN_SLIP = re.compile(r"(?i)\b(?:I|we)\s+(?:also\s+|first\s+|originally\s+)?(?:wrote|made|forgot|dropped|had|got|used"
                       r"|mixed|did|messed|was\s+wrong|am\s+not|'m\s+not|may\s+have|might\s+have)\b"
                       r"|\b(?:my|our)\s+(?:own\s+)?(?:answer|mistake|error|slip|first|earlier|result|formula)"
                       r"|\bnot\s+sure\b|\bunsure\b|\?\?|\b(?:ich\s+habe|j'ai\s+(?:écrit|oublié))\b")
_PITFALL_ENV = re.compile(r"\\begin\{(\w{0,20}(?:pitfall|mistake|warning|caution)\w{0,20})\}(.{0,4000}?)\\end\{\1\}",
                          re.DOTALL | re.IGNORECASE)


def without_pitfalls(text: str) -> str:
    """The text with its warnings about others' mistakes blanked (their line breaks kept)."""
    low = text.lower()
    if not any(w in low for w in ("pitfall", "mistake", "error", "slip", "trap", "people", "students", "easy to",
                                  "tempting", "fehler", "erreur", "piège", "piege", "errore",
                                  "실수", "間違い", "ミス", "错误")):
        return text
    if "\\begin{" in text:
        text = _PITFALL_ENV.sub(lambda m: m.group() if _OWN_SLIP.search(m.group(2))
                                else "\n" * m.group().count("\n"), text)
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        if not _PITFALL_LEAD.match(lines[k]):
            k += 1
            continue
        quoted = lines[k].lstrip().startswith(">")
        end = k + 1
        while end < len(lines) and lines[end].strip() and (not quoted or lines[end].lstrip().startswith(">")) \
                and end - k < 40:
            end += 1
        if not _OWN_SLIP.search("\n".join(lines[k:end])):
            lines[k:end] = [""] * (end - k)
        k = end
    return "\n".join(lines)


# a section that records how the answers changed ("## CHANGELOG", "### Revision history"): history, not answers
_HISTORY_HEADING = re.compile(r"(?im)^(?P<hashes>#{1,6})[ \t]*(?:\**)[ \t]*(?:change[ \t-]?log|revision[ \t]+history"
                              r"|version[ \t]+history|history[ \t]+of[ \t]+(?:changes|revisions)|änderungsprotokoll"
                              r"|versionsverlauf|historique[ \t]+des[ \t]+(?:modifications|versions)|journal[ \t]+des"
                              r"[ \t]+modifications)\b[^\n]*$")


def without_history(text: str) -> str:
    """The text with its changelog section blanked (its line breaks kept), up to the next heading of its level or
    above, or the next heading that is no version's ("## Problem 1" under "# Changelog"): what the versions before
    said ("v1 had w + α∇L … now w − α∇L") is history, the answers are the text's own. Not a section that is also
    errata or corrections ("## Change log & errata"), and not a line of it whose new formula or value the text
    above does not hold: a change the answers never got goes to a person."""
    if "#" not in text:
        return text
    m = _HISTORY_HEADING.search(text)
    if m is None or _CORRECTIONS_TOO.search(m.group()):
        return text
    level = len(m.group("hashes"))
    end = len(text)
    for h in re.finditer(r"(?m)^(#{1,6})[ \t]+([^\n]*)$", text[m.end():]):
        if len(h.group(1)) <= level or not _VERSION_HEADING.match(h.group(2)):
            end = m.end() + h.start()
            break
    rest = _FORMULA_KEY.sub("", text[:m.start()] + text[end:])
    kept = [line if ((news := _news(line)) and not all(_FORMULA_KEY.sub("", f) in rest for f in news)
                     or not news and re.search(r"\d", _VERSION_MARKS.sub("", line))) else ""
            for line in text[m.start():end].split("\n")]  # ("(b) stride changed to 2": a value, kept)
    return text[:m.start()] + "\n".join(kept) + text[end:]


_CORRECTIONS_TOO = re.compile(r"(?i)\b(?:errat\w*|correct\w*|fix(?:es)?|berichtig\w*|korrektur\w*)\b")
# a version's own heading under a changelog: "### [v3] — 2023-10-11", "## v2", "#### Fixed", "### 2023-10-09"
_VERSION_HEADING = re.compile(r"(?i)\[?\s*(?:v(?:ersion)?\s*\d|\d+(?:\.\d+)+|\d{4}-\d{2}-\d{2}|unreleased|added|changed"
                              r"|fixed|removed|deprecated|security)\b")
# a changelog line that says what an answer became: "`s(u)(1 + s(u))` -> `s(u)(1 - s(u))`", "`400,000 -> 400,500`",
# "now `w - α grad_w L`"
_ARROW_TO = re.compile(r"(?:->|→|=>|\bnow\b)\s*(?:`([^`\n]{1,200})`|\$([^$\n]{1,200})\$|(\d[\d,. ]{0,12}\d))")
_SPAN_ARROW = re.compile(r"`([^`\n]{1,200}?)\s*(?:->|→|=>)\s*([^`\n]{1,200})`")
_FORMULA_KEY = re.compile(r"[\s*·`$\\{}]|(?<=\d)[,.](?=\d{3})")  # spaces, products and markup: compared without


def _news(line: str) -> list[str]:
    """The formulas and values a changelog line gives as what an answer now is: after its arrows ("`A` -> `B`",
    "now `B`"), else every formula it writes ("so (d) is really $B$")."""
    inside = [m.group(2) for m in _SPAN_ARROW.finditer(line)]
    after = [a or b or c for a, b, c in _ARROW_TO.findall(_SPAN_ARROW.sub(" ", line))]
    return inside + after or [a or b for a, b in _WRITTEN.findall(line)]


_VERSION_MARKS = re.compile(r"(?i)\bv(?:ersion)?\s*\d+(?:\.\d+)*|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\[[^\]\n]{0,20}\]"
                            r"|#\d+|\b\d+\s*(?:files?|lines?|commits?)\b")
_WRITTEN = re.compile(r"`([^`\n]{1,200})`|\$([^$\n]{1,200})\$")


# a table of who did what in a group's hand-in ("| Part | Written by | Checked by |"): its rows name parts, but
# they answer nothing
_ROSTER_HEAD = re.compile(r"(?i)\b(?:written|authored|done|drafted|checked|reviewed|proof-?read|solved)[ \t]+by\b"
                          r"|\b(?:authors?|members?|reviewers?|contributors?|responsible|owner|who)\b"
                          r"|\b(?:verantwortlich|bearbeitet|autor(?:in)?|auteur|rédigé|responsable|autore)\b")


def without_roster(text: str) -> str:
    """The text with its tables of who wrote and checked which part blanked (their line breaks kept): a group's
    "Contributions" table names parts in its rows, and a name in a cell is no answer."""
    if "|" not in text or not _ROSTER_HEAD.search(text):
        return text
    lines = text.split("\n")
    k = 0
    while k + 1 < len(lines):
        head, rule = lines[k].strip(), lines[k + 1].strip()
        if head.startswith("|") and re.fullmatch(r"\|?[ \t:|-]+\|?", rule) and "-" in rule \
                and any(_ROSTER_HEAD.search(cell) for cell in head.strip("|").split("|")) \
                and not re.search(r"(?i)\b(?:answers?|results?|values?|formulas?|final|versions?|solutions?|counts?"
                                  r"|param\w*|totals?|sizes?|shapes?|antwort|réponse|lösung)\b", head):
            end = k + 2
            while end < len(lines) and lines[end].strip().startswith("|"):
                end += 1
            lines[k:end] = [""] * (end - k)
            k = end
            continue
        k += 1
    return "\n".join(lines)
