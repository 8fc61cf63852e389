"""Tables in a written part, as rows of (label, column, cell): Markdown pipe tables and printed summaries.

Pipe tables come from a real Markdown parser (markdown-it-py), never from regular
expressions over the whole text. A printed layer summary (torchsummary's
``Layer (type) / Output Shape / Param #``, pasted as text or in a code block) is read
line by line: its rows are numbered across all layer types (``Conv2d-1``, ``ReLU-2``,
``MaxPool2d-3``, ``Conv2d-4``), so a row is renamed by its rank among layers of its
type (``Conv2d-4`` is the second convolution: ``conv2d 2``).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark").enable("table")
_SUMMARY_ROW = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]{0,40})-(\d{1,4})\s+(\[[^\]\n]{0,80}\]|\([^)\n]{0,80}\))"
                          r"\s+([\d][\d,.'\u2009\u202f\u00a0]{0,20})\s*$")
_TOTAL = re.compile(r"^\s*Total params:\s*([\d][\d,.'\u2009\u202f\u00a0]{0,20})\s*$", re.IGNORECASE)
_SUMMARY_HEAD = re.compile(r"layer\s*\(type\).{0,80}param", re.IGNORECASE)


@dataclass(frozen=True)
class Cell:
    """One table cell that may hold a value: the row's label, the column's header, the cell's text."""

    row: str
    column: str
    text: str
    line: int  # line of the part it came from (0-based)
    last: bool = True  # the row's last cell that holds a number
    remark: bool = False  # under a "notes" head: only values its own words name are read


def pipe_tables(text: str) -> tuple[list[Cell], set[int]]:
    """Every body cell of every pipe table (LaTeX tabulars, Org tables and tables set in columns with spaces or tabs
    read as such), and the lines the tables cover (prose reading skips them)."""
    header: list[str] = []
    row: list[str] | None = None
    row_line, first = 0, True  # first: the next row is the table's first body row
    body: list[tuple[list[str], list[str], int]] = []  # the table's body rows, with their head and line
    piped, tabulars = _tabular_as_pipe(text)
    cells, covered = _aligned_tables(text)  # a table set in columns, read as a table: its lines
    named, printed = _named_vectors(text)
    cells, covered = cells + named, covered | printed
    covered.update(tabulars)  # a tabular read as a table: its lines
    for tok in _PARSER.parse(_INDENTED_ROW.sub("", _ruled_with_plus(_org_as_pipe(piped)))):
        if tok.type == "table_open" and tok.map:
            covered.update(range(tok.map[0], tok.map[1]))
        elif tok.type == "tr_open":
            row, row_line = [], tok.map[0] if tok.map else 0
        elif tok.type == "inline" and row is not None:
            row.append(tok.content)
        elif tok.type == "tr_close" and row is not None:
            head_row = not header
            if header and not any(c.strip() for c in header) and first and _names_row(row):
                header = row  # a headless table whose first row names the columns (conv1 | relu1 | …)
            elif header:
                body.append((row, header, row_line))
            elif _values_row(row):  # a head that holds values is a row of data: its columns have no names
                header = [""] * len(row)
                body.append((row, header, row_line))
            else:
                header = row
            first, row = head_row and header is row, None
        elif tok.type == "table_close":
            cells.extend(_body_cells(body))
            header, first, body = [], True, []
    return cells, covered


# a text table's rule drawn with "+" where its columns cross ("--------+--------+-----"), under a head of columns set
# apart by "|" (no bar at either end), the whole maybe indented: a pipe table
_DASHES_AND_PLUSES = r"[ \t]*-{2,}(?:\+-{2,})+[ \t]*"
_PLUS_RULE = re.compile(rf"(?m)^(?P<head>[ \t]*[^|\n]*\|[^\n]*)\n(?P<rule>{_DASHES_AND_PLUSES})$")


