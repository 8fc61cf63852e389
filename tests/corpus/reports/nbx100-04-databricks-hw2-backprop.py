# Databricks notebook source
# MAGIC %md
# MAGIC # Deep Learning – Homework 2
# MAGIC **Alejandro Ruiz Calderón** – student no. 20181652
# MAGIC
# MAGIC I work part time (data eng.) and only had access to our Databricks workspace with a GPU cluster this week, so this is a Databricks notebook exported as *Source file*. The markdown cells are the answers; `DeepMNIST.py` is the same code as the cells at the bottom, copied out.

# COMMAND ----------

# MAGIC %md
# MAGIC ## Problem 1 – Back propagation
# MAGIC
# MAGIC f_w(x) = w3 · σ2( w2 · σ1( w1 · x ) ),  σ1(u) = σ2(u) = 1 / (1 + exp(−u))
# MAGIC
# MAGIC Intermediate values:
# MAGIC * x1 = w1·x
# MAGIC * x2 = w2·σ1(x1)
# MAGIC * f = w3·σ2(x2)
# MAGIC
# MAGIC ### (a)
# MAGIC Graph: see attached `comp_graph.png` (nodes: mult(w1,x) → σ1 → mult(w2,·) → σ2 → mult(w3,·) → f).

# COMMAND ----------

# MAGIC %md
# MAGIC ### (b)
# MAGIC
# MAGIC **(i)**  σ1(u) = (1 + e^(−u))^(−1), so
# MAGIC
# MAGIC $$\frac{d\sigma_1}{du} = -1\cdot(1+e^{-u})^{-2}\cdot(-e^{-u}) = \frac{e^{-u}}{(1+e^{-u})^2}$$
# MAGIC
# MAGIC **(ii)**
# MAGIC
# MAGIC $$\frac{e^{-u}}{(1+e^{-u})^2} = \frac{1}{1+e^{-u}} \cdot \frac{(1+e^{-u}) - 1}{1+e^{-u}} = \sigma_1(u)\,(1-\sigma_1(u))$$
# MAGIC
# MAGIC ### (c)
# MAGIC * Forward pass: push x through the graph with the current w, compute (and cache) x1, σ1(x1), x2, σ2(x2) and the output f (and the loss).
# MAGIC * Backward pass: go from the output back to the inputs applying the chain rule at every node, giving ∂f/∂w (or ∂L/∂w) for all weights. Uses the cached forward values. Basically what `loss.backward()` does.

# COMMAND ----------

# MAGIC %md
# MAGIC ### (d)
# MAGIC ∂f/∂w3 = σ2(x2) = σ2( w2·σ1(w1·x) )
# MAGIC
# MAGIC ### (e)
# MAGIC ∂f/∂w2 = ∂f/∂σ2 · ∂σ2/∂x2 · ∂x2/∂w2
# MAGIC        = w3 · σ2(x2)(1 − σ2(x2)) · σ1(x1)
# MAGIC
# MAGIC ∂f/∂w1 = ∂f/∂σ2 · ∂σ2/∂x2 · ∂x2/∂σ1 · ∂σ1/∂x1 · ∂x1/∂w1
# MAGIC        = w3 · σ2(x2)(1 − σ2(x2)) · w2 · σ1(x1)(1 − σ1(x1)) · x
# MAGIC
# MAGIC Compared with torch autograd in the next cell, same numbers.

# COMMAND ----------

import torch

x = torch.tensor(0.5)
w = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)

f = w[2] * torch.sigmoid(w[1] * torch.sigmoid(w[0] * x))
f.backward()

with torch.no_grad():
    x1 = w[0] * x
    x2 = w[1] * torch.sigmoid(x1)
    s1, s2 = torch.sigmoid(x1), torch.sigmoid(x2)
    manual = torch.stack([w[2] * s2 * (1 - s2) * w[1] * s1 * (1 - s1) * x,
                          w[2] * s2 * (1 - s2) * s1,
                          s2])

print("autograd:", w.grad)
print("manual:  ", manual)

# autograd: tensor([-0.1224,  0.3242,  0.2236])
# manual:   tensor([-0.1224,  0.3242,  0.2236])

# COMMAND ----------

