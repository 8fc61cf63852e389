"""Plausible readings of a formula that a converter may have damaged.

PDF-to-text and Word exports lose superscripts and brackets: ``e^{-u}`` arrives as ``e−u``,
``(1+e^{-u})^2`` as ``(1 + e−u)2``, and ``\\frac{a}{b}^2`` leaves open whether the square is the
denominator's. When the literal reading of an answer is wrong but such a reading is right, a
careful TA would not mark it wrong without looking: the item goes to a person with both readings.

One case is no guess: a hand-in whose whole text can write no power (no ``^``, ``**``, superscript
sign or TeX anywhere) and that shows the flattened ``e−u`` with a typeset minus is a text layer
that lost every superscript. There a TA reads ``e−u`` as e^{-u} and ``(…)2`` as a square throughout, steps and
answer alike (``restored_powers``); bracket moves stay a person's call. Each rewrite is one linear
pass over the text.
"""
from __future__ import annotations

import re

_LOST_SUPERSCRIPT = re.compile(r"(?<![\^\w\\{])e\s*[-−]\s*([a-zA-Z])\b")
_LOST_POWER = re.compile(r"(\)|\\right\))(\s*\d|[-−]\d)(?![\d.\w(])")


_CAN_WRITE_POWERS = re.compile(r"[\^$\\²³¹⁰⁴-⁹⁻⁺ⁿᵘˣ]|(?<=[\w)])\*\*(?=[\w(\-])")  # x**2, not **bold**


def lost_powers(text: str) -> bool:
    """Whether a hand-in's text is a layer that lost its superscripts: it writes no power anywhere and shows
    ``e−u`` (e to the minus u, flattened onto the line) with a typeset minus sign; "e-u" typed with a hyphen may
    be what the student wrote, and stays a person's call."""
    return _CAN_WRITE_POWERS.search(text) is None and _SET_MINUS_POWER.search(text) is not None


_SET_MINUS_POWER = re.compile(r"(?<![\w\\{])e[ \t]?−[ \t]?[a-zA-Z]\b")  # a typeset minus ("−", not "-" typed by hand)


def restored_powers(text: str) -> str:
    """``e−u`` as ``e^{-u}`` and ``(1 + e−u)2`` as ``(1 + e^{-u})^{2}``: the powers a flattened text layer lost."""
    return _powers(_superscripts(text))


def lenient_readings(text: str) -> list[str]:
    """Other plausible readings of ``text`` (each different from it), most specific first."""
    out: list[str] = []
    for rewrite in (_superscripts, _powers, _power_of_fraction, _denominator_to_end):
        candidate = rewrite(text)
        if candidate != text and candidate not in out:
            out.append(candidate)
    combined = text
    for rewrite in (_superscripts, _powers, _power_of_fraction):
        combined = rewrite(combined)
    if combined != text and combined not in out:
        out.append(combined)
    for candidate in (_denominator_to_end(combined), _power_of_denominator(_denominator_to_end(combined))):
        if candidate != text and candidate not in out:
            out.append(candidate)
    return out


def _superscripts(text: str) -> str:
    """``e−u`` -> ``e^{-u}``."""
    return _LOST_SUPERSCRIPT.sub(lambda m: f"e^{{-{m.group(1)}}}", text)


def _powers(text: str) -> str:
    """``(1 + e^{-u})2`` -> ``(1 + e^{-u})^{2}``; ``(1 + e^{-u})−1`` (no space) -> ``(1 + e^{-u})^{-1}``."""
    return _LOST_POWER.sub(lambda m: f"{m.group(1)}^{{{m.group(2).strip().replace('−', '-')}}}", text)


def _power_of_fraction(text: str) -> str:
    """``\\frac{a}{b}^{2}`` -> ``\\frac{a}{(b)^{2}}``: the square read as the denominator's."""
    out: list[str] = []
    i = 0
    while True:
        j = text.find("\\frac", i)
        if j < 0:
            return "".join(out) + text[i:]
        first = group_end(text, j + 5)
        second = group_end(text, first) if first > 0 else -1
        power = re.match(r"\s*\^\s*(\{[^{}]*\}|\d)", text[second:]) if second > 0 else None
        if power is None:
            out.append(text[i:j + 5])
            i = j + 5
            continue
        den_start = text.index("{", first)
        out.append(f"{text[i:first]}{{({text[den_start + 1:second - 1]})^{power.group(1)}}}")
        i = second + power.end()


def group_end(text: str, start: int) -> int:
    """The index just after the ``{…}`` group that starts at ``start`` (spaces allowed), or -1."""
    k = start
    while k < len(text) and text[k] == " ":
        k += 1
    if k >= len(text) or text[k] != "{":
        return -1
    depth = 0
    for n in range(k, len(text)):
        depth += {"{": 1, "}": -1}.get(text[n], 0)
        if depth == 0:
            return n + 1
    return -1


def _denominator_to_end(text: str) -> str:
    """``a / 1 + b`` -> ``a / (1 + b)``: everything after a lone top-level ``/`` read as the denominator."""
    depth, cut = 0, -1
    for n, c in enumerate(text):
        depth += {"(": 1, "{": 1, "[": 1, ")": -1, "}": -1, "]": -1}.get(c, 0)
        if c == "/" and depth == 0:
            if cut >= 0:
                return text  # two top-level divisions: no single plausible reading
            cut = n
    if cut < 0 or not re.search(r"[+\-−]", text[cut + 1:]):
        return text
    return f"{text[:cut + 1]}({text[cut + 1:].strip()})"


_TRAILING_POWER = re.compile(r"\^\s*(\{\d\}|\d)\s*\)$")


def _power_of_denominator(text: str) -> str:
    """``a /(b + c^2)`` -> ``a /(b + c)^{2}``: a power at the very end read as the whole denominator's."""
    m = _TRAILING_POWER.search(text)
    if m is None or not text.rstrip().endswith(")") or "/(" not in text.replace(" ", ""):
        return text
    return f"{text[:m.start()]})^{{{m.group(1).strip('{}')}}}"
