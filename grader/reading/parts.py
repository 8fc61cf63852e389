"""Which text answers which part: labels found on the document tree, in order, become segments.

A TA reads labels in sequence: ``(a)`` after ``(f)`` is the next problem even without a heading,
``(ii)`` in the middle of a line is a label only when it follows ``(i)``, and a problem heading
resets the parts. Each part's segment runs from its label to the next label (sub-parts nest in
their part), and is cut at a code block.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from grader.reading.labels import (
    ITEM_NUMBER,
    LETTERS,
    ROMAN,
    Label,
    next_letter,
    next_roman,
    read_label,
    trailing_heading_label,
    weak_labels,
)


@dataclass(frozen=True)
class Site:
    """A place where a label may start: a heading, a line, a list item, a display."""

    pos: int
    heading: bool = False
    given: str = ""  # a label the source states elsewhere (LaTeX enumerate numbering)
    number: str = ""  # an ordered list item's number: its part when a problem has no letter labels
    depth: int = 0  # the list's nesting depth


@dataclass
class Segmenter:
    text: str
    code: list[tuple[int, int]]
    segments: dict[str, tuple[int, int]] = field(default_factory=dict)
    found: list[tuple[str, Label]] = field(default_factory=list)
    problem: str = "1"
    part: str | None = None
    sub: str | None = None
    open_keys: list[tuple[str, int]] = field(default_factory=list)
    repeated: list[Label] = field(default_factory=list)  # labels said again inside their part
    again: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # a part answered again later (a summary)
    named: bool = False  # the current problem was named by a heading (Problem 2), not counted

    def run(self, marks: list[Label]) -> None:
        for mark in marks:
            self.take(mark)
        self.close(len(self.text), keep=0)

    def take(self, mark: Label) -> None:
        if mark.problem and not mark.part:
            self.close(mark.start, keep=0)
            self.problem, self.part, self.sub = mark.problem, None, None
            self.named = True
            self.found.append((f"{mark.problem}", mark))
            return
        same = mark.part == self.part and (mark.problem is None or mark.problem == self.problem)
        if mark.part and not (same and mark.sub):
            if not self._part_follows(mark):
                if mark.strong:
                    self.repeated.append(mark)
                return
            if mark.problem:
                self.problem, self.named = mark.problem, True
            elif self.part is not None and mark.part < self.part and self._restarts(mark):
                self.problem = str(int(self.problem) + 1) if self.problem.isdigit() else self.problem
                self.named = False
            self.close(mark.start, keep=0)
            self.part, self.sub = mark.part, None
            self.open(f"{self.problem}.{mark.part}", mark)
        if mark.sub and self.part is not None and self._sub_follows(mark):
            self.close(mark.start, keep=1)
            self.sub = mark.sub
            self.open(f"{self.problem}.{self.part}.{mark.sub}", mark)

    def _restarts(self, mark: Label) -> bool:
        """``(a)`` after ``(f)`` starts the next problem, unless a heading named this problem and its
        ``(a)`` has not been answered yet: parts answered in another order ((f), (e), …, (a)), or the next
        problem was named by its own heading before this one (answered first)."""
        if not self.named:
            return True
        if self.problem.isdigit() and any(k == str(int(self.problem) + 1) for k, _ in self.found):
            return False  # the next problem had its own heading earlier (answered first): this is still this one
        return f"{self.problem}.{mark.part}" in self.segments or any(
            k == f"{self.problem}.{mark.part}" for k, _ in self.open_keys)

    def _part_follows(self, mark: Label) -> bool:
        if not mark.strong:
            return mark.part == next_letter(self.part) and not mark.sub
        again = mark.part == self.part and mark.sub is None and mark.problem in (None, self.problem)
        return not again  # "1e_w2 ->", "1e_w1 ->": one part's label said again, its answers go on

    def _sub_follows(self, mark: Label) -> bool:
        if mark.strong:
            return mark.sub != self.sub or mark.part is not None
        return mark.sub == next_roman(self.sub)

    def open(self, key: str, mark: Label) -> None:
        self.open_keys.append((key, mark.end))
        self.found.append((key, mark))

    def close(self, pos: int, keep: int) -> None:
        while len(self.open_keys) > keep:
            key, start = self.open_keys.pop()
            end = next((a for a, _ in self.code if start <= a < pos), pos)
            if key not in self.segments:
                self.segments[key] = (start, end)
            else:  # "Summary of final answers: 1(b)(i) …": the part's answer said again, after other parts
                self.again.setdefault(key, []).append((start, end))


def segment(text: str, sites: list[Site], regions: list[tuple[int, int]],
            code: list[tuple[int, int]]) -> Segmenter:
    """Segments of ``text`` from labels at ``sites`` and, inside ``regions``, mid-line labels."""
    strong: dict[int, Label] = {}
    headings: list[tuple[int, int, bool]] = []  # (position, level, whether it holds a label)
    topics: list[int] = []  # paragraphs that open the code's own part ("Code part: with the attached network …")
    for site in sites:
        if site.pos in strong:
            continue
        if site.given:
            label = read_label(site.given, 0, context=text)
            label = label and Label(site.pos, site.pos, label.problem, label.part, label.sub)
        else:
            label = read_label(text, site.pos, heading=site.heading)
            if label is None and site.heading:
                label = trailing_heading_label(text, site.pos)
            elif label is None and (bold := _BOLD_TITLE.match(text, site.pos)) is not None \
                    and (titled := trailing_heading_label(bold.group(1), 0)) is not None:
                label = Label(site.pos, bold.end(), titled.problem, titled.part, titled.sub)  # "**Shapes (part a).**"
        if label is not None and not label.problem and _MENTION_AT_START.match(text, site.pos):
            label = None  # "… from part" / "(a), and we need …": a wrapped line that starts with a mention
        if label is not None and (label.problem or label.part or label.sub):
            strong[site.pos] = _from_line_start(text, label)
        if site.heading and site.depth and (site.pos in strong or _ANOTHER_TOPIC.match(text, site.pos)):
            headings.append((site.pos, site.depth, site.pos in strong))
        elif not site.heading and site.pos not in strong and _CODE_PARAGRAPH.match(text, site.pos):
            topics.append(site.pos)
    strong.update(_numbered_parts(text, sites, strong))
    marks = sorted(strong.values(), key=lambda m: m.start)
    covered = [(m.start, m.end) for m in marks]
    weak: list[Label] = []
    for start, end in regions:
        weak.extend(_asked_from_line_start(text, w) for w in weak_labels(text, start, end)
                    if not _inside(w.start, covered))
    marks = sorted(marks + weak, key=lambda m: (m.start, not m.strong, m.part is None))
    pasted = _pasted_questions(text, marks)
    quoted = [m for m in marks if _quoted_question(text, m) and id(m) not in pasted]
    dropped = pasted | {id(m) for m in quoted}
    remarks = _remark_paragraphs(text) if _REMARKS.search(text) else []
    marks = _without_capital_options(text, marks)
    marks = [m for m in marks if id(m) not in pasted and not (remarks and _numbers_a_remark(text, m, remarks))
             and (m not in quoted or not _asked_again(m, [o for o in marks if id(o) not in dropped]))]
    seg = Segmenter(text, sorted(code))
    seg.run(_one_per_place(_without_stray_first(_without_problem_again(marks))))
    _end_at_headings(text, seg, headings)
    for pos in topics:
        for key, (a, b) in list(seg.segments.items()):
            if a < pos < b:
                seg.segments[key] = (a, pos)
    return seg


def _without_problem_again(marks: list[Label]) -> list[Label]:
    """A problem's number said again before any of its parts ("p2_input: 28x28", "p2_conv1_filter: …": an answer
    sheet's keys that each open with the problem): one problem's text, not a new start on each line."""
    out: list[Label] = []
    for m in marks:
        if out and m.problem and not m.part and not m.sub and out[-1].problem == m.problem \
                and not out[-1].part and not out[-1].sub:
            continue
        out.append(m)
    return out


# a paragraph of remarks numbered as a list is ("*Remarks.* (i) Since …, also Dσ = σ(u)σ(−u). (ii) …"): its own
# numbers, not the parts'
def _without_capital_options(text: str, marks: list[Label]) -> list[Label]:
    """Capital labels ("(A) without ½ …", "(B) with ½ …") inside a part that a small letter labels, in the same
    problem: options that part offers, not parts (a problem lettered in capitals throughout keeps its labels)."""
    out, inside = [], False
    for m in marks:
        if m.problem and not m.part:
            inside = False  # a new problem: its own lettering
        elif m.part and not m.problem and _UPPER_OPTION.match(text, m.start, m.end):
            if inside:
                continue
        elif m.part and _LOWER_PART.match(text, m.start, m.end):
            inside = True
        out.append(m)
    return out


# options a part offers, lettered in capitals where the parts are lettered small ("(A) without ½: …", "(B) with ½")
_UPPER_OPTION = re.compile(r"[^\w(\n]{0,12}\(([A-H])\)")
_LOWER_PART = re.compile(r"[^\w(\n]{0,12}(?:\d{1,2}[ .]?)?\(?([a-h])\)")
_REMARKS = re.compile(r"(?:^|\n)[ \t*_]*(?:remarks?|observations?|bemerkung(?:en)?|remarques?|anmerkung(?:en)?)"
                      r"[ \t*_]*\.[ \t*_]*(?=\()", re.IGNORECASE)
# … unless the words after a number say something of that part ("(ii) has a sign error", "(i) is fine")
_ABOUT_THE_PART = re.compile(r"[ \t]*(?:is|was|has|had|should|needs?|gets?|uses?|contains?|must|I|my|the\s+answer)\b",
                             re.IGNORECASE)


def _remark_paragraphs(text: str) -> list[tuple[int, int]]:
    """The spans of the paragraphs that open a line with numbered remarks."""
    out = []
    for m in _REMARKS.finditer(text):
        end = text.find("\n\n", m.end())
        out.append((m.start(), len(text) if end < 0 else end))
    return out


def _numbers_a_remark(text: str, mark: Label, remarks: list[tuple[int, int]]) -> bool:
    """Whether a sub-part's label numbers one of a paragraph's remarks ("*Remarks.* (i) … (ii) …")."""
    return bool(mark.sub) and not mark.part and not mark.problem and _inside(mark.start, remarks) \
        and not _ABOUT_THE_PART.match(text, mark.end)


_MENTION_AT_START = re.compile(r"[ \t]*\(\s?(?:[a-h]|i{1,3}|iv)\s?\)[,;][ \t]*[a-z]{2,}")
# a paragraph's bold title that ends with its part's label: "**Shapes (part a).** An input image is …"
_BOLD_TITLE = re.compile(r"[ \t]*\*\*([^*\n]{1,80}?\([^()\n]{1,10}\))[.:]?\*\*[ \t]*")


# a paragraph that opens the programming part, in a hand-in that gives it no heading: "Code part: with the
# attached network (conv1 -> relu -> pool -> … -> fc2 10) I get 99.11 %" ends the written part before it
_CODE_PARAGRAPH = re.compile(r"[ \t*_]*(?:the[ \t]+)?(?:code|coding|programming|implementation)"
                             r"(?:[ \t]+(?:part|section|question|problem|task))?[ \t*_]*[:—–]", re.IGNORECASE)


# a heading that opens what no written part asks ("### Code / result", "## Training result", "## Appendix"): a heading
# that may hold a part's fix ("### Correction", "### Note") ends nothing
_TOPIC = (r"(?:(?:my|the|our)[ \t]+)?(?:code|implementation|training|results?|appendix|references|program(?:ming)?"
          r"|experiments?|notebook|test[ \t]+accuracy|accuracy|bibliography|acknowledg\w*|output|log)")
_ANOTHER_TOPIC = re.compile(rf"[ \t*_]*{_TOPIC}(?:[ \t]*(?:/|,|&|and|\+|[ \t])[ \t]*{_TOPIC})*[ \t*_:.}}]*(?:\n|$)",
                            re.IGNORECASE)


# the handout's question pasted as a quote over the answer: "> **1(d)** Compute …", "> (b) Choose the filter size …"
_ASKS = re.compile(r"[ \t*_]*(?:compute|calculate|derive|show|give|write|choose|find|determine|explain|draw|what|how|"
                   r"which|let\b|berechne|calcule[rz]?|calcula|calcola|oblicz|вычисли)", re.IGNORECASE)


def _asked_again(quoted: Label, unquoted: list[Label]) -> bool:
    """Whether the part a quoted question labels is labelled again right after it, unquoted (before any label of a
    later part): the answer's own label, so the quote's is not needed."""
    for o in unquoted:
        if o.start <= quoted.start:
            continue
        if (o.part, o.sub) == (quoted.part, quoted.sub) and (o.problem or quoted.problem) == (quoted.problem or
                                                                                                o.problem):
            return True
        if o.part and quoted.part and o.part > quoted.part:
            return False
    return False


def _quoted_question(text: str, mark: Label) -> bool:
    """Whether a label stands in a quoted line and opens the question's own words (the student pasted the
    handout's question as a quote, then answers under it): the quote's label is not where the answer is."""
    line_start = text.rfind("\n", 0, mark.start) + 1
    return text[line_start:line_start + 4].lstrip(" \t").startswith(">") and _ASKS.match(text, mark.end) is not None


def _blank_before_another(text: str, mark: Label, following: Label | None) -> bool:
    """Nothing but blanks between a label and the next part's label ("(d)" then "(e) …": a pasted question whose
    words were blanked); not a part's label over its first sub-part's ("### (b)" then "(i)")."""
    return following is not None and following.start > mark.end and bool(following.part) \
        and following.part != mark.part and not text[mark.end:following.start].strip()


def _asked_here(text: str, mark: Label) -> bool:
    """Whether a label opens a question's words ("(d) Compute ∂f_w/∂w3.", "(f) Given a dataset …")."""
    bracket = text.find(")", mark.start, mark.end)  # (a label may take the words after it as its key)
    at = min(mark.end, bracket + 1) if bracket >= 0 else mark.end
    at += len(text[at:at + 20]) - len(text[at:at + 20].lstrip("])*_:. \t"))  # "\item[(d)] Compute …"
    return any(p.match(text, at) is not None for p in (_ASKS, _PASTED_ASKS))



