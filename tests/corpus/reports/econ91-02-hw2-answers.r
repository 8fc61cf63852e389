##############################################################################
## DL elective - HW2 (Back propagation + MNIST)
## Tomás Echeverría  -  BSc Business Analytics, 3rd year
## I write everything in R because that is what I know; answers are in the
## comments, the code underneath is just my numerical sanity check.
## (The MNIST part was done in python/pytorch, see DeepMNIST.py.)
##############################################################################

## ---------------------------------------------------------------------------
## PROBLEM 1
## ---------------------------------------------------------------------------
## Model:  yhat = f(x; theta) = w3 * sig( w2 * sig( w1 * x ) )
##         theta = (w1, w2, w3),   sig(u) = 1 / (1 + exp(-u))   (sig1 = sig2)
##
## Notation I use below:
##   x1 = w1 * x            (input to the first sigmoid)
##   s1 = sig(x1)
##   x2 = w2 * s1           (input to the second sigmoid)
##   s2 = sig(x2)
##   yhat = w3 * s2
##
## (a) graph: drawn on paper, handed in separately.
##
## (b) (i)  d sig / du = exp(-u) / (1 + exp(-u))^2
##     (ii) d sig / du = sig(u) * (1 - sig(u))
##          because  exp(-u)/(1+exp(-u))^2 = [1/(1+exp(-u))] * [exp(-u)/(1+exp(-u))]
##                                          =      sig(u)     *     (1 - sig(u))
##
## (c) forward pass  = plug x and the current theta in, compute x1, s1, x2, s2,
##                     yhat (and the loss) in that order, keep the numbers.
##     backward pass = start at the output and go back through the graph,
##                     multiplying the local derivatives (chain rule) to get
##                     d yhat / d w_j for each weight, re-using the stored numbers.
##
## (d) d yhat / d w3 = s2 = sig( w2 * sig(w1 * x) )
##
## (e) d yhat / d w2 = (d yhat/d s2)(d s2/d x2)(d x2/d w2)
##                   = w3 * s2 * (1 - s2) * s1
##
##     d yhat / d w1 = (d yhat/d s2)(d s2/d x2)(d s1/d x1)(d x1/d w1)
##                   = w3 * s2 * (1 - s2) * s1 * (1 - s1) * x
##
## (f) Loss = SSE = sum over the 2 obs of e_i^2,  e_i = y_i - yhat_i
##
##     dSSE/d theta = sum_i 2 * e_i * d e_i / d theta
##                  = -2 * sum_i ( y_i - f(x_i; theta) ) * grad_theta f(x_i; theta)
##
##     where grad_theta f(x_i) = ( d yhat/d w1 , d yhat/d w2 , d yhat/d w3 )'
##     evaluated at x = x_i (formulas from (d) and (e)), i = 1, 2.
##
##     Gradient descent update, step alpha:
##        theta_new = theta - alpha * dSSE/d theta
##                  = theta + 2 * alpha * sum_i e_i * grad_theta f(x_i)
##     (minus sign because we want to go DOWN the SSE, like minimising RSS)
## ---------------------------------------------------------------------------

sig  <- function(u) 1 / (1 + exp(-u))
dsig <- function(u) sig(u) * (1 - sig(u))

f_hat <- function(theta, x) {
  theta[3] * sig(theta[2] * sig(theta[1] * x))
}

grad_f <- function(theta, x) {
  x1 <- theta[1] * x
  s1 <- sig(x1)
  x2 <- theta[2] * s1
  s2 <- sig(x2)
  c(w1 = theta[3] * s2 * (1 - s2) * s1 * (1 - s1) * x,
    w2 = theta[3] * s2 * (1 - s2) * s1,
    w3 = s2)
}

## check (b): compare both formulas with a finite difference at u = 0.3
u <- 0.3
c(exp_form = exp(-u) / (1 + exp(-u))^2,
  sig_form = dsig(u),
  num      = (sig(u + 1e-6) - sig(u - 1e-6)) / 2e-6)
#>  exp_form  sig_form       num
#> 0.2444583 0.2444583 0.2444583

## check (d),(e): numerical gradient with central differences
num_grad <- function(theta, x, h = 1e-6) {
  sapply(1:3, function(j) {
    e <- rep(0, 3); e[j] <- h
    (f_hat(theta + e, x) - f_hat(theta - e, x)) / (2 * h)
  })
}

theta0 <- c(1, 1, 1)
x0     <- 0.5
rbind(analytic = grad_f(theta0, x0), numeric = num_grad(theta0, x0))
#>                  w1        w2        w3
#> analytic 0.02670419 0.1414639 0.6507777
#> numeric  0.02670419 0.1414639 0.6507777
## -> matches, so the chain rule in (e) is fine.

## (f) as code
grad_sse <- function(theta, xs, ys) {
  g <- c(0, 0, 0)
  for (i in seq_along(xs)) {
    e_i <- ys[i] - f_hat(theta, xs[i])
    g   <- g - 2 * e_i * grad_f(theta, xs[i])
  }
  g
}
gd_step <- function(theta, xs, ys, alpha) theta - alpha * grad_sse(theta, xs, ys)

## ---------------------------------------------------------------------------
## PROBLEM 2  (MNIST)
## ---------------------------------------------------------------------------
## (a) input: 28 x 28 (x 1 channel)
##     conv1 filter: 5 x 5 x 1, 20 filters
##     after conv1:  (28 - 5)/1 + 1 = 24  ->  24 x 24 x 20
##     after 2x2 max pool: 12 x 12 x 20
##
## (b) want 12x12x20 -> 8x8x50:  (12 - F)/S + 1 = 8
##     S = 1 -> F = 5.   So: filter 5 x 5, stride 1, channel dim 20,
##     50 filters, no padding.  Pool -> 4 x 4 x 50.
##
## (c) number of parameters
##     conv1 : (5*5*1 + 1) * 20   =     520
##     relu1 :                          0
##     pool1 :                          0
##     conv2 : (5*5*20 + 1) * 50  =  25,050
##     relu2 :                          0
##     pool2 :                          0
##     fc1   : 4*4*50 * 500       = 400,000
##     fc2   : (500 + 1) * 10     =   5,010
##     ----------------------------------------
##     total                      = 430,580

c(conv1 = (5*5*1 + 1) * 20, conv2 = (5*5*20 + 1) * 50,
  fc1 = 4*4*50 * 500, fc2 = (500 + 1) * 10)
#>  conv1  conv2    fc1    fc2
#>    520  25050 400000   5010
sum(c(520, 25050, 400000, 5010))
#> [1] 430580

## Test accuracy (pytorch, 10 epochs): 99.04 %
