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


# --- wiki and ticket markup ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("b_ii, full", [("\\sigma_1(u)\\,\\bigl(1-\\sigma_1(u)\\bigr)", True),
                                        ("\\sigma_1(u)\\,\\bigl(1+\\sigma_1(u)\\bigr)", False)])
def test_mediawiki_wikitext_saved_as_text(rubric, b_ii: str, full: bool) -> None:
    report = ("{{Infobox homework\n| author = L. Brenner\n| sheet = 2\n}}\n\n== Problem 1 ==\n"
              "I use <math>x_1 = w_1 x</math>, x<sub>2</sub> = w<sub>2</sub>σ<sub>1</sub>(x<sub>1</sub>).\n\n"
              "=== (b) ===\n'''(i)''' <math>\\frac{d\\sigma_1}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}</math>\n\n"
              "'''(ii)''' <math>\\frac{d\\sigma_1}{du} = " + b_ii + "</math>\n\n=== (d) ===\n"
              "<math>\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)</math>\n\n"
              "<syntaxhighlight lang=\"python\">\nx = F.max_pool2d(F.relu(self.conv1(x)), 2, 2)\n</syntaxhighlight>\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "wiki.txt")) is full


@pytest.mark.parametrize("row, full", [("\\sum_{i=1}^{2} 2\\big(f_w(x^i)-y^i\\big)\\, \\sigma_2(x_2^i)", True),
                                       ("\\sum_{i=1}^{2} 2\\big(f_w(x^i)-y^i\\big)\\, \\sigma_1(x_1^i)", False)])
def test_confluence_math_macros_after_a_macro_named_in_monospace(rubric, row: str, full: bool) -> None:
    report = ("h2. 1. Backprop\n\nWritten with the LaTeX Math macro ({{mathinline}} / {{mathblock}}).\n\n"
              "h3. (f) Gradient\n\nWith {mathinline}x_1^i = w_1 x^i{mathinline}:\n{mathblock}\n\\nabla_w \\mathcal{L} =\n"
              "\\begin{bmatrix}\n\\sum_{i=1}^{2} 2\\big(f_w(x^i)-y^i\\big)\\; w_3\\,\\sigma_2(x_2^i)\\big(1-\\sigma_2(x_2^i)"
              "\\big)\\,w_2\\,\\sigma_1(x_1^i)\\big(1-\\sigma_1(x_1^i)\\big)\\,x^i \\\\\n"
              "\\sum_{i=1}^{2} 2\\big(f_w(x^i)-y^i\\big)\\; w_3\\,\\sigma_2(x_2^i)\\big(1-\\sigma_2(x_2^i)\\big)\\,"
              "\\sigma_1(x_1^i) \\\\\n" + row + "\n\\end{bmatrix}\n{mathblock}\n\n||a||b||\n|1|2|\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report, "page.txt")) is full


@pytest.mark.parametrize("answer, full", [("σ1(u) * (1 − σ1(u))", True), ("σ1(u) * (1 + σ1(u))", False)])
def test_jira_bold_around_a_product(rubric, answer: str, full: bool) -> None:
    report = ("h2. DLHW-2\n{quote}\nplain-text math, * = multiply\n{quote}\n\nh3. Problem 1\n\n*(b) dσ1/du*\n"
              "# (i) dσ1/du = *exp(-u) / (1 + exp(-u))^2*\n# (ii) dσ1/du = *" + answer + "*\n\n"
              "||what||value||\n|input|28 x 28|\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "jira.txt")) is full


@pytest.mark.parametrize("answer, full", [("σ(x2) = σ(w2·σ(w1·x))", True), ("σ(x1) = σ(w1·x)", False)])
def test_redmine_code_span_holding_a_formula(rubric, answer: str, full: bool) -> None:
    report = ("h1. HW2\n\n{{toc}}\n\nh2. P1\n\nNotation: x1 = w1*x, x2 = w2*σ(x1).\n\nh3. (d)\n\n@∂f/∂w3 = " + answer
              + "@\n\nh3. (e)\n\n<pre>\n∂f/∂w2 = w3 · σ(x2)(1−σ(x2)) · σ(x1)\n</pre>\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "redmine.txt")) is full


# --- outliners ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("grad, full", [("\\nabla_w L = -2(y^1 - f_w(x^1))\\nabla_w f_w(x^1) - 2(y^2 - f_w(x^2))"
                                         "\\nabla_w f_w(x^2)", True),
                                        ("\\nabla_w L = -(y^1 - f_w(x^1))\\nabla_w f_w(x^1) - (y^2 - f_w(x^2))"
                                         "\\nabla_w f_w(x^2)", False)])
def test_roam_inline_double_dollars_at_a_bullets_start(rubric, grad: str, full: bool) -> None:
    report = ("- [[Problem 1]] Back propagation\n    - (f)\n        - $$L(w) = \\sum_{(x,y)\\in D}(y-f_w(x))^2$$ with "
              "$$D = \\{(x^1,y^1),(x^2,y^2)\\}$$, so just two terms\n        - $$" + grad + "$$\n"
              "        - ^^minus because we go downhill^^\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report, "roam.md")) is full


@pytest.mark.parametrize("fc1, full", [("(4·4·50 + 1)·500 = 400,500", True), ("8·8·50·500 + 500 = 1,600,500", False)])
def test_a_roam_json_export_is_read_as_its_blocks(rubric, fc1: str, full: bool) -> None:
    import json

    blocks = [{"string": "**Problem 2: MNIST**", "children": [{"string": "(c) #[[number of parameters]]", "children": [
        {"string": s} for s in ("conv1: 5·5·1·20 + 20 = 520", "relu1: 0", "pool1: 0", "conv2: 5·5·20·50 + 50 = 25,050",
                                "relu2: 0", "pool2: 0", f"fc1: {fc1}", "fc2: 500·10 + 10 = 5,010",
                                "^^total = " + ("431,080" if full else "1,631,080") + "^^")]}]}]
    report = json.dumps([{"title": "DL HW2", "children": blocks}])
    assert _full(grade_report_item(rubric, "p2.c", report, "roam.json")) is full


# --- editors' own files and exports ---------------------------------------------------------------------------------

def _fraction(num: str, den: str) -> str:
    return (f'<table class="fraction"><tbody><tr><td class="center-tab" style="border-bottom: solid 1px">{num}</td>'
            f'</tr><tr><td class="center-tab">{den}</td></tr></tbody></table>')


@pytest.mark.parametrize("factor, full", [("σ<sub>1</sub>(<i>x</i><sub>1</sub>)", True),
                                          ("<i>x</i>", False)])
def test_texmacs_html_fractions_and_equation_tables(rubric, factor: str, full: bool) -> None:
    row = ('<tr><td style="text-align: right">{l}</td><td style="text-align: center">=</td>'
           '<td style="text-align: left">{r}</td></tr>')
    report = ('<html><head><meta content="TeXmacs 2.1" name="generator"></head><body>\n'
              '<h2 id="auto-1">1<span style="margin-left: 1em"></span>Back propagation</h2>\n'
              '<h3 id="auto-6">1.5<span style="margin-left: 1em"></span>(e)</h3>\n<center><table style="display: '
              'inline"><tbody>' + row.format(l=_fraction("∂<i>f</i>", "∂<i>w</i><sub>2</sub>"),
                                             r=_fraction("∂<i>f</i>", "∂σ<sub>2</sub>") + "⋅"
                                             + _fraction("∂σ<sub>2</sub>", "∂<i>x</i><sub>2</sub>"))
              + row.format(l="", r="<i>w</i><sub>3</sub>σ<sub>2</sub>(<i>x</i><sub>2</sub>)(1−σ<sub>2</sub>(<i>x</i>"
                           "<sub>2</sub>))" + factor) + "</tbody></table></center>\n</body></html>\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "hw.html")) is full


@pytest.mark.parametrize("fc1, full", [("400 500", True), ("400 000", False)])
def test_a_lyx_table_is_read_as_a_tabular(rubric, fc1: str, full: bool) -> None:
    def cell(text: str) -> str:
        return (f'<cell alignment="left" valignment="top" usebox="none">\n\\begin_inset Text\n\n\\begin_layout Plain '
                f'Layout\n{text}\n\\end_layout\n\n\\end_inset\n</cell>\n')
    rows = [("layer", "# parameters"), ("conv1", "520"), ("relu1", "0"), ("pool1", "0"), ("conv2", "25 050"),
            ("relu2", "0"), ("pool2", "0"), ("fc1", fc1), ("fc2", "5 010"), ("total", "431 080")]
    table = ('\\begin_inset Tabular\n<lyxtabular version="3" rows="10" columns="2">\n<features tabularvalignment='
             '"middle">\n<column alignment="left" valignment="top">\n<column alignment="right" valignment="top">\n'
             + "".join("<row>\n" + cell(a) + cell(b) + "</row>\n" for a, b in rows) + "</lyxtabular>\n\n\\end_inset\n")
    report = ("#LyX 2.3 created this file. For more info see https://www.lyx.org/\n\\lyxformat 544\n\\begin_document\n"
              "\\begin_header\n\\textclass article\n\\end_header\n\n\\begin_body\n\n\\begin_layout Section\n"
              "Back propagation\n\\end_layout\n\n\\begin_layout Standard\nsee the PDF\n\\end_layout\n\n"
              "\\begin_layout Section\nMNIST\n"
              "\\end_layout\n\n\\begin_layout Subsection\n(c) Number of parameters\n\\end_layout\n\n"
              "\\begin_layout Standard\n" + table + "\\end_layout\n\n\\end_body\n\\end_document\n")
    assert _full(grade_report_item(rubric, "p2.c", report, "hw.lyx")) is full


@pytest.mark.parametrize("body, full", [("\\S{#1}\\left(1-\\S{#1}\\right)", True),
                                        ("\\S{#1}\\left(1+\\S{#1}\\right)", False)])
def test_org_latex_header_macros(rubric, body: str, full: bool) -> None:
    report = ("#+TITLE: DL HW2\n#+LATEX_HEADER: \\renewcommand{\\S}[1]{\\sigma\\!\\left(#1\\right)}\n"
              "#+LATEX_HEADER: \\newcommand{\\Sp}[1]{" + body + "}\n\n* 1 Backprop\n** (b)\n"
              " (i) $\\sigma'(u) = \\dfrac{e^{-u}}{(1+e^{-u})^2}$\n (ii) $\\sigma'(u) = \\Sp{u}$\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "hw.org")) is full


@pytest.mark.parametrize("sign, full", [("-", True), ("+", False)])
def test_a_macros_empty_optional_argument_raises_nothing(rubric, sign: str, full: bool) -> None:
    report = ("\\documentclass{article}\n\\newcommand{\\pd}[3][]{\\frac{\\partial^{#1} #2}{\\partial #3^{#1}}}\n"
              "\\begin{document}\n\\section*{Exercice 1}\n\\paragraph{(f)}\n\\[\nw_j^{\\text{new}} = w_j " + sign
              + " \\alpha \\sum_{i=1}^{2} 2\\bigl(f(x^i)-y^i\\bigr)\\pd{f(x^i)}{w_j}, \\qquad j=1,2,3 .\n\\]\n"
              "\\end{document}\n")
    assert _full(grade_report_item(rubric, "p1.f.update", report, "hw.tex")) is full


@pytest.mark.parametrize("pool, full", [("12\\times 12\\times 20", True), ("11\\times 11\\times 20", False)])
def test_a_line_scientific_workplace_ended_with_a_percent_goes_on(rubric, pool: str, full: bool) -> None:
    report = ("%% This document created by Scientific WorkPlace 5.50.0.2960\n\\documentclass{article}\n"
              "\\begin{document}\n\\section*{Problem 2: MNIST}\n\\subsection*{(a)}\nThe input is $28\\times 28$. The first "
              "convolution has $20$\nfilters, each of dimension $5\\times 5\\times 1$; after conv1 the output is "
              "$24\\times 24\\times 20$, and after $2\\times 2$ max-pooling we get $%\n" + pool + "$.\n\\end{document}\n")
    assert _full(grade_report_item(rubric, "p2.a", report, "hw.tex")) is full


# --- math layout ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("row3, full", [("\\sum_{i=1}^{2} 2\\big(f_w(x^i)-y^i\\big) \\sigma_2(x_2^i)", True),
                                        ("\\sum_{i=1}^{2} \\big(f_w(x^i)-y^i\\big) \\sigma_2(x_2^i)", False)])
def test_a_matrix_row_opening_with_a_sum_is_no_equation_of_its_own(rubric, row3: str, full: bool) -> None:
    report = ("## Problem 1\n\n### (f)\n\n$$\n\\nabla_w \\mathcal{L} =\n\\begin{bmatrix}\n"
              "\\sum_{i=1}^{2} 2\\big(f_w(x^i)-y^i\\big) w_3\\sigma_2(x_2^i)\\big(1-\\sigma_2(x_2^i)\\big)w_2\\sigma_1(x_1^i)"
              "\\big(1-\\sigma_1(x_1^i)\\big)x^i \\\\\n\\sum_{i=1}^{2} 2\\big(f_w(x^i)-y^i\\big) w_3\\sigma_2(x_2^i)\\big(1-"
              "\\sigma_2(x_2^i)\\big)\\sigma_1(x_1^i) \\\\\n" + row3 + "\n\\end{bmatrix}\n$$\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report, "hw.md")) is full


@pytest.mark.parametrize("w2, full", [("= w3 * s2(x2)(1 - s2(x2)) * s1(x1)", True), ("= w3 * s2(x2)(1 - s2(x2))", False)])
def test_a_doubt_about_w1_after_w2s_last_row_leaves_w2_alone(rubric, w2: str, full: bool) -> None:
    report = ("== 1. Backprop ==\n\n=== (e) ===\n{{{\ndf/dw2 = df/ds2 * ds2/dx2 * dx2/dw2\n       " + w2 + "\n}}}\n\n"
              "For df/dw1 I have two versions:\n\n{{{\nversion A:  df/dw1 = w3 * s2(x2)(1 - s2(x2)) * w2 * s1(x1)(1 - "
              "s1(x1)) * x\nversion B:  df/dw1 = w3 * s2(x2)(1 - s2(x2)) * w2 * s1(x1)(1 - s1(x1))\n}}}\n\n"
              "I'm honestly not sure which of the two arguments is right.\n\n=== (f) ===\nsee below\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "trac.txt")) is full
    assert grade_report_item(rubric, "p1.e.w1", report, "trac.txt").status == "review"


@pytest.mark.parametrize("defined, full", [("\\sigma'(u)=\\sigma(u)(1-\\sigma(u))", True),
                                           ("\\sigma'(u)=\\sigma(u)(1+\\sigma(u))", False)])
def test_a_value_at_a_point_defines_no_function(rubric, defined: str, full: bool) -> None:
    report = ("- (b)\n  - notation:: from here on $" + defined + "$\n"
              "  - sanity check at u = 0: σ = 0.5 so σ' = 0.25, and e^0/(1+e^0)^2 = 1/4 ✓\n- (e)\n"
              "  - $$\\frac{\\partial f}{\\partial w_2} = w_3\\,\\sigma'(x_2)\\,\\sigma(x_1)$$\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "logseq.md")) is full


@pytest.mark.parametrize("residual, full", [("r⁽ⁱ⁾ = f_w(xⁱ) − yⁱ", True), ("r⁽ⁱ⁾ = yⁱ − f_w(xⁱ)", False)])
def test_unicode_scripts_in_per_point_definitions(rubric, residual: str, full: bool) -> None:
    report = ("## Problem 1\n\n### (f)\n\nFor data point i write z₁⁽ⁱ⁾ = w₁xⁱ, a₁⁽ⁱ⁾ = σ(z₁⁽ⁱ⁾), z₂⁽ⁱ⁾ = w₂a₁⁽ⁱ⁾, "
              "a₂⁽ⁱ⁾ = σ(z₂⁽ⁱ⁾) and the residual " + residual + ". Then\n\n$$\\nabla_w L = \\sum_{i=1}^{2} 2\\,r^{(i)} "
              "\\begin{pmatrix} w_3\\, a_2^{(i)}(1-a_2^{(i)})\\, w_2\\, a_1^{(i)}(1-a_1^{(i)})\\, x^i \\\\ w_3\\, "
              "a_2^{(i)}(1-a_2^{(i)})\\, a_1^{(i)} \\\\ a_2^{(i)} \\end{pmatrix}$$\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report, "notion.md")) is full


@pytest.mark.parametrize("w3, full", [("σ(bi)", True), ("σ(ai)", False)])
def test_an_index_glued_to_the_points_names(rubric, w3: str, full: bool) -> None:
    report = ("- Problem 1\n  - (f)\n    - ∂L/∂wj = Σ_{i=1,2} 2·(f(xi) − yi)·∂f(xi)/∂wj\n    - so\n"
              "      - ∂L/∂w1 = Σ_i 2(f(xi) − yi)·w3·σ(bi)(1 − σ(bi))·w2·σ(ai)(1 − σ(ai))·xi\n"
              "      - ∂L/∂w2 = Σ_i 2(f(xi) − yi)·w3·σ(bi)(1 − σ(bi))·σ(ai)\n"
              "      - ∂L/∂w3 = Σ_i 2(f(xi) − yi)·" + w3 + "\n      - with ai = w1·xi, bi = w2·σ(ai)\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report, "workflowy.txt")) is full


def test_a_greek_xi_stays_where_no_point_is_summed(rubric) -> None:
    report = "## Problem 1\n\n(d) $\\frac{\\partial f}{\\partial w_3} = \\sigma(w_2\\sigma(w_1 x))$, and xi is a name I never use\n"
    assert _full(grade_report_item(rubric, "p1.d", report, "hw.md"))


# --- labels and values ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer, full", [("w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x",
                                           True),
                                          ("w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))",
                                           False)])
def test_thai_part_letters_after_the_problems_number(rubric, answer: str, full: bool) -> None:
    report = ("## ข้อ 1\n\n### ข้อ 1 ง\n\n$$\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$$\n\n### ข้อ 1 จ\n\n"
              "$$\\frac{\\partial f_w}{\\partial w_1} = " + answer + "$$\n\n### ข้อ 1 ฉ\n\n"
              "- $\\partial f_w(x^i)/\\partial w_1 = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))"
              "\\,x^i$\n")
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "notion.md")) is full


@pytest.mark.parametrize("conv2, full", [("25050", True), ("25000", False)])
def test_a_layers_setting_gives_it_no_count(rubric, conv2: str, full: bool) -> None:
    report = ("## Problem 2\n\n(c) conv1 520, relu1 0, pool1 0, conv2 " + conv2 + ", relu2 0, pool2 0, fc1 400500, "
              "fc2 5010; total " + ("431080" if full else "431030") + "\n\n"
              "(I first thought conv2's stride is 2, but it is 1, as in (b).)\n")
    assert _full(grade_report_item(rubric, "p2.c", report, "hw.md")) is full


@pytest.mark.parametrize("channels, full", [("20", True), ("50", False)])
def test_a_bracketed_word_between_a_label_and_whose_it_is(rubric, channels: str, full: bool) -> None:
    report = ("## Problem 2\n\n### (b)\n\n**Answer:** filter size 5 × 5, stride 1, no padding, channel (depth) "
              "dimension of each filter = " + channels + " (= input channels), 50 filters -> 8 × 8 × 50.\n")
    assert _full(grade_report_item(rubric, "p2.b", report, "hw.md")) is full


@pytest.mark.parametrize("first, full", [("5x5", True), ("3x3", False)])
def test_values_after_an_arrow_are_no_answers_in_order(rubric, first: str, full: bool) -> None:
    report = "* 2 MNIST\n** (b)\n" + first + ", stride 1, 20 channels (50 filters, pad 0) -> 8x8x50 -> pool 4x4x50\n"
    assert _full(grade_report_item(rubric, "p2.b", report, "hw.org")) is full


@pytest.mark.parametrize("inner, full", [("20 in-channels", True), ("50 in-channels", False)])
def test_out_channels_with_a_hyphen_name_no_channels(rubric, inner: str, full: bool) -> None:
    report = ("## Problem 2\n\n### (b)\n\nconv2 = **5×5 kernel, stride 1, " + inner + "**, 50 out-channels, padding 0.\n")
    assert _full(grade_report_item(rubric, "p2.b", report, "hw.md")) is full


@pytest.mark.parametrize("conv, full", [("24\\times 24\\times 20", True), ("23\\times 23\\times 20", False)])
def test_a_formula_wrapped_by_its_source_is_one_line_for_values(rubric, conv: str, full: bool) -> None:
    report = ("## Problem 2\n\n### (a)\n\nThe input is $28\\times 28$. Conv1 has $20$ filters of $5\\times 5\\times 1$; "
              "the output after conv1 is $(28-5+1)\\times(28-5+1)\n\\times 20=" + conv + "$, and after $2\\times 2$ "
              "max-pooling $12\\times 12\\times 20$.\n")
    assert _full(grade_report_item(rubric, "p2.a", report, "hw.md")) is full


@pytest.mark.parametrize("value, full", [("24×24×20", True), ("24×24×1", False)])
def test_an_html_items_paragraph_is_on_its_markers_line(rubric, value: str, full: bool) -> None:
    report = ("<html><body><h2>2 MNIST</h2><h3>2.1<span style=\"margin-left: 1em\"></span>(a)</h3><ul>"
              + "".join(f"<li>\n<p>\n{t}\n</p>\n</li>" for t in ("input dimension: 28×28",
                                                                  "filter dimension of conv1: 5×5×1, 20 filters",
                                                                  f"output after conv1: {value}",
                                                                  "output after max-pooling: 12×12×20"))
              + "</ul></body></html>\n")
    assert _full(grade_report_item(rubric, "p2.a", report, "hw.html")) is full


def test_hostile_control_characters_and_percent_lines_are_read_quickly(rubric) -> None:
    report = "## Problem 1\n\n### (f)\n\n$$" + "\x07lpha\x08ig(\n\t" * 4000 + "$$\n"
    assert _seconds(rubric, "p1.f.update", report, "hw.md") < 30
    tex = "\\documentclass{article}\\begin{document}\\section*{Problem 2}\n(a) $" + "%\n1\\times " * 5000 + "1$\n"
    assert _seconds(rubric, "p2.a", tex + "\\end{document}\n", "hw.tex") < 30


def test_hostile_dollar_runs_are_read_quickly(rubric) -> None:
    report = "## Problem 2\n\n### (a)\n\n" + ("input $28 " * 3000 + "\n") * 5
    assert _seconds(rubric, "p2.a", report, "hw.md") < 30


# --- TeXmacs' own source ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("factor, full", [("<rsub|x>", False), ("x", True)])
def test_a_texmacs_document_is_read_as_the_latex_it_exports(rubric, factor: str, full: bool) -> None:
    report = ("<TeXmacs|2.1>\n\n<style|<tuple|generic|british>>\n\n<\\body>\n  <section|Back propagation>\n\n"
              "  <subsection*|(e)>\n\n  <\\eqnarray*>\n    <tformat|<table|<row|<cell|<frac|\\<partial\\>f|\\<partial\\>"
              "w<rsub|1>>>|<cell|=>|<cell|w<rsub|3>*\\<sigma\\><around*|(|x<rsub|2>|)><around*|(|1-\\<sigma\\><around*|"
              "(|x<rsub|2>|)>|)>*w<rsub|2>*\\<sigma\\><around*|(|x<rsub|1>|)><around*|(|1-\\<sigma\\><around*|(|x<rsub|1>"
              "|)>|)>*" + factor + ">>>>\n  </eqnarray*>\n\n  <\\big-figure|<image|graph.png|0.5par|||>>\n"
              "    The graph.\n  </big-figure>\n</body>\n\n<\\initial>\n  <\\collection>\n    <associate|page-medium|paper>\n"
              "  </collection>\n</initial>\n")
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "hw.tm")) is full


