"""Vectors a hand-in writes out entry by entry under a name (``∇_w f_w(x) = (…, …, …)^T``).

An answer may be built on such a name (``∇L = Σ 2(f − y)∇f(xⁱ)``); a TA who reads the hand-in's own
``∇f`` written out below it with a wrong entry does not give the answer full marks. This module finds
every vector a hand-in states for a name, in any of the forms students use (a matrix environment, a
bracketed tuple, a row with a transpose mark, a column of names set equal to a column of values), and
gives its entries read at x (an entry at the data point, ``x^{(i)}``, is read at x as the item asks).
Never evaluated: the entries are LaTeX text for a check to read.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from grader.reading.document import Document

_MATRIX = re.compile(r"\\begin\{([pbvBV]?matrix|array)\}(?:\{[lcr|]*\})?((?:(?!\\begin|\\end).)*)\\end\{\1\}",
                     re.DOTALL)
_SIZING = re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)[lr]?(?![A-Za-z])|(?<!\\)\\[,;!: ]")
# what may follow a vector: a transpose mark, a space it lies in, punctuation
_TAIL = re.compile(r"\s*(?:\^\s*\{?\s*(?:T|\\top|\\intercal|\\mathsf\s*\{?\s*T\s*\}?|\\mathrm\s*\{?\s*T\s*\}?)\s*\}?"
                   r"|ᵀ)?"
                   r"\s*(?:\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*\^\s*\{?\s*\d\s*\}?)?\s*[.,;]?\s*$")
_FRAMED_MATRIX = re.compile(r"[(\[]\s*(\\begin\{([pbvBV]?matrix|array)\}.*\\end\{\2\})\s*[)\]](.*)", re.DOTALL)
_OPEN = {"(": ")", "[": "]", "\\langle": "\\rangle", "\\{": "\\}"}
# a point's mark on a name: x^{(i)}, x_2^{(i)}, f^{(n)}, x^i (a generic index letter, never a power)
_POINT = re.compile(r"\^\s*\{\s*\(\s*[ijkn]\s*\)\s*\}|\^\s*\(\s*[ijkn]\s*\)|\^\s*\{\s*[ijkn]\s*\}"
                    r"|\^\s*[ijkn](?![A-Za-z])|⁽?[ⁱʲᵏⁿ]⁾?"
                    r"|(?<=[xy])\s*\^\s*(?:\{\s*\(?\s*[12]\s*\)?\s*\}|\(\s*[12]\s*\)|[12](?!\d))")  # (x^1: one point)
# a point named by a subscript on the argument: f(u_n), f(x_i)
_SUBSCRIPT_POINT = re.compile(r"\(\s*[a-z]\s*_\s*\{?\s*[ijkn]\s*\}?\s*\)")
# an entry that names its quantity (∂f/∂w₁, f_{w_1}) or points to where it is worked out ("(e) for w_1", "(5)",
# "\\eqref{…}", "1e(w1)"): it states nothing
_NAMED_ENTRY = re.compile(r"\\partial|\\nabla|∂|∇|\\frac\s*\{\s*d|\bd[A-Za-z]+/d|\bf_\{?\s*w_?\{?\s*\d"
                          r"|\\(?:text|eqref|ref|mathrm)\b|^\s*\(\s*\d*[a-h]?\s*(?:,[^()]*)?\)\s*$|^\s*\(\s*\d+\s*\)\s*$"
                          # "[1e(w1), 1e(w2), 1d]": the hand-in's own answers by their labels
                          r"|^\s*(?:Q|P)?\s*[1-9]\s*\.?\s*\(?[a-h]\)?\s*(?:\(\s*w_?\{?\s*[1-3]\s*\}?\s*\)"
                          r"|[._ ]\s*w_?\{?[1-3]\}?)?\s*$")


@dataclass(frozen=True)
class StatedVector:
    """A vector the hand-in writes out for a name: the equation as written and its entries, read at x (an entry
    that only names its quantity is empty: it states nothing)."""

    text: str
    entries: tuple[str, ...]


def stated_vectors(doc: Document, tag: str, classify: Callable[[str], str | None]) -> list[StatedVector]:
    """Every vector the hand-in states for the name the homework tags ``tag`` (``df/dw``: ∇f), anywhere."""
    out: list[StatedVector] = []
    equations = [without_index_range(one) for m in doc.math for one in equations_in(doc.read(m))
                 if "=" in one and len(one) <= 2000]
    own = _own_names(equations, tag, classify)  # "Let g_i = ∇_w f_w(x^i)": the hand-in's name for it
    for text in equations:
        sides = _sides(text)
        named = next((k for k, side in enumerate(sides[:-1]) if _names(side, tag, classify)
                      or re.sub(r"\s+", "", side) in own), None)  # "g_i = ∇f(xⁱ) = (…)": any side before the last
        if named is None:
            continue
        if _SUBSCRIPT_POINT.search(sides[named]):
            continue  # "∇_W f(u_n) = …": entries at a point named by a subscript, read in the hand-in's own names
        order = _name_order(sides[named], tag, classify)
        for side in sides[named + 1:]:
            entries = vector_entries(side)
            if entries is None or len(entries) > 6:
                continue
            if order is not None and len(order) == len(entries) and order != sorted(order):
                by_k = dict(zip(order, entries, strict=True))  # named in another order: set in the vector's own
                entries = [by_k.get(k, "") for k in range(1, max(order) + 1)]
            if all(_NAMED_ENTRY.search(e) for e in entries):
                continue  # (∂f/∂w₁, ∂f/∂w₂, ∂f/∂w₃): the name spelled out, nothing stated yet
            out.append(StatedVector(text, tuple("" if _NAMED_ENTRY.search(e) else _POINT.sub("", e).strip()
                                                for e in entries)))  # a named entry states nothing
    if (by_entry := _entries_at_a_point(equations, tag, classify)) is not None:
        out.append(by_entry)
    return out


# what a vector's equation may say after it about where it holds: ", i = 1, 2", "\\text{for each data point}",
# "(i = 1, …, n)": cut before the equation is read, so that the vector is the last side
_INDEX_RANGE = re.compile(r"(?:\s|\\[,;:!]|\\q?quad\b)*(?:[,;.](?:\s|\\[,;:!]|\\q?quad\b)*)?"
                          r"(?:\\(?:text|mathrm|textrm|mbox)\s*\{[^{}]{0,80}\}\s*[.,;]?"
                          r"|_\s*\{\s*[ijkn]\s*=\s*[^{}]{1,30}\}\s*[.,;]?"  # "\end{bmatrix}_{i=1,2}"
                          r"|\(?\s*(?:\\(?:text|mathrm)\s*\{\s*(?:for|all|each)[^{}]{0,20}\}\s*|\\forall\s*)?"
                          r"[ijkn]\s*=\s*[0-9]\s*(?:,\s*(?:[0-9]|\\[lc]?dots|…|\.\.\.|[nNm]))*\s*\)?\s*[.,;]?)"
                          r"(?:\s|\\[,;:!])*$")
INDEX_RANGE_REACH = 160  # how far from an equation's end its "where it holds" may begin (the search stays short)


def without_index_range(equation: str) -> str:
    """An equation less what it says after its last side about where it holds (``, i = 1, 2``)."""
    head, tail = equation[:-INDEX_RANGE_REACH], equation[-INDEX_RANGE_REACH:]
    return head + _INDEX_RANGE.sub("", tail, count=1)


_OUTPUT_AT_POINT = re.compile(r"(?<![\\\w])f_(?:\{\s*([ijkn])\s*\}|([ijkn])(?![\w(]))")
# an evaluation bar around a left side: "\left.\frac{∂f}{∂w₁}\right|_{x=x^i}" (at the data point, as "(x^i)" says)
EVALUATION_BAR = re.compile(r"^\s*\\left\s*\.\s*(.{1,200}?)\\right\s*\|\s*_\s*\{\s*x\s*=\s*x([^{}]{1,20})\}\s*$")


MAX_ENTRIES = 3  # the components a vector of the homework's has at most, read entry by entry
# a data point's mark inside a left side's argument: f_w(x^i), f(x^{(i)}), f(x_i)
_AT_DATA_POINT = re.compile(r"\(\s*x\s*(?:\^\s*\{?\s*\(?\s*[ijkn]\s*\)?\s*\}?|_\s*\{?\s*[ijkn]\s*\}?|⁽?[ⁱʲᵏⁿ]⁾?)\s*\)")


def _entries_at_a_point(equations: list[str], tag: str, classify: Callable[[str], str | None]
                        ) -> StatedVector | None:
    """The tagged vector written out one entry an equation, each at the data point (``∂f_w(xⁱ)/∂w₁ = …`` in a list
    under ``∇L = Σ 2(f − y)∇f(xⁱ)``): a vector of those entries (an entry not written is empty: nothing stated)."""
    entries: dict[int, str] = {}
    said: list[str] = []
    for text in equations:
        sides = _sides(text)
        if (bar := EVALUATION_BAR.match(sides[0])) is not None:
            sides[0] = f"{bar.group(1)}(x{bar.group(2)})"  # the derivative at the point the bar names
        sides[0] = _OUTPUT_AT_POINT.sub(lambda m: f"f_w(x^{m.group(1) or m.group(2)})", sides[0])  # "∂f_i/∂w₁": f_i
        # is the output at xⁱ
        if len(sides) < 2 or not (_AT_DATA_POINT.search(sides[0]) or _POINT.search(sides[0])) \
                or any(len(_top_level_split(side)) > 1 for side in sides[1:-1]):
            continue  # ("∂f/∂w₁(xⁱ) = A,  ∂f/∂w₂(xⁱ) = B, …": equations a comma joins on one line, not read as one)
        k = next((k for k in range(1, MAX_ENTRIES + 1) if classify(sides[0]) == f"{tag}{k}"), None)
        if k is None or k in entries or _NAMED_ENTRY.search(sides[-1]):
            continue
        entries[k] = re.sub(r"(?:\\[,;!: ]|[\s,.;])+$", "", _POINT.sub("", sides[-1]).strip())
        said.append(text)
    if not entries:
        return None
    return StatedVector("; ".join(said)[:400], tuple(entries.get(k, "") for k in range(1, MAX_ENTRIES + 1)))


_SHORT_NAME = re.compile(r"[A-Za-z](?:_\{?[A-Za-z0-9]{1,3}\}?|\^\{?\(?[A-Za-z0-9]\)?\}?){0,2}")


def _own_names(equations: list[str], tag: str, classify: Callable[[str], str | None]) -> set[str]:
    """Short names the hand-in sets equal to the tagged vector by its name (``g_i = ∇_w f_w(x^i)``, ``J^i = …``)."""
    names: set[str] = set()
    for text in equations:
        sides = _sides(text.replace(":=", "=").replace("\\coloneqq", "="))
        if len(sides) == 2 and _SHORT_NAME.fullmatch(head := re.sub(r"\s+", "", sides[0])) \
                and _names(sides[1], tag, classify) and vector_entries(sides[1]) is None:
            names.add(head)
    return names


def _names(side: str, tag: str, classify: Callable[[str], str | None]) -> bool:
    """Whether a left side names the tagged vector: by its name (``∇_w f_w(x^{(i)})``), or as a column of its
    entries' names (``(∂f/∂w₁, ∂f/∂w₂, ∂f/∂w₃)^T``)."""
    head = re.sub(r"\(\s*x\s*(?:\^\s*\{?\s*\(?\s*[a-z1-9]\s*\)?\s*\}?)?\s*\)\s*$", "", _SIZING.sub("", side).strip())
    if classify(head) == tag or classify(side.strip()) == tag:
        return True
    return _name_order(side, tag, classify) is not None


