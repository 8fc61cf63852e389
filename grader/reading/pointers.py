"""A part answered only by a pointer: "| 1(d) | Eq. (7) |", "2(a) & Sec.~\\ref{sec:cnn} \\\\", "(c) see §3.2".

Reports written as short papers answer in running prose and map each question to where its answer is, in a table
or a list. A TA follows the pointer; so does the reader: a part whose whole text is such a pointer takes, as its
text, the equations and sections it points to (a LaTeX ``\\ref``/``\\eqref`` to its ``\\label``, "Eq. (7)" to the
display tagged 7, "§3.2" / "Section 3.2" to the heading numbered 3.2). A pointer that leads nowhere leaves the part
as it was (its answer not found goes to a person).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.reading.document import Document, Span

MAX_POINTER = 300  # a map's row is short; a longer part text has words of its own
_REF = re.compile(r"\\(?:eq|auto|c|C)?ref\s*\{([^{}\s]{1,60})\}")
_EQ = re.compile(r"(?i)\b(?:eqs?|equations?)\.?[\s~]*\(?\s*(\d{1,3}[a-z]?)\s*\)?"
                 r"(?:\s*(?:,|and|–|-|to)\s*\(?\s*(\d{1,3}[a-z]?)\s*\))*")
_EQ_MORE = re.compile(r"(?:,|and|–|-|to)\s*\(\s*(\d{1,3}[a-z]?)\s*\)")
_SECTION = re.compile(r"(?i)(?:§|\b(?:sec(?:tion)?s?\.?|appendix)[\s~]*)"
                      r"(\d{1,2}(?:\.\d{1,2}){0,2}|[A-H](?:\.\d{1,2})?)\b")
_SECTION_COMMAND = re.compile(r"\\(?:sub){0,2}section\*?\s*\{|^#{1,6}[ \t]", re.MULTILINE)


def followed(doc: Document) -> None:
    """Each part whose text is only a pointer gets, as its segment, the span from the first place it points to the
    end of the last."""
    from grader.reading.document import Span

    for key, span in list(doc.segments.items()):
        said = doc.text[span.start:span.end]
        if len(said) > MAX_POINTER or "=" in _REF.sub("", said) or any(
                span.start <= m.start < span.end and "=" in doc.text[m.start:m.end] for m in doc.math):
            continue
        places = [p for p in (*_refs(doc, said), *_equations(doc, said), *_sections(doc, said)) if p is not None]
        if places and not any(p[0] <= span.start < p[1] for p in places):
            doc.segments[key] = Span(min(a for a, _ in places), max(b for _, b in places), span.kind)


def _refs(doc: Document, said: str) -> list[tuple[int, int] | None]:
    out: list[tuple[int, int] | None] = []
    for m in _REF.finditer(said):
        at = doc.text.find(f"\\label{{{m.group(1)}}}")
        out.append(_place_of(doc, at) if at >= 0 else None)
    return out


def _equations(doc: Document, said: str) -> list[tuple[int, int] | None]:
    out: list[tuple[int, int] | None] = []
    for m in _EQ.finditer(said):
        numbers = [m.group(1), *(n.group(1) for n in _EQ_MORE.finditer(m.group()))]
        for number in numbers:
            found = _tagged(doc, number)
            out.append((found.start, found.end) if found is not None else None)
    return out


def _tagged(doc: Document, number: str, *, before: int | None = None, written: bool = True) -> Span | None:
    """The first math piece (before ``before``) tagged with ``number``: ``\\tag{7}``, or, with ``written``, a
    "(7)" set at its line's end (a display, an environment's row or a plain line; not inline math)."""
    pattern = rf"\\tag\*?\{{\s*{re.escape(number)}\s*\}}"
    tagged = re.compile(pattern + (rf"|\(\s*{re.escape(number)}\s*\)[ \t]*$" if written else ""), re.MULTILINE)
    kinds = ("display", "env", "plain") if written else ("display", "env")
    return next((s for s in doc.math if s.kind in kinds and (before is None or s.end <= before)
                 and tagged.search(doc.text, s.start, min(len(doc.text), _line_end(doc.text, s.end)))), None)


def _sections(doc: Document, said: str) -> list[tuple[int, int] | None]:
    out: list[tuple[int, int] | None] = []
    for m in _SECTION.finditer(said):
        heading = re.compile(rf"(?m)^(?:#{{1,6}}[ \t]*|\\(?:sub){{0,2}}section\*?\{{[ \t]*)?"
                             rf"(?:appendix[ \t]+)?{re.escape(m.group(1))}\.?[ \t]")
        h = heading.search(doc.text)
        if h is None:
            out.append(None)
            continue
        nxt = _SECTION_COMMAND.search(doc.text, _line_end(doc.text, h.end()) + 1)
        out.append((h.start(), nxt.start() if nxt is not None else min(len(doc.text), h.start() + 20_000)))
    return out


def _place_of(doc: Document, at: int) -> tuple[int, int]:
    """The equation a ``\\label`` stands in, or the section it names (to the next heading)."""
    math: list[Span] = [s for s in doc.math if s.start - 200 <= at <= s.end + 200 and s.kind in ("display", "env")]
    if math:
        return min(s.start for s in math), max(s.end for s in math)
    nxt = _SECTION_COMMAND.search(doc.text, at + 1)
    return at, nxt.start() if nxt is not None else min(len(doc.text), at + 20_000)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


# "Answer: $\\partial_{w_2}f$ is (3), $\\partial_{w_1}f$ is (4)": a part's last word names its answers by their numbers
_ANSWER_LEAD = re.compile(r"(?i)\b(?:final\s+)?answers?\b[^\n:]{0,30}:")
_NAMED_NUMBER = re.compile(r"(?P<name>\$[^$\n]{1,60}\$|\\\([^\n]{1,60}?\\\)|[^\s,;:()]{1,30})\s*(?:is|=|:|→|->)\s*"
                           r"(?:eq(?:uation)?\.?\s*)?\(\s*(?P<n>\d{1,3}[a-z]?)\s*\)")


def answers_by_number(doc: Document, span: Span) -> list[tuple[str, Span]]:
    """The answers a part's "Answer:" line names by their equations' numbers: (the name it gives, the math piece
    tagged with that number) for each one found; none where the line or the tag is not there."""
    said = doc.text[span.start:span.end]
    leads = list(_ANSWER_LEAD.finditer(said[-2000:]))
    if not leads:
        return []
    lead = leads[-1]  # (the part's last "Answer:")
    start = len(said) - len(said[-2000:]) + lead.end()
    line = said[start:said.find("\n", start) if "\n" in said[start:] else len(said)][:400]
    out: list[tuple[str, Span]] = []
    for m in _NAMED_NUMBER.finditer(line):
        found = _tagged(doc, m.group("n"), before=span.end, written=False)
        if found is not None:
            out.append((m.group("name").strip("$").removeprefix("\\(").removesuffix("\\)"), found))
    return out
