"""The reference solution proves itself: sympy against autograd, the layer table against the hand-out."""
from __future__ import annotations

import random
import re

import pytest
import torch

from grader.expressions.numeric import complete_env, evaluate
from grader.layers import compare_activations, compare_weights, count_by_layer
from grader.sandbox.probe import probe
from grader.sandbox.protocol import parse_probe
from reference.mnist_backprop import backprop as bp
from reference.mnist_backprop import spec
from reference.mnist_backprop.net import Net

from tests.conftest import SHARED


def torch_network(t, w1, w2, w3):
    return w3 * torch.sigmoid(w2 * torch.sigmoid(w1 * t))


def point(seed: int) -> dict:
    rng = random.Random(seed)
    return {s: rng.uniform(*bp.NUMERIC_MODEL.variables[s]) for s in sorted(bp.NUMERIC_MODEL.variables, key=str)}


def ref(expr, values) -> float:
    return float(evaluate(expr, complete_env(bp.NUMERIC_MODEL, values), bp.NUMERIC_MODEL))


@pytest.mark.parametrize("seed", range(8))
def test_derivatives_agree_with_autograd(seed: int) -> None:
    v = point(seed)
    w = torch.tensor([v[bp.w1], v[bp.w2], v[bp.w3]], dtype=torch.float64, requires_grad=True)
    f = torch_network(torch.tensor(v[bp.x], dtype=torch.float64), w[0], w[1], w[2])
    grads = torch.autograd.grad(f, w)[0]
    for expr, g in zip((bp.DF_DW1, bp.DF_DW2, bp.DF_DW3), grads):
        assert ref(expr, v) == pytest.approx(float(g), rel=1e-12, abs=1e-14)
    u = torch.tensor(v[bp.u], dtype=torch.float64, requires_grad=True)
    (ds,) = torch.autograd.grad(torch.sigmoid(u), u)
    assert ref(bp.DSIGMA_EXP, v) == pytest.approx(float(ds), rel=1e-12)
    assert ref(bp.DSIGMA_SIGMA, v) == pytest.approx(float(ds), rel=1e-12)


@pytest.mark.parametrize("seed", range(8))
def test_loss_gradient_and_update_agree_with_autograd(seed: int) -> None:
    v = point(seed)
    w = torch.tensor([v[bp.w1], v[bp.w2], v[bp.w3]], dtype=torch.float64, requires_grad=True)
    loss = sum((y - torch_network(torch.tensor(x, dtype=torch.float64), *w)) ** 2
               for x, y in ((v[bp.xa], v[bp.ya]), (v[bp.xb], v[bp.yb])))
    (grad,) = torch.autograd.grad(loss, w)
    for i in range(3):
        assert ref(bp.GRAD[i], v) == pytest.approx(float(grad[i]), rel=1e-12, abs=1e-14)
        assert ref(bp.UPDATE[i], v) == pytest.approx(float(w[i].detach() - v[bp.alpha] * grad[i]), rel=1e-12, abs=1e-14)


def test_sigma_form_is_derived_in_sigma_alone() -> None:
    assert bp.DSIGMA_SIGMA.free_symbols == {bp.u}
    assert not bp.DSIGMA_SIGMA.atoms(bp.sp.exp)


def test_reference_net_matches_the_layer_table() -> None:
    measured = parse_probe(probe(Net(), spec.INPUT_SHAPE, seed=0))  # as the parent reads the child's event
    assert compare_weights(spec.LAYERS, measured.parameters).problems == []
    chain = compare_activations(spec.LAYERS, measured.activations)
    assert chain.problems == [] and chain.fraction == 1.0
    assert measured.param_count == spec.TOTAL_PARAMS == 431_080
    per_layer = count_by_layer(measured.parameters)
    assert list(per_layer.values()) == [layer.params for layer in spec.LAYERS if layer.params]


def test_layer_table_matches_the_assignment() -> None:
    text = (SHARED / "assignment" / "ASSIGNMENT.md").read_text(encoding="utf-8")
    counts = dict(re.findall(r"(conv\d|relu\d|pool\d|fc\d) ([\d,]+)", text))
    table = {layer.name: layer.params for layer in spec.LAYERS}
    for name, stated in counts.items():
        assert table[name] == int(stated.replace(",", "")), name
    assert f"total {spec.TOTAL_PARAMS:,}" in text
    shapes = {layer.name: layer.output for layer in spec.LAYERS}
    for name in ("conv1", "pool1", "conv2", "pool2"):
        c, h, w = shapes[name]
        assert f"{h}×{w}×{c}" in text, name
    assert "fc1: 800 -> 500" in text and "fc2: 500 -> 10" in text
    assert spec.LAYERS[6].weight == (500, 800) and spec.LAYERS[8].weight == (10, 500)
