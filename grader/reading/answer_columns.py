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

from grader.expressions.prose_tail import changes_formula
from grader.reading.plain_math import doubting_comment
from grader.reading.tables import RULE_ROW

# a column of the answer in another form ("expanded", "simplified", "written out"): a formula there is a second
# answer, compared by a person
_OTHER_FORM = (r"expanded|simplified|explicit(?:\s+form)?|written\s+out|in\s+full|long\s+form|full\s+form|"
               r"ausgeschrieben|vereinfacht|développé|simplifié|desarrollad[oa]|simplificad[oa]|esplicit[oa]")
_OTHER_FORM_HEAD = re.compile(rf"(?i)[\s*_]*(?:{_OTHER_FORM})[\s*_:]*")
_ANSWER = re.compile(r"(?i)[\s*_]*(?:(?:final|my|our)\s+)?(?:answers?|results?|antwort|réponse|respuesta|resposta|"
                     r"risposta|"
                     r"ответ|答案?|解答|답)[\s*_:]*")
_ANSWER_WORD = re.compile(r"(?i)answer|result|antwort|réponse|respuesta|resposta|risposta|ответ|答|解答|답")
_NOTE = re.compile(r"(?i)[\s*_]*(?:notes?|remarks?|comments?|working|work|derivation|steps?|how|why|reason(?:ing)?|"
                   r"explanation|justification|chain(?:\s+rule)?|hint|bemerkung(?:en)?|anmerkung(?:en)?|rechnung|"
                   r"herleitung|remarques?|calcul|notas?|observa\w*|commento|備考|备注|注|推导|비고|uwagi|komentarz\w*|"
                   r"opmerking(?:en)?|toelichting|kommentar(?:e)?|erläuterung(?:en)?|comentarios?|explicaci\w*|"
                   r"anotaci\w*|spiegazion\w*|explica\w*|说明|説明|메모|" + _OTHER_FORM + r")[\s*_:]*")
MAX_ROWS = 400


def _cells(line: str) -> list[str] | None:
    """A pipe row's cells (bars inside ``$…$`` or escaped ``\\|`` kept in their cell), or None."""
    s = line.strip()
    if not s.startswith("|") or not s.endswith("|") or len(s) > 4000:
        return None
    return [line[a:b] for a, b in _bounds(line)]


def note_head(cell: str) -> bool:
    """Whether a table's column head names notes or working ("notes", "remarks", "Bemerkung", "uwagi")."""
    return _NOTE.fullmatch(cell) is not None


def _note_columns(head: list[str]) -> tuple[int, list[int]]:
    """The answer column and the note columns after it, or none (a column after the answer that is no note, a
    second answer or "points", leaves the table as written)."""
    answers = [k for k, h in enumerate(head) if _ANSWER.fullmatch(h)]
    if len(answers) != 1:
        return -1, []
    notes = [k for k in range(answers[0] + 1, len(head)) if _NOTE.fullmatch(head[k])]
    return answers[0], notes if notes and len(notes) == len(head) - answers[0] - 1 else []


# words of a note that doubt its answer or offer another: "not sure", "maybe", "or", "?", "should be", "typo"
_DOUBT = re.compile(r"\?|(?<![\w-])(?:or|either|alternatively|bzw|not\s+sure|unsure|maybe|perhaps|should|instead|"
                    r"actually|wrong|"
                    r"typo|mistake|unless|but|however|except|without|drop\w*|halve\w*|doubl\w*|negat\w*|sign|"
                    r"nicht\s+sicher|vielleicht|oder|pas\s+s[uû]r|peut-être|ou|no\s+estoy|quizás|o)(?![\w-])",
                    re.IGNORECASE)
