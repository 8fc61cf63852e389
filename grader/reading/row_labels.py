"""Sub-part labels written inside a display, as equation numbers: ``… \\tag{i}``, ``&&\\text{(ii)}``,
``\\quad (i)``, or before a row, ``\\text{(i)}\\ \\ σ'(u) = …``.

Labels are read in the text around displays, so a display that carries its sub-parts' labels is cut
into one display per label, each with the label before it::

    $$\\begin{aligned} σ' &= … = \\frac{e^{-u}}{(1+e^{-u})^2} && \\text{(i)} \\\\
      &= σ(1-σ) && \\text{(ii)} \\end{aligned}$$

becomes ``(i) $$\\begin{aligned} σ' &= … \\end{aligned}$$`` and ``(ii) $$\\begin{aligned} &= σ(1-σ) \\end{aligned}$$``.
A label at the end of a row closes the rows since the last label; a label with the row's formula after it
opens a new piece. Only sub-part numerals (i to vi), alone or after a part letter (``b.ii``, ``(b)(ii)``),
are labels: ``\\tag{3}`` and a data point's ``x^{(i)}`` are not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from grader.reading.labels import ROMAN

_ROMAN = "(?:" + "|".join(sorted(ROMAN, key=len, reverse=True)) + ")"  # longest first: "iii" before "i"
_LABEL = rf"(?:\(?\s*(?P<part>[a-f])\s*\)?\s*[.\-]?\s*)?\(?\s*(?P<sub>{_ROMAN})\s*\)?"
_DASH = r"(?:[—–\-]|\\textemdash|\\textendash)?\s*"
_MARKER = re.compile(
    r"(?:&&?\s*)?(?:\\q?quad|\\hfill|\\[,;! ]|~|\s)*"
    r"(?:\\tag\*?\s*\{\s*" + _LABEL + r"\s*\}"
    r"|\\(?:text|textbf|textit|textup|textrm|mathrm|mathbf)\s*\{\s*" + _DASH
    + r"\((?P<part2>[a-f])?\)?\s*\(?(?P<sub2>" + _ROMAN + r")\)\s*[.:]?\s*\}"
    r"|(?<=[ \t\n&}])\((?P<sub3>" + _ROMAN + r")\)(?![\w}]))"
)
# a bare "(ii)" is a label only where spacing sets it apart (σ_2'(v) and x^{(i)} are no labels)
_SPACED = re.compile(r"(?:\\q?quad|\\hfill|&&|\n|^)[\s~]*$")
_ROW_END = re.compile(r"(?:\s|\\label\s*\{[^{}]*\}|\\nonumber|\\notag|[.,;])*$")
_DISPLAY = re.compile(r"\$\$|(?<!\\)\\\[|\\begin\s*\{(?P<env>(?:align|equation|gather|multline|flalign|eqnarray)\*?)\}")
_SPACING_END = re.compile(r"(?:\\q?quad|\\[,;! ]|~|[\s,;])*$")
_INNER = re.compile(r"^\s*(\\begin\s*\{(aligned|split|gathered|alignedat)\}(?:\{\d+\})?)")


# "(i) is (1), (ii) is (2).", "So (i) is \eqref{eq:bi} and (ii) is \eqref{eq:bii}", "\eqref{eq:b1} answers (i)":
# sub-parts answered by equation numbers or labels set on the rows of a display
_REF = r"(?:eq(?:uation)?\.?\s*|Gl\.\s*)?(?:\((?P<num{n}>\d{{1,2}})\)|\\(?:eq)?ref\s*\{{(?P<ref{n}>[^{{}}]{{1,40}})\}})"
_CROSS_REF = re.compile(
    r"\((?P<sub1>" + _ROMAN + r")\)\s*(?:is|=|:|→|->|⇒|ist|es|est|è|see)?\s*(?:in\s*)?" + _REF.format(n=1)
    + r"|" + _REF.format(n=2) + r"\s*(?:answers|gives|is|=|→|->|for|beantwortet|répond à)\s*"
    + r"\((?P<sub2>" + _ROMAN + r")\)")


def cross_referenced(text: str) -> str:
    """Rows numbered ``(1)`` or labelled ``\\label{eq:bi}`` that a sentence names as sub-part answers take those
    sub-parts' labels (``\\tag{i}``); the sentence's own labels are read no more (they answer nothing there)."""
    if "(i)" not in text:
        return text
    found = list(_CROSS_REF.finditer(text))
    if not found:
        return text
    for m in reversed(found):  # "(i) is (1)" -> " i  is (1)": no label where nothing is answered
        key = "sub1" if m.group("sub1") else "sub2"
        text = f"{text[:m.start(key) - 1]} {m.group(key)} {text[m.end(key) + 1:]}"
    for m in found:
        sub, num, ref = (m.group("sub1"), m.group("num1"), m.group("ref1")) if m.group("sub1") else (
            m.group("sub2"), m.group("num2"), m.group("ref2"))
        if num:
            text = re.sub(rf"(?:\\q?quad|&&|\\hfill)[ \t]*\({num}\)|\\tag\s*\{{{num}\}}", rf"\\tag{{{sub}}}", text)
        elif ref:
            text = text.replace(f"\\label{{{ref}}}", f"\\tag{{{sub}}}")
    return text


# "b) i: e^-u/(1+e^-u)^2 ; ii: s1(u)*(1-s1(u))", "b) i. …   ii. …": two sub-parts answered on one line, the
# second label written as the first, after a semicolon, a comma or a wide gap
_INLINE = re.compile(r"^(?P<head>[^\n]{0,14}?(?:^|(?<=[\s)*]))(?P<o>\(?)i(?P<c>[.:)])[ \t][^\n]*?)"
                     r"(?:[ \t]*[;,][ \t]*|[ \t]{2,})(?=(?P=o)ii(?P=c)[ \t])", re.MULTILINE)


def inline_sub_labels(text: str) -> str:
    """Each sub-part answered on one line with its own label gets a line of its own, where labels are read."""
    if "ii" not in text:
        return text
    return _INLINE.sub(lambda m: m.group("head") + "\n", text)


# "Step 4. … $\frac{d\sigma}{du} = …$. ← (i)", "> $\sigma'(u) = …$ (ii)": a line's answer tagged at its end
_TRAILING = re.compile(r"^(?P<lead>[ \t]*(?:>[ \t]*)*(?:[-*+][ \t]+)?)"
                       r"(?P<body>[^\n]*?(?:\$|\\\)|←|<-|⟵|<==|=)[ \t.,;]*)"
                       r"(?:←|<-|⟵|<==)?[ \t]*(?:\\q?quad\b[ \t]*)*\((?P<sub>" + _ROMAN + r")\)"
                       r"[ \t]*[,.;]?(?:[ \t]*\\q?quad\b)*[ \t]*(?:(?:and|&)(?:[ \t]*\\q?quad\b)*[ \t]*)?$",
                       re.MULTILINE)
# ("$A$ \quad (i), \qquad and \qquad" over "$B$ \quad (ii)."; a TeX source's equation numbers set by hand)


def trailing_sub_labels(text: str) -> str:
    """Sub-part labels set after their lines' formulas, as equation numbers are, are moved before them, where
    labels are read; only where two lines of the text are tagged so with different sub-parts ("as in (i)" at the
    end of a sentence is a reference, not a tag)."""
    if "(i" not in text:
        return text
    found = [m for m in _TRAILING.finditer(text) if "$" in m.group("body") or "←" in m.group(0) or "<-" in m.group(0)]
    if len({m.group("sub") for m in found}) < 2:
        return text
    seen = [m.group("sub") for m in found]
    for k, m in reversed(list(enumerate(found))):
        again = m.group("sub") in seen[:k]  # a sub-part tagged twice: the second line offers another answer
        mark = "or" if again else f"({m.group('sub')})"
        text = f"{text[:m.start()]}{m.group('lead')}{mark} {m.group('body').rstrip()}{text[m.end():]}"
    return text


# a part's letter set far right of a formula's last line, as an equation number is ("   = w3 s2(x2)(1 - s2(x2)) s1(x1)
#         (e)"): the formula's label, not the opening of what follows it
_PART_TAG = re.compile(r"^(?P<body>[ \t]*(?=[^\n]*=)\S[^\n]*?\S)[ \t]{6,}\((?P<part>[a-h])\)[ \t]*$", re.MULTILINE)
MIN_PART_TAGS = 2


def trailing_part_tags(text: str) -> str:
    """Parts' letters set after their formulas as equation numbers are, each moved to the start of its formula's
    first line (up through lines that go on with "="); a letter said again on a later formula is dropped there (the
    part goes on). Only where two or more such tags stand, in the parts' order."""
    if "    (" not in text:
        return text
    found = list(_PART_TAG.finditer(text[:200_000]))
    letters = [m.group("part") for m in found]
    if len(found) < MIN_PART_TAGS or letters != sorted(letters):
        return text
    out, seen = text, set()
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), applied from the end
    for m in found:
        part = m.group("part")
        edits.append((m.end("body"), m.end(), ""))
        if part in seen:
            continue
        seen.add(part)
        start = m.start()
        while start > 0:  # up through the lines that go on with "=" to the formula's first line
            above = text.rfind("\n", 0, start - 1) + 1
            if not re.match(r"[ \t]*=", text[start:m.end()]) or not text[above:start - 1].strip():
                break
            start = above
        indent = len(text[start:]) - len(text[start:].lstrip(" \t"))
        edits.append((start + indent, start + indent, f"({part}) "))
    for begin, end, replacement in sorted(edits, reverse=True):
        out = out[:begin] + replacement + out[end:]
    return out