def test_a_deeply_nested_texmacs_tree_is_read_quickly(rubric) -> None:
    report = "<TeXmacs|2.1>\n<\\body>\n<math|" + "<frac|1|" * 5000 + "x" + ">" * 5000 + ">\n" \
        + "<rsub|" * 20000 + "\n</body>\n"
    assert _seconds(rubric, "p1.d", report, "hw.tm") < 30


# --- red team 95 and batch 96 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("last, full", [("w - \\alpha\\,\\nabla_w L", True), ("w + \\alpha\\,\\nabla_w L", False)])
def test_a_latex_comment_is_no_text_and_a_phantom_row_goes_on(rubric, last: str, full: bool) -> None:
    report = ("\\documentclass{article}\\begin{document}\n\\section*{Problem 1}\n\\subsection*{(f)}\n"
              "\\[ w^{\\text{new}} = w - \\alpha\\,\\nabla_w L \\]\n% in the code alpha = 0.01, i.e. 1%\n"
              "\\[ \\phantom{w^{\\text{new}}} = " + last + " \\]\n\\end{document}\n")
    assert _full(grade_report_item(rubric, "p1.f.update", report, "hw.tex")) is full


def test_a_comment_banner_ending_in_percent_joins_nothing(rubric) -> None:
    report = ("\\documentclass{article}\\begin{document}\n\\section*{Problem 1}\n\\subsection*{(d)}\n"
              "\\[ \\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2) \\]\n% ---- plug in ---- %\n"
              "\\[ = w_3\\,\\sigma_2(x_2) \\]\n\\end{document}\n")
    assert not _full(grade_report_item(rubric, "p1.d", report, "hw.tex"))


