"""Math as a TA sees it: alignment environments cut into rows, markup that is not math removed.

``\\begin{align*} a &= b \\\\ &= c \\end{align*}`` (also ``aligned`` inside ``$$``, gather,
multline, equation, eqnarray) is two rows, ``a = b`` and ``= c``; ``&``, ``\\label{}``,
``\\tag{}``, ``\\nonumber`` are dropped; presentation around an answer (``\\boxed{…}``,
``\\textcolor{red}{…}``, ``\\color{blue}``) is unwrapped. Matrices and ``cases`` keep their ``&`` and ``\\\\``.
Each row stays a span of the original text; :func:`clean` removes the markup when read.
"""
from __future__ import annotations

import re

ALIGNING = {"align", "aligned", "gather", "gathered", "multline", "split", "eqnarray", "flalign", "alignat",
            "alignedat", "equation", "displaymath", "math"}
_TOKEN = re.compile(r"\\(?:begin|end)\{([A-Za-z]+)\*?\}|\\\\|\\[A-Za-z]+\*?|\\.|[{}&]")
_DROP_ARG = ("\\label", "\\tag", "\\tag*", "\\intertext", "\\shortintertext", "\\phantom", "\\hphantom",
             "\\vphantom", "\\vspace", "\\vspace*")  # (room kept for what is never seen; a horizontal gap is a gap)
_GAP_ARG = ("\\hspace", "\\hspace*", "\\mspace")  # "A \hspace{2cm} B": a gap, as \qquad is
_DROP = ("\\nonumber", "\\notag", "\\qedhere", "\\displaystyle", "\\hfill", "\\MoveEqLeft", "\\mathstrut")
# wrappers a TA looks through: (command, arguments that are colours or options, dropped, before the math)
_WRAPPERS = {"\\boxed": 0, "\\fbox": 0, "\\framebox": 0, "\\textcolor": 1, "\\colorbox": 1, "\\fcolorbox": 2,
             "\\bbox": 0, "\\bm": 0, "\\boldsymbol": 0, "\\mathbf": 0, "\\pmb": 0, "\\cancelto": 1,
             "\\underline": 0, "\\overline": 0, "\\color": 1, "\\highlight": 0, "\\hl": 0,
             "\\alert": 0, "\\structure": 0,  # (Beamer's highlights, with or without an overlay: \alert<2>{…})
             "\\cancel": 0, "\\bcancel": 0, "\\xcancel": 0}  # "\frac{\cancel{1}+e^{-u}-\cancel{1}}{…}": terms
# that cancel, still there (a side struck whole is withdrawn: layout.not_struck)
_WRAPPER = re.compile(r"\\(?:boxed|fbox|framebox|textcolor|colorbox|fcolorbox|bbox|bm|boldsymbol|mathbf|pmb|cancelto"
                      r"|[bx]?cancel"
                      r"|underline|overline|color|highlight|hl|alert|structure)(?![A-Za-z])")
_NOT_CANCEL = re.compile(r"(?!\\[bx]?cancel(?![A-Za-z]))" + _WRAPPER.pattern)
_SPACING = re.compile(r"\s*\[\s*-?\d*\.?\d*\s*(?:pt|em|ex|mm|cm)?\s*\]")


def _aligning(stack: list[str]) -> bool:
    return not stack or stack[-1] in ALIGNING


def _equations(text: str, start: int, end: int) -> bool:
    """Whether every row of a ``cases`` starting at ``start`` is an equation (not a piecewise value and its case)."""
    close = text.find("\\end{cases}", start, end)
    body = text[start:close if close >= 0 else end]
    parts = [p for p in re.split(r"\\\\", body) if p.strip()]
    return bool(parts) and all(_ASSIGNS.search(p.split("&")[0]) and not _CASE_WORDS.search(p) for p in parts)


_ASSIGNS = re.compile(r"=|\\leftarrow|\\gets|←")  # "w_1 \\leftarrow w_1 - α…": an update, as an equation


_CASE_WORDS = re.compile(r"\\(?:text|mbox)\s*\{\s*(?:if|for|otherwise)")  # "… & \text{if } x > 0": a piecewise case


