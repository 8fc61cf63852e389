## =============================================================================
## Deep Learning -- Homework 2, written part
## Lucía Benítez Ortega, 2021-66340
##
## I'm a stats student so I did problem 1 in R (everything vectorised, no
## loops).  Answers are in the comments, the code underneath each answer
## checks it; output pasted as  #>  lines (made with reprex).
## Problem 2 code is in DeepMNIST.py.
## =============================================================================


## ---- Problem 1 -----------------------------------------------------------
## f_w(x) = w3 * s2(w2 * s1(w1 * x)),   s1(u) = s2(u) = 1 / (1 + exp(-u))
## intermediate:  x1 = w1 * x,   x2 = w2 * s1(x1),   f = w3 * s2(x2)

sig <- function(u) 1 / (1 + exp(-u))


## (a) computational graph  -> drawn in graph.pdf
##     x, w1 -> [*] -> x1 -> [s1] -> (w2) [*] -> x2 -> [s2] -> (w3) [*] -> f


## (b) derivative of s1
##   s(u) = (1 + e^{-u})^{-1}
##   ds/du = -(1 + e^{-u})^{-2} * (-e^{-u})
##
##   (i)  ds1/du = e^{-u} / (1 + e^{-u})^2
##   (ii) since e^{-u}/(1+e^{-u}) = 1 - s(u):
##        ds1/du = s1(u) * (1 - s1(u))

dsig_exp <- function(u) exp(-u) / (1 + exp(-u))^2     # (i)
dsig     <- function(u) sig(u) * (1 - sig(u))         # (ii)

u <- c(-3, -1, 0, 0.5, 2)
rbind(exp_form = dsig_exp(u), sig_form = dsig(u))
#>                [,1]      [,2] [,3]      [,4]      [,5]
#> exp_form 0.04517666 0.1966119 0.25 0.2350037 0.1049936
#> sig_form 0.04517666 0.1966119 0.25 0.2350037 0.1049936


## (c) forward pass: plug x and the current w into the graph from left to
##     right, computing (and caching) x1, s1(x1), x2, s2(x2) and f.
##     backward pass: go right to left, multiplying the upstream derivative by
##     each node's local derivative (using the cached values) -> df/dw3, then
##     df/dw2, then df/dw1, each one reusing the previous product.


## (d) df/dw3 = s2(x2) = s2(w2 * s1(w1 * x))
##
## (e) df/dw2 = df/ds2 * ds2/dx2 * dx2/dw2
##            = w3 * s2(x2)(1 - s2(x2)) * s1(x1)
##
##     df/dw1 = df/ds2 * ds2/dx2 * dx2/ds1 * ds1/dx1 * dx1/dw1
##            = w3 * s2(x2)(1 - s2(x2)) * w2 * s1(x1)(1 - s1(x1)) * x
##
##     (code: returns a 3 x length(x) matrix, row k = df/dwk, one column per x)

f <- function(w, x) w[3] * sig(w[2] * sig(w[1] * x))

grad_f <- function(w, x) {
  x1 <- w[1] * x
  x2 <- w[2] * sig(x1)
  rbind(w1 = w[3] * dsig(x2) * w[2] * dsig(x1) * x,
        w2 = w[3] * dsig(x2) * sig(x1),
        w3 = sig(x2))
}

w <- c(-0.8, 1.5, 3)
grad_f(w, 2)
#>         [,1]
#> w1 0.3095295
#> w2 0.1240075
#> w3 0.5626619

# central differences, h = 1e-6 -- same numbers
h <- 1e-6
sapply(1:3, function(k) { e <- h * (1:3 == k); (f(w + e, 2) - f(w - e, 2)) / (2 * h) })
#> [1] 0.3095295 0.1240075 0.5626619


## (f) L(w) = sum over (x,y) in D of (y - f_w(x))^2,  D = {(x^1,y^1), (x^2,y^2)}
##
##   grad_w L = sum_{i=1,2} 2 (y^i - f_w(x^i)) * (-grad_w f_w(x^i))
##            = sum_{i=1,2} 2 (f_w(x^i) - y^i) * grad_w f_w(x^i)
##
##   componentwise (k = 1,2,3):
##   dL/dwk = 2(f_w(x^1) - y^1) * df_w(x^1)/dwk + 2(f_w(x^2) - y^2) * df_w(x^2)/dwk
##   with df/dwk from (d),(e) evaluated at x = x^i.
##
##   In matrix form: G = grad_f(w, x) is 3 x 2 (columns = the two data points),
##   r = 2 (f - y) is length 2, and grad L = G %*% r.
##   (numpy people would write (G * r).sum(axis=1); same thing.)
##
##   gradient descent, step size alpha:
##       w_new = w - alpha * grad_w L(w)       (all three components at once)

D <- data.frame(x = c(2, -1), y = c(1.2, 2.5))       # toy data set
L      <- function(w) sum((D$y - f(w, D$x))^2)
grad_L <- function(w) grad_f(w, D$x) %*% (2 * (f(w, D$x) - D$y))

grad_L(w)
#>          [,1]
#> w1  0.4087245
#> w2 -0.1082707
#> w3  0.1265307

alpha <- 0.1
w_new <- w - alpha * drop(grad_L(w))
c(before = L(w), after = L(w_new))
#>    before     after
#> 0.3201378 0.3013411
# loss goes down, so the sign of the step is right


## ---- Problem 2 -----------------------------------------------------------
## (a) input 28 x 28 (x 1 channel)
##     conv1: 20 filters of size 5 x 5 x 1
##     after conv1: 24 x 24 x 20,  after 2x2 max-pool: 12 x 12 x 20
##
## (b) conv2: filter 5 x 5, stride 1, channel dimension 20 (= conv1's output
##     channels), 50 filters, no padding:  12 - 5 + 1 = 8  -> 8 x 8 x 50,
##     pool -> 4 x 4 x 50

c(conv1 = 28 - 5 + 1, pool1 = (28 - 5 + 1) / 2, conv2 = 12 - 5 + 1, pool2 = (12 - 5 + 1) / 2)
#> conv1 pool1 conv2 pool2
#>    24    12     8     4

## (c) parameters incl. biases, (fan-in + 1) * n_out; relu and pooling have none

p <- c(conv1 = (5*5*1 + 1) * 20, relu1 = 0, pool1 = 0,
       conv2 = (5*5*20 + 1) * 50, relu2 = 0, pool2 = 0,
       fc1   = (4*4*50 + 1) * 500, fc2 = (500 + 1) * 10)
p
#>  conv1  relu1  pool1  conv2  relu2  pool2    fc1    fc2
#>    520      0      0  25050      0      0 400500   5010
sum(p)
#> [1] 431080

## total: 431,080 parameters (matches sum(p.numel() for p in net.parameters())
## in DeepMNIST.py).  Test accuracy after 10 epochs: 99.18 %.
