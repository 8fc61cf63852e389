"""Function names a hand-in never defines in words but pins down by restating the handout's model.

A student who writes "f = w3 s2(w2 s1(w1 x))" or "x2 = w2 sig1(x1)" names the handout's
σ₂ and σ₁ ``s2``/``sig1``: the left side is the handout's own quantity, and the right side
equals the handout's definition exactly when the unknown function names are read as the
handout's functions. A TA reads them so; so does this module, and says it in the report.
An unknown name that no such reading explains stays unknown (the answer goes to review).
Nothing here evaluates text as code: every side is read with the safe grammar.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from grader.expressions.budget import BudgetExceeded
from grader.expressions.latex import Overlay, Scope, parse_latex, vocab_words
from grader.expressions.latex_names import UnknownName
from grader.expressions.lhs import describe
from grader.expressions.parse import ExpressionSyntaxError
from grader.expressions.tokens import WORDS
from grader.expressions.vec import Vec

MAX_UNKNOWN = 3  # distinct unknown function names one definition may pin down
_WORD = re.compile(r"(?<![\\A-Za-z])(?:\\(?:operatorname|mathrm|text|textrm)\s*\{\s*)?([A-Za-z]{2,12})\}?"
                   r"(?=\s*(?:_\{?\d\}?|\d)?\s*(?:\^\{?\\prime\}?|')?\s*(?:\\left|\\big|\\Big)?\s*\()")


def function_words(text: str, known: set[str]) -> set[str]:
    """Multi-letter words applied like functions (``sig1(x1)``, ``\\operatorname{sig}(u)``) that are not known."""
    return {w for w in _WORD.findall(text) if w not in known and w not in WORDS and w.lower() not in WORDS}


def identify(lhs_value: Any, rhs: str, vocab: Any, overlay: Overlay,
             equal: Callable[[Any, Any], bool]) -> dict[str, str] | None:
    """The aliases (unknown base name -> the homework's function) under which ``rhs`` equals ``lhs_value``.

    None when the side has no unknown function name, or when no reading makes it equal.
    """
    words = function_words(rhs, vocab_words(vocab, overlay))
    trial = {w: w for w in words}  # sig1(x1): one word, so that it can be read as a name
    found = _search(lhs_value, rhs, vocab, overlay, trial, equal, depth=0)
    if not found:
        return None
    return {k: v for k, v in found.items() if k not in words or v != k}


def _bases(vocab: Any) -> list[str]:
    """The homework's function names without index or prime (σ, sigmoid, f), in a fixed order."""
    return sorted({n.rstrip("'").split("_")[0] for n in vocab.functions if not n.endswith("'")})


def _vector_names(vocab: Any) -> list[str]:
    """The homework's vector names (w), so that θ in θ_3 φ(θ_2 φ(θ_1 x)) can be read as w."""
    return sorted(v for v in vocab.vectors if "^" not in v)


def _search(lhs_value: Any, rhs: str, vocab: Any, overlay: Overlay, trial: dict[str, str],
            equal: Callable[[Any, Any], bool], depth: int) -> dict[str, str] | None:
    attempt = Overlay(dict(overlay.symbols), dict(overlay.functions), {**overlay.aliases, **trial},
                      dict(overlay.notes))
    try:
        reading = parse_latex(rhs, vocab, overlay=attempt)
    except UnknownName as exc:
        base = exc.name.rstrip("'").split("_")[0].split("^")[0]
        if depth >= MAX_UNKNOWN or not base or base.startswith("\\text") or trial.get(base, base) != base \
                or base in vocab.symbols or base in overlay.symbols:
            return None
        for candidate in [*_bases(vocab), *_vector_names(vocab)]:
            found = _search(lhs_value, rhs, vocab, overlay, {**trial, base: candidate}, equal, depth + 1)
            if found is not None:
                return found
        return None
    except (ExpressionSyntaxError, BudgetExceeded, RecursionError):
        return None
    if depth == 0 or reading.named or reading.notes or isinstance(reading.value, Vec):
        return None
    return trial if equal(reading.value, lhs_value) else None

# ------------------------------------------------------------------ kinds of definitions a TA reads
# (each uses the notation module's helpers, imported when called: that module imports this one)
def _helpers() -> Any:
    from grader.reading import notation

    return notation


# an index letter of a data point (not h, o or l: a_h = σ(z_h), a_o = σ(z_o) name the hidden and output layers)
_INDEXED = re.compile(r"(?P<stem>.+?)\s*(?P<mark>[\^_])\s*"
                      r"(?:\{\s*\(?\s*(?P<i1>[a-gi-kmnp-z])\s*\)?\s*\}|\(\s*(?P<i2>[a-gi-kmnp-z])\s*\)"
                      r"|(?P<i3>[a-gi-kmnp-z]))"
                      r"\s*(?::|\\gets)?\s*")  # e_i := …


def define_indexed(notation: Any, lhs: str, rhs: str, reference: Any) -> int | None:
    """``r^k = f_w(x^k) − y^k``, ``e_n = y_n − f_w(x_n)``: one value per data point (r^1, r^2); None when
    the left side is not a new name with a data-point index that the right side uses as one."""
    vocab = reference.latex
    assert vocab is not None
    m = _INDEXED.fullmatch(lhs)
    if m is None:
        return None
    index = m.group("i1") or m.group("i2") or m.group("i3")
    shape = describe(m.group("stem"), vocab, notation.overlay)
    if shape is None or shape.kind != "name" or index in vocab.symbols \
            or ("^" in shape.of and shape.of.partition("^")[2] not in ("hat", "bar", "tilde")):
        return None
    stem = shape.of
    derived = {s for s, _ in reference.numeric_model.derived}
    if not re.search(rf"[\^_]\s*\{{?\(?{index}(?![A-Za-z])", rhs):
        return None
    layered = _per_layer(notation, stem, index, lhs, rhs, reference)
    if layered is not None:
        return layered
    if stem in vocab.functions and not shape.of.endswith("'"):
        return 0  # ŷ_i = f_w(x_i) with ŷ the model's output: the handout's own meaning, restated
    variable = stem in vocab.symbols and vocab.symbols[stem] not in derived and vocab.symbols[stem].free_symbols
    if variable or stem in vocab.vectors or stem in vocab.functions:  # e_i (a residual) is not Euler's e
        return None
    values, named = {}, {}
    for point in vocab.datapoints:
        scope = Scope(bindings={index: point}, points=frozenset({index}))
        try:
            reading = _at_point(rhs, reference, notation.overlay, scope)
        except ExpressionSyntaxError as exc:
            if re.search(r"(?::|\\gets)\s*$", lhs):
                return None  # θ_l := w_l, h_l := σ(u_l): an index that is not a data point's, read otherwise
            return _helpers()._ignored(notation, lhs, rhs, str(exc))
        value = reading.value
        if isinstance(value, Vec) and not reading.named:
            return 0
        if reading.named:  # g^i := ∇_w f_w(x^i): results written by name; each use of g^1 carries them
            named[f"{stem}^{point}" if m.group("mark") == "^" else f"{stem}_{point}"] = list(reading.named)
        earlier = [notation.overlay.symbols[k] for k in (f"{stem}^{point}", f"{stem}_{point}")
                   if k in notation.overlay.symbols]
        if earlier:
            if not _helpers()._equal(earlier[0], value, reference):
                return conflict(notation, stem, lhs, rhs)
            return 0
        if _unlike_at_point(notation.overlay.symbols.get(stem), value, point, reference):
            return conflict(notation, stem, lhs, rhs)  # h = w_1 x, then h^i = σ(w_1 x^i): two meanings of h
        if m.group("mark") == "^" or (stem not in vocab.symbols or vocab.symbols[stem].free_symbols) \
                and stem not in notation.overlay.symbols:  # B = σ(w_2A) and B_i = …: B^2 is B squared, as B_i^2
            values[f"{stem}^{point}"] = value  # e^i = f(x^i) − y^i defined so: e^1 is it (after e_i = …, e^2 is e²)
        if m.group("mark") == "_":
            values[f"{stem}_{point}"] = value
            notation.overlay.per_point.add(stem)
    notation.overlay.symbols.update(values)
    notation.overlay.named.update(named)
    _at_input(notation, stem, index, rhs, reference)
    notation.definitions.add(_helpers()._compact(lhs))
    shown = _as_said(lhs)
    note = f"{shown} = {rhs}, as you defined it (at each data point)"
    for key in values:
        notation.overlay.notes[key] = note
    return _helpers()._said(notation, note)


def _at_point(rhs: str, reference: Any, overlay: Any, scope: Scope) -> Any:
    """A per-point definition's right side at one data point; derivatives the homework knows may be written by
    name (g^i := ∇_w f_w(x^i)), as in a definition of a name for them (``notation._read_value``)."""
    try:
        return _helpers()._read(rhs, reference, overlay, scope)
    except ExpressionSyntaxError as exc:
        if "derivatives" not in str(exc):
            raise
        return _helpers()._read(rhs, reference, overlay, scope, results=True)


def _per_layer(notation: Any, stem: str, index: str, lhs: str, rhs: str, reference: Any) -> int | None:
    """``s_k ≡ σ(x_k)``, ``k = 1, 2``: an index that only picks the handout's own layer names (x_1, x_2) is a
    layer's, not a data point's: s_1 = σ(x_1), s_2 = σ(x_2). None when the right side uses the index otherwise
    (``e_i = y_i − f(x_i)``, ``x^{(k)}``)."""
    vocab = reference.latex
    derived = {s for s, _ in reference.numeric_model.derived}
    mark = rf"\s*_\s*(?:\{{\s*{index}\s*\}}|{index}(?![A-Za-z]))"
    uses = set(re.findall(rf"(?<![A-Za-z\\])([A-Za-z]){mark}", rhs))
    if not uses or re.search(rf"\^\s*\{{?\s*\(?\s*{index}(?![A-Za-z])", rhs) \
            or re.search(r"(?<![A-Za-z\\])f(?:_\s*\{?\\?\w+\}?)?\s*(?:\\left\s*)?\(", rhs):
        return None  # x^{(k)} and f(x_k) are data points
    layers = [n for n in "123456789" if all(vocab.symbols.get(f"{u}_{n}") in derived for u in uses)]
    if len(layers) < 2:
        return None
    values = {}
    for n in layers:
        bound = re.sub(mark, f"_{n}", rhs)
        try:
            values[f"{stem}_{n}"] = _helpers()._read(bound, reference, notation.overlay).value
        except (ExpressionSyntaxError, BudgetExceeded):
            return None
        if isinstance(values[f"{stem}_{n}"], Vec) or f"{stem}_{n}" in vocab.symbols:
            return None
    shown = _as_said(lhs)
    note = f"{shown} = {rhs.strip()}, as you defined it, one for each layer ({', '.join(values)})"
    for key, value in values.items():
        notation.overlay.symbols[key] = value
        notation.overlay.notes[key] = note
    notation.definitions.add(_helpers()._compact(lhs))
    return _helpers()._said(notation, note)


def _as_said(lhs: str) -> str:
    """A left side as the report shows it: ``e_i :=`` and ``s_k \\gets`` (≡) said as ``e_i``, ``s_k``."""
    return re.sub(r"\s*(?:\\gets|:)\s*$", "", lhs)


def _unlike_at_point(plain: Any, value: Any, point: str, reference: Any) -> bool:
    """Whether a name the hand-in defined at the input x (``h = w_1 x``) is, at data point ``point``, not what
    its definition there says (``h^i = σ(w_1 x^i)``)."""
    import sympy as sp

    vocab = reference.latex
    x, x_k = vocab.symbols.get("x"), vocab.symbols.get(f"x^{point}")
    if not isinstance(plain, sp.Expr) or not isinstance(value, sp.Expr) or x is None or x_k is None \
            or not plain.has(x):
        return False
    return not _helpers()._equal(plain.subs(x, x_k), value, reference)


def conflict(notation: Any, stem: str, lhs: str, rhs: str) -> int:
    """``r_i = f(x_i) − y_i`` and later ``r_i = y_i − f(x_i)``: which one an answer means cannot be told, so the
    name is read as neither (an answer using it goes to a person) and the report says why."""
    overlay = notation.overlay
    for key in [k for k in overlay.symbols if k == stem or k.startswith((f"{stem}^", f"{stem}_"))]:
        del overlay.symbols[key]
        overlay.reserved.add(key)
    overlay.reserved.add(stem)
    shown = _as_said(lhs)
    note = f"{shown} is defined twice, differently (the second time as {rhs}): a person should decide which one"
    for key in overlay.reserved:
        if key == stem or key.startswith((f"{stem}^", f"{stem}_")):
            overlay.notes[key] = note
    return _helpers()._said(notation, note)


def _at_input(notation: Any, stem: str, index: str, rhs: str, reference: Any) -> None:
    """``a_2^{(i)} = σ(z_2^{(i)})`` also defines ``a_2`` at the input x, where (d) and (e) use it without a point
    (kept only when the right side reads without the index and the name means nothing else)."""
    vocab = reference.latex
    if stem in vocab.symbols or stem in notation.overlay.symbols or "^" in stem:
        return
    marks = rf"\^\s*\{{\s*\(?\s*{index}\s*\)?\s*\}}|\^\s*\(\s*{index}\s*\)|[\^_]\s*{index}(?![A-Za-z])"
    bare = re.sub(marks, "", rhs)
    try:
        value = _helpers()._read(bare, reference, notation.overlay).value
    except (ExpressionSyntaxError, BudgetExceeded):
        return
    if not isinstance(value, Vec) and not _points_in(value, reference):
        notation.overlay.symbols[stem] = value
        notation.overlay.notes[stem] = f"{stem} = {bare.strip()}, your definition at each data point, at the input x"


def _points_in(value: Any, reference: Any) -> bool:
    """Whether ``value`` holds a data point (x¹, y²): then it is not a value at the input x."""
    vocab = reference.latex
    points = {vocab.symbols[n] for n in vocab.symbols if re.fullmatch(r"[xy]\^\d", n)}
    return bool(getattr(value, "free_symbols", set()) & points)


def handout_value(name: str, reference: Any) -> Any:
    """What the handout defines ``name`` to be (x_2, or f written without its argument), else None."""
    vocab = reference.latex
    assert vocab is not None
    derived = {s for s, _ in reference.numeric_model.derived}
    if name in vocab.symbols and vocab.symbols[name] in derived:
        return vocab.symbols[name]
    variable = vocab.symbols.get("x")
    if name in vocab.functions and not name.endswith("'") and variable is not None:
        return vocab.functions[name](variable)
    return None


def pinned(notation: Any, lhs: str, rhs: str, handout: Any, reference: Any) -> bool:
    """The handout's own definition restated with function names of the hand-in's (x_2 = w_2 s_1(x_1)):
    those names are read as the handout's functions, and the report says so."""
    aliases = identify(handout, rhs, reference.latex, notation.overlay,
                       lambda a, b: _helpers()._equal(a, b, reference))
    if not aliases:
        return False
    for word, function in aliases.items():
        notation.overlay.aliases[word] = function
        helpers = _helpers()
        said = f"{helpers._show(word)} is read as {helpers._show(function)} (your {lhs} = {rhs} is the handout's)"
        helpers._said(notation, said, word)
    return True


def applied_as_function(name: str, text: str, words: bool = False) -> bool:
    """Whether the hand-in writes ``name`` as a function somewhere: s(x_1), s_2(x_2), s1(x1), s'(u); with
    ``words``, a short word too (sig(x_1), where sig = 1/(1+exp(-u)) was defined)."""
    if not re.fullmatch(r"[A-Za-z]{1,8}" if words else r"[A-Za-z]", name):
        return False
    return re.search(rf"(?<![A-Za-z\\]){name}\s*(?:_\s*\{{?\d\}}?|\d)?\s*'?\s*(?:\\left|\\big)?\s*\(", text) is not None


def function_at_variable(value: Any, reference: Any) -> str | None:
    """The homework's function that ``value`` is, applied to one of its variables (1/(1+e^{-u}) is σ(u))."""
    vocab = reference.latex
    assert vocab is not None
    if len(value.free_symbols) != 1:
        return None
    variable = next(iter(value.free_symbols))
    if variable not in set(vocab.symbols.values()):
        return None
    if any(s == variable and n in vocab.pointwise for n, s in vocab.symbols.items()):
        return None  # a = s(x_1): σ at the handout's own intermediate, a value of the model, not a function
    for fname, function in vocab.functions.items():
        if not fname.endswith("'") and _helpers()._equal(value, function(variable), reference):
            return fname
    return None
