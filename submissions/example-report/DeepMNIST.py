# Homework 2, Problem 2 (example hand-in written as a report): the network as two nn.Sequential blocks.
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 20, kernel_size=5),   # 28x28x1 -> 24x24x20
            nn.ReLU(),
            nn.MaxPool2d(2),                   # -> 12x12x20
            nn.Conv2d(20, 50, kernel_size=5),  # -> 8x8x50
            nn.ReLU(),
            nn.MaxPool2d(2),                   # -> 4x4x50
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(4 * 4 * 50, 500),
            nn.ReLU(),
            nn.Linear(500, 10),
        )

    def forward(self, x):
        return self.classifier(self.features(x))


if __name__ == "__main__":
    model = Net()
    print(sum(p.numel() for p in model.parameters()))  # 431080
    print(model(torch.zeros(1, 1, 28, 28)).shape)
