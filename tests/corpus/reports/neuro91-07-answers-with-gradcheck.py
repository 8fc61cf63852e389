"""
HW3 written answers  --  Daniel Okafor, biophysics / computational neuro track
(answers in this docstring, the code below only checks them; MNIST code is DeepMNIST.py)

Notation.  Synaptic weights J1, J2, J3 are the sheet's w1, w2, w3.  S(u) = 1/(1+exp(-u))
is the transfer function (sigma_1 = sigma_2 = S).
    r1 = S(J1*x)        rate of unit 1     (S(x1) on the sheet, x1 = J1*x)
    r2 = S(J2*r1)       rate of unit 2     (S(x2) on the sheet, x2 = J2*r1)
    z  = J3*r2          output, z = f_w(x)

P1
 (a) graph: separate sheet (p1a.pdf).
 (b) (i)  S'(u) = exp(-u) / (1 + exp(-u))**2
     (ii) S'(u) = S(u) * (1 - S(u))
 (c) forward: compute r1, r2, z from x with the current J's and store them.
     backward: chain rule from z back to every J, reusing the stored r1, r2.
 (d) dz/dJ3 = r2 = S(J2*S(J1*x))
 (e) dz/dJ2 = J3 * S'(x2) * r1            = J3 * r2*(1-r2) * r1
     dz/dJ1 = J3 * S'(x2) * J2 * S'(x1) * x = J3 * r2*(1-r2) * J2 * r1*(1-r1) * x
 (f) L = sum_{mu=1,2} (y^mu - z^mu)^2,  z^mu = f_w(x^mu)
     dL/dJk = sum_mu 2 (z^mu - y^mu) dz^mu/dJk         k = 1,2,3
     i.e. grad L = sum_mu 2 (z^mu - y^mu) * [ J3 r2(1-r2) J2 r1(1-r1) x^mu ,
                                              J3 r2(1-r2) r1 ,
                                              r2 ]     (r1, r2 computed for input x^mu)
     gradient descent:  J <- J - alpha * grad L
     (continuous-time version I'd normally write: tau_J * dJ/dt = -grad L)

P2
 (a) input 28x28x1; conv1 filter 5x5x1 (x20 filters); after conv1 24x24x20; after pool 12x12x20
 (b) conv2: 5x5 filter, stride 1, channel dim 20 (50 filters), no padding -> 8x8x50 -> pool 4x4x50
 (c) conv1 (25+1)*20 = 520 | relu1 0 | pool1 0 | conv2 (500+1)*50 = 25050 | relu2 0 | pool2 0
     fc1 (800+1)*500 = 400500 | fc2 (500+1)*10 = 5010 | total 431080
 test accuracy: 99.23 % (epoch 10)
"""
import numpy as np

S = lambda u: 1.0 / (1.0 + np.exp(-u))

def forward(J, x):
    r1 = S(J[0] * x)
    r2 = S(J[1] * r1)
    return J[2] * r2, r1, r2

def grad_z(J, x):
    _, r1, r2 = forward(J, x)
    return np.array([J[2] * r2 * (1 - r2) * J[1] * r1 * (1 - r1) * x,
                     J[2] * r2 * (1 - r2) * r1,
                     r2])

def loss(J, D):
    return sum((y - forward(J, x)[0]) ** 2 for x, y in D)

def grad_L(J, D):
    return sum(2 * (forward(J, x)[0] - y) * grad_z(J, x) for x, y in D)

if __name__ == "__main__":
    J = np.array([0.3, -1.2, 2.0])
    D = [(0.5, 1.0), (-1.0, 0.0)]
    eps = 1e-6
    num = np.array([(loss(J + eps * e, D) - loss(J - eps * e, D)) / (2 * eps) for e in np.eye(3)])
    print("analytic :", grad_L(J, D))
    print("numeric  :", num)
    alpha = 0.1
    print("L before :", loss(J, D), " after one step:", loss(J - alpha * grad_L(J, D), D))

# $ python neuro91-07-answers-with-gradcheck.py
# analytic : [0.24826877 0.14800911 0.34805661]
# numeric  : [0.24826877 0.14800911 0.34805661]
# L before : 0.6597842945783268  after one step: 0.6399579682289799
