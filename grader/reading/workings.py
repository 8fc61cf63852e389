"""A part's arithmetic working checked against the result written after it.

"fc1: (8·8·50 + 1)·500 = 400,500" states a count whose working gives another number: a TA who reads both cannot
tell which one the student meant. The working is read by a small grammar of numbers, brackets and the four
operations (never evaluated as code); a line whose working cannot be read says nothing.
"""
from __future__ import annotations

import re
from fractions import Fraction

# a working: numbers joined by operators and brackets, then "=" and a result (thousands set apart or not)
_WORKING = re.compile(r"(?<![\w.,^])(\(?\s*\d[\d\s.,()+\-−*·×x/^]{2,80}?)\s*=\s*(\d{1,3}(?:[,\s\u202f]\d{3})+|\d+)"
                      r"(?![\d.,]\d)")
# LaTeX's marks in a working, as the text they print ("(8\\cdot 8 + 1)\\cdot 500 = 400{,}500")
_LATEX_MARKS = re.compile(r"\\(?:cdot|times|left|right|big|Big)(?![a-zA-Z])|\{,\}|\\[,;! ]|\$|\\?[{}]|\*\*|[⋅∙•✕⨯²³]")
_AS_TEXT = {"**": "", "²": "^2", "³": "^3", "⋅": "·", "∙": "·", "•": "·", "✕": "×", "⨯": "×",
            "\\cdot": "·", "\\times": "×", "{,}": ",", "\\left": "", "\\right": "", "\\big": "",
            "\\Big": "",
            "\\,": "", "\\;": "", "\\!": "", "\\ ": " ", "{": "", "}": "", "\\{": "", "\\}": ""}
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([-+−*·×x/()^]))")
MAX_TOKENS = 60


def wrong_workings(text: str, results: set[str]) -> list[tuple[str, str]]:
    """Each working in ``text`` whose result is one of ``results`` (digits only) but whose arithmetic gives another
    number: that result, and the working said as "A gives B, not C"."""
    out: list[tuple[str, str]] = []
    text = _LATEX_MARKS.sub(lambda m: _AS_TEXT.get(m.group(), " "), text[:20_000])
    for m in _WORKING.finditer(text):
        result = re.sub(r"\D", "", m.group(2))
        start = m.start(1) + len(m.group(1)) - len(m.group(1).lstrip())
        before = text[max(0, start - 12):start].rstrip()
        chained = re.search(r"(?:(?<![\w.])[\d.,]+|\))\s*=$", before) is not None  # "… = 26·20 = 520": a chain's step
        if re.search(r"[A-Za-z][ \t]?$", text[max(0, start - 2):start]) \
                or before[-1:] not in ("", ":", "=", ",", ";", "(", "[", "|") and not before[-1:].isalnum():
            continue  # "Conv 1 - (5x5x1 + 1) x 20 = 520": a layer's number, then its working
        if result not in results or chained or before[-1:] in ("+", "-", "−", "*", "·", "×", "/", "(", "^") \
                or re.search(r"(?:^|[\s\d)])[x×*][ \t]*$", text[max(0, start - 3):start]):
            continue  # (the working's end, "… × 500 + 500 = 400,500", is no working of its own)
        working = m.group(1).strip()
        if not re.search(r"[+\-−*·×x/]", working) or re.search(r"\d\s+\d", working):
            continue  # a lone number, or "25 050" split: no working
        value = _evaluate(working)
        if value is not None and value.denominator == 1 and value != int(result):
            out.append((result, f"{working} gives {value.numerator:,}, not {m.group(2)}"))
    return out


def _evaluate(working: str) -> Fraction | None:
    """The value of a working of numbers, brackets and + − × /; None when it is not one."""
    tokens: list[str] = []
    pos = 0
    while pos < len(working):
        m = _TOKEN.match(working, pos)
        if m is None or m.end() == pos:
            return None
        tokens.append(m.group(1) or m.group(2))
        pos = m.end()
    if not tokens or len(tokens) > MAX_TOKENS or any("," in t for t in tokens):
        return None
    try:
        value, rest = _sum(tokens)
    except (IndexError, ZeroDivisionError, ValueError):
        return None
    return value if not rest else None


def _sum(tokens: list[str]) -> tuple[Fraction, list[str]]:
    value, tokens = _product(tokens)
    while tokens and tokens[0] in "+-−":
        sign, (term, tokens) = tokens[0], _product(tokens[1:])
        value = value + term if sign == "+" else value - term
    return value, tokens


def _product(tokens: list[str]) -> tuple[Fraction, list[str]]:
    value, tokens = _power(tokens)
    while tokens and tokens[0] in "*·×x/":
        op, (factor, tokens) = tokens[0], _power(tokens[1:])
        value = value / factor if op == "/" else value * factor
    return value, tokens


MAX_EXPONENT = 6  # "8^2", "5³": a working's small powers (a larger one is no count of this kind)


def _power(tokens: list[str]) -> tuple[Fraction, list[str]]:
    value, tokens = _factor(tokens)
    if tokens and tokens[0] == "^":
        exponent, tokens = _factor(tokens[1:])
        if exponent.denominator != 1 or not 0 <= exponent <= MAX_EXPONENT:
            raise ValueError("a power this working cannot be")
        value **= int(exponent)
    return value, tokens


def _factor(tokens: list[str]) -> tuple[Fraction, list[str]]:
    head = tokens[0]
    if head == "(":
        value, rest = _sum(tokens[1:])
        if not rest or rest[0] != ")":
            raise ValueError("an unclosed bracket")
        return value, rest[1:]
    if head in "-−":
        value, rest = _factor(tokens[1:])
        return -value, rest
    return Fraction(head), tokens[1:]
