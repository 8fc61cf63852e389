"""The typed hand-ins an intake produces, and how they are laid out for the batch grader."""
from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Student:
    """A student as the LMS knows them; ``lms_id`` is the key the LMS matches grades by."""

    name: str
    lms_id: str = ""  # Canvas user id, Moodle participant id, Gradescope SID (else e-mail)
    sis_id: str = ""
    login: str = ""  # login or e-mail
    section: str = ""


@dataclass
class HandIn:
    """One student's hand-in: every file they gave, under the name the grader should see."""

    id: str  # stable across downloads (built from the LMS's user id, never from a submission id)
    files: dict[str, Path]  # name inside the hand-in -> file in the download
    student: Student | None = None
    submitted_at: datetime | None = None
    late: bool | None = None  # the LMS's own verdict, when the download carries one
    notes: list[str] = field(default_factory=list)
    source_name: str = ""  # the folder or file name in the download (what a roster matches when no student)


@dataclass
class Intake:
    """What a download holds: its layout, its hand-ins and what could not be placed."""

    kind: str
    handins: list[HandIn]
    problems: list[str] = field(default_factory=list)  # files of the download that belong to no hand-in


def slug(text: str) -> str:
    """A folder-safe, lower-case ASCII form of a name (``Zoë O'Neil`` -> ``zoe-oneil``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-") or "student"


def stage(handins: list[HandIn], into: Path) -> dict[str, Path]:
    """Lay every hand-in out as ``into/<id>/`` (or ``into/<id>.zip`` when the student gave one zip).

    The batch grader reads that folder as it reads any class folder, so it unpacks a zip with
    its own safety checks and a broken one costs only that hand-in. Returns id -> path.
    """
    into.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for h in handins:
        if len(h.files) == 1 and next(iter(h.files)).lower().endswith(".zip"):
            target = into / f"{h.id}.zip"
            shutil.copyfile(next(iter(h.files.values())), target)
        else:
            target = into / h.id
            for name, source in h.files.items():
                dest = target / name
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, dest)
        paths[h.id] = target
    return paths


def unique_ids(handins: list[HandIn]) -> None:
    """Make ids folder-safe and unique in place (``-2``, ``-3`` …): two hand-ins never share a report folder."""
    seen: dict[str, int] = {}
    for h in handins:
        h.id = re.sub(r"[^A-Za-z0-9_-]+", "_", h.id).strip("_") or "handin"
        n = seen.get(h.id, 0) + 1
        seen[h.id] = n
        if n > 1:
            h.notes.append(f"id {h.id} was taken by another hand-in; this one is {h.id}-{n}")
            h.id = f"{h.id}-{n}"
