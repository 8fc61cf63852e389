"""The parser's state and cursor: the vocabulary, the hand-in's overlay, the scope, the trace, and the tokens.

The grammar (``latex_grammar.Parser``) is split over mixins by topic (``latex_names``,
``latex_calculus``); each mixin subclasses :class:`Cursor`, so every part sees the same typed
state and plumbing, and the few grammar rules they call back into are declared here.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sympy as sp

from grader.expressions.budget import MAX_TOKENS_READ, BudgetExceeded
from grader.expressions.parse import ExpressionSyntaxError

_C = TypeVar("_C", bound="Cursor")


@dataclass(frozen=True)
class LatexVocabulary:
    """What names mean in one homework.

    Keys are canonical names: the base (``w``, ``\\sigma``, ``\\mathcal{L}`` -> ``L``) then
    ``_sub`` and ``^sup`` with braces and ``(…)`` around a superscript removed, e.g.
    ``w_1``, ``x^1``, ``\\sigma_2``, ``w_1^new``. ``assumed`` names are read with a note
    (``w`` read as ``w1``) that sends the item to a person for review. ``words``: multi-letter
    names written without a backslash (``sigmoid``).
    """

    symbols: Mapping[str, sp.Expr]
    functions: Mapping[str, Any]  # canonical name (``\\sigma'`` for the derivative) -> sympy function class
    derivatives: Mapping[tuple[str, str], Callable[[sp.Expr | None], Any]] = field(default_factory=dict)
    assumed: Mapping[str, tuple[sp.Expr, str]] = field(default_factory=dict)
    vectors: Mapping[str, Sequence[sp.Expr]] = field(default_factory=dict)  # names read as vectors (w)
    argument_free: frozenset[str] = frozenset()  # names whose written argument is only a reminder: L(w)
    datapoints: Sequence[str] = ("1", "2")
    words: frozenset[str] = frozenset()
    # intermediate names written out in the input (x_2 -> w2*sigma(w1*x)): x_2^i in a sum over the data
    pointwise: Mapping[str, sp.Expr] = field(default_factory=dict)
    # what an argument-free name stands for (the loss L): a hand-in's own name with that value is read as it
    values: Mapping[str, sp.Expr] = field(default_factory=dict)
    loss: str | None = None  # the name a hand-in's own "loss ℓ", "cost J", "error E" is read as

    def in_input(self, value: sp.Expr) -> sp.Expr:
        """``value`` with the intermediates written out in the input (x_2 is w_2 σ(w_1 x))."""
        return value.subs({self.symbols[n]: e for n, e in self.pointwise.items() if n in self.symbols})


@dataclass
class Overlay:
    """One hand-in's own names, read before the homework's: values, function macros and aliases."""

    symbols: dict[str, Any] = field(default_factory=dict)  # canonical name -> value (or Vec)
    functions: dict[str, tuple[sp.Symbol, Any]] = field(default_factory=dict)  # name -> (parameter, body)
    aliases: dict[str, str] = field(default_factory=dict)  # name -> the homework's name (s -> \sigma)
    notes: dict[str, str] = field(default_factory=dict)  # name -> what to tell the reader when it is used
    # name -> derivatives its definition writes by name (g(x) = ∇_w f_w(x)): a use of it carries them
    named: dict[str, list[Any]] = field(default_factory=dict)
    # names the hand-in defines (read or not): never given a default reading (y_1 is not y^1 where y1 = σ(s1))
    reserved: set[str] = field(default_factory=set)
    # names the hand-in defined at each data point by a subscript (e_i = y_i − ŷ_i): e_1 is e at the first point
    per_point: set[str] = field(default_factory=set)
    # names the hand-in lists with a data point's index ("writing a^i, b^i, c^i for the values at x^i"): b^1 is b at x¹
    listed_at_point: set[str] = field(default_factory=set)
    # the handout's names the hand-in describes in words as something else ("x_2, the output of the second
    # sigmoid"): an answer using one goes to a person, never read with the handout's meaning
    said_otherwise: set[str] = field(default_factory=set)
    # the handout's functions the hand-in defines otherwise (σ'(u) := σ(u)(1 + σ(u))): an answer using one goes to a
    # person, since whether it means the handout's or the hand-in's cannot be told
    doubted: set[str] = field(default_factory=set)
    # the handout's own names the hand-in defines itself (x_1 = w_1 x): never read as anything else
    own: set[str] = field(default_factory=set)
    # a variable of the problem the hand-in gives a value of its own (u = w_1 x, then h = σ(u)): that value holds
    # in the answers whose reference does not use the variable (the answer to σ'(u) keeps u its own)
    outside: dict[sp.Symbol, Any] = field(default_factory=dict)
    # the hand-in says in words that x_1, y_1, … name the data points ("(x1, y1), (x2, y2) are the two data points of D
    # (not the x1, x2 of the graph)"): the model at x_k is at the data point, its own x_k = w_1 x notwithstanding
    points_said: bool = False


@dataclass(frozen=True)
class Named:
    """A derivative written by name (∂f/∂σ₂, ∇_w L, σ'(u)): its text and whether it has a value."""

    text: str
    known: bool


@dataclass
class Trace:
    """What reading one side found, shared by every sub-parser: notes, names, and the work done."""

    notes: list[str] = field(default_factory=list)  # assumptions: a person should confirm
    info: list[str] = field(default_factory=list)  # the hand-in's own notation, applied
    named: list[Named] = field(default_factory=list)
    explicit: int = 0  # names and functions worked out (not derivative names)
    tokens_read: int = 0
    nesting: int = 0
    names: set[str] = field(default_factory=set)  # every name looked up (a definition must not use its own)

    def note(self, text: str, assumption: bool = True) -> None:
        target = self.notes if assumption else self.info
        if text not in target:
            target.append(text)


@dataclass(frozen=True)
class Scope:
    """Index letters bound while reading (a sum's ``i``, a component's ``j``) and defaults."""

    bindings: Mapping[str, str] = field(default_factory=dict)
    points: frozenset[str] = frozenset()  # letters bound to data points: x_i is the data point x^i
    default_arg: Any = None  # the argument of σ written alone, from the left side dσ/du


class Cursor:
    """A position in one token list, with the state every (sub)parser of one side shares."""

    def __init__(self, tokens: list[str], vocab: LatexVocabulary, scope: Scope, trace: Trace,
                 overlay: Overlay | None = None, vector: bool = False) -> None:
        self.toks, self.vocab, self.scope, self.trace = tokens, vocab, scope, trace
        self.overlay, self.vector = overlay or Overlay(), vector
        self.pos = 0

    def peek(self, k: int = 0) -> str | None:
        i = self.pos + k
        return self.toks[i] if i < len(self.toks) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            raise ExpressionSyntaxError(f"expected {expected or 'more'}, found {tok or 'the end'}")
        self.pos += 1
        self.trace.tokens_read += 1
        if self.trace.tokens_read > MAX_TOKENS_READ:
            raise BudgetExceeded(f"reading the answer takes more than {MAX_TOKENS_READ:,} steps")
        return tok

    def sub(self: _C, tokens: list[str], scope: Scope | None = None) -> _C:
        """A reader of ``tokens`` (a group, a script) sharing this side's trace, overlay and vocabulary."""
        return type(self)(tokens, self.vocab, self.scope if scope is None else scope, self.trace, self.overlay,
                          self.vector)

    def parse_all(self, tokens: list[str], scope: Scope | None = None) -> Any:
        p = self.sub(tokens, scope)
        value = p.expression()
        if p.pos != len(tokens):
            raise ExpressionSyntaxError(f"could not read past {' '.join(tokens[p.pos:p.pos + 4])!r}")
        return value

    def group(self) -> list[str]:
        """The tokens of ``{…}`` (without braces), or the single next token."""
        return self._balanced("{", "}") if self.peek() == "{" else [self.take()]

    def script(self) -> list[str]:
        """A sub- or superscript: ``{…}``, ``(…)`` (kept), a signed token (``^-u``, ``^-z2`` with its index) or one
        token."""
        if self.peek() == "{":
            return self._balanced("{", "}")
        if self.peek() == "(":
            return ["(", *self._balanced("(", ")"), ")"]
        if self.peek() in ("-", "+"):
            signed = [self.take(), self.take()]
            if self.peek() == "_":  # e^-z2 (plain text): the name's own index, not the power's base's
                signed += [self.take(), *(["{", *self.group(), "}"] if self.peek() == "{" else [self.take()])]
            return signed
        return [self.take()]

    def paren(self) -> list[str]:
        return self._balanced("(", ")")

    def _balanced(self, opening: str, closing: str) -> list[str]:
        self.take(opening)
        start, depth = self.pos, 1
        while depth:
            tok = self.take()
            depth += {opening: 1, closing: -1}.get(tok, 0)
        return self.toks[start:self.pos - 1]

    # ------------------------------------------- grammar rules the mixins call back into (Parser defines them)
    def expression(self) -> Any:
        raise NotImplementedError

    def term(self) -> Any:
        raise NotImplementedError

    def postfix(self) -> Any:
        raise NotImplementedError

    def name(self) -> str:
        raise NotImplementedError
