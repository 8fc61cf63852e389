"""The late policy: due date, grace period, a penalty per day or a credit timeline, extensions.

The penalty is an :class:`~grader.results.Adjustment` on the result, computed from the hand-in's
submission time (or the LMS's late marker) and the items' points; applying it again replaces it,
so a regrade never takes it twice.
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from grader.errors import UsageError
from grader.lms.handins import HandIn
from grader.results import Adjustment, SubmissionResult

ADJUSTMENT_ID = "late"
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Band:
    """Up to ``days`` days late (after the due date), ``credit`` percent of the points are kept."""

    days: float
    credit: float


@dataclass(frozen=True)
class LatePolicy:
    due: datetime | None = None
    grace_minutes: float = 0.0
    per_day: float = 0.0  # percent lost per started day late
    floor: float = 0.0  # the lowest credit per_day can reach
    timeline: tuple[Band, ...] = ()  # when given, it decides instead of per_day; after its last band: 0 %
    basis: str = "earned"  # percent of the earned points, or of the "possible" points
    unknown_days: float = 1.0  # marked late by the LMS, but no submission time in the download
    extensions: dict[str, datetime | float] = field(default_factory=dict)  # student key -> due date or extra days
    zone: timezone | ZoneInfo = timezone.utc  # for times given without a zone (the due date, an LMS's times)

    def due_for(self, handin: HandIn) -> datetime | None:
        """The due date of this student, their extension included."""
        if self.due is None:
            return None
        keys = [handin.id] + ([] if handin.student is None else [
            handin.student.lms_id, handin.student.sis_id, handin.student.login])
        for key in keys:
            ext = self.extensions.get(key) if key else None
            if isinstance(ext, datetime):
                return ext
            if isinstance(ext, float):
                return self.due + ext * DAY
        return self.due

    def credit(self, days: float) -> float:
        """Percent of the points kept ``days`` (started) days after the due date."""
        if days <= 0:
            return 100.0
        if self.timeline:
            return next((b.credit for b in self.timeline if days <= b.days), 0.0)
        return max(self.floor, 100.0 - self.per_day * days)


@dataclass(frozen=True)
class LateVerdict:
    days: float
    credit: float
    reason: str


def assess(policy: LatePolicy, handin: HandIn) -> LateVerdict:
    """How late the hand-in is, and the credit it keeps; the reason names the figures used."""
    due = policy.due_for(handin)
    at = handin.submitted_at
    if at is not None and at.tzinfo is None:
        at = at.replace(tzinfo=policy.zone)
    if at is not None and due is not None:
        if at <= due + timedelta(minutes=policy.grace_minutes):
            return LateVerdict(0, 100.0, "on time")
        days = float(math.ceil((at - due) / DAY))
        extended = " (extension included)" if due != policy.due else ""
        return LateVerdict(days, policy.credit(days), f"submitted {at.isoformat()}, due "
                           f"{due.isoformat()}{extended}: {days:g} day(s) late")
    if handin.late:
        days = policy.unknown_days
        return LateVerdict(days, policy.credit(days), f"marked late by the LMS; the download gives no submission "
                           f"time, so it counts as {days:g} day(s) late")
    return LateVerdict(0, 100.0, "on time" if handin.submitted_at else "no submission time; not marked late")


def apply_late(result: SubmissionResult, policy: LatePolicy, handin: HandIn) -> LateVerdict:
    """Replace the result's late adjustment with the one this policy gives now (none when on time)."""
    verdict = assess(policy, handin)
    result.adjustments = [a for a in result.adjustments if a.id != ADJUSTMENT_ID]
    if verdict.credit >= 100.0:
        return verdict
    lost = 1.0 - verdict.credit / 100.0
    earned = result.items_score
    points = earned * lost if policy.basis == "earned" else min(earned, result.max_score * lost)
    reason = f"{verdict.reason}; {verdict.credit:g} % credit ({100 * lost:g} % of the {policy.basis} points)"
    result.adjustments.append(Adjustment(ADJUSTMENT_ID, "Late penalty", -round(points, 4), reason, {
        "days_late": verdict.days, "credit": verdict.credit, "basis": policy.basis}))
    return verdict


def parse_policy(raw: dict[str, Any], where: Path) -> LatePolicy:
    """A ``[late]`` table (of the rubric or a course file); errors name the key."""
    known = set(LatePolicy.__dataclass_fields__) | {"timezone", "extensions_file"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise UsageError(f"{where}: unknown key late.{unknown[0]} (known: {', '.join(sorted(known))})")
    tz = _zone(raw.get("timezone", "UTC"), where)
    try:
        timeline = tuple(Band(float(b["days"]), float(b["credit"])) for b in raw.get("timeline", []))
        extensions = {str(k): _extension(v, tz) for k, v in raw.get("extensions", {}).items()}
        if "extensions_file" in raw:
            extensions.update(read_extensions(where.parent / raw["extensions_file"], tz))
        policy = LatePolicy(
            due=None if raw.get("due") is None else to_datetime(raw["due"], tz),
            grace_minutes=float(raw.get("grace_minutes", 0)), per_day=float(raw.get("per_day", 0)),
            floor=float(raw.get("floor", 0)), timeline=tuple(sorted(timeline, key=lambda b: b.days)),
            basis=str(raw.get("basis", "earned")), unknown_days=float(raw.get("unknown_days", 1)),
            extensions=extensions, zone=tz)
    except (KeyError, TypeError, ValueError, OSError) as exc:
        raise UsageError(f"{where}: the [late] table cannot be read: {exc}") from None
    if policy.basis not in ("earned", "possible"):
        raise UsageError(f"{where}: late.basis must be 'earned' or 'possible', found {policy.basis!r}")
    return policy


def read_extensions(path: Path, tz: timezone | ZoneInfo = timezone.utc) -> dict[str, datetime | float]:
    """``student,due`` or ``student,days`` rows (student: LMS id, SIS id, login or hand-in id)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: dict[str, datetime | float] = {}
    for row in rows:
        key = (row.get("student") or "").strip()
        if key:
            value = (row.get("due") or "").strip() or (row.get("days") or "").strip()
            out[key] = _extension(value if row.get("due") else float(value), tz)
    return out


def to_datetime(value: Any, tz: timezone | ZoneInfo = timezone.utc) -> datetime:
    """A TOML or ISO date-time; a time without zone is in ``tz``; a bare date means its end (23:59:59)."""
    if isinstance(value, str):
        text = value.strip()
        value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text.replace("Z", "+00:00"))
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(23, 59, 59))
    if not isinstance(value, datetime):
        raise ValueError(f"not a date-time: {value!r}")  # noqa: TRY004 - callers catch ValueError
    return value if value.tzinfo else value.replace(tzinfo=tz)


def _extension(value: Any, tz: timezone | ZoneInfo) -> datetime | float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return to_datetime(value, tz)


def _zone(name: Any, where: Path) -> timezone | ZoneInfo:
    if name in ("UTC", "Z"):
        return timezone.utc
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"{where}: unknown late.timezone {name!r} (an IANA name such as Europe/Berlin)") from None
