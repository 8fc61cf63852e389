"""Grade every report of the fidelity corpus and compare each written item with the TA's verdict.

Each report ``NAME.<md|txt|tex|ipynb>`` has a sidecar ``NAME.verdict.toml`` written when the
report was written, before any grading: per rubric item ``correct``, ``wrong``, ``ambiguous`` or
``missing``. The grader agrees with the TA when it passes a correct answer, does not give full
marks to a wrong one (fail or partial), and sends an ambiguous or missing one to a person
(``review``; a missing answer may also fail). A wrong answer with full marks is the one
disagreement that must never happen.

Run it as ``python3 -m tests.corpus.fidelity [FOLDER] [-v]`` for the table and every disagreement.
"""
from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import os
import signal
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

from grader.pipeline import Options, grade_submission
from grader.results import SubmissionResult
from grader.rubric import Rubric, load_rubric
from grader.submission import REPORT_SUFFIXES, SCRIPT_SUFFIXES

REPORTS = Path(__file__).resolve().parent / "reports"
RUBRIC = Path(__file__).resolve().parents[2] / "reference" / "mnist_backprop" / "rubric.toml"
VERDICTS = ("correct", "wrong", "ambiguous", "missing")
SUFFIXES = (*REPORT_SUFFIXES, *SCRIPT_SUFFIXES)  # every report the grader reads (lowercase: ".Rmd" is ".rmd")


@dataclass(frozen=True)
class ItemRow:
    report: str
    item: str
    verdict: str  # the TA's
    status: str  # the grader's
    full: bool  # full marks
    feedback: str

    @property
    def outcome(self) -> str:
        """How the grader's status relates to the TA's verdict (one word, used in the tallies)."""
        if self.verdict == "correct":
            return "agree" if self.full else ("correct_to_review" if self.status == "review" else "correct_failed")
        if self.verdict == "wrong":
            if self.full:
                return "mistake_passed"
            return "wrong_to_review" if self.status == "review" else "agree"
        if self.verdict == "ambiguous":
            return "agree" if self.status == "review" else "ambiguous_guessed"
        if self.full:
            return "missing_passed"
        return "agree"  # missing: review (a person looks) or fail (nothing found) are both right


@dataclass
class CorpusResult:
    rows: list[ItemRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def agreement(self) -> float:
        return self.count("agree") / len(self.rows) if self.rows else 0.0

    def table(self) -> str:
        by_item: dict[str, Counter[str]] = {}
        for r in self.rows:
            by_item.setdefault(r.item, Counter())[r.outcome] += 1
        verdicts = Counter(r.verdict for r in self.rows)
        lines = [
            f"reports: {len({r.report for r in self.rows})}, written items: {len(self.rows)} "
            f"({', '.join(f'{verdicts[v]} {v}' for v in VERDICTS)})",
            f"agree with the TA: {self.count('agree')}/{len(self.rows)} = {self.agreement:.1%}",
            f"wrong answers passed: {self.count('mistake_passed')}",
            f"missing answers passed: {self.count('missing_passed')}",
            f"correct answers failed: {self.count('correct_failed')}",
            f"correct answers sent to review: {self.count('correct_to_review')}",
            f"wrong answers sent to review: {self.count('wrong_to_review')}",
            f"ambiguous answers guessed: {self.count('ambiguous_guessed')}",
            "per item (agree/total): " + ", ".join(
                f"{item} {c['agree']}/{sum(c.values())}" for item, c in sorted(by_item.items())),
        ]
        return "\n".join(lines + [f"error: {e}" for e in self.errors])

    def disagreements(self) -> str:
        return "\n".join(f"{r.outcome:18} {r.report} {r.item}: TA {r.verdict}, grader {r.status} — {r.feedback[:160]}"
                         for r in self.rows if r.outcome != "agree")


def reports(folder: Path = REPORTS) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in SUFFIXES and p.with_suffix(".verdict.toml").is_file())


def read_verdicts(report: Path) -> dict[str, str]:
    data = tomllib.loads(report.with_suffix(".verdict.toml").read_text(encoding="utf-8"))
    items = data.get("items", {})
    bad = {k: v for k, v in items.items() if v not in VERDICTS}
    if bad:
        raise ValueError(f"{report.name}: verdicts must be one of {VERDICTS}: {bad}")
    return dict(items)


SECONDS_PER_REPORT = 60  # the grader's own text budget: a report that needs more is an error here


def grade_report(report: Path, rubric: Rubric, verdicts: dict[str, str]) -> list[ItemRow]:
    """One report graded as ``grade`` grades it, but its text read in this (worker) process.

    ``grade`` reads each hand-in's text in a fork of its own under a time and memory budget; the
    reading is a pure function of the text, so the corpus reads in the pool's worker processes
    instead, where the caches of one report serve the next (about twice as fast), under a deadline
    as long as that budget. ``tests/test_hostile_text.py`` covers the budgeted path.
    """
    with _deadline(SECONDS_PER_REPORT, report.name):
        result: SubmissionResult = grade_submission(report, rubric, Options(text_budget=None))
    rows = []
    for item_id, verdict in verdicts.items():
        check = result.check(item_id)
        rows.append(ItemRow(report.name, item_id, verdict, check.status, check.score >= check.max_score,
                            check.feedback))
    return rows


class ReadingTooLong(BaseException):
    """A report read past its deadline: a BaseException, so that no ``except Exception`` in the grader (which
    keeps a malformed source from costing more than its own answers) takes it for a malformed source."""


@contextmanager
def _deadline(seconds: int, name: str) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise ReadingTooLong(f"{name}: reading took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def written_only(rubric: Rubric) -> Rubric:
    """The rubric's written items alone: a report's code (a notebook's Net) is never run or trained here."""
    return dataclasses.replace(rubric, items=[i for i in rubric.items if i.text is not None])


def grade_corpus(folder: Path = REPORTS, rubric: Rubric | None = None, workers: int | None = None,
                 only: list[Path] | None = None) -> CorpusResult:
    """Every report graded (in ``workers`` processes: the reports are independent), rows in report order;
    ``only``: these reports of the folder."""
    rubric = written_only(rubric or load_rubric(RUBRIC))
    found = only if only is not None else reports(folder)
    workers = workers or max(1, min(len(os.sched_getaffinity(0)), 4))
    out = CorpusResult()
    _SHARED["rubric"] = rubric  # forked workers inherit it (a rubric holds functions that do not pickle)
    if workers == 1:
        results = [_grade_one(report) for report in found]
    else:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_grade_one, found, chunksize=4))
    for rows, error in results:
        out.rows.extend(rows)
        if error:
            out.errors.append(error)
    return out


_SHARED: dict[str, Rubric] = {}


def _grade_one(report: Path) -> tuple[list[ItemRow], str | None]:
    try:
        return grade_report(report, _SHARED["rubric"], read_verdicts(report)), None
    except (Exception, ReadingTooLong) as exc:  # noqa: BLE001 - one broken or slow report is a line in the table
        return [], f"{report.name}: {type(exc).__name__}: {exc}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(REPORTS))
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    result = grade_corpus(Path(args.folder))
    print(result.table())
    if args.verbose:
        print(result.disagreements())
    return 1 if result.count("mistake_passed") or result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