def rows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The rows of the math in ``text[start:end]``: cut at ``\\\\`` outside matrices, cases and braces; a ``cases``
    that is the whole display and holds equations (``\\begin{cases} h_1 = w_1x, & s_1 = \\sigma(h_1) \\\\ …``) is a
    list of definitions set in a brace: each row, and each equation beside another after ``&``, its own."""
    out: list[tuple[int, int]] = []
    stack: list[str] = []
    depth, row, brace = 0, start, False
    skip = start
    for m in _TOKEN.finditer(text, start, end):
        tok = m.group()
        if m.start() < skip:
            continue
        if tok in _PHYSICS_MATRICES and (close := matrix_close(text, m.end(), end)) > 0:
            skip = close  # \mqty(a \\ b): the physics package's matrix, its rows no rows of the display
        elif tok == "{":
            depth += 1
        elif tok == "}":
            depth = max(depth - 1, 0)
        elif tok.startswith("\\begin"):
            stack.append(m.group(1))
            if stack == ["cases"] and not text[row:m.start()].strip() and _equations(text, m.end(), end):
                row, brace = m.end(), True
        elif tok.startswith("\\end"):
            if stack:
                stack.pop()
            if brace and not stack:
                out.append((row, m.start()))
                row, brace = m.end(), False
        elif tok == "\\\\" and depth == 0 and (_aligning(stack) or brace):
            out.append((row, m.start()))
            row = m.end()
        elif tok in ("\\intertext", "\\shortintertext") and depth == 0 and _aligning(stack):
            out.append((row, m.start()))  # words set between two rows end the row before them, with or without
            row = m.start()  # its \\ (the words are dropped from the next row when it is read)
        elif tok == "&" and depth == 0 and brace and "=" in text[row:m.start()]:
            out.append((row, m.start()))
            row = m.end()
    out.append((row, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


# the physics package's matrices: \mqty(…), \pmqty{…}, \bmqty{…}, \mqty[…], \vmqty{…}
_PHYSICS_MATRICES = ("\\mqty", "\\pmqty", "\\bmqty", "\\vmqty", "\\Bmqty", "\\smqty")
_OPENING = {"(": ")", "[": "]", "{": "}"}


def matrix_close(text: str, i: int, end: int) -> int:
    """Where a physics matrix whose command ends at ``i`` closes (just after its closing bracket), or -1 when no
    bracket opens there or none closes it before ``end``."""
    while i < end and text[i] in " \t\n":
        i += 1
    if i >= end or text[i] not in _OPENING:
        return -1
    opening, closing, depth = text[i], _OPENING[text[i]], 0
    for j in range(i, min(end, i + 5_000)):
        if text[j] == opening and text[j - 1] != "\\":
            depth += 1
        elif text[j] == closing and text[j - 1] != "\\":
            depth -= 1
            if depth == 0:
                return j + 1
    return -1


_CANCELLED = re.compile(r"(?P<sign>[-−+]?)\s*\\[bx]?cancel\s*\{(?P<term>(?:[^{}]|\{[^{}]*\}){0,200})\}")


def _cancel_in_pairs(piece: str) -> bool:
    """Whether every cancelled term stands once added and once taken away ("\\cancel{1}+e^{-u}-\\cancel{1}"): terms
    that cancel, whose values may stay; a factor cancelled alone or twice over is struck out."""
    signs: dict[str, list[bool]] = {}
    for m in _CANCELLED.finditer(piece[:5000]):
        signs.setdefault(re.sub(r"\s+", "", m.group("term")), []).append(m.group("sign") in ("-", "−"))
    return bool(signs) and all(len(s) == 2 and s[0] != s[1] for s in signs.values())


def unwrap(piece: str) -> str:
    """``\\boxed{a = b}`` -> ``a = b``; ``\\textcolor{red}{x}`` -> ``x``; ``\\color{red} x`` -> ``x``: the
    frame, colour or weight a student puts on an answer is not part of it."""
    wrapper = _WRAPPER if "cancel" in piece and _cancel_in_pairs(piece) else _NOT_CANCEL  # a \cancel{x} that no
    # opposite term cancels is struck out: read by a person (terms cancel in pairs: "\cancel{1}+e^{-u}-\cancel{1}")
    for _ in range(50):  # each pass removes one wrapper; 50 is more than any report nests
        piece = _outer_group(piece)
        m = wrapper.search(piece)
        if m is None:
            return piece
        name, end = m.group(), m.end()
        if piece.startswith("<", end) and 0 < (shut := piece.find(">", end, end + 20)):
            end = shut + 1  # a slide's overlay: \alert<2>{…} is shown from the second step on
        if name == "\\bbox" or name == "\\framebox":
            end = _option_end(piece, end)
        first = end
        for _arg in range(_WRAPPERS[name]):
            end = _group_end(piece, end)
        hidden = name in ("\\color", "\\textcolor") and _INVISIBLE.fullmatch(piece[first:end].strip())
        if name == "\\color":  # "{\\color{white} …}": what follows to the group's end is not on the page
            close = _group_close(piece, end) if hidden else end
            piece = piece[:m.start()] + " " + piece[close:]
            continue
        inner_end = _group_end(piece, end)
        if inner_end == end:  # no braced argument: drop the command alone
            piece = piece[:m.start()] + " " + piece[end:]
            continue
        body_start = piece.index("{", end) + 1
        if name == "\\cancelto":  # "\\cancelto{0}{term}": the term struck to the value written over it
            kept = piece[piece.index("{", m.end()) + 1:end - 1]
        else:
            kept = "" if hidden else piece[body_start:inner_end - 1]
        piece = piece[:m.start()] + " " + kept + " " + piece[inner_end:]
    return piece


# a colour the page does not show: text set in it is hidden from the reader, so from the grader too
_INVISIBLE = re.compile(r"\{\s*(?:white|#?fff(?:fff)?|rgb\s*\(\s*255\s*,\s*255\s*,\s*255\s*\)|transparent)\s*\}",
                        re.IGNORECASE)


def _group_close(text: str, i: int) -> int:
    """Where the brace group around ``i`` closes (the ``}`` itself), or the text's end."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            if depth == 0:
                return j
            depth -= 1
    return len(text)


