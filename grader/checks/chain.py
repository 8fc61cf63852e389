"""How a TA reads an equation chain ``asked = step = … = answer``: what each side is.

The final explicit side is the answer. A side that only names the asked quantity
(∂f/∂w₃ = ∂f_w/∂w₃, ∇L = ∇L, dσ/du = σ'(u)) or only writes the chain rule as named
factors (∂f/∂σ₂·∂σ₂/∂x₂·∂x₂/∂w₂) derived nothing: it is a *restatement*, never an
answer and never a rescue. A side that still holds a named factor beside worked-out
parts is *unworked*. Named results the question allows as building blocks (σ' from an
earlier part, ∂f_w(xⁱ)/∂w_j inside a gradient) count as worked out.
"""
from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, overload

from grader.expressions.latex import (
    LatexVocabulary,
    Overlay,
    Reading,
    Scope,
    parse_latex,
)
from grader.expressions.lhs import Shape, describe
from grader.expressions.parse import ExpressionSyntaxError
from grader.expressions.vec import Vec

EXPLICIT, UNWORKED, RESTATES, CHAIN_RULE, UNREADABLE = "explicit", "unworked", "restates", "chain rule", "unreadable"


@dataclass
class Side:
    """One side of a chain, read: its kind, its reading (or why not), the names it leaves unworked."""

    text: str
    kind: str
    reading: Reading | None = None
    problem: str = ""
    unworked: list[str] = field(default_factory=list)
    unknown: bool = False  # holds a name with no value (∂L/∂f), so it cannot be evaluated


@dataclass(frozen=True)
class ChainContext:
    """What reading every side of one chain shares."""

    vocab: LatexVocabulary
    overlay: Overlay | None
    classify: Callable[..., str | None] | None
    asked: frozenset[str]  # tags of the asked quantity (its components included)
    blocks: tuple[str, ...]  # tag patterns the question allows as building blocks
    vector: int  # components of the reference (0: a scalar)
    scopes: tuple[Scope, ...]  # one per component for a generic index (∂L/∂w_j, j = 1, 2, 3), else one


@overload
def base(tag: str) -> str: ...
@overload
def base(tag: None) -> None: ...
def base(tag: str | None) -> str | None:
    """A tag without its component (``grad[1]`` -> ``grad``)."""
    return tag.split("[")[0] if tag else tag


def read_side(text: str, cc: ChainContext) -> Side:
    try:
        if len(cc.scopes) > 1:
            parts = [parse_latex(text, cc.vocab, overlay=cc.overlay, scope=s) for s in cc.scopes]
            reading = _merge(parts)
        else:
            reading = parse_latex(text, cc.vocab, vector=bool(cc.vector), overlay=cc.overlay, scope=cc.scopes[0])
    except ExpressionSyntaxError as exc:
        return Side(text, UNREADABLE, problem=str(exc))
    return _classify(text, reading, cc)


def _merge(parts: list[Reading]) -> Reading:
    if all(isinstance(p.value, Vec) for p in parts) and len(parts[0].value) == len(parts) \
            and len({str(p.value) for p in parts}) == 1:  # "∂L/∂w_j = (c_1; c_2; c_3)": the same vector at every j,
        first = parts[0]  # one entry per component: the components, each in its place
        return Reading(first.value, first.notes, first.info, first.named, first.explicit)
    if any(isinstance(p.value, Vec) for p in parts):
        raise ExpressionSyntaxError("a component written as a vector")
    first = parts[0]
    return Reading(Vec(p.value for p in parts), first.notes, first.info, first.named, first.explicit)


def _classify(text: str, reading: Reading, cc: ChainContext) -> Side:
    restating, unworked = [], []
    for named in reading.named:
        tag = classify_text(cc.classify, named.text, cc.overlay)
        if tag is not None and base(tag) in cc.asked:
            restating.append(named.text)
        elif tag is None or not any(fnmatch.fnmatchcase(tag, p) for p in cc.blocks):
            unworked.append(named.text)
        elif not named.known:  # a building block whose value could not be read (∇_w f_w(ξ)): neither worked out
            return Side(text, UNREADABLE, reading, problem=f"{named.text} could not be read")  # nor restated
    unknown = any(not n.known for n in reading.named)
    if restating:
        return Side(text, RESTATES, reading, unworked=restating, unknown=unknown)
    if unworked and reading.explicit == 0:
        return Side(text, CHAIN_RULE, reading, unworked=unworked, unknown=unknown)
    if unworked:
        return Side(text, UNWORKED, reading, unworked=unworked, unknown=unknown)
    return Side(text, EXPLICIT, reading)


