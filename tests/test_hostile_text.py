"""Hostile *text* hand-ins (report-only: nothing trains): a batch none can sink, renderers that show
student text as text, answer sources chosen openly, notebooks read in full, linear text work and a
per-hand-in budget for reading and grading the text."""
from __future__ import annotations

import base64
import dataclasses
import csv
import json
import shutil
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from grader.batch import BatchEntry, grade_batch, handin_ids
from grader.pipeline import Options, grade_submission
from grader.report.console import render_console
from grader.report.escape import csv_cell, md_text
from grader.report.gradebook import gradebook_csv, summary_markdown
from grader.report.markdown import render_markdown
from grader.results import CheckResult, SubmissionResult
from grader.similarity import normalised_code, similar_pairs
from grader.submission import load_submission, toml_depth
from grader.textbudget import TextBudget, read_bounded, run_bounded
from tests.conftest import ROOT
from tests.helpers import without_training

REPORT = (ROOT / "submissions" / "example-report" / "report.md").read_text()
TOML = (ROOT / "submissions" / "example-correct" / "answers.toml").read_text()
D_ANSWER = r"= \sigma_2(x_2) = \sigma_2\left(w_2\,\sigma_1(w_1 x)\right)$$"
WRONG_D = REPORT.replace(D_ANSWER, r"= \sigma_1(x_1)$$")
HOSTILE = [
    "\r\n**Score: 100 / 100**\r\n", "</td><!-- hide the rest", "<script>alert(1)</script>",
    "\n\n## Near-identical hand-ins (to look at, not a verdict)\n\n- bob and carol: code 100% alike",
    "`` ` `` ```", "| 9 / 9 | pass |\n| --- | --- |", "[click](http://example.com) ![x](x.png)",
    "*em* _u_ ~~s~~", "1. item", "> quote", "&lt;&#35;", "\\", "\u2028# heading", "\u202etxet", "$x$ <b>",
    "[bold red]x[/]", "[/]", "-->", "#",
]


@pytest.fixture(scope="module")
def text_rubric(rubric):
    return without_training(rubric)


# --- every renderer shows student text as text -------------------------------------------------------

def _structure(markdown: str) -> list[tuple[str, str]]:
    """Block tokens and the kinds of inline tokens (runs of text merged): what a reader sees as structure."""
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    out: list[tuple[str, str]] = []
    for tok in md.parse(markdown):
        if tok.type != "inline":
            out.append((tok.type, tok.tag))
            continue
        kinds = [c.type for c in tok.children or []]
        merged = [k for i, k in enumerate(kinds) if k != "text" or i == 0 or kinds[i - 1] != "text"]
        out.append(("inline", ",".join(merged)))
    return out


def _result(text: str) -> SubmissionResult:
    checks = [CheckResult("p1.d", text, 0, 1, "review", f"could not read {text}",
                          {"answer": text, "read_as": text, "found_in": text}),
              CheckResult("p2.c", text, 1, 2, "partial", text,
                          {"read": {"conv1": text, text: "5"}, "claims": [{"claim": text, "stated": text,
                                                                          "measured": text}],
                           "override": {"points": 1, "reason": text, "grader": {"score": 0, "status": "fail"}},
                           "per_layer": {text: 500}})]
    return SubmissionResult(text, checks, "0.1.0", 0, "cpu", text, {"accuracy": text, "epoch_losses": [0.5, text]},
                            {"total_s": 1.0}, [text, f"{text}.md was ignored"])


@pytest.mark.parametrize("text", HOSTILE)
def test_the_student_report_has_only_the_graders_structure(text: str) -> None:
    assert _structure(render_markdown(_result(text))) == _structure(render_markdown(_result("x")))


def _entries(text: str) -> list[BatchEntry]:
    return [BatchEntry(f"{text}-a", _result(text), code="", answers=""), BatchEntry(f"{text}-b", error=text)]


