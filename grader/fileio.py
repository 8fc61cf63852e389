"""Files the grader writes for itself (reports, caches): whole or not at all, and where its caches live."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_home() -> Path:
    """The grader's cache folder: datasets, the shared training arrays, trained weights."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dl-homework-grader"


def atomic_write(path: Path, content: str | bytes) -> None:
    """Write via a temporary file and rename, so a killed grader never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