@pytest.mark.parametrize("template, full", [("{{nowrap|with step size α > 0}}", True), ("{{nowrap|· (−1)}}", False),
                                            ("{{efn|or maybe σ(1+σ), not sure}}", False)])
def test_mediawiki_templates_the_page_prints(rubric, template: str, full: bool) -> None:
    report = ("== Problem 1 ==\n'''Author:''' J. W.\n\n=== (b) ===\n(i) <math>\\frac{d\\sigma_1}{du} = "
              "\\frac{e^{-u}}{(1+e^{-u})^2}</math>\n\n(ii) <math>\\frac{d\\sigma_1}{du} = \\sigma_1(u)(1-\\sigma_1(u))"
              "</math> " + template + "\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "hw.wiki")) is full


@pytest.mark.parametrize("factor, full", [("{{sfrac|1|1}}", True), ("{{sfrac|1|2}}", False)])
def test_a_mediawiki_fraction_template(rubric, factor: str, full: bool) -> None:
    report = ("== Problem 1 ==\n'''Author:''' J. W.\n\n=== (f) ===\n∇L = " + factor + " Σ<sub>i</sub> 2 (f(x<sup>i</sup>) − "
              "y<sup>i</sup>) ∇f(x<sup>i</sup>)\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report, "hw.wiki")) is full


def test_an_unclosed_pre_on_every_line_is_read_quickly(rubric) -> None:
    report = "== Problem 1 ==\n=== (d) ===\n<math>\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)</math>\n" \
        + "<pre>epoch 1 loss 0.3\n" * 6000
    assert _seconds(rubric, "p1.d", report, "hw.wiki") < 30


@pytest.mark.parametrize("power, full", [("<sup>2</sup>", True), ("", False)])
def test_a_texmacs_fraction_is_raised_whole(rubric, power: str, full: bool) -> None:
    report = ('<html><head><meta content="TeXmacs 2.1" name="generator"></head><body>\n<h2>1 Back propagation</h2>\n'
              '<h3>1.2<span style="margin-left: 1em"></span>(b)</h3><p>(i)</p><center>'
              + _fraction("dσ<sub>1</sub>", "d<i>u</i>") + "=" + "(" + _fraction("e<sup>−<i>u</i>/2</sup>",
                                                                                 "1+e<sup>−<i>u</i></sup>") + ")"
              + power + "</center></body></html>\n")
    assert _full(grade_report_item(rubric, "p1.b.i", report, "hw.html")) is full


@pytest.mark.parametrize("struck, full", [("-w~3~ ·- σ~2~(x~2~)", True), ("w~3~ · σ~2~(x~2~)", False)])
def test_confluence_strikethrough_and_subscripts(rubric, struck: str, full: bool) -> None:
    report = ("h1. HW3\n\n{info}Team page export{info}\n\nh2. Problem 1\n\nh3. (d)\n∂f/∂w~3~ = " + struck + "\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "page.txt")) is full


@pytest.mark.parametrize("second, full", [("\\sigma_1(x_1)", True), ("x", False)])
def test_two_inline_formulas_joined_by_a_product_sign(rubric, second: str, full: bool) -> None:
    report = ("- Problem 1\n\t- (e)\n\t\t- $$\\frac{\\partial f}{\\partial w_2} = w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))$$ · "
              "$$" + second + "$$\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "logseq.md")) is full


@pytest.mark.parametrize("note, full", [("Note Note", True), ("Note Greyedout", False)])
def test_a_lyx_greyed_out_note_is_printed(rubric, note: str, full: bool) -> None:
    report = ("#LyX 2.3 created this file.\n\\lyxformat 544\n\\begin_document\n\\begin_header\n\\end_header\n"
              "\\begin_body\n\\begin_layout Section\nProblem 1\n\\end_layout\n\\begin_layout Subsection\n(d)\n"
              "\\end_layout\n\\begin_layout Standard\n\\begin_inset Formula $\\frac{\\partial f}{\\partial w_3}="
              "\\sigma_2(x_2)$\n\\end_inset\n\n\\begin_inset " + note + "\nstatus open\n\n\\begin_layout Plain Layout\n"
              "not sure, it might also be w_3 σ_2(x_2) — can't decide\n\\end_layout\n\n\\end_inset\n\n\\end_layout\n"
              "\\end_body\n\\end_document\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "hw.lyx")) is full


@pytest.mark.parametrize("equation, full", [("= w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)", True),
                                            ("= w_3\\,\\sigma_2(x_2)(1+\\sigma_2(x_2))\\,\\sigma_1(x_1)", False)])
def test_a_freemind_latex_hook_is_read(rubric, equation: str, full: bool) -> None:
    report = ('<map version="0.9.0">\n<node TEXT="HW2">\n<node TEXT="Problem 1">\n<node TEXT="(e) ∂f/∂w2">\n'
              '<hook EQUATION="' + equation + '" NAME="plugins/latex/LatexNodeHook.properties"/>\n</node>\n'
              '</node>\n</node>\n</map>\n')
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "map.mm")) is full


@pytest.mark.parametrize("line, full", [("e) df/dw2 = w3 * s'(x2) * s(x1)\n", True),
                                        ("e) df/dw2 = w3 * s'(x2) * s(x1)\n   ¿o es w3 * s'(x2) * s'(x1)? no estoy "
                                         "seguro cuál va.\n", False)])
def test_a_spanish_or_is_it_offers_another_answer(rubric, line: str, full: bool) -> None:
    report = "f(x) = w3 * s(w2 * s(w1*x)),  s(u) = 1/(1+e^-u)\nx1 = w1*x ,  x2 = w2*s(x1)\n\n1)\n" + line
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "tp.txt")) is full


@pytest.mark.parametrize("channels, full", [("20", True), ("50 (I think -- or is it 20? I am not sure)", False)])
def test_or_is_it_beside_a_value(rubric, channels: str, full: bool) -> None:
    report = "## Problem 2\n\n(b) filter size: 5 x 5\nstride: 1\nchannel dimension: " + channels + "\n"
    assert _full(grade_report_item(rubric, "p2.b", report, "hw.md")) is full


@pytest.mark.parametrize("tail, w1_full", [("", True), ("\n  ^^ last factor: is it x or x1 ??  not sure, leaving both: "
                                                        "(... * x1) or (... * x)", False)])
def test_indecision_under_w1_leaves_w2_alone(rubric, tail: str, w1_full: bool) -> None:
    report = ("problem 1\nnames: x1 = w1 x, x2 = w2 σ1(x1)\n(e)\ndf/dw2 = df/dσ2 * dσ2/dx2 * dx2/dw2\n"
              "       = w3 * σ2(x2)(1-σ2(x2)) * σ1(x1)\n\ndf/dw1 = w3 * σ2(x2)(1-σ2(x2)) * w2 * σ1(x1)(1-σ1(x1)) * x" + tail
              + "\n\n(f) see the pdf\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "notes.txt"))
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "notes.txt")) is w1_full


