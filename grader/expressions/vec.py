"""Column vectors for answers like the gradient: arithmetic that broadcasts over components.

Every operation builds unevaluated sympy nodes, like the parsers do. Sums and products
are built flat (one ``Add`` of every term), so a long answer is a wide tree, not a deep one.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp

from grader.expressions.parse import MAX_EXPONENT, ExpressionSyntaxError, _magnitude


class Vec(list):
    """A column vector (from ``bmatrix`` or a derivative with respect to the vector w)."""


def _bin(op: Callable[[Any, Any], Any], a: Any, b: Any) -> Any:
    if isinstance(a, Vec) and isinstance(b, Vec):
        if len(a) != len(b):
            raise ExpressionSyntaxError(f"vectors of sizes {len(a)} and {len(b)} do not match")
        return Vec(op(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Vec):
        return Vec(op(x, b) for x in a)
    if isinstance(b, Vec):
        return Vec(op(a, y) for y in b)
    return op(a, b)


def _flat(values: Sequence[Any], cls: type[sp.Basic], make: Callable[..., Any]) -> Any:
    """One node of ``cls`` over ``values``, broadcast over vectors (a vector times a vector is an error)."""
    if len(values) == 1:
        return values[0]
    sizes = {len(v) for v in values if isinstance(v, Vec)}
    if len(sizes) > 1:
        raise ExpressionSyntaxError(f"vectors of sizes {sorted(sizes)} do not match")
    if sizes:
        if cls is sp.Mul and sum(isinstance(v, Vec) for v in values) > 1:
            raise ExpressionSyntaxError("a product of two vectors")
        n = sizes.pop()
        return Vec(_flat([v[i] if isinstance(v, Vec) else v for v in values], cls, make) for i in range(n))
    args: list[Any] = []
    for v in values:
        args.extend(v.args if type(v) is cls else (v,))
    return make(*args, evaluate=False)


def add_all(terms: Sequence[Any]) -> Any:
    return _flat(terms, sp.Add, sp.Add)


def mul_all(factors: Sequence[Any]) -> Any:
    return _flat(factors, sp.Mul, sp.Mul)


def add(a: Any, b: Any) -> Any:
    return _bin(lambda x, y: sp.Add(x, y, evaluate=False), a, b)


def mul(a: Any, b: Any) -> Any:
    return _bin(lambda x, y: sp.Mul(x, y, evaluate=False), a, b)


def neg(a: Any) -> Any:
    return mul(sp.S.NegativeOne, a)


def div(a: Any, b: Any) -> Any:
    if isinstance(b, Vec):
        raise ExpressionSyntaxError("division by a vector")
    return _bin(lambda x, y: sp.Mul(x, sp.Pow(y, -1, evaluate=False), evaluate=False), a, b)


def power(a: Any, b: Any) -> Any:
    if isinstance(a, Vec) or isinstance(b, Vec):
        raise ExpressionSyntaxError("power of a vector")
    if not b.free_symbols and _magnitude(b) > MAX_EXPONENT:
        raise ExpressionSyntaxError(f"exponent {b} is too large (limit {MAX_EXPONENT})")
    return sp.Pow(a, b, evaluate=False)
