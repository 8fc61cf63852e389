### A Pluto.jl notebook ###
# v0.19.40

using Markdown
using InteractiveUtils

# ╔═╡ 02d8be69-c65e-4e50-8871-31e39bcba5b8
md"""
# Homework 2 — Back propagation & MNIST

**Name:** Lena Vogt  ·  **Student ID:** 20181147

I did the derivations with `Symbolics.jl` and checked every closed form numerically against the CAS result (cells at the bottom of each part). The PyTorch code for the MNIST part is in `DeepMNIST.py` (separate file, as required); I only redo the shape / parameter bookkeeping here in Julia.
"""

# ╔═╡ 69ae7d7d-adba-4ac7-a267-194f35c7b6ba
using Symbolics, LinearAlgebra

# ╔═╡ 4ee011c2-de4c-4947-b554-6bf350696b09
md"""
## Problem 1 — Back propagation

```math
f_w(x) = w_3\,\sigma_2\big(w_2\,\sigma_1(w_1 x)\big),\qquad \sigma_1(u)=\sigma_2(u)=\frac{1}{1+e^{-u}}
```

Notation (same as in the lecture): ``x_1 = w_1 x``, ``x_2 = w_2\,\sigma_1(x_1)``, so ``f_w(x) = w_3\,\sigma_2(x_2)``.
"""

# ╔═╡ ca6f17c4-10ea-4c13-8260-cde60c5540aa
md"""
### (a) computational graph

I couldn't get a nice graph plot to work in Pluto (GraphRecipes kept failing to precompile), so here it is as text:

```
 x ──┐
     (*)──► x1 ──► σ1 ──► s1 ──┐
 w1 ─┘                        (*)──► x2 ──► σ2 ──► s2 ──┐
                       w2 ────┘                        (*)──► f_w(x)
                                                 w3 ───┘
```

Leaves: ``x, w_1, w_2, w_3``. Inner nodes: two multiplications feeding the sigmoids, one final multiplication. Backprop goes along the same edges from right to left.
"""

# ╔═╡ dab31097-cc96-4e4b-a573-0c895ae0218e
@variables u x w1 w2 w3

# ╔═╡ 979cca3c-1e4f-4087-8ecb-3ac2486590e7
σ(t) = 1 / (1 + exp(-t))

# ╔═╡ 0cff1ad7-1df5-4cce-8c2c-3c6c6ef9b72f
dσ = Symbolics.derivative(σ(u), u)
# shows:  exp(-u) / ((1 + exp(-u))^2)

# ╔═╡ c35f0984-2698-4558-8001-d62c4307277b
md"""
### (b)

(i) Symbolics gives `exp(-u) / ((1 + exp(-u))^2)`, i.e.

```math
\frac{d\sigma_1}{du} = \frac{e^{-u}}{(1+e^{-u})^2}
```

(ii) write ``\frac{e^{-u}}{(1+e^{-u})^2} = \frac{1}{1+e^{-u}}\cdot\frac{e^{-u}}{1+e^{-u}}`` and ``\frac{e^{-u}}{1+e^{-u}} = 1-\frac{1}{1+e^{-u}}``, so

```math
\frac{d\sigma_1}{du} = \sigma_1(u)\,\big(1-\sigma_1(u)\big)
```

(the cell below checks that the difference is zero at a bunch of random points — `simplify` alone did not reduce it to 0, Symbolics is a bit weak with exp)
"""

# ╔═╡ 06c49d90-3511-4b9f-bd4f-402ff0c0397f
let
	g(t) = σ(t) * (1 - σ(t))
	pts = randn(20) .* 4
	maximum(abs.([substitute(dσ, Dict(u => p)) - g(p) for p in pts]))
end
# ≈ 1.3877787807814457e-17   -> same function