def _ruled_with_plus(text: str) -> str:
    if "-+-" not in text:
        return text

    def table(m: re.Match[str]) -> str:
        before = text[text.rfind("\n", 0, max(0, m.start() - 1)) + 1:max(0, m.start() - 1)]
        if "|" in before:
            return m.group()  # a rule under the rows, above a total: the table's head is further up
        indent = len(m.group("head")) - len(m.group("head").lstrip(" \t"))
        return f"{m.group('head')[indent:]}\n{m.group('rule').strip().replace('+', '|')}"

    lines = _PLUS_RULE.sub(table, text).split("\n")
    inside = False  # the rows under a rule set so, up to a blank line: dedented as their head is
    for i, line in enumerate(lines):
        if inside and _PLUS_ONLY.fullmatch(line):
            lines[i] = line = line.strip().replace("+", "|")  # a rule under the rows, above the total: a row of dashes
        if inside and "|" in line:
            lines[i] = line.lstrip(" \t")
        inside = "|" in line and (inside or _PIPE_RULE.fullmatch(line) is not None)  # "total   431,080": after it
    return "\n".join(lines)


_PIPE_RULE = re.compile(r"-{2,}(?:\|-{2,})+")
_PLUS_ONLY = re.compile(_DASHES_AND_PLUSES)


# a pipe table indented in a plain-text hand-in ("(c)" then "     | layer | weights |"): a table, not a code block
_INDENTED_ROW = re.compile(r"(?m)^(?:[ \t]{4,}|[ \t]*[-*+][ \t]+)(?=\|.*\|[ \t]*$)")  # (an outliner's bullet
# holds a table's head row: "\t\t- | layer | # params |", its rows under it)


def _body_cells(body: list[tuple[list[str], list[str], int]]) -> list[Cell]:
    """A table's body rows as cells, columns that offer rival counts (see :func:`_twin_columns`) each an answer."""
    twins = _twin_columns([row for row, _, _ in body])
    return [cell for row, header, line in body for cell in _row_cells(row, header, line, twins)]


def _twin_columns(rows: list[list[str]]) -> frozenset[int]:
    """Two columns of counts that agree on most layers and differ on one or two, neither adding up the others
    ("| conv2 | (5·5·20+1)·50 = 25,050 | (5·5+1)·50 = 1,300 |" under "per-channel | shared"): the same answer
    worked out two ways, offered side by side. The last column is no more the answer than the first, whatever the
    heads say ("corrected | first attempt": the words around the table may choose the other; red team 46)."""
    columns: dict[int, dict[int, int]] = {}
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            count = _count(cell.rsplit("=", 1)[-1])
            if count is not None:
                columns.setdefault(k, {})[r] = count
    for a, b in itertools.combinations(sorted(columns), 2):
        shared = columns[a].keys() & columns[b].keys()
        same = sum(1 for r in shared if columns[a][r] == columns[b][r] != 0)  # (a layer with no parameters agrees
        differ = [r for r in shared if columns[a][r] != columns[b][r]]  # in any two columns: it is no evidence)
        if same >= 2 and differ and len(differ) < same and not any(
                sum(c[r] for k, c in columns.items() if k != b and r in c) == columns[b][r] for r in differ):
            return frozenset({a, b})  # (a column that adds up the others is a total, not a twin)
    return frozenset()


def _values_row(row: list[str]) -> bool:
    """A label then values only (``| Input | 28 × 28 |``): column names are words, so such a first row
    (a headless table written with a head, as grid tables and converters do) is data."""
    return len(row) >= 2 and _has_words(row[0]) and all(
        re.search(r"\d", c) and not _has_words(_ASIDE.sub("", c)) for c in row[1:])


_ASIDE = re.compile(r"\([^()]*\)")  # "28 × 28 (1 channel)": a value with a remark beside it


def _names_row(row: list[str]) -> bool:
    """Every cell a name (``conv1 | relu1 | total``), none a value."""
    return len(row) >= 2 and all(_has_words(c) for c in row)


