"""Student text as data: every renderer shows it through these, so it can never add structure.

A hand-in's answers, file names, claims and notebook cells reach report.md, summary.md,
the gradebook and the console. Line breaks, backticks, ``<!--``, HTML tags, headings and
table pipes in that text must not add a score line, hide part of a report or invent a
section; rich markup in it must never be parsed; a spreadsheet must never run it.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from rich.text import Text

MAX_SHOWN = 2000
# CommonMark lets every ASCII punctuation character be backslash-escaped; these are the ones that can
# open or close an inline construct (emphasis, code, links, images, HTML, entities, table cells)
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|!~#])")
# and these only at the start of a line: headings, lists, quotes, setext underlines, ordered lists
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def one_line(text: Any, limit: int = MAX_SHOWN) -> str:
    """The text on one line: control, line- and paragraph-separator and bidi characters become spaces."""
    s = str(text)
    if len(s) > limit:
        s = s[:limit] + " …"
    out = []
    for ch in s:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Zl", "Zp") or (cat == "Cf" and ch not in "\u200c\u200d"):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def md_text(text: Any, limit: int = MAX_SHOWN) -> str:
    """Inline Markdown that shows ``text`` literally (also inside a table cell)."""
    s = _MD_INLINE.sub(r"\\\1", one_line(text, limit))
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if m.group(2)[0] in "#+-=>"
                              else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], s, count=1)


def md_code(text: Any, limit: int = MAX_SHOWN) -> str:
    """A code span that shows ``text`` literally: its fence is longer than any run of backticks in it."""
    s = one_line(text, limit).replace("|", "\\|")  # a table splits cells at | even inside code (GFM)
    if not s.strip():
        return "(empty)"
    longest = max((len(r) for r in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s[0] in "` " or s[-1] in "` " else ""  # CommonMark strips one space from each side
    return f"{fence}{pad}{s}{pad}{fence}"


def console_text(text: Any, style: str = "", limit: int = MAX_SHOWN) -> Text:
    """A rich Text (never parsed as markup) on one line, without terminal control sequences."""
    return Text(one_line(text, limit), style=style)


def formula_guard(text: str) -> str:
    """``text`` with a leading ``'`` where a spreadsheet would run it as a formula; numbers (``-2.5``) and a
    lone ``-`` stay as they are."""
    if text.lstrip().startswith(_FORMULA_START) and text != "-" and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def csv_cell(value: Any) -> str:
    """A gradebook cell a spreadsheet shows as text: no formula, no line break."""
    raw = str(value)
    s = one_line(raw, 4000)
    return "'" + s if raw.startswith(_FORMULA_START) and not s.startswith("'") else formula_guard(s)
