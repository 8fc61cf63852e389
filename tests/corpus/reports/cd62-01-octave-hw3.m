%% hw3_report.m  --  Homework 3 (Back propagation / MNIST), written part
%  Park Minseo  2019-13872
%  I did the derivations on paper first and then typed them here as Octave
%  code so I could check them numerically (run with: octave hw3_report.m).
%  Every answer below is the anonymous function / comment right under the
%  problem number.  Notation I use throughout:
%
%     s(u)  = 1/(1+exp(-u))        (sigma_1 = sigma_2 = s)
%     z1 = w1*x,   h1 = s(z1)      (hidden 1)
%     z2 = w2*h1,  h2 = s(z2)      (hidden 2)
%     f  = w3*h2
%
%  w is stored as a column w = [w1; w2; w3].

clear; clc;

s = @(u) 1 ./ (1 + exp(-u));

%% ---------------------------------------------------------------- 1(a)
%  graph (drawn on paper, scanned page 1):
%     x --(*w1)--> z1 --s--> h1 --(*w2)--> z2 --s--> h2 --(*w3)--> f

%% ---------------------------------------------------------------- 1(b)
%  (i)  d/du (1+exp(-u))^(-1) = -(1+exp(-u))^(-2) * (-exp(-u))
%       so
ds_exp = @(u) exp(-u) ./ (1 + exp(-u)).^2;          % <- answer (b)(i)

%  (ii) exp(-u)/(1+exp(-u))^2 = [1/(1+exp(-u))] * [exp(-u)/(1+exp(-u))]
%                             = s(u) * (1 - s(u))   because exp(-u)/(1+exp(-u)) = 1 - s(u)
ds = @(u) s(u) .* (1 - s(u));                        % <- answer (b)(ii)

%% ---------------------------------------------------------------- 1(c)
%  forward pass : go left->right through the graph with the current w,
%                 compute z1,h1,z2,h2,f (and the loss), keep the intermediates.
%  backward pass: go right->left, multiply local derivatives (chain rule),
%                 reusing the stored h1,h2 to get df/dw3, df/dw2, df/dw1.

%% ---------------------------------------------------------------- 1(d)
%  df/dw3 = h2 = s(z2) = s(w2*s(w1*x))
df_dw3 = @(w, x) s(w(2) .* s(w(1) .* x));

%% ---------------------------------------------------------------- 1(e)
%  df/dw2 = df/dh2 * dh2/dz2 * dz2/dw2 = w3 * s'(z2) * h1
df_dw2 = @(w, x) w(3) .* ds(w(2) .* s(w(1) .* x)) .* s(w(1) .* x);

%  df/dw1 = df/dh2 * dh2/dz2 * dz2/dh1 * dh1/dz1 * dz1/dw1
%         = w3 * s'(z2) * w2 * s'(z1) * x
%  (first line of my paper version had h1 instead of w2 for dz2/dh1 -- no,
%   z2 = w2*h1 so dz2/dh1 = w2.  fixed.)
df_dw1 = @(w, x) w(3) .* ds(w(2) .* s(w(1) .* x)) .* w(2) .* ds(w(1) .* x) .* x;

%% ---------------------------------------------------------------- 1(f)
%  L(w) = sum over D={(x1,y1),(x2,y2)} of (y - f_w(x))^2
%
%  grad L = sum_i 2*(y^i - f(x^i)) * (-1) * grad f(x^i)
%         = 2*(f(x^1)-y^1)*grad f(x^1) + 2*(f(x^2)-y^2)*grad f(x^2)
%  with grad f(x^i) = [df_dw1(w,x^i); df_dw2(w,x^i); df_dw3(w,x^i)]
%  (each derivative evaluated at its OWN x^i, h1,h2 recomputed per point)
%
%  update (gradient descent, step alpha):
%      w_new = w - alpha * grad L(w)
%  i.e. w1 <- w1 - alpha*dL/dw1,  w2 <- w2 - alpha*dL/dw2,  w3 <- w3 - alpha*dL/dw3

f      = @(w, x) w(3) .* s(w(2) .* s(w(1) .* x));
grad_f = @(w, x) [df_dw1(w, x); df_dw2(w, x); df_dw3(w, x)];

function g = gradL(w, X, Y, f, grad_f)
  g = zeros(3, 1);
  for i = 1:numel(X)
    g = g + 2 * (f(w, X(i)) - Y(i)) * grad_f(w, X(i));
  end
end

gd_step = @(w, X, Y, alpha) w - alpha * gradL(w, X, Y, f, grad_f);

%% ---- quick check against central differences -----------------------
w = [0.7; -1.3; 2.1];  X = [0.5, -2.0];  Y = [1.0, 0.3];  alpha = 0.1;
L = @(w) sum((Y - arrayfun(@(xx) f(w, xx), X)).^2);
e = 1e-6;  num = zeros(3,1);
for k = 1:3
  d = zeros(3,1); d(k) = e;
  num(k) = (L(w + d) - L(w - d)) / (2*e);
end
printf('ds_exp vs ds       : %g\n', max(abs(ds_exp(-3:0.5:3) - ds(-3:0.5:3))));
printf('analytic grad      : %s\n', mat2str(gradL(w, X, Y, f, grad_f)', 6));
printf('numeric  grad      : %s\n', mat2str(num', 6));
printf('w after one step   : %s\n', mat2str(gd_step(w, X, Y, alpha)', 6));

%  output I got (Octave 8.4):
%  ds_exp vs ds       : 1.45717e-16
%  analytic grad      : [0.310056 -0.0516399 0.325768]
%  numeric  grad      : [0.310056 -0.0516399 0.325768]
%  w after one step   : [0.668994 -1.29484 2.06742]

%% ================================================================ 2
%  MNIST net (the PyTorch code is in DeepMNIST.py, this is just the math)
%
%  (a) input        : 28 x 28 (x 1 channel)
%      conv1 filter : 5 x 5 x 1, and there are 20 of them  (5x5x1x20)
%      after conv1  : 28-5+1 = 24  ->  24 x 24 x 20
%      after pool   : 24/2 = 12    ->  12 x 12 x 20
%
%  (b) want 12x12x20 -> 8x8x50 (then pool -> 4x4x50)
%      out = (in - k + 2p)/stride + 1 ;  with p = 0, stride = 1 : 12 - k + 1 = 8  =>  k = 5
%      conv2 : filter 5 x 5, stride 1, channel dim 20 (each filter is 5x5x20),
%              50 filters, no padding.
%
%  (c) #params = (k*k*Cin + 1)*Cout for conv, (in+1)*out for fc
conv = @(k, cin, cout) (k*k*cin + 1) * cout;
fc   = @(nin, nout)    (nin + 1) * nout;
P = [conv(5, 1, 20), 0, 0, conv(5, 20, 50), 0, 0, fc(4*4*50, 500), fc(500, 10)];
names = {'conv1','relu1','pool1','conv2','relu2','pool2','fc1','fc2'};
for k = 1:numel(P)
  printf('%-6s %7d\n', names{k}, P(k));
end
printf('total  %7d\n', sum(P));
%  conv1      520
%  relu1        0
%  pool1        0
%  conv2    25050
%  relu2        0
%  pool2        0
%  fc1     400500
%  fc2       5010
%  total   431080     (biases included)
%
%  Test accuracy after 10 epochs: 99.14 %  (last line of python DeepMNIST.py)