def _has_words(cell: str) -> bool:
    """Letters other than the x of a size ("5 x 5" and "$28 \\times 28$" are values, "conv1" a label)."""
    cell = re.sub(r"\\(?:times|cdot|,|;|!|\s)|\\(?:text|mathrm)\{\s*\}", " ", cell)
    return re.search(r"[^\W\d_]", re.sub(r"(?<=\d)\s*[xX]\s*(?=\d)", "", cell)) is not None


_ORG_RULE = re.compile(r"^([ \t]*)\|(-+(?:\+-+)*)\|[ \t]*$", re.MULTILINE)
_ORG_DIRECTIVE = re.compile(r"^[ \t]*#\+[A-Za-z_]+:.*$", re.MULTILINE)


def _org_as_pipe(text: str) -> str:
    """An Org-mode table (``|----+----|`` rules, ``#+NAME:`` lines around it) as a pipe table;
    every line keeps its place, so the lines a table covers are the part's own."""
    text = _ORG_DIRECTIVE.sub("", text)
    return _ORG_RULE.sub(lambda m: m.group(1) + "|" + m.group(2).replace("+", "|") + "|", text)


_TABULAR_BEGIN = re.compile(r"^[^\n&]*?\\begin\{(?P<env>tabular\*?|tabularx|longtable|array)\}",
                            re.MULTILINE)  # from its line's start: "\begin{center}\begin{tabular}" is markup


def tabular_rows(text: str) -> list[tuple[int, int]]:
    """(start, end) of each row of each LaTeX tabular's body (cut at ``\\\\`` as :func:`_pipe_rows` cuts it), the way a
    Markdown table's rows are blocks."""
    out: list[tuple[int, int]] = []
    for start, end in _tabulars(text):
        row = body = text.find("\n", start, end) + 1 or end
        stop = max(text.rfind("\\end", body, end), body)
        for m in _ROW_BREAK.finditer(text, body, stop):
            out.append((row, m.start()))
            row = m.end()
        if text[row:stop].strip():
            out.append((row, stop))
    return out


def _tabulars(text: str) -> list[tuple[int, int]]:
    """(start, end) of each tabular, found by one scan in order (a \\begin never closed ends the scan: no later one is
    looked for from it again)."""
    if "\\begin{" not in text:
        return []
    out: list[tuple[int, int]] = []
    pos = 0
    while (begin := _TABULAR_BEGIN.search(text, pos)) is not None:
        close = f"\\end{{{begin.group('env')}}}"
        end = text.find(close, begin.end())
        if end < 0:
            break
        out.append((begin.start(), end + len(close)))
        pos = end + len(close)
    return out
_ROW_BREAK = re.compile(r"\\\\(?:\[[^\]\n]*\])?")  # a tabular's row break, with its spacing (\\[8pt])
_RULES = re.compile(r"\\(?:toprule|midrule|bottomrule|hline|cmidrule(?:\([^)]*\))?\{[^{}]*\}|cline\{[^{}]*\})")
# (its text {\textbf{sum}}, its column {@{}l} too)
_MULTICOLUMN = re.compile(r"\\multicolumn\{(\d)\}\{(?:[^{}]|\{[^{}]*\})*\}\{((?:[^{}]|\{[^{}]*\})*)\}")


# a column's name has a word: "weights", "bias", "# params", "total", "হিসাব" (letters with the vowel signs that
# Indic and Thai scripts write as marks, which are no word characters)
_HEAD_WORD = re.compile(r"(?:[^\W\d_][\u0900-\u0dff\u0e31-\u0e4e\u0300-\u036f]*){2,}")
_FENCE = re.compile(r"[ \t]*(?:```|~~~)[\w+-]*[ \t]*")


_LABEL_FIRST = re.compile(r"(?:[A-Za-z]{1,8}\.?\s?)?\d{1,2}(?:[.(]?[a-z]\)?)?[.:)]?|\(?[a-z]\)[.:]?", re.IGNORECASE)


