"""The names an answer to Problem 1 may use in ``answers.toml``, and what each one means.

Intermediates: x1 = w1·x, x2 = w2·σ1(x1). Data points of (f): (xa, ya) and (xb, yb)
for the hand-out's (x¹, y¹) and (x², y²). Functions: σ (also σ1, σ2, sigma, sigma1,
sigma2), σ' (dsigma, sigma_prime), exp, and f (f_w at a data point).
"""
from __future__ import annotations

import re

import sympy as sp

from grader.expressions.latex import LatexVocabulary, Overlay
from grader.expressions.latex_names import CURRENT
from grader.expressions.lhs import Shape, describe
from grader.expressions.parse import Vocabulary
from grader.expressions.tokens import WORD_LETTER
from reference.mnist_backprop import backprop as bp

_SYMBOLS = {
    "x": bp.x, "w1": bp.w1, "w2": bp.w2, "w3": bp.w3, "u": bp.u, "alpha": bp.alpha, "α": bp.alpha,
    "x1": bp.x1, "x2": bp.x2, "xa": bp.xa, "ya": bp.ya, "xb": bp.xb, "yb": bp.yb, "e": sp.E, "E": sp.E,
}
_FUNCTIONS = {name: (bp.sigma, 1) for name in ("sigma", "sigma1", "sigma2", "σ", "σ1", "σ2")}
_FUNCTIONS.update({name: (bp.dsigma, 1) for name in ("dsigma", "sigma_prime", "dsigma1", "dsigma2")})
_FUNCTIONS.update({"exp": (sp.exp, 1), "f": (bp.f, 1)})

VOCABULARY = Vocabulary(symbols=_SYMBOLS, functions=_FUNCTIONS)

# ------------------------------------------------------------------ LaTeX, as in written reports
_DF = {"w_1": bp.df_dw1, "w_2": bp.df_dw2, "w_3": bp.df_dw3}


def _at(t: sp.Expr | None) -> sp.Expr:
    return bp.x if t is None else t


def _derivatives() -> dict:
    out: dict = {}
    for name in ("f", "f_w", "fw"):  # fw: f_w with its subscript lost in a PDF's text
        for w, fn in _DF.items():
            out[(name, w)] = lambda t, fn=fn: fn(_at(t), evaluate=False)
        out[(name, "w")] = lambda t: [fn(_at(t), evaluate=False) for fn in _DF.values()]
        out[(name, "\\sigma_2")] = lambda t: bp.w3
        out[(name, "x_2")] = lambda t: bp.w3 * bp.dsigma(bp.x2)
    for name in ("\\sigma", "\\sigma_1", "\\sigma_2", "sigmoid"):
        out[(name, "u")] = lambda t: bp.dsigma(bp.u if t is None else t, evaluate=False)  # dσ/du (x₂): σ'(x₂)
    out[("\\sigma_2", "x_2")] = lambda t: bp.dsigma(bp.x2, evaluate=False)
    out[("\\sigma_1", "x_1")] = lambda t: bp.dsigma(bp.x1, evaluate=False)
    out[("x_2", "w_2")] = lambda t: bp.sigma(bp.x1, evaluate=False)
    out[("x_2", "\\sigma_1")] = lambda t: bp.w2
    out[("x_1", "w_1")] = lambda t: bp.x
    for w, g in zip(("w_1", "w_2", "w_3"), bp.GRAD):
        out[("L", w)] = lambda t, g=g: g
    out[("L", "w")] = lambda t: list(bp.GRAD)
    return out


_SIGMAS = ("\\sigma", "\\sigma_1", "\\sigma_2", "sigmoid")

LATEX_VOCABULARY = LatexVocabulary(
    symbols={
        "x": bp.x, "u": bp.u, "w_1": bp.w1, "w_2": bp.w2, "w_3": bp.w3, "x_1": bp.x1, "x_2": bp.x2,
        "x^1": bp.xa, "x^2": bp.xb, "y^1": bp.ya, "y^2": bp.yb, "\\alpha": bp.alpha, "e": sp.E,
    },
    functions={
        **{n: bp.sigma for n in _SIGMAS},
        **{n + "'": bp.dsigma for n in _SIGMAS},
        "f": bp.f, "f_w": bp.f, "fw": bp.f,
    },
    derivatives=_derivatives(),
    assumed={"w": (bp.w1, "'w' (as in wx) means w1")},
    vectors={"w": bp.WEIGHTS},  # w^new is only ever a left side: on the right it is no weight read here
    argument_free=frozenset({"L"}),
    words=frozenset({"sigmoid", "fw"}),
    pointwise={"x_1": bp.w1 * bp.x, "x_2": bp.w2 * bp.sigma(bp.w1 * bp.x)},
    values={"L": bp.LOSS},
    loss="L",
)


