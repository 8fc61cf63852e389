"""The class as the review app sees it: stored reports in, a person's points out.

Saving points never regrades: the stored ``report.json`` is read back, ``overrides.toml``
applied to it (``grader.overrides.apply_overrides``, the same merge a re-run of ``grade``
does), and the hand-in's reports, ``gradebook.csv``, the summary and ``index.html`` are
written again. Saves are serialised by a lock (threads) and a lock file (processes); a
save based on an override that someone else has changed since is refused as a conflict.
"""
from __future__ import annotations

import csv
import fcntl
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.batch import BatchEntry
from grader.errors import GraderError
from grader.fileio import atomic_write
from grader.overrides import FILE_NAME, apply_overrides
from grader.report.charts import ITEMS_PNG, SCORES_PNG, items_chart, scores_chart
from grader.report.files import read_report, write_reports
from grader.report.gradebook import class_stats, gradebook_csv, summary_markdown
from grader.report.html import Solution, write_html, write_index
from grader.results import CheckResult, SubmissionResult
from grader.review import audit
from grader.review.debounce import Debounced
from grader.rubric import Rubric

TODO_STATUSES = ("review", "manual")


class UnknownAnswer(LookupError):
    """No such hand-in or item (a page answers 404)."""


@dataclass(frozen=True)
class Row:
    """One answer in the queue."""

    sid: str
    check: CheckResult
    grader_status: str  # what the grader said, before any person
    done: bool  # a person has set its points

    @property
    def key(self) -> tuple[str, str]:
        return self.sid, self.check.id


@dataclass(frozen=True)
class Conflict:
    """Someone saved this item after the page was loaded: their entry, for the person to see."""

    current: dict[str, Any]


def grader_status(c: CheckResult) -> str:
    return str(c.details.get("override", {}).get("grader", {}).get("status", c.status))


def same_text(text: Any) -> str:
    """Answers compared for bulk grading: the same words, whatever the spacing."""
    return " ".join(str(text).split())