def _outer_group(piece: str) -> str:
    """``{ a = b }`` -> ``a = b``: braces around the whole row group nothing."""
    text = piece.strip()
    if text.startswith("{") and _group_end(text, 0) == len(text):
        return text[1:-1]
    return piece


def _option_end(text: str, i: int) -> int:
    """The end of a ``[…]`` option at ``i`` (``\\bbox[border]{…}``), or ``i`` when there is none."""
    j = i
    while j < len(text) and text[j] in " \t":
        j += 1
    if j < len(text) and text[j] == "[":
        close = text.find("]", j)
        return close + 1 if close > 0 else i
    return i


# full-width punctuation of Chinese, Japanese and Korean input methods, inside math: the ASCII it stands for
_FULL_WIDTH = str.maketrans({"，": ", ", "；": "; ", "：": ": ", "（": "(", "）": ")", "＝": "="})


# an equals sign with a reason or a step's name set over it ("\stackrel{\text{chain}}{=}", "\overset{(1)}{=}",
# "\overset{!}{=}"); not a definition's ("def", ":", "\triangle") nor a doubt's "?", which are read as they are
_NAMED_EQUALS = re.compile(r"\\(?:stackrel|overset)\s*\{(?![^{}]{0,40}(?:def|\?|:|\\triangle))"
                           r"(?:[^{}]|\{[^{}]*\}){0,200}\}\s*\{\s*=\s*\}")


_LENGTH = re.compile(r"\{\s*(\d*\.?\d+)\s*(pt|mm|cm|in|em|ex|mu|bp|pc)\s*\}")
_EM = {"pt": 1 / 10, "bp": 1 / 10, "mm": 1 / 3.5, "cm": 1 / 0.35, "in": 7.2, "em": 1, "ex": 0.5, "mu": 1 / 18,
       "pc": 1.2}  # roughly, in em


