"""Training-speed benchmark: the grader's recipe against the classic pipeline, in one run.

``python -m grader.bench [--quick] [--json FILE] [--data-root DIR]`` prints a table of
figures, every one measured in this run on this machine: seconds per epoch, wall
time until the test accuracy first reaches 99 % (evaluating after each epoch), the
whole ``grade`` of the correct example with its breakdown, achieved against peak
GFLOP/s (a GEMM), and a generated class of hand-ins graded with and without the
trained-weights cache (hand-ins per minute). Each training runs in its own process: the grader's with the same
environment its sandboxed child gets, the baseline with the ordinary one.

The child's start is measured both ways in the same run: warm (forked from the template, the default) and cold
(a fresh interpreter, the fallback and the baseline): ``child_start_s`` (spawn to the child's first
line), ``cache_hit_wall_s`` (a grade whose weights come from the cache), ``overhead_share`` (all but training and
evaluation, as a share of an uncached grade) and the class's hand-ins per minute with and without the cache.

The homework comes from the rubric (``--rubric``, else the installed one, as for ``grade``): its dataset and
normalisation from ``[homework.code]``, its network, example hand-ins and class generator from the ``bench``
module beside its reference solution.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from grader.compat import tomllib

if TYPE_CHECKING:
    from grader.rubric import Rubric

MAX_BASELINE_EPOCHS = 10
TARGET = 99.0


def homework(rubric_path: str) -> tuple[Rubric, ModuleType]:
    """The rubric and its homework's ``bench`` module (beside the reference module the rubric names)."""
    from grader.rubric import load_rubric

    rubric = load_rubric(Path(rubric_path))
    module = tomllib.loads(Path(rubric_path).read_text(encoding="utf-8"))["homework"]["reference"]
    return rubric, importlib.import_module(f"{module}.bench")


def _accuracy(model: Any, test: Any, grader_path: bool, mean: float, std: float,
              channels_last: bool = False) -> float:
    import torch

    from grader.training import predict

    if grader_path:
        preds = torch.tensor(predict(model, test.data, mean=mean, std=std, device=torch.device("cpu"),
                                     batch_size=1000, channels_last=channels_last))
    else:
        model.eval()
        x = (test.data.unsqueeze(1).float() / 255 - mean) / std
        with torch.no_grad():
            preds = torch.cat([model(x[i:i + 1000]).argmax(1) for i in range(0, len(x), 1000)])
    return float((preds == test.targets).double().mean() * 100)


def phase_baseline(rubric_path: str, data_root: str, epochs: int) -> dict[str, Any]:
    """The classic pipeline: transforms per image, DataLoader batch 64, SGD 0.01 momentum 0.9."""
    import torch
    import torch.nn.functional as F
    from torchvision import datasets, transforms

    rubric, bench = homework(rubric_path)
    code = rubric.code
    dataset = getattr(datasets, code.dataset)
    torch.manual_seed(0)
    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((code.mean,), (code.std,))])
    loader = torch.utils.data.DataLoader(dataset(data_root, train=True, transform=tf), batch_size=64,
                                         shuffle=True)
    test = dataset(data_root, train=False)
    model = bench.make_network()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    started, epoch_s, reached, accs = time.perf_counter(), [], None, []
    for _ in range(epochs):
        t = time.perf_counter()
        model.train()
        for x, y in loader:
            opt.zero_grad()
            F.cross_entropy(model(x), y).backward()
            opt.step()
        epoch_s.append(time.perf_counter() - t)
        accs.append(_accuracy(model, test, grader_path=False, mean=code.mean, std=code.std))
        if accs[-1] >= TARGET:
            reached = time.perf_counter() - started
            break
    return {"epoch_s": epoch_s[0], "time_to_99_s": reached, "accuracies": accs}


