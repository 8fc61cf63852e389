"""Canvas: the "Download Submissions" zip in, the instructor's own gradebook export filled back out.

Canvas names each file ``<name>[_LATE]_<user id>_<submission id>_<original name>`` (text and URL
entries: ``<name>[_LATE]_<user id>_text.html``); a student's files are one hand-in, keyed by the
user id. Re-uploaded files get ``-1``, ``-2`` … before the extension; the highest number is the
latest. Canvas's importer matches rows by ``ID``, ignores the student-info columns (``Student``
to ``Section``) and read-only columns, and turns any other unknown column into a new assignment:
the export therefore fills one existing assignment column and marks every column it adds read-only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from grader.errors import UsageError
from grader.lms.csvsafe import number, read_csv, write_csv
from grader.lms.handins import HandIn, Intake, Student

FILE_NAME = re.compile(r"^(?P<name>[^_\s]+)(?P<late>(?i:_LATE))?_(?P<uid>\d+)(?:_(?P<aid>\d+))?_(?P<orig>.+)$")
RESUBMITTED = re.compile(r"^(?P<stem>.+)-(?P<n>\d+)(?P<ext>\.[^.]*)?$")
ASSIGNMENT = re.compile(r"^(?P<name>.*\S)\s+\((?P<id>\d+)\)$")
POINTS_POSSIBLE = "Points Possible"
READ_ONLY = "(read only)"
TEST_STUDENT = "Student, Test"  # Canvas's student view adds this row to every gradebook
INFO_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Root Account", "Section")


def looks_like(files: list[Path]) -> bool:
    """A flat folder whose files are (nearly) all named the way Canvas names downloads."""
    if not files or any(f.is_dir() for f in files):
        return False
    named = sum(bool(FILE_NAME.match(f.name)) and "_assignsubmission_" not in f.name for f in files)
    return named >= max(1, len(files) - 1)


def read_download(folder: Path) -> Intake:
    """One hand-in per Canvas user id; files not named the Canvas way are listed as problems."""
    handins: dict[str, HandIn] = {}
    versions: dict[tuple[str, str], int] = {}
    problems: list[str] = []
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        found = FILE_NAME.match(path.name)
        if not found or path.is_dir():
            problems.append(f"{path.name}: not named as Canvas names downloaded files; left out")
            continue
        uid = found["uid"]
        h = handins.setdefault(uid, HandIn(f"{found['name']}_{uid}", {}, Student(found["name"], uid)))
        h.late = bool(h.late) or bool(found["late"])
        name, n = _original_name(found["orig"])
        if versions.get((uid, name), -1) > n:
            h.notes.append(f"{path.name}: an older upload of {name}; the latest was kept")
            continue
        if (uid, name) in versions:
            h.notes.append(f"{name}: several uploads; the latest (-{n}) was kept")
        versions[(uid, name)] = n
        h.files[name] = path
    return Intake("canvas", list(handins.values()), problems)


def _original_name(name: str) -> tuple[str, int]:
    """``report-2.md`` -> (``report.md``, 2); a name without a resubmission number is version 0."""
    found = RESUBMITTED.match(name)
    if not found:
        return name, 0
    return found["stem"] + (found["ext"] or ""), int(found["n"])


@dataclass(frozen=True)
class CanvasGrade:
    fraction: float | None  # of the maximum; None: leave the cell as it is
    items: dict[str, float]  # per-item points, written to read-only columns
    penalty: float = 0.0


def roster_from_gradebook(rows: list[list[str]]) -> list[Student]:
    """The students of a Canvas gradebook export (its rows with an ``ID``)."""
    header = rows[0]
    col = {name: header.index(name) for name in INFO_COLUMNS if name in header}
    students = []
    for row in rows[1:]:
        get = {name: row[i].strip() if i < len(row) else "" for name, i in col.items()}
        if get.get("ID") and get.get("Student") not in (POINTS_POSSIBLE, TEST_STUDENT):
            students.append(Student(get.get("Student", ""), get["ID"], get.get("SIS User ID", ""),
                                    get.get("SIS Login ID", ""), get.get("Section", "")))
    return students


def assignment_column(header: list[str], wanted: str | None, rubric_name: str) -> int:
    """The assignment column to fill: ``wanted`` (its full header, its name or its id), else the one
    assignment whose name holds the rubric's name. Never a guess between several."""
    assignments: list[tuple[int, re.Match[str]]] = []
    for i, h in enumerate(header):
        found = ASSIGNMENT.match(h.strip())
        if found and h.strip() not in INFO_COLUMNS:
            assignments.append((i, found))
    if wanted:
        hits = [i for i, m in assignments if wanted.strip() in (m.group(0), m["name"], m["id"])]
    else:
        hits = [i for i, m in assignments if rubric_name.lower() in m["name"].lower()]
    if len(hits) != 1:
        names = ", ".join(repr(header[i]) for i, _ in assignments) or "none"
        what = f"--canvas-column {wanted!r}" if wanted else f"no --canvas-column, and the rubric's name {rubric_name!r}"
        raise UsageError(f"{what} matches {len(hits)} assignment columns of the template (its assignments: {names})")
    return hits[0]


def fill_gradebook(template: str, grades: dict[str, CanvasGrade], column: str | None, rubric_name: str,
                   item_ids: list[str], with_items: bool = True) -> tuple[str, str]:
    """The template with one assignment column filled (scaled to its ``Points Possible``), every other
    column as it was, and read-only columns for each item and the late penalty. Returns (csv, header)."""
    rows, bom = read_csv(template)
    if not rows or rows[0][:2] != ["Student", "ID"]:
        raise UsageError("the Canvas template must be Canvas's gradebook export: its first columns are Student, ID")
    header = rows[0]
    at = assignment_column(header, column, rubric_name)
    extra = [f"{i} {READ_ONLY}" for i in item_ids] + [f"Late penalty {READ_ONLY}"] if with_items else []
    possible = _points_possible(rows, at)
    out = [header + extra]
    for row in rows[1:]:
        row = row + [""] * (len(header) - len(row))
        if row[0].strip() == POINTS_POSSIBLE:
            out.append(row + [READ_ONLY] * len(extra))
            continue
        grade = grades.get(row[1].strip())
        if grade is None or not row[1].strip():
            out.append(row + [""] * len(extra))
            continue
        if grade.fraction is not None:
            row[at] = number(grade.fraction * possible)
        cells = [number(grade.items[i]) if i in grade.items else "" for i in item_ids] + [number(-grade.penalty)]
        out.append(row + (cells if with_items else []))
    return write_csv(out, bom), header[at]


def _points_possible(rows: list[list[str]], at: int) -> float:
    """The assignment's points possible; without that row the grade is written as a fraction of 100."""
    for row in rows[1:3]:
        if row and row[0].strip() == POINTS_POSSIBLE and at < len(row):
            try:
                return float(row[at])
            except ValueError:
                raise UsageError(f"the Points Possible row has {row[at]!r} for the assignment column") from None
    return 100.0