def _wide(argument: str) -> bool:
    """Whether a horizontal space is a gap between two formulas (an em or more), not spacing inside one."""
    m = _LENGTH.match(argument.strip())
    return m is None or float(m.group(1)) * _EM[m.group(2)] >= 1


def clean(piece: str) -> str:
    """A row without alignment markup: ``&``, ``\\label{..}``, ``\\tag{..}``, ``\\nonumber``, ``\\begin{align}``."""
    piece = unwrap(piece).translate(_FULL_WIDTH)
    if "set{" in piece or "rel{" in piece:
        piece = _NAMED_EQUALS.sub(" = ", piece)  # "\stackrel{\text{chain rule}}{=}": an equals sign with its reason
    out: list[str] = []
    stack: list[str] = []
    m_space = _SPACING.match(piece)  # "\\[4pt]": the spacing argument of the row break before this row
    last = skip_until = m_space.end() if m_space else 0
    for m in _TOKEN.finditer(piece, last):
        if m.start() < skip_until:
            continue
        tok, drop_to = m.group(), -1
        if tok.startswith(("\\begin", "\\end")):
            name = m.group(1)
            if tok.startswith("\\begin"):
                stack.append(name)
            elif stack:
                stack.pop()
            if name in ALIGNING:
                drop_to = _group_end(piece, m.end()) if name in ("alignat", "alignedat") else m.end()
        elif tok in ("&", *_DROP):
            drop_to = m.end() if tok != "&" or _aligning(stack) else -1
        elif tok in _DROP_ARG or tok in _GAP_ARG:
            drop_to = _group_end(piece, m.end())
        elif tok in ("\\eqno", "\\leqno"):  # plain TeX's equation number: the rest of the display
            drop_to = len(piece)
        if drop_to >= 0:
            wide = tok in _GAP_ARG and _wide(piece[m.end():drop_to])
            out.append(piece[last:m.start()] + (" \\qquad " if wide else " "))
            last = skip_until = drop_to
    out.append(piece[last:])
    return _LEAD.sub("", "".join(out).strip())


# "\therefore\ \frac{dσ}{du} = …", "\Rightarrow f = …": a connective before the row's equation, not its left side
_LEAD = re.compile(r"^(?:(?:\\(?:therefore|because|Rightarrow|implies|Longrightarrow|iff|to)(?![A-Za-z])|[∴∵⇒⟹])"
                   r"(?:\\[,;:! ]|\\q?quad(?![A-Za-z])|\s)*)+")


def _group_end(text: str, i: int) -> int:
    """The end of the ``{…}`` group at ``i`` (after spaces), or ``i`` when there is none."""
    j = i
    while j < len(text) and text[j] in " \t":
        j += 1
    if j >= len(text) or text[j] != "{":
        return i
    depth = 0
    for k in range(j, len(text)):
        depth += {"{": 1, "}": -1}.get(text[k], 0)
        if depth == 0:
            return k + 1
    return len(text)


_GRAPH_ARROW = re.compile(r"\\(?:long)?(?:to|rightarrow|mapsto)\b|→|⟶|↦|->")


def graph_steps(piece: str) -> list[str]:
    """A graph written as one formula, ``x \\to x_1 = w_1x \\to σ_1(x_1) \\to … \\to f = w_3σ_2(x_2)``: two or
    more arrows between equations are steps of the graph, each its own statement (not one equation whose first
    side is ``x \\to x_1`` and whose last is ``w_3σ_2(x_2)``)."""
    if "=" not in piece or len(_GRAPH_ARROW.findall(piece)) < 2:
        return [piece]
    cuts, depth = [], 0
    for i, c in enumerate(piece):
        depth += (c in "{([") - (c in "})]")
        if depth == 0 and (m := _GRAPH_ARROW.match(piece, i)):
            cuts.append((i, m.end()))
    if len(cuts) < 2:
        return [piece]
    out, start = [], 0
    for a, b in cuts:
        out.append(piece[start:a])
        start = b
    out.append(piece[start:])
    return [p.strip() for p in out if p.strip()]
