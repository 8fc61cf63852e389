"""Benchmark: how long the review page of one answer takes with a large class graded.

``python3 -m grader.review.bench [--handins 500] [--repeat 50]`` writes that many synthetic
stored reports (made from the homework's items, with review and manual items to grade),
starts the app over them and times ``GET /a/<id>/<item>`` end to end through the ASGI
stack (template rendering, the queue position, identical answers), plus the queue page
and one save (override, reports, gradebook and summary written).
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from grader.results import CheckResult, Status, SubmissionResult

ANSWERS = [r"\frac{\partial f_w}{\partial w_3} = \sigma_2(x_2)", r"\frac{\partial f}{\partial w_3} = w_3 \sigma_2(x_2)",
           r"\frac{\partial f_w}{\partial w_3} = \sigma_2(w_2 \sigma_1(wx))"]
PROSE = ["The forward pass computes $f_w(x)$; the backward pass applies the chain rule.",
         "Forward: inputs to output. Backward: gradients $\\partial L / \\partial w$ from the output back.",
         "We compute the output then propagate derivatives backwards."]


def synthetic_class(out: Path, rubric, size: int) -> list[str]:
    """``size`` stored reports: every item of the rubric, a third of them to review, manual items open."""
    ids = []
    for n in range(size):
        checks = []
        for k, item in enumerate(rubric.items):
            if item.check == "manual":
                checks.append(CheckResult(item.id, item.title, 0.0, item.points, "manual", "graded by a person",
                                          {"answer": PROSE[(n + k) % len(PROSE)] * 3}))
            elif item.check == "expression":
                status: Status = "review" if (n + k) % 3 == 0 else "pass"
                checks.append(CheckResult(item.id, item.title, item.points if status == "pass" else 0.0, item.points,
                                          status, "right if 'w' means w1: a person should confirm", {
                                              "answer": ANSWERS[(n + k) % 3], "found_in": "part 1.d",
                                              "read_as": "sigma(w2*sigma(w1*x))"}))
            else:
                checks.append(CheckResult(item.id, item.title, item.points, item.points, "pass", "correct", {}))
        sid = f"s{n:04d}"
        result = SubmissionResult(sid, checks, "bench", 0, "cpu", rubric.name,
                                  {"accuracy": 99.3, "loss_curve": [2.3 / (i + 1) for i in range(40)]})
        (out / sid).mkdir(parents=True)
        (out / sid / "report.json").write_text(json.dumps(result.to_dict()), encoding="utf-8")
        ids.append(sid)
    return ids


def timed(get, path: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m grader.review.bench", description=__doc__.splitlines()[0])
    p.add_argument("--handins", type=int, default=500)
    p.add_argument("--repeat", type=int, default=50)
    p.add_argument("--rubric", help="rubric TOML (default: the installed homework's)")
    args = p.parse_args(argv)
    from starlette.testclient import TestClient

    from grader.cli import default_rubric
    from grader.review.app import build_app
    from grader.review.store import ReviewStore
    from grader.rubric import load_rubric

    rubric = load_rubric(args.rubric or default_rubric())
    with tempfile.TemporaryDirectory(prefix="review-bench-") as tmp:
        ids = synthetic_class(Path(tmp), rubric, args.handins)
        start = time.perf_counter()
        store = ReviewStore(Path(tmp), rubric, "bench")
        load_s = time.perf_counter() - start
        client = TestClient(build_app(store, "t"), base_url="http://127.0.0.1")
        client.get("/?token=t")
        item = next(i.id for i in rubric.items if i.check == "expression")
        middle = ids[len(ids) // 2]
        answer = timed(client.get, f"/a/{middle}/{item}", args.repeat)
        queue = timed(client.get, "/", max(3, args.repeat // 10))
        start = time.perf_counter()
        client.post(f"/a/{middle}/{item}", data={"token": "t", "points": "1", "reason": "bench", "seen": "", "q": ""})
        save_ms = (time.perf_counter() - start) * 1000
        store.flush()
    rows = len(store.rows())
    print(f"{args.handins} hand-ins ({rows} answers in the queue), reports loaded in {load_s:.2f} s")
    p95 = sorted(answer)[int(0.95 * len(answer)) - 1]
    print(f"answer page: median {statistics.median(answer):.1f} ms, p95 {p95:.1f} ms,"
          f" max {max(answer):.1f} ms over {len(answer)} requests")
    print(f"queue page: median {statistics.median(queue):.1f} ms; one save (override, reports, gradebook, "
          f"summary): {save_ms:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
