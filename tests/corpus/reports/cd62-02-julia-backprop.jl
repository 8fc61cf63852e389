# ============================================================================
#  HW3 – written answers (Problem 1: backprop, Problem 2: MNIST)
#  Lukas Brenner — exchange student, I write everything in Julia, sorry TAs.
#  The file runs (julia 1.10, only `using Printf`), the answers are the
#  function definitions + the comments marked  >>> ANSWER.
# ============================================================================
using Printf

# --- notation --------------------------------------------------------------
#   σ(u) = 1/(1+e^{-u})            (σ₁ = σ₂ = σ)
#   x₁ = w₁·x     a₁ = σ(x₁)
#   x₂ = w₂·a₁    a₂ = σ(x₂)
#   f_w(x) = w₃·a₂
σ(u) = 1 / (1 + exp(-u))

function forward(w, x)
    w₁, w₂, w₃ = w
    x₁ = w₁ * x;  a₁ = σ(x₁)
    x₂ = w₂ * a₁; a₂ = σ(x₂)
    return (x₁ = x₁, a₁ = a₁, x₂ = x₂, a₂ = a₂, f = w₃ * a₂)
end

# --- 1(b) ------------------------------------------------------------------
# (i)  d/du (1+e^{-u})^{-1} = (-1)(1+e^{-u})^{-2} · (-e^{-u})
#      >>> ANSWER (i):
σ′_exp(u) = exp(-u) / (1 + exp(-u))^2
#
# (ii) 1 - σ(u) = e^{-u}/(1+e^{-u}), so the thing above is σ·(1-σ)
#      >>> ANSWER (ii):
σ′(u) = σ(u) * (1 - σ(u))

# --- 1(c) ------------------------------------------------------------------
# forward pass  = evaluate the graph from x to f (and L), storing x₁,a₁,x₂,a₂
# backward pass = start from ∂L/∂f = 1·(...) and push derivatives back to the
#                 weights with the chain rule, reusing the stored values

# --- 1(d) ------------------------------------------------------------------
# f = w₃ a₂  ⇒  ∂f/∂w₃ = a₂ = σ(w₂ σ(w₁x))
∂f_∂w3(w, x) = forward(w, x).a₂                      # >>> ANSWER (d)

# --- 1(e) ------------------------------------------------------------------
# ∂f/∂w₂ = ∂f/∂a₂ · ∂a₂/∂x₂ · ∂x₂/∂w₂ = w₃ · σ′(x₂) · a₁
function ∂f_∂w2(w, x)                                 # >>> ANSWER (e), w₂
    fw = forward(w, x)
    return w[3] * σ′(fw.x₂) * fw.a₁
end

# ∂f/∂w₁ = ∂f/∂a₂ · ∂a₂/∂x₂ · ∂x₂/∂x₁ · ∂x₁/∂w₁
#        = w₃ · σ′(x₂) · σ′(x₁) · x
function ∂f_∂w1(w, x)                                 # >>> ANSWER (e), w₁
    fw = forward(w, x)
    return w[3] * σ′(fw.x₂) * σ′(fw.x₁) * x
end

∇f(w, x) = [∂f_∂w1(w, x), ∂f_∂w2(w, x), ∂f_∂w3(w, x)]

# --- 1(f) ------------------------------------------------------------------
# L(w) = Σ_{(x,y)∈D} (y - f_w(x))²,   D = {(x¹,y¹), (x²,y²)}
#
# ∇L(w) = Σ_{i=1,2} 2(y^i - f_w(x^i))·(-∇f_w(x^i))
#       = 2(f_w(x¹) - y¹) ∇f_w(x¹) + 2(f_w(x²) - y²) ∇f_w(x²)
#
# >>> ANSWER (f) gradient:
∇L(w, D) = sum(2 * (forward(w, x).f - y) * ∇f(w, x) for (x, y) in D)
#
# >>> ANSWER (f) update, step α:   w ← w − α ∇L(w)
step(w, D, α) = w .- α .* ∇L(w, D)

# small demo so I can see it decreases
D = [(0.5, 1.0), (-2.0, 0.3)]
L(w) = sum((y - forward(w, x).f)^2 for (x, y) in D)
let w = [0.7, -1.3, 2.1]
    for k in 1:3
        @printf("iter %d   L = %.6f\n", k, L(w))
        w = step(w, D, 0.1)
    end
end
# iter 1   L = 0.489366
# iter 2   L = 0.485849
# iter 3   L = 0.482229

# ============================================================================
#  Problem 2 — MNIST (net itself is in DeepMNIST.py, PyTorch)
# ============================================================================
#
# (a) input: 28×28 grayscale → 28×28×1
#     conv1 filters: 5×5×1, 20 filters  (5×5×1×20)
#     after conv1: (28 − 5)/1 + 1 = 24  → 24×24×20
#     after 2×2 max-pool: 12×12×20
#
# (b) 12×12×20 → 8×8×50:
#     (12 − k + 2p)/s + 1 = 8, take p = 0, s = 1 → k = 5
#     conv2: kernel 5×5, stride 1, input channel dim 20, 50 output channels,
#     padding 0.  Then pool → 4×4×50 = 800 features for fc1.
#
# (c) parameters (weights = k·k·C_in·C_out for conv, in·out for linear)
const layers = [
    ("conv1", 5*5*1*20),
    ("relu1", 0),
    ("pool1", 0),
    ("conv2", 5*5*20*50),
    ("relu2", 0),
    ("pool2", 0),
    ("fc1",   800*500),
    ("fc2",   500*10),
]
for (name, p) in layers
    @printf("%-6s %8d\n", name, p)
end
@printf("total  %8d\n", sum(last, layers))
# conv1       500
# relu1         0
# pool1         0
# conv2     25000
# relu2         0
# pool2         0
# fc1      400000
# fc2        5000
# total    430500
#
# test accuracy (10 epochs, Adam lr 1e-3): 99.03 %