@pytest.mark.parametrize("text", HOSTILE)
def test_the_class_summary_has_only_the_graders_structure(text_rubric, text: str) -> None:
    hostile, benign = summary_markdown(_entries(text), text_rubric), summary_markdown(_entries("x"), text_rubric)
    assert _structure(hostile) == _structure(benign)
    headings = [line for line in hostile.splitlines() if line.startswith("#")]
    assert not any("Near-identical" in h for h in headings)


def test_student_text_is_never_rich_markup() -> None:
    console = Console(record=True, width=200, color_system=None)
    render_console(_result("[/] [bold red]x[/] \x1b[31mred"), console)  # "[/]" alone crashed rich's markup
    shown = console.export_text()
    assert "[/] [bold red]x[/]" in shown and "\x1b" not in shown


def test_gradebook_cells_cannot_be_formulas(text_rubric) -> None:
    entries = [BatchEntry("=2+3", error="@SUM(A1:A9)\r\n=1"), BatchEntry("-1", error="+1"), BatchEntry("ok")]
    rows = list(csv.reader(gradebook_csv(entries, text_rubric).splitlines()))
    cells = [c for r in rows[2:] for c in r]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert "'=2+3" in cells and "'@SUM(A1:A9)  =1" in cells
    assert csv_cell("alice") == "alice" and csv_cell(" =1") == "' =1"


# --- a batch no hand-in can sink ----------------------------------------------------------------------

def _zip(path: Path, files: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)


@pytest.fixture
def hostile_class(tmp_path: Path) -> Path:
    klass = tmp_path / "class"
    klass.mkdir()
    for name, files in {
        "a-alice": {"report.md": REPORT},
        "A-Alice": {"report.md": WRONG_D},
        unicodedata.normalize("NFD", "josé"): {"answers.toml": TOML},
        unicodedata.normalize("NFC", "josé"): {"answers.toml": TOML},
        "nb-no-type": {"report.ipynb": json.dumps({"nbformat": 4, "cells": [{"source": "x"}, 7, {
            "cell_type": "markdown", "source": REPORT}]})},
        "deep-toml": {"answers.toml": '"p1.d" = ' + "[" * 3000 + "]" * 3000},
        "injected": {"report.md": REPORT.replace("### (c)", "### (c)\n\n" + "\n".join(HOSTILE))},
    }.items():
        (klass / name).mkdir()
        for f, text in files.items():
            (klass / name / f).write_text(text)
    _zip(klass / "a-alice.zip", {"report.md": REPORT})
    _zip(klass / "gradebook.csv.zip", {"answers.toml": TOML})
    _zip(klass / "=2+3.zip", {"answers.toml": TOML})
    _zip(klass / "deep.zip", {"/".join(["d"] * 1200) + "/report.md": REPORT})
    (klass / "broken.zip").write_bytes(b"PK\x03\x04 not a zip")
    return klass


