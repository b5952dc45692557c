import math

import torch

# y = sin(u)，u = x²，所以 dy/dx = dy/du · du/dx = cos(x²) · 2x
x0 = 1.2
u0 = x0**2
by_chain_rule = math.cos(u0) * 2 * x0

x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
y = torch.sin(x**2)
y.backward()

print(f"dy/du = cos(u) = {math.cos(u0):.6f}")
print(f"du/dx = 2x     = {2 * x0:.6f}")
print(f"链式法则 dy/dx = {by_chain_rule:.6f}")
print(f"autograd dy/dx = {x.grad.item():.6f}")
