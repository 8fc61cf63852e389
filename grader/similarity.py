"""Near-identical hand-ins, for the instructor to look at (a flag, never a verdict).

Code is compared as its normalised syntax tree (names of variables, attributes and
arguments replaced, comments and docstrings gone), answers as their text; pairs at or
above the threshold are listed with their similarity.
"""
from __future__ import annotations

import ast
import difflib
import itertools
from dataclasses import dataclass


@dataclass(frozen=True)
class SimilarPair:
    a: str
    b: str
    what: str  # "code" or "answers"
    similarity: float


class _Anonymise(ast.NodeTransformer):
    def visit_Name(self, node: ast.Name) -> ast.AST:
        return ast.copy_location(ast.Name(id="_", ctx=node.ctx), node)

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        node.attr = "_"
        return node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.arg = "_"
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.copy_location(ast.Constant(value="_" if isinstance(node.value, str) else node.value), node)


def normalised_code(source: str) -> str:
    """The code's structure without names, strings and comments; the text itself if it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return source
    return ast.dump(_Anonymise().visit(tree), annotate_fields=False)


def similar_pairs(texts: dict[str, str], what: str, threshold: float = 0.95) -> list[SimilarPair]:
    out = []
    for (a, ta), (b, tb) in itertools.combinations(sorted(texts.items()), 2):
        if not ta or not tb:
            continue
        matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
        if matcher.quick_ratio() < threshold:
            continue
        ratio = matcher.ratio()
        if ratio >= threshold:
            out.append(SimilarPair(a, b, what, round(ratio, 3)))
    return sorted(out, key=lambda p: -p.similarity)
