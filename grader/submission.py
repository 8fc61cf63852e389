"""A hand-in on disk: its folder, its code file and its answers.

Answer sources are read as data, never run. ``answers.toml`` maps rubric ids to
answers, either as quoted dotted keys (``"p1.b.i" = "..."``) or as nested tables
(``[p2.c]`` with one key per field). A broken answer file costs the items it holds,
with a note that says why; it never stops the grading of the code.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.errors import SubmissionError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MAX_ANSWER_FILE_BYTES = 2_000_000


@dataclass
class Submission:
    id: str
    folder: Path
    code_path: Path | None
    answers: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    def answer(self, item_id: str) -> Any:
        """The raw answer for ``item_id``, or None.

        Keys may be quoted dotted ids (``"p2.c"``), nested tables (``[p2.c]``), or a mix
        (``total`` inside ``["p2.c"]`` answers ``p2.c.total``).
        """
        return _lookup(self.answers, item_id.split("."))


def _lookup(node: Any, parts: list[str]) -> Any:
    if not parts:
        return node
    if not isinstance(node, dict):
        return None
    for i in range(len(parts), 0, -1):
        key = ".".join(parts[:i])
        if key in node:
            found = _lookup(node[key], parts[i:])
            if found is not None:
                return found
    return None


def load_submission(folder: str | Path, code_file: str) -> Submission:
    """Find the hand-in's code and answers; what is missing becomes a note, not an exception."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SubmissionError(f"{folder} is not a folder; a hand-in is a folder holding {code_file} and answers.toml")
    notes: list[str] = []
    code_path = folder / code_file
    if not code_path.is_file():
        notes.append(f"no {code_file} in the hand-in: the code checks cannot run")
        code_path = None
    answers = _read_answers_toml(folder / "answers.toml", notes)
    return Submission(folder.resolve().name, folder, code_path, answers, notes)


def _read_answers_toml(path: Path, notes: list[str]) -> dict[str, Any]:
    if not path.is_file():
        notes.append("no answers.toml in the hand-in: the written answers cannot be graded")
        return {}
    if path.stat().st_size > MAX_ANSWER_FILE_BYTES:
        notes.append(f"answers.toml is larger than {MAX_ANSWER_FILE_BYTES:,} bytes and was not read")
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        notes.append("answers.toml is not UTF-8 text and was not read")
    except tomllib.TOMLDecodeError as exc:
        notes.append(f"answers.toml is not valid TOML ({exc}); its answers were not read")
    return {}