# words of a note that finish or change its answer: "forgot the w2", "final answer has no w2", "in the end it is
# …", "· w2 at the end, ran out of space", "the 2 cancels", "not the 20"
_CHANGE = re.compile(r"(?<![\w-])(?:forg[eo]t\w*|missing|missed|lost|left\s+out|extra|cancel\w*|in\s+the\s+end|"
                     r"at\s+the\s+end|final\w*|ha(?:s|ve)\s+no|no\s+longer|not|isn['’]?t|aren['’]?t|ran\s+out|"
                     r"out\s+of\s+space|continu\w*|really|real|true|correct\w*|fix\w*|redo|error|oops|hmm+|"
                     r"think|guess|probably|wait|vergessen|fehlt|eigentlich|oubli\w*|manque\w*|olvid\w*|falta\w*|"
                     r"dimentic\w*|manca\w*|esqueci\w*|ohne|sans|senza|zonder|brak\w*|bez|sem|sin)(?![\w-])",
                     re.IGNORECASE)
# a note whose math goes on from the answer: "$= w_3 σ_2(x_2)(1-σ_2(x_2)) σ_1(x_1)$" after a named chain,
# "with (b)(ii): $= …$" (its lead words end at a colon), or "$\cdot w_2$ at the end" (a factor still to come)
_LEAD = re.compile(r"[^$=:|]{0,60}:\s*")
_GOES_ON = re.compile(r"\$?\s*(?:=|≈)(?!\s*[A-Z]{2,}\()")  # not a spreadsheet's "=SUM(C2:C9)"
_MORE = re.compile(r"\$?\s*(?:[·×*+−]|-(?![\d>])|\\(?:cdot|times)(?![A-Za-z]))")
_NAMED = re.compile(r"∂|\\partial|\bd\s*\w{1,6}\s*/\s*d\s*\w")  # a derivative by name: the chain restated


# a note that says how the answer was found: "quotient rule, …", "chain rule: …", "by (b)(ii)", "using …"
_HOW_DERIVED = re.compile(r"(?i)\s*(?:(?:by|via|using|with|from)\s+)?(?:the\s+)?(?:quotient|chain|product|power)"
                          r"[\s-]+rule\b")
_STRONG_DOUBT = re.compile(r"\?|(?<![\w-])(?:or|either|not\s+sure|unsure|maybe|perhaps|should|instead|actually|wrong|"
                           r"typo|mistake|forg[eo]t\w*|missing|but|however|without|drop\w*|halve\w*|doubl\w*|wait|"
                           r"oops|really)(?![\w-])", re.IGNORECASE)


def doubted(note: str) -> bool:
    """Whether a remark beside an answer (an answer sheet's comment) doubts it or offers another ("?", "or", "not
    sure", "maybe", "wrong", "forgot"): then it is read with the answer, by a person if need be. A remark that only
    says how the answer was found or that an earlier draft was fixed does not."""
    return _STRONG_DOUBT.search(re.sub(r"\$[^$]*\$", " ", note)) is not None


def _doubts(cell: str, formula: bool = True) -> bool:
    """Whether a note may change or doubt the answer beside it (then its row stays as written: a person reads it).
    ``formula``: the answer is a formula (not a count), so a factor the note names may belong to it."""
    words = re.sub(r"\$[^$]*\$", " ", cell)
    working = re.sub(r"^\s*(?:->|→|=>|⇒)", " ", words)  # "-> 8x8x50 -> pool -> 4x4x50": working goes on, no doubt
    if _HOW_DERIVED.match(words) and not _STRONG_DOUBT.search(words):
        return False  # "quotient rule, the two minus signs cancel": how the answer was found, not a doubt of it
    if _DOUBT.search(words) is not None or _CHANGE.search(words) is not None or doubting_comment(working) \
            or _MORE.match(cell.strip()) is not None:
        return True
    return formula and (changes_formula(words) or _OPERATOR_MATH.search(cell) is not None or _bare_factor(cell))


