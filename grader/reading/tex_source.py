"""A small front end for LaTeX source reports: sections, enumerate items, displays and inline math.

It gives the same blocks and math spans as the Markdown reader: ``\\section*{Problem 1}`` is a
heading, ``\\item[(a)]`` an item whose label is its optional argument, an ``\\item`` of an
``enumerate`` is numbered by its depth's style (``1.``, ``(a)``, ``i.`` or the ``label=`` option),
``\\[ \\]``, ``$$ $$`` and the equation environments are displays, ``$ $`` and ``\\( \\)`` inline.
Comments (``%`` to the line end) are skipped. One left-to-right scan: linear in the text.
"""
from __future__ import annotations

import re

from grader.reading.markdown_tree import ENVIRONMENTS, Block, MathSpan

_TOKEN = re.compile(
    r"(?<!\\)%[^\n]*"
    r"|\\(?:sub)*section\*?\s*(?:\[[^\]\n]*\])?\s*\{|\\paragraph\*?\s*\{|\\subparagraph\*?\s*\{"
    r"|\\begin\{(?P<open>[A-Za-z]+\*?)\}(?:\s*\[(?P<opt>[^\]\n]{0,80})\])?|\\end\{(?P<close>[A-Za-z]+\*?)\}"
    r"|\\frametitle\s*(?:<[^>\n]{0,20}>)?\s*(?:\[[^\]\n]{0,80}\])?\s*\{"
    r"|\\(?:item|question|part|subpart)\b\s*(?:\[(?P<item>[^\]\n]{0,40})\])?"
    r"|\\\\|\\\[|\\\]|\\\(|\\\)|\$\$|\\\$|\$|\n[ \t]*\n")  # \\[2pt] is a line break, not \[
_DISPLAY = {e for e in ENVIRONMENTS} | {e + "*" for e in ENVIRONMENTS}
# environments read as a program's text: no labels, no answers inside (a drawing's "\draw (b)--(c);" names nodes)
_VERBATIM = {"verbatim", "lstlisting", "minted", "Verbatim", "tikzpicture", "pgfpicture", "circuitikz", "forest"}
_STYLE = re.compile(r"\\(alph|Alph|roman|Roman|arabic)\*?")
_DEFAULT_STYLE = ("arabic", "alph", "roman", "Alph")
# enumitem's short labels and the enumerate package's: \begin{enumerate}[(a)], [a)], [i.], [(I)], [1.]
_SHORT_LABEL = re.compile(r"\s*[(\[]?\s*([aAiI1])\s*[)\].:]?\s*(?:,|$)")
_SHORT_STYLES = {"a": "alph", "A": "Alph", "i": "roman", "I": "Roman", "1": "arabic"}


_EXAM_LISTS = {"questions": "arabic-q", "parts": "alph", "subparts": "roman"}
_LABEL_ARGUMENT = re.compile(r"\{\s*((?:[1-9]\s*[.(]?\s*)?[a-h]\)?|[1-9]|iii|ii|iv|i)\s*\}")
_PART_LETTER = re.compile(r"\s*\{\s*\(?([a-hA-H])\)?\s*\}")
_PROBLEM_ENV = re.compile(r"(?i)\w*(?:problem|exercise|question|aufgabe|exercice|ejercicio)\w*\*?")
# an environment's option that is (or sets) a label, not a topic's title: "[2]", "[1(a)]", "[b]", "[subtitle=(a)]"
_LABEL_OPTION = re.compile(r"\d|=|\(\s*(?:[a-hA-H]|[ivx]{1,4})\s*\)|^\s*[a-hA-H]\)?\s*$")
_TITLE_KEY = re.compile(r"\s*(?:sub)?title\s*=\s*\{?")
_SET_COUNTER = re.compile(r"\\setcounter\s*\{(\w{1,40})\}\s*\{\s*(\d{1,2})\s*\}")
_NOT_TITLED = {"tabular", "tabular*", "tabularx", "array", "minipage", "figure", "table", "center", "multicols",
               "itemize", "enumerate", "description", "tikzpicture", "wrapfigure", "algorithm", "algorithmic",
               "algorithm2e", "lstlisting", "minted", "figure*", "table*", "subfigure", "sidewaysfigure",
               "sidewaystable", "marginfigure", "margintable", "SCfigure", "subtable", "longtable", "tabu",
               "wraptable", "threeparttable", "adjustbox", "subfloat", "tblr", "longtblr", "columns", "column"}


def closing_brace(text: str, at: int, stop: int) -> int:
    """The index of the brace that closes the ``{`` at ``at`` (escaped braces ``\\{`` skipped), looked for before
    ``stop``; -1 when it does not close there."""
    depth = 0
    for k in range(at, min(len(text), stop)):
        if text[k] in "{}" and text[k - 1:k] != "\\":
            depth += 1 if text[k] == "{" else -1
            if depth == 0:
                return k
    return -1


