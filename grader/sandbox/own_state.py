"""A network's parameters and buffers read from nn.Module's own storage (runs in the child).

Student code shares the interpreter: its class may override ``named_parameters`` or
``state_dict``, or patch them (or ``Tensor.numel``, ``torch.save``) on torch's classes, to
report a network it is not. The reader below never calls a method of the model or of a
Python-level tensor class: it walks the ``_modules``/``_parameters``/``_buffers`` dicts with
``object.__getattribute__`` and ``dict.items``, measures tensors with the C base class's own
methods (immutable from Python) with subclass ``__torch_function__`` off, and saves with the
``torch.save`` captured when this module was imported, before any student code.
"""
from __future__ import annotations

import io
from typing import Any

import torch

Named = list[tuple[str, torch.Tensor]]


def _reader() -> tuple[Any, Any, Any]:
    """(state, measure, save) as closures over what they use, captured now."""
    get, items = object.__getattribute__, dict.items
    base, plain = torch._C.TensorBase, torch._C.DisableTorchFunctionSubclass
    size, numel, detach, cpu, contiguous, as_subclass = (base.size, base.numel, base.detach, base.cpu,
                                                         base.contiguous, base.as_subclass)
    tensor, save = torch.Tensor, torch.save

    def field(module: object, name: str) -> Any:
        value = get(module, name)
        if type(value) is not dict and not (name == "_non_persistent_buffers_set" and type(value) is set):
            raise TypeError(f"the network's {name} is a {type(value).__name__}, not nn.Module's own storage")
        return value

    def modules(model: object) -> list[tuple[str, object]]:
        out, seen, stack = [], set(), [("", model)]
        while stack:
            prefix, module = stack.pop()
            if id(module) in seen:
                continue
            seen.add(id(module))
            out.append((prefix, module))
            children = [(f"{prefix}.{n}" if prefix else n, m) for n, m in items(field(module, "_modules"))
                        if m is not None]
            stack.extend(reversed(children))
        return out

    def state(model: object, kinds: tuple[str, ...] = ("_parameters", "_buffers"),
              persistent_only: bool = False) -> Named:
        """Parameters then buffers, in registration order, shared tensors once (as state_dict names them)."""
        seen: set[int] = set()
        out: Named = []
        walked = modules(model)
        for kind in kinds:
            for prefix, module in walked:
                skip = field(module, "_non_persistent_buffers_set") if kind == "_buffers" and persistent_only else ()
                for name, t in list(items(field(module, kind))):
                    if t is None or id(t) in seen or name in skip:
                        continue
                    seen.add(id(t))
                    out.append((f"{prefix}.{name}" if prefix else name, t))
        return out

    def measure(t: torch.Tensor) -> tuple[list[int], int]:
        with plain():
            return [int(n) for n in size(t)], int(numel(t))

    def saved(tensors: Named) -> bytes:
        buf = io.BytesIO()
        with plain():
            save({n: contiguous(cpu(detach(as_subclass(t, tensor)))) for n, t in tensors}, buf)
        return buf.getvalue()

    return state, measure, saved


state, measure, saved = _reader()
