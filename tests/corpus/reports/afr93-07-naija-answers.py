"""
CSC 522 Deep Learning -- Homework 2, WRITTEN ANSWERS
Name   : Chukwuemeka Obi-Nwosu
Mat No : 18CK024711  (Covenant University, Ota)

Good day sir. My MiKTeX installation packed up the night before submission,
so I am submitting the written part as this python file. Every answer is in
the comments/strings below, and running the file re-checks Problem 1 with
sympy (pip install sympy). The network code itself is in DeepMNIST.py.

Notation (my own, to avoid too many subscripts):
    h = w1*x          (pre-activation of first unit,  = x1 in the handout)
    a = sig(h)        (output of sigma_1)
    z = w2*a          (pre-activation of second unit, = x2 in the handout)
    b = sig(z)        (output of sigma_2)
    f = w3*b
    sig(u) = 1/(1+exp(-u)),   sig'(u) := d sig/du
"""

import sympy as sp

# ---------------------------------------------------------------------------
# PROBLEM 1 : BACKPROPAGATION
# ---------------------------------------------------------------------------

# (a) Computational graph: drawn by hand, scanned as graph_1a.pdf.
#     x --(*w1)--> h --sig--> a --(*w2)--> z --sig--> b --(*w3)--> f

# (b) Derivative of the sigmoid
#   (i)  d sig/du = exp(-u) / (1 + exp(-u))**2
#        [ from d/du (1+e^{-u})^{-1} = -(1+e^{-u})^{-2} * (-e^{-u}) ]
#   (ii) d sig/du = sig(u) * (1 - sig(u))
#        [ since e^{-u}/(1+e^{-u}) = 1 - sig(u) ]
ANS_1B_I  = "exp(-u)/(1+exp(-u))**2"
ANS_1B_II = "sig(u)*(1-sig(u))"

# (c) Forward pass: feed x through the graph with the current weights,
#     computing h, a, z, b and finally f, and keep these values.
#     Backward pass: start from the output and move backwards, multiplying
#     the local derivative of each node (chain rule) to get df/dw1, df/dw2,
#     df/dw3, re-using the values stored during the forward pass.

# (d) df/dw3 = b = sig(z) = sig(w2*sig(w1*x))
ANS_1D = "sig(w2*sig(w1*x))"

# (e) Chain rule.
#   df/dw2 = df/db * db/dz * dz/dw2
#          = w3 * b*(1-b) * a
#   df/dw1 = df/db * db/dz * dz/da * da/dh * dh/dw1
#          = w3 * b*(1-b) * w2 * a*(1-a) * x
#   i.e. df/dw1 = w3*w2*x * sig(z)(1-sig(z)) * sig(h)(1-sig(h))
ANS_1E_W2 = "w3*sig(z)*(1-sig(z))*sig(h)"
ANS_1E_W1 = "w3*sig(z)*(1-sig(z))*w2*sig(h)*(1-sig(h))*x"

# (f) L(w) = sum_{(x,y) in D} (y - f_w(x))^2,  D = {(x1_, y1_), (x2_, y2_)}
#     (x1_, x2_ here are the two DATA POINTS x^1, x^2, not my h/z above)
#
#   dL/dw = sum_i 2*(y_i - f_w(x_i)) * d(y_i - f_w(x_i))/dw
#         = sum_i 2*(y_i - f_w(x_i)) * (-grad_w f_w(x_i))
#
#   grad_w L = -2 * [ (y1_ - f_w(x1_)) * grad_w f_w(x1_)
#                   + (y2_ - f_w(x2_)) * grad_w f_w(x2_) ]
#
#   with grad_w f_w(x) = ( df/dw1, df/dw2, df/dw3 ) from (d) and (e),
#   evaluated at x = x1_ and x = x2_ respectively.
#
#   Gradient descent with step alpha:
#       w_new = w - alpha * grad_w L
#   component-wise: w_k <- w_k - alpha * dL/dw_k,  k = 1, 2, 3
#   (equivalently w_k <- w_k + 2*alpha*sum_i (y_i - f_w(x_i)) df_w(x_i)/dw_k)


