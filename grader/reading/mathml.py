"""Presentation MathML (a learning platform's or a word processor's equation editor) as the TeX it shows.

The HTML reader collects a ``<math>`` element into a small tree of :class:`Node`; :func:`to_tex` writes it the
way a student would type it (``<mfrac>`` is ``\\frac{…}{…}``, ``<msup>`` a power, ``<mo>−</mo>`` a minus). A TeX
annotation, where the editor kept one, is the student's own text and wins. Nothing is evaluated here: the math
reader reads the TeX like any other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_DEPTH = 100  # deeper nesting is no formula a student typed: read as nothing
_OPERATORS = {"−": "-", "⋅": "\\cdot ", "·": "\\cdot ", "×": "\\times ", "∑": "\\sum ", "∂": "\\partial ",
              "∇": "\\nabla ", "←": "\\leftarrow ", "→": "\\to ", "∈": "\\in ", "±": "\\pm ", "\u2061": "",
              "\u2062": " ", "\u2063": ",", "≔": ":="}
_NAMED = {"exp", "log", "ln", "sin", "cos", "tan", "max", "min"}
# the TeX of a layout element with its children (``{0}``, ``{1}`` …) and its base written as a script's (``{b}``);
# an accent over its base (a bar, a hat, an arrow) keeps the base: that is what is computed
_LAYOUTS = {("mfrac", 2): "\\frac{{{0}}}{{{1}}}", ("msup", 2): "{b}^{{{1}}}", ("msub", 2): "{b}_{{{1}}}",
            ("msubsup", 3): "{b}_{{{1}}}^{{{2}}}", ("munderover", 3): "{0}_{{{1}}}^{{{2}}}",
            ("munder", 2): "{0}_{{{1}}}", ("mover", 2): "{0}", ("mroot", 2): "\\sqrt[{1}]{{{0}}}"}


@dataclass
class Node:
    """One MathML element: its tag, attributes, and children (nodes or text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]


def tex_annotation(node: Node) -> str | None:
    """The TeX an editor kept beside its MathML (``<annotation encoding="application/x-tex">``), if any."""
    for child in node.elements():
        if child.tag == "annotation" and "tex" in child.attrs.get("encoding", "").lower():
            return child.text().strip()
        found = tex_annotation(child)
        if found is not None:
            return found
    return None


def to_tex(node: Node | str, depth: int = 0) -> str:
    """The TeX of a presentation-MathML tree."""
    if isinstance(node, str):
        return node.strip()
    if depth > MAX_DEPTH:
        return ""
    parts = [to_tex(c, depth + 1) for c in node.elements()]
    tag = node.tag
    if tag in ("mi", "mn"):
        text = node.text().strip()
        return f"\\{text} " if text in _NAMED else text
    if tag == "mo":
        text = node.text().strip()
        return _OPERATORS.get(text, text)
    if tag == "mtext":
        text = node.text().strip()
        return f"\\text{{{text}}}" if text else " "
    if tag == "mspace":
        return " "
    if tag in ("annotation", "annotation-xml", "mphantom", "none", "mprescripts"):
        return ""
    if tag == "semantics":
        return parts[0] if parts else ""
    if tag == "menclose" and "strike" in node.attrs.get("notation", ""):
        return ""  # struck out in the editor: the hand-in's correction, as ~~…~~ is in text
    if tag == "mover" and len(parts) == 2 and parts[1].strip() in ("?", "？", "\\text{?}"):
        return f"\\stackrel{{?}}{{{parts[0]}}}"  # "=" with a "?" over it: the student doubts it
    if tag == "mover" and len(parts) == 2:  # σ̇, ŷ, σ̄: an accent that makes another name (an arrow keeps the base)
        from grader.reading.omml import accented

        return accented(parts[1].strip(), parts[0])
    if tag in ("del", "s", "strike"):
        return ""  # struck out inside the formula (a tracked deletion): gone
    template = _LAYOUTS.get((tag, len(parts)))
    if template is not None:  # a fraction, a power, an index, limits: "{b}" is the base as written
        return template.format(*parts, b=_base(parts[0]))
    if tag == "msqrt":
        return f"\\sqrt{{{''.join(parts)}}}"
    if tag == "mfenced":
        separator = (node.attrs.get("separators") or ",").strip()[:1] or ","
        return node.attrs.get("open", "(") + f"{separator} ".join(parts) + node.attrs.get("close", ")")
    if tag == "mtable":  # a derivation set in rows ("& = …" under its first line) is aligned, not a matrix
        kind = "aligned" if any(re.match(r"\s*(?:&\s*)?=", row) for row in parts[1:]) else "matrix"
        return f"\\begin{{{kind}}}" + " \\\\ ".join(parts) + f"\\end{{{kind}}}"
    if tag == "mtr":
        return " & ".join(parts)
    return " ".join(p for p in parts if p)  # mrow, math, mstyle, …: the terms side by side


def _base(tex: str) -> str:
    """A script's base as written: a name, a number or a bracketed term as is (``σ_{1}(u)`` stays a function
    applied, ``(1 + e^{-u})^{2}`` a square), anything else in braces."""
    tex = tex.strip()
    if not tex or " " not in tex and len(tex) <= 2 or tex.startswith("\\") and tex[1:].isalpha():
        return tex
    depth = 0
    for k, c in enumerate(tex):
        depth += (c in "([{") - (c in ")]}")
        if depth == 0 and k < len(tex) - 1:
            return f"{{{tex}}}"
    return tex if tex[0] in "([" else f"{{{tex}}}"
