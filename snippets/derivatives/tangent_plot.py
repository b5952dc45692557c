import matplotlib.pyplot as plt
import numpy as np


def f(x):
    return 3 * x**2 - 4 * x


x0, slope = 1.0, 2.0  # f'(1) = 6 * 1 - 4 = 2
xs = np.linspace(-0.5, 2.5, 200)

fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(xs, f(xs), label=r"$f(x) = 3x^2 - 4x$")
ax.plot(xs, f(x0) + slope * (xs - x0), "--", label=r"$x = 1$ 处的切线：$y = 2x - 3$")
ax.plot([x0], [f(x0)], "o", color="black")
ax.set_xlabel("$x$")
ax.set_ylabel("$y$")
ax.grid(alpha=0.3)
ax.legend()
print(f"切点 ({x0}, {f(x0)})，切线斜率 {slope}")
