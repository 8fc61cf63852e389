"""A spreadsheet's answer sheet or a quiz's export saved as CSV, as the Markdown the reader understands.

A sheet with one row per question (``id, part, answer, working``) becomes a pipe table, whose rows
the reader takes as it takes any table's. A quiz export (an LMS's ``Question 1``, ``Response 1``, …
columns, one row per attempt) becomes each question as a heading with the response under it, in the
quiz's order; so does a form's export of one response (a column per question, the answers in its one
row). Read with the standard ``csv`` module, so a cell's own line breaks and quotes stay in its cell;
nothing in a cell is evaluated (a spreadsheet's ``=SUM(C17:C24)`` is text).
"""
from __future__ import annotations

import csv
import io
import re

MAX_ROWS = 300  # an answer sheet has a row per question; a quiz export a row per attempt
MAX_CELL = 2000
_QUESTION = re.compile(r"\s*(?:question|frage|pregunta|question|câu\s*hỏi|soru)\s*(\d{1,3})\s*", re.IGNORECASE)
_RESPONSE = re.compile(r"\s*(?:response|answer|antwort|respuesta|réponse|trả\s*lời|cevap)\s*(\d{1,3})\s*",
                       re.IGNORECASE)


def csv_markdown(text: str) -> str:
    """The sheet as Markdown; text that does not read as a sheet of two columns or more is returned as it is."""
    try:
        dialect = csv.Sniffer().sniff(text[:5000], delimiters=",;\t")
        rows = [row for row in csv.reader(io.StringIO(text), dialect)][:MAX_ROWS]
    except csv.Error:
        return text
    rows = [[cell[:MAX_CELL] for cell in row] for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < 2 or max(len(row) for row in rows) < 2:
        return text
    quiz = _quiz(rows) or _form_response(rows)
    return quiz if quiz is not None else table(_answers_only(_unnumbered(rows)))


def _quiz(rows: list[list[str]]) -> str | None:
    """``Question k`` / ``Response k`` column pairs: each attempt's questions and responses, in order."""
    head = rows[0]
    pairs = [(k, k + 1) for k in range(len(head) - 1) if _numbered_pair(head[k], head[k + 1])]
    if not pairs:
        return None
    out: list[str] = []
    for row in rows[1:]:
        for asked, said in pairs:
            if said < len(row) and row[said].strip():
                question = " ".join(row[asked].split()) if asked < len(row) else ""
                out.append(f"### {question}\n\n{row[said].strip()}\n")
    return "\n".join(out) if out else None


_PART_NAMED = re.compile(r"\(\s*[a-f]\s*\)|\b\d[ .]?[a-f]\b|\b[a-f]\)|\bq\s*\d", re.IGNORECASE)


def _form_response(rows: list[list[str]]) -> str | None:
    """A form's export of one response: a column per question, its head the question ("1(d) ∂f_w/∂w3 = ?") and
    the one row under it the answers; each question becomes a heading over its answer. A sheet of several
    responses is a table (whose response is the hand-in is not the reader's to choose)."""
    head = rows[0]
    if len(rows) != 2 or sum(1 for h in head if _PART_NAMED.search(h)) < 3:
        return None
    out = [f"### {' '.join(h.split())}\n\n{cell.strip()}\n" for h, cell in zip(head, rows[1], strict=False)
           if cell.strip()]
    return "\n".join(out)


def _unnumbered(rows: list[list[str]]) -> list[list[str]]:
    """The sheet without a first column that only counts its rows ("id", "#": 0, 1, 2, …): the part each row
    answers is named in the next column, where a label starts the row as in any answer table."""
    if len(rows[0]) > 2 and re.fullmatch(r"\s*(?:id|#|no\.?|nr\.?|row|n)?\s*", rows[0][0], re.IGNORECASE) \
            and all(re.fullmatch(r"\s*\d{1,4}\s*", row[0]) for row in rows[1:] if row):
        return [row[1:] for row in rows]
    return rows


def _numbered_pair(first: str, second: str) -> bool:
    """Whether two column heads are a quiz's ``Question k`` and ``Response k``."""
    question, response = _QUESTION.fullmatch(first), _RESPONSE.fullmatch(second)
    return question is not None and response is not None and question.group(1) == response.group(1)


_ANSWER_HEAD = re.compile(r"\s*(?:final\s+)?(?:answer|result|antwort|réponse|respuesta|resposta|ответ|答案?)s?\s*",
                          re.IGNORECASE)
_WORKING_HEAD = re.compile(r"(?i).*\b(?:working|formula|derivation|computation|calculation|steps?|work(?:ed)?|"
                           r"rechnung|herleitung|calcul)\b.*")


def _answers_only(rows: list[list[str]]) -> list[list[str]]:
    """A sheet that names its answer column ("answer", "result") without its working columns ("formula /
    working"): the answer cell is what the student hands in as the answer; a formula in the working beside it
    never stands in for it (notes and remarks stay: a doubt said there counts)."""
    head = rows[0]
    if not any(_ANSWER_HEAD.fullmatch(h) for h in head):
        return rows
    keep = [k for k, h in enumerate(head) if not (_WORKING_HEAD.fullmatch(h) and not _ANSWER_HEAD.fullmatch(h))]
    return [[row[k] for k in keep if k < len(row)] for row in rows]


def table(rows: list[list[str]]) -> str:
    """A pipe table of the sheet: its first row the head, a cell's line breaks as ``<br>``."""
    width = max(len(row) for row in rows)

    def line(row: list[str]) -> str:
        cells = [c.strip().replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>") for c in row]
        return "| " + " | ".join(cells + [""] * (width - len(cells))) + " |"

    return "\n".join([line(rows[0]), "|" + "---|" * width, *(line(row) for row in rows[1:])]) + "\n"