def _name_order(side: str, tag: str, classify: Callable[[str], str | None]) -> list[int] | None:
    """The components a column of the tagged vector's entry names stands for, in its order (``(∂f/∂w₃, ∂f/∂w₂,
    ∂f/∂w₁)``: [3, 2, 1], backprop's order), or None when the side is no such column."""
    entries = vector_entries(side)
    if entries is None or len(entries) < 2:
        return None
    order = [next((k for k in range(1, MAX_ENTRIES + 1) if classify(_POINT.sub("", e).strip()) == f"{tag}{k}"), 0)
             for e in entries]
    return order if 0 not in order and len(set(order)) == len(order) else None


def vector_entries(side: str) -> list[str] | None:
    """The entries of a side that is one vector and nothing else (a matrix environment, ``(a, b, c)``,
    ``[a, b, c]``, ``\\langle a, b, c \\rangle``, with a transpose mark or ``\\in ℝ³`` after it), else None."""
    text = _SIZING.sub("", side).strip()
    if (framed := _FRAMED_MATRIX.fullmatch(text)) is not None:
        text = framed.group(1) + framed.group(3)  # "\left(\begin{matrix} … \end{matrix}\right)": the matrix
    m = _MATRIX.match(text)
    if m is not None:
        if not _TAIL.fullmatch(text, m.end()):
            return None
        body = m.group(2)
        rows = [r.strip() for r in re.split(r"\\\\(?:\[[^\]]*\])?", body) if r.strip()]
        if len(rows) == 1:
            rows = [r.strip() for r in rows[0].split("&") if r.strip()]
        return rows if len(rows) >= 2 and all("&" not in r for r in rows) else None
    for opening, closing in _OPEN.items():
        if not text.startswith(opening):
            continue
        end = _closing(text, len(opening), opening, closing)
        if end is None or not _TAIL.fullmatch(text, end + len(closing)):
            return None
        entries = _top_level_split(text[len(opening):end])
        if len(entries) < 2:  # "[a;\; b;\; c]": MATLAB's column, its entries cut at semicolons
            entries = [e.strip() for e in _split_outside(text[len(opening):end], lambda t, i: t[i] == ";"
                                                           and t[i - 1:i] != "\\") if e.strip()]
        return entries if len(entries) >= 2 else None
    return None


