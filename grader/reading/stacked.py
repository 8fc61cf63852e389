"""Fractions that a PDF-to-text export broke over lines, put back on one line.

Two layouts come out of PDF exports. A layout-keeping export sets a fraction's numerator on the
line above its equation and the denominator on the line below, in the same columns::

         ∂fw            exp(−u)
               =                      ->   (∂fw)/(∂w3) = (exp(−u))/((1 + exp(−u))2)
         ∂w3         (1 + exp(−u))2

A PDF viewer's copy puts every piece on its own line: ``∂f w`` / ``∂w 3`` / ``= σ 2 (x 2 )``.
Both are rebuilt only when every piece has its place: a column run with text both on the line
and above or below it, a lone numerator (``Σ`` set above a sum), an operator as numerator
(``d/du``) or an odd count of stacked lines leaves the lines as they are.
"""
from __future__ import annotations

import re

from grader.reading.plain_math import _mathlike, equation_in_line

_LABEL = re.compile(r"^\s*\(?(?:[a-h]|i{1,3}|iv|vi{0,3})\)\.?\s*$")
_LABELLED = re.compile(r"^\s*\(?(?:[a-h]|i{1,3}|iv|vi{0,3})\)\s")
_PHRASE = re.compile(r"\S+(?: \S+)*")
# a fraction bar drawn with "____" is a phrase of its own ("_____ = 1 - o(u)": the bar, then what it equals)
_PHRASE_OR_BAR = re.compile(r"[-─—–_]{3,}|(?:(?![-─—–_]{3})\S)+(?: (?:(?![-─—–_]{3})\S)+)*")
_OPERATOR_ONLY = {"d", "∂", "d/", "∂/"}
_D_WORD = re.compile(r"(?:d|∂)\s?[^\W\d_][\w′']{0,5}")  # dσ1, ∂fw, ∂w3, du: a derivative's top or bottom


def _words_math(line: str) -> bool:
    words = line.split()
    return bool(words) and len(line.strip()) <= 60 and not _LABEL.match(line) and all(_mathlike(w) for w in words)


def _clusters(rows: tuple[str, str, str]) -> list[tuple[int, int]]:
    """Column runs separated by a column blank on all three lines (a single space inside a phrase,
    "1 + a", is no blank)."""
    width = max(len(r) for r in rows)
    used = [False] * width
    for r in rows:
        for m in _PHRASE_OR_BAR.finditer(r):
            used[m.start():m.end()] = [True] * (m.end() - m.start())
    out, start = [], None
    for c in range(width + 1):
        blank = c == width or not used[c]
        if not blank and start is None:
            start = c
        elif blank and start is not None:
            out.append((start, c))
            start = None
    return out


def rebuild_layout(up: str, mid: str, down: str) -> str | None:
    """The middle line with the fractions above and below it set in, or None when a piece has no place."""
    rows = (up, mid, down)
    width = max(len(r) for r in rows)
    up, mid, down = (r.ljust(width) for r in rows)
    parts: list[tuple[str, str]] = []  # (kind, text)
    for a, b in _clusters((up, mid, down)):
        u, m, d = up[a:b].strip(), mid[a:b].strip(), down[a:b].strip()
        if u and d and _BAR_ONLY.fullmatch(m):  # a fraction bar drawn with "____" or "----"
            if _LOST_POWER.search(u) or _LOST_POWER.search(d):
                return None  # its powers lost ("(𝑒𝑢 + 1)2"): read flat, a fraction would be misread
            m = ""
        gap = " " if parts else ""  # columns of a layout are no asides: one space
        if u and not m and not d and not parts and _LEAD_WORDS.fullmatch(u):
            continue  # "(ii)  zauwazam ze" before the first fraction, on its numerator's line: words that lead in
        if u and not m and not d and not any(k == "frac" for k, _ in parts) and u.endswith("=") \
                and _words_math(u[:-1]):
            parts.append(("mid", gap + u))  # "o'(u) =" written on the numerator's line, the fraction after it
            continue
        if m and not u and not d:
            parts.append(("mid", gap + m))
        elif u and not m and not d and re.fullmatch(r"[−-]?\d{1,2}", u) and parts and parts[-1][0] == "mid":
            parts[-1] = ("mid", f"{parts[-1][1]}^({u})")  # "(1 + exp(−u))" with its power "−2" set above
        elif u and d and m == "=" and u not in _OPERATOR_ONLY and "  " not in u + d and parts:
            parts.append(("mid", " ="))  # "e−u" over "(1 + e−u)2" with the equals sign set under the bar's start:
            parts.append(("frac", f" ({u})/({d})"))  # the sign stands before the fraction
        elif u and d and (not m or set(m) <= set("·⋅×* ")) and u not in _OPERATOR_ONLY and "  " not in u + d:
            # one phrase over one (the chain rule's products set between its fractions: "∂fw ∂s2" / "·" / "∂s2 ∂u2")
            ups, downs = u.split(), d.split()
            if len(ups) == len(downs) > 1 and all(w.startswith(("∂", "d")) for w in ups + downs):
                # ∂f ∂x over ∂x ∂w: the chain rule
                frac = " · ".join(f"({a})/({b})" for a, b in zip(ups, downs, strict=True))
            elif m:
                return None  # a product sign between fractions that are not the chain rule's
            else:
                frac = f"({u})/({d})"
            parts.append(("frac", (" · " if parts and parts[-1][0] == "frac" else gap) + frac))
        else:
            return None
    if not any(k == "frac" for k, _ in parts):
        return None
    return "".join(t for _, t in parts)


