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

SUFFIXES = (".rst", ".org", ".adoc", ".asciidoc", ".typ", ".qmd", ".rmd", ".html", ".htm", ".wiki", ".mediawiki",
            ".textile", ".dj", ".djot", ".eml", ".lyx", ".rtf", ".csv", ".tsv", ".json", ".yaml", ".yml",
            ".toml", ".ini", ".cfg", ".mmd", ".markdown", ".livemd",  # (Mathpix, Livebook, ".markdown": Markdown)
            ".mdx", ".mkd", ".mdown", ".mkdn",  # (MDX, a documentation site's Markdown with components; other names)
            ".ms", ".me", ".mom", ".roff", ".groff", ".xhtml", ".xml", ".fodt", ".dbk", ".tm", ".opml", ".mm",
            ".excalidraw", ".tldr", ".zpln", ".texi", ".texinfo", ".txi", ".pod", ".man", ".t", ".tr", ".nroff",
            ".troff", ".scrbl", ".t2t", ".enex", ".mht", ".mhtml",  # (note apps' exports, single-file web pages)
            ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9")


def format_of(name: str) -> str | None:
    """The format a report's file name says (``report.rst`` -> "rst"), or None for Markdown or plain text."""
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    return {".rst": "rst", ".org": "org", ".adoc": "adoc", ".asciidoc": "adoc", ".typ": "typst",
            ".qmd": "quarto", ".rmd": "quarto", ".html": "html", ".htm": "html", ".wiki": "wiki",
            ".mediawiki": "wiki", ".textile": "textile", ".dj": "djot", ".djot": "djot", ".eml": "mail",
            ".lyx": "lyx", ".rtf": "rtf", ".csv": "csv", ".tsv": "csv", ".json": "json", ".yaml": "yaml",
            ".mdx": "mdx", ".yml": "yaml", ".enex": "enex", ".mht": "mail", ".mhtml": "mail", ".toml": "toml",
            ".ini": "ini", ".cfg": "ini", ".ms": "roff", ".me": "roff",
            ".mom": "roff", ".roff": "roff", ".groff": "roff", ".xhtml": "html", ".xml": "xml", ".fodt": "xml",
            ".dbk": "xml", ".tm": "texmacs", ".opml": "xml", ".mm": "xml",
            ".excalidraw": "json", ".tldr": "json", ".zpln": "json", ".texi": "texinfo", ".texinfo": "texinfo",
            ".txi": "texinfo", ".scrbl": "scribble", ".t2t": "txt2tags",
            ".pod": "pod", ".man": "roff", ".t": "roff", ".tr": "roff", ".nroff": "roff", ".troff": "roff",
            **{f".{n}": "roff" for n in range(1, 10)}}.get(suffix)


# MDX's module lines: "import Tabs from '@theme/Tabs';", "export const meta = {…}" (its components stay as HTML)
_MDX_MODULE_LINE = re.compile(r"(?m)^(?:import[ \t][^\n]{0,300}?from[ \t]*['\"][^'\"\n]{1,200}['\"];?"
                              r"|import[ \t]*['\"][^'\"\n]{1,200}['\"];?"
                              r"|export[ \t]+(?:const|default|function)\b[^\n]{0,300})[ \t]*$")


# a tab's title, set as its attribute: "<TabItem value="sigma" label="(ii) with σ">" shows "(ii) with σ" over it
_LABELLED_TAB = re.compile(r"<(?:TabItem|Tab|Tabs\.Tab|Accordion|AccordionItem|Details)\b[^<>\n]{0,300}?"
                           r"\b(?:label|title|heading)=(?:\"([^\"<>\n]{1,120})\"|'([^'<>\n]{1,120})')[^<>\n]{0,300}>")


def mdx_markdown(text: str) -> str:
    """An MDX page (a documentation site's Markdown with JSX components) as Markdown: its import and export lines
    are program, not text; its components (``<Tabs>``, ``<TabItem>``) are read as the HTML they render."""
    text = _MDX_MODULE_LINE.sub("", text)
    return _LABELLED_TAB.sub(lambda m: f"{m.group()}\n\n**{m.group(1) or m.group(2)}**\n", text)


def unwrapped(text: str, kind: str | None) -> tuple[str, str | None]:
    """A container's content and its format, before anything else is read (so that what its page hides is found in
    the page, not in a transfer encoding): a message's or a single-file web page's body ("mail-html" or
    "mail-text"), an Evernote export's notes' pages ("html"); any other text as it is."""
    from grader.reading.formats_mail import mail_body
    from grader.reading.formats_notes import enex_html, is_enex

    if kind == "mail":
        body, shown = mail_body(text)
        return body, "mail-html" if shown == "html" else "mail-text"
    if kind == "enex" or kind == "xml" and is_enex(text):
        return enex_html(text), "html"
    return text, kind


def to_markdown(text: str, kind: str | None) -> str:
    """The report as Markdown: ``kind`` is a :func:`format_of` name, None for Markdown or plain text."""
    from grader.reading.formats_forum import bbcode_markdown, textile_markdown
    from grader.reading.formats_html import html_markdown, xml_markdown
    from grader.reading.formats_light import adoc_markdown, djot_markdown, org_markdown, rst_markdown
    from grader.reading.formats_mail import earlier_first
    from grader.reading.formats_pod import pod_markdown
    from grader.reading.formats_racket import scribble_markdown, txt2tags_markdown
    from grader.reading.formats_roff import roff_markdown
    from grader.reading.formats_texinfo import texinfo_markdown
    from grader.reading.formats_typst import typst_markdown
    from grader.reading.formats_wiki import wiki_markdown

    convert: dict[str, Callable[[str], str]] = {
        "rst": rst_markdown, "org": org_markdown, "adoc": adoc_markdown, "typst": typst_markdown,
        "html": html_markdown, "quarto": knitr_output, "wiki": wiki_markdown, "bbcode": bbcode_markdown,
        "textile": textile_markdown, "djot": djot_markdown, "xml": xml_markdown,
        "roff": roff_markdown, "texinfo": texinfo_markdown, "pod": pod_markdown, "scribble": scribble_markdown,
        "txt2tags": txt2tags_markdown, "mdx": mdx_markdown}
    # (RTF and CSV: read_document converts them first)
    text, kind = unwrapped(text, kind)  # (read_document unwraps first; a second time is a no-op)
    mail = kind in ("mail-html", "mail-text")
    if mail:  # the message's body; an HTML one is read as HTML
        kind = "html" if kind == "mail-html" else None
    if kind is None and ("wrote" in text or "-----" in text or "Original" in text or ":" in text):
        text = earlier_first(text)  # a reply over the message it quotes: the earlier one first
    if kind in convert:
        text = convert[kind](text)
        if mail:  # an HTML reply (its quote a blockquote, or under "From: … Sent: …"), set in order once read
            text = earlier_first(text, marks_lost=True)
    return markdown_dialects(_page_breaks(text))


# a page's running header or footer on its own line: "Mira Lindqvist — HW3 — page 2 of 3", "— Page 2 —", "p. 4"
_PAGE_LINE = re.compile(r"[^\n=]{0,80}?(?:\b(?:page|seite|página|pagina|strona|p\.)[ \t]*\d{1,3}"
                        r"(?:[ \t]*(?:of|/|von|de|di|z)[ \t]*\d{1,3})?|^[-—–\s]*\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?)"
                        r"[-—–\s]*", re.IGNORECASE)
_CONTINUES = re.compile(r"[ \t]*(?:[·⋅×*+−]|\\cdot\b|\\times\b|-(?!-))")  # a line that goes on with the one before


def _page_breaks(text: str) -> str:
    """A page break a PDF or word processor left (a form feed, the next page's running header or the last one's
    footer, the page number alone) taken out; where the next page goes on with the formula the break split
    (``∂f/∂w2 = w3 σ2(x2)(1 − σ2(x2)) σ1(x1)`` on one page, ``· x`` on the next), the two lines are joined, as a
    TA reads the two pages."""
    if "\f" not in text and not re.search(r"\b(?:page|seite|página|pagina|strona)[ \t]*\d", text, re.IGNORECASE):
        return text
    lines = text.split("\n")
    out: list[str] = []
    broke = False
    for line in lines:
        feed = "\f" in line
        line = line.replace("\f", "")
        footer = len(line) <= 120 and (
            (feed and not re.search(r"[=←·∂σ∇]|\\[a-z]", line))  # after a form feed: the page's running header
            or (_PAGE_LINE.fullmatch(line.strip()) is not None and re.search(r"[^\W\d_]", line) is not None))
        if feed or footer:
            while out and (not out[-1].strip() or re.fullmatch(r"[ \t]*[-=_*─━]{3,}[ \t]*", out[-1])
                           or (feed and re.fullmatch(r"[-—–\s]*\d{1,3}[-—–\s]*", out[-1]))):
                out.pop()  # the blank lines, a rule and the page number before the break
            broke = True
            if footer or not line.strip():
                continue
        if broke and not line.strip():
            continue  # the blank lines after it
        if broke and out and not _CONTINUES.match(line):
            out.append("")  # the next page starts a paragraph of its own
        broke = False
        out.append(line)
    return "\n".join(out)


_ADMONITION = re.compile(r'^(?P<indent>[ \t]*)(?:(?:!!!|\?\?\?\+?)[ \t]+(?=[\w"])|===\+?[ \t]+(?="))(?P<rest>.*)$')
_DIV = re.compile(r"^[ \t]*:{3,}[ \t]*(?:\{[^}\n]*\}|[\w-]+)?[ \t]*(?:\S.*)?$")
_MATH_LABEL = re.compile(r"^([ \t]*\$\$)[ \t]*(?:\([\w:.-]+\)|\{#[\w:.-]+\})[ \t]*$", re.M)
_MYST_MATH = re.compile(r"^([ \t]*)(`{3,}|:{3,})\{(?:math|eval-rst)\}[^\n]*$", re.M)
_MYST = re.compile(r"^([ \t]*)(`{3,}|:{3,})\{([\w-]+)\}[ \t]*(.*)$")
_MYST_CODE = ("code-cell", "code", "code-block", "literalinclude", "math", "eval-rst")


_BOOKDOWN_LABEL = re.compile(r"\(\\#eq:[\w:.-]{1,60}\)")


def markdown_dialects(text: str) -> str:
    """Markdown dialects' block markup made plain Markdown.

    MkDocs ``!!! note "Title"``, ``??? tip`` and ``=== "Tab"`` hold a body indented four spaces
    (which Markdown would read as code): the title becomes a line of its own, the body is dedented.
    Quarto and MyST ``:::`` fenced divs keep their body and lose their fences; an equation label
    after a display's closing ``$$`` (``$$ (eq-1)``, ``$$ {#eq-1}``) or bookdown's inside it (``(\\#eq:bi)``) is
    dropped; a MyST ``{math}``
    directive is a ``math`` fence; Pandoc grid, simple and multiline tables become pipe tables.
    """
    if "!!!" in text or "???" in text or '=== "' in text:
        text = _admonitions(text)
    if "(\\#eq:" in text:
        text = _BOOKDOWN_LABEL.sub("", text)  # bookdown's "(\#eq:bi)" in an equation: its label, no math
    if "latex" in text or "math" in text or "chl=" in text:
        text = _EQUATION_IMAGE.sub(_image_math, text)
    if ":::" in text:
        text = "\n".join("" if _DIV.match(ln) and "{math}" not in ln else ln for ln in text.split("\n"))
    if re.search(r"\$\$[ \t]*[({]", text):
        text = _MATH_LABEL.sub(r"\1", text)
        text = re.sub(r"(\$\$)[ \t]*\{#[\w:.-]+\}", r"\1", text)
    if "{math}" in text or "{eval-rst}" in text:
        text = _myst_math(text)
    if "}`" in text:  # MyST roles: {math}`x` is math, {eq}`label`, {ref}`…` their text
        text = re.sub(r"\{math\}`([^`\n]+)`", r"$\1$", text)
        text = re.sub(r"\{(?:eq|ref|numref|doc|term|abbr)\}`([^`\n<]+?)(?:\s*<[^>`]*>)?`", r"\1", text)
    if "{" in text and ("```{" in text or ":::{" in text):
        text = _myst_directives(text)
    if any(corner in text for corner in "┌┏╔╒╭"):
        text = box_tables(text)  # "┌────┬────┐" / "│ conv1 │ 520 │": the same grid, drawn with box characters
    if "+-" in text and re.search(r"(?m)^[ \t]*\+-", text):  # (indented, in a plain-text report, too)
        text = grid_tables(text)
    if "--- --" in text or "-- --" in text:
        from grader.reading.dash_tables import dash_tables

        text = dash_tables(text)  # pandoc's simple and multiline tables
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


def _myst_directives(text: str) -> str:
    """MyST directives other than code and math: a ``{list-table}`` becomes a pipe table, the others
    (``{note}``, ``{admonition} Title``, ``{figure}``) their title and body as text; options dropped."""
    from grader.reading.formats_light import list_table
    from grader.reading.program_functions import LANGUAGES as FUNCTION_LANGUAGES
    from grader.reading.program_functions import functions_as_formulas

    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        m = _MYST.match(lines[i])
        if m is None or m.group(3) in _MYST_CODE:
            out.append(lines[i])
            i += 1
            continue
        fence = m.group(2)
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == fence[0] * len(lines[j].strip())
                    and len(lines[j].strip()) >= len(fence)), len(lines))
        body = [ln for ln in lines[i + 1:end] if not re.match(r"^[ \t]*:[\w-]+:", ln)]
        if m.group(3) == "list-table":
            head = re.search(r":header-rows:[ \t]*[1-9]", "\n".join(lines[i + 1:end])) is not None
            out += [m.group(4)] + pipe_rows(list_table(body), 0, head)
        elif m.group(3) in FUNCTION_LANGUAGES:  # a knitr chunk ```{r}: its lines as text, its functions as formulas
            out += [m.group(4), *functions_as_formulas("\n".join(body), m.group(3)).split("\n")]
        elif m.group(3) != "figure" or body:
            out += [m.group(4) if m.group(3) != "figure" else "", *body]
        i = end + 1
    return "\n".join(out)


