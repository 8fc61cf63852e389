"""Reports in other document formats: each format's structure read by its own rules, then graded as Markdown."""
from __future__ import annotations

from pathlib import Path

import pytest

from grader.pipeline import Options, grade_submission
from grader.reading.document import read_document
from grader.reading.formats import format_of, grid_tables, knitr_output, markdown_dialects, to_markdown
from grader.reading.formats_html import html_markdown
from grader.reading.formats_light import adoc_markdown, org_markdown, rst_markdown
from grader.reading.formats_typst import typst_markdown
from grader.reading.tables import pipe_tables
from grader.submission import answer_files, load_submission
from tests.corpus.fidelity import written_only

D3 = r"\frac{\partial f_w}{\partial w_3} = \sigma_2(x_2)"


def test_the_file_name_says_the_format() -> None:
    assert [format_of(n) for n in ("a.rst", "a.ORG", "a.adoc", "a.typ", "a.qmd", "a.Rmd", "a.html", "a.md")] \
        == ["rst", "org", "adoc", "typst", "quarto", "quarto", "html", None]


# reStructuredText
def test_rst_titles_take_levels_in_the_order_their_styles_appear() -> None:
    md = rst_markdown("=====\nTitle\n=====\n\nProblem 1\n=========\n\n(a) First\n---------\n\nProblem 2\n=========\n")
    assert md.split("\n")[0] == "# Title"
    assert "## Problem 1" in md and "### (a) First" in md and "## Problem 2" in md


def test_rst_math_directive_and_role() -> None:
    md = rst_markdown(f".. math::\n   :label: d\n\n   {D3}\n\nso :math:`x_1 = w_1 x` holds")
    assert f"$$\n{D3}\n$$" in md and "$x_1 = w_1 x$" in md and ":label:" not in md


def test_rst_directives_keep_admonition_text_and_drop_page_furniture() -> None:
    md = rst_markdown(".. contents:: Table\n   :depth: 2\n\n.. note::\n\n   the answer is 5\n\n.. comment here\n"
                      "   hidden\n\n#. first\n")
    assert "the answer is 5" in md and "Table" not in md and "hidden" not in md and "- first" in md


def test_rst_list_table_and_simple_table() -> None:
    md = rst_markdown(".. list-table::\n   :header-rows: 1\n\n   * - layer\n     - params\n   * - conv1\n"
                      "     - 520\n\n=====  =====\nA      B\n=====  =====\nx      1\n=====  =====\n")
    assert "| layer | params |\n|---|---|\n| conv1 | 520 |" in md
    assert "| A | B |\n|---|---|\n| x | 1 |" in md


def test_rst_literal_block_is_code() -> None:
    md = rst_markdown("The code::\n\n   class Net:\n       pass\n\nafter")
    assert "The code:\n```" in md and "   class Net:" in md and md.rstrip().endswith("after")


# Org
def test_org_headings_blocks_keywords_and_indentation() -> None:
    md = org_markdown("#+TITLE: HW\n* Problem 1\n** (d)\n   \\[ x \\]\n#+BEGIN_SRC python\nprint(1)\n#+END_SRC\n"
                      ":PROPERTIES:\n:ID: 1\n:END:\n")
    assert md.split("\n")[:3] == ["# Problem 1", "## (d)", "\\[ x \\]"]
    assert "```python\nprint(1)\n```" in md and "TITLE" not in md and "ID" not in md


def test_org_table_head_only_above_a_rule() -> None:
    with_rule = org_markdown("| layer | n |\n|-------+---|\n| conv1 | 5 |\n|-------+---|\n| total | 5 |\n")
    assert with_rule.strip().split("\n") == ["| layer | n |", "|-------|---|", "| conv1 | 5 |", "| total | 5 |"]
    headless = org_markdown("| input | 28x28 |\n| conv1 | 24x24 |\n")
    assert [c.row for c in pipe_tables(headless)[0]] == ["input", "conv1"]


# AsciiDoc
def test_adoc_headings_math_and_blocks() -> None:
    md = adoc_markdown(f":stem: latexmath\n= HW\n== (d)\nlatexmath:[{D3}] and stem:[a]\n\n[latexmath]\n++++\n"
                       f"{D3}\n++++\n\n[source,python]\n----\nx = 1\n----\n. first\nterm:: text\n")
    assert "# HW" in md and "## (d)" in md and f"${D3}$ and $a$" in md and f"$$\n{D3}\n$$" in md
    assert "```\nx = 1\n```" in md and "1. first" in md and "term: text" in md


def test_adoc_stem_is_asciimath_unless_the_document_says_latex() -> None:
    assert "$" not in adoc_markdown("stem:[x^2]") and "x^2" in adoc_markdown("stem:[x^2]")