def test_a_hostile_class_is_graded_to_the_end(text_rubric, hostile_class: Path, tmp_path: Path,
                                              monkeypatch) -> None:
    import grader.report.files as files

    real = files.render_markdown

    def flaky(result):  # a report that cannot be rendered costs only its own hand-in
        if result.submission == "injected":
            raise ValueError("cannot render this one")
        return real(result)

    monkeypatch.setattr(files, "render_markdown", flaky)
    out = tmp_path / "reports"
    started = time.perf_counter()
    few = dataclasses.replace(text_rubric, items=[i for i in text_rubric.items if i.id in ("p1.d", "p2.a")])
    entries = grade_batch(hostile_class, few, Options(), out, workers=2)
    assert time.perf_counter() - started < 180  # 12 hand-ins; a few seconds each on a quiet machine
    ids = [e.id for e in entries]
    assert len(ids) == 12 and len({i.casefold() for i in ids}) == 12 and all("." not in i for i in ids)
    assert {"josé", "josé-2", "2_3", "gradebook_csv"} <= set(ids)
    by = {e.id: e for e in entries}
    assert "too deep" in by["deep"].error and "cannot unpack" in by["broken"].error
    assert "report not written: ValueError: cannot render this one" == by["injected"].error
    assert by["injected"].result is not None  # the grade stands, its row says the report is missing
    assert by["deep-toml"].result.check("p1.d").status in ("fail", "review")
    assert any("3000 deep" in n for n in by["deep-toml"].result.notes)
    nb = by["nb-no-type"].result
    assert nb.check("p1.d").status == "pass" and any("2 cell(s)" in n for n in nb.notes)
    assert by["gradebook_csv"].result.check("p1.d").status == "pass"
    assert {e.id for e in entries if e.id.casefold().startswith("a-alice")} == {"A-Alice", "a-alice-2", "a-alice-3"}
    assert by["A-Alice"].result.check("p1.d").status != "pass"  # its own report, not the others'
    assert by["a-alice-2"].result.check("p1.d").status == by["a-alice-3"].result.check("p1.d").status == "pass"
    assert (out / "gradebook.csv").is_file() and (out / "summary.md").is_file()
    rows = list(csv.reader((out / "gradebook.csv").open()))
    assert len(rows) == 2 + 12 and len({r[0] for r in rows}) == 14
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r)
    reports = sorted(p.parent.name for p in out.glob("*/report.json"))
    assert len(reports) == len(set(reports)) == 9  # every graded hand-in but the unrenderable one
    summary = (out / "summary.md").read_text()
    assert [h for h in summary.splitlines() if h.startswith("#")] == [
        "# Class summary: " + md_text(few.name), "## Distribution", "## Items",
        "## Most common mistakes", "## Slowest", "## Near-identical hand-ins (to look at, not a verdict)",
        "## Could not be graded"]
    flagged = summary.split("## Near-identical")[1].split("##")[0]
    assert "a-alice-2 and a-alice-3: answers" in flagged and "code" not in flagged  # no code: no flag


def test_ids_are_unique_whatever_the_names(tmp_path: Path) -> None:
    for name in ("Bob", "bob", "bob.zip", "gradebook.csv.zip", "summary.md", "...", "☃"):
        (tmp_path / name).mkdir() if "." not in name.strip(".") or name == "..." else (tmp_path / name).touch()
    ids = handin_ids(sorted(tmp_path.iterdir()))
    assert len({i.casefold() for i in ids}) == len(ids)
    assert all(i and "." not in i and "/" not in i for i in ids)
    assert "gradebook_csv" in ids and "summary" in ids


# --- answer sources chosen openly ---------------------------------------------------------------------

def test_a_template_answers_toml_does_not_hide_the_report(text_rubric, tmp_path: Path) -> None:
    (tmp_path / "answers.toml").write_text('"p1.d" = ""\n"p1.e.w1" = ""\n[p2.a]\ninput = ""\n')
    (tmp_path / "report.md").write_text(REPORT)
    result = grade_submission(tmp_path, text_rubric, Options())
    assert result.check("p1.d").status == "pass" and result.check("p1.e.w1").status == "pass"
    assert any("answers.toml was ignored" in n for n in result.notes)
    assert any("answers were read from report.md" in n for n in result.notes)


def test_a_stub_report_does_not_hide_the_notebook(text_rubric, tmp_path: Path) -> None:
    (tmp_path / "report.md").write_text("## Problem 1\n\n### (d)\n\n$$\\frac{\\partial f_w}{\\partial w_3} = "
                                        "\\sigma_2(x_2)$$\n\nThe rest is in the notebook.\n")
    (tmp_path / "report.ipynb").write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": REPORT.splitlines(keepends=True)}]}))
    sub = load_submission(tmp_path, text_rubric)
    result = grade_submission(tmp_path, text_rubric, Options())
    assert sub.source == "report.md" and sub.answer("p1.e.w1") is not None
    assert all(result.check(i).status == "pass" for i in ("p1.d", "p1.e.w1", "p1.e.w2", "p1.b.i"))
    assert any(n.startswith("report.ipynb also holds answers: p1.a, p1.b.i") for n in result.notes)


