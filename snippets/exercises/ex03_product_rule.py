import math

import torch

# f(x) = x e^x，按乘法法则 f'(x) = e^x + x e^x = (1 + x) e^x
for x0 in (0.0, 1.0):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    (x * torch.exp(x)).backward()
    print(f"x = {x0}: autograd {x.grad.item():.6f}, (1 + x)e^x = {(1 + x0) * math.exp(x0):.6f}")
