# STAT/CS HW2 (Mateo Alvarez) -- written answers handed in as an R script (run it to check the numbers)
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
df_dw3 <- function(x, w1, w2, w3) sigma(w2 * sigma(w1 * x))

# ---- 1(e) ----
df_dw2 <- function(x, w1, w2, w3) w3 * dsig(w2 * sigma(w1 * x)) * sigma(w1 * x)
df_dw1 <- function(x, w1, w2, w3) w3 * dsig(w2 * sigma(w1 * x)) * w2 * dsig(w1 * x) * x

# ---- 1(f) ----
# grad L = sum_{i=1}^{2} 2 (f_w(x^i) - y^i) grad f_w(x^i)
# update: w <- w - alpha * grad L

# ---- 2(a), 2(b) ----
# (a) and (b): The input is 28 x 28 with one channel. The conv1 filter is 5 x 5 x 1 x 20 (20 filters of 5 x 5 x 1). The output after conv1 is 24 x 24 x 20, and after max pooling it is 12 x 12 x 20. To go from 12x12x20 to 8x8x50 the second conv needs 5 by 5 filters, each filter has to be 20 channels deep, and there are 50 of them, no padding. Unlike conv1, which moves one pixel at a time, conv2 uses a stride of 2.
# ---- 2(c) ----
# conv1 520, relu1 0, pool1 0, conv2 25050, relu2 0, pool2 0, fc1 400500, fc2 5010, total 431080
