"""Other views of one result (Gradescope), and the similarity flags of a class summary."""
from __future__ import annotations

from pathlib import Path

from grader.report.gradescope import gradescope_results
from grader.results import CheckResult, SubmissionResult
from grader.similarity import normalised_code, similar_pairs
from tests.conftest import ROOT


def test_gradescope_results_mirror_the_result() -> None:
    result = SubmissionResult("s1", [CheckResult("p1.d", "(d)", 1, 1, "pass", "correct"),
                                     CheckResult("p1.a", "(a)", 0, 2, "manual", "graded by a person")],
                              "0.1.0", 3, "cpu", "r", timings={"total_s": 12.5}, notes=["n"])
    gs = gradescope_results(result)
    assert gs["score"] == 1 and gs["execution_time"] == 12.5 and gs["stdout_visibility"] == "hidden"
    assert gs["output_format"] == gs["test_output_format"] == "text"
    assert [t["status"] for t in gs["tests"]] == ["passed", "failed"]
    assert gs["tests"][1] == {"name": "p1.a: (a)", "number": "2", "score": 0.0, "max_score": 2, "status": "failed",
                              "output": "[manual] graded by a person", "visibility": "visible"}
    assert "note: n" in gs["output"]


def test_renamed_copies_are_flagged_and_different_code_is_not() -> None:
    original = (ROOT / "submissions" / "example-correct" / "DeepMNIST.py").read_text()
    renamed = original.replace("conv1", "c1").replace("fc2", "out").replace("# layers with parameters", "")
    other = (ROOT / "submissions" / "example-report" / "DeepMNIST.py").read_text()
    assert normalised_code(original) == normalised_code(renamed)
    pairs = similar_pairs({"a": normalised_code(original), "b": normalised_code(renamed),
                           "c": normalised_code(other)}, "code")
    assert [(p.a, p.b, p.similarity) for p in pairs] == [("a", "b", 1.0)]


def test_the_report_layer_renders_result_objects_without_the_batch() -> None:
    """Renderers take results only: no report module names the batch, and importing them all loads none."""
    import ast
    import subprocess
    import sys

    import grader.report

    folder = Path(grader.report.__file__).parent
    for module in folder.glob("*.py"):
        imported = {n.module for n in ast.walk(ast.parse(module.read_text())) if isinstance(n, ast.ImportFrom)}
        assert not imported & {"grader.batch", "grader.pipeline"}, module.name
    names = sorted(f"grader.report.{m.stem}" for m in folder.glob("*.py") if m.stem != "__init__")
    probe = f"import sys, {', '.join(names)}; print(sorted(m for m in sys.modules if m.startswith('grader.')))"
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "grader.report.gradebook" in loaded.stdout and "grader.batch" not in loaded.stdout


def test_a_class_row_is_rendered_from_results_alone(rubric) -> None:
    from grader.report.gradebook import gradebook_csv, summary_markdown
    from grader.results import HandinResult

    result = SubmissionResult("ann", [CheckResult("p1.d", "(d)", 1, 1, "pass", "correct")], "0.1.0", 0, "cpu", "r",
                              resume_key="k" * 32)
    assert SubmissionResult.from_dict(result.to_dict()).resume_key == "k" * 32  # kept by the result, typed
    rows = [HandinResult("ann", result), HandinResult("ben", error="cannot unpack: bad zip")]
    csv_text = gradebook_csv(rows, rubric)
    assert "\nann,1," in csv_text and "\nben,,," in csv_text and "cannot unpack: bad zip" in csv_text
    assert "2 hand-ins, 1 graded, 1 could not be graded" in summary_markdown(rows, rubric)
