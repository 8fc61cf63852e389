"""Grade a course's download in one command: intake -> roster -> batch grading -> late penalty -> exports.

The batch grader grades the hand-ins laid out in a scratch folder, one per stable id, as it grades
any class folder. Before it writes the gradebook it hands each entry to ``_adjust``, which sets the
late penalty on the result as an adjustment (replacing any the stored report carried) and writes
the reports again: a re-run or a regrade recomputes it and never takes it twice.
"""
from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from grader.batch import BatchEntry, grade_batch
from grader.errors import UsageError
from grader.fileio import atomic_write
from grader.lms import canvas, moodle
from grader.lms.course import Course, load_course
from grader.lms.gradescope import results_json
from grader.lms.handins import HandIn, Intake, stage
from grader.lms.intake import read_intake
from grader.lms.late import LateVerdict, apply_late
from grader.lms.plain import Row, class_rows, feedback_line, grade_fraction, plain_csv
from grader.lms.roster import RosterMatch, match, read_roster
from grader.pipeline import Options
from grader.report.files import write_reports
from grader.rubric import Rubric

GRADES_CSV, CANVAS_CSV, MOODLE_CSV, SUMMARY_MD = "grades.csv", "canvas-import.csv", "moodle-worksheet.csv", "lms.md"


@dataclass(frozen=True)
class LmsSettings:
    """What the command line says about the download and the files to hand back."""

    kind: str | None = None  # --from; None: detected
    roster: Path | None = None
    canvas_template: Path | None = None
    canvas_column: str | None = None
    canvas_items: bool = True
    moodle_worksheet: Path | None = None
    moodle_grade_column: str | None = None
    moodle_feedback_column: str | None = None
    course: Path | None = None
    missing: str = "zero"  # zero: a student without a hand-in gets 0; blank: their cell is left as it is
    gradescope: bool = False


@dataclass
class LmsRun:
    intake: Intake
    matched: RosterMatch | None
    entries: list[BatchEntry]
    rows: list[Row]
    written: dict[str, Path] = field(default_factory=dict)  # what to upload where -> file


def grade_download(source: Path, rubric: Rubric, options: Options, out: Path, lms: LmsSettings,
                   **batch: Any) -> LmsRun:
    """Grade every hand-in of the download and write the files each LMS imports."""
    if lms.missing not in ("zero", "blank"):
        raise UsageError(f"--missing {lms.missing}: choose zero or blank")
    course = load_course(rubric.path, lms.course)
    worksheet = _worksheet(lms)
    with tempfile.TemporaryDirectory(prefix="lms-") as tmp:
        intake = read_intake(source, lms.kind, Path(tmp))
        if worksheet is not None:
            times = moodle.submission_times(worksheet)
            for h in intake.handins:
                if h.submitted_at is None and h.student is not None and h.student.lms_id in times:
                    h.submitted_at = times[h.student.lms_id]
        roster = _roster(lms, worksheet)
        matched = None if roster is None else match(intake.handins, roster)
        stage(intake.handins, Path(tmp) / "handins")
        verdicts: dict[str, LateVerdict] = {}
        adjust = partial(_adjust, {h.id: h for h in intake.handins}, course, out, lms.gradescope, verdicts)
        entries = grade_batch(Path(tmp) / "handins", rubric, options, out, gradescope=lms.gradescope,
                              adjust=adjust, **batch)
    rows = class_rows(intake.handins, entries, matched, verdicts)
    run = LmsRun(intake, matched, entries, rows)
    _export(run, rubric, out, lms, worksheet)
    atomic_write(out / SUMMARY_MD, summary(run))
    return run


def _adjust(handins: dict[str, HandIn], course: Course, out: Path, gradescope: bool,
            verdicts: dict[str, LateVerdict], entry: BatchEntry) -> None:
    """Set (or clear) the result's late penalty, and write its reports again with it."""
    h = handins.get(entry.id)
    if entry.result is None or h is None:
        return
    try:
        if course.late is not None:
            verdicts[entry.id] = apply_late(entry.result, course.late, h)
        folder = write_reports(entry.result, out)
        if gradescope:
            atomic_write(folder / "results.json", json.dumps(results_json(entry.result, course.gradescope),
                                                            indent=2, ensure_ascii=False) + "\n")
    except (OSError, ValueError, TypeError) as exc:  # this hand-in's row says so; no grade without its penalty
        entry.error, entry.result = f"late penalty or reports not written: {type(exc).__name__}: {exc}", None


def _worksheet(lms: LmsSettings) -> moodle.Worksheet | None:
    if lms.moodle_worksheet is None:
        return None
    return moodle.read_worksheet(_text(lms.moodle_worksheet), lms.moodle_grade_column, lms.moodle_feedback_column)