def test_adoc_table_head_only_when_declared() -> None:
    headless = adoc_markdown('[cols="1,1"]\n|===\n|Input |28 × 28\n|conv1\n|24 × 24\n|===\n')
    assert [(c.row, c.text) for c in pipe_tables(headless)[0]] == [("Input", "28 × 28"), ("conv1", "24 × 24")]
    names = adoc_markdown("|===\n|conv1 |relu1 |total\n|520 |0 |520\n|===\n")
    assert [(c.column, c.text) for c in pipe_tables(names)[0]] == [("conv1", "520"), ("relu1", "0"), ("total", "520")]
    declared = adoc_markdown("[%header]\n|===\n|layer |n\n|conv1 |5\n|===\n")
    assert [(c.row, c.column) for c in pipe_tables(declared)[0]] == [("conv1", "n")]


# Typst structure
def test_typst_headings_comments_rules_and_wrappers() -> None:
    md = typst_markdown('#set page(paper: "a4")\n// a note\n#align(center)[Name #h(1em) here]\n= Problem 1\n'
                        "== (d)\n$ x_1 = 2 $ // check\n+ first\nhttps://a.b/c\n")
    assert md.lstrip().startswith("Name") and "#h" not in md and "# Problem 1" in md and "## (d)" in md
    assert "$ x_1 = 2 $" in md and "check" not in md and "a note" not in md and "1. first" in md
    assert "https://a.b/c" in md


def test_typst_table_cells_fill_rows_of_its_columns() -> None:
    md = typst_markdown("#table(\n  columns: 2,\n  [*layer*], [*n*],\n  [conv1], [$(5 dot 5 + 1) dot 20$],\n)")
    assert "| *layer* | *n* |\n|---|---|\n| conv1 | $(5 dot 5 + 1) dot 20$ |" in md


def test_a_typst_display_continued_on_later_lines_stays_one_display() -> None:
    md = typst_markdown("== (e)\n$ (diff f)/(diff w_2) = a dot b\n  = w_3 c \\\n  + d\n  - e $\n+ item\n= Head\n")
    assert "$ (diff f)/(diff w_2) = a dot b = w_3 c + d - e $" in md
    assert "1. item" in md and "# Head" in md and "# w_3" not in md


def test_a_stray_typst_dollar_does_not_join_paragraphs() -> None:
    md = typst_markdown("costs $5\n\n= Problem 2\nand $x$\n")
    assert "# Problem 2" in md and "costs $5\n\n" in md


def test_a_bracket_closed_inside_math_is_not_a_part_label() -> None:
    doc = read_document("== (e)\n$ (diff f)/(diff w_2) = (diff f)/(diff x_2)\n  = w_3 $\n\n== (f)\nmore\n", "typst")
    assert "= w_3" in (doc.segment_text("1.e") or "") and "more" in (doc.segment_text("1.f") or "")
    twin = read_document("(e) first answer $x$ and then f) the second\n")
    assert any(k.endswith("f") for k in twin.segments)


def test_a_typst_reports_own_shorthands_are_written_out_in_its_math() -> None:
    md = typst_markdown("#let dd(a, b) = $(diff #a)/(diff #b)$\n#let sig = $sigma$\n== (f)\n"
                        "$ dd(f_w (x^i), w_1) = sig(x_2) $ and sig in words, dd(a) with one argument\n")
    assert " ".join(md.split()).startswith("## (f) $ (diff f_w (x^i))/(diff w_1) = sigma (x_2) $")
    assert "sig in words" in md and "dd(a)" in md and "#let" not in md


# HTML
def test_html_lists_keep_their_numbering_and_tables_become_pipe_tables() -> None:
    md = html_markdown('<html><head><title>T</title><script>var a = "(z)";</script></head><body>'
                       '<h2>1. Backprop</h2><ol type="a" start="4"><li>\\(x\\)</li><li>y &amp; z</li></ol>'
                       "<table><tr><th>layer</th><th>n</th></tr><tr><td>conv1</td><td>520</td></tr></table>"
                       '<p>Done<span aria-hidden="true">drawn copy</span></p></body></html>')
    assert "## 1. Backprop" in md and "(d) \\(x\\)" in md and "(e) y & z" in md
    assert "| layer | n |\n|---|---|\n| conv1 | 520 |" in md
    assert "(z)" not in md and "drawn copy" not in md and "T\n" not in md


def test_html_math_keeps_its_tex_annotation() -> None:
    md = html_markdown('<p><math><semantics><mi>x</mi><annotation encoding="application/x-tex">x^2</annotation>'
                       "</semantics></math></p>")
    assert "$x^2$" in md


# Markdown dialects
def test_mkdocs_admonitions_and_tabs_are_dedented() -> None:
    md = markdown_dialects(f'!!! note "Derivation"\n    first line\n\n    $$\n    {D3}\n    $$\n\nafter\n'
                           '=== "(i) tab"\n\n    body\n')
    assert "Derivation\n" in md and "\nfirst line" in md and f"$$\n{D3}\n$$" in md
    assert "(i) tab\n" in md and "\nbody" in md and "    " not in md


def test_setext_and_plain_equals_lines_are_not_tabs() -> None:
    text = "Problem 1\n=========\n=== Part (a) ===\n    code\n"
    assert markdown_dialects(text) == text