def _closing(text: str, start: int, opening: str, closing: str) -> int | None:
    """Where the bracket opened before ``start`` closes (nested brackets and braces skipped)."""
    depth, brace, i = 1, 0, start
    while i < len(text):
        if text[i] == "{":
            brace += 1
        elif text[i] == "}":
            brace -= 1
        elif brace == 0 and text.startswith(opening, i):
            depth += 1
            i += len(opening)
            continue
        elif brace == 0 and text.startswith(closing, i):
            depth -= 1
            if depth == 0:
                return i
            i += len(closing)
            continue
        i += 1
    return None


def _top_level_split(body: str) -> list[str]:
    """``a, b(c, d), e`` cut at the commas outside brackets and braces."""
    return [e for e in _split_outside(body, lambda text, i: text[i] == ",") if e]


_GAP = re.compile(r",?\s*\\q?quad\b\s*|(?<!\\);\s+")  # (never "\;", a thick space)


def equations_in(text: str) -> list[str]:
    """A math block's equations set side by side (``∇L = …,\\qquad ∇f(xⁱ) = (…)``): cut at each gap or semicolon
    outside brackets and braces."""
    if len(text) > 2000 or ("quad" not in text and ";" not in text):
        return [text]
    depths = _depths(text)
    cuts = [m for m in _GAP.finditer(text) if depths[m.start()] == 0]
    if not cuts:
        return [text]
    bounds = [0, *(x for m in cuts for x in (m.start(), m.end())), len(text)]
    pieces = [text[bounds[k]:bounds[k + 1]].strip() for k in range(0, len(bounds), 2)]
    return [p for p in pieces if p]


def _depths(text: str) -> list[int]:
    """The bracket depth before each character of ``text`` (one pass)."""
    out, depth = [], 0
    for c in text:
        out.append(depth)
        depth += (c in "([{") - (c in ")]}")
    return out


def _sides(text: str) -> list[str]:
    """An equation's sides, cut at the ``=`` outside brackets and braces."""
    return _split_outside(text, lambda t, i: t[i] == "=" and t[i - 1:i] not in ("<", ">", "!", ":", "\\"))


def _split_outside(text: str, cut: Callable[[str, int], bool]) -> list[str]:
    """``text`` cut at each place ``cut`` accepts outside brackets and braces, each piece stripped."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0 and cut(text, i):
            out.append(text[start:i].strip())
            start = i + 1
    out.append(text[start:].strip())
    return out
