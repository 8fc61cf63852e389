"""A Markdown report as blocks and math spans with offsets into its text, read by markdown-it.

markdown-it gives the block structure (headings, lists, paragraphs, tables, code fences, block
quotes). The math plugins of mdit-py-plugins do not scale to hostile text (an unclosed ``$$``
or ``\\begin{align}`` makes every later line search to the end, and the pure-Python inline
pass reads a megabyte in seconds), so display math, ``\\[ \\]`` and LaTeX environments are
read by our own block rules, which find closing markers through a table built once per
document, and inline math by one scan per paragraph: reading stays linear in the text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.ruler import RuleOptionsType
from markdown_it.rules_block import StateBlock

ENVIRONMENTS = ("equation", "align", "gather", "multline", "alignat", "flalign", "eqnarray", "aligned",
                "gathered", "split", "displaymath", "math")
MATH_FENCES = ("math", "katex", "latex-math")
_ENV_OPEN = re.compile(r"\\begin\{(" + "|".join(ENVIRONMENTS) + r")(\*?)\}")


@dataclass(frozen=True)
class Block:
    """One block of the report. ``content``: where its text starts (after ``#``, a list marker, ``$$``).

    kind: heading, paragraph, item (a list item), math (display), code, row (a table row).
    ``level``: a heading's level; ``number``: an ordered list item's number.
    """

    kind: str
    start: int
    end: int
    content: int
    level: int = 0
    number: str = ""


@dataclass(frozen=True)
class MathSpan:
    """Math content (delimiters excluded): inline ``$…$``/``\\(…\\)``, display, env or plain text."""

    start: int
    end: int
    kind: str


_ROW_NUMBER = re.compile(r"[ \t]*\|[ \t]*\d{1,3}[ \t]*\|[ \t]*(?=[^\W\d_])")  # a table's "#" column, then words

def _closing_lines(state: StateBlock, marker: str) -> tuple[list[int], list[int]]:
    """(lines whose text ends with ``marker``, blank lines), built once per document and marker."""
    cache: dict[str, Any] = state.env.setdefault("_math_lines", {})
    if marker not in cache:
        ends, blanks = [], []
        for line in range(len(state.eMarks)):
            text = state.src[state.bMarks[line]:state.eMarks[line]].rstrip()
            if text.endswith(marker):
                ends.append(line)
            if not text.strip():
                blanks.append(line)
        cache[marker] = (ends, blanks)
    return cache[marker]


def _block_rule(opener: str, closer: str, allow_blank: bool):
    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        begin = state.bMarks[start_line] + state.tShift[start_line]
        line_end = state.eMarks[start_line]
        first = state.src[begin:line_end].rstrip()
        if opener == "env":
            m = _ENV_OPEN.match(first)
            if not m:
                return False
            marker = f"\\end{{{m.group(1)}{m.group(2)}}}"
        elif first.startswith(opener):
            marker = closer
        else:
            return False
        if opener != "env" and len(first) >= len(opener) + len(closer) and first.endswith(closer):
            last = start_line  # one line: $$ x $$
        else:
            ends, blanks = _closing_lines(state, marker)
            i = bisect.bisect_right(ends, start_line)
            if i == len(ends) or ends[i] >= end_line:
                return False
            last = ends[i]
            if not allow_blank:
                j = bisect.bisect_right(blanks, start_line)
                if j < len(blanks) and blanks[j] < last:
                    return False
        if silent:
            return True
        token = state.push("display_math", "math", 0)
        token.block = True
        token.markup = opener
        token.info = marker
        token.map = [start_line, last + 1]
        state.line = last + 1
        return True

    return rule


def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table").disable("code")
    alt: RuleOptionsType = {"alt": ["paragraph", "reference", "blockquote", "list"]}
    md.block.ruler.before("fence", "dollar_display", _block_rule("$$", "$$", False), alt)
    md.block.ruler.before("fence", "bracket_display", _block_rule("\\[", "\\]", False), alt)
    md.block.ruler.before("fence", "env_display", _block_rule("env", "", True), alt)
    md.core.ruler.disable("inline")  # inline math is found by :func:`inline_math`, in linear time
    return md


_MD = parser()


def line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def read_markdown(text: str) -> tuple[list[Block], list[MathSpan]]:
    """The blocks and math spans of ``text`` (which must use ``\\n`` line ends)."""
    starts = line_starts(text) + [len(text) + 1]

    def at(line: int) -> int:
        return min(starts[min(line, len(starts) - 1)], len(text))

    blocks: list[Block] = []
    maths: list[MathSpan] = []
    tokens = _MD.parse(text)
    item_at: dict[int, int] = {}  # first line of a list item -> where its content starts
    depth = 0
    scanned: set[tuple[int, int]] = set()
    for tok in tokens:
        if tok.type in ("ordered_list_close", "bullet_list_close"):
            depth -= 1
        if tok.map is None:
            continue
        first, last = tok.map
        if tok.type == "heading_open":
            begin, end = at(first), at(last)
            content = begin + len(text[begin:end]) - len(text[begin:end].lstrip(" \t>#"))
            blocks.append(Block("heading", begin, end, content, level=len(tok.markup) if tok.markup[0] == "#" else
                                (1 if tok.markup[0] == "=" else 2)))
        elif tok.type == "list_item_open":
            begin, end = at(first), at(last)
            line = text[begin:end]
            m = re.match(r"[ \t>]*(?:\d{1,9}[.)]|[-*+])[ \t]*", line)
            blocks.append(Block("item", begin, end, begin + (m.end() if m else 0), level=depth, number=tok.info))
            item_at[first] = begin + (m.end() if m else 0)
        elif tok.type in ("ordered_list_open", "bullet_list_open"):
            depth += 1
        elif tok.type in ("paragraph_open", "tr_open"):
            begin, end = at(first), at(last)
            kind = "paragraph" if tok.type == "paragraph_open" else "row"
            numbered = _ROW_NUMBER.match(text, begin, end) if kind == "row" else None  # "| 8 | P2 (a) | …": the
            blocks.append(Block(kind, begin, end, numbered.end() if numbered else item_at.get(first, begin)))  # row's
            # number is no label; its label is in the next cell
        elif tok.type == "fence" and tok.info.strip().lower() in MATH_FENCES:
            begin, end = at(first), at(last)
            first = text.find("\n", begin, end)
            start = end if first < 0 else first + 1
            stop = text.rfind(tok.markup, start, end)
            span = MathSpan(start, stop if stop >= start else end, "display")
            blocks.append(Block("math", begin, end, span.start))
            maths.append(span)
        elif tok.type == "fence":
            begin, end = at(first), at(last)
            blocks.append(Block("code", begin, end, begin))
        elif tok.type == "display_math":
            begin, end = at(first), at(last)
            span = _display_span(text, begin, end, tok.markup, tok.info)
            blocks.append(Block("math", begin, end, span.start))
            maths.append(span)
        elif tok.type == "inline" and (first, last) not in scanned:
            scanned.add((first, last))
            maths.extend(inline_math(text, at(first), at(last)))
    maths.sort(key=lambda s: s.start)
    return blocks, maths


def _display_span(text: str, begin: int, end: int, opener: str, closer: str) -> MathSpan:
    region_end = end
    while region_end > begin and text[region_end - 1] in " \t\n":
        region_end -= 1
    if opener == "env":
        start = begin + len(text[begin:end]) - len(text[begin:end].lstrip(" \t>"))
        return MathSpan(start, region_end, "env")
    start = text.find(opener, begin, end) + len(opener)
    stop = text.rfind(closer, start, region_end + 1)
    return MathSpan(start, stop if stop >= start else region_end, "display")


_INLINE = re.compile(r"\\[\\$`]|\\\(|\\\[|\$\$|\$|`+")
_CLOSER = {"\\(": "\\)", "\\[": "\\]", "$$": "$$", "$": "$"}


def inline_math(text: str, begin: int, end: int) -> list[MathSpan]:
    """``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]`` in ``text[begin:end]`` (code spans skipped).

    One left-to-right scan; a closer searched for and not found is remembered, so a text
    full of unclosed openers is still read in linear time.
    """
    out: list[MathSpan] = []
    missing: dict[str, int] = {}  # closer -> the position from which it no longer occurs
    pos = begin
    while True:
        m = _INLINE.search(text, pos, end)
        if m is None:
            return out
        tok = m.group()
        if tok.startswith("\\") and tok[1] in "\\$`":
            pos = m.end()
            continue
        closer = _CLOSER.get(tok, tok)  # a run of backticks closes with the same run
        start = m.end()
        if missing.get(closer, end + 1) <= start:
            pos = start
            continue
        stop = _find_closer(text, closer, start, end)
        if stop < 0:
            missing[closer] = start
            pos = start
            continue
        if tok.startswith("`"):
            out.extend(_dollars_in_code(text, start, stop))
        elif stop > start:
            a, b = start, stop
            if b - a >= 2 and text[a] == "`" and text[b - 1] == "`":  # GitLab/GFM $`…`$
                a, b = a + 1, b - 1
            out.append(MathSpan(a, b, "display" if tok in ("$$", "\\[") else "inline"))
        pos = stop + len(closer)


def _dollars_in_code(text: str, start: int, stop: int) -> list[MathSpan]:
    """A code span that is only ``$…$`` or ``$$…$$``: math kept from the Markdown pass.

    Slide and site tools (reveal.js, Jekyll, Hugo) have authors wrap KaTeX in backticks so that
    Markdown leaves ``_`` and ``\\`` alone; the span is math, not code.
    """
    a, b = start, stop
    while a < b and text[a] in " \t":
        a += 1
    while b > a and text[b - 1] in " \t":
        b -= 1
    for fence, kind in (("$$", "display"), ("$", "inline")):
        n = len(fence)
        if b - a > 2 * n and text.startswith(fence, a) and text.startswith(fence, b - n) \
                and fence not in text[a + n:b - n]:
            return [MathSpan(a + n, b - n, kind)]
    return []


def _find_closer(text: str, closer: str, start: int, end: int) -> int:
    """The next unescaped ``closer``; a ``$`` closer is not the first half of ``$$``."""
    i = start
    while True:
        i = text.find(closer, i, end)
        if i < 0:
            return -1
        if closer.startswith("$") and i > 0 and text[i - 1] == "\\":
            i += 1
            continue
        if closer == "$" and text.startswith("$$", i) and i == start:
            i += 2
            continue
        return i
