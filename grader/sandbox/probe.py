"""Measure a student's network without judging it (runs in the child).

Parameters are read from ``named_parameters``; activations are recorded for every
conv, ReLU, pooling, linear and flatten operation of one forward pass, through a
``TorchFunctionMode`` (so functional calls like ``F.relu`` count as much as modules)
with forward hooks naming the module an operation ran in.
"""
from __future__ import annotations

from typing import Any

import torch
from torch import nn
from torch.overrides import TorchFunctionMode

from grader.sandbox import own_state


def op_kind(func: Any) -> str | None:
    name = getattr(func, "__name__", "").lower().lstrip("_")
    if "conv" in name and "transpose" not in name:
        return "conv"
    if name in ("relu", "relu_"):
        return "relu"
    if "pool" in name:
        return "pool"
    if name == "linear":
        return "linear"
    if name in ("view", "reshape", "flatten"):
        return "flatten"
    return None


class _Recorder(TorchFunctionMode):
    def __init__(self, stack: list[str]) -> None:
        super().__init__()
        self.stack = stack
        self.ops: list[dict[str, Any]] = []

    def __torch_function__(self, func, types, args=(), kwargs=None):  # noqa: ANN001 - torch's signature
        out = func(*args, **(kwargs or {}))
        kind = op_kind(func)
        if kind and isinstance(out, torch.Tensor) and out.dim() >= 1:
            self.ops.append({
                "kind": kind,
                "op": getattr(func, "__name__", "?"),
                "module": self.stack[-1] if self.stack else None,
                "shape": list(out.shape[1:]),
            })
        return out


def _enter(stack: list[str], name: str):
    def hook(module: nn.Module, args: Any) -> None:
        stack.append(name)
    return hook


def _leave(stack: list[str]):
    def hook(module: nn.Module, args: Any, output: Any) -> None:  # must return None: a value would replace output
        if stack:
            stack.pop()
    return hook


def parameters(model: nn.Module) -> list[dict[str, Any]]:
    """Read from nn.Module's own storage, never through the model's (overridable) methods."""
    out = []
    for name, p in own_state.state(model, ("_parameters",)):
        shape, numel = own_state.measure(p)
        out.append({"name": name, "shape": shape, "numel": numel})
    return out


def probe(model: nn.Module, input_shape: tuple[int, ...], seed: int, batch: int = 2) -> dict[str, Any]:
    """Parameters, activation chain and output of one forward pass on a seeded random batch."""
    stack: list[str] = []
    handles = []
    for name, module in model.named_modules():
        if name and not list(module.children()):
            handles.append(module.register_forward_pre_hook(_enter(stack, name)))
            handles.append(module.register_forward_hook(_leave(stack)))
    x = torch.rand((batch, *input_shape), generator=torch.Generator().manual_seed(seed))
    recorder = _Recorder(stack)
    model.eval()
    try:
        with torch.no_grad(), recorder:
            out = model(x)
    finally:
        for h in handles:
            h.remove()
    result: dict[str, Any] = {"parameters": parameters(model), "activations": recorder.ops}
    result["param_count"] = sum(p["numel"] for p in result["parameters"])
    if not isinstance(out, torch.Tensor):
        raise TypeError(f"forward returned {type(out).__name__}, not a tensor")
    result["output_shape"] = list(out.shape)
    result["output_finite"] = bool(torch.isfinite(out).all())
    return result
