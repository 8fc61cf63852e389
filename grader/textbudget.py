"""A wall-clock and memory budget for reading and grading one hand-in's text.

The text of a hand-in is read and its answers evaluated in the grader's own code, never
as student code; but a few dozen characters can still ask for unbounded work (a huge
exponent, a quadratic corner of a parser). So that work runs in a forked worker under
``RLIMIT_AS`` and a timeout, like code runs in its sandbox: a worker that runs past its
budget is killed, and what it had not finished becomes ``review`` with the reason, never
a stalled or killed grader or batch. Results cross back pickled, one per step, so what
was finished before the budget ran out is kept.

Where ``os.fork`` does not exist the work runs in-process, unbounded (and says so nowhere
else: such systems cannot run the sandbox either).
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grader.checks.base import CheckContext
    from grader.results import CheckResult
    from grader.rubric import Rubric, RubricItem
    from grader.submission import Submission

GiB = 1024**3
MAX_MESSAGE = 256 * 1024**2


@dataclass(frozen=True)
class TextBudget:
    """Per hand-in, for each of its two text steps (reading the answers; grading them)."""

    seconds: float = 60.0
    memory_bytes: int = 2 * GiB

    def describe(self) -> str:
        return f"{self.seconds:g} s and {self.memory_bytes / GiB:g} GiB"


@dataclass
class Bounded:
    """What a bounded run produced: every value the worker sent, and why it stopped early (or "")."""

    values: list[Any]
    stopped: str = ""


def run_bounded(steps: Callable[[], Iterator[Any]], budget: TextBudget | None) -> Bounded:
    """Run the generator ``steps()`` under ``budget``; each value it yields is kept as soon as it is sent.

    An exception inside the worker ends it: the values so far are kept and ``stopped`` names it.
    ``KeyboardInterrupt`` in the grader kills the worker and is raised again.
    """
    if budget is None or not hasattr(os, "fork"):
        return _in_process(steps)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns into the grader's code
        os.close(read_end)
        _worker(steps, budget, write_end)
    os.close(write_end)
    out = Bounded([], "was interrupted")
    try:
        out = _collect(pid, read_end, budget)
    finally:
        os.close(read_end)
        status = _reap(pid, ended=not out.stopped)
    if not out.stopped and status != 0:
        out.stopped = f"ended unexpectedly (wait status {status})"
    return out


def _in_process(steps: Callable[[], Iterator[Any]]) -> Bounded:
    out = Bounded([])
    try:
        for value in steps():
            out.values.append(value)
    except (RecursionError, MemoryError) as exc:
        out.stopped = f"{type(exc).__name__} while reading the text"
    return out


def _worker(steps: Callable[[], Iterator[Any]], budget: TextBudget, fd: int) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.closerange(3, fd)  # other workers' pipes (forked by other threads) must see their EOF on time
        os.closerange(fd + 1, _max_fd())
        _limit_memory(budget.memory_bytes)
        for value in steps():
            _send(fd, pickle.dumps(("value", value), protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException as exc:  # noqa: BLE001 - the worker reports everything and exits
        try:
            _send(fd, pickle.dumps(("stopped", f"{type(exc).__name__}: {str(exc)[:300]}")))
        except BaseException:  # noqa: BLE001
            code = 3
    finally:
        os._exit(code)


def _max_fd() -> int:
    try:
        return min(os.sysconf("SC_OPEN_MAX"), 65536)
    except (ValueError, OSError):
        return 4096


def _limit_memory(extra: int) -> None:
    """Address space: what the worker already maps (inherited from the grader) plus the budget."""
    import resource

    try:
        with open("/proc/self/statm") as fh:
            mapped = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return
    limit = mapped + extra
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)  # never above what the grader itself may use
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _send(fd: int, payload: bytes) -> None:
    data = struct.pack("!Q", len(payload)) + payload
    while data:
        data = data[os.write(fd, data):]


def _collect(pid: int, fd: int, budget: TextBudget) -> Bounded:
    out = Bounded([])
    deadline = time.monotonic() + budget.seconds
    buf = b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            out.stopped = f"ran past its time budget ({budget.describe()})"
            return out
        ready, _, _ = select.select([fd], [], [], min(left, 1.0))
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        buf += chunk
        buf = _unpack(buf, out)
        if len(buf) > MAX_MESSAGE:
            out.stopped = "sent an oversized result"
            return out
    if buf:
        out.stopped = out.stopped or "was cut off in mid-message"
    return out


def _unpack(buf: bytes, out: Bounded) -> bytes:
    while len(buf) >= 8:
        size = struct.unpack("!Q", buf[:8])[0]
        if len(buf) < 8 + size:
            break
        kind, value = pickle.loads(buf[8:8 + size])  # written by the grader's own forked worker
        buf = buf[8 + size:]
        if kind == "value":
            out.values.append(value)
        else:
            out.stopped = _reason(str(value))
    return buf


def _reason(text: str) -> str:
    if text.startswith(("MemoryError", "RecursionError")):
        return f"ran out of its memory budget or recursion depth ({text.split(':')[0]})"
    return f"stopped with {text}"


def _reap(pid: int, ended: bool) -> int:
    """The worker is gone when this returns (killed if it is still running); its wait status.

    ``ended``: the worker closed its pipe, which it does only by exiting, so wait for it.
    """
    try:
        done, status = os.waitpid(pid, 0 if ended else os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
        return status
    except ChildProcessError:
        return 0


_WARM: list[Rubric] = []  # the rubric objects already read here (caches are kept per loaded reference)


def warm_up(rubric: Rubric) -> None:
    """Read the rubric's own sample answers once in this process before the first worker is forked.

    Reading fills caches (sympy's, the reference's compiled expressions) that a forked worker throws away
    when it ends: without this, every hand-in's reading pays for them again (measured: about twice the
    time). The samples are the course's own text, never a student's, so they are read here safely.
    """
    if any(done is rubric for done in _WARM):
        return
    _WARM.append(rubric)
    from grader.rubric import sample_results

    try:
        sample_results(rubric)
    except Exception:  # noqa: BLE001 - a warm-up that fails costs speed only; the samples' own check reports it
        pass


def read_bounded(folder: Any, rubric: Rubric, budget: TextBudget | None) -> Submission:
    """``load_submission`` under the budget; past it, the answers are unread (a note says why) and the
    code file alone is read, so the code checks still run."""
    from pathlib import Path

    from grader.submission import Submission, load_submission, read_code_file

    path = Path(folder)
    if not path.exists():
        return load_submission(path, rubric)  # raises the usual SubmissionError
    if budget is not None:
        warm_up(rubric)
    run = run_bounded(lambda: iter([load_submission(path, rubric)]), budget)
    if run.values:
        return run.values[0]
    sub = Submission(path.stem if path.is_file() else path.resolve().name, path if path.is_dir() else path.parent,
                     None, {}, source="the hand-in's text")
    sub.over_budget = f"reading the hand-in's text {run.stopped}"
    sub.notes.append(f"{sub.over_budget}; its written answers go to a person")
    if path.is_dir():
        read_code_file(sub, rubric)
    return sub


def is_written(rubric: Rubric, item: RubricItem) -> bool:
    """An item graded from the hand-in's text (the rubric says where a report holds its answer), not from
    what the child measured."""
    return item.text is not None


def grade_bounded(rubric: Rubric, ctx: CheckContext, budget: TextBudget | None,
                  grade: Callable[[Rubric, Any, CheckContext], CheckResult]) -> list[CheckResult]:
    """Every item graded: the written ones under the budget (an item it never reached is ``review``)."""
    from grader.results import CheckResult

    written = [i for i in rubric.items if is_written(rubric, i)]
    done: dict[str, CheckResult] = {}
    why = ctx.submission.over_budget
    if written and not why:
        run = run_bounded(lambda: (grade(rubric, i, ctx) for i in written), budget)
        done = {r.id: r for r in run.values if isinstance(r, CheckResult)}
        why = f"grading the written answers {run.stopped}" if run.stopped else ""
    out = []
    for item in rubric.items:
        if item.id in done:
            out.append(done[item.id])
        elif is_written(rubric, item):
            out.append(CheckResult(item.id, item.title, 0.0, item.points, "review",
                                   f"not graded: {why or 'no result'}; a person should check"))
        else:
            out.append(grade(rubric, item, ctx))
    return out
