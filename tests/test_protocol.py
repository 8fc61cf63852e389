"""The child boundary without a child: every line is parsed by type and size, stages only move forward,
the static scan and the parent's cross-checks flag what a homework never does."""
from __future__ import annotations

import json
import time

import pytest

from grader.sandbox.crosscheck import crosscheck
from grader.sandbox.events import EventReader
from grader.sandbox.limits import GiB, Limits
from grader.sandbox.protocol import (
    ChildRun, ForeignLine, Parameter, Probe, ProtocolError, Training, parse_event,
)
from grader.sandbox.runner import explain_end
from grader.sandbox.scan import scan

NONCE = "f" * 32


def line(kind: str, nonce: str = NONCE, **payload: object) -> bytes:
    return json.dumps({"type": kind, "k": nonce, **payload}).encode()


TRAINED = {"epoch_losses": [0.6], "loss_curve": [1.2, 0.6], "steps": 10, "train_s": 1.0, "channels_last": True,
           "train_images": 3000}


@pytest.mark.parametrize("raw, why", [
    (line("trained", **{**TRAINED, "epoch_losses": ["n/a"]}), "expected a finite number"),
    (line("predictions", values=12345, eval_s=1.0), "expected a list"),
    (line("predictions", values=[1] * 100_001, eval_s=1.0), "at most 100000"),
    (line("probe", parameters=[{"name": "w", "shape": [1, 2], "numel": "2"}], activations=[], param_count=2,
          output_shape=[2, 10], output_finite=True), "expected a whole number"),
    (line("trained", **{**TRAINED, "train_s": float("nan")}), "finite"),
    (line("stage", stage="../../etc"), "unknown stage"),
    (line("fingerprint", key="../x", why=""), "40 hex"),
    (line("launch_missiles"), "unknown event"),
    (b'{"type": "probe", "k": "' + NONCE.encode() + b'", "x": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
     "nested too deep"),
    (b"not json at all", "not JSON"),
    (b"[1, 2, 3]", "expected an object"),
])
def test_a_malformed_event_is_a_protocol_error_not_a_crash(raw: bytes, why: str) -> None:
    with pytest.raises(ProtocolError, match=why):
        parse_event(raw, NONCE)


def test_a_line_without_the_runs_secret_is_foreign() -> None:
    with pytest.raises(ForeignLine):
        parse_event(line("done", nonce="0" * 32), NONCE)
    with pytest.raises(ForeignLine):
        parse_event(b'{"type": "done"}', NONCE)
    assert parse_event(line("error", stage="build", error="x" * 10_000), NONCE).error == "x" * 300


class _NoCgroup:
    active = True


def reader(limits: Limits = Limits()) -> EventReader:
    return EventReader(ChildRun(isolation="test"), limits, _NoCgroup(), 0, time.perf_counter(), NONCE,
                       None, None, None)  # type: ignore[arg-type]


def test_stages_move_forward_only_and_each_once() -> None:
    r = reader()
    r.accept(line("stage", stage="import"))
    r.accept(line("stage", stage="build"))
    with pytest.raises(ProtocolError, match="'import' after 'build'"):
        r.accept(line("stage", stage="import"))  # ping-pong: back to a stage with a fresh clock
    with pytest.raises(ProtocolError):
        r.accept(line("stage", stage="build"))  # the same stage twice
    r.accept(line("stage", stage="forward"))
    with pytest.raises(ProtocolError, match="a training report while 'forward'"):
        r.accept(line("trained", **TRAINED))  # a result of a stage not entered


def test_the_run_has_a_clock_no_event_restarts() -> None:
    r = reader(Limits(import_s=100, run_s=0.05))
    r.accept(line("stage", stage="import"))
    time.sleep(0.1)
    r.accept(line("stage", stage="build"))  # a new stage clock, but the run's clock ran on
    assert r.clocks.breach("build") == "total"


