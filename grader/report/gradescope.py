"""Gradescope's autograder format (``results.json``), another view of the same result."""
from __future__ import annotations

from typing import Any

from grader.results import SubmissionResult

VISIBLE = "visible"


def gradescope_results(result: SubmissionResult) -> dict[str, Any]:
    """``score``, ``execution_time``, ``output`` and one test per rubric item."""
    tests = []
    for number, c in enumerate(result.checks, 1):
        tests.append({
            "name": f"{c.id}: {c.title}",
            "number": str(number),
            "score": c.score,
            "max_score": c.max_score,
            "status": "passed" if c.status == "pass" else "failed",
            "output": f"[{c.status}] {c.feedback}",
            "visibility": VISIBLE,
        })
    notes = "\n".join([f"{a.title}: {a.points:+g} ({a.reason})" for a in result.adjustments]
                      + [f"note: {n}" for n in result.notes])
    return {
        "score": result.score,
        "execution_time": round(result.timings.get("total_s", 0.0), 3),
        "output": f"{result.score:g} / {result.max_score:g} (grader {result.grader_version}, seed {result.seed})"
                  + (f"\n{notes}" if notes else ""),
        "tests": tests,
        "output_format": "text",  # student text is shown as text, never as HTML or Markdown
        "test_output_format": "text",
        "stdout_visibility": "hidden",
    }
