"""A class graded on a real two-node Ray cluster on this machine: the same gradebook as the local pool,
and a node killed mid-batch loses nothing."""
from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.batch import BatchEntry, grade_batch
from grader.cache_coordination import ThreadCoordinator, coordinator_for
from grader.capacity import Cluster as Shape
from grader.capacity import Costs, class_time_s, table
from grader.cli import main
from grader.pipeline import Options
from grader.sandbox.limits import Limits
from reference.mnist_backprop.classgen import write_class
from tests.conftest import ROOT
from tests.helpers import without_training

NODE = ["--num-cpus=1", "--object-store-memory=100000000", "--disable-usage-stats", "--block"]
# A dead node is noticed within seconds, not the default half-minute.
FAST_FAILURE = {"RAY_health_check_period_ms": "1000", "RAY_health_check_failure_threshold": "3",
                "RAY_health_check_initial_delay_ms": "1000", "RAY_AUTH_MODE": "disabled"}
MARK = "GRADER_TEST_RAY_NODE"
OPTIONS = Options(limits=Limits(import_s=90, probe_s=3))  # the hostile loop times out; torch imports in time


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(args: list[str], env: dict[str, str], attempts: int = 3) -> subprocess.Popen:
    """A ``ray start --block`` node; returns once Ray says it runs. Ray gives a node 30 s to register,
    which a busy machine can miss: then whatever the attempt started is killed and it starts again."""
    for attempt in range(attempts):
        proc = subprocess.Popen(["ray", "start", *args, *NODE], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)
        seen = []
        for line in proc.stdout:  # type: ignore[union-attr]
            seen.append(line)
            if "Ray runtime started" in line:
                return proc
        proc.wait()
        _kill(marked(env[MARK]))
    raise AssertionError("ray start failed:\n" + "".join(seen[-20:]))


