"""The note cells of an answer table, whose math is no answer.

An answer sheet set as one table (``| part | answer | note |``) writes each row's answer, then a note on
it: the chain of named derivatives it came from, the rule used, a remark ("quotient rule on
$1/(1+e^{-u})$", "$f$ is linear in $w_3$"). Read left to right, the note's math would be the row's last
formula, and so taken for the answer. A TA reads the note as what it is: working or a remark about the
answer. So, in a table whose head names one answer column and only note or working columns after it, those
cells are found here; their math is set aside as remarks (definitions there still count). A note that doubts
or changes its answer ("not sure", "should be ×x") sends the row's answer to a person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from grader.expressions.prose_tail import changed_by_words_after
from grader.reading.plain_math import doubting_comment
from grader.reading.tables import RULE_ROW

_ANSWER = re.compile(r"(?i)[\s*_]*(?:final\s+)?(?:answers?|results?|antwort|réponse|respuesta|resposta|risposta|"
                     r"ответ|答案?|解答|답)[\s*_:]*")
_ANSWER_WORD = re.compile(r"(?i)answer|result|antwort|réponse|respuesta|resposta|risposta|ответ|答|解答|답")
_NOTE = re.compile(r"(?i)[\s*_]*(?:notes?|remarks?|comments?|working|work|derivation|steps?|how|why|reason(?:ing)?|"
                   r"explanation|justification|chain(?:\s+rule)?|hint|bemerkung(?:en)?|anmerkung(?:en)?|rechnung|"
                   r"herleitung|remarques?|calcul|notas?|observa\w*|commento|備考|备注|注|推导|비고)[\s*_:]*")
MAX_ROWS = 400


def _cells(line: str) -> list[str] | None:
    """A pipe row's cells (bars inside ``$…$`` or escaped ``\\|`` kept in their cell), or None."""
    s = line.strip()
    if not s.startswith("|") or not s.endswith("|") or len(s) > 4000:
        return None
    return [line[a:b] for a, b in _bounds(line)]


def _note_columns(head: list[str]) -> list[int]:
    """The note columns after a table's one answer column, or none (a column after the answer that is no note, a
    second answer or "points", leaves the table as written)."""
    answers = [k for k, h in enumerate(head) if _ANSWER.fullmatch(h)]
    if len(answers) != 1:
        return []
    notes = [k for k in range(answers[0] + 1, len(head)) if _NOTE.fullmatch(head[k])]
    return notes if notes and len(notes) == len(head) - answers[0] - 1 else []


# words of a note that doubt its answer or offer another: "not sure", "maybe", "or", "?", "should be", "typo"
_DOUBT = re.compile(r"\?|(?<![\w-])(?:or|either|alternatively|bzw|not\s+sure|unsure|maybe|perhaps|should|instead|"
                    r"actually|wrong|"
                    r"typo|mistake|unless|but|however|except|without|drop\w*|halve\w*|doubl\w*|negat\w*|sign|"
                    r"nicht\s+sicher|vielleicht|oder|pas\s+s[uû]r|peut-être|ou|no\s+estoy|quizás|o)(?![\w-])",
                    re.IGNORECASE)


def _doubts(cell: str) -> bool:
    """Whether a note may change or doubt the answer beside it (then its row stays as written: a person reads it)."""
    words = re.sub(r"\$[^$]*\$", " ", cell)
    return _DOUBT.search(words) is not None or doubting_comment(words) \
        or changed_by_words_after(f"x {words}") is not None


@dataclass(frozen=True)
class NoteCell:
    """Where a note cell of an answer table is (offsets into the text), and whether its words doubt the answer."""

    start: int
    end: int
    doubts: bool


def note_cells(text: str) -> list[NoteCell]:
    """The note cells of every answer table; a note that doubts or changes its row's answer says so (the row then
    goes to a person, whatever it answers)."""
    if "|" not in text or not _ANSWER_WORD.search(text):
        return []
    out: list[NoteCell] = []
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    k = 0
    while k + 1 < len(lines):
        head = _cells(lines[k])
        notes = _note_columns(head) if head is not None and RULE_ROW.fullmatch(lines[k + 1]) else []
        if not notes or head is None:
            k += 1
            continue
        row = k + 2
        while row < len(lines) and row - k < MAX_ROWS and (cells := _cells(lines[row])) is not None:
            if len(cells) == len(head):
                bounds = _bounds(lines[row])
                out.extend(NoteCell(starts[row] + bounds[j][0], starts[row] + bounds[j][1], _doubts(cells[j]))
                           for j in notes)
            row += 1
        k = row
    return out


def _bounds(line: str) -> list[tuple[int, int]]:
    """Each cell's (start, end) in a pipe row: between its bars, but a bar escaped or inside ``$…$``."""
    out, start, math, k = [], line.index("|") + 1, False, line.index("|") + 1
    end = line.rstrip().rindex("|")
    while k < end:
        c = line[k]
        if c == "\\":
            k += 2
            continue
        if c == "$":
            math = not math
        elif c == "|" and not math:
            out.append((start, k))
            start = k + 1
        k += 1
    out.append((start, end))
    return out
