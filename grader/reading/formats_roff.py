"""A report written in troff/groff (the ``-ms`` macros) with its equations in ``eqn``, read as Markdown.

Some students still typeset with groff: paragraphs open with ``.PP``, numbered headings with ``.NH 2`` (the
heading's text on the next line), displays sit between ``.EQ`` and ``.EN``, tables between ``.TS`` and
``.TE``, and ``delim $$`` makes ``$…$`` inline eqn. eqn is a language of words: ``x sub 1``, ``e sup {-u}``,
``a over b``, ``left ( … right )``, ``sum from {i=1} to 2``, ``pile { a above b }``, with ``~`` and ``^`` as
spaces (never a power) and ``define sig 'sigma'`` for the writer's own words. Its words are those of StarMath,
which the expression reader already knows, but for the spacing and the Greek letters written bare; so an
equation is set as StarMath text and left for that reader. Macros that only style the page are dropped; the
text of each paragraph, heading and table stays where it was. Text to text: nothing is run.
"""
from __future__ import annotations

import re

from grader.expressions.starmath import rewritten

_MACRO = re.compile(r"^\.(?:PP|LP|QP|NH|SH|SS|TH|TP|TL|EQ|EN|TS|TE|IP|DS|DE|AU|AB|AE|AI|RS|RE|ft|sp|br|bp|nr|ds|nf"
                    r"|fi)\b", re.MULTILINE)
_GREEK = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
          "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega")
_GREEK_WORD = re.compile(r"(?<![\w%\\])(" + "|".join(_GREEK) + r"|" + "|".join(g.upper() for g in _GREEK) + r")\b")
_ESCAPES = {r"\(em": "—", r"\(en": "–", r"\(mu": "×", r"\(->": "→", r"\(<-": "←", r"\(mo": "∈", r"\(*s": "σ",
            r"\(*a": "α", r"\(pd": "∂", r"\(gr": "∇", r"\(mi": "−", r"\(aq": "'", r"\(dq": '"', r"\(pl": "+",
            r"\(eq": "=", r"\(**": "*", r"\(bu": "•", r"\-": "-", r"\&": "", r"\e": "\\", r"\|": "", r"\^": ""}
# troff's Greek letters, "\(*s" or groff's "\[*s]" (capitals "\(*S"), and its other special characters
_GREEK_ESCAPES = dict(zip("abgdezyhiklmnxoprstufcqw", "αβγδεζηθικλμνξοπρστυφχψω", strict=True)) | dict(
    zip("ABGDEZYHIKLMNXOPRSTUFCQW", "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ", strict=True))
_SPECIAL = {"bu": "•", "sr": "√", "if": "∞", "<=": "≤", ">=": "≥", "!=": "≠", "ap": "~", "de": "°", "sc": "§",
            "md": "·", "pc": "·", "tm": "™", "co": "©", "rg": "®", "lq": "“", "rq": "”", "oq": "‘", "cq": "’",
            "hy": "-", "ti": "~", "ha": "^", "sl": "/", "rs": "\\", "==": "≡", "~=": "≅", "is": "∫", "sum": "∑",
            "product": "∏", "nabla": "∇", "partial": "∂", "->": "→", "<-": "←", "mu": "×", "di": "÷", "+-": "±",
            "mi": "−", "pl": "+", "eq": "=", "pd": "∂", "gr": "∇", "em": "—", "en": "–", "aq": "'", "dq": '"',
            "**": "*", "mo": "∈", "fo": "«", "fc": "»", "tf": "∴", "no": "¬", "AN": "∧", "OR": "∨", "sd": "″",
            "fm": "′", "cd": "·"}
_NAMED_ESCAPE = re.compile(r"\\(?:\((\S\S)|\[([^\]\s]{1,12})\])")


def _special(m: re.Match[str]) -> str:
    name = m.group(1) or m.group(2)
    if name.startswith("*") and len(name) == 2 and name[1] in _GREEK_ESCAPES:
        return _GREEK_ESCAPES[name[1]]
    return _SPECIAL.get(name, m.group())


