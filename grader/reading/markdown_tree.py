"""A Markdown report as blocks and math spans with offsets into its text, read by markdown-it.

markdown-it gives the structure (headings, lists, paragraphs, tables, code fences, block
quotes); its math plugins do not scale to hostile text (an unclosed ``$$`` or
``\\begin{align}`` makes every later line search to the end), so display math, ``\\[ \\]``,
LaTeX environments and ``\\( \\)`` are read by our own rules, which find closing markers
through a table built once per document: reading stays linear in the text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.dollarmath import dollarmath_plugin

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


def _block_rule(opener: str, closer: str, allow_blank: bool):  # noqa: ANN202
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


def _inline_rule(opener: str, closer: str):  # noqa: ANN202
    def rule(state: StateInline, silent: bool) -> bool:
        if not state.src.startswith(opener, state.pos):
            return False
        failed: dict[tuple[int, str], int] = state.env.setdefault("_inline_failed", {})
        key = (id(state.src), closer)
        start = state.pos + len(opener)
        if key in failed and failed[key] <= start:
            return False
        end = state.src.find(closer, start)
        if end < 0:
            failed[key] = start
            return False
        if not silent:
            token = state.push("math_inline", "math", 0)
            token.markup = opener
            token.content = state.src[start:end]
        state.pos = end + len(closer)
        return True

    return rule


def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table").disable("code")
    md.use(dollarmath_plugin, allow_space=True, allow_digits=True, double_inline=True, allow_labels=False)
    md.block.ruler.disable("math_block")  # replaced by the linear rules below
    alt = {"alt": ["paragraph", "reference", "blockquote", "list"]}
    md.block.ruler.before("fence", "dollar_display", _block_rule("$$", "$$", False), alt)
    md.block.ruler.before("fence", "bracket_display", _block_rule("\\[", "\\]", False), alt)
    md.block.ruler.before("fence", "env_display", _block_rule("env", "", True), alt)
    md.inline.ruler.before("escape", "bracket_inline", _inline_rule("\\(", "\\)"))
    md.inline.ruler.before("escape", "bracket_display_inline", _inline_rule("\\[", "\\]"))
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
    at = lambda line: min(starts[min(line, len(starts) - 1)], len(text))  # noqa: E731
    blocks: list[Block] = []
    maths: list[MathSpan] = []
    tokens = _MD.parse(text)
    item_at: dict[int, int] = {}  # first line of a list item -> where its content starts
    depth = 0
    for i, tok in enumerate(tokens):
        if tok.type in ("ordered_list_close", "bullet_list_close"):
            depth -= 1
        if tok.map is None and tok.type != "inline":
            continue
        if tok.type == "heading_open":
            begin, end = at(tok.map[0]), at(tok.map[1])
            content = begin + len(text[begin:end]) - len(text[begin:end].lstrip(" \t>#"))
            blocks.append(Block("heading", begin, end, content, level=len(tok.markup) if tok.markup[0] == "#" else
                                (1 if tok.markup[0] == "=" else 2)))
        elif tok.type == "list_item_open":
            begin, end = at(tok.map[0]), at(tok.map[1])
            line = text[begin:end]
            m = re.match(r"[ \t>]*(?:\d{1,9}[.)]|[-*+])[ \t]*", line)
            blocks.append(Block("item", begin, end, begin + (m.end() if m else 0), level=depth, number=tok.info))
            item_at[tok.map[0]] = begin + (m.end() if m else 0)
        elif tok.type in ("ordered_list_open", "bullet_list_open"):
            depth += 1
        elif tok.type in ("paragraph_open", "tr_open"):
            begin, end = at(tok.map[0]), at(tok.map[1])
            kind = "paragraph" if tok.type == "paragraph_open" else "row"
            blocks.append(Block(kind, begin, end, item_at.get(tok.map[0], begin)))
        elif tok.type == "fence" and tok.info.strip().lower() in MATH_FENCES:
            begin, end = at(tok.map[0]), at(tok.map[1])
            first = text.find("\n", begin, end)
            start = end if first < 0 else first + 1
            stop = text.rfind(tok.markup, start, end)
            span = MathSpan(start, stop if stop >= start else end, "display")
            blocks.append(Block("math", begin, end, span.start))
            maths.append(span)
        elif tok.type == "fence":
            begin, end = at(tok.map[0]), at(tok.map[1])
            blocks.append(Block("code", begin, end, begin))
        elif tok.type == "display_math":
            begin, end = at(tok.map[0]), at(tok.map[1])
            span = _display_span(text, begin, end, tok.markup, tok.info)
            blocks.append(Block("math", begin, end, span.start))
            maths.append(span)
        elif tok.type == "inline" and tok.map is not None:
            _inline_math(text, at(tok.map[0]), at(tok.map[1]), tok.children or [], maths)
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


def _inline_math(text: str, begin: int, end: int, children: list, maths: list[MathSpan]) -> None:
    """Inline math children located in the source, left to right (markdown-it keeps no offsets)."""
    cursor = begin
    for child in children:
        if child.type not in ("math_inline", "math_inline_double"):
            continue
        opener = child.markup
        found = text.find(opener + child.content, cursor, end)
        if found < 0:
            continue
        start = found + len(opener)
        cursor = stop = start + len(child.content)
        if stop - start >= 2 and text[start] == "`" and text[stop - 1] == "`":  # GitLab/GFM $`…`$
            start, stop = start + 1, stop - 1
        maths.append(MathSpan(start, stop, "inline"))
