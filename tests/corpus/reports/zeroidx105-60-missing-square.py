# hw2.py  --  written answers + code
#
# 0-indexed: w[0] == w1, w[1] == w2, w[2] == w3 (handout)
# f(x) = w[2] * sigmoid(w[1] * sigmoid(w[0] * x))
#
# ---------------- Problem 1 ----------------
# (a) x -> *w[0] -> sigmoid -> *w[1] -> sigmoid -> *w[2] -> f
#
# (b) (i)  d sigmoid/du = np.exp(-u) / (1 + np.exp(-u))
#     (ii) d sigmoid/du = sigmoid(u) * (1 - sigmoid(u))
#
# (c) forward pass computes f and the intermediate values; backward pass uses
#     the chain rule from the output backwards to get the gradient wrt w.
#
# Let s0 = sigmoid(w[0]*x), s1 = sigmoid(w[1]*s0)
# (d) df/dw[2] = s1
# (e) df/dw[1] = w[2] * s1*(1-s1) * s0
#     df/dw[0] = w[2] * s1*(1-s1) * w[1] * s0*(1-s0) * x
# (f) L(w)     = sum_{i=0}^{1} (y[i] - f(x[i]))**2
#     grad L   = sum_{i=0}^{1} 2*(f(x[i]) - y[i]) * grad f(x[i])
#     w_new    = w - alpha * grad L
#
# ---------------- Problem 2 ----------------
# (a) input 28x28, conv1 filter 5x5x1x20, after conv1 24x24x20, after pool 12x12x20
# (b) conv2 filter 5x5, stride 1, channel dim 20 (50 filters)
# (c) conv1 520, relu1 0, pool1 0, conv2 25050, relu2 0, pool2 0,
#     fc1 400500, fc2 5010  -> total 431080

import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 20, 5, 1)
        self.conv2 = nn.Conv2d(20, 50, 5, 1)
        self.fc1 = nn.Linear(800, 500)
        self.fc2 = nn.Linear(500, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2, 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2, 2)
        x = x.view(-1, 800)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


if __name__ == "__main__":
    print(sum(p.numel() for p in Net().parameters()))   # 431080
