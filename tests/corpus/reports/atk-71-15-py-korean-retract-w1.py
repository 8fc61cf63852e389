# HW2 답안 -- 박지훈 (20190377)
# 보고서 대신 dict 로 정리함
# 표기: s(u) = 1/(1+exp(-u)),  t = w1*x,  a = s(t),  v = w2*a,  f = w3*s(v)
# (f) 데이터: (x^1, y^1), (x^2, y^2)

ANSWERS = {
    "1b": {
        "i_exp": "exp(-u)/(1+exp(-u))**2",
        "ii_sigma": "s(u)*(1-s(u))",
    },
    "1c": "forward: x 에서 f 까지 순서대로 계산하고 저장 / backward: f 에서 거꾸로 chain rule 로 미분",
    "1d": "s(v)",
    "1e": {
        "w2": "w3*s(v)*(1-s(v))*a",
        "w1": "w3*s(v)*(1-s(v))*w2*a*(1-a)*x",   # 틀림 -> w2 빠져야 함: w3*s(v)*(1-s(v))*a*(1-a)*x
    },
    "1f": {
        "grad": "grad L = sum_{k=1,2} 2*(f(x^k) - y^k) * grad f(x^k)",
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
