"""A GNU TeXmacs document (a ``.tm`` file, TeXmacs' own source) as the LaTeX it exports, read as LaTeX.

TeXmacs keeps a document as a tree written with angle brackets: ``<tag|argument|argument>`` inline, a long tag as
``<\\tag>`` … ``<|tag>`` … ``</tag>``, a symbol as ``\\<sigma\\>``. Formulas are ``<math|…>`` and ``<\\equation*>``,
scripts ``<rsub|…>``/``<rsup|…>``, fractions ``<frac|a|b>``, brackets ``<around*|(|…|)>``, tables
``<tformat|<table|<row|<cell|…>>>>``. Each is written as the LaTeX TeXmacs exports for it; the document's style,
its metadata (``<\\initial>``), pictures and TeXmacs' own settings carry no answer and are left out. A malformed
tree is read as far as it goes (an unclosed tag closes at the end).
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

MAX_DEPTH = 60
MAX_TOKENS = 400_000

_TOKEN = re.compile(r"<\\([\w*-]{1,40})>|</([\w*-]{1,40})>|<\|([\w*-]{1,40})>|<([\w*-]{1,40})\||<([\w*-]{1,40})>"
                    r"|\\<([\w-]{1,40})\\>|(\|)|(>)|<\\([\w*-]{1,40})\||([^<>|\\]+|\\.?|<)")


def is_texmacs(text: str) -> bool:
    return text.lstrip().startswith("<TeXmacs|")


@dataclass
class _Node:
    name: str
    args: list[list[_Node | str]] = field(default_factory=list)


def texmacs_latex(text: str) -> str:
    """The document's body as LaTeX: headings as sectioning commands, lists as ``\\item``s, formulas as LaTeX."""
    tokens = list(_TOKEN.finditer(text[:2_000_000]))[:MAX_TOKENS]
    tree, _ = _sequence(tokens, 0, set(), 0)
    body = next((n for n in _walk(tree) if n.name == "body"), None)
    nodes = [a for arg in body.args for a in arg] if body is not None else tree
    return "\\documentclass{article}\n\\begin{document}\n" + _render(nodes, False) + "\n\\end{document}\n"


def _walk(nodes: list[_Node | str]) -> list[_Node]:
    out: list[_Node] = []
    queue = deque(n for n in nodes if isinstance(n, _Node))
    while queue and len(out) < 100_000:
        node = queue.popleft()
        out.append(node)
        queue.extend(n for arg in node.args for n in arg if isinstance(n, _Node))
    return out


def _sequence(tokens: list[re.Match[str]], i: int, stops: set[str], depth: int) -> tuple[list[_Node | str], int]:
    """The nodes from token ``i`` up to a stop (``|``, ``>``, ``<|tag>`` or ``</tag>`` of an open block): the nodes
    and the index of the stop (not consumed)."""
    out: list[_Node | str] = []
    while i < len(tokens):
        m = tokens[i]
        block, close, separator, inline, leaf, symbol, bar, end, opened, text = m.groups()
        if (bar and "|" in stops) or (end and ">" in stops) or (close and f"/{close}" in stops) \
                or (separator and f"|{separator}" in stops):
            return out, i
        if symbol:
            out.append(_symbol(symbol))
        elif opened and depth < MAX_DEPTH:  # "<\big-figure|<image|…>>" … "</big-figure>": inline arguments first
            head, i = _inline(tokens, i + 1, opened, depth + 1)
            node, i = _block(tokens, i, opened, depth + 1)
            node.args = head.args + node.args
            out.append(node)
            continue
        elif inline and depth < MAX_DEPTH:
            node, i = _inline(tokens, i + 1, inline, depth + 1)
            out.append(node)
            continue
        elif block and depth < MAX_DEPTH:
            node, i = _block(tokens, i + 1, block, depth + 1)
            out.append(node)
            continue
        elif leaf:
            out.append(_Node(leaf))
        elif text is not None or bar or end:
            out.append(text if text is not None else (bar or end or ""))
        i += 1
    return out, i


_FONTS = {"cal": "mathcal", "bbb": "mathbb", "frak": "mathfrak", "b": "mathbf", "bbb*": "mathbb"}


def _symbol(name: str) -> str:
    """``\\<sigma\\>`` as ``\\sigma``; ``\\<cal-L\\>`` as ``\\mathcal{L}``, ``\\<b-w\\>`` as ``\\mathbf{w}``."""
    font, _, letter = name.rpartition("-")
    if font in _FONTS and letter:
        return f"\\{_FONTS[font]}{{{letter}}}"
    return f"\\{name} "


def _inline(tokens: list[re.Match[str]], i: int, name: str, depth: int) -> tuple[_Node, int]:
    node = _Node(name)
    while True:
        arg, i = _sequence(tokens, i, {"|", ">"}, depth)
        node.args.append(arg)
        if i >= len(tokens) or tokens[i].group(8):  # ">" ends the tag (or the text ends)
            return node, i + 1
        i += 1  # "|": the next argument


def _block(tokens: list[re.Match[str]], i: int, name: str, depth: int) -> tuple[_Node, int]:
    node = _Node(name)
    while True:
        arg, i = _sequence(tokens, i, {f"|{name}", f"/{name}"}, depth)
        node.args.append(arg)
        if i >= len(tokens) or tokens[i].group(2):  # "</name>"
            return node, i + 1
        i += 1  # "<|name>"


_HEADINGS = {"chapter": "section", "section": "section", "subsection": "subsection",
             "subsubsection": "subsubsection", "paragraph": "paragraph", "subparagraph": "paragraph"}