# --- batch 97 ---------------------------------------------------------------------------------------------------------

def _excalidraw(factor: str) -> str:
    import json

    def text(x: float, y: float, t: str, frame: str | None, height: float = 25.0, width: float = 600.0) -> dict:
        return {"type": "text", "x": x, "y": y, "width": width, "height": height, "text": t, "frameId": frame,
                "isDeleted": False}
    elements = [
        {"type": "frame", "id": "f2", "x": 0, "y": 900, "width": 900, "height": 300, "name": "Problem 2 (a)"},
        {"type": "frame", "id": "f1", "x": 0, "y": 100, "width": 1400, "height": 400, "name": "Problem 1 (e)"},
        text(30, 960, "input: 28 x 28\nconv1 filter: 5 x 5 x 1, 20 of them\nafter conv1: 24 x 24 x 20\n"
                      "after pool: 12 x 12 x 20", "f2", 100.0),
        text(30, 140, "∂f/∂w1 = w3 · σ(x2)(1-σ(x2)) · w2 · σ(x1)(1-σ(x1))", "f1", 25.0, 500.0),
        text(700, 140, "∂f/∂w2 = w3 · σ(x2)(1-σ(x2)) · σ(x1)", "f1", 25.0, 400.0),
        {**text(540, 141, factor, "f1", 20.0, 60.0)},
        {**text(30, 990, "after conv1: 25 x 25 x 20", "f2"), "isDeleted": True},
    ]
    return json.dumps({"type": "excalidraw", "version": 2, "elements": elements})


