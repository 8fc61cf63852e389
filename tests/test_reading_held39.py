"""The corpus's residue read again before held-out batch 39: a heading that names its part last (``## Dimensions
(a)``), the output-size formula's letters solved (``F = 5, S = 1``), a channel count "of each conv2 filter", a
sentence ending after a value, a label wrapped onto the next line. Each reading has a twin: a wrong value still
loses its marks, and a heading that only mentions parts labels nothing."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

P2 = "## Problem 2\n\n"


def graded(rubric, item: str, report: str, name: str = "r.md"):
    return grade_report_item(rubric, item, report, name)


def _titled(a: str, b: str) -> str:
    return ("# Back propagation\n\n## (d)\n\n$$\\frac{\\partial f}{\\partial w_3} = \\sigma(x_2)$$\n\n"
            "## (f)\n\n$$w \\leftarrow w - \\alpha \\nabla L$$\n\n# MNIST\n\n"
            f"## Dimensions (a)\n\n| | |\n|---|---|\n| input | {a} |\n| filter | 5×5×1, 20 filters |\n"
            "| after conv1 | 24×24×20 |\n| after pooling | 12×12×20 |\n\n"
            f"## conv2 (b)\n\nfilter 5×5, stride {b}, 20 channels\n")


@pytest.mark.parametrize("a, b, expected", [("28×28", "1", "pass"), ("32×32", "2", "fail")])
def test_a_heading_that_names_its_part_last(rubric, a: str, b: str, expected: str) -> None:
    for item in ("p2.a", "p2.b"):
        check = graded(rubric, item, _titled(a, b))
        assert (check.status == "pass") == (expected == "pass"), (item, check.feedback)
        assert check.status != "review", check.feedback


@pytest.mark.parametrize("heading, starts", [("## Dimensions (a)", True), ("## Remarks on (a)", False),
                                             ("## Going back to (a)", False), ("## Why not (a)?", False)])
def test_a_heading_that_mentions_a_part_is_no_label(heading: str, starts: bool) -> None:
    from grader.reading.document import read_document

    doc = read_document(f"## (d)\n\nx\n\n## (f)\n\ny\n\n{heading}\n\nz\n")
    assert ("2.a" in doc.segments) == starts, doc.segments


@pytest.mark.parametrize("answer, expected", [
    ("(12 − F)/S + 1 = 8 → F = 5, S = 1. Channel dimension of each conv2 filter = 20 (50 such filters).", "pass"),
    ("(12 − F)/S + 1 = 8 → F = 3, S = 2. Channel dimension of each conv2 filter = 20.", "partial"),
    ("5×5 filter, stride 1, channel dim = 20. 50 such filters give 8×8×50.", "pass"),
    ("5×5 filter, stride 1, channel dim = 50. 20 such filters give 8×8×20.", "partial"),
    ("Hence conv2 uses $5\\times5$ filters, stride $1$, channel\ndimension $20$ (50 filters, no padding).", "pass"),
    ("Hence conv2 uses $5\\times5$ filters, stride $1$, channel\ndimension $50$ (20 filters, no padding).", "partial"),
])
def test_conv2_in_the_words_of_its_formula(rubric, answer: str, expected: str) -> None:
    check = graded(rubric, "p2.b", f"{P2}(b) {answer}\n")
    assert check.status == expected, check.feedback


@pytest.mark.parametrize("chain, expected", [
    ("$28\\times28\\times1 \\xrightarrow{\\text{conv1: }5\\times5\\times1\\times20} 24\\times24\\times20 "
     "\\xrightarrow{\\text{pool }2\\times2} 12\\times12\\times20$", "pass"),
    ("$28\\times28\\times1 \\xrightarrow{\\text{conv1: }5\\times5\\times1\\times20} 23\\times23\\times20 "
     "\\xrightarrow{\\text{pool }2\\times2} 12\\times12\\times20$", "partial"),
    ("$28\\times28 \\overset{5\\times5\\times1\\times20}{\\longrightarrow} 24\\times24\\times20 "
     "\\overset{\\text{pool}}{\\to} 12\\times12\\times20$", "pass"),
    ("28×28×1 --conv1 5×5×1×20--> 24×24×20 --pool 2×2--> 12×12×20", "pass"),
    ("28×28×1 --conv1 5×5×1×20--> 24×24×20 --pool 2×2--> 14×14×20", "partial"),
    ("28×28 → [5×5×1 ×20] → 24×24×20 → pool → 12×12×20", "pass"),
    ("28×28 → [5×5×20 ×1] → 24×24×20 → pool → 12×12×20", "partial"),
])
def test_a_chain_with_its_operations_on_the_arrows(rubric, chain: str, expected: str) -> None:
    check = graded(rubric, "p2.a", f"{P2}(a) {chain}\n")
    assert check.status == expected, check.feedback


def test_a_fallback_label_that_is_no_pattern_is_refused_when_the_rubric_loads(tmp_path) -> None:
    from grader.errors import RubricError
    from grader.rubric import load_rubric
    from tests.corpus.fidelity import RUBRIC

    text = RUBRIC.read_text(encoding="utf-8").replace("text.fallback.stride = ['", "text.fallback.stride = ['(", 1)
    bad = tmp_path / "rubric.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(RubricError, match="fallback.stride"):
        load_rubric(bad)


@pytest.mark.parametrize("grad, expected", [
    ("$\\nabla L = \\sum -2(y - f(x)) \\nabla f(x)$", "pass"),
    ("$\\nabla L = \\sum 2(f(x) + y) \\nabla f(x)$", "fail"),
    ("$\\nabla L = \\sum (f(x) - y) \\nabla f(x)$", "partial"),
    ("$\\nabla L = \\Sigma_{i} 2(f(x^i) - y^i) \\nabla f(x^i)$", "pass"),
    ("$\\nabla L = \\Sigma_{i} 2(f(x^i) - y^i) \\nabla f(x)$", "fail"),
    ("grad L = sum over D of 2*(f_w(x) - y) * grad f_w(x)", "pass"),
    ("grad L = sum over (x,y) in D: -2(y - f_w(x)) * grad f_w(x)", "pass"),
    ("grad L = sum over D of 2*(f_w(x) - y)", "fail"),
    ("grad L = sum over D of 2*(y - f_w(x)) * grad f_w(x)", "partial"),  # the sign: part credit
])
def test_a_sum_over_the_data_with_no_range_written(rubric, grad: str, expected: str) -> None:
    check = graded(rubric, "p1.f.grad", f"## Problem 1\n\n(f) {grad}\n")
    assert check.status == expected, check.feedback
