"""Racket's Scribble and txt2tags, as the Markdown the reader understands.

Scribble (``.scrbl``) writes a document as ``@command[options]{text}``: ``@section{…}`` a heading, ``@item{…}`` a
list's entry, ``@bold{…}`` a style, ``@${…}`` and ``@$${…}`` (scribble-math) inline and display LaTeX,
``@verbatim|{…}|`` and ``@codeblock|{…}|`` code. txt2tags (``.t2t``) marks a heading ``= Title =``, comments
``%`` at a line's start and puts a three-line header (title, author, date) at the top. Each is read as its own
syntax defines it; what only styles the page is dropped and the math is left as written.
"""
from __future__ import annotations

import re

MAX_DEPTH = 40  # commands nested in one another: a document needs a handful
_HEADINGS = {"title": "#", "section": "##", "subsection": "###", "subsubsection": "####", "part": "#"}
_STYLES = {"bold", "italic", "emph", "tt", "code", "racket", "elem", "smaller", "larger", "underline", "exact",
           "centered", "para", "nested", "margin-note", "author", "subscript", "superscript"}
_LISTS = {"itemlist", "itemize", "enumerate", "tabular"}
_CODE = {"verbatim", "codeblock", "racketblock", "racketinput", "racketmod", "racketresultblock", "schemeblock"}
_COMMAND = re.compile(r"@(\$\$|\$|[A-Za-z][\w-]*|\(|\")")


def scribble_markdown(text: str) -> str:
    """The Scribble document as Markdown (``#lang`` and ``@(require …)`` lines dropped)."""
    text = re.sub(r"(?m)^#lang\b.*$", "", text[:1_000_000])
    return re.sub(r"\n{3,}", "\n\n", _render(text, 0))


def _render(text: str, depth: int) -> str:
    out: list[str] = []
    pos = 0
    while (m := _COMMAND.search(text, pos)) is not None:
        out.append(text[pos:m.start()])
        name, pos = m.group(1), m.end()
        if name == "(":  # "@(require …)": a Racket expression, no text
            pos = _closing(text, pos - 1, "(", ")")
            continue
        if name == '"':  # '@"@"': a literal string
            end = text.find('"', pos)
            out.append(text[pos:end] if end >= 0 else "")
            pos = end + 1 if end >= 0 else len(text)
            continue
        if text.startswith("[", pos):
            options_end = _closing(text, pos, "[", "]")
            options, pos = text[pos + 1:options_end - 1], options_end
        else:
            options = ""
        body = ""
        if text.startswith("|{", pos):  # "@verbatim|{ … }|": text taken as it is
            end = text.find("}|", pos)
            end = len(text) if end < 0 else end
            body, pos = text[pos + 2:end], end + 2
        elif text.startswith("{", pos):
            end = _closing(text, pos, "{", "}")
            body, pos = text[pos + 1:end - 1], end
        out.append(_command(name, options, body, depth))
    out.append(text[pos:])
    return "".join(out)


def _command(name: str, options: str, body: str, depth: int) -> str:
    if name in ("$", "$$"):
        return f"${body}$" if name == "$" else f"\n$${body}$$\n"
    if name in _CODE:
        return f"\n```\n{body.strip(chr(10))}\n```\n"
    inner = _render(body, depth + 1) if depth < MAX_DEPTH else body
    if name in _HEADINGS:
        return f"\n{_HEADINGS[name]} {' '.join(inner.split())}\n"
    if name == "item":
        return f"\n- {inner.strip()}"
    if name in _LISTS:
        return f"\n{_render(options, depth + 1) if depth < MAX_DEPTH else options}{inner}\n"
    return inner if name in _STYLES or body else ""


def _closing(text: str, start: int, opening: str, closing: str) -> int:
    """Just past the bracket that closes the one at ``start`` (the text's end when none does)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == opening:
            depth += 1
        elif text[i] == closing:
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


MAX_HEADING = 300  # a heading's line, at most (a longer one is text)
_T2T_HEADING = re.compile(r"^[ \t]*(=+|\++)[ \t]*(.+?)[ \t]*\1(?:\[[\w-]*\])?[ \t]*$")


def txt2tags_markdown(text: str) -> str:
    """The txt2tags document as Markdown: ``= Title =`` headings (``+ … +`` numbered ones), comments and settings
    (``%`` at a line's start) dropped; its header lines are text."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.startswith("%"):
            continue
        heading = _T2T_HEADING.match(line) if len(line) <= MAX_HEADING else None
        if heading is not None:
            out.append(f"{'#' * min(len(heading.group(1)), 6)} {heading.group(2)}")
        else:
            out.append(line)
    return "\n".join(out)
