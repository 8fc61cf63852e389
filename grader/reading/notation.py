"""A hand-in's own notation, read from all of its math before any answer, as a TA reads it.

Students name things their own way: "let s(u) = 1/(1+e^{-u})", "u_1 = w_1 x, h_1 = σ(u_1)",
"θ = (w_1, w_2, w_3)", "η = α", or x_1 = σ(w_1 x) where the handout's x_1 is w_1·x. Each
definition is read with the same safe grammar as answers (never evaluated as code), in
document order (a definition may use earlier ones), and then applied to that hand-in's
answers through an :class:`Overlay`:

- a function equal to one the homework knows becomes a second name for it (s -> σ, so
  s'(u) is σ'(u)); otherwise its body is put in wherever it is applied;
- a name equal to one the homework knows (η = α, θ = w) becomes a second name for it;
- a new name gets its value; a redefinition that conflicts with the handout (x_1 = σ(w_1 x))
  is honoured and said in the report.

A definition that cannot be read, that is circular, or that gives a variable a number is
ignored with a note. The homework's default names stay in its vocabulary; nothing here
knows the homework.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import sympy as sp

from grader.expressions.budget import BudgetExceeded
from grader.expressions.compare import same_function
from grader.expressions.latex import Overlay, Scope, parse_latex, split_chain
from grader.expressions.lenient import group_end
from grader.expressions.lhs import describe
from grader.expressions.parse import ExpressionSyntaxError
from grader.expressions.tokens import from_exports, scripts_as_latex
from grader.expressions.vec import Vec
from grader.reading.math_rows import graph_steps
from grader.reading.notation_model import (
    applied_as_function,
    conflict,
    define_indexed,
    function_at_variable,
    handout_value,
    pinned,
)
from grader.reading.notation_points import defined_at_each_point

if TYPE_CHECKING:
    from grader.homework import Reference

MAX_DEFINITIONS = 60
PARAMETER = sp.Symbol("_param", real=True)


@dataclass
class Notation:
    """What a hand-in defined: the overlay applied to its answers and what a reader should be told."""

    overlay: Overlay = field(default_factory=Overlay)
    notes: list[str] = field(default_factory=list)
    definitions: set[str] = field(default_factory=set)  # left sides read as definitions: never an answer
    reused: set[str] = field(default_factory=set)  # left sides also used in self-referential steps (θ ← θ − …)
    text: str = ""  # all of the hand-in's math, to see how a name is used
    unread: list[list[str]] = field(default_factory=list)  # definitions not read for an unknown name
    restated: list[str] = field(default_factory=list)  # right sides that restate the handout's model
    as_handout: set[str] = field(default_factory=set)  # the handout's names the hand-in defined as the handout does

    def own_names_for(self, names: tuple[str, ...] | list[str]) -> list[str]:
        """The hand-in's own names for the homework's ``names`` (``s`` where it wrote s(u) = 1/(1+e^{-u}) for σ)."""
        return [own for own, target in self.overlay.aliases.items() if target.lstrip("\\") in names]

    def is_definition(self, lhs: str) -> bool:
        key = _compact(lhs)
        return key in self.definitions and key not in self.reused


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_notation(doc: Any, reference: Reference) -> Notation:
    """The notation of one hand-in, from every math span of its document (in order) and its prose.

    When definitions stay unread for names the hand-in never defines (θ_1, b_2, Λ), the renaming a TA
    would read (θ as w) is tried, and kept only if the hand-in's own definitions then restate the model.
    """
    from grader.reading.notation_tables import code_definitions, prose_definitions, table_definitions
    from grader.reading.notation_unify import renamed

    if reference.latex is None:
        return Notation()
    expand = getattr(doc, "with_macros", lambda text: text)
    found = [(s.start, doc.text[s.start:s.end]) for s in [*getattr(doc, "math", []), *getattr(doc, "remarks", [])]] \
        + table_definitions(doc) \
        + prose_definitions(doc) + code_definitions(doc)
    pieces = [from_exports(expand(text)) for _, text in sorted(found, key=lambda f: f[0])]  # as answers are read
    pieces = [scripts_as_latex(p) if "ⁱ" in p or "ⁿ" in p else p for p in pieces]  # "a₁⁽ⁱ⁾ = σ(z₁⁽ⁱ⁾)": a name at
    # each data point, its index raised in Unicode
    pieces = [d for piece in pieces for d in underbrace_definitions(piece)] + pieces
    pieces = [d for k, piece in enumerate(pieces) for d in (_both_indices(piece) if k < MAX_DEFINITIONS else [piece])]
    notation = _read_all(pieces, doc, reference, {})
    if notation.unread:
        better = renamed(notation, reference, lambda seed: _read_all(pieces, doc, reference, seed))
        if better is not None:
            notation = better
    if _OWN_INDEXED_PARTIAL.search(getattr(doc, "text", "")):
        notation.overlay.reserved.add(INDEXED_PARTIAL)  # "∂_k denotes ∂/∂x_k": ∂_2 is the hand-in's, not ∂/∂w_2
    return _built_on_doubt(_loss_named(notation, doc, reference))


INDEXED_PARTIAL = "\\partial_"  # (reserved: the hand-in says what ∂ with an index alone means)
_OWN_INDEXED_PARTIAL = re.compile(r"(?:\\partial|∂)\s*_\s*\{?\s*\w\s*\}?\s*\$?\s*(?:\\[a-zA-Z]+|\w)?\s*\$?\s*"
                                  r"(?::=|≔|\\coloneqq|\\equiv|\b(?:denotes?|means?|stands\s+for|is\s+(?:its|the)\s+"
                                  r"(?:partial\s+)?derivative|for\s+the\s+(?:partial\s+)?derivative))", re.IGNORECASE)


def _built_on_doubt(notation: Notation) -> Notation:
    """A name the hand-in defined with one that cannot be read as the handout's (``f(w, x) = w3 σ(x2(w, x))`` after its
    own ``x2(w, x) = …``) cannot be read either: an answer using it goes to a person."""
    overlay = notation.overlay
    doubted = {re.sub(r"[_{}\\]", "", n) for n in overlay.said_otherwise}
    if not doubted:
        return notation
    for name in [*overlay.functions, *overlay.symbols]:
        said = overlay.notes.get(name, "")
        if name not in overlay.said_otherwise and any(
                re.search(rf"(?<![A-Za-z]){re.escape(d)}(?![\w])", re.sub(r"[_{}\\]", "", said)) for d in doubted):
            overlay.functions.pop(name, None)
            overlay.symbols.pop(name, None)
            overlay.said_otherwise.add(name)
            overlay.notes[name] = f"{said} — built on a name read otherwise: a person should read the answers using it"
    return notation


# "s_k^i = σ(x_k^i)": a name with a layer's index and a data point's, both used on the right
_BOTH_INDICES = re.compile(r"\s*(?P<stem>[A-Za-z]|\\[a-z]+)_\{?(?P<k>[jkl])\}?"
                           r"\^(?:\{\(?(?P<i>[in])\)?\}|\((?P<i2>[in])\)|(?P<i3>[in]))\s*(?::=|=)"
                           r"(?P<rhs>[^=]{1,80})$")


def _both_indices(piece: str) -> list[str]:
    """``s_k^i = σ(x_k^i)`` as the four definitions it stands for (s_1^1 = σ(x_1^1), …, s_2^2 = σ(x_2^2)): the layer's
    index and the data point's each 1 or 2; any other piece as it is."""
    m = _BOTH_INDICES.match(piece)
    point = m and (m.group("i") or m.group("i2") or m.group("i3"))
    at_point = rf"\^(?:\{{\(?{point}\)?\}}|\({point}\)|{point})(?![A-Za-z])"
    if m is None or not re.search(rf"_\{{?{m.group('k')}\}}?", m.group("rhs")) \
            or not re.search(at_point, m.group("rhs")):
        return [piece]
    out = []
    for k in "12":
        for i in "12":
            def put(text: str, k: str = k, i: str = i) -> str:
                text = re.sub(rf"_\{{?{m.group('k')}\}}?(?![A-Za-z])", f"_{k}", text)
                return re.sub(at_point, f"^{i}", text)
            out.append(f"{m.group('stem')}_{k}^{i} = {put(m.group('rhs')).strip()}")
    return out


_UNDERBRACE = re.compile(r"\\underbrace\s*\{")
_BRACE_NAME = re.compile(r"\s*_\s*(?:\{\s*([A-Za-z](?:_\{?\w\}?)?|\\[a-z]+(?:_\{?\w\}?)?)\s*\}|([A-Za-z]))")


def underbrace_definitions(piece: str) -> list[str]:
    r"""``w_3 \underbrace{σ_2(w_2 \underbrace{σ_1(w_1 x)}_{x_1})}_{x_2}``: each name set under a brace is defined as
    what the brace spans (inner labels dropped), as ``x_2 = σ_2(w_2 σ_1(w_1 x))``; the handout's own names so
    defined are then read as the hand-in says, a different meaning included."""
    out: list[str] = []
    if len(piece) > 5_000:
        return out  # a formula that long is no definition a student writes: each brace would be scanned to its end
    for m in itertools.islice(_UNDERBRACE.finditer(piece), 20):
        end = group_end(piece, m.end() - 1)
        label = _BRACE_NAME.match(piece, end) if end > 0 else None
        if label is None:
            continue
        body = piece[m.end():end - 1]
        for _ in range(20):
            if (inner := _innermost_label(body)) is None:
                break
            body = inner
        out.append(f"{label.group(1) or label.group(2)} = {body}")
    return out


def _innermost_label(body: str) -> str | None:
    r"""``body`` with its first ``\underbrace{A}_{n}`` replaced by ``A`` (None when it has none)."""
    m = _UNDERBRACE.search(body)
    end = group_end(body, m.end() - 1) if m is not None else -1
    if m is None or end < 0:
        return None
    label = _BRACE_NAME.match(body, end)
    return body[:m.start()] + "{" + body[m.end():end - 1] + "}" + body[label.end() if label is not None else end:]


_PART_NAMED = re.compile(r"\s*\(\s*(?:i{1,3}|iv|vi{0,3}|[a-h])\s*\)\s*")


