"""A question the hand-in copies before answering it ("> *Question (b): compute ∂σ/∂u, (i) in terms of exp and
(ii) …*", "\\emph{We are asked for …}", "The question: the input is 28×28, 20 filters of 5×5 …",
"1(b) Compute ∂σ1/∂u, (i) in terms of exp, (ii) in terms of σ1."): the handout's words, not the student's.
Its labels ("(i) in terms of exp") would open parts inside the question and its numbers (28×28, 5×5, 20)
would read as answers, so it is blanked before the hand-in is read: the label in front of it stays, the
question's words become spaces (line breaks kept), the answer after it is read as if the question were not there.

Only what says it is the question is blanked: a lead ("The question:", "We are asked for", "Question (b):"
inside a quote or italics) or a command to the student ("Compute …", "Find …", "What is …?") opening a line,
up to where its sentence ends (a quote or italics: to their end), and only when it holds none of the student's
own words ("I", "my", "so", "or", "final", …), no "=" but the handout's own definitions, no arrow and no formula
after a colon: "Compute D' = −e^{-u}" is a step of the answer, and a hedge or a final word dressed as the question
("The question: is it A or B?", "> Question (d): my final answer: …") stays the student's."""
from __future__ import annotations

import re

from grader.reading.tex_source import closing_brace

# what a student writes before copying the question
_LEAD = (r"(?:the\s+question(?:\s+(?:asks|is|reads))?(?:\s+(?:for|us\s+to))?\s*[:—–-]"
         r"|the\s+question\s+asks\s+(?:for|us\s+to)\b"
         r"|we\s+are\s+asked\s+(?:for|to)|(?:question|task|exercise|aufgabe|asked)\s*:)")
# what a copied question never holds: the student's own voice, a choice, a second answer, a change or a doubt
# ("The question: is it σ2(x2) or w3σ2(x2)?", "> Question (d): my final answer: …", "We are asked for the filter
# size: on second thought 3×3"): such text is the student's, never blanked
_OWN_VOICE = re.compile(r"\bI\b|\bI'm\b|\?(?![ \t]+(?:What|How|Which|Compute|Find|Give|Derive|Determine|Calculate"
                        r"|Explain|And)\b)[^?\n]{0,3}\S"  # ("?" before more words: a question of the student's,
                        # not the next of the handout's: "What is the input dimension? What is …?")
                        r"|(?i:\b(?:my|me|we\s+(?!are\s+asked)|our|us(?!\s+to\b)|so|hence|thus|therefore|take|taken"
                        r"|instead|but|or|oder|ou|o|either|rather|maybe|perhaps|possibly|actually|final\w*|answer\w*"
                        r"|result\w*|correct\w*|wrong|fix\w*|should|must|recount\w*|simplif\w*|sure|unsure"
                        r"|thought|end|mistake|typo|chang\w*|gives?|giving|equals?|becomes?|is\s+(?:it|really)"
                        r"|means?|meant|used|really|ok|okay|note|remember|yes|no|not|which|namely|i\.e"
                        r"|that\s+is|carr\w+|after\s+all)\b)")
# the handout's own definitions a copied question may hold ("with L(w) = Σ …, D = {…}"): any other "=" is the
# student's working
_HANDOUT_EQUALS = re.compile(r"(?:\bL\s*\(\s*w\s*\)|\bD|f_\{?w\}?\s*\(\s*x\s*\))\s*\$?\s*=")
# a command to the student, as the handout words it (capitalised, opening a line or following its label); "What
# is …?" only as a whole question
_COMMAND = (r"(?:Compute|Find|Give|Derive|Determine|Calculate|Draw|Explain|Write\s+down|What\s+(?:is|are)"
            r"|How\s+many)\b")
# a part's label in front of it: "1(b)", "Q1(b)(i)", "(d)", "b)", "Question (b):", "Q2.c"
_LABEL = (r"(?:(?:question|q|task|part|aufgabe|exercise|problem)[ \t]*)?(?:\d{1,2}[ \t]*)?(?:[.(]?[a-h]\)?[ \t]*)?"
          r"(?:\(?(?:iii|ii|iv|i)\)[ \t]*)?(?:[.:)][ \t]*)?")  # (each run of blanks after a token: linear)
_LINE_LEAD = re.compile(rf"(?im)^(?P<pre>[ \t]*(?:[-*+][ \t]+)?(?:\*\*[^*\n]{{1,40}}\*\*[ \t]*)?{_LABEL})"
                        rf"(?P<lead>{_LEAD}|(?-i:{_COMMAND}))")
