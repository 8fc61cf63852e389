"""Read the math students write (LaTeX, Unicode or ASCII) into sympy, without ``eval``.

A tokenizer (``tokens``) and a recursive-descent parser (``latex_grammar``) for the
notation of hand-written derivations: ``\\frac``, ``\\cdot``, implicit products,
``\\left( \\right)``, ``\\exp``, ``e^{..}``, ``e⁻ᵘ``, sub- and superscripted names (``w_3``,
``w₃``, ``w3``, ``x^{(1)}``), function application (``\\sigma_1(x_1)``, ``σ′(u)``,
``sigmoid(u)``), ``\\underbrace``, ``\\sum`` over a data set or an index, matrix vectors, and
derivatives written by name (``\\frac{\\partial f}{\\partial w}``, ``df/dw1``, ``∇_w L``).
What the names mean comes from the homework's :class:`LatexVocabulary`, overlaid by the
hand-in's own definitions. Every tree is built unevaluated and under the limits of ``budget``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from grader.expressions.budget import BudgetExceeded, count_nodes
from grader.expressions.latex_grammar import NotEvaluable, Parser
from grader.expressions.latex_state import LatexVocabulary, Named, Overlay, Scope, Trace
from grader.expressions.parse import MAX_LENGTH, ExpressionSyntaxError
from grader.expressions.prose_tail import changes_formula
from grader.expressions.tokens import LAYOUT_ENVS, TEXT_WORD, from_exports, tokenize

__all__ = ["LatexVocabulary", "Named", "NotEvaluable", "Overlay", "Reading", "Scope", "parse_latex", "split_chain",
           "tokenize", "vocab_words"]


@dataclass
class Reading:
    """A parsed side: its value (an expression or a ``Vec``), assumptions made, and what it is made of."""

    value: Any
    notes: list[str] = field(default_factory=list)  # assumptions: a person should confirm
    info: list[str] = field(default_factory=list)  # the hand-in's notation that was applied
    named: list[Named] = field(default_factory=list)  # derivatives written by name
    explicit: int = 0  # names and functions that are worked out
    names: set[str] = field(default_factory=set)  # every name looked up


def vocab_words(vocab: LatexVocabulary, overlay: Overlay | None = None) -> set[str]:
    """Multi-letter names written without a backslash that this homework (and hand-in) knows."""
    names = set(vocab.words) | set(vocab.functions) | set(vocab.symbols)
    if overlay is not None:
        names |= set(overlay.symbols) | set(overlay.functions) | set(overlay.aliases)
    return {n for n in names if n.isalpha() and len(n) > 1}


def parse_latex(text: str, vocab: LatexVocabulary, *, vector: bool = False, overlay: Overlay | None = None,
                scope: Scope | None = None) -> Reading:
    """One side of an equation, read into sympy (a ``Vec`` for a vector).

    ``vector``: the answer is a vector, so names like ``w`` mean the whole vector.
    """
    if len(text) > MAX_LENGTH:
        raise ExpressionSyntaxError(f"answer is {len(text):,} characters long; the limit is {MAX_LENGTH:,}")
    words = vocab_words(vocab, overlay)
    tokens = _drop_prose(tokenize(text, words), words)
    if not tokens:
        raise ExpressionSyntaxError("empty")
    trace = Trace()
    parser = Parser(tokens, vocab, scope or Scope(), trace, overlay, vector=vector)
    try:
        value = parser.expression()
        if parser.pos != len(tokens):
            raise ExpressionSyntaxError(f"could not read past {' '.join(tokens[parser.pos:parser.pos + 4])!r}")
        count_nodes(value)
    except RecursionError:
        raise BudgetExceeded("expression is nested too deeply") from None
    except MemoryError:
        raise BudgetExceeded("the expression is too large") from None
    return Reading(value, trace.notes, trace.info, trace.named, trace.explicit, trace.names)


def _drop_prose(tokens: list[str], words: set[str]) -> list[str]:
    """Remove ``\\text{…}`` remarks ("by the chain rule"); a one-word ``\\text{sigmoid}`` that names
    something, or any ``\\text`` in a sub/superscript (w^{new}), is kept."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        in_script = bool(out) and out[-1] in ("^", "_", "{")
        if tok.startswith(TEXT_WORD):
            word = tok[len(TEXT_WORD):]
            followed = i + 1 < len(tokens) and tokens[i + 1] in ("(", "{", "_", "^", "'")
            if in_script or word in words or len(word) == 1 or followed:  # a name, not a remark
                out.append(word if word in words or len(word) == 1 or (followed and not in_script) else tok)
            i += 1
            continue
        if tok in ("\\text", "\\textrm", "\\textit", "\\textbf", "\\mbox", "\\textnormal") and not in_script:
            i += 1
            if i < len(tokens) and tokens[i] == "{":
                depth = 0
                while i < len(tokens):
                    depth += {"{": 1, "}": -1}.get(tokens[i], 0)
                    i += 1
                    if depth == 0:
                        break
            continue
        out.append(tok)
        i += 1
    return out


_ASSIGN = ("\\leftarrow", "\\gets", "\\coloneqq", "\\longleftarrow", "←", "⟵", "≔")


_END = re.compile(r"\\q?quad\b(?!(?:\s|\\q?quad\b)*(?:\\cdot|\\times|[-+*=]|\\leftarrow))|[,;]"
                  r"|\\text\s*\{\s*(?:for|where|and|with|if|by|since|s\.t\.)|\\forall\b")


_CONTINUES = re.compile(r"(?:\[[^\]]{0,8}\])?(?:\s|&|\\q?quad\b|\\[,;:!])*(?:=|\\cdot|\\times|[-+*]|\\leftarrow|$)")
_ENV = re.compile(r"\s*\{([a-zA-Z*]+)\}")
_NESTS = {"\\{": 1, "\\lbrace": 1, "\\}": -1, "\\rbrace": -1, "\\begin": 1, "\\end": -1}
_COMMAND = re.compile(r"\\(?:[a-zA-Z]+|.)", re.DOTALL)


def split_chain(text: str) -> list[str]:
    """Split ``a = b = c`` (also ``:=``, ``≔``, ``\\leftarrow``, ``←``) at the top level, outside braces.

    A side followed by an assignment (``w \\leftarrow …``, ``w := …``) keeps the mark as a trailing
    ``\\gets``, so that ``w`` on its own can be read as the update it names. Cached: a report's lines
    are split many times over; each caller gets its own list.
    """
    return list(_split_chain(text))


# "A \;\Bigl(= B\Bigr)" at the end of a chain: another form of A, said in brackets; read as one more side
_EQUAL_ASIDE = re.compile(r"(?:\\[;,:! ]|\\q?quad|\s)*(?:\\(?:[Bb]igg?l?|left)\s*)?\(\s*=(?P<body>[^\n]{1,600}?)"
                          r"(?:\\(?:[Bb]igg?r?|right)\s*)?\)\s*$")


def _balanced_round(text: str) -> bool:
    """Whether every round bracket in ``text`` closes one opened before it, and all close."""
    depth = 0
    for c in text:
        depth += (c == "(") - (c == ")")
        if depth < 0:
            return False
    return depth == 0


_PLAIN_COMMANDS = re.compile(r"\\(?:frac|dfrac|tfrac|sigma|cdot|exp|left|right|[Bb]igg?[lr]?|[,;:! ])(?![A-Za-z])")


_SUBSCRIPT_COMMA = re.compile(r"[₀-₉ᵢⱼₖₙ],[₀-₉ᵢⱼₖₙ]")  # "Σᵢ₌₁,₂": a list in a subscript, no end of the chain


@functools.lru_cache(maxsize=8192)
def _split_chain(text: str) -> tuple[str, ...]:
    text = from_exports(text)
    if "(=" in text.replace(" ", "") and (aside := _EQUAL_ASIDE.search(text)) is not None \
            and _balanced_round(aside.group("body")) \
            and not re.search(r"[A-Za-z]{2,}", _PLAIN_COMMANDS.sub("", aside.group("body"))):
        text = f"{text[:aside.start()]} = {aside.group('body')}"  # (not "(= \frac{1}{4\cosh^2(u/2)})", nor an
        # aside in words: a form no reading takes would send a right answer to a person)
    parts: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(text):
        c = text[i]
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth = max(0, depth - 1)  # a brace left over from a cut does not hide the rest
        elif depth == 0 and text.startswith("\\\\", i) and not _CONTINUES.match(text, i + 2):
            if parts:
                break  # an aligned row that does not continue this chain starts another equation
        elif depth == 0 and len(parts) > 0 and _END.match(text, i) and not _SUBSCRIPT_COMMA.match(text, i - 1) \
                and not (text[i] == "," and changes_formula(text[i + 1:].split("=")[0])):
            break  # "…, \\quad j = 1, 2, 3" or "\\qquad y = …": the chain ends, a remark or another one begins
        elif depth == 0:
            mark = "=" if c == "=" else next((a for a in _ASSIGN if text.startswith(a, i)), None)
            if mark and not (mark[0] == "\\" and text[i + len(mark):i + len(mark) + 1].isalpha()):
                colon = mark == "=" and i > 0 and text[i - 1] == ":"
                left = text[start:i - 1 if colon else i]
                parts.append(left + (" \\gets" if (colon or mark != "=") and left.strip() else ""))
                i += len(mark)
                start = i
                continue
        if c == "\\":  # a command: \{ and \, are not brackets or commas
            m = _COMMAND.match(text, i)
            command = m.group() if m else "\\"
            env = _ENV.match(text, i + len(command)) if command in ("\\begin", "\\end") else None
            if env and env.group(1).rstrip("*") in LAYOUT_ENVS:
                i = env.end()  # \begin{aligned}: layout, not nesting
                continue
            depth = max(0, depth + _NESTS.get(command, 0))
            i += len(command)
            continue
        i += 1
    parts.append(text[start:i])
    if i < len(text) and parts and (short := SHORT_RANGE.fullmatch(text, i)) is not None:
        parts[-1] = f"{parts[-1]} \\qquad {short.group(1)}"  # "…, \qquad j = 1, 2": a range that leaves a
        # component out stays with the side it limits (the check reads it; a full range is a remark)
    return tuple(p.strip() for p in parts)


SHORT_RANGE = re.compile(r"[\s,;]*(?:\\q?quad\s*|\\[,;:! ]\s*)*\(?\s*"
                          r"([a-z]\s*(?:=|\\in)\s*\\?\{?\s*\d\s*,\s*\d\s*"
                          r"\\?\}?)\s*\)?[\s,.;]*")