_FONT = re.compile(r"\\f(?:\(\w\w|\[\w*\]|[BIRP1-4])")
_DEFINE = re.compile(r"^[ \t]*(?:define|ndefine|tdefine)[ \t]+(\w+)[ \t]+(\S)(.*?)\2[ \t]*$")
_STYLE_WORDS = re.compile(r"\b(?:roman|italic|bold|fat)\b|\bsize[ \t]+[+-]?\d+")


def is_roff(text: str) -> bool:
    """Whether ``text`` is a troff source: its lines open with the ``-ms`` macros (``.PP``, ``.NH``, ``.EQ``)."""
    return len(_MACRO.findall(text, 0, 200_000)) >= 4


# macros whose arguments set the page, never print (a column's width, a register, a font's size)
_LAYOUT_MACROS = {"ND", "DA", "RP", "TA", "KS", "KE", "KF", "EH", "OH", "EF", "OF", "P1", "RS", "RE", "TH", "MT",
                  "TC", "PX", "XS", "XE", "XA", "1C", "2C", "MC", "PT", "HP", "DE", "EN", "TE", "TS", "EQ", "FS",
                  "FE", "AE", "AB", "AI", "ds", "nr"}


def roff_markdown(text: str) -> str:
    """The report as Markdown: headings, paragraphs, displays as ``$$…$$``, inline eqn as ``$…$``, tables as
    pipe tables, displays of text (``.DS``) as fenced blocks."""
    defines: dict[str, str] = {}
    inline = False  # "delim $$": $…$ is eqn in the text
    out: list[str] = []
    lines = text.split("\n")
    k = 0
    heading = ""
    while k < len(lines):
        line = lines[k]
        k += 1
        if line.startswith(('.\\"', '\\"', "'\\\"")):
            continue
        macro = re.match(r"^\.(\w+)[ \t]*(.*)$", line)
        if macro is None:
            line = _text(line, defines if inline else None)
            if heading:
                out.append(f"{heading} {line.strip()}")
                heading = ""
            else:
                out.append(line)
            continue
        name, args = macro.group(1), macro.group(2)
        if name == "ig":  # ".ig" … "..": ignored input, never printed (".ig XX" … ".XX": up to its own end mark)
            end = f".{args.split()[0]}" if args.split() else ".."
            while k < len(lines) and not (lines[k].startswith(end) and lines[k][len(end):len(end) + 1] in ("", " ")):
                k += 1
            k += 1
            continue
        if name == "EQ":
            body: list[str] = []
            while k < len(lines) and not lines[k].startswith(".EN"):
                piece = lines[k]
                k += 1
                if (define := _DEFINE.match(piece)) is not None:
                    defines[define.group(1)] = define.group(3)
                elif re.match(r"^[ \t]*delim[ \t]+(\S\S)", piece):
                    inline = "off" not in piece
                else:
                    body.append(piece)
            k += 1
            math = eqn_latex(" ".join(body), defines)
            if math.strip():
                out += ["", f"$${math}$$", ""]
        elif name == "TS":
            rows, k = _table(lines, k)
            out += ["", *rows, ""]
        elif name in ("DS", "LD", "CD", "BD"):
            block: list[str] = []
            while k < len(lines) and not lines[k].startswith(".DE"):
                if not re.match(r"^\.(?:ft|sp|br)\b", lines[k]):
                    block.append(_text(lines[k], None))
                k += 1
            k += 1
            out += ["", "```", *block, "```", ""]
        elif name in ("NH", "SH", "SS") and args.strip() and not args.strip().isdigit():
            level = 3 if name == "SS" else 2  # a man page's ".SH NAME", ".SS (b) …": the heading on its own line
            title = _text(args.strip().strip('"'), None)
            out += ["", f"{'#' * level} {title}", ""]
        elif name in ("NH", "SH", "SS"):
            level = int(args) if args.strip().isdigit() else 1
            heading = "#" * min(level + 1, 6)
            out.append("")
        elif name == "TL":
            heading = "#"
        elif name in ("I", "B", "R", "CW", "UL", "SM"):
            words = re.findall(r'"([^"]*)"|(\S+)', args)
            out.append(_text(" ".join(a or b for a, b in words), None))
        elif name in ("BI", "IB", "RB", "BR", "IR", "RI"):  # fonts alternating word by word: the words run on
            words = re.findall(r'"([^"]*)"|(\S+)', args)
            out.append(_text("".join(a or b for a, b in words), None))
        elif name == "TP":
            out.append("")  # a tagged paragraph: its tag is the next line
        elif name in ("IP", "QP", "PP", "LP"):
            label = re.match(r'"([^"]*)"|(\S+)', args) if name == "IP" else None
            out.append("")
            if label is not None:
                out.append((label.group(1) or label.group(2)) + " ")
        elif name[:1].isupper() and args.strip() and name not in _LAYOUT_MACROS:
            out.append(_text(args.strip().strip('"'), defines if inline else None))  # ".BX w3·σ2(x2)", ".AU …": a
            # macro's words are printed
        # every other request (.ft, .nr, .sp, …) styles the page
    return "\n".join(out)


