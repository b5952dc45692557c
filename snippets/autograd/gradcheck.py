import torch
from torch.autograd import gradcheck


class Cube(torch.autograd.Function):
    """自己实现 x³ 的前向和反向。"""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x**3

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * 3 * x**2  # d(x³)/dx = 3x²


class BuggyCube(Cube):
    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * 2 * x**2  # 错误：系数应为 3


torch.manual_seed(0)
x = torch.randn(4, dtype=torch.float64, requires_grad=True)  # gradcheck 需要双精度

# gradcheck 用有限差分逐项核对 backward 给出的雅可比矩阵
print(gradcheck(Cube.apply, (x,)))
print(gradcheck(BuggyCube.apply, (x,), raise_exception=False))
