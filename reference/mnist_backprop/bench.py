"""What the core benchmark (``python -m grader.bench``) needs from this homework: its network, the cost of
one training image, the correct example hand-in and a generated class of hand-ins."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from reference.mnist_backprop.classgen import MIX, write_class
from reference.mnist_backprop.spec import LAYERS

EXAMPLES = Path(__file__).resolve().parents[2] / "submissions"
CORRECT_EXAMPLE = EXAMPLES / "example-correct"

__all__ = ["CORRECT_EXAMPLE", "EXAMPLES", "MIX", "flops_per_training_image", "make_network", "write_class"]


def make_network() -> Any:
    """A fresh instance of the homework's reference network."""
    from reference.mnist_backprop.net import Net

    return Net()


def flops_per_training_image() -> float:
    """2·MACs forward, twice that backward, except the first layer (no input gradient)."""
    fwd = []
    for layer in LAYERS:
        if layer.weight is None:
            continue
        per_output = 1
        for d in layer.weight[1:]:
            per_output *= d
        outputs = 1
        for d in layer.output:
            outputs *= d
        fwd.append(2.0 * per_output * outputs)
    return 3 * sum(fwd) - fwd[0]
