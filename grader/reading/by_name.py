"""An answer whose part label is missing, found as a TA finds it: by what its equation names.

A report without labels, a numbered list of answers, parts written in another order or a sub-part
without its ``(i)``: the equation whose left side names the item (the homework's ``classify_lhs``)
is looked for in the nearest enclosing part, then in the problem, then in the whole report. Two
items that name the same thing ((b)(i) and (b)(ii) both give dσ/du) are told apart by the form each
asks for (the names it must not use). When the candidates left disagree and come from different
places, nothing is taken: a person reads it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from grader.reading.document import Document, Span
from grader.reading.extract import (
    _SPACE,
    AT_ARGUMENT,
    HEDGE,
    Equation,
    LatexChain,
    TextSpec,
    bare_name_of,
    hedged,
    in_asked_form,
    is_restatement,
    left_side,
    read_equations,
    worked_at_a_point,
)

# how a name shows in written math; a name not listed is looked for as written
_USES = {
    "sigma": r"\\sigma|σ|\bsig(?:ma|moid)?(?![a-z])|\\operatorname\{sig|\\text\{sig",
    "dsigma": r"\\sigma|σ|\bsig(?:ma|moid)?(?![a-z])|\\operatorname\{sig|\\text\{sig",
    "exp": r"\\exp|\bexp\b|\be\s*\^|\\mathrm\{e\}|\be\s*[−-]\s*[a-z]\b|\be\*\*",
    "hyperbolic": r"\\(?:cosh|sinh|tanh)\b|\b(?:cosh|sinh|tanh)\b",
}


FORMS = tuple(_USES)  # the functions an answer's form is told by


def uses(side: str, name: str) -> bool:
    """Whether ``side`` seems to use the function ``name`` (generous: a doubt keeps a candidate out)."""
    side = _BRACE_LABEL.sub(r"\1", side) if "brace" in side else side  # "\underbrace{…}_{σ_1(u)}": a label
    return re.search(_USES.get(name, rf"\b{re.escape(name)}\b"), side) is not None


_BRACE_LABEL = re.compile(r"(\\(?:under|over)brace\s*\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\})\s*[_^]\s*"
                          r"\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}")


def by_name(doc: Document, spec: TextSpec, classify: Callable[[str], str | None] | None,
            forbid: Sequence[str] = ()) -> LatexChain | None:
    """The answer to ``spec`` found by the name on its equation's left side, or None."""
    if not spec.lhs or classify is None:
        return None
    for n, (where, spans) in enumerate(_scopes(doc, spec.part)):
        found = [(place, e) for place, e in _equations(doc, spans)
                 if len(e.sides) > 1 and not e.again and (classify(left_side(e)) == spec.lhs
                                                          or n == 0 and where.startswith("(")  # the enclosing part
                                                          and bare_name_of(e, spec, classify))]
        found = [(place, e) for place, e in in_asked_form(found, forbid) if not worked_at_a_point(e.sides[-1])]
        if not found:  # ("∂f/∂w2 = 0.282928": a check's number, outside any part's label, answers no formula)
            continue
        explicit = [(place, e) for place, e in found if not is_restatement(e.sides[-1])] or found
        explicit = [(place, e) for place, e in explicit if not AT_ARGUMENT.search(e.sides[0])] or explicit
        boxed = {_SPACE.sub("", doc.read(m)) for m in spans if "\\boxed" in doc.text[m.start:m.end]}
        marked = [(place, e) for place, e in explicit if any(_SPACE.sub("", e.sides[-1]) in b for b in boxed)]
        explicit = marked if len(marked) == 1 else explicit  # the one answer the hand-in boxed, beside an aside
        finals = {re.sub(r"\s+", "", e.sides[-1]) for _, e in explicit}
        places = {place for place, _ in explicit}
        sides = explicit[-1][1].sides
        if len(finals) > 1 and (forbid or len(places) > 1):  # two different answers for one item: never guess
            offered = list(dict.fromkeys(e.sides[-1] for _, e in explicit))  # between them; each is offered (the
            return LatexChain([*sides[:-1], HEDGE.join(offered)], True, where)  # check passes them if each is right)
        hedge = hedged(doc, Span(0, len(doc.text)), sides[-1],  # "A" then "or" then "B": a person decides
                       words=len(finals) > 1)  # words of doubt anywhere: about this item when it is answered twice
        return LatexChain(sides if hedge is None else [*sides[:-1], hedge], True, where)
    return None


