"""A Typst report's document structure as Markdown (its math syntax is read by the math reader).

Typst's markup: ``=`` headings (one ``=`` per level), ``-`` and ``+`` list items, ``//`` and
``/* */`` comments, ``#set``/``#show``/``#import``/``#let`` rules, layout calls (``#h(1em)``,
``#v(…)``, ``#pagebreak()``), wrappers whose content is text (``#align(center)[…]``, ``#text(…)[…]``,
``#block[…]``), and ``#table(columns: n, [a], [b], …)``, whose cells fill rows of ``n``. Math between
``$`` stays as written: ``$x$`` inline, ``$ x $`` (spaces inside the dollars) a display.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from grader.reading.formats import pipe_rows

_RULE = re.compile(r"^[ \t]*#(?:set|show|import|include|let|outline|pagebreak|bibliography)\b")
_SPACING = re.compile(r"#(?:h|v|colbreak|pagebreak|linebreak|parbreak)\((?:[^()]|\([^()]*\))*\)")
_WRAP = re.compile(r"#(?:align|text|block|box|pad|strong|emph|underline|highlight|rect|figure|center|"
                   r"smallcaps|par)(?:\((?:[^()\[\]]|\([^()]*\))*\))?\[")


def _matching(text: str, i: int, open_: str, close: str) -> int:
    """The offset of the bracket closing the one at ``i`` (strings and math skipped), or -1."""
    depth, k, quote = 0, i, ""
    while k < len(text):
        c = text[k]
        if quote:
            quote = "" if c == quote and text[k - 1] != "\\" else quote
        elif c in "\"$":
            quote = c
        elif c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return k
        k += 1
    return -1


def _comments(text: str) -> str:
    """``//`` to the end of a line and ``/* … */`` removed, outside strings and URLs (``https://``)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"(?<![:\\/])//[^\n]*", "", text)


def _tables(text: str) -> str:
    out, pos = [], 0
    for m in re.finditer(r"#table\(", text):
        if m.start() < pos:
            continue
        end = _matching(text, m.end() - 1, "(", ")")
        if end < 0:
            break
        args = text[m.end():end]
        cols = re.search(r"columns:\s*(\d+|\((?:[^()]|\([^()]*\))*\))", args)
        n = 1
        if cols:
            n = int(cols.group(1)) if cols.group(1).isdigit() else cols.group(1).count(",") + 1 - \
                cols.group(1).rstrip(", )").endswith(",")
        cells, k = [], 0
        while (k := args.find("[", k)) >= 0:
            close = _matching(args, k, "[", "]")
            if close < 0:
                break
            cells.append(" ".join(args[k + 1:close].split()))
            k = close + 1
        rows = [cells[i:i + n] for i in range(0, len(cells), max(1, n))]
        out.append(text[pos:m.start()] + "\n".join(pipe_rows(rows, n)))
        pos = end + 1
    return "".join(out) + text[pos:]


def _unwrap(text: str) -> str:
    """``#align(center)[…]`` and the like: their content, the call dropped."""
    for _ in range(20):
        m = _WRAP.search(text)
        if m is None:
            return text
        close = _matching(text, m.end() - 1, "[", "]")
        if close < 0:
            return text[:m.start()] + text[m.end():]
        text = text[:m.start()] + text[m.end():close] + text[close + 1:]
    return text


MAX_MATH_LINES = 40  # a display longer than this, or one holding a blank line, is a stray dollar, not math


def _one_line_math(text: str) -> str:
    """Each ``$ … $`` that runs over lines set on one line. Typst continues a display on the next line
    (``$ a = b`` then ``  = c $``, ``+ d``, ``- e``); in Markdown such a line would start a heading or a
    list item and cut the display in two. A forced break (`` \\``) inside math is a row break: a space."""
    out, pos = [], 0
    for m in re.finditer(r"(?<!\\)\$((?:[^$\\]|\\.)*)\$", text, flags=re.S):
        body = m.group(1)
        if "\n" in body and body.count("\n") <= MAX_MATH_LINES and not re.search(r"\n[ \t]*\n", body):
            body = re.sub(r"[ \t]*(?:\\)?[ \t]*\n[ \t]*", " ", body)
        out.append(text[pos:m.start()] + "$" + body + "$")
        pos = m.end()
    return "".join(out) + text[pos:]


