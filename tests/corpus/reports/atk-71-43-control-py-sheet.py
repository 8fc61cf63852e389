# HW3 answers -- Minh Nguyen (2019-91827)
# notation: s(u) = 1/(1+exp(-u)); x1 = w1*x; x2 = w2*s(x1); f = w3*s(x2)
# (f): data points (x^1, y^1), (x^2, y^2)

ANSWERS = {
    "1b": {
        "i": "exp(-u)/(1+exp(-u))**2",
        "ii": "s(u)*(1-s(u))",      # first wrote (1+s), fixed it: exp(-u)/(1+exp(-u)) = 1 - s(u)
    },
    "1c": "forward: compute and store x1, s(x1), x2, s(x2), f; backward: chain rule from f back to the weights",
    "1d": "s(x2)",                  # = s(w2*s(w1*x))
    "1e": {
        "w2": "w3*s(x2)*(1-s(x2))*s(x1)",               # df/ds2 * ds2/dx2 * dx2/dw2
        "w1": "w3*s(x2)*(1-s(x2))*w2*s(x1)*(1-s(x1))*x",
    },
    "1f": {
        "grad": "grad L = sum_{i=1,2} 2*(f(x^i) - y^i) * grad f(x^i)",
        "update": "w <- w - alpha * grad L",
    },
    "2a": {"input": "28x28", "filter": "5x5x1x20", "conv1": "24x24x20", "pool1": "12x12x20"},
    "2b": {"filter": "5x5", "stride": 1, "channels": 20, "padding": 0},
    "2c": {
        "conv1": (5*5*1 + 1) * 20,
        "relu1": 0, "pool1": 0,
        "conv2": (5*5*20 + 1) * 50,
        "relu2": 0, "pool2": 0,
        "fc1": (4*4*50 + 1) * 500,
        "fc2": (500 + 1) * 10,
        "total": 431080,            # with biases
    },
}

if __name__ == "__main__":
    import pprint
    pprint.pprint(ANSWERS)