# a piece of math in a note that begins with an operator: "and $\cdot\,w_2$ from …", "$/\,N$ with N = 2"
_OPERATOR_MATH = re.compile(r"\$\s*(?:[·×*/÷+−]|-(?![\d>])|\\(?:cdot|times|div)(?![A-Za-z]))")
# a symbol alone ("$w_2$", "$x$", "x", "w2") named in words: "ohne das $x$ am Ende", "brakuje jeszcze $w_2$"
_BARE = re.compile(r"\$\s*\\?[A-Za-zα-ω][A-Za-z]{0,5}(?:_\{?\w{1,3}\}?)?['′]?\s*\$")
_PLAIN_SYMBOL = re.compile(r"(?<![\w$\\-])(?:[xwzahsuv]_?\d|x|σ_?\d?|α)(?![\w$])")
# words that explain rather than change: "$f$ is linear in $w_3$", "through $\sigma_1$ as well", "by (b)(ii)"
_EXPLAINS = re.compile(r"(?i)\b(?:is|are|was|since|because|as|by|using|uses?|used|from|via|through|with|rule|linear|"
                       r"constant|independent|defined|definition|recall|see|chain|quotient|product|per|each|ist|sind|"
                       r"est|es|è|weil|da|car|porque|perché|omdat|jest|są|dzięki|durch|mit|avec|par|con|met|same|etc|"
                       r"namely|e\.g|i\.e|d\.h|cioè|то\s+есть)\b"
                       r"|因为|由于|ので|から|때문")


def _bare_factor(cell: str) -> bool:
    """A note that names a symbol in words no reading takes as an explanation (in any language): it may say the
    answer lacks it or has it too many times, so a person reads the row."""
    if re.search(r"=|<-|←|:=|\\leftarrow|\\gets", cell):
        return False  # a definition, a working or an update written out: read as such
    words = re.sub(r"\$[^$]*\$", " ", cell)
    named = _BARE.search(cell) is not None or _PLAIN_SYMBOL.search(words) is not None
    return named and _EXPLAINS.search(words) is None


def _second_form(cell: str) -> bool:
    """A cell of math alone, a formula (not words about the answer): the answer written another way."""
    words = re.sub(r"\$[^$]*\$", " ", cell)
    symbols = re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", "", cell))  # a formula in names, not a count's working
    return "$" in cell and "=" not in cell and symbols is not None and not re.search(r"[A-Za-z]{3,}", words) \
        and re.search(r"[()^/+\-−·*]|\\", cell) is not None


def _goes_on(cell: str) -> bool:
    """Whether a note's math goes on from its answer with an explicit side ("$= w_3 …$"): it is working, read
    with the row (not a restatement of the chain by its named derivatives, which stays a remark)."""
    rest = cell.strip()
    if (lead := _LEAD.match(rest)) is not None and "$" not in lead.group():
        rest = rest[lead.end():]
    words = re.search(r"[A-Za-z]{4,}\s+[A-Za-z]{3,}", re.sub(r"\\[A-Za-z]+", "", rest))  # "= channels of the input"
    return _GOES_ON.match(rest) is not None and _NAMED.search(rest) is None and words is None


@dataclass(frozen=True)
class NoteCell:
    """Where a note cell of an answer table is (offsets into the text), and whether its words doubt the answer."""

    start: int
    end: int
    doubts: bool
    goes_on: bool = False  # its math works out the chain its answer names ("$= …$"): read with the row


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
        answer, notes = _note_columns(head) if head is not None and RULE_ROW.fullmatch(lines[k + 1]) else (-1, [])
        if not notes or head is None:
            k += 1
            continue
        row = k + 2
        while row < len(lines) and row - k < MAX_ROWS and (cells := _cells(lines[row])) is not None:
            if len(cells) == len(head):
                bounds = _bounds(lines[row])
                named = _NAMED.search(cells[answer]) is not None  # the answer cell names the chain's factors
                formula = re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", "", cells[answer])) is not None
                for j in notes:  # a note that goes on from an explicit answer offers a second one: a person reads
                    on = formula and _goes_on(cells[j])  # (not "| 520 | = (5·5·1+1)·20 |": a count's working)
                    if formula and _OTHER_FORM_HEAD.fullmatch(head[j]) and _second_form(cells[j]):
                        on = True  # "| $w_3σ_2(x_2)$ | $σ(w_2σ(w_1x))$ |" under "answer | expanded"
                    out.append(NoteCell(starts[row] + bounds[j][0], starts[row] + bounds[j][1],
                                        _doubts(cells[j], formula) or on and not named, on and named))
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
