"""The Markdown report a student reads: every item, its points, and why."""
from __future__ import annotations

from typing import Any

from grader.results import CheckResult, SubmissionResult


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(result: SubmissionResult) -> str:
    lines = [
        f"# Grade report: {result.submission}",
        "",
        f"**Score: {result.score:g} / {result.max_score:g}**",
        "",
        f"Rubric: {result.rubric} · grader {result.grader_version} · seed {result.seed} · device {result.device}",
        "",
        "| item | title | points | status | feedback |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in result.checks:
        lines.append(f"| `{c.id}` | {_cell(c.title)} | {c.score:g} / {c.max_score:g} | {c.status} | "
                     f"{_cell(c.feedback)} |")
    for a in result.adjustments:
        lines.append(f"| `{a.id}` | {_cell(a.title)} | {a.points:+g} | adjustment | {_cell(a.reason)} |")
    details = [d for c in result.checks for d in _details(c)]
    if details:
        lines += ["", "## Details", "", *details]
    if result.notes:
        lines += ["", "## Notes", "", *[f"- {n}" for n in result.notes]]
    m = result.measurements
    if m.get("epoch_losses"):
        lines += ["", "## Training", "", f"- test accuracy: {m.get('accuracy')} %",
                  f"- training loss per epoch: {', '.join(f'{v:.4f}' for v in m['epoch_losses'])}",
                  f"- loss curve (every 50 steps): {', '.join(f'{v:.3f}' for v in m.get('loss_curve') or [])}"]
    if result.timings:
        lines += ["", "## Timings", "", ", ".join(f"{k} {v:g} s" for k, v in result.timings.items())]
    return "\n".join(lines) + "\n"


def _details(c: CheckResult) -> list[str]:
    d = c.details
    out: list[str] = []
    if "answer" in d:
        where = f" ({d['found_in']})" if "found_in" in d else ""
        out.append(f"- `{c.id}` answer{where}: `{_cell(d['answer'])}`")
        if "read_as" in d:
            out.append(f"  - read as: `{_cell(d['read_as'])}`")
        out.append(f"  - verdict: {c.status}, {_cell(c.feedback)}")
    if "override" in d:
        o = d["override"]
        out.append(f"- `{c.id}` points set by a person: {o['points']:g} ({_cell(o['reason'])}); "
                   f"the grader gave {o['grader']['score']:g} ({o['grader']['status']})")
    if "read" in d:
        out.append(f"- `{c.id}` values read: " + ", ".join(f"{k} = {v or '—'}" for k, v in d["read"].items()))
    if "claims" in d:
        for row in d["claims"]:
            out.append(f"- `{c.id}` {row['claim']}: stated {row['stated']}, measured {row['measured']}")
    if "per_layer" in d:
        out.append(f"- `{c.id}` parameters per layer: " + ", ".join(f"{k} {v:,}" for k, v in d["per_layer"].items()))
    return out
