"""Word's own equations (Office Math Markup, ``<m:oMath>``) as the TeX they show.

A report saved from Word as a web page keeps each equation twice: as Office Math inside a conditional comment
that only Word reads (``<!--[if gte msEquation 12]><m:oMath>…</m:oMath><![endif]-->``) and as a picture of it
for browsers (``<![if !msEquation]><img …><![endif]>``). The picture says nothing a reader can read; the Office
Math is the equation itself. :func:`word_equations` keeps the one and drops the other, so the HTML reader
collects ``<m:oMath>`` into the same small tree as MathML (:class:`~grader.reading.mathml.Node`), and
:func:`omml_tex` writes it as a student would type it: ``<m:f>`` is ``\\frac{…}{…}``, ``<m:sSub>`` an index,
``<m:d>`` a bracket with its own characters, ``<m:nary>`` a sum. Nothing is evaluated here.
"""
from __future__ import annotations

import re

from grader.reading.mathml import MAX_DEPTH, Node

# Word's own equation in a comment only Word reads, or a marked section (a fallback for browsers, or its end)
_MARKS = re.compile(r"<!--\[if gte msEquation \d+\]>(?P<math>(?:(?!<!--|-->)[\s\S]){0,200000}?)<!\[endif\]-->"
                    r"|<!\[(?P<mark>if[^\]]{0,80}|endif)\]>", re.IGNORECASE)
_RUN_TEXT = re.compile(r"<m:(?:r|t)\b[^>]{0,200}>(?:\s*<[^<>]{1,300}>)*\s*[^\s<]", re.IGNORECASE)  # a run with text
_OPERATORS = {"−": "-", "⋅": "\\cdot ", "·": "\\cdot ", "×": "\\times ", "∑": "\\sum ", "∂": "\\partial ",
              "∇": "\\nabla ", "←": "\\leftarrow ", "→": "\\to ", "∈": "\\in ", "±": "\\pm ", "≔": ":=",
              "∏": "\\prod ", "∫": "\\int ", "\u2061": "", "\u2062": " ", "\u2063": ","}
_NAMED = {"exp", "log", "ln", "sin", "cos", "tan", "tanh", "max", "min"}
_BRACKETS = {"{": "\\{", "}": "\\}", "〈": "\\langle ", "〉": "\\rangle ", "‖": "\\|", "⌊": "\\lfloor ",
             "⌋": "\\rfloor "}


def word_equations(html: str) -> str:
    """A Word page with its equations as Office Math to read and their pictures for browsers dropped; an equation
    whose Office Math holds no text (blanked by an exporter) keeps what its fallback shows instead."""
    out: list[str] = []
    pos, keep_fallback = 0, True
    depth, hidden = 0, -1  # hidden: the depth of an open "<![if !msEquation]>" being dropped
    for m in _MARKS.finditer(html):
        if hidden < 0:
            out.append(html[pos:m.start()])
        pos = m.end()
        if m.group("math") is not None:  # <!--[if gte msEquation 12]> … <![endif]-->: Word's own equation
            inner = m.group("math")
            keep_fallback = not _RUN_TEXT.search(inner)
            if hidden < 0 and not keep_fallback:
                out.append(inner)
            continue
        word = m.group("mark").lower()
        if word == "endif":
            depth = max(0, depth - 1)
            if depth == hidden:
                hidden = -1
            continue
        if hidden < 0 and "msequation" in word.replace(" ", "") and not keep_fallback:
            hidden = depth
        depth += 1
    if hidden < 0:
        out.append(html[pos:])
    return "".join(out)


_COMMENT_LIST = re.compile(r"<div[^<>]{0,200}mso-element:\s*comment-list", re.IGNORECASE)
_COMMENT_BODY = re.compile(r"id=[\"']?_com_(\d{1,4})[\"']?")
_COMMENT_ANCHOR = re.compile(r"<a\b[^<>]{0,600}?href=[\"']?#_msocom_(\d{1,4})[\"']?[^<>]{0,600}>[^<]{0,20}</a>",
                             re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,2000}>")


