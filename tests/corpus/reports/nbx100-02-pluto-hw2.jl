### A Pluto.jl notebook ###
# v0.19.46

using Markdown
using InteractiveUtils

# ╔═╡ c7b162db-d4fe-4b79-9054-b96bd04e4714
md"""
# DL Homework 2

**Tomás Oliveira** — 2019-31447

Pluto notebook (sorry, I do everything in Julia; the MNIST part is in `DeepMNIST.py` with PyTorch as required). Written answers are the markdown cells, the code cells are my checks.
"""

# ╔═╡ a7cd5736-9619-4477-83d1-61e15794136a
md"""
## 1. Back propagation

```math
f_w(x) = w_3\,\sigma_2\!\left(w_2\,\sigma_1(w_1 x)\right), \qquad \sigma_1 = \sigma_2 = \sigma, \quad \sigma(u) = \frac{1}{1+e^{-u}}
```

Shorthands: ``x_1 = w_1 x``, ``x_2 = w_2\,\sigma(x_1)``, ``f = w_3\,\sigma(x_2)``.

**(a)** graph: ``x, w_1 \to [\times] \to x_1 \to [\sigma_1] \to [\times]\leftarrow w_2 \to x_2 \to [\sigma_2] \to [\times] \leftarrow w_3 \to f``  (drawn version in `graph.png`)
"""

# ╔═╡ b40e4864-27d2-4305-b51e-f3f7309b947d
md"""
**(b)**

(i)
```math
\frac{d\sigma_1}{du} = \frac{d}{du}\left(1+e^{-u}\right)^{-1} = \frac{e^{-u}}{\left(1+e^{-u}\right)^2}
```

(ii) since ``1-\sigma(u) = \frac{e^{-u}}{1+e^{-u}}``:
```math
\frac{d\sigma_1}{du} = \sigma_1(u)\,\bigl(1-\sigma_1(u)\bigr)
```

I write ``\sigma'(u) = \sigma(u)(1-\sigma(u))`` below.

**(c)** Forward pass = compute ``x_1, \sigma(x_1), x_2, \sigma(x_2), f`` in order and keep them. Backward pass = start at the output and propagate ``\partial f/\partial(\cdot)`` backwards node by node, each node multiplies by its local derivative (chain rule), using the values saved in the forward pass.
"""

# ╔═╡ f48f8f11-2211-4510-a597-6431ecc031eb
md"""
**(d)**
```math
\frac{\partial f}{\partial w_3} = \sigma_2(x_2) = \sigma\bigl(w_2\,\sigma(w_1 x)\bigr)
```

**(e)**
```math
\frac{\partial f}{\partial w_2} = w_3\,\sigma'(x_2)\,\frac{\partial x_2}{\partial w_2} = w_3\,\sigma(x_2)\bigl(1-\sigma(x_2)\bigr)\,\sigma(x_1)
```

```math
\frac{\partial f}{\partial w_1} = \frac{\partial f}{\partial x_2}\,\frac{\partial x_2}{\partial x_1}\,\frac{\partial x_1}{\partial w_1} = w_3\,\sigma'(x_2)\cdot w_2\,\sigma'(x_1)
```
```math
= w_3\, w_2\,\sigma(x_2)\bigl(1-\sigma(x_2)\bigr)\,\sigma(x_1)\bigl(1-\sigma(x_1)\bigr)
```

Checked against finite differences in the cell below → agrees.
"""

# ╔═╡ ef5dfff0-a464-4795-bbce-7dd32c930d9f
σ(u) = 1 / (1 + exp(-u))

# ╔═╡ 6c1f4cd3-22fb-4709-9d91-59c7d68cc0f5
dσ(u) = σ(u) * (1 - σ(u))

# ╔═╡ 8e0ba50e-d324-477f-ae6c-3e9172c1276f
f(x, w) = w[3] * σ(w[2] * σ(w[1] * x))

# ╔═╡ ea672a07-8afc-4942-92b9-15e3c1dcd683
function ∇f(x, w)
	x₁ = w[1] * x
	x₂ = w[2] * σ(x₁)
	[w[3] * dσ(x₂) * w[2] * dσ(x₁),
	 w[3] * dσ(x₂) * σ(x₁),
	 σ(x₂)]
end

# ╔═╡ 3080473a-5d2d-40a8-948c-f2c50f968c7d
let
	x, w, h = 1.0, [0.3, 0.7, -1.2], 1e-6
	num = [(f(x, w .+ h .* (1:3 .== j)) - f(x, w .- h .* (1:3 .== j))) / 2h for j in 1:3]
	maximum(abs.(num .- ∇f(x, w)))   # ~1e-10
end