@dataclass
class _Piece:
    label: str | None
    rows: list[str]


def labels_before_rows(text: str) -> str:
    """``text`` with every display that holds sub-part labels cut into one labelled display per label."""
    if "(i" not in text and "\\tag" not in text and "{i" not in text:
        return text
    out: list[str] = []
    pos = 0
    for m in _DISPLAY.finditer(text):
        if m.start() < pos:
            continue
        close = "$$" if m.group(0) == "$$" else "\\]" if m.group(0) == "\\[" else f"\\end{{{m.group('env')}}}"
        end = text.find(close, m.end())
        if end < 0:
            continue
        body = text[m.end():end]
        pieces = _pieces(body)
        out.append(text[pos:m.start()])
        if pieces is None:
            out.append(text[m.start():end + len(close)])
        else:
            gap = "\n" if m.start() == 0 or text[m.start() - 1] == "\n" else " "
            inner = _INNER.match(body)
            opening = m.group(0) + (inner.group(1) if inner else "")
            closing = (f"\\end{{{inner.group(2)}}}" if inner else "") + close
            out.append("\n".join(
                (f"{p.label}{gap}" if p.label else "") + opening + "\\\\".join(p.rows) + closing
                for p in pieces))
        pos = end + len(close)
    out.append(text[pos:])
    return "".join(out)


