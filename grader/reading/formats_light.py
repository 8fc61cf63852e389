"""Lightweight markup reports (reStructuredText, Org, AsciiDoc) as Markdown, line by line.

Each reader follows its format's own rules: a reStructuredText title is a line with an underline
(and maybe an overline) of one punctuation character, its level the order in which its style first
appears; an Org heading is a line of ``*``; an AsciiDoc heading a line of ``=``. Math markup becomes
``$…$`` (inline) or ``$$…$$`` (display); directive and block options are dropped.
"""
from __future__ import annotations

import re

from grader.reading.formats import pipe_rows

_RST_ADORN = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}[ \t]*$")
_RST_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\.[ \t]+(?P<name>[\w:-]+)::[ \t]*(?P<arg>.*)$")
_RST_ROLE = re.compile(r":(?P<role>[\w:-]+):`(?P<body>(?:[^`\\]|\\.)+)`")
_RST_DROP = {"contents", "toctree", "image", "include", "raw", "only", "meta", "sectnum", "header", "footer",
             "highlight", "default-role", "role", "index", "bibliography", "csv-table"}
_RST_CODE = {"code", "code-block", "sourcecode", "literalinclude", "jupyter-execute", "ipython", "doctest"}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t")) if line.strip() else 10 ** 6


def _body(lines: list[str], i: int, indent: int) -> int:
    """The index after the indented body that starts at line ``i`` (deeper than ``indent``)."""
    while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > indent):
        i += 1
    return i


def rst_markdown(text: str) -> str:
    lines, out, styles = text.split("\n"), [], []  # styles: (character, overlined) in order of appearance
    i = 0
    while i < len(lines):
        ln = lines[i]
        title = _rst_title(lines, i)
        if title is not None:
            style, words, used = title
            if style not in styles:
                styles.append(style)
            out += ["#" * min(6, styles.index(style) + 1) + " " + words, ""]
            i += used
            continue
        if _SIMPLE.match(ln):
            i = _simple_table(lines, i, out)
            continue
        d = _RST_DIRECTIVE.match(ln)
        if d:
            i = _rst_directive(lines, i, d, out)
            continue
        if re.match(r"^[ \t]*\.\.(?:[ \t]|$)", ln) and "::" not in ln:  # a comment, with its indented lines
            i = _body(lines, i + 1, _indent(ln))
            continue
        if ln.rstrip().endswith("::") and not ln.strip().startswith(".."):  # a literal block follows
            base = ln.rstrip()[:-2]  # "text::" reads "text:"; "text ::" and a lone "::" read without it
            out.append(base + ":" if base.strip() and not base.endswith((" ", "\t")) else base.rstrip())
            end = _body(lines, i + 1, _indent(ln))
            out += ["```", *[b.strip("\n") for b in lines[i + 1:end]], "```"]
            i = end
            continue
        if (entry := _rst_definition(lines, i)) is not None:  # "(d) ∂f/∂w3" / "    σ2(v2)": a term, its definition
            named = named_term(entry, after_symbols=bool(out) and _SYMBOL_ENTRY.match(out[-1]) is not None)
            out.append(_rst_inline(named))
            i += 2
            continue
        out.append(_rst_inline(re.sub(r"^([ \t]*)#\.(?=[ \t])", r"\g<1>-", ln)))  # auto-numbered: no label
        i += 1
    return "\n".join(out)


def _rst_definition(lines: list[str], i: int) -> str | None:
    """A definition list's entry (a short term at the margin, its definition indented on the next line, after a
    blank line or another entry's indented lines) as Org writes one, ``- term :: definition``; the definition's
    further lines stay as they are."""
    term, nxt = lines[i], lines[i + 1] if i + 1 < len(lines) else ""
    above = lines[i - 1] if i else ""
    if not term.strip() or term[:1].isspace() or len(term) > 60 or term.rstrip().endswith(":") \
            or not re.match(r"[ \t]{2,}\S", nxt) or (above.strip() and not above[:1].isspace()):
        return None
    return f"- {term.strip()} :: {nxt.strip()}"


