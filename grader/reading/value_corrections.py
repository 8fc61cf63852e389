"""Self-corrections in a written answer: the value a student corrects to is the answer.

A TA reads "conv1: 20 … EDIT: forgot the bias, 520", "fc1: 400000" followed by
"correction: + 500 → 400500", or "conv2: 25,000, actually 25,050" as one final value:
the one after the correction marker. The earlier value is kept as a candidate, only
ranked below (``SUPERSEDED`` more), so it is shown to a person but never chosen over the
correction. Only an explicit marker does this: two different values with no marker
stay two candidates, and the check sends them to a person. A corrected value is judged
like any other (a wrong correction fails).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from grader.reading.values import Candidate

SUPERSEDED = 4  # added to the rank of a value a later correction replaces
# the words that say a value is corrected ("edit:", "correction", "actually", "oops", "wait")
FIX_WORDS = r"edit(?:ed)?|correct(?:ion|ed)|update[d]?|actually|oops|i\s+meant|wait|fix(?:ed)?|errata"
_MARKER = re.compile(rf"\b(?:{FIX_WORDS}|should\s+(?:have\s+)?be(?:en)?)\b\s*[:,!—–-]*"
                     # "28 × 28 × 20 — ei, …, eli 24 × 24 × 20": a dash, then "no" in the student's language
                     r"|[—–][ \t]*(?:no|nein|non|ei|nie|nee|não|hayır|không|tidak|nem|ne|nej|όχι|нет|ні)[ \t]*[,:!]",
                     re.IGNORECASE)


# words that put right at once what was just written ("20, I mean 50", "make that", "sorry", "不对"): the value
# reader's (values._PUT_RIGHT, with more words) and the formula reader's (TAKE_BACK) share them
PUT_RIGHT_WORDS = (r"I[ \t]+mean(?:t)?|make[ \t]+(?:that|it)|or[ \t]+rather|no[ \t,]+wait|sorry|scratch[ \t]+that"
                   r"|correction|ich[ \t]+meine|je[ \t]+veux[ \t]+dire|pardon|quiero[ \t]+decir|точнее|то[ \t]+есть"
                   r"|不对|不對|아니|いや")
# words that take back what was just written and give something else at once ("$A$, I mean $B$", "A   hmm no: B",
# "$A$ — that's wrong, …: $B$", "(make that $B$)"): the two are offered for one answer
TAKE_BACK = (rf"{PUT_RIGHT_WORDS}|oops|hmm+[ \t,]*no|that'?s[ \t]+(?:wrong|not[ \t]+right)|that[ \t]+is[ \t]+wrong"
             r"|correct(?:ed)?[ \t]+answer")


_NEGATED = re.compile(r"(?i)\b(?:not|instead\s+of|rather\s+than|nicht|pas|nie|no)[ \t]*$")


class _Value(Protocol):
    """A value read from a line (values.py's, frozen): what this module needs of it."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def modifier(self) -> bool: ...


@dataclass(frozen=True)
class Correction:
    """A line that corrects: where its marker ends, and the last value stated after it."""

    marker_end: int
    value: _Value


# the old value said in a correction's words: "I had written 20", "v1 had conv2 = 25,000", "was 20 before"
_OLD_BEFORE = re.compile(r"(?i)\b(?:had|was|were|v\d|previously|used\s+to)\b[^,;.()]{0,30}$")


def correction_in(line: str, values: Sequence[_Value]) -> Correction | None:
    """The correction a line makes: its marker and the last value after it outside brackets."""
    m = _MARKER.search(line)
    if m is None:
        return None
    depth = line.count("(", 0, m.start()) - line.count(")", 0, m.start())  # "431,080 (correction: … 430,580)": a
    # marker in brackets corrects with the values in its own brackets
    after = [v for v in values if v.start >= m.end() and not v.modifier
             and line.count("(", 0, v.start) - line.count(")", 0, v.start) <= max(0, depth)
             and not _NEGATED.search(line, max(0, v.start - 16), v.start)  # "should be 2, not 1": 1 is taken back
             and not _OLD_BEFORE.search(line, max(m.end(), v.start - 40), v.start)]  # "I had written 20 first"
    concession = _CONCESSION.search(line, m.end())
    if concession is not None and any(v.start < concession.start() for v in after):
        after = [v for v in after if v.start < concession.start()]  # "I keep 430,080 although torchsummary prints
        # 431,080": what follows "although" is what the student sets aside, not the correction
    return Correction(m.end(), after[-1]) if after else None


_CONCESSION = re.compile(r"(?i)\b(?:although|though|even\s+if|whereas|despite|in\s+spite\s+of|obwohl|bien\s+que"
                         r"|aunque|embora|sebbene|anche\s+se)\b")


def apply(found: dict[str, list[Candidate]], sizes: dict[str, int], fields: list[str], fix: Correction,
          line: str, make: type[Candidate]) -> None:
    """The corrected value becomes the fields' answer; what they held before the correction is superseded.

    ``sizes``: how many candidates each field had before the correcting line was read (those are
    earlier answers); a candidate of the line itself stated before the marker is one too."""
    for f in fields:
        kept: list[Candidate] = []
        for k, c in enumerate(found.get(f, [])):
            earlier = k < sizes.get(f, 0) or (c.line == line.strip()[:200] and c.text != fix.value.text
                                              and _before(line, c.text, fix.marker_end))
            kept.append(make(c.text, c.rank + SUPERSEDED, c.line) if earlier else c)
        kept = [c for c in kept if not (c.text == fix.value.text and c.line == line.strip()[:200])]
        kept.append(make(fix.value.text, 0, line.strip()[:200]))
        found[f] = kept


def _before(line: str, text: str, marker_end: int) -> bool:
    at = line.find(text)
    return 0 <= at < marker_end
