"""Names in written answers: ``w_1``, ``x^{(i)}``, ``w_1^{new}``, ``w_{t+1}``, ``σ_2'``, and what they mean.

A name is read into a canonical form (base, ``_sub``, ``^sup``, primes) with index letters
bound and the marks of an iteration normalised: ``w^{new}``, ``w_{t+1}``, ``w^{(t+1)}``,
``w_{1,new}`` and ``w'`` all name the new weights ``w^new``; ``w_t``, ``w^{(t)}``, ``w^{old}``
the current ones. The hand-in's own definitions (an ``Overlay``) come first, then the
homework's vocabulary.
"""
from __future__ import annotations

import re
from typing import Any

import sympy as sp

from grader.expressions.budget import count_nodes
from grader.expressions.latex_state import Cursor, Named
from grader.expressions.parse import ExpressionSyntaxError
from grader.expressions.tokens import TEXT_WORD
from grader.expressions.vec import Vec

# f_w_1, f_w_k: a function with a weight as its subscript, the partial derivative by that weight (f_{w_1}(x));
# not f_{w_t}, the model at the weights of step t
_SUBSCRIPT_DERIVATIVE = re.compile(r"(\w+)_(\w+)_([^\Wt])")


class UnknownName(ExpressionSyntaxError):
    """A name that neither the hand-in nor the homework defines: ``name`` is its canonical form."""

    def __init__(self, name: str, why: str = "") -> None:
        super().__init__(f"unknown name {name!r}" + (f" ({why})" if why else ""))
        self.name = name


ACCENTS = frozenset({"hat", "bar", "tilde"})  # ŷ is written y^{hat} by the tokenizer
# the next iterate, as students mark it in their languages (w^{neu}, w^{nouveau}, w_{nuevo})
NEXT = {"new", "t+1", "k+1", "n+1", "+", "next", "i+1", "\\tau+1", "τ+1", "\\prime", "neu", "nouveau", "nouv", "nuevo",
        "novo", "nuovo", "nieuw", "nowy", "yeni", "updated", "upd", "mới", "新", "새", "nova", "nueva", "neue", "neuer",
        "neues", "nouvelle", "uusi", "ny", "nya", "nye", "nový", "nowe", "нов", "новый", "новое", "νέο", "νέα",
        "baru", "baharu", "नवे", "नवा", "புதிய", "mpya", "جديد", "جدید", "नया", "ใหม่", "новий", "нове", "after", "succ",
        # Central Asia, the Balkans, Hebrew, Amharic, Maltese: w_нав, w_жаңа, w_yangi, w_шинэ, w_novi, w_חדש
        "нав", "жаңа", "жаңы", "yangi", "шинэ", "novi", "nove", "нови", "нова", "ново", "nov", "ri", "חדש", "አዲስ",
        "ġdid", "gdid"}
CURRENT = {"t", "k", "old", "n", "\\tau", "τ", "current", "curr", "cũ", "旧", "舊", "alt", "alte", "ancien", "ancienne",
           "viejo", "vieja", "vecchio", "velho", "antigo", "oud", "stary", "stare", "eski", "vanha", "gammel", "gamla",
           "старый", "стар", "παλιό", "lama", "prev", "previous", "before", "aktuell", "actuel", "قديم", "قدیم",
           "पुराना", "เก่า", "zamani", "старий"}


