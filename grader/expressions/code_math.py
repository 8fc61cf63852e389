"""Formulas written as code (NumPy/Python, MATLAB/Octave, Julia, R, Mathematica, sympy's printing) as LaTeX.

Students who think in code write ``np.exp(-u)``, ``exp(-u)./(1+exp(-u)).^2``, ``w .- α .* ∇L``,
``dsig = @(u) …``, ``sigma <- function(u) …``, ``df_dw3``, ``[a; b; c]``, ``c(a, b, c)``,
``sum(… for i in (1, 2))``, ``Derivative(f(x), w1)`` and, in Mathematica, ``Exp[-u]``, ``E^-u``,
``D[f[x], w1]``, ``Sum[…, {i, 1, 2}]``, ``sigma'[x2]``. A TA reads the formula each stands for; so does this
rewrite, one rule per construct of the language. It is applied only to text that carries a mark of code,
and it is text to text: the code is never run.
"""
from __future__ import annotations

import re

from grader.expressions.dialect_text import rewrite_calls, split_top

_MODULE = re.compile(r"\b(?:np|numpy|math|Math|cmath|torch|jnp|jax\.numpy|sp|sympy|tf|scipy\.special|F|nn\.functional)"
                     r"\.(?=[a-z]\w*\s*\()")
_ELEMENTWISE = re.compile(r"\.([*/^\\])|(?<=\s)\.([+\-=])(?=\s)")
_BROADCAST_CALL = re.compile(r"(?<=[A-Za-z0-9_′'σ])\.\(")  # Julia: σ.(x), exp.(-u)
_ANONYMOUS = re.compile(r"(\b[A-Za-z]\w*)\s*(?:=|<-)\s*(?:@|function\s*|lambda\s+)\(?\s*([A-Za-z]\w*(?:\s*,\s*"
                        r"[A-Za-z]\w*)*)\s*\)?\s*:?")
# the sigmoid's derivative as a program names the quantity: dsig_du, dsigma_dx (a call, dsig(u), is a function the
# hand-in may define its own way: the notation layer decides what it means)
_SIGMOID = r"(?:sig|sigma|sigmoid)"
_SIGMOID_PRIME_NAME = re.compile(rf"\bd{_SIGMOID}_d([a-z]\w{{0,2}})\b(?!\s*\()")
# df_dw3, dyhat_dw2, dy_hat_dw2 (the model's output ŷ as a program spells it): d, a numerator, _d and a variable
_DERIVATIVE = r"\bd([A-Za-z][A-Za-z0-9]*(?:_hat)?)_d([A-Za-z][A-Za-z0-9]*)"
_DERIVATIVE_NAME = re.compile(_DERIVATIVE + r"\b")
_DERIVATIVE_CALL = re.compile(_DERIVATIVE + r"\(")
_HAT_NAME = re.compile(r"([A-Za-z])_?hat")
# the same names joined, as MATLAB and Julia programs write them: dfdw3, dLdw1, dsigdu (a numerator the homework
# names — one letter or the sigmoid's — then d and a weight, the input or a pre-activation)
_JOINED = r"\bd([A-Za-z]|sig|sigma|sigmoid)d((?:w|W|theta|u|x|z)[1-9]?)\b"
_JOINED_NAME = re.compile(_JOINED + r"(?!\s*\()")
_JOINED_CALL = re.compile(_JOINED + r"\(")
_GRAD_NAME = re.compile(r"\bgrad(L)\b(?!\s+[A-Za-z(])|\bgrad_([A-Za-z]\w*)\b(?!\s+[A-Za-z(])")  # gradL, grad_f
_R_VECTOR = re.compile(r"(?<![\w.])c\(")
_COLUMN = re.compile(r"\[[^\[\];]*;[^\[\]]*\]")
_SUM_CALL = re.compile(r"(?<![\w.])sum\(")
_FOR = re.compile(r"\s+for\s+(.+?)\s+in\s+(.+)$", re.DOTALL)
_RANGE = re.compile(r"\(?\s*(\d+)\s*(?:,|:)\s*(\d+)\s*\)?|\[\s*(\d+)\s*,\s*(\d+)\s*\]|range\(\s*(\d+)\s*,\s*(\d+)\s*\)")
_SYMPY_DIFF = re.compile(r"(?<![\w.])(?:Derivative|diff)\(")
_COMMENT = re.compile(r"(?:;\s*%|\s#)\s.*$|^\s*%\s*", re.MULTILINE)
_MARK = re.compile(r"\b(?:np|numpy|math|Math|torch|jnp|sympy)\.[a-z]|\.[*/^]|(?<=\s)\.[+\-=](?=\s)|\w\.\(|@\(\w"
                   r"|<-\s*function\b|\blambda\s+\w+\s*:|\bd[A-Za-z][A-Za-z0-9]*(?:_hat)?_d[A-Za-z]|\bgrad_[A-Za-z]"
                   r"|\bd(?:[fLE]|sig|sigma)d(?:w|theta)[1-9]?\b"
                   r"|(?<![\w.])c\([^()]*,|\[[^\[\];]*;[^\[\]]*\]|(?<![\w.])sum\(.*\bfor\b|(?:Derivative|diff)\("
                   r"|(?:;\s*%|\s#)\s"
                   rf"|{_SIGMOID_PRIME_NAME.pattern}")