def _item_label(style: str, n: int) -> str:
    if style in ("alph", "Alph"):
        return f"({chr(ord('a') + n - 1)})" if n <= 8 else ""
    if style == "arabic-q":
        return f"Question {n}" if n <= 9 else ""
    if style in ("roman", "Roman"):
        return f"({('i', 'ii', 'iii', 'iv', 'v', 'vi')[n - 1]})" if n <= 6 else ""
    return str(n) if style == "arabic" else ""  # "1.": a part only in a problem that labels none by letter


# "\setlist[enumerate,1]{label=\textbf{(\alph*)}}", "\setlist[enumerate]{label=(\alph*)}" (every depth),
# "\renewcommand{\labelenumi}{(\alph{enumi})}": how the preamble numbers the items of a depth
_SETLIST = re.compile(r"\\setlist\s*\[\s*enumerate\s*(?:,\s*(\d))?\s*\]\s*\{[^{}\n]*?label\s*=[^\n]*?"
                      r"\\(alph|Alph|roman|Roman|arabic)\*")
_LABEL_ENUM = re.compile(r"\\renewcommand\s*\{?\\labelenum(i{1,3}|iv)\}?\s*\{[^\n]*?"
                         r"\\(alph|Alph|roman|Roman|arabic)\s*\{")


def _preamble_styles(preamble: str) -> dict[int, str]:
    """The numbering style the preamble sets for each depth of ``enumerate`` (1 is the outermost)."""
    styles: dict[int, str] = {}
    for m in _SETLIST.finditer(preamble):
        for depth in ([int(m.group(1))] if m.group(1) else [1, 2, 3, 4]):
            styles[depth] = m.group(2)
    for m in _LABEL_ENUM.finditer(preamble):
        styles[{"i": 1, "ii": 2, "iii": 3, "iv": 4}[m.group(1)]] = m.group(2)
    return styles


