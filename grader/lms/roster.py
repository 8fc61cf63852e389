"""The course's students, from the LMS's own export read as it is, and which hand-in is whose.

A roster may be Canvas's gradebook export, Moodle's grading worksheet, Gradescope's roster or any
CSV with a name column and an id, login or e-mail column. Hand-ins are matched by the LMS's ids
(user id, participant id, SID, login, e-mail), never by name: two students of the same name stay two.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from grader.errors import UsageError
from grader.lms import canvas, moodle
from grader.lms.csvsafe import read_csv
from grader.lms.handins import HandIn, Student

NAME = ("name", "student", "full name", "student name")
FIRST, LAST = ("first name", "firstname", "given name"), ("last name", "lastname", "surname", "family name")
LMS_ID = ("id", "user id", "sid", "student id", "identifier", "student number")
SIS = ("sis user id", "sis id")
LOGIN = ("sis login id", "login", "login id", "username", "email", "email address", "e-mail")
SECTION = ("section", "sections", "group")


@dataclass
class RosterMatch:
    """Hand-ins with their student, and what does not fit: the summary lists both."""

    handins: list[HandIn]
    missing: list[Student] = field(default_factory=list)  # students with no hand-in
    unmatched: list[HandIn] = field(default_factory=list)  # hand-ins of no student on the roster
    several: dict[str, list[str]] = field(default_factory=dict)  # student key -> their hand-in ids


def read_roster(path: Path) -> list[Student]:
    """The students of a roster export, whichever LMS wrote it."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"roster {path}: {exc}") from None
    rows, _ = read_csv(text)
    if not rows:
        raise UsageError(f"roster {path} is empty")
    if rows[0][:2] == ["Student", "ID"]:
        return canvas.roster_from_gradebook(rows)
    if len(rows) > 1 and moodle.IDENTIFIER.match(rows[1][0].strip()) and not rows[1][0].strip().isdigit():
        return moodle.roster_from_worksheet(moodle.read_worksheet(text))
    return _generic(rows, path)


def _generic(rows: list[list[str]], path: Path) -> list[Student]:
    header = [h.strip().lower() for h in rows[0]]
    def find(names: Sequence[str]) -> int | None:
        return next((header.index(n) for n in names if n in header), None)

    name, first, last = find(NAME), find(FIRST), find(LAST)
    ident, sis, login, section = find(LMS_ID), find(SIS), find(LOGIN), find(SECTION)
    if ident is None and login is None and sis is None:
        raise UsageError(f"roster {path}: no id, SID, login or e-mail column (columns: {', '.join(rows[0])})")
    def cell(row: list[str], i: int | None) -> str:
        return row[i].strip() if i is not None and i < len(row) else ""

    students = []
    for row in rows[1:]:
        full = cell(row, name) or " ".join(filter(None, (cell(row, first), cell(row, last))))
        key = cell(row, ident) or cell(row, login) or cell(row, sis)
        if key:
            students.append(Student(full, key, cell(row, sis), cell(row, login), cell(row, section)))
    return students


def match(handins: list[HandIn], roster: list[Student]) -> RosterMatch:
    """Each hand-in gets its roster student (the richer record); the rest is listed, not guessed."""
    index: dict[str, Student] = {}
    for s in roster:
        for key in (s.lms_id, s.sis_id, s.login, s.login.split("@")[0] if "@" in s.login else ""):
            if key:
                index.setdefault(key.lower(), s)
    result = RosterMatch(handins)
    owners: dict[str, list[str]] = {}
    for h in handins:
        keys = [h.source_name or h.id] if h.student is None else [h.student.lms_id, h.student.sis_id, h.student.login]
        found = next((index[k.lower()] for k in keys if k and k.lower() in index), None)
        if found is None:
            result.unmatched.append(h)
            continue
        h.student = replace(found, name=found.name or (h.student.name if h.student else ""))
        owners.setdefault(found.lms_id, []).append(h.id)
    result.missing = [s for s in roster if s.lms_id not in owners]
    result.several = {k: v for k, v in owners.items() if len(v) > 1}
    return result
