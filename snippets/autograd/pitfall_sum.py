import torch
from torch.autograd.functional import jacobian


def square(x):
    return x**2  # 逐元素：y_i 只依赖 x_i


def mix(x):
    return x * x.sum()  # y_i = x_i · (x_1 + x_2 + x_3)：每个 y_i 依赖所有 x_j


x = torch.tensor([1.0, 2.0, 3.0])
for f in (square, mix):
    xs = x.clone().requires_grad_()
    f(xs).sum().backward()  # 得到的是 J^T·1：J 每一列的和
    J = jacobian(f, x)
    print(f"{f.__name__}: sum().backward() 给出 {xs.grad}，J 的对角线 {torch.diagonal(J)}")