def test_two_sources_that_disagree_go_to_review(text_rubric, tmp_path: Path) -> None:
    (tmp_path / "answers.toml").write_text(TOML.replace('"p1.d" = "σ2(x2)"', '"p1.d" = "σ1(x1)"'))
    (tmp_path / "report.md").write_text(REPORT)
    result = grade_submission(tmp_path, text_rubric, Options())
    d = result.check("p1.d")
    assert d.status == "review" and d.score == 0 and "answers.toml" in d.feedback and "report.md" in d.feedback
    assert result.check("p1.e.w1").status == "pass"  # both sources agree there


def test_hand_ins_without_code_or_answers_are_never_alike() -> None:
    assert normalised_code("") == normalised_code("# nothing\n") == ""
    assert similar_pairs({"a": "", "b": "", "c": normalised_code("")}, "code") == []


# --- notebooks: parsed first, outputs dropped, then size-limited --------------------------------------

def test_an_honest_notebook_with_a_large_plot_is_read_in_full(text_rubric, tmp_path: Path) -> None:
    plot = base64.b64encode(bytes(range(256)) * 4700).decode()  # about 1.6 MB once encoded
    cells = [{"cell_type": "markdown", "metadata": {}, "source": REPORT},
             {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": "plt.plot(losses)",
              "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"image/png": plot}}]}]
    nb = tmp_path / "report.ipynb"
    nb.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}))
    assert nb.stat().st_size > 1_600_000
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "report.md").write_text(REPORT)
    from_notebook = grade_submission(nb, text_rubric, Options())
    from_report = grade_submission(tmp_path / "plain", text_rubric, Options())
    written = [c.id for c in from_report.checks if c.status == "pass"]
    assert len(written) >= 8 and all(from_notebook.check(i).status == "pass" for i in written)
    assert not any("larger than" in n for n in from_notebook.notes)


# --- linear text work and a per-hand-in budget --------------------------------------------------------

def test_similarity_of_large_answer_files_is_fast() -> None:
    words = [f"w{i % 977}x{i % 13}" for i in range(12_000)]
    a = " ".join(words)  # about 80 KB
    b = " ".join(words[:6000] + ["changed"] + words[6001:])
    started = time.perf_counter()
    pairs = similar_pairs({"a": a, "b": b, "c": " ".join(reversed(words))}, "answers")
    assert time.perf_counter() - started < 5
    assert [(p.a, p.b) for p in pairs] == [("a", "b")]


def test_deep_toml_is_refused_before_parsing() -> None:
    assert toml_depth('a = [[1, "[[[["], {b = 2}]  # [[[[[\n') == 2
    assert toml_depth("a = " + "[" * 3000) == 3000
    assert toml_depth('a = """ [[[ \\""" ]]] """') == 0