# ╔═╡ 66c1906f-21e1-442d-bf4f-424e2f09bfe8
md"""
### (c) forward / backward pass

**Forward pass:** evaluate the graph from the inputs to the output for the current weights: ``x_1 = w_1x``, ``\sigma_1(x_1)``, ``x_2 = w_2\sigma_1(x_1)``, ``\sigma_2(x_2)``, ``f = w_3\sigma_2(x_2)``, and *store* the intermediate values because the backward pass needs them.

**Backward pass:** start with ``\partial f/\partial f = 1`` at the output and go through the graph in reverse order; at each node multiply the incoming gradient by the local derivative of that node (chain rule) and pass it on to its inputs. At the leaves ``w_1,w_2,w_3`` you get the partial derivatives of ``f`` (or of the loss) w.r.t. the weights. Each local derivative is cheap because the forward values are cached, e.g. ``\sigma'(x_2) = \sigma(x_2)(1-\sigma(x_2))``.
"""

# ╔═╡ 4f465ee8-c1e3-470c-b530-c76be5d2c465
f = w3 * σ(w2 * σ(w1 * x))

# ╔═╡ 672fff5a-50b0-4e1d-b50e-cad6b441bdd0
∇f = Symbolics.gradient(f, [w1, w2, w3])
# [1] w2*w3*x*exp(-w1*x)*exp(-w2 / (1 + exp(-w1*x))) / (((1 + exp(-w1*x))^2)*((1 + exp(-w2 / (1 + exp(-w1*x))))^2))
# [2] w3*exp(-w2 / (1 + exp(-w1*x))) / ((1 + exp(-w1*x))*((1 + exp(-w2 / (1 + exp(-w1*x))))^2))
# [3] 1 / (1 + exp(-w2 / (1 + exp(-w1*x))))

# ╔═╡ 3b4bb686-1060-4dc6-aaca-3d039b175b0c
md"""
### (d)

Third entry of the gradient above: `1 / (1 + exp(-w2 / (1 + exp(-w1*x))))`, which is just

```math
\frac{\partial f_w}{\partial w_3} = \sigma_2(x_2) = \sigma\big(w_2\,\sigma(w_1x)\big)
```

### (e)

Chain rule along the graph (σ' = σ(1−σ) from (b)):

```math
\frac{\partial f_w}{\partial w_2} = \underbrace{w_3}_{\partial f/\partial \sigma_2}\cdot\underbrace{\sigma_2(x_2)(1-\sigma_2(x_2))}_{\partial\sigma_2/\partial x_2}\cdot\underbrace{\sigma_1(x_1)}_{\partial x_2/\partial w_2}
```

```math
\frac{\partial f_w}{\partial w_1} = w_3\cdot\sigma_2(x_2)(1-\sigma_2(x_2))\cdot w_2\cdot\sigma_1(x_1)(1-\sigma_1(x_1))\cdot x
```

These agree with entries [2] and [1] of `∇f` (checked numerically in the next cell). E.g. in [2], ``\frac{1}{1+e^{-w_1x}} = \sigma_1(x_1)`` and ``\frac{e^{-x_2}}{(1+e^{-x_2})^2} = \sigma_2'(x_2)``.
"""

# ╔═╡ 75bafe16-7845-4dd0-85b5-2d0cedde052d
let
	sp(t) = σ(t) * (1 - σ(t))
	mine(xv, a, b, c) = begin
		x1 = a * xv; x2 = b * σ(x1)
		[c * sp(x2) * b * sp(x1) * xv, c * sp(x2) * σ(x1), σ(x2)]
	end
	err = 0.0
	for _ in 1:50
		xv, a, b, c = randn(4) .* 2
		cas = [Symbolics.value(substitute(g, Dict(x => xv, w1 => a, w2 => b, w3 => c))) for g in ∇f]
		err = max(err, norm(cas - mine(xv, a, b, c)))
	end
	err
end
# 2.2e-16  ✓

