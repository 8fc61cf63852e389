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
    ("dL/dw = sum over (x,y) in D of -2(y - f_w(x)) * df/dw", "pass"),  # ∂f/∂w at each point of the sum
    ("dL/dw = sum over (x,y) in D of 2(y - f_w(x)) * df/dw", "partial"),
    ("$\\nabla L = \\sum_{(x,y)\\in D} 2(f(x) - y)\\nabla f$", "pass"),
    ("$\\nabla L = \\sum_{(x,y)\\in D} 2(f(x) - y)\\nabla f(x^1)$", "fail"),
    ("grad L = sum over D of 2*(y - f_w(x)) * grad f_w(x)", "partial"),  # the sign: part credit
])
def test_a_sum_over_the_data_with_no_range_written(rubric, grad: str, expected: str) -> None:
    check = graded(rubric, "p1.f.grad", f"## Problem 1\n\n(f) {grad}\n")
    assert check.status == expected, check.feedback


@pytest.mark.parametrize("answer, expected", [
    ("filter $5\\times5$, stride $1$, channel dim.\\ $20$ (50 filters), no padding", "pass"),
    ("filter 5x5, stride 1, channel dim. 20 (50 filters), no padding", "pass"),
    ("filter 5x5, stride 1, channel dim. 50 (20 filters), no padding", "partial"),
])
def test_an_abbreviation_ends_no_clause(rubric, answer: str, expected: str) -> None:
    assert graded(rubric, "p2.b", f"{P2}(b) {answer}\n").status == expected


def _tex(body: str, preamble: str = "") -> str:
    return f"\\documentclass{{article}}\n{preamble}\\begin{{document}}\n{body}\n\\end{{document}}\n"


@pytest.mark.parametrize("b, expected", [("5\\times5", "pass"), ("3\\times3", "partial")])
def test_latex_labels_of_the_hand_ins_own_making(rubric, b: str, expected: str) -> None:
    """\\Q{2(b)} from \\newcommand{\\Q}[1]{\\textbf{Q#1}}, \\begin{part}{b} from \\newenvironment, enumitem's [(a)]."""
    body = f"conv2: filter ${b}$, stride $1$, channel dimension $20$."
    macro = _tex(f"\\Q{{2(a)}} Input $28\\times28$.\n\n\\Q{{2(b)}} {body}\n",
                 "\\newcommand{\\Q}[1]{\\par\\noindent\\textbf{Q#1}\\quad}\n")
    env = _tex(f"\\begin{{problem}}{{2}}\\end{{problem}}\n\\begin{{part}}{{a}} Input $28\\times28$. \\end{{part}}\n"
               f"\\begin{{part}}{{b}} {body} \\end{{part}}\n",
               "\\newenvironment{problem}[1]{\\textbf{Problem #1.}}{}\n\\newenvironment{part}[1]{\\textit{(#1)}}{}\n")
    short = _tex(f"\\section*{{Problem 2}}\n\\begin{{enumerate}}[(a)]\n\\item Input $28\\times28$.\n\\item {body}\n"
                 "\\end{enumerate}\n")
    for report in (macro, env, short):
        check = graded(rubric, "p2.b", report, "r.tex")
        assert check.status == expected, (check.feedback, report)


def test_a_macro_that_boxes_its_math_used_inside_math(rubric) -> None:
    pre = "\\newcommand{\\ans}[1]{\\fbox{$\\displaystyle #1$}}\n"
    for d, expected in (("\\sigma_2(x_2)", "pass"), ("w_3\\sigma_2(x_2)", "fail")):
        report = _tex(f"\\section*{{Problem 1}}\n\\begin{{enumerate}}[label=(\\alph*)]\n\\item graph\n\\item b\n"
                      f"\\item c\n\\item $\\dfrac{{\\partial f}}{{\\partial w_3}} = \\ans{{{d}}}$\n\\end{{enumerate}}\n", pre)
        assert graded(rubric, "p1.d", report, "r.tex").status == expected


def test_two_filters_offered_around_asides_go_to_a_person(rubric) -> None:
    both = "So the conv2 filter is $5\\times5$ (no padding) or $9\\times9$ (padding 2), stride $1$, channel dim $20$."
    assert graded(rubric, "p2.b", f"{P2}(b) {both}\n").status == "review"
    one = "So the conv2 filter is $5\\times5$ (no padding), stride $1$ (or more), channel dim $20$."
    assert graded(rubric, "p2.b", f"{P2}(b) {one}\n").status == "pass"


def test_a_heading_over_two_parts_and_a_mention_of_sub_parts() -> None:
    from grader.reading.document import read_document

    doc = read_document("\\section*{1.3 (c)}\nwords\n\\section*{1.4 (d), (e)}\n\\[ a = b \\]\n"
                        "\\section*{1.5 (f)}\nx\n", "tex")
    assert doc.segments["1.d"] == doc.segments["1.e"] and "1.f" in doc.segments
    doc = read_document("## (b)\n\n$$s'(u) = e^{-u}/(1+e^{-u})^2$$\n\n$$s'(u) = s(u)(1-s(u))$$\n\n"
                        "The first line is (i), the second is (ii).\n\n## (c)\n\nwords\n")
    assert "1.b.i" not in doc.segments and "1.b.ii" not in doc.segments


