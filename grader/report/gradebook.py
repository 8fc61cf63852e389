"""The class's files: ``gradebook.csv`` (a row per hand-in, a first row of maximum points), ``summary.md``
and its charts."""
from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from grader.fileio import atomic_write
from grader.report.charts import ITEMS_PNG, SCORES_PNG, items_chart, scores_chart
from grader.report.escape import csv_cell, md_code, md_text
from grader.similarity import similar_pairs

GRADEBOOK = "gradebook.csv"
SUMMARY = "summary.md"
CLASS_FILES = (GRADEBOOK, SUMMARY, SCORES_PNG, ITEMS_PNG)  # a hand-in's id can never be one of these

if TYPE_CHECKING:
    from grader.results import CheckResult, HandinResult
    from grader.rubric import Rubric


def gradebook_csv(entries: list[HandinResult], rubric: Rubric) -> str:
    ids = [i.id for i in rubric.items]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([csv_cell(c) for c in ("id", "total", *ids, "grading_status", "error")])
    w.writerow(["MAX", f"{rubric.max_score:g}", *(f"{i.points:g}" for i in rubric.items), "", ""])
    for e in sorted(entries, key=lambda e: e.id):
        if e.result is None:
            w.writerow([csv_cell(e.id), "", *([""] * len(ids)), "error", csv_cell(e.error or "")])
            continue
        scores = {c.id: c.score for c in e.result.checks}
        statuses = [c.status for c in e.result.checks]
        status = "needs review" if {"review", "manual"} & set(statuses) else "graded"
        errors = [f"{c.id}: {c.feedback}" for c in e.result.checks if c.status == "error"]
        errors = ([e.error] if e.error else []) + errors
        w.writerow([csv_cell(e.id), f"{e.result.score:g}", *(f"{scores.get(i, 0):g}" for i in ids), status,
                    csv_cell("; ".join(errors))])
    return buf.getvalue()


@dataclass(frozen=True)
class ItemStats:
    id: str
    points: float
    pass_rate: float
    mean: float


@dataclass(frozen=True)
class ClassStats:
    """The class at a glance: what the summary file, the console and the charts all show."""

    totals: list[float]
    max_score: float
    items: list[ItemStats]
    mistakes: list[tuple[str, int]]

    @property
    def quartiles(self) -> list[float]:
        return statistics.quantiles(self.totals, n=4) if len(self.totals) > 1 else [self.totals[0]] * 3

    def line(self) -> str:
        t, q = self.totals, self.quartiles
        return (f"Score out of {self.max_score:g}: mean {statistics.mean(t):.2f}, median {statistics.median(t):.2f}, "
                f"quartiles {q[0]:.2f} / {q[2]:.2f}, min {t[0]:g}, max {t[-1]:g}")


def class_stats(entries: list[HandinResult], rubric: Rubric) -> ClassStats | None:
    graded = [e.result for e in entries if e.result is not None]
    if not graded:
        return None
    items = []
    for item in rubric.items:
        found: list[CheckResult | None] = [c for r in graded for c in r.checks if c.id == item.id]
        checks = found or [None]  # a stored report may lack it
        items.append(ItemStats(item.id, item.points, sum(c is not None and c.status == "pass" for c in checks)
                               / len(checks), statistics.mean(c.score if c is not None else 0.0 for c in checks)))
    common = Counter(f"{c.id}: {c.feedback}" for r in graded for c in r.checks if c.status in ("partial", "fail"))
    return ClassStats(sorted(r.score for r in graded), rubric.max_score, items, common.most_common(10))


def summary_markdown(entries: list[HandinResult], rubric: Rubric) -> str:
    graded = [e.result for e in entries if e.result is not None]
    failed = [e for e in entries if e.result is None]
    lines = [f"# Class summary: {md_text(rubric.name)}", "", f"{len(entries)} hand-ins, {len(graded)} graded, "
             f"{len(failed)} could not be graded.", ""]
    stats = class_stats(entries, rubric)
    if stats is not None:
        lines += [stats.line(), "", "## Distribution", "", "```"]
        lines += _histogram(stats.totals, rubric.max_score)
        lines += ["```", "", f"Charts: [{SCORES_PNG}]({SCORES_PNG}), [{ITEMS_PNG}]({ITEMS_PNG})", "", "## Items", "",
                  "| item | pass rate | mean points |", "| --- | --- | --- |"]
        lines += [f"| {md_code(i.id)} | {i.pass_rate:.0%} | {i.mean:.2f} / {i.points:g} |" for i in stats.items]
        lines += ["", "## Most common mistakes", ""] + [f"- {n} × {md_text(text)}" for text, n in stats.mistakes]
        slow = sorted(graded, key=lambda r: -r.timings.get("total_s", 0))[:5]
        lines += ["", "## Slowest", ""] + [f"- {md_text(r.submission)}: {r.timings.get('total_s', 0):.1f} s"
                                           for r in slow]
    pairs = similar_pairs({e.id: e.code for e in entries}, "code") + similar_pairs(
        {e.id: e.answers for e in entries}, "answers")
    if pairs:
        lines += ["", "## Near-identical hand-ins (to look at, not a verdict)", ""]
        lines += [f"- {md_text(p.a)} and {md_text(p.b)}: {p.what} {p.similarity:.0%} alike" for p in pairs]
    if failed:
        lines += ["", "## Could not be graded", ""] + [f"- {md_text(e.id)}: {md_text(e.error)}" for e in failed]
    return "\n".join(lines) + "\n"


def _histogram(totals: list[float], top: float, bins: int = 8) -> list[str]:
    width = top / bins or 1
    counts = Counter(min(int(t / width), bins - 1) for t in totals)
    return [f"{i * width:6.1f}–{(i + 1) * width:6.1f} | {'#' * counts.get(i, 0)} {counts.get(i, 0)}"
            for i in range(bins)]


def write_gradebook(entries: list[HandinResult], rubric: Rubric, out: Path) -> ClassStats | None:
    """The gradebook first, then the summary and its two charts; returns the class's figures.

    The gradebook is what a course needs most: a failure in a later file (a chart, the summary)
    is written into the summary or reported by the caller, never a reason to lose the gradebook.
    """
    atomic_write(out / GRADEBOOK, gradebook_csv(entries, rubric))
    stats = class_stats(entries, rubric)
    problems = []
    if stats is not None:
        for name, render in ((SCORES_PNG, scores_chart), (ITEMS_PNG, items_chart)):
            try:
                atomic_write(out / name, render(stats))
            except Exception as exc:  # noqa: BLE001 - a chart is not worth the summary
                problems.append(f"{name} was not drawn: {type(exc).__name__}: {exc}")
    from grader.report.html import write_index  # the instructor's page, with the charts just drawn

    try:
        write_index(entries, rubric.name, out, stats)
    except Exception as exc:  # noqa: BLE001 - the gradebook is written; the page is not worth it
        problems.append(f"index.html was not written: {type(exc).__name__}: {exc}")
    try:
        summary = summary_markdown(entries, rubric)
    except Exception as exc:  # noqa: BLE001 - the gradebook is written; say why the summary is short
        summary = f"# Class summary\n\nThe summary could not be written: {md_text(f'{type(exc).__name__}: {exc}')}\n"
    if problems:
        summary += "\n## Problems\n\n" + "".join(f"- {md_text(p)}\n" for p in problems)
    atomic_write(out / SUMMARY, summary)
    return stats