def _aligned_tables(text: str) -> tuple[list[Cell], set[int]]:
    """A table set in columns with spaces or tabs (``layer    weights        bias   total`` over ``conv1
    5*5*1*20=500   20     520``), as a plain-text or fenced block or a word processor's text export prints it: its
    cells, cut where the head's columns start (or at its tabs), so a value lands in the column it stands under even
    where one space parts it from the next. Read only under a head of three or more named columns, with two or
    more rows under it that name something and hold numbers. Also the lines so read."""
    lines = text.split("\n")
    cells: list[Cell] = []
    covered: set[int] = set()
    i = 0
    while i < len(lines) - 2:
        head = lines[i]
        tabbed = "\t" in head.strip()
        names = head.strip().split("\t") if tabbed else re.split(r"\s{2,}", head.strip())
        names = [n.strip() for n in names]
        label = _LABEL_FIRST.fullmatch(names[0]) if len(names) > 3 and not tabbed else None
        if label is not None:  # "Q2.c  layer   weights   biases   total": the part's label, then the head
            names = names[1:]
        if len(names) < 3 or "|" in head or _SUMMARY_HEAD.search(head) \
                or not all(_HEAD_WORD.search(n) and not re.search(r"\d", n) for n in names if n):
            i += 1
            continue
        starts = [m.start() for m in re.finditer(r"\S+(?: \S+)*", head)][1 if label is not None else 0:]
        rows: list[int] = []
        j = i + 1
        while j < len(lines) and lines[j].strip() and not _FENCE.fullmatch(lines[j]):
            rows.append(j)
            j += 1
        named = [r for r in rows if re.search(r"\d", lines[r]) and re.match(r"[ \t]*[^\W\d_]", lines[r])]
        if len(named) < 2:
            i += 1
            continue
        body = [([c.strip() for c in lines[r].strip().split("\t")] if tabbed else _by_column(lines[r], starts),
                 names, r) for r in rows]
        cells.extend(_body_cells(body))
        covered.update(range(i, j))
        i = j
    return cells, covered


_PRINT_PREFIX = re.compile(r"^[ \t]*(?:##|#>)?[ \t]*")
_NAME = re.compile(r"[A-Za-z_][\w.]{0,30}")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?", re.IGNORECASE)


def _named_vectors(text: str) -> tuple[list[Cell], set[int]]:
    """A named vector as R prints it (``## conv1  relu1  pool1`` over ``##   520      0      0``): a line of
    names over a line of as many numbers, each number its name's value. Also the lines so read."""
    lines = [_PRINT_PREFIX.sub("", line) for line in text.split("\n")]
    cells: list[Cell] = []
    covered: set[int] = set()
    for i in range(len(lines) - 1):
        names, values = lines[i].split(), lines[i + 1].split()
        if len(names) < 2 or len(names) != len(values) or i in covered \
                or not all(_NAME.fullmatch(n) for n in names) or not all(_NUMBER.fullmatch(v) for v in values):
            continue
        cells.extend(Cell(n, "", v, i + 1) for n, v in zip(names, values, strict=True))
        covered.update((i, i + 1))
    return cells, covered


_ROW_WORD = re.compile(r"(?<!\S)(\d{1,3}(?:[ \u2009\u202f]\d{3})+(?!\S)|\d+(?:[.,]\d+)*(?!\S))|\S+")


def _by_column(row: str, starts: list[int]) -> list[str]:
    """The words of a row, each in the column its span overlaps most (the head's columns start at ``starts``)."""
    bounds = [*starts[1:], 10**9]
    cells: list[list[str]] = [[] for _ in starts]
    for m in _ROW_WORD.finditer(row):
        overlap = [min(m.end(), b) - max(m.start(), a) for a, b in zip(starts, bounds, strict=True)]
        best = max(range(len(starts)), key=lambda k: (overlap[k], -k))
        if m.group(1):  # a number set flush right ("   25 050" under "params"): the column its last digit is in
            best = max([k for k, a in enumerate(starts) if a < m.end()], default=best)
        if overlap[best] <= 0:
            best = max([k for k, a in enumerate(starts) if a <= m.start()], default=0)
        cells[best].append(m.group())
    return [" ".join(c).replace("|", "/") for c in cells]


