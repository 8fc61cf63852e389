### A Pluto.jl notebook ###
# v0.19.38

using Markdown
using InteractiveUtils

# ╔═╡ 0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0001
md"""
# DL Homework 3 — Backpropagation / MNIST
**Aino Virtanen**, MSc Applied Mathematics, student no. 915204

Problem 1 is written in this Pluto notebook (Julia) because I wanted to check the derivatives numerically; Problem 2 is at the bottom, the PyTorch code is in `DeepMNIST.py`.

**Notation.** ``S(t) = 1/(1+e^{-t})`` is the logistic function (= ``\sigma_1 = \sigma_2``). For a map ``F:\mathbb{R}^3\to\mathbb{R}`` I write ``DF(w)`` for its Fréchet derivative at ``w`` (a linear functional) and ``DF(w)[h]`` for the directional derivative in direction ``h = (h_1,h_2,h_3)``; the gradient is the Riesz representer, ``DF(w)[h] = \langle \nabla F(w), h\rangle``.

Fix ``x`` and put ``g := w_1 x`` and ``a := w_2\,S(g)``, so ``f(w) = f_w(x) = w_3\,S(a)``.
"""

# ╔═╡ 0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0002
md"""
## Problem 1

**(a)** ``x \to g = w_1x \to S(g) \to a = w_2 S(g) \to S(a) \to f = w_3 S(a)`` (drawing on paper, attached photo).

**(b)** (i) ``\displaystyle S'(u) = \frac{d}{du}(1+e^{-u})^{-1} = \frac{e^{-u}}{(1+e^{-u})^2}``

(ii) ``\displaystyle S'(u) = \frac{1}{1+e^{-u}}\cdot\frac{e^{-u}}{1+e^{-u}} = S(u)\,\bigl(1-S(u)\bigr)`` ``= S(u)\,S(-u)``, since ``1-S(u) = S(-u)``.

**(c)** Forward pass = evaluate ``g, S(g), a, S(a), f`` for the given ``x, w`` and store them. Backward pass = evaluate the derivative of the composition as a product of the derivatives of the factors, from the output back to the weights (reverse-mode), using the stored values — in Fréchet language: compose the adjoints of the linearised maps in reverse order.
"""

# ╔═╡ 0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0003
md"""
**(d)–(e)** Linearise step by step in direction ``h``:

``Dg(w)[h] = x\,h_1``

``Da(w)[h] = h_2\,S(g) + w_2\,S'(g)\,Dg(w)[h] = S(g)\,h_2 + w_2 S'(g)\,x\,h_1``

``Df(w)[h] = h_3\,S(a) + w_3\,S'(a)\,Da(w)[h]``
``\quad = S(a)\,h_3 + w_3 S'(a) S(g)\,h_2 + w_3 S'(a)\,w_2 S'(g)\,x\,h_1 .``

Taking ``h = e_3, e_2, e_1``:

``\dfrac{\partial f}{\partial w_3} = S(a) = S\bigl(w_2 S(w_1x)\bigr)``

``\dfrac{\partial f}{\partial w_2} = w_3\,S'(a)\,S(g) = w_3\,S(a)\bigl(1-S(a)\bigr)\,S(w_1 x)``

``\dfrac{\partial f}{\partial w_1} = w_3\,S'(a)\,w_2\,S'(g)\,x = w_2 w_3 x\, S(a)\bigl(1-S(a)\bigr)\,S(g)\bigl(1-S(g)\bigr)``
"""

# ╔═╡ 0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0004
S(t) = 1 / (1 + exp(-t))

# ╔═╡ 0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0005
dS(t) = S(t) * (1 - S(t))

# ╔═╡ 0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0006
f(w, x) = w[3] * S(w[2] * S(w[1] * x))

# ╔═╡ 0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0007
function ∇f(w, x)
	g = w[1] * x
	a = w[2] * S(g)
	[w[3] * dS(a) * w[2] * dS(g) * x,
	 w[3] * dS(a) * S(g),
	 S(a)]
end

# ╔═╡ 0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0008
# finite-difference check, should be ~1e-10
let w = [2.0, -0.5, 3.0], x = 0.5, h = 1e-6
	fd = [(f(w .+ h .* e, x) - f(w .- h .* e, x)) / 2h for e in ([1,0,0], [0,1,0], [0,0,1])]
	maximum(abs.(fd .- ∇f(w, x)))
