"""Function names a hand-in never defines in words but pins down by restating the handout's model.

A student who writes "f = w3 s2(w2 s1(w1 x))" or "x2 = w2 sig1(x1)" names the handout's
σ₂ and σ₁ ``s2``/``sig1``: the left side is the handout's own quantity, and the right side
equals the handout's definition exactly when the unknown function names are read as the
handout's functions. A TA reads them so; so does this module, and says it in the report.
An unknown name that no such reading explains stays unknown (the answer goes to review).
Nothing here evaluates text as code: every side is read with the safe grammar.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from grader.expressions.budget import BudgetExceeded
from grader.expressions.latex import Overlay, parse_latex, vocab_words
from grader.expressions.latex_names import UnknownName
from grader.expressions.parse import ExpressionSyntaxError
from grader.expressions.tokens import WORDS
from grader.expressions.vec import Vec

MAX_UNKNOWN = 3  # distinct unknown function names one definition may pin down
_WORD = re.compile(r"(?<![\\A-Za-z])(?:\\(?:operatorname|mathrm|text|textrm)\s*\{\s*)?([A-Za-z]{2,12})\}?"
                   r"(?=\s*(?:_\{?\d\}?|\d)?\s*(?:\^\{?\\prime\}?|')?\s*(?:\\left|\\big|\\Big)?\s*\()")


def function_words(text: str, known: set[str]) -> set[str]:
    """Multi-letter words applied like functions (``sig1(x1)``, ``\\operatorname{sig}(u)``) that are not known."""
    return {w for w in _WORD.findall(text) if w not in known and w not in WORDS and w.lower() not in WORDS}


def identify(lhs_value: Any, rhs: str, vocab: Any, overlay: Overlay,
             equal: Callable[[Any, Any], bool]) -> dict[str, str] | None:
    """The aliases (unknown base name -> the homework's function) under which ``rhs`` equals ``lhs_value``.

    None when the side has no unknown function name, or when no reading makes it equal.
    """
    words = function_words(rhs, vocab_words(vocab, overlay))
    trial = {w: w for w in words}  # sig1(x1): one word, so that it can be read as a name
    found = _search(lhs_value, rhs, vocab, overlay, trial, equal, depth=0)
    if not found:
        return None
    return {k: v for k, v in found.items() if k not in words or v != k}


def _bases(vocab: Any) -> list[str]:
    """The homework's function names without index or prime (σ, sigmoid, f), in a fixed order."""
    return sorted({n.rstrip("'").split("_")[0] for n in vocab.functions if not n.endswith("'")})


def _search(lhs_value: Any, rhs: str, vocab: Any, overlay: Overlay, trial: dict[str, str],
            equal: Callable[[Any, Any], bool], depth: int) -> dict[str, str] | None:
    attempt = Overlay(dict(overlay.symbols), dict(overlay.functions), {**overlay.aliases, **trial},
                      dict(overlay.notes))
    try:
        reading = parse_latex(rhs, vocab, overlay=attempt)
    except UnknownName as exc:
        base = exc.name.rstrip("'").split("_")[0].split("^")[0]
        if depth >= MAX_UNKNOWN or not base or base.startswith("\\text") or trial.get(base, base) != base \
                or base in vocab.symbols or base in overlay.symbols:
            return None
        for candidate in _bases(vocab):
            found = _search(lhs_value, rhs, vocab, overlay, {**trial, base: candidate}, equal, depth + 1)
            if found is not None:
                return found
        return None
    except (ExpressionSyntaxError, BudgetExceeded, RecursionError):
        return None
    if depth == 0 or reading.named or reading.notes or isinstance(reading.value, Vec):
        return None
    return trial if equal(reading.value, lhs_value) else None
