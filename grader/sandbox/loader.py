"""Load the student's module in the child, keeping only what defines things.

Students hand in their whole training script. Importing it would train (and try to
download the dataset) at import time, so the child keeps the top-level imports, function
and class definitions and call-free assignments, and skips the rest, saying which
lines it skipped. This runs in the child only.
"""
from __future__ import annotations

import ast
import sys
import types
from pathlib import Path

KEEP = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
DEFAULT_IMPORTS = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n"


def _keeps(node: ast.stmt) -> bool:
    if isinstance(node, ast.ImportFrom) and node.module == "__future__":
        return False  # only legal first in a file; pasted cells often have it elsewhere
    if isinstance(node, KEEP):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        return not any(isinstance(n, ast.Call) for n in ast.walk(node.value))
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return True  # docstrings
    return False


def definitions_only(source: str, filename: str) -> tuple[ast.Module, list[int]]:
    """The module's syntax tree with only definitions kept, and the lines of what was skipped."""
    tree = ast.parse(source, filename=filename)
    kept: list[ast.stmt] = []
    skipped: list[ast.stmt] = []
    for node in tree.body:
        (kept if _keeps(node) else skipped).append(node)
    tree.body = kept
    return tree, [n.lineno for n in skipped]


def load_module(path: Path, add_default_imports: bool = True) -> tuple[types.ModuleType, list[int]]:
    """Execute the definitions of ``path`` as module ``student_code``."""
    source = path.read_text(encoding="utf-8", errors="replace")
    tree, skipped = definitions_only(source, str(path))
    module = types.ModuleType("student_code")
    module.__file__ = str(path)
    sys.modules["student_code"] = module
    if add_default_imports:  # a network class pasted without its imports still works
        exec(compile(DEFAULT_IMPORTS, "<grader imports>", "exec"), module.__dict__)
    sys.path.insert(0, str(path.parent))
    exec(compile(tree, str(path), "exec"), module.__dict__)
    return module, skipped
