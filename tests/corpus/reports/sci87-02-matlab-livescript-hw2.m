%% Deep Learning HW2 - Back propagation and MNIST
% *Name:* Marco Ferraro   *ID:* 2019-31822
% 
% Written as a MATLAB Live Script (hw2_ferraro.mlx), exported to .m because 
% the submission system only takes text. The outputs of the symbolic toolbox 
% are pasted under each command as comments since the export drops them.
% 
% The PyTorch part (class Net, training) is in DeepMNIST.py.
%% Problem 1: Back propagation
% Network:
% 
% $$f_w(x) = w_3 \, \sigma_2\left(w_2 \, \sigma_1(w_1 x)\right), \quad \sigma_1(u) 
% = \sigma_2(u) = \frac{1}{1+\exp(-u)}$$
% 
% Intermediate variables: $x_1 = w_1 x$, $x_2 = w_2 \sigma_1(x_1)$, so $f_w(x) 
% = w_3 \sigma_2(x_2)$.

clear; clc;
syms u x w1 w2 w3 real
sigma(u) = 1/(1 + exp(-u));
%% (a) Computational graph
% (drawn in the live editor with the insert-image button, the picture does not 
% survive the export, so in words:)
% 
% x, w1 --> [ * ] --> x1 --> [ sigma1 ] --> s1
% 
% s1, w2 --> [ * ] --> x2 --> [ sigma2 ] --> s2
% 
% s2, w3 --> [ * ] --> f_w(x)
% 
% Every node is one elementary operation; the weights enter as extra inputs 
% of the multiplication nodes.
%% (b) Derivative of the sigmoid
% (i) in terms of exp

dsig = diff(sigma, u)
% dsig(u) =
%  
% exp(-u)/(exp(-u) + 1)^2
%% 
% So 
% 
% $$\frac{d\sigma_1}{du} = \frac{\exp(-u)}{(1+\exp(-u))^2}$$
% 
% (ii) in terms of $\sigma_1$: guess $\sigma(1-\sigma)$ and let MATLAB check 
% it

simplify(dsig - sigma*(1 - sigma))
% ans(u) =
%  
% 0
%% 
% $$\frac{d\sigma_1}{du} = \sigma_1(u)\left(1 - \sigma_1(u)\right)$$
% 
% By hand: $\frac{e^{-u}}{(1+e^{-u})^2} = \frac{1}{1+e^{-u}} \cdot \frac{(1+e^{-u}) 
% - 1}{1+e^{-u}} = \sigma(1-\sigma)$.
%% (c) Forward and backward pass
% Forward pass: plug in x and the current weights and compute the nodes of the 
% graph left to right ($x_1$, $\sigma_1(x_1)$, $x_2$, $\sigma_2(x_2)$, $f_w(x)$), 
% then the loss. The intermediate values are kept in memory.
% 
% Backward pass: go through the graph right to left and apply the chain rule, 
% i.e. each node multiplies the gradient that arrives from its output with its 
% own local derivative and sends it to its inputs. This way we get dL/dw for all 
% weights in one sweep, re-using the values from the forward pass (no need to 
% differentiate the whole expression separately for every weight like I do with 
% syms below).
%% (d) $\partial f / \partial w_3$

f = w3*sigma(w2*sigma(w1*x));
df_dw3 = diff(f, w3)
% df_dw3 =
%  
% 1/(exp(-w2/(exp(-w1*x) + 1)) + 1)
%% 
% $$\frac{\partial f_w}{\partial w_3} = \sigma_2(x_2) = \sigma_2\left(w_2 \sigma_1(w_1 
% x)\right)$$
%% (e) $\partial f / \partial w_2$ and $\partial f / \partial w_1$

df_dw2 = diff(f, w2)
% df_dw2 =
%  
% (w3*exp(-w2/(exp(-w1*x) + 1)))/((exp(-w2/(exp(-w1*x) + 1)) + 1)^2*(exp(-w1*x) + 1))

df_dw1 = diff(f, w1)
% df_dw1 =
%  
% (w2*w3*x*exp(-w1*x)*exp(-w2/(exp(-w1*x) + 1)))/((exp(-w1*x) + 1)^2*(exp(-w2/(exp(-w1*x) + 1)) + 1)^2)
%% 
% Written with the chain rule and $\sigma' = \sigma(1-\sigma)$:
% 
% $$\frac{\partial f_w}{\partial w_2} = \frac{\partial f}{\partial \sigma_2}\frac{\partial 
% \sigma_2}{\partial x_2}\frac{\partial x_2}{\partial w_2} = w_3 \, \sigma_2(x_2)(1-\sigma_2(x_2)) 
% \, \sigma_1(x_1)$$
% 
% $$\frac{\partial f_w}{\partial w_1} = \frac{\partial f}{\partial \sigma_2}\frac{\partial 
% \sigma_2}{\partial x_2}\frac{\partial x_2}{\partial \sigma_1}\frac{\partial 
% \sigma_1}{\partial x_1}\frac{\partial x_1}{\partial w_1} = w_3 \, \sigma_2(x_2)(1-\sigma_2(x_2)) 
% \, w_2 \, \sigma_1(x_1)(1-\sigma_1(x_1)) \, x$$
% 
% Check that the chain-rule form is the same as the toolbox result:

s1 = sigma(w1*x);  s2 = sigma(w2*s1);
simplify(df_dw2 - w3*s2*(1-s2)*s1)
% ans =
%  
% 0
simplify(df_dw1 - w3*s2*(1-s2)*w2*s1*(1-s1)*x)
% ans =
%  
% 0
%% (f) Loss on two data points and gradient step
% $$L(w) = \sum_{(x,y)\in D} (y - f_w(x))^2 = (y^1 - f_w(x^1))^2 + (y^2 - f_w(x^2))^2$$
% 
% Chain rule on each square:
% 
% $$\nabla_w L(w) = \sum_{i=1}^{2} 2\left(y^i - f_w(x^i)\right)\cdot(-1)\cdot 
% \nabla_w f_w(x^i) = -2\sum_{i=1}^{2}\left(y^i - f_w(x^i)\right)\begin{bmatrix}\partial 
% f_w(x^i)/\partial w_1 \\ \partial f_w(x^i)/\partial w_2 \\ \partial f_w(x^i)/\partial 
% w_3\end{bmatrix}$$
% 
% where the three partial derivatives are the ones from (d) and (e) evaluated 
% at $x = x^i$ (with $x_1 = w_1 x^i$, $x_2 = w_2\sigma_1(w_1 x^i)$).

syms xa xb ya yb alpha real
fw = @(t) w3*sigma(w2*sigma(w1*t));
L = (ya - fw(xa))^2 + (yb - fw(xb))^2;
gradL = gradient(L, [w1 w2 w3]);
gradL(3)
% ans =
%  
% - (2*(ya - w3/(exp(-w2/(exp(-w1*xa) + 1)) + 1)))/(exp(-w2/(exp(-w1*xa) + 1)) + 1) - (2*(yb - w3/(exp(-w2/(exp(-w1*xb) + 1)) + 1)))/(exp(-w2/(exp(-w1*xb) + 1)) + 1)
%% 
% (matches $-2\sum_i (y^i - f_w(x^i))\,\sigma_2(x_2^i)$ for the third component)
% 
% Gradient step with learning rate $\alpha$, all three weights at the same time:
% 
% $$w^{new} = w + \alpha \, \nabla_w L(w)$$
% 
% i.e.
% 
% $$w_k^{new} = w_k + \alpha \cdot \left(-2\sum_{i=1}^{2}(y^i - f_w(x^i))\frac{\partial 
% f_w(x^i)}{\partial w_k}\right), \quad k = 1,2,3$$

w_old = [w1; w2; w3];
w_new = w_old + alpha*gradL;   % one step
%% Problem 2: MNIST
%% (a)
% Input image: $28 \times 28$ (gray, 1 channel)
% 
% conv1 filter: $5 \times 5 \times 1$, 20 filters  ( $5\times5\times1\times20$ 
% )
% 
% Output size formula (no padding, stride 1): $n_{out} = n - k + 1$

n_in = 28; k = 5;
n_conv1 = n_in - k + 1
% n_conv1 =
%     24
n_pool1 = n_conv1/2
% n_pool1 =
%     12
%% 
% After conv1: $24 \times 24 \times 20$
% 
% After 2x2 max pooling: $12 \times 12 \times 20$
%% (b)
% We want $12\times12\times20 \rightarrow 8\times8\times50$. With $n_{out} = 
% (n - k + 2p)/s + 1$ and $p = 0$: $(12-k)/s + 1 = 8$.

for s = 1:2
    kk = 12 - 7*s;
    fprintf('stride %d -> filter %d\n', s, kk);
end
% stride 1 -> filter 5
% stride 2 -> filter -2
%% 
% So filter size $5\times 5$, stride 1, channel dimension 20 (input channels 
% of conv2 = output channels of conv1), no padding, and 50 filters. After pooling 
% $4 \times 4 \times 50$.
%% (c) Number of parameters

conv1 = 5*5*1*20
% conv1 =
%    500
relu1 = 0; pool1 = 0;
conv2 = 5*5*20*50
% conv2 =
%        25000
relu2 = 0; pool2 = 0;
fc1 = 4*4*50*500 + 500
% fc1 =
%       400500
fc2 = 500*10 + 10
% fc2 =
%         5010
total = conv1 + relu1 + pool1 + conv2 + relu2 + pool2 + fc1 + fc2
% total =
%       431010
%% 
% |conv1: 500|
% 
% |relu1: 0, pool1: 0 (no weights)|
% 
% |conv2: 25000|
% 
% |relu2: 0, pool2: 0|
% 
% |fc1: 400500|
% 
% |fc2: 5010|
% 
% *Total: 431,010 parameters*
% 
% Test accuracy of my trained Net (10 epochs, lr 0.01, SGD momentum 0.5): 
% *99.03 %*