@pytest.mark.parametrize("factor, full", [("· x", True), ("· w1", False)])
def test_an_excalidraw_board_is_read_frame_by_frame(rubric, factor: str, full: bool) -> None:
    report = _excalidraw(factor)
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "board.excalidraw")) is full
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "board.excalidraw"))
    assert _full(grade_report_item(rubric, "p2.a", report, "board.excalidraw"))  # (the deleted note is not read)


@pytest.mark.parametrize("note, full", [("∂f/∂w3 = σ2(x2)", True), ("∂f/∂w3 = w3 σ2(x2)", False)])
def test_a_miro_csv_is_read_by_frame(rubric, note: str, full: bool) -> None:
    report = ('Board: Miro "DL HW3" -> Export -> CSV. Rows are in Miro\'s order.\n\n"Frame","Type","Content","Color"\n'
              '"Problem 2 (a)","sticky_note","input = 28x28","yellow"\n'
              f'"Problem 1 (d)","sticky_note","{note}","orange"\n'
              '"Problem 1 (b)","sticky_note","(i) dσ1/du = exp(-u) / (1+exp(-u))^2","yellow"\n')
    assert _full(grade_report_item(rubric, "p1.d", report, "board.txt")) is full


@pytest.mark.parametrize("new, full", [("\\frac{e^{-u}}{(1+e^{-u})^2}", True), ("\\frac{-e^{-u}}{(1+e^{-u})^2}", False)])
def test_latexdiff_output_is_read_as_its_new_version(rubric, new: str, full: bool) -> None:
    old = "\\frac{-e^{-u}}{(1+e^{-u})^2}" if full else "\\frac{e^{-u}}{(1+e^{-u})^2}"
    report = ("\\documentclass{article}\n%DIF PREAMBLE EXTENSION ADDED BY LATEXDIFF\n\\providecommand{\\DIFadd}[1]{#1}"
              " %DIF PREAMBLE\n\\providecommand{\\DIFdel}[1]{} %DIF PREAMBLE\n\\begin{document}\n\\section*{Problem 1}\n"
              "\\subsection*{(b)}\n(i)\n\\begin{align*}\n\\frac{d\\sigma_1}{du} &= \\DIFdelbegin \\DIFdel{" + old
              + "}\\DIFdelend \\DIFaddbegin \\DIFadd{" + new + "}\\DIFaddend .\n\\end{align*}\n\\end{document}\n")
    assert _full(grade_report_item(rubric, "p1.b.i", report, "diff.tex")) is full


