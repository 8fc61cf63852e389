"""HW2 (Back propagation + MNIST), Priya Raman -- written part handed in as a Python file.

Each part: a function whose return expression is my answer.
Notation: x1 = w1*x, h1 = sigmoid(x1), x2 = w2*h1, h2 = sigmoid(x2), f_w(x) = w3*h2.
"""
import numpy as np


def sigmoid(u):
    return 1.0 / (1.0 + np.exp(-u))


# ------------------------------------------------------------ 1 (b)
def dsigma_exp(u):
    """(b)(i) d sigma/du written with exp."""
    return np.exp(-u) / (1.0 + np.exp(-u)) ** 2


def dsigma(u):
    """(b)(ii) d sigma/du written with sigma itself."""
    return sigmoid(u) * (1.0 - sigmoid(u))


# ------------------------------------------------------------ 1 (c)
# (c) forward pass: from x and the current w compute x1, h1, x2, h2 and f, storing them.
#     backward pass: start at the output and multiply local derivatives backwards (chain rule)
#     to get the derivative of f (or of the loss) with respect to every weight.

# ------------------------------------------------------------ 1 (d)
def df_dw3(x, w1, w2, w3):
    """(d) df/dw3"""
    return sigmoid(w2 * sigmoid(w1 * x))


# ------------------------------------------------------------ 1 (e)
def df_dw2(x, w1, w2, w3):
    """(e) df/dw2 = df/dh2 * dh2/dx2 * dx2/dw2 (only while the second unit is switched on)"""
    return w3 * dsigma(w2 * sigmoid(w1 * x)) * sigmoid(w1 * x) if w2 * sigmoid(w1 * x) > 0 else 0.0


def df_dw1(x, w1, w2, w3):
    """(e) df/dw1 = df/dh2 * dh2/dx2 * dx2/dh1 * dh1/dx1 * dx1/dw1"""
    return w3 * dsigma(w2 * sigmoid(w1 * x)) * w2 * dsigma(w1 * x) * x


# ------------------------------------------------------------ 1 (f)
# (f) L(w) = sum over (x, y) in D of (y - f_w(x))^2 with D = {(x^1, y^1), (x^2, y^2)}.
#     grad_w L = sum_{i=1}^{2} 2 (f_w(x^i) - y^i) grad_w f_w(x^i)
#     where grad_w f_w(x^i) = (df_dw1(x^i), df_dw2(x^i), df_dw3(x^i)).
def update(w, alpha, grad):
    """(f) one gradient-descent step: w_new = w - alpha * grad_w L"""
    return w - alpha * grad


# ============================================================ Problem 2
# (a) input 28 x 28 (1 channel); conv1 filters 5 x 5 x 1 x 20 (20 filters of 5 x 5 x 1);
#     after conv1 24 x 24 x 20; after 2 x 2 max pooling 12 x 12 x 20
# (b) conv2: filter size 5 x 5, stride 1, channel dimension 20 (50 such filters), no padding
# (c) parameters, biases included:
#     conv1 = (5*5*1 + 1)*20 = 520
#     relu1 = 0
#     pool1 = 0
#     conv2 = (5*5*20 + 1)*50 = 25050
#     relu2 = 0
#     pool2 = 0
#     fc1 = (800 + 1)*500 = 400500
#     fc2 = (500 + 1)*10 = 5010
#     total = 431080
