"""The GPU check (``python -m grader.bench --phase gpu``) on a machine without CUDA: it says so and grades
nothing."""
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
