"""Layer tables: a homework's spec of a network, and its comparison with what the child measured.

The child reports parameters in registration order and the chain of layer-like
operations (conv, ReLU, pooling, linear) seen during one forward pass, whether they
came from modules or from ``torch.nn.functional``. The parent compares them here.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from grader.sandbox.protocol import Activation, Parameter

TRUNK_KINDS = ("conv", "pool", "linear")


@dataclass(frozen=True)
class LayerSpec:
    """One row of the layer table. Shapes are per sample, channels first."""

    name: str
    kind: str  # conv | relu | pool | linear
    weight: tuple[int, ...] | None = None
    bias: tuple[int, ...] | None = None
    output: tuple[int, ...] = ()
    params: int = 0


def shape_text(shape: Sequence[int] | None) -> str:
    return "×".join(str(d) for d in shape) if shape else "none"


@dataclass(frozen=True)
class Comparison:
    matched: int
    total: int
    problems: list[str]

    @property
    def fraction(self) -> float:
        return self.matched / self.total if self.total else 1.0


def group_parameters(parameters: Sequence[Parameter]) -> list[tuple[str, dict[str, tuple[int, ...]]]]:
    """Parameters grouped by owning module, in registration order: [(module, {weight: shape, ...})]."""
    groups: dict[str, dict[str, tuple[int, ...]]] = {}
    for p in parameters:
        module, _, leaf = p.name.rpartition(".")
        groups.setdefault(module or "(top)", {})[leaf] = tuple(p.shape)
    return list(groups.items())


def compare_weights(spec: Sequence[LayerSpec], parameters: Sequence[Parameter]) -> Comparison:
    """Each layer with parameters must have a module with the same weight and bias shapes."""
    expected = [layer for layer in spec if layer.weight is not None]
    found = group_parameters(parameters)
    problems: list[str] = []
    unused = list(found)
    matched = 0
    for layer in expected:
        hit = next((g for g in unused if g[1].get("weight") == layer.weight and g[1].get("bias") == layer.bias), None)
        if hit:
            unused.remove(hit)
            matched += 1
    if matched < len(expected):
        for i, layer in enumerate(expected):
            got = found[i] if i < len(found) else None
            if got is None:
                problems.append(f"{layer.name}: expected weight {shape_text(layer.weight)}, no such layer found")
            elif got[1].get("weight") != layer.weight or got[1].get("bias") != layer.bias:
                problems.append(
                    f"{layer.name}: expected weight {shape_text(layer.weight)} and bias {shape_text(layer.bias)}, "
                    f"found {got[0]} with weight {shape_text(got[1].get('weight'))} "
                    f"and bias {shape_text(got[1].get('bias'))}"
                )
    if len(found) > len(expected):
        extra = ", ".join(name for name, _ in found[len(expected):])
        problems.append(f"extra layers with parameters: {extra}")
    return Comparison(matched, len(expected), problems)


def compare_activations(spec: Sequence[LayerSpec], activations: Sequence[Activation]) -> Comparison:
    """The conv/pool/linear chain must match in order and shape, with a ReLU after each layer the spec has one."""
    want = [layer for layer in spec if layer.kind in TRUNK_KINDS]
    got = [a for a in activations if a.kind in TRUNK_KINDS]
    problems: list[str] = []
    matched = 0
    for i, layer in enumerate(want):
        if i >= len(got):
            problems.append(f"{layer.name}: expected a {layer.kind} layer giving {shape_text(layer.output)}, "
                            "found none")
            continue
        g = got[i]
        if g.kind == layer.kind and tuple(g.shape) == layer.output:
            matched += 1
        else:
            where = f" ({g.module})" if g.module else ""
            problems.append(
                f"{layer.name}: expected {layer.kind} giving {shape_text(layer.output)}, "
                f"found {g.kind}{where} giving {shape_text(g.shape)}"
            )
    if len(got) > len(want):
        problems.append(f"{len(got) - len(want)} extra conv/pool/linear operation(s) after {want[-1].name}")
    relu_ok, relu_total = _compare_relus(spec, activations, problems)
    return Comparison(matched + relu_ok, len(want) + relu_total, problems)


def _compare_relus(spec: Sequence[LayerSpec], activations: Sequence[Activation],
                   problems: list[str]) -> tuple[int, int]:
    """A ReLU may sit before or after the pooling that follows its layer (they commute)."""
    trunk_positions = [i for i, a in enumerate(activations) if a.kind in TRUNK_KINDS]
    trunk_names = [s.name for s in spec if s.kind in TRUNK_KINDS]
    trunk_index = -1
    ok = total = 0
    for layer in spec:
        if layer.kind in TRUNK_KINDS:
            trunk_index += 1
            continue
        if layer.kind != "relu" or trunk_index < 0:
            continue
        total += 1
        start = trunk_positions[trunk_index] if trunk_index < len(trunk_positions) else len(activations)
        stop = trunk_positions[trunk_index + 2] if trunk_index + 2 < len(trunk_positions) else len(activations)
        if any(a.kind == "relu" for a in activations[start:stop]):
            ok += 1
        else:
            problems.append(f"{layer.name}: no ReLU after {trunk_names[trunk_index]}")
    return ok, total


def count_by_layer(parameters: Sequence[Parameter]) -> dict[str, int]:
    """Parameter count per owning module, in registration order."""
    counts: dict[str, int] = {}
    for p in parameters:
        module = p.name.rpartition(".")[0] or "(top)"
        counts[module] = counts.get(module, 0) + p.numel
    return counts
