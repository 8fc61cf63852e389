"""The training recipe on small data: deterministic, and the channels_last view fix is exact."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from grader.training import ContiguousViews, Recipe, predict, set_determinism, supports_channels_last, train
from reference.mnist_backprop.net import Net


class ViewNet(Net):
    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2, 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2, 2)
        return self.fc2(F.relu(self.fc1(x.view(-1, 800))))


def fake_data(n: int = 512, seed: int = 0):
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, 256, (n, 28, 28), dtype=torch.uint8, generator=g), torch.randint(0, 10, (n,), generator=g)


def run(model_cls, seed: int = 1):
    set_determinism(seed, 1)
    model = model_cls()
    images, labels = fake_data()
    info = train(model, images, labels, Recipe(epochs=1, batch_size=64), seed=seed, mean=0.13, std=0.31,
                 device=torch.device("cpu"))
    preds = predict(model, images[:100], mean=0.13, std=0.31, device=torch.device("cpu"), batch_size=50,
                    channels_last=info["channels_last"])
    return info, preds, model


def test_training_is_deterministic() -> None:
    a, pa, ma = run(Net)
    b, pb, mb = run(Net)
    assert a["epoch_losses"] == b["epoch_losses"] and pa == pb
    assert all(torch.equal(p, q) for p, q in zip(ma.parameters(), mb.parameters()))
    assert a["steps"] == 8 and len(a["loss_curve"]) == 1


def test_view_under_channels_last_gives_the_plain_layouts_values() -> None:
    torch.manual_seed(0)
    model = ViewNet().eval()
    x = torch.randn(4, 1, 28, 28)
    plain = model(x)
    model.to(memory_format=torch.channels_last)
    with ContiguousViews():
        fast = model(x.contiguous(memory_format=torch.channels_last))
    assert torch.allclose(plain, fast, atol=1e-5)
    assert supports_channels_last(ViewNet(), x)


def test_networks_that_cannot_use_channels_last_fall_back() -> None:
    class Odd(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv = nn.Conv2d(1, 2, 3)
            self.fc = nn.Linear(2 * 26 * 26, 10)

        def forward(self, x):
            y = self.conv(x)
            if not y.is_contiguous():
                raise RuntimeError("I insist on NCHW")
            return self.fc(y.flatten(1))

    info, _, _ = run(Odd)
    assert info["channels_last"] is False
    info, _, _ = run(ViewNet)
    assert info["channels_last"] is True
