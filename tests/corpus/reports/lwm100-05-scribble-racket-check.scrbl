#lang scribble/manual
@(require scribble-math/dollar)
@(use-mathjax)

@title{Homework 3: Back propagation and MNIST}
@author{Elif Sandoval (2020-17405)}

I write everything in Scribble since the PL course, so this is a
@tt{.scrbl} file (@tt{raco scribble --html hw3.scrbl}). Math is in
@tt{@"@"${...}} from @tt{scribble-math}; in case MathJax does not load, it is
plain LaTeX. I checked the derivatives numerically in Racket, see the end of
Problem 1.

@section{Problem 1: Back propagation}

@$${f_w(x) = w_3\,\sigma_2\bigl(w_2\,\sigma_1(w_1 x)\bigr),\qquad \sigma_1(u) = \sigma_2(u) = \frac{1}{1+\exp(-u)}}

Intermediate names: @${x_1 = w_1 x}, @${x_2 = w_2\,\sigma_1(x_1)}, so
@${f_w(x) = w_3\,\sigma_2(x_2)}.

@subsection{(a) Computational graph}

@verbatim|{
  w1   x
   \  /
   [*]  -> x1 -> [sigma1] -> s1
                              \
                        w2 -> [*] -> x2 -> [sigma2] -> s2
                                                        \
                                                  w3 -> [*] -> f
}|

@subsection{(b) Derivative of the sigmoid}

@itemlist[
 @item{(i) @${\displaystyle \frac{d\sigma_1}{du} = \frac{0\cdot(1+e^{-u}) - 1\cdot(-e^{-u})}{(1+e^{-u})^2} = \frac{\exp(-u)}{(1+\exp(-u))^2}} (quotient rule)}
 @item{(ii) since @${1-\sigma_1(u) = \frac{\exp(-u)}{1+\exp(-u)}},
       @${\displaystyle \frac{d\sigma_1}{du} = \frac{1}{1+\exp(-u)}\cdot\frac{\exp(-u)}{1+\exp(-u)} = \sigma_1(u)\bigl(1-\sigma_1(u)\bigr)}}
]

@subsection{(c) Forward and backward pass}

The @bold{forward pass} evaluates the graph from the leaves @${x, w_1, w_2, w_3}
to the output, node by node, and remembers every intermediate value
(@${x_1, \sigma_1(x_1), x_2, \sigma_2(x_2)}).

The @bold{backward pass} walks the same graph in reverse topological order.
Each node receives @${\partial f / \partial(\text{node})} from its consumer,
multiplies by its local derivative and passes it on (chain rule). At the
leaves we get @${\partial f/\partial w_1}, @${\partial f/\partial w_2},
@${\partial f/\partial w_3}. It is basically reverse-mode automatic
differentiation.

@subsection{(d)}

@$${\frac{\partial f_w}{\partial w_3} = \sigma_2(x_2) = \sigma_2\bigl(w_2\,\sigma_1(w_1 x)\bigr)}

@subsection{(e)}

