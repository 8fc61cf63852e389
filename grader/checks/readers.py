"""How a written report is read for one item: the reader a check brings (``Check.reader``).

A reader finds one item's answer in a report, where the item's ``TextSpec`` says, and returns
what the check's ``grade`` will look at (None: no answer there). The built-in readers take an
equation (expression checks), labelled values (value checks) or the part's text (every other
check); a third-party check returns its own :class:`AnswerReader` and reads as it likes.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from grader.reading.extract import LatexChain, find_expression
from grader.reading.stated_vectors import stated_vectors
from grader.reading.values import find_values

if TYPE_CHECKING:
    from grader.reading.document import Document
    from grader.reading.extract import TextSpec
    from grader.reading.notation import Notation

PROSE_CHARS = 4000  # the text of a part a person reads: a whole report is never copied into the answers


@dataclass(frozen=True)
class WrittenReport:
    """One hand-in's report as every reader sees it: the document, the notation the hand-in defines
    (read once, before any answer), and the homework's left-side classifier reading with that notation."""

    doc: Document
    notation: Notation
    classify: Callable[[str], str | None] | None = None
    flattened: bool = False  # a text layer that lost every superscript (``lenient.lost_powers``), read once


class AnswerReader:
    """Finds one item's answer in a written report.

    ``math``: the answers are formulas, so a rubric's sample answer is set in display math when it
    is put into a report (see ``grader.samples``).
    """

    math: ClassVar[bool] = False

    def read(self, report: WrittenReport, spec: TextSpec) -> object | None:
        """The answer where ``spec`` says (None when there is none)."""
        raise NotImplementedError


class ProseReader(AnswerReader):
    """The part's text as written: for checks that a person or a keyword list judges."""

    def read(self, report: WrittenReport, spec: TextSpec) -> str | None:
        text = (report.doc.segment_text(spec.part) or "").strip()
        return text[:PROSE_CHARS] or None


class ValuesReader(AnswerReader):
    """Every labelled value of the part, with its candidates (``grader.reading.values``)."""

    def read(self, report: WrittenReport, spec: TextSpec) -> object | None:
        return find_values(report.doc, spec) or None


@dataclass(frozen=True)
class ExpressionReader(AnswerReader):
    """The equation that answers the item, carrying the hand-in's notation for the check to read it with.

    ``forbid``: function names the asked-for form must not use (an equation that uses them is
    taken only when no other one names the item)."""

    math: ClassVar[bool] = True
    forbid: tuple[str, ...] = ()
    stated: tuple[str, ...] = ()  # tags of names whose vectors the hand-in writes out, for the check to compare

    def read(self, report: WrittenReport, spec: TextSpec) -> LatexChain | None:
        forbid = (*self.forbid, *report.notation.own_names_for(self.forbid))
        chain = find_expression(report.doc, spec, report.classify, forbid)
        if not isinstance(chain, LatexChain):
            return chain
        stated = tuple((tag, v) for tag in self.stated if report.classify is not None
                       for v in stated_vectors(report.doc, tag, report.classify))
        return dataclasses.replace(chain, notation=report.notation, stated=stated, flattened=report.flattened)
