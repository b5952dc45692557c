import math

import matplotlib.pyplot as plt
import numpy as np

# f(x) = log(1 + eˣ)（softplus）在 x0 = 1 附近的一阶、二阶泰勒近似
x0 = 1.0
s = 1 / (1 + math.exp(-x0))  # f'(x) = σ(x)
f0, f1, f2 = math.log1p(math.exp(x0)), s, s * (1 - s)  # f(x0), f'(x0), f''(x0)


def f(x):
    return np.log1p(np.exp(x))


def linear(h):
    return f0 + f1 * h


def quadratic(h):
    return f0 + f1 * h + f2 * h**2 / 2


fig, (left, right) = plt.subplots(1, 2, figsize=(7, 3.4))
h = np.linspace(-3, 3, 200)
left.plot(x0 + h, f(x0 + h), label="$f(x)$", color="black")
left.plot(x0 + h, linear(h), "--", label="一阶（切线）")
left.plot(x0 + h, quadratic(h), ":", label="二阶")
left.plot([x0], [f0], "o", color="crimson")
left.set_ylim(-1, 5)
left.set_xlabel("$x$")
left.set_title(r"$\log(1+e^x)$ 在 $x_0=1$ 附近")
left.legend(fontsize=8)

hs = np.logspace(-3, 0, 40)
err1 = np.abs(f(x0 + hs) - linear(hs))
err2 = np.abs(f(x0 + hs) - quadratic(hs))
right.loglog(hs, err1, label="一阶的误差")
right.loglog(hs, err2, label="二阶的误差")
right.set_xlabel("$h$")
right.set_title("误差随 $h$ 缩小（双对数）")
right.legend(fontsize=8)
fig.tight_layout()

# 在 h ∈ [1e-3, 1e-2] 上拟合 log|误差| 对 log h 的斜率
small = hs <= 1e-2
slope1 = np.polyfit(np.log(hs[small]), np.log(err1[small]), 1)[0]
slope2 = np.polyfit(np.log(hs[small]), np.log(err2[small]), 1)[0]
print(f"f''(1) = {f2:.4f}，f'''(1) = {f2 * (1 - 2 * s):.4f}")
print(f"一阶近似误差的斜率 {slope1:.2f}，二阶近似误差的斜率 {slope2:.2f}")
print(f"h = 0.01：一阶误差 {err1[small][-1]:.3e}，二阶误差 {err2[small][-1]:.3e}")
