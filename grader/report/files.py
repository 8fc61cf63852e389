"""Write ``report.json``, ``report.md`` and ``report.html`` for one hand-in, atomically."""
from __future__ import annotations

import json
from pathlib import Path

from grader.fileio import atomic_write
from grader.report.gradescope import gradescope_results
from grader.report.html import render_html
from grader.report.markdown import render_markdown
from grader.results import SubmissionResult


def read_report(path: Path) -> SubmissionResult | None:
    """A ``report.json`` written earlier, or None when it is missing or not one of ours."""
    try:
        return SubmissionResult.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_reports(result: SubmissionResult, out_dir: Path, gradescope: bool = False) -> Path:
    """``out_dir/<id>/report.json`` and ``report.md`` (and Gradescope's ``results.json``); returns the folder.

    Every file is rendered before any is written: a result that cannot be rendered leaves no half report.
    """
    folder = out_dir / result.submission
    files = {"report.json": json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n",
             "report.md": render_markdown(result), "report.html": render_html(result)}
    if gradescope:
        files["results.json"] = json.dumps(gradescope_results(result), indent=2, ensure_ascii=False)
    for name, text in files.items():
        atomic_write(folder / name, text)
    return folder
