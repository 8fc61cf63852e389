"""Markup a hand-in left open, closed where a reader sees it end.

A LaTeX ``\\begin{align}`` whose ``\\end`` was forgotten, or a Markdown code fence never closed, swallows the rest
of the text when read by the book: every later part disappears into one display or one code block. A TA reading
the page sees the structure go on: the next ``\\subsection``, ``\\item`` or display, the next bold part label or
heading after a blank line, ends what was left open. Only markup left open is touched; a text whose markup pairs
up comes back unchanged.
"""
from __future__ import annotations

import re

# displays that never nest in one another (their inner environments, aligned/cases/pmatrix, are not listed)
_DISPLAYS = {"equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*", "eqnarray",
             "eqnarray*", "flalign", "flalign*", "alignat", "alignat*", "displaymath"}
_TEX_TOKEN = re.compile(r"\\begin\{([a-zA-Z*]{1,20})\}|\\end\{([a-zA-Z*]{1,20})\}"
                        r"|\\(?:sub){0,2}section\*?\{|\\paragraph\*?\{|\\item\b|\\end\{document\}"
                        r"|(?m:^)(?:\*{1,6}|#{1,6})[ \t]+\S")  # (an Org or Markdown heading ends a display too)
MAX_TOKENS = 20_000


def closed_displays(text: str) -> str:
    """LaTeX displays left open closed before the next display, sectioning command, item or heading."""
    if "\\begin{" not in text:
        return text
    out: list[str] = []
    last = 0
    open_env: str | None = None
    for count, m in enumerate(_TEX_TOKEN.finditer(text)):
        if count > MAX_TOKENS:
            break
        begun, ended = m.group(1), m.group(2)
        if ended is not None and ended == open_env:
            open_env = None
        elif open_env is not None and (begun in _DISPLAYS or begun is None and ended is None
                                       or ended in _DISPLAYS or ended == "document"):
            out.append(text[last:m.start()] + f"\\end{{{open_env}}}\n")  # (left open: it ends here)
            last = m.start()
            open_env = None
        if begun in _DISPLAYS:
            open_env = begun
    return "".join(out) + text[last:] if out else text


_FENCE = re.compile(r"[ \t]{0,3}(?:`{3,}|~{3,})")
# what ends a fence left open: a part's bold label or a heading, after a blank line
_RESUMES = re.compile(r"[ \t]*(?:\*\*\(?[a-h]\)|\*\*\(?(?:i{1,3}|iv)\)|#{2,6}[ \t]+\S|\*\*(?:Problem|Part|Aufgabe)\b)")


def closed_fences(text: str) -> str:
    """Markdown code fences left open closed before the next part label or heading that follows a blank line."""
    if "```" not in text and "~~~" not in text:
        return text
    lines = text.split("\n")
    inside: str | None = None
    out: list[str] = []
    for k, line in enumerate(lines):
        fence = _FENCE.match(line)
        if fence is not None and fence.group().strip()[0] in line[fence.end():]:
            fence = None  # ("~~~ DL hw3 ~~~": a title set between tildes, or a line struck through: no fence)
        if inside is not None and fence is None and k and not lines[k - 1].strip() and _RESUMES.match(line):
            out.append(inside)  # (the prose goes on: the fence above was left open)
            inside = None
        elif fence is not None:
            mark = fence.group().strip()
            if inside is None:
                inside = mark[0] * len(mark)
            elif mark.startswith(inside[0]) and len(mark) >= len(inside) and not line[fence.end():].strip():
                inside = None
        out.append(line)
    return "\n".join(out)


_ORG_BLOCK = re.compile(r"[ \t]*#\+(begin|end)_(\w{1,20})", re.IGNORECASE)
_ORG_HEADING = re.compile(r"\*{1,8}[ \t]+\S")


def closed_org_blocks(text: str) -> str:
    """Org blocks (``#+begin_src``) left open closed before the next heading."""
    if "#+" not in text.lower():
        return text
    out: list[str] = []
    inside: str | None = None
    for line in text.split("\n"):
        block = _ORG_BLOCK.match(line)
        if inside is not None and block is None and _ORG_HEADING.match(line):
            out.append(f"#+end_{inside}")  # (the outline goes on: the block above was left open)
            inside = None
        elif block is not None:
            inside = block.group(2) if block.group(1).lower() == "begin" else None
        out.append(line)
    return "\n".join(out)
