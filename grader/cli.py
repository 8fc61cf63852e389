"""The ``grade`` command: argument parsing, exit codes and error lines; nothing else.

Exit codes: 0 when the hand-in was graded (whatever its score), else the error's own
``exit_code`` (errors.py: 2 on usage, rubric, plugin or hand-in errors, 1 when grading could
not proceed), 1 on an internal failure. ``main(argv)`` is what tests call.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from grader import __version__
from grader.batch import BatchEntry, grade_batch, is_batch
from grader.errors import GraderError, UsageError
from grader.executors import make_executor
from grader.lms.intake import detect_source
from grader.lms.run import LmsSettings, grade_download, print_lms
from grader.overrides import FILE_NAME, apply_overrides
from grader.pipeline import Options, grade_submission
from grader.regrade import merged, only_item
from grader.report import write_reports
from grader.report.charts import ITEMS_PNG, SCORES_PNG
from grader.report.console import render_console
from grader.report.escape import console_text
from grader.report.files import read_report
from grader.report.gradebook import ClassStats, class_stats
from grader.results import SubmissionResult
from grader.rubric import Rubric, check_rubric_samples, load_rubric, sample_results
from grader.sandbox import protocol
from grader.sandbox.isolation import IsolationUnavailable, bubblewrap
from grader.sandbox.limits import GiB, Limits
from grader.weights_cache import default_cache_dir

RUBRIC_ENV = "GRADER_RUBRIC"
CACHE_ENV = "GRADER_WEIGHTS_CACHE"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="grade", description="Grade homework hand-ins against a rubric.")
    p.add_argument("submission", nargs="?",
                   help="a hand-in (folder or report file), or a folder of hand-ins (or of their zip files)")
    p.add_argument("--selftest", action="store_true",
                   help="grade the rubric's sample answers, then the reference solution; "
                   "fail unless all agree")
    p.add_argument("--rubric", help=f"rubric TOML file (default: ${RUBRIC_ENV}, else the installed homework's)")
    p.add_argument("--out", default="reports", help="folder for report files (default: reports/)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto", help="where to train (default auto)")
    p.add_argument("--seed", type=int, default=0, help="seed for sampling and training (default 0)")
    p.add_argument("--data-root", help="dataset folder (default: $GRADER_DATA_ROOT, else a cache folder)")
    p.add_argument("--threads", type=int, help="CPU threads for training (default: all available cores)")
    p.add_argument("--memory-gb", type=float, default=4.0, help="memory limit of student code (default 4)")
    p.add_argument("--import-timeout", type=float, default=60.0, help="seconds to import and build the network (60)")
    p.add_argument("--train-timeout", type=float,
                   help="seconds to train (default: the rubric's, else 900)")
    p.add_argument("--eval-timeout", type=float, default=120.0, help="seconds to evaluate (default 120)")
    p.add_argument("--workers", type=int,
                   help="hand-ins graded at once in a batch (default: one per core, as memory allows)")
    p.add_argument("--executor", choices=("local", "ray"), default="local",
                   help="where a batch is graded: this machine's pool (default) or a Ray cluster (the ray extra)")
    p.add_argument("--address", default="auto",
                   help="with --executor ray: the cluster (auto: the one started here; ray://host:port)")
    p.add_argument("--gpu-share", type=float, default=0.0, metavar="F",
                   help="with --executor ray: the GPU fraction each training hand-in asks for (0.25: four per GPU)")
    p.add_argument("--force", action="store_true", help="in a batch, regrade hand-ins whose report is current")
    p.add_argument("--weights-cache", metavar="DIR",
                   help=f"trained weights by network fingerprint (default: ${CACHE_ENV}, else a cache folder)")
    p.add_argument("--no-weights-cache", action="store_true", help="train every network, use no cached weights")
    p.add_argument("--allow-unisolated", action="store_true",
                   help="run student code without namespaces where bubblewrap is missing (limits only; every "
                        "report says so)")
    p.add_argument("--only", metavar="ITEM",
                   help="regrade one rubric item (its id) of a graded hand-in, or of every hand-in of a class "
                        "whose report is current (the others are graded in full)")
    p.add_argument("--format", choices=("default", "gradescope"), default="default",
                   help="gradescope: also write Gradescope's results.json per hand-in")
    lms = p.add_argument_group("a course's LMS (download in, grades back out)")
    lms.add_argument("--from", dest="lms_from", choices=("canvas", "moodle", "gradescope", "folders"),
                     help="the download's layout (default: detected where unambiguous)")
    lms.add_argument("--roster", metavar="CSV", help="the course's roster, the LMS's own export as it is")
    lms.add_argument("--canvas-template", metavar="CSV", help="Canvas's gradebook export, filled for import")
    lms.add_argument("--canvas-column", metavar="NAME", help="the Canvas assignment column to fill (name or id)")
    lms.add_argument("--no-canvas-items", action="store_true", help="no read-only per-item columns in the Canvas file")
    lms.add_argument("--moodle-worksheet", metavar="CSV", help="Moodle's offline grading worksheet, filled for upload")
    lms.add_argument("--moodle-grade-column", metavar="NAME", help="the worksheet's grade column, if not found by name")
    lms.add_argument("--moodle-feedback-column", metavar="NAME", help="the worksheet's feedback comments column")
    lms.add_argument("--course", metavar="TOML", help="course file: [late] policy and [gradescope] settings")
    lms.add_argument("--missing", choices=("zero", "blank"), default="zero",
                     help="a rostered student without a hand-in: 0 (default) or the LMS's cell left as it is")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    p.add_argument("-v", "--verbose", action="store_true", help="full tracebacks on errors")
    p.add_argument("--version", action="version", version=f"grade {__version__}")
    return p


def default_rubric() -> Path:
    """$GRADER_RUBRIC, else the single homework installed under ``reference/``."""
    if os.environ.get(RUBRIC_ENV):
        return Path(os.environ[RUBRIC_ENV])
    found = sorted(str(p / "rubric.toml") for p in resources.files("reference").iterdir()
                   if (p / "rubric.toml").is_file())
    if len(found) != 1:
        raise UsageError(f"{len(found)} homeworks installed; choose one with --rubric")
    return Path(found[0])


def main(argv: Sequence[str] | None = None, console: Console | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["review"]:  # `grade review REPORTS_DIR`: the review app has its own flags
        from grader.review.cli import main as review_main

        return review_main(argv[1:], console)
    console = console or Console()
    err = Console(stderr=True, soft_wrap=True)
    args = build_parser().parse_args(argv)
    try:
        if args.selftest == bool(args.submission):
            raise UsageError("give a hand-in folder, or --selftest")
        if not 0 <= args.gpu_share <= 1:
            raise UsageError(f"--gpu-share {args.gpu_share:g}: give a fraction of one GPU, between 0 and 1")
        if args.device == "cuda":
            import torch

            if not torch.cuda.is_available():
                raise UsageError("--device cuda, but no CUDA device is available")
        rubric = load_rubric(args.rubric or default_rubric())
        limits = Limits(import_s=args.import_timeout, eval_s=args.eval_timeout, memory_bytes=int(args.memory_gb * GiB))
        options = Options(seed=args.seed, device=args.device, data_root=args.data_root, threads=args.threads,
                          limits=limits, train_timeout_s=args.train_timeout, hidden=(Path(args.out).resolve(),),
                          weights_cache=_weights_cache(args), allow_unisolated=args.allow_unisolated)
        if rubric.requests().runs_child:
            _check_isolation(args.allow_unisolated, err)
        if args.selftest:
            return _selftest(rubric, options, Path(args.out), console, args.quiet)
        batch = is_batch(Path(args.submission), rubric)
        lms = _lms_settings(args, Path(args.submission), batch or Path(args.submission).suffix.lower() == ".zip")
        narrowed = only_item(rubric, args.only) if args.only else None  # an unknown item: refused before grading
        if lms is not None or batch:  # --only there: that item of every hand-in whose report is current
            _batch(Path(args.submission), rubric, options, Path(args.out), console, args, lms)
            return 0
        rubric = narrowed or rubric
        _grade(Path(args.submission), rubric, options, Path(args.out), console, args.quiet,
               args.format == "gradescope", merge=bool(args.only))
        return 0
    except GraderError as exc:  # each error type carries its exit code (errors.py)
        _error(err, exc, args.verbose)
        return exc.exit_code
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # noqa: BLE001 - an internal failure gets one line (traceback with -v)
        _error(err, exc, args.verbose, internal=True)
        return 1


def _check_isolation(allowed: bool, err: Console) -> None:
    """Refuse to run student code without namespaces, unless told to (then say so on the console)."""
    if bubblewrap() is not None:
        return
    if not allowed:
        raise IsolationUnavailable("bubblewrap cannot create a sandbox on this machine, and student code runs "
                                   "only in one")
    err.print("[bold red]WARNING[/]: student code runs WITHOUT isolation (--allow-unisolated): limits only, "
              "no namespaces; every report says so")


def _weights_cache(args: argparse.Namespace) -> Path | None:
    if args.no_weights_cache:
        return None
    return Path(args.weights_cache or os.environ.get(CACHE_ENV) or default_cache_dir()).expanduser().resolve()


def merge_into_previous(update: SubmissionResult, stored: Path) -> SubmissionResult:
    """The stored result with the regraded items replaced; the update alone if nothing is stored."""
    previous = read_report(stored)
    if previous is None:
        update.notes.append("no earlier report to update: only the regraded item is in this report")
        return update
    return merged(previous, update)


def _grade(folder: Path, rubric: Rubric, options: Options, out: Path, console: Console, quiet: bool,
           gradescope: bool = False, merge: bool = False) -> SubmissionResult:
    with _progress(console, quiet) as on_event:
        result = grade_submission(folder, rubric, options, on_event)
    if merge:  # --only: the new verdict of one item replaces that item in the stored report
        result = merge_into_previous(result, out / result.submission / "report.json")
    apply_overrides(result, out / result.submission / FILE_NAME)
    written = write_reports(result, out, gradescope)  # the reports first: nothing on the console can lose them
    render_console(result, console)
    console.print(Text(f"reports: {written / 'report.json'}, {written / 'report.md'}"))
    return result


def _lms_settings(args: argparse.Namespace, source: Path, batch: bool) -> LmsSettings | None:
    """LMS settings when the command names an LMS file or flag, or the download is an LMS's; else None."""
    files = (args.roster, args.canvas_template, args.moodle_worksheet, args.course)
    kind = args.lms_from or detect_source(source)
    if kind is None and not any(files):
        return None
    if kind is None and not batch:
        raise UsageError("--roster, --canvas-template, --moodle-worksheet and --course need a class: a download "
                         "(folder or zip) or a folder of hand-ins")
    def path(value: str | None) -> Path | None:
        return Path(value) if value else None

    return LmsSettings(kind, path(args.roster), path(args.canvas_template), args.canvas_column,
                       not args.no_canvas_items, path(args.moodle_worksheet), args.moodle_grade_column,
                       args.moodle_feedback_column, path(args.course), args.missing, args.format == "gradescope")


