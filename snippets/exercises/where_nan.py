import torch

x = torch.tensor([-1.0, 4.0], requires_grad=True)
f = torch.where(x > 0, torch.sqrt(x), torch.zeros_like(x))
f.sum().backward()
print(f"前向 {f.tolist()}，梯度 {x.grad.tolist()}")

# 修正：先让没被选中的分支拿到一个安全的输入
x.grad = None
safe = torch.where(x > 0, x, torch.ones_like(x))
f = torch.where(x > 0, torch.sqrt(safe), torch.zeros_like(x))
f.sum().backward()
print(f"修正后：前向 {f.tolist()}，梯度 {x.grad.tolist()}")
