"""The layer table of Problem 2: the spec the code checks compare a student's ``Net`` with.

Shapes are per sample, channels first (PyTorch's order); the hand-out writes them
H×W×C. The self-tests prove this table against the reference ``Net`` and against the
numbers printed in the assignment.
"""
from __future__ import annotations

from grader.layers import LayerSpec

LAYERS: list[LayerSpec] = [
    LayerSpec("conv1", "conv", weight=(20, 1, 5, 5), bias=(20,), output=(20, 24, 24), params=520),
    LayerSpec("relu1", "relu", output=(20, 24, 24)),
    LayerSpec("pool1", "pool", output=(20, 12, 12)),
    LayerSpec("conv2", "conv", weight=(50, 20, 5, 5), bias=(50,), output=(50, 8, 8), params=25_050),
    LayerSpec("relu2", "relu", output=(50, 8, 8)),
    LayerSpec("pool2", "pool", output=(50, 4, 4)),
    LayerSpec("fc1", "linear", weight=(500, 800), bias=(500,), output=(500,), params=400_500),
    LayerSpec("relu3", "relu", output=(500,)),
    LayerSpec("fc2", "linear", weight=(10, 500), bias=(10,), output=(10,), params=5_010),
]

TOTAL_PARAMS = sum(layer.params for layer in LAYERS)
INPUT_SHAPE = (1, 28, 28)
