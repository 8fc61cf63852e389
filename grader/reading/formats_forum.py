"""Forum and tracker markup: BBCode (a course forum's post, pasted or saved as text) and Textile (a Redmine or
Textpattern page), turned into the Markdown the reader understands.

BBCode's tags are read as the forum renders them: ``[tex]…[/tex]`` (and ``[math]``, ``[latex]``, ``[itex]``) is
math, ``[b]`` bold, ``[list][*]`` a list, ``[quote]`` a quotation, ``[code]`` a code block, ``[sub]``/``[sup]``
indices and powers; what only styles the post (colour, size, font, alignment, a spoiler's fold) is dropped and its
text kept. Textile's block signatures (``h2.``, ``p.``, ``bq.``, ``bc.``, ``#`` numbered items) and its ``~sub~``
and ``^sup^`` become their Markdown and math forms.
"""
from __future__ import annotations

import re

_TAG = re.compile(r"\[(/?)([a-z*]{1,10})(?:=[^\]\n]{0,80})?\]", re.IGNORECASE)
# tags a forum post is made of: enough of them, closed, say the text is BBCode and not brackets in prose or math
_BBCODE_TAGS = {"b", "i", "u", "s", "tex", "math", "latex", "itex", "list", "quote", "code", "sub", "sup", "color",
                "size", "font", "url", "img", "spoiler", "center", "strike", "attachment", "table", "tr", "td", "hr"}


def is_bbcode(text: str) -> bool:
    """Whether ``text`` is a BBCode post: three or more closing tags of BBCode's own names (``[/b]``, ``[/tex]``)."""
    return sum(1 for m in _TAG.finditer(text) if m.group(1) and m.group(2).lower() in _BBCODE_TAGS) >= 3


_MATH_TAG = re.compile(r"\[(tex|math|latex|itex|eqn|m)\](.{0,4000}?)\[/\1\]", re.IGNORECASE | re.DOTALL)
_CODE_TAG = re.compile(r"\[code(?:=[^\]\n]{0,40})?\](.{0,20000}?)\[/code\]", re.IGNORECASE | re.DOTALL)
_QUOTE_TAG = re.compile(r"\[quote(?:=[^\]\n]{0,80})?\](.{0,20000}?)\[/quote\]", re.IGNORECASE | re.DOTALL)
_SPOILER_OPEN = re.compile(r"\[spoiler=\"?([^\]\n\"]{1,80})\"?\]", re.IGNORECASE)
_STYLE = re.compile(r"\[/?(?:color|size|font|center|left|right|justify|u|spoiler|url|indent|highlight|table)"
                    r"(?:=[^\]\n]{0,80})?\]", re.IGNORECASE)
_HIDDEN = re.compile(r"\[(color|colour|size)=\s*\"?(?:white|#f{3}(?:f{3})?|transparent|0|1|0?\.\d+(?:pt|px|em)?|[01]px)"
                     r"\"?\s*\].{0,4000}?\[/\1\]", re.IGNORECASE | re.DOTALL)
_INDEX = re.compile(r"\[(sub|sup)\]([^\[\]\n]{1,40})\[/\1\]", re.IGNORECASE)


def bbcode_markdown(text: str) -> str:
    """A BBCode post as Markdown (see the module's docstring)."""
    text = _CODE_TAG.sub(lambda m: f"\n```\n{m.group(1).strip(chr(10))}\n```\n", text)
    text = _MATH_TAG.sub(_math, text)
    text = _QUOTE_TAG.sub(lambda m: "\n".join("> " + ln for ln in m.group(1).strip("\n").split("\n")), text)
    text = _SPOILER_OPEN.sub(lambda m: f"\n**{m.group(1).strip()}**\n", text)
    text = _INDEX.sub(lambda m: ("_" if m.group(1).lower() == "sub" else "^") + _braced(m.group(2)), text)
    text = re.sub(r"\[img\](?![^\[\n]{0,60}(?:codecogs|upmath))[^\[\n]{0,500}\[/img\]", "(image)", text,
                  flags=re.IGNORECASE)  # an equation image keeps its address: its TeX is read (formats.py)
    text = re.sub(r"\[attachment(?:=[^\]\n]{0,40})?\]([^\[\n]{0,200})\[/attachment\]", r"(attached: \1)", text,
                  flags=re.IGNORECASE)
    text = _HIDDEN.sub("", text)  # white or zero-size text: not on the page the TA reads
    text = _STYLE.sub("", text)
    text = re.sub(r"\[/?(?:b|strong)\]", "**", text, flags=re.IGNORECASE)
    text = re.sub(r"\[/?(?:i|em)\]", "*", text, flags=re.IGNORECASE)
    text = re.sub(r"\[/?(?:s|strike|del)\]", "~~", text, flags=re.IGNORECASE)
    text = re.sub(r"\[hr\]", "\n---\n", text, flags=re.IGNORECASE)
    text = re.sub(r"^[ \t]*\[\*\][ \t]*", "- ", text, flags=re.MULTILINE)
    text = re.sub(r"\[\*\][ \t]*", "\n- ", text)
    text = re.sub(r"[ \t]*\[/?list(?:=[^\]\n]{0,8})?\][ \t]*", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"\[/?(?:tr|td|th)\]", " | ", text, flags=re.IGNORECASE)
    return re.sub(r"\n{3,}", "\n\n", text)


