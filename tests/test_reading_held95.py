"""Readings from batch 95 and the gaps batch 94 left (mind maps' own files, LaTeX whose backslashes a program's
string ate, an inline formula left open in LaTeX): each with a twin it must not pass.
"""
from __future__ import annotations

import time

import pytest

from tests.helpers import grade_report_item


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


def _seconds(rubric, item: str, report: str, name: str) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    grade_report_item(rubric, item, report, name)
    return time.perf_counter() - start


# --- mind maps and outliners' own files ---------------------------------------------------------------------------

_OPML = ('<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">\n  <head><title>HW2</title></head>\n  <body>\n'
         '    <outline text="Problem 1 — Back propagation">\n'
         '      <outline text="(b) derivative of σ">\n'
         '        <outline text="(i) dσ/du = exp(−u) / (1 + exp(−u))²"/>\n'
         '        <outline text="(ii) dσ/du = {b_ii}" _note="check u = 0: 1/4 ✓"/>\n'
         '      </outline>\n'
         '      <outline text="(d) ∂f/∂w3 = σ(w2 · σ(w1 · x))"/>\n'
         '    </outline>\n'
         '    <outline text="Problem 2 — MNIST">\n'
         '      <outline text="(a) dimensions">\n'
         '        <outline text="input: 28 × 28"/>\n'
         '        <outline text="conv1 filter: 5 × 5 × 1, 20 of them"/>\n'
         '        <outline text="after conv1: {conv}" _note="28 − 5 + 1, stride 1, no padding"/>\n'
         '        <outline text="after pool: 12 × 12 × 20"/>\n'
         '      </outline>\n'
         '    </outline>\n  </body>\n</opml>\n')


@pytest.mark.parametrize("b_ii, full", [("σ(u) · (1 − σ(u))", True), ("σ(u) · (1 + σ(u))", False)])
def test_an_opml_outline_is_read_node_by_node(rubric, b_ii: str, full: bool) -> None:
    report = _OPML.replace("{b_ii}", b_ii).replace("{conv}", "24 × 24 × 20")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "outline.txt")) is full


@pytest.mark.parametrize("conv, full", [("24 × 24 × 20", True), ("23 × 23 × 20", False)])
def test_an_opml_outline_gives_problem_two_values(rubric, conv: str, full: bool) -> None:
    report = _OPML.replace("{b_ii}", "σ(u)(1 − σ(u))").replace("{conv}", conv)
    assert _full(grade_report_item(rubric, "p2.a", report, "outline.opml")) is full


@pytest.mark.parametrize("answer, full", [("w3 · σ(x2)(1 − σ(x2)) · σ(x1)", True), ("w3 · σ(x2)(1 − σ(x2))", False)])
def test_a_freeplane_map_reads_its_nodes_and_rich_notes(rubric, answer: str, full: bool) -> None:
    report = ('<map version="freeplane 1.9.13">\n<node TEXT="DL Blatt 2" ID="ID_1">\n'
              '<node TEXT="Problem 1" POSITION="right" ID="ID_2">\n'
              '<node TEXT="\\latex $x_1 = w_1 x,\\ x_2 = w_2\\sigma(x_1)$" ID="ID_3" FORMAT="latexPatternFormat"/>\n'
              '<node TEXT="(d) ∂f/∂w3 = σ(x2)" ID="ID_4"/>\n'
              '<node ID="ID_5"><richcontent TYPE="NODE"><html><body><p>(e) ∂f/∂w2 = ' + answer
              + '</p></body></html></richcontent>\n'
              '<richcontent TYPE="NOTE"><html><body><p>chain: ∂f/∂σ2 · ∂σ2/∂x2 · ∂x2/∂w2</p></body></html>'
              '</richcontent>\n</node>\n</node>\n</node>\n</map>\n')
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "map.txt")) is full


def test_a_mind_map_with_an_entity_bomb_is_read_quickly(rubric) -> None:
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">' +
            "".join(f'<!ENTITY {chr(98 + i)} "&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};">' for i in range(9))
            + ']>\n<opml version="2.0"><body>' + '<outline text="&j; (d) ∂f/∂w3 = σ(x2)">' * 3000
            + "</outline>" * 3000 + "</body></opml>\n")
    assert _seconds(rubric, "p1.d", bomb, "bomb.opml") < 30


# --- LaTeX in a program's string, its backslashes eaten -------------------------------------------------------------

@pytest.mark.parametrize("step, full", [("\\alpha", True), ("\\beta", False)])
def test_latex_whose_escapes_became_control_characters_is_read_as_meant(rubric, step: str, full: bool) -> None:
    mangled = step.replace("\\a", "\x07").replace("\\b", "\x08")
    report = ("## Problem 1\n\n### (f)\n\nupdate with step size $\x07lpha$:\n\n"
              "$$w^{new} = w - " + mangled + "\\,\nabla_w \\mathcal{L}(w)$$\n")
    assert _full(grade_report_item(rubric, "p1.f.update", report, "nb.md")) is full


def test_a_tab_or_break_is_no_lost_escape_in_a_clean_text(rubric) -> None:
    report = "## Problem 1\n\n(d)\n\tot = 3\n\n$$\\frac{\\partial f}{\\partial w_3} = \\sigma(w_2\\sigma(w_1 x))$$\n"
    assert _full(grade_report_item(rubric, "p1.d", report, "clean.md"))


# --- LaTeX: an inline formula left open ------------------------------------------------------------------------------

@pytest.mark.parametrize("conv2, full", [("5\\times5", True), ("3\\times3", False)])
def test_an_unpaired_dollar_ends_at_its_paragraph(rubric, conv2: str, full: bool) -> None:
    report = ("\\documentclass{article}\\begin{document}\n\\section*{Q2. MNIST}\n\\begin{enumerate}\n"
              "\\item[(a)] Input: $28\\times 28$. Conv1 filter $5\\times5\\times1$, 20 filters; after conv1 it is "
              "$24\\times 24\\times 20 and after $2\\times 2$ pooling it is $12\\times12\\times20$.\n\n"
              "\\item[(b)] conv2 uses $" + conv2 + "$ filters with stride $1$ and channel dimension $20$, no padding."
              "\n\\end{enumerate}\n\\end{document}\n")
    assert _full(grade_report_item(rubric, "p2.b", report, "hw.tex")) is full
