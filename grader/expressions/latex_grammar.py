"""The grammar of written answers: a recursive-descent parser over tokens, building unevaluated sympy.

``grader.expressions.latex`` tokenizes and calls it; the names it resolves come from a
homework's :class:`LatexVocabulary`, overlaid by one hand-in's own definitions
(:class:`Overlay`). Derivatives, gradients, sums and matrices live in
``latex_calculus``. Every side is read under the limits of ``budget``.
"""
from __future__ import annotations

import re
from typing import Any

import sympy as sp

from grader.expressions.budget import MAX_NESTING, BudgetExceeded
from grader.expressions.latex_calculus import CalculusMixin
from grader.expressions.latex_names import CURRENT, NameMixin
from grader.expressions.parse import MAX_LITERAL, ExpressionSyntaxError
from grader.expressions.vec import Vec, add_all, div, mul_all, neg, power


class NotEvaluable(ExpressionSyntaxError):
    """A side of an equation that names something (∂L/∂f) rather than computing it."""


STOP = {"=", ")", "]", "}", ",", "&", "\\\\", "\\end", "\\leftarrow", "\\gets", "\\rightarrow", "\\to", ":", ";",
        ".", "<", ">", "|", "\\in", "\\Rightarrow", "\\therefore", "!", ":=", "\\approx", "\\equiv", "\\ldots",
        "\\dots", "\\cdots"}
TIMES = {"\\cdot", "\\times", "*", "\\ast", "\\cdotp", "\\circ"}
FRACS = {"\\frac", "\\dfrac", "\\tfrac", "\\cfrac"}
# the bar at the current weights: "|_{w = w^{(t)}}", "|_{\mathbf{w}=\mathbf{w}_t}"
_WEIGHTS = r"(\\(?:mathbf|boldsymbol|bm|vec)\{?w\}?|w|\\theta|θ)"
_AT_ITERATE = re.compile(rf"{_WEIGHTS}={_WEIGHTS}(?:\^\{{?\(?(?:t|k|n|old|\\text\{{old\}})\)?\}}?|_\{{?(?:t|k|n)\}}?)")
NAME = re.compile(r"[a-zA-Z]|\\[a-zA-Z]+|[a-zA-Z]{2,}")