def _batch(folder: Path, rubric: Rubric, options: Options, out: Path, console: Console,
           args: argparse.Namespace, lms: LmsSettings | None = None) -> None:
    from rich.table import Table

    progress = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                        TextColumn("{task.fields[state]}"), TimeRemainingColumn(), console=console, transient=True,
                        disable=args.quiet)
    counts = {"done": 0, "failed": 0, "total": 0, "workers": 1}
    with progress:
        task = progress.add_task("grading", total=None, state="reading the hand-ins")

        def planned(total: int, workers: int) -> None:
            counts.update(total=total, workers=workers)
            progress.update(task, total=total, state=f"running {min(workers, total)}")

        def done(entry: BatchEntry) -> None:
            counts["done"] += 1
            counts["failed"] += entry.result is None or "error" in entry.result.measurements
            running = min(counts["workers"], counts["total"] - counts["done"])
            progress.update(task, advance=1, description=f"graded {escape(console_text(entry.id).plain)}",
                            state=f"running {running} · failed {counts['failed']}")

        executor = make_executor(args.executor, args.address, args.gpu_share)
        try:
            if lms is None:
                entries = grade_batch(folder, rubric, options, out, workers=args.workers, force=args.force,
                                      gradescope=args.format == "gradescope", on_done=done, on_planned=planned,
                                      executor=executor, only=args.only)
            else:
                run = grade_download(folder, rubric, options, out, lms, workers=args.workers, force=args.force,
                                     on_done=done, on_planned=planned, executor=executor, only=args.only)
                entries = run.entries
        finally:
            if executor is not None:
                executor.shutdown()
    table = Table(title=f"{folder}: {len(entries)} hand-ins", title_justify="left")
    for column in ("hand-in", "total", "status"):
        table.add_column(column)
    for e in entries:  # ids and errors hold student text: shown as Text, never parsed as markup
        if e.result is None:
            table.add_row(console_text(e.id), "—", Text.assemble(("error", "bold red"), ": ", console_text(e.error)))
        else:
            state = Text("reused" if e.reused else "graded")
            if e.error:
                state = Text.assemble(state, "; ", console_text(e.error, "bold red"))
            table.add_row(console_text(e.id), f"{e.result.score:g}/{e.result.max_score:g}", state)
    console.print(table)
    stats = class_stats(entries, rubric)
    if stats is not None:
        _print_class(stats, console)
    console.print(Text(f"gradebook: {out / 'gradebook.csv'}, summary: {out / 'summary.md'}, charts: "
                       f"{out / SCORES_PNG}, {out / ITEMS_PNG}"))
    if lms is not None:
        print_lms(run, out, console)


