"""STACK-style rubric tests: sample answers in the rubric, graded as hand-ins, with their expected verdicts."""
from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from grader.cli import main
from grader.errors import RubricError
from grader.rubric import check_rubric_samples, load_rubric
from grader.samples import sample_report
from tests.conftest import RUBRIC_PATH

WRITTEN = ("p1.a", "p1.b.i", "p1.b.ii", "p1.c", "p1.d", "p1.e.w2", "p1.e.w1", "p1.f.grad", "p1.f.update",
           "p2.a", "p2.b", "p2.c")


def test_every_sample_of_the_real_rubric_gets_its_verdict(rubric) -> None:
    results = check_rubric_samples(rubric)
    by_item = {i: [r for r in results if r.item == i] for i in WRITTEN}
    assert all(by_item.values()), [i for i, rs in by_item.items() if not rs]
    graded = [i for i in WRITTEN if rubric.item(i).check != "manual"]
    for item in graded:  # right answers and slips alike
        expects = {r.sample.expect for r in by_item[item]}
        assert "pass" in expects and expects - {"pass"}, (item, expects)
    assert all(not r.problem for r in results)


def edited(tmp_path: Path, old: str, new: str) -> Path:
    text = RUBRIC_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "rubric.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if needle in line)
    return max(i for i in range(at + 1) if lines[i].strip() == "[[item.samples]]") + 1


def test_a_sample_that_regresses_names_the_file_and_line(tmp_path: Path) -> None:
    path = edited(tmp_path, "conv1: 520, relu1: 0, pool1: 0, conv2: 25,050", "conv1: 521, relu1: 0, pool1: 0, conv2: 25,050")
    rubric = load_rubric(path)  # samples are validated, not graded, on an ordinary load
    with pytest.raises(RubricError) as info:
        check_rubric_samples(rubric)
    assert str(info.value).startswith(f"{path}:{line_of(path, 'conv1: 521')}: item p2.c: sample")
    assert "expected pass, graded partial" in str(info.value) and "conv1: 521 is off by one" in str(info.value)
    with pytest.raises(RubricError):
        load_rubric(path, samples=True)


@pytest.mark.parametrize("old, new, says", [
    ("expect = 'manual'", "expect = 'great'", "expect must be one of"),
    ("expect = 'manual'", "expect = 'manual'\nverdict = 'x'", "unknown key 'verdict'"),
    ("\ncredit = 0.34", "\ncredit = 3", "credit must be a number from 0 to 1"),
])
def test_malformed_samples_fail_on_every_load(tmp_path: Path, old: str, new: str, says: str) -> None:
    path = edited(tmp_path, old, new)
    with pytest.raises(RubricError) as info:
        load_rubric(path)
    assert says in str(info.value) and str(info.value).startswith(f"{path}:")


def test_selftest_runs_the_samples_first_and_stops_on_a_regression(capsys, tmp_path: Path) -> None:
    path = edited(tmp_path, "conv1: 520, relu1: 0, pool1: 0, conv2: 25,050", "conv1: 521, relu1: 0, pool1: 0, conv2: 25,050")
    total = sum(len(i.samples) for i in load_rubric(RUBRIC_PATH).items)
    code = main(["--selftest", "--rubric", str(path), "--out", str(tmp_path / "r")],
                console=Console(width=300, force_terminal=False))
    out = capsys.readouterr()
    assert code == 2 and f"rubric samples: {total - 1}/{total} passed" in out.out
    assert f"{path}:{line_of(path, 'conv1: 521')}" in out.err and not (tmp_path / "r").exists()


def test_sample_reports_put_the_answer_in_its_part() -> None:
    assert sample_report("1.b.i", "x = 1", math=True) == "## Problem 1\n\n(b)\n\n(i)\n\n$$x = 1$$\n"
    assert sample_report("2.c", "conv1: 520", math=False).endswith("(c)\n\nconv1: 520\n")
