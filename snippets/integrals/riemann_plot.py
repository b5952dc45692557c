from itertools import pairwise

import matplotlib.pyplot as plt
import numpy as np

n, a, b = 4, 0.0, 2.0
dx = (b - a) / n
nodes = np.linspace(a, b, n + 1)
xs = np.linspace(a, b, 200)

fig, (left, trap, zoom) = plt.subplots(1, 3, figsize=(11, 3.6), layout="constrained")
for ax in (left, trap):
    ax.plot(xs, xs**2, color="black", linewidth=1.5, label=r"$y = x^2$")
for ax in (left, trap, zoom):
    ax.set_xlabel("$x$")
    ax.grid(alpha=0.3)

# 左矩形：每个小区间的高取左端点的函数值，总是偏小（x² 在 [0, 2] 上递增）
left.bar(nodes[:-1], nodes[:-1] ** 2, width=dx, align="edge", alpha=0.4, edgecolor="tab:blue")
left.set_title(f"左矩形，n = {n}")
left.legend(loc="upper left")

# 梯形：用连接两端点的线段代替曲线；线段与曲线之间的缝隙涂成红色
gaps = np.zeros_like(xs)
for x0, x1 in pairwise(nodes):
    trap.fill([x0, x0, x1, x1], [0, x0**2, x1**2, 0], alpha=0.4, color="tab:orange")
    inside = (xs >= x0) & (xs <= x1)
    chord = x0**2 + (x0 + x1) * (xs[inside] - x0)  # 连接 (x0, x0²) 与 (x1, x1²) 的线段
    trap.fill_between(xs[inside], xs[inside] ** 2, chord, color="crimson")
    gaps[inside] = chord - xs[inside] ** 2
trap.set_title(f"梯形，n = {n}")

# 右图：把顶边与曲线的高度差单独画出来，纵轴放大
zoom.fill_between(xs, 0, gaps, color="crimson", alpha=0.8)
zoom.set_xlim(a, b)
zoom.set_ylim(0, 0.1)
zoom.set_ylabel("顶边高度 − 曲线高度")
zoom.set_title("梯形顶边高出曲线的部分")

left_sum = dx * sum(nodes[:-1] ** 2)
trapezoid_sum = dx / 2 * (nodes[0] ** 2 + 2 * sum(nodes[1:-1] ** 2) + nodes[-1] ** 2)
print(f"左矩形面积 {left_sum:.6f}，梯形面积 {trapezoid_sum:.6f}，精确值 {8 / 3:.6f}")
print(f"每个小区间中点处顶边高出曲线 {(dx / 2) ** 2:.4f}，梯形面积多出 {trapezoid_sum - 8 / 3:.6f}")