def _read_all(pieces: list[str], doc: Any, reference: Reference, seed: dict[str, str]) -> Notation:
    """Every definition of ``pieces`` read in order (with ``seed``'s aliases first), then the step size."""
    notation = Notation()
    notation.overlay.aliases.update(seed)
    notation.text = "\n".join(pieces)
    _functions_in_words(notation, getattr(doc, "text", "") or "", reference)
    pieces = _continued(pieces)
    pending = [sides for piece in pieces for step in graph_steps(piece) for part in _parts(step)
               if len(sides := split_chain(part)) >= 2 and not _PART_NAMED.fullmatch(sides[0])]  # "so (i) = …": the
    # part's answer said again, no name i
    pending = [_named_after(sides, reference, notation.overlay) for sides in pending]
    pending += defined_at_each_point(pending)  # "a_n = σ(w_1 x_n)": also a = σ(w_1 x), so a_n is its value at xⁿ
    notation.overlay.reserved.update(_defined_names(pending, reference, notation.overlay))
    count = 0
    for _ in range(3):  # "h_1 = σ(z_1), z_1 = w_1 x": a name defined after its first use is read next time round
        failed = []
        for sides in pending:
            if count >= MAX_DEFINITIONS:
                break
            before = len(notation.notes)
            count += _define_chain(notation, sides, reference)
            new = notation.notes[before:]
            if new and all(n.startswith("your definition ") and "unknown name" in n for n in new):
                del notation.notes[before:]
                failed.append(sides)
        if not failed or len(failed) == len(pending):
            for sides in failed:  # said once, after the last try
                _define_chain(notation, sides, reference)
            notation.unread = failed
            break
        pending = failed
    _lettered_points(notation, reference)
    _paired_points(notation, reference, getattr(doc, "text", "") or "")
    _letter_points(notation, reference, getattr(doc, "text", "") or "")
    _glued_points(notation, reference, getattr(doc, "text", "") or "")
    _points_said(notation, doc)
    _listed_at_point(notation, pieces)
    _outputs_in_words(notation, getattr(doc, "text", "") or "", reference)
    _learning_rate(notation, doc, reference)
    return notation


# "I denote by $x_2$ the output of the second sigmoid", "x₁ and x₂ are the neuron outputs (post-sigmoid)"
_INTERMEDIATE = re.compile(r"(?<![\w\\])x\s*(?:_\s*\{?\s*([12])\s*\}?|([₁₂])|([12]))(?![\w])")
_AN_OUTPUT = re.compile(r"\boutputs?\s+of\s+(?:the\s+|each\s+)?(?:first\s+|second\s+|1st\s+|2nd\s+|hidden\s+|inner\s+"
                        r"|outer\s+|two\s+)?(?:sigmoids?|σ|\$?\\sigma|activations?|neurons?|nonlinearit)"
                        r"|\bafter\s+(?:the\s+|each\s+)?(?:activations?|sigmoids?|σ|\$?\\sigma|nonlinearit)"
                        r"|\bpost-?(?:sigmoid|activation)"
                        r"|\b(?:sigmoid|neuron)\s+outputs?\b|\bactivated\s+values?\b", re.IGNORECASE)


def _outputs_in_words(notation: Notation, text: str, reference: Reference) -> None:
    """The handout's x₁, x₂ (inputs of the sigmoids) said in words to be the sigmoids' outputs and never defined
    by a formula: which one an answer means cannot be told, so an answer that uses them goes to a person."""
    vocab = reference.latex
    if vocab is None:
        return
    for line in text[:200_000].split("\n"):
        last = 0
        for phrase in _AN_OUTPUT.finditer(line):
            _said_outputs(notation, line, last, phrase, vocab)
            last = phrase.end()


def _said_outputs(notation: Notation, line: str, start: int, phrase: re.Match[str], vocab: Any) -> None:
    """x₁, x₂ written between ``start`` and the phrase that says they are outputs (not inside σ(…), no ``=``)."""
    for m in _INTERMEDIATE.finditer(line, start, phrase.start()):
        between = line[m.end():phrase.start()]
        before = line[max(0, m.start() - 12):m.start()].replace("$", "").rstrip()
        name = f"x_{m.group(1) or m.group(3) or '₁₂'.index(m.group(2)) + 1}"
        listed_with_more = re.search(r"\band\s+(?:the|their|its)\b", between)  # "x1, x2 and the outputs of …"
        if len(between) > 60 or "=" in between or listed_with_more or before.endswith(("(", "{")) \
                or name not in vocab.symbols or name in notation.overlay.symbols or name in notation.overlay.own:
            continue
        notation.overlay.said_otherwise.add(name)
        notation.overlay.notes[name] = (f"{name} is said in words to be {phrase.group().strip()!r}, not the "
                                        f"handout's {name} (a sigmoid's input): a person should decide how to read it")


# "$a^i, b^i, c^i, d^i$": the hand-in's names listed with a data point's index, each the value at xⁱ
_NAME_AT_POINT = r"([A-Za-z](?:_\{?\w\}?)?)\s*\^\s*\{?\s*\(?\s*([ijkn])\s*\)?\s*\}?"
_POINT_LIST = re.compile(rf"\s*{_NAME_AT_POINT}(?:\s*,\s*{_NAME_AT_POINT})+\s*,?\s*")


_INDEX_MARK = str.maketrans({"ⁱ": "^i", "ᶦ": "^i", "ʲ": "^j", "ᵏ": "^k", "ⁿ": "^n"})
# "hⁱ = w₁xⁱ, sⁱ = σ₁(hⁱ)": a name defined again at a data point's index, from names at that index
_DEFINED_AT_POINT = re.compile(rf"\s*{_NAME_AT_POINT}\s*=(?P<rhs>[^=]*)")  # its right side holds that index (below)


def _listed_at_point(notation: Notation, pieces: list[str]) -> None:
    """Names the hand-in defined from the input and then lists (or defines again) at a data point's index are read
    at the point their superscript names (b^1 is b at x¹); an unlisted name with a superscript 1 or 2 stays a power
    (b² is b squared)."""
    for piece in pieces:
        piece = piece.translate(_INDEX_MARK)
        if (again := _DEFINED_AT_POINT.fullmatch(piece)) is not None:
            name = re.sub(r"[{}\s]", "", again.group(1))
            at_point = re.search(rf"\^\s*\{{?\s*\(?\s*{again.group(2)}\b", again.group("rhs"))
            if at_point is not None and name in notation.overlay.symbols:
                notation.overlay.listed_at_point.add(name)
            continue
        if _POINT_LIST.fullmatch(piece) is None:
            continue
        found = re.findall(_NAME_AT_POINT, piece)
        if len({index for _, index in found}) != 1:
            continue
        for name, _ in found:
            name = re.sub(r"[{}\s]", "", name)
            if name in notation.overlay.symbols:
                notation.overlay.listed_at_point.add(name)


_CONTINUES = re.compile(r"\s*\+")  # "+ 2*(f(x^2)-y^2)*…": the sum above goes on ("− …" is often a step of its own)


_ELLIPSIS_END = re.compile(r"(?:[.]{3}|…|\\ldots|\\dots)\s*$")  # MATLAB's "..." that continues a line


def _continued(pieces: list[str]) -> list[str]:
    """A piece that opens with a plus goes on the piece before it (``gradL = 2*(…)*[…](x^1) ...`` then
    ``+ 2*(…)*[…](x^2)``): a definition is read whole, never its first line alone."""
    out: list[str] = []
    for piece in pieces:
        if out and _CONTINUES.match(piece) and "=" not in piece:
            out[-1] = f"{_ELLIPSIS_END.sub('', out[-1].rstrip())} {piece.strip()}"
        else:
            out.append(piece)
    return out


_LETTERED = re.compile(r"(?<![\w\\])([xy])_\{?([abAB])\}?(?![\w{])")


# "(x1, y1), (x2, y2) are the two data points", "where (x_1,y_1) and (x_2,y_2) are the training points", "… mean
# the two data points"
_POINTS_SAID = re.compile(r"\(\s*x_?\{?1\}?\s*,\s*y_?\{?1\}?\s*\)\s*(?:,|and|&)\s*"
                          r"\(\s*x_?\{?2\}?\s*,\s*y_?\{?2\}?\s*\)\s*"
                          r"(?:are|=|denote|:|mean|means|stand\s+for|refer\s+to|represent)\s*(?:the\s+)?(?:two\s+|2\s+)?"
                          r"(?:data[\s-]*(?:points|pts|pairs|samples)|training\s+(?:points|pts|examples|samples|pairs)"
                          r"|samples|examples|observations)", re.IGNORECASE)  # ("… are the 2 data pts here")


def _points_said(notation: Notation, doc: Any) -> None:
    """The hand-in says its x_1, y_1 name the data points: the model at x_k is read at that point."""
    if _POINTS_SAID.search(getattr(doc, "text", "")[:200_000].replace("$", "")):
        notation.overlay.points_said = True


def _lettered_points(notation: Notation, reference: Reference) -> None:
    """``(y_a - f(x_a))**2 + (y_b - f(x_b))**2``: two data points named by letters, as a program names them;
    x_a, y_a are the first point (x^1, y^1) and x_b, y_b the second, unless the hand-in defines them otherwise."""
    vocab = reference.latex
    assert vocab is not None
    used = {(m.group(1), m.group(2).lower()) for m in _LETTERED.finditer(notation.text)}
    if not {("x", "a"), ("x", "b"), ("y", "a"), ("y", "b")} <= used or len(vocab.datapoints) != 2:
        return
    if _bind_points(notation, vocab, [(f"{stem}_{name}", f"{stem}^{point}")
                                      for letter, point in zip("ab", vocab.datapoints, strict=True)
                                      for stem in "xy" for name in (letter, letter.upper())]):
        notation.notes.append("x_a, y_a are read as the first data point and x_b, y_b as the second")


def _bind_points(notation: Notation, vocab: Any, names: list[tuple[str, str]]) -> bool:
    """Each (the hand-in's name, the handout's data-point symbol) bound, unless the hand-in gives that name a
    meaning of its own or it is the handout's; whether any was bound."""
    overlay, added = notation.overlay, False
    for name, handout in names:
        value = vocab.symbols.get(handout)
        if value is not None and name not in overlay.symbols and name not in overlay.reserved \
                and name not in vocab.symbols:
            overlay.symbols[name] = value
            added = True
    return added


# a data point written as a pair with its own letters and index: (u_1, t_1), (x_A, y_A), (u^{(2)}, t^{(2)})
_PAIR = re.compile(r"\(\s*([A-Za-z])\s*(?:_|\^)\s*\{?\s*\(?\s*([0-9A-Za-z])\s*\)?\s*\}?\s*,\s*"
                   r"([A-Za-z])\s*(?:_|\^)\s*\{?\s*\(?\s*([0-9A-Za-z])\s*\)?\s*\}?\s*\)")


_DATA_SAID = re.compile(r"\\\{|\{\s*$|\bD\b|(?i:data|train|example|sample|point|pair|set)\w*\W*$|(?:\band\b|,)\W*$")


def _paired_points(notation: Notation, reference: Reference, text: str) -> None:
    """``D = {(u_1, t_1), (u_2, t_2)}``, ``(x_A, y_A)`` and ``(x_B, y_B)``: two data points written as pairs of the
    hand-in's own letters, in order, are the handout's first and second (input, target) points. Not x with a number
    (x_1 is the handout's own hidden value: what it means there, other readings decide)."""
    vocab = reference.latex
    assert vocab is not None
    if len(vocab.datapoints) != 2:
        return
    seen: dict[tuple[str, str], list[str]] = {}
    text = text[:200_000].replace("$", " ")
    for m in _PAIR.finditer(text):
        if m.group(2) == m.group(4) and m.group(1) != m.group(3) \
                and _DATA_SAID.search(text, max(0, m.start() - 100), m.start()):
            indices = seen.setdefault((m.group(1), m.group(3)), [])
            if m.group(2) not in indices:
                indices.append(m.group(2))
    added = False
    for (given, target), indices in seen.items():
        if len(indices) != 2 or given == "x" and all(i.isdigit() for i in indices):
            continue
        added |= _bind_points(notation, vocab, [(f"{stem}{mark}{index}", f"{handout}^{point}")
                                                for index, point in zip(indices, vocab.datapoints, strict=True)
                                                for stem, handout in ((given, "x"), (target, "y")) for mark in "_^"])
        if added:
            notation.notes.append(f"({given}_{indices[0]}, {target}_{indices[0]}) and ({given}_{indices[1]}, "
                                  f"{target}_{indices[1]}) are read as the data points (x^1, y^1) and (x^2, y^2)")
            return


