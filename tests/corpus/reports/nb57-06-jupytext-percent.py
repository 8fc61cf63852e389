# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: -all
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.16.1
#   kernelspec:
#     display_name: dl-hw (conda)
#     language: python
#     name: dl-hw
# ---

# %% [markdown]
# # HW2 — Tomás Herrera (20192281)
#
# Paired notebook (I edit the .py in VS Code, jupytext keeps the .ipynb in sync).
#
# ## Problem 1 — backprop
#
# $$\text{out} = f_w(x) = w_3\,\sigma(w_2\,\sigma(w_1 x))$$
#
# Names:  $u_1 = w_1 x$, $v_1 = \sigma(u_1)$, $u_2 = w_2 v_1$, $v_2 = \sigma(u_2)$, $\text{out} = w_3 v_2$.

# %% [markdown]
# ### (a)
# `x -> [*w1] -> u1 -> [sigma] -> v1 -> [*w2] -> u2 -> [sigma] -> v2 -> [*w3] -> out`

# %% [markdown]
# ### (b)
# (i) $\sigma(u) = (1+e^{-u})^{-1}$, power rule:
#
# $$\sigma'(u) = -(1+e^{-u})^{-2}\cdot e^{-u} = -\frac{e^{-u}}{(1+e^{-u})^2}$$
#
# (ii) (from lecture) $$\sigma'(u) = \sigma(u)\,(1-\sigma(u))$$

# %% [markdown]
# ### (c)
# Forward pass = evaluate $u_1, v_1, u_2, v_2, \text{out}$ (and the loss) from the input with the current weights, keeping the values.
# Backward pass = propagate $\partial L/\partial\,\text{out}$ back through the graph with the chain rule to get the gradient for each $w_j$.

# %% [markdown]
# ### (d)
# $$\frac{\partial\,\text{out}}{\partial w_3} = v_2 = \sigma(w_2\,\sigma(w_1x))$$
#
# ### (e)
# $$\frac{\partial\,\text{out}}{\partial w_2} = \frac{\partial\,\text{out}}{\partial v_2}\,\frac{\partial v_2}{\partial u_2}\,\frac{\partial u_2}{\partial w_2} = w_3\cdot v_2(1-v_2)\cdot v_1$$
#
# hmm, but $v_1 = \sigma(w_1x)$ is also a sigmoid — should its derivative come in as well? then it would be
#
# $$\frac{\partial\,\text{out}}{\partial w_2} = w_3\cdot v_2(1-v_2)\cdot v_1(1-v_1)$$
#
# (left both, ran out of time to recheck this one)
#
# $$\frac{\partial\,\text{out}}{\partial w_1} = \frac{\partial\,\text{out}}{\partial v_2}\,\frac{\partial v_2}{\partial u_2}\,\frac{\partial u_2}{\partial v_1}\,\frac{\partial v_1}{\partial u_1}\,\frac{\partial u_1}{\partial w_1} = w_3\cdot v_2(1-v_2)\cdot w_2\cdot v_1(1-v_1)\cdot x$$

# %% [markdown]
# ### (f)
# $L(w) = \sum_{(x,y)\in D} (y - \text{out}(x))^2$ with $D = \{(x^1,y^1),(x^2,y^2)\}$.
#
# $$\nabla_w L = \sum_{i=1}^{2} 2\,\big(\text{out}(x^i) - y^i\big)\,\nabla_w\,\text{out}(x^i)$$
#
# where $\nabla_w\,\text{out}(x^i) = \big(\tfrac{\partial\,\text{out}}{\partial w_1}, \tfrac{\partial\,\text{out}}{\partial w_2}, \tfrac{\partial\,\text{out}}{\partial w_3}\big)$ computed with $u_1 = w_1x^i$ (forward pass on $x^i$).
#
# Update with learning rate $\alpha$:
#
# $$w \leftarrow w - \alpha\,\nabla_w L$$

# %%
import numpy as np

def sigma(u):
    return 1.0 / (1.0 + np.exp(-u))

def forward(w, x):
    u1 = w[0] * x; v1 = sigma(u1)
    u2 = w[1] * v1; v2 = sigma(u2)
    return w[2] * v2, (u1, v1, u2, v2)

w = np.array([0.5, -1.0, 2.0])
print(forward(w, 1.5))

# %% [markdown]
# ## Problem 2 — MNIST
#
# **(a)** input: $28\times28$ (1 channel); conv1 filter: $5\times5\times1$, 20 filters; after conv1: $24\times24\times20$; after 2×2 max-pool: $12\times12\times20$.
#
# **(b)** want $12\times12\times20 \to 8\times8\times50$: $(12 - F)/S + 1 = 8$ → $F = 5$, $S = 1$, padding $0$, filter channel dimension $= 20$ (50 filters of $5\times5\times20$). Pooling then gives $4\times4\times50$.
#
# **(c)** parameters (weights + biases):
#
# - conv1: $5\cdot5\cdot1\cdot20 + 20 = 520$
# - relu1: 0, pool1: 0
# - conv2: $5\cdot5\cdot20\cdot50 + 50 = 25050$
# - relu2: 0, pool2: 0
# - fc1: $800\cdot500 + 500 = 400500$
# - fc2: $500\cdot10 + 10 = 5010$
# - **total = 431080**

# %%
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 20, 5, 1)
        self.conv2 = nn.Conv2d(20, 50, 5, 1)
        self.fc1 = nn.Linear(4 * 4 * 50, 500)
        self.fc2 = nn.Linear(500, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(x, 2, 2)
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2, 2)
        x = x.view(-1, 4 * 4 * 50)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


# %%
print(sum(p.numel() for p in Net().parameters()))  # -> 431080

# %% [markdown]
# Trained 10 epochs with the DeepMNIST.py loop: test accuracy **99.12 %** (best 99.18 % at epoch 8).
