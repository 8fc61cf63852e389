# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3
#     name: python3
# ---

# %% [markdown]
# # HW3 – backprop
# **Kim Doyeon** (2021-10442)
#
# $f_w(x) = w_3\,\sigma(w_2\,\sigma(w_1 x))$, notation: $z_1 = w_1 x$, $s_1 = \sigma(z_1)$, $z_2 = w_2 s_1$, $s_2 = \sigma(z_2)$

# %% [markdown]
# ### 1(b)
# (i) $\dfrac{d\sigma}{du} = \dfrac{e^{-u}}{(1+e^{-u})^2}$
#
# (ii) $\dfrac{d\sigma}{du} = \sigma(u)\,(1-\sigma(u))$

# %% [markdown]
# ### 1(d)
# $$\frac{\partial f}{\partial w_3} = s_2$$
#
# ### 1(e)
# $$\frac{\partial f}{\partial w_2} = w_3\, s_2(1-s_2)\, s_1$$
#
# $$\frac{\partial f}{\partial w_1} = w_3\, s_2(1-s_2)\, w_2\, s_1(1-s_1)\, x$$

# %%
import sympy as sp
x, w1, w2, w3 = sp.symbols('x w1 w2 w3')
sig = lambda t: 1 / (1 + sp.exp(-t))
f = w3 * sig(w2 * sig(w1 * x))
s1 = sig(w1 * x); s2 = sig(w2 * s1)
dfdw1 = w3 * s2 * (1 - s2) * w2 * s1 * (1 - s1) * x
print(sp.simplify(sp.diff(f, w1) - dfdw1))
# !! 1(e) df/dw2 in the markdown above is missing the w2 from z2 = w2*s1, it is w3*s2*(1-s2)*w2*s1
dfdw2 = w3 * s2 * (1 - s2) * w2 * s1

# %% [markdown]
# ### 1(f)
# $$\nabla_w L = \sum_{i=1}^{2} 2\big(f_w(x^i) - y^i\big)\,\nabla_w f_w(x^i)$$
#
# $$w^{new} = w - \alpha\,\nabla_w L(w)$$