_BORDER = re.compile(r"^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")
# a grid drawn with box characters (a terminal's table printer, a report's art): its borders and bars
_BOX_BORDER = re.compile(r"^[ \t]*[┌├└┏┡┣┗╔╠╚╒╞╘╓╟╙╭╰](?:[─━═]+[┬┼┴┳╇╋┻╤╪╧╦╬╩┯┿┷┰╀┸╥╫╨])+[─━═]+"
                         r"[┐┤┘┓┩┫┛╗╣╝╕╡╛╖╢╜╮╯][ \t]*$")
_BOX_ROW = re.compile(r"^[ \t]*[│┃║][^\n]*[│┃║][ \t]*$")
_BOX_AS_GRID = str.maketrans({**{c: "+" for c in "┌├└┏┡┣┗╔╠╚╒╞╘╓╟╙╭╰┬┼┴┳╇╋┻╤╪╧╦╬╩┯┿┷┰╀┸╥╫╨┐┤┘┓┩┫┛╗╣╝╕╡╛╖╢╜╮╯"},
                              "─": "-", "━": "=", "═": "=", "│": "|", "┃": "|", "║": "|"})


def box_tables(text: str) -> str:
    """A table drawn with box characters (two columns or more: a junction on its top border), set as the grid
    table it draws (``+---+``, ``|``), each character in its column; a heavy or double rule (``┡━━╇━━┩``,
    ``╞══╪══╡``) under its head row as the grid's ``+===+``. A frame around one column is left to the frame reader."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if not _BOX_BORDER.match(lines[i]) or i + 1 >= len(lines) or not _BOX_ROW.match(lines[i + 1]):
            i += 1
            continue
        end = i + 1
        while end < len(lines) and (_BOX_ROW.match(lines[end]) or _BOX_BORDER.match(lines[end])):
            end += 1
        for j in range(i, end):
            lines[j] = lines[j].translate(_BOX_AS_GRID)
        i = end
    return "\n".join(lines)


def grid_tables(text: str) -> str:
    """A grid table (``+---+---+`` borders, ``| a | b |`` rows) as a pipe table: each row line a row, the
    borders dropped; only a ``+===+`` border under the first row makes that row the head (Pandoc's rule)."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if not _BORDER.match(lines[i]) or i + 1 >= len(lines) or not lines[i + 1].lstrip().startswith("|"):
            out.append(lines[i])
            i += 1
            continue
        columns = lines[i].strip().count("+") - 1
        groups: list[list[list[str]]] = [[]]  # the lines between two borders, each split into cells
        i, head = i + 1, False
        while i < len(lines) and (lines[i].lstrip().startswith("|") or _BORDER.match(lines[i])):
            if not _BORDER.match(lines[i]):
                groups[-1].append([c.strip() for c in lines[i].strip().strip("|").split("|")])
            elif groups[-1]:
                head = head or ("=" in lines[i] and len(groups) == 1 and len(groups[0]) == 1)
                groups.append([])
            i += 1
        groups = [g for g in groups if g]
        out.extend(pipe_rows([row for g in groups for row in _grid_rows(g, len(groups) > 2)], columns, head))
    return "\n".join(out)


def _grid_rows(lines: list[list[str]], ruled: bool) -> list[list[str]]:
    """The rows of the lines between two borders. In a table ruled between its rows (Pandoc's grid table) a cell
    may wrap over lines: a line that only goes on with an aside ("(20 filters → 5 × 5 × 1 × 20)") or closes a
    bracket left open joins the row above; a line that says something of its own ("= σ1 · (1 − σ1)", the next
    formula) stays a row, as it does in a table ruled only around its head (a database client's, ``tabulate``'s)."""
    lines = [r for r in lines if any(c for c in r)]
    if len(lines) < 2 or len({len(r) for r in lines}) != 1:
        return lines
    rows = [list(lines[0])]
    for r in lines[1:]:
        last = rows[-1]
        left_open = [last[k].count("(") > last[k].count(")") or last[k].count("[") > last[k].count("]")
                     for k in range(len(r))]
        if not r[0] and (ruled or any(left_open)) and all(not c or (ruled and c.startswith("(")) or left_open[k]
                                                           for k, c in enumerate(r)):  # ("| | sum_i …, |" under
            # "| grad L | [ sum_i …, |": a bracket left open goes on, in any grid table)
            rows[-1] = [f"{a} {c}".strip() if c else a for a, c in zip(last, r, strict=True)]
        else:
            rows.append(list(r))
    return rows


def pipe_rows(rows: list[list[str]], columns: int = 0, head: bool = True) -> list[str]:
    """Rows of cells as a Markdown pipe table, with blank lines around it. ``head``: the first row names
    the columns; a table without one gets an empty head (Markdown tables always have a head row)."""
    if not rows:
        return []
    columns = columns or max(len(r) for r in rows)
    lines = ["| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in r) + " |" for r in rows]
    if not head:
        lines.insert(0, "|" + "   |" * columns)
    return ["", lines[0], "|" + "---|" * columns, *lines[1:], ""]


_KNITR = re.compile(r"^(`{3,})[ \t]*\n((?:##(?: [^\n]*)?\n)+)\1[ \t]*$", re.M)


def knitr_output(text: str) -> str:
    """R Markdown and Quarto print a chunk's output as a plain fence of ``## `` lines: what the report
    shows as its result, so it is read as text; R prints a named vector as lines of names, each above
    a line of its values, which become a table."""
    def shown(m: re.Match[str]) -> str:
        lines = [ln[3:] for ln in m.group(2).rstrip("\n").split("\n")]
        pairs = [(lines[k].split(), lines[k + 1].split()) for k in range(0, len(lines) - 1, 2)]
        if len(lines) % 2 == 0 and all(n and len(n) == len(v) and not any(re.match(r"^-?[\d.,]+$", w) for w in n)
                                       and all(re.match(r"^-?[\d.,e+]+$", w) for w in v) for n, v in pairs):
            names = [w for n, _ in pairs for w in n]
            values = [w for _, v in pairs for w in v]
            return "\n".join(pipe_rows([names, values]))
        return "\n".join(lines)
    return _KNITR.sub(shown, text)


# an image a LaTeX-rendering service draws from the TeX in its address (codecogs, upmath, Google Charts, GitHub's
# math renderer): "![d](https://latex.codecogs.com/svg.latex?\frac{…}=…)" shows that formula, so it is read as it
_EQUATION_IMAGE = re.compile(r"!\[[^\]\n]{0,200}\]\((?P<md>https?://[^\s)]{0,40}(?:codecogs\.com/[\w.]{0,20}latex|"
                             r"upmath\.me/(?:svg|png)|chart\.apis\.google\.com/chart\?[^\s)]{0,40}?chl=|render/math\?math="
                             r"|quicklatex\.com/[^\s)]{0,60}|math\.now\.sh\?from=)[?/]?(?P<tex>(?:[^\s()]|\([^\s()]*\))+))\)"
                             r"|\[img\](?P<bb>https?://[^\s\[]{0,40}(?:codecogs\.com/[\w.]{0,20}latex|upmath\.me/(?:svg|png))"
                             r"[?/]?(?P<bbtex>[^\[\n]+))\[/img\]", re.IGNORECASE)


def _image_math(m: re.Match[str]) -> str:
    from urllib.parse import unquote_plus

    tex = unquote_plus(m.group("tex") or m.group("bbtex") or "").strip()
    if not tex or "$" in tex or len(tex) > 2000:
        return m.group()
    return f" ${tex}$ "