_BAR_ONLY = re.compile(r"[-─—–_]{3,}")
_LOST_POWER = re.compile(r"\)\d|[𝑒e][𝑢u](?![\w(])")  # "(𝑒𝑢 + 1)2", "𝑒𝑢": a PDF text layer's powers set flat
_LEAD_WORDS = re.compile(r"\(?(?:[a-h]|i{1,3}|iv)\)|[^\W\d_]{2,}(?:[ \t][^\W\d_]{2,}){0,3}")  # "(ii)", "so we get"
_EQUATION_NUMBER = re.compile(r"\s+\(\d{1,2}(?:\.\d{1,2})?\)\s*$")  # a typeset display's number: "(3)", "(2.1)"
_GOES_ON = re.compile(r"[ \t]+[·⋅×*+−\-][ \t]*\S[^=\n]*$", re.M)  # an indented line led by an operator


def _equation(line: str) -> str | None:
    found = equation_in_line(line)
    return None if found is None else line[found[0]:found[1]]


_LEAD_IN = re.compile(r"[ \t]*(?:\(?(?:[a-h]|i{1,3}|iv)\)[ \t]+)?(?:[^\W\d_]{2,}[ \t]+){0,3}")


def _numerators(line: str) -> bool:
    """A line of numerators, after the words that may lead it in ("(ii)  so we get"), and the left side of the
    equation the fractions continue ("o'(u) =    1        exp(-u)"): math, no other "=" than that one."""
    if "=" not in line:
        return _words_math(line) or _words_math(_without_lead(line))
    side, _, rest = line.partition("=")
    return "=" not in rest and _words_math(_without_lead(side)) and _words_math(rest)


def _without_lead(line: str) -> str:
    lead = _LEAD_IN.match(line)
    return line[lead.end():] if lead else line