def _tabular_as_pipe(text: str) -> tuple[str, set[int]]:
    """A LaTeX ``tabular`` (``conv1 & $5\\cdot5\\cdot1\\cdot20 = 500$ & $20$ & $520$ \\\\``) as a pipe table, its first
    row the head (so "weights | biases | total" name the columns, and a row's last value is its answer);
    ``\\multicolumn{3}{l}{total}`` spans its columns. The table keeps its lines (the ``\\begin`` line carries the head,
    the next the pipe table's rule, then a row a line), so every line after it keeps its place. Also the lines of
    the tabulars so read."""
    out: list[str] = []
    pos, lines = 0, set[int]()
    for start, end in _tabulars(text):
        piped = _pipe_rows(text[start:end])
        if piped != text[start:end]:
            lines.update(range(text.count("\n", 0, start), text.count("\n", 0, end) + 1))
        before = text[pos:start]
        if piped != text[start:end]:  # a list item's line right above ("- shapes}" of a slide's title): the table
            before = _LIST_LINE_END.sub(lambda m: " " * len(m.group(1)) + m.group(2), before)  # is no lazy line of it
        out += [before, piped]
        pos = end
    return "".join(out) + text[pos:], lines


_LIST_LINE_END = re.compile(r"(?:^|(?<=\n))[ \t]*([-*+][ \t]+|\d{1,3}[.)][ \t]+)([^\n]*\n"
                            r"(?:[ \t]*\\(?:begin\{center\}|centering|small|footnotesize|scriptsize|renewcommand[^\n]*"
                            r"|setlength[^\n]*)[ \t]*\n)*)\Z")
# (and the lines of markup between: "\begin{center}", "\small", "\renewcommand{\arraystretch}{1.2}")


def _pipe_rows(block: str) -> str:
    lines = block.split("\n")
    head_end = block.find("\n")
    body = block[head_end + 1:block.rfind("\\end")] if head_end >= 0 else ""
    rows = [r for r in (_RULES.sub("", r).strip() for r in _ROW_BREAK.split(body)) if "&" in r]
    if not rows or len(rows) + 1 > len(lines) - 1:
        return block  # rows set more than one to a line and no line to spare for each: read as text
    out = [_pipe_row(rows[0]), "|" + "---|" * (rows[0].count("&") + 1), *(_pipe_row(r) for r in rows[1:])]
    return "\n".join(out + [""] * (len(lines) - len(out)))


def _pipe_row(row: str) -> str:
    row = _MULTICOLUMN.sub(lambda m: m.group(2) + " &" * (int(m.group(1)) - 1), row)
    cells = [_plain_cell(c) for c in row.replace("\n", " ").split("&")]
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def _plain_cell(cell: str) -> str:
    """A cell's math as the text it shows (``$(5\\cdot5\\cdot1+1)\\cdot20 = 520$``: (5·5·1+1)·20 = 520), so a cell of
    values is not taken for words."""
    cell = re.sub(r"\\(?!d?frac\b|sqrt\b)[A-Za-z]+\*?\s*\{([^{}]*)\}", r"\1", cell)  # \num{520}, \textbf{total}
    for latex, shown in _SHOWN:
        cell = cell.replace(latex, shown)
    return cell.strip()


_SHOWN = (("\\#", "#"), ("\\%", "%"), ("\\left", ""), ("\\right", ""), ("\\(", ""), ("\\)", ""), ("\\Sigma", "Σ"),
          ("\\sum", "Σ"), ("\\cdot", "·"),
          ("\\times", "×"), ("\\,", ""), ("\\!", ""), ("~", " "),
          ("$", ""), ("{", ""), ("}", ""))


_WORKING = re.compile(r"\d\s*(?:[+\-\u2212/\u00f7\uff0b\uff0d]|\\div)\s*[\d(\\]"
                      r"|\)\s*(?:[\u00d7x*\u00b7]|\\times|\\cdot)")


