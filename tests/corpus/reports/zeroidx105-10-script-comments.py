# hw2_answers.py
# Written answers as comments (the TA said a .py with comments is fine).
# Indexing is 0-based everywhere: w[0] <-> w_1, w[1] <-> w_2, w[2] <-> w_3 from the sheet.
#
#   f(x) = w[2] * sigmoid(w[1] * sigmoid(w[0] * x))
#
# ---------------------------------------------------------------------------
# Q1 (a)  graph
#     x ----\
#            mul -> t0 -> sigmoid -> s0 ----\
#     w[0] -/                                mul -> t1 -> sigmoid -> s1 ---\
#                                 w[1] -----/                                mul -> f
#                                                                 w[2] -----/
#
# Q1 (b)  (i)  sigmoid'(u) = exp(-u) / (1 + exp(-u))**2
#         (ii) sigmoid'(u) = sigmoid(u) * (1 - sigmoid(u))
#
# Q1 (c)  forward: x -> f, store t0, s0, t1, s1
#         backward: f -> weights, chain rule, each node multiplies incoming grad by its
#         local derivative
#
# Q1 (d)  df/dw[2] = s1 = sigmoid(w[1] * sigmoid(w[0] * x))
#
# Q1 (e)  df/dw[1] = w[2] * s1 * (1 - s1) * s0
#         df/dw[0] = w[2] * s1 * (1 - s1) * w[1] * s0 * (1 - s0) * x
#
# Q1 (f)  L(w) = sum over i in range(2) of (y[i] - f(x[i]))**2
#         grad L = sum_{i=0}^{1} 2 * (f(x[i]) - y[i]) * grad f(x[i])
#         w_new  = w - alpha * grad L
#         (see gd_step below)
# ---------------------------------------------------------------------------
import numpy as np

sigmoid = lambda u: 1 / (1 + np.exp(-u))


def grad_f(w, x):
    s0 = sigmoid(w[0] * x)
    s1 = sigmoid(w[1] * s0)
    return np.array([
        w[2] * s1 * (1 - s1) * w[1] * s0 * (1 - s0) * x,
        w[2] * s1 * (1 - s1) * s0,
        s1,
    ])


def f(w, x):
    return w[2] * sigmoid(w[1] * sigmoid(w[0] * x))


def gd_step(w, xs, ys, alpha):
    g = sum(2 * (f(w, xs[i]) - ys[i]) * grad_f(w, xs[i]) for i in range(2))
    return w - alpha * g


# ---------------------------------------------------------------------------
# Q2 (a)  input 28x28x1
#         conv1 filter 5x5x1, 20 filters (5x5x1x20)
#         after conv1 24x24x20 ; after 2x2 maxpool 12x12x20
# Q2 (b)  conv2: kernel 5x5, stride 1, 20 input channels, 50 output channels, padding 0
#         -> 8x8x50 -> maxpool -> 4x4x50
# Q2 (c)  conv1  520      (25*20 + 20)
#         relu1  0
#         pool1  0
#         conv2  25050    (500*50 + 50)
#         relu2  0
#         pool2  0
#         fc1    400500   (800*500 + 500)
#         fc2    5010     (500*10 + 10)
#         total  431080
# ---------------------------------------------------------------------------
