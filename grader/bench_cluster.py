"""The cluster's benchmark phases: a capacity model fed by costs measured here, and the Ray driver's memory.

``python -m grader.bench --phase cluster`` prints minutes for a class of 300 and of 3,000 on
clusters of several shapes (``grader.capacity``); ``--phase driver-memory --class-size 1000``
grades a generated class of report-only hand-ins through ``--executor ray`` and samples the
driver's resident memory while it runs.
"""
from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path
from typing import Any


def phase_cluster(rubric_path: str, data_root: str, images: int, trained_share: float,
                  gpu_share: float) -> dict[str, Any]:
    """Per-hand-in costs measured here (child start, a training on one CPU core, a cache hit, the driver's
    report writing), then ``grader.capacity``'s minutes for a class on clusters of several shapes. The
    training is one epoch on ``images`` images, scaled to the rubric's recipe (epochs × images)."""
    import dataclasses

    import torch

    from grader.capacity import Costs, table
    from grader.data import load_dataset
    from grader.pipeline import Options, grade_submission
    from grader.report import write_reports
    from grader.rubric import load_rubric

    root = Path(__file__).resolve().parents[1]
    rubric = load_rubric(Path(rubric_path))
    item = next(i for i in rubric.items if i.check == "accuracy")
    data = load_dataset(rubric.code.dataset, data_root)
    recipe_images = item.params.epochs * min(item.params.train_limit or 10**9, data.train_images.shape[0])
    short = dataclasses.replace(rubric, items=[dataclasses.replace(i, params=dataclasses.replace(
        i.params, train_limit=images, epochs=1)) if i is item else i for i in rubric.items])

    write_reference = rubric.reference.write_reference_handin
    if write_reference is None:
        raise SystemExit("the homework has no reference solution to train")

    def train_s(tmp: Path, device: str, cache: Path | None) -> Any:
        folder = tmp / device / "reference"
        write_reference(folder)
        opts = Options(data_root=data_root, weights_cache=cache, threads=1, device=device)
        return grade_submission(folder, short, opts, None, data, trusted=cache is not None)

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "weights"
        trained = train_s(Path(tmp), "cpu", cache)
        opts = Options(data_root=data_root, weights_cache=cache, threads=1, device="cpu")
        hit = grade_submission(root / "submissions" / "example-correct", short, opts, None, data)
        t = time.perf_counter()
        write_reports(hit, Path(tmp) / "reports")
        driver_s = time.perf_counter() - t
        gpu = train_s(Path(tmp), "cuda", None) if torch.cuda.is_available() else None
    scale = recipe_images / images
    costs = Costs(child_start_s=hit.measurements["child"]["first_event_s"], hit_s=hit.timings["total_s"],
                  train_cpu_s=trained.timings["train_s"] * scale,
                  train_gpu_s=None if gpu is None else gpu.timings["train_s"] * scale, driver_s=driver_s)
    return {"costs": dataclasses.asdict(costs), "hit_from_cache": hit.measurements["weights_from_cache"],
            "measured_training_images": images, "recipe_images": recipe_images, "trained_share": trained_share,
            "gpu_share": gpu_share, "table": table(costs, trained_share=trained_share, gpu_share=gpu_share)}


def print_cluster(figures: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    costs = ", ".join(f"{k} {v:.2f}" for k, v in figures["costs"].items() if v is not None)
    t = Table(title=f"time to grade a class (model; measured per hand-in: {costs}; "
              f"{figures['trained_share']:.0%} of hand-ins train, {figures['gpu_share']:g} GPU each)",
              title_justify="left")
    for column in figures["table"][0]:
        t.add_column(column, justify="right")
    for row in figures["table"]:
        t.add_row(*(str(v) for v in row.values()))
    Console().print(t)


def _rss_mb() -> float:
    """This process's resident memory now (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _report_only_class(folder: Path, size: int) -> None:
    """``size`` hand-ins of answers only (no code: no child, no training). Every tenth answers everything
    (correct or with mistakes: seconds of checks); the others answer nothing (every item still reported)."""
    root = Path(__file__).resolve().parents[1] / "submissions"
    for i in range(size):
        handin = folder / f"s{i:04d}"
        handin.mkdir(parents=True)
        example = root / ("example-correct" if i % 20 else "example-mistakes") / "answers.toml"
        (handin / "answers.toml").write_bytes(example.read_bytes() if i % 10 == 0 else b"")


def phase_driver_memory(rubric_path: str, size: int, address: str | None) -> dict[str, Any]:
    """The driver's resident memory while ``size`` report-only hand-ins are graded on Ray: sampled every 0.2 s,
    and at every tenth of the class; the peak while hand-ins go through apart from the class files' writing
    (the summary, its similarity flags and charts come after the last hand-in). The figures of the grading are
    printed to stderr as soon as the last hand-in is done."""
    import dataclasses
    import json
    import sys

    from grader.batch import grade_batch
    from grader.executors.ray_executor import RayExecutor
    from grader.pipeline import Options
    from grader.rubric import load_rubric

    rubric = load_rubric(Path(rubric_path))
    rubric = dataclasses.replace(rubric, items=[i for i in rubric.items if i.check != "accuracy"])
    figures: dict[str, Any] = {"handins": size, "rss_start_mb": round(_rss_mb(), 1), "rss_by_done_mb": {}}
    peak = [0.0]
    done, count = threading.Event(), [0]

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _rss_mb())

    def on_done(entry: Any) -> None:
        count[0] += 1
        if count[0] % max(1, size // 10) == 0:
            figures["rss_by_done_mb"][count[0]] = round(_rss_mb(), 1)
        if count[0] == size:
            figures["rss_peak_grading_mb"] = round(max(peak[0], _rss_mb()), 1)
            figures["peak_above_start_grading_mb"] = round(figures["rss_peak_grading_mb"] - figures["rss_start_mb"], 1)
            print(json.dumps(figures), file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        _report_only_class(Path(tmp) / "class", size)
        executor = RayExecutor(address=address)
        figures["rss_after_ray_init_mb"] = round(_rss_mb(), 1)
        threading.Thread(target=sample, daemon=True).start()
        started = time.perf_counter()
        try:
            entries = grade_batch(Path(tmp) / "class", rubric, Options(weights_cache=None), Path(tmp) / "out",
                                  executor=executor, on_done=on_done)
        finally:
            done.set()
            executor.shutdown()
        figures["wall_s"] = round(time.perf_counter() - started, 1)
    figures["graded"] = sum(e.result is not None for e in entries)
    figures["rss_peak_with_class_files_mb"] = round(max(peak[0], _rss_mb()), 1)
    return figures
