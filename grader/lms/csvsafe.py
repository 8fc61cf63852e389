"""CSV cells a spreadsheet will not run: text that starts like a formula is quoted with ``'``.

A student's name or a feedback line such as ``=HYPERLINK(…)`` must never become a formula when
staff open an export in a spreadsheet before uploading it. Numbers (``-2.5``) stay numbers, and a
lone ``-`` (Moodle's "no date") stays as it is.
"""
from __future__ import annotations

import csv
import io

from grader.report.escape import formula_guard


def guard(cell: object) -> str:
    """The cell as text, with a leading ``'`` when a spreadsheet would read it as a formula."""
    return formula_guard("" if cell is None else str(cell))


def is_guarded(cell: str) -> bool:
    """True when a spreadsheet would not evaluate ``cell`` (what the tests and checkers assert)."""
    return formula_guard(cell) == cell


def read_csv(text: str) -> tuple[list[list[str]], bool]:
    """Rows of a CSV export as the LMS wrote it, and whether it began with a byte-order mark."""
    bom = text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")))), bom


def write_csv(rows: list[list[str]], bom: bool = False) -> str:
    """Every cell guarded; the byte-order mark kept when the LMS's own file had one."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        w.writerow([guard(c) for c in row])
    return ("\ufeff" if bom else "") + buf.getvalue()


def number(value: float) -> str:
    """A grade as an LMS importer reads it: plain decimal, at most two places, no exponent."""
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
