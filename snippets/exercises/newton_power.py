import torch


def derivatives(f, x0):
    """用 autograd 求 f 在 x0 处的一阶、二阶导数（双精度）。"""
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    (d1,) = torch.autograd.grad(f(x), x, create_graph=True)
    (d2,) = torch.autograd.grad(d1, x)
    return d1.item(), d2.item()


def newton(p, x0, steps, t=1.0):
    """对 f(x) = |x|^p 做 steps 步（阻尼）牛顿法 x ← x − t·f′/f″。"""
    xs = [x0]
    for _ in range(steps):
        d1, d2 = derivatives(lambda x: x.abs() ** p, xs[-1])
        xs.append(xs[-1] - t * d1 / d2)
    return xs


def show(xs):
    return ", ".join(f"{x:+.2e}" for x in xs)


# (a) 从离最小值点很近的 x₀ = 0.01 出发
for name, p in (("4/3", 4 / 3), ("3/2", 3 / 2), ("7/4", 7 / 4), ("3", 3.0)):
    xs = newton(p, 0.01, 5)
    print(f"p = {name}：{show(xs)}；x₁/x₀ = {xs[1] / xs[0]:+.4f}，(p−2)/(p−1) = {(p - 2) / (p - 1):+.4f}")
print(f"p = 2：{show(newton(2.0, 0.01, 1))}")
for t in (0.6, 0.7):
    print(f"p = 4/3，阻尼 t = {t}：{show(newton(4 / 3, 1.0, 5, t))}")

# (b) f(x) = √(1 + x²)，η = 1 的梯度下降，从牛顿法会发散的 x₀ = 3 出发
xs, values = [3.0], []
for _ in range(6):
    values.append(torch.sqrt(torch.tensor(1 + xs[-1] ** 2, dtype=torch.float64)).item())
    d1, _ = derivatives(lambda x: torch.sqrt(1 + x**2), xs[-1])
    xs.append(xs[-1] - 1.0 * d1)
print("梯度下降 η = 1，x₀ = 3 的 f：" + ", ".join(f"{v:.4f}" for v in values))
print(f"对应的 x：{show(xs[:6])}")
