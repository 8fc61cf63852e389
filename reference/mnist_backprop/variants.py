"""Ordinary correct ``Net`` variants and typical wrong architectures, for the fairness study.

Students choose initialisations, dropout, output layers, module or functional ReLU and
ways to flatten freely; every variant in ``CORRECT`` is a right answer to the homework and
must clear the accuracy threshold at every seed. ``WRONG`` are the architectures TAs see
(no ReLU, no pooling, stride 2 instead of pooling, one conv layer, sigmoids): the rule that
decides the accuracy verdict must not change theirs. Each builder returns a fresh module;
weights come from torch's RNG, so the caller seeds it first.
"""
from __future__ import annotations

from collections.abc import Callable

import torch
import torch.nn.functional as F
from torch import nn

from reference.mnist_backprop.net import Net as Reference


class _Base(nn.Module):
    """The homework's layers (conv 1->20, conv 20->50, fc 800->500, fc 500->10)."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5, 1)
        self.conv2 = nn.Conv2d(20, 50, 5, 1)
        self.fc1 = nn.Linear(800, 500)
        self.fc2 = nn.Linear(500, 10)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), 2, 2)
        return F.max_pool2d(F.relu(self.conv2(x)), 2, 2)


def _init(model: nn.Module, weight: Callable[[torch.Tensor], object], zero_bias: bool = True) -> nn.Module:
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            weight(m.weight)
            if zero_bias:
                nn.init.zeros_(m.bias)
    return model


class Flatten(_Base):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(F.relu(self.fc1(torch.flatten(self.features(x), 1))))


class Reshape(_Base):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(F.relu(self.fc1(self.features(x).reshape(x.size(0), -1))))


class LogSoftmax(_Base):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.log_softmax(self.fc2(F.relu(self.fc1(self.features(x).view(-1, 800)))), dim=1)


class Dropout(_Base):
    """Dropout 0.25 after the convolutions, 0.5 after fc1 (the PyTorch MNIST example's places)."""

    def __init__(self) -> None:
        super().__init__()
        self.drop1, self.drop2 = nn.Dropout(0.25), nn.Dropout(0.5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.drop1(torch.flatten(self.features(x), 1))
        return self.fc2(self.drop2(F.relu(self.fc1(x))))


class DropoutFc(_Base):
    """Dropout 0.5 only before the last layer."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.fc1(self.features(x).view(-1, 800)))
        return self.fc2(F.dropout(x, 0.5, self.training))


class Modules(nn.Module):
    """Named module layers: nn.ReLU and nn.MaxPool2d objects, x.view(x.size(0), -1)."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1, self.relu1, self.pool1 = nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2)
        self.conv2, self.relu2, self.pool2 = nn.Conv2d(20, 50, 5), nn.ReLU(), nn.MaxPool2d(2)
        self.fc1, self.relu3, self.fc2 = nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool1(self.relu1(self.conv1(x)))
        x = self.pool2(self.relu2(self.conv2(x)))
        return self.fc2(self.relu3(self.fc1(x.view(x.size(0), -1))))


def sequential() -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(20, 50, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10))


def _sequential_init(weight: Callable[[torch.Tensor], object], zero_bias: bool = True) -> Callable[[], nn.Module]:
    return lambda: _init(sequential(), weight, zero_bias)


CORRECT: dict[str, Callable[[], nn.Module]] = {
    "reference (F.relu, view)": Reference,
    "nn.Sequential, nn.Flatten": sequential,
    "Kaiming normal, Sequential": _sequential_init(lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu")),
    "Kaiming uniform, Sequential": _sequential_init(lambda w: nn.init.kaiming_uniform_(w, nonlinearity="relu")),
    "Xavier uniform, Sequential": _sequential_init(nn.init.xavier_uniform_),
    "Xavier normal, flatten": lambda: _init(Flatten(), nn.init.xavier_normal_),
    "orthogonal, reshape": lambda: _init(Reshape(), nn.init.orthogonal_),
    "dropout 0.25/0.5": Dropout,
    "dropout 0.5 before fc2": DropoutFc,
    "log_softmax output": LogSoftmax,
    "named nn.ReLU/nn.MaxPool2d modules": Modules,
    "torch.flatten": Flatten,
    "reshape": Reshape,
}


class NoRelu(_Base):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(self.conv2(F.max_pool2d(self.conv1(x), 2)), 2)
        return self.fc2(self.fc1(x.view(-1, 800)))


class NoPooling(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 20, 5), nn.Conv2d(20, 50, 5)
        self.fc1, self.fc2 = nn.Linear(50 * 20 * 20, 500), nn.Linear(500, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv2(F.relu(self.conv1(x))))
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))


class Stride2(nn.Module):
    """Stride-2 convolutions instead of pooling."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 20, 5, 2), nn.Conv2d(20, 50, 5, 2)
        self.fc1, self.fc2 = nn.Linear(50 * 4 * 4, 500), nn.Linear(500, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv2(F.relu(self.conv1(x))))
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))


class OneConv(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5)
        self.fc1, self.fc2 = nn.Linear(20 * 12 * 12, 500), nn.Linear(500, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))


class Sigmoid(_Base):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(torch.sigmoid(self.conv1(x)), 2)
        x = F.max_pool2d(torch.sigmoid(self.conv2(x)), 2)
        return self.fc2(torch.sigmoid(self.fc1(x.view(-1, 800))))


WRONG: dict[str, Callable[[], nn.Module]] = {
    "no ReLU": NoRelu,
    "no pooling": NoPooling,
    "stride 2 instead of pooling": Stride2,
    "one conv layer": OneConv,
    "sigmoid activations": Sigmoid,
}
