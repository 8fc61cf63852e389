"""What the grading core needs from a homework, and nothing more.

A homework is a folder under ``reference/``: a rubric file and a Python module that
exposes ``REFERENCE`` (a :class:`Reference`). The core never imports a homework by
name; the rubric's ``[homework]`` table says which module to load.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sympy as sp

from grader.errors import RubricError
from grader.expressions.latex import LatexVocabulary
from grader.expressions.numeric import NumericModel
from grader.expressions.parse import Vocabulary


@dataclass(frozen=True)
class Reference:
    """A homework's reference solution, as data the checks look up by name."""

    vocabulary: Vocabulary
    numeric_model: NumericModel
    expressions: Mapping[str, sp.Expr | list[sp.Expr]]
    tables: Mapping[str, Any] = field(default_factory=dict)
    write_reference_handin: Callable[[Path], None] | None = None
    latex: LatexVocabulary | None = None  # for answers written in LaTeX reports
    classify_lhs: Callable[[str], str | None] | None = None  # what an equation's left side names


@dataclass(frozen=True)
class CodeSettings:
    """How to find and feed the student's network (from the rubric's ``[homework.code]``).

    The homework names its network class, input shape and dataset; empty means the rubric grades no code
    (a rubric with a ``[homework.code]`` table must set all three).
    """

    file: str = "model.py"
    class_name: str = ""
    input_shape: tuple[int, ...] = ()
    dataset: str = ""
    mean: float = 0.0
    std: float = 1.0
    num_classes: int = 10


def load_reference(module_name: str, rubric_path: str) -> Reference:
    """Import the homework's reference module; a missing or malformed one is a rubric error."""
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise RubricError(rubric_path, None, f"cannot import reference module {module_name!r}: {exc}") from None
    ref = getattr(module, "REFERENCE", None)
    if not isinstance(ref, Reference):
        raise RubricError(rubric_path, None, f"{module_name} has no REFERENCE of type grader.homework.Reference")
    return ref