class NameMixin(Cursor):
    """Reading and resolving names (mixed into the parser)."""

    def name(self) -> str:
        """The canonical name at the cursor (base, _sub, ^sup, primes), bindings applied."""
        return self.name_parts()[0]

    def name_parts(self) -> tuple[str, str, list[str] | None]:
        """(full name, the name without its superscript, the superscript's tokens)."""
        tok = self.take()
        base = "".join(self.group()) if tok in ("\\mathcal", "\\mathscr", "\\mathbb") else tok
        subs: list[str] = []
        sup_tokens: list[str] | None = None
        primes = ""
        index = self.peek()
        if self.overlay.aliases.get(base, base) in self.vocab.vectors and index not in self.scope.points \
                and (index in self.scope.bindings or index == "k"):
            subs.append(self.take())  # "wj ← wj − α·∂L/∂wj": plain text's w_j, at the component being read;
            # "wk ← wk − α ∂L/∂wk": w_k, read as the same name written with its underscore is
        while self.peek() in ("_", "^", "'"):
            mark = self.take()
            if mark == "'":
                primes += "'"
            elif mark == "_":
                subs.extend(_plain(self.script()).split(","))
            else:
                if sup_tokens is not None and _plain(sup_tokens) in ACCENTS:
                    base = f"{base}^{_plain(sup_tokens)}"  # ŷ^i: the accent is part of the name, i its point
                sup_tokens = self.script()
        sup = _plain(sup_tokens) if sup_tokens is not None else ""
        return self._canonical(base, subs, sup, sup_tokens, primes)

    def _canonical(self, base: str, subs: list[str], sup: str, sup_tokens: list[str] | None,
                   primes: str) -> tuple[str, str, list[str] | None]:
        binds, new = self.scope.bindings, False
        if sup in ACCENTS and subs:  # ŷ_i: the accent is part of the name, the index is its own
            base, sup, sup_tokens = f"{base}^{sup}", "", None
        point = self.scope.bindings.get(sup, sup).strip("()")  # y^1, y^i: the handout's label at a data point
        at_point = bool(sup) and f"{base}^{point}" in self.vocab.symbols and f"{base}^{sup}" not in self.overlay.aliases
        own = len(subs) == 1 and (not sup and f"{base}_{subs[0]}" in self.overlay.symbols  # s1 = s(w1·x), s = σ
                                  or bool(sup) and f"{base}_{subs[0]}^{point}" in self.overlay.symbols)  # s_1^i
        if own and self.peek() == "(" and self.peek(2) == ")" and re.fullmatch(r"[a-z]", self.peek(1) or "") \
                and self.overlay.aliases.get(base) in self.vocab.functions:
            own = False  # "s1(u)": applied to a letter, the hand-in's σ₁ (its s1 = s(x1) is the value at x1)
        if base in self.overlay.aliases and not own \
                and not (at_point and self.overlay.aliases[base] in self.vocab.functions):
            # (y = f(x; w) names the output; y^i beside f(x^i) is still the data point's label)
            if base in self.overlay.notes:
                self.trace.note(self.overlay.notes[base], assumption=False)
            base = self.overlay.aliases[base]
        if len(subs) == 1 and not sup and re.fullmatch(r"\d[a-z]", subs[0]) and subs[0][1] in self.scope.points:
            subs, sup, sup_tokens = [subs[0][0]], subs[0][1], [subs[0][1]]  # a_{2i}: a_2 at the sum's point i
        elif len(subs) == 2 and not sup and subs[1] in self.scope.points \
                and f"{base}_{subs[0]}" in self.overlay.symbols:
            subs, sup, sup_tokens = subs[:1], subs[1], subs[1:]  # a2_i, a_{2,i}: the hand-in's a_2 at point i
        elif len(subs) == 1 and sup and subs[0] in self.scope.points and sup.strip("()") not in self.scope.points \
                and f"{base}^{sup.strip('()')}" in self.overlay.symbols:
            # h^{(2)}_n in a sum over n: the hand-in's layer-2 h (its h^{(2)}) at point n
            base, subs, sup, sup_tokens = f"{base}^{sup.strip('()')}", [], subs[0], subs[:1]
        kept = []
        subs = [_current(s) for s in subs]  # f_{θ^{(t)}}: f at the current weights, f_θ
        subs = [self._weights_named(s) for s in subs]  # f_θ with θ read as w: f_w; f_{θ_3}: f_{w_3}
        subs = [f"{s[:-1]}{binds[s[-1]]}" if re.fullmatch(r"[A-Za-z]+_[a-z]", s) and s[-1] in binds
                and s[:-2] in self.vocab.vectors else s for s in subs]  # f_{w_k} at the component k being read
        for s in subs:
            if s in binds:  # a sum's index k or n, not the iteration w_k
                kept.append(s)
            elif s in NEXT:
                new = True
            elif s not in CURRENT and s:
                kept.append(s)
        if sup in binds:
            pass
        elif sup in NEXT:
            new, sup, sup_tokens = True, "", None
        elif sup in CURRENT:
            sup, sup_tokens = "", None
        if len(kept) == 1 and kept[0] in self.scope.points and not sup \
                and base not in self.overlay.per_point:  # x_i in a sum over the data: x^i
            # (a name the hand-in defined per point as e_1, e_2 stays itself: e^1 would be Euler's e)
            sup, sup_tokens, kept = binds.get(kept[0], kept[0]), [kept[0]], []
        sub = ",".join(binds.get(s, s) for s in kept)
        sup = binds.get(sup, sup)
        if not sub and not sup and base in binds:
            base = binds[base]
        stem = base + (f"_{sub}" if sub else "")
        mark = "^new" if new else ""
        full = stem + (f"^{sup}" if sup else mark) + primes
        if full in binds:
            full = binds[full]
        return full, stem + mark + primes, sup_tokens

    def _weights_named(self, sub: str) -> str:
        """A subscript under the homework's name for the weights: ``θ`` is ``w``, ``θ_3`` is ``w_3`` where the
        hand-in calls its weights θ."""
        aliases, vectors = self.overlay.aliases, self.vocab.vectors
        if aliases.get(sub) in vectors:
            return aliases[sub]
        stem, _, index = sub.rpartition("_")
        return f"{aliases[stem]}_{index}" if stem and index != "t" and aliases.get(stem) in vectors else sub

    def identifier(self) -> Any:
        first = self.pos
        full, without_sup, sup_tokens = self.name_parts()
        listed = without_sup in self.overlay.listed_at_point and _plain(sup_tokens or []) in self.vocab.datapoints
        if sup_tokens is not None and (self.marks_point(sup_tokens) or listed) and self.resolve(full) is None:
            at_point = self.at_datapoint(full)
            if at_point is not None:
                return at_point
        if sup_tokens is not None and self.peek() not in ("(", "{") and without_sup in self.vocab.functions \
                and (self.marks_point(sup_tokens) or self.overlay.per_point or self._labels_points(first)):
            point = _plain(sup_tokens).strip("()")
            x_k = self.vocab.symbols.get(f"x^{point}") if point in self.vocab.datapoints else None
            if x_k is not None:  # out^1, f^{(i)}: the model's output at that data point, f(x^1)
                self.trace.explicit += 1
                return self.vocab.functions[without_sup](x_k)
        for name, exponent in ((full, None), (without_sup, sup_tokens)):
            value = self.resolve(name)
            if value is None and name.endswith("'") and self.lookup_function(name) is None:
                value = self.resolve(name.rstrip("'") + "^new")  # w' is the new w
            if value is None:
                continue
            if exponent is not None:
                from grader.expressions.vec import power

                value = power(value, self.parse_all(exponent))
            elif self.peek() == "(":
                value = self.applied_to_point(value)
            return value
        if full.startswith(TEXT_WORD):
            raise ExpressionSyntaxError(f"text {full[len(TEXT_WORD):]!r} in a formula")
        stem, _, point = full.rpartition("_")
        if full in self.overlay.reserved:
            raise UnknownName(full, self.overlay.notes.get(full, ""))
        if stem and point in self.vocab.datapoints and f"{stem}^{point}" in self.vocab.symbols:
            return self.vocab.symbols[f"{stem}^{point}"]  # y_1 where only y^1 is known: the first data point
        stem, point = self.split_point(full)  # ŷ_1: the model's output at the first data point
        if point is not None and self.peek() not in ("(", "{"):
            self.trace.explicit += 1
            return self.vocab.functions[self.overlay.aliases.get(stem, stem)](point)
        raise UnknownName(full)

    def applied_to_point(self, value: Any) -> Any:
        """``σ(x_2(x¹))``: an intermediate the hand-in or the handout defined from the input, written as a function
        of one data point, is its value there; anything else in the brackets is left to be read as a product."""
        import sympy as sp

        from grader.expressions.vec import Vec

        x = self.vocab.symbols.get("x")
        entries = list(value) if isinstance(value, Vec) else [value]  # gradf(x_i), gradf = [df/dw1, …]: each entry
        if x is None or not entries or not all(isinstance(e, sp.Expr) for e in entries):
            return value
        in_x = [self.vocab.in_input(e) for e in entries]
        if not any(e.has(x) for e in in_x):
            return value
        start = self.pos
        try:
            arg = self.parse_all(self.paren())
        except ExpressionSyntaxError:
            arg = None
        points = [self.vocab.symbols.get(f"x^{k}") for k in self.vocab.datapoints]
        if arg is None or arg not in points:
            self.pos = start
            return value
        self.trace.explicit += 1
        return Vec(e.subs(x, arg) for e in in_x) if isinstance(value, Vec) else in_x[0].subs(x, arg)

    def split_point(self, name: str) -> tuple[str, Any]:
        """Overridden where the model's functions are known (the calculus mixin)."""
        return name, None

    def _labels_points(self, at: int) -> bool:
        """Whether the name at ``at`` is written with the first data point's mark somewhere in the formula
        (``out^1``): then ``out^2`` is the second data point, not a square."""
        name = self.toks[at]
        return any(self.toks[k] == name and self.toks[k + 1:k + 3] == ["^", "1"] for k in range(len(self.toks) - 2))

    def marks_point(self, sup_tokens: list[str]) -> bool:
        """A superscript that names a data point: a sum's index (x_2^i) or one in parentheses (x_2^{(1)}).

        x_2^2 alone stays a square, unless the hand-in defined an intermediate at each data point (x_2^i = …).
        """
        raw = "".join(t for t in sup_tokens if t not in ("{", "}"))
        if _plain(sup_tokens) in self.vocab.datapoints and any(
                k.partition("^")[0] in self.vocab.pointwise and k.partition("^")[2] in self.vocab.datapoints
                for k in self.overlay.symbols):
            return True  # the hand-in writes intermediates at a data point as x_2^1 (it defined x_2^i)
        return _plain(sup_tokens) in self.scope.points or (raw.startswith("(") and raw.endswith(")"))

    def at_datapoint(self, full: str) -> Any:
        """An intermediate at a data point (x_2^i in a sum over i, x_2^{(1)}): its value with x = x^k.

        Only a plain symbol of the homework or the hand-in that depends on x is read this way.
        """
        import sympy as sp

        stem, _, point = full.rpartition("^")
        point = point.strip("()")
        if not stem or point not in self.vocab.datapoints or stem in ("x", "y"):
            return None
        value = self.overlay.symbols.get(stem, self.vocab.symbols.get(stem))
        x, x_k = self.vocab.symbols.get("x"), self.vocab.symbols.get(f"x^{point}")
        if x is None or x_k is None:
            return None
        if value is None and stem in self.vocab.functions and stem not in self.overlay.functions \
                and not stem.endswith("'") and self.peek() not in ("(", "{"):
            self.trace.explicit += 1
            return self.vocab.functions[stem](x_k)  # f^i in a sum over i: f at the data point, f_w(x^i)
        if not isinstance(value, sp.Expr):
            return None
        value = self.vocab.in_input(value)
        if not value.has(x):
            return None
        self.trace.explicit += 1
        return value.subs(x, x_k)

    def _own_symbol_at_point(self, name: str, value: Any) -> Any:
        """``g(x1)`` after ``g = [… a1 … x]``: a name the hand-in defined from the input x, written with a data
        point as its argument, is its value there (not a product with x_1); None when what follows is no data point
        in brackets (then the name is read alone)."""
        x = self.vocab.symbols.get("x")
        if self.peek() != "(" or x is None:
            return None
        parts = list(value) if isinstance(value, Vec) else [value]
        if not all(isinstance(p, sp.Expr) for p in parts) \
                or not any(self.vocab.in_input(p).has(x) for p in parts):
            return None
        start = self.pos
        try:
            self.take("(")
            arg = self.expression()
            self.take(")")
        except ExpressionSyntaxError:
            self.pos = start
            return None
        point = next((self.vocab.symbols[f"x^{k}"] for k in self.vocab.datapoints
                      if f"x^{k}" in self.vocab.symbols and arg == self.vocab.symbols[f"x^{k}"]), None)
        if point is None:
            point = self.model_point("f", arg) if hasattr(self, "model_point") else arg  # "g(x_1)" beside y_1
            if not any(point == self.vocab.symbols.get(f"x^{k}") for k in self.vocab.datapoints):
                self.pos = start
                return None
        self.trace.note(f"{name}(…) is read as {name} at the data point", assumption=False)
        found = [self.vocab.in_input(p).subs(x, point) for p in parts]
        return Vec(found) if isinstance(value, Vec) else found[0]

    def _summed_point(self) -> Any:
        """The data point a sum over the data binds here (Σ_{i=1}^{2}, i bound to one of them), else None."""
        points = {str(self.scope.bindings.get(i)) for i in self.scope.points} & set(self.vocab.datapoints)
        if len(points) != 1:
            return None
        return self.vocab.symbols.get(f"x^{next(iter(points))}")

    def _at_bound_input(self, value: Any) -> Any:
        """A name the hand-in defined from the input x, used in a sum over (x, y) ∈ D: its value at that point."""
        bound = self.scope.bindings.get("x")
        x = self.vocab.symbols.get("x")
        if bound is None or x is None or bound not in self.vocab.symbols or not getattr(value, "free_symbols", None):
            return value
        return value.subs(x, self.vocab.symbols[bound]) if x in value.free_symbols else value

    def lookup_function(self, name: str) -> Any:
        stem = name.rstrip("'")
        if stem != name and stem in self.overlay.aliases:  # s_1'(x) with s_1 the hand-in's name for σ_1
            name = self.overlay.aliases[stem] + name[len(stem):]
        name = self.overlay.aliases.get(name, name)
        if name in self.overlay.functions:
            return self.overlay.functions[name]
        if name in self.overlay.doubted:
            raise UnknownName(name, self.overlay.notes.get(name, ""))  # σ' the hand-in defined otherwise
        whole = _SUBSCRIPT_DERIVATIVE.fullmatch(name)
        if whole and whole.group(1) in self.vocab.functions and whole.group(2) in self.vocab.vectors \
                and self.peek() == "(":
            return self._subscript_derivative(*whole.groups())
        return self.vocab.functions.get(name)

    def _subscript_derivative(self, head: str, vector: str, index: str) -> Any:
        """``f_{w_1}(x)``: the partial derivative ∂f/∂w₁ at x, written as a subscript (as economists do); with an
        index no sum binds (``f_{w_k}``, beside ``w_k ← …``), every component: the vector of the update."""
        size = len(self.vocab.vectors[vector])
        indices = [index] if index.isdigit() else [] if index in self.scope.bindings else \
            [str(n) for n in range(1, size + 1)]
        found = [self.vocab.derivatives.get((head, f"{vector}_{n}")) for n in indices]
        parts = [part for part in found if part is not None]
        if not parts or len(parts) < len(found):
            return None

        def derivative(arg: Any, evaluate: bool = False) -> Any:
            return parts[0](arg) if index.isdigit() else Vec([part(arg) for part in parts])

        derivative.named = f"{head}_{{{vector}_{index}}}"  # type: ignore[attr-defined]  # by name, as ∂f/∂w₁
        return derivative

    def resolve(self, name: str) -> Any:
        """The value a name has here, or None when it names nothing."""
        self.trace.names.add(name)
        if name in self.overlay.notes and (name in self.overlay.symbols or name in self.overlay.functions):
            self.trace.note(self.overlay.notes[name], assumption=False)
        if name in self.overlay.symbols:
            self.trace.explicit += 1
            self.trace.named.extend(self.overlay.named.get(name, ()))  # g^1 := ∇_w f_w(x^1): derivatives by name
            self._skip_own_arguments()  # ψ(w), with ψ(w) := w_2 σ(φ(w)): the hand-in's node, at the weights
            at_point = self._own_symbol_at_point(name, self.overlay.symbols[name])
            return at_point if at_point is not None else self._at_bound_input(self.overlay.symbols[name])
        if name.rstrip("'") != name or name in self.overlay.functions or name in self.overlay.aliases \
                or name in self.vocab.functions or _SUBSCRIPT_DERIVATIVE.fullmatch(name):
            function = self.lookup_function(name)
            if function is not None:
                return self.apply(name, function)
        name = self.overlay.aliases.get(name, name)
        if name in self.overlay.said_otherwise:
            raise UnknownName(name, self.overlay.notes.get(name, ""))
        if self.vector and name in self.vocab.vectors:
            self.trace.explicit += 1
            if self.peek() == "(" and self.peek(1) in CURRENT and self.peek(2) == ")":
                self.pos += 3  # w(t), w(k): the weights at the current step, w
            return Vec(self.vocab.vectors[name])
        if name in self.vocab.symbols:
            self.trace.explicit += 1
            if name in self.vocab.pointwise:
                self._skip_own_arguments()  # x₂(w, x): the intermediate, written as the function of w and x it is
            if name in self.vocab.pointwise and self.scope.bindings.get("x") in self.vocab.symbols:
                return self._at_bound_input(self.vocab.pointwise[name])  # σ_2(x_2) in Σ_{(x,y)∈D}: at that x
            if name in self.vocab.pointwise and (point := self._summed_point()) is not None:
                x = self.vocab.symbols.get("x")  # σ_2(x_2) in Σ_{i=1}^{2} 2(f(xⁱ) − yⁱ)[…, x^i]: at the sum's xⁱ
                value = self.vocab.pointwise[name]
                return value.subs(x, point) if x is not None and x in getattr(value, "free_symbols", ()) else value
            return self.vocab.symbols[name]
        if name in self.vocab.assumed:
            value, note = self.vocab.assumed[name]
            self.trace.note(note)
            return value
        return None

    def _skip_own_arguments(self) -> None:
        """Step over ``(w, x)`` after an intermediate's name: an argument list made only of two or more of the problem's
        own variables and weights (one name alone, x₂(x¹), is a data point or a product)."""
        if self.peek() != "(":
            return
        k, names, vectors = self.pos + 1, 0, 0
        while k < len(self.toks) and k < self.pos + 12 and self.toks[k] != ")":
            tok = self.toks[k]
            if tok in (",", ";"):
                k += 1
                continue
            if tok in self.vocab.vectors or tok in self.vocab.symbols:
                names += 1
                vectors += tok in self.vocab.vectors
                k += 1
                if tok in self.vocab.vectors and k + 1 < len(self.toks) and self.toks[k] in ("^", "_") \
                        and self.toks[k + 1].strip("{}()") in CURRENT:
                    k += 2  # T(w^k): at the current step's weights, which the reading's w is
                continue
            return
        if k < len(self.toks) and self.toks[k] == ")" and (names >= 2 or names == vectors == 1):
            self.pos = k + 1  # (ψ(w): the node as the weights' function, at the weights)

    def apply(self, name: str, function: Any) -> Any:
        """``name(arg)``; σ written alone takes the argument of the left side (dσ/du = σ(1−σ))."""
        start = self.pos
        if self.peek() in ("(", "{") and not self._shorthand(name):
            arg = self.parse_all(self.paren() if self.peek() == "(" else self.group())
        elif self.scope.default_arg is not None:
            arg = self.scope.default_arg
            self.trace.note(f"{name} written without its argument is read as {name}({arg})", assumption=False)
        else:
            raise ExpressionSyntaxError(f"{name} is written without its argument")
        if isinstance(arg, Vec):
            raise ExpressionSyntaxError(f"{name} of a vector")
        if name.endswith("'") or getattr(function, "named", False):  # σ'(x): the derivative, written by name
            shown = getattr(function, "named", name)
            self.trace.named.append(Named(shown + " " + _show_tokens(self.toks[start:self.pos]), True))
        else:
            self.trace.explicit += 1
        model_point = getattr(self, "model_point", None)
        if model_point is not None:
            arg = model_point(name, arg)
        if isinstance(function, tuple):  # the hand-in's own function: its body with the argument put in
            parameter, body = function
            self.trace.named.extend(self.overlay.named.get(name, ()))
            value = substitute(body, {parameter: arg})
            count_nodes(value)
            return value
        return function(arg, evaluate=False)


    def _shorthand(self, name: str) -> bool:
        """σ(1−σ) with σ written alone inside: σ·(1−σ), the shorthand, not σ applied to 1−σ."""
        if self.scope.default_arg is None or self.peek() != "(":
            return False
        base = name.rstrip("'").split("_")[0]
        depth, i = 0, self.pos
        while i < len(self.toks):
            tok = self.toks[i]
            depth += {"(": 1, ")": -1}.get(tok, 0)
            if depth == 0:
                return False
            if tok == base or self.overlay.aliases.get(tok, "").split("_")[0] == base:  # h(1−h), h read as σ
                j = i + 1
                if j < len(self.toks) and self.toks[j] == "_":  # σ_1(1−σ_1): the same name with its index
                    j += 4 if j + 1 < len(self.toks) and self.toks[j + 1] == "{" else 2
                if j >= len(self.toks) or self.toks[j] not in ("(", "_", "'", "{"):
                    return True
            i += 1
        return False


