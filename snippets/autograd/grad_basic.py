import torch

x = torch.arange(4.0)
x.requires_grad_(True)  # 让 autograd 记录对 x 的运算；x.grad 要到第一次 backward 之后才有值
print(x)

y = 2 * torch.dot(x, x)  # y = 2 * (x0² + x1² + x2² + x3²)
print(y)

y.backward()  # 反向传播：计算 dy/dx，结果存进 x.grad
print(x.grad)
print(x.grad == 4 * x)  # 与手算的 dy/dx = 4x 逐项比较
