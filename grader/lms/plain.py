"""The grade of every student and hand-in, as exports and the summary need them, and the plain CSV."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from grader.lms.csvsafe import number, write_csv
from grader.lms.handins import HandIn, Student
from grader.lms.late import ADJUSTMENT_ID, LateVerdict
from grader.lms.roster import RosterMatch

if TYPE_CHECKING:
    from grader.batch import BatchEntry

HEADER = ["student", "lms_id", "sis_id", "login", "section", "handin", "submitted_at", "days_late", "points",
          "late_penalty", "total", "max_score", "status"]


@dataclass(frozen=True)
class Row:
    """One line of the class: a student with a hand-in, without one, or a hand-in of no student."""

    student: Student | None
    handin: HandIn | None
    entry: BatchEntry | None
    status: str  # graded, needs review, error, missing, several hand-ins, no student on the roster
    verdict: LateVerdict | None = None

    @property
    def total(self) -> float | None:
        return None if self.entry is None or self.entry.result is None else self.entry.result.score

    @property
    def penalty(self) -> float:
        if self.entry is None or self.entry.result is None:
            return 0.0
        return -sum(a.points for a in self.entry.result.adjustments if a.id == ADJUSTMENT_ID)


def class_rows(handins: list[HandIn], entries: list[BatchEntry], matched: RosterMatch | None,
               verdicts: dict[str, LateVerdict]) -> list[Row]:
    """Roster order when there is a roster (then the hand-ins of no student), else the hand-ins' order."""
    by_id = {e.id: e for e in entries}
    rows: list[Row] = []
    several = {k: v for k, v in (matched.several if matched else {}).items()}
    for h in handins:
        if matched is not None and h in matched.unmatched:
            continue
        key = h.student.lms_id if h.student else ""
        entry = by_id.get(h.id)
        status = "several hand-ins" if key in several else _status(entry)
        rows.append(Row(h.student, h, entry, status, verdicts.get(h.id)))
    if matched is not None:
        rows += [Row(s, None, None, "missing") for s in matched.missing]
        rows += [Row(None, h, by_id.get(h.id), "no student on the roster", verdicts.get(h.id))
                 for h in matched.unmatched]
    return rows


def _status(entry: BatchEntry | None) -> str:
    if entry is None or entry.result is None:
        return "error"
    return "needs review" if any(c.status in ("review", "manual") for c in entry.result.checks) else "graded"


def grade_fraction(row: Row, missing: str) -> float | None:
    """The share of the maximum an LMS gets for this row; None leaves the LMS's cell as it is."""
    if row.status == "missing":
        return 0.0 if missing == "zero" else None
    if row.status in ("error", "several hand-ins") or row.entry is None or row.entry.result is None:
        return None
    r = row.entry.result
    return r.score / r.max_score if r.max_score else 0.0


def plain_csv(rows: list[Row], missing: str) -> str:
    out = [HEADER]
    for row in rows:
        s, h, r = row.student, row.handin, row.entry.result if row.entry else None
        zero = row.status == "missing" and missing == "zero"
        out.append([
            s.name if s else "", s.lms_id if s else "", s.sis_id if s else "", s.login if s else "",
            s.section if s else "", h.id if h else "",
            h.submitted_at.isoformat() if h and h.submitted_at else ("late (LMS marker)" if h and h.late else ""),
            f"{row.verdict.days:g}" if row.verdict else "", number(r.items_score) if r else "",
            number(row.penalty) if r else "", number(r.score) if r else ("0" if zero else ""),
            number(r.max_score) if r else "", row.status])
    return write_csv(out)


def feedback_line(row: Row) -> str:
    """The comment an LMS shows the student next to the grade."""
    r = row.entry.result if row.entry else None
    if r is None:
        return "no hand-in" if row.status == "missing" else f"not graded: {row.status}"
    late = "".join(f" {a.title}: {a.points:+g} ({a.reason})." for a in r.adjustments)
    review = " Some items are still to be graded by a person." if row.status == "needs review" else ""
    return f"Grader: {r.items_score:g} / {r.max_score:g} points.{late} Total {r.score:g}.{review}"