# ╔═╡ 4261257b-efa5-41f7-b0ee-a14002ff8a41
md"""
### (f) gradient descent on two points

```math
L(w) = \sum_{(x,y)\in D}\big(y - f_w(x)\big)^2 = \big(y^1 - f_w(x^1)\big)^2 + \big(y^2 - f_w(x^2)\big)^2
```

Differentiating each square (inner derivative of ``y - f_w`` is ``-\nabla_w f_w``):

```math
\nabla_w L(w) = \sum_{i=1}^{2} -2\big(y^i - f_w(x^i)\big)\,\nabla_w f_w(x^i) = \sum_{i=1}^{2} 2\big(f_w(x^i) - y^i\big)\begin{pmatrix}\partial f_w(x^i)/\partial w_1\\ \partial f_w(x^i)/\partial w_2\\ \partial f_w(x^i)/\partial w_3\end{pmatrix}
```

with, for each data point (``x_1^i = w_1x^i``, ``x_2^i = w_2\sigma_1(x_1^i)``):

- ``\partial f_w(x^i)/\partial w_1 = w_3\,\sigma_2(x_2^i)(1-\sigma_2(x_2^i))\,w_2\,\sigma_1(x_1^i)(1-\sigma_1(x_1^i))\,x^i``
- ``\partial f_w(x^i)/\partial w_2 = w_3\,\sigma_2(x_2^i)(1-\sigma_2(x_2^i))\,\sigma_1(x_1^i)``
- ``\partial f_w(x^i)/\partial w_3 = \sigma_2(x_2^i)``

Update with step size α:

```math
w \leftarrow w - \alpha\,\nabla_w L(w)
```

i.e. componentwise ``w_k^{new} = w_k - \alpha\sum_{i=1}^2 2(f_w(x^i)-y^i)\,\partial f_w(x^i)/\partial w_k`` for k = 1,2,3 (all three updated simultaneously with the old w).
"""

# ╔═╡ 61134fd6-603b-436a-b335-12653681c647
let
	@variables xa xb ya yb α
	fw(t) = w3 * σ(w2 * σ(w1 * t))
	L = (ya - fw(xa))^2 + (yb - fw(xb))^2
	∇L = Symbolics.gradient(L, [w1, w2, w3])
	# spot check of the 3rd component vs. my formula
	mine3 = 2 * (fw(xa) - ya) * σ(w2 * σ(w1 * xa)) + 2 * (fw(xb) - yb) * σ(w2 * σ(w1 * xb))
	vals = Dict(xa => 0.3, xb => -1.2, ya => 1.0, yb => 0.0, w1 => 0.5, w2 => -0.7, w3 => 1.1)
	Symbolics.value(substitute(∇L[3] - mine3, vals))
end
# 0.0

# ╔═╡ 2e1a0b33-e517-478a-b93e-29af81b717d9
md"""
## Problem 2 — MNIST

### (a)

- input: ``28\times 28`` (one gray channel, so ``28\times28\times1``)
- conv1 filters: ``5\times 5\times 1``, and there are 20 of them (weight tensor ``20\times1\times5\times5`` in PyTorch order)
- after conv1 (stride 1, no padding): ``28-5+1 = 24`` → ``24\times24\times20``
- after 2×2 max pooling (stride 2): ``12\times12\times20``

### (b)

We need ``12\times12\times20 \to 8\times8\times50``. With no padding, output = ``(12 - k)/s + 1 = 8``. ``k = 5, s = 1`` works (``s = 2`` would need ``k = -2``, impossible, so stride 1).

- filter size ``5\times5`` (each filter is ``5\times5\times20``, 50 filters)
- stride 1
- channel dimension 20 (must match the 20 channels coming out of pool1)
- padding 0

then 2×2 pooling → ``4\times4\times50``, flattened 800 for fc1.
"""

# ╔═╡ 20de3c6b-bce9-404d-b532-fe326c151443
begin
	convout(n, k; s = 1, p = 0) = (n + 2p - k) ÷ s + 1
	n1 = convout(28, 5)        # 24
	p1 = n1 ÷ 2                # 12
	n2 = convout(p1, 5)        # 8
	p2 = n2 ÷ 2                # 4
	(n1, p1, n2, p2)
