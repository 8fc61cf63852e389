"""A notebook saved as a script, as the Markdown the reader understands.

Jupytext's percent format (what VS Code, Spyder and "Download .py" of some notebook services write) keeps a
notebook in a ``.py`` file: ``# %% [markdown]`` opens a text cell whose lines are comments (``# ## (b) …``),
``# %%`` a code cell. A MATLAB live script exported as a ``.m`` file does the same with ``%%`` sections and
``% `` text lines. A student hands one in as the written report: its text cells are the report, its code
cells are fenced code (where the network's class may be). A script without those markers is a program, never
a report (:func:`is_script_notebook`).
"""
from __future__ import annotations

import re

_PY_MARKDOWN = re.compile(r"(?m)^#[ \t]*%%[ \t]*\[markdown\]")
_PY_CELL = re.compile(r"^#[ \t]*%%(?P<md>[ \t]*\[markdown\])?.*$")
_M_SECTION = re.compile(r"^%%(?:[ \t]+(?P<title>.*))?$")
_M_TEXT = re.compile(r"^%(?:[ \t](?P<text>.*))?$")
MIN_TEXT_CELLS = 2


def is_script_notebook(text: str, suffix: str) -> bool:
    """Whether a ``.py`` or ``.m`` file is a notebook (two text cells or more), not a program."""
    head = text[:200_000]
    if suffix == ".py":
        return len(_PY_MARKDOWN.findall(head)) >= MIN_TEXT_CELLS
    if suffix == ".m":
        sections = sum(1 for line in head.split("\n") if _M_SECTION.match(line))
        texts = sum(1 for line in head.split("\n") if line.startswith("% ") and re.search(r"[A-Za-z]{3,}", line))
        return sections >= MIN_TEXT_CELLS and texts >= 3
    return False


def script_markdown(text: str, suffix: str) -> str:
    """The notebook's text cells as Markdown and its code cells as fenced code, in order."""
    return _percent_markdown(text) if suffix == ".py" else _live_script_markdown(text)


def _percent_markdown(text: str) -> str:
    """Text cells as text; a code cell fenced, then its whole-line comments as text, as a notebook's code cell is
    read ("# (d)  d out/d w3 = h2" above the code that computes it is a written answer)."""
    out: list[str] = []
    said: list[str] = []
    markdown, fenced = False, False
    for line in _without_header(text.split("\n")):
        cell = _PY_CELL.match(line)
        if cell is not None:
            if fenced:
                out.extend(["```", "", *said, ""] if said else ["```"])
                said = []
            markdown, fenced = cell.group("md") is not None, cell.group("md") is None
            out.append("" if markdown else "```python")
            continue
        if markdown:
            out.append(re.sub(r"^#[ \t]?", "", line) if line.startswith("#") else line)
        else:
            out.append(line)
            if (comment := _COMMENT_LINE.match(line)) is not None:
                said.append(undecorated(comment.group(1)))
    if fenced:
        out.extend(["```", "", *said] if said else ["```"])
    return "\n".join(out)


_RULED = re.compile(r"[-=#*~_ \t]{3,}(\S.{0,80}?)[ \t]*[-=#*~_]{3,}[ \t]*")


def undecorated(comment: str) -> str:
    """A comment's title without the rules drawn around it: "---- (b) -----" is "(b)"."""
    m = _RULED.fullmatch(comment)
    return m.group(1) if m is not None else comment


_COMMENT_LINE = re.compile(r"^[ \t]*#(?![!%@])[ \t]?(.*)$")  # not a shebang, a magic or a form's markup


def _without_header(lines: list[str]) -> list[str]:
    """Jupytext's metadata header (``# ---`` … ``# ---`` at the top) is no text of the hand-in."""
    if lines and lines[0].strip() == "# ---":
        end = next((k for k in range(1, min(len(lines), 200)) if lines[k].strip() == "# ---"), None)
        if end is not None:
            return lines[end + 1:]
    return lines


def _live_script_markdown(text: str) -> str:
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        section = _M_SECTION.match(line)
        said = _M_TEXT.match(line) if section is None else None
        if (section is not None or said is not None) and fenced:
            out.append("```")
            fenced = False
        if section is not None:
            title = (section.group("title") or "").strip()
            out.append(f"## {title}" if title else "")
        elif said is not None:
            out.append(said.group("text") or "")
        elif line.strip():
            if not fenced:
                out.append("```matlab")
                fenced = True
            out.append(line)
        elif not fenced:
            out.append(line)
    if fenced:
        out.append("```")
    return "\n".join(out)