def read_tex(text: str) -> tuple[list[Block], list[MathSpan]]:
    begin = text.find("\\begin{document}")
    pos = begin + len("\\begin{document}") if begin >= 0 else 0
    blocks: list[Block] = []
    maths: list[MathSpan] = []
    lists: list[list] = []  # [style, count] per open enumerate/itemize
    styles = _preamble_styles(text[:max(begin, 0)])  # enumitem's \setlist, \renewcommand\labelenumi
    problems = 0  # problems counted by a template's environment
    last_problem = pos  # where the last one opened (a counter set after it numbers the next)
    para = pos
    math_open: tuple[str, int] | None = None
    for m in _TOKEN.finditer(text, pos):
        tok = m.group()
        if math_open is not None and math_open[0] in ("$", "\\(") and (tok[0] == "\n" or tok.startswith(
                ("\\item", "\\section", "\\subsection", "\\question", "\\part"))):
            math_open = None  # an inline formula left open: TeX ends it at the paragraph's end (with an error), and
            # the formulas after it pair as written, not shifted by one
        if math_open is not None:
            kind, start = math_open
            if tok == kind or (m.group("close") and m.group("close") == kind):
                maths.append(MathSpan(start, m.start() if tok == kind else m.end(),
                                      "env" if kind not in ("$", "$$", "\\)", "\\]") else
                                      ("inline" if kind in ("$", "\\)") else "display")))
                if kind not in ("$", "\\)"):
                    blocks.append(Block("math", start, m.end(), start))
                math_open = None
            continue
        if tok.startswith("%") or tok in ("\\$", "\\\\"):
            continue
        if tok.startswith("\n"):
            _para(blocks, para, m.start())
            para = m.end()
        elif tok.startswith(("\\section", "\\subsection", "\\subsub", "\\paragraph", "\\subparagraph")):
            _para(blocks, para, m.start())
            level = 1 + tok.count("sub") + (3 if tok.startswith("\\paragraph") else 0)
            close = text.find("}", m.end())
            close = m.end() if close < 0 else close
            blocks.append(Block("heading", m.start(), close + 1, m.end(), level=level))
            para = close + 1
        elif tok.startswith("\\frametitle"):
            para = _frame_title(text, m.end() - 1, blocks, para, m.start())
        elif m.group("open"):
            name = m.group("open")
            if name == "frame":  # a Beamer slide: its title is a heading ("Backprop -- part (b)")
                title = _FRAME_TITLE.match(text, m.end())
                if title:
                    para = _frame_title(text, title.end() - 1, blocks, para, m.start())
            elif name in _DISPLAY:
                math_open = (name, m.start())
            elif name in _VERBATIM:
                end = text.find(f"\\end{{{name}}}", m.end())
                end = len(text) if end < 0 else end
                blocks.append(Block("code", m.start(), end, m.end()))
                para = end
            elif name in ("enumerate", "itemize"):
                style = _STYLE.search(m.group("opt") or "")
                short = _SHORT_LABEL.match(m.group("opt") or "")
                depth = sum(1 for kind in lists if kind[0] != "bullet") + 1
                default = styles.get(depth, _DEFAULT_STYLE[min(len(lists), 3)]) if name == "enumerate" else "bullet"
                lists.append([style.group(1) if style else _SHORT_STYLES[short.group(1)] if short else default, 0])
            elif name in _EXAM_LISTS:  # the exam class: \question, \part, \subpart numbered 1, (a), (i)
                lists.append([_EXAM_LISTS[name], 0])
            elif _PROBLEM_ENV.fullmatch(name) and not _LABEL_ARGUMENT.match(text, m.end()) \
                    and (not m.group("opt") or not _LABEL_OPTION.search(m.group("opt"))):
                # \begin{homeworkProblem}, \begin{aufgabe}[Faltungsnetze]: a template's problem, numbered by its counter
                # (a title in brackets names its topic, not its number; "\setcounter{aufgabe}{1}" sets the next)
                problems = next((int(c.group(2)) for c in reversed(list(_SET_COUNTER.finditer(text, last_problem,
                                                                                            m.start())))
                                 if c.group(1) == name), problems) + 1
                last_problem = m.end()
                _para(blocks, para, m.start())
                blocks.append(Block("item", m.start(), m.end(), m.end(), number=f"Question {problems}"))
                para = m.end()
            elif m.group("opt") and name not in _NOT_TITLED and not re.fullmatch(r"\s*(?!b\s*$)[htbpH!]+\s*",
                                                                                 m.group("opt")):
                # \begin{problem}[1(a)]: a theorem-like environment whose optional title names the part (a lone
                # [b] too: a float's placement is only read as one on the floats above)
                keyed = _TITLE_KEY.match(m.group("opt"))  # exsheets' "[subtitle=(a)]": the title after its key
                blocks.append(Block("heading", m.start(), m.end(), m.start("opt") + (keyed.end() if keyed else 0),
                                    level=3))
                para = m.end()
            elif name not in _NOT_TITLED and (arg := _LABEL_ARGUMENT.match(text, m.end())) is not None:
                # \begin{part}{b}, \begin{problem}{2}: an environment of the hand-in's own whose argument is the
                # label it prints ("\newenvironment{part}[1]{\textit{(#1)}}{}")
                _para(blocks, para, m.start())
                blocks.append(Block("heading", m.start(), arg.end(), arg.start(1), level=3))
                para = arg.end()
        elif m.group("close") in ("enumerate", "itemize", *_EXAM_LISTS):
            if lists:
                lists.pop()
        elif tok.startswith(("\\item", "\\question", "\\part", "\\subpart")):
            if not tok.startswith("\\item") and not (lists and lists[-1][0] in _EXAM_LISTS.values()):
                if tok.startswith("\\part") and (arg := _PART_LETTER.match(text, m.end())) is not None:
                    _para(blocks, para, m.start())  # \part{b} of a homework template: part (b)
                    blocks.append(Block("item", m.start(), arg.end(), arg.end(), number=f"({arg.group(1).lower()})"))
                    para = arg.end()
                continue  # \part{…} outside the exam class: a book's part, no item
            _para(blocks, para, m.start())
            label = m.group("item")
            if lists:
                lists[-1][1] += 1
            content = m.start("item") if label is not None else m.end()
            synth = "" if label is not None or not lists else _item_label(lists[-1][0], lists[-1][1])
            blocks.append(Block("item", m.start(), m.end(), content, number=synth))
            para = m.end()
        elif tok in ("$", "$$", "\\(", "\\["):
            math_open = ({"$": "$", "$$": "$$", "\\(": "\\)", "\\[": "\\]"}[tok], m.end())
    _para(blocks, para, len(text))
    blocks.sort(key=lambda b: (b.start, b.kind != "item"))
    return blocks, maths


# what may stand between \begin{frame}[options] and its title: an overlay spec, options, a label
_FRAME_TITLE = re.compile(r"(?:\s*<[^>\n]{0,20}>|\s*\[[^\]\n]{0,80}\])*\s*\{")


def _frame_title(text: str, brace: int, blocks: list[Block], para: int, start: int) -> int:
    """A slide's title as a heading (``\\begin{frame}{…}``, ``\\frametitle{…}``); where the text goes on."""
    close = closing_brace(text, brace, brace + 300)
    if close < 0:
        return para
    _para(blocks, para, start)
    blocks.append(Block("heading", start, close + 1, brace + 1, level=2))
    return close + 1


def _para(blocks: list[Block], start: int, end: int) -> None:
    if start < end:
        blocks.append(Block("paragraph", start, end, start))
