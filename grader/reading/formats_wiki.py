"""Wiki pages (MediaWiki's ``.wiki``, DokuWiki's exported text) turned into the Markdown the reader understands.

A course wiki is where some students write: ``== Heading ==`` (DokuWiki counts its ``=`` the other way round,
six for the top level), ``<math>…</math>`` for formulas, ``'''bold'''``, MediaWiki's ``{| … |}`` tables and
DokuWiki's ``^ head ^`` / ``| cell |`` rows, ``;``/``:`` definition lines, ``#`` numbered lists, and links and
images in double brackets or braces. Only what the page shows is kept; the math is left as written.
"""
from __future__ import annotations

import re

from grader.reading.formats import pipe_rows

_HEADING = re.compile(r"^[ \t]*(={1,6})[ \t]*([^=\s](?:.*?[^=\s])?)[ \t]*\1[ \t]*$")  # not "=====" under a title
_INSIDE = r"((?:(?!</?math\b).){0,4000})"  # a formula's text, up to its own closing tag
_MATH = re.compile(rf"<math(?:\s[^>]*)?>{_INSIDE}</math>", re.DOTALL | re.IGNORECASE)
_BLOCK_MATH = re.compile(rf"^[ \t]*:*[ \t]*<math(?:\s[^>]*)?>{_INSIDE}</math>[ \t]*$", re.DOTALL | re.IGNORECASE | re.M)
_IMAGE = re.compile(r"\[\[(?:File|Image|Datei|Fichier|Bild):[^\]]*\]\]|\{\{[^{}\n]*\}\}", re.IGNORECASE)
# a template the page prints (its text, a fraction, a note): "{{mvar|x}}", "{{nowrap|· (−1)}}", "{{sfrac|1|2}}",
# "{{efn|not sure …}}"; any other one-line template (an infobox's, a citation's) prints nothing of the answer's
_SHOWN_TEMPLATE = re.compile(r"\{\{\s*(?P<name>mvar|math|tmath|var|nowrap|nobr|nowiki|small|big|strong|em|lang|sub|sup"
                             r"|sfrac|frac|fraction|efn|efn-la|efn-lr|refn|note|notetag|sfn|ref|hmm|verify|clarify)\s*"
                             r"(?P<args>(?:\|[^{}\n]*)?)\}\}", re.IGNORECASE)


_MATH_GOES_ON = re.compile(r"(<math(?:\s[^>]*)?>(?:(?!</?math\b).){0,4000})</math>[ \t]*\{\{\s*"
                           r"(?:nowrap|nobr|mvar|math|tmath)\s*\|\s*([·⋅×*+\-−/][^{}\n]{0,80})\}\}",
                           re.DOTALL | re.IGNORECASE)


def _template(m: re.Match[str]) -> str:
    """What a shown template prints: its argument's text, a fraction as "(a)/(b)", a note as a bracketed remark."""
    name = m.group("name").lower()
    args = [a.split("=", 1)[1] if re.match(r"\s*\w+\s*=", a) else a for a in m.group("args").split("|")[1:]]
    if name in ("sfrac", "frac", "fraction"):
        return f"({args[0]})/({args[1]})" if len(args) >= 2 else f"1/({args[0]})" if args else ""
    if name == "sub":
        return "_" + "".join(args)
    if name == "sup":
        return "^" + "".join(args)
    if name in ("efn", "efn-la", "efn-lr", "refn", "note", "notetag", "sfn", "ref"):
        return f" (note: {' '.join(args)})" if args else ""
    if name in ("hmm", "verify", "clarify"):
        return " (not sure?)"
    return " ".join(args) if name == "lang" and len(args) > 1 and len(args[0]) <= 3 else "".join(args[-1:])
_LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")
_TAGS = re.compile(r"</?(?:nowiki|code|pre|syntaxhighlight|source|span|div|center|small|big|u|s|del|ins)\b[^>]*>",
                   re.IGNORECASE)
_SCRIPT_TAG = re.compile(r"<(sub|sup)>(.*?)</\1>", re.IGNORECASE)
_CODE_TAG = re.compile(r"<(/?)(syntaxhighlight|source|pre)\b[^>\n]{0,200}>", re.IGNORECASE)


