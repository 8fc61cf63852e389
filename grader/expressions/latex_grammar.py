"""The grammar of LaTeX answers: a recursive-descent parser over tokens, building unevaluated sympy.

``grader.expressions.latex`` tokenizes and calls it; the names it resolves come from a
homework's :class:`LatexVocabulary`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import sympy as sp

from grader.expressions.parse import MAX_LITERAL, ExpressionSyntaxError
from grader.expressions.vec import Vec, add, div, mul, neg, power

MAX_DEPTH = 80
TIMES = {"\\cdot", "\\times", "*", "\\ast", "\\cdotp"}


class NotEvaluable(ExpressionSyntaxError):
    """A side of an equation that names something (∂L/∂f) rather than computing it."""


@dataclass(frozen=True)
class LatexVocabulary:
    """What LaTeX names mean in one homework.

    Keys are canonical names: the base (``w``, ``\\sigma``, ``\\mathcal{L}`` -> ``L``) then
    ``_sub`` and ``^sup`` with braces and ``(…)`` around a superscript removed, e.g.
    ``w_1``, ``x^1``, ``\\sigma_2``, ``w_1^new``. ``assumed`` names are read with a note
    (``w`` read as ``w1``) that sends the item to a person for review.
    """

    symbols: Mapping[str, sp.Expr]
    functions: Mapping[str, Any]  # canonical name (``\\sigma'`` for the derivative) -> sympy function class
    derivatives: Mapping[tuple[str, str], Callable[[sp.Expr | None], Any]] = field(default_factory=dict)
    assumed: Mapping[str, tuple[sp.Expr, str]] = field(default_factory=dict)
    vectors: Mapping[str, Sequence[sp.Expr]] = field(default_factory=dict)  # names read as vectors (w)
    argument_free: frozenset[str] = frozenset()  # names whose written argument is only a reminder: L(w)
    datapoints: Sequence[str] = ("1", "2")




STOP = {"=", ")", "]", "}", ",", "&", "\\\\", "\\end", "\\leftarrow", "\\rightarrow", "\\to", ":", ";", ".", "<",
        ">", "|", "\\in", "\\Rightarrow", "\\therefore", "!"}
FRACS = {"\\frac", "\\dfrac", "\\tfrac"}


class _Parser:
    """Recursive descent over a token list; one instance per (sub)expression."""

    def __init__(self, tokens: list[str], vocab: LatexVocabulary, bindings: dict[str, str], depth: int = 0,
                 notes: list[str] | None = None, vector: bool = False) -> None:
        self.toks, self.vocab, self.bindings, self.depth, self.vector = tokens, vocab, bindings, depth, vector
        self.pos = 0
        self.notes = notes if notes is not None else []

    # ----------------------------------------------------------- plumbing
    def peek(self, k: int = 0) -> str | None:
        i = self.pos + k
        return self.toks[i] if i < len(self.toks) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            raise ExpressionSyntaxError(f"expected {expected or 'more'}, found {tok or 'the end'}")
        self.pos += 1
        return tok

    def sub(self, tokens: list[str], bindings: dict[str, str] | None = None) -> _Parser:
        if self.depth > MAX_DEPTH:
            raise ExpressionSyntaxError("expression is nested too deeply")
        return _Parser(tokens, self.vocab, self.bindings if bindings is None else bindings, self.depth + 1,
                       self.notes, self.vector)

    def parse_all(self, tokens: list[str], bindings: dict[str, str] | None = None) -> Any:
        p = self.sub(tokens, bindings)
        value = p.expression()
        if p.pos != len(tokens):
            raise ExpressionSyntaxError(f"could not read past {' '.join(tokens[p.pos:p.pos + 4])!r}")
        return value

    def group(self) -> list[str]:
        """The tokens of ``{…}`` (without braces), or the single next token."""
        return self._balanced("{", "}") if self.peek() == "{" else [self.take()]

    def paren(self) -> list[str]:
        """The tokens inside ``(…)`` (the opening one is next)."""
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
        if self.depth > MAX_DEPTH:
            raise ExpressionSyntaxError("expression is nested too deeply")
        value = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            right = self.term()
            value = add(value, neg(right) if op == "-" else right)
        return value

    def term(self) -> Any:
        value = self.signed()
        while True:
            tok = self.peek()
            if tok in TIMES:
                self.take()
                value = mul(value, self.signed())
            elif tok == "/":
                self.take()
                value = div(value, self.signed())
            elif tok is not None and self.starts_factor(tok):
                value = mul(value, self.postfix())
            else:
                return value

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
            value = power(value, self.parse_all(self.group()))
        return value

    def primary(self) -> Any:
        tok = self.peek()
        if tok is None:
            raise ExpressionSyntaxError("expression ends too early")
        if re.fullmatch(r"\d+(\.\d+)?|\.\d+", tok):
            self.take()
            return _number(tok)
        if tok in ("(", "["):
            close = ")" if tok == "(" else "]"
            self.take()
            value = self.expression()
            self.take(close)
            return value
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
        if tok in ("\\text", "\\textrm", "\\operatorname", "\\mathit"):
            self.take()
            raise NotEvaluable(f"text {' '.join(self.group())!r} in a formula")
        if tok == "\\nabla":
            return self.gradient()
        if tok == "\\partial":
            raise NotEvaluable("a derivative written as a name")
        if re.fullmatch(r"[a-zA-Z]|\\[a-zA-Z]+", tok):
            return self.identifier()
        raise ExpressionSyntaxError(f"unexpected {tok!r}")

    # ----------------------------------------------------------- constructs
    def sqrt(self) -> Any:
        return power(self.parse_all(self.group()), sp.Rational(1, 2))

    def _argument(self) -> Any:
        if self.peek() == "(":
            return self.parse_all(self.paren())
        if self.peek() == "{":
            return self.parse_all(self.group())
        return self.signed()

    def exp(self) -> Any:
        arg = self._argument()
        if isinstance(arg, Vec):
            raise ExpressionSyntaxError("exp of a vector")
        return sp.exp(arg, evaluate=False)

    def log(self) -> Any:
        return sp.log(self._argument(), evaluate=False)

    def brace(self) -> Any:
        value = self.parse_all(self.group())
        if self.peek() in ("_", "^"):  # the label under or over the brace
            self.take()
            self.group()
        return value

    def fraction(self, num: list[str], den: list[str]) -> Any:
        derivative = (num[:1] == ["\\partial"] and den[:1] == ["\\partial"]) or (
            num[:1] == ["d"] and len(num) > 1 and den[:1] == ["d"] and len(den) >= 2)
        if derivative:
            return self.derivative(num[1:], den[1:])
        return div(self.parse_all(num), self.parse_all(den))

    def derivative(self, num: list[str], den: list[str]) -> Any:
        p = self.sub(num)
        name = p.name()
        has_arg = p.peek() == "(" and num[-1] == ")"
        arg = p.parse_all(p.toks[p.pos + 1:-1]) if has_arg and name not in self.vocab.argument_free else None
        if not has_arg and p.pos != len(num):
            raise NotEvaluable(f"∂{' '.join(num)}/∂{' '.join(den)}")
        q = self.sub(den)
        wrt = q.name()
        make = self.vocab.derivatives.get((name, wrt))
        if make is None or q.pos != len(den):
            raise NotEvaluable(f"∂{name}/∂{wrt}")
        value = make(arg)
        return Vec(value) if isinstance(value, list) else value

    def gradient(self) -> Any:
        """``\\nabla_w L``: the derivative of L with respect to w, by the vocabulary."""
        self.take("\\nabla")
        wrt = ""
        if self.peek() == "_":
            self.take()
            wrt = _plain(self.group())
        name = self.name()
        if self.peek() == "(":  # L(w): the argument only names what L depends on
            self.paren()
        make = self.vocab.derivatives.get((name, wrt or "w"))
        if make is None:
            raise NotEvaluable(f"∇{name}")
        value = make(None)
        return Vec(value) if isinstance(value, list) else value

    def sum(self) -> Any:
        lower = upper = None
        while self.peek() in ("_", "^"):
            if self.take() == "_":
                lower = self.group()
            else:
                upper = self.group()
        start, total, end = self.pos, None, None
        for binding in self._sum_bindings(lower or [], upper or []):
            self.pos = start
            saved, self.bindings = self.bindings, {**self.bindings, **binding}
            try:
                value = self.term()
            finally:
                self.bindings = saved
            if end is not None and self.pos != end:
                raise ExpressionSyntaxError("the summand cannot be read the same way for every term")
            end = self.pos
            total = value if total is None else add(total, value)
        return total

    def _sum_bindings(self, lower: list[str], upper: list[str]) -> list[dict[str, str]]:
        points = list(self.vocab.datapoints)
        if "\\in" in lower:  # \sum_{(x,y) \in D}
            names = [t for t in lower[:lower.index("\\in")] if re.fullmatch(r"[a-zA-Z]", t)]
            return [{n: f"{n}^{k}" for n in names} for k in points]
        if len(lower) >= 3 and lower[1] == "=" and re.fullmatch(r"[a-zA-Z]", lower[0]):  # \sum_{i=1}^{2}
            first = "".join(lower[2:])
            last = "".join(upper) if upper else points[-1]
            if first.isdigit() and last.isdigit() and 0 < int(last) - int(first) < 10:
                return [{lower[0]: str(k)} for k in range(int(first), int(last) + 1)]
        raise NotEvaluable("a sum over an unknown range")

    def matrix(self) -> Vec:
        env = "".join(self.group())
        rows: list[list[str]] = [[]]
        depth = 0
        while True:
            tok = self.take()
            if tok == "\\end" and depth == 0:
                self.group()
                break
            if tok == "\\begin":
                depth += 1
            elif tok == "\\end":
                depth -= 1
            if tok == "\\\\" and depth == 0:
                rows.append([])
            else:
                rows[-1].append(tok)
        rows = [r for r in rows if r]
        if not env.endswith("matrix") or not rows:
            raise ExpressionSyntaxError(f"cannot read the {env} environment")
        if any("&" in r for r in rows):
            raise ExpressionSyntaxError("only column vectors are read")
        return Vec(self.parse_all(r) for r in rows)

    # ----------------------------------------------------------- names
    def name(self) -> str:
        """The canonical name at the cursor (base, _sub, ^sup, primes), bindings applied."""
        return self._name_parts()[0]

    def _name_parts(self) -> tuple[str, str, list[str] | None]:
        tok = self.take()
        if tok == "\\mathcal" or tok == "\\mathbb":
            base = "".join(self.group())
        else:
            base = tok
        sub = sup = ""
        sup_tokens: list[str] | None = None
        primes = ""
        while self.peek() in ("_", "^", "'"):
            mark = self.take()
            if mark == "'":
                primes += "'"
            elif mark == "_":
                sub = _plain(self.group())
            else:
                sup_tokens = self.group()
                sup = _plain(sup_tokens)
        sub, sup = self.bindings.get(sub, sub), self.bindings.get(sup, sup)
        if not sub and not sup and base in self.bindings:
            base = self.bindings[base]
        stem = base + (f"_{sub}" if sub else "")
        full = stem + (f"^{sup}" if sup else "") + primes
        return full, stem + primes, sup_tokens

    def identifier(self) -> Any:
        full, without_sup, sup_tokens = self._name_parts()
        for name, exponent in ((full, None), (without_sup, sup_tokens)):
            value = self._resolve(name)
            if value is None:
                continue
            if exponent is not None:
                value = power(value, self.parse_all(exponent))
            return value
        raise ExpressionSyntaxError(f"unknown name {full!r}")

    def _resolve(self, name: str) -> Any:
        if name in self.vocab.functions:
            if self.peek() not in ("(", "{"):
                raise NotEvaluable(f"function {name} without an argument")
            arg = self.parse_all(self.paren() if self.peek() == "(" else self.group())
            if isinstance(arg, Vec):
                raise ExpressionSyntaxError(f"{name} of a vector")
            return self.vocab.functions[name](arg, evaluate=False)
        if self.vector and name in self.vocab.vectors:
            return Vec(self.vocab.vectors[name])
        if name in self.vocab.symbols:
            return self.vocab.symbols[name]
        if name in self.vocab.assumed:
            value, note = self.vocab.assumed[name]
            if note not in self.notes:
                self.notes.append(note)
            return value
        return None


def _plain(tokens: list[str]) -> str:
    """A sub- or superscript as a name part: ``{(1)}`` -> ``1``, ``\\text{new}`` -> ``new``."""
    text = "".join(t for t in tokens if t not in ("\\text", "\\mathrm", "\\textrm", "{", "}"))
    return text[1:-1] if text.startswith("(") and text.endswith(")") else text


def _number(tok: str) -> sp.Expr:
    if "." in tok:
        return sp.Float(tok)
    value = int(tok)
    if value > MAX_LITERAL:
        raise ExpressionSyntaxError(f"number {tok[:20]} is too large")
    return sp.Integer(value)
