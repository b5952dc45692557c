import torch

x = torch.arange(4.0, requires_grad=True)

y = 2 * torch.dot(x, x)
y.backward()
print(x.grad)  # 4x

# 不清零就再做一次 backward：新梯度会加到旧梯度上
y = 4 * torch.dot(x, x)
y.backward()
print(x.grad)  # 4x + 8x = 12x，不是 8x

# 先清零，再反向传播，得到的才只是这一次的梯度
x.grad.zero_()
y = 4 * torch.dot(x, x)
y.backward()
print(x.grad)  # 8x
