"""Slow work (the class charts) done in the background once a burst of saves pauses."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Debounced:
    """Run ``work`` in one background thread, ``delay`` seconds after the last ``schedule``."""

    def __init__(self, work: Callable[[], None], delay: float = 1.5) -> None:
        self.work, self.delay = work, delay
        self._due: float | None = None
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def schedule(self, delay: float | None = None) -> None:
        with self._cond:
            self._due = time.monotonic() + (self.delay if delay is None else delay)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="review-charts", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._due is not None and time.monotonic() < self._due:
                    self._cond.wait(self._due - time.monotonic())
                if self._due is None:
                    self._cond.notify_all()
                    return
                self._due = None
            try:
                self.work()
            except Exception as exc:  # noqa: BLE001 - kept for wait() to raise; the saves themselves are done
                self.error = exc

    def wait(self, timeout: float) -> None:
        """Run what is due now, and return once nothing is pending."""
        with self._cond:
            if self._due is not None:
                self._due = time.monotonic()
                self._cond.notify_all()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        if self.error is not None:
            error, self.error = self.error, None
            raise error
