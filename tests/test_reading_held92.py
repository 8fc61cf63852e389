"""Readings from batch 92 (programmers, short-paper-style reports, peer-reviewed drafts, lab notebooks, JavaScript
notebooks): each with a twin it must not pass.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


@pytest.mark.parametrize("answer, full", [("\\sigma_2(x_2) = \\sigma_2\\!\\big(w_2\\,\\sigma_1(w_1x)\\big)", True),
                                          ("\\sigma_1(x_1)", False)])
def test_a_map_row_points_to_a_labelled_equation(rubric, answer: str, full: bool) -> None:
    report = ("\\section*{Where the answers are}\n\\begin{tabular}{ll}\nQuestion & Answered in \\\\\n"
              "1(d) $\\partial f/\\partial w_3$ & Eq.~(\\ref{eq:dw3}) \\\\\n"
              "1(e) $\\partial f/\\partial w_2$ & Eq.~(\\ref{eq:dw2}) \\\\\n\\end{tabular}\n\n"
              "\\section{Method}\nThe last layer is linear in $w_3$, so\n\\begin{equation}\n"
              "  \\frac{\\partial f_w}{\\partial w_3} = " + answer + ".\n  \\label{eq:dw3}\n\\end{equation}\n"
              "For $w_2$:\n\\begin{equation}\n  \\frac{\\partial f_w}{\\partial w_2} = w_3\\sigma_2'(x_2)\\sigma_1(x_1)\n"
              "  \\label{eq:dw2}\n\\end{equation}\n\\section{Check}\n\\begin{tabular}{lll}\n & analytic & error \\\\\n"
              "$\\partial f/\\partial w_3$ & $0.3364$ & $2\\cdot10^{-12}$ \\\\\n\\end{tabular}\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.tex")) is full


@pytest.mark.parametrize("answer, full", [("w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1) \\tag{8}", True),
                                          ("w_3\\,\\sigma_2'(x_2)\\,\\sigma_1'(x_1) \\tag{8}", False)])
def test_a_map_row_points_to_a_numbered_display(rubric, answer: str, full: bool) -> None:
    report = ("# Sensitivities of a two-sigmoid chain\n\n| Question | Where |\n|---|---|\n| 1(d) | Eq. (7) |\n"
              "| 1(e) | Eqs. (8), (9) |\n\n## 2 Method\n\n$$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2) \\tag{7}$$\n\n"
              "$$\\frac{\\partial f}{\\partial w_2} = " + answer + "$$\n\n"
              "$$\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2'(x_2)w_2\\sigma_1'(x_1)x \\tag{9}$$\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report)) is full


def test_a_pointer_that_leads_nowhere_leaves_the_part() -> None:
    from grader.reading.document import read_document

    doc = read_document("## Problem 1\n\n| Question | Where |\n|---|---|\n| 1(d) | Eq. (17) |\n\n$$x = 1$$\n", None)
    span = doc.segments["1.d"]
    assert "Eq. (17)" in doc.text[span.start:span.end]


@pytest.mark.parametrize("piece", [
    "| 1(d) | Eq. (" + "1" * 3 + "), (2), (3), (4), (5) |\n",
    "(d) see §" + "1." * 40 + "\n",
    "(d) & Eq.~(\\ref{" + "x" * 50 + "}) \\\\\n",
])
def test_pointers_take_bounded_time_on_hostile_text(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece, size=30_000) < 20


@pytest.mark.parametrize("entry, full", [("10:10  1(d)  df/dw3 = s(x2) = s(w2*s(w1*x))", True),
                                         ("10:10  1(d)  df/dw3 = s(x1) = s(w1*x)", False)])
def test_a_lab_notebooks_timed_entry_opens_a_part(rubric, entry: str, full: bool) -> None:
    report = ("Lab notebook\n\nNotation: s(u) = 1/(1+exp(-u)), x1 = w1*x, x2 = w2*s(x1)\n\nDay 1 -- 2026-03-02\n\n"
              "09:55  1(c) forward pass: evaluate the graph\n\n" + entry + "\n\n11:00  1(e) next\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "report.txt")) is full


def test_a_time_is_no_label_without_one_after_it() -> None:
    from grader.reading.labels import read_label

    assert read_label("2026-03-04 14:10 — 1(e) fixed", 0) is not None
    assert read_label("12:30 is when (a) started", 0) is None
    assert read_label("10:10" + " " * 30_000 + "(b", 0) is None


@pytest.mark.parametrize("answer, full", [("\\sigma_2(x_2)", True), ("\\sigma_1(x_1)", False)])
def test_a_canvas_of_cards_is_read_as_its_text(rubric, answer: str, full: bool) -> None:
    import json

    from tests.helpers import grade_file_item

    cards = [{"id": "a", "type": "text", "x": 0, "y": 0, "text": "## P1 setup\n$$x_2 = w_2\\sigma_1(w_1 x)$$"},
             {"id": "b", "type": "file", "x": 0, "y": 200, "file": "graph.excalidraw.md"},
             {"id": "c", "type": "text", "x": 600, "y": 0,
              "text": "### (d)\n$$\\frac{\\partial f_w}{\\partial w_3} = " + answer + "$$"},
             {"id": "d", "type": "text", "x": 600, "y": 300, "text": "### (e)\nnext"}]
    report = json.dumps({"nodes": cards, "edges": [{"id": "e1", "fromNode": "a", "toNode": "c"}]})
    assert _full(grade_file_item(rubric, "p1.d", report, "hw.json")) is full


@pytest.mark.parametrize("answer, full", [("sig2(z2) = sig(w2 sig(w1 x))", True), ("sig1(z1) = sig(w1 x)", False)])
def test_a_c_family_source_is_read_by_its_comments(rubric, answer: str, full: bool) -> None:
    from tests.helpers import grade_file_item

    report = ("// hw2.go -- DL homework 2, written answers as Go code + comments\n// z1 = w1*x, z2 = w2*sig(z1)\n\n"
              "package main\n\nimport \"math\"\n\nfunc sig(u float64) float64 { return 1 / (1 + math.Exp(-u)) }\n\n"
              f"// 1(d): df/dw3 = {answer}\nfunc dfdw3(x float64, w [3]float64) float64 {{ return 0 }}\n\n"
              "// 1(e): next\n")
    assert _full(grade_file_item(rubric, "p1.d", report, "hw2.txt")) is full


def test_an_answer_sheet_with_snippets_is_no_program() -> None:
    from grader.reading.formats_script import is_c_family

    sheet = ("DEEP LEARNING HW 2\n\n(b) (i) d s1/du = exp(-u) / (1 + exp(-u))^2\n\n"
             "    static double Sigmoid(double u) => 1.0 / (1.0 + Math.Exp(-u));\n    /// <summary>(b)</summary>\n"
             "    // one\n    // two\n    public static double F(double x) => x;\n")
    assert not is_c_family(sheet)
    assert is_c_family("// hw\n// a\n// b\npackage main\nfunc f() {}\n")


@pytest.mark.parametrize("answer, full", [("w_3\\\\,\\\\sigma_2(x_2)\\\\big(1-\\\\sigma_2(x_2)\\\\big)\\\\,\\\\sigma_1(x_1)", True),
                                          ("w_3\\\\,\\\\sigma_2(x_2)\\\\big(1-\\\\sigma_2(x_2)\\\\big)", False)])
def test_latex_in_a_programs_string_with_doubled_backslashes(rubric, answer: str, full: bool) -> None:
    report = ("# %% [markdown]\n# Problem 1\n# %% (e)\nconst dw2 = \"\\\\frac{\\\\partial f_w}{\\\\partial w_2} = "
              + answer + "\";\nout.append(show(dw2));\n# %% (f)\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.txt")) is full


@pytest.mark.parametrize("used, full", [("w - \\alpha\\,\\nabla_w L", True), ("w + \\alpha\\,\\nabla_w L", False)])
def test_the_update_a_later_check_says_is_used(rubric, used: str, full: bool) -> None:
    report = ("\\section*{Problem 1}\n\\subsection*{(f)}\nGradient-descent step:\n\\[ w \\leftarrow w - \\alpha\\,"
              "\\nabla_w L(w) \\]\n\\section*{Problem 2}\n\\subsection*{(a)}\ninput 28x28\n\\section*{Backup}\n"
              f"One step each way: so the update I use is ${used}$.\n")
    assert _full(grade_report_item(rubric, "p1.f.update", report, "report.tex")) is full
