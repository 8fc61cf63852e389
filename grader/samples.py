"""Sample answers a rubric carries with their expected verdict (STACK-style rubric tests).

An item may list ``[[item.samples]]``: an ``answer`` written as a student writes it
(LaTeX for an expression, text for values), the verdict it must get (``expect``:
pass, partial, fail, review or manual) and, for a slip, a phrase the feedback must
contain (``feedback``) and the share of the points (``credit``). Each sample is put
into a one-part report, read and graded exactly as a hand-in is, so a course that
edits a rubric, or a change to the reading, finds out at once when a verdict moves.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from grader.results import STATUSES

if TYPE_CHECKING:
    from grader.rubric import Rubric, RubricItem


@dataclass(frozen=True)
class Sample:
    answer: str
    expect: str
    feedback: str = ""  # a phrase the grader's feedback must contain
    credit: float | None = None  # the share of the item's points it must earn
    line: int | None = None  # where it is in the rubric file


@dataclass(frozen=True)
class SampleResult:
    item: str
    sample: Sample
    status: str
    fraction: float
    feedback: str

    @property
    def problem(self) -> str:
        """Why the sample failed ("" when it got what it expects)."""
        s = self.sample
        if self.status != s.expect:
            return f"expected {s.expect}, graded {self.status}"
        if s.credit is not None and abs(self.fraction - s.credit) > 1e-3:
            return f"expected credit {s.credit:g}, graded {self.fraction:.4g}"
        if s.feedback and s.feedback.lower() not in self.feedback.lower():
            return f"expected feedback with {s.feedback!r}"
        return ""

    def describe(self) -> str:
        answer = " ".join(self.sample.answer.split())
        answer = answer if len(answer) <= 70 else answer[:67] + "..."
        return f"item {self.item}: sample {answer!r}: {self.problem} (feedback: {self.feedback[:160]!r})"


def validate_sample(raw: dict, where: str) -> str | None:
    """What is wrong with a sample table, or None."""
    unknown = sorted(set(raw) - {"answer", "expect", "feedback", "credit"})
    if unknown:
        return f"{where}: unknown key {unknown[0]!r} (allowed: answer, expect, feedback, credit)"
    if not isinstance(raw.get("answer"), str) or not raw["answer"].strip():
        return f"{where}.answer must be the text of an answer"
    if raw.get("expect") not in STATUSES:
        return f"{where}.expect must be one of {', '.join(STATUSES)}, found {raw.get('expect')!r}"
    if not isinstance(raw.get("feedback", ""), str):
        return f"{where}.feedback must be text"
    credit = raw.get("credit")
    bad_type = isinstance(credit, bool) or not isinstance(credit, (int, float))
    if credit is not None and (bad_type or not 0 <= credit <= 1):
        return f"{where}.credit must be a number from 0 to 1"
    return None


def sample_report(part: str, answer: str, math: bool) -> str:
    """A report holding only ``answer``, under the problem heading and part labels of ``part`` ("1.b.i")."""
    problem, *labels = part.split(".")
    body = answer if not math or "$" in answer else f"$${answer}$$"
    return f"## Problem {problem}\n\n" + "".join(f"({label})\n\n" for label in labels) + body + "\n"


def grade_sample(rubric: Rubric, item: RubricItem, sample: Sample) -> SampleResult:
    from grader.checks.base import CheckContext, Measured
    from grader.pipeline import run_check
    from grader.reading.answers import answers_from_document
    from grader.reading.document import read_document
    from grader.submission import Submission

    if item.text is None:
        raise ValueError(f"item {item.id} has samples but no text spec")
    math = rubric.plugin(item).reader(item.params).math  # a formula is set in display math
    only = replace(rubric, items=[item], text_claims={})
    doc = read_document(sample_report(item.text.part, sample.answer, math))
    sub = Submission("sample", Path("."), None, answers_from_document(doc, only), source="report.md")
    result = run_check(only, item, CheckContext(sub, rubric.reference, rubric.code, Measured(), 0))
    fraction = result.score / result.max_score if result.max_score else 0.0
    return SampleResult(item.id, sample, result.status, fraction, result.feedback)
