"""Limits on the work one answer may cost the grader: reading it, building it, evaluating it.

A batch is one process, so an answer that grows without bound (nested sums, towers,
a macro that doubles at every level) must stop at a limit and send its item to a person,
never stall or kill the grader. Every limit is a count, not a clock, so the same answer
gets the same verdict on every machine.
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from grader.expressions.parse import ExpressionSyntaxError

MAX_TOKENS_READ = 40_000  # tokens consumed while reading one side, re-reading included (sums)
MAX_NESTING = 50  # brackets, fractions, scripts and function calls inside one another
MAX_NODES = 4_000  # nodes of the expression tree built for one side
MAX_EVAL_STEPS = 100_000  # numeric node evaluations for one comparison (all points, both precisions)
MAX_SUM_TERMS = 9  # terms of one written-out sum


class BudgetExceeded(ExpressionSyntaxError):
    """The answer needs more work than the grader gives one answer; the message names the limit."""


def count_nodes(value: Any, limit: int = MAX_NODES) -> int:
    """Nodes of a tree (or of every component of a vector), counted without recursion; stops past ``limit``."""
    stack = list(value) if isinstance(value, list) else [value]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > limit:
            raise BudgetExceeded(f"the expression is too large (more than {limit:,} parts)")
        if isinstance(node, sp.Basic):
            stack.extend(node.args)
    return seen


class StepCounter:
    """Counts evaluation steps; raises ``BudgetExceeded`` past the limit."""

    def __init__(self, limit: int = MAX_EVAL_STEPS) -> None:
        self.limit, self.steps = limit, 0

    def step(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > self.limit:
            raise BudgetExceeded(f"evaluating the answer takes more than {self.limit:,} steps")