def is_code(text: str) -> bool:
    """Whether ``text`` is a formula written as code (it carries a mark of a programming language). A bare ``grad``
    alone (``w = w - lr*grad``) is no mark: which gradient a program's variable holds is the program's to say, and a
    person reads it (red team 37 passed updates whose ``grad`` was one point's term, or ∇f)."""
    return _MARK.search(text) is not None or is_mathematica(text)


# Julia's names for a derivative, its ∂ kept: ∂f∂w2 (∂f/∂w2), ∂L∂w1, ∂f_∂w₁, ∂L_∂w_2
_PARTIAL_JOINED = re.compile(r"(?<![\w/∂])∂([A-Za-z])_?∂((?:w|θ|[uxz])(?:_?\{?[1-9]\}?|[₁-₉])?)(?![\w/])")


# Julia's name for a function the program defines, σ's derivative as the hand-in writes it: ∂σ(x₂) (a function of
# its own, dsig: its definition, ∂σ(u) = σ(u)(1 − σ(u)), says what it is; undefined, it is read as nothing)
_PARTIAL_CALL = re.compile(r"(?<![\w/∂])∂\s*(σ[12₁₂]?|sig(?:ma|moid)?[12]?)(?=\s*\((?:[^()]|\([^()]*\))*\)(?!\s*/))")
# (not ∂σ(x₂)/∂x₂, a quotient)


_OWN_SIGMOID = {"σ": "sig", "σ1": "sig1", "σ2": "sig2", "σ₁": "sig1", "σ₂": "sig2"}


def code_to_latex(text: str) -> str:
    """The formula that code ``text`` stands for, in the notation the tokenizer reads; other text unchanged."""
    if "∂" in text:
        text = _PARTIAL_CALL.sub(lambda m: f"d{_OWN_SIGMOID.get(m.group(1), m.group(1))}",
                                 _PARTIAL_JOINED.sub(r"∂\1/∂\2", text))
    if is_mathematica(text):
        text = mathematica_to_latex(text)
    if not is_code(text):
        return text
    text = _COMMENT.sub(" ", text)
    text = rewrite_calls(text, _ARRAY_CALL, _listed)  # np.array([a, b, c]): the vector [a, b, c]
    text = _MODULE.sub("", text)
    text = _ANONYMOUS.sub(lambda m: f"{m.group(1)}({m.group(2)}) =", text)
    text = _ELEMENTWISE.sub(lambda m: m.group(1) or m.group(2), text)
    text = _BROADCAST_CALL.sub("(", text)
    text = _SIGMOID_PRIME_NAME.sub(lambda m: f"d\\sigma/d{m.group(1)}", text)
    text = rewrite_calls(text, _DERIVATIVE_CALL,  # df_dw1(x(1)): the derivative at that point, as sympy's
                         lambda m, arg: f"(\\partial {_top(m.group(1))}({arg}))/(\\partial {m.group(2)})")
    text = _DERIVATIVE_NAME.sub(lambda m: f"d{_top(m.group(1))}/d{m.group(2)}", text)
    text = rewrite_calls(text, _JOINED_CALL,
                         lambda m, arg: f"(\\partial {_joined_top(m)}({arg}))/(\\partial {m.group(2)})")
    text = _JOINED_NAME.sub(lambda m: f"d{_joined_top(m)}/d{m.group(2)}", text)
    text = _GRAD_NAME.sub(_grad_name, text)
    text = _BARE_GRAD.sub("\\\\nabla_w L", text)
    text = _element(text)
    text = rewrite_calls(text, _R_VECTOR, lambda m, arg: f"[{arg}]" if "," in arg else None)
    text = _COLUMN.sub(lambda m: ", ".join(split_top(m.group()[1:-1], ";")).join("[]"), text)
    text = rewrite_calls(text, _SUM_CALL, _sum)
    text = rewrite_calls(text, _POW_CALL, _power)
    return rewrite_calls(text, _SYMPY_DIFF, _derivative)


