"""The child's working folder, as the grader touches it once the child runs.

The child may put anything in its folder: a link named like a file the grader is about
to write (``data.json`` -> ``~/.bashrc``), or a link in place of a file the grader reads
back (``offer.pt`` -> a secret). So, after the child has started, the grader only
writes through a descriptor of the folder itself, to a fresh name (``O_EXCL``, never
following a link) that is then renamed into place, and reads only regular files,
never through a link, up to a size cap.
"""
from __future__ import annotations

import itertools
import os
import stat
from pathlib import Path

_COUNTER = itertools.count()


class WorkDir:
    """A folder opened once; every later write and read goes through that descriptor."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY)

    def write(self, name: str, data: bytes) -> Path:
        """Write ``name`` atomically; whatever the child left under that name is replaced, never followed."""
        tmp = f".grader-{os.getpid()}-{next(_COUNTER)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=self._fd)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, name, src_dir_fd=self._fd, dst_dir_fd=self._fd)
        except BaseException:
            try:
                os.unlink(tmp, dir_fd=self._fd)
            except OSError:
                pass
            raise
        return self.path / name

    def read(self, name: str, max_bytes: int) -> bytes | None:
        """A regular file the child wrote, or None (missing, a link, not a file, or too large)."""
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=self._fd)
        except OSError:
            return None
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
                return None
            return fh.read(max_bytes + 1)[:max_bytes]

    def close(self) -> None:
        os.close(self._fd)

    def __enter__(self) -> WorkDir:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