def phase_grader(rubric_path: str, data_root: str, epochs: int) -> dict[str, Any]:
    """The grader's recipe (one schedule over ``epochs``), evaluating after each epoch."""
    import torch

    from grader.data import load_dataset
    from grader.training import Recipe, set_determinism, train

    rubric, bench = homework(rubric_path)
    code = rubric.code
    data = load_dataset(code.dataset, data_root)
    test = type("Test", (), {"data": data.test_images, "targets": data.test_labels})
    set_determinism(0, len(os.sched_getaffinity(0)))
    model = bench.make_network()
    accs: list[float] = []
    marks: dict[str, float] = {"eval_s": 0.0}
    started = time.perf_counter()

    def evaluate(epoch: int, channels_last: bool) -> None:
        t = time.perf_counter()
        accs.append(_accuracy(model, test, grader_path=True, mean=code.mean, std=code.std,
                              channels_last=channels_last))
        marks["eval_s"] += time.perf_counter() - t
        if accs[-1] >= TARGET and "reached" not in marks:
            marks["reached"] = time.perf_counter() - started

    info = train(model, data.train_images, data.train_labels, Recipe(epochs=epochs), seed=0, mean=code.mean,
                 std=code.std, device=torch.device("cpu"), after_epoch=evaluate)
    train_s = info["train_s"] - marks["eval_s"]
    return {"epoch_s": train_s / epochs, "time_to_99_s": marks.get("reached"), "accuracies": accs,
            "train_s": train_s,
            "achieved_gflops": bench.flops_per_training_image() * len(data.train_labels) * epochs / train_s / 1e9}


def phase_gemm() -> dict[str, Any]:
    """Peak: float32 GEMM GFLOP/s on all cores, best of several."""
    import torch

    torch.set_num_threads(len(os.sched_getaffinity(0)))
    n = 2048
    a, b = torch.randn(n, n), torch.randn(n, n)
    for _ in range(3):
        a @ b
    best = 0.0
    for _ in range(10):
        t = time.perf_counter()
        a @ b
        best = max(best, 2 * n**3 / (time.perf_counter() - t) / 1e9)
    return {"peak_gflops": best}


def phase_grade(rubric_path: str, data_root: str) -> dict[str, Any]:
    """The whole grade of the correct example, start to report files, in this fresh process (a warm template
    starts on demand, as for one ``grade``); then the same network from the cache; then uncached again (a warm
    template is running by then, as in a batch)."""
    from dataclasses import replace

    from rich.console import Console

    from grader.pipeline import Options, grade_submission
    from grader.report import write_reports
    from grader.report.console import render_console

    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        rubric, bench = homework(rubric_path)
        options = Options(data_root=data_root, weights_cache=Path(cache))  # empty: this grade trains
        result = grade_submission(bench.CORRECT_EXAMPLE, rubric, options, trusted=True)
        t = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            render_console(result, Console(file=open(os.devnull, "w")))
            write_reports(result, Path(tmp))
        reports_s = time.perf_counter() - t
        wall = time.perf_counter() - started
        hit_started = time.perf_counter()
        hit = grade_submission(bench.CORRECT_EXAMPLE, rubric, options)  # the same network: from the cache
        hit_wall = time.perf_counter() - hit_started
    with tempfile.TemporaryDirectory() as cache:  # uncached again, the template (if warm) already running
        again_started = time.perf_counter()
        again = grade_submission(bench.CORRECT_EXAMPLE, rubric, replace(options, weights_cache=Path(cache)),
                                 trusted=True)
        again_wall = time.perf_counter() - again_started
    tm, tm_again = result.timings, again.timings
    return {
        "first_student_line_s": result.measurements.get("child", {}).get("first_event_s"),
        "start": result.measurements.get("child", {}).get("start"),
        "grade_wall_s": wall, "score": result.score, "max_automatic": sum(
            c.max_score for c in result.checks if c.status != "manual"),
        "overhead_share": (wall - tm.get("train_s", 0) - tm.get("eval_s", 0)) / wall,
        "overhead_share_running_template": (again_wall - tm_again.get("train_s", 0) - tm_again.get("eval_s", 0))
        / again_wall, "second_score": again.score,
        "cache_hit_wall_s": hit_wall, "cache_hit": bool(hit.measurements.get("weights_from_cache")),
        "cache_hit_score": hit.score,
        "breakdown": {
            # data_s runs in the grader while the child starts (inside sandbox_s), not after it
            "sandbox_s": tm.get("child_s", 0) - tm.get("train_s", 0) - tm.get("eval_s", 0),
            "data_s_overlapped": tm.get("data_s", 0), "train_s": tm.get("train_s", 0), "eval_s": tm.get("eval_s", 0),
            "answers_s": tm.get("checks_s", 0), "reports_s": reports_s,
            "other_s": wall - tm.get("total_s", 0) - reports_s,
        },
    }


