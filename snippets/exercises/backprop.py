import torch

# f = (x y + z)²，令 s = x y + z，则 ∂f/∂s = 2s，∂f/∂x = 2s·y，∂f/∂y = 2s·x，∂f/∂z = 2s
x, y, z = (torch.tensor(v, requires_grad=True) for v in (1.0, 2.0, 3.0))
s = x * y + z
f = s**2
f.backward()
print(f"s = {s.item()}, f = {f.item()}")
print(f"∂f/∂x = {x.grad.item()}, ∂f/∂y = {y.grad.item()}, ∂f/∂z = {z.grad.item()}")
