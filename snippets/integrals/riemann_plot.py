from itertools import pairwise

import matplotlib.pyplot as plt
import numpy as np

n, a, b = 8, 0.0, 2.0
dx = (b - a) / n
nodes = np.linspace(a, b, n + 1)
xs = np.linspace(a, b, 200)

fig, (left, trap) = plt.subplots(1, 2, figsize=(9, 3.6), sharey=True)
for ax in (left, trap):
    ax.plot(xs, xs**2, color="black", linewidth=1.5, label=r"$y = x^2$")
    ax.set_xlabel("$x$")
    ax.grid(alpha=0.3)

# 左矩形：每个小区间的高取左端点的函数值，总是偏小（x² 在 [0, 2] 上递增）
left.bar(nodes[:-1], nodes[:-1] ** 2, width=dx, align="edge", alpha=0.4, edgecolor="tab:blue")
left.set_title(f"left rectangles, n = {n}")

# 梯形：用连接两端点的线段代替曲线
for x0, x1 in pairwise(nodes):
    trap.fill([x0, x0, x1, x1], [0, x0**2, x1**2, 0], alpha=0.4, color="tab:orange", edgecolor="tab:orange")
trap.set_title(f"trapezoids, n = {n}")
left.legend(loc="upper left")

left_sum = dx * sum(nodes[:-1] ** 2)
trapezoid_sum = dx / 2 * (nodes[0] ** 2 + 2 * sum(nodes[1:-1] ** 2) + nodes[-1] ** 2)
print(f"左矩形面积 {left_sum:.6f}，梯形面积 {trapezoid_sum:.6f}，精确值 {8 / 3:.6f}")