def word_comments(html: str) -> str:
    """A Word page's comments (listed at its end, each anchored in the text as "[SK1]") read where they are
    anchored: a comment that doubts the answer beside it stays there as that doubt; the list at the end, discussion
    and no answer, is dropped."""
    from html import unescape

    from grader.reading.revisions import comment_as_read

    listed = _COMMENT_LIST.search(html)
    if listed is None:
        return html
    body_end = html.lower().find("</body>", listed.start())
    comments = html[listed.start():body_end if body_end >= 0 else len(html)]
    starts = [(m.group(1), m.end()) for m in _COMMENT_BODY.finditer(comments)]
    said: dict[str, str] = {}
    for k, (number, start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(comments)
        text = unescape(_TAG.sub(" ", comments[start:end][:20_000]))
        said[number] = " ".join(re.sub(r"\[[A-Z]{1,4}\d{1,4}\]", " ", text.split(">", 1)[-1]).split())
    page = html[:listed.start()] + (html[body_end:] if body_end >= 0 else "")
    return _COMMENT_ANCHOR.sub(lambda m: comment_as_read(said.get(m.group(1), "")), page)


def _setting(node: Node, name: str, default: str) -> str:
    """A property's value (``<m:begChr m:val="[">`` in ``<m:dPr>``), else ``default``."""
    for child in node.elements():
        if child.tag.endswith("pr"):
            for prop in child.elements():
                if prop.tag == name:
                    return prop.attrs.get("m:val", default)
    return default


def _child(node: Node, tag: str) -> Node | None:
    return next((c for c in node.elements() if c.tag == tag), None)


def _run(node: Node) -> str:
    """A run's text (``<m:r>exp</m:r>``), its properties left out."""
    text = "".join(c if isinstance(c, str) else "" if c.tag.endswith("pr") else c.text() for c in node.children)
    text = text.strip("\n\r\t")
    if text.strip() in _NAMED:
        return f"\\{text.strip()} "
    return "".join(_OPERATORS.get(ch, ch) for ch in text)


def omml_tex(node: Node | str, depth: int = 0) -> str:
    """The TeX of an Office Math tree."""
    if isinstance(node, str) or depth > MAX_DEPTH:
        return ""  # (text outside a run is the page's source layout)
    tag = node.tag
    if tag.endswith("pr"):
        return ""
    if tag in ("m:r", "m:t"):
        return _run(node)
    if tag in ("del", "s", "strike") or tag == "m:borderbox" and _struck_box(node):
        return ""  # struck out or a tracked deletion inside the equation: gone, as a TA reads the edited formula

    def part(name: str) -> str:
        found = _child(node, name)
        return "" if found is None else omml_tex(found, depth + 1)

    if tag == "m:f":
        return f"\\frac{{{part('m:num')}}}{{{part('m:den')}}}"
    if tag in ("m:ssub", "m:ssup", "m:ssubsup", "m:spre"):
        base, sub, sup = part("m:e"), part("m:sub"), part("m:sup")
        scripts = (f"_{{{sub}}}" if sub else "") + (f"^{{{sup}}}" if sup else "")
        if tag == "m:spre":
            return f"{{}}{scripts}{base}"
        return f"{_based(base)}{scripts}"
    if tag == "m:d":
        opening = _setting(node, "m:begchr", "(")
        closing = _setting(node, "m:endchr", ")")
        separator = _setting(node, "m:sepchr", ",") or ","
        inner = f" {separator} ".join(omml_tex(c, depth + 1) for c in node.elements() if c.tag == "m:e")
        return f"{_BRACKETS.get(opening, opening)}{inner}{_BRACKETS.get(closing, closing)}"
    if tag == "m:nary":
        sign = _setting(node, "m:chr", "∫")
        sub, sup = part("m:sub"), part("m:sup")
        scripts = (f"_{{{sub}}}" if sub else "") + (f"^{{{sup}}}" if sup else "")
        return f"{_OPERATORS.get(sign, sign).strip()}{scripts} {part('m:e')}"
    if tag == "m:func":
        return f"{part('m:fname').strip()} {part('m:e')}"
    if tag == "m:rad":
        degree = part("m:deg")
        return f"\\sqrt[{degree}]{{{part('m:e')}}}" if degree else f"\\sqrt{{{part('m:e')}}}"
    if tag == "m:m":
        rows = [" & ".join(omml_tex(e, depth + 2) for e in row.elements() if e.tag == "m:e")
                for row in node.elements() if row.tag == "m:mr"]
        return "\\begin{matrix}" + " \\\\ ".join(rows) + "\\end{matrix}"
    if tag == "m:eqarr":
        rows = [omml_tex(e, depth + 1) for e in node.elements() if e.tag == "m:e"]
        return "\\begin{aligned}" + " \\\\ ".join(rows) + "\\end{aligned}"
    if tag == "m:acc":  # an accent changes the name: σ̇ (Newton's dot, a derivative), ŷ, σ̄ (another quantity)
        return accented(_setting(node, "m:chr", "\u0302"), part("m:e"))
    if tag == "m:bar" and _setting(node, "m:pos", "bot") == "top":
        return accented("\u0305", part("m:e"))
    if tag == "m:limlow":
        return f"{_based(part('m:e'))}_{{{part('m:lim')}}}"
    if tag == "m:limupp":
        return f"{_based(part('m:e'))}^{{{part('m:lim')}}}"
    return _joined([omml_tex(c, depth + 1) for c in node.children])  # m:e, m:acc, m:bar, m:box, spans: the content


_ACCENTS = {"\u0307": "dot", "˙": "dot", "\u0308": "ddot", "¨": "ddot", "\u0302": "hat", "^": "hat", "ˆ": "hat",
            "\u0304": "bar", "\u0305": "bar", "¯": "bar", "‾": "bar", "\u0303": "tilde", "~": "tilde", "˜": "tilde"}


_GREEK = {"σ": "\\sigma", "α": "\\alpha", "η": "\\eta", "θ": "\\theta", "δ": "\\delta", "β": "\\beta"}


def accented(mark: str, base: str) -> str:
    """A base under an accent as TeX writes it (``\\dot{σ}``, ``\\hat{y}``, ``\\bar{σ}``); a vector's arrow (or any
    other mark) keeps the base: the same quantity, typeset."""
    kind = _ACCENTS.get(mark.strip() or mark)
    if not kind:
        return base
    named = re.fullmatch(r"\s*(\\[A-Za-z]+|[A-Za-zα-ωσ])\s*(_\{?[^{}]{1,8}\}?)?\s*", base)  # σ_{2}: \dot{\sigma}_{2}
    if named is None:
        return f"\\{kind}{{{base}}}"
    letter = _GREEK.get(named.group(1), named.group(1))
    return f"\\{kind}{{{letter}}}{named.group(2) or ''}"


def _struck_box(node: Node) -> bool:
    """Whether a border box strikes its content through (``<m:strikeH m:val="on"/>``): Word's crossed-out math."""
    for child in node.elements():
        if child.tag.endswith("pr"):
            for prop in child.elements():
                if prop.tag in ("m:strikeh", "m:strikev", "m:strikebltr", "m:striketlbr") \
                        and prop.attrs.get("m:val", "on").lower() not in ("off", "0", "false"):
                    return True
    return False


def _joined(parts: list[str]) -> str:
    """Pieces side by side; a command's name kept apart from a letter after it (``\\cdot x``)."""
    out = ""
    for p in parts:
        if out and re.search(r"\\[A-Za-z]+$", out) and p[:1].isalpha():
            out += " "
        out += p
    return out


def _based(base: str) -> str:
    """A script's base: one name or number, a command, or a bracketed term as is; else in braces."""
    base = base.strip()
    if len(base) <= 1 or re.fullmatch(r"\\[A-Za-z]+|[A-Za-z]\w*|\d+", base) or base[0] in "([" and base[-1] in ")]":
        return base
    return f"{{{base}}}"
