"""
DeepMNIST.py  +  written answers (HW2)

I put the written part in the docstrings. Weights are 0-indexed (w[0], w[1], w[2]
correspond to w1, w2, w3 in the handout).

PROBLEM 1
  f(x) = w[2] * s(w[1] * s(w[0] * x)),   s = sigmoid
  z0 = w[0] * x,  z1 = w[1] * s(z0)

  (a) x -> [*w0] -> z0 -> [s] -> [*w1] -> z1 -> [s] -> [*w2] -> f
  (b) (i)  s'(u) = exp(-u) / (1 + exp(-u))**2
      (ii) s'(u) = s(u) * (1 - s(u))
  (c) forward: compute the output and intermediate results from x and w.
      backward: compute the derivatives backward from the output using the chain rule.
  (d) df/dw[2] = s(z1)
  (e) df/dw[1] = w[2] * s(z1) * (1 - s(z1)) * s(z0)
      df/dw[0] = w[2] * s(z1) * (1 - s(z1)) * w[1] * s(z0) * (1 - s(z0)) * x
  (f) L(w) = sum_{i=0}^{1} (y[i] - f(x[i]))**2
      grad L = sum_{i=0}^{1} 2 * (f(x[i]) - y[i]) * grad f(x[i])
      w <- w - alpha * grad L

PROBLEM 2
  (a) input: 28x28x1
      conv1 filter: 5x5x1, 20 filters -> (5, 5, 1, 20)
      after conv1: 28x28x20   (5x5 kernel keeps the size)
      after 2x2 max pooling: 14x14x20
  (b) conv2: 5x5 filter, stride 1, channel dim 20, 50 filters, no padding
      12x12x20 -> 8x8x50 -> pool -> 4x4x50
  (c) conv1 : 5*5*1*20 + 20  = 520
      relu1 : 0
      pool1 : 0
      conv2 : 5*5*20*50 + 50 = 25050
      relu2 : 0
      pool2 : 0
      fc1   : 800*500 + 500  = 400500
      fc2   : 500*10 + 10    = 5010
      total : 431080
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 20, 5, 1)
        self.conv2 = nn.Conv2d(20, 50, 5, 1)
        self.fc1 = nn.Linear(4 * 4 * 50, 500)
        self.fc2 = nn.Linear(500, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(x, 2, 2)
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2, 2)
        x = x.view(-1, 4 * 4 * 50)
        x = F.relu(self.fc1(x))
        return self.fc2(x)

# test accuracy after 10 epochs: 99.09
