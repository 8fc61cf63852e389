"""Student code runs in a child process; every way it can break becomes a clear result, never a crash."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from grader.pipeline import Options, grade_submission
from grader.sandbox.limits import Limits
from tests.helpers import GOOD_NET, without_training

CASES = {
    "syntax_error": ("class Net(nn.Module):\n    def __init__(self)\n        pass\n",
                     "failed while importing the code: SyntaxError"),
    "import_error": ("import no_such_package_xyz\n" + GOOD_NET,
                     "failed while importing the code: ModuleNotFoundError: No module named 'no_such_package_xyz'"),
    "other_name": (GOOD_NET.replace("class Net", "class MyNet"),
                   "no nn.Module class named 'Net'; nn.Module classes found: MyNet"),
    "init_raises": (GOOD_NET.replace("super().__init__()", "super().__init__()\n        raise ValueError('oops')"),
                    "failed while building the network: ValueError: oops (line"),
    "wrong_shape": (GOOD_NET.replace("nn.Linear(500, 10)", "nn.Linear(500, 20)"),
                    "forward returns shape 2×20, expected 2×10"),
    "not_a_tensor": (GOOD_NET.replace("return self.fc2(", "return 'logits', ("),
                     "forward returned tuple, not a tensor"),
    "nan_output": (GOOD_NET.replace("return self.fc2(F.relu(self.fc1(x.view(-1, 800))))",
                                    "return self.fc2(F.relu(self.fc1(x.view(-1, 800)))) * float('nan')"),
                   "forward returns NaN or infinite values"),
    "exit_in_init": (GOOD_NET.replace("super().__init__()", "super().__init__()\n        import os; os._exit(0)"),
                     "the process ended early (exit code 0) without a result"),
    "loop_in_forward": (GOOD_NET.replace("def forward(self, x):", "def forward(self, x):\n        while True: pass"),
                        "failed while running forward on a batch: timed out after 10 s"),
}


@pytest.fixture(scope="module")
def probe_rubric(rubric):
    """The homework's rubric without training: these cases are about building and running."""
    return without_training(rubric)


def handin(tmp_path: Path, code: str) -> Path:
    folder = tmp_path / "handin"
    folder.mkdir()
    (folder / "DeepMNIST.py").write_text(code)
    return folder


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_code_gets_a_clear_message(case: str, probe_rubric, tmp_path: Path) -> None:
    code, message = CASES[case]
    started = time.perf_counter()
    result = grade_submission(handin(tmp_path, code), probe_rubric, Options(limits=Limits(import_s=10, probe_s=10)))
    assert time.perf_counter() - started < 25
    build = result.check("code.build")
    assert build.status == "fail" and build.score == 0
    assert message in build.feedback, build.feedback
    # The written answers are still graded: a broken Net costs only the code items.
    assert result.check("p2.a").feedback == "no answer found"


def test_good_code_passes_and_top_level_script_code_is_skipped(probe_rubric, tmp_path: Path) -> None:
    marker = tmp_path / "ran.txt"
    code = ("import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n" + GOOD_NET +
            f"\nopen({str(marker)!r}, 'w').write('trained at import')\nmodel = Net()\n")
    result = grade_submission(handin(tmp_path, code), probe_rubric, Options())
    for item in ("code.build", "code.shapes", "code.params"):
        assert result.check(item).status == "pass", (item, result.check(item).feedback)
    assert not marker.exists()
    assert any("top-level script code was not run" in n for n in result.notes)


def test_missing_code_and_answers_are_notes_not_crashes(probe_rubric, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    result = grade_submission(folder, probe_rubric, Options())
    assert result.score == 0
    assert result.check("code.build").feedback == "no DeepMNIST.py in the hand-in"
    assert any("no answers.toml" in n for n in result.notes)


def test_broken_answer_file_costs_only_the_answers(probe_rubric, tmp_path: Path) -> None:
    folder = handin(tmp_path, "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n" + GOOD_NET)
    (folder / "answers.toml").write_bytes(b"\xff\xfe not toml \x00")
    result = grade_submission(folder, probe_rubric, Options())
    assert any("not valid UTF-8" in n for n in result.notes)
    assert result.check("code.build").status == "pass"


def test_child_cannot_see_the_graders_environment(probe_rubric, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GRADER_SECRET_TOKEN", "s3cr3t")
    code = GOOD_NET.replace("super().__init__()",
                            "super().__init__()\n        import os\n"
                            "        assert 'GRADER_SECRET_TOKEN' not in os.environ, 'leaked'")
    result = grade_submission(handin(tmp_path, code), probe_rubric, Options())
    assert result.check("code.build").status == "pass", result.check("code.build").feedback
    assert os.environ["GRADER_SECRET_TOKEN"] == "s3cr3t"


@pytest.mark.training
def test_a_cache_folder_under_tmp_stays_readable_by_the_child(rubric, data_root, tmp_path, monkeypatch) -> None:
    """The shared training files live in the grader's cache; the child's private /tmp must not hide them."""
    from tests.conftest import ROOT
    from tests.helpers import short_training

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    result = grade_submission(ROOT / "submissions" / "example-correct", short_training(rubric), Options(
        data_root=data_root))
    assert result.measurements["accuracy"] > 80, result.check("code.accuracy").feedback