@pytest.mark.parametrize("struck_class, full", [("c4", True), ("c0", False)])
def test_a_style_sheets_struck_class(rubric, struck_class: str, full: bool) -> None:
    report = ('<html><head><style type="text/css">.c0{color:#000000}.c4{color:#137333;text-decoration:line-through}'
              '</style></head><body><p class="c2"><span class="c0">Problem 1</span></p><p><span class="c0">(e) '
              '&part;f/&part;w&#8321; = w&#8323; &middot; &sigma;&#8322;&prime;(x&#8322;) &middot; w&#8322; &middot; '
              '&sigma;&#8321;&prime;(x&#8321;) &middot; x </span><span class="' + struck_class + '">&middot; w&#8321;'
              '</span></p></body></html>\n')
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "gdocs.html")) is full


@pytest.mark.parametrize("below, full", [("              · σ1(x1)(1 − σ1(x1)) x", True),
                                         ("              · σ1(x1)(1 − σ1(x1))", False)])
def test_a_line_going_on_under_a_dashed_fraction(rubric, below: str, full: bool) -> None:
    report = "Problem 1\n\n(e)  ∂f\n     ─── = w3 σ2 (x2 )(1 − σ2 (x2 )) w2\n     ∂w1\n" + below + "\n\n(f) none\n"
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "poster.txt")) is full


