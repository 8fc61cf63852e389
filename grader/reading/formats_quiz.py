"""A learning platform's quiz review, copied or exported as text, as the Markdown the reader understands.

Moodle, Canvas and Blackboard print each question of an attempt as a block: the quiz's own number
("Question 3"), a state or a mark ("Complete", "Marked out of 1.00", "1 / 1 pts", "1 out of 1 points"),
the question's text (its own "(d) Compute ∂f/∂w3" naming the homework's part) and the student's
response under "Response:" / "Your Answer:" / "Selected Answer:". The quiz's number is not the
homework's problem, so it is dropped with the state lines; the question's text becomes the block's
heading and the response its body, as a TA reads the review.
"""
from __future__ import annotations

import re

_NUMBER = re.compile(r"[ \t]*(?:#{1,6}[ \t]+)?(?:question|frage|pregunta|domanda|câu[ \t]+hỏi|soru)[ \t]+\d{1,3}"
                     r"[ \t]*:?[ \t]*",
                     re.IGNORECASE)
_STATE = re.compile(r"[ \t]*(?:complete|incomplete|not[ \t]+answered|answer[ \t]+saved|not[ \t]+yet[ \t]+graded|"
                    r"needs[ \t]+grading|requires[ \t]+grading|(?:partially[ \t]+)?correct|incorrect|"
                    r"flag[ \t]+question|finished|"
                    r"marked[ \t]+out[ \t]+of[ \t]+[\d.]{1,8}|mark[ \t]+[\d.]{1,8}[ \t]+out[ \t]+of[ \t]+[\d.]{1,8}|"
                    r"[\d.]{1,8}[ \t]*/[ \t]*[\d.]{1,8}[ \t]*pts?"
                    r"|[\d.]{1,8}[ \t]+out[ \t]+of[ \t]+[\d.]{1,8}[ \t]+points?"
                    r"|points?[ \t]*:?[ \t]*[\d.]{1,8}(?:[ \t]*/[ \t]*[\d.]{1,8})?)[ \t]*", re.IGNORECASE)
_STATES = re.compile(rf"(?:(?:{_STATE.pattern}|[ \t]*[\d.]{{1,8}}[ \t]*pts?[ \t]*)(?:/(?=[ \t]*[\d.]))?)+",
                     re.IGNORECASE)  # "Not yet graded / 3 pts": states on one line
# an export's row "Question 8 | Problem 2 (a): input dimension, …": the number, then the question's text
_NUMBER_AND_TEXT = re.compile(_NUMBER.pattern + r"[|–—][ \t]*(?P<rest>\S.*)", re.IGNORECASE)
_MARK_ROW = re.compile(r"[ \t]*\|?[ \t]*(?:--|[\d.]{1,8})[ \t]*/[ \t]*[\d.]{1,8}[ \t]*"
                       r"(?:\([^()\n]{0,40}\))?[ \t]*\|?[ \t]*")
# (its mark column: "| -- / 3.00", "| -- / 2.00 (manual grading)")
_ASKED = re.compile(r"[ \t]*(?:question[ \t]+text|question|prompt)[ \t]*:[ \t]*(?P<rest>.*)", re.IGNORECASE)
_ANSWERED = re.compile(r"[ \t]*(?:response|your[ \t]+answer|selected[ \t]+answer|given[ \t]+answer|answer|"
                       r"antwort|respuesta|réponse)[ \t]*:[ \t]*(?P<rest>.*)", re.IGNORECASE)


def is_quiz_review(text: str) -> bool:
    """Two questions or more, each numbered on a line of its own with a state or a mark under it, or its
    question's text and then the response's own line ("Response:") right after."""
    lines = text.split("\n")
    blocks = sum(1 for k, line in enumerate(lines) if _numbered(line) and _block_start(lines, k))
    return blocks >= 2


# a part's label inside a question's text: "Let σ1(u) = 1/(1+exp(-u)). (b)(i) Compute ∂σ1/∂u"
_INNER_LABEL = re.compile(r"(?<=[.:;!?])[ \t]+(\([a-h]\)(?:[ \t]?\((?:iii|ii|iv|i)\))?)(?=[ \t])")