# a data point glued to its mark: "(xa, ya), (xb, yb)", "(x1', y1), (x2', y2)" (a prime keeps x1 the hidden value)
_GLUED_PAIR = re.compile(r"\(\s*x\s*([a-z]|[12](?=\s*['′]))\s*(['′]?)\s*,\s*y\s*_?\s*([a-z12])\s*['′]?\s*\)")


_PRIMED_SAID = re.compile(r"(?i)\bx\s*1\s*(['′])\s*(?:,|and|&)\s*x\s*2\s*['′][^\n]{0,60}?\b(?:data|points?|samples?)\b")


def _glued_points(notation: Notation, reference: Reference, text: str) -> None:
    """``D = {(xa, ya), (xb, yb)}``, ``(x1', y1), (x2', y2)``: two data points whose input is x with a letter or a
    primed number glued on, their targets y with the same mark, in order, are the handout's (x^1, y^1), (x^2, y^2)."""
    vocab = reference.latex
    assert vocab is not None
    if len(vocab.datapoints) != 2 or "(" not in text:
        return
    text = text[:200_000].replace("$", " ")
    marks: list[tuple[str, str]] = []
    for m in _GLUED_PAIR.finditer(text):
        if m.group(1) == m.group(3) and (m.group(1), m.group(2)) not in marks \
                and (marks or _DATA_SAID.search(text, max(0, m.start() - 100), m.start())):
            marks.append((m.group(1), m.group(2)))
        if len(marks) == 2:
            break
    if not marks and (said := _PRIMED_SAID.search(text)) is not None:
        marks = [("1", said.group(1)), ("2", said.group(1))]  # "I use x1', x2' for the two data points"
    if len(marks) != 2:
        return
    names = [(name, f"{handout}^{point}") for (mark, prime), point in zip(marks, vocab.datapoints, strict=True)
             for name, handout in ((f"x{mark}{prime}", "x"), (f"x_{mark}{prime}", "x"), (f"x_{{{mark}}}{prime}", "x"),
                                   (f"y{mark}", "y"), (f"y_{mark}", "y"), (f"y_{{{mark}}}", "y"),
                                   (f"y{mark}{prime}", "y"), (f"y_{mark}{prime}", "y"))]
    if _bind_points(notation, vocab, names):
        (a, pa), (b, pb) = marks
        notation.notes.append(f"(x{a}{pa}, y{a}) and (x{b}{pb}, y{b}) are read as the data points (x^1, y^1) and "
                              "(x^2, y^2)")


# a data point as a letter and its target as y with that letter: "write the data as (a,ya),(b,yb)", "(p, y_p)"
_LETTER_PAIR = re.compile(r"\(\s*([a-z])\s*,\s*y\s*_?\s*\{?\s*([a-z])\s*\}?\s*\)")
_DATA_WORD = re.compile(r"(?i)\b(?:data|points?|samples?|examples?|pairs?|training|D)\b")


def _letter_points(notation: Notation, reference: Reference, text: str) -> None:
    """``(a, ya), (b, yb)`` said of the data: two data points named by single letters, their targets by y and the
    same letter, in order, are the handout's first and second (x^1, y^1), (x^2, y^2)."""
    vocab = reference.latex
    assert vocab is not None
    if len(vocab.datapoints) != 2 or "(" not in text:
        return
    text = text[:200_000].replace("$", " ")
    letters: list[str] = []
    for m in _LETTER_PAIR.finditer(text):
        if m.group(1) == m.group(2) and m.group(1) not in letters and m.group(1) not in "xyw" \
                and (letters or _DATA_WORD.search(text, max(0, m.start() - 120), m.start())):
            letters.append(m.group(1))
        if len(letters) == 2:
            break
    if len(letters) != 2:
        return
    names = [(name, f"{handout}^{point}") for letter, point in zip(letters, vocab.datapoints, strict=True)
             for name, handout in ((letter, "x"), (f"y{letter}", "y"), (f"y_{letter}", "y"))]
    if _bind_points(notation, vocab, names):
        notation.notes.append(f"({letters[0]}, y{letters[0]}) and ({letters[1]}, y{letters[1]}) are read as the data "
                              "points (x^1, y^1) and (x^2, y^2)")


def _defined_names(pending: list[list[str]], reference: Reference, overlay: Overlay) -> set[str]:
    """The names the hand-in's definitions define that the homework does not (y1 in "y1 = sig(s1)")."""
    vocab = reference.latex
    assert vocab is not None
    out = set()
    for sides in pending:
        shape = describe(sides[0], vocab, overlay)
        if shape is not None and shape.kind == "name" and shape.of not in vocab.symbols:
            out.add(shape.of)
        m = _FUNCTION_LHS.fullmatch(sides[0])
        if m:  # L(u) = max(0, u): L is the hand-in's own function, whatever its body reads as
            out.add("function:" + m.group(1))
    return out


_FUNCTION_LHS = re.compile(r"\s*\\?((?:operatorname|mathrm|text)\s*\{\s*[A-Za-z]+\s*\}|[A-Za-z]+|[\u0370-\u03ff])"
                           r"\s*(?:_\s*\{?\s*\w+\s*\}?)?\s*\(\s*\\?\w+\s*\)\s*(?:\\gets|:)?\s*")


# a name the hand-in gives a value on the right of it: one letter, maybe with an index ("σ1(w1·x) = p", "… = h_1")
_NEW_NAME = re.compile(r"\s*[A-Za-z](?:_?\{?[0-9a-z]\}?|[0-9])?\s*")


def _named_after(sides: list[str], reference: Reference, overlay: Any) -> list[str]:
    """``call σ1(w1·x) = p``, ``σ2(w2·p) =: q``: a formula set equal to a new name on its right names it (read as
    ``p = σ1(w1·x)``); an equation whose left side is something asked (∂f/∂w3 = q) or a known name stays."""
    vocab = reference.latex
    if len(sides) != 2 or vocab is None or not _NEW_NAME.fullmatch(sides[1]) or not _NEW_NAME.fullmatch(
            sides[1].strip().lstrip(":")):
        return sides
    name = sides[1].strip()
    shape = describe(name, vocab, overlay)
    if shape is None or shape.kind != "name" or shape.of in vocab.symbols or shape.of in vocab.functions \
            or shape.of in vocab.vectors or shape.of in overlay.symbols or shape.of in overlay.aliases:
        return sides
    left = describe(sides[0], vocab, overlay)
    if left is not None and left.kind in ("name", "derivative", "gradient") or not re.search(r"[(·*\\]", sides[0]) \
            or (reference.classify_lhs is not None and _tag(reference, sides[0], overlay) is not None):
        return sides
    return [name, sides[0]]


def _define_chain(notation: Notation, sides: list[str], reference: Reference) -> int:
    """``θ = (θ_1, θ_2, θ_3) = (w_1, w_2, w_3)``: the last side, the most explicit, defines; else the second.

    ``g(x) = ∇_w f_w(x) = (…)``: a function's second side defines first; ``Λ(u) = logit⁻¹(u) = 1/(1+e^{−u})``:
    when it cannot be read, the last side does.
    """
    if len(sides) == 2:
        return _define(notation, sides[0], sides[1], reference)
    if _A_NUMBER.fullmatch(sides[-1]):
        return 0  # "x^1 = x^2 = 1", "h_2 = σ(σ(1)) = 0.675": a check's point, every name in it set to a number
    vocab = reference.latex
    assert vocab is not None
    shape = describe(sides[0], vocab, notation.overlay)
    if shape is not None and shape.kind == "apply" and shape.of in vocab.functions and any(
            _restates_known(shape.of, shape.arg, side, reference, notation.overlay) for side in sides[1:]):
        return 0  # "σ1(u) = 1/(1 + e−u) = eu/(eu + 1)": one side is the handout's own σ, the chain restates it
    _name_in_chain(notation, sides, reference)
    for middle in sides[1:-1]:  # "ŷ = h(x;θ) = θ_3 σ(…)": the model's function named between its output and value
        if _MODEL_APPLIED.fullmatch(middle):
            _define(notation, middle, sides[-1], reference)
    order = [sides[-1], sides[1]] if "(" not in sides[0] else [sides[1], sides[-1]]
    for k, rhs in enumerate(order):
        before = len(notation.notes)
        count = _define(notation, sides[0], rhs, reference)
        failed = len(notation.notes) > before and notation.notes[-1].startswith("your definition ")
        if (count and not failed) or k == len(order) - 1 or (failed and "unknown name" not in notation.notes[-1]):
            return count  # only a side with a name not yet known gives way to the next
        del notation.notes[before:]
    return 0


_A_NUMBER = re.compile(r"\s*[-−]?\s*\d+(?:[.,]\d+)?\s*")
_MODEL_APPLIED = re.compile(r"\s*[A-Za-z](?:_\{?\\?\w+\}?)?\s*\(\s*x\s*(?:[;,|][^()]*)?\)\s*")


def _name_in_chain(notation: Notation, sides: list[str], reference: Reference) -> None:
    """``L(β) = SSE = Σ e_i²``: a new bare name between the handout's loss and its value is the loss's name."""
    vocab = reference.latex
    assert vocab is not None
    first = describe(sides[0], vocab, notation.overlay)
    if first is None or first.kind not in ("name", "apply") or first.of not in vocab.argument_free:
        return
    for middle in sides[1:-1]:
        _ascii_name(notation, middle, vocab)
        shape = describe(middle, vocab, notation.overlay)
        if shape is None or shape.kind != "name" or shape.of in vocab.symbols or shape.of in vocab.functions \
                or shape.of in vocab.vectors or shape.of in vocab.argument_free \
                or notation.overlay.aliases.get(shape.of, shape.of) != shape.of:
            continue
        notation.overlay.aliases[shape.of] = first.of
        _said(notation, f"{_show(shape.of)} is read as {_show(first.of)} (you wrote {' = '.join(sides[:3])})",
              shape.of)


_ASIDE = re.compile(r"\(\s*(?:so|i\.\s?e\.|hence|thus|then|therefore|where|with|and|note)\b"
                    r"([^()]*(?:\([^()]*\)[^()]*)*)\)", re.I)


