import torch

# f(x, y) = x² y + sin y，∇f = (2xy, x² + cos y)；在 (1, 0) 处为 (0, 2)
x = torch.tensor(1.0, requires_grad=True)
y = torch.tensor(0.0, requires_grad=True)
f = x**2 * y + torch.sin(y)
f.backward()
print(x.grad, y.grad)