def phase_gpu(rubric_path: str, data_root: str) -> dict[str, Any]:
    """The GPU check: one grade of the correct example, end to end, training on the GPU (an empty weights
    cache, so it trains). Without CUDA it says so and does nothing."""
    import torch

    from grader.pipeline import Options, grade_submission

    if not torch.cuda.is_available():  # in this process only: the template and its forks start CUDA-free
        return {"cuda": False, "note": "no CUDA device here: the GPU check did nothing"}
    rubric, bench = homework(rubric_path)
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        result = grade_submission(bench.CORRECT_EXAMPLE, rubric,
                                  Options(device="cuda", data_root=data_root, weights_cache=Path(cache)))
        wall = time.perf_counter() - started
    tm = result.timings
    return {"cuda": True, "gpu": torch.cuda.get_device_name(0), "device": result.device, "grade_wall_s": wall,
            "score": result.score, "max_automatic": sum(c.max_score for c in result.checks if c.status != "manual"),
            "train_s": tm.get("train_s"), "eval_s": tm.get("eval_s"), "child_s": tm.get("child_s"),
            "start": result.measurements.get("child", {}).get("start"),
            "accuracy": result.measurements.get("accuracy"), "notes": result.notes}


def phase_batch(rubric_path: str, data_root: str, size: int, uncached: int, workers: int | None) -> dict[str, Any]:
    """A generated class graded as ``grade CLASS`` does: with the trained-weights cache (empty at the
    start, so the reference network's training is included), then a sample of it without the cache."""
    from grader.batch import grade_batch
    from grader.pipeline import Options

    rubric, bench = homework(rubric_path)
    figures: dict[str, Any] = {"class_size": size}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench.write_class(folder / "class", bench.EXAMPLES, size)
        mix = bench.MIX
        sample = [mix[(i * 5) % len(mix)] for i in range(uncached)]  # every 5th kind: the class's mix
        bench.write_class(folder / "sample", bench.EXAMPLES, uncached, mix=sample)
        for name, cache, klass in (("cached", folder / "weights", "class"), ("uncached", None, "sample")):
            started = time.perf_counter()
            entries = grade_batch(folder / klass, rubric, Options(data_root=data_root, weights_cache=cache),
                                  folder / f"reports-{name}", workers=workers)
            wall = time.perf_counter() - started
            results = [e.result for e in entries if e.result is not None]
            figures[f"{name}_scores"] = {e.id: None if e.result is None else e.result.score for e in entries}
            total = sum(r.timings.get("total_s", 0) for r in results)
            train = sum(r.timings.get("train_s", 0) for r in results)
            figures[f"{name}_handins"] = len(entries)
            figures[f"{name}_wall_s"] = wall
            figures[f"{name}_handins_per_min"] = 60 * len(entries) / wall
            figures[f"{name}_share_outside_training"] = 1 - train / total if total else None
            if cache is not None:
                figures["cached_hits"] = sum(bool(r.measurements.get("weights_from_cache")) for r in results)
    return figures


