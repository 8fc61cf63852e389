"""The reference solution written out as a hand-in, so ``grade --selftest`` can grade it.

The answers are printed from the derived sympy expressions and the layer table, not
typed in: if the reference changes, the reference hand-in follows.
"""
from __future__ import annotations

import inspect
from pathlib import Path

from reference.mnist_backprop import backprop as bp
from reference.mnist_backprop import net, spec

# The accuracy the reference claims: what the grader's recipe gave the reference Net (seed 0, 2 epochs).
CLAIMED_ACCURACY = "99.4"


def _dims(shape: tuple[int, ...]) -> str:
    """Channels-first per-sample shape -> the hand-out's H×W×C text."""
    return " x ".join(str(d) for d in (*shape[1:], shape[0])) if len(shape) == 3 else " x ".join(map(str, shape))


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def answers_toml() -> str:
    layers = {layer.name: layer for layer in spec.LAYERS}
    conv1, conv2 = layers["conv1"], layers["conv2"]
    out, inch, kh, kw = conv1.weight  # type: ignore[misc]
    lines = ["# The reference solution, generated from reference/mnist_backprop.", ""]
    scalar = {"p1.b.i": bp.DSIGMA_EXP, "p1.b.ii": bp.DSIGMA_SIGMA, "p1.d": bp.DF_DW3, "p1.e.w2": bp.DF_DW2,
              "p1.e.w1": bp.DF_DW1}
    for key, expr in scalar.items():
        lines.append(f'"{key}" = {_toml_string(str(expr))}')
    for key, exprs in {"p1.f.grad": bp.GRAD, "p1.f.update": bp.UPDATE}.items():
        lines.append(f'"{key}" = [' + ", ".join(_toml_string(str(e)) for e in exprs) + "]")
    lines.append('"p1.c" = "forward: compute the output from x and w; backward: propagate derivatives back"')
    lines += ["", '["p2.a"]', f'input = "{spec.INPUT_SHAPE[1]} x {spec.INPUT_SHAPE[2]}"',
              f'filter = "{kh} x {kw} x {inch} x {out}"', f'conv = "{_dims(conv1.output)}"',
              f'pool = "{_dims(layers["pool1"].output)}"']
    ckh, ckw = conv2.weight[2:]  # type: ignore[index]
    lines += ["", '["p2.b"]', f'filter = "{ckh} x {ckw}"', 'stride = "1"', f'channels = "{conv2.weight[1]}"']  # type: ignore[index]
    lines += ["", '["p2.c"]'] + [f'{layer.name} = "{layer.params}"' for layer in spec.LAYERS]
    lines.append(f'total = "{spec.TOTAL_PARAMS}"')
    lines += ["", "[claims]", f'accuracy = "{CLAIMED_ACCURACY}"', ""]
    return "\n".join(lines)


def write_reference_handin(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "DeepMNIST.py").write_text(inspect.getsource(net), encoding="utf-8")
    (folder / "answers.toml").write_text(answers_toml(), encoding="utf-8")
