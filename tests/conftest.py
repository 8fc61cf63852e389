"""Shared fixtures: the repository, the course folder beside it, the data root, the rubric, the suite's one
trained-weights cache (and the homework's network trained into it once), and a count of trainings."""
from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from grader.rubric import Rubric, load_rubric

if TYPE_CHECKING:
    from grader.results import SubmissionResult

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GRADER_SHARED", ROOT.parent / "shared"))
RUBRIC_PATH = ROOT / "reference" / "mnist_backprop" / "rubric.toml"
TRAININGS: Counter[str] = Counter()  # child runs of this session that trained, or loaded cached weights


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric(RUBRIC_PATH)


@pytest.fixture(scope="session")
def data_root() -> str:
    """MNIST's root: $GRADER_DATA_ROOT, else the course's shared datasets folder. Never a download."""
    root = os.environ.get("GRADER_DATA_ROOT") or str(SHARED / "datasets")
    if not (Path(root) / "MNIST" / "raw" / "train-images-idx3-ubyte").is_file():
        pytest.fail(f"MNIST not found under {root}: set GRADER_DATA_ROOT")
    return root


@pytest.fixture(scope="session", autouse=True)
def private_weights_cache(tmp_path_factory) -> Path:
    """The suite's one trained-weights cache, never the user's: the CLI's (through $GRADER_WEIGHTS_CACHE) and
    the end-to-end tests' that grade the homework's own network (through ``Options.weights_cache``).

    Tests about the cache itself, about determinism or about hostile code keep their own (or none). In a parallel
    run each worker has its own: the tests that use it live in one file, kept on one worker (``--dist loadfile``).
    """
    folder = tmp_path_factory.mktemp("weights-cache")
    os.environ["GRADER_WEIGHTS_CACHE"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def trained_reference(rubric: Rubric, data_root: str, private_weights_cache: Path,
                      tmp_path_factory) -> SubmissionResult:
    """The homework's reference network trained once per suite with the rubric's own recipe, as the cache's
    trusted entry: every later grading of the same network (the examples, the self-test, the sample hand-in)
    evaluates these weights in its own class instead of training again."""
    from grader.pipeline import Options, grade_submission

    assert rubric.reference.write_reference_handin is not None
    folder = tmp_path_factory.mktemp("reference") / "reference"
    rubric.reference.write_reference_handin(folder)
    options = Options(data_root=data_root, weights_cache=private_weights_cache)
    return grade_submission(folder, rubric, options, trusted=True)


@pytest.fixture(scope="session", autouse=True)
def count_trainings() -> Iterator[Counter[str]]:
    """Count the child runs that trained and those that loaded cached weights (the suite's slowest work), and
    how the children started (warm or cold).

    Only where the collected tests loaded the pipeline (importing it here would cost every quick run torch).
    """
    pipeline = sys.modules.get("grader.pipeline")
    if pipeline is None:
        yield TRAININGS
        return
    original = pipeline.run_child

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the same call, counted
        run = original(*args, **kwargs)
        if run.training is not None:
            TRAININGS["weights from the cache" if run.training.from_cache else "trained"] += 1
        TRAININGS[f"started {run.child.get('start', 'not')}"] += 1
        return run

    patch = pytest.MonkeyPatch()
    patch.setattr(pipeline, "run_child", counted)
    yield TRAININGS
    patch.undo()


def pytest_sessionfinish(session) -> None:  # noqa: ANN001 - pytest's hook
    """A parallel run's worker (pytest-xdist) hands its counts to the controller, which prints the summary."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["trainings"] = dict(TRAININGS)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:  # noqa: ANN001 - pytest-xdist's hook, on the controller
    """Add a finished worker's counts to the controller's: the summary line holds the whole run's totals."""
    TRAININGS.update(getattr(node, "workeroutput", {}).get("trainings", {}))


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001 - pytest's hook
    """One line for whoever measures the suite: how many networks were trained (in every worker of a parallel
    run), and how the children started."""
    if TRAININGS:
        terminalreporter.write_line(f"child runs that trained: {TRAININGS['trained']}; that loaded cached "
                                    f"weights: {TRAININGS['weights from the cache']}; started warm: "
                                    f"{TRAININGS['started warm']}, cold: {TRAININGS['started cold']}")
