# STAT/CS HW2 (Chloe Martin) -- written answers handed in as an R script (run it to check the numbers)
# notation: x1 = w1*x, h1 = sigma(x1), x2 = w2*h1, h2 = sigma(x2), f = w3*h2

sigma <- function(u) 1 / (1 + exp(-u))

# ---- 1(b) ----
# (i) derivative in terms of exp
dsig_exp <- function(u) exp(-u) / (1 + exp(-u))^2
# (ii) derivative in terms of sigma
dsig <- function(u) sigma(u) * (1 - sigma(u))

# ---- 1(c) ----
# forward pass computes x1, h1, x2, h2, f from x and w; backward pass applies the chain rule from f back to w

# ---- 1(d) ----
df_dw3 <- function(x, w) sigma(w[1] * sigma(w[0] * x))

# ---- 1(e) ----
df_dw2 <- function(x, w1, w2, w3) w3 * dsig(w2 * sigma(w1 * x)) * sigma(w1 * x)
df_dw1 <- function(x, w1, w2, w3) w3 * dsig(w2 * sigma(w1 * x)) * w2 * dsig(w1 * x) * x

# ---- 1(f) ----
# grad L = sum_{i=1}^{2} 2 (f_w(x^i) - y^i) grad f_w(x^i)
# update: w <- w - alpha * grad L

# ---- 2(a) ----
# input 28 x 28, conv1 filter 5 x 5 x 1 x 20, after conv1 24 x 24 x 20, after pooling 12 x 12 x 20
# ---- 2(b) ----
# conv2: filter 5 x 5, stride 1, channel dimension 20 (and 50 filters), padding 0
# ---- 2(c) ----
# conv1 520, relu1 0, pool1 0, conv2 25050, relu2 0, pool2 0, fc1 400500, fc2 5010, total 431080