def _top(name: str) -> str:
    """A derivative's numerator as a program names it: ``yhat``, ``y_hat`` are ŷ; other names stay."""
    m = _HAT_NAME.fullmatch(name)
    return f"\\hat{{{m.group(1)}}}" if m else name


_ARRAY_CALL = re.compile(r"(?<![\w.])(?:(?:np|numpy|jnp|torch)\.)?(?:array|asarray|stack|vstack|hstack|tensor)\(")


def _listed(m: re.Match[str], arg: str) -> str | None:
    """``np.array([a, b, c])``, ``torch.stack([a, b, c])``: the list it makes a vector of; other calls stay."""
    inner = arg.strip()
    return inner if inner.startswith("[") and inner.endswith("]") and len(split_top(inner, ",")) == 1 else None


# the data's names as a program indexes them: X[i], xs[i], x_data(i), Y[0], targets[i]
X_NAMES = r"(?:X|x|xs|Xs|x_data|X_data|x_train|inputs|x_vals|xvals)"
Y_NAMES = r"(?:Y|y|ys|Ys|y_data|Y_data|y_train|targets|labels|y_vals|yvals)"
# a program's zero-based ranges over the two points: range(2), range(len(X)), range(0, 2)
DATA_NAMES = rf"(?:{X_NAMES}|{Y_NAMES}|D|data|dataset)"
ZERO_BASED = re.compile(rf"range\(\s*(?:0\s*,\s*)?(?:2|len\(\s*{DATA_NAMES}\s*\))\s*\)")


def data_points(text: str, index: str) -> str | None:
    """``text`` with the data named by ``index`` as the points ``x^(i)``, ``y^(i)`` (``X[i]``, ``ys(i)``,
    ``x_data{i}``), or None when the index is used for anything else (``w[i]``, ``2*i``): then it is not a sum
    over the data. The index runs over the points 1 and 2 whatever base the program counts from."""
    data = re.compile(rf"(?<![\w.\\])(?:({X_NAMES})|({Y_NAMES}))\s*[\[({{]\s*{index}\s*[\])}}]")
    named = data.sub(lambda m: f"{'x' if m.group(1) else 'y'}^({index})", text)
    points = re.compile(rf"(?<![\w.\\])[xy](?:\^|_)(?:\({index}\)|\{{{index}\}}|{index}(?!\w))")
    return None if re.search(rf"(?<![\w\\]){index}(?!\w)", points.sub("", named)) else named


_ELEMENT = re.compile(r"(?<![\w.\\'])([a-do-z])\(\s*([1-9]|[ijkn])\s*\)")


def _element(text: str) -> str:
    """MATLAB's, R's and Julia's ``x(1)``, ``y(i)``: the first (i-th) element of a data vector, the data point
    ``x^(1)``, as Mathematica's ``x[1]`` is. A one-letter name the text also calls on anything else
    (``s(u)``, ``u(2 x)``) is a function there, and ``x(1 - s)`` a product: both stay as written."""
    called = {m.group(1) for m in re.finditer(r"(?<![\w.\\'])([a-z])\(\s*([^\s)]+)", text)
              if not re.fullmatch(r"[1-9]|[ijkn]", m.group(2))}
    return _ELEMENT.sub(lambda m: m.group() if m.group(1) in called else f"{m.group(1)}^({m.group(2)})", text)


