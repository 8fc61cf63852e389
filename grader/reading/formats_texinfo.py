"""A report written in GNU Texinfo (``.texi``), read as Markdown.

Texinfo is a language of ``@`` commands: ``@chapter``, ``@section`` and ``@subsection`` are headings,
``@example`` … ``@end example`` keeps its lines as they are (where such a writer sets a formula by hand),
``@math{…}`` is TeX math inline and ``@tex`` … ``@end tex`` a display, ``@itemize``/``@enumerate``/``@table`` hold
``@item`` lines and ``@multitable`` rows of ``@tab`` cells. What only builds the manual (``@node``, ``@menu``,
``@titlepage``, ``@setfilename``, ``@c`` comments) is dropped. Plain TeX's ``{a \\over b}`` in the math is set as
``\\frac{a}{b}``, the fraction LaTeX readers know. Text to text: nothing is run.
"""
from __future__ import annotations

import re

_HEADINGS = {"top": 1, "chapter": 1, "unnumbered": 1, "appendix": 1, "majorheading": 1, "chapheading": 1,
             "section": 2, "unnumberedsec": 2, "appendixsec": 2, "heading": 2,
             "subsection": 3, "unnumberedsubsec": 3, "appendixsubsec": 3, "subheading": 3,
             "subsubsection": 4, "unnumberedsubsubsec": 4, "subsubheading": 4}
_DROPPED_BLOCKS = ("menu", "titlepage", "ignore", "ifhtml", "ifxml", "ifdocbook", "direntry", "copying",
                   "detailmenu")
_KEPT_BLOCKS = ("example", "smallexample", "verbatim", "display", "smalldisplay", "format", "smallformat", "lisp",
                "smalllisp", "quotation", "cartouche", "indentedblock", "group", "ifinfo", "ifnottex", "ifplaintext",
                "iftex",
                "flushleft", "flushright", "center")
_SYMBOLS = {"@result{}": "⇒", "@expansion{}": "↦", "@equiv{}": "≡", "@minus{}": "−", "@dots{}": "…",
            "@enddots{}": "…", "@print{}": "⊣", "@error{}": "error→", "@point{}": "⋆", "@bullet{}": "•",
            "@copyright{}": "©", "@tie{}": " ", "@TeX{}": "TeX", "@LaTeX{}": "LaTeX", "@@": "@", "@{": "{", "@}": "}",
            "@*": "", "@:": "", "@.": ".", "@!": "!", "@?": "?", "@ ": " ", "@-": "", "@/": ""}
# a command around words that styles them: its words stay
_STYLE = re.compile(r"@(?:strong|emph|code|var|samp|kbd|key|w|r|i|b|t|sc|sansserif|slanted|file|command|option|env"
                    r"|dfn|cite|acronym|abbr|indicateurl|asis|verb|clicksequence)\{([^{}]*)\}")
_MATH = re.compile(r"@math\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}")
_LINE_COMMAND = re.compile(r"^@(\w+)(?:[ \t]+(.*))?$")
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


def is_texinfo(text: str) -> bool:
    """Whether ``text`` is a Texinfo source: ``\\input texinfo`` or its sectioning commands at lines' starts."""
    return text.lstrip().startswith("\\input texinfo") \
        or len(re.findall(r"^@(?:node|chapter|section|setfilename|end [a-z]+)\b", text[:200_000], re.M)) >= 4