def _columns(row: str) -> str:
    """``z_1 &= w_1 x & a_1 &= \\phi(z_1)``: an alignment row holding two equations side by side is cut
    between them (at an ``&`` that is not the alignment point of an ``=``)."""
    if row.count("=") < 2 or "&" not in row:
        return row
    return re.sub(r"(?<![=\\])&(?!\s*(?:=|\\leq|\\approx|\\to|\\gets|\\leftarrow))", " ; ", row)


def _parts(math: str) -> list[str]:
    """One math span cut into candidate definitions: at top-level commas, ``\\quad``, line breaks and prose."""
    math = re.sub(r"\\(?:begin|end)\{(?:aligned|align\*?|alignedat|gathered|gather\*?|split|array)\}(?:\{[^{}]*\})?",
                  " ; ", math)
    math = "\\\\".join(_columns(row) for row in math.split("\\\\"))
    math = re.sub(r"\(\s*=\s*([^()=]{1,40})\)", r" = \1", math)  # "z_1 = w_1 x  (= x_1)": one more side
    math = _ASIDE.sub(r" ; \1 ", math)  # "g = β2Λ(h) (so ŷ = β3Λ(g))": the aside is a second statement
    text = re.sub(r"\\(?:label|tag)\{[^{}]*\}|\\nonumber|\\notag|&", " ", math)
    text = re.sub(r"\\[,;:! ]", " ", text)  # thin spaces: \, is not a comma
    text = re.sub(r"\\equiv\b|≡|\\coloneqq\b|≔|\\triangleq\b|≜|\\(?:stackrel|overset)\{\s*(?:def|\\text\{def\}"
                  r"|\\mathrm\{def\})\s*\}\{=\}", " := ",
                  text)  # "σ'(u) \equiv …": a definition
    text = re.sub(r"(?<![\^_])\\(?:text|textrm|mbox)\s*\{[^{}]*\}(?!\s*[_^(=])", " ; ", text)  # not "\text{out} ="
    text = re.sub(r"\\q?quad|\\\\|\\(?:text)?(?:and|where)\b|\\(?:Rightarrow|implies|Longrightarrow|iff)\b|⇒|⟹",
                  " ; ", text)
    text = _CONJUNCTION.sub(" ; ", _outer_parentheses(text.strip()))
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth == 0 and c in ",;":
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    out = _tuple_assignments(out)
    return [_LEAD_IN.sub("", _PROSE_LEAD.sub("", _SENTENCE_END.sub("", p.strip()))) for p in out if "=" in p]


_LONE_NAME = re.compile(r"\s*(?:\\[A-Za-z]+|[A-Za-z])(?:_?\{?\w{1,3}\}?)?\s*")


def _tuple_assignments(pieces: list[str]) -> list[str]:
    """``a,b,c = w1,w2,w3``, cut at its commas into a, b, ``c = w1``, w2, w3: put back as a = w1, b = w2,
    c = w3 (never c = w1). Names before the equals sign without values after it stay out."""
    out = list(pieces)
    k = 0
    while k < len(out):
        left, eq, right = out[k].partition("=")
        if eq and _LONE_NAME.fullmatch(left):  # "s1, s2 = sigmoid(x1), sigmoid(x2)" as well
            names = 0
            while k - names - 1 >= 0 and "=" not in out[k - names - 1] and _LONE_NAME.fullmatch(out[k - names - 1]):
                names += 1
            if names:
                values = out[k + 1:k + 1 + names]
                lone = _LONE_NAME.fullmatch(right.split(":")[0] or "x") is not None
                whole = k - names == 0 and k + names == len(out) - 1 and not any(  # all the piece holds, and
                    _LONE_NAME.fullmatch(v) for v in values)  # formulas on the right as the first one is
                if len(values) == names and all("=" not in v for v in values) and (lone or whole):
                    lhs = [*out[k - names:k], left]
                    rhs = [right, *values]
                    out[k - names:k + 1 + names] = [f"{a.strip()} = {b.strip()}" for a, b in zip(lhs, rhs, strict=True)]
                    k += 1
                    continue
                if lone or len(values) < names:
                    out[k] = ""  # more names than values: which is which cannot be told
        k += 1
    return out


_SENTENCE_END = re.compile(r"(?<=[\w)}\]'])\s*\.\s*$")  # "ŷ = w_3 a_2 ." ends a sentence, not a number


# "x1 = w1·x  e  x2 = w2·σ1(x1)": a conjunction in any language before the next definition
_CONJUNCTION = re.compile(r"\s(?:and|und|et|e|y|i|oraz|ve|и|og|en|ja|és|a)\s+(?=[A-Za-z\\][\w{}^_\\]{0,20}\s*=)"
                          r"|(?<=[\w)}])\.\s+(?=[A-Za-z\\\u0370-\u03ff][\w{}^_\\]{0,20}\s*:?=)")  # "…(−u)). θ_l := w_l"
# "(my own): a = w1·x", "Notation: z1 = …": a lead-in before a colon (not the colon of :=)
_LEAD_IN = re.compile(r"^[^=:]*:\s+(?=[^=:]*[^:]=)")
# "记  x1^i = w1 x^i", "где h_1 = …": words of prose in another script before a definition
_PROSE_LEAD = re.compile(r"^(?:[^\x00-\u03FF\u1D00-\u1DFF\u2000-\u2BFF\s]+\s+)+")  # not ŷ, ᵢ, Greek


def _outer_parentheses(text: str) -> str:
    """``(h1 = sig1(x1), h2 = sig2(x2))``, an aside in parentheses: its content, without them."""
    if text.startswith("(") and text.count("(") > text.count(")"):
        return text[1:]  # "(s = sigmoid, x1 = w1x, a = learning rate": an aside whose words end the formula
    if text.endswith(")") and text.count(")") > text.count("("):
        return text[:-1]
    if not (text.startswith("(") and text.endswith(")")):
        return text
    depth = 0
    for i, c in enumerate(text):
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth == 0 and i < len(text) - 1:
            return text
    return text[1:-1]


# "t = σ₂(s)      （2層目の出力）": words in brackets set apart after the formula say what it is, they are no factor
_ASIDE_AFTER = re.compile(r"\s{2,}[(（](?=[^()（）]*[^\W\d_]{2})[^()（）]*[)）]\s*$"
                          # or after one space, a word of prose in it: "k = w2*sigmoid(h) (x2 su'aasha)"
                          r"|\s[(（](?=[^()（）]*(?<![\w\\])(?!(?:sig\w*|sigma|exp|log|ln|tanh|cosh|sinh|sqrt|sum|relu|"
                          r"softplus)\b)[A-Za-z]{3,}[\w'’]*(?!\s*\())[^()（）]*[)）]\s*$")
_A_POWER = re.compile(r"e\^.+|[^^]+\^-.+")  # e^-u, e^{2u}, s^-1: powers, not names (x^1, y^2 are data points)
# "θ = [w_1; w_2; w_3] \in \mathbb{R}^3": the space a value lies in, said after it
_IN_SPACE = re.compile(r"\s*(?:\\in|∈)\s*(?:\\mathbb\s*\{?\s*R\s*\}?|\\R\b|ℝ|R)"
                       r"\s*(?:\^\s*\{?\s*\d\s*\}?|[²³])?\s*[.,]?\s*$")


def _define(notation: Notation, lhs: str, rhs: str, reference: Reference) -> int:
    """Read ``lhs = rhs`` as a definition when it is one; 1 when something was recorded."""
    vocab = reference.latex
    assert vocab is not None
    rhs = _IN_SPACE.sub("", _ASIDE_AFTER.sub("", rhs))
    lhs = _WORD_NAMED.sub(r"\1", lhs)  # "\text{out} = w_3 h_2": the word is the name, as it is used later
    key = lhs
    indexed = define_indexed(notation, lhs, rhs, reference)
    if indexed is not None:
        return indexed
    _ascii_function(notation, lhs, vocab)
    _ascii_name(notation, lhs, vocab)
    shape = describe(lhs, vocab, notation.overlay)
    if shape is not None and shape.kind == "name" and _A_POWER.fullmatch(shape.of):
        return 0  # "e^{-u} = 1/s − 1": an identity the working uses, no name (e is Euler's number; x^{-1} a power)
    lhs = lhs.removesuffix("\\gets").strip()
    if shape is not None and shape.of.endswith("'") and shape.of not in vocab.functions:
        stem = notation.overlay.aliases.get(shape.of.removesuffix("'"), "")  # s' where s is σ
        shape = replace(shape, of=f"{stem}'") if f"{stem}'" in vocab.functions else shape
    if shape is not None and shape.kind == "apply" and shape.of.endswith("'") and shape.of in vocab.functions:
        return _derivative_defined(notation, shape.of, shape.arg, lhs, rhs, reference)
    if shape is not None and shape.kind == "name" and shape.of.endswith("'") and shape.of in vocab.functions:
        stem = shape.of.removesuffix("'")  # "σ' ≡ σ(1 − σ)": σ·(1 − σ), σ of one argument throughout
        names = [stem, *(a for a, t in notation.overlay.aliases.items() if t == stem)]  # and "s" where s = σ
        at_u = re.sub(rf"(?<![\w\\])(?:{'|'.join(re.escape(n) for n in names)})(?![\w_'{{])(\s*\()?",
                      lambda m: f"{stem}(u)" + (" \\cdot (" if m.group(1) else ""), rhs)
        return _derivative_defined(notation, shape.of, "u", lhs, at_u, reference)
    if shape is not None and shape.kind == "derivative" and f"{shape.of}'" in vocab.functions \
            and _NODE_PARAMETER.fullmatch(shape.wrt):  # "∂σ₂/∂x₂ = σ₂(x₂)(1 + σ₂(x₂))": a local derivative at a node,
        return _derivative_defined(notation, f"{shape.of}'", shape.wrt, f"{shape.of}'({shape.wrt})", rhs, reference)
    if shape is None or shape.kind not in ("name", "apply") or "'" in shape.of or "^new" in shape.of:
        return 0
    own_function = shape.kind == "apply" and shape.of not in vocab.functions  # dsig(u) = …: the answer to (b) and
    # the hand-in's own function, used by name in later answers
    if reference.classify_lhs is not None and not own_function \
            and any(_tag(reference, t, notation.overlay) is not None for t in (key, lhs)):
        return 0  # an answer (w^{new} = …, w_j ← …), not a definition
    name = shape.of
    if name in vocab.argument_free or name in vocab.vectors or name in vocab.assumed:
        return 0
    if not (own_function and _PART_VERSION.search(name) and any(
            _tag(reference, t, notation.overlay) is not None for t in (key, _PART_VERSION.sub("", name) + "(u)"))):
        notation.definitions.add(_compact(key))  # dsig_ii(u) = …: a function, and the answer to the part it names
    if shape.kind == "apply" and name in vocab.pointwise and _VARIABLES.fullmatch(shape.arg):
        return _intermediate_of_weights(notation, name, lhs, rhs, reference)  # x₂(w, x) = w[2]*x₁(w, x)
    if shape.kind == "apply" and shape.arg.strip() in vocab.vectors and name not in vocab.functions \
            and name not in vocab.symbols:  # φ(w) = w_1 x, ψ(w) = w_2 σ(φ(w)): a node's value as the weights' function;
        return _define_symbol(notation, name, lhs, rhs, reference)  # ψ alone, or ψ(w), is that value
    if shape.kind == "apply":
        shape = replace(shape, arg=_WEIGHTS_ARGUMENT.sub("", shape.arg))  # ŷ(x, w), y(x; w): a function of x
        if not re.fullmatch(r"[a-z]|\\[a-z]+", shape.arg):
            return _value_at_node(notation, name, lhs, rhs, reference)  # f(x^1) = …: a value at a point, not a
            # definition; "σ₂(x₂) = 1/(1 + e^{x₂})" at a node is checked
        model = name.split("_")[0]
        if model != name and model in vocab.functions and shape.arg == "x":  # f_θ(x) = θ_3 φ(θ_2 φ(θ_1 x))
            handout = handout_value(model, reference)
            if handout is not None and pinned(notation, lhs, rhs, handout, reference):
                notation.overlay.aliases[name] = model
                notation.restated.append(rhs)
                return 1
        if shape.arg == "x" and "_" not in name and name not in vocab.functions and name not in vocab.symbols:
            output = _output_named(notation, rhs, reference)  # o(x) = c φ(q): the model under a name of its own
            if output is not None:
                notation.overlay.aliases[name] = output
                notation.restated.append(rhs)
                return _said(notation, f"{_show(name)} is read as {_show(output)} (you wrote {lhs} = {rhs})", name)
        return _define_function(notation, name, shape.arg, lhs, rhs, reference) + _reused(notation, key)
    renamed = _renamed_by_index(notation, key, rhs, reference)
    if renamed:
        return renamed
    derived = {s for s, _ in reference.numeric_model.derived}
    if name in vocab.symbols and vocab.symbols[name] not in derived:
        return _define_outside(notation, name, lhs, rhs, reference)  # "x = 2" redefines no variable
    return _define_symbol(notation, name, lhs, rhs, reference) + _reused(notation, key)


