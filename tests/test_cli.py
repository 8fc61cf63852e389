"""The grade command: exit codes, error lines and report files (no training here)."""
from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from grader.cli import main
from tests.conftest import ROOT


def run(argv: list[str], capsys) -> tuple[int, str]:
    console = Console(width=200, force_terminal=False)
    code = main(argv, console=console)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_usage_errors_exit_2(capsys, tmp_path: Path) -> None:
    code, out = run([], capsys)
    assert code == 2 and "give a hand-in folder, or --selftest" in out
    code, out = run([str(tmp_path / "nope")], capsys)
    assert code == 2 and "is neither a hand-in folder nor a report file" in out


def test_rubric_errors_exit_2_before_grading(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "rubric.toml"
    bad.write_text('[homework]\nreference = "reference.mnist_backprop"\n[[item]]\nid = "a"\npoints = 1\ncheck = "x"\n')
    code, out = run([str(ROOT / "submissions" / "example-correct"), "--rubric", str(bad),
                     "--out", str(tmp_path / "r")], capsys)
    assert code == 2 and f"{bad}:3: item a: unknown check 'x'" in out
    assert not (tmp_path / "r").exists()


def test_grades_and_writes_reports(capsys, tmp_path: Path) -> None:
    """A rubric without the code items: the written answers of the correct example, end to end."""
    text = (ROOT / "reference" / "mnist_backprop" / "rubric.toml").read_text()
    answers_only = text.split("# ---------------------------------------------------------------- the code")[0]
    rubric = tmp_path / "answers.toml"
    rubric.write_text(answers_only)
    out_dir = tmp_path / "reports"
    code, out = run([str(ROOT / "submissions" / "example-correct"), "--rubric", str(rubric), "--out", str(out_dir)],
                    capsys)
    assert code == 0, out
    report = json.loads((out_dir / "example-correct" / "report.json").read_text())
    assert report["submission"] == "example-correct"
    assert report["score"] == report["max_score"] - 4  # p1.a and p1.c (2 points each) wait for a person
    assert {c["status"] for c in report["checks"]} == {"pass", "manual"}
    for key in ("grader_version", "seed", "device", "accuracy", "param_count", "timings"):
        assert key in report
    for check in report["checks"]:
        assert set(check) >= {"id", "score", "max_score", "status", "feedback"}
    md = (out_dir / "example-correct" / "report.md").read_text()
    assert "| `p1.e.w1` | (e) ∂f/∂w1 | 2 / 2 | pass | correct |" in md
    assert "read as:" in md
    assert "total" in out and "p1.f.grad" in out


def test_only_regrades_one_item_of_a_stored_report(capsys, tmp_path: Path) -> None:
    text = (ROOT / "reference" / "mnist_backprop" / "rubric.toml").read_text()
    rubric = tmp_path / "answers.toml"
    rubric.write_text(text.split("# ---------------------------------------------------------------- the code")[0])
    handin = tmp_path / "h"
    handin.mkdir()
    answers = (ROOT / "submissions" / "example-mistakes" / "answers.toml").read_text()
    (handin / "answers.toml").write_text(answers)
    out = tmp_path / "reports"
    assert run([str(handin), "--rubric", str(rubric), "--out", str(out)], capsys)[0] == 0
    first = json.loads((out / "h" / "report.json").read_text())
    (handin / "answers.toml").write_text(answers.replace('"p1.b.i" = "-exp', '"p1.b.i" = "exp'))
    (handin / "answers.toml").write_text((handin / "answers.toml").read_text().replace('conv1 = "500"', 'conv1 = "520"'))
    assert run([str(handin), "--rubric", str(rubric), "--out", str(out), "--only", "p1.b.i"], capsys)[0] == 0
    second = json.loads((out / "h" / "report.json").read_text())
    by_id = {c["id"]: c for c in second["checks"]}
    assert by_id["p1.b.i"]["score"] == 1 and second["score"] == first["score"] + 0.5
    assert by_id["p2.c"] == {c["id"]: c for c in first["checks"]}["p2.c"]  # not regraded
    code, out_text = run([str(handin), "--rubric", str(rubric), "--out", str(out), "--only", "nope"], capsys)
    assert code == 2 and "no such rubric item" in out_text


def test_a_class_folder_is_graded_with_a_summary_on_the_console(capsys, tmp_path: Path) -> None:
    """The batch command end to end, with the rubric's training item left out (the training tier has it)."""
    from reference.mnist_backprop.classgen import write_class

    text = (ROOT / "reference" / "mnist_backprop" / "rubric.toml").read_text()
    start = text.index('[[item]]\nid = "code.accuracy"')
    no_training = tmp_path / "rubric.toml"
    no_training.write_text(text[:start] + text[text.index("[[item]]", start + 1):])
    write_class(tmp_path / "class", ROOT / "submissions", size=3, mix=["correct", "broken-syntax", "sequential"])
    out = tmp_path / "reports"
    code, printed = run([str(tmp_path / "class"), "--rubric", str(no_training), "--out", str(out), "-q"], capsys)
    assert code == 0, printed
    flat = " ".join(printed.split())  # the console wraps long lines (a parallel run's temporary paths are longer)
    assert "3 hand-ins" in flat and "Score out of 28: mean" in flat
    assert "code.build" in flat and "67%" in flat  # two of three built
    assert f"charts: {out / 'scores.png'}" in printed.replace("\n", "")
    assert (out / "gradebook.csv").read_text().count("\n") == 5  # header, MAX, three hand-ins


def test_only_in_a_class_regrades_that_item_of_every_current_report(capsys, tmp_path: Path) -> None:
    """--only on a class folder: each current report gets that item regraded and keeps the rest; a hand-in
    changed since its report is graded in full (every report ends current); an unknown item is refused."""
    text = (ROOT / "reference" / "mnist_backprop" / "rubric.toml").read_text()
    rubric = tmp_path / "answers.toml"
    rubric.write_text(text.split("# ---------------------------------------------------------------- the code")[0])
    klass, out = tmp_path / "class", tmp_path / "reports"
    for name, example in (("ann", "example-correct"), ("ben", "example-mistakes")):
        (klass / name).mkdir(parents=True)
        (klass / name / "answers.toml").write_text((ROOT / "submissions" / example / "answers.toml").read_text())
    args = [str(klass), "--rubric", str(rubric), "--out", str(out), "-q"]
    assert run(args, capsys)[0] == 0
    first = {n: json.loads((out / n / "report.json").read_text()) for n in ("ann", "ben")}
    stored = json.loads((out / "ann" / "report.json").read_text())  # a stale verdict on two items of ann's report
    for check in stored["checks"]:
        if check["id"] in ("p1.b.i", "p2.c"):
            check.update(score=0.0, status="fail", feedback="stale")
    (out / "ann" / "report.json").write_text(json.dumps(stored))
    ben = klass / "ben" / "answers.toml"
    ben.write_text(ben.read_text().replace('conv1 = "500"', 'conv1 = "520"'))  # changed since its report
    code, printed = run(args + ["--only", "p1.b.i"], capsys)
    assert code == 0, printed
    ann = {c["id"]: c for c in json.loads((out / "ann" / "report.json").read_text())["checks"]}
    assert ann["p1.b.i"] == {c["id"]: c for c in first["ann"]["checks"]}["p1.b.i"]  # regraded
    assert ann["p2.c"]["feedback"] == "stale"  # kept: only p1.b.i was regraded
    ben_after = json.loads((out / "ben" / "report.json").read_text())
    assert len(ben_after["checks"]) == len(first["ben"]["checks"])  # graded in full
    assert ben_after["score"] > first["ben"]["score"]  # conv1 = 520 is right
    header = (out / "gradebook.csv").read_text().splitlines()[0]
    assert "p1.b.i" in header and "p2.c" in header  # the gradebook keeps every item
    code, printed = run(args + ["--only", "nope"], capsys)
    assert code == 2 and "no such rubric item" in printed