end

# ╔═╡ 0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0009
md"""
(At ``w = (2, -0.5, 3)``, ``x = 0.5`` I get ``\nabla f \approx (-0.03566,\ 0.53038,\ 0.40962)``, and the finite differences agree to ~1e-11.)

**(f)** ``L(w) = \sum_{i=1}^{2}\bigl(y^i - f_{w}(x^i)\bigr)^2``. For one term, ``D\bigl[(y - f)^2\bigr](w)[h] = 2\,(y-f_w(x))\cdot\bigl(-Df(w)[h]\bigr)``, so

``DL(w)[h] = \sum_i 2\bigl(f_w(x^i) - y^i\bigr)\,\langle\nabla f_w(x^i), h\rangle``

and reading off the representer:

``\nabla_w L(w) = \sum_{i=1}^{2} c\,\bigl(f_w(x^i) - y^i\bigr)\,\nabla_w f_w(x^i)``, with ``c = 2`` — or ``c = 1``, if the loss carries the usual factor ``\tfrac12`` as in the lecture slides. I wasn't sure which convention the sheet means (the lecture always had the ½), so I left ``c`` open; the code cell below uses ``c = 1``.

Componentwise, with ``g^i = w_1x^i``, ``a^i = w_2S(g^i)``:

``\partial_{w_1}L = \sum_i c\,(f_w(x^i)-y^i)\; w_3 S'(a^i)\, w_2 S'(g^i)\, x^i``

``\partial_{w_2}L = \sum_i c\,(f_w(x^i)-y^i)\; w_3 S'(a^i)\, S(g^i)``

``\partial_{w_3}L = \sum_i c\,(f_w(x^i)-y^i)\; S(a^i)``

**Gradient descent** with step ``\alpha > 0``: ``\; w^{k+1} = w^{k} - \alpha\,\nabla_w L(w^{k})``.
"""

# ╔═╡ 0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0010
∇L(w, D; c = 1) = sum(c * (f(w, x) - y) * ∇f(w, x) for (x, y) in D)

# ╔═╡ 0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0011
let D = [(1.0, 0.3), (-2.0, 1.1)], w = [0.5, -1.0, 2.0], α = 0.1
	for k in 1:5
		w = w - α * ∇L(w, D)
	end
	w
end

# ╔═╡ 0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0012
md"""
## Problem 2

**(a)** input ``28\times28`` (``\times 1`` channel); conv1 filters ``5\times5\times1``, twenty of them; after conv1 ``24\times24\times20``; after ``2\times2`` max-pooling ``12\times12\times20``.

**(b)** Output side length ``= \lfloor (n + 2p - k)/s\rfloor + 1``. We need ``12 \mapsto 8``:
- ``k = 5,\ s = 1,\ p = 0``: ``(12-5)/1 + 1 = 8`` ✓
- ``k = 7,\ s = 1,\ p = 1``: ``(12+2-7)/1+1 = 8`` ✓ as well

So conv2: filter ``5\times5`` with stride 1 (no padding), or ``7\times7`` with stride 1 and padding 1 — both give ``8\times8``; channel dimension ``20`` in either case, 50 filters. Then pooling gives ``4\times4\times50``.

**(c)** from `DeepMNIST.py` (`sum(numel.(params))`-style count, I printed every layer):

| layer | formula | # |
|:--|:--|--:|
| conv1 | ``20\cdot(25\cdot1) + 20`` | 520 |
| relu1 | | 0 |
| pool1 | | 0 |
| conv2 | ``50\cdot(25\cdot20) + 50`` | 25 050 |
| relu2 | | 0 |
| pool2 | | 0 |
| fc1 | ``500\cdot800 + 500`` | 400 500 |
| fc2 | ``10\cdot500 + 10`` | 5 010 |
| total | | **431 080** |

Test accuracy 99.17 % (10 epochs).
"""

# ╔═╡ Cell order:
# ╟─0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0001
# ╟─0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0002
# ╟─0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0003
# ╠═0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0004
# ╠═0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0005
# ╠═0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0006
# ╠═0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0007
# ╠═0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0008
# ╟─0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0009
# ╠═0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0010
# ╠═0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0011
# ╟─0b6c1e2a-7d41-11ee-0a3f-5b1a9c3e0012
