import math

import torch


def autograd_derivative(h, x0):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    (grad,) = torch.autograd.grad(h(x), x)
    return grad.item()


def central_difference(h, x0, step=1e-5):
    x = torch.tensor([x0 - step, x0 + step], dtype=torch.float64)
    low, high = h(x).tolist()
    return (high - low) / (2 * step)


# f(x) = sin x，g(x) = x² + 1，以及它们的导数
f, df = torch.sin, math.cos
g, dg = (lambda x: x**2 + 1), (lambda x: 2 * x)
x0 = 0.8
fx, gx, dfx, dgx = math.sin(x0), x0**2 + 1, df(x0), dg(x0)

rules = [
    # (法则, 组合出的函数, 按法则算出的导数)
    ("3 f", lambda x: 3 * f(x), 3 * dfx),  # 常数倍法则
    ("f + g", lambda x: f(x) + g(x), dfx + dgx),  # 加法法则
    ("f g", lambda x: f(x) * g(x), dfx * gx + fx * dgx),  # 乘法法则
    ("f / g", lambda x: f(x) / g(x), (dfx * gx - fx * dgx) / gx**2),  # 除法法则
    ("f(g(x))", lambda x: f(g(x)), math.cos(gx) * dgx),  # 链式法则
]
print(f"x = {x0}       按法则      autograd      中心差分")
for name, h, by_rule in rules:
    values = (by_rule, autograd_derivative(h, x0), central_difference(h, x0))
    print(f"{name:<10}" + "".join(f"{v:>14.8f}" for v in values))

# 除法一行的导数接近 0，但“接近 0”本身说明不了什么，要看它是否变号


def quotient_derivative(x):
    return (math.cos(x) * g(x) - math.sin(x) * dg(x)) / g(x) ** 2


print(f"(f/g)'(0.7) = {quotient_derivative(0.7):+.6f}, (f/g)'(0.9) = {quotient_derivative(0.9):+.6f}")