def test_foreign_lines_are_ignored_and_flagged() -> None:
    r = reader()
    for _ in range(3):
        r.accept(b'{"type": "stage", "stage": "train"}')
    assert r.run.stage == "import" and r.run.foreign_lines == 3
    assert any("grader's channel" in f.reason for f in crosscheck(r.run, 10))


def probe_of(shapes: dict[str, list[int]], count: int | None = None) -> Probe:
    params = [Parameter(n, s, _numel(s)) for n, s in shapes.items()]
    return Probe(params, [], sum(p.numel for p in params) if count is None else count, [2, 10], True)


def _numel(shape: list[int]) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def test_the_reported_shapes_and_count_are_checked_against_the_weights_handed_over() -> None:
    reported = {"conv1.weight": [20, 1, 5, 5], "fc.weight": [10, 800]}
    run = ChildRun(isolation="test", probe=probe_of(reported),
                   weights_state={"fc.weight": ([10, 784], 7840)})  # a one-layer net that reports another's
    reasons = {f.reason for f in crosscheck(run, 10)}
    assert "the reported shapes differ from the weights handed over" in reasons
    assert "the reported parameter count differs from the weights handed over" in reasons
    honest = ChildRun(isolation="test", probe=probe_of(reported),
                      weights_state={n: (s, _numel(s)) for n, s in reported.items()})
    assert crosscheck(honest, 10) == []


def test_accuracy_without_learning_is_flagged() -> None:
    stuck = Training([2.30], [2.30, 2.30], 10, 1.0, True, 3000)
    run = ChildRun(isolation="test", training=stuck, accuracy=100.0, init_accuracy=100.0)
    reasons = {f.reason for f in crosscheck(run, 10)}
    assert reasons == {"the untrained network already classifies the test images",
                       "a high accuracy without a falling training loss"}
    learned = ChildRun(isolation="test", training=Training([0.7], [1.9, 0.7], 10, 1.0, True, 3000),
                       accuracy=98.0, init_accuracy=11.0)
    assert crosscheck(learned, 10) == []


def test_the_static_scan_flags_what_a_homework_never_needs_with_evidence() -> None:
    code = """
import gc
import torch.nn as nn
LABELS = {%s}
class Net(nn.Module):
    def forward(self, x):
        import sys
        sys.modules['grader.sandbox.probe'].parameters = None
        open('/proc/self/fd').read()
        return eval('x')
""" % ", ".join(f"{i}: {i % 10}" for i in range(3000))
    flags = {(f.reason, f.evidence) for f in scan(code)}
    reasons = {r for r, _ in flags}
    assert {"imports a module a network never needs", "reaches into the interpreter's internals",
            "names the grader's files", "runs code built at run time", "carries a large embedded constant"} <= reasons
    assert ("imports a module a network never needs", "line 2: import gc") in flags
    assert ("carries a large embedded constant", "line 4: a table of 3,000 entries") in flags
    honest = "import torch\nimport torch.nn as nn\nimport os, sys\nclass Net(nn.Module):\n    pass\n" \
             "for epoch in range(10):\n    import gc\n    gc.collect()\n"  # script code is never run
    assert scan(honest) == []


class _HeldCgroup:
    """A cgroup whose memory did or did not reach its limit, killing nothing."""

    def __init__(self, at_limit: bool) -> None:
        self.at_limit = at_limit

    def memory_at_limit(self) -> bool:
        return self.at_limit

    def memory_exceeded(self) -> bool:
        return False

    def processes_exceeded(self) -> bool:
        return False


@pytest.mark.parametrize("at_limit, expected", [
    (True, "timed out after 8 s, held at the 2 GiB memory limit"),
    (False, "timed out after 8 s"),
])
def test_a_timeout_at_the_memory_limit_names_memory(at_limit: bool, expected: str) -> None:
    """A child evicting its own pages at the limit can time out before the kernel kills it: memory is the cause."""
    run = ChildRun(isolation="test", stage="build")
    explain_end(run, "timeout", None, Limits(import_s=8, memory_bytes=2 * GiB), _HeldCgroup(at_limit),  # type: ignore[arg-type]
                 output_full=False)
    assert run.error is not None and run.error.error == expected
