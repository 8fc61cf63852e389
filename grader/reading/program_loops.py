"""A loop over the two data points that adds up a gradient, written as the sum it computes.

Students who think in code hand in (f) as a program: ``grad = np.zeros(3)`` then ``for x_i, y_i in D:`` then
``grad += 2*(f(x_i) - y_i)*grad_f(x_i)``; MATLAB's ``for i = 1:2 … end``, R's ``for (i in 1:2) { … }``, Julia's
``for (x, y) in D … end``, pseudo-code's ``for i in 1..2:``. A TA reads the sum the loop adds up. So does this
rewrite: a loop whose body only names values and adds to a variable that starts at zero becomes one line,
``grad = sum(2*(f(x) - y)*grad_f(x) for (x, y) in D)``, which the code reader takes as Σ over the data set.
Anything else a loop may do (a nested loop, a branch, a call's side effect, an index used for anything but the
data) leaves the block as written. Text to text: the program is never run.

The block keeps its length and its lines (the loop's other lines become blank), so every offset after it stays.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from grader.expressions.code_math import DATA_NAMES, X_NAMES, Y_NAMES, ZERO_BASED, data_points
from grader.reading.plain_math import doubting_comment

MAX_LOOP_LINES = 12  # a loop that adds up two terms is short; a longer one is a program, left as it is
MAX_LINE = 400  # a line of a loop that adds up a formula is short
MAX_LOOPS = 16  # a hand-in's block holds a few loops; a block of thousands is no answer, and is not searched again

_COMMENT = re.compile(r"(?<![ \t])[ \t]+(?:#|%|//|--)(?:[ \t].*)?$|^[ \t]*(?:#|%|//|--).*$")
_HASH_COMMENT = re.compile(r"(?<![ \t])[ \t]+#.*$|^[ \t]*#.*$")  # Python, Julia, R: '//' divides, '%' is a remainder
_HASH_LANGUAGES = {"python", "py", "python3", "ipython", "ipython3", "numpy", "julia", "jl", "r"}
_COMMENT_TEXT = re.compile(r"(?:#|%|//|--).*$")
_HEADER = re.compile(
    r"^(?P<indent>[ \t]*)for[ \t]*(?:"
    r"\([ \t]*(?P<rvar>\w+)[ \t]+in[ \t]+(?P<rit>.+?)[ \t]*\)[ \t]*(?P<brace>\{)?"  # R: for (i in 1:2) {
    r"|(?P<var>.+?)[ \t]*(?:\bin\b|=|∈)[ \t]*(?P<it>.+?)[ \t]*(?P<open>:|\{|\bdo\b)?"  # Python, Julia, MATLAB
    r")[ \t]*$")
_END = re.compile(r"^[ \t]*(?:end(?:for)?|\}|done|od|next(?:[ \t]+\w+)?)[ \t]*;?[ \t]*$")
_ASSIGN = re.compile(r"^[ \t]*(?P<name>[A-Za-z_][\w.]*)[ \t]*(?P<op>\.?[+-]=|=(?!=)|<-|:=|←)[ \t]*(?P<rhs>.+?)"
                     r"[ \t]*;?[ \t]*$")
_ZERO = re.compile(r"(?:np\.|numpy\.|torch\.|jnp\.)?(?:zeros(?:_like)?\([^()]*\)|zeros\([^()]*\([^()]*\)[^()]*\))"
                   r"|0(?:\.0*)?|\[\s*0(?:\.0*)?(?:\s*[,;]\s*0(?:\.0*)?)*\s*\]|c\(\s*0(?:\s*,\s*0)*\s*\)"
                   r"|numeric\(\s*\d\s*\)|rep\(\s*0\s*,\s*\d\s*\)")
# one-based index ranges over the two points: 1:2, 1..2, (1, 2), [1, 2], 1:length(X), seq_along(x), eachindex(X)
_ONE_BASED = re.compile(rf"1[ \t]*(?::|\.\.)[ \t]*(?:2|(?:length|numel)\(\s*{DATA_NAMES}\s*\))"
                        rf"|[(\[{{][ \t]*1[ \t]*,[ \t]*2[ \t]*[)\]}}]|(?:seq_along|eachindex)\(\s*{DATA_NAMES}\s*\)")
_DATA_LISTED = re.compile(rf"(?m)^[ \t]*(?:{X_NAMES}|{Y_NAMES})[ \t]*(?:=|<-|:=)(?!=)")
_DATA_SET = re.compile(r"D|data|dataset|zip\([ \t]*" + X_NAMES + r"[ \t]*,[ \t]*" + Y_NAMES + r"[ \t]*\)")
_PAIR = re.compile(r"\(?[ \t]*([A-Za-z]\w*)[ \t]*,[ \t]*([A-Za-z]\w*)[ \t]*\)?")


@dataclass(frozen=True)
class _Loop:
    first: int  # line index of the header
    last: int  # line index of the last line that belongs to it (its "end" where it has one)
    indent: str
    generator: str  # what follows "for" in the sum: "(x, y) in D", "i in 1:2"
    body: list[str]  # the statements, comments removed


def program_formulas(source: str, language: str = "", later: str = "") -> str:
    """A program's block as the formulas it writes down: statements its brackets carry over lines on one line,
    what it puts around the formulas dropped, its loops over the data as sums (same length). A block whose comments
    doubt or change it ("# EDIT: wrong sign here", "% or with a plus?") stays as written: a person reads it."""
    comment = _comment_of(language)
    if _doubted(source, comment):
        return source
    return _folded_loops(without_scaffolding(joined_brackets(source, comment)), language, comment, later)


def code_only(source: str, language: str = "") -> str:
    """A block's lines without their comments (a line too long to be a formula left out), as a loop's sum is looked
    for after it; read once per block however many loops look."""
    comment = _comment_of(language)
    return "\n".join(comment.sub("", line) for line in source.split("\n") if len(line) <= MAX_LINE)


def _comment_of(language: str) -> re.Pattern[str]:
    return _HASH_COMMENT if language.lower() in _HASH_LANGUAGES else _COMMENT


def _doubted(source: str, comment: re.Pattern[str]) -> bool:
    for line in source.split("\n"):
        if len(line) <= MAX_LINE and (m := comment.search(line)) is not None \
                and doubting_comment(_COMMENT_TEXT.search(m.group()).group()):  # type: ignore[union-attr]
            return True
    return False


# a literal opened at a line's end, a dict's or a pair's key, a keyword's number: rows of a table, kept apart
_TABLE_ROW = re.compile(r"[\[{(][ \t]*(?:#.*)?$|[\"'][ \t]*(?::|=>)|\w[ \t]*=[ \t]*\(?[\d(]")


def joined_brackets(source: str, comment: re.Pattern[str] = _COMMENT) -> str:
    """``source`` with each statement a bracket carries over several lines set on one line (``return np.array([a,``
    then ``b, c])``): the line breaks inside the brackets become spaces and the comments of the lines joined become
    blanks, so the length stays. A bracket not closed within a few lines is no statement: its lines stay."""
    if "\n" not in source or not any(c in source for c in "([{"):
        return source
    lines = source.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        depth, j = 0, k
        while j < len(lines) and j - k <= MAX_LOOP_LINES and len(lines[j]) <= MAX_LINE:
            code = comment.sub("", lines[j])
            depth = max(0, depth + sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}"))
            if depth == 0:
                break
            j += 1
        if j == k or depth != 0 or j >= len(lines) or len(lines[j]) > MAX_LINE \
                or any(_TABLE_ROW.search(ln) for ln in lines[k:j + 1]):
            out.append(lines[k])
            k += 1
            continue
        parts = [comment.sub("", ln).strip() for ln in lines[k:j]] + [lines[j].strip()]
        indent = lines[k][:len(lines[k]) - len(lines[k].lstrip())]
        out.append((indent + " ".join(parts)).ljust(sum(len(ln) + 1 for ln in lines[k:j + 1]) - 1))
        k = j + 1
    return "\n".join(out)


_WITH = re.compile(r"^([ \t]*)with[ \t]+[\w.]+\([^()\n]{0,80}\)[ \t]*:[ \t]*(?:#.*)?$")  # with torch.no_grad():
_PRINT = re.compile(r"^[ \t]*(?:print|display|assert)\b.*$")  # a check or a printout beside the formulas


# "print(sum(params.values()))   # 431080": what a printout showed, said beside it
_PRINTED_VALUE = re.compile(r"([ \t]*)print[ \t]*\((.+)\)[ \t]*;?[ \t]*#[ \t]*([^#\n]*\d[^#\n]*?)[ \t]*")


def _printed_note(line: str) -> str:
    """A line that only prints, blanked; one whose comment says what it printed kept as that comment
    (``# sum(params.values()) = 431080``): a student's note of a value, not a formula. Same length."""
    m = _PRINTED_VALUE.fullmatch(line)
    note = f"{m.group(1)}# {m.group(2).strip()} = {m.group(3)}" if m else ""
    return note.ljust(len(line)) if len(note) <= len(line) else " " * len(line)


def without_scaffolding(source: str) -> str:
    """``source`` without what a program puts around its formulas: a ``with torch.no_grad():`` line (its body moved
    out, the indent set after the line's end) and lines that only print, display or assert. Same length."""
    if "with" not in source and "print" not in source and "display" not in source and "assert" not in source:
        return source
    lines = source.split("\n")
    k = 0
    while k < len(lines):
        head = _WITH.match(lines[k]) if len(lines[k]) <= MAX_LINE else None
        if head is None:
            if len(lines[k]) <= MAX_LINE and _PRINT.match(lines[k]):
                lines[k] = _printed_note(lines[k])
            k += 1
            continue
        indent = len(head.group(1))
        lines[k] = " " * len(lines[k])
        j = k + 1
        while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
            body = lines[j]
            cut = min(len(body) - len(body.lstrip()) - indent, 4) if body.strip() else 0
            lines[j] = body[cut:] + " " * cut
            j += 1
        k = j
    return "\n".join(lines)


def fold_loops(source: str, language: str = "", later: str = "") -> str:
    """``source`` with each loop that adds up a sum over the data written as that sum (same length); ``later`` is
    the program's code after this block (a notebook's later cells) as :func:`code_only` gives it: a sum changed
    there is not the loop's."""
    comment = _comment_of(language)
    return source if _doubted(source, comment) else _folded_loops(source, language, comment, later)


def _folded_loops(source: str, language: str, comment: re.Pattern[str], later: str) -> str:
    """:func:`fold_loops` on a block whose comments were already read and do not doubt it."""
    if "for" not in source or _DATA_LISTED.search(source):
        return source  # no loop, or data arrays the block fills itself (xs = [None, x1, x2])
    lines = source.split("\n")
    changed = False
    k = tried = 0
    while k < len(lines) and tried < MAX_LOOPS:
        loop = _loop_at(lines, k, comment, language.lower() in _HASH_LANGUAGES)
        if loop is None:
            k += 1
            continue
        tried += 1
        folded = _folded(lines, loop, comment, later)
        if folded is None:
            k = loop.last + 1
            continue
        lines, k, changed = folded, loop.last + 1, True
    out = "\n".join(lines)
    return out if changed and len(out) == len(source) else source


def _loop_at(lines: list[str], k: int, comment: re.Pattern[str], zero_based: bool) -> _Loop | None:
    if not lines[k].lstrip().startswith("for") or len(lines[k]) > MAX_LINE:
        return None
    head = _HEADER.match(comment.sub("", lines[k]))
    if head is None:
        return None
    indent = head.group("indent")
    var = head.group("rvar") or head.group("var")
    over = (head.group("rit") or head.group("it") or "").strip()
    body: list[str] = []
    last = None
    for j in range(k + 1, min(len(lines), k + 2 + MAX_LOOP_LINES)):
        if len(lines[j]) > MAX_LINE:
            return None  # no pattern here is tried on a hostile line
        text = comment.sub("", lines[j])
        if not text.strip():
            continue
        if _END.match(text) and len(text) - len(text.lstrip()) <= len(indent) + 4:
            last = j
            break
        if head.group("open") == ":" and len(text) - len(text.lstrip()) <= len(indent):
            break  # Python, pseudo-code: the body is what is indented under the header
        body.append(text.strip().rstrip(";"))
        last = j
    if last is None or not body:
        return None
    if head.group("open") != ":" and not _END.match(comment.sub("", lines[last])):
        return None  # MATLAB, Julia, R: a loop that is not closed here is not one this reads
    return _generator(k, last, indent, var, over, body, zero_based)


def _generator(first: int, last: int, indent: str, var: str, over: str, body: list[str], zero_based: bool
               ) -> _Loop | None:
    pair = _PAIR.fullmatch(var.strip())
    if _DATA_SET.fullmatch(over) and pair is not None:  # for (x_i, y_i) in D: each point's names
        named = point_named("\n".join(body), *pair.groups())
        return None if named is None else _Loop(first, last, indent, "(x, y) in D", named.split("\n"))
    index = var.strip()
    if not re.fullmatch(r"[a-z]", index) or index in "xyfw":
        return None
    if not (_ONE_BASED.fullmatch(over) or ZERO_BASED.fullmatch(over)):
        return None  # X[i] for i in range(2) and x(i) for i = 1:2 both name the two points: x^(i), i = 1, 2
    if zero_based and _ONE_BASED.fullmatch(over) and any(re.search(rf"\[\s*{index}\s*\]", line) for line in body):
        return None  # X[i] for i in (1, 2) in a language that counts from 0: not the two points
    points = [data_points(line, index) for line in body]
    kept = [line for line in points if line is not None]
    if len(kept) < len(points):
        return None  # the index used for anything but a data point (w[i], 2*i): not a sum over the data
    return _Loop(first, last, indent, f"{index} in 1:2", kept)


def _folded(lines: list[str], loop: _Loop, comment: re.Pattern[str], later: str = "") -> list[str] | None:
    """The lines with ``loop`` (and its accumulators' zero starts above it) written as sums, or None."""
    local: dict[str, str] = {}
    added: dict[str, list[str]] = {}
    for statement in loop.body:
        m = _ASSIGN.match(statement)
        if m is None:
            return None
        name, op, rhs = m.group("name"), m.group("op").lstrip("."), _inlined(m.group("rhs"), local)
        if op in ("+=", "-="):
            added.setdefault(name, []).append(rhs if op == "+=" else f"-({rhs})")
            continue
        again = re.match(rf"{re.escape(name)}[ \t]*([+-])[ \t]*(.+)$", rhs)
        if again is not None:  # grad = grad + …, grad <- grad - A - B (the sign is the first term's only)
            added.setdefault(name, []).append(again.group(2) if again.group(1) == "+" else f"-{again.group(2)}")
        elif name in added or _word(name).search(rhs):
            return None  # a name that changes in other ways
        else:
            local[name] = rhs
    if not added or set(local) & set(added):
        return None  # nothing added up, or a sum set afresh inside the loop (it keeps the last point only)
    after = "\n".join([*(comment.sub("", line) for line in lines[loop.last + 1:] if len(line) <= MAX_LINE), later])
    if any(re.search(rf"(?m)^[ \t]*{re.escape(name)}[ \t]*(?:\.?[-+*/^]?=(?!=)|<-|:=|←)", after) for name in added):
        return None  # the sum changed after the loop (grad = grad / 2): the loop alone is not the answer
    if any(_word(name).search(after) for name in local):
        return None  # a value of the loop's last pass used after it (w -= lr*grad with grad one point's term)
    if any(_word(name).search(t) for name, terms in added.items() for t in terms):
        return None  # grad += grad * x: not a sum of terms
    starts = {name: _zero_start(lines, loop.first, name, comment) for name in added}
    if any(start is None for start in starts.values()):
        return None  # a sum that does not start at zero (or whose start is not here): left as written
    out = list(lines)
    first = loop.first
    for start in sorted((s for s in starts.values() if s is not None), reverse=True):
        out[start] = " " * len(out[start])
        if all(not comment.sub("", out[j]).strip() for j in range(start, first)):
            first = start  # the zero start right above the loop: its room is the sum's too
    summands = {name: " + ".join(f"({t})" for t in terms) if len(terms) > 1 else terms[0]
                for name, terms in added.items()}
    written = "\n".join(f"{loop.indent}{name} = sum({summand} for {loop.generator})"
                        for name, summand in summands.items())
    region = "\n".join(lines[first:loop.last + 1])
    newlines = region.count("\n") - written.count("\n")  # the region's lines are kept, the sum on its first
    pad = len(region) - len(written) - newlines
    if newlines < 0 or pad < 0:
        return None
    kept = (written + " " * pad + "\n" * newlines).split("\n")
    return [*out[:first], *kept, *out[loop.last + 1:]]


def point_named(text: str, x: str, y: str) -> str | None:
    """``text`` with a data point's own names (``xi, yi``, ``x_i, y_i``) as x and y, as a sum over (x, y) ∈ D reads
    them; None where the text already calls something else x or y."""
    if (x, y) == ("x", "y"):
        return text
    if re.search(r"(?<![\w.\\])[xy](?![\w(])", text):
        return None
    return _word(y).sub("y", _word(x).sub("x", text))


def _word(name: str) -> re.Pattern[str]:
    """``name`` as a whole name of a program (not part of a longer one, not an attribute)."""
    return re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")


def _inlined(rhs: str, local: dict[str, str]) -> str:
    for name, value in local.items():
        rhs = _word(name).sub(f"({value})", rhs)
    return rhs


def _zero_start(lines: list[str], before: int, name: str, comment: re.Pattern[str]) -> int | None:
    """The line above the loop that sets ``name`` to zero (nothing else setting it in between), or None."""
    for j in range(before - 1, max(-1, before - 8), -1):
        m = _ASSIGN.match(comment.sub("", lines[j])) if len(lines[j]) <= MAX_LINE else None
        if m is not None and m.group("name") == name:
            return j if m.group("op") in ("=", "<-", ":=", "←") and _ZERO.fullmatch(m.group("rhs").strip()) \
                else None
    return None
