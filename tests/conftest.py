"""Shared fixtures: the repository, the course folder beside it, the data root, the rubric."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from grader.rubric import Rubric, load_rubric

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GRADER_SHARED", ROOT.parent / "shared"))
RUBRIC_PATH = ROOT / "reference" / "mnist_backprop" / "rubric.toml"


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
    """The CLI's trained-weights cache in a folder of this test session, never the user's."""
    folder = tmp_path_factory.mktemp("weights-cache")
    os.environ["GRADER_WEIGHTS_CACHE"] = str(folder)
    return folder