_OPERATION_FIRST = re.compile(r"[\s$]*[(\[\uff08]?\s*\d[\d.]*\s*"
                              r"(?:[+\-\u2212/\u00f7\uff0b\uff0d\u00b7\u00d7x*]|\\cdot|\\times|\\div)")


def is_working(cell: str) -> bool:
    """"(5·5·1+1)·20", "(500＋1)×10": a computation with no result in it is how a value was found, not the value."""
    body = re.sub(r"\s+[(\uff08][^()\uff08\uff09]*[)\uff09]\s*$", "", cell)  # "12×12×20 (24/2)": an aside
    starts = _OPERATION_FIRST.match(body)  # "520 (5·5·1+1)·20": a count, then its working, holds the count
    return "=" not in body and starts is not None and _WORKING.search(body) is not None


_REMARK = re.compile(r"^\W*(?:remarks?|notes?|comments?|explanation|why|reason(?:ing)?|hint|bemerkung|anmerkung"
                     r"|remarque|observa[cç][ãaoi]\w*|nota)\W*$", re.IGNORECASE)


# "| | option A | option B |": columns that offer answers side by side, each as much the answer as the other
_ALTERNATIVE = re.compile(r"\b(?:option|alternative|version|variant|choice|possibility|möglichkeit|variante|opci[oó]n"
                          r"|opção|possibilit[ée])\b", re.IGNORECASE)


# a column that counts a layer's weights alone: a part of the row's total, never a rival to it
_WEIGHTS_ONLY = re.compile(r"\b(?:weights?|w|kernels?|gewichte?|poids|pesos?|vekter|painot|wagi|váhy|ağırlık\w*)\b"
                           r"|权重|重み|가중치|وزن", re.IGNORECASE)


def _count(cell: str) -> int | None:
    """A cell that is one whole count ("25,050", "$25\\,050$", "25 050", "25.050"), else None."""
    text = re.sub(r"\\[,;!: ]|[$*`\s'\u2009\u202f\u00a0]", "", cell)
    if not re.fullmatch(r"\d{1,3}(?:([,.])\d{3}(?:\1\d{3})*)?|\d+", text):
        return None
    return int(re.sub(r"[,.]", "", text))


def _rival_counts(row: list[str], numbered: list[int], header: list[str]) -> bool:
    """"| conv1 | 520 | 500 |" under "with bias | without bias": two counts of the same layer, each
    nearly the other, offered side by side. The last is no more the answer than the first; only a
    last that adds up the others ("weights | biases | total") or a column of weights alone is a part of it."""
    counts = [(k, _count(row[k])) for k in numbered]
    if len(counts) < 2 or any(c is None for _, c in counts):
        return False
    last = counts[-1][1] or 0
    earlier = [(k, c or 0) for k, c in counts[:-1]]
    if last == 0 or sum(c for _, c in earlier) == last:
        return False
    return any(c != last and 0.9 * last <= c <= 1.1 * last
               and not (k < len(header) and _WEIGHTS_ONLY.search(header[k])) for k, c in earlier)


# an answer sheet's column of what each row asks ("question", "item", "what"): words that name the row's value
_ASKED_HEAD = re.compile(r"(?i)\s*(?:questions?|q|items?|what|asked|description|quantity|field|task|prompt|frage|"
                         r"pregunta|question[ée]?|domanda|pergunta|вопрос|问题|質問)\s*")
_VALUE_IN = re.compile(r"(?<![A-Za-z_#])\d")  # "28 x 28" holds a value, "conv1 filter" and "#params" do not