_WORD_NAMED = re.compile(r"^\s*\\(?:text|textrm|textit|mathrm|mathit|operatorname)\s*\{\s*([A-Za-z]{2,12})\s*\}"
                         r"(?=\s*$)")
_ASCII_FUNCTION = re.compile(r"\s*(?:\\(?:operatorname|mathrm|text|textrm|mathit)\s*\{\s*([A-Za-z]{2,12})\s*\}"
                             r"|([A-Za-z]{2,12}))"
                             r"(?:_(?:[a-z]|ii|iv|vi))?"  # dsig_ii(u), dsig_b(u): a program's versions of one function
                             r"\d?\s*(?:\\left)?\s*\(\s*(?:[a-z\u03b1-\u03c9]|\\[a-z]+)\s*(?:\\right)?\s*\)"
                             r"\s*(?:\\gets)?\s*")


# dsig_i, dsig_ii: a program's version of a function for part (i) or (ii), the answer to that part (dsig_b, a second
# version, is a function only: "the slides' version, not mine" is no answer)
_PART_VERSION = re.compile(r"_(?:i|ii|iii|iv|v|vi)$")
_VARIABLES = re.compile(r"\s*[a-z\\θ]+\s*(?:[,;]\s*[a-z\\θ]+\s*)+")  # (w, x), (w; x), (\theta, x)


def _intermediate_of_weights(notation: Notation, name: str, lhs: str, rhs: str, reference: Reference) -> int:
    """The handout's intermediate written as the function of the weights and x it is (``x₂(w, x) = …``, as a
    program defines it): the handout's own (then ``x₂(w, x)`` in an answer is x₂), or another one, which an answer
    using the name cannot be read by (it goes to a person, and the report says why)."""
    try:
        value = _read_value(rhs, reference, notation.overlay).value
    except ExpressionSyntaxError:
        value = None
    handout = handout_value(name, reference)
    if value is not None and handout is not None and _equal(in_inputs(value, reference), in_inputs(handout, reference),
                                                             reference):
        notation.as_handout.add(name)
        return 0
    notation.overlay.said_otherwise.add(name)
    notation.overlay.notes[name] = (f"{_show(name)} is defined as {rhs.strip()[:60]}, not as the handout's "
                                    f"{_show(name)}: a person should read the answers that use it")
    return _said(notation, notation.overlay.notes[name], name)


def _ascii_function(notation: Notation, lhs: str, vocab: Any) -> None:
    """``sig(u) = …`` or ``\\operatorname{sig}(u) = …``: the word is one name (not s·i·g), so that it
    can be defined."""
    from grader.expressions.latex import vocab_words
    from grader.expressions.tokens import WORDS

    m = _ASCII_FUNCTION.fullmatch(lhs)
    word = m and (m.group(1) or m.group(2))
    if word and word not in vocab_words(vocab, notation.overlay) and word not in WORDS:  # sigma1(u): σ_1
        notation.overlay.aliases[word] = word


_ASCII_NAME = re.compile(r"\s*([A-Za-z]{2,8})\s*(?:_\s*(?:\{\s*\w{1,3}\s*\}|\w)|[\u2080-\u2089]{1,2}|\d{1,2})?\s*")


def _ascii_name(notation: Notation, lhs: str, vocab: Any) -> None:
    """``out_1 = σ(net_1)``: a word the hand-in defines is one name (not o·u·t), wherever it is used."""
    from grader.expressions.latex import vocab_words
    from grader.expressions.tokens import WORDS

    m = _ASCII_NAME.fullmatch(lhs)
    if m and m.group(1) not in vocab_words(vocab, notation.overlay) and m.group(1).lower() not in WORDS:
        notation.overlay.aliases[m.group(1)] = m.group(1)


_GENERIC = re.compile(r"\s*(\\?[A-Za-z]+|[\u0370-\u03ff])\s*_\s*\{?\s*([a-z])\s*\}?\s*")


def _renamed_by_index(notation: Notation, lhs: str, rhs: str, reference: Reference) -> int:
    """``θ_l := w_l``, ``β_j = w_j``: a name with a generic index equal to the weights' own is their name."""
    vocab = reference.latex
    assert vocab is not None
    left = _GENERIC.fullmatch(lhs.strip().removesuffix("\\gets").removesuffix(":"))
    right = _GENERIC.fullmatch(rhs.strip().rstrip(".,;"))
    if left is None or right is None or left.group(2) != right.group(2) or right.group(1) not in vocab.vectors:
        return 0
    from grader.expressions.tokens import tokenize

    name = tokenize(left.group(1))[0] if tokenize(left.group(1)) else left.group(1)
    if name in vocab.vectors or name in vocab.symbols or name in vocab.functions:
        return 0
    if name in notation.overlay.symbols:  # s1, s2 = s2, s1 after s1 = σ(x1): the name now means another thing
        return conflict(notation, name, lhs, f"{right.group(0).strip()}")
    notation.overlay.aliases[name] = right.group(1)
    notation.definitions.add(_compact(lhs))
    said = f"{_show(name)} is read as {right.group(1)} (you wrote {left.group(0).strip()} = {right.group(0).strip()})"
    return _said(notation, said, name)


def _tag(reference: Reference, lhs: str, overlay: Overlay) -> str | None:
    try:
        return reference.classify_lhs(lhs, overlay=overlay)  # type: ignore[misc, call-arg]
    except TypeError:
        return reference.classify_lhs(lhs)  # type: ignore[misc]


def _read_value(rhs: str, reference: Reference, overlay: Overlay) -> Any:
    """A name's value; ``g = Σ_i 2(f(x^i) − y^i) [df/dw1, df/dw2, df/dw3]``: derivatives the homework knows,
    written by name, are their values (a name for the gradient, used later in ``w -= lr*g``)."""
    try:
        return _read(rhs, reference, overlay)
    except ExpressionSyntaxError as exc:
        if "derivatives" not in str(exc):
            raise
        return _read(rhs, reference, overlay, results=True)


def _read(rhs: str, reference: Reference, overlay: Overlay, scope: Scope | None = None,
          results: bool = False) -> Any:
    """A definition's right side; ``results``: derivatives the homework knows may be written by name."""
    reading = parse_latex(rhs, reference.latex, overlay=overlay, scope=scope,  # type: ignore[arg-type]
                          vector=results)
    if reading.notes or (reading.named and not (results and all(n.known for n in reading.named))):
        raise ExpressionSyntaxError("it holds derivatives or assumptions")
    return reading


def _define_outside(notation: Notation, name: str, lhs: str, rhs: str, reference: Reference) -> int:
    """``u = w_1 x``: a variable of the problem named as an expression of the others. It keeps its own meaning
    where an answer is a function of it (σ'(u)); elsewhere (h = σ(u), ∂f/∂w_2 = … σ(u)) it is that expression."""
    vocab, overlay = reference.latex, notation.overlay
    assert vocab is not None
    symbol = vocab.symbols[name]
    variables = set(reference.numeric_model.variables)
    if not isinstance(symbol, sp.Symbol) or symbol not in variables or symbol in overlay.outside:
        return 0
    try:
        reading = _read(rhs, reference, overlay)
    except ExpressionSyntaxError:
        return 0
    value = reading.value
    if not isinstance(value, sp.Expr) or symbol in value.free_symbols or not value.free_symbols \
            or not value.free_symbols <= variables:
        return 0
    overlay.outside[symbol] = value
    notation.definitions.add(_compact(lhs))
    return _said(notation, f"{_show(name)} is read as {rhs.strip()[:60]} where the answer is not a function of "
                 f"{_show(name)} (you wrote {lhs.strip()} = {rhs.strip()[:60]})", name)


