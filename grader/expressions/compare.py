"""Numeric equivalence of two expressions at seeded random points, and mistake matching.

Two answers are the same function when they agree, within relative and absolute
tolerances, at every point where both are defined. Points are drawn from a seeded
generator, so the verdict is reproducible. A known mistake is a *candidate*
expression (the reference with a factor missing, a sign flipped, another variant):
the student's answer is diagnosed with the first candidate it equals.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Sequence

import mpmath
import sympy as sp

from grader.expressions.numeric import NumericModel, Undefined, complete_env, evaluate


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
    ratio: float | None = None  # student/reference when it is constant (diagnosis aid)


def sample_points(model: NumericModel, count: int, seed: int) -> list[dict[sp.Symbol, mpmath.mpf]]:
    """``count`` points with every variable drawn from its range, derived names filled in."""
    rng = random.Random(seed)
    ordered = sorted(model.variables, key=lambda s: s.name)
    points = []
    for _ in range(count):
        values = {s: rng.uniform(*model.variables[s]) for s in ordered}
        try:
            points.append(complete_env(model, values))
        except Undefined:
            continue
    return points


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
    """Decide whether ``student`` equals ``reference``; if not, which candidate it equals."""
    pairs: list[tuple[dict, mpmath.mpf, mpmath.mpf]] = []
    for env in sample_points(model, points * 3, seed):
        if len(pairs) >= points:
            break
        try:
            pairs.append((env, evaluate(student, env, model), evaluate(reference, env, model)))
        except Undefined:
            continue
    if len(pairs) < min_valid:
        return Verdict(valid_points=len(pairs), equal=False)
    if all(tol.close(s, r) for _, s, r in pairs):
        return Verdict(valid_points=len(pairs), equal=True)
    for cand in candidates:
        if _matches(cand.expr, pairs, model, tol):
            return Verdict(len(pairs), False, mistake=cand)
    return Verdict(len(pairs), False, ratio=_constant_ratio(pairs, tol))


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