def _fenced_code(text: str) -> str:
    """Each ``<syntaxhighlight>``/``<source>``/``<pre>`` block, from its tag to its own closing tag, as a fenced
    program; one left open stays text. One scan over the tags (a page of unclosed ``<pre>`` is read in linear time)."""
    out: list[str] = []
    pos, opened = 0, None  # the open tag: (its name, where its tag starts, where its body starts)
    for m in _CODE_TAG.finditer(text):
        name = m.group(2).lower()
        if opened is None and not m.group(1):
            opened = (name, m.start(), m.end())
        elif opened is not None and m.group(1) and name == opened[0]:
            body = text[opened[2]:m.start()].strip("\n")
            out += [text[pos:opened[1]], f"\n```\n{body}\n```\n"]
            pos, opened = m.end(), None
    return "".join(out) + text[pos:]
_TEMPLATE_BLOCK = re.compile(r"^\{\{[^{}\n]{1,80}\n(?:[ \t]*\|[^\n]{0,400}\n){1,60}[ \t]*\}\}[ \t]*$", re.M)
_MAGIC = re.compile(r"^[ \t]*__[A-Z]+__[ \t]*$", re.M)


def is_dokuwiki(text: str) -> bool:
    """A plain-text export of a DokuWiki page: its top headings are ``====== … ======`` or ``===== … =====``, or
    its tables open with ``^`` header cells, and it has at least two wiki headings."""
    heads = [m.group(1) for m in (_HEADING.match(ln) for ln in text.split("\n", 5000)[:5000]) if m]
    return len(heads) >= 2 and (any(len(h) >= 5 for h in heads) or re.search(r"^\^.*\^[ \t]*$", text, re.M)
                                is not None)


def is_creole(text: str) -> bool:
    """A page in Creole (the markup of many small wikis): ``= Heading =`` lines, and ``|=`` header cells or
    ``{{{ … }}}`` preformatted blocks."""
    heads = sum(1 for ln in text.split("\n", 5000)[:5000] if _HEADING.match(ln))
    return heads >= 2 and (re.search(r"^[ \t]*\|=", text, re.M) is not None
                           or re.search(r"^\{\{\{[ \t]*$", text, re.M) is not None
                           and re.search(r"^\}\}\}[ \t]*$", text, re.M) is not None)


def is_mediawiki(text: str) -> bool:
    """MediaWiki's wikitext saved as text: ``== Heading ==`` lines, and its own markup beside them (``<math>``
    formulas, ``'''bold'''``, ``{| … |}`` tables, ``[[File:…]]``)."""
    heads = sum(1 for ln in text.split("\n", 5000)[:5000] if _HEADING.match(ln))
    marks = sum(1 for mark in ("<math", "'''", "\n{|", "[[File:", "[[Image:", "{{") if mark in text)
    return heads >= 2 and marks >= 2


