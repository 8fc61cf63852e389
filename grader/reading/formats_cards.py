"""A flashcard deck's export, as the Markdown the reader understands.

Students who study with flashcards hand in what their tool exports: Anki's "Notes in Plain Text" (a header of
``#separator:tab``, ``#html:true``, ``#tags column:3`` lines, then one note per line, its fields split by the
separator; HTML and MathJax ``\\( … \\)`` in the fields; cloze deletions ``{{c1::answer::hint}}``), Quizlet's
term-and-definition lines (a tab, or the student's own separators: " - " between term and definition, ";"
between cards), a sheet with ``question, answer, tags`` columns, cards written one to a line in a note (Obsidian's
``question::answer``, RemNote's ``question >> answer``). Each card is read as a TA reads it, its front the part's
label and question, its back the answer: "front: back", "front = back" where the front ends in the name the back's
equation answers, or a table's row "| front | back |" for a bare formula (the row names it); a back of several
lines goes in the paragraphs under its front. The bookkeeping columns (a note's id, its type, its deck, its tags)
are no text. Read with the standard ``csv`` module, so a field's own quotes and separators stay in it.
"""
from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterable

from grader.reading.formats_csv import table
from grader.reading.formats_html import inline_html

MAX_CARDS = 400
MAX_FIELD = 20_000  # (cut before its HTML is read: a pasted page's markup is long, its answer may be last)

# Anki's header lines: "#separator:tab", "#html:true", "#guid column:1", "#tags column:6"
_HEADER = re.compile(r"#(?P<name>separator|html|tags|columns|notetype|deck|guid|if matches|notetype column"
                     r"|deck column|guid column|tags column)[ \t]*:[ \t]*(?P<value>[^\n]*)", re.IGNORECASE)
_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":"}
_BOOKKEEPING = ("guid column", "notetype column", "deck column", "tags column")
# a sheet's heads: the card's two sides, and columns that are no text
_FRONT_HEAD = re.compile(r"(?i)\s*(?:question|front|term|prompt|frage|vorderseite|pregunta|anverso|question|recto"
                         r"|domanda|pergunta|frente|вопрос|질문|問題?|问题)s?\s*")
_BACK_HEAD = re.compile(r"(?i)\s*(?:answer|back|definition|response|antwort|rückseite|respuesta|reverso|réponse"
                        r"|verso|risposta|resposta|ответ|답|答え?|答案)s?\s*")
_OTHER_HEAD = re.compile(r"(?i)\s*(?:tags?|deck|guid|id|note ?type|card ?type|created|due|interval|ease)\s*")
_HEAD_WORDS = re.compile(r"[ \t]*[^\W\d_]{2,20}(?:[ \t]+[^\W\d_]{1,20}){0,2}[ \t]*")  # a column's head: words only
_CLOZE = re.compile(r"\{\{c\d{1,3}::((?:(?!\}\}|::).){0,2000}?)(?:::(?:(?!\}\}).){0,300}?)?\}\}", re.DOTALL)
# a card's front that names what it asks: a part's label ("P1(b)(i)", "HW2 P1e", "(d)", "2c", "Q3")
_LABELLED_FRONT = re.compile(r"(?i)(?:^|[\s>(])(?:p(?:art)?\s?\d\s?\(?[a-h]\b|\d\s?\(?[a-h]\)|\([a-h]\)|q\s?\d)")


