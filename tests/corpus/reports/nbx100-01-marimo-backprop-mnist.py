import marimo

__generated_with = "0.10.9"
app = marimo.App(width="medium", app_title="HW2 - Backprop & MNIST")


@app.cell
def _():
    import marimo as mo
    import math
    return math, mo


@app.cell
def _(mo):
    mo.md(
        r"""
        # Homework 2 — Back propagation & MNIST

        **Name:** Lukas Brandt · **Matr.-Nr.:** 4127730

        I wrote this in marimo instead of Jupyter (hope that's ok — it is a plain `.py` file,
        `marimo edit hw2.py` opens it, `python hw2.py` also runs it). All written answers are in the
        markdown cells; the small code cells are only sanity checks.
        The PyTorch code for Problem 2 is in `DeepMNIST.py` as requested.
        """
    )
    return


@app.cell
def _(mo):
    mo.md(
        r"""
        ## Problem 1: Back propagation

        $$f_w(x) = w_3\,\sigma_2\big(w_2\,\sigma_1(w_1 x)\big),\qquad \sigma_1(u)=\sigma_2(u)=\frac{1}{1+e^{-u}}$$

        Notation I use throughout (same as in the lecture):

        - $x_1 = w_1 x$
        - $h_1 = \sigma_1(x_1)$
        - $x_2 = w_2 h_1 = w_2\,\sigma_1(x_1)$
        - $h_2 = \sigma_2(x_2)$, so $f_w(x) = w_3 h_2$

        ### (a) Computational graph

        ```
         x ──┐
             (×)──> x1 ──> [σ1] ──> h1 ──┐
         w1 ─┘                            (×)──> x2 ──> [σ2] ──> h2 ──┐
                                    w2 ──┘                             (×)──> f
                                                                 w3 ──┘
        ```
        (drew it properly on paper too, photo attached in the zip as `graph.jpg`)
        """
    )
    return


@app.cell
def _(mo):
    mo.md(
        r"""
        ### (b) Derivative of the sigmoid

        **(i) in terms of exp.** With $\sigma_1(u) = (1+e^{-u})^{-1}$ and the chain rule:

        $$\frac{d\sigma_1}{du} = -(1+e^{-u})^{-2}\cdot\frac{d}{du}\left(1+e^{-u}\right) = -(1+e^{-u})^{-2}\cdot(-e^{-u}) = \frac{e^{-u}}{(1+e^{-u})^2}$$

        **(ii) in terms of $\sigma_1$.** Split the fraction:

        $$\frac{e^{-u}}{(1+e^{-u})^2} = \frac{1}{1+e^{-u}}\cdot\frac{e^{-u}}{1+e^{-u}} = \frac{1}{1+e^{-u}}\cdot\left(1 - \frac{1}{1+e^{-u}}\right)$$

        $$\Rightarrow\quad \frac{d\sigma_1}{du} = \sigma_1(u)\,\big(1-\sigma_1(u)\big)$$

        From here on I write $\sigma'(u) := \sigma(u)(1-\sigma(u))$ (same for $\sigma_1,\sigma_2$ since they are the same function).
        """
    )
    return


@app.cell
def _(mo):
    mo.md(
        r"""
        ### (c) Forward and backward pass

        **Forward pass:** given the input $x$ and the current weights $w$, evaluate the graph from left to right
        ($x_1 \to h_1 \to x_2 \to h_2 \to f$) and **store** the intermediate values, since they are needed later.

        **Backward pass:** go through the graph from right to left, starting with $\partial f/\partial f = 1$ (or $\partial L/\partial f$),
        and at each node multiply the incoming gradient by the local derivative of that node (chain rule). This gives
        the derivatives w.r.t. all weights in one sweep, reusing the stored forward values and the shared partial products.
        """
    )
    return