def _define_symbol(notation: Notation, name: str, lhs: str, rhs: str, reference: Reference) -> int:
    vocab, overlay = reference.latex, notation.overlay
    assert vocab is not None
    if name in vocab.symbols:
        overlay.own.add(name)
    if rhs.lstrip().startswith(("\\{", "{")):
        return 0  # D = {(x^1, y^1), …}: a set, not a name for an expression
    handout = handout_value(name, reference)
    if handout is not None and pinned(notation, lhs, rhs, handout, reference):
        return 1
    function = _function_named(rhs, reference, overlay)
    if function is not None:
        if name in vocab.functions or name in vocab.symbols or function == name:
            return 0
        function = _numbered_family(vocab, function)  # s = sigmoid: s_1 is σ_1
        overlay.aliases[name] = function
        return _said(notation, f"{_show(name)} is read as {_show(function)} (you wrote {lhs} = {rhs})", name)
    try:
        reading = _read_value(rhs, reference, overlay)
    except ExpressionSyntaxError as exc:
        if name in overlay.symbols and "defined twice" in str(exc):  # s1, s2 = s2, s1: given a value that is
            return conflict(notation, name, lhs, rhs)  # itself in doubt, the name may have changed
        return _ignored(notation, lhs, rhs, str(exc))
    value = reading.value
    if name in reading.names:
        same = re.sub(r"[\s_{}]", "", lhs.removesuffix("\\gets")) == re.sub(r"[\s_{}]", "", name)  # not a_n = a
        if name in overlay.symbols and same:  # s2 = σ(x2), then s2 = s2(1 − s2): which s2 is meant, a person decides
            return conflict(notation, name, lhs, rhs)
        return _ignored(notation, lhs, rhs, "it is circular")
    if isinstance(value, Vec):
        vectors = {k: list(v) for k, v in vocab.vectors.items()}
        for vname, comps in vectors.items():
            if list(value) == comps and vname != name:
                overlay.aliases[name] = vname
                return _said(notation, f"{_show(name)} is read as {_show(vname)} (you wrote {lhs} = {rhs})", name)
        if name in vocab.symbols or name in vocab.functions or name in vocab.vectors or name in overlay.symbols:
            return 0
        overlay.symbols[name] = value  # g = Σ_i 2(f(x^i) − y^i)[df/dw1, …]: a vector the hand-in names
        return _said(notation, f"{_show(name)} = {rhs[:80]}, as you defined it", name)
    if not value.free_symbols:
        return 0  # i = 1, N = 2, α = 0.01, "h_2 = σ(σ(1)) = 0.675" in a check: a value, not notation
    loss = _named_value(value, reference)
    if loss is not None and name not in vocab.functions and name not in vocab.symbols:
        overlay.aliases[name] = loss  # SSE = Σ_i (y_i − ŷ_i)²: the handout's loss under another name
        return _said(notation, f"{_show(name)} is read as {_show(loss)} (you wrote {lhs} = {rhs})", name)
    applied = function_at_variable(value, reference) if applied_as_function(name, notation.text, words=True) \
        and not value.free_symbols & set(overlay.outside) else None  # v = σ₁(u) after u = w₁x: a value, v(1 − v)
    if applied is not None and name not in vocab.symbols and name not in vocab.functions:
        overlay.aliases[name] = applied  # s = 1/(1+e^{-u}): s is the sigmoid, so s_1(x_1) is σ_1(x_1)
        return _said(notation, f"{_show(name)} is read as {_show(applied)} (you wrote {lhs} = {rhs})", name)
    for sname, svalue in vocab.symbols.items():
        if value == svalue and sname != name and name not in vocab.symbols:
            overlay.aliases[name] = sname
            return _said(notation, f"{_show(name)} is read as {_show(sname)} (you wrote {lhs} = {rhs})", name)
    variable = vocab.symbols.get("x")
    output = _model_output(value, reference)
    if output is not None and name not in vocab.symbols and name not in vocab.functions:
        overlay.symbols[name] = value  # ŷ = w_3 σ(z_2): the model's output, so ∂ŷ/∂w_1 is ∂f/∂w_1
        overlay.aliases[name] = output
        notation.restated.append(rhs)
        return _said(notation, f"{_show(name)} is read as {_show(output)}(x) (you wrote {lhs} = {rhs})", name)
    if name in vocab.functions and variable is not None and _equal(value, vocab.functions[name](variable), reference):
        notation.restated.append(rhs)
        return 0  # f = w3·σ(x2): the handout's function written without its argument
    if name in vocab.functions:
        applied = function_at_variable(value, reference)
        if applied is not None and vocab.functions[applied] is vocab.functions[name]:
            return 0  # σ = (1+e^{-u})^{-1}: the handout's σ, written with its variable
        written = describe(lhs, vocab, Overlay())
        if applied is None and written is not None and written.kind == "name" and written.of != name \
                and written.of not in vocab.functions and written.of not in overlay.symbols:
            overlay.symbols[written.of] = in_inputs(value, reference)  # s = σ, then s1 = s(w1·x): s1 is a value
            return _said(notation, f"{_show(written.of)} = {rhs}, as you defined it", written.of)
        model = any(key[0] == name and key[1] in vocab.vectors for key in vocab.derivatives)  # f, not σ: a function
        if written is not None and written.kind == "name" and written.of == name and value.free_symbols and not model \
                and _SCRIPT.search(lhs) and name not in overlay.symbols and not _applied_anywhere(lhs, notation.text):
            overlay.symbols[name] = in_inputs(value, reference)  # "σ_1 := σ(θ_1 x)": the hand-in's name for a value,
            overlay.own.add(name)  # never written applied to an argument (σ_2(1 − σ_2) is a product then); one of a
            # numbered family only (σ alone is the handout's function)
            return _said(notation, f"{_show(name)} is read as the value you defined ({lhs} = {rhs}), not as the "
                         "handout's function", name)
        shifted = [n for n in _intermediates_in(value, reference) if n not in overlay.own and n not in overlay.symbols]
        if variable is not None and shifted and model:  # of the weights (a name the hand-in defined as the handout
            # does stays: a slip)
            return _shifted_nodes(notation, lhs, rhs, shifted, reference)
        return _ignored(notation, lhs, rhs, "it names a function of the handout without its argument")
    if name in vocab.symbols:
        if _equal(value, vocab.symbols[name], reference):
            notation.as_handout.add(name)
            return 0  # the handout's own definition, restated
        if _at_a_data_point(name, value, reference):
            if name in notation.as_handout:
                return 0  # "x_2 = w_2σ_1(x_1)" in (d), then "(with x_2 = w_2σ_1(w_1x^1))" in (f): at one data point
            overlay.said_otherwise.add(name)  # only ever said at one data point: at x, or at x^k? a person decides
            overlay.notes[name] = (f"{lhs} = {rhs} is the handout's {_show(name)} at one data point: whether the "
                                   "answers mean it there or at the input x, a person should decide")
            return _said(notation, overlay.notes[name], name)
        overlay.symbols[name] = value
        return _said(notation, f"{_show(name)} is read as you defined it ({lhs} = {rhs}), not as in the handout",
                     name)
    if name in overlay.symbols:
        if _equal(in_inputs(value, reference), overlay.symbols[name], reference):
            return 0  # the same name said again, in other words
        return conflict(notation, name, lhs, rhs)  # a = σ_1(x_1), later a = σ_2(x_2): which one, a person decides
    if name in overlay.reserved and name in overlay.notes and "defined twice" in overlay.notes[name]:
        return 0
    overlay.symbols[name] = in_inputs(value, reference)  # a_1 = σ_1(x_1) at a data point is σ(w_1 x^i)
    return _said(notation, f"{_show(name)} = {rhs}, as you defined it", name)


_SCRIPT = re.compile(r"(_|\^)\{?([^{}\s]{1,4})\}?")


def _applied_anywhere(lhs: str, text: str) -> bool:
    """Whether the hand-in writes the name ``lhs`` as a function anywhere: applied to an argument (``σ_1(u)``,
    ``σ₁(x₁)``, ``σ_{1}\\left(x``; a bracket opening with "1 −" after it is a product, ``σ_2(1 − σ_2)``), or
    differentiated in the handout's variable u (``dσ_1/du``, ``\\frac{d\\sigma_1}{du}``)."""
    names = _name_forms(lhs)
    return re.search(rf"(?<![A-Za-z])(?:{names})\s*(?:\\left|\\bigl?|\\Bigl?)?\s*\((?!\s*1\s*[-−])", text) is not None \
        or re.search(rf"(?:\bd|∂|\\partial|\\mathrm\{{d\}})\s*(?:{names})\s*(?:\}}\s*\{{|/)\s*(?:\bd|∂|\\partial"
                     rf"|\\mathrm\{{d\}})\s*u\b", text) is not None


def _name_forms(lhs: str) -> str:
    """A pattern for the name ``lhs`` as written: ``\\sigma_1``, ``\\sigma_{1}``, ``σ_1``, ``σ1``, ``σ₁``."""
    stem = lhs.strip()
    m = _SCRIPT.search(stem)
    base = stem[:m.start()].strip() if m else stem
    greek = {"\\sigma": "σ", "σ": "σ", "\\phi": "φ", "\\varphi": "φ", "φ": "φ"}.get(base)
    forms = [re.escape(base) + (rf"\s*{re.escape(m.group(1))}\s*\{{?\s*{re.escape(m.group(2))}\s*\}}?" if m else "")]
    if greek is not None:
        sub = f"(?:_?\\{{?{re.escape(m.group(2))}\\}}?|{_UNICODE_SUB.get(m.group(2), '@')})" if m else ""
        forms += [greek + sub, "\\\\sigma" + sub] if greek == "σ" else [greek + sub]
    return "|".join(forms)


_UNICODE_SUB = dict(zip("0123456789", "₀₁₂₃₄₅₆₇₈₉", strict=True))


def _at_a_data_point(name: str, value: Any, reference: Reference) -> bool:
    """Whether ``value`` is the handout's ``name`` with the input x put as one data point's x^k."""
    vocab = reference.latex
    assert vocab is not None
    x = vocab.symbols.get("x")
    if x is None or name not in vocab.pointwise or not isinstance(value, sp.Expr):
        return False
    in_x = vocab.in_input(vocab.symbols[name])
    points = [vocab.symbols[f"x^{k}"] for k in vocab.datapoints if f"x^{k}" in vocab.symbols]
    return any(_equal(vocab.in_input(value), in_x.subs(x, point), reference) for point in points)


def _output_named(notation: Notation, rhs: str, reference: Reference) -> str | None:
    """The homework's model function that ``rhs`` restates at the input x (read with the notation so far), else
    None (an unreadable right side is no model)."""
    try:
        value = _read_value(rhs, reference, notation.overlay).value
    except ExpressionSyntaxError:
        return None
    return _model_output(value, reference) if not isinstance(value, Vec) else None


def _model_output(value: Any, reference: Reference) -> str | None:
    """The homework's model function (f, f_w) that ``value`` is at the input x, else None."""
    vocab = reference.latex
    assert vocab is not None
    variable = vocab.symbols.get("x")
    if variable is None or isinstance(value, Vec) or value.free_symbols - set(vocab.symbols.values()):
        return None
    value = in_inputs(value, reference)  # y_hat = w_3 σ_2(x_2): x_2 written out
    models = {name for name, wrt in vocab.derivatives if wrt in vocab.vectors and name in vocab.functions}
    for fname in sorted(models):
        if value == vocab.functions[fname](variable):
            return fname  # ŷ = f_β(x): the model function itself, at the input
    weights = {w for components in vocab.vectors.values() for w in components}
    if not value.free_symbols & weights:
        return None  # h = 1/(1+e^{-x}) is σ at x, a value: the model's output depends on its weights
    for fname, function in vocab.functions.items():
        if fname.endswith("'"):
            continue
        if variable in value.free_symbols and _equal(value, function(variable), reference):
            return fname
    return None


def in_inputs(value: Any, reference: Reference) -> Any:
    """``value`` with the handout's intermediate names (x_2, x_1) written out in its inputs, so that it can
    be taken at a data point."""
    for symbol, definition in reversed(reference.numeric_model.derived):
        value = value.xreplace({symbol: definition})
    return value


def _named_value(value: Any, reference: Reference) -> str | None:
    """The argument-free name of the homework (the loss L) that ``value`` equals, else None."""
    vocab = reference.latex
    assert vocab is not None
    if isinstance(value, Vec) or not getattr(value, "free_symbols", None):
        return None
    for name, expected in vocab.values.items():
        if _equal(value, expected, reference):
            return name
    return None