def cards_markdown(text: str, sheet: bool = False) -> str | None:
    """The deck as Markdown, or None where the text is not a deck's export. ``sheet``: a file named ``.csv`` or
    ``.tsv``, read as a deck only where it opens with a deck's header or its heads are a card's two sides and
    bookkeeping (an answer sheet with working or notes columns is the sheet reader's)."""
    head, body = _anki_header(text)
    if head:
        separator = _SEPARATORS.get(head.get("separator", "tab").strip().lower(), "\t")
        rows = _rows(body, separator)
        drop = {int(head[k]) - 1 for k in _BOOKKEEPING if head.get(k, "").strip().isdigit()}
        cards = [[cell for k, cell in enumerate(row) if k not in drop] for row in rows]
        return _markdown(cards) if cards else None
    named = _named_sheet(text)
    if named is not None or sheet:
        return named
    lines = [line for line in text.split("\n") if line.strip()]
    tabbed = [line for line in lines if line.count("\t") in (1, 2) and not line[:1].isspace()]  # (not indented)
    if len(tabbed) >= 4 and len(tabbed) >= 0.7 * len(lines) and _labelled(line.split("\t")[0] for line in tabbed) \
            and not all(_HEAD_WORDS.fullmatch(cell) for cell in lines[0].split("\t")):  # ("Problem<TAB>Answer": a
        return _markdown(_terms(lines))  # sheet with its heads, read as the table it is)
    return _own_separators(text)


def _terms(lines: list[str]) -> list[list[str]]:
    """Quizlet's term-and-definition lines as cards; a line with no tab, or an indented one, goes on with the
    definition above it (a definition of several lines)."""
    cards: list[list[str]] = []
    for line in lines[:MAX_CARDS * 20]:
        if "\t" in line and not line[:1].isspace():
            cards.append(line.split("\t"))
        elif cards:
            cards[-1][-1] += "<br>" + line.strip()
        else:
            cards.append([line])
    return cards[:MAX_CARDS]


def _anki_header(text: str) -> tuple[dict[str, str], str]:
    """Anki's header lines (name -> value) and the text after them; none where the text does not open with one."""
    head: dict[str, str] = {}
    lines = text.lstrip("\ufeff").split("\n")
    k = 0
    while k < len(lines) and k < 12 and (m := _HEADER.fullmatch(lines[k].rstrip("\r"))):
        head[m.group("name").lower()] = m.group("value")
        k += 1
    if "separator" not in head and "html" not in head:
        return {}, text
    return head, "\n".join(lines[k:])


def _rows(text: str, separator: str) -> list[list[str]]:
    """The lines' fields (a field in quotes may hold the separator and line breaks)."""
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=separator))[:MAX_CARDS]
    except csv.Error:
        rows = [line.split(separator) for line in text.split("\n")[:MAX_CARDS]]
    return [[cell[:MAX_FIELD] for cell in row] for row in rows if any(cell.strip() for cell in row)]


def _first_row(text: str, separator: str) -> list[str]:
    """The first row :func:`_rows` gives, read without reading the rows after it."""
    try:
        raw = csv.reader(io.StringIO(text), delimiter=separator)
        first = next((row for row in itertools.islice(raw, MAX_CARDS) if any(cell.strip() for cell in row)), [])
        return [cell[:MAX_FIELD] for cell in first]
    except csv.Error:
        return next(iter(_rows(text, separator)), [])


