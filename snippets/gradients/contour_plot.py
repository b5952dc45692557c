import matplotlib.pyplot as plt
import numpy as np

# f(x, y) = x² + y² 的等高线，以及若干点上的梯度 ∇f = (2x, 2y)
grid = np.linspace(-2, 2, 201)
X, Y = np.meshgrid(grid, grid)
F = X**2 + Y**2

arrows = np.linspace(-1.5, 1.5, 5)
AX, AY = np.meshgrid(arrows, arrows)

fig, ax = plt.subplots(figsize=(5, 5))
contours = ax.contour(X, Y, F, levels=[0.25, 1, 2, 3, 4], colors="tab:blue", linewidths=1)
ax.clabel(contours, fontsize=8)
ax.quiver(AX, AY, 2 * AX, 2 * AY, color="crimson", angles="xy", scale_units="xy", scale=8, width=0.006)
ax.set_aspect("equal")
ax.set_xlabel("$x$")
ax.set_ylabel("$y$")
ax.set_title(r"$x^2 + y^2$ 的等高线与梯度 $\nabla f = (2x, 2y)$")
print(f"在 (1.5, 1.5) 处 ∇f = ({2 * 1.5}, {2 * 1.5})，指向远离原点、垂直于等高线的方向")
