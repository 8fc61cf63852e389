"""
HW2 written answers -- I put them in here so they live next to the code.

Conventions (everything 0-indexed like the code):
    w = np.array([w0, w1, w2])   # w0 = handout's w1, w1 = w2, w2 = w3
    f(x) = w[2] * sig(w[1] * sig(w[0] * x))
    z0 = w[0]*x, a0 = sig(z0), z1 = w[1]*a0, a1 = sig(z1)
    dataset D = [(x0, y0), (x1, y1)]

Problem 1
---------
(a) graph: x --(*w0)--> z0 --sig--> a0 --(*w1)--> z1 --sig--> a1 --(*w2)--> f
(b) (i)  dsig/du = np.exp(-u) / (1 + np.exp(-u))**2
    (ii) dsig/du = sig(u) * (1 - sig(u))
(c) forward: compute z0, a0, z1, a1, f and store them.
    backward: walk the graph backwards applying the chain rule to get
    df/dw0, df/dw1, df/dw2 (see backward() below, it's literally the answer).
(d) df/dw2 = a1 = sig(w1 * sig(w0 * x))
(e) df/dw1 = w2 * a1 * (1 - a1) * a0
    df/dw0 = w2 * a1 * (1 - a1) * w1 * a0 * (1 - a0) * x
(f) L(w) = sum_{i=0}^{1} (y_i - f(x_i))**2
    grad_w L = sum_{i=0}^{1} 2 * (f(x_i) - y_i) * grad_w f(x_i)
    update:  w <- w - alpha * grad_w L
"""
import numpy as np


def sig(u):
    return 1.0 / (1.0 + np.exp(-u))


def dsig(u):
    s = sig(u)
    return s * (1 - s)          # == np.exp(-u) / (1 + np.exp(-u))**2


def forward(w, x):
    z0 = w[0] * x
    a0 = sig(z0)
    z1 = w[1] * a0
    a1 = sig(z1)
    f = w[2] * a1
    return f, (z0, a0, z1, a1)


def backward(w, x, cache):
    """returns grad_w f(x) = [df/dw0, df/dw1, df/dw2]"""
    z0, a0, z1, a1 = cache
    df_dz1 = w[2] * a1 * (1 - a1)
    df_dw2 = a1
    df_dw1 = df_dz1 * a0
    df_dz0 = df_dz1 * w[1] * a0 * (1 - a0)
    df_dw0 = df_dz0 * x
    return np.array([df_dw0, df_dw1, df_dw2])


def grad_L(w, D):
    g = np.zeros(3)
    for x, y in D:
        f, cache = forward(w, x)
        g += 2 * (f - y) * backward(w, x, cache)
    return g


def step(w, D, alpha):
    return w - alpha * grad_L(w, D)


if __name__ == "__main__":
    # finite difference check, because I don't trust myself
    rng = np.random.default_rng(0)
    w = rng.normal(size=3)
    D = [(0.5, 1.0), (-1.2, 0.0)]
    L = lambda w: sum((y - forward(w, x)[0]) ** 2 for x, y in D)
    eps = 1e-6
    num = np.array([(L(w + eps * e) - L(w - eps * e)) / (2 * eps) for e in np.eye(3)])
    print(num, grad_L(w, D))   # same numbers twice -> ok


"""
Problem 2
---------
(a) input 28x28 (1 channel)
    conv1 filter: 5x5x1, 20 of them -> 5x5x1x20
    after conv1: (28-5)/1 + 1 = 24 -> 24x24x20
    after 2x2 max pool: 12x12x20
(b) conv2: 5x5 filters, stride 1, channel dim 20 (input has 20 channels), 50 filters, pad 0
    (12-5)/1 + 1 = 8 -> 8x8x50 -> pool -> 4x4x50
(c) conv1: (5*5*1+1)*20   = 520
    relu1: 0, pool1: 0
    conv2: (5*5*20+1)*50  = 25050
    relu2: 0, pool2: 0
    fc1:   (4*4*50+1)*500 = 400500
    fc2:   (500+1)*10     = 5010
    total = 431080   (printed by sum(p.numel() ...) in DeepMNIST.py as well)
"""