def _row_cells(row: list[str], header: list[str], line: int, twins: frozenset[int] = frozenset()) -> list[Cell]:
    """A row's label is its first cell with letters; every other cell, but a working, is a possible value
    (``twins``: columns that each offer the answer)."""
    label_at = next((i for i, c in enumerate(row) if _has_words(c)), None)
    label = row[label_at] if label_at is not None else ""
    asked = [i for i in range(label_at + 1, len(row)) if i < len(header) and _ASKED_HEAD.fullmatch(header[i])
             and _has_words(row[i]) and not _VALUE_IN.search(row[i])][:1] if label_at is not None else []
    if asked:  # "| 2a-in | input dim | 28 x 28 |" under "id | question | answer": the question names the value too
        label = f"{label} {row[asked[0]]}"
    out = []
    remarks = {i for i, name in enumerate(header) if _REMARK.search(name)}
    numbered = [i for i, c in enumerate(row) if i != label_at and re.search(r"\d", c)
                and (not is_working(c) or _paired(label, c)) and i not in remarks]
    alternatives = sum(1 for k in numbered if k < len(header) and _ALTERNATIVE.search(header[k]))
    offered = alternatives >= 2 or _rival_counts(row, numbered, header) or sum(1 for k in numbered if k in twins) >= 2
    for i, cell in enumerate(row):
        if i == label_at or i in asked or not cell.strip() or is_working(cell) and not _paired(label, cell):
            continue
        column = header[i] if i < len(header) else ""
        if i in remarks:  # "| 12×12×20 | 2×2, stride 2 |" under "remark": a note on the answer, not one (but what
            out.append(Cell(label, column, cell, line, remark=True))  # it names by its own words counts: "total
            continue  # **431080**")
        out.append(Cell(label, column, cell, line, last=not numbered or i == numbered[-1] or offered))
    return out


def _paired(label: str, cell: str) -> bool:
    """"| relu1 / pool1 | 0 / 0 |": a row of two layers, a count each, no division."""
    return 0 < label.count("/") == cell.count("/") \
        and re.fullmatch(r"\s*\d[\d,.]*(?:\s*/\s*\d[\d,.]*)+\s*", cell) is not None


def summary_rows(text: str) -> tuple[list[Cell], set[int]]:
    """The rows of a printed layer summary (torchsummary style), renamed by rank within their type."""
    lines = text.splitlines()
    headers = [_columns(line) for line in lines if _SUMMARY_HEAD.search(line)]
    shape_col, count_col = (headers[0] if headers else ("Output Shape", "Param #"))
    found = [(i, m) for i, line in enumerate(lines) if (m := _SUMMARY_ROW.match(line))]
    ranks: dict[str, list[int]] = {}
    for _, m in found:
        ranks.setdefault(m.group(1).lower(), []).append(int(m.group(2)))
    cells: list[Cell] = []
    for i, m in found:
        kind = m.group(1).lower()
        rank = sorted(ranks[kind]).index(int(m.group(2))) + 1
        name = f"{kind} {rank}"
        cells.append(Cell(name, shape_col, m.group(3), i))
        cells.append(Cell(name, count_col, m.group(4), i))
    totals = [(i, m) for i, line in enumerate(lines) if (m := _TOTAL.match(line))]
    cells.extend(Cell("total params", "", m.group(1), i) for i, m in totals)
    return cells, {i for i, _ in found} | {i for i, _ in totals}


def _columns(line: str) -> tuple[str, str]:
    parts = [p.strip() for p in re.split(r"\s{2,}", line.strip()) if p.strip()]
    return (parts[1], parts[2]) if len(parts) >= 3 else ("Output Shape", "Param #")


RULE_ROW = re.compile(r"\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*")  # a pipe table's rule, "|---|:--:|"


def table_head(text: str, pos: int) -> str | None:
    """The head row of the pipe table the line at ``pos`` is in (the row above its ``|---|`` rule), or None."""
    lines: list[str] = []
    end = text.rfind("\n", 0, pos)
    floor = max(0, pos - 40_000)  # a head is within a few hundred lines of short rows: never the whole text
    while end > floor and len(lines) < 200:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if not line.startswith("|"):
            break
        lines.append(line)
        end = start - 1
    for k in range(len(lines) - 1):
        if RULE_ROW.fullmatch(lines[k]):
            if not lines[k + 1].strip("| \t") and k > 0:
                return lines[k - 1]  # a grid table set as pipes under an empty head: its first row is its head
            return lines[k + 1]
    return None
