import torch


def f(x):
    return x**4 - 4 * x**3


# 驻点 x = 0 和 x = 3 处的 f、f′、f″
for x0 in (0.0, 3.0):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    (d1,) = torch.autograd.grad(f(x), x, create_graph=True)
    (d2,) = torch.autograd.grad(d1, x)
    print(f"x = {x0}: f = {f(x).item():.1f}, f′ = {d1.item():.1f}, f″ = {d2.item():.1f}")

# x = 0 两侧 f′ 的符号
xs = torch.tensor([-0.1, 0.1], dtype=torch.float64, requires_grad=True)
f(xs).sum().backward()
print(f"f′(-0.1) = {xs.grad[0].item():.4f}，f′(0.1) = {xs.grad[1].item():.4f}")
