import torch
from torch.autograd.functional import jacobian


def ys(x):
    x1, x2, x3 = x
    return torch.stack([x1 * x2 * x3, x1 + x2 + x3, x1 + x2 * x3])


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
v = torch.tensor([0.1, 0.2, 0.3])  # 假设已知的 ∂A/∂y

J = jacobian(ys, x)  # J[i, j] = ∂y_i / ∂x_j
print("雅可比矩阵 J =")
print(J)
print("J^T v =", J.T @ v)

ys(x).backward(v)  # backward(v) 直接算向量–雅可比积，不需要先把 J 构造出来
print("x.grad =", x.grad)
print(torch.allclose(x.grad, J.T @ v))