def _print_class(stats: ClassStats, console: Console) -> None:
    """The class summary on the console: the distribution line, each item, the commonest mistakes."""
    from rich.table import Table

    console.print(stats.line())
    items = Table(title="items", title_justify="left")
    for column in ("item", "passed", "mean points"):
        items.add_column(column)
    for i in stats.items:
        items.add_row(console_text(i.id), f"{i.pass_rate:.0%}", f"{i.mean:.2f} / {i.points:g}")
    console.print(items)
    for text, n in stats.mistakes[:5]:
        console.print(Text.assemble(f"  {n} × ", console_text(text)), highlight=False)


def _selftest(rubric: Rubric, options: Options, out: Path, console: Console, quiet: bool) -> int:
    if rubric.reference.write_reference_handin is None:
        raise UsageError("this homework's reference cannot write a reference hand-in")
    results = sample_results(rubric)  # the rubric's sample answers first: seconds, before any training
    failed = [r for r in results if r.problem]
    console.print(f"rubric samples: {len(results) - len(failed)}/{len(results)} passed", highlight=False)
    for r in failed:
        console.print(f"  [red]FAILED[/] {rubric.path}:{r.sample.line}: {r.describe()}", highlight=False)
    if failed:
        check_rubric_samples(rubric)  # raises the RubricError of the first failure (exit 2)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reference-solution"
        rubric.reference.write_reference_handin(folder)
        result = _grade(folder, rubric, options, out, console, quiet)
    short = [c for c in result.checks if c.status != "manual" and c.score < c.max_score]
    if short:
        console.print(f"[bold red]selftest FAILED[/]: the reference solution lost points on "
                      f"{', '.join(c.id for c in short)}")
        return 1
    console.print("[bold green]selftest passed[/]: the reference solution earns every automatic point")
    return 0


