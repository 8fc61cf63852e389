"""The grader's own exception types: the only exceptions that cross module borders.

Each has a readable ``str`` so the CLI can print one red line per error without a
traceback; the CLI maps each type to its exit code in one place.
"""
from __future__ import annotations


class GraderError(Exception):
    """Base of every error the grader raises on purpose."""

    tip: str | None = None


class UsageError(GraderError):
    """The command line asks for something impossible (exit code 2)."""


class RubricError(GraderError):
    """The rubric is malformed; raised before any hand-in is touched (exit code 2)."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class PluginError(GraderError):
    """A check plugin does not satisfy the check interface."""


class SubmissionError(GraderError):
    """A hand-in folder cannot be graded at all (not a folder, nothing to read)."""


class DataError(GraderError):
    """The dataset cannot be found or loaded."""

    tip = "pass --data-root DIR or set GRADER_DATA_ROOT to a folder holding the dataset (<Name>/raw/)"
