#' ---------------------------------------------------------------------------
#' Übungsblatt 3 -- Backpropagation & MNIST
#' Jonas Wellbrock, Matr.-Nr. 4471203, Gruppe Di 10-12
#'
#' Abgabe als R-Skript (mit Prof. abgesprochen), Antworten stehen als
#' Kommentare direkt beim Code. Läuft mit source("blatt3_wellbrock.r").
#' ---------------------------------------------------------------------------

library(torch)
library(torchvision)
library(luz)

## =========================================================================
## Aufgabe 1: Backpropagation
## =========================================================================
#
# f_w(x) = w3 * sig2( w2 * sig1( w1 * x ) ),  sig1 = sig2 = sig = 1/(1+exp(-u))
# Zwischengrößen:  x1 = w1*x,   x2 = w2*sig(x1),   f = w3*sig(x2)

sig <- function(u) 1 / (1 + exp(-u))

#' (a) Graph: x -> [*w1] -> x1 -> [sig1] -> [*w2] -> x2 -> [sig2] -> [*w3] -> f
#'     (Zeichnung auf Papier, eingescannt als blatt3_graph.pdf)

#' (b)(i)  dsig/du = exp(-u) / (1 + exp(-u))^2
#'         Rechnung: (1+e^{-u})^{-1} ableiten -> -(1+e^{-u})^{-2} * (-e^{-u})
D(quote(1 / (1 + exp(-u))), "u")
# exp(-u)/(1 + exp(-u))^2        <- stimmt mit Hand überein

#' (b)(ii) dsig/du = sig(u) * (1 - sig(u))
#'         (denn exp(-u)/(1+exp(-u)) = 1 - sig(u))
# erst hatte ich (1 - sig(u))^2 hingeschrieben -- FALSCH, siehe Test:
#   u=0: (1-0.5)^2 = 0.25, aber sig(0)*(1-sig(0)) = 0.25 ... zufällig gleich bei 0!
#   u=2: sig(2)=0.8808; (1-0.8808)^2 = 0.0142 vs 0.8808*0.1192 = 0.1050 = dlogis(2)
# => richtig ist sig*(1-sig), gilt:
dsig <- function(u) sig(u) * (1 - sig(u))
stopifnot(all.equal(dsig(seq(-5, 5, 0.1)), dlogis(seq(-5, 5, 0.1))))

#' (c) Vorwärtsdurchlauf: x1, sig(x1), x2, sig(x2), f (und Loss) mit den
#'     aktuellen Gewichten ausrechnen und Zwischenwerte speichern.
#'     Rückwärtsdurchlauf: von hinten (dL/df) mit der Kettenregel durch den
#'     Graphen zurück, lokale Ableitungen multiplizieren -> alle dL/dw_j in
#'     einem Durchgang, mit den gespeicherten Zwischenwerten.

#' (d) df/dw3 = sig(x2) = sig(w2 * sig(w1 * x))
#'
#' (e) df/dw2 = w3 * sig'(x2) * sig(x1)
#'            = w3 * sig(x2)*(1-sig(x2)) * sig(x1)
#'     df/dw1 = w3 * sig'(x2) * w2 * sig'(x1) * x
#'            = w3 * sig(x2)*(1-sig(x2)) * w2 * sig(x1)*(1-sig(x1)) * x
#'
#' als Funktion (das ist meine Antwort für d und e, Reihenfolge w1, w2, w3):
grad_f <- function(w, x) {
  x1 <- w[1] * x
  x2 <- w[2] * sig(x1)
  c(w1 = w[3] * dsig(x2) * w[2] * dsig(x1) * x,
    w2 = w[3] * dsig(x2) * sig(x1),
    w3 = sig(x2))
}
f <- function(w, x) w[3] * sig(w[2] * sig(w[1] * x))

# Kontrolle mit numDeriv an einem beliebigen Punkt
w0 <- c(0.5, 1, -0.8)
grad_f(w0, 2)
#          w1          w2          w3
# -0.06900666 -0.12829310  0.67503753
numDeriv::grad(function(w) f(w, 2), w0)
# [1] -0.06900666 -0.12829310  0.67503753     passt.

