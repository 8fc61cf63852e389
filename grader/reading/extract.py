"""Find each rubric item's answer in a written report, as the rubric's ``text`` spec says.

The result has the same shape as ``answers.toml`` (item id -> answer), so every check
grades a report and a structured answer file alike. Expression answers become
:class:`LatexChain` values (the equation's sides as LaTeX text); values become tables
of field -> text; prose stays text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from grader.reading.document import Document

_SPACING = re.compile(r"^(?:\s|\\quad|\\qquad|\\,|\\;|\\:|\\!)+")
_DIMS = re.compile(r"\d[\d,]*(?:\.\d+)?(?:\s*(?:x|×|\\times|\*)\s*\d+)*")


@dataclass(frozen=True)
class TextSpec:
    """Where an item's answer is in a report.

    ``part``: the label path ("1.b.i", "2.c"). Expressions: ``lhs``, the tag the homework
    gives the equation's left side (its ``classify_lhs``), else the ``index``-th equation.
    Values: ``order`` (fields in the order their values appear) or ``labels`` (field ->
    regular expressions that introduce its value).
    """

    part: str
    lhs: str | None = None
    index: int = 0
    order: list[str] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class LatexChain:
    """An equation as written: ``sides[0] = sides[1] = …``; ``named`` when sides[0] names the answer."""

    sides: list[str]
    named: bool
    part: str
    notation: Any = field(default=None, compare=False, repr=False)  # the hand-in's own notation

    def __str__(self) -> str:
        return " = ".join(s.removesuffix("\\gets").strip() for s in self.sides)


def equations(pieces: list[str]) -> list[list[str]]:
    """Math pieces joined into equations: a piece that starts with '=' continues the one before."""
    from grader.expressions.latex import split_chain

    out: list[list[str]] = []
    for piece in pieces:
        body = _SPACING.sub("", piece).strip().rstrip(",.")
        if not body:
            continue
        if out and (body.startswith("=") or body.startswith("\\leftarrow")):
            out[-1].extend(s for s in split_chain(body)[1:] if s)
        else:
            out.append([s for s in split_chain(body)])
    return out


def find_expression(doc: Document, spec: TextSpec, classify: Callable[[str], str | None] | None) -> LatexChain | None:
    chains = [c for c in equations(doc.math_in(spec.part)) if any(s for s in c)]
    if not chains:
        return None
    tagged = [(classify(c[0]) if classify and len(c) > 1 else None, c) for c in chains]
    if spec.lhs:
        for tag, chain in tagged:
            if tag == spec.lhs:
                return LatexChain(chain, True, spec.part)
        vector = _components(tagged, spec)
        if vector is not None:
            return vector
        if any(tag for tag, _ in tagged):  # the part names its equations, and not this one
            return None
    named = [(tag, c) for tag, c in tagged if len(c) > 1]
    pool = named or tagged
    if spec.index < len(pool):
        tag, chain = pool[spec.index]
        return LatexChain(chain, len(chain) > 1, spec.part)
    return None


def _components(tagged: list[tuple[str | None, list[str]]], spec: TextSpec) -> LatexChain | None:
    """A vector answer written one component per equation (w_1^new = …, w_2^new = …), as one bmatrix."""
    found: dict[int, list[str]] = {}
    for tag, chain in tagged:
        m = re.fullmatch(re.escape(spec.lhs or "") + r"\[(\d+)\]", tag or "")
        if m:
            found.setdefault(int(m.group(1)), chain)
    if len(found) < 2 or sorted(found) != list(range(1, len(found) + 1)):
        return None
    rows = " \\\\ ".join(found[i][-1] for i in sorted(found))
    names = ", ".join(found[i][0] for i in sorted(found))
    return LatexChain([names, f"\\begin{{bmatrix}} {rows} \\end{{bmatrix}}"], True, spec.part)


def plain(text: str) -> str:
    """Math markup removed for reading labels and numbers: ``$\\text{conv 1}$`` -> ``conv 1``."""
    text = re.sub(r"\\(?:text|mathrm|textrm|operatorname)\{([^{}]*)\}", r"\1", text)
    text = text.replace("\\#", "#").replace("$", " ").replace("{,}", ",")
    return re.sub(r"\\(?:quad|qquad|therefore|,|;|!)", " ", text)


def find_values(doc: Document, spec: TextSpec) -> dict[str, str]:
    from grader.values import ValueSyntaxError, parse_numbers

    if spec.order:  # one value per line: the last readable math on it ("after 2×2 pooling: 12×12×20")
        found: dict[int, str] = {}
        for start, piece in doc.math_with_lines(spec.part):
            try:
                parse_numbers(piece)
            except ValueSyntaxError:
                continue
            found[start] = piece.strip()
        return dict(zip(spec.order, (found[k] for k in sorted(found))))
    text = plain(doc.segment_text(spec.part) or "")
    out = {}
    for name, patterns in spec.labels.items():
        value = _after_label(text, patterns)
        if value is not None:
            out[name] = value
    return out


def _after_label(text: str, patterns: list[str]) -> str | None:
    """The value after the last line that matches one of ``patterns``."""
    best = None
    for line in text.splitlines():
        for pattern in patterns:
            m = re.search(pattern, line, re.I)
            if m:
                rest = re.split(r"[,;]\s*(?=[A-Za-z])", line[m.end():])[0]  # up to the next clause
                rest = rest.rsplit("=", 1)[-1] if "=" in rest else rest
                value = _DIMS.search(rest)
                if value:
                    best = value.group()
                break
    return best


def find_claim(doc: Document, patterns: list[str]) -> str | None:
    """A number the hand-in states after one of ``patterns``: prose first, then its printed output."""
    for text in (plain(doc.prose()), "\n".join(doc.code_blocks)):
        found = None
        for pattern in patterns:
            for m in re.finditer(pattern + r"[^0-9\n]{0,40}?(\d+(?:\.\d+)?)", text, re.I):
                found = m.group(1)
        if found is not None:
            return found
    return None
