# HW2 (Noah Feldman) -- written answers as a Julia file. Each answer is the one-line function under its part.
# notation: x1 = w1*x, a1 = σ(x1), x2 = w2*a1, a2 = σ(x2), f = w3*a2
σ(u) = 1 / (1 + exp(-u))

# --- 1(b) ---
# (i)
dσ_exp(u) = exp(-u) / (1 + exp(-u))^2
# (ii)
σ′(u) = σ(u) * (1 - σ(u))

# --- 1(c) ---
# forward pass: compute x1, a1, x2, a2, f and keep them; backward pass: chain rule from f back to each weight

# --- 1(d) ---
df_dw3(x, w) = σ(w[1] * σ(w[0] * x))

# --- 1(e) ---
df_dw2(x, w1, w2, w3) = w3 * σ′(w2 * σ(w1 * x)) * σ(w1 * x)
df_dw1(x, w1, w2, w3) = w3 * σ′(w2 * σ(w1 * x)) * w2 * σ′(w1 * x) * x

# --- 1(f) ---
# L(w) = Σ_{(x,y)∈D} (y - f_w(x))^2 with D = {(x¹,y¹),(x²,y²)}
# ∇_w L = Σ_{i=1}^{2} 2 (f_w(xⁱ) - yⁱ) ∇_w f_w(xⁱ)
# update: w ← w - α ∇_w L

# --- 2(a) ---
# input 28 × 28 × 1; conv1 filter 5 × 5 × 1, 20 filters (5 × 5 × 1 × 20); after conv1 24 × 24 × 20; after max-pool 12 × 12 × 20

# --- 2(b) ---
# conv2: filter 5 × 5, stride 1, channel dimension 20, 50 filters, no padding

# --- 2(c) ---
# conv1 = (5*5*1 + 1)*20 = 520, relu1 = 0, pool1 = 0, conv2 = (5*5*20 + 1)*50 = 25050, relu2 = 0, pool2 = 0,
# fc1 = (800 + 1)*500 = 400500, fc2 = (500 + 1)*10 = 5010, total = 431080
