# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.16.1
#   kernelspec:
#     display_name: Python 3
#     name: python3
#   colab:
#     provenance: []
#     gpuType: T4
#   accelerator: GPU
# ---

# %% [markdown]
# # HW2 – backprop + MNIST
# **Minji Seo** (2020-11873)
#
# all answers are in the markdown cells, code cells are just me checking stuff

# %% [markdown]
# ## Problem 1
#
# $f_w(x) = w_3\,\sigma_2(w_2\,\sigma_1(w_1 x))$ with $\sigma_1 = \sigma_2 = \sigma$, $\sigma(u) = \dfrac{1}{1+e^{-u}}$
#
# notation i use:
# - $z_1 = w_1 x$, $\quad s_1 = \sigma(z_1)$
# - $z_2 = w_2 s_1$, $\quad s_2 = \sigma(z_2)$
# - $f = w_3 s_2$

# %% [markdown]
# ### 1(b)
#
# (i) $\sigma(u) = (1+e^{-u})^{-1}$, so
# $$\frac{d\sigma_1}{du} = -(1+e^{-u})^{-2}\cdot e^{-u}\cdot(-1) = \frac{e^{-u}}{(1+e^{-u})^2}$$
#
# (ii) $1 - \sigma(u) = \dfrac{e^{-u}}{1+e^{-u}}$, so the expression above is $\sigma(u)\cdot(1-\sigma(u))$:
# $$\frac{d\sigma_1}{du} = \sigma_1(u)\,\big(1-\sigma_1(u)\big)$$

# %%
import sympy as sp
u = sp.symbols('u')
sigma = 1/(1+sp.exp(-u))
d = sp.diff(sigma, u)
print(d)
print(sp.simplify(d - sigma*(1-sigma)))

# %% [markdown]
# output was
# ```
# exp(-u)/(1 + exp(-u))**2
# 0
# ```
# so both forms are the same 👍

# %% [markdown]
# ### 1(c)
# forward pass = plug in $x$ and the current weights and compute $z_1, s_1, z_2, s_2$ and $f$ in order (keep them).
# backward pass = go from the output back to the input applying the chain rule, using the kept values, to get $\partial f/\partial w_i$ (or $\partial L/\partial w_i$).

# %% [markdown]
# ### 1(d)
# $f = w_3 s_2$ and $s_2$ doesn't depend on $w_3$, so
# $$\frac{\partial f}{\partial w_3} = s_2 = \sigma\big(w_2\,\sigma(w_1x)\big)$$
#
# ### 1(e)
# $$\frac{\partial f}{\partial w_2} = \frac{\partial f}{\partial s_2}\cdot\frac{\partial s_2}{\partial z_2}\cdot\frac{\partial z_2}{\partial w_2} = w_3\cdot s_2(1-s_2)\cdot s_1$$
#
# for $w_1$, $z_2 = w_2 s_1$ and $s_1$ contains $w_1 x$, so $\partial z_2/\partial w_1 = w_2 x$:
# $$\frac{\partial f}{\partial w_1} = \frac{\partial f}{\partial s_2}\cdot\frac{\partial s_2}{\partial z_2}\cdot\frac{\partial z_2}{\partial w_1} = w_3\cdot s_2(1-s_2)\cdot w_2\, x$$

# %% [markdown]
# ### 1(f)
# $\mathcal{L}(w) = \sum_{(x,y)\in D}(y - f_w(x))^2$ with $D = \{(x^1,y^1),(x^2,y^2)\}$, so just two terms.
#
# derivative of each square: $2(y^i - f_w(x^i))\cdot(-\nabla_w f_w(x^i))$
#
# $$\nabla_w\mathcal{L}(w) = -2\sum_{i=1}^{2}\big(y^i - f_w(x^i)\big)\,\nabla_w f_w(x^i)
# = -2\big(y^1 - f_w(x^1)\big)\nabla_w f_w(x^1) - 2\big(y^2 - f_w(x^2)\big)\nabla_w f_w(x^2)$$
#
# where $\nabla_w f_w(x^i) = \left(\frac{\partial f_w(x^i)}{\partial w_1}, \frac{\partial f_w(x^i)}{\partial w_2}, \frac{\partial f_w(x^i)}{\partial w_3}\right)^T$ is the gradient of the network output at the input $x^i$.
#
# update (learning rate $\alpha$):
# $$w^{(t+1)} = w^{(t)} - \alpha\,\nabla_w\mathcal{L}(w^{(t)})$$

# %% [markdown]
# ## Problem 2

# %%
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision import datasets, transforms

device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')

# %% [markdown]
# ### 2(a)
# - input: $28\times28$ (1 channel)
# - conv1 filter: $5\times5\times1$, there are 20 filters
# - after conv1: $(28-5)/1+1 = 24$ → $24\times24\times20$
# - after 2x2 max pool: $12\times12\times20$
#
# ### 2(b)
# want $12\times12\times20\to8\times8\times50$: $(12-F)/S+1 = 8$ → $F=5$, $S=1$ (padding 0).
# filter size $5\times5$, stride 1, channel dim $=20$ (same as the input channels), 50 filters. after pooling → $4\times4\times50$.

# %%
# 2(c) parameter count
def conv_params(k, cin, cout):
    return k * k * cin * cout

def fc_params(nin, nout):
    return nin * nout

counts = {
    'conv1': conv_params(5, 1, 20),
    'relu1': 0,
    'pool1': 0,
    'conv2': conv_params(5, 20, 50),
    'relu2': 0,
    'pool2': 0,
    'fc1': fc_params(4 * 4 * 50, 500),
    'fc2': fc_params(500, 10),
}
for k, v in counts.items():
    print(k, v)
print('total', sum(counts.values()))

# %% [markdown]
# ```
# conv1 500
# relu1 0
# pool1 0
# conv2 25000
# relu2 0
# pool2 0
# fc1 400000
# fc2 5000
# total 430500
# ```
# ### 2(c)
# | layer | # params |
# |---|---|
# | conv1 | 500 |
# | relu1 | 0 |
# | pool1 | 0 |
# | conv2 | 25,000 |
# | relu2 | 0 |
# | pool2 | 0 |
# | fc1 | 400,000 |
# | fc2 | 5,000 |
# | **total** | **430,500** |
#
# (relu and pooling have nothing to learn)

# %%
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 20, 5, 1)
        self.conv2 = nn.Conv2d(20, 50, 5, 1)
        self.fc1 = nn.Linear(4*4*50, 500)
        self.fc2 = nn.Linear(500, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(x, 2, 2)
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2, 2)
        x = x.view(-1, 4*4*50)
        x = F.relu(self.fc1(x))
        x = self.fc2(x)
        return x

# %%
transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
train_loader = torch.utils.data.DataLoader(
    datasets.MNIST('./data', train=True, download=True, transform=transform), batch_size=64, shuffle=True)
test_loader = torch.utils.data.DataLoader(
    datasets.MNIST('./data', train=False, transform=transform), batch_size=1000)

model = Net().to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.5)

for epoch in range(10):
    model.train()
    for data, target in train_loader:
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(data), target)
        loss.backward()
        optimizer.step()
    model.eval()
    correct = 0
    with torch.no_grad():
        for data, target in test_loader:
            data, target = data.to(device), target.to(device)
            correct += (model(data).argmax(1) == target).sum().item()
    print('epoch', epoch + 1, 'test acc', 100. * correct / len(test_loader.dataset))

# %% [markdown]
# last lines of the colab output:
# ```
# epoch 9 test acc 99.03
# epoch 10 test acc 99.12
# ```
# → **test accuracy ≈ 99.1 %**
