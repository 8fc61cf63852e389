"""Read the LaTeX math students write into sympy, without ``eval``.

A tokenizer and a recursive-descent parser for the notation of hand-written
derivations: ``\\frac``, ``\\cdot``, implicit products, ``\\left( \\right)``, ``\\exp``,
``e^{..}``, sub- and superscripted names (``w_3``, ``x^{(1)}``), function application
(``\\sigma_1(x_1)``, ``\\sigma'(u)``), ``\\underbrace``, ``\\sum`` over a data set or an
index, ``bmatrix`` vectors, and ``\\frac{\\partial f}{\\partial w}`` as a derivative
*name*. What the names mean comes from the homework's :class:`LatexVocabulary`.
Every tree is built with ``evaluate=False``; numbers and exponents are bounded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from grader.expressions.latex_grammar import LatexVocabulary, NotEvaluable, _Parser
from grader.expressions.parse import MAX_LENGTH, ExpressionSyntaxError

__all__ = ["LatexVocabulary", "NotEvaluable", "Reading", "parse_latex", "split_chain", "tokenize"]

DROP = {"\\left", "\\right", "\\big", "\\Big", "\\bigg", "\\Bigg", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr",
        "\\biggl", "\\biggr", "\\displaystyle", "\\limits", "\\,", "\\;", "\\:", "\\!", "\\ ", "\\quad", "\\qquad",
        "\\textstyle", "\\cancel", "\\mathrm", "\\mathbf", "\\boldsymbol", "\\bm"}
UNICODE = {"−": "-", "–": "-", "·": "\\cdot ", "×": "\\times ", "⋅": "\\cdot ", "σ": "\\sigma ", "α": "\\alpha ",
           "∂": "\\partial ", "∇": "\\nabla ", "∑": "\\sum ", "′": "'", "’": "'", "²": "^2", "≔": ":="}
_TOKEN = re.compile(r"(?P<cmd>\\[a-zA-Z]+|\\[^a-zA-Z])|(?P<num>\d+(?:\.\d+)?|\.\d+)|(?P<letter>[a-zA-Z])"
                    r"|(?P<sym>[-+*/^_(){}\[\]=,'|.:<>!&;])|(?P<space>\s+)|(?P<other>.)", re.S)


@dataclass
class Reading:
    """A parsed side: its value (an expression or a list for a vector) and any assumptions made."""

    value: Any
    notes: list[str] = field(default_factory=list)


def tokenize(text: str) -> list[str]:
    for k, v in UNICODE.items():
        text = text.replace(k, v)
    out = []
    for m in _TOKEN.finditer(text):
        kind, value = m.lastgroup, m.group()
        if kind == "space" or value in DROP:
            continue
        if kind == "other":
            raise ExpressionSyntaxError(f"unexpected character {value!r}")
        out.append(value)
    return out


def parse_latex(text: str, vocab: LatexVocabulary, *, vector: bool = False) -> Reading:
    """One side of an equation, read into sympy (a ``Vec`` for a vector).

    ``vector``: the answer is a vector, so names like ``w`` mean the whole vector.
    """
    if len(text) > MAX_LENGTH:
        raise ExpressionSyntaxError(f"answer is {len(text):,} characters long; the limit is {MAX_LENGTH:,}")
    tokens = _drop_prose(tokenize(text))
    if not tokens:
        raise ExpressionSyntaxError("empty")
    parser = _Parser(tokens, vocab, {}, vector=vector)
    value = parser.expression()
    if parser.pos != len(tokens):
        raise ExpressionSyntaxError(f"could not read past {' '.join(tokens[parser.pos:parser.pos + 4])!r}")
    return Reading(value, parser.notes)


def _drop_prose(tokens: list[str]) -> list[str]:
    """Remove ``\\text{…}`` remarks ("by the chain rule"), keeping those in sub/superscripts (w^{new})."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] in ("\\text", "\\textrm") and (not out or out[-1] not in ("^", "_", "{")):
            i += 1
            if i < len(tokens) and tokens[i] == "{":
                depth = 0
                while i < len(tokens):
                    depth += {"{": 1, "}": -1}.get(tokens[i], 0)
                    i += 1
                    if depth == 0:
                        break
            continue
        out.append(tokens[i])
        i += 1
    return out


def split_chain(text: str) -> list[str]:
    """Split ``a = b = c`` (also ``:=`` and ``\\leftarrow``) at the top level, outside braces."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth == 0 and (c == "=" or text.startswith("\\leftarrow", i)):
            cut = i - 1 if i > 0 and text[i - 1] == ":" else i
            parts.append(text[start:cut])
            i += len("\\leftarrow") if c == "\\" else 1
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts]
