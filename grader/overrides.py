"""Points a person gives: for ``manual`` and ``review`` items, or to override any item.

A course staff member writes ``<reports>/<id>/overrides.toml`` next to the hand-in's
report, one table per item with ``points`` and a ``reason``; every later ``grade`` of
that hand-in merges it, and the reports say which points came from a person.
"""
from __future__ import annotations

from pathlib import Path

from grader.compat import tomllib
from grader.results import CheckResult, SubmissionResult

FILE_NAME = "overrides.toml"


def apply_overrides(result: SubmissionResult, path: Path) -> None:
    """Merge ``path`` into ``result`` in place; problems with the file become notes."""
    if not path.is_file():
        return
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, RecursionError, tomllib.TOMLDecodeError) as exc:
        result.notes.append(f"{path.name} was not applied: {exc}")
        return
    known = {c.id: c for c in result.checks}
    for item_id, entry in data.items():
        check = known.get(item_id)
        if check is None:
            result.notes.append(f"{path.name}: no rubric item {item_id!r}; ignored")
            continue
        points = entry.get("points") if isinstance(entry, dict) else None
        if isinstance(points, bool) or not isinstance(points, (int, float)) or not 0 <= points <= check.max_score:
            result.notes.append(f"{path.name}: {item_id} needs points between 0 and {check.max_score:g}; ignored")
            continue
        _override(check, float(points), str(entry.get("reason", "")).strip())


def _override(check: CheckResult, points: float, reason: str) -> None:
    """Idempotent: a result that already carries an override keeps what the grader itself said."""
    before = check.details.get("override", {}).get("grader") or {
        "score": check.score, "status": check.status, "feedback": check.feedback}
    check.details["override"] = {"points": points, "reason": reason, "grader": before}
    check.score = points
    check.status = "pass" if points >= check.max_score else ("partial" if points > 0 else "fail")
    check.feedback = f"set by a person: {reason or 'no reason given'} (the grader said: {before['feedback']})"
