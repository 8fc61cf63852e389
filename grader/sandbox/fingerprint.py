"""A fingerprint of what training a network computes, so each distinct network is trained once.

Under the grader's deterministic settings, training depends only on the ops that one
training step runs (forward, loss and backward), the initial weights, which tensors the
optimizer updates, the recipe, the seed, the thread count and the data. The trace is
taken below autograd (a ``TorchDispatchMode``), so ``nn.ReLU`` and ``F.relu``, an
``nn.Sequential`` and named attributes, renamed layers and ``view``/``flatten`` that run
the same kernels all give the same fingerprint. Tensors are named by first use, not by
attribute name. Two steps on different batches must give the same trace: a network
whose step changes from call to call (counters, data-dependent branches) gets no
fingerprint and is trained.

It runs in the sandboxed child, so a hostile hand-in can lie about its fingerprint; the
parent therefore only ever *fills* the cache from results it can trust (see
``grader.weights_cache``), and a lie can at most load honest weights into the liar's
own network, which is then evaluated as usual.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import torch
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten

from grader.sandbox import own_state

# Ops that only reinterpret or copy memory: named by what they produce, so that
# view(-1, 800), flatten(x, 1) and reshape run on the same kernels give one trace.
_SHAPE_OPS = {"view", "_unsafe_view", "reshape", "_reshape_alias", "flatten"}


class _Recorder(TorchDispatchMode):
    """Every op below autograd. Tensors are named by first use: the model's state as
    ``p0, p1, ...``, results of ops as ``t1, t2, ...``; any other tensor an op reads (a
    constant made in ``forward``, a plain tensor attribute) is named by its values."""

    def __init__(self, state: list[torch.Tensor], given: dict[int, str]) -> None:
        super().__init__()
        self._state = {id(t): t for t in state}
        self.names = dict(given)
        self.first_used: list[torch.Tensor] = []  # the state, in order of first use
        self._alive: list[torch.Tensor] = []  # held so that no id is reused within one step
        self.lines: list[str] = []

    def _input(self, t: torch.Tensor) -> str:
        key = id(t)
        if key not in self.names:
            if key in self._state:
                self.names[key] = f"p{len(self.first_used)}"
                self.first_used.append(t)
            else:
                digest = hashlib.sha256(t.detach().contiguous().cpu().numpy().tobytes()).hexdigest()[:12]
                self.names[key] = f"const[{digest}]"
                self._alive.append(t)
        return f"{self.names[key]}:{tuple(t.shape)}:{tuple(t.stride())}:{t.dtype}"

    def _output(self, t: torch.Tensor) -> str:
        self._alive.append(t)
        self.names[id(t)] = f"t{len(self._alive)}"
        return f"{self.names[id(t)]}:{tuple(t.shape)}:{tuple(t.stride())}:{t.dtype}"

    def __torch_dispatch__(self, func: Any, types: Any, args: tuple = (), kwargs: dict | None = None) -> Any:
        out = func(*args, **(kwargs or {}))
        op = func._schema.name.split("::")[-1]
        if op in _SHAPE_OPS:  # no copy, no arithmetic: only the result's shape matters
            op, args, kwargs = "view", args[:1], {}
        inputs = [self._input(a) if isinstance(a, torch.Tensor) else repr(a)
                  for a in tree_flatten((args, kwargs or {}))[0]]
        outputs = [self._output(o) if isinstance(o, torch.Tensor) else repr(o) for o in tree_flatten(out)[0]]
        self.lines.append(f"{op}({', '.join(inputs)}) -> {', '.join(outputs)}")
        return out


def state_tensors(model: nn.Module) -> list[tuple[str, torch.Tensor]]:
    """Parameters then buffers, in registration order (shared tensors once), read from nn.Module's own
    storage (a hand-in's class cannot override what is read)."""
    return own_state.state(model)


def fingerprint(model: nn.Module, batches: list[tuple[torch.Tensor, torch.Tensor]],
                loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor], context: str,
                layout_context: Callable[[], Any]) -> tuple[str | None, list[torch.Tensor], str]:
    """(fingerprint or None, the state tensors in canonical order, why there is none).

    The model's weights, gradients and the global RNG are restored afterwards, so the
    training that follows is exactly what it would have been without this call.
    """
    state = [t for _, t in state_tensors(model)]
    saved = [t.detach().clone() for t in state]
    rng = torch.get_rng_state()
    recorders = []
    try:
        for x, y in batches:
            recorder = _Recorder(state, {id(x): "input", id(y): "target"})
            torch.set_rng_state(rng)
            with layout_context(), recorder:
                loss_fn(model(x), y).backward()
            recorders.append(recorder)
            _restore(model, state, saved)
    except Exception as exc:  # noqa: BLE001 - any failure just means "train it"
        _restore(model, state, saved)
        return None, [], f"the training step could not be traced ({type(exc).__name__}: {exc})"
    finally:
        torch.set_rng_state(rng)
    if len({"\n".join(r.lines) for r in recorders}) != 1:
        return None, [], "the training step differs from call to call"
    used = {id(t) for t in recorders[0].first_used}
    order = recorders[0].first_used + [t for t in state if id(t) not in used]
    trainable = {id(p) for p in model.parameters() if p.requires_grad}
    h = hashlib.sha256(context.encode())
    h.update("\n".join(recorders[0].lines).encode())
    for t in order:
        h.update(f"|{tuple(t.shape)}|{t.dtype}|{id(t) in trainable}|".encode())
        h.update(t.detach().contiguous().cpu().numpy().tobytes())
    return h.hexdigest()[:40], order, ""


def _restore(model: nn.Module, state: list[torch.Tensor], saved: list[torch.Tensor]) -> None:
    with torch.no_grad():
        for t, v in zip(state, saved, strict=False):
            t.copy_(v)
    model.zero_grad(set_to_none=True)
