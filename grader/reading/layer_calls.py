"""A convolution written as the program's call: ``nn.Conv2d(20, 50, 5)``, ``nn.Conv2d(in_channels=20, …)``.

A student who answers "what are conv2's filter size, stride and channels" with the line of code that builds it has
answered it: the call's arguments are the layer's sizes. Its positional arguments are named as the library names
them (in, out, kernel size, stride, padding), so the call reads as a line of labelled values
("in_channels = 20, out_channels = 50, kernel_size = 5"); nothing is run.
"""
from __future__ import annotations

import re

_CALL = re.compile(r"\b(?:nn\.|torch\.nn\.)?Conv[123]d\(\s*([^()\n]{1,200}?(?:\([^()\n]{0,30}\)[^()\n]{0,60}?)*)\)")
_POSITIONS = ("in_channels", "out_channels", "kernel_size", "stride", "padding")
_KEYWORD = re.compile(r"\s*([A-Za-z_]\w{0,20})\s*=\s*(.+?)\s*")


def named_arguments(call: re.Match[str]) -> str | None:
    """The call's arguments as "name = value" pairs, each positional one named by its place; None when an argument
    is neither a number, a pair of numbers nor a keyword."""
    out = []
    for k, arg in enumerate(_split(call.group(1))):
        m = _KEYWORD.fullmatch(arg)
        name, value = (m.group(1), m.group(2)) if m else (_POSITIONS[k] if k < len(_POSITIONS) else "", arg.strip())
        if not name or not re.fullmatch(r"\d{1,5}|\(\s*\d{1,5}\s*,\s*\d{1,5}\s*\)|['\"]\w+['\"]|True|False", value):
            return None
        pair = re.fullmatch(r"\(\s*(\d+)\s*,\s*(\d+)\s*\)", value)
        if pair:
            value = f"{pair.group(1)}×{pair.group(2)}"
        elif name == "kernel_size" and value.isdigit():  # one number: a square kernel, as the library reads it
            value = f"{value}×{value}"
        out.append(f"{name} = {value}")
    return ", ".join(out) or None


def _split(args: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, c in enumerate(args):
        depth += (c == "(") - (c == ")")
        if c == "," and depth == 0:
            parts.append(args[start:i])
            start = i + 1
    return [p for p in [*parts, args[start:]] if p.strip()]


def calls_read(text: str) -> str:
    """``text`` with each convolution call it writes in a line of prose read as its named arguments."""
    if "Conv" not in text:
        return text
    return _CALL.sub(lambda m: named_arguments(m) or m.group(), text)


def only_call(lines: list[str]) -> str | None:
    """The named arguments of the one convolution the (code) ``lines`` build; None for none or several."""
    calls = {named for line in lines for m in _CALL.finditer(line) if (named := named_arguments(m))}
    return next(iter(calls)) if len(calls) == 1 else None
