"""Readings from batch 100 and the gaps red team 97 left: each with a twin it must not pass, and each new pattern
read in bounded time on hostile text.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from grader.reading.stated_vectors import EVALUATION_BAR, without_index_range
from grader.reading.workings import wrong_workings
from tests.helpers import grade_file_item, grade_report_item


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


_HEAD = ("## Problem 1\n\nWith $x_1 = w_1 x$ and $x_2 = w_2\\,\\sigma(x_1)$, $f_w(x) = w_3\\,\\sigma(x_2)$.\n\n"
         "**(f)**\n\n$$\\nabla_w L = \\sum_{{i=1}}^{{2}} 2\\left(f_w(x^i) - y^i\\right)\\nabla_w f_w(x^i)$$\n\n"
         "{vector}\n\n"
         "$$w \\leftarrow w - \\alpha\\,\\nabla_w L$$\n")
_ENTRIES = ("w_3\\,\\sigma(x_2^i)(1-\\sigma(x_2^i))\\,w_2\\,\\sigma(x_1^i)(1-\\sigma(x_1^i)){x}",
            "w_3\\,\\sigma(x_2^i)(1-\\sigma(x_2^i))\\,\\sigma(x_1^i)", "\\sigma(x_2^i)")


def _matrix(x: str) -> str:
    return "\\begin{bmatrix} " + " \\\\ ".join(_ENTRIES).format(x=x) + " \\end{bmatrix}"


# --- ∇f written out: a third side, a tail that says where it holds, evaluation bars ----------------------------------

@pytest.mark.parametrize("form", [
    "$$g_i = \\nabla_w f_w(x^i) = {m}$$",
    "$$\\nabla_w f_w(x^i) = {m}, \\; i = 1, 2$$",
    "$$\\nabla_w f_w(x^i) = {m} \\text{{ for each data point}}$$",
    "$$\\nabla_w f_w(x^i) = {m},\\quad \\text{{for }} i = 1, \\dots, n$$",
])
@pytest.mark.parametrize("x, full", [("\\,x^i", True), ("", False)])
def test_a_written_out_gradient_is_read_whatever_follows_it(rubric, form: str, x: str, full: bool) -> None:
    report = _HEAD.format(vector=form.format(m=_matrix(x)))
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("x, full", [("\\,x^i", True), ("", False)])
def test_entries_under_evaluation_bars_are_read_at_the_point(rubric, x: str, full: bool) -> None:
    bars = "\n\n".join(f"$$\\left.\\frac{{\\partial f_w}}{{\\partial w_{k}}}\\right|_{{x=x^i}} = {e.format(x=x)}$$"
                       for k, e in zip((1, 2, 3), _ENTRIES, strict=True))
    assert _full(grade_report_item(rubric, "p1.f.grad", _HEAD.format(vector=bars))) is full


def test_a_thick_space_is_no_gap_between_equations() -> None:
    from grader.reading.stated_vectors import equations_in
    assert len(equations_in("\\nabla f = (a, b, c)^T, \\; i = 1, 2")) == 1
    assert len(equations_in("\\nabla f = (a, b, c)^T; \\nabla L = 2(f - y)\\nabla f")) == 2


# --- workings with powers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("working, wrong", [
    ("(4^2 \\cdot 50 + 1) \\cdot 500 = 400{,}500", False),
    ("(4^{2} \\cdot 50 + 1) \\cdot 500 = 400{,}500", False),
    ("(4² · 50 + 1) · 500 = 400,500", False),
    ("(8^2 \\cdot 50 + 1) \\cdot 500 = 400{,}500", True),
    ("(5^2 · 20 + 1) · 50 = 25,050", False),
    ("(8^3 · 50 + 1) · 500 = 400,500", True),
    ("(4^2 · 50 + 1) · 50 = 400,500", True),
])
def test_a_working_with_a_power_is_checked(working: str, wrong: bool) -> None:
    assert bool(wrong_workings(working, {"400500", "25050"})) is wrong


def test_a_huge_power_is_no_working() -> None:
    assert wrong_workings("9^999999 = 400,500", {"400500"}) == []


@pytest.mark.parametrize("row, full", [("$(4^2 \\cdot 50 + 1) \\cdot 500 = 400{,}500$", True),
                                       ("$(8^2 \\cdot 50 + 1) \\cdot 500 = 400{,}500$", False)])
def test_a_table_cells_working_is_checked(rubric, row: str, full: bool) -> None:
    report = ("## Problem 2\n\n(c)\n\n| layer | count |\n|---|---|\n| conv1 | $(5^2+1)\\cdot 20 = 520$ |\n"
              "| conv2 | $(5^2 \\cdot 20 + 1)\\cdot 50 = 25{,}050$ |\n| relu, pool | 0 |\n"
              f"| fc1 | {row} |\n| fc2 | $(500 + 1)\\cdot 10 = 5{{,}}010$ |\n| total | $431{{,}}080$ |\n")
    result = grade_report_item(rubric, "p2.c", report)
    assert _full(result) is full
    assert result.status != "pass" or full


# --- hostile text: every new pattern in bounded time ------------------------------------------------------------------

@pytest.mark.parametrize("read, text", [
    (without_index_range, "a" + " \\;" * 20_000 + "x"),
    (without_index_range, "a" + ", i = 1" * 10_000 + "x"),
    (without_index_range, "a" + " \\text{" * 10_000),
    (EVALUATION_BAR.match, "\\left." + "\\right|_{x=x" * 5_000),
])
def test_new_patterns_are_bounded_on_hostile_text(read, text: str) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    read(text)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("equation, left", [
    ("g = (a, b, c)^T, \\; i = 1, 2", "g = (a, b, c)^T"),
    ("g = (a, b, c) \\text{ for each point}", "g = (a, b, c)"),
    ("g = (a, b, c),\\quad \\text{for } i = 1, \\dots, n", "g = (a, b, c)"),
    ("g = (a, b, c)", "g = (a, b, c)"),
])
def test_where_an_equation_holds_is_cut_off(equation: str, left: str) -> None:
    assert without_index_range(equation).strip() == left


# --- batch 100: notebooks of other tools, Scribble, txt2tags, a format of its own ----------------------------------

_MD_D = "## Problem 1\n\n**(d)** $\\dfrac{{\\partial f}}{{\\partial w_3}} = {d}$\n"


@pytest.mark.parametrize("d, full", [("\\sigma(x_2)", True), ("w_3\\,\\sigma(x_2)", False)])
@pytest.mark.parametrize("name, wrap", [
    ("hw.py", 'import marimo\n\napp = marimo.App()\n\n\n@app.cell\ndef _(mo):\n    mo.md(\n        r"""\n{md}\n"""\n'
              '    )\n    return\n\n\n@app.cell\ndef _():\n    import math\n    return (math,)\n'),
    ("hw.py", "# Databricks notebook source\n# MAGIC %md\n{magic}\n\n# COMMAND ----------\n\nimport math\n"),
    ("hw.jl", '### A Pluto.jl notebook ###\n# v0.19.46\n\n# ╔═╡ 1a\nmd"""\n{md}\n"""\n\n# ╔═╡ 2b\n'
              'σ(u) = 1 / (1 + exp(-u))\n\n# ╔═╡ Cell order:\n# ╟─1a\n'),
    ("hw.json", '{{"paragraphs": [{{"text": {json}}}, {{"text": "%python\\nimport math"}}], "name": "hw"}}'),
])
def test_a_notebook_of_another_tool_is_read_by_its_text_cells(rubric, name: str, wrap: str, d: str, full: bool) -> None:
    import json

    md = _MD_D.format(d=d)
    report = wrap.format(md=md, magic="\n".join(f"# MAGIC {line}" for line in md.split("\n")),
                         json=json.dumps("%md\n" + md))
    assert _full(grade_file_item(rubric, "p1.d", report, name)) is full


@pytest.mark.parametrize("d, full", [("\\sigma_2(x_2)", True), ("w_3\\,\\sigma_2(x_2)", False)])
def test_a_scribble_report_is_read(rubric, d: str, full: bool) -> None:
    report = ("#lang scribble/manual\n@(require scribble-math/dollar)\n@title{HW}\n@section{Problem 1}\n"
              f"@subsection{{(d)}}\n\n@$${{\\frac{{\\partial f}}{{\\partial w_3}} = {d}}}\n\n"
              "@itemlist[@item{@bold{note}: checked numerically}]\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "hw.scrbl")) is full


@pytest.mark.parametrize("d, full", [("s(x2)", True), ("w3*s(x2)", False)])
def test_a_txt2tags_report_is_read(rubric, d: str, full: bool) -> None:
    report = (f"HW3\nJ. Doe\n%%mtime(%Y)\n\n%!target: html\n= Problem 1 =\n\nNotation: ``s = sigma``\n\n== (d) ==\n\n"
              f"``df/dw3 = {d}``\n\n== (e) ==\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "hw.t2t")) is full


def test_a_report_in_a_format_of_its_own_is_read_as_plain_text(rubric, tmp_path: Path) -> None:
    from grader.submission import load_submission

    (tmp_path / "hw3.mytext").write_text("Problem 1\n\n(b) (i) s'(u) = exp(-u)/(1+exp(-u))^2\n(c) words\n"
                                         "(d) df/dw3 = sigma(x2)\n(e) …\n", encoding="utf-8")
    (tmp_path / "photo.bin").write_bytes(b"\x00(a) (b) (c) (d)")
    sub = load_submission(tmp_path, rubric)
    assert sub.source == "hw3.mytext" and any("read as plain text" in n for n in sub.notes)


def test_a_program_is_never_taken_for_a_report_of_its_own_format(rubric, tmp_path: Path) -> None:
    from grader.submission import load_submission

    (tmp_path / "net.c").write_text("/* (a) (b) (c) (d) */ int main(void) { return 0; }\n", encoding="utf-8")
    assert load_submission(tmp_path, rubric).source == ""


# --- batch 100: languages ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("reason", ["так как", "כי", "لأن", "因为", "because"])
@pytest.mark.parametrize("sign, full", [("-", True), ("+", False)])
def test_a_reason_in_another_script_ends_the_formula(rubric, reason: str, sign: str, full: bool) -> None:
    report = (f"## Problem 1\n\n(b)\n\n(ii) dσ₁/du = σ₁(u)·(1 {sign} σ₁(u)) {reason} e^(−u)/(1+e^(−u)) = 1 − σ₁(u)\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report)) is full


@pytest.mark.parametrize("d, full", [("σ2(х2)", True), ("w3·σ2(х2)", False)])
def test_a_cyrillic_x_typed_for_x(rubric, d: str, full: bool) -> None:
    report = f"## Масъалаи 1\n\nБелгиҳо: х1 = w1·х, х2 = w2·σ1(х1).\n\n### г)\n\n**Ҷавоб:** ∂f/∂w3 = {d}\n"
    assert _full(grade_report_item(rubric, "p1.d", report)) is full


@pytest.mark.parametrize("name", ["w_нав", "w_{нов}", "w_חדש", "w_yangi", "w_novi"])
@pytest.mark.parametrize("sign, full", [("−", True), ("+", False)])
def test_the_new_weights_marked_in_the_students_language(rubric, name: str, sign: str, full: bool) -> None:
    report = f"## Problem 1\n\n(f)\n\nНавсозӣ: {name} = w {sign} α · ∇_w L(w)\n"
    assert _full(grade_report_item(rubric, "p1.f.update", report)) is full


@pytest.mark.parametrize("check", ["1 · 0,2194 · 0,7311 = 0,1604", "1 · 0.2194 · 0.7311 = 0.1604"])
def test_a_check_at_numbers_with_decimal_commas_is_no_answer(rubric, check: str) -> None:
    report = ("## Zadatak 1\n\n### д) ∂f/∂w2\n\n$$\\frac{\\partial f_w}{\\partial w_2} = w_3\\cdot\\sigma_2(x_2)"
              "\\big(1-\\sigma_2(x_2)\\big)\\cdot\\sigma_1(x_1)$$\n\n**Provera** (x = 1, w = 1):\n\n"
              f"- ∂f/∂w2 = {check}\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report)) is True


@pytest.mark.parametrize("depth, full", [("x20", True), ("x50", False), ("20", True)])
def test_an_asides_count_that_names_the_channels(rubric, depth: str, full: bool) -> None:
    report = ("Naloga 2\n========\n\na) vhod 28x28x1\n\n"
              f"b) 12x12x20 -> 8x8x50: filter 5x5 ({depth} kanalov), stride 1, brez paddinga, 50 filtrov\n"
              "   (12-5)/1+1 = 8 ok\n\nc) conv1: 520\n")
    assert _full(grade_report_item(rubric, "p2.b", report, "hw.txt")) is full


@pytest.mark.parametrize("heading, letter", [("Zadatak 1", "ђ"), ("Задача 1", "ѓ")])
@pytest.mark.parametrize("sign, full", [("-", True), ("+", False)])
def test_serbian_and_macedonian_sixth_letters_label_part_f(rubric, heading: str, letter: str, sign: str,
                                                          full: bool) -> None:
    report = (f"## {heading}\n\n### д)\n\n$\\partial f/\\partial w_2 = w_3$\n\n### {letter})\n\n"
              f"$$w \\leftarrow w {sign} \\alpha \\nabla_w L$$\n")
    assert _full(grade_report_item(rubric, "p1.f.update", report)) is full


@pytest.mark.parametrize("word, pool, full", [
    ("## Бодлого 2", "12×12×20", True), ("## Бодлого 2", "11×11×20", False),
    ("## Masъalaи 2", "12×12×20", None)])
def test_mongolian_problem_and_field_words(rubric, word: str, pool: str, full: bool | None) -> None:
    report = (f"## Бодлого 1\n\n(а) x\n\n{word}. MNIST\n\n**(а)**\n- Оролтын хэмжээс: 28×28 (1 суваг)\n"
              f"- conv1 шүүлтүүр: 5×5×1, 20 ширхэг\n- conv1-ийн дараа: 24×24×20\n- 2×2 max-pooling-ийн дараа: {pool}\n")
    result = grade_report_item(rubric, "p2.a", report)
    if full is None:
        assert not _full(result)
    else:
        assert _full(result) is full


# --- red team 100: corrections on the answer's line, conv2's padding, ∇f's layouts, formats' printed text -----------

@pytest.mark.parametrize("line", [
    "$\\dfrac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$, I mean $w_3\\,\\sigma_2(x_2)$.",
    "$\\dfrac{\\partial f_w}{\\partial w_3} = w_3\\,\\sigma_2(x_2)$, sorry, $\\sigma_2(x_2)$.",
    "$\\dfrac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$ — that's wrong, the weight stays: $w_3\\sigma_2(x_2)$.",
    "$\\dfrac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$ (make that $w_3\\,\\sigma_2(x_2)$)",
    "$\\dfrac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$. Correct answer (forgot it): $w_3\\sigma_2(x_2)$.",
])
def test_an_answer_taken_back_on_its_line_goes_to_a_person(rubric, line: str) -> None:
    assert grade_report_item(rubric, "p1.d", f"## Problem 1\n\n**(d)** {line}\n\n**(e)** x\n").status == "review"


@pytest.mark.parametrize("line", ["(d) df/dw3 = sigma2(x2)   hmm no: w3 · sigma2(x2), the weight stays",
                                  "(d) df/dw3 = w3 · sigma2(x2)   sorry, sigma2(x2)"])
def test_a_plain_answer_taken_back_on_its_line_goes_to_a_person(rubric, line: str) -> None:
    assert grade_report_item(rubric, "p1.d", f"Problem 1\n\n{line}\n(e) x\n", "hw.txt").status == "review"


@pytest.mark.parametrize("row", ["fc1: 400,500 -- scratch that, 400,000", "fc1: 400,000 -- that's wrong, 400,500"])
def test_a_value_taken_back_on_its_line_never_passes(rubric, row: str) -> None:
    report = (f"## Problem 2\n\n**(c)** conv1: 520, relu1: 0, pool1: 0, conv2: 25,050, relu2: 0, pool2: 0, {row}, "
              "fc2: 5,010. Total: 431,080 parameters.\n")
    assert not _full(grade_report_item(rubric, "p2.c", report))


@pytest.mark.parametrize("said, full", [
    ("padding 0", True), ("padding $(1, 1)$", False), ("the maps are zero-padded to $14\\times14$ first", False),
    ("the filter is dilated by $2$", False), ("with 'full' padding", False),
    ("```python\nself.conv2 = nn.Conv2d(20, 50, (5, 5), 1, 1)\n```", False),
    ("```python\nself.conv2 = nn.Conv2d(20, 50, (5, 5), 1, 0)\n```", True)])
def test_conv2s_padding_said_in_other_ways(rubric, said: str, full: bool) -> None:
    report = f"## Problem 2\n\n**(b)** filter size $5\\times5$, stride $1$, channel dimension $20$.\n\n{said}\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("form", [
    "$$\\nabla_w f_w(x^i) = \\left(\\begin{{matrix}} {m} \\end{{matrix}}\\right)$$",
    "$$\\nabla_w f_w(x^i) = \\left[\\begin{{array}}{{c}} {m} \\end{{array}}\\right]$$",
    "$$\\nabla_w f_w(x^i) = \\begin{{bmatrix}} {m} \\end{{bmatrix}}_{{i=1,2}}$$",
    "$$\\begin{{bmatrix}} \\partial f_w(x^i)/\\partial w_3 \\\\ \\partial f_w(x^i)/\\partial w_2 \\\\ "
    "\\partial f_w(x^i)/\\partial w_1 \\end{{bmatrix}} = \\begin{{bmatrix}} {r} \\end{{bmatrix}}$$",
])
@pytest.mark.parametrize("x, full", [("\\,x^i", True), ("", False)])
def test_a_written_out_gradient_in_more_layouts(rubric, form: str, x: str, full: bool) -> None:
    entries = [e.format(x=x) for e in _ENTRIES]
    vector = form.format(m=" \\\\ ".join(entries), r=" \\\\ ".join(reversed(entries)))
    assert _full(grade_report_item(rubric, "p1.f.grad", _HEAD.format(vector=vector))) is full


@pytest.mark.parametrize("x, full", [("\\,x^i", True), ("", False)])
def test_entries_of_the_output_at_a_point_named_f_i(rubric, x: str, full: bool) -> None:
    entries = "$$" + ",\\quad ".join(f"\\frac{{\\partial f_i}}{{\\partial w_{k}}} = {e.format(x=x)}"
                                      for k, e in zip((1, 2, 3), _ENTRIES, strict=True)) + "$$"
    assert _full(grade_report_item(rubric, "p1.f.grad", _HEAD.format(vector="Write $f_i = f_w(x^i)$.\n\n" + entries))) \
        is full


@pytest.mark.parametrize("sign, full", [("-", True), ("+", False)])
def test_sigma_prime_under_an_evaluation_bar_is_checked(rubric, sign: str, full: bool) -> None:
    report = ("## Problem 1\n\nLet $x_1 = w_1 x$, $x_2 = w_2\\sigma(x_1)$.\n\n**(e)**\n\n"
              f"$$\\left.\\frac{{d\\sigma}}{{du}}\\right|_{{u=x_2}} = \\sigma(x_2)\\big(1{sign}\\sigma(x_2)\\big)$$\n\n"
              "$$\\frac{\\partial f_w}{\\partial w_2} = w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1)$$\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report)) is full


def test_printed_text_of_texinfo_roff_and_latex_is_read() -> None:
    from grader.reading.formats_roff import roff_markdown
    from grader.reading.formats_texinfo import texinfo_markdown

    assert "w3 σ2(x2)" in texinfo_markdown("@node Top\n@center w3 σ2(x2)\n@noindent Correction: fixed\n")
    assert "Correction: fixed" in texinfo_markdown("@noindent Correction: fixed\n")
    roff = roff_markdown(".ig XX\nhidden\n.XX\nprinted line\n.BX \"boxed answer\"\n.ig\nhidden too\n..\n")
    assert "printed line" in roff and "boxed answer" in roff and "hidden" not in roff


@pytest.mark.parametrize("kept", [True, False])
def test_latex_iffalse_else_prints_its_else(rubric, kept: bool) -> None:
    wrong = "w_3\\,\\sigma_2(x_2)"
    body = f"\\iffalse\n$$\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)$$\n\\else\n" \
           f"$$\\frac{{\\partial f}}{{\\partial w_3}} = {wrong}$$\n\\fi\n" if kept else \
           f"\\iffalse\n$$\\frac{{\\partial f}}{{\\partial w_3}} = {wrong}$$\n\\fi\n" \
           "$$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$$\n"
    report = f"\\section*{{Problem 1}}\n\\subsection*{{(d)}}\n{body}\\subsection*{{(e)}}\nx\n"
    assert _full(grade_report_item(rubric, "p1.d", report, "hw.tex")) is not kept


def test_an_undeclared_windows_page_is_read_as_windows_ansi() -> None:
    from grader.submission import UNDECLARED, decoded

    assert decoded("conv1: 5×5×1, 24×24×20 — µ".encode("cp1252")) == ("conv1: 5×5×1, 24×24×20 — µ", UNDECLARED)
    assert decoded("σ′ = σ(1−σ)".encode()) == ("σ′ = σ(1−σ)", "utf-8")


# --- hostile text: the new patterns in bounded time ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "$A$" + " " * 30_000 + "x", "$A$" + " \\, " * 6_000 + "x", "A" + " \t" * 20_000 + "x",
    "$A$" + ", I mean" * 5_000, "@a{" * 20_000, "@a[" * 20_000 + "@b{x}", "=" * 100_000,
    "\\left." + "\\frac{d\\sigma}{du}\\right|_{u=" * 3_000, "у" * 50_000 + " х" * 50_000,
])
def test_batch_100_patterns_are_bounded_on_hostile_text(rubric, text: str) -> None:
    from grader.reading.formats_racket import scribble_markdown, txt2tags_markdown

    start = time.perf_counter()
    scribble_markdown(text)
    txt2tags_markdown(text)
    grade_report_item(rubric, "p1.d", "## Problem 1\n\n**(d)** " + text[:20_000] + "\n")
    assert time.perf_counter() - start < 20.0


# --- batch 101: TeX's other dialects, labels of Kurdish, Pashto, Dari and Uyghur reports -----------------------------

@pytest.mark.parametrize("d, full", [("\\s_2(x_2)", True), ("w_3\\s_2(x_2)", False)])
@pytest.mark.parametrize("source", [
    "\\def\\s{{\\sigma}}\n\\beginsection Problem 1\n\n"
    "\\item{{(b)}} $${{d\\s_1\\over du}}={{e^{{-u}}\\over(1+e^{{-u}})^2}}\\eqno(1)$$\n"
    "\\item{{(d)}} $${{\\partial f\\over\\partial w_3}}={d}\\eqno(3)$$\n\\item{{(e)}} words\n\\bye\n",
    "\\documentstyle{{amsppt}}\n\\def\\s{{\\sigma}}\n\\document\n\\head Problem 1\\endhead\n"
    "\\subhead (d)\\endsubhead\n"
    "\\proclaim{{Proposition 1}} $\\dfrac{{\\partial f}}{{\\partial w_3}} = {d}$.\\endproclaim\n"
    "\\subhead (e)\\endsubhead\nwords\n\\enddocument\n",
    "\\def\\s{{\\sigma}}\n\\starttext\n\\section{{Problem 1}}\n\\startitemize[a]\n"
    "\\item[(d)] \\startformula \\frac{{\\partial f}}{{\\partial w_3}}"
    " = {d} \\stopformula\n\\item[(e)] words\n\\stopitemize\n\\stoptext\n",
])
def test_plain_tex_ams_tex_and_context_reports(rubric, source: str, d: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.d", source.format(d=d), "hw.tex")) is full


def test_a_tex_over_is_a_fraction() -> None:
    from grader.expressions.tokens import over_as_frac

    assert over_as_frac("{d\\sigma\\over du}") == "{\\frac{d\\sigma}{du}}"
    assert over_as_frac("a \\over b") == "\\frac{a}{b}"
    assert over_as_frac("\\overline{x}") == "\\overline{x}"


@pytest.mark.parametrize("report, full", [
    ("**a)** كىرگۈزۈش: 28×28 (×1)؛ conv1 سۈزگۈچى: 5×5×1، 20 دانە؛ conv1 دىن كېيىن: 24×24×20؛ "
     "pooling دىن كېيىن: 12×12×20.", True),
    ("**a)** كىرگۈزۈش: 28×28 (×1)؛ conv1 سۈزگۈچى: 5×5×1، 20 دانە؛ conv1 دىن كېيىن: 23×23×20؛ "
     "pooling دىن كېيىن: 12×12×20.", False),
    ("أ) ڕەهەندی ئینپوت 28×28 ، فلتەری conv1 بریتییە لە 20 فلتەری 5×5×1 ، دوای conv1 دەبێتە 24×24×20 ، دوای pooling "
     "دەبێتە 12×12×20 .", True),
    ("أ) ڕەهەندی ئینپوت 28×28 ، فلتەری conv1 بریتییە لە 20 فلتەری 5×5×20 ، دوای conv1 دەبێتە 24×24×20 ، دوای pooling "
     "دەبێتە 12×12×20 .", False),
])
def test_uyghur_and_sorani_field_words(rubric, report: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.a", f"## Problem 2\n\n{report}\n", "hw.md")) is full


def test_utf8_with_one_stray_byte_stays_utf8() -> None:
    from grader.submission import decoded

    text, codec = decoded("σ′(u) = σ(u)(1 − σ(u)) # caf".encode() + b"\xe9" + " ∂f/∂w₃ = σ₂(x₂)".encode())
    assert codec == "utf-8" and "∂f/∂w₃ = σ₂(x₂)" in text


@pytest.mark.parametrize("line, full", [("(d) d_w3 = sig(x2);      /* = sig(w2*sig(w1*x)) */", True),
                                        ("(d) d_w3 = w3*sig(x2);   /* = w3*sig(w2*sig(w1*x)) */", False)])
def test_a_c_comment_after_an_answer_is_no_denominator(rubric, line: str, full: bool) -> None:
    report = f"PROBLEM 1\n\n  f = w3 * sig(x2);\n\n{line}\n(e) d_w2 = w3 * dsig(x2) * sig(x1);\n"
    assert _full(grade_report_item(rubric, "p1.d", report, "hw.txt")) is full
