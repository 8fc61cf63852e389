"""Moodle: "Download all submissions" in, the assignment's offline grading worksheet filled back out.

Moodle names each student's folder (or, without folders, each file)
``<Full Name>_<participant id>_assignsubmission_<plugin>_[<file>]``; the participant id is the
number in the worksheet's ``Identifier`` column ("Participant 12", localised: "Teilnehmer/in 12").
The worksheet is uploaded back as it was downloaded: header names untouched (whatever the
language), only the grade and feedback-comment cells filled.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from grader.errors import UsageError
from grader.lms.csvsafe import number, read_csv, write_csv
from grader.lms.handins import HandIn, Intake, Student, slug

ENTRY = re.compile(r"^(?P<name>.+)_(?P<pid>\d+)_assign(?:submission|feedback)_(?P<plugin>[a-z]+)_(?P<rest>.*)$")
IDENTIFIER = re.compile(r"^\D*?(\d+)$")
# Header names of the worksheet's columns in Moodle's language packs (en, de, fr, es, it, nl, pt).
GRADE = ("Grade", "Bewertung", "Note", "Calificación", "Valutazione", "Beoordeling", "Nota")
MAX_GRADE = ("Maximum Grade", "Maximum grade", "Bestwertung", "Note maximale", "Calificación máxima",
             "Valutazione massima", "Maximaal cijfer", "Nota máxima")
FEEDBACK = ("Feedback comments", "Feedback als Kommentar", "Commentaires de feedback",
            "Comentarios de retroalimentación",
            "Commenti all'invio", "Commentaar feedback", "Comentários de feedback")
NAME = ("Full name", "Vollständiger Name", "Nom complet", "Nombre completo", "Nome completo", "Volledige naam")
EMAIL = ("Email address", "E-Mail-Adresse", "Adresse de courriel", "Dirección de correo", "Indirizzo email",
         "E-mailadres", "Endereço de email")
SUBMITTED = ("Last modified (submission)", "Zuletzt geändert (Abgabe)", "Dernière modification (travail remis)",
             "Última modificación (entrega)", "Ultima modifica (consegna)", "Laatst gewijzigd (inzending)",
             "Última modificação (envio)")
DATE_FORMATS = ("%A, %d %B %Y, %I:%M %p", "%A, %d %B %Y, %H:%M", "%d %B %Y, %I:%M %p", "%Y-%m-%d %H:%M")


def looks_like(entries: list[Path]) -> bool:
    return bool(entries) and sum(bool(ENTRY.match(p.name)) for p in entries) >= max(1, len(entries) - 1)


def read_download(folder: Path) -> Intake:
    """One hand-in per participant id, from its folders (or flat files) of every submission plugin."""
    handins: dict[str, HandIn] = {}
    problems: list[str] = []
    for entry in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        found = ENTRY.match(entry.name)
        if not found:
            problems.append(f"{entry.name}: not named as Moodle names downloaded submissions; left out")
            continue
        pid = found["pid"]
        h = handins.setdefault(pid, HandIn(f"{slug(found['name'])}_{pid}", {}, Student(found["name"], pid)))
        files = [(f.relative_to(entry).as_posix(), f) for f in sorted(entry.rglob("*")) if f.is_file()] \
            if entry.is_dir() else [(found["rest"], entry)]
        for name, path in files:
            if name in h.files:
                h.notes.append(f"{name} came twice in the download; the later was kept")
            h.files[name] = path
    return Intake("moodle", list(handins.values()), problems)


@dataclass(frozen=True)
class Worksheet:
    rows: list[list[str]]
    bom: bool
    identifier: int
    grade: int
    feedback: int | None
    max_grade: int | None
    submitted: int | None
    name: int | None
    email: int | None

    def participant(self, row: list[str]) -> str | None:
        found = IDENTIFIER.match(row[self.identifier].strip()) if self.identifier < len(row) else None
        return found.group(1) if found else None


def read_worksheet(text: str, grade_column: str | None = None, feedback_column: str | None = None) -> Worksheet:
    """The worksheet's columns, found by their (possibly localised) names; the first is the Identifier."""
    rows, bom = read_csv(text)
    if not rows or len(rows) < 2:
        raise UsageError("the Moodle worksheet has no rows")
    header = [h.strip() for h in rows[0]]
    grade = _column(header, (grade_column,) if grade_column else GRADE, "grade", True)
    assert grade is not None  # required: _column raised otherwise
    ws = Worksheet(rows, bom, 0, grade,
                   _column(header, (feedback_column,) if feedback_column else FEEDBACK, "feedback", False),
                   _column(header, MAX_GRADE, "", False), _column(header, SUBMITTED, "", False),
                   _column(header, NAME, "", False), _column(header, EMAIL, "", False))
    if not any(ws.participant(r) for r in rows[1:]):
        raise UsageError(f"the worksheet's first column ({rows[0][0]!r}) holds no participant identifiers")
    return ws


def _column(header: list[str], names: tuple[str, ...], what: str, required: bool) -> int | None:
    for name in names:
        if name in header:
            return header.index(name)
    if required:
        raise UsageError(f"no {what} column in the Moodle worksheet (columns: {', '.join(header)}); "
                         f"name it with --moodle-{what}-column")
    return None


def roster_from_worksheet(ws: Worksheet) -> list[Student]:
    out = []
    for row in ws.rows[1:]:
        pid = ws.participant(row)
        if pid:
            out.append(Student(_cell(row, ws.name), pid, "", _cell(row, ws.email)))
    return out


def submission_times(ws: Worksheet) -> dict[str, datetime]:
    """Participant id -> last modified (submission), where the date is in a form Moodle writes in English."""
    times = {}
    for row in ws.rows[1:]:
        pid, text = ws.participant(row), _cell(row, ws.submitted)
        for fmt in DATE_FORMATS:
            try:
                times[pid or ""] = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    return times


@dataclass(frozen=True)
class MoodleGrade:
    points: float | None  # None: leave the cell as it is
    max_score: float
    feedback: str


def fill_worksheet(ws: Worksheet, grades: dict[str, MoodleGrade]) -> str:
    """The worksheet as it was, grade (scaled to its Maximum Grade) and feedback filled for each participant."""
    out = [ws.rows[0]]
    for row in ws.rows[1:]:
        row = list(row) + [""] * (len(ws.rows[0]) - len(row))
        grade = grades.get(ws.participant(row) or "")
        if grade is not None and grade.points is not None:
            top = _max_grade(row, ws)
            row[ws.grade] = number(grade.points if top is None else grade.points / grade.max_score * top)
        if grade is not None and ws.feedback is not None:
            row[ws.feedback] = grade.feedback
        out.append(row)
    return write_csv(out, ws.bom)


def _max_grade(row: list[str], ws: Worksheet) -> float | None:
    """The row's maximum grade; None (the grade is written in the rubric's points) when there is none."""
    try:
        return float(_cell(row, ws.max_grade).replace(",", "."))
    except ValueError:
        return None


def _cell(row: list[str], col: int | None) -> str:
    return row[col].strip() if col is not None and col < len(row) else ""
