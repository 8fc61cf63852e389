"""Typst math, as students write it in ``.typ`` sources and paste it from Typst's web app, rewritten as LaTeX.

Typst writes ``(diff f)/(diff w_1)`` for ∂f/∂w₁, ``cal(L)`` for 𝓛, ``arrow.l`` for ←, ``vec(a, b, c)`` and
``mat(a, b; c, d)`` for columns and matrices, ``hat(y)`` for ŷ, ``lr(( … ))`` for sized brackets, ``dot`` and
``times`` for the products and ``#h(1em)`` for space. A TA reads the LaTeX this stands for; so does this
rewrite. ``e^(-u)``, ``sum_(i=1)^2``, ``frac(a, b)``, ``w^"new"`` and ``:=`` the tokenizer reads already.
It is applied only to text that carries one of Typst's own marks, and it is text to text.
"""
from __future__ import annotations

import re

from grader.expressions.dialect_text import replace_words, rewrite_calls, split_top

_MARK = re.compile(r"(?<![\w\\.])(?:diff|dif)\b(?!\s*\()|(?<![\w\\.])(?:cal|vec|mat|lr|upright|bold|italic|bb|op"
                   r"|hat|abs|norm|pdv|dv)\(|\barrow\.[lrud]|#[hv]\(|\bdot\.(?:c|op)\b|\bdots\.[hcv]\b"
                   r"|(?:(?<=[\d)\]])|(?<=\b[A-Za-z])|(?<=_\w))\s+times\s+(?=[\w(\\])"
                   r"|(?<=[\w)])\s+(?:thin|med|thick)\s+(?=[\w(\\])")  # "w_2 thin sigma_1": a space in a product
_FONT = re.compile(r"(?<![\w\\.])(?:cal|upright|bold|italic|bb|op|serif|sans|frak|mono)\(")
_HAT = re.compile(r"(?<![\w\\.])hat\(")
_ABS = re.compile(r"(?<![\w\\.])(abs|norm)\(")
_VEC = re.compile(r"(?<![\w\\.])vec\(")
_MAT = re.compile(r"(?<![\w\\.])mat\(")
_LR = re.compile(r"(?<![\w\\.])lr\(")
_PHYSICA = re.compile(r"(?<![\w\\.])(p?)dv\(")  # the physica package's derivatives: pdv(f, x), dv(f, x)
_WORDS = [(re.compile(r"\barrow\.l(?:\.long)?\b|\blarrow\b"), " \\leftarrow "),
          (re.compile(r"\barrow\.r(?:\.long)?\b"), " \\to "),
          (re.compile(r"(?<![\w\\.])diff\b"), " \\partial "), (re.compile(r"(?<![\w\\.])dif\b"), " d "),
          (re.compile(r"(?<![\w\\])times\b"), " \\times "), (re.compile(r"\bdot\.(?:c|op)\b"), " \\cdot "),
          (re.compile(r"\bdots(?:\.[hcv])?\b"), " \\ldots "), (re.compile(r"#[hv]\([^()]*\)"), " "),
          (re.compile(r"(?<![\w\\])(?:wide|thin|med|thick)\b"), " ")]


def is_typst(text: str) -> bool:
    """Whether ``text`` is Typst math (it carries a mark that LaTeX and plain text do not)."""
    return _MARK.search(text) is not None


def typst_to_latex(text: str) -> str:
    """The LaTeX that Typst math ``text`` stands for; text without Typst's marks comes back unchanged."""
    if not is_typst(text):
        return text
    text = replace_words(text, _WORDS)
    text = rewrite_calls(text, _FONT, lambda m, arg: f" {_unquote(arg)} ")
    text = rewrite_calls(text, _HAT, lambda m, arg: f" \\hat{{{arg}}} ")
    text = rewrite_calls(text, _ABS, lambda m, arg: f" |{arg}| ")
    text = rewrite_calls(text, _LR, lambda m, arg: f" {arg} ")
    text = rewrite_calls(text, _PHYSICA, _derivative)
    text = rewrite_calls(text, _VEC, lambda m, arg: _matrix([split_top(arg, ",")]))
    return rewrite_calls(text, _MAT, lambda m, arg: _matrix([split_top(r, ",") for r in split_top(arg, ";")]))


def _derivative(m: re.Match[str], arg: str) -> str | None:
    """physica's ``pdv(f, w_1)``: ∂f/∂w₁ (``dv``: df/dw₁); a higher order or several variables stay as written."""
    parts = split_top(arg, ",")
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return None
    d = "\\partial" if m.group(1) else "d"
    return f" ({d} {parts[0].strip()})/({d} {parts[1].strip()}) "


def _unquote(arg: str) -> str:
    """``op("sig")`` names ``sig``; ``cal(L)`` is ``L``."""
    arg = arg.strip()
    return arg[1:-1] if len(arg) > 1 and arg[0] == arg[-1] == '"' else arg


def _matrix(rows: list[list[str]]) -> str:
    """Rows of entries as a ``pmatrix``; ``vec(a, b)`` is one column, so its entries are rows."""
    if len(rows) == 1:
        rows = [[e] for e in rows[0]]
    body = " \\\\ ".join(" & ".join(e.strip() for e in row) for row in rows if any(e.strip() for e in row))
    return f" \\begin{{pmatrix}} {body} \\end{{pmatrix}} "