#' (f) L(w) = sum_{(x,y) in D} (y - f_w(x))^2,  D = {(x^1,y^1), (x^2,y^2)}
#'
#'     grad_w L = sum_{i=1}^{2} 2 * (f_w(x^i) - y^i) * grad_w f_w(x^i)
#'
#'     (Vorzeichen: d/dw (y - f)^2 = 2(y - f) * (-df/dw) = 2(f - y) df/dw)
#'     grad_w f_w(x^i) = Vektor aus (e)/(d), jeweils an der Stelle x^i
#'     (also x1 = w1*x^i, x2 = w2*sig(w1*x^i) für das i-te Datum).
#'
#'     Gradientenabstieg, Schrittweite alpha:
#'        w_neu = w - alpha * grad_w L(w)
#'              = w - alpha * [ 2(f_w(x^1)-y^1) grad f_w(x^1) + 2(f_w(x^2)-y^2) grad f_w(x^2) ]
grad_L <- function(w, X, Y) {
  g <- 0
  for (i in seq_along(X)) g <- g + 2 * (f(w, X[i]) - Y[i]) * grad_f(w, X[i])
  g
}
gd_step <- function(w, X, Y, alpha) w - alpha * grad_L(w, X, Y)

# Mini-Test mit zwei Punkten: Loss muss fallen
X <- c(1, -2); Y <- c(0.3, -0.1)
L <- function(w) sum((Y - sapply(X, function(xx) f(w, xx)))^2)
w <- w0
for (k in 1:200) w <- gd_step(w, X, Y, alpha = 0.1)
c(L(w0), L(w))
# [1] 0.79835920 0.07225250     <- fällt, gut

## =========================================================================
## Aufgabe 2: MNIST
## =========================================================================
#
#' (a) Eingabe: 28 x 28 (x 1 Kanal)
#'     conv1-Filter: 5 x 5 x 1, davon 20 Stück  (= 5x5x1x20)
#'     nach conv1: (28-5)/1 + 1 = 24  ->  24 x 24 x 20
#'     nach 2x2 Max-Pooling: 12 x 12 x 20
#'
#' (b) 12 -> 8:  (12 - k)/s + 1 = 8  ->  k = 5, s = 1  (k=6,s=2 ergibt 4, nein)
#'     conv2: Filtergröße 5 x 5, Stride 1, Kanaldimension 20
#'     (jeder Filter 5x5x20, 50 Filter, kein Padding) -> 8x8x50 -> Pool -> 4x4x50
#'
#' (c) Parameter inkl. Bias:
tab <- data.frame(
  Schicht   = c("conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "fc1", "fc2"),
  Parameter = c((5*5*1 + 1)*20, 0, 0, (5*5*20 + 1)*50, 0, 0, (4*4*50 + 1)*500, (500 + 1)*10)
)
tab
#   Schicht Parameter
# 1   conv1       520
# 2   relu1         0
# 3   pool1         0
# 4   conv2     25050
# 5   relu2         0
# 6   pool2         0
# 7     fc1    400500
# 8     fc2      5010
sum(tab$Parameter)
# [1] 431080        <- Gesamt: 431.080 Parameter

## ---- Netz (torch für R) -------------------------------------------------
Net <- nn_module(
  "Net",
  initialize = function() {
    self$conv1 <- nn_conv2d(1, 20, 5, 1)
    self$conv2 <- nn_conv2d(20, 50, 5, 1)
    self$fc1   <- nn_linear(4 * 4 * 50, 500)
    self$fc2   <- nn_linear(500, 10)
  },
  forward = function(x) {
    x <- nnf_max_pool2d(nnf_relu(self$conv1(x)), 2, 2)
    x <- nnf_max_pool2d(nnf_relu(self$conv2(x)), 2, 2)
    x <- torch_flatten(x, start_dim = 2)
    x <- nnf_relu(self$fc1(x))
    self$fc2(x)
  }
)
sum(sapply(Net()$parameters, function(p) p$numel()))
# [1] 431080   (gleich wie Tabelle)

# Training: siehe unten, 10 Epochen SGD(lr=0.01, momentum=0.5) wie im Python-Template
# Ergebnis letzte Epoche:  Test-Accuracy 0.9907  -> 99,07 %
