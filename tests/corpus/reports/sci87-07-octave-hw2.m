% =========================================================================
%  hw2.m  --  Deep Learning, Homework 2 (Back propagation, MNIST)
%  Hyun-woo Park  2018-13957
%
%  Done in GNU Octave 8.4 + symbolic package 3.1.1 (pkg load symbolic).
%  Command window output is pasted as comments right under each command.
%  Run it with:  octave --no-gui hw2.m
%  The network code / training is in DeepMNIST.py (PyTorch), this file is
%  only the written part.
% =========================================================================

pkg load symbolic
clear all; clc;

%% ------------------------------------------------------------------------
%% Problem 1 : back propagation
%% ------------------------------------------------------------------------
%
%   f_w(x) = w3 * s2( w2 * s1( w1*x ) ),   s1(u) = s2(u) = 1/(1+exp(-u))
%
%   notation:  x1 = w1*x ,  x2 = w2*s1(x1) ,  f = w3*s2(x2)

%% (a) computational graph
%
%        x ----.
%               (x)--> x1 --> [s1] --> s1(x1) ----.
%       w1 ----'                                   (x)--> x2 --> [s2] --> s2(x2) ---.
%                                       w2 -------'                                  (x)--> f
%                                                                          w3 ------'
%
%   (x) = multiplication node. leaves are x, w1, w2, w3.

%% (b) derivative of the sigmoid
syms u x w1 w2 w3 real
sig = @(t) 1 ./ (1 + exp(-t));

ds = diff(sig(u), u)
% ds = (sym)
%
%       -u
%      ℯ
%   ──────────
%            2
%   ⎛     -u⎞
%   ⎝1 + ℯ  ⎠
%

% (i)  ds1/du = exp(-u) / (1 + exp(-u))^2

simplify(ds - sig(u)*(1 - sig(u)))
% ans = (sym) 0

% (ii) ds1/du = s1(u) * (1 - s1(u))
%
%   by hand:  exp(-u)/(1+exp(-u))^2 = [1/(1+exp(-u))] * [exp(-u)/(1+exp(-u))]
%                                   = s(u) * (1 - s(u))       since 1 - s = exp(-u)/(1+exp(-u))

%% (c) forward / backward pass
%
%   forward pass  : given x and the current w, evaluate the graph from left
%                   to right: x1, s1(x1), x2, s2(x2), f (and the loss).
%                   All intermediate values are kept.
%   backward pass : go through the graph from right to left. Start with
%                   dL/dL = 1 (or df/df = 1), and at every node multiply the
%                   gradient coming from above with the local derivative of
%                   the node (chain rule), then pass it down to the inputs
%                   of the node. At the leaves we get dL/dw1, dL/dw2, dL/dw3.
%                   The local derivatives use the stored forward values,
%                   e.g. s'(x2) = s2(x2)*(1 - s2(x2)), no recomputation.

%% (d)
f = w3 * sig(w2 * sig(w1*x));

dfdw3 = diff(f, w3)
% dfdw3 = (sym)
%
%          1
%   ─────────────────
%             -w₂
%          ──────────
%               -w₁⋅x
%          1 + ℯ
%     1 + ℯ
%

%   df/dw3 = s2(x2) = s( w2 * s(w1*x) )

%% (e)
dfdw2 = diff(f, w2);
dfdw1 = diff(f, w1);
% (both printed as huge fractions, not pasted; instead compare with the
%  chain-rule expressions:)

S1 = sig(w1*x);
S2 = sig(w2*S1);
mine_w2 = w3 * S2*(1-S2) * S1;
mine_w1 = w3 * S2*(1-S2) * w2 * S1*(1-S1) * x;

[simplify(dfdw2 - mine_w2), simplify(dfdw1 - mine_w1)]
% ans = (sym) [0  0]  (1x2 matrix)

%   df/dw2 = (df/ds2)(ds2/dx2)(dx2/dw2)
%          = w3 * s2(x2)(1 - s2(x2)) * s1(x1)
%
%   df/dw1 = (df/ds2)(ds2/dx2)(dx2/ds1)(ds1/dx1)(dx1/dw1)
%          = w3 * s2(x2)(1 - s2(x2)) * w2 * s1(x1)(1 - s1(x1)) * x