@app.cell
def _(mo):
    mo.md(
        r"""
        ### (d) $\partial f/\partial w_3$

        $f = w_3 h_2$ and $h_2$ does not depend on $w_3$:

        $$\frac{\partial f_w}{\partial w_3} = h_2 = \sigma_2(x_2) = \sigma_2\big(w_2\,\sigma_1(w_1 x)\big)$$

        ### (e) $\partial f/\partial w_2$ and $\partial f/\partial w_1$

        Backward along the graph:

        $$\frac{\partial f}{\partial w_2} = \underbrace{\frac{\partial f}{\partial h_2}}_{w_3}\cdot\underbrace{\frac{\partial h_2}{\partial x_2}}_{\sigma_2'(x_2)}\cdot\underbrace{\frac{\partial x_2}{\partial w_2}}_{h_1}
        = w_3\,\sigma_2(x_2)\big(1-\sigma_2(x_2)\big)\,\sigma_1(x_1)$$

        $$\frac{\partial f}{\partial w_1} = \frac{\partial f}{\partial h_2}\cdot\frac{\partial h_2}{\partial x_2}\cdot\underbrace{\frac{\partial x_2}{\partial h_1}}_{w_2}\cdot\underbrace{\frac{\partial h_1}{\partial x_1}}_{\sigma_1'(x_1)}\cdot\underbrace{\frac{\partial x_1}{\partial w_1}}_{x}
        = w_3\,\sigma_2(x_2)\big(1-\sigma_2(x_2)\big)\cdot w_2\,\sigma_1(x_1)\big(1-\sigma_1(x_1)\big)\cdot x$$

        Note that the first two factors $\delta_2 := w_3\,\sigma_2'(x_2)$ are shared between both — that's exactly the
        "reuse" from (c). So $\partial f/\partial w_2 = \delta_2\, h_1$ and $\partial f/\partial w_1 = \delta_2\, w_2\, \sigma_1'(x_1)\, x$.

        Finite-difference check below (central differences, $h=10^{-6}$).
        """
    )
    return


@app.cell
def _(math):
    def sig(u):
        return 1.0 / (1.0 + math.exp(-u))

    def f(x, w1, w2, w3):
        return w3 * sig(w2 * sig(w1 * x))

    def grad_f(x, w1, w2, w3):
        x1 = w1 * x
        x2 = w2 * sig(x1)
        d2 = sig(x2) * (1 - sig(x2))
        d1 = sig(x1) * (1 - sig(x1))
        return (w3 * d2 * w2 * d1 * x,   # df/dw1
                w3 * d2 * sig(x1),       # df/dw2
                sig(x2))                 # df/dw3

    def fd_grad(x, w, h=1e-6):
        out = []
        for i in range(3):
            wp = list(w); wm = list(w)
            wp[i] += h; wm[i] -= h
            out.append((f(x, *wp) - f(x, *wm)) / (2 * h))
        return tuple(out)

    _x, _w = 0.5, (1.0, -2.0, 3.0)
    print("analytic:", grad_f(_x, *_w))
    print("numeric :", fd_grad(_x, _w))
    # analytic: (-0.12238466438506733, 0.32416286376422426, 0.2235809819479828)
    # numeric : (-0.12238466440273044, 0.3241628637740135, 0.22358098200614407)
    return f, fd_grad, grad_f, sig