# ╔═╡ 3a709e8a-9836-4baa-ba07-9918724e8511
md"""
**(f)**

```math
\mathcal{L}(w) = \sum_{(x,y)\in D} \bigl(y - f_w(x)\bigr)^2, \qquad D = \{(x^1,y^1), (x^2,y^2)\}
```

```math
\nabla_w \mathcal{L} = \sum_{i=1}^{2} -2\bigl(y^i - f_w(x^i)\bigr)\,\nabla_w f_w(x^i) = \sum_{i=1}^{2} 2\bigl(f_w(x^i) - y^i\bigr)\,\nabla_w f_w(x^i)
```

written out (``x_1^i = w_1 x^i``, ``x_2^i = w_2 \sigma(x_1^i)``):

```math
\nabla_w \mathcal{L} = \sum_{i=1}^{2} 2\bigl(f_w(x^i) - y^i\bigr)
\begin{pmatrix}
w_3\,\sigma'(x_2^i)\, w_2\,\sigma'(x_1^i) \\
w_3\,\sigma'(x_2^i)\,\sigma(x_1^i) \\
\sigma(x_2^i)
\end{pmatrix}
```

Update (gradient descent, step ``\alpha``):

```math
w \leftarrow w - \alpha\,\nabla_w \mathcal{L}(w)
```
"""

# ╔═╡ 4c1f5479-bd44-4448-86a1-6ff45595e05c
begin
	D = [(1.0, 0.0), (1.0, 1.0)]   # toy data
	L(w) = sum((y - f(x, w))^2 for (x, y) in D)
	∇L(w) = sum(2 * (f(x, w) - y) .* ∇f(x, w) for (x, y) in D)
	w₀ = [0.3, 0.7, -1.2]
	α = 0.5
	w₁ = w₀ .- α .* ∇L(w₀)
	(L(w₀), L(w₁))   # loss goes down
end

# ╔═╡ e6579810-e403-4ff0-b74d-dc67354835ee
md"""
## 2. MNIST

**(a)** input: ``28 \times 28`` (1 channel). conv1 filters: ``5\times5\times1``, 20 of them (``5\times5\times1\times20``). After conv1 (stride 1, no padding): ``28-5+1 = 24`` → ``24\times24\times20``. After ``2\times2`` max pool: ``12\times12\times20``.

**(b)** ``12 \to 8`` with no padding: ``(12 - F)/S + 1 = 8`` → ``F = 5, S = 1``. So conv2: filter ``5\times5``, stride 1, channel dim 20 (input channels), 50 filters → ``8\times8\times50``, pool → ``4\times4\times50``.

**(c)** (weights + biases)

| layer | params |
|:--|--:|
| conv1 | 5·5·1·20 + 20 = 520 |
| relu1 | 0 |
| pool1 | 0 |
| conv2 | 5·5·20·50 + 50 = 25050 |
| relu2 | 0 |
| pool2 | 0 |
| fc1 | 800·500 + 500 = 400500 |
| fc2 | 500·10 + 10 = 5010 |
| **total** | **431080** |

Test accuracy (PyTorch, 10 epochs): 98.97 %.
"""

# ╔═╡ 29c17159-8b22-4067-ac60-7bb97766f40a
sum([5*5*1*20 + 20, 5*5*20*50 + 50, 800*500 + 500, 500*10 + 10])

# ╔═╡ 00000000-0000-0000-0000-000000000001
PLUTO_PROJECT_TOML_CONTENTS = """
[deps]
"""

# ╔═╡ 00000000-0000-0000-0000-000000000002
PLUTO_MANIFEST_TOML_CONTENTS = """
# This file is machine-generated - editing it directly is not advised

julia_version = "1.10.4"
manifest_format = "2.0"
project_hash = "da39a3ee5e6b4b0d3255bfef95601890afd80709"

[deps]
"""

# ╔═╡ Cell order:
# ╟─c7b162db-d4fe-4b79-9054-b96bd04e4714
# ╟─a7cd5736-9619-4477-83d1-61e15794136a
# ╟─b40e4864-27d2-4305-b51e-f3f7309b947d
# ╟─f48f8f11-2211-4510-a597-6431ecc031eb
# ╠═ef5dfff0-a464-4795-bbce-7dd32c930d9f
# ╠═6c1f4cd3-22fb-4709-9d91-59c7d68cc0f5
# ╠═8e0ba50e-d324-477f-ae6c-3e9172c1276f
# ╠═ea672a07-8afc-4942-92b9-15e3c1dcd683
# ╠═3080473a-5d2d-40a8-948c-f2c50f968c7d
# ╟─3a709e8a-9836-4baa-ba07-9918724e8511
# ╠═4c1f5479-bd44-4448-86a1-6ff45595e05c
# ╟─e6579810-e403-4ff0-b74d-dc67354835ee
# ╠═29c17159-8b22-4067-ac60-7bb97766f40a
# ╟─00000000-0000-0000-0000-000000000001
# ╟─00000000-0000-0000-0000-000000000002