_MATH_LABEL = re.compile(r"(?:^|&|\\\\|\\text\{)\s*\(\s*(i{1,3}|iv|v|vi)\s*\)")


def _labelled_other(math: str, sub: str) -> bool:
    """Whether a piece of math carries another sub-part's label inside it ("& (ii) \\quad \\frac{∂σ}{∂u} = …")."""
    return any(m.group(1) != sub for m in _MATH_LABEL.finditer(math[:4000]))


def _with_its_display(text: str, m: Span) -> str:
    """A piece of math with the rows of its display before it (an aligned row is read with the row that labels it)."""
    window = max(0, m.start - 2000)
    opened = max(text.rfind("\\[", window, m.start), text.rfind("\\begin{", window, m.start),
                 text.rfind("$$", window, m.start))
    return text[opened:m.end] if opened >= 0 else text[m.start:m.end]


def _scopes(doc: Document, part: str) -> list[tuple[str, list[Span]]]:
    """Where to look, nearest first: enclosing parts, the problem, the whole report."""
    out: list[tuple[str, list[Span]]] = []
    keys = part.split(".")
    for n in range(len(keys) - 1, 1, -1):
        key = ".".join(keys[:n])
        if key in doc.segments:
            spans = [m for m in doc.math_spans(key) if not _labelled_other(_with_its_display(doc.text, m), keys[n])]
            out.append((f"({')('.join(keys[1:n])}), no label for ({keys[n]})", spans))  # ("& (ii) \quad …": the
            # math says which sub-part it answers)
    if doc.has_labels():
        start, end = _problem_range(doc, keys[0])
        if start is not None:
            out.append((f"problem {keys[0]}, no label for this part",
                        [m for m in doc.math if start <= m.start < end]))
    out.append(("the report, no label for this part", list(doc.math)))
    if len(keys) > 2:  # a sub-part's answer is never in math labelled as another sub-part's
        out = [(where, [m for m in spans if not _labelled_other(_with_its_display(doc.text, m), keys[-1])])
               for where, spans in out]
    return out


def _problem_range(doc: Document, problem: str) -> tuple[int | None, int]:
    """From the problem's first label to the first label of another problem after it."""
    mine = [pos for key, pos in doc.labels if key.split(".")[0] == problem]
    if not mine:
        return None, 0
    start = min(mine)
    later = [pos for key, pos in doc.labels if pos > start and key.split(".")[0] != problem]
    return start, min(later, default=len(doc.text))


def _equations(doc: Document, spans: list[Span]) -> list[tuple[str | None, Equation]]:
    """Equations of ``spans``, each with the part it is in; a part's pieces are read together, so a
    display that continues the one before (``= …``) stays one equation."""
    groups: list[tuple[str | None, list[Span]]] = []
    for span in spans:
        place = _place(doc, span)
        if groups and groups[-1][0] == place:
            groups[-1][1].append(span)
        else:
            groups.append((place, [span]))
    return [(place, eq) for place, group in groups
            for eq in read_equations([doc.read(m) for m in group], [m.kind for m in group])]


def _place(doc: Document, span: Span) -> str | None:
    """The innermost labelled part holding ``span`` (None outside every part)."""
    holding = [(s.end - s.start, k) for k, s in doc.segments.items() if s.start <= span.start < s.end]
    return min(holding)[1] if holding else None


_LIST_MARK = re.compile(r"^[ \t]*\d{1,3}[.)][ \t]", re.MULTILINE)  # "10. input 28×28×1": 10 is no value


def unlabelled_text(doc: Document, part: str) -> str | None:
    """The text of ``part``'s problem that no labelled part holds (the whole report when it has no labels),
    code blocks left out: where a part's answer is when its label is missing."""
    start, end = _problem_range(doc, part.split(".")[0]) if doc.has_labels() else (0, len(doc.text))
    if start is None:
        return None
    taken = sorted([(s.start, s.end) for s in doc.segments.values()] + [(s.start, s.end) for s in doc.code_spans])
    out, pos = [], start
    for a, b in taken:
        if b <= pos or a >= end:
            continue
        out.append(doc.text[pos:max(pos, a)])
        pos = max(pos, b)
    out.append(doc.text[pos:end])
    return _LIST_MARK.sub("", "\n".join(out))
