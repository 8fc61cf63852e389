"""Limits on the child: time per stage and per run, memory, processes, output, disk.

Memory and process counts are enforced by a cgroup when the machine lets the grader
make one (v1 or v2); otherwise a watchdog in the parent sums the memory of the
child's session and counts its processes. Output is capped by RLIMIT_FSIZE on the
captured log, so a hand-in that prints a gigabyte is stopped at the cap. The child's only
writable folder is a tmpfs of ``disk_bytes`` (see ``isolation``): a cap on all it writes.
"""
from __future__ import annotations

import os
import resource
import uuid
from dataclasses import dataclass
from pathlib import Path

from grader.sandbox.protocol import STAGES

GiB = 1024**3


@dataclass(frozen=True)
class Limits:
    import_s: float = 60.0  # importing the code, finding and building the network
    probe_s: float = 60.0  # one forward pass on a probe batch
    train_s: float = 900.0
    eval_s: float = 120.0
    memory_bytes: int = 4 * GiB
    processes: int = 64
    output_bytes: int = 16 * 1024**2
    disk_bytes: int = 256 * 1024**2  # everything the child may write, all files together
    run_s: float | None = None  # the whole run; None: the stages' limits added up

    def for_stage(self, stage: str) -> float:
        """A stage's clock: the probe's for the forward pass, training's and evaluation's for theirs, the
        import's for the stages before them (the names are the protocol's ``STAGES``)."""
        import_s, find_s, build_s, forward_s, train_s, evaluate_s = STAGES
        clocks: dict[str, float] = {import_s: self.import_s, find_s: self.import_s, build_s: self.import_s,
                                    forward_s: self.probe_s, train_s: self.train_s, evaluate_s: self.eval_s}
        return clocks.get(stage, self.import_s)

    @property
    def total_s(self) -> float:
        """No stage is entered twice, and this clock is never restarted by anything the child does."""
        return self.run_s or 2 * self.import_s + self.probe_s + self.train_s + self.eval_s


def set_rlimits(limits: Limits) -> None:
    """In the child before exec: no core dumps, capped output files, a CPU-time backstop."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.output_bytes, limits.output_bytes))
    cpu = int(4 * (limits.import_s + limits.probe_s + limits.train_s + limits.eval_s) * max(1, os.cpu_count() or 1))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


class Cgroup:
    """A memory and pids cgroup for one child, if this machine lets us create one."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.dirs: list[Path] = []
        self.kind = "none"
        name = f"grader-{uuid.uuid4().hex[:12]}"
        root = Path("/sys/fs/cgroup")
        try:
            if (root / "cgroup.controllers").is_file():  # v2, unified
                d = root / name
                d.mkdir()
                self.dirs = [d]
                (d / "memory.max").write_text(str(limits.memory_bytes))
                (d / "memory.swap.max").write_text("0") if (d / "memory.swap.max").exists() else None
                (d / "pids.max").write_text(str(limits.processes))
                self.kind = "v2"
            elif (root / "memory").is_dir() and (root / "pids").is_dir():  # v1
                mem, pids = root / "memory" / name, root / "pids" / name
                mem.mkdir()
                self.dirs.append(mem)
                pids.mkdir()
                self.dirs.append(pids)
                (mem / "memory.limit_in_bytes").write_text(str(limits.memory_bytes))
                (pids / "pids.max").write_text(str(limits.processes))
                self.kind = "v1"
        except OSError:
            self.close()
            self.kind = "none"

    @property
    def active(self) -> bool:
        return self.kind != "none"

    def join(self) -> None:
        """Called in the child before exec: move it (and all it will start) into the cgroup."""
        self.add(os.getpid())

    def add(self, pid: int) -> None:
        """Move process ``pid`` (a warm fork, before it runs the child's code) and all it will start."""
        for d in self.dirs:
            (d / "cgroup.procs").write_text(str(pid))

    def memory_exceeded(self) -> bool:
        """Did the kernel kill a process of this cgroup for memory (not merely reclaim at the limit)?"""
        name = {"v2": "memory.events", "v1": "memory.oom_control"}.get(self.kind)
        return name is not None and self._counts(name).get("oom_kill", 0) > 0

    def memory_at_limit(self) -> bool:
        """Did this cgroup's memory reach its limit (the kernel reclaiming, maybe not yet killing)?

        A child held at the limit may spend seconds evicting and re-reading its own library pages
        before the kernel kills it, and a stage timeout can come first: the report still names memory.
        """
        if self.kind == "v1":
            try:
                return int((self.dirs[0] / "memory.failcnt").read_text().split()[0]) > 0
            except (OSError, ValueError, IndexError):
                return False
        counts = self._counts("memory.events") if self.kind == "v2" else {}
        return counts.get("max", 0) > 0 or counts.get("oom", 0) > 0

    def _counts(self, name: str) -> dict[str, int]:
        """The ``key value`` lines of one of this cgroup's files, up to the first it cannot read."""
        counts: dict[str, int] = {}
        try:
            for line in (self.dirs[0] / name).read_text().splitlines():
                key, _, value = line.partition(" ")
                counts[key] = int(value)
        except (OSError, ValueError, IndexError):
            pass
        return counts

    def processes_exceeded(self) -> bool:
        try:
            d = self.dirs[-1]
            events = d / "pids.events"
            return events.is_file() and int(events.read_text().split()[-1]) > 0
        except (OSError, ValueError, IndexError):
            return False

    def kill_all(self) -> None:
        for d in self.dirs:
            try:
                for pid in (d / "cgroup.procs").read_text().split():
                    try:
                        os.kill(int(pid), 9)
                    except (ProcessLookupError, PermissionError):
                        pass
            except OSError:
                pass

    def close(self) -> None:
        self.kill_all()
        for d in self.dirs:
            for _ in range(50):
                try:
                    d.rmdir()
                    break
                except OSError:
                    import time

                    time.sleep(0.05)
        self.dirs = []


def session_usage(sid: int) -> tuple[int, int]:
    """(resident bytes, process count) of every process in session ``sid``, read from /proc."""
    page = os.sysconf("SC_PAGE_SIZE")
    rss = count = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if int(fields[3]) == sid:  # field 6 of stat: the session id
            count += 1
            rss += int(fields[21]) * page
    return rss, count