def layout_blocks(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of three-line blocks (numerators, equation, denominators) among consecutive lines."""
    out = []
    i = 1
    while i + 1 < len(lines):
        (a0, e0), (a1, e1), (a2, e2) = lines[i - 1], lines[i], lines[i + 1]
        if a1 == e0 + 1 and a2 == e1 + 1 and "=" in text[a1:e1] and "=" not in text[a2:e2] \
                and _numerators(text[a0:e0]) and _words_math(text[a2:e2]) and read_block(text[a0:e2]):
            if i + 2 < len(lines) and lines[i + 2][0] == e2 + 1 and _GOES_ON.match(text, *lines[i + 2]):
                out.append((a0, lines[i + 2][1]))  # "· w2 σ1 (p)(1 − σ1 (p)) · x." under the fraction: the
                i += 4  # equation goes on
                continue
            out.append((a0, e2))
            i += 3
            continue
        i += 1
    return out


def viewer_runs(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of equations a PDF viewer's copy set one piece a line: pieces stacked in pairs.

    Each line is looked at once: where the run from line i ends is worked out from the back, so a
    long hand-in of short lines costs no more than its length."""
    ends = _run_ends(text, lines)
    out = []
    i = 0
    while i < len(lines):
        j = ends[i]
        if j - i > _LONGEST_RUN:  # a run that long is a list of short lines, not one equation
            i = j
            continue
        if j - i >= 3 and _ends(text, lines, j) and read_block(text[lines[i][0]:lines[j - 1][1]], viewer=True):
            while j < len(lines) and lines[j][0] == lines[j - 1][1] + 1 and _goes_on(text[lines[j][0]:lines[j][1]]):
                j += 1  # "· w2 σ1(x1)(1 −σ1(x1)) x" under "= w3 σ2(x2)(1 −σ2(x2))": the equation goes on
            out.append((lines[i][0], lines[j - 1][1]))
            i = j
        elif j - i == 2 and j < len(lines) and lines[j][0] == lines[j - 1][1] + 1 \
                and read_block(text[lines[i][0]:lines[j][1]], viewer=True):  # dσ1 / = σ1(u)(1 − σ1(u)) / du
            out.append((lines[i][0], lines[j][1]))
            i = j + 1
        else:
            i += 1
    return out


_LONGEST_RUN = 64


def _run_ends(text: str, lines: list[tuple[int, int]]) -> list[int]:
    """For each line, the index after the last line of the run of stacked pieces that starts there: the
    lines are adjacent, each a piece (math words, a ``·`` or an ``= …`` line), and an ``= …`` line ends it."""
    ends = [0] * len(lines)
    for i in range(len(lines) - 1, -1, -1):
        raw = text[lines[i][0]:lines[i][1]]
        line = raw.strip()
        piece = "   " not in line and "=" not in line.strip("=") \
            and (line == "·" or raw.lstrip().startswith("=") or _words_math(raw))
        if not piece:
            ends[i] = i
        elif line.startswith("=") and line != "=":
            ends[i] = ends[i + 1] if _factor_follows(text, lines, i) else i + 1
        elif i + 1 < len(lines) and lines[i + 1][0] == lines[i][1] + 1:
            ends[i] = ends[i + 1]
        else:
            ends[i] = i + 1
    return ends


def _factor_follows(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """``= w3`` / ``∂s2`` / ``∂w2`` / ``= w3 s2(1 − s2) s1``: a fraction set after a side, then the next side; the
    fraction is a factor of that side (∂f/∂w2 = w3 · ∂s2/∂w2 = …), the equation goes on."""
    if i < 2 or i + 3 >= len(lines) or any(lines[k + 1][0] != lines[k][1] + 1 for k in (i - 2, i - 1, i, i + 1, i + 2)):
        return False
    left_top, left_bottom, top, bottom, then = (text[lines[k][0]:lines[k][1]].strip()
                                                for k in (i - 2, i - 1, i + 1, i + 2, i + 3))
    return then.startswith("=") and then != "=" and all(
        _D_WORD.fullmatch(piece) is not None for piece in (left_top, left_bottom, top, bottom)) \
        and bottom == left_bottom and top != left_top  # ∂s2/∂w2 under ∂f/∂w2: a factor; ∂f/∂w1: the next equation


def _ends(text: str, lines: list[tuple[int, int]], j: int) -> bool:
    """Whether a run ends where its equation does: at an ``= …`` line, or before a line that is no math
    (a limit ``i=1`` under a sum sign would leave the run cut short)."""
    last = text[lines[j - 1][0]:lines[j - 1][1]].strip()
    if last.startswith("=") and last != "=":
        return True
    if j >= len(lines) or lines[j][0] != lines[j - 1][1] + 1:
        return True
    after = text[lines[j][0]:lines[j][1]]
    return bool(_LABEL.match(after) or _LABELLED.match(after)) or not _words_math(after)


def read_viewer(lines: list[str]) -> str | None:
    """``∂f w`` / ``∂w 3`` / ``= σ 2 (x 2 )`` -> ``(∂f w)/(∂w 3) = σ 2 (x 2 )``; the numerator above the
    equation and the denominator below it, as a PDF's text layer orders a displayed fraction (``dσ1`` /
    ``= σ1 (u)(1 − σ1 (u)).`` / ``du``), likewise."""
    pieces = [s.strip() for s in lines]
    if len(pieces) == 3 and all(_D_WORD.fullmatch(pieces[k]) for k in (0, 2)) and pieces[1].startswith("=") \
            and len(pieces[1]) > 2:
        return f"({pieces[0]})/({pieces[2]}) {pieces[1]}"
    out: list[str] = []
    pending: list[str] = []
    for line in [s.strip() for s in lines] + ["="]:
        if line.startswith("=") or line == "·" or line.endswith("="):
            if len(pending) % 2 or (line.endswith("=") and not line.startswith("=") and pending):
                return None
            fracs = [f"({pending[k]})/({pending[k + 1]})" if _fraction_pair(pending[k], pending[k + 1])
                     else f"{pending[k]} · {pending[k + 1]}" for k in range(0, len(pending), 2)]
            if any(pending[k] in _OPERATOR_ONLY for k in range(0, len(pending), 2)):
                return None
            out.append(" · ".join(fracs))
            out.append(line)
            pending = []
        else:
            pending.append(line)
    joined = " ".join(p for p in out[:-1] if p)
    if "/" not in joined or joined.count("=") < 1:
        return None
    return joined


_LED_BY_OPERATOR = re.compile(r"[ \t]*[·⋅×*+−][ \t]*\S[^=\n]*")


def _goes_on(line: str) -> bool:
    """A line that goes on with the equation above it: led by an operator, and math (not a note in words)."""
    return _LED_BY_OPERATOR.fullmatch(line) is not None and _words_math(line)


def _fraction_pair(top: str, bottom: str) -> bool:
    """Whether two stacked pieces are a fraction's numerator and denominator: a derivative's d-words, or a short
    top over a bracket or a short bottom. A long product wrapped onto two lines (``w3 σ2(x2)(1 − σ2(x2)) w2`` /
    ``σ1(x1)(1 − σ1(x1)) x``) is one product, as a reader of the text sees it."""
    if _D_WORD.fullmatch(top) and _D_WORD.fullmatch(bottom):
        return True
    return len(top) <= 16 and (bottom.startswith("(") or len(bottom) <= 16)


def read_block(block: str, viewer: bool = False) -> str | None:
    """A stacked block as one equation (the part a reader takes), or None when it is not one."""
    lines = block.split("\n")
    if viewer:
        goes_on: list[str] = []
        while len(lines) > 3 and _goes_on(lines[-1]):
            goes_on.insert(0, lines.pop().strip())
        rebuilt = read_viewer(lines)
        rebuilt = f"{rebuilt.rstrip(' .,')} {' '.join(goes_on)}" if rebuilt and goes_on else rebuilt
    else:
        rebuilt = rebuild_layout(*lines[:3]) if len(lines) in (3, 4) else None
        if rebuilt is not None and len(lines) == 4:
            rebuilt = f"{rebuilt.rstrip(' .,')} {lines[3].strip()}"  # a line that goes on with an operator
    if rebuilt is None:
        return None
    return _equation(_EQUATION_NUMBER.sub("", rebuilt))


def stacked(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the stacked equations among the given lines: kind "stacked" (layout kept) or
    "viewer" (one piece a line)."""
    found = [(a, b, "stacked") for a, b in layout_blocks(text, lines)]
    rest = [ln for ln in lines if not any(a <= ln[0] < b for a, b, _ in found)]
    found += [(a, b, "viewer") for a, b in viewer_runs(text, rest)]
    return sorted(found)


# a power a scan's text set on the line above its base ("–u   2" over "( 1 + e     )"): short exponents alone there
_POWER = re.compile(r"[–−-]?(?:\d{1,2}|[a-z]|\((?!\d+\))[^()\s]{1,6}\))")  # not "(2)", a display's number
_POWER_LINE = re.compile(r"[ \t]*\S{1,4}(?:[ \t]+\S{1,4}){0,3}[ \t]*")


def raised_powers(text: str) -> str:
    """Lines of powers set above their bases put back as ``^{…}`` on the line below (``e`` with ``–u`` above it
    is ``e^{–u}``); the line of powers left blank. Only where every power sits over the blank just after a
    letter, digit or closing bracket of a formula's line (one with ``=`` or ``/``)."""
    if "\n " not in text:
        return text
    lines = text.split("\n")
    for k in range(len(lines) - 1):
        up, mid = lines[k], lines[k + 1]
        if not up.strip() or not _POWER_LINE.fullmatch(up) or ("=" not in mid and "/" not in mid):
            continue
        rebuilt = _with_powers(up, mid)
        if rebuilt is not None:
            lines[k], lines[k + 1] = "", rebuilt
    return "\n".join(lines)


def _with_powers(up: str, mid: str) -> str | None:
    powers = [(m.start(), m.group()) for m in re.finditer(r"\S+", up)]
    if not all(_POWER.fullmatch(p) for _, p in powers) or len(powers) == 1 and powers[0][1].isdigit() \
            and powers[0][0] > 60:
        return None  # a number alone far right: a page's number or a footnote's mark
    out = mid
    for col, power in reversed(powers):
        if col >= len(out) + 2 or out[col:col + len(power)].strip():
            return None  # over text of the line, or far past its end: no power of it
        base = len(out[:col].rstrip()) - 1
        if base < 0 or col - base > 4 or not (out[base].isalnum() or out[base] in ")]}") \
                or out[max(0, base - 1)] == "^":  # x^2 has its power
            return None
        rest = out[base + 1:]
        rest = " " + rest.lstrip(" ") if rest.startswith("  ") else rest  # the room the power took above
        out = f"{out[:base + 1]}^{{{power}}}{rest}"
    return out


_WORD3 = re.compile(r"[^\W\d_]{3,}")
_MOST_LINES = 3000
_PAGE_NUMBER = re.compile(r"[ \t]{16,}\d{1,3}[ \t]*|[ \t]*(?:page|seite|página)[ \t]+\d{1,3}[ \t]*", re.IGNORECASE)


def two_columns(text: str) -> str:
    """A page set in two columns, as a PDF's layout-keeping text export prints it (each line holds a line of the
    left column, a gutter of spaces, then a line of the right one), read column by column: in each run of lines
    between full-width lines (a title), the left column's lines, then the right column's. Only where a gutter runs
    through most lines and both columns hold words: a table's aligned columns (short cells) are left as they are."""
    if "\f" in text and text.count("\f") <= 100:  # pages apart (a form feed between them): each set its own way
        return "\f".join(two_columns(page) if "\f" not in page else page for page in text.split("\f"))
    lines = text.split("\n")
    if not 12 <= len(lines) <= _MOST_LINES or "|" in text[:4000] and text.count("|") > 20:
        return text  # (a homework's pages are a few hundred lines: a longer text is no page to unweave)
    gutter = _gutter(lines)
    if gutter is None:
        return text
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for k, line in enumerate(lines):
        if len(line) > gutter and line[gutter - 2:gutter].strip() or "\f" in line \
                or _PAGE_NUMBER.fullmatch(line) and k and not lines[k - 1].strip():  # a line across the gutter
            # (full width), or a page's end: its number set apart below the text (not a fraction's numerator)
            out += left + right + [line]
            left, right = [], []
            continue
        left.append(line[:gutter].rstrip())
        if line[gutter:].strip():
            right.append(line[gutter:].rstrip())
    return "\n".join(out + left + right)


def _gutter(lines: list[str]) -> int | None:
    """The column where a right column starts after a gutter of two or more spaces, or None."""
    filled = [ln for ln in lines if ln.strip()]
    best: tuple[int, int] | None = None
    for c in range(24, 100):
        both = crossing = words = 0
        for ln in filled:
            if len(ln) <= c:
                continue
            if ln[c - 2:c].strip():
                crossing += 1
            elif ln[c:].strip() and ln[:c].strip():
                both += 1
                words += len(_WORD3.findall(ln[c:]))
        if both >= 10 and both >= 0.35 * len(filled) and crossing <= 0.08 * len(filled) and words >= 2 * both:
            if best is None or both - 3 * crossing >= best[1]:
                best = (c, both - 3 * crossing)
    return None if best is None else best[0]


_BIG_SUM = re.compile(r"(?m)^[ \t]*[XPΣ∑][ \t]*$")  # a typeset Σ as a PDF's text layer prints it: "X" (or "P") alone
_LIMIT = re.compile(r"[ \t]*(?:[a-z][ \t]?=[ \t]?\d|\(?[a-z][ \t]?,[ \t]?[a-z]\)?[ \t]?∈[ \t]?[A-Z])[ \t]*")


def stacked_sums(text: str) -> str:
    """A sum typeset with its limits above and below it, as a layout-keeping PDF export prints it (``2`` over
    ``X`` over the equation's line, ``i=1`` under it), set on the equation's line where its column is blank:
    ``Σ i=1..2`` (or ``Σ_(x,y)∈D``), as plain text writes a sum. Only where the lower limit is there, under Σ."""
    if "\n" not in text or not _BIG_SUM.search(text):
        return text
    lines = text.split("\n")
    for k in range(len(lines) - 2):
        if not _BIG_SUM.fullmatch(lines[k]):
            continue
        col = len(lines[k]) - len(lines[k].lstrip())
        eq, below = lines[k + 1], lines[k + 2]
        if "=" not in eq or len(eq) <= col + 1 or eq[max(0, col - 1):col + 2].strip() \
                or not _LIMIT.fullmatch(below) or abs(len(below) - len(below.lstrip()) - col) > 6:
            continue
        lower = re.sub(r"[ \t]+", "", below)
        above = lines[k - 1].strip() if k and re.fullmatch(r"[ \t]*\d[ \t]*", lines[k - 1]) else ""
        limits = f" {lower}..{above} " if "=" in lower and above else f"_{lower} "
        lines[k + 1] = f"{eq[:col].rstrip()} Σ{limits}{eq[col:].lstrip()}"
        lines[k] = lines[k + 2] = ""
        if above:
            lines[k - 1] = ""
    return "\n".join(lines)


_ROW = re.compile(r"\[([^\[\]\n]*)\][ \t]*$")
# a column vector drawn with tall brackets, as a terminal's pretty printer draws one: "⎡ a ⎤" / "⎢ b ⎥" / "⎣ c ⎦"
_TALL = {"⎡": re.compile(r"⎡([^⎡⎤\n]*)⎤"), "⎢": re.compile(r"⎢([^⎢⎥\n]*)⎥"), "⎣": re.compile(r"⎣([^⎣⎦\n]*)⎦")}
_MOST_ROWS = 8
_SUM_LIMIT = re.compile(r"[ \t]*(?:\d{1,2}|[A-Za-z]|[a-z][ \t]?=[ \t]?\d)[ \t]*")


def tall_brackets(text: str) -> str:
    """Vectors drawn with tall brackets over several lines (``⎡w1⎤`` / ``⎢w2⎥ ← ⎢w2⎥ - α ⎢∂L/∂w2⎥`` / ``⎣w3⎦``), set
    on the line that holds the formula's operators as ``[w1; w2; w3]``; a sum drawn on that line with its limits
    above and below its ``∑`` (``2`` over ``∑`` over ``i=1``) as ``Σ i=1..2``. Only where every line of the block
    holds the same vectors in the same columns and nothing else but those limits lies outside them."""
    if "⎡" not in text or "⎣" not in text:
        return text
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        end = k + 1
        while end < len(lines) and end - k <= _MOST_ROWS and "⎢" in lines[end] and "⎣" not in lines[end]:
            end += 1
        if "⎡" not in lines[k] or end >= len(lines) or "⎣" not in lines[end] \
                or (block := _vectors(lines[k:end + 1])) is None:
            k += 1
            continue
        main, built = block
        lines[k:end + 1] = ["" if n != main else built for n in range(end + 1 - k)]
        k = end + 1
    return "\n".join(lines)


def _vectors(block: list[str]) -> tuple[int, str] | None:
    """(the index of the block's formula line, that line with its vectors and sums set on it), or None."""
    kinds = ["⎡"] + ["⎢"] * (len(block) - 2) + ["⎣"]
    found = [list(_TALL[kind].finditer(line)) for kind, line in zip(kinds, block, strict=True)]
    if not found[0] or any(len(f) != len(found[0]) for f in found) or any(
            abs(m.start() - top.start()) > 2 for f in found for m, top in zip(f, found[0], strict=True)):
        return None
    outside = [_blanked(line, f) for line, f in zip(block, found, strict=True)]
    main = next((n for n, o in enumerate(outside) if re.search(r"[=←]|:=|<-", o)), len(block) // 2)
    sums = [m.start() for m in re.finditer(r"[∑Σ]", outside[main])]
    for n, rest in enumerate(outside):
        if n == main:
            continue
        for m in re.finditer(r"\S+", rest):
            if not any(abs(m.start() - c) <= 3 for c in sums) or not _SUM_LIMIT.fullmatch(m.group()) \
                    or abs(n - main) != 1:
                return None  # words or a formula beside the vectors: left as drawn
    built, pos = "", 0
    for i, m in enumerate(found[main]):
        rows = [" ".join(f[i].group(1).split()) for f in found]
        if not all(rows):
            return None
        built += _with_limits(outside, main, outside[main][pos:m.start()], pos) + f"[{'; '.join(rows)}]"
        pos = m.end()
    return main, built + _with_limits(outside, main, outside[main][pos:], pos)


def _blanked(line: str, found: list[re.Match[str]]) -> str:
    for m in found:
        line = line[:m.start()] + " " * (m.end() - m.start()) + line[m.end():]
    return line


def _with_limits(outside: list[str], main: int, piece: str, start: int) -> str:
    """``piece`` of the formula line (from column ``start``) with each ``∑`` carrying the limits drawn over and
    under it (on the block's lines ``outside`` its vectors)."""
    def limit(n: int, col: int) -> str:
        if not 0 <= n < len(outside):
            return ""
        near = [m for m in re.finditer(r"\S+", outside[n]) if abs(m.start() - col) <= 3]
        return re.sub(r"[ \t]+", "", near[0].group()) if near else ""

    def summed(m: re.Match[str]) -> str:
        col = start + m.start()
        upper, lower = limit(main - 1, col), limit(main + 1, col)
        return f"Σ {lower}..{upper} " if "=" in lower and upper else f"Σ_{lower} " if lower else "Σ "
    return re.sub(r"[∑Σ]", summed, piece)


def bracket_columns(text: str) -> str:
    """A column vector drawn in plain text, its entries in brackets on lines under each other (``[ a ]`` over
    ``[ b ]`` over ``[ c ]``, the formula's line holding the first or a middle one), set on that line as
    ``[a; b; c]``. Only where the lines above and under it hold nothing but their bracket, in the same column."""
    if "[" not in text or "\n" not in text:
        return text
    lines = text.split("\n")
    k = 0
    while k < len(lines) - 1:
        first = _ROW.search(lines[k])
        if first is None or "=" not in lines[k][:first.start()]:
            k += 1
            continue
        col, rows, j = first.start(), [first.group(1).strip()], k + 1
        while j < len(lines) and len(lines[j]) > col and not lines[j][:col].strip() \
                and (m := _ROW.fullmatch(lines[j], col)) is not None:
            rows.append(m.group(1).strip())
            j += 1
        top = k  # rows above the formula's line too: its vector drawn with the formula on a middle row
        while top > 0 and len(lines[top - 1]) > col and not lines[top - 1][:col].strip() \
                and (m := _ROW.fullmatch(lines[top - 1], col)) is not None:
            rows.insert(0, m.group(1).strip())
            top -= 1
        if len(rows) >= 2:
            lines[k] = f"{lines[k][:col]}[{'; '.join(rows)}]"
            for r in [*range(top, k), *range(k + 1, j)]:
                lines[r] = ""
        k = j
    return "\n".join(lines)


_BAR = re.compile(r"[-─—–_]{3,}|──")  # (two box rules: "dσ" over "──" over "du")
_BAR_LINE = re.compile(r"(?P<pre>[^\n]*?)(?P<bar>[-─—–_]{3,}|──)(?P<post>[^\n]*)")
_GOES_ON_AFTER = re.compile(r"[ \t]*(?:[=·⋅*×+−.,;]|\(\d{1,2}\)[ \t]*$|$)")


def dash_fractions(text: str) -> str:
    """A fraction drawn in plain text with a bar of dashes (``exp(-u)`` over ``---------`` over ``(1+exp(-u))²``),
    set on one line as ``(exp(-u))/((1+exp(-u))²)``, with the equation's left side from the bar's line or the top
    line (``dσ/du =  exp(-u)``). Only inside an equation: a rule under a heading or a table's head is left alone."""
    if "---" not in text and "──" not in text and "___" not in text and "———" not in text:
        return text
    lines = text.split("\n")
    for k in range(1, len(lines) - 1):
        line = lines[k]
        if len(_BAR.findall(line)) > 1 and "|" not in line and len(line) <= 200:
            _fractions_in_a_row(lines, k)  # "dσ₁/du" drawn beside "e^{-u}/(1 + e^{-u})²": each bar its own fraction
            continue
        if len(_BAR.findall(line)) != 1 or "|" in line or len(line) > 200:
            continue
        m = _BAR_LINE.fullmatch(line)
        if m is None or not _GOES_ON_AFTER.match(m.group("post")):
            continue
        a, b = m.start("bar"), m.end("bar")
        above, below = lines[k - 1], lines[k + 1]
        up = _raised(lines[k - 2], above, a, b) if k >= 2 else None  # "  -u" over "  e"
        down = _raised(below, lines[k + 2], a, b) if k + 2 < len(lines) else None
        raised_above, raised_below = up is not None, down is not None
        above, below = up or above, down or below
        if "|" in above + below or _BAR.search(above + below):
            continue
        top, bottom = _over_bar(above, a, b), _over_bar(below, a, b)
        if top is None or bottom is None or bottom[0] or not top[1] or not bottom[1]:
            continue
        (left, num), (_, den) = top, bottom
        if not _words_math(num) or not _words_math(den):
            continue  # "(exact form, no simplification)" under an underlined result: a remark, no denominator
        pre = m.group("pre").strip()
        if pre and (left.strip() or not pre.endswith("=")):
            continue
        lead = pre or left
        if not lead.endswith("=") and not m.group("post").strip().startswith("="):
            continue  # no equation: a heading's rule, a table's
        side = m.group("pre").rstrip() if pre else left  # with its line's indent
        post = re.sub(r"[ \t]{2,}", " ", m.group("post").rstrip())  # "-----   =      w3 * …": drawn art's spacing
        lines[k - 1] = f"{side} ({num})/({den}){post}"
        lines[k] = lines[k + 1] = ""
        if raised_above:
            lines[k - 2] = ""
        if raised_below:
            lines[k + 2] = ""
        after = k + (3 if raised_below else 2)
        if after < len(lines) and _GOES_ON_BELOW.match(lines[after]):  # "                · σ1(x1)(1 − σ1(x1)) x"
            lines[k - 1] = f"{lines[k - 1].rstrip()} {lines[after].strip()}"  # under the fraction: its line goes on
            lines[after] = ""
    return "\n".join(lines)


_GOES_ON_BELOW = re.compile(r"[ \t]{4,}[·⋅×*+−][ \t]*\S")


_BETWEEN_BARS = re.compile(r"[ \t=·⋅*×+−(),]*")  # between fractions drawn in a row: operators and brackets


def _fractions_in_a_row(lines: list[str], k: int) -> None:
    """Several fractions drawn side by side on the bar line ``k`` (``dσ₁`` over ``───`` over ``du``, then ``=``, then
    ``e`` under ``-u`` over ``───────`` over ``(1 + e)`` under ``-u 2``), set on one line as ``(dσ₁)/(du) =
    (e^{-u})/((1 + e^{-u})^{2})``, the lines used blanked. Each bar owns the columns up to halfway to its
    neighbours; every bar needs a top and a bottom there, what lies between the bars on the bar's line is operators
    and brackets only, and nothing lies on the other lines outside the bars' columns: anything else is left as it
    is (a table, a diagram, words)."""
    line = lines[k]
    bars = [(m.start(), m.end()) for m in _BAR.finditer(line)]
    pre, post = line[:bars[0][0]], line[bars[-1][1]:]
    if not _GOES_ON_AFTER.match(post) or re.search(r"\S", pre) and not re.fullmatch(r"[ \t]*[=·⋅*×(][ \t]*", pre):
        return
    gaps = [line[b:a] for (_, b), (a, _) in zip(bars, bars[1:], strict=False)]
    if not all(_BETWEEN_BARS.fullmatch(g) for g in gaps):
        return
    cuts = [max(0, bars[0][0] - 3), *((b + a) // 2 for (_, b), (a, _) in zip(bars, bars[1:], strict=False)), 10_000]
    rows = {j: lines[j] for j in range(max(0, k - 2), min(len(lines), k + 3)) if j != k}
    if any(rows[j][:cuts[0]].strip() for j in rows):
        return  # words or a left side beside the fractions' tops or bottoms
    used: set[int] = set()
    pieces = []
    for n in range(len(bars)):
        part = {j: row[cuts[n]:cuts[n + 1]] for j, row in rows.items()}
        top = _stacked_piece(part.get(k - 2, ""), part.get(k - 1, ""), k - 2, k - 1, used)
        bottom = _stacked_piece(part.get(k + 1, ""), part.get(k + 2, ""), k + 1, k + 2, used, below=True)
        if top is None or bottom is None:
            return
        pieces.append(f"{top}/{bottom}" if top in ("d", "∂") else f"({top})/({bottom})")
    out = pre.rstrip() + " " if pre.strip() else pre
    for n, piece in enumerate(pieces):
        out += piece + (" " + " ".join(gaps[n].split()) + " " if n < len(gaps) else "")
    out = re.sub(r"[ \t]+", " ", out.rstrip()) + " " + " ".join(post.split())
    indent = line[:len(line) - len(line.lstrip())]
    lines[k] = indent + out.strip()
    for j in used:
        lines[j] = ""


def _stacked_piece(first: str, second: str, i: int, j: int, used: set[int], below: bool = False) -> str | None:
    """A fraction's top (lines ``first``, ``second`` above its bar: a line of powers over the top, or the top
    alone) or bottom (``below``: the bottom alone, or a line of powers over it), as one phrase; None when there is
    none or it is no formula. The lines it takes are added to ``used``."""
    near, far = (first, second) if below else (second, first)
    near_i, far_i = (i, j) if below else (j, i)
    if not near.strip():
        return None
    if far.strip():
        raised = _with_powers(near, far.ljust(len(near))) if below else _with_powers(far, near.ljust(len(far)))
        if raised is None:
            return None
        used.update((near_i, far_i))
        phrase = " ".join(raised.split())
    else:
        used.add(near_i)
        phrase = " ".join(near.split())
    return phrase if _words_math(phrase) and not _BAR.search(phrase) else None


# a derivative's top alone on its line, its bottom opening the next: "dσ1" then "du = σ1(u)(1 − σ1(u))." (a PDF's
# text layer in reading order, the fraction's bar lost)
# (not where a lone formula follows: ``𝑑𝜎1`` / ``𝑑𝑢= 𝑒−𝑢`` / ``(1 + 𝑒−𝑢)2`` sets the answer's numerator beside the
# derivative's bottom, and its denominator under them: whether the lines are read right, a person decides)
_SPLIT_DERIVATIVE = re.compile(
    r"(?m)^(?P<top>[ \t]*(?:\([a-h]\)[ \t]*|\((?:i{1,3}|iv)\)[ \t]*)?[d∂][^\W\d_][\w′']{0,4})[ \t]*\n"
    r"[ \t]*(?P<bottom>[d∂][^\W\d_][\w′']{0,4})(?=[ \t]*=[^\n]*=[ \t]*$|[ \t]*=[^=\n]*\S[^\n]*"
    r"(?:\n[ \t]*(?:\(?[a-h]\)|\(?(?:i{1,3}|iv)\)|[^\W\d_]{3,}\b(?![(_])|[d∂][^\W\d_]|[^\n]*=|[·⋅×*+−]|$)|\Z))")
_SUM_SIGN = re.compile(r"[ \t]*[∑Σ][ \t]*")
_UPPER = re.compile(r"[ \t]*(?:\d{1,2}|[A-Za-z]|\|D\|)[ \t]*")
_LOWER = re.compile(r"[ \t]*(?:[a-z][ \t]?=[ \t]?\d|[a-z]|\(?[a-z][ \t]?,[ \t]?[a-z]\)?[ \t]?∈[ \t]?[A-Z]"
                    r"|[a-z][ \t]?∈[ \t]?[A-Z])[ \t]*")
_OPEN_END = re.compile(r"(?:[=+\-−·*×(]|\b\d{1,2})[ \t]*$")


def reading_order_sums(text: str) -> str:
    """A PDF's text layer in reading order: a derivative split over two lines (``dσ1`` / ``du = …``) set as
    ``dσ1/du = …``, and a typeset sum printed as its upper limit, ``∑`` and its lower limit on lines of their own
    (``2`` / ``∑`` / ``i=1``) set as ``Σ i=1..2`` on one line with the summand after it and the equation
    before it (when that line is open: it ends with ``=``, an operator or a factor)."""
    if "\n" not in text:
        return text
    if "d" in text or "∂" in text:
        text = _SPLIT_DERIVATIVE.sub(lambda m: f"{m.group('top')}/{m.group('bottom')}", text)
    lines = text.split("\n")
    if "=" in text:
        lines = _fractions_after_equals(lines)
    if "∑" not in text and "Σ" not in text:
        return "\n".join(lines)
    out: list[str] = []
    k = 0
    while k < len(lines):
        if not _SUM_SIGN.fullmatch(lines[k]) or k + 2 >= len(lines) or not _LOWER.fullmatch(lines[k + 1]):
            out.append(lines[k])
            k += 1
            continue
        upper = out.pop().strip() if out and _UPPER.fullmatch(out[-1]) and len(out) >= 2 else ""
        lower = re.sub(r"[ \t]+", "", lines[k + 1])
        limits = f" {lower}..{upper} " if "=" in lower and upper else f"_{lower} "  # as stacked_sums writes them
        end = _summand_end(lines, k + 2)
        summed = f"Σ{limits}{' '.join(line.strip() for line in lines[k + 2:end])}"
        if out and _OPEN_END.search(out[-1]):
            out[-1] = f"{out[-1].rstrip()} {summed}"
        else:
            out.append(summed)
        k = end
    return "\n".join(out)


def _raised(up: str, base: str, a: int, b: int) -> str | None:
    """``base`` with the powers set on the line ``up`` above it raised onto it (``e`` under ``-u``: ``e^{-u}``),
    when ``up`` holds nothing but powers over a fraction bar's columns ``a`` to ``b``; None otherwise."""
    if not up.strip() or not _POWER_LINE.fullmatch(up) or not base.strip():
        return None
    if any(m.start() < a - 1 or m.end() > b + 2 for m in re.finditer(r"\S+", up)):
        return None
    return _with_powers(up, base.ljust(len(up)))  # (a hand-typed power may sit a few columns past its base)


def _over_bar(line: str, a: int, b: int) -> tuple[str, str] | None:
    """(what is left of the bar, what is over it) on a line above or below a bar in columns ``a`` to ``b``: its
    phrases (words one space apart) that reach into those columns; None when a phrase lies right of them."""
    left, over = "", []
    for m in _PHRASE.finditer(line):
        if m.end() <= a:
            left = line[:m.end()]
        elif m.start() >= b:
            return None
        else:
            over.append(m.group())
    return left, " ".join(over)


def _summand_end(lines: list[str], first: int) -> int:
    """The index after a summand's last line: its first line, then short pieces of formula one a line (``2`` /
    ``(`` / ``fw(x(i)) −y(i))`` / ``∇wfw(x(i)),``) up to one that ends with a comma or full stop, holds an
    equals sign, is the upper limit of the next sum, or is a number alone (a page's number, not a factor)."""
    end = first + 1
    while end < min(len(lines), first + 8) and "=" not in lines[end - 1] \
            and not re.search(r"[.,;][ \t]*$", lines[end - 1]) and "=" not in lines[end] \
            and (lines[end].strip() in "()[]" or _words_math(lines[end])) and lines[end].strip() \
            and not re.fullmatch(r"[ \t]*\d{1,3}[ \t]*", lines[end]) \
            and not (end + 1 < len(lines) and _SUM_SIGN.fullmatch(lines[end + 1])):
        end += 1
    return end


_LEADING_OPERATOR = re.compile(r"[ \t]*[=+\-−·*×/]")


def _fractions_after_equals(lines: list[str]) -> list[str]:
    """``… =`` / ``exp(−u)`` / ``(1 + exp(−u))2 .``: an equation's last side a fraction, its numerator and
    denominator on the two lines after it (and nothing more of the formula after them), set on the equation's
    line as ``… = (exp(−u))/((1 + exp(−u))2)``. Only a short numerator over a bracket or a short denominator: a
    long product wrapped onto two lines (``w3 σ2(x2)(1 − σ2(x2)) w2`` / ``σ1(x1)(1 − σ1(x1)) x``) is no fraction."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if line.rstrip().endswith("=") and k + 2 < len(lines) and all(
                _words_math(lines[j]) and "=" not in lines[j] and not _LEADING_OPERATOR.match(lines[j])
                and re.search(r"\w", lines[j]) and not re.match(r"[ \t]*(?:`{3}|~{3})", lines[j])
                for j in (k + 1, k + 2)) and not re.search(r"[+\-−·*×/]\s*$", lines[k + 1]) \
                and "/" not in lines[k + 1] and _fraction_pair(lines[k + 1].strip(), lines[k + 2].strip()) \
                and _formula_ends(lines, k + 3):
            den, stop = _denominator(lines[k + 2])
            out.append(f"{line.rstrip()} ({lines[k + 1].strip()})/({den}){stop}")
            k += 3
            continue
        if k + 1 < len(lines) and (top := _NUMERATOR_AFTER_EQUALS.fullmatch(line)) is not None \
                and _denominator_below(top, lines[k + 1]) and _formula_ends(lines, k + 2):
            den, _ = _denominator(lines[k + 1])
            out.append(f"{top.group('lead')}({top.group('top').strip()})/({den})")
            k += 2
            continue
        out.append(line)
        k += 1
    return out


def _formula_ends(lines: list[str], k: int) -> bool:
    """Whether nothing of the formula follows at line ``k``: the end, a blank line, words or a part's label."""
    return k >= len(lines) or not lines[k].strip() or not _words_math(lines[k]) \
        or bool(_LABEL.match(lines[k]) or _LABELLED.match(lines[k]))


def _denominator(line: str) -> tuple[str, str]:
    """A denominator's line without its closing punctuation, and that punctuation."""
    end = re.search(r"[ \t]*[.,;]?[ \t]*$", line)
    return line[:end.start() if end else len(line)].strip(), end.group().strip() if end else ""


# "     = e−u" / "       (1 + e−u)2": a fraction whose bar the export lost, its numerator on the equals sign's line
_NUMERATOR_AFTER_EQUALS = re.compile(r"(?P<lead>[ \t]*=[ \t]*)(?P<top>[^=\s][^=]{0,15}?)[ \t]*")


def _denominator_below(top: re.Match[str], below: str) -> bool:
    """Whether the line under ``= numerator`` is its denominator: math alone, set at or after the numerator's
    column, no operator leading it on, and a fraction's shape (a short top over a bracket or a short bottom)."""
    indent = len(below) - len(below.lstrip(" \t"))
    return indent >= top.start("top") and "=" not in below and _words_math(below) \
        and not _LEADING_OPERATOR.match(below) and _fraction_pair(top.group("top").strip(), below.strip())
