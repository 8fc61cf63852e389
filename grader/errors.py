"""The grader's own exception types: the only exceptions that cross module borders.

Each has a readable ``str`` so the CLI can print one red line per error without a
traceback, and carries its exit code (``exit_code``), which ``grade`` returns: 2 when
the command or its inputs are wrong (fix them and run again), 1 when grading itself
could not proceed.
"""
from __future__ import annotations

from typing import ClassVar


class GraderError(Exception):
    """Base of every error the grader raises on purpose."""

    exit_code: ClassVar[int] = 1
    tip: str | None = None


class UsageError(GraderError):
    """The command line asks for something impossible."""

    exit_code = 2


class RubricError(GraderError):
    """The rubric is malformed; raised before any hand-in is touched."""

    exit_code = 2

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class PluginError(GraderError):
    """A check plugin does not satisfy the check interface."""

    exit_code = 2


class SubmissionError(GraderError):
    """A hand-in folder cannot be graded at all (not a folder, nothing to read)."""

    exit_code = 2


class DataError(GraderError):
    """The dataset cannot be found or loaded."""

    exit_code = 1
    tip = "pass --data-root DIR or set GRADER_DATA_ROOT to a folder holding the dataset (<Name>/raw/)"
