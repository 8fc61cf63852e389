# HW3 answers -- Mateo Rossi (2019-55120)
# notation: s(u) = 1/(1+exp(-u)); x1 = w1*x, x2 = w2*s(x1), f = w3*s(x2)
# data for (f): (x^1, y^1), (x^2, y^2)

answers = {
    "1b": {
        "i": "exp(-u)/(1+exp(-u))**2",
        "ii": "s(u)*(1-s(u))",
    },
    "1c": "forward = evaluate the graph from x to f, backward = chain rule from f back to the weights",
    "1d": ("s(x2)"            # or w3*s(x2)?? ask in office hours
           ""),
    "1e": {
        "w2": "w3*s(x2)*(1-s(x2))*s(x1)",
        "w1": "w3*s(x2)*(1-s(x2))*w2*s(x1)*(1-s(x1))*x",
    },
    "1f": {
        "grad": "grad L = sum_{i=1,2} 2*(f(x^i) - y^i) * grad f(x^i)",
        "update": "w <- w - alpha * grad L",
    },
    "2a": ["28x28", "5x5x1x20", "24x24x20", "12x12x20"],
    "2b": "5x5 filters, stride 1, 20 input channels, 50 of them, no padding",
    "2c": {
        "conv1": 520, "relu1": 0, "pool1": 0,
        "conv2": 25050, "relu2": 0, "pool2": 0,
        "fc1": 400500, "fc2": 5010,
        "total": 431080,
    },
}
