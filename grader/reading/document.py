"""A written report as positions: code blocks, math spans, and part labels with their segments.

Students label answers in many ways ("(d)", "**(d)**", "### (d)", "$$(d) \\frac…",
"1. (e)", "(b) (i) … (ii)") under problem headings ("## 2 [MNIST]"). The document
keeps everything as offsets into the original text, so a segment (the text of one
part) can begin inside a math block, as "(i)" often does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
_MATH = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$", re.S)
_HEADING = re.compile(r"^(?:#{1,6}[ \t]*(?:Problem|Question|Exercise)?[ \t]*(\d+)\b"
                      r"|\**(?:Problem|Question|Exercise)[ \t]*(\d+)\b|(\d+)\.[ \t]*(?=\())", re.M | re.I)
_LABEL = re.compile(r"(?:(?<=^)|(?<=[\s$*#>{]))\((?P<tag>[a-h]|iii|ii|iv|i|v)\)(?=[\s$*:.,)}]|\\quad|$)", re.M)
ROMAN = ("i", "ii", "iii", "iv", "v")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Document:
    text: str
    code_blocks: list[str] = field(default_factory=list)
    code_spans: list[Span] = field(default_factory=list)
    math: list[Span] = field(default_factory=list)  # content offsets, delimiters excluded
    segments: dict[str, Span] = field(default_factory=dict)  # "1.b", "1.b.i", "2.c" -> text range

    def segment_text(self, key: str) -> str | None:
        span = self.segments.get(key)
        return None if span is None else self.text[span.start:span.end]

    def math_in(self, key: str) -> list[str]:
        """Math pieces inside a segment, clipped to it (a segment may start inside a math block)."""
        span = self.segments.get(key)
        if span is None:
            return []
        return [self.text[max(m.start, span.start):min(m.end, span.end)]
                for m in self.math if m.end > span.start and m.start < span.end]

    def math_with_lines(self, key: str) -> list[tuple[int, str]]:
        """Math pieces of a segment in order, each with the offset of the line it starts on."""
        span = self.segments.get(key)
        if span is None:
            return []
        return [(self.text.rfind("\n", 0, m.start) + 1, self.text[max(m.start, span.start):min(m.end, span.end)])
                for m in self.math if m.end > span.start and m.start < span.end]

    def prose(self) -> str:
        """The text outside code blocks."""
        out, last = [], 0
        for s in self.code_spans:
            out.append(self.text[last:s.start])
            last = s.end
        return "".join(out) + self.text[last:]


def read_document(text: str) -> Document:
    doc = Document(text)
    for m in _FENCE.finditer(text):
        doc.code_blocks.append(m.group(1))
        doc.code_spans.append(Span(m.start(), m.end()))
    in_code = lambda pos: any(s.start <= pos < s.end for s in doc.code_spans)  # noqa: E731
    for m in _MATH.finditer(text):
        if not in_code(m.start()):
            g = next(i for i in (1, 2, 3) if m.group(i) is not None)
            doc.math.append(Span(m.start(g), m.end(g)))
    _segment(doc, in_code)
    return doc


def _segment(doc: Document, in_code) -> None:  # noqa: ANN001
    """Assign each part label a (problem, part, sub-part) key and the text up to the next label."""
    marks: list[tuple[int, int, str]] = []  # (position, label end, kind:value)
    for m in _HEADING.finditer(doc.text):
        if not in_code(m.start()):
            number = next(g for g in m.groups() if g)
            marks.append((m.start(), m.end(), f"problem:{number}"))
    for m in _LABEL.finditer(doc.text):
        if not in_code(m.start()):
            marks.append((m.start(), m.end(), f"label:{m.group('tag')}"))
    marks.sort()
    problem, part, last_part = "1", None, ""
    open_keys: list[tuple[str, int]] = []
    for pos, end, mark in marks:
        kind, value = mark.split(":")
        if kind == "problem":
            _close(doc, open_keys, pos, keep=0)
            problem, part, last_part = value, None, ""
            continue
        if value in ROMAN and part is not None:
            _close(doc, open_keys, pos, keep=1)
            open_keys.append((f"{problem}.{part}.{value}", end))
            continue
        if value <= last_part:  # labels restart: a new problem without a heading
            problem = str(int(problem) + 1)
        _close(doc, open_keys, pos, keep=0)
        part, last_part = value, value
        open_keys.append((f"{problem}.{part}", end))
    _close(doc, open_keys, len(doc.text), keep=0)


def _close(doc: Document, open_keys: list[tuple[str, int]], pos: int, keep: int) -> None:
    while len(open_keys) > keep:
        key, start = open_keys.pop()
        end = _cut_at_code(doc, start, pos)
        if key not in doc.segments:
            doc.segments[key] = Span(start, end)


def _cut_at_code(doc: Document, start: int, end: int) -> int:
    for s in doc.code_spans:
        if start <= s.start < end:
            return s.start
    return end