# a program's "grad" standing alone (grad = grad + …, w = w - alpha*grad): the gradient it steps with
_BARE_GRAD = re.compile(r"(?<![\w\\])grad(?![\w(])(?!\s*[_(])(?!\s+[A-Za-z(\\])")
_WEIGHT_NAME = re.compile(r"(?:w|W|theta|weights?|params)(_?[1-9])?")


def _joined_top(m: re.Match[str]) -> str:
    return "\\sigma" if m.group(1).startswith("sig") else m.group(1)


def _grad_name(m: re.Match[str]) -> str:
    """``grad_L``, ``grad_f``: ∇ of that function; ``grad_w``, ``grad_w1``: with respect to the weights, as a
    program names the loss's gradient it steps with (∇_w L, ∂L/∂w₁)."""
    name = m.group(1) or m.group(2)  # gradL (the loss's, checked against the hand-in's own), grad_L, grad_f
    weight = _WEIGHT_NAME.fullmatch(name)
    if weight is None:
        return f"\\nabla {name}"
    index = (weight.group(1) or "").strip("_")
    return f"(\\partial L)/(\\partial w_{index})" if index else "\\nabla_w L"


def _sum(m: re.Match[str], arg: str) -> str | None:
    """``sum(e for i in (1, 2))`` -> ``sum_(i=1)^(2) (e)``; ``sum(e for (x, y) in D)`` over the set."""
    found = _FOR.search(arg)
    if found is None or _depth(arg[:found.start()]) != 0:
        return None  # no generator, or its ``for`` belongs to an inner call
    body, var, over = arg[:found.start()], found.group(1).strip(), found.group(2).strip()
    if ZERO_BASED.fullmatch(over) and re.fullmatch(r"[a-z]", var) and (named := data_points(body, var)):
        return f"sum_({var}=1)^(2) ({named})"  # X[i] for i in range(2): the points 1 and 2
    rng = _RANGE.fullmatch(over)
    if rng:
        lo, hi = [int(g) for g in rng.groups() if g is not None]
        hi -= 1 if rng.group(5) else 0  # range(1, 3) stops before 3
        return f"sum_({var}={lo})^({hi}) ({body})"
    if "," in var and not var.startswith("("):
        var = f"({var})"  # for xi, yi in D: a tuple without its brackets
    glued = _GLUED_PAIR.fullmatch(var)
    if glued and glued.group(2) == glued.group(4) and glued.group(1) != glued.group(3):
        index = glued.group(2)  # for xi, yi in D: x_i and y_i, glued as a program spells them (not ξ)
        for name in (glued.group(1), glued.group(3)):
            body = re.sub(rf"(?<![\w.]){name}{index}(?!\w)", f"{name}_{index}", body)
        return f"sum_({index} in {over}) ({body})"
    index = _pair_index(var)
    if index:  # for (xⁱ, yⁱ) in D: the index the pair carries runs over the data set
        return f"sum_({index} in {over}) ({body})"
    return f"sum_({var} in {over}) ({body})"


_GLUED_PAIR = re.compile(r"\(\s*([a-z])([a-z])\s*,\s*([a-z])([a-z])\s*\)")
_INDEXED = re.compile(r"\s*[A-Za-z](?:ⁱ|ʲ|\^\(?([a-z])\)?|_\(?([a-z])\)?|\[([a-z])\])\s*")
_SCRIPT_LETTER = {"ⁱ": "i", "ʲ": "j"}


_POW_CALL = re.compile(r"(?<![\w.])(?:pow|power)\(")  # Math.pow(a, 2), np.power(a, 2), C's pow


def _power(m: re.Match[str], arg: str) -> str | None:
    parts = split_top(arg, ",")
    return f"(({parts[0]}))^({parts[1]})" if len(parts) == 2 else None


def _pair_index(var: str) -> str | None:
    """The one index every name of a tuple carries (``(xⁱ, yⁱ)``, ``(x_i, y_i)``, ``(x[i], y[i])``), else None."""
    if not (var.startswith("(") and var.endswith(")")):
        return None
    found = set()
    for name in var[1:-1].split(","):
        m = _INDEXED.fullmatch(name)
        if m is None:
            return None
        found.add(next((g for g in m.groups() if g), None) or _SCRIPT_LETTER[name.strip()[-1]])
    return found.pop() if len(found) == 1 else None