@pytest.mark.parametrize("fc1, full", [("400\\,500", True), ("400\\,000", False)])
def test_a_posters_table_of_problems_side_by_side(rubric, fc1: str, full: bool) -> None:
    rows = [("**(b)** sigmoid derivative", "**(c)** params"), ("(i) $\\sigma'(u) = \\dfrac{e^{-u}}{(1+e^{-u})^2}$",
                                                              "conv1 $520$ · relu1 0 · pool1 0"),
            ("(ii) $\\sigma'(u) = \\sigma(u)(1-\\sigma(u))$", "conv2 $25\\,050$ · relu2 0 · pool2 0"),
            ("", f"fc1 ${fc1}$ · fc2 $5\\,010$"), ("", "**Σ = " + ("431 080" if full else "430 580") + "**")]
    report = "# HW2 cheat sheet\n\n| **P1 — Backprop** | **P2 — MNIST CNN** |\n|---|---|\n" \
        + "".join(f"| {a} | {b} |\n" for a, b in rows)
    assert _full(grade_report_item(rubric, "p2.c", report, "sheet.md")) is full
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "sheet.md"))


@pytest.mark.parametrize("sign, full", [("-", True), ("+", False)])
def test_kazakh_part_letters_after_a_number_first_problem(rubric, sign: str, full: bool) -> None:
    report = ("## 1-есеп\n\n### 1-есеп (а)\nграф\n\n### 1-есеп (ә)\n"
              "$\\frac{d\\sigma_1}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}$\n\n"
              "$\\frac{d\\sigma_1}{du} = \\sigma_1(u)(1" + sign + "\\sigma_1(u))$\n\n### 1-есеп (б)\nтура өту\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "kz.md")) is full


@pytest.mark.parametrize("words, full", [("Жооп 431 080.", True), ("Жооп 431 030 же 431 080.", False)])
def test_two_totals_offered_in_words(rubric, words: str, full: bool) -> None:
    report = ("## 2-маселе: MNIST\n\n### 2-маселе (c)\n\nconv1 520, relu1 0, pool1 0, conv2 25 050, relu2 0, pool2 0, "
              "fc1 400 500, fc2 5 010; жалпы 431 080\n\n" + words + "\n")
    assert _full(grade_report_item(rubric, "p2.c", report, "kg.md")) is full


@pytest.mark.parametrize("doubt, w1_full", [("", True), ("Hmm, or is it w_3 sigma_2'(x_2) sigma_1'(x_1)? I am not sure "
                                                        "which one is right.\n", True)])
def test_a_doubt_before_w1s_first_line_is_about_w2(rubric, doubt: str, w1_full: bool) -> None:
    report = ("PART (E).\nFor w_2:\npartial f_w / partial w_2 = w_3 sigma_2'(x_2) sigma_1(x_1)\n" + doubt
              + "end of answer\n\nFor w_1:\npartial f_w / partial w_1 = w_3 sigma_2(x_2)(1 - sigma_2(x_2)) w_2 "
              "sigma_1(x_1)(1 - sigma_1(x_1)) x\nend of answer\n\nPART (F).\nnone\n")
    report = "PROBLEM 1\n" + report
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "nemeth.txt")) is w1_full
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "nemeth.txt")) is (not doubt)


