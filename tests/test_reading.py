"""Reading real reports: the sample hand-in, Markdown and notebooks alike, garbage, overrides."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from grader.checks.base import CheckContext, Measured
from grader.overrides import apply_overrides
from grader.pipeline import Options, grade_submission, run_check
from grader.reading.document import read_document
from grader.submission import load_submission
from tests.conftest import ROOT
from tests.helpers import SAMPLE, WRITTEN, without_training



def grade_answers(rubric, path):
    """The written items of a hand-in, without running its code."""
    sub = load_submission(path, rubric)
    ctx = CheckContext(sub, rubric.reference, rubric.code, Measured(), 0)
    return sub, {i.id: run_check(rubric, i, ctx) for i in rubric.items if not i.id.startswith("code")}


def test_the_real_sample_is_graded_as_a_ta_would(rubric) -> None:
    sub, results = grade_answers(rubric, SAMPLE)
    for item in WRITTEN:
        if item == "p1.d":  # σ2(w2 σ1(wx)): right only if w means w1, so a person decides
            assert results[item].status == "review" and "'w' (as in wx) means w1" in results[item].feedback
        else:
            assert results[item].status == "pass", (item, results[item].feedback)
    assert "class Net(nn.Module)" in sub.code and "a code block" in sub.code_origin
    assert sub.answers["claims.accuracy"] == "99.25"
    assert results["p1.c"].status == "manual" and "forward pass" in results["p1.c"].details["answer"]


def test_the_report_echoes_what_it_read(rubric) -> None:
    _, results = grade_answers(rubric, SAMPLE)
    e1 = results["p1.e.w1"].details
    assert "w_3 \\sigma_2(x_2) (1 - \\sigma_2(x_2))" in e1["answer"] and e1["found_in"] == "part 1.e"
    assert "sigma(x2)" in e1["read_as"]


def notebook_from(report: Path, code: Path) -> str:
    """The same answers as a notebook: one markdown cell per paragraph, the code in a code cell."""
    nb = nbformat.v4.new_notebook()
    for para in report.read_text().split("\n\n"):
        nb.cells.append(nbformat.v4.new_markdown_cell(para))
    nb.cells.append(nbformat.v4.new_code_cell(code.read_text()))
    return nbformat.writes(nb)


def test_notebook_and_markdown_get_the_same_grade(rubric, tmp_path: Path) -> None:
    no_training = without_training(rubric)
    md_dir = ROOT / "submissions" / "example-report"
    nb_dir = tmp_path / "example-notebook"
    nb_dir.mkdir()
    (nb_dir / "report.ipynb").write_text(notebook_from(md_dir / "report.md", md_dir / "DeepMNIST.py"))
    md = grade_submission(md_dir, no_training, Options())
    nb = grade_submission(nb_dir, no_training, Options())
    assert [(c.id, c.score, c.status) for c in md.checks] == [(c.id, c.score, c.status) for c in nb.checks]
    for c in md.checks:  # claims: the accuracy claim has nothing to compare with when nothing trains
        assert c.status in ("manual", "pass") or c.id == "code.claims", (c.id, c.feedback)
    assert any("a notebook code cell" in n for n in nb.notes)


@pytest.mark.parametrize("name, content, note, d_status", [
    ("report.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "not valid UTF-8", "review"),
    ("report.md", "# 1\n(d) $$\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$$ caf\xe9".encode("latin-1"),
     "not valid UTF-8", "pass"),
    ("report.md", b"# 1\n(d)\n$$" + b"x + " * 1_500_000 + b"$$", "larger than 1,000,000 bytes", "review"),
    ("report.ipynb", b'{"cells": [{"cell_type": "markdown", "source": ', "not a readable notebook", "review"),
])
def test_garbage_gives_notes_and_never_stops_grading(rubric, tmp_path: Path, name: str, content: bytes,
                                                     note: str, d_status: str) -> None:
    folder = tmp_path / "garbage"
    folder.mkdir()
    (folder / name).write_bytes(content)
    sub, results = grade_answers(rubric, folder)
    assert any(note in n for n in sub.notes), sub.notes
    assert results["p1.d"].status == d_status, results["p1.d"].feedback
    assert all(r.status != "error" for r in results.values())


def test_unbalanced_braces_cost_only_their_item(rubric, tmp_path: Path) -> None:
    folder = tmp_path / "braces"
    folder.mkdir()
    (folder / "report.md").write_text("# 1\n(d)\n$$\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2$$\n"
                                      "(e)\n$$\\frac{\\partial f_w}{\\partial w_2} = w_3\\sigma'(x_2)\\sigma_1(x_1)$$\n")
    _, results = grade_answers(rubric, folder)
    assert results["p1.d"].status == "review" and "could not read" in results["p1.d"].feedback
    assert results["p1.e.w2"].status == "pass"


def test_part_labels_in_many_styles() -> None:
    doc = read_document("## 1 [Backprop]\n**(a)** a\n### (b)\n(i) one (ii) two\n1. (c) c\n$$(d) x$$\n"
                        "## 2 [MNIST]\n(a) 28x28\n")
    assert {"1.a", "1.b", "1.b.i", "1.b.ii", "1.c", "1.d", "2.a"} <= set(doc.segments)
    assert doc.segment_text("1.b.ii").strip() == "two"
    assert doc.segment_text("2.a").strip() == "28x28"


def test_overrides_merge_points_from_a_person(rubric, tmp_path: Path) -> None:
    _, results = grade_answers(rubric, SAMPLE)
    from grader.results import SubmissionResult

    result = SubmissionResult("s", list(results.values()), "0", 0, "cpu", "r")
    path = tmp_path / "overrides.toml"
    path.write_text('["p1.a"]\npoints = 2\nreason = "graph complete"\n["p1.d"]\npoints = 1\nreason = "w is w1"\n'
                    '["p9.z"]\npoints = 1\n["p1.c"]\npoints = 7\n')
    before = result.score
    apply_overrides(result, path)
    assert result.score == before + 3
    assert result.check("p1.a").status == "pass" and "set by a person: graph complete" in result.check("p1.a").feedback
    assert result.check("p1.d").details["override"]["grader"]["status"] == "review"
    assert any("no rubric item 'p9.z'" in n for n in result.notes)
    assert any("p1.c needs points between 0 and 2" in n for n in result.notes)
    assert json.dumps(result.to_dict())