end
# (24, 12, 8, 4)

# ╔═╡ 78afc619-9eac-43bb-8de8-85c07925c4a3
begin
	nconv(k, cin, cout) = (k * k * cin + 1) * cout   # weights + one bias per filter
	nfc(nin, nout) = (nin + 1) * nout
	layers = [
		"conv1" => nconv(5, 1, 20),
		"relu1" => 0,
		"pool1" => 0,
		"conv2" => nconv(5, 20, 50),
		"relu2" => 0,
		"pool2" => 0,
		"fc1"   => nfc(4 * 4 * 50, 500),
		"fc2"   => nfc(500, 10),
	]
	total = sum(last.(layers))
	layers, total
end
# conv1 => 520, relu1 => 0, pool1 => 0, conv2 => 25050, relu2 => 0, pool2 => 0,
# fc1 => 400500, fc2 => 5010         total = 431080

# ╔═╡ afb0c772-50a3-4695-999a-ab583083ad49
md"""
### (c) number of parameters (with biases)

| layer | computation | # params |
|:--|:--|--:|
| conv1 | (5·5·1 + 1)·20 | 520 |
| relu1 | – | 0 |
| pool1 | – | 0 |
| conv2 | (5·5·20 + 1)·50 | 25 050 |
| relu2 | – | 0 |
| pool2 | – | 0 |
| fc1 | (800 + 1)·500 | 400 500 |
| fc2 | (500 + 1)·10 | 5 010 |
| **total** | | **431 080** |

Same number as `sum(p.numel() for p in net.parameters())` printed by my PyTorch script.

Test accuracy after 10 epochs (from `DeepMNIST.py`): **99.12 %** (best epoch 99.21 %).
"""

# ╔═╡ 00000000-0000-0000-0000-000000000001
PLUTO_PROJECT_TOML_CONTENTS = """
[deps]
LinearAlgebra = "37e2e46d-f89d-539d-b4ee-838fcccc9c8e"
Symbolics = "0c5d862f-8b57-4792-8d23-62f2024744c7"

[compat]
Symbolics = "~5.28.0"
"""

# ╔═╡ Cell order:
# ╟─02d8be69-c65e-4e50-8871-31e39bcba5b8
# ╠═69ae7d7d-adba-4ac7-a267-194f35c7b6ba
# ╟─4ee011c2-de4c-4947-b554-6bf350696b09
# ╟─ca6f17c4-10ea-4c13-8260-cde60c5540aa
# ╠═dab31097-cc96-4e4b-a573-0c895ae0218e
# ╠═979cca3c-1e4f-4087-8ecb-3ac2486590e7
# ╠═0cff1ad7-1df5-4cce-8c2c-3c6c6ef9b72f
# ╟─c35f0984-2698-4558-8001-d62c4307277b
# ╠═06c49d90-3511-4b9f-bd4f-402ff0c0397f
# ╟─66c1906f-21e1-442d-bf4f-424e2f09bfe8
# ╠═4f465ee8-c1e3-470c-b530-c76be5d2c465
# ╠═672fff5a-50b0-4e1d-b50e-cad6b441bdd0
# ╟─3b4bb686-1060-4dc6-aaca-3d039b175b0c
# ╠═75bafe16-7845-4dd0-85b5-2d0cedde052d
# ╟─4261257b-efa5-41f7-b0ee-a14002ff8a41
# ╠═61134fd6-603b-436a-b335-12653681c647
# ╟─2e1a0b33-e517-478a-b93e-29af81b717d9
# ╠═20de3c6b-bce9-404d-b532-fe326c151443
# ╠═78afc619-9eac-43bb-8de8-85c07925c4a3
# ╟─afb0c772-50a3-4695-999a-ab583083ad49
# ╟─00000000-0000-0000-0000-000000000001
