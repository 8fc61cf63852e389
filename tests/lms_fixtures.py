"""Made-up course downloads in the layouts Canvas, Moodle and Gradescope document (no real student data),
and checkers written from the rules their importers apply."""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT, RUBRIC_PATH

FAST_CHECKS = ("manual", "value")  # no code run, no expression sampling: a class of 30 in seconds
FIRST = ["Alex", "Sam", "Noor", "Jonas", "Mei", "Ravi", "Lena", "Omar", "Zoë", "Ines", "Tariq", "Yuki", "Pia",
         "Kofi", "Elif", "Marta", "Dario", "Hana", "Igor", "Lucía", "Ben", "Aiko", "Sven", "Nadia", "Theo",
         "Rosa", "Femi", "Ola", "Kai", "Vera", "Emil"]
LAST = ["Kim", "Okafor", "Haddad", "Berg", "Chen", "Patel", "Vogel", "Nasser", "Dubois", "Silva", "Rahman",
        "Sato", "Lind", "Mensah", "Yilmaz", "Costa", "Rossi", "Novak", "Petrov", "García", "Adler", "Mori",
        "Holm", "Karimi", "Wolf", "Ortiz", "Adeyemi", "Nilsen", "Lee", "Horak", "Brandt"]


@dataclass(frozen=True)
class Person:
    name: str
    uid: str  # Canvas user id / Moodle participant id
    login: str
    section: str
    kind: str  # correct, mistakes, report

    @property
    def sortable(self) -> str:
        first, last = self.name.split(" ", 1)
        return re.sub(r"[^a-z]", "", f"{last}{first}".lower())


def class_of(size: int = 30, roster_extra: int = 1) -> list[Person]:
    """``size`` students with hand-ins plus ``roster_extra`` without; two of them share a name."""
    people = []
    for i in range(size + roster_extra):
        name = f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}" if i != 1 else "Alex Kim"  # same name as student 0
        kind = "report" if i % 10 == 9 else ("correct", "mistakes")[i % 2]
        people.append(Person(name, str(4100 + i * 7), f"s{4100 + i * 7}@uni.example", f"Section {'AB'[i % 2]}",
                             kind))
    return people


def report_only_rubric(folder: Path) -> Path:
    """The homework's rubric with only its manual and value items: the written answers, read and graded
    in milliseconds (no code run, no training)."""
    text = RUBRIC_PATH.read_text(encoding="utf-8")
    head, *items = text.split("\n[[item]]\n")
    kept = [b for b in items if any(f'check = "{c}"' in b for c in FAST_CHECKS)]
    path = folder / "rubric.toml"
    path.write_text("\n[[item]]\n".join([head, *kept]), encoding="utf-8")
    return path


def handin_files(kind: str) -> dict[str, bytes]:
    """A student's files as they upload them: answers.toml, or a report with its code.

    (Most leave the code out here: the tests' rubric does not run it, and the class summary compares
    every pair of hand-ins' code, which costs seconds per identical pair.)"""
    source = {"correct": "example-correct", "mistakes": "example-mistakes", "report": "example-report"}[kind]
    files = {p.name: p.read_bytes() for p in sorted((ROOT / "submissions" / source).iterdir())}
    return files if kind == "report" else {"answers.toml": files["answers.toml"]}


# ---------------------------------------------------------------- Canvas

def canvas_download(path: Path, people: list[Person], late: set[int], resubmitted: int | None = None) -> None:
    """"Download Submissions": ``<name>[_LATE]_<user id>_<submission id>_<file>`` in one flat zip."""
    with zipfile.ZipFile(path, "w") as zf:
        for i, p in enumerate(people):
            marker = "_LATE" if i in late else ""
            for n, (name, data) in enumerate(handin_files(p.kind).items()):
                zf.writestr(f"{p.sortable}{marker}_{p.uid}_{90000 + i * 10 + n}_{name}", data)
            if i == resubmitted:  # an earlier wrong answers.toml, then the right one uploaded again as -1
                zf.writestr(f"{p.sortable}{marker}_{p.uid}_{90000 + i * 10 + 8}_answers.toml",
                            handin_files("mistakes")["answers.toml"])
                zf.writestr(f"{p.sortable}{marker}_{p.uid}_{90000 + i * 10 + 9}_answers-1.toml",
                            handin_files("correct")["answers.toml"])


CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Quiz 1 (1201)",
                 "Back propagation and MNIST (1207)", "Current Points", "Final Points", "Current Score",
                 "Unposted Current Score", "Final Score", "Unposted Final Score"]