def _math(m: re.Match[str]) -> str:
    body = m.group(2).strip()
    return f"\n$$\n{body}\n$$\n" if "\n" in body else f"${body}$"


def _braced(index: str) -> str:
    index = index.strip()
    return index if len(index) == 1 else "{" + index + "}"


_TEXTILE_HEAD = re.compile(r"^h([1-6])(?:\([^)\n]{0,40}\)|\{[^}\n]{0,80}\}|[<>=]{1,2})*\.[ \t]+", re.MULTILINE)
_TEXTILE_BLOCK = re.compile(r"^(p|bq|bc|pre|fn\d+)(?:\([^)\n]{0,40}\)|\{[^}\n]{0,80}\}|[<>=]{1,2})*\.(\.?)[ \t]+",
                            re.MULTILINE)
_TEXTILE_COMMENT = re.compile(r"^###\.(\.?)(?:[ \t]|$)")
_TEXTILE_SUB = re.compile(r"(?<=\S)~([^\s~]{1,12})~")
_TEXTILE_SUP = re.compile(r"(?<=\S)\^([^\s^]{1,12})\^")
_TEXTILE_IMAGE = re.compile(r"!([^!\s][^!\n]{0,300}?)(?:\(([^)\n]{0,200})\))?!(?::\S+)?")


def textile_markdown(text: str) -> str:
    """A Textile page as Markdown: ``h2.`` a heading, ``p.`` a paragraph, ``bq.`` a quotation, ``bc.`` code, ``#``
    a numbered item (in Markdown a heading), ``x~1~`` x₁ and ``e^-u^`` e^{-u}, ``!img.png(alt)!`` its alt text."""
    lines, out, code, extended, quoted = text.split("\n"), [], False, False, False
    for line in lines:
        head = _TEXTILE_HEAD.match(line)
        block = _TEXTILE_BLOCK.match(line)
        signature = head is not None or block is not None or _TEXTILE_COMMENT.match(line) is not None
        if (code or quoted) and (signature if extended else not line.strip()):
            if code:
                out.append("```")
            code = quoted = extended = False
        if extended and not code and not quoted:  # an extended comment ("###..") runs to the next block
            if not signature:
                continue
            extended = False
        if (comment := _TEXTILE_COMMENT.match(line)) is not None:
            extended = bool(comment.group(1))  # "###. old: …": a comment, never on the page
            continue
        if quoted and line.strip():
            line = "> " + line
        if head:
            line = "#" * int(head.group(1)) + " " + line[head.end():]
        elif block and block.group(1) in ("bc", "pre"):
            out.append("```")  # "bc.", "pre.": monospace, where students set formulas too (a program's is code)
            line, code, extended = line[block.end():], True, bool(block.group(2))
        elif block and block.group(1).startswith("fn"):
            line = f"[^{block.group(1)[2:]}]: " + line[block.end():]  # "fn1. …": the note of the mark [1]
        elif block:
            quoted, extended = block.group(1) == "bq", bool(block.group(2))
            line = ("> " if quoted else "") + line[block.end():]
        elif not code and (item := re.match(r"^(#+)[ \t]+", line)):
            line = "   " * (len(item.group(1)) - 1) + "1. " + line[item.end():]
        if not code:
            line = _TEXTILE_IMAGE.sub(lambda m: f"(image: {m.group(2) or m.group(1)})", line)
            line = _TEXTILE_SUP.sub(lambda m: "^" + _braced(m.group(1)), _TEXTILE_SUB.sub(
                lambda m: "_" + _braced(m.group(1)), line))
            line = re.sub(r"@([^@\n]{1,200})@", r"`\1`", line)
            line = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*(?![\w*])", r"**\1**", line)  # *strong*
            line = re.sub(r"(?<=[^\s\[])\[(\d{1,2})\](?!\()", r"[^\1]", line)  # a footnote mark, "…(w~1~x))[1]"
            if line.startswith("|_."):  # a header row: Markdown wants the rule under it
                line = line.replace("|_.", "|")
                out.extend([line, "|" + "---|" * max(line.strip().strip("|").count("|") + 1, 1)])
                continue
        out.append(line)
    if code:
        out.append("```")
    return "\n".join(out)

