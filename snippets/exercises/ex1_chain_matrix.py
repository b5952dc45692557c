import torch

x1, x2, x3 = (torch.tensor(v, requires_grad=True) for v in (1.0, 2.0, 3.0))
y = torch.stack([x1 * x2 * x3, x1 + x2 + x3, x1 + x2 * x3])
y.backward(torch.tensor([0.1, 0.2, 0.3]))  # v = (∂A/∂y1, ∂A/∂y2, ∂A/∂y3)
print(x1.grad, x2.grad, x3.grad)
