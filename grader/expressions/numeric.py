"""Evaluate sympy expressions numerically with mpmath, under the homework's definitions.

A hand-written walker (not ``evalf``/``lambdify``) because answers are unevaluated
trees: rebuilding them with substitutions would let sympy evaluate ``10**10**10``
exactly. Here every node becomes an mpmath float at fixed precision, so the cost of
an answer is bounded by its size. Undefined values (division by zero, a complex
result, overflow) raise ``Undefined`` and the point is skipped.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef

from grader.expressions.budget import BudgetExceeded, StepCounter

PRECISION_DIGITS = 40
LIMIT = mpmath.mpf(10) ** 200
MAX_MAGNITUDE_BITS = 2000  # about 10^600: intermediate values past it are overflow


class Undefined(ArithmeticError):
    """The expression has no finite real value at this point."""


@dataclass(frozen=True)
class NumericModel:
    """What the names mean numerically.

    ``variables``: free variables with the range they are sampled in (chosen to avoid
    overflow). ``derived``: intermediate names (x1 = w1*x, ...) computed in order from
    the variables. ``functions``: definitions of function names, as (parameters, body).
    """

    variables: Mapping[sp.Symbol, tuple[float, float]]
    derived: Sequence[tuple[sp.Symbol, sp.Expr]] = ()
    functions: Mapping[str, tuple[tuple[sp.Symbol, ...], sp.Expr]] = field(default_factory=dict)


Env = dict[sp.Symbol, mpmath.mpf]


def complete_env(model: NumericModel, values: Mapping[sp.Symbol, float]) -> Env:
    """Variables at a point plus every derived name computed from them."""
    with mpmath.workdps(PRECISION_DIGITS):
        env: Env = {s: mpmath.mpf(v) for s, v in values.items()}
        for sym, definition in model.derived:
            env[sym] = evaluate(definition, env, model)
        return env


def evaluate(expr: sp.Expr, env: Env, model: NumericModel, counter: StepCounter | None = None,
             dps: int = PRECISION_DIGITS) -> mpmath.mpf:
    """The value of ``expr`` at ``env``; raises ``Undefined`` where it has none.

    ``counter`` bounds the work (``BudgetExceeded``); ``dps`` is the working precision in digits.
    """
    with mpmath.workdps(dps):
        try:
            value = _eval(expr, env, model, counter or StepCounter())
        except BudgetExceeded:
            raise
        except (ZeroDivisionError, OverflowError, ValueError) as exc:
            raise Undefined(str(exc)) from None
        except (RecursionError, MemoryError):
            raise BudgetExceeded("the expression is nested too deeply to evaluate") from None
        if isinstance(value, mpmath.mpc) or not mpmath.isfinite(value) or abs(value) > LIMIT:
            raise Undefined("not a finite real number")
        return value


def _eval(e: sp.Basic, env: Env, model: NumericModel, counter: StepCounter) -> mpmath.mpf:
    counter.step()
    if e.is_Symbol:
        if e not in env:
            raise Undefined(f"no value for {e}")
        return env[e]
    if e.is_Integer:
        return mpmath.mpf(int(e))
    if e.is_Rational:
        return mpmath.mpf(int(e.p)) / int(e.q)
    if e.is_Float:
        return mpmath.mpf(e._mpf_)
    if e is sp.E:
        return mpmath.e
    if e is sp.pi:
        return mpmath.pi
    if e.is_Add:
        return mpmath.fsum(_real(_eval(a, env, model, counter)) for a in e.args)
    if e.is_Mul:
        out = mpmath.mpf(1)
        for a in e.args:
            out *= _real(_eval(a, env, model, counter))
        return _bounded(out)
    if e.is_Pow:
        base, exp = _eval(e.base, env, model, counter), _eval(e.exp, env, model, counter)
        if base == 0 and exp < 0:
            raise ZeroDivisionError("division by zero")
        return _bounded(_real(mpmath.power(base, exp)))
    if isinstance(e, sp.exp):
        arg = _eval(e.args[0], env, model, counter)
        if arg > 460:  # exp(460) ~ 1e200: beyond LIMIT anyway
            raise OverflowError("exp overflow")
        return mpmath.exp(arg)
    if isinstance(e, sp.log):
        arg = _eval(e.args[0], env, model, counter)
        if arg <= 0:
            raise ValueError("log of a non-positive number")
        return mpmath.log(arg)
    if isinstance(e, (sp.cosh, sp.sinh, sp.tanh)):  # the sigmoid's identities: σ′(u) = 1/(4 cosh²(u/2))
        arg = _eval(e.args[0], env, model, counter)
        if abs(arg) > 460:
            raise OverflowError("hyperbolic overflow")
        return {sp.cosh: mpmath.cosh, sp.sinh: mpmath.sinh, sp.tanh: mpmath.tanh}[type(e)](arg)
    if isinstance(e, AppliedUndef):
        return _apply(e, env, model, counter)
    if isinstance(e, sp.Abs):
        return abs(_eval(e.args[0], env, model, counter))
    raise Undefined(f"cannot evaluate {type(e).__name__}")


def _apply(e: AppliedUndef, env: Env, model: NumericModel, counter: StepCounter) -> mpmath.mpf:
    name = type(e).__name__
    if name not in model.functions:
        raise Undefined(f"no definition for function {name}")
    params, body = model.functions[name]
    if len(params) != len(e.args):
        raise Undefined(f"{name} takes {len(params)} argument(s)")
    args = tuple(_eval(a, env, model, counter) for a in e.args)
    key = (id(model), name, args, mpmath.mp.prec)
    cached = _APPLIED.get(key)
    if cached is not None and cached[0] is model:
        return cached[1]
    inner = dict(env)
    inner.update(zip(params, args, strict=True))
    value = _eval(body, inner, model, counter)
    if len(_APPLIED) > _APPLIED_ENTRIES:
        _APPLIED.clear()
    _APPLIED[key] = (model, value)  # the model is kept, so its id is never another model's
    return value


# A homework function's value at given arguments and precision never changes: σ(x₂) at a sample point is
# computed once, not once per occurrence in every answer (most of the time a report takes to grade).
# Keyed by the model's identity, as compare's caches of points and reference values are.
_APPLIED_ENTRIES = 200_000
_APPLIED: dict[tuple, tuple[NumericModel, mpmath.mpf]] = {}


def clear_cache() -> None:
    """Forget the function values computed so far."""
    _APPLIED.clear()


def _bounded(value: mpmath.mpf) -> mpmath.mpf:
    """Intermediate values far beyond any answer's are overflow, not numbers to carry on with."""
    if value and mpmath.mag(value) > MAX_MAGNITUDE_BITS:
        raise OverflowError("a value beyond any answer's magnitude")
    return value


def _real(value: mpmath.mpf | mpmath.mpc) -> mpmath.mpf:
    if isinstance(value, mpmath.mpc):
        if value.imag != 0:
            raise ValueError("complex value")
        return value.real
    return value