def _numbered_family(vocab: Any, function: str) -> str:
    """The name of ``function`` that the homework numbers (σ for sigmoid, since σ_1 and σ_2 exist), so that a
    name given to it is numbered the same way (s for sigmoid: s_1 is σ_1); else ``function`` itself."""
    return next((n for n, f in vocab.functions.items() if f is vocab.functions.get(function)
                 and f"{n}_1" in vocab.functions), function)


def _function_named(rhs: str, reference: Reference, overlay: Overlay) -> str | None:
    """The homework's function a right side names alone (``s = sigmoid``, ``g = \\sigma``, ``[s = σ']``), else
    None."""
    vocab = reference.latex
    assert vocab is not None
    shape = describe(rhs, vocab, overlay)
    if shape is None or shape.kind != "name":
        return None
    name = overlay.aliases.get(shape.of, shape.of)
    return name if name in vocab.functions else None


# the weights after the variable, as statistics writes a model's arguments: y(x, w), ŷ(x; w), f(x | θ)
_WEIGHTS_ARGUMENT = re.compile(r"\s*[,;|]\s*(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\s*)?(?:w|\\theta|\\beta)\s*\}?\s*$")


_NUMBER_AT = re.compile(r"\s*-?\s*\d+(?:[.,]\d+)?\s*")
_FRACTION_COMMAND = re.compile(r"\\[dt]?frac|\\approx|\\,|\\;")
_LETTER = re.compile(r"[A-Za-z]")


def _derivative_defined(notation: Notation, name: str, param: str, lhs: str, rhs: str, reference: Reference) -> int:
    """``σ'(u) := σ(u)(1 + σ(u))``: the answer to (b) and a definition later answers use by name. When it is not
    the derivative, an answer written with σ' cannot be read one way (the handout's σ' or the hand-in's): each
    derivative of that family is reserved, so such an answer goes to a person with the definition shown."""
    vocab, overlay = reference.latex, notation.overlay
    assert vocab is not None
    written = rhs
    node = _NODE_PARAMETER.fullmatch(param)
    if node is not None and (same := _node_sides_equal(lhs, rhs, reference, overlay)) is not None:
        return 0 if same else _doubt_family(  # "σ'(z_2) = a_2·σ(−z_2)" in the hand-in's own names: compared as the
            notation, name, _not_the_handouts(lhs, rhs, name), reference)  # values they are
    if node is not None and (at := _at_node(node, rhs)) is not None:
        param, rhs = at  # "where σ'(x_k) = σ(x_k)(1 + σ(x_k))": the hand-in's σ' at its nodes, a formula of the node
    if not re.fullmatch(r"[a-z]|\\[a-z]+", param):
        if _NUMBER_AT.fullmatch(param) and not _LETTER.search(_FRACTION_COMMAND.sub("", rhs)):
            return 0  # "σ'(0) = \tfrac14": a check at a number, no formula
        if _A_FORMULA.search(rhs) and not _EQUAL_NAMED.fullmatch(rhs):  # "σ'(net_k) = σ(1 + σ)", "σ'(z^{[l]}) =
            # a^{[l]}(1 + a^{[l]})": a formula at a node this reading cannot check: an answer written with σ' goes to
            # a person
            return _doubt_family(notation, name, f"you wrote {lhs} = {written}, which this reading cannot check "
                                 f"against the derivative of {_show(_family(name))}: a person should decide how an "
                                 "answer written with it reads", reference)
        return 0  # σ'(x_2) = 0.25: a value at a point
    inner = Overlay({**overlay.symbols, param: PARAMETER}, dict(overlay.functions), dict(overlay.aliases))
    try:
        body = _read(rhs, reference, inner, Scope(), results=False).value
    except ExpressionSyntaxError:
        return 0  # "σ'(u) = A or B": read (and doubted) as the answer it is
    if isinstance(body, Vec) or _equal(body, vocab.functions[name](PARAMETER), reference, PARAMETER):
        return 0
    if not getattr(body, "free_symbols", True):
        return 0  # "at u = 0: σ = 0.5 so σ' = 0.25": a value at a point, no definition
    from grader.expressions.lenient import lenient_readings

    for text in lenient_readings(rhs):  # "σ 1 ′ (u) = (e −u)/((1 + e −u ) 2)": the derivative, its powers lost in
        try:  # a conversion (the answer to (b) goes to a person for that; the name still means σ')
            if _equal(_read(text, reference, inner, Scope(), results=False).value, vocab.functions[name](PARAMETER),
                      reference, PARAMETER):
                return 0
        except ExpressionSyntaxError:
            continue
    note = f"you defined {lhs} = {written}, which is not the derivative of {_show(_family(name))}: a person should " \
           "decide how an answer written with it reads"
    return _doubt_family(notation, name, note, reference)


def _family(name: str) -> str:
    """The function a derivative's name belongs to: σ for σ', σ₁' and σ₂'."""
    return name.removesuffix("'").split("_")[0]


def _doubt_family(notation: Notation, name: str, note: str, reference: Reference) -> int:
    """Every derivative of ``name``'s family (σ', σ₁', σ₂') reserved for a person, with ``note`` said: an answer
    written with one of them cannot be read one way."""
    vocab, overlay = reference.latex, notation.overlay
    assert vocab is not None
    for known in vocab.functions:
        if known.endswith("'") and _family(known) == _family(name):
            overlay.doubted.add(known)
            overlay.notes[known] = note
    return _said(notation, note, name)


def _not_the_handouts(lhs: str, rhs: str, name: str) -> str:
    return f"you wrote {lhs} = {rhs}, which is not {_show(lhs)} as the handout defines it: a person should decide " \
           f"how an answer written with {_show(name)} reads"


# a right side that is a formula (letters, a function), not a value at a point
_A_FORMULA = re.compile(r"[A-Za-zα-ω]|\\[a-z]")
# a right side that only names the derivative again ("σ'(x_2) = dσ/dx_2", "= σ_2'(x_2)"): nothing said
_EQUAL_NAMED = re.compile(r"\s*(?:\\frac\s*\{\s*(?:d|\\partial)[^{}]*\}\s*\{[^{}]*\}"
                          r"|(?:d|∂|\\partial)\s*\S{1,12}\s*/\s*(?:d|∂|\\partial)\s*\S{1,8}|\\?σ?\w{0,8}'\s*(?:\([^()]*\))?)\s*")


def _node_sides_equal(lhs: str, rhs: str, reference: Reference, overlay: Overlay,
                      results: bool = True) -> bool | None:
    """Whether the two sides of a statement at a node are the same value as the hand-in's names read (None when
    either side cannot be read so, or one is a number); ``results``: the left side may name a derivative (σ'(x₂))."""
    try:
        left = _read(lhs, reference, overlay, results=results).value
        right = _read(rhs, reference, overlay).value
    except ExpressionSyntaxError:
        return None
    if isinstance(left, Vec) or isinstance(right, Vec) or not getattr(right, "free_symbols", None) \
            or not getattr(left, "free_symbols", None):
        return None
    return _equal(left, right, reference)


def _value_at_node(notation: Notation, name: str, lhs: str, rhs: str, reference: Reference) -> int:
    """``σ₂(x₂) = σ(w₂ x₁)``: a handout function's value at a node, spelled out. Where the two sides differ as the
    hand-in's names read (a sign lost, a node skipped), an answer written with that function cannot be read one
    way: it goes to a person with the statement shown. A number (a check's value) or a side not read says nothing."""
    vocab, overlay = reference.latex, notation.overlay
    assert vocab is not None
    if name not in vocab.functions or name.endswith("'") \
            or _node_sides_equal(lhs, rhs, reference, overlay, results=False) is not False:
        return 0
    note = _not_the_handouts(lhs, rhs, name)
    overlay.doubted.add(name)
    overlay.notes[name] = note
    return _said(notation, note, name)


# a node's name as an argument: x_k, x_{2}, z2, x₂
_NODE_PARAMETER = re.compile(r"\s*((?!w)[a-z])\s*(?:_\s*\{?\s*([0-9a-z])\s*\}?|([0-9]))\s*"
                             r"(\^\s*(?:\{[^{}]{1,8}\}|\w))?\s*")  # (not a weight: ∂σ₂/∂w₂ is a step)
_SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _at_node(node: re.Match[str], rhs: str) -> tuple[str, str] | None:
    """A right side written in a node's name (``σ(x_k)(1 + σ(x_k))``) as a function of a dummy letter, with that
    letter; None when the side does not use the node (``σ'(x_2) = 0.25`` is a value there)."""
    letter, index = node.group(1), node.group(2) or node.group(3)
    subscript = index.translate(_SUBSCRIPT_DIGITS) if index.isdigit() else ""
    point = r"\s*\^\s*(?:\{[^{}]{1,8}\}|\w)" if node.group(4) else ""  # x_k^i: the node at a data point
    pattern = re.compile(rf"(?<![\w\\]){letter}\s*(?:_\s*(?:\{{\s*{index}\s*\}}|{index}(?![\w]))|{index}(?![\w])"
                         + (rf"|{subscript}" if subscript else "") + f"){point}")
    if pattern.search(rhs) is None:
        return None
    dummy = next(d for d in ("u", "t", "v", "s") if not re.search(rf"(?<![\w\\]){d}(?![\w])", rhs))
    return dummy, pattern.sub(f" {dummy} ", rhs)


def _shifted_nodes(notation: Notation, lhs: str, rhs: str, names: list[str], reference: Reference) -> int:
    """"f = w3 σ(x1)" where the handout's f is w3 σ(x2): x1 means another node here, so every answer written with
    it goes to a person (read with the handout's x1 it could pass a slip, or fail a right answer)."""
    overlay = notation.overlay
    names = names + [n for n in _intermediates_in(None, reference) if n not in names and n not in overlay.own
                     and n not in overlay.symbols]  # the numbering as a whole: x_2 too, when x_1 is shifted
    for other in names:
        overlay.said_otherwise.add(other)
        overlay.notes[other] = (f"you wrote {lhs} = {rhs[:80]}, which with the handout's {_show(other)} is not the "
                                f"model: your {_show(other)} is not the handout's; a person should read the answers "
                                "using it")
    return _said(notation, overlay.notes[names[0]], names[0])


def _intermediates_in(value: Any, reference: Reference) -> list[str]:
    """The handout's intermediate names (derived from its variables: x_1, x_2) that ``value`` holds: in the hand-in's
    own statement of a handout function that is not the handout's ("f = w_3 σ(x_1)"), another node than the
    handout's."""
    derived = {str(name) for name, _ in reference.numeric_model.derived}
    held = derived if value is None else {str(s) for s in getattr(value, "free_symbols", set())} & derived
    return sorted(n for n, v in reference.latex.symbols.items() if str(v) in held) if reference.latex else []