Writing @${\sigma'(z) = \sigma(z)(1-\sigma(z))} from (b):

@$${\frac{\partial f_w}{\partial w_2} = \underbrace{w_3}_{\partial f/\partial \sigma_2}\cdot\underbrace{\sigma_2(x_2)(1-\sigma_2(x_2))}_{\partial\sigma_2/\partial x_2}\cdot\underbrace{\sigma_1(x_1)}_{\partial x_2/\partial w_2}}

@$${\frac{\partial f_w}{\partial w_1} = w_3\cdot\sigma_2(x_2)(1-\sigma_2(x_2))\cdot\underbrace{w_2}_{\partial x_2/\partial\sigma_1}\cdot\underbrace{\sigma_1(x_1)(1-\sigma_1(x_1))}_{\partial\sigma_1/\partial x_1}\cdot\underbrace{x}_{\partial x_1/\partial w_1}}

@subsubsection{Numerical check}

@codeblock|{
#lang racket
(define (sig u) (/ 1.0 (+ 1.0 (exp (- u)))))
(define (dsig u) (* (sig u) (- 1.0 (sig u))))

(define (f w1 w2 w3 x) (* w3 (sig (* w2 (sig (* w1 x))))))

(define (grad-f w1 w2 w3 x)
  (define x1 (* w1 x))
  (define x2 (* w2 (sig x1)))
  (list (* w3 (dsig x2) w2 (dsig x1) x)   ; df/dw1
        (* w3 (dsig x2) (sig x1))         ; df/dw2
        (sig x2)))                        ; df/dw3

(define h 1e-6)
(define (fd w1 w2 w3 x)
  (list (/ (- (f (+ w1 h) w2 w3 x) (f (- w1 h) w2 w3 x)) (* 2 h))
        (/ (- (f w1 (+ w2 h) w3 x) (f w1 (- w2 h) w3 x)) (* 2 h))
        (/ (- (f w1 w2 (+ w3 h) x) (f w1 w2 (- w3 h) x)) (* 2 h))))

(grad-f 1.0 2.0 3.0 0.5)
(fd     1.0 2.0 3.0 0.5)
}|

Output (rounded by me):

@verbatim|{
'(0.1223847 0.3241629 0.7764190)
'(0.1223847 0.3241629 0.7764190)
}|

so the formulas agree with finite differences.

@subsection{(f) Gradient of the loss and the update}

@$${L(w) = \sum_{(x,y)\in D}\bigl(y - f_w(x)\bigr)^2,\qquad D = \{(x^1,y^1),(x^2,y^2)\}}

@$${\nabla_w L(w) = \sum_{i=1}^{2} 2\bigl(y^i - f_w(x^i)\bigr)\cdot\bigl(-\nabla_w f_w(x^i)\bigr) = 2\sum_{i=1}^{2}\bigl(f_w(x^i) - y^i\bigr)\,\nabla_w f_w(x^i)}

where, with @${x^i_1 = w_1x^i} and @${x^i_2 = w_2\sigma_1(x^i_1)},

@$${\nabla_w f_w(x^i) = \begin{pmatrix} w_3\,\sigma_2(x^i_2)(1-\sigma_2(x^i_2))\,w_2\,\sigma_1(x^i_1)(1-\sigma_1(x^i_1))\,x^i\\ w_3\,\sigma_2(x^i_2)(1-\sigma_2(x^i_2))\,\sigma_1(x^i_1)\\ \sigma_2(x^i_2)\end{pmatrix}}

Gradient descent with step size @${\alpha}:

@$${w \leftarrow w - \alpha\,\nabla_w L(w),\quad\text{i.e.}\quad w_j \leftarrow w_j - 2\alpha\sum_{i=1}^{2}\bigl(f_w(x^i)-y^i\bigr)\frac{\partial f_w(x^i)}{\partial w_j},\ j=1,2,3.}

One step in Racket with @${w=(1,2,3)}, @${D=\{(0.5,2),(1,1)\}},
@${\alpha = 0.1}:

@codeblock|{
(define D '((0.5 . 2.0) (1.0 . 1.0)))
(define (loss w) (for/sum ([d D]) (sqr (- (cdr d) (apply f (append w (list (car d))))))))
(define (grad-L w)
  (for/fold ([g '(0 0 0)]) ([d D])
    (define r (* 2 (- (apply f (append w (list (car d)))) (cdr d))))
    (map + g (map (λ (gi) (* r gi)) (apply grad-f (append w (list (car d))))))))
(define w0 '(1.0 2.0 3.0))
(define w1 (map (λ (wi gi) (- wi (* 0.1 gi))) w0 (grad-L w0)))
}|

@verbatim|{
loss w0    = 2.16927
grad-L w0  = (0.59794 1.17529 2.84223)
w1         = (0.94021 1.88247 2.71578)
loss w1    = 1.34624
}|

The loss goes down, so the sign is right.

@section{Problem 2: MNIST}

@subsection{(a)}

@itemlist[
 @item{input: @${28\times 28} (one channel)}
 @item{conv1 filter: @${5\times5\times1}, 20 of them (@${5\times5\times1\times20})}
 @item{after conv1: @${24\times24\times20} (@${28-5+1 = 24})}
 @item{after @${2\times2} max pooling: @${12\times12\times20}}
]

@subsection{(b)}

@${o = \lfloor (n + 2p - k)/s\rfloor + 1}. With @${n = 12}, @${o = 8}, @${p=0}:
@${k = 5, s = 1}. So conv2 uses @bold{5×5 filters, stride 1, 20 input
channels} (50 filters, i.e. weight tensor @${50\times20\times5\times5}), no
padding. Pooling then gives @${4\times4\times50}.

@subsection{(c)}

@tabular[#:sep @hspace[2]
 (list (list @bold{layer} @bold{count} @bold{params})
       (list "conv1" "(5·5·1 + 1)·20" "520")
       (list "relu1" "—" "0")
       (list "pool1" "—" "0")
       (list "conv2" "(5·5·20 + 1)·50" "25050")
       (list "relu2" "—" "0")
       (list "pool2" "—" "0")
       (list "fc1" "(4·4·50 + 1)·500" "400500")
       (list "fc2" "(500 + 1)·10" "5010")
       (list @bold{total} "" @bold{431080}))]

Test accuracy of my @tt{Net} after 10 epochs: 99.17 %.
