import math

import numpy as np

# f = exp，在 x = 1 处 f′(1) = e。比较不同步长 h 的中心差分误差
exact = math.e


def central64(h):
    return (math.exp(1 + h) - math.exp(1 - h)) / (2 * h)


def central32(h):  # 每一步都舍入到 float32：输入、函数值、差、商
    one, h32 = np.float32(1.0), np.float32(h)
    up = np.float32(math.exp(float(np.float32(one + h32))))
    down = np.float32(math.exp(float(np.float32(one - h32))))
    return float((up - down) / (np.float32(2) * h32))


print("     h      float64 误差   float32 误差")
for k in range(1, 10):
    h = 10.0**-k
    print(f"  1e-{k}      {abs(central64(h) - exact):.1e}       {abs(central32(h) - exact):.1e}")
for name, mu in (("float64", 2.0**-53), ("float32", 2.0**-24)):
    h_star = (3 * mu) ** (1 / 3)
    print(
        f"{name}：μ = {mu:.2e}，h* = (3μ)^(1/3) = {h_star:.1e}，误差界 {h_star**2 * exact / 6 + mu * exact / h_star:.1e}"
    )
