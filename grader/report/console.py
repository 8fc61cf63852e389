"""The console report (rich): a table of checks and the total.

Student text (ids, feedback quoting answers, notes naming files) is given to rich as
:class:`rich.text.Text`, never as markup: a ``[`` in an answer must not be parsed.
"""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from grader.report.escape import console_text
from grader.results import SubmissionResult

STYLE = {"pass": "green", "partial": "yellow", "fail": "red", "error": "bold red", "manual": "cyan",
         "review": "magenta"}


def render_console(result: SubmissionResult, console: Console) -> None:
    title = Text.assemble(console_text(result.submission, limit=200), f": {result.score:g} / {result.max_score:g}")
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    table.add_column("item", style="bold", no_wrap=True)
    table.add_column("points", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("feedback", overflow="fold")
    for c in result.checks:
        table.add_row(console_text(c.id), f"{c.score:g}/{c.max_score:g}",
                      console_text(c.status, STYLE.get(c.status, "")), console_text(c.feedback))
    for a in result.adjustments:
        table.add_row(console_text(a.id), f"{a.points:+g}", Text("adjustment", "yellow"),
                      console_text(f"{a.title}: {a.reason}"))
    console.print(table)
    for note in result.notes:
        console.print(Text.assemble(("note:", "yellow"), " ", console_text(note)))
    acc = result.measurements.get("accuracy")
    if isinstance(acc, (int, float)):
        losses = [v for v in result.measurements.get("epoch_losses") or [] if isinstance(v, (int, float))]
        console.print(Text(f"test accuracy {acc:.2f} % · loss per epoch {', '.join(f'{v:.4f}' for v in losses)}"))
    console.print(Text.assemble((f"total {result.score:g} / {result.max_score:g}", "bold"),
                                f"  (seed {result.seed}, device {one(result.device)}, "
                                f"{result.timings.get('total_s', 0):.1f} s)"))


def one(text: object) -> str:
    return console_text(text, limit=40).plain
