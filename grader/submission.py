"""A hand-in on disk: its code and its answers, whatever form they came in.

A hand-in is a folder (or a single report file). Answers come from ``answers.toml``
(rubric ids as keys), else from a written report (``report.md``/``.txt``/``.tex``) or a
notebook (``report.ipynb``), read by ``grader.reading``. The code is the rubric's code
file, else the notebook cell or fenced code block that defines the network class.
Nothing is run here, and a broken file becomes a note that costs the items it holds.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.errors import SubmissionError
from grader.reading.document import Document, read_document

if TYPE_CHECKING:
    from grader.rubric import Rubric

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MAX_FILE_BYTES = 1_000_000
REPORT_SUFFIXES = (".md", ".txt", ".tex", ".ipynb")


@dataclass
class Submission:
    id: str
    folder: Path
    code: str | None
    answers: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    code_origin: str = ""
    source: str = ""  # where the answers came from

    def answer(self, item_id: str) -> Any:
        """The answer for ``item_id``, or None.

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


def load_submission(path: str | Path, rubric: Rubric) -> Submission:
    """Read a hand-in folder or a single report file; what is missing becomes a note."""
    path = Path(path)
    if path.is_file():
        folder, report = path.parent, path
        ident = path.stem
    elif path.is_dir():
        folder, report, ident = path, None, path.resolve().name
    else:
        raise SubmissionError(f"{path} is neither a hand-in folder nor a report file")
    sub = Submission(ident, folder, None, {})
    toml_file = folder / "answers.toml"
    if report is None and toml_file.is_file():
        sub.answers, sub.source = _read_toml(toml_file, sub.notes), "answers.toml"
    else:
        report = report or _find_report(folder, sub.notes)
        if report is not None:
            _read_report(report, rubric, sub)
        elif not toml_file.is_file():
            sub.notes.append("no answers.toml and no report (report.md, .txt, .tex or .ipynb): "
                             "the written answers cannot be graded")
    code_file = folder / rubric.code.file
    if code_file.is_symlink():
        sub.notes.append(f"{rubric.code.file} is a symbolic link; it was not followed")
    elif path.is_dir() and code_file.is_file():
        sub.code, sub.code_origin = _read_text(code_file, sub.notes), rubric.code.file
    elif sub.code is None:
        sub.notes.append(f"no {rubric.code.file} and no code defining class {rubric.code.class_name}: "
                         "the code checks cannot run")
    return sub


def _find_report(folder: Path, notes: list[str]) -> Path | None:
    named = [folder / f"report{s}" for s in REPORT_SUFFIXES if (folder / f"report{s}").is_file()]
    if named:
        return named[0]
    others = sorted(p for p in folder.iterdir() if p.suffix in REPORT_SUFFIXES and p.is_file()
                    and p.stem.lower() not in ("readme", "license"))
    if len(others) > 1:
        notes.append(f"several possible reports; read {others[0].name}")
    return others[0] if others else None


def _read_text(path: Path, notes: list[str]) -> str:
    """The file as text (capped, undecodable bytes replaced); each problem becomes a note.

    Symbolic links are not followed: a hand-in must not make the grader read outside it.
    """
    if path.is_symlink():
        notes.append(f"{path.name} is a symbolic link; it was not followed")
        return ""
    with open(path, "rb") as fh:
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        notes.append(f"{path.name} is larger than {MAX_FILE_BYTES:,} bytes; only the first part was read")
        data = data[:MAX_FILE_BYTES]
    text = data.decode("utf-8", errors="replace")
    if "\ufffd" in text:
        notes.append(f"{path.name} is not valid UTF-8 text; unreadable bytes were replaced")
    return text.replace("\x00", "")


def _read_toml(path: Path, notes: list[str]) -> dict[str, Any]:
    text = _read_text(path, notes)
    if "\ufffd" in text:
        notes.append("answers.toml was not read")
        return {}
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        notes.append(f"answers.toml is not valid TOML ({exc}); its answers were not read")
    return {}


def _read_report(path: Path, rubric: Rubric, sub: Submission) -> None:
    from grader.reading.answers import answers_from_document
    from grader.reading.notebook import read_notebook

    text = _read_text(path, sub.notes)
    sub.source = path.name
    code_cells: list[str] = []
    if path.suffix == ".ipynb":
        text, code_cells = read_notebook(text, path.name, sub.notes)
    doc: Document = read_document(text, "tex" if path.suffix == ".tex" else None)
    sub.notes.extend(doc.notes)  # about the whole report (no part labels found)
    sub.answers = answers_from_document(doc, rubric)
    blocks = code_cells + doc.code_blocks
    pattern = re.compile(rf"^\s*class\s+{re.escape(rubric.code.class_name)}\b", re.M)
    for block in blocks:
        if pattern.search(block):
            where = "a notebook code cell" if block in code_cells else f"a code block of {path.name}"
            sub.code, sub.code_origin = block, where
            sub.notes.append(f"the code is the class {rubric.code.class_name} in {where} "
                             "(torch, nn and F imports added when missing)")
            break
