"""Read a course's download as it comes: which LMS wrote it, and the hand-ins it holds.

The download may be the zip the LMS gave or its unpacked folder. The layout is detected where that
is unambiguous (``--from`` names it otherwise); plain folders of hand-in folders, report files or
zips are read as the batch grader reads them.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from grader.errors import UsageError
from grader.lms import canvas, gradescope, moodle
from grader.lms.handins import HandIn, Intake, unique_ids
from grader.submission import REPORT_SUFFIXES

KINDS = ("canvas", "moodle", "gradescope", "folders")
MAX_BYTES = 2 * 1024**3  # a whole class's download
MAX_FILES = 50_000


def read_intake(source: Path, kind: str | None, scratch: Path) -> Intake:
    """The hand-ins of ``source`` (a folder or a zip), each with a unique, stable id."""
    folder = unpack(source, scratch) if source.is_file() and source.suffix.lower() == ".zip" else source
    if not folder.is_dir():
        raise UsageError(f"{source} is neither a folder nor a zip file")
    kind = kind or detect(folder)
    readers = {"canvas": canvas.read_download, "moodle": moodle.read_download,
               "gradescope": gradescope.read_download, "folders": read_folders}
    if kind not in readers:
        raise UsageError(f"--from {kind}: choose one of {', '.join(KINDS)}")
    intake = readers[kind](folder)
    unique_ids(intake.handins)
    return intake


def detect(folder: Path) -> str:
    """The layout, when exactly one fits; else a usage error asking for ``--from``."""
    entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    fits = [name for name, test in (("gradescope", lambda: gradescope.looks_like(folder)),
                                    ("moodle", lambda: moodle.looks_like(entries)),
                                    ("canvas", lambda: canvas.looks_like(entries))) if test()]
    if len(fits) > 1:
        raise UsageError(f"{folder} could be a {' or a '.join(fits)} download; say which with --from")
    return fits[0] if fits else "folders"


def detect_source(source: Path) -> str | None:
    """The LMS whose download ``source`` (a folder or a zip) is, when exactly one fits; None otherwise."""
    try:
        if source.is_dir():
            kind = detect(source)
        elif source.is_file() and source.suffix.lower() == ".zip":
            kind = _detect_zip(source)
        else:
            return None
    except (UsageError, OSError, zipfile.BadZipFile):
        return None
    return None if kind == "folders" else kind


def _detect_zip(archive: Path) -> str:
    """The layout from the zip's names alone (nothing unpacked)."""
    with zipfile.ZipFile(archive) as zf:
        names = [n for n in zf.namelist() if not n.startswith("__MACOSX")]
    tops = {n.split("/")[0] for n in names}
    if len(tops) == 1 and all("/" in n for n in names):  # one wrapper folder
        names = [n.split("/", 1)[1] for n in names if n.split("/", 1)[1]]
    if any(n.split("/")[-1] == gradescope.METADATA for n in names):
        return "gradescope"
    entries = {n.split("/")[0] for n in names}
    if entries and sum(bool(moodle.ENTRY.match(e)) for e in entries) >= max(1, len(entries) - 1):
        return "moodle"
    flat = all("/" not in n for n in names)
    canvas_named = sum(bool(canvas.FILE_NAME.match(e)) and "_assignsubmission_" not in e for e in entries)
    if flat and entries and canvas_named >= max(1, len(entries) - 1):
        return "canvas"
    return "folders"


def read_folders(folder: Path) -> Intake:
    """A class folder as the batch grader reads it: each hand-in folder, report file or zip."""
    handins, problems = [], []
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        if path.is_dir():
            files = {f.relative_to(path).as_posix(): f for f in sorted(path.rglob("*"))
                     if f.is_file() and not f.is_symlink()}
        elif path.suffix.lower() in (".zip", *REPORT_SUFFIXES):
            files = {path.name if path.suffix.lower() == ".zip" else f"report{path.suffix.lower()}": path}
        else:
            problems.append(f"{path.name}: neither a hand-in folder, a report file nor a zip; left out")
            continue
        handins.append(HandIn(path.name if path.is_dir() else path.stem, files, source_name=path.name
                              if path.is_dir() else path.stem))
    return Intake("folders", handins, problems)


def unpack(archive: Path, scratch: Path) -> Path:
    """Unpack a download safely (no absolute or ``..`` paths, no links, size caps); its one top folder."""
    target = scratch / "download"
    try:
        with zipfile.ZipFile(archive) as zf:
            members = zf.infolist()
            if len(members) > MAX_FILES or sum(m.file_size for m in members) > MAX_BYTES:
                raise UsageError(f"{archive.name} is larger than {MAX_BYTES // 1024**3} GiB or {MAX_FILES} files")
            for m in members:
                name = Path(m.filename)
                if name.is_absolute() or ".." in name.parts or (m.external_attr >> 16) & 0o170000 == 0o120000:
                    raise UsageError(f"{archive.name} holds an unsafe path: {m.filename}")
            zf.extractall(target)
    except zipfile.BadZipFile as exc:
        raise UsageError(f"{archive.name} is not a readable zip file: {exc}") from None
    inner = [p for p in target.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    return inner[0] if len(inner) == 1 and inner[0].is_dir() and not _is_handin_layout(inner[0]) else target


def _is_handin_layout(folder: Path) -> bool:
    """A single top folder that is itself one LMS entry (a Moodle folder) is not a wrapper to step into."""
    return bool(moodle.ENTRY.match(folder.name))
