"""LibreOffice Math (StarMath) and Hancom (HWP) equation scripts, as exported to text, rewritten as LaTeX.

A student who writes in LibreOffice pastes ``{partial f} over {partial w_3} = %sigma_2(x_2)``:
``%name`` is a Greek letter, ``a over b`` a fraction, ``func e`` the function e, ``sum from {i=1}
to 2 {…}`` a sum, ``stack{a # b # c}`` a column and ``left( … right)`` sized brackets. A TA reads it
as the LaTeX it stands for; so does this rewrite. It is applied only to text that carries one of
StarMath's own marks, and it is text to text: nothing is evaluated. Hancom's equation editor writes
the same language with upper-case words (``CDOT``, ``TIMES``, ``LEFT ( … RIGHT )``, ``LARROW``).
"""
from __future__ import annotations

import re

# %sigma, } over {, stack{, func e: marks that only StarMath text carries
_MARK = re.compile(r"(?<![\w\\])%[A-Za-z]{2,}|\}\s*over\b|(?<![\w\\])over\s*[{%]|\bstack\s*\{"
                   r"|\b(?:sum|prod)\s+from\s*\{|(?<!\\)\bfunc\s+[a-z]|\b(?:CDOT|TIMES|LARROW|RARROW)\b"
                   r"|(?<!\\)\bmatrix\s*\{[^{}#]{0,200}##")
_PERCENT = re.compile(r"(?<![\w\\])%([A-Za-z]+)")
_KEYWORDS = {"cdot": "\\cdot ", "times": "\\times ", "nabla": "\\nabla ", "partial": "\\partial ",
             "lbrace": "\\{ ", "rbrace": "\\} ", "left": "\\left ", "right": "\\right ", "sum": "\\sum ",
             "prod": "\\prod ", "in": "\\in ", "sqrt": "\\sqrt ", "from": "_", "to": "^", "sup": "^", "sub": "_",
             "func": " ", "newline": " ", "ital": " ", "nitalic": " ", "bold": " ", "toward": "\\to ",
             "stack": "\\stack ", "matrix": "\\smatrix ", "larrow": "\\leftarrow ", "leftarrow": "\\leftarrow ",
             "rarrow": "\\to ", "rightarrow": "\\to ", "drarrow": "\\Rightarrow ", "dlrarrow": "\\Leftrightarrow "}
_KEYWORDS.update({k.upper(): v for k, v in _KEYWORDS.items() if len(k) > 2 or k == "in"})  # Hancom
_KEYWORD = re.compile(r"(?<![\w\\%])(" + "|".join(_KEYWORDS) + r")(?![A-Za-z])")
# StarMath's words, math where they stand in a StarMath line (``sum from {i=1} to 2``, ``1 over {…}``)
WORDS = frozenset(_KEYWORDS) | {"over"}
_OVER = re.compile(r"(?<![\w\\])over\b")
# the operand before an unbraced ``over``: a name or number with its scripts (``1``, ``x_2``, ``\alpha``)
_ATOM_BEFORE = re.compile(r"(\\?[A-Za-z0-9.]+(?:\s*[_^]\s*(?:\{[^{}]*\}|\w+))*)\s*$")
_ATOM_AFTER = re.compile(r"\s*(\\?[A-Za-z0-9.]+(?:\s*[_^]\s*(?:\{[^{}]*\}|\w+))*)")


def is_starmath(text: str) -> bool:
    """Whether ``text`` is written in StarMath (it carries a mark no other notation uses)."""
    return _MARK.search(text) is not None


def starmath_to_latex(text: str) -> str:
    """The LaTeX that StarMath ``text`` stands for; text without StarMath's marks comes back unchanged."""
    return rewritten(text) if is_starmath(text) else text


def rewritten(text: str) -> str:
    """StarMath ``text`` as LaTeX, whether or not it carries a mark of its own (eqn's formulas, set in its words)."""
    text = _PERCENT.sub(lambda m: "\\" + m.group(1) + " ", text)
    text = _KEYWORD.sub(lambda m: _KEYWORDS[m.group(1)], text)
    text = _stacks(text)
    for _ in range(64):  # each pass rewrites one ``over``; a formula has few
        m = _OVER.search(text)
        if m is None or not _fraction(text, m):
            break
        text = _fraction(text, m)
    return text


def _fraction(text: str, m: re.Match[str]) -> str:
    """``text`` with the ``over`` at ``m`` and its two operands written as ``\\frac{…}{…}`` ('' if none)."""
    before, after = text[:m.start()].rstrip(), text[m.end():]
    scripted = _ATOM_BEFORE.search(before) if before.endswith("}") else None
    if scripted is not None and re.search(r"[_^]\s*\{[^{}]*\}$", scripted.group(1)):
        left, before = scripted.group(1), before[:scripted.start()]  # "e sup {-u} over {…}": the script binds first
    elif before.endswith("}"):
        start = _opening(before)
        if start < 0:
            return ""
        left, before = before[start + 1:-1], before[:start]
    else:
        atom = _ATOM_BEFORE.search(before)
        if atom is None:
            return ""
        left, before = atom.group(1), before[:atom.start()]
    stripped = after.lstrip()
    if stripped.startswith("{"):
        end = _closing(stripped)
        if end < 0:
            return ""
        right, after = stripped[1:end], stripped[end + 1:]
    else:
        atom = _ATOM_AFTER.match(after)
        if atom is None:
            return ""
        right, after = atom.group(1), after[atom.end():]
    return f"{before} \\frac{{{left}}}{{{right}}}{after}"


def _opening(text: str) -> int:
    """The index of the ``{`` that matches the ``}`` ending ``text``, or -1."""
    depth = 0
    for k in range(len(text) - 1, -1, -1):
        depth += {"}": 1, "{": -1}.get(text[k], 0)
        if depth == 0:
            return k
    return -1


def _closing(text: str) -> int:
    """The index of the ``}`` that matches the ``{`` starting ``text``, or -1."""
    depth = 0
    for k, c in enumerate(text):
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth == 0:
            return k
    return -1


def _stacks(text: str) -> str:
    """``\\stack{a # b # c}`` -> a ``pmatrix`` column with those entries; ``matrix{a ## b ## c}`` (rows apart by
    ``##``, cells by ``#``) -> a ``pmatrix`` of those rows."""
    while (found := re.search(r"\\s(?:tack|matrix)\b", text)) is not None:
        k, word = found.start(), found.group()
        rest = text[k + len(word):].lstrip()
        end = _closing(rest) if rest.startswith("{") else -1
        if end < 0:
            return text[:k] + text[k + len(word):]
        body = rest[1:end].replace("#", " \\\\ ") if word == "\\stack" \
            else rest[1:end].replace("##", " \\\\ ").replace("#", " & ")
        text = f"{text[:k]}\\begin{{pmatrix}} {body} \\end{{pmatrix}}{rest[end + 1:]}"
    return text