def _define_function(notation: Notation, name: str, param: str, lhs: str, rhs: str, reference: Reference) -> int:
    vocab, overlay = reference.latex, notation.overlay
    assert vocab is not None
    if _restates_known(name, param, rhs, reference, overlay):
        if vocab.symbols.get(param) == vocab.symbols.get("x") and handout_value(name, reference) is not None:
            notation.restated.append(rhs)
        return 0  # f_w(x) = w_3 σ_2(x_2): the handout's function, written with its intermediates
    known = vocab.functions.get(overlay.aliases.get(name, name))
    if known is not None and param in vocab.symbols and pinned(notation, lhs, rhs, known(vocab.symbols[param]),
                                                                reference):
        return 1
    inner = Overlay({**overlay.symbols, param: PARAMETER}, dict(overlay.functions), dict(overlay.aliases))
    inner.symbols.pop(name, None)
    try:
        reading = _read(rhs, reference, inner, Scope(), results=True)
    except ExpressionSyntaxError as exc:
        return _ignored(notation, lhs, rhs, str(exc))
    if name in reading.names:
        return _ignored(notation, lhs, rhs, "it is circular")
    body = reading.value
    if not isinstance(body, Vec) and not body.free_symbols and not body.atoms(sp.Function):
        return 0  # g(s) = 0.3492 in a numeric check: the function's value at one point, not its definition
    loss = _named_value(body, reference)
    if loss is not None and name not in vocab.functions and name not in vocab.symbols:
        overlay.aliases[name] = loss  # RSS(θ) = Σ (y^i − ŷ^i)²: the handout's loss, so ∇_θ RSS is ∇_w L
        return _said(notation, f"{_show(name)} is read as {_show(loss)} (you wrote {lhs} = {rhs})", name)
    if reading.named:  # g(x) = ∇_w f_w(x): results written by name; each use of g carries them
        if vocab.symbols.get(param) == vocab.symbols.get("x") and isinstance(vocab.symbols.get("x"), sp.Symbol):
            from grader.expressions.latex_names import substitute  # g(x) := (df/dw1, df/dw2, df/dw3): the named
            body = substitute(body, {vocab.symbols["x"]: PARAMETER})  # derivatives at the input g is applied to
        overlay.functions[name] = (PARAMETER, body)
        overlay.named[name] = list(reading.named)
        return _said(notation, f"{_show(name)}({param}) = {rhs}, as you defined it", name)
    if isinstance(body, Vec):
        return 0
    for fname, function in vocab.functions.items():
        if not fname.endswith("'") and _equal(body, function(PARAMETER), reference, PARAMETER):
            if fname == name or vocab.functions.get(name) is function:
                return 0  # σ(x) = 1/(1+e^{-x}): the handout's σ with another letter
            overlay.aliases[name] = fname
            base = name.split("_")[0]  # h_θ(x) = …, then ∂h/∂θ_3: the model's name without its weights
            if base != name and not any(base in known for known in (vocab.functions, vocab.symbols, overlay.aliases,
                                                                     overlay.functions, overlay.symbols)):
                overlay.aliases[base] = fname
            return _said(notation, f"{_show(name)} is read as {_show(fname)} (you wrote {lhs} = {rhs})", name)
    model = any(key[0] == name and key[1] in vocab.vectors for key in vocab.derivatives)
    shifted = [n for n in _intermediates_in(body, reference) if n not in overlay.own and n not in overlay.symbols]
    if model and shifted:  # "f_w(x) = w_3 σ_2(x_1)" where the handout's is w_3 σ_2(x_2): x_1 is another node here
        return _shifted_nodes(notation, lhs, rhs, shifted, reference)
    overlay.functions[name] = (PARAMETER, body)
    what = "not as in the handout" if name in vocab.functions else "as you defined it"
    return _said(notation, f"{_show(name)}({param}) = {rhs}, {what}", name)


def _restates_known(name: str, param: str, rhs: str, reference: Reference, overlay: Overlay) -> bool:
    """The definition of a function the homework knows, with its own variable (σ(u) = …, f_w(x) = …)."""
    vocab = reference.latex
    assert vocab is not None
    function = vocab.functions.get(overlay.aliases.get(name, name))
    variable = vocab.symbols.get(param)
    if function is None or variable is None:
        return False
    from grader.expressions.lenient import lenient_readings

    for text in (rhs, *lenient_readings(rhs)):  # σ_1(u) = (1 + exp(−u))−1: a superscript lost in conversion
        try:
            body = _read(text, reference, overlay).value
        except ExpressionSyntaxError:
            continue
        if not isinstance(body, Vec) and variable not in overlay.outside and overlay.outside:
            body = body.subs(overlay.outside)  # f_w(x) = w₃t with t = σ₂(w₂σ₁(u)), u = w₁x: of x throughout
        if not isinstance(body, Vec) and _equal(body, function(variable), reference):
            return True
    return False


def _equal(a: Any, b: Any, reference: Reference, parameter: sp.Symbol | None = None) -> bool:
    """Equal as functions of the homework's variables (a function's parameter set to one of them); two vectors
    entry by entry, a vector never equal to one expression."""
    if isinstance(a, Vec) or isinstance(b, Vec):
        return isinstance(a, Vec) and isinstance(b, Vec) and len(a) == len(b) \
            and all(_equal(x, y, reference, parameter) for x, y in zip(a, b, strict=True))
    model = reference.numeric_model
    if parameter is not None:
        from grader.expressions.latex_names import substitute

        variable = min(model.variables, key=lambda s: s.name)
        a, b = substitute(a, {parameter: variable}), substitute(b, {parameter: variable})
    try:
        return same_function(a, b, model, points=8, min_valid=6)
    except BudgetExceeded:
        return False


def _functions_in_words(notation: Notation, text: str, reference: Reference) -> None:
    """"I have used `s()` for sigmoid": s is σ, said in a sentence, not in an equation; ``sig(u)``, never
    defined, is σ by its usual abbreviation."""
    from grader.reading.notation_words import NOT_A_NUMBER, function_names, usual_abbreviation

    vocab, overlay = reference.latex, notation.overlay
    assert vocab is not None
    said = [(name, word, f"you wrote that {name} stands for {word}")
            for name, word in function_names(text, sorted(w for w in vocab.words if w in vocab.functions))]
    for word in sorted(w for w in vocab.words if w in vocab.functions and len(w) > 3):
        if usual_abbreviation(text, notation.text.split("\n"), word[:3]):
            said.append((word[:3], word, "its usual abbreviation, never defined"))  # sig for sigmoid
        if re.search(rf"(?<![A-Za-z\\]){word[0]}(?:_?\{{?[12]\}}?|[₁₂])?'?\s*\(\s*[A-Za-z\\]", text) \
                and not re.search(rf"(?<![A-Za-z\\]){word[0]}(?:_?\{{?[12]\}}?|[₁₂])?\s*(?::=|=|≔|<-|←){NOT_A_NUMBER}",
                                  text) \
                and usual_abbreviation(text, notation.text.split("\n"), word[0]):
            said.append((word[0], word, "its usual abbreviation, never defined"))  # s(u), s1(x1), s2'(x2): its
            # first letter, numbered as the handout numbers σ or not
    for name, word, why in said:
        if name in overlay.aliases or name in vocab.symbols or name in vocab.functions or name in vocab.vectors:
            continue
        function = _numbered_family(vocab, word)  # s for sigmoid: s_1 is σ_1
        if re.search(rf"(?<![A-Za-z\\]){re.escape(name)}_?\{{?[12]\}}?\s*(?::=|=)\s*{re.escape(name)}\s*\(", text):
            function = word  # "sig1 = sig(x1)": the numbered names are the hand-in's own values, not σ_1
        overlay.aliases[name] = function
        _said(notation, f"{_show(name)} is read as {_show(function)} ({why})", name)
    for word in sorted(w for w in vocab.words if w in vocab.functions and f"{w}'" in vocab.functions):
        for name in sorted({m.group() for m in re.finditer(rf"(?<![A-Za-z\\])d(?:{word[:3]}|{word})[A-Za-z]*(?=\s*\()",
                                                            text)}):
            if name in overlay.aliases or name in overlay.functions or not usual_abbreviation(
                    text, notation.text.split("\n"), name, derivative=True):
                continue  # dsig(u) = …: the hand-in's own definition decides
            overlay.aliases[name] = f"{word}'"
            _said(notation, f"{_show(name)} is read as {word}' (the usual name of its derivative)", name)


def _learning_rate(notation: Notation, doc: Any, reference: Reference) -> None:
    """"learning rate η", "step size γ", "a = alpha" in the text: that name is the step the handout calls α."""
    from grader.reading.notation_rate import step_names, usual_step_name

    vocab = reference.latex
    if vocab is None or "\\alpha" not in vocab.symbols:
        return
    overlay = notation.overlay
    text = getattr(doc, "text", "") or ""
    names = list(step_names(text))
    usual = usual_step_name(text)
    if not names and usual is not None and usual not in overlay.aliases and usual not in overlay.symbols:
        overlay.aliases[usual] = "\\alpha"
        _said(notation, f"{_show(usual)} is read as the step size α (the usual name of the learning rate)", usual)
    for name in names:
        word = overlay.aliases.get(name) == name  # "lr = learning rate": lr made one word, not yet a meaning
        if (name in overlay.aliases and not word) or name in overlay.symbols or name in overlay.functions \
                or name in vocab.symbols or name in vocab.functions:
            continue
        overlay.aliases[name] = "\\alpha"
        _said(notation, f"{_show(name)} is read as the step size α (you call it the learning rate or step)", name)


def _loss_named(notation: Notation, doc: Any, reference: Reference) -> Notation:
    """"Loss $ℓ(a,b,c) = …$", "the cost J", "E is the error": a name the text calls the loss, and that no definition
    of the hand-in gave a value (read last, once the renamings are chosen), is the homework's loss."""
    from grader.reading.notation_rate import loss_names

    vocab, overlay = reference.latex, notation.overlay
    if vocab is None or vocab.loss is None:
        return notation
    loss: str = vocab.loss
    for name in dict.fromkeys(loss_names(getattr(doc, "text", "") or "")):
        if name == loss or name in overlay.aliases or name in overlay.symbols or name in overlay.functions \
                or name in vocab.symbols or name in vocab.functions or any(
                    re.match(rf"\s*{re.escape(name)}(?![A-Za-z])", sides[0]) for sides in notation.unread):
            continue  # (a loss defined in names this reading does not know: a person reads what it means)
        overlay.aliases[name] = loss
        _said(notation, f"{_show(name)} is read as the loss {loss} (you call it the loss)", name)
    return notation


def _reused(notation: Notation, key: str) -> int:
    """A self-referential step (θ ← θ − η∇L) uses its left side as an answer, not a definition."""
    if notation.notes and notation.notes[-1].endswith("(it is circular)"):
        notation.reused.add(_compact(key))
    return 0


def _ignored(notation: Notation, lhs: str, rhs: str, why: str) -> int:
    return _said(notation, f"your definition {lhs[:60]} = {rhs[:80]} is not used ({why})")


def _said(notation: Notation, note: str, name: str | None = None) -> int:
    if name is not None:
        notation.overlay.notes[name] = note
    if note not in notation.notes:
        notation.notes.append(note)
    return 1


def _show(name: str) -> str:
    return name.replace("\\", "")