def marked(token: str) -> list[int]:
    """The processes a node started: they inherit its environment, which carries ``token``."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"{MARK}={token}".encode() in environ.read_bytes().split(b"\0"):
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return [p for p in found if p != os.getpid()]


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (read from /proc: a node's raylet, its workers, their children)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    found, frontier = [], [pid]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def _kill(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class Cluster:
    """A head node and a second node, each one CPU, in a temporary folder of their own."""

    def __init__(self) -> None:
        self.temp = tempfile.mkdtemp(prefix="ray-")  # short: Ray's socket paths must stay under 108 bytes
        self.port = _free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.nodes: list[subprocess.Popen] = []

    def start(self) -> None:
        self.nodes.append(_start(["--head", f"--port={self.port}", "--node-ip-address=127.0.0.1",
                                  "--include-dashboard=false", f"--temp-dir={self.temp}"], self._env("head")))
        self.nodes.append(_start([f"--address={self.address}", "--node-ip-address=127.0.0.1"],
                                 self._env("worker")))

    def _env(self, node: str) -> dict[str, str]:
        return {**os.environ, **FAST_FAILURE, MARK: f"{self.temp}:{node}"}

    def _processes(self, node: str, proc: subprocess.Popen | None) -> list[int]:
        """Everything the node started: marked by its environment, or below it (the sandboxed children)."""
        pids = marked(f"{self.temp}:{node}")
        roots = pids + ([proc.pid] if proc is not None else [])
        return sorted(set(roots + [d for r in roots for d in descendants(r)]))

    def worker_node_busy(self, wait_s: float = 60) -> bool:
        """Whether the second node is running a task (Ray names a worker process after the task it runs)."""
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            for pid in marked(f"{self.temp}:worker"):
                try:
                    if Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"ray::run_on_node"):
                        return True
                except OSError:
                    continue
            time.sleep(0.2)
        return False

    def kill_worker_node(self) -> None:
        """The second node dies at once: its raylet and everything it started."""
        _kill(self._processes("worker", self.nodes[1]))

    def stop(self) -> None:
        for node, proc in reversed(list(zip(("head", "worker"), self.nodes + [None, None]))):
            below = self._processes(node, proc)
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    pass
            _kill(below + self._processes(node, None))
            if proc is not None:
                proc.wait()
        shutil.rmtree(self.temp, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    pytest.importorskip("ray")
    if shutil.which("ray") is None:
        pytest.skip("the ray command is not installed")
    c = Cluster()
    try:
        c.start()
        yield c
    finally:
        c.stop()


@pytest.fixture(scope="module")
def klass(tmp_path_factory) -> Path:
    """Eight hand-ins that need no training: seven reports (no code, so no child) and a hostile network."""
    folder = tmp_path_factory.mktemp("class")
    write_class(folder, ROOT / "submissions", size=8, mix=["correct", "mistakes"] * 3 + ["correct",
                                                                                          "hostile-forward-loops"])
    for i, handin in enumerate(sorted(folder.iterdir())[:7]):
        (handin / "DeepMNIST.py").unlink()
        if i % 2:  # half hand in a written report instead of answers.toml
            (handin / "answers.toml").unlink()
            shutil.copy(ROOT / "submissions" / "example-report" / "report.md", handin / "report.md")
    return folder


def _executor(cluster: Cluster):
    import ray

    from grader.executors.ray_executor import RayExecutor

    ex = RayExecutor(address=cluster.address)
    deadline = time.monotonic() + 60
    while sum(n["Alive"] for n in ray.nodes()) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
    return ex


def _nodes(out: Path) -> list[str]:
    """Which node each report says graded it (one note per report)."""
    notes = []
    for report in sorted(out.glob("*/report.md")):
        lines = [line for line in report.read_text().splitlines() if "graded on node" in line]
        assert len(lines) == 1, report
        notes.append(lines[0])
    return notes


def test_the_cluster_grades_the_same_gradebook_and_survives_a_dead_node(rubric, cluster: Cluster, klass: Path,
                                                                         tmp_path: Path) -> None:
    probe_only = without_training(rubric)
    local = grade_batch(klass, probe_only, OPTIONS, tmp_path / "local", workers=2)
    assert all(e.result is not None for e in local)
    hostile = next(e for e in local if "hostile" in e.id)
    assert hostile.result.check("code.build").feedback.endswith("timed out after 3 s")

    ex = _executor(cluster)
    try:
        on_ray = grade_batch(klass, probe_only, OPTIONS, tmp_path / "ray", executor=ex)
    finally:
        ex.shutdown()
    assert (tmp_path / "ray" / "gradebook.csv").read_bytes() == (tmp_path / "local" / "gradebook.csv").read_bytes()
    assert len(_nodes(tmp_path / "ray")) == 8 and len({n.split("(")[1] for n in _nodes(tmp_path / "ray")}) == 2
    assert [e.result.score for e in on_ray] == [e.result.score for e in local]

    # Once a hand-in is done, kill the second node while it grades one: that one is graded again elsewhere.
    ex = _executor(cluster)
    killed: list[bool] = []

    def kill_once(entry: BatchEntry) -> None:
        if not killed:
            killed.append(cluster.worker_node_busy())
            cluster.kill_worker_node()

    try:
        survived = grade_batch(klass, probe_only, OPTIONS, tmp_path / "killed", executor=ex, on_done=kill_once)
        alive = sum(n["Alive"] for n in __import__("ray").nodes())
    finally:
        ex.shutdown()
    assert killed == [True] and alive == 1  # it died mid-task
    assert [e.id for e in survived if e.result is None] == []  # nothing lost, nothing failed
    assert (tmp_path / "killed" / "gradebook.csv").read_bytes() == (tmp_path / "local" / "gradebook.csv").read_bytes()
    assert len(_nodes(tmp_path / "killed")) == 8  # each hand-in graded into exactly one report
    assert isinstance(coordinator_for(tmp_path), ThreadCoordinator)  # the executor put the local one back


def test_the_thread_coordinator_lets_two_runs_train_a_network_and_holds_the_third() -> None:
    c = ThreadCoordinator()
    assert c.try_claim("k", trusted=False, force=False) and c.try_claim("k", trusted=False, force=False)
    assert not c.try_claim("k", trusted=False, force=False)  # two already train it: their weights will agree
    assert c.try_claim("k", trusted=False, force=True)  # waited long enough
    assert c.try_claim("other", trusted=False, force=False)
    assert not c.wait_reference(0.01)
    assert c.try_claim("r", trusted=True, force=False) and c.wait_reference(0.01)
    assert not c.try_claim("r", trusted=False, force=False)  # the reference trains it: wait for its weights
    c.release("r", trusted=True)
    assert c.try_claim("r", trusted=False, force=False)


def test_the_capacity_model_scales_with_cores_and_gpus() -> None:
    costs = Costs(child_start_s=4.0, hit_s=8.0, train_cpu_s=600.0, train_gpu_s=20.0, driver_s=0.05)
    one, four = class_time_s(3000, Shape(1, 16), costs), class_time_s(3000, Shape(4, 16), costs)
    assert one == pytest.approx((3000 * 8 + 300 * 600) / 16) and four == pytest.approx(one / 4)
    gpu = class_time_s(3000, Shape(4, 16, 1), costs)
    assert gpu == pytest.approx(max(3000 * 8 / 64, 300 * 20 / 16))
    assert class_time_s(10, Shape(16, 16), costs) == 600.0  # the reference network's training is the floor
    rows = table(costs)
    assert rows[0]["cluster"] == "1 × 2 cores" and set(rows[0]) == {"cluster", "300 hand-ins (min)",
                                                                     "3000 hand-ins (min)"}
    assert not any("GPU" in str(r["cluster"]) for r in table(dataclasses.replace(costs, train_gpu_s=None)))


def test_without_ray_the_flag_says_how_to_get_it(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails, as where the extra is not installed
    klass = tmp_path / "class"
    (klass / "a").mkdir(parents=True)
    (klass / "a" / "answers.toml").write_text("")
    assert main([str(klass), "--executor", "ray", "--out", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "Ray is not installed" in err and "[ray]" in err
