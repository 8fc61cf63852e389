"""Weights and functions a hand-in renames by restating the model, without a definition the reader knows.

A statistician writes "η₁ = θ₁x, η₂ = θ₂Λ(η₁), ŷ = θ₃Λ(η₂)", an engineer "z1 = b1*x, …, yhat = b3*L(z2)".
Neither θ nor b is a name of the handout, but the chain, read with θ as w (and Λ as σ), restates the
handout's model exactly, and a TA reads θ₁ as w₁ from it. This module proposes such a renaming from the
names the hand-in leaves undefined (a name with the weight vector's indices -> that vector; a name applied
as a function -> the homework's function) and keeps it only when the hand-in's own definitions, read again
under it, restate the handout's model with the renamed names; otherwise nothing changes (answers that use
the names go to review, as before). Nothing is evaluated: every side is read with the safe grammar.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import sympy as sp

from grader.expressions.budget import BudgetExceeded
from grader.expressions.latex import Overlay, parse_latex
from grader.expressions.latex_names import UnknownName
from grader.expressions.parse import ExpressionSyntaxError
from grader.reading.notation_model import applied_as_function, function_words

if TYPE_CHECKING:
    from grader.homework import Reference
    from grader.reading.notation import Notation

MAX_UNKNOWN = 12  # unknown names gathered from one definition
_INDEXED = re.compile(r"(?P<base>\\?[A-Za-z]+)_\{?(?P<k>\d)\}?")


def renamed(notation: Notation, reference: Reference,
            read_again: Callable[[dict[str, str]], Notation]) -> Notation | None:
    """The notation read again under the first renaming its own definitions confirm, else None."""
    vocab = reference.latex
    assert vocab is not None
    names = unknown_names([side for sides in notation.unread for side in sides], vocab, notation.overlay)
    defined = set(unknown_names([sides[0] for sides in notation.unread], vocab, notation.overlay))
    names = [n for n in names if n not in defined]  # η₁ in "η₁ = θ₁x" is the hand-in's own name, not a weight
    unread = "\n".join(side for sides in notation.unread for side in sides)
    for seed in hypotheses(names, unread, vocab, notation.overlay):
        trial = read_again(seed)
        loss_read = seed.keys() == {"t"} and "L" in trial.overlay.aliases.values() \
            and "L" not in notation.overlay.aliases.values()  # t as the targets: E = Σ (t_n − y_n)² is the loss
        if loss_read or [r for r in trial.restated if r not in notation.restated]:  # the model (or loss) is read
            for name, target in seed.items():
                said = (f"{_show(name)} is read as {_show(target)}: your definitions restate the handout's "
                        + (f"model with it ({trial.restated[-1][:60]})" if not loss_read else "loss with it"))
                trial.overlay.notes.setdefault(name, said)
                trial.notes.insert(0, said)
            return trial
    return None


def unknown_names(texts: list[str], vocab: Any, overlay: Overlay) -> list[str]:
    """Names the safe grammar does not know in ``texts``, in order of first use (read on past each one)."""
    found: list[str] = []
    for text in texts:
        probe = Overlay(dict(overlay.symbols), dict(overlay.functions), dict(overlay.aliases))
        for _ in range(MAX_UNKNOWN):
            try:
                parse_latex(text, vocab, overlay=probe)
            except UnknownName as exc:
                if exc.name in probe.symbols:
                    break
                if exc.name not in found:
                    found.append(exc.name)
                probe.symbols[exc.name] = sp.Symbol(f"_unknown{len(probe.symbols)}")
                continue
            except (ExpressionSyntaxError, BudgetExceeded, RecursionError):
                pass
            break
    return found


def hypotheses(names: list[str], text: str, vocab: Any, overlay: Overlay) -> list[dict[str, str]]:
    """Renamings to try, the smallest first: indexed names -> the weight vector, applied names -> σ."""
    vectors = {v: len(c) for v, c in vocab.vectors.items() if "^" not in v}
    indices: dict[str, set[int]] = {}
    for name in names:
        m = _INDEXED.fullmatch(name)
        if m and m.group("base") not in vocab.symbols and m.group("base") not in vocab.functions:
            indices.setdefault(m.group("base"), set()).add(int(m.group("k")))
    bases = _functions(vocab)
    out: list[dict[str, str]] = []
    for vector, size in vectors.items():
        weights = [b for b, ks in indices.items() if len(ks) >= 2 and ks <= set(range(1, size + 1))
                   and not applied_as_function(_plain(b), text)]
        applied = [n for n in _applied(names, text, vocab, overlay) if n not in weights]
        if not weights:  # "y1 = sig(s1), …, f = w3*y2": only the function is renamed
            out += [{n: f} for n in applied[:3] for f in bases]
        for weight in weights:
            out.append({weight: vector})
            for count in range(1, min(len(applied), 2) + 1):
                for chosen in itertools.combinations(applied, count):
                    out += [{weight: vector, **{n: f for n in chosen}} for f in bases]
    out += _scalar_weights(names, text, vocab, overlay)  # "p = a x, q = b φ(p), o = c φ(q)": a, b, c as w₁, w₂, w₃
    out = _from_zero(names, vocab) + out  # "z0 = w0*x, …, f = w2*a1": a programmer's weights counted from 0
    if _TARGETS_AS_T.search(text) and _MODEL_AS_Y.search(text):  # E = Σ (t_n − y(x_n, θ))²: statistics' names,
        out = [{**seed, "t": "y", "y": "f"} for seed in out[:6]] + out  # t the targets and y the model
        if overlay.aliases.get("y") == "f":  # y(x, w) = … already read as the model: only the targets are renamed
            out.insert(0, {"t": "y"})
    return out[:18]


def _scalar_weights(names: list[str], text: str, vocab: Any, overlay: Overlay) -> list[dict[str, str]]:
    """Weights renamed one letter each ("a, b, c", "α, β, γ", "p, q, r"): the first plain unknown names, as many
    as the weight vector has entries, tried as its entries in every order (the one whose definitions restate the
    handout's model is kept by the caller; the order of first use first)."""
    entries = [n for vector, comps in vocab.vectors.items() if "^" not in vector
               for c in comps for n, v in vocab.symbols.items() if v == c]
    if not entries or len(entries) > 4:
        return []
    plain = [n for n in names if _LETTER_NAME.fullmatch(n) and n not in vocab.symbols and n not in vocab.functions
             and not applied_as_function(_plain(n), text) and not re.search(re.escape(n) + r"\s*\(", text)]
    if len(plain) < len(entries):
        return []
    chosen = plain[:len(entries)]
    return [dict(zip(order, entries, strict=True)) for order in itertools.permutations(chosen)]


def _from_zero(names: list[str], vocab: Any) -> list[dict[str, str]]:
    """A weight vector's entries counted from 0 (w_0, w_1, w_2 for the handout's w_1, w_2, w_3), when the hand-in
    writes its 0th entry: each name read as the next one's."""
    out = []
    for vector, comps in vocab.vectors.items():
        entries = [n for c in comps for n, v in vocab.symbols.items() if v == c]
        stem = vector.split("^")[0]
        if len(entries) == len(comps) and f"{stem}_0" in names \
                and entries == [f"{stem}_{k}" for k in range(1, len(entries) + 1)]:
            out.append({f"{stem}_{k}": entries[k] for k in range(len(entries))})
    return out


_LETTER_NAME = re.compile(r"[A-Za-z]|\\[a-zA-Z]{2,8}")


# statistics writes the targets t_n and the model y(x, θ) (the handout's y and f)
_TARGETS_AS_T = re.compile(r"(?<![\\\w])t\s*(?:_\s*\{?\s*[ni1-9]|\^\s*\{?\s*\(?\s*[ni1-9])")
_MODEL_AS_Y = re.compile(r"(?<![\\\w])y\s*\(\s*x[^()]*?[,;|]")


def _applied(names: list[str], text: str, vocab: Any, overlay: Overlay) -> list[str]:
    """Unknown names the hand-in writes as functions (Λ(η₁), sig(z), L(z1))."""
    from grader.expressions.latex import vocab_words

    words = function_words(text, vocab_words(vocab, overlay))
    out = [w for w in sorted(words) if w not in overlay.aliases]
    out += [n for n in names if re.fullmatch(r"\\?[A-Za-z]+", n) and n not in out
            and (applied_as_function(_plain(n), text) or re.search(re.escape(n) + r"\s*\(", text))]
    own = {r.removeprefix("function:") for r in overlay.reserved if r.startswith("function:")}
    return [n for n in out if _plain(n) not in own and n not in own and _greek(n) not in own]


def _greek(name: str) -> str:
    """``\\Lambda`` as the hand-in may have typed it (Λ), to compare with its own definitions."""
    from grader.expressions.tokens import UNICODE

    return next((k for k, v in UNICODE.items() if v.strip() == name), name)


def _functions(vocab: Any) -> list[str]:
    """The homework's plain function names (σ), the model's own (f) left out: a renamed σ is the usual case."""
    names = sorted({n.rstrip("'").split("_")[0] for n in vocab.functions if not n.endswith("'")})
    return [n for n in names if n.startswith("\\")] or names[:1]


def _plain(name: str) -> str:
    return name.lstrip("\\")


def _show(name: str) -> str:
    return name.replace("\\", "")
