# %% [markdown]
# # HW2 Report — 박서연 (2020-14832)
#
# VS Code에서 `# %%` cell 형식(Interactive Window)으로 작성했습니다. Markdown cell에 답, code cell은 확인용입니다.
# (Jupyter 말고 이 형식으로 내도 된다고 조교님께 메일로 확인받았습니다.)
#
# ---
# ## Problem 1. Back propagation
#
# $f_w(x) = w_3 \sigma_2(w_2 \sigma_1(w_1 x))$, $\sigma_1(u)=\sigma_2(u)=\frac{1}{1+\exp(-u)}$
#
# 표기: $x_1 = w_1 x$, $x_2 = w_2\sigma_1(x_1)$, $f_w(x) = w_3\sigma_2(x_2)$
#
# **(a)** computational graph → `graph.pdf` 로 따로 첨부
#
# **(b)**
#
# (i) $\dfrac{\partial \sigma_1}{\partial u} = \dfrac{-(-\exp(-u))}{(1+\exp(-u))^2} = \dfrac{\exp(-u)}{(1+\exp(-u))^2}$
#
# (ii) $\dfrac{\partial \sigma_1}{\partial u} = \dfrac{1}{1+\exp(-u)}\cdot\dfrac{\exp(-u)}{1+\exp(-u)} = \sigma_1(u)\,(1-\sigma_1(u))$
#
# **(c)**
# - forward pass: 입력 $x$와 현재 parameter $w$로 $x_1 \to \sigma_1(x_1) \to x_2 \to \sigma_2(x_2) \to f_w(x)$ 순서로 계산하고 중간값 저장
# - backward pass: output에서부터 거꾸로 chain rule로 local gradient를 곱해 가면서 각 parameter에 대한 미분 계산 (forward에서 저장한 값 사용)

# %% [markdown]
# **(d)**
#
# $$\frac{\partial f_w}{\partial w_3} = \sigma_2(x_2) = \sigma_2(w_2\sigma_1(w_1x))$$
#
# **(e)** chain rule
#
# $$\frac{\partial f_w}{\partial w_2} = \frac{\partial f_w}{\partial \sigma_2}\frac{\partial \sigma_2}{\partial x_2}\frac{\partial x_2}{\partial w_2} = w_3\cdot\sigma_2(x_2)(1-\sigma_2(x_2))\cdot\sigma_1(x_1)$$
#
# $$\frac{\partial f_w}{\partial w_1} = \frac{\partial f_w}{\partial \sigma_2}\frac{\partial \sigma_2}{\partial x_2}\frac{\partial x_2}{\partial \sigma_1}\frac{\partial \sigma_1}{\partial x_1}\frac{\partial x_1}{\partial w_1} = w_3\cdot\sigma_2(x_2)(1-\sigma_2(x_2))\cdot w_2\cdot\sigma_1(x_1)(1-\sigma_1(x_1))\cdot x$$
#
# 처음에 $\partial x_1/\partial w_1 = x$ 를 빼먹었다가 아래 autograd 비교에서 틀려서 고쳤습니다.

# %%
import torch

x = torch.tensor(-1.5)
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
f = w[2] * torch.sigmoid(w[1] * torch.sigmoid(w[0] * x))
f.backward()
print(w.grad)
# tensor([0.1593, 0.1564, 0.4205])

with torch.no_grad():
    x1 = w[0] * x
    x2 = w[1] * torch.sigmoid(x1)
    s1, s2 = torch.sigmoid(x1), torch.sigmoid(x2)
    print(w[2] * s2 * (1 - s2) * w[1] * s1 * (1 - s1) * x,
          w[2] * s2 * (1 - s2) * s1,
          s2)
# tensor(0.1593) tensor(0.1564) tensor(0.4205)

# %% [markdown]
# **(f)**
#
# $$\mathcal{L}(w) = \sum_{(x,y)\in D}(y-f_w(x))^2 = (y^1-f_w(x^1))^2 + (y^2-f_w(x^2))^2$$
#
# $$\nabla_w\mathcal{L}(w) = \sum_{i=1}^{2} 2(y^i - f_w(x^i))\cdot(-1)\cdot\nabla_w f_w(x^i) = \sum_{i=1}^{2} 2(f_w(x^i)-y^i)\,\nabla_w f_w(x^i)$$
#
# $$\nabla_w f_w(x^i) = \begin{bmatrix} w_3\sigma_2(x_2^i)(1-\sigma_2(x_2^i))\,w_2\,\sigma_1(x_1^i)(1-\sigma_1(x_1^i))\,x^i \\ w_3\sigma_2(x_2^i)(1-\sigma_2(x_2^i))\,\sigma_1(x_1^i) \\ \sigma_2(x_2^i)\end{bmatrix},\quad x_1^i = w_1x^i,\ x_2^i = w_2\sigma_1(x_1^i)$$
#
# gradient descent update:
#
# $$\begin{bmatrix} w_1 \\ w_2 \\ w_3 \end{bmatrix} \leftarrow \begin{bmatrix} w_1 \\ w_2 \\ w_3 \end{bmatrix} - \alpha\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\,\nabla_w f_w(x^i)$$

# %% [markdown]
# ---
# ## Problem 2. MNIST
#
# **(a)**
# - input dimension: $28\times28$ (channel 1)
# - conv1 filter dimension: $5\times5\times1$, filter 20개 → $5\times5\times1\times20$
# - conv1 후 output: $(28-5)/1+1 = 24$ → $24\times24\times20$
# - $2\times2$ max-pooling 후: $12\times12\times20$
#
# **(b)** output size $= \frac{N - F + 2P}{S} + 1$, $P=0$ 이라고 하면 $\frac{12-F}{S}+1 = 8$
# - $S=1 \Rightarrow F=5$ ✔
# - $S=2 \Rightarrow F=-2$ ✘
#
# → filter size $5\times5$, stride 1, channel dimension 20 (filter 50개, 즉 $5\times5\times20\times50$), padding 없음. pooling 후 $4\times4\times50$.
#
# **(c)** (bias 포함)
# - conv1: $(5\cdot5\cdot1+1)\cdot20 = 520$
# - relu1: 0
# - pool1: 0
# - conv2: $(5\cdot5\cdot20+1)\cdot50 = 25050$
# - relu2: 0
# - pool2: 0
# - fc1: $(4\cdot4\cdot50+1)\cdot500 = 400500$
# - fc2: $(500+1)\cdot10 = 5010$
# - **total: 431080**
#
# torchsummary 결과와 같습니다 (ReLU/pool은 `forward`에서 `F.`로 써서 summary에 안 나옴).

# %%
from torchsummary import summary
from DeepMNIST import Net

summary(Net(), (1, 28, 28), device="cpu")

# ----------------------------------------------------------------
#         Layer (type)               Output Shape         Param #
# ================================================================
#             Conv2d-1           [-1, 20, 24, 24]             520
#             Conv2d-2             [-1, 50, 8, 8]          25,050
#             Linear-3                  [-1, 500]         400,500
#             Linear-4                   [-1, 10]           5,010
# ================================================================
# Total params: 431,080
# Trainable params: 431,080
# Non-trainable params: 0
# ----------------------------------------------------------------
# Input size (MB): 0.00
# Forward/backward pass size (MB): 0.12
# Params size (MB): 1.64
# Estimated Total Size (MB): 1.76
# ----------------------------------------------------------------

# %% [markdown]
# **Test accuracy**: 10 epoch 학습 후 **99.21%** (epoch 8에서 99.27%가 최고였음).