def check_problem1():
    """Symbolic check that my hand answers above are the true derivatives."""
    x, w1, w2, w3, u, alpha = sp.symbols("x w1 w2 w3 u alpha", real=True)
    X1, X2, Y1, Y2 = sp.symbols("X1 X2 Y1 Y2", real=True)   # the two data points
    sig = lambda t: 1 / (1 + sp.exp(-t))

    # (b)
    d_sig = sp.diff(sig(u), u)
    ok_bi = sp.simplify(d_sig - sp.exp(-u) / (1 + sp.exp(-u)) ** 2) == 0
    ok_bii = sp.simplify(d_sig - sig(u) * (1 - sig(u))) == 0

    # (d), (e)
    f = lambda xx: w3 * sig(w2 * sig(w1 * xx))
    h = w1 * x
    z = w2 * sig(h)
    ok_d = sp.simplify(sp.diff(f(x), w3) - sig(z)) == 0
    my_w2 = w3 * sig(z) * (1 - sig(z)) * sig(h)
    my_w1 = w3 * sig(z) * (1 - sig(z)) * w2 * sig(h) * (1 - sig(h)) * x
    ok_w2 = sp.simplify(sp.diff(f(x), w2) - my_w2) == 0
    ok_w1 = sp.simplify(sp.diff(f(x), w1) - my_w1) == 0

    # (f)
    L = (Y1 - f(X1)) ** 2 + (Y2 - f(X2)) ** 2
    ok_f = True
    for w in (w1, w2, w3):
        mine = -2 * ((Y1 - f(X1)) * sp.diff(f(X1), w) + (Y2 - f(X2)) * sp.diff(f(X2), w))
        ok_f = ok_f and sp.simplify(sp.diff(L, w) - mine) == 0

    print("(b)(i) ", ok_bi)
    print("(b)(ii)", ok_bii)
    print("(d)    ", ok_d)
    print("(e) w2 ", ok_w2)
    print("(e) w1 ", ok_w1)
    print("(f) grad", ok_f)

# Output on my laptop (Python 3.11, sympy 1.12):
#   (b)(i)  True
#   (b)(ii) True
#   (d)     True
#   (e) w2  True
#   (e) w1  True
#   (f) grad True


# ---------------------------------------------------------------------------
# PROBLEM 2 : MNIST
# ---------------------------------------------------------------------------

# (a) input dimension            : 28 x 28  (x 1 channel)
#     conv1 filter dimension     : 5 x 5 x 1, and we have 20 of them (5x5x1x20)
#     output after conv1         : 24 x 24 x 20    (28 - 5 + 1 = 24)
#     output after 2x2 max-pool  : 12 x 12 x 20
#
# (b) 12x12x20 -> 8x8x50 with no padding: (12 - F)/S + 1 = 8 -> F = 5, S = 1.
#     filter size 5 x 5, stride 1, channel dimension 20 (depth of each filter),
#     50 such filters, padding 0.  After pooling: 4 x 4 x 50.
#
# (c) number of parameters (weights + biases)

PARAMS = {
    "conv1": 5 * 5 * 1 * 20 + 20,      # 520
    "relu1": 0,
    "pool1": 0,
    "conv2": 5 * 5 * 20 * 50 + 50,     # 25,050
    "relu2": 0,
    "pool2": 0,
    "fc1":   4 * 4 * 50 * 500 + 500,   # 400,500
    "fc2":   500 * 10 + 10,            # 5,010
}
TOTAL = sum(PARAMS.values())           # 431,080  (same as torchsummary printed)

# Test accuracy after 10 epochs (see DeepMNIST.py log): 99.19 %


if __name__ == "__main__":
    check_problem1()
    for k, v in PARAMS.items():
        print(f"{k:6s} {v:>8,d}")
    print(f"total  {TOTAL:>8,d}")
