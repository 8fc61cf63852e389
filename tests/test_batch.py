"""A class at once: every hand-in graded, one broken hand-in never stops the others, re-runs resume."""
from __future__ import annotations

import csv
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from grader.batch import grade_batch, is_batch
from grader.pipeline import Options
from grader.sandbox.limits import Limits
from tests.conftest import ROOT
from tests.helpers import without_training
from tests.test_sandbox import GOOD_NET


@pytest.fixture
def klass(tmp_path: Path) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copytree(ROOT / "submissions" / "example-correct", folder / "alice")
    shutil.copytree(ROOT / "submissions" / "example-mistakes", folder / "bob")
    (folder / "carol").mkdir()
    (folder / "carol" / "DeepMNIST.py").write_text(
        GOOD_NET.replace("def forward(self, x):", "def forward(self, x):\n        while True: pass"))
    with zipfile.ZipFile(folder / "dave.zip", "w") as zf:
        for f in (ROOT / "submissions" / "example-report").iterdir():
            zf.write(f, f"dave/{f.name}")
    with zipfile.ZipFile(folder / "eve.zip", "w") as zf:
        zf.writestr("../../escape.txt", "x")
    return folder


def test_a_class_is_graded_and_one_broken_hand_in_stops_nothing(rubric, klass: Path, tmp_path: Path) -> None:
    probe_only = without_training(rubric)
    out = tmp_path / "reports"
    options = Options(limits=Limits(import_s=20, probe_s=8))
    assert is_batch(klass, probe_only) and not is_batch(klass / "alice", probe_only)
    entries = {e.id: e for e in grade_batch(klass, probe_only, options, out)}
    assert set(entries) == {"alice", "bob", "carol", "dave", "eve"}
    assert entries["carol"].result.check("code.build").feedback.endswith("timed out after 8 s")
    assert entries["alice"].result.check("code.shapes").status == "pass"
    assert entries["dave"].result.check("p1.e.w1").status == "pass"  # the zip's report was read
    assert "unsafe path" in entries["eve"].error and not (tmp_path / "escape.txt").exists()
    rows = list(csv.reader((out / "gradebook.csv").open()))
    assert rows[0][:2] == ["id", "total"] and rows[1][0] == "MAX" and rows[1][1] == f"{probe_only.max_score:g}"
    by_id = {r[0]: r for r in rows[2:]}
    assert by_id["eve"][-2] == "error" and float(by_id["alice"][1]) > float(by_id["bob"][1])
    summary = (out / "summary.md").read_text()
    assert "5 hand-ins, 4 graded, 1 could not be graded" in summary and "Most common mistakes" in summary
    for name in ("alice", "bob", "carol", "dave"):
        assert (out / name / "report.json").is_file() and (out / name / "report.md").is_file()

    # A re-run reuses every unchanged report; a changed hand-in is regraded.
    (klass / "bob" / "answers.toml").write_text((klass / "bob" / "answers.toml").read_text()
                                                .replace('conv1 = "500"', 'conv1 = "520"'))
    started = time.perf_counter()
    again = {e.id: e for e in grade_batch(klass, probe_only, options, out)}
    assert [i for i, e in sorted(again.items()) if e.result and not e.reused] == ["bob"]
    assert again["bob"].result.score > entries["bob"].result.score
    assert again["alice"].result.score == entries["alice"].result.score
    assert time.perf_counter() - started < 30
