"""The grammar of written answers: a recursive-descent parser over tokens, building unevaluated sympy.

``grader.expressions.latex`` tokenizes and calls it; the names it resolves come from a
homework's :class:`LatexVocabulary`, overlaid by one hand-in's own definitions
(:class:`Overlay`). Derivatives, gradients, sums and matrices live in
``latex_calculus``. Every side is read under the limits of ``budget``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from grader.expressions.budget import MAX_NESTING, MAX_TOKENS_READ, BudgetExceeded
from grader.expressions.latex_calculus import CalculusMixin
from grader.expressions.latex_names import NameMixin
from grader.expressions.parse import MAX_LITERAL, ExpressionSyntaxError
from grader.expressions.vec import Vec, add_all, div, mul_all, neg, power


class NotEvaluable(ExpressionSyntaxError):
    """A side of an equation that names something (∂L/∂f) rather than computing it."""


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


@dataclass
class Overlay:
    """One hand-in's own names, read before the homework's: values, function macros and aliases."""

    symbols: dict[str, Any] = field(default_factory=dict)  # canonical name -> value (or Vec)
    functions: dict[str, tuple[sp.Symbol, Any]] = field(default_factory=dict)  # name -> (parameter, body)
    aliases: dict[str, str] = field(default_factory=dict)  # name -> the homework's name (s -> \sigma)
    notes: dict[str, str] = field(default_factory=dict)  # name -> what to tell the reader when it is used
    # name -> derivatives its definition writes by name (g(x) = ∇_w f_w(x)): a use of it carries them
    named: dict[str, list[Any]] = field(default_factory=dict)


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


STOP = {"=", ")", "]", "}", ",", "&", "\\\\", "\\end", "\\leftarrow", "\\gets", "\\rightarrow", "\\to", ":", ";",
        ".", "<", ">", "|", "\\in", "\\Rightarrow", "\\therefore", "!", ":=", "\\approx", "\\equiv", "\\ldots",
        "\\dots", "\\cdots"}
TIMES = {"\\cdot", "\\times", "*", "\\ast", "\\cdotp", "\\circ"}
FRACS = {"\\frac", "\\dfrac", "\\tfrac", "\\cfrac"}
NAME = re.compile(r"[a-zA-Z]|\\[a-zA-Z]+|[a-zA-Z]{2,}")


class Parser(CalculusMixin, NameMixin):
    """Recursive descent over a token list; one instance per (sub)expression, one ``Trace`` per side."""

    def __init__(self, tokens: list[str], vocab: LatexVocabulary, scope: Scope, trace: Trace,
                 overlay: Overlay | None = None, vector: bool = False) -> None:
        self.toks, self.vocab, self.scope, self.trace = tokens, vocab, scope, trace
        self.overlay, self.vector = overlay or Overlay(), vector
        self.pos = 0

    # ----------------------------------------------------------- plumbing
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

    def sub(self, tokens: list[str], scope: Scope | None = None) -> Parser:
        return Parser(tokens, self.vocab, self.scope if scope is None else scope, self.trace, self.overlay,
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
        """A sub- or superscript: ``{…}``, ``(…)`` (kept), a signed token (``^-u``) or one token."""
        if self.peek() == "{":
            return self._balanced("{", "}")
        if self.peek() == "(":
            return ["(", *self._balanced("(", ")"), ")"]
        if self.peek() in ("-", "+"):
            return [self.take(), self.take()]
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

    # ----------------------------------------------------------- grammar
    def expression(self) -> Any:
        self.trace.nesting += 1
        try:
            if self.trace.nesting > MAX_NESTING:
                raise BudgetExceeded("expression is nested too deeply")
            terms = [self.term()]
            while self.peek() in ("+", "-"):
                op = self.take()
                right = self.term()
                terms.append(neg(right) if op == "-" else right)
            return add_all(terms)
        finally:
            self.trace.nesting -= 1

    def term(self) -> Any:
        factors = [self.signed()]
        while True:
            tok = self.peek()
            if tok in TIMES:
                self.take()
                factors.append(self.signed())
            elif tok == "/":
                self.take()
                factors = [div(mul_all(factors), self.signed())]
            elif tok is not None and self.starts_factor(tok):
                factors.append(self.postfix())
            else:
                return mul_all(factors)

    def starts_factor(self, tok: str) -> bool:
        return tok not in STOP and tok not in TIMES and tok not in ("+", "-", "/", "^", "_", "'")

    def signed(self) -> Any:
        if self.peek() == "-":
            self.take()
            return neg(self.signed())
        if self.peek() == "+":
            self.take()
            return self.signed()
        return self.postfix()

    def postfix(self) -> Any:
        value = self.primary()
        while self.peek() == "^":
            self.take()
            exponent = self.script()
            if isinstance(value, Vec) and exponent in (["T"], ["\\top"], ["\\intercal"]):
                continue  # a transposed vector is the same vector here
            value = power(value, self.parse_all(exponent))
        return value

    def primary(self) -> Any:
        tok = self.peek()
        if tok is None:
            raise ExpressionSyntaxError("expression ends too early")
        if re.fullmatch(r"\d+(\.\d+)?|\.\d+", tok):
            self.take()
            return _number(tok)
        if tok in ("(", "["):
            return self.bracket()
        if tok == "{":
            return self.parse_all(self.group())
        if tok in FRACS:
            self.take()
            return self.fraction(self.group(), self.group())
        handler = {"\\sqrt": self.sqrt, "\\exp": self.exp, "\\ln": self.log, "\\log": self.log,
                   "\\underbrace": self.brace, "\\overbrace": self.brace, "\\sum": self.sum,
                   "\\begin": self.matrix}.get(tok)
        if handler:
            self.take()
            return handler()
        if tok in ("\\nabla", "\\partial", "d"):
            found = self.gradient() if tok == "\\nabla" else self.slash_derivative()
            if found is not None:
                return found
        if NAME.fullmatch(tok) or tok == "\\mathcal":
            return self.identifier()
        raise ExpressionSyntaxError(f"unexpected {tok!r}")

    def bracket(self) -> Any:
        """``(…)`` or ``[…]``; with commas inside, a vector ``(w_1, w_2, w_3)``."""
        close = ")" if self.take() == "(" else "]"
        items = [self.expression()]
        while self.peek() == ",":
            self.take()
            items.append(self.expression())
        self.take(close)
        if len(items) == 1:
            return items[0]
        if any(isinstance(i, Vec) for i in items):
            raise ExpressionSyntaxError("a vector of vectors")
        if self.peek() == "(":  # (∂f/∂w_1, ∂f/∂w_2, ∂f/∂w_3)(x^i): the vector at that input, not a product
            return self.at_input(Vec(items))
        return Vec(items)

    def at_input(self, vector: Vec) -> Vec:
        from grader.expressions.latex_names import substitute

        variable = self.vocab.symbols.get("x")
        point = self.parse_all(self.paren())
        if variable is None or isinstance(point, Vec):
            raise ExpressionSyntaxError("a vector applied to something that is not an input")
        return substitute(vector, {variable: point})

    # ----------------------------------------------------------- functions
    def sqrt(self) -> Any:
        arg = self.parse_all(self.paren()) if self.peek() == "(" else self.parse_all(self.group())
        return power(arg, sp.Rational(1, 2))

    def argument(self) -> Any:
        if self.peek() == "(":
            return self.parse_all(self.paren())
        if self.peek() == "{":
            return self.parse_all(self.group())
        return self.signed()

    def exp(self) -> Any:
        if self.peek() == "^":  # \exp^{…}: e to that power
            self.take()
            arg = self.parse_all(self.script())
        else:
            arg = self.argument()
        if isinstance(arg, Vec):
            raise ExpressionSyntaxError("exp of a vector")
        self.trace.explicit += 1
        return sp.exp(arg, evaluate=False)

    def log(self) -> Any:
        arg = self.argument()
        if isinstance(arg, Vec):
            raise ExpressionSyntaxError("log of a vector")
        self.trace.explicit += 1
        return sp.log(arg, evaluate=False)

    def brace(self) -> Any:
        value = self.parse_all(self.group())
        if self.peek() in ("_", "^"):  # the label under or over the brace
            self.take()
            self.group()
        return value


def _number(tok: str) -> sp.Expr:
    if "." in tok:
        if len(tok) > 30:
            raise ExpressionSyntaxError(f"number {tok[:20]}… has too many digits")
        return sp.Float(tok)
    value = int(tok)
    if value > MAX_LITERAL:
        raise ExpressionSyntaxError(f"number {tok[:20]} is too large")
    return sp.Integer(value)
