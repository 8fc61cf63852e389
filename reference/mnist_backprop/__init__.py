"""The "Back propagation" + "MNIST" homework: its rubric (``rubric.toml``) and reference solution.

``REFERENCE`` is all the grading core sees of it: the names answers may use, their
numeric meaning, the derived reference expressions, the layer table and a writer of
the reference solution as a hand-in (for ``grade --selftest``).
"""
from __future__ import annotations

from grader.homework import Reference
from reference.mnist_backprop import backprop as bp
from reference.mnist_backprop import spec
from reference.mnist_backprop.handin import write_reference_handin
from reference.mnist_backprop.vocabulary import LATEX_VOCABULARY, VOCABULARY, classify_lhs

REFERENCE = Reference(
    vocabulary=VOCABULARY,
    numeric_model=bp.NUMERIC_MODEL,
    expressions=bp.EXPRESSIONS,
    tables={"LAYERS": spec.LAYERS},
    write_reference_handin=write_reference_handin,
    latex=LATEX_VOCABULARY,
    classify_lhs=classify_lhs,
)