def _pasted_questions(text: str, marks: list[Label]) -> set[int]:
    """The labels (their ids) of the handout's questions pasted as they are ("(d) Compute ∂f_w/∂w3.", or left blank
    where those words were blanked), whose parts are labelled again later, not with a question: all of them when
    three or more are, else each one whose later label carries an answer's word ("**(d) Answer:**"). The answers'
    labels count. ``marks`` in order of place; one pass each way."""
    latest: dict[tuple[str | None, ...], int] = {}  # the last label of each part that asks nothing
    answered: dict[tuple[str | None, ...], int] = {}  # … and the last one with an answer's word
    keys = []
    problem = next((o.problem for o in marks if o.problem and not o.part), None)  # (questions pasted before the
    part = None  # first problem's heading are its) each label's problem: its own, or its heading's before it
    for o in marks:  # (and a sub-part's part: its own, or its part's label's before it)
        problem = o.problem if o.problem and not o.part else problem
        part = o.part or (None if o.problem else part)
        keys.append((o.problem or problem, o.part or part, o.sub))
    asks = {id(o) for o in marks if o.part and _asked_here(text, o)}
    question_end = -1  # where the line ends of the last part's label that opens a question's words
    for o in marks:  # "(b) Compute dσ/du (i) in terms of exp, (ii) …": sub-parts inside the question's line
        if o.part and not o.sub and id(o) in asks:
            question_end = text.find("\n", o.start) % (len(text) + 1)
        elif o.sub and not o.part and o.start < question_end:
            asks.add(id(o))
    for o, key in zip(marks, keys, strict=True):
        if (o.part or (o.sub and key[1])) and id(o) not in asks:
            latest[key] = o.start
            if _ANSWER_WORD.search(text, max(o.start - 60, text.rfind("\n", max(0, o.start - 60), o.start) + 1),
                                   o.end + 30) is not None:  # ("**Answer (i):**": the word before the label too)
                answered[key] = o.start
    following: list[Label | None] = [None] * len(marks)
    nxt: Label | None = None
    for k in range(len(marks) - 1, -1, -1):  # the next label (after this one's place)
        following[k] = nxt
        if k and marks[k - 1].start < marks[k].start:
            nxt = marks[k]
    asked = [(m, keys[k]) for k, m in enumerate(marks) if (m.part or m.sub) and latest.get(keys[k], -1) > m.start
             and (id(m) in asks or (m.part and _blank_before_another(text, m, following[k])))]
    many = sum(1 for m, _ in asked if m.part) >= 3  # (a question's sub-parts are no more questions)
    return {id(m) for m, key in asked if many or answered.get(key, -1) > m.start}


