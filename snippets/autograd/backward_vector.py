import torch


def ys(x):
    x1, x2, x3 = x
    return torch.stack([x1 * x2 * x3, x1 + x2 + x3, x1 + x2 * x3])


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = ys(x)
print(y)

# y 不是标量：不带参数的 backward 不知道该对什么求导
try:
    y.backward()
except RuntimeError as e:
    print(e)

# 传入 v = ∂A/∂y，得到向量–雅可比积 Jᵀv = ∂A/∂x
y.backward(torch.tensor([0.1, 0.2, 0.3]))
print(x.grad)

# v 全为 1 时，Jᵀv 就是 y.sum() 的梯度
x.grad = None
ys(x).backward(torch.ones(3))
with_ones = x.grad
x.grad = None
ys(x).sum().backward()
print(with_ones, torch.equal(with_ones, x.grad))
