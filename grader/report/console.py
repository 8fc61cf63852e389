"""The console report (rich): a table of checks and the total."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from grader.results import SubmissionResult

STYLE = {"pass": "green", "partial": "yellow", "fail": "red", "error": "bold red", "manual": "cyan",
         "review": "magenta"}


def render_console(result: SubmissionResult, console: Console) -> None:
    table = Table(title=f"{result.submission}: {result.score:g} / {result.max_score:g}", title_justify="left",
                  show_lines=False, expand=False)
    table.add_column("item", style="bold", no_wrap=True)
    table.add_column("points", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("feedback", overflow="fold")
    for c in result.checks:
        style = STYLE.get(c.status, "")
        table.add_row(c.id, f"{c.score:g}/{c.max_score:g}", f"[{style}]{c.status}[/]", c.feedback)
    for a in result.adjustments:
        table.add_row(a.id, f"{a.points:+g}", "[yellow]adjustment[/]", f"{a.title}: {a.reason}")
    console.print(table)
    for note in result.notes:
        console.print(f"[yellow]note:[/] {note}")
    acc = result.measurements.get("accuracy")
    if acc is not None:
        losses = result.measurements.get("epoch_losses") or []
        console.print(f"test accuracy {acc:.2f} % · loss per epoch {', '.join(f'{v:.4f}' for v in losses)}")
    console.print(f"[bold]total {result.score:g} / {result.max_score:g}[/]  "
                  f"(seed {result.seed}, device {result.device}, {result.timings.get('total_s', 0):.1f} s)")