def _rst_title(lines: list[str], i: int) -> tuple[tuple[str, bool], str, int] | None:
    """A section title at line ``i``: (its style, its words, the lines it takes)."""
    ln = lines[i]
    over = _RST_ADORN.match(ln)
    if over and i + 2 < len(lines) and lines[i + 1].strip() and lines[i + 2].strip() == ln.strip():
        return (ln.strip()[0], True), lines[i + 1].strip(), 3
    under = _RST_ADORN.match(lines[i + 1]) if i + 1 < len(lines) else None
    if under and ln.strip() and ln == ln.lstrip() and len(lines[i + 1].rstrip()) >= len(ln.rstrip()) \
            and not _RST_ADORN.match(ln):
        return (lines[i + 1].strip()[0], False), ln.strip(), 2
    return None


def _rst_directive(lines: list[str], i: int, d: re.Match[str], out: list[str]) -> int:
    """One ``.. name:: argument`` with its options and body; returns the line after it."""
    indent, name, arg = d.group("indent"), d.group("name").lower(), d.group("arg").strip()
    end = _body(lines, i + 1, len(indent))
    body = [b for b in lines[i + 1:end] if not re.match(r"^[ \t]*:[\w -]+:(?:[ \t]|$)", b)]
    depth = min((_indent(b) for b in body), default=0)
    body = [b[depth:] if b.strip() else "" for b in body]
    while body and not body[-1]:
        body.pop()
    while body and not body[0]:
        body.pop(0)
    if name == "list-table":
        out += pipe_rows(list_table(body), 0, head=":header-rows:" in "\n".join(lines[i + 1:end])
                         and not re.search(r":header-rows:[ \t]*0", "\n".join(lines[i + 1:end])))
    elif name == "math":
        out += [indent + "$$", *[indent + b for b in ([arg] if arg else []) + body], indent + "$$", ""]
    elif name in _RST_CODE:
        out += [indent + "```" + arg.split()[0] if arg else indent + "```", *[indent + b for b in body],
                indent + "```", ""]
    elif name == "figure":
        out += [indent + _rst_inline(b) for b in body] + [""]
    elif name not in _RST_DROP and not name.startswith(("_", "|")):  # admonitions, topics, containers
        out += [indent + (arg if name in ("admonition", "topic", "rubric") else _rst_inline(arg)), ""] if arg else []
        # (".. note:: Actually …": an admonition's first line is its first words, never dropped)
        out += [indent + _rst_inline(b) for b in body] + [""]
    return end


def list_table(body: list[str]) -> list[list[str]]:
    """A ``list-table``'s rows: ``* -`` starts a row, each ``-`` a cell (its indented lines go with it)."""
    rows: list[list[str]] = []
    for ln in body:
        m = re.match(r"^(\*[ \t]+)?([ \t]*)-(?:[ \t]+(.*))?$", ln)
        if m and m.group(1):
            rows.append([])
        if m and rows:
            rows[-1].append(_rst_inline((m.group(3) or "").strip()))
        elif ln.strip() and rows and rows[-1]:
            rows[-1][-1] += " " + _rst_inline(ln.strip())
    return rows


_SIMPLE = re.compile(r"^[ \t]*=+(?:[ \t]+=+)+[ \t]*$")


def _simple_table(lines: list[str], i: int, out: list[str]) -> int:
    """A simple table: ``=====  =====`` borders whose runs mark the columns; the rows between them, the
    first block a head when a second border follows it. Returns the line after the table."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"=+", lines[i])]
    borders, rows, k = [i], [], i + 1
    while k < len(lines) and lines[k].strip():
        if _SIMPLE.match(lines[k]):
            borders.append(k)
        else:
            ends = [a for a, _ in spans[1:]] + [10 ** 6]
            rows.append((k, [_rst_inline(lines[k][a:b].strip()) for (a, _), b in zip(spans, ends, strict=True)]))
        k += 1
    head = len(borders) == 3 and any(r < borders[1] for r, _ in rows)
    out.extend(pipe_rows([cells for _, cells in rows], len(spans), head))
    return k


def _rst_inline(line: str) -> str:
    """``:math:`x`` as ``$x$``; another role (``:ref:`…```) as its text; ``||`` substitutions kept."""
    def role(m: re.Match[str]) -> str:
        body = m.group("body")
        if m.group("role") == "math":
            return f"${body}$"
        return re.sub(r"\s*<[^>]*>$", "", body)
    return _RST_ROLE.sub(role, line) if "`" in line else line


