"""Answer expressions: safe parsing into sympy, numeric evaluation, equivalence and mistakes."""
from __future__ import annotations

from grader.expressions.parse import ExpressionSyntaxError, Vocabulary, parse_expression

__all__ = ["ExpressionSyntaxError", "Vocabulary", "parse_expression"]