@app.cell
def _(mo):
    mo.md(
        r"""
        Matches to ~1e-10, so (d) and (e) should be right. (Picked $x=0.5$ on purpose so that a forgotten
        factor $x$ would show up.)

        ### (f) Loss, gradient and update

        $$\mathcal{L}(w) = \sum_{(x,y)\in D}\big(y - f_w(x)\big)^2,\qquad D = \{(x^1,y^1),(x^2,y^2)\}$$

        Derivative of the square, inner derivative of $(y - f_w(x))$ w.r.t. $w$ is $-\nabla_w f_w(x)$:

        $$\nabla_w\mathcal{L}(w) = \sum_{i=1}^{2} 2\big(y^i - f_w(x^i)\big)\cdot\big(-\nabla_w f_w(x^i)\big)
        = \sum_{i=1}^{2} 2\big(f_w(x^i) - y^i\big)\,\nabla_w f_w(x^i)$$

        Component-wise, with $x_1^i = w_1 x^i$, $x_2^i = w_2\sigma_1(x_1^i)$ (i.e. the forward values for sample $i$):

        $$\frac{\partial\mathcal{L}}{\partial w_1} = \sum_{i=1}^{2} 2\big(f_w(x^i)-y^i\big)\; w_3\,\sigma_2'(x_2^i)\, w_2\,\sigma_1'(x_1^i)\, x^i$$

        $$\frac{\partial\mathcal{L}}{\partial w_2} = \sum_{i=1}^{2} 2\big(f_w(x^i)-y^i\big)\; w_3\,\sigma_2'(x_2^i)\,\sigma_1(x_1^i)$$

        $$\frac{\partial\mathcal{L}}{\partial w_3} = \sum_{i=1}^{2} 2\big(f_w(x^i)-y^i\big)\;\sigma_2(x_2^i)$$

        with $\sigma'(u) = \sigma(u)(1-\sigma(u))$ as defined in (b).

        **Gradient descent update** with step size $\alpha$:

        $$w^{\text{new}} = w - \alpha\,\nabla_w\mathcal{L}(w),\quad\text{i.e.}\quad w_j^{\text{new}} = w_j - \alpha\,\frac{\partial\mathcal{L}}{\partial w_j},\; j=1,2,3$$

        (minus sign because we want to go *down* the loss.) One numeric step is checked below, the loss goes down.
        """
    )
    return


@app.cell
def _(f, grad_f):
    D = [(0.5, 0.2), (-1.5, 0.9)]

    def loss(w):
        return sum((y - f(x, *w)) ** 2 for x, y in D)

    def grad_loss(w):
        g = [0.0, 0.0, 0.0]
        for x, y in D:
            gf = grad_f(x, *w)
            for j in range(3):
                g[j] += 2 * (f(x, *w) - y) * gf[j]
        return g

    _w = [1.0, -2.0, 3.0]
    _alpha = 0.1
    _w_new = [wj - _alpha * gj for wj, gj in zip(_w, grad_loss(_w))]
    print(loss(_w), "->", loss(_w_new))
    return D, grad_loss, loss


@app.cell
def _(mo):
    mo.md(
        r"""
        ## Problem 2: MNIST

        ### (a) First layer

        - input dimension: $28\times 28$ (×1 channel, grayscale)
        - conv1 filter dimension: $5\times5\times1$, and there are 20 of them, so the weight tensor is $5\times5\times1\times20$
          (PyTorch stores it as `[20, 1, 5, 5]`)
        - output after conv1 (stride 1, no padding): $28-5+1 = 24$ → $24\times24\times20$
        - output after $2\times2$ max-pooling (stride 2): $12\times12\times20$

        ### (b) Second conv layer

        Need $12\times12\times20 \to 8\times8\times50$. With output size $= (N - F + 2P)/S + 1$ and $P=0$:

        $(12 - F)/S + 1 = 8$. With $S=1$: $F=5$. With $S=2$: $12-F = 14$ → impossible. So:

        - filter size $5\times5$
        - stride 1
        - channel dimension of each filter = 20 (= input channels), and 50 filters → $5\times5\times20\times50$
        - no padding

        then pooling gives $4\times4\times50$.

        ### (c) Number of parameters (weights + biases)

        | layer | computation | # params |
        |---|---|---|
        | conv1 | $5\cdot5\cdot1\cdot20 + 20$ | 520 |
        | relu1 | – | 0 |
        | pool1 | – | 0 |
        | conv2 | $5\cdot5\cdot20\cdot50 + 50$ | 25,050 |
        | relu2 | – | 0 |
        | pool2 | – | 0 |
        | fc1 | $800\cdot500 + 500$ (800 = 4·4·50) | 400,500 |
        | fc2 | $500\cdot10 + 10$ | 5,010 |
        | **total** | | **431,080** |

        Checked with `sum(p.numel() for p in net.parameters())` → `431080`. fc1 is ~93% of all parameters, funny.

        **Test accuracy** after 10 epochs (SGD, lr 0.01, momentum 0.5, batch 64): **99.12 %**.
        """
    )
    return


if __name__ == "__main__":
    app.run()