_LATEX_HEADER = re.compile(r"(?i)^[ \t]*#\+LATEX_HEADER(?:_EXTRA)?:[ \t]*(\\(?:(?:re)?newcommand|[gex]?def|let|"
                           r"DeclareMathOperator)\b.*)$")
_ORG_BLOCK = re.compile(r"^[ \t]*#\+(begin|end)_(\w+)[ \t]*(.*)$", re.I)


_ORG_FOOTNOTE_DEF = re.compile(r"^\[fn:([\w-]{1,20})\][ \t]*", re.MULTILINE)
_ORG_FOOTNOTE = re.compile(r"(?<!^)\[fn:([\w-]{1,20})\]", re.MULTILINE)


def org_markdown(text: str) -> str:
    """Org: ``*`` headings, ``#+begin_src`` blocks as fences, tables with ``|---+---|`` rules, keywords,
    drawers and comments dropped (LaTeX fragments ``\\[…\\]``, ``$…$`` are already what the reader reads);
    footnotes ``[fn:1]`` as Markdown's (``[^1]``, ``[^1]: …``), which the reader reads as notes on their part."""
    text = _ORG_FOOTNOTE_DEF.sub(r"[^\1]:", _ORG_FOOTNOTE.sub(r"[^\1]", text)) if "[fn:" in text else text
    out: list[str] = []
    drawer, level = False, 0
    outline = _is_outline(text)
    for ln in text.split("\n"):
        if outline and (item := _ORG_OUTLINE_ITEM.match(ln)) is not None:
            # a Logseq page: every line a heading; past the second level they are its bullets (an answer's math in
            # them), a block or a table opened in one ("*** #+BEGIN_SRC text", "*** | layer | params |") opens there
            ln = item.group(2) if _ORG_BLOCK.match(item.group(2)) or item.group(2).startswith("|") \
                else f"{'  ' * (len(item.group(1)) - 3)}- {item.group(2)}"  # (a table opened there too)
        block = _ORG_BLOCK.match(ln)
        if block:
            kind = block.group(2).lower()
            if kind in ("src", "example"):
                lang = block.group(3).split()[0] if block.group(3).strip() and block.group(1).lower() == "begin" else ""
                out.append("```" + (lang if kind == "src" else ""))
            continue
        if re.match(r"^[ \t]*:[\w-]+:[ \t]*$", ln):  # a drawer opens (:PROPERTIES:) or closes (:END:)
            drawer = ln.strip().upper() != ":END:"
            continue
        if drawer and outline and (said := _OWN_PROPERTY.match(ln)) and said.group(1).lower() not in _PAGE_PROPERTIES:
            out.append(f"{said.group(1)}: {said.group(2)}")  # a Logseq block's own property ("confidence: low, maybe
            continue  # …?"): the student's words under the answer, not the page's bookkeeping
        if not drawer and (header := _LATEX_HEADER.match(ln)) is not None:
            out.append(f"$${header.group(1).strip()}$$")  # "#+LATEX_HEADER: \newcommand{\S}[1]{…}": the macros
            continue  # every formula below is written with (kept where MathJax would read them)
        if drawer or re.match(r"^[ \t]*#\+\w+:", ln) or re.match(r"^[ \t]*#(?:[ \t]|$)", ln):
            continue
        heading = re.match(r"^(\*+)[ \t]+(?:(?:TODO|DONE)[ \t]+)?(.*?)(?:[ \t]+:[\w:@]+:)?[ \t]*$", ln)
        if heading:
            out.append("#" * min(6, len(heading.group(1))) + " " + heading.group(2))
            level = len(heading.group(1))
            continue
        ln = re.sub(rf"^ {{1,{level + 1}}}", "", ln) if level else ln  # indented to its heading's text
        if re.match(r"^[ \t]*\|[-+]+\|?[ \t]*$", ln):
            out.append(re.sub(r"\+", "|", ln))
            continue
        named = named_term(ln, after_symbols=bool(out) and _SYMBOL_ENTRY.match(out[-1]) is not None) \
            if "::" in ln else ln
        out.append(_ORG_STRUCK.sub(r"~~\1~~", named) if "+" in named else named)
    return "\n".join(_org_heads(out))


