"""Reports in other document formats, turned into the Markdown the reader already understands.

Each format's own structure is read the way that format defines it: its headings become ``#``
headings, its lists Markdown lists, its tables pipe tables, its math markup ``$…$`` or ``$$…$$``
and its code blocks fences; what only styles the page (options, attributes, comments, figures)
is dropped. The math inside is left as written: the math reader reads it. Markdown itself comes
in dialects (MkDocs admonitions and tabs, Quarto callouts and labels, MyST directives, Pandoc grid
tables, knitr output) whose markup is made plain Markdown here too.
"""
from __future__ import annotations

import re
from collections.abc import Callable

SUFFIXES = (".rst", ".org", ".adoc", ".asciidoc", ".typ", ".qmd", ".rmd", ".html", ".htm")


def format_of(name: str) -> str | None:
    """The format a report's file name says (``report.rst`` -> "rst"), or None for Markdown or plain text."""
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    return {".rst": "rst", ".org": "org", ".adoc": "adoc", ".asciidoc": "adoc", ".typ": "typst",
            ".qmd": "quarto", ".rmd": "quarto", ".html": "html", ".htm": "html"}.get(suffix)


def to_markdown(text: str, kind: str | None) -> str:
    """The report as Markdown: ``kind`` is a :func:`format_of` name, None for Markdown or plain text."""
    from grader.reading.formats_html import html_markdown
    from grader.reading.formats_light import adoc_markdown, org_markdown, rst_markdown
    from grader.reading.formats_typst import typst_markdown

    convert: dict[str, Callable[[str], str]] = {
        "rst": rst_markdown, "org": org_markdown, "adoc": adoc_markdown, "typst": typst_markdown,
        "html": html_markdown, "quarto": knitr_output}
    if kind in convert:
        text = convert[kind](text)
    return markdown_dialects(text)


_ADMONITION = re.compile(r'^(?P<indent>[ \t]*)(?:(?:!!!|\?\?\?\+?)[ \t]+(?=[\w"])|===\+?[ \t]+(?="))(?P<rest>.*)$')
_DIV = re.compile(r"^[ \t]*:{3,}[ \t]*(?:\{[^}\n]*\}|[\w-]+)?[ \t]*(?:\S.*)?$")
_MATH_LABEL = re.compile(r"^([ \t]*\$\$)[ \t]*(?:\([\w:.-]+\)|\{#[\w:.-]+\})[ \t]*$", re.M)
_MYST_MATH = re.compile(r"^([ \t]*)(`{3,}|:{3,})\{(?:math|eval-rst)\}[^\n]*$", re.M)


def markdown_dialects(text: str) -> str:
    """Markdown dialects' block markup made plain Markdown.

    MkDocs ``!!! note "Title"``, ``??? tip`` and ``=== "Tab"`` hold a body indented four spaces
    (which Markdown would read as code): the title becomes a line of its own, the body is dedented.
    Quarto and MyST ``:::`` fenced divs keep their body and lose their fences; an equation label
    after a display's closing ``$$`` (``$$ (eq-1)``, ``$$ {#eq-1}``) is dropped; a MyST ``{math}``
    directive is a ``math`` fence; Pandoc grid tables become pipe tables.
    """
    if "!!!" in text or "???" in text or '=== "' in text:
        text = _admonitions(text)
    if ":::" in text:
        text = "\n".join("" if _DIV.match(ln) and "{math}" not in ln else ln for ln in text.split("\n"))
    text = _MATH_LABEL.sub(r"\1", text)
    text = re.sub(r"(\$\$)[ \t]*\{#[\w:.-]+\}", r"\1", text)
    if "{math}" in text or "{eval-rst}" in text:
        text = _myst_math(text)
    if "\n+-" in "\n" + text:
        text = grid_tables(text)
    return text


def _admonitions(text: str) -> str:
    lines, out, body = text.split("\n"), [], -1
    for ln in lines:
        m = _ADMONITION.match(ln)
        if m and len(m.group("indent")) <= 8:
            body = len(m.group("indent").expandtabs(4)) + 4
            title = re.sub(r"^[\w-]+(?:\s+inline(?:\s+end)?)?\s*", "", m.group("rest")) \
                if not m.group("rest").startswith('"') else m.group("rest")
            out.append(m.group("indent") + title.strip().strip('"'))
            out.append("")
            continue
        if body >= 0 and ln.strip() and len(ln.expandtabs(4)) - len(ln.expandtabs(4).lstrip()) >= body:
            out.append(ln.expandtabs(4)[4:])
            continue
        if ln.strip():
            body = -1
        out.append(ln)
    return "\n".join(out)


def _myst_math(text: str) -> str:
    """```` ```{math} ```` (or ``:::{math}``) with its ``:label:`` options: a ``math`` fence."""
    out, fence = [], ""
    for ln in text.split("\n"):
        m = _MYST_MATH.match(ln)
        if m and not fence:
            fence = m.group(2)
            out.append(m.group(1) + "```math")
            continue
        if fence and re.match(r"^[ \t]*:[\w-]+:", ln):
            continue
        if fence and ln.strip().startswith(fence) and not ln.strip().strip(fence[0]):
            fence = ""
            out.append(ln.replace(ln.strip(), "```"))
            continue
        out.append(ln)
    return "\n".join(out)


_BORDER = re.compile(r"^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")


def grid_tables(text: str) -> str:
    """A grid table (``+---+---+`` borders, ``| a | b |`` rows, ``+===+`` under the head) as a pipe table:
    each row line a row, a delimiter row after the first row, the borders dropped."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if not _BORDER.match(lines[i]) or i + 1 >= len(lines) or not lines[i + 1].lstrip().startswith("|"):
            out.append(lines[i])
            i += 1
            continue
        columns = lines[i].strip().count("+") - 1
        rows, i = [], i + 1
        while i < len(lines) and (lines[i].lstrip().startswith("|") or _BORDER.match(lines[i])):
            if not _BORDER.match(lines[i]):
                rows.append(lines[i].strip())
            i += 1
        out.extend(pipe_rows([[c.strip() for c in r.strip("|").split("|")] for r in rows], columns))
    return "\n".join(out)


def pipe_rows(rows: list[list[str]], columns: int = 0) -> list[str]:
    """Rows of cells as a Markdown pipe table (the first row its head), with blank lines around it."""
    if not rows:
        return []
    columns = columns or max(len(r) for r in rows)
    lines = ["| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in r) + " |" for r in rows]
    return ["", lines[0], "|" + "---|" * columns, *lines[1:], ""]


_KNITR = re.compile(r"^(`{3,})[ \t]*\n((?:##(?: [^\n]*)?\n)+)\1[ \t]*$", re.M)


def knitr_output(text: str) -> str:
    """R Markdown and Quarto print a chunk's output as a plain fence of ``## `` lines: what the report
    shows as its result, so read as text (a line of names above a line of values stays a table)."""
    return _KNITR.sub(lambda m: "\n".join(ln[3:] for ln in m.group(2).rstrip("\n").split("\n")), text)