def _text(line: str, defines: dict[str, str] | None) -> str:
    """A line of text with troff's escapes as the characters they print; ``$…$`` as inline math when eqn's
    delimiters are on (``defines`` given)."""
    for escape, char in _ESCAPES.items():
        line = line.replace(escape, char) if escape in line else line
    line = _NAMED_ESCAPE.sub(_special, line) if "\\(" in line or "\\[" in line else line
    line = _FONT.sub("", line)
    if defines is not None and "$" in line:
        line = re.sub(r"\$([^$\n]+)\$", lambda m: f"${eqn_latex(m.group(1), defines)}$", line)
    return line


def eqn_latex(eqn: str, defines: dict[str, str] | None = None) -> str:
    """An eqn formula as LaTeX (by way of StarMath, whose words eqn shares)."""
    for _ in range(3):  # a definition may use another ("define dsig 'sig prime'")
        for word, value in (defines or {}).items():
            eqn = re.sub(rf"(?<![\w\\%]){re.escape(word)}(?!\w)", " " + value.replace("\\", "\\\\") + " ", eqn)
    eqn = _STYLE_WORDS.sub(" ", eqn)
    eqn = eqn.replace('"{"', " lbrace ").replace('"}"', " rbrace ")
    eqn = re.sub(r'"([^"]*)"', r"\1", eqn)
    eqn = eqn.replace("~", " ").replace("^", " ")  # eqn's spaces (a power is "sup")
    eqn = re.sub(r"(?<![\w\\])prime\b", "'", eqn)
    eqn = re.sub(r"(?<![\w\\])(?:grad|del)\b", " nabla ", eqn)
    eqn = re.sub(r"(?<![\w\\])inf\b", " \\\\infty ", eqn)
    eqn = eqn.replace("<-", " larrow ").replace("->", " rarrow ").replace("\\(mo", " in ")
    eqn = _NAMED_ESCAPE.sub(_special, eqn) if "\\(" in eqn or "\\[" in eqn else eqn  # "define grad '\(gr'"
    eqn = re.sub(r"(?<![\w\\])[lcr]?pile\s*\{", "stack{", eqn)
    eqn = re.sub(r"(?<![\w\\])above(?!\w)", "#", eqn)
    eqn = _GREEK_WORD.sub(lambda m: "%" + m.group(1), eqn)
    return re.sub(r"[ \t]{2,}", " ", rewritten(eqn)).strip()


def _table(lines: list[str], k: int) -> tuple[list[str], int]:
    """A ``.TS`` table from line ``k``: its options and format lines (up to the one ending in ``.``) skipped,
    its rows (cells apart by tabs) as a pipe table; the index after ``.TE``."""
    while k < len(lines) and not lines[k].rstrip().endswith(".") and not lines[k].startswith(".TE"):
        k += 1
    k += 1
    rows: list[str] = []
    while k < len(lines) and not lines[k].startswith(".TE"):
        row = lines[k]
        k += 1
        if row.strip() in ("_", "=", "") or row.startswith("."):
            continue
        cells = [_text(c, None).strip() for c in row.split("\t")]
        rows.append("| " + " | ".join(cells) + " |")
        if len(rows) == 1:
            rows.append("|" + "---|" * len(cells))
    return rows, k + 1
