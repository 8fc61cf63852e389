"""The class's files: ``gradebook.csv`` (a row per hand-in, a first row of maximum points) and ``summary.md``."""
from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from grader.report.files import atomic_write
from grader.similarity import similar_pairs

if TYPE_CHECKING:
    from grader.batch import BatchEntry
    from grader.rubric import Rubric


def gradebook_csv(entries: list[BatchEntry], rubric: Rubric) -> str:
    ids = [i.id for i in rubric.items]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "total", *ids, "grading_status", "error"])
    w.writerow(["MAX", f"{rubric.max_score:g}", *(f"{i.points:g}" for i in rubric.items), "", ""])
    for e in sorted(entries, key=lambda e: e.id):
        if e.result is None:
            w.writerow([e.id, "", *([""] * len(ids)), "error", e.error or ""])
            continue
        scores = {c.id: c.score for c in e.result.checks}
        statuses = [c.status for c in e.result.checks]
        status = "needs review" if {"review", "manual"} & set(statuses) else "graded"
        errors = "; ".join(f"{c.id}: {c.feedback}" for c in e.result.checks if c.status == "error")
        w.writerow([e.id, f"{e.result.score:g}", *(f"{scores.get(i, 0):g}" for i in ids), status, errors])
    return buf.getvalue()


def summary_markdown(entries: list[BatchEntry], rubric: Rubric) -> str:
    graded = [e.result for e in entries if e.result is not None]
    failed = [e for e in entries if e.result is None]
    lines = [f"# Class summary: {rubric.name}", "", f"{len(entries)} hand-ins, {len(graded)} graded, "
             f"{len(failed)} could not be graded.", ""]
    if graded:
        totals = sorted(r.score for r in graded)
        q = statistics.quantiles(totals, n=4) if len(totals) > 1 else [totals[0]] * 3
        lines += [f"Score out of {rubric.max_score:g}: mean {statistics.mean(totals):.2f}, median "
                  f"{statistics.median(totals):.2f}, quartiles {q[0]:.2f} / {q[2]:.2f}, "
                  f"min {totals[0]:g}, max {totals[-1]:g}", "", "## Distribution", "", "```"]
        lines += _histogram(totals, rubric.max_score)
        lines += ["```", "", "## Items", "", "| item | pass rate | mean points |", "| --- | --- | --- |"]
        for item in rubric.items:
            checks = [r.check(item.id) for r in graded]
            rate = sum(c.status == "pass" for c in checks) / len(checks)
            lines.append(f"| `{item.id}` | {rate:.0%} | {statistics.mean(c.score for c in checks):.2f} "
                         f"/ {item.points:g} |")
        common = Counter(f"`{c.id}`: {c.feedback}" for r in graded for c in r.checks
                         if c.status in ("partial", "fail"))
        lines += ["", "## Most common mistakes", ""] + [f"- {n} × {text}" for text, n in common.most_common(10)]
        slow = sorted(graded, key=lambda r: -r.timings.get("total_s", 0))[:5]
        lines += ["", "## Slowest", ""] + [f"- {r.submission}: {r.timings.get('total_s', 0):.1f} s" for r in slow]
    pairs = similar_pairs({e.id: e.code for e in entries}, "code") + similar_pairs(
        {e.id: e.answers for e in entries}, "answers")
    if pairs:
        lines += ["", "## Near-identical hand-ins (to look at, not a verdict)", ""]
        lines += [f"- {p.a} and {p.b}: {p.what} {p.similarity:.0%} alike" for p in pairs]
    if failed:
        lines += ["", "## Could not be graded", ""] + [f"- {e.id}: {e.error}" for e in failed]
    return "\n".join(lines) + "\n"


def _histogram(totals: list[float], top: float, bins: int = 8) -> list[str]:
    width = top / bins or 1
    counts = Counter(min(int(t / width), bins - 1) for t in totals)
    return [f"{i * width:6.1f}–{(i + 1) * width:6.1f} | {'#' * counts.get(i, 0)} {counts.get(i, 0)}"
            for i in range(bins)]


def write_gradebook(entries: list[BatchEntry], rubric: Rubric, out: Path) -> None:
    atomic_write(out / "gradebook.csv", gradebook_csv(entries, rubric))
    atomic_write(out / "summary.md", summary_markdown(entries, rubric))
