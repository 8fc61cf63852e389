% HW2 (Freya Olsen) written answers, as a MATLAB script (each answer is an anonymous function you can evaluate)
% the weights are the vector w = [w1 w2 w3], so w(1) = w1, w(2) = w2, w(3) = w3
% notation: x1 = w1*x, h1 = s(x1), x2 = w2*h1, h2 = s(x2), f = w3*h2
s = @(u) 1 ./ (1 + exp(-u));

%% ---- 1(b) ----
% (i) in terms of exp
ds_exp = @(u) exp(-u) ./ (1 + exp(-u)).^2;
% (ii) in terms of sigma itself
ds = @(u) s(u) .* (1 - s(u));

%% ---- 1(c) ----
% forward pass: evaluate x1, h1, x2, h2, f for the current w and store them
% backward pass: chain rule from f back to each weight, reusing the stored values

%% ---- 1(d) ----
df_dw3 = @(x, w) s(w(2) .* s(w(1) .* x));

%% ---- 1(e) ----
df_dw2 = @(x, w1, w2, w3) w3 .* ds(w2 .* s(w1 .* x)) .* s(w1 .* x);
df_dw1 = @(x, w1, w2, w3) w3 .* ds(w2 .* s(w1 .* x)) .* w2 .* ds(w1 .* x) .* x;

%% ---- 1(f) ----
% grad_w L = sum_{i=1}^{2} 2 (f_w(x^i) - y^i) grad_w f_w(x^i)
% update:  w <- w - alpha * grad_w L

%% ---- 2(a) ----
% input 28 x 28; conv1 filter 5 x 5 x 1 x 20; after conv1 24 x 24 x 20; after 2 x 2 max pooling 12 x 12 x 20
%% ---- 2(b) ----
% conv2: filter 5 x 5, stride 1, channel dimension 20 (50 filters), no padding
%% ---- 2(c) ----
% conv1 = 520, relu1 = 0, pool1 = 0, conv2 = 25050, relu2 = 0, pool2 = 0, fc1 = 400500, fc2 = 5010, total = 431080
