import math

import torch


def autograd_derivative(f, x0):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    (grad,) = torch.autograd.grad(f(x), x)
    return grad.item()


def central_difference(f, x0, h=1e-5):
    x = torch.tensor([x0 - h, x0 + h], dtype=torch.float64)
    low, high = f(x).tolist()
    return (high - low) / (2 * h)


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


x0 = 1.5
cases = [
    # (函数, torch 写法, 求导公式给出的导数)
    ("C = 5", lambda x: 5 + 0 * x, lambda x: 0.0),
    ("x^3", lambda x: x**3, lambda x: 3 * x**2),
    ("x^(-1)", lambda x: x**-1, lambda x: -(x**-2)),
    ("e^x", torch.exp, math.exp),
    ("ln x", torch.log, lambda x: 1 / x),
    ("sin x", torch.sin, math.cos),
    ("cos x", torch.cos, lambda x: -math.sin(x)),
    ("sigmoid", torch.sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x))),
    ("tanh x", torch.tanh, lambda x: 1 - math.tanh(x) ** 2),
    ("ReLU(x)", torch.relu, lambda x: 1.0 if x > 0 else 0.0),
]
print(f"x = {x0}           公式      autograd      中心差分")
for name, f, formula in cases:
    values = (formula(x0), autograd_derivative(f, x0), central_difference(f, x0))
    print(f"{name:<12}" + "".join(f"{v:>14.8f}" for v in values))