_OWN_PROPERTY = re.compile(r"^[ \t]*:([\w-]{1,40}):[ \t]+(\S.{0,500})$")
_PAGE_PROPERTIES = {"id", "collapsed", "created", "updated", "created-at", "updated-at", "heading", "custom_id",
                    "custom-id", "background-color", "tags", "alias", "title", "type", "icon", "public", "filters"}
_ORG_OUTLINE_ITEM = re.compile(r"^(\*{3,})[ \t]+(.*)$")


def _is_outline(text: str) -> bool:
    """Whether an Org file is an outliner's page (Logseq), not a document: most of its lines are headings, some of
    them four deep or holding the answers' math three deep."""
    lines = [ln for ln in text[:200_000].split("\n") if ln.strip() and not ln.lstrip().startswith((":", "#+"))]
    heads = [ln for ln in lines if re.match(r"\*+[ \t]", ln)]
    deep = [ln for ln in heads if ln.startswith("***")]
    return len(lines) >= 10 and len(heads) >= 0.6 * len(lines) and (any(ln.startswith("****") for ln in deep) or sum(
        "$" in ln or "\\(" in ln for ln in deep) >= 3)  # (its deep "headings" hold the answers' math)


# Org's strike-through "+\(25\times25\times20\)+ → …": crossed-out work, as Markdown's ~~…~~ (not a sum: a "+" glued
# to a word or digit on its outer side, or spaced inside, is an operator)
_ORG_STRUCK = re.compile(r"(?<![\w+\\)])\+(?=[^\s+])([^+\n]{1,200}?)(?<=[^\s+\\(])\+(?![\w+(])")


# "- (d) ∂f/∂w_3 :: σ(x_2) = …", "- x_1 :: w_1 x": a description list whose term is a formula's name; the term
# names the description, as "=" does ("∂f/∂w_3 = σ(x_2) = …"); a term of words ("(c) forward ::") stays a term
_TERM = re.compile(r"^(?P<lead>[ \t]*[-+*][ \t]+(?:\(?[a-h]\)(?:\((?:iii|ii|iv|vi|v|i)\))?[ \t]+)?)"
                   r"(?P<term>[^:\n]{1,40}?)[ \t]+::[ \t]+(?P<desc>\S.*)$")
_DERIVATIVE_NAME = re.compile(r"^(?:[∂∇]|d[^\s/]{0,6}/d|\\partial|\\nabla|grad)\S*(?:[ \t]?[A-Za-zσ](?:_?\w)?)?$")
_SYMBOL_NAME = re.compile(r"^[A-Za-zσα-ω](?:_?\{?\w{1,3}\}?)?(?:\([a-z]\))?$")


_SYMBOL_ENTRY = re.compile(r"^[ \t]*[-+*][ \t]+[A-Za-zσα-ω](?:_?\{?\w{1,3}\}?)?[ \t]+=[ \t]")  # "- x_2 = w_2 σ(x_1)"


def named_term(line: str, *, after_symbols: bool = False) -> str:
    """A description list's entry whose term names a formula, as an equation (see :data:`_TERM`). A lone letter
    a–h is part (b)'s label ("- b :: …"), unless the entry before it defined a symbol ("- x_2 :: …" then
    "- f :: w_3 σ(x_2)": a list of names)."""
    m = _TERM.match(line)
    if m is None:
        return line
    term, desc = m.group("term").strip(), m.group("desc")
    if _DERIVATIVE_NAME.match(term) or _SYMBOL_NAME.match(term) and "=" not in desc and (
            not re.fullmatch(r"[a-h]", term) or after_symbols and m.group("lead").strip() in "-+*"):
        return f"{m.group('lead')}{term} = {desc}"
    return line