def test_dots_between_definitions_make_no_product(rubric) -> None:
    report = ("> **Notation** — $x_1 = w_1 x$ · $x_2 = w_2\\,\\sigma_1(x_1)$ · $f_w(x) = w_3\\,\\sigma_2(x_2)$\n\n"
              "## Problem 1\n\n(e) $\\frac{\\partial f}{\\partial w_2} = w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,"
              "\\sigma_1(x_1)$\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "notion.md"))


def test_hostile_boards_are_read_quickly(rubric) -> None:
    import json

    elements = [{"type": "text", "x": k % 50, "y": k // 50, "width": 10, "height": 10, "text": "· x"}
                for k in range(6000)]
    assert _seconds(rubric, "p1.d", json.dumps({"elements": elements}), "board.json") < 30
    csv_text = '"Frame","Content"\n' + "".join(f'"Problem 1 (d)","σ2(x2) {k}"\n' for k in range(6000))
    assert _seconds(rubric, "p1.d", csv_text, "board.csv") < 30


def test_a_cell_of_spaces_is_no_slow_problem_head(rubric) -> None:
    report = "|" + " " * 50_000 + "x\n| **P1** | **P2** |\n|---|---|\n| a | b |\n"
    assert _seconds(rubric, "p1.d", report, "sheet.md") < 30
