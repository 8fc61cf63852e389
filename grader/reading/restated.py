"""A question the hand-in copies before answering it ("> *Question (b): compute ∂σ/∂u, (i) in terms of exp and
(ii) …*", "\\emph{We are asked for …}", "The question: the input is 28×28, 20 filters of 5×5 …",
"1(b) Compute ∂σ1/∂u, (i) in terms of exp, (ii) in terms of σ1."): the handout's words, not the student's.
Its labels ("(i) in terms of exp") would open parts inside the question and its numbers (28×28, 5×5, 20)
would read as answers, so it is blanked before the hand-in is read: the label in front of it stays, the
question's words become spaces (line breaks kept), the answer after it is read as if the question were not there.

Only what says it is the question is blanked: a lead ("The question:", "We are asked for", "Question (b):"
inside a quote or italics) or a command to the student ("Compute …", "Find …", "What is …?") opening a line,
up to where its sentence ends. A plain sentence that holds an ``=`` keeps its words: "Compute D' = −e^{-u}"
is a step of the answer."""
from __future__ import annotations

import re

# what a student writes before copying the question
_LEAD = (r"(?:the\s+question(?:\s+(?:asks|is|reads))?(?:\s+(?:for|us\s+to))?\s*[:—–-]"
         r"|the\s+question\s+asks\s+(?:for|us\s+to)\b"
         r"|we\s+are\s+asked\s+(?:for|to)|(?:question|task|exercise|aufgabe|asked)\s*:)")
# the student's own voice: "The question asks for weights, so I take the +1 out" is a choice, never blanked
_OWN_VOICE = re.compile(r"\bI\b|\bI'm\b"
                        r"|(?i:\b(?:my|we\s+(?!are\s+asked)|our|so|hence|thus|therefore|take|instead|but)\b)")
# a command to the student, as the handout words it (capitalised, opening a line or following its label)
_COMMAND = (r"(?:Compute|Find|Give|Derive|Determine|Calculate|Draw|Explain|Write\s+down|Show|Count|Choose|State"
            r"|What\s+(?:is|are)|Which|How\s+many|Using\s+the\s+chain\s+rule)\b")
# a part's label in front of it: "1(b)", "Q1(b)(i)", "(d)", "b)", "Question (b):", "Q2.c"
_LABEL = (r"(?:(?:question|q|task|part|aufgabe|exercise|problem)[ \t]*)?(?:\d{1,2}[ \t]*)?(?:[.(]?[a-h]\)?[ \t]*)?"
          r"(?:\(?(?:iii|ii|iv|i)\)[ \t]*)?(?:[.:)][ \t]*)?")  # (each run of blanks after a token: linear)
_LINE_LEAD = re.compile(rf"(?im)^(?P<pre>[ \t]*(?:[-*+][ \t]+)?(?:\*\*[^*\n]{{1,40}}\*\*[ \t]*)?{_LABEL})"
                        rf"(?P<lead>{_LEAD}|(?-i:{_COMMAND}))")
# the same inside a quote or italics: the whole quote or italic span is the question (and so is one whose label
# says it is: "> *Question (b): the input is …*")
_ASKED = r"(?:question|task|exercise|aufgabe)[ \t]*[\w().]{0,12}[ \t]*:[ \t]*"
_OPENS = rf"(?:{_ASKED}|{_LABEL}(?={_LEAD}|{_COMMAND}))"
_WRAPPED = re.compile(rf"(?im)^(?P<pre>[ \t]*(?:\\noindent[ \t]*)?(?:>[ \t]*)?"
                      rf"(?P<open>\\(?:textit|emph|textsl)\s*\{{|<(?:em|i)>|\*(?!\*)|_(?!_))[ \t]*{_OPENS})")
_QUOTE_LEAD = re.compile(rf"(?im)^(?P<pre>[ \t]*>[ \t]*(?:[*_]{{1,2}}[ \t]*)?{_OPENS})")
_SENTENCE_END = re.compile(r"[.?](?=[ \t]*(?:\n|$)|[ \t]+[A-Z(\\$])|\n[ \t]*\n")
_MATH_MARK = re.compile(r"\$\$?|\\\(|\\\)")
MAX_QUESTION = 700  # a question copied is a few lines; a longer "sentence" is the student's own text
MAX_QUESTIONS = 60


