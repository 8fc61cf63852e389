# HW2 답안 -- 이수민 (20180934)
# 보고서 대신 dict 로 정리함 (python3 로 실행하면 pprint 로 출력됨)
#
# 표기 (Problem 1):
#   s(u) = 1/(1+exp(-u))        # sigma1 = sigma2 = s
#   t = w1*x                    # 첫 번째 sigmoid 의 입력
#   a = s(t)                    # 첫 번째 sigmoid 의 출력
#   v = w2*a                    # 두 번째 sigmoid 의 입력
#   f = w3*s(v)
# 데이터 (f 문제): (X1, Y1), (X2, Y2)  -- 대문자는 데이터 포인트
#   k = 1, 2 에 대해 t_k = w1*X_k, a_k = s(t_k), v_k = w2*a_k, f_k = w3*s(v_k)

ANSWERS = {
    "student": {"name": "이수민", "id": "20180934"},

    # ---------------- Problem 1 ----------------
    "1a": "graph.png 참고 (x -> *w1 -> s -> *w2 -> s -> *w3 -> f)",
    "1b": {
        "i_exp": "exp(-u)/(1+exp(-u))**2",
        # (1+exp(-u))**-1 미분: -(1+exp(-u))**-2 * (-exp(-u))
        "ii_sigma": "s(u)*(1-s(u))",   # 처음엔 (1+s) 로 썼다가 고침: exp(-u)/(1+exp(-u)) = 1 - s(u)
    },
    "1c": {
        "forward": "x, w 로부터 t, a, v, s(v), f 를 순서대로 계산하고 값을 저장",
        "backward": "f 에서 거꾸로 chain rule 로 local derivative 를 곱해가며 df/dw1, df/dw2, df/dw3 계산",
    },
    "1d": "s(v)",                                   # = s(w2*s(w1*x))
    "1e": {
        "w2": "w3 * s(v)*(1-s(v)) * a",             # df/ds(v) * ds/dv * dv/dw2
        "w1": "w3 * s(v)*(1-s(v)) * w2 * s(t)*(1-s(t)) * x",
        # df/ds(v) * ds/dv * dv/da * da/dt * dt/dw1
    },
    "1f": {
        "loss": "L(w) = (Y1 - f_1)**2 + (Y2 - f_2)**2",
        # d/df (Y - f)**2 = -2*(Y - f) = 2*(f - Y)
        "grad": [
            "dL/dw1 = sum_{k=1,2} 2*(f_k - Y_k) * w3*s(v_k)*(1-s(v_k)) * w2*s(t_k)*(1-s(t_k)) * X_k",
            "dL/dw2 = sum_{k=1,2} 2*(f_k - Y_k) * w3*s(v_k)*(1-s(v_k)) * a_k",
            "dL/dw3 = sum_{k=1,2} 2*(f_k - Y_k) * s(v_k)",
        ],
        "update": ("w1 - alpha*dL/dw1", "w2 - alpha*dL/dw2", "w3 - alpha*dL/dw3"),
        # 즉 w_new = w - alpha * grad L (세 개 동시에, 이전 w 값으로 계산)
    },

    # ---------------- Problem 2 ----------------
    "2a": {
        "input": (28, 28),
        "conv1_filter": (5, 5, 1, 20),      # 5x5x1 필터 20개
        "after_conv1": (24, 24, 20),        # 28 - 5 + 1 = 24
        "after_pool1": (12, 12, 20),
    },
    "2b": {
        "kernel": (5, 5),
        "stride": 1,
        "in_channels": 20,                  # 필터 50개, 각각 5x5x20
        "padding": 0,                       # (12 - 5)/1 + 1 = 8 -> 8x8x50 -> pool -> 4x4x50
    },
    "2c": {
        "conv1": (5*5*1 + 1) * 20,          # 520
        "relu1": 0,
        "pool1": 0,
        "conv2": (5*5*20 + 1) * 50,         # 25050
        "relu2": 0,
        "pool2": 0,
        "fc1": (4*4*50 + 1) * 500,          # 400500
        "fc2": (500 + 1) * 10,              # 5010
        "total": 431080,                    # bias 포함
    },
    "acc": "99.17%",                        # 10 epoch
}

if __name__ == "__main__":
    import pprint
    pprint.pprint(ANSWERS)
    print(sum(v for k, v in ANSWERS["2c"].items() if k != "total"))
