# HW2 answers -- Daniel Okafor (2018-40211)
# I keep my answers in one dict so I can print them; notation for problem 1:
#   s(u) = 1/(1+exp(-u))     (sigma1 = sigma2 = s)
#   h1 = s(w1*x),  z2 = w2*h1,  f = w3*s(z2)
# for (f) the data points are (x^1, y^1), (x^2, y^2)

ANSWERS = {
    "1b": {
        "i": "exp(-u)/(1+exp(-u))**2",
        "ii": "s(u)*(1-s(u))",
    },
    "1c": "forward: compute h1, z2, s(z2), f from x and keep them; backward: from f go back with the chain rule",
    "1d": "s(z2)",
    "1e": {
        "w2": "w3*s(z2)*(1-s(z2))*h1",
        "w1": "w3*s(z2)*(1-s(z2))*w2*h1*(1-h1)*x",
    },
    "1f": {
        "grad": "grad L = sum_{i=1,2} 2*(f(x^i) - y^i) * grad f(x^i)",
        "update": "w <- w - alpha * grad L",
    },
    "2a": {
        "input": (28, 28),
        "conv1_filter": (5, 5, 1, 20),
        "after_conv1": (24, 24, 20),
        "after_pool1": (12, 12, 20),
    },
    "2b": {"kernel": (5, 5), "stride": 1, "in_channels": 20, "padding": 0},
    "2c": {
        "conv1": (5*5*1 + 1) * 20,
        "relu1": 0,
        "pool1": 0,
        "conv2": (5*5*20 + 1) * 50,
        "relu2": 0,
        "pool2": 0,
        "fc1": (4*4*50 + 1) * 500,
        "fc2": (500 + 1) * 10,
        "total": 431080,
    },
}

# re-checked (d) with Hannah on Sunday: the w3 stays in front
ANSWERS["1d"] = "w3*s(z2)"

if __name__ == "__main__":
    import pprint
    pprint.pprint(ANSWERS)
