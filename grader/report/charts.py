"""PNG charts of a class for the instructor: the score distribution and how each item went.

matplotlib with the Agg backend (no display needed); rendered to bytes so the caller
writes them atomically like every other report file.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.report.gradebook import ClassStats

SCORES_PNG = "scores.png"
ITEMS_PNG = "items.png"


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def scores_chart(stats: ClassStats) -> bytes:
    """Histogram of total scores, with the median and the quartiles marked."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(6.4, 3.6))
    ax = fig.add_subplot()
    bins = max(5, min(20, int(stats.max_score)))
    ax.hist(stats.totals, bins=bins, range=(0, stats.max_score), color="#4c72b0", edgecolor="white")
    q1, median, q3 = stats.quartiles
    for x, style in ((q1, ":"), (median, "-"), (q3, ":")):
        ax.axvline(x, color="#c44e52", linestyle=style, linewidth=1.2)
    ax.set_xlabel(f"total score (out of {stats.max_score:g}); red: median and quartiles")
    ax.set_ylabel("hand-ins")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"Score distribution ({len(stats.totals)} graded)")
    return _png(fig)


def items_chart(stats: ClassStats) -> bytes:
    """Per rubric item: the class's mean share of the points, and the share of hand-ins that passed it."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 0.3 * len(stats.items) + 1.2))
    ax = fig.add_subplot()
    ids = [i.id for i in stats.items][::-1]
    means = [100 * i.mean / i.points if i.points else 0 for i in stats.items][::-1]
    rates = [100 * i.pass_rate for i in stats.items][::-1]
    ax.barh(ids, means, color="#4c72b0", label="mean points (% of the item's)")
    ax.scatter(rates, ids, color="#c44e52", zorder=3, label="passed (% of hand-ins)")
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    ax.legend(loc="lower right", fontsize="small")
    ax.set_title("Rubric items")
    return _png(fig)
