"""The course's LMS settings: ``[late]`` and ``[gradescope]`` tables, in the rubric or a course file.

The rubric may carry them (the grading core ignores tables it does not know); a course file given
with ``--course`` replaces the rubric's table of the same name, so one rubric serves several courses.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.compat import tomllib
from grader.errors import UsageError
from grader.lms.gradescope import GradescopeSettings
from grader.lms.late import LatePolicy, parse_policy

TABLES = ("late", "gradescope")


@dataclass(frozen=True)
class Course:
    late: LatePolicy | None
    gradescope: GradescopeSettings


def load_course(rubric_path: Path, course_file: Path | None = None) -> Course:
    """The rubric's tables, each replaced by the course file's where it has one."""
    tables: dict[str, tuple[dict[str, Any], Path]] = {}
    for path in (rubric_path, course_file):
        if path is None:
            continue
        data = _read(path)
        if path == course_file:
            unknown = sorted(set(data) - set(TABLES))
            if unknown:
                raise UsageError(f"{path}: unknown table [{unknown[0]}] (known: {', '.join(TABLES)})")
        tables.update({name: (data[name], path) for name in TABLES if isinstance(data.get(name), dict)})
    late = parse_policy(*tables["late"]) if "late" in tables else None
    gs = GradescopeSettings.parse(*tables["gradescope"]) if "gradescope" in tables else GradescopeSettings()
    return Course(late, gs)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"course file {path}: {exc}") from None