def _org_heads(lines: list[str]) -> list[str]:
    """An Org table's head is the rows above its first rule; one without a rule under its first row has
    none, and gets an empty head (Markdown tables always have one)."""
    out: list[str] = []
    for k, ln in enumerate(lines):
        row = ln.strip().startswith("|") and not re.match(r"^[ \t]*\|[-|]+[ \t]*$", ln)
        first = row and (k == 0 or not lines[k - 1].strip().startswith("|"))
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        rule = re.match(r"^[ \t]*\|[-|]+[ \t]*$", ln) is not None
        if first and not re.match(r"^[ \t]*\|[-|]+[ \t]*$", nxt):
            columns = max(1, ln.strip().strip("|").count("|") + 1)
            out += ["", "|" + "   |" * columns, "|" + "---|" * columns]
        if rule and (k < 2 or not lines[k - 2].strip().startswith("|")) and k > 0 and lines[k - 1].strip():
            out.append(ln.strip())  # the rule under the head row
        elif not rule:
            out.append(ln.strip() if row else ln)
    return out


_ADOC_INLINE = re.compile(r"\b(stem|latexmath|asciimath):\[((?:[^\]\\]|\\.)*)\]")
_ADOC_DELIM = re.compile(r"^(\+{4,}|-{4,}|\.{4,}|={4,}|\*{4,}|_{4,}|/{4,})[ \t]*$")


# the marks of an AsciiDoc source that Markdown never writes: "stem:[…]", ":stem: asciimath", "[stem]" over "++++",
# "|===" tables, "==" section titles
_ADOC_MARKS = (re.compile(r"(?:stem|latexmath|asciimath):\[[^\]\n]{1,400}\]"),
               re.compile(r"(?m)^:[\w-]{2,30}:(?:[ \t]|$)"),
               re.compile(r"(?m)^\[(?:stem|latexmath|asciimath|source[^\]\n]*)\]$"), re.compile(r"(?m)^\|===$"),
               re.compile(r"(?m)^={2,5}[ \t]\S"))


def is_asciidoc(text: str) -> bool:
    """Whether a text handed in as plain text is an AsciiDoc source (its math macros and attribute lines, with one
    more of its marks): read as AsciiDoc, its ``stem:[…]`` as math."""
    head = text[:100_000]
    found = [m.search(head) is not None for m in _ADOC_MARKS]
    return (found[0] or found[1] or found[2]) and sum(found) >= 2


def adoc_markdown(text: str) -> str:
    """AsciiDoc: ``=`` headings, ``stem:[…]``/``latexmath:[…]`` math, ``[stem]``/``[latexmath]`` passthrough
    blocks as displays, ``|===`` tables, ``.`` ordered items, ``term::`` entries, listings as fences."""
    latex = bool(re.search(r"^:stem:[ \t]*(?:latexmath|tex|latex)[ \t]*$", text, re.M))
    lines, i, style = text.split("\n"), 0, ""
    out: list[str] = []
    while i < len(lines):
        ln = lines[i]
        if re.match(r"^\[[^\]]*\][ \t]*$", ln):  # a block attribute line: says what the next block is
            style = ln.strip("[] \t").split(",")[0].lower()
            i += 1
            continue
        delim = _ADOC_DELIM.match(ln)
        if ln.startswith("|==="):
            i = _adoc_table(lines, i, out, latex)
        elif delim:
            end = next((j for j in range(i + 1, len(lines)) if lines[j].rstrip() == ln.rstrip()), len(lines))
            inner = lines[i + 1:end]
            if delim.group(1)[0] == "+" and style in ("stem", "latexmath") and (style != "stem" or latex):
                out += ["$$", *inner, "$$", ""]
            elif delim.group(1)[0] in "-." or style in ("source", "listing", "literal"):
                out += ["```", *inner, "```", ""]
            elif delim.group(1)[0] != "/":  # examples, sidebars, quotes: their content is text
                out += [adoc_markdown_line(b, latex) for b in inner]
            i = end + 1
        else:
            if not re.match(r"^(?://|:[\w-]+:|image::|include::|toc::)", ln):
                out.append(adoc_markdown_line(ln, latex))
            i += 1
        style = "" if ln.strip() and not re.match(r"^\[[^\]]*\][ \t]*$", ln) else style
    return "\n".join(out)