def chain_context(lhs: str | None, asked: set[str], blocks: list[str], vector: int, vocab: LatexVocabulary,
                  overlay: Overlay | None, classify: Callable[..., str | None] | None) -> ChainContext:
    """Scopes from the left side: a generic index expands to components; a dummy variable (σ'(x)) is
    read as the homework's (u), and σ written alone takes it as its argument."""
    shape = describe(lhs, vocab, overlay) if lhs else None
    scopes: tuple[Scope, ...] = (Scope(),)
    if shape is not None:
        index = _generic_index(shape, vocab)
        if index and vector:
            scopes = tuple(Scope(bindings={index: str(k)}) for k in range(1, vector + 1))
        else:
            scopes = (_dummy_scope(shape, vocab),)
    return ChainContext(vocab, overlay, classify, frozenset(asked), tuple(blocks), vector, scopes)


def _generic_index(shape: Shape, vocab: LatexVocabulary) -> str | None:
    """``j`` in ∂L/∂w_j or w_j^{new}, where w is a vector name."""
    name = shape.wrt if shape.kind in ("derivative", "gradient") else shape.of
    m = re.fullmatch(r"(.+)_([a-z])(\^new)?", name or "")
    if m and m.group(1) in vocab.vectors and m.group(2) not in ("t", "k"):
        return m.group(2)
    return None


def _dummy_scope(shape: Shape, vocab: LatexVocabulary) -> Scope:
    function = shape.of.rstrip("'")
    variable = shape.wrt if shape.kind == "derivative" else (shape.arg if shape.kind == "apply" else "")
    params = [w for (n, w) in vocab.derivatives if n == function and re.fullmatch(r"[a-z]", w)]
    if shape.kind == "name" and shape.of.endswith("'") and params:
        variable = params[0]  # σ' = σ(1 − σ): the derivative named without its variable, σ alone takes the homework's
    if function not in vocab.functions or not re.fullmatch(r"[a-z]|\\[a-z]+", variable or ""):
        return Scope()
    if not params or params[0] not in vocab.symbols:
        return Scope()
    binding = {variable: params[0]} if variable != params[0] else {}
    return Scope(bindings=binding, default_arg=vocab.symbols[params[0]])


def describe_side(side: Side) -> str:
    if side.kind == RESTATES:
        return f"restates the question ({', '.join(side.unworked)})"
    if side.kind == CHAIN_RULE:
        return "the chain rule written out, nothing worked out"
    if side.kind == UNWORKED:
        return f"still holds {', '.join(side.unworked)}, not worked out"
    if side.kind == UNREADABLE:
        return f"could not be read: {side.problem}"
    return "explicit"


def readable(value: Any) -> str:
    return _shown(value) if not isinstance(value, list) else "[" + ", ".join(_shown(e) for e in value) + "]"


@functools.lru_cache(maxsize=4096)
def _shown(expr: Any) -> str:
    """An expression as text, in the order sympy keeps its terms (the same in every run; sorting them for print,
    as ``str`` does, was an eighth of the time a report takes), kept per process: a class writes the same answers."""
    from sympy import Basic
    from sympy.printing.str import sstr

    return sstr(expr, order="none") if isinstance(expr, Basic) else str(expr)


def classify_text(classify: Callable[..., str | None] | None, text: str, overlay: Overlay | None) -> str | None:
    """The homework's tag for ``text``, with the hand-in's notation when its classifier takes it."""
    if classify is None:
        return None
    try:
        return classify(text, overlay=overlay)
    except TypeError:
        return classify(text)


_QUALIFIER = re.compile(r"(?:\s*(?:\\q?quad|[,;~]|\\[,;:!]))*\s*\(?\s*"
                        r"(?:\\text\s*\{\s*(?:for|where)[^{}]*\}|\\forall)?\s*"
                        r"[a-z]\s*(?:=|\\in)\s*(?:\\\{)?\s*\d(?:\s*,\s*\d)*\s*(?:\\\})?\s*\)?\s*[.,]?\s*$")


def strip_qualifier(text: str) -> str:
    """``… \\quad (k = 1, 2, 3)`` or ``…, j \\in \\{1,2,3\\}``: the range of an index, not part of the answer."""
    return _QUALIFIER.sub("", text).strip().rstrip(",;").strip()
