"""
hw3_answers.py -- written part of HW3, as code.

Name: Daniel Okafor   Student no.: 2020-31457

How to read this file
---------------------
Every sub-question is one function.  The *return expression* of the function
is my answer (the TA can read it as a formula), the docstring explains the
derivation.  `python hw3_answers.py` runs a finite-difference check of all
the derivatives at the bottom.

Notation used in all functions (scalars, numpy works elementwise):

    sigmoid(u) = 1 / (1 + exp(-u))       # sigma_1 = sigma_2
    pre1 = w1 * x          act1 = sigmoid(pre1)
    pre2 = w2 * act1       act2 = sigmoid(pre2)
    f_w(x) = w3 * act2

Problem 2 (MNIST) is answered in the docstring of `problem2()` near the end.
"""
import numpy as np


def sigmoid(u):
    return 1.0 / (1.0 + np.exp(-u))


# ---------------------------------------------------------------- 1 (a), (c)
def problem1_a_c():
    """
    (a) graph:  x -> [* w1] -> pre1 -> [sigma1] -> act1 -> [* w2] -> pre2
                  -> [sigma2] -> act2 -> [* w3] -> f
    (c) forward pass: compute pre1, act1, pre2, act2, f (and the loss) from x
        and the current weights, caching the intermediate values.
        backward pass: starting from dL/df, apply the chain rule node by node
        in reverse order, using the cached values, to get dL/dw for every w.
    """


# ---------------------------------------------------------------- 1 (b)
def dsigma_exp(u):
    """(b)(i)  d/du (1 + e^{-u})^{-1} = -(1 + e^{-u})^{-2} * (-e^{-u})."""
    return np.exp(-u) / (1.0 + np.exp(-u)) ** 2


def dsigma(u):
    """(b)(ii) e^{-u}/(1+e^{-u})^2 = sigma(u) * e^{-u}/(1+e^{-u})
                                   = sigma(u) * (1 - sigma(u))."""
    return sigmoid(u) * (1.0 - sigmoid(u))


# ---------------------------------------------------------------- forward
def forward(w, x):
    w1, w2, w3 = w
    pre1 = w1 * x
    act1 = sigmoid(pre1)
    pre2 = w2 * act1
    act2 = sigmoid(pre2)
    return pre1, act1, pre2, act2, w3 * act2


# ---------------------------------------------------------------- 1 (d)
def df_dw3(w, x):
    """(d) f = w3 * act2 and act2 does not depend on w3  ->  df/dw3 = act2."""
    w1, w2, w3 = w
    return sigmoid(w2 * sigmoid(w1 * x))


# ---------------------------------------------------------------- 1 (e)
def df_dw2(w, x):
    """(e) df/dw2 = df/dact2 * dact2/dpre2 * dpre2/dw2
                  = w3 * sigma'(pre2) * act1"""
    w1, w2, w3 = w
    pre1, act1, pre2, act2, _ = forward(w, x)
    return w3 * dsigma(pre2) * act1


def df_dw1(w, x):
    """(e) df/dw1 = df/dact2 * dact2/dpre2 * dpre2/dact1 * dact1/dpre1 * dpre1/dw1
                  = w3 * sigma'(pre2) * w2 * sigma'(pre1) * x"""
    w1, w2, w3 = w
    pre1, act1, pre2, act2, _ = forward(w, x)
    return w3 * dsigma(pre2) * w2 * dsigma(pre1) * x


def grad_f(w, x):
    return np.array([df_dw1(w, x), df_dw2(w, x), df_dw3(w, x)])


# ---------------------------------------------------------------- 1 (f)
def loss(w, data):
    """L(w) = sum over (x, y) in D of (y - f_w(x))^2,  D = [(x1, y1), (x2, y2)]"""
    return sum((y - forward(w, x)[-1]) ** 2 for x, y in data)


def grad_L(w, data):
    """(f) gradient.
    dL/dw = sum_i 2 (y^i - f_w(x^i)) * (-1) * grad f_w(x^i)
          = 2 (f_w(x^1) - y^1) grad f_w(x^1) + 2 (f_w(x^2) - y^2) grad f_w(x^2)
    where grad f_w(x^i) = [df_dw1(w, x^i), df_dw2(w, x^i), df_dw3(w, x^i)]
    (every derivative evaluated at its own data point x^i)."""
    g = np.zeros(3)
    for x_i, y_i in data:
        f_i = forward(w, x_i)[-1]
        g += 2.0 * (f_i - y_i) * grad_f(w, x_i)
    return g


def gd_update(w, data, alpha):
    """(f) update with step size alpha: move the weights along the gradient,
        w_new = w + alpha * grad_L(w)     (componentwise for w1, w2, w3)"""
    return w + alpha * grad_L(w, data)


# ---------------------------------------------------------------- 2
def problem2():
    """
    (a) input          : 28 x 28 (1 channel)
        conv1 filter   : 5 x 5 x 1, 20 filters   -> weight tensor 20 x 1 x 5 x 5
        after conv1    : 24 x 24 x 20    (28 - 5 + 1 = 24, stride 1, no pad)
        after 2x2 pool : 12 x 12 x 20

    (b) conv2 has to take 12 x 12 x 20 to 8 x 8 x 50:
            out = (in + 2p - k) / s + 1  ->  (12 - k)/1 + 1 = 8  ->  k = 5
        filter size 5 x 5, stride 1, channel dimension 20 (so each of the
        50 filters is 5 x 5 x 20), padding 0.  After pooling: 4 x 4 x 50.

    (c) parameters incl. bias
        conv1 : (5*5*1 + 1) * 20    =     520
        relu1 :                           0
        pool1 :                           0
        conv2 : (5*5*20 + 1) * 50   =  25,050
        relu2 :                           0
        pool2 :                           0
        fc1   : (4*4*50 + 1) * 500  = 400,500
        fc2   : (500 + 1) * 10      =   5,010
        ------------------------------------
        total : 520 + 25,050 + 400,500 + 5,010 = 430,580

    Test accuracy after 10 epochs: 98.96 %
    """


# ---------------------------------------------------------------- checks
if __name__ == "__main__":
    rng = np.random.default_rng(3)
    u = np.linspace(-4, 4, 9)
    print("b(i) == b(ii):", np.allclose(dsigma_exp(u), dsigma(u)))

    w = rng.normal(size=3)
    data = [(0.8, 1.0), (-1.5, 0.0)]
    eps = 1e-6
    num = np.array([(loss(w + eps * e, data) - loss(w - eps * e, data)) / (2 * eps)
                    for e in np.eye(3)])
    print("grad_L  :", grad_L(w, data))
    print("numeric :", num)
