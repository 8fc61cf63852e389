"""AsciiMath, as LMS answer boxes (Canvas, Moodle), HackMD and Obsidian's plugin take it, rewritten as LaTeX.

AsciiMath writes ``xx`` for ×, ``//`` for a slash fraction (``del f // del w_3`` is ∂f/∂w₃), ``-:`` for ÷,
``del``/``grad`` for ∂/∇, ``ubrace(a)_("text")`` for an underbrace, ``(: a, b :)`` for angle brackets, ``cc(L)``
and ``bb(w)`` for fonts, ``rarr``/``larr`` for arrows. A TA reads the LaTeX this stands for; so does this
rewrite. ``d/(du)``, ``sum_(i=1)^2``, ``e^(-u)`` and ``frac(a)(b)`` the tokenizer reads already. ``**`` stays
the power students mean by it (``(y - f(x))**2``). Applied only to text with AsciiMath's own marks.
"""
from __future__ import annotations

import re

from grader.expressions.dialect_text import closing, replace_words, rewrite_calls

_MARK = re.compile(r"(?<![A-Za-z\\])xx(?![A-Za-z])|(?<![:/])//(?!/)|(?<![\w\\])(?:ubrace|obrace|cc|bb|bbb|tt|sf"
                   r"|hat)\(|\(:|:\)|(?<![A-Za-z\\])(?:rarr|larr|harr|rArr|lArr|darr|uarr)(?![A-Za-z])|-:"
                   r"|\(\s*del\s+[^()\s]{1,12}\s*\)\s*/\s*\(\s*del\b"  # (del f_w)/(del w_2): ∂f/∂w₂
                   r"|\^\s*\(\s*\"")  # w^("neu"): a superscript in words
_WORDS = [(re.compile(r"(?<![A-Za-z\\])xx(?![A-Za-z])"), " \\times "),
          (re.compile(r"(?<![:/])//(?!/)"), " / "), (re.compile(r"-:"), " / "),
          (re.compile(r"(?<![A-Za-z\\])(?:rarr|rArr|->)(?![A-Za-z])"), " \\to "),
          (re.compile(r"(?<![A-Za-z\\])(?:larr|lArr)(?![A-Za-z])"), " \\leftarrow "),
          (re.compile(r"\(:"), "("), (re.compile(r":\)"), ")")]
_QUOTED = re.compile(r'(\^\s*\(\s*)?"([^"\n\\{}]{1,20})"(?(1)\s*\))')
_FONT = re.compile(r"(?<![\w\\])(?:cc|bb|bbb|tt|sf|fr)\(")
_HAT = re.compile(r"(?<![\w\\])hat\(")
_BRACE = re.compile(r"(?<![\w\\])([uo])brace\(")


def is_asciimath(text: str) -> bool:
    """Whether ``text`` is AsciiMath (it carries a mark that LaTeX and plain text do not)."""
    return _MARK.search(text) is not None


def asciimath_to_latex(text: str) -> str:
    """The LaTeX that AsciiMath ``text`` stands for; text without AsciiMath's marks comes back unchanged."""
    if not is_asciimath(text):
        return text
    text = replace_words(text, _WORDS)
    text = _QUOTED.sub(lambda m: (f"^{{\\text{{{m.group(2)}}}}}" if m.group(1) else f"\\text{{{m.group(2)}}}"),
                       text)  # "neu", w^("neu"): AsciiMath's text in quotes
    text = rewrite_calls(text, _FONT, lambda m, arg: f" {arg} ")
    text = rewrite_calls(text, _HAT, lambda m, arg: f" \\hat{{{arg}}} ")
    return labels_braced(rewrite_calls(text, _BRACE, _brace))


def _brace(m: re.Match[str], arg: str) -> str | None:
    """``ubrace(a)`` -> ``\\underbrace{a}``."""
    return f" \\{'under' if m.group(1) == 'u' else 'over'}brace{{{arg}}}"


def labels_braced(text: str) -> str:
    """``\\underbrace{a}_(…)`` -> ``\\underbrace{a}_{…}``: the label in the braces LaTeX gives it."""
    pos = 0
    while (k := text.find("brace{", pos)) >= 0:
        end = closing(text, k + len("brace"))
        rest = text[end + 1:].lstrip() if end > 0 else ""
        if rest.startswith(("_(", "^(")):
            start = len(text) - len(rest) + 1
            close = closing(text, start)
            if close > 0:
                text = f"{text[:start]}{{{text[start + 1:close]}}}{text[close + 1:]}"
        pos = k + 1
    return text
