"""Datasets for the accuracy check, through torchvision, as uint8 arrays.

The data root comes from ``--data-root``, else ``GRADER_DATA_ROOT``, else a cache
folder where torchvision may download the files when the machine is online. With an
explicit root nothing is ever downloaded: a missing file is a clear error.
"""
from __future__ import annotations

import hashlib
import os
import weakref
from dataclasses import dataclass
from pathlib import Path

import torch

from grader.errors import DataError
from grader.fileio import atomic_write, cache_home

ENV_VAR = "GRADER_DATA_ROOT"


def default_cache_root() -> Path:
    return cache_home() / "datasets"


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
    """Load ``torchvision.datasets.<name>`` (a dataset of labelled images) as tensors."""
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


def shared_arrays_folder() -> Path:
    """Where the shared training files live (created here): children must be able to read it."""
    folder = cache_home() / "arrays"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


_SHARED: weakref.WeakKeyDictionary[DatasetArrays, dict[str, str]] = weakref.WeakKeyDictionary()


def shared_training_files(data: DatasetArrays) -> dict[str, str]:
    """The training set as raw uint8 files in the cache, written once and read by every child.

    Keyed by a digest of the arrays, so each child of a batch reads the same files (the
    page cache serves them) instead of a copy per hand-in. The test labels are never
    written: they stay in the grader's process.
    """
    if data in _SHARED:
        return _SHARED[data]
    images, labels = data.train_images.contiguous().numpy(), data.train_labels.to(torch.uint8).numpy()
    digest = hashlib.sha256(images.tobytes() + labels.tobytes()).hexdigest()[:16]
    folder = shared_arrays_folder()
    paths = {}
    for name, array in (("train_images", images), ("train_labels", labels)):
        path = folder / f"{data.name}-{digest}-{name}.u8"
        if not path.is_file() or path.stat().st_size != array.nbytes:
            atomic_write(path, array.tobytes())
        paths[name] = str(path)
    _SHARED[data] = paths
    return paths