_PASTED_ASKS = re.compile(r"[ \t*_]*(?:use|given|complete|after|compute|consider|implement|train)\b", re.IGNORECASE)
_ANSWER_WORD = re.compile(r"\b(?:answer|solution|ans|sol|antwort|lösung|réponse|respuesta)\b", re.IGNORECASE)


def _end_at_headings(text: str, seg: Segmenter, headings: list[tuple[int, int, bool]]) -> None:
    """A part opened by a heading ends at the next heading of its level or above that labels nothing
    (``### (c)`` … ``### Code / result``), a part opened by a line's label at any such heading: the text under
    that heading is no longer the part's answer."""
    if not any(not labelled for _, _, labelled in headings):
        return
    level_at = {text.rfind("\n", 0, pos) + 1: level for pos, level, labelled in headings if labelled}
    for key, mark in seg.found:
        level = level_at.get(text.rfind("\n", 0, mark.start) + 1, 99)  # "(c) Counting …" under "## Problem 2",
        if key not in seg.segments:  # then "### Code": a part on a line of its own ends at any such heading
            continue
        start, end = seg.segments[key]
        cut = next((pos for pos, lv, labelled in headings if not labelled and lv <= level and start < pos < end), None)
        if cut is None:
            continue
        cut = text.rfind("\n", 0, cut) + 1
        for inner, (a, b) in list(seg.segments.items()):
            if (inner == key or inner.startswith(f"{key}.")) and a < cut < b:
                seg.segments[inner] = (a, cut)


