"""Problem 1, solved once in sympy: every reference answer is *derived* here with ``sympy.diff``.

The network is f_w(x) = w3·σ(w2·σ(w1·x)), σ(u) = 1/(1+exp(-u)), and the loss is
L(w) = Σ_{(x,y)∈D} (y − f_w(x))² over D = {(xa, ya), (xb, yb)} (the hand-out writes
x¹, y¹, x², y²). The names students use (x1 = w1·x, x2 = w2·σ1(x1), σ1, σ2, σ') are
given numeric meanings in ``NUMERIC_MODEL`` so that answers written with them can be
compared with these expressions.
"""
from __future__ import annotations

import sympy as sp

from grader.expressions.numeric import NumericModel

x, w1, w2, w3, u, alpha = sp.symbols("x w1 w2 w3 u alpha", real=True)
xa, ya, xb, yb = sp.symbols("xa ya xb yb", real=True)
x1, x2 = sp.symbols("x1 x2", real=True)  # intermediate names, defined in NUMERIC_MODEL
z = sp.Symbol("z", real=True)  # bound parameter of function definitions

# Undefined function names that answers may use; their meaning is given numerically below.
sigma = sp.Function("sigma")
dsigma = sp.Function("dsigma")  # σ'(u)
f = sp.Function("f")  # f_w(t), for answers to (f) written per data point
# ∂f_w/∂w_i at a point, for answers that write the gradient with derivative names (∂f_w(x¹)/∂w_1).
df_dw1, df_dw2, df_dw3 = sp.Function("df_dw1"), sp.Function("df_dw2"), sp.Function("df_dw3")

WEIGHTS = (w1, w2, w3)


def sigmoid(t: sp.Expr) -> sp.Expr:
    """σ written out, so that sympy can differentiate it."""
    return 1 / (1 + sp.exp(-t))


def network(t: sp.Expr) -> sp.Expr:
    """f_w(t) = w3·σ(w2·σ(w1·t)), written out."""
    return w3 * sigmoid(w2 * sigmoid(w1 * t))


def _sigma_form(derivative: sp.Expr) -> sp.Expr:
    """Rewrite dσ/du in σ itself: exp(-u) = (1 − σ)/σ, then simplify."""
    s = sp.Symbol("s", positive=True)
    in_s = sp.factor(sp.simplify(derivative.subs(sp.exp(-u), (1 - s) / s)))
    return in_s.subs(s, sigma(u))


LOSS = (ya - network(xa)) ** 2 + (yb - network(xb)) ** 2
DSIGMA_EXP = sp.diff(sigmoid(u), u)
DSIGMA_SIGMA = _sigma_form(DSIGMA_EXP)
DF_DW3 = sp.diff(network(x), w3)
DF_DW2 = sp.diff(network(x), w2)
DF_DW1 = sp.diff(network(x), w1)
GRAD = [sp.diff(LOSS, w) for w in WEIGHTS]
UPDATE = [w - alpha * g for w, g in zip(WEIGHTS, GRAD)]

# Variants that typical wrong answers equal (the mistake library names them in the rubric).
GRAD_ONE_POINT_A = [sp.diff((ya - network(xa)) ** 2, w) for w in WEIGHTS]
GRAD_ONE_POINT_B = [sp.diff((yb - network(xb)) ** 2, w) for w in WEIGHTS]
UPDATE_ASCENT = [w + alpha * g for w, g in zip(WEIGHTS, GRAD)]
GRAD_NO_SIGN = [-g for g in GRAD]

EXPRESSIONS: dict[str, sp.Expr | list[sp.Expr]] = {
    "dsigma_exp": DSIGMA_EXP,
    "dsigma_sigma": DSIGMA_SIGMA,
    "df_dw3": DF_DW3,
    "df_dw2": DF_DW2,
    "df_dw1": DF_DW1,
    "grad": GRAD,
    "update": UPDATE,
    "grad_one_point_a": GRAD_ONE_POINT_A,
    "grad_one_point_b": GRAD_ONE_POINT_B,
    "update_ascent": UPDATE_ASCENT,
}

# Ranges keep every exp() far from overflow and σ' away from underflow.
NUMERIC_MODEL = NumericModel(
    variables={
        x: (-2.0, 2.0), w1: (-1.5, 1.5), w2: (-1.5, 1.5), w3: (-2.0, 2.0), u: (-4.0, 4.0),
        alpha: (0.01, 1.0), xa: (-2.0, 2.0), xb: (-2.0, 2.0), ya: (-1.0, 1.0), yb: (-1.0, 1.0),
    },
    derived=((x1, w1 * x), (x2, w2 * sigma(x1))),
    functions={
        "sigma": ((z,), sigmoid(z)),
        "dsigma": ((z,), sigmoid(z) * (1 - sigmoid(z))),
        "f": ((z,), network(z)),
        "df_dw1": ((z,), DF_DW1.subs(x, z)),
        "df_dw2": ((z,), DF_DW2.subs(x, z)),
        "df_dw3": ((z,), DF_DW3.subs(x, z)),
    },
)