def phase_sandbox() -> dict[str, Any]:
    """Start-up costs: a bare interpreter, the same under the sandbox's isolation, and torch's import."""
    import statistics

    from grader.sandbox.isolation import isolate
    from grader.sandbox.runner import ChildJob

    def best(cmd: list[str]) -> float:
        times = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    with tempfile.TemporaryDirectory() as tmp:
        bare = [sys.executable, "-c", "pass"]
        inbox = Path(tmp) / "in"
        inbox.mkdir()
        (inbox / "request.json").write_text("{}")
        job = ChildJob("", "", "", (), 0, "cpu", 1, 0.0, 1.0, None, allow_unisolated=True)
        wrapped, isolation, _ = isolate(bare, Path(tmp) / "work", inbox, job)
        return {"python_start_s": best(bare), "isolated_python_start_s": best(wrapped),
                "torch_import_s": best([sys.executable, "-c", "import torch"]), "isolation": isolation}


def phase_start(rubric_path: str, runs: int = 5) -> dict[str, Any]:
    """Spawn to the child's first line, warm (from a running template) and cold (a fresh interpreter), for the
    correct example's network without training; the medians, and the template's own start."""
    import statistics

    from grader.sandbox import warm
    from grader.sandbox.runner import ChildJob, run_child

    rubric, bench = homework(rubric_path)
    code = rubric.code
    job = ChildJob((bench.CORRECT_EXAMPLE / code.file).read_text(), code.file, code.class_name, code.input_shape,
                   0, "cpu", 1, code.mean, code.std, None)

    def starts(mode: str, count: int) -> tuple[list[float], list[float]]:
        os.environ[warm.MODE_ENV] = mode
        firsts, walls = [], []
        for _ in range(count):
            t = time.perf_counter()
            run = run_child(job, None)
            walls.append(time.perf_counter() - t)
            if run.error is not None or run.child.get("start") != mode:
                raise RuntimeError(f"the {mode} start did not run the example: {run.error} {run.child}")
            firsts.append(float(run.child["first_event_s"]))  # type: ignore[arg-type]
        return firsts, walls

    t = time.perf_counter()
    warm.template_for("cpu", 1, ())
    template_s = time.perf_counter() - t
    warm_first, warm_wall = starts("warm", runs)
    cold_first, cold_wall = starts("cold", max(2, runs // 2))
    warm.close_all()
    return {"child_start_s": statistics.median(warm_first), "cold_child_start_s": statistics.median(cold_first),
            "warm_probe_wall_s": statistics.median(warm_wall), "cold_probe_wall_s": statistics.median(cold_wall),
            "template_start_s": template_s, "child_start_runs_s": warm_first}


def _run_phase(name: str, args: argparse.Namespace, grader_env: bool, start: str = "warm") -> dict[str, Any]:
    """Each phase in a fresh process, so allocator settings and warm caches do not leak between them.
    ``start``: how the children start (warm from a template, or cold), for the phases that grade."""
    from grader.sandbox.runner import MALLOC_ENV
    from grader.sandbox.warm import MODE_ENV

    env = {**os.environ, MODE_ENV: start}
    if grader_env:
        env.update(MALLOC_ENV)
    cmd = [sys.executable, "-m", "grader.bench", "--phase", name, "--rubric", args.rubric,
           "--data-root", args.data_root,
           "--epochs", str(args.epochs), "--class-size", str(args.class_size), "--uncached", str(args.uncached)]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    import torch

    gemm = _run_phase("gemm", args, grader_env=True)
    sandbox = _run_phase("sandbox", args, grader_env=True)
    grader = _run_phase("grader", args, grader_env=True)
    args.epochs = 1 if args.quick else MAX_BASELINE_EPOCHS
    baseline = _run_phase("baseline", args, grader_env=False)
    start = _run_phase("start", args, grader_env=True)
    grade = _run_phase("grade", args, grader_env=True)
    grade_cold = _run_phase("grade", args, grader_env=True, start="cold")
    batch = {} if args.skip_batch else _run_phase("batch", args, grader_env=False)
    batch_cold = {} if args.skip_batch else _run_phase("batch", args, grader_env=False, start="cold")
    ratio = lambda a, b: None if a is None or b is None else a / b  # noqa: E731
    return {
        "cores": len(os.sched_getaffinity(0)),
        "device": "cuda" if torch.cuda.is_available() else "cpu",
        "baseline_epoch_s": baseline["epoch_s"],
        "grader_epoch_s": grader["epoch_s"],
        "epoch_speedup": ratio(baseline["epoch_s"], grader["epoch_s"]),
        "baseline_time_to_99_s": None if args.quick else baseline["time_to_99_s"],
        "grader_time_to_99_s": grader["time_to_99_s"],
        "time_to_99_speedup": None if args.quick else ratio(baseline["time_to_99_s"], grader["time_to_99_s"]),
        "baseline_accuracies": baseline["accuracies"],
        "grader_accuracies": grader["accuracies"],
        "grade_wall_s": grade["grade_wall_s"],
        "grade_over_train": ratio(grade["grade_wall_s"], grade["breakdown"]["train_s"]),
        "grade_score": f'{grade["score"]:g} / {grade["max_automatic"]:g} automatic',
        "breakdown": grade["breakdown"],
        "achieved_gflops": grader["achieved_gflops"],
        "peak_gflops": gemm["peak_gflops"],
        "achieved_share_of_peak": grader["achieved_gflops"] / gemm["peak_gflops"],
        "sandbox_overhead_s": sandbox["isolated_python_start_s"] - sandbox["python_start_s"],
        "torch_import_s": sandbox["torch_import_s"],
        "first_student_line_s": grade["first_student_line_s"],
        "isolation": sandbox["isolation"],
        **start_figures(start, grade, grade_cold),
        **class_figures(batch, batch_cold),
    }


def start_figures(start: dict[str, Any], grade: dict[str, Any], grade_cold: dict[str, Any]) -> dict[str, Any]:
    """The warm start's figures beside the cold start's, all measured in this run."""
    return {
        "child_start_s": start["child_start_s"], "cold_child_start_s": start["cold_child_start_s"],
        "template_start_s": start["template_start_s"],
        "overhead_share": grade["overhead_share"], "cold_overhead_share": grade_cold["overhead_share"],
        "overhead_share_running_template": grade["overhead_share_running_template"],
        "cold_overhead_share_second_grade": grade_cold["overhead_share_running_template"],
        "cache_hit_wall_s": grade["cache_hit_wall_s"], "cold_cache_hit_wall_s": grade_cold["cache_hit_wall_s"],
        "cold_grade_wall_s": grade_cold["grade_wall_s"],
        "grades_identical_warm_cold": (grade["score"], grade["cache_hit_score"], grade["second_score"])
        == (grade_cold["score"], grade_cold["cache_hit_score"], grade_cold["second_score"]),
    }


def class_figures(batch: dict[str, Any], batch_cold: dict[str, Any]) -> dict[str, Any]:
    """The class phase warm and cold: hand-ins per minute with and without the cache, and whether every grade
    is the same."""
    if not batch:
        return {}
    out = {f"batch_{k}": v for k, v in batch.items() if not k.endswith("_scores")}
    out.update({f"batch_cold_{k}": v for k, v in batch_cold.items() if not k.endswith("_scores")})
    for kind in ("cached", "uncached"):  # none for a part of no hand-ins (--uncached 0)
        cold = batch_cold[f"{kind}_handins_per_min"]
        out[f"batch_{kind}_warm_over_cold"] = batch[f"{kind}_handins_per_min"] / cold if cold else None
    out["batch_grades_identical_warm_cold"] = all(batch[f"{k}_scores"] == batch_cold[f"{k}_scores"]
                                                  for k in ("cached", "uncached"))
    return out


def phase_classes(args: argparse.Namespace) -> dict[str, Any]:
    """The class phase warm, then cold, each in a fresh process, in one run: hand-ins per minute, their ratio,
    whether every grade is the same, and the load average (1 minute) before and after each."""
    runs: dict[str, dict[str, Any]] = {}
    for start in ("warm", "cold"):
        before = os.getloadavg()[0]
        runs[start] = _run_phase("batch", args, grader_env=False, start=start)
        runs[start]["load_before_after"] = [before, os.getloadavg()[0]]
    return class_figures(runs["warm"], runs["cold"])


def print_table(figures: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="grader benchmark", title_justify="left")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v:.2f}" for k, v in value.items())
        elif isinstance(value, float):
            value = f"{value:.3f}"
        elif isinstance(value, list):
            value = ", ".join(f"{v:.2f}" for v in value)
        table.add_row(key, str(value))
    Console().print(table)


def main(argv: list[str] | None = None) -> int:
    from grader.bench_cluster import phase_cluster, phase_driver_memory, print_cluster
    from grader.cli import default_rubric
    from grader.data import resolve_root

    p = argparse.ArgumentParser(prog="python -m grader.bench", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="skip the baseline's time to 99 %% (one baseline epoch)")
    p.add_argument("--json", help="also write the figures to this file")
    p.add_argument("--rubric", help="the homework's rubric (default: as for grade, the installed homework's)")
    p.add_argument("--data-root", help="dataset root (default: $GRADER_DATA_ROOT, else the cache folder)")
    p.add_argument("--epochs", type=int, default=2, help="epochs of the grader's recipe (default 2)")
    p.add_argument("--phase", help="run one phase only and print its JSON (gemm, sandbox, start, grader, "
                   "baseline, grade, batch, classes (batch warm then cold), gpu, cluster, driver-memory); "
                   "GRADER_CHILD_START=cold: children start cold")
    p.add_argument("--class-size", type=int, default=30, help="hand-ins in the generated class (default 30)")
    p.add_argument("--uncached", type=int, default=6,
                   help="hand-ins of the class's mix graded without the weights cache (default 6)")
    p.add_argument("--workers", type=int, help="batch workers (default: the batch's own)")
    p.add_argument("--cluster-images", type=int, default=2000,
                   help="cluster phase: images of the measured training, scaled to the recipe (default 2000)")
    p.add_argument("--trained-share", type=float, default=0.1,
                   help="cluster phase: share of a class whose network must train (default 0.1)")
    p.add_argument("--gpu-share", type=float, default=0.25, help="cluster phase: GPU fraction per training (0.25)")
    p.add_argument("--address", help="driver-memory phase: a Ray cluster (default: start one here)")
    p.add_argument("--skip-batch", action="store_true", help="leave out the class benchmark (minutes)")
    args = p.parse_args(argv)
    args.data_root = str(resolve_root(args.data_root)[0])
    args.rubric = str(args.rubric or default_rubric())
    if args.phase:
        rubric = args.rubric
        phases = {"baseline": lambda: phase_baseline(rubric, args.data_root, args.epochs),
                  "grader": lambda: phase_grader(rubric, args.data_root, args.epochs),
                  "gemm": phase_gemm, "grade": lambda: phase_grade(rubric, args.data_root), "sandbox": phase_sandbox,
                  "start": lambda: phase_start(rubric),
                  "gpu": lambda: phase_gpu(rubric, args.data_root),
                  "classes": lambda: phase_classes(args),
                  "batch": lambda: phase_batch(rubric, args.data_root, args.class_size, args.uncached, args.workers),
                  "cluster": lambda: phase_cluster(rubric, args.data_root, args.cluster_images, args.trained_share,
                                                   args.gpu_share),
                  "driver-memory": lambda: phase_driver_memory(rubric, args.class_size, args.address)}
        figures = phases[args.phase]()
        if args.phase == "cluster":
            print_cluster(figures)
        print(json.dumps(figures))
        return 0
    figures = run_all(args)
    print_table(figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