def test_fenced_divs_and_equation_labels() -> None:
    md = markdown_dialects(f"::: {{.callout-tip}}\ntip\n:::\n$$\n{D3}\n$$ {{#eq-d}}\n$$\nx\n$$ (eq-x)\n")
    assert ":::" not in md and "tip" in md and f"$$\n{D3}\n$$\n" in md and "eq-" not in md


def test_myst_math_directive_roles_and_list_table() -> None:
    md = markdown_dialects(f"```{{math}}\n:label: d\n{D3}\n```\nsee {{eq}}`d` and {{math}}`x_1`\n"
                           "```{list-table} Params\n:header-rows: 1\n\n* - layer\n  - n\n* - conv1\n  - 520\n```\n"
                           "```{code-cell} python\nx = 1\n```\n")
    assert f"```math\n{D3}\n```" in md and "see d and $x_1$" in md
    assert "Params" in md and "| layer | n |\n|---|---|\n| conv1 | 520 |" in md and "```{code-cell} python" in md


def test_grid_table_head_only_under_a_double_rule() -> None:
    head = grid_tables("+---+---+\n| a | b |\n+===+===+\n| c | 1 |\n+---+---+\n")
    assert "| a | b |\n|---|---|\n| c | 1 |" in head
    headless = grid_tables("+---+---+\n| a | 1 |\n+---+---+\n| c | 2 |\n+---+---+\n")
    assert [(c.row, c.text) for c in pipe_tables(headless)[0]] == [("a", "1"), ("c", "2")]


def test_a_head_row_that_holds_values_is_data() -> None:
    cells, _ = pipe_tables("| Input | 28 × 28 |\n|---|---|\n| conv1 | 24 × 24 |\n")
    assert [(c.row, c.text) for c in cells] == [("Input", "28 × 28"), ("conv1", "24 × 24")]
    named, _ = pipe_tables("| layer | params |\n|---|---|\n| conv1 | 520 |\n")
    assert [(c.row, c.column) for c in named] == [("conv1", "params")]


def test_knitr_output_is_text_and_a_named_vector_a_table() -> None:
    md = knitr_output("```{r}\nc(a = 1)\n```\n\n```\n## conv1 total\n##   520   520\n```\n\n```\n## [1] 5\n```\n")
    assert "| conv1 | total |\n|---|---|\n| 520 | 520 |" in md and "[1] 5" in md and "##" not in md


def test_a_literate_chunk_or_a_snippet_does_not_cut_its_part_but_a_program_listing_does() -> None:
    chunk = read_document("## (c)\n```{r}\nx <- 1\n```\n\n| layer | n |\n|---|---|\n| conv1 | 520 |\n", "quarto")
    assert "conv1" in (chunk.segment_text("1.c") or chunk.segment_text("c") or "")
    snippet = read_document("## (c)\n```python\nx = 1\n```\n\nlater text\n")
    assert "later text" in (snippet.segment_text("1.c") or snippet.segment_text("c") or "")
    listing = read_document("## (c)\n```python\nimport torch\nclass Net:\n    pass\n```\n\nlater text\n")
    assert "later text" not in (listing.segment_text("1.c") or listing.segment_text("c") or "")


# Hand-in folders
@pytest.mark.parametrize("name, text", [
    ("report.rst", f"Problem 1\n=========\n\n(d)\n---\n\n.. math::\n\n   {D3}\n"),
    ("report.org", f"* Problem 1\n** (d)\n\\[ {D3} \\]\n"),
    ("report.adoc", f"= HW\n:stem: latexmath\n\n== Problem 1\n\n=== (d)\n\nlatexmath:[{D3}]\n"),
    ("report.typ", "= Problem 1\n== (d)\n// derivative\n$ (diff f_w)/(diff w_3) = sigma_2 (x_2) $\n"),
    ("report.qmd", f"---\ntitle: HW\n---\n# Problem 1\n## (d)\n$$\n{D3}\n$$ {{#eq-d}}\n"),
    ("report.Rmd", f"# Problem 1\n## (d)\n$${D3}$$\n"),
    ("report.html", f"<html><body><h2>Problem 1</h2><ol type='a' start='4'><li>\\[{D3}\\]</li></ol></body></html>"),
])
def test_a_folder_whose_report_is_in_another_format_is_found_and_graded(rubric, tmp_path: Path, name: str,
                                                                         text: str) -> None:
    folder = tmp_path / "handin"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    assert answer_files(folder, []) == [folder / name]
    assert load_submission(folder, rubric).source == name
    result = grade_submission(folder, written_only(rubric), Options())
    if name == "report.typ":  # Typst math syntax is read by the math reader; the part must at least be found
        assert "no answer found" not in result.check("p1.d").feedback
    else:
        assert result.check("p1.d").status == "pass", (name, result.check("p1.d").feedback)


def test_a_folder_prefers_markdown_over_other_formats(tmp_path: Path) -> None:
    for name in ("report.html", "report.md", "notes.rst"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in answer_files(tmp_path, [])] == ["report.md", "report.html", "notes.rst"]


def test_to_markdown_leaves_plain_markdown_alone() -> None:
    text = "# 1\n(d) $x$\n\n| a | b |\n|---|---|\n| c | 1 |\n"
    assert to_markdown(text, None) == text