def canvas_gradebook(people: list[Person], hostile: bool = True) -> str:
    """The instructor's gradebook export: student info, two assignments, Canvas's read-only totals."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CANVAS_HEADER)
    w.writerow(["    Points Possible", "", "", "", "", "10.00", "20.00", *["(read only)"] * 6])
    for i, p in enumerate(people):
        first, last = p.name.split(" ", 1)
        name = "=HYPERLINK(\"http://x.example\",\"click\")" if hostile and i == 4 else f"{last}, {first}"
        w.writerow([name, p.uid, f"S{p.uid}", p.login.split("@")[0], p.section, "8.5", "", "8.5", "8.5", "85",
                    "85", "85", "85"])
    w.writerow(["Student, Test", "9999", "", "", "Section A", "", "", "", "", "", "", "", ""])
    return "\ufeff" + buf.getvalue()


CANVAS_INFO = {"Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Root Account", "Section"}
FORMULA = ("=", "+", "-", "@")


def formula_like(cell: str) -> bool:
    """What a spreadsheet would evaluate: text after =, +, - or @ (a number or a lone sign is not)."""
    return len(cell) > 1 and cell.startswith(FORMULA) and not re.match(r"^[+-]?\d+(\.\d+)?$", cell)


def canvas_import_problems(exported: str, template: str) -> list[str]:
    """What Canvas's gradebook importer would reject or misread, from its documented rules.

    The first header cells are ``Student`` and ``ID``; the student-info columns end with ``Section``;
    the ``Points Possible`` row is kept; every column it does not know becomes a new assignment unless
    it is read-only (header ending in ``(read only)`` or ``(read only)`` in the Points Possible row);
    assignment headers stay ``Name (id)`` as in the template; rows are matched by ``ID``."""
    rows = list(csv.reader(io.StringIO(exported.removeprefix("\ufeff"))))
    old = list(csv.reader(io.StringIO(template.removeprefix("\ufeff"))))
    problems: list[str] = []
    header = rows[0]
    if header[:2] != ["Student", "ID"]:
        problems.append(f"first header cells are {header[:2]}, not Student, ID")
    if "Section" not in header or any(h not in CANVAS_INFO for h in header[:header.index("Section") + 1]):
        problems.append("the student-info columns do not end with Section")
    possible = next((r for r in rows[1:3] if r and r[0].strip() == "Points Possible"), None)
    if possible is None:
        problems.append("no Points Possible row")
    for i, h in enumerate(header):
        if h in old[0] or h in CANVAS_INFO:
            continue
        read_only = h.endswith("(read only)") or (possible is not None and possible[i] == "(read only)")
        if not read_only:
            problems.append(f"column {h!r} would become a new assignment")
    for h in old[0]:
        if re.match(r"^.+ \(\d+\)$", h) and h not in header:
            problems.append(f"assignment column {h!r} was renamed or dropped")
    if [r[1] for r in rows[1:]] != [r[1] for r in old[1:]]:
        problems.append("the rows' IDs differ from the template's")
    for r in rows[1:]:
        for i, cell in enumerate(r):
            if formula_like(cell):
                problems.append(f"row {r[1]}: cell {header[i]!r} starts like a formula: {cell!r}")
        for i, h in enumerate(header):
            if re.match(r"^.+ \(\d+\)$", h) and r[i] and r[0].strip() != "Points Possible":
                try:
                    float(r[i])
                except ValueError:
                    problems.append(f"row {r[1]}: grade {r[i]!r} in {h!r} is not a number")
    return problems


# ---------------------------------------------------------------- Moodle

MOODLE_HEADER = ["Identifier", "Full name", "Email address", "Status", "Grade", "Maximum Grade",
                 "Grade can be changed", "Last modified (submission)", "Online text", "Last modified (grade)",
                 "Feedback comments"]
MOODLE_HEADER_DE = ["Kennung", "Vollständiger Name", "E-Mail-Adresse", "Status", "Bewertung", "Bestwertung",
                    "Bewertung kann geändert werden", "Zuletzt geändert (Abgabe)", "Online-Texteingabe",
                    "Zuletzt geändert (Bewertung)", "Feedback als Kommentar"]


def moodle_download(path: Path, people: list[Person], flat: bool = False) -> None:
    """"Download all submissions": a folder ``<Full Name>_<participant id>_assignsubmission_file_`` each."""
    with zipfile.ZipFile(path, "w") as zf:
        for p in people:
            prefix = f"{p.name}_{p.uid}_assignsubmission_file_"
            for name, data in handin_files(p.kind).items():
                zf.writestr(f"{prefix}{name}" if flat else f"{prefix}/{name}", data)


def moodle_worksheet(people: list[Person], submitted: dict[str, str], german: bool = False) -> str:
    """The offline grading worksheet as Moodle exports it (``Participant N`` identifiers)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(MOODLE_HEADER_DE if german else MOODLE_HEADER)
    for p in people:
        when = submitted.get(p.uid, "-")
        status = ("Zur Bewertung abgegeben" if german else "Submitted for grading") if when != "-" else (
            "Keine Abgabe" if german else "No submission")
        ident = f"{'Teilnehmer/in' if german else 'Participant'} {p.uid}"
        w.writerow([ident, p.name, p.login, status, "", "20,00" if german else "20.00", "Ja" if german else "Yes",
                    when, "", "-", ""])
    return "\ufeff" + buf.getvalue()


def moodle_upload_problems(exported: str, worksheet: str, grade: str, feedback: str) -> list[str]:
    """What Moodle's worksheet upload needs: the same header, the same identifiers in the same rows,
    only the grade and feedback cells changed, grades within the maximum, no formula cells."""
    rows = list(csv.reader(io.StringIO(exported.removeprefix("\ufeff"))))
    old = list(csv.reader(io.StringIO(worksheet.removeprefix("\ufeff"))))
    problems = []
    if rows[0] != old[0]:
        problems.append(f"header changed: {rows[0]}")
    g, f, top = old[0].index(grade), old[0].index(feedback), 5
    if len(rows) != len(old):
        problems.append("row count changed")
    for new, was in zip(rows[1:], old[1:]):
        changed = [old[0][i] for i, (a, b) in enumerate(zip(new, was)) if a != b and i not in (g, f)]
        if changed:
            problems.append(f"{was[0]}: cells other than grade and feedback changed: {changed}")
        if new[g] and not 0 <= float(new[g]) <= float(was[top].replace(",", ".")):
            problems.append(f"{was[0]}: grade {new[g]} outside 0..{was[top]}")
        if any(formula_like(c) for c in new):
            problems.append(f"{was[0]}: a cell starts like a formula")
    return problems
