"""The fairness study: every variant of ``variants.py`` trained with the grader's recipe at several seeds.

A correct network must never fail the accuracy threshold by chance. This trains each
ordinary correct variant and each typical wrong architecture at the given seeds (and,
with ``--retry-offset``, at the retry seed the grader's second-run rule would use), in
parallel worker processes, and prints per variant the lowest, mean and highest test
accuracy and how often it cleared the threshold. Results stream to a JSON-lines file,
so a run cut short still reports what finished.

    python3 -m reference.mnist_backprop.fairness --data-root DATA --seeds 0-4 --workers 2
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing as mp
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

RUBRIC = Path(__file__).resolve().parent / "rubric.toml"
_STATE: dict[str, Any] = {}


def _setup(data_root: str, device: str, threads: int, train_limit: int | None = None,
           overrides: dict[str, float] | None = None) -> None:
    import torch

    from grader.data import load_dataset

    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    _STATE.update(data=load_dataset("MNIST", data_root), device=torch.device(device), threads=threads,
                  train_limit=train_limit, overrides=overrides or {})


def recipe_from_rubric(path: Path = RUBRIC) -> tuple[Any, float, float, float]:
    """(Recipe, threshold, mean, std) of the rubric's accuracy item, read from the file alone (no plugins)."""
    import tomllib

    from grader.training import Recipe

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    params = next(i["params"] for i in data["item"] if i["check"] == "accuracy")
    code = data["homework"]["code"]
    return (Recipe(**params.get("recipe", {})), float(params.get("threshold", 99.0)), float(code["mean"]),
            float(code["std"]))


def train_one(task: tuple[str, str, int]) -> dict[str, Any]:
    """Train one variant at one seed exactly as the child does (seed, build, train, predict)."""
    import torch

    from grader import training
    from reference.mnist_backprop.variants import CORRECT, WRONG

    kind, name, seed = task
    recipe, threshold, mean, std = recipe_from_rubric()
    recipe = dataclasses.replace(recipe, **_STATE.get("overrides", {}))
    if _STATE.get("train_limit"):  # a smoke run of this script, not a measurement
        recipe = dataclasses.replace(recipe, train_limit=_STATE["train_limit"], epochs=1)
    data, device = _STATE["data"], _STATE["device"]
    training.set_determinism(seed, _STATE["threads"])
    model = (CORRECT if kind == "correct" else WRONG)[name]()
    started = time.perf_counter()
    info = training.train(model, data.train_images, data.train_labels, recipe, seed=seed, mean=mean, std=std,
                          device=device)
    pred = training.predict(model, data.test_images, mean=mean, std=std, device=device,
                            batch_size=recipe.eval_batch_size, channels_last=info["channels_last"])
    accuracy = float((torch.as_tensor(pred) == data.test_labels).double().mean() * 100)
    return {"kind": kind, "variant": name, "seed": seed, "accuracy": round(accuracy, 2), "device": str(device),
            "threads": _STATE["threads"], "train_s": round(time.perf_counter() - started, 1),
            "epoch_losses": info["epoch_losses"], "threshold": threshold,
            "recipe": _label(_STATE.get("overrides", {}))}


def _label(overrides: dict[str, float]) -> str:
    return ",".join(f"{k}={v:g}" for k, v in sorted(overrides.items())) or "rubric"


def tasks(seeds: list[int], kinds: str, only: list[str] | None = None) -> list[tuple[str, str, int]]:
    from reference.mnist_backprop.variants import CORRECT, WRONG

    out = []
    for seed in seeds:
        if kinds in ("all", "correct"):
            out += [("correct", name, seed) for name in CORRECT]
        if kinds in ("all", "wrong"):
            out += [("wrong", name, seed) for name in WRONG]
    return [t for t in out if not only or any(o.lower() in t[1].lower() for o in only)]


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    seeds = _seeds(args.seeds)
    if args.retry_offset:
        seeds += [s + args.retry_offset for s in seeds]
    todo = tasks(seeds, args.kinds, args.only)
    overrides = dict(_override(o) for o in args.set)
    ctx = mp.get_context("spawn")  # CUDA must not be initialised before a fork; spawn everywhere
    deadline = time.monotonic() + args.deadline_s
    results = []
    with ctx.Pool(args.workers, _setup,
                      (args.data_root, args.device, args.threads, args.train_limit, overrides)) as pool, \
            open(args.out, "a", encoding="utf-8") as out:
        for result in pool.imap_unordered(train_one, todo):
            results.append(result)
            out.write(json.dumps(result) + "\n")
            out.flush()
            print(f"{result['kind']:7} {result['variant']:38} seed {result['seed']:>5}: {result['accuracy']:.2f} % "
                  f"({result['train_s']} s)", flush=True)
            if time.monotonic() > deadline:
                pool.terminate()
                break
    return results


def table(results: list[dict[str, Any]], retry_offset: int = 0) -> str:
    """Per variant: runs, min / mean / max accuracy, runs at or above the threshold (first seeds only)."""
    rows = ["| recipe | kind | variant | device | runs | min | mean | max | ≥ threshold |",
            "|---|---|---|---|---|---|---|---|---|"]
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in results:
        if retry_offset and r["seed"] >= retry_offset:
            continue
        groups.setdefault((r.get("recipe", "rubric"), r["kind"], r["variant"], r["device"]), []).append(r)
    for (recipe, kind, name, device), rs in sorted(groups.items()):
        acc = [r["accuracy"] for r in rs]
        ok = sum(a >= r["threshold"] for a, r in zip(acc, rs))
        rows.append(f"| {recipe} | {kind} | {name} | {device} | {len(acc)} | {min(acc):.2f} | {statistics.mean(acc):.2f} | "
                    f"{max(acc):.2f} | {ok}/{len(acc)} |")
    return "\n".join(rows)


def _override(text: str) -> tuple[str, float]:
    key, _, value = text.partition("=")
    return key.strip(), (int(value) if value.strip().isdigit() else float(value))


def _seeds(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out += list(range(int(lo), int(hi or lo) + 1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-root", required=True)
    parser.add_argument("--seeds", default="0-4")
    parser.add_argument("--retry-offset", type=int, default=0, help="also train at seed + this (the retry seed)")
    parser.add_argument("--kinds", choices=("all", "correct", "wrong"), default="all")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1, help="torch threads per worker")
    parser.add_argument("--deadline-s", type=float, default=1e9, help="stop collecting after this many seconds")
    parser.add_argument("--out", default="fairness.jsonl")
    parser.add_argument("--train-limit", type=int, default=None, help="smoke run: 1 epoch on this many images")
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                        help="train with this recipe field changed (a candidate recipe)")
    parser.add_argument("--only", action="append", default=None, metavar="TEXT", help="variants whose name has TEXT")
    parser.add_argument("--table-only", action="store_true", help="only print the table of --out")
    args = parser.parse_args(argv)
    if not args.table_only:
        run(args)
    results = [json.loads(line) for line in Path(args.out).read_text().splitlines() if line.strip()]
    print(table(results, args.retry_offset))
    return 0


if __name__ == "__main__":
    sys.exit(main())
