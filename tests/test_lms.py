"""From the LMS and back: a course's download graded in one command, grades handed back in the files
each LMS imports, late penalties right and never taken twice."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from rich.console import Console

from grader.cli import main, merge_into_previous
from grader.errors import UsageError
from grader.lms import canvas, moodle
from grader.lms.csvsafe import guard, is_guarded
from grader.lms.gradescope import GradescopeSettings, results_json
from grader.lms.handins import HandIn, Student
from grader.lms.intake import detect_source, read_intake
from grader.lms.late import LatePolicy, apply_late, assess, parse_policy
from grader.lms.run import LmsSettings, grade_download
from grader.pipeline import Options
from grader.report.files import read_report
from grader.results import CheckResult, SubmissionResult
from grader.rubric import load_rubric
from tests.lms_fixtures import (
    MOODLE_HEADER,
    MOODLE_HEADER_DE,
    canvas_download,
    canvas_gradebook,
    canvas_import_problems,
    class_of,
    moodle_download,
    moodle_upload_problems,
    moodle_worksheet,
    report_only_rubric,
)

LATE = {3, 17}  # the two late hand-ins of the class


def quiet() -> Console:
    return Console(file=io.StringIO(), width=200)


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8").removeprefix("\ufeff"))))


def test_a_canvas_download_of_30_with_a_roster_and_two_late_hand_ins_grades_in_one_command(tmp_path: Path) -> None:
    people = class_of(30)  # 31 on the roster: the last has no hand-in; students 0 and 1 are both "Alex Kim"
    canvas_download(tmp_path / "submissions.zip", people[:30], LATE, resubmitted=5)
    template = canvas_gradebook(people)
    (tmp_path / "gradebook.csv").write_text(template, encoding="utf-8")
    (tmp_path / "course.toml").write_text('[late]\ndue = 2026-03-01T23:59:00Z\nper_day = 10\n', encoding="utf-8")
    rubric_path = report_only_rubric(tmp_path)
    out = tmp_path / "reports"
    console = quiet()
    assert main([str(tmp_path / "submissions.zip"), "--rubric", str(rubric_path), "--out", str(out), "-q",
                 "--canvas-template", str(tmp_path / "gradebook.csv"), "--course", str(tmp_path / "course.toml")],
                console) == 0
    exported = (out / "canvas-import.csv").read_text(encoding="utf-8")
    assert canvas_import_problems(exported, template) == []
    assert exported.startswith("\ufeff")  # Canvas's own byte-order mark kept

    rubric = load_rubric(rubric_path)
    reports = {p.parent.name: read_report(p) for p in out.glob("*/report.json")}
    assert len(reports) == 30 and {"kimalex_4100", "kimalex_4107"} <= set(reports)  # same name, two hand-ins
    by_uid = {r.submission.rsplit("_", 1)[1]: r for r in reports.values()}
    column = "Back propagation and MNIST (1207)"
    for row in rows_of(out / "canvas-import.csv")[1:]:
        uid = row["ID"]
        if uid not in by_uid:  # the student with no hand-in gets 0; Canvas's test student is left as it was
            assert row[column] == ("0" if uid == people[30].uid else "")
            continue
        result = by_uid[uid]
        i = next(n for n, p in enumerate(people) if p.uid == uid)
        penalty = round(0.1 * result.items_score, 4) if i in LATE else 0.0
        assert [a.points for a in result.adjustments] == ([-penalty] if i in LATE else [])
        assert result.score == pytest.approx(result.items_score - penalty)
        assert float(row[column]) == pytest.approx(round(result.score / rubric.max_score * 20, 2))
        assert float(row["Late penalty (read only)"]) == pytest.approx(-penalty, abs=0.01)
        assert row["Quiz 1 (1201)"] == "8.5"  # every other column as it was
    # the resubmitted answers (answers-1.toml) are the ones graded: student 5 handed in mistakes first
    fifth = by_uid[people[5].uid]
    assert fifth.check("p2.a").status == "pass"
    # the penalty is its own line of every report, and the gradebook's total has it
    late_one = by_uid[people[3].uid]
    assert "| `late` | Late penalty | -" in (out / late_one.submission / "report.md").read_text(encoding="utf-8")
    book = {r["id"]: r for r in csv.DictReader((out / "gradebook.csv").open(encoding="utf-8"))}
    assert float(book[late_one.submission]["total"]) == pytest.approx(late_one.score)
    summary = (out / "lms.md").read_text(encoding="utf-8")
    assert "## Late hand-ins" in summary and summary.count("day(s) late") == 2
    assert f"{people[30].name.split()[1]}, {people[30].name.split()[0]} ({people[30].uid})" in summary
    assert "Student, Test" not in summary
    assert "=HYPERLINK" in exported and "'=HYPERLINK" in exported  # the hostile name is guarded
    assert "canvas-import.csv" in console.file.getvalue()  # the command says what to upload where


def test_moodle_download_and_worksheet_round_trip_with_late_hand_ins(tmp_path: Path) -> None:
    people = class_of(30)
    moodle_download(tmp_path / "download.zip", people[:30])
    on_time = "Sunday, 1 March 2026, 10:00 PM"
    submitted = {p.uid: on_time for p in people[:30]}
    submitted[people[3].uid] = "Monday, 2 March 2026, 9:30 AM"  # 1 day late: 80 %
    submitted[people[17].uid] = "Wednesday, 4 March 2026, 8:00 AM"  # 3 days late: 50 %
    submitted[people[8].uid] = "Wednesday, 4 March 2026, 8:00 AM"  # 3 days late, but a 4-day extension
    submitted[people[9].uid] = "Monday, 2 March 2026, 12:05 AM"  # within the 10-minute grace period
    worksheet = moodle_worksheet(people, submitted)
    (tmp_path / "worksheet.csv").write_text(worksheet, encoding="utf-8")
    (tmp_path / "extensions.csv").write_text(f"student,days\n{people[8].uid},4\n", encoding="utf-8")
    (tmp_path / "course.toml").write_text(
        '[late]\ndue = 2026-03-01T23:59:00\ntimezone = "UTC"\ngrace_minutes = 10\nextensions_file = "extensions.csv"\n'
        'timeline = [{days = 2, credit = 80}, {days = 7, credit = 50}]\n', encoding="utf-8")
    out = tmp_path / "reports"
    assert detect_source(tmp_path / "download.zip") == "moodle"
    assert main([str(tmp_path / "download.zip"), "--rubric", str(report_only_rubric(tmp_path)), "--out", str(out),
                 "-q", "--moodle-worksheet", str(tmp_path / "worksheet.csv"), "--course", str(tmp_path / "course.toml")],
                quiet()) == 0
    exported = (out / "moodle-worksheet.csv").read_text(encoding="utf-8")
    assert moodle_upload_problems(exported, worksheet, "Grade", "Feedback comments") == []
    reports = {r.submission.rsplit("_", 1)[1]: r for r in map(read_report, out.glob("*/report.json"))}
    assert len(reports) == 30
    credit = {people[3].uid: 0.8, people[17].uid: 0.5}
    for row in rows_of(out / "moodle-worksheet.csv"):
        pid = row["Identifier"].removeprefix("Participant ")
        if pid not in reports:
            assert row["Grade"] == "0" and row["Feedback comments"] == "no hand-in"
            continue
        r = reports[pid]
        assert r.score == pytest.approx(r.items_score * credit.get(pid, 1.0), abs=1e-3), pid
        assert float(row["Grade"]) == pytest.approx(round(r.score / r.max_score * 20, 2))
        assert f"Total {r.score:g}" in row["Feedback comments"]
        assert ("Late penalty" in row["Feedback comments"]) == (pid in credit)


def test_a_localised_moodle_worksheet_keeps_its_header_names(tmp_path: Path) -> None:
    people = class_of(3, roster_extra=0)
    text = moodle_worksheet(people, {p.uid: "-" for p in people}, german=True)
    ws = moodle.read_worksheet(text)
    assert (ws.grade, ws.feedback) == (MOODLE_HEADER_DE.index("Bewertung"), MOODLE_HEADER_DE.index("Feedback als Kommentar"))
    filled = moodle.fill_worksheet(ws, {people[1].uid: moodle.MoodleGrade(11.5, 23, "=1+1 gut")})
    assert moodle_upload_problems(filled, text, "Bewertung", "Feedback als Kommentar") == []
    row = next(csv.reader(io.StringIO(filled.removeprefix("\ufeff").splitlines()[2])))
    assert row[0] == f"Teilnehmer/in {people[1].uid}" and row[4] == "10" and row[-1] == "'=1+1 gut"
    with pytest.raises(UsageError, match="no grade column"):
        moodle.read_worksheet(text.replace("Bewertung,", "Note?,", 1))
    assert len(MOODLE_HEADER) == len(MOODLE_HEADER_DE)


def test_canvas_file_names_late_markers_resubmissions_and_text_entries(tmp_path: Path) -> None:
    d = tmp_path / "dl"
    d.mkdir()
    for name in ("kimalex_LATE_4100_900_DeepMNIST.py", "kimalex_LATE_4100_901_report.md",
                 "kimalex_LATE_4100_905_report-1.md", "kimalex_4107_902_answers.toml", "leejo_4200_text.html",
                 "notes.txt"):
        (d / name).write_text(name)
    intake = read_intake(d, None, tmp_path / "scratch")
    assert intake.kind == "canvas"
    by = {h.id: h for h in intake.handins}
    assert set(by) == {"kimalex_4100", "kimalex_4107", "leejo_4200"}  # same name, two students
    assert by["kimalex_4100"].late and not by["kimalex_4107"].late
    assert sorted(by["kimalex_4100"].files) == ["DeepMNIST.py", "report.md"]
    assert by["kimalex_4100"].files["report.md"].name.endswith("report-1.md")  # the latest upload
    assert by["leejo_4200"].files == {"text.html": d / "leejo_4200_text.html"}
    assert intake.problems == ["notes.txt: not named as Canvas names downloaded files; left out"]


def test_gradescope_export_and_results_json(tmp_path: Path) -> None:
    export = tmp_path / "export"
    meta = {}
    for n, (name, sid) in enumerate([("Alex Kim", "111"), ("Alex Kim", "222"), ("Noor Haddad", "333")]):
        folder = export / f"submission_{5000 + n}"
        folder.mkdir(parents=True)
        (folder / "answers.toml").write_bytes((Path("submissions") / "example-correct" / "answers.toml").read_bytes())
        meta[folder.name] = (f":submitters:\n- :name: {name}\n  :sid: '{sid}'\n  :email: s{sid}@uni.example\n"
                             f":created_at: 2026-03-0{1 + n} 12:00:00.000000000 -08:00\n")
    (export / "submission_metadata.yml").write_text(
        "".join(f"{k}:\n" + "".join(f"  {line}\n" for line in v.splitlines()) for k, v in meta.items()))
    (tmp_path / "course.toml").write_text(
        '[late]\ndue = 2026-03-02T12:00:00-08:00\nper_day = 25\n\n[gradescope]\nvisibility = "after_published"\n'
        'items = { "p2.a" = "hidden" }\nleaderboard = ["accuracy", "param_count"]\n', encoding="utf-8")
    rubric = load_rubric(report_only_rubric(tmp_path))
    run = grade_download(export, rubric, Options(), tmp_path / "out", LmsSettings(
        course=tmp_path / "course.toml", gradescope=True))
    assert run.intake.kind == "gradescope" and {h.id for h in run.intake.handins} == {
        "alex-kim_111", "alex-kim_222", "noor-haddad_333"}
    late = json.loads((tmp_path / "out" / "noor-haddad_333" / "results.json").read_text())
    assert late["output_format"] == "md" and late["tests"][-1]["name"] == "Late penalty"
    assert late["tests"][-1]["score"] == pytest.approx(-0.25 * sum(t["score"] for t in late["tests"][:-1]))
    assert late["score"] == pytest.approx(sum(t["score"] for t in late["tests"]))
    visibility = {t["name"].split(":")[0]: t["visibility"] for t in late["tests"]}
    assert visibility["p2.a"] == "hidden" and visibility["p2.b"] == "after_published"
    on_time = json.loads((tmp_path / "out" / "alex-kim_222" / "results.json").read_text())
    assert all(t["name"] != "Late penalty" for t in on_time["tests"])
    result = SubmissionResult("x", [CheckResult("a", "A", 1, 1, "pass")], "v", 0, "cpu", "r",
                              {"accuracy": 99.2, "param_count": 431080})
    board = results_json(result, GradescopeSettings(leaderboard=("accuracy", "param_count")))["leaderboard"]
    assert board == [{"name": "Accuracy", "value": 99.2, "order": "desc"},
                     {"name": "Parameters", "value": 431080, "order": "asc"}]


def handin(at: datetime | None = None, late: bool | None = None, uid: str = "7") -> HandIn:
    return HandIn(f"s_{uid}", {}, Student("S", uid), at, late)


def test_late_policies_per_day_timeline_grace_extensions_and_floor(tmp_path: Path) -> None:
    due = datetime(2026, 3, 1, 23, 59, tzinfo=timezone.utc)
    per_day = LatePolicy(due=due, per_day=15, floor=40, grace_minutes=5)
    assert assess(per_day, handin(datetime(2026, 3, 2, 0, 3, tzinfo=timezone.utc))).credit == 100  # grace
    assert assess(per_day, handin(datetime(2026, 3, 2, 0, 5, tzinfo=timezone.utc))).credit == 85  # 1 started day
    assert assess(per_day, handin(datetime(2026, 3, 3, 23, 59, tzinfo=timezone.utc))).credit == 70  # exactly 2 days
    assert assess(per_day, handin(datetime(2026, 3, 20, tzinfo=timezone.utc))).credit == 40  # the floor
    assert assess(per_day, handin(late=True)).days == 1  # LMS marker, no time: one day
    assert assess(per_day, handin()).credit == 100
    timeline = parse_policy({"due": "2026-03-01", "timeline": [{"days": 7, "credit": 50}, {"days": 2, "credit": 80}],
                             "extensions": {"7": "2026-03-05T00:00:00Z", "8": 1}}, tmp_path / "c.toml")
    assert timeline.due == datetime(2026, 3, 1, 23, 59, 59, tzinfo=timezone.utc)  # a bare date: its end
    three_days = datetime(2026, 3, 4, 12, tzinfo=timezone.utc)
    assert assess(timeline, handin(three_days, uid="9")).credit == 50
    assert assess(timeline, handin(three_days, uid="8")).credit == 80  # one extra day: two days late
    assert assess(timeline, handin(three_days, uid="7")).credit == 100  # a new due date
    assert assess(timeline, handin(datetime(2026, 3, 12, tzinfo=timezone.utc), uid="9")).credit == 0
    with pytest.raises(UsageError, match="late.basis"):
        parse_policy({"basis": "whatever"}, tmp_path / "c.toml")
    with pytest.raises(UsageError, match="unknown key late.penalty"):
        parse_policy({"penalty": 3}, tmp_path / "c.toml")


def test_the_penalty_is_recomputed_never_taken_twice(tmp_path: Path) -> None:
    result = SubmissionResult("s_7", [CheckResult("a", "A", 8, 10, "partial")], "v", 0, "cpu", "r")
    policy = LatePolicy(due=datetime(2026, 3, 1, tzinfo=timezone.utc), per_day=10)
    late = handin(datetime(2026, 3, 2, 12, tzinfo=timezone.utc))
    for _ in range(3):
        apply_late(result, policy, late)
    assert [a.points for a in result.adjustments] == [-1.6] and result.score == pytest.approx(6.4)
    stored = SubmissionResult.from_dict(json.loads(json.dumps(result.to_dict())))
    apply_late(stored, policy, late)
    assert stored.score == pytest.approx(6.4) and len(stored.adjustments) == 1
    possible = LatePolicy(due=policy.due, per_day=10, basis="possible")
    apply_late(stored, possible, late)
    assert stored.score == pytest.approx(6.0)  # 20 % of the 10 possible points
    apply_late(stored, policy, handin(datetime(2026, 2, 28, tzinfo=timezone.utc)))
    assert stored.adjustments == [] and stored.score == 8
    # a regrade of one item (--only) keeps the stored penalty once, not on top of a reduced score
    (tmp_path / "s_7").mkdir()
    (tmp_path / "s_7" / "report.json").write_text(json.dumps(result.to_dict()))
    update = SubmissionResult("s_7", [CheckResult("a", "A", 9, 10, "partial")], "v", 0, "cpu", "r")
    merged = merge_into_previous(update, tmp_path / "s_7" / "report.json")
    assert merged.items_score == 9 and len(merged.adjustments) == 1
    apply_late(merged, policy, late)
    assert merged.score == pytest.approx(9 * 0.8)


def test_a_rerun_reuses_reports_and_recomputes_the_penalty(tmp_path: Path) -> None:
    people = class_of(4, roster_extra=0)
    canvas_download(tmp_path / "dl.zip", people, {1})
    course = tmp_path / "course.toml"
    course.write_text('[late]\ndue = 2026-03-01T23:59:00Z\nper_day = 10\n', encoding="utf-8")
    rubric = load_rubric(report_only_rubric(tmp_path))
    settings = LmsSettings(course=course)
    first = grade_download(tmp_path / "dl.zip", rubric, Options(), tmp_path / "out", settings)
    again = grade_download(tmp_path / "dl.zip", rubric, Options(), tmp_path / "out", settings)
    assert all(e.reused for e in again.entries)
    assert [e.result.score for e in again.entries] == [e.result.score for e in first.entries]
    late_id = f"{people[1].sortable}_{people[1].uid}"
    assert len(read_report(tmp_path / "out" / late_id / "report.json").adjustments) == 1
    course.write_text('[late]\ndue = 2026-03-01T23:59:00Z\nper_day = 10\nunknown_days = 0\n', encoding="utf-8")
    forgiven = grade_download(tmp_path / "dl.zip", rubric, Options(), tmp_path / "out", settings)
    stored = read_report(tmp_path / "out" / late_id / "report.json")
    assert stored.adjustments == [] and stored.score == stored.items_score
    assert next(r for r in forgiven.rows if r.handin and r.handin.id == late_id).penalty == 0


def test_plain_folders_with_a_roster_list_who_is_missing_and_what_fits_no_one(tmp_path: Path) -> None:
    klass = tmp_path / "class"
    for name in ("s4100", "s4107", "stranger"):
        (klass / name).mkdir(parents=True)
        (klass / name / "answers.toml").write_bytes((Path("submissions") / "example-correct" / "answers.toml")
                                                    .read_bytes())
    (tmp_path / "roster.csv").write_text("First Name,Last Name,SID,Email\nAlex,Kim,4100,s4100@uni.example\n"
                                         "Alex,Kim,4107,s4107@uni.example\nNoor,Haddad,4114,s4114@uni.example\n")
    run = grade_download(klass, load_rubric(report_only_rubric(tmp_path)), Options(), tmp_path / "out",
                         LmsSettings(roster=tmp_path / "roster.csv", missing="blank"))
    status = {(r.student.lms_id if r.student else r.handin.id): r.status for r in run.rows}
    assert status == {"4100": "needs review", "4107": "needs review", "4114": "missing",
                      "stranger": "no student on the roster"}
    plain = rows_of(tmp_path / "out" / "grades.csv")
    assert [r["total"] for r in plain if r["status"] == "missing"] == [""]  # blank, as asked
    assert "## Hand-ins of no student on the roster" in (tmp_path / "out" / "lms.md").read_text()


def test_canvas_export_refuses_to_guess_the_column_and_guards_cells() -> None:
    people = class_of(2, roster_extra=0)
    template = canvas_gradebook(people, hostile=False).replace("Quiz 1 (1201)", "Back propagation quiz (1201)")
    with pytest.raises(UsageError, match="matches 2 assignment columns"):
        canvas.fill_gradebook(template, {}, None, "Back propagation", [])
    text, column = canvas.fill_gradebook(template, {people[0].uid: canvas.CanvasGrade(0.5, {}, 0)}, "1207",
                                         "Back propagation", [], with_items=False)
    assert column == "Back propagation and MNIST (1207)" and canvas_import_problems(text, template) == []
    assert guard("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0" and guard("-2.5") == "-2.5"
    assert guard("@SUM(A1)") == "'@SUM(A1)" and guard("+1 day") == "'+1 day" and guard("Kim, Alex") == "Kim, Alex"
    assert not is_guarded("=1+1") and is_guarded(guard("=1+1"))


def test_moodle_flat_files_and_unsafe_downloads(tmp_path: Path) -> None:
    people = class_of(2, roster_extra=0)
    moodle_download(tmp_path / "flat.zip", people, flat=True)
    intake = read_intake(tmp_path / "flat.zip", None, tmp_path / "scratch")
    assert intake.kind == "moodle" and [h.id for h in intake.handins] == ["alex-kim_4100", "alex-kim_4107"]
    assert all(list(h.files) == ["answers.toml"] for h in intake.handins)
    import zipfile

    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as zf:
        zf.writestr("../escape.txt", "x")
    with pytest.raises(UsageError, match="unsafe path"):
        read_intake(tmp_path / "evil.zip", None, tmp_path / "scratch2")
    assert not (tmp_path / "escape.txt").exists()
