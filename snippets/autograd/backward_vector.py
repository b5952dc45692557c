import torch

x1 = torch.tensor(1.0, requires_grad=True)
x2 = torch.tensor(2.0, requires_grad=True)
x3 = torch.tensor(3.0, requires_grad=True)

y1 = x1 * x2 * x3
y2 = x1 + x2 + x3
y3 = x1 + x2 * x3
y = torch.stack([y1, y2, y3])
print(y)

# y 不是标量，backward 需要一个与 y 同形的向量 v = dA/dy，
# 得到的是 v 与雅可比矩阵的乘积，即 dA/dx
v = torch.tensor([0.1, 0.2, 0.3])
y.backward(v)
print(x1.grad, x2.grad, x3.grad)
