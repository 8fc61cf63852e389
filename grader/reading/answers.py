"""Turn a report into the answers map the checks read, following each item's ``text`` spec."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from grader.reading.document import Document
from grader.reading.extract import find_expression
from grader.reading.values import find_claim, find_values

if TYPE_CHECKING:
    from grader.rubric import Rubric


def answers_from_document(doc: Document, rubric: Rubric) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for item in rubric.items:
        spec = item.text
        if spec is None:
            continue
        reads = getattr(rubric.registry.get(item.check), "reads", "prose")
        if reads == "expression":
            value: Any = find_expression(doc, spec, rubric.reference.classify_lhs)
        elif reads == "values":
            value = find_values(doc, spec) or None
        else:
            text = (doc.segment_text(spec.part) or "").strip()
            value = text[:4000] or None
        if value is not None:
            answers[item.id] = value
    for path, patterns in rubric.text_claims.items():
        claim = find_claim(doc, patterns)
        if claim is not None:
            answers[path] = claim
    return answers
