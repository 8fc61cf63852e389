"""Cross-checks in the parent of what the child claimed, against what the parent measured itself.

The child shares an interpreter with student code, so its probe could be forged. The parent
holds three independent views: the weights the child handed over (read here, not reported),
the accuracy of the freshly built network (computed here from its predictions: it must be
near chance), and the loss curve next to the final accuracy (a network that learned has a
falling loss). A disagreement is a ``Flag`` for a person, with the figures as evidence.
"""
from __future__ import annotations

import math

from grader.sandbox.protocol import ChildRun
from grader.sandbox.scan import Flag

CHANCE_FACTOR = 3.0  # the built, untrained network: at most this many times chance (and at least 30 %)
LEARNED_ACCURACY = 50.0  # above this, the training loss must have fallen
FALL = 0.9  # ... at some point below this share of ln(classes), an untrained network's loss


def crosscheck(run: ChildRun, num_classes: int) -> list[Flag]:
    """Every disagreement between the child's claims and the parent's own measurements."""
    return [*_weights_flags(run), *_learning_flags(run, num_classes)]


def _weights_flags(run: ChildRun) -> list[Flag]:
    if run.probe is None or run.weights_state is None:
        return []
    flags = []
    state = run.weights_state
    for p in run.probe.parameters:
        shape = state.get(p.name, (None, 0))[0]
        if shape != p.shape:
            flags.append(Flag("the reported shapes differ from the weights handed over",
                              f"{p.name}: reported {p.shape}, weights {shape}"))
            break
    reported = sum(p.numel for p in run.probe.parameters)
    if reported != run.probe.param_count:
        flags.append(Flag("the reported parameter count does not add up",
                          f"{run.probe.param_count:,} reported, {reported:,} in the reported layers"))
    in_weights = sum(state[p.name][1] for p in run.probe.parameters if p.name in state)
    if in_weights != run.probe.param_count:
        flags.append(Flag("the reported parameter count differs from the weights handed over",
                          f"{run.probe.param_count:,} reported, {in_weights:,} in the weights"))
    return flags


def _learning_flags(run: ChildRun, num_classes: int) -> list[Flag]:
    flags = []
    chance = 100.0 / max(2, num_classes)
    if run.init_accuracy is not None and run.init_accuracy > max(30.0, CHANCE_FACTOR * chance):
        flags.append(Flag("the untrained network already classifies the test images",
                          f"{run.init_accuracy:.1f} % correct before training (chance: {chance:.0f} %)"))
    losses = [*run.training.loss_curve, *run.training.epoch_losses] if run.training else []
    if run.accuracy is not None and run.accuracy > LEARNED_ACCURACY and losses:
        if min(losses) > FALL * math.log(max(2, num_classes)):
            flags.append(Flag("a high accuracy without a falling training loss",
                              f"accuracy {run.accuracy:.2f} %, yet the training loss never fell below "
                              f"{min(losses):.3f} (an untrained network: ln {num_classes} = "
                              f"{math.log(num_classes):.3f})"))
    if run.foreign_lines:
        flags.append(Flag("something other than the grader's code wrote to the grader's channel",
                          f"{run.foreign_lines} line(s) without the run's secret"))
    return flags