def _pieces(body: str) -> list[_Piece] | None:
    """The labelled pieces of a display's body, or None when it holds no label."""
    if not _MARKER.search(body):
        return None
    inner = _INNER.match(body)
    if inner:
        body = body[inner.end():]
        body = body[:body.rfind(f"\\end{{{inner.group(2)}}}")] if f"\\end{{{inner.group(2)}}}" in body else body
    pieces: list[_Piece] = [_Piece(None, [])]
    found = False
    for row in _rows(body):
        rest = row
        while True:
            m = _top_level_marker(rest)
            if m is None:
                if rest.strip():
                    pieces[-1].rows.append(rest)
                break
            found = True
            label = _label(m)
            before, after = rest[:m.start()], rest[m.end():]
            if m.group("sub") is not None or _ROW_END.fullmatch(after):
                if pieces[-1].label not in (None, label):  # "\text{(i)} A \\ B \tag{ii}": the tagged row is (ii)
                    pieces.append(_Piece(None, []))
                if before.strip():  # closes the rows since the last label (a \tag always labels what is before it)
                    pieces[-1].rows.append(before)
                if pieces[-1].label is None and pieces[-1].rows:
                    pieces[-1].label = label
                pieces.append(_Piece(None, []))
                if _ROW_END.fullmatch(after):
                    break
                rest = after
                continue
            if before.strip(" ,;\t\n"):  # opens a new piece: what came before it ends the last one
                pieces[-1].rows.append(_SPACING_END.sub("", before))
            pieces.append(_Piece(label, []))
            rest = after
    pieces = [p for p in pieces if p.rows]
    if not found or not any(p.label for p in pieces):
        return None
    return pieces


def _label(m: re.Match[str]) -> str:
    sub = m.group("sub") or m.group("sub2") or m.group("sub3")
    part = m.group("part") or m.group("part2")
    return f"({part})({sub})" if part else f"({sub})"


def _top_level_marker(row: str) -> re.Match[str] | None:
    """The first marker outside any braces of the row (a label inside a fraction is no label)."""
    for m in _MARKER.finditer(row):
        if _depth(row, m.start()) == 0 and (m.group("sub3") is None or _SPACED.search(row[:m.start("sub3") - 1])):
            return m
    return None


def _depth(text: str, pos: int) -> int:
    depth = 0
    i = 0
    while i < pos:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        depth += (c == "{") - (c == "}")
        i += 1
    return depth


def _rows(body: str) -> list[str]:
    """The rows of a display body: split at ``\\\\`` outside braces and nested environments."""
    rows, start, depth, env, i = [], 0, 0, 0, 0
    while i < len(body):
        if body.startswith("\\begin", i):
            env += 1
        elif body.startswith("\\end", i):
            env -= 1
        if body.startswith("\\\\", i):
            if depth == 0 and env == 0:
                rows.append(body[start:i])
                start = i + 2
            i += 2
            continue
        if body[i] == "\\":
            i += 2
            continue
        depth += (body[i] == "{") - (body[i] == "}")
        i += 1
    rows.append(body[start:])
    return rows