_LISTS = {"enumerate-alpha": "[(a)]", "enumerate-Alpha": "[(A)]", "enumerate-roman": "[(i)]",
          "enumerate-Roman": "[(I)]", "enumerate-numeric": "", "enumerate": "", "itemize": "",
          "itemize-dot": "", "itemize-minus": "", "itemize-arrow": "", "description": ""}
_DISPLAYS = {"equation", "equation*", "eqnarray", "eqnarray*", "align", "align*", "gather", "gather*"}
_DROPPED = {"style", "initial", "references", "auxiliary", "image", "big-figure", "small-figure", "render-big-figure",
            "label", "reference", "hlink", "specific", "hidden", "doc-data", "author-data", "doc-author", "doc-date",
            "collection", "associate", "attr", "cite", "bibliography", "pageref", "ornament", "postscript",
            "tuple", "surround", "folded-comment", "unfolded-comment"}
_SPACES = {"space", "hspace", "htab", "vspace", "vspace*", "no-indent", "no-indent*", "new-page", "page-break",
           "next-line", "new-line", "line-break"}
_BRACKETS = {"around", "around*", "left", "right", "mid"}
_SCRIPT_WORDS = {"rsub": "_", "rsup": "^", "lsub": "_", "lsup": "^"}


def _render(nodes: list[_Node | str], math: bool) -> str:
    out: list[str] = []
    for n in nodes:
        out.append(_one(n, math) if isinstance(n, _Node) else _text(n, math))
    return "".join(out)


def _text(text: str, math: bool) -> str:
    if math:
        return text.replace("*", " ")  # TeXmacs' invisible multiplication
    return text


def _arg(node: _Node, k: int, math: bool) -> str:
    return _render(node.args[k], math) if k < len(node.args) else ""


def _one(node: _Node, math: bool) -> str:
    name = node.name
    if name in _DROPPED:
        return ""
    if name in _SPACES:
        return " " if name not in ("new-line", "next-line", "line-break", "new-page", "page-break") else "\n"
    if name == "math":
        return f"${_arg(node, 0, True)}$"
    if name in _DISPLAYS:
        body = _arg(node, 0, True)
        if name.startswith("eqnarray") or name.startswith("align"):
            return f"\n\\begin{{align*}}\n{body}\n\\end{{align*}}\n"
        return f"\n\\[\n{body}\n\\]\n"
    if name in _HEADINGS or name.rstrip("*") in _HEADINGS:
        command = _HEADINGS[name.rstrip("*")]
        return f"\n\\{command}*{{{_arg(node, 0, False).strip()}}}\n"
    if name in _LISTS:
        return f"\n\\begin{{enumerate}}{_LISTS[name]}\n{_arg(node, 0, math)}\n\\end{{enumerate}}\n" \
            if name.startswith("enumerate") else f"\n\\begin{{itemize}}\n{_arg(node, 0, math)}\n\\end{{itemize}}\n"
    if name == "item":
        return "\n\\item "
    if name == "item*":
        return f"\n\\item[{_arg(node, 0, math)}] "
    if name in _SCRIPT_WORDS:
        return f"{_SCRIPT_WORDS[name]}{{{_arg(node, 0, math)}}}"
    if name in ("frac", "tfrac", "dfrac", "cfrac"):
        return f"\\frac{{{_arg(node, 0, True)}}}{{{_arg(node, 1, True)}}}"
    if name == "sqrt":
        return f"\\sqrt{{{_arg(node, 0, True)}}}"
    if name in _BRACKETS:
        if len(node.args) >= 3:
            opening, closing = _delimiter(_arg(node, 0, True)), _delimiter(_arg(node, 2, True))
            return f"\\left{opening}{_arg(node, 1, True)}\\right{closing}"
        return _delimiter(_arg(node, 0, True))
    if name == "big":
        symbol = _arg(node, 0, True).strip()
        return "" if symbol == "." else f"\\{symbol} "
    if name == "rprime":
        return _arg(node, 0, True)
    if name == "wide":
        accent = _arg(node, 1, True).strip()
        base = _arg(node, 0, True)
        return {"^": f"\\hat{{{base}}}", "~": f"\\tilde{{{base}}}", "\\bar ": f"\\bar{{{base}}}"}.get(accent, base)
    if name in ("text", "mbox") and math:
        return f"\\text{{{_arg(node, 0, False)}}}"
    if name == "with":  # <with|font-shape|italic|…|body>: its last argument is the text
        return _render(node.args[-1], math) if node.args else ""
    if name in ("tformat", "tabular", "tabular*", "block", "block*", "wide-tabular", "matrix", "det", "choice"):
        return _table(node, math, name)
    if name == "table":
        rows = [r for arg in node.args for r in arg if isinstance(r, _Node) and r.name == "row"]
        return " \\\\\n".join(" & ".join(_arg(c, 0, math) for arg in r.args for c in arg
                                          if isinstance(c, _Node) and c.name == "cell") for r in rows)
    return "".join(_render(arg, math) for arg in node.args)  # any other tag (strong, em, cell, proof, …): its text


def _table(node: _Node, math: bool, name: str) -> str:
    table = next((n for n in _walk([a for arg in node.args for a in arg]) if n.name == "table"), None)
    body = _one(table, math) if table is not None else ""
    if math and name in ("matrix", "det"):
        return f"\\begin{{pmatrix}}{body}\\end{{pmatrix}}"
    if math:
        return body
    columns = max((body.split("\\\\")[0].count("&") + 1), 1)
    return f"\n\\begin{{tabular}}{{{'l' * min(columns, 40)}}}\n{body} \\\\\n\\end{{tabular}}\n"


def _delimiter(text: str) -> str:
    text = text.strip()
    return {"": ".", "{": "\\{", "}": "\\}", "\\langle ": "\\langle ", "\\rangle ": "\\rangle "}.get(text, text)
