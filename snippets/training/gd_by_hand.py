# 梯度下降最小化 ℓ(x) = -P(x) = 2x² - 17x + 100（即最大化利润 P），ℓ'(x) = 4x - 17，最小值点 x* = 4.25


def loss_derivative(x):
    return 4 * x - 17


rates = (0.1, 0.25, 0.4, 0.6)
paths = {}
for lr in rates:
    x = 0.0  # 从 x = 0 出发
    path = [x]
    for _ in range(30):
        x = x - lr * loss_derivative(x)  # 沿导数的反方向走一步，步长 lr × |ℓ'(x)|
        path.append(x)
    paths[lr] = path

print("  k" + "".join(f"{'η = ' + str(lr):>16}" for lr in rates))
for k in (0, 1, 2, 3, 5, 10, 20, 30):
    print(f"{k:>3}" + "".join(f"{paths[lr][k]:>16.6f}" for lr in rates))

# 每一步，到 x* 的距离都乘以同一个数 1 - 4η
for lr in rates:
    ratio = (paths[lr][1] - 4.25) / (paths[lr][0] - 4.25) + 0.0  # + 0.0 把 -0.0 变成 0.0
    print(f"η = {lr:<4}：(x₁ - x*) / (x₀ - x*) = {ratio:+.2f}，1 - 4η = {1 - 4 * lr:+.2f}")