def _depth(text: str) -> int:
    return sum(1 if c in "([{" else -1 if c in ")]}" else 0 for c in text)


def _derivative(m: re.Match[str], arg: str) -> str | None:
    """sympy's ``Derivative(f(x), w1)`` and ``diff(f, w1)``: ∂f/∂w₁; other arities stay as written."""
    parts = split_top(arg, ",")
    if len(parts) != 2 or not parts[1].strip().isidentifier():
        return None
    return f"(\\partial {parts[0].strip()})/(\\partial {parts[1].strip()})"


# Mathematica: Head[args] (``Exp[-u]``, ``sigma'[x2]``: a name of two or more letters applied with brackets, or one
# letter applied to a name twice: ``s[u] (1 - s[u])``),
# ``u_]`` in a definition's pattern, ``E^-u``, In[1]:= prompts
_MMA_MARK = re.compile(r"(?<![\w.\\])(?:[A-Za-z]{2,}'*|D|N|[A-Za-z]'+|[α-ωΑ-Ω]'*)\[|\w_\]\s*:?=|\b(?:In|Out)\[\d+\]"
                       r"|(?<![\w\\])E\^\(?-"
                       r"|(?<![\w.\\])([a-z])\[[a-z]\w?\].*(?<![\w.\\])\1\[")  # s[u] (1 - s[u]): s applied twice
_MMA_HEAD = re.compile(r"(?<![\w.\\])([A-Za-zα-ωΑ-Ω][A-Za-z0-9]*'*)\[")
_MMA_PROMPT = re.compile(r"\b(?:In|Out)\[\d+\]:?=\s*")
_MMA_FUNCTIONS = {"Exp": "exp", "Log": "log", "Sqrt": "sqrt", "Tanh": "tanh"}


def is_mathematica(text: str) -> bool:
    return _MMA_MARK.search(text) is not None


def mathematica_to_latex(text: str) -> str:
    """``Exp[-u]`` -> ``exp(-u)``, ``D[f[x], w1]`` -> ``(∂ f(x))/(∂ w1)``, ``Sum[e, {i, 1, 2}]`` ->
    ``sum_(i=1)^(2) (e)``, ``x[i]`` -> ``x_(i)`` (an index), ``{a, b}`` -> ``[a, b]``, ``E`` -> ``e``."""
    text = _MMA_PROMPT.sub("", text)
    text = re.sub(r"(\w)_(?=\s*[\],])", r"\1", text)  # sigma[u_] := …: the pattern is the argument
    text = re.sub(r"(?<![\w.\\])E(?![\w\[])", "e", text)
    text = rewrite_calls(text, _MMA_HEAD, _mma_call)
    return text if "\\" in text else text.replace("{", "[").replace("}", "]")  # {a, b}: a list


def _mma_call(m: re.Match[str], arg: str) -> str | None:
    head, parts = m.group(1), [p.strip() for p in split_top(arg, ",")]
    if head == "D" and len(parts) == 2:
        return f"(\\partial {parts[0]})/(\\partial {parts[1]})"
    if head == "Sum" and len(parts) == 2 and parts[1].startswith("{"):
        rng = [p.strip() for p in split_top(parts[1][1:-1], ",")]
        if len(rng) in (2, 3):  # {i, 1, 2}, or {i, 2} from 1
            return f"sum_({rng[0]}={rng[1] if len(rng) == 3 else 1})^({rng[-1]}) ({parts[0]})"
        return None
    if head == "Grad" and len(parts) == 2:
        names = re.findall(r"[A-Za-z]+(?=\d)", parts[1])
        sub = f"_{names[0]}" if names and len(set(names)) == 1 else ""
        return f"nabla{sub} {parts[0]}"
    if len(head) == 1 and head.islower() and head not in "fgh" and re.fullmatch(r"[ijkn]|\d", arg.strip()):
        return f"{head}^({arg.strip()})"  # x[i], y[1]: the i-th data point, as x^(i)
    return f"{_MMA_FUNCTIONS.get(head, head)}({arg})"