_LET = re.compile(r"^[ \t]*#let[ \t]+([A-Za-z][\w-]*)[ \t]*(?:\(([^()]*)\))?[ \t]*=[ \t]*\$([^$\n]{1,200})\$[ \t]*$",
                  re.MULTILINE)
MAX_LETS = 40


def _lets(text: str) -> dict[str, tuple[list[str], str]]:
    """A report's own math shorthands, ``#let sig = $sigma$`` and ``#let dd(a, b) = $(diff #a)/(diff #b)$``:
    name -> (parameters, body). Like a LaTeX report's ``\\newcommand``, they are the student's notation."""
    out: dict[str, tuple[list[str], str]] = {}
    for m in list(_LET.finditer(text))[:MAX_LETS]:
        params = [p.strip() for p in (m.group(2) or "").split(",") if p.strip()]
        if all(re.fullmatch(r"[A-Za-z]\w*", p) for p in params):
            out[m.group(1)] = (params, m.group(3).strip())
    return out


def _expand_lets(text: str, lets: dict[str, tuple[list[str], str]]) -> str:
    """Each use of a shorthand inside ``$ … $`` written out, once (a body is not expanded again)."""
    if not lets:
        return text
    from grader.expressions.dialect_text import closing, split_top

    def one(math: str) -> str:
        out, pos = [], 0
        for m in re.finditer(r"(?<![A-Za-z0-9.#\\])([A-Za-z][A-Za-z0-9-]*)", math):  # "f_bw": bw after "_"
            if m.start() < pos or m.group(1) not in lets:
                continue
            params, body = lets[m.group(1)]
            end = m.end()
            if params:
                close = closing(math, end) if math[end:end + 1] == "(" else -1
                args = split_top(math[end + 1:close], ",") if close > 0 else []
                if len(args) != len(params):
                    continue
                for p, a in zip(params, args, strict=True):
                    body = re.sub(rf"#{p}\b", _literal(a.strip()), body)  # content, as Typst inserts it
                end = close + 1
            out.append(math[pos:m.start()] + f" {body} ")
            pos = end
        return "".join(out) + math[pos:]

    return re.sub(r"(?<!\\)\$([^$]*)\$", lambda m: "$" + one(m.group(1)) + "$", text)


# Typst's math spaces by name: "x_1 = w_1 x, quad h_1 = …" sets equations apart as LaTeX's \quad does
_ARROW_LEFT = re.compile(r"<-{1,2}(?![->])")  # Typst's arrows.l: "w <- w - alpha nabla_w L"
_GAP = re.compile(r"(?<![\w\\#.])(?:qquad|quad|wide)(?!\w)")


# a call of the report's own function on math, inside math: "$ … = #ans($e^(-u) / (1 + e^(-u))^2$) $", where
# "#let ans(body) = box(stroke: …, body)" frames the answer; what it shows is the math it is given
_CONTENT_CALL = re.compile(r"#[A-Za-z][\w-]*(?:\(\s*\$((?:[^$\\]|\\.){1,400})\$\s*\)"
                           r"|\[\s*\$((?:[^$\\]|\\.){1,400})\$\s*\])")


def typst_markdown(text: str) -> str:
    text = _comments(text)
    text = _expand_lets(text, _lets(text))
    lines = [ln for ln in text.split("\n") if not _RULE.match(ln)]
    text = _CONTENT_CALL.sub(lambda m: f" {m.group(1) or m.group(2)} ", "\n".join(lines))
    text = _unwrap(_tables(text))
    text = _one_line_math(_SPACING.sub(" ", text))
    text = re.sub(r"(?<!\\)\$([^$]*)\$", lambda m: "$" + _ARROW_LEFT.sub(r" \\leftarrow ", _GAP.sub(
        r" \\quad ", m.group(1))) + "$", text)
    out = []
    for ln in text.split("\n"):
        heading = re.match(r"^[ \t]*(={1,6})[ \t]+(\S.*)$", ln)
        if heading:
            ln = "#" * len(heading.group(1)) + " " + heading.group(2)
        ln = re.sub(r"^([ \t]*)\+(?=[ \t])", r"\g<1>1.", ln)  # a numbered item
        ln = re.sub(r"[ \t]\\$", "", ln)  # a forced line break
        out.append(ln.rstrip())
    return "\n".join(out)


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that inserts ``text`` as it is (no backslash escapes read in it)."""
    return lambda _m: text
