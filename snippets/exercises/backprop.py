import torch

# f = (x y + z)²，令 u = x y + z，则 ∂f/∂u = 2u，∂f/∂x = 2u·y，∂f/∂y = 2u·x，∂f/∂z = 2u
x, y, z = (torch.tensor(v, requires_grad=True) for v in (1.0, 2.0, 3.0))
u = x * y + z
f = u**2
f.backward()
print(f"u = {u.item()}, f = {f.item()}")
print(f"∂f/∂x = {x.grad.item()}, ∂f/∂y = {y.grad.item()}, ∂f/∂z = {z.grad.item()}")
