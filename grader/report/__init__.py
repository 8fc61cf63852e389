"""Renderers of one SubmissionResult: console (rich), JSON and Markdown. None computes a score."""
from __future__ import annotations

from grader.report.files import write_reports

__all__ = ["write_reports"]
