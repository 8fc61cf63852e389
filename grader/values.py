"""Read sizes and counts the way students write them: "24 x 24 x 20", "24×24×20", "25,050", "(20, 24, 24)"."""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

MAX_VALUE_TEXT = 200
_THOUSANDS = re.compile(r"(?<=\d)(?:[,_\u2009\u202f\u00a0']|\\,|\{,\})(?=\d{3}(?!\d))")
_LAKH = re.compile(r"(?<!\d)\d{1,2}(?:,\d\d)+,\d{3}(?![\d,])")  # Indian grouping: 4,00,500 is 400,500
_SPACED_THOUSANDS = re.compile(r"^\d{1,3}( \d{3})+$")
_EUROPEAN = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 25.050: a thousands dot, where only whole numbers make sense
_BATCH = re.compile(r"^\s*[(\[]\s*(?:-1|None|N|B|batch(?:_size)?)\s*,")  # (None, 20, 24, 24), [-1, 20, 24, 24]
_SEPARATORS = re.compile(r"[x×X*·,;()\[\]{}$@\s]+|\bby\b|\\times|\\cdot")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class ValueSyntaxError(ValueError):
    """The text is not a number or a list of dimensions."""


def parse_numbers(raw: Any, *, integers: bool = False) -> tuple[float, ...]:
    """All numbers in ``raw``, in order; a TOML number or list is taken as it is.

    ``integers``: the value can only be whole (a size or a count), so ``25.050`` is read the
    European way, as 25,050.
    """
    if isinstance(raw, bool):
        raise ValueSyntaxError("expected a number or dimensions, found true/false")
    if isinstance(raw, (int, float)):
        return (float(raw),)
    if isinstance(raw, list) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in raw):
        return tuple(float(v) for v in raw)
    if not isinstance(raw, str):
        raise ValueSyntaxError(f"expected text or a number, found {type(raw).__name__}")
    if len(raw) > MAX_VALUE_TEXT:
        raise ValueSyntaxError(f"answer is longer than {MAX_VALUE_TEXT} characters")
    text = str(raw).rsplit("=", 1)[-1].replace("%", " ")  # "(5*5*1 + 1) * 20 = 520": the final right side
    text = _BATCH.sub("(", text)
    text = _LAKH.sub(lambda m: m.group().replace(",", ""), text)
    if _SPACED_THOUSANDS.match(text.strip()):  # "431 080"
        text = text.replace(" ", "")
    text = _THOUSANDS.sub("", text.strip())
    tokens = [t for t in _SEPARATORS.split(text) if t]
    if not tokens:
        raise ValueSyntaxError("no number found")
    if integers:
        tokens = [t.replace(".", "") if _EUROPEAN.match(t) else t for t in tokens]
    bad = [t for t in tokens if not _NUMBER.match(t)]
    if bad:
        raise ValueSyntaxError(f"cannot read {bad[0]!r} as a number")
    return tuple(float(t) for t in tokens)


def same_dims(a: tuple[float, ...], b: tuple[float, ...], *, ignore_unit_dims: bool, any_order: bool) -> bool:
    """Equal dimensions, optionally ignoring 1s (28×28 = 28×28×1) and order (C×H×W = H×W×C)."""
    if ignore_unit_dims:
        a = tuple(v for v in a if v != 1) or (1.0,)
        b = tuple(v for v in b if v != 1) or (1.0,)
    if any_order:
        return Counter(a) == Counter(b) and _sides_together(a) == _sides_together(b)
    return a == b


def _sides_together(dims: tuple[float, ...]) -> bool:
    """Whether a shape's equal sides stand side by side (24×24×20, 20×24×24; not 24×20×24, a channel count
    between a map's height and width, which no layout writes)."""
    return all(dims.index(v) + dims.count(v) - 1 == len(dims) - 1 - dims[::-1].index(v) for v in set(dims))


def off_by_one(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Same rank, every dimension within one, at least one different: the classic N−f vs N−f+1 slip."""
    return len(a) == len(b) and a != b and all(abs(x - y) <= 1 for x, y in zip(a, b, strict=True))


def dims_text(values: tuple[float, ...]) -> str:
    return "×".join(f"{v:g}" if v != int(v) else f"{int(v):,}" for v in values)