def classify_lhs(text: str, overlay: Overlay | None = None) -> str | None:
    """What an equation's left side names: dsigma, df/dw1..3, grad or update (or one component: grad[2]).

    Read in any notation (``∂f/∂w₁``, ``df/dw1``, ``w_{t+1}``, ``θ ←`` with θ the student's name for w).
    """
    if _SIGMOID_PRIME_NAME.fullmatch(text):
        return "dsigma"  # dsig(u) = …: the derivative under a program's name, whatever the hand-in defines it as
    leibniz = _LEIBNIZ.fullmatch(text)
    if leibniz is not None and (leibniz.group(1) in _SIGMOID_WORDS or overlay is not None and (
            overlay.aliases.get(leibniz.group(1)) in _SIGMAS
            or overlay.aliases.get(leibniz.group(1).rstrip("12₁₂")) in _SIGMAS and leibniz.group(2) != "w")):
        return "dsigma"  # dsig/du, d(sigma)/du: σ's derivative, written as a quotient of differentials (ds1/du with
        # s the hand-in's σ: σ₁'s, whatever s1 names elsewhere)
    own = _D_OWN_NAME.fullmatch(text)
    if own is not None and overlay is not None and overlay.aliases.get(own.group(1)) in _SIGMAS:
        return "dsigma"  # ds = lambda u: … after s = sigmoid: d and the hand-in's own name for σ
    text = _EVALUATED_AT.sub("", text)  # "∂f/∂w₃ \Big|_{x}": the derivative, taken at a point
    if "array" in text:  # \left[\begin{array}{l} w_1 \\ w_2 \\ w_3 \end{array}\right]: a column, as a bmatrix
        text = _ARRAY_COLUMN.sub(r"\\begin{bmatrix}\1\\end{bmatrix}", text)
    shape = describe(text, LATEX_VOCABULARY, overlay)
    if shape is None:
        return None
    if shape.kind == "vector":
        assigned = _ASSIGNED.search(text) is not None  # (w_1, w_2, w_3) ← …: every entry is assigned
        tags = [_tag(part, assigned=assigned) for part in shape.parts]
        if len(tags) == 3 and all(t == f"update[{i}]" for i, t in enumerate(tags, 1)):
            return "update"
        return None
    if shape.kind in ("derivative", "gradient") and shape.of == "y^hat" and overlay is not None and any(
            overlay.aliases.get(n, "f") != "f" or (n in overlay.symbols and n not in overlay.aliases)
            for n in _HAT_NAMES):
        return None  # yhat = sig(x2): the hand-in's ŷ is a hidden unit, not the model's output
    return _tag(shape, assigned=_ASSIGNED.search(text) is not None)


_HAT_NAMES = ("yhat", "y_hat", "y^hat", "\\hat{y}")


# dsig(u), dsigma2(u) (a program's second version of it), sigmoid_prime(u), sigma_deriv(u)
_SIGMOID_PRIME_NAME = re.compile(r"\s*(?:d(?:sig|sigma|sigmoid|σ|\\sigma)[A-Za-z_]*\d?|(?:sig|sigma|sigmoid)_?(?:prime|deriv\w*))"
                                 r"\s*\(\s*[a-z]\w{0,2}\s*\)\s*")
_EVALUATED_AT = re.compile(r"\\(?:Big|big|bigg|Bigg|right|middle)?\s*(?:\||\\vert)\s*_\s*(?:\{[^{}]{0,30}\}|[A-Za-z0-9])\s*$")
_LEIBNIZ = re.compile(r"\s*d\s*\(?\s*([A-Za-z]\w{0,7}|σ[12₁₂]?)\s*\)?\s*/\s*d\s*([a-z])\w{0,2}\s*")
_SIGMOID_WORDS = ("sig", "sigma", "sigmoid", "sigm", "σ", "σ1", "σ2", "σ₁", "σ₂", "sigma1", "sigma2", "sig1", "sig2")
_D_OWN_NAME = re.compile(r"\s*d([A-Za-z]{1,3})\s*\(\s*[a-z]\w{0,2}\s*\)\s*")
_ARRAY_COLUMN = re.compile(r"\\left\s*[\[(]\s*\\begin\{array\}\{[lcr]*\}(.{0,200}?)\\end\{array\}\s*\\right\s*[\])]",
                           re.DOTALL)
