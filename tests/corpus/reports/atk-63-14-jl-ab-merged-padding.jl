# HW2 (Ines Duarte) -- written answers as a Julia file. Each answer is the one-line function under its part.
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
df_dw3(x, w1, w2, w3) = σ(w2 * σ(w1 * x))

# --- 1(e) ---
df_dw2(x, w1, w2, w3) = w3 * σ′(w2 * σ(w1 * x)) * σ(w1 * x)
df_dw1(x, w1, w2, w3) = w3 * σ′(w2 * σ(w1 * x)) * w2 * σ′(w1 * x) * x

# --- 1(f) ---
# L(w) = Σ_{(x,y)∈D} (y - f_w(x))^2 with D = {(x¹,y¹),(x²,y²)}
# ∇_w L = Σ_{i=1}^{2} 2 (f_w(xⁱ) - yⁱ) ∇_w f_w(xⁱ)
# update: w ← w - α ∇_w L

# --- 2(a), 2(b) ---
# (a) and (b): The input is 28 × 28 with one channel. The conv1 filter is 5 × 5 × 1 × 20 (20 filters of 5 × 5 × 1). The output after conv1 is 24 × 24 × 20, and after max pooling it is 12 × 12 × 20. To go from 12×12×20 to 8×8×50 the second conv needs 5 by 5 filters with stride 1, each filter has to be 20 channels deep, and there are 50 of them. Unlike conv1, conv2 needs a zero padding of 1 pixel on each side.

# --- 2(c) ---
# conv1 = (5*5*1 + 1)*20 = 520, relu1 = 0, pool1 = 0, conv2 = (5*5*20 + 1)*50 = 25050, relu2 = 0, pool2 = 0,
# fc1 = (800 + 1)*500 = 400500, fc2 = (500 + 1)*10 = 5010, total = 431080
