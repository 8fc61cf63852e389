# -*- coding: utf-8 -*-
"""
DeepMNIST.py  --  Homework 2 (Back propagation + MNIST)
Author : Daniel Okonkwo-Haas   (student id 2017-20391)

I did not have time to typeset a PDF, so the written part is in this docstring.
Notation:  s(t) = 1/(1+exp(-t))   (sigma_1 = sigma_2 = s)
           a1 = w1*x ,  h1 = s(a1) ,  a2 = w2*h1 ,  h2 = s(a2) ,  f_w(x) = w3*h2

==========================================================================
PROBLEM 1
==========================================================================

(a) graph
        x --(*w1)--> a1 --s--> h1 --(*w2)--> a2 --s--> h2 --(*w3)--> f

(b) (i)   d s/dt = d/dt (1+exp(-t))^(-1)
                 = -(1+exp(-t))^(-2) * (-exp(-t))
                 = exp(-t) / (1+exp(-t))^2

    (ii)  exp(-t)/(1+exp(-t))^2 = [1/(1+exp(-t))] * [exp(-t)/(1+exp(-t))]
                                =  s(t) * (1 - s(t))
          so   s'(t) = s(t) (1 - s(t)).

(c) forward pass : plug x and the current w in, compute a1, h1, a2, h2 and
                   f (then the loss), keeping these values in memory.
    backward pass: walk the graph in reverse; every node multiplies the
                   upstream derivative by its local derivative (chain rule),
                   which gives df/dw (dL/dw) for all weights, using the values
                   stored by the forward pass.

(d) f = w3*h2 and h2 does not contain w3:

        df/dw3 = h2 = s(w2 * s(w1*x))

(e) df/dw2 = (df/dh2)(dh2/da2)(da2/dw2)
           = w3 * s'(a2) * h1
           = w3 * h2*(1-h2) * h1

    df/dw1 = (df/dh2)(dh2/da2)(da2/dh1)(dh1/da1)(da1/dw1)
           = w3 * s'(a2) * w2 * s'(a1) * x
           = w3 * h2*(1-h2) * w2 * h1*(1-h1) * x

(f) L(w) = sum over (x,y) in D of (y - f_w(x))^2,  D = {(x^1,y^1),(x^2,y^2)}

    For one pair: d/dw (y - f_w(x))^2 = 2 (y - f_w(x)) * (-df_w(x)/dw).
    Summing both pairs, component k = 1,2,3:

        dL/dw_k = -2 (y^1 - f_w(x^1)) * df_w(x^1)/dw_k
                  -2 (y^2 - f_w(x^2)) * df_w(x^2)/dw_k

    i.e.  grad_w L = sum_{i=1}^{2} 2 (f_w(x^i) - y^i) * grad_w f_w(x^i)

    where grad_w f_w(x^i) = ( w3*h2i*(1-h2i)*w2*h1i*(1-h1i)*x^i ,
                              w3*h2i*(1-h2i)*h1i ,
                              h2i )
    with h1i = s(w1*x^i), h2i = s(w2*h1i)  (forward pass done per sample).

    Gradient descent with step alpha:

        w_k  <-  w_k - alpha * dL/dw_k        (k = 1,2,3)
        i.e.  w_new = w - alpha * grad_w L(w)

==========================================================================
PROBLEM 2  (answers also repeated next to the layers in Net below)
==========================================================================

(a) input            : 28 x 28  (x1 channel)
    conv1 filters    : 5 x 5 x 1, twenty of them  (5x5x1x20)
    after conv1      : 24 x 24 x 20      (28 - 5 + 1 = 24)
    after max-pool   : 12 x 12 x 20

(b) conv2 must map 12x12x20 -> 8x8x50:  12 - k + 1 = 8  ->  k = 5, stride 1,
    padding 0.  Filter = 5 x 5 x 20 (channel dim 20 = input depth), 50 filters.
    After pool: 4 x 4 x 50.

(c) parameters incl. bias:
        conv1  (5*5*1  + 1) * 20  =    520
        relu1                     =      0
        pool1                     =      0
        conv2  (5*5*20 + 1) * 50  = 25,050
        relu2                     =      0
        pool2                     =      0
        fc1    (800 + 1) * 500    = 400,500
        fc2    (500 + 1) * 10     =   5,010
        ---------------------------------
        total                     = 431,080

Test accuracy obtained by running this file: 99.24 % (last epoch, log at the
bottom of the file).
"""

