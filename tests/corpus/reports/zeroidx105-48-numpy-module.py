# -*- coding: utf-8 -*-
"""hw2_written.py -- written answers for HW2 (backprop part + MNIST part).

Indices are 0-based in here:  theta = [w0, w1, w2]  ==  [w1, w2, w3] on the handout,
and the dataset is D = [(x0, y0), (x1, y1)].
"""
import numpy as np


def sigma(u):
    return 1.0 / (1.0 + np.exp(-u))


# ---------------------------------------------------------------- P1 (a)
# graph (forward order):
#   n0 = w0 * x        (handout: x_1)
#   n1 = sigma(n0)
#   n2 = w1 * n1       (handout: x_2)
#   n3 = sigma(n2)
#   n4 = w2 * n3       = f(x)

# ---------------------------------------------------------------- P1 (b)
def dsigma_exp(u):
    """(i)  dsigma/du = exp(-u) / (1 + exp(-u))**2"""
    return np.exp(-u) / (1 + np.exp(-u)) ** 2


def dsigma_self(u):
    """(ii) dsigma/du = sigma(u) * (1 - sigma(u))"""
    return sigma(u) * (1 - sigma(u))


# ---------------------------------------------------------------- P1 (c)
# forward pass  = compute n0..n4 in order (and keep them)
# backward pass = compute d n4 / d n_k for k = 4, 3, ..., 0 and d n4 / d w_k, reusing n1, n3


# ---------------------------------------------------------------- P1 (d), (e)
def grad_f(theta, x):
    """
    (d) df/dw2 = sigma(w1 * sigma(w0 * x))                                   = n3
    (e) df/dw1 = w2 * sigma'(n2) * sigma(n0)         = w2 * n3*(1-n3) * n1
        df/dw0 = w2 * sigma'(n2) * w1 * sigma'(n0) * x
               = w2 * n3*(1-n3) * w1 * n1*(1-n1) * x
    """
    w0, w1, w2 = theta
    n0 = w0 * x
    n1 = sigma(n0)
    n2 = w1 * n1
    n3 = sigma(n2)
    return np.array([w2 * n3 * (1 - n3) * w1 * n1 * (1 - n1) * x,
                     w2 * n3 * (1 - n3) * n1,
                     n3])


def f(theta, x):
    w0, w1, w2 = theta
    return w2 * sigma(w1 * sigma(w0 * x))


# ---------------------------------------------------------------- P1 (f)
def grad_L(theta, D):
    """
    L(theta)       = sum_{i=0}^{1} (y_i - f(x_i))**2
    grad_theta L   = sum_{i=0}^{1} 2 * (f(x_i) - y_i) * grad_theta f(x_i)
    """
    return sum(2 * (f(theta, x) - y) * grad_f(theta, x) for x, y in D)


def gd_update(theta, D, alpha):
    """theta_new = theta - alpha * grad_theta L(theta)"""
    return theta - alpha * grad_L(theta, D)


# ---------------------------------------------------------------- P2
P2 = {
    "a": {"input": "28x28x1",
          "conv1_filter": "5x5x1x20",
          "after_conv1": "24x24x20",
          "after_pool1": "12x12x20"},
    "b": {"filter_size": "5x5", "stride": 1, "channels": 20, "num_filters": 50, "padding": 0},
    "c": {"conv1": (5 * 5 * 1 + 1) * 20,      # 520
          "relu1": 0,
          "pool1": 0,
          "conv2": (5 * 5 * 20 + 1) * 50,     # 25050
          "relu2": 0,
          "pool2": 0,
          "fc1": (4 * 4 * 50 + 1) * 500,      # 400500
          "fc2": (500 + 1) * 10},             # 5010
}
P2["c"]["total"] = sum(P2["c"].values())      # 431080

if __name__ == "__main__":
    print(P2["c"]["total"])
