"""Turn a report into the answers map the checks read, following each item's ``text`` spec."""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from grader.checks.readers import WrittenReport
from grader.reading.document import KEY_NAME, Document
from grader.reading.extract import DEFINITION
from grader.reading.notation import Notation, read_notation
from grader.reading.values import find_claim

if TYPE_CHECKING:
    from grader.rubric import Rubric


def answers_from_document(doc: Document, rubric: Rubric) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    notation = read_notation(doc, rubric.reference)  # the student's own names, applied to every answer
    classify = rubric.reference.classify_lhs
    if classify is not None:
        classify = functools.partial(_classify_with, classify, notation)
    report = WrittenReport(doc, notation, classify)
    for item in rubric.items:
        if item.text is None:
            continue
        value = rubric.plugin(item).reader(item.params).read(report, item.text)  # each check brings its reader
        if value is not None:
            answers[item.id] = value
    for path, patterns in rubric.text_claims.items():
        claim = find_claim(doc, patterns)
        if claim is not None:
            answers[path] = claim
    return answers


def _classify_with(classify: Any, notation: Notation, text: str) -> str | None:
    """The homework's classifier, reading left sides with the hand-in's own names (θ for w); a left side
    the hand-in uses to define a name (u_1 = w_1 x, j = 1, 2, 3) is tagged as a definition, never an answer."""
    if text.strip().startswith(KEY_NAME + "{"):
        return "key:" + text.strip()[len(KEY_NAME) + 2:].rstrip("} ")
    try:
        tag = classify(text, overlay=notation.overlay)
    except TypeError:
        tag = classify(text)
    if notation.is_definition(text):  # "dsig = @(u) exp(-u)./…" defines the very function (b) asks for
        return f"{DEFINITION}:{tag}" if tag else DEFINITION
    return tag