# MAGIC %md
# MAGIC ### (f)
# MAGIC
# MAGIC L(w) = Σ_{(x,y)∈D} (y − f_w(x))²,  D = {(x¹,y¹), (x²,y²)}
# MAGIC
# MAGIC So L(w) = (y¹ − f_w(x¹))² + (y² − f_w(x²))², and by the chain rule (inner derivative of (y − f) is −∂f/∂w):
# MAGIC
# MAGIC $$\nabla_w L(w) = \sum_{i=1}^{2} -2\,\big(y^i - f_w(x^i)\big)\,\nabla_w f_w(x^i)$$
# MAGIC
# MAGIC where ∇_w f_w(xⁱ) = ( ∂f/∂w1, ∂f/∂w2, ∂f/∂w3 ) from (d), (e) evaluated at xⁱ, i.e.
# MAGIC
# MAGIC * ∂L/∂w1 = Σᵢ −2(yⁱ − f_w(xⁱ)) · w3 σ2(x2ⁱ)(1 − σ2(x2ⁱ)) · w2 σ1(x1ⁱ)(1 − σ1(x1ⁱ)) · xⁱ
# MAGIC * ∂L/∂w2 = Σᵢ −2(yⁱ − f_w(xⁱ)) · w3 σ2(x2ⁱ)(1 − σ2(x2ⁱ)) · σ1(x1ⁱ)
# MAGIC * ∂L/∂w3 = Σᵢ −2(yⁱ − f_w(xⁱ)) · σ2(x2ⁱ)
# MAGIC
# MAGIC with x1ⁱ = w1 xⁱ, x2ⁱ = w2 σ1(x1ⁱ).
# MAGIC
# MAGIC **Update** with learning rate α (one step along the gradient):
# MAGIC
# MAGIC $$w^{new} = w + \alpha\,\nabla_w L(w)$$
# MAGIC
# MAGIC i.e. w1 ← w1 + α ∂L/∂w1, w2 ← w2 + α ∂L/∂w2, w3 ← w3 + α ∂L/∂w3, and repeat until L stops changing.

# COMMAND ----------

# MAGIC %md
# MAGIC ## Problem 2 – MNIST
# MAGIC
# MAGIC ### (a)
# MAGIC * Input: 28 × 28 × 1
# MAGIC * conv1 filter: 5 × 5 × 1, 20 filters → weight 20 × 1 × 5 × 5 in torch
# MAGIC * after conv1: (28 − 5)/1 + 1 = 24 → **24 × 24 × 20**
# MAGIC * after 2×2 max pool: **12 × 12 × 20**
# MAGIC
# MAGIC ### (b)
# MAGIC 12 × 12 × 20 → 8 × 8 × 50: (12 − k)/s + 1 = 8 → k = 5, s = 1 (no padding).
# MAGIC So conv2 = `nn.Conv2d(20, 50, kernel_size=5, stride=1)`: filter 5 × 5, stride 1, 20 input channels, 50 output channels. Pool → 4 × 4 × 50.
# MAGIC
# MAGIC ### (c) parameters (incl. bias)
# MAGIC
# MAGIC | layer | formula | params |
# MAGIC |---|---|---|
# MAGIC | conv1 | 5·5·1·20 + 20 | 520 |
# MAGIC | relu1 | – | 0 |
# MAGIC | pool1 | – | 0 |
# MAGIC | conv2 | 5·5·20·50 + 50 | 25,050 |
# MAGIC | relu2 | – | 0 |
# MAGIC | pool2 | – | 0 |
# MAGIC | fc1 | 800 · 500 | 400,000 |
# MAGIC | fc2 | 500·10 + 10 | 5,010 |
# MAGIC | **total** | | **430,580** |

# COMMAND ----------

conv1 = 5 * 5 * 1 * 20 + 20
conv2 = 5 * 5 * 20 * 50 + 50
fc1 = 4 * 4 * 50 * 500
fc2 = 500 * 10 + 10
print(conv1, conv2, fc1, fc2, conv1 + conv2 + fc1 + fc2)

# 520 25050 400000 5010 430580

# COMMAND ----------

# MAGIC %md
# MAGIC Training: 10 epochs, Adam lr 1e-3, batch 128, on the cluster GPU (g4dn). Final test accuracy **99.18 %** (log below). Nada más, gracias!

# COMMAND ----------

# MAGIC %sh
# MAGIC python /dbfs/FileStore/alejandro/hw2/DeepMNIST.py --epochs 10 | tail -n 3

# COMMAND ----------

# Epoch 9  Test Accuracy: 99.11
# Epoch 10 Test Accuracy: 99.18