def _named_sheet(text: str) -> str | None:
    """A sheet whose first row names a front and a back ("question,answer,tags", "Front;Back"): its cards, the
    other columns (tags, deck) left out."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = next((d for d in ("\t", ";", ",", "|") if d in first), None)
    if delimiter is None:
        return None
    heads = _first_row(text.lstrip("\ufeff"), delimiter)  # (the heads first: most texts are no sheet)
    front = next((k for k, h in enumerate(heads) if _FRONT_HEAD.fullmatch(h)), None)
    back = next((k for k, h in enumerate(heads) if _BACK_HEAD.fullmatch(h)), None)
    if front is None or back is None or not all(_OTHER_HEAD.fullmatch(h) for k, h in enumerate(heads)
                                                if k not in (front, back)):
        return None  # ("id, question, answer, working, notes": an answer sheet, whose columns its reader knows)
    rows = _rows(text.lstrip("\ufeff"), delimiter)
    if len(rows) < 3:
        return None
    extra = len(heads) - 1 - back  # the columns after the back (tags): a row longer than the heads has its back's
    # unquoted commas ("1, no: 2"), kept in the back
    return _markdown([[row[front], ",".join(row[back:len(row) - extra])] if len(row) > len(heads) and front < back
                      else [row[k] for k in (front, back) if k < len(row)] for row in rows[1:]])


def _labelled(fronts: Iterable[str]) -> bool:
    """Whether at least three of the fronts name a part (a deck of questions, not a table of values)."""
    return sum(1 for front in fronts if _LABELLED_FRONT.search(front[:200])) >= 3


def _own_separators(text: str) -> str | None:
    """Quizlet's export with the student's own separators on one long line: cards split at ";", each card's term
    and definition at its first " - " outside brackets."""
    long_lines = [line for line in text.split("\n") if line.count(";") >= 6 and len(line) > 300]
    if len(long_lines) != 1:
        return None
    cards: list[list[str]] = []
    for card in long_lines[0].split(";")[:MAX_CARDS]:
        cut = _top_level_dash(card)
        if cut is None and not cards:
            return None
        if cut is None:  # no " - " in it: the definition above goes on (a ";" in it, a card typed with "–")
            cards[-1][1] += ";" + card
            continue
        cards.append([card[:cut], card[cut + 3:]])
    if not _labelled(front for front, _ in cards):
        return None
    return _joined(text, long_lines[0], cards)


def _joined(text: str, line: str, cards: list[list[str]]) -> str:
    """The text with its one line of cards replaced by the cards, each on its own."""
    return text.replace(line, _markdown(cards), 1)


def _top_level_dash(card: str) -> int | None:
    """Where " - " first stands outside brackets ("L = Σ (y - f)² - ∇L = …": after the bracket)."""
    depth = 0
    for k, ch in enumerate(card[:MAX_FIELD]):
        depth += ch in "([{"
        depth -= ch in ")]}" and depth > 0
        if depth == 0 and card.startswith(" - ", k):
            return k
    return None


def _field(cell: str) -> str:
    """A field as text: its cloze deletions as their answers, its HTML as the page shows it."""
    cell = _CLOZE.sub(r"\1", cell) if "{{c" in cell else cell
    cell = re.sub(r"(?i)</?(?:div|p)\b[^<>]{0,200}>", "<br>", cell) if "<" in cell else cell
    return inline_html(cell.replace("&nbsp;", " ")).strip()


_VALUE_LIKE = re.compile(r"\d[ \t]*[×xX*·][ \t]*\d|(?<![\w.^_])\d{2,}(?![\w.])")  # "5×5", "24x24x20", "520"
_NAMED_LAST = re.compile(r"(?:(?:∂|/|∇|\\nabla|\\partial|')[^\s]{0,12}"  # "… ∂f/∂w3", "dσ/du"
                         r"|\$[^$\n]{0,80}(?:\\partial|\\nabla|\\frac\{d)[^$\n]{0,80}\$)"  # "$\frac{∂f}{∂w_3}$"
                         r"[ \t]*[?:]?[ \t]*$")


# a front that opens with the homework's name ("HW2 P1b(i) …", "Homework 3 – P2(c) …"): the deck's bookkeeping
_HOMEWORK = re.compile(r"(?i)(?:hw|homework|assignment|hausaufgabe|devoir|tarea)[ \t]?#?\d{1,2}[ \t]*[—–:-]?[ \t]*")


def _markdown(cards: list[list[str]], rows: bool = True) -> str:
    """Each card as a student writes a question and its answer: a back that is one bare formula (no "=", no
    sizes or counts, no line break) as a table's row "| front | back |", which reads the front's name as its
    left side; a front that ends in the name a back's equation answers, as "front = back"; any other as the
    line "front: back" (the back's further lines, and any further field, in the paragraphs under it). Without
    ``rows`` (cards inside a note's list, whose nesting a table would break), no table."""
    out: list[str] = []
    table_rows: list[list[str]] = []
    previous = ""
    for card in cards:
        fields = [f for f in (_field(cell) for cell in card) if f]
        if fields and _HOMEWORK.match(fields[0]):
            fields[0] = _HOMEWORK.sub("", fields[0], count=1)
        lead = fields[0].split(None, 1)[0] if fields and fields[0].strip() else ""
        if lead and lead == previous and len(fields[0]) > len(lead) and _LABELLED_FRONT.search(f" {lead}"):
            fields[0] = fields[0][len(lead):].strip()  # "P1(e) df/dw1" after "P1(e) df/dw2": the same part goes on
        previous = lead or previous
        one_line = len(fields) == 2 and "\n" not in fields[0] + fields[1]
        if rows and one_line and "=" not in fields[1] and not _VALUE_LIKE.search(fields[1]) \
                and "\\(" not in fields[1] and "$" not in fields[1]:
            table_rows.append(fields)
            continue
        if table_rows:
            out.append(table([["card", "answer"], *table_rows]))
            table_rows = []
        if not fields:
            continue
        front, rest = fields[0], "\n\n".join(fields[1:])
        if "\n" in front + rest or not rest:
            out.append(f"{front}\n\n{rest}\n" if rest else f"{front}\n")
        elif one_line and "=" in rest and "=" not in front and _NAMED_LAST.search(front):
            out.append(f"{front.rstrip(' ?:')} = {rest}\n")
        else:
            out.append(f"{front}{'' if front.endswith((':', '?', '=')) else ':'} {rest}\n")
    if table_rows:
        out.append(table([["card", "answer"], *table_rows]))
    return "\n".join(out)


# a card written on one line of a note (Obsidian's "question::answer", RemNote's "question >> answer", ">>>" over
# an answer in the lines under it), and Obsidian's "?" line between a question and its answer
_INLINE_CARD = re.compile(r"(?m)^(?P<lead>[ \t]*(?:[-*+][ \t]+)?)(?P<front>[^\n]{1,300}?)[ \t]*"
                          r"(?P<sep>(?<!:):{2,3}(?!:)|(?<!>)>{2,3}(?!>)|;;)[ \t]*(?P<back>[^\n]{0,4000})$")
_QUESTION_MARK_LINE = re.compile(r"[ \t]*\?{1,2}[ \t]*")


def inline_cards(text: str) -> str:
    """A note of cards written one to a line (three or more whose fronts name a part), each as a card is read
    (see :func:`cards_markdown`); a front whose answer is in the lines under it keeps them; code stays as it is."""
    if "::" not in text and ">>" not in text and ";;" not in text:
        return text
    fenced = _fenced_lines(text)
    lines = text.split("\n")
    cards = {k: m for k, line in enumerate(lines) if k not in fenced and (m := _INLINE_CARD.match(line))
             and _LABELLED_FRONT.search(m.group("front")[:200]) and "://" not in line}
    if len(cards) < 3:
        return text
    for k, m in cards.items():
        front, back = m.group("front"), m.group("back").strip()
        if not back:  # ">>>": the answer is in the lines under it, the front asks for it
            lines[k] = f"{m.group('lead')}{front}" + ("" if front.rstrip().endswith((":", "?")) else ":")
        else:
            lines[k] = m.group("lead") + _markdown([[front, back]], rows=False).rstrip("\n")
    for k, line in enumerate(lines):  # Obsidian's "?" line: the line above it asks, the lines under it answer
        if _QUESTION_MARK_LINE.fullmatch(line) and k and lines[k - 1].strip():
            lines[k - 1] += "" if lines[k - 1].rstrip().endswith((":", "?")) else ":"
            lines[k] = ""
    return "\n".join(lines)


def _fenced_lines(text: str) -> set[int]:
    """The numbers of the lines inside code fences."""
    inside, out = False, set()
    for k, line in enumerate(text.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            inside = not inside
            out.add(k)
        elif inside:
            out.add(k)
    return out
