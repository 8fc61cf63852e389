"""A page in Confluence's wiki markup (a team or lab wiki's export, pasted as text) as Markdown.

``h2. Title`` is a heading, ``{mathinline}…{mathinline}`` and ``{mathblock}…{mathblock}`` (the LaTeX math
macros) are ``$…$`` and ``$$…$$``, ``||head||head||`` and ``|cell|cell|`` are a table's rows, ``# item`` a numbered
item (not a heading), ``{{x}}`` monospace; panels (``{info}``, ``{note}``, …) are kept as their text, a table of
contents and pictures (``!graph.png|width=480!``) are left out.
"""
from __future__ import annotations

import re

from grader.reading.formats import pipe_rows

_HEADING = re.compile(r"^[ \t]*h([1-6])\.[ \t]+", re.M)
# (a macro's name in monospace, "{{mathinline}}", names it: it opens no formula)
_MACRO_MATH = re.compile(r"(?<!\{)\{(mathinline|mathblock|latex|math)(?::[^{}\n]*)?\}(?!\})(.*?)(?<!\{)\{\1\}(?!\})",
                         re.DOTALL)
_PANEL = re.compile(r"\{(?:info|note|tip|warning|panel|expand|quote|noformat)(?::[^{}\n]*)?\}")
_DROP = re.compile(r"\{(?:toc|anchor|children|excerpt)(?::[^{}\n]*)?\}"
                   r"|![^!\s][^!\n]*\.(?:png|jpe?g|gif|svg)(?:\|[^!\n]*)?!", re.IGNORECASE)
# *bold*, not a list's "* "; a product's star between spaces inside it ("*σ1(u) * (1 − σ1(u))*") is no mark of its own
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)((?:[^*\n]|(?<=[ \t])\*(?=[ \t])){1,300}?)(?<=\S)\*(?![\w*])")
# Redmine's and Textile's "@code@": a formula set in monospace ("@∂f/∂w3 = σ(x2)@") is read as the formula it shows
_AT_CODE = re.compile(r"(?<![\w@])@(?=[^\s@])([^@\n]{1,300}?)(?<=\S)@(?![\w@])")
# Confluence's -strikethrough- (a dash at each end, after a space and before one: not a minus, not a hyphen)
_STRUCK = re.compile(r"(?<![\w\-~])-(?=[^\s\-])([^\n]{1,200}?)(?<=[^\s\-])-(?![\w\-])")
_SUBSCRIPT = re.compile(r"(?<=\S)~([^\s~]{1,12})~")  # w~3~: a ~subscript~
_FORMULA = re.compile(r"(\$\$[\s\S]*?\$\$|\$[^$\n]*\$)")
_MONO = re.compile(r"\{\{(.*?)\}\}")
_NUMBERED = re.compile(r"^([ \t]*)(#+)[ \t]+", re.M)
_MARKS = re.compile(r"^[ \t]*h[1-6]\.[ \t]|\{math(?:inline|block)\}|^\|\|.*\|\|[ \t]*$"
                    r"|(?<![`:])\{(?:info|note|code|panel|toc)\b(?!-)", re.M)  # (not MyST's "```{note}", "{code-cell}")


def is_confluence(text: str) -> bool:
    """Two or more of Confluence's marks: ``h2.`` headings, its math macros, ``||`` head rows, its panels."""
    return len({m.group()[:4] for m in _MARKS.finditer(text[:200_000])}) >= 2


def confluence_markdown(text: str) -> str:
    text = _MACRO_MATH.sub(lambda m: f"\n$$\n{m.group(2).strip()}\n$$\n" if m.group(1) == "mathblock" else
                           f"${m.group(2).strip()}$", text)
    text = _MONO.sub(r"`\1`", _DROP.sub("", _PANEL.sub("\n", text)))
    text = _AT_CODE.sub(lambda m: m.group(1) if "=" in m.group(1) else f"`{m.group(1)}`", text) if "@" in text else text
    text = _BOLD.sub(r"**\1**", text)
    if "-" in text or "~" in text:  # outside its formulas: "-struck-", "w~3~" (a "^" there is a power, as typed)
        text = "".join(p if k % 2 else _STRUCK.sub(r"~~\1~~", _SUBSCRIPT.sub(r"_{\1}", p))
                       for k, p in enumerate(_FORMULA.split(text)))
    text = _HEADING.sub(lambda m: "#" * int(m.group(1)) + " ", text)
    counts: dict[int, int] = {}

    def numbered(m: re.Match[str]) -> str:
        depth = len(m.group(2))
        counts[depth] = counts.get(depth, 0) + 1
        for deeper in [d for d in counts if d > depth]:
            del counts[deeper]
        return f"{m.group(1)}{'   ' * (depth - 1)}{counts[depth]}. "

    lines, out = _NUMBERED.sub(numbered, text).split("\n"), []
    rows: list[list[str]] = []
    head = False  # the table's first row is its head ("||Quantity||Dimension||")
    for line in lines + [""]:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            head = head if rows else stripped.startswith("||")
            rows.append([c.strip() for c in re.split(r"\|\|?", stripped.strip("|"))])
            continue
        if rows:
            out += pipe_rows(rows, head=head)
            rows = []
        out.append(line)
    return "\n".join(out)
