import matplotlib.pyplot as plt
import numpy as np


def profit(x):
    return 20 * x - (2 * x**2 + 3 * x + 100)


x0 = 17 / 4
xs = np.linspace(0, 9, 300)

fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(xs, profit(xs), label=r"$P(x) = -2x^2 + 17x - 100$")
ax.plot([x0], [profit(x0)], "o", color="crimson", label=rf"最大值点：$x = {x0}$，$P = {profit(x0)}$")
ax.axvline(x0, color="crimson", linestyle=":", linewidth=1)
ax.set_xlabel("产量 $x$")
ax.set_ylabel("利润 $P(x)$")
ax.grid(alpha=0.3)
ax.legend(loc="lower center")
print(f"P 在 x = {x0} 处最大，P({x0}) = {profit(x0)}")