def _roster(lms: LmsSettings, worksheet: moodle.Worksheet | None) -> list[canvas.Student] | None:
    """--roster, else the LMS's own export given for the grades (it lists the course's students)."""
    if lms.roster is not None:
        return read_roster(lms.roster)
    if lms.canvas_template is not None:
        return read_roster(lms.canvas_template)
    if worksheet is not None:
        return moodle.roster_from_worksheet(worksheet)
    return None


def _export(run: LmsRun, rubric: Rubric, out: Path, lms: LmsSettings, worksheet: moodle.Worksheet | None) -> None:
    atomic_write(out / GRADES_CSV, plain_csv(run.rows, lms.missing))
    run.written["any other LMS or spreadsheet"] = out / GRADES_CSV
    keyed = [(r.student.lms_id, r) for r in run.rows if r.student is not None and r.student.lms_id]
    if lms.canvas_template is not None:
        grades = {k: canvas.CanvasGrade(grade_fraction(r, lms.missing), _items(r), r.penalty) for k, r in keyed}
        text, column = canvas.fill_gradebook(_text(lms.canvas_template), grades, lms.canvas_column, rubric.name,
                                             [i.id for i in rubric.items], lms.canvas_items)
        atomic_write(out / CANVAS_CSV, text)
        run.written[f"Canvas: Grades > Import (fills {column!r})"] = out / CANVAS_CSV
    if worksheet is not None:
        grades_m = {k: moodle.MoodleGrade(_points(r, lms.missing), rubric.max_score, feedback_line(r))
                    for k, r in keyed}
        atomic_write(out / MOODLE_CSV, moodle.fill_worksheet(worksheet, grades_m))
        run.written["Moodle: View all submissions > Upload grading worksheet"] = out / MOODLE_CSV
    if lms.gradescope:
        run.written["Gradescope: each hand-in's results.json"] = out / "<id>" / "results.json"


def _items(row: Row) -> dict[str, float]:
    return {} if row.entry is None or row.entry.result is None else {c.id: c.score for c in row.entry.result.checks}


def _points(row: Row, missing: str) -> float | None:
    fraction = grade_fraction(row, missing)
    if fraction is None:
        return None
    return 0.0 if row.entry is None or row.entry.result is None else row.entry.result.score


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: {exc}") from None


def summary(run: LmsRun) -> str:
    """What staff check before uploading: late hand-ins, who is missing, what fits no student."""
    lines = [f"# From the LMS: a {run.intake.kind} download", "", f"{len(run.intake.handins)} hand-ins.", ""]
    late = [r for r in run.rows if r.verdict is not None and r.verdict.days > 0]
    lines += ["## Late hand-ins", ""] + [f"- {_who(r)}: {r.verdict.reason}; penalty {r.penalty:g} points"
                                        for r in late if r.verdict] + (["- none"] if not late else [])
    sections = {"Students with no hand-in": [r for r in run.rows if r.status == "missing"],
                "Hand-ins of no student on the roster": [r for r in run.rows if r.status == "no student on the roster"],
                "Students with several hand-ins (no grade exported)": [r for r in run.rows
                                                                       if r.status == "several hand-ins"],
                "Hand-ins that could not be graded (no grade exported)": [r for r in run.rows if r.status == "error"]}
    for title, rows in sections.items():
        if rows:
            lines += ["", f"## {title}", ""] + [f"- {_who(r)}" for r in rows]
    if run.intake.problems:
        lines += ["", "## Files of the download that belong to no hand-in", ""]
        lines += [f"- {p}" for p in run.intake.problems]
    lines += ["", "## Upload", ""] + [f"- {where}: `{path}`" for where, path in run.written.items()]
    return "\n".join(lines) + "\n"


def _who(row: Row) -> str:
    name = f"{row.student.name} ({row.student.lms_id})" if row.student else "?"
    return f"{name}, hand-in {row.handin.id}" if row.handin else name


def print_lms(run: LmsRun, out: Path, console: Any) -> None:
    """The console's part: late hand-ins, who is missing, and which file to upload where."""
    for r in run.rows:
        if r.verdict is not None and r.verdict.days > 0:
            console.print(f"late: {_who(r)}: {r.penalty:g} points ({r.verdict.days:g} day(s))", highlight=False)
    counts = {s: sum(r.status == s for r in run.rows) for s in ("missing", "no student on the roster",
                                                                 "several hand-ins", "error")}
    listed = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    if listed:
        console.print(f"[yellow]roster:[/] {listed} (listed in {out / SUMMARY_MD})", highlight=False)
    for where, path in run.written.items():
        console.print(f"upload to {where}: {path}", highlight=False)
