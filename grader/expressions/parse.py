"""Parse untrusted answer text into an unevaluated sympy expression, without ``eval``.

The text goes through Python's *parser* only (``ast.parse`` builds a syntax tree and
runs nothing); the tree is then walked against a whitelist: numbers, + - * / ** ^,
parentheses, names and function calls the homework's vocabulary defines, and (at the
top level only) a list for vector answers. Everything else is refused with a message
a student can act on. Trees are built with ``evaluate=False`` and numeric literals and
exponents are capped, so ``10**10**10`` is an error, not a hang.
"""
from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy as sp

MAX_LENGTH = 4000
MAX_DEPTH = 60
MAX_LITERAL = 10**12
MAX_EXPONENT = 64


class ExpressionSyntaxError(ValueError):
    """The answer text is not an expression the grader can read; the message says why."""


@dataclass(frozen=True)
class Vocabulary:
    """The names an answer may use: symbols (and constants) and functions with their arity."""

    symbols: Mapping[str, sp.Expr]
    functions: Mapping[str, tuple[object, int]] = field(default_factory=dict)

    def describe(self) -> str:
        names = sorted(self.symbols) + [f"{n}()" for n in sorted(self.functions)]
        return ", ".join(names)


def parse_expression(text: str, vocab: Vocabulary, *, allow_vector: bool = False) -> sp.Expr | list[sp.Expr]:
    """Read ``text`` as an expression over ``vocab``; a list of them if ``allow_vector``."""
    if not isinstance(text, str):
        raise ExpressionSyntaxError(f"expected text, found {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionSyntaxError(f"answer is {len(text):,} characters long; the limit is {MAX_LENGTH:,}")
    cleaned = _normalise(text)
    if not cleaned:
        raise ExpressionSyntaxError("answer is empty")
    try:
        tree = ast.parse(cleaned, mode="eval")
    except SyntaxError as exc:
        raise ExpressionSyntaxError(f"not a valid expression ({exc.msg}, column {exc.offset})") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionSyntaxError("expression is nested too deeply") from None
    body = tree.body
    if isinstance(body, (ast.List, ast.Tuple)):
        if not allow_vector:
            raise ExpressionSyntaxError("expected a single expression, found a list")
        if not body.elts:
            raise ExpressionSyntaxError("the list is empty")
        return [_Builder(vocab).build(e, 1) for e in body.elts]
    return _Builder(vocab).build(body, 0)


def _normalise(text: str) -> str:
    """Typographic symbols students paste from their notes, mapped to operators."""
    # "^" is power in mathematics; Python's "^" binds looser than "/" so it is rewritten, not mapped.
    table = {"^": "**", "·": "*", "×": "*", "⋅": "*", "−": "-", "–": "-", "÷": "/", "²": "**2", "³": "**3"}
    for k, v in table.items():
        text = text.replace(k, v)
    return text.strip()


class _Builder:
    """Walks a Python syntax tree and builds sympy, refusing any node not on the whitelist."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab

    def build(self, node: ast.AST, depth: int) -> sp.Expr:
        if depth > MAX_DEPTH:
            raise ExpressionSyntaxError("expression is nested too deeply")
        if isinstance(node, ast.BinOp):
            return self._binop(node, depth)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.build(node.operand, depth + 1)
            return sp.Mul(sp.S.NegativeOne, inner, evaluate=False) if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.Constant):
            return self._number(node.value)
        if isinstance(node, ast.Name):
            if node.id in self.vocab.symbols:
                return self.vocab.symbols[node.id]
            if node.id in self.vocab.functions:
                raise ExpressionSyntaxError(f"{node.id} is a function: write {node.id}(...)")
            raise ExpressionSyntaxError(f"unknown name {node.id!r}; known names: {self.vocab.describe()}")
        if isinstance(node, ast.Call):
            return self._call(node, depth)
        raise ExpressionSyntaxError(f"{_describe(node)} is not allowed in an answer")

    def _binop(self, node: ast.BinOp, depth: int) -> sp.Expr:
        left, right = self.build(node.left, depth + 1), self.build(node.right, depth + 1)
        op = node.op
        if isinstance(op, ast.Add):
            return sp.Add(left, right, evaluate=False)
        if isinstance(op, ast.Sub):
            return sp.Add(left, sp.Mul(sp.S.NegativeOne, right, evaluate=False), evaluate=False)
        if isinstance(op, ast.Mult):
            return sp.Mul(left, right, evaluate=False)
        if isinstance(op, ast.Div):
            return sp.Mul(left, sp.Pow(right, sp.S.NegativeOne, evaluate=False), evaluate=False)
        if isinstance(op, ast.Pow):
            if not right.free_symbols and _magnitude(right) > MAX_EXPONENT:
                raise ExpressionSyntaxError(f"exponent {right} is too large (limit {MAX_EXPONENT})")
            return sp.Pow(left, right, evaluate=False)
        raise ExpressionSyntaxError(f"operator {type(op).__name__} is not allowed in an answer")

    def _number(self, value: object) -> sp.Expr:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ExpressionSyntaxError(f"{value!r} is not a number")
        if abs(value) > MAX_LITERAL:
            raise ExpressionSyntaxError(f"number {value!r:.20} is too large (limit {MAX_LITERAL:.0e})")
        if isinstance(value, int):
            return sp.Integer(value)
        return sp.Float(repr(value))

    def _call(self, node: ast.Call, depth: int) -> sp.Expr:
        if not isinstance(node.func, ast.Name):
            raise ExpressionSyntaxError(f"{_describe(node.func)} cannot be called in an answer")
        name = node.func.id
        if name not in self.vocab.functions:
            raise ExpressionSyntaxError(f"unknown function {name!r}; known: {self.vocab.describe()}")
        if node.keywords:
            raise ExpressionSyntaxError(f"{name}() takes no keyword arguments")
        func, arity = self.vocab.functions[name]
        if len(node.args) != arity:
            raise ExpressionSyntaxError(f"{name}() takes {arity} argument(s), found {len(node.args)}")
        args = [self.build(a, depth + 1) for a in node.args]
        return func(*args, evaluate=False)  # type: ignore[operator]


def _magnitude(expr: sp.Expr) -> float:
    """|value| of a constant subexpression, computed in floating point (never exactly)."""
    from grader.expressions.numeric import NumericModel, Undefined, evaluate

    try:
        return float(abs(evaluate(expr, {}, NumericModel(variables={}))))
    except Undefined:
        return float("inf")


def _describe(node: ast.AST) -> str:
    names = {
        ast.Attribute: "attribute access", ast.Subscript: "indexing", ast.Lambda: "lambda",
        ast.Compare: "a comparison", ast.BoolOp: "a boolean operator", ast.Constant: "this constant",
        ast.ListComp: "a comprehension", ast.GeneratorExp: "a generator", ast.Dict: "a dict",
        ast.Starred: "unpacking", ast.NamedExpr: "an assignment", ast.IfExp: "a conditional",
    }
    return names.get(type(node), type(node).__name__)
