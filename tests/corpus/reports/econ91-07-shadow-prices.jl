#=
Deep Learning elective, HW 2 -- written answers
Wei-Lin Chang, PhD student (Economics, 1st year; I use Julia for macro/QuantEcon)

Everything is in this file: the answers are in the block comments, the code
checks them numerically (ForwardDiff = automatic differentiation).
The MNIST network itself is in DeepMNIST.py (PyTorch) as required.

==============================================================================
PROBLEM 1
==============================================================================
    f_w(x) = w3 * σ2(w2 * σ1(w1 * x)),     σ1 = σ2 = σ,  σ(u) = 1/(1 + exp(-u))

Intermediate names (same as the lecture):
    x1 = w1 * x,     x2 = w2 * σ(x1),     ŷ = f_w(x) = w3 * σ(x2)

(a) graph: x --(×w1)--> x1 --σ1--> σ(x1) --(×w2)--> x2 --σ2--> σ(x2) --(×w3)--> ŷ
    (hand drawing in the PDF)

(b) (i)   dσ/du = exp(-u) / (1 + exp(-u))^2
    (ii)  dσ/du = σ(u) * (1 - σ(u))
    [ since 1 - σ(u) = exp(-u)/(1+exp(-u)) ]

(c) forward pass: evaluate the nodes in order x -> x1 -> σ(x1) -> x2 -> σ(x2) -> ŷ
    (-> loss) for the current w, and cache them.
    backward pass: start with ∂ŷ/∂ŷ = 1 and go backwards; at each node multiply
    by the local derivative (chain rule) using the cached values. This gives
    the derivative of ŷ (or of the loss) w.r.t. every node and every weight in
    one sweep.  Econ way to see it: the backward pass computes the shadow
    price of each intermediate variable (how much ŷ changes if that variable
    goes up by one unit), exactly like the costate/multiplier in a dynamic
    program that is solved backwards.

    Define the two "shadow prices":
        λ2 := ∂ŷ/∂x2 = w3 * σ(x2) * (1 - σ(x2))
        λ1 := ∂ŷ/∂x1 = λ2 * (∂x2/∂σ(x1)) * σ'(x1) = λ2 * w2 * σ(x1) * (1 - σ(x1))

(d) ∂ŷ/∂w3 = σ(x2) = σ(w2 * σ(w1 * x))

(e) ∂ŷ/∂w2 = λ2 * ∂x2/∂w2 = λ2 * σ(x1)
           = w3 * σ(x2)(1 - σ(x2)) * σ(w1 x)

    ∂ŷ/∂w1 = λ1 * ∂x1/∂w1 = λ1 * x
           = w3 * σ(x2)(1 - σ(x2)) * w2 * σ(x1)(1 - σ(x1)) * x

(f) L(w) = Σ_{(x,y) ∈ D} (y - f_w(x))^2,   D = {(x¹,y¹), (x²,y²)}

    ∇_w L = Σ_{i=1}^{2} 2 (f_w(xⁱ) - yⁱ) ∇_w f_w(xⁱ)
          = -2 Σ_{i=1}^{2} eᵢ ∇_w f_w(xⁱ),      eᵢ = yⁱ - f_w(xⁱ)  (residual)

    componentwise, with x1ⁱ = w1 xⁱ and x2ⁱ = w2 σ(w1 xⁱ):
        ∂L/∂w1 = Σᵢ 2 (f_w(xⁱ) - yⁱ) * w3 σ(x2ⁱ)(1-σ(x2ⁱ)) * w2 σ(x1ⁱ)(1-σ(x1ⁱ)) * xⁱ
        ∂L/∂w2 = Σᵢ 2 (f_w(xⁱ) - yⁱ) * w3 σ(x2ⁱ)(1-σ(x2ⁱ)) * σ(x1ⁱ)
        ∂L/∂w3 = Σᵢ 2 (f_w(xⁱ) - yⁱ) * σ(x2ⁱ)

    gradient descent with step α:
        w_new = w - α ∇_w L(w)       (all three components at once)

==============================================================================
PROBLEM 2  (MNIST)
==============================================================================
(a) input 28×28 (×1 channel); conv1 filters 5×5×1, 20 of them;
    after conv1 24×24×20  (28 - 5 + 1 = 24);  after 2×2 max pool 12×12×20

(b) conv2: filter 5×5, stride 1, channel dimension 20 (= depth of the input),
    50 filters, padding 0:  12 - 5 + 1 = 8  ->  8×8×50,  pool -> 4×4×50

(c) see `nparams` at the bottom:
    conv1 520, relu1 0, pool1 0, conv2 25050, relu2 0, pool2 0,
    fc1 400500, fc2 5010   ->  total 431080  (PyTorch agrees: 431080)

    test accuracy after 10 epochs: 99.27 %
=#

using ForwardDiff

σ(u)  = 1 / (1 + exp(-u))
dσ(u) = σ(u) * (1 - σ(u))

f(w, x) = w[3] * σ(w[2] * σ(w[1] * x))

function grad_f(w, x)
    x1 = w[1] * x
    x2 = w[2] * σ(x1)
    λ2 = w[3] * dσ(x2)
    λ1 = λ2 * w[2] * dσ(x1)
    return [λ1 * x, λ2 * σ(x1), σ(x2)]
end

# (b) check
u = 0.3
@show exp(-u) / (1 + exp(-u))^2  dσ(u)  ForwardDiff.derivative(σ, u)
# exp(-u) / (1 + exp(-u)) ^ 2 = 0.2444583116907459
# dσ(u) = 0.24445831169074586
# ForwardDiff.derivative(σ, u) = 0.24445831169074586

# (d), (e) check at an arbitrary point (deliberately not w = ones)
w0, x0 = [0.5, -1.2, 2.0], 1.5
g_hand = grad_f(w0, x0)
g_ad   = ForwardDiff.gradient(w -> f(w, x0), w0)
g_hand
# 3-element Vector{Float64}:
#  -0.16683293615014289
#   0.2888990359730759
#   0.3068229797386348
isapprox(g_hand, g_ad)
# true

# (f) loss, gradient, one GD step on a made-up D
D = [(1.5, 0.3), (-0.7, 1.0)]
L(w) = sum((y - f(w, x))^2 for (x, y) in D)
∇L(w) = sum(2 * (f(w, x) - y) * grad_f(w, x) for (x, y) in D)

∇L(w0)
# 3-element Vector{Float64}:
#  -0.15123964571565687
#   0.08668143448443538
#   0.008482950739070738
isapprox(∇L(w0), ForwardDiff.gradient(L, w0))
# true

α = 0.1
w1new = w0 - α * ∇L(w0)
# 3-element Vector{Float64}:
#   0.5151239645715657
#  -1.2086681434484434
#   1.999151704926093
L(w0), L(w1new)
# (0.15745458951295105, 0.15443606377339136)    <- SSE goes down, sign is right

# Problem 2 (c)
nparams = (conv1 = (5*5*1 + 1)*20, relu1 = 0, pool1 = 0,
           conv2 = (5*5*20 + 1)*50, relu2 = 0, pool2 = 0,
           fc1 = (4*4*50 + 1)*500, fc2 = (500 + 1)*10)
sum(nparams)
# 431080