def wiki_markdown(text: str, dokuwiki: bool | None = None) -> str:
    """The page as Markdown; ``dokuwiki``: whether headings count their ``=`` DokuWiki's way (found from the text
    when None)."""
    doku = is_dokuwiki(text) if dokuwiki is None else dokuwiki
    creole = not doku and is_creole(text)
    if creole:  # inline preformatted text ("{{{25050}}}"): its words, before braces are read as images
        text = re.sub(r"\{\{\{([^{}\n]{1,200}?)\}\}\}", r"`\1`", text)
    text = _MAGIC.sub("", text)
    text = _fenced_code(text) if "<" in text else text  # a program, fenced
    text = _TEMPLATE_BLOCK.sub("", text)  # "{{Infobox homework\n| author = …\n}}": the page's metadata box
    if "{{" in text and "</math>" in text:  # "<math>A</math> {{nowrap|· (−1)}}": the page prints one formula
        text = _MATH_GOES_ON.sub(lambda m: f"{m.group(1)} {m.group(2).replace(chr(39) * 2, '')}</math>", text)
    text = _BLOCK_MATH.sub(lambda m: f"\n$$\n{m.group(1).strip()}\n$$\n", text)
    text = _MATH.sub(lambda m: f"${m.group(1).strip()}$", text)
    text = _SHOWN_TEMPLATE.sub(_template, text) if "{{" in text else text
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _TAGS.sub("", text)
    text = _SCRIPT_TAG.sub(lambda m: ("_" if m.group(1).lower() == "sub" else "^") + m.group(2), text)
    text = text.replace("'''", "**").replace("''", "*")
    if doku or creole:
        text = re.sub(r"(?<![:/])//(?=\S)(.+?)(?<=\S)//", r"*\1*", text)  # //italic//, not "http://"
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.lstrip().startswith("{|"):
            i = _mediawiki_table(lines, i, out)
            continue
        if doku and ln.startswith(("^", "|")) and ln.rstrip().endswith(("^", "|")):
            i = _dokuwiki_table(lines, i, out)
            continue
        if creole and ln.lstrip().startswith("|"):
            i = _creole_table(lines, i, out)
            continue
        if creole and ln.strip() in ("{{{", "}}}"):
            out.append("```")  # preformatted: where a Creole page sets its formulas, read as a fence's are
            i += 1
            continue
        head = _HEADING.match(ln)
        if head:
            level = len(head.group(1))
            out.append("#" * max(1, min(6, 7 - level if doku else level)) + " " + head.group(2))
        elif not doku and re.match(r"^#+[ \t:*]", ln):
            out.append(re.sub(r"^#+[ \t]*", "1. ", ln))  # a numbered list item, not a Markdown heading
        elif not doku and ln.startswith((";", ":")):
            out.append(re.sub(r"^[;:]+[ \t]*", "", ln))  # a definition's term or its indented body
        else:
            out.append(ln)
        i += 1
    return "\n".join(out)


def _cells(line: str, separator: str) -> list[str]:
    return [c.strip() for c in line.split(separator)]


def _mediawiki_table(lines: list[str], i: int, out: list[str]) -> int:
    """``{| … |}`` as a pipe table: ``!`` header cells, ``|-`` rows, ``||``/``!!`` cells on one line."""
    rows: list[list[str]] = []
    row: list[str] = []
    i += 1
    while i < len(lines) and not lines[i].lstrip().startswith("|}"):
        ln = lines[i].strip()
        if ln.startswith("|-"):
            if row:
                rows.append(row)
            row = []
        elif ln.startswith("|+"):
            out.append(ln[2:].strip())  # the caption
        elif ln.startswith(("!", "|")):
            body = ln[1:]
            cells = _cells(body, "!!") if ln.startswith("!") else _cells(body, "||")
            row.extend(re.sub(r"^[^|\[\]]*?=\"[^\"]*\"[^|]*\|(?!\|)", "", c).strip() for c in cells)  # style="…" |
        elif row:
            row[-1] = f"{row[-1]} {ln}".strip()
        i += 1
    if row:
        rows.append(row)
    out.extend(pipe_rows(rows))
    return i + 1


def _dokuwiki_table(lines: list[str], i: int, out: list[str]) -> int:
    """``^ head ^ head ^`` and ``| cell | cell |`` rows as a pipe table."""
    rows: list[list[str]] = []
    while i < len(lines) and lines[i].startswith(("^", "|")):
        ln = lines[i].rstrip()
        rows.append([c.strip() for c in re.split(r"[|^]", ln)[1:-1]])
        i += 1
    out.extend(pipe_rows(rows))
    return i


def _creole_table(lines: list[str], i: int, out: list[str]) -> int:
    """Creole's ``|= head |= head |`` and ``| cell | cell |`` rows (the closing ``|`` optional) as a pipe table."""
    rows: list[list[str]] = []
    while i < len(lines) and lines[i].lstrip().startswith("|"):
        ln = lines[i].strip()
        ln = ln[:-1] if ln.endswith("|") and len(ln) > 1 else ln
        rows.append([c.lstrip("=").strip() for c in ln[1:].split("|")])
        i += 1
    out.extend(pipe_rows(rows))
    return i