def _label_first(asked: str) -> str:
    """A question's text with the part label it names after its first sentence set first, where a heading's
    label is read ("(b)(i) Let σ1(u) = … Compute ∂σ1/∂u")."""
    m = _INNER_LABEL.search(asked)
    if m is None or re.match(r"[ \t]*\(?[a-h]\)", asked):
        return asked
    return f"{m.group(1)} {asked[:m.start()].strip()} {asked[m.end():].strip()}"


def _numbered(line: str) -> bool:
    """A question's number on its line, alone or with its state and mark after it ("Question 2   Not yet graded /
    3 pts", as Canvas prints it)."""
    m = _NUMBER.match(line)
    return m is not None and (m.end() == len(line) or _STATES.fullmatch(line, m.end()) is not None
                              or _NUMBER_AND_TEXT.fullmatch(line) is not None)


def _block_start(lines: list[str], k: int) -> bool:
    """(``lines[k]`` is a question's number, :func:`_numbered`.)"""
    if not _NUMBER.fullmatch(lines[k]):
        return any(_ANSWERED.fullmatch(ln) for ln in lines[k + 1:k + 7])  # the state on the number's line
    return any(_STATE.fullmatch(ln) for ln in lines[k + 1:k + 4]) \
        or any(_ANSWERED.fullmatch(ln) for ln in lines[k + 2:k + 7])


def quiz_markdown(text: str) -> str:
    """Each question's text as a heading over the response; the quiz's numbers and states dropped."""
    lines = text.split("\n")
    out: list[str] = []
    asking: list[str] | None = None  # the question's text, from its number (or "Question text:") to its response

    def flush_plain() -> None:  # a question with no response line: its lines as they are
        nonlocal asking
        out.extend(asking or [])
        asking = None

    for k, line in enumerate(lines):
        if _numbered(line) and _block_start(lines, k):
            flush_plain()
            out.append("")
            row = _NUMBER_AND_TEXT.fullmatch(line)
            number = _NUMBER.match(line)
            asking = [row.group("rest")] if row is not None and number is not None \
                and not _STATES.fullmatch(line, number.end()) else []  # (the question's text on the number's row)
            continue
        if _MARK_ROW.fullmatch(line) and "/" in line:
            continue  # the export's mark column under a response
        if _STATE.fullmatch(line) and asking is not None and not "".join(asking).strip():
            continue  # the state and mark lines under the number
        asked = _ASKED.fullmatch(line)
        if asked and (asking is None or not "".join(asking).strip()):
            flush_plain()
            asking = [asked.group("rest")]
            continue
        answered = _ANSWERED.fullmatch(line)
        if answered and asking is not None and "".join(asking).strip():
            out += ["### " + _label_first(" ".join(w.strip() for w in asking if w.strip())), ""]
            asking = None
            if answered.group("rest").strip():
                out.append(answered.group("rest"))
            continue
        if asking is not None and len(asking) < 20:
            asking.append(line)
            continue
        flush_plain()
        out.append(line)
    flush_plain()
    return _numbers_as_labels("\n".join(out), lines)


_PART_IN_QUESTION = re.compile(r"\((?P<p>[a-h])\)(?:\s*\((?P<s>i{1,3}|iv)\))?")


def _numbers_as_labels(text: str, lines: list[str]) -> str:
    """"For Question 4, the second formula: …" in a later response names the quiz's fourth question: the part
    its text labels ("(e) Compute …"), so a remark about it reaches that part."""
    labels: dict[str, str] = {}
    for k, line in enumerate(lines):
        number = re.search(r"\d{1,3}", line) if _NUMBER.fullmatch(line) and _block_start(lines, k) else None
        if number is None:
            continue
        asked = next((_PART_IN_QUESTION.search(ln) for ln in lines[k + 1:k + 8] if _PART_IN_QUESTION.search(ln)), None)
        if asked is not None:
            labels[number.group()] = f"({asked.group('p')})" + (f"({asked.group('s')})" if asked.group("s") else "")
    if not labels:
        return text
    return re.sub(r"\b(?:[Qq]uestion|Q)[ \t]*(\d{1,3})\b", lambda m: labels.get(m.group(1), m.group()), text)
