"""A network's parameters printed one tensor at a time: ``conv1.weight 500`` then ``conv1.bias 20``.

A program that loops over ``named_parameters()`` prints each layer's weights and biases on lines of their own.
A row alone is never the layer's count (500 is conv1's weights, not conv1), so it is never read as one; a TA adds
a layer's two rows up, and so does :func:`layer_totals`: each layer whose weights and biases are both printed gets
a line of its own with their sum ("conv1: 520"), which is then read as any labelled value is. A row's count is its
last number, or the product of its shape when it prints only the shape (``torch.Size([20, 1, 5, 5])``).
"""
from __future__ import annotations

import math
import re

# one tensor's row: its name, then (optionally) its shape, then (optionally) its count
_ROW = re.compile(r"[ \t]*['\"]?(?P<layer>[\w.]+)\.(?P<kind>weight|bias)['\"]?[ \t:,|]+(?P<rest>[^\n]*)$",
                  re.IGNORECASE)
_SHAPE = re.compile(r"[(\[]\s*(\d+(?:\s*,\s*\d+)*)\s*,?\s*[)\]]\)?")  # torch.Size([20, 1, 5, 5]) whole
_COUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s*[|]?\s*$")


def is_parameter_row(line: str) -> bool:
    """One tensor's count alone ("conv1.bias (20,) 20"), not a line that adds up a layer's ("… -> 520")."""
    return _ROW.match(line) is not None and re.search(r"->|→|=|\+", line) is None


def layer_totals(text: str) -> list[str]:
    """"LAYER: N" for each layer whose weight row and bias row are both printed in ``text``, N their sum;
    a layer printed twice with different counts gets no line (which of them is meant is not guessed)."""
    rows: dict[str, dict[str, set[int]]] = {}
    for line in text.splitlines():
        m = _ROW.match(line) if len(line) <= 300 and is_parameter_row(line) else None
        count = _count(m.group("rest")) if m else None
        if m is not None and count is not None:
            rows.setdefault(m.group("layer"), {}).setdefault(m.group("kind").lower(), set()).add(count)
    out = []
    for layer, kinds in rows.items():
        weights, biases = kinds.get("weight", set()), kinds.get("bias", set())
        if len(weights) == 1 and len(biases) == 1:
            out.append(f"{layer}: {next(iter(weights)) + next(iter(biases))}")
    return out


def _count(rest: str) -> int | None:
    """A row's count: its last number after the shape, else the product of its shape."""
    shape = _SHAPE.search(rest)
    after = rest[shape.end():] if shape else rest
    m = _COUNT.search(after.strip())
    if m is not None and re.fullmatch(r"[\s\d,|]*", after[:after.rfind(m.group(1))]) is not None:
        return int(m.group(1).replace(",", ""))
    if shape is not None and not after.strip(" \t|()"):
        return math.prod(int(d) for d in re.findall(r"\d+", shape.group(1)))
    return None
