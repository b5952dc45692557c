import torch


def cost(x):
    return x**2 - 6 * x + 10


# C'(x) = 2x - 6 = 0 得 x = 3；C''(x) = 2 > 0，所以是极小值点
x = torch.tensor(3.0, requires_grad=True)
c = cost(x)
(d1,) = torch.autograd.grad(c, x, create_graph=True)
(d2,) = torch.autograd.grad(d1, x)
print(f"C(3) = {c.item()}, C'(3) = {d1.item()}, C''(3) = {d2.item()}")
