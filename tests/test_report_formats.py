"""Other views of one result (Gradescope), and the similarity flags of a class summary."""
from __future__ import annotations

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
