"""The names an answer to Problem 1 may use in ``answers.toml``, and what each one means.

Intermediates: x1 = w1·x, x2 = w2·σ1(x1). Data points of (f): (xa, ya) and (xb, yb)
for the hand-out's (x¹, y¹) and (x², y²). Functions: σ (also σ1, σ2, sigma, sigma1,
sigma2), σ' (dsigma, sigma_prime), exp, and f (f_w at a data point).
"""
from __future__ import annotations

import sympy as sp

from grader.expressions.parse import Vocabulary
from reference.mnist_backprop import backprop as bp

_SYMBOLS = {
    "x": bp.x, "w1": bp.w1, "w2": bp.w2, "w3": bp.w3, "u": bp.u, "alpha": bp.alpha, "α": bp.alpha,
    "x1": bp.x1, "x2": bp.x2, "xa": bp.xa, "ya": bp.ya, "xb": bp.xb, "yb": bp.yb, "e": sp.E, "E": sp.E,
}
_FUNCTIONS = {name: (bp.sigma, 1) for name in ("sigma", "sigma1", "sigma2", "σ", "σ1", "σ2")}
_FUNCTIONS.update({name: (bp.dsigma, 1) for name in ("dsigma", "sigma_prime", "dsigma1", "dsigma2")})
_FUNCTIONS.update({"exp": (sp.exp, 1), "f": (bp.f, 1)})

VOCABULARY = Vocabulary(symbols=_SYMBOLS, functions=_FUNCTIONS)
