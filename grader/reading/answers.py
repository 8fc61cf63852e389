"""Turn a report into the answers map the checks read, following each item's ``text`` spec."""
from __future__ import annotations

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from grader.checks.readers import WrittenReport
from grader.expressions.lenient import lost_powers
from grader.reading.document import KEY_NAME, Document, Span
from grader.reading.extract import DEFINITION
from grader.reading.mentions import CHANGES
from grader.reading.notation import Notation, read_notation
from grader.reading.values import find_claim

if TYPE_CHECKING:
    from grader.rubric import Rubric


def answers_from_document(doc: Document, rubric: Rubric) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    _said_again_elsewhere(doc, rubric)
    notation = read_notation(doc, rubric.reference)  # the student's own names, applied to every answer
    classify = rubric.reference.classify_lhs
    if classify is not None:
        classify = _remembered(functools.partial(_classify_with, classify, notation, _key_names(rubric)))
    report = WrittenReport(doc, notation, classify, flattened=lost_powers(doc.text[:200_000]))
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


_SUMMARY_WORD = re.compile(r"\b(?:summary|answers?|final|recap|overview|in\s+short|zusammenfassung|antworten|ergebnisse"
                           r"|r[ée]sum[ée]|r[ée]ponses|resumen|respuestas|riepilogo|risposte|resumo|respostas)\b",
                           re.IGNORECASE)


_AGAIN_WORD = re.compile(r"[\s:,.\-–—(]*(?:again|once\s+(?:more|again)|revisited|redone|re-?done|re-?do\b|retry"
                         r"|(?:a\s+)?(?:second|2nd|another)\s+(?:time|attempt|try|version|go)|bis\b|take\s+(?:2|two)|nochmal"
                         r"|noch\s+einmal|erneut|encore|de\s+nuevo|otra\s+vez|di\s+nuovo|novamente|opnieuw)\b",
                         re.IGNORECASE)


def _said_again_elsewhere(doc: Document, rubric: Rubric) -> None:
    """A part the rubric does not have, whose letter only one other problem has: that problem's part said again,
    compared with its answer there ("(d) σ₂(x₂)" in "Summary of answers" after Problem 2 (c), where Problem 2 ends
    at (c)), or a late fix of it ("Verbesserung zu (d): …"), whose formula the reading must take or show a person."""
    asked = {item.text.part for item in rubric.items if item.text is not None}
    known = asked | {p.rsplit(".", k)[0] for p in asked for k in (1, 2) if p.count(".") >= k}
    extra = [k for k in doc.segments if k not in known and "." in k]
    problems = {p.split(".")[0] for p in asked}  # ("3. Corrections (b) …": a problem no item asks about)
    per_problem = Counter(k.split(".")[0] for k in extra)
    for key, span in list(doc.segments.items()):
        if key in known or "." not in key:
            continue
        alone = per_problem[key.split(".")[0]] == 1  # not a run of items read as parts
        rest = key.split(".", 1)[1]
        targets = {p for p in known if p.split(".", 1)[-1] == rest and p.count(".") == key.count(".")}
        if len(targets) > 1 and (key.split(".")[0] not in problems
                                 or _SUMMARY_WORD.search(doc.text, max(0, span.start - 600), span.start)
                                 or CHANGES.search(doc.text[max(0, span.start - 200):span.end][:4000])):
            # "3. Errata  (b) the stride of conv2 should be 2": a later word on a part whose letter several problems
            # have: each one's answer is read with it, and what it cannot take goes to a person
            del doc.segments[key]
            for target in sorted(targets):
                doc.again.setdefault(target, []).append(Span(span.start, span.end, "mention"))
            continue
        if len(targets) != 1:
            continue
        if _SUMMARY_WORD.search(doc.text, max(0, span.start - 600), span.start) \
                or _AGAIN_WORD.match(doc.text, span.start):  # "(e) again, writing it …": the part said once more
            del doc.segments[key]
            doc.again.setdefault(targets.pop(), []).append(span)
        elif len(doc.text[doc.text.rfind("\n", 0, span.start) + 1:span.end].strip().split("\n")) <= 3 \
                and (alone or CHANGES.search(doc.text[max(0, span.start - 200):span.end])):
            # "Verbesserung zu (d): $σ_1(x_1)$ statt …" after Problem 2 (c): a late fix of 1(d), read with it
            del doc.segments[key]
            doc.again.setdefault(targets.pop(), []).append(Span(span.start, span.end, "mention"))


def _key_names(rubric: Rubric) -> frozenset[str]:
    """The words an answer sheet names derivatives by (``dw2 = …``, ``grad = …``), of the rubric's key words:
    no name of the problem itself (``w2`` is a weight: ``w2 = 0.5`` gives its value, it answers nothing) and no
    plain word (``step = α∇L`` names a part of the update, not the update)."""
    names = rubric.reference.latex.symbols if rubric.reference.latex is not None else {}
    return frozenset(k.lower() for item in rubric.items if item.text is not None for k in item.text.key
                     if _DERIVATIVE_WORD.fullmatch(k.lower()) and _plain_name(k) not in names)


_DERIVATIVE_WORD = re.compile(r"d[a-z]\d|grad\w*|nabla\w*")


_LABEL_ASIDE = re.compile(r"\s+\([^()]*[^\W\d_]{2,}[^()]*\)\s*$")  # a remark in words after a left side


def _plain_name(word: str) -> str:
    return re.sub(r"^([a-z])(\d)$", r"\1_\2", word)


def _remembered(classify: Any) -> Any:
    """The document's classifier, each left side tagged once (its notation is read by now: the same text has the
    same tag; a report of many short formulas asks again and again for each item)."""
    seen: dict[str, str | None] = {}

    def tag(text: str) -> str | None:
        if text not in seen:
            if len(seen) > 20_000:
                seen.clear()
            seen[text] = classify(text)
        return seen[text]

    return tag


def _classify_with(classify: Any, notation: Notation, keys: frozenset[str], text: str,
                   remark: bool = True) -> str | None:
    """The homework's classifier, reading left sides with the hand-in's own names (θ for w); a left side
    the hand-in uses to define a name (u_1 = w_1 x, j = 1, 2, 3) is tagged as a definition, never an answer,
    unless it is one of the words an answer sheet names its answers by (``dw2 = …`` in the part on ∂f/∂w₂)."""
    if text.strip().startswith(KEY_NAME + "{"):
        return "key:" + text.strip()[len(KEY_NAME) + 2:].rstrip("} ")
    try:
        tag = classify(text, overlay=notation.overlay)
    except TypeError:
        tag = classify(text)
    if tag is None and remark and len(text) < 400 and (aside := _LABEL_ASIDE.search(text)) is not None \
            and aside.start() > 0:  # "∂f/∂w1 (if w2 cancels?)": a table row's label with a remark; the row names
        return _classify_with(classify, notation, keys, text[:aside.start()], remark=False)  # the item still, so a
        # second row for it is a second answer (one remark taken off, once)
    if tag is None and (word := re.sub(r"[\s_{}]|\\(?:gets|leftarrow)|:$", "", text).lower()) in keys:
        return f"key:{word}"
    if notation.is_definition(text):  # "dsig = @(u) exp(-u)./…" defines the very function (b) asks for
        return f"{DEFINITION}:{tag}" if tag else DEFINITION
    return tag