def substitute(expr: Any, mapping: dict[sp.Symbol, Any]) -> Any:
    """``expr`` with symbols replaced, rebuilt unevaluated (``xreplace`` would evaluate numbers)."""
    if isinstance(expr, Vec):
        return Vec(substitute(e, mapping) for e in expr)
    if expr in mapping:
        return mapping[expr]
    if not expr.args or not (expr.free_symbols & set(mapping)):
        return expr
    args = [substitute(a, mapping) for a in expr.args]
    if isinstance(expr, (sp.Add, sp.Mul, sp.Pow, sp.exp, sp.log)):
        return expr.func(*args, evaluate=False)
    return expr.func(*args)


def _current(sub: str) -> str:
    """``\\theta^(t)`` -> ``\\theta``: a name in a subscript marked as the current iterate is the name."""
    stem, mark, sup = sub.partition("^")
    return stem if mark and sup.strip("(){}") in CURRENT else sub


def _plain(tokens: list[str] | None) -> str:
    """A sub- or superscript as a name part: ``{(1)}`` -> ``1``, ``\\text{new}`` -> ``new``."""
    if not tokens:
        return ""
    text = "".join(t.removeprefix(TEXT_WORD) for t in tokens
                   if t not in ("\\text", "\\mathrm", "\\textrm", "{", "}"))
    text = re.sub(r"\\prime", "'", text)
    return text[1:-1] if text.startswith("(") and text.endswith(")") else text


def _show_tokens(tokens: list[str]) -> str:
    return " ".join(tokens)
