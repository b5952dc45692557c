# ℓ(x) = 3x² + 2x，ℓ′(x) = 6x + 2，最小值点 x* = -1/3。梯度下降：x ← x - η ℓ′(x)


def descend(lr, steps=50, x=1.0):
    for _ in range(steps):
        x = x - lr * (6 * x + 2)
    return x


for lr in (0.1, 1 / 6, 0.3, 0.33, 0.34):
    print(f"η = {lr:.4f}：50 步后 x = {descend(lr):.6g}")
print(f"η = 1/6 时一步之后 x = {descend(1 / 6, steps=1):.6f}")
