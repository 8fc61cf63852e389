"""The weights and the data as a program indexes them: ``w[0]``, ``w[2]``, ``X[1]``, ``ys[0]``.

A student who writes the network as code keeps the weights in one array and the two data points in two:
``σ(w[1] * σ(w[0] * x))`` in Python counts from 0, ``σ(w[2] * σ(w[1] * x))`` in Julia or R from 1. A TA reads
which weight or point each element is from how the whole hand-in counts: an element 0 anywhere means it
counts from 0, an element 3 of the weights (or 2 of the data) with no 0 means it counts from 1 (each seen on a line
beside another element of its array: "w[0]" alone is a starting point, not a weight), and so does a
hand-in written in a language that counts from 1 (Julia, R, MATLAB). Any other is left as written (its elements
are not guessed). Each element becomes the name it stands for,
padded to its own length, so every offset stays: ``w[0]`` -> ``w_1 ``, ``X[1]`` -> ``x²  `` (from 0).
"""
from __future__ import annotations

import re

from grader.expressions.code_math import X_NAMES, Y_NAMES

_WEIGHT = re.compile(r"(?<![\w.\\])(?:w|W|theta|θ|weights)\[\s*([0-3])\s*\]")
_DATA = re.compile(rf"(?<![\w.\\])(?:({X_NAMES})|({Y_NAMES}))\[\s*([0-2])\s*\]")
# MATLAB's, R's and Julia's other way to index, with parentheses: always from 1 (w(0) is an iterate, not a weight)
_WEIGHT_CALL = re.compile(r"(?:(?<![\w.\\])|(?<=/d)|(?<=∂)|(?<=partial ))(?:w|W|theta|θ|weights)\(\s*([0-3])\s*\)")
_DATA_CALL = re.compile(rf"(?<![\w.\\])(?:({X_NAMES})|({Y_NAMES}))\(\s*([0-2])\s*\)")
_SUPERSCRIPT = {1: "¹", 2: "²"}
# a block of a language that counts from 1
_ONE_BASED_LANGUAGE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*"
                                 r"(?:julia|jl|r|matlab|octave|mathematica|wolfram)\b", re.MULTILINE | re.IGNORECASE)


def indexed_names(text: str, one_based: bool = False) -> str:
    """``text`` with each element of the weights' or the data's arrays written as the name it stands for;
    ``one_based``: the hand-in is written in a language that counts from 1 (its blocks may since have been read
    as text: R Markdown's chunks)."""
    if "(" in text:
        text = _called(text)
    if "[" not in text:
        return text
    one_based = one_based or counts_from_one(text)
    weights = _base(_together(_WEIGHT, text, 1, one_based), 3, one_based)
    if weights is not None:
        text = _WEIGHT.sub(lambda m: _padded(f"w_{int(m.group(1)) + 1 - weights}", m), text)
    data = _base(_together(_DATA, text, 3, one_based), 2, one_based)
    if data is not None:
        text = _DATA.sub(lambda m: _padded(f"{'x' if m.group(1) else 'y'}{_SUPERSCRIPT[int(m.group(3)) + 1 - data]}",
                                           m), text)
    return text


def _called(text: str) -> str:
    """``w(1)``, ``w(2)``, ``w(3)`` as MATLAB indexes: the weights when two of them (and no ``w(0)``) are written,
    and ``x(1)``, ``y(2)`` the data points when both an x and a y element are (``x(1)`` alone may be the handout's
    x_1, a guess no one makes)."""
    weights = {int(m.group(1)) for m in _WEIGHT_CALL.finditer(text)}
    if len(weights) >= 2 and 0 not in weights:
        text = _WEIGHT_CALL.sub(lambda m: _padded(f"w_{m.group(1)}", m), text)
    found = [(bool(m.group(1)), int(m.group(3))) for m in _DATA_CALL.finditer(text)]
    if any(is_x for is_x, _ in found) and not all(is_x for is_x, _ in found) and 0 not in {k for _, k in found}:
        text = _DATA_CALL.sub(lambda m: _padded(f"{'x' if m.group(1) else 'y'}{_SUPERSCRIPT[int(m.group(3))]}", m),
                              text)
    return text


def counts_from_one(text: str) -> bool:
    """Whether ``text`` holds a block of a language that counts from 1 (Julia, R, MATLAB)."""
    return ("`" in text or "~" in text) and _ONE_BASED_LANGUAGE.search(text) is not None


def _together(pattern: re.Pattern[str], text: str, group: int, alone: bool = False) -> set[int]:
    """The elements written on a line beside another element of the same array (``σ(w[1]·σ(w[0]·x))``): a ``w[0]``
    alone ("start from w[0]") is an iterate, not the first weight, and says nothing of how the hand-in counts;
    ``alone``: every element counts (a language that counts from 1 has no w[0] to take for an iterate)."""
    seen: set[int] = set()
    for line in text.split("\n"):
        if "[" in line and len(line) <= 2_000:
            found = {int(m.group(group)) for m in pattern.finditer(line)}
            if len(found) >= 2 or alone:
                seen |= found
    return seen


def _base(seen: set[int], count: int, one_based: bool) -> int | None:
    """0 or 1, the number the hand-in counts from; None when its elements do not say (and its language, where it
    counts from 1 — Julia, R, MATLAB —, does not either)."""
    if 0 in seen and count not in seen:
        return 0
    if 0 not in seen and (count in seen or (seen and one_based)):
        return 1
    return None


def _padded(name: str, m: re.Match[str]) -> str:
    return name.ljust(len(m.group())) if len(name) <= len(m.group()) else m.group()
