"""What the parent measures itself from a child run: the accuracy (labels never leave this process),
the accuracy at initialisation, and the shapes of the weights the child hands over."""
from __future__ import annotations

import base64
import io
import json
import os
from dataclasses import dataclass

import torch

from grader.data import DatasetArrays, shared_training_files
from grader.sandbox.protocol import INIT_SAMPLE, ProtocolError
from grader.sandbox.workdir import WorkDir

MAX_WEIGHTS_BYTES = 48 * 1024**2  # a network's state a child may hand over (the homework's is 1.7 MB)
ACCURACY_TOLERANCE = 0.05  # percentage points: cached weights must reproduce their recorded accuracy


@dataclass(frozen=True)
class TestData:
    """The secret side of this run's test images: their order and labels, and the initialisation sample's."""

    permutation: torch.Tensor
    labels: torch.Tensor
    init_labels: torch.Tensor


def write_test_data(folder: WorkDir, data: DatasetArrays) -> TestData:
    """The shared training files, the test images in an order drawn from the OS's randomness (not the
    seed, which the child knows), and a fixed seeded sample for the accuracy at initialisation.

    ``data.json`` appears last, atomically: the child waits for it before training.
    """
    n = data.test_images.shape[0]
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(int.from_bytes(os.urandom(8), "little")))
    init = torch.randperm(n, generator=torch.Generator().manual_seed(7919))[:min(INIT_SAMPLE, n)]
    test_path = folder.write("test_images.u8", data.test_images[perm].contiguous().numpy().tobytes())
    init_path = folder.write("init_images.u8", data.test_images[init].contiguous().numpy().tobytes())
    spec = {**shared_training_files(data), "test_images": str(test_path), "init_images": str(init_path),
            "n_train": int(data.train_images.shape[0]), "n_test": int(n), "n_init": int(init.shape[0]),
            "image_shape": list(data.train_images.shape[1:])}
    folder.write("data.json", json.dumps(spec).encode())
    return TestData(perm, data.test_labels, data.test_labels[init])


def accuracy(predictions: list[int], permutation: torch.Tensor | None, labels: torch.Tensor) -> float | None:
    """Percent correct, computed here from predictions in the shuffled order (None: the wrong count)."""
    if len(predictions) != labels.shape[0]:
        return None
    pred = torch.as_tensor(predictions, dtype=torch.int64)
    truth = labels if permutation is None else labels[permutation]
    return round(float((pred == truth).double().mean() * 100), 4)


def read_state(data: str) -> tuple[dict[str, torch.Tensor], int]:
    """The child's state_dict, read safely (``weights_only``, size-capped, tensors only), and its size."""
    if len(data) > MAX_WEIGHTS_BYTES * 4 // 3 + 4:
        raise ProtocolError(f"weights over {MAX_WEIGHTS_BYTES // 1024**2} MiB")
    try:
        raw = base64.b64decode(data, validate=True)
        state = torch.load(io.BytesIO(raw), weights_only=True, map_location="cpu")
    except Exception as exc:  # noqa: BLE001 - hostile bytes may fail the unpickler in any way
        raise ProtocolError(f"unreadable weights ({type(exc).__name__})") from None
    if not isinstance(state, dict) or len(state) > 10_000 or not all(
            isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in state.items()):
        raise ProtocolError("weights that are not a state_dict of tensors")
    return state, len(raw)