def texinfo_markdown(text: str) -> str:
    """The report as Markdown: headings, lists, tables as pipe tables, ``@math`` as ``$…$``."""
    out: list[str] = []
    lists: list[list[str | int]] = []  # open lists: [kind, next number]
    dropped = ""  # the block being skipped
    for raw in text.split("\n"):
        line = raw.rstrip()
        if dropped:
            dropped = "" if re.match(rf"^@end[ \t]+{dropped}\b", line) else dropped
            continue
        if line.startswith("\\input texinfo") or re.match(r"^@(?:c|comment)(?:\s|$)", line):
            continue
        command = _LINE_COMMAND.match(line)
        if command is None:
            out.append(_inline(re.sub(r"[ \t]@c[ \t].*$", "", line)))
            continue
        name, args = command.group(1), (command.group(2) or "").strip()
        if name in _DROPPED_BLOCKS:
            dropped = name
        elif name in _HEADINGS:
            out += ["", f"{'#' * _HEADINGS[name]} {_inline(args)}", ""]
        elif name in ("itemize", "enumerate", "table", "vtable", "ftable"):
            lists.append([name, args or ("1" if name == "enumerate" else "")])
            out.append("")
        elif name == "multitable":
            lists.append(["multitable", 0])
            out.append("")
        elif name == "end":
            if lists and args.split()[:1] == [lists[-1][0]]:
                lists.pop()
            out.append("")
        elif name in ("item", "itemx", "headitem") and lists:
            out.append(_item(lists[-1], name, args))
        elif name == "tex":
            out.append("$$")
        elif name in _KEPT_BLOCKS or name in ("noindent", "page", "sp", "bye", "node", "setfilename", "settitle",
                                               "author", "title", "subtitle", "insertcopying", "contents",
                                               "shortcontents", "summarycontents", "documentencoding",
                                               "documentlanguage", "setchapternewpage", "paragraphindent",
                                               "finalout", "need", "vskip", "printindex", "cindex", "findex",
                                               "kindex", "pindex", "vindex", "tindex", "anchor", "set", "clear"):
            if name in ("title", "subtitle", "author", "settitle", "center", "noindent", "quotation") and args:
                out.append(_inline(args))  # ("@center w3 σ2(x2)", "@noindent Correction: …": printed text)
        else:
            out.append(_inline(line))
    return "\n".join(_closed_displays(out))


def _item(open_list: list[str | int], name: str, args: str) -> str:
    """One ``@item`` of the list it is in, as Markdown."""
    kind, start = open_list
    words = _inline(args)
    if kind == "multitable":
        cells = [c.strip() for c in words.split("@tab")]
        row = "| " + " | ".join(cells) + " |"
        first = open_list[1] == 0
        open_list[1] = 1
        if first:
            return f"{row}\n|{'---|' * len(cells)}"
        return row
    if kind == "enumerate":
        text_start = str(start)
        if text_start in ("i", "I") or text_start in _ROMAN:
            index = _ROMAN.index(text_start.lower()) if text_start.lower() in _ROMAN else 0
            label = f"({_ROMAN[index]})" if index < len(_ROMAN) else f"({index + 1})"
            open_list[1] = _ROMAN[index + 1] if index + 1 < len(_ROMAN) else str(index + 2)
        elif text_start.isdigit():
            label = f"{text_start}."
            open_list[1] = str(int(text_start) + 1)
        else:
            label = f"{text_start})"
            open_list[1] = chr(ord(text_start[0]) + 1)
        return f"{label} {words}".rstrip()
    if kind in ("table", "vtable", "ftable"):
        return f"\n{words}" if words else ""
    return f"- {words}".rstrip()


def _inline(line: str) -> str:
    """A line's inline commands as the text they print; ``@math{…}`` as ``$…$``."""
    if "@" not in line:
        return line
    line = _MATH.sub(lambda m: f"${plain_over(_unescaped(m.group(1)))}$", line)
    for _ in range(3):  # nested styles ("@strong{@code{x}}")
        line = _STYLE.sub(r"\1", line)
    return _unescaped(line)


def _unescaped(text: str) -> str:
    for command, char in _SYMBOLS.items():
        text = text.replace(command, char) if command in text else text
    return text


def _closed_displays(lines: list[str]) -> list[str]:
    """``@tex`` … ``@end tex``: the display opened as ``$$`` closed where its block ends (the blank line
    ``@end`` left)."""
    out: list[str] = []
    inside = False
    for line in lines:
        if line == "$$" and not inside:
            inside = True
            out.append("$$")
            continue
        if inside and line == "":
            out[-1] = out[-1] + "$$" if out[-1] != "$$" else out[-1]
            inside = False
            out.append("")
            continue
        out.append(plain_over(line) if inside else line)
    return out


def plain_over(math: str) -> str:
    """Plain TeX's fractions ``{a \\over b}`` as ``\\frac{a}{b}`` (a group holding one ``\\over``)."""
    if "\\over" not in math:
        return math
    for _ in range(20):
        match = re.search(r"\{((?:[^{}]|\{[^{}]*\})*?)\\over(?![a-zA-Z])((?:[^{}]|\{[^{}]*\})*)\}", math)
        if match is None:
            break
        math = f"{math[:match.start()]}\\frac{{{match.group(1).strip()}}}{{{match.group(2).strip()}}}" \
               f"{math[match.end():]}"
    return math
