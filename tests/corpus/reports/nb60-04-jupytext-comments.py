# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.16.1
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # HW2 (Backprop / MNIST) — Lukas Brenner, Matr.-Nr. 20224417
#
# Written answers are in the comments of the code cells, the code right below each
# comment block implements exactly that formula (so it can be tested).

# %%
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# %% [markdown]
# ## Problem 1
# f_w(x) = w3 * sig2( w2 * sig1( w1 * x ) ), sig1 = sig2 = sig = 1/(1+exp(-u))

# %%
# ---- (b) ---------------------------------------------------------------
# sig(u) = (1 + e^{-u})^{-1}
# (i)   sig'(u) = -1 * (1 + e^{-u})^{-2} * d/du(1 + e^{-u})
#               = -1 * (1 + e^{-u})^{-2} * (-e^{-u})
#               = e^{-u} / (1 + e^{-u})^2
#
# (ii)  e^{-u}/(1+e^{-u})^2 = 1/(1+e^{-u}) * e^{-u}/(1+e^{-u})
#                           = sig(u) * (1 - sig(u))      [because 1 - sig(u) = e^{-u}/(1+e^{-u})]

def sig(u):
    return 1.0 / (1.0 + np.exp(-u))

def dsig_exp(u):           # form (i)
    return np.exp(-u) / (1.0 + np.exp(-u))**2

def dsig(u):               # form (ii)
    return sig(u) * (1.0 - sig(u))

# %%
# ---- (c) ---------------------------------------------------------------
# forward pass : given x and the current w compute a1, h1, a2, h2 and out (see forward()),
#                every intermediate value is kept because the backward pass needs it.
# backward pass: walk the graph backwards from out, each node multiplies the incoming
#                gradient with its local derivative (Kettenregel / chain rule), which gives
#                d out / d w3, then d out / d w2, then d out / d w1 (see grad_f()).

# %%
# ---- (d), (e) ----------------------------------------------------------
# my names:  a1 = w1*x   (the handout calls it x1)
#            h1 = sig(a1)
#            a2 = w2*h1  (the handout calls it x2)
#            h2 = sig(a2)
#            out = w3*h2
#
# (d)  d out/d w3 = h2 = sig(a2) = sig(w2 * sig(w1*x))
#
# (e)  d out/d w2 = (d out/d h2)(d h2/d a2)(d a2/d w2)
#                 = w3 * sig'(a2) * h1
#                 = w3 * sig(a2)(1 - sig(a2)) * sig(a1)
#
#      d out/d w1 = (d out/d h2)(d h2/d a2)(d a2/d h1)(d h1/d a1)(d a1/d w1)
#                 = w3 * sig'(a2) * w2 * sig'(a1) * x
#                 = w3 * sig(a2)(1 - sig(a2)) * w2 * sig(a1)(1 - sig(a1)) * x

def forward(x, w):
    w1, w2, w3 = w
    a1 = w1 * x
    h1 = sig(a1)
    a2 = w2 * h1
    h2 = sig(a2)
    return w3 * h2, (a1, h1, a2, h2)

def grad_f(x, w):
    w1, w2, w3 = w
    out, (a1, h1, a2, h2) = forward(x, w)
    d_w3 = h2
    delta2 = w3 * dsig(a2)          # d out / d a2
    d_w2 = delta2 * h1
    delta1 = delta2 * w2 * dsig(a1) # d out / d a1
    d_w1 = delta1 * x
    return np.array([d_w1, d_w2, d_w3])

# %%
# ---- (f) ---------------------------------------------------------------
# L(w) = sum over (x,y) in D of (y - f_w(x))^2,  D = {(x^1,y^1), (x^2,y^2)}
#
# dL/dw = sum_{i=1}^{2} 2 (y^i - f_w(x^i)) * (-1) * grad_w f_w(x^i)
#       = 2 (f_w(x^1) - y^1) grad_w f_w(x^1) + 2 (f_w(x^2) - y^2) grad_w f_w(x^2)
#
#   with grad_w f_w(x^i) = [d out/d w1, d out/d w2, d out/d w3] from (d),(e), where
#   a1, h1, a2, h2 are computed with x = x^i.
#
# gradient descent, step size alpha:
#       w_new = w_old - alpha * dL/dw(w_old)       (for all 3 weights at the same time)

def grad_L(w, D):
    g = np.zeros(3)
    for xi, yi in D:
        fi, _ = forward(xi, w)
        g += 2.0 * (fi - yi) * grad_f(xi, w)
    return g

def gd_step(w, D, alpha):
    return w - alpha * grad_L(w, D)

# %%
# quick sanity check against finite differences
w = np.array([0.3, 0.9, -1.5]); D = [(0.5, 1.0), (2.0, -0.4)]; eps = 1e-6
L = lambda w: sum((y - forward(x, w)[0])**2 for x, y in D)
print(grad_L(w, D))
print(np.array([(L(w + eps*e) - L(w - eps*e)) / (2*eps) for e in np.eye(3)]))

# %% [markdown]
# ## Problem 2

# %%
# ---- (a) ---------------------------------------------------------------
#   input image              : 28 x 28 (1 channel)
#   conv1 filter             : 5 x 5 x 1, 20 filters  -> weight tensor 20x1x5x5
#   output after conv1       : (28 - 5)/1 + 1 = 24     -> 24 x 24 x 20
#   after 2x2 max pool (s=2) : 24 / 2 = 12              -> 12 x 12 x 20
#
# ---- (b) ---------------------------------------------------------------
#   want 12x12x20 -> 8x8x50:  (12 - k)/s + 1 = 8 with no padding  ->  k = 5, s = 1
#   conv2: filter 5 x 5 (x 20 channels deep), stride 1, input channel dim 20,
#          50 filters (output channels), padding 0.   pool -> 4 x 4 x 50 = 800
#
# ---- (c) parameters incl. bias ----------------------------------------
#   conv1 : 20 * 5*5*1  + 20   =    520
#   relu1 :                         0
#   pool1 :                         0
#   conv2 : 50 * 5*5*20 + 50   =  25050
#   relu2 :                         0
#   pool2 :                         0
#   fc1   : 800 * 500   + 500  = 400500
#   fc2   : 500 * 10    + 10   =   5010
#   ------------------------------------
#   sum                         = 431080

class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 20, kernel_size=5, stride=1)    # 28 -> 24
        self.conv2 = nn.Conv2d(20, 50, kernel_size=5, stride=1)   # 12 -> 8
        self.fc1 = nn.Linear(4 * 4 * 50, 500)
        self.fc2 = nn.Linear(500, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2, 2)   # 12x12x20
        x = F.max_pool2d(F.relu(self.conv2(x)), 2, 2)   # 4x4x50
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)

# %%
print(sum(p.numel() for p in Net().parameters()))   # 431080, same as (c)

# %% [markdown]
# Training: `python DeepMNIST.py --epochs 10` (lr 0.01, SGD momentum 0.5).
# Test accuracy after the last epoch: **99.09 %** (best one was 99.14 % in epoch 8).
