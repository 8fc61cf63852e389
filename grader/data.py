"""Datasets for the accuracy check, through torchvision, as uint8 arrays.

The data root comes from ``--data-root``, else ``GRADER_DATA_ROOT``, else a cache
folder where torchvision may download the files when the machine is online. With an
explicit root nothing is ever downloaded: a missing file is a clear error.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import torch

from grader.errors import DataError

ENV_VAR = "GRADER_DATA_ROOT"


def default_cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dl-homework-grader" / "datasets"


@dataclass(frozen=True)
class DatasetArrays:
    """A classification dataset held as uint8 images (N, H, W) and int64 labels."""

    name: str
    train_images: torch.Tensor
    train_labels: torch.Tensor
    test_images: torch.Tensor
    test_labels: torch.Tensor


def resolve_root(data_root: str | None) -> tuple[Path, bool]:
    """(root, may_download): explicit roots never download."""
    explicit = data_root or os.environ.get(ENV_VAR)
    if explicit:
        return Path(explicit).expanduser(), False
    return default_cache_root(), True


def load_dataset(name: str, data_root: str | None) -> DatasetArrays:
    """Load ``torchvision.datasets.<name>`` (MNIST and its look-alikes) as tensors."""
    from torchvision import datasets  # imported here: the CLI starts faster without it

    cls = getattr(datasets, name, None)
    if cls is None:
        raise DataError(f"torchvision has no dataset called {name!r}")
    root, may_download = resolve_root(data_root)
    try:
        train = cls(str(root), train=True, download=may_download)
        test = cls(str(root), train=False, download=may_download)
    except (RuntimeError, OSError) as exc:
        raise DataError(f"cannot load {name} from {root}: {exc}") from None
    return DatasetArrays(
        name,
        _images(train.data),
        torch.as_tensor(train.targets, dtype=torch.int64),
        _images(test.data),
        torch.as_tensor(test.targets, dtype=torch.int64),
    )


def _images(data: object) -> torch.Tensor:
    t = torch.as_tensor(data)
    if t.dtype != torch.uint8 or t.dim() != 3:
        raise DataError(f"expected uint8 images of shape (N, H, W), found {t.dtype} {tuple(t.shape)}")
    return t.contiguous()
