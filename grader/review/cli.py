"""``grade review REPORTS_DIR``: start the review app on the reports of a graded class."""
from __future__ import annotations

import argparse
import getpass
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from grader.errors import GraderError, UsageError


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="grade review", description="Finish a class's grades in the browser: "
                                "review and manual items, overrides with an audit trail, bulk grading.")
    p.add_argument("reports", help="the reports folder of a graded class (reports/)")
    p.add_argument("--rubric", help="rubric TOML file (default: $GRADER_RUBRIC, else the installed homework's)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free port)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.add_argument("--grader", metavar="NAME", help="who is grading, kept with every override (default: OS user)")
    p.add_argument("--submissions", metavar="DIR", help="the hand-ins, to show their code (read, never run)")
    p.add_argument("--show-solutions", action="store_true",
                   help="put the reference answers in the students' pages (report.html)")
    p.add_argument("--export", action="store_true",
                   help="write every report.html and index.html from the stored reports, then exit")
    return p


def main(argv: Sequence[str], console: Console | None = None) -> int:
    console = console or Console()
    err = Console(stderr=True, soft_wrap=True)
    args = build_parser().parse_args(argv)
    from grader.cli import default_rubric
    from grader.review.store import ReviewStore
    from grader.review.views import solutions
    from grader.rubric import load_rubric

    try:
        reports = Path(args.reports)
        if not reports.is_dir():
            raise UsageError(f"{reports} is not a folder of reports")
        rubric = load_rubric(args.rubric or default_rubric())
        store = ReviewStore(reports, rubric, args.grader or _os_user(),
                            Path(args.submissions) if args.submissions else None,
                            solutions(rubric) if args.show_solutions else None)
        if args.export:
            store.write_pages()
            console.print(f"wrote report.html for {len(store.results)} hand-ins and {reports / 'index.html'}")
            return 0
        from grader.review.server import serve

        try:
            serve(store, args.host, args.port, not args.no_browser,
                  lambda line: console.print(line, highlight=False, soft_wrap=True))
        finally:
            store.flush()  # the charts and index.html of the last saves
        return 0
    except GraderError as exc:
        err.print(f"[bold red]ERROR[/]: {exc}", highlight=False)
        return exc.exit_code
    except OSError as exc:
        err.print(f"[bold red]ERROR[/]: {exc}", highlight=False)
        return GraderError.exit_code
    except KeyboardInterrupt:
        return 0


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
