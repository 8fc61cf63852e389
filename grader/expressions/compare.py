"""Numeric equivalence of two expressions at seeded random points, and mistake matching.

Two answers are the same function when they agree, within relative and absolute
tolerances, at every point where both are defined. Points are drawn from a seeded
generator, so the verdict is reproducible. A known mistake is a *candidate*
expression (the reference with a factor missing, a sign flipped, another variant):
the student's answer is diagnosed with the first candidate it equals.
"""
from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import mpmath
import sympy as sp

from grader.expressions import numeric
from grader.expressions.budget import StepCounter
from grader.expressions.numeric import (
    PRECISION_DIGITS,
    NumericModel,
    Undefined,
    complete_env,
    evaluate,
)

PRECISION_SLACK = mpmath.mpf(10) ** -20  # 40-digit and 70-digit values must agree to 20 digits


@dataclass(frozen=True)
class Tolerance:
    rtol: float = 1e-6
    atol: float = 1e-9

    def close(self, a: mpmath.mpf, b: mpmath.mpf) -> bool:
        return abs(a - b) <= self.atol + self.rtol * max(abs(a), abs(b))


@dataclass(frozen=True)
class Candidate:
    """An expression a wrong answer might equal, with what to tell the student."""

    name: str
    expr: sp.Expr
    feedback: str
    credit: float = 0.0


@dataclass(frozen=True)
class Verdict:
    """Outcome of comparing one answer with one reference expression."""

    valid_points: int
    equal: bool
    mistake: Candidate | None = None
    ratio: float | None = None  # student/reference when it is constant (a diagnosis, and a carried error's size)
    imprecise: bool = False  # the answer's value depends on the working precision (cancellation, huge values)


def sample_points(model: NumericModel, count: int, seed: int) -> list[dict[sp.Symbol, mpmath.mpf]]:
    """``count`` points with every variable drawn from its range, derived names filled in.

    The same (model, count, seed) always gives the same points, so they are made once per process:
    a class's hand-ins are compared at the same points, and drawing them was a quarter of the work.
    """
    key = (id(model), count, seed)
    cached = _POINTS.get(key)
    if cached is not None and cached[0] is model:
        return cached[1]
    rng = random.Random(seed)
    ordered = sorted(model.variables, key=lambda s: s.name)
    points = []
    for _ in range(count):
        values = {s: rng.uniform(*model.variables[s]) for s in ordered}
        try:
            points.append(complete_env(model, values))
        except Undefined:
            continue
    if len(_POINTS) > _CACHE_ENTRIES:
        _POINTS.clear()
    _POINTS[key] = (model, points)
    return points


def _reference_value(reference: sp.Expr, model: NumericModel, envs: list[dict], key: tuple,
                     index: int) -> mpmath.mpf | None:
    """The reference's value at ``envs[index]`` (None where it has none), computed once per process.

    Values are made in order and only as far as a comparison reads them: most comparisons stop
    after the first points. The reference is trusted: its evaluation is not counted against the
    budget of the student's answer, so that budget, and the verdict, never depend on which hand-in
    a process graded first.
    """
    cached = _REFERENCE.get((reference, *key))
    if cached is None or cached[0] is not model:
        if len(_REFERENCE) > _CACHE_ENTRIES:
            _REFERENCE.clear()
        cached = _REFERENCE[(reference, *key)] = (model, [])
    values = cached[1]
    while len(values) <= index:
        try:
            values.append(evaluate(reference, envs[len(values)], model))
        except Undefined:
            values.append(None)
    return values[index]


def clear_caches() -> None:
    """Forget the points and reference values made so far (they are made again on demand)."""
    _POINTS.clear()
    _REFERENCE.clear()
    _VERDICTS.clear()
    numeric.clear_cache()


_CACHE_ENTRIES = 512
_POINTS: dict[tuple[int, int, int], tuple[NumericModel, list[dict[sp.Symbol, mpmath.mpf]]]] = {}
_REFERENCE: dict[tuple, tuple[NumericModel, list[mpmath.mpf | None]]] = {}
_VERDICTS: dict[tuple, tuple[NumericModel, Verdict]] = {}


