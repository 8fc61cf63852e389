"""Names a hand-in defines only at each data point: ``a_n = σ(w_1 x_n)``, ``h^{(2)}_n = σ(w_2 h^{(1)}_n)``.

A student who sums over the data often names the intermediates with the point's index and never writes them
at the input x. A TA reads ``a_n`` in the sum as the value at the n-th point; the reader does the same by
taking the definition without its index (``a = σ(w_1 x)``), so that ``a_n`` in a sum over n is that value at
xⁿ (as it reads ``x_2^i`` for the handout's x₂). Only a chain that starts at the point's x is read this way, and
never one that holds the label y (a residual ``e_n = y_n − f(x_n)`` is one number per point, read elsewhere).
"""
from __future__ import annotations

import re

# the name defined: one letter or command, with a layer's number as its superscript or none, and the point's index
_PER_POINT_LHS = re.compile(r"\s*(?P<name>(?:\\[a-zA-Z]+|[A-Za-z])(?:\s*\^\s*\{?\s*\(?\s*\d\s*\)?\s*\}?)?)"
                            r"\s*_\s*\{?\s*(?P<index>[in])\s*\}?\s*")
_NAME_AT = r"((?:\\[a-zA-Z]+|[A-Za-z])(?:\s*\^\s*\{{?\s*\(?\s*\d\s*\)?\s*\}}?)?)\s*_\s*\{{?\s*{index}\s*\}}?(?![\w{{])"
_LABEL = re.compile(r"(?<![\\\w])y(?![a-zA-Z])")


def _compact(name: str) -> str:
    return re.sub(r"\s+", "", name)


def defined_at_each_point(pending: list[list[str]]) -> list[list[str]]:
    """For each name of ``pending`` (chains of sides) defined only with a data point's index, its definition
    without that index (``[a_n, σ(w_1 x_n)]`` gives ``[a, σ(w_1 x)]``); names also defined without an index, and
    chains not built from the point's x, give nothing."""
    defined = {_compact(sides[0]) for sides in pending if sides}
    known: set[str] = set()
    out: list[list[str]] = []
    for _ in range(3):  # "b_n = σ(w_2 a_n)" written before "a_n = σ(w_1 x_n)"
        grew = False
        for sides in pending:
            m = _PER_POINT_LHS.fullmatch(sides[0]) if len(sides) >= 2 else None
            if m is None or _compact(m.group("name")) in defined | known:
                continue
            index = m.group("index")
            at_point = re.compile(_NAME_AT.format(index=index))
            rhs = sides[1:]
            used = {_compact(name) for side in rhs for name in at_point.findall(side)}
            if not used or not used <= known | {"x"} or any(_LABEL.search(side) for side in rhs):
                continue
            general = [at_point.sub(r"\1", side) for side in rhs]
            if any(re.search(rf"(?<![\\\w]){index}(?!\w)", side) for side in general):
                continue  # the index is used otherwise too (a sum, a power): not read
            known.add(_compact(m.group("name")))
            out.append([m.group("name").strip(), *general])
            grew = True
        if not grew:
            break
    return out