def restated_questions(text: str) -> str:
    """``text`` with each question it copies blanked (see the module's docstring)."""
    if len(text) > 400_000:
        return text
    spans: list[tuple[int, int]] = []
    for m in list(_QUOTE_LEAD.finditer(text))[:MAX_QUESTIONS]:
        end = _quote_end(text, m.start())
        if _said_asked(m.group("pre")) or not _OWN_VOICE.search(text, m.end("pre"), end):
            spans.append((m.end("pre"), end))
    for m in list(_WRAPPED.finditer(text))[:MAX_QUESTIONS]:
        closed = _wrapper_end(text, m.end("open"), m.group("open"))
        if closed is not None and (_said_asked(m.group("pre")) or not _OWN_VOICE.search(text, m.end("pre"), closed)):
            spans.append((m.end("pre"), closed))  # ("*Find F: so F = 5*": the student's own step in italics)
    for m in list(_LINE_LEAD.finditer(text))[:MAX_QUESTIONS]:
        if any(a <= m.end("pre") < b for a, b in spans):
            continue
        said = _sentence_end(text, m.end("lead"))
        command = m.group("lead")[:1].isupper() and not re.match(r"(?i)the|we|question|task|exercise|aufgabe|asked",
                                                                  m.group("lead"))
        if said is None or command and "=" in text[m.end("lead"):said] or _OWN_VOICE.search(text, m.end("lead"), said):
            continue  # "Compute D'(u) = −e^{-u}": the student's step, not the handout's words
        if command and not _label_before(m.group("pre")) and not _opens_paragraph(text, m.start()):
            continue  # a command inside the student's own working ("…, so. Find the …") is left alone
        spans.append((m.end("pre"), said))
    if not spans:
        return text
    out, pos = [], 0
    for a, b in sorted(spans):
        if a < pos:
            a = pos
        if a >= b:
            continue
        out += [text[pos:a], re.sub(r"[^\n]", " ", text[a:b])]
        pos = b
    return "".join(out) + text[pos:]


def _said_asked(pre: str) -> bool:
    """Whether the label says what follows is the question ("Question (b):", "Task:")."""
    return re.search(r"(?i)(?:question|task|exercise|aufgabe)[^:\n]{0,14}:[ \t]*$", pre) is not None


def _label_before(pre: str) -> bool:
    return re.search(r"[A-Za-z0-9)]", pre) is not None


def _opens_paragraph(text: str, start: int) -> bool:
    """Whether the line at ``start`` opens a paragraph (a blank line or a heading above it, or the text's start)."""
    before = text[max(0, start - 300):start].rstrip(" \t")
    if not before:
        return True
    if not before.endswith("\n"):
        return False
    above = before[:-1].rsplit("\n", 1)[-1].strip()
    return not above or above.startswith(("#", "\\section", "\\subsection", "\\paragraph", "===", "---", "***"))


def _sentence_end(text: str, start: int) -> int | None:
    """Where the sentence from ``start`` ends (after its "." or "?"), math skipped; None past MAX_QUESTION."""
    stop = min(len(text), start + MAX_QUESTION)
    inside, pos = False, start
    while pos < stop:
        end = _SENTENCE_END.search(text, pos, stop)
        mark = _MATH_MARK.search(text, pos, stop)
        if end is None:
            return stop if stop == len(text) else None
        if mark is not None and mark.start() < end.start():
            inside = not inside if mark.group() in ("$", "$$") else mark.group() == "\\("
            pos = mark.end()
            continue
        if inside:
            pos = end.end()
            continue
        return end.end() if end.group().startswith((".", "?")) else end.start()
    return None


def _quote_end(text: str, start: int) -> int:
    """The end of the Markdown quote whose first line starts at ``start`` (its ``>`` lines)."""
    pos = start
    while pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        if not text[pos:line_end].lstrip().startswith(">"):
            return pos
        pos = line_end + 1
    return len(text)


def _wrapper_end(text: str, start: int, opener: str) -> int | None:
    """Where the italic span opened just before ``start`` closes (its closing brace, tag or mark, which stays), in
    its paragraph."""
    paragraph = re.compile(r"\n[ \t]*\n").search(text, start)
    stop = min(paragraph.start() if paragraph else len(text), start + MAX_QUESTION * 2)
    if opener.startswith("\\"):
        depth = 1
        for k in range(start, stop):
            c = text[k]
            if c in "{}" and text[k - 1] != "\\":
                depth += 1 if c == "{" else -1
                if depth == 0:
                    return k
        return None
    close = "</em>" if opener == "<em>" else "</i>" if opener == "<i>" else opener
    end = text.find(close, start, stop)
    while end >= 0 and close in "*_" and text[end + 1:end + 2] == close:
        end = text.find(close, end + 2, stop)  # "**bold**" inside the question is not its end
    return None if end < 0 else end