def compare(
    student: sp.Expr,
    reference: sp.Expr,
    model: NumericModel,
    *,
    points: int = 16,
    min_valid: int = 12,
    seed: int = 0,
    tol: Tolerance = Tolerance(),
    candidates: Sequence[Candidate] = (),
) -> Verdict:
    """Decide whether ``student`` equals ``reference``; if not, which candidate it equals.

    A report compares the same side with the same reference many times (each item, each reading of
    a chain, the notation's checks), so verdicts are kept per process: the verdict is a function of
    its arguments alone (the step budget is counted per comparison), so keeping it changes nothing.
    """
    key = (student, reference, id(model), points, min_valid, seed, tol, tuple(candidates))
    cached = _VERDICTS.get(key)
    if cached is not None and cached[0] is model:
        return cached[1]
    verdict = _compare(student, reference, model, points, min_valid, seed, tol, candidates)
    if len(_VERDICTS) > _CACHE_ENTRIES:
        _VERDICTS.clear()
    _VERDICTS[key] = (model, verdict)
    return verdict


def same_function(a: sp.Expr, b: sp.Expr, model: NumericModel, *, points: int = 8, min_valid: int = 6,
                  seed: int = 0, tol: Tolerance = Tolerance()) -> bool:
    """``compare(a, b, ...).equal``, stopping at the first point where they differ.

    For questions that need only yes or no (is this definition the handout's σ?): most such
    questions are answered no, and the first differing point already says so.
    """
    counter = StepCounter()
    valid: list[tuple[dict, mpmath.mpf]] = []
    for env, value, ref_value in _values(a, b, model, points, seed, counter):
        if not tol.close(value, ref_value):
            return False
        valid.append((env, value))
        if len(valid) >= points:
            break
    if len(valid) < min_valid:
        return False
    return not any(_loses_precision(a, env, model, counter, value) for env, value in valid)


def _values(student: sp.Expr, reference: sp.Expr, model: NumericModel, points: int, seed: int,
            counter: StepCounter) -> Iterator[tuple[dict, mpmath.mpf, mpmath.mpf]]:
    """(point, student's value, reference's value) at each sample point where both are defined."""
    envs = sample_points(model, points * 3, seed)
    key = (id(model), points * 3, seed)
    for index, env in enumerate(envs):
        ref_value = _reference_value(reference, model, envs, key, index)
        if ref_value is None:
            continue
        try:
            value = evaluate(student, env, model, counter)
        except Undefined:
            continue
        yield env, value, ref_value


def _compare(student: sp.Expr, reference: sp.Expr, model: NumericModel, points: int, min_valid: int, seed: int,
             tol: Tolerance, candidates: Sequence[Candidate]) -> Verdict:
    pairs: list[tuple[dict, mpmath.mpf, mpmath.mpf]] = []
    counter = StepCounter()
    for triple in _values(student, reference, model, points, seed, counter):
        pairs.append(triple)
        if len(pairs) >= points:
            break
    if len(pairs) < min_valid:
        return Verdict(valid_points=len(pairs), equal=False)

    def imprecise() -> bool:  # asked only where the verdict would earn credit: a wrong answer fails either way
        return any(_loses_precision(student, env, model, counter, value) for env, value, _ in pairs)

    if all(tol.close(s, r) for _, s, r in pairs):
        if imprecise():
            return Verdict(valid_points=len(pairs), equal=False, imprecise=True)
        return Verdict(valid_points=len(pairs), equal=True)
    for cand in candidates:
        if _matches(cand.expr, pairs, model, tol):
            if cand.credit > 0 and imprecise():
                return Verdict(valid_points=len(pairs), equal=False, imprecise=True)
            return Verdict(len(pairs), False, mistake=cand, ratio=_constant_ratio(pairs, tol))
    return Verdict(len(pairs), False, ratio=_constant_ratio(pairs, tol))


def _loses_precision(student: sp.Expr, env: dict, model: NumericModel, counter: StepCounter,
                     value: mpmath.mpf) -> bool:
    """True when the answer's value at this point changes with the working precision: digits were
    lost to cancellation or to huge intermediate values, so a verdict of "equal" would be luck."""
    try:
        again = evaluate(student, env, model, counter, dps=PRECISION_DIGITS + 30)
    except Undefined:
        return True
    return abs(again - value) > PRECISION_SLACK * max(abs(again), mpmath.mpf(1))


def _matches(expr: sp.Expr, pairs: list[tuple[dict, mpmath.mpf, mpmath.mpf]], model: NumericModel,
             tol: Tolerance) -> bool:
    try:
        return all(tol.close(s, evaluate(expr, env, model)) for env, s, _ in pairs)
    except Undefined:
        return False


def _constant_ratio(pairs: list[tuple[dict, mpmath.mpf, mpmath.mpf]], tol: Tolerance) -> float | None:
    ratios = [s / r for _, s, r in pairs if abs(r) > tol.atol]
    if len(ratios) < 2 or abs(ratios[0]) <= tol.atol:
        return None
    if all(tol.close(q, ratios[0]) for q in ratios):
        return float(ratios[0])
    return None