class ReviewStore:
    def __init__(self, reports: Path, rubric: Rubric, grader: str, submissions: Path | None = None,
                 solutions: dict[str, Solution] | None = None) -> None:
        self.reports, self.rubric, self.grader = reports, rubric, grader
        self.submissions, self.solutions = submissions, solutions
        self.results: dict[str, SubmissionResult] = {}
        self._lock = threading.RLock()
        self._order = {item.id: n for n, item in enumerate(rubric.items)}
        self._version = 0  # bumped by every change; the queue is cached per version
        self._rows: dict[tuple[str, str, bool, str], tuple[int, list[Row]]] = {}
        self._same: dict[str, dict[str, list[str]]] = {}
        self._charts = Debounced(self._draw_charts)
        self.reload()

    def reload(self) -> None:
        found = {}
        for folder in sorted(p for p in self.reports.iterdir() if p.is_dir() and not p.name.startswith(".")):
            result = read_report(folder / "report.json")
            if result is not None:
                found[folder.name] = result
        if not found:
            raise GraderError(f"no graded hand-ins (<id>/report.json) in {self.reports}")
        self.results = found
        self._version += 1
        self._same = {}

    # ------------------------------------------------------------------ reading
    def rows(self, item: str = "", status: str = "", todo: bool = False, sort: str = "item") -> list[Row]:
        """The queue: review and manual items, or what the filters ask for (``item`` is an id or its prefix).

        Kept until the next save: every page of a run of answers needs the queue to place itself in."""
        key = (item, status, todo, sort)
        cached = self._rows.get(key)
        if cached is not None and cached[0] == self._version:
            return cached[1]
        rows = self._build_rows(item, status, todo, sort)
        self._rows[key] = (self._version, rows)
        return rows

    def _build_rows(self, item: str, status: str, todo: bool, sort: str) -> list[Row]:
        rows = []
        for sid, result in self.results.items():
            for c in result.checks:
                if item and not (c.id == item or c.id.startswith(item + ".")):
                    continue
                said = grader_status(c)
                if status and status not in (c.status, said):
                    continue
                if not (item or status) and said not in TODO_STATUSES:
                    continue
                done = "override" in c.details
                if not (todo and done):
                    rows.append(Row(sid, c, said, done))
        order = {"item": lambda r: (self._item_index(r.check.id), r.sid),
                 "handin": lambda r: (r.sid, self._item_index(r.check.id)),
                 "status": lambda r: (r.done, r.check.status, self._item_index(r.check.id), r.sid)}
        return sorted(rows, key=order.get(sort, order["item"]))

    def _item_index(self, item_id: str) -> int:
        return self._order.get(item_id, len(self._order))

    def result(self, sid: str) -> SubmissionResult:
        if sid not in self.results:
            raise UnknownAnswer(sid)
        return self.results[sid]

    def check(self, sid: str, item_id: str) -> CheckResult:
        try:
            return self.result(sid).check(item_id)
        except KeyError:
            raise UnknownAnswer(f"{sid}/{item_id}") from None

    def overrides(self, sid: str) -> dict[str, dict[str, Any]]:
        return audit.read_overrides(self.reports / sid / FILE_NAME)

    def identical(self, sid: str, item_id: str) -> list[str]:
        """Every hand-in whose answer to ``item_id`` reads the same as ``sid``'s (``sid`` included)."""
        text = self.check(sid, item_id).details.get("answer")
        if text is None or not same_text(text):
            return [sid]
        if item_id not in self._same:  # answers never change in the app: index them once per item
            index: dict[str, list[str]] = {}
            for other, r in self.results.items():
                for c in r.checks:
                    if c.id == item_id and c.details.get("answer") is not None:
                        index.setdefault(same_text(c.details["answer"]), []).append(other)
            self._same[item_id] = index
        return self._same[item_id].get(same_text(text), [sid])

    def code(self, sid: str) -> str | None:
        """The hand-in's code, read (never run) from ``--submissions`` when it was given."""
        if self.submissions is None:
            return None
        from grader.submission import load_submission

        for path in (self.submissions / sid, *self.submissions.glob(f"{sid}.*")):
            if path.exists():
                try:
                    return load_submission(path, self.rubric).code
                except GraderError:
                    return None
        return None

    # ------------------------------------------------------------------ writing
    @contextmanager
    def _locked(self) -> Iterator[None]:
        with self._lock, open(self.reports / ".review.lock", "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def save(self, sid: str, item_id: str, points: float, reason: str, seen: str | None,
             who: str | None = None) -> Conflict | None:
        """Set points (``seen``: the override version the page showed; None skips the check)."""
        check = self.check(sid, item_id)
        if not 0 <= points <= check.max_score:
            raise ValueError(f"points must be between 0 and {check.max_score:g}")
        with self._locked():
            current = self.overrides(sid).get(item_id)
            if seen is not None and audit.version(current) != seen:
                return Conflict(current or {})
            audit.record(self.reports / sid / FILE_NAME, item_id, points, reason, who or self.grader)
            self._regrade(sid)
            self._write_class()
        return None

    def save_many(self, keys: list[str], item_id: str, points: float, reason: str, who: str | None = None) -> int:
        """The same points for ``item_id`` of every hand-in in ``keys`` (bulk grading); the count saved."""
        with self._locked():
            for sid in keys:
                audit.record(self.reports / sid / FILE_NAME, item_id, points, reason, who or self.grader)
                self._regrade(sid)
            self._write_class()
        return len(keys)

    def _regrade(self, sid: str) -> None:
        folder = self.reports / sid
        result = read_report(folder / "report.json") or self.results[sid]
        apply_overrides(result, folder / FILE_NAME)
        entries = self.overrides(sid)
        for c in result.checks:
            o, entry = c.details.get("override"), entries.get(c.id)
            if o is not None and entry is not None:
                o.update(who=str(entry.get("who", "")), when=str(entry.get("when", "")),
                         history=len(entry.get("history") or []))
        write_reports(result, self.reports, gradescope=(folder / "results.json").is_file())  # with report.html
        if self.solutions is not None:  # --show-solutions: the student's page again, with them
            write_html(result, self.reports, self.solutions)
        self.results[sid] = result
        self._version += 1

    def write_pages(self) -> None:
        """Every student's page and the class index, from the stored reports (``--export``)."""
        with self._locked():
            for result in self.results.values():
                write_html(result, self.reports, self.solutions)
        self._charts.schedule(delay=0)
        self.flush()

    def _write_class(self) -> None:
        """The gradebook and the summary at once; the charts and ``index.html`` once saves pause
        (drawing them takes seconds, and a TA grading a run of answers should not wait for it)."""
        entries = self.entries()
        atomic_write(self.reports / "gradebook.csv", gradebook_csv(entries, self.rubric))
        atomic_write(self.reports / "summary.md", summary_markdown(entries, self.rubric))
        self._charts.schedule()

    def flush(self, timeout: float = 120.0) -> None:
        """Wait until the charts and ``index.html`` show every save (tests, exit)."""
        self._charts.wait(timeout)

    def _draw_charts(self) -> None:
        with self._lock:
            entries = self.entries()
        stats = class_stats(entries, self.rubric)
        if stats is not None:
            atomic_write(self.reports / SCORES_PNG, scores_chart(stats))
            atomic_write(self.reports / ITEMS_PNG, items_chart(stats))
        write_index(entries, self.rubric.name, self.reports, stats)

    def entries(self) -> list[BatchEntry]:
        """The class as ``batch`` sees it: graded hand-ins, and the rows of those that could not be graded."""
        entries = [BatchEntry(sid, result=r) for sid, r in self.results.items()]
        if self.submissions is not None:
            _remember_texts(entries, self.submissions, self.rubric)
        return entries + self._failed_rows()

    def _failed_rows(self) -> list[BatchEntry]:
        path = self.reports / "gradebook.csv"
        if not path.is_file():
            return []
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        return [BatchEntry(r["id"], error=r.get("error") or "could not be graded") for r in rows
                if r.get("grading_status") == "error" and r.get("id") not in self.results]


def _remember_texts(entries: list[BatchEntry], submissions: Path, rubric: Rubric) -> None:
    """Code and answers for the summary's similarity flags, read from the hand-ins (never run)."""
    from grader.similarity import normalised_code
    from grader.submission import load_submission

    for e in entries:
        path = next((p for p in (submissions / e.id, *submissions.glob(f"{e.id}.*")) if p.exists()), None)
        if path is None or path.suffix == ".zip":
            continue
        try:
            sub = load_submission(path, rubric)
        except GraderError:
            continue
        e.code = normalised_code(sub.code or "")
        e.answers = json.dumps(sub.answers, default=str, sort_keys=True, ensure_ascii=False)

