"""Benchmark phases that need no training: the GPU check without CUDA (it says so and grades nothing) and the
class figures, warm against cold."""
from __future__ import annotations

import json

import torch

from grader import bench, pipeline


def test_without_cuda_the_gpu_check_says_so_and_grades_nothing(monkeypatch, capsys) -> None:
    graded = []
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(pipeline, "grade_submission", lambda *a, **k: graded.append(a))
    assert bench.main(["--phase", "gpu"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["cuda"] is False and "no CUDA" in figures["note"]
    assert graded == []


def test_the_class_figures_compare_warm_with_cold_and_leave_out_an_empty_part() -> None:
    def figures(per_min: float, scores: dict) -> dict:
        return {"cached_handins_per_min": per_min, "cached_scores": scores, "uncached_handins_per_min": 0.0,
                "uncached_scores": {}}

    same = bench.class_figures(figures(6.0, {"a": 28.0}), figures(2.0, {"a": 28.0}))
    assert same["batch_cached_warm_over_cold"] == 3.0 and same["batch_uncached_warm_over_cold"] is None
    assert same["batch_grades_identical_warm_cold"] is True
    assert bench.class_figures(figures(6.0, {"a": 28.0}), figures(2.0, {"a": 27.0}))[
        "batch_grades_identical_warm_cold"] is False
