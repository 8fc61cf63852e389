"""A class at once: every hand-in graded, one broken hand-in never stops the others, re-runs resume."""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from grader.batch import grade_batch, is_batch
from grader.pipeline import Options
from grader.sandbox.limits import Limits
from tests.conftest import ROOT
from reference.mnist_backprop.classgen import EXPECTED_LOSSES, write_class
from tests.helpers import quick_class_rubric, without_training
from tests.helpers import GOOD_NET


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
    for chart in ("scores.png", "items.png"):
        assert (out / chart).read_bytes().startswith(b"\x89PNG") and chart in summary
    for name in ("alice", "bob", "carol", "dave"):
        assert (out / name / "report.json").is_file() and (out / name / "report.md").is_file()
        stored = json.loads((out / name / "report.json").read_text())
        assert len(stored["resume_key"]) == 32 and "cache_key" not in stored["measurements"]

    # A re-run reuses every unchanged report; a changed hand-in is regraded.
    (klass / "bob" / "answers.toml").write_text((klass / "bob" / "answers.toml").read_text()
                                                .replace('conv1 = "500"', 'conv1 = "520"'))
    started = time.perf_counter()
    again = {e.id: e for e in grade_batch(klass, probe_only, options, out)}
    assert [i for i, e in sorted(again.items()) if e.result and not e.reused] == ["bob"]
    assert again["bob"].result.score > entries["bob"].result.score
    assert again["alice"].result.score == entries["alice"].result.score
    assert time.perf_counter() - started < 30


def lost_points(result) -> dict[str, float]:
    """Automatic items that did not earn full points, and what they earned."""
    return {c.id: round(c.score, 4) for c in result.checks if c.status != "manual" and c.score < c.max_score}


@pytest.mark.training
def test_a_generated_class_of_30_is_graded_in_one_command(rubric, data_root, tmp_path: Path) -> None:
    kinds = write_class(tmp_path / "class", ROOT / "submissions", size=30)
    out = tmp_path / "reports"
    options = Options(data_root=data_root, limits=Limits(import_s=20, probe_s=8), weights_cache=tmp_path / "cache")
    entries = grade_batch(tmp_path / "class", quick_class_rubric(rubric), options, out, workers=2)
    assert len(entries) == 30 and all(e.result is not None for e in entries)
    rows = {r["id"]: r for r in csv.DictReader((out / "gradebook.csv").open())}
    for e in entries:
        assert lost_points(e.result) == EXPECTED_LOSSES[kinds[e.id]], (e.id, e.result.checks)
        assert float(rows[e.id]["total"]) == pytest.approx(e.result.score, abs=1e-3)
    standard = [e for e in entries if kinds[e.id] in ("correct", "sequential", "mistakes")]
    assert len(standard) == 21 and all(e.result.measurements["weights_from_cache"] for e in standard)
    assert len({e.result.measurements["accuracy"] for e in standard}) == 1
    summary = (out / "summary.md").read_text()
    assert "30 hand-ins, 30 graded" in summary


KILL_MIX = ["correct", "sequential", "mistakes", "wide", "broken-syntax", "hostile-forward-loops", "correct",
            "mistakes"]
BATCH_SCRIPT = """
import json, sys
from pathlib import Path
from grader.batch import grade_batch
from grader.pipeline import Options
from grader.rubric import load_rubric
from grader.sandbox.limits import Limits
from tests.conftest import RUBRIC_PATH
from reference.mnist_backprop.classgen import EXPECTED_LOSSES, write_class
from tests.helpers import quick_class_rubric, without_training
entries = grade_batch(Path(sys.argv[1]), without_training(load_rubric(RUBRIC_PATH)),
                      Options(limits=Limits(import_s=20, probe_s=6)), Path(sys.argv[2]), workers=2)
print(json.dumps({e.id: e.reused for e in entries}))
"""


def run_batch(klass: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", BATCH_SCRIPT, str(klass), str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True, start_new_session=True)


def test_a_batch_killed_with_sigkill_resumes_to_the_same_gradebook(tmp_path: Path) -> None:
    klass = tmp_path / "class"
    write_class(klass, ROOT / "submissions", size=len(KILL_MIX), mix=KILL_MIX)
    whole = run_batch(klass, tmp_path / "uninterrupted")
    assert whole.wait(timeout=600) == 0

    out = tmp_path / "killed"
    batch = run_batch(klass, out)
    deadline = time.monotonic() + 300
    while len(list(out.glob("*/report.json"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(batch.pid, signal.SIGKILL)
    batch.wait()
    finished = {p.parent.name for p in out.glob("*/report.json")}
    assert 3 <= len(finished) < len(KILL_MIX) and not (out / "gradebook.csv").exists()
    for report in out.glob("*/report.json"):
        json.loads(report.read_text())  # whole, never half-written

    resumed = run_batch(klass, out)
    stdout, _ = resumed.communicate(timeout=600)
    reused = json.loads(stdout.strip().splitlines()[-1])
    assert {k for k, v in reused.items() if v} == finished  # only the unfinished ones were graded again
    assert (out / "gradebook.csv").read_bytes() == (tmp_path / "uninterrupted" / "gradebook.csv").read_bytes()
