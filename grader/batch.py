"""Grade a whole class: every hand-in of a folder (or zip files of hand-ins), resumably.

Hand-ins are graded by an executor (a thread pool here: each grading already runs its
student code in a child process), so a distributed engine can take its place. Each
hand-in's report is written as soon as it is graded, keyed by a content hash of the
hand-in, the rubric, the grader version and the settings; a re-run skips what is
unchanged. One hand-in's failure never stops the others: every per-hand-in step
(unpacking, reading, grading, rendering, writing) fails only that hand-in, with the cause
in its row; ``KeyboardInterrupt`` is never swallowed. Ids are unique whatever the names
(a zip beside a folder of the same name, case, Unicode forms) and made of letters,
digits, ``-`` and ``_`` only, so no report can overwrite another or the class's files.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from grader import __version__
from grader.data import DatasetArrays, load_dataset
from grader.errors import GraderError
from grader.overrides import FILE_NAME, apply_overrides
from grader.pipeline import Options, grade_submission
from grader.regrade import merged, only_item
from grader.report.files import read_report, write_reports
from grader.report.gradebook import write_gradebook
from grader.results import HandinResult, SubmissionResult
from grader.rubric import Rubric
from grader.sandbox import warm
from grader.similarity import normalised_code
from grader.submission import REPORT_SUFFIXES
from grader.textbudget import read_bounded
from grader.weights_cache import WeightsCache

MAX_ZIP_BYTES = 100 * 1024**2
MAX_ZIP_FILES = 2000
MAX_ZIP_DEPTH = 24  # folders inside a zip file
MAX_ZIP_PATH = 1024  # characters of one member's path
MAX_ID = 80
_NOT_ID = re.compile(r"[^\w-]+")


class UnsafeArchive(ValueError):
    """A zip file the grader will not unpack (its message names the member and the rule)."""


BatchEntry = HandinResult  # one hand-in of a batch: the result model's, so the report layer needs no batch


@dataclass(frozen=True)
class _Job:
    """A hand-in to grade: where its files are, its resume key, the rubric it is graded with, and the
    stored result the regraded item goes into (``--only``; None: graded in full)."""

    entry: BatchEntry
    folder: Path
    key: str
    rubric: Rubric
    previous: SubmissionResult | None = None


def default_workers(cores: int) -> int:
    """One single-threaded child per core, as memory allows (about 2 GiB each).

    Measured on 2 cores: a hand-in whose weights come from the cache costs ~7 s, mostly the
    child's single-threaded start (importing torch), so two children at once nearly double
    the throughput; training throughput is the same either way.
    """
    try:
        available = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return max(1, cores // 2)
    return max(1, min(cores, available // (2 * 1024**3)))


def is_batch(folder: Path, rubric: Rubric) -> bool:
    """A folder of hand-ins, rather than one hand-in: no answers, report or code of its own."""
    if not folder.is_dir():
        return False
    own = [folder / "answers.toml", folder / rubric.code.file, *(folder / f"report{s}" for s in REPORT_SUFFIXES)]
    if any(p.exists() for p in own):
        return False
    return any(p.is_dir() or p.suffix == ".zip" for p in folder.iterdir() if not p.name.startswith("."))


def handin_key(path: Path, rubric: Rubric, options: Options) -> str:
    """Content hash of a hand-in plus everything else that decides its grade."""
    h = hashlib.sha256(f"{__version__}|{rubric.digest}|{options.seed}|{options.device}".encode())
    files = sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink()) if path.is_dir() else [path]
    for f in files:
        h.update(str(f.relative_to(path) if path.is_dir() else f.name).encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()[:32]


def handin_ids(paths: list[Path]) -> list[str]:
    """One id per hand-in, in order: its name in NFC, made of letters, digits, ``-`` and ``_``, unique
    without regard to case (a second ``alice`` becomes ``alice-2``), never empty."""
    taken: set[str] = set()
    out = []
    for path in paths:
        name = path.name if path.is_dir() else path.stem
        base = _NOT_ID.sub("_", unicodedata.normalize("NFC", name)).strip("_")[:MAX_ID] or "hand-in"
        ident, n = base, 1
        while ident.casefold() in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident.casefold())
        out.append(ident)
    return out


def unpack_zip(archive: Path, into: Path, name: str | None = None) -> Path:
    """Unpack safely: no absolute paths, no '..', no links, no deep folders, size and file-count caps."""
    target = into / (name or archive.stem)
    with zipfile.ZipFile(archive) as zf:
        members = zf.infolist()
        if len(members) > MAX_ZIP_FILES or sum(m.file_size for m in members) > MAX_ZIP_BYTES:
            raise UnsafeArchive(f"{archive.name} is larger than {MAX_ZIP_BYTES // 1024**2} MiB "
                                f"or {MAX_ZIP_FILES} files")
        for m in members:
            _check_member(archive, m)
        zf.extractall(target)
    inner = [p for p in target.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    return inner[0] if len(inner) == 1 and inner[0].is_dir() else target


def _check_member(archive: Path, m: zipfile.ZipInfo) -> None:
    name = Path(m.filename)
    is_link = (m.external_attr >> 16) & 0o170000 == 0o120000
    shown = m.filename[:120] + ("…" if len(m.filename) > 120 else "")
    if name.is_absolute() or ".." in name.parts or is_link:
        raise UnsafeArchive(f"{archive.name} holds an unsafe path: {shown}")
    if len(name.parts) > MAX_ZIP_DEPTH or len(m.filename) > MAX_ZIP_PATH or any(len(p) > 255 for p in name.parts):
        raise UnsafeArchive(f"{archive.name} holds a path nested too deep or too long "
                         f"(at most {MAX_ZIP_DEPTH} folders, {MAX_ZIP_PATH} characters): {shown}")


def grade_batch(folder: Path, rubric: Rubric, options: Options, out: Path, *, workers: int | None = None,
                force: bool = False, executor: Executor | None = None, gradescope: bool = False,
                on_done: Callable[[BatchEntry], None] | None = None,
                on_planned: Callable[[int, int], None] | None = None,
                adjust: Callable[[BatchEntry], None] | None = None, only: str | None = None) -> list[BatchEntry]:
    """Grade every hand-in in ``folder``; write each report, then the gradebook and the summary.

    ``only``: regrade that one item of every hand-in whose report is current (the rest of its report
    is kept); a hand-in without a current report is graded in full, so every report ends current.

    ``on_planned(to_grade, workers)`` is called once the folder is read, ``on_done(entry)`` as each
    hand-in is finished; ``adjust(entry)`` (the LMS layer's late penalty) on every entry, graded or
    reused, before the gradebook is written. ``executor``: where hand-ins are graded (default: a thread
    pool of ``workers``); whatever it is, only this process writes reports, the resume keys and the gradebook.
    """
    cores = max(1, len(os.sched_getaffinity(0)))
    workers = workers or getattr(executor, "slots", None) or default_workers(cores)
    threads = getattr(executor, "threads_per_task", None) or max(1, cores // workers)
    options = replace(options, threads=options.threads or threads)
    data: DatasetArrays | None = None
    entries: list[BatchEntry] = []
    with tempfile.TemporaryDirectory(prefix="batch-") as tmp, warm.session():  # warm templates end with the batch
        todo: list[_Job] = []
        narrowed = None if only is None else only_item(rubric, only)
        paths = [p for p in sorted(folder.iterdir()) if not p.name.startswith(".")
                 and (p.is_dir() or p.suffix.lower() in (".zip", *REPORT_SUFFIXES))]
        for path, ident in zip(paths, handin_ids(paths), strict=True):
            entry = BatchEntry(ident)
            entries.append(entry)
            job = _plan(entry, path, rubric, options, out, Path(tmp), force, narrowed)
            if job is not None:
                todo.append(job)
        if on_planned:
            on_planned(len(todo), workers)
        if any(job.rubric.requests().train is not None for job in todo):
            data = load_dataset(rubric.code.dataset, options.data_root)
        own = executor is None
        pool = executor or ThreadPoolExecutor(max_workers=workers)
        try:
            if data is not None and len(todo) > 1:
                scratch = Path(tempfile.mkdtemp(prefix=".reference-", dir=tmp))  # its own: an executor may ship it
                _start_reference_training(pool, rubric, options, data, scratch)
            futures: dict[Future, _Job] = {
                pool.submit(grade_submission, job.folder, job.rubric, options, None, data): job for job in todo}
            for future in as_completed(futures):
                job = futures[future]
                _finish(job, future, out, gradescope)
                if on_done:
                    on_done(job.entry)
        finally:
            if own:
                pool.shutdown(wait=True, cancel_futures=True)
    if adjust is not None:
        for entry in entries:
            adjust(entry)
    write_gradebook(entries, rubric, out)
    return entries


def _plan(entry: BatchEntry, path: Path, rubric: Rubric, options: Options, out: Path, tmp: Path,
          force: bool, narrowed: Rubric | None = None) -> _Job | None:
    """Unpack and key one hand-in, reusing its stored report when current; the job when it must be graded
    (with ``narrowed``, the one item to regrade, when its report is current).

    Whatever goes wrong here is this hand-in's error, in its row.
    """
    step = "unpack"
    try:
        real = unpack_zip(path, tmp / "hand-ins", entry.id) if path.suffix == ".zip" else path
        step = "read"
        _remember_texts(entry, real, rubric, options)
        key = handin_key(real, rubric, options)
        previous = _previous(out / entry.id / "report.json", key)
        if previous is not None and narrowed is not None:
            return _Job(entry, real, key, narrowed, previous)
        if previous is not None and not force:
            entry.result, entry.reused = previous, True
            apply_overrides(entry.result, out / entry.id / FILE_NAME)
            return None
        return _Job(entry, real, key, rubric)
    except Exception as exc:  # noqa: BLE001 - one hand-in's failure is its own row, never the batch's
        entry.error = f"cannot {step}: {_cause(exc)}"
        return None


def _cause(exc: BaseException) -> str:
    """An exception as one short line for a gradebook row."""
    text = str(exc) if isinstance(exc, (UnsafeArchive, zipfile.BadZipFile)) else f"{type(exc).__name__}: {exc}"
    return " ".join(text.split())[:300]


def prime_weights_cache(rubric: Rubric, options: Options, data: DatasetArrays, tmp: Path) -> bool:
    """Train the homework's reference network once, as a trusted source for the weights cache.

    Hand-ins whose network computes the same training step from the same initial weights
    (renamed layers, ``nn.Sequential`` versions, ``view`` or ``flatten``) then load these
    weights instead of training again. True when the cache now holds them.
    """
    if options.weights_cache is None or rubric.reference.write_reference_handin is None:
        return False
    folder = tmp / "reference-network" / "reference"
    rubric.reference.write_reference_handin(folder)
    result = grade_submission(folder, rubric, options, None, data, trusted=True)
    return bool(result.measurements.get("fingerprint"))


def _start_reference_training(pool: Executor, rubric: Rubric, options: Options, data: DatasetArrays,
                              tmp: Path) -> None:
    """Start training the reference network in the pool, and return once it is counted as training
    (or has ended): hand-ins of the same network then wait for its weights, the others go ahead."""
    if options.weights_cache is None:
        return
    cache = WeightsCache(options.weights_cache)
    started = pool.submit(prime_weights_cache, rubric, options, data, tmp)
    while not started.done() and not cache.wait_reference(timeout_s=0.5):
        pass


def _remember_texts(entry: BatchEntry, path: Path, rubric: Rubric, options: Options) -> None:
    """What similarity flags compare: the normalised code and the answers (read under the text budget,
    never run). Nothing to compare (no code, no answers) is the empty string, which is never flagged."""
    try:
        sub = read_bounded(path, rubric, options.text_budget)
        entry.code = normalised_code(sub.code or "")
        answers = {k: sub.answer(k) for k in [i.id for i in rubric.items] + list(rubric.text_claims)}
        answers = {k: v for k, v in answers.items() if v is not None}
        entry.answers = json.dumps(answers, default=str, sort_keys=True, ensure_ascii=False) if answers else ""
    except (GraderError, RecursionError, ValueError, TypeError):  # only the similarity flag is lost
        entry.code = entry.answers = ""


def _finish(job: _Job, future: Future, out: Path, gradescope: bool) -> None:
    entry = job.entry
    try:
        result = future.result()
    except Exception as exc:  # noqa: BLE001 - one hand-in's failure is its own row, never the batch's
        entry.error = f"cannot grade: {_cause(exc)}"
        return
    result.submission = entry.id
    if job.previous is not None:  # --only: the regraded item goes into the stored report
        result = merged(job.previous, result)
    result.resume_key = job.key
    entry.result = result
    try:
        apply_overrides(result, out / entry.id / FILE_NAME)
        write_reports(result, out, gradescope)
    except Exception as exc:  # noqa: BLE001 - the grade stands; the row says its report is missing
        entry.error = f"report not written: {_cause(exc)}"


def _previous(path: Path, key: str) -> SubmissionResult | None:
    """The stored result of an unchanged hand-in, or None."""
    stored = read_report(path)
    return stored if stored is not None and stored.resume_key == key else None