_ASSIGNED = re.compile(r"(\\leftarrow|\\gets|:|←|⟵|<-)\s*$")
_INDEX = re.compile(r"w_([1-3]|[a-z])$")
_AT_POINT = re.compile(r"[_^](?:[1-2]|[i-n])$")


def _tag(shape: Shape, assigned: bool) -> str | None:
    base_of = shape.of.rstrip("'")
    if shape.of.endswith("'") and base_of in _SIGMAS and (shape.kind == "apply" or (
            shape.kind == "name" and base_of in ("\\sigma_1", "\\sigma_2"))):
        return "dsigma"  # σ'(u), or σ₁' written without its argument (a bare σ' = σ(1−σ) is a fact recalled)
    if shape.kind in ("derivative", "gradient"):
        if base_of in _SIGMAS and shape.kind == "derivative":
            return "dsigma"
        m = _INDEX.match(shape.wrt)
        if _AT_POINT.sub("", shape.of) in ("f", "f_w", "fw", "y^hat"):  # ∂ŷ_i/∂θ_j, ∂f^i/∂w_j: f at a data point
            return "df/dw" if shape.wrt == "w" or (m and m.group(1).isalpha()) else (f"df/dw{m.group(1)}" if m else None)
        if shape.of == "L":
            if shape.wrt == "w" or (m and m.group(1).isalpha()):
                return "grad"
            return f"grad[{m.group(1)}]" if m else None
        return None
    if shape.kind in ("name", "apply") and (sub := re.fullmatch(r"f_w_([1-3]|[a-su-z])(?:\^new|')?", shape.of)):
        # f_{w_3}, f_{w_k}(x_n), an economist's f'_{w_1}: the partial derivative written as a subscript (f_{w_t}:
        # the model at step t)
        return f"df/dw{sub.group(1)}" if sub.group(1).isdigit() else "df/dw"
    if shape.kind in ("name", "apply") and (sub := re.fullmatch(r"L_w_([1-3]|[a-su-z])(?:\^new|')", shape.of)):
        return f"grad[{sub.group(1)}]" if sub.group(1).isdigit() else "grad"  # L'_{w_j}: the loss's marginal in w_j
    if shape.kind == "name":
        # w^{new}, or w marked with a word of the student's own (w^{mới}, w^{upd}, w_{nove}, w_{bago}): the next iterate
        m = re.fullmatch(r"w(?:_([1-3]|[a-z]))?(\^new|\^" + WORD_LETTER + "{2,}|_" + WORD_LETTER + "{2,})?", shape.of)
        if m and (m.group(2) or assigned) and _marks_next(m.group(2) or ""):
            index = m.group(1)
            return "update" if index is None or index.isalpha() else f"update[{index}]"
    if shape.kind == "apply" and shape.of == "w" and _STEP_AFTER.fullmatch(shape.arg):
        return "update"  # w(t+1) = w(t) − α∇L(w(t)): the weights at the next step
    return None


_STEP_AFTER = re.compile(r"\s*(?:[tknij]|\\tau|τ)\s*\+\s*1\s*")
# a word after w that names no next iterate: the current one, a start, an optimum (w_{init} = 0.1 is no update)
_NOT_NEXT = CURRENT | {"init", "initial", "start", "opt", "optimal", "true", "best", "star", "min", "max", "in", "out",
                       "ij", "jk", "ji", "hat", "bar", "tilde", "vec", "one", "two", "three", "all",
                       # where a weight sits, a name of its own: w_{mid}, w_{hid}, w_{output}
                       "mid", "middle", "hid", "hidden", "input", "output", "inner", "outer", "first", "second",
                       "third", "last", "top", "bottom", "left", "right", "lay", "layer"}


def _marks_next(mark: str) -> bool:
    """``^new``, ``^{mới}``: a superscript word marks the next iterate; a subscript word does unless it names
    something else (``w_{init}``, ``w_{old}``) or is short ASCII (``w_in`` is an input weight)."""
    word = mark[1:]
    if not mark.startswith("_"):
        return True
    return word.lower() not in _NOT_NEXT and (len(word) >= 3 or not word.isascii())