def _without_stray_first(marks: list[Label]) -> list[Label]:
    """A sheet's notation block before its answers (``x2: w2*sigma1(x1)``, ``f: w3*sigma2(x2)``): a bare letter
    that opens the hand-in out of order (not (a)), whose part is labelled again later with its problem's number
    (``1f.loss: …``, the first problem's) after an ``(a)``, names a quantity, not the part."""
    parts = [m for m in marks if m.part]
    if not parts or parts[0].problem or parts[0].part == "a" \
            or any(m.problem for m in marks if m.start < parts[0].start):
        return marks
    first = parts[0]
    later_a = next((m for m in parts[1:] if m.part == "a"), None)
    if later_a is None or not any(m.problem == "1" and m.part == first.part and m.start > later_a.start for m in parts):
        return marks
    return [m for m in marks if m is not first]


_MARKUP = re.compile(r"[ \t>#*_|~+\-•◦▪‣●○■]*(?:\d{1,3}[.)])?[ \t*_]*(?:\$\$|\\\[|\$)?[ \t]*"
                     r"(?:\\(?:text|textbf|textit|mathrm|mathbf|bf)\s*\{)?[ \t]*")


def _from_line_start(text: str, label: Label) -> Label:
    """A label after a list marker, ``**`` or ``###`` takes that markup: the part before ends at the line."""
    line = text.rfind("\n", 0, label.start) + 1
    if label.start - line < 40 and _MARKUP.fullmatch(text, line, label.start):
        return replace(label, start=line)
    return label


