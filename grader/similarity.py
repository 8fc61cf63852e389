"""Near-identical hand-ins, for the instructor to look at (a flag, never a verdict).

Code is compared as its normalised syntax tree (names of variables, attributes and
arguments replaced, comments and docstrings gone), answers as their text. Each text
becomes a set of hashed word shingles, summarised by its smallest hashes (a bottom-k
sketch), so one text costs time linear in its length and one pair a fixed amount of
work whatever the size of the hand-ins (an edit-distance comparison was quadratic: two
60 KB answer files took minutes). Pairs at or above the threshold are listed with their
estimated Jaccard similarity. Texts with too little in them are never flagged: two
hand-ins without code are not "100 % alike".
"""
from __future__ import annotations

import ast
import hashlib
import itertools
import re
from dataclasses import dataclass

SHINGLE = 5  # words per shingle
SKETCH = 256  # smallest shingle hashes kept per text
MIN_WORDS = 30  # fewer words than this: nothing to compare
MAX_CHARS = 2_000_000
_WORD = re.compile(r"\w+|[^\w\s]")


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
    """The code's structure without names, strings and comments; the text itself if it does not parse.

    Empty code (no code handed in, or only blanks and comments) is the empty string: nothing to compare.
    """
    if not source or not source.strip():
        return ""
    try:
        tree = ast.parse(source)
        if not tree.body:
            return ""
        return ast.dump(_Anonymise().visit(tree), annotate_fields=False)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return source


def sketch(text: str) -> frozenset[int]:
    """The ``SKETCH`` smallest hashes of the text's word shingles; empty when it has too few words."""
    words = _WORD.findall(text[:MAX_CHARS])
    if len(words) < MIN_WORDS:
        return frozenset()
    hashes = {int.from_bytes(hashlib.blake2b(" ".join(words[i:i + SHINGLE]).encode(), digest_size=8).digest(), "big")
              for i in range(len(words) - SHINGLE + 1)}
    return frozenset(sorted(hashes)[:SKETCH])


def estimated_jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Bottom-k estimate: the share of the union's smallest hashes that both texts hold."""
    union = sorted(a | b)[:SKETCH]
    return sum(1 for h in union if h in a and h in b) / len(union) if union else 0.0


def similar_pairs(texts: dict[str, str], what: str, threshold: float = 0.9) -> list[SimilarPair]:
    sketches = {k: sketch(v) for k, v in texts.items() if v}
    out = []
    for (a, sa), (b, sb) in itertools.combinations(sorted(sketches.items()), 2):
        if not sa or not sb:
            continue
        similarity = estimated_jaccard(sa, sb)
        if similarity >= threshold:
            out.append(SimilarPair(a, b, what, round(similarity, 3)))
    return sorted(out, key=lambda p: (-p.similarity, p.a, p.b))
