#' ---
#' title: "HW3 Problem 1 (spin with knitr)"
#' ---
#'
#' ## Problem 1
#'
#' Notation: x1 = w1 * x, x2 = w2 * sigma1(x1), f = w3 * sigma2(x2).
#'
#' (b) (i) dsigma1/du = exp(-u) / (1 + exp(-u))^2
#'
#' (b) (ii) dsigma1/du = sigma1(u) * (1 - sigma1(u))
#'
#' (c) forward: compute the output from the input; backward: gradients by the chain rule.
#'
#' (d) df/dw3 = sigma2(x2)
#'
#' (e) df/dw2 = w3 * sigma2(x2) * (1 - sigma2(x2)) * sigma1(x1)
#'
#' (e) df/dw1 = w3 * sigma2(x2) * (1 - sigma2(x2)) * w2 * sigma1(x1) * (1 - sigma1(x1)) * x
#'
#' (f) see the written sheet
sig <- function(u) 1 / (1 + exp(-u))
grad_f <- function(w, x) {
  x1 <- w[1] * x
  x2 <- w[2] * sig(x1)
  c(w[3] * sig(x2) * (1 - sig(x2)) * w[2] * sig(x1) * (1 - sig(x1)) * x,
    w[3] * sig(x2) * (1 - sig(x2)) * sig(x1),
    sig(x2))
}
grad_f(c(0.5, -1, 2), 1.5)