%% (f) loss over D = {(x^1,y^1), (x^2,y^2)} and gradient descent
%
%   L(w) = sum_{(x,y) in D} (y - f_w(x))^2
%
%   d/dw (y - f)^2 = 2(y - f) * (-df/dw) = 2(f - y) df/dw , so with the
%   residuals  r_i := f_w(x^i) - y^i  (i = 1, 2):
%
%   grad_w L = sum_{i=1}^{2} 2 r_i * grad_w f_w(x^i)
%            = sum_{i=1}^{2} 2 (f_w(x^i) - y^i) * [ df_w(x^i)/dw1 ; df_w(x^i)/dw2 ; df_w(x^i)/dw3 ]
%
%   components (x1^i = w1*x^i, x2^i = w2*s1(x1^i)):
%     dL/dw1 = sum_i 2 r_i * w3 s2(x2^i)(1-s2(x2^i)) * w2 s1(x1^i)(1-s1(x1^i)) * x^i
%     dL/dw2 = sum_i 2 r_i * w3 s2(x2^i)(1-s2(x2^i)) * s1(x1^i)
%     dL/dw3 = sum_i 2 r_i * s2(x2^i)
%
%   update (learning rate alpha):
%     w  <-  w - alpha * grad_w L(w)      i.e.  wk_new = wk - alpha * dL/dwk , k = 1,2,3

% numeric check of the formula with finite differences
sg   = @(t) 1 ./ (1 + exp(-t));
fw   = @(w, xx) w(3) * sg(w(2) * sg(w(1)*xx));
X = [0.5 2.0];  Y = [0.3 0.9];
Lw = @(w) sum((Y - fw(w, X)).^2);

w = [1; -0.5; 2];
g = zeros(3,1);
for i = 1:2
  a1 = w(1)*X(i);  h1 = sg(a1);  a2 = w(2)*h1;  h2 = sg(a2);
  r  = w(3)*h2 - Y(i);
  g  = g + 2*r*[ w(3)*h2*(1-h2)*w(2)*h1*(1-h1)*X(i) ;
                 w(3)*h2*(1-h2)*h1 ;
                 h2 ];
end
h = 1e-6;  gfd = zeros(3,1);
for k = 1:3
  e = zeros(3,1); e(k) = h;
  gfd(k) = (Lw(w+e) - Lw(w-e)) / (2*h);
end
[g gfd]
% ans =
%
%   -0.019614  -0.019614
%    0.233570   0.233570
%    0.369984   0.369984
%

alpha = 0.05;
[Lw(w)  Lw(w - alpha*g)]
% ans =
%
%    0.3113   0.3020
%

%% ------------------------------------------------------------------------
%% Problem 2 : MNIST
%% ------------------------------------------------------------------------

%% (a)
img = rand(28, 28);                       % one gray image
K1  = rand(5, 5);                         % one conv1 filter (5x5x1), there are 20
c1  = conv2(img, K1, 'valid');            % 'valid' = no padding, stride 1
size(c1)
% ans =
%
%    24   24
%
p1 = c1(1:2:end, 1:2:end);                % size after 2x2 pooling w/ stride 2
size(p1)
% ans =
%
%    12   12
%
%   input        : 28 x 28 x 1
%   conv1 filter : 5 x 5 x 1   (x 20 filters)
%   after conv1  : 24 x 24 x 20
%   after pool1  : 12 x 12 x 20

%% (b)
%   want 12x12x20 -> 8x8x50.  valid conv, stride s:  (12 - k)/s + 1 = 8
%   s = 1 -> k = 5 ;  s = 2 -> k = -2 (no)
c2 = conv2(rand(12,12), rand(5,5), 'valid');
size(c2)
% ans =
%
%    8   8
%
%   conv2 : filter size 5 x 5, stride 1, channel dimension 20
%           (each filter 5x5x20, 50 filters -> 50 output channels), no padding
%   after pool2 : 4 x 4 x 50  (= 800 features into fc1)

%% (c) number of parameters (weights + biases)
W_conv1 = zeros(20, 1, 5, 5);   b_conv1 = zeros(20, 1);
W_conv2 = zeros(50, 20, 5, 5);  b_conv2 = zeros(50, 1);
W_fc1   = zeros(500, 800);      b_fc1   = zeros(500, 1);
W_fc2   = zeros(10, 500);       b_fc2   = zeros(10, 1);

n_conv1 = prod(size(W_conv1)) + numel(b_conv1)
% n_conv1 = 520
n_conv2 = prod(size(W_conv2)) + numel(b_conv2)
% n_conv2 = 25050
n_fc1   = prod(size(W_fc1)) + numel(b_fc1)
% n_fc1 = 400500
n_fc2   = prod(size(W_fc2)) + numel(b_fc2)
% n_fc2 = 5010
n_relu = 0;  n_pool = 0;                  % no learnable parameters
n_total = n_conv1 + n_conv2 + n_fc1 + n_fc2 + 2*n_relu + 2*n_pool
% n_total = 431080

%   conv1 520 | relu1 0 | pool1 0 | conv2 25050 | relu2 0 | pool2 0 |
%   fc1 400500 | fc2 5010 | total 431080
%
%   test accuracy from DeepMNIST.py after 10 epochs: 99.08 %
