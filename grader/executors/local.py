"""The embedded default: a thread pool (each grading runs its student code in a child process anyway)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor


def local_executor(workers: int) -> ThreadPoolExecutor:
    """``workers`` hand-ins at once; their runs share the thread-based weights-cache coordinator."""
    return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grade")