from __future__ import print_function
import argparse
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torchvision import datasets, transforms


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        # [your task1]
        self.conv1 = nn.Conv2d(1, 20, 5, 1)     # 28x28x1  -> 24x24x20   (520 params)
        self.conv2 = nn.Conv2d(20, 50, 5, 1)    # 12x12x20 -> 8x8x50     (25050 params)
        self.fc1 = nn.Linear(4 * 4 * 50, 500)   # 800 -> 500             (400500 params)
        self.fc2 = nn.Linear(500, 10)           # 500 -> 10              (5010 params)

    def forward(self, x):
        # [your task1]
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(x, 2, 2)               # 24x24x20 -> 12x12x20
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2, 2)               # 8x8x50 -> 4x4x50
        x = x.view(-1, 4 * 4 * 50)
        x = F.relu(self.fc1(x))
        x = self.fc2(x)
        return x


def train(args, model, device, train_loader, optimizer, epoch):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        output = model(data)
        loss = F.cross_entropy(output, target)
        loss.backward()
        optimizer.step()
        if batch_idx % args.log_interval == 0:
            print('Train Epoch: {} [{}/{}]\tLoss: {:.6f}'.format(
                epoch, batch_idx * len(data), len(train_loader.dataset), loss.item()))


def test(model, device, test_loader):
    model.eval()
    n_hit = 0
    with torch.no_grad():
        for data, target in test_loader:
            data, target = data.to(device), target.to(device)
            pred = model(data).argmax(dim=1, keepdim=True)
            n_hit += pred.eq(target.view_as(pred)).sum().item()
    acc = 100. * n_hit / len(test_loader.dataset)
    print('Test Accuracy: %f' % acc)
    return acc


def main():
    parser = argparse.ArgumentParser(description='DeepMNIST')
    parser.add_argument('--batch-size', type=int, default=64)
    parser.add_argument('--test-batch-size', type=int, default=1000)
    parser.add_argument('--epochs', type=int, default=10)
    parser.add_argument('--lr', type=float, default=0.01)
    parser.add_argument('--momentum', type=float, default=0.5)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--log-interval', type=int, default=300)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    norm = transforms.Compose([transforms.ToTensor(),
                               transforms.Normalize((0.1307,), (0.3081,))])
    train_loader = torch.utils.data.DataLoader(
        datasets.MNIST('../data', train=True, download=True, transform=norm),
        batch_size=args.batch_size, shuffle=True)
    test_loader = torch.utils.data.DataLoader(
        datasets.MNIST('../data', train=False, transform=norm),
        batch_size=args.test_batch_size, shuffle=False)

    model = Net().to(device)
    print(sum(p.numel() for p in model.parameters()))   # 431080
    optimizer = optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum)

    for epoch in range(1, args.epochs + 1):
        train(args, model, device, train_loader, optimizer, epoch)
        test(model, device, test_loader)


if __name__ == '__main__':
    main()

# ---------------------------------------------------------------------------
# my run (python DeepMNIST.py), train-loss lines removed:
#   431080
#   Test Accuracy: 97.930000
#   Test Accuracy: 98.520000
#   Test Accuracy: 98.790000
#   Test Accuracy: 98.900000
#   Test Accuracy: 99.000000
#   Test Accuracy: 98.980000
#   Test Accuracy: 99.110000
#   Test Accuracy: 99.150000
#   Test Accuracy: 99.190000
#   Test Accuracy: 99.240000
# ---------------------------------------------------------------------------