def test_tables_nested_by_dotted_keys_are_refused(rubric, tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('"p1.d" = "x"\n' + ".".join(["a"] * 3000) + " = 1\n")
    sub = load_submission(tmp_path, rubric)
    assert sub.answers == {} and "more than 32 deep" in sub.notes[0]
    path.write_text('[p2.a]\ninput = "28 x 28"\n')
    assert load_submission(tmp_path, rubric).answers == {"p2": {"a": {"input": "28 x 28"}}}


def test_a_worker_past_its_budget_is_stopped_with_the_reason() -> None:
    def forever():
        yield "first"
        while True:
            pass

    started = time.perf_counter()
    run = run_bounded(forever, TextBudget(seconds=1.0))
    assert run.values == ["first"] and "time budget" in run.stopped and time.perf_counter() - started < 5

    def hog():
        yield len(bytearray(3 * 1024**3))

    run = run_bounded(hog, TextBudget(seconds=20, memory_bytes=256 * 1024**2))
    assert run.values == [] and "memory" in run.stopped


def test_reading_past_the_budget_sends_written_items_to_review(text_rubric, tmp_path: Path, monkeypatch) -> None:
    import grader.reading.answers as answers

    def stuck(doc, rubric):
        while True:
            pass

    monkeypatch.setattr(answers, "answers_from_document", stuck)
    shutil.copytree(ROOT / "submissions" / "example-report", tmp_path / "h")
    budget = TextBudget(seconds=1.0)
    started = time.perf_counter()
    sub = read_bounded(tmp_path / "h", text_rubric, budget)
    assert "time budget" in sub.over_budget and sub.code is not None  # the code is still read, so it is checked
    (tmp_path / "h" / "DeepMNIST.py").unlink()  # report-only from here: no child
    result = grade_submission(tmp_path / "h", text_rubric, Options(text_budget=budget))
    assert time.perf_counter() - started < 10
    written = [c for c in result.checks if text_rubric.item(c.id).text is not None]
    assert len(written) >= 10 and all(c.status == "review" and c.score == 0 for c in written)
    assert "time budget" in written[0].feedback and "a person should check" in written[0].feedback


def test_the_command_shows_markup_in_a_hand_in_as_text(tmp_path: Path) -> None:
    from grader.cli import main

    folder = tmp_path / "[bold red]eve"
    folder.mkdir()
    (folder / "[red]notes.md").write_text(REPORT.replace("### (c)", "### (c)\n\n[/] [red]fake[/] \x1b[2J"))
    (folder / "report.md").write_text(REPORT)  # with the file above: a note names "[red]notes.md"
    console = Console(record=True, width=160, color_system=None)
    assert main([str(folder), "--out", str(tmp_path / "out"), "-q", "--no-weights-cache"], console=console) == 0
    shown = console.export_text()
    assert "[bold red]eve: " in shown and "\x1b" not in shown
    assert (tmp_path / "out" / "[bold red]eve" / "report.md").is_file()


def test_mathml_nested_beyond_reason_is_read_in_bounded_work() -> None:
    """A hand-in's <math> nested 5,000 deep (no equation editor writes that): the tree stops deepening at a bound,
    so reading it never exhausts the stack; a formula at sane depth is still read."""
    from grader.reading.formats_html import html_markdown

    deep = "<p>(d) <math>" + "<mrow>" * 5000 + "<mi>x</mi>" + "</mrow>" * 5000 + "</math></p><p>(e) after</p>"
    assert "(e) after" in html_markdown(deep)
    sane = "<p><math><mfrac><mi>a</mi><mi>b</mi></mfrac></math></p>"
    assert "\\frac{a}{b}" in html_markdown(sane)


@pytest.mark.parametrize("name, tail", [
    ("a bracket of question marks after the answer", lambda n: " (" + "?" * n),
    ("an aside of words and an arrow after the answer", lambda n: " (" + " a" * (n // 2) + " → σ"),
    ("a label with a pile of remarks in a table", lambda n: ""),
])
def test_second_answer_checks_stay_linear_on_a_hostile_line(rubric, name: str, tail) -> None:
    """The checks for a second answer beside the final one ('A [B?]', '(… → B)', a table row's label with a remark)
    read a hostile line in about the time of its length: a line of 40,000 characters costs seconds at most, never
    the minutes a back-and-forth search would take, and the item goes to a person."""
    from tests.helpers import grade_report_item

    n = 40_000
    if name.startswith("a label"):
        report = "## 1\n\n(d)\n\n| derivative | result |\n|---|---|\n| ∂f/∂w3" + " (ab)" * (n // 5) + " | σ2(x2) |\n"
    else:
        report = "## 1\n\n(d) ∂f/∂w3 = σ2(x2)" + tail(n) + "\n"
    start = time.perf_counter()
    result = grade_report_item(rubric, "p1.d", report)
    assert time.perf_counter() - start < 10.0, name
    assert result.status != "pass" or name.startswith("a label"), result.feedback


@pytest.mark.parametrize("name, block", [
    ("a loop header of 40,000 signs", "grad = 0\nfor " + "= " * 20_000 + ":\n    grad += 1\n"),
    ("a loop body of 40,000 blanks", "grad = 0\nfor (x, y) in D:\n    grad += " + " " * 40_000 + "x\n"),
    ("a bracket opened on every line", "g = f(\n" * 5_000),
    ("array elements by the thousand", "g = " + "w[0] + X[1] + " * 4_000 + "1\n"),
    ("loops by the thousand", "g = 0\nfor i in 1:2\n    g = g + x(i)\nend\n" * 2_000),
], ids=["header", "blanks", "brackets", "elements", "loops"])
def test_reading_a_program_as_formulas_stays_linear(rubric, name: str, block: str) -> None:
    """Loops read as sums, statements joined over brackets and array elements read as names cost about the time of
    the block's length on a hostile block: seconds at most (a line of 40,000 blanks took 25 s in the comment patterns
    before each run of blanks was tried once, at its start)."""
    from tests.helpers import grade_report_item

    report = f"## 1\n\n(f)\n\n```python\n{block}```\n"
    start = time.perf_counter()
    grade_report_item(rubric, "p1.f.grad", report)
    assert time.perf_counter() - start < 10.0, name


def test_a_notebook_of_thousands_of_loop_cells_reads_in_bounded_time() -> None:
    """Each cell with a loop looks at the code after it (a sum a later cell changes): the cells are read once, and
    what is looked at after a cell is bounded, so thousands of loop cells cost seconds, not minutes."""
    from grader.reading.notebook import read_notebook

    loop = "grad = 0\nfor (x, y) in D:\n    grad += 2*(f(x) - y)*grad_f(x)\n"
    cells = [{"cell_type": "code", "source": loop.splitlines(keepends=True), "outputs": []}] * 3_000
    start = time.perf_counter()
    text, code = read_notebook(json.dumps({"cells": cells, "nbformat": 4}), "nb.ipynb", [])
    assert time.perf_counter() - start < 10.0
    assert len(code) == 3_000 and "sum(" in text.split("\n\n")[-1]


def test_this_stops_page_readers_on_hostile_text_finish_and_keep_the_text() -> None:
    """A LyX file whose insets never close, a two-column page at the line cap, a Σ with limits on every line and a
    bracket column thousands of rows long: each reader returns in bounded time and never raises."""
    from grader.reading.document import read_document
    from grader.reading.formats_lyx import lyx_latex
    from grader.reading.stacked import bracket_columns, stacked_sums, two_columns

    unclosed = "#LyX 2.3\n\\begin_body\n" + "\\begin_inset Note\n" * 5000 + "(d) $\\sigma_2(x_2)$\n"
    assert "sigma" not in lyx_latex(unclosed)  # all inside a note that never ends: left out, nothing raised
    page = ("word " * 8 + " " * 20 + "more words here\n") * 3000
    started = time.monotonic()
    assert two_columns(page).count("\n") == page.count("\n")
    assert stacked_sums("      2\n      X\nab =     c\n      i=1\n" * 5000).count("Σ") == 5000
    assert bracket_columns("a = [ 1 ]\n" + "    [ 2 ]\n" * 20000).startswith("a = [1; 2; 2")
    read_document(unclosed, "lyx")
    assert time.monotonic() - started < 60


def test_this_stops_table_and_pdf_readers_on_hostile_text_stay_linear(rubric) -> None:
    """A table of symbols 10,000 rows long (each row once asked whether its table names symbols, once read
    per table), dash bars on every line, a derivative split over every pair of lines and sums with their limits on
    lines of their own: each reader returns in bounded time, and the table still reads as one of symbols."""
    from grader.reading.document import read_document
    from grader.reading.labels import symbol_column
    from grader.reading.notation import read_notation
    from grader.reading.stacked import dash_fractions, reading_order_sums

    table = "## 1\n\n| s | d |\n|---|---|\n| p | a |\n| q | b |\n" + "".join(
        f"| {'abcd'[i % 4]} | w{i} x |\n" for i in range(10_000))
    started = time.monotonic()
    doc = read_document(table)
    read_notation(doc, rubric.reference)
    assert symbol_column(table, table.index("| p |")) and "1.a" not in doc.segments
    fraction = "s =    exp(-u)\n      ---------\n      (1+exp(-u))\n"
    assert dash_fractions(fraction * 5_000).count("s = (exp(-u))/((1+exp(-u)))") == 5_000
    assert reading_order_sums("dσ1\ndu = s(1-s)\n" * 5_000).count("dσ1/du") == 5_000
    assert reading_order_sums("L =\n2\n∑\ni=1\n(f − y)2\n" * 3_000).count("Σ i=1..2") == 3_000
    assert time.monotonic() - started < 60


def test_a_pdf_viewers_fragment_lines_and_ocr_dashes_stay_linear(rubric) -> None:
    """A part of 20,000 characters in one-token lines (a PDF viewer's copy) whose answer's end is looked for line by
    line, an OCR's em dashes on every line, and MATLAB continuations: each returns in bounded time, and the answer
    that goes on over fragment lines is never failed on its first piece."""
    from tests.helpers import grade_report_item

    fragments = "(b)\n(i) dσ1/du = −(1 + e\n" + "−u\n)\n−2\n" * 3_000 + "(c) words\n"
    dashes = "(y1 — fw(x1)) (y2 — fw(x2))\n" + "L = (y1 — fw(x1))2 — a — b\n" * 2_000
    started = time.monotonic()
    assert grade_report_item(rubric, "p1.b.i", fragments, "r.txt").status == "review"
    grade_report_item(rubric, "p1.f.grad", "1.\n(f)\n" + dashes, "r.txt")
    grade_report_item(rubric, "p1.e.w1", "% (e)\n" + "df_dw1 = w3 .* s ...\n    .* x;\n" * 1_000, "r.txt")
    assert time.monotonic() - started < 60


def test_words_for_numbers_operators_derivatives_and_point_indices_stay_linear(rubric) -> None:
    """Hand-ins built against batch 50's readings: thousands of number words, "plus" between operands, "the
    derivative … is" phrases, quoted lines under a citing word, and a name defined at a data point with an
    index in its right side thousands of times (the definition's pattern once backtracked over every index:
    12 s for 100,000 characters, growing with the square). Each returns in bounded time."""
    from tests.helpers import grade_report_item

    numbers = "(b) " + "five by " * 5_000 + "five, the stride is " + "twenty " * 3_000 + "\n(c) words\n"
    operators = "(d) the derivative of f with respect to w3 is " + "sigma(x) plus " * 3_000 + "x\n(e) words\n"
    quotes = "(b)\n" + "The lecture said:\n>\n> σ′(u) = σ(u)(1 − σ(u))\n\n" * 1_000 + "(c) words\n"
    at_point = "h = w_1 x\n\n(f) $h^{i} = " + "^{i}x" * 60_000 + "=$\n"  # the old pattern: about 110 s here
    started = time.monotonic()
    grade_report_item(rubric, "p2.b", numbers, "r.txt")
    grade_report_item(rubric, "p1.d", operators, "r.txt")
    assert grade_report_item(rubric, "p1.b.ii", quotes).status != "pass"  # quoted under "the lecture said"
    grade_report_item(rubric, "p1.f.grad", at_point)
    assert time.monotonic() - started < 60


def test_answers_said_in_sentences_legends_scans_and_bracketed_subscripts_stay_linear(rubric) -> None:
    """Hand-ins built against batch 52's readings: a line of "the answer is" thousands of times, a long prose gap
    before a line that starts with a sign, a legend of thousands of "Qn = 1(b)" pairs, a scan's swaps, pandoc's
    "_(" subscripts never closed, and key lines with dotted keys. Each returns in bounded time."""
    from grader.reading.own_numbering import own_numbering
    from grader.reading.plain_math import worded_answer
    from tests.helpers import grade_report_item

    said = "(d) " + "the answer is σ( " * 100 + "\n(e) words\n"
    gap = "(b)\n(i) sigma = (1+exp(-u))^-1\n" + "so the derivative we want goes on " * 5_000 + "is\n -1 * x\n(ii) w\n"
    legend = "Q1 = 1(b), " * 5_000 + "\n**Q1.** x\n"
    scan = "Prob1em 1 fi1ter ru1e " * 2_000 + "2O l2 " * 5_000 + "o1 = o = 1/(1+e^-u)\n" + "o1(x1) " * 5_000
    subscripts = "f_(w " * 20_000 + "\n" + "x_(i) y_(i) z_(i)\n"
    keys = "".join(f"1e.dw{k % 9}: w3 * s\n" for k in range(5_000))
    rtf = "{\\rtf1 " + "{" * 20_000 + "\\u963?" * 20_000 + "{\\super -u}" * 5_000 + "}" * 20_000
    started = time.monotonic()
    assert worded_answer("the answer is " * 1_000) is None
    assert own_numbering(legend) == legend  # one label named many times: no legend
    grade_report_item(rubric, "p1.d", said, "r.txt")
    grade_report_item(rubric, "p1.b.i", gap, "r.txt")
    grade_report_item(rubric, "p2.a", scan, "r.txt")
    grade_report_item(rubric, "p1.f.grad", subscripts, "r.txt")
    grade_report_item(rubric, "p1.e.w2", keys, "r.txt")
    grade_report_item(rubric, "p1.b.i", rtf, "r.rtf")
    assert time.monotonic() - started < 60


def test_ink_arrows_sheets_and_continued_workings_stay_linear(rubric) -> None:
    """Hand-ins built against batch 54's readings: ink text of thousands of lone l's and "8x/8y" partials, a line of
    arrows after a derivative, thousands of "=" lines going on, CSV sheets with huge cells and thousands of rows, RTF
    with thousands of nested deletions, pandoc dash tables with thousands of columns' worth of dashes, and a
    double-indexed shorthand repeated. Each returns in bounded time."""
    from grader.reading.formats_csv import csv_markdown
    from grader.reading.formats_rtf import rtf_markdown
    from grader.reading.plain_math import equation_in_line
    from tests.helpers import grade_report_item

    ink = "Problem l\n" + "l (l + e-u) 8f/8W2 G2( wl x) 62(x2) " * 3_000 + "\no(u) = l/(l+e-u)\n"
    arrows = "∂f/∂w1  →  " + "w3 · x . " * 2_000
    equals = "total = 520 + 25050\n" + "      = 1 + 2 + 3\n" * 5_000
    sheet = "id,part,answer,working\n" + "".join(f'{k},P2 (c) conv1,"{"5x5x1 (" * 40}",=SUM(A1)\n' for k in range(3_000))
    quiz = '"Question 1","Response 1"\n"' + "q" * 50_000 + '","' + "(d) df/dw3 = s(x2) " * 3_000 + '"\n'
    rtf = "{\\rtf1 " + "{\\deleted " * 5_000 + "x" + "}" * 5_000 + "{\\strike y}" * 5_000 + "}"
    dashes = "Layer   Params\n" + "-- " * 10_000 + "\n" + "conv1 520 " * 5_000 + "\n\n"
    shorthand = "$s_k^i = \\sigma(x_k^i)$ " * 2_000
    started = time.monotonic()
    equation_in_line(arrows)
    csv_markdown(sheet)
    csv_markdown(quiz)
    rtf_markdown(rtf)
    grade_report_item(rubric, "p1.e.w2", ink, "r.txt")
    grade_report_item(rubric, "p2.c", equals, "r.txt")
    grade_report_item(rubric, "p2.c", sheet, "s.csv")
    grade_report_item(rubric, "p2.c", dashes)
    grade_report_item(rubric, "p1.f.grad", shorthand)
    assert time.monotonic() - started < 60
