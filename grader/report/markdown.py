"""The Markdown report a student reads: every item, its points, and why.

Every piece of text that came from a hand-in (answers, values, claims, file names, notes,
even the id) goes through :mod:`grader.report.escape`, so the report's structure (its
headings, its table, its lists) is always the grader's own.
"""
from __future__ import annotations

from grader.report.escape import md_code, md_text
from grader.results import CheckResult, SubmissionResult


def render_markdown(result: SubmissionResult) -> str:
    lines = [
        f"# Grade report: {md_text(result.submission)}",
        "",
        f"**Score: {result.score:g} / {result.max_score:g}**",
        "",
        f"Rubric: {md_text(result.rubric)} · grader {md_text(result.grader_version)} · seed {result.seed} · "
        f"device {md_text(result.device)}",
        "",
        "| item | title | points | status | feedback |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in result.checks:
        lines.append(f"| {md_code(c.id)} | {md_text(c.title)} | {c.score:g} / {c.max_score:g} | {md_text(c.status)} | "
                     f"{md_text(c.feedback)} |")
    for a in result.adjustments:
        lines.append(f"| {md_code(a.id)} | {md_text(a.title)} | {a.points:+g} | adjustment | {md_text(a.reason)} |")
    details = [d for c in result.checks for d in _details(c)]
    if details:
        lines += ["", "## Details", "", *details]
    if result.notes:
        lines += ["", "## Notes", "", *[f"- {md_text(n)}" for n in result.notes]]
    m = result.measurements
    if m.get("epoch_losses"):
        lines += ["", "## Training", "", f"- test accuracy: {md_text(m.get('accuracy'))} %",
                  f"- training loss per epoch: {md_text(', '.join(_num(v, 4) for v in m['epoch_losses']))}",
                  "- loss curve (every 50 steps): "
                  + md_text(", ".join(_num(v, 3) for v in m.get("loss_curve") or []))]
    if result.timings:
        lines += ["", "## Timings", "", md_text(", ".join(f"{k} {_num(v)} s" for k, v in result.timings.items()))]
    return "\n".join(lines) + "\n"


def _num(value: object, digits: int | None = None) -> str:
    """A measured figure; anything that is not a number is shown as text (it came from a child)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:.{digits}f}" if digits is not None else f"{value:g}"
    return str(value)


def _details(c: CheckResult) -> list[str]:
    d = c.details
    item = md_code(c.id)
    out: list[str] = []
    if "answer" in d:
        where = f" ({md_text(d['found_in'])})" if "found_in" in d else ""
        out.append(f"- {item} answer{where}: {md_code(d['answer'])}")
        if "read_as" in d:
            out.append(f"  - read as: {md_code(d['read_as'])}")
        out.append(f"  - verdict: {md_text(c.status)}, {md_text(c.feedback)}")
    if isinstance(d.get("override"), dict):
        o = d["override"]
        grader = o.get("grader") or {}
        out.append(f"- {item} points set by a person: {_num(o.get('points'))} ({md_text(o.get('reason', ''))}); "
                   f"the grader gave {_num(grader.get('score'))} ({md_text(grader.get('status'))})")
    if isinstance(d.get("read"), dict):
        out.append(f"- {item} values read: " + ", ".join(f"{md_text(k)} = {md_code(v) if v else '—'}"
                                                            for k, v in d["read"].items()))
    if isinstance(d.get("claims"), list):
        for row in d["claims"]:
            if isinstance(row, dict):
                out.append(f"- {item} {md_text(row.get('claim'))}: stated {md_code(row.get('stated'))}, "
                           f"measured {md_text(row.get('measured'))}")
    if isinstance(d.get("per_layer"), dict):
        out.append(f"- {item} parameters per layer: "
                   + ", ".join(f"{md_text(k)} {md_text(_count(v))}" for k, v in d["per_layer"].items()))
    return out


def _count(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)
