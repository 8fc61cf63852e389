"""Numeric equivalence at seeded points, invalid answers and the mistake library."""
from __future__ import annotations

import pytest
import mpmath
import sympy as sp

from grader.expressions.compare import Candidate, clear_caches, compare
from grader.expressions.numeric import NumericModel, Undefined, complete_env, evaluate
from grader.expressions.parse import parse_expression
from reference.mnist_backprop import backprop as bp
from reference.mnist_backprop.vocabulary import VOCABULARY

MODEL = bp.NUMERIC_MODEL


def p(text: str):
    return parse_expression(text, VOCABULARY)


def test_intermediate_names_are_substituted() -> None:
    verdict = compare(p("w3*σ2(x2)*(1-σ2(x2))*w2*σ1(x1)*(1-σ1(x1))*x"), bp.DF_DW1, MODEL, seed=3)
    assert verdict.equal and verdict.valid_points == 16


def test_equal_forms_agree_and_wrong_ones_do_not() -> None:
    assert compare(p("sigma(u)*(1-sigma(u))"), bp.DSIGMA_EXP, MODEL).equal
    assert compare(p("dsigma(u)"), bp.DSIGMA_SIGMA, MODEL).equal
    assert not compare(p("sigma(u)*(1+sigma(u))"), bp.DSIGMA_EXP, MODEL).equal


def test_seeded_points_are_reproducible() -> None:
    a = compare(p("sigma(x2)"), bp.DF_DW3, MODEL, seed=11)
    b = compare(p("sigma(x2)"), bp.DF_DW3, MODEL, seed=11)
    assert a == b


def test_points_where_a_side_is_undefined_are_skipped() -> None:
    # 1/(u - u) is undefined everywhere: too few valid points is an invalid answer, not a wrong one.
    verdict = compare(p("1/(u-u)"), bp.DSIGMA_EXP, MODEL)
    assert verdict.valid_points == 0 and not verdict.equal
    # sqrt of a sometimes-negative number: undefined points are skipped and replaced by others.
    partial = compare(p("(x)**(1/2)*0 + sigma(x2)"), bp.DF_DW3, MODEL)
    assert partial.valid_points == 16 and partial.equal
    # defined nowhere in the sampled range (x <= 2): invalid.
    assert compare(p("(x - 3)**(1/2)"), bp.DF_DW3, MODEL).valid_points == 0


def test_constant_ratio_is_reported() -> None:
    verdict = compare(p("3*sigma(x2)"), bp.DF_DW3, MODEL)
    assert not verdict.equal and abs(verdict.ratio - 3) < 1e-9


def test_first_matching_candidate_is_the_diagnosis() -> None:
    missing_x = Candidate("missing_factor", sp.Mul(bp.DF_DW1, 1 / bp.x), "missing x", 0.5)
    missing_w2 = Candidate("missing_factor", sp.Mul(bp.DF_DW1, 1 / bp.w2), "missing w2", 0.5)
    verdict = compare(p("w3*dsigma(x2)*w2*dsigma(x1)"), bp.DF_DW1, MODEL, candidates=[missing_w2, missing_x])
    assert verdict.mistake is missing_x


def test_overflow_is_undefined_not_a_crash() -> None:
    env = complete_env(MODEL, {s: 1.0 for s in MODEL.variables})
    for text in ("exp(exp(exp(100)))", "1/(x-x)", "(-1)**(1/2)"):
        try:
            evaluate(p(text), env, MODEL)
        except Undefined:
            continue
        raise AssertionError(f"{text} should be undefined")


def test_the_verdict_does_not_depend_on_what_was_compared_before() -> None:
    """Points and reference values are made once per process; a verdict must not change with that."""
    x = sp.Symbol("x")
    model = NumericModel({x: (-2.0, 2.0)})
    first = compare(x * 2, x + x, model, seed=3)
    clear_caches()
    fresh = compare(x * 2, x + x, model, seed=3)
    assert first == fresh == compare(x * 2, x + x, model, seed=3) and first.equal
    assert compare(x * 3, x + x, model, seed=3).ratio == pytest.approx(1.5)


def test_function_values_are_remembered_per_model_never_shared_between_models() -> None:
    from grader.expressions.numeric import NumericModel, clear_cache, evaluate

    u, t = sp.symbols("u t")
    g = sp.Function("g")
    double = NumericModel({t: (0.0, 1.0)}, functions={"g": ((u,), 2 * u)})
    triple = NumericModel({t: (0.0, 1.0)}, functions={"g": ((u,), 3 * u)})
    env = {t: mpmath.mpf(1)}
    assert evaluate(g(t), env, double) == 2
    assert evaluate(g(t), env, triple) == 3  # same name, same argument, another model: its own value
    assert evaluate(g(t), env, double) == 2
    clear_cache()
    assert evaluate(g(t) + g(t), env, triple) == 6