# the same inside a quote or italics: the whole quote or italic span is the question (and so is one whose label
# says it is: "> *Question (b): the input is …*")
_ASKED = r"(?:question|task|exercise|aufgabe)[ \t]*[\w().]{0,12}[ \t]*:[ \t]*"
_OPENS = rf"(?:{_ASKED}|{_LABEL}(?:(?:\*\*|__)[ \t]*)?(?={_LEAD}|{_COMMAND}))"  # ("> **(a)** What is …?")
_WRAPPED = re.compile(rf"(?im)^(?P<pre>[ \t]*(?:\\noindent[ \t]*)?(?:>[ \t]*)?"
                      rf"(?P<open>\\(?:textit|emph|textsl)\s*\{{|<(?:em|i)>|\*(?!\*)|_(?!_))[ \t]*{_OPENS})")
_QUOTE_LEAD = re.compile(rf"(?im)^(?P<pre>[ \t]*>[ \t]*(?:[*_]{{1,2}}[ \t]*)?{_OPENS})")
_SENTENCE_END = re.compile(r"[.?](?=[ \t]*(?:\n|$)|[ \t]+[A-Z(\\$])|\n[ \t]*\n")
_MATH_MARK = re.compile(r"\$\$?|\\\(|\\\)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
MAX_QUESTION = 700  # a question copied is a few lines; a longer "sentence" is the student's own text
MAX_QUESTIONS = 60


def restated_questions(text: str) -> str:
    """``text`` with each question it copies blanked (see the module's docstring)."""
    if len(text) > 400_000:
        return text
    spans: list[tuple[int, int]] = []
    for m in list(_QUOTE_LEAD.finditer(text))[:MAX_QUESTIONS]:
        end = _quote_end(text, m.start())
        if _only_asks(text[m.end("pre"):end]):
            spans.append((m.end("pre"), end))
    for m in list(_WRAPPED.finditer(text))[:MAX_QUESTIONS]:
        closed = _wrapper_end(text, m.end("open"), m.group("open"))
        if closed is not None and _only_asks(text[m.end("pre"):closed]):
            spans.append((m.end("pre"), closed))
    for m in list(_LINE_LEAD.finditer(text))[:MAX_QUESTIONS]:
        if any(a <= m.end("pre") < b for a, b in spans):
            continue
        said = _sentence_end(text, m.end("lead"))
        if said is None or not _only_asks(text[m.end("pre"):said]):
            continue  # "Compute D'(u) = −e^{-u}": the student's step, not the handout's words
        if m.group("lead").startswith("What") and not text[m.end("pre"):said].rstrip().endswith("?"):
            continue  # "What is left is …": the student's sentence
        if not _label_before(m.group("pre")) and not _opens_paragraph(text, m.start()):
            continue  # a command inside the student's own working ("…, so. Find the …") is left alone
        spans.append((m.end("pre"), _questions_on(text, said)))
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


def _only_asks(said: str) -> bool:
    """Whether ``said`` can only be the handout's question copied: none of the student's own words, no "=" but the
    handout's definitions (a step, a result), no choice between two things."""
    return _OWN_VOICE.search(said) is None and "=" not in _HANDOUT_EQUALS.sub(" ", said).replace("==", "") \
        and not re.search(r"[⇒→]|=>|->|\\(?:Rightarrow|to|implies)\b", said) \
        and not re.search(r":[ \t*_]*(?:\$|\\\(|\\\[)", said[25:])  # "…, the factor $w_3$: $w_3σ_2$": an answer


_NEXT_QUESTION = re.compile(r"[ \t]+(?=What\s+(?:is|are)\b|How\s+many\b|Which\b)")


def _questions_on(text: str, said: int) -> int:
    """Where the handout's questions that follow one copied question on its line end ("What is the input dimension?
    What is the dimension of the filter …? What is …?"): each a whole question of the handout's kind."""
    for _ in range(6):
        lead = _NEXT_QUESTION.match(text, said)
        end = _sentence_end(text, lead.end()) if lead is not None else None
        if lead is None or end is None or not text[lead.end():end].rstrip().endswith("?") \
                or not _only_asks(text[lead.end():end]):
            break
        said = end
    return said


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
    paragraph = _PARAGRAPH_BREAK.search(text, start)
    stop = min(paragraph.start() if paragraph else len(text), start + MAX_QUESTION * 2)
    if opener.startswith("\\"):
        closed = closing_brace(text, start - 1, stop)  # (the opener ends with its "{")
        return None if closed < 0 else closed
    close = "</em>" if opener == "<em>" else "</i>" if opener == "<i>" else opener
    end = text.find(close, start, stop)
    while end >= 0 and close in "*_" and text[end + 1:end + 2] == close:
        end = text.find(close, end + 2, stop)  # "**bold**" inside the question is not its end
    return None if end < 0 else end