class Parser(CalculusMixin, NameMixin):
    """Recursive descent over a token list; one instance per (sub)expression, one ``Trace`` per side.

    The state and cursor come from ``latex_state.Cursor``; this class holds the grammar proper."""

    def expression(self) -> Any:
        self.trace.nesting += 1
        try:
            if self.trace.nesting > MAX_NESTING:
                raise BudgetExceeded("expression is nested too deeply")
            terms = [self.term()]
            while self.peek() in ("+", "-"):
                op = self.take()
                right = self.term()
                terms.append(neg(right) if op == "-" else right)
            return add_all(terms)
        finally:
            self.trace.nesting -= 1

    def term(self) -> Any:
        factors = [self.signed()]
        while True:
            tok = self.peek()
            if tok in TIMES:
                self.take()
                factors.append(self.signed())
            elif tok == "/":
                self.take()
                factors = [div(mul_all(factors), self.signed())]
            elif tok is not None and self.starts_factor(tok):
                factors.append(self.postfix())
            else:
                return mul_all(factors)

    def starts_factor(self, tok: str) -> bool:
        if tok == "|":  # "2|f − y|"; not "e w2 | w3 σ2(x2) … |", a table's row read as one line
            return re.fullmatch(r"\d+(\.\d+)?", self.toks[self.pos - 1]) is not None and self.opens_absolute()
        return tok not in STOP and tok not in TIMES and tok not in ("+", "-", "/", "^", "_", "'")

    def opens_absolute(self) -> bool:
        """Whether the bar at the cursor opens an absolute value ``|f − y|``: a closing bar follows before any
        sign that ends an expression, and it is not the bar of an evaluation (``|_{x = x¹}``)."""
        if self.peek(1) in (None, "_", "|"):
            return False
        for k in range(self.pos + 1, min(len(self.toks), self.pos + 200)):
            tok = self.toks[k]
            if tok == "|":
                return self.toks[k + 1:k + 2] != ["_"]
            if tok in STOP and tok not in (")", "]", "}"):
                return False
        return False

    def signed(self) -> Any:
        if self.peek() == "-":
            self.take()
            return neg(self.signed())
        if self.peek() == "+":
            self.take()
            return self.signed()
        return self.postfix()

    def postfix(self) -> Any:
        value = self.primary()
        while self.peek() == "^" or (self.peek() == "|" and self.toks[self.pos + 1:self.pos + 2] == ["_"]) \
                or (self.peek() == "_" and isinstance(value, Vec)):
            mark = self.take()
            if mark == "|":
                value = self.evaluated_at(value)
                continue
            if mark == "_":  # (w_1, w_2, w_3)^T_k: the current weights, the vector itself
                if "".join(t for t in self.script() if t not in ("(", ")", "{", "}")) not in CURRENT:
                    raise ExpressionSyntaxError("a vector with an index")
                continue
            exponent = self.script()
            if isinstance(value, Vec) and exponent in (["T"], ["\\top"], ["\\intercal"]):
                continue  # a transposed vector is the same vector here
            value = power(value, self.parse_all(exponent))
        return value

    def primary(self) -> Any:
        tok = self.peek()
        if tok is None:
            raise ExpressionSyntaxError("expression ends too early")
        if re.fullmatch(r"\d+(\.\d+)?|\.\d+", tok):
            self.take()
            return _number(tok)
        if tok in ("(", "["):
            return self.bracket()
        if tok == "|" and self.pos > 0 and self.opens_absolute():  # 2 + |f_w(x) − y|: a value's size (bars that
            # open a side may be a table's cell, "| w3 σ2(x2)… |", or an absolute value: not read)
            self.take()
            inside = self.expression()
            self.take("|")
            if isinstance(inside, Vec):
                raise ExpressionSyntaxError("the size of a vector")
            return sp.Abs(inside, evaluate=False)
        if tok == "{":
            return self.parse_all(self.group())
        if tok in FRACS:
            self.take()
            return self.fraction(self.group(), self.group())
        if tok in _HYPERBOLIC:
            self.take()
            return self.hyperbolic(_HYPERBOLIC[tok])
        handler = {"\\sqrt": self.sqrt, "\\exp": self.exp, "\\ln": self.log, "\\log": self.log,
                   "\\underbrace": self.brace, "\\overbrace": self.brace, "\\sum": self.sum,
                   "\\begin": self.matrix}.get(tok)
        if handler:
            self.take()
            return handler()
        if tok == "D" and self._derivative_operator():  # Dσ(u): the analyst's derivative operator, σ'(u)
            return self.identifier()
        if tok in ("\\nabla", "\\partial", "d") or tok == "D" and self.peek(1) == "_":
            found = self.gradient() if tok == "\\nabla" else self.slash_derivative()
            if found is not None:
                return found
        if NAME.fullmatch(tok) or tok == "\\mathcal":
            return self.identifier()
        raise ExpressionSyntaxError(f"unexpected {tok!r}")

    def _derivative_operator(self) -> bool:
        """``Dσ(u)``, ``Dσ_1(x_1)``: D right before one of the homework's functions (and D no name of the hand-in's
        own) is that function's derivative; the tokens are rewritten as ``σ'(u)``, read as any σ' is."""
        after = self.peek(1)
        stems = {f.rstrip("'").split("_")[0] for f in self.vocab.functions}
        if after is None or self.overlay.aliases.get(after, after) not in stems or "D" in self.overlay.symbols \
                or "D" in self.overlay.functions or "D" in self.overlay.aliases:
            return False
        start = self.pos
        self.take()
        name = self.name_tokens()
        if "'" in name:
            self.pos = start
            return False
        self.toks[start:self.pos] = [*name, "'"]
        self.pos = start
        return True

    def bracket(self) -> Any:
        """``(…)`` or ``[…]``; with commas inside, a vector ``(w_1, w_2, w_3)``."""
        close = ")" if self.take() == "(" else "]"
        items = [self.expression()]
        while self.peek() == ",":
            self.take()
            items.append(self.expression())
        self.take(close)
        if len(items) == 1:
            return items[0]
        if any(isinstance(i, Vec) for i in items):
            raise ExpressionSyntaxError("a vector of vectors")
        if self.peek() == "^" and self.peek(1) in ("T", "\\top", "\\intercal") and self.peek(2) == "(":
            self.take()  # [∂f/∂w1, ∂f/∂w2, ∂f/∂w3]^T(x^i): the transposed vector at that input
            self.take()
        if self.peek() == "(":  # (∂f/∂w_1, ∂f/∂w_2, ∂f/∂w_3)(x^i): the vector at that input, not a product
            return self.at_input(Vec(items))
        return Vec(items)

    def evaluated_at(self, value: Any) -> Any:
        """``(∂f/∂w_1, …)|_{x=x^i}``: the bar of evaluation, the model's input set to the point written."""
        from grader.expressions.latex_names import substitute

        self.take("_")
        script = self.script()
        eq = script.index("=") if "=" in script else -1
        variable = self.vocab.symbols.get("".join(script[:eq])) if eq > 0 else None
        iterate = _AT_ITERATE.fullmatch("".join(script)) if eq > 0 else None
        if iterate is not None and iterate.group(1) == iterate.group(2):
            return value  # "∂L/∂w_k |_{w = w^{(t)}}": at the current weights, which the step's w already is
        if variable is None or variable != self.vocab.symbols.get("x"):
            raise ExpressionSyntaxError("an evaluation bar at something other than the input")
        point = self.parse_all(script[eq + 1:])
        if isinstance(point, Vec):
            raise ExpressionSyntaxError("an evaluation bar at a vector")
        return substitute(value, {variable: point})

    def at_input(self, vector: Vec) -> Vec:
        from grader.expressions.latex_names import substitute

        variable = self.vocab.symbols.get("x")
        point = self.parse_all(self.paren())
        if variable is None or isinstance(point, Vec):
            raise ExpressionSyntaxError("a vector applied to something that is not an input")
        return substitute(vector, {variable: point})

    # ----------------------------------------------------------- functions
    def sqrt(self) -> Any:
        arg = self.parse_all(self.paren()) if self.peek() == "(" else self.parse_all(self.group())
        return power(arg, sp.Rational(1, 2))

    def argument(self) -> Any:
        if self.peek() == "(":
            return self.parse_all(self.paren())
        if self.peek() == "{":
            return self.parse_all(self.group())
        return self.signed()

    def exp(self) -> Any:
        if self.peek() == "^":  # \exp^{…}: e to that power
            self.take()
            arg = self.parse_all(self.script())
        else:
            arg = self.argument()
        if isinstance(arg, Vec):
            raise ExpressionSyntaxError("exp of a vector")
        self.trace.explicit += 1
        return sp.exp(arg, evaluate=False)

    def hyperbolic(self, function: Any) -> Any:
        """``\\cosh^2(u/2)``, ``\\tanh(u/2)``: σ′ = 1/(4 cosh²(u/2)) and σ = (1 + tanh(u/2))/2 are the sigmoid's
        identities; a power written on the function's name raises the value."""
        power: Any = 1
        if self.peek() == "^":
            self.take()
            power = self.parse_all(self.script())
        arg = self.argument()
        if isinstance(arg, Vec) or isinstance(power, Vec):
            raise ExpressionSyntaxError("a hyperbolic function of a vector")
        self.trace.explicit += 1
        value = function(arg, evaluate=False)
        return value if power == 1 else sp.Pow(value, power, evaluate=False)

    def log(self) -> Any:
        arg = self.argument()
        if isinstance(arg, Vec):
            raise ExpressionSyntaxError("log of a vector")
        self.trace.explicit += 1
        return sp.log(arg, evaluate=False)

    def brace(self) -> Any:
        value = self.parse_all(self.group())
        if self.peek() in ("_", "^"):  # the label under or over the brace
            self.take()
            self.group()
        return value


_HYPERBOLIC = {"\\cosh": sp.cosh, "\\sinh": sp.sinh, "\\tanh": sp.tanh}


def _number(tok: str) -> sp.Expr:
    if "." in tok:
        if len(tok) > 30:
            raise ExpressionSyntaxError(f"number {tok[:20]}… has too many digits")
        return sp.Float(tok)
    value = int(tok)
    if value > MAX_LITERAL:
        raise ExpressionSyntaxError(f"number {tok[:20]} is too large")
    return sp.Integer(value)
