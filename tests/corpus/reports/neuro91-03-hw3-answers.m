%% HW3  -- Back propagation + MNIST   (written answers as a MATLAB live-script-ish file)
% Name: Priya Raman   | Neuroscience PhD (rotation in the Sompolinsky-ish theory lab)
% I do everything in MATLAB, so the written part lives here as comments + checks.
% Problem 2 code is in DeepMNIST.py (PyTorch), only the answers are repeated below.
%
% ------------------------------------------------------------------------
% NOTATION (mine)
%   x           : input (presynaptic rate)
%   h1 = w1*x   : input current to neuron 1       (sheet: x_1)
%   v1 = g(h1)  : rate of neuron 1                 (sheet: sigma_1(x_1))
%   h2 = w2*v1  : input current to neuron 2        (sheet: x_2)
%   v2 = g(h2)  : rate of neuron 2                 (sheet: sigma_2(x_2))
%   F  = w3*v2  : output, = f_w(x)
%   g(u) = 1/(1+exp(-u)) is the gain/transfer function (sigma_1 = sigma_2 = g)
% ------------------------------------------------------------------------

clear; clc;
g = @(u) 1./(1+exp(-u));

%% P1 (a)  computational graph
% hand drawing scanned -> hw3_graph.png
%   x -> [*w1] -> h1 -> [g] -> v1 -> [*w2] -> h2 -> [g] -> v2 -> [*w3] -> F

%% P1 (b)  derivative of g
% (i)   dg/du = exp(-u) / (1 + exp(-u))^2
% (ii)  dg/du = g(u) * (1 - g(u))
%   because  g(1-g) = 1/(1+e^-u) * e^-u/(1+e^-u)  = e^-u/(1+e^-u)^2
% check it with the symbolic toolbox:
syms u real
gs = 1/(1+exp(-u));
d1 = diff(gs, u);                          % returns exp(-u)/(exp(-u) + 1)^2
simplify(d1 - exp(-u)/(1+exp(-u))^2)       % -> 0
simplify(d1 - gs*(1-gs))                   % -> 0

%% P1 (c)  forward / backward pass
% forward : given x and the current weights, compute h1, v1, h2, v2, F in that
%           order and keep them in memory.
% backward: start at dF/dF = 1 and walk the graph backwards, multiplying by the
%           local derivative at every node (chain rule), which gives dF/dw for
%           all weights in one sweep using the stored forward values.

%% P1 (d)
% dF/dw3 = v2 = g(h2) = g( w2 * g(w1*x) )

%% P1 (e)
% dF/dw2 = dF/dv2 * dv2/dh2 * dh2/dw2
%        = w3 * g'(h2) * v1
%        = w3 * v2*(1-v2) * v1
%
% dF/dw1 = dF/dv2 * dv2/dh2 * dh2/dv1 * dv1/dh1 * dh1/dw1
%        = w3 * g'(h2) * w2 * g'(h1) * x
%        = w3 * v2*(1-v2) * w2 * v1*(1-v1) * x

% numerical check of (d),(e) with central differences
F    = @(w,x) w(3)*g(w(2)*g(w(1)*x));
dFdw = @(w,x) [ w(3)*g(w(2)*g(w(1)*x))*(1-g(w(2)*g(w(1)*x))) * w(2)*g(w(1)*x)*(1-g(w(1)*x)) * x, ...
                w(3)*g(w(2)*g(w(1)*x))*(1-g(w(2)*g(w(1)*x))) * g(w(1)*x), ...
                g(w(2)*g(w(1)*x)) ];
w = [0.5 1 2]; x = 1; ep = 1e-6;
fd = zeros(1,3);
for k = 1:3
    e = zeros(1,3); e(k) = ep;
    fd(k) = (F(w+e,x) - F(w-e,x)) / (2*ep);
end
disp([dFdw(w,x); fd])
%   0.1068    0.2829    0.6508
%   0.1068    0.2829    0.6508      <- ok

%% P1 (f)  loss gradient + update
% L(w) = sum_{(x,y) in D} (y - F(x))^2 ,   D = {(x1,y1),(x2,y2)}
%
% dL/dwk = sum_i 2*(y^i - F(x^i)) * (-dF(x^i)/dwk)
%        = sum_i 2*(F(x^i) - y^i) * dF(x^i)/dwk          k = 1,2,3
%
% so  grad_w L = 2*(F(x^1)-y^1) * [dF(x^1)/dw1; dF(x^1)/dw2; dF(x^1)/dw3]
%              + 2*(F(x^2)-y^2) * [dF(x^2)/dw1; dF(x^2)/dw2; dF(x^2)/dw3]
% with the partials from (d),(e) evaluated at x^i (h1^i = w1*x^i etc.)
%
% update with step alpha (same form as the delta rule  dw = eta*err*pre ):
%     w_new = w + alpha * grad_w L
%
gradL  = @(w,X,Y) sum( 2*(arrayfun(@(xx) F(w,xx), X) - Y).' .* cell2mat(arrayfun(@(xx) dFdw(w,xx), X.', 'UniformOutput', false)), 1 );
X = [0.5 -1]; Y = [1 0]; alpha = 0.1;
w_new = w + alpha*gradL(w,X,Y);

%% ========================================================================
%% P2  MNIST  (answers; code is DeepMNIST.py)
%
% (a) input dimension        : 28 x 28  (x1 channel)
%     conv1 filter dimension : 5 x 5 x 1, 20 filters  -> 5x5x1x20
%     after conv1            : 28-5+1 = 24  -> 24 x 24 x 20
%     after 2x2 max pooling  : 12 x 12 x 20
%
% (b) want 12x12x20 -> 8x8x50.   out = (N - F)/S + 1  (no padding)
%     (12 - F)/S + 1 = 8  ->  F = 5, S = 1
%     => conv2 filters: 5 x 5, stride 1, channel dimension 20 (50 of them)
%     after pooling: 4 x 4 x 50
%
% (c) number of parameters
%     conv1 : (5*5*1 + 1)*20   =    520
%     relu1 :                        0
%     pool1 :                        0
%     conv2 : 5*5*20*50        = 25 000
%     relu2 :                        0
%     pool2 :                        0
%     fc1   : 4*4*50*500 + 500 = 400 500
%     fc2   : 500*10 + 10      =   5 010
%     ---------------------------------
%     total                    = 431 030
%
% test accuracy after 10 epochs: 98.97 %
