"""What the left side of an equation names, in any notation: a derivative, a gradient, a name.

``∂f/∂w₁``, ``df/dw1``, ``\\frac{\\partial f_w(x)}{\\partial w_1}`` and ``\\frac{d}{dw_1} f`` all
describe as ``Shape("derivative", of="f_w"/"f", wrt="w_1")``; ``w^{new}``, ``w_{t+1}``,
``w^{(t+1)}`` and ``w'`` as ``Shape("name", of="w^new")``; a matrix of names as a
``vector`` of shapes. A homework turns shapes into its own tags (``classify_lhs``).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from grader.expressions.latex import _drop_prose, vocab_words
from grader.expressions.latex_calculus import INDEX_LETTERS
from grader.expressions.latex_grammar import FRACS, Parser
from grader.expressions.latex_names import NEXT
from grader.expressions.latex_state import LatexVocabulary, Overlay, Scope, Trace
from grader.expressions.parse import ExpressionSyntaxError
from grader.expressions.tokens import tokenize


@dataclass(frozen=True)
class Shape:
    """``kind``: derivative, gradient, apply (σ'(u), f(x)), name (w^new) or vector (of ``parts``)."""

    kind: str
    of: str = ""
    wrt: str = ""
    arg: str = ""
    parts: tuple[Shape, ...] = ()


def describe(text: str, vocab: LatexVocabulary, overlay: Overlay | None = None) -> Shape | None:
    """The shape of ``text`` when the whole of it is one name, derivative, gradient or vector of them."""
    words = vocab_words(vocab, overlay)
    try:
        tokens = _drop_prose(tokenize(text, words), words)
        while tokens and tokens[-1] in ("\\leftarrow", "\\gets", ":", "=", "\\to"):
            tokens.pop()
        if tokens[-2:] == ["^", "+"]:
            tokens[-1:] = ["{", "+", "}"]  # w_j^+: the next iterate's mark, unbraced
        arrows = [i for i, t in enumerate(tokens) if t in _MAPS_TO]
        if arrows and arrows[-1] + 1 < len(tokens):
            tokens = tokens[arrows[-1] + 1:]  # "w \mapsto w' = …", "\vec w \to \vec w'": what w becomes is named
        if not tokens:
            return None
        return _describe_tokens(tokens, vocab, overlay)
    except (ExpressionSyntaxError, RecursionError):
        return None


_MAPS_TO = ("\\to", "\\mapsto", "\\longmapsto", "\\rightarrow", "\\longrightarrow", "→", "↦", "->")


def _describe_tokens(tokens: list[str], vocab: LatexVocabulary, overlay: Overlay | None) -> Shape | None:
    p = Parser(tokens, vocab, Scope(), Trace(), overlay)
    shape = _shape(p)
    return shape if shape is not None and p.pos == len(tokens) else None


def _alias(p: Parser, name: str) -> str:
    return p.overlay.aliases.get(name, name)


def _shape(p: Parser) -> Shape | None:
    tok = p.peek()
    if tok in FRACS:
        p.take()
        num, den = p.group(), p.group()
        if not num or not den or num[0] not in ("\\partial", "d") or den[0] not in ("\\partial", "d"):
            return None
        if len(num) == 1:  # \frac{d}{du} σ(u)
            num = [num[0], *p.name_tokens(), *(["(", *p.paren(), ")"] if p.peek() == "(" else [])]
        elif p.peek() == "(" and num[-1] != ")":  # \frac{dσ_1}{du}(u): the point written after the fraction
            num = [*num, "(", *p.paren(), ")"]
        return _derivative(p, num[1:], den[1:])
    if tok in ("\\partial", "D") and p.peek(1) == "_":  # ∂_{w_2} f, ∂_{w_1} f_w(x^i), D_{w_1} f: the operator with
        p.take()
        p.take()
        den = p.script()  # its variable below
        if tok == "D" and not p.names_weights(den):
            return None  # D_1: the data, not the operator
        num = [*p.name_tokens(), *(["(", *p.paren(), ")"] if p.peek() == "(" else [])]
        return _derivative(p, num, den)
    if tok in ("\\partial", "d") and "/" in p.toks[p.pos:p.pos + 24]:  # ∂f_{w}(x^{1}) / ∂w_{1} is 20 tokens
        p.take()
        if p.peek() == "/":
            p.take()
            p.take()
            den = p.name_tokens()
            num = [*p.name_tokens(), *(["(", *p.paren(), ")"] if p.peek() == "(" else [])]
            return _derivative(p, num, den)
        num = [*p.name_tokens(), *(["(", *p.paren(), ")"] if p.peek() == "(" else [])]
        p.take("/")
        p.take()
        den = p.name_tokens()
        if p.peek() in INDEX_LETTERS and p.pos == len(p.toks) - 1:
            den = [*den, p.take()]
        if p.peek() == "(" and num[-1] != ")":  # df/dw1(x^i): the point written after the derivative
            num = [*num, "(", *p.paren(), ")"]
        return _derivative(p, num, den)
    if tok == "\\nabla":
        p.take()
        wrt = p.vocab_default_wrt()
        if p.peek() == "_":
            p.take()
            script = p.script()
            wrt = p._weights_listed(script) or p.sub(script).name()  # ∇_{(a,b,c)}: the weights, renamed
        elif p._flat_subscript():  # ∇w L, as a PDF copy leaves ∇_w L
            wrt = p.take()
        of = p.name()
        arg = " ".join(p.paren()) if p.peek() == "(" else ""
        return Shape("gradient", _alias(p, of), _alias(p, wrt), arg)
    if tok == "\\begin":
        return _vector(p)
    if tok in ("(", "["):
        return _tuple(p)
    of = p.name()
    if of in p.vocab.vectors and p.peek() in INDEX_LETTERS and p.pos == len(p.toks) - 1:
        of = f"{of}_{p.take()}"  # "wj ← wj − α·∂L/∂wj": plain text's w_j
    of = _plain_next(p, of)
    if p.peek() == "(":
        return Shape("apply", _alias(p, of), arg=" ".join(p.paren()))
    if of.endswith("'") and p.lookup_function(of) is None:  # w' is the new w
        of = of.rstrip("'") + "^new"
    return Shape("name", _alias(p, of))


def _plain_next(p: Parser, of: str) -> str:
    """``wj_new``, ``w_j new``, ``wnew``, ``w1 (new)``: plain text's mark of the next iterate after a vector's
    name (its index glued on or not), the whole rest of the left side; else ``of`` as it is."""
    rest = p.toks[p.pos:]
    if not rest or of.split("_")[0] not in p.vocab.vectors or "^" in of:
        return of
    index = ""
    if "_" not in of and rest[0] in (*INDEX_LETTERS, "1", "2", "3") and len(rest) > 1:
        index, rest = rest[0], rest[1:]
    mark = "".join(t for t in rest if t not in ("_", "^", "{", "}", "(", ")"))
    if mark not in NEXT or rest[0] not in ("_", "^", "(", *NEXT) or (rest[0] == "(" and not mark.isalpha()):
        return of  # w_j(k+1) = w_j(k) − …: an iterate's number in brackets, read where its right side is
    p.pos = len(p.toks)
    return f"{of}_{index}^new" if index else f"{of}^new"


def _derivative(p: Parser, num: list[str], den: list[str]) -> Shape | None:
    q = p.sub(num)
    of = q.name()
    arg = " ".join(q.toks[q.pos + 1:-1]) if q.peek() == "(" else ""
    r = p.sub(den)
    wrt = r.name()
    if r.pos == len(den) - 1 and wrt in p.vocab.vectors and den[-1] in INDEX_LETTERS:
        wrt = f"{wrt}_{r.take()}"  # dL/dwj, as plain text writes ∂L/∂w_j
    if r.pos != len(den):
        return None
    return Shape("derivative", _alias(p, of), _alias(p, wrt), arg)


def _vector(p: Parser) -> Shape | None:
    p.take("\\begin")
    env = "".join(p.group())
    if not env.endswith("matrix"):
        return None
    parts: list[Shape] = []
    cell: list[str] = []
    while True:
        tok = p.take()
        if tok in ("\\\\", "&", "\\end"):
            if cell:
                shape = _describe_tokens(cell, p.vocab, p.overlay)
                if shape is None:
                    return None
                parts.append(shape)
            cell = []
            if tok == "\\end":
                p.group()
                return Shape("vector", parts=_marked_new(p, tuple(parts)))
        else:
            cell.append(tok)


def _transposed(p: Parser) -> None:
    """Passes ``^T`` (``^{T}``, ``^\\top``) after a row of names: ``(w_1, w_2, w_3)^T`` is the same names as a
    column."""
    if p.peek() != "^":
        return
    start = p.pos
    p.take()
    if [t for t in p.script() if t not in ("{", "}")] not in (["T"], ["\\top"], ["\\intercal"]):
        p.pos = start


def _marked_new(p: Parser, parts: tuple[Shape, ...]) -> tuple[Shape, ...]:
    """``(w_1, w_2, w_3)^{new}``, a column of names with ``_{t+1}`` after it: each entry is the new one (a
    transpose mark before or after it changes nothing)."""
    _transposed(p)
    parts = _marked(p, parts)
    _transposed(p)
    return parts


def _marked(p: Parser, parts: tuple[Shape, ...]) -> tuple[Shape, ...]:
    if p.peek() not in ("_", "^"):
        return parts
    p.take()
    mark = "".join(t for t in p.script() if t not in ("(", ")", "{", "}")).removeprefix("\\text:")
    if mark not in NEXT:
        return parts
    return tuple(dataclasses.replace(s, of=s.of + "^new") if s.kind == "name" and "^" not in s.of else s
                 for s in parts)


def _tuple(p: Parser) -> Shape | None:
    close = ")" if p.take() in ("(",) else "]"
    parts = []
    while True:
        shape = _shape(p)
        if shape is None:
            return None
        parts.append(shape)
        tok = p.take()
        if tok == close:
            break
        if tok != ",":
            return None
    if len(parts) < 2:
        return parts[0]
    return Shape("vector", parts=_marked_new(p, tuple(parts)))