class _progress:
    """A rich progress bar fed by the child's training events."""

    def __init__(self, console: Console, quiet: bool) -> None:
        self.quiet = quiet or not console.is_terminal
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[info]}"),
                            TimeRemainingColumn(), console=console, transient=True)
        self.task: Any = None

    def __enter__(self):
        if self.quiet:
            return None
        self.bar.start()
        self.task = self.bar.add_task("running the code", total=None, info="")
        return self.on_event

    def on_event(self, event: protocol.Event) -> None:
        if isinstance(event, protocol.Progress):
            self.bar.update(self.task, description=f"training epoch {event.epoch}", completed=event.step,
                            total=event.total, info=f"loss {event.loss:.4f}")
        elif isinstance(event, protocol.Training):
            self.bar.update(self.task, description="evaluating on the test images", info="")

    def __exit__(self, *exc: object) -> None:
        if not self.quiet:
            self.bar.stop()


def _error(console: Console, exc: BaseException, verbose: bool, internal: bool = False) -> None:
    label = "internal error" if internal else "ERROR"
    console.print(Text.assemble((label, "bold red"), ": ", console_text(exc)), highlight=False)
    tip = getattr(exc, "tip", None)
    if tip:
        console.print(Text.assemble(("TIP", "yellow"), ": ", console_text(tip)), highlight=False)
    if verbose:
        console.print(Text(traceback.format_exc()), highlight=False)
    elif internal:
        console.print("run again with -v for the traceback", highlight=False)


def entrypoint() -> None:
    sys.exit(main())