def adoc_markdown_line(ln: str, latex: bool) -> str:
    heading = re.match(r"^(={1,6})[ \t]+(\S.*)$", ln)
    if heading:
        return "#" * len(heading.group(1)) + " " + heading.group(2)
    if ln.strip() == "+":  # a list continuation
        return ""
    ln = re.sub(r"^([ \t]*)\.{1,5}[ \t]+(?=\S)", r"\g<1>1. ", ln)
    ln = re.sub(r"^([ \t]*)(\*{2,5})[ \t]+", lambda m: "  " * (len(m.group(2)) - 1) + "- ", ln)
    ln = re.sub(r"^([^:\n]{1,80}?):{2,4}(?=[ \t]|$)", r"\1:", ln)
    ln = re.sub(r"\[\.(?:line-through|del)\]#([^#\n]+)#", r"~~\1~~", ln)  # struck out: read as struck

    def math(m: re.Match[str]) -> str:
        body = m.group(2).replace("\\]", "]")
        return f"${body}$" if m.group(1) == "latexmath" or (m.group(1) == "stem" and latex) else body
    return _ADOC_INLINE.sub(math, ln)


def _adoc_table(lines: list[str], i: int, out: list[str], latex: bool) -> int:
    """A ``|===`` table: cells start at ``|``, one row per line or one cell per line (then the column count
    is the ``cols`` attribute's or the first line's); rows go out as a pipe table. The first row is a head
    only when the table says so (``%header``, ``options="header"``) or a blank line follows it."""
    cols_attr = re.search(r'cols="?([^"\]]*)', lines[i - 1]) if i > 0 else None
    end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith("|===")), len(lines))
    body = [ln for ln in lines[i + 1:end] if ln.strip()]
    first = [c.strip() for c in body[0].split("|")[1:]] if body else []
    columns = len(re.split(r"[,;]", cols_attr.group(1))) if cols_attr and cols_attr.group(1) else len(first)
    count = re.match(r"\s*(\d+)\s*(?:\*|$)", cols_attr.group(1)) if cols_attr else None  # cols="3*", cols=3
    if count:
        columns = int(count.group(1))
    cells = [c.strip() for ln in body for c in ln.split("|")[1:]]
    rows = [cells[k:k + columns] for k in range(0, len(cells), max(1, columns))]
    attr = lines[i - 1] if i > 0 else ""
    raw = lines[i + 1:end]
    head = "%header" in attr or re.search(r"options=\"?[^\"\]]*header", attr) is not None or \
        (len(raw) > 1 and raw[0].count("|") == columns and not raw[1].strip())  # a blank line under row one
    out.extend(pipe_rows([[adoc_markdown_line(c, latex) for c in r] for r in rows], columns, head))
    return end + 1


_DJOT_MATH = re.compile(r"(\$\$?)`([^`\n]{1,4000})`")
_DJOT_COMMENT = re.compile(r"\{%.{0,4000}?%\}", re.DOTALL)  # "{% old: … %}": a comment, never on the page
_DJOT_EDIT = re.compile(r"\{([-+=])(.{0,2000}?)\1\}", re.DOTALL)  # {-deleted-}, {+inserted+}, {=highlighted=}
_DJOT_ATTRIBUTES = re.compile(r"^[ \t]*\{[.#:=][^{}\n]{0,200}\}[ \t]*$|(?<=[)\]])\{[^{}\n]{0,200}\}", re.MULTILINE)


def djot_markdown(text: str) -> str:
    """A Djot document as Markdown: ``$`…``` inline and ``$$`…``` display math; attribute blocks (``{.title}``,
    ``![…](…){width=60%}``) style only the page and are dropped, and so are comments (``{% … %}``); ``{-…-}`` is
    struck out, ``{+…+}`` and ``{=…=}`` are text; the rest is Markdown already."""
    text = _DJOT_ATTRIBUTES.sub("", _DJOT_COMMENT.sub("", text.replace("\x00", "")))
    maths = [m.group() for m in _DJOT_MATH.finditer(text)]  # kept apart while edits are read: e^{-u} is no edit
    text = _DJOT_MATH.sub(lambda m: "\x00", text)
    text = _DJOT_EDIT.sub(lambda m: f"~~{m.group(2)}~~" if m.group(1) == "-" else m.group(2), text)
    pieces = text.split("\x00")
    text = "".join(p + (maths[k] if k < len(maths) else "") for k, p in enumerate(pieces))
    return _DJOT_MATH.sub(lambda m: f"${m.group(2)}$" if m.group(1) == "$" else f"\n$${m.group(2)}$$\n", text)
