"""Gradescope: its submissions export in, ``results.json`` with visibility and a leaderboard out.

The export holds a folder per submission (``submission_<id>/``) and ``submission_metadata.yml``
(at the top, keyed by folder, or inside each folder) with ``:submitters:`` (``:name:``, ``:sid:``,
``:email:``) and ``:created_at:``. The file is read with ``yaml.safe_load``: no tags, no objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from grader.errors import UsageError
from grader.lms.handins import HandIn, Intake, Student, slug
from grader.lms.late import to_datetime
from grader.results import SubmissionResult

METADATA = "submission_metadata.yml"
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
LEADERBOARD = {"accuracy": ("Accuracy", "desc"), "param_count": ("Parameters", "asc")}


def looks_like(folder: Path) -> bool:
    return (folder / METADATA).is_file() or any((p / METADATA).is_file() for p in folder.iterdir() if p.is_dir())


def read_download(folder: Path) -> Intake:
    """One hand-in per submission folder, the student from its metadata."""
    top = _load(folder / METADATA) if (folder / METADATA).is_file() else {}
    handins, problems = [], []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        meta = top.get(sub.name) or (_load(sub / METADATA).get(sub.name) if (sub / METADATA).is_file() else None)
        if (sub / METADATA).is_file() and meta is None:
            meta = _load(sub / METADATA)
        if not isinstance(meta, dict):
            problems.append(f"{sub.name}: no entry in {METADATA}; left out")
            continue
        handins.append(_handin(sub, meta))
    return Intake("gradescope", handins, problems)


def _handin(sub: Path, meta: dict[str, Any]) -> HandIn:
    people = [p for p in _get(meta, "submitters") or [] if isinstance(p, dict)]
    first = people[0] if people else {}
    sid, email, name = (str(_get(first, k) or "").strip() for k in ("sid", "email", "name"))
    student = Student(name or sub.name, sid or email, sid, email) if first else None
    files = {f.relative_to(sub).as_posix(): f for f in sorted(sub.rglob("*")) if f.is_file() and f.name != METADATA}
    key = sid or email.split("@")[0] or sub.name
    h = HandIn(f"{slug(name or 'student')}_{slug(key)}", files, student)
    created = _get(meta, "created_at")
    try:
        h.submitted_at = None if created is None else to_datetime(created)
    except ValueError:
        h.notes.append(f"submission time {created!r} could not be read")
    if len(people) > 1:
        h.notes.append("group submission with " + ", ".join(str(_get(p, "name")) for p in people[1:]))
    return h


def _get(meta: dict[str, Any], key: str) -> Any:
    """Gradescope writes Ruby symbols (``:name:``), which YAML reads as ``:name``; plain keys work too."""
    return meta.get(f":{key}", meta.get(key))


def _load(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise UsageError(f"{path.name} cannot be read: {exc}") from None
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class GradescopeSettings:
    """The ``[gradescope]`` table: each item's visibility, the default, and the leaderboard's columns."""

    visibility: str = "visible"
    items: dict[str, str] = field(default_factory=dict)
    leaderboard: tuple[str, ...] = ()
    stdout_visibility: str = "hidden"

    @classmethod
    def parse(cls, raw: dict[str, Any], where: Path) -> GradescopeSettings:
        unknown = sorted(set(raw) - set(cls.__dataclass_fields__))
        if unknown:
            raise UsageError(f"{where}: unknown key gradescope.{unknown[0]}")
        s = cls(str(raw.get("visibility", "visible")), {str(k): str(v) for k, v in raw.get("items", {}).items()},
                tuple(str(v) for v in raw.get("leaderboard", [])), str(raw.get("stdout_visibility", "hidden")))
        bad = [v for v in (s.visibility, s.stdout_visibility, *s.items.values()) if v not in VISIBILITIES]
        wrong = [k for k in s.leaderboard if k not in LEADERBOARD]
        if bad or wrong:
            raise UsageError(f"{where}: gradescope visibility must be one of {', '.join(VISIBILITIES)}"
                             if bad else f"{where}: leaderboard entries are {', '.join(LEADERBOARD)}")
        return s


def results_json(result: SubmissionResult, settings: GradescopeSettings) -> dict[str, Any]:
    """Gradescope's ``results.json``: a test per item, the late penalty as its own test, Markdown output."""
    tests: list[dict[str, Any]] = [{
        "name": f"{c.id}: {c.title}", "number": str(n), "score": c.score, "max_score": c.max_score,
        "status": "passed" if c.status == "pass" else "failed", "output": f"**{c.status}**: {c.feedback}",
        "output_format": "md", "visibility": settings.items.get(c.id, settings.visibility),
    } for n, c in enumerate(result.checks, 1)]
    tests += [{"name": a.title, "score": a.points, "max_score": 0, "output": a.reason, "output_format": "md",
               "visibility": "visible"} for a in result.adjustments]
    out: dict[str, Any] = {
        "score": result.score, "output_format": "md", "test_output_format": "md",
        "output": f"**{result.score:g} / {result.max_score:g}** (grader {result.grader_version}, seed {result.seed})",
        "tests": tests, "stdout_visibility": settings.stdout_visibility,
        "execution_time": round(result.timings.get("total_s", 0.0), 3),
    }
    board = [{"name": LEADERBOARD[k][0], "value": result.measurements.get(k), "order": LEADERBOARD[k][1]}
             for k in settings.leaderboard if result.measurements.get(k) is not None]
    if board:
        out["leaderboard"] = board
    return out
