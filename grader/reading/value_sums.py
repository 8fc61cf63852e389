"""A sum of a part's values is their total: "520 + 0 + 25,050 + … = 431,080", "conv1 520, …, fc2 5010 => 431080".

A TA reads a result that adds up the values before it as the total, whatever label it
lacks. The result is taken for the field a sum sign (Σ) labels, when it is the sum of the
student's own terms (at least three) or within 1 % of it (a slip in the adding up, still the
total the student claims); one further off is left unread, and so goes to a person as a total
not found. Nothing is compared with the reference here.
"""
from __future__ import annotations

import operator
import re
from collections.abc import Callable

from grader.values import ValueSyntaxError, parse_numbers

_LEADS = re.compile(r"(?:=>|⇒|⟹|→|->|=)\s*$")
_PLUS = re.compile(r"\s*\+\s*")


def _sum_and_result(terms: list[str], result: str) -> tuple[float, float] | None:
    """The sum of three or more single numbers (two of them not zero) and ``result`` as a number, else None."""
    if len(terms) < 3:
        return None
    try:
        numbers = [parse_numbers(t, integers=True) for t in [*terms, result]]
    except ValueSyntaxError:
        return None
    if any(len(n) != 1 for n in numbers) or sum(n[0] != 0 for n in numbers[:-1]) < 2:
        return None  # "relu1 = 0, …, pool2 = 0": zeros listed are not a sum
    return sum(n[0] for n in numbers[:-1]), numbers[-1][0]


def adds_up(terms: list[str], result: str) -> bool:
    """Three or more single numbers whose sum is ``result`` (a single number)."""
    found = _sum_and_result(terms, result)
    return found is not None and found[0] == found[1]


def written_sum(line: str, number: str) -> tuple[str, int] | None:
    """"520 + 0 + 0 + 25 050 + … = 431 080" ending a line, or followed by words ("= 430,580 trainable parameters"):
    the result and where it starts. A result a little off its terms' sum is a total added up wrongly (a second
    total beside a table's is then two answers, for a person); one far off is something else."""
    m = re.search(rf"((?:{number})(?:\s*\+\s*(?:{number})){{2,}})\s*=\s*({number})(?=\s*[.;]?\s*$|\s+[^\W\d_])",
                  line)
    terms = _PLUS.split(m.group(1)) if m is not None else []
    if m is None or not (adds_up(terms, m.group(2)) or _near_sum(terms, m.group(2))):
        return None
    return m.group(2), m.start(2)


_STEP = re.compile(r"(\d[\d,]*)\s*\+\s*(\d[\d,]*)\s*=\s*(\d[\d,]*)(?![\d,]|\s*[-+*/×·])")


def running_sum(line: str) -> str | None:
    """"520+25050 = 25570; 25570 + 400500 = 426070; 426070+5010 = 431080": a sum added up in steps, each starting
    from the result before it; the last result, when every step adds up. None when the line is not one."""
    steps = _STEP.findall(line)
    if len(steps) < 2:
        return None
    try:
        numbers = [[parse_numbers(n, integers=True)[0] for n in step] for step in steps]
    except (ValueSyntaxError, IndexError):
        return None
    if any(a + b != c for a, b, c in numbers) or any(numbers[k][0] != numbers[k - 1][2] for k in range(1, len(steps))):
        return None
    return steps[-1][2]


def _near_sum(terms: list[str], result: str) -> bool:
    """Three or more numbers (two not zero) whose sum is within 1 % of ``result``: the same total, a slip made."""
    found = _sum_and_result(terms, result)
    return found is not None and found[0] > 0 and abs(found[0] - found[1]) <= found[0] / 100


def leads_to_sum(masked: str, previous_end: int, start: int) -> bool:
    """A value after an arrow or an equals sign (a result), with no label between it and the value before."""
    return bool(_LEADS.search(masked[:start])) and "\u00a7" not in masked[previous_end:start]


_SAME_AS = {"×": "*", "·": "*", "**": "^"}
_OPERATIONS = {"*": operator.mul, "/": operator.truediv, "+": operator.add, "-": operator.sub}
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|(\*\*|[-+*/()×·^]))")


def arithmetic(text: str) -> int | None:
    """The whole number a short arithmetic expression of numbers works out to (``(5*5*1 + 1)*20`` -> 520), read
    by a small parser of + − × / and brackets, never evaluated as code; None when it is anything else."""
    from fractions import Fraction

    if len(text) > 80:
        return None
    tokens, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            return None
        tokens.append(Fraction(m.group(1)) if m.group(1) else _SAME_AS.get(m.group(2), m.group(2)))
        pos = m.end()
    at = 0

    def atom() -> Fraction:
        nonlocal at
        if at < len(tokens) and tokens[at] == "(":
            at += 1
            value = expression()
            if at >= len(tokens) or tokens[at] != ")":
                raise ValueError
            at += 1
            return value
        if at < len(tokens) and tokens[at] == "-":
            at += 1
            return -atom()
        if at < len(tokens) and isinstance(tokens[at], Fraction):
            at += 1
            return tokens[at - 1]  # type: ignore[return-value]
        raise ValueError

    def chain(operand: Callable[[], Fraction], ops: tuple[str, str]) -> Fraction:
        """``operand (op operand)*`` for one precedence level, left to right."""
        nonlocal at
        value = operand()
        while at < len(tokens) and tokens[at] in ops:
            op, at = str(tokens[at]), at + 1
            value = _OPERATIONS[op](value, operand())
        return value

    def power() -> Fraction:
        nonlocal at
        base = atom()
        if at < len(tokens) and tokens[at] == "^":
            at += 1
            exponent = power()
            if exponent.denominator != 1 or not 0 <= exponent <= 12:
                raise ValueError  # "5**2": a square; nothing that needs a big power
            return base ** int(exponent)
        return base

    def term() -> Fraction:
        return chain(power, ("*", "/"))

    def expression() -> Fraction:
        return chain(term, ("+", "-"))

    try:
        value = expression()
    except (ValueError, ZeroDivisionError):
        return None
    return int(value) if at == len(tokens) and value.denominator == 1 and abs(value) < 10**12 else None
