import torch


def f(x):
    return torch.sqrt(1 + x**2)


def derivatives(x0):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    (d1,) = torch.autograd.grad(f(x), x, create_graph=True)
    (d2,) = torch.autograd.grad(d1, x)
    return d1.item(), d2.item()


for x0 in (0.9, 1.0, 1.1):
    xs = [x0]
    for _ in range(4):
        d1, d2 = derivatives(xs[-1])
        xs.append(xs[-1] - d1 / d2)  # 牛顿法
    print(f"牛顿法，x₀ = {x0}：" + ", ".join(f"{x:+.4f}" for x in xs))

x = 1.1
values = []
for _ in range(5):
    d1, _ = derivatives(x)
    values.append(f(torch.tensor(x)).item())
    x = x - 1.0 * d1  # 梯度下降，η = 1
print("梯度下降 η = 1，x₀ = 1.1 的 f：" + ", ".join(f"{v:.4f}" for v in values))
print(f"5 步后 x = {x:.4f}")
