import torch

# z = y · x，y = x² 被 detach：z 对 x 的梯度是 y，而不是 3x²
x = torch.tensor(2.0, requires_grad=True)
y = (x**2).detach()
z = y * x
z.backward()
print(x.grad)

# 不 detach：z = x³，梯度是 3x²
x.grad = None  # 丢掉上一次的梯度（与 x.grad.zero_() 效果相同）
z = (x**2) * x
z.backward()
print(x.grad)
