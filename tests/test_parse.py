"""The whitelist parser: what students write is read; anything else is refused, never run."""
from __future__ import annotations

import time

import pytest
import sympy as sp

from grader.expressions.parse import ExpressionSyntaxError, parse_expression
from reference.mnist_backprop import backprop as bp
from reference.mnist_backprop.vocabulary import VOCABULARY


def parse(text: str, **kw):
    return parse_expression(text, VOCABULARY, **kw)


@pytest.mark.parametrize("text", [
    "exp(-u)/(1+exp(-u))**2", "exp(-u)/(1+exp(-u))^2", "σ1(u)*(1-σ1(u))", "sigma(u) - sigma(u)**2",
    "w3 · σ2(x2) · (1 − σ2(x2)) · σ1(x1)", "2*(f(xa)-ya)", "α*w1", "e**(-u)", "1.5e-3*x", "+x", "(x)²",
])
def test_reads_what_students_write(text: str) -> None:
    assert isinstance(parse(text), sp.Basic)


def test_builds_the_expected_tree() -> None:
    expr = parse("w3*sigma(x2)")
    assert expr.free_symbols == {bp.w3, bp.x2}
    assert bp.sigma(bp.x2) in expr.atoms(bp.sigma)


def test_vector_only_when_allowed() -> None:
    assert len(parse("[x, w1, w2]", allow_vector=True)) == 3
    with pytest.raises(ExpressionSyntaxError, match="single expression"):
        parse("[x, w1]")


@pytest.mark.parametrize("text, message", [
    ("__import__('os').system('echo hacked')", "attribute access cannot be called"),
    ("__import__('os')", "unknown function '__import__'"),
    ("x.__class__", "attribute access"),
    ("(lambda: 1)()", "cannot be called"),
    ("open('/etc/passwd')", "unknown function 'open'"),
    ("x if w1 else w2", "conditional"),
    ("x[0]", "indexing"),
    ("'abc'", "not a number"),
    ("x == 1", "comparison"),
    ("import os", "not a valid expression"),
    ("sigma(u, x)", "takes 1 argument"),
    ("sigma", "is a function"),
    ("foo", "unknown name 'foo'"),
    ("10**10**10", "too large"),
    ("10**100000", "too large"),
    ("123456789012345678901234567890", "too large"),
    ("", "empty"),
    ("sigma(x=1)", "keyword"),
    ("True", "not a number"),
])
def test_refuses_everything_else(text: str, message: str) -> None:
    with pytest.raises(ExpressionSyntaxError, match=message):
        parse(text)


def test_long_and_deep_inputs_are_refused_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(ExpressionSyntaxError, match="characters long"):
        parse("x+" * 50_000 + "x")
    with pytest.raises(ExpressionSyntaxError, match="nested"):
        parse("(" * 1000 + "x" + ")" * 1000)
    with pytest.raises(ExpressionSyntaxError, match="nested too deeply"):
        parse("sigma(" * 200 + "x" + ")" * 200)
    assert time.perf_counter() - started < 5


def test_not_text() -> None:
    with pytest.raises(ExpressionSyntaxError, match="expected text"):
        parse(42)  # type: ignore[arg-type]