def _asked_from_line_start(text: str, label: Label) -> Label:
    """A label that ends a question on its own line ("**Q: Which stride makes conv2 go from 12×12×20 to 8×8×50?
    (b)**"): the question is the part's heading, so the part before ends where its line starts."""
    line = text.rfind("\n", 0, label.start) + 1
    if _ASKED_BEFORE.search(text, line, label.start) and _LINE_CLOSES.match(text, label.end):
        return replace(label, start=line)
    return label


_ASKED_BEFORE = re.compile(r"\?[*_ \t]*\Z")  # the question mark right before the label
_LINE_CLOSES = re.compile(r"[ \t]*[*_:.]*[ \t]*(?:\n|\Z)")  # and nothing after it on its line


def _numbered_parts(text: str, sites: list[Site], strong: dict[int, Label]) -> dict[int, Label]:
    """Items "1." to "6." as parts (a) to (f) in a problem whose answers carry no letter labels (the item's number is
    its label: the part before it ends at its line)."""
    bounds = sorted(p for p, m in strong.items() if m.problem and not m.part) + [float("inf")]
    lettered = [p for p, m in strong.items() if m.part]
    out: dict[int, Label] = {}
    low = -1.0
    for high in bounds:
        if not any(low <= p < high for p in lettered):
            items = [s for s in sites if low <= s.pos < high and s.number.isdigit() and s.pos not in strong]
            top = min((s.depth for s in items), default=0)
            if any(s.depth == top and int(s.number) > len(LETTERS) for s in items):
                items = []  # "1." to "25.", one per asked quantity: a list of answers, not of parts
            for s in items:
                n = int(s.number)
                if s.depth == top and 1 <= n <= len(LETTERS):
                    line = text.rfind("\n", max(0, s.pos - 20), s.pos) + 1
                    begin = line if ITEM_NUMBER.fullmatch(text, line, s.pos) else s.pos
                    out[s.pos] = Label(begin, s.pos, None, LETTERS[n - 1], None)
        low = high
    return out


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    import bisect

    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _one_per_place(marks: list[Label]) -> list[Label]:
    """A weak ``(i)`` is both a letter and a roman numeral; keep both readings, once per place."""
    seen: set[tuple[int, str | None, str | None]] = set()
    out = []
    for m in marks:
        key = (m.start, m.part, m.sub)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


__all__ = ["ROMAN", "Segmenter", "Site", "segment"]