@pytest.mark.parametrize("ps, expected", [
    ("PS: i e) fikk jeg først df/dw2 = w3 * s2'(x2) * s1'(x1), og jeg vet ikke hvilken som er riktig.", "review"),
    ("PS: jeg er fornøyd med alt.", "pass"),
])
def test_a_postscript_naming_a_part_in_its_own_language(rubric, ps: str, expected: str) -> None:
    report = ("Oppgave 1\n\ne) df/dw2 = w3 * s2(x2)*(1 - s2(x2)) * s1(x1)\n\n"
              "f) w_ny = w - alpha * grad L\n\nOppgave 2\n\na) 28x28\n\n" + ps + "\n")
    assert graded(rubric, "p1.e.w2", report, "r.txt").status == expected


def _with_vector(e2: str, row2: str) -> str:
    return ("## Problem 1\n\n(d) $$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$$\n\n"
            f"(e) $$\\frac{{\\partial f}}{{\\partial w_2}} = {e2}$$\n\n"
            "$$\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))w_2\\sigma_1(x_1)(1-\\sigma_1(x_1))x$$"
            "\n\n(f) $$\\nabla_w L = \\sum_{i=1}^2 2(f_w(x^i) - y^i)\\nabla_w f_w(x^i)$$\n\nwith\n\n"
            "$$\\nabla_w f_w\\left(x^i\\right) = \\begin{pmatrix} "
            "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))w_2\\sigma_1(x_1)(1-\\sigma_1(x_1))x^i \\\\ "
            f"{row2} \\\\ \\sigma_2(x_2) \\end{{pmatrix}}$$\n\n$$w \\leftarrow w - \\alpha\\nabla_w L$$\n")


RIGHT_E2 = "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)"


@pytest.mark.parametrize("e2, row2, expected", [
    (RIGHT_E2, RIGHT_E2, "pass"),  # the vector in (f) says (e) again
    (RIGHT_E2, "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))w_2\\sigma_1(x_1)", "review"),  # (f) lists another ∂f/∂w₂
    ("w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))w_2\\sigma_1(x_1)", RIGHT_E2, "review"),
])
def test_an_item_said_again_as_an_entry_of_a_vector_in_another_part(rubric, e2: str, row2: str, expected: str) -> None:
    report = _with_vector(e2, row2)
    assert graded(rubric, "p1.e.w2", report).status == expected
    assert graded(rubric, "p1.e.w1", report).status == "pass"  # the entry at x^i, read at x


def test_a_sub_part_named_in_words_after_its_answer_is_a_mention() -> None:
    from grader.reading.document import read_document

    doc = read_document("### 1b\n$s'(u) = e^{-u}/(1+e^{-u})^2 = s(u)(1-s(u))$\n\n"
                        "first one is (i) the exp form, second one is (ii).\n\n### 1c\nwords\n")
    assert "1.b.i" not in doc.segments
    doc = read_document("(b) the derivative is (i) $e^{-u}/(1+e^{-u})^2$ and (ii) $s(u)(1-s(u))$\n\n(c) words\n")
    assert "1.b.i" in doc.segments and "1.b.ii" in doc.segments


@pytest.mark.parametrize("after, expected", [
    ("... oppure va messo anche il fattore $\\sigma_2'(x_2)$, cioè $\\sigma_2'(x_2)\\,\\sigma_2(x_2)$? "
     "Non ne sono sicura.", "review"),
    ("... or should the factor $\\sigma_2'(x_2)$ be there too, i.e. $\\sigma_2'(x_2)\\sigma_2(x_2)$? Not sure.", "review"),
    ("Since $f$ is linear in $w_3$, this is all.", "pass"),
])
def test_a_line_that_opens_with_or_and_doubts_offers_a_second_answer(rubric, after: str, expected: str) -> None:
    report = f"## Problem 1\n\n### 1(d)\n\n$$\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)$$\n{after}\n"
    assert graded(rubric, "p1.d", report).status == expected


@pytest.mark.parametrize("line, expected", [
    ("(ii) d sig/du = sig(u) * (1 - sig(u))   ... hmm, or is it sig(u) * (1 + sig(u))? Will check.", "review"),
    ("(ii) d sig/du = sig(u) * (1 - sig(u))   ... hmm, nice.", "pass"),
])
def test_an_interjection_before_or(rubric, line: str, expected: str) -> None:
    report = f"sig(u) = 1/(1+exp(-u))\n\n(b)\n(i) d sig/du = exp(-u)/(1+exp(-u))^2\n{line}\n\n(c) words\n"
    assert graded(rubric, "p1.b.ii", report, "r.txt").status == expected


@pytest.mark.parametrize("filter_line, conv_line, expected", [
    ("- conv1 کا فلٹر (filter): $5\\times5\\times1\\times20$", "- کنوولوشن کے بعد: $24\\times24\\times20$", "pass"),
    ("- conv1 کا فلٹر (filter): $24\\times24\\times20$", "- کنوولوشن کے بعد: $5\\times5\\times1\\times20$", "fail"),
    ("- conv1-en iragazkia (*filter*): $5\\times5\\times1\\times20$", "- Konboluzioaren ondoren: $24\\times24\\times20$",
     "pass"),
])
def test_a_possessive_that_names_the_owner_first(rubric, filter_line: str, conv_line: str, expected: str) -> None:
    report = (f"{P2}### (a)\n- input: $28\\times28$\n{filter_line}\n{conv_line}\n"
              "- pooling: $12\\times12\\times20$\n\n### (b)\nfilter 5×5, stride 1, 20 channels\n")
    status = graded(rubric, "p2.a", report).status
    assert status == expected if expected == "pass" else status != "pass"
