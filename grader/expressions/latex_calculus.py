"""Derivatives, gradients, sums and matrices in written answers (mixed into the parser).

A derivative written by name (``\\frac{\\partial f}{\\partial w_1}``, ``∂f/∂w₁``, ``df/dw1``,
``\\frac{d}{du}\\sigma(u)``, ``∇_w f_w(x^{(i)})``) takes the value the homework's vocabulary
gives it, at its written argument, and is recorded as a *named* part of the side: a side
made only of names derived nothing. A name the vocabulary does not know (∂L/∂f) is kept
as an opaque placeholder so the side can still be judged for what it is.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import sympy as sp

from grader.expressions.budget import MAX_SUM_TERMS, BudgetExceeded
from grader.expressions.latex_state import Cursor, Named
from grader.expressions.parse import ExpressionSyntaxError
from grader.expressions.vec import Vec, add_all, div

D_MARKS = ("\\partial", "d")
OPERATOR_TOKENS = {"+", "-", "*", "/", "\\cdot", "\\times", ",", "=", "\\frac", "\\sum"}
INDEX_LETTERS = ("i", "j", "k")  # a generic index written flat after a vector name: dwj
SUM_INDEX_LETTERS = ("i", "j", "k", "n", "m", "p")  # the data-point index of a sum written with no range
SIDE_ENDS = ("=", "\\leftarrow", "\\to", "\\approx", "\\Rightarrow", ",", ";", "\\quad", "\\qquad")


# a sum's index: a letter, or a Greek one as pattern-indexed sums write it (Σ_μ over patterns x^μ)
_INDEX_NAME = re.compile(r"[a-zA-Z]|\\(?:mu|nu|kappa|rho|tau|ell|iota)")


# a weights' mark that names other weights than the current ones: the start, an earlier step
_OTHER_WEIGHTS = re.compile(r"[_^]\{?\(?(?:\\(?:text|mathrm|rm|mathit):?\{?|[^\w\s{}()^_]{1,3})?"
                            r"(?:0|init\w*|start\w*|initial|[tkn]-1|prev\w*|last)"
                            r"\}?\)?\}?(?![\w+])")

class CalculusMixin(Cursor):
    """Derivative names, gradients, ``\\sum`` and ``matrix`` environments."""

    def fraction(self, num: list[str], den: list[str]) -> Any:
        if num[:1] and num[0] in D_MARKS and den[:1] and den[0] in D_MARKS and len(den) >= 2:
            text = "\\frac{" + " ".join(num) + "}{" + " ".join(den) + "}"
            if len(num) == 1:
                return self.operator(den[1:], text)
            if num[-1] != ")" and self.peek() == "(" and self._point_follows():
                num = [*num, "(", *self.paren(), ")"]  # \frac{dσ_2}{du}(x_2): the derivative at that point
            return self.derivative(num[1:], den[1:], text)
        return div(self.parse_all(num), self.parse_all(den))

    def _point_follows(self) -> bool:
        """``(x_2)``, ``(u)``, ``(x^{(i)})`` after a derivative: one name, its point (not a factor like (f − y))."""
        depth, k = 0, self.pos
        while k < len(self.toks):
            tok = self.toks[k]
            depth += {"(": 1, ")": -1}.get(tok, 0)
            if depth == 0:
                inner = self.toks[self.pos + 1:k]
                return 0 < len(inner) <= 8 and not any(t in OPERATOR_TOKENS for t in inner)
            k += 1
        return False

    def derivative(self, num: list[str], den: list[str], text: str) -> Any:
        """∂name(arg)/∂wrt: the vocabulary's value at ``arg``, or an opaque name."""
        explicit = self.trace.explicit  # the argument of a name is not worked-out content
        try:
            p = self.sub(num)
            name = p.name()
            has_arg = p.peek() == "(" and num[-1] == ")"
            arg = None
            if has_arg and name not in self.vocab.argument_free:
                arg = self.model_point(name, p.parse_all(num[p.pos + 1:-1]))
            q = self.sub(den)
            wrt = q.name()
            complete = (has_arg or p.pos == len(num)) and q.pos == len(den)
        except BudgetExceeded:
            raise
        except ExpressionSyntaxError:
            return self.unknown_name(text)
        finally:
            self.trace.explicit = explicit
        alias = self.overlay.aliases
        if arg is None and not has_arg:
            name, arg = self.split_point(name)
        make = self.vocab.derivatives.get((alias.get(name, name), alias.get(wrt, wrt)))
        if make is None or not complete or isinstance(arg, Vec):
            return self.unknown_name(text)
        return self.known_name(text, self.at_bound_point(make(arg)) if arg is None else make(arg))

    def split_point(self, name: str) -> tuple[str, Any]:
        """``ŷ_1``, ``f^2``, ``ŷ_i`` in a sum over the data: the model function and the data point it is at
        (∂ŷ_i/∂θ_j is ∂f(x^i)/∂w_j); any other name comes back with no point."""
        for mark in ("^", "_"):
            stem, _, point = name.rpartition(mark)
            function = self.overlay.aliases.get(stem, stem)
            if stem and point in self.vocab.datapoints and function in self.model_functions() \
                    and f"x^{point}" in self.vocab.symbols:
                return stem, self.vocab.symbols[f"x^{point}"]
        return name, None

    def model_point(self, name: str, arg: Any) -> Any:
        """``f(x_1)``, ``∇f(x_2)``: the model at the handout's intermediate x_k means nothing (f(w_1 x)); the
        student used x_k for the k-th data point, as y_k next to it says: read as xᵏ, and said."""
        if self.overlay.aliases.get(name, name) not in self.model_functions():
            return arg
        for k in self.vocab.datapoints:
            inner, point = self.vocab.symbols.get(f"x_{k}"), self.vocab.symbols.get(f"x^{k}")
            label = re.search(rf"\by\s_\s(?:\{{\s)?{k}\b", " ".join(self.toks)) is not None  # y_k beside it
            if inner is not None and point is not None and arg == inner and label and f"x_{k}" in self.overlay.own \
                    and not self.overlay.points_said:
                raise ExpressionSyntaxError(f"{name}(x_{k}) beside y_{k}, with x_{k} also defined as in the handout: "
                                            f"the data point x^{k} or the intermediate x_{k}?")
            if inner is not None and point is not None and arg == inner and label \
                    and (f"x_{k}" not in self.overlay.symbols or self.overlay.points_said):
                self.trace.note(f"{name}(x_{k}) is read as {name} at the data point x^{k}", assumption=False)
                return point
        return arg

    def model_functions(self) -> set[str]:
        """The model's function names (f, f_w): functions of the input that the weights are derived through."""
        wrt = self.vocab_default_wrt()
        return {n for n, w in self.vocab.derivatives if w.startswith(wrt) and n in self.vocab.functions
                and n not in self.vocab.argument_free}

    def at_bound_point(self, value: Any) -> Any:
        """∂f_w/∂w₁ written without its argument inside Σ_{(x,y)∈D} or a sum over the data points: at the sum's
        point, as f_w(x) there."""
        swaps: dict[Any, Any] = {}
        for name, bound in self.scope.bindings.items():
            symbol = self.vocab.symbols.get(name)
            target = self.vocab.symbols.get(bound)
            if symbol is not None and target is not None and symbol != target:
                swaps[symbol] = target
        points = sorted({str(self.scope.bindings.get(i)) for i in self.scope.points} & set(self.vocab.datapoints))
        x = self.vocab.symbols.get("x")
        bar = self.peek() == "|" and self.peek(1) == "_"  # ∂f/∂w₁|_{x=x¹}: the point the bar writes wins
        if len(points) == 1 and x is not None and x not in swaps and f"x^{points[0]}" in self.vocab.symbols \
                and not bar:
            swaps[x] = self.vocab.symbols[f"x^{points[0]}"]  # ∂f/∂w₁ in Σ_i 2(f(xⁱ) − yⁱ)·…: at xⁱ
        if not swaps:
            return value
        if isinstance(value, list):  # ∇f_w written without its argument: each component at the sum's point
            return [v.subs(swaps, simultaneous=True) for v in value]
        return value.subs(swaps, simultaneous=True)

    def known_name(self, text: str, value: Any) -> Any:
        self.trace.named.append(Named(text, True))
        return Vec(value) if isinstance(value, list) else value

    def unknown_name(self, text: str) -> Any:
        self.trace.named.append(Named(text, False))
        return sp.Symbol("⟨" + text + "⟩")

    def operator(self, wrt: list[str], text: str) -> Any:
        """``\\frac{d}{du}`` or ``d/du`` applied to what follows: a name (σ(u)) or an expression."""
        start = self.pos
        if self.peek() is not None and re.fullmatch(r"[a-zA-Z]|\\[a-zA-Z]+", self.peek() or "") \
                and self.peek() not in ("\\left", "\\frac", "\\exp", "\\sum", "\\sqrt"):
            name = self.name_tokens()
            if self.peek() == "(":
                name += ["(", *self.paren(), ")"]
            return self.derivative(name, wrt, text + " " + " ".join(self.toks[start:self.pos]))
        self.postfix()  # d/du (1/(1+e^{-u})): written, not worked out
        return self.unknown_name(text + " " + " ".join(self.toks[start:self.pos]))

    def name_tokens(self) -> list[str]:
        """The raw tokens of the name at the cursor (base, scripts, primes)."""
        start = self.pos
        tok = self.take()
        if tok in ("\\mathcal", "\\mathscr", "\\mathbb"):
            self.group()
        elif not re.fullmatch(r"[a-zA-Z]|\\[a-zA-Z]+|[a-zA-Z]{2,}", tok) or tok in D_MARKS[:1]:
            raise ExpressionSyntaxError(f"expected a name, found {tok!r}")
        while self.peek() in ("_", "^", "'"):
            if self.take() != "'":
                self.script()
        return self.toks[start:self.pos]

    def names_weights(self, script: list[str]) -> bool:
        """Whether a subscript's tokens name the weights or one of them (``w``, ``w_1``, ``θ_2`` where θ is the
        hand-in's w): under ``D`` they make it the derivative operator, not the data."""
        stem = re.sub(r"_\{?\w+\}?$", "", "".join(script))
        return self.overlay.aliases.get(stem, stem) in self.vocab.vectors

    def _operator_d(self, start: int) -> Any:
        """``D_{w_1} f`` (a weight's name as D's subscript), else None: D is only a letter there (the data)."""
        self.take()
        if self.peek() == "_":
            self.take()
            wrt = self.script()
            if self.names_weights(wrt):
                return self.operator(wrt, "D_{" + " ".join(wrt) + "}")
        self.pos = start
        return None

    def slash_derivative(self) -> Any:
        """``∂f/∂w_1``, ``df/dw1``, ``dσ/du``, ``d/du σ(u)``, ``∂_{w_1} f``; None when ``d`` is only a letter."""
        start = self.pos
        if self.peek() == "D":  # D_{w_1} f: the derivative operator, subscripted by the weight
            return self._operator_d(start)
        try:
            if self.take() == "\\partial" and self.peek() == "_":  # ∂_{w_1} f_w(x^1): ∂f_w(x^1)/∂w_1
                self.take()
                wrt = self._weight_by_index(self.script())
                return self.operator(wrt, "\\frac{\\partial}{\\partial " + " ".join(wrt) + "}")
            if self.peek() == "/":
                self.take()
                if self.take() not in D_MARKS:
                    raise ExpressionSyntaxError("not a derivative")
                return self.operator(self.name_tokens(), " ".join(self.toks[start:self.pos]))
            num = self.name_tokens()
            if self.peek() == "(":
                num += ["(", *self.paren(), ")"]
            self.take("/")
            if self.take() not in D_MARKS:
                raise ExpressionSyntaxError("not a derivative")
            den = self.name_tokens()
            if den and "".join(den) in self.vocab.vectors and self.peek() in INDEX_LETTERS:
                den = [*den, "_", "{", self.take(), "}"]  # df/dwj, as plain text writes ∂f/∂w_j
            if num[-1] != ")" and self.peek() == "(" and self._point_follows():
                num = [*num, "(", *self.paren(), ")"]  # df/dw1(x^i): the point written after the derivative
        except BudgetExceeded:
            raise
        except ExpressionSyntaxError:
            self.pos = start
            if self.toks[start] == "d":
                return None
            raise ExpressionSyntaxError("∂ that is not part of a derivative") from None
        return self.derivative(num, den, " ".join(self.toks[start:self.pos]))

    def _weight_by_index(self, wrt: list[str]) -> list[str]:
        """``∂_2 F``, ``∂_j L``: an analyst's partial derivative by the weight's index alone, the weights being the
        one vector the homework differentiates by (∂_j L is ∂L/∂w_j)."""
        index = "".join(t for t in wrt if t not in "{}")
        if "\\partial_" in self.overlay.reserved:
            return wrt  # the hand-in says what its ∂_k means ("∂_k denotes ∂/∂x_k"): not read as a weight's
        vectors = list(self.vocab.vectors)
        if len(vectors) != 1 or not (index in INDEX_LETTERS or index.isdigit()
                                     and 1 <= int(index) <= len(self.vocab.vectors[vectors[0]])):
            return wrt
        return [vectors[0], "_", "{", index, "}"]

    def _weights_listed(self, script: list[str]) -> str | None:
        """``∇_{(a,b,c)}`` with a, b, c the hand-in's names for the weights, in order: the weight vector's name."""
        inner = [t for t in script if t not in ("(", ")", "[", "]", "\\left", "\\right")]
        names = [t for t in inner if t != ","]
        if len(names) < 2 or inner != [t for n in names for t in (n, ",")][:-1]:
            return None
        alias = self.overlay.aliases
        by_value = {v: k for k, v in self.vocab.symbols.items()}
        for vector, components in self.vocab.vectors.items():
            if [alias.get(n, n) for n in names] == [by_value.get(c) for c in components]:
                return vector
        return None

    def gradient(self) -> Any:
        """``∇_w L(w)``, ``∇_θ L``, ``∇_w f_w(x^{(i)})`` (at the point written)."""
        start = self.pos
        self.take("\\nabla")
        wrt = self.vocab_default_wrt()
        explicit = self.trace.explicit
        try:
            if self.peek() == "_":
                self.take()
                script = self.script()
                wrt = self._weights_listed(script) or self.sub(script).name()  # ∇_{(a,b,c)}: the weights, renamed
            elif self._flat_subscript():  # ∇w L, as a PDF copy leaves ∇_w L
                wrt = self.take()
            if self.peek() in ("(", "[", "{"):  # ∇_w [ (y − f)² + … ]: written, not worked out
                self.postfix()
                return self.unknown_name(" ".join(self.toks[start:self.pos]))
            name = self.name()
            arg = None
            has_arg = self.peek() == "("
            if has_arg:
                inner = self.paren()
                if name not in self.vocab.argument_free:
                    arg = self.model_point(name, self.parse_all(inner))
                elif "^new" in self.sub(inner).name():  # ∇L(w_{t+1}): at the next iterate, not a descent step
                    raise ExpressionSyntaxError("the gradient taken at the new weights")
                elif _OTHER_WEIGHTS.search("".join(inner)):  # ∇L(w⁽⁰⁾), ∇L(w_{init}), ∇L(w^{(t-1)}): at weights
                    raise ExpressionSyntaxError("the gradient taken at other weights than the current ones")
        except BudgetExceeded:
            raise
        except ExpressionSyntaxError:
            return self.unknown_name(" ".join(self.toks[start:self.pos]))
        finally:
            self.trace.explicit = explicit
        text = " ".join(self.toks[start:self.pos])
        alias = self.overlay.aliases
        if arg is None and not has_arg:
            name, arg = self.split_point(name)
        make = self.vocab.derivatives.get((alias.get(name, name), alias.get(wrt, wrt)))
        if make is None or isinstance(arg, Vec):
            return self.unknown_name(text)
        return self.known_name(text, self.at_bound_point(make(arg)) if arg is None and not has_arg else make(arg))

    def _flat_subscript(self) -> bool:
        """``∇ w L``: the weights' name right after ∇ and another name after it."""
        tok, after = self.peek(), self.peek(1)
        if tok is None or after is None or self.overlay.aliases.get(tok, tok) not in self.vocab.vectors:
            return False
        return (re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", after) is not None or after in self.vocab.functions) \
            and after not in ("\\cdot", "\\times")  # ∇w L, ∇w fw(x)

    def vocab_default_wrt(self) -> str:
        vectors = list(self.vocab.vectors)
        return vectors[0] if vectors else ""

    def sum(self) -> Any:
        lower = upper = None
        while self.peek() in ("_", "^"):
            if self.take() == "_":
                lower = self.script()
            else:
                upper = self.script()
        if lower and self.peek() == "\\in" and self.peek(1) is not None:  # Σ_(x,y)∈D: the set after the script
            lower = [*lower, self.take(), self.take()]
        start, terms, end = self.pos, [], None
        saved = self.scope
        for scope in self.sum_scopes(lower or [], upper or []):
            self.pos, self.scope = start, scope
            try:
                value = self.term()
            finally:
                self.scope = saved
            if end is not None and self.pos != end:
                raise ExpressionSyntaxError("the summand cannot be read the same way for every term")
            end = self.pos
            terms.append(value)
        return add_all(terms)

    def sum_scopes(self, lower: list[str], upper: list[str]) -> list:
        points = list(self.vocab.datapoints)
        lower, upper = _unwrapped(lower), _unwrapped(upper)  # sum_(i=1)^(2), as Typst and AsciiMath write it
        if "\\in" in lower and "(" in lower[:lower.index("\\in")]:  # \sum_{(x,y) \in D}
            names = [t for t in lower[:lower.index("\\in")] if re.fullmatch(r"[a-zA-Z]", t)]
            return [replace(self.scope, bindings={**self.scope.bindings, **{n: f"{n}^{k}" for n in names}})
                    for k in points]
        index = lower[0] if lower and _INDEX_NAME.fullmatch(lower[0]) else None
        if index is None and not lower and not upper:
            index = self.summand_index()
            names = self.summand_data_names() if index is None else []
            if names:  # "Σ 2(f(x) − y)∇f(x)": a sum with no range over a summand in the data's own names is the
                # sum over the data, as Σ_{(x,y)∈D} says it
                return [replace(self.scope, bindings={**self.scope.bindings, **{n: f"{n}^{k}" for n in names}})
                        for k in points]
        if index is None:
            raise ExpressionSyntaxError("a sum over an unknown range")
        values = points
        listed = [t for t in lower[2:] if t.isdigit()]
        if lower[1:2] == ["\\in"] and listed and all(t in ("(", ")", ",") or t.isdigit() for t in lower[2:]):
            values = listed  # \sum_{i \in \{1, 2\}}
        elif len(lower) >= 3 and lower[1] == "=":  # \sum_{i=1}^{2}
            first, last = "".join(lower[2:]), "".join(upper)
            if first.isdigit() and last.isdigit():
                if not 0 <= int(last) - int(first) < MAX_SUM_TERMS:
                    raise BudgetExceeded(f"a written-out sum has at most {MAX_SUM_TERMS} terms")
                values = [str(k) for k in range(int(first), int(last) + 1)]
                if first == "0" and len(values) == len(points) and any(
                        k.endswith("_0") and v.endswith("_1") for k, v in self.overlay.aliases.items()):
                    values = points  # Σ_{i=0}^{1} over two data points in a hand-in that counts from 0 (its w_0 is
                    # the handout's w_1): the same sum
        return [replace(self.scope, bindings={**self.scope.bindings, index: v}, points=self.scope.points | {index})
                for v in values]

    def summand_data_names(self) -> list[str]:
        """The data's names (x, y: those the homework knows at each data point, x^1 …) the summand writes bare."""
        points = set(self.vocab.datapoints)
        data = {n.split("^")[0] for n in self.vocab.symbols if n.count("^") == 1 and n.split("^")[1] in points}
        found, depth = set(), 0
        for k in range(self.pos, len(self.toks)):
            tok = self.toks[k]
            depth += {"(": 1, "{": 1, "[": 1, ")": -1, "}": -1, "]": -1}.get(tok, 0)
            if depth <= 0 and tok in SIDE_ENDS:
                break
            scripted = self.toks[k + 1:k + 2] in (["_"], ["^"]) or self.toks[k - 1:k] in (["_"], ["^"])
            if tok in data and not scripted:
                found.add(tok)
        return sorted(found)

    def summand_index(self) -> str | None:
        """``Σ 2(f(x^i) − y^i)…``: a sum written with no range runs over the data points when its summand
        marks them with one index letter (as a sub- or superscript); with none, or two, the range is unknown."""
        found, depth = set(), 0
        for k in range(self.pos, len(self.toks)):
            tok = self.toks[k]
            depth += {"(": 1, "{": 1, "[": 1, ")": -1, "}": -1, "]": -1}.get(tok, 0)
            if depth <= 0 and tok in SIDE_ENDS:
                break
            if tok in ("_", "^"):
                script = _unwrapped(_script_at(self.toks, k + 1))
                if len(script) == 1 and script[0] in SUM_INDEX_LETTERS:
                    found.add(script[0])
        return found.pop() if len(found) == 1 else None

    def matrix(self) -> Vec:
        env = "".join(self.group())
        if env == "array" and self.peek() == "{":
            self.group()
        rows: list[list[list[str]]] = [[[]]]
        depth = 0
        while True:
            tok = self.take()
            if tok == "\\end" and depth == 0:
                self.group()
                break
            depth += {"\\begin": 1, "\\end": -1}.get(tok, 0)
            if tok == "\\\\" and depth == 0:
                rows.append([[]])
            elif tok == "&" and depth == 0:
                rows[-1].append([])
            else:
                rows[-1][-1].append(tok)
        cells = [[c for c in r if c] for r in rows]
        cells = [r for r in cells if r]
        if not (env.endswith("matrix") or env == "array") or not cells:
            raise ExpressionSyntaxError(f"cannot read the {env} environment")
        if len(cells) == 1:
            entries = cells[0]
        elif all(len(r) == 1 for r in cells):
            entries = [r[0] for r in cells]
        else:
            raise ExpressionSyntaxError("only vectors (one row or one column) are read")
        return Vec(self.parse_all(e) for e in entries)


def _script_at(tokens: list[str], k: int) -> list[str]:
    """The script that starts at ``k``: one token, or a braced group without its braces."""
    if k >= len(tokens):
        return []
    if tokens[k] != "{":
        return [tokens[k]]
    depth = 0
    for end in range(k, len(tokens)):
        depth += {"{": 1, "}": -1}.get(tokens[end], 0)
        if depth == 0:
            return tokens[k + 1:end]
    return []


def _unwrapped(tokens: list[str]) -> list[str]:
    """``( i = 1 )`` -> ``i = 1``: parentheses around a whole script."""
    if len(tokens) < 2 or tokens[0] != "(" or tokens[-1] != ")":
        return tokens
    depth = 0
    for k, tok in enumerate(tokens):
        depth += {"(": 1, ")": -1}.get(tok, 0)
        if depth == 0 and k < len(tokens) - 1:
            return tokens
    return tokens[1:-1]
