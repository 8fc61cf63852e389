"""HTML pages: ``report.html`` for a student (one file, opens offline, math rendered) and
``reports/index.html`` for the instructor. Views of the result objects; none computes a score.

Disclosure: a student's page holds what the result holds (their answers, how they were read,
the feedback, the points and what a person changed) and no reference answer, unless the caller
passes ``solutions`` (``grade review --show-solutions``). Everything from a hand-in is escaped
by the templates; the page's Content-Security-Policy allows only its own script (by hash).
"""
from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.fileio import atomic_write
from grader.report.charts import ITEMS_PNG, SCORES_PNG
from grader.results import CheckResult, HandinResult, SubmissionResult

if TYPE_CHECKING:
    from grader.report.gradebook import ClassStats

REPORT_HTML = "report.html"
INDEX_HTML = "index.html"
STYLE_CSP = "style-src 'unsafe-inline'; font-src data:; img-src data:"


@dataclass(frozen=True)
class Solution:
    """A reference answer shown to a reader allowed to see it: a formula (``tex``) or plain text."""

    text: str
    tex: bool = False


@dataclass
class ItemView:
    """One rubric item as a page shows it."""

    check: CheckResult
    answer: str | None = None
    answer_kind: str = "prose"  # "tex": one formula; "prose": text with $math$; "plain": typed text
    facts: list[tuple[str, str]] = field(default_factory=list)
    override: dict[str, Any] | None = None
    solution: Solution | None = None


def item_view(c: CheckResult, solution: Solution | None = None) -> ItemView:
    """What a page shows of one item: the answer as found, how it was read, measured figures."""
    d = c.details
    view = ItemView(c, solution=solution, override=d.get("override"))
    if "answer" in d:
        view.answer = str(d["answer"])
        view.answer_kind = "tex" if "found_in" in d and "read_as" in d else ("plain" if "read_as" in d else "prose")
    if "found_in" in d:
        view.facts.append(("found in", str(d["found_in"])))
    if "read_as" in d:
        view.facts.append(("read as", str(d["read_as"])))
    if isinstance(d.get("read"), dict):
        view.facts += [(f"{k} read as", str(v) if v else "—") for k, v in d["read"].items()]
    for row in d.get("claims") or []:
        if isinstance(row, dict):
            view.facts.append((str(row.get("claim")), f"stated {row.get('stated')}, measured {row.get('measured')}"))
    if isinstance(d.get("per_layer"), dict):
        view.facts += [(f"parameters of {k}", f"{v:,}" if isinstance(v, int) else str(v))
                       for k, v in d["per_layer"].items()]
    return view


def sparkline(values: Iterable[float], width: int = 360, height: int = 90) -> str:
    """SVG polyline points for a curve (numbers only, so nothing from a hand-in reaches the markup)."""
    ys = [float(v) for v in values if isinstance(v, (int, float))]
    if len(ys) < 2:
        return ""
    lo, hi = min(ys), max(ys)
    span = (hi - lo) or 1.0
    step = width / (len(ys) - 1)
    return " ".join(f"{i * step:.1f},{height - (y - lo) / span * height:.1f}" for i, y in enumerate(ys))


def page_context(result: SubmissionResult, solutions: dict[str, Solution] | None = None) -> dict[str, Any]:
    """Everything the student page template reads."""
    m = result.measurements
    curve = m.get("loss_curve") or []
    return {
        "result": result,
        "items": [item_view(c, (solutions or {}).get(c.id)) for c in result.checks],
        "accuracy": m.get("accuracy"),
        "epoch_losses": m.get("epoch_losses") or [],
        "curve": sparkline(curve),
        "curve_range": (min(curve), max(curve)) if len(curve) > 1 else None,
        "show_solutions": solutions is not None,
    }


def render_html(result: SubmissionResult, solutions: dict[str, Solution] | None = None,
                static_url: str | None = None) -> str:
    """The student's page. Standalone (KaTeX inlined, a CSP by hash) unless ``static_url`` names
    where the review app serves the same files."""
    from grader.review.assets import (
        environment,
        inline_scripts,
        katex_css_inline,
        static_text,
    )

    ctx = page_context(result, solutions)
    if static_url is None:
        script, script_hash = inline_scripts()
        ctx.update(standalone=True, script=script, katex_css=katex_css_inline(), page_css=static_text("page.css"),
                   csp=f"default-src 'none'; script-src {script_hash}; {STYLE_CSP}; base-uri 'none'; "
                       "form-action 'none'")
    else:
        ctx.update(standalone=False, static_url=static_url)
    return environment().get_template("student.html").render(ctx)


def render_index(entries: list[HandinResult], stats: ClassStats | None, title: str,
                 charts: dict[str, bytes]) -> str:
    """The instructor's page: the class at a glance, the charts, a link to every hand-in's page."""
    from grader.review.assets import environment

    rows = sorted(entries, key=lambda e: e.id)
    images = {name: "data:image/png;base64," + base64.b64encode(data).decode() for name, data in charts.items()}
    return environment().get_template("index.html").render(
        title=title, entries=rows, stats=stats, charts=images, csp=f"default-src 'none'; {STYLE_CSP}",
        todo={e.id: sum(c.status in ("review", "manual") for c in e.result.checks) for e in rows if e.result})


def write_html(result: SubmissionResult, out_dir: Path, solutions: dict[str, Solution] | None = None) -> Path:
    path = out_dir / result.submission / REPORT_HTML
    atomic_write(path, render_html(result, solutions))
    return path


def write_index(entries: list[HandinResult], rubric_name: str, out: Path, stats: ClassStats | None) -> Path:
    """``out/index.html``, with the charts the gradebook step has just drawn."""
    charts = {name: (out / name).read_bytes() for name in (SCORES_PNG, ITEMS_PNG) if (out / name).is_file()}
    path = out / INDEX_HTML
    atomic_write(path, render_index(entries, stats, rubric_name, charts))
    return path
